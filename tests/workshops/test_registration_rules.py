"""Who may hold a place: freed seats go to the waitlist in order, statuses change only as the transition table
allows, a place is kept only by the address's owner, and the forms tell no one which addresses are registered."""

import datetime
import io
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from tests.factories import OpenWorkshopFactory, RegistrationFactory, SecretariatEditorFactory
from workshops.models import Registration

from .registration_helpers import (
    form_data,
    fresh_rate_limits,  # noqa: F401  (an autouse fixture)
    private_path,
    register_url,
    submit,
    url,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def editor(client):
    client.force_login(SecretariatEditorFactory())
    return client


def run_action(client, action, registrations):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("admin:workshops_registration_changelist"),
            {"action": action, "_selected_action": [registration.pk for registration in registrations]},
            follow=True,
        )


def statuses(*registrations):
    return [Registration.objects.get(pk=registration.pk).status for registration in registrations]


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def overdue(registration):
    """Makes the registration older than the time its owner had to confirm the address."""
    hours = settings.REGISTRATION_CONFIRMATION_HOURS + 1
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=hours), email_confirmed_at=None
    )


def seat_settings_post(client, workshop, seats):
    path = reverse("admin:workshops_registrationsettings_change", args=[workshop.pk])
    local = timezone.localtime
    data = {
        "registration_opens_at_0": local(workshop.registration_opens_at).strftime("%Y-%m-%d"),
        "registration_opens_at_1": local(workshop.registration_opens_at).strftime("%H:%M:%S"),
        "registration_closes_at_0": local(workshop.registration_closes_at).strftime("%Y-%m-%d"),
        "registration_closes_at_1": local(workshop.registration_closes_at).strftime("%H:%M:%S"),
        "seats": str(seats),
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, data)


# Item 2: whatever frees a seat promotes from the waitlist, in order, and tells each one promoted.


def test_raising_the_seats_promotes_the_waitlist_in_order(editor, client):
    workshop = OpenWorkshopFactory(seats=1)
    RegistrationFactory(workshop=workshop)
    first, second, third = RegistrationFactory.create_batch(3, workshop=workshop, status=Status.WAITLISTED)

    assert seat_settings_post(editor, workshop, seats=3).status_code == 302

    assert statuses(first, second, third) == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert recipients() == sorted([first.email, second.email])
    assert all(message.subject.startswith("A seat is yours:") for message in mail.outbox)
    mail.outbox.clear()
    submit(client, register_url(workshop), form_data(email="newcomer@example.org"))
    assert Registration.objects.get(email="newcomer@example.org").status == Status.WAITLISTED
    assert statuses(third) == [Status.WAITLISTED]


def test_removing_the_seat_limit_confirms_the_whole_waitlist(editor):
    workshop = OpenWorkshopFactory(seats=1)
    RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory.create_batch(2, workshop=workshop, status=Status.WAITLISTED)

    assert seat_settings_post(editor, workshop, seats="").status_code == 302

    assert statuses(*waiting) == [Status.CONFIRMED, Status.CONFIRMED]


def test_erasing_a_confirmed_participant_before_the_workshop_gives_the_seat_to_the_waitlist(editor):
    workshop = OpenWorkshopFactory(seats=1)
    erased = RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, status=Status.WAITLISTED)

    run_action(editor, "anonymize", [erased])

    assert statuses(erased, waiting) == [Status.CANCELLED, Status.CONFIRMED]
    assert recipients() == [waiting.email]


def test_erasing_a_participant_after_the_workshop_keeps_the_status_the_statistics_count(editor):
    workshop = OpenWorkshopFactory(
        start_date=timezone.localdate() - datetime.timedelta(days=10),
        end_date=timezone.localdate() - datetime.timedelta(days=9),
        registration_opens_at=timezone.now() - datetime.timedelta(days=40),
        registration_closes_at=timezone.now() - datetime.timedelta(days=11),
    )
    erased = RegistrationFactory(workshop=workshop)

    run_action(editor, "anonymize", [erased])

    assert statuses(erased) == [Status.CONFIRMED]


