"""Headline indicators across years: each report's small ``SeriesFacts`` in, ``SeriesRow``s out.

In: per report (made in the worker that processes its file, from the report alone) its place, level and
year, and every figure it states for a headline indicator (``resources/indicators/core.yaml``) with what
the figure is about: its category, role, kind, value, qualifier, unit, source line and link, and flags
for what keeps it from being a year's target or result (a five-year average or plan, another place or
sector, another year, a revised figure), plus the headline indicators for which the report says it sets
no target (``resources/series.yaml``).

Out: one ``SeriesRow`` per place, indicator, role and year: the target the year's own report sets
(value, upper value, qualifier), the result the next year's report gives for that year, and a verdict.
A year whose own report is missing still gets a row when the next report gives its result. Where a
later report restates the year's result as revised, the row carries the revision. Nothing here reads
files or renders pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from build_tools.archive.figure_years import figure_years
from build_tools.archive.periods import compared_with_earlier, over_the_period, period_paragraphs
from build_tools.archive.series_rules import clause_before, figure_flags, measures_differ, rules
from build_tools.archive.verdicts import (
    NEXT_MISSING,
    NO_TARGET,
    NOT_FOUND,
    OTHER_MEASURE,
    OWN_MISSING,
    PENDING,
    POINT_FOR_YEAR,
    UNPUBLISHED,
    verdict_of,
)
from build_tools.memo import kept
from build_tools.model import Indicator, Report, shared_words
from build_tools.report.indicators.subjects import BASE_MARK

PlaceKey = tuple[str, str, str]
GAP = 3  # a year whose report states nothing of an indicator is a row when one this close on each side does


@dataclass(frozen=True)
class SeriesFigure:
    """One figure of a headline indicator in a report. ``year`` is the year it is about (the report's year
    for a target, the year before for a result); ``flags`` name what keeps it out of the series
    (``period``, ``other-place``, ``other-year``, ``part``, ``revised``, ``amount``: a change that is no
    rate, 增加1501亿元 or 1个百分点)."""

    category: str
    role: str
    kind: str
    value: float | None
    value_high: float | None
    qualifier: str | None
    unit: str
    line: int
    link: str
    year: int | None
    flags: tuple[str, ...] = ()
    subject: str = ""
    year_end: bool = False  # its words say it is the year's end's (年末城镇调查失业率降到5.5%)
    whole_year: bool = False  # its words say it is over the whole year (全年控制在5.5%以内)

    def __reduce__(self) -> tuple[Callable[..., SeriesFigure], tuple[Any, ...]]:
        """Pickled as its fields, read back by ``read_back_figure``."""
        return read_back_figure, tuple(getattr(self, name) for name in self.__dataclass_fields__)


def read_back_figure(*fields: Any) -> SeriesFigure:
    """A figure unpickled (from the cache, or from a worker) with its words (indicator, role, kind,
    qualifier, unit, flags, subject; all but its link) shared with every other figure's (``sys.intern``),
    not copied into each: the build holds every report's figures."""
    named = zip(SeriesFigure.__dataclass_fields__, fields, strict=True)
    return SeriesFigure(*(shared_words(value) if name in SHARED_WORDS else value for name, value in named))


SHARED_WORDS = ("category", "role", "kind", "qualifier", "unit", "flags", "subject")


@dataclass(frozen=True)
class SeriesFacts:
    """What the series and comparison pages need of one report, and nothing more."""

    slug: str
    page: str
    title: str
    place_key: PlaceKey
    level: str | None
    year: int | None
    figures: tuple[SeriesFigure, ...] = ()
    no_target: tuple[tuple[str, int], ...] = ()  # (category, line) of each sentence setting no target
    characters: int = 0
    outline: tuple[str, ...] = ()  # the report's top-level headings


@dataclass(frozen=True)
class Source:
    report: str  # the report's page name (slug)
    line: int
    link: str  # reports/SLUG.md#fig-N
    subject: str = ""  # what the report says the figure measures (国民生产总值 where the series is GDP's)
    year_end: bool = False  # a result its words say is the year's end's


