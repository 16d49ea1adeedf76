"""Generated input never gives a server error and never writes half of anything.

Targets: the registration form, the admin's forms of agenda items and roles (as forms and, fewer, through
the admin page with its inlines), and the importer (arbitrary JSON, and a valid file mutated). The default
run tries about 770 inputs; `pytest -m slow` (make test-slow, part of make test) tries 11,100, and with
tests/workshops/test_registration_properties.py's 200 over HTTP that makes 11,300.
"""

import datetime
import json
from functools import cache

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speakers.models import Role
from tests.admin_forms import admin_page_data
from tests.conftest import demo_data
from tests.factories import (
    AgendaItemFactory,
    OpenWorkshopFactory,
    PersonFactory,
    RoleFactory,
    SuperuserFactory,
)
from tests.workshops.test_registration_properties import SUBMISSIONS
from workshops.forms.registration import RegistrationForm
from workshops.interchange.importing import import_workshop
from workshops.interchange.validation import InvalidWorkshopFile, validate
from workshops.models import AgendaItem, Registration
from workshops.services.registration import register
from workshops.services.registration_errors import RegistrationError

pytestmark = pytest.mark.django_db


def fuzz(examples):
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def database_state():
    """A fingerprint of every row of the project's tables: their count and their largest key."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in ("workshops", "speakers", "reports", "auth"):
            rows = model._base_manager.order_by("-pk").values_list("pk", flat=True)
            state[model._meta.label] = (rows.count(), rows.first())
    return state


class RolledBack(Exception):
    """Raised to leave an example's transaction, so that each example starts from the same database."""


def in_rollback(check):
    try:
        with transaction.atomic():
            check()
            raise RolledBack
    except RolledBack:
        pass


ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
NUMBERISH = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63).map(str), st.sampled_from(["", "0", "1", "3", "1e9", "NaN"])
)
TIMEISH = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.sampled_from(["", "24:00", "23:59", "00:00", "9", "12:60", "noon", "10:00:00.5"]),
    ANY_TEXT,
)
OPTIONAL = st.one_of(st.none(), ANY_TEXT, NUMBERISH)


# --- The registration form ------------------------------------------------------------------------------------


def check_registration(workshop, data):
    before = Registration.objects.count()
    form = RegistrationForm(data)
    if not form.is_valid():
        assert Registration.objects.count() == before
        return
    try:
        register(workshop=workshop, data=form.registration_data())
    except RegistrationError:
        assert Registration.objects.count() == before
    except ValidationError as refused:
        form.add_error(None, refused)  # as the view shows it; raises for an error that names no field of the form
        assert Registration.objects.count() == before
    else:
        assert Registration.objects.count() == before + 1


@pytest.fixture
def open_workshop():
    workshop = OpenWorkshopFactory(seats=3)
    register(workshop=workshop, data={**_valid_registration(), "email": "taken@example.org"})
    return workshop


def _valid_registration():
    form = RegistrationForm(
        {
            "given_name": "Amina",
            "family_name": "Diallo",
            "email": "amina@example.org",
            "position": "Director",
            "organization": "Ministry",
            "organization_type": "member_state",
            "country": "SN",
            "delegation_role": "head",
            "language": "en",
            "consent_processing": "on",
        }
    )
    assert form.is_valid(), form.errors
    return form.registration_data()


@fuzz(250)
@given(data=SUBMISSIONS)
def test_registration_form_never_fails_and_never_half_registers(open_workshop, data):
    in_rollback(lambda: check_registration(open_workshop, data))


@pytest.mark.slow
@fuzz(3800)
@given(data=SUBMISSIONS)
def test_registration_form_never_fails_and_never_half_registers_at_scale(open_workshop, data):
    in_rollback(lambda: check_registration(open_workshop, data))


# --- The admin's forms of agenda items and roles --------------------------------------------------------------


@pytest.fixture
def agenda(db):
    item = AgendaItemFactory(start=datetime.time(10), end=datetime.time(12))
    other_day_item = AgendaItemFactory(day__workshop=item.day.workshop, day__date=item.day.date + datetime.timedelta(1))
    child = AgendaItemFactory(day=item.day, parent=item, start=datetime.time(10, 30), end=datetime.time(11))
    role = RoleFactory(item=item, on_behalf_of=PersonFactory())
    request = RequestFactory().post("/")
    request.user = SuperuserFactory()
    return {"item": item, "other": other_day_item, "child": child, "role": role, "request": request}


