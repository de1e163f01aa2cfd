"""The backup drill: content of every kind, `backup_site`, the database and media wiped,
`restore_site`, and every table's count and a sample of contents compared. It runs on the
database the suite runs on (SQLite, or a database of its own on the PostgreSQL server), in
processes of its own, as an operator would."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.processes import python

PROJECT = Path(__file__).resolve().parents[1]
SITE = PROJECT / "tests" / "backup_drill" / "site.py"


class Drill:
    """A site of its own: database, media folder and backup folder."""

    def __init__(self, tmp_path):
        self.media = tmp_path / "media"
        self.backups = tmp_path / "backups"
        database = settings.DATABASES["default"]
        if connection.vendor == "postgresql":
            self.server = {
                "host": database["HOST"] or "localhost",
                "port": database["PORT"] or 5432,
                "user": database["USER"],
                "password": database["PASSWORD"],
            }
            self.name = f"{database['NAME']}_backup_drill"
            password = f":{self.server['password']}" if self.server["password"] else ""
            self.url = f"postgres://{self.server['user']}{password}@{self.server['host']}:"
            self.url += f"{self.server['port']}/{self.name}"
        else:
            self.server = None
            self.name = tmp_path / "drill.sqlite3"
            self.url = f"sqlite:///{self.name}"

    def wipe(self):
        """The database and the media, gone; an empty database where the site expects one."""
        shutil.rmtree(self.media, ignore_errors=True)
        if self.server is None:
            for path in self.name.parent.glob(f"{self.name.name}*"):
                path.unlink()
            return
        with psycopg.connect(dbname="postgres", autocommit=True, **self.server) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{self.name}"')

    def run(self, *command):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "knowledge.settings.dev",
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
            "BACKUP_DIR": str(self.backups),
        }
        return python(*command, environment=environment)

    def snapshot(self, phase="snapshot"):
        return json.loads(self.run(str(SITE), phase).splitlines()[-1])


@pytest.fixture
def drill(tmp_path):
    drill = Drill(tmp_path)
    drill.wipe()
    yield drill
    if drill.server is not None:
        with psycopg.connect(dbname="postgres", autocommit=True, **drill.server) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{drill.name}" WITH (FORCE)')


def test_a_restored_site_is_the_site_that_was_backed_up(drill):
    drill.run("manage.py", "migrate", "--noinput", "-v", "0")
    before = drill.snapshot("populate")
    assert before["workflow_states"] and before["shared"] and before["consent"]
    assert len(before["images"]) == 2, "an original and a rendition"

    drill.run("manage.py", "backup_site")
    (archive,) = drill.backups.glob("site-*.tar.gz")
    drill.wipe()
    restored = drill.run("manage.py", "restore_site", "--noinput", str(archive))

    assert "every table's row count matches" in restored
    after = drill.snapshot()
    assert after == before


def test_restoring_something_else_is_refused_before_anything_changes(drill, tmp_path):
    drill.run("manage.py", "migrate", "--noinput", "-v", "0")
    not_a_backup = tmp_path / "holiday.tar.gz"
    subprocess.run(["tar", "czf", not_a_backup, "-C", PROJECT, "README.md"], check=True)

    with pytest.raises(AssertionError, match="is not a site backup"):
        drill.run("manage.py", "restore_site", "--noinput", str(not_a_backup))
