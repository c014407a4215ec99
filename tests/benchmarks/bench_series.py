"""Prints the precision and recall of the series across years against the hand-made gold.

    .venv/bin/python tests/benchmarks/bench_series.py

Runs ``python -m build_tools inspect FILE... --json`` on every national report of ../shared/corpus and the
Beijing and Tianjin reports of 2024 and 2026, and scores the ``series`` rows of the places, indicators and
roles of tests/fixtures/series-gold.tsv cell by cell (see tests/series_scoring.py); lists every disagreement.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.series_scoring import CORPUS, GOAL, score, series_of_corpus


def main() -> int:
    if not CORPUS.is_dir():
        print("../shared/corpus is absent")
        return 0
    scores, misses = score(series_of_corpus())
    for item in scores:
        print(
            f"{item.kind:7} cells: series {item.predicted:3}, gold {item.expected:3}, agree {item.correct:3}  "
            f"precision {item.precision:.3f}  recall {item.recall:.3f}"
        )
    print(f"goal: precision and recall >= {GOAL}")
    for line in misses:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
