"""The public search, as docs/search-api.md and docs/vocabularies.md describe it, on both engines.

Every test runs once per engine (the `search_engine` fixture, through `run` and `reindex`):
it builds a small corpus, rebuilds the index from the live site and asks the same question the
API asks. Assertions are on slugs, totals, facet counts and unambiguous orderings, never on
scores. Text that a test does not care about is NEUTRAL, so that only the words a test puts in
can match.
"""

from datetime import date

import pytest
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from casestudies.models import CaseStudyPage
from search.facets import FACETS
from search.query import parse_search_query
from tests.factories import OrganisationPageFactory
from tests.search.corpus import (
    by_slug,
    counts,
    order,
    q,
    slugs,
    written_in,
)

# Text: stemming, Japanese, every language's fields ------------------------------------------

STEMMING = [
    pytest.param("en", "hiring", "Last spring we hired six welders.", id="en-hiring-hired"),
    pytest.param("en", "apprenticeships", "A paid apprenticeship.", id="en-plural-singular"),
    pytest.param("en", "HIRING", "Last spring we hired six welders.", id="en-case-folded"),
    pytest.param("de", "Ausbildungen", "Die Ausbildung dauert drei Jahre.", id="de-plural"),
    pytest.param("de", "Wohnung", "Wir vermitteln Wohnungen in der Stadt.", id="de-singular"),
    pytest.param("fr", "recrutements", "Le recrutement a commencé en mars.", id="fr-plural"),
    pytest.param("fr", "formation", "Des formations en soirée.", id="fr-singular"),
    pytest.param("es", "contrataciones", "La contratación empezó en marzo.", id="es-plural"),
    pytest.param("es", "trabajador", "Los trabajadores llegaron en abril.", id="es-singular"),
]


@pytest.mark.parametrize("lang, query, body", STEMMING)
def test_a_query_finds_another_inflection_of_the_same_word(make, reindex, run, lang, query, body):
    make("inflected", lang=lang, body=body)
    make("unrelated", lang=lang)
    reindex()

    assert slugs(run(q(query))) == {"inflected"}


UNRELATED = [
    pytest.param("en", "greenhouse", "Last spring we hired six welders.", id="en"),
    pytest.param("de", "Gewächshaus", "Die Ausbildung dauert drei Jahre.", id="de"),
    pytest.param("fr", "boulangerie", "Le recrutement a commencé en mars.", id="fr"),
    pytest.param("es", "panadería", "La contratación empezó en marzo.", id="es"),
]


@pytest.mark.parametrize("lang, query, body", UNRELATED)
def test_an_unrelated_word_finds_nothing(make, reindex, run, lang, query, body):
    make("written", lang=lang, body=body)
    reindex()

    results = run(q(query))

    assert (results.total, results.results) == (0, [])


@pytest.mark.parametrize("query", ["採用", "採用活動"])
def test_japanese_words_are_found_inside_unspaced_text(make, reindex, run, query):
    make("recruiting", lang="ja", title="東京の取り組み", body="今年から採用活動を始めました。")
    make("training", lang="ja", title="大阪の取り組み", body="今年から研修を始めました。")
    reindex()

    assert slugs(run(q(query))) == {"recruiting"}


def test_every_languages_text_is_searched_whatever_the_display_language(make, reindex, run):
    make("translated", **written_in("de", body="Die Ausbildung dauert drei Jahre."))
    make("untranslated")
    reindex()

    results = run(q("Ausbildung", lang="en"))

    assert slugs(results) == {"translated"}
    assert results.results[0]["language"] == "en"


