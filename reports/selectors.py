"""Reads of the reports: participation statistics, the people on an agenda, and the publications of a workshop.

Each statistic is one function that returns a Table: the same rows feed the chart, the accessible table
beside it and the CSV download. Counting happens in the database, in one or two queries per statistic.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from speakers.models import Person, Role, RoleQuerySet
from workshops.enums import DelegationRole, OrganizationType
from workshops.models import Registration, Workshop
from workshops.models.registration import RegistrationQuerySet

from .models import Publication, PublicationQuerySet, SpeakerOrganization
from .regions import region_name

NOT_RECORDED = _("Not recorded")
NOT_CLASSIFIED = _("Not classified")


@dataclass
class Table:
    key: str
    title: str | Promise
    columns: list[str | Promise]
    # One tuple a row, as many cells as columns: labels are text, figures numbers ("" where none is known).
    rows: list[tuple[str | int, ...]]
    description: str | Promise = ""
    # Indexes of the numeric columns drawn in the chart; the first column labels the bars.
    chart_columns: list[int] = field(default_factory=lambda: [1])

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _counted(
    rows: Iterable[tuple[str | None, int]], labels: Callable[[str | None], str | Promise]
) -> list[tuple[str, int]]:
    """(label, count) rows from database (value, count) pairs, largest first, then by label."""
    return sorted(((str(labels(value)), count) for value, count in rows), key=lambda row: (-row[1], row[0]))


def _choice_label(
    choices: Iterable[tuple[str, str | Promise]], unknown: str | Promise = NOT_RECORDED
) -> Callable[[str | None], str | Promise]:
    names = dict(choices)
    return lambda value: names.get(value, unknown)


def _country_label(code: str | None) -> str | Promise:
    return countries.name(code) if code else NOT_RECORDED


# -- One workshop -----------------------------------------------------------------------------------------------------


def registration_summary(workshop: Workshop) -> Table:
    counts = workshop.registrations.counts_by_status()
    return Table(
        key="registrations",
        title=_("Registrations"),
        description=_("Registered counts every registration received, including those declined or cancelled."),
        columns=[_("Registrations"), _("Number")],
        rows=[
            (str(_("Registered")), counts["registered"]),
            (str(_("Pending approval")), counts["pending"]),
            (str(_("Confirmed")), counts["confirmed"]),
            (str(_("On the waitlist")), counts["waitlisted"]),
            (str(_("Attended")), counts["attended"]),
        ],
    )


def _attended(workshop: Workshop) -> RegistrationQuerySet:
    return workshop.registrations.filter(attended=True).order_by()


def _attended_per_country(workshop: Workshop) -> RegistrationQuerySet:
    return _attended(workshop).values_list("country").annotate(count=Count("pk"))


def attended_by_country(workshop: Workshop) -> Table:
    return Table(
        key="country",
        title=_("Participants who attended, by country represented"),
        columns=[_("Country"), _("Participants")],
        rows=_counted(_attended_per_country(workshop), _country_label),
    )


def attended_by_region(workshop: Workshop) -> Table:
    per_region: dict[str, int] = {}
    for code, count in _attended_per_country(workshop):
        name = str(region_name(code))
        per_region[name] = per_region.get(name, 0) + count
    return Table(
        key="region",
        title=_("Participants who attended, by region"),
        description=_("Regions of the UN M49 standard (Standard country or area codes for statistical use)."),
        columns=[_("Region"), _("Participants")],
        rows=sorted(per_region.items(), key=lambda row: (-row[1], row[0])),
    )


def attended_by_organization_type(workshop: Workshop) -> Table:
    return Table(
        key="organization-type",
        title=_("Participants who attended, by type of organization"),
        columns=[_("Type of organization"), _("Participants")],
        rows=_counted(
            _attended(workshop).values_list("organization_type").annotate(count=Count("pk")),
            _choice_label(OrganizationType.choices),
        ),
    )


def attended_by_delegation_role(workshop: Workshop) -> Table:
    return Table(
        key="delegation-role",
        title=_("Participants who attended, by delegation role"),
        columns=[_("Delegation role"), _("Participants")],
        rows=_counted(
            _attended(workshop).values_list("delegation_role").annotate(count=Count("pk")),
            _choice_label(DelegationRole.choices),
        ),
    )


def countries_represented(workshop: Workshop) -> Table:
    confirmed = workshop.registrations.confirmed().order_by()
    counts = confirmed.aggregate(
        confirmed=Count("country", distinct=True),
        attended=Count("country", distinct=True, filter=Q(attended=True)),
    )
    return Table(
        key="countries",
        title=_("Countries represented"),
        columns=[_("Participants"), _("Countries")],
        rows=[(str(_("Confirmed")), counts["confirmed"]), (str(_("Attended")), counts["attended"])],
    )


def _workshop_roles(workshop: Workshop) -> RoleQuerySet:
    return Role.objects.filter(item__day__workshop=workshop).order_by()


def _organization_type_of_role() -> Subquery:
    classified = SpeakerOrganization.objects.alias(lower_name=Lower("name")).filter(
        lower_name=Lower(OuterRef("organization"))
    )
    return Subquery(classified.values("organization_type")[:1])


def speakers_by_organization_type(workshop: Workshop) -> Table:
    rows = (
        _workshop_roles(workshop)
        .annotate(organization_kind=_organization_type_of_role())
        .values_list("organization_kind")
        .annotate(count=Count("person", distinct=True))
    )
    return Table(
        key="speakers-organization-type",
        title=_("Speakers, by type of organization"),
        description=_(
            "Everyone with a part on the agenda, counted once: speakers, moderators, chairs, discussants and "
            "rapporteurs. Organizations are typed in the admin under “Speakers' organizations”."
        ),
        columns=[_("Type of organization"), _("Speakers")],
        rows=_counted(rows, _choice_label(OrganizationType.choices, unknown=NOT_CLASSIFIED)),
    )


def speakers_by_country(workshop: Workshop) -> Table:
    return Table(
        key="speakers-country",
        title=_("Speakers, by country"),
        description=_("The country printed with the speaker's affiliation on the agenda."),
        columns=[_("Country"), _("Speakers")],
        rows=_counted(
            _workshop_roles(workshop).values_list("country").annotate(count=Count("person", distinct=True)),
            _country_label,
        ),
    )


WORKSHOP_STATISTICS: dict[str, Callable[[Workshop], Table]] = {
    "registrations": registration_summary,
    "countries": countries_represented,
    "country": attended_by_country,
    "region": attended_by_region,
    "organization-type": attended_by_organization_type,
    "delegation-role": attended_by_delegation_role,
    "speakers-organization-type": speakers_by_organization_type,
    "speakers-country": speakers_by_country,
}


def unclassified_speaker_organizations(workshop: Workshop) -> list[str]:
    """Organizations on the workshop's agenda that the statistics cannot type yet."""
    names = (
        _workshop_roles(workshop)
        .exclude(organization="")
        .annotate(organization_kind=_organization_type_of_role())
        .filter(organization_kind__isnull=True)
        .values_list("organization", flat=True)
        .distinct()
    )
    return sorted(set(names), key=str.casefold)


