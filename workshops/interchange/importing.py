"""Brings a workshop in from the interchange format: creates it, or brings the stored one up to date."""

import datetime
import hashlib
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from speakers.models import Person, Role
from speakers.services import default_sort_name

from ..models import AgendaItem, AgendaVersion, Day, Document, Partner, Question, Theme, Workshop
from .snapshots import agenda_is_public, agenda_part, public_agenda_data
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


class _AgendaWriter:
    def __init__(self, *, workshop, people, base_dir):
        self.workshop = workshop
        self.people = people
        self.base_dir = Path(base_dir) if base_dir else None

    def documents(self, documents, *, item=None, role=None):
        for order, data in enumerate(documents or [], start=1):
            file_name, size = "", None
            if data.get("file"):
                file_name, size = _store_file(source=self.base_dir / data["file"], workshop_slug=self.workshop.slug)
            Document.objects.create(
                workshop=self.workshop,
                item=item,
                role=role,
                kind=data["kind"],
                title=data.get("title") or "",
                language=data.get("language") or "",
                file=file_name,
                size=size,
                url=data.get("url") or "",
                available=data.get("available") is not False,
                order=order,
            )

    def item(self, data, *, day, parent, order):
        item = AgendaItem.objects.create(
            day=day,
            parent=parent,
            kind=data["kind"],
            number=data.get("number"),
            title=data["title"],
            start=data.get("start"),
            end=data.get("end"),
            description=data.get("description") or "",
            order=order,
        )
        for question_order, question in enumerate(data.get("questions") or [], start=1):
            if isinstance(question, str):
                question = {"text": question}
            parent_question = Question.objects.create(item=item, text=question["text"], order=question_order)
            # With their history rows, which a plain bulk_create would not write.
            bulk_create_with_history(
                [
                    Question(item=item, parent=parent_question, text=text, order=sub_order)
                    for sub_order, text in enumerate(question.get("sub") or [], start=1)
                ],
                Question,
            )
        for role_order, role_data in enumerate(data.get("roles") or [], start=1):
            on_behalf_of = role_data.get("on_behalf_of") or {}
            role = Role.objects.create(
                item=item,
                person=self.people[role_data["person"]],
                kind=role_data["role"],
                position=role_data.get("position") or "",
                organization=role_data.get("organization") or "",
                country=role_data.get("country") or "",
                label=role_data.get("label") or "",
                on_behalf_of=self.people[on_behalf_of["person"]] if on_behalf_of else None,
                on_behalf_of_position=on_behalf_of.get("position") or "",
                on_behalf_of_organization=on_behalf_of.get("organization") or "",
                on_behalf_of_country=on_behalf_of.get("country") or "",
                order=role_order,
            )
            self.documents(role_data.get("documents"), role=role)
        self.documents(data.get("documents"), item=item)
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
def import_workshop(*, data, base_dir=None):
    """Creates or replaces a workshop from the interchange format; all or nothing.

    When a published agenda is replaced by a different one, the published one is kept as
    an earlier version, so that readers can see what changed.
    """
    problems = validate(data, base_dir=base_dir)
    if problems:
        raise InvalidWorkshopFile(problems)
    facts = data["workshop"]
    workshop = Workshop.objects.select_for_update().filter(slug=facts["slug"]).first()
    previous = public_agenda_data(workshop) if workshop else None
    previous_status = workshop.agenda_status if workshop else None
    previous_issued_on = workshop.agenda_issued_on if workshop else None
    was_public = workshop is not None and agenda_is_public(workshop)
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

    workshop.days.all().delete()
    workshop.documents.all().delete()
    workshop.partners.all().delete()
    Partner.objects.bulk_create(
        Partner(workshop=workshop, name=partner["name"], role=partner["role"], order=order)
        for order, partner in enumerate(facts.get("partners") or [], start=1)
    )
    writer = _AgendaWriter(workshop=workshop, people=_upsert_people(data["people"]), base_dir=base_dir)
    for day_order, day_data in enumerate(data["days"], start=1):
        day = Day.objects.create(
            workshop=workshop, date=day_data.get("date"), label=day_data.get("label") or "", order=day_order
        )
        for item_order, item_data in enumerate(day_data["items"], start=1):
            writer.item(item_data, day=day, parent=None, order=item_order)
    writer.documents(data.get("documents"))

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
