"""What a reader takes away, in a real browser: three case studies picked from a search, their
comparison, the search's CSV and the comparison's PDF downloaded, and the comparison printed."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from search.engines.database import DatabaseEngine
from search.indexing import current_documents
from tests.factories import CaseStudyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_select_three_from_a_search_compare_them_and_download_csv_and_pdf(
    migrated_data, live_server, browser_page, organisation
):
    page = browser_page
    for n, title in enumerate(("Welding", "Bakery", "Logistics", "Nursing")):
        CaseStudyPageFactory(
            parent=organisation, slug=f"housing-{n}", title=f"{title} with housing",
            themes=["housing"], year=2020 + n,
        )  # fmt: skip
    DatabaseEngine().rebuild(current_documents())

    page.goto(f"{live_server.url}/en/search/?theme=housing")
    expect(page.locator(".result")).to_have_count(4)
    for title in ("Welding with housing", "Bakery with housing", "Nursing with housing"):
        result = page.locator(".result", has=page.get_by_role("link", name=title))
        result.get_by_role("button", name="Compare").click()
        expect(result.get_by_role("button", name="Compare")).to_have_attribute(
            "aria-pressed", "true"
        )
    tray = page.locator(".compare-tray")
    expect(tray).to_contain_text("(3/4)")

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(read(csv_download.value).decode("utf-8-sig"))))
    assert sorted(row["title"] for row in rows) == [
        "Bakery with housing", "Logistics with housing", "Nursing with housing",
        "Welding with housing",
    ]  # fmt: skip

    page.reload()  # the selection is kept in the browser, not in the page
    expect(tray).to_contain_text("(3/4)")
    tray.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/en/compare/\?case_study=housing-0&case_study=housing-1"))
    expect(page.locator("article.compared")).to_have_count(3)
    expect(page.locator("article.compared h2")).to_have_text(
        ["Welding with housing", "Bakery with housing", "Nursing with housing"]
    )

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download PDF brief").click()
    pdf = PdfReader(io.BytesIO(read(pdf_download.value)))
    text = " ".join(pdf_page.extract_text() for pdf_page in pdf.pages)
    for title in ("Welding with housing", "Bakery with housing", "Nursing with housing"):
        assert title in text

    page.emulate_media(media="print")  # printed: the comparison, without menus or buttons
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".compare-tray")).to_be_hidden()
    expect(page.locator("article.compared").first).to_be_visible()
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 390, "height": 800})
    columns = page.locator("article.compared")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"], "on a phone the comparison is a stack"


def read(download):
    with open(download.path(), "rb") as file:
        return file.read()
