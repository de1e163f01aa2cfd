"""A reader's journey in a real browser: languages, direction and a case study link."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import CaseStudyPageFactory

# The live server needs committed data; serialized_rollback restores the vocabularies after.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def switch_language(page, name):
    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher").get_by_role("link", name=name).click()


def test_switch_to_japanese_and_arabic_then_open_a_case_study(
    live_server, browser_page, case_study, about_page, collection_index
):
    page = browser_page
    CaseStudyPageFactory(
        parent=case_study.get_parent(),
        slug="tokyo-buddies",
        title=None,
        title_ja="東京のバディ制度",
        summary=None,
        summary_ja="入社初日から同僚がバディとして伴走します。",
        original_language="ja",
        country="JP",
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
