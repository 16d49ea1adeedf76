"""Every change to workshops, agenda items, roles, questions and documents is recorded with who made it and
when (django-simple-history), and the admin shows it."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from speakers.models import Role
from tests.admin_forms import admin_page_data
from tests.conftest import demo_path
from tests.factories import SecretariatEditorFactory, WorkshopFactory
from workshops.models import AgendaItem, Document, Question, RegistrationSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = SecretariatEditorFactory()
    client.force_login(user)
    client.user = user
    return client


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def edit(client, obj, **changes):
    data = admin_page_data(client.get(change_url(obj)))
    data.update(changes)
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def last_change(obj):
    record = obj.history.latest()
    delta = record.diff_against(record.prev_record)
    return record, {change.field: (change.old, change.new) for change in delta.changes}


def test_workshop_edit_records_the_editor_the_time_and_the_change(editor, demo_workshop):
    before = timezone.now()

    edit(editor, demo_workshop, title="Labour mobility and development")

    record, changes = last_change(demo_workshop)
    assert record.history_user == editor.user
    assert record.history_type == "~"
    assert record.history_date >= before
    assert changes["title"] == (
        "Making Global Labour Mobility a Catalyst for Development",
        "Labour mobility and development",
    )


def test_admin_history_page_shows_who_changed_what(editor, demo_workshop):
    edit(editor, demo_workshop, venue="Palais des Nations")

    page = editor.get(reverse("admin:workshops_workshop_history", args=[demo_workshop.pk])).content.decode()

    assert editor.user.username in page
    assert "Palais des Nations" in page or "venue" in page.lower()


def test_agenda_item_page_records_the_item_its_questions_and_roles(editor, demo_workshop):
    item = AgendaItem.objects.filter(day__workshop=demo_workshop, questions__isnull=False, roles__isnull=False).first()
    question, role = item.questions.order_by("order", "pk").first(), item.roles.order_by("order", "pk").first()
    data = admin_page_data(editor.get(change_url(item)))
    data["title"] = "Circular migration"
    question_field = next(k for k, v in data.items() if k.endswith("-text") and v == question.text)
    data[question_field] = "What makes circular migration work?"
    role_field = next(k for k, v in data.items() if k.endswith("-id") and str(v) == str(role.pk))
    data[role_field.replace("-id", "-organization")] = "Ministry of Overseas Employment"

    response = editor.post(change_url(item), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    for obj, field, new in [
        (item, "title", "Circular migration"),
        (question, "text", "What makes circular migration work?"),
        (role, "organization", "Ministry of Overseas Employment"),
    ]:
        record, changes = last_change(obj)
        assert record.history_user == editor.user, obj
        assert changes[field][1] == new


def test_document_and_question_changes_are_recorded_on_their_own_pages(editor, demo_workshop):
    document = Document.objects.filter(workshop=demo_workshop).first()
    question = Question.objects.filter(item__day__workshop=demo_workshop, parent=None).first()

    edit(editor, document, title="Statement of the Philippines")
    edit(editor, question, text="How can skills be recognized?")

    assert last_change(document)[0].history_user == editor.user
    assert last_change(document)[1]["title"][1] == "Statement of the Philippines"
    assert last_change(question)[1]["text"][1] == "How can skills be recognized?"
    for obj in (document, question):
        assert editor.get(reverse(f"admin:workshops_{obj._meta.model_name}_history", args=[obj.pk])).status_code == 200


def test_role_edit_through_its_own_page_is_recorded(editor, demo_workshop):
    role = Role.objects.filter(item__day__workshop=demo_workshop).first()

    edit(editor, role, position="Minister of Labour")

    record, changes = last_change(role)
    assert record.history_user == editor.user
    assert changes["position"][1] == "Minister of Labour"


def test_seat_changes_at_the_registration_desk_are_recorded_on_the_workshop(editor, demo_workshop):
    settings_view = RegistrationSettings.objects.get(pk=demo_workshop.pk)
    opens = timezone.localtime() - datetime.timedelta(days=1)
    data = admin_page_data(editor.get(change_url(settings_view)))
    data.update({"seats": 40, "registration_opens_at_0": opens.date().isoformat(), "registration_opens_at_1": "09:00"})

    response = editor.post(change_url(settings_view), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    record, changes = last_change(demo_workshop)
    assert record.history_user == editor.user
    assert changes["seats"] == (None, 40)


def test_publishing_is_recorded(editor):
    draft = WorkshopFactory(is_published=False)

    editor.post(reverse("admin:workshops_workshop_changelist"), {"action": "publish", "_selected_action": [draft.pk]})

    record, changes = last_change(draft)
    assert record.history_user == editor.user
    assert changes["is_published"] == (False, True)


def test_import_records_every_question_including_sub_questions(tmp_path):
    call_command("import_workshop", str(demo_path("final")), stdout=io.StringIO())

    data = json.loads(demo_path("final").read_text(encoding="utf-8"))
    questions = Question.objects.filter(item__day__workshop__slug=data["workshop"]["slug"])
    assert questions.filter(parent__isnull=False).exists()
    assert Question.history.filter(history_type="+").count() == questions.count()
    assert AgendaItem.history.count() == AgendaItem.objects.count()
    assert Role.history.count() == Role.objects.count()
