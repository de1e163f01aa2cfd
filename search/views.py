from dataclasses import replace

from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casestudies.languages import (
    LANGUAGE_CODES,
    native_name,
    reading_languages,
    remember_reading_languages,
)

from . import engines
from .facets import FILTERS, labellers
from .log import log_search
from .query import parse_search_query

PAGE_WINDOW = 2
FACET_VALUES_SHOWN = 6  # the rest of a facet's values behind "show more"
YEAR_CHIPS = {"year_min": _("From %(year)s"), "year_max": _("Until %(year)s")}


def search_page(request, index_page=None):
    """/<lang>/search/: the same parameters as the API, rendered; every state is a URL. A
    parameter that breaks its rule is corrected or left out, with a message beside its
    control, and the rest of the search is kept. The case study index page is this page with
    its own title and introduction (`index_page`)."""
    params = request.GET.copy()
    corrections = {}
    query = reader_query(request, params, corrections)
    reading = reading_languages(request, params.getlist("read"))
    only_readable = bool(params.get("readable"))
    results = engines.search(query)
    if results.page > results.pages:
        return HttpResponseRedirect(
            url_with(request.GET, page=str(results.pages) if results.total else None)
        )
    log_search(query, results.total)
    context = {
        "query": query,
        "results": results,
        "index_page": index_page,
        "page": index_page,  # for the site's templates: the language switcher, the menu
        "corrections": corrections,
        "year_correction": corrections.get("year_min") or corrections.get("year_max"),
        # On a phone, filters that needed correcting are shown open, with their message.
        "filters_open": bool(set(corrections) - {"q", "sort", "page", "page_size"}),
        "facets": facet_groups(results.facets, query, corrections),
        "reading": [
            {"code": code, "name": native_name(code), "checked": code in reading}
            for code in LANGUAGE_CODES
        ],
        "only_readable": only_readable,
        "chips": active_filters(query, request.GET),
        "pages": page_links(results, request.GET),
        "did_you_mean": url_with(request.GET, q=results.did_you_mean, page=None)
        if results.did_you_mean
        else None,
        "fallback": results.engine != engines.configured_engine().name,
        "feed_url": reverse("search-feed") + url_with(request.GET, page=None, sort=None),
        "map_url": reverse("search-map")
        + url_with(request.GET, page=None, page_size=None, sort=None),
        "csv_url": reverse("search-csv") + url_with(request.GET, page=None, page_size=None),
        "json_url": reverse("search-json") + url_with(request.GET, page=None, page_size=None),
        "suggestions": (
            filter_suggestions(query, request.GET) if results.total == 0 and query.filters else []
        ),
    }
    response = render(request, "search/search_page.html", context)
    if only_readable and params.getlist("read"):
        remember_reading_languages(request, response, reading)
    return response


def reader_query(request, params, corrections=None):
    """The search a reader's request describes, in the page's language: the search page's and
    the API's parameters, and "only case studies in the languages I read" (`readable`)."""
    params["lang"] = get_language()
    query = parse_search_query(params, params["lang"], corrections)
    if params.get("readable"):
        reading = reading_languages(request, params.getlist("read"))
        query = replace(query, filters={**query.filters, "language": tuple(reading)})
    return query


def refused(error):
    """400 for a download or feed whose parameter breaks its rule, with the reason as text."""
    return HttpResponseBadRequest(f"{error.field}: {error.message}", content_type="text/plain")


def url_with(params, **changes):
    """The current search URL with some parameters changed (None removes one)."""
    query = params.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query.setlist(name, value if isinstance(value, list) else [value])
    query.pop("lang", None)
    return "?" + query.urlencode() if query else "?"


def without_value(params, name, value):
    remaining = [item for item in params.getlist(name) if item != value]
    return url_with(params, page=None, **{name: remaining or None})


def facet_groups(facets, query, corrections):
    """Each filter's facet values with their checkbox state: the first few and the ticked
    ones shown, the others behind "show more"."""
    groups = []
    for facet in FILTERS:
        selected = set(query.filters.get(facet.name, ()))
        values = [{**value, "checked": value["value"] in selected} for value in facets[facet.name]]
        correction = corrections.get(facet.name)
        if values or correction:
            shown = [
                value
                for position, value in enumerate(values)
                if position < FACET_VALUES_SHOWN or value["checked"]
            ]
            groups.append(
                {
                    "name": facet.name,
                    "heading": facet.heading,
                    "values": shown,
                    "more": [value for value in values if value not in shown],
                    "correction": correction,
                }
            )
    return groups


def active_filters(query, params):
    """Removable chips for each filter value and the year range."""
    labels = labellers(query.lang)
    chips = [
        {"label": labels[name](value), "url": without_value(params, name, value)}
        for name, values in query.filters.items()
        for value in values
    ]
    for name, text in YEAR_CHIPS.items():
        if (year := getattr(query, name)) is not None:
            chips.append({"label": text % {"year": year}, "url": url_with(params, **{name: None})})
    return chips


def filter_suggestions(query, params):
    """For an empty result: how many results dropping each filter would give."""
    labels = labellers(query.lang)
    suggestions = []
    for name, values in query.filters.items():
        # The search as it ran, less this filter: the request's own parameters may hold values
        # the page corrected or left out.
        total = engines.count(replace(query, filters=query.filters_except(name), page=1))
        if total:
            suggestions.append(
                {
                    "labels": [labels[name](value) for value in values],
                    "total": total,
                    "url": url_with(params, page=None, **{name: None}),
                }
            )
    return suggestions


def page_links(results, params):
    first = max(1, results.page - PAGE_WINDOW)
    last = min(results.pages, results.page + PAGE_WINDOW)
    return {
        "previous": url_with(params, page=str(results.page - 1)) if results.page > 1 else None,
        "next": url_with(params, page=str(results.page + 1))
        if results.page < results.pages
        else None,
        "numbers": [
            {"number": n, "url": url_with(params, page=str(n)), "current": n == results.page}
            for n in range(first, last + 1)
        ],
    }
