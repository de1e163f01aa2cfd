"""A per-client limit on shared practices, SHARE_RATE_LIMIT = (count, seconds), counted in the
database (SubmissionWindow) so that it holds across every worker and machine, without storing
who the client is: the key is a salted hash of the address and the current window, and a row
goes when its window ends."""

import time
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import SubmissionWindow

KEY_SALT = "sharing.throttle"


def _key(request):
    _count, seconds = settings.SHARE_RATE_LIMIT
    window = int(time.time() // seconds)
    client = request.META.get(settings.CLIENT_ADDRESS_HEADER, "")
    return salted_hmac(KEY_SALT, f"{window}:{client}").hexdigest()


def admit(request):
    """Counts a submission from this client; False when it is over the limit (not counted).
    The conditional update is one statement, so concurrent submissions cannot both pass."""
    limit, seconds = settings.SHARE_RATE_LIMIT
    now = timezone.now()
    SubmissionWindow.objects.filter(expires_at__lte=now).delete()
    window, _created = SubmissionWindow.objects.get_or_create(
        key=_key(request), defaults={"expires_at": now + timedelta(seconds=seconds)}
    )
    admitted = SubmissionWindow.objects.filter(pk=window.pk, count__lt=limit)
    return bool(admitted.update(count=F("count") + 1))
