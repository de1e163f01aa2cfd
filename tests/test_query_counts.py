"""A page's SQL query count must not grow with the number of items on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudyPage
from casestudies.vocabularies import Theme
from tests.factories import CaseStudyPageFactory, CollectionPageFactory, OrganisationPageFactory

ALL_THEMES = [
    "recruitment", "skills-recognition", "language-support", "onboarding", "mentoring",
    "visa-and-legal", "housing", "retention-and-career", "inclusive-culture", "partnerships",
]  # fmt: skip


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_case_studies(case_study_index, count, themes):
    for _ in range(count):
        organisation = OrganisationPageFactory(parent=case_study_index, country="FR")
        CaseStudyPageFactory(parent=organisation, country="FR", themes=themes)


@pytest.fixture
def collections(collection_index):
    return collection_index


def test_case_study_page_queries_do_not_grow(client, case_study, case_study_index, collections):
    url = "/en/case-studies/brightkiln/kiln-mentors/"
    add_case_studies(case_study_index, 2, ["mentoring"])
    CollectionPageFactory(parent=collections, case_studies=[case_study])
    client.get(url)
    few = query_count(client, url)

    case_study.themes.set(Theme.objects.all())
    case_study.save()
    add_case_studies(case_study_index, 8, ALL_THEMES)
    for _ in range(3):
        CollectionPageFactory(parent=collections, case_studies=[case_study])

    assert query_count(client, url) == few


@pytest.mark.parametrize("url", ["/en/", "/en/case-studies/", "/ja/case-studies/"])
def test_listing_queries_do_not_grow(client, case_study_index, collections, url):
    add_case_studies(case_study_index, 2, ["mentoring"])
    CollectionPageFactory(parent=collections, featured=True)
    client.get(url)
    few = query_count(client, url)

    add_case_studies(case_study_index, 10, ALL_THEMES)
    for _ in range(3):
        CollectionPageFactory(parent=collections, featured=True)

    assert query_count(client, url) == few


def test_collection_page_queries_do_not_grow(client, case_study_index, collections):
    add_case_studies(case_study_index, 12, ALL_THEMES)
    pages = list(CaseStudyPage.objects.all())
    small = CollectionPageFactory(parent=collections, slug="small", case_studies=pages[:2])
    large = CollectionPageFactory(parent=collections, slug="large", case_studies=pages)
    client.get(f"/en/collections/{small.slug}/")

    assert query_count(client, f"/en/collections/{small.slug}/") == query_count(
        client, f"/en/collections/{large.slug}/"
    )
