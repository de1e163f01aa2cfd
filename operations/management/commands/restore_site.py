from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the media with those of an archive from backup_site, then "
        "check every table's row count against the archive's manifest. Stop the site first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )  # fmt: skip

    def handle(self, *args, archive, interactive, **options):
        try:
            manifest = read_manifest(archive)
            if interactive and not self.confirmed(archive, manifest):
                raise CommandError("restore cancelled")
            result = restore_backup(archive)
        except (OSError, BackupError) as error:
            raise CommandError(str(error)) from error
        for label, (expected, found) in sorted(result.differences.items()):
            self.stderr.write(f"{label}: {expected} rows in the archive, {found} now")
        if result.differences:
            raise CommandError("the restored site differs from the archive's manifest")
        self.stdout.write(
            f"restored {archive} (made {manifest['created_at']}): every table's row count "
            "matches. With Elasticsearch, run `manage.py search_index rebuild`."
        )

    def confirmed(self, archive, manifest):
        answer = input(
            f"Replace this site's database and media with {archive} "
            f"(made {manifest['created_at']})? Type 'yes' to go on: "
        )
        return answer.strip().lower() == "yes"
