"""'Share your practice' (sharing/): organisations without an account send a case study, which
becomes drafts in moderation; the contact details stay with the editors."""

from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import WorkflowState

from casestudies.models import CaseStudyPage, OrganisationPage, latest_year
from casestudies.partners import add_partner_user
from sharing.models import ShareSubmission, SubmissionWindow

CLIENT_ADDRESS = "203.0.113.77"


def practice(**changes):
    """What a visitor types; a None value leaves the field out, as an empty checkbox does."""
    data = {
        "organisation_name": "Werkbund Kitchens",
        "organisation_kind": "company",
        "organisation_country": "DE",
        "organisation_website": "https://werkbund.example",
        "contact_name": "Jana Vogel",
        "contact_email": "jana@werkbund.example",
        "contact_role": "Head of people",
        "title": "Kitchen apprenticeships in Leipzig",
        "summary": "Six refugees trained as cooks alongside German apprentices.",
        "body": "We paired each apprentice with a cook.\n\nFive of six passed their exams.",
        "original_language": "en",
        "country": "DE",
        "city": "Leipzig",
        "sector": "hospitality",
        "company_size": "small",
        "themes": ["onboarding", "language-support"],
        "protection_statuses": ["recognised-refugee"],
        "hires": "6",
        "year": "2023",
        "consent": "on",
        "fax": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def share(client, language="en", **changes):
    return client.post(f"/{language}/share/", practice(**changes), REMOTE_ADDR=CLIENT_ADDRESS)


def field_box(response, name):
    """The block that holds a form field: its label, its errors and its input."""
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(attrs={"name": name}).find_parent(class_="share-form__field")


def fields_with_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        box.find(attrs={"name": True})["name"]
        for box in soup.select(".share-form__field")
        if box.select(".errorlist li")
    }


def error_text(response, name):
    return " ".join(li.get_text() for li in field_box(response, name).select(".errorlist li"))


def search_page(client, query):
    return client.get("/en/search/", {"q": query}).content.decode()


def nothing_stored():
    return not (
        OrganisationPage.objects.exists()
        or CaseStudyPage.objects.exists()
        or ShareSubmission.objects.exists()
    )


