"""The secretariat's publications and organization types in the admin."""

import pytest
from django.urls import reverse

from reports.models import Publication, SpeakerOrganization
from tests.factories import (
    DocumentFactory,
    PublicationFactory,
    SecretariatEditorFactory,
    SpeakerOrganizationFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(SecretariatEditorFactory())
    return client


def publication_form(**overrides):
    return {
        "series": "International Dialogue on Migration",
        "number": "",
        "title": "Free Movement of Persons in Regional Integration Processes",
        "slug": "free-movement",
        "year": "",
        "editors": "",
        "acknowledgements": "",
        "foreword": "",
        "report": "# Introduction\n\nText.",
        "background_paper": "",
        "background_document": "",
        **overrides,
    }


def test_a_publication_is_written_in_the_admin(editor):
    workshop = WorkshopFactory()
    paper = DocumentFactory(workshop=workshop, kind="background_paper")

    response = editor.post(
        reverse("admin:reports_publication_add"),
        publication_form(workshops=[workshop.pk], background_document=paper.pk, number="10"),
    )

    assert response.status_code == 302
    publication = Publication.objects.get(slug="free-movement")
    assert list(publication.workshops.all()) == [workshop]
    assert publication.background_document == paper
    assert not publication.is_published


def test_the_background_paper_must_be_a_document_of_a_covered_workshop(editor):
    workshop, elsewhere = WorkshopFactory(), DocumentFactory()

    response = editor.post(
        reverse("admin:reports_publication_add"),
        publication_form(workshops=[workshop.pk], background_document=elsewhere.pk),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["background_document"] == [
        "Choose a document of one of the workshops that the publication covers."
    ]


def test_a_number_is_used_once_in_a_series(editor):
    PublicationFactory(number=11)

    response = editor.post(
        reverse("admin:reports_publication_add"), publication_form(workshops=[WorkshopFactory().pk], number="11")
    )

    assert response.status_code == 200
    assert "This series already has a publication with this number." in response.content.decode()


def test_publishing_from_the_list_and_the_preview_link(editor):
    publication = PublicationFactory(is_published=False)
    changelist = reverse("admin:reports_publication_changelist")

    assert "Preview the PDF" in editor.get(changelist).content.decode()
    editor.post(changelist, {"action": "publish", "_selected_action": [publication.pk]})

    publication.refresh_from_db()
    assert publication.is_published
    assert publication.get_absolute_url() in editor.get(changelist).content.decode()


def test_an_organization_is_typed_once_whatever_its_case(editor):
    SpeakerOrganizationFactory(name="World Bank")

    response = editor.post(
        reverse("admin:reports_speakerorganization_add"), {"name": "world bank", "organization_type": "ngo"}
    )

    assert response.context["adminform"].form.errors["name"] == ["This organization is already classified."]
    assert SpeakerOrganization.objects.count() == 1


def test_the_statistics_link_to_type_an_organization_fills_in_its_name(editor):
    response = editor.get(reverse("admin:reports_speakerorganization_add"), {"name": "Ministry of Labour"})

    assert 'value="Ministry of Labour"' in response.content.decode()
