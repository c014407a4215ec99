"""Where a report speaks of a period rather than of one year: a report in, the paragraphs that do out (by
their index among its cleaned paragraphs); and the years a text names.

A paragraph speaks of a period when

- a heading above it names a plan period or several years and neither the report's year nor the year
  before (二、“十五五”时期主要目标任务, 一、“十一五”时期国民经济和社会发展的回顾, 第六个五年计划的基本任务), or
- it opens on a period (这五年，…, 过去的五年极不寻常。, 五年来，…), or follows, with no heading between, a
  paragraph that does, up to one that opens on a single year (刚刚过去的2025年…, 2025年，…, 一年来…, 今年…),
  which with those after it up to the next heading speaks of its year whatever the headings above say.

``archive/series.py`` decides which figures of such paragraphs are the period's (``over_the_period``):
patterns ``period_heading``, ``period_opening``, ``year_opening`` and ``period_totals`` of
``resources/series.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.model import Heading, ListBlock, Report
from build_tools.report.indicators.numerals import year_number
from build_tools.resource_files import load_yaml

YEAR = re.compile(r"(?<![\d０-９〇○零一二三四五六七八九])([12１２一][\d０-９〇○零一二三四五六七八九]{3})年")
OWN_YEAR = re.compile(r"今年|本年|全年")  # a period named before these is not the figure's
YEAR_BEFORE = re.compile(r"去年|上年|全年|当年")  # words of a review that name its single year
# a year a sentence compares with: １９８６年同１９７８年相比, 比1978年
COMPARED = re.compile(r"(?:同|与|跟|比|较)\s*([12１２一][\d０-９〇○零一二三四五六七八九]{3})年")
SENTENCE_END = "。！？!?\n"
DASH_STYLE = "dash"  # the numbering style of lead items (resources/headings.yaml)
SALUTATION = re.compile(r"^各位代表[！!，,：:]\s*")


@dataclass(frozen=True)
class PeriodRules:
    heading: re.Pattern[str]
    opening: re.Pattern[str]
    year_opening: re.Pattern[str]
    totals: re.Pattern[str]


@cache
def period_rules() -> PeriodRules:
    data = load_yaml("series.yaml")
    return PeriodRules(
        heading=re.compile(data["period_heading"]),
        opening=re.compile(data["period_opening"]),
        year_opening=re.compile(data["year_opening"]),
        totals=re.compile(data["period_totals"]),
    )


def years_named(text: str) -> list[tuple[int, bool]]:
    """The years ``text`` names (1987年, 一九八七年, １９８７年), each with whether 比 precedes it (a base year)."""
    found = []
    for match in YEAR.finditer(text):
        year = year_number(match.group(1))
        if year is not None and 1900 <= year <= 2100:
            found.append((year, text[max(0, match.start() - 1) : match.start()] in ("比", "较")))
    return found


def names_a_period(heading: str, year: int | None) -> bool:
    """Whether a heading names a period or plan and neither ``year`` nor the year before it."""
    if not period_rules().heading.search(heading):
        return False
    return year is None or not {named for named, _ in years_named(heading)} & {year, year - 1}


def period_paragraphs(report: Report) -> frozenset[int]:
    """The indices of the cleaned paragraphs of ``report`` that speak of a period (see the module)."""
    found = period_rules()
    index_of = {id(paragraph): index for index, paragraph in enumerate(report.cleaned.paragraphs)}
    headings: list[tuple[int, bool]] = []  # the open headings' levels, each with whether it names a period
    marked: set[int] = set()
    opened: str | None = None  # "period" or "year": what the paragraphs since the last heading opened on
    under_period = False
    for block in report.blocks:
        if isinstance(block, Heading):  # ——这五年综合经济实力大幅提升。 opens a stretch for its own body
            names = names_a_period(block.text, report.identity.year)
            headings = [*((level, flag) for level, flag in headings if level < block.level), (block.level, names)]
            under_period = any(flag for _, flag in headings)
            if found.opening.search(block.text):
                opened = "period"
            elif block.style != DASH_STYLE:  # a lead item (——人民生活水平实现新跃升。) goes on with what led to it
                opened = None
            continue
        for paragraph in block.items if isinstance(block, ListBlock) else (block.paragraph,):
            turns = opens_on_a_period_next(paragraph.text)
            if found.year_opening.search(paragraph.text) and not turns:
                opened = "year"  # 刚刚过去的2025年… under a five-year heading: the year's review
            elif turns or found.opening.search(paragraph.text):
                opened = "period"
            if opened == "period" or (opened is None and under_period):
                marked.add(index_of.get(id(paragraph), paragraph.origin))
    return frozenset(marked)


def over_the_period(role: str, kind: str, category: str, context: str, about: int | None) -> bool:
    """Whether a figure of a paragraph that speaks of a period is the period's rather than its year's:
    a target is, unless its clause names its year (今年, 2016年); a result is when it is a change or a total
    over the years (城镇新增就业5771万人), unless its clause names its year (2010年, 去年, 全年); a level it
    reached (经济总量达到2.67万亿元) is the year's."""
    named = {year for year, _ in years_named(context)}
    if kind == "target":
        return not (OWN_YEAR.search(context) or (about is not None and about in named))
    if YEAR_BEFORE.search(context) or (about is not None and about in named):
        return False
    return role == "change" or (role == "level" and period_rules().totals.search(category) is not None)


def opens_on_a_period_next(text: str) -> bool:
    """Whether the second sentence of ``text`` opens on a period after a first that names the year the period
    ends (山东 2026's 各位代表！2025年是“十四五”收官之年。五年来，…, before its five years' lead items)."""
    text = SALUTATION.sub("", text, count=1)
    first_end = min((at for at in (text.find(mark) for mark in SENTENCE_END) if at >= 0), default=-1)
    return first_end >= 0 and period_rules().opening.search(text[first_end + 1 :].lstrip()) is not None


def compared_with_earlier(text: str, offset: int, about: int | None) -> bool:
    """Whether the sentence that leads to a figure at ``offset`` of ``text`` compares with a year before the
    one before ``about`` (1987's 1986年同1978年相比，…；国家财政收入由1121亿元增加到2220亿元，增长98%: a change
    over eight years, whatever clause it stands in)."""
    if about is None:
        return False
    start = max(text.rfind(mark, 0, offset) for mark in SENTENCE_END) + 1
    return any((year_number(match.group(1)) or about) < about - 1 for match in COMPARED.finditer(text, start, offset))
