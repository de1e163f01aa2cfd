"""The JSON API and the search page: parameters, errors and shapes (docs/search-api.md)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import CaseStudyPageFactory

RESULT_KEYS = {
    "slug", "url", "title", "summary", "language", "original_language", "languages", "country",
    "region", "organisation", "themes", "sector", "company_size", "protection_statuses", "year",
    "hires", "published_date", "highlight", "highlight_language",
}  # fmt: skip
FACET_KEYS = {
    "country", "region", "theme", "sector", "company_size", "protection_status", "language",
    "year", "source",
}  # fmt: skip


@pytest.fixture
def indexed(search_engine, organisation, reindex):
    CaseStudyPageFactory(parent=organisation, slug="kiln-mentors", title="Kiln mentors hiring")
    CaseStudyPageFactory(
        parent=organisation,
        slug="tokyo-buddies",
        japanese=True,
        title_ja="東京のバディ制度",
        summary_ja="採用活動とバディ制度。",
        themes=["housing"],
    )
    reindex()
    return search_engine


def test_response_has_the_documented_shape(client, indexed):
    body = client.get("/api/v1/search/?lang=ja").json()

    assert body["engine"] == indexed.name
    assert (body["total"], body["page"], body["page_size"]) == (2, 1, 20)
    assert (body["matched"], body["did_you_mean"]) == ("all", "")
    assert set(body["facets"]) == FACET_KEYS
    for result in body["results"]:
        assert set(result) == RESULT_KEYS
        assert set(result["organisation"]) == {"slug", "name"}
    by_slug = {result["slug"]: result for result in body["results"]}
    assert by_slug["tokyo-buddies"]["title"] == "東京のバディ制度"
    assert by_slug["kiln-mentors"]["language"] == "en", "no Japanese: shown in the original"
    assert by_slug["kiln-mentors"]["url"] == "/ja/case-studies/brightkiln/kiln-mentors/"
    assert {"value": "GB", "label": "イギリス", "count": 1, "hires": 4} in body["facets"]["country"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("q=" + "x" * 501, "q"),
        ("lang=xx", "lang"),
        ("country=ZZ", "country"),
        ("region=atlantis", "region"),
        ("theme=yoga", "theme"),
        ("sector=mining", "sector"),
        ("company_size=huge", "company_size"),
        ("protection_status=tourist", "protection_status"),
        ("language=klingon", "language"),
        ("source=web", "source"),
        ("year_min=abc", "year_min"),
        ("year_max=1.5", "year_max"),
        ("year_min=2024&year_max=2020", "year_min"),
        ("sort=random", "sort"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=x", "page"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page=600&page_size=20", "page"),
    ],
)
def test_invalid_parameters_give_400_with_the_field(client, db, query, field):
    response = client.get(f"/api/v1/search/?{query}")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == field
    assert error["message"]


@pytest.mark.parametrize("query", ["q=x%00y", "page=99999999999999999999", "theme="])
def test_odd_input_is_handled_without_a_server_error(client, db, query):
    assert client.get(f"/api/v1/search/?{query}").status_code in (200, 400)


PARAMETERS = ["q", "lang", "country", "region", "theme", "sector", "company_size",
              "protection_status", "language", "source", "year_min", "year_max", "sort", "page",
              "page_size", "other"]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "en",
            "ja",
            "ar",
            "GB",
            "JP",
            "europe",
            "housing",
            "ict",
            "micro",
            "asylum-seeker",
            "rtsp",
            "relevance",
            "newest",
            "hires",
            "1",
            "0",
            "-5",
            "100",
            "101",
            "2024",
            "1e9",
            "",
            " ",
            "採用",
            "<script>",
        ]
    ),  # fmt: skip
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=6))
def test_random_parameters_never_give_a_server_error(client, indexed, params):
    response = client.get("/api/v1/search/", params)

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert set(response.json()["error"]) == {"field", "message"}


def test_suggest_returns_titles_for_a_prefix(client, indexed):
    suggestions = client.get("/api/v1/search/suggest/?q=kiln&lang=en").json()

    assert suggestions == [
        {
            "title": "Kiln mentors hiring",
            "url": "/en/case-studies/brightkiln/kiln-mentors/",
            "language": "en",
        }
    ]


def test_openapi_document_and_interactive_docs(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/search/" in schema["paths"]
    assert "/api/v1/search/suggest/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert {"q", "lang", "theme", "country", "year_min", "sort", "page_size"} <= parameters
    assert client.get("/api/v1/docs").status_code == 200


def test_search_page_takes_the_same_parameters(client, indexed):
    content = client.get("/en/search/?q=hiring&theme=mentoring").content.decode()

    assert "Kiln mentors hiring" in content
    assert "How the company <mark>hired</mark> and kept refugees." in content
    assert 'name="theme" value="mentoring" checked' in content
    assert 'href="?q=hiring"' in content, "the chip removes its filter and keeps the rest"


def test_search_page_suggests_which_filter_to_drop(client, indexed):
    content = client.get("/en/search/?theme=housing&country=GB").content.decode()

    assert "No case studies match this search." in content
    assert "Remove “United Kingdom” to see 1 case study." in content
    assert "Remove “Housing” to see 1 case study." in content


def test_search_page_shows_a_badge_for_another_language(client, indexed):
    content = client.get("/en/search/?q=採用").content.decode()

    assert "東京のバディ制度" in content
    assert "In Japanese" in content


@pytest.mark.parametrize("language", ["en", "ja", "ar"])
def test_search_page_renders_in_each_language(client, indexed, language):
    response = client.get(f"/{language}/search/?q=hiring")

    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()
