"""The secretariat's registration desk: who registered, the seats, the waitlist, exports and erasure.

Personal data is shown only to staff with the registration permissions (the secretariat groups); every
change of status goes through the registration services, which keep the seat count right.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter

from idm.core.admin import CheckedLookupsMixin
from idm.core.exports import attachment, csv_response, xlsx_response

from ..models import Registration, RegistrationSettings
from ..selectors.registration import registration_personal_data, seat_summary
from ..services.registration import (
    anonymize_registration,
    confirm_registration,
    decline_registration,
    mark_attended,
    move_from_waitlist,
    save_registration_settings,
)
from ..services.registration_errors import RegistrationError

EXPORT_COLUMNS = (
    (_("workshop"), lambda r: r.workshop.title),
    (_("status"), lambda r: r.get_status_display()),
    (_("honorific"), lambda r: r.honorific),
    (_("given name"), lambda r: r.given_name),
    (_("family name"), lambda r: r.family_name),
    (_("e-mail"), lambda r: r.email),
    (_("position"), lambda r: r.position),
    (_("organization"), lambda r: r.organization),
    (_("type of organization"), lambda r: r.get_organization_type_display()),
    (_("country represented"), lambda r: r.country.name),
    (_("country code"), lambda r: r.country.code),
    (_("delegation role"), lambda r: r.get_delegation_role_display()),
    (_("telephone"), lambda r: r.phone),
    (_("accessibility or dietary needs"), lambda r: r.needs),
    (_("preferred language"), lambda r: r.get_language_display()),
    (_("public list"), lambda r: _("yes") if r.consent_public_list else _("no")),
    (_("attended"), lambda r: _("yes") if r.attended else _("no")),
    (_("registered at"), lambda r: timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M")),
)


def _export_header():
    return [str(title) for title, _value in EXPORT_COLUMNS]


def _export_rows(registrations):
    for registration in registrations:
        yield [str(value(registration)) for _title, value in EXPORT_COLUMNS]


def _export_name(extension):
    return f"registrations-{timezone.localdate().isoformat()}.{extension}"


class RegistrationAdminForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = (
            "honorific",
            "given_name",
            "family_name",
            "email",
            "phone",
            "language",
            "position",
            "organization",
            "organization_type",
            "country",
            "delegation_role",
            "needs",
            "consent_public_list",
        )

    def clean_email(self):
        # The workshop is read-only here, so the form leaves out the database's uniqueness rule: say it first.
        email = self.cleaned_data["email"]
        others = self.instance.workshop.registrations.with_email(email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This e-mail address is already registered for this workshop."))
        return email


class AddressConfirmedFilter(admin.SimpleListFilter):
    title = _("e-mail address")
    parameter_name = "address"

    def lookups(self, request, model_admin):
        return (("confirmed", _("confirmed")), ("unconfirmed", _("not confirmed yet")))

    def queryset(self, request, queryset):
        unconfirmed = queryset.unconfirmed()
        if self.value() == "unconfirmed":
            return unconfirmed
        if self.value() == "confirmed":
            return queryset.exclude(pk__in=unconfirmed.values("pk"))
        return queryset


@admin.register(Registration)
class RegistrationAdmin(CheckedLookupsMixin, admin.ModelAdmin):
    form = RegistrationAdminForm
    list_display = (
        "family_name",
        "given_name",
        "organization",
        "country",
        "delegation_role",
        "status",
        "address_confirmed",
        "attended",
        "workshop",
        "created_at",
    )
    list_display_links = ("family_name", "given_name")
    list_filter = (
        "status",
        AddressConfirmedFilter,
        "organization_type",
        ("country", CountryFilter),
        "delegation_role",
        "workshop",
        "attended",
        "is_anonymized",
    )
    list_select_related = ("workshop",)
    search_fields = ("given_name", "family_name", "email", "organization")
    readonly_fields = (
        "workshop",
        "status",
        "consent_processing",
        "attended",
        "attended_at",
        "is_anonymized",
        "email_confirmed_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("workshop", "status")}),
        (_("Participant"), {"fields": ("honorific", ("given_name", "family_name"), "email", "phone", "language")}),
        (
            _("Participation"),
            {"fields": ("position", "organization", "organization_type", "country", "delegation_role", "needs")},
        ),
        (_("Consent"), {"fields": ("consent_processing", "consent_public_list")}),
        (
            _("Record"),
            {
                "fields": (
                    ("attended", "attended_at"),
                    "is_anonymized",
                    "email_confirmed_at",
                    ("created_at", "updated_at"),
                )
            },
        ),
    )
    actions = [
        "confirm",
        "decline",
        "move_from_waitlist",
        "mark_attended",
        "export_csv",
        "export_xlsx",
        "export_personal_data",
        "anonymize",
    ]

    def has_add_permission(self, request):
        # Registrations come through the form, which applies the seats and the waitlist.
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would change the counts; erasure on request is the "anonymize" action.
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_anonymized:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description=_("address confirmed"), boolean=True, ordering="email_confirmed_at")
    def address_confirmed(self, registration):
        return registration.email_confirmed_at is not None

    def changelist_view(self, request, extra_context=None):
        chosen = request.GET.get("workshop__id__exact", "")
        summary = seat_summary(workshop_id=int(chosen) if chosen.isdigit() else None)
        extra_context = {**(extra_context or {}), "seat_summary": summary}
        return super().changelist_view(request, extra_context=extra_context)

    def _step(self, request, queryset, step, done_message):
        done = 0
        for registration in queryset.select_related("workshop").order_by("created_at", "pk"):
            try:
                step(registration=registration)
            except RegistrationError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Confirm (within the seats)"), permissions=["change"])
    def confirm(self, request, queryset):
        self._step(
            request,
            queryset,
            confirm_registration,
            lambda n: ngettext("%(count)d registration confirmed.", "%(count)d registrations confirmed.", n),
        )

    @admin.action(description=_("Decline"), permissions=["change"])
    def decline(self, request, queryset):
        self._step(
            request,
            queryset,
            decline_registration,
            lambda n: ngettext("%(count)d registration declined.", "%(count)d registrations declined.", n),
        )

    @admin.action(description=_("Move from the waitlist to a seat"), permissions=["change"])
    def move_from_waitlist(self, request, queryset):
        self._step(
            request,
            queryset,
            move_from_waitlist,
            lambda n: ngettext(
                "%(count)d registration moved from the waitlist.", "%(count)d registrations moved from the waitlist.", n
            ),
        )

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._step(
            request,
            queryset,
            mark_attended,
            lambda n: ngettext(
                "%(count)d participant marked as attended.", "%(count)d participants marked as attended.", n
            ),
        )

    @admin.action(description=_("Anonymize (erase personal data, keep the counts)"), permissions=["change"])
    def anonymize(self, request, queryset):
        self._step(
            request,
            queryset.filter(is_anonymized=False),
            anonymize_registration,
            lambda n: ngettext("%(count)d registration anonymized.", "%(count)d registrations anonymized.", n),
        )

    def _export_queryset(self, queryset):
        return queryset.select_related("workshop").order_by("workshop__start_date", "family_name", "given_name", "pk")

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        rows = _export_rows(self._export_queryset(queryset))
        return csv_response(_export_header(), rows, filename=_export_name("csv"))

    @admin.action(description=_("Export as Excel (XLSX)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        rows = _export_rows(self._export_queryset(queryset))
        return xlsx_response(_export_header(), rows, filename=_export_name("xlsx"), sheet_title=_("Registrations"))

    @admin.action(description=_("Export the participant's personal data (JSON)"), permissions=["view"])
    def export_personal_data(self, request, queryset):
        data = [registration_personal_data(r) for r in self._export_queryset(queryset)]
        return attachment(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
            filename=f"personal-data-{timezone.localdate().isoformat()}.json",
        )


class RegistrationSettingsForm(forms.ModelForm):
    class Meta:
        model = RegistrationSettings
        fields = (
            "registration_opens_at",
            "registration_closes_at",
            "seats",
            "registration_requires_approval",
            "participant_list_public",
        )

    def clean(self):
        # The database holds this rule too; saying it here puts the message at the field.
        cleaned_data = super().clean()
        opens, closes = cleaned_data.get("registration_opens_at"), cleaned_data.get("registration_closes_at")
        if closes and not opens:
            self.add_error("registration_opens_at", _("Say when registration opens."))
        elif closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return cleaned_data


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(CheckedLookupsMixin, admin.ModelAdmin):
    """Seats and registration dates per workshop, with the counts at a glance."""

    form = RegistrationSettingsForm

    list_display = (
        "title",
        "start_date",
        "state",
        "seats",
        "free",
        "confirmed",
        "waitlisted",
        "pending",
        "registration_requires_approval",
        "participant_list_public",
    )
    list_filter = ("is_published", "registration_requires_approval", "participant_list_public")
    search_fields = ("title", "slug")
    fields = (
        "title",
        ("start_date", "end_date"),
        "timezone",
        ("registration_opens_at", "registration_closes_at"),
        "seats",
        "registration_requires_approval",
        "participant_list_public",
        "registrations",
    )
    readonly_fields = ("title", "start_date", "end_date", "timezone", "registrations")

    def get_queryset(self, request):
        return super().get_queryset(request).with_registration_counts()

    def save_model(self, request, obj, form, change):
        # More seats go to the waitlist at once, which only the service does.
        save_registration_settings(workshop=obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("registration"))
    def state(self, workshop):
        return workshop.registration_state().label

    def _count_link(self, workshop, count, status):
        url = reverse("admin:workshops_registration_changelist")
        return format_html(
            '<a href="{}?workshop__id__exact={}&status__exact={}">{}</a>', url, workshop.pk, status, count
        )

    @admin.display(description=_("free seats"), ordering="free_seats")
    def free(self, workshop):
        return "—" if workshop.free_seats is None else workshop.free_seats

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, workshop):
        return self._count_link(workshop, workshop.confirmed_count, Registration.Status.CONFIRMED)

    @admin.display(description=_("waitlisted"), ordering="waitlisted_count")
    def waitlisted(self, workshop):
        return self._count_link(workshop, workshop.waitlisted_count, Registration.Status.WAITLISTED)

    @admin.display(description=_("pending"), ordering="pending_count")
    def pending(self, workshop):
        return self._count_link(workshop, workshop.pending_count, Registration.Status.PENDING)

    @admin.display(description=_("registrations"))
    def registrations(self, workshop):
        url = reverse("admin:workshops_registration_changelist")
        return format_html(
            '<a href="{}?workshop__id__exact={}">{}</a>',
            url,
            workshop.pk,
            _("%(confirmed)s confirmed, %(waitlisted)s on the waitlist, %(pending)s pending")
            % {
                "confirmed": workshop.confirmed_count,
                "waitlisted": workshop.waitlisted_count,
                "pending": workshop.pending_count,
            },
        )
