"""How the agenda's entries are described to readers, shared by models and both template engines.

The small pieces of markup below are printed by the hundred in an agenda. As functions, the Jinja2 agenda calls
them as filters, which costs a third of a macro call; they escape with markupsafe (Jinja2's, in C), at a tenth
of the cost of format_html, and the Markup they return is safe in Django's templates too.
"""

from itertools import groupby

from django.utils.translation import get_language_info, gettext, pgettext_lazy
from markupsafe import Markup, escape

from idm.core.translation import per_language
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


@per_language
def _role_group_heading(kind, plural):
    singular, plural_heading = ROLE_GROUP_LABELS[kind]
    return plural_heading if plural else singular


def role_group_label(kind, count):
    """The heading over a group of roles, as the printed agenda has it: “Moderator”, “Speakers”."""
    return _role_group_heading(kind, count != 1)


def role_groups(roles):
    """An item's roles as the agenda prints them: each run of one kind under its heading, in their order."""
    groups = [list(group) for _kind, group in groupby(roles, key=lambda role: role.kind)]
    return [(role_group_label(group[0].kind, len(group)), group) for group in groups]


def clock(time):
    """A time of the agenda, as readers and machines read it: 09:30."""
    hh_mm = time.strftime("%H:%M")
    return Markup(f'<time datetime="{hh_mm}">{hh_mm}</time>')


def person_name(person):
    """A person's name, linked to their page; the people of an earlier agenda, unsaved, have no page."""
    if person.pk:
        return Markup(f'<a class="person-name" href="{escape(person.get_absolute_url())}">{escape(person)}</a>')
    return Markup(f'<span class="person-name">{escape(person)}</span>')


def document_entry(document):
    """A document as every list prints it: its linked name and “(Presentation, French, 1.4 MB)”, or “(no
    document)” where the agenda records that there is none."""
    if not document.available:
        name = f"{document.kind_label}: {document.title}" if document.title else document.kind_label
        no_document = gettext("(no document)")  # outside the f-string, where makemessages finds it
        return escape(f"{name} {no_document}")
    link, details = document.link, document.details
    name = Markup(f'<a href="{escape(link)}">{escape(document)}</a>') if link else escape(document)
    return Markup(f'{name} <span class="text-muted">({escape(details)})</span>') if details else name
