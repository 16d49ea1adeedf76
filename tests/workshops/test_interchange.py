"""The interchange format through its public surface: the import_workshop and export_workshop commands."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from speakers.models import Role
from tests.conftest import DEMO_SLUG, demo_data, demo_path
from tests.factories import SecretariatEditorFactory
from workshops.models import AgendaItem, AgendaVersion, Document, Question, Workshop

pytestmark = pytest.mark.django_db


def run_import(*paths, user=None):
    out, err = io.StringIO(), io.StringIO()
    options = ["--user", user.username] if user else []
    call_command("import_workshop", *[str(path) for path in paths], *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_export(slug, target):
    call_command("export_workshop", slug, "-o", str(target), stderr=io.StringIO())
    return target.read_bytes()


def write(tmp_path, data, name="workshop.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def database_state():
    """Every row of the project's own tables, to prove that a rejected file changed nothing."""
    state = {}
    for app_label in ("workshops", "speakers"):
        for model in apps.get_app_config(app_label).get_models():
            state[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return state


@pytest.mark.parametrize("status", ["provisional", "final"])
def test_demo_file_round_trips_byte_for_byte(tmp_path, status):
    run_import(demo_path(status))

    exported = run_export(DEMO_SLUG, tmp_path / "out.json")

    assert exported == demo_path(status).read_bytes()


def test_import_export_import_export_gives_the_same_bytes_with_attached_files(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "slides").mkdir()
    (source / "slides" / "bunjun.pdf").write_bytes(b"%PDF-1.4 test presentation")
    data = demo_data("final")
    data["workshop"].pop("timezone")  # optional fields may be absent; export then writes the default
    data["days"][0]["items"][4]["roles"][1]["documents"] = [
        {"kind": "presentation", "title": "Labour markets", "language": "en", "file": "slides/bunjun.pdf"}
    ]
    run_import(write(source, data))
    first = run_export(DEMO_SLUG, tmp_path / "first" / "export.json")

    run_import(tmp_path / "first" / "export.json")
    second = run_export(DEMO_SLUG, tmp_path / "second" / "export.json")

    assert first == second
    exported = json.loads(first)
    assert exported["workshop"]["timezone"] == "Europe/Zurich"
    document = exported["days"][0]["items"][4]["roles"][1]["documents"][0]
    assert (tmp_path / "second" / document["file"]).read_bytes() == b"%PDF-1.4 test presentation"
    stored = Document.objects.get(title="Labour markets")
    assert stored.size == len(b"%PDF-1.4 test presentation")


_DELETE = object()


def _set(path, value=_DELETE):
    """A change to make to a valid file: set the value at `path`, or delete it when no value is given."""

    def mutate(data):
        *parents, last = path
        for part in parents:
            data = data[part]
        if value is _DELETE:
            del data[last]
        else:
            data[last] = value

    return mutate


SESSION_I = ("days", 0, "items", 4)
JUNG_MINO = (*SESSION_I, "roles", 3)

INVALID_FILES = [
    pytest.param(_set(("format",), "idm-workshop/2"), "format", "idm-workshop/1", id="wrong-format-version"),
    pytest.param(_set(("workshop", "title")), "workshop", "'title' is required", id="missing-title"),
    pytest.param(_set(("workshop", "slug"), "Not A Slug"), "workshop.slug", "not a valid identifier", id="bad-slug"),
    pytest.param(
        _set((*SESSION_I, "start"), "25:00"), "days[0].items[4].start", '"25:00" is not a time of day', id="hour-25"
    ),
    pytest.param(
        _set((*SESSION_I, "end"), "10:30"), "days[0].items[4].end", "is not after the start", id="end-before-start"
    ),
    pytest.param(
        _set(("days", 1, "date"), "2007-10-12"),
        "days[1].date",
        "outside the workshop's dates",
        id="day-outside-workshop",
    ),
    pytest.param(
        _set(("workshop", "end_date"), "2007-10-01"),
        "workshop.end_date",
        "before the first day",
        id="workshop-ends-before-it-starts",
    ),
    pytest.param(
        _set(("workshop", "start_date"), "2007-02-30"),
        "workshop.start_date",
        "not a date that exists",
        id="impossible-date",
    ),
    pytest.param(
        _set((*JUNG_MINO, "person"), "nobody"),
        "days[0].items[4].roles[3].person",
        "not an id in people",
        id="unknown-person",
    ),
    pytest.param(
        _set((*JUNG_MINO, "on_behalf_of", "person"), "jung-mino"),
        "days[0].items[4].roles[3].on_behalf_of.person",
        "on behalf of themself",
        id="on-behalf-of-self",
    ),
    pytest.param(
        _set((*JUNG_MINO, "country"), "XX"),
        "days[0].items[4].roles[3].country",
        "not an ISO 3166-1",
        id="unknown-country",
    ),
    pytest.param(
        _set((*JUNG_MINO, "role"), "keynoter"), "days[0].items[4].roles[3].role", "is not one of", id="unknown-role"
    ),
    pytest.param(_set((*SESSION_I, "colour"), "red"), "days[0].items[4]", "unknown field(s)", id="unknown-field"),
    pytest.param(
        _set(("documents", 0, "file"), "../../etc/passwd"),
        "documents[0].file",
        "outside the directory",
        id="file-outside-directory",
    ),
    pytest.param(
        _set(("documents", 0, "file"), "missing.pdf"), "documents[0].file", "does not exist", id="missing-file"
    ),
    pytest.param(
        _set(("workshop", "timezone"), "Mars/Olympus_Mons"),
        "workshop.timezone",
        "not an IANA time zone",
        id="unknown-timezone",
    ),
    pytest.param(_set(("people", 1, "id"), "brunson-mckinley"), "people[1].id", "listed twice", id="duplicate-person"),
]


@pytest.mark.parametrize(("mutate", "path", "reason"), INVALID_FILES)
def test_invalid_file_reports_path_and_reason_and_changes_nothing(tmp_path, mutate, path, reason):
    run_import(demo_path("provisional"))
    before = database_state()
    data = demo_data("final")
    mutate(data)

    with pytest.raises(CommandError, match="nothing was imported") as raised:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_workshop", str(write(tmp_path, data)), stdout=out, stderr=err)
        finally:
            errors = err.getvalue()

    assert raised.value is not None
    assert any(line.split(": ", 1)[1].startswith(f"{path}: ") and reason in line for line in errors.splitlines()), (
        errors
    )
    assert database_state() == before


def test_file_that_is_not_json_is_reported_with_its_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "idm-workshop/1",\n  "workshop": }', encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_workshop", str(path), stdout=io.StringIO(), stderr=err)

    assert "not valid JSON" in err.getvalue()
    assert "line 2" in err.getvalue()
    assert not Workshop.objects.exists()


