"""Brings a workshop in from the interchange format: creates it, or brings the stored one up to date.

A re-import keeps the identity (primary key, and so every public link) of each day, agenda item, question,
role and document that it matches, updating it in place; only what the file no longer has is deleted. The
matching keys are those of docs/interchange-format.md, “Re-importing a workshop”.
"""

import datetime
import hashlib
from collections import defaultdict, deque
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from speakers.models import Person, Role
from speakers.services import default_sort_name

from ..history import recorded_as
from ..models import AgendaItem, AgendaVersion, Day, Document, Partner, Question, Theme, Workshop
from ..services.documents import store_document_text
from .snapshots import agenda_part, public_agenda_data
from .validation import InvalidWorkshopFile, validate


def _store_file(*, source, workshop_slug):
    """Stores an attached file once: a re-import of the same bytes reuses the stored file."""
    name = f"documents/{workshop_slug}/{source.name}"
    content = source.read_bytes()
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            if hashlib.sha256(stored.read()).digest() == hashlib.sha256(content).digest():
                return name, len(content)
    with source.open("rb") as handle:
        return default_storage.save(name, File(handle, name=source.name)), len(content)


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


class _Stored:
    """The stored objects of one kind, by matching key, in their stored order.

    Of several objects with the same key, the file's first takes the first stored one, and so on. What no entry
    of the file claims is what the file removed.
    """

    def __init__(self, objects, key):
        self.pools = defaultdict(deque)
        for obj in objects:
            self.pools[key(obj)].append(obj)

    def claim(self, key):
        pool = self.pools.get(key)
        return pool.popleft() if pool else None

    def unclaimed(self):
        return [obj.pk for pool in self.pools.values() for obj in pool]


def _write(model, stored, **fields):
    """Creates the object, or updates the stored one in place; saved (and so recorded) only when it differs."""
    if stored is None:
        return model.objects.create(**fields)
    changed = {name: value for name, value in fields.items() if getattr(stored, name) != value}
    for name, value in changed.items():
        setattr(stored, name, value)
    if changed:
        stored.save(update_fields=list(changed))
    return stored


def _day_key(date, label):
    return ("date", date) if date else ("label", label)


def _item_key(day_id, parent_id, kind, number, title):
    return (day_id, parent_id, kind, ("number", number) if number else ("title", title))


class _AgendaWriter:
    def __init__(self, *, workshop, people, base_dir):
        self.workshop = workshop
        self.people = people
        self.base_dir = Path(base_dir) if base_dir else None
        on_agenda = {"item__day__workshop": workshop}
        self.days = _Stored(workshop.days.order_by("order", "pk"), lambda day: _day_key(day.date, day.label))
        self.items = _Stored(
            AgendaItem.objects.filter(day__workshop=workshop).order_by("order", "pk"),
            lambda item: _item_key(item.day_id, item.parent_id, item.kind, item.number, item.title),
        )
        self.questions = _Stored(
            Question.objects.filter(**on_agenda).order_by("order", "pk"),
            lambda question: (question.item_id, question.parent_id, question.text),
        )
        self.roles = _Stored(
            Role.objects.filter(**on_agenda).order_by("order", "pk"),
            lambda role: (role.item_id, role.person_id, role.kind),
        )
        self.documents = _Stored(
            workshop.documents.order_by("order", "pk"),
            lambda document: (document.item_id, document.role_id, document.kind, document.title),
        )

    def remove_unclaimed(self):
        """Deletes what the file no longer has; the parts of what is kept are never among it."""
        for model, stored in (
            (Document, self.documents),
            (Role, self.roles),
            (Question, self.questions),
            (AgendaItem, self.items),
            (Day, self.days),
        ):
            model.objects.filter(pk__in=stored.unclaimed()).delete()

    def day(self, data, *, order):
        date, label = _date(data.get("date")), data.get("label") or ""
        stored = self.days.claim(_day_key(date, label))
        return _write(Day, stored, workshop_id=self.workshop.pk, date=date, label=label, order=order)

    def write_documents(self, documents, *, item=None, role=None):
        item_id, role_id = item.pk if item else None, role.pk if role else None
        for order, data in enumerate(documents or [], start=1):
            kind, title = data["kind"], data.get("title") or ""
            stored = self.documents.claim((item_id, role_id, kind, title))
            file_name, size = "", None
            if data.get("file"):
                file_name, size = _store_file(source=self.base_dir / data["file"], workshop_slug=self.workshop.slug)
            previous_file = stored.file.name if stored else None
            document = _write(
                Document,
                stored,
                workshop_id=self.workshop.pk,
                item_id=item_id,
                role_id=role_id,
                kind=kind,
                title=title,
                language=data.get("language") or "",
                file=file_name,
                size=size,
                url=data.get("url") or "",
                available=data.get("available") is not False,
                order=order,
            )
            if file_name and file_name != previous_file:
                store_document_text(document=document)

    def question(self, text, *, item, parent, order):
        stored = self.questions.claim((item.pk, parent.pk if parent else None, text))
        return _write(
            Question, stored, item_id=item.pk, parent_id=parent.pk if parent else None, text=text, order=order
        )

    def role(self, data, *, item, order):
        person = self.people[data["person"]]
        stored = self.roles.claim((item.pk, person.pk, data["role"]))
        on_behalf_of = data.get("on_behalf_of") or {}
        role = _write(
            Role,
            stored,
            item_id=item.pk,
            person_id=person.pk,
            kind=data["role"],
            position=data.get("position") or "",
            organization=data.get("organization") or "",
            country=data.get("country") or "",
            label=data.get("label") or "",
            on_behalf_of_id=self.people[on_behalf_of["person"]].pk if on_behalf_of else None,
            on_behalf_of_position=on_behalf_of.get("position") or "",
            on_behalf_of_organization=on_behalf_of.get("organization") or "",
            on_behalf_of_country=on_behalf_of.get("country") or "",
            order=order,
        )
        self.write_documents(data.get("documents"), role=role)

    def item(self, data, *, day, parent, order):
        parent_id = parent.pk if parent else None
        number = data.get("number")
        stored = self.items.claim(_item_key(day.pk, parent_id, data["kind"], number, data["title"]))
        item = _write(
            AgendaItem,
            stored,
            day_id=day.pk,
            parent_id=parent_id,
            kind=data["kind"],
            number=number,
            title=data["title"],
            start=_time(data.get("start")),
            end=_time(data.get("end")),
            description=data.get("description") or "",
            order=order,
        )
        for question_order, question in enumerate(data.get("questions") or [], start=1):
            if isinstance(question, str):
                question = {"text": question}
            parent_question = self.question(question["text"], item=item, parent=None, order=question_order)
            for sub_order, text in enumerate(question.get("sub") or [], start=1):
                self.question(text, item=item, parent=parent_question, order=sub_order)
        for role_order, role_data in enumerate(data.get("roles") or [], start=1):
            self.role(role_data, item=item, order=role_order)
        self.write_documents(data.get("documents"), item=item)
        for child_order, child in enumerate(data.get("items") or [], start=1):
            self.item(child, day=day, parent=item, order=child_order)


