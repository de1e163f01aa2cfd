from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sharing.models import ShareSubmission


class Command(BaseCommand):
    help = (
        "Delete the contact details of shared practices decided (published, or their case study "
        "deleted) more than SHARE_CONTACT_DAYS ago. Run it daily (cron)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.SHARE_CONTACT_DAYS)
        deleted, _by_model = ShareSubmission.objects.filter(decided_at__lt=cutoff).delete()
        self.stdout.write(
            f"{deleted} shared practices' contact details deleted "
            f"({settings.SHARE_CONTACT_DAYS} days after the decision)"
        )
