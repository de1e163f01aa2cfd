"""What only the Elasticsearch engine does: its index and analysers, the alias swap of a
rebuild, HTML-safe highlights from the cluster, and failing fast as SearchUnavailable.
Runs on osmem-server (or the cluster named by ELASTICSEARCH_URL for the test run)."""

import time

import pytest

from glossary.models import Concept
from search.engines import search as search_with_fallback
from search.engines.base import SearchUnavailable
from search.engines.elasticsearch import ElasticsearchEngine
from search.indexing import fingerprint
from search.query import SearchQuery

elasticsearch_only = pytest.mark.parametrize("search_engine", ["elasticsearch"], indirect=True)


def document(page_id, lang, title, summary="", body="", **facts):
    doc = {
        "id": page_id,
        "slug": f"case-{page_id}",
        "path": f"/case-studies/org/case-{page_id}/",
        "title": {lang: title},
        "summary": {lang: summary} if summary else {},
        "body": {lang: body} if body else {},
        "labels": {"en": "Recruitment | Germany | Europe"},
        "original_language": lang,
        "languages": [lang],
        "country": "DE",
        "region": "europe",
        "city": "",
        "organisation": {"slug": "org", "name": {"en": "Org"}},
        "themes": ["recruitment"],
        "sector": "ict",
        "company_size": "small",
        "protection_statuses": ["asylum-seeker"],
        "source": "rtsp",
        "year": 2024,
        "hires": page_id,
        "published_date": f"2024-01-{page_id:02d}",
        "channels": ["api"],
    } | facts
    doc["fingerprint"] = fingerprint(doc)
    return doc


EVERY_LANGUAGE = [
    document(1, "en", "Hiring engineers", "We were hiring welders."),
    document(2, "ja", "採用活動の工夫", "難民の採用活動について"),
    document(3, "de", "Ausbildung für Geflüchtete", "Mehrere Ausbildungen begannen."),
    document(4, "fr", "Recrutement de réfugiés", "Les entreprises recrutent."),
    document(5, "es", "Contratación de refugiados", "Programas de contratación."),
    document(6, "ar", "توظيف اللاجئين", "برامج التوظيف"),
    document(7, "uk", "Працевлаштування біженців", "Програми для БІЖЕНЦІВ"),
]


def ids(engine, text, **options):
    results = engine.search(SearchQuery(text=text, sort="newest", **options))
    return {result["slug"] for result in results.results}


@elasticsearch_only
def test_every_language_analyser_is_accepted_and_used(search_engine):
    Concept.objects.all().delete()  # the analysers alone: no glossary carries words across
    assert search_engine.rebuild(iter(EVERY_LANGUAGE)) == 7
    status = search_engine.status()
    assert status["documents"] == 7
    assert status["index"].startswith(f"{search_engine.alias}-")
    assert status["distribution"] in ("elasticsearch", "opensearch")

    assert ids(search_engine, "hire") == {"case-1"}  # English stemming
    assert ids(search_engine, "採用") == {"case-2"}  # kuromoji: a word inside a compound
    assert ids(search_engine, "ausbildung") == {"case-3"}
    assert ids(search_engine, "réfugiés") == {"case-4"}
    assert ids(search_engine, "refugiados") == {"case-5"}
    assert ids(search_engine, "التوظيف") == {"case-6"}
    assert ids(search_engine, "біженців") == {"case-7"}  # lower-cased
    assert ids(search_engine, "hiring welders") == {"case-1"}
    partial = search_engine.search(SearchQuery(text="hiring welders réfugiés", sort="relevance"))
    assert partial.matched == "some"  # no case study has every word: the most words first
    assert [result["slug"] for result in partial.results] == ["case-1", "case-4"]
    assert ids(search_engine, "the hiring") == {"case-1"}  # a stop word drops out

    suggestions = search_engine.suggest("hiring eng", "de")
    assert suggestions == [
        {"title": "Hiring engineers", "url": "/de/case-studies/org/case-1/", "language": "en"}
    ]


@elasticsearch_only
def test_filters_and_disjunctive_facets(search_engine):
    search_engine.index(
        [
            document(1, "en", "Hiring in Berlin"),
            document(2, "en", "Hiring in Paris", country="FR", year=2023),
            document(3, "en", "Hiring in Lyon", country="FR", sector="retail", hires=None),
        ]
    )
    query = SearchQuery(text="hiring", filters={"country": ("FR",)}, year_min=2024, sort="hires")
    results = search_engine.search(query)
    assert [result["slug"] for result in results.results] == ["case-3"]
    counts = {facet: {e["value"]: e["count"] for e in v} for facet, v in results.facets.items()}
    assert counts["country"] == {"DE": 1, "FR": 1}  # not narrowed by its own filter
    assert counts["year"] == {2024: 1, 2023: 1}
    assert counts["sector"] == {"retail": 1}

    newest_by_hires = search_engine.search(SearchQuery(sort="hires"))
    assert [r["slug"] for r in newest_by_hires.results] == ["case-2", "case-1", "case-3"]


@elasticsearch_only
def test_highlights_are_escaped(search_engine):
    search_engine.index([document(1, "en", "<script>alert(1)</script> hiring")])
    result = search_engine.search(SearchQuery(text="hiring", sort="relevance")).results[0]
    assert "<mark>hiring</mark>" in result["highlight"]
    assert "&lt;script&gt;" in result["highlight"]
    assert "<script" not in result["highlight"].replace("<mark>", "")


@elasticsearch_only
def test_rebuild_swaps_the_alias_while_searches_keep_answering(search_engine, monkeypatch):
    monkeypatch.setattr("search.engines.elasticsearch.CHUNK_SIZE", 2)
    search_engine.rebuild([document(1, "en", "Old hiring story")])
    old_index = search_engine.status()["index"]
    seen_during_rebuild = []

    def new_documents():
        for page_id in range(2, 7):
            if page_id == 5:  # two chunks are in the new index already
                seen_during_rebuild.append(ids(search_engine, "hiring"))
            yield document(page_id, "en", f"New hiring story {page_id}")

    progress = []
    assert search_engine.rebuild(new_documents(), progress=progress.append) == 5

    assert seen_during_rebuild == [{"case-1"}]
    assert progress == [2, 2, 1]
    status = search_engine.status()
    assert status["index"] != old_index and status["documents"] == 5
    assert not search_engine.client.indices.exists(index=old_index)
    assert set(search_engine.fingerprints()) == {2, 3, 4, 5, 6}


def test_unavailable_server_fails_fast_and_the_site_falls_back(osmem_clone, settings, db):
    settings.ELASTICSEARCH_URL = osmem_clone.url
    settings.ELASTICSEARCH_INDEX = "test-unavailable"
    engine = ElasticsearchEngine.for_url(osmem_clone.url, "test-unavailable")
    engine.index([document(1, "en", "Hiring")])
    assert ElasticsearchEngine.for_url(osmem_clone.url, "other").client is engine.client
    osmem_clone.close()

    started = time.monotonic()
    operations = [
        lambda: engine.search(SearchQuery(text="hiring")),
        lambda: engine.count(SearchQuery(text="hiring")),
        lambda: engine.suggest("hir", "en"),
        lambda: engine.index([document(2, "en", "More hiring")]),
        lambda: engine.delete([1]),
        lambda: engine.rebuild([document(2, "en", "More hiring")]),
        engine.fingerprints,
        engine.status,
        engine.drop,
    ]
    for operation in operations:
        with pytest.raises(SearchUnavailable):
            operation()
    assert time.monotonic() - started < 5
    assert search_with_fallback(SearchQuery(text="hiring")).engine == "database"
