"""Assembling indicators: a report's paragraphs in, ``model.Indicator`` records out (``extract_indicators``):
the figures of each run of paragraphs with their subject, role (level, change, share) and kind (target,
actual, estimate, or hypothetical: 只要…，就…), read from the cues around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from build_tools.model import Block, Indicator, IndicatorKind, Paragraph, Role
from build_tools.report.indicators.figures import _Figure, _find_figures, _Run, _runs
from build_tools.report.indicators.lists import _CONNECTORS, _apply_lists
from build_tools.report.indicators.numerals import year_number
from build_tools.report.indicators.rules import _Rules, _rules
from build_tools.report.indicators.subjects import _CLAUSE_BOUNDARY, _MAX_CUE_WINDOW, _assign_subjects, _window_start
from build_tools.report.structure import chapter_paragraphs

_GROUP_BOUNDARY = "。！？!?；;\n"
_SENTENCE_BOUNDARY = "。！？!?\n"


def _role(figure: _Figure, rules: _Rules) -> Role:
    family = figure.unit_info.family if figure.unit_info else "magnitude"
    if family in ("points", "multiple") or figure.changed:
        return "change"
    if family == "ratio":
        return "share"
    if family in ("percent", "permille"):
        return "change" if rules.change_subject.search(figure.subject) else "share"
    return "level"


class _KindTracker:
    """The mode (actual/target) a report is in, moved by section cues as the text is read."""

    def __init__(self, rules: _Rules, year: int | None = None) -> None:
        self.rules = rules
        self.mode: IndicatorKind | None = rules.default_kind
        self.year = year
        self.list_kind: IndicatorKind | None = None  # the kind the opening of the list being read gives its items
        self.reviewed = False  # a chapter's heading named the review (一、2023年工作回顾)
        self.planning = False  # the chapter being read is one of plans (二、1956年的国家预算)
        self.at_chapter = False  # the run being read is a chapter's heading

    def read_run(self, text: str, chapter: bool | None = None) -> list[tuple[int, IndicatorKind]]:
        """The section cues of ``text`` (where each ends, and the mode it sets), in text order: those that
        open a sentence or a heading, and the lead-ins to the year's targets wherever they stand. A paragraph that
        is no item of a list ends the list an opening (…如下列：) began. ``chapter``: whether the run is a chapter's
        heading, as the report's structure says (``None``: as its numbering says, 二、…)."""
        if not self.rules.list_item.match(text):  # the list an opening began ends at a paragraph that is no item
            self.list_kind = None
        cues: list[tuple[int, IndicatorKind]] = []
        for match in self.rules.section_cue.finditer(text):
            if match.start() - _window_start(text, match.start(), _GROUP_BOUNDARY) <= self.rules.section_within:
                cues.append((match.end(), "actual" if match.group("actual") else "target"))
        cues += [(match.end(), "target") for match in self.rules.lead_in_cue.finditer(text)]
        cues += [(match.start(), "estimate") for match in self.rules.estimate_below.finditer(text)]
        if chapter is None:
            chapter = self.rules.chapter_heading.match(text) is not None
        if chapter:  # the review's chapter, or one after it that names none
            self.planning = bool(cues) and all(mode == "target" for _, mode in cues)  # a heading that names plans
            if any(mode == "actual" for _, mode in cues):
                self.reviewed = True
            elif not cues and self.reviewed and self.mode == "actual":
                cues.append((0, "target"))
        self.at_chapter = bool(chapter)
        if self.rules.notes_heading.match(text):  # the notes after the report: what is, whatever chapter was last
            self.planning, self.at_chapter = False, True
            cues.append((0, "actual"))
        return sorted(cues)

    def kind_at(self, text: str, figure: _Figure, cues: list[tuple[int, IndicatorKind]]) -> IndicatorKind | None:
        """The kind of ``figure`` in the run ``text`` read with its ``cues``: as its cues and words say, but the base
        a plan grows from is what is (补助标准由20元提高到40元: the 20元 is no target)."""
        kind = self.cued_kind(text, figure, cues)
        return "actual" if figure.base and kind == "target" else kind

    def cued_kind(self, text: str, figure: _Figure, cues: list[tuple[int, IndicatorKind]]) -> IndicatorKind | None:
        mode = self.mode
        for position, cue_mode in cues:
            if position <= figure.number_start:
                mode = cue_mode
        group = text[_window_start(text, figure.number_start, _GROUP_BOUNDARY) : figure.number_start]
        clause = text[_window_start(text, figure.number_start, _CLAUSE_BOUNDARY) : figure.number_start]
        cues_by_mode = self.rules.sentence_cues
        sentence = text[_window_start(text, figure.number_start, _SENTENCE_BOUNDARY) : figure.number_start]
        if self.supposed(text, figure.number_start - len(group), figure.number_start):
            return "hypothetical"
        if cues_by_mode["estimate"].search(group) or self.rules.estimate_note.match(text, figure.end):
            return "estimate"
        if cues_by_mode["actual"].search(clause):
            return "actual"
        review_scope = clause if mode == "actual" else group  # 对上争取有新突破，全年争取政策性资金239亿元: done
        if cues_by_mode["target"].search(group) or cues_by_mode["review_target"].search(review_scope):
            return "target"
        if self.looks_ahead(sentence):  # its year, across a ；
            return "target"
        if self.rules.sentence_target.search(sentence):  # 计划草案规定，…；国民生产总值平均每年增长百分之七点五
            return "target"
        ahead = figure.end + _MAX_CUE_WINDOW  # the words after a figure are read as far as those before it
        if self.rules.target_list.match(text, figure.end, ahead) or self.rules.target_named.match(text, figure.end):
            return "target"
        opened = self.opening_kind(sentence)  # …一九五四年预计产量…以下的动人的数字：电力…；原煤…；生铁…
        if opened is not None:
            return opened
        if self.list_kind is not None and not any(position <= figure.number_start for position, _ in cues):
            return self.list_kind
        if mode == "target" and self.looks_back(group):  # 从2003年到2006年年均超收2040亿元, in a plan's chapter
            return "actual"
        if mode == "target" and cues_by_mode["part_done"].search(group):  # 到5月份为止，…完成年计划27%
            return "actual"
        return mode

    def supposed(self, text: str, group_start: int, position: int) -> bool:
        """Whether the clause group of ``text`` (up to a ；or a sentence's end) that starts at ``group_start``
        pairs a condition with what it would bring (只要…，就…) and the figure at ``position`` is in the pair."""
        found = self.rules.hypothetical.search(text, group_start, position + _MAX_CUE_WINDOW)
        return found is not None and found.start() <= position

    def opening_kind(self, sentence: str) -> IndicatorKind | None:
        """The kind the opening of a list in ``sentence`` (its words up to its last colon) gives the list's
        items, each its own clause group: an estimate or a target where the opening's cues say so."""
        colon = max(sentence.rfind("："), sentence.rfind(":"))
        if colon <= 0:
            return None
        opening = sentence[:colon]
        if self.rules.plan_done.search(opening):  # how far plans were met: results
            return "actual"
        if self.rules.sentence_cues["estimate"].search(opening):
            return "estimate"
        cues = self.rules.sentence_cues
        if cues["target"].search(opening) or cues["review_target"].search(opening) or self.looks_ahead(opening):
            return "target"
        return None

    def looks_ahead(self, sentence: str) -> bool:
        """Whether ``sentence`` names a year to come that it looks ahead to: the report's or a later one it
        reaches (到一九八五年 in 1978's report, 到2025年 in 2021's), or a later one it names (一九九〇年 in 1986's)."""
        if self.year is None:
            return False
        for found in self.rules.year_ahead.finditer(sentence):
            reached = found.group().startswith(("到", "至"))
            if (year_number(found.group("year")) or 0) >= self.year + (0 if reached else 1):
                return True
        return False

    def looks_back(self, group: str) -> bool:
        """Whether the clause group ``group`` names years, none of them compared with, all before the report's."""
        if self.year is None:
            return False
        named = [year_number(found.group("year")) or 0 for found in self.rules.year_named.finditer(group)]
        return bool(named) and max(named) < self.year

    def finish_run(self, text: str, cues: list[tuple[int, IndicatorKind]]) -> None:
        """The mode the run leaves: its last cue's; but in a chapter of plans a paragraph that looks back (1956's
        budget chapter: 在过去几年来，工人的工资有了增加…; 几年来，各级地方政府…; 2010's 一年来，我们大力发展
        公益性文化事业) tells of the past for itself only, and the chapter's plans go on after it."""
        if cues and not (self.planning and not self.at_chapter and cues[-1][1] == "actual"):
            self.mode = cues[-1][1]
        if self.rules.list_opening.search(text):  # …的计划产量…如下列：
            self.list_kind = self.opening_kind(text[_window_start(text, len(text) - 1, _GROUP_BOUNDARY) :])


