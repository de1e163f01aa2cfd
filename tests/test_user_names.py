"""A partner never learns, from any admin page, the name or email address of a user outside
their own organisation: editors appear as "Editorial team", and the user filters offer only the
partner's colleagues. Editors see everyone."""

import ast
import importlib
from pathlib import Path

import pytest
import wagtail
from django.urls import reverse

from casestudies.partners import add_partner_user
from dashboard.user_names import DISPLAY_NAME_FUNCTIONS
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory
from tests.moderation import send_back

DISPLAY_NAMES = {"get_user_display_name", "user_display_name"}


@pytest.fixture
def named_moderator(moderator):
    moderator.first_name, moderator.last_name = "Hana", "Sato"
    moderator.save()
    return moderator


@pytest.fixture
def sent_back(partner, named_moderator, organisation):
    """A case study the partner submitted and the editor sent back with a comment."""
    page = CaseStudyPageFactory(
        parent=organisation, slug="sent-back", title="Sent back", live=False
    )
    return send_back(page, partner, named_moderator, "Please leave out the surname.")


@pytest.fixture
def stranger(organisation):
    """A partner of another organisation, with a page of theirs edited."""
    elsewhere = OrganisationPageFactory(parent=organisation.get_parent(), slug="elsewhere")
    user = add_partner_user("kai@elsewhere.example", elsewhere).user
    elsewhere.save_revision(user=user, log_action=True)
    return user


def admin_pages(page, organisation):
    return [
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]) + "?user=1",
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_explore", args=[organisation.pk]),
        reverse("wagtailadmin_explore", args=[organisation.get_parent().pk]),
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_home"),
    ]


def test_a_partner_sees_editors_as_the_editorial_team(
    partner_client, partner, sent_back, organisation, stranger
):
    shown = ""
    for url in admin_pages(sent_back, organisation):
        response = partner_client.get(url)
        assert response.status_code in (200, 302, 403), url
        shown += response.content.decode()

    for hidden in ("Hana", "Sato", "editor@example.org", "kai@elsewhere.example"):
        assert hidden not in shown
    assert "Editorial team" in shown
    assert "partner@brightkiln.example" in shown, "their own name they do see"
    assert "Please leave out the surname." in shown, "and the editor's comment"


def test_the_user_filters_offer_only_colleagues(
    partner_client, partner, named_moderator, sent_back, organisation
):
    colleague = add_partner_user("ren@brightkiln.example", organisation).user
    sent_back.save_revision(user=colleague, log_action=True)
    history = reverse("wagtailadmin_pages:history", args=[sent_back.pk])

    listed = partner_client.get(history).content.decode()

    assert "ren@brightkiln.example" in listed and "Editorial team" in listed
    assert f'value="{named_moderator.pk}"' not in listed


def test_editors_see_everyone(editor_client, sent_back, organisation, stranger):
    history = reverse("wagtailadmin_pages:history", args=[sent_back.pk])
    shown = editor_client.get(history).content.decode()
    site_history = editor_client.get(reverse("wagtailadmin_reports:site_history")).content

    assert "Hana Sato" in shown and "partner@brightkiln.example" in shown
    assert b"kai@elsewhere.example" in site_history


# Where Wagtail reads a user's name itself, each harmless or wrapped: the display-name function
# and log entries (wrapped), table cells (wrapped), the sidebar (the viewer's own name), the
# aging pages report (publishers, listed only to those who may publish), API and commands.
READS_NAMES = {
    "wagtail.admin.utils",
    "wagtail.models.audit_log",
    "wagtail.admin.ui.tables",
    "wagtail.admin.ui.sidebar",
    "wagtail.admin.views.reports.aging_pages",
    "wagtail.api.v3.routers.whoami",
    "wagtail.management.commands.api_tokens",
}


def wagtail_modules():
    root = Path(wagtail.__file__).parent
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if not {"tests", "test", "migrations"} & set(parts) and parts[1] != "users":
            yield ".".join(parts).removesuffix(".__init__"), ast.parse(path.read_text())


def display_names_in(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield from (alias.name for alias in node.names if alias.name in DISPLAY_NAMES)
        elif isinstance(node, ast.FunctionDef) and node.name in DISPLAY_NAMES:
            yield node.name


def reads_a_name(tree):
    return any(
        isinstance(node, ast.Attribute) and node.attr in ("get_full_name", "get_username")
        for node in ast.walk(tree)
    )


def test_every_place_wagtail_shows_a_user_name_is_covered():
    """A Wagtail upgrade that shows names somewhere new fails here, not in front of a partner."""
    modules = dict(wagtail_modules())
    uses = {(module, name) for module, tree in modules.items() for name in display_names_in(tree)}
    users_app = {entry for entry in DISPLAY_NAME_FUNCTIONS if entry[0].startswith("wagtail.users")}

    assert uses == set(DISPLAY_NAME_FUNCTIONS) - users_app | {
        ("wagtail.models.audit_log", "user_display_name")
    }
    assert {module for module, tree in modules.items() if reads_a_name(tree)} == READS_NAMES
    for module, name in DISPLAY_NAME_FUNCTIONS:
        assert getattr(importlib.import_module(module), name).for_viewer, (module, name)
