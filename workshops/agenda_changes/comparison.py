"""What changed between two versions of a workshop's agenda: the engine of the page “Changes since the
provisional agenda”.

Earlier agendas are kept in the interchange format (AgendaVersion.snapshot is what
workshop_data(workshop, public_only=True) exported then), so both versions are compared as that data: the
engine needs no database, and any two versions can be compared.

Every printable word is lazy: the result can be built once and printed in English, French or Spanish.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from speakers.models import Role

from ..models import Workshop
from .matching import (
    Place,
    affiliation_text,
    day_label_of,
    day_text,
    document_entry,
    document_key,
    heading,
    interpolate,
    item_placement,
    merged_order,
    pair,
    pair_edited,
    pair_items,
    person_names,
    printed_title,
    question_entries,
    question_position,
    reordered_pairs,
    sub_questions,
    time,
    top_items,
)
from .model import AgendaChanges, Change, ChangeGroup, ChangeKind, Subject


def compare_agendas(earlier, current):
    """What changed from the `earlier` agenda to the `current` one, both as interchange-format data."""
    return _Comparison(earlier, current).run()


class _Comparison:
    def __init__(self, earlier, current):
        self.earlier, self.current = earlier, current
        self.earlier_names, self.current_names = person_names(earlier), person_names(current)
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
        place = Place(_("The agenda as a whole"))
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
        day_pairs = pair(
            earlier_days,
            current_days,
            (lambda day: day[1].get("date"), lambda day: day[1].get("label"), lambda day: day[0]),
        )
        current_day_of = {earlier: current for current, earlier in day_pairs.items()}
        earlier_items, current_items = top_items(self.earlier), top_items(self.current)
        earlier_places = [current_day_of.get(item.day) for item in earlier_items]
        current_places = [item.day for item in current_items]
        pairs = pair_items(earlier_items, current_items, earlier_places, current_places)

        for day_index, day in current_days:
            place = Place(day_label_of(day, day_index))
            earlier_index = day_pairs.get(day_index)
            if earlier_index is None:
                self.emit(place, ChangeKind.ADDED, Subject.DAY, after=day_text(day, day_index))
            else:
                earlier_day = earlier_days[earlier_index][1]
                self.changed(place, Subject.DAY, day_text(earlier_day, earlier_index), day_text(day, day_index))
            current_order = [index for index, item in enumerate(current_items) if item.day == day_index]
            stayed = [index for index in current_order if index in pairs and earlier_places[pairs[index]] == day_index]
            moved = reordered_pairs(pairs, stayed) | {index for index in current_order if index in pairs} - set(stayed)
            earlier_order = [index for index, item in enumerate(earlier_items) if item.day == earlier_index]
            for current_index, removed_index in merged_order(earlier_order, current_order, pairs):
                self.item_entry(earlier_items, current_items, pairs, current_index, removed_index, moved)

        for earlier_index, day in earlier_days:
            if earlier_index not in current_day_of:
                self.emit(
                    Place(day_label_of(day, earlier_index)),
                    ChangeKind.REMOVED,
                    Subject.DAY,
                    before=day_text(day, earlier_index),
                )
                earlier_order = [index for index, item in enumerate(earlier_items) if item.day == earlier_index]
                for _current, removed_index in merged_order(earlier_order, [], pairs):
                    self.removed_item(earlier_items[removed_index], anchor="")

    def item_entry(self, earlier_items, current_items, pairs, current_index, removed_index, moved, parent=None):
        if current_index is None:
            self.removed_item(earlier_items[removed_index], anchor=parent.anchor if parent else "")
        elif current_index not in pairs:
            item = current_items[current_index]
            self.emit(item, ChangeKind.ADDED, Subject.ITEM, after=printed_title(item.data))
            self.new_documents(item)
        else:
            self.item(earlier_items[pairs[current_index]], current_items[current_index], current_index in moved)

    def removed_item(self, item, anchor):
        self.emit(Place(item.where, anchor), ChangeKind.REMOVED, Subject.ITEM, before=printed_title(item.data))

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
                current, ChangeKind.MOVED, Subject.ITEM, before=item_placement(earlier), after=item_placement(current)
            )
        if (earlier.data["kind"], earlier.data.get("number")) != (current.data["kind"], current.data.get("number")):
            self.emit(
                current,
                ChangeKind.CHANGED,
                Subject.HEADING,
                before=heading(earlier.data),
                after=heading(current.data),
            )
        self.changed(current, Subject.TITLE, earlier.data["title"], current.data["title"])
        self.changed(current, Subject.TIME, time(earlier.data), time(current.data))
        self.changed(current, Subject.DESCRIPTION, earlier.data.get("description"), current.data.get("description"))
        self.questions(current, question_entries(earlier.data), question_entries(current.data))
        self.roles(current, earlier.data.get("roles") or [], current.data.get("roles") or [])
        self.documents(current, earlier.data.get("documents"), current.data.get("documents"))
        pairs = pair_items(earlier.children, current.children)
        moved = reordered_pairs(pairs, range(len(current.children)))
        for current_index, removed_index in merged_order(
            range(len(earlier.children)), range(len(current.children)), pairs
        ):
            self.item_entry(earlier.children, current.children, pairs, current_index, removed_index, moved, current)

    def questions(self, place, earlier, current):
        pairs = pair(earlier, current, (lambda question: question.text,))
        pair_edited([question.text for question in earlier], [question.text for question in current], pairs)

        def same_parent(index):
            earlier_parent, current_parent = earlier[pairs[index]].parent, current[index].parent
            return earlier_parent == (None if current_parent is None else pairs.get(current_parent, -1))

        stayed = [index for index in range(len(current)) if index in pairs and same_parent(index)]
        reordered = set()
        for parent in {current[index].parent for index in stayed}:
            reordered |= reordered_pairs(pairs, [index for index in stayed if current[index].parent == parent])

        for current_index, removed_index in merged_order(range(len(earlier)), range(len(current)), pairs):
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
                    before=question_position(was),
                    after=question_position(question),
                )
            if was.parent is None and question.parent is None and was.sub_count != question.sub_count:
                self.emit(
                    place,
                    ChangeKind.CHANGED,
                    Subject.QUESTION,
                    question=question.text,
                    before=sub_questions(was.sub_count),
                    after=sub_questions(question.sub_count),
                )

    def owner(self, role, names):
        return {"person": names.get(role["person"], role["person"]), "role": Role.Kind(role["role"]).label}

    def roles(self, place, earlier, current):
        pairs = pair(earlier, current, (lambda role: (role["person"], role["role"]), lambda role: role["person"]))
        moved = reordered_pairs(pairs, range(len(current)))
        for current_index, removed_index in merged_order(range(len(earlier)), range(len(current)), pairs):
            if current_index is None:
                role = earlier[removed_index]
                owner = self.owner(role, self.earlier_names)
                self.emit(place, ChangeKind.REMOVED, Subject.ROLE, before=affiliation_text(role) or None, **owner)
                continue
            role = current[current_index]
            owner = self.owner(role, self.current_names)
            if current_index not in pairs:
                self.emit(place, ChangeKind.ADDED, Subject.ROLE, after=affiliation_text(role) or None, **owner)
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
            self.changed(place, Subject.AFFILIATION, affiliation_text(was), affiliation_text(role), **owner)
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
        return interpolate(_("after %(name)s"), {"name": names.get(roles[index - 1]["person"], "")})

    def on_behalf_of(self, role, names):
        other = role.get("on_behalf_of")
        if not other:
            return None
        name, affiliation = names.get(other["person"], other["person"]), affiliation_text(other)
        return format_lazy("{}, {}", name, affiliation) if affiliation else name

    def documents(self, place, earlier, current, **owner):
        earlier, current = earlier or [], current or []
        pairs = pair(
            earlier,
            current,
            (lambda document: (*document_key(document), document.get("available") is not False), document_key),
        )
        for current_index, removed_index in merged_order(range(len(earlier)), range(len(current)), pairs):
            if current_index is None:
                self.emit(
                    place, ChangeKind.REMOVED, Subject.DOCUMENT, before=document_entry(earlier[removed_index]), **owner
                )
            elif current_index not in pairs:
                self.emit(
                    place, ChangeKind.ADDED, Subject.DOCUMENT, after=document_entry(current[current_index]), **owner
                )
            else:
                was, document = earlier[pairs[current_index]], current[current_index]
                if (was.get("available") is not False) != (document.get("available") is not False):
                    self.emit(
                        place,
                        ChangeKind.CHANGED,
                        Subject.DOCUMENT,
                        before=document_entry(was),
                        after=document_entry(document),
                        **owner,
                    )

    def footnotes(self):
        place = Place(_("Footnotes"))
        earlier, current = (agenda["workshop"].get("notes") or [] for agenda in (self.earlier, self.current))
        pairs = pair(earlier, current, (lambda note: note,))
        pair_edited(earlier, current, pairs)
        for current_index, removed_index in merged_order(range(len(earlier)), range(len(current)), pairs):
            if current_index is None:
                self.emit(place, ChangeKind.REMOVED, Subject.FOOTNOTE, before=earlier[removed_index])
            elif current_index not in pairs:
                self.emit(place, ChangeKind.ADDED, Subject.FOOTNOTE, after=current[current_index])
            else:
                self.changed(place, Subject.FOOTNOTE, earlier[pairs[current_index]], current[current_index])
