"""SQLite as one machine uses it, with the production stack (gunicorn workers and the task
worker): readers search (each first-page search logged) while case studies are imported,
published and unpublished, consents expire, and practices are shared through the public form.
Zero errors, and every write is there afterwards."""

import http.cookiejar
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from benchmarks.stack import free_port, production_environment
from tests.test_sharing import practice

PROJECT = Path(__file__).resolve().parents[1]
SEARCHES = ["q=kiln", "q=story&lang=de", "theme=mentoring", "q=%E6%8E%A1%E7%94%A8&lang=ja"]
SEARCH_SECONDS = 5
SHARED = 8
PUBLISH_CYCLES = """
from wagtail.actions.unpublish_page import UnpublishPageAction
from casestudies.models import CaseStudyPage
for cycle in range(4):
    for page in CaseStudyPage.objects.filter(slug__startswith="first-"):
        UnpublishPageAction(page, log_action=False).execute(skip_permission_checks=True)
        page.save_revision().publish()
"""
COUNTS = """
import json
from casestudies.models import CaseStudyPage
from search.models import SearchLogEntry, SearchLogGap
from sharing.models import ShareSubmission
print(json.dumps({
    "case studies": CaseStudyPage.objects.count(),
    "live": CaseStudyPage.objects.live().count(),
    "shared": ShareSubmission.objects.count(),
    "logged": SearchLogEntry.objects.count(),
    "missed": sum(SearchLogGap.objects.values_list("missed", flat=True)),
}))
"""


def case_study_lines(prefix, count):
    for number in range(count):
        yield json.dumps(
            {
                "slug": f"{prefix}-{number}",
                "original_language": "en",
                "title": {"en": f"Kiln story {prefix} {number}"},
                "summary": {"en": "Mentoring on the shop floor."},
                "body": {"en": "How the company hired and kept refugees."},
                "organisation": {"slug": "brightkiln", "name": {"en": "Brightkiln"},
                                 "kind": "company", "country": "GB"},
                "country": "GB", "sector": "manufacturing", "company_size": "medium",
                "themes": ["mentoring"], "protection_statuses": [], "year": 2023,
                "source": "international-partner",
            }
        )  # fmt: skip


class Site:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.environment = {
            **production_environment(tmp_path, self.port, workers=3),
            "CLIENT_ADDRESS_HEADER": "HTTP_X_REAL_IP",
        }
        self.tmp_path = tmp_path

    def manage(self, *arguments):
        return subprocess.Popen(
            [sys.executable, "manage.py", *arguments],
            cwd=PROJECT,
            env=self.environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def run(self, *arguments):
        process = self.manage(*arguments)
        output = process.communicate(timeout=300)[0]
        assert process.returncode == 0, output
        return output

    def jsonl(self, name, lines):
        path = self.tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    site.run("migrate", "--noinput", "-v", "0")
    site.run("setup_site")
    site.run("import_case_studies", site.jsonl("first.jsonl", case_study_lines("first", 3)))
    site.run("collectstatic", "--noinput", "-v", "0")
    site.log = tmp_path / "server.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "knowledge.serve"],
        cwd=PROJECT,
        env=site.environment,
        stdout=subprocess.DEVNULL,
        stderr=site.log.open("w"),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{site.base}/healthz", timeout=5)
            break
        except OSError:
            time.sleep(0.3)
    yield site, server
    if server.poll() is None:
        server.kill()


def share_practice(base, number, failures):
    """The public form, as a browser posts it: its CSRF cookie and token, a client address."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/en/share/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = practice(title=f"Kitchen apprenticeships {number}", csrfmiddlewaretoken=token)
    request = urllib.request.Request(
        f"{base}/en/share/",
        data=urllib.parse.urlencode(data, doseq=True).encode(),
        headers={"X-Real-IP": f"192.0.2.{number}", "Referer": f"{base}/en/share/"},
    )
    try:
        response = opener.open(request, timeout=30)
        if not response.url.endswith("/share/thanks/"):
            failures.append(("share", response.status, response.url))
    except (OSError, urllib.error.HTTPError) as error:
        failures.append(("share", str(error)))


def search_continuously(base, stop, statuses, failures):
    number = 0
    while not stop.is_set():
        query = SEARCHES[number % len(SEARCHES)]
        path = f"/api/v1/search/?{query}" if number % 2 else f"/en/search/?{query}"
        number += 1
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                statuses.append(response.status)
        except (OSError, urllib.error.HTTPError) as error:
            failures.append((path, str(error)))


@pytest.mark.database_independent
def test_writes_and_searches_at_once_all_succeed(site):
    site, server = site
    stop, statuses, failures = threading.Event(), [], []
    readers = [
        threading.Thread(target=search_continuously, args=(site.base, stop, statuses, failures))
        for _ in range(4)
    ]
    for reader in readers:
        reader.start()

    writers = [
        site.manage(
            "import_case_studies", site.jsonl("second.jsonl", case_study_lines("second", 10))
        ),
        site.manage("shell", "-c", PUBLISH_CYCLES),
        site.manage("expire_consents"),
    ]
    sharers = [
        threading.Thread(target=share_practice, args=(site.base, number, failures))
        for number in range(SHARED)
    ]
    for sharer in sharers:
        sharer.start()
    outputs = [writer.communicate(timeout=300)[0] for writer in writers]
    for sharer in sharers:
        sharer.join()
    time.sleep(SEARCH_SECONDS)
    stop.set()
    for reader in readers:
        reader.join()
    server.terminate()  # the workers write the last search log batches as they stop
    server.wait(timeout=60)

    assert [writer.returncode for writer in writers] == [0, 0, 0], outputs
    assert failures == [], site.log.read_text()[-5000:]
    assert statuses and set(statuses) == {200}
    counts = json.loads(site.run("shell", "-c", COUNTS).splitlines()[-1])
    assert counts == {
        "case studies": 3 + 10 + SHARED,
        "live": 3 + 10,
        "shared": SHARED,
        "logged": len(statuses),
        "missed": 0,
    }