# The form ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "direction", "theme_label", "country_label"),
    [
        ("en", "ltr", "Mentoring and buddy schemes", "Japan"),
        ("ja", "ltr", "メンタリング", "日本"),
        ("ar", "rtl", "", ""),
    ],
)
def test_the_form_is_in_the_visitors_language(
    client, home_page, language, direction, theme_label, country_label
):
    response = client.get(f"/{language}/share/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.html["dir"] == direction
    assert soup.find("option", value=language, selected=True).parent["name"] == (
        "original_language"
    )
    assert theme_label in field_box(response, "themes").get_text()
    assert country_label in field_box(response, "country").get_text()


def test_the_footer_links_to_the_form(client, home_page):
    response = client.get("/ja/search/")

    assert b'href="/ja/share/"' in response.content


def test_the_honeypot_is_out_of_reach_for_people(client, home_page):
    soup = BeautifulSoup(client.get("/en/share/").content, "html.parser")
    trap = soup.find("input", attrs={"name": "fax"})

    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"


# A valid submission -----------------------------------------------------------------------------


def test_a_shared_practice_becomes_drafts_awaiting_review(client, case_study_index):
    response = share(client)

    assert response.status_code == 302
    assert response["Location"] == "/en/share/thanks/"
    thanks = client.get(response["Location"])
    assert "An editor will review your story" in thanks.content.decode()

    organisation = OrganisationPage.objects.get()
    assert organisation.get_parent().pk == case_study_index.pk
    assert not organisation.live
    assert (organisation.title_en, organisation.kind, organisation.country) == (
        "Werkbund Kitchens",
        "company",
        "DE",
    )
    assert organisation.website == "https://werkbund.example"

    case_study = CaseStudyPage.objects.get()
    assert case_study.get_parent().pk == organisation.pk
    assert not case_study.live
    assert case_study.title_en == "Kitchen apprenticeships in Leipzig"
    assert case_study.summary_en.startswith("Six refugees")
    assert [block.value.source for block in case_study.body_en] == [
        "<p>We paired each apprentice with a cook.</p><p>Five of six passed their exams.</p>"
    ]
    assert case_study.source == "international-partner"
    assert case_study.sector.slug == "hospitality"
    assert {theme.slug for theme in case_study.themes.all()} == {"onboarding", "language-support"}
    assert (case_study.hires, case_study.year, case_study.city) == (6, 2023, "Leipzig")

    state = WorkflowState.objects.get(object_id=str(case_study.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by is None
    assert not WorkflowState.objects.filter(object_id=str(organisation.pk)).exists(), (
        "one review: approving the case study approves its organisation"
    )


def test_editors_see_it_awaiting_review_and_are_told(client, case_study_index, moderator):
    share(client)

    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Awaiting your review" in dashboard
    assert "Kitchen apprenticeships in Leipzig" in dashboard
    assert any(
        moderator.email in message.to and "Kitchen apprenticeships in Leipzig" in message.subject
        for message in mail.outbox
    )


def test_the_draft_is_public_only_once_an_editor_approves_it(
    client, case_study_index, moderator, django_capture_on_commit_callbacks
):
    url = "/en/case-studies/werkbund-kitchens/kitchen-apprenticeships-in-leipzig/"
    # Index updates run after the transaction commits: run them, as in production.
    with django_capture_on_commit_callbacks(execute=True):
        share(client)

    assert client.get(url).status_code == 404
    assert "Kitchen apprenticeships" not in search_page(client, "apprenticeships")
    assert client.get("/api/v1/search/?q=apprenticeships").json()["total"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        state = WorkflowState.objects.get(object_id=str(CaseStudyPage.objects.get().pk))
        state.current_task_state.approve(user=moderator)

    assert OrganisationPage.objects.get().live, "published with its case study"
    assert client.get(url).status_code == 200
    assert client.get("/en/case-studies/werkbund-kitchens/").status_code == 200
    assert "Kitchen apprenticeships" in search_page(client, "apprenticeships")


def test_the_contact_is_kept_for_editors_only(client, case_study_index, moderator):
    share(client)
    submission = ShareSubmission.objects.get()

    assert (submission.contact_name, submission.contact_email, submission.contact_role) == (
        "Jana Vogel",
        "jana@werkbund.example",
        "Head of people",
    )
    assert submission.case_study == CaseStudyPage.objects.get()
    assert submission.organisation == OrganisationPage.objects.get()
    assert submission.consent_confirmed_at is not None
    for page in (submission.organisation, submission.case_study):
        content = str(page.get_latest_revision().content)
        assert "Jana" not in content
        assert "werkbund.example" not in content.replace("https://werkbund.example", "")

    state = WorkflowState.objects.get(object_id=str(submission.case_study.pk))
    state.current_task_state.approve(user=moderator)
    page = client.get("/en/case-studies/werkbund-kitchens/kitchen-apprenticeships-in-leipzig/")
    assert "Jana" not in page.content.decode()
    assert client.get("/api/v1/search/?q=Jana").json()["total"] == 0


def test_a_practice_written_in_japanese_is_stored_in_japanese(client, case_study_index):
    response = share(
        client,
        "ja",
        organisation_name="京都キッチン株式会社",
        title="京都での調理師研修",
        summary="難民の調理師を育成しました。",
        original_language="ja",
    )

    assert response["Location"] == "/ja/share/thanks/"
    case_study = CaseStudyPage.objects.get()
    assert (case_study.title_ja, case_study.title_en) == ("京都での調理師研修", None)
    assert case_study.original_language == "ja"
    assert case_study.slug == "京都での調理師研修", "its address keeps the title's own letters"
    organisation = OrganisationPage.objects.get()
    assert (organisation.title_ja, organisation.slug) == (
        "京都キッチン株式会社",
        "京都キッチン株式会社",
    )
    assert ShareSubmission.objects.get().language == "ja"


def test_html_typed_in_the_story_shows_as_text_to_the_editor(client, case_study_index, moderator):
    share(client, body="<script>alert('hi')</script>\n\nWe <b>trained</b> cooks.")
    case_study = CaseStudyPage.objects.get()

    client.force_login(moderator)
    revision = case_study.get_latest_revision()
    preview = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[case_study.pk, revision.pk])
    ).content.decode()
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in preview
    assert "<script>alert" not in preview
    assert "We &lt;b&gt;trained&lt;/b&gt; cooks." in preview


# Invalid input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("organisation_name", "", "This field is required."),
        ("contact_email", "jana-at-werkbund", "Enter a valid email address."),
        ("organisation_website", "werkbund kitchens", "Enter a valid URL."),
        ("year", "1850", "greater than or equal to 1990"),
        ("year", str(latest_year() + 1), f"less than or equal to {latest_year()}"),
        ("themes", None, "This field is required."),
        ("consent", None, "Please confirm the consent of everyone featured."),
        ("country", "XX", "Select a valid choice."),
        ("organisation_kind", "guild", "Select a valid choice."),
        ("sector", "mining", "Select a valid choice."),
        ("hires", "-2", "greater than or equal to 0"),
        ("hires", "99999999999", "less than or equal to 1000000"),
        ("summary", "x" * 601, "at most 600 characters"),
    ],
)
def test_each_mistake_is_shown_next_to_its_field(client, case_study_index, field, value, message):
    response = share(client, **{field: value})

    assert response.status_code == 200
    assert fields_with_errors(response) == {field}
    assert message in error_text(response, field)
    assert nothing_stored()
    # What was typed is still there.
    assert field_box(response, "organisation_name").input.get("value", "") == (
        "" if field == "organisation_name" else "Werkbund Kitchens"
    )
    assert field_box(response, "body").textarea.get_text().strip().startswith("We paired")
    checked = {box["value"] for box in field_box(response, "themes").find_all(checked=True)}
    assert checked == (set() if field == "themes" else {"onboarding", "language-support"})


