"""Who may open what: every URL pattern of the project, the admin's included, for each kind of visitor.

The walk goes through the URL resolver, so a new page cannot be forgotten: a pattern without an example here
fails the test. Drafts, unpublished documents and publications, registrations, statistics, badges and
exports reach only the secretariat. Registration links are covered further in
tests/workshops/test_registration.py (tampered, expired, and one participant's link never opening
another's: test_tampered_link_is_rejected_with_a_clear_page, test_expired_link_is_rejected_and_offers_a_new_one,
test_a_link_opens_only_its_own_registration).
"""

from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from mailer.models import PRIORITY_MEDIUM, RESULT_SUCCESS, DontSendEntry, Message, MessageLog, make_message
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Publication, SpeakerOrganization, WorkshopReports
from speakers.models import Person, Role
from tests.factories import (
    AgendaItemFactory,
    AgendaVersionFactory,
    DocumentFactory,
    OpenWorkshopFactory,
    PersonFactory,
    QuestionFactory,
    RegistrationFactory,
    RoleFactory,
    SecretariatEditorFactory,
    SecretariatViewerFactory,
    SuperuserFactory,
    ThemeFactory,
    WorkshopFactory,
)
from tests.factories.reports import PublicationFactory, SpeakerOrganizationFactory
from workshops.models import (
    AgendaItem,
    AgendaVersion,
    Day,
    Document,
    Question,
    Registration,
    RegistrationSettings,
    Theme,
    Workshop,
)
from workshops.services.registration_links import NEW_ADDRESS_SALT, private_token

from . import samples

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant", "viewer", "editor", "superuser")

OK, LOGIN, FORBIDDEN, MISSING, REDIRECT, GONE, NOT_ALLOWED = 200, "login", 403, 404, 302, 410, 405
EVERYONE = (OK,) * 5
SECRETARIAT_PREVIEW = (MISSING, MISSING, OK, OK, OK)  # drafts and unpublished things
NOBODY = (MISSING,) * 5
STAFF_VIEW = (LOGIN, LOGIN, OK, OK, OK)
STAFF_CHANGE = (LOGIN, LOGIN, FORBIDDEN, OK, OK)


# --- The walk through the URL resolver ------------------------------------------------------------------------


