"""The years each figure of a report is about: a report in, one text per indicator out (``figure_years``:
2025, 2021—2025, 2030; empty where the report's year is unknown, or the figure is no result, estimate or target).

A target is of the report's year, a result or an estimate of the year before (the 2026 report reviews 2025),
unless the words that lead to it (from the last 。；！？ before it) or its paragraph say otherwise
(``resources/figure_years.yaml``):

- a target of a later year its words name (力争到2030年，…迈上4万亿元新台阶): that year, 2030;
- a figure over several years (五年来, 近三年, 年均增长, 累计, “十四五”以来), or in a paragraph that speaks of a
  period (``periods.period_paragraphs``: 五年来…, under 二、“十四五”时期…) a change or a total over it
  (筹建保障性租赁住房9.56万套; not a level reached, 上市公司增至88家, nor a rate, which are its last year's): the
  plan's years where its words or paragraph name one, else the years since the one it is compared with
  (较2020年下降25%: 2020—2025), else so many years to the year it is about (这五年: 2021—2025; of a
  target, from the report's year: 2026—2030);
- a result of one earlier year its words name (2023年…, in a report of 2025): that year; a target the words say
  was last year's (去年政府工作报告提出…): the year before; years its words state as a span (从一九七四年到一九七六年):
  those; the year a change starts from (从2020年的82.4岁提升至83.9岁): its base's, not the figure reached.

Read, not stated: the pages say so where they show it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from build_tools.archive.periods import COMPARED, OWN_YEAR, YEAR_BEFORE, period_paragraphs, years_named
from build_tools.archive.series_rules import clause_before
from build_tools.model import Heading, Indicator, ListBlock, Paragraph, Report
from build_tools.report.indicators.numerals import parse_chinese_number
from build_tools.report.indicators.subjects import BASE_MARK
from build_tools.resource_files import load_yaml

KINDS = ("target", "actual", "estimate")
CLAUSE_MARK = re.compile("[，,：:]")
YEAR_TEXT = "([12１２一][0-9０-９〇○零一二三四五六七八九]{3})"  # a year as the reports write it, its digits
NUMBER = re.compile("[0-9０-９〇○零一二三四五六七八九十百千万亿两]")


@dataclass(frozen=True)
class YearRules:
    multi_year: re.Pattern[str]
    average: re.Pattern[str]
    years_count: re.Pattern[str]
    default_years: int
    reached: re.Pattern[str]
    horizon: re.Pattern[str]  # 达到, 超过: a plan's target level, reached at its end
    year_levels: re.Pattern[str]
    increments: re.Pattern[str]  # 新增, 减量: what was added or taken away, not a level
    plans: dict[str, int]
    plan: re.Pattern[str]
    compared_plan: re.Pattern[str]
    restated: re.Pattern[str]
    restated_before: re.Pattern[str]
    restated_after: re.Pattern[str]
    stated_span: re.Pattern[str]
    base_year: re.Pattern[str]
    base_now: re.Pattern[str]
    bare_span: re.Pattern[str]
    this_year_part: re.Pattern[str]  # 今年上半年
    this_year: re.Pattern[str]  # 今年预计…: an estimate of the report's year
    next_year: re.Pattern[str]  # 明年: a target of the year after


@cache
def year_rules() -> YearRules:
    data = load_yaml("figure_years.yaml")
    plans = {name: int(start) for name, start in data["plans"].items()}
    return YearRules(
        multi_year=re.compile(data["multi_year"]),
        average=re.compile(data["average"]),
        years_count=re.compile(data["years_count"]),
        default_years=int(data["default_years"]),
        reached=re.compile(data["reached"]),
        horizon=re.compile(data["horizon"]),
        year_levels=re.compile(data["year_levels"]),
        increments=re.compile(data["increments"]),
        plans=plans,
        plan=re.compile(
            "[“\"](?P<short>" + "|".join(sorted(plans, key=len, reverse=True)) + ")[”\"]"
            "|第(?P<ordinal>[一二三四五六七八九十]{1,2})个五年(?:计划|规划)"
        ),
        compared_plan=re.compile(data["compared_plan"]),
        restated=re.compile(data["restated"]),
        restated_before=re.compile(data["restated_before"]),
        restated_after=re.compile(data["restated_after"]),
        stated_span=re.compile(data["stated_span"].replace("YEAR", YEAR_TEXT)),
        base_year=re.compile(data["base_year"].replace("YEAR", YEAR_TEXT)),
        base_now=re.compile(data["base_now"]),
        bare_span=re.compile(data["bare_span"].replace("YEAR", YEAR_TEXT)),
        this_year_part=re.compile(data["this_year_part"]),
        this_year=re.compile(data["this_year"]),
        next_year=re.compile(data["next_year"]),
    )


def figure_years(report: Report) -> tuple[str, ...]:
    """The years each indicator of ``report`` is about, in its order."""
    year = report.identity.year
    if year is None:
        return ("",) * len(report.indicators)
    periods, headings = period_paragraphs(report), headings_above(report)
    paragraphs, indicators = report.cleaned.paragraphs, report.indicators
    return tuple(
        years_of(indicator, paragraph_text(paragraphs, indicator), year, indicator.paragraph in periods,
                 headings.get(indicator.paragraph, ""), of_target=of_target(indicators, number))
        for number, indicator in enumerate(indicators)
    )


def of_target(indicators: Sequence[Indicator], number: int) -> bool:
    """Whether the indicator at ``number`` is the base of a change to a target (补助标准由20元提高到40元, a plan: the
    20元 is of the year before the report's, as a target's base is)."""
    base, after = indicators[number], indicators[number + 1] if number + 1 < len(indicators) else None
    return base.subject.endswith(BASE_MARK) and after is not None and after.kind == "target" and (
        after.paragraph == base.paragraph
    )


def headings_above(report: Report) -> dict[int, str]:
    """The headings above each cleaned paragraph of ``report`` (by its index), outermost first, one line each."""
    index_of = {id(paragraph): index for index, paragraph in enumerate(report.cleaned.paragraphs)}
    open_headings: list[Heading] = []
    above: dict[int, str] = {}
    for block in report.blocks:
        if isinstance(block, Heading):
            open_headings = [*(heading for heading in open_headings if heading.level < block.level), block]
            continue
        for paragraph in block.items if isinstance(block, ListBlock) else (block.paragraph,):
            above[index_of.get(id(paragraph), paragraph.origin)] = "\n".join(h.text for h in open_headings)
    return above


def paragraph_text(paragraphs: Sequence[Paragraph], indicator: Indicator) -> str:
    return paragraphs[indicator.paragraph].text if indicator.paragraph < len(paragraphs) else indicator.span


def years_of(
    indicator: Indicator, text: str, year: int, in_period: bool, headings: str = "", *, of_target: bool = False
) -> str:
    """The years ``indicator`` of a report of ``year`` is about; ``text``, its paragraph's, which
    ``in_period`` if it speaks of a period, under ``headings``; ``of_target``: it is the base of a target."""
    if indicator.kind not in KINDS:
        return ""
    target = indicator.kind == "target" or of_target
    about = year if target else year - 1
    written = indicator.cleaned_span or indicator.span
    number = NUMBER.search(written)  # the words up to its number: the span's own (达到一千六百二十三亿元) too
    start = indicator.offset + (number.start() if number else 0)
    words = clause_before(text, indicator.offset, start)
    found = year_rules()
    stated = found.stated_span.search(near(words))  # 从一九七四年到一九七六年，…全国大约损失…
    first, last = (parse_year(stated.group(1)), parse_year(stated.group(2))) if stated else (None, None)
    if first and last and first < last:
        return span(first, last)
    bases = {base for match in found.base_year.finditer(words) if (base := parse_year(match.group(1)))}  # 从2020年的
    if indicator.subject.endswith(BASE_MARK):  # the frame its sentence opens with holds across a ；
        sentence = sentence_before(text, indicator.offset, start)
        return base_years(bases, words, sentence, text[: indicator.offset], headings, in_period, year, about, target)
    if not target and found.this_year_part.search(words):
        return str(year)  # 今年上半年又比去年同期增长24.2%, in 1980's report of August: 1980's
    at_base = found.base_year.search(words[-16:])
    if at_base and words.endswith(at_base.group()):  # 从一九五〇年百分之十一点一增加到…: a base, though not read as one
        return str(parse_year(at_base.group(1)))
    named = [named for named, base in years_named(words) if not base and named not in bases]
    if target and found.average.search(CLAUSE_MARK.split(words)[-1]):  # “十三五”时期…年均, 今后五年，…年均增长7%
        horizon = max((named_year for named_year in named if year < named_year <= year + 5), default=None)
        if plan_start(near(words)) is None and horizon is not None:  # 到1992年…平均每年增长7.5%: 1988—1992
            sentence = sentence_before(text, indicator.offset, start)
            since = compared_year(sentence, about) or min(bases, default=None)  # 比一九八○年…, 由一九八○年的…: 1981—
            return span(since + 1 if since is not None else year, horizon)
        if plan_start(near(words)) is not None or found.multi_year.search(near(words)):
            return years_over(near(words), f"{headings}\n{text[: indicator.offset]}", year, about, target)
    if target and any(named_year > about for named_year in named):
        return str(max(named))
    chapter = {named_year for named_year, _ in years_named(headings)}
    if target and not named and len(chapter) == 1 and min(chapter) == year + 1:
        return str(year + 1)  # 1980's 二、1981年国民经济计划的任务和主要指标: 计划生育，人口自然增长率为1％ is 1981's
    if indicator.kind != "actual" and found.next_year.search(near(words)):  # 明年将安排200亿元, in 2007's report
        return str(year + 1)
    own = year in named or found.this_year.search(near(words))  # 一九五四年预计产量…, in 1954's report of September
    if indicator.kind == "estimate" and own and all(named_year <= year for named_year in named):
        return str(year)
    if target and found.restated.search(words):  # 去年政府工作报告提出，物价涨幅要…降到10%左右
        return str(year - 1)
    end = indicator.offset + len(written)
    if target and found.restated_before.search(words) and found.restated_after.match(text, end):  # 低于…的预期目标
        return str(year - 1)
    if set(named) == {about}:  # 2012年，…, in a review of five years: that year's
        return str(about)
    if over_years(indicator, words, in_period, about):
        period = years_over(near(words), f"{headings}\n{text[: indicator.offset]}", year, about, target)
        clause = CLAUSE_MARK.split(words)[-1]
        reached = found.horizon.search(clause) and not found.average.search(near(words)) and "累计" not in clause
        if target and indicator.role != "change" and reached:
            return period.split("—")[-1]  # 届时，我国经济总量超过90万亿元: a level reached at the plan's end
        return period
    earlier = {named_year for named_year in named if named_year < about}
    return str(earlier.pop()) if not target and len(earlier) == 1 and len(set(named)) == 1 else str(about)


def base_years(
    bases: set[int], words: str, sentence: str, before: str, headings: str, in_period: bool, year: int, about: int,
    target: bool,
) -> str:
    """The year a change starts from, its base's: the year ``words`` name (人均预期寿命从2020年的82.4岁提升至83.9岁),
    compare with (一九八二年同一九七八年相比) or start a span with (一九七八年到一九八二年，…由…), this year's of an
    estimate (由今年预计的44%), else the year before the change's years (国内生产总值从26.6万亿元增加到51.9万亿元 in a
    review of five years: the year before them; of a target, the year before the report's or its plan's)."""
    found = year_rules()
    if bases:
        return str(min(bases))
    if found.base_now.search(words):  # this year's, the report's
        return str(year)
    compared = compared_year(sentence, about)
    spanned = found.bare_span.search(sentence)
    if compared is not None or spanned:
        return str(compared if compared is not None else parse_year(spanned.group(1)))
    frame = near(sentence) if found.multi_year.search(near(sentence)) else near(words)  # 这两年中，…；原煤由…
    if in_period or found.multi_year.search(frame):
        first = years_over(frame, f"{headings}\n{before}", year, about, target).split("—")[0]
        return str(int(first) - 1)
    return str(year - 1 if target else about - 1)


def over_years(indicator: Indicator, words: str, in_period: bool, about: int) -> bool:
    """Whether the figure led to by ``words`` is one over several years (see the module): what its own clause
    (from the last comma) says first, then its words, then its paragraph."""
    found = year_rules()
    clause = CLAUSE_MARK.split(words)[-1]
    if OWN_YEAR.search(words) or YEAR_BEFORE.search(words):
        return False
    if found.average.search(clause):  # 年均超过70万人
        return True
    if indicator.kind == "target":  # a plan's (《纲要草案》…设置了29项主要指标…), unless its words name its year
        return in_period or found.multi_year.search(near(words)) is not None
    if indicator.role == "share":  # a rate is its year's
        return False
    level_named = found.year_levels.search(indicator.subject) and not found.increments.search(indicator.subject)
    own = found.reached.search(clause) or level_named
    if indicator.role == "level" and own and not found.multi_year.search(clause):  # 上市公司增至88家
        return False
    if found.multi_year.search(near(words)):
        return True
    if indicator.role == "change" and compared_year(near(words), about) is not None:
        return True
    return in_period and indicator.role in ("change", "level")


def sentence_before(text: str, offset: int, end: int) -> str:
    """The sentence that leads to the figure ending at ``end``, across its ；: from the last sentence end before
    ``offset`` (the frame it opens with, 1986年同1978年相比，…；国民收入由…, holds for all its clauses)."""
    return clause_before(text, offset, end, "。！？")


def near(words: str) -> str:
    """Of the words that lead to a figure, its own clause and its sentence's first (五年来，…，…): those that
    can say it is over several years (an earlier clause's 十年来首次 says nothing of it)."""
    clauses = CLAUSE_MARK.split(words)
    return clauses[0] if len(clauses) == 1 else f"{clauses[0]}，{clauses[-1]}"


def compared_year(words: str, about: int) -> int | None:
    """The earliest year ``words`` compare with (较2020年, 与2020年相比) before the year before ``about``, the
    figure's (比上年 is a year's change)."""
    years = [parse_year(match.group(1)) for match in COMPARED.finditer(words)]
    return min((found for found in years if found is not None and found < about - 1), default=None)


def parse_year(text: str) -> int | None:
    found = years_named(f"{text}年")
    return found[0][0] if found else None


def years_over(words: str, before: str, year: int, about: int, target: bool) -> str:
    """The years of a figure over several (see the module): ``words`` (``near``) lead to it, ``before`` is its
    paragraph up to it, after the headings above it. What its own words name comes first: a plan, then a year
    it is compared with or counts from (2020年以来), then the plan its paragraph or headings name."""
    found = year_rules()
    own = plan_start(words)
    if own is not None and (target or own <= about):  # a result of a plan to come is no plan's
        return plan_years(own, about, target)
    since = compared_year(words, about)
    if since is None:
        since = next((named for named, _ in years_named(words) if named < about - 1 and "以来" in words), None)
    if since is not None and not target:
        return span(since, about)
    plan = plan_start(before)
    if plan is not None and (target or plan <= about):
        return plan_years(plan, about, target)
    counted = found.years_count.search(words)  # 这五年, 近3年, 三年来
    number = parse_chinese_number(next(group for group in counted.groups() if group)) if counted else None
    count = int(number) if number else found.default_years
    return span(year, year + count - 1) if target else span(about - count + 1, about)


def plan_years(start: int, about: int, target: bool) -> str:
    """A plan's five years from ``start``; of a result, those up to the year it is about."""
    return span(start, start + 4 if target else min(start + 4, about))


def span(first: int, last: int) -> str:
    return f"{first}—{last}" if last > first else str(first)


def plan_start(text: str) -> int | None:
    """The first year of the five-year plan ``text`` names last (“十四五”, 第六个五年计划), or of the plan after it
    where it is compared with (比“十三五”时期增长78.9%)."""
    found = year_rules()
    named = [(match, plan_name(match)) for match in found.plan.finditer(text)]
    named = [(match, name) for match, name in named if name in found.plans]
    if not named:
        return None
    plan, name = named[-1]
    return found.plans[name] + (5 if found.compared_plan.search(text[: plan.start()]) else 0)


def plan_name(match: re.Match[str]) -> str:
    """“十四五” or 第十四个五年规划 as the plans are listed: 十四五."""
    return match.group("short") or f"{match.group('ordinal')}五"
