"""When a report was given, from what its text says: numerals, sessions of the National People's Congress,
review headings and the years a text names.

In: a report's cleaned paragraphs (or a regular-expression match over them). Out: a year, with the words it
was inferred from (``(year, how)``), or ``None``. Used by ``identity.py``; patterns and tables are in
``resources/identity.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from build_tools.resource_files import load_yaml, pattern

RULES = "identity.yaml"
SPACE = re.compile(r"\s+")

Inference = tuple[int, str]


def rules() -> dict[str, Any]:
    return load_yaml(RULES)


def number(text: str) -> int:
    """A number in Arabic digits, Han digits written one by one (二〇二六) or as 1–99 (二十七)."""
    text = SPACE.sub("", text)
    if text.isdigit():
        return int(text)
    digits: dict[str, int] = rules()["digits"]
    if "十" in text:
        tens, _, units = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)
    return int("".join(str(digits.get(char, 0)) for char in text))


def normal_session(found: re.Match[str]) -> str:
    """第十四届人民代表大会第四次会议, whatever spacing or abbreviation (十一届人大三次会议) the source used."""
    term, sitting = found.group("term"), found.group("sitting")
    congress = "全国人民代表大会" if found.group("national") else "人民代表大会"
    return f"第{term}届{congress}" + (f"第{sitting}次会议" if sitting else "")


def npc_year(found: re.Match[str]) -> int | None:
    """The year of a sitting of the National People's Congress (第一届…第五次会议 → 1958)."""
    term, sitting = number(found.group("term")), number(found.group("sitting") or "一")
    first = rules()["npc_terms"].get(term)
    return rules()["npc_sittings"].get(f"{term}-{sitting}", first + sitting - 1 if first else None)


def addressed_sitting(head: Sequence[str]) -> tuple[str | None, Inference] | None:
    """(session, (year, how)) of the national sitting a State Council report addresses (向第一届全国人民代表
    大会第五次会议…), or the year after a sitting it calls last year's (从去年9月第五届…第三次会议到现在)."""
    for line in head:
        for found in pattern(RULES, "session").finditer(line):
            if not found.group("national"):
                continue
            if pattern(RULES, "addressed").search(line[max(0, found.start() - 4) : found.start()]):
                year = npc_year(found)
                session = normal_session(found) if found.group("sitting") else None
                return (session, (year, f"据“{found.group()}”推定")) if year else None
            if pattern(RULES, "last_year").search(line[max(0, found.start() - 8) : found.start()]):
                year = npc_year(found)
                return (None, (year + 1, f"据“去年{found.group()}”推定")) if year else None
    return None


def review_year(lines: Sequence[str]) -> Inference | None:
    """The year after the one the first review looks back on: 一、2023年工作回顾 → 2024; “九五”时期…回顾 →
    2001; a review that names no year (一、过去一年工作回顾) → the year after the latest of those its section
    names most; failing a review, an opening such as 刚刚过去的1984年 → 1985."""
    settings = rules()
    plans = settings["plans"]
    for index, line in enumerate(lines[: settings["review_paragraphs"]]):
        text = SPACE.sub("", line)
        short = len(text) <= settings["short_paragraph"]
        found = pattern(RULES, "review").search(text) or (
            pattern(RULES, "review_heading").search(text) if short else None
        )
        if found:
            return int(found.group("year")) + 1, f"据“{quote(found)}”推定"
        found = pattern(RULES, "plan_review").search(text)
        if found and number(found.group("plan")) >= plans["number"]:
            end = plans["start"] + plans["length"] * (number(found.group("plan")) - plans["number"] + 1)
            return end, f"据“{quote(found)}”推定"
        if short and pattern(RULES, "review_unnamed").search(text):
            section = []
            for following in lines[index + 1 :]:
                if pattern(RULES, "next_section").match(following):
                    break
                section.append(following)
            year = most_named_year(section, latest=True, least=settings["section_year_votes"])
            return (year + 1, f"据“{text}”一节所述年份推定") if year else None
    for line in lines[: settings["head_paragraphs"]]:
        found = pattern(RULES, "past_year").search(SPACE.sub("", line))
        if found:
            return int(found.group("year") or found.group("year2")) + 1, f"据“{quote(found)}”推定"
    return None


def text_year(lines: Sequence[str]) -> Inference | None:
    """The year after the one a whole text names most, when it names one often enough."""
    year = most_named_year(lines, latest=False, least=rules()["year_votes"])
    return (year + 1, "据正文最常提到的年份推定") if year else None


def quote(found: re.Match[str]) -> str:
    return found.group().lstrip("。：:！")[:30]


def most_named_year(lines: Sequence[str], *, latest: bool, least: int) -> int | None:
    """The year ``lines`` name most (ties to the later); with ``latest``, the latest year named at least half
    as often (a five-year review names its first and last years alike). ``None`` below ``least`` mentions."""
    counts: Counter[int] = Counter()
    for line in lines:
        for found in pattern(RULES, "year_mention").finditer(line):
            counts[number(found.group("year") or found.group("han"))] += 1
    if not counts or max(counts.values()) < least:
        return None
    top = max(counts.values())
    return max(year for year, count in counts.items() if count * (2 if latest else 1) >= top)
