"""The document library and the download of one document."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from idm.core.caching import public_page

from ..forms.filters import DocumentFilterForm
from ..models import Document
from ..selectors import library
from ..selectors.agenda import previews_drafts, visible_workshops


@public_page
def document_library(request):
    workshops = visible_workshops(request.user)
    documents = library.library_documents(preview=previews_drafts(request.user))
    form = DocumentFilterForm(
        request.GET or None,
        workshops=workshops.order_by("-start_date"),
        language_choices=library.document_language_choices(documents),
    )
    searched = False
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("That filter is not valid; choose one of the values offered."))
        documents = documents.none()
    elif form.is_bound:
        documents = library.filter_documents(documents, **form.cleaned_data)
        searched = bool(form.cleaned_data["q"])
    page = library.library_page(documents, number=request.GET.get("page"), searched=searched)
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
