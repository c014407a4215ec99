"""Audit page: a processed ``Report`` in, the Markdown page of every change cleaning made to it out.

Each entry of the report's audit is a row (its line linked to the paragraph it belongs to, its kind, the
text dropped or changed, what replaced it, why); changes of one kind made to one line for one reason
(full-width digits made half-width, the same character taken out six times) are one row that lists
each and says how many they are, so that every change is still shown and counted; a run of lines
dropped as a copy of lines the page kept, line for line (a page repeated whole), is one row naming
both ranges, since the text it dropped is the text of the lines it names; a join shows the two lines' ends as
the source cut them, then as one. Whitespace repairs are
counted, not listed. A report that cleaning did not change gets a sentence saying so, not empty tables.
The page names the file, the encoding it was read in and how many of its bytes were no text (shown as
U+FFFD: characters the source lost before cleaning saw it).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from build_tools.model import AuditEntry, Report
from build_tools.pages.render import DETAIL, escape_markdown, escape_plain, front_matter, labels, table


def line_link(report: Report, shown: str, line: int, paragraph_of_line: dict[int, int]) -> str:
    """``shown`` (a source line's number, or a range from it) linked to the paragraph on the report's page
    that holds ``line``; as text where no paragraph does (a line dropped outside any paragraph)."""
    if line not in paragraph_of_line:
        return shown
    return f"[{shown}](../reports/{report.slug}.md#L{paragraph_of_line[line]})"


UNSEEN = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})  # Unicode's categories of characters with no glyph


def visible(text: str) -> str:
    """``text`` with each character no one sees (a soft hyphen, a direction mark, a control, a private-use
    code) written as its code, ⟨U+00AD⟩: a row of the audit that removed one read as an empty cell."""
    return "".join(
        f"⟨U+{ord(character):04X}⟩" if unicodedata.category(character) in UNSEEN else character for character in text
    )


def spaces_named(text: str) -> str:
    """Blank ``text`` by the names of its characters and how many (全角空格 ×2): it read as '\\u3000'."""
    names: dict[str, str] = labels()["audit_spaces"]
    return "、".join(
        names.get(character, f"⟨U+{ord(character):04X}⟩") + (f" ×{count}" if count > 1 else "")
        for character, count in Counter(text).items()
    )


def audit_row(report: Report, entry: AuditEntry, paragraph_of_line: dict[int, int]) -> tuple[str, ...]:
    kinds: dict[str, str] = labels()["audit_kinds"]
    text, replacement = visible(entry.text.strip()) or spaces_named(entry.text), entry.replacement
    if entry.kind == "joined":  # a line's end and the next line's start: as the source cut them, then as one
        text, replacement = f"{entry.text} {labels()['audit_cut']} {entry.replacement}", entry.text + entry.replacement
    return (
        line_link(report, str(entry.line), entry.line, paragraph_of_line),
        escape_markdown(kinds[entry.kind]),
        escape_markdown(text),
        escape_markdown(replacement),
        escape_markdown(entry.reason),
    )


RUN_TEXT_CHARS = 30


def continues(group: list[AuditEntry], entry: AuditEntry, shown: list[int]) -> bool:
    """Whether ``entry`` belongs in one row with ``group``: the next line of a run of copies of
    consecutive kept lines (``shown``: the numbers of the kept lines with text, in order), or the
    same kind of change to the same line for the same reason."""
    last = group[-1]
    if last.repeats and entry.repeats:
        step = bisect_left(shown, entry.repeats) - bisect_left(shown, last.repeats)
        return entry.repeats > last.repeats and step <= 1
    return (entry.line, entry.kind, entry.reason) == (last.line, last.kind, last.reason)


def row_groups(entries: Iterable[AuditEntry], shown: list[int]) -> Iterator[list[AuditEntry]]:
    """``entries`` in order, cut into the groups each of which is one row."""
    group: list[AuditEntry] = []
    for entry in entries:
        if group and continues(group, entry, shown):
            group.append(entry)
            continue
        if group:
            yield group
        group = [entry]
    if group:
        yield group


def changes_row(report: Report, group: list[AuditEntry], paragraph_of_line: dict[int, int]) -> list[str]:
    """One row for changes of one kind to one line: the text of each, and how many they are."""
    first = group[0]
    if len({(entry.text, entry.replacement) for entry in group}) > 1:
        texts = "、".join(entry.text.strip() or repr(entry.text) for entry in group)
        first = replace(first, text=texts, replacement="、".join(entry.replacement for entry in group))
    row = audit_row(report, first, paragraph_of_line)
    times = labels()["audit_times"].format(count=len(group)) if len(group) > 1 else ""
    return [row[0], row[1] + times, *row[2:]]


def run_row(report: Report, run: list[AuditEntry], paragraph_of_line: dict[int, int]) -> tuple[str, ...]:
    """One row for ``run``, lines dropped as a copy of the kept lines they name, line for line."""
    words = labels()
    first, last = run[0], run[-1]
    copied = line_link(report, f"{first.repeats}–{last.repeats}", first.repeats, paragraph_of_line)
    text = first.text.strip()
    return (
        f"{first.line}–{last.line}",
        escape_markdown(words["audit_kinds"]["repeated"] + words["audit_lines"].format(count=len(run))),
        escape_markdown(text[:RUN_TEXT_CHARS]) + "……",
        "",
        words["audit_repeated_run"].format(lines=copied),
    )


def render_audit(report: Report) -> str:
    """The page listing every change cleaning made to ``report``."""
    words = labels()
    kinds: dict[str, str] = words["audit_kinds"]
    audit = report.cleaned.audit
    paragraph_of_line = {line: p.line for p in report.cleaned.paragraphs for line in p.lines}
    summary = Counter(entry.kind for entry in audit)
    shown = [line.number for line in report.cleaned.kept_lines if line.text]
    rows = [
        run_row(report, group, paragraph_of_line) if group[0].repeats and len(group) > 1
        else changes_row(report, group, paragraph_of_line)
        for group in row_groups((entry for entry in audit if entry.kind != "whitespace"), shown)
    ]
    columns = words["audit_columns"]
    title = words["audit_title"].format(title=report.title, source=report.source)  # copies of a report: by their file
    report_link = f"[{escape_markdown(report.title)}](../reports/{report.slug}.md)"
    read = words["audit_encoding"].format(encoding=report.encoding.split(" (")[0].upper()) if report.encoding else ""
    parts = [
        front_matter({"title": escape_plain(title), "template": DETAIL}),
        f"# {escape_markdown(title)}\n",
        words["audit_report"].format(report=report_link, source=escape_markdown(report.source)) + escape_markdown(read)
        + "\n",
    ]
    if report.replaced:  # bytes that were no text: not cleaning's doing, but characters the source lost
        parts.append(escape_markdown(words["audit_replaced"].format(count=report.replaced)) + "\n")
    if report.damaged:  # characters lost before the file came: neither reading's doing nor cleaning's
        parts.append(escape_markdown(words["audit_damaged"].format(count=report.damaged)) + "\n")
    if not audit:  # a table without rows would show an empty one
        return "\n".join([*parts, escape_markdown(words["audit_unchanged"]) + "\n"])
    parts += [
        escape_markdown(words["audit_intro"]) + "\n",
        f"## {words['audit_summary_heading']}\n",
        table(
            [columns["kind"], columns["count"]],
            [[escape_markdown(kinds[kind]), str(count)] for kind, count in summary.items()],
        ),
    ]
    if rows:
        parts += [  # in a box whose rows a phone stacks (reports.css), so that the reason is not off-screen
            f"## {words['audit_entries_heading']}\n",
            '<div class="gr-audit-entries" markdown>\n',
            table([columns[key] for key in ("line", "kind", "text", "replacement", "reason")], rows),
            "</div>\n",
        ]
    if summary.get("whitespace"):
        parts.append(escape_markdown(words["audit_whitespace"].format(count=summary["whitespace"])) + "\n")
    return "\n".join(parts)
