import json
import os
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from playwright.sync_api import sync_playwright
from wagtail.models import Locale, Page, Site

from casestudies.partners import add_partner_user
from search.engines import BREAKER, all_engines, configured_engine
from search.indexing import current_documents
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CollectionIndexPageFactory,
    HomePageFactory,
    OrganisationPageFactory,
    StandardPageFactory,
)


def pytest_collection_modifyitems(config, items):
    """Tests marked `database_independent` serve a site of their own on SQLite in subprocesses
    whatever the run's database, or check only the pages' HTML; the search behaviour tests on
    the Elasticsearch engine ask the cluster; the browser tests drive the same pages. The run on
    PostgreSQL would repeat them unchanged."""
    if connection.vendor == "sqlite":
        return
    repeat = pytest.mark.skip(reason="the same on any database: the SQLite run covers it")
    # What the browser does to the site on PostgreSQL, the tests without a browser do there too.
    same_pages = pytest.mark.skip(reason="a browser on the same pages: the SQLite run covers it")
    for item in items:
        if item.get_closest_marker("database_independent") or answered_by_the_cluster(item):
            item.add_marker(repeat)
        elif item.get_closest_marker("browser"):
            item.add_marker(same_pages)


# Where the Elasticsearch engine's tests also depend on the database: keeping the indexes true
# as pages change (transactions, on_commit), falling back, and the consent channel.
CLUSTER_TESTS_ON_EVERY_DATABASE = {"test_indexing.py", "test_faults.py", "test_consent_search.py"}


def answered_by_the_cluster(item):
    """A search behaviour test run on the Elasticsearch engine: the cluster answers it the same
    whatever the site's database."""
    engine = getattr(item, "callspec", None) and item.callspec.params.get("search_engine")
    return engine == "elasticsearch" and item.path.name not in CLUSTER_TESTS_ON_EVERY_DATABASE


@pytest.fixture(autouse=True)
def closed_breaker():
    """Each test starts with the search cluster's circuit breaker closed and unchecked: its
    state belongs to the process, which outlives a test."""
    BREAKER.close()
    BREAKER.checked_at = None


@pytest.fixture
def cool_down_over(monkeypatch, settings):
    """Moves the breaker's clock past its cool-down, without waiting for it."""
    now = [time.monotonic()]
    monkeypatch.setattr(BREAKER, "clock", lambda: now[0])

    def advance():
        now[0] += settings.SEARCH_CLUSTER_COOL_DOWN + 1

    return advance


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: the test client's requests leave their language active,
    and modeltranslation reads and writes fields in the active language."""
    translation.activate("en")
    yield
    translation.deactivate()


MIGRATED_DATA = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keeps what the migrations wrote (serialised by Django for serialized_rollback tests)."""
    MIGRATED_DATA["default"] = getattr(connection, "_test_serialized_contents", None)


@pytest.fixture
def migrated_data(transactional_db):
    """What the migrations put in the database (locale, root collection, groups and their
    permissions, the moderation workflow, vocabularies), back after a transactional test's
    flush. Django's serialized_rollback loses it once Playwright has run in the process: the
    connection object it keeps the data on is no longer the one the tests are given."""
    if not Locale.objects.exists():
        restore(MIGRATED_DATA["default"])


def restore(serialized):
    """Empties the database and loads the serialised data back. The content types go first:
    building some objects (Wagtail's tasks) looks their content type up, and would make it
    again with another id."""
    call_command(
        "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
    )
    content_types = [
        record for record in json.loads(serialized) if record["model"] == "contenttypes.contenttype"
    ]
    for record in serializers.deserialize("python", content_types):
        record.save()
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture
def home_page(db):
    """The page tree (docs/architecture.md), served as the default site."""
    Page.objects.filter(depth__gt=1).delete()  # Wagtail's welcome page and its site
    home = HomePageFactory()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name=str(django_settings.SITE_NAME),
    )
    return home


@pytest.fixture
def case_study_index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def collection_index(home_page):
    return CollectionIndexPageFactory(parent=home_page)


@pytest.fixture
def about_page(home_page):
    return StandardPageFactory(parent=home_page, title="About", slug="about", show_in_menus=True)


@pytest.fixture
def organisation(case_study_index):
    return OrganisationPageFactory(parent=case_study_index, title="Brightkiln", slug="brightkiln")


@pytest.fixture
def case_study(organisation):
    return CaseStudyPageFactory(
        parent=organisation,
        title="Kiln mentors",
        slug="kiln-mentors",
        themes=["mentoring", "onboarding"],
    )


@pytest.fixture
def moderator(db):
    """An editor: a member of Wagtail's "Moderators" group."""
    user = get_user_model().objects.create_user("editor@example.org", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def partner(organisation):
    """A member of Brightkiln's partner group."""
    return add_partner_user("partner@brightkiln.example", organisation).user


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


PARTNER_PASSWORD = "a-long-journey-password"


@pytest.fixture
def partner_with_password(partner):
    """The partner, with a password to sign in with in a browser."""
    partner.set_password(PARTNER_PASSWORD)
    partner.save()
    return partner


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the live server is another thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def new_page(browser):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def browser_page(browser):
    yield from new_page(browser)


@pytest.fixture
def second_browser_page(browser):
    """A second window with cookies of its own: another person's session beside the first."""
    yield from new_page(browser)


ENGINES = ["database", "elasticsearch"]


@pytest.fixture(params=ENGINES)
def search_engine(request, settings, db):
    """Each behavioural test runs once per engine. Elasticsearch is the in-memory osmem-server,
    or the real cluster named by ELASTICSEARCH_URL when the test run sets it."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield configured_engine()
        return
    url = django_settings.TEST_ELASTICSEARCH_URL
    if not url:
        url = request.getfixturevalue("osmem_clone").url
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX = f"test-case-studies-{uuid.uuid4().hex[:8]}"
    engine = configured_engine()
    yield engine
    engine.drop()


@pytest.fixture
def reindex(search_engine):
    """Rebuild every engine's index from the live site, as `search_index rebuild` does."""

    def rebuild():
        for engine in all_engines():
            engine.rebuild(current_documents())

    return rebuild