# Item 3: one transition table decides every change of status.


def test_the_secretariat_cannot_confirm_a_registration_the_participant_cancelled(editor):
    workshop = OpenWorkshopFactory(seats=5, registration_requires_approval=True)
    cancelled = RegistrationFactory(workshop=workshop, status=Status.CANCELLED, given_name="Ana", family_name="Lima")
    pending = RegistrationFactory(workshop=workshop, status=Status.PENDING)

    page = run_action(editor, "confirm", [cancelled, pending]).content.decode()

    assert statuses(cancelled, pending) == [Status.CANCELLED, Status.CONFIRMED]
    assert "Ana Lima was not changed: a registration that is “Cancelled” cannot become “Confirmed”." in page
    assert "1 registration confirmed." in page
    assert recipients() == [pending.email]


def test_a_decline_the_secretariat_made_by_mistake_can_be_taken_back_while_a_seat_is_free(editor):
    declined = RegistrationFactory(workshop=OpenWorkshopFactory(seats=1), status=Status.DECLINED)

    run_action(editor, "confirm", [declined])

    assert statuses(declined) == [Status.CONFIRMED]
    assert mail.outbox[0].subject.startswith("Registration confirmed:")


def test_a_cancelled_registration_cannot_be_declined_either_and_no_one_is_emailed(editor):
    cancelled = RegistrationFactory(status=Status.CANCELLED, given_name="Ana", family_name="Lima")

    page = run_action(editor, "decline", [cancelled]).content.decode()

    assert statuses(cancelled) == [Status.CANCELLED]
    assert "a registration that is “Cancelled” cannot become “Declined”" in page
    assert mail.outbox == []


# Item 15: single-line text, the address confirmed by its owner, the unconfirmed visible and released.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("given_name", "Amina\nYour registration is cancelled. Pay at http://evil.example"),
        ("family_name", "Diallo\r\nBcc: someone@example.org"),
        ("honorific", "Ms\x07"),
        ("organization", "Ministry\u2028of lies"),
        ("position", "Director\tof\x1bpolicy"),
    ],
)
def test_single_line_fields_refuse_line_breaks_and_control_characters_at_the_field(client, field, value):
    workshop = OpenWorkshopFactory()

    response = submit(client, register_url(workshop), form_data(**{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "Write this on a single line, without line breaks or control characters."
    ]
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_submission_shows_no_private_link_and_following_the_emailed_one_confirms_the_address(client):
    workshop = OpenWorkshopFactory(seats=2)

    response = submit(client, register_url(workshop), form_data())

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Check your e-mail" in page
    assert "within 48 hours" in page
    assert "/registration/" not in page
    registration = Registration.objects.get()
    assert registration.email_confirmed_at is None
    assert "within 48 hours to confirm that this e-mail address is yours" in mail.outbox[0].body

    assert "Status: Confirmed" in client.get(private_path(mail.outbox[0])).content.decode()

    registration.refresh_from_db()
    assert registration.email_confirmed_at is not None
    Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - datetime.timedelta(days=5))
    call_command("release_unconfirmed_registrations", stdout=io.StringIO())
    assert statuses(registration) == [Status.CONFIRMED]


def test_an_unconfirmed_place_is_released_by_the_command_and_the_waitlist_moves_up(client):
    workshop = OpenWorkshopFactory(seats=1)
    submit(client, register_url(workshop), form_data(email="stranger@example.org", given_name="Fake"))
    waiting = RegistrationFactory(workshop=workshop, status=Status.WAITLISTED)
    overdue(Registration.objects.get(email="stranger@example.org"))
    mail.outbox.clear()
    output = io.StringIO()

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("release_unconfirmed_registrations", stdout=output)

    assert "1 unconfirmed registration(s) released" in output.getvalue()
    assert not Registration.objects.filter(email="stranger@example.org").exists()
    assert statuses(waiting) == [Status.CONFIRMED]
    assert [(message.to[0], message.subject.split(":")[0]) for message in mail.outbox] == [
        (waiting.email, "A seat is yours")
    ]


def test_an_overdue_place_is_released_when_the_next_submission_is_decided_without_waiting_for_the_command(client):
    workshop = OpenWorkshopFactory(seats=1)
    fake = RegistrationFactory(workshop=workshop, email_confirmed_at=None)
    waiting = RegistrationFactory(workshop=workshop, status=Status.WAITLISTED)
    overdue(fake)

    submit(client, register_url(workshop), form_data(email="newcomer@example.org"))

    assert not Registration.objects.filter(pk=fake.pk).exists()
    assert statuses(waiting) == [Status.CONFIRMED]
    newcomer = Registration.objects.get(email="newcomer@example.org")
    assert newcomer.status == Status.WAITLISTED
    assert "in position 1" in next(m for m in mail.outbox if m.to == ["newcomer@example.org"]).body


def test_following_the_link_after_the_confirmation_time_says_the_place_was_released(client, settings):
    settings.REGISTRATION_CONFIRMATION_HOURS = 2
    workshop = OpenWorkshopFactory(seats=1)
    submit(client, register_url(workshop), form_data())
    waiting = RegistrationFactory(workshop=workshop, status=Status.WAITLISTED)
    registration = Registration.objects.get(email="amina.diallo@example.org")
    Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - datetime.timedelta(hours=3))

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(private_path(mail.outbox[0]))

    assert response.status_code == 404
    assert "not confirmed within 2 hours" in response.content.decode()
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert statuses(waiting) == [Status.CONFIRMED]


