"""The map and charts of a search, on both engines: their figures are the search's own facet
counts, they follow its filters, and every country and bar links to the search filtered by it."""

import re
from html import unescape

import pytest

from tests.factories import CaseStudyPageFactory


@pytest.fixture
def practices(organisation):
    """Housing in Germany (2), in Japan (1, 2021); mentoring in Canada (1)."""
    CaseStudyPageFactory(parent=organisation, country="DE", themes=["housing"], hires=3)
    CaseStudyPageFactory(parent=organisation, country="DE", themes=["housing"], hires=None)
    CaseStudyPageFactory(
        parent=organisation, country="JP", themes=["housing", "mentoring"], hires=7, year=2021
    )
    CaseStudyPageFactory(parent=organisation, country="CA", themes=["mentoring"], hires=5)


def map_counts(html):
    """{country code: count} from the map's shapes: each shaded country links to its search."""
    svg = html[html.index('<svg class="world-map"') : html.index("</svg>")]
    found = re.findall(r'<a href="([^"]+)" tabindex="-1"><path class="shade-(\d)"[^>]*><title>'
                       r"[^<]*: (\d+)</title>", svg)  # fmt: skip
    return {re.search(r"country=(\w\w)", unescape(url)).group(1): int(count)
            for url, _shade, count in found}  # fmt: skip


def chart_rows(html, heading_id):
    section = html[html.index(f'id="{heading_id}"') :]
    table = section[: section.index("</table>")]
    return [
        (unescape(url), label, int(count), int(hires))
        for url, label, count, hires in re.findall(
            r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td>'
            r'<span class="bar-chart__figure">(\d+)</span>.*?'
            r'<span class="bar-chart__figure">(\d+)</span>',
            table,
            re.S,
        )
    ]


def api_facet(client, query, facet):
    facets = client.get(f"/api/v1/search/?lang=en&{query}").json()["facets"][facet]
    return {entry["value"]: (entry["count"], entry["hires"]) for entry in facets}


@pytest.mark.parametrize("query", ["", "theme=housing", "q=case&country=DE"])
def test_the_map_counts_are_the_searchs_country_facet(client, practices, reindex, query):
    reindex()

    html = client.get(f"/en/search/map/?{query}").content.decode()

    facet = api_facet(client, query, "country")
    assert map_counts(html) == {code: count for code, (count, _hires) in facet.items()}


def test_the_charts_count_case_studies_and_people_hired(client, practices, reindex):
    reindex()

    html = client.get("/en/search/map/?theme=housing").content.decode()

    assert chart_rows(html, "chart-theme") == [
        ("/en/search/?theme=housing", "Housing", 3, 10),
        ("/en/search/?theme=mentoring", "Mentoring and buddy schemes", 2, 12),
    ]
    assert chart_rows(html, "chart-year") == [
        ("/en/search/?theme=housing&year_min=2021&year_max=2021", "2021", 1, 7),
        ("/en/search/?theme=housing&year_min=2023&year_max=2023", "2023", 2, 3),
    ]
    assert api_facet(client, "theme=housing", "theme") == {"housing": (3, 10), "mentoring": (2, 12)}


def test_a_country_links_to_the_search_filtered_by_it(client, practices, reindex):
    reindex()

    html = client.get("/en/search/map/?theme=mentoring").content.decode()

    assert ("/en/search/?theme=mentoring&country=JP", "Japan", 1, 7) in chart_rows(
        html, "map-heading"
    )
    assert "See them in the search" in html
    assert 'href="/en/search/?theme=mentoring"' in html


def test_the_search_page_links_its_map(client, practices, reindex):
    reindex()

    html = client.get("/en/search/?theme=housing&page=1").content.decode()

    assert 'href="/en/search/map/?theme=housing"' in html


def test_a_bad_parameter_on_the_map_is_corrected_with_a_message(client, practices, reindex):
    reindex()

    response = client.get("/en/search/map/?theme=yoga&year_min=2021")

    assert response.status_code == 200
    assert "“yoga” is not one of these filters, so it was left out." in response.content.decode()
