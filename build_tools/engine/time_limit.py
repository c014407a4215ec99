"""A time limit on one file's work: a block in, ``TooSlow`` raised in it out once it has run longer than
``max_file_seconds`` (``resources/settings.yaml``; ``REPORTS_MAX_FILE_SECONDS``).

A file whose processing or pages would not end (a line that some pattern reads in time growing with its
square, as several once did) held the whole build without naming itself; past the limit it is an error of
its own, named in the log, and the other reports publish. ``TooSlow`` is no ``Exception``, so that the
stages' own ``except Exception`` (a fault in one report's stage) lets it through to the caller of the
block. The limit is an interval timer (``SIGALRM``), which only the main thread of a process can set: a
pool's workers, a command's build and a server's builds do their files' work there; anywhere else the
work runs without a limit.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from build_tools.resource_files import load_yaml

SECONDS_ENV = "REPORTS_MAX_FILE_SECONDS"


class TooSlow(BaseException):
    """The block ran past its time limit; the message says so, for the file's error."""


def max_file_seconds() -> float:
    return float(os.environ.get(SECONDS_ENV) or load_yaml("settings.yaml")["max_file_seconds"])


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Raises ``TooSlow`` in the block once it has run ``seconds`` (default ``max_file_seconds``; 0 for none)."""
    seconds = max_file_seconds() if seconds is None else seconds
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signal_number: int, frame: FrameType | None) -> None:
        raise TooSlow(f"processing took longer than {seconds:g} s: not published ({SECONDS_ENV} raises the limit)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
