import copy
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casestudies.models import CaseStudyPage, OrganisationPage
from tests.factories import FeaturedPersonFactory

BRIGHTKILN = {
    "slug": "brightkiln",
    "name": {"en": "Brightkiln"},
    "kind": "company",
    "country": "GB",
    "website": "https://brightkiln.example",
}


def record(**overrides):
    data = {
        "slug": "kiln-mentors",
        "status": "live",
        "original_language": "en",
        "title": {"en": "Kiln mentors", "ja": "窯のメンター"},
        "summary": {"en": "Mentoring on the shop floor.", "ja": "現場でのメンタリング。"},
        "body": {
            "en": (
                "<h2>How it started</h2><p>We paired <strong>every</strong> new welder.</p>"
                '<figure class="pull-quote"><blockquote>I was never alone.</blockquote>'
                "<figcaption>welding apprentice</figcaption></figure>"
                '<dl class="key-figures"><dt>4</dt><dd>people hired</dd></dl>'
                '<ol class="steps"><li><strong>Pair</strong> Each recruit gets a buddy.</li></ol>'
                '<section class="lessons"><p>Train the mentors first.</p></section>'
            ),
            "ja": "<p>すべての新人溶接工にメンターをつけました。</p>",
        },
        "organisation": copy.deepcopy(BRIGHTKILN),
        "country": "GB",
        "city": "Leeds",
        "sector": "manufacturing",
        "company_size": "medium",
        "themes": ["mentoring", "onboarding"],
        "protection_statuses": ["recognised-refugee"],
        "hires": 4,
        "year": 2023,
        "source": "international-partner",
    }
    data.update(overrides)
    return data


def german_record(**overrides):
    data = record(
        slug="leipzig-ausbildung",
        original_language="de",
        title={"de": "Ausbildung in Leipzig"},
        summary={"de": "Eine Ausbildung mit Sprachkurs."},
        body={"de": "Erster Absatz.\n\nZweiter Absatz & mehr."},
        organisation={
            "slug": "werkbund",
            "name": {"de": "Werkbund GmbH"},
            "kind": "company",
            "country": "DE",
        },  # fmt: skip
        country="DE",
        city="Leipzig",
        themes=["language-support"],
        protection_statuses=[],
        hires=None,
        year=2020,
    )
    data.update(overrides)
    return data


def write_jsonl(tmp_path, *lines, name="import.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",  # fmt: skip
        encoding="utf-8",
    )
    return path


def run_import(path, *args, capsys=None):
    """Exit status and the errors the command printed."""
    try:
        call_command("import_case_studies", str(path), *args)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    output = capsys.readouterr() if capsys else None
    return status, output


@pytest.fixture
def import_file(tmp_path, case_study_index, capsys):
    def run(*lines, args=()):
        path = write_jsonl(tmp_path, *lines)
        return run_import(path, *args, capsys=capsys)

    return run


def test_import_creates_live_case_study_under_its_organisation(import_file):
    status, output = import_file(record())

    assert status == 0
    assert "1 created" in output.out
    page = CaseStudyPage.objects.get(slug="kiln-mentors")
    assert page.live
    assert page.get_parent().specific.title == "Brightkiln"
    assert page.title_en == "Kiln mentors" and page.title_ja == "窯のメンター"
    assert page.languages == ["en", "ja"]
    assert [block.block_type for block in page.body_en] == [
        "text", "pull_quote", "key_figures", "steps", "lessons",
    ]  # fmt: skip
    assert page.body_en[1].value["role"] == "welding apprentice"
    assert sorted(page.themes.values_list("slug", flat=True)) == ["mentoring", "onboarding"]


def test_plain_text_body_becomes_escaped_paragraphs(import_file):
    import_file(german_record())

    page = CaseStudyPage.objects.get(slug="leipzig-ausbildung")
    assert page.body_de[0].value.source == "<p>Erster Absatz.</p><p>Zweiter Absatz &amp; mehr.</p>"
    assert not page.title_en, "an untranslated language stays empty, never a copy"
    assert page.languages == ["de"]


