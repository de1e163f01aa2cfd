"""The search request (CONTRACTS section 8): parsed and validated once, for every engine."""

from dataclasses import dataclass, field, replace

from django.conf import settings

from casestudies.countries import COUNTRY_CODES, REGIONS
from casestudies.models import CompanySize, ProtectionStatus, Sector, Source, Theme

MAX_QUERY_LENGTH = 500
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Elasticsearch's default max_result_window; the database engine keeps the same limit.
MAX_RESULT_WINDOW = 10_000
SORTS = ("relevance", "newest", "hires")
# Filter parameters, in the order facets are listed; `year` is filtered by year_min/year_max.
FILTERS = (
    "country", "region", "theme", "sector", "company_size", "protection_status", "language",
    "source",
)  # fmt: skip
FACETS = FILTERS[:7] + ("year", "source")


class InvalidParameter(ValueError):
    def __init__(self, field_name, message):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


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
        return replace(self, filters={**self.filters, "channel": (channel,)})


def allowed_values(name):
    """The values a filter accepts; anything else is a 400."""
    vocabularies = {
        "theme": Theme,
        "sector": Sector,
        "company_size": CompanySize,
        "protection_status": ProtectionStatus,
    }
    if name in vocabularies:
        return set(vocabularies[name].objects.values_list("slug", flat=True))
    return {
        "country": COUNTRY_CODES,
        "region": set(REGIONS),
        "language": set(settings.LANGUAGE_CODES),
        "source": set(Source.values),
    }[name]


def _integer(params, name, minimum=None, maximum=None):
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise InvalidParameter(name, "must be a whole number") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise InvalidParameter(name, f"must be between {minimum} and {maximum}")
    return value


def _filter_values(params, name):
    values = tuple(dict.fromkeys(value for value in params.getlist(name) if value != ""))
    if not values:
        return ()
    unknown = [value for value in values if value not in allowed_values(name)]
    if unknown:
        raise InvalidParameter(name, f"unknown value {unknown[0]!r}")
    return values


def parse_search_query(params, default_lang="en"):
    """A SearchQuery from request parameters (a QueryDict), or InvalidParameter."""
    text = " ".join(params.get("q", "").split())
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidParameter("q", f"must be at most {MAX_QUERY_LENGTH} characters")
    if "\x00" in text:
        raise InvalidParameter("q", "must not contain NUL characters")
    lang = params.get("lang") or default_lang
    if lang not in settings.LANGUAGE_CODES:
        raise InvalidParameter("lang", f"must be one of {', '.join(settings.LANGUAGE_CODES)}")
    sort = params.get("sort") or ("relevance" if text else "newest")
    if sort not in SORTS:
        raise InvalidParameter("sort", f"must be one of {', '.join(SORTS)}")
    year_min = _integer(params, "year_min", 0, 9999)
    year_max = _integer(params, "year_max", 0, 9999)
    if year_min is not None and year_max is not None and year_min > year_max:
        raise InvalidParameter("year_min", "must not be greater than year_max")
    page = _integer(params, "page", 1, MAX_RESULT_WINDOW) or 1
    page_size = _integer(params, "page_size", 1, MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE
    if page * page_size > MAX_RESULT_WINDOW:
        raise InvalidParameter(
            "page", f"results beyond the first {MAX_RESULT_WINDOW} are not served"
        )
    filters = {name: values for name in FILTERS if (values := _filter_values(params, name))}
    return SearchQuery(text, lang, filters, year_min, year_max, sort, page, page_size)
