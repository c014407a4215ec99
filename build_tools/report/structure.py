"""Structure stage: a ``CleanedReport``'s paragraphs in, ``Block``s out (headings, body, lists).

Headings are recognised by their numbering style (``headings.py``); their nesting comes from the
order in which styles first appear, as in a word processor's outline: a style seen before closes
the sections below it, a new style opens a level below the current one. A numbering that starts
again at 一 under a heading of its own style opens a level of its own below the innermost heading;
a numbered heading right after a lead item (——…) is that item's sibling, not its child. A paragraph
that opens with a short numbered lead sentence gives a heading for the lead and keeps the rest as body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from build_tools.model import Block, Body, Heading, ListBlock, Paragraph
from build_tools.report.headings import TITLE_STYLE, HeadingMatch, match_heading, numbered_style
from build_tools.resource_files import load_yaml

RULES = "structure.yaml"


@dataclass(frozen=True)
class StructureRules:
    """The rules of ``resources/structure.yaml``: lists, the salutation that ends the front matter, and the
    title of a source's own table of contents."""

    min_items: int
    max_item_chars: int
    item_end: re.Pattern[str]
    last_item_end: re.Pattern[str]
    inner_full_stop: re.Pattern[str]
    salutation: re.Pattern[str]
    turn: re.Pattern[str]
    front_matter_within: int
    contents_title: re.Pattern[str]
    notes_title: re.Pattern[str]


@cache
def structure_rules() -> StructureRules:
    data = load_yaml(RULES)
    return StructureRules(
        data["min_items"],
        data["max_item_chars"],
        re.compile(data["item_end"]),
        re.compile(data["last_item_end"]),
        re.compile(data["inner_full_stop"]),
        re.compile(data["salutation"]),
        re.compile(data["turn"]),
        data["front_matter_within"],
        re.compile(data["contents_title"]),
        re.compile(data["notes_title"]),
    )


def speech_start(paragraphs: tuple[Paragraph, ...], contents: dict[int, int]) -> int:
    """The index of the salutation that opens the speech (各位代表：), or 0 when the report's first
    paragraphs (and the source's table of contents, ``contents_run``) hold none; a title line before it is
    front matter (a name, a newspaper, the table of contents' own title), not a heading."""
    r = structure_rules()
    opening = paragraphs[: r.front_matter_within + sum(end - start for start, end in contents.items())]
    return next((index for index, paragraph in enumerate(opening) if r.salutation.match(paragraph.text)), 0)


def is_list_item(text: str, *, last: bool) -> bool:
    r = structure_rules()
    end = r.last_item_end if last else r.item_end
    return len(text) <= r.max_item_chars and bool(end.search(text)) and not r.inner_full_stop.search(text[:-1])


def contents_run(paragraphs: tuple[Paragraph, ...]) -> dict[int, int]:
    """The source's own table of contents near its top (目录, then the headings it lists) as a run of list
    items, start index → end index (exclusive); none when it has none."""
    r = structure_rules()
    title = next((n for n, p in enumerate(paragraphs[: r.front_matter_within]) if r.contents_title.match(p.text)), None)
    if title is None:
        return {}
    end = title + 1
    while end < len(paragraphs) and match_heading(paragraphs[end].text) is not None:
        end += 1
    return {title + 1: end} if end > title + 1 else {}


def list_runs(paragraphs: tuple[Paragraph, ...], contents: dict[int, int]) -> dict[int, int]:
    """Start index → end index (exclusive) of each run of paragraphs that form a list: the source's table of
    contents (``contents_run``), then those found by the list rules."""
    runs = dict(contents)
    index = max(runs.values(), default=0)
    while index < len(paragraphs):
        end = index
        while end < len(paragraphs) and is_list_item(paragraphs[end].text, last=False):
            end += 1
        if end < len(paragraphs) and end > index and is_list_item(paragraphs[end].text, last=True):
            end += 1
        if end - index >= structure_rules().min_items:
            runs[index] = end
            index = end
        else:
            index += 1
    return runs


@dataclass
class OutlineLevel:
    style: str
    number: int | None


