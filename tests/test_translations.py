"""Every interface string is translated, and the committed .mo files match their .po files."""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings

from casestudies.languages import LANGUAGE_CODES

LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code in LANGUAGE_CODES if code != "en"]


def catalogue(language, kind):
    path = LOCALE / language / "LC_MESSAGES" / f"django.{kind}"
    with path.open("rb") as handle:
        return read_po(handle) if kind == "po" else read_mo(handle)


def _hashable(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def translations(catalog):
    """{message id: translation}; plural entries have tuples of forms on both sides."""
    return {_hashable(message.id): _hashable(message.string) for message in catalog if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    po = catalogue(language, "po")
    untranslated = [m.id for m in po if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language):
    assert translations(catalogue(language, "mo")) == translations(catalogue(language, "po")), (
        "run `make messages` and commit the .mo files"
    )
