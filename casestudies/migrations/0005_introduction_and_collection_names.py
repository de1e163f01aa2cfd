"""One name for one concept: index pages and collections both have an `introduction` (the index
pages called theirs `intro`); the curated collections are named apart from Wagtail's image
collections in the admin."""

import wagtail.fields
from django.db import migrations

LANGUAGE_SUFFIXES = ("", "_en", "_ja", "_de", "_fr", "_es", "_ar", "_uk")


def introduction(model_name):
    operations = []
    for suffix in LANGUAGE_SUFFIXES:
        operations += [
            migrations.RenameField(model_name, f"intro{suffix}", f"introduction{suffix}"),
            migrations.AlterField(
                model_name,
                f"introduction{suffix}",
                wagtail.fields.RichTextField(
                    blank=True, null=bool(suffix), verbose_name="introduction"
                ),
            ),
        ]
    return operations


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0004_featured_people")]

    operations = [
        *introduction("casestudyindexpage"),
        *introduction("collectionindexpage"),
        migrations.AlterModelOptions(
            name="collectionindexpage",
            options={"verbose_name": "case study collection index"},
        ),
        migrations.AlterModelOptions(
            name="collectionpage",
            options={
                "verbose_name": "case study collection",
                "verbose_name_plural": "case study collections",
            },
        ),
    ]
