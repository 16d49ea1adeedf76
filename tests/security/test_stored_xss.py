"""Stored XSS: payloads put into every free-text field of every model, through the importer, the admin and
the registration form, never come out unescaped in a page, an e-mail, a calendar file or a spreadsheet cell.

It runs in one go: everything is poisoned first, then each output is produced once and searched for all the
payloads together.
"""

import copy
import csv
import io
import itertools
import json
import re

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core import mail
from django.core.management import call_command
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import Publication, SpeakerOrganization
from speakers.models import Person
from tests.admin_forms import admin_page_data
from tests.conftest import demo_data
from tests.factories import OpenWorkshopFactory
from workshops.admin.shared import LinesField
from workshops.enums import OrganizationType
from workshops.interchange.validation import json_path, validate
from workshops.models import AgendaItem, Registration, Workshop
from workshops.services.publishing import publish_workshop
from workshops.services.registration_links import private_token

from .html_audit import inline_code
from .payloads import FORMULA_PREFIXES, MARKER, leaks, marked

pytestmark = pytest.mark.django_db

APPS = ("workshops", "speakers", "reports")


# --- Putting the payloads in --------------------------------------------------------------------------------


def _string_leaves(data, path=()):
    if isinstance(data, str):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _string_leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_leaves(value, (*path, index))


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _set(data, path, value):
    _get(data, path[:-1])[path[-1]] = value


def poisoned_interchange(counter):
    """The demo workshop with every string that the format leaves free replaced by a payload: the importer's
    own checks decide which strings are codes, dates or identifiers, and those keep their values."""
    original = demo_data("final")
    original["workshop"]["slug"] = "xss-workshop"
    for role in _roles(original):
        role["label"] = "Caption"  # the demo has none; every field of the format gets its payload
    ids = {person["id"] for person in original["people"]}
    data = copy.deepcopy(original)
    leaves = [path for path in _string_leaves(original) if path != ("format",)]
    # People get new ids (the references to them follow), so that no person is shared with the demo workshop.
    plain = {path: f"xss-{value}" if (value := _get(original, path)) in ids else value for path in leaves}
    for path in leaves:
        _set(data, path, plain[path] if _get(original, path) in ids else marked(next(counter)))
    for attempt in range(6):
        problems = {problem.path for problem in validate(data)}
        if not problems:
            break
        # A problem at a leaf gives that leaf its value back; one at an object (a oneOf, say) first gives back
        # the values that look like codes (no space in them), and only then everything in it.
        under = [path for path in leaves if any(json_path(path).startswith(problem) for problem in problems)]
        exact = [path for path in under if json_path(path) in problems]
        codes = [path for path in under if " " not in str(_get(original, path))]
        for path in exact or (codes if attempt < 3 else under):
            _set(data, path, plain[path])
    assert validate(data) == []
    return data


def _roles(data):
    def walk(items):
        for item in items:
            yield item
            yield from walk(item.get("items") or [])

    for day in data["days"]:
        for item in walk(day["items"]):
            yield from item.get("roles") or []


def _is_free_text(field):
    return type(field) is forms.CharField or isinstance(field, LinesField)


def _page_forms(response):
    forms_ = [response.context["adminform"].form]
    return forms_ + [form for inline in response.context["inline_admin_formsets"] for form in inline.formset.forms]


def _error_names(response):
    """The fields to give their values back: those in error, and when a rule across fields fails (a text that
    needs another field set, say), the form's fields that were empty before."""
    names = set()
    for form in _page_forms(response):
        names.update(form.add_prefix(name) for name in form.errors if name != "__all__")
        if "__all__" in form.errors:
            names.update(bound.html_name for bound in form if not form.initial.get(bound.name))
    return names


