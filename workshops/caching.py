"""Public pages are rendered once per content version and answered with 304 when the reader already has them.

The content version is one value in the "versions" cache, a table in the database that every server process
reads. Any change the secretariat makes to what the public pages show replaces it, in the same transaction as
the change: the moment the change commits, every process sees the new version, and pages cached under the old
one (in each process's "pages" cache, keyed by version) are never served again. Nothing needs deleting.

What changes with the clock alone (upcoming or past, registration opening) is not an edit: it shows within
PUBLIC_PAGE_CACHE_SECONDS, the time slice that is part of every key and ETag.

Writes that send no signals (QuerySet.update, bulk_create without a save of the workshop in the same
transaction) must call bump_content_version() themselves.
"""

import hashlib
import time
import uuid
from datetime import UTC, datetime
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition
from simple_history.models import HistoricalChanges

VERSION_KEY = "public-pages"
# Apps whose records the public pages print. Registrations are left out: the public list of participants is
# never cached, and a version bump per submission would empty the cache during the registration rush.
WATCHED_APPS = ("workshops", "speakers", "reports")
UNWATCHED_MODELS = ("workshops.registration",)


def _new_version():
    return (uuid.uuid4().hex, time.time())


def content_version():
    """The current (token, changed at) pair; one query."""
    versions = caches["versions"]
    version = versions.get(VERSION_KEY)
    if version is None:
        # A fresh token rather than a constant: a table emptied by hand must not bring old pages back.
        versions.add(VERSION_KEY, _new_version(), timeout=None)
        version = versions.get(VERSION_KEY)
    return version


def bump_content_version(**_signal_arguments):
    caches["versions"].set(VERSION_KEY, _new_version(), timeout=None)


def _shows_on_public_pages(model):
    return (
        model._meta.app_label in WATCHED_APPS
        and model._meta.concrete_model._meta.label_lower not in UNWATCHED_MODELS
        and not issubclass(model, HistoricalChanges)
    )


def connect_invalidation():
    """Connected per model, so that deletes elsewhere keep Django's fast path that skips signals."""
    for model in apps.get_models(include_auto_created=True):
        if _shows_on_public_pages(model):
            uid = f"workshops.caching.{model._meta.label_lower}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid)
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid)
            m2m_changed.connect(bump_content_version, sender=model, dispatch_uid=uid)


def create_versions_table(using, **_signal_arguments):
    """The versions cache is a table outside the migrations; `migrate` creates it, so deployments need no step."""
    call_command("createcachetable", database=using, verbosity=0)


def connect(app_config):
    connect_invalidation()
    post_migrate.connect(create_versions_table, sender=app_config, dispatch_uid="workshops.caching.table")


# ---------------------------------------------------------------------------------------------------------------------
# The decorator for public pages.
# ---------------------------------------------------------------------------------------------------------------------


def _is_personal(request):
    """Signed-in secretariat (previews of drafts) and anyone with a message waiting always get a fresh page."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def _request_version(request):
    if not hasattr(request, "_public_page_version"):
        token, changed_at = content_version()
        slice_seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        slice_start = int(time.time() // slice_seconds * slice_seconds)
        fingerprint = f"{token}:{slice_start}:{get_language()}:{request.build_absolute_uri()}"
        request._public_page_version = (
            hashlib.sha256(fingerprint.encode()).hexdigest()[:32],
            datetime.fromtimestamp(max(changed_at, slice_start), tz=UTC),
        )
    return request._public_page_version


def _etag(request, *args, **kwargs):
    return _request_version(request)[0]


def _last_modified(request, *args, **kwargs):
    return _request_version(request)[1]


def _can_be_shared(request, response):
    """Only a page that is the same for every anonymous reader is stored: no cookie is about to be set (CSRF
    token, session, messages shown), no message rode on it."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
        and not len(get_messages(request))
    )


def public_page(view):
    """Caches a public GET page for anonymous readers and answers If-None-Match / If-Modified-Since with 304."""

    def cached(request, *args, **kwargs):
        pages = caches["pages"]
        key = f"page:{_etag(request)}"
        response = pages.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if _can_be_shared(request, response):
                pages.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(cached)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _is_personal(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        response = conditional(request, *args, **kwargs)
        # Browsers keep the page but ask each time; the answer is a 304 while nothing has changed.
        patch_cache_control(response, no_cache=True)
        # The same address is a preview for the secretariat, so shared caches must tell the two apart.
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped
