"""The e-mails to participants: in their language, with the workshop's dates, venue, times and agenda, the
calendar file while they hold or await a seat, and links to the address the site is reached at."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from icalendar import Calendar

from tests.factories import (
    AgendaItemFactory,
    DayFactory,
    OpenWorkshopFactory,
    RegistrationFactory,
    SecretariatEditorFactory,
)
from workshops.models import Registration
from workshops.services.registration import confirm_registration
from workshops.services.registration_links import private_token

from .registration_helpers import LINK, form_data, fresh_rate_limits, private_path, register_url, submit, url  # noqa: F401

pytestmark = pytest.mark.django_db

ESSENTIALS = {
    "en": [
        "Labour Mobility",
        "Dates: from 4 March 2030 to 5 March 2030",
        "Venue: UN Gigiri, Nairobi, Kenya",
        "Times are in Africa/Nairobi time (UTC+03:00):",
        "4 March 2030: 09:30–17:30",
        "5 March 2030: 10:00–12:00",
        "Agenda: http://testserver/en/workshops/labour-mobility/",
    ],
    "fr": [
        "Labour Mobility",
        "Dates : du 4 mars 2030 au 5 mars 2030",
        "Lieu : UN Gigiri, Nairobi, Kenya",
        "Les horaires sont à l’heure de Africa/Nairobi (UTC+03:00) :",
        "4 mars 2030 : 09:30–17:30",
        "5 mars 2030 : 10:00–12:00",
        "Ordre du jour : http://testserver/fr/workshops/labour-mobility/",
    ],
}


def agenda_workshop(**fields):
    workshop = OpenWorkshopFactory(
        title="Labour Mobility",
        slug="labour-mobility",
        start_date=datetime.date(2030, 3, 4),
        end_date=datetime.date(2030, 3, 5),
        timezone="Africa/Nairobi",
        venue="UN Gigiri",
        city="Nairobi",
        country="KE",
        **fields,
    )
    first = DayFactory(workshop=workshop, date=workshop.start_date, order=1)
    second = DayFactory(workshop=workshop, date=workshop.end_date, order=2)
    AgendaItemFactory(day=first, title="Opening", start=datetime.time(9, 30), end=datetime.time(10, 30), order=1)
    AgendaItemFactory(day=first, title="Pathways", start=datetime.time(14, 0), end=datetime.time(17, 30), order=2)
    AgendaItemFactory(day=second, title="Wrap-up", start=datetime.time(10, 0), end=datetime.time(12, 0), order=1)
    return workshop


def run_action(client, action, registration):
    client.force_login(SecretariatEditorFactory())
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("admin:workshops_registration_changelist"),
            {"action": action, "_selected_action": [registration.pk]},
        )


def register(client, language, **fields):
    workshop = agenda_workshop(**fields)
    submit(client, register_url(workshop), form_data(language=language))
    return Registration.objects.get(email="amina.diallo@example.org")


def registered(client, language):
    register(client, language)


def waitlisted(client, language):
    workshop = agenda_workshop(seats=1)
    RegistrationFactory(workshop=workshop)
    submit(client, register_url(workshop), form_data(language=language))


def confirmed(client, language):
    run_action(client, "confirm", register(client, language, registration_requires_approval=True))


def declined(client, language):
    run_action(client, "decline", register(client, language, registration_requires_approval=True))


def promoted(client, language):
    workshop = agenda_workshop(seats=1)
    seated = RegistrationFactory(workshop=workshop)
    submit(client, register_url(workshop), form_data(language=language))
    submit(client, url("registration-cancel", token=private_token(seated)))


def cancelled(client, language):
    register(client, language)
    submit(client, private_path(mail.outbox[-1]) + "cancel/")


def private_link(client, language):
    workshop = register(client, language).workshop
    submit(client, url("registration-link", slug=workshop.slug), {"email": "amina.diallo@example.org"})


WITH_CALENDAR = [registered, waitlisted, confirmed, promoted, private_link]
WITHOUT_CALENDAR = [cancelled, declined]


def last_e_mail_to_the_participant():
    return [message for message in mail.outbox if message.to == ["amina.diallo@example.org"]][-1]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("step", WITH_CALENDAR + WITHOUT_CALENDAR)
def test_every_participant_e_mail_gives_the_essentials_in_the_participants_language(client, step, language):
    step(client, language)

    message = last_e_mail_to_the_participant()
    lines = message.body.splitlines()
    assert [line for line in ESSENTIALS[language] if line not in lines] == []
    assert ("Dear Ms Amina Diallo," if language == "en" else "Bonjour Ms Amina Diallo,") in lines


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("step", WITH_CALENDAR)
def test_a_participant_who_holds_or_awaits_a_seat_gets_the_workshops_calendar(client, step, language):
    step(client, language)

    [(filename, content, content_type)] = last_e_mail_to_the_participant().attachments
    assert (filename, content_type) == ("labour-mobility.ics", "text/calendar")
    events = Calendar.from_ical(content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Opening", "Pathways", "Wrap-up"]
    assert events[0].decoded("DTSTART") == datetime.datetime(
        2030, 3, 4, 9, 30, tzinfo=events[0].decoded("DTSTART").tzinfo
    )
    assert str(events[0]["DTSTART"].params["TZID"]) == "Africa/Nairobi"


@pytest.mark.parametrize("step", WITHOUT_CALENDAR)
def test_a_participant_without_a_seat_gets_no_calendar(client, step):
    step(client, "en")

    assert last_e_mail_to_the_participant().attachments == []


def test_e_mail_links_lead_to_the_address_the_development_server_is_reached_at(client, settings):
    settings.SITE_URL = ""
    workshop = agenda_workshop()

    submit(client, register_url(workshop), form_data(), HTTP_HOST="127.0.0.1:8102")

    body = mail.outbox[0].body
    assert LINK.search(body).group(0).startswith("http://127.0.0.1:8102/en/registration/")
    assert "Agenda: http://127.0.0.1:8102/en/workshops/labour-mobility/" in body.splitlines()


def test_a_configured_site_url_is_used_whatever_host_the_request_names(client, settings):
    settings.SITE_URL = "https://idm.example.org/"
    workshop = agenda_workshop()

    submit(client, register_url(workshop), form_data(), HTTP_HOST="127.0.0.1:8102")

    body = mail.outbox[0].body
    assert LINK.search(body).group(0).startswith("https://idm.example.org/en/registration/")
    assert "Agenda: https://idm.example.org/en/workshops/labour-mobility/" in body.splitlines()


def test_e_mails_sent_outside_a_request_link_to_the_default_address(settings):
    settings.SITE_URL = ""
    registration = RegistrationFactory(workshop=agenda_workshop(), status=Registration.Status.PENDING)

    with TestCase.captureOnCommitCallbacks(execute=True):
        confirm_registration(registration=registration)

    body = mail.outbox[0].body
    assert LINK.search(body).group(0).startswith("http://127.0.0.1:8000/en/registration/")
    assert "Agenda: http://127.0.0.1:8000/en/workshops/labour-mobility/" in body.splitlines()


def test_a_management_command_prints_links_to_the_default_address(settings):
    settings.SITE_URL = ""
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    assert "Try the registration form: http://127.0.0.1:8000/en/workshops/" in output.getvalue()
