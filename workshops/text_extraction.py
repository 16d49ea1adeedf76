"""The words of an uploaded document, which the document library searches besides its title.

PDF is read with pypdf; Word, PowerPoint and OpenDocument text and presentations are zips of XML, read as they
stream (defusedxml) once `validators.open_archive` has found their sizes reasonable. Reading stops at the
page, character and time limits of the settings, keeping what it has read. A document whose words cannot be
read (a scan, a damaged or encrypted file, a spreadsheet) gets none, and is still found by its title: reading
it never fails an upload or an import.
"""

import contextlib
import itertools
import logging
import re
import time

from defusedxml.ElementTree import iterparse
from django.conf import settings
from pypdf import PdfReader

from .validators import document_type, open_archive

logger = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

# Office XML spends tens of bytes of markup on each character of text: past this much of one part, the
# character limit would have been reached in any ordinary document.
XML_MAX_BYTES = 16 * 1024 * 1024


class _Budget:
    """The characters and the time that one document's reading may still take."""

    def __init__(self):
        self.deadline = time.monotonic() + settings.DOCUMENT_TEXT_SECONDS
        self.characters = settings.DOCUMENT_TEXT_MAX_CHARACTERS
        self.parts = []

    @property
    def spent(self):
        return self.characters <= 0 or time.monotonic() >= self.deadline

    def take(self, text):
        text = " ".join(text.split())[: self.characters]
        if text:
            self.parts.append(text)
            self.characters -= len(text) + 1


def extract_text(handle, *, name=""):
    """The text of the PDF, Word, PowerPoint or OpenDocument text or presentation in `handle`, within the limits
    of the settings; "" for other kinds of document and for those whose text cannot be read."""
    budget = _Budget()
    try:
        kind = document_type(handle)
        read = READERS.get(kind.extensions[0]) if kind else None
        if read:
            with contextlib.closing(read(handle)) as texts:  # closes the archive as soon as the budget is spent
                for text in texts:
                    if budget.spent:
                        break
                    budget.take(text)
    # A damaged or hostile file can make a reader fail in any of many ways; none of them may cost the upload.
    except Exception:
        logger.warning("The text of document %s could not be read; it is found by its title.", name, exc_info=True)
    finally:
        handle.seek(0)
    return "\n".join(budget.parts)


def _pdf_pages(handle):
    reader = PdfReader(handle)
    for page in itertools.islice(reader.pages, settings.DOCUMENT_TEXT_MAX_PAGES):
        yield page.extract_text()


class _Head:
    """The first `limit` bytes of a stream, as a file to read."""

    def __init__(self, stream, limit):
        self.stream, self.left = stream, limit

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        data = self.stream.read(size)
        self.left -= len(data)
        return data


def _xml_paragraphs(handle, *, parts, paragraphs, runs=None):
    """The text of each paragraph of the archive's XML parts that `parts` picks from its names, in order.

    A paragraph is an element with a tag in `paragraphs`; its text is that of its `runs` elements (Office Open
    XML keeps deleted text and field codes beside them) or all of its text."""
    with open_archive(handle) as archive:
        for part in parts(archive.namelist()):
            with archive.open(part) as stream:
                for _event, element in iterparse(_Head(stream, XML_MAX_BYTES)):
                    if element.tag in paragraphs:
                        found = element.iter(runs) if runs else [element]
                        yield "".join(text for run in found for text in run.itertext())
                        element.clear()  # keeps the memory of a long document to what is being read


def _slides(names):
    numbered = (re.fullmatch(r"ppt/slides/slide(\d+)\.xml", name) for name in names)
    return [match.group(0) for match in sorted(filter(None, numbered), key=lambda match: int(match.group(1)))]


def _docx(handle):
    return _xml_paragraphs(handle, parts=lambda names: ["word/document.xml"], paragraphs={W + "p"}, runs=W + "t")


def _pptx(handle):
    return _xml_paragraphs(handle, parts=_slides, paragraphs={A + "p"}, runs=A + "t")


def _opendocument(handle):
    return _xml_paragraphs(handle, parts=lambda names: ["content.xml"], paragraphs={TEXT + "p", TEXT + "h"})


# By the extension that names each kind of document in `validators`.
READERS = {"pdf": _pdf_pages, "docx": _docx, "pptx": _pptx, "odt": _opendocument, "odp": _opendocument}
