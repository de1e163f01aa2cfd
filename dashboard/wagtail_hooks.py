from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from .panels import (
    DueForReviewPanel,
    SubmissionsPanel,
    TranslationCoveragePanel,
    UnansweredSearchesPanel,
)


def is_editor(user):
    """Superusers and Moderators: those who may publish. Partners only add and change pages."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    if is_editor(request.user):
        panels.extend(
            [
                SubmissionsPanel(),
                DueForReviewPanel(),
                TranslationCoveragePanel(),
                UnansweredSearchesPanel(),
            ]
        )
