"""How the agenda's entries are described to readers, shared by models and both template engines."""

from itertools import groupby

from django.utils.translation import get_language_info, pgettext_lazy

from idm.translation import per_language
from speakers.models import Role


def filesize(size):
    """Sizes as documents lists print them: 820 KB, 1.4 MB."""
    if size is None:
        return ""
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return ""


@per_language
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


def role_group_label(kind, count):
    """The heading over a group of roles, as the printed agenda has it: “Moderator”, “Speakers”."""
    singular, plural = ROLE_GROUP_LABELS[kind]
    return singular if count == 1 else plural


def role_groups(roles):
    """An item's roles as the agenda prints them: each run of one kind under its heading, in their order."""
    groups = [list(group) for _kind, group in groupby(roles, key=lambda role: role.kind)]
    return [(role_group_label(group[0].kind, len(group)), group) for group in groups]
