"""The home page's ways into the archive: the catalogue's listed reports and the failed files in, Markdown out.

By level, by province and by year (each with its count), the newest reports, and the files that could not be
published with what kept each out. Its size grows with the levels, provinces and years, never with the reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from build_tools.archive.catalogue import level_rank
from build_tools.model import InputError
from build_tools.pages.browse import (
    NEWEST,
    Listed,
    division_codes,
    inline_list,
    level_of,
    level_path,
    link,
    newest_first,
    official_order,
    place_path,
    province_of,
    report_table,
    year_path,
    year_text,
)
from build_tools.pages.render import escape_markdown, labels, table


def home_sections(listed: Sequence[Listed], errors: Sequence[InputError]) -> list[str]:
    """The home page's ways in: by level, by province, by year, the newest reports, and what failed."""
    words, path = labels(), "index.md"
    columns = words["browse_columns"]
    levels = Counter(level_of(item.entry) for item in listed)
    provinces = Counter(province_of(item.entry) for item in listed)
    years = Counter(item.entry.year for item in listed)
    parts = [f"## {words['browse_levels_heading']}\n"]
    level_rows = [[link(path, level_path(name), name), str(levels[name])] for name in sorted(levels, key=level_rank)]
    parts.append(table([columns["level"], columns["reports"]], level_rows))
    parts.append(f"## {words['browse_provinces_heading']}\n")
    codes = division_codes(listed)
    in_order = sorted(provinces.items(), key=lambda pair: official_order((pair[0], "", pair[0]), codes))
    by_province = [link(path, place_path((p, "", p)), f"{p}（{count}）") for p, count in in_order]
    parts.append(inline_list(by_province, whole=True))
    parts.append(f"## {words['browse_years_heading']}\n")
    by_year = sorted(years.items(), key=lambda pair: -(pair[0] or 0))
    by_year_links = [link(path, year_path(year), f"{year_text(year)}（{count}）") for year, count in by_year]
    parts.append(inline_list(by_year_links, whole=True))
    ordered = newest_first(listed)
    parts.append(f"## {words['browse_newest_heading']}\n")
    if len(ordered) > NEWEST:  # the table says it is not the whole of its year (甘肃 was the 21st of 2026's 21)
        parts.append(escape_markdown(words["browse_newest_intro"].format(shown=NEWEST, total=len(ordered))) + "\n")
    parts.append(report_table(path, ordered[:NEWEST], with_place=True))
    if len(ordered) > NEWEST:  # the rest of the newest year (and the years before) are a click away
        year = ordered[0].entry.year
        more = link(path, year_path(year), words["browse_newest_more"].format(year=year_text(year), count=years[year]))
        parts.append(more + "\n")
    if errors:
        parts.append(f"## {words['errors_heading']}\n")
        parts += [f"- {escape_markdown(e.source)}：{escape_markdown(error_text(e))}" for e in errors]
    return parts


def error_text(error: InputError) -> str:
    """What kept a file from being published, in Chinese by its kind, then the problem as the build log gives it:
    中文太少，不是报告正文（8% of its characters are Chinese…）."""
    kinds = labels()["error_kinds"]
    return f"{kinds[error.kind]}（{error.problem}）" if error.kind in kinds else error.problem
