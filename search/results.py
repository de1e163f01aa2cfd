"""What a search returns, whichever engine answered (docs/search-api.md)."""

from dataclasses import dataclass, field

from .facets import FACETS, labellers
from .relevance import shown_language


@dataclass
class SearchResults:
    engine: str
    total: int
    page: int
    page_size: int
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    matched: str = "all"  # "some": no case study matched every word; these match some
    did_you_mean: str = ""

    @property
    def pages(self):
        return max(1, -(-self.total // self.page_size))

    def as_json(self):
        return {
            "engine": self.engine,
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "matched": self.matched,
            "did_you_mean": self.did_you_mean,
            "results": self.results,
            "facets": self.facets,
        }


def result_from_document(document, lang, highlight=("", "")):
    """A result in the display language, or the original language when it is missing;
    `highlight` is (HTML, the language of its text)."""
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
        "published_date": document["published_date"],
        "highlight": highlight[0],
        "highlight_language": highlight[1],
    }


def suggestion(document, lang):
    """An autocomplete entry: a title in the display language, or the original."""
    shown = shown_language(document, lang)
    return {
        "title": document["title"][shown],
        "url": f"/{lang}{document['path']}",
        "language": shown,
    }


def facets_from_counts(counts, lang):
    """{facet: {value: (count, people hired)}} as the API's ordered lists of value, label, count
    and hires."""
    labels = labellers(lang)
    facets = {}
    for facet in FACETS:
        label = labels[facet.name]
        entries = [
            {"value": value, "label": label(value), "count": count, "hires": hires}
            for value, (count, hires) in counts.get(facet.name, {}).items()
            if count
        ]
        if facet.numeric:
            entries.sort(key=lambda entry: -entry["value"])
        else:
            entries.sort(key=lambda entry: (-entry["count"], entry["label"]))
        facets[facet.name] = entries
    return facets
