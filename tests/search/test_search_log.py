"""The search log stays off the searches' way: entries wait in the process and are written in
batches, and what cannot be written is counted, never a failed search."""

import pytest
from django.db import DatabaseError
from django.http import QueryDict

from search import log
from search.log import SearchLogBuffer, log_search
from search.models import SearchLogEntry, SearchLogGap
from search.query import parse_search_query


def search_for(text):
    log_search(parse_search_query(QueryDict(f"q={text}")), total=3)


@pytest.fixture
def buffer(settings, monkeypatch, db):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600  # the flushing thread will not run in the test
    buffer = SearchLogBuffer()
    monkeypatch.setattr(log, "BUFFER", buffer)
    return buffer


def test_a_search_writes_nothing_until_the_batch(buffer, django_assert_num_queries):
    with django_assert_num_queries(0):
        search_for("housing")
        search_for("mentoring")

    buffer.flush()

    assert sorted(SearchLogEntry.objects.values_list("query", flat=True)) == [
        "housing",
        "mentoring",
    ]


def test_entries_the_database_refuses_are_counted_and_the_count_written_later(buffer, monkeypatch):
    search_for("housing")
    with monkeypatch.context() as patch:

        def refuse(*args, **kwargs):
            raise DatabaseError("database is locked")

        patch.setattr(SearchLogEntry.objects, "bulk_create", refuse)
        buffer.flush()

    search_for("mentoring")
    buffer.flush()

    assert list(SearchLogEntry.objects.values_list("query", flat=True)) == ["mentoring"]
    assert list(SearchLogGap.objects.values_list("missed", flat=True)) == [1]


def test_a_full_buffer_counts_what_it_cannot_hold(buffer, monkeypatch):
    monkeypatch.setattr(log, "BUFFER_LIMIT", 2)
    for text in ("one", "two", "three", "four"):
        search_for(text)

    buffer.flush()

    assert SearchLogEntry.objects.count() == 2
    assert list(SearchLogGap.objects.values_list("missed", flat=True)) == [2]
