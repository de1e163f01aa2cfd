import json
import sys

from django.core.management.base import BaseCommand

from casestudies.jsonl.export import export_records


def write_records(handle):
    count = 0
    for record in export_records():
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


class Command(BaseCommand):
    help = "Export every case study to a JSON Lines file that import_case_studies reads back."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .jsonl file to write ('-' for standard output)")

    def handle(self, *args, file, **options):
        if file == "-":
            count = write_records(sys.stdout)
        else:
            with open(file, "w", encoding="utf-8") as handle:
                count = write_records(handle)
        self.stderr.write(f"{count} case studies exported")
