"""The secretariat's charts as Chromium draws them under the site's Content-Security-Policy, unbypassed."""

import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.factories import SecretariatViewerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each page and a chart of it with bars to draw: nobody registered for the archival demo workshop, but its
# speakers are on the agenda and its attendance was reported.
PAGES = {
    "workshop": ("reports:workshop-statistics", {"slug": "2007-global-labour-mobility"}, "speakers-country"),
    "overall": ("reports:statistics", {}, "participation-by-year"),
}
WHITE, BAR_BLUE = (255, 255, 255), (0x00, 0x33, 0xA0)


@pytest.fixture
def secretariat_page(browser, site):
    """A page signed in as a secretariat viewer, with the policy enforced as production enforces it."""
    client = Client()
    client.force_login(SecretariatViewerFactory())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def _share(image, colour, tolerance=8):
    pixels = list(image.get_flattened_data())
    close = sum(1 for pixel in pixels if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True)))
    return close / len(pixels)


@pytest.mark.parametrize("name", PAGES)
def test_statistics_charts_are_drawn_under_the_content_security_policy(secretariat_page, site, tmp_path, name):
    console = []
    secretariat_page.on("console", lambda message: console.append(message))

    view, arguments, statistic = PAGES[name]
    response = secretariat_page.goto(site + reverse(view, kwargs=arguments))

    policy = response.headers["content-security-policy"]
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    chart = secretariat_page.locator(f"#statistic-{statistic} .statistic-chart svg")
    assert chart.bounding_box()["width"] > 300
    screenshot = chart.screenshot(path=tmp_path / f"{name}.png")
    image = Image.open(io.BytesIO(screenshot)).convert("RGB")
    assert len(set(image.get_flattened_data())) > 2, "the chart is one solid colour"
    assert _share(image, WHITE) > 0.5, "the chart's background is not white"
    assert _share(image, BAR_BLUE) > 0.01, "the chart has no bars"
    assert [message.text for message in console if "Content Security Policy" in message.text] == []
