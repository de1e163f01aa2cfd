"""The consent of the people a case study features (casestudies/consent.py): publishing is
refused, naming the person, while someone lacks valid consent; withdrawal and expiry unpublish."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield
from wagtail_factories import ImageFactory

from casestudies.consent import ConsentMissing
from casestudies.models import FeaturedPerson
from tests.admin_forms import case_study_form, featured_person, public_url
from tests.factories import CaseStudyPageFactory, FeaturedPersonFactory
from tests.moderation import submit

TODAY = timezone.localdate()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.fixture
def draft(organisation):
    return CaseStudyPageFactory(
        parent=organisation, title="Kiln draft", slug="kiln-draft", live=False
    )


def publish(client, page, *people, **overrides):
    return client.post(
        edit_url(page), case_study_form(page, people=people, **{"action-publish": "1"}, **overrides)
    )


# The gate ------------------------------------------------------------------------------------


def test_an_editor_publishes_when_everyone_featured_consented(editor_client, draft):
    response = publish(editor_client, draft, featured_person("Amal"))
    assert response.status_code == 302
    page = reload(draft)
    assert page.live and page.last_reviewed == TODAY
    assert [person.display_name for person in page.featured_people.all()] == ["Amal"]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (featured_person("Amal", consent_date=""), "No consent is recorded for Amal."),
        (featured_person("Amal", withdrawn=YESTERDAY), "Amal withdrew their consent on"),
        (featured_person("Amal", expires=YESTERDAY), "The consent of Amal expired on"),
        (
            featured_person("Amal", web=False),
            "Amal has not consented to publication on the website.",
        ),
        (
            featured_person("Amal", languages=("de",)),
            "The consent of Amal does not cover: English.",
        ),
    ],
    ids=["no-consent", "withdrawn", "expired", "not-for-the-web", "other-language"],
)
def test_publishing_is_refused_with_an_error_naming_the_person(
    editor_client, draft, record, message
):
    response = publish(editor_client, draft, featured_person("Badr"), record)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be" in html
    # Once at the top of the form, once beside Amal's consent record.
    assert html.count(message) == 2
    assert not reload(draft).live
    assert not FeaturedPerson.objects.exists()


def test_consent_must_cover_every_language_the_case_study_is_written_in(editor_client, draft):
    record = featured_person("Amal", languages=("en",))
    response = publish(editor_client, draft, record, title_ja="窯のメンター")
    assert "The consent of Amal does not cover: 日本語." in response.content.decode()
    assert not reload(draft).live

    record = featured_person("Amal", languages=("en", "ja"))
    assert publish(editor_client, draft, record, title_ja="窯のメンター").status_code == 302
    assert reload(draft).live


def test_consent_dates_may_not_lie_in_the_future(editor_client, draft):
    response = publish(editor_client, draft, featured_person("Amal", consent_date=TOMORROW))
    assert "This date is in the future." in response.content.decode()
    assert not reload(draft).live


def test_drafts_and_submissions_are_saved_whatever_the_consent(editor_client, draft):
    form = case_study_form(draft, people=[featured_person("Amal", consent_date="")])
    assert editor_client.post(edit_url(draft), form).status_code == 302
    page = reload(draft)
    assert not page.live
    assert page.get_latest_revision_as_object().featured_people.get().display_name == "Amal"


def image_block(image):
    return streamfield(
        [
            ("text", rich_text("<p>How it went.</p>")),
            ("image", {"image": image.pk, "caption": "At the kiln"}),
        ]
    )


def test_an_image_showing_people_needs_a_person_consenting_to_photos(editor_client, draft):
    image = ImageFactory(title="Team at the kiln", shows_identifiable_people=True)
    body = {"body_en": image_block(image)}

    response = publish(editor_client, draft, featured_person("Amal", photos=False), **body)
    assert (
        "The image “Team at the kiln” shows people who could be identified"
        in response.content.decode()
    )
    assert not reload(draft).live

    response = publish(editor_client, draft, featured_person("Amal", photos=True), **body)
    assert response.status_code == 302
    assert reload(draft).live


def test_an_image_without_people_needs_no_consent(editor_client, draft):
    image = ImageFactory(title="The kiln", shows_identifiable_people=False)
    assert publish(editor_client, draft, body_en=image_block(image)).status_code == 302


def test_approving_a_submission_in_the_editor_is_refused_without_consent(editor_client, draft):
    submit(draft)
    form = case_study_form(
        draft,
        people=[featured_person("Amal", consent_date="")],
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    response = editor_client.post(edit_url(draft), form)
    assert response.status_code == 200
    assert response.content.decode().count("No consent is recorded for Amal.") == 2
    page = reload(draft)
    assert not page.live and page.workflow_in_progress


def test_approving_from_the_dashboard_is_refused_without_consent(editor_client, draft):
    FeaturedPersonFactory(case_study=draft, display_name="Amal", consent_date=None)
    submit(draft)
    page = reload(draft)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    response = editor_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == edit_url(draft)
    assert "No consent is recorded for Amal." in response.content.decode()
    page = reload(draft)
    assert not page.live and page.workflow_in_progress


def test_approving_in_the_dashboard_dialog_leads_to_the_reasons(editor_client, draft):
    FeaturedPersonFactory(case_study=draft, display_name="Amal", consent_date=None)
    submit(draft)
    state = reload(draft).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.pk])
    response = editor_client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.json() == {"step": "success", "redirect": edit_url(draft)}
    assert "No consent is recorded for Amal." in editor_client.get(edit_url(draft)).content.decode()
    assert not reload(draft).live


def test_no_code_path_publishes_without_consent(draft):
    FeaturedPersonFactory(case_study=draft, display_name="Amal", consent_web=False)
    with pytest.raises(ConsentMissing, match="Amal has not consented"):
        draft.save_revision().publish()
    assert not reload(draft).live


def test_a_scheduled_publication_without_consent_is_cancelled_and_others_go_ahead(
    draft, organisation
):
    FeaturedPersonFactory(case_study=draft, display_name="Amal", consent_date=None)
    other = CaseStudyPageFactory(parent=organisation, slug="scheduled-too", live=False)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    for page in (draft, other):
        revision = page.save_revision()
        revision.approved_go_live_at = an_hour_ago
        revision.save()

    call_command("publish_scheduled")

    assert not reload(draft).live
    assert not draft.revisions.exclude(approved_go_live_at=None).exists()
    assert reload(other).live


# Withdrawal and expiry ---------------------------------------------------------------------


@pytest.fixture
def live_with_consent(editor_client, draft):
    """A case study in English and Japanese, published with Amal's consent to both."""
    record = featured_person("Amal", languages=("en", "ja"))
    assert publish(editor_client, draft, record, title_ja="窯のメンター").status_code == 302
    page = reload(draft)
    assert page.live
    return page


