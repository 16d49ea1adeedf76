"""Countries grouped by the regions of the UN M49 standard, from the table shipped in reports/data/."""

import csv
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

M49_TABLE = Path(__file__).resolve().parent / "data" / "m49.csv"

# The five M49 regions, named in the reader's language; the table itself is in English.
REGION_NAMES = {
    "2": _("Africa"),
    "19": _("Americas"),
    "142": _("Asia"),
    "150": _("Europe"),
    "9": _("Oceania"),
}
UNKNOWN_REGION = _("Other or unknown")


@cache
def region_codes():
    """ISO 3166-1 alpha-2 code → M49 region code."""
    with M49_TABLE.open(encoding="utf-8", newline="") as table:
        return {row["ISO-alpha2 Code"]: row["Region Code"] for row in csv.DictReader(table) if row["Region Code"]}


def region_name(country_code):
    return REGION_NAMES.get(region_codes().get(country_code, ""), UNKNOWN_REGION)
