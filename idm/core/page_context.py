"""What a page is rendered for: the reader's language, the script prefix and the URLconf.

Django keeps each in an asgiref Local, and a read costs one to three microseconds. An agenda prints hundreds of
links and translated names, each of which needs them: `fixed()` reads them once for a fragment that cannot
change them while it renders.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

_fixed = contextvars.ContextVar("idm_page_context", default=None)


def _read():
    return get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


def current():
    """(language, script prefix, URLconf)."""
    return _fixed.get() or _read()


def language():
    fixed = _fixed.get()
    return fixed[0] if fixed else get_language()


@contextmanager
def fixed():
    """Within the block, current() and language() give what they gave on entry.

    Only for rendering that does not switch languages (no `translation.override()` inside).
    """
    token = _fixed.set(_read())
    try:
        yield
    finally:
        _fixed.reset(token)
