"""Case studies side by side: their facts, key figures, steps and lessons, each in the reader's
language where the case study has it. The comparison page and its PDF brief show the same."""

from dataclasses import dataclass

from django.utils.translation import get_language

from casestudies.models import CaseStudyPage, attach_organisations

from .selection import MAX_COMPARED


@dataclass(frozen=True)
class ComparedCaseStudy:
    page: CaseStudyPage
    text: object  # CaseStudyText
    key_figures: list
    steps: list
    lessons: list  # rich text values

    @property
    def organisation(self):
        return self.page.organisation


def body_parts(body):
    """The body's key figures, steps and lessons, each kind gathered from all its blocks."""
    parts = {"key_figures": [], "steps": [], "lessons": []}
    for block in body:
        if block.block_type in ("key_figures", "steps"):
            parts[block.block_type] += list(block.value)
        elif block.block_type == "lessons":
            parts["lessons"].append(block.value)
    return parts


def compared(page, language):
    text = page.text_in(language)
    return ComparedCaseStudy(page=page, text=text, **body_parts(text.body))


def live_case_studies(**lookup):
    """Live, public case studies with their vocabularies and organisations, in a fixed number
    of queries."""
    pages = list(CaseStudyPage.objects.live().public().filter(**lookup).with_vocabularies())
    return attach_organisations(pages)


def comparison_of(slugs, language=None):
    """The case studies with these slugs (at most MAX_COMPARED, in this order) as compared;
    slugs of no live case study are left out."""
    slugs = list(dict.fromkeys(slugs))[:MAX_COMPARED]
    pages = {page.slug: page for page in live_case_studies(slug__in=slugs)}
    language = language or get_language()
    return [compared(pages[slug], language) for slug in slugs if slug in pages]
