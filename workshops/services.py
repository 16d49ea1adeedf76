"""Writes of the workshops domain. Each is one transaction: it happens whole or not at all."""

import contextvars
import copy

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from idm.core.caching import bump_content_version
from idm.core.site_url import site_url

from . import emails
from .interchange.snapshots import snapshot_agenda
from .models import (
    Document,
    Registration,
    RegistrationState,
    Workshop,
    confirmation_deadline_start,
)
from .text_extraction import extract_text


@transaction.atomic
def publish_workshop(*, workshop):
    if not workshop.is_published:
        workshop.is_published = True
        workshop.published_at = timezone.now()
        workshop.save(update_fields=["is_published", "published_at", "updated_at"])
    return workshop


@transaction.atomic
def unpublish_workshop(*, workshop):
    if workshop.is_published:
        workshop.is_published = False
        workshop.save(update_fields=["is_published", "updated_at"])
    return workshop


@transaction.atomic
def finalize_agenda(*, workshop, issued_on=None):
    """Makes the agenda final; a published provisional agenda is kept as an earlier version."""
    if workshop.agenda_status == Workshop.AgendaStatus.FINAL:
        return workshop
    if workshop.has_public_agenda:
        snapshot_agenda(workshop=workshop)
    workshop.agenda_status = Workshop.AgendaStatus.FINAL
    workshop.agenda_issued_on = issued_on or timezone.localdate()
    workshop.save(update_fields=["agenda_status", "agenda_issued_on", "updated_at"])
    return workshop


@transaction.atomic
def store_document_text(*, document: Document) -> str:
    """Reads the words of the document's file, which the library's search finds, and stores them: none without
    a file or when they cannot be read (the document is still found by its title). Derived from the file, they
    are no edit of the secretariat's, so they leave no entry in the document's history."""
    text = ""
    if document.file:
        with document.file.open("rb") as handle:
            text = extract_text(handle, name=document.file.name)
    Document.objects.filter(pk=document.pk).update(text=text)
    bump_content_version()  # an update sends no signal: the library's stored search pages must go
    document.text = text
    return text


# ---------------------------------------------------------------------------------------------------------------------
# Registration: seats, waitlist and approval, the participant's private link, e-mails, and erasure on request.
#
# Every step that can change who holds a seat first locks the workshop's row, so that two submissions (or a
# submission and a cancellation) count the seats one after the other and a seat is never given twice.
# E-mails leave only once the transaction has committed: a rolled-back step tells no one anything.
# ---------------------------------------------------------------------------------------------------------------------

PRIVATE_LINK_SALT = "workshops.registration.private-link"
NEW_ADDRESS_SALT = "workshops.registration.new-address"


class RegistrationError(Exception):
    """A registration step that the rules do not allow; the message is for the person who tried it."""

    def __init__(self, message=""):
        super().__init__(message)
        self.message = message


class RegistrationNotOpen(RegistrationError):
    pass


class DuplicateRegistration(RegistrationError):
    pass


class NoSeatLeft(RegistrationError):
    pass


class InvalidRegistrationStep(RegistrationError):
    pass


class PrivateLinkInvalid(RegistrationError):
    pass


class PrivateLinkExpired(PrivateLinkInvalid):
    def __init__(self, *, workshop):
        super().__init__(_("This link has expired."))
        self.workshop = workshop


def private_token(registration):
    return signing.dumps(registration.pk, salt=PRIVATE_LINK_SALT)


def private_link(registration):
    """The absolute address of the registration's private page, in the participant's language."""
    with translation.override(registration.language):
        path = reverse("workshops:registration", kwargs={"token": private_token(registration)})
    return site_url() + path


def registration_for_token(token):
    """The registration that a private link opens; raises PrivateLinkInvalid or PrivateLinkExpired."""
    registrations = Registration.objects.select_related("workshop")
    try:
        pk = signing.loads(token, salt=PRIVATE_LINK_SALT, max_age=settings.REGISTRATION_LINK_MAX_AGE)
    except signing.SignatureExpired:
        expired = registrations.filter(pk=signing.loads(token, salt=PRIVATE_LINK_SALT)).first()
        raise PrivateLinkExpired(workshop=expired.workshop if expired else None) from None
    except signing.BadSignature:
        raise PrivateLinkInvalid(_("This link is not valid.")) from None
    registration = registrations.filter(pk=pk, is_anonymized=False).first()
    if registration is None:
        raise PrivateLinkInvalid(_("This registration no longer exists."))
    return registration