# -- Across workshops -------------------------------------------------------------------------------------------------


@dataclass
class _WorkshopParticipation:
    year: int
    title: str
    participants: int
    countries: int | None
    counted: bool  # from registrations; otherwise the attendance reported for an archival workshop


def _participation() -> list[_WorkshopParticipation]:
    """Each workshop with attendance, counted from registrations where any attended, else as reported."""
    attended = Q(registrations__attended=True)
    workshops = (
        Workshop.objects.annotate(
            attended_count=Count("registrations", filter=attended),
            attended_countries=Count("registrations__country", filter=attended, distinct=True),
        )
        .filter(Q(attended_count__gt=0) | Q(reported_participants__isnull=False))
        .order_by("start_date", "title")
    )
    return [
        _WorkshopParticipation(
            year=workshop.start_date.year,
            title=workshop.title,
            participants=workshop.attended_count or workshop.reported_participants,
            countries=workshop.attended_countries if workshop.attended_count else workshop.reported_countries,
            counted=bool(workshop.attended_count),
        )
        for workshop in workshops
    ]


def participation_by_workshop() -> Table:
    return Table(
        key="participation-by-workshop",
        title=_("Participants and countries, by workshop"),
        columns=[_("Year"), _("Workshop"), _("Participants"), _("Countries"), _("Source")],
        rows=[
            (
                row.year,
                row.title,
                row.participants,
                row.countries if row.countries is not None else "",
                str(_("registrations") if row.counted else _("reported")),
            )
            for row in _participation()
        ],
        chart_columns=[],
    )


