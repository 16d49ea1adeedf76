"""Registrations: one person's place at one workshop, and the rules its fields follow."""

import datetime
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from idm.core.countries import CountryField

from ..enums import DelegationRole, OrganizationType, RegistrationLanguage, RegistrationStatus
from .workshop import Workshop

phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{4,40}$", _("Enter a telephone number with digits, spaces and + ( ) . - / only.")
)

# A name is printed on one line of an official e-mail and a badge; a line break or a control character in it
# would let a stranger write lines of their own into the e-mail sent in the secretariat's name.
single_line_validator = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
    _("Write this on a single line, without line breaks or control characters."),
    code="not_single_line",
    inverse_match=True,
)

CONSENT_REQUIRED = _("A registration needs consent to the processing of personal data.")


def consent_given(value):
    """The table's consent constraint, checked with its field as well: Django checks a constraint with a query,
    which in a rush of registrations cost each one a round trip to the database."""
    if value is not True:
        raise ValidationError(CONSENT_REQUIRED, code="consent_required")


def confirmation_deadline_start(now=None):
    """Registrations made before this moment had to confirm their address by now."""
    return (now or timezone.now()) - datetime.timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS)


def _confirmation_overdue(now=None):
    """The rule for a place to be released: its address unconfirmed when the time to confirm has run out."""
    return Q(email_confirmed_at__isnull=True, created_at__lt=confirmation_deadline_start(now))


def _has_email(email):
    return Exact(Lower("email"), Lower(Value(email)))


class RegistrationCounts(TypedDict):
    """Registrations counted by status: every one received, then those pending, confirmed, waitlisted, attended."""

    registered: int
    pending: int
    confirmed: int
    waitlisted: int
    attended: int


def _count_of(status):
    return Count("pk", filter=Q(status=status))


class RegistrationQuerySet(models.QuerySet):
    def counts_by_status(self) -> RegistrationCounts:
        """The counts of these registrations by status, in one query."""
        return self.aggregate(
            registered=Count("pk"),
            pending=_count_of(RegistrationStatus.PENDING),
            confirmed=_count_of(RegistrationStatus.CONFIRMED),
            waitlisted=_count_of(RegistrationStatus.WAITLISTED),
            attended=Count("pk", filter=Q(attended=True)),
        )

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlist(self):
        """Waitlisted registrations, first come first served."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def waitlist_position(self, registration):
        """1 for the first on the waitlist; None for a registration that is not waitlisted."""
        if registration.status != Registration.Status.WAITLISTED:
            return None
        ahead = Q(created_at__lt=registration.created_at) | Q(
            created_at=registration.created_at, pk__lt=registration.pk
        )
        return self.waitlist().filter(ahead, workshop_id=registration.workshop_id).count() + 1

    def with_email(self, email):
        """Registrations with this address, compared as the database's uniqueness rule compares it."""
        return self.filter(_has_email(email))

    def seat_counts(self, email):
        """What a new registration with this address is decided on, in one query: how many are confirmed, how many
        waitlisted, how many have the address already (compared as `with_email` compares it), and how many are
        overdue for release (which changes the others)."""
        return self.aggregate(
            confirmed=_count_of(RegistrationStatus.CONFIRMED),
            waitlisted=_count_of(RegistrationStatus.WAITLISTED),
            with_email=Count("pk", filter=_has_email(email)),
            overdue=Count("pk", filter=_confirmation_overdue()),
        )

    def unconfirmed(self):
        """Registrations whose address has not been confirmed through the e-mailed link yet."""
        return self.filter(email_confirmed_at__isnull=True)

    def confirmation_overdue(self, now=None):
        """Unconfirmed registrations whose time to confirm the address has run out: their place is released."""
        return self.filter(_confirmation_overdue(now))

    def on_public_list(self):
        """Confirmed participants who agreed to be listed, on workshops whose list the secretariat turned on."""
        return self.confirmed().filter(
            consent_public_list=True,
            is_anonymized=False,
            workshop__participant_list_public=True,
            workshop__is_published=True,
        )


class Registration(models.Model):
    """One person's registration for one workshop; personal data, kept only as long as it is needed."""

    Status = RegistrationStatus
    OrganizationType = OrganizationType
    DelegationRole = DelegationRole
    Language = RegistrationLanguage

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    honorific = models.CharField(
        _("honorific"),
        max_length=50,
        blank=True,
        validators=[single_line_validator],
        help_text=_("For example H.E., Dr or Ms"),
    )
    given_name = models.CharField(_("given name"), max_length=100, validators=[single_line_validator])
    family_name = models.CharField(_("family name"), max_length=100, validators=[single_line_validator])
    email = models.EmailField(_("e-mail"), max_length=254)
    position = models.CharField(_("position"), max_length=200, validators=[single_line_validator])
    organization = models.CharField(_("organization"), max_length=300, validators=[single_line_validator])
    organization_type = models.CharField(_("type of organization"), max_length=30, choices=OrganizationType.choices)
    country = CountryField(_("country represented"))
    delegation_role = models.CharField(_("delegation role"), max_length=20, choices=DelegationRole.choices)
    phone = models.CharField(_("telephone"), max_length=40, blank=True, validators=[phone_validator])
    needs = models.TextField(_("accessibility or dietary needs"), max_length=1000, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    consent_processing = models.BooleanField(
        _("consent to the processing of personal data"), default=False, validators=[consent_given]
    )
    consent_public_list = models.BooleanField(_("consent to the public list of participants"), default=False)
    attended = models.BooleanField(_("attended"), default=False)
    attended_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    is_anonymized = models.BooleanField(_("anonymized"), default=False)
    email_confirmed_at = models.DateTimeField(
        _("address confirmed at"),
        null=True,
        blank=True,
        help_text=_("Empty until the participant follows the e-mailed link; without it the place is released."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # Decides between two simultaneous submissions of the same address, which no form check can.
            models.UniqueConstraint(
                F("workshop"),
                Lower("email"),
                name="registration_email_unique_per_workshop",
                violation_error_message=_("This e-mail address is already registered for this workshop."),
            ),
            models.CheckConstraint(
                condition=Q(consent_processing=True),
                name="registration_consents_to_processing",
                violation_error_message=CONSENT_REQUIRED,
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
                violation_error_message=_("Unknown registration status."),
            ),
            models.CheckConstraint(
                condition=Q(organization_type__in=OrganizationType.values),
                name="registration_organization_type_valid",
                violation_error_message=_("Unknown type of organization."),
            ),
            models.CheckConstraint(
                condition=Q(delegation_role__in=DelegationRole.values),
                name="registration_delegation_role_valid",
                violation_error_message=_("Unknown delegation role."),
            ),
            models.CheckConstraint(
                condition=Q(attended=False, attended_at__isnull=True) | Q(attended=True, attended_at__isnull=False),
                name="registration_attendance_has_a_time",
                violation_error_message=_("Attendance is recorded with its time."),
            ),
            models.CheckConstraint(
                condition=Q(is_anonymized=False) | Q(consent_public_list=False),
                name="registration_anonymized_is_not_listed",
                violation_error_message=_("An anonymized registration cannot appear on the public list."),
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "created_at"], name="registration_seat_lookup")]

    def __str__(self):
        if self.is_anonymized:
            return _("Anonymized registration %(number)s") % {"number": self.pk}
        return " ".join(part for part in (self.honorific, self.given_name, self.family_name) if part)

    @property
    def holds_seat(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_active(self):
        """Still in play: the participant may correct or cancel it."""
        return not self.is_anonymized and self.status in self.Status.active()
