"""The agenda's template tags: its tree, its roles under their headings, its documents, their languages."""

from django import template
from django.template import engines

from idm.core import page_context
from workshops.formatting import document_entry, language_name, role_groups

register = template.Library()

register.filter(language_name)


# The agenda's grouping of roles under their headings, for the printed agenda as for the page.
register.simple_tag(role_groups)


@register.simple_tag
def agenda_tree(agenda):
    """The days and items of an agenda, as build_agenda() or agenda_from_snapshot() gives it."""
    # A Jinja2 macro, whose markup Django's templates do not escape again.
    macros = engines["jinja2"].env.get_template("workshops/agenda.html").module
    with page_context.fixed():
        return macros.agenda_tree(agenda)


register.simple_tag(document_entry)
