"""The site as production serves it: health for load balancers, error pages in every language,
security headers, the admin login lock-out, and the site's name and address."""

import json
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.db import OperationalError, connection
from django.test import Client
from django.utils import translation
from wagtail.models import Site

from casestudies.languages import LANGUAGE_CODES
from home.site_structure import set_up_site
from knowledge.views import server_error
from tests.processes import python

PROJECT = Path(__file__).resolve().parents[1]
NOT_FOUND = {
    "en": "Page not found",
    "ja": "ページが見つかりません",
    "de": "Seite nicht gefunden",
    "fr": "Page introuvable",
    "es": "Página no encontrada",
    "ar": "الصفحة غير موجودة",
    "uk": "Сторінку не знайдено",
}
SOMETHING_WENT_WRONG = {"en": "Something went wrong", "ar": "حدث خطأ ما"}


def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(connection, "cursor", refuse)


# Health ---------------------------------------------------------------------------------------


def test_health_says_the_database_and_the_search_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": {"engine": "database", "status": "ok"},
    }
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response


def test_health_answers_a_load_balancer_asking_by_address(db, settings):
    settings.ALLOWED_HOSTS = ["knowledge.example.org"]

    response = Client(HTTP_HOST="10.0.0.7").get("/healthz")

    assert response.status_code == 200


def test_health_is_503_when_the_database_is_down(client, db, monkeypatch):
    with monkeypatch.context() as patch:
        database_down(patch)
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_health_reports_a_cluster_that_does_not_answer(client, db, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there

    body = client.get("/healthz").json()

    assert body["status"] == "ok", "searches still work: the database engine answers"
    assert body["search"] == {"engine": "database", "status": "degraded", "cluster": "unavailable"}


# Error pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_the_404_page_is_in_the_readers_language_with_the_site_around_it(
    client, language, about_page
):
    response = client.get(f"/{language}/no-such-page/")
    content = response.content.decode()

    assert response.status_code == 404
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in content
    assert NOT_FOUND[language] in content
    assert 'class="language-switcher"' in content and 'class="site-footer"' in content
    assert f'href="/{language}/about/"' in content, "the site's menu"


def test_an_unpublished_page_is_the_same_404(client, case_study):
    case_study.unpublish()

    response = client.get(f"/en{case_study.url_path.removeprefix('/home')}")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_unknown_api_address_is_a_json_404_not_a_redirect(client, db):
    response = client.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json() == {"error": {"field": "path", "message": "no such endpoint"}}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_500_page_needs_no_database(rf, language):
    # No `db` fixture: any query would fail the test.
    with translation.override(language):
        response = server_error(rf.get("/"))

    content = response.content.decode()
    assert response.status_code == 500
    assert SOMETHING_WENT_WRONG[language] in content
    assert f'dir="{"rtl" if language == "ar" else "ltr"}"' in content


def test_an_error_in_a_page_gives_the_500_page_in_its_language(client, db, monkeypatch):
    def fail(query):
        raise RuntimeError("the engine broke")

    monkeypatch.setattr("search.engines.search", fail)
    client.raise_request_exception = False

    response = client.get("/ar/search/?q=x")

    assert response.status_code == 500
    assert SOMETHING_WENT_WRONG["ar"] in response.content.decode()


# Security headers -----------------------------------------------------------------------------


