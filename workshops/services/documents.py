"""Writes of documents: the text of their files, which the library's search reads."""

from django.db import transaction

from idm.core.caching import bump_content_version

from ..models import Document
from ..text_extraction import extract_text


@transaction.atomic
def store_document_text(*, document: Document) -> str:
    """Reads the words of the document's file, which the library's search finds, and stores them: none without
    a file or when they cannot be read (the document is still found by its title). Derived from the file, they
    are no edit of the secretariat's, so they leave no entry in the document's history."""
    text = ""
    if document.file:
        with document.file.open("rb") as handle:
            text = extract_text(handle, name=document.file.name)
    Document.objects.filter(pk=document.pk).update(text=text)
    bump_content_version()  # an update sends no signal: the library's stored search pages must go
    document.text = text
    return text
