from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

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
        latest = (
            CaseStudyPage.objects.live()
            .public()
            .with_vocabularies()
            .order_by("-published_date", "-pk")
        )
        context["latest_case_studies"] = attach_organisations(list(latest[:6]))
        context["featured_collections"] = (
            CollectionPage.objects.live().public().filter(featured=True)
        )
        context["figures"] = self.headline_figures()
        return context


class StandardPage(Page):
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
