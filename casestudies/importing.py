"""Import and export of case studies as JSON Lines (CONTRACTS section 6).

The whole file is validated before anything is written: `validate_lines` returns the cleaned
records, already in export form, and every error as `line N: field: message`.
"""

import json
import re
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from wagtail.images import get_image_model

from .blocks import CaseStudyBodyBlock
from .body_html import BodyError, html_to_stream, stream_to_html
from .countries import COUNTRY_CODES
from .models import (
    FIRST_YEAR,
    CaseStudyIndexPage,
    CaseStudyPage,
    CompanySize,
    OrganisationKind,
    OrganisationPage,
    ProtectionStatus,
    Sector,
    Source,
    Theme,
    attach_organisations,
    latest_year,
)

LANGUAGES = settings.LANGUAGE_CODES
STATUSES = ("live", "draft")
TRANSLATED = ("title", "summary", "body")
REQUIRED = (
    "slug", "original_language", "title", "summary", "body", "organisation", "country",
    "sector", "company_size", "themes", "protection_statuses", "year", "source",
)  # fmt: skip
OPTIONAL = ("status", "city", "hires")
ORGANISATION_REQUIRED = ("slug", "name", "kind", "country")
ORGANISATION_OPTIONAL = ("website",)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class LineError:
    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class Record:
    """One valid line: the case study in export form."""

    line: int
    data: dict


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


class Invalid(Exception):
    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name
        self.message = message


# Validation -----------------------------------------------------------------------------------


class Vocabularies:
    """The slugs of every vocabulary, read once per import."""

    def __init__(self):
        self.theme = set(Theme.objects.values_list("slug", flat=True))
        self.sector = set(Sector.objects.values_list("slug", flat=True))
        self.company_size = set(CompanySize.objects.values_list("slug", flat=True))
        self.protection_status = set(ProtectionStatus.objects.values_list("slug", flat=True))
        image_ids = get_image_model().objects.values_list("pk", flat=True)
        self.image_ids = set(image_ids)


def _check_keys(obj, required, optional, prefix=""):
    errors = [
        Invalid(f"{prefix}{key}", "unknown field") for key in obj if key not in required + optional
    ]
    errors += [Invalid(f"{prefix}{key}", "required") for key in required if key not in obj]
    return errors


def _string(value, name, *, required=True, limit=None):
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Invalid(name, "must be a string")
    value = value.strip()
    if required and not value:
        raise Invalid(name, "must not be empty")
    if limit and len(value) > limit:
        raise Invalid(name, f"must be at most {limit} characters")
    return value


def _choice(value, name, choices, what):
    if not isinstance(value, str) or value not in choices:
        raise Invalid(name, f"unknown {what} {json.dumps(value, ensure_ascii=False)}")
    return value


def _slug(value, name):
    if not isinstance(value, str) or not SLUG.match(value) or len(value) > 255:
        raise Invalid(name, "must be lowercase letters, digits and hyphens")
    return value


def _country(value, name):
    if not isinstance(value, str) or value not in COUNTRY_CODES:
        raise Invalid(
            name,
            f"{json.dumps(value, ensure_ascii=False)} is not an ISO 3166-1 alpha-2 country code",
        )
    return value


def _integer(value, name, minimum, maximum=None):
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(name, "must be a whole number")
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise Invalid(name, f"must be {bounds}")
    return value


def _translations(value, name, clean):
    """A {language: text} object; empty translations are dropped."""
    if not isinstance(value, dict):
        raise Invalid(name, "must be an object keyed by language")
    cleaned, errors = {}, []
    for language, text in value.items():
        try:
            _choice(language, f"{name}.{language}", LANGUAGES, "language")
            text = clean(text, f"{name}.{language}")
        except Invalid as error:
            errors.append(error)
            continue
        if text:
            cleaned[language] = text
    return cleaned, errors


def _slug_list(value, name, vocabulary, what, *, required):
    if not isinstance(value, list):
        raise Invalid(name, "must be a list of slugs")
    if required and not value:
        raise Invalid(name, f"at least one {what} is required")
    for item in value:
        _choice(item, name, vocabulary, what)
    if len(set(value)) != len(value):
        raise Invalid(name, f"lists a {what} twice")
    return sorted(value)