def test_mistakes_are_explained_in_japanese_on_the_japanese_form(client, case_study_index):
    response = share(client, "ja", title="", contact_email="jana-at-werkbund")

    assert response.status_code == 200
    # Django's and Wagtail's catalogues word it differently: the one in use, in Japanese.
    with translation.override("ja"):
        required = str(forms.Field.default_error_messages["required"])
    assert "必須" in required
    assert error_text(response, "title") == required
    assert error_text(response, "contact_email") == "有効なメールアドレスを入力してください。"
    assert nothing_stored()


def test_a_filled_honeypot_looks_like_success_but_stores_nothing(client, case_study_index):
    response = share(client, fax="+49 30 1234567")

    assert response.status_code == 302
    assert response["Location"] == "/en/share/thanks/"
    assert nothing_stored()


# Rate limit -------------------------------------------------------------------------------------


def test_a_client_over_the_limit_gets_429_and_keeps_what_they_typed(
    client, case_study_index, settings
):
    settings.SHARE_RATE_LIMIT = (2, 3600)
    assert share(client, title="First practice").status_code == 302
    assert share(client, title="Second practice").status_code == 302

    response = share(client, title="Third practice")

    assert response.status_code == 429
    assert "several stories from you in a short time" in response.content.decode()
    assert field_box(response, "title").input["value"] == "Third practice"
    assert CaseStudyPage.objects.count() == 2
    other_client = client.post("/en/share/", practice(title="Elsewhere"), REMOTE_ADDR="192.0.2.1")
    assert other_client.status_code == 302


def test_behind_a_proxy_the_limit_counts_per_client_not_per_proxy(
    client, case_study_index, settings
):
    settings.SHARE_RATE_LIMIT = (1, 3600)
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post("/en/share/", practice(), HTTP_X_REAL_IP="198.51.100.7", **proxy)
    again = client.post("/en/share/", practice(), HTTP_X_REAL_IP="198.51.100.7", **proxy)
    other = client.post("/en/share/", practice(), HTTP_X_REAL_IP="198.51.100.8", **proxy)
    assert (first.status_code, again.status_code, other.status_code) == (302, 429, 302)


