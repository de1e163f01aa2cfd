"""The import file, checked whole before anything is written (docs/import-format.md).

`validate_lines` returns the cleaned records, already in export form, and every error as
`line N: field: message`.
"""

import json
import re
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from wagtail.images import get_image_model

from ..countries import COUNTRY_CODES
from ..languages import LANGUAGE_CODES
from ..models import FIRST_YEAR, MAX_HIRES, OrganisationKind, OrganisationPage, Source, latest_year
from ..vocabularies import VOCABULARIES
from .body_html import BodyError, html_to_stream
from .export import TRANSLATED

STATUSES = ("live", "draft")
REQUIRED = (
    "slug", "original_language", *TRANSLATED, "organisation", "country",
    *(vocabulary.field for vocabulary in VOCABULARIES), "year", "source",
)  # fmt: skip
OPTIONAL = ("status", "city", "hires")
ORGANISATION_REQUIRED = ("slug", "name", "kind", "country")
ORGANISATION_OPTIONAL = ("website", "status")
# Letters and digits of any script (lowercase where the script has case), parted by hyphens:
# what the editors' slugs are made of (casestudies/slugs.py).
SLUG = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
# A body in one language: ten times the longest demo case study.
MAX_BODY_CHARACTERS = 100_000
SHOWN_CHARACTERS = 60  # of a bad value, in its error message


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


class Invalid(Exception):
    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name
        self.message = message


class Known:
    """What the lines may refer to, read once per file: every vocabulary's slugs (by case study
    field) and the images in the library."""

    def __init__(self):
        self.slugs = {vocabulary.field: vocabulary.slugs() for vocabulary in VOCABULARIES}
        self.image_ids = set(get_image_model().objects.values_list("pk", flat=True))


def _check_keys(obj, required, optional, prefix=""):
    errors = [
        Invalid(f"{prefix}{key}", "unknown field") for key in obj if key not in required + optional
    ]
    errors += [Invalid(f"{prefix}{key}", "required") for key in required if key not in obj]
    return errors


def _shown(value):
    """A bad value as an error message quotes it: JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"


def _string(value, name, *, required=True, limit=None):
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Invalid(name, "must be a string")
    if "\x00" in value:
        raise Invalid(name, "must not contain NUL characters")
    value = value.strip()
    if required and not value:
        raise Invalid(name, "must not be empty")
    if limit and len(value) > limit:
        raise Invalid(name, f"must be at most {limit} characters")
    return value


def _choice(value, name, choices, what):
    if not isinstance(value, str) or value not in choices:
        raise Invalid(name, f"unknown {what} {_shown(value)}")
    return value


def _slug(value, name):
    if (
        not isinstance(value, str)
        or not SLUG.match(value)
        or value != value.lower()
        or len(value) > 255
    ):
        raise Invalid(name, "must be lowercase letters, digits and hyphens")
    return value


def _country(value, name):
    if not isinstance(value, str) or value not in COUNTRY_CODES:
        raise Invalid(
            name,
            f"{_shown(value)} is not an ISO 3166-1 alpha-2 country code",
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
            _choice(language, f"{name}.{language}", LANGUAGE_CODES, "language")
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
    def __init__(self, known):
        self.known = known

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
        return [
            ("slug", _slug),
            ("status", lambda value, name: _choice(value, name, STATUSES, "status")),
            (
                "original_language",
                lambda value, name: _choice(value, name, LANGUAGE_CODES, "language"),
            ),
            ("country", _country),
            ("city", lambda value, name: _string(value, name, required=False, limit=100)),
            *(
                (vocabulary.field, self._vocabulary_check(vocabulary))
                for vocabulary in VOCABULARIES
            ),
            (
                "hires",
                lambda value, name: None if value is None else _integer(value, name, 0, MAX_HIRES),
            ),
            ("year", lambda value, name: _integer(value, name, FIRST_YEAR, latest_year())),
            ("source", lambda value, name: _choice(value, name, Source.values, "source")),
        ]

    def _vocabulary_check(self, vocabulary):
        slugs = self.known.slugs[vocabulary.field]
        if vocabulary.many:
            return lambda value, name: _slug_list(
                value, name, slugs, vocabulary.term_name, required=vocabulary.required
            )
        return lambda value, name: _choice(value, name, slugs, vocabulary.term_name)

    def _clean_body(self, value, name):
        text = _string(value, name, required=False, limit=MAX_BODY_CHARACTERS)
        try:
            blocks = html_to_stream(text, self.known.image_ids.__contains__)
        except BodyError as error:
            raise Invalid(name, str(error)) from error
        except RecursionError:
            raise Invalid(name, "its HTML is nested too deeply") from None
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
            "status": lambda value, name: _choice(value, name, STATUSES, "status"),
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
        organisation.setdefault("status", "live")
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
    validator = RecordValidator(Known())
    records, errors = [], []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            errors.append(LineError(number, "json", f"malformed JSON: {error.msg}"))
            continue
        except RecursionError:
            errors.append(LineError(number, "json", "nested too deeply"))
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
    """Duplicate slugs in the file; an organisation slug with two kinds or countries; a live
    case study whose organisation is not published (a draft, or awaiting an editor's approval),
    since an import never publishes such an organisation."""
    errors, seen_slugs = [], {}
    existing = {
        organisation.slug: {
            "kind": organisation.kind,
            "country": organisation.country,
            "status": "live" if organisation.live else "draft",
        }
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
        if record.data["status"] == "live" and known["status"] != "live":
            where = "on the site" if organisation["slug"] in existing else "in this file"
            errors.append(
                LineError(
                    record.line,
                    "status",
                    f"organisation {organisation['slug']} is not published {where}: "
                    "a live case study needs a published organisation",
                )
            )
    return errors
