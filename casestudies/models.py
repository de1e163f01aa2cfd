from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import CaseStudyBodyBlock
from .consent import may_publish
from .countries import country_choices, region_name, region_of
from .forms import CaseStudyPageForm, TranslatedPageForm
from .languages import LANGUAGE_CHOICES, LANGUAGE_CODES, native_name
from .panels import LanguageTabbedInterface, language_tabs
from .vocabularies import VOCABULARIES, CompanySize, ProtectionStatus, Sector, Theme

# The address and the menus; search titles and descriptions are per language, with the text.
PROMOTE_PANELS = [FieldPanel("slug"), FieldPanel("show_in_menus")]
FIRST_YEAR = 1990
MAX_HIRES = 1_000_000  # far below the database column's limit
SHORT_RICH_TEXT = ["bold", "italic", "link"]


def latest_year():
    return timezone.now().year + 1


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    NGO = "ngo", _("NGO")
    PUBLIC_BODY = "public-body", _("Public body")
    SOCIAL_ENTERPRISE = "social-enterprise", _("Social enterprise")
    ACADEMIC = "academic", _("Academic institution")


class Source(models.TextChoices):
    RTSP = "rtsp", _("Refugee Talent Success Platform partner")
    INTERNATIONAL_PARTNER = "international-partner", _("International partner")