@dataclass(frozen=True)
class SeriesRow:
    place_key: PlaceKey
    level: str | None
    indicator: str
    role: str
    year: int
    target: float | None = None
    target_high: float | None = None
    qualifier: str | None = None
    actual: float | None = None
    unit: str = ""
    actual_qualifier: str | None = None  # 超过126万亿元: the result's own word, as its report wrote it
    verdict: str = ""
    target_source: Source | None = None
    actual_source: Source | None = None
    actual_estimate: bool = False
    revised: tuple[tuple[float | None, Source], ...] = ()

    @property
    def place(self) -> str:
        return self.place_key[2]


def series_facts(
    report: Report,
    *,
    place_key: PlaceKey,
    category_of: Callable[[Indicator], str | None],
    link_of: Callable[[int], str],
    outline: Sequence[str] = (),
) -> SeriesFacts:
    """The ``SeriesFacts`` of ``report``: ``category_of`` names an indicator's headline category (or None),
    ``link_of`` gives the link to the figure numbered ``n`` in the report's reading order."""
    identity, paragraphs = report.identity, report.cleaned.paragraphs
    national = identity.level == "国家"
    found = rules()
    growth, generic = found.growth_subject, found.generic_subject
    grows, units = found.growth_categories, found.level_units
    periods = period_paragraphs(report)
    about = figure_years(report)
    figures: list[SeriesFigure] = []
    previous: tuple[Indicator, str | None] | None = None
    for number, indicator in enumerate(report.indicators):
        category = category_of(indicator)
        bare = found.bare_rate.search(indicator.subject) is not None
        if category is None and (generic.search(indicator.subject) or bare) and previous is not None:
            before, named = previous
            text = paragraphs[indicator.paragraph].text if indicator.paragraph < len(paragraphs) else ""
            ends = text[before.offset : indicator.offset].count("。")  # a bare rate may be the sentence before's
            same = before.paragraph == indicator.paragraph and ends <= (1 if bare else 0)
            category = named if same else None
        previous = (indicator, category)
        if category is None or indicator.kind in (None, "hypothetical"):
            continue
        role = indicator.role
        share_of = indicator.subject.endswith("的")  # 国家财政收入的60%左右要经过地方收交: a share of it
        rate = growth.search(indicator.subject) is not None or category in grows
        if role == "share" and indicator.unit == "%" and rate and not share_of:
            role = "change"  # 地区生产总值增长6.5%、力争7%: a stretch target is a rate of growth too
        text = paragraphs[indicator.paragraph].text if indicator.paragraph < len(paragraphs) else indicator.span
        end = indicator.offset + len(indicator.cleaned_span or indicator.span)
        context = clause_before(text, indicator.offset, end)
        year = identity.year if indicator.kind == "target" or identity.year is None else identity.year - 1
        flags = figure_flags(indicator, category, context, identity.year, national)
        if "other-year" in flags and role != "change" and about[number] == str(year) and not base_of(indicator):
            # 从2009年的2.8%降到去年的1.5%左右: the year a change starts from is not the year of the level it reached
            flags = tuple(flag for flag in flags if flag != "other-year")
        if indicator.paragraph in periods and over_the_period(role, indicator.kind, category, context, year):
            flags += ("period",)
        if role == "change" and compared_with_earlier(text, indicator.offset, year):
            flags += ("period",)
        if found.completion.search(context):  # 分别完成年计划的118.2%、248.57%: a share of a plan, no rate
            flags += ("part",)
        if role == "change" and indicator.unit != "%":  # 增加1501亿元, 高于省平1个百分点: no rate of growth
            flags += ("amount",)
        if role == "level" and units.get(category, indicator.base_unit) != indicator.base_unit:
            flags += ("amount",)  # 3个千亿元台阶: a count of something else
        if (role == "share" and category in grows) or base_of(indicator):
            flags += ("part",)  # a share of output or revenue; the figure a change starts from (从26.6万亿元…)
        recalled = about[number].isdigit() and identity.year is not None and int(about[number]) < identity.year
        if indicator.kind == "target" and recalled:  # 去年政府工作报告提出，物价涨幅要…降到10%左右: 1996's, in 1997's
            flags += ("restated",)
        later = about[number].isdigit() and identity.year is not None and int(about[number]) > identity.year
        if indicator.kind == "target" and later:  # 1980's 二、1981年国民经济计划…: 人口自然增长率为1％ is 1981's
            flags += ("other-year",)
        flags = tuple(dict.fromkeys(flags))  # each once
        value, value_high = indicator.value, indicator.value_high
        if role == "change" and indicator.fall:  # 固定资产投资下降3.3%: a growth of -3.3%
            value, value_high = negated(value, value_high)
        figures.append(
            SeriesFigure(
                category, role, indicator.kind, value, value_high, indicator.qualifier,
                indicator.unit, indicator.line, link_of(number), year, flags, indicator.subject,
                found.year_end.search(context) is not None, found.whole_year.search(context) is not None,
            )
        )
    no_target = []
    for paragraph in paragraphs:
        for category, pattern in rules().no_target.items():
            match = pattern.search(paragraph.text)
            if match:
                no_target.append((category, paragraph.line_at(match.start())))
    return SeriesFacts(
        slug=report.slug,
        page=f"reports/{report.slug}.md",
        title=report.title,
        place_key=place_key,
        level=identity.level,
        year=identity.year,
        figures=tuple(figures),
        no_target=tuple(no_target),
        characters=sum(len(paragraph.text) for paragraph in paragraphs),
        outline=tuple(outline),
    )


