"""`make serve`: the site (gunicorn) and the task worker (django-tasks' db_worker) in the
foreground, together. Ctrl-C or SIGTERM stops both; if either stops on its own, the other is
stopped too and the exit status is 1, so that a supervisor restarts the pair."""

import os
import signal
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"
# A 500-character query in a non-Latin script is about 4,500 bytes once percent-encoded:
# gunicorn's default limit (4,094) would answer 414.
REQUEST_LINE_LIMIT = 8190


def web_workers():
    return os.environ.get("WEB_CONCURRENCY", "").strip() or str(2 * (os.cpu_count() or 1) + 1)


def commands():
    bind = f"{os.environ.get('BIND_ADDRESS', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
    web = [
        sys.executable, "-m", "gunicorn", "knowledge.wsgi:application",
        "--bind", bind,
        "--workers", web_workers(),
        "--limit-request-line", str(REQUEST_LINE_LIMIT),
        "--max-requests", "2000", "--max-requests-jitter", "200",
        "--graceful-timeout", "20",
        # Its default path is in $HOME: two sites on one machine would take each other's.
        "--no-control-socket",
    ]  # fmt: skip
    worker = [sys.executable, str(MANAGE), "db_worker"]
    return {"web server": web, "task worker": worker}


def main():
    processes = {}
    stopping = False

    def stop(signum=None, frame=None):
        nonlocal stopping
        stopping = True
        for process in processes.values():
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for name, command in commands().items():
        processes[name] = subprocess.Popen(command)
    print(f"serving on port {os.environ.get('PORT', '8000')} with {web_workers()} web workers")
    failed = False
    while any(process.poll() is None for process in processes.values()):
        pid, _status = os.wait()
        name = next((name for name, process in processes.items() if process.pid == pid), None)
        if name and not stopping:
            print(f"the {name} stopped: stopping the rest", file=sys.stderr)
            failed = True
            stop()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
