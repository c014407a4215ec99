"""Identity: who gave a report, where and when.

In: the report's source path as shown (folder/file), its cleaned paragraphs (the first ones matter most)
and the title line its source gave it, if any. Out: an ``Identity`` (year, date, session, speaker, place,
parent, code, level, province) whose ``inferred`` lists what was inferred rather than stated, and how.

Signals, strongest first: the dateline (——2026年1月28日在云南省第十四届人民代表大会第四次会议上, then
省长 王予波) and the title line (2026年吉林省政府工作报告); the speaker line (我代表市人民政府, 我代表国务院);
the first review heading (一、2023年工作回顾 is in the 2024 report); for the State Council, the sitting of
the National People's Congress the report addresses; then the folder and file name; last, for a place that
nothing names, the places the text names most (a city's counties vote for the city). Dates that are not a
dateline (a portal's 2006年02月16日, a newspaper's 时间：2026-02-02), photo captions, redacted years (20xx)
and hidden places (**镇) give nothing: unknown stays ``None``. Patterns and tables are in
``resources/identity.yaml``; places come from ``gazetteer.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from build_tools.archive.gazetteer import Place, gazetteer
from build_tools.archive.years import SPACE, addressed_sitting, normal_session, number, review_year, text_year
from build_tools.model import Identity
from build_tools.resource_files import load_yaml, pattern

RULES = "identity.yaml"


@dataclass
class Clues:
    """What the report's lines say, gathered before the place is settled."""

    year: int | None = None
    date: str | None = None
    session: str | None = None
    speaker: str | None = None
    national: bool = False
    body: str | None = None
    names: list[tuple[str, str | None]] = field(default_factory=list)  # (name as written, how inferred)
    level: tuple[str, str] | None = None  # (level, how) from the folder name
    inferred: dict[str, str] = field(default_factory=dict)

    def set_year(self, year: int | None, how: str | None = None) -> None:
        """Keep the first year found; ``how`` says how it was inferred (``None``: stated)."""
        if self.year is None and year is not None:
            self.year = year
            if how:
                self.inferred["year"] = how


def rules() -> dict[str, Any]:
    return load_yaml(RULES)


def read_dateline(head: Sequence[str], clues: Clues) -> None:
    """Date, session, place and speaker from the dateline, which a source may break over two lines."""
    for index, line in enumerate(head):
        found = pattern(RULES, "dateline").search(line)
        if not found and index + 1 < len(head):
            found = pattern(RULES, "dateline").search(line + head[index + 1])
            index += 1
        if not found:
            continue
        year, month, day = (number(found.group(key)) for key in ("year", "month", "day"))
        clues.set_year(year)
        if 1 <= month <= 12 and 1 <= day <= 31:
            clues.date = f"{year:04d}-{month:02d}-{day:02d}"
        session = pattern(RULES, "session").search(SPACE.sub("", found.group("session")))
        clues.session = normal_session(session) if session else None
        clues.national = clues.national or bool(found.group("national"))
        if found.group("where"):
            clues.names.append((found.group("where"), None))
        clues.speaker = read_speaker([found.group("rest"), *head[index + 1 : index + 3]])
        return


def later_date(lines: Sequence[str], date: str) -> str | None:
    """A day of the dateline's year after ``date`` that the text tells of (as 一九五四年九月十四日): no report tells of
    days after it was given, so the dateline is wrong."""
    for line in lines:
        for found in pattern(RULES, "body_date").finditer(line):
            year, month, day = (number(found.group(key)) for key in ("year", "month", "day"))
            told = f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""
            carried = pattern(RULES, "carried_by").search(line[max(0, found.start() - 8) : found.start()])
            if told[:4] == date[:4] and told > date and carried is None:
                return found.group()
    return None


def read_speaker(lines: Sequence[str]) -> str | None:
    """省长 王予波 from the line(s) under a dateline; an office alone may have the name on the next line."""
    speaker = pattern(RULES, "speaker")
    for index, line in enumerate(lines):
        line = SPACE.sub(" ", line).strip()
        if not line:
            continue
        found = speaker.match(line) or (
            speaker.match(f"{line}{lines[index + 1].strip()}") if index + 1 < len(lines) else None
        )
        if found and not (found.group("office") is None and index > 1):
            return f"{found.group('office')} {found.group('name')}" if found.group("office") else found.group("name")
        return None
    return None


def read_title(head: Sequence[str], clues: Clues) -> None:
    """2026年吉林省政府工作报告 → 2026 and 吉林省; a title of only 政府工作报告 says nothing."""
    for line in head:
        line = SPACE.sub("", line)
        found = pattern(RULES, "title").search(line) if len(line) <= rules()["short_paragraph"] else None
        if not found:
            continue
        if found.group("year"):
            clues.set_year(int(found.group("year")))
        named = pattern(RULES, "title_noise").sub("", line)
        if named in rules()["national_bodies"]:
            clues.national = True
        elif len(named) >= 2:
            clues.names.append((named, None))
        if named or found.group("year"):
            return


