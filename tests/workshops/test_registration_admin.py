"""The secretariat's registration desk in the admin: lists, seat counts, actions, exports and erasure."""

import csv
import io
import json

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    OpenWorkshopFactory,
    RegistrationFactory,
    SecretariatEditorFactory,
    SecretariatViewerFactory,
    UserFactory,
)
from workshops.models import Registration
from workshops.services.registration_links import private_token

from .registration_helpers import fresh_rate_limits, private_path, url  # noqa: F401  (an autouse fixture)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:workshops_registration_changelist"
Status = Registration.Status


@pytest.fixture
def editor(client):
    client.force_login(SecretariatEditorFactory())
    return client


def run_action(client, action, registrations, **extra):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse(CHANGELIST),
            {"action": action, "_selected_action": [registration.pk for registration in registrations]},
            follow=extra.pop("follow", True),
            **extra,
        )


def statuses(*registrations):
    return [Registration.objects.get(pk=registration.pk).status for registration in registrations]


def listed_names(response):
    return sorted(str(registration) for registration in response.context["cl"].result_list)


def test_registrations_are_listed_with_filters_and_search(editor):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(
        workshop=workshop,
        given_name="Ana",
        family_name="Lima",
        country="BR",
        organization="Itamaraty",
        organization_type=Registration.OrganizationType.MEMBER_STATE,
        delegation_role=Registration.DelegationRole.HEAD,
    )
    RegistrationFactory(
        workshop=workshop,
        given_name="Ben",
        family_name="Okoro",
        country="NG",
        email="ben@ngo.example",
        organization="Migrant Rights Network",
        organization_type=Registration.OrganizationType.NGO,
        status=Status.WAITLISTED,
    )
    RegistrationFactory(given_name="Other", family_name="Workshop")
    path = reverse(CHANGELIST)

    assert len(editor.get(path).context["cl"].result_list) == 3
    assert listed_names(editor.get(path, {"status__exact": "waitlisted"})) == ["Ben Okoro"]
    assert listed_names(editor.get(path, {"organization_type__exact": "ngo"})) == ["Ben Okoro"]
    assert listed_names(editor.get(path, {"country": "BR"})) == ["Ana Lima"]
    assert listed_names(editor.get(path, {"delegation_role__exact": "head"})) == ["Ana Lima"]
    assert listed_names(editor.get(path, {"workshop__id__exact": workshop.pk})) == ["Ana Lima", "Ben Okoro"]
    assert listed_names(editor.get(path, {"q": "ben@ngo"})) == ["Ben Okoro"]
    assert listed_names(editor.get(path, {"q": "itamaraty"})) == ["Ana Lima"]
    assert listed_names(editor.get(path, {"q": "okoro"})) == ["Ben Okoro"]


def test_seat_counts_are_shown_at_a_glance_in_bounded_queries(editor, django_assert_max_num_queries):
    workshop = OpenWorkshopFactory(seats=5, title="Seats Workshop")
    RegistrationFactory.create_batch(3, workshop=workshop)
    RegistrationFactory.create_batch(2, workshop=workshop, status=Status.WAITLISTED)
    RegistrationFactory(workshop=workshop, status=Status.PENDING)

    with django_assert_max_num_queries(12):
        response = editor.get(reverse(CHANGELIST), {"workshop__id__exact": workshop.pk})
    summary = response.content.decode().split('id="seat-summary"', 1)[1].split("</table>", 1)[0]
    cells = [cell.split(">", 1)[1] for cell in summary.split("<td")[1:]]
    assert [cell.split("<", 1)[0] for cell in cells] == ["5", "3", "2", "2", "1"]

    with django_assert_max_num_queries(12):
        settings_list = editor.get(reverse("admin:workshops_registrationsettings_changelist"))
    row = next(w for w in settings_list.context["cl"].result_list if w.pk == workshop.pk)
    assert (row.confirmed_count, row.waitlisted_count, row.pending_count, row.free_seats) == (3, 2, 1, 2)
    assert "Seats Workshop" in settings_list.content.decode()


