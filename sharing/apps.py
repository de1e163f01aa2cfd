from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    """ "Share your practice": organisations without an account submit a case study for review."""

    name = "sharing"
    verbose_name = _("Shared practices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
