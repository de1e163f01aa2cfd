"""What follows from changes to case studies and organisations: reviews are dated, and every
organisation's partner group and image collection (casestudies/partners.py) are kept in step
with it."""

from django.contrib.auth.models import Group
from django.db import connections
from django.db.models.signals import post_migrate, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published

from .models import CaseStudyPage, OrganisationPage
from .partners import (
    ensure_partner_group,
    ensure_partner_groups,
    partner_group,
    partner_image_collection,
    permissions,
)
from .vocabularies import VOCABULARIES


@receiver(page_published, sender=CaseStudyPage, dispatch_uid="case_study_reviewed")
def mark_reviewed(sender, instance, **kwargs):
    """Publishing is an editor's review: the dashboard lists case studies not reviewed for a
    year."""
    CaseStudyPage.objects.filter(pk=instance.pk).update(last_reviewed=timezone.localdate())


@receiver(page_published, sender=CaseStudyPage, dispatch_uid="publish_organisation_too")
def publish_organisation_too(sender, instance, revision=None, **kwargs):
    """A case study published under an organisation that is not (one shared through the public
    form, say) publishes it too: approving the case study approves its organisation, whose
    address and name the case study's page shows."""
    organisation = instance.get_parent().specific
    if organisation.live:
        return
    user = revision.user if revision else None
    if state := organisation.current_workflow_state:
        state.cancel(user=user)
    organisation.get_latest_revision().publish(user=user)


def _changes_title(update_fields):
    return update_fields is None or any(
        name == "title" or name.startswith("title_") for name in update_fields
    )


@receiver(post_save, sender=OrganisationPage, dispatch_uid="partners_organisation_saved")
def organisation_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    # Saving a draft revision only updates draft_title: the group follows the live title.
    if raw or not (created or _changes_title(update_fields)):
        return
    ensure_partner_group(instance)


@receiver(pre_delete, sender=OrganisationPage, dispatch_uid="partners_organisation_deleted")
def organisation_deleted(sender, instance, **kwargs):
    group = partner_group(instance)
    if group is None:
        return
    collection = partner_image_collection(group)
    group.delete()
    if collection is not None and not _holds_anything(collection):
        collection.delete()


def _holds_anything(collection):
    return (
        collection.get_children().exists()
        or get_image_model().objects.filter(collection=collection).exists()
        or get_document_model().objects.filter(collection=collection).exists()
    )


@receiver(post_migrate, dispatch_uid="partners_post_migrate")
def backfill_partner_groups(sender, using="default", **kwargs):
    """Organisations that existed before partner groups get theirs on the next migrate."""
    if getattr(sender, "name", None) != "casestudies":
        return
    if _schema_is_current(using, Page, OrganisationPage):
        ensure_partner_groups()


def _schema_is_current(using, *models):
    """Whether every column of these models exists: post_migrate also runs on partial or
    backward migrations, and before wagtail-modeltranslation adds Page's translated columns."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for model in models:
            if model._meta.db_table not in tables:
                return False
            columns = {
                column.name
                for column in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            }
            if any(field.column not in columns for field in model._meta.local_concrete_fields):
                return False
    return True


@receiver(post_migrate, dispatch_uid="editors_edit_vocabularies")
def let_editors_edit_vocabularies(sender, **kwargs):
    """Editors (Wagtail's Moderators) add, rename, merge and delete vocabulary terms; partners
    do not."""
    if getattr(sender, "name", None) != "casestudies":
        return
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:
        return
    for vocabulary in VOCABULARIES:
        name = vocabulary.model._meta.model_name
        actions = ("add", "change", "delete", "view")
        codenames = [f"{action}_{name}" for action in actions]
        moderators.permissions.add(*permissions("casestudies", name, codenames))
