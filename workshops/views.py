import mimetypes
from itertools import groupby

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from idm.core.caching import public_page
from idm.core.site_url import site_url

from . import selectors
from .calendars import calendar_for, timed_items
from .changes import compare_agendas
from .filters import ArchiveFilterForm, DocumentFilterForm
from .interchange.export import workshop_data
from .models import Document, Workshop


def previews_drafts(user):
    return user.has_perm("workshops.view_workshop")


def visible_workshops(user):
    """Drafts are the secretariat's to preview; everyone else sees published workshops only."""
    workshops = Workshop.objects.all()
    return workshops if previews_drafts(user) else workshops.published()


def sees_agenda(user, workshop):
    """The secretariat previews every agenda; everyone else sees an agenda once it is public."""
    return workshop.has_public_agenda or previews_drafts(user)


def workshop_with_visible_agenda(request, slug):
    """The workshop of a page, file or calendar made of its agenda alone."""
    workshop = get_object_or_404(visible_workshops(request.user), slug=slug)
    if not sees_agenda(request.user, workshop):
        raise Http404(_("This workshop's agenda has not been published yet."))
    return workshop


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
    workshop = get_object_or_404(selectors.workshops_for_detail_page(visible_workshops(request.user)), slug=slug)
    agenda_shown = sees_agenda(request.user, workshop)
    agenda = selectors.build_agenda(workshop) if agenda_shown else selectors.workshop_documents_only(workshop)
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
    workshop = workshop_with_visible_agenda(request, slug)
    version = get_object_or_404(workshop.agenda_versions, pk=pk)
    return render(
        request,
        "workshops/agenda_version.html",
        {"workshop": workshop, "version": version, "agenda": selectors.agenda_from_snapshot(version.snapshot)},
    )


@public_page
def agenda_changes(request, slug, pk):
    workshop = workshop_with_visible_agenda(request, slug)
    version = get_object_or_404(workshop.agenda_versions, pk=pk)
    current = workshop_data(workshop, public_only=True)
    return render(
        request,
        "workshops/agenda_changes.html",
        {"workshop": workshop, "version": version, "changes": compare_agendas(version.snapshot, current)},
    )


@public_page
def workshop_calendar(request, slug):
    workshop = workshop_with_visible_agenda(request, slug)
    agenda = selectors.build_agenda(workshop)
    return _calendar_response(request, workshop, list(agenda.items), f"{workshop.slug}.ics")


@public_page
def item_calendar(request, slug, anchor):
    workshop = workshop_with_visible_agenda(request, slug)
    items = [item for item in selectors.build_agenda(workshop).items if item.anchor == anchor]
    if not items or not timed_items(items):
        raise Http404(_("This agenda item has no time to put in a calendar."))
    return _calendar_response(request, workshop, items, f"{workshop.slug}-{anchor}.ics")


def _calendar_response(request, workshop, items, filename):
    response = HttpResponse(
        calendar_for(workshop, items, site_url=site_url()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_page
def document_library(request):
    workshops = visible_workshops(request.user)
    documents = selectors.library_documents(preview=previews_drafts(request.user))
    form = DocumentFilterForm(
        request.GET or None,
        workshops=workshops.order_by("-start_date"),
        language_choices=selectors.document_language_choices(documents),
    )
    searched = False
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("That filter is not valid; choose one of the values offered."))
        documents = documents.none()
    elif form.is_bound:
        documents = selectors.filter_documents(documents, **form.cleaned_data)
        searched = bool(form.cleaned_data["q"])
    page = selectors.library_page(documents, number=request.GET.get("page"), searched=searched)
    return render(request, "workshops/document_library.html", {"form": form, "page": page})


def document_download(request, pk):
    documents = (
        Document.objects.all() if request.user.has_perm("workshops.view_document") else Document.objects.public()
    )
    document = get_object_or_404(documents, pk=pk)
    if document.file:
        filename = document.file.name.rsplit("/", 1)[-1]
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        # Only PDFs open in the browser; anything else is saved, never rendered by it.
        return FileResponse(
            document.file.open("rb"),
            as_attachment=content_type != "application/pdf",
            filename=filename,
            content_type=content_type,
        )
    if document.url:
        return redirect(document.url)
    raise Http404(_("This document has no file."))
