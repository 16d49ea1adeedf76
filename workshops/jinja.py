"""The Jinja2 environment of the few fragments that Django's template language renders too slowly."""

from django.template import defaultfilters
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from idm.core.links import reverse_one
from workshops.formatting import clock, document_entry, person_name, role_groups


def linebreaks(value):
    return defaultfilters.linebreaks_filter(value, autoescape=True)


def environment(**options):
    # Lines that hold only a tag leave no indentation behind: the agenda would otherwise be a fifth spaces.
    env = Environment(extensions=["jinja2.ext.i18n"], lstrip_blocks=True, **options)
    # New-style gettext: `_("…")` escapes its result and fills %(name)s placeholders itself, as Django's tags do.
    # makemessages reads these templates as Django's and finds `{{ _("…") }}` with a literal string, so that is
    # the one form of translation used in them.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters.update(
        date=defaultfilters.date,
        linebreaks=linebreaks,
        clock=clock,
        person_name=person_name,
        document_entry=document_entry,
    )
    env.globals.update(url=reverse_one, role_groups=role_groups)
    return env
