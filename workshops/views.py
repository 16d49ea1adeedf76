from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from .models import Document, Workshop
from .selectors import build_agenda, workshops_for_detail_page


def visible_workshops(user):
    """Drafts are the secretariat's to preview; everyone else sees published workshops only."""
    workshops = Workshop.objects.all()
    return workshops if user.has_perm("workshops.view_workshop") else workshops.published()


def home(request):
    workshops = visible_workshops(request.user).select_related("theme")
    return render(
        request,
        "workshops/home.html",
        {"upcoming": workshops.upcoming(), "past": workshops.past()},
    )


def workshop_detail(request, slug):
    workshop = get_object_or_404(visible_workshops(request.user) & workshops_for_detail_page(), slug=slug)
    return render(
        request,
        "workshops/workshop_detail.html",
        {"workshop": workshop, "agenda": build_agenda(workshop)},
    )


def agenda_version(request, slug, pk):
    workshop = get_object_or_404(visible_workshops(request.user), slug=slug)
    version = get_object_or_404(workshop.agenda_versions, pk=pk)
    return render(request, "workshops/agenda_version.html", {"workshop": workshop, "version": version})


def document_download(request, pk):
    documents = (
        Document.objects.all() if request.user.has_perm("workshops.view_document") else Document.objects.public()
    )
    document = get_object_or_404(documents, pk=pk)
    if document.file:
        return FileResponse(
            document.file.open("rb"), as_attachment=False, filename=document.file.name.rsplit("/", 1)[-1]
        )
    if document.url:
        return redirect(document.url)
    raise Http404("This document has no file.")
