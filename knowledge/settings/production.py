"""Production: everything from the environment (README, "Serving it"). Refuses to start without
SECRET_KEY and ALLOWED_HOSTS."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, STORAGES


def required_env(name, example):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in the environment for production, for example {example}."
        )
    return value


def env_flag(name, default):
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY", "SECRET_KEY=$(openssl rand -base64 48)")
ALLOWED_HOSTS = [
    host.strip()
    for host in required_env("ALLOWED_HOSTS", "ALLOWED_HOSTS=knowledge.example.org").split(",")
    if host.strip()
]

# HTTPS: on unless every allowed host is this machine's loopback, which no certificate covers
# (`make serve` tried on 127.0.0.1). Behind a proxy that ends TLS, the proxy says which requests
# came over HTTPS in X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER below).
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
HTTPS = env_flag("HTTPS", default=not set(ALLOWED_HOSTS) <= LOOPBACK)
PORT = int(os.environ.get("PORT", "8000"))
if HTTPS:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Browsers remember for a year to use HTTPS only; HSTS_SECONDS=0 turns it off.
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("HSTS_PRELOAD", True)
else:
    # Plain HTTP on loopback: nothing to redirect to, and secure cookies would never come back.
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]
proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO").strip()
SECURE_PROXY_SSL_HEADER = (proxy_header, "https") if proxy_header else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

SCHEME = "https" if HTTPS else "http"
CSRF_TRUSTED_ORIGINS = [f"{SCHEME}://{host}" for host in ALLOWED_HOSTS if "*" not in host]


def default_base_url():
    """The first allowed host, over HTTPS (or http://host:PORT on loopback)."""
    host = next((host.lstrip(".") for host in ALLOWED_HOSTS if "*" not in host), None)
    if host is None:
        raise ImproperlyConfigured(
            "BASE_URL must be set in the environment when ALLOWED_HOSTS is '*'."
        )
    return f"https://{host}" if HTTPS else f"http://{host}:{PORT}"


BASE_URL = os.environ.get("BASE_URL", "").strip().rstrip("/") or default_base_url()
WAGTAILADMIN_BASE_URL = BASE_URL

# Static files: hashed names, compressed, served with far-future cache headers by WhiteNoise.
STORAGES["staticfiles"] = {"BACKEND": "knowledge.storage.StaticFilesStorage"}

# Media: on this machine's disk (MEDIA_ROOT, served by the site), or, for several machines, in
# an S3-compatible bucket through django-storages (`pip install '.[s3]'`).
if bucket := os.environ.get("MEDIA_BUCKET", "").strip():
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("MEDIA_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_REGION") or None,
            "access_key": os.environ.get("MEDIA_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("MEDIA_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
    SERVE_MEDIA = False
    media_origin = (
        os.environ.get("MEDIA_CUSTOM_DOMAIN")
        or urlsplit(os.environ.get("MEDIA_ENDPOINT_URL", "")).netloc
    )
    if media_origin:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"https://{media_origin}")

# Index updates and other background tasks run in the worker `make serve` starts with the site.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
# STARTTLS (port 587) unless implicit TLS (port 465) is asked for: Django refuses both at once.
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", not EMAIL_USE_SSL)
# Wagtail sends moderation notifications during the request: a dead SMTP server must not hang it.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
