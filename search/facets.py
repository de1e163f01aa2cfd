"""What readers filter and count case studies by, in the order the search page and the API list
them. Each facet is written here once: its filter parameter, the search document's field that
holds its values, its heading, the values a filter accepts and how a value is labelled. The
vocabulary facets come from the vocabulary registry (casestudies/vocabularies.py)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from casestudies.countries import COUNTRY_CODES, REGIONS, country_name, region_name
from casestudies.languages import LANGUAGE_CODES, language_label
from casestudies.models import Source
from casestudies.vocabularies import VOCABULARIES


@dataclass(frozen=True)
class Facet:
    name: str  # the filter parameter, and the facet's key in results
    field: str  # the search document's field holding the values
    heading: str
    description: str  # what a filter value is, for the API's documentation
    values: Callable[[], object]  # the values a filter accepts
    labeller: Callable[[str], Callable[[object], str]]  # language -> (value -> label)
    many: bool = False  # a document holds a list of values
    numeric: bool = False
    filterable: bool = True  # the year is filtered by year_min and year_max instead


def _in_language(label):
    """A labeller for a function of (value, language)."""
    return lambda lang: lambda value: label(value, lang)


def _choices_labeller(choices):
    def labeller(lang):
        with override(lang):
            labels = {value: str(label) for value, label in choices}
        return lambda value: labels.get(value, value)

    return labeller


def _language_labeller(lang):
    with override(lang):
        labels = {code: language_label(code) for code in LANGUAGE_CODES}
    return lambda value: labels.get(value, value)


def _vocabulary_facet(vocabulary):
    def labeller(lang):
        labels = {slug: term.label(lang) for slug, term in vocabulary.terms().items()}
        return lambda value: labels.get(value, value)

    return Facet(
        name=vocabulary.name,
        field=vocabulary.field,
        heading=vocabulary.heading,
        description=f"a {vocabulary.term_name} slug (docs/vocabularies.md)",
        values=vocabulary.slugs,
        labeller=labeller,
        many=vocabulary.many,
    )


FACETS = (
    Facet(
        "country",
        "country",
        _("Country"),
        "an ISO 3166-1 alpha-2 country code",
        values=lambda: COUNTRY_CODES,
        labeller=_in_language(country_name),
    ),
    Facet(
        "region",
        "region",
        _("Region"),
        f"a UN M49 region: {', '.join(REGIONS)}",
        values=lambda: set(REGIONS),
        labeller=_in_language(region_name),
    ),
    *(_vocabulary_facet(vocabulary) for vocabulary in VOCABULARIES),
    Facet(
        "language",
        "languages",
        _("Available in"),
        f"a language the case study is written in: {', '.join(LANGUAGE_CODES)}",
        values=lambda: set(LANGUAGE_CODES),
        labeller=_language_labeller,
        many=True,
    ),
    Facet(
        "year",
        "year",
        _("Year"),
        "the year the practice started",
        values=lambda: (),
        labeller=lambda lang: str,
        numeric=True,
        filterable=False,
    ),
    Facet(
        "source",
        "source",
        _("Source"),
        f"where the case study comes from: {', '.join(Source.values)}",
        values=lambda: set(Source.values),
        labeller=_choices_labeller(Source.choices),
    ),
)
FILTERS = tuple(facet for facet in FACETS if facet.filterable)

# Not a facet readers see: the API filters on it to serve only the case studies whose featured
# people all consented to the API and feeds (see SearchQuery.in_channel).
CHANNEL = Facet(
    "channel",
    "channels",
    "",
    "a publication channel",
    values=lambda: {"api"},
    labeller=lambda lang: str,
    many=True,
)
INDEXED = (*FACETS, CHANNEL)
BY_NAME = {facet.name: facet for facet in INDEXED}


def labellers(lang):
    """{facet name: value -> label in `lang`}, each read once."""
    return {facet.name: facet.labeller(lang) for facet in FACETS}
