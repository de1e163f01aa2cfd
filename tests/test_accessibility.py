"""Every public page type passes axe-core (node_modules/axe-core, installed by `make test` from
package-lock.json) with no violations: in English and in Arabic (right to left), on a wide
screen and on a phone.

One live server and one browser for the module, one tab per width: the demo content is loaded
once, with a case study whose body uses every StreamField block. The module does not use
pytest-django's `live_server`, which would flush the database after each test; it leaves the
database as the migrations made it when it is done."""

import itertools
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.db import connection
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, CollectionIndexPage
from home.demo_content import load_demo_content
from search.engines.database import DatabaseEngine
from search.indexing import current_documents
from tests.conftest import MIGRATED_DATA, restore
from tests.factories import CaseStudyPageFactory, CollectionPageFactory, OrganisationPageFactory

# The live server reads the test database, which `django_db` has made; each test's transaction,
# rolled back, leaves the module's content alone.
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.database_independent]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ["en", "ar"]
WIDTHS = [1280, 390]

# Each public page type, by its address after the language prefix.
PAGES = {
    "home": "/",
    "case-study-index": "/case-studies/",
    "organisation": "/case-studies/brightkiln/",
    "case-study": "/case-studies/brightkiln/kiln-mentors/",
    "collection-index": "/collections/",
    "collection": "/collections/kilns-and-mentors/",
    "standard-page": "/about/",
    "search-filtered": "/search/?q=kiln&theme=mentoring&country=GB",
    "search-no-results": "/search/?q=zzyzxquux",
    "comparison": "/compare/?case_study=kiln-mentors&case_study=kiln-apprentices",
    "comparison-empty": "/compare/",
    "map-and-charts": "/search/map/?theme=mentoring",
    "share-form": "/share/",
    "share-form-errors": "/share/",  # sent empty: every required field has its message
    "not-found": "/no-such-page/",
}
# Pages that must list Kiln mentors, or they do not test what they say.
LISTS_THE_CASE_STUDY = {"organisation", "collection", "search-filtered", "comparison"}


def every_block(image):
    """A body with each kind of block of CaseStudyBodyBlock, headings in the text included."""
    return [
        {
            "type": "text",
            "value": "<p>We hired four kiln operators in 2023.</p><h2>How we started</h2>"
            "<p>A mentor from the kiln team met each new colleague on the first day.</p>"
            "<h3>The first week</h3><ul><li>A tour of the works</li><li>Safety training</li>"
            '</ul><p>We followed <a href="https://example.org/guide">a guide</a>.</p>',
        },
        {
            "type": "pull_quote",
            "value": {"quote": "My mentor showed me the kilns.", "role": "Kiln operator"},
        },
        {
            "type": "key_figures",
            "value": [
                {"value": "4", "label": "people hired"},
                {"value": "3 of 4", "label": "still with us after a year"},
            ],
        },
        {"type": "image", "value": {"image": image.pk, "caption": "The kiln hall"}},
        {"type": "lessons", "value": "<p>Start the language course before the first day.</p>"},
        {
            "type": "steps",
            "value": [
                {"title": "Find a mentor", "description": "One for each new colleague."},
                {"title": "Plan the first week", "description": ""},
            ],
        },
    ]


def seed():
    """The demo site, with Brightkiln, its case study Kiln mentors (every kind of block, in
    English only: Arabic readers see it in its original language) and a collection with it."""
    load_demo_content()
    organisation = OrganisationPageFactory(
        parent=CaseStudyIndexPage.objects.get(), title="Brightkiln", slug="brightkiln"
    )
    case_study = CaseStudyPageFactory(
        parent=organisation,
        title="Kiln mentors",
        slug="kiln-mentors",
        body=every_block(wagtail_factories.ImageFactory(title="Kiln hall")),
        themes=["mentoring", "onboarding"],
    )
    CaseStudyPageFactory(parent=organisation, title="Kiln apprentices", slug="kiln-apprentices")
    demo = CaseStudyPage.objects.live().exclude(pk=case_study.pk)
    CollectionPageFactory(
        parent=CollectionIndexPage.objects.get(),
        title="Kilns and mentors",
        slug="kilns-and-mentors",
        case_studies=[
            case_study,
            demo.filter(original_language="ar").first(),
            demo.filter(original_language="ja").first(),
        ],
    )
    DatabaseEngine().rebuild(current_documents())


