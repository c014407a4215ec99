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

from build_tools.indicator_scoring import Score, line_paragraphs, load_gold, score  # noqa: E402
from build_tools.indicators import extract_indicators  # noqa: E402
from build_tools.model import Indicator, Paragraph  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
# the five reports of the seed file: piece -> (first line, last line)
SEED_PIECES = {"一": (7, 43), "二": (45, 73), "三": (75, 97), "四": (99, 235), "五": (237, 257)}


def read_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    text = data.decode("gb18030") if "raw-gbk" in str(path) else data.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def seed_indicators() -> dict[str, tuple[Indicator, ...]]:
    lines = read_lines(SEED)
    return {piece: extract_indicators(line_paragraphs(lines, *bounds)) for piece, bounds in SEED_PIECES.items()}


def seed_score() -> Score:
    return score(load_gold(FIXTURES / "seed-indicators.tsv"), seed_indicators())


def national_score(corpus: Path = CORPUS) -> Score | None:
    gold = load_gold(FIXTURES / "national-targets.tsv")
    if not (corpus / "national").is_dir():
        return None
    gold_lines = {(row.report, row.line) for row in gold}
    extracted = {}
    for report in sorted({row.report for row in gold}):
        lines = read_lines(corpus / "national" / f"{report}.txt")
        extracted[report] = extract_indicators(line_paragraphs(lines, 1, len(lines)))
    return score(gold, extracted, counted=lambda report, indicator: (report, indicator.line) in gold_lines)


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p for folder in ("national", "national-raw-gbk", "city", "province")
                  for p in (corpus / folder).glob("*.txt"))


def corpus_paragraphs(path: Path) -> list[Paragraph]:
    lines = read_lines(path)
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
    import build_tools.indicators as module

    module._rules()
    print(f"rules loaded in {time.perf_counter() - started:.3f} s\n")
    print_score("seed gold (tests/fixtures/seed-indicators.tsv)", seed_score())
    national = national_score()
    if national is None:
        print("== national-targets gold: skipped (no ../shared/corpus)\n")
    else:
        print_score("national-targets gold (tests/fixtures/national-targets.tsv)", national)
    files = corpus_files()
    if not files:
        print("== throughput: skipped (no ../shared/corpus)")
        return
    chars, count, seconds = throughput(files)
    print(f"== throughput over {len(files)} corpus files")
    print(f"{chars:,} characters, {count:,} indicators, {seconds:.2f} s, {chars / seconds:,.0f} chars/s")


if __name__ == "__main__":
    main()
