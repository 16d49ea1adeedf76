"""Test runs: fast hashing, in-memory e-mail and a throwaway media directory."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="idm-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve straight from the apps and static/ without collectstatic, as runserver does.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# django-axes wants the request in every authenticate() call, which the test client's login() does not pass;
# the lockout tests turn it back on for themselves.
AXES_ENABLED = False

# A page's ETag changes with each time slice (idm/core/caching.py); tests that request a page twice and expect
# the stored copy would fail whenever the two requests fell on either side of a minute.
PUBLIC_PAGE_CACHE_SECONDS = 3600
