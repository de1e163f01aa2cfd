from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet

from .choosers import case_study_chooser_viewset
from .consent import unpublish_if_consent_ended
from .models import CaseStudyPage, OrganisationPage
from .partners import add_partner_user, can_invite, organisation_title, send_invitation
from .vocabulary_admin import VocabularyViewSetGroup, merge_button, refuse_to_delete_terms_in_use

# Partner invitations (see casestudies/partners.py) -------------------------------------------


class InvitePartnerForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy(
            "The partner gets an email with a link to choose a password, and may then add and "
            "edit this organisation's case studies and submit them for moderation."
        ),
    )


class InvitePartnerView(WagtailAdminTemplateMixin, FormView):
    """Editors (publish permission on the organisation) invite a partner by email."""

    template_name = "wagtailadmin/generic/form.html"
    form_class = InvitePartnerForm
    header_icon = "user"

    def dispatch(self, request, page_id):
        self.organisation = get_object_or_404(OrganisationPage, pk=page_id)
        if not can_invite(request.user, self.organisation):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Invite a partner")

    def get_page_subtitle(self):
        return organisation_title(self.organisation)

    def get_breadcrumbs_items(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.organisation.pk])
        return self.breadcrumbs_items + [
            {"url": edit_url, "label": organisation_title(self.organisation)},
            {"url": "", "label": _("Invite a partner")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("casestudies_invite_partner", args=[self.organisation.pk])
        context["submit_button_label"] = _("Send invitation")
        context["submit_button_active_label"] = _("Sending…")
        return context

    def form_valid(self, form):
        try:
            membership = add_partner_user(form.cleaned_data["email"], self.organisation)
        except forms.ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        send_invitation(membership, self.organisation)
        values = {
            "email": membership.user.email,
            "organisation": organisation_title(self.organisation),
        }
        if membership.already_member:
            message = _(
                "%(email)s is already a partner of %(organisation)s; invitation sent again."
            )
        else:
            message = _("%(email)s is now a partner of %(organisation)s; invitation sent.")
        messages.success(self.request, message % values)
        return redirect("wagtailadmin_pages:edit", self.organisation.pk)


@hooks.register("register_admin_urls")
def register_partner_urls():
    return [
        path(
            "organisations/<int:page_id>/invite-partner/",
            InvitePartnerView.as_view(),
            name="casestudies_invite_partner",
        )
    ]


@hooks.register("register_page_header_buttons")
def invite_partner_button(page, user, view_name, next_url=None):
    """ "Invite a partner" in the organisation page's header menu (edit view and explorer)."""
    if page.specific_class is OrganisationPage and can_invite(user, page):
        yield Button(
            _("Invite a partner"),
            reverse("casestudies_invite_partner", args=[page.pk]),
            icon_name="user",
            priority=80,
        )


@hooks.register("construct_page_chooser_queryset")
def hide_other_organisations_drafts(pages, request):
    """The page chooser (for links) lists every page; partners see only live pages and the
    pages they may explore, so other organisations' drafts stay hidden from them. Editors, who
    may explore the whole tree, see everything as before."""
    user = request.user
    if user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(user)
    return pages.filter(Q(live=True) | Q(depth=1) | Q(pk__in=explorable.values("pk")))


@hooks.register("after_edit_page")
def unpublish_when_consent_ends(request, page):
    """Saving a withdrawn or expired consent takes the case study offline at once."""
    if not isinstance(page.specific, CaseStudyPage):
        return
    people = unpublish_if_consent_ended(page.specific, request.user)
    if people:
        names = ", ".join(person.display_name for person in people)
        messages.warning(
            request,
            _(
                "The consent of %(names)s has ended: the case study is unpublished in every "
                "language and removed from search."
            )
            % {"names": names},
        )


# Vocabularies (casestudies/vocabulary_admin.py) ---------------------------------------------

register_snippet(VocabularyViewSetGroup)
hooks.register("register_snippet_listing_buttons", merge_button)
hooks.register("before_delete_snippet", refuse_to_delete_terms_in_use)


@hooks.register("register_admin_viewset")
def register_case_study_chooser():
    """Collections choose their case studies with it (casestudies/choosers.py)."""
    return case_study_chooser_viewset
