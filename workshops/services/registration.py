"""Registration: seats, waitlist and approval, the participant's steps, attendance, and erasure on request.

Each step is one transaction: it happens whole or not at all."""

import copy
import datetime
from collections.abc import Collection
from typing import TypedDict

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country

from ..enums import RegistrationState
from ..models import Registration, Workshop
from ..models.registration import confirmation_deadline_start
from .registration_errors import (
    DuplicateRegistration,
    InvalidRegistrationStep,
    NoSeatLeft,
    PrivateLinkInvalid,
    RegistrationNotOpen,
)
from .registration_links import NEW_ADDRESS_SALT, email_after_commit, new_address_link


class RegistrationData(TypedDict, total=False):
    """A registration's own fields, as the registration form cleans them (RegistrationForm.registration_data)."""

    honorific: str
    given_name: str
    family_name: str
    email: str
    phone: str
    language: str
    position: str
    organization: str
    organization_type: str
    country: Country | str
    delegation_role: str
    needs: str
    consent_processing: bool
    consent_public_list: bool


# Every step that can change who holds a seat first locks the workshop's row, so that two submissions (or a
# submission and a cancellation) count the seats one after the other and a seat is never given twice.
# E-mails leave only once the transaction has committed (registration_links.email_after_commit): a rolled-back
# step tells no one anything.
# ---------------------------------------------------------------------------------------------------------------------


def _locked_workshop(workshop: Workshop) -> Workshop:
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def _already_registered() -> DuplicateRegistration:
    return DuplicateRegistration(_("This e-mail address is already registered for this workshop."))


def _fill_free_seats(workshop: Workshop) -> list[Registration]:
    """Gives every free seat to the waitlist, first come first served, and tells each one promoted. Called, under
    the workshop's lock, by every step that may free a seat: more seats, a cancellation, a decline, a release."""
    free = workshop.seats_left()  # None without a seat limit: the whole waitlist
    if free == 0:
        return []
    promoted = list(workshop.registrations.waitlist().select_for_update()[:free])
    for registration in promoted:
        _set_status(registration, Registration.Status.CONFIRMED)
        email_after_commit(registration=registration, kind="promoted")
    return promoted


def _release_overdue(workshop: Workshop) -> int:
    """Under the workshop's lock: registrations whose address was not confirmed in time give their place back, and
    the waitlist moves up. Returns how many were released."""
    released, _by_model = workshop.registrations.confirmation_overdue().delete()
    if released:
        _fill_free_seats(workshop)
    return released


def release_unconfirmed_registrations(*, now: datetime.datetime | None = None) -> int:
    """Releases, in every workshop, the registrations whose address was not confirmed in time (the steps that count
    seats also do it for their own workshop, so nothing waits for this to run). Returns how many were released."""
    released = 0
    overdue = Registration.objects.confirmation_overdue(now).values("workshop_id")
    for workshop in Workshop.objects.filter(pk__in=overdue).order_by("pk"):
        with transaction.atomic():
            released += _release_overdue(_locked_workshop(workshop))
    return released


def confirm_email_address(*, registration: Registration, now: datetime.datetime | None = None) -> Registration:
    """The participant followed the e-mailed link, which proves the address is theirs: the place is kept. Too late,
    and the place is released (PrivateLinkInvalid says so)."""
    if registration.email_confirmed_at is not None:
        return registration
    now = now or timezone.now()
    # Not overdue, checked by the update itself: a release running at the same moment cannot take the place back.
    in_time = Registration.objects.filter(
        pk=registration.pk, email_confirmed_at__isnull=True, created_at__gte=confirmation_deadline_start(now)
    ).update(email_confirmed_at=now)
    if not in_time and not Registration.objects.filter(pk=registration.pk, email_confirmed_at__isnull=False).exists():
        with transaction.atomic():
            _release_overdue(_locked_workshop(registration.workshop))
        raise PrivateLinkInvalid(
            _(
                "This registration was released, as its e-mail address was not confirmed within %(hours)s hours. "
                "You are welcome to register again."
            )
            % {"hours": settings.REGISTRATION_CONFIRMATION_HOURS}
        )
    registration.refresh_from_db(fields=["email_confirmed_at"])
    return registration


def _tell_address_owner(*, workshop: Workshop, email: str) -> None:
    """Someone submitted an address that is registered already: its owner hears of it, with their private link;
    the one who submitted it learns nothing."""
    registration = workshop.registrations.with_email(email).filter(is_anonymized=False).first()
    if registration is not None:
        email_after_commit(registration=registration, kind="already_registered")


