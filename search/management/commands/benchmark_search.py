from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from casestudies.models import CaseStudyPage
from search.benchmark import run


class Command(BaseCommand):
    help = (
        "Generate synthetic case studies and print indexing and search figures for both engines "
        "and Wagtail's own search. Needs an empty database of its own (`make bench` makes one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--case-studies", type=int, default=10_000)
        parser.add_argument("--repeats", type=int, default=5, help="passes over the query mix")

    @override_settings(DEBUG=False)  # no query log: it would grow with every request
    def handle(self, *args, case_studies, repeats, **options):
        if CaseStudyPage.objects.exists():
            raise CommandError("the database has case studies: run the benchmark on an empty one")
        if settings.ELASTICSEARCH_URL:
            run(case_studies, repeats, settings.ELASTICSEARCH_URL, self.stdout.write)
            return
        from osmem_server import OsmemServer

        self.stdout.write("Elasticsearch engine: in-memory osmem-server (set ELASTICSEARCH_URL "
                          "for a real cluster)")  # fmt: skip
        with OsmemServer.start() as server:
            run(case_studies, repeats, server.url, self.stdout.write)