def test_seat_settings_are_edited_in_the_admin(editor):
    workshop = OpenWorkshopFactory(seats=5)
    path = reverse("admin:workshops_registrationsettings_change", args=[workshop.pk])
    form = editor.get(path).context["adminform"].form
    data = {
        "registration_opens_at_0": "2030-01-01",
        "registration_opens_at_1": "09:00",
        "registration_closes_at_0": "2029-12-01",
        "registration_closes_at_1": "09:00",
        "seats": "0",
        "registration_requires_approval": "on",
    }
    assert "seats" in form.fields

    response = editor.post(path, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["seats"] == ["Ensure this value is greater than or equal to 1."]
    assert errors["registration_closes_at"] == ["Registration must close after it opens."]
    data.update(seats="40", registration_closes_at_0="2030-02-01")
    assert editor.post(path, data).status_code == 302
    workshop.refresh_from_db()
    assert (workshop.seats, workshop.registration_requires_approval) == (40, True)


def test_confirming_never_goes_over_the_seats(editor):
    workshop = OpenWorkshopFactory(seats=2, registration_requires_approval=True)
    pending = RegistrationFactory.create_batch(3, workshop=workshop, status=Status.PENDING)

    response = run_action(editor, "confirm", pending)

    assert statuses(*pending) == [Status.CONFIRMED, Status.CONFIRMED, Status.PENDING]
    page = response.content.decode()
    assert "2 registrations confirmed." in page
    assert "could not be confirmed: all 2 seats are taken." in page
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in pending[:2])
    assert all(message.subject.startswith("Registration confirmed:") for message in mail.outbox)

    run_action(editor, "confirm", pending[2:])
    assert statuses(pending[2]) == [Status.PENDING]


def test_declining_a_confirmed_registration_gives_its_seat_to_the_first_on_the_waitlist(editor):
    workshop = OpenWorkshopFactory(seats=1)
    confirmed = RegistrationFactory(workshop=workshop)
    first, second = RegistrationFactory.create_batch(2, workshop=workshop, status=Status.WAITLISTED)

    run_action(editor, "decline", [confirmed])

    assert statuses(confirmed, first, second) == [Status.DECLINED, Status.CONFIRMED, Status.WAITLISTED]
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[confirmed.email].startswith("Your registration:")
    assert subjects[first.email].startswith("A seat is yours:")
    assert second.email not in subjects


def test_moving_from_the_waitlist_needs_a_free_seat(editor):
    workshop = OpenWorkshopFactory(seats=1)
    RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, status=Status.WAITLISTED)

    response = run_action(editor, "move_from_waitlist", [waiting])

    assert statuses(waiting) == [Status.WAITLISTED]
    assert "all 1 seats are taken" in response.content.decode()
    workshop.seats = 2
    workshop.save()

    run_action(editor, "move_from_waitlist", [waiting])

    assert statuses(waiting) == [Status.CONFIRMED]
    assert mail.outbox[-1].subject.startswith("A seat is yours:")


def test_marking_attendance_records_confirmed_participants_only(editor):
    workshop = OpenWorkshopFactory()
    present = RegistrationFactory(workshop=workshop)
    waiting = RegistrationFactory(workshop=workshop, status=Status.WAITLISTED)

    response = run_action(editor, "mark_attended", [present, waiting])

    present.refresh_from_db()
    waiting.refresh_from_db()
    assert present.attended and present.attended_at is not None
    assert not waiting.attended
    assert "1 participant marked as attended." in response.content.decode()


def test_csv_export_lists_the_selection_and_neutralizes_formulas(editor):
    workshop = OpenWorkshopFactory(title="Export Workshop")
    RegistrationFactory(
        workshop=workshop,
        given_name="Élodie",
        family_name='=HYPERLINK("http://evil.example")',
        organization="@SUM(A1:A2)",
        phone="+41 22 717 91 11",
        country="FR",
    )
    RegistrationFactory(workshop=workshop, given_name="Zoe", family_name="Zed")

    response = run_action(editor, "export_csv", workshop.registrations.all(), follow=False)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="registrations-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, first, second = rows
    assert header[:6] == ["workshop", "status", "honorific", "given name", "family name", "e-mail"]
    record = dict(zip(header, first, strict=True))
    assert record["workshop"] == "Export Workshop"
    assert record["given name"] == "Élodie"
    assert record["family name"] == '\'=HYPERLINK("http://evil.example")'
    assert record["organization"] == "'@SUM(A1:A2)"
    assert record["telephone"] == "+41 22 717 91 11"
    assert record["country represented"] == "France"
    assert record["status"] == "Confirmed"
    assert dict(zip(header, second, strict=True))["family name"] == "Zed"


