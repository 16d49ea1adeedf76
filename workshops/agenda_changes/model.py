"""What a comparison of two agendas finds: each change, its kind and subject, grouped by where it is."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    ADDED = "added", _("added")
    REMOVED = "removed", _("removed")
    MOVED = "moved", _("moved")
    CHANGED = "changed", _("changed")


class Subject(models.TextChoices):
    ITEM = "item", _("item")
    HEADING = "heading", _("heading")
    TIME = "time", _("time")
    TITLE = "title", _("title")
    DESCRIPTION = "description", _("description")
    ROLE = "role", _("role")
    NAME = "name", _("name")
    AFFILIATION = "affiliation", _("affiliation")
    ON_BEHALF_OF = "on_behalf_of", _("on behalf of")
    CAPTION = "caption", _("caption")
    QUESTION = "question", _("question")
    DOCUMENT = "document", _("document")
    DAY = "day", _("day")
    FOOTNOTE = "footnote", _("footnote")
    AGENDA_STATUS = "agenda_status", _("agenda status")


@dataclass(frozen=True)
class Change:
    """One difference, ready to print.

    `where` names the agenda item (or the part of the agenda) as printed, `anchor` is its fragment id on the
    current agenda page ("" when the current agenda has no such place). `before` and `after` are what each
    version prints, None where it prints nothing. `person` and `role` say whose role or document it is;
    `question` is the question concerned when before/after describe its place rather than its text.
    """

    kind: ChangeKind
    subject: Subject
    where: str
    anchor: str
    before: str | None = None
    after: str | None = None
    person: str = ""
    role: str = ""
    question: str = ""


@dataclass(frozen=True)
class ChangeGroup:
    """The changes to one agenda item (or one part of the agenda), under one heading on the page."""

    where: str
    anchor: str
    changes: list


@dataclass
class AgendaChanges:
    """Every change, grouped by item in the current agenda's printed order, removed items where they were."""

    groups: list = field(default_factory=list)

    @property
    def changes(self):
        return [change for group in self.groups for change in group.changes]

    @property
    def is_empty(self):
        return not self.groups

    @property
    def counts(self):
        """How many changes of each kind, for the summary line: {"added": 3, "removed": 0, ...}."""
        counts = dict.fromkeys(ChangeKind.values, 0)
        for change in self.changes:
            counts[change.kind.value] += 1
        return counts
