"""What the public sees of an agenda: nothing of it while it is a draft, even on a published workshop.

An agenda is public once its workshop is published and the agenda is provisional or final. Its items, speakers,
guiding questions and the documents of its items and speakers follow it on every page, calendar, file and PDF.
A workshop's own documents (a background paper, a report: attached to neither an item nor a role) are the
workshop's, not the agenda's: they are public when marked public on a published workshop. The secretariat keeps
its preview.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from speakers.models import Person, Role
from tests.factories import (
    AgendaItemFactory,
    AgendaVersionFactory,
    DocumentFactory,
    PersonFactory,
    PublicationFactory,
    QuestionFactory,
    RoleFactory,
    SecretariatViewerFactory,
    WorkshopFactory,
)
from tests.security import samples
from workshops.models import Document, Workshop

pytestmark = pytest.mark.django_db

DRAFT, PROVISIONAL, FINAL = Workshop.AgendaStatus.DRAFT, Workshop.AgendaStatus.PROVISIONAL, Workshop.AgendaStatus.FINAL


@pytest.fixture
def draft_agenda(settings, tmp_path):
    """A published workshop whose agenda is still a draft, with one of everything an agenda holds."""
    settings.MEDIA_ROOT = tmp_path
    workshop = WorkshopFactory(slug="draft-agenda", agenda_status=DRAFT, agenda_issued_on=None)
    item = AgendaItemFactory(day__workshop=workshop, title="Undisclosed session on return policy")
    role = RoleFactory(item=item, person__slug="draft-only-speaker", person__name="Orsolya Draftington")
    QuestionFactory(item=item, text="Which guiding question is still being argued about?")
    item_paper = DocumentFactory(workshop=workshop, item=item, title="Item paper in draft")
    item_paper.file.save("item-paper.pdf", ContentFile(samples.PDF))
    speaker_slides = DocumentFactory(workshop=workshop, role=role, title="Speaker slides in draft")
    speaker_slides.file.save("slides.pdf", ContentFile(samples.PDF))
    background = DocumentFactory(
        workshop=workshop, kind=Document.Kind.BACKGROUND_PAPER, title="Background paper on return"
    )
    background.file.save("background.pdf", ContentFile(samples.PDF))
    return {
        "workshop": workshop,
        "item": item,
        "role": role,
        "item_paper": item_paper,
        "speaker_slides": speaker_slides,
        "background": background,
        "version": AgendaVersionFactory(workshop=workshop),
    }


AGENDA_TEXT = (
    "Undisclosed session on return policy",
    "Orsolya Draftington",
    "Which guiding question is still being argued about?",
    "Item paper in draft",
    "Speaker slides in draft",
)


def agenda_urls(draft_agenda):
    workshop, version = draft_agenda["workshop"], draft_agenda["version"]
    return [
        reverse("workshops:version", kwargs={"slug": workshop.slug, "pk": version.pk}),
        reverse("workshops:changes", kwargs={"slug": workshop.slug, "pk": version.pk}),
        reverse("workshops:calendar", kwargs={"slug": workshop.slug}),
        reverse("workshops:item-calendar", kwargs={"slug": workshop.slug, "anchor": draft_agenda["item"].anchor}),
        reverse("reports:agenda-pdf", kwargs={"slug": workshop.slug}),
        draft_agenda["item_paper"].get_absolute_url(),
        draft_agenda["speaker_slides"].get_absolute_url(),
        draft_agenda["role"].person.get_absolute_url(),
    ]


@pytest.mark.parametrize(
    ("is_published", "status", "public"),
    [
        (True, DRAFT, False),
        (True, PROVISIONAL, True),
        (True, FINAL, True),
        (False, DRAFT, False),
        (False, PROVISIONAL, False),
        (False, FINAL, False),
    ],
)
def test_an_agenda_is_public_once_its_workshop_is_published_and_it_is_no_longer_a_draft(is_published, status, public):
    workshop = WorkshopFactory(is_published=is_published, agenda_status=status)
    role = RoleFactory(item__day__workshop=workshop)
    item_document = DocumentFactory(workshop=workshop, item=role.item)
    role_document = DocumentFactory(workshop=workshop, role=role)

    assert workshop.has_public_agenda is public
    assert Workshop.objects.with_public_agenda().filter(pk=workshop.pk).exists() is public
    assert Role.objects.public().filter(pk=role.pk).exists() is public
    assert Person.objects.with_public_roles().filter(pk=role.person.pk).exists() is public
    assert Document.objects.public().filter(pk__in=[item_document.pk, role_document.pk]).count() == (2 if public else 0)


@pytest.mark.parametrize("status", [DRAFT, PROVISIONAL, FINAL])
def test_a_workshop_s_own_public_document_is_public_whatever_its_agenda(status):
    workshop = WorkshopFactory(agenda_status=status)
    background = DocumentFactory(workshop=workshop, kind=Document.Kind.BACKGROUND_PAPER)
    DocumentFactory(workshop=WorkshopFactory(is_published=False, agenda_status=status))
    DocumentFactory(workshop=workshop, is_public=False)

    assert list(Document.objects.public()) == [background]


def test_the_workshop_page_shows_the_public_nothing_of_a_draft_agenda(client, draft_agenda):
    page = client.get(draft_agenda["workshop"].get_absolute_url()).content.decode()

    assert draft_agenda["workshop"].title in page
    for text in AGENDA_TEXT:
        assert text not in page
    assert "agenda has not been published yet." in page
    assert "Background paper on return" in page
    for url in agenda_urls(draft_agenda):
        assert f'href="{url}"' not in page


def test_the_secretariat_previews_a_draft_agenda_on_the_workshop_page(client, draft_agenda):
    client.force_login(SecretariatViewerFactory())

    page = client.get(draft_agenda["workshop"].get_absolute_url()).content.decode()

    for text in AGENDA_TEXT:
        assert text in page
    assert "Preview: this agenda is a draft. Only the secretariat can see it." in page


def test_every_file_and_page_of_a_draft_agenda_is_not_found_for_the_public(client, draft_agenda):
    for url in agenda_urls(draft_agenda):
        assert client.get(url).status_code == 404, url


def test_the_secretariat_keeps_the_files_and_pages_of_a_draft_agenda(client, draft_agenda):
    client.force_login(SecretariatViewerFactory())
    person_page = draft_agenda["role"].person.get_absolute_url()

    for url in agenda_urls(draft_agenda):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        # The speaker pages are the public's: the secretariat finds people on drafts in the admin, as before.
        assert response.status_code == (404 if url == person_page else 200), url


def test_a_speaker_only_on_draft_agendas_is_not_in_the_index(client, draft_agenda):
    RoleFactory(person__name="Published Speaker")

    page = client.get(reverse("speakers:index")).content.decode()

    assert "Published Speaker" in page
    assert "Draftington" not in page


def test_a_speaker_s_page_lists_no_role_of_a_draft_agenda(client, draft_agenda):
    person = draft_agenda["role"].person
    RoleFactory(person=person, item__day__workshop__title="A workshop with a final agenda")

    page = client.get(person.get_absolute_url()).content.decode()

    assert "A workshop with a final agenda" in page
    assert draft_agenda["workshop"].title not in page
    assert "Speaker slides in draft" not in page


def test_someone_spoken_for_only_on_draft_agendas_is_not_listed(client, draft_agenda):
    RoleFactory(item=draft_agenda["item"], on_behalf_of=PersonFactory(name="Represented Minister"))

    assert "Represented Minister" not in client.get(reverse("speakers:index")).content.decode()


def test_the_document_library_and_its_search_leave_out_the_documents_of_a_draft_agenda(client, draft_agenda):
    library = reverse("workshops:documents")

    page = client.get(library).content.decode()
    searched = client.get(library, {"q": "draft"}).content.decode()
    by_workshop = client.get(library, {"workshop": draft_agenda["workshop"].slug}).content.decode()

    assert "Background paper on return" in page and "Background paper on return" in by_workshop
    for shown in (page, searched, by_workshop):
        assert "Item paper in draft" not in shown and "Speaker slides in draft" not in shown


def test_a_workshop_s_own_document_downloads_while_its_agenda_is_a_draft(client, draft_agenda):
    response = client.get(draft_agenda["background"].get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.PDF


def test_an_agenda_put_back_to_draft_leaves_the_cached_public_pages_at_once(client, draft_agenda):
    workshop = draft_agenda["workshop"]
    workshop.agenda_status = PROVISIONAL
    workshop.save()
    shown = {
        workshop.get_absolute_url(): "Orsolya Draftington",
        reverse("speakers:index"): "Orsolya Draftington",
        reverse("workshops:documents"): "Item paper in draft",
    }
    for url, text in shown.items():
        assert text in client.get(url).content.decode(), url

    workshop.agenda_status = DRAFT
    workshop.save()

    for url, text in shown.items():
        assert text not in client.get(url).content.decode(), url


def test_a_draft_agenda_with_a_publication_and_no_documents_of_its_own_shows_no_empty_documents_heading(client):
    workshop = WorkshopFactory(slug="draft-with-publication", agenda_status=DRAFT, agenda_issued_on=None)
    PublicationFactory(workshops=[workshop])

    page = client.get(workshop.get_absolute_url()).content.decode()

    assert "This workshop's agenda has not been published yet." in page
    assert 'id="documents-heading"' not in page
