import contextlib
import io

from wagtail_modeltranslation.management.commands.migrate_translation import (
    Command as TranslationMigrateCommand,
)


class Command(TranslationMigrateCommand):
    """wagtail-modeltranslation's migrate, which also adds the translated columns of Wagtail's
    own pages (title_en, slug_ja, ...). That step prints every ALTER TABLE and a question
    to stdout, which reads like an error on a fresh database: it is summed up in one line. The
    columns are always wanted, so the step never asks (it would ask unseen)."""

    def handle(self, *args, **options):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            super().handle(*args, **{**options, "interactive": False})
        statements = printed.getvalue().count("ALTER TABLE")
        if statements and options["verbosity"]:
            self.stdout.write(
                f"  Added {statements} translated columns to Wagtail's pages, one per language."
            )
