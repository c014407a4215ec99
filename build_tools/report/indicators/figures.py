"""Figures: a paragraph's text in, each number-with-unit in it (``_Figure``) out, with the figures that are no
indicator (article numbers, attributes, quotes) rejected; paragraphs a page cut in two are read as one run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from build_tools.folding import HAN_CHARACTER
from build_tools.model import Paragraph
from build_tools.report.indicators.numerals import _CN_DIGITS, _CN_START, _FULL_WIDTH, _REDACTED_FULL, _parse_number
from build_tools.report.indicators.rejects import _rejected
from build_tools.report.indicators.rules import _Rules, _Unit, falls

_HAS_FULL_WIDTH = re.compile("[０-９．％]")
_LISTED_NUMBER = re.compile(r"(?<![\d.,])(?P<number>\d+(?:\.\d+)?)[、和]$")
# a number grouped by thousands with the full-width comma (粮食产量33，212万吨, as old reports write them)
_THOUSANDS_GROUPED = re.compile("(?<![0-9.])[0-9]{1,3}(?:，[0-9]{3})+(?![0-9])")
# a middle dot for the decimal point of a percentage (增长5·8％); elsewhere it names a date (“7·22”)
_DOT_DECIMAL = re.compile("(?<=[0-9])·(?=[0-9]+[%％])")
_TERMINAL = "。！？!?；;：:”\"…）)"
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|——|第[一二三四五六七八九十]+[，、])"
)
_CUT_PARAGRAPH_MIN = 40


@dataclass(frozen=True)
class _Run:
    """One or more paragraphs read as one text (a paragraph the source page cut in two)."""

    text: str
    indices: tuple[int, ...]
    starts: tuple[int, ...]

    def locate(self, offset: int) -> tuple[int, int]:
        """The (position in ``indices``, offset in that paragraph) of a character of ``text``."""
        pos = 0
        for i, start in enumerate(self.starts):
            if start <= offset:
                pos = i
        return pos, offset - self.starts[pos]


def _is_cut(paragraph: Paragraph, following: Paragraph) -> bool:
    text = paragraph.text.rstrip()
    return (
        len(text) >= _CUT_PARAGRAPH_MIN
        and text[-1] not in _TERMINAL
        and not _HEADING_START.match(following.text.lstrip())
    )


def _runs(paragraphs: Sequence[Paragraph]) -> list[_Run]:
    runs: list[_Run] = []
    texts: list[str] = []
    indices: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        texts.append(paragraph.text)
        indices.append(index)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if following is None or not _is_cut(paragraph, following):
            starts, position = [], 0
            for text in texts:
                starts.append(position)
                position += len(text)
            runs.append(_Run("".join(texts), tuple(indices), tuple(starts)))
            texts, indices = [], []
    return runs


# ───────────────────────────── figures ─────────────────────────────


@dataclass
class _Figure:
    """A number with its unit found in a run, before it becomes an Indicator."""

    start: int  # span start (lead verb and qualifier included)
    number_start: int
    end: int  # span end (trailing qualifier included)
    value: float | None
    value_high: float | None
    unit: str
    unit_info: _Unit | None
    magnitude: float
    qualifier: str | None
    chinese: bool
    changed: bool  # a change verb stands right before the number
    fall: bool = False  # that verb, or a list's before it, is one of falling (下降, 减少)
    per: str = ""  # what the unit is per, as written after it (/人, /日)
    limit: int = 0  # where the next figure starts (or the run ends)
    subject: str = ""
    base: bool = False
    previous: _Figure | None = None  # the figure before it in the same sentence
    consumed: int = 0  # end of the text this figure's subject took after it
    average: bool = False  # of a year's average over several (年均增长6.5%): its indicator's subject says so
    part: str = ""  # the part of the year its clause opens on (一季度增长4.5%): its indicator's subject says so


def _find_figures(text: str, rules: _Rules) -> list[_Figure]:
    # the same length as ``text``, so that offsets stay those of ``text``
    norm = text.translate(_FULL_WIDTH) if _HAS_FULL_WIDTH.search(text) else text
    if "，" in norm:
        norm = _THOUSANDS_GROUPED.sub(lambda number: number.group().replace("，", ","), norm)
    if "·" in norm:
        norm = _DOT_DECIMAL.sub(".", norm)
    found: list[_Figure] = []
    taken_until = 0
    for match in _candidates(norm, rules):
        if match.start() < taken_until:
            continue
        figure = _build_figure(norm, match, rules)
        if figure is None:
            continue
        found.extend(_listed_before(norm, figure, taken_until, rules))
        found.append(figure)
        taken_until = figure.end
    return _ranges_joined(norm, [_approximate_range(norm, figure) for figure in _with_unit_completed(norm, found)])


def _ranges_joined(norm: str, found: list[_Figure]) -> list[_Figure]:
    """Two figures of one unit with 至, 到 or a dash between them and nothing else are one range: 一百五十元至
    二百元, 七千二百亿斤到七千五百亿斤 (not 从150元到200元, a change from one to the other)."""
    joined: list[_Figure] = []
    for figure in found:
        before = joined[-1] if joined else None
        between = norm[before.end : figure.start] if before else ""
        if (
            before is not None
            and between in _RANGE_WORDS
            and figure.start == figure.number_start
            and (before.unit, before.magnitude) == (figure.unit, figure.magnitude)
            and before.value_high is None
            and figure.value_high is None
            and not before.qualifier
            and not _FROM_BEFORE.search(norm, max(0, before.start - 12), before.start)
        ):
            joined[-1] = replace(before, end=figure.end, value_high=figure.value, qualifier=figure.qualifier)
            continue
        joined.append(figure)
    return joined


def _approximate_range(norm: str, figure: _Figure) -> _Figure:
    """二、三十亿斤, 四、五十亿元, 五、六倍: a Chinese numeral after the one before it and 、 is a range from the
    first to the second (20–30亿斤); the first digit is no part of the subject."""
    start = figure.number_start
    if not figure.chinese or figure.value is None or figure.value_high is not None or start < 2:
        return figure
    first, mark, second = norm[start - 2], norm[start - 1], norm[start]
    if mark != "、" or _CN_DIGITS.get(second, -1) != _CN_DIGITS.get(first, -9) + 1:
        return figure
    low = figure.value * _CN_DIGITS[first] / _CN_DIGITS[second]
    opened = min(figure.start, start - 2)
    return replace(figure, value=low, value_high=figure.value, start=opened, number_start=start - 2)


def _with_unit_completed(norm: str, found: list[_Figure]) -> list[_Figure]:
    """A figure whose unit the next one in its list writes whole: 28.6个和21.9个百分点 is of 个百分点."""
    for index in range(len(found) - 2, -1, -1):
        figure, following = found[index], found[index + 1]
        listed = norm[figure.end : following.start] in ("、", "和") and following.start == following.number_start
        if listed and following.unit.startswith(figure.unit) and following.unit != figure.unit:
            found[index] = replace(figure, unit=following.unit, unit_info=following.unit_info,
                                   magnitude=following.magnitude)
    return found


def _listed_before(norm: str, figure: _Figure, taken_until: int, rules: _Rules) -> list[_Figure]:
    """The numbers a list writes before ``figure`` with no unit of their own, sharing its unit:
    分别突破5000、5300亿元 gives 5000亿元 beside 5300亿元. The list starts after a word, not after a mark
    (an item's number: 1、30个项目), and not after 第, 每 and the like."""
    if figure.start != figure.number_start or figure.chinese:
        return []
    numbers: list[re.Match[str]] = []
    end = figure.number_start
    while (match := _LISTED_NUMBER.search(norm, max(taken_until, end - 24), end)) is not None:
        numbers.insert(0, match)
        end = match.start()
        if end <= taken_until or norm[end - 1] not in "、和":
            break
    # 增长3%、5、6个: the list began with a unit
    if not numbers or not HAN_CHARACTER.match(norm, numbers[0].start() - 1):
        return []
    if rules.reject_before.search(norm, max(0, numbers[0].start() - 4), numbers[0].start()):
        return []
    listed = []
    for number in numbers:  # the first has the list's verb before it; the others, a mark
        start, qualifier, changed = _lead(norm, number.start(), taken_until, rules)
        listed.append(
            replace(
                figure,
                start=start,
                number_start=number.start(),
                end=number.end("number"),
                value=_values(number.group("number"), None, before_wan=False)[0],
                value_high=None,
                qualifier=qualifier,
                changed=changed,
                fall=changed and falls(norm[start : number.start()]),
            )
        )
    return listed


MINUS_SIGNS = "-−－"
RATES = ("percent", "permille", "points", "multiple", "ratio")  # units no "/人" follows
_RANGE_WORDS = ("至", "到", "—", "－", "-", "～", "~", "——")
_FROM_BEFORE = re.compile(r"[从由][^，。；、]*$")
LEAD_WINDOW = 20  # characters before a number its lead may take: 同比增长（以下简称增长）8%


def _lead(norm: str, number_start: int, floor: int, rules: _Rules) -> tuple[int, str | None, bool]:
    """The words right before a number that belong to its span (增长, 突破, 分别达到): where the span
    starts, the qualifier they give (突破) and whether they make the figure a change."""
    lead = rules.lead.search(norm, max(floor, number_start - LEAD_WINDOW), number_start)
    if lead is None or not lead.group():
        return number_start, None, False
    return lead.start(), _qualifier_before(lead.group(), rules), rules.change_verb.search(lead.group()) is not None


def _candidates(norm: str, rules: _Rules) -> list[re.Match[str]]:
    matches = [
        *rules.fraction.finditer(norm),
        *rules.leading_percent.finditer(norm),
        *rules.figure.finditer(norm),
    ]
    matches.sort(key=lambda m: (m.start(), -m.end()))
    return matches


def _build_figure(norm: str, match: re.Match[str], rules: _Rules) -> _Figure | None:
    groups = match.groupdict()
    if "frac" in groups:
        unit = "%" if groups["frac"] == "百分之" else "‰"
        lo, hi, mag_text, inside = groups["lo"], groups["hi"], "", None
    elif "mag" not in groups:
        unit, lo, hi, mag_text, inside = "%", groups["lo"], None, "", None
    else:
        lo, hi = groups["lo"], groups["hi"]
        lo, mag_text = _split_magnitude(lo, groups["mag"] or "", rules)
        if hi is not None and not groups["mag"]:  # 二百八十万到三百万千瓦: both ends in 万, not the top in ones
            hi_bare, hi_mag = _split_magnitude(hi, "", rules)
            if hi_mag and hi_mag == (mag_text or hi_mag):
                hi, mag_text = hi_bare, hi_mag
        unit = (groups["unit"] or "").strip()
        inside = groups["in1"] or groups["in2"]
    unit_info = rules.units.get(unit) if unit else None
    if unit_info is None and not mag_text:
        return None
    chinese = lo[0] in _CN_START
    written_unit = mag_text + unit
    before_wan = written_unit.startswith("万") and not written_unit.startswith("万亿")
    value, value_high = _values(lo, hi, before_wan=before_wan)
    if value is None and not _is_redacted(lo):
        return None
    if hi is not None and value_high is None:
        return None
    end = match.end() if "frac" in groups or "mag" not in groups else _unit_end(match)
    per = rules.per_unit.match(norm, end) if unit_info is not None and unit_info.family not in RATES else None
    if per:  # 58万元/人左右, 1200吨/日: a rate, its unit whole and its qualifier after it
        end, written_unit = per.end(), written_unit + per.group()
    unit_end = end
    if _half_after(norm, end, lo) and value is not None and value_high is None and not per:  # 十三斤半: 13.5斤
        value, end = value + 0.5, end + 1
    after = rules.after_qualifier.match(norm, end)
    if after is None and norm[end : end + 1] in (" ", "\u3000"):  # 增长8% 左右: a space a typesetter left
        after = rules.after_qualifier.match(norm, end + 1)
    qualifier_after = after.group() if after else None
    end = after.end() if after else end
    start, qualifier_before, changed = _lead(norm, match.start(), 0, rules)
    if match.start() > 0 and norm[match.start() - 1] in MINUS_SIGNS:  # 增长-3.8%: a fall, its sign kept
        signed_start, signed_qualifier, signed_change = _lead(norm, match.start() - 1, 0, rules)
        if signed_change and value is not None:
            start, qualifier_before, changed = signed_start, signed_qualifier, True
            value, value_high = -value, (-value_high if value_high is not None else None)
    if changed and unit_info is not None and unit_info.family == "count" and HAN_CHARACTER.match(norm, unit_end):
        changed = False  # 提升6所学校: an action on things counted, not a change of a quantity
    fall = changed and value is not None and value > 0 and falls(norm[start : match.start()])
    figure = _Figure(
        start=start,
        number_start=match.start(),
        end=end,
        value=value,
        value_high=value_high,
        unit=written_unit,
        unit_info=unit_info,
        magnitude=rules.magnitudes.get(mag_text, 1.0),
        qualifier=inside or qualifier_after or qualifier_before,
        chinese=chinese,
        changed=changed,
        fall=fall,
        per=per.group() if per else "",
    )
    if _rejected(norm, figure, qualifier_after, rules):
        return None
    return figure


def _half_after(norm: str, end: int, written: str) -> bool:
    """A 半 after the unit that adds half of it: 十三斤半, 六倍半；, 一亩半耕地; not 20兆瓦半直驱 (a word: semi-)."""
    if not norm.startswith("半", end):
        return False
    return written[:1] in _CN_START or not HAN_CHARACTER.match(norm, end + 1)


def _split_magnitude(lo: str, mag: str, rules: _Rules) -> tuple[str, str]:
    """Move a trailing 万/亿 of a Chinese numeral into the unit: 五百万元 -> 五百 + 万元."""
    if mag or lo[:1].isdigit():
        return lo, mag
    for size in (2, 1):
        tail = lo[-size:]
        if len(lo) > size and tail in rules.magnitudes and tail[0] in "万亿":
            return lo[:-size], tail
    return lo, mag


def _unit_end(match: re.Match[str]) -> int:
    for name in ("unit", "in2", "mag", "in1", "hi", "lo"):
        if match.group(name):
            return match.end(name)
    return match.end()


def _is_redacted(text: str) -> bool:
    return _REDACTED_FULL.fullmatch(text) is not None


def _values(lo: str, hi: str | None, *, before_wan: bool) -> tuple[float | None, float | None]:
    """The numbers of a value (and of the top of its range); ``before_wan``: the unit starts with 万."""
    parse = _parse_before_wan if before_wan else _parse_number
    value = None if _is_redacted(lo) else parse(lo)
    value_high = None
    if hi is not None:
        value_high = None if _is_redacted(hi) else parse(hi)
    return value, value_high


def _parse_before_wan(text: str) -> float | None:
    """A numeral the unit's 万 ends, in 万: 二十五亿七千 of 二十五亿七千万元 is 257000 (万元), its 亿 being
    10,000 万, where read alone it would be 2,500,007,000."""
    if "亿" not in text:
        return _parse_number(text)
    whole = _parse_number(text + "万")
    return None if whole is None else whole / 10_000


def _qualifier_before(lead: str, rules: _Rules) -> str | None:
    match = rules.before_qualifier.search(lead)
    return match.group() if match else None


# ───────────────────────────── subjects ─────────────────────────────
