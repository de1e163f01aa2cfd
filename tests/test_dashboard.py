"""The editors' dashboard (dashboard/): four panels on the Wagtail admin home, for editors only,
and the search log (search/log.py) that feeds the last of them."""

import io
import re
from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import WorkflowState

from casestudies.models import CaseStudyPage
from dashboard.panels import (
    DueForReviewPanel,
    SubmissionsPanel,
    TranslationCoveragePanel,
    UnansweredSearchesPanel,
    a_year_before,
)
from search.engines import all_engines
from search.indexing import current_documents
from search.models import SearchLogEntry
from tests import moderation
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory

User = get_user_model()
PANEL_IDS = [
    "dashboard-submissions",
    "dashboard-due-for-review",
    "dashboard-translation-coverage",
    "dashboard-unanswered-searches",
]


# Helpers and fixtures -------------------------------------------------------------------------


@pytest.fixture
def partner(organisation):
    """A partner of Brightkiln, added the way editors add them."""
    call_command("add_partner_user", "aiko@brightkiln.example", "brightkiln", stdout=io.StringIO())
    user = User.objects.get(username="aiko@brightkiln.example")
    user.first_name, user.last_name = "Aiko", "Tanaka"
    user.save()
    return user


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def panel(client, panel_id):
    """The HTML of one dashboard panel on /admin/, or None when it is not there."""
    html = client.get("/admin/").content.decode()
    match = re.search(rf'id="{panel_id}-section".*?</section>', html, re.DOTALL)
    return match and match.group(0)


def edit_link(page):
    return f'href="/admin/pages/{page.pk}/edit/"'


