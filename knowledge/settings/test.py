from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "build" / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The search suite runs each behavioural test on both engines: Elasticsearch on the in-memory
# osmem-server, or on the real cluster named by ELASTICSEARCH_URL for the test run. Other tests
# use the database engine only.
TEST_ELASTICSEARCH_URL = ELASTICSEARCH_URL  # noqa: F405
ELASTICSEARCH_URL = None

# Static files from the apps' folders, as in development (no collectstatic before the tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Search log entries are written at once, so that a test sees them after its request.
SEARCH_LOG_FLUSH_SECONDS = 0
