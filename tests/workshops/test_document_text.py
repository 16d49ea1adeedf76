"""The document library finds documents by the text of their files, read when a file is uploaded or imported
(and for stored documents by a command), within limits of pages, characters and time, never failing either."""

import io
import json
import zipfile

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from weasyprint import HTML

from tests.admin_forms import admin_page_data
from tests.factories import AgendaItemFactory, DocumentFactory, WorkshopFactory
from tests.security import samples
from workshops.models import Document, Workshop
from workshops.services.publishing import publish_workshop

pytestmark = pytest.mark.django_db

TITLE = "Background paper"
WORDS = "Seasonal agricultural workers crossing from Guatemala into Chiapas"


def pdf(*pages):
    html = "".join(f'<p style="break-after: page">{page}</p>' for page in pages)
    return HTML(string=html).write_pdf()


def word(*paragraphs):
    document = docx.Document()
    document.add_heading("Contents", level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def opendocument_text(*paragraphs):
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Contents"))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def powerpoint(*slides):
    """A presentation of one text box per slide, as PowerPoint writes its parts."""
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", f'<p:presentation xmlns:p="{p}"/>')
        for number, text in enumerate(slides, start=1):
            archive.writestr(
                f"ppt/slides/slide{number}.xml",
                f'<p:sld xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree><p:sp><p:txBody>'
                f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>",
            )
    return buffer.getvalue()


FILES = {
    "paper.pdf": lambda text: pdf(text),
    "paper.docx": lambda text: word(text),
    "paper.odt": lambda text: opendocument_text(text),
    "slides.pptx": lambda text: powerpoint("Introduction", text),
}


def upload(client, name, content, *, workshop=None):
    return client.post(
        reverse("admin:workshops_document_add"),
        {
            "workshop": (workshop or WorkshopFactory()).pk,
            "kind": Document.Kind.PAPER,
            "title": TITLE,
            "language": "en",
            "file": SimpleUploadedFile(name, content),
            "url": "",
            "available": "on",
            "is_public": "on",
            "order": 1,
        },
    )


def found(client, query):
    """The titles the public library lists for a search."""
    page = client.get(reverse("workshops:documents"), {"q": query}).context["page"]
    return [document.title for document in page.object_list]


@pytest.mark.parametrize("name", sorted(FILES))
def test_an_uploaded_document_is_found_by_a_word_of_its_file(admin_client, client, name):
    response = upload(admin_client, name, FILES[name](WORDS))

    assert response.status_code == 302
    assert found(client, "Guatemala") == [TITLE]
    assert found(client, "Honduras") == []


def test_a_file_replaced_in_an_agenda_item_inline_is_read_again(admin_client, client):
    item = AgendaItemFactory()
    document = DocumentFactory(workshop=item.day.workshop, item=item, title=TITLE)
    document.file.save("old.pdf", ContentFile(pdf("Honduras")))
    url = reverse("admin:workshops_agendaitem_change", args=[item.pk])
    data = admin_page_data(admin_client.get(url))
    data["documents-0-file"] = SimpleUploadedFile("new.docx", word(WORDS))

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert found(client, "Guatemala") == [TITLE]
    assert found(client, "Honduras") == []


def test_an_imported_attachment_is_found_by_a_word_of_its_file(tmp_path, client):
    (tmp_path / "paper.odt").write_bytes(opendocument_text(WORDS))
    data = {
        "format": "idm-workshop/1",
        "workshop": {
            "slug": "text-check",
            "title": "Text check",
            "kind": "seminar",
            "start_date": "2026-05-04",
            "end_date": "2026-05-04",
        },
        "people": [],
        "days": [],
        "documents": [{"kind": "paper", "title": TITLE, "file": "paper.odt"}],
    }
    (tmp_path / "workshop.json").write_text(json.dumps(data), encoding="utf-8")

    call_command("import_workshop", str(tmp_path / "workshop.json"), stdout=io.StringIO(), stderr=io.StringIO())
    publish_workshop(workshop=Workshop.objects.get(slug="text-check"))

    assert found(client, "Chiapas") == [TITLE]


def test_a_document_whose_file_cannot_be_read_is_uploaded_and_found_by_its_title(admin_client, client):
    damaged = b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [2 0 R] >> endobj\n" + b"\x00garbage" * 100

    response = upload(admin_client, "damaged.pdf", damaged)

    assert response.status_code == 302
    assert Document.objects.get().text == ""
    assert found(client, "background") == [TITLE]


def test_only_the_first_pages_are_read(admin_client, client, settings):
    settings.DOCUMENT_TEXT_MAX_PAGES = 1

    upload(admin_client, "paper.pdf", pdf("Introduction", WORDS))

    assert found(client, "Introduction") == [TITLE]
    assert found(client, "Guatemala") == []


def test_only_the_first_characters_are_kept(admin_client, settings):
    settings.DOCUMENT_TEXT_MAX_CHARACTERS = 20

    upload(admin_client, "paper.docx", word(WORDS, "Honduras " * 1000))

    assert Document.objects.get().text == "Contents\nSeasonal ag"


def test_a_reading_out_of_time_keeps_the_upload_and_its_title(admin_client, client, settings):
    settings.DOCUMENT_TEXT_SECONDS = 0

    response = upload(admin_client, "paper.pdf", pdf(WORDS))

    assert response.status_code == 302
    assert found(client, "Guatemala") == []
    assert found(client, "background") == [TITLE]


def test_the_command_reads_the_text_of_documents_stored_before(client):
    document = DocumentFactory(title=TITLE)
    document.file.save("paper.docx", ContentFile(word(WORDS)))
    assert found(client, "Guatemala") == []
    out = io.StringIO()

    call_command("extract_document_text", "--missing", stdout=out)

    assert found(client, "Guatemala") == [TITLE]
    assert out.getvalue() == "Read the text of 1 documents; 0 of them have no text that could be read.\n"


def test_the_command_reads_no_zip_bomb_stored_before_uploads_were_checked_for_them():
    bomb = samples.zip_bomb(part="word/document.xml", megabytes=64, others=[("[Content_Types].xml", "<Types/>")])
    DocumentFactory(title=TITLE).file.save("paper.docx", ContentFile(bomb))
    out = io.StringIO()

    with samples.MemoryPeak() as peak:
        call_command("extract_document_text", stdout=out)

    assert out.getvalue() == "Read the text of 1 documents; 1 of them have no text that could be read.\n"
    assert peak.bytes < 16 * 1024 * 1024


def test_the_command_reads_the_documents_of_one_workshop_when_asked(client):
    chosen, other = (DocumentFactory(title=title) for title in (TITLE, "Other paper"))
    for document in (chosen, other):
        document.file.save("paper.odt", ContentFile(opendocument_text(WORDS)))

    call_command("extract_document_text", "--workshop", chosen.workshop.slug, stdout=io.StringIO())

    assert found(client, "Guatemala") == [TITLE]
    with pytest.raises(CommandError, match="No workshop has the identifier 'nowhere'"):
        call_command("extract_document_text", "--workshop", "nowhere", stdout=io.StringIO())
