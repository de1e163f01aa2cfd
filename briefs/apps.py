from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Comparisons and briefs"
