"""Clean stage: a ``RawReport`` in, a ``CleanedReport`` (paragraphs plus audit trail) out.

Drops page furniture (pagination, breadcrumbs, buttons, the report's own title line), repairs
each kept line with small named fixers (full-width digits, stray half-width punctuation and
spaces), and joins the paragraphs the source cut in two. Every change is recorded: dropped lines
in full, each repair as a replayable edit, each join with the two lines it joined, so that
``unaccounted_lines`` can prove the cleaned text plus the audit give back the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from build_tools.model import (
    AuditEntry,
    CleanedLine,
    CleanedReport,
    RawReport,
    SourceLine,
)
from build_tools.report.fixers import original_line, repair_entries, repair_line
from build_tools.report.headings import ends_sentence
from build_tools.report.paragraphs import build_paragraphs
from build_tools.resource_files import cleaning_reason, compiled, load_yaml, pattern

PATTERNS = "cleaning.yaml"
MAX_FURNITURE_CHARS = 300
SENTENCE_MARK = re.compile("[。；！？!?]")  # a line that holds a sentence's end, even cut short at a width
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufffe\uffff]")
MIN_REPEATED_RUN = 3
MIN_REPEATED_LINE_CHARS = 15
REPORT_TITLE_SEARCH_LINES = 40
MIN_REPEATED_HEAD_CHARS = 10  # a line of the page's head shown twice (a dateline), not a short label
SPLIT_TITLE_TAIL = 4  # the most characters of a title's second line, when a page cut it (政府工作报 / 告)



@cache
def furniture_lines() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, kind, reason) of each entry of ``furniture_lines`` in ``cleaning.yaml``."""
    kinds = [entry.get("kind", "furniture") for entry in load_yaml(PATTERNS)["furniture_lines"]]
    patterns = compiled(PATTERNS, "furniture_lines")
    return tuple((regex, kind, reason) for (regex, reason), kind in zip(patterns, kinds, strict=True))


def furniture_kind_and_reason(text: str) -> tuple[str, str] | None:
    """The kind (``pagination`` or ``furniture``) of page furniture a whole stripped line is and why,
    or None when it is report text."""
    for regex, kind, reason in furniture_lines():
        if regex.match(text):
            return kind, reason
    return None


def label_kind(text: str) -> str | None:
    """Whether a dropped line is a label of the site's without its value (来源：) or a breadcrumb's separator
    (>), whose next short line is furniture too."""
    if pattern(PATTERNS, "bare_label").match(text):
        return "label"
    return "breadcrumb" if pattern(PATTERNS, "breadcrumb_separator").match(text) else None


def is_subscript(before: str, text: str) -> bool:
    """Whether ``text`` is a lone number that ends the name the line ``before`` began (广义货币M / 2)."""
    return bool(pattern(PATTERNS, "subscript").match(text) and pattern(PATTERNS, "subscript_after").search(before))


def drop_report_titles(lines: list[CleanedLine]) -> tuple[list[CleanedLine], list[AuditEntry]]:
    """``lines`` without the lines near the top that name the report ("2026年政府工作报告").

    Each dropped line's audit entry keeps the source line as ``text`` and the cleaned title as
    ``replacement``; the first one becomes the page title.
    """
    title, inner_end = pattern(PATTERNS, "report_title"), pattern(PATTERNS, "title_inner_end")
    kept, titles = [], []
    texts = [line.text for line in lines]
    split_title = -1  # a title a page cut in two, its last line's position: 政府工作报 / 告
    for position, line in enumerate(lines):
        if position == split_title:
            continue
        whole = line.text
        if position < REPORT_TITLE_SEARCH_LINES and not title.match(whole):
            after = next((n for n in range(position + 1, len(lines)) if texts[n]), None)
            if after is not None and len(texts[after]) <= SPLIT_TITLE_TAIL and title.match(whole + texts[after]):
                whole, split_title = whole + texts[after], after
        is_title = title.match(whole) and not ends_sentence(whole) and not inner_end.search(whole)
        if position < REPORT_TITLE_SEARCH_LINES and is_title:
            reason = cleaning_reason("title-as-page-title")
            titles.append(AuditEntry("report-title", line.number, line.original, reason, whole))
            if split_title > position:
                titles.append(AuditEntry("report-title", lines[split_title].number, lines[split_title].original,
                                         reason, whole))
        else:
            kept.append(line)
            split_title = -1
    return kept, titles


