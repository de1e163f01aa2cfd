"""The case study editor, a tab a language: the facts first, then the original language (marked,
with its fields required), then the others; an address made from the original title whatever
its script; a story required to submit; a preview in every language."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text, streamfield
from wagtail.users.models import UserProfile

from casestudies.models import CaseStudyPage
from casestudies.slugs import slug_from_title
from tests.admin_forms import case_study_form

JAPANESE_TITLE = "京都での調理師研修、3年間の成果"
User = get_user_model()


def tabs(response):
    """The tabs' names (without the count of errors each may show)."""
    soup = BeautifulSoup(response.content, "html.parser")
    names = [tab.get_text(" ", strip=True) for tab in soup.select("[role=tab]")]
    return [name.removesuffix(" ( )") for name in names]


def add_url(organisation):
    return reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", organisation.pk])


def japanese(**changes):
    """A case study written in Japanese only, as the editor posts it."""
    form = case_study_form(title="", original_language="ja", **changes)
    form["summary_en"] = ""
    form["slug"] = ""
    form.update(
        {
            "title_ja": JAPANESE_TITLE,
            "summary_ja": "難民の調理師を育成しました。",
        }
    )
    return form


def test_the_original_language_comes_first_and_is_marked(editor_client, case_study):
    case_study.original_language = "ja"
    case_study.title_ja = JAPANESE_TITLE
    case_study.summary_ja = "難民の調理師を育成しました。"
    case_study.save_revision().publish()

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[case_study.pk]))

    assert tabs(response)[:3] == ["Facts", "日本語 (original)", "English"]
    assert tabs(response)[-2:] == ["People featured", "Promote"]


def test_a_new_case_study_starts_in_the_editors_language(partner_client, organisation):
    profile = UserProfile.get_for_user(User.objects.get(username="partner@brightkiln.example"))
    profile.preferred_language = "ja"
    profile.save()

    response = partner_client.get(add_url(organisation))

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_original_language option[selected]")["value"] == "ja"
    assert tabs(response)[1] == "日本語（原文）", "in the editor's language too"
    assert soup.select_one("#id_title_ja").has_attr("required")
    assert not soup.select_one("#id_title_en").has_attr("required")


def test_a_japanese_case_study_is_saved_with_an_address_in_japanese(partner_client, organisation):
    response = partner_client.post(add_url(organisation), japanese())

    assert response.status_code == 302, response.content.decode()[:2000]
    page = CaseStudyPage.objects.get()
    assert page.slug == "京都での調理師研修-3年間の成果"
    assert page.title_ja == JAPANESE_TITLE and not page.title_en


def test_submitting_needs_the_story_in_the_original_language(partner_client, organisation):
    without_story = japanese(**{"action-submit": "1"})

    refused = partner_client.post(add_url(organisation), without_story)

    assert refused.status_code == 200
    assert "Write the story in its original language before sending it." in refused.content.decode()
    assert not CaseStudyPage.objects.exists()

    with_story = japanese(**{"action-submit": "1"})
    with_story["body_ja"] = streamfield([("text", rich_text("<p>研修の内容。</p>"))])
    for key, value in streamfield_data(with_story["body_ja"]).items():
        with_story[key] = value
    accepted = partner_client.post(add_url(organisation), with_story)

    assert accepted.status_code == 302
    page = CaseStudyPage.objects.get()
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "in_progress"


def streamfield_data(value):
    from wagtail.test.utils.form_data import nested_form_data

    return nested_form_data({"body_ja": value})


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kitchen apprenticeships in Leipzig", "kitchen-apprenticeships-in-leipzig"),
        ("京都での調理師研修", "京都での調理師研修"),
        ("التدريب المهني في عمّان", "التدريب-المهني-في-عمان"),
        ("Навчання зварювальників у Вроцлаві", "навчання-зварювальників-у-вроцлаві"),
        (
            "Ausbildung für Geflüchtete: Köche & Köchinnen",
            "ausbildung-für-geflüchtete-köche-köchinnen",
        ),
        ("!!!", "page"),
    ],
)
def test_a_slug_from_a_title_in_any_script(title, slug):
    assert slug_from_title(title) == slug


def test_a_long_title_is_cut_between_words_and_a_taken_slug_numbered():
    title = "A very long title about mentoring refugee engineers " * 3
    slug = slug_from_title(title)

    assert len(slug) <= 80 and not slug.endswith("-")
    assert title.lower().replace(" ", "-").startswith(slug + "-")
    assert slug_from_title("Kiln", taken=lambda slug: slug in {"kiln", "kiln-2"}) == "kiln-3"


@pytest.mark.parametrize("language", ["en", "ja", "ar"])
def test_the_preview_shows_the_case_study_in_each_language(editor_client, case_study, language):
    case_study.title_ja = "窯のメンター"
    case_study.save_revision()

    response = case_study.make_preview_request(preview_mode=language)

    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    expected = {"en": "Kiln mentors", "ja": "窯のメンター", "ar": "Kiln mentors"}[language]
    assert expected in content
