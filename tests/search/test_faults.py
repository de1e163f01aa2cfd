"""The search cluster misbehaving, for real: an osmem-server process paused (SIGSTOP, a hung
node) and resumed, killed and started again empty, or slow. Whatever it does, no search returns
a case study that is no longer public, searches keep answering (from the database engine), the
breaker spares them the cluster's timeouts, and the index catches up by itself. Timings are
asserted as counts of requests to the cluster, never as wall-clock durations."""

import os
import signal
import socket
import socketserver
import threading
import time

import pytest
from django.http import QueryDict
from django.test import override_settings
from osmem_server import OsmemServer

from search import engines
from search.engines import BREAKER
from search.engines.elasticsearch import JsonHttpNode
from search.indexing import update_index
from search.models import PendingIndexUpdate
from search.query import parse_search_query
from tests.factories import CaseStudyPageFactory

QUEUE_THAT_WAITS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def free_address():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


class Cluster:
    """An osmem-server at a fixed address, which a test may pause, resume, or replace."""

    def __init__(self):
        self.address = free_address()
        self.server = OsmemServer.start(addr=self.address)
        self.url = self.server.url

    def pause(self):
        os.kill(self.server.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.server.pid, signal.SIGCONT)

    def restart_empty(self):
        self.server.close(grace=0)
        self.server = OsmemServer.start(addr=self.address)

    def close(self):
        self.resume()
        self.server.close(grace=0)


@pytest.fixture
def cluster(settings, db):
    cluster = Cluster()
    settings.ELASTICSEARCH_URL = cluster.url
    settings.SEARCH_CLUSTER_TIMEOUT = 0.5
    settings.SEARCH_CLUSTER_WRITE_TIMEOUT = 0.5
    yield cluster
    cluster.close()


@pytest.fixture
def cluster_requests(monkeypatch):
    """How many requests reached (or tried to reach) the cluster."""
    calls = []
    perform = JsonHttpNode.perform_request

    def counted(node, *args, **kwargs):
        calls.append(args[:2])
        return perform(node, *args, **kwargs)

    monkeypatch.setattr(JsonHttpNode, "perform_request", counted)
    return calls


@pytest.fixture
def indexed(cluster, organisation, django_capture_on_commit_callbacks):
    """Three live case studies, in both engines."""
    with django_capture_on_commit_callbacks(execute=True):
        pages = [
            CaseStudyPageFactory(parent=organisation, slug=f"kiln-{n}", title=f"Kiln story {n}")
            for n in range(3)
        ]
        for page in pages:
            page.save_revision().publish()
    assert found() == ({f"kiln-{n}" for n in range(3)}, "elasticsearch")
    return pages


def found(query_string="q=kiln"):
    results = engines.search(parse_search_query(QueryDict(query_string)))
    return {result["slug"] for result in results.results}, results.engine


def unpublish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()


@override_settings(TASKS=QUEUE_THAT_WAITS)
def test_a_hung_cluster_never_shows_what_was_unpublished(
    cluster, indexed, cluster_requests, django_capture_on_commit_callbacks, cool_down_over
):
    cluster.pause()

    assert found() == ({"kiln-0", "kiln-1", "kiln-2"}, "database"), "answered, from the database"
    assert BREAKER.is_open
    tried = len(cluster_requests)
    for _ in range(10):
        assert found()[1] == "database"
    assert len(cluster_requests) == tried, "the breaker spares searches the hung cluster"

    unpublish(indexed[0], django_capture_on_commit_callbacks)
    assert len(cluster_requests) == tried, "unpublishing does not wait for the cluster"
    assert found() == ({"kiln-1", "kiln-2"}, "database")
    assert PendingIndexUpdate.objects.removals().filter(page_id=indexed[0].pk).exists()

    cluster.resume()
    cool_down_over()
    assert found() == ({"kiln-1", "kiln-2"}, "elasticsearch"), "excluded until the worker runs"
    assert indexed[0].pk in engines.elasticsearch_engine().fingerprints(), "still in the cluster"

    update_index([])  # the worker's queued update
    assert not PendingIndexUpdate.objects.exists()
    assert indexed[0].pk not in engines.elasticsearch_engine().fingerprints()
    assert found() == ({"kiln-1", "kiln-2"}, "elasticsearch")


@override_settings(TASKS=QUEUE_THAT_WAITS)
def test_missed_updates_are_retried_by_the_worker_when_the_cluster_returns(
    cluster, indexed, organisation, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    cluster.pause()
    page = CaseStudyPageFactory(parent=organisation, slug="kiln-new", title="Kiln newcomer")
    update_index([page.pk])  # the worker, while the cluster hangs

    assert PendingIndexUpdate.objects.filter(page_id=page.pk, removal=False).exists()
    (retry,) = [result for result in default_task_backend.results if list(result.args) == [[]]]
    assert retry.task.run_after is not None, "a retry, queued for later"

    cluster.resume()
    update_index(*retry.args)  # the worker runs the retry

    assert not PendingIndexUpdate.objects.exists()
    assert page.pk in engines.elasticsearch_engine().fingerprints()


def test_a_cluster_restarted_empty_is_not_trusted_and_rebuilds_itself(
    cluster, indexed, cluster_requests, cool_down_over
):
    cluster.restart_empty()

    assert found() == ({"kiln-0", "kiln-1", "kiln-2"}, "database"), "no empty answer"
    # The rebuild ran in the task queue (at once in tests); the breaker still waits.
    assert len(engines.elasticsearch_engine().fingerprints()) == 3
    tried = len(cluster_requests)
    assert found()[1] == "database"
    assert len(cluster_requests) == tried

    cool_down_over()
    assert found() == ({"kiln-0", "kiln-1", "kiln-2"}, "elasticsearch")


class SlowProxy(socketserver.ThreadingTCPServer):
    """Passes requests to the cluster and its answers back, `delay` seconds late."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream, delay):
        self.upstream = upstream
        self.delay = delay
        super().__init__(("127.0.0.1", 0), SlowProxyHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class SlowProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        host, port = self.server.upstream.split(":")
        with socket.create_connection((host, int(port))) as upstream:
            upstream.settimeout(5)
            self.request.settimeout(5)
            data = self.request.recv(65536)
            upstream.sendall(data)
            answer = upstream.recv(1 << 20)
            time.sleep(self.server.delay)
            try:
                self.request.sendall(answer)
            except OSError:
                pass  # the client gave up waiting


def test_a_slow_cluster_is_skipped_after_one_slow_answer(
    cluster, indexed, settings, cluster_requests
):
    proxy = SlowProxy(cluster.address, delay=1.5)
    settings.ELASTICSEARCH_URL = proxy.url
    try:
        assert found()[1] == "database"
        tried = len(cluster_requests)
        for _ in range(5):
            assert found()[1] == "database"
        assert len(cluster_requests) == tried
    finally:
        proxy.shutdown()
        proxy.server_close()
