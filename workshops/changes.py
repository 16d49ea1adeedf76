"""What changed between two versions of a workshop's agenda: the engine of the page “Changes since the
provisional agenda”.

Earlier agendas are kept in the interchange format (AgendaVersion.snapshot is what
workshop_data(workshop, public_only=True) exported then), so both versions are compared as that data: the
engine needs no database, and any two versions can be compared.

Every printable word is lazy: the result can be built once and printed in English, French or Spanish.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import roman
from django.db import models
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from speakers.models import Role, printed_affiliation

from .models import AgendaItem, Document, Workshop, item_anchor, numbered_title

# How alike two texts must be for the second to count as an edit of the first rather than a new text.
EDIT_SIMILARITY = 0.8


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


def compare_agendas(earlier, current):
    """What changed from the `earlier` agenda to the `current` one, both as interchange-format data."""
    return _Comparison(earlier, current).run()


def _percent(message, values):
    return message % values


# Interpolates only when printed, so that the words are those of the reader's language.
_interpolate = lazy(_percent, str)


@dataclass(eq=False)
class _Place:
    where: str
    anchor: str = ""


@dataclass(eq=False)
class _Item:
    """An agenda item of one version, with where it is printed."""

    data: dict
    day: int
    day_label: str
    where: str
    anchor: str
    parent: "_Item | None"
    previous: "_Item | None"
    children: list = field(default_factory=list)


@dataclass(eq=False)
class _Question:
    text: str
    number: int
    parent: int | None = None  # the index, in the flat list, of the question this one is under
    sub: int | None = None
    sub_count: int = 0


def _heading(data):
    """“Session III” for numbered items, the kind alone otherwise, as AgendaItem.heading."""
    kind = AgendaItem.Kind(data["kind"]).label
    return format_lazy("{} {}", kind, roman.toRoman(data["number"])) if data.get("number") else kind


def _printed_title(data):
    return lazy(numbered_title, str)(_heading(data), data["title"]) if data.get("number") else data["title"]


def _anchor(data, day_index, parent):
    return item_anchor(
        kind=data["kind"],
        number=data.get("number"),
        title=data["title"],
        day_order=day_index + 1,
        parent_anchor=parent.anchor if parent else None,
    )


def _day_label(day, index):
    return day.get("label") or day.get("date") or _interpolate(_("Day %(number)s"), {"number": index + 1})


def _day_text(day, index):
    return " — ".join(part for part in (day.get("date"), day.get("label")) if part) or _day_label(day, index)


def _items(data, day_index, day_label, parent=None):
    items, previous = [], None
    for item_data in data:
        anchor = _anchor(item_data, day_index, parent)
        if parent:
            where = format_lazy("{} — {}", parent.where, _printed_title(item_data))
        elif item_data.get("number"):
            where = _printed_title(item_data)
        else:
            where = format_lazy("{} — {}", day_label, item_data["title"])
        item = _Item(item_data, day_index, day_label, where, anchor, parent, previous)
        item.children = _items(item_data.get("items") or [], day_index, day_label, parent=item)
        items.append(item)
        previous = item
    return items


def _top_items(agenda):
    return [
        item
        for index, day in enumerate(agenda.get("days") or [])
        for item in _items(day.get("items") or [], index, _day_label(day, index))
    ]


def _questions(item_data):
    """The item's questions as one list, each sub-question right after the question it is under."""
    flat = []
    for number, question in enumerate(item_data.get("questions") or [], start=1):
        if isinstance(question, str):
            question = {"text": question}
        subs = question.get("sub") or []
        parent = len(flat)
        flat.append(_Question(question["text"], number, sub_count=len(subs)))
        flat.extend(_Question(text, number, parent, sub) for sub, text in enumerate(subs, start=1))
    return flat


def _time(data):
    if not data.get("start"):
        return None
    return f"{data['start']}–{data['end']}" if data.get("end") else data["start"]


_lazy_affiliation = lazy(printed_affiliation, str)


def _affiliation(data):
    """As the agenda prints it, the country named in the reader's language; "" when the agenda prints none."""
    parts = (data.get("position") or "", data.get("organization") or "", data.get("country") or "")
    return _lazy_affiliation(*parts) if any(parts) else ""


def _names(agenda):
    return {
        person["id"]: " ".join(part for part in (person.get("honorific"), person["name"]) if part)
        for person in agenda.get("people") or []
    }


