"""Benchmark of the indicator extractor: gold scores and throughput.

Run:  .venv/bin/python tests/benchmarks/bench_indicators.py

Prints the scores on the seed gold (tests/fixtures/seed-indicators.tsv) with every miss, false
positive and attribute error; the scores on the national-targets gold (tests/fixtures/national-targets.tsv,
the 主要预期目标 sentences of national reports); and the characters per second over the development
corpus (../shared/corpus), which is skipped when that folder is absent.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from build_tools.model import Indicator, Paragraph  # noqa: E402
from build_tools.report.indicators import extract_indicators  # noqa: E402
from tests.indicator_scoring import (  # noqa: E402
    Score,
    line_paragraphs,
    read_source_lines,
    score_national,
    score_seed,
)

FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p for folder in ("national", "national-raw-gbk", "city", "province")
                  for p in (corpus / folder).glob("*.txt"))


def corpus_paragraphs(path: Path) -> list[Paragraph]:
    lines = read_source_lines(path)
    return line_paragraphs(lines, 1, len(lines))


def throughput(files: Sequence[Path]) -> tuple[int, int, float]:
    reports = [corpus_paragraphs(path) for path in files]
    chars = sum(len(p.text) for paragraphs in reports for p in paragraphs)
    started = time.perf_counter()
    count = sum(len(extract_indicators(paragraphs)) for paragraphs in reports)
    return chars, count, time.perf_counter() - started


def describe(indicator: Indicator) -> str:
    high = f"-{indicator.value_high:g}" if indicator.value_high is not None else ""
    value = "redacted" if indicator.value is None else f"{indicator.value:g}{high}"
    return (f"line {indicator.line} [{indicator.span}] {indicator.subject} = {value} {indicator.unit} "
            f"{indicator.role}/{indicator.qualifier or '-'}/{indicator.kind or '-'}")


def print_score(title: str, result: Score) -> None:
    print(f"== {title}")
    print(result.summary())
    print(f"-- misses ({len(result.misses)})")
    for row in result.misses:
        print(f"  {row.report} line {row.line} [{row.span}] {row.subject} {row.unit}")
    print(f"-- false positives ({len(result.false_positives)})")
    for report, indicator in result.false_positives:
        print(f"  {report} {describe(indicator)}")
    print(f"-- attribute errors ({len(result.attribute_errors)})")
    for row, indicator, name in result.attribute_errors:
        expected = {"role": row.role, "qualifier": row.qualifier, "kind": row.kind}[name]
        print(f"  {row.report} line {row.line} [{row.span}] {name}: gold {expected or '-'}, got {describe(indicator)}")
    print()


def main() -> None:
    started = time.perf_counter()
    from build_tools.report.indicators.rules import _rules

    _rules()
    print(f"rules loaded in {time.perf_counter() - started:.3f} s\n")
    print_score("seed gold (tests/fixtures/seed-indicators.tsv)", score_seed(SEED, FIXTURES / "seed-indicators.tsv"))
    if (CORPUS / "national").is_dir():
        national = score_national(CORPUS / "national", FIXTURES / "national-targets.tsv")
        print_score("national-targets gold (tests/fixtures/national-targets.tsv)", national)
    else:
        print("== national-targets gold: skipped (no ../shared/corpus)\n")
    files = corpus_files()
    if not files:
        print("== throughput: skipped (no ../shared/corpus)")
        return
    chars, count, seconds = throughput(files)
    print(f"== throughput over {len(files)} corpus files")
    print(f"{chars:,} characters, {count:,} indicators, {seconds:.2f} s, {chars / seconds:,.0f} chars/s")


if __name__ == "__main__":
    main()
