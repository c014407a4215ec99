"""Split stage: a ``SourceText`` in, the reports it holds out (``Collection``).

A collection page (篇一 … 篇五) becomes one ``RawReport`` per piece; the page's own title and the
site's blurb before the first piece are set aside as audit entries of the collection. A file
without piece headings is one report.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.model import AuditEntry, RawReport, SourceLine, SourceText
from build_tools.resource_files import cleaning_reason, pattern

PATTERNS = "cleaning.yaml"


@dataclass(frozen=True)
class Collection:
    source: str
    reports: tuple[RawReport, ...]
    preamble: tuple[AuditEntry, ...]


def piece_heading_lines(source: SourceText) -> list[int]:
    """Line numbers of the headings that start the pieces of a collection."""
    heading = pattern(PATTERNS, "piece_heading")
    return [number for number, text in enumerate(source.lines, 1) if heading.match(text.strip())]


def preamble_entries(source: SourceText, end: int) -> tuple[AuditEntry, ...]:
    """Audit entries for the non-blank lines before line ``end``: the page title, then the blurb."""
    entries: list[AuditEntry] = []
    for number in range(1, end):
        text = source.line(number).strip()
        if not text:
            continue
        if not entries:
            entries.append(AuditEntry("collection-title", number, text, cleaning_reason("collection-title")))
        else:
            entries.append(AuditEntry("boilerplate", number, text, cleaning_reason("blurb-before-first")))
    return tuple(entries)


def split(source: SourceText) -> Collection:
    """The reports of ``source``: one per piece heading, or the whole file as one."""
    starts = piece_heading_lines(source)
    numbered = [SourceLine(n, text) for n, text in enumerate(source.lines, 1)]
    if len(starts) < 2:
        return Collection(source.path, (RawReport(source.path, 1, None, tuple(numbered), source.cut),), ())
    bounds = [*starts, len(source.lines) + 1]
    reports = tuple(
        RawReport(
            source=source.path,
            index=index,
            heading=numbered[start - 1],
            lines=tuple(numbered[start : bounds[index] - 1]),
            cut=tuple(cut for cut in source.cut if cut.first < bounds[index] and cut.last >= start),
        )
        for index, start in enumerate(starts, 1)
    )
    return Collection(source.path, reports, preamble_entries(source, starts[0]))
