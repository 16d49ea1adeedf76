"""Downloads as CSV and XLSX that keep the data as typed and that no spreadsheet runs as a formula."""

import csv
import io
import itertools
import re

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A spreadsheet opening a CSV file runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# A sign before digits and the separators of telephone numbers and decimals (+254 20 123 4567, -12.5, +1 (555)
# 123-4567, -1.5e3) reads no cell and calls no function: it is data, and an apostrophe would only spoil it.
SIGNED_NUMBER = re.compile(r"[+-][0-9 ().,/-]*[0-9][0-9 ().,/-]*(?:[eE][+-]?[0-9]+)?", re.ASCII)


def neutralize_formula(value):
    """The text of a CSV cell, with a leading apostrophe where a spreadsheet would otherwise run it."""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) and not SIGNED_NUMBER.fullmatch(text):
        return f"'{text}"
    return text


def _is_number(value):
    # Numbers stay numbers, so that a spreadsheet can add them up.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _csv_cell(value):
    return value if _is_number(value) else neutralize_formula(value)


def _xlsx_cell(sheet, value):
    if _is_number(value):
        return value
    # openpyxl refuses the control characters that XML 1.0 cannot hold; a name pasted with one keeps the rest.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    # A cell typed as text is never a formula, whatever it starts with (openpyxl would make "=…" one).
    cell.data_type = "s"
    return cell


def attachment(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(header, rows, *, filename):
    buffer = io.StringIO()
    # The byte-order mark makes spreadsheet programs read the accents right.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([neutralize_formula(title) for title in header])
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return attachment(buffer.getvalue(), content_type="text/csv; charset=utf-8", filename=filename)


def xlsx_response(header, rows, *, filename, sheet_title):
    workbook = Workbook(write_only=True)
    # Excel allows 31 characters in a sheet's name.
    sheet = workbook.create_sheet(str(sheet_title)[:31])
    for row in itertools.chain([header], rows):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE, filename=filename)
