"""What the Wagtail admin's forms post, for tests that drive the admin through the test client."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies.languages import LANGUAGE_CODES
from casestudies.vocabularies import CompanySize, Sector, Theme


def featured_person(
    name="Amal",
    consent_date="2024-01-10",
    languages=("en",),
    web=True,
    api=True,
    photos=False,
    expires="",
    withdrawn="",
    pk="",
):
    """One consent record of the case study editor's "People featured" panel."""
    checkbox = {True: "on", False: ""}
    return {
        "id": pk,
        "display_name": name,
        "is_pseudonym": "",
        "consent_date": consent_date,
        "consent_languages": list(languages),
        "consent_web": checkbox[web],
        "consent_api": checkbox[api],
        "consent_photos": checkbox[photos],
        "consent_expires": expires,
        "consent_withdrawn": withdrawn,
    }


def case_study_form(
    page=None, title="Kiln mentors, revised", slug=None, people=(), saved_people=0, **overrides
):
    """What the admin's case study form posts. `people` are featured_person() records, the first
    `saved_people` of them already saved (with their pk)."""
    data = {
        "slug": slug or (page.slug if page else "new-practice"),
        "original_language": "en",
        "published_date": "2024-03-01",
        "country": "GB",
        "city": "Leeds",
        "sector": Sector.objects.get(slug="manufacturing").pk,
        "company_size": CompanySize.objects.get(slug="medium").pk,
        "hires": "4",
        "year": "2023",
        "source": "international-partner",
        "comments": inline_formset([]),
    }
    for language in LANGUAGE_CODES:
        for name in ("title", "summary", "seo_title", "search_description"):
            data[f"{name}_{language}"] = ""
        data[f"body_{language}"] = streamfield([])
    data["title_en"] = title
    data["summary_en"] = "What the company did."
    data["body_en"] = streamfield([("text", rich_text("<p>How it went.</p>"))])
    records = [{**person, "consent_languages": ""} for person in people]
    data["featured_people"] = inline_formset(records, initial=saved_people)
    data.update(overrides)
    form = nested_form_data(data)
    form["themes"] = [Theme.objects.get(slug="mentoring").pk]
    for index, person in enumerate(people):
        form[f"featured_people-{index}-consent_languages"] = person["consent_languages"]
    return form


def public_url(page, language="en"):
    return f"/{language}{page.url_path.removeprefix('/home')}"