def _send_registration_email(registration, kind, extra_context):
    link = private_link(registration)
    emails.registration_email(registration=registration, kind=kind, link=link, extra_context=extra_context).send()


def _email_after_commit(registration, kind, **extra_context):
    # Robust: the step is stored by then, so an e-mail that cannot be sent is logged rather than turned into an
    # error page for a registration that was made. In production the e-mail is only queued (settings/prod.py).
    # A function of its own, not a partial: Django names the callback in that log line by its __qualname__.
    # It runs in the step's context, whose request gives the links their address even if the commit comes later.
    step_context = contextvars.copy_context()

    def send():
        step_context.run(_send_registration_email, registration, kind, extra_context)

    transaction.on_commit(send, robust=True)


def _locked_workshop(workshop):
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def _has_free_seat(workshop, *, confirmed=None):
    """Whether a seat is free; `confirmed` is the number of confirmed registrations, when it is already counted."""
    if workshop.seats is None:
        return True
    if confirmed is None:
        confirmed = workshop.registrations.confirmed().count()
    return confirmed < workshop.seats


def _already_registered():
    return DuplicateRegistration(_("This e-mail address is already registered for this workshop."))


def _fill_free_seats(workshop):
    """Gives every free seat to the waitlist, first come first served, and tells each one promoted. Called, under
    the workshop's lock, by every step that may free a seat: more seats, a cancellation, a decline, a release."""
    free = None
    if workshop.seats is not None:
        free = workshop.seats - workshop.registrations.confirmed().count()
        if free <= 0:
            return []
    promoted = list(workshop.registrations.waitlist().select_for_update()[:free])
    for registration in promoted:
        _set_status(registration, Registration.Status.CONFIRMED)
        _email_after_commit(registration, "promoted")
    return promoted


def _release_overdue(workshop):
    """Under the workshop's lock: registrations whose address was not confirmed in time give their place back, and
    the waitlist moves up. Returns how many were released."""
    released, _by_model = workshop.registrations.confirmation_overdue().delete()
    if released:
        _fill_free_seats(workshop)
    return released


def release_unconfirmed_registrations(*, now=None):
    """Releases, in every workshop, the registrations whose address was not confirmed in time (the steps that count
    seats also do it for their own workshop, so nothing waits for this to run). Returns how many were released."""
    released = 0
    overdue = Registration.objects.confirmation_overdue(now).values("workshop_id")
    for workshop in Workshop.objects.filter(pk__in=overdue).order_by("pk"):
        with transaction.atomic():
            released += _release_overdue(_locked_workshop(workshop))
    return released


def confirm_email_address(*, registration, now=None):
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


def _tell_address_owner(*, workshop, email):
    """Someone submitted an address that is registered already: its owner hears of it, with their private link;
    the one who submitted it learns nothing."""
    registration = workshop.registrations.with_email(email).filter(is_anonymized=False).first()
    if registration is not None:
        _email_after_commit(registration, "already_registered")


def register(*, workshop, data):
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
def _take_seat(registration):
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
    elif _has_free_seat(workshop, confirmed=counts["confirmed"]):
        registration.status = Registration.Status.CONFIRMED
    else:
        registration.status = Registration.Status.WAITLISTED
        # Last in line: everyone on the waitlist registered before it, as the lock makes registrations one by one.
        waitlist_position = counts["waitlisted"] + 1
    registration.workshop = workshop
    registration.save()
    _email_after_commit(
        registration,
        "registered",
        waitlist_position=waitlist_position,
        confirmation_hours=settings.REGISTRATION_CONFIRMATION_HOURS,
    )
    return registration


def _new_address_link(registration, email):
    token = signing.dumps({"pk": registration.pk, "email": email}, salt=NEW_ADDRESS_SALT)
    with translation.override(registration.language):
        path = reverse("workshops:registration-new-address", kwargs={"token": token})
    return site_url() + path


def _ask_to_confirm_new_address(*, registration, email):
    """A new address is taken only once its owner follows the link sent to it; if it is registered already, its
    owner hears of that instead. Either way the participant is told the same."""
    if registration.workshop.registrations.with_email(email).exists():
        _tell_address_owner(workshop=registration.workshop, email=email)
        return
    addressee = copy.copy(registration)
    addressee.email = email
    _email_after_commit(
        addressee,
        "new_address",
        link=_new_address_link(registration, email),
        confirmation_hours=settings.REGISTRATION_CONFIRMATION_HOURS,
    )


