"""CSV and JSON downloads of a search, on both engines: every result up to the result window,
only the case studies whose featured people consented to the API and feeds, labels in the
reader's language beside slugs, and cells a spreadsheet cannot run as formulas."""

import csv
import io
import json

import pytest

from tests.factories import CaseStudyPageFactory, FeaturedPersonFactory


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="case-studies-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read it as UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.fixture
def practices(organisation):
    """Housing practices: 21 that consented (more than a page), one whose person refused the
    API, and one whose title a spreadsheet would run as a formula."""
    consenting = [
        CaseStudyPageFactory(
            parent=organisation, slug=f"housing-{n}", title=f"Housing {n}", themes=["housing"]
        )
        for n in range(21)
    ]
    refused = CaseStudyPageFactory(
        parent=organisation, slug="web-only", title="Housing, web only", themes=["housing"]
    )
    FeaturedPersonFactory(case_study=refused, consent_api=False)
    formula = CaseStudyPageFactory(
        parent=organisation,
        slug="formula",
        title='=HYPERLINK("http://evil.example","Housing")',
        summary="+1 more housing",
        themes=["housing", "mentoring"],
        hires=None,
    )
    return consenting, refused, formula


def test_the_csv_holds_every_consenting_result_in_the_readers_language(client, practices, reindex):
    reindex()

    rows = csv_rows(client.get("/ja/search/results.csv?theme=housing"))

    slugs = {row["slug"] for row in rows}
    assert len(rows) == 22
    assert "web-only" not in slugs
    first = next(row for row in rows if row["slug"] == "housing-3")
    assert first["url"] == "http://testserver/ja/case-studies/brightkiln/housing-3/"
    assert first["theme"] == "住居支援"
    assert first["theme_slug"] == "housing"
    assert first["country"] == "イギリス"
    assert first["country_slug"] == "GB"
    assert first["hires"] == "4"
    assert first["organisation_slug"] == "brightkiln"


def test_csv_cells_cannot_run_as_formulas(client, practices, reindex):
    reindex()

    rows = csv_rows(client.get("/en/search/results.csv?theme=housing"))

    formula = next(row for row in rows if row["slug"] == "formula")
    assert formula["title"] == """'=HYPERLINK("http://evil.example","Housing")"""
    assert formula["summary"] == "'+1 more housing"
    assert formula["theme_slug"] == "housing; mentoring"
    assert formula["hires"] == ""
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


def test_the_json_download_has_the_same_results_as_the_csv(client, practices, reindex):
    reindex()

    response = client.get("/en/search/results.json?q=housing&sort=newest")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["total"] == 22
    assert document["language"] == "en"
    assert document["search"] == "http://testserver/en/search/results.json?q=housing&sort=newest"
    assert {result["slug"] for result in document["results"]} == {
        row["slug"] for row in csv_rows(client.get("/en/search/results.csv?q=housing"))
    }
    assert document["results"][0]["url"].startswith("http://testserver/en/case-studies/")
    assert "highlight" not in document["results"][0]


def test_an_empty_search_downloads_a_csv_with_only_its_header(client, practices, reindex):
    reindex()

    response = client.get("/en/search/results.csv?q=zzzzqqq")

    assert csv_rows(response) == []
    header = response.content.decode("utf-8").removeprefix("\ufeff").splitlines()[0]
    assert header.startswith("slug,title,summary,text_language,url,organisation,")


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_an_invalid_parameter_is_a_400_with_its_reason(client, db, extension):
    response = client.get(f"/en/search/results.{extension}?year_min=soon")

    assert response.status_code == 400
    assert response.content.decode() == "year_min: must be a whole number"


def test_the_search_page_links_its_downloads(client, practices, reindex):
    reindex()

    html = client.get("/en/search/?theme=housing&page=2").content.decode()

    assert 'href="/en/search/results.csv?theme=housing"' in html
    assert 'href="/en/search/results.json?theme=housing"' in html
