"""Workshops themselves: the annual theme, the workshop with its public-agenda rule, its partners, and the
registration desk's view of it."""

import zoneinfo

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from idm.core.countries import CountryField

from ..enums import RegistrationState, RegistrationStatus
from ..history import HistoricalRecordsWithProxies

TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


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
        """Seat counts for each workshop in the same query: confirmed, waitlisted, pending, and free seats (the
        rule of Workshop.seats_left, in the database)."""
        Status = RegistrationStatus
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

    def seats_left(self, *, confirmed=None):
        """The seat rule: None without a seat limit, else the seats not taken by a confirmed registration (0, not
        less, when the secretariat lowered the limit below the confirmed). `confirmed` is the number of confirmed
        registrations, when it is already counted; WorkshopQuerySet.with_registration_counts is the same rule."""
        if self.seats is None:
            return None
        if confirmed is None:
            confirmed = self.registrations.confirmed().count()
        return max(self.seats - confirmed, 0)

    def has_free_seat(self, *, confirmed=None):
        """Whether a seat is free: no seat limit, or fewer confirmed than seats."""
        return self.seats_left(confirmed=confirmed) != 0

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


class RegistrationSettings(Workshop):
    """A workshop seen from the registration desk: its seats, dates and counts, kept apart from the agenda."""

    class Meta:
        proxy = True
        verbose_name = _("seats and registration settings")
        verbose_name_plural = _("seats and registration settings")
        ordering = ["-start_date", "title"]
