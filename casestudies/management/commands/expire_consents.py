from django.core.management.base import BaseCommand

from casestudies.consent import withdraw_from_publication
from casestudies.models import CaseStudyPage


class Command(BaseCommand):
    help = (
        "Unpublish every case study that features someone whose consent has expired or was "
        "withdrawn, in every language, and remove it from search. Run it daily (cron)."
    )

    def handle(self, *args, **options):
        case_studies = list(CaseStudyPage.objects.live().with_ended_consent())
        for case_study in case_studies:
            withdraw_from_publication(case_study)
            self.stdout.write(f"unpublished {case_study.pk} {case_study.url_path}")
        self.stdout.write(f"{len(case_studies)} case studies unpublished for ended consent")
