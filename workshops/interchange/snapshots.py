"""Earlier versions of an agenda, kept in the interchange format so that any two can be compared."""

from ..models import AgendaVersion
from .export import workshop_data

# What a reader of the agenda sees; a change to anything else (a summary, say) keeps no earlier version.
AGENDA_KEYS = ("people", "days", "documents")
AGENDA_WORKSHOP_KEYS = ("agenda_status", "notes")


def agenda_part(data):
    return {
        **{key: data.get(key) for key in AGENDA_KEYS},
        **{key: data["workshop"].get(key) for key in AGENDA_WORKSHOP_KEYS},
    }


def _snapshot_file_path(document):
    return document.file.name


def public_agenda_data(workshop):
    """The agenda as its readers see it now, as an earlier version stores it."""
    return workshop_data(workshop, file_path=_snapshot_file_path, public_only=True)


def snapshot_agenda(*, workshop):
    """Keeps the agenda as it stands now as an earlier version."""
    return AgendaVersion.objects.create(
        workshop=workshop,
        status=workshop.agenda_status,
        issued_on=workshop.agenda_issued_on,
        snapshot=public_agenda_data(workshop),
    )
