"""Reads of registrations: the counts, the public list, and what the site holds about a participant."""

import datetime

from ..models import Registration


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
