"""A shared practice is decided when its case study is published (its author is told) or
deleted; its contact details go SHARE_CONTACT_DAYS later (prune_shared_practices)."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from casestudies.models import CaseStudyPage

from .emails import send_published_notice
from .models import ShareSubmission


@receiver(page_published, sender=CaseStudyPage, dispatch_uid="shared_practice_published")
def tell_the_author(sender, instance, **kwargs):
    for submission in ShareSubmission.objects.filter(case_study=instance, decided_at=None):
        send_published_notice(submission)
        submission.decided_at = timezone.now()
        submission.save(update_fields=["decided_at"])


@receiver(pre_delete, sender=CaseStudyPage, dispatch_uid="shared_practice_deleted")
def decided_by_deletion(sender, instance, **kwargs):
    ShareSubmission.objects.filter(case_study=instance, decided_at=None).update(
        decided_at=timezone.now()
    )