@dataclass
class Outline:
    """The open sections, outermost first, while the report is read from top to bottom."""

    levels: list[OutlineLevel] = field(default_factory=list)
    last_was_heading_of: int | None = None
    turned: bool = False
    set_aside: list[OutlineLevel] = field(default_factory=list)

    def turn(self) -> None:
        """The speaker turns to the house (各位代表！2025年是“十四五”收官之年…): what follows is not part of the open
        subsection; a heading of a style not open then opens below the outermost section, not the innermost
        (山东's eight ——…实现新跃升 of the five years are not items of its last year's （六）民生福祉…). The
        sections it closes are set aside: the next number of one of them takes its place again (浙江's （十）
        after the ten 1.…方面 items of its 各位代表！今年我们要…为民办实事)."""
        self.turned = True

    def place(self, style: str, number: int | None, resumed: bool = False) -> int:
        """The 1-based level of a heading of ``style`` numbered ``number``, updating the open sections;
        ``resumed``: a heading after it goes on with an open section's numbering (so a title nests in it)."""
        if self.turned and style != TITLE_STYLE and all(level.style != style for level in self.levels):
            self.set_aside = self.levels[1:]
            del self.levels[1:]
        self.turned = False
        self.take_up(style, number)
        innermost = self.levels[-1] if self.levels else None
        if number is not None and innermost is not None and innermost.number is None and innermost.style != TITLE_STYLE:
            # a lead item (——民生福祉再上新水平。) holds no numbered section: the （一） after it is its sibling
            self.levels.pop()
        index = self.find(style, number)
        if index is None and style == TITLE_STYLE and self.levels and not resumed:
            # A title after numbered sections ("结束语") closes them rather than nesting in them, unless their
            # numbering goes on after it (1958's 先说工业战线上的情况 … in its （一）, before its （二）).
            self.levels.clear()
        if index is not None and not self.restarts_below(index, style, number):
            del self.levels[index + 1 :]
            self.levels[index].number = number
        else:
            self.levels.append(OutlineLevel(style, number))
            index = len(self.levels) - 1
        self.last_was_heading_of = index
        if index == 0:
            self.set_aside = []
        return index + 1

    def take_up(self, style: str, number: int | None) -> None:
        """A section set aside at a turn (``turn``) opens again where it was when this heading goes on with it."""
        if number is None or self.find(style, number) is not None:
            return
        for depth, level in enumerate(self.set_aside, start=1):
            if level.style == style and level.number is not None and number == level.number + 1:
                self.levels[1:] = self.set_aside[:depth]
                self.set_aside = []
                return

    def find(self, style: str, number: int | None) -> int | None:
        """The open level a heading of ``style`` numbered ``number`` belongs to: the innermost of its style,
        unless its number goes back there and an outer one's it follows (1986's chapter 三、“七五”时期的经济体制改革
        after the list 一、…五、 nested in its chapter 二、)."""
        found = [index for index in range(len(self.levels) - 1, -1, -1) if self.levels[index].style == style]
        if not found:
            return None
        innermost = self.levels[found[0]].number
        if number is not None and innermost is not None and number <= innermost:
            return next((index for index in found[1:] if self.levels[index].number == number - 1), found[0])
        return found[0]

    def restarts_below(self, index: int, style: str, number: int | None) -> bool:
        """A numbering that starts again at 1 below an open heading of the same style (right below it, or
        further down: 1955's 一、开垦宜于耕种的荒地 under its chapter 三、's （三）…第二，…) nests under the innermost
        open heading."""
        level = self.levels[index]
        return style != TITLE_STYLE and number == 1 and level.number is not None and level.number >= 2


def heading_block(paragraph: Paragraph, found: HeadingMatch, level: int) -> Heading:
    lead = paragraph.slice(0, found.lead_end)
    return Heading(level, lead.text, paragraph.line, found.style, found.number, lead)


@dataclass(frozen=True)
class Numbered:
    """A paragraph that opens with a number (一、 （二） 第三， 4.), whether it was read as a heading, and at what
    level."""

    index: int
    style: str
    number: int
    heading: bool
    level: int


def mixed_runs(numbered: list[Numbered]) -> set[int]:
    """The paragraphs of each numbered run (items of one style, each numbered one more than the one before;
    a numbering that starts again at 1 opens a run inside the open one, as ``Outline`` nests it) of which
    some were read as headings and some not: an enumeration inside an argument (1982's five rules 一、…五、,
    1955's 第一，…第五，), whose items with a short first sentence became headings and the others stayed
    text, so that its outline skipped items. A run that holds a section of the report's outermost level (a
    chapter) is left as it is: a list of long items in a chapter, 一、…三、, runs on into the next chapter, 四、."""
    runs: list[list[Numbered]] = []
    open_runs: dict[str, list[list[Numbered]]] = {}
    for item in numbered:
        stack = open_runs.setdefault(item.style, [])
        follows = next((at for at in range(len(stack) - 1, -1, -1) if stack[at][-1].number == item.number - 1), None)
        if item.number == 1 or follows is None:
            runs.append([item])
            stack.append(runs[-1])
        else:
            stack[follows].append(item)
            del stack[follows + 1 :]
    mixed = set()
    for run in runs:
        headings = [item for item in run if item.heading]
        if 0 < len(headings) < len(run) and all(item.level > 1 for item in headings):
            mixed |= {item.index for item in run}
    return mixed