def url_patterns(patterns=None, namespace=None, route=""):
    """(key, route) of every pattern: the namespaced name, or the namespace and route where it has none."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from url_patterns(pattern.url_patterns, inner, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            full_route = route + str(pattern.pattern)
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), full_route
            else:
                yield f"{namespace}:{full_route}", full_route


@dataclass
class Case:
    """A concrete address for a pattern and the answer each kind of visitor gets."""

    label: str
    path: str
    expected: tuple


# --- The site's data ------------------------------------------------------------------------------------------

# What the draft agenda of a published workshop holds, none of which an anonymous visitor may get.
DRAFT_AGENDA_TEXT = {
    "item": "Closed-door session on readmission clauses",
    "speaker": "Ingeborg Vorentwurf",
    "organization": "Ministry of Provisional Affairs",
    "question": "Should the guiding question stay unsaid?",
    "document": "Unreleased readmission briefing",
}


@pytest.fixture
def site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    published = WorkshopFactory(slug="published", theme=ThemeFactory(year=2007))
    draft = WorkshopFactory(slug="draft", is_published=False, agenda_status=Workshop.AgendaStatus.DRAFT)
    item = AgendaItemFactory(day__workshop=published, day__date=published.start_date)
    draft_item = AgendaItemFactory(day__workshop=draft, day__date=draft.start_date)
    speaker = RoleFactory(item=item, person=PersonFactory(slug="public-speaker")).person
    RoleFactory(item=draft_item, person=PersonFactory(slug="draft-speaker"))
    QuestionFactory(item=item)
    document = DocumentFactory(workshop=published, item=item)
    document.file.save("paper.pdf", ContentFile(samples.PDF))
    hidden_document = DocumentFactory(workshop=published, is_public=False, url="https://example.org/hidden.pdf")
    draft_document = DocumentFactory(workshop=draft, url="https://example.org/draft.pdf")
    # Published, but its agenda is still a draft: the public gets the workshop and nothing of the agenda.
    draft_agenda = WorkshopFactory(slug="draft-agenda", agenda_status=Workshop.AgendaStatus.DRAFT)
    draft_agenda_item = AgendaItemFactory(
        day__workshop=draft_agenda, day__date=draft_agenda.start_date, title=DRAFT_AGENDA_TEXT["item"]
    )
    RoleFactory(
        item=draft_agenda_item,
        person=PersonFactory(slug="draft-agenda-speaker", name=DRAFT_AGENDA_TEXT["speaker"]),
        organization=DRAFT_AGENDA_TEXT["organization"],
    )
    QuestionFactory(item=draft_agenda_item, text=DRAFT_AGENDA_TEXT["question"])
    draft_agenda_document = DocumentFactory(
        workshop=draft_agenda,
        item=draft_agenda_item,
        title=DRAFT_AGENDA_TEXT["document"],
        url="https://example.org/draft-agenda.pdf",
    )
    open_workshop = OpenWorkshopFactory(slug="open", participant_list_public=True)
    closed_list = OpenWorkshopFactory(slug="unlisted")
    draft_open = OpenWorkshopFactory(slug="draft-open", is_published=False)
    registration = RegistrationFactory(workshop=open_workshop, consent_public_list=True)
    RegistrationFactory(workshop=open_workshop, email="someone.else@example.org", family_name="Okonkwo-Lindqvist")
    publication = PublicationFactory(slug="red-book", workshops=[published])
    draft_publication = PublicationFactory(slug="draft-book", is_published=False, workshops=[published])
    SpeakerOrganizationFactory(name="Ministry of Labour")
    user = SecretariatViewerFactory(username="someone")
    AccessAttempt.objects.create(username="someone", ip_address="203.0.113.7", failures_since_start=1)
    AccessLog.objects.create(username="someone", ip_address="203.0.113.7")
    AccessFailureLog.objects.create(username="someone", ip_address="203.0.113.7", locked_out=False)
    queued = make_message(
        "Registration confirmed", "Your private link: …", None, [registration.email], priority=PRIORITY_MEDIUM
    )
    queued.save()
    MessageLog.objects.log(queued, RESULT_SUCCESS)
    DontSendEntry.objects.create(to_address="bounced@example.org", when_added=timezone.now())
    return {
        "published": published,
        "draft": draft,
        "item": item,
        "draft_item": draft_item,
        "version": AgendaVersionFactory(workshop=published),
        "draft_version": AgendaVersionFactory(workshop=draft),
        "speaker": speaker,
        "document": document,
        "hidden_document": hidden_document,
        "draft_document": draft_document,
        "draft_agenda": draft_agenda,
        "draft_agenda_item": draft_agenda_item,
        "draft_agenda_version": AgendaVersionFactory(workshop=draft_agenda),
        "draft_agenda_document": draft_agenda_document,
        "open": open_workshop,
        "unlisted": closed_list,
        "draft_open": draft_open,
        "registration": registration,
        "publication": publication,
        "draft_publication": draft_publication,
        "user": user,
    }


def public_cases(site):
    """Every pattern outside the admin, with the cases that tell visitors apart."""
    published, draft, open_ = site["published"], site["draft"], site["open"]
    draft_agenda = site["draft_agenda"]
    token = private_token(site["registration"])
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    new_address = signing.dumps({"pk": site["registration"].pk, "email": "new@example.org"}, salt=NEW_ADDRESS_SALT)

    def on(name, **kwargs):
        return reverse(name, kwargs=kwargs)

    return {
        "set_language": [Case("GET is not a language change", on("set_language"), (REDIRECT,) * 5)],
        "workshops:home": [Case("archive", on("workshops:home"), EVERYONE)],
        "workshops:detail": [
            Case("published", on("workshops:detail", slug=published.slug), EVERYONE),
            Case("draft", on("workshops:detail", slug=draft.slug), SECRETARIAT_PREVIEW),
            Case("published, draft agenda", on("workshops:detail", slug=draft_agenda.slug), EVERYONE),
        ],
        "workshops:version": [
            Case("published", on("workshops:version", slug=published.slug, pk=site["version"].pk), EVERYONE),
            Case("draft", on("workshops:version", slug=draft.slug, pk=site["draft_version"].pk), SECRETARIAT_PREVIEW),
            Case("other workshop's", on("workshops:version", slug=published.slug, pk=site["draft_version"].pk), NOBODY),
            Case(
                "draft agenda",
                on("workshops:version", slug=draft_agenda.slug, pk=site["draft_agenda_version"].pk),
                SECRETARIAT_PREVIEW,
            ),
        ],
        "workshops:changes": [
            Case("published", on("workshops:changes", slug=published.slug, pk=site["version"].pk), EVERYONE),
            Case("draft", on("workshops:changes", slug=draft.slug, pk=site["draft_version"].pk), SECRETARIAT_PREVIEW),
            Case(
                "draft agenda",
                on("workshops:changes", slug=draft_agenda.slug, pk=site["draft_agenda_version"].pk),
                SECRETARIAT_PREVIEW,
            ),
        ],
        "workshops:calendar": [
            Case("published", on("workshops:calendar", slug=published.slug), EVERYONE),
            Case("draft", on("workshops:calendar", slug=draft.slug), SECRETARIAT_PREVIEW),
            Case("draft agenda", on("workshops:calendar", slug=draft_agenda.slug), SECRETARIAT_PREVIEW),
        ],
        "workshops:item-calendar": [
            Case("published", on("workshops:item-calendar", slug=published.slug, anchor=site["item"].anchor), EVERYONE),
            Case(
                "draft",
                on("workshops:item-calendar", slug=draft.slug, anchor=site["draft_item"].anchor),
                SECRETARIAT_PREVIEW,
            ),
            Case(
                "draft agenda",
                on("workshops:item-calendar", slug=draft_agenda.slug, anchor=site["draft_agenda_item"].anchor),
                SECRETARIAT_PREVIEW,
            ),
        ],
        "workshops:documents": [Case("library", on("workshops:documents"), EVERYONE)],
        "workshops:document-download": [
            Case("public file", on("workshops:document-download", pk=site["document"].pk), EVERYONE),
            Case(
                "not public",
                on("workshops:document-download", pk=site["hidden_document"].pk),
                (MISSING, MISSING, REDIRECT, REDIRECT, REDIRECT),
            ),
            Case(
                "draft workshop's",
                on("workshops:document-download", pk=site["draft_document"].pk),
                (MISSING, MISSING, REDIRECT, REDIRECT, REDIRECT),
            ),
            Case(
                "draft agenda's",
                on("workshops:document-download", pk=site["draft_agenda_document"].pk),
                (MISSING, MISSING, REDIRECT, REDIRECT, REDIRECT),
            ),
        ],
        "workshops:register": [
            Case("open", on("workshops:register", slug=open_.slug), EVERYONE),
            Case("draft", on("workshops:register", slug=site["draft_open"].slug), NOBODY),
        ],
        "workshops:register-check-email": [
            Case("open", on("workshops:register-check-email", slug=open_.slug), EVERYONE),
            Case("draft", on("workshops:register-check-email", slug=site["draft_open"].slug), NOBODY),
        ],
        "workshops:registration-link": [
            Case("open", on("workshops:registration-link", slug=open_.slug), EVERYONE),
            Case("draft", on("workshops:registration-link", slug=site["draft_open"].slug), NOBODY),
        ],
        "workshops:participants": [
            Case("public list", on("workshops:participants", slug=open_.slug), EVERYONE),
            Case("list not public", on("workshops:participants", slug=site["unlisted"].slug), NOBODY),
            Case("draft", on("workshops:participants", slug=site["draft_open"].slug), NOBODY),
        ],
        # The signed token is the participant's key, whoever holds it; a changed token opens nothing.
        "workshops:registration": [
            Case("own link", on("workshops:registration", token=token), EVERYONE),
            Case("tampered", on("workshops:registration", token=tampered), NOBODY),
        ],
        "workshops:registration-edit": [
            Case("own link", on("workshops:registration-edit", token=token), EVERYONE),
            Case("tampered", on("workshops:registration-edit", token=tampered), NOBODY),
        ],
        # Signed for the new address and sent only to it; it changes the address and opens the private page.
        "workshops:registration-new-address": [
            Case("own link", on("workshops:registration-new-address", token=new_address), (REDIRECT,) * 5),
            Case("tampered", on("workshops:registration-new-address", token=new_address[:-2] + "AA"), NOBODY),
        ],
        "workshops:registration-cancel": [
            Case("own link", on("workshops:registration-cancel", token=token), EVERYONE),
            Case("tampered", on("workshops:registration-cancel", token=tampered), NOBODY),
        ],
        "workshops:privacy": [Case("notice", on("workshops:privacy"), EVERYONE)],
        "speakers:index": [Case("index", on("speakers:index"), EVERYONE)],
        "speakers:detail": [
            Case("on a published agenda", on("speakers:detail", slug=site["speaker"].slug), EVERYONE),
            Case("only on a draft", on("speakers:detail", slug="draft-speaker"), NOBODY),
            Case("only on a draft agenda", on("speakers:detail", slug="draft-agenda-speaker"), NOBODY),
        ],
        "reports:publication-pdf": [
            Case("published", on("reports:publication-pdf", slug=site["publication"].slug), EVERYONE),
            Case(
                "unpublished", on("reports:publication-pdf", slug=site["draft_publication"].slug), SECRETARIAT_PREVIEW
            ),
        ],
        "reports:agenda-pdf": [
            Case("published", on("reports:agenda-pdf", slug=published.slug), EVERYONE),
            Case("draft", on("reports:agenda-pdf", slug=draft.slug), SECRETARIAT_PREVIEW),
            Case("draft agenda", on("reports:agenda-pdf", slug=draft_agenda.slug), SECRETARIAT_PREVIEW),
        ],
        "reports:badges": [Case("badges", on("reports:badges", slug=open_.slug), STAFF_VIEW)],
        "reports:check-in": [Case("check-in desk", on("reports:check-in", slug=open_.slug), STAFF_CHANGE)],
        "reports:workshop-statistics": [
            Case("statistics", on("reports:workshop-statistics", slug=open_.slug), STAFF_VIEW)
        ],
        "reports:workshop-statistic-csv": [
            Case("CSV", on("reports:workshop-statistic-csv", slug=open_.slug, key="country"), STAFF_VIEW),
            Case(
                "unknown",
                on("reports:workshop-statistic-csv", slug=open_.slug, key="nope"),
                STAFF_VIEW[:2] + NOBODY[2:],
            ),
        ],
        "reports:speakers-csv": [Case("speakers", on("reports:speakers-csv", slug=published.slug), STAFF_VIEW)],
        "reports:speakers-xlsx": [Case("speakers", on("reports:speakers-xlsx", slug=published.slug), STAFF_VIEW)],
        "reports:statistics": [Case("overall", on("reports:statistics"), STAFF_VIEW)],
        "reports:statistic-csv": [Case("CSV", on("reports:statistic-csv", key="participation-by-year"), STAFF_VIEW)],
    }


# --- The admin ------------------------------------------------------------------------------------------------

SECRETARIAT_APPS = ("workshops", "speakers", "reports")
# The admin's record-keeping models: nobody adds them by hand, and those below are never deleted.
NEVER_ADDED = {
    AgendaVersion,
    Registration,
    RegistrationSettings,
    WorkshopReports,
    AccessAttempt,
    AccessLog,
    AccessFailureLog,
}
NEVER_DELETED = {AgendaVersion, Registration, RegistrationSettings, WorkshopReports}


def admin_objects(site):
    """One object of each model in the admin; a model added to the admin without one here fails the test."""
    published, open_ = site["published"], site["open"]
    return {
        Theme: published.theme,
        Workshop: site["draft"],
        Day: site["item"].day,
        AgendaItem: site["item"],
        Question: Question.objects.first(),
        Document: site["hidden_document"],
        AgendaVersion: site["version"],
        Registration: site["registration"],
        RegistrationSettings: RegistrationSettings.objects.get(pk=open_.pk),
        Person: site["speaker"],
        Role: Role.objects.filter(item=site["item"]).first(),
        Publication: site["draft_publication"],
        SpeakerOrganization: SpeakerOrganization.objects.first(),
        WorkshopReports: WorkshopReports.objects.get(pk=open_.pk),
        Group: Group.objects.first(),
        User: site["user"],
        AccessAttempt: AccessAttempt.objects.first(),
        AccessLog: AccessLog.objects.first(),
        AccessFailureLog: AccessFailureLog.objects.first(),
        Message: Message.objects.first(),
        MessageLog: MessageLog.objects.first(),
        DontSendEntry: DontSendEntry.objects.first(),
    }


def model_page_expected(model, page):
    """(anonymous, participant, viewer, editor, superuser) for one page of a model's admin."""
    secretariat = model._meta.app_label in SECRETARIAT_APPS
    reading = page in ("changelist", "change", "history", "simple_history", "redirect")
    viewer = OK if secretariat and reading else FORBIDDEN
    editor = OK if secretariat else FORBIDDEN
    superuser = OK
    if (page == "add" and model in NEVER_ADDED) or (page == "delete" and model in NEVER_DELETED):
        editor = superuser = FORBIDDEN
    if page == "redirect":  # the old address of the change page sends any staff on to the change page
        viewer = editor = superuser = REDIRECT
    return (LOGIN, LOGIN, viewer, editor, superuser)


