import datetime

import pytest
from icalendar import Calendar

from tests.factories import AgendaItemFactory, DayFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_workshop_calendar_has_every_timed_item_in_the_workshops_timezone(client, demo_workshop):
    response = client.get("/en/workshops/2007-global-labour-mobility/calendar.ics")

    found = events(response)
    summaries = [str(event["SUMMARY"]) for event in found]
    assert (
        "Session III: The Role of Private Sector and other Stakeholders in Making Labour Migration Work for Development"
        in summaries
    )
    assert "End of Day One" not in summaries  # printed without a time
    session_three = found[summaries.index(next(s for s in summaries if s.startswith("Session III")))]
    start = session_three.decoded("DTSTART")
    assert start == datetime.datetime(2007, 10, 9, 10, 15, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Zurich"
    assert "Geneva, Switzerland" in str(session_three["LOCATION"])
    assert "Elijah Achoch" in str(session_three["DESCRIPTION"])
    assert session_three["URL"].endswith("/workshops/2007-global-labour-mobility/#session-3")
    assert b"BEGIN:VTIMEZONE" in response.content


def test_item_calendar_holds_that_item_only(client, demo_workshop):
    response = client.get("/en/workshops/2007-global-labour-mobility/items/session-3/calendar.ics")

    (event,) = events(response)
    assert str(event["SUMMARY"]).startswith("Session III")
    assert 'filename="2007-global-labour-mobility-session-3.ics"' in response["Content-Disposition"]


def test_calendar_uses_the_workshops_own_timezone(client):
    workshop = WorkshopFactory(slug="bangkok", timezone="Asia/Bangkok")
    AgendaItemFactory(day=DayFactory(workshop=workshop), number=1, start=datetime.time(9, 0), end=datetime.time(10, 0))

    (event,) = events(client.get("/en/workshops/bangkok/calendar.ics"))

    assert str(event.decoded("DTSTART").tzinfo) == "Asia/Bangkok"


def test_item_without_time_has_no_calendar(client):
    workshop = WorkshopFactory(slug="archival")
    AgendaItemFactory(day=DayFactory(workshop=workshop), title="Opening", start=None, end=None)

    assert client.get("/en/workshops/archival/items/day-0-opening/calendar.ics").status_code == 404
    assert client.get("/en/workshops/archival/items/no-such-item/calendar.ics").status_code == 404


def test_draft_workshop_calendar_is_not_found(client):
    WorkshopFactory(slug="draft", is_published=False)

    assert client.get("/en/workshops/draft/calendar.ics").status_code == 404