def _document(data):
    kind = Document.Kind(data["kind"]).label
    text = format_lazy("{}: {}", kind, data["title"]) if data.get("title") else kind
    if data.get("language"):
        text = format_lazy("{} ({})", text, data["language"])
    return text if data.get("available") is not False else format_lazy("{} — {}", text, _("no document"))


def _document_key(data):
    return (data["kind"], data.get("title") or "", data.get("language") or "")


def _item_placement(item):
    previous = {"item": _printed_title(item.previous.data)} if item.previous else None
    if item.parent:
        return _interpolate(_("after “%(item)s”"), previous) if previous else _("at the start")
    if previous:
        return _interpolate(_("%(day)s, after “%(item)s”"), {"day": item.day_label, **previous})
    return _interpolate(_("%(day)s, at the start"), {"day": item.day_label})


def _question_position(question):
    if question.sub:
        return _interpolate(
            _("sub-question %(sub)s of question %(number)s"), {"sub": question.sub, "number": question.number}
        )
    return _interpolate(_("question %(number)s"), {"number": question.number})


def _sub_questions(count):
    if not count:
        return _("no sub-questions")
    return _interpolate(ngettext_lazy("%(count)d sub-question", "%(count)d sub-questions", "count"), {"count": count})


def _pair(earlier, current, keys, *, earlier_places=None, current_places=None):
    """Pairs the entries of two versions: {current index: earlier index}.

    Each key is tried in turn on what is still unpaired (a key giving None leaves the entry out). Among equal
    keys an entry in the same place (the same day) is taken first, so that a “General Discussion” or a break
    repeated every day pairs with its own day's; then the first in printed order.
    """
    earlier_places = earlier_places or [None] * len(earlier)
    current_places = current_places or [None] * len(current)
    pairs = {}
    for key in keys:
        for same_place in (True, False):
            pool = defaultdict(list)
            taken = set(pairs.values())
            for index, entry in enumerate(earlier):
                value = key(entry)
                if index not in taken and value is not None:
                    pool[(earlier_places[index], value) if same_place else value].append(index)
            for index, entry in enumerate(current):
                value = key(entry)
                if index in pairs or value is None:
                    continue
                options = pool.get((current_places[index], value) if same_place else value)
                if options:
                    pairs[index] = options.pop(0)
    return pairs


def _pair_lone_kinds(earlier, current, pairs, earlier_places, current_places):
    """Pairs the one unnumbered item of a kind left unpaired on each side of a day: its title was edited."""
    left = defaultdict(lambda: ([], []))
    taken = set(pairs.values())
    for side, items, places, done in ((0, earlier, earlier_places, taken), (1, current, current_places, pairs)):
        for index, item in enumerate(items):
            if index not in done and not item.data.get("number"):
                left[(places[index], item.data["kind"])][side].append(index)
    for earlier_left, current_left in left.values():
        if len(earlier_left) == len(current_left) == 1:
            pairs[current_left[0]] = earlier_left[0]


def _pair_edited(earlier_texts, current_texts, pairs):
    """Pairs a text left unpaired with the most alike text left on the other side, when it is a mere edit."""
    for index, text in enumerate(current_texts):
        if index in pairs:
            continue
        taken = set(pairs.values())
        ratios = [
            (SequenceMatcher(None, earlier_text, text).ratio(), earlier_index)
            for earlier_index, earlier_text in enumerate(earlier_texts)
            if earlier_index not in taken
        ]
        ratio, earlier_index = max(ratios, default=(0, None))
        if ratio >= EDIT_SIMILARITY:
            pairs[index] = earlier_index


def _out_of_order(sequence):
    """Positions off a longest increasing run of `sequence`: the fewest entries that account for the new order.

    Something inserted before an entry leaves it in order; only what changed places relative to the rest is out.
    """
    length, previous = [1] * len(sequence), [-1] * len(sequence)
    for position, value in enumerate(sequence):
        for before in range(position):
            if sequence[before] < value and length[before] + 1 > length[position]:
                length[position], previous[position] = length[before] + 1, before
    kept, position = set(), max(range(len(sequence)), key=length.__getitem__, default=-1)
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return {position for position in range(len(sequence)) if position not in kept}


def _reordered(pairs, among):
    """The current entries, of those in `among`, whose order relative to one another changed."""
    order = [index for index in among if index in pairs]
    return {order[position] for position in _out_of_order([pairs[index] for index in order])}


