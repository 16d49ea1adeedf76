"""The admin of documents: those of the whole workshop, and the list of every document."""

from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from idm.core.admin import URL_FIELD_OVERRIDES, CheckedLookupsMixin, KeyCheckedAutocompleteMixin
from speakers.models import Role

from ..models import Document
from ..services.documents import store_document_text
from ..validators import safe_document_name, validate_document_file
from .shared import DocumentYearFilter

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


class WorkshopDocumentInline(DocumentInline):
    verbose_name_plural = _("documents of the whole workshop")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(item=None, role=None)


@admin.register(Document)
class DocumentAdmin(CheckedLookupsMixin, KeyCheckedAutocompleteMixin, SimpleHistoryAdmin):
    form = DocumentForm
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ("__str__", "kind", "language", "workshop", "attached_to", "available", "is_public", "file_size")
    list_filter = ("kind", "language", DocumentYearFilter, "is_public")
    list_select_related = ("workshop", "item", "role__person", "role__item")
    search_fields = ("title",)
    autocomplete_fields = ("workshop", "item", "role")
    fields = (
        "workshop",
        ("item", "role"),
        "kind",
        "title",
        "language",
        "file",
        "url",
        "available",
        "is_public",
        "order",
        "file_size",
    )
    readonly_fields = ("file_size",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data:
            store_document_text(document=obj)

    @admin.display(description=_("attached to"))
    def attached_to(self, document):
        if document.role_id:
            return f"{document.role} — {document.role.item}"
        return document.item or "—"

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return filesizeformat(document.size) if document.size is not None else "—"
