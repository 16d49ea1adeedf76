"""The registration steps that the rules do not allow, each with a message for the person who tried it."""

from django.utils.translation import gettext as _

from ..models import Workshop


class RegistrationError(Exception):
    """A registration step that the rules do not allow; the message is for the person who tried it."""

    def __init__(self, message: str = "") -> None:
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
    def __init__(self, *, workshop: Workshop | None) -> None:
        super().__init__(_("This link has expired."))
        self.workshop = workshop
