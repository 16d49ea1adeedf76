"""The changes between two versions of an agenda, as the page “Changes since the provisional agenda” lists them."""

import copy

import pytest

from tests.conftest import demo_data
from workshops.agenda_changes.comparison import compare_agendas
from workshops.agenda_changes.model import ChangeKind, Subject
from workshops.interchange.export import workshop_data
from workshops.selectors.agenda import build_agenda

SESSION_II = "Session II: Key Policy Elements in Comprehensive Labour Migration Management"
SESSION_III = (
    "Session III: The Role of Private Sector and other Stakeholders in Making Labour Migration Work for Development"
)
SESSION_IV = "Session IV: Leveraging the Development Potential of Temporary and Circular Migration"


def text(value):
    return None if value is None else str(value)


def printed(change):
    """A change as the page prints it, its lazy words in English."""
    return {
        "kind": change.kind.value,
        "subject": change.subject.value,
        "where": str(change.where),
        "anchor": change.anchor,
        "before": text(change.before),
        "after": text(change.after),
        "person": str(change.person),
        "role": str(change.role),
        "question": str(change.question),
    }


def changes_between(earlier, current):
    return [printed(change) for change in compare_agendas(earlier, current).changes]


def find(changes, **criteria):
    found = [change for change in changes if all(change[key] == value for key, value in criteria.items())]
    assert len(found) == 1, f"{len(found)} changes match {criteria}"
    return found[0]


@pytest.fixture
def demo_changes():
    return changes_between(demo_data("provisional"), demo_data("final"))


@pytest.fixture
def provisional():
    return demo_data("provisional")


def edited(agenda, edit):
    """A copy of the agenda with one edit made to it."""
    copied = copy.deepcopy(agenda)
    edit(copied)
    return copied


def day_items(agenda, day):
    return agenda["days"][day]["items"]


def test_final_demo_agenda_shows_elijah_achochs_new_position(demo_changes):
    change = find(demo_changes, person="Elijah Achoch", subject="affiliation")

    assert change["kind"] == "changed"
    assert change["where"] == SESSION_III
    assert change["anchor"] == "session-3"
    assert change["role"] == "Speaker"
    assert change["before"] == (
        "Acting Director, Human Resource Management and Employment Department, "
        "Ministry of Labour and Human Resource Development, Kenya"
    )
    assert change["after"] == (
        "Director, Transformative Leadership and Change Management Department, "
        "Cabinet Office, Office of the President, Kenya"
    )


def test_final_demo_agenda_adds_abdelali_tazi_to_session_iv(demo_changes):
    change = find(demo_changes, person="Abdelali Tazi", subject="role")

    assert change["kind"] == "added"
    assert (change["where"], change["anchor"], change["role"]) == (SESSION_IV, "session-4", "Speaker")
    assert change["before"] is None
    assert change["after"] == "Director for International Placement, National Employment Promotion Agency, Morocco"
    assert find(demo_changes, person="Abdelali Tazi", subject="document")["after"] == "Presentation (en)"


def test_final_demo_agenda_corrects_two_organizations(demo_changes):
    korea = find(demo_changes, person="Jung Mino", subject="affiliation")
    tamas = find(demo_changes, person="Kristof Tamas", subject="affiliation")

    assert (korea["kind"], korea["anchor"]) == ("changed", "session-1")
    assert korea["before"] == "Labour Attaché, Permanent mission of the Republic Of Korea in Geneva, South Korea"
    assert korea["after"] == "Labour Attaché, Permanent mission of the Republic of Korea in Geneva, South Korea"
    assert (tamas["kind"], tamas["anchor"]) == ("changed", "session-4")
    assert tamas["before"] == (
        "Seconded National Expert, Directorate-Generasl Justice, Freedom and Security, European Commission"
    )
    assert tamas["after"] == (
        "Seconded National Expert, Directorate-General Justice, Freedom and Security, European Commission"
    )
    # He still speaks on behalf of the same person with the same affiliation: nothing to say about it.
    assert not [change for change in demo_changes if change["subject"] == "on_behalf_of"]


def test_final_demo_agenda_gathers_session_iii_questions_under_the_first(demo_changes, provisional):
    questions = provisional["days"][1]["items"][1]["questions"]

    assert [
        (change["kind"], change["question"], change["before"], change["after"])
        for change in demo_changes
        if change["subject"] == "question"
    ] == [
        ("changed", questions[0], "no sub-questions", "4 sub-questions"),
        ("moved", questions[1], "question 2", "sub-question 1 of question 1"),
        ("moved", questions[2], "question 3", "sub-question 2 of question 1"),
        ("moved", questions[3], "question 4", "sub-question 3 of question 1"),
        ("moved", questions[4], "question 5", "sub-question 4 of question 1"),
    ]
    assert {change["anchor"] for change in demo_changes if change["subject"] == "question"} == {"session-3"}


