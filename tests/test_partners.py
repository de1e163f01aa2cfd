"""Organisation partner accounts (casestudies/partners.py): a partner of one organisation edits
that organisation's case studies in the Wagtail admin and submits them for moderation; editors
(Wagtail's "Moderators") and superusers publish."""

import io
import json
import re

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Page
from wagtail_factories import ImageFactory

from casestudies.models import CaseStudyPage, OrganisationPage
from casestudies.partners import partner_group, partner_image_collection
from casestudies.signals import backfill_partner_groups
from tests.admin_forms import case_study_form, public_url
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory

User = get_user_model()
DENIED = "Sorry, you do not have permission to access this area."


# Fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def draft(organisation):
    return CaseStudyPageFactory(
        parent=organisation, title="Kiln draft", slug="kiln-draft", live=False
    )


@pytest.fixture
def other_organisation(case_study_index):
    return OrganisationPageFactory(parent=case_study_index, title="Harbourline", slug="harbourline")


@pytest.fixture
def other_case_study(other_organisation):
    return CaseStudyPageFactory(
        parent=other_organisation, title="Harbour welders", slug="harbour-welders"
    )


@pytest.fixture
def other_draft(other_organisation):
    return CaseStudyPageFactory(
        parent=other_organisation, title="Harbour secret plan", slug="harbour-secret", live=False
    )


@pytest.fixture
def pages(case_study, draft, other_case_study, other_draft):
    """Brightkiln (A) and Harbourline (B), each with a live case study and a draft."""
    return {
        "a": case_study.get_parent().specific,
        "a_live": case_study,
        "a_draft": draft,
        "b": other_case_study.get_parent().specific,
        "b_live": other_case_study,
        "b_draft": other_draft,
    }


def add_partner(email, slug):
    call_command("add_partner_user", email, slug)
    return User.objects.get(username=email)


@pytest.fixture
def partner(pages):
    """A partner of Brightkiln, added the way an editor would: with the command."""
    return add_partner("partner@brightkiln.example", "brightkiln")


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


def public(client, page):
    return client.get(public_url(page))


