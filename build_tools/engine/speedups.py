"""Switches of the build's speed machinery: the environment in, whether each piece is on out.

Every piece is on unless ``REPORTS_SPEEDUPS_OFF`` names it (comma-separated), so that the build
benchmark (``tests/benchmarks/bench_speedups.py``) can measure what each one saves. The site a build
writes is the same whichever are off; only the time it takes changes.
"""

from __future__ import annotations

import os

OFF_ENV = "REPORTS_SPEEDUPS_OFF"
PIECES = {
    "ahead": "the command line processes the reports in a forked process while MkDocs loads",
    "prerender": "pages whose render is not cached are rendered ahead in forked workers",
    "index-ahead": "the search index's parts (or the whole index) are made while the templates are rendered",
    "splice": "a rebuild rewrites a search shard as its previous text with the changed pages' parts replaced",
    "directory": "a rebuild rewrites only the search directory's shards that hold keys a changed volume gained or lost",
    "in-place": "a rebuild into the folder of the last build writes only the files whose bytes changed",
    "memo": "a server keeps the pages made from unchanged records from one build to the next (memo.py)",
}


def enabled(piece: str) -> bool:
    """Whether ``piece`` (a key of ``PIECES``) is on."""
    if piece not in PIECES:
        raise KeyError(f"no such speed-up: {piece}")
    return piece not in {name.strip() for name in os.environ.get(OFF_ENV, "").split(",")}
