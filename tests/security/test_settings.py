"""Production settings pass Django's deployment check, refuse to start half-configured, and every page is
sent with the security headers; the site's own pages satisfy their Content-Security-Policy."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import OpenWorkshopFactory, RegistrationFactory
from workshops.services.registration_links import private_token

from .html_audit import inline_code

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "idm.settings.prod",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "idm-workshops.iom.int",
    "DJANGO_SITE_URL": "https://idm-workshops.iom.int",
}


def run_production(*args, env=PRODUCTION_ENV, drop=()):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    environment.update({k: v for k, v in env.items() if k not in drop})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check_with_no_warning():
    result = run_production("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_SITE_URL"])
def test_production_refuses_to_start_without_its_secret_hosts_or_address(missing):
    result = run_production("check", drop={missing})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_queues_email_and_sends_it_over_smtp_configured_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "DJANGO_EMAIL_HOST": "smtp.iom.int",
        "DJANGO_EMAIL_PORT": "587",
        "DJANGO_EMAIL_HOST_USER": "idm",
        "DJANGO_EMAIL_USE_TLS": "true",
    }
    code = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.MAILER_EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS)"
    )

    result = run_production("shell", "--no-imports", "-c", code, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "mailer.backend.DbBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.iom.int",
        "587",
        "idm",
        "True",
    ]


@pytest.fixture
def public_pages(demo_workshop):
    """Every public HTML page there is, with data on each."""
    version = demo_workshop.agenda_versions.first()
    document = demo_workshop.documents.exclude(file="").first() or demo_workshop.documents.first()
    person = demo_workshop.days.first().items.filter(roles__isnull=False).first().roles.first().person
    workshop = OpenWorkshopFactory(participant_list_public=True)
    registration = RegistrationFactory(workshop=workshop, consent_public_list=True)
    token = private_token(registration)
    pages = [
        reverse("workshops:home"),
        reverse("workshops:detail", args=[demo_workshop.slug]),
        reverse("workshops:version", args=[demo_workshop.slug, version.pk]),
        reverse("workshops:changes", args=[demo_workshop.slug, version.pk]),
        reverse("workshops:documents"),
        reverse("speakers:index"),
        reverse("speakers:detail", args=[person.slug]),
        reverse("workshops:register", args=[workshop.slug]),
        reverse("workshops:registration-link", args=[workshop.slug]),
        reverse("workshops:participants", args=[workshop.slug]),
        reverse("workshops:registration", args=[token]),
        reverse("workshops:registration-edit", args=[token]),
        reverse("workshops:registration-cancel", args=[token]),
        reverse("workshops:privacy"),
        reverse("admin:login"),
    ]
    assert document is not None
    return pages


@pytest.mark.parametrize(("setting", "binds_on_server"), [(None, True), ("0", False)])
def test_production_on_postgresql_binds_parameters_on_the_server_unless_a_pooler_needs_otherwise(
    setting, binds_on_server
):
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://idm@db.example.org/idm"}
    if setting is not None:
        env["DJANGO_DATABASE_SERVER_SIDE_BINDING"] = setting
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS']['server_side_binding'])"

    result = run_production("shell", "--no-imports", "-c", code, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(binds_on_server)


def test_public_pages_carry_the_security_headers_and_no_inline_code(client, public_pages):
    for path in public_pages:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy, path
        assert "style-src 'self'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
        assert "frame-ancestors 'none'" in policy, path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Referrer-Policy"] == "same-origin", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert inline_code(response.content.decode()) == [], path


def test_admin_pages_carry_the_policy_too(admin_client, demo_workshop):
    response = admin_client.get(reverse("admin:workshops_workshop_change", args=[demo_workshop.pk]))

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert [finding for finding in inline_code(response.content.decode()) if "script" in finding] == []
