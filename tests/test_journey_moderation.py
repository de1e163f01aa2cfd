"""A case study's way from a partner's draft to the public search, in a real browser: the partner
drafts it with a photo and submits it, an editor asks for a change, the partner fixes it and
resubmits, the editor approves, and readers find it."""

import pytest
from django.core import mail
from PIL import Image as PILImage
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from casestudies.models import CaseStudyPage
from casestudies.vocabularies import CompanySize, Sector
from tests.conftest import PARTNER_PASSWORD

# The live server needs committed data; serialized_rollback restores the migrations' groups and
# the "Moderators approval" workflow after each flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Night shift welders at Brightkiln"
FIXED_TITLE = "Night shift welders at Brightkiln, with mentors"
COMMENT = "Please name the mentoring scheme in the summary."
IMAGE_TITLE = "Night shift at the kiln"
CAPTION = "The night shift at the kiln"


# The photo -----------------------------------------------------------------------------------


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "night-shift.jpg"
    PILImage.new("RGB", (96, 64), "darkorange").save(path, "JPEG")
    return path


# Steps ---------------------------------------------------------------------------------------


def log_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/admin/")


def open_editor(page, base_url, case_study):
    page.goto(f"{base_url}/admin/pages/{case_study.pk}/edit/")
    english_tab(page)


def english_tab(page):
    """The case study's English fields: its original language, so its tab comes first."""
    page.get_by_role("tab", name="English (original)").click()
    expect(page.locator("#id_title_en")).to_be_visible()


def fill_facts(page):
    page.get_by_role("tab", name="Facts").click()
    page.locator("#id_country").select_option("GB")
    page.locator("#id_city").fill("Leeds")
    page.locator("#id_sector").select_option(str(Sector.objects.get(slug="manufacturing").pk))
    page.locator("#id_company_size").select_option(str(CompanySize.objects.get(slug="medium").pk))
    page.get_by_role("checkbox", name="Mentoring and buddy schemes").check()
    page.locator("#id_year").fill("2024")
    page.locator("#id_source").select_option("international-partner")


def add_image_block(page, photo):
    """An Image block in the English body, its image uploaded through the chooser's upload tab
    and not flagged as showing identifiable people (so publishing needs no consent record)."""
    body = page.locator("#panel-child-en-body_en-content")
    body.get_by_title("Insert a block").first.click()
    page.get_by_role("option", name="Image").click()
    body.get_by_role("button", name="Choose an image").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.locator("#id_image-chooser-upload-title").fill(IMAGE_TITLE)
    chooser.locator("#id_image-chooser-upload-file").set_input_files(photo)
    expect(chooser.get_by_label("Shows people who could be identified")).not_to_be_checked()
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_be_hidden()
    expect(body.locator(".chooser__title")).to_have_text(IMAGE_TITLE)
    body.get_by_label("Caption").fill(CAPTION)


def submit_for_moderation(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")


def choose_workflow_action(page, name):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=name, exact=True).click()


def last_email_to(address):
    return [message for message in mail.outbox if address in message.to][-1]


# The journey ---------------------------------------------------------------------------------


def test_partner_submits_editor_requests_a_change_then_approves_and_readers_find_it(
    migrated_data,
    live_server,
    browser_page,
    second_browser_page,
    partner_with_password,
    moderator,
    organisation,
    photo,
):
    base, page, editor_page = live_server.url, browser_page, second_browser_page

    # The partner drafts a case study under their organisation and submits it.
    log_in(page, base, "partner@brightkiln.example", PARTNER_PASSWORD)
    page.goto(f"{base}/admin/pages/{organisation.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.locator("#id_original_language")).to_have_value("en")  # the editor's language
    english_tab(page)
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_summary_en").fill("Three welders joined the night shift in 2024.")
    add_image_block(page, photo)
    fill_facts(page)
    submit_for_moderation(page)
    case_study = CaseStudyPage.objects.get(title_en=TITLE)
    assert case_study.get_parent().pk == organisation.pk and not case_study.live

    # An editor finds it awaiting review and asks for a change, with a comment.
    log_in(editor_page, base, "editor@example.org", "pw")  # tests/conftest.py
    editor_page.get_by_role("link", name=TITLE).first.click()
    expect(editor_page).to_have_url(f"{base}/admin/pages/{case_study.pk}/edit/")
    choose_workflow_action(editor_page, "Request changes")
    editor_page.locator(".modal-dialog textarea[name=comment]").fill(COMMENT)
    editor_page.locator(".modal-dialog").get_by_role("button", name="Request changes").click()
    expect(editor_page.locator(".messages")).to_contain_text("has been updated")
    assert case_study.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert COMMENT in last_email_to("partner@brightkiln.example").body

    # The partner reads the comment in the editor, fixes the text and resubmits.
    open_editor(page, base, case_study)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="View details").click()
    status = page.locator("#workflow-status-dialog")
    expect(status).to_contain_text("Changes requested by Editorial team")
    expect(status).to_contain_text(COMMENT)
    status.get_by_role("button", name="Close dialog").click()
    page.locator("#id_title_en").fill(FIXED_TITLE)
    page.locator("#id_summary_en").fill("Three welders joined the night shift, each with a mentor.")
    submit_for_moderation(page)

    # The editor approves the fixed text, which publishes it.
    open_editor(editor_page, base, case_study)
    expect(editor_page.locator("#id_title_en")).to_have_value(FIXED_TITLE)
    choose_workflow_action(editor_page, "Approve and Publish")
    expect(editor_page.locator(".messages")).to_contain_text("has been updated")
    case_study.refresh_from_db()
    assert case_study.live and case_study.title == FIXED_TITLE
    assert "has been approved" in last_email_to("partner@brightkiln.example").subject

    # Readers find it in the public search, photo included.
    page.goto(f"{base}/en/search/?q=mentors")
    page.get_by_role("link", name=FIXED_TITLE).click()
    expect(page.locator("h1")).to_have_text(FIXED_TITLE)
    expect(page.locator("figure.image img")).to_have_attribute("alt", CAPTION)