VOCABULARY_LABELS = [
    pytest.param("住居支援", {"themes": ["housing"]}, id="theme-ja"),
    pytest.param("Wohnen", {"themes": ["housing"]}, id="theme-de"),
    pytest.param("Logement", {"themes": ["housing"]}, id="theme-fr"),
    pytest.param("Vivienda", {"themes": ["housing"]}, id="theme-es"),
    pytest.param("Landwirtschaft", {"sector": "agriculture"}, id="sector-de"),
    pytest.param("農業", {"sector": "agriculture"}, id="sector-ja"),
    pytest.param("Asylsuchende", {"protection_statuses": ["asylum-seeker"]}, id="status-de"),
    pytest.param("Kleinstunternehmen", {"company_size": "micro"}, id="company-size-de"),
    pytest.param("Deutschland", {"country": "DE"}, id="country-de"),
]


@pytest.mark.parametrize("label, tags", VOCABULARY_LABELS)
def test_a_vocabulary_label_in_any_language_finds_the_tagged_case_studies(
    make, reindex, run, label, tags
):
    # English case studies whose text never names the term: only the tag can match.
    make("tagged", **tags)
    make("untagged")
    reindex()

    assert slugs(run(q(label))) == {"tagged"}


# The syntax characters of Lucene's query languages are plain text in a free-text query.
QUERY_SYNTAX = ['"hiring', "(hiring", "hiring)", "[hiring]", "{hiring}", "hiring\\", "/hiring/"]
QUERY_SYNTAX += ["hiring:", "hiring!", "hiring?", "hiring && hiring", "hiring || hiring"]


@pytest.mark.parametrize("text", QUERY_SYNTAX)
def test_query_syntax_characters_are_treated_as_text(make, reindex, run, text):
    make("hired", body="Last spring we hired six welders.")
    make("other")
    reindex()

    assert slugs(run(q(text))) == {"hired"}


# Filters ------------------------------------------------------------------------------------

FILTERS = [
    pytest.param("country=DE", {"country": "DE"}, {"country": "FR"}, id="country"),
    pytest.param("region=asia", {"country": "JP"}, {"country": "DE"}, id="region"),
    pytest.param("theme=housing", {"themes": ["housing", "mentoring"]}, {}, id="theme"),
    pytest.param("sector=agriculture", {"sector": "agriculture"}, {}, id="sector"),
    pytest.param("company_size=micro", {"company_size": "micro"}, {}, id="company_size"),
    pytest.param(
        "protection_status=asylum-seeker",
        {"protection_statuses": ["recognised-refugee", "asylum-seeker"]},
        {"protection_statuses": ["recognised-refugee"]},
        id="protection_status",
    ),
    pytest.param("language=de", {"lang": "de"}, {}, id="language-original"),
    pytest.param("language=de", written_in("de"), {}, id="language-translation"),
    pytest.param(
        "source=rtsp", {"source": "rtsp"}, {"source": "international-partner"}, id="source"
    ),
    pytest.param("year_min=2021", {"year": 2021}, {"year": 2020}, id="year_min"),
    pytest.param("year_max=2020", {"year": 2020}, {"year": 2021}, id="year_max"),
]


@pytest.mark.parametrize("params, matching, other", FILTERS)
def test_each_filter_keeps_only_the_matching_case_studies(
    make, reindex, run, params, matching, other
):
    make("matching", **matching)
    make("other", **other)
    reindex()

    results = run(params)

    assert slugs(results) == {"matching"}
    assert results.total == 1


def test_a_year_range_includes_both_ends(make, reindex, run):
    for year in (2019, 2020, 2021, 2022, 2023):
        make(f"year-{year}", year=year)
    reindex()

    assert slugs(run("year_min=2020&year_max=2022")) == {"year-2020", "year-2021", "year-2022"}


@pytest.fixture
def themed(make):
    """Three themes across two countries."""
    make("housing-de", themes=["housing"], country="DE")
    make("housing-gb", themes=["housing", "mentoring"], country="GB")
    make("recruitment-de", themes=["recruitment"], country="DE")
    make("mentoring-jp", themes=["mentoring"], country="JP")


def test_values_of_one_parameter_are_alternatives(themed, reindex, run):
    reindex()

    results = run("theme=housing&theme=recruitment")

    assert slugs(results) == {"housing-de", "housing-gb", "recruitment-de"}


