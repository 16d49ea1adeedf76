"""Participation statistics, checked against registrations and agendas built with known counts."""

import csv
import datetime
import io
import os
import subprocess
import sys

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.factories import (
    AgendaItemFactory,
    DayFactory,
    PersonFactory,
    RegistrationFactory,
    RoleFactory,
    SecretariatViewerFactory,
    SpeakerOrganizationFactory,
    WorkshopFactory,
)
from tests.factories.large import build_large_workshop
from tests.security.html_audit import inline_code
from workshops.models import Registration

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def viewer(client):
    client.force_login(SecretariatViewerFactory())
    return client


def attended(**fields):
    return RegistrationFactory(attended=True, attended_at=timezone.now(), **fields)


@pytest.fixture
def workshop():
    """12 registrations: 8 confirmed (6 attended), 1 waitlisted, 1 pending, 1 cancelled, 1 declined."""
    workshop = WorkshopFactory(slug="counted")
    for _ in range(3):
        attended(workshop=workshop, country="CH", organization_type="member_state", delegation_role="delegate")
    for _ in range(2):
        attended(workshop=workshop, country="FR", organization_type="ngo", delegation_role="head")
    attended(workshop=workshop, country="KE", organization_type="intergovernmental", delegation_role="observer")
    RegistrationFactory.create_batch(2, workshop=workshop, country="US")
    RegistrationFactory(workshop=workshop, status=Status.WAITLISTED, country="BR")
    RegistrationFactory(workshop=workshop, status=Status.PENDING, country="BR")
    RegistrationFactory(workshop=workshop, status=Status.CANCELLED, country="JP")
    RegistrationFactory(workshop=workshop, status=Status.DECLINED, country="JP")
    return workshop