def test_the_rate_limit_stores_no_address_and_nothing_beyond_its_window(
    client, case_study_index, settings
):
    settings.SHARE_RATE_LIMIT = (5, 600)
    share(client)

    windows = list(SubmissionWindow.objects.all())
    assert windows
    assert not any(CLIENT_ADDRESS in window.key for window in windows)
    assert all(window.expires_at <= timezone.now() + timedelta(seconds=600) for window in windows)
    database = StringIO()
    call_command("dumpdata", stdout=database)
    assert CLIENT_ADDRESS not in database.getvalue()


# Submissions in the admin -----------------------------------------------------------------------


def test_editors_read_submissions_in_the_admin(client, case_study_index, moderator):
    share(client)
    client.force_login(moderator)

    assert "Shared practices" in client.get("/admin/").content.decode()  # the menu item
    listing = client.get("/admin/share_submissions/")
    assert listing.status_code == 200
    assert "jana@werkbund.example" in listing.content.decode()
    submission = ShareSubmission.objects.get()
    detail = client.get(f"/admin/share_submissions/inspect/{submission.pk}/")
    assert "Head of people" in detail.content.decode()
    # A record of what the visitor sent: nobody adds or rewrites one, not even a superuser.
    superuser = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    for user in (moderator, superuser):
        client.force_login(user)
        assert client.get("/admin/share_submissions/new/").status_code == 302
        assert client.get(f"/admin/share_submissions/edit/{submission.pk}/").status_code == 302


def test_partners_and_visitors_cannot_see_submissions(client, case_study_index):
    share(client)
    partner = add_partner_user("partner@werkbund.example", OrganisationPage.objects.get()).user

    anonymous = client.get("/admin/share_submissions/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")

    client.force_login(partner)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Shared practices" not in dashboard.content.decode()
    assert client.get("/admin/share_submissions/").status_code == 302
    refused = client.get("/admin/share_submissions/", follow=True).content.decode()
    assert "jana@werkbund.example" not in refused
    assert "Sorry, you do not have permission" in refused


# What the person who shared hears, and how long we keep them -----------------------------------


def test_one_email_per_editor_and_an_acknowledgement_in_the_sharers_language(
    client, case_study_index, moderator, admin_user
):
    share(client, "de", title="Küchenausbildung in Leipzig")

    to_editors = [message for message in mail.outbox if moderator.email in message.to]
    assert len(to_editors) == 1
    assert not [message for message in mail.outbox if admin_user.email in message.to]
    (acknowledgement,) = [m for m in mail.outbox if "jana@werkbund.example" in m.to]
    assert "Küchenausbildung in Leipzig" in acknowledgement.subject
    assert "Vielen Dank" in acknowledgement.body or "Danke" in acknowledgement.body
    assert "30" in acknowledgement.body


def test_the_sharer_is_told_when_it_is_published_and_the_contact_goes_later(
    client, case_study_index, moderator
):
    share(client, "ja", title="京都での調理師研修", original_language="ja")
    mail.outbox.clear()
    state = WorkflowState.objects.get(object_id=str(CaseStudyPage.objects.get().pk))

    state.current_task_state.approve(user=moderator)

    (notice,) = [m for m in mail.outbox if "jana@werkbund.example" in m.to]
    assert "京都での調理師研修" in notice.subject
    assert "/ja/case-studies/" in notice.body
    submission = ShareSubmission.objects.get()
    assert submission.decided_at is not None

    call_command("prune_shared_practices", stdout=StringIO())
    assert ShareSubmission.objects.exists(), "kept for SHARE_CONTACT_DAYS"
    ShareSubmission.objects.update(decided_at=timezone.now() - timedelta(days=31))
    call_command("prune_shared_practices", stdout=StringIO())
    assert not ShareSubmission.objects.exists()
    assert CaseStudyPage.objects.get().live, "the practice stays; only the contact goes"


def test_the_form_says_how_long_the_contact_is_kept(client, case_study_index):
    assert "We delete them 30 days after" in client.get("/en/share/").content.decode()
