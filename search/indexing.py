"""Keeping both engines true to the live site, after each transaction commits.

Updates run in the task worker (at once in development and tests). What must leave search
(an unpublished or deleted case study) leaves it when the change commits, without waiting for
the worker or the cluster: see remove_at_once.
"""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .documents import build_documents, searchable_case_studies
from .engines import database_engine, elasticsearch_engine
from .engines.base import SearchUnavailable
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

RETRY_KEY = "search:retry-queued"
REBUILD_KEY = "search:rebuild-queued"
REBUILD_LOCK_SECONDS = 15 * 60


def fingerprint(document):
    payload = json.dumps(document, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha1(payload, usedforsecurity=False).hexdigest()


def current_documents(pages=None):
    """Documents for the searchable case studies (all of them, or those in `pages`)."""
    for document in build_documents(pages if pages is not None else searchable_case_studies()):
        document["fingerprint"] = fingerprint(document)
        yield document


def update_index(page_ids):
    """Index these case studies if they are searchable, remove them if not, in both engines;
    with them, the updates the cluster has not applied yet. When the cluster fails, they stay
    pending and are tried again in SEARCH_RETRY_SECONDS."""
    started = timezone.now()
    page_ids = set(page_ids) | set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    documents = list(current_documents(searchable_case_studies().filter(pk__in=page_ids)))
    gone = page_ids - {document["id"] for document in documents}
    database = database_engine()
    database.index(documents)
    database.delete(gone)
    cluster = elasticsearch_engine()
    if cluster is not None:
        try:
            cluster.index(documents)
            cluster.delete(gone)
        except SearchUnavailable as error:
            logger.warning("search cluster update failed, will retry: %s", error)
            mark_pending(page_ids, gone, error)
            retry_later()
            return
    # Not those recorded since this update began: their change may not be in it.
    PendingIndexUpdate.objects.filter(page_id__in=page_ids, failed_at__lte=started).delete()


def remove_at_once(page_ids):
    """Case studies that must leave search now (unpublished, deleted): out of the database
    engine's index at once, and out of the cluster's results at once too, as pending removals
    that its searches exclude until the worker has applied them. Never waits on the cluster."""
    database_engine().delete(page_ids)
    if elasticsearch_engine() is not None:
        mark_pending(page_ids, page_ids, "waiting for the worker")
    update_search_index.enqueue(sorted(page_ids))


def mark_pending(page_ids, removals, error):
    for page_id in page_ids:
        PendingIndexUpdate.objects.update_or_create(
            page_id=page_id, defaults={"removal": page_id in removals, "error": str(error)[:2000]}
        )


@task()
def update_search_index(page_ids):
    """The queued form of update_index."""
    update_index(page_ids)


def retry_later():
    """Try the pending updates again in SEARCH_RETRY_SECONDS, once whatever the number of
    failures meanwhile. (A queue that cannot defer tasks retries with the next update.)"""
    seconds = settings.SEARCH_RETRY_SECONDS
    if update_search_index.get_backend().supports_defer and caches["shared"].add(
        RETRY_KEY, True, timeout=seconds
    ):
        run_after = timezone.now() + timedelta(seconds=seconds)
        update_search_index.using(run_after=run_after).enqueue([])


@task()
def rebuild_search_index():
    """A new cluster index from the live site, for a cluster found empty or recreated."""
    started = timezone.now()
    cluster = elasticsearch_engine()
    try:
        if cluster is not None:
            count = cluster.rebuild(current_documents())
            logger.warning("search cluster rebuilt: %s case studies", count)
            PendingIndexUpdate.objects.filter(failed_at__lte=started).delete()
    except SearchUnavailable as error:
        logger.warning("search cluster rebuild failed: %s", error)
    finally:
        caches["shared"].delete(REBUILD_KEY)


def request_rebuild():
    """Queue a rebuild of the cluster's index, unless one is queued or running already."""
    if caches["shared"].add(REBUILD_KEY, True, timeout=REBUILD_LOCK_SECONDS):
        rebuild_search_index.enqueue()


def schedule_update(page_ids):
    """Update the index in the task queue once the current transaction has committed (never for
    a rollback)."""
    page_ids = sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(lambda: update_search_index.enqueue(page_ids))


def remove_after_commit(page_ids):
    """remove_at_once, as soon as the current transaction commits."""
    page_ids = sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(lambda: remove_at_once(page_ids))
