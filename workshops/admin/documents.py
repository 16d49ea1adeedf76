"""The admin of documents: those of the whole workshop, and the list of every document."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from idm.admin import (
    URL_FIELD_OVERRIDES,
    CheckedLookupsMixin,
    DocumentForm,
    DocumentInline,
    KeyCheckedAutocompleteMixin,
)

from ..models import Document
from ..services.documents import store_document_text
from .shared import DocumentYearFilter


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
