"""The secretariat admin for people and their roles, through its pages."""

import pytest
from django.urls import reverse

from speakers.models import Person, Role
from tests.admin_forms import admin_page_data, new_document_inline
from tests.factories import PersonFactory, RoleFactory
from tests.workshops import test_admin as workshop_admin
from tests.workshops.test_admin import admin_url, page_url, shows

pytestmark = pytest.mark.django_db

# The logged-in clients of the workshops admin tests, which count queries from a cold content type cache.
editor = workshop_admin.editor
viewer = workshop_admin.viewer
cold_content_type_cache = workshop_admin.cold_content_type_cache

QUERY_BOUNDS = {
    (Person, "changelist"): 7,
    (Person, "add"): 5,
    (Person, "change"): 7,
    (Role, "changelist"): 8,
    (Role, "add"): 5,
    (Role, "change"): 11,
}


@pytest.fixture
def demo_role(demo_workshop):
    """Jung Mino spoke for Hyo-Jung Hwang: a role with everything the page shows."""
    return Role.objects.get(item__day__workshop=demo_workshop, on_behalf_of__isnull=False)


@pytest.fixture
def demo_objects(demo_role):
    return {Person: demo_role.person, Role: demo_role}


@pytest.mark.parametrize(("model", "page"), list(QUERY_BOUNDS), ids=lambda value: getattr(value, "__name__", value))
def test_editor_opens_every_page_in_a_bounded_number_of_queries(
    editor, demo_objects, django_assert_max_num_queries, model, page
):
    with django_assert_max_num_queries(QUERY_BOUNDS[model, page]):
        response = editor.get(page_url(model, page, demo_objects[model]))

    assert response.status_code == 200
    if page == "changelist":
        assert demo_objects[model] in response.context["cl"].result_list


@pytest.mark.parametrize("model", [Person, Role], ids=lambda model: model.__name__)
def test_viewer_reads_every_page_but_cannot_add_or_change(viewer, demo_objects, django_assert_max_num_queries, model):
    obj = demo_objects[model]

    with django_assert_max_num_queries(QUERY_BOUNDS[model, "changelist"]):
        listing = viewer.get(admin_url(model, "changelist"))
    with django_assert_max_num_queries(QUERY_BOUNDS[model, "change"]):
        page = viewer.get(admin_url(model, "change", obj.pk))

    assert listing.status_code == 200
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert viewer.get(admin_url(model, "add")).status_code == 403
    assert viewer.post(admin_url(model, "change", obj.pk), {}).status_code == 403


@pytest.mark.parametrize(
    ("model", "page"), [(Person, "change"), (Role, "changelist")], ids=lambda value: getattr(value, "__name__", value)
)
def test_pages_take_no_more_queries_with_more_roles(editor, demo_objects, django_assert_max_num_queries, model, page):
    RoleFactory.create_batch(20, person=demo_objects[Person], on_behalf_of=PersonFactory())
    RoleFactory.create_batch(20)

    with django_assert_max_num_queries(QUERY_BOUNDS[model, page]):
        response = editor.get(page_url(model, page, demo_objects[model]))

    assert response.status_code == 200


def test_person_page_lists_each_role_with_the_affiliation_printed_at_that_event(editor, demo_workshop):
    person = Person.objects.get(slug="elijah-achoch")
    role = person.roles.get()

    response = editor.get(admin_url(Person, "change", person.pk))

    assert shows(response, role.affiliation)
    assert shows(response, demo_workshop.title)
    assert shows(response, str(role.item))


@pytest.mark.parametrize("term", ["Pritchett", "lant-pritchett", "Pritchett, L"])
def test_people_are_found_by_name_identifier_and_index_name_when_choosing_a_speaker(editor, demo_workshop, term):
    response = editor.get(
        reverse("admin:autocomplete"),
        {"app_label": "speakers", "model_name": "role", "field_name": "person", "term": term},
    )

    assert [result["text"] for result in response.json()["results"]] == ["Lant Pritchett"]


def test_person_added_without_an_index_name_is_filed_under_the_family_name(editor):
    response = editor.post(admin_url(Person, "add"), {"name": "Tristan d'Avezac de Moran", "slug": "tristan-davezac"})

    assert response.status_code == 302
    assert Person.objects.get(slug="tristan-davezac").sort_name == "d'Avezac de Moran, Tristan"


def test_person_who_spoke_somewhere_cannot_be_deleted(editor, demo_role):
    person = demo_role.person

    page = editor.get(admin_url(Person, "delete", person.pk))
    editor.post(admin_url(Person, "delete", person.pk), {"post": "yes"})

    assert page.status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()


def test_roles_are_found_by_person_name_and_organization(editor, demo_role):
    by_name = editor.get(admin_url(Role, "changelist"), {"q": demo_role.person.name})
    by_organization = editor.get(admin_url(Role, "changelist"), {"q": demo_role.organization})

    assert demo_role in by_name.context["cl"].result_list
    assert demo_role in by_organization.context["cl"].result_list


def test_role_page_refuses_a_speaker_on_behalf_of_themself(editor, demo_role):
    url = admin_url(Role, "change", demo_role.pk)
    data = admin_page_data(editor.get(url))
    data["on_behalf_of"] = demo_role.person_id

    response = editor.post(url, data)

    assert response.status_code == 200
    assert shows(response, "A speaker cannot speak on behalf of themself.")
    demo_role.refresh_from_db()
    assert demo_role.on_behalf_of_id != demo_role.person_id


def test_document_added_to_a_role_belongs_to_its_workshop(editor, demo_role, demo_workshop):
    url = admin_url(Role, "change", demo_role.pk)
    data = admin_page_data(editor.get(url))
    data.update(new_document_inline(title="Employment Permit System", filename="eps.pdf", size=2048))

    response = editor.post(url, data)

    assert response.status_code == 302
    document = demo_role.documents.get()
    assert (document.workshop, document.item, document.size) == (demo_workshop, None, 2048)
