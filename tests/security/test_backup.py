"""A backup taken with `manage.py backup` and restored with `manage.py restore` into an emptied database gives
back every row, primary keys included, and every uploaded file, byte for byte."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from idm.core.backup import backed_up_models
from tests.factories import RegistrationFactory, SecretariatEditorFactory
from workshops.models import Document, Registration, Workshop

from . import samples

pytestmark = pytest.mark.django_db


def database_rows():
    return {
        model._meta.label: sorted(map(repr, model._base_manager.order_by("pk").values_list()))
        for model in backed_up_models()
    }


def media_files(root):
    root = Path(root)
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site_with_data(demo_workshop, media):
    """The demo data, registrations in every state, staff, and an uploaded document."""
    for status in Registration.Status.values:
        RegistrationFactory(workshop=demo_workshop, status=status, needs="Wheelchair access, vegetarian")
    SecretariatEditorFactory()
    document = demo_workshop.documents.first()
    document.file.save("statement.docx", ContentFile(samples.ACCEPTED["paper.docx"]))
    return demo_workshop


# Committed data, as on a server: PostgreSQL cannot empty tables whose rows the same transaction still checks.
@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_emptied_database_gives_back_every_row_and_file(site_with_data, media, tmp_path):
    before_rows, before_files = database_rows(), media_files(media)
    assert before_rows["workshops.Registration"] and before_rows["auth.User"] and before_files

    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)  # as a new server's database after `migrate`
    for path in Path(media).rglob("*"):
        if path.is_file():
            path.unlink()
    assert not Workshop.objects.exists()
    out = io.StringIO()
    call_command("restore", str(tmp_path / "backup"), stdout=out)

    assert database_rows() == before_rows
    assert media_files(media) == before_files
    assert "Restored" in out.getvalue()
    restored = Document.objects.exclude(file="").get()
    with restored.file.open("rb") as handle:
        assert handle.read() == samples.ACCEPTED["paper.docx"]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_a_database_with_data_unless_told(site_with_data, tmp_path):
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    Workshop.objects.update(title="Changed after the backup")

    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    call_command("restore", str(tmp_path / "backup"), "--replace", stdout=io.StringIO())

    assert Workshop.objects.get(pk=site_with_data.pk).title == site_with_data.title


def test_backup_refuses_a_folder_that_holds_files(tmp_path):
    (tmp_path / "old.txt").write_text("an earlier backup")

    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path), stdout=io.StringIO())


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())
