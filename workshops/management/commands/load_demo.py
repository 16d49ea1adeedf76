import datetime
import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from idm.core.site_url import site_url
from workshops.interchange.importing import import_workshop
from workshops.models import Workshop
from workshops.services.publishing import publish_workshop

DEMO_DIR = settings.BASE_DIR / "demo"
DEMO_SLUG = "2007-global-labour-mobility"
REGISTRATION_DEMO_SLUG = "demonstration-registration-workshop"


class Command(BaseCommand):
    help = (
        "Loads the demo data: the 2007 workshop's provisional agenda, published, then its final "
        "agenda, so that the change between the two is kept; and an upcoming demonstration workshop "
        "whose registration is open. Loads only what is not there yet."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if Workshop.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write("The demo data is already loaded.")
        else:
            provisional = import_workshop(data=self._read("provisional"), base_dir=DEMO_DIR)
            publish_workshop(workshop=provisional)
            import_workshop(data=self._read("final"), base_dir=DEMO_DIR)
            self.stdout.write(self.style.SUCCESS("Loaded the demo workshop with its provisional and final agendas."))
        call_command("load_demo_publication", stdout=self.stdout)
        if not Workshop.objects.filter(slug=REGISTRATION_DEMO_SLUG).exists():
            self._create_registration_demo()
            self.stdout.write(self.style.SUCCESS("Created the demonstration workshop whose registration is open."))
        path = reverse("workshops:register", kwargs={"slug": REGISTRATION_DEMO_SLUG})
        self.stdout.write(f"Try the registration form: {site_url()}{path}")

    def _read(self, status):
        return json.loads((DEMO_DIR / f"{DEMO_SLUG}.{status}.json").read_text(encoding="utf-8"))

    def _create_registration_demo(self):
        """An upcoming workshop, dated from today, so that a newcomer can try the registration form at once."""
        today = timezone.localdate()
        start = today + datetime.timedelta(days=45)
        workshop = Workshop.objects.create(
            slug=REGISTRATION_DEMO_SLUG,
            title="[Demonstration] Registration test workshop — not a real event",
            kind=Workshop.Kind.INTERSESSIONAL_WORKSHOP,
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            city="Geneva",
            country="CH",
            summary=(
                "This is a demonstration workshop created by the demo data, so that you can try the "
                "registration form. It is not a real event: nobody will expect you.\n\n"
                "Registration is open, with 25 seats; once they are taken, new registrations join the waitlist."
            ),
            registration_opens_at=timezone.now() - datetime.timedelta(days=1),
            registration_closes_at=timezone.make_aware(
                datetime.datetime.combine(start - datetime.timedelta(days=3), datetime.time(18, 0))
            ),
            seats=25,
            participant_list_public=True,
        )
        publish_workshop(workshop=workshop)
