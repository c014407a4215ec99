"""Forked processes: a function in, its result (pickled back through a pipe) out; and pools of them.

The build forks to run work beside the main process: the reports processed while MkDocs loads
(``engine.ahead``), pages rendered ahead (``build.prerender``), the search index's parts and files made
while the templates are rendered (``search``); and pools of workers (``run_all``, ``pool_context``) for
the pipeline over many files and for indexing many pages. Forking is safe only while no other thread
runs; where it is not, or no process can be had, ``Forked.start`` gives ``None`` and the caller does
the work itself (``made_apart`` does both: the merged copies' pages, ``engine.merging``). Imports nothing
of the project, so that the command line can fork before it loads anything else.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

R = TypeVar("R")
WORKERS_ENV = "REPORTS_WORKERS"
MIN_FILES_FOR_POOL = 8


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
            # what the parent held stays out of the garbage collector's walks: a walk writes to every
            # object it visits, and each page of memory written is copied into the child
            gc.freeze()
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


def made_apart(function: Callable[[], R]) -> R:
    """What ``function`` returns, made in a forked process where this one can fork (so that what making it
    loads or leaves behind ends with that process), and here where it cannot or the process failed."""
    child = Forked.start(function)
    made = child.result() if child is not None else None
    return made if made is not None else function()


def worker_count(files: int) -> int:
    """Processes to use for ``files`` files: ``REPORTS_WORKERS``, else one per core, none for a handful."""
    configured = os.environ.get(WORKERS_ENV)
    if configured:
        return max(1, int(configured))
    if files < MIN_FILES_FOR_POOL:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def task_size(task: tuple[Any, ...]) -> int:
    """The size of a task whose second item is a file's content (0 for anything else)."""
    return len(task[1]) if len(task) > 1 and isinstance(task[1], bytes) else 0


def pool_context() -> multiprocessing.context.BaseContext:
    """``fork`` (workers start with the loaded resources) unless threads run here, as in ``mkdocs serve``."""
    return multiprocessing.get_context("fork" if can_fork() else "spawn")


def run_all(
    function: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    workers: int | None,
    *,
    before_fork: Callable[[], Any] | None = None,
) -> list[Any]:
    """``function(*task)`` of every task, in order; in a pool of processes (largest input first) when
    ``workers`` (default: automatic) > 1. A task's second item is the file's content."""
    count = worker_count(len(tasks)) if workers is None else workers
    if count <= 1 or len(tasks) <= 1:
        return [function(*task) for task in tasks]
    context = pool_context()
    if before_fork is not None and context.get_start_method() == "fork":  # loaded once here, shared by every worker
        before_fork()
    results: list[Any] = [None] * len(tasks)
    done = [False] * len(tasks)
    largest_first = sorted(range(len(tasks)), key=lambda n: -task_size(tasks[n]))
    try:
        with ProcessPoolExecutor(min(count, len(tasks)), mp_context=context, initializer=gc.freeze) as pool:
            futures = {n: pool.submit(function, *tasks[n]) for n in largest_first}
            for number in sorted(futures):
                results[number], done[number] = futures.pop(number).result(), True
    except BrokenProcessPool:
        pass  # a worker died (killed, out of memory): the tasks it left undone are run here
    return [result if done[n] else function(*tasks[n]) for n, result in enumerate(results)]
