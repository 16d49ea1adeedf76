"""Production's stack for the benchmarks (DEBUG off, whitenoise, gunicorn), with a throwaway key, on loopback."""

import os

from idm.settings.base import *  # noqa: F403
from idm.settings.base import CACHES

SECRET_KEY = "bench-only-insecure-key"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"

# Static files straight from the apps, without a collectstatic run in every benchmark.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The ceiling: a rendered page's bytes as a file, served by whitenoise in front of the same Django stack.
WHITENOISE_ROOT = os.environ.get("BENCH_STATIC_ROOT") or None

# E-mails are rendered and queued as in production; only the mailer that sends them is left out.
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

if os.environ.get("BENCH_PAGE_CACHE") == "off":
    CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
