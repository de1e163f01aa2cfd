"""The production stack on this machine, in a folder of its own: what `make drill` runs, and the
tests that serve the site as an operator would."""

import os
import socket

SECRET_KEY = "a-local-secret-key-that-is-long-enough-for-the-deploy-check-0123456789"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(folder, port, workers):
    """Production settings, answering on 127.0.0.1:port, with SQLite, media and static files
    in `folder`; none of the caller's Django variables."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO")},
        "DJANGO_SETTINGS_MODULE": "knowledge.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
    }
