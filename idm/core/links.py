"""Links to the many objects of one page, built from a pattern reversed once rather than one reverse each."""

import functools

from django.urls import reverse

from . import page_context


def _placeholder(index, value):
    # A value the URL converter accepts (int or slug) and no address otherwise holds.
    return 918273645546372810 + index if isinstance(value, int) else f"placeholder-{index}-3f9c"


@functools.cache
def _pattern(viewname, names_and_placeholders, language, script_prefix, urlconf):
    return reverse(viewname, kwargs=dict(names_and_placeholders), urlconf=urlconf)


def reverse_one(viewname, **kwargs):
    """`reverse(viewname, kwargs=kwargs)` for slugs and integers, which need no quoting.

    The speaker index links to thousands of people and an agenda to hundreds of documents, and Django's
    reverse() resolves the pattern anew on each call (docs/performance.md). The pattern is reversed once for each
    language, script prefix and URLconf, and the values put in place of the placeholders.
    """
    placeholders = tuple((name, _placeholder(index, value)) for index, (name, value) in enumerate(kwargs.items()))
    link = _pattern(viewname, placeholders, *page_context.current())
    for (_name, placeholder), value in zip(placeholders, kwargs.values(), strict=True):
        link = link.replace(str(placeholder), str(value), 1)
    return link