def test_draft_status_is_saved_but_not_public(import_file):
    import_file(record(status="draft"))

    page = CaseStudyPage.objects.get(slug="kiln-mentors")
    assert not page.live
    assert page.get_latest_revision() is not None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"extra": 1}, "line 1: extra: unknown field"),
        ({"organisation": {**BRIGHTKILN, "boss": "x"}}, "line 1: organisation.boss: unknown field"),
        ({"sector": "mining"}, 'line 1: sector: unknown sector "mining"'),
        ({"company_size": "huge"}, 'line 1: company_size: unknown company size "huge"'),
        ({"themes": ["mentoring", "yoga"]}, 'line 1: themes: unknown theme "yoga"'),
        ({"themes": []}, "line 1: themes: at least one theme is required"),
        (
            {"protection_statuses": ["tourist"]},
            'line 1: protection_statuses: unknown protection status "tourist"',
        ),
        ({"original_language": "xx"}, 'line 1: original_language: unknown language "xx"'),
        ({"title": {"en": "Kiln", "xx": "?"}}, 'line 1: title.xx: unknown language "xx"'),
        ({"title": {"ja": "窯"}}, "line 1: title: missing in the original language (en)"),
        ({"summary": {"ja": "要約"}}, "line 1: summary: missing in the original language (en)"),
        ({"country": "XX"}, 'line 1: country: "XX" is not an ISO 3166-1 alpha-2 country code'),
        ({"country": "gb"}, 'line 1: country: "gb" is not an ISO 3166-1 alpha-2 country code'),
        (
            {"organisation": {**BRIGHTKILN, "country": "UK"}},
            'line 1: organisation.country: "UK" is not an ISO 3166-1 alpha-2 country code',
        ),
        ({"hires": -1}, "line 1: hires: must be between 0 and 1000000"),
        ({"hires": "four"}, "line 1: hires: must be a whole number"),
        ({"year": 1989}, f"line 1: year: must be between 1990 and {date.today().year + 1}"),
        ({"year": date.today().year + 2}, "line 1: year: must be between 1990"),
        ({"status": "published"}, 'line 1: status: unknown status "published"'),
        ({"source": "web"}, 'line 1: source: unknown source "web"'),
        ({"slug": "Kiln Mentors"}, "line 1: slug: must be lowercase letters, digits and hyphens"),
        (
            {"organisation": {**BRIGHTKILN, "kind": "guild"}},
            'line 1: organisation.kind: unknown organisation kind "guild"',
        ),
        (
            {"organisation": {**BRIGHTKILN, "website": "javascript:alert(1)"}},
            "line 1: organisation.website: must be an http or https address",
        ),
        (
            {"body": {"en": '<figure class="image"><img data-image-id="999"></figure>'}},
            "line 1: body.en: image 999 does not exist in the image library",
        ),  # fmt: skip
    ],
)
def test_each_invalid_field_is_reported_and_nothing_is_written(import_file, change, expected):
    status, output = import_file(record(**change))

    assert status == 1
    assert expected in output.err
    assert not CaseStudyPage.objects.exists()
    assert not OrganisationPage.objects.exists()


@pytest.mark.parametrize("field", ["slug", "title", "organisation", "year", "themes"])
def test_missing_required_field(import_file, field):
    line = record()
    del line[field]

    status, output = import_file(line)

    assert status == 1
    assert f"line 1: {field}: required" in output.err


def test_malformed_json_and_non_object_lines(import_file):
    status, output = import_file(record(), "{not json", "[1, 2]")

    assert status == 1
    assert "line 2: json: malformed JSON" in output.err
    assert "line 3: line: must be a JSON object" in output.err
    assert not CaseStudyPage.objects.exists(), "one bad line means nothing is written"


def test_every_error_of_every_line_is_printed(import_file):
    status, output = import_file(record(hires=-3, year=1900), record(slug="b", country="ZZ"))

    errors = output.err.strip().splitlines()
    assert errors == [
        "line 1: hires: must be between 0 and 1000000",
        f"line 1: year: must be between 1990 and {date.today().year + 1}",
        'line 2: country: "ZZ" is not an ISO 3166-1 alpha-2 country code',
    ]


