"""Forked processes: a function in, its result (pickled back through a pipe) out.

The build forks to run work beside the main process: the reports processed while MkDocs loads
(``ahead.py``), pages rendered ahead (``prerender.py``), the search index written while the templates
are rendered (``search.py``). Forking is safe only while no other thread runs; where it is not, or
no process can be had, ``Forked.start`` gives ``None`` and the caller does the work itself. Imports
nothing of the project, so that the command line can fork before it loads anything else.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any


def can_fork() -> bool:
    """Whether this process may fork: it can, and runs no other thread (a child would inherit held locks)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Forked:
    """A function run in a forked process, which sends its result back pickled through a pipe."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe

    @classmethod
    def start(cls, function: Callable[[], Any]) -> Forked | None:
        """The process running ``function``; ``None`` when this one may not or cannot fork."""
        if not can_fork():
            return None
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had: the caller does the work itself
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # the child: run, send the result, leave without the parent's exit handlers
            os.close(read)
            status = 1
            try:
                data = pickle.dumps(function(), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as stream:
                    stream.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        return cls(pid, read)

    def result(self) -> Any | None:
        """Waits for the process: what ``function`` returned, or ``None`` if it failed."""
        with os.fdopen(self.pipe, "rb") as stream:  # read to the end before waiting, or a full pipe blocks it
            data = stream.read()
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # reaped elsewhere: its end is unknown, so its result is not trusted
            return None
        return pickle.loads(data) if status == 0 else None

    def stop(self) -> None:
        """Ends the process and waits for it."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self.result()
