import re
from datetime import date

import pytest

from casestudies.languages import LANGUAGE_CODES, READING_COOKIE
from casestudies.models import CaseStudyPage
from tests.factories import CaseStudyPageFactory, CollectionPageFactory, OrganisationPageFactory

LANGUAGES = LANGUAGE_CODES


@pytest.fixture
def site(case_study_index, collection_index, about_page):
    return case_study_index.get_parent()


@pytest.fixture
def german_case_study(site, case_study_index):
    werkbund = OrganisationPageFactory(
        parent=case_study_index, title="Werkbund GmbH", slug="werkbund", country="DE"
    )
    return CaseStudyPageFactory(
        parent=werkbund,
        slug="leipzig-ausbildung",
        title=None,
        title_de="Ausbildung in Leipzig",
        title_ja="ライプツィヒの職業訓練",
        summary=None,
        summary_de="Eine Ausbildung mit Sprachkurs.",
        summary_ja="語学講座つきの職業訓練。",
        original_language="de",
        country="DE",
        themes=["mentoring", "language-support"],
    )


def html_root(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_every_language(client, site, case_study, language):
    collection = CollectionPageFactory(
        parent=site.get_children().get(slug="collections"), case_studies=[case_study]
    )
    urls = [
        f"/{language}/",
        f"/{language}/case-studies/",
        f"/{language}/case-studies/brightkiln/",
        f"/{language}/case-studies/brightkiln/kiln-mentors/",
        f"/{language}/collections/",
        f"/{language}/collections/{collection.slug}/",
        f"/{language}/about/",
        f"/{language}/compare/?case_study=kiln-mentors",
        f"/{language}/search/map/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bidi = "rtl" if language == "ar" else "ltr"
        assert html_root(response) == f'<html lang="{language}" dir="{bidi}">', url


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_alternates_point_at_every_language(client, case_study, language):
    response = client.get(f"/{language}/case-studies/brightkiln/kiln-mentors/")
    content = response.content.decode()
    for code in LANGUAGES:
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="http://testserver/{code}/case-studies/brightkiln/kiln-mentors/">'
        ) in content
    assert 'hreflang="x-default" href="http://testserver/en/case-studies/' in content


def test_language_switcher_keeps_you_on_the_same_page_and_query(client, case_study):
    response = client.get("/en/case-studies/?page=1")
    content = response.content.decode()

    assert 'href="/ja/case-studies/?page=1" hreflang="ja" lang="ja" dir="ltr"' in content
    assert 'href="/ar/case-studies/?page=1" hreflang="ar" lang="ar" dir="rtl"' in content


def test_root_redirects_to_a_language(client, site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 302
    assert response["Location"] == "/ja/"


def test_translated_case_study_is_shown_in_the_reader_language(client, german_case_study):
    response = client.get("/ja/case-studies/werkbund/leipzig-ausbildung/")
    content = response.content.decode()

    assert "ライプツィヒの職業訓練" in content
    assert "Ausbildung in Leipzig" not in content
    assert 'class="notice"' not in content


@pytest.mark.parametrize("language", ["en", "fr", "ar", "uk", "es"])
def test_missing_language_shows_the_original_with_a_notice(client, german_case_study, language):
    response = client.get(f"/{language}/case-studies/werkbund/leipzig-ausbildung/")
    content = response.content.decode()

    assert response.status_code == 200
    assert "Ausbildung in Leipzig" in content
    assert 'class="notice"' in content
    assert '<article class="case-study__main prose" lang="de" dir="ltr">' in content


def test_fallback_notice_names_the_original_language(client, german_case_study):
    content = client.get("/en/case-studies/werkbund/leipzig-ausbildung/").content.decode()
    assert "It is shown in its original language, German." in content


def test_facts_link_to_the_search_page(client, case_study):
    content = client.get("/ja/case-studies/brightkiln/kiln-mentors/").content.decode()

    assert 'href="/ja/search/?theme=mentoring"' in content
    assert 'href="/ja/search/?country=GB"' in content
    assert 'href="/ja/search/?sector=manufacturing"' in content
    assert 'href="/ja/search/?protection_status=recognised-refugee"' in content
    assert 'href="/ja/search/?region=europe"' in content
    assert "イギリス" in content, "country names come from CLDR in the reader's language"
    assert "メンタリング" in content, "vocabulary labels are translated"


def test_case_study_shows_organisation_related_and_collections(
    client, site, case_study, german_case_study, organisation
):
    same_country = CaseStudyPageFactory(
        parent=organisation, title="Same country", themes=["mentoring"]
    )
    unrelated = CaseStudyPageFactory(
        parent=german_case_study.get_parent(), title="Unrelated", country="FR", themes=["housing"]
    )
    collection = CollectionPageFactory(
        parent=site.get_children().get(slug="collections"),
        title="Mentoring that works",
        case_studies=[case_study],
    )

    content = client.get("/en/case-studies/brightkiln/kiln-mentors/").content.decode()

    assert 'href="/en/case-studies/brightkiln/">Brightkiln</a>' in content
    related = content.split('id="related-heading"')[1]
    assert "Ausbildung in Leipzig" in related
    assert same_country.title not in related
    assert unrelated.title not in related
    assert collection.title in content


def test_demo_organisations_are_marked_fictional(client, case_study):
    content = client.get("/en/case-studies/brightkiln/kiln-mentors/").content.decode()
    assert "Fictional organisation: demo content." in content


def test_user_text_is_escaped(client, organisation):
    CaseStudyPageFactory(
        parent=organisation, slug="hostile", title="<script>alert(1)</script>",
        summary="<img src=x onerror=alert(1)>",
    )  # fmt: skip

    content = client.get("/en/case-studies/brightkiln/hostile/").content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<img src=x" not in content


def test_drafts_are_not_public(client, case_study):
    case_study.unpublish()

    assert client.get("/en/case-studies/brightkiln/kiln-mentors/").status_code == 404
    assert "Kiln mentors" not in client.get("/en/case-studies/").content.decode()


def test_home_page_figures_count_live_content(client, site, organisation):
    CaseStudyPageFactory(parent=organisation, hires=4, country="GB")
    CaseStudyPageFactory(parent=organisation, hires=6, country="JP")
    CaseStudyPageFactory(parent=organisation, hires=None, country="JP")
    CaseStudyPageFactory(parent=organisation, hires=100, country="DE").unpublish()

    response = client.get("/en/")

    assert response.context["figures"] == {"case_studies": 3, "countries": 2, "hires": 10}


def test_home_page_lists_featured_collections_and_latest_case_studies(client, site, case_study):
    collections = site.get_children().get(slug="collections")
    CollectionPageFactory(parent=collections, title="Featured one", featured=True)
    CollectionPageFactory(parent=collections, title="Not featured", featured=False)

    content = client.get("/en/").content.decode()

    assert "Featured one" in content
    assert "Not featured" not in content
    assert "Kiln mentors" in content


def test_collection_keeps_the_editor_order(client, site, organisation):
    first = CaseStudyPageFactory(parent=organisation, title="Zebra practice")
    second = CaseStudyPageFactory(parent=organisation, title="Apple practice")
    hidden = CaseStudyPageFactory(parent=organisation, title="Withdrawn practice")
    collection = CollectionPageFactory(
        parent=site.get_children().get(slug="collections"), case_studies=[first, second, hidden]
    )
    hidden.unpublish()

    response = client.get(f"/en/collections/{collection.slug}/")

    assert [page.title for page in response.context["case_studies"]] == [
        "Zebra practice",
        "Apple practice",
    ]


def test_organisation_page_lists_its_live_case_studies(client, case_study, organisation):
    draft = CaseStudyPageFactory(parent=organisation, title="Unfinished draft")
    draft.unpublish()

    content = client.get("/en/case-studies/brightkiln/").content.decode()

    assert "Kiln mentors" in content
    assert "Unfinished draft" not in content


def test_case_study_slugs_are_unique_across_organisations(case_study, case_study_index):
    other = OrganisationPageFactory(parent=case_study_index)
    clash = CaseStudyPageFactory.build(slug="kiln-mentors", title="Clash")
    with pytest.raises(Exception, match="Another case study already uses this slug"):
        other.add_child(instance=clash)
    assert CaseStudyPage.objects.filter(slug="kiln-mentors").count() == 1


def test_the_home_page_prefers_case_studies_in_the_readers_languages(client, organisation):
    CaseStudyPageFactory(parent=organisation, slug="newest-english", title="Newest in English")
    CaseStudyPageFactory(
        parent=organisation,
        slug="older-german",
        title=None,
        title_de="Älter, auf Deutsch",
        summary_de="Eine Zusammenfassung.",
        original_language="de",
        published_date=date(2020, 1, 1),
    )
    client.cookies[READING_COOKIE] = "de"

    content = client.get("/en/").content.decode()

    german, english = content.index("Älter, auf Deutsch"), content.index("Newest in English")
    assert german < english
    assert 'lang="de"' in content and "In German" in content
