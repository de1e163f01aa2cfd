from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone, translation
from wagtail.models import Page

from casestudies.languages import LANGUAGE_CODES
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    FeaturedPerson,
    OrganisationPage,
)
from casestudies.vocabularies import CompanySize, ProtectionStatus, Sector, Theme
from home.models import HomePage, StandardPage


def term(model, slug):
    return factory.LazyFunction(lambda: model.objects.get(slug=slug))


class PageFactory(wagtail_factories.PageFactory):
    """Untranslated fields such as `title` are written in English, whatever language an earlier
    request left active (modeltranslation writes the active language)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with translation.override("en"):
            return super()._create(model_class, *args, **kwargs)


class HomePageFactory(PageFactory):
    title = "Refugee Careers Knowledge Exchange"
    slug = "home"
    introduction = "Practices that worked, from companies that hire refugees."
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class StandardPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    slug = factory.Sequence(lambda n: f"standard-{n}")
    body = "<p>Some text.</p>"

    class Meta:
        model = StandardPage


class CaseStudyIndexPageFactory(PageFactory):
    title = "Case studies"
    slug = "case-studies"
    show_in_menus = True

    class Meta:
        model = CaseStudyIndexPage


class CollectionIndexPageFactory(PageFactory):
    title = "Collections"
    slug = "collections"
    show_in_menus = True

    class Meta:
        model = CollectionIndexPage


class OrganisationPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "company"
    country = "GB"
    website = "https://organisation.example"
    is_demo = True

    class Meta:
        model = OrganisationPage


class CaseStudyPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Case study {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    summary = "A short summary of what the company did."
    body = factory.LazyFunction(
        lambda: [{"type": "text", "value": "<p>How the company hired and kept refugees.</p>"}]
    )
    original_language = "en"
    country = "GB"
    city = "Leeds"
    sector = term(Sector, "manufacturing")
    company_size = term(CompanySize, "medium")
    hires = 4
    year = 2023
    source = "international-partner"

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    class Params:
        # Written in Japanese only: pass title_ja and summary_ja.
        japanese = factory.Trait(original_language="ja", country="JP", title=None, summary=None)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["mentoring"]
        self.themes.set(Theme.objects.filter(slug__in=slugs))
        if create:
            self.save()

    @factory.post_generation
    def protection_statuses(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["recognised-refugee"]
        self.protection_statuses.set(ProtectionStatus.objects.filter(slug__in=slugs))
        if create:
            self.save()


class CollectionPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")
    introduction = "<p>Practices chosen by the editors.</p>"
    featured = True

    class Meta:
        model = CollectionPage
        skip_postgeneration_save = True

    @factory.post_generation
    def case_studies(self, create, extracted, **kwargs):
        for order, case_study in enumerate(extracted or []):
            CollectionItem.objects.create(collection=self, case_study=case_study, sort_order=order)


class FeaturedPersonFactory(factory.django.DjangoModelFactory):
    """Someone featured in a case study (pass case_study=), with consent to everything."""

    display_name = factory.Sequence(lambda n: f"Featured person {n}")
    consent_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    consent_languages = factory.LazyFunction(lambda: list(LANGUAGE_CODES))
    consent_web = True
    consent_api = True
    consent_photos = True

    class Meta:
        model = FeaturedPerson