def participation_by_year() -> Table:
    rows = _participation()
    countries_counted = set(
        Registration.objects.filter(attended=True)
        .order_by()
        .values_list("workshop__start_date__year", "country")
        .distinct()
    )
    years = {}
    for row in rows:
        year = years.setdefault(row.year, {"workshops": 0, "participants": 0, "reported_countries": []})
        year["workshops"] += 1
        year["participants"] += row.participants
        if not row.counted:
            year["reported_countries"].append(row.countries)
    table_rows = []
    for year, totals in sorted(years.items()):
        counted = {country for counted_year, country in countries_counted if counted_year == year}
        reported = totals["reported_countries"]
        known = [count for count in reported if count is not None]
        countries = max([len(counted), *known]) if counted or known else None
        # Distinct countries across several workshops are exact only when every one was counted from
        # registrations; reported figures cannot be merged, so the largest of them is a minimum.
        exact = not reported or (totals["workshops"] == 1 and len(known) == 1)
        table_rows.append(
            (
                year,
                totals["workshops"],
                totals["participants"],
                "" if countries is None else countries,
                str(_("exact") if exact else _("a minimum")),
            )
        )
    return Table(
        key="participation-by-year",
        title=_("Participants and countries, by year"),
        description=_(
            "Participants who attended, counted from registrations; for archival workshops without registrations, "
            "the attendance reported at the time. Countries are counted once a year."
        ),
        columns=[_("Year"), _("Workshops"), _("Participants"), _("Countries"), _("The number of countries is")],
        rows=table_rows,
        chart_columns=[2, 3],
    )


def most_frequent_speakers(*, limit: int = 20) -> Table:
    people = (
        Person.objects.annotate(
            workshop_count=Count("roles__item__day__workshop", distinct=True), role_count=Count("roles", distinct=True)
        )
        .filter(workshop_count__gt=0)
        .order_by("-workshop_count", "-role_count", "sort_name", "name")[:limit]
    )
    return Table(
        key="frequent-speakers",
        title=_("Speakers who took part most often"),
        description=_("Workshops at which each person had a part on the agenda, and how many parts in all."),
        columns=[_("Speaker"), _("Workshops"), _("Parts on agendas")],
        rows=[(str(person), person.workshop_count, person.role_count) for person in people],
    )


OVERALL_STATISTICS: dict[str, Callable[[], Table]] = {
    "participation-by-year": participation_by_year,
    "participation-by-workshop": participation_by_workshop,
    "frequent-speakers": most_frequent_speakers,
}


# -- Exports and pages ------------------------------------------------------------------------------------------------


class CheckInCounts(TypedDict):
    confirmed: int
    attended: int
    remaining: int


def check_in_counts(workshop: Workshop) -> CheckInCounts:
    """The door's counts; anonymized registrations cannot be found by name, so they are not expected."""
    counts = workshop.registrations.confirmed().filter(is_anonymized=False).counts_by_status()
    return {
        "confirmed": counts["confirmed"],
        "attended": counts["attended"],
        "remaining": counts["confirmed"] - counts["attended"],
    }


def publication_for_pdf(*, publications: PublicationQuerySet, slug: str) -> Publication:
    return publications.prefetch_related("workshops").select_related("background_document").get(slug=slug)
