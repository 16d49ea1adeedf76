"""The secretariat's admin: staff build, check and publish workshops here, never in a shell."""

import json
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AdminFileWidget, AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from idm.core.admin import CheckedLookupsMixin, NamedListEditableMixin, ReadOnlyAdminMixin
from speakers.models import Role

from .models import AgendaItem, AgendaVersion, Day, Document, Partner, Question, Theme, Workshop
from .services import finalize_agenda, publish_workshop, store_document_text, unpublish_workshop
from .validators import safe_document_name, validate_document_file


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


class WorkshopYearFilter(admin.SimpleListFilter):
    """Filters by the year the workshop starts in, whichever model the list shows."""

    title = _("year")
    parameter_name = "year"
    workshop_path = ""

    def lookups(self, request, model_admin):
        years = Workshop.objects.dates("start_date", "year", order="DESC")
        return [(str(year.year), str(year.year)) for year in years]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(**{f"{self.workshop_path}start_date__year": self.value()})


class DayYearFilter(WorkshopYearFilter):
    workshop_path = "workshop__"


class ItemYearFilter(WorkshopYearFilter):
    workshop_path = "day__workshop__"


class DocumentYearFilter(WorkshopYearFilter):
    workshop_path = "workshop__"


class RoleYearFilter(WorkshopYearFilter):
    workshop_path = "item__day__workshop__"


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


from . import registration_admin  # noqa: E402,F401  (registrations are administered in their own module)