def test_parameters_are_all_required(themed, reindex, run):
    reindex()

    assert slugs(run("theme=housing&country=DE")) == {"housing-de"}


def test_alternatives_within_and_requirements_across_parameters_combine(themed, reindex, run):
    reindex()

    results = run("theme=housing&theme=mentoring&country=GB&country=JP")

    assert slugs(results) == {"housing-gb", "mentoring-jp"}


def test_filters_narrow_a_text_search(make, reindex, run):
    make("kiln-de", country="DE", body="The Kilnworks pilot.")
    make("kiln-gb", country="GB", body="The Kilnworks pilot.")
    make("quiet-de", country="DE")
    reindex()

    assert slugs(run(q("Kilnworks", country="DE"))) == {"kiln-de"}


def test_no_query_and_no_filter_returns_every_case_study(themed, reindex, run):
    reindex()

    results = run("")

    assert results.total == 4
    assert slugs(results) == {"housing-de", "housing-gb", "recruitment-de", "mentoring-jp"}


# Facets -------------------------------------------------------------------------------------


def test_every_facet_is_listed(themed, reindex, run):
    reindex()

    assert set(run("").facets) == {facet.name for facet in FACETS}


def test_facets_count_every_value_of_every_result(themed, reindex, run):
    reindex()

    results = run("")

    assert counts(results, "theme") == {"housing": 2, "mentoring": 2, "recruitment": 1}
    assert counts(results, "country") == {"DE": 2, "GB": 1, "JP": 1}
    assert counts(results, "region") == {"europe": 3, "asia": 1}


def test_a_facet_ignores_its_own_filter_but_applies_the_others(themed, reindex, run):
    reindex()

    results = run("theme=housing")

    assert results.total == 2
    assert counts(results, "theme") == {"housing": 2, "mentoring": 2, "recruitment": 1}
    assert counts(results, "country") == {"DE": 1, "GB": 1}


def test_two_filtered_facets_each_apply_only_the_other(themed, reindex, run):
    reindex()

    results = run("theme=housing&country=DE")

    assert counts(results, "theme") == {"housing": 1, "recruitment": 1}
    assert counts(results, "country") == {"DE": 1, "GB": 1}


def test_the_year_facet_ignores_the_year_range(make, reindex, run):
    make("early", year=2021, country="DE")
    make("middle", year=2022, country="FR")
    make("late", year=2023, country="JP")
    reindex()

    results = run("year_min=2022")

    assert counts(results, "year") == {2021: 1, 2022: 1, 2023: 1}
    assert counts(results, "country") == {"FR": 1, "JP": 1}


def test_facets_count_only_what_the_query_text_matches(make, reindex, run):
    make("kiln-de", country="DE", body="The Kilnworks pilot.")
    make("quiet-jp", country="JP")
    reindex()

    assert counts(run(q("Kilnworks")), "country") == {"DE": 1}


def test_the_language_facet_counts_translations(make, reindex, run):
    make("german", lang="de")
    make("translated", **written_in("de"))
    reindex()

    assert counts(run(""), "language") == {"de": 2, "en": 1}


def test_nothing_found_gives_empty_facets(themed, reindex, run):
    reindex()

    results = run(q("Kilnworks"))

    assert (results.total, results.results) == (0, [])
    assert all(entries == [] for entries in results.facets.values())


FACET_LABELS = [
    pytest.param("en", "Housing", "Germany", "Asia", id="en"),
    pytest.param("ja", "住居支援", "ドイツ", "アジア", id="ja"),
    pytest.param("de", "Wohnen", "Deutschland", "Asien", id="de"),
]


