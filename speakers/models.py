import unicodedata

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from simple_history.models import HistoricalRecords

from idm.core.countries import CountryField
from idm.core.links import reverse_one
from idm.core.loading import BulkReadModel
from idm.core.translation import per_language


@per_language
def country_name(code):
    return countries.name(code) if code else ""


def printed_affiliation(position, organization, country_code):
    """An affiliation as the agenda prints it after a name: position, organization, the country named."""
    return ", ".join(part for part in (position, organization, country_name(country_code)) if part)


class PersonQuerySet(models.QuerySet):
    def with_public_roles(self):
        """People on a public agenda, as speakers or as those someone spoke for."""
        public = Role.objects.public()
        return self.filter(
            Exists(public.filter(person=OuterRef("pk"))) | Exists(public.filter(on_behalf_of=OuterRef("pk")))
        )

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(sort_name__icontains=text))


class Person(BulkReadModel):
    """A person, once across all workshops; what they were at an event lives on their roles."""

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(_("honorific"), max_length=50, blank=True, help_text=_("For example H.E. or Dr"))
    sort_name = models.CharField(
        _("index name"),
        max_length=200,
        blank=True,
        help_text=_("How the name is filed in the A–Z index, family name first, e.g. “Pritchett, Lant”."),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name", "name"]

    def __str__(self):
        return f"{self.honorific} {self.name}".strip()

    def get_absolute_url(self):
        return reverse_one("speakers:detail", slug=self.slug)

    @property
    def index_key(self):
        """How the A–Z index sorts: without case or accents, so “d’Avezac” and “Élise” file under D and E."""
        folded = unicodedata.normalize("NFKD", self.sort_name or self.name)
        return "".join(char for char in folded if char.isalnum() or char.isspace()).casefold()

    @property
    def index_letter(self):
        return self.index_key[:1].upper() or "#"


class RoleQuerySet(models.QuerySet):
    def public(self):
        # Imported here: workshops.models imports this module through its formatting helpers.
        from workshops.models.workshop import public_agenda

        return self.filter(public_agenda("item__day__workshop__"))


class Role(BulkReadModel):
    """A person's part in one agenda item, with the affiliation printed for that event."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        CHAIR = "chair", _("Chair")
        DISCUSSANT = "discussant", _("Discussant")
        RAPPORTEUR = "rapporteur", _("Rapporteur")

    item = models.ForeignKey(
        "workshops.AgendaItem", verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="roles"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="roles")
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices, default=Kind.SPEAKER)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organization = models.CharField(_("organization"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    label = models.CharField(
        _("caption"),
        max_length=200,
        blank=True,
        help_text=_("Printed before the name, e.g. “Host country perspective”."),
    )
    on_behalf_of = models.ForeignKey(
        Person,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="represented_by_roles",
        null=True,
        blank=True,
    )
    on_behalf_of_position = models.CharField(_("their position"), max_length=300, blank=True)
    on_behalf_of_organization = models.CharField(_("their organization"), max_length=300, blank=True)
    on_behalf_of_country = CountryField(_("their country"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(on_behalf_of=F("person")),
                name="role_not_on_behalf_of_self",
                violation_error_message=_("A speaker cannot speak on behalf of themself."),
            ),
            models.CheckConstraint(
                condition=Q(on_behalf_of__isnull=False)
                | Q(on_behalf_of_position="", on_behalf_of_organization="", on_behalf_of_country=""),
                name="role_on_behalf_of_affiliation_needs_person",
                violation_error_message=_("An affiliation “on behalf of” needs the person it belongs to."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person.name}"

    @property
    def affiliation(self):
        return printed_affiliation(self.position, self.organization, self._country_code("country"))

    @property
    def on_behalf_of_affiliation(self):
        return printed_affiliation(
            self.on_behalf_of_position, self.on_behalf_of_organization, self._country_code("on_behalf_of_country")
        )

    def _country_code(self, field_name):
        # Each read of a country field builds a Country and looks its code up in the table of the active
        # language; an agenda prints hundreds of affiliations. Django keeps the stored code in __dict__.
        if field_name in self.__dict__:
            return self.__dict__[field_name]
        return getattr(self, field_name).code
