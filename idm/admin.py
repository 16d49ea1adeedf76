"""What the apps' admins share."""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminFileWidget, AutocompleteSelect
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from speakers.models import Role
from workshops.models import Document
from workshops.services.documents import store_document_text
from workshops.validators import safe_document_name, validate_document_file


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


# The fields of a speaker's role, in the role's own admin and beside its agenda item.
ROLE_FIELDSETS = (
    (None, {"fields": (("person", "kind", "order"), "label", ("position", "organization", "country"))}),
    (
        _("On behalf of"),
        {
            "fields": (
                "on_behalf_of",
                ("on_behalf_of_position", "on_behalf_of_organization", "on_behalf_of_country"),
            )
        },
    ),
)


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


# -- Documents: edited beside a workshop, an agenda item or a speaker's role ------------------------------------------


@dataclass(frozen=True)
class _CheckedDownload:
    """A stored file as the admin's file field shows it: its name, linked to the download view."""

    name: str
    url: str

    def __str__(self):
        return self.name


class DocumentFileWidget(AdminFileWidget):
    """Links the stored file to the download view, which lets the secretariat fetch documents that are not
    public, rather than to its address under MEDIA_URL, which no route serves."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and value.instance.pk:
            context["widget"]["value"] = _CheckedDownload(str(value), value.instance.get_absolute_url())
        return context


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ("workshop", "item", "role", "file")  # the admins add the rest
        widgets = {"file": DocumentFileWidget}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and "file" in self.changed_data:
            validate_document_file(upload)
            upload.name = safe_document_name(upload.name)
        return upload

    def clean(self):
        cleaned_data = super().clean()
        workshop, item, role = (cleaned_data.get(name) for name in ("workshop", "item", "role"))
        if workshop and item and item.day.workshop_id != workshop.pk:
            self.add_error("item", _("This agenda item belongs to another workshop."))
        if workshop and role and role.item.day.workshop_id != workshop.pk:
            self.add_error("role", _("This speaker's role belongs to another workshop."))
        return cleaned_data

    def save(self, commit=True):
        if "file" in self.changed_data:
            upload = self.cleaned_data["file"]
            self.instance.size = upload.size if upload else None
        return super().save(commit)


class DocumentFormSet(BaseInlineFormSet):
    """Documents edited beside their workshop, item or role: the words of each file added or replaced are read
    for the library's search."""

    def save(self, commit=True):
        documents = super().save(commit)
        if commit:
            replaced = [document for document, fields in self.changed_objects if "file" in fields]
            for document in [*(document for document in self.new_objects if document.file), *replaced]:
                store_document_text(document=document)
        return documents


class AttachedDocumentFormSet(DocumentFormSet):
    """Documents of an item or of a speaker's role, which belong to that item's workshop."""

    def save_new(self, form, commit=True):
        item = self.instance.item if isinstance(self.instance, Role) else self.instance
        form.instance.workshop_id = item.day.workshop_id
        return super().save_new(form, commit)


class DocumentInline(admin.TabularInline):
    model = Document
    form = DocumentForm
    formset = DocumentFormSet
    fields = ("kind", "title", "language", "file", "url", "available", "is_public", "order")
    formfield_overrides = URL_FIELD_OVERRIDES
    extra = 0


class AttachedDocumentInline(DocumentInline):
    formset = AttachedDocumentFormSet