def admin_cases(site):
    objects = admin_objects(site)
    cases = {}
    for model, model_admin in admin.site._registry.items():
        obj = objects.get(model)
        if obj is None:
            continue  # reported as a pattern without an example
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for page in ("changelist", "add", "change", "delete", "history"):
            args = [] if page in ("changelist", "add") else [obj.pk]
            cases[f"{prefix}_{page}"] = [
                Case(page, reverse(f"{prefix}_{page}", args=args), model_page_expected(model, page))
            ]
        if isinstance(model_admin, SimpleHistoryAdmin):
            record = obj.history.latest().history_id
            path = reverse(f"{prefix}_simple_history", args=[obj.pk, record])
            cases[f"{prefix}_simple_history"] = [Case("one change", path, model_page_expected(model, "simple_history"))]
        route = f"admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/"
        cases[f"admin:{route}"] = [
            Case(
                "old address of the change page",
                f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/",
                model_page_expected(model, "redirect"),
            )
        ]
    workshop_type = ContentType.objects.get_for_model(Workshop)
    autocomplete = f"{reverse('admin:autocomplete')}?app_label=workshops&model_name=document&field_name=workshop"
    cases.update(
        {
            "admin:index": [Case("index", reverse("admin:index"), (LOGIN, LOGIN, OK, OK, OK))],
            "admin:auth_user_password_change": [
                Case(
                    "someone's password",
                    reverse("admin:auth_user_password_change", args=[site["user"].pk]),
                    (LOGIN, LOGIN, FORBIDDEN, FORBIDDEN, OK),
                )
            ],
            "admin:login": [Case("sign-in", reverse("admin:login"), (OK, OK, REDIRECT, REDIRECT, REDIRECT))],
            "admin:logout": [
                Case("GET does not sign out", reverse("admin:logout"), (REDIRECT, REDIRECT) + (NOT_ALLOWED,) * 3)
            ],
            "admin:password_change": [Case("form", reverse("admin:password_change"), (LOGIN, LOGIN, OK, OK, OK))],
            "admin:password_change_done": [
                Case("done", reverse("admin:password_change_done"), (LOGIN, LOGIN, OK, OK, OK))
            ],
            "admin:autocomplete": [Case("workshops", autocomplete, (LOGIN, LOGIN, OK, OK, OK))],
            "admin:jsi18n": [Case("catalog", reverse("admin:jsi18n"), (LOGIN, LOGIN, OK, OK, OK))],
            "admin:view_on_site": [
                Case(
                    "draft workshop",
                    reverse("admin:view_on_site", args=[workshop_type.pk, site["draft"].pk]),
                    (LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT),
                )
            ],
            "admin:app_list": [
                Case("workshops", reverse("admin:app_list", args=["workshops"]), (LOGIN, LOGIN, OK, OK, OK)),
                Case("users", reverse("admin:app_list", args=["auth"]), (LOGIN, LOGIN, MISSING, MISSING, OK)),
            ],
            "admin:admin/(?P<url>.*)$": [
                Case("no such page", "/admin/no-such-page/", (LOGIN, LOGIN, MISSING, MISSING, MISSING))
            ],
        }
    )
    return cases


