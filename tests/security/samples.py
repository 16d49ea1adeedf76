"""Small files of every kind the site accepts as a document, and of kinds it must refuse, made in memory."""

import io
import tracemalloc
import zipfile

from openpyxl import Workbook

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# The container of Word, Excel and PowerPoint 97-2003 (an OLE2 compound file header, then empty sectors).
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016


def _zip(entries, *, padding=0):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
        if padding:
            # A large part first-read, as some programs write: the telling part then lies beyond 8 KiB.
            archive.writestr("docProps/thumbnail.bin", bytes(range(256)) * (padding // 256))
    return buffer.getvalue()


def ooxml(part, *, padding=0):
    return _zip([("[Content_Types].xml", "<Types/>"), (part, "<x/>")], padding=padding)


def opendocument(mimetype):
    return _zip([("mimetype", mimetype), ("content.xml", "<office:document-content/>")])


def xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


ACCEPTED = {
    "paper.pdf": PDF,
    "statement.doc": OLE2,
    "figures.xls": OLE2,
    "slides.ppt": OLE2,
    "paper.docx": ooxml("word/document.xml"),
    "figures.xlsx": xlsx(),
    "slides.pptx": ooxml("ppt/presentation.xml"),
    "paper.odt": opendocument("application/vnd.oasis.opendocument.text"),
    "figures.ods": opendocument("application/vnd.oasis.opendocument.spreadsheet"),
    "slides.odp": opendocument("application/vnd.oasis.opendocument.presentation"),
}

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><circle r="5"/></svg>'
REFUSED = {
    "html": HTML,
    "svg": SVG,
    "xml svg": b'<?xml version="1.0"?>\n' + SVG,
    "javascript": b"alert(1)",
    "plain zip": _zip([("payload.html", HTML)]),
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "empty": b"",
    "zip that is not a zip": b"PK\x03\x04" + b"\x00" * 40,
}


def zip_bomb(*, part, megabytes, head=b"", others=()):
    """A zip of `others` and of `part`, which unpacks to `head` and `megabytes` of zeros: a few tens of kB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in others:
            archive.writestr(name, content)
        with archive.open(part, "w") as entry:
            entry.write(head)
            for _megabyte in range(megabytes):
                entry.write(bytes(1024 * 1024))
    return buffer.getvalue()


def opendocument_bomb():
    """An OpenDocument text whose media type is followed by 64 MB of zeros."""
    return zip_bomb(
        part="mimetype",
        head=b"application/vnd.oasis.opendocument.text",
        megabytes=64,
        others=[("content.xml", "<office:document-content/>")],
    )


class MemoryPeak:
    """The most memory Python held at once inside the `with` block, in bytes."""

    def __enter__(self):
        tracemalloc.start()
        return self

    def __exit__(self, *exc_info):
        self.bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