@pytest.fixture(scope="module")
def site_url(django_db_setup, django_db_blocker):
    """A live server of the module's own over the seeded site."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE}: `make test` runs `npm ci`")
    with django_db_blocker.unblock():
        # Kept by django_db_setup when a test in the run rolls back by serialising; otherwise no
        # test has flushed the database, and it still holds what the migrations wrote.
        migrated = MIGRATED_DATA.get("default") or connection.creation.serialize_db_to_string()
        if not Locale.objects.exists():  # flushed by a transactional test
            restore(migrated)
        try:
            seed()
            server = LiveServer("localhost")
            yield server.url
            server.stop()
        finally:
            restore(migrated)
            # Closed, or PostgreSQL refuses to drop the test database at the end of the run.
            connection.close()


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab per width, reused by every page at that width."""
    opened = {}

    def tab(width):
        if width not in opened:
            # The site's Content-Security-Policy refuses inline scripts, axe among them.
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            context.set_default_timeout(15_000)
            opened[width] = context.new_page()
        return opened[width]

    yield tab
    for page in opened.values():
        page.context.close()


RUN_AXE = """async () => {
    const results = await axe.run(document, {resultTypes: ["violations"]});
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({
            target: node.target,
            summary: node.failureSummary || "",
        })),
    }));
}"""


def describe(url, violations, shown=3):
    """Each violation: its id, impact and help, the first few elements, why the first fails."""
    lines = [f"{len(violations)} axe-core violation(s) on {url}:"]
    for violation in violations:
        nodes = violation["nodes"]
        targets = [" >> ".join(map(str, node["target"])) for node in nodes[:shown]]
        more = f" and {len(nodes) - shown} more" if len(nodes) > shown else ""
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        lines.append(f"    at {', '.join(targets)}{more}")
        if nodes and nodes[0]["summary"]:
            lines.append(f"    {' '.join(nodes[0]['summary'].split())}")
    return "\n".join(lines)


def open_page(page, url, name):
    """The page at `url` as a reader sees it; returns the response."""
    response = page.goto(url)
    if name == "share-form-errors":
        with page.expect_navigation() as sent:
            page.locator(".share-form [type=submit]").click()
        response = sent.value
        assert page.locator(".share-form .errorlist").count(), f"{url}: no error messages"
    # The language menu open, so that its links are checked too.
    page.locator(".language-switcher").evaluate("(menu) => { menu.open = true; }")
    return response


# Both languages on a wide screen; on a phone, Arabic, whose layout runs the other way (the
# English phone layout is the same but for its direction).
CASES = [
    pytest.param(name, language, width, id=f"{name}-{language}-{width}")
    for name, language, width in itertools.product(PAGES, LANGUAGES, WIDTHS)
    if not (language == "en" and width == 390)
]


@pytest.mark.parametrize(("name", "language", "width"), CASES)
def test_no_axe_violations(site_url, tabs, name, language, width):
    page = tabs(width)
    url = f"{site_url}/{language}{PAGES[name]}"

    response = open_page(page, url, name)

    assert response.status == (404 if name == "not-found" else 200), url
    html = page.locator("html")
    assert html.get_attribute("lang") == language, url
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr"), url
    if name in LISTS_THE_CASE_STUDY:
        assert page.locator('main a[href$="/kiln-mentors/"]').count(), f"{url}: no Kiln mentors"
    page.add_script_tag(path=AXE)
    violations = page.evaluate(RUN_AXE)
    assert not violations, describe(url, violations)
