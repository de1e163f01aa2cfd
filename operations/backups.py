"""A whole site in one archive, and back (README, "Backups").

The archive is a gzipped tar holding `manifest.json` (when, which database, how many rows of
each model and how many media files), the database dumped by django-dbbackup's connector for
the engine in use (SQLite's online backup, or pg_dump's custom format), and `media/`: every
uploaded original and rendition. A restore replaces the database and the media with the
archive's, then counts again and compares with the manifest.
"""

import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dbbackup.db.base import get_connector
from django.apps import apps
from django.conf import settings
from django.db import connection, connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    pass


def row_counts():
    """{"app_label.Model": rows} for every table the site owns (and has made: an app added
    since the last `migrate` has none yet)."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
    }


def media_root():
    """MEDIA_ROOT when media are on this machine's disk, else None (an object store keeps its
    own copies)."""
    return Path(settings.MEDIA_ROOT) if settings.SERVE_MEDIA else None


def media_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root else []


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, fileobj=_bytes_file(data))


def _bytes_file(data):
    spooled = tempfile.SpooledTemporaryFile()
    spooled.write(data)
    spooled.seek(0)
    return spooled


def write_backup(directory):
    """Writes the archive into `directory`; returns its path and manifest."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = directory / f"site-{stamp}.tar.gz"
    connector = get_connector()
    root = media_root()
    files = media_files(root)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor, "file": f"database.{connector.extension}"},
        "counts": row_counts(),
        "media_files": len(files),
    }
    dump = connector.create_dump()
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, manifest["database"]["file"], dump.read())
        for file in files:
            archive.add(file, arcname=f"{MEDIA}/{file.relative_to(root)}")
    return path, manifest


@dataclass
class RestoreResult:
    manifest: dict
    differences: dict  # {"app.Model": (in the archive, now)} where they differ


def read_manifest(path):
    with tarfile.open(path, "r:gz") as archive:
        try:
            manifest = json.load(archive.extractfile(MANIFEST))
        except KeyError:
            raise BackupError(f"{path} is not a site backup: it has no {MANIFEST}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has backup format {manifest.get('format')}, not {FORMAT}")
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"{path} holds a {manifest['database']['vendor']} database; this site uses "
            f"{connection.vendor}"
        )
    return manifest


def restore_backup(path):
    """Replaces the database and the media with the archive's; returns what differs from the
    manifest afterwards (nothing, when all went well)."""
    manifest = read_manifest(path)
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as scratch:
        archive.extractall(scratch, filter="data")
        _restore_database(Path(scratch) / manifest["database"]["file"])
        _restore_media(Path(scratch) / MEDIA)
    counts = row_counts()
    differences = {
        label: (rows, counts.get(label))
        for label, rows in manifest["counts"].items()
        if counts.get(label) != rows
    }
    return RestoreResult(manifest, differences)


def _restore_database(dump_path):
    connector = get_connector()
    connections.close_all()
    if connection.vendor == "sqlite":
        # The write-ahead log of the database being replaced must not be replayed onto it.
        name = Path(connection.settings_dict["NAME"])
        for suffix in ("-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    with open(dump_path, "rb") as dump:
        connector.restore_dump(dump)
    connections.close_all()


def _restore_media(extracted):
    root = media_root()
    if root is None:
        return
    if root.exists():
        shutil.rmtree(root)
    if extracted.exists():
        shutil.copytree(extracted, root)
    else:
        root.mkdir(parents=True)
