"""Settings shared by every environment; each reads the environment, never a secret default."""

import os
from pathlib import Path

import dj_database_url
import jinja2
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    "axes",
    "mailer",
    "idm.core",
    "speakers",
    "workshops",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "idm.core.site_url.site_url_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves a stored public page before the rest of the stack runs (idm/core/caching.py).
    "idm.core.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own answer.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed sign-ins before the usual check of the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "idm.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    # The agenda fragment only (`<app>/jinja2/`): printed by the hundred entries, it is what Django's template
    # language renders slowest (docs/performance.md).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "workshops.jinja.environment", "undefined": jinja2.StrictUndefined},
    },
]

WSGI_APPLICATION = "idm.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (postgres://...) switches to PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The server binds the parameters, and psycopg prepares a statement that a connection runs again, which the
    # agenda page's queries gain by (docs/performance.md). Prepared statements do not survive
    # a pooler in transaction mode (PgBouncer's default): there, set DJANGO_DATABASE_SERVER_SIDE_BINDING=0.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = (
        os.environ.get("DJANGO_DATABASE_SERVER_SIDE_BINDING", "1") != "0"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Zurich"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "IDM Secretariat <idm@localhost>")
# Where e-mail is queued (production): each queued message is locked while it is sent (SELECT … FOR UPDATE NOWAIT
# on PostgreSQL), which already keeps two senders from sending it twice; a lock file would tie them to one machine.
MAILER_USE_FILE_LOCK = False
# The log of sent e-mails keeps when and whether, not what: no address, name or private link of a participant stays
# there once they are erased.
MAILER_EMAIL_LOG_MESSAGE_DATA = False

LOGIN_URL = "admin:login"
# A form refused for its missing or stale token says so in the site's layout and the visitor's language.
CSRF_FAILURE_VIEW = "idm.core.error_pages.csrf_failure"

# Security headers, sent in every environment so that development shows what production will do.
# The site's own pages carry no inline script, style or event handler, so the policy allows none.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form controls' icons as data: SVG
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Repeated failed sign-ins lock the account out for that address (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_AXES_COOLOFF_HOURS", "1"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "idm.core.client_address.client_address"

# Uploaded documents: the largest file accepted, in bytes.
DOCUMENT_MAX_UPLOAD_SIZE = int(os.environ.get("DJANGO_DOCUMENT_MAX_UPLOAD_SIZE", str(50 * 1024 * 1024)))
# The text of a document that the library searches is read from its first pages and characters, for at most
# this long (workshops/text_extraction.py): the upload waits for it.
DOCUMENT_TEXT_MAX_PAGES = 200
DOCUMENT_TEXT_MAX_CHARACTERS = 200_000
DOCUMENT_TEXT_SECONDS = 10

# The workshop interchange format's schema is the shared contract, shipped with the app.
WORKSHOP_FORMAT_SCHEMA = BASE_DIR / "workshops" / "interchange" / "idm-workshop-format.schema.json"
CALENDAR_UID_DOMAIN = os.environ.get("DJANGO_CALENDAR_UID_DOMAIN", "idm-workshops.iom.int")

# Participant registration.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "idm"},
    # The rate limit counts submissions per client address in a table that every server process shares: a count
    # kept in each process's memory would let as many times the limit through as there are workers. `migrate`
    # creates its table, as it does the versions' (idm/core/caching.py).
    "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "idm_ratelimit"},
    # Public pages, rendered once per process and content version (idm/core/caching.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "idm-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # The content version that every process shares; `migrate` creates its table.
    "versions": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "idm_cache_versions",
        "TIMEOUT": None,
    },
}
# Edits show on the public pages at once; what changes with the clock alone (upcoming or past, registration
# opening) shows within this many seconds.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_PAGE_CACHE_SECONDS", "60"))
REGISTRATION_RATE_LIMIT = os.environ.get("DJANGO_REGISTRATION_RATE_LIMIT", "20/h")
# How long a participant's private link works, in seconds; a new one can be asked for at any time.
REGISTRATION_LINK_MAX_AGE = int(os.environ.get("DJANGO_REGISTRATION_LINK_MAX_AGE", str(60 * 60 * 24 * 365)))
# Where the site is reached from outside, for the links in e-mails (idm/core/site_url.py). Unset, in development, the
# address each request came to; outside a request, runserver's default address.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "")
DEFAULT_SITE_URL = "http://127.0.0.1:8000"
RATELIMIT_USE_CACHE = "ratelimit"
# A registration keeps the place it took only if its address is confirmed through the e-mailed link within this
# many hours; then the place goes to the next in line.
REGISTRATION_CONFIRMATION_HOURS = int(os.environ.get("DJANGO_REGISTRATION_CONFIRMATION_HOURS", "48"))
# Behind a reverse proxy, the request header (as Django names it, e.g. HTTP_X_FORWARDED_FOR) to which the
# proxy appends the visitor's address; empty when the site is reached directly. The registration rate limit and
# the sign-in lockout both count that address (idm/core/client_address.py), never the proxy's.
CLIENT_ADDRESS_HEADER = os.environ.get("DJANGO_CLIENT_ADDRESS_HEADER", "")
RATELIMIT_IP_META_KEY = "idm.core.client_address.client_address"

# Dates as the IDM prints them, in each of its languages.
FORMAT_MODULE_PATH = ["idm.formats"]
