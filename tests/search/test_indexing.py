"""The index follows the site: publish, unpublish, delete, move, privacy and renames update it
after the transaction commits, on both engines; a cluster that is down loses nothing."""

import pytest
from django.core.management import call_command
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from casestudies.vocabularies import Theme
from search import engines
from search.models import PendingIndexUpdate
from search.query import parse_search_query
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory

UNREACHABLE = "http://127.0.0.1:9"


def found(query_string=""):
    results = engines.search(parse_search_query(QueryDict(query_string)))
    return {result["slug"] for result in results.results}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the index updates) as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def draft(search_engine, organisation, committed):
    with committed():
        page = CaseStudyPageFactory(parent=organisation, slug="kiln-mentors", title="Kiln mentors")
        page.unpublish()
    return page


def publish(page, committed):
    with committed():
        page.save_revision().publish()
    page.refresh_from_db()


def test_publishing_adds_and_unpublishing_removes(draft, committed):
    assert found() == set()

    publish(draft, committed)
    assert found("q=kiln") == {"kiln-mentors"}

    with committed():
        draft.unpublish()
    assert found() == set()


def test_a_draft_revision_of_a_live_page_is_not_indexed(draft, committed):
    publish(draft, committed)
    draft.title = "Secret new title"

    with committed():
        draft.save_revision()

    assert found("q=secret") == set()
    assert found("q=kiln") == {"kiln-mentors"}


def test_deleting_removes(draft, committed):
    publish(draft, committed)

    with committed():
        draft.get_parent().delete()

    assert found() == set()


def test_moving_updates_the_url(draft, committed, case_study_index):
    publish(draft, committed)
    northmill = OrganisationPageFactory(parent=case_study_index, slug="northmill")

    with committed():
        draft.move(northmill, pos="last-child")

    results = engines.search(parse_search_query(QueryDict("q=kiln")))
    assert results.results[0]["url"] == "/en/case-studies/northmill/kiln-mentors/"


def test_making_a_page_private_removes_it(draft, committed, organisation):
    publish(draft, committed)

    with committed():
        restriction = PageViewRestriction.objects.create(
            page=organisation, restriction_type="password", password="x"
        )
    assert found() == set()

    with committed():
        restriction.delete()
    assert found() == {"kiln-mentors"}


def test_renaming_the_organisation_updates_its_case_studies(draft, committed, organisation):
    publish(draft, committed)
    organisation.title = "Brightkiln Ceramics"

    publish(organisation, committed)

    results = engines.search(parse_search_query(QueryDict("q=kiln")))
    assert results.results[0]["organisation"]["name"] == "Brightkiln Ceramics"


def test_renaming_a_theme_updates_the_case_studies_it_tags(draft, committed):
    publish(draft, committed)
    assert found("q=quokkas") == set()
    theme = Theme.objects.get(slug="mentoring")

    with committed():
        theme.name_en = "Quokkas scheme"
        theme.save()

    assert found("q=quokkas") == {"kiln-mentors"}


def test_a_rolled_back_transaction_indexes_nothing(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft.save_revision().publish()

    assert callbacks, "the update waits for the commit"
    assert found() == set()


@pytest.fixture
def cluster_down(settings, search_engine):
    url = settings.ELASTICSEARCH_URL

    def stop():
        settings.ELASTICSEARCH_URL = UNREACHABLE

    def start():
        settings.ELASTICSEARCH_URL = url

    return stop, start


only_elasticsearch = pytest.mark.parametrize("search_engine", ["elasticsearch"], indirect=True)


@only_elasticsearch
def test_cluster_down_publishing_succeeds_searches_fall_back_and_repair(
    draft, committed, cluster_down, client, capsys, cool_down_over
):
    stop, start = cluster_down
    stop()

    publish(draft, committed)

    draft.refresh_from_db()
    assert draft.live, "publishing does not depend on the cluster"
    assert PendingIndexUpdate.objects.filter(page_id=draft.pk).exists()
    response = client.get("/api/v1/search/?q=kiln").json()
    assert response["engine"] == "database"
    assert [result["slug"] for result in response["results"]] == ["kiln-mentors"]
    assert "reduced mode" in client.get("/en/search/?q=kiln").content.decode()

    start()
    with pytest.raises(SystemExit):
        call_command("search_index", "check")
    assert "elasticsearch: 1 missing" in capsys.readouterr().out
    call_command("search_index", "check", "--repair")
    assert not PendingIndexUpdate.objects.exists()
    assert client.get("/api/v1/search/?q=kiln").json()["engine"] == "database", "cooling down"
    cool_down_over()
    assert client.get("/api/v1/search/?q=kiln").json()["engine"] == "elasticsearch"
    assert found("q=kiln") == {"kiln-mentors"}


@only_elasticsearch
def test_cluster_back_the_next_update_retries_what_was_missed(
    draft, committed, cluster_down, organisation
):
    stop, start = cluster_down
    stop()
    publish(draft, committed)
    start()

    other = CaseStudyPageFactory(parent=organisation, slug="second", title="Second practice")
    publish(other, committed)

    assert found() == {"kiln-mentors", "second"}
    assert not PendingIndexUpdate.objects.exists()


def test_status_and_check_commands(draft, committed, capsys, search_engine):
    publish(draft, committed)

    call_command("search_index", "status")
    call_command("search_index", "check")

    out = capsys.readouterr().out
    assert "live case studies: 1" in out
    assert f"{search_engine.name}: 0 missing, 0 stale, 0 orphan documents" in out
