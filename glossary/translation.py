from modeltranslation.translator import TranslationOptions, register

from .models import Concept


@register(Concept)
class ConceptTranslation(TranslationOptions):
    fields = ("terms",)
