import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from workshops.models import Workshop
from workshops.services import import_workshop, publish_workshop

DEMO_DIR = settings.BASE_DIR / "demo"
DEMO_SLUG = "2007-global-labour-mobility"


class Command(BaseCommand):
    help = (
        "Loads the demo data: the 2007 workshop's provisional agenda, published, then its final "
        "agenda, so that the change between the two is kept. Does nothing if it is already there."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if Workshop.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write("The demo data is already loaded.")
            return
        provisional = import_workshop(data=self._read("provisional"), base_dir=DEMO_DIR)
        publish_workshop(workshop=provisional)
        import_workshop(data=self._read("final"), base_dir=DEMO_DIR)
        self.stdout.write(self.style.SUCCESS("Loaded the demo workshop with its provisional and final agendas."))

    def _read(self, status):
        return json.loads((DEMO_DIR / f"{DEMO_SLUG}.{status}.json").read_text(encoding="utf-8"))
