"""What keeps a figure of a headline indicator out of the series across years: ``resources/series.yaml`` in
(``rules``), and, per figure, its subject and the clause that leads to it, the flags that say why out
(``figure_flags``: a period's figure, another place's, a part, a revised or another year's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.archive.periods import OWN_YEAR, years_named
from build_tools.model import Indicator
from build_tools.resource_files import load_yaml

CLAUSE_END = "。；;！？!?\n"
# How far back the words that lead to a figure are read, at most: the corpus's longest sentence is 638
# characters; a line of thousands of figures and no clause mark was read in time growing with its square.
REACH = 1000


@dataclass(frozen=True)
class Rules:
    period: re.Pattern[str]
    other_place: re.Pattern[str]
    other_place_below: re.Pattern[str]
    revised: re.Pattern[str]
    exclude: dict[str, re.Pattern[str]]
    exclude_clause: dict[str, re.Pattern[str]]
    growth_subject: re.Pattern[str]
    growth_categories: frozenset[str]
    level_units: dict[str, str]
    generic_subject: re.Pattern[str]
    bare_rate: re.Pattern[str]  # 涨幅 alone: of the indicator the sentence before named
    no_target: dict[str, re.Pattern[str]]
    chart_min_years: int
    completion: re.Pattern[str]
    year_end: re.Pattern[str]  # 年末: a result at the year's end
    whole_year: re.Pattern[str]  # 全年: a target over the whole year
    thresholds: frozenset[str]
    measures: tuple[str, ...]  # 国民生产总值, 登记失业率: what one indicator is reported by


@cache
def rules() -> Rules:
    data = load_yaml("series.yaml")
    return Rules(
        period=re.compile(data["period"]),
        other_place=re.compile(data["other_place"]),
        other_place_below=re.compile(data["other_place_below_national"]),
        revised=re.compile(data["revised"]),
        exclude={name: re.compile(pattern) for name, pattern in data["exclude"].items()},
        exclude_clause={name: re.compile(pattern) for name, pattern in data["exclude_clause"].items()},
        growth_subject=re.compile(data["growth_subject"]),
        growth_categories=frozenset(data["growth_categories"]),
        level_units=data["level_units"],
        generic_subject=re.compile(data["generic_subject"]),
        bare_rate=re.compile(data["bare_rate"]),
        no_target={name: re.compile(pattern) for name, pattern in data["no_target"].items()},
        chart_min_years=int(data["chart_min_years"]),
        completion=re.compile(data["completion"]),
        year_end=re.compile(data["year_end"]),
        whole_year=re.compile(data["whole_year"]),
        thresholds=frozenset(data["threshold_qualifiers"]),
        measures=tuple(data["measures"]),
    )


def measures_named(category: str, subjects: tuple[str, ...]) -> list[str]:
    """The measures (``measures`` of ``resources/series.yaml``) a figure of ``category`` names by its subject, one of
    ``subjects``: not those the indicator's own name holds (社会消费品零售总额's 零售)."""
    return [measure for measure in rules().measures if measure not in category and any(measure in s for s in subjects)]


def measures_differ(category: str, target: str, actual: str) -> bool:
    """Whether a target and a result of ``category``, by their subjects, are of different measures (国民生产总值 and
    国内生产总值); a bare 涨幅 is the measure its sentence before named, not another one."""
    if rules().bare_rate.search(target) or rules().bare_rate.search(actual):
        return False
    return any((measure in target) != (measure in actual) for measure in measures_named(category, (target, actual)))


def clause_before(text: str, offset: int, end: int, marks: str = CLAUSE_END) -> str:
    """The clause that leads to the figure ending at ``end``: from the last of ``marks`` before ``offset``, at most
    ``REACH`` back."""
    start = max(text.rfind(mark, max(0, offset - REACH), offset) for mark in marks) + 1
    return text[max(start, offset - REACH) : end]


def figure_flags(
    indicator: Indicator, category: str, context: str, report_year: int | None, national: bool
) -> tuple[str, ...]:
    """What keeps the figure from being the year's own target or result of the report's own place."""
    found = rules()
    flags = []
    own_year = max((m.end() for m in OWN_YEAR.finditer(context)), default=0)
    if found.period.search(context, own_year):
        flags.append("period")
    at = context.rfind(indicator.subject) if indicator.subject else -1
    start = max([context.rfind(mark, 0, at) for mark in "，、：,:"] + [at - 12]) + 1 if at >= 0 else len(context) - 40
    near = context[max(0, start) : at + len(indicator.subject)] if at >= 0 else context[max(0, start) :]
    if found.other_place.search(near) or (not national and found.other_place_below.search(near)):
        flags.append("other-place")
    exclude = found.exclude.get(category)
    clause = found.exclude_clause.get(category)
    if (exclude is not None and exclude.search(indicator.subject)) or (clause is not None and clause.search(context)):
        flags.append("part")
    if found.revised.search(context):
        flags.append("revised")
    if report_year is not None:
        about = report_year if indicator.kind == "target" else report_year - 1
        for year, base in years_named(context):
            if year != about and not (base and year in (about - 1, about)):
                flags.append("other-year")
                break
    return tuple(flags)
