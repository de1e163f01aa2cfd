"""Choosing case studies in the admin (a collection's items): found by their title in any
language, each shown with its organisation and country, in the editor's language."""

from functools import reduce
from operator import or_

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .countries import country_name
from .languages import LANGUAGE_CODES
from .models import CaseStudyPage, attach_organisations


class CaseStudySearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Title, in any language"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        words = (self.cleaned_data.get("q") or "").split()
        self.is_searching = bool(words)
        self.search_query = " ".join(words)
        for word in words:
            objects = objects.filter(
                reduce(or_, (Q(**{f"title_{code}__icontains": word}) for code in LANGUAGE_CODES))
            )
        return objects


class CaseStudyChooseMixin:
    filter_form_class = CaseStudySearchForm
    ordering = ["-latest_revision_created_at", "-pk"]

    def get_results_page(self, request):
        page = super().get_results_page(request)
        attach_organisations(page.object_list)
        return page

    def chosen_url_for(self, case_study):
        return self.append_preserved_url_parameters(
            reverse(self.chosen_url_name, args=(quote(case_study.pk),))
        )

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Title"),
                accessor=lambda case_study: case_study.text.title,
                get_url=self.chosen_url_for,
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column(
                "organisation",
                label=_("Organisation"),
                accessor=lambda case_study: case_study.organisation.title,
            ),
            Column(
                "country",
                label=_("Country"),
                accessor=lambda case_study: country_name(case_study.country),
            ),
            Column(
                "live",
                label=_("Published"),
                accessor=lambda case_study: _("yes") if case_study.live else _("no"),
            ),
        ]


class CaseStudyChooseView(CaseStudyChooseMixin, ChooseView):
    pass


class CaseStudyChooseResultsView(CaseStudyChooseMixin, ChooseResultsView):
    pass


class CaseStudyChooserViewSet(ChooserViewSet):
    model = CaseStudyPage
    icon = "doc-full-inverse"
    choose_one_text = _("Choose a case study")
    choose_another_text = _("Choose another case study")
    choose_view_class = CaseStudyChooseView
    choose_results_view_class = CaseStudyChooseResultsView


case_study_chooser_viewset = CaseStudyChooserViewSet("case_study_chooser")
