from django.conf import settings
from django.core.management.base import BaseCommand

from operations.backups import write_backup


class Command(BaseCommand):
    help = "Write the whole site (database and media, with a manifest of counts) to one archive."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=settings.BACKUP_DIR, help="where to write it")

    def handle(self, *args, directory, **options):
        path, manifest = write_backup(directory)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{path}: {rows} rows in {len(manifest['counts'])} tables, "
            f"{manifest['media_files']} media files"
        )
