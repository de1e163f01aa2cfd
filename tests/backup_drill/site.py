"""Run by tests/test_backups.py in a process of its own, on a database of its own:
`site.py populate` makes content of every kind a site holds; `site.py snapshot` prints, as JSON,
every table's row count and a sample of contents, to compare before a backup and after the
restore. Not collected by pytest."""

import hashlib
import io
import json
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledge.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from PIL import Image  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Page, Revision, WorkflowState  # noqa: E402

from casestudies.models import CaseStudyPage, CollectionItem, FeaturedPerson  # noqa: E402
from casestudies.partners import add_partner_user  # noqa: E402
from casestudies.vocabularies import CompanySize, Sector, Theme  # noqa: E402
from home.site_structure import set_up_site  # noqa: E402
from operations.backups import row_counts  # noqa: E402
from search.models import SearchLogEntry  # noqa: E402
from sharing.drafts import create_drafts  # noqa: E402
from sharing.models import ShareSubmission  # noqa: E402
from tests.factories import (  # noqa: E402
    CaseStudyPageFactory,
    CollectionPageFactory,
    FeaturedPersonFactory,
    OrganisationPageFactory,
)


def picture():
    data = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 60, 30)).save(data, "PNG")
    return ImageFile(data, name="kiln.png")


def populate():
    home = set_up_site()
    index = home.get_children().type(Page).get(slug="case-studies").specific
    organisation = OrganisationPageFactory(parent=index, title="Brightkiln", slug="brightkiln")
    live = [
        CaseStudyPageFactory(parent=organisation, title=f"Kiln story {n}", slug=f"kiln-{n}")
        for n in range(3)
    ]
    FeaturedPersonFactory(case_study=live[0], display_name="Amal", consent_api=False)
    live[1].save_revision()  # a draft on top of a live version
    draft = CaseStudyPageFactory(
        parent=organisation, title="In review", slug="in-review", live=False
    )
    draft.save_revision()
    draft.get_workflow().start(
        draft, get_user_model().objects.create_superuser("ed", "ed@x.org", "pw")
    )
    collections = home.get_children().type(Page).get(slug="collections")
    CollectionPageFactory(
        parent=collections, slug="picked", case_studies=[live[2], live[0], live[1]]
    )
    create_drafts(
        {
            "original_language": "ja", "organisation_name": "株式会社つばくろ",
            "organisation_kind": "company", "organisation_country": "JP",
            "organisation_website": "", "title": "名古屋の社宅", "summary": "住まいの支援。",
            "body": "一段落目。\n\n二段落目。", "country": "JP", "city": "Nagoya",
            "sector": Sector.objects.get(slug="manufacturing"),
            "company_size": CompanySize.objects.get(slug="small"),
            "themes": Theme.objects.filter(slug="housing"), "protection_statuses": [],
            "hires": 5, "year": 2024, "contact_name": "Sato", "contact_email": "sato@example.jp",
            "contact_role": "HR",
        },
        "ja",
    )  # fmt: skip
    membership = add_partner_user("partner@brightkiln.example", organisation)
    membership.user.set_password("a-partner-password")
    membership.user.save()
    image = get_image_model().objects.create(title="Kiln", file=picture())
    image.get_rendition("fill-60x40")
    SearchLogEntry.objects.create(query="採用", lang="ja", filters={}, result_count=0)


def file_hash(field):
    return hashlib.sha256((Path(settings.MEDIA_ROOT) / field.name).read_bytes()).hexdigest()


def snapshot():
    image = get_image_model().objects.get()
    return {
        "counts": row_counts(),
        "case_studies": sorted(
            [page.slug, page.live, page.title_en, page.title_ja, page.has_unpublished_changes]
            for page in CaseStudyPage.objects.all()
        ),
        "revisions": sorted(
            [revision.object_id, json.dumps(revision.content, sort_keys=True)]
            for revision in Revision.objects.all()
        ),
        "workflow_states": sorted(
            [state.object_id, state.status] for state in WorkflowState.objects.all()
        ),
        "consent": sorted(
            [person.display_name, person.consent_api, str(person.consent_date)]
            for person in FeaturedPerson.objects.all()
        ),
        "collection_order": [
            item.case_study.slug for item in CollectionItem.objects.order_by("sort_order")
        ],
        "shared": [
            [submission.contact_email, submission.case_study.title_ja]
            for submission in ShareSubmission.objects.all()
        ],
        "users": sorted(
            [user.username, user.password, sorted(group.name for group in user.groups.all())]
            for user in get_user_model().objects.all()
        ),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "images": [file_hash(image.file), *(file_hash(r.file) for r in image.renditions.all())],
    }


if __name__ == "__main__":
    if sys.argv[1] == "populate":
        populate()
    print(json.dumps(snapshot(), ensure_ascii=False, default=str))
