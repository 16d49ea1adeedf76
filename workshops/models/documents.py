"""Documents: those of an agenda item, of a speaker's role, or of the workshop itself."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from idm.core.links import reverse_one
from idm.core.loading import BulkReadModel

from ..formatting import filesize, language_name
from .agenda import AgendaItem, choice_label
from .workshop import Workshop, public_agenda

language_code_validator = RegexValidator(r"^[a-z]{2}$", _("Use a two-letter ISO 639-1 code such as en, fr or es."))


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
    # Read from the file (services.documents.store_document_text) for the library's search; derived, so not in the
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
