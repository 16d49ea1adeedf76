from django.core.management.base import BaseCommand, CommandError

from workshops.models import Document, Workshop
from workshops.services.documents import store_document_text


class Command(BaseCommand):
    help = (
        "Reads the text of documents' files again, which the document library searches: for documents stored "
        "before it was read, or after the limits of its reading changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workshop", metavar="SLUG", help="only the documents of this workshop")
        parser.add_argument("--missing", action="store_true", help="only the documents with no text yet")

    def handle(self, *args, workshop=None, missing=False, **options):
        documents = Document.objects.exclude(file="").only("pk", "file").order_by("pk")
        if workshop:
            if not Workshop.objects.filter(slug=workshop).exists():
                raise CommandError(f"No workshop has the identifier {workshop!r}.")
            documents = documents.filter(workshop__slug=workshop)
        if missing:
            documents = documents.filter(text="")
        read = without_text = 0
        for document in documents.iterator():
            try:
                text = store_document_text(document=document)
            except OSError as error:  # a file missing from the storage is reported, and the others still read
                self.stderr.write(f"Document {document.pk}: {document.file.name} cannot be opened ({error}).")
                continue
            read += 1
            without_text += not text
        self.stdout.write(f"Read the text of {read} documents; {without_text} of them have no text that could be read.")
