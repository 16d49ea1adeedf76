"""What the apps' admins share."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import EmptyResultSet
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
