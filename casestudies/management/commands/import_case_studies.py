import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from casestudies.jsonl.validation import validate_lines
from casestudies.jsonl.writer import ImportRefused, NoCaseStudyIndex, import_records


class Command(BaseCommand):
    help = "Import case studies from a JSON Lines file (the format: docs/import-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl file, one case study per line")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid lines; still exit 1"
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only")

    def handle(self, *args, file, skip_invalid, dry_run, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                records, errors = validate_lines(handle)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        for error in errors:
            self.stderr.write(str(error))
        if dry_run or (errors and not skip_invalid):
            verb = "would import" if not errors else "nothing written;"
            self.stdout.write(f"{len(records)} valid, {len(errors)} errors: {verb} {file}")
            self._exit(errors)
            return
        try:
            result = import_records(records, self._progress, skip_refused=skip_invalid)
        except NoCaseStudyIndex as error:
            raise CommandError(str(error)) from error
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            self.stdout.write(f"nothing written: {file}")
            self._exit(refused.errors)
        errors += result.refused
        for error in result.refused:
            self.stderr.write(str(error))
        self.stdout.write(
            f"{len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged, {len(errors)} errors"
        )
        self._exit(errors)

    def _progress(self, records):
        return tqdm(records, unit="case study", disable=not sys.stdout.isatty(), file=sys.stderr)

    @staticmethod
    def _exit(errors):
        if errors:
            raise SystemExit(1)
