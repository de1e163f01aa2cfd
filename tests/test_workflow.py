"""Moderation of case studies with Wagtail's own workflow and email notifications.

Nothing here is home-made: Wagtail's data migration puts the "Moderators approval" workflow (one
GroupApprovalTask for the Moderators group) on the root page, so every case study inherits it;
Wagtail's notifiers email the Moderators on submission and the submitter on approval or on a
request for changes, the editor's comment included. These tests pin that behaviour down for the
partner/editor split of casestudies/partners.py, and the settings that make the emails' links
absolute (WAGTAILADMIN_BASE_URL) and their sender ours (WAGTAILADMIN_NOTIFICATION_FROM_EMAIL).
"""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, WorkflowState

from tests.admin_forms import case_study_form, public_url
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory

COMMENT = "Please drop the apprentice's surname from the second paragraph."
FIRST_TITLE = "Welding apprentices"
FIXED_TITLE = "Welding apprenticeships, two years on"
APPROVE_BUTTON = 'data-workflow-action-name="approve"'


# Fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def draft(organisation):
    """A Brightkiln case study nobody has published yet."""
    return CaseStudyPageFactory(
        parent=organisation, title=FIRST_TITLE, slug="welding-apprentices", live=False
    )


@pytest.fixture
def other_organisation(case_study_index):
    return OrganisationPageFactory(parent=case_study_index, title="Harbourline", slug="harbourline")


def add_partner(email, organisation_slug):
    """A partner added the way an editor adds one: with the command."""
    call_command("add_partner_user", email, organisation_slug, stdout=io.StringIO())
    return get_user_model().objects.get(username=email)


@pytest.fixture
def partner(organisation):
    return add_partner("partner@brightkiln.example", "brightkiln")


@pytest.fixture
def other_partner(other_organisation):
    return add_partner("kai@harbourline.example", "harbourline")


def logged_in(user):
    """A client of its own per person, so that the partner and the editor never share a session."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def partner_client(partner):
    return logged_in(partner)


@pytest.fixture
def moderator_client(moderator):
    return logged_in(moderator)


@pytest.fixture
def submitted(draft, partner_client, moderator):
    """The partner has submitted the draft for moderation; the outbox starts empty after it."""
    response = submit(partner_client, draft, FIRST_TITLE)
    assert response.status_code == 302
    mail.outbox.clear()
    return reload(draft)


@pytest.fixture
def changes_requested(submitted, moderator_client):
    act(moderator_client, submitted, "reject", comment=COMMENT)
    mail.outbox.clear()
    return reload(submitted)


# Helpers -------------------------------------------------------------------------------------


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, page, title):
    """The partner presses "Submit for moderation" in the case study editor."""
    return client.post(edit_url(page), case_study_form(page, title=title, **{"action-submit": "1"}))


def action_url(page, action):
    state = reload(page).current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


def act(client, page, action, comment=""):
    """An approve or reject ("Request changes") action, as the admin's workflow modal posts it."""
    return client.post(action_url(page, action), {"comment": comment})


def links(message):
    return re.findall(r"https?://\S+", message.body)


def admin_path(url):
    """The path of an admin link in an email, checking it is absolute on the admin's address."""
    assert url.startswith(settings.WAGTAILADMIN_BASE_URL + "/admin/"), url
    return url.removeprefix(settings.WAGTAILADMIN_BASE_URL)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def denied(response):
    """Wagtail's admin sends a user without permission back to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def text(response):
    """The response's visible text, whitespace collapsed, entities left as they are."""
    html = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def search(client, query):
    return text(client.get("/en/search/", {"q": query}))


# The workflow in use -------------------------------------------------------------------------


def test_case_studies_go_through_the_moderators_approval_of_the_root_page(draft, case_study):
    """Wagtail's migration attached the workflow to the root page; pages made since, by the
    fixtures as by the admin, inherit it."""
    moderators = Group.objects.get(name="Moderators")
    for page in (draft, case_study, draft.get_parent()):
        workflow = page.get_workflow()
        assert workflow.name == "Moderators approval"
        assert workflow.active
        [task] = [task.specific for task in workflow.tasks]
        assert isinstance(task, GroupApprovalTask)
        assert list(task.groups.all()) == [moderators]
    assert workflow.workflow_pages.get().page == Page.get_first_root_node()


# Submission ----------------------------------------------------------------------------------


def test_submission_emails_the_moderators_only(draft, partner_client, moderator, other_partner):
    submit(partner_client, draft, FIRST_TITLE)

    page = reload(draft)
    assert page.workflow_in_progress and not page.live
    assert recipients() == ["editor@example.org"]
    [message] = mail.outbox
    assert message.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
    assert f'"{FIRST_TITLE}" has been submitted for approval' in message.subject
    assert "Moderators approval" in message.subject


def test_submission_email_links_to_the_preview_and_the_editor(draft, partner_client, moderator):
    submit(partner_client, draft, FIRST_TITLE)

    [message] = mail.outbox
    task_state = reload(draft).current_workflow_task_state
    paths = [admin_path(url) for url in links(message)]
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[draft.pk, task_state.task_id])
    assert preview in paths and edit_url(draft) in paths
    editor = logged_in(moderator)
    for path in paths:
        assert editor.get(path).status_code == 200, path
    assert FIRST_TITLE in editor.get(preview).content.decode()


