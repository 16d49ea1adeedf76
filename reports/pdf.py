"""Printed material as PDF, laid out with WeasyPrint from HTML templates and CSS for paged media."""

import hashlib
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone

from idm.core.caching import content_version
from workshops.selectors.agenda import build_agenda

from . import markup

BADGES_PER_SHEET = 8
# Laying out a PDF takes seconds of a core and much memory: a server process lays out at most this many at once.
MAX_CONCURRENT_RENDERS = 2
# A PDF is kept under its content version, which no later request asks for once the content changes; the
# timeout only lets the memory go.
RENDERED_PDF_SECONDS = 24 * 60 * 60

_renders = threading.BoundedSemaphore(MAX_CONCURRENT_RENDERS)
_locks_guard = threading.Lock()
_locks = {}  # cache key: [lock, number of requests holding or waiting for it]


def rendered_once(*, path, render):
    """The bytes of the PDF at `path` under the current content version, laid out by `render()` only if no
    request has done so yet.

    Anyone may download the public PDFs, so the query string plays no part: a new one must not cost a new
    layout. A request for a PDF that another request is laying out waits for it and takes its bytes.
    """
    token, _changed_at = content_version()
    key = "pdf:" + hashlib.sha256(f"{token}:{path}".encode()).hexdigest()
    rendered = caches["pages"]
    content = rendered.get(key)
    if content is None:
        with _one_at_a_time(key):
            content = rendered.get(key)
            if content is None:
                with _renders:
                    content = render()
                rendered.set(key, content, RENDERED_PDF_SECONDS)
    return content


@contextmanager
def _one_at_a_time(key):
    """A lock of the key's own, dropped when no request holds or waits for it, so that keys do not pile up."""
    with _locks_guard:
        entry = _locks.setdefault(key, [threading.Lock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            yield
    finally:
        with _locks_guard:
            entry[1] -= 1
            if not entry[1]:
                del _locks[key]


def html_to_pdf(html):
    # Imported here: WeasyPrint loads Pango and fonts, which only the PDF views need.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _workshop_agenda(workshop):
    return {"workshop": workshop, "agenda": build_agenda(workshop)}


def publication_pdf(publication):
    """The whole publication: cover, contents, foreword, Part I the report, Part II the agendas and background
    paper, with footnotes at the foot of each page."""
    foreword = markup.render(publication.foreword, prefix="foreword")
    report = markup.render(publication.report, prefix="report")
    background = markup.render(publication.background_paper, prefix="background")
    workshops = sorted(publication.workshops.all(), key=lambda workshop: (workshop.start_date, workshop.title))
    html = render_to_string(
        "reports/pdf/publication.html",
        {
            "publication": publication,
            "workshops": workshops,
            "agendas": [_workshop_agenda(workshop) for workshop in workshops],
            "foreword": foreword,
            "acknowledgements": markup.render(publication.acknowledgements, prefix="acknowledgements"),
            "report": report,
            "background": background,
        },
    )
    return html_to_pdf(html)


def agenda_pdf(workshop):
    """The agenda as it is printed for the meeting room, its status and date of issue on every page."""
    html = render_to_string("reports/pdf/agenda.html", _workshop_agenda(workshop))
    return html_to_pdf(html)


def badges_pdf(workshop, registrations):
    """Name badges, eight to an A4 sheet, to cut along the dashed lines."""
    registrations = list(registrations)
    sheets = [
        registrations[start : start + BADGES_PER_SHEET] for start in range(0, len(registrations), BADGES_PER_SHEET)
    ]
    html = render_to_string(
        "reports/pdf/badges.html",
        {"workshop": workshop, "sheets": [_rows(sheet) for sheet in sheets], "printed_at": timezone.now()},
    )
    return html_to_pdf(html)


def _rows(sheet, columns=2):
    return [sheet[start : start + columns] for start in range(0, len(sheet), columns)]
