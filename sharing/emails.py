"""What the person who shared a practice hears from us, in the language of the form they used:
that it arrived, and that it is published."""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _send(submission, subject, lines):
    """Sends, or logs why not: a mail server that is down must not undo a submission or an
    editor's approval."""
    body = "\n".join(str(line) for line in lines)
    try:
        send_mail(str(subject), body, None, [submission.contact_email])
    except (OSError, SMTPException):
        logger.exception("email to the author of shared practice %s not sent", submission.pk)


def send_acknowledgement(submission):
    with translation.override(submission.language):
        title = submission.case_study.draft_title
        _send(
            submission,
            _("We have received your practice: %(title)s") % {"title": title},
            [
                _("Dear %(name)s,") % {"name": submission.contact_name},
                "",
                _(
                    "Thank you for sharing “%(title)s” with %(site)s. An editor will read it "
                    "and may write to you with questions before publishing it."
                )
                % {"title": title, "site": settings.SITE_NAME},
                "",
                _(
                    "We keep your name and email address only to write to you about this "
                    "practice, and delete them %(days)s days after we have decided on it."
                )
                % {"days": settings.SHARE_CONTACT_DAYS},
            ],
        )


def send_published_notice(submission):
    with translation.override(submission.language):
        case_study = submission.case_study
        _send(
            submission,
            _("Your practice is published: %(title)s") % {"title": case_study.draft_title},
            [
                _("Dear %(name)s,") % {"name": submission.contact_name},
                "",
                _("Your practice is now published on %(site)s:") % {"site": settings.SITE_NAME},
                case_study.full_url,
                "",
                _("Thank you for sharing it."),
            ],
        )
