from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casestudies import countries
from casestudies.languages import LANGUAGE_CHOICES
from casestudies.models import FIRST_YEAR, MAX_HIRES, OrganisationKind, latest_year
from casestudies.vocabularies import VOCABULARIES

BODY_LIMIT = 20_000
CONSENT_TEXT = _(
    "Everyone featured in this story has agreed to its publication, and nobody can be "
    "identified from it without their consent."
)


def country_choices():
    """Countries named and sorted in the visitor's language."""
    return [("", "---------"), *countries.country_choices(language=None)]


class SharePracticeForm(forms.Form):
    """The organisation, a contact, the case study and the consent: everything an editor needs
    to review a practice shared by someone without an account."""

    required_css_class = "required"

    organisation_name = forms.CharField(label=_("Organisation name"), max_length=255)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=[("", "---------"), *OrganisationKind.choices]
    )
    organisation_country = forms.ChoiceField(
        label=_("Country of the organisation"), choices=country_choices
    )
    organisation_website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    contact_name = forms.CharField(label=_("Your name"), max_length=100)
    contact_email = forms.EmailField(
        label=_("Your email address"),
        help_text=format_lazy(
            _(
                "Only editors see your name and address, to ask you about your story. We delete "
                "them {days} days after we have published or declined it."
            ),
            days=settings.SHARE_CONTACT_DAYS,
        ),
    )
    contact_role = forms.CharField(label=_("Your role"), max_length=100, required=False)

    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what you did and what came of it."),
    )
    body = forms.CharField(
        label=_("Your story"),
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    original_language = forms.ChoiceField(
        label=_("Language you are writing in"), choices=LANGUAGE_CHOICES
    )
    country = forms.ChoiceField(label=_("Country where it happened"), choices=country_choices)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    hires = forms.IntegerField(
        label=_("People hired"), min_value=0, max_value=MAX_HIRES, required=False
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        validators=[MaxValueValidator(latest_year)],
        help_text=_("When the practice started."),
    )

    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please confirm the consent of everyone featured.")},
    )

    # The honeypot: hidden from people (see the template), filled in by bots.
    fax = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    FIELDSETS = [
        (
            _("Your organisation"),
            [
                "organisation_name",
                "organisation_kind",
                "organisation_country",
                "organisation_website",
            ],
        ),
        (_("How editors can reach you"), ["contact_name", "contact_email", "contact_role"]),
        (_("Your practice"), ["title", "summary", "body", "original_language"]),
        (
            _("Facts"),
            [
                "country",
                "city",
                *(vocabulary.field for vocabulary in VOCABULARIES),
                "hires",
                "year",
            ],
        ),
        (_("Consent"), ["consent"]),
    ]

    # Terms are chosen by their stable slugs and labelled in the visitor's language.
    VOCABULARY_LABELS = {"protection_statuses": _("Protection status of the people hired")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for vocabulary in VOCABULARIES:
            self.fields[vocabulary.field] = vocabulary.form_field(
                label=self.VOCABULARY_LABELS.get(vocabulary.field)
            )
        self.fields["original_language"].initial = get_language()
        self.fields["year"].widget.attrs["max"] = latest_year()

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def is_from_a_bot(self):
        return bool(self.data.get("fax", "").strip())
