from django.core.management.base import BaseCommand, CommandError

from casestudies.models import CaseStudyPage
from home.demo_content import DemoContentError, load_demo_content


class Command(BaseCommand):
    help = "Load the demo site: fictional organisations, case studies and collections."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when any case study exists"
        )

    def handle(self, *args, if_empty, **options):
        if if_empty and CaseStudyPage.objects.exists():
            self.stdout.write("Case studies exist already: demo content not loaded.")
            return
        try:
            result = load_demo_content()
        except DemoContentError as error:
            raise CommandError(f"the demo content is invalid:\n{error}") from error
        self.stdout.write(
            f"Demo content loaded: {len(result.created)} case studies created, "
            f"{len(result.updated)} updated, {len(result.unchanged)} unchanged."
        )