def base_of(indicator: Indicator) -> bool:
    """Whether the figure is the one a change starts from (从26.6万亿元…, 比上年的…)."""
    return indicator.subject.endswith(BASE_MARK)


def negated(value: float | None, high: float | None) -> tuple[float | None, float | None]:
    """A fall's figures as a change's: 下降3%—5% is a change of -5% to -3%."""
    if value is None:
        return None, None
    return (-high, -value) if high is not None else (-value, None)


def usable(figure: SeriesFigure) -> bool:
    return not figure.flags and figure.value is not None


def first_target(facts: SeriesFacts | None, category: str, role: str) -> SeriesFigure | None:
    return firsts(facts).get((category, role, "target")) if facts is not None else None


def first_result(facts: SeriesFacts | None, category: str, role: str) -> SeriesFigure | None:
    """The report's result for the year before it: an actual figure, else an estimate."""
    return result_in(firsts(facts), category, role) if facts is not None else None


def result_in(found: dict[tuple[str, str, str], SeriesFigure], category: str, role: str) -> SeriesFigure | None:
    return found.get((category, role, "actual")) or found.get((category, role, "estimate"))


def firsts(facts: SeriesFacts) -> dict[tuple[str, str, str], SeriesFigure]:
    """The first usable figure of each (category, role, kind) of the report; a threshold passed gives way
    to a figure the report states exactly (突破3万亿元、达3.6万亿元 is 3.6万亿元)."""
    thresholds = rules().thresholds
    found: dict[tuple[str, str, str], SeriesFigure] = {}
    for figure in facts.figures:
        if usable(figure):
            key = (figure.category, figure.role, figure.kind)
            held = found.get(key)
            if held is None or (held.qualifier in thresholds and figure.qualifier not in thresholds):
                found[key] = figure
    return found


def source(facts: SeriesFacts, figure: SeriesFigure) -> Source:
    return Source(facts.slug, figure.line, figure.link, figure.subject, figure.year_end)


def chosen_reports(facts: Iterable[SeriesFacts]) -> dict[PlaceKey, dict[int, SeriesFacts]]:
    """Per place, the report of each year (of several, the first with the most headline figures)."""
    places: dict[PlaceKey, dict[int, SeriesFacts]] = defaultdict(dict)
    for item in facts:
        if item.year is None:
            continue
        held = places[item.place_key].get(item.year)
        if held is None or sum(map(usable, item.figures)) > sum(map(usable, held.figures)):
            places[item.place_key][item.year] = item
    return places


