from django.core.management.base import BaseCommand

from home.site_structure import set_up_site


class Command(BaseCommand):
    help = (
        "Make the site's skeleton where it is missing (home page, case study index, collections "
        "index, About and Privacy, in every language) and name the Site after SITE_NAME at "
        "BASE_URL. Pages that exist are left alone; safe to run at every start."
    )

    def handle(self, *args, **options):
        home = set_up_site()
        self.stdout.write(f"Site ready: {home.get_site().root_url}")
