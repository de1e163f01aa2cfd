from django.core.management.base import BaseCommand

from search.log import SEARCH_LOG_DAYS, prune_search_log


class Command(BaseCommand):
    help = f"Delete search log entries older than {SEARCH_LOG_DAYS} days (run daily)."

    def handle(self, *args, **options):
        deleted = prune_search_log()
        self.stdout.write(f"{deleted} search log entries older than {SEARCH_LOG_DAYS} days removed")
