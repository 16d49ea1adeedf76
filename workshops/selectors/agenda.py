"""Reads of workshops and their agendas: which workshops a visitor sees, and each agenda as one tree, in a
bounded number of queries."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from speakers.models import Person, Role

from ..models import AgendaItem, AgendaVersion, Day, Document, Question, Workshop
from ..models.documents import WORKSHOP_OWN_DOCUMENT, DocumentQuerySet
from ..models.workshop import WorkshopQuerySet


@dataclass
class Agenda:
    """A workshop's agenda as a tree: days → items → sub-items, with roles, questions and documents."""

    days: list = field(default_factory=list)
    documents: list = field(default_factory=list)

    @property
    def items(self) -> Iterator[AgendaItem]:
        """Every item, depth first, in printed order."""
        for day in self.days:
            yield from _walk(day.item_list)


def _walk(items: list[AgendaItem]) -> Iterator[AgendaItem]:
    for item in items:
        yield item
        yield from _walk(item.children_list)


def build_agenda(workshop: Workshop, *, public_only: bool = True) -> Agenda:
    """The agenda of a saved workshop in five queries, whatever its size."""
    days = list(workshop.days.all())
    day_by_id = {day.pk: day for day in days}
    items = list(AgendaItem.objects.filter(day__workshop=workshop).order_by("order", "pk"))
    item_by_id = {item.pk: item for item in items}
    for day in days:
        day.item_list = []
        day.workshop = workshop
    for item in items:
        item.children_list, item.role_list, item.question_list, item.document_list = [], [], [], []
        # Filling the relation caches keeps anchor and get_absolute_url from querying again.
        item.day = day_by_id[item.day_id]
    for item in items:
        if item.parent_id:
            item.parent = item_by_id[item.parent_id]
            item.parent.children_list.append(item)
        else:
            item.day.item_list.append(item)

    roles = Role.objects.filter(item__day__workshop=workshop).select_related("person", "on_behalf_of")
    role_by_id = {}
    for role in roles.order_by("order", "pk"):
        role.document_list = []
        item_by_id[role.item_id].role_list.append(role)
        role_by_id[role.pk] = role

    questions = list(Question.objects.filter(item__day__workshop=workshop).order_by("order", "pk"))
    question_by_id = {question.pk: question for question in questions}
    for question in questions:
        question.sub_list = []
    for question in questions:
        if question.parent_id:
            question_by_id[question.parent_id].sub_list.append(question)
        else:
            item_by_id[question.item_id].question_list.append(question)

    agenda = Agenda(days=days)
    for document in _documents_of(workshop, public_only=public_only):
        if document.role_id:
            role_by_id[document.role_id].document_list.append(document)
        elif document.item_id:
            item_by_id[document.item_id].document_list.append(document)
        else:
            agenda.documents.append(document)
    return agenda


def _documents_of(workshop: Workshop, *, public_only: bool) -> DocumentQuerySet:
    documents = Document.objects.filter(workshop=workshop).defer("text").order_by("order", "pk")
    return documents.filter(is_public=True) if public_only else documents


def workshop_documents_only(workshop: Workshop) -> Agenda:
    """What a workshop page shows while its agenda is not public: the workshop's own public documents, one query."""
    return Agenda(documents=list(_documents_of(workshop, public_only=True).filter(WORKSHOP_OWN_DOCUMENT)))


def workshops_for_detail_page(workshops: WorkshopQuerySet) -> WorkshopQuerySet:
    return workshops.select_related("theme").prefetch_related(
        "partners",
        Prefetch("days", queryset=Day.objects.order_by("order", "pk")),
        # The page names earlier agendas and links to them; their contents (a whole agenda each) stay unread.
        Prefetch("agenda_versions", queryset=AgendaVersion.objects.defer("snapshot")),
        "publications",
    )


