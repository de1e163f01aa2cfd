from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .consent import consent_problems
from .languages import LANGUAGE_CODES
from .slugs import slug_from_title

FEATURED_PEOPLE = "featured_people"


class TranslatedPageForm(WagtailAdminPageForm):
    """A page written in any language. Its slug need not be typed: it is made from the title in
    the page's first language (original_language, where the page has one), whatever its script."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def first_language(self):
        """The language whose title names the page: the first one it has a title in."""
        return next(
            (code for code in LANGUAGE_CODES if (self.data.get(f"title_{code}") or "").strip()),
            None,
        )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        language = self.first_language()
        if slug or language is None:
            return slug
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        siblings = parent.get_children().exclude(pk=self.instance.pk)
        return slug_from_title(
            self.data[f"title_{language}"], lambda slug: siblings.filter(slug=slug).exists()
        )


class CaseStudyPageForm(TranslatedPageForm):
    """The case study editor. The original language is chosen first (a new case study starts in
    the editor's own) and decides what is required: its title and summary always, its body to
    submit or publish. Publishing (directly or by approving a submission) is refused while
    someone featured lacks valid consent: the error names the person, at the top of the form and
    beside their consent record. Drafts are saved whatever the consent."""

    class Media:
        js = ["casestudies/original_language.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and get_language() in LANGUAGE_CODES:
            self.initial["original_language"] = get_language()
        original = self.original_language()
        for name in ("title", "summary", "body"):
            if f"{name}_{original}" in self.fields:
                self.fields[f"{name}_{original}"].required = name != "body"

    def original_language(self):
        value = self["original_language"].value() if "original_language" in self.fields else None
        return value if value in LANGUAGE_CODES else self.instance.original_language

    def first_language(self):
        return self.original_language()

    def clean(self):
        cleaned = super().clean()
        body = f"body_{self.original_language()}"
        if body in self.fields and self.sends_for_review() and not cleaned.get(body):
            self.add_error(body, _("Write the story in its original language before sending it."))
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.publishes():
            valid = not self.refuse_without_consent()
        return valid

    def sends_for_review(self):
        """Whether this submission goes to readers or to an editor: publish, submit, approve."""
        sending = self.data.get("action-submit") or self.data.get("action-publish")
        return bool(sending) or self.publishes()

    def publishes(self):
        """Whether the editor view will publish this submission, as it decides it."""
        if self.data.get("action-publish"):
            if self.instance.pk:
                return self.instance.permissions_for_user(self.for_user).can_publish()
            return self.parent_page.permissions_for_user(self.for_user).can_publish_subpage()
        return bool(
            self.data.get("action-workflow-action")
            and self.data.get("workflow-action-name") == "approve"
        )

    def featured_people_forms(self):
        formset = self.formsets[FEATURED_PEOPLE]
        return [
            form
            for form in formset.forms
            if form.cleaned_data and not formset._should_delete_form(form)
        ]

    def refuse_without_consent(self):
        """Adds an error for each consent problem; whether there was any."""
        person_forms = {id(form.instance): form for form in self.featured_people_forms()}
        people = [form.instance for form in person_forms.values()]
        problems = consent_problems(self.instance, people)
        for problem in problems:
            if problem.person is not None:
                person_forms[id(problem.person)].add_error(None, problem.message)
            self.add_error(None, problem.message)
        return bool(problems)
