from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from casestudies.languages import reading_languages
from casestudies.models import CaseStudyPage, CollectionPage, attach_organisations


class HomePage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = [
        "casestudies.CaseStudyIndexPage",
        "casestudies.CollectionIndexPage",
        "home.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def headline_figures(self):
        live = CaseStudyPage.objects.live().public()
        figures = live.aggregate(
            case_studies=models.Count("pk"),
            countries=models.Count("country", distinct=True),
            hires=models.Sum("hires"),
        )
        figures["hires"] = figures["hires"] or 0
        return figures

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_case_studies"] = latest_case_studies(reading_languages(request))
        context["featured_collections"] = (
            CollectionPage.objects.live().public().filter(featured=True)
        )
        context["figures"] = self.headline_figures()
        return context


def latest_case_studies(languages, count=6):
    """The newest case studies available in the reader's languages, filled up with the newest
    in other languages (their cards say which language they are in)."""
    readable = Q()
    for code in languages:
        readable |= Q(**{f"title_{code}__gt": ""})
    latest = (
        CaseStudyPage.objects.live()
        .public()
        .with_vocabularies()
        .order_by(Case(When(readable, then=Value(0)), default=Value(1)), "-published_date", "-pk")
    )
    return attach_organisations(list(latest[:count]))


class StandardPage(Page):
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