@transaction.atomic
def correct_registration(*, registration, data):
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
def change_email_address(*, token, now=None):
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


def _lock_for_step(registration):
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


def _refused(registration, status):
    return InvalidRegistrationStep(
        _("%(name)s was not changed: a registration that is “%(status)s” cannot become “%(new)s”.")
        % {
            "name": registration,
            "status": registration.get_status_display(),
            "new": Registration.Status(status).label,
        }
    )


def _lock_for_transition(registration, status):
    """Locks the registration for a change of status, which the transition table must allow."""
    workshop, registration = _lock_for_step(registration)
    if registration.is_anonymized or not Registration.Status(registration.status).can_become(status):
        raise _refused(registration, status)
    return workshop, registration


def _set_status(registration, status):
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])


def _confirm(registration, *, from_statuses):
    Status = Registration.Status
    workshop, registration = _lock_for_transition(registration, Status.CONFIRMED)
    if registration.status not in from_statuses:
        raise _refused(registration, Status.CONFIRMED)
    if not _has_free_seat(workshop):
        raise NoSeatLeft(
            _("%(name)s could not be confirmed: all %(seats)s seats are taken.")
            % {"name": registration, "seats": workshop.seats}
        )
    kind = "promoted" if registration.status == Status.WAITLISTED else "confirmed"
    _set_status(registration, Status.CONFIRMED)
    _email_after_commit(registration, kind)
    return registration


@transaction.atomic
def confirm_registration(*, registration):
    """The secretariat's approval, also to take back its own decline made by mistake; never beyond the seats, and
    never for a registration the participant cancelled."""
    return _confirm(registration, from_statuses=Registration.Status.values)


@transaction.atomic
def move_from_waitlist(*, registration):
    return _confirm(registration, from_statuses={Registration.Status.WAITLISTED})


def _withdraw(registration, status, kind):
    workshop, registration = _lock_for_transition(registration, status)
    _set_status(registration, status)
    _email_after_commit(registration, kind)
    _fill_free_seats(workshop)
    return registration


@transaction.atomic
def decline_registration(*, registration):
    return _withdraw(registration, Registration.Status.DECLINED, "declined")


@transaction.atomic
def cancel_registration(*, registration):
    """The participant withdraws; a seat they held goes to the first on the waitlist."""
    return _withdraw(registration, Registration.Status.CANCELLED, "cancelled")


def _lock_confirmed(registration):
    _workshop, registration = _lock_for_step(registration)
    if registration.is_anonymized or registration.status != Registration.Status.CONFIRMED:
        raise InvalidRegistrationStep(
            _("%(name)s: not possible for a registration that is “%(status)s”.")
            % {"name": registration, "status": registration.get_status_display()}
        )
    return registration


@transaction.atomic
def mark_attended(*, registration, now=None):
    registration = _lock_confirmed(registration)
    if not registration.attended:
        registration.attended = True
        registration.attended_at = now or timezone.now()
        registration.save(update_fields=["attended", "attended_at", "updated_at"])
    return registration


@transaction.atomic
def undo_attended(*, registration):
    """Takes back a check-in made by mistake at the desk: the participant is expected again."""
    registration = _lock_confirmed(registration)
    if registration.attended:
        registration.attended = False
        registration.attended_at = None
        registration.save(update_fields=["attended", "attended_at", "updated_at"])
    return registration


@transaction.atomic
def save_registration_settings(*, workshop):
    """Saves a workshop's seats and registration dates as the secretariat set them; seats that the change frees go
    to the waitlist at once, in order."""
    _locked_workshop(workshop)
    workshop.save()
    _release_overdue(workshop)
    _fill_free_seats(workshop)
    return workshop


def send_private_link(*, workshop, email):
    """E-mails the private link to a registered address; says nothing about whether it is registered."""
    registration = workshop.registrations.with_email(email).filter(is_anonymized=False).first()
    if registration is not None:
        _email_after_commit(registration, "link")


@transaction.atomic
def anonymize_registration(*, registration):
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


def registration_personal_data(registration):
    """Everything the site holds about one participant, for a request to see one's own data."""

    def choice(value, label):
        return {"code": value, "label": str(label)} if value else None

    def moment(value):
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
