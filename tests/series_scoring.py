"""Scoring the series across years against the hand-made gold (tests/fixtures/series-gold.tsv).

A cell is a year's target (value, upper value, qualifier) or its result (value) of one place, headline
indicator and role. Precision: of the cells the series fills for the places, indicators and roles of the
gold, the share that the gold holds with the same values; recall: of the gold's cells, the share the series
gives. ``series_of_corpus`` runs ``python -m build_tools inspect FILE... --json`` on the files the gold
was read from.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "fixtures" / "series-gold.tsv"
OTHER_FILES = ("city/北京.txt", "city/天津.txt", "province/2026_北京市.txt", "province/2026_天津市.txt")
GOAL = 0.95

Key = tuple[str, str, str, int, str]  # place, indicator, role, year, "target" | "actual"


def gold_files() -> list[Path]:
    return sorted((CORPUS / "national").glob("*.txt")) + [CORPUS / name for name in OTHER_FILES]


def number(text: str) -> float | None:
    return float(text) if text.strip() else None


def gold_cells() -> dict[Key, tuple[Any, ...]]:
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    cells: dict[Key, tuple[Any, ...]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        base = (row["place"], row["indicator"], row["role"], int(row["year"]))
        if row["target"]:
            cells[(*base, "target")] = (number(row["target"]), number(row["target_high"]), row["qualifier"] or None)
        if row["actual"]:
            cells[(*base, "actual")] = (number(row["actual"]),)
    return cells


def predicted_cells(series: list[dict[str, Any]], scope: set[tuple[str, str, str]]) -> dict[Key, tuple[Any, ...]]:
    cells: dict[Key, tuple[Any, ...]] = {}
    for row in series:
        base = (row["place"], row["indicator"], row["role"], int(row["year"]))
        if base[:3] not in scope:
            continue
        if row["target"] is not None:
            cells[(*base, "target")] = (row["target"], row["target_high"], row["qualifier"] or None)
        if row["actual"] is not None:
            cells[(*base, "actual")] = (row["actual"],)
    return cells


@dataclass(frozen=True)
class Score:
    kind: str
    predicted: int
    expected: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def score(series: list[dict[str, Any]]) -> tuple[list[Score], list[str]]:
    """Scores for target cells, result cells and both, and a line per disagreement."""
    gold = gold_cells()
    predicted = predicted_cells(series, {key[:3] for key in gold})
    scores, misses = [], []
    for kind in ("target", "actual", None):
        keys_p = {k for k in predicted if kind is None or k[4] == kind}
        keys_g = {k for k in gold if kind is None or k[4] == kind}
        correct = {k for k in keys_p & keys_g if predicted[k] == gold[k]}
        scores.append(Score(kind or "all", len(keys_p), len(keys_g), len(correct)))
    for key in sorted(set(predicted) | set(gold)):
        if predicted.get(key) != gold.get(key):
            misses.append(f"{key}: series {predicted.get(key)} gold {gold.get(key)}")
    return scores, misses


def series_of_corpus() -> list[dict[str, Any]]:
    command = [sys.executable, "-m", "build_tools", "inspect", *map(str, gold_files()), "--json"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return json.loads(result.stdout)["series"]
