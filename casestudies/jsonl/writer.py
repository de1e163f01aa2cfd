"""Valid import records become organisations and case studies, all in one transaction."""

from dataclasses import dataclass, field

from django.db import transaction

from ..blocks import CaseStudyBodyBlock
from ..consent import ConsentMissing
from ..languages import LANGUAGE_CODES
from ..models import CaseStudyIndexPage, CaseStudyPage, OrganisationPage
from ..vocabularies import VOCABULARIES
from .body_html import stream_to_html
from .export import TRANSLATED, case_study_record, organisation_record
from .validation import LineError


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # LineErrors


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


def _changed(stored, data):
    """Whether an organisation's line says something new (its status only counts when the
    organisation is made)."""
    return {**stored, "status": None} != {"website": "", **data, "status": None}


class NoCaseStudyIndex(Exception):
    def __str__(self):
        return "the site has no case study index page: run setup_site (make run and make serve do)"


class CaseStudyWriter:
    """Creates or updates organisations and case studies from valid records."""

    def __init__(self):
        self.index = CaseStudyIndexPage.objects.first()
        if self.index is None:
            raise NoCaseStudyIndex
        self.terms = {vocabulary.field: vocabulary.terms() for vocabulary in VOCABULARIES}
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
        """The organisation, created (published only if its line says live) or updated. An
        organisation that is not published stays so: an import never approves one."""
        if data["slug"] in self.organisations:
            return self.organisations[data["slug"]]
        organisation = OrganisationPage.objects.filter(slug=data["slug"]).first()
        if organisation is None:
            organisation = OrganisationPage(slug=data["slug"], live=False)
            self._fill_organisation(organisation, data)
            self.index.add_child(instance=organisation)
            self._save(organisation, publish=data["status"] == "live")
        elif _changed(organisation_record(organisation), data):
            self._fill_organisation(organisation, data)
            self._save(organisation, publish=organisation.live)
        self.organisations[data["slug"]] = organisation
        return organisation

    def _fill_organisation(self, organisation, data):
        for language in LANGUAGE_CODES:
            setattr(organisation, f"title_{language}", data["name"].get(language))
        organisation.kind = data["kind"]
        organisation.country = data["country"]
        organisation.website = data.get("website", "")

    def _fill(self, page, data):
        for language in LANGUAGE_CODES:
            for name in TRANSLATED:
                value = data[name].get(language)
                setattr(page, f"{name}_{language}", value or ([] if name == "body" else None))
        page.original_language = data["original_language"]
        page.country = data["country"]
        page.city = data.get("city", "")
        page.hires = data.get("hires")
        page.year = data["year"]
        page.source = data["source"]
        for vocabulary in VOCABULARIES:
            terms = self.terms[vocabulary.field]
            value = data[vocabulary.field]
            vocabulary.assign(
                page, [terms[slug] for slug in value] if vocabulary.many else terms[value]
            )

    @staticmethod
    def _save(page, publish):
        revision = page.save_revision(clean=True)
        if publish:
            revision.publish()
        elif page.live:
            page.unpublish()


class ImportRefused(Exception):
    """A line that is valid but may not be written: its case study may not be published."""

    def __init__(self, errors):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def import_records(records, progress=None, skip_refused=False):
    """Writes valid records in one transaction, so a failure leaves the database as it was. A
    live case study whose featured people's consent does not allow publishing is refused: the
    whole import (ImportRefused), or, with skip_refused, that line (in `result.refused`)."""
    writer = CaseStudyWriter()
    with transaction.atomic():
        for record in progress(records) if progress else records:
            try:
                with transaction.atomic():
                    writer.write(record)
            except ConsentMissing as refusal:
                errors = [
                    LineError(record.line, "status", f"may not be published: {problem.message}")
                    for problem in refusal.problems
                ]
                if not skip_refused:
                    raise ImportRefused(errors) from refusal
                writer.result.refused += errors
    return writer.result
