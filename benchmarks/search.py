"""`make bench`: synthetic case studies, then indexing and search figures for both engines and
for Wagtail's own search, printed side by side, and what readers take away (downloads, the map
and charts, the comparison and its PDF brief). Run it on an empty database of its own:

    DATABASE_URL=sqlite:///build/bench.sqlite3 python -m benchmarks.search --case-studies 2000

Elasticsearch is the in-memory osmem-server (from the test extra) unless ELASTICSEARCH_URL
names a cluster.
"""

import argparse
import os
import random
import statistics
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledge.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, OrganisationPage  # noqa: E402
from casestudies.vocabularies import VOCABULARIES  # noqa: E402
from home.models import HomePage  # noqa: E402
from search.engines import all_engines  # noqa: E402
from search.engines.database import DatabaseEngine  # noqa: E402
from search.indexing import current_documents  # noqa: E402

WORDS = {
    "en": "company hired refugees engineers welders mentoring programme language training "
    "housing onboarding retention managers colleagues shifts apprenticeship warehouse drivers "
    "nurses recognition qualifications interviews partners volunteers promotion team customers",
    "de": "Unternehmen Geflüchtete Ausbildung Sprachkurs Wohnung Einarbeitung Anerkennung "
    "Abschlüsse Fachkräfte Schweißer Pflege Betrieb Kollegen Mentoren Jobcenter Duldung Lager",
    "fr": "entreprise réfugiés recrutement formation logement intégration reconnaissance "
    "diplômes chauffeurs entrepôt tuteurs collègues apprentissage équipe emploi salariés",
    "es": "empresa refugiados contratación formación vivienda incorporación reconocimiento "
    "títulos conductores almacén mentores compañeros aprendizaje equipo empleo trabajadores",
    "ja": "採用活動 難民 日本語研修 住居支援 メンター 在留資格 製造業 介護 エンジニア 定着 "
    "外国人材 職場 研修 社員 寮 面接 通訳 資格 昇進 現場",
    "ar": "الشركة اللاجئين التوظيف التدريب السكن اللغة المهندسين الإرشاد العمل الموظفين "
    "المصنع الشهادات الاعتراف الفريق الترقية",
}
QUERY_MIX = [
    "q=hiring&lang=en",
    "q=mentoring+housing&lang=en",
    "q=Ausbildung&lang=de",
    "q=recrutement&lang=fr",
    "q=contratación&lang=es",
    "q=採用&lang=ja",
    "q=住居支援&lang=ja",
    "q=التوظيف&lang=ar",
    "theme=housing",
    "theme=mentoring&theme=onboarding&country=DE",
    "q=engineers&sector=ict&company_size=large",
    "q=language+training&sort=hires",
    "country=JP&protection_status=asylum-seeker&sort=hires",
    "region=europe&year_min=2020&year_max=2024",
    "q=warehouse&page=3",
    "language=ja&source=rtsp",
]
# What readers take away, by address: every result of a search is read for a download.
TAKEAWAY = {
    "CSV, every case study": "/en/search/results.csv",
    "CSV, q=hiring": "/en/search/results.csv?q=hiring",
    "JSON, theme=housing": "/en/search/results.json?theme=housing",
    "map and charts, every case study": "/en/search/map/",
    "map and charts, q=採用": "/ja/search/map/?q=採用",
}
COUNTRIES = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "ja": "JP", "ar": "JO"}


def text(rng, language, count):
    pool = WORDS[language].split()
    separator = "" if language == "ja" else " "
    return separator.join(rng.choice(pool) for _ in range(count))


@contextmanager
def timer(figures, name):
    start = time.perf_counter()
    yield
    figures[name] = time.perf_counter() - start


