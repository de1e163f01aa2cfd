"""Comparing practices: a selection of two to four case studies kept in a cookie (no account),
side by side in the reader's language, at an address that rebuilds the comparison, and as a
PDF brief; a collection as a PDF brief too."""

import io
import json

import pytest
from pypdf import PdfReader

from casestudies.languages import LANGUAGE_CODES
from tests.factories import CaseStudyPageFactory, CollectionPageFactory
from tests.test_query_counts import query_count

STEPS = {
    "type": "steps",
    "value": [{"title": "Paid language lessons", "description": "Two hours a week, paid."}],
}
FIGURES = {"type": "key_figures", "value": [{"value": "12", "label": "welders hired"}]}
LESSONS = {"type": "lessons", "value": "<p>Start the language lessons before the first day.</p>"}


@pytest.fixture
def practices(organisation):
    """Four case studies: a welding one with steps, figures and lessons, in English and
    Japanese; three others."""
    welding = CaseStudyPageFactory(
        parent=organisation,
        slug="welding",
        title="Welding apprenticeships",
        title_ja="溶接の見習い制度",
        summary_ja="溶接工の採用と語学研修。",
        body=[STEPS, FIGURES, LESSONS],
        hires=12,
    )
    others = [
        CaseStudyPageFactory(parent=organisation, slug=f"practice-{n}", title=f"Practice {n}")
        for n in range(3)
    ]
    return [welding, *others]


def select(client, slug, action="add", **extra):
    return client.post(
        "/en/compare/selection/",
        {"action": action, "case_study": slug, "next": "/en/search/"},
        **extra,
    )


def test_a_selection_survives_navigation_and_opens_as_a_shareable_comparison(client, practices):
    for slug in ("welding", "practice-0", "practice-1"):
        assert select(client, slug).status_code == 302

    home = client.get("/en/case-studies/brightkiln/practice-2/").content.decode()
    assert "Compare the selected case studies (<span data-compare-count>3</span>/4)" in home
    response = client.get("/en/compare/")

    assert response.status_code == 302
    assert response["Location"] == (
        "/en/compare/?case_study=welding&case_study=practice-0&case_study=practice-1"
    )
    shared = type(client)()  # someone else, without the selection cookie
    html = shared.get(response["Location"]).content.decode()
    assert (
        html.index("Welding apprenticeships") < html.index("Practice 0") < html.index("Practice 1")
    )
    assert "Paid language lessons" in html
    assert "welders hired" in html
    assert "Start the language lessons before the first day." in html


def test_the_comparison_is_in_the_readers_language_where_a_case_study_has_it(client, practices):
    html = client.get("/ja/compare/?case_study=welding&case_study=practice-0").content.decode()

    assert "溶接の見習い制度" in html
    assert "溶接工の採用と語学研修。" in html
    assert 'lang="en"' in html  # Practice 0 is in English only


def test_a_fifth_case_study_is_refused_with_a_reason(client, practices, organisation):
    fifth = CaseStudyPageFactory(parent=organisation, slug="fifth")
    for page in practices:
        select(client, page.slug)

    answer = select(client, fifth.slug, HTTP_ACCEPT="application/json").json()

    assert answer["count"] == 4
    assert "fifth" not in answer["selected"]
    assert answer["message"] == "You can compare up to 4 case studies: remove one to add another."


def test_the_script_gets_the_selection_back_as_json(client, practices):
    select(client, "welding")

    answer = select(client, "welding", action="remove", HTTP_ACCEPT="application/json").json()

    assert answer == {"selected": [], "count": 0, "message": ""}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"action": "add", "case_study": "no-such-practice"}, "case_study: no such case study"),
        ({"action": "add"}, "case_study: no such case study"),
        ({"action": "steal", "case_study": "welding"}, "action: must be one of add, remove"),
    ],
)
def test_bad_selection_changes_are_400s_with_a_reason(client, practices, data, reason):
    response = client.post("/en/compare/selection/", data)

    assert response.status_code == 400
    assert response.content.decode().startswith(reason)


def test_going_back_never_leaves_the_site(client, practices):
    response = client.post(
        "/en/compare/selection/",
        {"action": "add", "case_study": "welding", "next": "https://evil.example/"},
    )

    assert response["Location"] == "/en/compare/"


def test_unpublished_case_studies_drop_out_of_a_shared_comparison(client, practices):
    practices[1].unpublish()

    html = client.get("/en/compare/?case_study=welding&case_study=practice-0").content.decode()

    assert "Welding apprenticeships" in html
    assert "Practice 0" not in html
    assert "1 case study in this comparison is no longer published" in html


def test_an_empty_comparison_says_how_to_choose(client, db):
    html = client.get("/fr/compare/").content.decode()

    assert 'href="/fr/search/"' in html


def test_compare_buttons_show_what_is_selected(client, practices, collection_index):
    CollectionPageFactory(parent=collection_index, slug="picked", case_studies=practices)
    select(client, "practice-0")

    html = client.get("/en/collections/picked/").content.decode()

    assert html.count("data-compare-toggle>") == 4
    assert html.count('aria-pressed="true"') == 1
    assert 'value="practice-0" aria-pressed="true"' in html


