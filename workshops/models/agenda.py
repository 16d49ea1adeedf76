"""A workshop's agenda: its days, items and guiding questions, and the earlier versions kept when it is replaced."""

import roman
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from idm.core.loading import BulkReadModel
from idm.core.translation import per_language

from .workshop import Workshop


class Day(BulkReadModel):
    workshop = models.ForeignKey(Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="days")
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Leave empty only if the record does not say.")
    )
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("For example “Day I”."))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "date"],
                condition=Q(date__isnull=False),
                name="day_date_unique_per_workshop",
                violation_error_message=_("This workshop already has a day with this date."),
            ),
        ]

    def __str__(self):
        return " — ".join(str(part) for part in (self.date, self.label) if part) or str(_("Undated day"))

    def clean(self):
        workshop = getattr(self, "workshop", None)
        if (
            self.date
            and workshop
            and workshop.start_date
            and workshop.end_date
            and not workshop.start_date <= self.date <= workshop.end_date
        ):
            raise ValidationError(
                {
                    "date": _("%(date)s is outside the workshop's dates (%(start)s to %(end)s).")
                    % {"date": self.date, "start": workshop.start_date, "end": workshop.end_date}
                }
            )


def item_anchor(*, kind, number, title, day_order, parent_anchor):
    """A fragment id that survives re-imports, so links to “Session III” keep working."""
    own = f"{kind.replace('_', '-')}-{number}" if number else slugify(title)[:60] or kind
    if parent_anchor:
        return f"{parent_anchor}-{own}"
    return own if number else f"day-{day_order}-{own}"


@per_language
def choice_label(choices, value):
    """The label of a choice, or the value where it is not one.

    Django's get_FOO_display() makes every label of the field hashable on each call, which translates them
    all, for every entry of an agenda that lists hundreds.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


@per_language
def _numbered_title_pattern():
    return gettext("%(heading)s: %(title)s")


def numbered_title(heading, title):
    """“Session III: Title”, with the colon as each language sets it (French puts a space before it)."""
    return _numbered_title_pattern() % {"heading": heading, "title": title}


class AgendaItemQuerySet(models.QuerySet):
    def overlapping(self, *, day, pk, start, end):
        """The other top-level items of a day that run at the same time from start to end (values or OuterRefs).

        An item without an end time counts as a moment: it still overlaps an item it falls within.
        """
        return (
            self.filter(day=day, parent=None)
            .exclude(pk=pk)
            .alias(until=Coalesce("end", "start"))
            .filter(Q(start=start) | Q(start__lt=end, until__gt=start))
        )

    def with_overlaps(self):
        """Annotates `overlaps`: whether a top-level item runs at the same time as another of its day."""
        others = AgendaItem.objects.overlapping(
            day=OuterRef("day"),
            pk=OuterRef("pk"),
            start=OuterRef("start"),
            end=Coalesce(OuterRef("end"), OuterRef("start")),
        )
        return self.annotate(
            overlaps=Case(When(parent=None, then=Exists(others)), default=False, output_field=models.BooleanField())
        )


class AgendaItem(BulkReadModel):
    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        WELCOME = "welcome", _("Welcome remarks")
        KEYNOTE = "keynote", _("Keynote")
        SCENE_SETTING = "scene_setting", _("Setting the scene")
        SESSION = "session", _("Session")
        MIGRANT_STORY = "migrant_story", _("Migrant story")
        DISCUSSION = "discussion", _("Discussion")
        BREAKOUT = "breakout", _("Break-out group")
        PLENARY_REPORT = "plenary_report", _("Report to the plenary")
        WRAP_UP = "wrap_up", _("Wrap-up")
        BREAK = "break", _("Break")
        OTHER = "other", _("Other")

    day = models.ForeignKey(Day, verbose_name=_("day"), on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("For break-out groups and the parts of a themed block."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SESSION)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Shown in Roman numerals: 3 is “Session III”.")
    )
    title = models.CharField(_("title"), max_length=500)
    start = models.TimeField(_("starts"), null=True, blank=True)
    end = models.TimeField(_("ends"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1),
                name="item_number_positive",
                violation_error_message=_("Numbers start at 1."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=False, end__gt=F("start")),
                name="item_ends_after_it_starts",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]

    def __str__(self):
        return self.full_title

    def get_absolute_url(self):
        return f"{self.day.workshop.get_absolute_url()}#{self.anchor}"

    @property
    def roman_number(self):
        return roman.toRoman(self.number) if self.number else ""

    @property
    def heading(self):
        """“Session III” for numbered items, the kind alone otherwise."""
        return f"{self.kind_label} {self.roman_number}" if self.number else self.kind_label

    @property
    def kind_label(self):
        return choice_label(self.Kind, self.kind)

    @property
    def full_title(self):
        """“Session III: Title” for numbered items, with the colon as each language sets it."""
        return numbered_title(self.heading, self.title) if self.number else self.title

    @cached_property
    def anchor(self):
        # Kept: the agenda uses it five times per item, and a sub-item builds on its parent's.
        # self.parent rather than parent_id: earlier agendas are rendered from unsaved items.
        parent = self.parent
        return item_anchor(
            kind=self.kind,
            number=self.number,
            title=self.title,
            day_order=None if parent else self.day.order,
            parent_anchor=parent.anchor if parent else None,
        )

    def clean(self):
        errors = {}
        if self.end and not self.start:
            errors["start"] = _("An item with an end time needs a start time.")
        elif self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end time (%(end)s) must be after the start time (%(start)s).") % {
                "end": self.end.strftime("%H:%M"),
                "start": self.start.strftime("%H:%M"),
            }
        parent = self.parent if self.parent_id else None
        if parent is not None:
            if self.day_id and parent.day_id != self.day_id:
                errors["parent"] = _("A sub-item must be on the same day as the item it is part of.")
            elif parent.pk and parent.pk == self.pk:
                errors["parent"] = _("An item cannot be part of itself.")
            elif self.start and parent.start and parent.end and not (parent.start <= self.start < parent.end):
                errors["start"] = _("A sub-item must start within its item's times (%(start)s–%(end)s).") % {
                    "start": parent.start.strftime("%H:%M"),
                    "end": parent.end.strftime("%H:%M"),
                }
        if errors:
            raise ValidationError(errors)


class Question(BulkReadModel):
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="questions"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sub-question of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_questions",
    )
    text = models.TextField(_("question"))
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        if self.parent_id:
            if self.parent.item_id != self.item_id:
                raise ValidationError({"parent": _("A sub-question must belong to the same agenda item.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("Sub-questions cannot have sub-questions of their own.")})


class AgendaVersion(models.Model):
    """An agenda as it was published before it was replaced, kept in the interchange format."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="agenda_versions"
    )
    status = models.CharField(_("status"), max_length=20, choices=Workshop.AgendaStatus.choices)
    issued_on = models.DateField(
        _("issued on"), null=True, blank=True, help_text=_("Empty when the record does not say.")
    )
    snapshot = models.JSONField(_("agenda"))
    created_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier agenda")
        verbose_name_plural = _("earlier agendas")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.get_status_display()} ({self.issued_on})" if self.issued_on else self.get_status_display()

    def get_absolute_url(self):
        return reverse("workshops:version", kwargs={"slug": self.workshop.slug, "pk": self.pk})
