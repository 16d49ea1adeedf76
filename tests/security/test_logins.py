"""Guessing a secretariat password through the admin's sign-in form is cut short by django-axes."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import SecretariatEditorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factories' password


@pytest.fixture(autouse=True)
def axes_on(settings):
    # The test settings turn django-axes off for the test client's login(); these tests are about it.
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_five_failed_admin_sign_ins_lock_the_account_out_even_with_the_right_password(client):
    editor = SecretariatEditorFactory()
    for _attempt in range(4):
        response = sign_in(client, editor.username, "guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    locked = sign_in(client, editor.username, "guess")
    after = sign_in(client, editor.username, PASSWORD)

    assert locked.status_code == 429
    assert after.status_code == 429
    assert "too many login attempts" in after.content.decode().lower()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still signed out


def test_lockout_is_for_that_account_from_that_address_only(client):
    editor, colleague = SecretariatEditorFactory(), SecretariatEditorFactory()
    for _attempt in range(5):
        sign_in(client, editor.username, "guess")

    assert sign_in(client, colleague.username, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, editor.username, PASSWORD, address="198.51.100.20").status_code == 302


def test_a_successful_sign_in_forgets_earlier_typing_mistakes(client):
    editor = SecretariatEditorFactory()
    for _attempt in range(4):
        sign_in(client, editor.username, "guess")
    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    client.logout()

    for _attempt in range(4):
        sign_in(client, editor.username, "guess")

    assert sign_in(client, editor.username, PASSWORD).status_code == 302


def test_lockout_ends_after_the_cool_off_time(client, settings):
    editor = SecretariatEditorFactory()
    for _attempt in range(5):
        sign_in(client, editor.username, "guess")
    assert sign_in(client, editor.username, PASSWORD).status_code == 429

    # As if the cool-off time (an hour) had passed since the last failure.
    hour_ago = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= hour_ago
        attempt.save()

    assert sign_in(client, editor.username, PASSWORD).status_code == 302


def test_behind_the_proxy_a_lockout_is_for_the_forwarded_address_not_for_everyone(client, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    editor = SecretariatEditorFactory()

    def through_proxy(password, forwarded_for):
        return client.post(
            reverse("admin:login"),
            {"username": editor.username, "password": password, "next": reverse("admin:index")},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for _attempt in range(5):
        through_proxy("guess", "203.0.113.7")

    # What the guesser writes before the proxy's own entry does not make them someone else.
    assert through_proxy(PASSWORD, "198.51.100.20, 203.0.113.7").status_code == 429
    assert through_proxy(PASSWORD, "198.51.100.20").status_code == 302
