from django import template
from django.conf import settings
from django.template import engines
from django.urls import translate_url
from django.utils.translation import get_language_info

from idm import page_context
from workshops.formatting import document_entry, language_name, role_groups

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each of the site's languages, as plain links that need no JavaScript."""
    request = context["request"]
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
    ]


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
