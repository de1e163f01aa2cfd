"""Consent and search, on both engines: featured people's names are never indexed or served;
withdrawn or expired consent takes a case study out of the results at once; the API serves
only case studies whose featured people all consented to the API and feeds."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from casestudies.consent import withdraw_from_publication
from casestudies.models import FeaturedPerson
from search import engines
from search.indexing import current_documents
from search.query import parse_search_query
from tests.factories import CaseStudyPageFactory, FeaturedPersonFactory

NAME = "Zainab Quartermain"


def found(query_string=""):
    results = engines.search(parse_search_query(QueryDict(query_string)))
    return {result["slug"] for result in results.results}


def api_slugs(client, query_string=""):
    return {
        result["slug"] for result in client.get(f"/api/v1/search/?{query_string}").json()["results"]
    }


@pytest.fixture
def featured(search_engine, organisation, reindex):
    """A live, indexed case study featuring Zainab, who consented to everything."""
    page = CaseStudyPageFactory(parent=organisation, slug="kiln-mentors", title="Kiln mentors")
    FeaturedPersonFactory(case_study=page, display_name=NAME)
    reindex()
    return page


def test_names_are_never_indexed_nor_served(featured, client):
    documents = json.dumps(list(current_documents()), ensure_ascii=False)
    assert "Quartermain" not in documents and "Kiln mentors" in documents

    assert found("q=Quartermain") == set()
    assert found("q=kiln") == {"kiln-mentors"}
    response = client.get("/api/v1/search/?q=kiln").content.decode()
    assert "kiln-mentors" in response and "Quartermain" not in response


def test_withdrawal_removes_the_case_study_from_results_at_once(
    featured, settings, django_capture_on_commit_callbacks
):
    # A queue that never runs its tasks: the removal must not wait for it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    FeaturedPerson.objects.update(consent_withdrawn=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_from_publication(featured)
    assert found("q=kiln") == set()
    assert not featured.live


def test_expired_consent_leaves_the_results_with_the_daily_command(
    featured, django_capture_on_commit_callbacks
):
    FeaturedPerson.objects.update(consent_expires=timezone.localdate() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_consents", stdout=None)
    assert found("q=kiln") == set()


def test_the_api_serves_only_what_everyone_featured_consented_to(
    search_engine, organisation, reindex, client
):
    web_only = CaseStudyPageFactory(parent=organisation, slug="web-only", title="Kiln web only")
    FeaturedPersonFactory(case_study=web_only, consent_api=False)
    everywhere = CaseStudyPageFactory(parent=organisation, slug="everywhere", title="Kiln open")
    FeaturedPersonFactory(case_study=everywhere, consent_api=True)
    CaseStudyPageFactory(parent=organisation, slug="no-one", title="Kiln without people")
    reindex()

    assert found("q=kiln") == {"web-only", "everywhere", "no-one"}
    assert api_slugs(client, "q=kiln") == {"everywhere", "no-one"}
    body = client.get("/api/v1/search/?q=kiln").json()
    assert body["total"] == 2
    assert sum(value["count"] for value in body["facets"]["sector"]) == 2
    suggested = client.get("/api/v1/search/suggest/?q=kiln").json()
    assert {suggestion["title"] for suggestion in suggested} == {"Kiln open", "Kiln without people"}