def test_the_secretariat_sees_and_filters_the_unconfirmed_registrations(editor):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(workshop=workshop, given_name="Known", family_name="Owner")
    RegistrationFactory(workshop=workshop, given_name="Not", family_name="Yet", email_confirmed_at=None)
    path = reverse("admin:workshops_registration_changelist")

    page = editor.get(path).content.decode()
    unconfirmed = editor.get(path, {"address": "unconfirmed"}).context["cl"].result_list
    confirmed = editor.get(path, {"address": "confirmed"}).context["cl"].result_list

    assert "address confirmed" in page.lower()
    assert [str(r) for r in unconfirmed] == ["Not Yet"]
    assert [str(r) for r in confirmed] == ["Known Owner"]


def test_the_rate_limit_counts_in_a_store_that_every_server_process_shares(client, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    workshop = OpenWorkshopFactory()
    path = url("registration-link", slug=workshop.slug)
    assert [submit(client, path, {"email": "x@example.org"}).status_code for _ in range(2)] == [200, 200]

    # What another worker process has: empty memory caches and its own connection to each cache.
    caches["default"].clear()
    caches["pages"].clear()
    caches[settings.RATELIMIT_USE_CACHE] = caches.create_connection(settings.RATELIMIT_USE_CACHE)

    assert submit(client, path, {"email": "x@example.org"}).status_code == 429


WORKER = """
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
print(*(Client().post(PATH, {"email": "x@example.org"}).status_code for _ in range(2)))
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process reaches only a server's database")
def test_submissions_counted_by_another_process_count_against_the_limit(client, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    workshop = OpenWorkshopFactory()
    path = url("registration-link", slug=workshop.slug)
    # The same server as this process, in the test database.
    server = urlsplit(os.environ["DATABASE_URL"])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "idm.settings.test",
        "DJANGO_REGISTRATION_RATE_LIMIT": "2/m",
        "DATABASE_URL": urlunsplit(server._replace(path="/" + connection.settings_dict["NAME"])),
    }

    other = subprocess.run([sys.executable, "-c", f"PATH = {path!r}" + WORKER], env=env, capture_output=True, text=True)

    assert (other.returncode, other.stdout.split()) == (0, ["200", "200"]), other.stderr
    assert client.post(path, {"email": "x@example.org"}).status_code == 429
