"""The search log (SearchLogEntry): first-page searches with their query, language, filters and
result count, kept for SEARCH_LOG_DAYS. Logging must never cost the reader their results."""

import logging
from datetime import timedelta

from django.db import DatabaseError, transaction
from django.utils import timezone

from .facets import FILTERS
from .models import SearchLogEntry

SEARCH_LOG_DAYS = 30

logger = logging.getLogger(__name__)


def logged_filters(query):
    """The reader's filters and year range (not filters the API adds itself), values sorted so
    that the same search is stored the same way whatever its parameters' order (the dashboard
    groups on it)."""
    filters = {
        facet.name: sorted(query.filters[facet.name])
        for facet in FILTERS
        if facet.name in query.filters
    }
    for name in ("year_min", "year_max"):
        if (year := getattr(query, name)) is not None:
            filters[name] = year
    return filters


def log_search(query, total):
    """Records a new search: page 1 with some text or filter (paging is not a new search)."""
    filters = logged_filters(query)
    if query.page != 1 or not (query.text or filters):
        return
    try:
        # A savepoint, so that a failed insert leaves the request's transaction usable.
        with transaction.atomic():
            SearchLogEntry.objects.create(
                query=query.text, lang=query.lang, filters=filters, result_count=total
            )
    except DatabaseError:
        logger.exception("search log entry not written")


def log_window_start():
    """The oldest moment the log keeps."""
    return timezone.now() - timedelta(days=SEARCH_LOG_DAYS)


def prune_search_log():
    """Deletes entries older than SEARCH_LOG_DAYS; returns how many."""
    deleted, _by_model = SearchLogEntry.objects.filter(created_at__lt=log_window_start()).delete()
    return deleted
