"""The participant's side of registration: the form, the private page behind a signed link, the public list."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from ..enums import RegistrationState
from ..forms.registration import PrivateLinkRequestForm, RegistrationCorrectionForm, RegistrationForm
from ..models import Registration, Workshop
from ..selectors.registration import public_participants, seat_situation
from ..services import registration as registration_services
from ..services.registration import (
    cancel_registration,
    change_email_address,
    confirm_email_address,
    correct_registration,
)
from ..services.registration_errors import (
    InvalidRegistrationStep,
    PrivateLinkExpired,
    PrivateLinkInvalid,
    RegistrationNotOpen,
)
from ..services.registration_links import private_token, registration_for_token, send_private_link


def registration_rate(group, request):
    """Read at each request, so that the rate follows the settings (and tests can change it)."""
    return settings.REGISTRATION_RATE_LIMIT or None


limit_posts_per_address = ratelimit(key="ip", rate=registration_rate, method="POST", block=False)


def _published_workshop(slug):
    return get_object_or_404(Workshop.objects.published(), slug=slug)


def _too_many_submissions(request, workshop):
    return render(request, "workshops/registration/rate_limited.html", {"workshop": workshop}, status=429)


def _private_page(request, registration, message):
    messages.success(request, message)
    return redirect("workshops:registration", token=private_token(registration))


@limit_posts_per_address
def register(request, slug):
    workshop = _published_workshop(slug)
    state = workshop.registration_state()
    if state == RegistrationState.NOT_OFFERED:
        return render(request, "workshops/registration/unavailable.html", {"workshop": workshop}, status=404)
    if state != RegistrationState.OPEN:
        return render(request, "workshops/registration/unavailable.html", {"workshop": workshop, "state": state})
    if request.method == "POST" and request.limited:
        return _too_many_submissions(request, workshop)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # A known address gets the same answer as a new one; its owner is e-mailed instead.
            registration_services.register(workshop=workshop, data=form.registration_data())
        except ValidationError as error:
            form.add_error(None, error)
        except RegistrationNotOpen:
            # Registration closed (or the workshop was unpublished) while the participant was typing.
            return render(
                request,
                "workshops/registration/unavailable.html",
                {"workshop": workshop, "state": workshop.registration_state()},
            )
        else:
            # Not the private page: only the address's owner may open it, from the e-mail, which confirms the address.
            return redirect("workshops:register-check-email", slug=workshop.slug)
    # Only a form that is shown needs the seats counted.
    seats = seat_situation(workshop)
    if seats["full"]:
        form.submit_label = _("Join the waitlist")
    return render(request, "workshops/registration/register.html", {"workshop": workshop, "form": form, **seats})


def check_email(request, slug):
    return render(
        request,
        "workshops/registration/check_email.html",
        {"workshop": _published_workshop(slug), "hours": settings.REGISTRATION_CONFIRMATION_HOURS},
    )


@limit_posts_per_address
def request_private_link(request, slug):
    workshop = _published_workshop(slug)
    if request.method == "POST" and request.limited:
        return _too_many_submissions(request, workshop)
    form = PrivateLinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send_private_link(workshop=workshop, email=form.cleaned_data["email"])
        return render(request, "workshops/registration/link_sent.html", {"workshop": workshop})
    return render(request, "workshops/registration/request_link.html", {"workshop": workshop, "form": form})


def _invalid_link(request, error):
    expired = isinstance(error, PrivateLinkExpired)
    return render(
        request,
        "workshops/registration/invalid_link.html",
        {"expired": expired, "workshop": error.workshop if expired else None, "message": error.message},
        status=410 if expired else 404,
    )


def with_private_link(view):
    """Opens the registration that the link's signed token names, or says plainly why it cannot."""

    @never_cache
    def wrapped(request, token):
        try:
            registration = registration_for_token(token)
            # The link reaches only the address's owner, so following it confirms the address.
            registration = confirm_email_address(registration=registration)
        except PrivateLinkInvalid as error:
            return _invalid_link(request, error)
        return view(request, registration, token)

    return wrapped


@with_private_link
def registration_detail(request, registration, token):
    return render(
        request,
        "workshops/registration/detail.html",
        {
            "registration": registration,
            "workshop": registration.workshop,
            "token": token,
            "waitlist_position": Registration.objects.waitlist_position(registration),
        },
    )


@with_private_link
def registration_edit(request, registration, token):
    if not registration.is_active:
        return redirect("workshops:registration", token=token)
    form = RegistrationCorrectionForm(request.POST or None, instance=registration)
    if request.method == "POST" and form.is_valid():
        try:
            correct_registration(registration=registration, data=form.registration_data())
        except ValidationError as error:
            form.add_error(None, error)
        except InvalidRegistrationStep:
            return redirect("workshops:registration", token=token)
        else:
            # Said whether or not the new address is registered already: only its owner learns which.
            message = _("Your corrections are saved.")
            if form.cleaned_data["email"].casefold() != registration.email.casefold():
                message += " " + _("To change your e-mail address, follow the link we have sent to the new address.")
            return _private_page(request, registration, message)
    return render(
        request,
        "workshops/registration/edit.html",
        {"registration": registration, "workshop": registration.workshop, "token": token, "form": form},
    )


@never_cache
def registration_new_address(request, token):
    try:
        registration = change_email_address(token=token)
    except PrivateLinkInvalid as error:
        return _invalid_link(request, error)
    return _private_page(request, registration, _("Your e-mail address is changed."))


@with_private_link
def registration_cancel(request, registration, token):
    if not registration.is_active:
        return redirect("workshops:registration", token=token)
    if request.method == "POST":
        try:
            cancel_registration(registration=registration)
        except InvalidRegistrationStep:
            return redirect("workshops:registration", token=token)
        return _private_page(request, registration, _("Your registration is cancelled."))
    return render(
        request,
        "workshops/registration/cancel.html",
        {"registration": registration, "workshop": registration.workshop, "token": token},
    )


def participant_list(request, slug):
    workshop = get_object_or_404(Workshop.objects.published(), slug=slug, participant_list_public=True)
    participants = public_participants(workshop)
    return render(
        request, "workshops/registration/participants.html", {"workshop": workshop, "participants": participants}
    )


def privacy_notice(request):
    return render(request, "workshops/registration/privacy.html")