class CountryField(models.CharField):
    """An ISO 3166-1 alpha-2 code; names come from CLDR in the reader's language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("choices", country_choices)
        kwargs.setdefault("verbose_name", _("country"))
        super().__init__(*args, **kwargs)


class CountryMixin:
    @property
    def region(self):
        return region_of(self.country)

    @property
    def region_name(self):
        return region_name(self.region) if self.region else ""


# Page tree: HomePage > CaseStudyIndexPage > OrganisationPage > CaseStudyPage -----------------


class CaseStudyIndexPage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=SHORT_RICH_TEXT)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.OrganisationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("case study index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(
            CaseStudyPage.objects.live()
            .public()
            .with_vocabularies()
            .order_by("-published_date", "-pk"),
            24,
        )
        page = paginator.get_page(request.GET.get("page"))
        attach_organisations(page.object_list)
        context["case_studies"] = page
        return context


class OrganisationPage(CountryMixin, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = CountryField()
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("description"), blank=True, features=SHORT_RICH_TEXT)
    is_demo = models.BooleanField(
        _("fictional demo organisation"),
        default=False,
        help_text=_("Shown to readers as fictional: demo content only."),
    )

    edit_handler = LanguageTabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("country")]),
                    FieldPanel("website"),
                    FieldPanel("logo"),
                    FieldPanel("is_demo"),
                ],
                heading=_("Organisation"),
            ),
            *language_tabs(
                ("title", "description"), {"title": _("name"), "description": _("description")}
            ),
            ObjectList(PROMOTE_PANELS, heading=_("Promote")),
        ]
    )
    base_form_class = TranslatedPageForm
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = ["casestudies.CaseStudyPage"]

    class Meta:
        verbose_name = _("organisation")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        case_studies = list(
            CaseStudyPage.objects.child_of(self).live().public().with_vocabularies()
        )
        for case_study in case_studies:
            case_study.organisation = self
        context["case_studies"] = case_studies
        return context


class CaseStudyQuerySet(PageQuerySet):
    def with_vocabularies(self):
        """Case studies with every vocabulary's terms, in a fixed number of queries."""
        return self.select_related(
            *(vocabulary.field for vocabulary in VOCABULARIES if not vocabulary.many)
        ).prefetch_related(*(vocabulary.field for vocabulary in VOCABULARIES if vocabulary.many))

    def with_ended_consent(self, today=None):
        """Case studies featuring someone whose consent was withdrawn or has expired. For a live
        case study these are the people of its live version: the editor's drafts keep theirs in
        revisions."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(featured_people__consent_withdrawn__isnull=False)
            | models.Q(featured_people__consent_expires__lt=today)
        ).distinct()


CaseStudyManager = PageManager.from_queryset(CaseStudyQuerySet)


@dataclass(frozen=True)
class CaseStudyText:
    """The translated fields of a case study in one language."""

    language: str
    title: str
    summary: str
    body: object
    is_fallback: bool


class CaseStudyPage(CountryMixin, Page):
    # Blank at the database level: only the original language is required (see clean).
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    body = StreamField(CaseStudyBodyBlock(), blank=True, verbose_name=_("body"))
    original_language = models.CharField(
        _("original language"),
        max_length=5,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_(
            "The language the story is written in first. Its title, summary and story are "
            "required; the other languages are translations, all optional."
        ),
    )
    country = CountryField(help_text=_("Where the practice took place."))
    city = models.CharField(
        _("city"), max_length=100, blank=True, help_text=_("Optional: the town or city.")
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        verbose_name=_("sector"),
        help_text=_("What the company does."),
    )
    company_size = models.ForeignKey(
        CompanySize,
        on_delete=models.PROTECT,
        verbose_name=_("company size"),
        help_text=_("Staff in the whole company, not only at this site."),
    )
    themes = ParentalManyToManyField(
        Theme,
        related_name="case_studies",
        verbose_name=_("themes"),
        help_text=_("What the practice is about: at least one."),
    )
    protection_statuses = ParentalManyToManyField(
        ProtectionStatus,
        related_name="case_studies",
        blank=True,
        verbose_name=_("protection statuses"),
        help_text=_("The protection status of the people hired, where it is known."),
    )
    hires = models.PositiveIntegerField(
        _("people hired"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_HIRES)],
        help_text=_("How many people with a refugee background were hired; empty if unknown."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(latest_year)],
        help_text=_("The year the practice started."),
    )
    source = models.CharField(
        _("source"),
        max_length=30,
        choices=Source.choices,
        help_text=_(
            "Refugee Talent Success Platform partner, or an international partner of the exchange."
        ),
    )
    published_date = models.DateField(
        _("published date"),
        default=timezone.localdate,
        help_text=_("Shown with the story; case studies are listed newest first by it."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set each time the case study is published."),
    )

    edit_handler = LanguageTabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("original_language"),
                    FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
                    FieldRowPanel(
                        [vocabulary.panel() for vocabulary in VOCABULARIES if not vocabulary.many]
                    ),
                    *[vocabulary.panel() for vocabulary in VOCABULARIES if vocabulary.many],
                    FieldRowPanel([FieldPanel("hires"), FieldPanel("year"), FieldPanel("source")]),
                    FieldPanel("published_date"),
                ],
                heading=_("Facts"),
            ),
            *language_tabs(
                ("title", "summary", "body"),
                {"title": _("title"), "summary": _("summary"), "body": _("story")},
            ),
            ObjectList(
                [
                    InlinePanel(
                        "featured_people",
                        label=_("Person featured"),
                        heading=_("People featured and their consent"),
                        help_text=_(
                            "Everyone the story is about or quotes, or who appears in a photo. "
                            "Names stay in the admin: they are never shown, indexed or served by "
                            "the API."
                        ),
                    )
                ],
                heading=_("People featured"),
            ),
            ObjectList(PROMOTE_PANELS, heading=_("Promote")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["casestudies.OrganisationPage"]
    base_form_class = CaseStudyPageForm
    objects = CaseStudyManager()
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def publish(self, revision, *args, **kwargs):
        """Publishes only with everyone featured consenting (casestudies/consent.py), whatever
        the path: a workflow approval, scheduled or bulk publishing, code. (The editor's own
        publish button is checked by CaseStudyPageForm, which names the person in the form.)"""
        if may_publish(revision, kwargs.get("log_action")):
            return super().publish(revision, *args, **kwargs)
        return None

    def clean(self):
        super().clean()
        original = self.original_language
        missing = {
            f"{name}_{original}": _("Required in the original language of the case study.")
            for name in ("title", "summary")
            if not getattr(self, f"{name}_{original}", "")
        }
        if missing:
            raise ValidationError(missing)
        clash = CaseStudyPage.objects.filter(slug=self.slug).exclude(pk=self.pk)
        if self.slug and clash.exists():
            raise ValidationError({"slug": _("Another case study already uses this slug.")})

    def vocabulary_facts(self):
        """Each vocabulary's terms on this case study, in the registry's order."""
        return [
            {"vocabulary": vocabulary, "terms": vocabulary.terms_of(self)}
            for vocabulary in VOCABULARIES
        ]

    @property
    def preview_modes(self):
        """The editor previews the case study as a reader of each language sees it."""
        return [(code, native_name(code)) for code in LANGUAGE_CODES]

    @property
    def default_preview_mode(self):
        return self.original_language

    def serve_preview(self, request, mode_name):
        with translation.override(mode_name):
            request.LANGUAGE_CODE = mode_name
            self.__dict__.pop("text", None)  # read again in the previewed language
            return super().serve_preview(request, mode_name).render()

    @property
    def languages(self):
        """The languages this case study is written in, original first."""
        present = [code for code in LANGUAGE_CODES if getattr(self, f"title_{code}", "")]
        return sorted(present, key=lambda code: code != self.original_language)

    def text_in(self, language):
        shown = language if getattr(self, f"title_{language}", "") else self.original_language
        return CaseStudyText(
            language=shown,
            title=getattr(self, f"title_{shown}"),
            summary=getattr(self, f"summary_{shown}") or "",
            body=getattr(self, f"body_{shown}"),
            is_fallback=shown != language,
        )

    @cached_property
    def text(self):
        return self.text_in(get_language())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisation"] = self.get_parent().specific
        context["share_image"] = self.share_image(context["organisation"])
        context["related_case_studies"] = self.related_case_studies()
        context["collections"] = (
            CollectionPage.objects.live().public().filter(items__case_study=self).distinct()
        )
        return context

    def share_image(self, organisation):
        """The picture of a link preview: the story's first image that shows nobody who could
        be identified, else the organisation's logo (None: the site's own card)."""
        images = [block.value["image"] for block in self.text.body if block.block_type == "image"]
        images.append(organisation.logo)
        return next(
            (image for image in images if image and not image.shows_identifiable_people), None
        )

    def related_case_studies(self, limit=3):
        """Case studies sharing the most themes with this one, from other countries."""
        related = list(
            CaseStudyPage.objects.live()
            .public()
            .filter(themes__in=self.themes.all())
            .exclude(country=self.country)
            .exclude(pk=self.pk)
            .annotate(shared_themes=models.Count("themes"))
            .order_by("-shared_themes", "-published_date", "pk")
            .with_vocabularies()[:limit]
        )
        attach_organisations(related)
        return related


class LanguageListField(models.JSONField):
    """A list of language codes, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=LANGUAGE_CHOICES,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


