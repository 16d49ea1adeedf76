"""The e-mails to a participant about their registration: in their language, with what they need to attend."""

import datetime
import zoneinfo

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from idm.core.site_url import site_url

from ..calendars import calendar_for, location, timed_items
from ..models import AgendaItem, Day, Registration, Workshop
from ..selectors.agenda import Agenda, build_agenda


def _utc_offset(workshop: Workshop) -> str:
    # Taken on the first day, so that it is the offset in force during the workshop (summer time or not).
    noon = datetime.datetime.combine(
        workshop.start_date, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(workshop.timezone)
    )
    offset = noon.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def _daily_times(days: list[Day], items: list[AgendaItem]) -> list[tuple]:
    """Each day's first start and last end, from the items that have times."""
    times = []
    for day in days:
        day_items = [item for item in items if item.day is day]
        if day_items:
            first = min(item.start for item in day_items)
            last = max(item.end or item.start for item in day_items)
            times.append((day.date, first, last))
    return times


def registration_email(*, registration: Registration, kind: str, link: str, extra_context: dict) -> EmailMessage:
    """The e-mail of one step (`kind` names its templates); the calendar goes with it while the seat is in play."""
    workshop = registration.workshop
    # A draft agenda is the secretariat's alone (Workshop.has_public_agenda): its times stay out of e-mails too.
    agenda = build_agenda(workshop) if workshop.has_public_agenda else Agenda()
    items = timed_items(agenda.items)
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "workshop": workshop,
            "link": link,
            "location": location(workshop),
            "daily_times": _daily_times(agenda.days, items),
            "utc_offset": _utc_offset(workshop),
            "agenda_link": site_url() + workshop.get_absolute_url(),
            **extra_context,
        }
        subject = " ".join(render_to_string(f"workshops/emails/{kind}_subject.txt", context).split())
        body = render_to_string(f"workshops/emails/{kind}_body.txt", context)
        message = EmailMessage(subject, body, to=[registration.email])
        if registration.is_active and items:
            calendar = calendar_for(workshop, items, site_url=site_url())
            message.attach(f"{workshop.slug}.ics", calendar, "text/calendar")
    return message
