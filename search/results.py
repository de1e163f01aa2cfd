"""What a search returns, whichever engine answered (CONTRACTS section 8)."""

from dataclasses import dataclass, field

from django.utils.translation import get_language_info, override

from casestudies.countries import country_name, region_name
from casestudies.models import CompanySize, ProtectionStatus, Sector, Source, Theme

from .query import FACETS


@dataclass
class SearchResults:
    engine: str
    total: int
    page: int
    page_size: int
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)

    @property
    def pages(self):
        return max(1, -(-self.total // self.page_size))

    def as_json(self):
        return {
            "engine": self.engine,
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "results": self.results,
            "facets": self.facets,
        }


def shown_language(document, lang):
    return lang if lang in document["title"] else document["original_language"]


def result_from_document(document, lang, highlight=""):
    """A result in the display language, or the original language when it is missing."""
    shown = shown_language(document, lang)
    names = document["organisation"]["name"]
    return {
        "slug": document["slug"],
        "url": f"/{lang}{document['path']}",
        "title": document["title"][shown],
        "summary": document["summary"].get(shown, ""),
        "language": shown,
        "original_language": document["original_language"],
        "languages": document["languages"],
        "country": document["country"],
        "region": document["region"],
        "organisation": {
            "slug": document["organisation"]["slug"],
            "name": names.get(lang) or names.get(shown) or next(iter(names.values()), ""),
        },
        "themes": document["themes"],
        "sector": document["sector"],
        "company_size": document["company_size"],
        "protection_statuses": document["protection_statuses"],
        "year": document["year"],
        "hires": document["hires"],
        "highlight": highlight,
    }


def suggestion(document, lang):
    """An autocomplete entry: a title in the display language, or the original."""
    shown = shown_language(document, lang)
    return {
        "title": document["title"][shown],
        "url": f"/{lang}{document['path']}",
        "language": shown,
    }


def facet_labeller(lang):
    """A function giving each facet value its label in the display language."""
    with override(lang):
        vocabularies = {
            facet: {term.slug: str(term) for term in model.objects.all()}
            for facet, model in (
                ("theme", Theme),
                ("sector", Sector),
                ("company_size", CompanySize),
                ("protection_status", ProtectionStatus),
            )
        }
        vocabularies["source"] = {value: str(label) for value, label in Source.choices}

    def label(facet, value):
        if facet == "country":
            return country_name(value, lang)
        if facet == "region":
            return region_name(value, lang)
        if facet == "language":
            with override(lang):
                return str(get_language_info(value)["name_translated"])
        if facet == "year":
            return str(value)
        return vocabularies[facet].get(value, value)

    return label


def facets_from_counts(counts, lang):
    """{facet: {value: count}} as the API's ordered lists of value, label and count."""
    label = facet_labeller(lang)
    facets = {}
    for facet in FACETS:
        values = counts.get(facet, {})
        entries = [
            {"value": value, "label": label(facet, value), "count": count}
            for value, count in values.items()
            if count
        ]
        if facet == "year":
            entries.sort(key=lambda entry: -int(entry["value"]))
        else:
            entries.sort(key=lambda entry: (-entry["count"], entry["label"]))
        facets[facet] = entries
    return facets