def test_one_invalid_file_among_many_imports_none(tmp_path):
    good = write(tmp_path, demo_data("final"), "a.json")
    bad_data = demo_data("final")
    bad_data["workshop"]["slug"] = "another-workshop"
    bad_data["days"][0]["items"][0]["start"] = "9:00"
    bad = write(tmp_path, bad_data, "b.json")

    with pytest.raises(CommandError):
        run_import(good, bad)

    assert not Workshop.objects.exists()


def test_importing_a_directory_shows_progress(tmp_path):
    for number in range(3):
        data = demo_data("final")
        data["workshop"]["slug"] = f"workshop-{number}"
        write(tmp_path, data, f"{number}.json")

    out, _ = run_import(tmp_path)

    assert "[1/3] 0.json: workshop-0" in out
    assert "[3/3] 2.json: workshop-2" in out
    assert Workshop.objects.count() == 3


def test_reimport_of_changed_published_agenda_keeps_the_earlier_version():
    run_import(demo_path("provisional"))
    Workshop.objects.update(is_published=True)

    run_import(demo_path("final"))

    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    assert workshop.agenda_status == Workshop.AgendaStatus.FINAL
    version = workshop.agenda_versions.get()
    assert version.status == Workshop.AgendaStatus.PROVISIONAL
    assert version.snapshot == demo_data("provisional")


def test_reimport_of_unchanged_published_agenda_keeps_no_version():
    run_import(demo_path("final"))
    Workshop.objects.update(is_published=True)

    run_import(demo_path("final"))

    assert not AgendaVersion.objects.exists()


def test_reimport_of_unpublished_agenda_keeps_no_version():
    run_import(demo_path("provisional"))

    run_import(demo_path("final"))

    assert not AgendaVersion.objects.exists()


def test_reimport_replaces_the_agenda_instead_of_adding_to_it(tmp_path):
    run_import(demo_path("final"))
    data = demo_data("final")
    data["days"] = data["days"][:1]

    run_import(write(tmp_path, data))

    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    assert workshop.days.count() == 1


def test_export_of_unknown_workshop_is_a_clear_error():
    with pytest.raises(CommandError, match="No workshop has the identifier 'nope'"):
        call_command("export_workshop", "nope")


