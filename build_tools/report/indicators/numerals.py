"""Numerals: the digits of a figure as written (２００１, 6.5, 三百二十, 1,234) in, a float out; and the
patterns that match a value as written (arabic, Chinese, redacted, a range).

Chinese numerals are read here for a matched number only, never for whole text (一带一路 stays text).
"""

from __future__ import annotations

import re

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_CN_DIGITS = dict(zip("零〇○一二两三四五六七八九", (0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))  # ○: old type
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
_YEAR_DIGITS = str.maketrans("０１２３４５６７８９〇○零一二三四五六七八九", "0123456789000123456789")


def year_number(written: str) -> int | None:
    """A year written digit by digit, in Arabic, full-width or Chinese digits (1987, １９８７, 一九八七, 一九五○),
    as a number; None for what is not such a year."""
    digits = written.translate(_YEAR_DIGITS)
    return int(digits) if digits.isdigit() else None




# ───────────────────────────── numbers ─────────────────────────────


def parse_chinese_number(text: str) -> float | None:
    """Value of a Chinese numeral (一万, 十二, 三千五百, 五点五), or None if it is not a well-formed one.

    Digits must be separated by place units, so 十一五, 二五 and 四五 are not numbers.
    """
    whole, _, fraction = text.partition("点")
    value = _parse_chinese_integer(whole)
    if value is None:
        return None
    if fraction:
        if not all(ch in _CN_DIGITS for ch in fraction):
            return None
        value += float("0." + "".join(str(_CN_DIGITS[ch]) for ch in fraction))
    return float(value)


def _parse_chinese_integer(text: str) -> int | None:
    total, section, digit = 0, 0, None
    last_small, last_large = 10_000, 10**12
    zero_seen = False
    for ch in text:
        if ch in _CN_DIGITS:
            if ch in "零〇○":
                zero_seen = True
                continue
            if digit is not None:
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_small, zero_seen = None, unit, False
        elif ch in _CN_LARGE:
            unit = _CN_LARGE[ch]
            if unit >= last_large and not (unit == 10_000 and last_large == 100_000_000):
                return None
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * unit if unit > 10_000 else total + section * unit
            section, digit, last_small, last_large, zero_seen = 0, None, 10_000, unit, False
        else:
            return None
    if digit is not None and last_small < 10 and not zero_seen and section:
        return None
    return total + section + (digit or 0)


def _parse_number(text: str) -> float | None:
    text = text.translate(_FULL_WIDTH).replace(",", "")
    if _DECIMAL.fullmatch(text):
        return float(text)
    return parse_chinese_number(text)


# ───────────────────────────── resources ─────────────────────────────



_ARABIC = r"(?:0|[1-9]\d*)(?:,\d{3})*(?:\.\d+)?"
# 零点六 (增长零点六倍) too, a fraction of one
_CN_FRACTION = r"点[零〇○一二三四五六七八九]+"
_CHINESE = rf"(?:零{_CN_FRACTION}|[一二两三四五六七八九十][零〇○一二两三四五六七八九十百千万亿]*(?:{_CN_FRACTION})?)"
_REDACTED = r"\d*[xX]{2,}\d*|\d+[xX]+|\*{2,}"
_VALUE = rf"(?:{_REDACTED}|{_ARABIC}|{_CHINESE})"
_REDACTED_FULL = re.compile(_REDACTED)
_CN_START = frozenset("零一二两三四五六七八九十")
_RANGE = r"(?:[-－—–~～]{1,2}|至|到)"