def test_final_demo_agenda_lists_the_new_documents(demo_changes):
    documents = [change for change in demo_changes if change["subject"] == "document"]

    assert {change["kind"] for change in documents} == {"added"}
    assert [(change["anchor"], change["person"], change["after"]) for change in documents] == [
        ("", "", "Agenda: Final agenda (en)"),
        (
            "",
            "",
            "Report: International Dialogue on Migration: Making Global Labour Mobility a Catalyst for "
            "Development (Red Book) (en)",
        ),
        ("day-1-setting-the-scene", "Lant Pritchett", "Presentation (en)"),
        ("day-1-setting-the-scene", "Michele Klein Solomon", "Presentation (en)"),
        ("session-1", "Kreshna Bunjun", "Paper (en)"),
        ("session-1", "Kreshna Bunjun", "Presentation (en)"),
        ("session-2", "Carlos López", "Presentation (en)"),
        ("session-2", "Les Linklater", "Presentation (en)"),
        ("session-2", "Rebecca Calzado", "Presentation (en)"),
        ("session-2", "Rebecca Calzado", "Paper (en)"),
        ("day-2-migrant-story", "Syed Saiful Haque", "Presentation (en)"),
        ("session-3", "Ghassan Aidi", "Presentation (en)"),
        ("session-3", "Elijah Achoch", "Presentation (en)"),
        ("session-3", "Tristan d'Avezac de Moran", "Presentation (en)"),
        ("session-3", "Tos Q. Añonuevo", "Presentation (en)"),
        ("session-3", "Tos Q. Añonuevo", "Notes (en)"),
        ("session-4", "Jeff Dayton-Johnson", "Presentation (en)"),
        ("session-4", "Andreu Peix Massip", "Presentation (en)"),
        ("session-4", "Abdelali Tazi", "Presentation (en)"),
    ]


def test_final_demo_agenda_changes_the_agenda_status(demo_changes):
    change = find(demo_changes, subject="agenda_status")

    assert (change["kind"], change["before"], change["after"]) == ("changed", "Provisional agenda", "Final agenda")
    assert (change["where"], change["anchor"]) == ("The agenda as a whole", "")


def test_final_demo_agenda_reports_nothing_but_its_real_changes(demo_changes):
    assert {change["anchor"] for change in demo_changes} == {
        "",
        "day-1-setting-the-scene",
        "session-1",
        "session-2",
        "day-2-migrant-story",
        "session-3",
        "session-4",
    }
    assert {change["subject"] for change in demo_changes if change["anchor"] == "session-2"} == {"document"}
    assert [
        (change["kind"], change["subject"], change["person"])
        for change in demo_changes
        if change["subject"] not in ("document", "question")
    ] == [
        ("changed", "agenda_status", ""),
        ("changed", "affiliation", "Jung Mino"),
        ("changed", "affiliation", "Elijah Achoch"),
        ("changed", "affiliation", "Kristof Tamas"),
        ("added", "role", "Abdelali Tazi"),
    ]
    assert compare_agendas(demo_data("provisional"), demo_data("final")).counts == {
        "added": 20,
        "removed": 0,
        "moved": 4,
        "changed": 5,
    }


def test_final_demo_agenda_groups_changes_by_item_in_printed_order():
    groups = compare_agendas(demo_data("provisional"), demo_data("final")).groups

    assert [(str(group.where), group.anchor) for group in groups] == [
        ("The agenda as a whole", ""),
        ("Day I — Setting the Scene", "day-1-setting-the-scene"),
        (
            "Session I: Towards More Effective Labour Migration Management: Assessing Labour Market Needs and "
            "Labour Force Skills Profiles",
            "session-1",
        ),
        (SESSION_II, "session-2"),
        ("Day II — Migrant Story", "day-2-migrant-story"),
        (SESSION_III, "session-3"),
        (SESSION_IV, "session-4"),
    ]
    assert all(change.anchor == group.anchor for group in groups for change in group.changes)


def test_identical_agendas_have_no_changes(provisional):
    changes = compare_agendas(provisional, copy.deepcopy(provisional))

    assert changes.is_empty
    assert changes.groups == []
    assert changes.counts == {"added": 0, "removed": 0, "moved": 0, "changed": 0}
    assert not compare_agendas(demo_data("provisional"), demo_data("final")).is_empty


