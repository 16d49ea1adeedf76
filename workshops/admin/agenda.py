"""The admin of agendas: days, items with their speakers and guiding questions, and earlier agendas."""

import json

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from idm.core.admin import (
    CheckedLookupsMixin,
    KeyCheckedAutocompleteMixin,
    KeyCheckedAutocompleteSelect,
    NamedListEditableMixin,
    ReadOnlyAdminMixin,
    YearFilter,
)
from speakers.models import Role

from ..models import AgendaItem, AgendaVersion, Day, Question
from ..selectors.agenda import workshop_years
from .documents import AttachedDocumentInline
from .shared import DayYearFilter, ItemYearFilter

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


def warn_about_overlaps(request, item):
    """Parallel groups are allowed, so an overlap is only pointed out, in case it is a typing mistake."""
    if item.parent_id or item.start is None:
        return
    others = AgendaItem.objects.overlapping(day=item.day_id, pk=item.pk, start=item.start, end=item.end or item.start)
    if others:
        messages.warning(
            request,
            _(
                "“%(item)s” overlaps %(others)s on the same day. Parallel items are allowed; check the times if that is not meant."
            )
            % {"item": item, "others": ", ".join(f"“{other}” ({_times(other)})" for other in others)},
        )


def _times(item):
    return "–".join(time.strftime("%H:%M") for time in (item.start, item.end) if time)


class AgendaItemInline(admin.TabularInline):
    """The day's top-level items; sub-items are edited on their own page."""

    model = AgendaItem
    fields = ("kind", "number", "title", "start", "end", "order")
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).filter(parent=None)


@admin.register(Day)
class DayAdmin(NamedListEditableMixin, CheckedLookupsMixin, KeyCheckedAutocompleteMixin, admin.ModelAdmin):
    list_display = ("__str__", "workshop", "date", "label", "order")
    list_editable = ("order",)
    list_filter = (DayYearFilter, "workshop")
    list_select_related = ("workshop",)
    search_fields = ("label", "workshop__title", "workshop__slug")
    autocomplete_fields = ("workshop",)
    ordering = ("-workshop__start_date", "workshop", "order", "pk")
    fields = ("workshop", "date", "label", "order")
    inlines = [AgendaItemInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is AgendaItem:
            for item in formset.new_objects + [item for item, _fields in formset.changed_objects]:
                warn_about_overlaps(request, item)


class DayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, day):
        return f"{day.workshop} — {day}"


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ("day",)  # the admin's fields add the rest

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.day_id and "day" in self.fields:
            # An item moves between the days of its workshop, never to another workshop.
            day = self.fields["day"]
            day.queryset = day.queryset.filter(workshop__days=self.instance.day_id)


class RowAutocompleteSelect(KeyCheckedAutocompleteSelect):
    """Shows the chosen object that the row already holds, rather than query it again for every row."""

    chosen = None

    def optgroups(self, name, value, attr=None):
        chosen = self.chosen
        if chosen is None or {str(v) for v in value if v} != {str(chosen.pk)}:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(chosen)
        options.append(self.create_option(name, chosen.pk, label, True, len(options)))
        return [(None, options, 0)]


class RoleInlineForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RoleInline.autocomplete_fields:
            field = self.fields[name]
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's add/change wrapper
            if getattr(self.instance, Role._meta.get_field(name).attname):
                widget.chosen = getattr(self.instance, name)


class RoleInline(admin.StackedInline):
    model = Role
    form = RoleInlineForm
    fieldsets = ROLE_FIELDSETS
    autocomplete_fields = ("person", "on_behalf_of")
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class QuestionFormSet(BaseInlineFormSet):
    """Offers as parents only the item's own top-level questions, loaded once for all the rows."""

    @cached_property
    def _parents(self):
        if self.instance.pk is None:
            return Question.objects.none()
        return Question.objects.filter(item=self.instance, parent=None)

    @cached_property
    def _parent_choices(self):
        return [("", "---------"), *((question.pk, str(question)) for question in self._parents)]

    def add_fields(self, form, index):
        super().add_fields(form, index)
        parent = form.fields["parent"]
        parent.queryset = self._parents
        parent.choices = self._parent_choices


