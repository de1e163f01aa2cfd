"""Editors read the shared practices' contact details in the admin; partners never do."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ShareSubmission


class ReadAndDeletePolicy(ModelPermissionPolicy):
    """What the visitor sent is a record: editors (and superusers) read it and may delete it
    (personal data), nobody adds or rewrites it."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(user, action)


register_permission_policy(ShareSubmission, ReadAndDeletePolicy(ShareSubmission))


def page_editor_column(name, label):
    """The organisation or case study, linked to its page editor."""

    def editor_url(submission):
        page_id = getattr(submission, f"{name}_id")
        return reverse("wagtailadmin_pages:edit", args=[page_id]) if page_id else None

    return TitleColumn(name, label=label, get_url=editor_url)


class ShareSubmissionViewSet(ModelViewSet):
    model = ShareSubmission
    icon = "mail"
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # never used: nobody may add or edit (ReadAndDeletePolicy)
    list_display = [
        "contact_name",
        "contact_email",
        page_editor_column("organisation", _("organisation")),
        page_editor_column("case_study", _("case study")),
        DateColumn("created_at", label=_("submitted at")),
    ]
    inspect_view_fields = [
        "organisation",
        "case_study",
        "contact_name",
        "contact_email",
        "contact_role",
        "language",
        "consent_confirmed_at",
        "created_at",
    ]


@hooks.register("register_admin_viewset")
def register_share_submissions():
    return ShareSubmissionViewSet("share_submissions")
