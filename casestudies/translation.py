from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import fallbacks
from wagtail.models import Page

from .models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CollectionIndexPage,
    CollectionPage,
    OrganisationPage,
)
from .vocabularies import VOCABULARIES


@register([vocabulary.model for vocabulary in VOCABULARIES])
class VocabularyTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(CaseStudyIndexPage)
@register(CollectionIndexPage)
class IndexPageTranslation(TranslationOptions):
    fields = ("introduction",)


@register(OrganisationPage)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)


@register(CaseStudyPage)
class CaseStudyTranslation(TranslationOptions):
    # A case study may be written in any language: none is required by the form, and the model
    # checks that the original language has a title.
    fields = ("summary", "body")
    required_languages = ()


@register(CollectionPage)
class CollectionTranslation(TranslationOptions):
    fields = ("introduction",)


# Pages may be written in any language, so English is not required for a page title; each page
# type says which language it needs instead (see CaseStudyPage.clean).
for field_name in ("title", "title_en"):
    Page._meta.get_field(field_name).blank = True

_minimal_clean = Page.minimal_clean


def _minimal_clean_without_fallback(self):
    # Wagtail writes `self.title` back to itself while cleaning; with modeltranslation's fallback
    # that would copy another language's title into the active language's empty field, making a
    # case study look translated when it is not.
    with fallbacks(False):
        _minimal_clean(self)


Page.minimal_clean = _minimal_clean_without_fallback
