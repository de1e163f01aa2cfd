"""The editors' panels on the Wagtail admin home: submissions waiting for review, case studies
due for a fresh review, translation coverage and searches that found nothing.

Each panel runs a fixed number of queries, however many pages or searches it covers.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, Window
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from casestudies.languages import LANGUAGE_CODES, language_label
from casestudies.models import CaseStudyPage, OrganisationPage, attach_organisations
from casestudies.partners import partner_organisations
from search.log import SEARCH_LOG_DAYS, log_window_start
from search.models import SearchLogEntry

DUE_FOR_REVIEW_LISTED = 10
MISSING_TRANSLATIONS_LISTED = 20
UNANSWERED_SEARCHES_LISTED = 10


# Submissions waiting for review ---------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    page_id: int
    title: str
    organisation: str
    submitted_by: object  # None for the public share form, which has no user
    submitted_at: datetime


def waiting_submissions():
    """Case studies and organisations in an in-progress workflow, oldest submission first."""
    page_types = ContentType.objects.get_for_models(CaseStudyPage, OrganisationPage)
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, content_type__in=page_types.values()
        )
        .select_related("requested_by")
        .order_by("created_at", "pk")
    )
    pages = Page.objects.only("draft_title", "path", "content_type").in_bulk(
        [int(state.object_id) for state in states]
    )
    organisation_type = page_types[OrganisationPage]
    organisation_paths = {
        # An organisation is its own organisation; a case study's is its parent page.
        page.pk: page.path
        if page.content_type_id == organisation_type.pk
        else parent_path(page.path)
        for page in pages.values()
    }
    organisation_titles = dict(
        Page.objects.filter(path__in=organisation_paths.values()).values_list("path", "draft_title")
    )
    return [
        Submission(
            page_id=page.pk,
            title=page.draft_title,
            organisation=organisation_titles.get(organisation_paths[page.pk], ""),
            submitted_by=state.requested_by,
            submitted_at=state.created_at,
        )
        for state in states
        # A page deleted while in moderation leaves its workflow state behind.
        if (page := pages.get(int(state.object_id)))
    ]


def parent_path(path):
    return path[: -Page.steplen]


class SubmissionsPanel(Component):
    name = "dashboard_submissions"
    template_name = "dashboard/submissions.html"
    order = 150

    def get_context_data(self, parent_context):
        return {"submissions": waiting_submissions()}


# Case studies due for review ------------------------------------------------------------------


def a_year_before(day):
    """The same date a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def due_for_review(today=None):
    """Live case studies last reviewed (or, never reviewed, first published) more than twelve
    months ago, oldest review first: their total and the first DUE_FOR_REVIEW_LISTED."""
    today = today or timezone.localdate()
    due = (
        CaseStudyPage.objects.live()
        .annotate(reviewed_on=Coalesce("last_reviewed", TruncDate("first_published_at")))
        .filter(reviewed_on__lt=a_year_before(today))
        .order_by("reviewed_on", "pk")
    )
    listed = list(due.defer_streamfields()[:DUE_FOR_REVIEW_LISTED])
    return due.count(), attach_organisations(listed)


class DueForReviewPanel(Component):
    name = "dashboard_due_for_review"
    template_name = "dashboard/due_for_review.html"
    order = 160

    def get_context_data(self, parent_context):
        total, case_studies = due_for_review()
        return {"total": total, "case_studies": case_studies}


# Translation coverage -------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageCoverage:
    code: str
    total: int
    missing: list  # (page id, draft title) of the live case studies without a title in it

    @property
    def name(self):
        return language_label(self.code)

    @property
    def translated(self):
        return self.total - len(self.missing)

    @property
    def percent(self):
        # Rounded down, so that 100% means none is missing.
        return 100 * self.translated // self.total if self.total else 0

    @property
    def missing_listed(self):
        return self.missing[:MISSING_TRANSLATIONS_LISTED]

    @property
    def missing_not_listed(self):
        return max(0, len(self.missing) - MISSING_TRANSLATIONS_LISTED)


def translation_coverage():
    """For each language, the live case studies with a title in it: one query for them all."""
    title_columns = [f"title_{code}" for code in LANGUAGE_CODES]
    rows = list(
        CaseStudyPage.objects.live()
        .order_by("draft_title", "pk")
        .values_list("pk", "draft_title", *title_columns)
    )
    return [
        LanguageCoverage(
            code=code,
            total=len(rows),
            missing=[(pk, title) for pk, title, *titles in rows if not titles[index]],
        )
        for index, code in enumerate(LANGUAGE_CODES)
    ]


