"""Split stage: a ``SourceText`` in, the reports it holds out (``Collection``).

A collection page (篇一 … 篇五) becomes one ``RawReport`` per piece; the page's own title and the
site's blurb before the first piece are set aside as audit entries of the collection. A file without
piece headings that holds reports of different titles, each followed by its salutation (2024年宜春市
政府工作报告 / 各位代表： … 2024年抚州市政府工作报告 / 各位代表：) or, where a portal left that out, by
its speech's first sentence (现在，我代表市人民政府向大会报告工作，…), is cut before each title the same
way, the title its piece's heading. Any other file is one report.
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


SALUTATION_REACH = 12  # how many non-blank lines after a report's title its salutation may come (a portal's
# dateline, source, time and speaker lines and its font-size buttons, a line each, stand between them)


OPENING_LINES = 6  # the non-blank lines after a salutation that tell one report's opening from another's


def titled_report_lines(source: SourceText) -> list[int]:
    """Line numbers of the titles of the reports of a file that pastes several together: the last title
    (``report_title``) before each salutation, or speech's first sentence (``speech_opening``), within
    ``SALUTATION_REACH`` non-blank lines, where its text, or the ``OPENING_LINES`` after that line, differ from
    those of the title before it (a template site's reports all titled 政府工作报告; the same title and text
    again are a page printed twice)."""
    title, salutation = pattern(PATTERNS, "report_title"), pattern(PATTERNS, "salutation")
    speech = pattern(PATTERNS, "speech_opening")
    sentence = pattern(PATTERNS, "title_inner_end")  # …，我代表国务院，向…作政府工作报告。 is no title
    lines = [(number, text.strip()) for number, text in enumerate(source.lines, 1) if text.strip()]
    starts: list[int] = []
    seen: list[tuple[str, tuple[str, ...]]] = []  # each start's title and opening
    last = 0  # the last title a salutation was read with (a speech's 各位代表！ further on has none of its own)
    for index, (_, text) in enumerate(lines):
        if not salutation.match(text) and not speech.match(text):
            continue
        recent = lines[max(0, index - SALUTATION_REACH + 1) : index]
        titles = ((n, line) for n, line in reversed(recent) if title.match(line) and not sentence.search(line))
        found = next(titles, None)
        if found is None or found[0] <= last:
            continue
        last = found[0]
        opening = tuple(line for _, line in lines[index + 1 : index + 1 + OPENING_LINES])
        if not seen or not same_start(seen[-1], (found[1], opening)):
            starts.append(found[0])
            seen.append((found[1], opening))
    return starts if len(set(seen)) > 1 else []


def same_start(one: tuple[str, tuple[str, ...]], other: tuple[str, tuple[str, ...]]) -> bool:
    """Whether two reports' (title, opening) are one report's: the same title, and the same lines as far as the
    shorter opening goes (one may end with the file)."""
    shorter = min(len(one[1]), len(other[1]))
    return one[0] == other[0] and one[1][:shorter] == other[1][:shorter]


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
    if len(starts) < 2:
        starts = titled_report_lines(source)
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
