import threading

from django.db.models import Count, Max


class ReadAgainOnChange:
    """A value built from the database once per process, and again when its table has
    changed: `changed_field` is the table's last-modified field."""

    def __init__(self, model, changed_field, build):
        self.model = model
        self.changed_field = changed_field
        self.build = build
        self.version = None
        self.value = None
        self.lock = threading.Lock()

    def current(self):
        version = tuple(self.model.objects.aggregate(Max(self.changed_field), Count("pk")).values())
        with self.lock:
            if self.version != version:
                self.value, self.version = self.build(), version
            return self.value
