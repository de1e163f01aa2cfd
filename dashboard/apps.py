from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Editors' dashboard"

    def ready(self):
        from . import user_names

        user_names.install()