def withdrawal(page):
    """The editor's form for the case study, recording that Amal withdrew her consent today."""
    record = featured_person(
        "Amal",
        languages=("en", "ja"),
        withdrawn=TODAY.isoformat(),
        pk=page.featured_people.get().pk,
    )
    return case_study_form(page, people=[record], saved_people=1, title_ja="窯のメンター")


def test_withdrawing_consent_unpublishes_in_every_language(
    editor_client, live_with_consent, client
):
    page = live_with_consent
    assert client.get(public_url(page, "ja")).status_code == 200

    response = editor_client.post(edit_url(page), withdrawal(page), follow=True)
    assert "The consent of Amal has ended" in response.content.decode()

    page = reload(page)
    assert not page.live
    for language in ("en", "ja"):
        assert client.get(public_url(page, language)).status_code == 404


def test_a_partner_withdraws_consent_for_their_own_case_study(live_with_consent, partner_client):
    page = live_with_consent
    assert partner_client.post(edit_url(page), withdrawal(page)).status_code == 302
    assert not reload(page).live


def test_republishing_after_withdrawal_is_refused(editor_client, live_with_consent):
    page = live_with_consent
    form = withdrawal(page)
    editor_client.post(edit_url(page), form)
    response = editor_client.post(edit_url(page), {**form, "action-publish": "1"})
    assert "Amal withdrew their consent on" in response.content.decode()
    assert not reload(page).live


def test_expire_consents_unpublishes_only_what_has_expired(live_with_consent, organisation):
    expired = live_with_consent
    FeaturedPerson.objects.filter(case_study=expired).update(
        consent_expires=TODAY - timedelta(days=1)
    )
    still_valid = CaseStudyPageFactory(parent=organisation, slug="still-valid")
    FeaturedPersonFactory(case_study=still_valid, consent_expires=TODAY)
    untouched = CaseStudyPageFactory(parent=organisation, slug="no-one-featured")

    output = io.StringIO()
    call_command("expire_consents", stdout=output)

    assert not reload(expired).live
    assert reload(still_valid).live and reload(untouched).live
    assert "1 case studies unpublished" in output.getvalue()


def test_featured_names_never_reach_the_public_page(client, live_with_consent):
    html = client.get(public_url(live_with_consent)).content.decode()
    assert "Kiln draft" in html or "Kiln mentors" in html
    assert "Amal" not in html
