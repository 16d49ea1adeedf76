from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workshops.enums import OrganizationType
from workshops.models import Document, Workshop
from workshops.models.workshop import public_agenda

IDM_SERIES = "International Dialogue on Migration"

MARKDOWN_HELP = _(
    "Markdown: a blank line between paragraphs, “# Heading” and “## Sub-heading” for headings, *italics*, "
    "**bold**, “- ” for list items, and footnotes as “text[^1]” with “[^1]: The note.” on a line of its own."
)


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """Published publications whose workshops all have a public agenda: the publication prints their agendas."""
        return self.filter(is_published=True).exclude(workshops__in=Workshop.objects.exclude(public_agenda()))


class Publication(models.Model):
    """A volume of the IDM publication series (the “Red Book”): Part I the report, Part II the agenda and the
    background paper of the workshop or workshops it covers."""

    series = models.CharField(_("series"), max_length=200, default=IDM_SERIES)
    number = models.PositiveSmallIntegerField(
        _("number in the series"), null=True, blank=True, help_text=_("Leave empty until the number is assigned.")
    )
    slug = models.SlugField(
        _("identifier"), max_length=120, unique=True, help_text=_("Used in the address of the PDF.")
    )
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("year of publication"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2001), MaxValueValidator(2100)],
        help_text=_("Leave empty if it is not known."),
    )
    workshops = models.ManyToManyField(
        Workshop, verbose_name=_("workshops"), related_name="publications", help_text=_("The workshops it covers.")
    )
    editors = models.TextField(
        _("prepared under the supervision of"),
        blank=True,
        help_text=_("One person per line, with their position, as the imprint page prints them."),
    )
    acknowledgements = models.TextField(_("acknowledgements"), blank=True, help_text=MARKDOWN_HELP)
    foreword = models.TextField(_("foreword"), blank=True, help_text=MARKDOWN_HELP)
    report = models.TextField(_("Part I: report of the workshop"), blank=True, help_text=MARKDOWN_HELP)
    background_paper = models.TextField(_("background paper"), blank=True, help_text=MARKDOWN_HELP)
    background_document = models.ForeignKey(
        Document,
        verbose_name=_("background paper as a document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A document of the workshop; Part II refers to it when the background paper text is empty."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Published publications can be downloaded from the workshop page.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-year", "-number", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                condition=Q(number__isnull=False),
                name="publication_number_unique_in_series",
                violation_error_message=_("This series already has a publication with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1),
                name="publication_number_positive",
                violation_error_message=_("Numbers in a series start at 1."),
            ),
        ]

    def __str__(self):
        if self.number:
            number = _("No. %(number)s") % {"number": self.number}
            return f"{self.series} {number}: {self.title}"
        return f"{self.series}: {self.title}"

    def get_absolute_url(self):
        return reverse("reports:publication-pdf", kwargs={"slug": self.slug})

    @property
    def editor_lines(self):
        return [line.strip() for line in self.editors.splitlines() if line.strip()]


class SpeakerOrganization(models.Model):
    """The type of an organization that speakers name on agendas, classified once for every workshop.

    An agenda prints a speaker's organization as free text; the statistics group speakers by type of
    organization through this table, matching the name without regard to case.
    """

    name = models.CharField(_("organization"), max_length=300)
    organization_type = models.CharField(_("type of organization"), max_length=30, choices=OrganizationType.choices)

    class Meta:
        verbose_name = _("speakers' organization")
        verbose_name_plural = _("speakers' organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="speaker_organization_name_unique",
                violation_error_message=_("This organization is already classified."),
            ),
            models.CheckConstraint(
                condition=Q(organization_type__in=OrganizationType.values),
                name="speaker_organization_type_valid",
                violation_error_message=_("Unknown type of organization."),
            ),
        ]

    def __str__(self):
        return self.name


class WorkshopReports(Workshop):
    """A workshop as the secretariat's reports see it: statistics, badges, check-in, exports and printouts."""

    class Meta:
        proxy = True
        verbose_name = _("workshop statistics and printouts")
        verbose_name_plural = _("workshop statistics and printouts")
        ordering = ["-start_date", "title"]
