"""Provenance: positions in cleaned text in, the exact source text they came from out.

Cleaning repairs lines (full-width digits, stray spaces) and joins them into paragraphs; every
repair is recorded. ``source_text`` replays those records backwards, so that a figure found in the
cleaned text ("增长30%") can be quoted as the source wrote it ("增长30 %").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from build_tools.model import CleanedLine, CleanedReport, Edit, Indicator


def position_before(position: int, edits: Iterable[Edit], *, end: bool) -> int:
    """Where ``position`` of a repaired text was before the edits; a position inside a replaced
    piece goes to that piece's start (``end`` False) or end (``end`` True)."""
    shift = 0
    for edit in edits:
        after_start = edit.start + shift
        after_end = after_start + len(edit.new)
        if position < after_start or (end and position == after_start):
            break
        if position < after_end or (end and position == after_end):
            return edit.end if end else edit.start
        shift += len(edit.new) - (edit.end - edit.start)
    return position - shift


def source_slice(line: CleanedLine, start: int, end: int) -> str:
    """The source text of ``line.text[start:end]``."""
    for repair in reversed(line.repairs):
        start = position_before(start, repair.edits, end=False)
        end = position_before(end, repair.edits, end=True)
    return line.original[start:end]


def source_text(
    report: CleanedReport, paragraph: int, start: int, end: int, lines: Mapping[int, CleanedLine] | None = None
) -> str:
    """The source text of ``report.paragraphs[paragraph].text[start:end]``, across joined lines;
    ``lines``: ``lines_by_number(report)``, when the caller has it already."""
    lines = lines_by_number(report) if lines is None else lines
    found = report.paragraphs[paragraph]
    pieces = []
    bounds = [*found.line_starts, len(found.text)]
    for number, line_start, line_end in zip(found.lines, bounds, bounds[1:], strict=False):
        if line_end <= start or line_start >= end:
            continue
        pieces.append(source_slice(lines[number], max(start, line_start) - line_start, min(end, line_end) - line_start))
    return "".join(pieces)


def lines_by_number(report: CleanedReport) -> dict[int, CleanedLine]:
    return {line.number: line for line in report.kept_lines}


def with_source_spans(indicators: Iterable[Indicator], report: CleanedReport) -> tuple[Indicator, ...]:
    """``indicators`` whose ``span`` quotes the source; the cleaned text stays in ``cleaned_span``."""
    lines = lines_by_number(report)
    return tuple(
        replace(i, span=source_text(report, i.paragraph, i.offset, i.offset + len(i.span), lines), cleaned_span=i.span)
        for i in indicators
    )
