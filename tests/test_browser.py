"""A reader's journey in a real browser: languages, direction and a case study link."""

import re

import pytest
from playwright.sync_api import expect

from search.engines.database import DatabaseEngine
from search.indexing import current_documents
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory

# The live server needs committed data; serialized_rollback restores the vocabularies after.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def switch_language(page, name):
    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher").get_by_role("link", name=name).click()


# `migrated_data` first: the live server sees committed data only, after a flush.
def test_switch_to_japanese_and_arabic_then_open_a_case_study(
    migrated_data, live_server, browser_page, case_study, about_page, collection_index
):
    page = browser_page
    CaseStudyPageFactory(
        parent=case_study.get_parent(),
        slug="tokyo-buddies",
        japanese=True,
        title_ja="東京のバディ制度",
        summary_ja="入社初日から同僚がバディとして伴走します。",
    )
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch_language(page, "日本語")
    expect(page).to_have_url(f"{live_server.url}/ja/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("link", name="東京のバディ制度")).to_be_visible()

    switch_language(page, "العربية")
    expect(page).to_have_url(f"{live_server.url}/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    page.get_by_role("link", name="Kiln mentors").first.click()
    expect(page).to_have_url(re.compile(r"/ar/case-studies/brightkiln/kiln-mentors/$"))
    expect(page.locator("h1")).to_have_text("Kiln mentors")
    expect(page.locator("article.case-study__main")).to_have_attribute("dir", "ltr")
    expect(page.locator(".notice")).to_be_visible()
    facts = page.locator(".facts")
    expect(facts).to_be_visible()
    assert facts.bounding_box()["x"] < page.locator("h1").bounding_box()["x"], (
        "in Arabic the facts panel sits on the left, after the text in reading order"
    )


def test_search_in_japanese_tick_two_facets_and_open_a_result(
    migrated_data, live_server, browser_page, case_study, case_study_index
):
    page = browser_page
    tokyo = OrganisationPageFactory(parent=case_study_index, slug="tokyo-works", country="JP")
    CaseStudyPageFactory(
        parent=tokyo, slug="tokyo-dormitory", title_ja="寮つきの採用活動", themes=["housing"],
        summary_ja="社員寮を用意して採用活動を進めました。", japanese=True,
    )  # fmt: skip
    CaseStudyPageFactory(
        parent=tokyo, slug="tokyo-mentors", title_ja="メンターと採用活動", themes=["mentoring"],
        summary_ja="先輩社員がメンターとして採用活動を支えました。", japanese=True,
    )  # fmt: skip
    DatabaseEngine().rebuild(current_documents())

    page.goto(f"{live_server.url}/ja/search/")
    search_box = page.locator("#search-q")
    search_box.fill("採用")
    search_box.press("Enter")
    # The glossary carries 採用 into English ("hired"): the Japanese words' matches come first.
    expect(page.locator(".result")).to_have_count(3)
    expect(page.locator(".result h3").nth(2)).to_have_text("Kiln mentors")

    page.get_by_role("checkbox", name=re.compile("住居支援")).check()
    expect(page.locator(".result")).to_have_count(1)
    page.get_by_role("checkbox", name=re.compile("メンタリング")).check()
    expect(page.locator(".result")).to_have_count(3)
    expect(page).to_have_url(
        re.compile(r"theme=housing.*theme=mentoring|theme=mentoring.*theme=housing")
    )
    expect(page.locator(".chips a")).to_have_count(3)

    page.get_by_role("link", name="寮つきの採用活動").click()
    expect(page).to_have_url(re.compile(r"/ja/case-studies/tokyo-works/tokyo-dormitory/$"))
    expect(page.locator("h1")).to_have_text("寮つきの採用活動")