def test_new_start_time_is_a_time_change(provisional):
    current = edited(provisional, lambda agenda: day_items(agenda, 0)[6].update(start="15:30"))

    assert changes_between(provisional, current) == [
        {
            "kind": "changed",
            "subject": "time",
            "where": SESSION_II,
            "anchor": "session-2",
            "before": "15:00–18:00",
            "after": "15:30–18:00",
            "person": "",
            "role": "",
            "question": "",
        }
    ]


def test_retitled_item_is_a_title_change_linked_to_its_new_anchor(provisional):
    current = edited(provisional, lambda agenda: day_items(agenda, 0)[2].update(title="Keynote Address"))

    [change] = changes_between(provisional, current)

    assert (change["kind"], change["subject"]) == ("changed", "title")
    assert (change["before"], change["after"]) == ("Keynote Presentation", "Keynote Address")
    assert (change["where"], change["anchor"]) == ("Day I — Keynote Address", "day-1-keynote-address")


def test_inserted_item_is_added_without_moving_those_after_it(provisional):
    photo = {"kind": "other", "title": "Group Photo", "start": "13:00", "end": "13:10"}
    current = edited(provisional, lambda agenda: day_items(agenda, 0).insert(5, photo))

    [change] = changes_between(provisional, current)

    assert (change["kind"], change["subject"], change["after"]) == ("added", "item", "Group Photo")
    assert (change["where"], change["anchor"]) == ("Day I — Group Photo", "day-1-group-photo")


def test_removed_item_is_listed_where_it_was(provisional):
    def edit(agenda):
        items = day_items(agenda, 1)
        items[3]["end"] = "18:00"
        items[5]["start"] = "18:00"
        del items[4]

    groups = compare_agendas(provisional, edited(provisional, edit)).groups

    assert [(str(group.where), group.anchor) for group in groups] == [
        (SESSION_IV, "session-4"),
        ("Day II — Wrap-up and Closing Remarks", ""),
        ("Day II — End of Workshop", "day-2-end-of-workshop"),
    ]
    [removal] = groups[1].changes
    assert (removal.kind, removal.subject, removal.before) == ("removed", "item", "Wrap-up and Closing Remarks")


def test_item_moved_to_another_day(provisional):
    def edit(agenda):
        day_items(agenda, 0).insert(7, day_items(agenda, 1).pop(0))

    [change] = changes_between(provisional, edited(provisional, edit))

    assert (change["kind"], change["subject"]) == ("moved", "item")
    assert (change["where"], change["anchor"]) == ("Day I — Migrant Story", "day-1-migrant-story")
    assert change["before"] == "Day II, at the start"
    assert change["after"] == f"Day I, after “{SESSION_II}”"


def test_item_moved_within_its_day_alone_is_reported_as_moved(provisional):
    def edit(agenda):
        items = day_items(agenda, 1)
        items.insert(3, items.pop(0))

    [change] = changes_between(provisional, edited(provisional, edit))

    assert (change["kind"], change["subject"], change["anchor"]) == ("moved", "item", "day-2-migrant-story")
    assert (change["before"], change["after"]) == ("Day II, at the start", f"Day II, after “{SESSION_IV}”")


def test_inserted_session_renumbers_the_following_ones(provisional):
    new_session = {"kind": "session", "number": 3, "title": "Regional Perspectives", "start": "10:15", "end": "11:00"}

    def edit(agenda):
        items = day_items(agenda, 1)
        items[1]["number"], items[3]["number"] = 4, 5
        items.insert(1, new_session)

    changes = changes_between(provisional, edited(provisional, edit))

    assert [
        (change["kind"], change["subject"], change["anchor"], change["before"], change["after"]) for change in changes
    ] == [
        ("added", "item", "session-3", None, "Session III: Regional Perspectives"),
        ("changed", "heading", "session-4", "Session III", "Session IV"),
        ("changed", "heading", "session-5", "Session IV", "Session V"),
    ]


def test_removed_speaker(provisional):
    current = edited(provisional, lambda agenda: day_items(agenda, 0)[6]["roles"].pop(1))

    [change] = changes_between(provisional, current)

    assert (change["kind"], change["subject"], change["anchor"]) == ("removed", "role", "session-2")
    assert (change["person"], change["role"]) == ("Carlos López", "Speaker")
    assert change["before"] == (
        "Under Secretary of Consular Services, Ministry of External Relations, Commerce and Integration, Ecuador"
    )
    assert change["after"] is None


