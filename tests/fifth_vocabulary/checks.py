"""Run inside a copy of the project to which a fifth vocabulary, skills, has been added the way
docs/vocabularies.md says (a model, its field on CaseStudyPage, a registry entry and a
migration), and nothing else. Checks that the vocabulary works everywhere vocabularies work.
tests/test_vocabulary_registry.py makes the copy and runs this; it is not collected by pytest."""

import json
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
os.environ["DJANGO_SETTINGS_MODULE"] = "knowledge.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from osmem_server import OsmemServer  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

import casestudies  # noqa: E402
from casestudies.jsonl.export import export_records  # noqa: E402
from casestudies.jsonl.validation import validate_lines  # noqa: E402
from casestudies.jsonl.writer import import_records  # noqa: E402
from casestudies.models import CaseStudyIndexPage, CaseStudyPage  # noqa: E402
from casestudies.vocabularies import Skill  # noqa: E402
from home.models import HomePage  # noqa: E402
from search import engines  # noqa: E402
from search.engines import all_engines  # noqa: E402
from search.indexing import current_documents  # noqa: E402
from search.query import parse_search_query  # noqa: E402
from sharing.forms import SharePracticeForm  # noqa: E402

LINE = {
    "slug": "kiln-welders",
    "original_language": "en",
    "title": {"en": "Kiln welders"},
    "summary": {"en": "Welding apprenticeships for refugees."},
    "body": {"en": "How the company trained and hired welders."},
    "organisation": {"slug": "brightkiln", "name": {"en": "Brightkiln"}, "kind": "company",
                     "country": "GB"},
    "country": "GB", "sector": "manufacturing", "company_size": "medium",
    "themes": ["mentoring"], "protection_statuses": [], "skills": ["welding"],
    "year": 2023, "source": "international-partner",
}  # fmt: skip


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    print(f"ok: {what}")


def site():
    Page.objects.filter(depth__gt=1).delete()
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = home.add_child(instance=CaseStudyIndexPage(title="Case studies", slug="case-studies"))
    index.save_revision().publish()


def found(query_string):
    results = engines.search(parse_search_query(QueryDict(query_string)))
    return {result["slug"] for result in results.results}, results


def main():
    check(Path(casestudies.__file__).is_relative_to(PROJECT), "the patched copy is the one run")
    Skill.objects.create(slug="welding", name_en="Welding", name_ja="溶接", name_de="Schweißen")
    Skill.objects.create(slug="nursing", name_en="Nursing", name_ja="看護")
    site()

    records, errors = validate_lines([json.dumps({**LINE, "skills": ["knitting"]})])
    check([str(error) for error in errors] == ['line 1: skills: unknown skill "knitting"'],
          "the importer rejects an unknown skill")  # fmt: skip
    records, errors = validate_lines([json.dumps(LINE)])
    check(not errors, "the importer accepts a known skill")
    import_records(records)
    page = CaseStudyPage.objects.get(slug="kiln-welders")
    check([skill.slug for skill in page.skills.all()] == ["welding"], "the import tags it")
    check(next(export_records())["skills"] == ["welding"], "the export writes it")

    client = Client()
    check("Welding" in client.get(page.url).content.decode(), "the case study page shows it")
    form = SharePracticeForm()
    check("skills" in form.fields, "the share form offers it")

    with OsmemServer.start() as cluster, override_settings(ELASTICSEARCH_URL=cluster.url):
        for engine in all_engines():
            engine.rebuild(current_documents())
        for name in ("database", "elasticsearch"):
            url = cluster.url if name == "elasticsearch" else None
            with override_settings(ELASTICSEARCH_URL=url):
                slugs, results = found("skill=welding")
                check(results.engine == name and slugs == {"kiln-welders"},
                      f"{name}: the filter finds it")  # fmt: skip
                check(found("skill=nursing")[0] == set(), f"{name}: the filter excludes")
                welding = {"value": "welding", "label": "Welding", "count": 1}
                check(welding.items() <= results.facets["skill"][0].items(),
                      f"{name}: the facet counts it")  # fmt: skip
                check(found("q=溶接")[0] == {"kiln-welders"},
                      f"{name}: its Japanese label finds an English case study")  # fmt: skip

    response = client.get("/api/v1/search/?skill=welding&lang=ja")
    body = response.json()
    check(response.status_code == 200 and body["results"][0]["slug"] == "kiln-welders",
          "the API filters by it")  # fmt: skip
    welding = {"value": "welding", "label": "溶接", "count": 1}
    check(welding.items() <= body["facets"]["skill"][0].items(),
          "the API's facet is labelled in the display language")  # fmt: skip
    error = client.get("/api/v1/search/?skill=knitting").json()["error"]
    check(error["field"] == "skill", "the API rejects an unknown skill with a 400")
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    check("skill" in parameters, "the OpenAPI document describes the filter")
    check("skill=welding" in client.get("/en/search/?skill=welding").content.decode(),
          "the search page offers the facet")  # fmt: skip
    call_command("check")
    print("every check passed")


if __name__ == "__main__":
    main()
