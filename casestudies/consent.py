"""The consent of the people a case study features, and what it allows.

A case study may be published only while everyone it features has valid consent: recorded, not
withdrawn, not expired, covering the website and every language the case study is written in,
and covering photos when one of its images shows people who could be identified. Consent to
the API and feeds decides whether the case study is served there too (search documents carry
it as a channel). When consent is withdrawn or expires, the case study is unpublished in every
language; the search app takes an unpublished case study out of its indexes as soon as the
unpublishing commits, without waiting for the task queue.
"""

import logging
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction

from .languages import LANGUAGE_CODES, native_name

SCHEDULED_PUBLICATION = "wagtail.publish.scheduled"  # the log action of publish_scheduled

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConsentProblem:
    """Why a case study may not be published; `person` is None for the case study as a whole."""

    message: str
    person: object = None


class ConsentMissing(Exception):
    """Publishing was attempted while someone featured lacks valid consent (see
    casestudies.middleware for what the admin makes of it)."""

    def __init__(self, case_study, problems):
        super().__init__(" ".join(problem.message for problem in problems))
        self.case_study = case_study
        self.problems = problems


def person_problems(person, languages, today=None):
    """What is wrong with one person's consent for a case study written in `languages`."""
    today = today or timezone.localdate()
    name = person.display_name
    if not person.consent_date:
        return [_("No consent is recorded for %(name)s.") % {"name": name}]
    if person.consent_withdrawn:
        return [
            _("%(name)s withdrew their consent on %(date)s.")
            % {"name": name, "date": date_format(person.consent_withdrawn)}
        ]
    if person.consent_expires and person.consent_expires < today:
        return [
            _("The consent of %(name)s expired on %(date)s.")
            % {"name": name, "date": date_format(person.consent_expires)}
        ]
    problems = []
    if not person.consent_web:
        problems.append(
            _("%(name)s has not consented to publication on the website.") % {"name": name}
        )
    uncovered = [code for code in languages if code not in (person.consent_languages or [])]
    if uncovered:
        problems.append(
            _("The consent of %(name)s does not cover: %(languages)s.")
            % {
                "name": name,
                "languages": ", ".join(native_name(code) for code in uncovered),
            }
        )
    return problems


def images_showing_people(case_study):
    """The body images (in any language) flagged as showing people who could be identified."""
    found = {}
    for code in LANGUAGE_CODES:
        for block in getattr(case_study, f"body_{code}") or []:
            image = block.value["image"] if block.block_type == "image" else None
            if image is not None and image.shows_identifiable_people:
                found[image.pk] = image
    return list(found.values())


def consent_problems(case_study, people=None, today=None):
    """Every reason the case study may not be published, as ConsentProblems. `people` defaults
    to the case study's featured people (pass the editor's unsaved ones to check a form)."""
    people = list(case_study.featured_people.all()) if people is None else people
    languages = case_study.languages
    each_person = [(person, person_problems(person, languages, today)) for person in people]
    problems = [
        ConsentProblem(message, person) for person, messages in each_person for message in messages
    ]
    photo_consent = any(person.consent_photos and not messages for person, messages in each_person)
    if not photo_consent:
        problems += [
            ConsentProblem(
                _(
                    "The image “%(image)s” shows people who could be identified: record the "
                    "consent, including photos, of a person featured."
                )
                % {"image": image.title}
            )
            for image in images_showing_people(case_study)
        ]
    return problems


def served_by_api(case_study):
    """Whether everyone featured consented to the API and feeds."""
    return all(person.consent_api for person in case_study.featured_people.all())


def may_publish(revision, log_action=None):
    """Whether a case study revision may be published; raises ConsentMissing if someone featured
    lacks valid consent. A scheduled publication that consent no longer allows is cancelled
    instead (False), so that Wagtail's publish_scheduled goes on with the others rather than
    failing on this one at every run."""
    case_study = revision.as_object()
    problems = consent_problems(case_study)
    if not problems:
        return True
    if log_action != SCHEDULED_PUBLICATION:
        raise ConsentMissing(case_study, problems)
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    logger.warning("scheduled publication of case study %s cancelled: %s", case_study.pk, problems)
    return False


# Withdrawal and expiry -------------------------------------------------------------------------


def ended_consents(case_study, today=None):
    """The people whose consent was withdrawn or has expired."""
    return [
        person for person in case_study.featured_people.all() if person.consent_has_ended(today)
    ]


def withdraw_from_publication(case_study, user=None):
    """Unpublishes the case study: in every language, since liveness is per page."""
    if case_study.live:
        UnpublishPageAction(case_study, user=user, log_action=True).execute(
            skip_permission_checks=True
        )


def unpublish_if_consent_ended(case_study, user=None):
    """After an edit: if the saved version records a withdrawal or an expiry, the live case
    study goes offline. Returns the people whose consent ended, if it did."""
    if not case_study.live:
        return []
    people = ended_consents(case_study.get_latest_revision_as_object())
    if people:
        withdraw_from_publication(case_study, user)
    return people
