from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from .models import CaseStudyPage


@receiver(page_published, sender=CaseStudyPage, dispatch_uid="case_study_reviewed")
def mark_reviewed(sender, instance, **kwargs):
    """Publishing is an editor's review: the dashboard lists case studies not reviewed for a
    year."""
    CaseStudyPage.objects.filter(pk=instance.pk).update(last_reviewed=timezone.localdate())
