"""Downloads as CSV and XLSX, each cell plain text that no spreadsheet runs as a formula."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from workshops.registration_admin import neutralize_formula

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    # Numbers stay numbers, so that a spreadsheet can add them up; text is neutralized.
    return value if isinstance(value, int | float) else neutralize_formula(value)


def _safe_rows(header, rows):
    yield [neutralize_formula(title) for title in header]
    for row in rows:
        yield [_cell(value) for value in row]


def _attachment(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(header, rows, *, filename):
    buffer = io.StringIO()
    # The byte-order mark makes spreadsheet programs read the accents right.
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(_safe_rows(header, rows))
    return _attachment(buffer.getvalue(), content_type="text/csv; charset=utf-8", filename=filename)


def xlsx_response(header, rows, *, filename, sheet_title):
    workbook = Workbook(write_only=True)
    # Excel allows 31 characters in a sheet's name.
    sheet = workbook.create_sheet(str(sheet_title)[:31])
    for row in _safe_rows(header, rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE, filename=filename)
