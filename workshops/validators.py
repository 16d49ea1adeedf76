"""What an uploaded or imported document may be: judged by its bytes, never by the name it came with.

A file that claims to be a PDF but holds HTML or SVG would run its script in the reader's browser; so the
content decides the type, and the name must agree with it (downloads are served with the type the name
gives, so a disagreement would mislabel the file).
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

# Enough of the start of a file for every signature below; filetype looks at no more than this either.
HEAD_BYTES = 8192

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word, Excel and PowerPoint 97-2003


@dataclass(frozen=True)
class DocumentType:
    label: str
    extensions: tuple


PDF = DocumentType("PDF", ("pdf",))
LEGACY_OFFICE = DocumentType(_("Word, Excel or PowerPoint 97–2003"), ("doc", "xls", "ppt"))
DOCX = DocumentType("Word", ("docx",))
XLSX = DocumentType("Excel", ("xlsx",))
PPTX = DocumentType("PowerPoint", ("pptx",))
ODT = DocumentType(_("OpenDocument text"), ("odt",))
ODS = DocumentType(_("OpenDocument spreadsheet"), ("ods",))
ODP = DocumentType(_("OpenDocument presentation"), ("odp",))

BY_MIME = {
    "application/pdf": PDF,
    "application/msword": LEGACY_OFFICE,
    "application/vnd.ms-excel": LEGACY_OFFICE,
    "application/vnd.ms-powerpoint": LEGACY_OFFICE,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": PPTX,
    "application/vnd.oasis.opendocument.text": ODT,
    "application/vnd.oasis.opendocument.spreadsheet": ODS,
    "application/vnd.oasis.opendocument.presentation": ODP,
}
OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}

ALLOWED_EXTENSIONS = tuple(sorted({extension for kind in BY_MIME.values() for extension in kind.extensions}))


# An Office Open XML or OpenDocument file is a zip. What its entries say they unpack to is all that Python's
# zipfile will unpack, so judging those sizes first keeps a small file from unpacking to gigabytes (a "zip bomb").
# Text compresses some ten times, pictures hardly at all; zeros compress a thousand times.
ARCHIVE_MAX_ENTRIES = 10_000
ARCHIVE_MAX_UNPACKED_SIZE = 1024 * 1024 * 1024
ARCHIVE_MAX_RATIO = 200
ARCHIVE_RATIO_FROM_SIZE = 1024 * 1024  # a small entry may compress well without unpacking to much
MIMETYPE_BYTES = 256  # an OpenDocument's `mimetype` entry holds one short media type


class UnsafeArchive(Exception):
    """A zip whose entries would unpack to far more than any document holds."""


def _check_archive_sizes(archive):
    entries = archive.infolist()
    if len(entries) > ARCHIVE_MAX_ENTRIES:
        raise UnsafeArchive(f"{len(entries)} entries")
    if sum(entry.file_size for entry in entries) > ARCHIVE_MAX_UNPACKED_SIZE:
        raise UnsafeArchive("unpacks to more than the limit")
    for entry in entries:
        if entry.file_size > ARCHIVE_RATIO_FROM_SIZE and entry.file_size > ARCHIVE_MAX_RATIO * entry.compress_size:
            raise UnsafeArchive(
                f"{entry.filename} is compressed {entry.file_size // max(entry.compress_size, 1)} times"
            )


def open_archive(handle):
    """The zip in `handle` once its entries' sizes are found reasonable; raises UnsafeArchive otherwise, and
    zipfile.BadZipFile (or OSError, EOFError, ...) when it is no zip. Close it after use."""
    archive = zipfile.ZipFile(handle)
    try:
        _check_archive_sizes(archive)
    except UnsafeArchive:
        archive.close()
        raise
    return archive


def _zipped_document_type(handle):
    """An Office Open XML or OpenDocument file whose telling part lies beyond what filetype reads.

    Raises UnsafeArchive for a zip bomb."""
    try:
        with open_archive(handle) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    return BY_MIME.get(entry.read(MIMETYPE_BYTES).decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                return next(
                    (kind for prefix, kind in OOXML_PARTS.items() if any(n.startswith(prefix) for n in names)),
                    None,
                )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, KeyError):
        return None
    return None


def document_type(handle):
    """The allowed kind of document that the file's bytes hold, or None. Reads from the start of `handle`.

    Raises UnsafeArchive for a zip bomb, whatever its first bytes claim it to be."""
    handle.seek(0)
    head = handle.read(HEAD_BYTES)
    guess = filetype.guess(head) if head else None
    kind = BY_MIME.get(guess.mime) if guess else None
    if kind is None and head.startswith(OLE2_SIGNATURE):
        # filetype knows only some 97-2003 layouts; the container itself holds nothing a browser would run.
        kind = LEGACY_OFFICE
    if head.startswith(b"PK\x03\x04"):
        handle.seek(0)
        kind = _zipped_document_type(handle) or kind
    handle.seek(0)
    return kind


def safe_document_name(name):
    """The file's own name without any folder part, reduced to characters that are safe in a path."""
    base = PurePath(str(name).replace("\\", "/")).name
    try:
        return get_valid_filename(base)
    except SuspiciousFileOperation:  # nothing usable is left of names such as ".."
        return ""


def document_problem(handle, name, size):
    """Why this file cannot be a document of the site (a message for the person who sent it), or None."""
    if size is not None and size > settings.DOCUMENT_MAX_UPLOAD_SIZE:
        return _("This file is %(size)s; documents can be at most %(limit)s.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(settings.DOCUMENT_MAX_UPLOAD_SIZE),
        }
    try:
        kind = document_type(handle)
    except UnsafeArchive:
        return _(
            "This file is a compressed archive that would unpack to far more than any document holds, so it is refused."
        )
    if kind is None:
        return _(
            "This file is not a PDF, Word, Excel, PowerPoint or OpenDocument file, whatever its name says. "
            "Only those can be published as documents."
        )
    extension = PurePath(str(name)).suffix.lower().lstrip(".")
    if extension not in kind.extensions:
        return _("This file holds a %(kind)s document, so its name must end in %(extensions)s.") % {
            "kind": kind.label,
            "extensions": " / ".join(f".{e}" for e in kind.extensions),
        }
    return None


def validate_document_file(upload):
    """Form field validator: refuses anything but an allowed document, judged by its content."""
    if not upload or getattr(upload, "_committed", False):
        return  # an unchanged, stored file was checked when it was uploaded
    problem = document_problem(upload, upload.name, upload.size)
    if problem:
        raise ValidationError(problem, code="document_type")
