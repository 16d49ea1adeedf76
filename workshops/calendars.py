"""Calendar files (RFC 5545) of a workshop's timed agenda items, in the workshop's own time zone."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def location(workshop):
    """Venue, city and country, those given."""
    return ", ".join(part for part in (workshop.venue, workshop.city, workshop.country.name) if part)


def _description(item):
    lines = [
        f"{role.get_kind_display()}: {role.person.name}" + (f", {role.affiliation}" if role.affiliation else "")
        for role in item.role_list
    ]
    if item.description:
        lines = [item.description, "", *lines] if lines else [item.description]
    return "\n".join(lines)


def _event(workshop, item, site_url, zone):
    start = datetime.datetime.combine(item.day.date, item.start, tzinfo=zone)
    end = datetime.datetime.combine(item.day.date, item.end or item.start, tzinfo=zone)
    if end <= start:
        end = start + datetime.timedelta(minutes=30)
    event = Event()
    # The anchor survives re-imports, so an updated calendar file replaces rather than duplicates events.
    event.add("uid", f"{workshop.slug}.{item.anchor}@{settings.CALENDAR_UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", item.full_title)
    place = location(workshop)
    if place:
        event.add("location", place)
    description = _description(item)
    if description:
        event.add("description", description)
    event.add("url", site_url + item.get_absolute_url())
    return event


def timed_items(items):
    return [item for item in items if item.start and item.day.date]


def calendar_for(workshop, items, *, site_url):
    calendar = Calendar()
    calendar.add("prodid", "-//IOM International Dialogue on Migration//idm-workshops//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", workshop.title)
    zone = zoneinfo.ZoneInfo(workshop.timezone)
    for item in timed_items(items):
        calendar.add_component(_event(workshop, item, site_url, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()