def _merged(earlier_order, current_order, pairs):
    """(current index, None) for each current entry in order, (None, earlier index) for each removed one,
    placed right after the entry it followed."""
    here = {pairs[index]: index for index in current_order if index in pairs}
    paired = set(pairs.values())
    removed_after, previous = defaultdict(list), None
    for index in earlier_order:
        if index in here:
            previous = here[index]
        elif index not in paired:
            removed_after[previous].append(index)
    merged = [(None, index) for index in removed_after[None]]
    for index in current_order:
        merged.append((index, None))
        merged.extend((None, removed) for removed in removed_after[index])
    return merged


_ITEM_KEYS = (
    lambda item: (item.data["kind"], item.data.get("number"), item.data["title"]),
    # A session renumbered because another was inserted keeps its title.
    lambda item: (item.data["kind"], item.data["title"]),
    lambda item: (item.data["kind"], item.data["number"]) if item.data.get("number") else None,
    lambda item: item.data["title"],
)


def _pair_items(earlier, current, earlier_places=None, current_places=None):
    earlier_places = earlier_places or [None] * len(earlier)
    current_places = current_places or [None] * len(current)
    pairs = _pair(earlier, current, _ITEM_KEYS, earlier_places=earlier_places, current_places=current_places)
    _pair_lone_kinds(earlier, current, pairs, earlier_places, current_places)
    return pairs


