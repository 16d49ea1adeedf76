"""Every field of the secretariat's admin pages has a name that a screen reader says, with or without JavaScript.

Django leaves two kinds of field unnamed: those in the rows of a tabular inline (named on screen only by the
column's heading) and the editable columns of a list. The names also say whose row it is: "Order (Day I)".
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.models import SpeakerOrganization
from tests.factories import SecretariatEditorFactory, SpeakerOrganizationFactory
from workshops.models import AgendaItem, Day, Workshop

pytestmark = pytest.mark.django_db

UNNAMED_INPUT_TYPES = {"hidden", "submit", "button", "image", "reset"}


class _Fields(HTMLParser):
    """The page's fields, each with how it is named: by a <label for>, a <label> around it, or aria-label."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = []  # [id, name, wrapped, aria-label]
        self.labelled = set()
        self._labels_open = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._labels_open += 1
            if attrs.get("for"):
                self.labelled.add(attrs["for"])
        elif tag in {"select", "textarea"} or (tag == "input" and attrs.get("type") not in UNNAMED_INPUT_TYPES):
            self.fields.append((attrs.get("id"), attrs.get("name"), self._labels_open > 0, attrs.get("aria-label")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "label":
            self._labels_open -= 1


def fields(response):
    parser = _Fields()
    parser.feed(response.content.decode())
    parser.close()
    return parser.fields, parser.labelled


def unnamed(response):
    found, labelled = fields(response)
    return [name for id_, name, wrapped, aria_label in found if not (wrapped or aria_label or id_ in labelled)]


def aria_labels(response):
    return {name: aria_label for _, name, _, aria_label in fields(response)[0] if aria_label}


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


@pytest.fixture
def editor(client):
    client.force_login(SecretariatEditorFactory())
    return client


def test_every_field_of_the_tabular_inlines_has_a_name(editor, demo_workshop):
    for url in (
        admin_url(Workshop, "change", demo_workshop.pk),
        admin_url(Day, "change", demo_workshop.days.first().pk),
    ):
        response = editor.get(url)

        assert response.status_code == 200
        assert unnamed(response) == [], url


def test_an_inline_row_s_fields_are_named_by_their_column_and_their_row(editor, demo_workshop):
    day = demo_workshop.days.order_by("order").first()

    content = editor.get(admin_url(Workshop, "change", demo_workshop.pk)).content.decode()

    assert f'<label class="visually-hidden" for="id_days-0-label">Label ({day})</label>' in content
    assert f'<label class="visually-hidden" for="id_days-0-DELETE">Delete? ({day})</label>' in content


@pytest.mark.parametrize(
    ("model", "name"),
    [(Day, "form-0-order"), (AgendaItem, "form-0-order"), (SpeakerOrganization, "form-0-organization_type")],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_every_editable_column_of_a_list_has_a_name_saying_its_row(editor, demo_workshop, model, name):
    SpeakerOrganizationFactory()
    response = editor.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert unnamed(response) == []
    first = response.context["cl"].result_list[0]
    label = model._meta.get_field(name.removeprefix("form-0-")).verbose_name
    assert aria_labels(response)[name] == f"{label[0].upper()}{label[1:]} ({first})"
