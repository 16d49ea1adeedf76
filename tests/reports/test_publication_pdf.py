"""The publication (Red Book) as a PDF: its content, its order, its pages, and who may download it."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from reports.models import Publication
from tests.conftest import demo_data
from tests.factories import (
    AgendaItemFactory,
    DayFactory,
    PublicationFactory,
    RoleFactory,
    SecretariatEditorFactory,
    SecretariatViewerFactory,
    WorkshopFactory,
)
from workshops.models import Workshop

from .helpers import normalized, pdf_pages, positions_in_order

DEMO_PUBLICATION = "idm-2007-global-labour-mobility"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_pdf(django_db_setup, django_db_blocker):
    """The demo Red Book, rendered once for the module through the public download; the data is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        response = Client().get(reverse("reports:publication-pdf", kwargs={"slug": DEMO_PUBLICATION}))
        transaction.set_rollback(True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_pages(response.content)


def _agenda_in_print_order(data):
    """The final agenda's item titles and the names of the people on it, in the order they are printed."""
    names = {person["id"]: person["name"] for person in data["people"]}

    def walk(items):
        for item in items:
            yield item["title"]
            for role in item.get("roles") or []:
                yield names[role["person"]]
            yield from walk(item.get("items") or [])

    return [entry for day in data["days"] for entry in walk(day["items"])]


def test_the_agenda_prints_every_session_and_speaker_of_the_demo_workshop_in_order(demo_pdf):
    data = demo_data("final")
    text = " ".join(demo_pdf)
    part_two = normalized(text).index(normalized("Part II Agenda and background paper"), len(normalized(demo_pdf[2])))

    positions = positions_in_order(
        normalized(text)[part_two:], [data["workshop"]["title"], "Final agenda", *_agenda_in_print_order(data)]
    )

    assert len(positions) == 2 + len(_agenda_in_print_order(data))
    sessions = [item["title"] for day in data["days"] for item in day["items"] if item["kind"] == "session"]
    assert len(sessions) == 4
    for session in sessions:
        assert normalized(session) in normalized(text)


def test_the_publication_has_a_cover_contents_foreword_and_both_parts(demo_pdf):
    cover, imprint, contents = demo_pdf[0], demo_pdf[1], demo_pdf[2]
    assert "INTERNATIONAL DIALOGUE ON MIGRATION" in cover
    assert "Making Global Labour Mobility a Catalyst for Development" in cover
    assert "Michele Klein Solomon, Director, MPR" in imprint
    positions_in_order(
        contents,
        ["Contents", "Foreword", "Part I: Report of the workshop", "Introduction", "The workshop", "Setting the scene"],
    )
    positions_in_order(contents, ["Part II: Agenda and background paper", "Agenda", "Background paper"])
    text = " ".join(demo_pdf)
    positions_in_order(
        text,
        [
            "The International Dialogue on Migration Publication Series (or the Red Book Series)",
            "PART I",
            "approximately 170 participants from 65 countries",
            "PART II",
            "FINAL AGENDA",
            "Background paper",
            "There are few remaining aspects of the global economy",
        ],
    )


def test_the_page_count_is_that_of_a_short_book(demo_pdf):
    assert 25 <= len(demo_pdf) <= 80


def test_contents_give_the_pages_where_the_parts_begin(demo_pdf):
    contents = demo_pdf[2]
    for entry, heading in [
        ("Foreword", "Foreword"),
        ("Introduction", "INTRODUCTION"),
        ("Background paper", "Background paper"),
    ]:
        page_number = int(contents.split(f"{entry} ", 1)[1].lstrip(". ").split()[0])
        assert heading in demo_pdf[page_number - 1], f"{entry} is not on page {page_number}"


def test_pages_carry_running_heads_and_numbers(demo_pdf):
    # Margin boxes come last in a page's text: the running head, then the page number.
    heads = {
        number: page.removesuffix(f" {number}")
        for number, page in enumerate(demo_pdf, start=1)
        if page.endswith(f" {number}")
    }
    left = [number for number, page in heads.items() if page.endswith("INTERNATIONAL DIALOGUE ON MIGRATION")]
    right = [
        number
        for number, page in heads.items()
        if page.endswith(("PART I: REPORT OF THE WORKSHOP", "PART II: AGENDA AND BACKGROUND PAPER"))
    ]

    assert len(heads) >= len(demo_pdf) * 3 // 4
    assert all(number % 2 == 0 for number in left) and len(left) >= len(demo_pdf) // 3
    assert all(number % 2 == 1 for number in right) and len(right) >= len(demo_pdf) // 3
    assert 1 not in heads, "the cover has no page number"


def test_footnotes_are_printed_at_the_foot_of_the_page_that_calls_them(demo_pdf):
    page = next(page for page in demo_pdf if "95 million migrant workers today" in page)
    assert "The estimates shown are for 2005" in page
    assert page.index("The estimates shown are for 2005") > page.index("95 million migrant workers today")
    agenda_page = next(page for page in demo_pdf if "FINAL AGENDA" in page)
    assert "World Migration Report 2007" in agenda_page


def test_report_text_is_sanitised_and_its_footnotes_kept(client):
    publication = PublicationFactory(
        report="Migration grows.[^1]\n\n<script>alert('x')</script>\n\n<b onclick=\"steal()\">Bold</b>\n\n"
        "[^1]: UN doc. A/60/871.",
    )

    pages = pdf_pages(client.get(publication.get_absolute_url()).content)

    text = " ".join(pages)
    assert "Migration grows." in text
    assert "UN doc. A/60/871." in text
    assert "alert" not in text
    assert "steal" not in text


def test_an_unpublished_publication_is_a_preview_for_the_secretariat_only(client):
    publication = PublicationFactory(is_published=False)

    assert client.get(publication.get_absolute_url()).status_code == 404
    client.force_login(SecretariatViewerFactory())
    response = client.get(publication.get_absolute_url())

    assert response.status_code == 200
    assert "Preview — not published" in " ".join(pdf_pages(response.content))


def test_a_publication_covering_an_unpublished_workshop_is_not_public(client):
    publication = PublicationFactory(workshops=[WorkshopFactory(is_published=False)])

    assert client.get(publication.get_absolute_url()).status_code == 404
    client.force_login(SecretariatEditorFactory())
    assert client.get(publication.get_absolute_url()).status_code == 200


def test_a_publication_printing_a_draft_agenda_is_not_public_nor_linked_from_the_workshop_page(client):
    workshop = WorkshopFactory(agenda_status=Workshop.AgendaStatus.DRAFT)
    publication = PublicationFactory(workshops=[workshop, WorkshopFactory()])

    assert client.get(publication.get_absolute_url()).status_code == 404
    assert publication.get_absolute_url() not in client.get(workshop.get_absolute_url()).content.decode()
    client.force_login(SecretariatEditorFactory())
    assert client.get(publication.get_absolute_url()).status_code == 200


def test_a_publication_covering_two_workshops_prints_both_agendas(client):
    first, second = WorkshopFactory(title="Free Movement of Persons"), WorkshopFactory(title="Labour Mobility")
    for workshop, speaker in ((first, "Ana Ruiz"), (second, "Jon Berg")):
        item = AgendaItemFactory(day=DayFactory(workshop=workshop), title=f"Opening of {workshop.title}")
        RoleFactory(item=item, person__name=speaker)
    publication = PublicationFactory(workshops=[second, first])

    text = " ".join(pdf_pages(client.get(publication.get_absolute_url()).content))

    positions_in_order(
        text, ["Opening of Free Movement of Persons", "Ana Ruiz", "Opening of Labour Mobility", "Jon Berg"]
    )


def test_the_workshop_page_links_to_its_published_publication_only(client):
    workshop = WorkshopFactory()
    published = PublicationFactory(workshops=[workshop], title="The published Red Book")
    draft = PublicationFactory(workshops=[workshop], title="A draft", is_published=False)

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert published.get_absolute_url() in page
    assert "Download the publication (PDF)" in page
    assert draft.get_absolute_url() not in page
    assert reverse("reports:agenda-pdf", kwargs={"slug": workshop.slug}) in page


def test_load_demo_creates_the_publication_once(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    publication = Publication.objects.get(slug=DEMO_PUBLICATION)
    assert publication.title == "Making Global Labour Mobility a Catalyst for Development"
    assert publication.number is None
    assert [workshop.slug for workshop in publication.workshops.all()] == ["2007-global-labour-mobility"]
    assert publication.background_document.kind == "background_paper"


def test_readers_get_the_rendered_pdf_again_until_the_publication_changes(client, django_assert_max_num_queries):
    publication = PublicationFactory(report="# Introduction\n\nFirst edition.")
    first = client.get(publication.get_absolute_url())

    with django_assert_max_num_queries(2):
        again = client.get(publication.get_absolute_url())
    publication.report = "# Introduction\n\nSecond edition."
    publication.save()
    changed = client.get(publication.get_absolute_url())

    assert again.content == first.content
    assert "Second edition." in " ".join(pdf_pages(changed.content))