def test_duplicate_slug_within_the_file(import_file):
    status, output = import_file(record(), record(title={"en": "Again"}))

    assert status == 1
    assert "line 2: slug: duplicate of line 1 in this file" in output.err
    assert not CaseStudyPage.objects.exists()


def test_organisation_reused_with_another_kind_or_country(import_file):
    other = record(slug="second", organisation={**BRIGHTKILN, "kind": "ngo", "country": "IE"})

    status, output = import_file(record(), other)

    assert status == 1
    assert (
        "line 2: organisation.kind: organisation brightkiln already has kind company" in output.err
    )
    assert "line 2: organisation.country: organisation brightkiln already has country GB" in (
        output.err
    )


def test_organisation_conflicting_with_the_database(import_file):
    import_file(record())

    status, output = import_file(
        record(slug="second", organisation={**BRIGHTKILN, "country": "IE"})
    )

    assert status == 1
    assert "organisation brightkiln already has country GB" in output.err
    assert not CaseStudyPage.objects.filter(slug="second").exists()


def test_skip_invalid_imports_the_valid_lines_and_still_fails(import_file):
    status, output = import_file(record(), german_record(year=1900), args=["--skip-invalid"])

    assert status == 1
    assert "line 2: year" in output.err
    assert CaseStudyPage.objects.filter(slug="kiln-mentors").exists()
    assert not CaseStudyPage.objects.filter(slug="leipzig-ausbildung").exists()


def test_dry_run_validates_without_writing(import_file):
    status, output = import_file(record(), args=["--dry-run"])

    assert status == 0
    assert "1 valid, 0 errors" in output.out
    assert not CaseStudyPage.objects.exists()


def test_importing_twice_changes_nothing(import_file):
    import_file(record(), german_record())
    revisions = {page.slug: page.revisions.count() for page in CaseStudyPage.objects.all()}

    status, output = import_file(record(), german_record())

    assert status == 0
    assert "0 created, 0 updated, 2 unchanged" in output.out
    assert {page.slug: page.revisions.count() for page in CaseStudyPage.objects.all()} == revisions


def test_changed_line_updates_in_place_with_a_new_revision(import_file):
    import_file(record())
    page = CaseStudyPage.objects.get(slug="kiln-mentors")

    import_file(record(hires=9, title={"en": "Kiln mentors, two years on"}))

    page.refresh_from_db()
    assert page.hires == 9
    assert page.title_en == "Kiln mentors, two years on"
    assert page.revisions.count() == 2
    assert CaseStudyPage.objects.count() == 1


def test_importing_a_live_case_study_as_draft_unpublishes_it(import_file):
    import_file(record())

    import_file(record(status="draft"))

    assert not CaseStudyPage.objects.get(slug="kiln-mentors").live


def test_changed_organisation_moves_the_case_study(import_file):
    import_file(record())
    other = {"slug": "northmill", "name": {"en": "Northmill"}, "kind": "company", "country": "GB"}

    import_file(record(organisation=other))

    page = CaseStudyPage.objects.get(slug="kiln-mentors")
    assert page.get_parent().slug == "northmill"
    assert page.url_path.endswith("/northmill/kiln-mentors/")


def test_export_then_import_is_a_round_trip(import_file, tmp_path, capsys):
    original = [record(), german_record(status="draft")]
    import_file(*original)
    exported = tmp_path / "export.jsonl"

    call_command("export_case_studies", str(exported))

    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert {line["slug"]: line for line in lines} == {
        "kiln-mentors": {
            **original[0],
            "organisation": {**original[0]["organisation"], "status": "live"},
        },
        "leipzig-ausbildung": {
            **original[1],
            "city": "Leipzig",
            "organisation": {**original[1]["organisation"], "website": "", "status": "live"},
            "body": {"de": "<p>Erster Absatz.</p><p>Zweiter Absatz &amp; mehr.</p>"},
        },
    }
    status, output = run_import(exported, capsys=capsys)
    assert status == 0
    assert "0 created, 0 updated, 2 unchanged" in output.out