def test_csv_export_keeps_numbers_as_typed_and_neutralizes_only_formulas(editor):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(
        workshop=workshop,
        phone="+254 20 123 4567",
        needs="-12.5",
        position="+SUM(A1)",
        organization="-1+A2",
        family_name="\tcmd",
        given_name="\r=1",
    )

    response = run_action(editor, "export_csv", workshop.registrations.all(), follow=False)

    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    record = dict(zip(header, row, strict=True))
    assert record["telephone"] == "+254 20 123 4567"
    assert record["accessibility or dietary needs"] == "-12.5"
    assert record["position"] == "'+SUM(A1)"
    assert record["organization"] == "'-1+A2"
    assert record["family name"] == "'\tcmd"
    assert record["given name"] == "'\r=1"


def test_xlsx_export_writes_text_as_text_cells_without_an_apostrophe(editor):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(
        workshop=workshop, phone="+254 20 123 4567", family_name='=HYPERLINK("http://evil.example")', needs="-12.5"
    )

    response = run_action(editor, "export_xlsx", workshop.registrations.all(), follow=False)

    header, row = load_workbook(io.BytesIO(response.content)).active.iter_rows()
    record = {title.value: cell for title, cell in zip(header, row, strict=True)}
    assert record["telephone"].value == "+254 20 123 4567"
    assert record["family name"].value == '=HYPERLINK("http://evil.example")'
    assert record["accessibility or dietary needs"].value == "-12.5"
    assert {cell.data_type for cell in row if cell.value} == {"s"}


def test_xlsx_export_drops_the_control_characters_a_workbook_cannot_hold_and_keeps_the_rest(editor):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(workshop=workshop, given_name="Ana\x07", family_name="Sil\x1bva", organization="Itamaraty")
    RegistrationFactory(workshop=workshop, given_name="Zoe", family_name="Zed")

    response = run_action(editor, "export_xlsx", workshop.registrations.all(), follow=False)

    assert response.status_code == 200
    header, *rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    first, second = (dict(zip(header, row, strict=True)) for row in rows)
    assert (first["given name"], first["family name"], first["organization"]) == ("Ana", "Silva", "Itamaraty")
    assert second["family name"] == "Zed"


def test_xlsx_export_can_be_read_back_with_the_same_contents(editor):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(workshop=workshop, given_name="Ana", family_name="-2+3", organization="Itamaraty", country="BR")

    response = run_action(editor, "export_xlsx", workshop.registrations.all(), follow=False)

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = ([cell.value for cell in line] for line in sheet.iter_rows())
    record = dict(zip(header, row, strict=True))
    assert record["given name"] == "Ana"
    assert record["family name"] == "-2+3"
    assert record["organization"] == "Itamaraty"
    assert record["country code"] == "BR"
    assert all(cell.data_type == "s" for line in sheet.iter_rows() for cell in line if cell.value)


def test_one_participants_data_is_exported_as_json(editor):
    registration = RegistrationFactory(given_name="Ana", needs="Wheelchair access", consent_public_list=True)
    RegistrationFactory(workshop=registration.workshop)

    response = run_action(editor, "export_personal_data", [registration], follow=False)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    (data,) = json.loads(response.content)
    assert data["given_name"] == "Ana"
    assert data["email"] == registration.email
    assert data["needs"] == "Wheelchair access"
    assert data["country"] == {"code": "CH", "label": "Switzerland"}
    assert data["status"] == {"code": "confirmed", "label": "Confirmed"}
    assert data["consent_processing"] is True
    assert data["workshop"]["slug"] == registration.workshop.slug


