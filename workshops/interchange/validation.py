"""Checks a file against the format: its JSON Schema first, then the rules the prose adds.

Every problem is reported as a path into the file and a reason, so that the secretariat can
fix a file of hundreds of entries without guessing.
"""

import datetime
import json
import sys
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django_countries import countries
from jsonschema import Draft202012Validator

from speakers.models import Person, Role

from ..models import AgendaItem, Day, Document, Partner, Theme, Workshop
from ..validators import document_problem

# Our limits, beyond the shared format (docs/interchange-format.md, “Limits of this application”): what the
# columns hold, so that a file the validator accepts is stored whole on SQLite as on PostgreSQL; and how large
# and how deep a file may be, so that no file can exhaust the memory or the stack of the process reading it.
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_DEPTH = 20
TEXT_MAX_LENGTH = 20_000

# A string or integer of the format is named by the last two names of its path: ("items", "title") is the title
# of an agenda item at any depth; a string of a list is named by the list, ("questions", "") for a question.
_COLUMNS = {
    ("workshop", "slug"): (Workshop, "slug"),
    ("workshop", "title"): (Workshop, "title"),
    ("workshop", "timezone"): (Workshop, "timezone"),
    ("workshop", "city"): (Workshop, "city"),
    ("workshop", "venue"): (Workshop, "venue"),
    ("theme", "title"): (Theme, "title"),
    ("partners", "name"): (Partner, "name"),
    ("people", "id"): (Person, "slug"),
    ("people", "name"): (Person, "name"),
    ("people", "honorific"): (Person, "honorific"),
    ("days", "label"): (Day, "label"),
    ("items", "title"): (AgendaItem, "title"),
    ("roles", "person"): (Person, "slug"),
    ("roles", "position"): (Role, "position"),
    ("roles", "organization"): (Role, "organization"),
    ("roles", "label"): (Role, "label"),
    ("on_behalf_of", "person"): (Person, "slug"),
    ("on_behalf_of", "position"): (Role, "on_behalf_of_position"),
    ("on_behalf_of", "organization"): (Role, "on_behalf_of_organization"),
    ("documents", "title"): (Document, "title"),
    ("documents", "file"): (Document, "file"),
    ("documents", "url"): (Document, "url"),
}
# Stored in columns without a length of their own (text, JSON).
TEXT_FIELDS = (
    ("workshop", "summary"),
    ("objectives", ""),
    ("notes", ""),
    ("items", "description"),
    ("questions", ""),
    ("questions", "text"),
    ("sub", ""),
)
STRING_LIMITS = {
    **{field: model._meta.get_field(name).max_length for field, (model, name) in _COLUMNS.items()},
    **dict.fromkeys(TEXT_FIELDS, TEXT_MAX_LENGTH),
}
_INTEGER_COLUMNS = {
    ("theme", "year"): (Theme, "year"),
    ("items", "number"): (AgendaItem, "number"),
    ("attendance", "participants"): (Workshop, "reported_participants"),
    ("attendance", "countries"): (Workshop, "reported_countries"),
}
# The range every database Django supports holds, SQLite's wider one included: (least, greatest).
INTEGER_RANGES = {
    field: BaseDatabaseOperations.integer_field_ranges[model._meta.get_field(name).get_internal_type()]
    for field, (model, name) in _INTEGER_COLUMNS.items()
}


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self):
        return f"{self.path or '(file)'}: {self.reason}"


