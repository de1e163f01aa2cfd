"""What the search index holds about a case study: the same document for both engines.

Only published, public facts and text go in; never the people a case study features (only
whether they all consented to the API and feeds: the "api" channel).
"""

import html

from django.conf import settings
from django.utils.html import strip_tags
from wagtail.models import Site

from casestudies.consent import served_by_api
from casestudies.countries import country_name, region_name
from casestudies.models import (
    CaseStudyPage,
    CompanySize,
    ProtectionStatus,
    Sector,
    Theme,
    attach_organisations,
)

LANGUAGES = settings.LANGUAGE_CODES


def searchable_case_studies():
    """The case studies the public may find: live, public, and not in the bin."""
    return CaseStudyPage.objects.live().public()


def _plain(text):
    """Rich text as the words a reader sees: no tags, entities decoded."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


def body_text(stream):
    """The words of a body, without markup: every block that a reader sees."""
    parts = []
    for block in stream:
        value = block.value
        if block.block_type in ("text", "lessons"):
            parts.append(value.source)
        elif block.block_type == "pull_quote":
            parts += [value["quote"], value["role"]]
        elif block.block_type == "key_figures":
            parts += [f"{figure['value']} {figure['label']}" for figure in value]
        elif block.block_type == "steps":
            parts += [f"{step['title']} {step['description']}" for step in value]
        elif block.block_type == "image":
            parts.append(value["caption"])
    return _plain(" ".join(parts))


class Labels:
    """Every vocabulary and country label in every language, read once per batch."""

    def __init__(self):
        self.terms = {
            model: {term.slug: term for term in model.objects.all()}
            for model in (Theme, Sector, CompanySize, ProtectionStatus)
        }

    def for_page(self, page, themes, statuses):
        terms = [self.terms[Theme][slug] for slug in themes]
        terms += [self.terms[ProtectionStatus][slug] for slug in statuses]
        terms += [
            self.terms[Sector][page.sector.slug],
            self.terms[CompanySize][page.company_size.slug],
        ]
        labels = {}
        for language in LANGUAGES:
            words = [getattr(term, f"name_{language}") or "" for term in terms]
            words += [country_name(page.country, language)]
            if page.region:
                words.append(region_name(page.region, language))
            labels[language] = " | ".join(word for word in words if word)
        return labels


def _translations(page, name, clean=str):
    return {
        language: clean(value)
        for language in LANGUAGES
        if (value := getattr(page, f"{name}_{language}", None))
    }


def case_study_document(page, labels, site_root_path):
    """One case study as the index stores it; `page.organisation` must be attached."""
    themes = sorted(theme.slug for theme in page.themes.all())
    statuses = sorted(status.slug for status in page.protection_statuses.all())
    organisation = page.organisation
    return {
        "id": page.pk,
        "slug": page.slug,
        "path": page.url_path[len(site_root_path) - 1 :],
        "title": _translations(page, "title"),
        "summary": _translations(page, "summary", _plain),
        "body": {
            language: text
            for language in LANGUAGES
            if (text := body_text(getattr(page, f"body_{language}")))
        },
        "labels": labels.for_page(page, themes, statuses),
        "original_language": page.original_language,
        "languages": page.languages,
        "country": page.country,
        "region": page.region,
        "city": page.city,
        "organisation": {
            "slug": organisation.slug,
            "name": _translations(organisation, "title"),
        },
        "themes": themes,
        "sector": page.sector.slug,
        "company_size": page.company_size.slug,
        "protection_statuses": statuses,
        "source": page.source,
        "year": page.year,
        "hires": page.hires,
        "published_date": page.published_date.isoformat(),
        "channels": ["api"] if served_by_api(page) else [],
    }


def site_root_path():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


def build_documents(pages, batch_size=200):
    """Documents for a queryset of case studies, streamed in batches of constant memory."""
    labels = Labels()
    root_path = site_root_path()
    queryset = pages.select_related("sector", "company_size").prefetch_related(
        "themes", "protection_statuses", "featured_people"
    )
    ids = list(pages.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = list(queryset.filter(pk__in=ids[start : start + batch_size]).order_by("pk"))
        attach_organisations(batch)
        for page in batch:
            yield case_study_document(page, labels, root_path)
