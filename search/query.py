"""The search request, parsed and validated once for the search page and the API, and for
every engine (docs/search-api.md). Each parameter is declared once, in PARAMETERS: its rule,
which validates it, and its description, which the API's OpenAPI document shows."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from django.utils.translation import gettext as _

from casestudies.languages import LANGUAGE_CODES

from .facets import CHANNEL, FILTERS

MAX_QUERY_LENGTH = 500
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Elasticsearch's default max_result_window; the database engine keeps the same limit.
MAX_RESULT_WINDOW = 10_000
MAX_YEAR = 9999
SORTS = ("relevance", "newest", "year", "hires")


class InvalidParameter(ValueError):
    """A parameter that breaks its rule: `message` for the API, `reader_message` for the
    search page, which uses `corrected` instead (None: the parameter is left out)."""

    def __init__(self, field_name, message, corrected=None, reader_message=""):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message
        self.corrected = corrected
        self.reader_message = reader_message


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    lang: str = "en"
    filters: dict = field(default_factory=dict)
    year_min: int | None = None
    year_max: int | None = None
    sort: str = "newest"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    snippets: bool = True  # False: results without highlights (downloads need none)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def filters_except(self, facet):
        """Every filter but the facet's own: what disjunctive facet counts apply."""
        return {name: values for name, values in self.filters.items() if name != facet}

    def year_range_except(self, facet):
        return (None, None) if facet == "year" else (self.year_min, self.year_max)

    def in_channel(self, channel):
        """The same query over the case studies published in a channel: "api" holds those
        whose featured people all consented to the API and feeds."""
        return replace(self, filters={**self.filters, CHANNEL.name: (channel,)})


# Rules: each takes the request's parameters (a QueryDict) and the parameter's name, and gives
# the clean value (None when absent) or raises InvalidParameter.


def _text(params, name):
    text = " ".join(params.get(name, "").split())
    if "\x00" in text:
        raise InvalidParameter(
            name,
            "must not contain NUL characters",
            corrected=text.replace("\x00", ""),
            reader_message=_("The search held a character that cannot be searched for."),
        )
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidParameter(
            name,
            f"must be at most {MAX_QUERY_LENGTH} characters",
            corrected=text[:MAX_QUERY_LENGTH],
            reader_message=_("Only the first %(count)s characters of the search were used.")
            % {"count": MAX_QUERY_LENGTH},
        )
    return text


def _choice(params, name, choices):
    value = params.get(name) or None
    if value is not None and value not in choices:
        raise InvalidParameter(
            name,
            f"must be one of {', '.join(choices)}",
            reader_message=_("This order is not available: the results are in the usual one."),
        )
    return value


def _integer(params, name, minimum, maximum):
    raw = params.get(name)
    if raw in (None, ""):
        return None
    reader_message = _("Enter a whole number from %(minimum)s to %(maximum)s.") % {
        "minimum": minimum,
        "maximum": maximum,
    }
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise InvalidParameter(
            name, "must be a whole number", reader_message=reader_message
        ) from None
    if not minimum <= value <= maximum:
        raise InvalidParameter(
            name,
            f"must be between {minimum} and {maximum}",
            corrected=min(max(value, minimum), maximum),
            reader_message=reader_message,
        )
    return value


def _filter_values(params, name, facet):
    values = tuple(dict.fromkeys(value for value in params.getlist(name) if value != ""))
    if values:
        allowed = facet.values()
        unknown = [value for value in values if value not in allowed]
        if unknown:
            raise InvalidParameter(
                name,
                f"unknown value {unknown[0]!r}",
                corrected=tuple(value for value in values if value in allowed),
                reader_message=_("“%(value)s” is not one of these filters, so it was left out.")
                % {"value": unknown[0]},
            )
    return values


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    rule: Callable
    type: str = "string"
    repeatable: bool = False

    def parse(self, params, corrections=None):
        try:
            return self.rule(params, self.name)
        except InvalidParameter as error:
            if corrections is None:
                raise
            corrections[self.name] = error.reader_message
            return error.corrected

    def openapi(self):
        schema = {"type": self.type}
        if self.repeatable:
            schema = {"type": "array", "items": schema}
        return {
            "in": "query",
            "name": self.name,
            "required": False,
            "description": self.description,
            "schema": schema,
        }


def _whole_number(name, description, minimum, maximum):
    rule = partial(_integer, minimum=minimum, maximum=maximum)
    return Parameter(name, description, rule, type="integer")


PARAMETERS = (
    Parameter("q", f"free text in any language, at most {MAX_QUERY_LENGTH} characters", _text),
    Parameter(
        "lang",
        f"display language: {', '.join(LANGUAGE_CODES)}; default en",
        partial(_choice, choices=LANGUAGE_CODES),
    ),
    *(
        Parameter(
            facet.name,
            f"{facet.description}; repeat for OR",
            partial(_filter_values, facet=facet),
            repeatable=True,
        )
        for facet in FILTERS
    ),
    _whole_number("year_min", "the earliest practice year", 0, MAX_YEAR),
    _whole_number("year_max", "the latest practice year", 0, MAX_YEAR),
    Parameter(
        "sort",
        "relevance (the default with q), newest (the default without), year (the practice "
        "year, latest first), hires",
        partial(_choice, choices=SORTS),
    ),
    _whole_number("page", "the page of results, from 1", 1, MAX_RESULT_WINDOW),
    _whole_number(
        "page_size",
        f"results per page, 1 to {MAX_PAGE_SIZE}; default {DEFAULT_PAGE_SIZE}",
        1,
        MAX_PAGE_SIZE,
    ),
)


def parse_search_query(params, default_lang="en", corrections=None):
    """A SearchQuery from request parameters (a QueryDict), or InvalidParameter.

    Given a `corrections` dict, a parameter that breaks its rule is corrected or left out
    instead (the search page keeps the rest of the search), and {parameter: a message for
    readers} is added to it.
    """
    values = {parameter.name: parameter.parse(params, corrections) for parameter in PARAMETERS}
    year_min, year_max = values["year_min"], values["year_max"]
    if year_min is not None and year_max is not None and year_min > year_max:
        if corrections is None:
            raise InvalidParameter("year_min", "must not be greater than year_max")
        year_min, year_max = year_max, year_min
        corrections["year_min"] = _("“From” was later than “Until”: the years were swapped.")
    page_size = values["page_size"] or DEFAULT_PAGE_SIZE
    page = values["page"] or 1
    if page * page_size > MAX_RESULT_WINDOW:
        if corrections is None:
            raise InvalidParameter(
                "page", f"results beyond the first {MAX_RESULT_WINDOW} are not served"
            )
        page = MAX_RESULT_WINDOW // page_size
    text = values["q"] or ""
    return SearchQuery(
        text=text,
        lang=values["lang"] or default_lang,
        filters={facet.name: values[facet.name] for facet in FILTERS if values[facet.name]},
        year_min=year_min,
        year_max=year_max,
        sort=values["sort"] or ("relevance" if text else "newest"),
        page=page,
        page_size=page_size,
    )
