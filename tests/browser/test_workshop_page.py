import datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSHOP = "/workshops/2007-global-labour-mobility/"
PHONE = {"width": 375, "height": 812}


def test_reader_follows_a_speaker_to_session_three_reads_it_in_french_and_takes_the_calendar(page, site):
    page.goto(f"{site}/en{WORKSHOP}")
    page.locator("#session-3").get_by_role("link", name="Elijah Achoch").click()
    expect(page.locator("h1")).to_have_text("Elijah Achoch")

    page.locator(f"a[href$='{WORKSHOP}#session-3']").click()

    page.wait_for_url(f"**/en{WORKSHOP}#session-3")
    session_three = page.locator("#session-3")
    expect(session_three.locator("h4").first).to_contain_text("Session III")
    expect(session_three).to_be_in_viewport()

    page.locator(".language-switcher").get_by_role("link", name="français").click()

    page.wait_for_url(f"**/fr{WORKSHOP}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#day-2-heading")).to_contain_text("9 octobre 2007")

    with page.expect_download() as download_info:
        page.locator(f"a[href$='{WORKSHOP}calendar.ics']").click()
    download = download_info.value
    assert download.suggested_filename == "2007-global-labour-mobility.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    (session_three,) = (event for event in calendar.walk("VEVENT") if str(event["URL"]).endswith("#session-3"))
    assert str(session_three["SUMMARY"]).startswith("Séance III")  # the calendar speaks the page's language
    start = session_three.decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime.datetime(2007, 10, 9, 10, 15)
    assert str(start.tzinfo) == "Europe/Zurich"


def test_workshop_page_fits_a_phone_with_times_above_each_item(browser, site):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{site}/en{WORKSHOP}")

        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        time_box = page.locator("#session-3 > .agenda-time").bounding_box()
        body_box = page.locator("#session-3 > .agenda-body").bounding_box()
        assert time_box["y"] + time_box["height"] <= body_box["y"]
        assert abs(time_box["x"] - body_box["x"]) < 1
    finally:
        context.close()