def read_body(head: Sequence[str], clues: Clues) -> None:
    """The body the speaker represents (我代表市人民政府 → 市), and a sitting the report addresses."""
    for line in head:
        found = pattern(RULES, "body").search(line)
        if found:
            council = found.group("council") or found.group("council2")
            clues.body = council or found.group("body")
            clues.national = clues.national or bool(council) or clues.body in rules()["national_bodies"]
            if clues.body and clues.body not in rules()["national_bodies"]:
                clues.names.append((clues.body, None))
            break
    for line in head:
        clues.national = clues.national or bool(pattern(RULES, "national_address").search(line))
    if clues.national and clues.year is None and (sitting := addressed_sitting(head[:6])):
        clues.session = clues.session or sitting[0]
        clues.set_year(*sitting[1])


def read_name(source: str, clues: Clues) -> None:
    """Year, place and level from the folder and file name: 2026_云南省.txt, national/1999.txt,
    national-1999.txt."""
    settings = rules()
    parts = PurePath(source).parts
    words = [PurePath(part).stem if index == len(parts) - 1 else part for index, part in enumerate(parts)]
    for word in reversed(words):
        found = pattern(RULES, "name_year").search(word)
        if found:
            named = int(found.group("year"))
            if clues.year is not None and named != clues.year and "year" in clues.inferred:
                # filed under another year (2025年/铜仁.txt holding 2024's report): the page says so
                clues.inferred["year"] += f"；文件名作 {named} 年"
            clues.set_year(named, "据文件名推定")
            break
    for depth, word in enumerate(reversed(words)):
        for name in pattern(RULES, "name_noise").split(word):
            if len(name) >= 2:
                clues.names.append((name, "据文件名推定"))
        for token in pattern(RULES, "name_words").findall(word):
            level = settings["folder_levels"].get(token.lower())
            if level and clues.level is None:
                clues.level = (level, "据文件名推定" if depth == 0 else "据文件夹名推定")


def file_place_names(source: str) -> list[str]:
    """The places the path of ``source`` names that the gazetteer knows (city/台州.txt: 台州), nearest first."""
    clues = Clues()
    read_name(source, clues)
    return [name for name, _ in clues.names if gazetteer().resolve(name, None)]


def body_suffix(body: str | None) -> str | None:
    """The kind of place a body names (市 for 市, 北京市; 自治区 for 自治区), longest first."""
    if not body:
        return None
    return next(
        (suffix for suffix in sorted(rules()["body_levels"], key=len, reverse=True) if body.endswith(suffix)), None
    )


def fits(place: Place, suffix: str | None) -> bool:
    """Whether ``place`` can be a body that ends in ``suffix`` (市 is a municipality, a city or a county-level city)."""
    if suffix is None:
        return True
    level = rules()["body_levels"][suffix]
    return place.name.endswith(suffix) and level in (place.level, "市")


def votes(lines: Sequence[str], suffix: str | None) -> Counter[Place]:
    """How strongly the text names each place: full name 2, short name 1, split among namesakes; each
    mention counts half for the place above it."""
    book, tally = gazetteer(), Counter[Place]()
    for mention in book.find("\n".join(lines)):
        weight = (2.0 if mention.full else 1.0) / max(1, len(mention.places))
        for place in mention.places:
            tally[place] += weight
            parent = book.by_code.get(place.parent_code or "")
            if parent is not None:
                tally[parent] += weight / 2
    return Counter({place: count for place, count in tally.items() if fits(place, suffix)})


def choose(tally: Counter[Place]) -> Place | None:
    ranked = tally.most_common(2)
    if not ranked or ranked[0][1] < rules()["vote_min"]:
        return None
    if len(ranked) > 1 and ranked[0][1] < rules()["vote_margin"] * ranked[1][1]:
        return None
    return ranked[0][0]


def settle_place(lines: Sequence[str], clues: Clues) -> tuple[Place | None, str | None, str | None]:
    """(place, its name when the gazetteer lacks it, how it was inferred)."""
    suffix = body_suffix(clues.body)
    book, tally = gazetteer(), None
    for name, how in clues.names:
        if pattern(RULES, "hidden_place").match(name[: -len(suffix)] if suffix and name.endswith(suffix) else name):
            continue
        named = book.resolve(name, clues.year)
        candidates = [place for place in named if fits(place, suffix)]
        body_chose = len(candidates) == 1 < len(named)  # 黄山 and 区人民政府: 黄山区, not 黄山市
        if len(candidates) > 1:
            tally = tally or votes(lines, suffix)
            best = max(candidates, key=lambda place: tally[place])
            candidates = [best] if tally[best] > max(tally[place] for place in candidates if place != best) else []
        if candidates:  # a file name or a title: the text may name another place throughout (阳泉's text in 吉林.txt)
            tally = tally or votes(lines, suffix)
            named_instead = choose(tally)
            if named_instead is not None and named_instead != candidates[0] and not tally[candidates[0]]:
                given = "文件名" if how else "标题"
                return named_instead, None, f"据正文地名推定；{given}作“{name}”，正文未提及"
        if candidates:
            if how and body_chose:
                how = f"据文件名“{name}”和正文“{clues.body}人民政府”推定"
            return candidates[0], None, how
        if suffix and rules()["body_levels"][suffix] == "乡镇" and name.endswith(suffix) and how is None:
            return None, name, None
    stem = clues.body[: len(clues.body) - len(suffix or "")] if clues.body else ""
    if stem and pattern(RULES, "hidden_place").match(stem):
        return None, None, None
    found = choose(tally or votes(lines, suffix))
    return found, None, "据正文地名推定" if found else None


