"""Reads of the workshops domain: one entry point per page, each in a bounded number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from speakers.models import Role

from .models import AgendaItem, Day, Document, Question, Workshop


@dataclass
class Agenda:
    """A workshop's agenda as a tree: days → items → sub-items, with roles, questions and documents."""

    days: list = field(default_factory=list)
    documents: list = field(default_factory=list)

    @property
    def items(self):
        """Every item, depth first, in printed order."""
        for day in self.days:
            yield from _walk(day.item_list)


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children_list)


def build_agenda(workshop, *, public_only=True):
    """The agenda of a saved workshop in five queries, whatever its size."""
    days = list(workshop.days.all())
    day_by_id = {day.pk: day for day in days}
    items = list(AgendaItem.objects.filter(day__workshop=workshop).order_by("order", "pk"))
    item_by_id = {item.pk: item for item in items}
    for day in days:
        day.item_list = []
    for item in items:
        item.children_list, item.role_list, item.question_list, item.document_list = [], [], [], []
        # Filling the relation caches keeps anchor and get_absolute_url from querying again.
        item.day = day_by_id[item.day_id]
        item.day.workshop = workshop
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
        role.item = item_by_id[role.item_id]
        role.item.role_list.append(role)
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

    documents = Document.objects.filter(workshop=workshop).order_by("order", "pk")
    if public_only:
        documents = documents.filter(is_public=True)
    agenda = Agenda(days=days)
    for document in documents:
        document.workshop = workshop
        if document.role_id:
            role_by_id[document.role_id].document_list.append(document)
        elif document.item_id:
            item_by_id[document.item_id].document_list.append(document)
        else:
            agenda.documents.append(document)
    return agenda


def workshops_for_detail_page():
    return Workshop.objects.select_related("theme").prefetch_related(
        "partners",
        Prefetch("days", queryset=Day.objects.order_by("order", "pk")),
        "agenda_versions",
    )
