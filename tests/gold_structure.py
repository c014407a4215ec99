"""Scoring of the pipeline's structure against the hand-made gold standard of the seed.

Reads ``tests/fixtures/seed-structure.yaml`` (never edited to match output) and compares it with
the pipeline's reports of the seed: headings (precision, recall, parent accuracy), joins, lists,
anomalies and the collection's furniture lines. Used by the tests and by the benchmark script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.engine.pipeline import process_bytes
from build_tools.model import Heading, ListBlock, Report

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
GOLD = ROOT / "tests" / "fixtures" / "seed-structure.yaml"


def normalise(text: str) -> str:
    """The gold file's normalisation of heading texts, applied to both sides."""
    text = text.strip().removeprefix("——")
    text = text.replace("(", "（").replace(")", "）")
    text = re.sub(r"）[、\s]+", "）", text)
    return text.rstrip("。：:？?， ").strip()


def gold() -> dict[str, Any]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def seed_reports() -> list[Report]:
    return process_bytes(str(SEED.relative_to(ROOT)), SEED.read_bytes())


def flatten(outline: list[Any], parent: str | None = None, level: int = 1) -> list[tuple[int, str, str | None]]:
    """(level, text, parent text) of every gold heading, in reading order."""
    out = []
    for item in outline:
        text = item if isinstance(item, str) else item["text"]
        out.append((level, normalise(text), parent))
        if isinstance(item, dict):
            out += flatten(item.get("children", []), normalise(text), level + 1)
    return out


def predicted_headings(report: Report) -> list[tuple[int, str, str | None]]:
    out: list[tuple[int, str, str | None]] = []
    stack: list[str] = []
    for block in report.blocks:
        if isinstance(block, Heading):
            del stack[block.level - 1 :]
            parent = stack[-1] if stack else None
            text = normalise(block.text)
            out.append((block.level, text, parent))
            stack += [""] * (block.level - 1 - len(stack)) + [text]
    return out


@dataclass(frozen=True)
class HeadingScore:
    gold: int
    predicted: int
    matched: int
    parents_right: int
    misses: tuple[str, ...]
    false_positives: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def parent_accuracy(self) -> float:
        return self.parents_right / self.matched if self.matched else 1.0


def score_headings(reports: list[Report]) -> HeadingScore:
    gold_reports = gold()["reports"]
    totals = [0, 0, 0, 0]
    misses: list[str] = []
    false_positives: list[str] = []
    for gold_report, report in zip(gold_reports, reports, strict=True):
        expected = flatten(gold_report["outline"])
        got = predicted_headings(report)
        remaining = list(got)
        for _level, text, parent in expected:
            match = next((g for g in remaining if g[1] == text), None)
            if match is None:
                misses.append(f"篇{gold_report['piece']}: {text}")
                continue
            remaining.remove(match)
            totals[2] += 1
            totals[3] += match[2] == parent
        false_positives += [f"篇{gold_report['piece']}: {g[1]}" for g in remaining]
        totals[0] += len(expected)
        totals[1] += len(got)
    return HeadingScore(totals[0], totals[1], totals[2], totals[3], tuple(misses), tuple(false_positives))


def predicted_joins(reports: list[Report]) -> set[tuple[int, int]]:
    joins = set()
    for report in reports:
        for paragraph in report.cleaned.paragraphs:
            joins |= set(zip(paragraph.lines, paragraph.lines[1:], strict=False))
    return joins


def predicted_lists(report: Report) -> list[tuple[int, int]]:
    return [(b.items[0].line, b.items[-1].line) for b in report.blocks if isinstance(b, ListBlock)]


def dropped_lines(reports: list[Report], kinds: set[str]) -> set[int]:
    return {entry.line for report in reports for entry in report.cleaned.audit if entry.kind in kinds}