def test_the_comparison_page_queries_do_not_grow(client, practices):
    query_count(client, "/en/compare/?case_study=welding")  # the site's settings, read once
    two = query_count(client, "/en/compare/?case_study=welding&case_study=practice-0")
    four = query_count(
        client, "/en/compare/?" + "&".join(f"case_study={page.slug}" for page in practices)
    )

    assert four == two


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_comparison_brief_is_a_pdf_of_the_comparison(client, practices):
    response = client.get("/en/compare/brief.pdf?case_study=welding&case_study=practice-0")

    text = pdf_text(response)
    assert response["Content-Disposition"].startswith('inline; filename="comparison-')
    for expected in (
        "Refugee Careers Knowledge Exchange",
        "Welding apprenticeships",
        "Practice 0",
        "Paid language lessons",
        "welders hired",
        "http://testserver/en/case-studies/brightkiln/welding/",
    ):
        assert expected in text.replace("\n", " "), expected


def test_a_brief_in_japanese_is_a_tagged_pdf_with_japanese_text(client, practices):
    response = client.get("/ja/compare/brief.pdf?case_study=welding&case_study=practice-0")

    text = pdf_text(response)
    assert "溶接の見習い制度" in text
    assert "溶接工の採用と語学研修。" in text
    catalogue = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert catalogue["/Lang"] == "ja"
    assert "/StructTreeRoot" in catalogue, "tagged, for screen readers"


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_brief_is_made_in_every_language(client, practices, collection_index, language):
    CollectionPageFactory(parent=collection_index, slug="picked", case_studies=practices[:1])

    response = client.get(f"/{language}/collections/picked/brief.pdf")

    assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == language
    text = pdf_text(response)
    assert ("溶接の見習い制度" if language == "ja" else "Welding apprenticeships") in text


def test_a_collection_brief_lists_its_case_studies_with_links(client, practices, collection_index):
    collection = CollectionPageFactory(
        parent=collection_index,
        slug="welding-and-more",
        title="Welding and more",
        case_studies=practices[:2],
    )

    text = pdf_text(client.get(f"/en/collections/{collection.slug}/brief.pdf")).replace("\n", " ")

    assert "Welding and more" in text
    assert text.index("Welding apprenticeships") < text.index("Practice 0")
    assert "http://testserver/en/case-studies/brightkiln/practice-0/" in text
    assert "12 people hired" in text


def test_a_brief_of_nothing_is_a_404(client, db):
    assert client.get("/en/compare/brief.pdf").status_code == 404
    assert client.get("/en/collections/no-such-collection/brief.pdf").status_code == 404


def test_a_brief_fetches_nothing_a_case_study_links_to(client, organisation, monkeypatch):
    """An image address in rich text must not make the server fetch it."""
    CaseStudyPageFactory(
        parent=organisation,
        slug="trap",
        body=[{"type": "lessons", "value": '<p><img src="http://127.0.0.1:9/secret"></p>'}],
    )
    fetched = []
    monkeypatch.setattr("urllib.request.OpenerDirector.open", lambda *a, **k: fetched.append(a))

    pdf_text(client.get("/en/compare/brief.pdf?case_study=trap"))

    assert fetched == []


def test_json_answers_are_json(client, practices):
    response = select(client, "welding", HTTP_ACCEPT="application/json")

    assert json.loads(response.content)["selected"] == ["welding"]


def test_a_shared_comparison_can_become_the_readers_selection(client, practices):
    html = client.get("/en/compare/?case_study=practice-1&case_study=welding").content.decode()
    assert "Make these my selection" in html

    response = client.post(
        "/en/compare/selection/",
        {"action": "replace", "case_study": ["practice-1", "welding"], "next": "/en/compare/"},
    )

    assert response.status_code == 302
    assert client.get("/en/compare/")["Location"] == (
        "/en/compare/?case_study=practice-1&case_study=welding"
    )


def test_an_unpublished_pick_leaves_the_selection(client, practices):
    select(client, "welding")
    select(client, "practice-0")
    practices[0].unpublish()

    response = client.get("/en/compare/")

    assert response["Location"] == "/en/compare/?case_study=practice-0"
    assert client.cookies["comparison"].value == "practice-0"
    answer = select(client, "welding", action="remove", HTTP_ACCEPT="application/json").json()
    assert answer["selected"] == ["practice-0"]


def test_without_pango_a_brief_is_a_503_and_the_site_runs_on(client, practices, monkeypatch):
    monkeypatch.setattr("briefs.pdf.weasyprint", lambda: None)

    response = client.get("/en/compare/brief.pdf?case_study=welding")

    assert response.status_code == 503
    assert response.content.decode() == "PDF briefs are not available on this server at the moment."
    assert client.get("/en/compare/?case_study=welding").status_code == 200
