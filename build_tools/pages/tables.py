"""Indicator tables: processed ``Report``s in, grouped table rows, headline categories and downloads out.

Groups a report's indicators by kind (target, actual, estimate), puts the headline (core)
indicators first, and writes every indicator as CSV (UTF-8 with BOM, for Excel) with the same field
names as ``python -m build_tools inspect``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from build_tools.archive.figure_years import figure_years
from build_tools.model import Indicator, Report, plain_number
from build_tools.resource_files import load_yaml

KIND_ORDER: tuple[str | None, ...] = ("target", "actual", "estimate", "hypothetical", None)
FIELDS = (
    "subject", "value", "value_high", "unit", "base_value", "base_unit",
    "role", "fall", "qualifier", "kind", "line", "span",
)
DOWNLOAD_FIELDS = ("report", *FIELDS, "years", "core")


@dataclass(frozen=True)
class CoreCategory:
    name: str
    pattern: re.Pattern[str]
    national_name: str  # its name for the whole country (国内生产总值)
    excluded: re.Pattern[str] | None = None  # subjects that name it and are not it (单位国内生产总值能耗)
    series_names: tuple[tuple[str, str], ...] = ()  # role → the name of its series (share: 城镇失业率)


@cache
def core_categories() -> tuple[CoreCategory, ...]:
    return tuple(
        CoreCategory(
            e["name"], re.compile(e["pattern"]), e.get("national_name", e["name"]),
            re.compile(e["not"]) if "not" in e else None, tuple((e.get("series_names") or {}).items()),
        )
        for e in load_yaml("indicators/core.yaml")
    )


def series_name(name: str, role: str) -> str | None:
    """What the series of ``role`` of the headline indicator ``name`` measures, where its name says it better than
    the indicator's with the role (就业's rates are 城镇失业率, not 就业（比率）); ``None`` elsewhere."""
    return next((dict(c.series_names).get(role) for c in core_categories() if c.name == name), None)


GNP = "国民生产总值"  # what the State Council's reports measured output by until 1993


def category_name(name: str, national: bool, subject: str = "") -> str:
    """A headline indicator's name as a reader of the page expects it: the country's GDP is 国内生产总值,
    not the 地区生产总值 of a region; a figure of gross national product (``subject`` names it) is 国民生产总值."""
    if not national:
        return name
    national_name = next((c.national_name for c in core_categories() if c.name == name), name)
    return GNP if GNP in subject and name == core_categories()[0].name else national_name


def core_category(indicator: Indicator) -> str | None:
    """The headline indicator ``indicator`` measures, or None."""
    for category in core_categories():
        if category.pattern.search(indicator.subject) and not (
            category.excluded is not None and category.excluded.search(indicator.subject)
        ):
            return category.name
    return None


def core_rank(indicator: Indicator) -> int:
    names = [category.name for category in core_categories()]
    category = core_category(indicator)
    return names.index(category) if category else len(names)


def grouped(indicators: Iterable[Indicator]) -> list[tuple[str | None, list[tuple[int, Indicator]]]]:
    """(kind, [(number in reading order, indicator)]) per kind, core indicators first in each."""
    numbered = list(enumerate(indicators))
    groups = []
    for kind in KIND_ORDER:
        rows = [(n, i) for n, i in numbered if i.kind == kind]
        if rows:
            groups.append((kind, sorted(rows, key=lambda row: (core_rank(row[1]), row[0]))))
    return groups


def format_number(value: float | None, high: float | None = None) -> str:
    """A value as the tables show it: 8, 8–9 (nothing for none)."""
    if value is None:
        return ""
    return f"{plain_number(value)}–{plain_number(high)}" if high is not None else plain_number(value)


def indicators_download_path(year: int | None) -> str:
    """Where the indicators of the reports of ``year`` are published (``unknown`` for reports of no known year),
    as CSV compressed with gzip (a quarter of its size), which a click on its link saves as plain CSV."""
    return f"downloads/indicators/{year if year is not None else 'unknown'}.csv.gz"


def indicator_record(indicator: Indicator) -> dict[str, Any]:
    return {field: getattr(indicator, field) for field in FIELDS}


def download_rows(reports: Iterable[Report]) -> list[dict[str, Any]]:
    rows = []
    for report in reports:
        for indicator, years in zip(report.indicators, figure_years(report), strict=True):
            rows.append(
                {
                    "report": report.slug,
                    **indicator_record(indicator),
                    "years": years,
                    "core": core_category(indicator) or "",
                }
            )
    return rows


def as_csv(rows: list[dict[str, Any]], *, header: bool = True) -> bytes:
    """CSV with a header row, UTF-8 with BOM so that spreadsheet programs read the Chinese; without
    ``header``, the rows alone (to follow another table's header)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=DOWNLOAD_FIELDS, lineterminator="\r\n")
    if header:
        writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig" if header else "utf-8")


