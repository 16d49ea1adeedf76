"""The workshops domain's own rules: what full_clean() refuses, what the database refuses, how things read."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import (
    AgendaItemFactory,
    AgendaVersionFactory,
    DayFactory,
    DocumentFactory,
    PartnerFactory,
    QuestionFactory,
    RoleFactory,
    ThemeFactory,
    WorkshopFactory,
)
from workshops.models import AgendaItem, Day, Document, Partner

pytestmark = pytest.mark.django_db


def errors_of(obj):
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    return refused.value.message_dict


def refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def time(text):
    return datetime.time.fromisoformat(text)


@pytest.fixture
def day():
    workshop = WorkshopFactory(start_date=datetime.date(2007, 10, 8), end_date=datetime.date(2007, 10, 9))
    return DayFactory(workshop=workshop, date=datetime.date(2007, 10, 8), label="Day I", order=1)


def test_workshop_ending_before_it_starts_is_refused():
    workshop = WorkshopFactory.build(
        theme=None, start_date=datetime.date(2007, 10, 9), end_date=datetime.date(2007, 10, 8)
    )

    assert errors_of(workshop)["__all__"] == ["The last day cannot be before the first day."]
    refused_by_database(workshop.save)


@pytest.mark.parametrize("date", ["2007-10-07", "2007-10-10"])
def test_day_outside_the_workshop_dates_is_refused_at_its_date(day, date):
    day.date = datetime.date.fromisoformat(date)

    assert errors_of(day) == {"date": [f"{date} is outside the workshop's dates (2007-10-08 to 2007-10-09)."]}


def test_days_within_the_dates_or_undated_are_accepted(day):
    DayFactory.build(workshop=day.workshop, date=datetime.date(2007, 10, 9)).full_clean()
    DayFactory.build(workshop=day.workshop, date=None).full_clean()


def test_workshop_has_one_day_per_date(day):
    twin = DayFactory.build(workshop=day.workshop, date=day.date)

    assert errors_of(twin)["__all__"] == ["This workshop already has a day with this date."]
    refused_by_database(twin.save)


def test_item_ending_before_it_starts_is_refused_at_its_end(day):
    item = AgendaItemFactory.build(day=day, start=time("11:00"), end=time("10:30"))

    assert errors_of(item) == {"end": ["The end time (10:30) must be after the start time (11:00)."]}
    refused_by_database(item.save)


def test_item_ending_when_it_starts_is_refused(day):
    item = AgendaItemFactory.build(day=day, start=time("11:00"), end=time("11:00"))

    assert "end" in errors_of(item)
    refused_by_database(item.save)


def test_item_with_an_end_needs_a_start(day):
    item = AgendaItemFactory.build(day=day, start=None, end=time("11:00"))

    assert errors_of(item) == {"start": ["An item with an end time needs a start time."]}
    refused_by_database(item.save)


def test_archival_item_without_times_is_accepted(day):
    AgendaItemFactory.build(day=day, start=None, end=None).full_clean()


def test_item_numbers_start_at_one(day):
    item = AgendaItemFactory.build(day=day, number=0)

    assert errors_of(item)["__all__"] == ["Numbers start at 1."]
    refused_by_database(item.save)


def test_sub_item_starting_outside_its_item_is_refused(day):
    session = AgendaItemFactory(day=day, start=time("15:00"), end=time("18:00"))
    breakout = AgendaItemFactory.build(day=day, parent=session, start=time("18:00"), end=time("18:30"))

    assert errors_of(breakout) == {"start": ["A sub-item must start within its item's times (15:00–18:00)."]}


def test_sub_item_within_its_item_is_accepted(day):
    session = AgendaItemFactory(day=day, start=time("15:00"), end=time("18:00"))

    AgendaItemFactory.build(day=day, parent=session, start=time("15:00"), end=time("16:00")).full_clean()


def test_sub_item_on_another_day_is_refused(day):
    session = AgendaItemFactory(day=day)
    other_day = DayFactory(workshop=day.workshop, date=datetime.date(2007, 10, 9), order=2)
    breakout = AgendaItemFactory.build(day=other_day, parent=session)

    assert errors_of(breakout) == {"parent": ["A sub-item must be on the same day as the item it is part of."]}


def test_item_cannot_be_part_of_itself(day):
    item = AgendaItemFactory(day=day)
    item.parent = item

    assert errors_of(item) == {"parent": ["An item cannot be part of itself."]}


def test_sub_question_belongs_to_the_same_item(day):
    question = QuestionFactory(item=AgendaItemFactory(day=day))
    stray = QuestionFactory.build(item=AgendaItemFactory(day=day), parent=question)

    assert errors_of(stray) == {"parent": ["A sub-question must belong to the same agenda item."]}


def test_sub_questions_have_no_sub_questions(day):
    item = AgendaItemFactory(day=day)
    sub_question = QuestionFactory(item=item, parent=QuestionFactory(item=item))

    assert errors_of(QuestionFactory.build(item=item, parent=sub_question)) == {
        "parent": ["Sub-questions cannot have sub-questions of their own."]
    }


def test_document_belongs_to_an_item_or_a_role_not_both(day):
    role = RoleFactory(item=AgendaItemFactory(day=day))
    document = DocumentFactory.build(workshop=day.workshop, item=role.item, role=role)

    assert errors_of(document)["__all__"] == ["A document belongs to an agenda item or to a speaker's role, not both."]
    refused_by_database(document.save)


def test_document_recorded_as_missing_has_no_link(day):
    document = DocumentFactory.build(workshop=day.workshop, available=False, url="https://example.org/paper.pdf")

    assert errors_of(document)["__all__"] == ["A document recorded as “(no document)” cannot have a file or a link."]
    refused_by_database(document.save)


def test_document_language_is_a_two_letter_code(day):
    document = DocumentFactory.build(workshop=day.workshop, language="English")

    assert "language" in errors_of(document)


def test_names_read_as_the_secretariat_writes_them(day):
    theme = ThemeFactory.build(year=2007, title="Migration Management in the Evolving Global Economy")
    partner = PartnerFactory(workshop=day.workshop, name="World Bank", role=Partner.Role.CO_ORGANIZER)
    version = AgendaVersionFactory(workshop=day.workshop, issued_on=datetime.date(2007, 9, 1))

    assert str(theme) == "2007: Migration Management in the Evolving Global Economy"
    assert str(day.workshop) == day.workshop.title
    assert str(partner) == "World Bank (Co-organizer)"
    assert str(day) == "2007-10-08 — Day I"
    assert str(Day(label="Day II")) == "Day II"
    assert str(Day()) == "Undated day"
    assert str(version) == "Provisional agenda (2007-09-01)"


def test_numbered_item_reads_as_its_heading_in_roman_numerals(day):
    item = AgendaItemFactory(day=day, kind=AgendaItem.Kind.SESSION, number=3, title="The Role of the Private Sector")

    assert item.heading == "Session III"
    assert str(item) == "Session III: The Role of the Private Sector"


def test_unnumbered_item_reads_as_its_title_under_its_kind(day):
    item = AgendaItemFactory(day=day, kind=AgendaItem.Kind.KEYNOTE, number=None, title="Keynote Presentation")

    assert item.heading == "Keynote"
    assert str(item) == "Keynote Presentation"


def test_document_without_title_reads_as_its_kind(day):
    assert str(DocumentFactory.build(workshop=day.workshop, title="", kind=Document.Kind.STATEMENT)) == "Statement"


def test_anchor_of_numbered_items_survives_a_change_of_title(day):
    session = AgendaItemFactory(day=day, kind=AgendaItem.Kind.SESSION, number=3, title="Old title")
    breakout = AgendaItemFactory(day=day, parent=session, kind=AgendaItem.Kind.BREAKOUT, number=2)

    session.title = "New title"

    assert session.anchor == "session-3"
    assert breakout.anchor == "session-3-breakout-2"
    assert session.get_absolute_url() == f"{day.workshop.get_absolute_url()}#session-3"


def test_anchor_of_unnumbered_items_follows_day_and_title(day):
    welcome = AgendaItemFactory(day=day, kind=AgendaItem.Kind.WELCOME, number=None, title="Welcome Remarks")
    discussion = AgendaItemFactory(day=day, parent=welcome, number=None, title="General Discussion")

    assert welcome.anchor == "day-1-welcome-remarks"
    assert discussion.anchor == "day-1-welcome-remarks-general-discussion"