def _ids(*objects):
    return st.one_of(st.sampled_from([str(obj.pk) for obj in objects]), NUMBERISH, st.just(""))


def item_data(agenda):
    item, other, child = agenda["item"], agenda["other"], agenda["child"]
    return st.fixed_dictionaries(
        {},
        optional={
            "day": _ids(item.day, other.day),
            "parent": _ids(item, other, child),
            "kind": st.one_of(st.sampled_from(AgendaItem.Kind.values), ANY_TEXT),
            "number": NUMBERISH,
            "title": ANY_TEXT,
            "start": TIMEISH,
            "end": TIMEISH,
            "description": st.text(max_size=2000),
            "order": NUMBERISH,
        },
    )


def role_data(agenda):
    role, person = agenda["role"], agenda["role"].person
    return st.fixed_dictionaries(
        {},
        optional={
            "item": _ids(agenda["item"], agenda["child"]),
            "person": _ids(person, role.on_behalf_of),
            "kind": st.one_of(st.sampled_from(Role.Kind.values), ANY_TEXT),
            "order": NUMBERISH,
            "label": ANY_TEXT,
            "position": ANY_TEXT,
            "organization": ANY_TEXT,
            "country": st.one_of(st.sampled_from(["", "CH", "KR", "XK", "ZZ", "ch"]), ANY_TEXT),
            "on_behalf_of": _ids(person, role.on_behalf_of),
            "on_behalf_of_position": ANY_TEXT,
            "on_behalf_of_organization": ANY_TEXT,
            "on_behalf_of_country": st.sampled_from(["", "KR", "??"]),
        },
    )


def check_admin_form(model, obj, request, data):
    """The admin's own form for the object: invalid input changes nothing; valid input saves whole."""
    obj = model.objects.get(pk=obj.pk)
    form_class = admin.site._registry[model].get_form(request, obj, change=True)
    before = database_state()
    form = form_class(data, instance=obj)
    if form.is_valid():
        form.save()
        saved = model.objects.get(pk=obj.pk)
        for name in form.changed_data:
            assert getattr(saved, name) == form.cleaned_data[name]
    else:
        assert database_state() == before


@fuzz(150)
@given(data=st.data())
def test_agenda_item_admin_form_never_fails(agenda, data):
    values = data.draw(item_data(agenda))
    in_rollback(lambda: check_admin_form(AgendaItem, agenda["item"], agenda["request"], values))


@fuzz(150)
@given(data=st.data())
def test_role_admin_form_never_fails(agenda, data):
    values = data.draw(role_data(agenda))
    in_rollback(lambda: check_admin_form(Role, agenda["role"], agenda["request"], values))


@pytest.mark.slow
@fuzz(2000)
@given(data=st.data())
def test_agenda_item_admin_form_never_fails_at_scale(agenda, data):
    values = data.draw(item_data(agenda))
    in_rollback(lambda: check_admin_form(AgendaItem, agenda["item"], agenda["request"], values))


@pytest.mark.slow
@fuzz(2000)
@given(data=st.data())
def test_role_admin_form_never_fails_at_scale(agenda, data):
    values = data.draw(role_data(agenda))
    in_rollback(lambda: check_admin_form(Role, agenda["role"], agenda["request"], values))


def check_admin_page(client, item, changes):
    """The whole change page through HTTP, the inlines of roles, questions and documents included."""
    url = reverse("admin:workshops_agendaitem_change", args=[item.pk])
    data = admin_page_data(client.get(url))
    data.update({key: value for key, value in changes.items() if key in data or key.endswith("TOTAL_FORMS")})
    before = database_state()
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert database_state() == before


def page_changes(item):
    keys = sorted(
        ["title", "start", "end", "number", "order", "parent", "kind"]
        + [f"roles-0-{name}" for name in ("person", "kind", "position", "on_behalf_of", "on_behalf_of_position")]
        + [f"questions-0-{name}" for name in ("text", "parent", "order")]
        + [f"documents-0-{name}" for name in ("kind", "url", "language", "available")]
        + ["roles-TOTAL_FORMS", "questions-TOTAL_FORMS", "documents-TOTAL_FORMS"]
    )
    return st.dictionaries(st.sampled_from(keys), st.one_of(ANY_TEXT, NUMBERISH, TIMEISH), max_size=6)