class _Comparison:
    def __init__(self, earlier, current):
        self.earlier, self.current = earlier, current
        self.earlier_names, self.current_names = _names(earlier), _names(current)
        self.groups, self.place = [], None

    def emit(self, place, kind, subject, **values):
        if place is not self.place:
            self.groups.append(ChangeGroup(place.where, place.anchor, []))
            self.place = place
        self.groups[-1].changes.append(Change(kind, subject, place.where, place.anchor, **values))

    def changed(self, place, subject, before, after, **values):
        before, after = before or None, after or None
        if before != after:
            self.emit(place, ChangeKind.CHANGED, subject, before=before, after=after, **values)

    def run(self):
        place = _Place(_("The agenda as a whole"))
        before, after = (
            Workshop.AgendaStatus(agenda["workshop"].get("agenda_status") or Workshop.AgendaStatus.DRAFT)
            for agenda in (self.earlier, self.current)
        )
        if before != after:
            self.emit(place, ChangeKind.CHANGED, Subject.AGENDA_STATUS, before=before.label, after=after.label)
        self.documents(place, self.earlier.get("documents"), self.current.get("documents"))
        self.days()
        self.footnotes()
        return AgendaChanges(self.groups)

    def days(self):
        earlier_days, current_days = (
            list(enumerate(agenda.get("days") or [])) for agenda in (self.earlier, self.current)
        )
        day_pairs = _pair(
            earlier_days,
            current_days,
            (lambda day: day[1].get("date"), lambda day: day[1].get("label"), lambda day: day[0]),
        )
        current_day_of = {earlier: current for current, earlier in day_pairs.items()}
        earlier_items, current_items = _top_items(self.earlier), _top_items(self.current)
        earlier_places = [current_day_of.get(item.day) for item in earlier_items]
        current_places = [item.day for item in current_items]
        pairs = _pair_items(earlier_items, current_items, earlier_places, current_places)

        for day_index, day in current_days:
            place = _Place(_day_label(day, day_index))
            earlier_index = day_pairs.get(day_index)
            if earlier_index is None:
                self.emit(place, ChangeKind.ADDED, Subject.DAY, after=_day_text(day, day_index))
            else:
                earlier_day = earlier_days[earlier_index][1]
                self.changed(place, Subject.DAY, _day_text(earlier_day, earlier_index), _day_text(day, day_index))
            current_order = [index for index, item in enumerate(current_items) if item.day == day_index]
            stayed = [index for index in current_order if index in pairs and earlier_places[pairs[index]] == day_index]
            moved = _reordered(pairs, stayed) | {index for index in current_order if index in pairs} - set(stayed)
            earlier_order = [index for index, item in enumerate(earlier_items) if item.day == earlier_index]
            for current_index, removed_index in _merged(earlier_order, current_order, pairs):
                self.item_entry(earlier_items, current_items, pairs, current_index, removed_index, moved)

        for earlier_index, day in earlier_days:
            if earlier_index not in current_day_of:
                self.emit(
                    _Place(_day_label(day, earlier_index)),
                    ChangeKind.REMOVED,
                    Subject.DAY,
                    before=_day_text(day, earlier_index),
                )
                earlier_order = [index for index, item in enumerate(earlier_items) if item.day == earlier_index]
                for _current, removed_index in _merged(earlier_order, [], pairs):
                    self.removed_item(earlier_items[removed_index], anchor="")

    def item_entry(self, earlier_items, current_items, pairs, current_index, removed_index, moved, parent=None):
        if current_index is None:
            self.removed_item(earlier_items[removed_index], anchor=parent.anchor if parent else "")
        elif current_index not in pairs:
            item = current_items[current_index]
            self.emit(item, ChangeKind.ADDED, Subject.ITEM, after=_printed_title(item.data))
            self.new_documents(item)
        else:
            self.item(earlier_items[pairs[current_index]], current_items[current_index], current_index in moved)

    def removed_item(self, item, anchor):
        self.emit(_Place(item.where, anchor), ChangeKind.REMOVED, Subject.ITEM, before=_printed_title(item.data))

    def new_documents(self, item):
        """A new item's documents are listed one by one all the same: documents are what readers come back for."""
        self.documents(item, [], item.data.get("documents"))
        for role in item.data.get("roles") or []:
            self.documents(item, [], role.get("documents"), **self.owner(role, self.current_names))
        for child in item.children:
            self.new_documents(child)

    def item(self, earlier, current, moved):
        if moved:
            self.emit(
                current, ChangeKind.MOVED, Subject.ITEM, before=_item_placement(earlier), after=_item_placement(current)
            )
        if (earlier.data["kind"], earlier.data.get("number")) != (current.data["kind"], current.data.get("number")):
            self.emit(
                current,
                ChangeKind.CHANGED,
                Subject.HEADING,
                before=_heading(earlier.data),
                after=_heading(current.data),
            )
        self.changed(current, Subject.TITLE, earlier.data["title"], current.data["title"])
        self.changed(current, Subject.TIME, _time(earlier.data), _time(current.data))
        self.changed(current, Subject.DESCRIPTION, earlier.data.get("description"), current.data.get("description"))
        self.questions(current, _questions(earlier.data), _questions(current.data))
        self.roles(current, earlier.data.get("roles") or [], current.data.get("roles") or [])
        self.documents(current, earlier.data.get("documents"), current.data.get("documents"))
        pairs = _pair_items(earlier.children, current.children)
        moved = _reordered(pairs, range(len(current.children)))
        for current_index, removed_index in _merged(range(len(earlier.children)), range(len(current.children)), pairs):
            self.item_entry(earlier.children, current.children, pairs, current_index, removed_index, moved, current)

    def questions(self, place, earlier, current):
        pairs = _pair(earlier, current, (lambda question: question.text,))
        _pair_edited([question.text for question in earlier], [question.text for question in current], pairs)

        def same_parent(index):
            earlier_parent, current_parent = earlier[pairs[index]].parent, current[index].parent
            return earlier_parent == (None if current_parent is None else pairs.get(current_parent, -1))

        stayed = [index for index in range(len(current)) if index in pairs and same_parent(index)]
        reordered = set()
        for parent in {current[index].parent for index in stayed}:
            reordered |= _reordered(pairs, [index for index in stayed if current[index].parent == parent])

        for current_index, removed_index in _merged(range(len(earlier)), range(len(current)), pairs):
            if current_index is None:
                self.emit(place, ChangeKind.REMOVED, Subject.QUESTION, before=earlier[removed_index].text)
                continue
            question = current[current_index]
            if current_index not in pairs:
                self.emit(place, ChangeKind.ADDED, Subject.QUESTION, after=question.text)
                continue
            was = earlier[pairs[current_index]]
            self.changed(place, Subject.QUESTION, was.text, question.text)
            if current_index in reordered or current_index not in stayed:
                self.emit(
                    place,
                    ChangeKind.MOVED,
                    Subject.QUESTION,
                    question=question.text,
                    before=_question_position(was),
                    after=_question_position(question),
                )
            if was.parent is None and question.parent is None and was.sub_count != question.sub_count:
                self.emit(
                    place,
                    ChangeKind.CHANGED,
                    Subject.QUESTION,
                    question=question.text,
                    before=_sub_questions(was.sub_count),
                    after=_sub_questions(question.sub_count),
                )

    def owner(self, role, names):
        return {"person": names.get(role["person"], role["person"]), "role": Role.Kind(role["role"]).label}

    def roles(self, place, earlier, current):
        pairs = _pair(earlier, current, (lambda role: (role["person"], role["role"]), lambda role: role["person"]))
        moved = _reordered(pairs, range(len(current)))
        for current_index, removed_index in _merged(range(len(earlier)), range(len(current)), pairs):
            if current_index is None:
                role = earlier[removed_index]
                owner = self.owner(role, self.earlier_names)
                self.emit(place, ChangeKind.REMOVED, Subject.ROLE, before=_affiliation(role) or None, **owner)
                continue
            role = current[current_index]
            owner = self.owner(role, self.current_names)
            if current_index not in pairs:
                self.emit(place, ChangeKind.ADDED, Subject.ROLE, after=_affiliation(role) or None, **owner)
                self.documents(place, [], role.get("documents"), **owner)
                continue
            was = earlier[pairs[current_index]]
            if current_index in moved:
                self.emit(
                    place,
                    ChangeKind.MOVED,
                    Subject.ROLE,
                    before=self.role_placement(earlier, pairs[current_index], self.earlier_names),
                    after=self.role_placement(current, current_index, self.current_names),
                    **owner,
                )
            if was["role"] != role["role"]:
                self.emit(
                    place,
                    ChangeKind.CHANGED,
                    Subject.ROLE,
                    before=Role.Kind(was["role"]).label,
                    after=owner["role"],
                    person=owner["person"],
                )
            self.changed(place, Subject.NAME, self.earlier_names.get(was["person"]), owner["person"], **owner)
            self.changed(place, Subject.AFFILIATION, _affiliation(was), _affiliation(role), **owner)
            self.changed(
                place,
                Subject.ON_BEHALF_OF,
                self.on_behalf_of(was, self.earlier_names),
                self.on_behalf_of(role, self.current_names),
                **owner,
            )
            self.changed(place, Subject.CAPTION, was.get("label"), role.get("label"), **owner)
            self.documents(place, was.get("documents"), role.get("documents"), **owner)

    def role_placement(self, roles, index, names):
        if not index:
            return _("listed first")
        return _interpolate(_("after %(name)s"), {"name": names.get(roles[index - 1]["person"], "")})

    def on_behalf_of(self, role, names):
        other = role.get("on_behalf_of")
        if not other:
            return None
        name, affiliation = names.get(other["person"], other["person"]), _affiliation(other)
        return format_lazy("{}, {}", name, affiliation) if affiliation else name

    def documents(self, place, earlier, current, **owner):
        earlier, current = earlier or [], current or []
        pairs = _pair(
            earlier,
            current,
            (lambda document: (*_document_key(document), document.get("available") is not False), _document_key),
        )
        for current_index, removed_index in _merged(range(len(earlier)), range(len(current)), pairs):
            if current_index is None:
                self.emit(
                    place, ChangeKind.REMOVED, Subject.DOCUMENT, before=_document(earlier[removed_index]), **owner
                )
            elif current_index not in pairs:
                self.emit(place, ChangeKind.ADDED, Subject.DOCUMENT, after=_document(current[current_index]), **owner)
            else:
                was, document = earlier[pairs[current_index]], current[current_index]
                if (was.get("available") is not False) != (document.get("available") is not False):
                    self.emit(
                        place,
                        ChangeKind.CHANGED,
                        Subject.DOCUMENT,
                        before=_document(was),
                        after=_document(document),
                        **owner,
                    )

    def footnotes(self):
        place = _Place(_("Footnotes"))
        earlier, current = (agenda["workshop"].get("notes") or [] for agenda in (self.earlier, self.current))
        pairs = _pair(earlier, current, (lambda note: note,))
        _pair_edited(earlier, current, pairs)
        for current_index, removed_index in _merged(range(len(earlier)), range(len(current)), pairs):
            if current_index is None:
                self.emit(place, ChangeKind.REMOVED, Subject.FOOTNOTE, before=earlier[removed_index])
            elif current_index not in pairs:
                self.emit(place, ChangeKind.ADDED, Subject.FOOTNOTE, after=current[current_index])
            else:
                self.changed(place, Subject.FOOTNOTE, earlier[pairs[current_index]], current[current_index])
