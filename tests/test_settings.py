import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_production(**env):
    """Import the production settings in a fresh interpreter, as a server would."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    environ.update(DJANGO_SETTINGS_MODULE="knowledge.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "knowledge.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": " "}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secret_key_and_allowed_hosts(env, missing):
    result = start_production(**env)

    assert result.returncode != 0
    assert f"{missing} must be set in the environment for production" in result.stderr


def test_production_starts_with_both():
    result = start_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS="knowledge.example,www.example")

    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
