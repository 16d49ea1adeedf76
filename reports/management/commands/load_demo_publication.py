from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports.demo import DEMO_DIR
from reports.models import Publication
from reports.services import create_publication
from workshops.models import Document, Workshop

WORKSHOP_SLUG = "2007-global-labour-mobility"
PUBLICATION_SLUG = "idm-2007-global-labour-mobility"


class Command(BaseCommand):
    help = (
        "Creates the publication of the 2007 demo workshop, with the foreword, the report (Part I) and the "
        "background paper of the Red Book. Needs the demo workshop (load_demo); creates it only once."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if Publication.objects.filter(slug=PUBLICATION_SLUG).exists():
            self.stdout.write("The demo publication is already there.")
            return
        workshop = Workshop.objects.filter(slug=WORKSHOP_SLUG).first()
        if workshop is None:
            raise CommandError(f"The demo workshop “{WORKSHOP_SLUG}” is not loaded: run load_demo first.")
        create_publication(
            workshops=[workshop],
            slug=PUBLICATION_SLUG,
            title=workshop.title,
            # The Red Book names its supervisors in the foreword; its number and year are not in the demo record.
            editors="Michele Klein Solomon, Director, MPR\nPhilippe Boncour, Head, IDM Division, MPR",
            foreword=self._read("foreword"),
            report=self._read("report"),
            background_paper=self._read("background-paper"),
            background_document=workshop.documents.filter(kind=Document.Kind.BACKGROUND_PAPER).first(),
            is_published=True,
        )
        self.stdout.write(self.style.SUCCESS("Created the demo workshop's publication (Red Book)."))

    def _read(self, part):
        return (DEMO_DIR / f"{WORKSHOP_SLUG}.{part}.md").read_text(encoding="utf-8")