class InvalidWorkshopFile(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def json_path(parts):
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


@cache
def _schema_validator():
    schema = json.loads(Path(settings.WORKSHOP_FORMAT_SCHEMA).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


_PATTERN_REASONS = {
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": "is not a time of day (HH:MM, 00:00 to 23:59)",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "is not a date (YYYY-MM-DD)",
    "^[A-Z]{2}$": "is not a country code (ISO 3166-1 alpha-2, e.g. CH)",
    "^[a-z]{2}$": "is not a language code (ISO 639-1, e.g. en)",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "is not a valid identifier (lowercase letters, digits and single hyphens)",
}


def _shown(value):
    """A value as a reason quotes it; shortened, as one string may run to thousands of characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else f"{text[:77]}…"


def _schema_reason(error):
    value = _shown(error.instance)
    if error.validator == "pattern":
        return f"{value} {_PATTERN_REASONS.get(error.validator_value, 'has the wrong form')}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field(s)")
    if error.validator == "enum":
        allowed = ", ".join(json.dumps(option) for option in error.validator_value if option is not None)
        return f"{value} is not one of {allowed}"
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        return (
            "must be a question string or an object with “text” and optional “sub”"
            if "text" in str(error.schema)
            else "must be null or an object with “person” and the affiliation"
        )
    return error.message


def _schema_problems(data):
    errors = sorted(_schema_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    return [Problem(json_path(error.absolute_path), _schema_reason(error)) for error in errors]


def _date(value, path, problems):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.append(Problem(path, f"{json.dumps(value)} is not a date that exists"))
        return None


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


class _RuleChecker:
    """The rules the prose of the format adds to the schema."""

    def __init__(self, data, base_dir):
        self.data = data
        self.base_dir = Path(base_dir).resolve() if base_dir else None
        self.problems = []
        self.people = set()

    def add(self, path, reason):
        self.problems.append(Problem(path, reason))

    def check(self):
        workshop = self.data["workshop"]
        start = _date(workshop["start_date"], "workshop.start_date", self.problems)
        end = _date(workshop["end_date"], "workshop.end_date", self.problems)
        if start and end and end < start:
            self.add("workshop.end_date", f"{end} is before the first day {start}")
        if workshop.get("timezone") and workshop["timezone"] not in zoneinfo.available_timezones():
            self.add("workshop.timezone", f"{json.dumps(workshop['timezone'])} is not an IANA time zone")
        self.country(workshop.get("country"), "workshop.country")

        for index, person in enumerate(self.data["people"]):
            if person["id"] in self.people:
                self.add(f"people[{index}].id", f"{json.dumps(person['id'])} is listed twice")
            self.people.add(person["id"])

        seen_dates = {}
        for day_index, day in enumerate(self.data["days"]):
            path = f"days[{day_index}]"
            date = _date(day["date"], f"{path}.date", self.problems) if day.get("date") else None
            if date and start and end and not start <= date <= end:
                self.add(f"{path}.date", f"{date} is outside the workshop's dates ({start} to {end})")
            if date and date in seen_dates:
                self.add(f"{path}.date", f"{date} is already the date of days[{seen_dates[date]}]")
            if date:
                seen_dates[date] = day_index
            for item_index, item in enumerate(day["items"]):
                self.item(item, f"{path}.items[{item_index}]", parent=None)
        self.documents(self.data.get("documents"), "documents")
        return self.problems

    def country(self, code, path):
        if code and code not in countries:
            self.add(path, f"{json.dumps(code)} is not an ISO 3166-1 country code")

    def item(self, item, path, parent):
        start, end = _time(item.get("start")), _time(item.get("end"))
        if end and not start:
            self.add(f"{path}.start", "is required when the item has an end time")
        elif start and end and end <= start:
            self.add(f"{path}.end", f"{json.dumps(item['end'])} is not after the start {json.dumps(item['start'])}")
        if parent and start:
            parent_start, parent_end = _time(parent.get("start")), _time(parent.get("end"))
            if parent_start and parent_end and not parent_start <= start < parent_end:
                self.add(
                    f"{path}.start",
                    f"{json.dumps(item['start'])} is outside the times of the item it is part of "
                    f"({parent['start']}–{parent['end']})",
                )
        for role_index, role in enumerate(item.get("roles") or []):
            self.role(role, f"{path}.roles[{role_index}]")
        self.documents(item.get("documents"), f"{path}.documents")
        for child_index, child in enumerate(item.get("items") or []):
            self.item(child, f"{path}.items[{child_index}]", parent=item)

    def role(self, role, path):
        if role["person"] not in self.people:
            self.add(f"{path}.person", f"{json.dumps(role['person'])} is not an id in people")
        self.country(role.get("country"), f"{path}.country")
        on_behalf_of = role.get("on_behalf_of")
        if on_behalf_of:
            if on_behalf_of["person"] not in self.people:
                self.add(f"{path}.on_behalf_of.person", f"{json.dumps(on_behalf_of['person'])} is not an id in people")
            elif on_behalf_of["person"] == role["person"]:
                self.add(f"{path}.on_behalf_of.person", "a speaker cannot speak on behalf of themself")
            self.country(on_behalf_of.get("country"), f"{path}.on_behalf_of.country")
        self.documents(role.get("documents"), f"{path}.documents")

    def documents(self, documents, path):
        for index, document in enumerate(documents or []):
            document_path = f"{path}[{index}]"
            if document.get("available") is False and (document.get("file") or document.get("url")):
                self.add(f"{document_path}.available", "is false, but the document has a file or a link")
            if document.get("url"):
                try:
                    URLValidator()(document["url"])
                except ValidationError:
                    self.add(f"{document_path}.url", f"{json.dumps(document['url'])} is not a web address")
            if document.get("file"):
                self.file(document["file"], f"{document_path}.file")

    def file(self, name, path):
        if self.base_dir is None:
            self.add(path, "files can only be imported from a file on disk")
            return
        candidate = (self.base_dir / name).resolve()
        if not candidate.is_relative_to(self.base_dir):
            self.add(path, f"{json.dumps(name)} points outside the directory of the JSON file")
        elif not candidate.is_file():
            self.add(path, f"{json.dumps(name)} does not exist next to the JSON file")
        else:
            with candidate.open("rb") as handle:
                problem = document_problem(handle, candidate.name, candidate.stat().st_size)
            if problem:
                self.add(path, f"{json.dumps(name)}: {problem}")


def _field(parts):
    names = tuple(part for part in parts if isinstance(part, str))
    return names[-2:] if parts and isinstance(parts[-1], str) else (*names[-1:], "")


def _limit_problems(data):
    """Depth, string lengths and integer ranges, checked without recursion before anything else reads the data."""
    problems = []
    stack = [(data, (), 1)]
    while stack:
        value, parts, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                problems.append(Problem(json_path(parts), f"is nested more than {MAX_DEPTH} levels deep"))
                continue
            children = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((child, (*parts, key), depth + 1) for key, child in reversed(list(children)))
            continue
        field = _field(parts)
        if isinstance(value, str):
            limit = STRING_LIMITS.get(field, TEXT_MAX_LENGTH)
            if len(value) > limit:
                problems.append(
                    Problem(json_path(parts), f"is {len(value)} characters long; at most {limit} are accepted")
                )
            elif "\x00" in value:
                problems.append(Problem(json_path(parts), "contains a NUL character, which cannot be stored"))
        elif isinstance(value, int) and field in INTEGER_RANGES:
            least, greatest = INTEGER_RANGES[field]
            if value > greatest:
                problems.append(Problem(json_path(parts), f"{value} is more than {greatest}"))
            elif value < least:
                problems.append(Problem(json_path(parts), f"{value} is less than {least}"))
    return problems


def read(path):
    """Reads and parses a file, its size checked before it is read; returns the data or raises InvalidWorkshopFile."""
    size = path.stat().st_size
    if size > MAX_FILE_SIZE:
        reason = f"is {size} bytes; files of at most {MAX_FILE_SIZE} bytes are accepted"
        raise InvalidWorkshopFile([Problem("", reason)])
    return load(path.read_text(encoding="utf-8"))


def load(text):
    """Parses a file's text; returns the data or raises InvalidWorkshopFile."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        reason = f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise InvalidWorkshopFile([Problem("", reason)]) from None
    except RecursionError:
        raise InvalidWorkshopFile([Problem("", f"is nested more than {MAX_DEPTH} levels deep")]) from None
    except ValueError:
        # Python refuses to read an integer of more than 4300 digits (sys.get_int_max_str_digits).
        reason = f"not valid JSON: a number has more than {sys.get_int_max_str_digits()} digits"
        raise InvalidWorkshopFile([Problem("", reason)]) from None
    return data


def validate(data, *, base_dir=None):
    """Every problem of the data: its limits first, then its schema; the prose rules run only on a file that
    keeps both."""
    problems = _limit_problems(data) or _schema_problems(data)
    if problems:
        return problems
    return _RuleChecker(data, base_dir).check()
