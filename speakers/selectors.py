"""Reads of the speakers domain, one per page."""

from django.db.models import Prefetch

from workshops.models import Document

from .models import Person, Role, RoleQuerySet


def people_for_index(*, query: str = "") -> list[Person]:
    # Sorted here rather than in SQL: databases disagree on case and accents, readers of an index do not.
    return sorted(Person.objects.with_public_roles().search(query), key=lambda person: person.index_key)


def roles_for_person_page(person: Person) -> RoleQuerySet:
    """Every public role of a person, newest workshop first, with the affiliation printed at the time."""
    return (
        Role.objects.public()
        .filter(person=person)
        .select_related("item__day__workshop", "item__parent", "on_behalf_of")
        .prefetch_related(Prefetch("documents", queryset=Document.objects.public()))
        .order_by("-item__day__workshop__start_date", "item__day__order", "item__order", "order")
    )


def roles_on_behalf_of(person: Person) -> RoleQuerySet:
    return (
        Role.objects.public()
        .filter(on_behalf_of=person)
        .select_related("item__day__workshop", "person")
        .order_by("-item__day__workshop__start_date")
    )
