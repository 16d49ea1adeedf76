"""The site's absolute address, for the links that leave its pages (e-mails, calendar files)."""

import contextvars

from django.conf import settings

_request = contextvars.ContextVar("idm_site_url_request", default=None)


def site_url():
    """The address without a trailing slash: DJANGO_SITE_URL when set (always in production); in development the
    address of the request being answered, so that a server on another port links to itself; outside a request
    (a management command) runserver's default address."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    request = _request.get()
    if request is None:
        return settings.DEFAULT_SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


def site_url_middleware(get_response):
    """Keeps the request at hand for site_url() while it is answered, e-mails sent after its commit included."""

    def middleware(request):
        token = _request.set(request)
        try:
            return get_response(request)
        finally:
            _request.reset(token)

    return middleware
