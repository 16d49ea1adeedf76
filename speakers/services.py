"""Writes of the speakers domain."""

from django.db import transaction

from .models import Person

# Particles that belong to the family name, so that "Tristan d'Avezac de Moran" files under D.
_PARTICLES = {"de", "da", "del", "della", "der", "di", "du", "la", "le", "van", "von"}


def _is_particle(word: str) -> bool:
    word = word.lower()
    return word in _PARTICLES or word.startswith(("d'", "d’"))


def default_sort_name(name: str) -> str:
    """A first guess at the index form, family name first; the secretariat can correct it."""
    words = name.split()
    if len(words) < 2:
        return name
    family_start = len(words) - 1
    while family_start > 1 and _is_particle(words[family_start - 1]):
        family_start -= 1
    return f"{' '.join(words[family_start:])}, {' '.join(words[:family_start])}"


@transaction.atomic
def create_person(*, slug: str, name: str, honorific: str = "", sort_name: str = "") -> Person:
    person = Person(slug=slug, name=name, honorific=honorific, sort_name=sort_name or default_sort_name(name))
    person.full_clean()
    person.save()
    return person
