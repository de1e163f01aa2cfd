"""Which engine answers: Elasticsearch when ELASTICSEARCH_URL is set, else the database.

The database engine's index is kept up to date in every configuration, so that it can answer
whenever the cluster cannot.
"""

import logging

from django.conf import settings

from .base import SearchUnavailable
from .database import DatabaseEngine

logger = logging.getLogger(__name__)


def database_engine():
    return DatabaseEngine()


def elasticsearch_engine():
    """The cluster's engine, or None when ELASTICSEARCH_URL is not set."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from .elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine.for_url(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX)


def configured_engine():
    return elasticsearch_engine() or database_engine()


def all_engines():
    return [engine for engine in (database_engine(), elasticsearch_engine()) if engine]


def with_fallback(operation):
    """Run operation(engine) on the configured engine, or on the database engine when the
    cluster cannot answer."""
    engine = configured_engine()
    try:
        return operation(engine)
    except SearchUnavailable as error:
        if engine.name == DatabaseEngine.name:
            raise
        logger.warning("search cluster unavailable, answering from the database: %s", error)
        return operation(database_engine())


def search(query):
    return with_fallback(lambda engine: engine.search(query))


def count(query):
    return with_fallback(lambda engine: engine.count(query))


def suggest(text, lang, limit=8, channel=None):
    return with_fallback(lambda engine: engine.suggest(text, lang, limit, channel))


def search_health():
    """The search as a load balancer should see it: which engine answers, and whether the
    cluster (when one is configured) does."""
    cluster = elasticsearch_engine()
    if cluster is None:
        return {"engine": DatabaseEngine.name, "status": "ok"}
    if cluster.answers():
        return {"engine": cluster.name, "status": "ok"}
    # Searches still work: the database engine answers them.
    return {"engine": DatabaseEngine.name, "status": "degraded", "cluster": "unavailable"}
