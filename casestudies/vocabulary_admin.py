"""The vocabularies in the admin, for editors: each term's stable slug and its label in every
language (a tab a language), how many case studies carry it, and merging one term into another.
A slug in use cannot be changed, and a term in use cannot be deleted: merge it instead."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .languages import LANGUAGE_CODES, native_name
from .vocabularies import VOCABULARIES, merge_terms, tagged_case_studies, vocabulary_for


class VocabularyTermForm(WagtailAdminModelForm):
    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        term = self.instance
        if term.pk and slug != type(term).objects.get(pk=term.pk).slug:
            if tagged_case_studies(term).exists():
                raise ValidationError(
                    _(
                        "Case studies carry this term: its slug is in their addresses, imports "
                        "and the API, so it cannot change. Add a new term and merge this one "
                        "into it instead."
                    )
                )
        return slug


class UsageColumn(Column):
    def get_value(self, instance):
        return tagged_case_studies(instance).count()


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Merge into"),
        help_text=gettext_lazy(
            "Every case study tagged with this term is tagged with that one instead, drafts "
            "included; then this term is deleted."
        ),
    )

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = type(term).objects.exclude(pk=term.pk)


class MergeView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = MergeForm
    header_icon = "tag"
    viewset = None

    def dispatch(self, request, pk):
        model = self.viewset.model
        if not request.user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}"):
            raise PermissionDenied
        self.term = get_object_or_404(model, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Merge “%(term)s” into another term") % {"term": self.term}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "term": self.term}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Merge")
        return context

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        moved = merge_terms(vocabulary_for(type(self.term)), self.term, target)
        messages.success(
            self.request,
            _("“%(term)s” is merged into “%(target)s”: %(count)s case studies moved.")
            % {"term": self.term, "target": target, "count": moved},
        )
        return redirect(self.viewset.get_url_name("list"))


class VocabularyViewSet(SnippetViewSet):
    icon = "tag"
    add_to_admin_menu = False
    list_display = ["__str__", "slug", UsageColumn("usage", label=gettext_lazy("Case studies"))]
    ordering = ["sort_order", "slug"]
    merge_view_class = MergeView
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("slug"), FieldPanel("sort_order")], heading=gettext_lazy("Term")
            ),
            *(
                ObjectList([FieldPanel(f"name_{code}")], heading=native_name(code))
                for code in LANGUAGE_CODES
            ),
        ],
        base_form_class=VocabularyTermForm,
    )

    @property
    def merge_view(self):
        return self.merge_view_class.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("merge/<str:pk>/", self.merge_view, name="merge"),
        ]


class VocabularyViewSetGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Vocabularies")
    menu_icon = "tag"
    menu_order = 250
    items = [VocabularyViewSet(model=vocabulary.model) for vocabulary in VOCABULARIES]


def merge_button(instance, user, next_url=None):
    """ "Merge into another term", in a term's menu in the listing."""
    model = type(instance)
    if vocabulary_for(model) is None:
        return []
    if not user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}"):
        return []
    viewset = next(item for item in VocabularyViewSetGroup.items if item.model is model)
    return [
        Button(
            _("Merge into another term"),
            reverse(viewset.get_url_name("merge"), args=[instance.pk]),
            icon_name="tag",
            priority=50,
        )
    ]


def refuse_to_delete_terms_in_use(request, instances):
    """Deleting a term in use would untag its case studies: merge it instead."""
    in_use = [term for term in instances if vocabulary_for(type(term))]
    in_use = [term for term in in_use if tagged_case_studies(term).exists()]
    if not in_use:
        return None
    for term in in_use:
        messages.error(
            request,
            _("“%(term)s” tags case studies and cannot be deleted: merge it into another term.")
            % {"term": term},
        )
    return redirect(request.META.get("HTTP_REFERER") or "wagtailadmin_home")
