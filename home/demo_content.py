"""The demo site: fictional case studies and collections on the site's skeleton. Safe to load
again: what exists is left alone."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from casestudies.jsonl.validation import validate_lines
from casestudies.jsonl.writer import import_records
from casestudies.models import (
    CaseStudyPage,
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    OrganisationPage,
)

from .site_structure import publish, set_up_site, translate

CASE_STUDY_DEMO = Path(settings.BASE_DIR) / "casestudies" / "demo"


class DemoContentError(Exception):
    pass


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
        publish(organisation)
    return result


def ensure_collections():
    index = CollectionIndexPage.objects.get()
    definitions = json.loads((CASE_STUDY_DEMO / "collections.json").read_text(encoding="utf-8"))
    for definition in definitions:
        if CollectionPage.objects.child_of(index).filter(slug=definition["slug"]).exists():
            continue
        collection = CollectionPage(
            slug=definition["slug"], live=False, featured=definition.get("featured", False)
        )
        translate(collection, "title", definition["title"])
        translate(collection, "introduction", definition["introduction"])
        case_studies = {
            page.slug: page
            for page in CaseStudyPage.objects.filter(slug__in=definition["case_studies"])
        }
        collection.items = [
            CollectionItem(case_study=case_studies[slug], sort_order=order)
            for order, slug in enumerate(definition["case_studies"])
        ]
        index.add_child(instance=collection)
        publish(collection)


def load_demo_content():
    with transaction.atomic():
        set_up_site()
        result = import_demo_case_studies()
        ensure_collections()
    return result
