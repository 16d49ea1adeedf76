"""Writes a workshop in the interchange format; the output is canonical, so a round trip is byte-stable."""

import json
from pathlib import PurePosixPath

from workshops.selectors.agenda import build_agenda

from . import FORMAT


def _compact(mapping):
    """Leaves out what the application does not hold: the format treats absent and null alike."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def _time(value):
    return value.strftime("%H:%M") if value else None


def exported_file_path(workshop, document):
    """Where an attached file goes, relative to the exported JSON file."""
    return str(PurePosixPath(f"{workshop.slug}-files") / PurePosixPath(document.file.name).name)


def _document(document, file_path):
    return _compact(
        {
            "kind": document.kind,
            "title": document.title,
            "language": document.language,
            "file": file_path(document) if document.file else None,
            "url": document.url,
            "available": None if document.available else False,
        }
    )


def _affiliation(position, organization, country):
    return {"position": position, "organization": organization, "country": country.code if country else None}


def _role(role, file_path):
    on_behalf_of = None
    if role.on_behalf_of_id:
        on_behalf_of = _compact(
            {
                "person": role.on_behalf_of.slug,
                **_affiliation(role.on_behalf_of_position, role.on_behalf_of_organization, role.on_behalf_of_country),
            }
        )
    return _compact(
        {
            "role": role.kind,
            "person": role.person.slug,
            **_affiliation(role.position, role.organization, role.country),
            "label": role.label,
            "on_behalf_of": on_behalf_of,
            "documents": [_document(document, file_path) for document in role.document_list],
        }
    )


def _question(question):
    if question.sub_list:
        return {"text": question.text, "sub": [sub.text for sub in question.sub_list]}
    return question.text


def _item(item, file_path):
    return _compact(
        {
            "kind": item.kind,
            "number": item.number,
            "title": item.title,
            "start": _time(item.start),
            "end": _time(item.end),
            "description": item.description,
            "questions": [_question(question) for question in item.question_list],
            "roles": [_role(role, file_path) for role in item.role_list],
            "documents": [_document(document, file_path) for document in item.document_list],
            "items": [_item(child, file_path) for child in item.children_list],
        }
    )


def _people(agenda):
    """Each person once, in order of first appearance on the agenda."""
    people = {}
    for item in agenda.items:
        for role in item.role_list:
            for person in (role.person, role.on_behalf_of):
                if person is not None and person.slug not in people:
                    people[person.slug] = _compact(
                        {"id": person.slug, "name": person.name, "honorific": person.honorific}
                    )
    return list(people.values())


def _day(day, file_path):
    # "items" is required by the format, even for a day with nothing on it yet.
    data = _compact({"date": day.date.isoformat() if day.date else None, "label": day.label})
    data["items"] = [_item(item, file_path) for item in day.item_list]
    return data


def workshop_data(workshop, *, file_path=None, public_only=False):
    """The workshop as the format's data; by default the whole record, documents not yet public included."""
    file_path = file_path or (lambda document: exported_file_path(workshop, document))
    agenda = build_agenda(workshop, public_only=public_only)
    theme = {"year": workshop.theme.year, "title": workshop.theme.title} if workshop.theme_id else None
    data = {
        "format": FORMAT,
        "workshop": _compact(
            {
                "slug": workshop.slug,
                "title": workshop.title,
                "kind": workshop.kind,
                "theme": theme,
                "start_date": workshop.start_date.isoformat(),
                "end_date": workshop.end_date.isoformat(),
                "timezone": workshop.timezone,
                "city": workshop.city,
                "country": workshop.country.code if workshop.country else None,
                "venue": workshop.venue,
                "summary": workshop.summary,
                "objectives": list(workshop.objectives),
                "notes": list(workshop.notes),
                "partners": [{"name": partner.name, "role": partner.role} for partner in workshop.partners.all()],
                "agenda_status": workshop.agenda_status,
                "attendance": _compact(
                    {"participants": workshop.reported_participants, "countries": workshop.reported_countries}
                ),
            }
        ),
        "people": _people(agenda),
        "days": [_day(day, file_path) for day in agenda.days],
    }
    documents = [_document(document, file_path) for document in agenda.documents]
    if documents:
        data["documents"] = documents
    return data


def dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