def submit(page, user, days_ago=0):
    """Submits the page's latest revision to the moderation workflow, `days_ago` days ago."""
    state = moderation.submit(page, user)
    WorkflowState.objects.filter(pk=state.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return state


def draft(organisation, title):
    return CaseStudyPageFactory(parent=organisation, title=title, live=False)


def reviewed(case_study, on=None, first_published=None):
    """Sets when the case study was last reviewed and first published."""
    CaseStudyPage.objects.filter(pk=case_study.pk).update(
        last_reviewed=on,
        first_published_at=timezone.make_aware(datetime.combine(first_published or on, time())),
    )
    return case_study


def log_entry(query, lang="en", result_count=0, days_ago=0, filters=None):
    entry = SearchLogEntry.objects.create(
        query=query, lang=lang, filters=filters or {}, result_count=result_count
    )
    SearchLogEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return entry


# Who sees the panels --------------------------------------------------------------------------


def test_editors_see_every_panel(editor_client, case_study):
    html = editor_client.get("/admin/").content.decode()
    for panel_id in PANEL_IDS:
        assert f'id="{panel_id}-section"' in html


def test_superusers_see_every_panel(client, case_study):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pw"))
    html = client.get("/admin/").content.decode()
    for panel_id in PANEL_IDS:
        assert f'id="{panel_id}-section"' in html


def test_partners_do_not_see_the_panels(client, partner, case_study):
    submit(draft(case_study.get_parent(), "Partner draft"), partner)
    log_entry("secret search")
    client.force_login(partner)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    for panel_id in PANEL_IDS:
        assert panel_id not in html
    assert "secret search" not in html


def test_anonymous_users_are_sent_to_the_login_page(client, case_study):
    log_entry("secret search")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    html = response.content.decode()
    assert "secret search" not in html and "dashboard-" not in html


# Submissions waiting for review ---------------------------------------------------------------


def test_submissions_are_listed_oldest_first(editor_client, organisation, partner, case_study):
    newer = submit(draft(organisation, "Newer practice"), partner, days_ago=1)
    shared = submit(draft(organisation, "Story from the share form"), None, days_ago=3)
    older = submit(draft(organisation, "Older practice"), partner, days_ago=5)
    submit(organisation, partner, days_ago=2)
    html = panel(editor_client, "dashboard-submissions")

    assert "Submissions waiting for review (4)" in html
    rows = text(html)
    assert rows.index("Older practice") < rows.index("Story from the share form")
    assert rows.index("Story from the share form") < rows.index("Newer practice")
    assert "Older practice Brightkiln Aiko Tanaka" in rows
    assert "Story from the share form Brightkiln Share form" in rows
    assert "Brightkiln Brightkiln Aiko Tanaka" in rows  # the organisation page itself
    for state in (newer, shared, older):
        assert edit_link(state.content_object) in html


def test_only_workflows_in_progress_are_listed(editor_client, organisation, partner):
    submit(draft(organisation, "Waiting practice"), partner)
    rejected = submit(draft(organisation, "Rejected practice"), partner)
    WorkflowState.objects.filter(pk=rejected.pk).update(status="needs_changes")
    html = panel(editor_client, "dashboard-submissions")
    assert "Submission waiting for review (1)" in html
    assert "Waiting practice" in html and "Rejected practice" not in html


def test_no_submissions(editor_client, case_study):
    html = panel(editor_client, "dashboard-submissions")
    assert "Submissions waiting for review (0)" in html
    assert "Nothing is waiting for review." in html


# Case studies due for review ------------------------------------------------------------------


def test_due_for_review_boundary_is_twelve_months(editor_client, organisation):
    year_ago = a_year_before(timezone.localdate())
    make = lambda title: CaseStudyPageFactory(parent=organisation, title=title)  # noqa: E731
    reviewed(make("Reviewed a year ago today"), on=year_ago)
    reviewed(make("Reviewed a year and a day ago"), on=year_ago - timedelta(days=1))
    reviewed(make("Never reviewed"), first_published=year_ago - timedelta(days=400))
    reviewed(
        make("Reviewed recently"),
        on=year_ago + timedelta(days=200),
        first_published=date(2020, 1, 1),
    )
    reviewed(
        CaseStudyPageFactory(parent=organisation, title="Old draft", live=False),
        on=year_ago - timedelta(days=30),
    )
    html = panel(editor_client, "dashboard-due-for-review")

    assert "Case studies due for review (2)" in html
    rows = text(html)
    assert rows.index("Never reviewed") < rows.index("Reviewed a year and a day ago")
    assert "first published, never reviewed" in rows
    for absent in ("Reviewed a year ago today", "Reviewed recently", "Old draft"):
        assert absent not in rows
    due = CaseStudyPage.objects.get(title_en="Reviewed a year and a day ago")
    assert edit_link(due) in html


def test_due_for_review_lists_ten_and_counts_all(editor_client, organisation):
    long_ago = a_year_before(timezone.localdate()) - timedelta(days=100)
    for number in range(12):
        page = CaseStudyPageFactory(parent=organisation, title=f"Old practice {number:02}")
        reviewed(page, on=long_ago + timedelta(days=number))
    html = panel(editor_client, "dashboard-due-for-review")
    assert "Case studies due for review (12)" in html
    assert "Old practice 09" in html and "Old practice 10" not in html
    assert "12 case studies are due in all." in text(html)


def test_a_year_before_a_leap_day():
    assert a_year_before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert a_year_before(date(2025, 6, 1)) == date(2024, 6, 1)


# Translation coverage -------------------------------------------------------------------------


@pytest.fixture
def translated(organisation, case_study):
    """English only (the fixture), English and Japanese, Japanese only, and an unpublished draft
    in no language but English."""
    both = CaseStudyPageFactory(parent=organisation, title="Welding school", title_ja="溶接学校")
    japanese = CaseStudyPageFactory(
        parent=organisation, japanese=True, title_ja="介護の研修", summary_ja="概要"
    )
    draft(organisation, "Unpublished draft")
    return {"english": case_study, "both": both, "japanese": japanese}


def coverage_row(html, code):
    return re.search(rf'<tr id="coverage-{code}">.*?</tr>', html, re.DOTALL).group(0)


def test_translation_coverage_per_language(editor_client, translated):
    html = panel(editor_client, "dashboard-translation-coverage")

    english = coverage_row(html, "en")
    assert "2 / 3 (66%)" in text(english)
    assert "<details>" in english and edit_link(translated["japanese"]) in english
    assert edit_link(translated["english"]) not in english

    japanese = coverage_row(html, "ja")
    assert "2 / 3 (66%)" in text(japanese)
    assert "Kiln mentors" in japanese and edit_link(translated["english"]) in japanese
    assert edit_link(translated["both"]) not in japanese

    german = coverage_row(html, "de")
    assert "0 / 3 (0%)" in text(german)
    assert "3 case studies" in text(german)
    for page in translated.values():
        assert edit_link(page) in german
    assert "Unpublished draft" not in html


def test_missing_translations_list_twenty_and_count_the_rest(editor_client, organisation):
    for number in range(23):
        CaseStudyPageFactory(parent=organisation, title=f"Practice {number:02}")
    german = coverage_row(panel(editor_client, "dashboard-translation-coverage"), "de")
    assert "0 / 23 (0%)" in text(german)
    assert "Practice 19" in german and "Practice 20" not in german
    assert "and 3 more" in text(german)


def test_full_coverage_shows_no_list(editor_client, organisation):
    translations = {
        f"title_{code}": f"Title {code}" for code in ("ja", "de", "fr", "es", "ar", "uk")
    }
    CaseStudyPageFactory(parent=organisation, title="Title en", **translations)
    html = panel(editor_client, "dashboard-translation-coverage")
    for code in ("en", "ja", "de", "fr", "es", "ar", "uk"):
        assert "1 / 1 (100%)" in text(coverage_row(html, code))
    assert "<details>" not in html


# Searches that found nothing ------------------------------------------------------------------


def test_unanswered_searches_by_language_most_frequent_first(editor_client, case_study):
    for _ in range(3):
        log_entry("housing berlin")
    log_entry("visa help")
    log_entry("", filters={"theme": ["housing"], "year_min": 2020})
    log_entry("mentoring", result_count=5)
    log_entry("ancient search", days_ago=31)
    for _ in range(2):
        log_entry("住宅", lang="ja")
    html = panel(editor_client, "dashboard-unanswered-searches")
    english = text(html[html.index('id="unanswered-en"') : html.index('id="unanswered-ja"')])
    japanese = text(html[html.index('id="unanswered-ja"') :])

    assert "housing berlin — 3" in english
    assert english.index("housing berlin") < english.index("visa help")
    assert "— theme: housing; year_min: 2020 1" in english
    assert "住宅 — 2" in japanese and "住宅" not in english
    assert "mentoring" not in html
    assert "ancient search" not in html
    assert 'id="unanswered-de"' not in html


def test_unanswered_searches_top_ten_per_language(editor_client, case_study):
    for number in range(12):
        for _ in range(number + 1):
            log_entry(f"query {number:02}")
    html = panel(editor_client, "dashboard-unanswered-searches")
    assert "query 11 — 12" in text(html) and "query 02 — 3" in text(html)
    assert "query 01" not in html and "query 00" not in html


def test_no_unanswered_searches(editor_client, case_study):
    log_entry("kiln", result_count=1)
    assert "Every search found something." in panel(editor_client, "dashboard-unanswered-searches")


# Query counts ---------------------------------------------------------------------------------


def add_dashboard_items(organisation, partner, count):
    """`count` submissions, case studies due for review without a German title, and zero-result
    searches in English and Japanese."""
    long_ago = a_year_before(timezone.localdate()) - timedelta(days=10)
    for _ in range(count):
        submit(draft(organisation, "Submitted practice"), partner)
        reviewed(CaseStudyPageFactory(parent=organisation), on=long_ago)
        other = OrganisationPageFactory(parent=organisation.get_parent())
        submit(draft(other, "Practice elsewhere"), None)
    for number in range(count):
        log_entry(f"english {number}", filters={"theme": ["housing"]})
        log_entry(f"japanese {number}", lang="ja")


def panel_queries(user):
    """How many SQL queries each panel takes to render."""
    request = RequestFactory().get("/admin/")
    request.user = user
    counts = {}
    for panel_class in (
        SubmissionsPanel,
        DueForReviewPanel,
        TranslationCoveragePanel,
        UnansweredSearchesPanel,
    ):
        with CaptureQueriesContext(connection) as queries:
            html = panel_class().render_html({"request": request, "csrf_token": ""})
        counts[panel_class.name] = len(queries)
        assert html
    return counts


def test_panel_query_counts_do_not_grow(editor_client, moderator, organisation, partner):
    add_dashboard_items(organisation, partner, 2)
    panel_queries(moderator)  # content types and other caches filled
    few = panel_queries(moderator)

    add_dashboard_items(organisation, partner, 18)
    assert panel_queries(moderator) == few
    assert "Submissions waiting for review (40)" in panel(editor_client, "dashboard-submissions")
    assert "Case studies due for review (20)" in panel(editor_client, "dashboard-due-for-review")


# The search log -------------------------------------------------------------------------------


@pytest.fixture
def indexed(settings, case_study):
    """The database engine's index, built from the live site."""
    settings.ELASTICSEARCH_URL = None
    for engine in all_engines():
        engine.rebuild(current_documents())
    return case_study


PRIVATE_REQUEST = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "PrivateBrowser/1.0"}


