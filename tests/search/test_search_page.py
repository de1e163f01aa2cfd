"""The search page keeps the reader's search: a parameter that breaks its rule is corrected or
left out with a message beside its control, in the reader's language, and the rest is kept."""

import pytest

from casestudies.languages import READING_COOKIE
from tests.search.corpus import written_in


@pytest.fixture
def corpus(make, reindex):
    make("leipzig", lang="de", title="Mentoring in Leipzig", country="DE", year=2022)
    make("lyon", lang="fr", title="Mentoring à Lyon", country="FR", year=2024)
    make("leeds", title="Mentoring in Leeds", country="GB", year=2023, **written_in("de"))
    reindex()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_an_unknown_filter_value_is_left_out_and_the_rest_is_kept(client, corpus):
    html = page(client, "/en/search/?q=mentoring&country=fr&country=DE")

    assert 'value="mentoring"' in html
    assert "1 case study" in html and "Mentoring in Leipzig" in html
    assert "“fr” is not one of these filters, so it was left out." in html
    assert 'class="facets is-open"' in html, "on a phone, the filters open with the message"


def test_the_message_is_in_the_readers_language(client, corpus):
    html = page(client, "/de/search/?q=mentoring&year_min=2024&year_max=2022")

    assert "3 Fallbeispiele" in html
    assert "„Von“ lag nach „Bis“: Die Jahre wurden vertauscht." in html


def test_a_too_long_query_is_cut_and_searched(client, corpus):
    html = page(client, "/en/search/?q=" + "mentoring " * 60)

    assert "Only the first 500 characters of the search were used." in html


@pytest.mark.parametrize("page_number", ["50", "99999"])
def test_a_page_past_the_last_leads_to_the_last(client, corpus, page_number):
    response = client.get(f"/en/search/?q=mentoring&page_size=1&page={page_number}")

    assert response.status_code == 302
    assert response.url == "?q=mentoring&page_size=1&page=3"


def test_only_the_languages_a_reader_reads_are_remembered(client, corpus):
    html = page(client, "/en/search/?q=mentoring&readable=1&read=en&read=de")

    assert "2 case studies" in html and "Mentoring à Lyon" not in html
    assert client.cookies[READING_COOKIE].value == "en,de"

    again = page(client, "/en/search/?q=mentoring&readable=1")
    assert "2 case studies" in again
    assert 'name="read" value="de" checked' in again


def test_a_typo_offers_the_spelling_of_the_case_studies(client, corpus):
    html = page(client, "/en/search/?q=mentorng")

    assert 'Did you mean: <a href="?q=mentoring">mentoring</a>' in html
    assert "3 case studies" in html


def test_partial_matches_are_announced(client, corpus):
    html = page(client, "/en/search/?q=mentoring+quantum")

    assert "showing case studies that match some of them" in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/search/?q=mentoring&country=JP&year_min=abc",
        "/en/search/?q=mentoring&country=JP&readable=1&read=en",
    ],
)
def test_an_empty_result_suggests_dropping_a_filter_whatever_else_the_search_holds(
    client, corpus, url
):
    html = page(client, url)

    assert "No case studies match this search." in html
    assert "Remove this filter" in html
