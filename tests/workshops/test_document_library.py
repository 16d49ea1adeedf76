import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DocumentFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    labour = WorkshopFactory(title="Labour mobility", start_date="2007-10-08", end_date="2007-10-09")
    health = WorkshopFactory(title="Migration and health", start_date="2011-09-01", end_date="2011-09-02")
    return {
        "circular": DocumentFactory(workshop=labour, title="Circular migration schemes", kind="paper", language="en"),
        "remittances": DocumentFactory(
            workshop=labour, title="Transferts de fonds", kind="presentation", language="fr"
        ),
        "health": DocumentFactory(workshop=health, title="Health of migrants", kind="report", language="en"),
        "hidden": DocumentFactory(workshop=health, title="Internal note on migrants", is_public=False),
        "draft": DocumentFactory(workshop=WorkshopFactory(is_published=False), title="Draft background paper"),
    }


def titles(client, query=""):
    return client.get(f"/en/documents/{query}").content.decode()


def test_library_lists_public_documents_of_published_workshops_only(client, library):
    page = titles(client)

    assert "Circular migration schemes" in page and "Health of migrants" in page
    assert "Internal note" not in page and "Draft background paper" not in page


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("?kind=paper", "Circular migration schemes", "Health of migrants"),
        ("?language=fr", "Transferts de fonds", "Circular migration schemes"),
        ("?year=2011", "Health of migrants", "Circular migration schemes"),
        ("?q=circular", "Circular migration schemes", "Health of migrants"),
    ],
)
def test_library_filters_by_kind_language_year_and_title(client, library, query, expected, absent):
    page = titles(client, query)

    assert expected in page
    assert absent not in page


def test_library_filters_by_workshop(client, library):
    page = titles(client, f"?workshop={library['health'].workshop.slug}")

    assert "Health of migrants" in page and "Circular migration" not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL full-text search")
def test_library_search_is_stemmed_full_text_on_postgresql(client, library):
    page = titles(client, "?q=migrant")

    assert "Health of migrants" in page


@pytest.mark.parametrize(
    "query", ["?year=abc", "?year=99999999999999999999999", "?kind=poem", "?workshop=nope", "?language=xx"]
)
def test_bad_library_filter_gives_a_message_and_no_500(client, library, query):
    response = client.get(f"/en/documents/{query}")

    assert response.status_code == 200
    assert "That filter is not valid" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "999", "-1"])
def test_bad_page_number_is_not_an_error(client, library, page):
    assert client.get(f"/en/documents/?page={page}").status_code == 200


def test_download_serves_pdf_inline_with_its_type_and_name(client):
    document = DocumentFactory(title="Paper")
    document.file.save("labour-paper.pdf", ContentFile(b"%PDF-1.4 paper"))

    response = client.get(document.get_absolute_url())

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="labour-paper.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 paper"


def test_download_of_other_files_is_an_attachment(client):
    document = DocumentFactory(title="Slides")
    document.file.save("slides.pptx", ContentFile(b"PK\x03\x04 slides"))

    response = client.get(document.get_absolute_url())

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"PK\x03\x04 slides"


def test_download_of_hidden_document_is_not_found(client, library):
    assert client.get(library["hidden"].get_absolute_url()).status_code == 404
    assert client.get(library["draft"].get_absolute_url()).status_code == 404


def test_download_of_external_document_redirects_to_it(client):
    document = DocumentFactory(url="https://publications.iom.int/red-book.pdf")

    response = client.get(document.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == "https://publications.iom.int/red-book.pdf"


@pytest.fixture
def long_library(library):
    labour = library["circular"].workshop
    DocumentFactory.create_batch(57, workshop=labour, title="Another paper on labour")
    return library  # 60 public documents: 50 on the first page, 10 on the second


def library_page(client, **params):
    """The page, and the SQL of the queries that made it."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/documents/", params).content.decode()
    return page, [query["sql"] for query in queries]


def test_a_second_page_shows_the_rest_with_the_number_of_documents(client, long_library):
    page, _queries = library_page(client, page=2)

    assert "60 documents" in page
    assert page.count("Another paper on labour") == 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_a_page_of_a_search_comes_with_its_number_of_matches_in_one_query(client, long_library):
    page, queries = library_page(client, q="labour paper", page=2)
    counting = [sql for sql in queries if "COUNT(" in sql]

    assert "57 documents" in page
    assert page.count("Another paper on labour") == 7
    assert len(counting) == 1 and "OVER ()" in counting[0]


def test_a_page_past_the_end_shows_the_last_page_with_the_right_number(client, long_library):
    page, _queries = library_page(client, page=7)

    assert "60 documents" in page
    assert page.count("Another paper on labour") == 10


@pytest.mark.parametrize("page_number", [1, 3])
def test_a_search_that_finds_nothing_says_so(client, long_library, page_number):
    page, _queries = library_page(client, q="xylophone", page=page_number)

    assert "0 documents" in page
    assert "Another paper on labour" not in page


@pytest.mark.parametrize("query", ["", "?q=paper"])
def test_the_pages_of_the_library_keep_its_order_across_their_boundary(client, library, query):
    """A page's documents are found by sorting their keys alone, then read: each page must still continue the
    one before it, newest workshop first and in the agenda's order within it."""
    labour = library["circular"].workshop
    for order in range(55):
        DocumentFactory(workshop=labour, title=f"Working paper {order:02}", order=100 + order)
    separator = "&" if query else "?"

    first = titles(client, query)
    second = titles(client, f"{query}{separator}page=2")

    listed = [f"Working paper {order:02}" for order in range(55)]
    on_first = [title for title in listed if title in first]
    on_second = [title for title in listed if title in second]
    assert on_first + on_second == listed
    assert on_first == sorted(on_first, key=first.index) and on_second == sorted(on_second, key=second.index)
    if not query:
        assert first.index("Health of migrants") < first.index("Working paper 00")


@pytest.mark.parametrize("params", [{"page": 2}, {"q": "labour", "page": 2}])
def test_a_page_sorts_the_documents_keys_alone_then_reads_its_own_rows(client, long_library, params):
    """Sorted with the workshop, item, role and person that the library prints beside each document, PostgreSQL
    sorted every matching row, some 1,500 bytes each, to keep fifty."""
    page, queries = library_page(client, **params)

    (sorting,) = [sql for sql in queries if "LIMIT" in sql and "ORDER BY" in sql]
    columns = sorting.removeprefix("SELECT ").split(" FROM ")[0].split(", ")
    assert columns[0].startswith('"workshops_document"."id"')
    assert all(column.startswith("COUNT(*) OVER ()") for column in columns[1:]), sorting
    reading = [sql for sql in queries if '"workshops_document"."id" IN (' in sql and sql != sorting]
    assert len(reading) == 1 and "LIMIT" not in reading[0]
    assert "Another paper on labour" in page