def register(*, workshop: Workshop, data: RegistrationData) -> Registration | None:
    """Registers a participant: pending when the workshop needs approval, else confirmed while seats remain,
    then waitlisted. `data` holds the registration's own fields, as the registration form cleans them. The place
    is kept once the address is confirmed through the e-mailed link (`confirm_email_address`).

    Returns None for an address already registered for the workshop, whose owner is e-mailed instead: the answer
    to the one who submitted must not tell which addresses are registered."""
    registration = Registration(workshop=workshop, **data)
    # Validated before the transaction: in a rush every submission waits for the workshop's lock, so what is done
    # while holding it must be short. The table's constraints are not checked here, as Django runs a query for
    # each: choices and consent are checked with their fields, the address (once per workshop) and the status are
    # decided under the lock, and attendance and anonymization are not the participant's to set.
    registration.full_clean(exclude={"status", "workshop"}, validate_constraints=False)
    try:
        return _take_seat(registration)
    except DuplicateRegistration:
        _tell_address_owner(workshop=workshop, email=registration.email)
        return None


@transaction.atomic
def _take_seat(registration: Registration) -> Registration:
    workshop = _locked_workshop(registration.workshop)
    if not workshop.is_published or workshop.registration_state() != RegistrationState.OPEN:
        raise RegistrationNotOpen(_("Registration for this workshop is not open."))
    # One query for the address and the seats: under the lock, every round trip makes the rush's line longer.
    counts = workshop.registrations.seat_counts(registration.email)
    if counts["overdue"] and _release_overdue(workshop):
        counts = workshop.registrations.seat_counts(registration.email)
    if counts["with_email"]:
        raise _already_registered()
    waitlist_position = None
    if workshop.registration_requires_approval:
        registration.status = Registration.Status.PENDING
    elif workshop.has_free_seat(confirmed=counts["confirmed"]):
        registration.status = Registration.Status.CONFIRMED
    else:
        registration.status = Registration.Status.WAITLISTED
        # Last in line: everyone on the waitlist registered before it, as the lock makes registrations one by one.
        waitlist_position = counts["waitlisted"] + 1
    registration.workshop = workshop
    registration.save()
    email_after_commit(
        registration=registration,
        kind="registered",
        waitlist_position=waitlist_position,
        confirmation_hours=settings.REGISTRATION_CONFIRMATION_HOURS,
    )
    return registration


def _ask_to_confirm_new_address(*, registration: Registration, email: str) -> None:
    """A new address is taken only once its owner follows the link sent to it; if it is registered already, its
    owner hears of that instead. Either way the participant is told the same."""
    if registration.workshop.registrations.with_email(email).exists():
        _tell_address_owner(workshop=registration.workshop, email=email)
        return
    addressee = copy.copy(registration)
    addressee.email = email
    email_after_commit(
        registration=addressee,
        kind="new_address",
        link=new_address_link(registration=registration, email=email),
        confirmation_hours=settings.REGISTRATION_CONFIRMATION_HOURS,
    )


@transaction.atomic
def correct_registration(*, registration: Registration, data: RegistrationData) -> Registration:
    """Applies the participant's corrections; the status and the seat stay as they are. A new e-mail address waits
    for its owner's confirmation (`change_email_address`)."""
    _locked_workshop(registration.workshop)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise InvalidRegistrationStep(_("This registration can no longer be changed."))
    data = dict(data)
    new_email = data.pop("email")
    address_changes = new_email.casefold() != registration.email.casefold()
    if not address_changes:
        data["email"] = new_email
    for name, value in data.items():
        setattr(registration, name, value)
    registration.full_clean()
    registration.save()
    if address_changes:
        _ask_to_confirm_new_address(registration=registration, email=new_email)
    return registration


@transaction.atomic
def change_email_address(*, token: str, now: datetime.datetime | None = None) -> Registration:
    """The owner of the new address followed the link sent to it: the registration takes it, confirmed."""
    max_age = settings.REGISTRATION_CONFIRMATION_HOURS * 3600
    try:
        change = signing.loads(token, salt=NEW_ADDRESS_SALT, max_age=max_age)
    except signing.BadSignature:
        raise PrivateLinkInvalid(_("This link is not valid.")) from None
    registration = Registration.objects.filter(pk=change["pk"], is_anonymized=False).first()
    if registration is None or not registration.is_active:
        raise PrivateLinkInvalid(_("This registration no longer exists."))
    _locked_workshop(registration.workshop)
    if registration.workshop.registrations.with_email(change["email"]).exclude(pk=registration.pk).exists():
        raise PrivateLinkInvalid(_("This e-mail address is already registered for this workshop."))
    registration.email = change["email"]
    registration.email_confirmed_at = now or timezone.now()
    registration.save(update_fields=["email", "email_confirmed_at", "updated_at"])
    return registration


def _lock_for_step(registration: Registration) -> tuple[Workshop, Registration]:
    """Locks the workshop, releases what is overdue there, and locks the registration as it now is."""
    workshop = _locked_workshop(registration.workshop)
    _release_overdue(workshop)
    locked = Registration.objects.select_for_update().filter(pk=registration.pk).first()
    if locked is None:
        raise InvalidRegistrationStep(
            _("%(name)s: this registration was released, as its e-mail address was not confirmed in time.")
            % {"name": registration}
        )
    return workshop, locked


def _refused(registration: Registration, status: str) -> InvalidRegistrationStep:
    return InvalidRegistrationStep(
        _("%(name)s was not changed: a registration that is “%(status)s” cannot become “%(new)s”.")
        % {
            "name": registration,
            "status": registration.get_status_display(),
            "new": Registration.Status(status).label,
        }
    )