# ───────────────────────────── assembly ─────────────────────────────


def _base_value(figure: _Figure) -> tuple[float | None, str | None]:
    if figure.value is None:
        return None, figure.unit_info.base if figure.unit_info else None
    if figure.unit_info is None:
        return figure.value * figure.magnitude, None
    return figure.value * figure.magnitude * figure.unit_info.factor, figure.unit_info.base + figure.per


def _is_multiple_of_base(figure: _Figure, text: str, rules: _Rules) -> bool:
    """Whether ``figure`` is a multiple its base is taken by (…的二点五倍, …的近三倍), not a growth by it; so is the
    next of a list after one (分别是上年的2.5倍、3.4倍)."""
    family = figure.unit_info.family if figure.unit_info else ""
    if family != "multiple" or rules.multiple_mark.search(figure.subject):
        return False
    before = text[max(0, figure.number_start - 8) : figure.number_start]
    if rules.multiple_of.search(before):
        return True
    previous = figure.previous
    return (previous is not None and _CONNECTORS.fullmatch(text, previous.end, figure.start) is not None
            and _is_multiple_of_base(previous, text, rules))


def _to_indicator(run: _Run, paragraphs: Sequence[Paragraph], figure: _Figure, kind: IndicatorKind | None,
                  rules: _Rules) -> Indicator | None:
    position, offset = run.locate(figure.start)
    end_position, _ = run.locate(max(figure.start, figure.end - 1))
    if end_position != position:
        return None
    index = run.indices[position]
    paragraph = paragraphs[index]
    span = paragraph.text[offset : offset + figure.end - figure.start]
    base_value, base_unit = _base_value(figure)
    average = figure.average and figure.changed and not rules.average_mark.search(figure.subject)
    # 等于一九四九年的二点五倍 (+150%) is a multiple of its base, 增长一点九倍 (+190%) a growth by one: its subject
    # says so
    multiple = rules.multiple_suffix if _is_multiple_of_base(figure, run.text, rules) else ""
    part = f"（{figure.part}）" if figure.part and figure.part not in figure.subject else ""
    return Indicator(
        subject=figure.subject + (rules.average_suffix if average else "") + multiple + part,
        value=figure.value,
        value_high=figure.value_high,
        unit=figure.unit,
        base_value=base_value,
        base_unit=base_unit,
        role=_role(figure, rules),
        qualifier=figure.qualifier,
        kind=kind,
        line=paragraph.line_at(offset),
        span=span,
        paragraph=index,
        offset=offset,
        fall=figure.fall,
    )


def extract_indicators(
    paragraphs: Sequence[Paragraph], year: int | None = None, blocks: Sequence[Block] = ()
) -> tuple[Indicator, ...]:
    """Every figure the paragraphs of one report state, in text order; ``year``, the report's, where known;
    ``blocks``: its structure, whose outermost headings open its chapters."""
    chapters = chapter_paragraphs(paragraphs, blocks)
    rules = _rules()
    tracker = _KindTracker(rules, year)
    indicators: list[Indicator] = []
    for run in _runs(paragraphs):
        figures = _find_figures(run.text, rules)
        for current, following in pairwise(figures):
            current.limit = following.start
        if figures:
            figures[-1].limit = len(run.text)
        _assign_subjects(run.text, figures, rules)
        _apply_lists(run.text, figures, rules)
        cues = tracker.read_run(run.text, chapter=run.indices[0] in chapters if blocks else None)
        for figure in figures:
            indicator = _to_indicator(run, paragraphs, figure, tracker.kind_at(run.text, figure, cues), rules)
            if indicator is not None:
                indicators.append(indicator)
        tracker.finish_run(run.text, cues)
    return tuple(indicators)