def structure(paragraphs: tuple[Paragraph, ...]) -> tuple[Block, ...]:
    """Blocks of a report in reading order; the items of an enumeration read partly as headings
    (``mixed_runs``) are all text."""
    blocks, numbered = outline_blocks(paragraphs, frozenset())
    in_text = mixed_runs(numbered)
    return outline_blocks(paragraphs, frozenset(in_text))[0] if in_text else blocks


def outline_blocks(
    paragraphs: tuple[Paragraph, ...], in_text: frozenset[int]
) -> tuple[tuple[Block, ...], list[Numbered]]:
    """Blocks of a report in reading order, the paragraphs at ``in_text`` read as text whatever they open
    with; and the numbered paragraphs met."""
    blocks: list[Block] = []
    numbered: list[Numbered] = []
    outline = Outline()
    contents = contents_run(paragraphs)
    runs = list_runs(paragraphs, contents)
    front_matter = speech_start(paragraphs, contents)
    notes = next(
        (n for n, p in enumerate(paragraphs) if n >= front_matter and structure_rules().notes_title.match(p.text)),
        len(paragraphs),
    )
    later = numbered_headings(paragraphs)
    index = 0
    while index < len(paragraphs):
        if index in runs:
            blocks.append(ListBlock(paragraphs[index : runs[index]]))
            index = runs[index]
            continue
        paragraph = paragraphs[index]
        found = match_heading(paragraph.text) if index not in in_text else None
        if found is not None and found.style == TITLE_STYLE and index < front_matter:
            found = None
        if index == notes and found is None:  # 《政府工作报告》有关内容名词注释: no title line by its marks
            found = HeadingMatch(TITLE_STYLE, None, len(paragraph.text), False)
        if index > notes:  # a note's number (1.“两重”：是指…) is no section's
            found = None
        elif found is None and (style := numbered_style(paragraph.text)) is not None and style[1] is not None:
            numbered.append(Numbered(index, style[0], style[1], False, 0))
        if found is None:
            blocks.append(Body(paragraph))
            if index > front_matter and structure_rules().turn.match(paragraph.text):
                outline.turn()
        else:
            after = numbered_after(later, index) if found.style == TITLE_STYLE else set()
            open_next = {(level.style, level.number + 1) for level in outline.levels if level.number is not None}
            resumed = bool(open_next & after)  # a title in a section whose numbering goes on after it
            level = outline.place(found.style, found.number, resumed)
            blocks.append(heading_block(paragraph, found, level))
            if found.number is not None:
                numbered.append(Numbered(index, found.style, found.number, True, level))
            if found.has_body:
                blocks.append(Body(paragraph.slice(found.lead_end)))
        index += 1
    return tuple(blocks), numbered


def numbered_headings(paragraphs: Sequence[Paragraph]) -> list[tuple[int, str, int]]:
    """Where a numbered heading line stands: (paragraph index, style, number), in reading order."""
    found = ((index, match_heading(paragraph.text)) for index, paragraph in enumerate(paragraphs))
    return [(index, match.style, match.number) for index, match in found if match and match.number is not None]


def numbered_after(headings: Sequence[tuple[int, str, int]], index: int) -> set[tuple[str, int]]:
    """The styles and numbers of the numbered heading lines after paragraph ``index``."""
    return {(style, number) for at, style, number in headings if at > index}


def block_paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    """The paragraphs of ``blocks`` in reading order: each heading's lead, body and list item."""
    found: list[Paragraph] = []
    for block in blocks:
        found += block.items if isinstance(block, ListBlock) else [block.paragraph]
    return found


def chapter_paragraphs(paragraphs: Sequence[Paragraph], blocks: Sequence[Block]) -> frozenset[int]:
    """The paragraphs (by index) that head the report's chapters: its numbered headings of the outermost level, or
    its titled ones where it numbers none (1978's 三年来的斗争和新时期的总任务, 加快社会主义经济建设; 2017's 党的十八届
    六中全会, a title-like line in the review, heads no chapter beside 一、2016年工作回顾)."""
    tops = [block for block in blocks if isinstance(block, Heading) and block.level == 1]
    numbered = [block for block in tops if block.style != TITLE_STYLE]
    lines = {block.paragraph.lines[0] for block in numbered or tops}
    return frozenset(index for index, paragraph in enumerate(paragraphs) if paragraph.lines[0] in lines)
