"""A shared practice becomes draft pages in moderation: never published here, only by an
editor approving it."""

from django.db import transaction
from django.utils import timezone, translation

from casestudies.blocks import plain_text_body
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, OrganisationPage, Source
from casestudies.slugs import slug_from_title
from casestudies.vocabularies import VOCABULARIES

from .models import ShareSubmission


def unique_slug(model, text, fallback):
    """A slug no page of this model uses (the importer finds organisations and case studies by
    slug across the whole tree)."""
    return slug_from_title(text, lambda slug: model.objects.filter(slug=slug).exists(), fallback)


def _organisation(data, language):
    return OrganisationPage(
        live=False,
        slug=unique_slug(OrganisationPage, data["organisation_name"], "organisation"),
        kind=data["organisation_kind"],
        country=data["organisation_country"],
        website=data["organisation_website"],
        **{f"title_{language}": data["organisation_name"]},
    )


def _case_study(data, language):
    case_study = CaseStudyPage(
        live=False,
        slug=unique_slug(CaseStudyPage, data["title"], "case-study"),
        original_language=language,
        country=data["country"],
        city=data["city"],
        hires=data["hires"],
        year=data["year"],
        source=Source.INTERNATIONAL_PARTNER,
        **{
            f"title_{language}": data["title"],
            f"summary_{language}": data["summary"],
            f"body_{language}": plain_text_body(data["body"]),
        },
    )
    for vocabulary in VOCABULARIES:
        vocabulary.assign(case_study, data[vocabulary.field])
    return case_study


def submit_for_review(page):
    """A revision in the moderation workflow: it shows in the editors' "awaiting review" and
    goes live only when one of them approves it. Nobody is logged in: no user requested it."""
    page.save_revision(clean=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, None)


@transaction.atomic
def create_drafts(data, form_language):
    """The organisation (a draft) and its case study (written in the chosen original language,
    submitted for review: approving it publishes the organisation too), and who to contact about
    them. Returns the ShareSubmission."""
    language = data["original_language"]
    index = CaseStudyIndexPage.objects.get()
    # Page titles are translated fields: write them, and Wagtail's draft titles, in the
    # language the visitor wrote in.
    with translation.override(language):
        organisation = index.add_child(instance=_organisation(data, language))
        organisation.save_revision(clean=True)
        case_study = organisation.add_child(instance=_case_study(data, language))
        submit_for_review(case_study)
    return ShareSubmission.objects.create(
        organisation=organisation,
        case_study=case_study,
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_role=data["contact_role"],
        language=form_language,
        consent_confirmed_at=timezone.now(),
    )
