"""Check-in at the door: find a participant by name, mark them attended, see the counts; no JavaScript needed."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import RegistrationFactory, SecretariatEditorFactory, WorkshopFactory
from workshops.models import Registration
from workshops.services.registration import anonymize_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    # Full: a waitlist exists only while every seat is taken.
    workshop = WorkshopFactory(slug="door", seats=3)
    RegistrationFactory(workshop=workshop, given_name="Ana María", family_name="García López")
    RegistrationFactory(workshop=workshop, given_name="Ana", family_name="Svensson")
    RegistrationFactory(
        workshop=workshop, given_name="Kwame", family_name="Mensah", attended=True, attended_at=timezone.now()
    )
    RegistrationFactory(
        workshop=workshop, given_name="Ana", family_name="Waitlisted", status=Registration.Status.WAITLISTED
    )
    RegistrationFactory(given_name="Ana", family_name="Elsewhere")
    return workshop


@pytest.fixture
def editor(client):
    client.force_login(SecretariatEditorFactory())
    return client


def check_in_url(workshop):
    return reverse("reports:check-in", kwargs={"slug": workshop.slug})


def counts(page):
    return [page.split(f'id="count-{name}">', 1)[1].split("<", 1)[0] for name in ("confirmed", "attended", "remaining")]


def test_finding_a_participant_by_parts_of_the_name(editor, workshop):
    page = editor.get(check_in_url(workshop), {"q": "ana garc"}).content.decode()

    assert "García López" in page
    assert "Svensson" not in page
    assert "1 confirmed participant matches" in page


def test_only_confirmed_participants_of_this_workshop_are_found(editor, workshop):
    page = editor.get(check_in_url(workshop), {"q": "ana"}).content.decode()

    assert "García López" in page and "Svensson" in page
    assert "Waitlisted" not in page
    assert "Elsewhere" not in page


def test_marking_attended_is_a_plain_form_post_that_updates_the_counts(editor, workshop):
    assert counts(editor.get(check_in_url(workshop)).content.decode()) == ["3", "1", "2"]
    registration = workshop.registrations.get(family_name="Svensson")

    response = editor.post(check_in_url(workshop), {"registration": registration.pk, "q": "ana"}, follow=True)

    page = response.content.decode()
    assert response.redirect_chain == [(f"{check_in_url(workshop)}?q=ana", 302)]
    assert "Ana Svensson is checked in." in page
    assert counts(page) == ["3", "2", "1"]
    registration.refresh_from_db()
    assert registration.attended and registration.attended_at is not None
    assert "Checked in at" in page


def test_a_check_in_made_by_mistake_can_be_undone_from_the_same_list(editor, workshop):
    registration = workshop.registrations.get(family_name="Mensah")
    page = editor.get(check_in_url(workshop), {"q": "kwame"}).content.decode()
    assert "Undo the check-in of Kwame Mensah" in page

    response = editor.post(
        check_in_url(workshop), {"registration": registration.pk, "q": "kwame", "undo": "1"}, follow=True
    )

    page = response.content.decode()
    assert response.redirect_chain == [(f"{check_in_url(workshop)}?q=kwame", 302)]
    assert "Kwame Mensah is no longer checked in." in page
    assert counts(page) == ["3", "0", "3"]
    assert "Mark Kwame Mensah as attended" in page
    registration.refresh_from_db()
    assert not registration.attended and registration.attended_at is None


def test_a_registration_that_is_not_confirmed_cannot_be_checked_in(editor, workshop):
    waitlisted = workshop.registrations.get(family_name="Waitlisted")

    page = editor.post(check_in_url(workshop), {"registration": waitlisted.pk}, follow=True).content.decode()

    waitlisted.refresh_from_db()
    assert not waitlisted.attended
    assert "not possible for a registration that is “On the waitlist”" in page


def test_a_registration_of_another_workshop_is_not_found(editor, workshop):
    elsewhere = Registration.objects.get(family_name="Elsewhere")

    assert editor.post(check_in_url(workshop), {"registration": elsewhere.pk}).status_code == 404
    assert editor.post(check_in_url(workshop), {"registration": "not-a-number"}).status_code == 404


def test_checking_in_needs_the_csrf_token(workshop):
    client = Client(enforce_csrf_checks=True)
    client.force_login(SecretariatEditorFactory())
    registration = workshop.registrations.get(family_name="Svensson")

    assert client.post(check_in_url(workshop), {"registration": registration.pk}).status_code == 403
    page = client.get(check_in_url(workshop), {"q": "svensson"}).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    registration.refresh_from_db()
    assert not registration.attended


def test_an_erased_participant_is_neither_found_nor_expected(editor, workshop):
    anonymize_registration(registration=workshop.registrations.get(family_name="Svensson"))

    page = editor.get(check_in_url(workshop), {"q": "ana"}).content.decode()

    assert "Svensson" not in page
    assert counts(page) == ["2", "1", "1"]
