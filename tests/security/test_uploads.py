"""Documents are judged by their bytes, at the admin's upload field and in the importer; downloads tell the
browser not to guess the type, and only PDFs open in it."""

import importlib
import io
import json
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import clear_url_caches, reverse

import idm.urls
from tests.factories import DocumentFactory, WorkshopFactory
from workshops.models import Document
from workshops.validators import safe_document_name

from . import samples

pytestmark = pytest.mark.django_db


def add_document(client, workshop, upload):
    return client.post(
        reverse("admin:workshops_document_add"),
        {
            "workshop": workshop.pk,
            "kind": Document.Kind.PAPER,
            "title": "Background paper",
            "language": "en",
            "file": upload,
            "url": "",
            "available": "on",
            "is_public": "on",
            "order": 1,
        },
    )


@pytest.mark.parametrize("name", sorted(samples.ACCEPTED))
def test_each_allowed_kind_of_document_is_accepted_and_its_size_recorded(admin_client, name):
    workshop = WorkshopFactory()
    content = samples.ACCEPTED[name]

    response = add_document(admin_client, workshop, SimpleUploadedFile(name, content))

    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.file.name == f"documents/{workshop.slug}/{name}"
    assert document.size == len(content)


def test_large_office_file_is_recognised_beyond_its_first_bytes(admin_client):
    content = samples.ooxml("word/document.xml", padding=64 * 1024)

    response = add_document(admin_client, WorkshopFactory(), SimpleUploadedFile("report.docx", content))

    assert response.status_code == 302


@pytest.mark.parametrize("kind", sorted(samples.REFUSED))
def test_a_file_that_is_not_a_document_is_refused_at_the_field_whatever_its_name(admin_client, kind):
    response = add_document(admin_client, WorkshopFactory(), SimpleUploadedFile("agenda.pdf", samples.REFUSED[kind]))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    if kind == "empty":
        assert errors["file"] == ["The submitted file is empty."]
    else:
        assert errors["file"] == [
            "This file is not a PDF, Word, Excel, PowerPoint or OpenDocument file, whatever its name says. "
            "Only those can be published as documents."
        ]
    assert "whatever its name says" in response.content.decode() or kind == "empty"
    assert not Document.objects.exists()


def test_a_document_whose_name_disagrees_with_its_content_is_refused(admin_client):
    response = add_document(
        admin_client, WorkshopFactory(), SimpleUploadedFile("slides.pdf", samples.ACCEPTED["slides.pptx"])
    )

    assert response.context["adminform"].form.errors["file"] == [
        "This file holds a PowerPoint document, so its name must end in .pptx."
    ]


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024

    response = add_document(admin_client, WorkshopFactory(), SimpleUploadedFile("big.pdf", samples.PDF + b" " * 1024))

    assert response.context["adminform"].form.errors["file"] == [
        "This file is 1.1\xa0KB; documents can be at most 1.0\xa0KB."
    ]


def test_uploaded_names_lose_folders_and_unsafe_characters(admin_client):
    workshop = WorkshopFactory()

    add_document(admin_client, workshop, SimpleUploadedFile("notes <b>& “draft”.pdf", samples.PDF))

    assert Document.objects.get().file.name == f"documents/{workshop.slug}/notes_b_draft.pdf"


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.doc", "win.ini.doc"),
        ("/var/www/index.html.pdf", "index.html.pdf"),
        ("my paper (final).pdf", "my_paper_final.pdf"),
        ("..", ""),
    ],
)
def test_safe_document_name_keeps_only_the_file_name(given, safe):
    assert safe_document_name(given) == safe


def import_with_attachment(tmp_path, file_name, content, stderr):
    (tmp_path / file_name).write_bytes(content)
    data = {
        "format": "idm-workshop/1",
        "workshop": {
            "slug": "upload-check",
            "title": "Upload check",
            "kind": "seminar",
            "start_date": "2026-05-04",
            "end_date": "2026-05-04",
        },
        "people": [],
        "days": [],
        "documents": [{"kind": "paper", "title": "Paper", "file": file_name}],
    }
    path = tmp_path / "workshop.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_workshop", str(path), stdout=io.StringIO(), stderr=stderr)


