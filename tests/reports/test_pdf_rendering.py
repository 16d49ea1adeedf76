"""Anyone may download the PDFs, and each takes seconds to lay out: they are laid out once per content version,
whatever the query string, and only a few at a time."""

import threading
import time
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from reports import pdf
from tests.factories import AgendaItemFactory, DayFactory, PublicationFactory, WorkshopFactory

from .helpers import pdf_pages


def agenda_url(workshop):
    return reverse("reports:agenda-pdf", kwargs={"slug": workshop.slug})


def a_workshop_with_an_agenda(title="Labour mobility"):
    workshop = WorkshopFactory(title=title)
    AgendaItemFactory(day=DayFactory(workshop=workshop), title="Opening session")
    return workshop


@pytest.fixture
def renders():
    """The real renderer, counted."""
    with mock.patch("reports.pdf.html_to_pdf", wraps=pdf.html_to_pdf) as renderer:
        yield renderer


@pytest.mark.django_db
@pytest.mark.parametrize("document", ["agenda", "publication"])
def test_a_pdf_is_laid_out_once_whatever_the_query_string(client, renders, document):
    if document == "agenda":
        url = agenda_url(a_workshop_with_an_agenda())
    else:
        url = PublicationFactory(workshops=[a_workshop_with_an_agenda()]).get_absolute_url()

    responses = [client.get(f"{url}?copy={number}") for number in range(6)]

    assert renders.call_count == 1
    assert {response.status_code for response in responses} == {200}
    assert len({response.content for response in responses}) == 1
    assert "Opening session" in " ".join(pdf_pages(responses[0].content))


@pytest.mark.django_db
def test_a_change_to_the_content_lays_the_pdf_out_again(client, renders):
    workshop = a_workshop_with_an_agenda(title="Labour mobility")
    client.get(agenda_url(workshop))

    workshop.title = "Free movement of persons"
    workshop.save()
    response = client.get(f"{agenda_url(workshop)}?after=change")

    assert renders.call_count == 2
    assert "Free movement of persons" in " ".join(pdf_pages(response.content))


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_share_one_layout_per_pdf_and_few_layouts_run_at_once():
    workshops = [a_workshop_with_an_agenda(title=f"Workshop {number}") for number in range(4)]
    lock, running, most_at_once, laid_out = threading.Lock(), [0], [0], []

    def slow_renderer(html):
        with lock:
            running[0] += 1
            most_at_once[0] = max(most_at_once[0], running[0])
        time.sleep(0.3)
        with lock:
            running[0] -= 1
            laid_out.append(html)
        return b"%PDF-1.7 " + str(len(laid_out)).encode()

    statuses = []

    def download(url):
        try:
            statuses.append(Client().get(url).status_code)
        finally:
            connection.close()

    # Three readers for each of four agendas, each reader with a query string of their own.
    threads = [
        threading.Thread(target=download, args=(f"{agenda_url(workshop)}?reader={reader}",))
        for reader in range(3)
        for workshop in workshops
    ]
    with mock.patch("reports.pdf.html_to_pdf", side_effect=slow_renderer):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert statuses == [200] * len(threads)
    assert len(laid_out) == len(workshops)
    assert most_at_once[0] == pdf.MAX_CONCURRENT_RENDERS
