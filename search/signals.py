"""Every change that affects what the public may find updates the index. What leaves search
(an unpublished or deleted case study: a withdrawn consent, for one) leaves it as soon as the
change commits; everything else goes through the task queue."""

from django.core.management import call_command
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from casestudies.models import CaseStudyPage, OrganisationPage
from casestudies.vocabularies import VOCABULARIES, terms_merged, vocabulary_for

from .engines import cluster_needs_rebuild
from .indexing import remove_after_commit, request_rebuild, schedule_update


def case_study_ids(page):
    """The case studies at or below a page (an organisation's, a section's)."""
    return list(
        CaseStudyPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
    )


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    if isinstance(instance, CaseStudyPage):
        schedule_update([instance.pk])
    elif isinstance(instance, OrganisationPage):
        # An organisation's name appears in its case studies' documents.
        schedule_update(case_study_ids(instance))


@receiver(page_unpublished)
def remove_unpublished_page(sender, instance, **kwargs):
    if isinstance(instance, CaseStudyPage):
        remove_after_commit([instance.pk])
    elif isinstance(instance, OrganisationPage):
        schedule_update(case_study_ids(instance))


@receiver(pre_delete, sender=CaseStudyPage)
def case_study_deleted(sender, instance, **kwargs):
    # Deleting an organisation or a section deletes each of its case studies too.
    remove_after_commit([instance.pk])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    schedule_update(case_study_ids(instance))


def vocabulary_term_saved(sender, instance, created=False, raw=False, **kwargs):
    # Labels in every language are indexed: a renamed term changes its case studies' documents.
    if created or raw:
        return
    vocabulary = vocabulary_for(sender)
    tagged = CaseStudyPage.objects.filter(**{vocabulary.field: instance})
    schedule_update(tagged.values_list("pk", flat=True))


for vocabulary in VOCABULARIES:
    post_save.connect(
        vocabulary_term_saved,
        sender=vocabulary.model,
        dispatch_uid=f"reindex_{vocabulary.name}",
    )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    schedule_update(case_study_ids(instance.page))


@receiver(cluster_needs_rebuild)
def rebuild_cluster(sender, **kwargs):
    request_rebuild()


@receiver(post_migrate, dispatch_uid="search_cache_table")
def make_cache_table(sender, using="default", **kwargs):
    """The shared cache (settings.CACHES["shared"]), where the index's task locks are kept, has
    its table made by `migrate`, so that no install can forget `createcachetable`."""
    if getattr(sender, "label", None) == "knowledge_search":
        call_command("createcachetable", database=using, verbosity=0)


@receiver(terms_merged)
def reindex_merged_terms(sender, case_study_ids, **kwargs):
    schedule_update(case_study_ids)