@pytest.fixture
def editor_page(client, agenda):
    client.force_login(agenda["request"].user)
    return client


@fuzz(10)
@given(changes=st.data())
def test_agenda_item_admin_page_never_fails(editor_page, agenda, changes):
    values = changes.draw(page_changes(agenda["item"]))
    in_rollback(lambda: check_admin_page(editor_page, agenda["item"], values))


@pytest.mark.slow
@fuzz(300)
@given(changes=st.data())
def test_agenda_item_admin_page_never_fails_at_scale(editor_page, agenda, changes):
    values = changes.draw(page_changes(agenda["item"]))
    in_rollback(lambda: check_admin_page(editor_page, agenda["item"], values))


# --- The importer ---------------------------------------------------------------------------------------------


@cache
def small_valid_file():
    """The demo's first day only, with the people it names: a valid file that imports quickly."""
    data = demo_data("final")
    data["days"] = data["days"][:1]
    data["days"][0]["items"] = data["days"][0]["items"][:6]
    data["documents"] = data["documents"][:1]
    named = json.dumps(data["days"])
    data["people"] = [person for person in data["people"] if f'"{person["id"]}"' in named]
    assert validate(data) == []
    return data


JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), ANY_TEXT, TIMEISH
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)


def _containers(data, path=()):
    yield path
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        if isinstance(value, dict | list):
            yield from _containers(value, (*path, key))
        else:
            yield (*path, key)


@st.composite
def mutated_files(draw):
    data = json.loads(json.dumps(small_valid_file()))
    for _ in range(draw(st.integers(1, 4))):
        paths = [path for path in _containers(data) if path]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        operation = draw(st.sampled_from(["replace", "delete", "null", "duplicate", "empty"]))
        key = path[-1]
        if operation == "delete":
            del parent[key]
        elif operation == "null":
            parent[key] = None
        elif operation == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif operation == "empty":
            parent[key] = type(parent[key])() if isinstance(parent[key], dict | list | str) else 0
        else:
            parent[key] = draw(JSON_VALUES)
    return data


def check_import(data):
    before = database_state()
    try:
        import_workshop(data=data)
    except InvalidWorkshopFile as invalid:
        assert invalid.problems
        assert database_state() == before


@fuzz(150)
@given(
    data=JSON_VALUES
    | st.fixed_dictionaries(
        {"format": st.just("idm-workshop/1")},
        optional={"workshop": JSON_VALUES, "people": JSON_VALUES, "days": JSON_VALUES, "documents": JSON_VALUES},
    )
)
def test_importer_refuses_arbitrary_json_with_problems_never_an_error(data):
    in_rollback(lambda: check_import(data))


@fuzz(60)
@given(data=mutated_files())
def test_importer_takes_a_mutated_file_whole_or_not_at_all(data):
    in_rollback(lambda: check_import(data))


@pytest.mark.slow
@fuzz(1500)
@given(
    data=JSON_VALUES
    | st.fixed_dictionaries(
        {"format": st.just("idm-workshop/1")},
        optional={"workshop": JSON_VALUES, "people": JSON_VALUES, "days": JSON_VALUES, "documents": JSON_VALUES},
    )
)
def test_importer_refuses_arbitrary_json_at_scale(data):
    in_rollback(lambda: check_import(data))


@pytest.mark.slow
@fuzz(1500)
@given(data=mutated_files())
def test_importer_takes_a_mutated_file_whole_or_not_at_all_at_scale(data):
    in_rollback(lambda: check_import(data))


@pytest.mark.parametrize(
    ("page", "field"),
    [
        ("admin:speakers_role_change", "person"),
        ("admin:workshops_agendaitem_change", "roles-0-on_behalf_of"),
        ("admin:workshops_agendaitem_change", "parent"),
    ],
)
def test_a_value_that_is_no_key_in_an_autocomplete_field_is_an_error_at_the_field(editor_page, agenda, page, field):
    # Found by the fuzzing above: Django's autocomplete widget looked the posted text up as a key and failed.
    obj = agenda["role"] if page.startswith("admin:speakers") else agenda["item"]
    url = reverse(page, args=[obj.pk])
    data = {**admin_page_data(editor_page.get(url)), field: "10:05"}

    response = editor_page.post(url, data)

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
