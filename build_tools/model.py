"""The typed records that flow between the pipeline's stages.

Every stage takes and returns these frozen dataclasses; nothing here touches files.
Line numbers are 1-based lines of the source file, so every object that reaches a
reader can be traced back to where it came from.

    bytes ─decode─▶ SourceText ─split─▶ RawReport* ─clean─▶ CleanedReport
          ─structure─▶ Block* ─anomalies─▶ Anomaly* ─extract─▶ Indicator* ─tag─▶ tags
          ─render─▶ Markdown
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal


@dataclass(frozen=True)
class CutLine:
    """A line of a file that was a whole text with its line breaks written as spaces (a PDF's or a Word
    document's text pasted as one line), read as the lines ``first`` to ``last``, each ending at a space."""

    file_line: int
    first: int
    last: int
    characters: int


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: its path as given, the encoding found and its lines (``cut``: the lines of
    the file read as several)."""

    path: str
    encoding: str
    lines: tuple[str, ...]
    cut: tuple[CutLine, ...] = ()
    replaced: int = 0  # bytes no encoding could read (or NUL bytes), each shown as U+FFFD
    damaged: int = 0  # characters the text had lost before it came: U+FFFD and 锟斤拷 in the text as written

    def line(self, number: int) -> str:
        return self.lines[number - 1]


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str


@dataclass(frozen=True)
class RawReport:
    """One report cut out of a source file, with the lines that belong to it.

    ``heading`` is the title line the source gave this report (e.g. "…报告篇一"),
    or ``None`` when the file holds a single report without one.
    """

    source: str
    index: int
    heading: SourceLine | None
    lines: tuple[SourceLine, ...]
    cut: tuple[CutLine, ...] = ()  # the lines of the file among its lines read as several


AuditKind = Literal[
    "collection-title",
    "boilerplate",
    "pagination",
    "furniture",
    "report-title",
    "repeated",
    "removed-text",
    "replaced",
    "joined",
    "whitespace",
    "line-breaks",
]


@dataclass(frozen=True)
class AuditEntry:
    """One change the cleaner made: which line, what text, what it became, and why.

    For removals ``replacement`` is empty; for joins ``text`` is the end of the first
    line and ``replacement`` the start of the line joined to it. A line dropped as a copy of
    text the page already showed names the line it repeats in ``repeats`` (0 otherwise).
    """

    kind: AuditKind
    line: int
    text: str
    reason: str
    replacement: str = ""
    repeats: int = 0


@dataclass(frozen=True)
class Edit:
    """A replacement inside one line, in the coordinates of the text it was applied to."""

    start: int
    end: int
    old: str
    new: str


@dataclass(frozen=True)
class LineRepair:
    """The edits one fixer made to one line; replayed in order, undone in reverse."""

    fixer: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Paragraph:
    """Cleaned text of one paragraph and where each of its pieces came from.

    ``line_starts[i]`` is the offset in ``text`` where source line ``lines[i]`` begins. A paragraph
    cut out of another (a heading's lead, the body after it) keeps the index of the cleaned paragraph
    it came from in ``origin`` and its offset there in ``start``.
    """

    text: str
    lines: tuple[int, ...]
    line_starts: tuple[int, ...]
    origin: int = 0
    start: int = 0

    @property
    def line(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        """The source line of the character at ``offset``."""
        return self.lines[max(0, bisect_right(self.line_starts, offset) - 1)]

    def slice(self, start: int, end: int | None = None) -> Paragraph:
        """The part of this paragraph from ``start`` to ``end``, keeping provenance."""
        stop = len(self.text) if end is None else end
        lines: list[int] = []
        starts: list[int] = []
        for number, begin in zip(self.lines, self.line_starts, strict=True):
            if begin >= stop and lines:
                break
            if begin <= start:
                lines, starts = [number], [0]
            else:
                lines.append(number)
                starts.append(begin - start)
        return Paragraph(self.text[start:stop], tuple(lines), tuple(starts), self.origin, self.start + start)


@dataclass(frozen=True)
class CleanedLine:
    """What cleaning made of one kept source line, with the repairs to undo it."""

    number: int
    original: str
    text: str
    repairs: tuple[LineRepair, ...]


@dataclass(frozen=True)
class CleanedReport:
    source: str
    index: int
    heading: str | None
    paragraphs: tuple[Paragraph, ...]
    kept_lines: tuple[CleanedLine, ...]
    audit: tuple[AuditEntry, ...]


@dataclass(frozen=True)
class Heading:
    """A section heading; ``style`` names its numbering family (一、 （一） 1. —— 第一， title)."""

    level: int
    text: str
    line: int
    style: str
    number: int | None
    paragraph: Paragraph


@dataclass(frozen=True)
class Body:
    paragraph: Paragraph


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Paragraph, ...]


Block = Heading | Body | ListBlock


AnomalyKind = Literal[
    "redaction", "deleted", "empty-quotes", "suspicious-character", "missing-text", "numbering", "lost-note"
]


@dataclass(frozen=True)
class Anomaly:
    """Something the source hid or lost, shown to the reader where it occurs.

    ``offset`` is the position of ``text`` in the paragraph starting at ``line``
    (``None`` when the anomaly concerns the paragraph as a whole).
    """

    kind: AnomalyKind
    line: int
    text: str
    note: str
    offset: int | None = None


Role = Literal["level", "change", "share"]
IndicatorKind = Literal["target", "actual", "estimate", "hypothetical"]


@dataclass(frozen=True)
class Indicator:
    """One figure a report states, parsed, with the exact source text it came from."""

    subject: str
    value: float | None
    value_high: float | None
    unit: str
    base_value: float | None
    base_unit: str | None
    role: Role
    qualifier: str | None
    kind: IndicatorKind | None
    line: int
    span: str
    paragraph: int = 0
    offset: int = 0
    cleaned_span: str = ""
    fall: bool = False  # a change the report words as a fall (下降2.5%, 分别减少5%、3%): its value is the size


@dataclass(frozen=True)
class Identity:
    """Who gave a report, where and when, as far as its text (or, failing that, its file name) says.

    ``year`` is the year the report was delivered (the 2024 report reviews 2023); ``date`` an ISO date
    where a dateline states it; ``place`` the official full name (云南省, 黔南布依族苗族自治州; 全国 for the
    State Council); ``parent`` the province of a city or the city of a district; ``level`` one of 国家, 省,
    市, 区县, 乡镇; ``province`` the province the place is in (the place itself for a province). ``None`` is
    unknown. ``inferred`` names each field that was inferred rather than stated, and how
    (``("year", "据“2023年工作回顾”推定")``); the pages show it as inferred. ``genre`` names a text that is not
    a government work report but about one (a delegate's speech in a page of reports), always inferred.
    """

    year: int | None = None
    date: str | None = None
    session: str | None = None
    speaker: str | None = None
    place: str | None = None
    parent: str | None = None
    code: str | None = None
    level: str | None = None
    province: str | None = None
    inferred: tuple[tuple[str, str], ...] = ()
    genre: str | None = None  # what the text is when it is not a report itself (a delegate's speech on one)

    def how(self, name: str) -> str | None:
        """How field ``name`` was inferred, or ``None`` when the report states it (or it is unknown)."""
        return next((how for field_name, how in self.inferred if field_name == name), None)


@dataclass(frozen=True)
class Report:
    """A fully processed report, ready to render."""

    source: str
    index: int
    slug: str
    title: str
    place: str | None
    level: str | None
    cleaned: CleanedReport
    blocks: tuple[Block, ...]
    anomalies: tuple[Anomaly, ...]
    indicators: tuple[Indicator, ...] = ()
    tags: tuple[str, ...] = ()
    identity: Identity = Identity()
    keywords: tuple[str, ...] = ()  # the report's own words (not tags: they connect no reports)
    traditional: bool = False  # written in traditional characters, read in simplified ones (``report.reading``)
    encoding: str = ""  # how its file was read (``SourceText.encoding``)
    replaced: int = 0  # bytes of its file shown as U+FFFD (``SourceText.replaced``)
    damaged: int = 0  # characters its file had lost before it came (``SourceText.damaged``)

    @property
    def source_title(self) -> str | None:
        """The title line the source gave this report, if any (``title`` may be the canonical one)."""
        return self.cleaned.heading


@dataclass(frozen=True)
class InputError:
    """A file that could not be published, and why, in one line."""

    source: str
    problem: str
    kind: str = "encoding"


@dataclass(frozen=True)
class Publication:
    reports: tuple[Report, ...]
    errors: tuple[InputError, ...] = field(default_factory=tuple)


def shared_words(value: Any) -> Any:
    """``value`` with its strings (in tuples too) shared with every equal one (``sys.intern``): records read
    back from the cache hold their own copies of every name otherwise, and the build holds every report's."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, tuple):
        return tuple(shared_words(item) for item in value)
    return value


def plain_number(value: float) -> str:
    """``value`` as a reader writes it, every digit it has and no exponent: 323809684, 30355.73, 0.6 (``:g``
    wrote 3.2381e+08 and 30355.7)."""
    text = repr(float(value))
    if "e" in text:
        text = f"{Decimal(text):f}"
    return text.removesuffix(".0")
