"""The public pages of workshops, as participants and researchers use them."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    DayFactory,
    DocumentFactory,
    PersonFactory,
    RoleFactory,
    WorkshopFactory,
)
from tests.factories.large import build_large_workshop
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

DETAIL = "/en/workshops/2007-global-labour-mobility/"


def test_workshop_page_prints_the_final_agenda_as_printed(client, demo_workshop):
    page = client.get(DETAIL).content.decode()

    assert "Making Global Labour Mobility a Catalyst for Development" in page
    assert "8 October 2007 — Day I" in page
    assert "9 October 2007 — Day II" in page
    assert "Session III: The Role of Private Sector and other Stakeholders" in page
    assert 'id="session-3"' in page
    assert "Elijah Achoch</a>, Director, Transformative Leadership and Change Management Department" in page
    assert "on behalf of" in page and "Hyo-jung Hwang" in page
    assert "The following questions are proposed to guide the discussion:" in page
    assert "Final agenda" in page
    assert "About 170 participants from 65 countries took part." in page
    assert "World Bank" in page and "Government of Italy" in page
    assert "As the International Dialogue on Migration (IDM) theme for 2007 mirrors" in page


def test_workshop_page_times_are_in_a_column_before_each_item(client, demo_workshop):
    page = client.get(DETAIL).content.decode()

    registration = page.index("Registration")
    assert page.rindex('<time datetime="09:00">09:00</time>', 0, registration) > 0


def test_workshop_page_links_to_changes_since_the_provisional_agenda(client, demo_workshop):
    version = demo_workshop.agenda_versions.get()

    page = client.get(DETAIL).content.decode()

    assert reverse("workshops:changes", args=[demo_workshop.slug, version.pk]) in page
    assert "Changes since the provisional agenda" in page


def test_earlier_version_can_be_viewed_whole(client, demo_workshop):
    version = demo_workshop.agenda_versions.get()

    page = client.get(version.get_absolute_url()).content.decode()

    assert "Acting Director, Human Resource Management and Employment Department" in page
    assert "Abdelali Tazi" not in page
    assert "Provisional agenda" in page


def test_draft_workshop_is_hidden_from_the_public(client):
    draft = WorkshopFactory(is_published=False)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get("/en/").content.decode()


def test_secretariat_can_preview_a_draft(client):
    from tests.factories import SecretariatViewerFactory

    draft = WorkshopFactory(is_published=False)
    client.force_login(SecretariatViewerFactory())

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert "Preview: this workshop is not published." in response.content.decode()


def test_unknown_workshop_is_not_found(client):
    assert client.get("/en/workshops/no-such-workshop/").status_code == 404


def test_home_lists_upcoming_first_then_past_by_year_with_theme(client, demo_workshop):
    today = datetime.date.today()
    upcoming = WorkshopFactory(
        title="Migration and the Future of Work",
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=31),
    )

    page = client.get("/en/").content.decode()

    assert page.index(upcoming.title) < page.index("Making Global Labour Mobility")
    assert "2007" in page and "Migration Management in the Evolving Global Economy" in page


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?q=labour", True),
        ("?q=health", False),
        ("?year=2007", True),
        ("?year=2008", False),
        ("?kind=intersessional_workshop", True),
        ("?kind=seminar", False),
    ],
)
def test_home_filters_by_title_year_and_kind(client, demo_workshop, query, shown):
    assert ("Making Global Labour Mobility" in client.get(f"/en/{query}").content.decode()) is shown


@pytest.mark.parametrize(
    "query", ["?year=abc", "?theme=999999", "?kind=party", "?year=1", "?year=99999999999999999999999"]
)
def test_bad_archive_filter_gives_an_empty_result_with_a_message(client, demo_workshop, query):
    response = client.get(f"/en/{query}")

    assert response.status_code == 200
    assert "That filter is not valid" in response.content.decode()
    assert "Making Global Labour Mobility" not in response.content.decode().split('id="archive-heading"')[1]


def test_workshop_page_in_french_is_translated_with_language_prefixed_urls(client, demo_workshop):
    page = client.get("/fr/workshops/2007-global-labour-mobility/").content.decode()

    assert '<html lang="fr">' in page
    assert "8 octobre 2007" in page
    assert 'href="/es/workshops/2007-global-labour-mobility/"' in page
    # French sets a (no-break) space before a colon.
    assert "Séance I\u00a0: Towards More Effective Labour Migration Management" in page


def test_document_entries_show_kind_language_and_size_or_no_document(client):
    item = AgendaItemFactory(day__workshop__slug="docs")
    role = RoleFactory(item=item)
    DocumentFactory(
        workshop=item.day.workshop, role=role, kind="paper", title="", language="fr", url="https://example.org/p"
    )
    DocumentFactory(workshop=item.day.workshop, role=role, kind="presentation", title="", available=False)

    page = client.get(item.day.workshop.get_absolute_url()).content.decode()

    assert '>Paper</a> <span class="text-muted">(French)</span>' in page
    assert "Presentation (no document)" in page
    french = client.get("/fr" + item.day.workshop.get_absolute_url()[3:]).content.decode()
    assert "(pas de document)" in french


def test_names_on_the_agenda_follow_the_language_of_each_request(client):
    """Kinds, languages and countries are translated once per language and kept: each page still gets its own."""
    item = AgendaItemFactory(day__workshop__slug="languages", kind="keynote", title="Opening address")
    role = RoleFactory(item=item, country="CH", on_behalf_of=PersonFactory(), on_behalf_of_country="DE")
    DocumentFactory(workshop=item.day.workshop, role=role, kind="paper", title="Notes", language="es")
    path = item.day.workshop.get_absolute_url()[3:]

    english, french, english_again = (
        client.get(f"/{language}{path}").content.decode() for language in ["en", "fr", "en"]
    )

    for page in (english, english_again):
        assert ", Switzerland" in page and ", Germany" in page
        assert "(Paper, Spanish)" in page and "Keynote" in page
    assert ", Suisse" in french and ", Allemagne" in french
    assert "(Communication, Espagnol)" in french and "Discours liminaire" in french


def test_large_workshop_page_takes_at_most_ten_queries(client, django_assert_max_num_queries):
    workshop = build_large_workshop(slug="large")

    with django_assert_max_num_queries(10):
        response = client.get(workshop.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('class="agenda-item"') == 40


@pytest.mark.parametrize("url", ["/en/", "/en/documents/", "/en/documents/?q=migration", "/en/speakers/"])
def test_list_pages_take_a_bounded_number_of_queries(client, django_assert_max_num_queries, url):
    for number in range(3):
        build_large_workshop(slug=f"large-{number}", start_date=datetime.date(2010 + number, 1, 1))

    with django_assert_max_num_queries(10):
        response = client.get(url)

    assert response.status_code == 200


def test_untimed_archival_agenda_renders_without_times_or_calendar(client):
    workshop = WorkshopFactory(slug="archival-2003")
    day = DayFactory(workshop=workshop, date=None, label="")
    AgendaItemFactory(day=day, start=None, end=None, title="Opening of the workshop")

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert "Opening of the workshop" in page
    assert "calendar.ics" not in page


def test_agenda_status_draft_is_not_called_final(client):
    workshop = WorkshopFactory(agenda_status=Workshop.AgendaStatus.PROVISIONAL)

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert "Provisional agenda" in page
    assert "Final agenda" not in page


def test_roles_are_grouped_under_printed_headings(client, demo_workshop):
    page = client.get(DETAIL).content.decode()
    session_three = page[page.index('id="session-3"') : page.index('id="day-2-afternoon-break"')]

    assert session_three.index("Moderator") < session_three.index("Antonio Peñalosa")
    assert session_three.index("Speakers") < session_three.index("Ghassan Aidi")
    assert session_three.count("Speakers") == 1


def test_workshop_with_open_registration_links_to_the_form(client):
    from tests.factories import OpenWorkshopFactory

    workshop = OpenWorkshopFactory()

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert f'href="/en/workshops/{workshop.slug}/register/"' in page


@pytest.mark.parametrize(
    ("language", "printed"),
    [("en", "8 October 2007 — Day I"), ("fr", "8 octobre 2007"), ("es", "8 de octubre de 2007")],
)
def test_agenda_dates_are_printed_in_each_languages_own_form(client, demo_workshop, language, printed):
    page = client.get(f"/{language}/workshops/2007-global-labour-mobility/").content.decode()

    assert printed in page
