"""What the workshops app's admins share: lines of text as a list, and the filter by the workshop's year."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from idm.core.admin import (
    YearFilter,
)

from ..selectors.agenda import workshop_years


class LinesField(forms.Field):
    """A list of strings, edited as text with one entry per line."""

    widget = forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        # JSONField.formfield() hands over its JSON encoder and decoder; lines of text need neither.
        hint = _("One entry per line; empty lines are left out.")
        help_text = kwargs.get("help_text")
        kwargs["help_text"] = format_lazy("{} {}", help_text, hint) if help_text else hint
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class WorkshopYearFilter(YearFilter):
    """Filters by the year the workshop starts in, whichever model the list shows."""

    date_path = "start_date"

    def years(self):
        return workshop_years()


class DayYearFilter(WorkshopYearFilter):
    date_path = "workshop__start_date"


class ItemYearFilter(WorkshopYearFilter):
    date_path = "day__workshop__start_date"


class DocumentYearFilter(WorkshopYearFilter):
    date_path = "workshop__start_date"