def agenda_from_snapshot(snapshot: dict) -> Agenda:
    """An earlier agenda, kept in the interchange format, as the same tree that build_agenda returns.

    The objects are unsaved model instances, so the agenda templates render an earlier version
    exactly as they render the current one.
    """
    people = {
        person["id"]: Person(slug=person["id"], name=person["name"], honorific=person.get("honorific") or "")
        for person in snapshot.get("people", [])
    }

    def documents(entries: list[dict] | None) -> list[Document]:
        return [
            Document(
                kind=entry["kind"],
                title=entry.get("title") or "",
                language=entry.get("language") or "",
                url=entry.get("url") or "",
                available=entry.get("available") is not False,
            )
            for entry in entries or []
        ]

    def role(entry: dict, item: AgendaItem) -> Role:
        on_behalf_of = entry.get("on_behalf_of") or {}
        agenda_role = Role(
            item=item,
            person=people[entry["person"]],
            kind=entry["role"],
            position=entry.get("position") or "",
            organization=entry.get("organization") or "",
            country=entry.get("country") or "",
            label=entry.get("label") or "",
            on_behalf_of=people.get(on_behalf_of.get("person")),
            on_behalf_of_position=on_behalf_of.get("position") or "",
            on_behalf_of_organization=on_behalf_of.get("organization") or "",
            on_behalf_of_country=on_behalf_of.get("country") or "",
        )
        agenda_role.document_list = documents(entry.get("documents"))
        return agenda_role

    def question(entry: dict | str) -> Question:
        entry = {"text": entry} if isinstance(entry, str) else entry
        parent = Question(text=entry["text"])
        parent.sub_list = [Question(text=text) for text in entry.get("sub") or []]
        return parent

    def item(entry: dict, day: Day, parent: AgendaItem | None = None) -> AgendaItem:
        agenda_item = AgendaItem(
            day=day,
            parent=parent,
            kind=entry["kind"],
            number=entry.get("number"),
            title=entry["title"],
            start=datetime.time.fromisoformat(entry["start"]) if entry.get("start") else None,
            end=datetime.time.fromisoformat(entry["end"]) if entry.get("end") else None,
            description=entry.get("description") or "",
        )
        agenda_item.role_list = [role(role_entry, agenda_item) for role_entry in entry.get("roles") or []]
        agenda_item.question_list = [question(question_entry) for question_entry in entry.get("questions") or []]
        agenda_item.document_list = documents(entry.get("documents"))
        agenda_item.children_list = [item(child, day, agenda_item) for child in entry.get("items") or []]
        return agenda_item

    agenda = Agenda(documents=documents(snapshot.get("documents")))
    for order, entry in enumerate(snapshot.get("days", []), start=1):
        day = Day(
            date=datetime.date.fromisoformat(entry["date"]) if entry.get("date") else None,
            label=entry.get("label") or "",
            order=order,
        )
        day.item_list = [item(item_entry, day) for item_entry in entry["items"]]
        agenda.days.append(day)
    return agenda


def workshop_years() -> models.QuerySet:
    """The years in which workshops start, latest first, as dates."""
    return Workshop.objects.dates("start_date", "year", order="DESC")


def previews_drafts(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm("workshops.view_workshop")


def visible_workshops(user: AbstractBaseUser | AnonymousUser) -> WorkshopQuerySet:
    """Drafts are the secretariat's to preview; everyone else sees published workshops only."""
    workshops = Workshop.objects.all()
    return workshops if previews_drafts(user) else workshops.published()


def sees_agenda(*, user: AbstractBaseUser | AnonymousUser, workshop: Workshop) -> bool:
    """The secretariat previews every agenda; everyone else sees an agenda once it is public."""
    return workshop.has_public_agenda or previews_drafts(user)


def workshop_with_visible_agenda(*, user: AbstractBaseUser | AnonymousUser, slug: str) -> Workshop:
    """The workshop of a page, file or calendar made of its agenda alone."""
    workshop = get_object_or_404(visible_workshops(user), slug=slug)
    if not sees_agenda(user=user, workshop=workshop):
        raise Http404(_("This workshop's agenda has not been published yet."))
    return workshop
