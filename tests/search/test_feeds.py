"""Atom feeds of a search (on both engines) and of a collection: valid Atom, only the case
studies whose featured people consented to the API and feeds, newest first, in the feed's
language where a case study has it."""

import xml.etree.ElementTree as ElementTree
from datetime import date

import pytest

from tests.factories import CaseStudyPageFactory, CollectionPageFactory, FeaturedPersonFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}").text, name
    found = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("http://testserver/")
        found.append((entry.find(f"{ATOM}title").text, link, entry.find(f"{ATOM}summary").text))
    return found


@pytest.fixture
def practices(organisation):
    """Three case studies: two newest with consent, one whose featured person refused the API."""
    older = CaseStudyPageFactory(
        parent=organisation,
        slug="older",
        title="Mentoring, older",
        title_ja="メンタリング(以前)",
        summary_ja="日本語の要約。",
        published_date=date(2021, 5, 1),
    )
    newer = CaseStudyPageFactory(
        parent=organisation, slug="newer", title="Mentoring, newer", published_date=date(2024, 5, 1)
    )
    private = CaseStudyPageFactory(
        parent=organisation, slug="web-only", title="Mentoring, web only"
    )
    FeaturedPersonFactory(case_study=newer)
    FeaturedPersonFactory(case_study=private, consent_api=False)
    return older, newer, private


def test_a_search_feed_holds_the_consenting_case_studies_newest_first(client, practices, reindex):
    reindex()

    found = entries(client, "/ja/search/feed/?q=mentoring&sort=relevance")

    assert [title for title, _link, _summary in found] == ["Mentoring, newer", "メンタリング(以前)"]
    assert found[1][1] == "http://testserver/ja/case-studies/brightkiln/older/"
    assert found[1][2] == "日本語の要約。"


def test_the_search_page_links_its_feed(client, practices, reindex):
    reindex()

    html = client.get("/en/search/?q=mentoring&country=GB").content.decode()

    assert 'type="application/atom+xml"' in html
    assert 'href="/en/search/feed/?q=mentoring&amp;country=GB"' in html


def test_an_invalid_feed_parameter_is_a_400_with_its_reason(client, db):
    response = client.get("/en/search/feed/?theme=yoga")

    assert response.status_code == 400
    assert response.content.decode() == "theme: unknown value 'yoga'"


def test_a_collection_feed_holds_its_consenting_case_studies(client, practices, collection_index):
    older, newer, private = practices
    CollectionPageFactory(
        parent=collection_index, slug="mentors", case_studies=[older, private, newer]
    )

    found = entries(client, "/en/collections/mentors/feed/")

    assert [title for title, _link, _summary in found] == ["Mentoring, newer", "Mentoring, older"]
    html = client.get("/en/collections/mentors/").content.decode()
    assert 'href="/en/collections/mentors/feed/"' in html
