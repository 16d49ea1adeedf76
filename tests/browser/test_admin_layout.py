"""The secretariat's admin at a 1280 px wide window: no page scrolls sideways, and axe-core finds nothing."""

from pathlib import Path

import pytest
from django.urls import reverse

from reports.models import Publication, WorkshopReports
from speakers.models import Person
from tests.browser.test_accessibility import WCAG_21_AA, describe
from tests.factories import (
    PublicationFactory,
    RegistrationFactory,
    SecretariatEditorFactory,
    SpeakerOrganizationFactory,
    WorkshopFactory,
)
from workshops.models import AgendaItem, Day, Document, Registration, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # the factories' password
SCREENSHOTS = Path("/tmp/idm-admin-screens")
# A list's table scrolls inside its own box when too wide, which cuts its last columns as surely as the page.
# (A select box clips its long options rather than scroll them.)
SCROLLING_SIDEWAYS = """[...document.querySelectorAll("*")]
    .filter(e => e.tagName !== "SELECT" && ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def editor_page(page, site):
    """Signed in as an editor, as the secretariat signs in, with the demo and a busy registration desk."""
    for year in (2008, 2009, 2010):
        WorkshopFactory(title=f"Migrants and host societies: partnerships for success ({year})")
    demo = Workshop.objects.get(slug="2007-global-labour-mobility")
    RegistrationFactory.create_batch(
        12,
        workshop=demo,
        organization="Permanent Mission of the Plurinational State of Bolivia to the United Nations Office",
        position="Counsellor for migration and humanitarian affairs",
    )
    RegistrationFactory.create_batch(3, status=Registration.Status.WAITLISTED)
    PublicationFactory(workshops=[demo])
    SpeakerOrganizationFactory()
    editor = SecretariatEditorFactory()
    page.goto(f"{site}{reverse('admin:login')}")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}{reverse('admin:index')}")
    return page


def admin_pages():
    demo = Workshop.objects.get(slug="2007-global-labour-mobility")
    item = AgendaItem.objects.filter(day__workshop=demo, roles__isnull=False).order_by("pk").first()
    return {
        "workshop-list": changelist(Workshop),
        "workshop": change(demo),
        "day-list": changelist(Day),
        "day": change(demo.days.first()),
        "agenda-item-list": changelist(AgendaItem),
        "agenda-item": change(item),
        "registration-list": changelist(Registration),
        "registration": change(Registration.objects.filter(workshop=demo).first()),
        "document-list": changelist(Document),
        "document": change(demo.documents.first()),
        "person-list": changelist(Person),
        "person": change(Person.objects.filter(roles__isnull=False).first()),
        "reports-list": changelist(WorkshopReports),
        "publication-list": changelist(Publication),
        "publication": change(Publication.objects.first()),
    }


def test_admin_pages_fit_a_1280_px_window_and_have_no_wcag_21_aa_violations(editor_page, site, axe_script):
    SCREENSHOTS.mkdir(exist_ok=True)
    overflowing, violations = {}, {}
    for name, path in admin_pages().items():
        response = editor_page.goto(f"{site}{path}")
        assert response.ok, (path, response.status)
        editor_page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
        width = editor_page.evaluate("document.documentElement.scrollWidth")
        scrolled = editor_page.evaluate(SCROLLING_SIDEWAYS)
        if width > 1280 or scrolled:
            overflowing[name] = (width, scrolled)
        editor_page.add_script_tag(path=axe_script)
        found = editor_page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(results => results.violations)",
            WCAG_21_AA,
        )
        if found:
            violations[name] = describe(found)

    assert overflowing == {}, "\n".join(f"{name}: {found}" for name, found in overflowing.items())
    assert violations == {}, "\n".join(f"{name}:\n{text}" for name, text in violations.items())


def test_rows_added_on_the_page_and_autocomplete_boxes_have_names(editor_page, site, axe_script):
    """Rows added with "Add another" are drawn by script, their autocomplete boxes too: they are named as well."""
    item = change(
        AgendaItem.objects.filter(day__workshop__slug="2007-global-labour-mobility", roles__isnull=False).first()
    )
    violations = {}
    for path in (item, change(Workshop.objects.get(slug="2007-global-labour-mobility"))):
        editor_page.goto(f"{site}{path}")
        for add in editor_page.locator(".add-row a:visible").all():
            add.click()
        editor_page.add_script_tag(path=axe_script)
        found = editor_page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(results => results.violations)",
            WCAG_21_AA,
        )
        if found:
            violations[path] = describe(found)
        if path == item:
            # The empty "Part of" box, and "On behalf of" in the role just added, are named by their labels.
            editor_page.goto(f"{site}{item}")
            assert editor_page.get_by_role("combobox", name="Part of").count() == 1
            editor_page.locator("#roles-group .add-row a").click()
            assert editor_page.get_by_role("combobox", name="On behalf of").count() == 2

    assert violations == {}, "\n".join(f"{path}:\n{text}" for path, text in violations.items())