def _upsert_people(people_data):
    people = {}
    for data in people_data:
        person, created = Person.objects.get_or_create(
            slug=data["id"],
            defaults={
                "name": data["name"],
                "honorific": data.get("honorific") or "",
                "sort_name": default_sort_name(data["name"]),
            },
        )
        honorific = data.get("honorific") or ""
        if not created and (person.name, person.honorific) != (data["name"], honorific):
            person.name, person.honorific = data["name"], honorific
            person.save(update_fields=["name", "honorific"])
        people[person.slug] = person
    return people


@transaction.atomic
def import_workshop(*, data, base_dir=None, user=None):
    """Creates or updates a workshop from the interchange format; all or nothing. The history records `user`
    as the author of every change.

    When a published agenda is replaced by a different one, the published one is kept as
    an earlier version, so that readers can see what changed.
    """
    problems = validate(data, base_dir=base_dir)
    if problems:
        raise InvalidWorkshopFile(problems)
    with recorded_as(user):
        return _import(data, base_dir)


def _import(data, base_dir):
    facts = data["workshop"]
    workshop = Workshop.objects.select_for_update().filter(slug=facts["slug"]).first()
    previous = public_agenda_data(workshop) if workshop else None
    previous_status = workshop.agenda_status if workshop else None
    previous_issued_on = workshop.agenda_issued_on if workshop else None
    was_public = workshop is not None and workshop.has_public_agenda
    if workshop is None:
        workshop = Workshop(slug=facts["slug"])

    theme = None
    if facts.get("theme"):
        theme, _ = Theme.objects.update_or_create(
            year=facts["theme"]["year"], defaults={"title": facts["theme"]["title"]}
        )
    attendance = facts.get("attendance") or {}
    workshop.title = facts["title"]
    workshop.kind = facts["kind"]
    workshop.theme = theme
    workshop.start_date = datetime.date.fromisoformat(facts["start_date"])
    workshop.end_date = datetime.date.fromisoformat(facts["end_date"])
    workshop.timezone = facts.get("timezone") or "Europe/Zurich"
    workshop.city = facts.get("city") or ""
    workshop.country = facts.get("country") or ""
    workshop.venue = facts.get("venue") or ""
    workshop.summary = facts.get("summary") or ""
    workshop.objectives = facts.get("objectives") or []
    workshop.notes = facts.get("notes") or []
    workshop.agenda_status = facts.get("agenda_status") or Workshop.AgendaStatus.DRAFT
    workshop.reported_participants = attendance.get("participants")
    workshop.reported_countries = attendance.get("countries")
    if workshop.agenda_status != previous_status:
        # An agenda imported today is issued today; the archive of past workshops does not say when.
        workshop.agenda_issued_on = timezone.localdate() if workshop.end_date >= timezone.localdate() else None
    workshop.save()

    # Partners have no page and no history: replacing them keeps no link from working.
    workshop.partners.all().delete()
    Partner.objects.bulk_create(
        Partner(workshop=workshop, name=partner["name"], role=partner["role"], order=order)
        for order, partner in enumerate(facts.get("partners") or [], start=1)
    )
    writer = _AgendaWriter(workshop=workshop, people=_upsert_people(data["people"]), base_dir=base_dir)
    for day_order, day_data in enumerate(data["days"], start=1):
        day = writer.day(day_data, order=day_order)
        for item_order, item_data in enumerate(day_data["items"], start=1):
            writer.item(item_data, day=day, parent=None, order=item_order)
    writer.write_documents(data.get("documents"))
    writer.remove_unclaimed()

    if was_public:
        current = public_agenda_data(workshop)
        if agenda_part(current) != agenda_part(previous):
            AgendaVersion.objects.create(
                workshop=workshop,
                status=previous_status,
                issued_on=previous_issued_on,
                snapshot=previous,
            )
    return workshop