class RecordValidator:
    def __init__(self, vocabularies):
        self.vocabularies = vocabularies

    def validate(self, raw):
        """The record in export form, and the errors found (as Invalid)."""
        if not isinstance(raw, dict):
            return None, [Invalid("line", "must be a JSON object")]
        errors = _check_keys(raw, REQUIRED, OPTIONAL)
        data = {}
        for name, check in self._checks():
            if name not in raw:
                continue
            try:
                data[name] = check(raw[name], name)
            except Invalid as error:
                errors.append(error)
        errors += self._check_translations(raw, data)
        errors += self._check_organisation(raw.get("organisation"), data)
        data.setdefault("status", "live")
        return data, errors

    def _checks(self):
        v = self.vocabularies
        return [
            ("slug", _slug),
            ("status", lambda value, name: _choice(value, name, STATUSES, "status")),
            ("original_language", lambda value, name: _choice(value, name, LANGUAGES, "language")),
            ("country", _country),
            ("city", lambda value, name: _string(value, name, required=False, limit=100)),
            ("sector", lambda value, name: _choice(value, name, v.sector, "sector")),
            (
                "company_size",
                lambda value, name: _choice(value, name, v.company_size, "company size"),
            ),
            (
                "themes",
                lambda value, name: _slug_list(value, name, v.theme, "theme", required=True),
            ),
            (
                "protection_statuses",
                lambda value, name: _slug_list(
                    value, name, v.protection_status, "protection status", required=False
                ),
            ),
            ("hires", lambda value, name: None if value is None else _integer(value, name, 0)),
            ("year", lambda value, name: _integer(value, name, FIRST_YEAR, latest_year())),
            ("source", lambda value, name: _choice(value, name, Source.values, "source")),
        ]

    def _clean_body(self, value, name):
        text = _string(value, name, required=False)
        try:
            blocks = html_to_stream(text, self.vocabularies.image_ids.__contains__)
        except BodyError as error:
            raise Invalid(name, str(error)) from error
        return blocks

    def _check_translations(self, raw, data):
        errors = []
        cleaners = {
            "title": partial(_string, required=False, limit=255),
            "summary": partial(_string, required=False, limit=600),
            "body": self._clean_body,
        }
        for name in TRANSLATED:
            if name not in raw:
                continue
            try:
                data[name], field_errors = _translations(raw[name], name, cleaners[name])
            except Invalid as error:
                errors.append(error)
                continue
            errors += field_errors
        original = data.get("original_language")
        for name in ("title", "summary"):
            if original and name in data and original not in data[name]:
                errors.append(Invalid(name, f"missing in the original language ({original})"))
        return errors

    def _check_organisation(self, raw, data):
        if raw is None:
            return []
        if not isinstance(raw, dict):
            return [Invalid("organisation", "must be an object")]
        errors = _check_keys(raw, ORGANISATION_REQUIRED, ORGANISATION_OPTIONAL, "organisation.")
        organisation = {}
        checks = {
            "slug": _slug,
            "kind": lambda value, name: _choice(
                value, name, OrganisationKind.values, "organisation kind"
            ),
            "country": _country,
            "website": _website,
        }
        for key, check in checks.items():
            if key in raw:
                try:
                    organisation[key] = check(raw[key], f"organisation.{key}")
                except Invalid as error:
                    errors.append(error)
        if "name" in raw:
            try:
                organisation["name"], name_errors = _translations(
                    raw["name"], "organisation.name", partial(_string, required=False, limit=255)
                )
                errors += name_errors
                if not organisation["name"]:
                    errors.append(Invalid("organisation.name", "needs at least one language"))
            except Invalid as error:
                errors.append(error)
        data["organisation"] = organisation
        return errors


def _website(value, name):
    value = _string(value, name, required=False)
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as error:
            raise Invalid(name, "must be an http or https address") from error
    return value


def validate_lines(lines):
    """Every record and every error in a JSON Lines file, before anything is written."""
    validator = RecordValidator(Vocabularies())
    records, errors = [], []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            errors.append(LineError(number, "json", f"malformed JSON: {error.msg}"))
            continue
        data, line_errors = validator.validate(raw)
        errors += [LineError(number, error.field, error.message) for error in line_errors]
        if not line_errors:
            records.append(Record(number, data))
    cross_errors = _cross_line_errors(records)
    errors += cross_errors
    bad_lines = {error.line for error in cross_errors}
    records = [record for record in records if record.line not in bad_lines]
    errors.sort(key=lambda error: error.line)
    return records, errors


def _cross_line_errors(records):
    """Duplicate slugs in the file; an organisation slug with two kinds or countries."""
    errors, seen_slugs = [], {}
    existing = {
        organisation.slug: {"kind": organisation.kind, "country": organisation.country}
        for organisation in OrganisationPage.objects.filter(
            slug__in={record.data["organisation"]["slug"] for record in records}
        )
    }
    organisations = dict(existing)
    for record in records:
        slug = record.data["slug"]
        if slug in seen_slugs:
            errors.append(
                LineError(record.line, "slug", f"duplicate of line {seen_slugs[slug]} in this file")
            )
        seen_slugs.setdefault(slug, record.line)
        organisation = record.data["organisation"]
        known = organisations.setdefault(organisation["slug"], organisation)
        for key in ("kind", "country"):
            if known[key] != organisation[key]:
                errors.append(
                    LineError(
                        record.line,
                        f"organisation.{key}",
                        f"organisation {organisation['slug']} already has {key} {known[key]}",
                    )
                )
    return errors


# Writing --------------------------------------------------------------------------------------


