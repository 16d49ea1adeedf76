"""Refusals and failures are shown in the site's layout, in the visitor's language, with a way back."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import SecretariatViewerFactory, WorkshopFactory

LANGUAGES = ["en", "fr", "es"]


def assert_in_the_layout(response, language, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in page
    with translation.override(language):
        assert translation.gettext("International Dialogue on Migration") in page
        assert translation.gettext(heading) in page
        assert f'href="{reverse("workshops:home")}"' in page  # the way back


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_not_found_is_in_the_layout(client, language):
    response = client.get(f"/{language}/workshops/no-such-workshop/")

    assert_in_the_layout(response, language, 404, "Page not found")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_refusal_is_in_the_layout(client, language):
    workshop = WorkshopFactory()
    client.force_login(SecretariatViewerFactory())

    response = client.get(f"/{language}/reports/workshops/{workshop.slug}/check-in/")

    assert_in_the_layout(response, language, 403, "You may not open this page")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_form_sent_without_its_security_token_is_refused_in_the_layout(language):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("admin:login"), {"username": "someone"}, HTTP_ACCEPT_LANGUAGE=language)

    assert_in_the_layout(response, language, 403, "The form could not be sent")


# No database: the page that fails needs it, and the error page must do without it.
@pytest.mark.parametrize("language", LANGUAGES)
def test_server_error_page_is_in_the_layout_even_with_the_database_down(client, language):
    client.raise_request_exception = False

    response = client.get(f"/{language}/")

    assert_in_the_layout(response, language, 500, "Something went wrong on our side")
