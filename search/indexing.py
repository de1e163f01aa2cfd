"""Keeping both engines true to the live site, after each transaction commits."""

import hashlib
import json
import logging

from django.db import transaction
from django_tasks import task

from .documents import build_documents, searchable_case_studies
from .engines import all_engines
from .engines.base import SearchUnavailable
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def fingerprint(document):
    payload = json.dumps(document, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha1(payload, usedforsecurity=False).hexdigest()


def current_documents(pages=None):
    """Documents for the searchable case studies (all of them, or those in `pages`)."""
    for document in build_documents(pages if pages is not None else searchable_case_studies()):
        document["fingerprint"] = fingerprint(document)
        yield document


def update_index(page_ids):
    """Index these case studies if they are searchable, remove them if not; also retry the
    updates the cluster missed while it was down."""
    page_ids = set(page_ids) | set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    documents = list(current_documents(searchable_case_studies().filter(pk__in=page_ids)))
    gone = page_ids - {document["id"] for document in documents}
    for engine in all_engines():
        try:
            engine.index(documents)
            engine.delete(gone)
        except SearchUnavailable as error:
            logger.warning("search index update failed, will retry: %s", error)
            mark_pending(page_ids, error)
        else:
            PendingIndexUpdate.objects.filter(page_id__in=page_ids).delete()


def mark_pending(page_ids, error):
    for page_id in page_ids:
        PendingIndexUpdate.objects.update_or_create(
            page_id=page_id, defaults={"error": str(error)[:2000]}
        )


@task()
def update_search_index(page_ids):
    """The queued form of update_index."""
    update_index(page_ids)


def schedule_update(page_ids):
    """Update the index in the task queue once the current transaction has committed (never for
    a rollback)."""
    page_ids = sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(lambda: update_search_index.enqueue(page_ids))


def update_after_commit(page_ids):
    """Update the index in this process as soon as the current transaction commits, whatever the
    task queue is doing: for case studies that must leave search at once."""
    page_ids = sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(lambda: update_index(page_ids))
