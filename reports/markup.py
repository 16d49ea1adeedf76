"""The secretariat's Markdown, turned into HTML that is safe to print.

Footnotes become spans that the print style sheet floats to the foot of the page, as a printed report
has them; headings are shifted down so that “# Introduction” sits under the part's own title.
"""

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
import nh3
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "sup",
    "sub",
    "span",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, **{tag: {"id"} for tag in ("h2", "h3", "h4", "h5")}}
ALLOWED_CLASSES = {"span": {"footnote"}}
# The footnotes extension puts a non-breaking space before its link back to the text.
NBSP_CHARS = NBSP_PLACEHOLDER + "\xa0 "


class _PageFootnotes(Treeprocessor):
    """Moves each footnote from the list at the end to where it is called, as <span class="footnote">."""

    def run(self, root):
        parents = {child: parent for parent in root.iter() for child in parent}
        notes_div = next((div for div in root.iter("div") if div.get("class") == "footnote"), None)
        if notes_div is None:
            return
        notes = {li.get("id"): li for li in notes_div.iter("li")}
        for sup in list(root.iter("sup")):
            link = sup.find("a")
            if link is None or link.get("class") != "footnote-ref":
                continue
            note = notes.get(link.get("href", "").lstrip("#"))
            span = _note_span(note) if note is not None else etree.Element("span", {"class": "footnote"})
            span.tail = sup.tail
            parent = parents[sup]
            parent.insert(list(parent).index(sup), span)
            parent.remove(sup)
        parents[notes_div].remove(notes_div)


def _note_span(note):
    """The note's paragraphs as one span, without the link back to the text."""
    span = etree.Element("span", {"class": "footnote"})
    for number, paragraph in enumerate(note.findall("p")):
        for backref in [link for link in paragraph.findall("a") if link.get("class") == "footnote-backref"]:
            _remove_keeping_tail(paragraph, backref)
        _append_text(span, (" " if number else "") + (paragraph.text or ""))
        span.extend(list(paragraph))
    if len(span):
        span[-1].tail = (span[-1].tail or "").rstrip(NBSP_CHARS)
    else:
        span.text = (span.text or "").rstrip(NBSP_CHARS)
    return span


def _append_text(element, text):
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _remove_keeping_tail(parent, child):
    children = list(parent)
    index = children.index(child)
    if child.tail:
        if index:
            children[index - 1].tail = (children[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


class _PageFootnotesExtension(markdown.Extension):
    def extendMarkdown(self, md):
        # After the footnotes extension has built its list (priorities 50 and 15).
        md.treeprocessors.register(_PageFootnotes(md), "page-footnotes", 5)


@dataclass
class Rendered:
    html: str
    headings: list = field(default_factory=list)


def render(text, *, prefix):
    """Markdown → sanitised HTML, with its top-level headings (id and title) for the table of contents.

    `prefix` keeps the heading ids of the foreword, the report and the background paper apart.
    """
    md = markdown.Markdown(
        extensions=["footnotes", "sane_lists", "smarty", "tables", "toc", _PageFootnotesExtension()],
        extension_configs={
            "toc": {"baselevel": 2, "slugify": lambda value, separator: f"{prefix}-{slugify(value)}"},
            "footnotes": {"UNIQUE_IDS": True},
        },
    )
    html = md.convert(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    headings = [{"id": token["id"], "title": token["name"]} for token in md.toc_tokens]
    # Safe to mark: nh3 has just removed everything outside the allowed tags, attributes and addresses.
    return Rendered(html=mark_safe(clean), headings=headings)
