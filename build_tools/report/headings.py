"""Heading rules: a paragraph's text in, its numbering style, number and lead out.

Shared by the cleaner (a numbered heading line is not a cut paragraph) and the structure stage.
The styles and limits are data in ``resources/headings.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from build_tools.folding import HAN_CHARACTER
from build_tools.resource_files import load_yaml

RULES = "headings.yaml"
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
TITLE_STYLE = "title"


@dataclass(frozen=True)
class HeadingMatch:
    """``lead_end`` is where the heading text ends; the paragraph's body (if any) follows."""

    style: str
    number: int | None
    lead_end: int
    has_body: bool


@dataclass(frozen=True)
class HeadingRules:
    styles: tuple[tuple[str, re.Pattern[str]], ...]
    max_heading_chars: int
    max_lead_chars: int
    max_title_chars: int
    title_forbidden: re.Pattern[str]
    title_commas: re.Pattern[str]
    title_commas_forbidden: re.Pattern[str]
    max_title_commas: int
    min_title_part: int
    min_sentence_after_title: int
    not_titles: re.Pattern[str]
    terminal: re.Pattern[str]
    closers: re.Pattern[str]
    closing_note: re.Pattern[str]
    clause_end: re.Pattern[str]
    open_end: re.Pattern[str]
    continuation_start: re.Pattern[str]
    sentence_end: re.Pattern[str]
    lead_in_fragment: re.Pattern[str]
    fragment_max_chars: int
    wrap_min_chars: int
    wrap_min_lines: int
    wrap_share: float
    paragraph_indent: re.Pattern[str]
    indent_min_lines: int
    indent_share: float


@cache
def rules() -> HeadingRules:
    data = load_yaml(RULES)
    return HeadingRules(
        styles=tuple((entry["name"], re.compile(entry["pattern"])) for entry in data["styles"]),
        max_heading_chars=data["max_heading_chars"],
        max_lead_chars=data["max_lead_chars"],
        max_title_chars=data["max_title_chars"],
        title_forbidden=re.compile(data["title_forbidden"]),
        title_commas=re.compile(data["title_commas"]),
        title_commas_forbidden=re.compile(data["title_commas_forbidden"]),
        max_title_commas=data["max_title_commas"],
        min_title_part=data["min_title_part"],
        min_sentence_after_title=data["min_sentence_after_title"],
        not_titles=re.compile(data["not_titles"]),
        terminal=re.compile(data["terminal"]),
        closers=re.compile(data["closers"]),
        closing_note=re.compile(data["closing_note"]),
        clause_end=re.compile(data["clause_end"]),
        open_end=re.compile(data["open_end"]),
        continuation_start=re.compile(data["continuation_start"]),
        sentence_end=re.compile(data["sentence_end"]),
        lead_in_fragment=re.compile(data["lead_in_fragment"]),
        fragment_max_chars=data["fragment_max_chars"],
        wrap_min_chars=data["wrap_min_chars"],
        wrap_min_lines=data["wrap_min_lines"],
        wrap_share=data["wrap_share"],
        paragraph_indent=re.compile(data["paragraph_indent"]),
        indent_min_lines=data["indent_min_lines"],
        indent_share=data["indent_share"],
    )


def chinese_number(numeral: str) -> int:
    """1–99 written in Chinese numerals (一, 十, 十二, 二十三) or Arabic digits."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return CHINESE_DIGITS.get(numeral, 0)
    tens, _, units = numeral.partition("十")
    return (CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (CHINESE_DIGITS.get(units, 0) if units else 0)


def chinese_numeral(number: int) -> str:
    """The Chinese numeral for 1–99."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def numbered_style(text: str) -> tuple[str, int | None] | None:
    """The numbering style and number ``text`` starts with, if any."""
    for name, style in rules().styles:
        found = style.match(text)
        if found:
            number = found.groupdict().get("number")
            return name, chinese_number(number) if number else None
    return None


def is_title_line(text: str, commas: bool = False) -> bool:
    """A short stand-alone line without sentence punctuation that names a section (``commas``: or with a
    comma or two inside, as a title before a paragraph of sentences may have)."""
    r = rules()
    core = text.rstrip("?？ ")
    if commas:  # the commas taken out, the rest must be a title
        parts = r.title_commas.split(core)
        fits = len(parts) - 1 <= r.max_title_commas and all(len(part) >= r.min_title_part for part in parts)
        if fits and not r.title_commas_forbidden.search(core):
            core = "".join(parts)
    return (
        2 <= len(core) <= r.max_title_chars
        and not r.title_forbidden.search(core)
        and not r.not_titles.match(core)
        and not r.lead_in_fragment.match(core)
        and len(HAN_CHARACTER.findall(core)) >= 2
    )


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes allowed after it, and a note
    in brackets: …成就！（鼓掌）)."""
    r = rules()
    stripped = text.rstrip()
    note = r.closing_note.search(stripped)
    if note and note.start() > 0 and ends_sentence(stripped[: note.start()]):
        return True
    while stripped and r.closers.fullmatch(stripped[-1]):
        stripped = stripped[:-1]
    return bool(stripped) and bool(r.terminal.fullmatch(stripped[-1]))


def lead_end(text: str) -> int | None:
    """Where the first sentence of ``text`` ends (after its full stop), or None if it has none."""
    found = rules().sentence_end.search(text)
    return found.end() if found else None


def match_heading(text: str) -> HeadingMatch | None:
    """The heading this paragraph starts with, or None when it is body text."""
    r = rules()
    numbered = numbered_style(text)
    if numbered is None:
        if is_title_line(text):
            return HeadingMatch(TITLE_STYLE, None, len(text), False)
        return None
    style, number = numbered
    end = lead_end(text)
    if end is None or end == len(text.rstrip()):
        if len(text) <= r.max_heading_chars:
            return HeadingMatch(style, number, len(text), False)
        return None
    if end <= r.max_lead_chars:
        return HeadingMatch(style, number, end, True)
    return None
