import uuid

import pytest
from django.conf import settings as django_settings

from search.engines import all_engines, configured_engine
from search.indexing import current_documents

ENGINES = ["database", "elasticsearch"]


@pytest.fixture(params=ENGINES)
def search_engine(request, settings, db):
    """Each behavioural test runs once per engine. Elasticsearch is the in-memory osmem-server,
    or the real cluster named by ELASTICSEARCH_URL when the test run sets it."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield configured_engine()
        return
    url = django_settings.TEST_ELASTICSEARCH_URL
    if not url:
        url = request.getfixturevalue("osmem_clone").url
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX = f"test-case-studies-{uuid.uuid4().hex[:8]}"
    engine = configured_engine()
    yield engine
    engine.drop()


@pytest.fixture
def reindex(search_engine):
    """Rebuild every engine's index from the live site, as `search_index rebuild` does."""

    def rebuild():
        for engine in all_engines():
            engine.rebuild(current_documents())

    return rebuild
