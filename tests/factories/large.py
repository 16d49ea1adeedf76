"""A workshop the size of the largest IDM events, for query-count tests and benchmarks."""

import datetime

from speakers.models import Person, Role
from workshops.models import AgendaItem, Day, Document, Question

from .workshops import WorkshopFactory


def build_large_workshop(
    *, days=3, items=40, roles=160, documents=200, questions=150, start_date=datetime.date(2027, 3, 1), **fields
):
    workshop = WorkshopFactory(start_date=start_date, end_date=start_date + datetime.timedelta(days=days - 1), **fields)
    day_rows = Day.objects.bulk_create(
        Day(workshop=workshop, date=workshop.start_date + datetime.timedelta(days=n), label=f"Day {n + 1}", order=n + 1)
        for n in range(days)
    )
    item_rows = AgendaItem.objects.bulk_create(
        AgendaItem(
            day=day_rows[n % days],
            kind=AgendaItem.Kind.SESSION,
            number=n + 1,
            title=f"Session {n + 1} on labour mobility",
            start=datetime.time(8 + n // days % 10, 0),
            end=datetime.time(8 + n // days % 10, 45),
            description="Labour migration management needs to be comprehensive. " * 5,
            order=n,
        )
        for n in range(items)
    )
    people = Person.objects.bulk_create(
        Person(slug=f"{workshop.slug}-speaker-{n}", name=f"Speaker {n}", sort_name=f"Speaker {n:04}")
        for n in range(roles)
    )
    role_rows = Role.objects.bulk_create(
        Role(
            item=item_rows[n % items],
            person=people[n],
            kind=Role.Kind.MODERATOR if n < items else Role.Kind.SPEAKER,
            position="Director",
            organization="Ministry of Labour",
            country="KE",
            on_behalf_of=people[n - 1] if n % 17 == 5 else None,
            order=n,
        )
        for n in range(roles)
    )
    parents = Question.objects.bulk_create(
        Question(item=item_rows[n % items], text=f"What is question {n}?", order=n) for n in range(questions // 2)
    )
    Question.objects.bulk_create(
        Question(item=parent.item, parent=parent, text=f"And its sub-question {n}?", order=n)
        for n, parent in enumerate(parents[: questions - len(parents)])
    )
    Document.objects.bulk_create(
        Document(
            workshop=workshop,
            role=role_rows[n % roles] if n % 3 else None,
            item=item_rows[n % items] if n % 3 == 0 else None,
            kind=Document.Kind.PRESENTATION,
            title=f"Presentation {n} on circular migration",
            language="en",
            url=f"https://example.org/documents/{n}.pdf",
            order=n,
        )
        for n in range(documents)
    )
    return workshop