def not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date is in the future."))


class FeaturedPerson(Orderable):
    """Someone a case study is about, quotes or shows, and the consent they gave. Their name
    stays in the admin: it is never shown to readers, indexed or served by the API."""

    case_study = ParentalKey(
        CaseStudyPage, on_delete=models.CASCADE, related_name="featured_people"
    )
    display_name = models.CharField(
        _("name or pseudonym"),
        max_length=100,
        help_text=_("How editors recognise this person in the admin."),
    )
    is_pseudonym = models.BooleanField(_("pseudonym"), default=False)
    consent_date = models.DateField(
        _("consent recorded on"), null=True, blank=True, validators=[not_in_future]
    )
    consent_languages = LanguageListField(
        _("languages the story may be published in"), default=list, blank=True
    )
    consent_web = models.BooleanField(_("publication on the website"), default=False)
    consent_api = models.BooleanField(_("publication through the API and feeds"), default=False)
    consent_photos = models.BooleanField(_("photos showing them"), default=False)
    consent_expires = models.DateField(_("consent expires on"), null=True, blank=True)
    consent_withdrawn = models.DateField(
        _("consent withdrawn on"),
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_("Saving a withdrawal unpublishes the case study at once, in every language."),
    )

    panels = [
        FieldRowPanel([FieldPanel("display_name"), FieldPanel("is_pseudonym")]),
        FieldRowPanel([FieldPanel("consent_date"), FieldPanel("consent_expires")]),
        # A row of its own: three date fields overflow the editor at 1280 px.
        FieldPanel("consent_withdrawn"),
        FieldPanel("consent_languages"),
        FieldRowPanel(
            [FieldPanel("consent_web"), FieldPanel("consent_api"), FieldPanel("consent_photos")],
            heading=_("Consent covers"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("person featured")
        verbose_name_plural = _("people featured")

    def __str__(self):
        return self.display_name

    def consent_has_ended(self, today=None):
        """Withdrawn, or past its expiry date."""
        today = today or timezone.localdate()
        return bool(
            self.consent_withdrawn or (self.consent_expires and self.consent_expires < today)
        )


def attach_organisations(case_studies):
    """Set `.organisation` on each case study with one query, whatever their number."""
    steplen = Page.steplen
    parent_paths = {case_study.path[:-steplen] for case_study in case_studies}
    organisations = {
        organisation.path: organisation
        for organisation in OrganisationPage.objects.filter(path__in=parent_paths)
    }
    for case_study in case_studies:
        case_study.organisation = organisations.get(case_study.path[:-steplen])
    return case_studies


# Collections: HomePage > CollectionIndexPage > CollectionPage --------------------------------


class CollectionIndexPage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=SHORT_RICH_TEXT)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.CollectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("case study collection index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = CollectionPage.objects.child_of(self).live().public()
        return context


class CollectionPage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=SHORT_RICH_TEXT)
    featured = models.BooleanField(_("featured on the home page"), default=False)

    edit_handler = LanguageTabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("featured"),
                    InlinePanel("items", label=_("Case studies"), min_num=1),
                ],
                heading=_("Case studies"),
            ),
            *language_tabs(
                ("title", "introduction"), {"title": _("title"), "introduction": _("introduction")}
            ),
            ObjectList(PROMOTE_PANELS, heading=_("Promote")),
        ]
    )
    base_form_class = TranslatedPageForm
    parent_page_types = ["casestudies.CollectionIndexPage"]
    subpage_types = []

    class Meta:
        # "Collections" in Wagtail's settings menu are folders of images: these are different.
        verbose_name = _("case study collection")
        verbose_name_plural = _("case study collections")

    def case_studies(self):
        """The live case studies in the editor's order."""
        ids = list(self.items.values_list("case_study_id", flat=True))
        pages = {
            page.pk: page
            for page in CaseStudyPage.objects.live().public().filter(pk__in=ids).with_vocabularies()
        }
        ordered = [pages[pk] for pk in ids if pk in pages]
        return attach_organisations(ordered)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case_studies"] = self.case_studies()
        return context


class CollectionItem(Orderable):
    collection = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    case_study = models.ForeignKey(
        CaseStudyPage, on_delete=models.CASCADE, related_name="collection_items"
    )

    panels = [FieldPanel("case_study")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "case_study"], name="unique_collection_item"
            )
        ]
