from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from idm.core.admin import CheckedLookupsMixin, NamedListEditableMixin, ReadOnlyAdminMixin

from . import services
from .models import Publication, SpeakerOrganization, WorkshopReports
from .tools import workshop_tools


class PublicationAdminForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = (
            "series",
            "number",
            "title",
            "slug",
            "year",
            "workshops",
            "is_published",
            "editors",
            "acknowledgements",
            "foreword",
            "report",
            "background_paper",
            "background_document",
        )

    def clean(self):
        cleaned_data = super().clean()
        document, workshops = cleaned_data.get("background_document"), cleaned_data.get("workshops")
        if document and workshops is not None and document.workshop_id not in {workshop.pk for workshop in workshops}:
            self.add_error(
                "background_document", _("Choose a document of one of the workshops that the publication covers.")
            )
        return cleaned_data


@admin.register(Publication)
class PublicationAdmin(CheckedLookupsMixin, admin.ModelAdmin):
    form = PublicationAdminForm
    list_display = ("title", "series", "number", "year", "is_published", "pdf_link")
    list_filter = ("is_published", "series")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("workshops",)
    raw_id_fields = ("background_document",)
    readonly_fields = ("pdf_link", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("series", "number", "title", "slug", "year", "workshops", "is_published", "pdf_link")}),
        (_("Front matter"), {"fields": ("editors", "acknowledgements", "foreword")}),
        (_("Part I"), {"fields": ("report",)}),
        (_("Part II"), {"fields": ("background_paper", "background_document")}),
        (_("Record"), {"fields": (("created_at", "updated_at"),)}),
    )
    actions = ["publish", "unpublish"]

    @admin.display(description=_("PDF"))
    def pdf_link(self, publication):
        if not publication.pk:
            return "—"
        label = _("Download the PDF") if publication.is_published else _("Preview the PDF")
        return format_html('<a href="{}">{}</a>', publication.get_absolute_url(), label)

    def _apply(self, request, queryset, step, message):
        for publication in queryset:
            step(publication=publication)
        count = queryset.count()
        self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.publish_publication,
            lambda n: ngettext("%(count)d publication published.", "%(count)d publications published.", n),
        )

    @admin.action(description=_("Unpublish"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.unpublish_publication,
            lambda n: ngettext("%(count)d publication unpublished.", "%(count)d publications unpublished.", n),
        )


class SpeakerOrganizationForm(forms.ModelForm):
    class Meta:
        model = SpeakerOrganization
        fields = ("name", "organization_type")

    def clean_name(self):
        # The database compares names without regard to case; say so at the field rather than above the form.
        name = self.cleaned_data["name"].strip()
        if SpeakerOrganization.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This organization is already classified."))
        return name


@admin.register(SpeakerOrganization)
class SpeakerOrganizationAdmin(NamedListEditableMixin, CheckedLookupsMixin, admin.ModelAdmin):
    form = SpeakerOrganizationForm
    list_display = ("name", "organization_type")
    list_editable = ("organization_type",)
    list_filter = ("organization_type",)
    search_fields = ("name",)


@admin.register(WorkshopReports)
class WorkshopReportsAdmin(CheckedLookupsMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Where the secretariat finds each workshop's statistics, check-in, badges, exports and printouts."""

    search_fields = ("title", "slug")
    list_filter = ("is_published",)
    date_hierarchy = "start_date"

    def get_list_display(self, request):
        # Each user is offered only the tools they may use; the request is not kept on the shared admin object.
        @admin.display(description=_("statistics and printouts"))
        def tools(workshop):
            links = ((url, tool.label) for tool, url in workshop_tools(request.user, workshop))
            return format_html_join(" · ", '<a href="{}">{}</a>', links)

        return ("title", "start_date", tools)
