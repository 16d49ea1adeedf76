"""The secretariat's tools for one workshop, each with the permission it needs, so that links offer only what works."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

VIEW_REGISTRATIONS = "workshops.view_registration"
CHECK_IN = "workshops.change_registration"
VIEW_ROLES = "speakers.view_role"


@dataclass(frozen=True)
class Tool:
    key: str
    url_name: str
    label: str
    permission: str | None  # None: anyone who may see the workshop
    download: bool = False


WORKSHOP_TOOLS = (
    Tool("statistics", "reports:workshop-statistics", _("Statistics"), VIEW_REGISTRATIONS),
    Tool("check-in", "reports:check-in", _("Check-in"), CHECK_IN),
    Tool("badges", "reports:badges", _("Name badges (PDF)"), VIEW_REGISTRATIONS),
    Tool("agenda-pdf", "reports:agenda-pdf", _("Printable agenda (PDF)"), None),
    Tool("speakers-csv", "reports:speakers-csv", _("Speakers (CSV)"), VIEW_ROLES, download=True),
    Tool("speakers-xlsx", "reports:speakers-xlsx", _("Speakers (XLSX)"), VIEW_ROLES, download=True),
)


def workshop_tools(user, workshop):
    """The tools of `workshop` that `user` may use, each as (tool, its address)."""
    return [
        (tool, reverse(tool.url_name, args=[workshop.slug]))
        for tool in WORKSHOP_TOOLS
        if tool.permission is None or user.has_perm(tool.permission)
    ]