@pytest.mark.parametrize("lang, theme, country, region", FACET_LABELS)
def test_facet_entries_are_labelled_in_the_display_language(
    make, reindex, run, lang, theme, country, region
):
    make("housing-de", themes=["housing"], country="DE")
    make("mentoring-jp", themes=["mentoring"], country="JP")
    reindex()

    facets = run(f"lang={lang}").facets

    assert {"value": "housing", "label": theme, "count": 1, "hires": 4} in facets["theme"]
    assert {"value": "DE", "label": country, "count": 1, "hires": 4} in facets["country"]
    assert {"value": "asia", "label": region, "count": 1, "hires": 4} in facets["region"]
    assert all(
        set(entry) == {"value", "label", "count", "hires"} for e in facets.values() for entry in e
    )


# Sorting ------------------------------------------------------------------------------------


NEWEST = ["", "sort=newest", q("Kilnworks", sort="newest"), "sort=relevance"]


@pytest.mark.parametrize("params", NEWEST)
def test_newest_puts_the_latest_published_first(make, reindex, run, params):
    # Also the default without a query, and relevance without a query has nothing to rank on.
    # The oldest has the best text match, so relevance would put it first.
    make("oldest", title="Kilnworks", body="Kilnworks.", published_date=date(2022, 3, 1))
    make("newest", body="The Kilnworks pilot.", published_date=date(2025, 1, 1))
    make("middle", body="The Kilnworks pilot.", published_date=date(2024, 6, 1))
    reindex()

    assert order(run(params)) == ["newest", "middle", "oldest"]


@pytest.mark.parametrize("params", ["sort=hires", q("Kilnworks", sort="hires")])
def test_hires_puts_the_most_hires_first_and_unknown_last(make, reindex, run, params):
    make("unknown", hires=None, body="The Kilnworks pilot.", published_date=date(2025, 1, 1))
    make("three", hires=3, body="The Kilnworks pilot.", published_date=date(2022, 1, 1))
    make("none", hires=0, body="The Kilnworks pilot.", published_date=date(2024, 1, 1))
    make("ten", hires=10, body="The Kilnworks pilot.", published_date=date(2021, 1, 1))
    reindex()

    assert order(run(params)) == ["ten", "three", "none", "unknown"]


@pytest.mark.parametrize("params", [q("Kilnworks"), q("Kilnworks", sort="relevance")])
def test_a_title_match_ranks_above_a_body_only_match(make, reindex, run, params):
    # Relevance is the default with a query; the body match is newer, so `newest` would differ.
    make("in-title", title="Kilnworks pilot", published_date=date(2023, 1, 1))
    make("in-body", body="Notes on the Kilnworks pilot.", published_date=date(2024, 1, 1))
    reindex()

    assert order(run(params)) == ["in-title", "in-body"]


@pytest.mark.parametrize("lang, first, second", [("de", "de", "fr"), ("fr", "fr", "de")])
def test_text_in_the_display_language_ranks_first(make, reindex, run, lang, first, second):
    # Two English case studies, each translated into one other language where alone it matches.
    # The expected winner is created first, so that any tie-break on age would favour the other.
    for translation in (first, second):
        make(translation, **written_in(translation, body="Kilnworks."))
    reindex()

    assert order(run(q("Kilnworks", lang=lang))) == [first, second]


# Pagination ---------------------------------------------------------------------------------

TIED = {"published_date": date(2024, 5, 1), "hires": 5, "body": "The Kilnworks pilot."}


@pytest.mark.parametrize("params", ["sort=newest", "sort=hires", q("Kilnworks")])
def test_pages_return_every_case_study_once_when_sort_keys_tie(make, reindex, run, params):
    for number in range(25):
        make(f"practice-{number}", **TIED)
    reindex()

    pages = [run(f"{params}&page_size=10&page={page}") for page in (1, 2, 3)]

    assert [len(page.results) for page in pages] == [10, 10, 5]
    assert sorted(slug for page in pages for slug in order(page)) == sorted(
        f"practice-{number}" for number in range(25)
    )
    assert order(run(f"{params}&page_size=10&page=1")) == order(pages[0])


