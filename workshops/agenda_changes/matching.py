"""Both versions read as comparable entries, and the entries of one paired with those of the other: the same item
or question even when it was renumbered, moved or lightly edited."""

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import roman
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from speakers.models import printed_affiliation

from ..models import AgendaItem, Document
from ..models.agenda import item_anchor, numbered_title


def _percent(message, values):
    return message % values


# Interpolates only when printed, so that the words are those of the reader's language.
interpolate = lazy(_percent, str)


# How alike two texts must be for the second to count as an edit of the first rather than a new text.
EDIT_SIMILARITY = 0.8


@dataclass(eq=False)
class Place:
    where: str
    anchor: str = ""


@dataclass(eq=False)
class _Item:
    """An agenda item of one version, with where it is printed."""

    data: dict
    day: int
    day_label: str
    where: str
    anchor: str
    parent: "_Item | None"
    previous: "_Item | None"
    children: list = field(default_factory=list)


@dataclass(eq=False)
class _Question:
    text: str
    number: int
    parent: int | None = None  # the index, in the flat list, of the question this one is under
    sub: int | None = None
    sub_count: int = 0


def heading(data):
    """“Session III” for numbered items, the kind alone otherwise, as AgendaItem.heading."""
    kind = AgendaItem.Kind(data["kind"]).label
    return format_lazy("{} {}", kind, roman.toRoman(data["number"])) if data.get("number") else kind


def printed_title(data):
    return lazy(numbered_title, str)(heading(data), data["title"]) if data.get("number") else data["title"]


def _anchor(data, day_index, parent):
    return item_anchor(
        kind=data["kind"],
        number=data.get("number"),
        title=data["title"],
        day_order=day_index + 1,
        parent_anchor=parent.anchor if parent else None,
    )


def day_label_of(day, index):
    return day.get("label") or day.get("date") or interpolate(_("Day %(number)s"), {"number": index + 1})


def day_text(day, index):
    return " — ".join(part for part in (day.get("date"), day.get("label")) if part) or day_label_of(day, index)


def _items(data, day_index, day_label, parent=None):
    items, previous = [], None
    for item_data in data:
        anchor = _anchor(item_data, day_index, parent)
        if parent:
            where = format_lazy("{} — {}", parent.where, printed_title(item_data))
        elif item_data.get("number"):
            where = printed_title(item_data)
        else:
            where = format_lazy("{} — {}", day_label, item_data["title"])
        item = _Item(item_data, day_index, day_label, where, anchor, parent, previous)
        item.children = _items(item_data.get("items") or [], day_index, day_label, parent=item)
        items.append(item)
        previous = item
    return items


def top_items(agenda):
    return [
        item
        for index, day in enumerate(agenda.get("days") or [])
        for item in _items(day.get("items") or [], index, day_label_of(day, index))
    ]


def question_entries(item_data):
    """The item's questions as one list, each sub-question right after the question it is under."""
    flat = []
    for number, question in enumerate(item_data.get("questions") or [], start=1):
        if isinstance(question, str):
            question = {"text": question}
        subs = question.get("sub") or []
        parent = len(flat)
        flat.append(_Question(question["text"], number, sub_count=len(subs)))
        flat.extend(_Question(text, number, parent, sub) for sub, text in enumerate(subs, start=1))
    return flat


def time(data):
    if not data.get("start"):
        return None
    return f"{data['start']}–{data['end']}" if data.get("end") else data["start"]


_lazy_affiliation = lazy(printed_affiliation, str)


def affiliation_text(data):
    """As the agenda prints it, the country named in the reader's language; "" when the agenda prints none."""
    parts = (data.get("position") or "", data.get("organization") or "", data.get("country") or "")
    return _lazy_affiliation(*parts) if any(parts) else ""


def person_names(agenda):
    return {
        person["id"]: " ".join(part for part in (person.get("honorific"), person["name"]) if part)
        for person in agenda.get("people") or []
    }


def document_entry(data):
    kind = Document.Kind(data["kind"]).label
    text = format_lazy("{}: {}", kind, data["title"]) if data.get("title") else kind
    if data.get("language"):
        text = format_lazy("{} ({})", text, data["language"])
    return text if data.get("available") is not False else format_lazy("{} — {}", text, _("no document"))


def document_key(data):
    return (data["kind"], data.get("title") or "", data.get("language") or "")


def item_placement(item):
    previous = {"item": printed_title(item.previous.data)} if item.previous else None
    if item.parent:
        return interpolate(_("after “%(item)s”"), previous) if previous else _("at the start")
    if previous:
        return interpolate(_("%(day)s, after “%(item)s”"), {"day": item.day_label, **previous})
    return interpolate(_("%(day)s, at the start"), {"day": item.day_label})


