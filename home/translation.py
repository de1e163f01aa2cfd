from modeltranslation.translator import TranslationOptions, register

from .models import HomePage, StandardPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("introduction",)


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("body",)
