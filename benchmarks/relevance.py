"""`make relevance`: how well each search engine finds the case studies it should.

benchmarks/judged_queries.jsonl holds queries an NGO or HR person might type, in every site
language, each with the demo case studies judged relevant to it. Each query runs on each engine
as the search page runs it (relevance order, first page of 10), and the table gives, per
language and overall, recall@10 (the share of the relevant case studies on that page) and
nDCG@10 (binary relevance: how near the top they are). "Cross-language" queries are those whose
relevant case studies all lack text in the query's language; the others are "same-language".
Then, per engine, the queries that missed some of their case studies.

It builds its own database (build/relevance.sqlite3) with the demo content. Elasticsearch is the
in-memory osmem-server (from the test extra) unless ELASTICSEARCH_URL names a cluster.

    python -m benchmarks.relevance [--engine database|elasticsearch]
"""

import argparse
import io
import json
import math
import os
from pathlib import Path
from urllib.parse import urlencode

import django

PROJECT = Path(__file__).resolve().parents[1]
DATABASE = PROJECT / "build" / "relevance.sqlite3"
JUDGED = Path(__file__).with_name("judged_queries.jsonl")
K = 10

# Always a database of its own, whatever DATABASE_URL says: the run replaces its content.
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledge.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import override_settings  # noqa: E402

from casestudies.languages import LANGUAGE_CODES  # noqa: E402
from search.engines import all_engines  # noqa: E402
from search.indexing import current_documents  # noqa: E402
from search.query import parse_search_query  # noqa: E402

ENGINES = ("database", "elasticsearch")
# Not the site's alias: on a real cluster, the run must not replace the live index.
INDEX = "relevance-benchmark"


def build_site():
    """A fresh database with the site's skeleton and the demo content."""
    DATABASE.parent.mkdir(exist_ok=True)
    for path in DATABASE.parent.glob(f"{DATABASE.name}*"):  # with SQLite's -wal and -shm
        path.unlink()
    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0)
    # Index updates are queued and dropped while loading: both indexes are rebuilt afterwards.
    dummy_tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy_tasks, ELASTICSEARCH_URL=None):
        call_command("setup_site", stdout=quiet)
        call_command("load_demo_content", stdout=quiet)


def load_judgements(languages_of):
    """The judged queries, each marked cross-language or not from the demo data."""
    queries = []
    for number, line in enumerate(JUDGED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        query = json.loads(line)
        unknown = [slug for slug in query["relevant"] if slug not in languages_of]
        if unknown:
            raise SystemExit(f"{JUDGED.name}:{number}: no such case study: {', '.join(unknown)}")
        query["cross"] = all(query["lang"] not in languages_of[s] for s in query["relevant"])
        queries.append(query)
    return queries


def scores(found, relevant):
    """recall@K and nDCG@K of a ranked list of slugs, with binary relevance."""
    relevant = set(relevant)
    hits = [slug in relevant for slug in found[:K]]
    dcg = sum(1 / math.log2(rank + 2) for rank, hit in enumerate(hits) if hit)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), K)))
    return sum(hits) / len(relevant), dcg / ideal


def run_queries(engine, queries):
    """(recall, ndcg, missed slugs) for each query, on one engine."""
    outcomes = []
    for query in queries:
        params = QueryDict(urlencode({"q": query["query"], "lang": query["lang"], "page_size": K}))
        found = [result["slug"] for result in engine.search(parse_search_query(params)).results]
        recall, ndcg = scores(found, query["relevant"])
        outcomes.append((recall, ndcg, [s for s in query["relevant"] if s not in found[:K]]))
    return outcomes


def table(queries, outcomes):
    groups = [(lang, lambda q, lang=lang: q["lang"] == lang) for lang in LANGUAGE_CODES]
    groups += [
        ("cross-language", lambda q: q["cross"]),
        ("same-language", lambda q: not q["cross"]),
        ("all", lambda q: True),
    ]
    names = list(outcomes)
    header = f"{'':16}{'queries':>8}" + "".join(f"  {name:>20}" for name in names)
    subheader = f"{'':24}" + "".join(f"  {'recall@10':>10}{'nDCG@10':>10}" for _ in names)
    lines = [header, subheader]
    for label, member in groups:
        members = [n for n, query in enumerate(queries) if member(query)]
        if not members:
            continue
        row = f"{label:16}{len(members):>8}"
        for name in names:
            recall = sum(outcomes[name][n][0] for n in members) / len(members)
            ndcg = sum(outcomes[name][n][1] for n in members) / len(members)
            row += f"  {recall:>10.2f}{ndcg:>10.2f}"
        lines.append(row)
    return "\n".join(lines)


def misses(queries, outcomes):
    lines = []
    for name, results in outcomes.items():
        missed = [(q, result) for q, result in zip(queries, results, strict=True) if result[0] < 1]
        lines.append(f"\n{name}: {len(missed)} of {len(queries)} queries with recall@10 < 1")
        for query, (recall, _ndcg, slugs) in missed:
            kind = "cross" if query["cross"] else "same"
            lines.append(f"  {query['lang']}  {query['query']}  ({kind}, recall {recall:.2f})")
            lines.append(f"      missed: {', '.join(slugs)}")
    return "\n".join(lines)


def evaluate(chosen, elasticsearch_url):
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url, ELASTICSEARCH_INDEX=INDEX):
        documents = list(current_documents())
        queries = load_judgements({d["slug"]: set(d["title"]) for d in documents})
        outcomes = {}
        for engine in all_engines():
            if engine.name in chosen:
                engine.rebuild(documents)
                outcomes[engine.name] = run_queries(engine, queries)
                if hasattr(engine, "drop"):  # leave nothing behind on a real cluster
                    engine.drop()
    cross = sum(query["cross"] for query in queries)
    print(f"{len(queries)} judged queries ({cross} cross-language) over "
          f"{len(documents)} demo case studies\n")  # fmt: skip
    print(table(queries, outcomes))
    print(misses(queries, outcomes))


@override_settings(DEBUG=False)  # no query log: it would grow with every query
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, help="run one engine (default: both)")
    arguments = parser.parse_args()
    chosen = [arguments.engine] if arguments.engine else list(ENGINES)
    build_site()
    if "elasticsearch" not in chosen:
        evaluate(chosen, None)
        return
    if settings.ELASTICSEARCH_URL:
        evaluate(chosen, settings.ELASTICSEARCH_URL)
        return
    from osmem_server import OsmemServer

    print("Elasticsearch engine: in-memory osmem-server (set ELASTICSEARCH_URL for a cluster)")
    with OsmemServer.start() as server:
        evaluate(chosen, server.url)


if __name__ == "__main__":
    main()