class TranslationCoveragePanel(Component):
    name = "dashboard_translation_coverage"
    template_name = "dashboard/translation_coverage.html"
    order = 170

    def get_context_data(self, parent_context):
        return {"languages": translation_coverage()}


# Searches that found nothing ------------------------------------------------------------------


@dataclass(frozen=True)
class UnansweredSearches:
    code: str
    searches: list  # {"query", "filters_text", "times", ...}, most frequent first

    @property
    def name(self):
        return language_label(self.code)


def unanswered_searches():
    """Searches with no result in the log's window, by language, then by query and filters
    with how many times each was made: the UNANSWERED_SEARCHES_LISTED most frequent."""
    ranked = (
        SearchLogEntry.objects.filter(result_count=0, created_at__gte=log_window_start())
        .values("lang", "query", "filters")
        .annotate(times=Count("pk"))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("lang"), order_by=[F("times").desc(), F("query")]
            )
        )
        .filter(rank__lte=UNANSWERED_SEARCHES_LISTED)
        .order_by("lang", "rank")
    )
    by_language = defaultdict(list)
    for search in ranked:
        by_language[search["lang"]].append(
            {**search, "filters_text": describe_filters(search["filters"])}
        )
    return [
        UnansweredSearches(code, by_language[code]) for code in LANGUAGE_CODES if by_language[code]
    ]


def describe_filters(filters):
    """`theme: housing, mentoring; year_min: 2020`, as the log stores them."""
    return "; ".join(
        f"{name}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
        for name, value in filters.items()
    )


class UnansweredSearchesPanel(Component):
    name = "dashboard_unanswered_searches"
    template_name = "dashboard/unanswered_searches.html"
    order = 180

    def get_context_data(self, parent_context):
        return {"languages": unanswered_searches(), "days": SEARCH_LOG_DAYS}


# A partner's start: their organisations' case studies and where each stands -------------------


@dataclass(frozen=True)
class PartnerCaseStudy:
    page_id: int
    title: str
    updated_at: datetime
    comment: str = ""  # why it was sent back


@dataclass
class PartnerOrganisation:
    organisation: OrganisationPage
    sent_back: list
    drafts: list
    in_review: list
    published: list


def partner_start(user):
    """For each organisation the partner belongs to, its case studies: sent back (with the
    editor's comment), drafts, waiting for review, and published. A fixed number of queries."""
    organisations = list(partner_organisations(user).order_by("path"))
    if not organisations:
        return []
    paths = Q()
    for organisation in organisations:
        paths |= Q(path__startswith=organisation.path)
    pages = list(
        CaseStudyPage.objects.filter(paths)
        .order_by("-latest_revision_created_at", "-pk")
        .values("pk", "path", "draft_title", "live", "has_unpublished_changes",
                "latest_revision_created_at")
    )  # fmt: skip
    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.active().filter(
            content_type=ContentType.objects.get_for_model(CaseStudyPage),
            object_id__in=[str(page["pk"]) for page in pages],
        )
    }
    comments = dict(
        TaskState.objects.filter(
            workflow_state__in=[s for s in states.values() if s.status == s.STATUS_NEEDS_CHANGES],
            status=TaskState.STATUS_REJECTED,
        )
        .order_by("finished_at")
        .values_list("workflow_state__object_id", "comment")
    )
    by_organisation = {
        organisation.path: PartnerOrganisation(organisation, [], [], [], [])
        for organisation in organisations
    }
    for page in pages:
        group = by_organisation[parent_path(page["path"])]
        entry = PartnerCaseStudy(
            page["pk"], page["draft_title"], page["latest_revision_created_at"]
        )
        state = states.get(page["pk"])
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            group.sent_back.append(replace(entry, comment=comments.get(str(page["pk"]), "")))
        elif state:
            group.in_review.append(entry)
        elif page["live"] and not page["has_unpublished_changes"]:
            group.published.append(entry)
        else:
            group.drafts.append(entry)
    return list(by_organisation.values())


class PartnerStartPanel(Component):
    name = "dashboard_partner_start"
    template_name = "dashboard/partner_start.html"
    order = 100

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"organisations": partner_start(self.user)}
