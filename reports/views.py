from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from idm.core.caching import public_page
from idm.core.exports import csv_response, xlsx_response
from workshops.models import Workshop
from workshops.selectors.agenda import build_agenda, workshop_with_visible_agenda
from workshops.services.registration import mark_attended, undo_attended
from workshops.services.registration_errors import RegistrationError

from . import pdf, selectors, tools
from .forms import CheckInForm
from .models import Publication

CHECK_IN_RESULTS = 50


def secretariat_required(permission):
    """Staff with `permission` only: anyone else signs in first, or is refused."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (request.user.is_staff and request.user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _pdf_response(content, *, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Laying out a PDF takes seconds: readers get the one laid out for the current content version, whatever the
# query string (pdf.rendered_once).
@public_page
def publication_pdf(request, slug):
    """The publication for everyone once published; before that, the secretariat's preview."""
    publications = Publication.objects.all()
    if not request.user.has_perm("reports.view_publication"):
        publications = publications.published()
    try:
        publication = selectors.publication_for_pdf(publications=publications, slug=slug)
    except Publication.DoesNotExist:
        raise Http404(_("There is no such publication.")) from None
    content = pdf.rendered_once(path=request.path, render=lambda: pdf.publication_pdf(publication))
    return _pdf_response(content, filename=f"{publication.slug}.pdf")


@public_page
def agenda_pdf(request, slug):
    workshop = workshop_with_visible_agenda(user=request.user, slug=slug)
    content = pdf.rendered_once(path=request.path, render=lambda: pdf.agenda_pdf(workshop))
    return _pdf_response(content, filename=f"{workshop.slug}-agenda.pdf")


@secretariat_required(tools.VIEW_REGISTRATIONS)
def badges_pdf(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    registrations = (
        workshop.registrations.confirmed().filter(is_anonymized=False).order_by("family_name", "given_name", "pk")
    )
    return _pdf_response(pdf.badges_pdf(workshop, registrations), filename=f"{workshop.slug}-badges.pdf")


def _search_by_name(registrations, text):
    """Every word must appear in the given or the family name, so “ana garcia” finds “Ana María García”."""
    for word in text.split():
        registrations = registrations.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    return registrations


@secretariat_required(tools.CHECK_IN)
@require_http_methods(["GET", "POST"])
def check_in(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    confirmed = workshop.registrations.confirmed().filter(is_anonymized=False)
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if not form.is_valid():
            raise Http404(_("This registration no longer exists."))
        query = form.cleaned_data["q"]
        registration = get_object_or_404(workshop.registrations, pk=form.cleaned_data["registration"])
        if form.cleaned_data["undo"]:
            step, done = undo_attended, _("%(name)s is no longer checked in.")
        else:
            step, done = mark_attended, _("%(name)s is checked in.")
        try:
            step(registration=registration)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done % {"name": registration})
        url = reverse("reports:check-in", kwargs={"slug": workshop.slug})
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    query = request.GET.get("q", "").strip()
    results = None
    if query:
        results = list(_search_by_name(confirmed, query).order_by("family_name", "given_name", "pk")[:CHECK_IN_RESULTS])
    counts = selectors.check_in_counts(workshop)
    return render(
        request,
        "reports/check_in.html",
        {"workshop": workshop, "query": query, "results": results, "counts": counts, "limit": CHECK_IN_RESULTS},
    )


def _with_charts(tables):
    # Imported here, not with the module: matplotlib takes a third of a second to import, and this module is
    # imported with the URLs by every server process on its first request, public pages and registrations included,
    # while only the secretariat's statistics draw charts.
    from .charts import bar_chart

    return [{"table": table, "chart": bar_chart(table, title=str(table.title))} for table in tables]


@secretariat_required(tools.VIEW_REGISTRATIONS)
def workshop_statistics(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    tables = [statistic(workshop) for statistic in selectors.WORKSHOP_STATISTICS.values()]
    return render(
        request,
        "reports/workshop_statistics.html",
        {
            "workshop": workshop,
            "statistics": _with_charts(tables),
            "unclassified": selectors.unclassified_speaker_organizations(workshop),
        },
    )


@secretariat_required(tools.VIEW_REGISTRATIONS)
def workshop_statistic_csv(request, slug, key):
    workshop = get_object_or_404(Workshop, slug=slug)
    statistic = selectors.WORKSHOP_STATISTICS.get(key)
    if statistic is None:
        raise Http404(_("There is no such statistic."))
    table = statistic(workshop)
    return csv_response(table.columns, table.rows, filename=f"{workshop.slug}-{key}.csv")


@secretariat_required(tools.VIEW_REGISTRATIONS)
def overall_statistics(request):
    tables = [statistic() for statistic in selectors.OVERALL_STATISTICS.values()]
    return render(request, "reports/overall_statistics.html", {"statistics": _with_charts(tables)})


@secretariat_required(tools.VIEW_REGISTRATIONS)
def overall_statistic_csv(request, key):
    statistic = selectors.OVERALL_STATISTICS.get(key)
    if statistic is None:
        raise Http404(_("There is no such statistic."))
    table = statistic()
    return csv_response(table.columns, table.rows, filename=f"idm-{key}.csv")


SPEAKER_COLUMNS = (
    gettext_lazy("name"),
    gettext_lazy("role"),
    gettext_lazy("agenda item"),
    gettext_lazy("position"),
    gettext_lazy("organization"),
    gettext_lazy("country"),
)


def _speaker_rows(agenda):
    for item in agenda.items:
        item_name = item.full_title
        for role in item.role_list:
            yield [
                str(role.person),
                role.get_kind_display(),
                item_name,
                role.position,
                role.organization,
                role.country.name,
            ]


@secretariat_required(tools.VIEW_ROLES)
def speakers_export(request, slug, file_format):
    workshop = get_object_or_404(Workshop, slug=slug)
    rows = list(_speaker_rows(build_agenda(workshop)))
    header = [str(title) for title in SPEAKER_COLUMNS]
    filename = f"{workshop.slug}-speakers.{file_format}"
    if file_format == "xlsx":
        return xlsx_response(header, rows, filename=filename, sheet_title=_("Speakers"))
    return csv_response(header, rows, filename=filename)