def longest_title(titles: list[AuditEntry]) -> str | None:
    """The title of the report's top: the first title line, or a later one that writes it in full (1956:
    the portal's 1956年国务院政府工作报告, then 1956年国务院政府工作报告关于1955年国家决算和1956年国家预算的报告)."""
    first = titles[0].replacement if titles else None
    return max((t.replacement for t in titles if first and t.replacement.startswith(first)), key=len, default=first)


def trailer_start(lines: tuple[SourceLine, ...]) -> tuple[int, str] | None:
    """(line number, reason) where what follows the report on the page begins, if it does: a line of ``trailers``,
    of ``page_trailers`` or, after ``late_trailer_share`` of the report's characters (a line printed again counted
    once: 2010's page, printed six times), of ``late_trailers``, those two where none of its text follows."""
    trailers, page, late = (compiled(PATTERNS, key) for key in ("trailers", "page_trailers", "late_trailers"))
    late_from = load_yaml(PATTERNS)["late_trailer_share"] * sum(len(text) for text in {line.text for line in lines})
    before, seen = 0, set()
    for index, line in enumerate(lines):
        text = comparable(line.text[:MAX_FURNITURE_CHARS])
        if found := next((reason for regex, reason in trailers if regex.match(text)), None):
            return line.number, found
        ending = (*page, *late) if before >= late_from else page
        # a page of the portal may end inside the report (荆门's 责任编辑：…, 上一页 1 2 下一页): not its end
        if (found := next((reason for regex, reason in ending if regex.match(text)), None)) and not text_follows(
            lines[index + 1 :], seen
        ):
            return line.number, found
        if line.text not in seen:
            seen.add(line.text)
            before += len(line.text)
    return None


def text_follows(lines: tuple[SourceLine, ...], seen: set[str]) -> bool:
    """Whether ``lines`` hold ``trailer_text_after`` characters of sentences, no furniture nor copy of ``seen``."""
    needed, found = load_yaml(PATTERNS)["trailer_text_after"], 0
    for line in lines:
        text = comparable(line.text)
        if text and line.text not in seen and SENTENCE_MARK.search(text) and classify_line(line) is None:
            found += len(text)
            if found >= needed:
                return True
    return False


def comparable(text: str) -> str:
    """``text`` as furniture patterns see it: placeholders gone, full-width forms folded, stripped."""
    return nfkc(CONTROL_CHARACTERS.sub("", text.replace("<U+00A0>", ""))).strip()


class CharacterForms(dict[int, str]):
    """``str.translate`` table: a character to its NFKC form, each looked up once per process."""

    def __missing__(self, code: int) -> str:
        self[code] = unicodedata.normalize("NFKC", chr(code))
        return self[code]


