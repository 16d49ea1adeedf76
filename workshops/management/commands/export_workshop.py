import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workshops.interchange.export import dumps, exported_file_path, workshop_data
from workshops.models import Workshop


class Command(BaseCommand):
    help = "Exports a workshop in the IDM interchange format (idm-workshop/1), with its attached files."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help="file to write; attached files are copied into a folder beside it")

    def handle(self, *args, slug, output=None, **options):
        try:
            workshop = Workshop.objects.get(slug=slug)
        except Workshop.DoesNotExist:
            raise CommandError(f"No workshop has the identifier {slug!r}.") from None
        data = workshop_data(workshop)
        if output is None:
            self.stdout.write(dumps(data), ending="")
            if workshop.documents.exclude(file="").exists():
                self.stderr.write("Attached files are copied only when writing to a file with -o.")
            return
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        for document in workshop.documents.exclude(file=""):
            destination = target.parent / exported_file_path(workshop, document)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with document.file.open("rb") as source, destination.open("wb") as copy:
                shutil.copyfileobj(source, copy)
        target.write_text(dumps(data), encoding="utf-8")
        self.stderr.write(self.style.SUCCESS(f"Wrote {target}"))
