import zoneinfo

import roman
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]

language_code_validator = RegexValidator(r"^[a-z]{2}$", _("Use a two-letter ISO 639-1 code such as en, fr or es."))


class Theme(models.Model):
    """The annual theme that the IOM membership chooses for the IDM."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("annual theme")
        verbose_name_plural = _("annual themes")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.title}"


class WorkshopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, today=None):
        return self.filter(end_date__gte=today or timezone.localdate()).order_by("start_date")

    def past(self, today=None):
        return self.filter(end_date__lt=today or timezone.localdate()).order_by("-start_date")

    def search(self, text):
        text = (text or "").strip()
        return self.filter(title__icontains=text) if text else self


class Workshop(models.Model):
    class Kind(models.TextChoices):
        INTERSESSIONAL_WORKSHOP = "intersessional_workshop", _("Intersessional workshop")
        COUNCIL_SESSION = "council_session", _("Council session")
        SEMINAR = "seminar", _("Seminar")
        OTHER = "other", _("Other")

    class AgendaStatus(models.TextChoices):
        DRAFT = "draft", _("Draft agenda")
        PROVISIONAL = "provisional", _("Provisional agenda")
        FINAL = "final", _("Final agenda")

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.INTERSESSIONAL_WORKSHOP)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("annual theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Zurich")
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Paragraphs are separated by a blank line."))
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    notes = models.JSONField(_("footnotes"), default=list, blank=True, help_text=_("Printed under the agenda."))
    agenda_status = models.CharField(
        _("agenda status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT
    )
    agenda_issued_on = models.DateField(_("agenda issued on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    reported_participants = models.PositiveIntegerField(_("reported participants"), null=True, blank=True)
    reported_countries = models.PositiveIntegerField(_("reported countries"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="workshop_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:detail", kwargs={"slug": self.slug})

    @property
    def has_public_agenda(self):
        return self.agenda_status != self.AgendaStatus.DRAFT


class Partner(models.Model):
    class Role(models.TextChoices):
        CO_ORGANIZER = "co_organizer", _("Co-organizer")
        FUNDER = "funder", _("Funder")
        COLLABORATOR = "collaborator", _("Collaborator")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class Day(models.Model):
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


class AgendaItem(models.Model):
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
        return f"{self.heading}: {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return f"{self.day.workshop.get_absolute_url()}#{self.anchor}"

    @property
    def roman_number(self):
        return roman.toRoman(self.number) if self.number else ""

    @property
    def heading(self):
        """“Session III” for numbered items, the kind alone otherwise."""
        kind = self.get_kind_display()
        return f"{kind} {self.roman_number}" if self.number else kind

    @property
    def anchor(self):
        """A fragment id that survives re-imports, so links to “Session III” keep working."""
        if self.number:
            own = f"{self.kind.replace('_', '-')}-{self.number}"
            return f"{self.parent.anchor}-{own}" if self.parent_id else own
        own = slugify(self.title)[:60] or self.kind
        return f"{self.parent.anchor}-{own}" if self.parent_id else f"day-{self.day.order}-{own}"

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


class Question(models.Model):
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


def document_upload_to(document, filename):
    return f"documents/{document.workshop.slug}/{filename}"


class DocumentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, workshop__is_published=True)


class Document(models.Model):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentation")
        PAPER = "paper", _("Paper")
        STATEMENT = "statement", _("Statement")
        NOTES = "notes", _("Notes")
        DISCUSSION_PAPER = "discussion_paper", _("Discussion paper")
        BACKGROUND_PAPER = "background_paper", _("Background paper")
        AGENDA = "agenda", _("Agenda")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="documents"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    role = models.ForeignKey(
        "speakers.Role",
        verbose_name=_("speaker's role"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESENTATION)
    title = models.CharField(_("title"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True, validators=[language_code_validator])
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300, blank=True)
    url = models.URLField(_("external link"), max_length=1000, blank=True)
    available = models.BooleanField(
        _("available"), default=True, help_text=_("Untick to record that the agenda lists “(no document)”.")
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    is_public = models.BooleanField(_("public"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=True) | Q(role__isnull=True),
                name="document_belongs_to_item_or_role",
                violation_error_message=_("A document belongs to an agenda item or to a speaker's role, not both."),
            ),
            models.CheckConstraint(
                condition=Q(available=True) | (Q(file="") & Q(url="")),
                name="document_unavailable_has_no_file",
                violation_error_message=_("A document recorded as “(no document)” cannot have a file or a link."),
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("workshops:document-download", kwargs={"pk": self.pk})


class AgendaVersion(models.Model):
    """An agenda as it was published before it was replaced, kept in the interchange format."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="agenda_versions"
    )
    status = models.CharField(_("status"), max_length=20, choices=Workshop.AgendaStatus.choices)
    issued_on = models.DateField(_("issued on"))
    snapshot = models.JSONField(_("agenda"))
    created_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier agenda")
        verbose_name_plural = _("earlier agendas")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.get_status_display()} ({self.issued_on})"

    def get_absolute_url(self):
        return reverse("workshops:version", kwargs={"slug": self.workshop.slug, "pk": self.pk})