def test_importer_refuses_an_attachment_that_is_not_a_document_with_its_path(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        import_with_attachment(tmp_path, "paper.pdf", samples.SVG, err)

    assert (
        'workshop.json: documents[0].file: "paper.pdf": This file is not a PDF, Word, Excel, PowerPoint or '
        "OpenDocument file, whatever its name says." in err.getvalue()
    )
    assert not Document.objects.exists()


def test_importer_accepts_each_allowed_kind(tmp_path):
    for name, content in samples.ACCEPTED.items():
        err = io.StringIO()
        import_with_attachment(tmp_path, name, content, err)
        assert err.getvalue() == ""
    assert Document.objects.get().file.name.endswith("slides.odp")


def _stored_document(name, content):
    document = DocumentFactory()
    document.file.save(name, io.BytesIO(content))
    return document


def test_a_pdf_opens_in_the_browser_and_nothing_is_sniffed(client):
    document = _stored_document("paper.pdf", samples.PDF)

    response = client.get(reverse("workshops:document-download", args=[document.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="paper.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == samples.PDF


@pytest.mark.parametrize("name", ["slides.pptx", "figures.ods", "statement.doc"])
def test_other_documents_are_saved_never_rendered(client, name):
    document = _stored_document(name, samples.ACCEPTED[name])

    response = client.get(reverse("workshops:document-download", args=[document.pk]))

    assert b"".join(response.streaming_content) == samples.ACCEPTED[name]
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_zip_bomb_is_refused_at_the_field_without_unpacking_it(admin_client):
    bomb = samples.opendocument_bomb()
    assert len(bomb) < 1024 * 1024

    workshop = WorkshopFactory()
    with samples.MemoryPeak() as peak:
        response = add_document(admin_client, workshop, SimpleUploadedFile("paper.odt", bomb))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "This file is a compressed archive that would unpack to far more than any document holds, so it is refused."
    ]
    assert peak.bytes < 16 * 1024 * 1024
    assert not Document.objects.exists()


def test_the_importer_refuses_a_zip_bomb_with_its_path(tmp_path):
    bomb = samples.opendocument_bomb()
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        import_with_attachment(tmp_path, "paper.odt", bomb, err)

    assert "documents[0].file" in err.getvalue()
    assert "would unpack to far more than any document holds" in err.getvalue()


def test_only_the_head_of_an_opendocument_mimetype_entry_is_read(tmp_path):
    # Incompressible, so no ratio gives it away: a reader of the whole entry would hold all 8 MB of it. Not the
    # first entry, so that the type is looked for inside the archive.
    mimetype = b"application/vnd.oasis.opendocument.text" + os.urandom(8 * 1024 * 1024)
    content = samples._zip([("content.xml", "<office:document-content/>"), ("mimetype", mimetype)])
    err = io.StringIO()

    with samples.MemoryPeak() as peak, pytest.raises(CommandError):
        import_with_attachment(tmp_path, "paper.odt", content, err)

    assert "whatever its name says" in err.getvalue()
    assert peak.bytes < 2 * 1024 * 1024


@pytest.fixture
def development_urls(settings):
    """The URLconf as the development settings build it, with DEBUG on."""
    settings.DEBUG = True
    importlib.reload(idm.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(idm.urls)
    clear_url_caches()


def test_the_development_server_serves_no_document_from_the_media_folder(client, development_urls):
    document = _stored_document("internal-note.pdf", samples.PDF)
    document.is_public = False
    document.save()

    response = client.get(document.file.url)

    assert response.status_code == 404


def test_the_admin_links_a_stored_file_to_the_checked_download_never_to_the_media_folder(admin_client):
    document = _stored_document("internal-note.pdf", samples.PDF)
    document.is_public = False
    document.save()

    page = admin_client.get(reverse("admin:workshops_document_change", args=[document.pk])).content.decode()

    assert f'href="{document.get_absolute_url()}"' in page
    assert settings.MEDIA_URL not in page
    assert b"".join(admin_client.get(document.get_absolute_url()).streaming_content) == samples.PDF
