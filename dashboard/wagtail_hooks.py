from wagtail import hooks

from casestudies.partners import is_editor

from .panels import (
    DueForReviewPanel,
    PartnerStartPanel,
    SubmissionsPanel,
    TranslationCoveragePanel,
    UnansweredSearchesPanel,
)


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    if not is_editor(request.user):
        panels.append(PartnerStartPanel(request.user))
        return
    panels.extend(
        [
            SubmissionsPanel(),
            DueForReviewPanel(),
            TranslationCoveragePanel(),
            UnansweredSearchesPanel(),
        ]
    )
