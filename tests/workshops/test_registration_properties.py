"""Whatever is posted to the registration forms, the answer is a page, never a server error."""

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import OpenWorkshopFactory, RegistrationFactory
from workshops.models import Registration
from workshops.services.registration_links import private_link

from .registration_helpers import form_data, fresh_rate_limits, register_url, submit  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

FIELDS = sorted(form_data())
CHOICES = [
    *Registration.OrganizationType.values,
    *Registration.DelegationRole.values,
    *Registration.Language.values,
    "SN",
    "XK",
    "on",
    "off",
    "true",
]
# Any text a browser could send: everything but lone surrogates, which UTF-8 cannot carry.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
EMAILISH = st.builds(lambda local, domain: f"{local}@{domain}", ANY_TEXT, ANY_TEXT) | st.emails()
VALUES = st.one_of(ANY_TEXT, EMAILISH, st.sampled_from(CHOICES), st.just(""), st.text(max_size=2000))
# A valid submission with some fields replaced or dropped, so that generated data reaches every check.
SUBMISSIONS = st.builds(
    lambda replaced, dropped: {key: value for key, value in {**form_data(), **replaced}.items() if key not in dropped},
    st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=len(FIELDS)),
    st.sets(st.sampled_from(FIELDS), max_size=4),
)
# About 200 submissions in all across the two tests, which keeps the default run quick.
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def unlimited(settings):
    settings.REGISTRATION_RATE_LIMIT = None


@PROPERTY_SETTINGS
@given(data=SUBMISSIONS)
def test_generated_registrations_never_give_a_server_error(client, unlimited, data):
    workshop = OpenWorkshopFactory(seats=2)
    before = Registration.objects.count()

    response = submit(client, register_url(workshop), data)

    stored = Registration.objects.count() - before
    assert response.status_code in (200, 302)
    assert stored == (1 if response.status_code == 302 else 0)
    if stored:
        registration = workshop.registrations.get()
        assert registration.consent_processing
        assert registration.email.lower() == data["email"].strip().lower()
    mail.outbox.clear()


@settings(PROPERTY_SETTINGS, max_examples=50)
@given(data=SUBMISSIONS)
def test_generated_corrections_never_give_a_server_error(client, unlimited, data):
    registration = RegistrationFactory()
    path = private_link(registration).split("127.0.0.1:8000", 1)[1] + "correct/"

    response = submit(client, path, data)

    assert response.status_code in (200, 302)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
