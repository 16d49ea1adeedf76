"""Name badges: one per confirmed participant, eight to an A4 sheet."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import RegistrationFactory, SecretariatViewerFactory, WorkshopFactory
from workshops.models import Registration
from workshops.services.registration import anonymize_registration

from .helpers import pdf_pages

pytestmark = pytest.mark.django_db

Status = Registration.Status


def badges(client, workshop):
    client.force_login(SecretariatViewerFactory())
    response = client.get(reverse("reports:badges", kwargs={"slug": workshop.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_sheet_holds_one_badge_per_confirmed_participant(client):
    # Full: a waitlist exists only while every seat is taken.
    workshop = WorkshopFactory(title="Labour Mobility", seats=11)
    confirmed = [
        RegistrationFactory(workshop=workshop, given_name="Given", family_name=f"Family{number:02}", country="KE")
        for number in range(11)
    ]
    for status in (Status.WAITLISTED, Status.PENDING, Status.CANCELLED, Status.DECLINED):
        RegistrationFactory(workshop=workshop, status=status, given_name="Given", family_name=f"Not{status}")
    anonymize_registration(registration=RegistrationFactory(workshop=workshop, family_name="Erased"))
    RegistrationFactory(given_name="Given", family_name="OtherWorkshop")

    content = badges(client, workshop)

    pages = pdf_pages(content)
    text = " ".join(pages)
    assert len(pages) == 2
    assert [page.count("Given Family") for page in pages] == [8, 3]
    for registration in confirmed:
        assert text.count(f"Given {registration.family_name}") == 1
    assert "Not" not in text.replace("Nothing", "")
    assert "OtherWorkshop" not in text
    assert text.count("KENYA") == 11
    assert text.count("DELEGATE") == 11


def test_a_badge_shows_name_organization_country_and_delegation_role(client):
    workshop = WorkshopFactory(title="Free Movement of Persons")
    RegistrationFactory(
        workshop=workshop,
        honorific="H.E.",
        given_name="Ana María",
        family_name="García López",
        organization="Ministry of Labour and Social Economy",
        country="ES",
        delegation_role=Registration.DelegationRole.HEAD,
        attended=True,
        attended_at=timezone.now(),
    )

    text = pdf_pages(badges(client, workshop))[0]

    for expected in ("H.E.", "Ana María García López", "Ministry of Labour and Social Economy", "SPAIN"):
        assert expected in text
    assert "HEAD OF DELEGATION" in text
    assert "FREE MOVEMENT OF PERSONS" in text


def test_the_sheet_is_a4(client):
    workshop = WorkshopFactory()
    RegistrationFactory(workshop=workshop)

    page = PdfReader(io.BytesIO(badges(client, workshop))).pages[0]

    width_mm, height_mm = (float(side) * 25.4 / 72 for side in (page.mediabox.width, page.mediabox.height))
    assert (round(width_mm), round(height_mm)) == (210, 297)
