import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.utils import translation
from playwright.sync_api import sync_playwright
from wagtail.models import Collection, Locale, Page, Site

from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    CollectionIndexPageFactory,
    HomePageFactory,
    OrganisationPageFactory,
    StandardPageFactory,
)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: the test client's requests leave their language active,
    and modeltranslation reads and writes fields in the active language."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def migrated_data(transactional_db):
    """What the migrations put in the database, back after a transactional test's flush
    (serialized_rollback did not restore it once Playwright had run in the same process)."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    vocabularies = importlib.import_module("casestudies.migrations.0002_vocabularies")
    vocabularies.create_vocabularies(django_apps, None)


@pytest.fixture
def home_page(db):
    """The page tree of CONTRACTS section 1, served as the default site."""
    Page.objects.filter(depth__gt=1).delete()  # Wagtail's welcome page and its site
    home = HomePageFactory()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
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


@pytest.fixture
def browser_page(browser):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
