"""Values remembered by this process for a few seconds: for lookups every anonymous hit of a shared page makes.

A cached page still needs its key, and the key needs a row (a step's counters, its visibility): one
database round trip per hit, more than the rest of the hit costs. Remembering that row for two seconds
in the process makes such hits free of the database; the page then lags at most two seconds behind a
change, as anonymous pages already do behind what their key does not cover, except a change that purges
the instance (core/generations.py): a remembered value older than the instance's generation is read
again. Signed-in people and writes never read from here.
"""

import threading
import time
import weakref

from django_scopes import get_scope

from participe.core.generations import generation

_every = weakref.WeakSet()
_clock = time.monotonic  # tests move it


def _generation():
    # The active instance as django-scopes holds it (core knows no Instance model).
    state = get_scope()
    instance = state.get("instance") if state.get("_enabled", True) is not False else None
    return generation(instance.pk) if instance is not None else ""


def forget_all():
    """Empty every RecentValues of the process (tests: each starts from the database)."""
    for values in list(_every):
        values.clear()


class RecentValues:
    def __init__(self, seconds, max_entries=1024):
        self.seconds = seconds
        self.max_entries = max_entries
        self._values = {}
        self._lock = threading.Lock()
        _every.add(self)

    def get(self, key, load):
        """The value remembered for `key` if younger than `seconds` and the current instance was not purged
        since (core/generations.py), else `load()` (remembered, None included)."""
        now = _clock()
        stamp = _generation()
        found = self._values.get(key)
        if found is not None and found[0] > now and found[2] == stamp:
            return found[1]
        value = load()
        with self._lock:
            if len(self._values) >= self.max_entries:
                self._forget_expired(now)
            self._values[key] = (now + self.seconds, value, stamp)
        return value

    def _forget_expired(self, now):
        for key in [key for key, (until, *_rest) in self._values.items() if until <= now]:
            del self._values[key]
        while len(self._values) >= self.max_entries:  # all fresh: drop the oldest entries
            del self._values[next(iter(self._values))]

    def clear(self):
        with self._lock:
            self._values.clear()