def only_entry():
    entries = list(SearchLogEntry.objects.values())
    assert len(entries) == 1
    return entries[0]


def assert_nothing_personal(entry):
    assert [field.name for field in SearchLogEntry._meta.get_fields()] == [
        "id",
        "query",
        "lang",
        "filters",
        "result_count",
        "created_at",
    ]
    assert "203.0.113.7" not in str(entry) and "PrivateBrowser" not in str(entry)


def test_search_page_logs_a_first_page_search(client, indexed):
    response = client.get(
        "/en/search/?q=kiln&theme=onboarding&theme=mentoring&year_min=2020", **PRIVATE_REQUEST
    )
    assert response.status_code == 200
    entry = only_entry()
    assert entry["query"] == "kiln" and entry["lang"] == "en"
    assert entry["filters"] == {"theme": ["mentoring", "onboarding"], "year_min": 2020}
    assert entry["result_count"] == 1
    assert_nothing_personal(entry)


def test_search_page_logs_the_page_language_and_empty_results(client, indexed):
    client.get("/ja/search/?q=nonexistentword", **PRIVATE_REQUEST)
    entry = only_entry()
    assert (entry["query"], entry["lang"], entry["filters"], entry["result_count"]) == (
        "nonexistentword",
        "ja",
        {},
        0,
    )


