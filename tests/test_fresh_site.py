"""A new operator's first steps, each a command in a process of its own on a new database:
`migrate` says nothing alarming, `setup_site` makes the skeleton, and their own case studies
import and are served at once, with no demo content anywhere."""

import pytest

from tests.test_concurrency import Site, case_study_lines

SERVED = """
from django.test import Client
from wagtail.models import Page
client = Client(HTTP_HOST="127.0.0.1")
for path in ["/en/", "/ja/case-studies/", "/en/case-studies/brightkiln/own-0/", "/en/about/"]:
    print(path, client.get(path).status_code)
print("pages:", ", ".join(sorted(page.specific_class.__name__ for page in Page.objects.all())))
"""


@pytest.mark.database_independent
def test_migrate_then_import_serves_the_operators_own_case_studies(tmp_path):
    site = Site(tmp_path)

    migrated = site.run("migrate", "--noinput")
    site.run("setup_site")
    imported = site.run("import_case_studies", site.jsonl("own.jsonl", case_study_lines("own", 2)))
    site.run("collectstatic", "--noinput", "-v", "0")
    served = site.run("shell", "-v", "0", "-c", SERVED)

    for alarming in ("Missing languages", "ALTER TABLE", "SQL", "?", "Error", "Warning"):
        assert alarming not in migrated, alarming
    assert "2 created" in imported, imported
    assert served.splitlines()[:4] == [
        "/en/ 200",
        "/ja/case-studies/ 200",
        "/en/case-studies/brightkiln/own-0/ 200",
        "/en/about/ 200",
    ]
    assert served.splitlines()[4] == (
        "pages: CaseStudyIndexPage, CaseStudyPage, CaseStudyPage, CollectionIndexPage, "
        "HomePage, OrganisationPage, Page, StandardPage, StandardPage"
    ), "the root, the skeleton, and what was imported: nothing else"
