"""When the cyclic garbage collector runs in a build: no data in or out, only the moments of its passes.

- ``paused``: the collector is off while the hook reads the reports' records and makes the pages across
  reports from them, and what they made is frozen out of its reach at the end (``gc.freeze``): the
  records live until the build ends, so the passes it made over them freed nothing and took 0.2 s of a
  one-change build at 1,000 reports (five full passes), by a count of its passes.
- ``IdleCollector``: a server makes a full pass a moment after each build, while nobody waits for a page.
  Left to itself, the collector makes a full pass once the objects that reached its oldest generation
  since the last number a quarter of what that pass kept; the builds of a server each leave some, and
  every few edits such a pass (0.4 s at 1,000 reports) fell inside a rebuild. The pass is skipped when a
  build has started meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

IDLE_SECONDS = 1.0  # after a build: the reader's browser has reloaded its page by then


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block; what is alive at its end is frozen, and the collector on again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


class IdleCollector:
    """A full pass of the collector ``IDLE_SECONDS`` after each build of a server, unless another build
    has started by then."""

    def __init__(self, seconds: float = IDLE_SECONDS) -> None:
        self.seconds = seconds
        self.building = False
        self.timer: threading.Timer | None = None

    def build_starts(self) -> None:
        self.building = True
        if self.timer is not None:
            self.timer.cancel()

    def build_ends(self) -> None:
        self.building = False
        self.timer = threading.Timer(self.seconds, self.collect)
        self.timer.daemon = True
        self.timer.start()

    def collect(self) -> None:
        if not self.building:
            gc.collect()