def test_a_page_reports_the_total_and_its_position(make, reindex, run):
    for number in range(5):
        make(f"practice-{number}")
    reindex()

    results = run("page=2&page_size=2")

    assert (results.total, results.page, results.page_size, len(results.results)) == (5, 2, 2, 2)


def test_a_page_past_the_end_is_empty_but_keeps_the_total(make, reindex, run):
    for number in range(3):
        make(f"practice-{number}")
    reindex()

    results = run("page=2&page_size=10")

    assert (results.total, results.results) == (3, [])


# Highlights ---------------------------------------------------------------------------------

HIGHLIGHTS = [
    pytest.param(
        "en", "hiring", "Last spring we hired six welders.", "<mark>hired</mark>", id="en"
    ),
    # 採用活動 is itself a glossary term (recruitment): either mark is right.
    pytest.param("ja", "採用", "今年から採用活動を始めました。", "<mark>採用", id="ja"),
]


@pytest.mark.parametrize("lang, query, body, marked", HIGHLIGHTS)
def test_the_highlight_marks_the_matching_words(make, reindex, run, lang, query, body, marked):
    make("written", lang=lang, body=body)
    reindex()

    assert marked in run(q(query, lang=lang)).results[0]["highlight"]


HOSTILE = "<script>alert(1)</script> hiring <img src=x onerror=alert(2)>"


def without_marks(html):
    return html.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize("field", ["title", "summary"])
def test_the_highlight_of_hostile_text_is_escaped(make, reindex, run, field):
    make("hostile", **{field: HOSTILE})
    reindex()

    highlight = run(q("hiring")).results[0]["highlight"]

    assert "<mark>hiring</mark>" in highlight
    assert "<" not in without_marks(highlight) and ">" not in without_marks(highlight)


def test_the_highlight_escapes_body_text_once(make, reindex, run):
    # The body is rich text: "R&D <lab>" is stored as "R&amp;D &lt;lab&gt;", and must be shown
    # as the reader wrote it, not as "R&amp;amp;D".
    make("ampersand", body="Our R&amp;D &lt;lab&gt; hired six welders.")
    reindex()

    highlight = run(q("hiring")).results[0]["highlight"]

    assert "R&amp;D &lt;lab&gt;" in highlight
    assert "&amp;amp;" not in highlight and "&amp;lt;" not in highlight


def test_there_is_no_highlight_without_a_query(make, reindex, run):
    make("written", body="Last spring we hired six welders.")
    reindex()

    assert run("").results[0]["highlight"] == ""


# What is never returned ---------------------------------------------------------------------


def unpublish(page):
    page.unpublish()


def delete(page):
    page.delete()


def restrict(kind, on_organisation=False):
    def hide(page):
        target = page.get_parent() if on_organisation else page
        PageViewRestriction.objects.create(page=target, restriction_type=kind, password="secret")

    return hide


HIDE = [
    pytest.param(unpublish, id="unpublished"),
    pytest.param(delete, id="deleted"),
    pytest.param(restrict("password"), id="password-protected"),
    pytest.param(restrict("login"), id="login-only"),
    pytest.param(restrict("password", on_organisation=True), id="organisation-protected"),
]


@pytest.fixture
def visible(make, case_study_index):
    """A live, public case study under another organisation, in another country."""
    northwind = OrganisationPageFactory(parent=case_study_index, slug="northwind", country="GB")
    return make("visible", parent=northwind, body="The Kilnworks pilot.", country="GB")


def assert_only_visible_is_found(run):
    everything = run("")
    assert (slugs(everything), everything.total) == ({"visible"}, 1)
    assert counts(everything, "country") == {"GB": 1}
    assert slugs(run(q("Kilnworks"))) == {"visible"}
    assert run("country=JP").total == 0


