from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from casestudies.models import CaseStudyPage, CollectionPage, OrganisationPage
from casestudies.vocabularies import Theme


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """Loaded once for this module (it takes seconds) and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(demo_content, db):
    """Each test's changes are undone by `db`; the demo content stays."""


def test_demo_content_is_rich_enough_to_show_the_platform(demo_site):
    case_studies = list(CaseStudyPage.objects.live())
    original_languages = Counter(page.original_language for page in case_studies)

    assert len(case_studies) >= 40
    assert OrganisationPage.objects.live().count() >= 15
    assert len({page.country for page in case_studies}) >= 12
    assert {"ja", "en", "de", "fr", "ar"} <= set(original_languages)
    assert len(original_languages) >= 5
    assert sum(len(page.languages) > 1 for page in case_studies) >= 10
    used = set(Theme.objects.filter(case_studies__live=True).values_list("slug", flat=True))
    assert used == set(Theme.objects.values_list("slug", flat=True))
    assert CollectionPage.objects.live().count() == 3
    assert all(collection.items.exists() for collection in CollectionPage.objects.all())


def test_every_demo_organisation_is_marked_fictional(demo_site):
    assert not OrganisationPage.objects.filter(is_demo=False).exists()


def test_loading_again_changes_nothing(demo_site):
    revisions = CaseStudyPage.objects.values_list("latest_revision_id", flat=True)
    before = sorted(revisions)

    call_command("load_demo_content")

    assert sorted(revisions) == before
    assert CaseStudyPage.objects.count() == len(before)
    assert CollectionPage.objects.count() == 3


def test_if_empty_leaves_existing_content_alone(demo_site, capsys):
    CaseStudyPage.objects.first().unpublish()

    call_command("load_demo_content", "--if-empty")

    assert "not loaded" in capsys.readouterr().out
    assert CaseStudyPage.objects.filter(live=False).count() == 1


@pytest.mark.parametrize("language", ["en", "ja", "ar"])
def test_demo_site_serves_each_language(demo_site, client, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert response.context["figures"]["case_studies"] >= 40