def test_speakers_in_a_new_order(provisional):
    def edit(agenda):
        roles = day_items(agenda, 0)[6]["roles"]
        roles.append(roles.pop(1))

    [change] = changes_between(provisional, edited(provisional, edit))

    assert (change["kind"], change["subject"], change["person"]) == ("moved", "role", "Carlos López")
    assert (change["before"], change["after"]) == ("after Ricardo Cordero", "after Rebecca Calzado")


def test_new_moderator_on_behalf_of_someone(provisional):
    def edit(agenda):
        role = day_items(agenda, 0)[6]["roles"][0]
        role["role"] = "chair"
        role["on_behalf_of"] = {"person": "brunson-mckinley", "position": "Director General", "organization": "IOM"}

    changes = changes_between(provisional, edited(provisional, edit))

    assert [
        (change["kind"], change["subject"], change["person"], change["before"], change["after"]) for change in changes
    ] == [
        ("changed", "role", "Ricardo Cordero", "Moderator", "Chair"),
        ("changed", "on_behalf_of", "Ricardo Cordero", None, "Brunson McKinley, Director General, IOM"),
    ]


def test_added_question(provisional):
    question = "What role can regional consultative processes play?"
    current = edited(provisional, lambda agenda: day_items(agenda, 0)[4]["questions"].append(question))

    [change] = changes_between(provisional, current)

    assert (change["kind"], change["subject"], change["anchor"]) == ("added", "question", "session-1")
    assert (change["before"], change["after"]) == (None, question)


def test_corrected_question_is_one_change_not_a_removal_and_an_addition(provisional):
    questions = provisional["days"][0]["items"][4]["questions"]
    corrected = questions[1].replace("employed", "used")
    current = edited(provisional, lambda agenda: day_items(agenda, 0)[4]["questions"].__setitem__(1, corrected))

    [change] = changes_between(provisional, current)

    assert (change["kind"], change["subject"]) == ("changed", "question")
    assert (change["before"], change["after"]) == (questions[1], corrected)


def test_document_now_marked_as_unavailable(provisional):
    current = edited(provisional, lambda agenda: agenda["documents"][0].update(available=False))

    [change] = changes_between(provisional, current)

    assert (change["kind"], change["subject"]) == ("changed", "document")
    assert (
        change["before"]
        == "Background paper: Background paper: Making Global Labour Mobility a Catalyst for Development (en)"
    )
    assert change["after"] == f"{change['before']} — no document"


def test_day_moved_to_another_date_and_new_footnote(provisional):
    def edit(agenda):
        agenda["days"][1]["date"] = "2007-10-10"
        agenda["workshop"]["notes"].append("Interpretation in English, French and Spanish.")

    changes = changes_between(provisional, edited(provisional, edit))

    assert [
        (change["kind"], change["subject"], change["where"], change["before"], change["after"]) for change in changes
    ] == [
        ("changed", "day", "Day II", "2007-10-09 — Day II", "2007-10-10 — Day II"),
        ("added", "footnote", "Footnotes", None, "Interpretation in English, French and Spanish."),
    ]


def test_change_kinds_and_subjects_have_readable_names():
    assert str(ChangeKind.MOVED.label) == "moved"
    assert str(Subject.ON_BEHALF_OF.label) == "on behalf of"
    assert str(Subject.AGENDA_STATUS.label) == "agenda status"


@pytest.mark.django_db
def test_stored_earlier_agenda_compares_with_the_workshop_as_it_stands(demo_workshop):
    """The snapshot kept on import and the workshop's data give the same changes as the two demo files."""
    snapshot = demo_workshop.agenda_versions.get().snapshot
    current = workshop_data(demo_workshop, public_only=True)

    assert changes_between(snapshot, current) == changes_between(demo_data("provisional"), demo_data("final"))


@pytest.mark.django_db
def test_anchors_are_those_of_the_agenda_page(demo_workshop):
    """Editing every description reports every item once, with the anchor the agenda page gives it."""
    current = workshop_data(demo_workshop, public_only=True)

    def edit(items):
        for item in items:
            item["description"] = "Draft."
            edit(item.get("items") or [])

    earlier = copy.deepcopy(current)
    for day in earlier["days"]:
        edit(day["items"])

    groups = compare_agendas(earlier, current).groups
    assert [group.anchor for group in groups] == [item.anchor for item in build_agenda(demo_workshop).items]
