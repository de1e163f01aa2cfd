from django.apps import AppConfig
from django.core import checks


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Comparisons and briefs"

    def ready(self):
        from .pdf import pdf_briefs_check

        checks.register(pdf_briefs_check)
