"""What search engines and link previews read: robots.txt, the sitemap with each page's
languages, the favicon, canonical addresses and Open Graph tags."""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from django.conf import settings
from wagtail_factories import ImageFactory

from tests.factories import CaseStudyPageFactory, FeaturedPersonFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /*/brief.pdf" in text, "briefs are made on request: not for crawlers"
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_sitemap_lists_each_page_in_each_of_its_languages(client, organisation):
    CaseStudyPageFactory(
        parent=organisation, slug="kiln", title="Kiln mentors", title_ja="窯のメンター"
    )
    CaseStudyPageFactory(parent=organisation, slug="draft-one", live=False)

    entries = sitemap_entries(client)

    english = "http://testserver/en/case-studies/brightkiln/kiln/"
    japanese = "http://testserver/ja/case-studies/brightkiln/kiln/"
    assert entries[english] == entries[japanese] == {"en": english, "ja": japanese}
    assert "http://testserver/de/case-studies/brightkiln/kiln/" not in entries
    home = entries["http://testserver/en/"]
    assert set(home) == {code for code, _name in settings.LANGUAGES}
    assert home["ar"] == "http://testserver/ar/"
    assert not any("draft-one" in location for location in entries)


def test_the_favicon_is_the_sites_own(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 302 and response.url.endswith("favicon.svg")
    assert (Path(settings.BASE_DIR) / "knowledge/static/favicon.svg").exists()


def test_a_case_study_page_previews_with_its_title_and_summary(client, case_study):
    content = client.get("/en/case-studies/brightkiln/kiln-mentors/?utm_source=x").content.decode()

    canonical = "http://testserver/en/case-studies/brightkiln/kiln-mentors/"
    assert f'<link rel="canonical" href="{canonical}">' in content
    assert '<meta property="og:title" content="Kiln mentors">' in content
    assert '<meta property="og:description" content="A short summary' in content
    assert '<meta property="og:type" content="article">' in content
    assert '<meta name="twitter:card" content="summary_large_image">' in content
    assert '<meta property="og:image" content="http://testserver/static/share-card.png">' in content


def image_block(image):
    return {"type": "image", "value": {"image": image.pk, "caption": ""}}


def test_a_link_preview_never_shows_people_who_could_be_identified(client, organisation):
    people = ImageFactory(title="Team at the kiln", shows_identifiable_people=True)
    kiln = ImageFactory(title="The kiln", shows_identifiable_people=False)
    with_people = CaseStudyPageFactory(parent=organisation, slug="team", body=[image_block(people)])
    FeaturedPersonFactory(case_study=with_people)  # consent to photos: published on the page
    CaseStudyPageFactory(
        parent=organisation, slug="kiln", body=[image_block(people), image_block(kiln)]
    )

    team = client.get("/en/case-studies/brightkiln/team/").content.decode()
    both = client.get("/en/case-studies/brightkiln/kiln/").content.decode()

    assert '<meta property="og:image" content="http://testserver/static/share-card.png">' in team
    preview = re.search(r'<meta property="og:image" content="([^"]+)">', both).group(1)
    assert preview == "http://testserver" + kiln.get_rendition("fill-1200x630").url
    assert '<meta property="og:image:alt" content="The kiln">' in both
