"""What the reports tests share: the text of a PDF, page by page, as a reader would search it."""

import io

from pypdf import PdfReader


def pdf_pages(content):
    """Each page's text, with runs of white space made one space."""
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def normalized(text):
    return " ".join(text.split()).casefold()


def positions_in_order(text, needles):
    """Where each needle is found, each after the one before; fails naming the first that is missing."""
    haystack, position, found = normalized(text), 0, []
    for needle in needles:
        index = haystack.find(normalized(needle), position)
        assert index >= 0, f"{needle!r} is missing, or out of order, after position {position}"
        found.append(index)
        position = index + len(normalized(needle))
    return found
