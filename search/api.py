"""The JSON API for partners: /api/v1/search/ and /api/v1/search/suggest/ (docs/search-api.md).

search.query declares and validates the parameters, for the search page and the API alike: the
views read them from the request, and the OpenAPI document describes them from the same table.
"""

from django.http import JsonResponse
from ninja import Field, NinjaAPI, Schema

from . import engines
from .log import log_search
from .query import PARAMETERS, InvalidParameter, parse_search_query

api = NinjaAPI(
    title="Refugee Careers Knowledge Exchange API",
    version="1",
    description=(
        "Case studies of companies hiring people with a refugee background, searchable across "
        "countries and languages. Results contain published, public case studies whose featured "
        "people all consented to the API and feeds."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


class ErrorDetail(Schema):
    field: str
    message: str


class ErrorResponse(Schema):
    error: ErrorDetail


def error_response(field_name, message):
    return JsonResponse({"error": {"field": field_name, "message": message}}, status=400)


@api.exception_handler(InvalidParameter)
def invalid_parameter(request, error):
    return error_response(error.field, error.message)


def documented(*names):
    """The OpenAPI description of these parameters (all of them when none is named)."""
    return {
        "parameters": [
            parameter.openapi() for parameter in PARAMETERS if not names or parameter.name in names
        ]
    }


class Organisation(Schema):
    slug: str
    name: str


class Result(Schema):
    slug: str
    url: str
    title: str
    summary: str
    language: str
    original_language: str
    languages: list[str]
    country: str
    region: str
    organisation: Organisation
    themes: list[str]
    sector: str
    company_size: str
    protection_statuses: list[str]
    year: int
    hires: int | None
    published_date: str = Field(description="when the case study was first published on the site")
    highlight: str = Field(description="HTML-safe: escaped text with <mark> around matches")
    highlight_language: str = Field(description="the language of the highlight's text")


class FacetValue(Schema):
    value: str | int
    label: str
    count: int
    hires: int = Field(description="people hired, summed over these case studies")


class SearchResponse(Schema):
    engine: str
    total: int
    page: int
    page_size: int
    matched: str = Field(
        description='"all": the results match every word of q (or its glossary terms); "some": '
        "none did, and these match some of them, the most words first"
    )
    did_you_mean: str = Field(description="q spelt as the case studies spell it, or empty")
    results: list[Result]
    facets: dict[str, list[FacetValue]]


class Suggestion(Schema):
    title: str
    url: str
    language: str


@api.get(
    "/search/",
    response={200: SearchResponse, 400: ErrorResponse},
    summary="Search case studies",
    description="Filters are OR within one parameter and AND across parameters. Facet counts "
    "are disjunctive: each facet applies every other filter but not its own.",
    openapi_extra=documented(),
)
def search(request):
    query = parse_search_query(request.GET).in_channel("api")
    results = engines.search(query)
    log_search(query, results.total)
    return results.as_json()


@api.get(
    "/search/suggest/",
    response={200: list[Suggestion], 400: ErrorResponse},
    summary="Case study titles for autocomplete",
    openapi_extra=documented("q", "lang"),
)
def suggest(request):
    query = parse_search_query(request.GET)
    return engines.suggest(query.text, query.lang, channel="api")
