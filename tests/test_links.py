"""Links built from a pattern reversed once are the links Django's reverse() builds."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from idm.core import page_context
from idm.core.links import reverse_one


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize(
    ("viewname", "kwarg", "value"),
    [("speakers:detail", "slug", "elijah-achoch"), ("workshops:document-download", "pk", 42)],
)
def test_a_link_is_the_one_reverse_gives_in_every_language(language, viewname, kwarg, value):
    with translation.override(language):
        assert reverse_one(viewname, **{kwarg: value}) == reverse(viewname, kwargs={kwarg: value})


def test_a_link_follows_the_script_prefix_the_site_is_served_under():
    set_script_prefix("/idm/")
    try:
        link = reverse_one("speakers:detail", slug="lant-pritchett")
    finally:
        clear_script_prefix()

    assert link == "/idm/en/speakers/lant-pritchett/"
    assert reverse_one("speakers:detail", slug="lant-pritchett") == "/en/speakers/lant-pritchett/"


def test_a_link_with_two_values_is_the_one_reverse_gives():
    kwargs = {"slug": "2007-global-labour-mobility", "anchor": "day-1-session-3"}

    assert reverse_one("workshops:item-calendar", **kwargs) == reverse("workshops:item-calendar", kwargs=kwargs)


def test_a_fragment_rendered_in_a_fixed_page_context_links_in_the_language_of_its_page():
    with translation.override("fr"), page_context.fixed():
        inside = reverse_one("speakers:detail", slug="lant-pritchett")

    with translation.override("es"):
        after = reverse_one("speakers:detail", slug="lant-pritchett")

    assert inside == "/fr/speakers/lant-pritchett/"
    assert after == "/es/speakers/lant-pritchett/"