def case_study_record(page, organisation):
    """A case study in the import format: the export, and what a re-import compares with."""
    return {
        "slug": page.slug,
        "status": "live" if page.live else "draft",
        "original_language": page.original_language,
        "title": _present(page, "title"),
        "summary": _present(page, "summary"),
        "body": {
            language: stream_to_html(getattr(page, f"body_{language}"))
            for language in LANGUAGES
            if getattr(page, f"body_{language}")
        },
        "organisation": organisation_record(organisation),
        "country": page.country,
        "city": page.city,
        "sector": page.sector.slug,
        "company_size": page.company_size.slug,
        "themes": sorted(theme.slug for theme in page.themes.all()),
        "protection_statuses": sorted(status.slug for status in page.protection_statuses.all()),
        "hires": page.hires,
        "year": page.year,
        "source": page.source,
    }


def organisation_record(organisation):
    return {
        "slug": organisation.slug,
        "name": _present(organisation, "title"),
        "kind": organisation.kind,
        "country": organisation.country,
        "website": organisation.website,
    }


def _present(page, name):
    return {
        language: getattr(page, f"{name}_{language}")
        for language in LANGUAGES
        if getattr(page, f"{name}_{language}")
    }


def _comparable(data):
    """A validated record with its body rendered back to HTML, to compare with an export."""
    comparable = dict(data)
    comparable.setdefault("city", "")
    comparable.setdefault("hires", None)
    comparable["organisation"] = {"website": "", **data["organisation"]}
    comparable["body"] = {
        language: stream_to_html(CaseStudyBodyBlock().to_python(blocks))
        for language, blocks in data["body"].items()
        if blocks
    }
    return comparable


class NoCaseStudyIndex(Exception):
    def __str__(self):
        return (
            "the site has no case study index page: run load_demo_content or add one in the admin"
        )


class CaseStudyWriter:
    """Creates or updates organisations and case studies from valid records."""

    def __init__(self):
        self.index = CaseStudyIndexPage.objects.first()
        if self.index is None:
            raise NoCaseStudyIndex
        self.vocabularies = {
            "sector": {term.slug: term for term in Sector.objects.all()},
            "company_size": {term.slug: term for term in CompanySize.objects.all()},
            "themes": {term.slug: term for term in Theme.objects.all()},
            "protection_statuses": {term.slug: term for term in ProtectionStatus.objects.all()},
        }
        self.organisations = {}
        self.result = ImportResult()

    def write(self, record):
        data = record.data
        organisation = self.organisation(data["organisation"])
        page = CaseStudyPage.objects.filter(slug=data["slug"]).first()
        if page is None:
            page = CaseStudyPage(slug=data["slug"], live=False)
            self._fill(page, data)
            organisation.add_child(instance=page)
            self.result.created.append(page)
        else:
            page = page.specific
            if page.get_parent().pk != organisation.pk:
                page.move(organisation, pos="last-child")
                page.refresh_from_db()
            elif case_study_record(page, organisation) == _comparable(data):
                self.result.unchanged.append(page)
                return page
            self._fill(page, data)
            self.result.updated.append(page)
        self._save(page, publish=data["status"] == "live")
        return page

    def organisation(self, data):
        if data["slug"] in self.organisations:
            return self.organisations[data["slug"]]
        organisation = OrganisationPage.objects.filter(slug=data["slug"]).first()
        if organisation is None:
            organisation = OrganisationPage(slug=data["slug"], live=False)
            self._fill_organisation(organisation, data)
            self.index.add_child(instance=organisation)
            self._save(organisation, publish=True)
        elif organisation_record(organisation) != {"website": "", **data}:
            self._fill_organisation(organisation, data)
            self._save(organisation, publish=True)
        self.organisations[data["slug"]] = organisation
        return organisation

    def _fill_organisation(self, organisation, data):
        for language in LANGUAGES:
            setattr(organisation, f"title_{language}", data["name"].get(language))
        organisation.kind = data["kind"]
        organisation.country = data["country"]
        organisation.website = data.get("website", "")

    def _fill(self, page, data):
        for language in LANGUAGES:
            for name in TRANSLATED:
                value = data[name].get(language)
                setattr(page, f"{name}_{language}", value or ([] if name == "body" else None))
        page.original_language = data["original_language"]
        page.country = data["country"]
        page.city = data.get("city", "")
        page.hires = data.get("hires")
        page.year = data["year"]
        page.source = data["source"]
        page.sector = self.vocabularies["sector"][data["sector"]]
        page.company_size = self.vocabularies["company_size"][data["company_size"]]
        for name in ("themes", "protection_statuses"):
            getattr(page, name).set([self.vocabularies[name][slug] for slug in data[name]])

    @staticmethod
    def _save(page, publish):
        revision = page.save_revision(clean=True)
        if publish:
            revision.publish()
        elif page.live:
            page.unpublish()


def import_records(records, progress=None):
    """Writes valid records in one transaction, so a failure leaves the database as it was."""
    writer = CaseStudyWriter()
    with transaction.atomic():
        for record in progress(records) if progress else records:
            writer.write(record)
    return writer.result


def export_records(queryset=None):
    """Every case study, live or draft, in the import format."""
    pages = (
        (queryset or CaseStudyPage.objects.all())
        .select_related("sector", "company_size")
        .prefetch_related("themes", "protection_statuses")
        .order_by("path")
    )
    for page in attach_organisations(list(pages)):
        yield case_study_record(page, page.organisation)