# Requesting changes --------------------------------------------------------------------------


def test_request_for_changes_emails_the_partner_with_the_comment(
    submitted, moderator_client, partner_client, other_partner
):
    response = act(moderator_client, submitted, "reject", comment=COMMENT)

    assert response.status_code == 302
    assert recipients() == ["partner@brightkiln.example"]
    [message] = mail.outbox
    assert f'"{FIRST_TITLE}" has been rejected during "Moderators approval"' in message.subject
    assert "by Editorial team" in message.body and "editor@example.org" not in message.body
    assert f'The following comment was left: "{COMMENT}"' in message.body
    [edit_link, _preferences] = links(message)
    assert admin_path(edit_link) == edit_url(submitted)
    assert partner_client.get(admin_path(edit_link)).status_code == 200


def test_partner_sees_changes_requested_and_the_comment_in_the_admin(
    changes_requested, partner_client
):
    page = changes_requested
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live

    editor_view = text(partner_client.get(edit_url(page)))
    assert "Changes requested by Editorial team" in editor_view
    assert COMMENT.replace("'", "&#x27;") in editor_view

    history = text(partner_client.get(reverse("wagtailadmin_pages:history", args=[page.pk])))
    assert "Changes requested" in history
    assert "Comment: " + COMMENT.replace("'", "&#x27;") in history

    dashboard = text(partner_client.get(reverse("wagtailadmin_home")))
    assert FIRST_TITLE in dashboard and "Changes requested" in dashboard


def test_partner_resubmits_and_the_moderators_hear_of_it_again(changes_requested, partner_client):
    workflow_state = changes_requested.current_workflow_state

    response = submit(partner_client, changes_requested, FIXED_TITLE)

    assert response.status_code == 302
    page = reload(changes_requested)
    # The same workflow resumes at the task that asked for changes, with a new task state.
    assert page.current_workflow_state.pk == workflow_state.pk
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task_state.status == "in_progress"
    assert page.get_latest_revision_as_object().title == FIXED_TITLE
    assert not page.live
    assert recipients() == ["editor@example.org"]
    assert f'"{FIXED_TITLE}" has been submitted for approval' in mail.outbox[0].subject


# Approval ------------------------------------------------------------------------------------


def test_approval_publishes_and_emails_the_partner_a_working_link(
    changes_requested, partner_client, moderator_client, client, django_capture_on_commit_callbacks
):
    submit(partner_client, changes_requested, FIXED_TITLE)
    mail.outbox.clear()

    # The search index is updated once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_client, changes_requested, "approve")

    assert response.status_code == 302
    page = reload(changes_requested)
    assert page.live and page.title == FIXED_TITLE
    assert page.current_workflow_state is None
    assert recipients() == ["partner@brightkiln.example"]
    [message] = mail.outbox
    assert f'"{FIXED_TITLE}" has been approved in "Moderators approval"' in message.subject
    [page_link, _preferences] = links(message)
    assert page_link == page.full_url
    assert page_link.endswith(public_url(page))
    assert FIXED_TITLE in text(client.get(public_url(page)))
    assert FIXED_TITLE in search(client, "apprenticeships")


def test_editors_publish_directly_without_a_workflow(
    draft, moderator_client, partner, client, django_capture_on_commit_callbacks
):
    form = case_study_form(draft, title=FIXED_TITLE, **{"action-publish": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(edit_url(draft), form)

    assert response.status_code == 302
    page = reload(draft)
    assert page.live and page.title == FIXED_TITLE
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    assert mail.outbox == []
    assert FIXED_TITLE in search(client, "apprenticeships")


# Who may act on a submission -----------------------------------------------------------------


def test_partner_cannot_approve_their_own_submission(submitted, partner_client, moderator):
    assert APPROVE_BUTTON not in partner_client.get(edit_url(submitted)).content.decode()

    approve = action_url(submitted, "approve")

    assert denied(partner_client.get(approve))
    assert denied(partner_client.post(approve, {"comment": "Looks good to me"}))
    # The editor form's own workflow action is refused too: it saves, it does not approve.
    partner_client.post(
        edit_url(submitted),
        case_study_form(
            submitted,
            title=FIRST_TITLE,
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        ),
    )

    page = reload(submitted)
    assert not page.live
    assert page.current_workflow_task_state.status == "in_progress"
    assert mail.outbox == []


def test_the_approve_button_is_offered_to_moderators(submitted, moderator_client):
    assert APPROVE_BUTTON in moderator_client.get(edit_url(submitted)).content.decode()


def test_partners_of_another_organisation_neither_hear_of_it_nor_act_on_it(
    draft, partner_client, moderator, other_partner
):
    submit(partner_client, draft, FIRST_TITLE)
    assert "kai@harbourline.example" not in recipients()

    outsider = logged_in(other_partner)
    page = reload(draft)
    for url in (
        edit_url(page),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        action_url(page, "approve"),
        action_url(page, "reject"),
    ):
        assert denied(outsider.get(url)), url
    assert denied(outsider.post(action_url(page, "reject"), {"comment": "Not yours"}))
    assert FIRST_TITLE not in text(outsider.get(reverse("wagtailadmin_home")))

    page = reload(draft)
    assert page.current_workflow_task_state.status == "in_progress"
