"""Case studies in the import format: the export, and what a re-import compares with."""

from ..languages import LANGUAGE_CODES
from ..models import CaseStudyPage, attach_organisations
from ..vocabularies import VOCABULARIES
from .body_html import stream_to_html

TRANSLATED = ("title", "summary", "body")


def case_study_record(page, organisation):
    return {
        "slug": page.slug,
        "status": "live" if page.live else "draft",
        "original_language": page.original_language,
        "title": _present(page, "title"),
        "summary": _present(page, "summary"),
        "body": {
            language: stream_to_html(getattr(page, f"body_{language}"))
            for language in LANGUAGE_CODES
            if getattr(page, f"body_{language}")
        },
        "organisation": organisation_record(organisation),
        "country": page.country,
        "city": page.city,
        **{vocabulary.field: vocabulary.slugs_of(page) for vocabulary in VOCABULARIES},
        "hires": page.hires,
        "year": page.year,
        "source": page.source,
    }


def organisation_record(organisation):
    return {
        "slug": organisation.slug,
        "name": _present(organisation, "title"),
        "kind": organisation.kind,
        "country": organisation.country,
        "website": organisation.website,
        "status": "live" if organisation.live else "draft",
    }


def _present(page, name):
    return {
        language: getattr(page, f"{name}_{language}")
        for language in LANGUAGE_CODES
        if getattr(page, f"{name}_{language}")
    }


def export_records(queryset=None):
    """Every case study, live or draft, in the import format."""
    pages = (queryset or CaseStudyPage.objects.all()).with_vocabularies().order_by("path")
    for page in attach_organisations(list(pages)):
        yield case_study_record(page, page.organisation)
