"""Public pages are rendered once per content version and answered with 304 when the reader already has them.

The content version is one value in the "versions" cache, a table in the database that every server process
reads. Any change the secretariat makes to what the public pages show replaces it, in the same transaction as
the change: the moment the change commits, every process sees the new version. Each process keeps the finished
response of each address in its "pages" cache with the ETag it was rendered under, and serves it only while the
current version gives the same ETag. Nothing needs deleting.

What changes with the clock alone (upcoming or past, registration opening) is not an edit: it shows within
PUBLIC_PAGE_CACHE_SECONDS, the time slice that is part of every key and ETag.

Writes that send no signals (QuerySet.update, bulk_create without a save of the workshop in the same
transaction) must call bump_content_version() themselves.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag
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
            uid = f"idm.core.caching.{model._meta.label_lower}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid)
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid)
            m2m_changed.connect(bump_content_version, sender=model, dispatch_uid=uid)


def create_versions_table(using, **_signal_arguments):
    """The versions cache is a table outside the migrations; `migrate` creates it, so deployments need no step."""
    call_command("createcachetable", database=using, verbosity=0)


def connect(app_config):
    connect_invalidation()
    post_migrate.connect(create_versions_table, sender=app_config, dispatch_uid="idm.core.caching.table")


# ---------------------------------------------------------------------------------------------------------------------
# Public pages: the decorator gives them their validators (ETag, Last-Modified) and answers 304; the middleware,
# high in the stack, stores the finished response and serves it again while the validators hold.
# ---------------------------------------------------------------------------------------------------------------------


def _is_personal(request):
    """Signed-in secretariat (previews of drafts) and anyone with a message waiting always get a fresh page."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES


def _is_shared_read(request):
    return request.method in ("GET", "HEAD") and not _is_personal(request)


def _address(request):
    # The language is in the address: public pages are all under i18n_patterns' language prefix.
    return request.build_absolute_uri()


def _validators(request):
    """The page's ETag and Last-Modified (a timestamp) under the current content version; one query a request."""
    if not hasattr(request, "_public_page_validators"):
        token, changed_at = content_version()
        slice_seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        slice_start = int(time.time() // slice_seconds * slice_seconds)
        fingerprint = f"{token}:{slice_start}:{_address(request)}"
        request._public_page_validators = (
            quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32]),
            int(max(changed_at, slice_start)),
        )
    return request._public_page_validators


def _page_key(request):
    return "page:" + hashlib.sha256(_address(request).encode()).hexdigest()


def public_page(view):
    """A public GET page: the same for every anonymous reader until the content version changes."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _is_shared_read(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        etag, last_modified = _validators(request)
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = view(request, *args, **kwargs)
            # A message (an invalid filter, say) is for this reader only; one that was shown leaves no cookie
            # behind for the middleware to notice, so it is checked here.
            if not len(get_messages(request)):
                # Tells PublicPageCacheMiddleware that it may keep the response, unless it sets a cookie.
                request.public_page_etag = etag
        if 200 <= response.status_code < 300 or response.status_code == 304:
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(last_modified))
        # Browsers keep the page but ask each time; the answer is a 304 while nothing has changed.
        patch_cache_control(response, no_cache=True)
        # The same address is a preview for the secretariat, so shared caches must tell the two apart.
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped


class PublicPageCacheMiddleware:
    """Serves a stored public page before the rest of the stack runs; goes right after WhiteNoiseMiddleware.

    Each address keeps one stored response with its ETag. It is served only while that ETag is the one the
    current content version gives, which costs one query; addresses that are not public pages are never
    stored and cost nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_shared_read(request):
            return self.get_response(request)
        pages = caches["pages"]
        stored = pages.get(_page_key(request))
        if stored is not None:
            stored_etag, response = stored
            etag, last_modified = _validators(request)
            if stored_etag == etag:
                return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
        response = self.get_response(request)
        if self._can_be_shared(request, response):
            pages.set(_page_key(request), (request.public_page_etag, response), settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _can_be_shared(request, response):
        """Only a finished page that sets no cookie (CSRF token, session, messages shown) is the same for all."""
        return (
            hasattr(request, "public_page_etag")
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )
