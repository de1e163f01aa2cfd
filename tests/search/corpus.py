"""A small corpus of case studies for the behavioural search tests, and how they ask: the
fixtures `make` and `run` (tests/search/conftest.py) and these helpers."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from casestudies.vocabularies import CompanySize, Sector
from search.engines import search
from search.query import parse_search_query
from tests.factories import CaseStudyPageFactory

NEUTRAL = "Notes from the team."
TITLE = "Practice note"


def paragraphs(text):
    return [{"type": "text", "value": f"<p>{text}</p>"}]


def written_in(lang, title=TITLE, summary=NEUTRAL, body=NEUTRAL):
    """A case study's title, summary and body in one language, as factory keyword arguments."""
    return {f"title_{lang}": title, f"summary_{lang}": summary, f"body_{lang}": paragraphs(body)}


ENGLISH = {"title_en": None, "summary_en": None, "body_en": []}


@pytest.fixture
def make(organisation):
    """make(slug, lang=..., title=..., body=..., **fields): a live case study under
    `organisation` written in `lang` (its original language); sector and company_size are slugs;
    translations are added with **written_in(other_lang, ...)."""

    def make(slug, lang="en", title=TITLE, summary=NEUTRAL, body=NEUTRAL, **fields):
        for name, model in (("sector", Sector), ("company_size", CompanySize)):
            if name in fields:
                fields[name] = model.objects.get(slug=fields[name])
        fields = {
            "parent": organisation,
            **ENGLISH,
            **written_in(lang, title, summary, body),
            **fields,
        }
        # The factory writes the English fields under their plain names (see PageFactory).
        fields = {
            (name.removesuffix("_en") if name in ENGLISH else name): value
            for name, value in fields.items()
        }
        return CaseStudyPageFactory(slug=slug, original_language=lang, **fields)

    return make


@pytest.fixture
def run(search_engine):
    """run("q=...&theme=..."): SearchResults through the API's own path, from the engine
    under test (never the fallback)."""

    def run(query_string=""):
        results = search(parse_search_query(QueryDict(query_string)))
        assert results.engine == search_engine.name
        return results

    return run


def q(text, **params):
    return urlencode({"q": text, **params})


def slugs(results):
    return {result["slug"] for result in results.results}


def order(results):
    return [result["slug"] for result in results.results]


def counts(results, facet):
    return {entry["value"]: entry["count"] for entry in results.facets[facet]}


def by_slug(results):
    return {result["slug"]: result for result in results.results}
