"""The demo site: page tree, fictional case studies and collections. Safe to load again."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from casestudies.jsonl.validation import validate_lines
from casestudies.jsonl.writer import import_records
from casestudies.languages import LANGUAGE_CODES
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    OrganisationPage,
)

from .models import HomePage, StandardPage

HOME_DEMO = Path(__file__).resolve().parent / "demo"
CASE_STUDY_DEMO = Path(settings.BASE_DIR) / "casestudies" / "demo"


class DemoContentError(Exception):
    pass


def _translated(page, name, values):
    for language in LANGUAGE_CODES:
        setattr(page, f"{name}_{language}", values.get(language))


def _publish(page):
    page.save_revision().publish()


def _child(parent, model, slug, **texts):
    """The child page with that slug, created or updated to carry these texts, published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    created = page is None
    if created:
        page = model(slug=slug, live=False, show_in_menus=model is not CollectionPage)
    for name, values in texts.items():
        _translated(page, name, values)
    if created:
        parent.add_child(instance=page)
    _publish(page)
    return page


def ensure_home_page(texts):
    """The home page at the site root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's initial migration leaves a plain welcome page (and its Site) at the root.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        root = Page.get_first_root_node()
        home = HomePage(slug="home", live=False)
        _translated(home, "title", texts["title"])
        root.add_child(instance=home)
    _translated(home, "title", texts["title"])
    _translated(home, "introduction", texts["introduction"])
    _publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": ""},
    )
    return home


def ensure_site_structure(pages):
    home = ensure_home_page(pages["home"])
    sections = [
        (CaseStudyIndexPage, "case_studies", "introduction"),
        (CollectionIndexPage, "collections", "introduction"),
        (StandardPage, "about", "body"),
        (StandardPage, "privacy", "body"),
    ]
    for model, key, text in sections:
        texts = pages[key]
        _child(home, model, texts["slug"], title=texts["title"], **{text: texts[text]})
    return home


def import_demo_case_studies():
    lines = []
    for path in sorted(CASE_STUDY_DEMO.glob("*.jsonl")):
        lines += path.read_text(encoding="utf-8").splitlines()
    records, errors = validate_lines(lines)
    if errors:
        raise DemoContentError("\n".join(str(error) for error in errors))
    result = import_records(records)
    slugs = {record.data["organisation"]["slug"] for record in records}
    for organisation in OrganisationPage.objects.filter(slug__in=slugs, is_demo=False):
        organisation.is_demo = True
        _publish(organisation)
    return result


def ensure_collections():
    index = CollectionIndexPage.objects.get()
    definitions = json.loads((CASE_STUDY_DEMO / "collections.json").read_text(encoding="utf-8"))
    for definition in definitions:
        collection = _child(
            index,
            CollectionPage,
            definition["slug"],
            title=definition["title"],
            introduction=definition["introduction"],
        )
        collection.featured = definition.get("featured", False)
        case_studies = {
            page.slug: page
            for page in CaseStudyPage.objects.filter(slug__in=definition["case_studies"])
        }
        collection.items = [
            CollectionItem(case_study=case_studies[slug], sort_order=order)
            for order, slug in enumerate(definition["case_studies"])
        ]
        _publish(collection)


def load_demo_content():
    pages = json.loads((HOME_DEMO / "site_pages.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        ensure_site_structure(pages)
        result = import_demo_case_studies()
        ensure_collections()
    return result
