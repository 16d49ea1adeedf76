"""People and their roles: what full_clean() and the database refuse, and how they read."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from speakers.models import Person, Role
from tests.factories import PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db


def errors_of(obj):
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    return refused.value.message_dict


def refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_speaker_cannot_speak_on_behalf_of_themself():
    person = PersonFactory()
    role = RoleFactory.build(item=RoleFactory().item, person=person, on_behalf_of=person)

    assert errors_of(role)["__all__"] == ["A speaker cannot speak on behalf of themself."]
    refused_by_database(role.save)


def test_speaker_on_behalf_of_someone_else_is_accepted():
    role = RoleFactory.build(item=RoleFactory().item, person=PersonFactory(), on_behalf_of=PersonFactory())

    role.full_clean()


def test_affiliation_on_behalf_of_needs_the_person_it_belongs_to():
    role = RoleFactory.build(item=RoleFactory().item, person=PersonFactory(), on_behalf_of_organization="Ministry")

    assert errors_of(role)["__all__"] == ["An affiliation “on behalf of” needs the person it belongs to."]
    refused_by_database(role.save)


def test_person_reads_with_honorific_and_files_under_the_index_name():
    person = Person(name="Brunson McKinley", honorific="H.E.", sort_name="McKinley, Brunson")

    assert str(person) == "H.E. Brunson McKinley"
    assert str(Person(name="Lant Pritchett")) == "Lant Pritchett"
    assert person.index_letter == "M"
    assert Person(name="jung Mino").index_letter == "J"


def test_role_reads_as_its_kind_and_the_person():
    role = RoleFactory.build(person=Person(name="Ricardo Cordero"), kind=Role.Kind.MODERATOR)

    assert str(role) == "Moderator: Ricardo Cordero"


def test_affiliation_is_printed_as_at_the_event():
    role = Role(position="Director", organization="Ministry of Labour", country="KR")
    role.on_behalf_of_position = "Minister"
    role.on_behalf_of_country = "KR"

    assert role.affiliation == "Director, Ministry of Labour, South Korea"
    assert role.on_behalf_of_affiliation == "Minister, South Korea"
    assert Role().affiliation == ""
