"""Paragraphs: a report's kept lines in (``model.CleanedLine``, cleaned), its paragraphs out
(``build_paragraphs``), each line joined to the one before it where the source cut a paragraph in two (a
page break, a line break in the middle of a sentence), with an audit entry for each join.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from build_tools.model import AuditEntry, CleanedLine, Paragraph
from build_tools.report.headings import (
    TITLE_STYLE,
    ends_sentence,
    is_title_line,
    lead_end,
    match_heading,
    numbered_style,
    rules,
)
from build_tools.resource_files import cleaning_reason

JOIN_CONTEXT = 12
BRACKETS = (("“", "”"), ("《", "》"))  # a line that opens one and does not close it runs on
ZERO_WIDTH_FIXER = "remove_zero_width_characters"  # resources/cleaning.yaml


@dataclass(frozen=True)
class ListHabit:
    """How the headings of one numbered list wrote so far: the last one's number, how many carried their
    body on their line and how many stood alone, and whether the last did."""

    last: int | None
    with_body: int
    alone: int
    last_had_body: bool

    def follows(self, number: int | None) -> bool:
        """Whether a heading numbered ``number`` goes on with this list (a number skipped, a heading the
        source lost, still does), not another list of the same style (1955's chapter 四、 after its third
        chapter's list 一、…五、)."""
        return number is None or self.last is None or number > self.last

    def then(self, number: int | None, has_body: bool) -> ListHabit:
        if not self.follows(number):
            return ListHabit.first(number, has_body)
        return ListHabit(number, self.with_body + has_body, self.alone + (not has_body), has_body)

    @staticmethod
    def first(number: int | None, has_body: bool) -> ListHabit:
        return ListHabit(number, int(has_body), int(not has_body), has_body)

    @property
    def carries_body(self) -> bool:
        """What most of its headings did (1987's 三、, glued to its first sentence by the source, does not
        make its 四、 take the next paragraph as its body when 一、 and 二、 stood alone); the last one's
        on a tie."""
        return self.with_body > self.alone or (self.with_body == self.alone and self.last_had_body)


def is_page_break(line: CleanedLine) -> bool:
    """A line that cleaning emptied of its zero-width characters (and spaces): what a Word export leaves
    where a page broke."""
    return not line.text and any(repair.fixer == ZERO_WIDTH_FIXER for repair in line.repairs)


def should_join(
    current: str,
    following: str,
    habits: dict[str, ListHabit],
    after_break: bool = False,
    wrapped: bool = False,
    continued: bool = False,
    indented: bool = False,
    then: str = "",
) -> bool:
    """Whether ``following`` continues the paragraph ``current`` (its text so far).

    A line that ends a sentence is complete, and so are signatures, salutations and date lines
    and the line before them; a line followed by a numbered heading or a lead dash
    is complete; a numbered heading line is cut only when its list's headings carried body text
    (``ListHabit``: so this one should too); a line ending with a comma, or with a word that needs what follows
    (了, 的, 和), or inside a quotation it opened, is cut; a short title line is not. A line that starts
    with a full stop or a closing mark continues the one before it, whatever that one is.
    ``after_break``: a line of nothing but invisible characters stood between them, where a page broke
    (a Word export's): a line before it that ends no sentence is cut there, short or not, and so is a
    heading line with a sentence of body. ``wrapped``: ``current``'s last line is as wide as the lines of a
    text a PDF wrapped at its page's width (``wrap_width``): ending no sentence, it runs on. ``continued``:
    ``current`` is already lines joined. ``indented``: ``following`` opens with the indent by which the text
    starts its paragraphs (``indent_opens_paragraphs``): it runs on only after a comma or a word that needs more.
    ``then``: the line after ``following``; where it goes on from a short ``following`` (a link's words on a line
    of their own: 带技术 / 揭榜 / ；“成果找市场”…), ``following`` is a piece of the sentence.
    """
    if rules().lead_in_fragment.match(current) or rules().continuation_start.match(following):
        return True
    if rules().continuation_start.match(then) and is_fragment(following):
        return True
    if ends_sentence(current):
        return False
    if any(current.count(opening) > current.count(closing) for opening, closing in BRACKETS):
        return True  # a quotation or a title left open: 企业找技术、成果找市场“双向 / 揭榜; 三、关于《 / …纲要》
    ends_clause = rules().clause_end.fullmatch(current[-1]) or rules().open_end.fullmatch(current[-1])
    if indented and not ends_clause:
        return False  # 1954's …改造资本主义商业的道路 / 　　对资本主义工商业的改造是…: the source lost its 。
    cut_body = after_break and rules().sentence_end.search(current) is not None  # ——经济…稳中向好。国内生产总值达到74.4
    if (is_signature_or_date(current) and not cut_body) or is_signature_or_date(following):
        return False
    following_style = numbered_style(following)
    if following_style is not None and following_style[0] != "arabic":
        return False
    if following_style == ("arabic", 1) and not rules().clause_end.fullmatch(current[-1]):
        return False  # a list starts (名词注释 / 1.“2030启航计划”：…); a figure (1.5) is no number of this style
    if wrapped:
        return True
    current_style = numbered_style(current)
    if current_style is not None and not (continued and rules().sentence_end.search(current)):
        # a numbered line: as its style's last heading wrote (one already run on into its body goes on as
        # body does); a heading alone whose numbering starts again (（一）) opens a list with habits of its own
        style, number = current_style
        habit = habits.get(style)
        restarted = number == 1 and not rules().sentence_end.search(current)
        in_list = habit is not None and habit.follows(number)
        return (not restarted and in_list and habit is not None and habit.carries_body) or cut_body
    if ends_clause:
        return True
    if after_break:
        return True
    if not continued and is_title_line(current, commas=True):
        sentence = lead_end(following)  # a title with a comma, before a paragraph of sentences (1978's 加强政权建设，…)
        if sentence is not None and sentence >= rules().min_sentence_after_title:
            return False
    return not is_title_line(current)


def is_fragment(text: str) -> bool:
    """A few characters of no punctuation (``fragment_max_chars``): no line of their own in a report."""
    found = rules()
    return len(text) <= found.fragment_max_chars and not any(
        found.terminal.fullmatch(character) or found.clause_end.fullmatch(character) for character in text
    )


def is_signature_or_date(text: str) -> bool:
    """A short line such as "省长　王予波", "各位代表：" or "——2026年1月28日在…会议上"."""
    return len(text) <= 2 * rules().max_title_chars and bool(rules().not_titles.match(text))


def remember_style(text: str, habits: dict[str, ListHabit]) -> None:
    """Whether a heading of ``text``'s numbering style carried its body on its line; a heading forgets what
    the numbered styles below its own did in the section before (二、2024年工作安排's （一） need not write
    as the review's （一） did; a dash item, which has no number, keeps its habit across sections)."""
    heading = match_heading(text)
    if heading is not None and heading.style != TITLE_STYLE:
        habit = habits.get(heading.style)
        habits[heading.style] = (
            habit.then(heading.number, heading.has_body) if habit else ListHabit.first(heading.number, heading.has_body)
        )
        names = [name for name, _ in rules().styles]
        if heading.style in names:
            for name, pattern in rules().styles[names.index(heading.style) + 1 :]:
                if "number" in pattern.groupindex:
                    habits.pop(name, None)


def join_entry(first: CleanedLine, second: CleanedLine) -> AuditEntry:
    return AuditEntry(
        "joined",
        first.number,
        first.text[-JOIN_CONTEXT:],
        cleaning_reason("joined").format(first=first.number, second=second.number),
        second.text[:JOIN_CONTEXT],
    )


def wrap_width(lines: list[CleanedLine]) -> int | None:
    """The width a PDF wrapped the text's lines at: the most common length of its long lines, when enough
    of them have it (``wrap_*`` in ``resources/headings.yaml``); None for a text of whole paragraphs."""
    found = rules()
    lengths = Counter(len(line.text) for line in lines if len(line.text) >= found.wrap_min_chars)
    if sum(lengths.values()) < found.wrap_min_lines:
        return None
    width = lengths.most_common(1)[0][0]
    near = sum(count for length, count in lengths.items() if abs(length - width) <= 1)
    return width if near >= found.wrap_share * sum(lengths.values()) else None


def indent_opens_paragraphs(lines: list[CleanedLine]) -> bool:
    """Whether the text starts its paragraphs with an indent: enough of its lines open with one, and most of them
    after a line that ends a sentence (``paragraph_indent``, ``indent_*`` in ``resources/headings.yaml``)."""
    found = rules()
    kept = [line for line in lines if line.text]
    opening = [number for number in range(1, len(kept)) if found.paragraph_indent.match(kept[number].original)]
    after_sentence = sum(1 for number in opening if ends_sentence(kept[number - 1].text))
    return len(opening) >= found.indent_min_lines and after_sentence >= found.indent_share * len(opening)


def wrap_slack(text: str) -> int:
    """How much narrower than the page's width a wrapped line may be: a numbered heading's line is set a
    little wider (承德's are 26 characters where its text's are 29), any other within one character."""
    return 3 if numbered_style(text) else 1


def build_paragraphs(lines: list[CleanedLine]) -> tuple[tuple[Paragraph, ...], list[AuditEntry]]:
    paragraphs: list[Paragraph] = []
    joins: list[AuditEntry] = []
    habits: dict[str, ListHabit] = {}
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
            remember_style(text, habits)

    after_break = False
    width = wrap_width(lines)
    indents = rules().paragraph_indent if indent_opens_paragraphs(lines) else None
    texts = [line.text for line in lines if line.text]
    later = 0  # where the next line with text is, among ``texts``
    for line in lines:
        if not line.text:  # an empty line, or one its repairs emptied: of zero-width characters, a page break
            after_break = after_break or is_page_break(line)
            continue
        current = "".join(member.text for member in group)
        wrapped = width is not None and bool(group) and len(group[-1].text) >= width - wrap_slack(group[-1].text)
        indented = indents is not None and indents.match(line.original) is not None
        later += 1
        then = texts[later] if later < len(texts) else ""
        if group and should_join(current, line.text, habits, after_break, wrapped, len(group) > 1, indented, then):
            joins.append(join_entry(group[-1], line))
            group.append(line)
        else:
            close()
            group = [line]
        after_break = False
    close()
    return tuple(paragraphs), joins