def self_level(lines: Sequence[str]) -> tuple[str, str] | None:
    """(level, how) from the words a text uses of the whole of its own place (全镇, 全县: ``self_reference``), for a
    text that names neither its body nor its place."""
    settings = rules()
    words = Counter(found.group("word") for line in lines for found in pattern(RULES, "self_reference").finditer(line))
    by_level: Counter[str] = Counter()
    for word, count in words.items():
        by_level[settings["self_levels"][word]] += count
    ranked = by_level.most_common(2)
    if not ranked or ranked[0][1] < settings["self_min"]:
        return None
    if len(ranked) > 1 and ranked[0][1] < settings["self_margin"] * ranked[1][1]:
        return None
    level = ranked[0][0]
    if level == "国家":
        return None
    word = max((word for word in words if settings["self_levels"][word] == level), key=lambda word: words[word])
    return level, f"据正文“全{word}”（{ranked[0][1]} 处）推定"


def read_genre(lines: Sequence[str], heading: str | None = None) -> tuple[str, str] | None:
    """(genre, how) of a text that is no government work report (``genres``), from its title, first or last lines."""
    settings = rules()
    count = settings["genre_paragraphs"]
    opening = [*([heading] if heading else []), *lines[:count]]
    for genre in settings["genres"]:
        for key, part in (("opening", opening), ("closing", lines[-count:])):
            if key not in genre:  # a genre its opening alone tells
                continue
            found = next((match for line in part if (match := re.search(genre[key], line))), None)
            if found:
                return genre["genre"], f"据“{found.group()}”推定"
    return None


def identify(source: str, lines: Sequence[str], heading: str | None = None, *, collection: bool = False) -> Identity:
    """The identity of the report whose cleaned paragraphs are ``lines``; ``collection`` when its file holds
    several reports, whose common title names none of them."""
    settings = rules()
    head = [*([heading] if heading and not collection else []), *lines[: settings["head_paragraphs"]]]
    clues = Clues()
    read_dateline(head, clues)
    told = later_date(lines, clues.date) if clues.date else None
    if told is not None:  # 1954's dateline 1954年5月23日 over a text that tells of 一九五四年九月十四日
        clues.inferred["date"] = f"来源所署日期为{clues.date}，但正文提到其后的{told}"
        clues.date = None
    stated_by = "日期行" if clues.year is not None else "标题"
    read_title(head, clues)
    read_body(head, clues)
    review = review_year(lines)
    if review and clues.year is not None and review[0] != clues.year and "year" not in clues.inferred:
        # 2022年鄂州市政府工作报告 over 一、2023年工作回顾: the text's year, and the page says what the title said
        clues.year, clues.inferred["year"] = review[0], f"{review[1]}；{stated_by}作 {clues.year} 年"
    clues.set_year(*(review or (None, None)))
    if not collection:
        read_name(source, clues)
    clues.set_year(*(text_year(lines) or (None, None)))
    genre = read_genre(lines, heading)
    if genre:
        clues.inferred["genre"] = genre[1]
    known = {"year": clues.year, "date": clues.date, "session": clues.session, "speaker": clues.speaker}
    known["genre"] = genre[0] if genre else None
    if clues.national or (clues.body is None and not clues.names and clues.level and clues.level[0] == "国家"):
        if not clues.national and clues.level:
            clues.inferred["place"] = clues.inferred["level"] = clues.level[1]
        return Identity(**known, place=settings["national_place"], level="国家", inferred=tuple(clues.inferred.items()))
    place, unlisted, how = settle_place(lines, clues)
    if how:
        clues.inferred["place"] = how
    if place is not None:
        return Identity(
            **known,
            place=place.name,
            parent=place.parent,
            code=place.code,
            level=place.level,
            province=place.province,
            inferred=tuple(clues.inferred.items()),
        )
    suffix = body_suffix(clues.body)
    level = settings["body_levels"][suffix] if suffix else None
    if level is None and clues.level:
        level = clues.level[0]
        clues.inferred["level"] = clues.level[1]
    elif level is None and (own := self_level(lines)):
        level, clues.inferred["level"] = own
    elif level == "市":
        clues.inferred["level"] = f"据“{clues.body}人民政府”推定"
    return Identity(**known, place=unlisted, level=level, inferred=tuple(clues.inferred.items()))
