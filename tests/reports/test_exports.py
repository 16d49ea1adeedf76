"""The speakers of a workshop as CSV and XLSX, in agenda order, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import AgendaItemFactory, DayFactory, RoleFactory, SecretariatViewerFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

HEADER = ["name", "role", "agenda item", "position", "organization", "country"]


@pytest.fixture
def workshop():
    workshop = WorkshopFactory(slug="exported")
    day = DayFactory(workshop=workshop)
    session = AgendaItemFactory(day=day, kind="session", number=2, title="Key Policy Elements", order=2)
    welcome = AgendaItemFactory(day=day, kind="welcome", title="Welcome Remarks", order=1)
    discussion = AgendaItemFactory(day=day, parent=session, kind="discussion", title="General Discussion", order=1)
    RoleFactory(
        item=session,
        person__name="Ricardo Cordero",
        kind="moderator",
        position="Senior Expert",
        organization="IOM",
        country="",
        order=1,
    )
    RoleFactory(
        item=session,
        person__name="Les Linklater",
        position="Director General",
        organization='=HYPERLINK("x")',
        country="CA",
        order=2,
    )
    RoleFactory(
        item=welcome,
        person__name="Brunson McKinley",
        position="Director General",
        organization="IOM",
        country="",
        order=1,
    )
    RoleFactory(
        item=discussion,
        person__name="Rapporteur Person",
        kind="rapporteur",
        position="-1+1",
        organization="@SUM",
        country="CH",
        order=1,
    )
    return workshop


@pytest.fixture
def viewer(client):
    client.force_login(SecretariatViewerFactory())
    return client


AS_TYPED = [
    HEADER,
    ["Brunson McKinley", "Speaker", "Welcome Remarks", "Director General", "IOM", ""],
    ["Ricardo Cordero", "Moderator", "Session II: Key Policy Elements", "Senior Expert", "IOM", ""],
    ["Les Linklater", "Speaker", "Session II: Key Policy Elements", "Director General", '=HYPERLINK("x")', "Canada"],
    ["Rapporteur Person", "Rapporteur", "General Discussion", "-1+1", "@SUM", "Switzerland"],
]
# A spreadsheet would run these three as formulas when it opens the CSV file.
NEUTRALIZED = {'=HYPERLINK("x")': '\'=HYPERLINK("x")', "-1+1": "'-1+1", "@SUM": "'@SUM"}


def test_speakers_as_csv_in_agenda_order_with_formulas_neutralized(viewer, workshop):
    response = viewer.get(reverse("reports:speakers-csv", kwargs={"slug": workshop.slug}))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="exported-speakers.csv"'
    assert list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == [
        [NEUTRALIZED.get(cell, cell) for cell in row] for row in AS_TYPED
    ]


def test_speakers_as_xlsx_with_the_rows_as_typed_in_text_cells(viewer, workshop):
    response = viewer.get(reverse("reports:speakers-xlsx", kwargs={"slug": workshop.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "Speakers"
    assert rows == AS_TYPED
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {"s"}


def test_statistics_csv_neutralizes_formulas_too(viewer):
    workshop = WorkshopFactory()
    RoleFactory(item__day__workshop=workshop, organization="=cmd|' /C calc'!A0", country="")

    response = viewer.get(
        reverse("reports:workshop-statistic-csv", kwargs={"slug": workshop.slug, "key": "speakers-organization-type"})
    )

    assert response.status_code == 200
    assert "=cmd" not in response.content.decode().replace("'=cmd", "")
