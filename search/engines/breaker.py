import threading
import time

from django.conf import settings


class Breaker:
    """A circuit breaker on the search cluster, one per process.

    Closed, searches go to the cluster, which is checked (a probe) every
    SEARCH_CLUSTER_CHECK_SECONDS. Opened by a failure, searches skip the cluster for
    SEARCH_CLUSTER_COOL_DOWN seconds; then the next search probes it, and the breaker closes if
    the probe finds the cluster well, or stays open for another cool-down.
    """

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.opened_at = None
        self.checked_at = None

    @property
    def is_open(self):
        return self.opened_at is not None

    def allows(self):
        """Whether a search may go to the cluster (perhaps after a probe: see check_due)."""
        with self.lock:
            if self.opened_at is None:
                return True
            return self.clock() - self.opened_at >= settings.SEARCH_CLUSTER_COOL_DOWN

    def check_due(self):
        """Whether the cluster must be probed before this search; claims the probe, so that
        concurrent searches of this process do not all probe."""
        with self.lock:
            now = self.clock()
            due = (
                self.opened_at is not None
                or self.checked_at is None
                or now - self.checked_at >= settings.SEARCH_CLUSTER_CHECK_SECONDS
            )
            if due:
                self.checked_at = now
                if self.opened_at is not None:
                    self.opened_at = now  # the others keep skipping the cluster meanwhile
            return due

    def open(self):
        with self.lock:
            self.opened_at = self.clock()

    def close(self):
        with self.lock:
            self.opened_at = None
