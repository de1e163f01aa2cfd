"""Every change that affects what the public may find schedules an index update."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from casestudies.models import (
    CaseStudyPage,
    CompanySize,
    OrganisationPage,
    ProtectionStatus,
    Sector,
    Theme,
)

from .indexing import schedule_update


def case_study_ids(page):
    """The case studies at or below a page (an organisation's, a section's)."""
    return list(
        CaseStudyPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
    )


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if isinstance(instance, CaseStudyPage):
        schedule_update([instance.pk])
    elif isinstance(instance, OrganisationPage):
        # An organisation's name appears in its case studies' documents.
        schedule_update(case_study_ids(instance))


@receiver(pre_delete, sender=CaseStudyPage)
def case_study_deleted(sender, instance, **kwargs):
    # Deleting an organisation or a section deletes each of its case studies too.
    schedule_update([instance.pk])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    schedule_update(case_study_ids(instance))


# Vocabulary term -> the case study field that tags case studies with it.
VOCABULARY_FIELDS = {
    Theme: "themes",
    ProtectionStatus: "protection_statuses",
    Sector: "sector",
    CompanySize: "company_size",
}


def vocabulary_term_saved(sender, instance, created=False, raw=False, **kwargs):
    # Labels in every language are indexed: a renamed term changes its case studies' documents.
    if created or raw:
        return
    tagged = CaseStudyPage.objects.filter(**{VOCABULARY_FIELDS[sender]: instance})
    schedule_update(tagged.values_list("pk", flat=True))


for vocabulary in VOCABULARY_FIELDS:
    post_save.connect(
        vocabulary_term_saved, sender=vocabulary, dispatch_uid=f"reindex_{vocabulary.__name__}"
    )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    schedule_update(case_study_ids(instance.page))
