import pytest

pytestmark = pytest.mark.django_db


def test_changes_page_shows_elijah_achochs_new_position(client, demo_workshop):
    version = demo_workshop.agenda_versions.get()

    page = client.get(f"/en/workshops/{demo_workshop.slug}/agendas/{version.pk}/changes/").content.decode()

    assert "Changes since the provisional agenda" in page
    assert "Elijah Achoch" in page
    assert "Acting Director, Human Resource Management and Employment Department" in page
    assert "Director, Transformative Leadership and Change Management Department" in page
    assert 'href="/en/workshops/2007-global-labour-mobility/#session-3"' in page
    assert "Abdelali Tazi" in page


def test_changes_page_is_translated(client, demo_workshop):
    version = demo_workshop.agenda_versions.get()

    response = client.get(f"/fr/workshops/{demo_workshop.slug}/agendas/{version.pk}/changes/")

    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_changes_of_another_workshops_version_are_not_found(client, demo_workshop):
    from tests.factories import WorkshopFactory

    other = WorkshopFactory()
    version = demo_workshop.agenda_versions.get()

    assert client.get(f"/en/workshops/{other.slug}/agendas/{version.pk}/changes/").status_code == 404
    assert client.get(f"/en/workshops/{other.slug}/agendas/{version.pk}/").status_code == 404


def test_changes_page_takes_a_bounded_number_of_queries(client, demo_workshop, django_assert_max_num_queries):
    version = demo_workshop.agenda_versions.get()

    with django_assert_max_num_queries(10):
        client.get(f"/en/workshops/{demo_workshop.slug}/agendas/{version.pk}/changes/")


def test_agenda_made_final_by_the_secretariat_keeps_its_provisional_date(client):
    import datetime

    from tests.factories import WorkshopFactory
    from workshops.services.publishing import finalize_agenda

    workshop = WorkshopFactory(agenda_status="provisional", agenda_issued_on=datetime.date(2027, 2, 1))
    finalize_agenda(workshop=workshop, issued_on=datetime.date(2027, 3, 1))

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert "This agenda replaces the provisional agenda of 1 February 2027." in page
    assert "Issued on 1 March 2027" in page


@pytest.mark.parametrize(
    ("language", "country"),
    [("en", "Morocco"), ("fr", "Maroc")],
)
def test_changes_page_names_countries_in_the_pages_language_as_the_agenda_does(
    client, demo_workshop, language, country
):
    version = demo_workshop.agenda_versions.get()

    page = client.get(f"/{language}/workshops/{demo_workshop.slug}/agendas/{version.pk}/changes/").content.decode()
    agenda = client.get(f"/{language}/workshops/{demo_workshop.slug}/").content.decode()

    affiliation = f"Director for International Placement, National Employment Promotion Agency, {country}"
    assert affiliation in agenda
    assert affiliation in page
    assert "Agency, MA" not in page
