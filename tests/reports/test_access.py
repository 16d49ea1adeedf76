"""Only the secretariat reaches statistics, badges, check-in and exports: others sign in first or are refused."""

import pytest
from django.urls import reverse

from tests.factories import SecretariatEditorFactory, SecretariatViewerFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

SLUG = "guarded"
READ_PAGES = [
    ("reports:workshop-statistics", {"slug": SLUG}),
    ("reports:workshop-statistic-csv", {"slug": SLUG, "key": "country"}),
    ("reports:statistics", {}),
    ("reports:statistic-csv", {"key": "participation-by-year"}),
    ("reports:badges", {"slug": SLUG}),
    ("reports:speakers-csv", {"slug": SLUG}),
    ("reports:speakers-xlsx", {"slug": SLUG}),
]
CHECK_IN = ("reports:check-in", {"slug": SLUG})


@pytest.fixture(autouse=True)
def workshop():
    return WorkshopFactory(slug=SLUG)


def url_of(page):
    name, kwargs = page
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("page", [*READ_PAGES, CHECK_IN], ids=lambda page: page[0] if isinstance(page, tuple) else page)
def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.get(url_of(page))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("staff", [False, True], ids=["user", "staff-without-permissions"])
@pytest.mark.parametrize("page", [*READ_PAGES, CHECK_IN], ids=lambda page: page[0] if isinstance(page, tuple) else page)
def test_signed_in_users_outside_the_secretariat_are_refused(client, page, staff):
    client.force_login(UserFactory(is_staff=staff))

    assert client.get(url_of(page)).status_code == 403


@pytest.mark.parametrize("page", READ_PAGES, ids=lambda page: page[0])
def test_secretariat_viewers_reach_statistics_badges_and_exports(client, page):
    client.force_login(SecretariatViewerFactory())

    assert client.get(url_of(page)).status_code == 200


def test_viewers_cannot_check_participants_in_but_editors_can(client):
    client.force_login(SecretariatViewerFactory())
    assert client.get(url_of(CHECK_IN)).status_code == 403
    assert client.post(url_of(CHECK_IN), {"registration": 1}).status_code == 403

    client.force_login(SecretariatEditorFactory())
    assert client.get(url_of(CHECK_IN)).status_code == 200


TOOLS = ("workshop-statistics", "check-in", "badges", "agenda-pdf", "speakers-csv", "speakers-xlsx")


def tool_links(page):
    return {name for name in TOOLS if reverse(f"reports:{name}", kwargs={"slug": SLUG}) in page}


@pytest.mark.parametrize(
    ("user_factory", "offered"),
    [(SecretariatEditorFactory, set(TOOLS)), (SecretariatViewerFactory, set(TOOLS) - {"check-in"})],
    ids=["editor", "viewer"],
)
def test_the_admin_and_the_statistics_offer_each_user_only_the_tools_they_may_use(client, user_factory, offered):
    client.force_login(user_factory())

    admin_list = client.get(reverse("admin:reports_workshopreports_changelist")).content.decode()
    statistics = client.get(url_of(READ_PAGES[0])).content.decode()

    assert tool_links(admin_list) == offered
    assert tool_links(statistics) == offered
