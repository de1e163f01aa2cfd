"""`make loadtest`: Locust, headless, against a running `make serve` on this machine.

Two mixes, each at 1, 8 and 32 concurrent users who ask again as soon as they are answered:
the API mix (searches with text in several languages, filters, pages; suggestions) and the site
mix (the API, the search page, case study pages in several languages, the home page and the
collections). Prints requests per second, the 50th, 95th and 99th percentiles and the errors of
each group of addresses. Loopback only, and bounded: LOADTEST_SECONDS per step (default 15).

    .venv/bin/python -m benchmarks.loadtest [--host http://127.0.0.1:8000] [--seconds 15]
"""

from locust import FastHttpUser, events, task  # noqa: I001  (Locust patches the standard library)
from locust.env import Environment

import argparse
import gevent
import os
import random
import sys
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CONCURRENCY = (1, 8, 32)
LANGUAGES = ("en", "ja", "de", "fr", "es", "ar", "uk")
SEARCHES = [
    "q=hiring", "q=mentoring+housing", "q=Ausbildung&lang=de", "q=%E6%8E%A1%E7%94%A8&lang=ja",
    "q=%D8%A7%D9%84%D8%AA%D9%88%D8%B8%D9%8A%D9%81&lang=ar", "q=recrutement&lang=fr",
    "theme=housing", "theme=mentoring&theme=onboarding&country=DE", "q=engineers&sector=ict",
    "country=JP&sort=hires", "region=europe&year_min=2020", "language=ja&source=rtsp",
    "q=language&page=2&page_size=5", "protection_status=asylum-seeker&sort=newest",
]  # fmt: skip
SUGGESTIONS = ["q=kit&lang=en", "q=%E6%8E%A1&lang=ja", "q=wareh&lang=en"]


def case_study_urls(client):
    """The live case studies' addresses, read once from the API."""
    response = client.get("/api/v1/search/?page_size=100", name="setup")
    return [result["url"] for result in response.json()["results"]] or ["/en/"]


class ApiUser(FastHttpUser):
    """A partner's program using the search API."""

    @task(5)
    def search(self):
        self.client.get(f"/api/v1/search/?{random.choice(SEARCHES)}", name="api: search")

    @task(1)
    def suggest(self):
        self.client.get(
            f"/api/v1/search/suggest/?{random.choice(SUGGESTIONS)}", name="api: suggest"
        )


class SiteUser(ApiUser):
    """Readers on the website, and partners on the API."""

    def on_start(self):
        self.case_studies = case_study_urls(self.client)

    @task(3)
    def search_page(self):
        language = random.choice(LANGUAGES)
        query = random.choice(SEARCHES).split("&lang=")[0]
        self.client.get(f"/{language}/search/?{query}", name="page: search")

    @task(4)
    def case_study(self):
        url = random.choice(self.case_studies)
        language = random.choice(LANGUAGES)
        self.client.get(f"/{language}/{url.split('/', 2)[2]}", name="page: case study")

    @task(1)
    def home(self):
        self.client.get(f"/{random.choice(LANGUAGES)}/", name="page: home")

    @task(1)
    def collections(self):
        self.client.get(f"/{random.choice(LANGUAGES)}/collections/", name="page: collections")


def run_step(user_class, users, host, seconds):
    environment = Environment(user_classes=[user_class], host=host, events=events)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    return environment.stats


def print_step(mix, users, stats, seconds):
    for entry in sorted(stats.entries.values(), key=lambda entry: entry.name):
        if entry.name == "setup" or not entry.num_requests:
            continue
        print(
            f"{mix:5} {users:4} {entry.name:18} {entry.num_requests / seconds:8.1f} "
            f"{entry.get_response_time_percentile(0.5):7.0f} "
            f"{entry.get_response_time_percentile(0.95):7.0f} "
            f"{entry.get_response_time_percentile(0.99):7.0f} {entry.num_failures:7d}"
        )
    total = stats.total
    print(
        f"{mix:5} {users:4} {'all':18} {total.num_requests / seconds:8.1f} "
        f"{total.get_response_time_percentile(0.5):7.0f} "
        f"{total.get_response_time_percentile(0.95):7.0f} "
        f"{total.get_response_time_percentile(0.99):7.0f} {total.num_failures:7d}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("LOADTEST_HOST", "http://127.0.0.1:8000"))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOADTEST_SECONDS", 15)))
    arguments = parser.parse_args()
    if urlsplit(arguments.host).hostname not in LOOPBACK:
        sys.exit(f"the load test runs against this machine only, not {arguments.host}")
    if not 1 <= arguments.seconds <= 300:
        sys.exit("--seconds must be between 1 and 300")
    print(f"{arguments.host}, {arguments.seconds} s a step; times in ms")
    print(f"{'mix':5} {'users':>4} {'group':18} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} "
          f"{'errors':>7}")  # fmt: skip
    errors = 0
    for mix, user_class in (("api", ApiUser), ("site", SiteUser)):
        run_step(user_class, 1, arguments.host, 2)  # warm every worker's caches
        for users in CONCURRENCY:
            stats = run_step(user_class, users, arguments.host, arguments.seconds)
            print_step(mix, users, stats, arguments.seconds)
            errors += stats.total.num_failures
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
