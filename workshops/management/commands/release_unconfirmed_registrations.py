from django.conf import settings
from django.core.management.base import BaseCommand

from workshops.services.registration import release_unconfirmed_registrations


class Command(BaseCommand):
    help = (
        "Releases the places of registrations whose e-mail address was not confirmed within "
        "REGISTRATION_CONFIRMATION_HOURS, and moves the waitlists up. Run it from cron, e.g. every 10 minutes; "
        "the registration steps also release what is overdue in their own workshop."
    )

    def handle(self, *args, **options):
        released = release_unconfirmed_registrations()
        self.stdout.write(
            f"{released} unconfirmed registration(s) released "
            f"(older than {settings.REGISTRATION_CONFIRMATION_HOURS} hours)."
        )
