"""The document library's search: words may be spread over the title, the workshop's title and the speaker."""

import datetime

import pytest
from django.db import connection

from tests.factories import DocumentFactory, PersonFactory, RoleFactory, WorkshopFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


@pytest.fixture
def library():
    labour = WorkshopFactory(title="Labour mobility and development", start_date=datetime.date(2007, 10, 8))
    health = WorkshopFactory(title="Migration and health", start_date=datetime.date(2011, 9, 1))
    pritchett = RoleFactory(person=PersonFactory(name="Lant Pritchett"), item__day__workshop=labour)
    return {
        "remittances": DocumentFactory(workshop=labour, role=pritchett, title="Remittances in practice"),
        "circular": DocumentFactory(workshop=labour, title="Circular migration schemes"),
        "health": DocumentFactory(workshop=health, title="Health of migrants"),
        "hidden": DocumentFactory(workshop=health, title="Remittances, an internal note", is_public=False),
    }


def found(client, query):
    page = client.get("/en/documents/", {"q": query}).content.decode()
    return {
        title
        for title in ("Remittances in practice", "Circular migration schemes", "Health of migrants")
        if title in page
    }


@postgresql_only
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pritchett remittances", {"Remittances in practice"}),
        ("remittance labour pritchett", {"Remittances in practice"}),
        ("pritchett health", set()),
        ("the remittances", {"Remittances in practice"}),
        ("migrants", {"Health of migrants"}),
        ("labour", {"Remittances in practice", "Circular migration schemes"}),
    ],
)
def test_words_are_found_across_title_workshop_and_speaker(client, library, query, expected):
    assert found(client, query) == expected


@postgresql_only
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"circular migration"', {"Circular migration schemes"}),
        ("remittances or health", {"Remittances in practice", "Health of migrants"}),
        ("labour -pritchett", {"Circular migration schemes"}),
        ("co-operation", set()),
    ],
)
def test_phrases_alternatives_and_exclusions_still_work(client, library, query, expected):
    assert found(client, query) == expected


@postgresql_only
def test_a_search_of_only_common_words_finds_nothing_and_says_so(client, library):
    response = client.get("/en/documents/", {"q": "the and of"})

    assert response.status_code == 200
    assert found(client, "the and of") == set()


@postgresql_only
def test_word_by_word_lookup_finds_what_the_full_match_finds(library):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    from workshops.selectors import library

    documents = library.library_documents()
    vector = SearchVector("title", "text", "workshop__title", "role__person__name", config="english")
    for query in ("pritchett remittances", "migration and health", "Labour Development", "2007", "the"):
        full_match = documents.annotate(search=vector).filter(
            search=SearchQuery(query, config="english", search_type="websearch")
        )

        assert set(library.search_documents(documents, text=query)) == set(full_match), query


def test_search_takes_a_bounded_number_of_queries(client, library, django_assert_max_num_queries):
    for _more in range(20):
        DocumentFactory(workshop=library["circular"].workshop, title="Another paper on labour")

    with django_assert_max_num_queries(10):
        response = client.get("/en/documents/", {"q": "labour remittances"})

    assert response.status_code == 200


@postgresql_only
def test_each_word_is_looked_up_through_the_full_text_indexes(library):
    from workshops.selectors import library

    documents = library.search_documents(library.library_documents(), text="pritchett remittances")
    with connection.cursor() as cursor:
        # The test data is too small for the planner to prefer a full-text index; what matters is that it can
        # use one. Without scans of whole tables or of other indexes, a word can only be found through them.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = documents.explain()

    for index in ("document_fts", "workshop_title_fts", "person_name_fts"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
