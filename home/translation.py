from modeltranslation.translator import TranslationOptions, register

from .models import HomePage, StandardPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("body",)