@pytest.mark.parametrize("hide", HIDE)
def test_hidden_case_studies_are_never_returned_or_counted(visible, make, reindex, run, hide):
    hidden = make("hidden", body="The Kilnworks pilot.", country="JP")
    hide(hidden)
    reindex()

    assert_only_visible_is_found(run)


def test_a_never_published_draft_is_never_returned(visible, make, reindex, run):
    draft = make("draft", body="The Kilnworks pilot.", country="JP", live=False)
    draft.save_revision()
    reindex()

    assert_only_visible_is_found(run)


def test_unpublished_changes_of_a_live_case_study_are_not_searchable(make, reindex, run):
    page = make("live", title="Published title")
    page.title = "Kilnworks draft title"
    page.summary = "Kilnworks draft summary."
    page.save_revision()
    reindex()

    assert run(q("Kilnworks")).total == 0
    assert run("").results[0]["title"] == "Published title"


# Results ------------------------------------------------------------------------------------


def test_a_result_has_the_fields_of_the_api(make, reindex, run):
    make(
        "leipzig-training",
        lang="de",
        title="Ausbildung in Leipzig",
        summary="Eine Ausbildung mit Sprachkurs.",
        **written_in("en", title="Training in Leipzig", summary="Training with a language course."),
        country="DE",
        themes=["mentoring", "language-support"],
        sector="ict",
        company_size="small",
        protection_statuses=["asylum-seeker"],
        year=2024,
        hires=2,
    )
    reindex()

    (result,) = run("").results

    published = CaseStudyPage.objects.get(slug="leipzig-training").published_date.isoformat()
    assert result == {
        "slug": "leipzig-training",
        "url": "/en/case-studies/brightkiln/leipzig-training/",
        "title": "Training in Leipzig",
        "summary": "Training with a language course.",
        "language": "en",
        "original_language": "de",
        "languages": ["de", "en"],
        "country": "DE",
        "region": "europe",
        "organisation": {"slug": "brightkiln", "name": "Brightkiln"},
        "themes": ["language-support", "mentoring"],
        "sector": "ict",
        "company_size": "small",
        "protection_statuses": ["asylum-seeker"],
        "year": 2024,
        "hires": 2,
        "published_date": published,
        "highlight": "",
        "highlight_language": "",
    }


def test_results_are_shown_in_the_display_language_or_else_the_original(make, reindex, run):
    make(
        "translated",
        lang="de",
        title="Ausbildung in Leipzig",
        **written_in("ja", title="ライプツィヒの職業訓練", summary="語学講座つきの職業訓練。"),
    )
    make("untranslated", lang="de", title="Wohnen in Köln", summary="Wohnungen für Azubis.")
    reindex()

    results = by_slug(run("lang=ja"))

    assert results["translated"]["title"] == "ライプツィヒの職業訓練"
    assert results["translated"]["summary"] == "語学講座つきの職業訓練。"
    assert results["translated"]["language"] == "ja"
    assert results["untranslated"]["title"] == "Wohnen in Köln"
    assert results["untranslated"]["summary"] == "Wohnungen für Azubis."
    assert results["untranslated"]["language"] == "de"


def test_result_urls_carry_the_display_language(make, reindex, run):
    make("untranslated", lang="de", title="Wohnen in Köln")
    reindex()

    assert run("lang=ja").results[0]["url"] == "/ja/case-studies/brightkiln/untranslated/"


@pytest.mark.parametrize(
    "query_string",
    ["", "q=kiln", "sector=manufacturing", "q=kiln&sector=hospitality", "year_min=2024"],
)
def test_count_agrees_with_the_total_of_a_search(make, reindex, run, search_engine, query_string):
    make("kiln", title="Kiln mentors", sector="manufacturing", year=2023)
    make("kitchen", title="Kitchen apprentices", sector="hospitality", year=2024)
    make("kiln-kitchen", title="Kiln kitchen", sector="hospitality", year=2022)
    reindex()
    query = parse_search_query(QueryDict(query_string))
    assert search_engine.count(query) == run(query_string).total
