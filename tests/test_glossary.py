"""The glossary: seeded with concepts of refugee employment in all seven languages, kept by
editors in the admin (a tab a language), out of partners' reach."""

from django.urls import reverse

from casestudies.languages import LANGUAGE_CODES
from glossary.models import Category, Concept
from glossary.seeding import seed_concepts

LIST = "wagtailsnippets_glossary_concept:list"
EDIT = "wagtailsnippets_glossary_concept:edit"
ADD = "wagtailsnippets_glossary_concept:add"


def terms(**by_language):
    return {f"terms_{code}": by_language.get(code, "") for code in LANGUAGE_CODES}


def test_a_new_site_starts_with_the_seed_in_every_language(db):
    seed = seed_concepts()

    assert len(seed) >= 200
    assert len({concept["key"] for concept in seed}) == len(seed)
    assert {concept["category"] for concept in seed} == set(Category.values)
    for concept in seed:
        assert all(concept["terms"].get(code) for code in LANGUAGE_CODES), concept["key"]
    assert Concept.objects.count() == len(seed)
    engineer = Concept.objects.get(key="engineer")
    assert "Ingenieur" in engineer.terms_in("de") and "інженерів" in engineer.terms_in("uk")


def test_editors_edit_a_concept_a_language_a_tab(editor_client):
    concept = Concept.objects.get(key="engineer")

    content = editor_client.get(reverse(EDIT, args=[concept.pk])).content.decode()
    for name in ("English", "日本語", "العربية", "Українська"):
        assert name in content
    data = {"key": "engineer", "category": "occupation", **terms(en="engineer\nengineers")}
    response = editor_client.post(reverse(EDIT, args=[concept.pk]), data)

    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.terms_in("en") == ["engineer", "engineers"] and concept.terms_in("de") == []


def test_a_concept_without_a_term_is_refused_beside_the_form(editor_client):
    data = {"key": "empty-concept", "category": "support", **terms()}

    response = editor_client.post(reverse(ADD), data)

    assert response.status_code == 200
    assert "Write the concept&#x27;s terms in at least one language." in response.content.decode()
    assert not Concept.objects.filter(key="empty-concept").exists()


def test_partners_cannot_touch_the_glossary(partner_client):
    concept = Concept.objects.get(key="engineer")

    assert partner_client.get(reverse(LIST)).status_code in (302, 403)
    data = {"key": "engineer", "category": "occupation", **terms(en="X")}
    assert partner_client.post(reverse(EDIT, args=[concept.pk]), data).status_code in (302, 403)
    concept.refresh_from_db()
    assert concept.terms_in("en")[0] == "engineer"
