from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import engines
from .facets import FILTERS, labellers
from .log import log_search
from .query import InvalidParameter, parse_search_query

PAGE_WINDOW = 2
YEAR_CHIPS = {"year_min": _("From %(year)s"), "year_max": _("Until %(year)s")}


def search_page(request):
    """/<lang>/search/: the same parameters as the API, rendered; every state is a URL."""
    lang = get_language()
    params = request.GET.copy()
    params["lang"] = lang
    try:
        query = parse_search_query(params, lang)
    except InvalidParameter as error:
        return render(request, "search/search_page.html", {"error": error}, status=400)
    results = engines.search(query)
    log_search(query, results.total)
    context = {
        "query": query,
        "results": results,
        "facets": facet_groups(results.facets, query),
        "chips": active_filters(query, request.GET),
        "pages": page_links(results, request.GET),
        "fallback": results.engine != engines.configured_engine().name,
        "suggestions": (
            filter_suggestions(query, request.GET) if results.total == 0 and query.filters else []
        ),
    }
    return render(request, "search/search_page.html", context)


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


def facet_groups(facets, query):
    """Each filter's facet values with their checkbox state."""
    groups = []
    for facet in FILTERS:
        selected = set(query.filters.get(facet.name, ()))
        values = [{**value, "checked": value["value"] in selected} for value in facets[facet.name]]
        if values:
            groups.append({"name": facet.name, "heading": facet.heading, "values": values})
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
        relaxed = params.copy()
        relaxed.pop(name)
        relaxed.pop("page", None)
        total = engines.count(parse_search_query(relaxed, query.lang))
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
