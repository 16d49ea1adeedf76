"""Public pages come from the cache until the secretariat changes what they show, and answer 304 when unchanged."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.admin_forms import admin_page_data
from tests.factories import (
    DocumentFactory,
    OpenWorkshopFactory,
    SecretariatEditorFactory,
    SecretariatViewerFactory,
    WorkshopFactory,
)
from tests.workshops.registration_helpers import form_data, register_url, submit
from tests.workshops.test_admin import admin_url, session
from workshops.models import Workshop
from workshops.services.publishing import unpublish_workshop

pytestmark = pytest.mark.django_db

DETAIL = "/en/workshops/2007-global-labour-mobility/"
PUBLIC_PAGES = [
    "/en/",
    DETAIL,
    "/en/workshops/2007-global-labour-mobility/calendar.ics",
    "/en/documents/",
    "/en/documents/?q=migration",
    "/en/speakers/",
    "/fr/speakers/",
]


@pytest.fixture
def editor():
    client = Client()
    client.force_login(SecretariatEditorFactory())
    return client


def edit_in_admin(editor, obj, **changes):
    """Saves the object's admin change page as the secretariat would, with some fields changed."""
    url = admin_url(type(obj), "change", obj.pk)
    response = editor.post(url, {**admin_page_data(editor.get(url)), **changes})
    assert response.status_code == 302, response.content.decode()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_second_request_for_a_public_page_is_served_from_the_cache(
    client, demo_workshop, django_assert_max_num_queries, path
):
    first = client.get(path)

    with django_assert_max_num_queries(1):
        second = client.get(path)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content


def test_every_agenda_page_is_cached(client, demo_workshop, django_assert_max_num_queries):
    version = demo_workshop.agenda_versions.get()
    speaker = session(demo_workshop, 1).roles.first().person
    for path in (version.get_absolute_url(), f"{version.get_absolute_url()}changes/", speaker.get_absolute_url()):
        assert client.get(path).status_code == 200

        with django_assert_max_num_queries(1):
            assert client.get(path).status_code == 200


def test_admin_edit_is_visible_on_the_very_next_request(client, editor, demo_workshop):
    item = session(demo_workshop, 1)
    assert item.title in client.get(DETAIL).content.decode()

    edit_in_admin(editor, item, title="Labour mobility, retitled by the secretariat")

    page = client.get(DETAIL).content.decode()
    assert "Labour mobility, retitled by the secretariat" in page
    assert item.title not in page


def test_speaker_renamed_in_admin_shows_on_the_workshop_page_and_in_the_index(client, editor, demo_workshop):
    person = session(demo_workshop, 1).roles.first().person
    client.get(DETAIL), client.get("/en/speakers/")

    edit_in_admin(editor, person, name="Renamed Speaker", sort_name="Speaker, Renamed")

    assert "Renamed Speaker" in client.get(DETAIL).content.decode()
    assert "Speaker, Renamed" in client.get("/en/speakers/").content.decode()


def test_deleted_document_leaves_the_library_at_once(client, demo_workshop):
    document = DocumentFactory(workshop=demo_workshop, title="A paper soon withdrawn", is_public=True)
    assert "A paper soon withdrawn" in client.get("/en/documents/").content.decode()

    document.delete()

    assert "A paper soon withdrawn" not in client.get("/en/documents/").content.decode()


def test_unpublished_workshop_is_gone_on_the_next_request(client, demo_workshop):
    assert client.get(DETAIL).status_code == 200

    unpublish_workshop(workshop=demo_workshop)

    assert client.get(DETAIL).status_code == 404
    assert demo_workshop.title not in client.get("/en/").content.decode()


def test_unchanged_page_answers_if_none_match_with_304(client, demo_workshop):
    etag = client.get(DETAIL)["ETag"]

    response = client.get(DETAIL, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_unchanged_page_answers_if_modified_since_with_304(client, demo_workshop):
    last_modified = client.get(DETAIL)["Last-Modified"]

    assert client.get(DETAIL, headers={"if-modified-since": last_modified}).status_code == 304


def test_change_gives_a_new_etag_and_the_old_one_gets_the_whole_page(client, editor, demo_workshop):
    old_etag = client.get(DETAIL)["ETag"]

    edit_in_admin(editor, session(demo_workshop, 1), title="A session with a new title")
    response = client.get(DETAIL, headers={"if-none-match": old_etag})

    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert "A session with a new title" in response.content.decode()


def test_browsers_must_ask_again_before_reusing_a_page(client, demo_workshop):
    response = client.get(DETAIL)

    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_each_language_has_its_own_cached_page(client, demo_workshop):
    english, french = client.get("/en/speakers/"), client.get("/fr/speakers/")

    assert english["ETag"] != french["ETag"]
    assert 'lang="fr"' in client.get("/fr/speakers/").content.decode()
    assert 'lang="en"' in client.get("/en/speakers/").content.decode()


def test_secretariat_always_gets_a_fresh_page_and_never_a_cached_one(client, demo_workshop):
    draft = WorkshopFactory(is_published=False, title="A draft only the secretariat sees")
    assert draft.title not in client.get("/en/").content.decode()
    secretariat = Client()
    secretariat.force_login(SecretariatViewerFactory())

    with CaptureQueriesContext(connection) as first_visit:
        preview = secretariat.get("/en/")
    with CaptureQueriesContext(connection) as second_visit:
        again = secretariat.get("/en/")

    assert len(second_visit) == len(first_visit) > 1
    assert draft.title in preview.content.decode() and draft.title in again.content.decode()
    assert "ETag" not in preview
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    assert draft.title not in client.get("/en/").content.decode()


def test_secretariat_preview_is_never_served_to_the_public(client, demo_workshop):
    draft = WorkshopFactory(is_published=False)
    secretariat = Client()
    secretariat.force_login(SecretariatViewerFactory())
    assert secretariat.get(draft.get_absolute_url()).status_code == 200

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_page_that_shows_a_message_is_not_cached(client, demo_workshop):
    invalid_filter = "/en/?year=not-a-year"
    with CaptureQueriesContext(connection) as first_visit:
        assert "That filter is not valid" in client.get(invalid_filter).content.decode()

    with CaptureQueriesContext(connection) as second_visit:
        again = client.get(invalid_filter)

    assert "That filter is not valid" in again.content.decode()
    assert len(second_visit) == len(first_visit) > 1


def test_registration_leaves_the_cached_workshop_page_in_place(client, django_assert_max_num_queries, settings):
    settings.REGISTRATION_RATE_LIMIT = None
    workshop = OpenWorkshopFactory(seats=10)
    client.get(workshop.get_absolute_url())

    assert submit(Client(), register_url(workshop), form_data()).status_code == 302
    with django_assert_max_num_queries(1):
        assert client.get(workshop.get_absolute_url()).status_code == 200
    assert Workshop.objects.get(pk=workshop.pk).registrations.count() == 1


def test_page_from_the_cache_carries_the_same_headers_as_a_fresh_one(client, demo_workshop):
    fresh = client.get(DETAIL)
    cached = client.get(DETAIL)

    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "ETag", "Last-Modified"):
        assert cached[header] == fresh[header]


def test_conditional_requests_are_answered_even_where_pages_are_not_kept(client, demo_workshop, settings):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    etag = client.get(DETAIL)["ETag"]

    assert client.get(DETAIL, headers={"if-none-match": etag}).status_code == 304
