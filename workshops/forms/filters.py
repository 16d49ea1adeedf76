"""The GET forms that filter the public archive and the document library.

An invalid filter (a year that is not a number, a theme that does not exist) is not an error page:
the form reports it and the list comes back empty with that message.
"""

from django import forms
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from ..models import Document, Theme, Workshop


class BootstrapFilterForm(forms.Form):
    # The archive's and the library's lists of years and of a hundred workshops, rendered with Django's Jinja2
    # widget templates: the same HTML but for the line breaks, and cheaper to render than with Django's template
    # language. One renderer for all, as each keeps its compiled templates.
    default_renderer = Jinja2()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")


class ArchiveFilterForm(BootstrapFilterForm):
    q = forms.CharField(label=_("Search titles"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    theme = forms.ModelChoiceField(label=_("Annual theme"), queryset=Theme.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Workshop.Kind.choices])

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({date.year for date in workshops.dates("start_date", "year")}, reverse=True)
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]
        self.fields["theme"].queryset = Theme.objects.filter(workshops__in=workshops).distinct()
        self.fields["theme"].empty_label = _("All themes")

    def filter(self, workshops):
        if not self.is_valid():
            return workshops.none()
        data = self.cleaned_data
        workshops = workshops.search(data["q"])
        if data["year"]:
            workshops = workshops.filter(start_date__year=data["year"])
        if data["theme"]:
            workshops = workshops.filter(theme=data["theme"])
        if data["kind"]:
            workshops = workshops.filter(kind=data["kind"])
        return workshops


class DocumentFilterForm(BootstrapFilterForm):
    q = forms.CharField(label=_("Search titles"), required=False, max_length=200)
    workshop = forms.ModelChoiceField(
        label=_("Workshop"), queryset=Workshop.objects.none(), required=False, to_field_name="slug"
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Document.Kind.choices])
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, workshops, language_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops
        self.fields["workshop"].empty_label = _("All workshops")
        years = sorted({date.year for date in workshops.dates("start_date", "year")}, reverse=True)
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]
        self.fields["language"].choices = [("", _("All languages")), *language_choices]
