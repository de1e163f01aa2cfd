"""`make drill`: what the site does when its search cluster fails, as a timeline.

It runs the production stack on this machine (gunicorn and the task worker, SQLite with the
demo content, an in-memory OpenSearch-compatible cluster from osmem-server that it owns, so
that it can pause and kill it), then:

1. searches with the cluster well;
2. pauses the cluster (SIGSTOP: a hung node), searches, unpublishes a case study, resumes it,
   and waits for the index to catch up by itself;
3. kills the cluster and starts an empty one in its place, searches, and waits for the site to
   rebuild its index by itself.

Loopback only; about three minutes.

    .venv/bin/python -m benchmarks.drill
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from osmem_server import OsmemServer

from benchmarks.stack import free_port, production_environment

PROJECT = Path(__file__).resolve().parents[1]
QUERY = "/api/v1/search/?q=housing"
UNPUBLISH = """
import time
from wagtail.actions.unpublish_page import UnpublishPageAction
from casestudies.models import CaseStudyPage
page = CaseStudyPage.objects.live().get(slug="{slug}")
start = time.perf_counter()
UnpublishPageAction(page, log_action=False).execute(skip_permission_checks=True)
print(f"{{time.perf_counter() - start:.2f}}")
"""
PENDING = """
from search.models import PendingIndexUpdate
print(PendingIndexUpdate.objects.count())
"""


class Drill:
    def __init__(self, directory):
        self.started = time.monotonic()
        self.cluster_address = f"127.0.0.1:{free_port()}"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.environment = production_environment(directory, self.port, workers=2)
        self.cluster = None
        self.server = None

    def say(self, message):
        print(f"{time.monotonic() - self.started:6.1f} s  {message}", flush=True)

    def manage(self, *arguments):
        completed = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT,
            env=self.environment,
            capture_output=True,
            text=True,
            check=True,
        )
        return completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""

    def start(self):
        self.cluster = OsmemServer.start(addr=self.cluster_address)
        self.environment["ELASTICSEARCH_URL"] = self.cluster.url
        self.say(f"cluster started at {self.cluster.url}; setting up the site with demo content")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_content")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("search_index", "rebuild")
        self.server = subprocess.Popen(
            [sys.executable, "-m", "knowledge.serve"],
            cwd=PROJECT,
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while True:
            try:
                urllib.request.urlopen(f"{self.base}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        self.say(f"site serving at {self.base} (2 web workers and the task worker)")

    def stop(self):
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=60)
        if self.cluster:
            os.kill(self.cluster.pid, signal.SIGCONT)
            self.cluster.close(grace=0)

    def search(self, path=QUERY):
        start = time.perf_counter()
        with urllib.request.urlopen(self.base + path, timeout=60) as response:
            body = json.load(response)
        return time.perf_counter() - start, body

    def searches(self, count, label):
        timings, engines = [], set()
        for _ in range(count):
            seconds, body = self.search()
            timings.append(seconds * 1000)
            engines.add(body["engine"])
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        self.say(
            f"{label}: {count} searches, p50 {statistics.median(timings):.0f} ms, "
            f"p95 {p95:.0f} ms, slowest {timings[-1]:.0f} ms, answered by {', '.join(engines)}"
        )

    def wait_for(self, condition, label, limit=180):
        start = time.monotonic()
        while not condition():
            if time.monotonic() - start > limit:
                self.say(f"NOT within {limit} s: {label}")
                return
            time.sleep(1)
        self.say(f"{label} ({time.monotonic() - start:.0f} s later)")

    def found(self, slug):
        return any(result["slug"] == slug for result in self.search()[1]["results"])

    def engine(self):
        return self.search()[1]["engine"]

    def run(self):
        self.start()
        self.searches(40, "cluster well")

        _seconds, body = self.search()
        slug = body["results"][0]["slug"]
        os.kill(self.cluster.pid, signal.SIGSTOP)
        self.say("cluster hung (SIGSTOP)")
        seconds, body = self.search()
        self.say(f"first search after: {seconds * 1000:.0f} ms, answered by {body['engine']}")
        self.searches(40, "while hung")
        took = self.manage("shell", "-c", UNPUBLISH.format(slug=slug))
        self.say(f"unpublished {slug} in {float(took) * 1000:.0f} ms (the cluster is not waited)")
        self.say(f"{slug} found by a search: {self.found(slug)}")
        os.kill(self.cluster.pid, signal.SIGCONT)
        self.say("cluster resumed (SIGCONT)")
        self.say(f"{slug} found by a search: {self.found(slug)}")
        self.wait_for(lambda: self.manage("shell", "-c", PENDING) == "0",
                      "the worker applied the missed updates: none pending")  # fmt: skip
        self.wait_for(lambda: self.engine() == "elasticsearch", "searches back on the cluster")
        self.say(f"{slug} found by a search: {self.found(slug)}")

        self.cluster.close(grace=0)
        self.cluster = OsmemServer.start(addr=self.cluster_address)
        self.say("cluster killed, and started again empty")
        seconds, body = self.search()
        self.say(
            f"first search after: {seconds * 1000:.0f} ms, answered by {body['engine']} with "
            f"{body['total']} results (not an empty answer)"
        )
        self.wait_for(lambda: self.engine() == "elasticsearch",
                      "index rebuilt by the worker, searches back on the cluster")  # fmt: skip
        self.searches(40, "after the rebuild")


def main():
    directory = Path(tempfile.mkdtemp(prefix="drill-"))
    drill = Drill(directory)
    try:
        drill.run()
    finally:
        drill.stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