CHARACTER_FORMS = CharacterForms()


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, character by character where that gives the same (when
    the result is normalised, as it is unless characters combine), which is several times faster."""
    folded = text.translate(CHARACTER_FORMS)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", text)


def classify_line(line: SourceLine) -> AuditEntry | None:
    """The audit entry for dropping ``line`` whole, or None when it is kept."""
    if len(line.text) > MAX_FURNITURE_CHARS and line.text.strip():
        return None  # page furniture is short; a long line is report text
    text = comparable(line.text)
    if not text:
        return AuditEntry("whitespace", line.number, line.text, cleaning_reason("blank-line")) if line.text else None
    furniture = furniture_kind_and_reason(text)
    if furniture:
        kind, reason = furniture
        return AuditEntry(kind, line.number, line.text, reason)
    if pattern(PATTERNS, "boilerplate").search(text) and len(text) < 200:
        return AuditEntry("boilerplate", line.number, line.text, cleaning_reason("blurb"))
    return None


# --- whole pages repeated ----------------------------------------------------------------


def copy_starts_at(seen: list[str], earlier: int, texts: list[str], here: int, end: int) -> bool:
    """Whether the lines of ``texts`` from ``here`` repeat, in order, the lines of ``seen`` from ``earlier``
    (before ``seen[end]``): ``MIN_REPEATED_RUN`` lines that are not blank, one of them long. Blank lines do
    not count: two headings a blank line apart that a table of contents listed before are no copy of it."""
    filled = length = 0
    while filled < MIN_REPEATED_RUN:
        at, before = here + length, earlier + length
        if at >= len(texts) or before >= end or texts[at] != seen[before]:
            return False
        filled, length = filled + bool(texts[at]), length + 1
    return any(len(text) >= MIN_REPEATED_LINE_CHARS for text in texts[here : here + length])


def copied_lines(seen: list[str], earlier: int, texts: list[str], here: int, end: int) -> int:
    """How many lines of ``texts`` from ``here`` repeat, in order, the lines of ``seen`` from ``earlier``
    (up to ``seen[end]``, which is not one of them): none unless a copy starts there (``copy_starts_at``) of
    lines that all come before ``end`` (four like lines in a row are no copy of the first three)."""
    if not copy_starts_at(seen, earlier, texts, here, end):
        return 0
    count = 0
    while here + count < len(texts) and earlier + count < end and texts[here + count] == seen[earlier + count]:
        count += 1
    return count


def repeated_entry(line: SourceLine | CleanedLine, earlier: int) -> AuditEntry:
    """The audit entry for dropping ``line`` as a copy of the source line ``earlier``."""
    text = line.original if isinstance(line, CleanedLine) else line.text
    reason = cleaning_reason("repeated").format(line=earlier)
    return AuditEntry("repeated", line.number, text, reason, repeats=earlier)


def drop_repeated_copies(
    lines: list[CleanedLine], heading: str | None
) -> tuple[list[CleanedLine], list[AuditEntry]]:
    """``lines`` without the copies of text the page already showed (a page repeated whole).

    A copy starts where at least three lines, one of them long, repeat lines seen before in the same
    order; it runs as long as the lines keep matching. A repeat of the report's title is dropped too, and
    so is a line of the page's head that it shows twice before the speech begins (陕西 2026's dateline).
    """
    texts = [line.text for line in lines]
    first_seen: dict[str, int] = {}
    kept: list[CleanedLine] = []
    entries: list[AuditEntry] = []
    salutation, speaking = pattern("structure.yaml", "salutation"), False
    index = 0
    while index < len(lines):
        earlier = first_seen.get(texts[index])
        copied = copied_lines(texts, earlier, texts, index, end=index) if earlier is not None else 0
        if copied:
            entries += [repeated_entry(lines[index + k], lines[earlier + k].number) for k in range(copied)]
            index += copied
            continue
        speaking = speaking or index >= REPORT_TITLE_SEARCH_LINES or bool(salutation.match(texts[index]))
        if heading is not None and texts[index] == heading:
            reason = cleaning_reason("title-repeated")
            entries.append(AuditEntry("repeated", lines[index].number, lines[index].original, reason))
        elif earlier is not None and not speaking and len(texts[index]) >= MIN_REPEATED_HEAD_CHARS:
            entries.append(repeated_entry(lines[index], lines[earlier].number))
        else:
            if texts[index]:
                first_seen.setdefault(texts[index], index)
            kept.append(lines[index])
        index += 1
    return kept, entries


def trailer_entries(
    after: list[SourceLine], shown: list[CleanedLine], titles: set[str], reason: str
) -> list[AuditEntry]:
    """The audit of the lines from the start of what follows the report (``after``) to the end.

    All of them are dropped, each for what it is: page furniture and blank lines by their own
    reasons, copies of the report's lines (``shown``: the page repeated whole after its end, as
    portals print it) as copies of the lines they repeat, in runs where they follow one another, a
    line that names the report as one of the ``titles`` at its top did as a repeated title (a title
    of another report, a link to it, stays the trailer's), and the rest by the trailer's ``reason``.
    """
    seen = [line.text for line in shown if line.text]
    numbers = [line.number for line in shown if line.text]
    first_seen: dict[str, int] = {}
    for position, text in enumerate(seen):
        first_seen.setdefault(text, position)
    entries: list[AuditEntry] = []
    candidates: list[SourceLine] = []
    texts: list[str] = []
    page = compiled(PATTERNS, "page_trailers")
    for line in after:
        ends_page = line is after[0] or any(regex.match(comparable(line.text)) for regex, _ in page)
        dropped = classify_line(line) if line.text and not ends_page else None  # a page's end: the trailer's
        if dropped:
            entries.append(dropped)
            continue
        text, repairs = repair_line(line.text) if line.text else ("", ())
        if not text.strip() and repairs:  # furniture within a line, here the whole line (a paper's citation)
            repaired = CleanedLine(line.number, line.text, text, repairs)
            reasons = {entry.reason: None for entry in repair_entries(repaired)}
            entries.append(AuditEntry("furniture", line.number, line.text, "；".join(reasons)))
        elif line.text:
            candidates.append(line)
            texts.append(text)
    index = 0
    while index < len(candidates):
        earlier = first_seen.get(texts[index])
        copied = copied_lines(seen, earlier, texts, index, end=len(seen)) if earlier is not None else 0
        if copied:
            entries += [repeated_entry(candidates[index + k], numbers[earlier + k]) for k in range(copied)]
            index += copied
            continue
        line = candidates[index]
        if earlier is not None:
            entries.append(repeated_entry(line, numbers[earlier]))
        elif texts[index] in titles:
            entries.append(AuditEntry("repeated", line.number, line.text, cleaning_reason("title-repeated")))
        else:
            entries.append(AuditEntry("furniture", line.number, line.text, reason))
        index += 1
    return entries


# --- joining paragraphs cut in two ----------------------------------------------------------


# --- the stage -------------------------------------------------------------------------------


def clean(report: RawReport, preamble: tuple[AuditEntry, ...] = ()) -> CleanedReport:
    """Cleaned paragraphs of ``report`` and the audit of everything that was changed."""
    audit: list[AuditEntry] = list(preamble)
    for cut in report.cut:  # a line of the file read as several: the line numbers of the page are theirs
        text = cleaning_reason("line-breaks").format(
            line=cut.file_line, characters=cut.characters, breaks=cut.last - cut.first, first=cut.first, last=cut.last
        )
        spaces = cleaning_reason("line-breaks-spaces").format(breaks=cut.last - cut.first)
        audit.append(AuditEntry("line-breaks", cut.first, spaces, text))
    if report.heading is not None:
        audit.append(AuditEntry("report-title", report.heading.number, report.heading.text, cleaning_reason("title")))
    trailer = trailer_start(report.lines)
    kept: list[CleanedLine] = []
    after: list[SourceLine] = []
    after_label: str | None = None  # the line before (blanks aside): a label without its value, a breadcrumb's >
    last_text = ""  # the last line with text
    for line in report.lines:
        if trailer is not None and line.number >= trailer[0]:
            after.append(line)
            continue
        subscript = is_subscript(last_text, line.text)
        dropped = None if subscript else classify_line(line)
        last_text = line.text if line.text.strip() else last_text
        if dropped is None and after_label and pattern(PATTERNS, "label_value").match(comparable(line.text)):
            reason = "breadcrumb-item" if after_label == "breadcrumb" else "label-value"
            dropped = AuditEntry("furniture", line.number, line.text, cleaning_reason(reason))
        if line.text.strip():
            after_label = label_kind(comparable(line.text)) if dropped is not None else None
        if dropped:
            audit.append(dropped)
            continue
        text, repairs = repair_line(line.text)
        dropped = classify_line(SourceLine(line.number, text)) if text and not subscript else None
        if dropped:  # furniture once repaired, e.g. a lone "|" left where pagination was cut out
            audit.append(replace(dropped, text=line.text))
            continue
        kept.append(CleanedLine(line.number, line.text, text, repairs))
    heading = report.heading.text.strip() if report.heading else None
    titles: list[AuditEntry] = []
    if report.heading is None:
        kept, titles = drop_report_titles(kept)
        audit += titles
        heading = longest_title(titles)
    kept, repeated = drop_repeated_copies(kept, heading)
    audit += repeated
    if trailer is not None:
        named = {heading, *(entry.replacement for entry in titles)} - {None}
        audit += trailer_entries(after, kept, named, trailer[1])
    for line in kept:
        audit += repair_entries(line)
    paragraphs, joins = build_paragraphs(kept)
    audit += joins
    audit.sort(key=lambda entry: entry.line)
    return CleanedReport(report.source, report.index, heading, paragraphs, tuple(kept), tuple(audit))


REMOVED_WHOLE = {"collection-title", "boilerplate", "pagination", "furniture", "report-title", "repeated", "whitespace"}


def unaccounted_lines(source_lines: tuple[str, ...], reports: Iterable[CleanedReport]) -> list[str]:
    """Problems found when rebuilding every source line from the cleaned text and the audit.

    Each non-empty line must be either dropped whole with its exact text in the audit, or kept,
    in which case undoing its recorded repairs gives the line back and its cleaned text stands in
    its paragraph. An empty list means every character is accounted for.
    """
    problems: list[str] = []
    dropped: dict[int, str] = {}
    kept: dict[int, CleanedLine] = {}
    reports = list(reports)
    for report in reports:
        kept.update((line.number, line) for line in report.kept_lines)
    for report in reports:
        for entry in report.audit:
            if entry.kind in REMOVED_WHOLE and entry.line not in kept:
                dropped.setdefault(entry.line, entry.text)
        for paragraph in report.paragraphs:
            rebuilt = "".join(kept[number].text for number in paragraph.lines)
            if rebuilt != paragraph.text:
                problems.append(f"paragraph at line {paragraph.line} does not match its lines")
    for number, text in enumerate(source_lines, 1):
        if number in kept:
            if original_line(kept[number]) != text:
                problems.append(f"line {number}: repairs do not give back the source")
        elif text and dropped.get(number) != text:
            problems.append(f"line {number}: dropped without its text in the audit")
    return problems