class QuestionForm(forms.ModelForm):
    # Declared here so that the admin does not wrap it in add/change links, which would hide the
    # choices the formset shares between rows.
    parent = forms.ModelChoiceField(
        queryset=Question.objects.none(), required=False, label=Question._meta.get_field("parent").verbose_name
    )

    class Meta:
        model = Question
        fields = ("text", "parent", "order")
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 60})}


class QuestionInline(admin.TabularInline):
    model = Question
    form = QuestionForm
    formset = QuestionFormSet
    fk_name = "item"
    fields = ("text", "parent", "order")
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(NamedListEditableMixin, CheckedLookupsMixin, KeyCheckedAutocompleteMixin, SimpleHistoryAdmin):
    form = AgendaItemForm
    list_display = ("workshop", "day", "heading", "start", "end", "title", "overlapping", "order")
    list_display_links = ("title",)
    list_editable = ("order",)
    list_filter = (ItemYearFilter, "day__workshop__theme", "kind", "day__workshop")
    list_select_related = ("day__workshop",)
    search_fields = ("title", "day__workshop__title", "roles__person__name")
    autocomplete_fields = ("parent",)
    ordering = ("-day__workshop__start_date", "day__workshop", "day__order", "day", "order", "pk")
    fields = ("day", "parent", "kind", "number", "title", ("start", "end"), "description", "order")
    inlines = [RoleInline, QuestionInline, AttachedDocumentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_overlaps()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "day":
            kwargs["form_class"] = DayChoiceField
            kwargs["queryset"] = Day.objects.select_related("workshop").order_by(
                "-workshop__start_date", "workshop", "order", "pk"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_about_overlaps(request, obj)

    @admin.display(description=_("workshop"), ordering="day__workshop__start_date")
    def workshop(self, item):
        return item.day.workshop

    @admin.display(description=_("heading"), ordering="number")
    def heading(self, item):
        return item.heading

    @admin.display(description=_("overlaps"), boolean=True, ordering="overlaps")
    def overlapping(self, item):
        return item.overlaps


@admin.register(Question)
class QuestionAdmin(CheckedLookupsMixin, KeyCheckedAutocompleteMixin, SimpleHistoryAdmin):
    """Questions are written on their agenda item's page; each also has a page here, with its history."""

    list_display = ("__str__", "item", "parent", "order")
    list_select_related = ("item__day__workshop", "parent")
    search_fields = ("text",)
    autocomplete_fields = ("item", "parent")
    fields = ("item", "parent", "text", "order")


@admin.register(AgendaVersion)
class AgendaVersionAdmin(CheckedLookupsMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Earlier agendas are a record: nobody adds or changes them by hand."""

    list_display = ("workshop", "status", "issued_on", "created_at")
    list_filter = ("status",)
    list_select_related = ("workshop",)
    search_fields = ("workshop__title",)
    fields = ("workshop", "status", "issued_on", "created_at", "agenda")
    readonly_fields = fields

    @admin.display(description=_("agenda"))
    def agenda(self, version):
        return format_html("<pre>{}</pre>", json.dumps(version.snapshot, indent=2, ensure_ascii=False))


# A speaker's role is a place on an agenda: its admin stands with the agenda's, though its table is speakers'.
class RoleYearFilter(YearFilter):
    """Filters roles by the year their workshop starts in."""

    date_path = "item__day__workshop__start_date"

    def years(self):
        return workshop_years()


@admin.register(Role)
class RoleAdmin(CheckedLookupsMixin, KeyCheckedAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ("person", "kind", "item", "workshop", "organization")
    list_filter = ("kind", RoleYearFilter)
    list_select_related = ("person", "item__day__workshop")
    search_fields = ("person__name", "organization")
    autocomplete_fields = ("item", "person", "on_behalf_of")
    fieldsets = ((None, {"fields": ("item",)}), *ROLE_FIELDSETS)
    inlines = [AttachedDocumentInline]

    @admin.display(description=_("workshop"), ordering="item__day__workshop__start_date")
    def workshop(self, role):
        return role.item.day.workshop