def build_site():
    """The page tree, created directly: the benchmark needs many pages quickly."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth__gt=1).delete()
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    index = home.add_child(instance=CaseStudyIndexPage(title="Case studies", slug="case-studies"))
    return [
        index.add_child(
            instance=OrganisationPage(
                title=f"Organisation {n}", slug=f"org-{n}", kind="company", country=country
            )  # fmt: skip
        )
        for n, country in enumerate(COUNTRIES.values())
    ]


# While generating, background tasks (Wagtail's own index and reference index, ours) are
# queued and dropped: the indexes are built afterwards, in bulk, and timed.
@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def generate_case_studies(count, seed=7):
    """`count` live case studies, in six languages, under the benchmark organisations."""
    rng = random.Random(seed)
    organisations = build_site()
    terms = {vocabulary: list(vocabulary.model.objects.all()) for vocabulary in VOCABULARIES}
    languages = list(COUNTRIES)
    children = {organisation.pk: organisation.numchild for organisation in organisations}
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    with transaction.atomic():
        for n in range(count):
            language = languages[n % len(languages)]
            organisation = organisations[n % len(organisations)]
            children[organisation.pk] += 1
            title = text(rng, language, 8)
            page = CaseStudyPage(
                title=title,
                draft_title=title,
                slug=f"case-study-{n}",
                path=Page._get_path(
                    organisation.path, organisation.depth + 1, children[organisation.pk]
                ),
                depth=organisation.depth + 1,
                url_path=f"{organisation.url_path}case-study-{n}/",
                live=True,
                original_language=language,
                country=COUNTRIES[language],
                hires=rng.choice([None, *range(1, 60)]),
                year=rng.randint(2016, 2025),
                source=rng.choice(["rtsp", "international-partner"]),
                published_date=date(2025, 1, 1) - timedelta(days=rng.randint(0, 900)),
                content_type=content_type,
                locale_id=organisation.locale_id,
            )
            setattr(page, f"title_{language}", title)
            setattr(page, f"summary_{language}", text(rng, language, 25))
            body = [{"type": "text", "value": f"<p>{text(rng, language, 120)}</p>"}]
            setattr(page, f"body_{language}", body)
            for vocabulary in VOCABULARIES:
                if not vocabulary.many:
                    vocabulary.assign(page, rng.choice(terms[vocabulary]))
            page.save_base()  # not Page.save: no tree bookkeeping or validation per page
            for vocabulary in VOCABULARIES:
                if vocabulary.many:
                    vocabulary.assign(page, rng.sample(terms[vocabulary], rng.randint(1, 3)))
                    # modelcluster keeps these in memory until committed (Page.save would).
                    getattr(page, vocabulary.field).commit()
        for organisation in organisations:
            Page.objects.filter(pk=organisation.pk).update(numchild=children[organisation.pk])


def percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def api_latencies(repeats):
    """Seconds per request through the API, for the whole query mix, `repeats` times."""
    client = Client(HTTP_HOST="localhost")
    samples = []
    for _ in range(repeats):
        for query in QUERY_MIX:
            start = time.perf_counter()
            response = client.get(f"/api/v1/search/?{query}")
            samples.append(time.perf_counter() - start)
            assert response.status_code == 200, (query, response.content[:200])
    return samples


def takeaway_latencies(repeats, addresses):
    """{name: seconds per request} for each address, `repeats` times after one warm-up."""
    client = Client(HTTP_HOST="localhost")
    samples = {}
    for name, address in addresses.items():
        client.get(address)
        samples[name] = []
        for _ in range(repeats):
            start = time.perf_counter()
            response = client.get(address)
            samples[name].append(time.perf_counter() - start)
            assert response.status_code == 200, (address, response.content[:200])
    return samples


def comparison_addresses():
    slugs = CaseStudyPage.objects.order_by("pk").values_list("slug", flat=True)[:4]
    query = "&".join(f"case_study={slug}" for slug in slugs)
    return {
        "comparison of 4": f"/en/compare/?{query}",
        "PDF brief of a comparison of 4": f"/en/compare/brief.pdf?{query}",
    }


def wagtail_latencies(repeats):
    """The same words through Wagtail's own search, the baseline (text only: it has no facets)."""
    texts = [q.split("&")[0][2:].replace("+", " ") for q in QUERY_MIX if q.startswith("q=")]
    samples = []
    for _ in range(repeats):
        for words in texts:
            start = time.perf_counter()
            list(CaseStudyPage.objects.live().search(words)[:20])
            samples.append(time.perf_counter() - start)
    return samples


def rebuild_memory(engine, limit):
    """Peak Python memory (MiB) while rebuilding from the first `limit` case studies."""
    pages = CaseStudyPage.objects.live().public().order_by("pk")[:limit]
    ids = list(pages.values_list("pk", flat=True))
    tracemalloc.start()
    engine.rebuild(current_documents(CaseStudyPage.objects.filter(pk__in=ids)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def run(count, repeats, elasticsearch_url, write):
    figures = {}
    with timer(figures, "generate"):
        generate_case_studies(count)
    write(f"{count} synthetic case studies generated in {figures['generate']:.1f} s")
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url):
        engines = all_engines()
        for engine in engines:
            with timer(figures, engine.name):
                indexed = engine.rebuild(current_documents())
            seconds = figures[engine.name]
            write(f"{engine.name:>14} rebuild: {indexed} documents in {seconds:.1f} s "
                  f"({indexed / seconds:.0f} documents/s)")  # fmt: skip
            small = rebuild_memory(engine, max(1, count // 10))
            large = rebuild_memory(engine, count)
            write(f"{engine.name:>14} rebuild peak memory: {small:.1f} MiB at {count // 10}, "
                  f"{large:.1f} MiB at {count} case studies")  # fmt: skip
        latencies = {}
        for engine in engines:
            settings_url = elasticsearch_url if engine.name != DatabaseEngine.name else None
            with override_settings(ELASTICSEARCH_URL=settings_url):
                api_latencies(1)
                latencies[f"API, {engine.name} engine"] = api_latencies(repeats)
                for name, samples in takeaway_latencies(repeats, TAKEAWAY).items():
                    latencies[f"{name}, {engine.name}"] = samples
    latencies.update(takeaway_latencies(repeats, comparison_addresses()))
    with timer(figures, "wagtail index"):
        get_search_backend().add_bulk(CaseStudyPage, CaseStudyPage.objects.all())
    latencies["Wagtail Page.objects.live().search()"] = wagtail_latencies(repeats)
    write(
        f"\nlatency: the API over {len(QUERY_MIX)} queries x {repeats}, the rest x {repeats} (ms)"
    )
    write(f"{'':48} {'p50':>8} {'p95':>8}")
    for name, samples in latencies.items():
        p50, p95 = percentiles(samples)
        write(f"{name:48} {p50:8.1f} {p95:8.1f}")
    return figures


@override_settings(DEBUG=False)  # no query log: it would grow with every request
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case-studies", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5, help="passes over the query mix")
    arguments = parser.parse_args()
    if CaseStudyPage.objects.exists():
        raise SystemExit("the database has case studies: run the benchmark on an empty one")
    if settings.ELASTICSEARCH_URL:
        run(arguments.case_studies, arguments.repeats, settings.ELASTICSEARCH_URL, print)
        return
    from osmem_server import OsmemServer

    print("Elasticsearch engine: in-memory osmem-server (set ELASTICSEARCH_URL for a cluster)")
    with OsmemServer.start() as server:
        run(arguments.case_studies, arguments.repeats, server.url, print)


if __name__ == "__main__":
    main()
