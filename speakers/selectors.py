"""Reads of the speakers domain, one per page."""

from django.db.models import Prefetch

from workshops.models import Document

from .models import Person, Role


def people_for_index(*, query=""):
    # Sorted here rather than in SQL: databases disagree on case and accents, readers of an index do not.
    return sorted(Person.objects.with_public_roles().search(query), key=lambda person: person.index_key)


def roles_for_person_page(person):
    """Every public role of a person, newest workshop first, with the affiliation printed at the time."""
    return (
        Role.objects.filter(person=person, item__day__workshop__is_published=True)
        .select_related("item__day__workshop", "item__parent", "on_behalf_of")
        .prefetch_related(Prefetch("documents", queryset=Document.objects.filter(is_public=True)))
        .order_by("-item__day__workshop__start_date", "item__day__order", "item__order", "order")
    )


def roles_on_behalf_of(person):
    return (
        Role.objects.filter(on_behalf_of=person, item__day__workshop__is_published=True)
        .select_related("item__day__workshop", "person")
        .order_by("-item__day__workshop__start_date")
    )
