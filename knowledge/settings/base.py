"""Settings shared by every environment; each environment module starts from these."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "knowledge"

INSTALLED_APPS = [
    # First: its `migrate` (a quieter wagtail-modeltranslation migrate) is the one Django runs.
    "operations",
    # modeltranslation must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "home",
    "casestudies",
    "glossary",
    "search",
    "images",
    "sharing",
    "dashboard",
    "briefs",
    "atlas",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the API docs' Swagger UI from our own static files, not a CDN
    "axes",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything checks the Host header: load balancers ask /healthz by address.
    "knowledge.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "knowledge.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "knowledge.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Partners see their own organisations' people by name, nobody else (dashboard/user_names.py).
    "dashboard.user_names.ViewerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "casestudies.middleware.ConsentMissingMiddleware",
    # Last: turns a login refused for too many failures into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "knowledge.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knowledge.context_processors.site",
                "briefs.selection.comparison",
            ],
        },
    },
]

WSGI_APPLICATION = "knowledge.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One machine, several processes: readers never wait for the writer (WAL); a transaction
    # that will write takes the lock as it begins (IMMEDIATE), so it never fails half-way; and
    # a writer waits for another instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses every login, right password or not, while an address or account is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site's languages, English first (the default), each named in itself for the switcher. This
# is the one list: code reads it through casestudies/languages.py.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ja", "日本語"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Field-by-field translation. A case study chooses its own fallback (its original language), so
# the global fallback only keeps listings from showing blanks.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = MODELTRANSLATION_LANGUAGES
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The site serves MEDIA_ROOT itself (/media/): one machine needs no other web server. Off where
# media live in object storage (production settings, MEDIA_BUCKET).
SERVE_MEDIA = True
# Where `make backup` writes its archives.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "backups")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The site's name (page titles, the admin, emails), and the address emails link to.
SITE_NAME = os.environ.get("SITE_NAME", "").strip() or _("Refugee Careers Knowledge Exchange")
WAGTAIL_SITE_NAME = SITE_NAME
BASE_URL = os.environ.get("BASE_URL", "").strip().rstrip("/") or "http://127.0.0.1:8000"
WAGTAILADMIN_BASE_URL = BASE_URL

# Mail: partner invitations and Wagtail's moderation notifications (submitted to the Moderators,
# approved or changes requested to the submitter, with the editor's comment). Each environment
# picks a backend; an environment that changes DEFAULT_FROM_EMAIL sets the two below again.
DEFAULT_FROM_EMAIL = "noreply@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# One email per event per person: the review task tells the editors (Moderators); Wagtail would
# also tell every superuser, twice over (once for the workflow, once for its task).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# The admin calls no one: no avatars from Gravatar (it would send a hash of each email
# address), no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False
# Wagtail's own search serves the admin; the public search is the `search` app.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public search: Elasticsearch 8/9 or an OpenSearch-compatible cluster when set, else the
# database engine. ELASTICSEARCH_INDEX names the alias; each rebuild makes a new index behind it.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL") or None
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "case-studies")
# A search waits this long for the cluster before the database engine answers it; then the
# cluster is skipped for the cool-down, and checked (alias, document count) every so often.
SEARCH_CLUSTER_TIMEOUT = float(os.environ.get("SEARCH_CLUSTER_TIMEOUT", "2"))
SEARCH_CLUSTER_WRITE_TIMEOUT = 30
SEARCH_CLUSTER_COOL_DOWN = 30
SEARCH_CLUSTER_CHECK_SECONDS = 60
# Index updates the cluster missed are tried again this often, by the worker.
SEARCH_RETRY_SECONDS = 20
# Each process writes its search log entries in one batch this often (0: at once).
SEARCH_LOG_FLUSH_SECONDS = 2

# Background tasks (django-tasks). Dev and test run them at once; production uses the database
# backend and a worker: `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILIMAGES_IMAGE_MODEL = "images.CaseStudyImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# 25 megapixels (a 6,124 x 4,082 photograph) at the most: decoding a picture takes 3 or 4
# bytes a pixel, and an upload or rendition must stay well within a small server's memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Page addresses keep the title's own letters, in any script (casestudies/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# "default" is each process's own; "shared" is the database's, one for all workers and
# machines, where the search index's task locks are kept (`migrate` makes its table).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"},
}

# "Share your practice" (sharing/): at most this many stories per client per window, as
# (count, seconds); counted in the cache under a hash, so no address is stored.
SHARE_RATE_LIMIT = (5, 60 * 60)
# The contact details of a shared practice are deleted this many days after an editor decides
# on it (`prune_shared_practices`, daily).
SHARE_CONTACT_DAYS = 30
# Where the client's address is in request.META. Behind a reverse proxy every request comes from
# the proxy: name the header the proxy sets, e.g. HTTP_X_REAL_IP (never one clients can forge).
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")

# Admin login lock-out (django-axes): after LOGIN_FAILURE_LIMIT failures from one address, or for
# one account, logins are refused (the right password too) for LOGIN_LOCKOUT_MINUTES. Attempts
# are counted in the database, so the limit holds across every worker and machine.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # keep no record of successful logins
AXES_LOCKOUT_CALLABLE = "knowledge.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "knowledge.security.client_address"

# Content-Security-Policy (django-csp): public pages run only the site's own scripts and styles,
# never inline ones. The admin gets a policy of its own (knowledge/security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
