import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.documents import searchable_case_studies
from search.engines import all_engines
from search.engines.base import SearchUnavailable
from search.indexing import current_documents
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Rebuild, inspect or check the public search index of every engine in use."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("rebuild", help="build new indexes and swap them in, in one step")
        commands.add_parser("status", help="engine, alias, index and page counts")
        check = commands.add_parser(
            "check", help="live pages missing from the index, stale or orphan documents"
        )
        check.add_argument("--repair", action="store_true", help="fix what is found")

    def handle(self, *args, action, **options):
        try:
            # Not `self.check`: BaseCommand.check runs Django's system checks.
            getattr(self, f"{action}_index")(**options)
        except SearchUnavailable as error:
            raise CommandError(f"the search cluster cannot be reached: {error}") from error

    def rebuild_index(self, **options):
        total = searchable_case_studies().count()
        for engine in all_engines():
            with tqdm(
                total=total,
                desc=engine.name,
                unit="case study",
                disable=not sys.stderr.isatty(),
            ) as bar:
                count = engine.rebuild(current_documents(), progress=bar.update)
            self.stdout.write(f"{engine.name}: {count} case studies indexed")
        PendingIndexUpdate.objects.all().delete()

    def status_index(self, **options):
        self.stdout.write(f"live case studies: {searchable_case_studies().count()}")
        self.stdout.write(f"updates waiting for the cluster: {PendingIndexUpdate.objects.count()}")
        for engine in all_engines():
            details = ", ".join(f"{key}: {value}" for key, value in engine.status().items())
            self.stdout.write(details)

    def check_index(self, repair=False, **options):
        expected = {document["id"]: document for document in current_documents()}
        drift = False
        for engine in all_engines():
            indexed = engine.fingerprints()
            missing = sorted(set(expected) - set(indexed))
            orphans = sorted(set(indexed) - set(expected))
            stale = sorted(
                page_id
                for page_id in set(expected) & set(indexed)
                if indexed[page_id] != expected[page_id]["fingerprint"]
            )
            self.stdout.write(
                f"{engine.name}: {len(missing)} missing, {len(stale)} stale, "
                f"{len(orphans)} orphan documents"
            )
            for label, ids in (("missing", missing), ("stale", stale), ("orphan", orphans)):
                if ids:
                    self.stdout.write(f"  {label}: {', '.join(map(str, ids))}")
            if not (missing or stale or orphans):
                continue
            drift = True
            if repair:
                engine.index(expected[page_id] for page_id in missing + stale)
                engine.delete(orphans)
                self.stdout.write(f"  {engine.name}: repaired")
        if repair:
            PendingIndexUpdate.objects.all().delete()
        elif drift:
            raise SystemExit(1)