def png(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def assert_denied(client, response):
    """Wagtail's admin sends a user without permission back to the dashboard, with a message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert DENIED in client.get(response["Location"]).content.decode()


def reload(page):
    return Page.objects.get(pk=page.pk).specific


# The partner group follows the organisation ---------------------------------------------------


def test_organisation_gets_a_partner_group_with_limited_permissions(organisation):
    group = partner_group(organisation)
    assert group.name == "Partners: Brightkiln"
    assert set(group.permissions.values_list("codename", flat=True)) == {"access_admin"}
    page_permissions = GroupPagePermission.objects.filter(group=group)
    assert {(p.page_id, p.permission.codename) for p in page_permissions} == {
        (organisation.pk, "add_page"),
        (organisation.pk, "change_page"),
    }
    collection = partner_image_collection(group)
    assert collection.name == "Organisation: Brightkiln"
    assert collection.get_parent() == Collection.get_first_root_node()
    assert {
        codename
        for codename in group.collection_permissions.filter(collection=collection).values_list(
            "permission__codename", flat=True
        )
    } == {"add_image", "change_image", "choose_image"}
    assert not group.collection_permissions.exclude(collection=collection).exists()


def test_renaming_an_organisation_renames_its_group_and_collection(organisation):
    group = partner_group(organisation)
    organisation.title = "Brightkiln Ceramics"
    organisation.save_revision().publish()
    group.refresh_from_db()
    assert group.name == "Partners: Brightkiln Ceramics"
    assert partner_image_collection(group).name == "Organisation: Brightkiln Ceramics"
    assert partner_group(reload(organisation)) == group


def test_a_draft_title_leaves_the_group_name_alone_until_published(organisation):
    organisation.title = "Brightkiln (draft name)"
    organisation.save_revision()
    assert partner_group(organisation).name == "Partners: Brightkiln"


def test_two_organisations_with_one_title_get_distinct_groups(case_study_index, organisation):
    twin = OrganisationPageFactory(parent=case_study_index, title="Brightkiln", slug="brightkiln-2")
    assert partner_group(twin) != partner_group(organisation)
    assert partner_group(twin).name == f"Partners: Brightkiln ({twin.pk})"
    assert partner_group(organisation).name == "Partners: Brightkiln"


def test_deleting_an_organisation_deletes_its_group_and_empty_collection(
    organisation, other_organisation
):
    group, collection = (
        partner_group(organisation),
        partner_image_collection(partner_group(organisation)),
    )
    other_group = partner_group(other_organisation)
    other_collection = partner_image_collection(other_group)
    ImageFactory(collection=other_collection, title="Harbour photo")
    member = add_partner("partner@brightkiln.example", "brightkiln")

    organisation.delete()
    other_organisation.delete()

    assert not Group.objects.filter(pk__in=[group.pk, other_group.pk]).exists()
    assert not Collection.objects.filter(pk=collection.pk).exists()
    assert Collection.objects.filter(pk=other_collection.pk).exists()  # holds an image: kept
    assert User.objects.filter(pk=member.pk).exists()  # the account stays, without access


def test_imported_organisations_get_a_partner_group(case_study_index, tmp_path):
    record = {
        "slug": "kiln-mentors",
        "status": "live",
        "original_language": "de",
        "title": {"de": "Mentoren am Brennofen"},
        "summary": {"de": "Mentoring in der Werkstatt."},
        "body": {"de": "Jeder neue Schweißer bekam einen Mentor."},
        "organisation": {
            "slug": "werkbund",
            "name": {"de": "Werkbund GmbH"},
            "kind": "company",
            "country": "DE",
        },
        "country": "DE",
        "sector": "manufacturing",
        "company_size": "medium",
        "themes": ["mentoring"],
        "protection_statuses": [],
        "year": 2023,
        "source": "international-partner",
    }
    path = tmp_path / "import.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_case_studies", str(path))
    organisation = OrganisationPage.objects.get(slug="werkbund")
    assert partner_group(organisation).name == "Partners: Werkbund GmbH"
    assert (
        partner_image_collection(partner_group(organisation)).name == "Organisation: Werkbund GmbH"
    )


def test_migrate_gives_existing_organisations_their_group(organisation):
    """Organisations made before partner groups existed get theirs on the next migrate."""
    group = partner_group(organisation)
    collection = partner_image_collection(group)
    group.delete()
    collection.delete()
    assert partner_group(organisation) is None
    backfill_partner_groups(sender=django_apps.get_app_config("casestudies"))
    assert partner_group(organisation).name == "Partners: Brightkiln"
    assert partner_image_collection(partner_group(organisation)).name == "Organisation: Brightkiln"


# add_partner_user ----------------------------------------------------------------------------


def test_add_partner_user_creates_the_user_and_prints_a_set_password_link(
    organisation, client, capsys
):
    call_command("add_partner_user", "Ana@Brightkiln.Example", "brightkiln")
    output = capsys.readouterr().out
    user = User.objects.get(username="Ana@brightkiln.example")
    assert user.email == "Ana@brightkiln.example"
    assert not user.has_usable_password()
    assert user.is_active and not user.is_staff and not user.is_superuser
    assert list(user.groups.all()) == [partner_group(organisation)]
    assert "Created user Ana@brightkiln.example" in output
    assert "Added Ana@brightkiln.example to Partners: Brightkiln" in output

    link = re.search(r"^(http\S+)$", output, re.MULTILINE).group(1)
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL + "/admin/password_reset/confirm/")
    # The link works: the partner sets a password, logs in, and lands in the admin.
    path = link.removeprefix(settings.WAGTAILADMIN_BASE_URL)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    password = "a-long-kiln-password-2024"
    response = client.post(set_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
    # It works once only.
    assert "invalid" in client.get(path, follow=True).content.decode().lower()
    login = {"username": "Ana@brightkiln.example", "password": password}
    assert client.post(reverse("wagtailadmin_login"), login).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_add_partner_user_twice_is_harmless(organisation, capsys):
    call_command("add_partner_user", "ana@brightkiln.example", "brightkiln")
    capsys.readouterr()
    call_command("add_partner_user", "ana@brightkiln.example", "brightkiln")
    output = capsys.readouterr().out
    assert "already exists" in output
    assert "ana@brightkiln.example is already a member of Partners: Brightkiln" in output
    assert User.objects.filter(email__iexact="ana@brightkiln.example").count() == 1
    assert User.objects.get().groups.count() == 1


def test_add_partner_user_reuses_an_existing_account_with_a_password(organisation, capsys):
    User.objects.create_user("ana", "ana@brightkiln.example", "secret-pw-123")
    call_command("add_partner_user", "ana@brightkiln.example", "brightkiln")
    output = capsys.readouterr().out
    assert "http" not in output and "already have a password" in output
    assert User.objects.get(username="ana").groups.get() == partner_group(organisation)


def test_a_user_may_partner_two_organisations(organisation, other_organisation):
    add_partner("ana@example.org", "brightkiln")
    user = add_partner("ana@example.org", "harbourline")
    assert set(user.groups.all()) == {
        partner_group(organisation),
        partner_group(other_organisation),
    }


@pytest.mark.parametrize(
    ("email", "slug", "message"),
    [
        ("not-an-email", "brightkiln", "invalid email address 'not-an-email'"),
        ("", "brightkiln", "invalid email address ''"),
        ("ana@example.org", "nowhere", "no organisation with the slug 'nowhere'"),
    ],
)
def test_add_partner_user_errors_are_clear(organisation, email, slug, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("add_partner_user", email, slug)
    assert not User.objects.exists()


def test_unknown_slug_lists_the_known_ones(organisation):
    with pytest.raises(CommandError, match="known slugs: brightkiln"):
        call_command("add_partner_user", "ana@example.org", "brightkil")


# Permission matrix over the admin ------------------------------------------------------------

# (name, URL name, page key or args) -> what a partner of A gets: "ok" or "denied"
PAGE_VIEWS = [
    ("explore A", "wagtailadmin_explore", ["a"], "ok"),
    ("edit A", "wagtailadmin_pages:edit", ["a"], "ok"),
    ("edit A's live case study", "wagtailadmin_pages:edit", ["a_live"], "ok"),
    ("edit A's draft", "wagtailadmin_pages:edit", ["a_draft"], "ok"),
    (
        "add a case study to A",
        "wagtailadmin_pages:add",
        ["casestudies", "casestudypage", "a"],
        "ok",
    ),
    ("edit B", "wagtailadmin_pages:edit", ["b"], "denied"),
    ("edit B's live case study", "wagtailadmin_pages:edit", ["b_live"], "denied"),
    ("edit B's draft", "wagtailadmin_pages:edit", ["b_draft"], "denied"),
    ("preview B's draft", "wagtailadmin_pages:preview_on_edit", ["b_draft"], "denied"),
    ("history of B's draft", "wagtailadmin_pages:history", ["b_draft"], "denied"),
    (
        "add a case study to B",
        "wagtailadmin_pages:add",
        ["casestudies", "casestudypage", "b"],
        "denied",
    ),
    ("delete A's live case study", "wagtailadmin_pages:delete", ["a_live"], "denied"),
    ("delete B's live case study", "wagtailadmin_pages:delete", ["b_live"], "denied"),
    ("delete B's draft", "wagtailadmin_pages:delete", ["b_draft"], "denied"),
    ("unpublish A's live case study", "wagtailadmin_pages:unpublish", ["a_live"], "denied"),
    ("unpublish B's live case study", "wagtailadmin_pages:unpublish", ["b_live"], "denied"),
    ("delete A", "wagtailadmin_pages:delete", ["a"], "denied"),
    ("invite a partner to A", "casestudies_invite_partner", ["a"], "denied"),
]


def url_for(pages, name, args):
    return reverse(name, args=[pages[arg].pk if arg in pages else arg for arg in args])


def outcome(response):
    if response.status_code == 200:
        return "ok"
    location = response.get("Location", "")
    if response.status_code == 302 and location == reverse("wagtailadmin_home"):
        return "denied"  # Wagtail's admin: back to the dashboard with "Sorry, you do not have..."
    if response.status_code == 302 and location.startswith(reverse("wagtailadmin_login")):
        return "login"
    return f"{response.status_code} {location}"


def check_matrix(client, pages, expected_for):
    """Every view of PAGE_VIEWS, one request each; all mismatches are reported together."""
    wrong = []
    for label, name, args, partner_expectation in PAGE_VIEWS:
        expected = expected_for(label, partner_expectation)
        got = outcome(client.get(url_for(pages, name, args)))
        if got != expected:
            wrong.append(f"{label}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_partner_of_a_permission_matrix(partner_client, pages):
    check_matrix(partner_client, pages, lambda label, expected: expected)


def test_partner_sees_why_they_are_refused(partner_client, pages):
    response = partner_client.get(reverse("wagtailadmin_pages:edit", args=[pages["b_draft"].pk]))
    assert_denied(partner_client, response)


def test_moderator_may_do_all_of_it(editor_client, pages):
    # Deleting a page with children takes Wagtail's bulk_delete, which only superusers have.
    check_matrix(
        editor_client, pages, lambda label, expected: "denied" if label == "delete A" else "ok"
    )


def test_superuser_may_do_all_of_it(admin_client, pages):
    check_matrix(admin_client, pages, lambda label, expected: "ok")


def test_anonymous_is_sent_to_the_login_page(client, pages):
    check_matrix(client, pages, lambda label, expected: "login")


def test_partner_explorer_shows_their_organisation_only(partner_client, pages):
    for other in (pages["b"], Page.get_first_root_node(), pages["a"].get_parent()):
        response = partner_client.get(reverse("wagtailadmin_explore", args=[other.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_explore", args=[pages["a"].pk])
    listing = partner_client.get(reverse("wagtailadmin_explore", args=[pages["a"].pk]))
    html = listing.content.decode()
    assert "Kiln mentors" in html and "Kiln draft" in html
    assert "Harbour" not in html


def test_partner_search_and_page_chooser_hide_other_drafts(partner_client, pages):
    search = partner_client.get(reverse("wagtailadmin_pages:search"), {"q": "kiln"})
    assert "Kiln draft" in search.content.decode()
    search = partner_client.get(reverse("wagtailadmin_pages:search"), {"q": "harbour"})
    assert "Harbour secret plan" not in search.content.decode()

    browse = partner_client.get(reverse("wagtailadmin_choose_page_child", args=[pages["b"].pk]))
    assert browse.status_code == 200
    html = browse.content.decode()
    assert "Harbour welders" in html  # live pages can still be linked to
    assert "Harbour secret plan" not in html
    found = partner_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "harbour"})
    assert "Harbour secret plan" not in found.content.decode()
    assert "Harbour welders" in found.content.decode()


def test_editors_page_chooser_still_shows_every_draft(editor_client, pages):
    browse = editor_client.get(reverse("wagtailadmin_choose_page_child", args=[pages["b"].pk]))
    assert "Harbour secret plan" in browse.content.decode()


# What a partner's actions do -----------------------------------------------------------------


def test_partner_creates_a_case_study_as_a_draft_even_when_asking_to_publish(
    partner_client, pages, client
):
    url = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", pages["a"].pk])
    response = partner_client.post(
        url,
        case_study_form(title="Night shift buddies", slug="night-shift", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="night-shift")
    assert page.get_parent().pk == pages["a"].pk
    assert not page.live
    assert page.owner.username == "partner@brightkiln.example"
    partner_client.logout()
    assert public(client, page).status_code == 404


def test_partner_edit_with_publish_saves_a_draft_and_leaves_the_live_page(
    partner_client, pages, client
):
    live = pages["a_live"]
    url = reverse("wagtailadmin_pages:edit", args=[live.pk])
    response = partner_client.post(url, case_study_form(live, **{"action-publish": "1"}))
    assert response.status_code == 302
    page = reload(live)
    assert page.live and page.has_unpublished_changes
    assert page.title == "Kiln mentors"
    assert page.get_latest_revision_as_object().title == "Kiln mentors, revised"
    partner_client.logout()
    html = public(client, page).content.decode()
    assert "Kiln mentors" in html and "revised" not in html


def test_partner_submits_a_case_study_for_moderation_and_a_moderator_publishes_it(
    partner_client, pages, moderator, client
):
    draft = pages["a_draft"]
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = partner_client.post(
        url, case_study_form(draft, title="Kiln draft, ready", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    page = reload(draft)
    assert page.workflow_in_progress and not page.live
    assert page.current_workflow_task.name == "Moderators approval"

    client.force_login(moderator)
    state = page.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    assert client.post(approve).status_code in (200, 302)
    page = reload(draft)
    assert page.live and page.title == "Kiln draft, ready"


def test_partner_cannot_save_into_another_organisation(partner_client, pages):
    other = pages["b_draft"]
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])
    response = partner_client.post(url, case_study_form(other, title="Hijacked"))
    assert_denied(partner_client, response)
    assert reload(other).get_latest_revision_as_object().title == "Harbour secret plan"
    url = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", pages["b"].pk])
    response = partner_client.post(url, case_study_form(title="Planted", slug="planted"))
    assert_denied(partner_client, response)
    assert not CaseStudyPage.objects.filter(slug="planted").exists()


@pytest.mark.parametrize("page_key", ["a_live", "b_live", "b_draft"])
def test_partner_cannot_delete(partner_client, pages, page_key):
    page = pages[page_key]
    response = partner_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert_denied(partner_client, response)
    assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("page_key", ["a_live", "b_live"])
def test_partner_cannot_unpublish(partner_client, pages, page_key):
    page = pages[page_key]
    response = partner_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert_denied(partner_client, response)
    assert reload(page).live


def test_moderator_publishes_and_unpublishes(editor_client, pages, client):
    live = pages["a_live"]
    url = reverse("wagtailadmin_pages:edit", args=[live.pk])
    response = editor_client.post(url, case_study_form(live, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert reload(live).title == "Kiln mentors, revised" and reload(live).live
    response = editor_client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
    assert response.status_code == 302
    assert not reload(live).live


# Images --------------------------------------------------------------------------------------


@pytest.fixture
def images(pages):
    a = partner_image_collection(partner_group(pages["a"]))
    b = partner_image_collection(partner_group(pages["b"]))
    return {
        "a_collection": a,
        "b_collection": b,
        "a": ImageFactory(collection=a, title="Brightkiln kiln photo"),
        "b": ImageFactory(collection=b, title="Harbourline dock photo"),
        "root": ImageFactory(collection=Collection.get_first_root_node(), title="Shared banner"),
    }


def test_partner_image_library_shows_their_collection_only(partner_client, images):
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        response = partner_client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Brightkiln kiln photo" in html
        assert "Harbourline dock photo" not in html and "Shared banner" not in html
    response = partner_client.get(reverse("wagtailimages:edit", args=[images["b"].pk]))
    assert_denied(partner_client, response)


def test_partner_uploads_into_their_collection_and_never_into_another(partner_client, images):
    response = partner_client.post(
        reverse("wagtailimages:add"),
        {"title": "Sneaky", "file": png(), "collection": images["b_collection"].pk},
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Sneaky")
    assert image.collection == images["a_collection"]
    assert (
        not get_image_model()
        .objects.filter(collection=images["b_collection"])
        .exclude(pk=images["b"].pk)
        .exists()
    )


def test_editor_image_library_shows_every_image(editor_client, images):
    html = editor_client.get(reverse("wagtailimages:index")).content.decode()
    assert all(
        title in html
        for title in ("Brightkiln kiln photo", "Harbourline dock photo", "Shared banner")
    )


# Inviting partners from the admin ------------------------------------------------------------


def test_organisation_edit_view_offers_invite_to_editors_only(editor_client, pages, partner):
    invite_url = reverse("casestudies_invite_partner", args=[pages["a"].pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[pages["a"].pk])
    assert invite_url in editor_client.get(edit_url).content.decode()
    case_study_edit = reverse("wagtailadmin_pages:edit", args=[pages["a_live"].pk])
    assert "invite-partner" not in editor_client.get(case_study_edit).content.decode()
    editor_client.force_login(partner)
    assert invite_url not in editor_client.get(edit_url).content.decode()


def test_editor_invites_a_partner_who_gets_a_set_password_email(editor_client, pages):
    url = reverse("casestudies_invite_partner", args=[pages["b"].pk])
    form = editor_client.get(url)
    assert form.status_code == 200
    assert "Invite a partner" in form.content.decode()

    response = editor_client.post(url, {"email": "kai@harbourline.example"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "wagtailadmin_pages:edit", args=[pages["b"].pk]
    )
    assert "kai@harbourline.example is now a partner of Harbourline" in response.content.decode()
    user = User.objects.get(username="kai@harbourline.example")
    assert list(user.groups.all()) == [partner_group(pages["b"])]
    assert not user.has_usable_password()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kai@harbourline.example"]
    assert "Harbourline" in message.body
    link = re.search(r"(http\S+/admin/password_reset/confirm/\S+)", message.body).group(1)
    editor_client.logout()
    path = link.removeprefix(settings.WAGTAILADMIN_BASE_URL)
    assert editor_client.get(path, follow=True).status_code == 200

    # Inviting again sends the link again and keeps one account and one membership.
    editor_client.force_login(User.objects.get(username="editor@example.org"))
    response = editor_client.post(url, {"email": "kai@harbourline.example"}, follow=True)
    assert "already a partner of Harbourline" in response.content.decode()
    assert len(mail.outbox) == 2
    assert User.objects.filter(username="kai@harbourline.example").count() == 1


def test_invite_rejects_an_invalid_email(editor_client, pages):
    url = reverse("casestudies_invite_partner", args=[pages["a"].pk])
    response = editor_client.post(url, {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not User.objects.filter(username="not-an-email").exists()
    assert not mail.outbox


def test_partners_and_anonymous_users_cannot_invite(client, partner, pages):
    url = reverse("casestudies_invite_partner", args=[pages["a"].pk])
    response = client.post(url, {"email": "intruder@example.org"})
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(partner)
    assert_denied(client, client.post(url, {"email": "intruder@example.org"}))
    assert not User.objects.filter(username="intruder@example.org").exists()
    assert not mail.outbox


def test_invite_to_a_page_that_is_not_an_organisation_is_not_found(editor_client, pages):
    url = reverse("casestudies_invite_partner", args=[pages["a_live"].pk])
    assert editor_client.get(url, follow=True).status_code == 404
