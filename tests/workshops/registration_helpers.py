"""What the registration tests share: a valid submission, the private link out of an e-mail, and posting
so that the e-mails sent after commit are really sent (the test transaction never commits)."""

import re
import smtplib

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.mail.backends.base import BaseEmailBackend
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

LINK = re.compile(r"https?://\S+/registration/\S+/")


def form_data(**overrides):
    data = {
        "honorific": "Ms",
        "given_name": "Amina",
        "family_name": "Diallo",
        "email": "amina.diallo@example.org",
        "phone": "+221 33 889 00 00",
        "language": "en",
        "position": "Director of Migration Policy",
        "organization": "Ministry of the Interior",
        "organization_type": "member_state",
        "country": "SN",
        "delegation_role": "head",
        "needs": "",
        "consent_processing": "on",
        "consent_public_list": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"workshops:{name}", kwargs=kwargs)


def register_url(workshop, language="en"):
    return url("register", language, slug=workshop.slug)


def private_path(message):
    """The path of the private link in an e-mail, to open it with the test client."""
    return re.sub(r"^https?://[^/]+", "", LINK.search(message.body).group(0))


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in a cache table, which a test that commits leaves behind."""
    caches[settings.RATELIMIT_USE_CACHE].clear()
    yield
    caches[settings.RATELIMIT_USE_CACHE].clear()


def submit(client, path, data=None, **extra):
    """Posts, and runs what the request left to do after its transaction commits, such as sending e-mail."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, data or {}, **extra)


class RelayDown(BaseEmailBackend):
    """An e-mail backend whose SMTP relay cannot be reached."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
