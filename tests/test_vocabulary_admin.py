"""Editors keep the vocabularies in the admin: labels in every language, slugs that cannot
change while case studies carry them, terms in use that cannot be deleted but can be merged.
A renamed term is found by search at once."""

from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.urls import reverse

from casestudies.languages import LANGUAGE_CODES
from casestudies.models import CaseStudyPage
from casestudies.vocabularies import Theme
from search import engines
from search.query import parse_search_query
from tests.factories import CaseStudyPageFactory

LIST = "wagtailsnippets_casestudies_theme:list"
EDIT = "wagtailsnippets_casestudies_theme:edit"
DELETE = "wagtailsnippets_casestudies_theme:delete"
MERGE = "wagtailsnippets_casestudies_theme:merge"


def labels(theme, **changes):
    data = {"slug": theme.slug, "sort_order": theme.sort_order}
    data.update({f"name_{code}": getattr(theme, f"name_{code}") for code in LANGUAGE_CODES})
    data.update(changes)
    return data


def test_editors_see_each_term_with_its_case_studies(editor_client, case_study):
    content = editor_client.get(reverse(LIST)).content.decode()

    assert "Mentoring and buddy schemes" in content and "mentoring" in content
    assert "Vocabularies" in editor_client.get(reverse("wagtailadmin_home")).content.decode()


def test_partners_cannot_touch_the_vocabularies(partner_client, case_study):
    theme = Theme.objects.get(slug="housing")

    assert partner_client.get(reverse(LIST)).status_code in (302, 403)
    response = partner_client.post(reverse(EDIT, args=[theme.pk]), labels(theme, name_en="X"))
    assert response.status_code in (302, 403)
    theme.refresh_from_db()
    assert theme.name_en == "Housing"


def test_the_editor_has_a_tab_a_language(editor_client):
    theme = Theme.objects.get(slug="housing")

    content = editor_client.get(reverse(EDIT, args=[theme.pk])).content.decode()

    for name in ("English", "日本語", "العربية", "Українська"):
        assert name in content
    assert 'name="name_ja"' in content


def test_a_renamed_term_is_found_by_search_at_once(
    editor_client, search_engine, organisation, reindex, django_capture_on_commit_callbacks
):
    CaseStudyPageFactory(parent=organisation, slug="roofs", title="Roofs", themes=["housing"])
    reindex()
    theme = Theme.objects.get(slug="housing")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse(EDIT, args=[theme.pk]), labels(theme, name_de="Unterkunft für Neuankömmlinge")
        )

    assert response.status_code == 302
    results = engines.search(parse_search_query(QueryDict("q=Neuankömmlinge")))
    assert [result["slug"] for result in results.results] == ["roofs"]


def test_a_slug_in_use_cannot_change_but_an_unused_one_can(editor_client, case_study):
    used, unused = Theme.objects.get(slug="mentoring"), Theme.objects.get(slug="housing")

    refused = editor_client.post(reverse(EDIT, args=[used.pk]), labels(used, slug="buddies"))
    accepted = editor_client.post(reverse(EDIT, args=[unused.pk]), labels(unused, slug="homes"))

    assert refused.status_code == 200
    assert "cannot change" in refused.content.decode()
    assert Theme.objects.filter(slug="mentoring").exists()
    assert accepted.status_code == 302
    assert Theme.objects.filter(slug="homes").exists()


def test_a_term_in_use_cannot_be_deleted(editor_client, case_study):
    used, unused = Theme.objects.get(slug="mentoring"), Theme.objects.get(slug="housing")

    editor_client.post(reverse(DELETE, args=[used.pk]))
    editor_client.post(reverse(DELETE, args=[unused.pk]))

    assert Theme.objects.filter(slug="mentoring").exists()
    assert not Theme.objects.filter(slug="housing").exists()


def test_merging_moves_every_case_study_drafts_included(
    editor_client, organisation, django_capture_on_commit_callbacks
):
    source, target = Theme.objects.get(slug="mentoring"), Theme.objects.get(slug="onboarding")
    only_source = CaseStudyPageFactory(parent=organisation, slug="one", themes=["mentoring"])
    both = CaseStudyPageFactory(parent=organisation, slug="two", themes=["mentoring", "onboarding"])
    drafted = CaseStudyPageFactory(parent=organisation, slug="three", themes=["housing"])
    drafted.themes.set([source])
    drafted.save_revision()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse(MERGE, args=[source.pk]), {"target": target.pk})

    assert response.status_code == 302
    assert not Theme.objects.filter(slug="mentoring").exists()
    for page in (only_source, both):
        assert list(page.themes.values_list("slug", flat=True)) == ["onboarding"]
    draft = CaseStudyPage.objects.get(pk=drafted.pk).get_latest_revision_as_object()
    assert [theme.slug for theme in draft.themes.all()] == ["onboarding"]
    found = engines.search(parse_search_query(QueryDict("theme=onboarding")))
    assert {result["slug"] for result in found.results} >= {"one", "two"}


def test_only_editors_may_merge(partner_client, client):
    theme = Theme.objects.get(slug="mentoring")
    outsider = get_user_model().objects.create_user("guest", "guest@example.org", "pw")
    client.force_login(outsider)

    for person in (partner_client, client):
        response = person.post(reverse(MERGE, args=[theme.pk]), {"target": theme.pk + 1})
        assert response.status_code in (302, 403)
    assert Theme.objects.filter(slug="mentoring").exists()
