"""The site's languages. `settings.LANGUAGES` is the one list (each language named in itself, for
the switcher); everything else reads it through this module."""

from functools import cache

from babel import Locale
from django.conf import settings
from django.utils.translation import get_language, get_language_info, to_locale

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
LANGUAGE_CHOICES = tuple(settings.LANGUAGES)

# CLDR stores language names as they stand mid-sentence ("allemand") and says per locale, in its
# contextTransforms, where they take a capital. Babel does not carry contextTransforms, so this
# is their `languages` / `uiListOrMenu` entry ("titlecase-firstword") for the site's languages
# (CLDR 45: fr, es, uk). The others' names are capitalised already (en, de) or have no case.
# A language added to settings.LANGUAGES needs looking up here.
_CAPITALISED_IN_LISTS = frozenset({"fr", "es", "uk"})


def native_name(code):
    """A language's name in itself: "Deutsch", "日本語"."""
    return str(dict(LANGUAGE_CHOICES)[code])


def language_name(code):
    """A language's name in the active language, as it stands in running text: "German" on an
    English page, "allemand" in "En allemand" on a French one."""
    return _name(get_language(), code, label=False) if code else ""


def language_label(code):
    """A language's name in the active language, as an item of a list or menu (a filter, the
    languages a case study is written in): "Allemand" on a French page."""
    return _name(get_language(), code, label=True) if code else ""


@cache
def _name(active, code, label):
    # Django's name_translated comes from its own catalogues, which name a regional variant
    # ("英語(米国)"), capitalise mid-sentence ("En Allemand") and misspell some (Arabic's
    # Ukrainian); CLDR's names are the language itself, in running-text case.
    active = active or settings.LANGUAGE_CODE
    name = Locale.parse(to_locale(active)).languages[code]
    if label and active.split("-")[0] in _CAPITALISED_IN_LISTS:
        return name[:1].upper() + name[1:]
    return name


def is_bidi(code):
    """Whether a language is written right to left."""
    return bool(code) and get_language_info(code)["bidi"]


READING_COOKIE = "reading_languages"


def reading_languages(request, chosen=None):
    """The languages a reader reads: those just `chosen`, else those remembered in a cookie
    (no account needed), else the language of the page."""
    codes = chosen or request.COOKIES.get(READING_COOKIE, "").split(",")
    codes = [code for code in dict.fromkeys(codes) if code in LANGUAGE_CODES]
    return codes or [get_language() or LANGUAGE_CODES[0]]


def remember_reading_languages(request, response, codes):
    response.set_cookie(
        READING_COOKIE,
        ",".join(codes),
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
