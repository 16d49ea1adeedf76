"""The admin of workshops and their annual themes: staff build, check and publish workshops here."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from idm.core.admin import (
    CheckedLookupsMixin,
    ReadOnlyAdminMixin,
)

from ..models import AgendaVersion, Day, Partner, Theme, Workshop
from ..services.publishing import finalize_agenda, publish_workshop, unpublish_workshop
from .documents import WorkshopDocumentInline
from .shared import LinesField, WorkshopYearFilter


class DayFormSet(BaseInlineFormSet):
    def clean(self):
        # The database refuses a second day with the same date; say so at the field rather than fail on save.
        super().clean()
        seen = set()
        for form in self.forms:
            date = getattr(form, "cleaned_data", {}).get("date")
            if date is None or self._should_delete_form(form):
                continue
            if date in seen:
                form.add_error("date", _("This workshop already has a day with this date."))
            seen.add(date)


class DayInline(admin.TabularInline):
    model = Day
    formset = DayFormSet
    fields = ("date", "label", "order")
    extra = 0
    show_change_link = True


class PartnerInline(admin.TabularInline):
    model = Partner
    fields = ("name", "role", "order")
    extra = 0


class AgendaVersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AgendaVersion
    fields = ("status", "issued_on", "created_at", "as_published")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workshop").defer("snapshot")

    @admin.display(description=_("as published"))
    def as_published(self, version):
        return format_html('<a href="{}">{}</a>', version.get_absolute_url(), _("View on site"))


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ("objectives", "notes", "agenda_status")  # the admin's fieldsets add the rest
        field_classes = {"objectives": LinesField, "notes": LinesField}

    def clean_agenda_status(self):
        status = self.cleaned_data["agenda_status"]
        final = Workshop.AgendaStatus.FINAL
        if self.instance.pk and status == final and self.instance.agenda_status != final:
            raise ValidationError(
                _(
                    "Use the action “Make the agenda final” in the list of workshops: "
                    "it keeps the provisional agenda as an earlier version."
                )
            )
        return status


@admin.register(Theme)
class ThemeAdmin(CheckedLookupsMixin, admin.ModelAdmin):
    list_display = ("year", "title")
    search_fields = ("title",)


@admin.register(Workshop)
class WorkshopAdmin(CheckedLookupsMixin, SimpleHistoryAdmin):
    form = WorkshopForm
    list_display = ("title", "start_date", "end_date", "theme", "kind", "agenda_status", "is_published")
    list_filter = (WorkshopYearFilter, "theme", "agenda_status", "kind", "is_published")
    list_select_related = ("theme",)
    search_fields = ("title", "slug")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("is_published", "published_at", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "theme")}),
        (_("When and where"), {"fields": (("start_date", "end_date"), "timezone", ("city", "country"), "venue")}),
        (_("What it is about"), {"fields": ("summary", "objectives", "notes")}),
        (
            _("Agenda and publication"),
            {
                "fields": ("agenda_status", "agenda_issued_on", ("is_published", "published_at")),
                "description": _("Publish, unpublish and make the agenda final with the actions in the list."),
            },
        ),
        (_("Attendance"), {"fields": ("reported_participants", "reported_countries")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )
    inlines = [DayInline, PartnerInline, WorkshopDocumentInline, AgendaVersionInline]
    actions = ["publish", "unpublish", "finalize"]

    def _apply(self, request, workshops, service, message):
        for workshop in workshops:
            service(workshop=workshop)
        self.message_user(request, message % {"count": len(workshops)}, messages.SUCCESS)

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request, queryset):
        workshops = [workshop for workshop in queryset if not workshop.is_published]
        message = ngettext("%(count)d workshop published.", "%(count)d workshops published.", len(workshops))
        self._apply(request, workshops, publish_workshop, message)

    @admin.action(description=_("Unpublish"), permissions=["change"])
    def unpublish(self, request, queryset):
        workshops = [workshop for workshop in queryset if workshop.is_published]
        message = ngettext("%(count)d workshop unpublished.", "%(count)d workshops unpublished.", len(workshops))
        self._apply(request, workshops, unpublish_workshop, message)

    @admin.action(description=_("Make the agenda final (keeps the provisional version)"), permissions=["change"])
    def finalize(self, request, queryset):
        workshops = [workshop for workshop in queryset if workshop.agenda_status != Workshop.AgendaStatus.FINAL]
        message = ngettext(
            "The agenda of %(count)d workshop is now final.",
            "The agendas of %(count)d workshops are now final.",
            len(workshops),
        )
        self._apply(request, workshops, finalize_agenda, message)