def test_missing_file_is_a_clear_error(case_study_index, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_case_studies", str(tmp_path / "missing.jsonl"))


def test_import_without_a_site_is_a_clear_error(db, tmp_path):
    path = write_jsonl(tmp_path, record())

    with pytest.raises(CommandError, match="no case study index page"):
        call_command("import_case_studies", str(path))


def test_the_export_says_whether_each_organisation_is_published(import_file, tmp_path):
    draft_organisation = {**german_record()["organisation"], "status": "draft"}
    import_file(record(), german_record(status="draft", organisation=draft_organisation))
    exported = tmp_path / "export.jsonl"

    call_command("export_case_studies", str(exported))

    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    statuses = {line["organisation"]["slug"]: line["organisation"]["status"] for line in lines}
    assert statuses == {"brightkiln": "live", "werkbund": "draft"}
    assert not OrganisationPage.objects.get(slug="werkbund").live


def test_an_import_never_publishes_an_organisation_awaiting_approval(import_file, organisation):
    """An organisation shared through the public form, in moderation, not yet approved."""
    OrganisationPage.objects.filter(pk=organisation.pk).update(live=False)
    line = record(organisation={**BRIGHTKILN, "slug": organisation.slug})

    status, output = import_file(line)

    assert status == 1
    assert (
        "line 1: status: organisation brightkiln is not published on the site: "
        "a live case study needs a published organisation"
    ) in output.err
    assert not CaseStudyPage.objects.filter(slug="kiln-mentors").exists()

    status, _output = import_file({**line, "status": "draft"})

    assert status == 0
    assert not OrganisationPage.objects.get(slug="brightkiln").live
    assert not CaseStudyPage.objects.get(slug="kiln-mentors").live


def test_a_live_case_study_under_a_draft_organisation_is_an_error(import_file):
    status, output = import_file(record(organisation={**BRIGHTKILN, "status": "draft"}))

    assert status == 1
    assert "line 1: status: organisation brightkiln is not published in this file" in output.err
    assert not OrganisationPage.objects.exists()


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (json.dumps(record(hires=10**30)), "line 1: hires: must be between 0 and 1000000"),
        ("[" * 100_000 + "]" * 100_000, "line 1: json: nested too deeply"),
        (
            json.dumps(record(body={"en": "<div>" * 5000 + "deep" + "</div>" * 5000})),
            "line 1: body.en: its HTML is nested too deeply",
        ),
        (json.dumps(record(title={"en": "Kiln\x00mentors"})), "line 1: title.en: must not"),
        (json.dumps(record(city="Leeds\x00")), "line 1: city: must not contain NUL characters"),
        (
            json.dumps(record(body={"en": "x" * 5_000_000})),
            "line 1: body.en: must be at most 100000 characters",
        ),
        (json.dumps(record(sector="x" * 5_000_000)), 'line 1: sector: unknown sector "xxxx'),
    ],
)
def test_hostile_input_is_a_line_error_never_a_traceback(
    line, error, tmp_path, case_study_index, capsys
):
    path = tmp_path / "hostile.jsonl"
    path.write_text(line + "\n", encoding="utf-8")

    status, output = run_import(path, capsys=capsys)

    assert status == 1
    assert error in output.err
    assert max(len(message) for message in output.err.splitlines()) < 200, "no echoed megabytes"
    assert not CaseStudyPage.objects.exists()


def test_a_live_case_study_whose_consent_does_not_allow_it_is_refused(import_file, case_study):
    FeaturedPersonFactory(case_study=case_study, display_name="Amal", consent_web=False)
    line = record(organisation={**BRIGHTKILN, "slug": "brightkiln"}, title={"en": "New title"})

    status, output = import_file(line, german_record())

    assert status == 1
    assert (
        "line 1: status: may not be published: Amal has not consented to publication on the "
        "website."
    ) in output.err
    assert not CaseStudyPage.objects.filter(slug="leipzig-ausbildung").exists(), "nothing written"

    status, output = import_file(line, german_record(), args=["--skip-invalid"])

    assert status == 1
    assert CaseStudyPage.objects.get(slug="leipzig-ausbildung").live, "the other line is imported"
    assert CaseStudyPage.objects.get(slug="kiln-mentors").title_en == "Kiln mentors"
