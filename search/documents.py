"""What the search index holds about a case study: the same document for both engines.

Only published, public facts and text go in; never the people a case study features (only
whether they all consented to the API and feeds: the "api" channel).
"""

import html
import re

from django.utils.html import strip_tags
from wagtail.models import Site
from wagtail.rich_text import RichText

from casestudies.consent import served_by_api
from casestudies.countries import country_name, region_name
from casestudies.languages import LANGUAGE_CODES
from casestudies.models import CaseStudyPage, attach_organisations
from casestudies.vocabularies import VOCABULARIES


def searchable_case_studies():
    """The case studies the public may find: live, public, and not in the bin."""
    return CaseStudyPage.objects.live().public()


BLOCK_END = re.compile(r"</(p|h\d|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def paragraphs(lines):
    """Lines of text, spaces collapsed within each, one paragraph a line."""
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _plain(text):
    """Text or rich text as the words a reader sees: no tags, entities decoded, a paragraph
    a line (so that snippets keep them apart)."""
    return paragraphs(html.unescape(strip_tags(BLOCK_END.sub("\n", text or ""))).splitlines())


def body_text(stream):
    """The words of a body without markup, a paragraph a line: rich text by its paragraphs,
    any other block on a line of its own, by what it says it holds for search."""
    lines = []
    for block in stream:
        if isinstance(block.value, RichText):
            lines.append(_plain(block.value.source))
        else:
            lines.append(" ".join(block.block.get_searchable_content(block.value)))
    return paragraphs(line for text in lines for line in text.splitlines())


def labels(page, terms):
    """The labels of a case study's vocabulary terms and country, in each language."""
    labels = {}
    for language in LANGUAGE_CODES:
        words = [term.label(language) for term in terms]
        words.append(country_name(page.country, language))
        if page.region:
            words.append(region_name(page.region, language))
        labels[language] = " | ".join(word for word in words if word)
    return labels


def _translations(page, name, clean=str):
    return {
        language: clean(value)
        for language in LANGUAGE_CODES
        if (value := getattr(page, f"{name}_{language}", None))
    }


def case_study_document(page, site_root_path):
    """One case study as the index stores it; `page.organisation` must be attached."""
    organisation = page.organisation
    terms = [term for vocabulary in VOCABULARIES for term in vocabulary.terms_of(page)]
    return {
        "id": page.pk,
        "slug": page.slug,
        "path": page.url_path[len(site_root_path) - 1 :],
        "title": _translations(page, "title"),
        "summary": _translations(page, "summary", _plain),
        "body": {
            language: text
            for language in LANGUAGE_CODES
            if (text := body_text(getattr(page, f"body_{language}")))
        },
        "labels": labels(page, terms),
        "original_language": page.original_language,
        "languages": page.languages,
        "country": page.country,
        "region": page.region,
        "city": page.city,
        "organisation": {
            "slug": organisation.slug,
            "name": _translations(organisation, "title"),
        },
        **{vocabulary.field: vocabulary.slugs_of(page) for vocabulary in VOCABULARIES},
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
    root_path = site_root_path()
    queryset = pages.with_vocabularies().prefetch_related("featured_people")
    ids = list(pages.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = list(queryset.filter(pk__in=ids[start : start + batch_size]).order_by("pk"))
        attach_organisations(batch)
        for page in batch:
            yield case_study_document(page, root_path)