def poison_through_the_admin(client, obj, counter):
    """Posts the object's admin change page with a payload in every free-text field, its inlines included;
    a field that refuses its payload (a phone number, say) keeps its value."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200, url
    data = admin_page_data(page)
    original = dict(data)
    for form in _page_forms(page):
        for bound in form:
            if _is_free_text(bound.field) and not bound.field.disabled:
                data[bound.html_name] = marked(next(counter))
    for _attempt in range(3):
        response = client.post(url, data)
        if response.status_code == 302:
            return
        for name in _error_names(response):
            if name in original:
                data[name] = original[name]
            else:
                data.pop(name, None)
    raise AssertionError(f"{url}: {_error_names(response)}")


def register_with_payloads(client, workshop, counter):
    url = reverse("workshops:register", args=[workshop.slug])
    data = {
        "honorific": marked(next(counter)),
        "given_name": marked(next(counter)),
        "family_name": marked(next(counter)),
        "email": "xss.participant@example.org",
        "phone": "+41 22 717 91 11",
        "language": "en",
        "position": marked(next(counter)),
        "organization": marked(next(counter)),
        "organization_type": "ngo",
        "country": "CH",
        "delegation_role": "observer",
        "needs": marked(next(counter)),
        "consent_processing": "on",
        "consent_public_list": "on",
    }
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return Registration.objects.get(email="xss.participant@example.org")


def free_text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
        and field.editable
        and not field.choices
        and not any(isinstance(validator, RegexValidator) for validator in field.validators)
    ]


def checked_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in APPS and not model._meta.proxy and not hasattr(model, "instance_type")
    ]


@pytest.fixture
def poisoned(client, admin_user, tmp_path):
    """A site whose every free-text field holds a payload; returns the participant registered with payloads."""
    counter = itertools.count()
    call_command("load_demo", stdout=io.StringIO())
    path = tmp_path / "xss.json"
    data = poisoned_interchange(counter)
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_workshop", str(path), stdout=io.StringIO())
    publish_workshop(workshop=Workshop.objects.get(slug="xss-workshop"))
    # A second import that changes the agenda keeps the first, payloads and all, as an earlier version.
    data["days"][0]["items"][0]["title"] = marked(next(counter))
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_workshop", str(path), stdout=io.StringIO())

    workshop = OpenWorkshopFactory(participant_list_public=True, slug="xss-registration")
    registration = register_with_payloads(client, workshop, counter)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CONFIRMED)

    # Classified by hand in the admin only; there is none until the secretariat adds one.
    SpeakerOrganization.objects.create(name="Ministry of Labour", organization_type=OrganizationType.MEMBER_STATE)
    client.force_login(admin_user)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS or not model_admin.has_change_permission(_request(admin_user)):
            continue
        for obj in model._base_manager.order_by("pk")[:1]:
            if model_admin.has_change_permission(_request(admin_user), obj):
                poison_through_the_admin(client, obj, counter)
    client.logout()
    return registration


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


# --- Reading everything out ---------------------------------------------------------------------------------


def public_paths(registration):
    token = private_token(registration)
    paths = [
        reverse("workshops:home"),
        reverse("workshops:documents"),
        reverse("speakers:index"),
        reverse("workshops:registration", args=[token]),
        reverse("workshops:registration-edit", args=[token]),
        reverse("workshops:registration-cancel", args=[token]),
        reverse("workshops:participants", args=[registration.workshop.slug]),
        reverse("workshops:register", args=[registration.workshop.slug]),
    ]
    for workshop in Workshop.objects.published():
        paths.append(reverse("workshops:detail", args=[workshop.slug]))
        for version in workshop.agenda_versions.all():
            paths.append(reverse("workshops:version", args=[workshop.slug, version.pk]))
            paths.append(reverse("workshops:changes", args=[workshop.slug, version.pk]))
    paths += [person.get_absolute_url() for person in Person.objects.with_public_roles()]
    return paths


def calendar_paths():
    paths = []
    for workshop in Workshop.objects.with_public_agenda():
        paths.append(reverse("workshops:calendar", args=[workshop.slug]))
        for item in AgendaItem.objects.filter(day__workshop=workshop).exclude(start=None)[:3]:
            paths.append(reverse("workshops:item-calendar", args=[workshop.slug, item.anchor]))
    return paths


def admin_paths():
    paths = []
    for model in admin.site._registry:
        if model._meta.app_label not in APPS:
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{prefix}_changelist"))
        for obj in model._base_manager.order_by("pk")[:2]:
            paths.append(reverse(f"{prefix}_change", args=[obj.pk]))
    return paths


def reports_paths(registration):
    """The secretariat's printouts and exports of every workshop that holds payloads."""
    html, files = [reverse("reports:statistics")], [reverse("reports:statistic-csv", args=["frequent-speakers"])]
    for workshop in Workshop.objects.filter(slug__in=["xss-workshop", registration.workshop.slug]):
        html += [
            reverse("reports:workshop-statistics", args=[workshop.slug]),
            reverse("reports:check-in", args=[workshop.slug]) + "?q=" + registration.family_name[:3],
        ]
        files += [
            reverse("reports:speakers-csv", args=[workshop.slug]),
            reverse("reports:speakers-xlsx", args=[workshop.slug]),
            reverse("reports:workshop-statistic-csv", args=[workshop.slug, "country"]),
        ]
    pdfs = [
        reverse("reports:agenda-pdf", args=["xss-workshop"]),
        reverse("reports:badges", args=[registration.workshop.slug]),
    ]
    pdfs += [publication.get_absolute_url() for publication in Publication.objects.all()]
    return html, files, pdfs


