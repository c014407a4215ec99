"""Scoring of extracted indicators against a hand-made gold table.

In:  a gold TSV (columns: report, line, span, subject, value, unit, role, qualifier, kind, core; the
     layout of ``tests/fixtures/seed-indicators.tsv``) and the indicators extracted per report.
Out: a ``Score``: recall and precision overall, recall on ``core`` rows, accuracy of role, qualifier and
     kind on the rows found, and the lists of misses, false positives and attribute errors.

A gold row is found by an extracted indicator of the same report with the same value (or range, or
redaction) and unit, and a subject that contains, or is contained in, the gold subject once place
prefixes (全镇, 全县, 我市…) are dropped. Each indicator finds at most one row; rows on the same line
are preferred. The benchmark and the tests both score through this module.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.model import Indicator, Paragraph
from build_tools.report.indicators import extract_indicators

__all__ = [
    "SEED_PIECES",
    "GoldRow",
    "Score",
    "line_paragraphs",
    "load_gold",
    "normalise_subject",
    "read_source_lines",
    "score",
    "score_national",
    "score_seed",
]

# the five reports of seeds/000_f936ed40faecbb33.txt: piece -> (first line, last line)
SEED_PIECES = {"一": (7, 43), "二": (45, 73), "三": (75, 97), "四": (99, 235), "五": (237, 257)}

_PLACE_PREFIX = re.compile(r"^(?:全|我|本)(?:国|省|市|县|区|镇|乡|州|盟|旗|村)")
_QUALIFIER_EQUIVALENTS = {"超过": "超", "多达": "多", "大约": "约", "将近": "近", "接近": "近"}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


@dataclass(frozen=True)
class GoldRow:
    report: str
    line: int
    span: str
    subject: str
    value: float | None
    value_high: float | None
    redacted: bool
    unit: str
    role: str
    qualifier: str | None
    kind: str | None
    core: bool


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    extracted: int = 0
    correct_extracted: int = 0
    core: int = 0
    core_found: int = 0
    role_ok: int = 0
    qualifier_ok: int = 0
    kind_ok: int = 0
    misses: list[GoldRow] = field(default_factory=list)
    false_positives: list[tuple[str, Indicator]] = field(default_factory=list)
    attribute_errors: list[tuple[GoldRow, Indicator, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct_extracted / self.extracted if self.extracted else 1.0

    @property
    def core_recall(self) -> float:
        return self.core_found / self.core if self.core else 1.0

    def accuracy(self, attribute: str) -> float:
        hits = {"role": self.role_ok, "qualifier": self.qualifier_ok, "kind": self.kind_ok}[attribute]
        return hits / self.found if self.found else 1.0

    def summary(self) -> str:
        return (
            f"recall {self.recall:.3f} ({self.found}/{self.gold})  "
            f"precision {self.precision:.3f} ({self.correct_extracted}/{self.extracted})  "
            f"core recall {self.core_recall:.3f} ({self.core_found}/{self.core})  "
            f"role {self.accuracy('role'):.3f}  qualifier {self.accuracy('qualifier'):.3f}  "
            f"kind {self.accuracy('kind'):.3f}"
        )


def _optional(text: str) -> str | None:
    return None if text in ("-", "") else text


def _parse_value(text: str) -> tuple[float | None, float | None, bool]:
    if text == "redacted":
        return None, None, True
    low, sep, high = text.partition("-")
    if sep and low:
        return float(low), float(high), False
    return float(text), None, False


def load_gold(path: Path) -> list[GoldRow]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header_seen = False
        for cells in reader:
            if not cells or cells[0].startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            report, line, span, subject, value, unit, role, qualifier, kind, core = cells[:10]
            low, high, redacted = _parse_value(value)
            rows.append(
                GoldRow(report, int(line), span, subject, low, high, redacted, unit, role,
                        _optional(qualifier), _optional(kind), core == "yes")
            )
    return rows


def line_paragraphs(lines: Sequence[str], first: int, last: int) -> list[Paragraph]:
    """One paragraph per non-empty source line in ``first..last`` (1-based, inclusive)."""
    return [
        Paragraph(text=lines[number - 1], lines=(number,), line_starts=(0,))
        for number in range(first, last + 1)
        if lines[number - 1].strip()
    ]


def normalise_subject(subject: str) -> str:
    text = re.sub(r"\s+", "", subject)
    return _PLACE_PREFIX.sub("", text)


def _normalise_qualifier(qualifier: str | None) -> str | None:
    return _QUALIFIER_EQUIVALENTS.get(qualifier, qualifier) if qualifier else None


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def _same_figure(row: GoldRow, indicator: Indicator) -> bool:
    if indicator.unit.translate(_FULL_WIDTH) != row.unit.translate(_FULL_WIDTH):
        return False
    if row.redacted:
        return indicator.value is None
    return _same_number(row.value, indicator.value) and _same_number(row.value_high, indicator.value_high)


def _same_subject(row: GoldRow, indicator: Indicator) -> bool:
    gold, found = normalise_subject(row.subject), normalise_subject(indicator.subject)
    return bool(gold and found) and (gold in found or found in gold)


def score(
    gold: Iterable[GoldRow],
    extracted: Mapping[str, Sequence[Indicator]],
    counted: Callable[[str, Indicator], bool] = lambda report, indicator: True,
) -> Score:
    """Score ``extracted`` (indicators per report) against ``gold``.

    ``counted`` says which extracted indicators take part in precision (e.g. only those on lines
    that the gold table covers, when it covers only some sentences of a report).
    """
    result = Score()
    rows = list(gold)
    pools = {report: [i for i in items if counted(report, i)] for report, items in extracted.items()}
    used: set[tuple[str, int]] = set()
    for row in rows:
        result.gold += 1
        result.core += row.core
        match = _best_match(row, pools.get(row.report, []), used)
        if match is None:
            result.misses.append(row)
            continue
        used.add((row.report, match))
        indicator = pools[row.report][match]
        result.found += 1
        result.core_found += row.core
        _check_attributes(result, row, indicator)
    for report, items in pools.items():
        for index, indicator in enumerate(items):
            result.extracted += 1
            if (report, index) in used:
                result.correct_extracted += 1
            else:
                result.false_positives.append((report, indicator))
    return result


def _best_match(row: GoldRow, pool: Sequence[Indicator], used: set[tuple[str, int]]) -> int | None:
    best: tuple[int, int] | None = None
    for index, indicator in enumerate(pool):
        if (row.report, index) in used or not _same_figure(row, indicator) or not _same_subject(row, indicator):
            continue
        distance = abs(indicator.line - row.line)
        if best is None or distance < best[0]:
            best = (distance, index)
    return None if best is None else best[1]


def _check_attributes(result: Score, row: GoldRow, indicator: Indicator) -> None:
    checks = {
        "role": row.role == indicator.role,
        "qualifier": _normalise_qualifier(row.qualifier) == _normalise_qualifier(indicator.qualifier),
        "kind": row.kind == indicator.kind,
    }
    result.role_ok += checks["role"]
    result.qualifier_ok += checks["qualifier"]
    result.kind_ok += checks["kind"]
    for name, ok in checks.items():
        if not ok:
            result.attribute_errors.append((row, indicator, name))


def read_source_lines(path: Path) -> list[str]:
    """The lines of a source file: GB18030 in a ``*-gbk`` folder, else UTF-8; any line ending."""
    data = path.read_bytes()
    text = data.decode("gb18030") if path.parent.name.endswith("gbk") else data.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def score_seed(seed: Path, gold: Path) -> Score:
    """Scores on the seed: each piece read as one report, one paragraph per non-empty line."""
    lines = read_source_lines(seed)
    extracted = {piece: extract_indicators(line_paragraphs(lines, *bounds)) for piece, bounds in SEED_PIECES.items()}
    return score(load_gold(gold), extracted)


def score_national(national: Path, gold: Path) -> Score:
    """Scores on national reports (``national/<year>.txt``); precision counts only the gold's lines."""
    rows = load_gold(gold)
    gold_lines = {(row.report, row.line) for row in rows}
    extracted = {}
    for report in sorted({row.report for row in rows}):
        lines = read_source_lines(national / f"{report}.txt")
        extracted[report] = extract_indicators(line_paragraphs(lines, 1, len(lines)), int(report))  # the report's year
    return score(rows, extracted, counted=lambda report, indicator: (report, indicator.line) in gold_lines)
