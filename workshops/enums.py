"""The domain's vocabulary: registration statuses with their transitions, registration states, and the choices
a registration is described by."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    NOT_OFFERED = "not_offered", _("Registration is not offered")
    NOT_YET_OPEN = "not_yet_open", _("Registration is not open yet")
    OPEN = "open", _("Registration is open")
    CLOSED = "closed", _("Registration is closed")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def active(cls):
        """Still in play: the participant may correct or cancel it, and it keeps its place."""
        return frozenset({cls.PENDING, cls.CONFIRMED, cls.WAITLISTED})

    def can_become(self, status):
        """Whether a registration may go from this status to `status`; every step of the services asks."""
        return status in REGISTRATION_TRANSITIONS[self]


# The one list of allowed status changes. A cancellation is the participant's own decision, so nothing the
# secretariat does takes it back; a decline is the secretariat's, which it may reverse while a seat is free.
REGISTRATION_TRANSITIONS = {
    RegistrationStatus.PENDING: frozenset(
        {RegistrationStatus.CONFIRMED, RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.WAITLISTED: frozenset(
        {RegistrationStatus.CONFIRMED, RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.CONFIRMED: frozenset({RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED}),
    RegistrationStatus.DECLINED: frozenset({RegistrationStatus.CONFIRMED}),
    RegistrationStatus.CANCELLED: frozenset(),
}


class OrganizationType(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State government")
    OBSERVER_STATE = "observer_state", _("Observer State")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
    NGO = "ngo", _("Non-governmental / civil-society organization")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ACADEMIA = "academia", _("Academia / research")
    MEDIA = "media", _("Media")
    IOM = "iom", _("IOM")
    OTHER = "other", _("Other")


class DelegationRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    OBSERVER = "observer", _("Observer")
    OTHER = "other", _("Other")


class RegistrationLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
