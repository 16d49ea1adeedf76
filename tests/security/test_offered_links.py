"""Every link the secretariat is offered in the admin and the reports leads somewhere it may go."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.factories import RegistrationFactory, SecretariatEditorFactory, SecretariatViewerFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')
SECRETARIAT_AREAS = ("/admin/", "/en/reports/")


def offered_links(response):
    for href in HREF.findall(response.content.decode()):
        path = urlsplit(unescape(href)).path
        if path.startswith(SECRETARIAT_AREAS) and not path.startswith("/admin/logout/"):
            yield path


def pattern_of(path):
    """Pages of one kind (each workshop's change page) are visited once: the route decides who may see them."""
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return (match.route, tuple(sorted(match.kwargs)), match.kwargs.get("app_label"), match.kwargs.get("model_name"))


@pytest.mark.parametrize("user_factory", [SecretariatViewerFactory, SecretariatEditorFactory], ids=["viewer", "editor"])
def test_every_link_the_secretariat_is_offered_opens(client, demo_workshop, user_factory):
    RegistrationFactory(workshop=demo_workshop)
    client.force_login(user_factory())
    to_visit, seen, refused = ["/admin/"], set(), []
    while to_visit:
        path = to_visit.pop()
        if pattern_of(path) in seen:
            continue
        seen.add(pattern_of(path))
        response = client.get(path)
        if response.status_code in (403, 404):
            refused.append((path, response.status_code))
        elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            to_visit.extend(offered_links(response))

    assert len(seen) > 40  # the crawl reached the whole admin, not the front page alone
    assert refused == []
