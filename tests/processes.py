"""The project's Python in a process of its own."""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def python(*arguments, environment, cwd=PROJECT, timeout=600):
    """Runs `python ARGUMENTS`; its standard output, once it has succeeded."""
    completed = subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout
