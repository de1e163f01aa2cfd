"""The site's languages. `settings.LANGUAGES` is the one list (each language named in itself, for
the switcher); everything else reads it through this module."""

from django.conf import settings
from django.utils.translation import get_language_info

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
LANGUAGE_CHOICES = tuple(settings.LANGUAGES)


def native_name(code):
    """A language's name in itself: "Deutsch", "日本語"."""
    return str(dict(LANGUAGE_CHOICES)[code])


def language_name(code):
    """A language's name in the active language, e.g. 'German' on an English page."""
    return str(get_language_info(code)["name_translated"]) if code else ""


def is_bidi(code):
    """Whether a language is written right to left."""
    return bool(code) and get_language_info(code)["bidi"]