def _lock_for_transition(registration: Registration, status: str) -> tuple[Workshop, Registration]:
    """Locks the registration for a change of status, which the transition table must allow."""
    workshop, registration = _lock_for_step(registration)
    if registration.is_anonymized or not Registration.Status(registration.status).can_become(status):
        raise _refused(registration, status)
    return workshop, registration


def _set_status(registration: Registration, status: str) -> None:
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])


def _confirm(registration: Registration, *, from_statuses: Collection[str]) -> Registration:
    Status = Registration.Status
    workshop, registration = _lock_for_transition(registration, Status.CONFIRMED)
    if registration.status not in from_statuses:
        raise _refused(registration, Status.CONFIRMED)
    if not workshop.has_free_seat():
        raise NoSeatLeft(
            _("%(name)s could not be confirmed: all %(seats)s seats are taken.")
            % {"name": registration, "seats": workshop.seats}
        )
    kind = "promoted" if registration.status == Status.WAITLISTED else "confirmed"
    _set_status(registration, Status.CONFIRMED)
    email_after_commit(registration=registration, kind=kind)
    return registration


@transaction.atomic
def confirm_registration(*, registration: Registration) -> Registration:
    """The secretariat's approval, also to take back its own decline made by mistake; never beyond the seats, and
    never for a registration the participant cancelled."""
    return _confirm(registration, from_statuses=Registration.Status.values)


@transaction.atomic
def move_from_waitlist(*, registration: Registration) -> Registration:
    return _confirm(registration, from_statuses={Registration.Status.WAITLISTED})


def _withdraw(registration: Registration, status: str, kind: str) -> Registration:
    workshop, registration = _lock_for_transition(registration, status)
    _set_status(registration, status)
    email_after_commit(registration=registration, kind=kind)
    _fill_free_seats(workshop)
    return registration


@transaction.atomic
def decline_registration(*, registration: Registration) -> Registration:
    return _withdraw(registration, Registration.Status.DECLINED, "declined")


@transaction.atomic
def cancel_registration(*, registration: Registration) -> Registration:
    """The participant withdraws; a seat they held goes to the first on the waitlist."""
    return _withdraw(registration, Registration.Status.CANCELLED, "cancelled")


def _lock_confirmed(registration: Registration) -> Registration:
    _workshop, registration = _lock_for_step(registration)
    if registration.is_anonymized or registration.status != Registration.Status.CONFIRMED:
        raise InvalidRegistrationStep(
            _("%(name)s: not possible for a registration that is “%(status)s”.")
            % {"name": registration, "status": registration.get_status_display()}
        )
    return registration


@transaction.atomic
def mark_attended(*, registration: Registration, now: datetime.datetime | None = None) -> Registration:
    registration = _lock_confirmed(registration)
    if not registration.attended:
        registration.attended = True
        registration.attended_at = now or timezone.now()
        registration.save(update_fields=["attended", "attended_at", "updated_at"])
    return registration


@transaction.atomic
def undo_attended(*, registration: Registration) -> Registration:
    """Takes back a check-in made by mistake at the desk: the participant is expected again."""
    registration = _lock_confirmed(registration)
    if registration.attended:
        registration.attended = False
        registration.attended_at = None
        registration.save(update_fields=["attended", "attended_at", "updated_at"])
    return registration


@transaction.atomic
def save_registration_settings(*, workshop: Workshop) -> Workshop:
    """Saves a workshop's seats and registration dates as the secretariat set them; seats that the change frees go
    to the waitlist at once, in order."""
    _locked_workshop(workshop)
    workshop.save()
    _release_overdue(workshop)
    _fill_free_seats(workshop)
    return workshop


@transaction.atomic
def anonymize_registration(*, registration: Registration) -> Registration:
    """Erases the participant's personal data on request. What the counts need stays: the attendance, the type of
    organization, the country and the delegation role, and the status once the workshop is over. Before then, a
    registration still in play is cancelled, as no one can come in its name any more, and its seat goes to the
    waitlist."""
    workshop, registration = _lock_for_step(registration)
    if registration.is_anonymized:
        return registration
    # Once the workshop is over the status is history that the statistics count, and no seat is left to give.
    if workshop.end_date >= timezone.localdate() and Registration.Status(registration.status).can_become(
        Registration.Status.CANCELLED
    ):
        registration.status = Registration.Status.CANCELLED
    registration.honorific = ""
    registration.given_name = ""
    registration.family_name = ""
    registration.email = f"anonymized-{registration.pk}@anonymized.invalid"
    registration.position = ""
    registration.organization = ""
    registration.phone = ""
    registration.needs = ""
    registration.consent_public_list = False
    registration.is_anonymized = True
    registration.save()
    _fill_free_seats(workshop)
    # The admin's history names the object it records; the name goes too.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration), object_id=str(registration.pk)
    ).update(object_repr=str(registration))
    return registration
