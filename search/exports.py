"""Downloads of a search's results as CSV and JSON (docs/exports.md): every result up to the
result window, only the case studies whose featured people all consented to the API and feeds,
labels in the reader's language beside stable slugs."""

import csv
import io
import json
from dataclasses import replace

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from . import engines
from .facets import FACETS, labellers
from .query import MAX_RESULT_WINDOW, InvalidParameter
from .views import reader_query, refused

# Spreadsheets run a cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


# Each a label column and a slug column; the year has a column of its own, and results do not
# carry the source.
EXPORTED_FACETS = tuple(facet for facet in FACETS if not facet.numeric and facet.name != "source")
CSV_COLUMNS = [
    "slug",
    "title",
    "summary",
    "text_language",
    "url",
    "organisation",
    "organisation_slug",
    "published_date",
    "year",
    "hires",
    *(column for facet in EXPORTED_FACETS for column in (facet.name, f"{facet.name}_slug")),
]


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text: a leading formula character is escaped with '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(result, labels, base_url):
    row = {
        "slug": result["slug"],
        "title": result["title"],
        "summary": result["summary"],
        "text_language": result["language"],
        "url": base_url + result["url"],
        "organisation": result["organisation"]["name"],
        "organisation_slug": result["organisation"]["slug"],
        "published_date": result["published_date"],
        "year": result["year"],
        "hires": "" if result["hires"] is None else result["hires"],
    }
    for facet in EXPORTED_FACETS:
        value = result[facet.field]
        slugs = list(value) if facet.many else ([value] if value else [])
        row[facet.name] = LIST_SEPARATOR.join(labels[facet.name](slug) for slug in slugs)
        row[f"{facet.name}_slug"] = LIST_SEPARATOR.join(slugs)
    return {name: spreadsheet_safe(value) for name, value in row.items()}


def all_results(request):
    """Every result of the search the request describes, in the API's channel."""
    query = reader_query(request, request.GET.copy())
    query = replace(query, page=1, page_size=MAX_RESULT_WINDOW, snippets=False)
    return engines.search(query.in_channel("api"))


def download(content, content_type, extension):
    response = HttpResponse(content, content_type=content_type)
    name = f"case-studies-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def results_csv(request):
    try:
        results = all_results(request).results
    except InvalidParameter as error:
        return refused(error)
    labels = labellers(get_language())
    base_url = request.build_absolute_uri("/").rstrip("/")
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_row(result, labels, base_url) for result in results)
    # The byte order mark tells spreadsheets the file is UTF-8 (Japanese, Arabic...).
    return download("\ufeff" + output.getvalue(), "text/csv; charset=utf-8", "csv")


def results_json(request):
    try:
        results = all_results(request)
    except InvalidParameter as error:
        return refused(error)
    base_url = request.build_absolute_uri("/").rstrip("/")
    document = {
        "search": request.build_absolute_uri(),
        "generated": timezone.now().isoformat(timespec="seconds"),
        "language": get_language(),
        "total": results.total,
        "results": [
            {**exported_result(result), "url": base_url + result["url"]}
            for result in results.results
        ],
    }
    content = json.dumps(document, ensure_ascii=False, indent=1)
    return download(content, "application/json; charset=utf-8", "json")


def exported_result(result):
    return {key: value for key, value in result.items() if not key.startswith("highlight")}
