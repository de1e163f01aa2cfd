"""Which engine answers: Elasticsearch when ELASTICSEARCH_URL is set and the cluster is well,
else the database engine, whose index is kept up to date in every configuration so that it can
answer whenever the cluster cannot.

A circuit breaker (one per process) keeps a failing cluster from slowing searches down: after
a failure or a timeout, searches skip the cluster for SEARCH_CLUSTER_COOL_DOWN seconds and are
answered by the database engine at its usual speed. Then one probe (a short ping and a count of
the documents behind the alias) decides whether to close it again. A cluster that answers with
no index, or with far fewer documents than the database engine holds (it was emptied or
recreated), is not trusted: searches fall back, and a rebuild is queued.
"""

import logging

from django.conf import settings
from django.dispatch import Signal

from ..models import IndexedCaseStudy
from .base import SearchUnavailable
from .breaker import Breaker
from .database import DatabaseEngine

logger = logging.getLogger(__name__)

BREAKER = Breaker()
# Sent when the cluster answers without the index it should hold; search/signals.py queues a
# rebuild.
cluster_needs_rebuild = Signal()


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


def cluster_is_well(cluster):
    """It answers, and its index holds at least half of the database engine's documents;
    a rebuild is queued when it answers without them."""
    try:
        documents = cluster.document_count()
    except SearchUnavailable:
        return False
    expected = IndexedCaseStudy.objects.count()
    if documents is None or documents * 2 < expected:
        logger.warning(
            "search cluster holds %s documents of %s: rebuilding it", documents, expected
        )
        cluster_needs_rebuild.send(sender=cluster.__class__)
        return False
    return True


def cluster_for_searches():
    """The cluster's engine if searches may go to it now, else None."""
    cluster = elasticsearch_engine()
    if cluster is None or not BREAKER.allows():
        return None
    if BREAKER.check_due():
        if not cluster_is_well(cluster):
            BREAKER.open()
            return None
        BREAKER.close()
    return cluster


def with_fallback(operation):
    """operation(engine) on the cluster when it may be asked, else (or when it fails) on the
    database engine."""
    cluster = cluster_for_searches()
    if cluster is not None:
        try:
            return operation(cluster)
        except SearchUnavailable as error:
            logger.warning("search cluster unavailable, answering from the database: %s", error)
            BREAKER.open()
            if error.index_missing:
                cluster_needs_rebuild.send(sender=cluster.__class__)
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
