"""A per-client limit on shared practices, kept in Django's cache without storing who the client
is: the key is a salted hash of the address and the current window, and it expires with the
window, so neither the address nor anything older than the window is kept."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

KEY_SALT = "sharing.throttle"


def _key(request):
    _count, seconds = settings.SHARE_RATE_LIMIT
    window = int(time.time() // seconds)
    client = request.META.get(settings.CLIENT_ADDRESS_HEADER, "")
    return "share-practice:" + salted_hmac(KEY_SALT, f"{window}:{client}").hexdigest()


def is_over_limit(request):
    count, _seconds = settings.SHARE_RATE_LIMIT
    return cache.get(_key(request), 0) >= count


def record_submission(request):
    _count, seconds = settings.SHARE_RATE_LIMIT
    key = _key(request)
    # add() is a no-op when the key exists; incr() is atomic on the shared cache backends.
    cache.add(key, 0, timeout=seconds)
    cache.incr(key)
