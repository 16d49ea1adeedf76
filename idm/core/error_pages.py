"""The 403, 404, 500 and CSRF-failure pages, in the site's layout and the visitor's language, with a way back."""

from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

ERRORS = {
    "not_found": (
        404,
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the address may have been mistyped."),
    ),
    "forbidden": (
        403,
        _("You may not open this page"),
        _("Your account does not have permission for this page. If you need it, ask the secretariat's administrator."),
    ),
    "csrf_failure": (
        403,
        _("The form could not be sent"),
        _(
            "The page had been open too long, or your browser refused the site's cookie. "
            "Go back, reload the page and send the form again."
        ),
    ),
    "server_error": (
        500,
        _("Something went wrong on our side"),
        _("The page could not be shown. Please try again in a few minutes."),
    ),
}


def _error_page(request, error, *, with_context_processors=True):
    status, heading, explanation = ERRORS[error]
    context = {"heading": heading, "explanation": explanation}
    # A failure before the locale middleware (the page cache reads the database first) has not chosen the language.
    with translation.override(translation.get_language_from_request(request, check_path=True)):
        if with_context_processors:
            content = loader.render_to_string("error_page.html", context, request)
        else:
            # The request as a plain variable, for the language links: the context processors (the user, the
            # messages) read the session, which may be in the database that has just failed.
            content = loader.render_to_string("error_page.html", {**context, "request": request})
    return HttpResponse(content, status=status)


def page_not_found(request, exception):
    return _error_page(request, "not_found")


def permission_denied(request, exception):
    return _error_page(request, "forbidden")


def csrf_failure(request, reason=""):
    return _error_page(request, "csrf_failure")


def server_error(request):
    return _error_page(request, "server_error", with_context_processors=False)
