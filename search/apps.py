from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "knowledge_search"
    verbose_name = "Public search"

    def ready(self):
        from . import signals  # noqa: F401
