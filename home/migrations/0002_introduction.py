"""The home page's `intro` is an `introduction`, as on every other page that has one."""

from django.db import migrations

LANGUAGE_SUFFIXES = ("", "_en", "_ja", "_de", "_fr", "_es", "_ar", "_uk")


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [
        migrations.RenameField("homepage", f"intro{suffix}", f"introduction{suffix}")
        for suffix in LANGUAGE_SUFFIXES
    ]
