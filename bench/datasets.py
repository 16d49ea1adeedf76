"""The data the benchmarks run on: the largest workshop the secretariat runs, with an earlier agenda, and an
archive of 25 years (100 workshops, 5,000 people, 10,000 documents)."""

import datetime
import random

from django.db import transaction

from idm.core.caching import bump_content_version
from speakers.models import Person, Role
from tests.factories.large import build_large_workshop
from workshops.models import AgendaItem, Day, Document, Theme, Workshop
from workshops.services.publishing import finalize_agenda

LARGE_SLUG = "bench-large-workshop"
REGISTRATION_SLUG = "bench-registration"

# Titles built from these words give the document search something to find and something to skip.
WORDS = [
    "migration",
    "labour",
    "mobility",
    "remittances",
    "diaspora",
    "development",
    "integration",
    "return",
    "reintegration",
    "border",
    "management",
    "health",
    "climate",
    "environment",
    "displacement",
    "trafficking",
    "smuggling",
    "protection",
    "children",
    "youth",
    "women",
    "gender",
    "rights",
    "employment",
    "skills",
    "recognition",
    "circular",
    "seasonal",
    "regional",
    "cooperation",
    "dialogue",
    "policy",
    "data",
    "statistics",
    "partnership",
    "governance",
    "urban",
    "rural",
    "cities",
    "families",
    "communities",
    "engagement",
    "investment",
]
TOPICS = ("Perspectives on", "Policies for", "Evidence on", "Lessons from", "Partnerships for", "Data on")
LANGUAGES = ("en", "en", "en", "fr", "es")


def _title(rng, words=5):
    return f"{rng.choice(TOPICS)} {' '.join(rng.sample(WORDS, words))}"


@transaction.atomic
def build_large(today):
    """3 days, 40 items, 160 roles, 200 documents, 150 guiding questions; its provisional agenda is kept as an
    earlier version and the final one differs from it, so the changes page has changes to show."""
    workshop = build_large_workshop(
        slug=LARGE_SLUG,
        title="Making labour mobility work for development: the large workshop",
        start_date=today + datetime.timedelta(days=60),
        agenda_status=Workshop.AgendaStatus.PROVISIONAL,
    )
    finalize_agenda(workshop=workshop)
    items = list(AgendaItem.objects.filter(day__workshop=workshop).order_by("order")[:10])
    for item in items[:5]:
        item.title = f"{item.title}, as finally agreed"
        item.save(update_fields=["title"])
    Role.objects.filter(item__in=items[5:10]).update(organization="Ministry of Foreign Affairs")
    AgendaItem.objects.filter(pk=items[-1].pk).delete()
    return workshop


@transaction.atomic
def build_archive(*, workshops=100, years=25, people=5000, documents=10000, seed=2007):
    """Bulk-created, as an import of years of records would be; published, past workshops only."""
    rng = random.Random(seed)
    first_year = 2000
    themes = Theme.objects.bulk_create(
        Theme(year=first_year + n, title=f"Annual theme {first_year + n}: {_title(rng, 3)}") for n in range(years)
    )
    workshop_rows = []
    for n in range(workshops):
        year = first_year + n * years // workshops
        start = datetime.date(year, 1 + (n * 5) % 12, 10)
        workshop_rows.append(
            Workshop(
                slug=f"archive-{year}-{n}",
                title=f"{_title(rng, 4).capitalize()} ({year})",
                theme=themes[year - first_year],
                start_date=start,
                end_date=start + datetime.timedelta(days=1),
                city="Geneva",
                country="CH",
                summary=" ".join(_title(rng, 8) + "." for _ in range(4)),
                agenda_status=Workshop.AgendaStatus.FINAL,
                agenda_issued_on=start - datetime.timedelta(days=7),
                is_published=True,
                reported_participants=rng.randint(80, 250),
                reported_countries=rng.randint(30, 90),
            )
        )
    workshop_rows = Workshop.objects.bulk_create(workshop_rows)
    days = Day.objects.bulk_create(
        Day(workshop=workshop, date=workshop.start_date + datetime.timedelta(days=n), label=f"Day {n + 1}", order=n)
        for workshop in workshop_rows
        for n in range(2)
    )
    items_per_day = 5
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            day=day,
            kind=AgendaItem.Kind.SESSION,
            number=day.order * items_per_day + n + 1,
            title=_title(rng).capitalize(),
            start=datetime.time(9 + n, 0),
            end=datetime.time(9 + n, 50),
            description=" ".join(_title(rng, 10) + "." for _ in range(2)),
            order=n,
        )
        for day in days
        for n in range(items_per_day)
    )
    person_rows = Person.objects.bulk_create(
        Person(slug=f"person-{n}", name=f"Person {n} {rng.choice(WORDS).title()}", sort_name=f"Person {n:05}")
        for n in range(people)
    )
    # Everyone speaks at least once; some come back, as the IDM's regulars do.
    speakers = person_rows + rng.sample(person_rows, len(items) * 8 - people)
    roles = Role.objects.bulk_create(
        Role(
            item=items[n // 8],
            person=person,
            kind=Role.Kind.MODERATOR if n % 8 == 0 else Role.Kind.SPEAKER,
            position="Director",
            organization=f"Ministry of {rng.choice(WORDS).title()}",
            country=rng.choice(("KE", "PH", "MX", "IT", "SN", "BD")),
            order=n % 8,
        )
        for n, person in enumerate(speakers)
    )
    Document.objects.bulk_create(
        Document(
            workshop_id=roles[n % len(roles)].item.day.workshop_id,
            role=roles[n % len(roles)] if n % 4 else None,
            kind=rng.choice((Document.Kind.PRESENTATION, Document.Kind.PAPER, Document.Kind.STATEMENT)),
            title=_title(rng).capitalize(),
            language=rng.choice(LANGUAGES),
            url=f"https://example.org/archive/{n}.pdf",
            is_public=n % 10 != 0,
            order=n,
        )
        for n in range(documents)
    )
    bump_content_version()
    return workshop_rows


def build_registration_workshop(*, seats, slug=REGISTRATION_SLUG):
    """A published, upcoming workshop whose registration is open now."""
    from django.utils import timezone

    now = timezone.now()
    return Workshop.objects.create(
        slug=slug,
        title="A workshop everyone wants to attend",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=31),
        agenda_status=Workshop.AgendaStatus.PROVISIONAL,
        is_published=True,
        registration_opens_at=now - datetime.timedelta(hours=1),
        registration_closes_at=now + datetime.timedelta(days=20),
        seats=seats,
    )
