import pytest
from django.utils import translation

from casestudies.languages import LANGUAGE_CODES
from casestudies.vocabularies import VOCABULARIES, CompanySize, ProtectionStatus, Sector, Theme

DOCUMENTED_THEMES = {
    "recruitment": ("Recruitment", "採用"),
    "skills-recognition": ("Skills and credential recognition", "スキル・資格の認定"),
    "language-support": ("Language support", "語学支援"),
    "onboarding": ("Onboarding", "オンボーディング"),
    "mentoring": ("Mentoring and buddy schemes", "メンタリング"),
    "visa-and-legal": ("Visa and legal status", "在留資格・法的手続き"),
    "housing": ("Housing", "住居支援"),
    "retention-and-career": ("Retention and career progression", "定着・キャリア形成"),
    "inclusive-culture": ("Inclusive workplace culture", "インクルーシブな職場づくり"),
    "partnerships": ("Partnerships with NGOs and public bodies", "NGO・行政との連携"),
}
DOCUMENTED_SLUGS = {
    Sector: [
        "agriculture", "manufacturing", "construction", "retail", "transport-logistics",
        "hospitality", "ict", "finance", "professional-services", "health-care", "education",
        "public-sector", "other",
    ],
    CompanySize: ["micro", "small", "medium", "large"],
    ProtectionStatus: [
        "recognised-refugee", "complementary-protection", "asylum-seeker", "de-facto-refugee",
        "emergency-evacuee",
    ],
}  # fmt: skip


@pytest.mark.django_db
def test_themes_have_the_documented_slugs_and_labels():
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    assert list(themes) == list(DOCUMENTED_THEMES), "in the documented order"
    for slug, (english, japanese) in DOCUMENTED_THEMES.items():
        assert themes[slug].name_en == english
        assert themes[slug].name_ja == japanese


@pytest.mark.django_db
@pytest.mark.parametrize("model", DOCUMENTED_SLUGS)
def test_vocabularies_have_the_documented_slugs(model):
    assert list(model.objects.values_list("slug", flat=True)) == DOCUMENTED_SLUGS[model]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [vocabulary.model for vocabulary in VOCABULARIES])
def test_every_term_is_labelled_in_every_language(model):
    for term in model.objects.all():
        labels = [getattr(term, f"name_{code}") for code in LANGUAGE_CODES]
        assert all(labels), f"{model.__name__} {term.slug} lacks a label"
        if model is not CompanySize:
            assert len(set(labels)) > 1, f"{term.slug} is not translated"


@pytest.mark.django_db
def test_label_follows_the_active_language():
    theme = Theme.objects.get(slug="housing")
    with translation.override("de"):
        assert str(theme) == "Wohnen"
    with translation.override("ar"):
        assert str(theme) == "السكن"
