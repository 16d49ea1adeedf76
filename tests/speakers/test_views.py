import pytest

from speakers.models import Person
from tests.factories import RoleFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_speaker_index_is_alphabetical_by_family_name_with_letters(client, demo_workshop):
    page = client.get("/en/speakers/").content.decode()

    assert page.index("Achoch, Elijah") < page.index("Pritchett, Lant") < page.index("Tazi, Abdelali")
    assert 'href="#letter-P"' in page


def test_speaker_index_search_finds_by_name(client, demo_workshop):
    page = client.get("/en/speakers/?q=pritch").content.decode()

    assert "Pritchett, Lant" in page
    assert "Achoch, Elijah" not in page


def test_speaker_index_search_without_match_says_so(client, demo_workshop):
    assert "No speaker matches" in client.get("/en/speakers/?q=zzzz").content.decode()


def test_person_page_lists_each_role_with_the_affiliation_printed_then(client, demo_workshop):
    later = WorkshopFactory(title="Migration and development 2009")
    RoleFactory(
        item__day__workshop=later,
        person=Person.objects.get(slug="elijah-achoch"),
        position="Permanent Secretary",
        organization="Ministry of State for Immigration",
    )

    page = client.get("/en/speakers/elijah-achoch/").content.decode()

    assert "Director, Transformative Leadership and Change Management Department" in page
    assert "Permanent Secretary, Ministry of State for Immigration" in page
    assert "Migration and development 2009" in page
    assert 'href="/en/workshops/2007-global-labour-mobility/#session-3"' in page


def test_person_page_shows_the_people_they_represented(client, demo_workshop):
    page = client.get("/en/speakers/hyo-jung-hwang/").content.decode()

    assert "Jung Mino" in page


def test_person_only_on_drafts_is_not_found(client):
    role = RoleFactory(item__day__workshop__is_published=False)

    assert client.get(role.person.get_absolute_url()).status_code == 404
    assert client.get("/en/speakers/nobody/").status_code == 404


def test_person_page_takes_a_bounded_number_of_queries(client, demo_workshop, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get("/en/speakers/lant-pritchett/").status_code == 200


def test_speaker_index_files_names_without_regard_to_case_or_accents(client):
    people = [
        ("davezac", "Tristan d'Avezac de Moran", "d'Avezac de Moran, Tristan"),
        ("elise-durand", "Élise Durand", "Élise"),
        ("carl-dupont", "Carl Dupont", "Dupont, Carl"),
    ]
    for slug, name, sort_name in people:
        RoleFactory(person__slug=slug, person__name=name, person__sort_name=sort_name)

    page = client.get("/en/speakers/").content.decode()

    assert page.count('id="letter-D"') == 1
    assert page.index("d&#x27;Avezac") < page.index("Dupont, Carl") < page.index("Élise")
    assert page.index('id="letter-D"') < page.index('id="letter-E"')
