"""Memory the build no longer uses, handed back to the operating system: nothing in, a smaller process out.

Python hands an object's memory back to the C library's allocator when the object dies, and the
allocator keeps it for what comes next rather than returning it: after ``on_config`` has read every
file's bytes (about 50 KB a report) and every report's records, the bytes and what reading the records
took for a moment are dead but still resident. The processes the build forks after that (rendering
and indexing ahead) start as copies of this one, so what it keeps, they share, and the pages of it
they write to, they copy. ``return_free_memory`` asks the C library to return its free pages (glibc's
``malloc_trim``); where the C library has no such call, it does nothing.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache


@cache
def trim_call() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or ``None`` where the C library of this process has none (musl, macOS)."""
    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def return_free_memory() -> None:
    """Returns the allocator's free pages to the operating system, where the C library can."""
    trim = trim_call()
    if trim is not None:
        trim(0)
