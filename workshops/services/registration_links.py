"""The participant's private links (signed tokens that open a registration or confirm a new e-mail address), and the
e-mails that carry them."""

import contextvars

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from idm.core.site_url import site_url

from ..models import Registration, Workshop
from . import emails
from .registration_errors import PrivateLinkExpired, PrivateLinkInvalid

PRIVATE_LINK_SALT = "workshops.registration.private-link"
NEW_ADDRESS_SALT = "workshops.registration.new-address"


def private_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=PRIVATE_LINK_SALT)


def private_link(registration: Registration) -> str:
    """The absolute address of the registration's private page, in the participant's language."""
    with translation.override(registration.language):
        path = reverse("workshops:registration", kwargs={"token": private_token(registration)})
    return site_url() + path


def registration_for_token(token: str) -> Registration:
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


def new_address_link(*, registration: Registration, email: str) -> str:
    token = signing.dumps({"pk": registration.pk, "email": email}, salt=NEW_ADDRESS_SALT)
    with translation.override(registration.language):
        path = reverse("workshops:registration-new-address", kwargs={"token": token})
    return site_url() + path


def _send_registration_email(registration: Registration, kind: str, extra_context: dict) -> None:
    link = private_link(registration)
    emails.registration_email(registration=registration, kind=kind, link=link, extra_context=extra_context).send()


def email_after_commit(*, registration: Registration, kind: str, **extra_context: object) -> None:
    # Robust: the step is stored by then, so an e-mail that cannot be sent is logged rather than turned into an
    # error page for a registration that was made. In production the e-mail is only queued (settings/prod.py).
    # A function of its own, not a partial: Django names the callback in that log line by its __qualname__.
    # It runs in the step's context, whose request gives the links their address even if the commit comes later.
    step_context = contextvars.copy_context()

    def send() -> None:
        step_context.run(_send_registration_email, registration, kind, extra_context)

    transaction.on_commit(send, robust=True)


def send_private_link(*, workshop: Workshop, email: str) -> None:
    """E-mails the private link to a registered address; says nothing about whether it is registered."""
    registration = workshop.registrations.with_email(email).filter(is_anonymized=False).first()
    if registration is not None:
        email_after_commit(registration=registration, kind="link")
