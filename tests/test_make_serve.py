"""`make serve` as an operator runs it: production settings from the environment, a fresh SQLite
database, gunicorn and the task worker; every public page, its static files, uploaded media, the
translated 404 page and /healthz; then SIGTERM stops everything."""

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from benchmarks.stack import SECRET_KEY, free_port

PROJECT = Path(__file__).resolve().parents[1]
PAGES = [
    "/en/", "/ja/", "/ar/", "/en/case-studies/", "/en/collections/", "/en/about/", "/en/privacy/",
    "/en/search/?q=housing", "/en/share/", "/api/v1/search/?q=housing", "/api/v1/docs",
    "/admin/login/",
]  # fmt: skip
MAKE_IMAGE = """
import io
from PIL import Image
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
data = io.BytesIO()
Image.new("RGB", (90, 60), (20, 120, 90)).save(data, "PNG")
image = get_image_model().objects.create(title="Kiln", file=ImageFile(data, name="kiln.png"))
print(image.file.url, image.get_rendition("fill-30x20").url)
"""


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


@pytest.fixture
def served(tmp_path):
    port = free_port()
    environment = {
        **os.environ,
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    # As an operator's shell has them: no settings module, no test-only switch.
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if fetch(f"{base}/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("make serve did not answer:\n" + server.stdout.read())
    yield base, server, environment
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGKILL)


@pytest.mark.database_independent
def test_make_serve_serves_the_site_and_stops_on_sigterm(served):
    base, server, environment = served

    for page in PAGES:
        assert fetch(base + page)[0] == 200, page
    status, _headers, home = fetch(f"{base}/en/")
    stylesheet = home.split('rel="stylesheet" href="')[1].split('"')[0]
    script = home.split('<script src="')[1].split('"')[0]
    for asset in (stylesheet, script):
        status, headers, _body = fetch(base + asset)
        assert status == 200 and "immutable" in headers["Cache-Control"], asset

    status, _headers, page = fetch(f"{base}/ar/no-such-page/")
    assert status == 404 and 'dir="rtl"' in page and "الصفحة غير موجودة" in page

    long_query = quote("採用" * 250)  # 500 characters, about 4,500 bytes in the request line
    assert fetch(f"{base}/en/search/?q={long_query}")[0] == 200

    made = subprocess.run(
        [".venv/bin/python", "manage.py", "shell", "-c", MAKE_IMAGE],
        cwd=PROJECT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "knowledge.settings.production"},
        capture_output=True,
        text=True,
        check=True,
    )
    for url in made.stdout.split()[-2:]:
        status, headers, _body = fetch(base + url)
        assert status == 200 and headers["Content-Type"] == "image/png", url

    server.send_signal(signal.SIGTERM)  # to make alone, as a supervisor would
    output = server.communicate(timeout=60)[0]
    # make passes the signal on, waits for the site to stop, then ends as signalled.
    assert server.returncode == -signal.SIGTERM
    assert "Shutting down: Master" in output, "gunicorn stopped cleanly"
    with pytest.raises(ProcessLookupError):
        os.killpg(server.pid, 0)  # no process of the group is left: gunicorn, workers, db_worker
