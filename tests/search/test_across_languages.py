"""Reading across languages, on both engines: the glossary carries a query into every language,
queries forgive missing words and typos, and readers see their own languages first."""

import re

import pytest

from glossary.models import Category, Concept
from search.engines.database import DatabaseEngine
from search.indexing import current_documents
from search.models import IndexedCaseStudy
from search.query import SearchQuery
from tests.search.corpus import order, q, slugs, written_in


@pytest.fixture
def kiln_concept(db):
    return Concept.objects.create(
        key="test-kiln-firing",
        category=Category.OCCUPATION,
        terms_en="kiln firing\nkilnwork",
        terms_de="Ofenbrand",
        terms_ja="窯焼き",
    )


def test_a_query_finds_case_studies_written_in_other_languages(make, reindex, run):
    make("leipzig", lang="de", title="Ukrainische Ingenieurinnen in unserer Fertigung")
    make("brno", lang="uk", title="Інженери з України в Брно")
    make("ukrainian-cooks", title="Ukrainian cooks in our kitchen")
    make("engineers-only", title="Engineers from Syria")
    reindex()

    assert slugs(run(q("ukrainian engineers"))) == {"leipzig", "brno"}


def test_a_japanese_query_finds_german_language_courses(make, reindex, run):
    make("sprachkurse", lang="de", body="Alle neuen Kollegen besuchen Sprachkurse im Betrieb.")
    make("other", lang="de", body="Alle neuen Kollegen arbeiten im Lager.")
    reindex()

    assert slugs(run(q("語学研修", lang="ja"))) == {"sprachkurse"}


def test_glossary_matches_rank_below_the_readers_own_words(make, reindex, run, kiln_concept):
    make("german", lang="de", title="Ofenbrand in Meißen")
    make("english", title="Kilnwork in Stoke")
    reindex()

    assert order(run(q("kilnwork", sort="relevance"))) == ["english", "german"]
    assert order(run(q("Ofenbrand", sort="relevance"))) == ["german", "english"]
    assert slugs(run(q("窯焼き", lang="ja"))) == {"german", "english"}


def test_an_editors_change_to_the_glossary_applies_to_the_next_search(
    make, reindex, run, kiln_concept
):
    make("german", lang="de", title="Ofenbrand in Meißen")
    reindex()
    assert slugs(run(q("kilnwork"))) == {"german"}

    kiln_concept.terms_de = "Brennofen"
    kiln_concept.save()

    assert slugs(run(q("kilnwork"))) == set()


def test_when_no_case_study_has_every_word_the_best_partial_matches_come_first(make, reindex, run):
    make("welders-housing", title="Welders and housing")
    make("welders", title="Welders on the night shift", body="No words in common.")
    make("bakers", title="Bakers")
    reindex()

    results = run(q("welders housing quantum", sort="relevance"))

    assert results.matched == "some"
    assert order(results) == ["welders-housing", "welders"]
    assert run(q("welders housing")).matched == "all"


def test_a_typo_in_a_long_word_is_forgiven_and_corrected(make, reindex, run):
    make("mentoring", title="Mentoring for new colleagues")
    make("bakers", title="Bakers", themes=["housing"])
    reindex()

    results = run(q("mentorng"))

    assert slugs(results) == {"mentoring"}
    assert results.did_you_mean == "mentoring"
    assert run(q("mentoring")).did_you_mean == ""
    assert slugs(run(q("bakrs"))) == {"bakers"}
    assert slugs(run(q("bakr"))) == set(), "a word under five letters gets no typo room"


def test_among_equal_matches_the_readers_language_comes_first(make, reindex, run):
    make("german", lang="de", title="Mentoring im Betrieb")
    make("english", title="Mentoring at work")
    reindex()

    assert order(run(q("mentoring", lang="en", sort="relevance"))) == ["english", "german"]
    assert order(run(q("mentoring", lang="de", sort="relevance"))) == ["german", "english"]


def test_a_snippet_keeps_paragraphs_apart_and_says_its_language(make, reindex, run):
    make(
        "lyon",
        lang="fr",
        title="Caristes à Lyon",
        body_fr=[
            {"type": "text", "value": "<p>Nous avons formé un groupe.</p><p>Les caristes</p>"}
        ],
        **written_in("ar", title="سائقو الرافعات في ليون"),
    )
    reindex()

    (result,) = run(q("groupe", lang="ar")).results

    assert (result["language"], result["highlight_language"]) == ("ar", "fr")
    assert "<mark>groupe</mark>.\nLes caristes" in result["highlight"]


def test_the_practice_year_sort_orders_by_the_year_the_practice_started(make, reindex, run):
    make("older", title="Older practice", year=2019)
    make("newer", title="Newer practice", year=2024)
    make("middle", title="Middle practice", year=2021)
    reindex()

    assert order(run("sort=year")) == ["newer", "middle", "older"]


def test_a_snippet_marks_glossary_phrases_whole_and_words_from_their_start(make, reindex, run):
    make(
        "quebec",
        lang="fr",
        body="En 2021 de nouveaux collègues avaient un tutorat en entreprise de six mois.",
    )
    reindex()

    (result,) = run(q("mentoring")).results

    assert re.search("<mark>[^<]*tutorat", result["highlight"])
    assert "<mark>En</mark>" not in result["highlight"]
    assert "<mark>de</mark>" not in result["highlight"]
    assert "avai<mark>" not in result["highlight"]


def test_a_case_study_reindexed_while_its_page_is_read_is_left_out_not_an_error(make, monkeypatch):
    """The database engine reads a page of results in two queries: the ranking, then the
    entries; one may be reindexed in between."""
    make("first", title="Mentoring first")
    make("second", title="Mentoring second")
    engine = DatabaseEngine()
    engine.rebuild(current_documents())
    real_in_bulk = IndexedCaseStudy.objects.in_bulk

    def one_gone(ids):
        found = real_in_bulk(ids)
        found.pop(ids[0])
        return found

    monkeypatch.setattr(IndexedCaseStudy.objects, "in_bulk", one_gone)

    assert len(engine.search(SearchQuery(text="mentoring", sort="relevance")).results) == 1
