"""Printed material as PDF, laid out with WeasyPrint from HTML templates and CSS for paged media."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from workshops.selectors import build_agenda

from . import markup

BADGES_PER_SHEET = 8


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
