"""The vocabularies case studies are tagged with, and the registry that everything else reads.

Each vocabulary is a model of terms, each with a stable slug and a label in every language
(docs/vocabularies.md lists them). `VOCABULARIES` says, once, how a vocabulary attaches to a case
study: the import format, the export, the search documents, filters and facets, the API, the
share form and the translation of labels all follow from its entry. Adding a vocabulary is a
VocabularyTerm model, its field on CaseStudyPage, an entry here and a migration.
"""

from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class VocabularyTerm(models.Model):
    """A term with a stable slug and a label in every language."""

    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(max_length=120)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("slug"), FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name

    def label(self, language):
        """The label in a language, or in English where it has none."""
        return getattr(self, f"name_{language}", None) or self.name_en or self.slug


class Theme(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("theme")


class Sector(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("sector")


class CompanySize(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("company size")


class ProtectionStatus(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("protection status")
        verbose_name_plural = _("protection statuses")


@dataclass(frozen=True)
class Vocabulary:
    """How one vocabulary tags case studies."""

    name: str  # the search filter and facet: `theme=housing`
    model: type[VocabularyTerm]
    field: str  # the case study's field, and its key in the import format and search documents
    heading: str  # the facet's heading for readers
    many: bool  # a list of terms, or exactly one
    required: bool = True  # at least one term

    @property
    def term_name(self):
        """How error messages name a term: "company size"."""
        return self.name.replace("_", " ")

    def slugs(self):
        return set(self.model.objects.values_list("slug", flat=True))

    def terms(self):
        """{slug: term}, read once."""
        return {term.slug: term for term in self.model.objects.all()}

    def slugs_of(self, case_study):
        """The case study's terms as the import format writes them: sorted slugs, or one."""
        if self.many:
            return sorted(term.slug for term in getattr(case_study, self.field).all())
        return getattr(case_study, self.field).slug

    def terms_of(self, case_study):
        """The case study's terms, as a list."""
        if self.many:
            return list(getattr(case_study, self.field).all())
        return [getattr(case_study, self.field)]

    def assign(self, case_study, value):
        """Tags a case study (saved or not) with a term, or a list of terms."""
        if self.many:
            getattr(case_study, self.field).set(value)
        else:
            setattr(case_study, self.field, value)

    @property
    def label(self):
        """The case study field's label: "Themes", "Company size"."""
        case_study = apps.get_model("casestudies", "CaseStudyPage")
        return capfirst(case_study._meta.get_field(self.field).verbose_name)

    def panel(self):
        # A registered snippet would get a chooser; a short list reads better.
        widget = forms.CheckboxSelectMultiple if self.many else forms.Select
        return FieldPanel(self.field, widget=widget)

    def form_field(self, label=None):
        """A public form's field, offering terms by their stable slug."""
        options = {
            "label": label or self.label,
            "required": self.required,
            "to_field_name": "slug",
        }
        if self.many:
            return forms.ModelMultipleChoiceField(
                self.model.objects.all(), widget=forms.CheckboxSelectMultiple, **options
            )
        return forms.ModelChoiceField(self.model.objects.all(), **options)


VOCABULARIES = (
    Vocabulary("theme", Theme, "themes", _("Theme"), many=True),
    Vocabulary("sector", Sector, "sector", _("Sector"), many=False),
    Vocabulary("company_size", CompanySize, "company_size", _("Company size"), many=False),
    Vocabulary(
        "protection_status",
        ProtectionStatus,
        "protection_statuses",
        _("Protection status"),
        many=True,
        required=False,
    ),
)


# Sent with the ids of the case studies a merge retagged (the search app reindexes them).
terms_merged = Signal()


def vocabulary_for(model):
    """The registered vocabulary of a term model, or None."""
    return next((vocabulary for vocabulary in VOCABULARIES if vocabulary.model is model), None)


def tagged_case_studies(term):
    """The case studies a term tags (their current versions)."""
    vocabulary = vocabulary_for(type(term))
    case_study = apps.get_model("casestudies", "CaseStudyPage")
    return case_study.objects.filter(**{vocabulary.field: term})


@transaction.atomic
def merge_terms(vocabulary, source, target):
    """Retags every case study tagged with `source` with `target` instead, in its current
    version and in every revision (drafts, submissions, history), then deletes `source`.
    Returns how many case studies it retagged."""
    case_study = apps.get_model("casestudies", "CaseStudyPage")
    ids = list(tagged_case_studies(source).values_list("pk", flat=True))
    field = case_study._meta.get_field(vocabulary.field)
    if vocabulary.many:
        through = field.remote_field.through
        owner, term = field.m2m_field_name(), field.m2m_reverse_field_name()
        already = set(
            through.objects.filter(**{term: target}).values_list(f"{owner}_id", flat=True)
        )
        links = through.objects.filter(**{term: source})
        links.filter(**{f"{owner}_id__in": already}).delete()
        links.update(**{term: target})
    else:
        case_study.objects.filter(**{vocabulary.field: source}).update(**{vocabulary.field: target})
    revisions = apps.get_model("wagtailcore", "Revision").objects.filter(
        content_type=ContentType.objects.get_for_model(case_study)
    )
    for revision in revisions:
        if _retag(revision.content, vocabulary, source.pk, target.pk):
            revision.save(update_fields=["content"])
    source.delete()
    terms_merged.send(sender=vocabulary.model, case_study_ids=ids)
    return len(ids)


def _retag(content, vocabulary, source, target):
    """Replaces one term by another in a revision's content; whether anything changed."""
    value = content.get(vocabulary.field)
    if vocabulary.many and isinstance(value, list) and source in value:
        content[vocabulary.field] = sorted({target if pk == source else pk for pk in value})
        return True
    if not vocabulary.many and value == source:
        content[vocabulary.field] = target
        return True
    return False


@checks.register(checks.Tags.models)
def check_vocabulary_fields(app_configs=None, **kwargs):
    """Each registered vocabulary has its field on CaseStudyPage: a foreign key for one term, a
    many-to-many field for a list."""
    case_study = apps.get_model("casestudies", "CaseStudyPage")
    errors = []
    for vocabulary in VOCABULARIES:
        try:
            field = case_study._meta.get_field(vocabulary.field)
        except FieldDoesNotExist:
            field = None
        kind_matches = field is not None and (
            field.many_to_many if vocabulary.many else field.many_to_one
        )
        if not kind_matches or field.related_model is not vocabulary.model:
            kind = "a many-to-many field" if vocabulary.many else "a foreign key"
            errors.append(
                checks.Error(
                    f"vocabulary {vocabulary.name!r} needs CaseStudyPage.{vocabulary.field}, "
                    f"{kind} to {vocabulary.model.__name__}",
                    id="casestudies.E001",
                )
            )
    return errors
