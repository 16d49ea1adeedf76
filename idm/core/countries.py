"""django-countries' country field, checking a code by looking it up rather than by going through the choices.

Django checks a value against a field's choices by going through them until one matches, in the form and again
when the model is validated. A country field's choices are a lazy list of some 250 countries that Django
normalizes anew on every pass, so each check cost about half a millisecond: a tenth of a registration's work
(django-countries issue 454). A code that is one of the field's countries is valid without that pass; anything
else is checked as django-countries and Django check it, with their messages.
"""

from functools import partial

from django_countries import fields


class CountryChoiceField(fields.LazyTypedChoiceField):
    def __init__(self, *, countries, **kwargs):
        super().__init__(**kwargs)
        self.countries = countries

    def valid_value(self, value):
        return value in self.countries or super().valid_value(value)


class CountryField(fields.CountryField):
    def validate(self, value, model_instance):
        if self.multiple or value not in self.countries:
            super().validate(value, model_instance)

    def formfield(self, **kwargs):
        if not self.multiple:
            kwargs.setdefault("choices_form_class", partial(CountryChoiceField, countries=self.countries))
        return super().formfield(**kwargs)

    def deconstruct(self):
        # The column is django-countries' own; only the check differs, which migrations do not record.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django_countries.fields.CountryField", args, kwargs
