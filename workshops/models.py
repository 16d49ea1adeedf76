import datetime
import zoneinfo

import roman
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from idm.core.countries import CountryField
from idm.core.links import reverse_one
from idm.core.loading import BulkReadModel
from idm.core.translation import per_language

from .formatting import filesize, language_name
from .history import HistoricalRecordsWithProxies

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


class RegistrationState(models.TextChoices):
    NOT_OFFERED = "not_offered", _("Registration is not offered")
    NOT_YET_OPEN = "not_yet_open", _("Registration is not open yet")
    OPEN = "open", _("Registration is open")
    CLOSED = "closed", _("Registration is closed")


def public_agenda(prefix=""):
    """The rule for what the public sees of an agenda, as a condition on the workshop at `prefix`: the workshop is
    published and its agenda is no longer a draft. Workshop.has_public_agenda is the same rule for one workshop."""
    return Q(**{f"{prefix}is_published": True}) & ~Q(**{f"{prefix}agenda_status": Workshop.AgendaStatus.DRAFT})


class WorkshopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_public_agenda(self):
        return self.filter(public_agenda())

    def upcoming(self, today=None):
        return self.filter(end_date__gte=today or timezone.localdate()).order_by("start_date")

    def past(self, today=None):
        return self.filter(end_date__lt=today or timezone.localdate()).order_by("-start_date")

    def search(self, text):
        text = (text or "").strip()
        return self.filter(title__icontains=text) if text else self

    def with_registration_counts(self):
        """Seat counts for each workshop in the same query: confirmed, waitlisted, pending, and free seats."""
        Status = Registration.Status
        return self.annotate(
            confirmed_count=models.Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            waitlisted_count=models.Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            pending_count=models.Count("registrations", filter=Q(registrations__status=Status.PENDING)),
        ).annotate(
            # None without a seat limit; 0, not less, when the secretariat lowered the limit below the confirmed.
            free_seats=models.Case(
                models.When(seats__isnull=True, then=None),
                models.When(seats__lte=F("confirmed_count"), then=0),
                default=F("seats") - F("confirmed_count"),
                output_field=models.IntegerField(),
            )
        )


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
    registration_opens_at = models.DateTimeField(
        _("registration opens at"),
        null=True,
        blank=True,
        help_text=_("Leave empty if participants do not register through this site."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep registration open until the last day of the workshop."),
    )
    seats = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. When every seat is taken, new registrations join the waitlist."),
    )
    registration_requires_approval = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("Each registration stays pending until the secretariat confirms or declines it."),
    )
    participant_list_public = models.BooleanField(
        _("public list of participants"),
        default=False,
        help_text=_("Shows the name, organization and country of confirmed participants who agreed to it."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkshopQuerySet.as_manager()
    history = HistoricalRecordsWithProxies()

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
            models.CheckConstraint(
                condition=Q(seats__isnull=True) | Q(seats__gte=1),
                name="workshop_seats_at_least_one",
                violation_error_message=_("A workshop with a seat limit has at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=False, registration_closes_at__gt=F("registration_opens_at")),
                name="workshop_registration_closes_after_it_opens",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:detail", kwargs={"slug": self.slug})

    @property
    def has_public_agenda(self):
        """public_agenda(), the rule of WorkshopQuerySet.with_public_agenda, for this workshop."""
        return self.is_published and self.agenda_status != self.AgendaStatus.DRAFT

    def registration_state(self, now=None):
        """Whether registration is open at `now`, from the dates alone (seats are counted elsewhere)."""
        if self.registration_opens_at is None:
            return RegistrationState.NOT_OFFERED
        now = now or timezone.now()
        if now < self.registration_opens_at:
            return RegistrationState.NOT_YET_OPEN
        if (self.registration_closes_at and now >= self.registration_closes_at) or self.end_date < timezone.localdate(
            now
        ):
            return RegistrationState.CLOSED
        return RegistrationState.OPEN


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
    all: on an agenda of hundreds of entries that was a fifth of the page's time.
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


def document_upload_to(document, filename):
    return f"documents/{document.workshop.slug}/{filename}"


# A workshop's own documents (a background paper, a report), on neither an agenda item nor a speaker's role: they are
# the workshop's, not the agenda's, and are public without a public agenda.
WORKSHOP_OWN_DOCUMENT = Q(item=None, role=None)


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """Documents marked public on a published workshop, those of an agenda item or a speaker's role only once
        the agenda is public."""
        return self.filter(is_public=True, workshop__is_published=True).filter(
            WORKSHOP_OWN_DOCUMENT | public_agenda("workshop__")
        )


class Document(BulkReadModel):
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
    # Read from the file (services.store_document_text) for the library's search; derived, so not in the
    # history, and long, so the pages that list documents defer it.
    text = models.TextField(_("text of the file"), blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["text"])

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
        return self.title or self.kind_label

    def get_absolute_url(self):
        return reverse_one("workshops:document-download", pk=self.pk)

    @property
    def kind_label(self):
        return choice_label(self.Kind, self.kind)

    @property
    def link(self):
        """Where the entry links to: nowhere for an unsaved entry of an earlier agenda or a mere record."""
        return self.get_absolute_url() if self.pk and (self.file or self.url) else ""

    @property
    def details(self):
        """“Presentation, French, 1.4 MB”: built here once rather than by a dozen lookups in the template, as an
        agenda lists hundreds of documents."""
        parts = (
            self.kind_label if self.title else "",
            language_name(self.language) if self.language else "",
            filesize(self.size),
        )
        return ", ".join(part for part in parts if part)


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


phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{4,40}$", _("Enter a telephone number with digits, spaces and + ( ) . - / only.")
)

# A name is printed on one line of an official e-mail and a badge; a line break or a control character in it
# would let a stranger write lines of their own into the e-mail sent in the secretariat's name.
single_line_validator = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
    _("Write this on a single line, without line breaks or control characters."),
    code="not_single_line",
    inverse_match=True,
)

CONSENT_REQUIRED = _("A registration needs consent to the processing of personal data.")


def consent_given(value):
    """The table's consent constraint, checked with its field as well: Django checks a constraint with a query,
    which in a rush of registrations cost each one a round trip to the database."""
    if value is not True:
        raise ValidationError(CONSENT_REQUIRED, code="consent_required")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def active(cls):
        """Still in play: the participant may correct or cancel it, and it keeps its place."""
        return frozenset({cls.PENDING, cls.CONFIRMED, cls.WAITLISTED})

    def can_become(self, status):
        """Whether a registration may go from this status to `status`; every step of the services asks."""
        return status in REGISTRATION_TRANSITIONS[self]


# The one list of allowed status changes. A cancellation is the participant's own decision, so nothing the
# secretariat does takes it back; a decline is the secretariat's, which it may reverse while a seat is free.
REGISTRATION_TRANSITIONS = {
    RegistrationStatus.PENDING: frozenset(
        {RegistrationStatus.CONFIRMED, RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.WAITLISTED: frozenset(
        {RegistrationStatus.CONFIRMED, RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.CONFIRMED: frozenset({RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED}),
    RegistrationStatus.DECLINED: frozenset({RegistrationStatus.CONFIRMED}),
    RegistrationStatus.CANCELLED: frozenset(),
}


class OrganizationType(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State government")
    OBSERVER_STATE = "observer_state", _("Observer State")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
    NGO = "ngo", _("Non-governmental / civil-society organization")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ACADEMIA = "academia", _("Academia / research")
    MEDIA = "media", _("Media")
    IOM = "iom", _("IOM")
    OTHER = "other", _("Other")


class DelegationRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    OBSERVER = "observer", _("Observer")
    OTHER = "other", _("Other")


class RegistrationLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


def confirmation_deadline_start(now=None):
    """Registrations made before this moment had to confirm their address by now."""
    return (now or timezone.now()) - datetime.timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS)


def _has_email(email):
    return Exact(Lower("email"), Lower(Value(email)))


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlist(self):
        """Waitlisted registrations, first come first served."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def waitlist_position(self, registration):
        """1 for the first on the waitlist; None for a registration that is not waitlisted."""
        if registration.status != Registration.Status.WAITLISTED:
            return None
        ahead = Q(created_at__lt=registration.created_at) | Q(
            created_at=registration.created_at, pk__lt=registration.pk
        )
        return self.waitlist().filter(ahead, workshop_id=registration.workshop_id).count() + 1

    def with_email(self, email):
        """Registrations with this address, compared as the database's uniqueness rule compares it."""
        return self.filter(_has_email(email))

    def seat_counts(self, email):
        """What a new registration with this address is decided on, in one query: how many are confirmed, how many
        waitlisted, how many have the address already (compared as `with_email` compares it), and how many are
        overdue for release (which changes the others)."""
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
            with_email=Count("pk", filter=_has_email(email)),
            overdue=Count(
                "pk", filter=Q(email_confirmed_at__isnull=True, created_at__lt=confirmation_deadline_start())
            ),
        )

    def unconfirmed(self):
        """Registrations whose address has not been confirmed through the e-mailed link yet."""
        return self.filter(email_confirmed_at__isnull=True)

    def confirmation_overdue(self, now=None):
        """Unconfirmed registrations whose time to confirm the address has run out: their place is released."""
        return self.unconfirmed().filter(created_at__lt=confirmation_deadline_start(now))

    def on_public_list(self):
        """Confirmed participants who agreed to be listed, on workshops whose list the secretariat turned on."""
        return self.confirmed().filter(
            consent_public_list=True,
            is_anonymized=False,
            workshop__participant_list_public=True,
            workshop__is_published=True,
        )


class Registration(models.Model):
    """One person's registration for one workshop; personal data, kept only as long as it is needed."""

    Status = RegistrationStatus
    OrganizationType = OrganizationType
    DelegationRole = DelegationRole
    Language = RegistrationLanguage

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    honorific = models.CharField(
        _("honorific"),
        max_length=50,
        blank=True,
        validators=[single_line_validator],
        help_text=_("For example H.E., Dr or Ms"),
    )
    given_name = models.CharField(_("given name"), max_length=100, validators=[single_line_validator])
    family_name = models.CharField(_("family name"), max_length=100, validators=[single_line_validator])
    email = models.EmailField(_("e-mail"), max_length=254)
    position = models.CharField(_("position"), max_length=200, validators=[single_line_validator])
    organization = models.CharField(_("organization"), max_length=300, validators=[single_line_validator])
    organization_type = models.CharField(_("type of organization"), max_length=30, choices=OrganizationType.choices)
    country = CountryField(_("country represented"))
    delegation_role = models.CharField(_("delegation role"), max_length=20, choices=DelegationRole.choices)
    phone = models.CharField(_("telephone"), max_length=40, blank=True, validators=[phone_validator])
    needs = models.TextField(_("accessibility or dietary needs"), max_length=1000, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    consent_processing = models.BooleanField(
        _("consent to the processing of personal data"), default=False, validators=[consent_given]
    )
    consent_public_list = models.BooleanField(_("consent to the public list of participants"), default=False)
    attended = models.BooleanField(_("attended"), default=False)
    attended_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    is_anonymized = models.BooleanField(_("anonymized"), default=False)
    email_confirmed_at = models.DateTimeField(
        _("address confirmed at"),
        null=True,
        blank=True,
        help_text=_("Empty until the participant follows the e-mailed link; without it the place is released."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # Decides between two simultaneous submissions of the same address, which no form check can.
            models.UniqueConstraint(
                F("workshop"),
                Lower("email"),
                name="registration_email_unique_per_workshop",
                violation_error_message=_("This e-mail address is already registered for this workshop."),
            ),
            models.CheckConstraint(
                condition=Q(consent_processing=True),
                name="registration_consents_to_processing",
                violation_error_message=CONSENT_REQUIRED,
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
                violation_error_message=_("Unknown registration status."),
            ),
            models.CheckConstraint(
                condition=Q(organization_type__in=OrganizationType.values),
                name="registration_organization_type_valid",
                violation_error_message=_("Unknown type of organization."),
            ),
            models.CheckConstraint(
                condition=Q(delegation_role__in=DelegationRole.values),
                name="registration_delegation_role_valid",
                violation_error_message=_("Unknown delegation role."),
            ),
            models.CheckConstraint(
                condition=Q(attended=False, attended_at__isnull=True) | Q(attended=True, attended_at__isnull=False),
                name="registration_attendance_has_a_time",
                violation_error_message=_("Attendance is recorded with its time."),
            ),
            models.CheckConstraint(
                condition=Q(is_anonymized=False) | Q(consent_public_list=False),
                name="registration_anonymized_is_not_listed",
                violation_error_message=_("An anonymized registration cannot appear on the public list."),
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "created_at"], name="registration_seat_lookup")]

    def __str__(self):
        if self.is_anonymized:
            return _("Anonymized registration %(number)s") % {"number": self.pk}
        return " ".join(part for part in (self.honorific, self.given_name, self.family_name) if part)

    @property
    def holds_seat(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_active(self):
        """Still in play: the participant may correct or cancel it."""
        return not self.is_anonymized and self.status in self.Status.active()


class RegistrationSettings(Workshop):
    """A workshop seen from the registration desk: its seats, dates and counts, kept apart from the agenda."""

    class Meta:
        proxy = True
        verbose_name = _("seats and registration settings")
        verbose_name_plural = _("seats and registration settings")
        ordering = ["-start_date", "title"]
