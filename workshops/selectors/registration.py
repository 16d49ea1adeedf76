"""Reads of registrations: the seats left, the desk's seat summary, the public list, and what the site holds
about a participant.

The counts by status are RegistrationQuerySet.counts_by_status(), and the seat rule Workshop.seats_left()."""

import datetime
from typing import TypedDict

from django.utils import timezone

from ..models import Registration, Workshop
from ..models.registration import RegistrationQuerySet
from ..models.workshop import WorkshopQuerySet


class SeatSituation(TypedDict):
    seats_left: int | None
    full: bool


def seat_situation(workshop: Workshop) -> SeatSituation:
    """Seats left, and whether a new registration would join the waitlist."""
    seats_left = workshop.seats_left()
    return {"seats_left": seats_left, "full": seats_left == 0 and not workshop.registration_requires_approval}


def public_participants(workshop: Workshop) -> RegistrationQuerySet:
    """The workshop's public list of participants, in the order it is printed."""
    return workshop.registrations.on_public_list().order_by("family_name", "given_name", "pk")


def seat_summary(*, workshop_id: int | None = None) -> WorkshopQuerySet:
    """The seat counts above the registration desk's list: of the chosen workshop, or else of every workshop not
    over yet that takes registrations."""
    workshops = Workshop.objects.with_registration_counts().filter(registration_opens_at__isnull=False)
    if workshop_id is not None:
        workshops = workshops.filter(pk=workshop_id)
    else:
        workshops = workshops.filter(end_date__gte=timezone.localdate())
    return workshops.order_by("start_date", "title")


def registration_personal_data(registration: Registration) -> dict[str, object]:
    """Everything the site holds about one participant, for a request to see one's own data."""

    def choice(value: str, label: str) -> dict[str, str] | None:
        return {"code": value, "label": str(label)} if value else None

    def moment(value: datetime.datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "workshop": {"slug": registration.workshop.slug, "title": registration.workshop.title},
        "status": choice(registration.status, registration.get_status_display()),
        "honorific": registration.honorific,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "email": registration.email,
        "position": registration.position,
        "organization": registration.organization,
        "organization_type": choice(registration.organization_type, registration.get_organization_type_display()),
        "country": choice(registration.country.code, registration.country.name),
        "delegation_role": choice(registration.delegation_role, registration.get_delegation_role_display()),
        "phone": registration.phone,
        "needs": registration.needs,
        "preferred_language": choice(registration.language, registration.get_language_display()),
        "consent_processing": registration.consent_processing,
        "consent_public_list": registration.consent_public_list,
        "attended": registration.attended,
        "attended_at": moment(registration.attended_at),
        "anonymized": registration.is_anonymized,
        "registered_at": moment(registration.created_at),
        "updated_at": moment(registration.updated_at),
    }