def test_anonymizing_erases_personal_data_and_gives_the_seat_to_the_waitlist(editor, client):
    workshop = OpenWorkshopFactory(seats=3, participant_list_public=True)
    erased = RegistrationFactory(
        workshop=workshop, given_name="Erase", family_name="Me", phone="+1 555", consent_public_list=True, country="KE"
    )
    RegistrationFactory(workshop=workshop, status=Status.WAITLISTED)
    link = url("registration", token=private_token(erased))
    change_path = reverse("admin:workshops_registration_change", args=[erased.pk])
    form = editor.get(change_path).context["adminform"].form
    editor.post(change_path, {**{name: form.initial.get(name) or "" for name in form.fields}, "position": "Envoy"})
    assert "Erase Me" in editor.get(reverse("admin:index")).content.decode()  # the admin's recent actions
    summary_before = editor.get(reverse(CHANGELIST), {"workshop__id__exact": workshop.pk}).context["seat_summary"]
    before = [(w.confirmed_count, w.waitlisted_count) for w in summary_before]

    response = run_action(editor, "anonymize", [erased])

    assert "1 registration anonymized." in response.content.decode()
    erased.refresh_from_db()
    assert erased.is_anonymized
    assert (erased.given_name, erased.family_name, erased.phone, erased.organization) == ("", "", "", "")
    assert "Erase" not in erased.email
    assert (erased.status, erased.country.code, erased.organization_type) == (Status.CANCELLED, "KE", "member_state")
    summary_after = editor.get(reverse(CHANGELIST), {"workshop__id__exact": workshop.pk}).context["seat_summary"]
    # No one can come in an erased name: before the workshop, the seat goes to the first on the waitlist.
    assert before == [(1, 1)]
    assert [(w.confirmed_count, w.waitlisted_count) for w in summary_after] == [(1, 0)]
    assert client.get(link).status_code == 404
    assert "Erase" not in client.get(url("participants", slug=workshop.slug)).content.decode()
    change_page = editor.get(change_path)
    assert change_page.status_code == 200
    assert 'name="given_name"' not in change_page.content.decode()
    assert "Erase Me" not in editor.get(reverse("admin:index")).content.decode()


def test_staff_without_registration_permissions_see_no_personal_data(client):
    client.force_login(UserFactory(is_staff=True))
    registration = RegistrationFactory()

    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(reverse("admin:workshops_registration_change", args=[registration.pk])).status_code == 403
    assert registration.email not in client.get(reverse("admin:index")).content.decode()


def test_viewers_can_export_but_not_change_a_status(client):
    client.force_login(SecretariatViewerFactory())
    registration = RegistrationFactory(status=Status.WAITLISTED)
    page = client.get(reverse(CHANGELIST)).content.decode()

    assert registration.email in page or registration.family_name in page
    assert 'value="export_csv"' in page
    assert 'value="confirm"' not in page
    assert run_action(client, "export_csv", [registration], follow=False)["Content-Type"].startswith("text/csv")
    run_action(client, "confirm", [registration])
    assert statuses(registration) == [Status.WAITLISTED]


def test_registrations_cannot_be_added_or_deleted_in_the_admin(editor):
    registration = RegistrationFactory()

    assert editor.get(reverse("admin:workshops_registration_add")).status_code == 403
    assert editor.get(reverse("admin:workshops_registration_delete", args=[registration.pk])).status_code == 403
    assert 'value="delete_selected"' not in editor.get(reverse(CHANGELIST)).content.decode()


def test_secretariat_correcting_an_email_to_a_registered_one_gets_an_error_at_the_field(editor):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(workshop=workshop, email="taken@example.org")
    registration = RegistrationFactory(workshop=workshop)
    path = reverse("admin:workshops_registration_change", args=[registration.pk])
    form = editor.get(path).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["email"] = "Taken@Example.org"
    data["country"] = "CH"

    response = editor.post(path, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "This e-mail address is already registered for this workshop."
    ]
    data["email"] = "new@example.org"
    assert editor.post(path, data).status_code == 302
    registration.refresh_from_db()
    assert registration.email == "new@example.org"


def test_the_private_link_of_a_secretariat_confirmed_registration_opens_it(editor, client):
    registration = RegistrationFactory(status=Status.PENDING)

    run_action(editor, "confirm", [registration])

    assert "Status: Confirmed" in client.get(private_path(mail.outbox[0])).content.decode()
