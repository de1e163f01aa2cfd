"""The site's skeleton: the home page, the case study index, the collections index, About and
Privacy, in every language (site_pages.json), and the default Site named SITE_NAME and found at
BASE_URL. Pages are made once: those that exist are left as the editors made them."""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from casestudies.languages import LANGUAGE_CODES
from casestudies.models import CaseStudyIndexPage, CollectionIndexPage

from .models import HomePage, StandardPage

SITE_PAGES = Path(__file__).resolve().parent / "site_pages.json"
# (page type, key in site_pages.json, its translated text field); each in the menus.
SECTIONS = [
    (CaseStudyIndexPage, "case_studies", "introduction"),
    (CollectionIndexPage, "collections", "introduction"),
    (StandardPage, "about", "body"),
    (StandardPage, "privacy", "body"),
]


def translate(page, name, values):
    """Sets a translated field in every language from {language: text}."""
    for language in LANGUAGE_CODES:
        setattr(page, f"{name}_{language}", values.get(language))


def publish(page):
    page.save_revision().publish()


def ensure_child(parent, model, slug, show_in_menus=True, **texts):
    """The child page with that slug; made and published, with these texts, if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page
    page = model(slug=slug, live=False, show_in_menus=show_in_menus)
    for name, values in texts.items():
        translate(page, name, values)
    parent.add_child(instance=page)
    publish(page)
    return page


def ensure_home_page(texts):
    """The home page at the site root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    # Wagtail's initial migration leaves a plain welcome page (and its Site) at the root.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home = HomePage(slug="home", live=False)
    translate(home, "title", texts["title"])
    translate(home, "introduction", texts["introduction"])
    Page.get_first_root_node().add_child(instance=home)
    publish(home)
    return home


def ensure_default_site(home):
    """The default Site: rooted at the home page, named SITE_NAME, at BASE_URL's host and port
    (which page addresses in emails and feeds are built from)."""
    address = urlsplit(settings.BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": address.hostname or "localhost",
            "port": port,
            "root_page": home,
            "site_name": str(settings.SITE_NAME),
        },
    )


@transaction.atomic
def set_up_site():
    """Makes what is missing of the skeleton and names the Site; returns the home page."""
    pages = json.loads(SITE_PAGES.read_text(encoding="utf-8"))
    home = ensure_home_page(pages["home"])
    for model, key, text in SECTIONS:
        texts = pages[key]
        ensure_child(home, model, texts["slug"], title=texts["title"], **{text: texts[text]})
    ensure_default_site(home)
    return home
