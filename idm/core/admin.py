"""What the apps' admins share."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdminMixin:
    """A record kept as it is: the secretariat looks, but nobody adds, changes or deletes it by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CheckedLookupsChangeList(ChangeList):
    """Refuses a year that no date has (0, or too large for the database) as Django refuses other bad filters.

    Django checks the lookups of the address when it builds the query, but a year is only turned into dates when
    the SQL is written, after that check, and the date hierarchy's own check lets an overflowing year through:
    both ended in a server error.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            queryset.query.sql_with_params()
        except EmptyResultSet:
            pass  # a filter that matches nothing is a valid, empty list
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset


class CheckedLookupsMixin:
    """A list asked for with a filter that is not valid shows the whole list and says why, never a server error."""

    def get_changelist(self, request, **kwargs):
        return CheckedLookupsChangeList

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            # Django answers by showing the list without the filters; the message says why they are gone.
            messages.warning(request, _("That filter is not valid, so the whole list is shown."))
            raise


class NamedListEditableMixin:
    """Each field of an editable list's row has a name of its own for a screen reader: "Order (Day 1)".

    Django writes a list's editable fields straight into the table's cells, named by nothing but the column's
    heading on screen; whoever tabs from field to field heard "spin button, 2" on every row.
    """

    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class NamedRowForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    if not field.widget.is_hidden:
                        field.widget.attrs["aria-label"] = f"{capfirst(field.label)} ({self.instance})"

        NamedRowForm.__name__ = base.__name__
        return NamedRowForm


# Django 6 will assume https for a link typed without a scheme; say so now rather than be warned.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def _is_key(field, value):
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class KeyCheckedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks the posted value up as it is: one that is no key at all (sent by hand)
    would fail the page with a server error instead of showing the field's own message."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if _is_key(self.field.target_field, v)], attr)


class KeyCheckedAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyCheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class YearFilter(admin.SimpleListFilter):
    """Filters by the year of the date at `date_path`, offering the years that `years()` returns (dates)."""

    title = _("year")
    parameter_name = "year"
    date_path = ""

    def years(self):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        return [(str(year.year), str(year.year)) for year in self.years()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(**{f"{self.date_path}__year": self.value()})
