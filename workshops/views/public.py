"""The public pages of workshops: the home page and archive, a workshop's page, its earlier agendas and what
changed since, and its calendars."""

from itertools import groupby

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from idm.core.caching import public_page
from idm.core.site_url import site_url

from ..agenda_changes.comparison import compare_agendas
from ..calendars import calendar_for, timed_items
from ..forms.filters import ArchiveFilterForm
from ..interchange.export import workshop_data
from ..selectors.agenda import (
    agenda_from_snapshot,
    build_agenda,
    sees_agenda,
    visible_workshops,
    workshop_documents_only,
    workshop_with_visible_agenda,
    workshops_for_detail_page,
)


@public_page
def home(request):
    workshops = visible_workshops(request.user)
    form = ArchiveFilterForm(request.GET or None, workshops=workshops)
    if form.is_bound:
        workshops = form.filter(workshops)
        if not form.is_valid():
            messages.warning(request, _("That filter is not valid; choose one of the values offered."))
    workshops = workshops.select_related("theme")
    past = list(workshops.past())
    return render(
        request,
        "workshops/home.html",
        {
            "form": form,
            "upcoming": list(workshops.upcoming()),
            "past_by_year": [(year, list(group)) for year, group in groupby(past, key=lambda w: w.start_date.year)],
            "filtered": form.is_bound,
        },
    )


@public_page
def workshop_detail(request, slug):
    workshop = get_object_or_404(workshops_for_detail_page(visible_workshops(request.user)), slug=slug)
    agenda_shown = sees_agenda(user=request.user, workshop=workshop)
    agenda = build_agenda(workshop) if agenda_shown else workshop_documents_only(workshop)
    versions = list(workshop.agenda_versions.all()) if agenda_shown else []
    return render(
        request,
        "workshops/workshop_detail.html",
        {
            "workshop": workshop,
            "agenda": agenda,
            "agenda_shown": agenda_shown,
            "earlier": versions[0] if versions else None,
            "has_timed_items": bool(timed_items(agenda.items)),
        },
    )


@public_page
def agenda_version(request, slug, pk):
    workshop = workshop_with_visible_agenda(user=request.user, slug=slug)
    version = get_object_or_404(workshop.agenda_versions, pk=pk)
    return render(
        request,
        "workshops/agenda_version.html",
        {"workshop": workshop, "version": version, "agenda": agenda_from_snapshot(version.snapshot)},
    )


@public_page
def agenda_changes(request, slug, pk):
    workshop = workshop_with_visible_agenda(user=request.user, slug=slug)
    version = get_object_or_404(workshop.agenda_versions, pk=pk)
    current = workshop_data(workshop, public_only=True)
    return render(
        request,
        "workshops/agenda_changes.html",
        {"workshop": workshop, "version": version, "changes": compare_agendas(version.snapshot, current)},
    )


@public_page
def workshop_calendar(request, slug):
    workshop = workshop_with_visible_agenda(user=request.user, slug=slug)
    agenda = build_agenda(workshop)
    return _calendar_response(request, workshop, list(agenda.items), f"{workshop.slug}.ics")


@public_page
def item_calendar(request, slug, anchor):
    workshop = workshop_with_visible_agenda(user=request.user, slug=slug)
    items = [item for item in build_agenda(workshop).items if item.anchor == anchor]
    if not items or not timed_items(items):
        raise Http404(_("This agenda item has no time to put in a calendar."))
    return _calendar_response(request, workshop, items, f"{workshop.slug}-{anchor}.ics")


def _calendar_response(request, workshop, items, filename):
    response = HttpResponse(
        calendar_for(workshop, items, site_url=site_url()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
