"""A year's target and the result the next report gives for it in, a verdict out (met, missed, …).

A target is met when the result reaches it: its low end, or for a ceiling (a price rise, an unemployment
rate, a target worded 以内 or 控制在) its high end; a rate worded 左右 that the result misses by no more than
``about_band`` points is near it (接近目标: 2015's 6.9% for 7%左右), neither met nor missed. Figures in different
units (亿元 and 万亿元 are one) get no verdict. The ceilings are ``ceiling_*`` and ``floor_qualifiers`` of
``resources/series.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from build_tools.report.indicators.rules import rate_bases
from build_tools.resource_files import load_yaml

# The verdicts, in the words of resources/labels.yaml ``series_verdicts``.
MET, MISSED, UNPUBLISHED, NO_TARGET, PENDING = "met", "missed", "unpublished", "no-target", "pending"
NEAR = "near"  # short of a target worded 左右 by no more than its band: 2015's 6.9% for 7%左右
NEXT_MISSING, OWN_MISSING, NOT_FOUND = "next-missing", "own-missing", "not-found"
POINT_FOR_YEAR = "point-for-year"  # a year-end result of a target set for the whole year: not compared
OTHER_MEASURE = "other-measure"  # a target and a result of different measures (国民生产总值, 国内生产总值)


class Stated(Protocol):
    """A figure as a verdict reads it (``archive.series.Stated``)."""

    @property
    def value(self) -> float | None: ...
    @property
    def value_high(self) -> float | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def subject(self) -> str: ...


@dataclass(frozen=True)
class Ceilings:
    categories: frozenset[str]
    subjects: re.Pattern[str]
    qualifiers: frozenset[str]
    floor_qualifiers: frozenset[str]
    about_qualifiers: frozenset[str]
    about_band: float


@cache
def ceilings() -> Ceilings:
    data = load_yaml("series.yaml")
    return Ceilings(
        categories=frozenset(data["ceiling_categories"]),
        subjects=re.compile(data["ceiling_subjects"]),
        qualifiers=frozenset(data["ceiling_qualifiers"]),
        floor_qualifiers=frozenset(data["floor_qualifiers"]),
        about_qualifiers=frozenset(data["about_qualifiers"]),
        about_band=float(data["about_band"]),
    )


def is_ceiling(category: str, figure: Stated) -> bool:
    found = ceilings()
    if figure.qualifier in found.qualifiers:
        return True
    if figure.qualifier in found.floor_qualifiers:
        return False
    return category in found.categories or bool(found.subjects.search(figure.subject))


UNIT_PREFIX = {"万亿": 1e12, "千亿": 1e11, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}


def in_base(value: float, unit: str) -> tuple[float, str]:
    """``value`` of ``unit`` in its base unit: 9500亿元 is 9.5e11 元, and a rate per thousand one per hundred
    (10.06‰ of 1997's natural growth of the population is 1.006%, beside 1979's 1.17%)."""
    rate = rate_bases().get(unit)
    if rate is not None:
        base, factor = rate
        return value * factor, base
    for prefix, factor in UNIT_PREFIX.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return value * factor, unit[len(prefix) :]
    return value, unit


def verdict_of(category: str, target: Stated, actual: Stated) -> str:
    """met when the result reaches the target (its low end; for a ceiling, its high end)."""
    assert target.value is not None and actual.value is not None
    low, low_unit = in_base(target.value, target.unit)
    high, _ = in_base(target.value_high if target.value_high is not None else target.value, target.unit)
    result, result_unit = in_base(actual.value, actual.unit)
    if low_unit != result_unit:
        return UNPUBLISHED
    found = ceilings()
    band = found.about_band if target.qualifier in found.about_qualifiers and result_unit == "%" else 0.0
    if is_ceiling(category, target):
        return MET if result <= high + 1e-9 else NEAR if result <= high + band + 1e-9 else MISSED
    return MET if result >= low - 1e-9 else NEAR if result >= low - band - 1e-9 else MISSED