def statistic_csv(client, workshop, key):
    response = client.get(reverse("reports:workshop-statistic-csv", kwargs={"slug": workshop.slug, "key": key}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_registration_counts(viewer, workshop):
    assert statistic_csv(viewer, workshop, "registrations") == [
        ["Registrations", "Number"],
        ["Registered", "12"],
        ["Pending approval", "1"],
        ["Confirmed", "8"],
        ["On the waitlist", "1"],
        ["Attended", "6"],
    ]


def test_countries_represented_among_confirmed_and_attending_participants(viewer, workshop):
    assert statistic_csv(viewer, workshop, "countries") == [
        ["Participants", "Countries"],
        ["Confirmed", "4"],
        ["Attended", "3"],
    ]


def test_attendance_by_country_region_type_of_organization_and_delegation_role(viewer, workshop):
    assert statistic_csv(viewer, workshop, "country")[1:] == [["Switzerland", "3"], ["France", "2"], ["Kenya", "1"]]
    assert statistic_csv(viewer, workshop, "region")[1:] == [["Europe", "5"], ["Africa", "1"]]
    assert statistic_csv(viewer, workshop, "organization-type")[1:] == [
        ["Member State government", "3"],
        ["Non-governmental / civil-society organization", "2"],
        ["Intergovernmental organization", "1"],
    ]
    assert statistic_csv(viewer, workshop, "delegation-role")[1:] == [
        ["Delegate", "3"],
        ["Head of delegation", "2"],
        ["Observer", "1"],
    ]


@pytest.fixture
def agenda():
    workshop = WorkshopFactory(slug="with-speakers")
    day = DayFactory(workshop=workshop)
    opening, session = AgendaItemFactory(day=day), AgendaItemFactory(day=day)
    twice = PersonFactory(name="Ana Ruiz")
    RoleFactory(item=opening, person=twice, organization="IOM", country="CH")
    RoleFactory(item=session, person=twice, organization="IOM", country="CH", kind="moderator")
    RoleFactory(item=session, organization="World Bank", country="US")
    RoleFactory(item=session, organization="Ministry of Labour", country="KE")
    RoleFactory(item=session, organization="", country="")
    SpeakerOrganizationFactory(name="iom", organization_type="intergovernmental")
    SpeakerOrganizationFactory(name="World Bank", organization_type="intergovernmental")
    return workshop


def test_speakers_by_type_of_organization_count_each_person_once(viewer, agenda):
    assert statistic_csv(viewer, agenda, "speakers-organization-type") == [
        ["Type of organization", "Speakers"],
        ["Intergovernmental organization", "2"],
        ["Not classified", "2"],
    ]


def test_speakers_by_country(viewer, agenda):
    assert statistic_csv(viewer, agenda, "speakers-country")[1:] == [
        ["Kenya", "1"],
        ["Not recorded", "1"],
        ["Switzerland", "1"],
        ["United States of America", "1"],
    ]


def test_the_page_shows_each_statistic_as_a_chart_and_a_table_and_lists_untyped_organizations(viewer, agenda):
    RegistrationFactory(workshop=agenda, attended=True, attended_at=timezone.now(), country="KE")

    response = viewer.get(reverse("reports:workshop-statistics", kwargs={"slug": agenda.slug}))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('<svg role="img"') == 8
    assert '<svg role="img" aria-label="Participants who attended, by region"' in page
    assert '<th scope="row">Africa</th><td class="text-end">1</td>' in page
    assert page.count("<table") == 8
    assert reverse("reports:workshop-statistic-csv", kwargs={"slug": agenda.slug, "key": "region"}) in page
    assert "Organizations on the agenda without a type" in page
    assert "Ministry of Labour" in page


def test_an_unknown_statistic_is_not_found(viewer, workshop):
    url = reverse("reports:workshop-statistic-csv", kwargs={"slug": workshop.slug, "key": "shoe-size"})
    assert viewer.get(url).status_code == 404


def test_the_statistics_page_takes_a_bounded_number_of_queries(viewer, django_assert_max_num_queries):
    workshop = build_large_workshop(slug="large")
    for number in range(60):
        attended(workshop=workshop, country=["CH", "KE", "BR", "JP"][number % 4])

    with django_assert_max_num_queries(16):
        response = viewer.get(reverse("reports:workshop-statistics", kwargs={"slug": workshop.slug}))

    assert response.status_code == 200


@pytest.fixture
def years():
    def workshop(year, **fields):
        return WorkshopFactory(start_date=datetime.date(year, 6, 1), **fields)

    workshop(2003, reported_participants=120, reported_countries=40)
    workshop(2007, reported_participants=170, reported_countries=65)
    counted_2007 = workshop(2007)
    for country in ("CH", "CH", "CH", "FR"):
        attended(workshop=counted_2007, country=country)
    RegistrationFactory(workshop=counted_2007, country="JP")  # confirmed, but did not come
    first_2010, second_2010 = workshop(2010), workshop(2010, reported_participants=999, reported_countries=99)
    for country in ("CH", "KE"):
        attended(workshop=first_2010, country=country)
    for country in ("KE", "US"):
        attended(workshop=second_2010, country=country)
    RegistrationFactory(workshop=workshop(2012), country="CH")  # registrations, no attendance, nothing reported


def overall_csv(client, key):
    response = client.get(reverse("reports:statistic-csv", kwargs={"key": key}))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_participants_and_countries_per_year_use_reported_attendance_where_nobody_registered(viewer, years):
    assert overall_csv(viewer, "participation-by-year") == [
        ["Year", "Workshops", "Participants", "Countries", "The number of countries is"],
        ["2003", "1", "120", "40", "exact"],
        ["2007", "2", "174", "65", "a minimum"],
        ["2010", "2", "4", "3", "exact"],
    ]


def test_participation_by_workshop_says_where_each_figure_comes_from(viewer, years):
    rows = overall_csv(viewer, "participation-by-workshop")[1:]

    assert [row[0] for row in rows] == ["2003", "2007", "2007", "2010", "2010"]
    assert sorted((row[0], row[2], row[3], row[4]) for row in rows) == [
        ("2003", "120", "40", "reported"),
        ("2007", "170", "65", "reported"),
        ("2007", "4", "2", "registrations"),
        ("2010", "2", "2", "registrations"),
        ("2010", "2", "2", "registrations"),
    ]


def test_the_speakers_who_took_part_most_often_come_first(viewer):
    often, sometimes, once = PersonFactory(name="Often"), PersonFactory(name="Sometimes"), PersonFactory(name="Once")
    for person, workshops in ((often, 3), (sometimes, 2), (once, 1)):
        for _ in range(workshops):
            RoleFactory(item__day__workshop=WorkshopFactory(), person=person)
    RoleFactory(item=often.roles.first().item, person=often, kind="moderator")

    assert overall_csv(viewer, "frequent-speakers") == [
        ["Speaker", "Workshops", "Parts on agendas"],
        ["Often", "3", "4"],
        ["Sometimes", "2", "2"],
        ["Once", "1", "1"],
    ]


def test_the_overall_page_shows_charts_and_tables(viewer, years):
    response = viewer.get(reverse("reports:statistics"))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img" aria-label="Participants and countries, by year"' in page
    assert '<th scope="row">2003</th><td class="text-end">1</td><td class="text-end">120</td>' in page


def test_a_server_process_loads_matplotlib_only_to_draw_a_chart():
    # Every process imports the URLs, and with them the views, on its first request of any page.
    script = "import django, sys; django.setup(); import idm.urls; print('matplotlib' in sys.modules)"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "idm.settings.test"}

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True)

    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("name", ["$x$", "Fund $ and $", "C:\\temp", "$\\frac{1$"])
def test_a_name_with_dollars_or_backslashes_is_charted_as_written(viewer, name):
    RoleFactory(item__day__workshop=WorkshopFactory(), person=PersonFactory(name=name))

    response = viewer.get(reverse("reports:statistics"))

    assert response.status_code == 200
    chart = response.content.decode().split('aria-label="Speakers who took part most often"')[1].split("</svg>")[0]
    assert f">{escape(name)}</text>" in chart


def test_the_statistics_pages_style_their_charts_without_inline_styles(viewer, agenda, years):
    # The Content-Security-Policy refuses inline styles: an unstyled SVG chart is drawn as a black box.
    RegistrationFactory(workshop=agenda, attended=True, attended_at=timezone.now(), country="KE")

    for url in (reverse("reports:workshop-statistics", kwargs={"slug": agenda.slug}), reverse("reports:statistics")):
        page = viewer.get(url).content.decode()

        assert '<svg role="img"' in page, url
        assert inline_code(page) == [], url
