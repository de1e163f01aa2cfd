from wagtail.admin.forms import WagtailAdminPageForm

from .consent import consent_problems

FEATURED_PEOPLE = "featured_people"


class CaseStudyPageForm(WagtailAdminPageForm):
    """The case study editor. Publishing (directly or by approving a submission) is refused while
    someone featured lacks valid consent: the error names the person, at the top of the form and
    beside their consent record. Drafts and submissions are saved whatever the consent."""

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.publishes():
            valid = not self.refuse_without_consent()
        return valid

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
