import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WORKSHOP = "/workshops/2007-global-labour-mobility/"


def open_changes_page(page, site, language):
    """The changes page is reached as a reader reaches it: from the link on the workshop page."""
    page.goto(f"{site}/{language}{WORKSHOP}")
    page.locator("a[href*='/changes/']").first.click()
    page.wait_for_url("**/changes/")


PAGES = {
    "home": "/",
    "workshop": WORKSHOP,
    "changes": open_changes_page,
    "speaker-index": "/speakers/",
    "speaker": "/speakers/elijah-achoch/",
    "document-library": "/documents/",
}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}".replace("\n", " | "))
    return "\n".join(lines)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("name", PAGES)
def test_public_page_has_no_wcag_21_aa_violations(page, site, axe_script, name, language):
    target = PAGES[name]
    if callable(target):
        target(page, site, language)
    else:
        response = page.goto(f"{site}/{language}{target}")
        assert response.ok, response.status
    assert page.locator("html").get_attribute("lang") == language

    page.add_script_tag(path=axe_script)
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(results => results.violations)",
        WCAG_21_AA,
    )

    assert not violations, f"axe-core found violations on {page.url}:\n{describe(violations)}"
