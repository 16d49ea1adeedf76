"""The admin shows times as the agenda prints them, on the 24-hour clock ("09:00"), never "9 a.m." or "noon"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats

from tests.factories import AgendaItemFactory, SecretariatEditorFactory

pytestmark = pytest.mark.django_db

TWELVE_HOUR = re.compile(r"\b(a\.m\.|p\.m\.|noon|midnight)", re.IGNORECASE)


@pytest.fixture
def editor(client):
    client.force_login(SecretariatEditorFactory())
    return client


@pytest.fixture
def morning_item():
    return AgendaItemFactory(
        title="Opening of the workshop",
        description="Welcome by the Director General.",
        start=datetime.time(9, 0),
        end=datetime.time(12, 0),
    )


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_item_list_shows_times_on_the_24_hour_clock(editor, morning_item, language):
    response = editor.get(
        reverse("admin:workshops_agendaitem_changelist"),
        {"day__workshop__id__exact": morning_item.day.workshop_id},
        headers={"accept-language": language},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<td class="field-(?:start|end)[^"]*">([^<]*)</td>', content) == ["09:00", "12:00"]
    assert not TWELVE_HOUR.search(content)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_item_page_shows_times_on_the_24_hour_clock(editor, morning_item, language):
    response = editor.get(
        reverse("admin:workshops_agendaitem_change", args=[morning_item.pk]), headers={"accept-language": language}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'name="start" value="09:00(:00)?"', content)
    assert re.search(r'name="end" value="12:00(:00)?"', content)
    assert not TWELVE_HOUR.search(content)


@pytest.fixture
def djangos_own_formats(settings):
    settings.FORMAT_MODULE_PATH = None
    formats.reset_format_cache()  # Django resets it for the format settings, not for where they are read from
    yield
    formats.reset_format_cache()


def test_without_the_project_s_formats_django_would_say_9_a_m_and_noon(editor, morning_item, djangos_own_formats):
    """What the tests above guard against: Django's own English time format is the 12-hour clock."""
    response = editor.get(
        reverse("admin:workshops_agendaitem_changelist"),
        {"day__workshop__id__exact": morning_item.day.workshop_id},
        headers={"accept-language": "en"},
    )

    assert re.findall(r'<td class="field-(?:start|end)[^"]*">([^<]*)</td>', response.content.decode()) == [
        "9 a.m.",
        "noon",
    ]
