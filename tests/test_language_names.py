"""Languages are named as a reader of each site language expects: CLDR's name of the language
itself (never a regional variant), lowercase mid-sentence where the language writes it so, and
capitalised as a list or menu item where the language does that."""

import pytest
from babel import Locale
from django.utils import translation

from casestudies.languages import LANGUAGE_CODES, language_label, language_name
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory

NAMED = ("en", "ja", "de", "fr", "es", "ar", "uk")

# In running text: "In German", "En allemand".
RUNNING_TEXT = {
    "en": ("English", "Japanese", "German", "French", "Spanish", "Arabic", "Ukrainian"),
    "ja": ("英語", "日本語", "ドイツ語", "フランス語", "スペイン語", "アラビア語", "ウクライナ語"),
    "de": ("Englisch", "Japanisch", "Deutsch", "Französisch", "Spanisch", "Arabisch", "Ukrainisch"),
    "fr": ("anglais", "japonais", "allemand", "français", "espagnol", "arabe", "ukrainien"),
    "es": ("inglés", "japonés", "alemán", "francés", "español", "árabe", "ucraniano"),
    "ar": (
        "الإنجليزية", "اليابانية", "الألمانية", "الفرنسية", "الإسبانية", "العربية", "الأوكرانية",
    ),
    "uk": (
        "англійська", "японська", "німецька", "французька", "іспанська", "арабська", "українська",
    ),
}  # fmt: skip

# As an item of a list or menu (the search filters, the languages a case study is written in).
LIST_ITEM = {
    "en": ("English", "Japanese", "German", "French", "Spanish", "Arabic", "Ukrainian"),
    "ja": ("英語", "日本語", "ドイツ語", "フランス語", "スペイン語", "アラビア語", "ウクライナ語"),
    "de": ("Englisch", "Japanisch", "Deutsch", "Französisch", "Spanisch", "Arabisch", "Ukrainisch"),
    "fr": ("Anglais", "Japonais", "Allemand", "Français", "Espagnol", "Arabe", "Ukrainien"),
    "es": ("Inglés", "Japonés", "Alemán", "Francés", "Español", "Árabe", "Ucraniano"),
    "ar": (
        "الإنجليزية", "اليابانية", "الألمانية", "الفرنسية", "الإسبانية", "العربية", "الأوكرانية",
    ),
    "uk": (
        "Англійська", "Японська", "Німецька", "Французька", "Іспанська", "Арабська", "Українська",
    ),
}  # fmt: skip

PAIRS = [
    pytest.param(display, code, index, id=f"{display}-{code}")
    for display in RUNNING_TEXT
    for index, code in enumerate(NAMED)
]


def test_the_tables_cover_every_site_language():
    # A language added to settings.LANGUAGES needs its names checked here (and its list-item
    # capitalisation in casestudies/languages.py).
    assert set(RUNNING_TEXT) == set(LIST_ITEM) == set(NAMED) == set(LANGUAGE_CODES)


@pytest.mark.parametrize(("display", "code", "index"), PAIRS)
def test_running_text_name(display, code, index):
    with translation.override(display):
        assert language_name(code) == RUNNING_TEXT[display][index]


@pytest.mark.parametrize(("display", "code", "index"), PAIRS)
def test_list_item_name(display, code, index):
    with translation.override(display):
        assert language_label(code) == LIST_ITEM[display][index]


@pytest.mark.parametrize(("display", "code", "index"), PAIRS)
def test_running_text_names_are_cldrs(display, code, index):
    """The table above is written by hand; CLDR agrees with it."""
    assert Locale.parse(display).languages[code] == RUNNING_TEXT[display][index]


def test_no_name_is_a_regional_variant():
    for display in NAMED:
        with translation.override(display):
            for code in NAMED:
                for name in (language_name(code), language_label(code)):
                    assert not any(mark in name for mark in "()（）"), (display, code, name)


def test_no_language_has_no_name():
    assert language_name("") == language_label("") == ""


@pytest.fixture
def german_original(case_study_index):
    """A case study written in German only: French readers see it in German."""
    werkbund = OrganisationPageFactory(
        parent=case_study_index, title="Werkbund GmbH", slug="werkbund", country="DE"
    )
    return CaseStudyPageFactory(
        parent=werkbund,
        slug="leipzig-ausbildung",
        title=None,
        title_de="Ausbildung in Leipzig",
        summary=None,
        summary_de="Eine Ausbildung mit Sprachkurs.",
        original_language="de",
        country="DE",
    )


def test_french_case_study_card_says_en_allemand(client, german_original):
    content = client.get("/fr/case-studies/werkbund/").content.decode()

    assert "Ausbildung in Leipzig" in content
    assert "En allemand" in content
    assert "En Allemand" not in content


def test_french_case_study_page_names_german_in_the_sentence_and_in_the_list(
    client, german_original
):
    content = client.get("/fr/case-studies/werkbund/leipzig-ausbildung/").content.decode()

    notice = content.split('class="notice"', 1)[1].split("</p>", 1)[0]
    assert notice.endswith("allemand."), notice
    written_in = content.split("Rédigée en", 1)[1].split("</dd>", 1)[0]
    assert "Allemand" in written_in


@pytest.mark.parametrize("search_engine", ["database"], indirect=True)
def test_french_search_page_badge_and_filter(client, german_original, reindex):
    reindex()

    content = client.get("/fr/search/").content.decode()

    assert "En allemand" in content
    assert "En Allemand" not in content
    assert "Allemand" in content, "the language filter is a list item"
    facets = client.get("/api/v1/search/?lang=fr").json()["facets"]
    assert {"value": "de", "label": "Allemand", "count": 1, "hires": 4} in facets["language"]


def test_japanese_reader_sees_english_not_american_english(client, case_study):
    # The fixture's case study is in English only; its organisation's page lists it.
    content = client.get("/ja/case-studies/brightkiln/").content.decode()

    assert "英語で掲載" in content
    assert "英語(米国)" not in content
