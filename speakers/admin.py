"""The secretariat's admin for people, with what each was at every event (their roles are edited with the agenda,
in workshops.admin.agenda)."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from idm.core.admin import CheckedLookupsMixin, ReadOnlyAdminMixin

from .models import Person, Role
from .services import default_sort_name


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ("name", "sort_name")  # the admin's fields add the rest

    def clean_sort_name(self):
        # Left empty, the name would be filed under its first word; guess the family name as import does.
        return self.cleaned_data["sort_name"] or default_sort_name(self.cleaned_data.get("name") or "")


class PersonRoleInline(ReadOnlyAdminMixin, admin.TabularInline):
    """What the person was at each event, as printed then; changed on the agenda item."""

    model = Role
    fk_name = "person"
    fields = ("workshop", "item", "kind", "label", "affiliation", "on_behalf_of")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("roles at workshops")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # The person too: each row's change link is labelled with the role, which names them.
            .select_related("person", "item__day__workshop", "on_behalf_of")
            .order_by("-item__day__workshop__start_date", "item__day__order", "item__order", "order")
        )

    @admin.display(description=_("workshop"))
    def workshop(self, role):
        return role.item.day.workshop

    @admin.display(description=_("affiliation as printed"))
    def affiliation(self, role):
        return role.affiliation


@admin.register(Person)
class PersonAdmin(CheckedLookupsMixin, admin.ModelAdmin):
    form = PersonForm
    list_display = ("name", "honorific", "sort_name", "slug", "role_count")
    search_fields = ("name", "slug", "sort_name")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "honorific", "sort_name", "slug")
    inlines = [PersonRoleInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_queryset(self, request):
        # Counting groups the rows, which drops the default ordering; the autocomplete pages need it.
        return super().get_queryset(request).annotate(role_count=Count("roles")).order_by(*Person._meta.ordering)

    @admin.display(description=_("roles"), ordering="role_count")
    def role_count(self, person):
        return person.role_count
