from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info, pgettext_lazy

from speakers.models import Role

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


@register.filter
def filesize(size):
    """Sizes as documents lists print them: 820 KB, 1.4 MB."""
    if size is None:
        return ""
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return ""


@register.filter
def language_name(code):
    """The name of an ISO 639-1 code in the reader's language, or the code where Django does not know it."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


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
