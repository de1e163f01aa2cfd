"""The JSON API for partners: /api/v1/search/ and /api/v1/search/suggest/ (CONTRACTS section 8).

Parameters are declared here for the OpenAPI document; search.query validates them, so the
page and the API give the same 400s.
"""

from django.conf import settings
from django.http import JsonResponse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError

from . import engines
from .log import log_search
from .query import MAX_QUERY_LENGTH, InvalidParameter, parse_search_query

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


@api.exception_handler(ValidationError)
def invalid_type(request, error):
    detail = error.errors[0] if error.errors else {}
    location = [part for part in detail.get("loc", ()) if part not in ("query", "params")]
    return error_response(str(location[-1]) if location else "query", detail.get("msg", "invalid"))


class SearchParameters(Schema):
    q: str = Field("", description=f"free text, at most {MAX_QUERY_LENGTH} characters")
    lang: str = Field("en", description=f"display language: {', '.join(settings.LANGUAGE_CODES)}")
    country: list[str] = Field([], description="ISO 3166-1 alpha-2; repeatable (OR)")
    region: list[str] = Field([], description="UN M49 region slug; repeatable")
    theme: list[str] = Field([], description="theme slug; repeatable")
    sector: list[str] = Field([], description="sector slug; repeatable")
    company_size: list[str] = Field([], description="micro, small, medium or large; repeatable")
    protection_status: list[str] = Field([], description="protection status slug; repeatable")
    language: list[str] = Field([], description="a language the case study is available in")
    source: list[str] = Field([], description="rtsp or international-partner; repeatable")
    year_min: int | None = None
    year_max: int | None = None
    sort: str = Field("", description="relevance (default with q), newest (default without), hires")
    page: int = Field(1, description=">= 1")
    page_size: int = Field(20, description="1 to 100")


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
    highlight: str = Field(description="HTML-safe: escaped text with <mark> around matches")


class FacetValue(Schema):
    value: str | int
    label: str
    count: int


class SearchResponse(Schema):
    engine: str
    total: int
    page: int
    page_size: int
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
)
def search(request, parameters: Query[SearchParameters]):
    query = parse_search_query(request.GET).in_channel("api")
    results = engines.search(query)
    log_search(query, results.total)
    return results.as_json()


@api.get(
    "/search/suggest/",
    response={200: list[Suggestion], 400: ErrorResponse},
    summary="Case study titles for autocomplete",
)
def suggest(request, q: str = "", lang: str = "en"):
    query = parse_search_query(request.GET)
    return engines.suggest(query.text, query.lang, channel="api")