def assert_safe_html(path, response, *, scripts_only=False):
    assert response.status_code == 200, path
    html = response.content.decode()
    assert leaks(html) == [], path
    assert inline_code(html, scripts_only=scripts_only) == [], path


def assert_every_free_text_field_holds_a_payload():
    unpoisoned = []
    for model in checked_models():
        for field in free_text_fields(model):
            if not model._base_manager.filter(**{f"{field.name}__regex": MARKER}).exists():
                unpoisoned.append(f"{model._meta.label}.{field.name}")
    for field in ("objectives", "notes"):
        if not any(re.search(MARKER, " ".join(value)) for value in Workshop.objects.values_list(field, flat=True)):
            unpoisoned.append(f"workshops.Workshop.{field}")
    assert unpoisoned == [], ", ".join(unpoisoned)


def assert_calendars_keep_payloads_inside_their_property(client):
    for path in calendar_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        lines = re.sub(r"\r\n[ \t]", "", text).split("\r\n")
        events = Calendar.from_ical(text).walk("VEVENT")
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(events), path
        assert not any(line.startswith("SUMMARY:injected") for line in lines), path


def assert_e_mails_are_plain_text_with_a_single_line_subject(registration):
    assert mail.outbox, "the registration sent no e-mail"
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.content_subtype == "plain"
        for html, _mimetype in getattr(message, "alternatives", []):
            assert leaks(html) == []
        assert registration.family_name in message.body


def _registration_export(admin_client, action):
    return admin_client.post(
        reverse("admin:workshops_registration_changelist"),
        {"action": action, "_selected_action": list(Registration.objects.values_list("pk", flat=True))},
    )


def _csv_cells(response):
    return [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]


def _xlsx_cells(response):
    return [cell for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for cell in row]


def assert_spreadsheets_hold_no_formula(admin_client, paths):
    responses = [_registration_export(admin_client, "export_csv"), _registration_export(admin_client, "export_xlsx")]
    responses += [admin_client.get(path) for path in paths]
    csv_cells = [cell for r in responses if r["Content-Type"].startswith("text/csv") for cell in _csv_cells(r)]
    xlsx_cells = [cell for r in responses if not r["Content-Type"].startswith("text/csv") for cell in _xlsx_cells(r)]

    payloads = [cell for cell in csv_cells if re.search(MARKER, cell)]
    assert not [cell for cell in payloads if cell.startswith(FORMULA_PREFIXES)]
    neutralized = [cell for cell in payloads if cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES)]
    assert neutralized, "no payload that starts like a formula reached the CSV exports"
    # A workbook's text cell is never run, so there the payloads stay as they were typed.
    assert not [cell for cell in xlsx_cells if cell.data_type == "f"]
    assert [cell for cell in xlsx_cells if str(cell.value).startswith(FORMULA_PREFIXES) and cell.data_type == "s"]


def assert_pdfs_print_payloads_as_text(admin_client, paths):
    printed = ""
    for path in paths:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        printed += "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    # Escaped HTML prints as the characters typed; unescaped, the browser engine would have eaten the tags.
    assert "<img src=x onerror=alert(1)>" in printed or "<svg onload=alert(1)>" in printed
    assert re.search(MARKER, printed)


def test_payloads_never_come_out_unescaped(client, admin_client, poisoned):
    """One poisoned site, each output produced once: pages, calendars, e-mails, spreadsheets and PDFs."""
    assert_every_free_text_field_holds_a_payload()
    report_pages, report_files, report_pdfs = reports_paths(poisoned)
    for path in public_paths(poisoned):
        assert_safe_html(path, client.get(path))
    for path in admin_paths():
        assert_safe_html(path, admin_client.get(path))
    for path in report_pages:
        # The statistics pages draw their charts as inline SVG with its own styles (not script).
        assert_safe_html(path, admin_client.get(path), scripts_only=True)
    assert_calendars_keep_payloads_inside_their_property(client)
    assert_e_mails_are_plain_text_with_a_single_line_subject(poisoned)
    assert_spreadsheets_hold_no_formula(admin_client, report_files)
    assert_pdfs_print_payloads_as_text(admin_client, report_pdfs)
