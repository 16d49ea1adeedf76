from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info, pgettext_lazy

from speakers.models import Role
from workshops.formatting import language_name

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


ROLE_GROUP_LABELS = {
    Role.Kind.SPEAKER: (pgettext_lazy("agenda heading", "Speaker"), pgettext_lazy("agenda heading", "Speakers")),
    Role.Kind.MODERATOR: (pgettext_lazy("agenda heading", "Moderator"), pgettext_lazy("agenda heading", "Moderators")),
    Role.Kind.CHAIR: (pgettext_lazy("agenda heading", "Chair"), pgettext_lazy("agenda heading", "Chairs")),
    Role.Kind.DISCUSSANT: (
        pgettext_lazy("agenda heading", "Discussant"),
        pgettext_lazy("agenda heading", "Discussants"),
    ),
    Role.Kind.RAPPORTEUR: (
        pgettext_lazy("agenda heading", "Rapporteur"),
        pgettext_lazy("agenda heading", "Rapporteurs"),
    ),
}


@register.simple_tag
def role_group_label(kind, count):
    """The heading over a group of roles, as the printed agenda has it: “Moderator”, “Speakers”."""
    singular, plural = ROLE_GROUP_LABELS[kind]
    return singular if count == 1 else plural
