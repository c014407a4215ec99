"""Prints how the pipeline's structure of the seed scores against the gold standard, and the
seed site's build time.

    .venv/bin/python tests/benchmarks/bench_structure.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from tests.gold_structure import ROOT, gold, predicted_joins, score_headings, seed_reports


def main() -> int:
    reports = seed_reports()
    headings = score_headings(reports)
    print(f"headings: gold {headings.gold}, predicted {headings.predicted}, matched {headings.matched}")
    print(f"  precision {headings.precision:.3f}  recall {headings.recall:.3f}  parent accuracy {headings.parent_accuracy:.3f}")
    for miss in headings.misses:
        print(f"  miss: {miss}")
    for extra in headings.false_positives:
        print(f"  false positive: {extra}")
    expected = {tuple(pair) for pair in gold()["joins"]}
    forbidden = {tuple(pair) for pair in gold()["no_joins"]}
    joins = predicted_joins(reports)
    print(f"joins: {len(joins & expected)} right of {len(expected)}, {len(joins - expected)} wrong, "
          f"{len(joins & forbidden)} of {len(forbidden)} no-join pairs joined")
    with tempfile.TemporaryDirectory() as site:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "build_tools", "build", "--site-dir", site, "--strict"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )
        print(f"seed site build: {time.perf_counter() - start:.2f} s (python -m build_tools build --strict)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
