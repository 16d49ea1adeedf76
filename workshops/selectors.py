"""Reads of the workshops domain: one entry point per page, each in a bounded number of queries."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch, Q

from speakers.models import Person, Role

from .formatting import language_name
from .models import WORKSHOP_OWN_DOCUMENT, AgendaItem, AgendaVersion, Day, Document, Question, Workshop
from .pagination import RowCountPaginator, SortedByKey


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


def _documents_of(workshop, *, public_only):
    documents = Document.objects.filter(workshop=workshop).defer("text").order_by("order", "pk")
    return documents.filter(is_public=True) if public_only else documents


def workshop_documents_only(workshop):
    """What a workshop page shows while its agenda is not public: the workshop's own public documents, one query."""
    return Agenda(documents=list(_documents_of(workshop, public_only=True).filter(WORKSHOP_OWN_DOCUMENT)))


def workshops_for_detail_page(workshops):
    return workshops.select_related("theme").prefetch_related(
        "partners",
        Prefetch("days", queryset=Day.objects.order_by("order", "pk")),
        # The page names earlier agendas and links to them; their contents (a whole agenda each) stay unread.
        Prefetch("agenda_versions", queryset=AgendaVersion.objects.defer("snapshot")),
        "publications",
    )


def agenda_from_snapshot(snapshot):
    """An earlier agenda, kept in the interchange format, as the same tree that build_agenda returns.

    The objects are unsaved model instances, so the agenda templates render an earlier version
    exactly as they render the current one.
    """
    people = {
        person["id"]: Person(slug=person["id"], name=person["name"], honorific=person.get("honorific") or "")
        for person in snapshot.get("people", [])
    }

    def documents(entries):
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

    def role(entry, item):
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

    def question(entry):
        entry = {"text": entry} if isinstance(entry, str) else entry
        parent = Question(text=entry["text"])
        parent.sub_list = [Question(text=text) for text in entry.get("sub") or []]
        return parent

    def item(entry, day, parent=None):
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


def library_documents(*, preview=False):
    """Public documents with everything a library row prints; the secretariat's preview adds those of drafts."""
    documents = _library_rows()
    return documents.filter(is_public=True) if preview else documents.public()


def _library_rows():
    """Documents as the library prints and orders them, whatever their filters."""
    return (
        Document.objects.select_related("workshop", "item", "role__person", "role__item")
        .defer("text")
        .order_by(
            "-workshop__start_date",
            "workshop_id",
            "item__day__order",
            "item__order",
            "role__item__order",
            "order",
            "pk",
        )
    )


def filter_documents(documents, *, q="", workshop=None, year=None, kind="", language=""):
    if workshop:
        documents = documents.filter(workshop=workshop)
    if year:
        documents = documents.filter(workshop__start_date__year=year)
    if kind:
        documents = documents.filter(kind=kind)
    if language:
        documents = documents.filter(language=language)
    return search_documents(documents, q)


SEARCH_CONFIG = "english"
# A document's own words, as its full-text index holds them (workshops migration 0009): a word of its title
# weighs more than one of its file's text.
DOCUMENT_WORDS = (("title", "A"), ("text", "D"))
PLAIN_WORDS = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")


def search_documents(documents, text):
    """Full-text search on PostgreSQL (stemmed, so "migrants" finds "migrant"); a plain match elsewhere.

    The words may be spread over the document's title, the text of its file, its workshop's title and its
    speaker's name. Building that text for each of 10,000 documents takes most of a second, so on PostgreSQL a
    search of plain words looks each word up in the document's words, the workshop's title and the speaker's
    name on their own, which their GIN indexes answer (`idm.core.search_indexes`); phrases, OR and exclusions take
    the full match.
    """
    text = (text or "").strip()
    if not text:
        return documents
    if connection.vendor != "postgresql":
        return documents.filter(
            Q(title__icontains=text)
            | Q(text__icontains=text)
            | Q(workshop__title__icontains=text)
            | Q(role__person__name__icontains=text)
        )
    from django.contrib.postgres.search import SearchQuery, SearchVector

    if not PLAIN_WORDS.fullmatch(text) or any(word.lower() == "or" for word in text.split()):
        vector = _document_vector() + SearchVector("workshop__title", "role__person__name", config=SEARCH_CONFIG)
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return documents.annotate(search=vector).filter(search=query)
    lexemes = _lexemes(text)
    if not lexemes:  # only words too common to search for, as "the"; the full match finds nothing either
        return documents.none()
    for lexeme in lexemes:
        documents = documents.filter(_in_any_field(lexeme))
    return documents


def _lexemes(text):
    """The words as the full-text index holds them: stemmed, without the words too common to index."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s))", [SEARCH_CONFIG, text])
        return cursor.fetchone()[0]


def _document_vector():
    from idm.core.search_indexes import weighted_vector

    return weighted_vector(DOCUMENT_WORDS, config=SEARCH_CONFIG)


def _in_any_field(lexeme):
    """Documents whose own words, workshop title or speaker's name hold the word: three indexed lookups."""
    from django.contrib.postgres.search import SearchQuery, SearchVector

    # The lexeme is already stemmed: the "simple" configuration takes it as it is.
    query = SearchQuery("'{}'".format(lexeme.replace("'", "''")), config="simple", search_type="raw")

    def matching(model, vector):
        return model.objects.annotate(match=vector).filter(match=query).values("pk")

    # role__in rather than role__person__in: a condition on the document's own columns is applied while its
    # table is read, before the joins of the library's rows.
    return (
        Q(pk__in=matching(Document, _document_vector()))
        | Q(workshop__in=matching(Workshop, SearchVector("title", config=SEARCH_CONFIG)))
        | Q(
            role__in=Role.objects.filter(
                person__in=matching(Person, SearchVector("name", config=SEARCH_CONFIG))
            ).values("pk")
        )
    )


DOCUMENTS_PER_PAGE = 50


def library_page(documents, *, number, searched):
    """A page of the document library.

    A full-text search on PostgreSQL repeats its word lookups in every query, so its page brings the number of
    matches with its rows in one query. Elsewhere a count of its own is cheaper: counting the rows of the page's
    query would join and sort every document to show fifty; and the page's documents are found by sorting
    their keys alone.
    """
    # The page's rows are read by key from the documents unfiltered: the keys were found with the filters, which
    # a search's word lookups make costly to apply a second time.
    if searched and connection.vendor == "postgresql":
        return RowCountPaginator(documents, DOCUMENTS_PER_PAGE, rows=_library_rows()).get_page(number)
    return Paginator(SortedByKey(documents, rows=_library_rows()), DOCUMENTS_PER_PAGE).get_page(number)


def document_language_choices(documents):
    codes = documents.exclude(language="").order_by().values_list("language", flat=True).distinct()
    return sorted(((code, language_name(code)) for code in codes), key=lambda choice: choice[1])