def test_archival_import_leaves_the_agenda_date_unknown_instead_of_today():
    run_import(demo_path("provisional"))
    Workshop.objects.update(is_published=True)
    run_import(demo_path("final"))

    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    assert workshop.agenda_issued_on is None
    assert workshop.agenda_versions.get().issued_on is None


def agenda_ids():
    """The primary keys of everything on the demo workshop's agenda, which public links are made of."""
    on_agenda = {"item__day__workshop__slug": DEMO_SLUG}
    return {
        "items": set(AgendaItem.objects.filter(day__workshop__slug=DEMO_SLUG).values_list("pk", flat=True)),
        "roles": set(Role.objects.filter(**on_agenda).values_list("pk", flat=True)),
        "questions": set(Question.objects.filter(**on_agenda).values_list("pk", flat=True)),
        "documents": set(Document.objects.filter(workshop__slug=DEMO_SLUG).values_list("pk", flat=True)),
    }


def downloaded(client, url):
    response = client.get(url)
    # Read to the end, which closes the file as a server would.
    return response.status_code, b"".join(response.streaming_content)


@pytest.fixture
def demo_with_attached_file(tmp_path):
    """The final demo agenda, published, with a presentation whose file is stored."""
    source = tmp_path / "source"
    (source / "slides").mkdir(parents=True)
    (source / "slides" / "bunjun.pdf").write_bytes(b"%PDF-1.4 test presentation")
    data = demo_data("final")
    data["days"][0]["items"][4]["roles"][1]["documents"] = [
        {"kind": "presentation", "title": "Labour markets", "language": "en", "file": "slides/bunjun.pdf"}
    ]
    run_import(write(source, data))
    Workshop.objects.update(is_published=True)
    return Document.objects.get(title="Labour markets")


def test_export_and_reimport_keeps_every_id_and_download_link(client, tmp_path, demo_with_attached_file):
    download = f"/en/documents/{demo_with_attached_file.pk}/download/"
    assert downloaded(client, download) == (200, b"%PDF-1.4 test presentation")
    before = agenda_ids()
    history = [model.history.count() for model in (AgendaItem, Role, Question, Document)]
    run_export(DEMO_SLUG, tmp_path / "export" / "export.json")

    run_import(tmp_path / "export" / "export.json")

    assert agenda_ids() == before
    # Nothing differs, so nothing is saved and the history records no change.
    assert [model.history.count() for model in (AgendaItem, Role, Question, Document)] == history
    assert downloaded(client, download) == (200, b"%PDF-1.4 test presentation")


def test_reimport_with_a_changed_title_updates_the_item_in_place(tmp_path):
    run_import(demo_path("final"))
    session = AgendaItem.objects.get(day__workshop__slug=DEMO_SLUG, kind=AgendaItem.Kind.SESSION, number=1)
    ids = agenda_ids()
    data = demo_data("final")
    data["days"][0]["items"][4]["title"] = "Labour Mobility, Retitled"

    run_import(write(tmp_path, data))

    session.refresh_from_db()
    assert session.title == "Labour Mobility, Retitled"
    assert agenda_ids() == ids
    assert session.history.latest().history_type == "~"


def test_reimport_records_the_importing_user_and_deletes_only_what_was_removed(tmp_path):
    first_editor, second_editor = SecretariatEditorFactory(), SecretariatEditorFactory()
    run_import(demo_path("final"), user=first_editor)
    removed = Role.objects.get(item__day__workshop__slug=DEMO_SLUG, person__slug="jung-mino")
    data = demo_data("final")
    del data["days"][0]["items"][4]["roles"][3]
    data["days"][0]["items"][4]["title"] = "Labour Mobility, Retitled"
    previous = {model: model.history.count() for model in (AgendaItem, Role, Question, Document)}

    run_import(write(tmp_path, data), user=second_editor)

    assert not Role.objects.filter(pk=removed.pk).exists()
    for model in (AgendaItem, Role, Question, Document):
        assert set(model.history.filter(history_type="+").values_list("history_user", flat=True)) == {first_editor.pk}
        new_records = model.history.order_by("history_id")[previous[model] :]
        assert {record.history_user for record in new_records} <= {second_editor}
        deleted = {record.id for record in model.history.filter(history_type="-")}
        assert deleted == ({removed.pk} if model is Role else set())
    assert Role.history.get(history_type="-").history_user == second_editor


def test_import_by_an_unknown_user_is_refused_and_changes_nothing():
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        call_command("import_workshop", str(demo_path("final")), "--user", "nobody", stdout=io.StringIO())

    assert not Workshop.objects.exists()
