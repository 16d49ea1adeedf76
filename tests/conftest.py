import io
import json
from pathlib import Path

import pytest
from django.conf import settings

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DEMO_SLUG = "2007-global-labour-mobility"


def demo_path(status):
    return DEMO_DIR / f"{DEMO_SLUG}.{status}.json"


def demo_data(status):
    return json.loads(demo_path(status).read_text(encoding="utf-8"))


@pytest.fixture
def demo_workshop(db):
    from django.core.management import call_command

    from workshops.models import Workshop

    call_command("load_demo", stdout=io.StringIO())
    return Workshop.objects.get(slug=DEMO_SLUG)


@pytest.fixture(autouse=True)
def english_by_default():
    """A request under /fr/ leaves French active in the thread; each test starts in English again."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Cached public pages live in process memory, which outlives a test's database."""
    from django.core.cache import caches

    caches["pages"].clear()
