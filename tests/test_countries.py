"""Country fields (idm/core/countries.py) check a code by looking it up, with django-countries' choices and messages."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django_countries import Countries

from tests.factories import RegistrationFactory, RoleFactory
from tests.workshops.registration_helpers import form_data
from workshops.forms.registration import RegistrationForm

pytestmark = pytest.mark.django_db


def _country_errors(instance):
    try:
        instance.full_clean(exclude={"workshop", "item", "person"})
    except ValidationError as error:
        return error.message_dict.get("country", [])
    return []


def test_a_known_country_is_accepted_without_going_through_the_list_of_countries():
    registration = RegistrationFactory.build(country="SN")
    form = RegistrationForm(data=form_data(country="SN"))

    with mock.patch.object(Countries, "__iter__", side_effect=AssertionError("went through the list")):
        assert form.is_valid(), form.errors
        assert _country_errors(registration) == []

    assert form.cleaned_data["country"] == "SN"


def test_an_unknown_code_is_refused_with_the_usual_messages():
    form = RegistrationForm(data=form_data(country="XX"))

    assert form.errors["country"] == ["Select a valid choice. XX is not one of the available choices."]
    assert _country_errors(RegistrationFactory.build(country="XX")) == ["Value 'XX' is not a valid choice."]


def test_a_country_left_empty_is_refused_only_where_one_is_required():
    assert RegistrationForm(data=form_data(country="")).errors["country"] == ["This field is required."]
    assert _country_errors(RegistrationFactory.build(country="")) == ["This field cannot be blank."]
    assert _country_errors(RoleFactory.build(country="")) == []
