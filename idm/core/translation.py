"""Translated names that pages print hundreds of times, looked up once per language."""

import functools

from . import page_context


def per_language(function):
    """Memoizes `function` of a few hashable arguments for each active language; its result is forced to text.

    The catalogs do not change while the process runs, so a name once translated stays right. An agenda prints
    the same kinds, languages and countries hundreds of times, and each lazy translation costs a catalog lookup.
    The arguments must come from a small closed set (choices, ISO codes), as nothing is ever evicted.
    """

    @functools.cache
    def translated(language, *args):
        return str(function(*args))

    @functools.wraps(function)
    def wrapper(*args):
        return translated(page_context.language(), *args)

    return wrapper