def question_position(question):
    if question.sub:
        return interpolate(
            _("sub-question %(sub)s of question %(number)s"), {"sub": question.sub, "number": question.number}
        )
    return interpolate(_("question %(number)s"), {"number": question.number})


def sub_questions(count):
    if not count:
        return _("no sub-questions")
    return interpolate(ngettext_lazy("%(count)d sub-question", "%(count)d sub-questions", "count"), {"count": count})


def pair(earlier, current, keys, *, earlier_places=None, current_places=None):
    """Pairs the entries of two versions: {current index: earlier index}.

    Each key is tried in turn on what is still unpaired (a key giving None leaves the entry out). Among equal
    keys an entry in the same place (the same day) is taken first, so that a “General Discussion” or a break
    repeated every day pairs with its own day's; then the first in printed order.
    """
    earlier_places = earlier_places or [None] * len(earlier)
    current_places = current_places or [None] * len(current)
    pairs = {}
    for key in keys:
        for same_place in (True, False):
            pool = defaultdict(list)
            taken = set(pairs.values())
            for index, entry in enumerate(earlier):
                value = key(entry)
                if index not in taken and value is not None:
                    pool[(earlier_places[index], value) if same_place else value].append(index)
            for index, entry in enumerate(current):
                value = key(entry)
                if index in pairs or value is None:
                    continue
                options = pool.get((current_places[index], value) if same_place else value)
                if options:
                    pairs[index] = options.pop(0)
    return pairs


def _pair_lone_kinds(earlier, current, pairs, earlier_places, current_places):
    """Pairs the one unnumbered item of a kind left unpaired on each side of a day: its title was edited."""
    left = defaultdict(lambda: ([], []))
    taken = set(pairs.values())
    for side, items, places, done in ((0, earlier, earlier_places, taken), (1, current, current_places, pairs)):
        for index, item in enumerate(items):
            if index not in done and not item.data.get("number"):
                left[(places[index], item.data["kind"])][side].append(index)
    for earlier_left, current_left in left.values():
        if len(earlier_left) == len(current_left) == 1:
            pairs[current_left[0]] = earlier_left[0]


def pair_edited(earlier_texts, current_texts, pairs):
    """Pairs a text left unpaired with the most alike text left on the other side, when it is a mere edit."""
    for index, text in enumerate(current_texts):
        if index in pairs:
            continue
        taken = set(pairs.values())
        ratios = [
            (SequenceMatcher(None, earlier_text, text).ratio(), earlier_index)
            for earlier_index, earlier_text in enumerate(earlier_texts)
            if earlier_index not in taken
        ]
        ratio, earlier_index = max(ratios, default=(0, None))
        if ratio >= EDIT_SIMILARITY:
            pairs[index] = earlier_index


def _out_of_order(sequence):
    """Positions off a longest increasing run of `sequence`: the fewest entries that account for the new order.

    Something inserted before an entry leaves it in order; only what changed places relative to the rest is out.
    """
    length, previous = [1] * len(sequence), [-1] * len(sequence)
    for position, value in enumerate(sequence):
        for before in range(position):
            if sequence[before] < value and length[before] + 1 > length[position]:
                length[position], previous[position] = length[before] + 1, before
    kept, position = set(), max(range(len(sequence)), key=length.__getitem__, default=-1)
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return {position for position in range(len(sequence)) if position not in kept}


def reordered_pairs(pairs, among):
    """The current entries, of those in `among`, whose order relative to one another changed."""
    order = [index for index in among if index in pairs]
    return {order[position] for position in _out_of_order([pairs[index] for index in order])}


def merged_order(earlier_order, current_order, pairs):
    """(current index, None) for each current entry in order, (None, earlier index) for each removed one,
    placed right after the entry it followed."""
    here = {pairs[index]: index for index in current_order if index in pairs}
    paired = set(pairs.values())
    removed_after, previous = defaultdict(list), None
    for index in earlier_order:
        if index in here:
            previous = here[index]
        elif index not in paired:
            removed_after[previous].append(index)
    merged = [(None, index) for index in removed_after[None]]
    for index in current_order:
        merged.append((index, None))
        merged.extend((None, removed) for removed in removed_after[index])
    return merged


_ITEM_KEYS = (
    lambda item: (item.data["kind"], item.data.get("number"), item.data["title"]),
    # A session renumbered because another was inserted keeps its title.
    lambda item: (item.data["kind"], item.data["title"]),
    lambda item: (item.data["kind"], item.data["number"]) if item.data.get("number") else None,
    lambda item: item.data["title"],
)


def pair_items(earlier, current, earlier_places=None, current_places=None):
    earlier_places = earlier_places or [None] * len(earlier)
    current_places = current_places or [None] * len(current)
    pairs = pair(earlier, current, _ITEM_KEYS, earlier_places=earlier_places, current_places=current_places)
    _pair_lone_kinds(earlier, current, pairs, earlier_places, current_places)
    return pairs
