from django.db import models
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudyPage, OrganisationPage


class ShareSubmission(models.Model):
    """Who shared a practice through the public form. The contact is personal data: it stays
    here, for editors only, and never on the pages, in the search index or in the API."""

    # Deleting the organisation (a rejected submission) deletes its contact details with it.
    organisation = models.ForeignKey(
        OrganisationPage,
        on_delete=models.CASCADE,
        related_name="share_submissions",
        verbose_name=_("organisation"),
    )
    case_study = models.ForeignKey(
        CaseStudyPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="share_submissions",
        verbose_name=_("case study"),
    )
    contact_name = models.CharField(_("contact name"), max_length=100)
    contact_email = models.EmailField(_("contact email"))
    contact_role = models.CharField(_("contact role"), max_length=100, blank=True)
    language = models.CharField(
        _("language of the form"),
        max_length=5,
        help_text=_("The language the contact used: write back in it."),
    )
    consent_confirmed_at = models.DateTimeField(_("consent confirmed at"))
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(
        _("decided at"),
        null=True,
        blank=True,
        help_text=_("When the practice was published or its case study deleted."),
    )

    class Meta:
        verbose_name = _("shared practice")
        verbose_name_plural = _("shared practices")
        ordering = ["-created_at", "-pk"]
        # Submissions are read and deleted, never written in the admin.
        default_permissions = ("view", "delete")

    def __str__(self):
        return f"{self.organisation.draft_title} ({self.contact_name})"


class SubmissionWindow(models.Model):
    """How many practices one client shared in the current window of the rate limit
    (sharing/throttle.py). The key is a salted hash of the client's address and the window, so
    no address is kept; rows go when their window ends. In the database, so that the limit holds
    across every worker and machine."""

    key = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"{self.count} until {self.expires_at:%H:%M}"
