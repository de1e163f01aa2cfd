"""The multilingual glossary: concepts of refugee employment, each with its terms in every
language. A search for any term of a concept also finds case studies that use the concept's
terms in the other languages (search/interpretation.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casestudies.languages import LANGUAGE_CODES


class Category(models.TextChoices):
    OCCUPATION = "occupation", _("Occupations and trades")
    SKILL = "skill", _("Skills and qualifications")
    DOCUMENT = "document", _("Documents and permits")
    ORIGIN = "origin", _("Nationalities and languages of origin")
    SUPPORT = "support", _("Support measures")
    HIRING = "hiring", _("Hiring steps")


class Concept(models.Model):
    key = models.SlugField(
        unique=True,
        max_length=80,
        help_text=_("A stable English name for the concept, such as language-course."),
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    terms = models.TextField(
        blank=True,
        verbose_name=_("terms"),
        help_text=_(
            "One term per line: the preferred term first, then synonyms and the other forms "
            "readers write (plurals, feminine forms, cases)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "key"]
        verbose_name = _("glossary concept")
        verbose_name_plural = _("glossary")

    def __str__(self):
        return self.preferred_term() or self.key

    def terms_in(self, language):
        text = getattr(self, f"terms_{language}", None) or ""
        return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))

    def preferred_term(self):
        for language in (get_language(), "en"):
            if terms := self.terms_in(language):
                return terms[0]
        return ""

    def clean(self):
        if not any(self.terms_in(language) for language in LANGUAGE_CODES):
            raise ValidationError(_("Write the concept's terms in at least one language."))
