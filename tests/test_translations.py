"""The French and Spanish catalogs: complete, in step with the source, and what the public pages speak."""

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ("fr", "es")
# The directories `makemessages` is told to leave out (see the Makefile's `messages` target and the README),
# besides the dot-directories it always leaves out.
NOT_TRANSLATED = {".venv", "node_modules", "tests"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}


def catalog_path(language, root=ROOT):
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def catalog(language, root=ROOT):
    return polib.pofile(str(catalog_path(language, root)))


def describe(entry):
    context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context}"


def is_untranslated(entry, plural_forms):
    if entry.msgid_plural:
        return len(entry.msgstr_plural) != plural_forms or not all(entry.msgstr_plural.values())
    return not entry.msgstr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po = catalog(language)
    plural_forms = int(po.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])

    untranslated = [describe(entry) for entry in po if not entry.obsolete and is_untranslated(entry, plural_forms)]
    fuzzy = [describe(entry) for entry in po if not entry.obsolete and "fuzzy" in entry.flags]

    assert not po.metadata_is_fuzzy, f"the header of the {language} catalog is marked fuzzy"
    assert po.metadata["Language"] == language
    assert not untranslated, f"{len(untranslated)} untranslated in {language}:\n" + "\n".join(untranslated)
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_passes_msgfmt_check(language):
    """Placeholders, plural forms and the header as gettext itself checks them."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(catalog_path(language))], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr


def copy_translatable_source(destination):
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [name for name in subdirectories if name not in NOT_TRANSLATED and not name.startswith(".")]
        for name in files:
            if Path(name).suffix in SOURCE_SUFFIXES:
                source = Path(directory, name)
                target = destination / source.relative_to(ROOT)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def message_keys(po):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in po if not entry.obsolete}


@pytest.fixture(scope="module")
def extracted_messages(tmp_path_factory):
    """Every string the source marks for translation, as `makemessages` extracts it now."""
    project = tmp_path_factory.mktemp("project")
    copy_translatable_source(project)
    (project / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--no-obsolete", "--verbosity", "0"],
        cwd=project,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "idm.settings.dev"},
        check=True,
        capture_output=True,
    )
    return message_keys(catalog("fr", root=project))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_every_string_of_the_source(language, extracted_messages):
    missing = extracted_messages - message_keys(catalog(language))

    assert not missing, (
        f"{len(missing)} strings of the source are not in the {language} catalog; run "
        "`manage.py makemessages -l fr -l es --ignore=.venv --ignore=tests --ignore=node_modules --no-obsolete` "
        "and translate them:\n" + "\n".join(sorted(repr(msgid) for _, msgid, _ in missing))
    )


class PageText(HTMLParser):
    """The text a reader meets: text nodes and the labels that assistive technology reads out."""

    def __init__(self, html):
        super().__init__()
        self.texts = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.texts.update(value for name, value in attrs if name in {"aria-label", "title", "alt"} and value)

    def handle_data(self, data):
        if data.strip():
            self.texts.add(data.strip())


NAVIGATION = {
    "fr": {"Ateliers", "Intervenants", "Documents", "Menu principal", "Aller au contenu principal"},
    "es": {"Talleres", "Oradores", "Documentos", "Menú principal", "Ir al contenido principal"},
}
ENGLISH_NAVIGATION = {"Workshops", "Speakers", "Main", "Skip to main content", "Secretariat sign-in", "Languages"}
# "Documents" is French as well as English.
ENGLISH_ONLY = {"fr": ENGLISH_NAVIGATION, "es": ENGLISH_NAVIGATION | {"Documents"}}
PUBLIC_PAGES = ("/{language}/", "/{language}/workshops/{slug}/", "/{language}/speakers/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_show_translated_navigation(client, demo_workshop, language, page):
    response = client.get(page.format(language=language, slug=demo_workshop.slug))
    texts = PageText(response.content.decode()).texts

    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
    assert NAVIGATION[language] <= texts
    assert not ENGLISH_ONLY[language] & texts


AGENDA = {
    "fr": ("Ordre du jour définitif", "Séance III", "Les questions suivantes sont proposées pour orienter le débat"),
    "es": ("Programa definitivo", "Sesión III", "Se proponen las siguientes preguntas para orientar el debate"),
}
# The earlier version's status is put into the sentence in lower case, so the article must agree with it.
CHANGES_LINK = {
    "fr": "Modifications depuis l’ordre du jour provisoire",
    "es": "Cambios desde el programa provisional",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_workshop_page_prints_the_agenda_in_the_reader_language(client, demo_workshop, language):
    page = client.get(f"/{language}/workshops/{demo_workshop.slug}/").content.decode()

    for text in (*AGENDA[language], CHANGES_LINK[language]):
        assert text in page
    for english in ("Session III", "The following questions are proposed", "Changes since the"):
        assert english not in page
