"""Paragraphs: a report's kept lines in (``model.CleanedLine``, cleaned), its paragraphs out
(``build_paragraphs``), each line joined to the one before it where the source cut a paragraph in two (a
page break, a line break in the middle of a sentence), with an audit entry for each join.
"""

from __future__ import annotations

from build_tools.model import AuditEntry, CleanedLine, Paragraph
from build_tools.report.headings import TITLE_STYLE, ends_sentence, is_title_line, match_heading, numbered_style, rules
from build_tools.resource_files import cleaning_reason

JOIN_CONTEXT = 12
ZERO_WIDTH_FIXER = "remove_zero_width_characters"  # resources/cleaning.yaml


def is_page_break(line: CleanedLine) -> bool:
    """A line that cleaning emptied of its zero-width characters (and spaces): what a Word export leaves
    where a page broke."""
    return not line.text and any(repair.fixer == ZERO_WIDTH_FIXER for repair in line.repairs)


def should_join(current: str, following: str, style_had_body: dict[str, bool], after_break: bool = False) -> bool:
    """Whether ``following`` continues the paragraph ``current`` (its text so far).

    A line that ends a sentence is complete, and so are signatures, salutations and date lines
    and the line before them; a line followed by a numbered heading or a lead dash
    is complete; a numbered heading line is cut only when its previous sibling carried body text
    (so this one should too); a line ending with a comma, or with a word that needs what follows
    (了, 的, 和), or inside a quotation it opened, is cut; a short title line is not. A line that starts
    with a full stop or a closing mark continues the one before it, whatever that one is.
    ``after_break``: a line of nothing but invisible characters stood between them, where a page broke
    (a Word export's): a line before it that ends no sentence is cut there, short or not, and so is a
    heading line with a sentence of body.
    """
    if rules().lead_in_fragment.match(current) or rules().continuation_start.match(following):
        return True
    if ends_sentence(current):
        return False
    if current.count("“") > current.count("”"):  # a quotation left open: 企业找技术、成果找市场“双向 / 揭榜
        return True
    cut_body = after_break and rules().sentence_end.search(current) is not None  # ——经济…稳中向好。国内生产总值达到74.4
    if (is_signature_or_date(current) and not cut_body) or is_signature_or_date(following):
        return False
    following_style = numbered_style(following)
    if following_style is not None and following_style[0] != "arabic":
        return False
    current_style = numbered_style(current)
    if current_style is not None:  # a numbering that starts again (（一）) is a new list, with habits of its own
        return (current_style[1] != 1 and style_had_body.get(current_style[0], False)) or cut_body
    if rules().clause_end.fullmatch(current[-1]) or rules().open_end.fullmatch(current[-1]):
        return True
    return after_break or not is_title_line(current)


def is_signature_or_date(text: str) -> bool:
    """A short line such as "省长　王予波", "各位代表：" or "——2026年1月28日在…会议上"."""
    return len(text) <= 2 * rules().max_title_chars and bool(rules().not_titles.match(text))


def remember_style(text: str, style_had_body: dict[str, bool]) -> None:
    """Whether a heading of ``text``'s numbering style carried its body on its line; a heading forgets what
    the numbered styles below its own did in the section before (二、2024年工作安排's （一） need not write
    as the review's （一） did; a dash item, which has no number, keeps its habit across sections)."""
    heading = match_heading(text)
    if heading is not None and heading.style != TITLE_STYLE:
        style_had_body[heading.style] = heading.has_body
        names = [name for name, _ in rules().styles]
        if heading.style in names:
            for name, pattern in rules().styles[names.index(heading.style) + 1 :]:
                if "number" in pattern.groupindex:
                    style_had_body.pop(name, None)


def join_entry(first: CleanedLine, second: CleanedLine) -> AuditEntry:
    return AuditEntry(
        "joined",
        first.number,
        first.text[-JOIN_CONTEXT:],
        cleaning_reason("joined").format(first=first.number, second=second.number),
        second.text[:JOIN_CONTEXT],
    )


def build_paragraphs(lines: list[CleanedLine]) -> tuple[tuple[Paragraph, ...], list[AuditEntry]]:
    paragraphs: list[Paragraph] = []
    joins: list[AuditEntry] = []
    style_had_body: dict[str, bool] = {}
    group: list[CleanedLine] = []

    def close() -> None:
        if group:
            starts, offset = [], 0
            for line in group:
                starts.append(offset)
                offset += len(line.text)
            text = "".join(line.text for line in group)
            numbers = tuple(line.number for line in group)
            paragraphs.append(Paragraph(text, numbers, tuple(starts), origin=len(paragraphs)))
            remember_style(text, style_had_body)

    after_break = False
    for line in lines:
        if not line.text:  # an empty line, or one its repairs emptied: of zero-width characters, a page break
            after_break = after_break or is_page_break(line)
            continue
        current = "".join(member.text for member in group)
        if group and should_join(current, line.text, style_had_body, after_break):
            joins.append(join_entry(group[-1], line))
            group.append(line)
        else:
            close()
            group = [line]
        after_break = False
    close()
    return tuple(paragraphs), joins
