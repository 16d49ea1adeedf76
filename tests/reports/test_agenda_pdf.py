"""The printable agenda: the agenda as the meeting room reads it, with its status and date on every page."""

import pytest
from django.urls import reverse

from speakers.models import Role
from tests.conftest import demo_data
from tests.factories import AgendaItemFactory, DayFactory, RoleFactory, SecretariatViewerFactory, WorkshopFactory
from workshops.models import Workshop

from .helpers import pdf_pages, positions_in_order

pytestmark = pytest.mark.django_db


def agenda_url(workshop):
    return reverse("reports:agenda-pdf", kwargs={"slug": workshop.slug})


def test_the_demo_agenda_prints_its_sessions_in_order_with_status_and_date_on_every_page(client, demo_workshop):
    response = client.get(agenda_url(demo_workshop))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert 2 <= len(pages) <= 15
    # The archival record does not say when the final agenda was issued: the status stands alone.
    assert demo_workshop.agenda_issued_on is None
    for number, page in enumerate(pages, start=1):
        assert "FINAL AGENDA" in page, f"page {number} lacks the status"
        assert "ISSUED ON" not in page
        assert f"Page {number} / {len(pages)}" in page
    sessions = [item["title"] for day in demo_data("final")["days"] for item in day["items"]]
    positions_in_order(" ".join(pages), [demo_workshop.title, *sessions])


def test_a_provisional_agenda_says_so_on_every_page(client):
    workshop = WorkshopFactory(agenda_status=Workshop.AgendaStatus.PROVISIONAL)
    AgendaItemFactory(day=DayFactory(workshop=workshop), title="Opening session")

    pages = pdf_pages(client.get(agenda_url(workshop)).content)

    assert all("PROVISIONAL AGENDA · ISSUED ON 1 OCTOBER 2007" in page for page in pages)
    assert "Opening session" in pages[0]


@pytest.mark.parametrize(
    "fields", [{"is_published": False}, {"agenda_status": Workshop.AgendaStatus.DRAFT}], ids=["unpublished", "draft"]
)
def test_an_agenda_that_is_not_public_is_not_printed_for_the_public(client, fields):
    workshop = WorkshopFactory(**fields)

    assert client.get(agenda_url(workshop)).status_code == 404
    client.force_login(SecretariatViewerFactory())
    assert client.get(agenda_url(workshop)).status_code == 200


def test_the_printed_agenda_heads_a_lone_moderator_on_its_line_and_several_speakers_as_a_group(client):
    item = AgendaItemFactory(day=DayFactory(workshop=WorkshopFactory()), title="Labour mobility")
    RoleFactory(item=item, kind=Role.Kind.MODERATOR, person__name="Ricardo Cordero", order=1)
    RoleFactory(item=item, kind=Role.Kind.SPEAKER, person__name="Amina Diallo", order=2)
    RoleFactory(item=item, kind=Role.Kind.SPEAKER, person__name="Lant Pritchett", order=3)

    text = " ".join(" ".join(pdf_pages(client.get(agenda_url(item.day.workshop)).content)).split())

    # The labels are printed in capitals.
    assert "MODERATOR: Ricardo Cordero" in text
    positions_in_order(text, ["SPEAKERS:", "Amina Diallo", "Lant Pritchett"])
    assert "SPEAKER:" not in text
