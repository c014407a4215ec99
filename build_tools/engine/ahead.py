"""Reports processed ahead: a folder of reports in, the content-hash cache filled with their results out.

``python -m build_tools build`` hands the seeds folder to ``start`` before it loads MkDocs. A forked
process then reads the folder (``engine.inputs.discover``) and runs the pipeline over it, with its pool
of workers, storing what the MkDocs hook asks for (``pipeline.store_missing``, with
``site.file_pages``), while the main process imports MkDocs, its theme and the configuration. The hook
calls ``wait`` before it asks for the reports, and finds every file's result in the cache. Nothing is
started when the cache is off, threads run or the platform cannot fork; a process that fails costs only
time, since the hook processes whatever the cache lacks.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from build_tools.engine.forked import Forked

started: list[Forked] = []


def start(folder: Path) -> None:
    """Forks a process that fills the cache with the results of the files of ``folder``."""
    from build_tools.engine.cache import ResultCache

    if not folder.is_dir() or ResultCache.from_environment() is None:
        return
    process = Forked.start(partial(fill_cache, folder))
    if process is not None:
        started.append(process)


def fill_cache(folder: Path) -> None:
    from build_tools.engine.cache import ResultCache, cache_root
    from build_tools.engine.inputs import discover
    from build_tools.engine.pipeline import store_missing
    from build_tools.pages.site import file_pages

    cache = ResultCache.from_environment()
    if cache is not None:
        store_missing(discover(folder, exclude=[cache_root()]).inputs, cache, file_pages)


def wait() -> None:
    """Returns once every process ``start`` forked has ended."""
    while started:
        started.pop().result()