# --- The visitors ---------------------------------------------------------------------------------------------


def visitors(client_class, site):
    participant = client_class()
    participant.get(reverse("workshops:registration", kwargs={"token": private_token(site["registration"])}))
    signed_in = {}
    for role, factory in (
        ("viewer", SecretariatViewerFactory),
        ("editor", SecretariatEditorFactory),
        ("superuser", SuperuserFactory),
    ):
        signed_in[role] = client_class()
        signed_in[role].force_login(factory())
    return {"anonymous": client_class(), "participant": participant, **signed_in}


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("admin:login") + "?next="):
        return LOGIN
    return response.status_code


def content_of(response):
    """The whole body. Reading a file download to its end is what lets the test client close the file; closing
    the response again here would end the test's database connection, as a finished request does."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_url_pattern_answers_each_kind_of_visitor_as_expected(client, site, django_assert_max_num_queries):
    cases = {**public_cases(site), **admin_cases(site)}
    patterns = dict(url_patterns())
    without_example = sorted(set(patterns) - set(cases))
    assert without_example == [], f"URL patterns with no example in this test: {without_example}"

    clients = visitors(type(client), site)
    wrong = []
    for key in sorted(patterns):
        for case in cases[key]:
            for role, expected in zip(ROLES, case.expected, strict=True):
                response = clients[role].get(case.path)
                got = outcome(response)
                content_of(response)
                if got != expected:
                    wrong.append(f"{key} [{case.label}] {case.path} as {role}: {got}, expected {expected}")
    assert wrong == [], "\n".join(wrong)


def test_pages_open_to_everyone_never_carry_a_participant_s_personal_data(client, site):
    """Beyond the status codes: what anonymous visitors can open never shows a registration that did not agree
    to the public list."""
    for case in [case for cases in public_cases(site).values() for case in cases if case.expected[0] == OK]:
        if "/registration/" in case.path:
            continue  # the participant's own page shows their own data
        content = content_of(client.get(case.path))
        assert b"someone.else@example.org" not in content, case.path
        assert b"Okonkwo-Lindqvist" not in content, case.path


def test_anonymous_visitors_get_nothing_of_a_published_workshop_s_draft_agenda(client, site):
    """Beyond the status codes: no page or calendar that anonymous visitors can open carries any of it (the agenda
    PDFs they can open are of other workshops: the status codes above keep this one's from them)."""
    for case in [case for cases in public_cases(site).values() for case in cases if case.expected[0] == OK]:
        content = content_of(client.get(case.path))
        for text in DRAFT_AGENDA_TEXT.values():
            assert text.encode() not in content, (case.path, text)


def test_the_secretariat_previews_a_published_workshop_s_draft_agenda_as_before(client, site):
    client.force_login(SecretariatViewerFactory())

    content = client.get(reverse("workshops:detail", kwargs={"slug": site["draft_agenda"].slug})).content.decode()

    for text in DRAFT_AGENDA_TEXT.values():
        assert text in content, text
