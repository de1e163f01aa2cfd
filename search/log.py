"""The search log (SearchLogEntry): first-page searches with their query, language, filters and
result count, kept for SEARCH_LOG_DAYS.

Logging never costs the reader anything: a search only adds its entry to this process's buffer,
and a thread of the process writes the buffer in one batch every SEARCH_LOG_FLUSH_SECONDS (and
when the process ends). Entries that cannot be written (the database refused the batch, or the
buffer was full) are not lost silently: they are counted in a SearchLogGap. With
SEARCH_LOG_FLUSH_SECONDS = 0 (the tests), each entry is written at once.
"""

import atexit
import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .facets import FILTERS
from .models import SearchLogEntry, SearchLogGap

SEARCH_LOG_DAYS = 30
BUFFER_LIMIT = 10_000  # entries waiting in one process; more are counted as missed

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


class SearchLogBuffer:
    def __init__(self):
        self.lock = threading.Lock()
        # Held for a whole write, so that the flush at exit waits for a batch the flusher
        # thread has taken and is still writing.
        self.writing = threading.Lock()
        self.entries = []
        self.missed = 0
        self.flusher = None

    def add(self, entry):
        with self.lock:
            if len(self.entries) >= BUFFER_LIMIT:
                self.missed += 1
                return
            self.entries.append(entry)
            if self.flusher is None:
                self.flusher = threading.Thread(target=self._flush_forever, daemon=True)
                self.flusher.start()
                atexit.register(self.flush)

    def flush(self):
        """Writes what waits, and the count of what could not be written before."""
        with self.writing:
            self._write()

    def _write(self):
        with self.lock:
            entries, missed = self.entries, self.missed
            self.entries, self.missed = [], 0
        if not entries and not missed:
            return
        try:
            SearchLogEntry.objects.bulk_create(entries)
            if missed:
                SearchLogGap.objects.create(missed=missed)
        except DatabaseError:
            logger.exception("%s search log entries not written", len(entries))
            with self.lock:
                self.missed += missed + len(entries)

    def _flush_forever(self):
        while True:
            time.sleep(settings.SEARCH_LOG_FLUSH_SECONDS)
            self.flush()
            connection.close()  # this thread's own: not kept open between batches


BUFFER = SearchLogBuffer()


def log_search(query, total):
    """Records a new search: page 1 with some text or filter (paging is not a new search)."""
    filters = logged_filters(query)
    if query.page != 1 or not (query.text or filters):
        return
    entry = SearchLogEntry(
        query=query.text,
        lang=query.lang,
        filters=filters,
        result_count=total,
        created_at=timezone.now(),
    )
    if settings.SEARCH_LOG_FLUSH_SECONDS:
        BUFFER.add(entry)
        return
    try:
        entry.save()
    except DatabaseError:
        logger.exception("search log entry not written")


def log_window_start():
    """The oldest moment the log keeps."""
    return timezone.now() - timedelta(days=SEARCH_LOG_DAYS)


def prune_search_log():
    """Deletes entries (and counts of missed ones) older than SEARCH_LOG_DAYS; returns how many
    entries."""
    SearchLogGap.objects.filter(created_at__lt=log_window_start()).delete()
    deleted, _by_model = SearchLogEntry.objects.filter(created_at__lt=log_window_start()).delete()
    return deleted
