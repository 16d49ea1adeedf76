"""Seats under simultaneous submissions, on the database production runs on.

SQLite takes one writer at a time, so only PostgreSQL can show that locking the workshop's row is what keeps
two submissions from taking the same last seat. Run with:
scripts/with-postgres .venv/bin/pytest -q tests/workshops/test_registration_concurrency.py
"""

import re
import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from tests.factories import OpenWorkshopFactory
from workshops.models import Registration

from .registration_helpers import form_data, fresh_rate_limits, register_url  # noqa: F401  (a fixture)

POSITION = re.compile(r"on the waitlist, in position (\d+)")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]


def post_all_at_once(path, submissions):
    """Posts every submission from its own thread, all released together; returns the status codes."""
    start = threading.Barrier(len(submissions))
    codes, errors = [None] * len(submissions), []

    def post(index, data):
        try:
            client = Client()
            start.wait()
            codes[index] = client.post(path, data).status_code
        except Exception as error:  # reported by the test, whatever it is
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=item) for item in enumerate(submissions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return codes


def test_a_hundred_and_twenty_simultaneous_registrations_fill_twenty_seats_exactly(settings):
    settings.REGISTRATION_RATE_LIMIT = None
    workshop = OpenWorkshopFactory(seats=20)
    submissions = [form_data(email=f"participant{n}@example.org") for n in range(120)]

    codes = post_all_at_once(register_url(workshop), submissions)

    assert codes == [302] * 120
    assert Counter(workshop.registrations.values_list("status", flat=True)) == {"confirmed": 20, "waitlisted": 100}
    assert sorted(workshop.registrations.values_list("email", flat=True)) == sorted(s["email"] for s in submissions)
    assert len(mail.outbox) == 120
    waitlist = list(workshop.registrations.waitlist())
    assert [Registration.objects.waitlist_position(r) for r in waitlist] == list(range(1, 101))
    # Each e-mail gives the position its registration holds, as the seat decision counted it under the lock.
    told = {message.to[0]: POSITION.search(message.body) for message in mail.outbox}
    assert {email: int(found[1]) for email, found in told.items() if found} == {
        registration.email: position for position, registration in enumerate(waitlist, start=1)
    }


def test_simultaneous_submissions_of_one_address_store_one_registration(settings):
    settings.REGISTRATION_RATE_LIMIT = None
    workshop = OpenWorkshopFactory(seats=5)
    submissions = [
        form_data(email="Same.Person@example.org" if n % 2 else "same.person@EXAMPLE.org") for n in range(10)
    ]

    codes = post_all_at_once(register_url(workshop), submissions)

    # Answered alike, so that the form tells no one which addresses are registered; the owner hears of the others.
    assert codes == [302] * 10
    assert workshop.registrations.count() == 1
    assert len(mail.outbox) == 10
    assert sum("Someone asked to register this e-mail address" in message.body for message in mail.outbox) == 9
