"""Editors choose a collection's case studies by their title in any language, and see which
organisation and country each comes from."""

from django.urls import reverse

from tests.factories import CaseStudyPageFactory, CollectionPageFactory


def choose(client, query):
    response = client.get(reverse("case_study_chooser:choose_results"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_title_in_any_language_finds_the_case_study(editor_client, organisation):
    CaseStudyPageFactory(
        parent=organisation, slug="kyoto", japanese=True, title_ja="京都での調理師研修",
        summary_ja="難民の調理師を育成しました。",
    )  # fmt: skip
    CaseStudyPageFactory(parent=organisation, slug="permits", title="Work permits in Leeds")

    found = choose(editor_client, "調理師")

    assert "京都での調理師研修" in found and "Work permits" not in found
    assert "Brightkiln" in found and "Japan" in found, "its organisation and country"
    assert "Work permits in Leeds" in choose(editor_client, "permit")


def test_every_word_must_match_somewhere(editor_client, organisation):
    CaseStudyPageFactory(parent=organisation, slug="permits", title="Work permits in Leeds")

    assert "Work permits" in choose(editor_client, "permits leeds")
    assert "Work permits" not in choose(editor_client, "permits tokyo")


def test_the_collection_editor_uses_it(editor_client, collection_index, case_study):
    collection = CollectionPageFactory(parent=collection_index, case_studies=[case_study])

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[collection.pk]))

    assert reverse("case_study_chooser:choose") in response.content.decode()
