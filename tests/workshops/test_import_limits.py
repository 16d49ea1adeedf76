"""The import's limits: what the database columns hold, how deep and how large a file may be. A file beyond them is
reported as a path and a reason, and nothing is written, on SQLite as on PostgreSQL."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from speakers.models import Person, Role
from tests.conftest import DEMO_SLUG, demo_data, demo_path
from tests.workshops.test_interchange import database_state, write
from workshops.interchange import validation
from workshops.models import AgendaItem, Day, Document, Partner, Theme, Workshop

pytestmark = pytest.mark.django_db

SESSION_I = ("days", 0, "items", 4)
JUNG_MINO = (*SESSION_I, "roles", 3)

# Where the importer stores each string of the format, stated here apart from the code under test.
STORED_IN = {
    ("workshop", "slug"): (Workshop, "slug"),
    ("workshop", "title"): (Workshop, "title"),
    ("workshop", "timezone"): (Workshop, "timezone"),
    ("workshop", "city"): (Workshop, "city"),
    ("workshop", "venue"): (Workshop, "venue"),
    ("theme", "title"): (Theme, "title"),
    ("partners", "name"): (Partner, "name"),
    ("people", "id"): (Person, "slug"),
    ("people", "name"): (Person, "name"),
    ("people", "honorific"): (Person, "honorific"),
    ("days", "label"): (Day, "label"),
    ("items", "title"): (AgendaItem, "title"),
    ("roles", "person"): (Person, "slug"),
    ("roles", "position"): (Role, "position"),
    ("roles", "organization"): (Role, "organization"),
    ("roles", "label"): (Role, "label"),
    ("on_behalf_of", "person"): (Person, "slug"),
    ("on_behalf_of", "position"): (Role, "on_behalf_of_position"),
    ("on_behalf_of", "organization"): (Role, "on_behalf_of_organization"),
    ("documents", "title"): (Document, "title"),
    ("documents", "file"): (Document, "file"),
    ("documents", "url"): (Document, "url"),
}


def import_file(path):
    err = io.StringIO()
    try:
        call_command("import_workshop", str(path), stdout=io.StringIO(), stderr=err)
    except CommandError as error:
        return str(error), err.getvalue()
    return None, err.getvalue()


def rejected(tmp_path, data=None, *, text=None):
    """Imports a file that must be refused; returns its problems, having checked that nothing changed."""
    before = database_state()
    path = tmp_path / "workshop.json"
    path.write_text(text if text is not None else json.dumps(data), encoding="utf-8")
    error, problems = import_file(path)
    assert error is not None and "nothing was imported" in error
    assert database_state() == before
    return problems


def at(data, path, value):
    """The data with `value` set at `path`."""
    *parents, last = path
    parent = data
    for part in parents:
        parent = parent[part]
    parent[last] = value
    return data


@pytest.fixture
def imported():
    call_command("import_workshop", str(demo_path("provisional")), stdout=io.StringIO())


def test_every_string_limit_is_the_max_length_of_the_column_it_is_stored_in():
    column_limits = {field: model._meta.get_field(name).max_length for field, (model, name) in STORED_IN.items()}

    assert {field: validation.STRING_LIMITS[field] for field in STORED_IN} == column_limits
    assert set(validation.STRING_LIMITS) - set(STORED_IN) == set(validation.TEXT_FIELDS)


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        (("workshop", "title"), 300),
        ((*SESSION_I, "title"), 500),
        ((*JUNG_MINO, "position"), 300),
        ((*JUNG_MINO, "on_behalf_of", "organization"), 300),
        (("days", 0, "label"), 60),
        (("people", 0, "honorific"), 50),
        ((*SESSION_I, "description"), validation.TEXT_MAX_LENGTH),
    ],
)
def test_string_longer_than_its_column_is_reported_where_it_is(tmp_path, imported, path, limit):
    data = at(demo_data("final"), path, "x" * (limit + 1))

    problems = rejected(tmp_path, data)

    where = validation.json_path(path)
    assert f"{where}: is {limit + 1} characters long; at most {limit} are accepted" in problems


def test_five_thousand_character_title_is_reported_not_a_database_error(tmp_path, imported):
    data = at(demo_data("final"), (*SESSION_I, "title"), "T" * 5000)

    problems = rejected(tmp_path, data)

    assert "days[0].items[4].title: is 5000 characters long; at most 500 are accepted" in problems


def test_strings_as_long_as_their_columns_are_stored_whole(tmp_path):
    data = demo_data("final")
    longest = {
        path: "é" * limit
        for path, limit in [
            (("workshop", "title"), 300),
            ((*SESSION_I, "title"), 500),
            ((*JUNG_MINO, "position"), 300),
            ((*JUNG_MINO, "label"), 200),
            (("days", 0, "label"), 60),
            (("people", 0, "name"), 200),
        ]
    }
    for path, value in longest.items():
        at(data, path, value)

    error, problems = import_file(write(tmp_path, data))

    assert error is None, problems
    assert Workshop.objects.get(slug=DEMO_SLUG).title == "é" * 300
    assert AgendaItem.objects.filter(title="é" * 500).exists()
    assert Role.objects.filter(position="é" * 300, label="é" * 200).exists()


def test_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, imported):
    data = at(demo_data("final"), ("workshop", "title"), "x" * validation.MAX_FILE_SIZE)

    problems = rejected(tmp_path, data)

    assert f"bytes; files of at most {validation.MAX_FILE_SIZE} bytes are accepted" in problems


def test_deeply_nested_json_is_reported_not_a_recursion_error(tmp_path, imported):
    text = '{"format": "idm-workshop/1", "workshop": ' + "[" * 100_000 + "]" * 100_000 + "}"

    problems = rejected(tmp_path, text=text)

    assert f"nested more than {validation.MAX_DEPTH} levels deep" in problems


def test_items_nested_beyond_the_depth_limit_are_reported_where_the_limit_is_passed(tmp_path, imported):
    data = demo_data("final")
    item = data["days"][0]["items"][0]
    for _level in range(validation.MAX_DEPTH):
        item["items"] = [{"kind": "other", "title": "Deeper"}]
        item = item["items"][0]

    problems = rejected(tmp_path, data)

    assert "days[0].items[0].items[0]" in problems
    assert f"is nested more than {validation.MAX_DEPTH} levels deep" in problems


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        ((*SESSION_I, "number"), 10**30, f"{10**30} is more than 32767"),
        (("workshop", "theme"), {"year": 2**70, "title": "Theme"}, f"{2**70} is more than 32767"),
        (("workshop", "attendance"), {"participants": 2**40}, f"{2**40} is more than 2147483647"),
        # The shared format sets no minimum for a theme's year; its column holds none below 0.
        (("workshop", "theme"), {"year": -2007, "title": "Theme"}, "-2007 is less than 0"),
        (("workshop", "theme"), {"year": -(2**70), "title": "Theme"}, f"{-(2**70)} is less than 0"),
    ],
)
def test_integer_beyond_its_column_either_way_is_reported_not_an_overflow(tmp_path, imported, path, value, reason):
    data = at(demo_data("final"), path, value)

    problems = rejected(tmp_path, data)

    assert reason in problems


def test_number_of_thousands_of_digits_is_reported_as_a_problem_of_the_file(tmp_path, imported):
    text = demo_path("final").read_text(encoding="utf-8").replace('"number": 1,', '"number": ' + "9" * 5000 + ",", 1)

    problems = rejected(tmp_path, text=text)

    assert "(file): not valid JSON: a number has more than" in problems


def test_nul_character_is_reported_where_it_is(tmp_path, imported):
    data = at(demo_data("final"), (*SESSION_I, "description"), "before\x00after")

    problems = rejected(tmp_path, data)

    assert "days[0].items[4].description: contains a NUL character" in problems