def csp(response):
    return dict(
        (part.split()[0], part.split()[1:])
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


def test_public_pages_allow_no_inline_script_or_style(client, case_study, collection_index):
    urls = ["/en/", "/ar/", "/en/search/?q=kiln", "/en/share/", "/en/no-such-page/"]
    urls.append(f"/en{case_study.url_path.removeprefix('/home')}")
    for url in urls:
        response = client.get(url)
        policy = csp(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script in {url}"
        assert " style=" not in html, f"inline style in {url}"


def test_the_admin_policy_allows_inline_code_but_no_other_origin(admin_client):
    policy = csp(admin_client.get("/admin/"))

    assert "'unsafe-inline'" in policy["script-src"]
    assert all(source.startswith("'") or source in ("data:", "blob:") for source in
               policy["script-src"] + policy["img-src"] + policy["connect-src"])  # fmt: skip


# Login lock-out -------------------------------------------------------------------------------


def log_in(password, address="192.0.2.1", username="editor@example.org"):
    client = Client(REMOTE_ADDR=address)
    return client.post("/admin/login/", {"username": username, "password": password})


def test_after_five_failures_even_the_right_password_is_refused(moderator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in("wrong").status_code == 200, "the form again, with an error"
    assert log_in("wrong").status_code == 429, "the fifth failure locks"

    refused = log_in("pw")
    from_elsewhere = log_in("pw", address="198.51.100.9")

    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert "Try again in 15 minutes" in refused.content.decode()
    assert from_elsewhere.status_code == 429, "the account is locked, whatever the address"


def test_the_lock_out_ends_after_its_time(moderator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in("wrong")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert log_in("pw").status_code == 302


def test_failures_for_other_accounts_from_one_address_lock_that_address(moderator, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in("wrong", username=f"guess{number}@example.org")

    assert log_in("pw").status_code == 429


# The site's name and address ------------------------------------------------------------------


def test_the_site_is_named_and_placed_from_the_settings(client, db, settings):
    settings.SITE_NAME = "Kiln Exchange"
    settings.BASE_URL = "https://knowledge.example.org"

    set_up_site()

    site = Site.objects.get(is_default_site=True)
    assert (site.site_name, site.hostname, site.port) == (
        "Kiln Exchange",
        "knowledge.example.org",
        443,
    )
    assert (
        "<title>Case studies · Kiln Exchange</title>"
        in client.get("/en/case-studies/").content.decode()
    )


def test_setting_up_again_leaves_the_editors_pages_alone(db):
    home = set_up_site()
    about = home.get_children().get(slug="about").specific
    about.title_en = "About us"
    about.save_revision().publish()

    set_up_site()

    about.refresh_from_db()
    assert about.title_en == "About us"
    assert about.revisions.count() == 2


# Production settings, in a fresh interpreter as a server starts them --------------------------

STRONG_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEF"


# Set by other tests or by Playwright (DJANGO_ALLOW_ASYNC_UNSAFE): never in a real deployment.
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY", "ALLOWED_HOSTS", "BASE_URL", "SITE_NAME", "DJANGO_ALLOW_ASYNC_UNSAFE",
}  # fmt: skip


def production(code, **env):
    environ = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENVIRONMENT}
    environ.update(DJANGO_SETTINGS_MODULE="knowledge.settings.production", **env)
    return python("-c", code, environment=environ, timeout=120)


def test_the_deployment_check_is_clean_with_a_strong_key():
    for hosts in ("knowledge.example.org", "127.0.0.1"):
        out = production(
            "import django; django.setup(); from django.core.management import call_command;"
            "call_command('check', deploy=True, fail_level='WARNING')",
            SECRET_KEY=STRONG_KEY,
            ALLOWED_HOSTS=hosts,
        )
        assert "no issues" in out


def test_production_sends_hsts_and_redirects_plain_http(tmp_path):
    out = production(
        "import django, json; django.setup(); from django.test import Client;"
        "from django.test.utils import setup_test_environment; setup_test_environment();"
        "c = Client(HTTP_HOST='knowledge.example.org');"
        "secure = c.get('/healthz', secure=True); plain = c.get('/en/');"
        "from django.conf import settings;"
        "print(json.dumps({'hsts': secure.headers.get('Strict-Transport-Security'),"
        " 'redirect': plain.status_code, 'base_url': settings.WAGTAILADMIN_BASE_URL,"
        " 'name': str(settings.WAGTAIL_SITE_NAME)}))",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="knowledge.example.org",
        SITE_NAME="Kiln Exchange",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    result = json.loads(out.splitlines()[-1])
    assert result["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert result["redirect"] == 301, "plain HTTP is sent to HTTPS"
    assert result["base_url"] == "https://knowledge.example.org"
    assert result["name"] == "Kiln Exchange"