def revisions(by_year: dict[int, SeriesFacts]) -> dict[tuple[str, str, int], tuple[tuple[float | None, Source], ...]]:
    """The figures that later reports give as revised results of an earlier year, by (category, role,
    year), in the order of the reports: one pass over the place's reports, however many years it has."""
    found: dict[tuple[str, str, int], list[tuple[float | None, Source]]] = defaultdict(list)
    for later in sorted(by_year):
        facts = by_year[later]
        for figure in facts.figures:
            earlier = figure.year is not None and figure.year < later
            if earlier and figure.kind != "target" and figure.flags == ("revised",) and figure.value is not None:
                found[(figure.category, figure.role, figure.year)].append((figure.value, source(facts, figure)))
    return {key: tuple(figures) for key, figures in found.items()}


def place_rows(key: PlaceKey, by_year: dict[int, SeriesFacts]) -> list[SeriesRow]:
    """The rows of one place: for each headline indicator and role it states, each year it has (a year
    whose report states nothing of it, with a year that does at most ``GAP`` years before it and one
    after, as such: 2000 and 2001 of 全国's growth)."""
    pairs = sorted({(f.category, f.role) for facts in by_year.values() for f in facts.figures if usable(f)})
    newest = max(by_year)
    level = by_year[newest].level
    revised = revisions(by_year)
    found = {year: firsts(facts) for year, facts in by_year.items()}  # once a report, not once an indicator
    rows = []
    for category, role in pairs:
        years = set(by_year) | {y - 1 for y in by_year if result_in(found[y], category, role)}
        stated = {y for y in years if y in found and (category, role, "target") in found[y]}
        stated |= {y - 1 for y in years if y in found and result_in(found[y], category, role)}
        for year in sorted(years):
            own, following = by_year.get(year), by_year.get(year + 1)
            target = found[year].get((category, role, "target")) if own is not None else None
            actual = result_in(found[year + 1], category, role) if following is not None else None
            sets_none = own is not None and any(name == category for name, _ in own.no_target)
            if target is None:
                verdict = NO_TARGET if sets_none else OWN_MISSING if own is None else NOT_FOUND
            elif actual is not None and target.whole_year and actual.year_end:  # actual: the following report's
                verdict = POINT_FOR_YEAR  # 2022's 全年控制在5.5%以内 and 年末…降到5.5%: not one measure
            elif actual is not None and measures_differ(category, target.subject, actual.subject):
                verdict = OTHER_MEASURE  # 1993's 国民生产总值 target, 1994's 国内生产总值 result
            elif following is not None:
                verdict = verdict_of(category, target, actual) if actual is not None else UNPUBLISHED
            else:
                verdict = PENDING if year >= newest else NEXT_MISSING
            nothing = target is None and actual is None and own is not None and not sets_none
            near = stated & set(range(year - GAP, year)) and stated & set(range(year + 1, year + GAP + 1))
            if nothing and not near:
                continue  # not a gap of a few years between years the place states it (a longer one says no more)
            unit = (target or actual).unit if (target or actual) else ""
            rows.append(
                SeriesRow(
                    place_key=key, level=level, indicator=category, role=role, year=year,
                    target=target.value if target else None,
                    target_high=target.value_high if target else None,
                    qualifier=target.qualifier if target else None,
                    actual=actual.value if actual else None, unit=unit, verdict=verdict,
                    actual_qualifier=actual.qualifier if actual else None,
                    target_source=source(own, target) if own and target else None,
                    actual_source=source(following, actual) if following and actual else None,
                    actual_estimate=actual is not None and actual.kind == "estimate",
                    revised=revised.get((category, role, year), ()),
                )
            )
    return rows


@kept
def kept_place_rows(key: PlaceKey, reports: tuple[tuple[int, SeriesFacts], ...]) -> tuple[SeriesRow, ...]:
    """``place_rows`` of the place's (year, report) pairs; in a server, those of the last build while the
    place's reports are the same (``memo``)."""
    return tuple(place_rows(key, dict(reports)))


def series_rows(facts: Iterable[SeriesFacts]) -> list[SeriesRow]:
    """Every place's rows, places in order, each place's by indicator, role and year."""
    places = sorted(chosen_reports(facts).items())
    return [row for key, by_year in places for row in kept_place_rows(key, tuple(by_year.items()))]