def test_api_logs_a_first_page_search(client, indexed):
    response = client.get("/api/v1/search/?q=kiln&lang=de&country=GB", **PRIVATE_REQUEST)
    assert response.status_code == 200
    entry = only_entry()
    # The reader's filters only: not the channel the API adds itself.
    assert (entry["query"], entry["lang"], entry["filters"]) == ("kiln", "de", {"country": ["GB"]})
    assert entry["result_count"] == response.json()["total"]
    assert_nothing_personal(entry)


@pytest.mark.parametrize(
    "url, status",
    [
        ("/en/search/?q=kiln&page=2", 302),  # past the last page: sent to the last
        ("/api/v1/search/?q=kiln&page=2", 200),
        ("/en/search/", 200),
        ("/en/search/?sort=hires", 200),
        ("/api/v1/search/", 200),
        ("/api/v1/search/suggest/?q=kil", 200),
    ],
)
def test_paging_browsing_and_suggestions_are_not_logged(client, indexed, url, status):
    assert client.get(url).status_code == status
    assert not SearchLogEntry.objects.exists()


def test_a_failing_log_does_not_fail_the_search(client, indexed):
    failing = mock.patch.object(
        SearchLogEntry.objects, "create", side_effect=DatabaseError("disk full")
    )
    with failing:
        page = client.get("/en/search/?q=kiln")
        api = client.get("/api/v1/search/?q=kiln")
    assert page.status_code == 200 and "Kiln mentors" in page.content.decode()
    assert api.status_code == 200 and api.json()["total"] == 1


def test_zero_result_search_from_the_page_reaches_the_dashboard(client, editor_client, indexed):
    client.get("/fr/search/?q=logement")
    html = panel(editor_client, "dashboard-unanswered-searches")
    assert 'id="unanswered-fr"' in html and "logement" in html


def test_prune_search_log_removes_only_old_entries(db):
    log_entry("too old", days_ago=31)
    log_entry("just too old", days_ago=30.01)
    kept = [log_entry("recent", days_ago=29), log_entry("today")]
    out = io.StringIO()
    call_command("prune_search_log", stdout=out)
    assert "2 search log entries" in out.getvalue()
    assert set(SearchLogEntry.objects.all()) == set(kept)
