"""A partner's start in the admin: "Add a case study" for their organisation, and their case
studies by where they stand, with the editor's comment on those sent back."""

from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard.panels import PartnerStartPanel
from tests.factories import CaseStudyPageFactory, OrganisationPageFactory
from tests.moderation import send_back, submit


def sections(response):
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one("#dashboard-partner-brightkiln-section") or soup
    return {
        heading.get_text(strip=True).split(" (")[0]: [
            link.get_text(strip=True) for link in heading.find_next("table").select("td.title a")
        ]
        for heading in panel.select("h3")
    }


def test_a_partner_starts_from_their_organisation(
    partner_client, partner, moderator, organisation, case_study
):
    draft = CaseStudyPageFactory(parent=organisation, slug="draft", title="Draft", live=False)
    submit(
        CaseStudyPageFactory(parent=organisation, slug="waiting", title="Waiting", live=False),
        partner,
    )
    send_back(
        CaseStudyPageFactory(parent=organisation, slug="back", title="Back", live=False),
        partner,
        moderator,
        "Please remove the surname in the quote.",
    )
    other = OrganisationPageFactory(parent=organisation.get_parent(), slug="elsewhere")
    CaseStudyPageFactory(parent=other, slug="theirs", title="Somebody else's")

    response = partner_client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()

    add = reverse("wagtailadmin_pages:add", args=["casestudies", "casestudypage", organisation.pk])
    assert f'href="{add}"' in content and "Add a case study" in content
    assert sections(response) == {
        "Sent back to you": ["Back"],
        "Drafts": [draft.title],
        "Waiting for an editor": ["Waiting"],
        "Published": ["Kiln mentors"],
    }
    assert "Please remove the surname in the quote." in content
    assert "Somebody else's" not in content
    assert "Submissions waiting for review" not in content, "editors' panels are for editors"


def test_the_dashboard_is_headed_with_the_site_name_and_an_avatar_that_loads(partner_client):
    soup = BeautifulSoup(partner_client.get(reverse("wagtailadmin_home")).content, "html.parser")

    assert soup.select_one("h1").get_text(strip=True) == str(settings.SITE_NAME)
    avatar = soup.select_one(".avatar img")["src"]
    assert avatar.startswith(settings.STATIC_URL), "no call to an outside avatar service"


def test_editors_do_not_get_the_partners_start(editor_client):
    assert (
        "Add a case study" not in editor_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def partner_start_queries(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        PartnerStartPanel(user).render_html({"request": request, "csrf_token": ""})
    return len(queries)


def test_the_start_takes_the_same_queries_for_2_or_20_case_studies(partner, organisation):
    for number in range(2):
        submit(CaseStudyPageFactory(parent=organisation, slug=f"a{number}", live=False), partner)
    partner_start_queries(partner)
    few = partner_start_queries(partner)

    for number in range(18):
        submit(CaseStudyPageFactory(parent=organisation, slug=f"b{number}", live=False), partner)

    assert partner_start_queries(partner) == few
