"""Reads of the document library: its rows, filters, full-text search and pages."""

import re
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db import connection, models
from django.db.models import Q

from speakers.models import Person, Role

from ..formatting import language_name
from ..models import Document, Workshop
from ..models.documents import DocumentQuerySet
from ..pagination import RowCountPaginator, SortedByKey

if TYPE_CHECKING:  # imported where it is used: it needs the PostgreSQL driver
    from django.contrib.postgres.search import SearchVector


def library_documents(*, preview: bool = False) -> DocumentQuerySet:
    """Public documents with everything a library row prints; the secretariat's preview adds those of drafts."""
    documents = _library_rows()
    return documents.filter(is_public=True) if preview else documents.public()


def _library_rows() -> DocumentQuerySet:
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


def filter_documents(
    documents: DocumentQuerySet,
    *,
    q: str = "",
    workshop: Workshop | None = None,
    year: int | None = None,
    kind: str = "",
    language: str = "",
) -> DocumentQuerySet:
    if workshop:
        documents = documents.filter(workshop=workshop)
    if year:
        documents = documents.filter(workshop__start_date__year=year)
    if kind:
        documents = documents.filter(kind=kind)
    if language:
        documents = documents.filter(language=language)
    return search_documents(documents, text=q)


SEARCH_CONFIG = "english"
# A document's own words, as its full-text index holds them (workshops migration 0009): a word of its title
# weighs more than one of its file's text.
DOCUMENT_WORDS = (("title", "A"), ("text", "D"))
PLAIN_WORDS = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")


def search_documents(documents: DocumentQuerySet, *, text: str) -> DocumentQuerySet:
    """Full-text search on PostgreSQL (stemmed, so "migrants" finds "migrant"); a plain match elsewhere.

    The words may be spread over the document's title, the text of its file, its workshop's title and its
    speaker's name. Building that text for every document of the archive is slow, so on PostgreSQL a
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


def _lexemes(text: str) -> list[str]:
    """The words as the full-text index holds them: stemmed, without the words too common to index."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s))", [SEARCH_CONFIG, text])
        return cursor.fetchone()[0]


def _document_vector() -> "SearchVector":
    from idm.core.search_indexes import weighted_vector

    return weighted_vector(DOCUMENT_WORDS, config=SEARCH_CONFIG)


def _in_any_field(lexeme: str) -> Q:
    """Documents whose own words, workshop title or speaker's name hold the word: three indexed lookups."""
    from django.contrib.postgres.search import SearchQuery, SearchVector

    # The lexeme is already stemmed: the "simple" configuration takes it as it is.
    query = SearchQuery("'{}'".format(lexeme.replace("'", "''")), config="simple", search_type="raw")

    def matching(model: type[models.Model], vector: "SearchVector") -> models.QuerySet:
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


def library_page(documents: DocumentQuerySet, *, number: str | int | None, searched: bool) -> Page:
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


def document_language_choices(documents: DocumentQuerySet) -> list[tuple[str, str]]:
    codes = documents.exclude(language="").order_by().values_list("language", flat=True).distinct()
    return sorted(((code, language_name(code)) for code in codes), key=lambda choice: choice[1])
