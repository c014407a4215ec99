"""Indicator extraction: the figures a report states, as typed records.

In:  one report's cleaned paragraphs (``model.Paragraph``) in reading order, headings included.
Out: a tuple of ``model.Indicator``, one per figure, in text order. Each names what is measured
     (``subject``), the number (``value``, ``value_high`` for a range, ``None`` where the source hid the
     digits), the unit as written and the value in its base unit, whether it is a level, a change or a
     share, its qualifier (左右, 以上…), whether it is planned, achieved or estimated, and where it came
     from: ``line``, ``paragraph`` (index in the input), ``offset`` and ``span`` (the exact text).

The work is done by regular expressions compiled once from the tables under
``resources/indicators/``; a figure is a number with a unit, and everything else (subject, role,
qualifier, kind) is read from the words around it. Paragraphs that a page cut in two are read as one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from build_tools.model import Indicator, IndicatorKind, Paragraph, Role
from build_tools.resource_files import load_yaml, resource_text

__all__ = ["extract_indicators", "parse_chinese_number"]

RESOURCES = "indicators"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_HAS_FULL_WIDTH = re.compile("[０-９．％]")
_THOUSANDS_COMMA = re.compile("(?<=[0-9])，(?=[0-9]{3}(?![0-9]))")
_HAN = re.compile(r"[\u3400-\u9fff]")
_TERMINAL = "。！？!?；;：:”\"…）)"
_CLAUSE_BOUNDARY = "。！？!?；;，,：:（(\n"
_SENTENCE_BOUNDARY = "。！？!?\n"
_GROUP_BOUNDARY = "。！？!?；;\n"
_MAX_CUE_WINDOW = 200
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_POST_PHRASE = re.compile(r"(?:[（(][^（）()]{1,3}[）)]|[^，,。；;：:！？!?（(\s])*")
_TOPIC = re.compile(r"([^，,。；;：:、]{2,16}?)方面[，,]")
_CONNECTORS = re.compile(r"[、和与及，,\s]*")
_LIST_SPLIT = re.compile(r"[、和与及]")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|——|第[一二三四五六七八九十]+[，、])"
)
_CUT_PARAGRAPH_MIN = 40

_CN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}


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
            if ch in "零〇":
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


@dataclass(frozen=True)
class _Unit:
    text: str
    base: str
    factor: float
    family: str
    chinese_ok: bool


@dataclass(frozen=True)
class _Rules:
    units: dict[str, _Unit]
    magnitudes: dict[str, float]
    figure: re.Pattern[str]
    fraction: re.Pattern[str]
    leading_percent: re.Pattern[str]
    lead: re.Pattern[str]
    after_qualifier: re.Pattern[str]
    before_qualifier: re.Pattern[str]
    change_verb: re.Pattern[str]
    reject_before: re.Pattern[str]
    stop_noun: re.Pattern[str]
    attribute_ok: re.Pattern[str]
    article_classifiers: frozenset[str]
    change_subject: re.Pattern[str]
    subject_lead: re.Pattern[str]
    subject_tail: re.Pattern[str]
    subject_inner: re.Pattern[str]
    post_tail: re.Pattern[str]
    conjunction: re.Pattern[str]
    conjunction_end: re.Pattern[str]
    unit_word: re.Pattern[str]
    quoted: re.Pattern[str]
    action_only: re.Pattern[str]
    action_start: re.Pattern[str]
    place_noun: re.Pattern[str]
    share_verb: re.Pattern[str]
    generic_money: frozenset[str]
    base_marker: re.Pattern[str]
    clause_subject_end: re.Pattern[str]
    subject_rewrites: dict[str, dict[str, str]]
    default_kind: IndicatorKind | None
    section_cue: re.Pattern[str]
    sentence_cues: dict[str, re.Pattern[str]]


def _alternation(words: Sequence[str], escape: bool = False) -> str:
    items = sorted({re.escape(w) if escape else w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(items) + ")"


def _trie(words: Sequence[str]) -> str:
    """A regex matching any of the literal ``words``, longest first, factored by common prefixes
    (much faster than a flat alternation of many words)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(tree)


def _trie_node(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in resource_text(f"{RESOURCES}/{name}").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    lexicon = load_yaml(f"{RESOURCES}/lexicon.yaml")
    units = {row[0]: _Unit(row[0], row[1], float(row[2]), row[3], row[4] == "yes") for row in _read_tsv("units.tsv")}
    magnitudes = {row[0]: float(row[1]) for row in _read_tsv("magnitudes.tsv")}
    quals = lexicon["qualifiers"]
    subject = lexicon["subject"]
    kind = lexicon["kind"]
    return _Rules(
        units=units,
        magnitudes=magnitudes,
        figure=_figure_pattern(units, magnitudes, quals["inside"]),
        fraction=re.compile(_fraction_pattern()),
        leading_percent=re.compile(r"(?<![\d.%])[%％]\s?(?P<lo>\d+(?:\.\d+)?)(?![\d.])"),
        lead=re.compile(_lead_pattern(lexicon)),
        after_qualifier=re.compile(_alternation(quals["after"])),
        before_qualifier=re.compile(_alternation(quals["before"]) + r"\s?$"),
        change_verb=re.compile(_alternation(lexicon["change_verbs"])),
        reject_before=re.compile(_alternation(lexicon["reject_before"]) + r"\s?$"),
        stop_noun=re.compile(_alternation(lexicon["stop_nouns"])),
        attribute_ok=re.compile("的?" + _alternation(lexicon["attribute_ok_nouns"])),
        article_classifiers=frozenset(lexicon["article_classifiers"]),
        change_subject=re.compile(_alternation(lexicon["change_subjects"]) + "$"),
        subject_lead=re.compile("^" + _alternation(subject["lead"])),
        subject_tail=re.compile(_alternation(subject["tail"]) + "$"),
        subject_inner=re.compile(_alternation(subject["inner"])),
        post_tail=re.compile(_alternation(subject["post_tail"]) + "$"),
        conjunction=re.compile(_alternation(subject["conjunctions"])),
        conjunction_end=re.compile(_alternation(subject["conjunctions"]) + "$"),
        unit_word=re.compile(_alternation(lexicon["unit_words"])),
        quoted=re.compile(r"(?<=\S)“[^“”]{1,12}”(?=\S)"),
        action_only=re.compile("^" + _alternation(subject["action_verbs"]) + "+$"),
        action_start=re.compile("^" + _alternation(subject["action_verbs"])),
        place_noun=re.compile("^" + _alternation(subject["place_nouns"])),
        share_verb=re.compile(_alternation(subject["share_verbs"])),
        generic_money=frozenset(subject["generic_money"]),
        base_marker=re.compile(_alternation(subject["base_markers"])),
        clause_subject_end=re.compile(_alternation(lexicon["clause_subject_end"])),
        subject_rewrites=lexicon["subject_rewrites"],
        default_kind=kind["default"],
        section_cue=re.compile(
            f"(?=[{kind['section_starts']}])(?:"
            + "|".join(f"(?P<{mode}>{_alternation(words)})" for mode, words in kind["section"].items())
            + ")"
        ),
        sentence_cues={mode: re.compile(_alternation(words)) for mode, words in kind["sentence"].items()},
    )


_ARABIC = r"(?:0|[1-9]\d*)(?:,\d{3})*(?:\.\d+)?"
_CHINESE = r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?"
_REDACTED = r"\d*[xX]{2,}\d*|\d+[xX]+|\*{2,}"
_VALUE = rf"(?:{_REDACTED}|{_ARABIC}|{_CHINESE})"
_REDACTED_FULL = re.compile(_REDACTED)
_CN_START = frozenset("一二两三四五六七八九十")
_RANGE = r"(?:[-－—–~～]{1,2}|至|到)"


def _figure_pattern(units: dict[str, _Unit], magnitudes: dict[str, float], inside: list[str]) -> re.Pattern[str]:
    percent = [u for u in units if units[u].family in ("percent", "permille")]
    others = [u for u in units if u not in percent]
    unit = rf"(?:\s?{_trie(percent)}|{_trie(others)})"
    mag = f"(?:{_trie(list(magnitudes))})"
    ins = _alternation(inside)
    return re.compile(
        rf"(?<![\d.,A-Za-z])(?P<lo>{_VALUE})"
        rf"(?:(?P<lounit>\s?[%‰]|个百分点)?\s?{_RANGE}\s?(?P<hi>{_VALUE}))?"
        rf"(?=(?:{ins})?(?:{mag}|{unit}))"
        rf"(?P<in1>{ins})?(?P<mag>{mag})?(?P<in2>{ins})?(?P<unit>{unit})?"
    )


def _fraction_pattern() -> str:
    number = rf"(?:{_CHINESE}|{_ARABIC})"
    return (
        rf"(?P<frac>百分之|千分之)(?P<lo>{number})"
        rf"(?:{_RANGE}(?:百分之|千分之)?(?P<hi>{number}))?"
    )


def _lead_pattern(lexicon: dict) -> str:
    adverbs = _alternation(lexicon["change_adverbs"])
    change = _alternation(lexicon["change_verbs"])
    level = _alternation(lexicon["level_verbs"])
    before = _alternation(lexicon["qualifiers"]["before"])
    return rf"(?:(?:{adverbs})?{change}了?|{level})?\s?(?:{before})?$"


# ───────────────────────────── text runs ─────────────────────────────


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
    limit: int = 0  # where the next figure starts (or the run ends)
    subject: str = ""
    base: bool = False
    previous: _Figure | None = None  # the figure before it in the same sentence
    consumed: int = 0  # end of the text this figure's subject took after it


def _find_figures(text: str, rules: _Rules) -> list[_Figure]:
    norm = text
    if _HAS_FULL_WIDTH.search(text):  # same length, so offsets stay those of ``text``
        norm = _THOUSANDS_COMMA.sub(",", text.translate(_FULL_WIDTH))
    found: list[_Figure] = []
    taken_until = 0
    for match in _candidates(norm, rules):
        if match.start() < taken_until:
            continue
        figure = _build_figure(norm, match, rules)
        if figure is None:
            continue
        found.append(figure)
        taken_until = figure.end
    return found


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
        unit = (groups["unit"] or "").strip()
        inside = groups["in1"] or groups["in2"]
    unit_info = rules.units.get(unit) if unit else None
    if unit_info is None and not mag_text:
        return None
    chinese = lo[0] in _CN_START
    value, value_high = _values(lo, hi)
    if value is None and not _is_redacted(lo):
        return None
    if hi is not None and value_high is None:
        return None
    end = match.end() if "frac" in groups or "mag" not in groups else _unit_end(match)
    unit_end = end
    after = rules.after_qualifier.match(norm, end)
    qualifier_after = after.group() if after else None
    end = after.end() if after else end
    lead = rules.lead.search(norm, max(0, match.start() - 8), match.start())
    start = lead.start() if lead and lead.group() else match.start()
    qualifier_before = _qualifier_before(lead.group() if lead else "", rules)
    changed = bool(lead and rules.change_verb.search(lead.group()))
    if changed and unit_info is not None and unit_info.family == "count" and _HAN.match(norm, unit_end):
        changed = False  # 提升6所学校: an action on things counted, not a change of a quantity
    figure = _Figure(
        start=start,
        number_start=match.start(),
        end=end,
        value=value,
        value_high=value_high,
        unit=mag_text + unit,
        unit_info=unit_info,
        magnitude=rules.magnitudes.get(mag_text, 1.0),
        qualifier=inside or qualifier_after or qualifier_before,
        chinese=chinese,
        changed=changed,
    )
    if _rejected(norm, figure, qualifier_after, rules):
        return None
    return figure


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


def _values(lo: str, hi: str | None) -> tuple[float | None, float | None]:
    value = None if _is_redacted(lo) else _parse_number(lo)
    value_high = None
    if hi is not None:
        value_high = None if _is_redacted(hi) else _parse_number(hi)
    return value, value_high


def _qualifier_before(lead: str, rules: _Rules) -> str | None:
    match = rules.before_qualifier.search(lead)
    return match.group() if match else None


def _rejected(norm: str, figure: _Figure, qualifier_after: str | None, rules: _Rules) -> bool:
    """True for numbers that are not quantities: ordinals, names, counts of the report's own items."""
    before = norm[max(0, figure.number_start - 4) : figure.number_start]
    following = norm[figure.end : figure.end + 6]
    unit = figure.unit_info
    family = unit.family if unit else "magnitude"
    checks = (
        rules.reject_before.search(before) is not None,
        _in_short_quote(norm, figure.number_start, figure.end),
        figure.chinese and unit is not None and not unit.chinese_ok,
        family == "count" and _stop_noun_follows(following, rules),
        unit is not None and rules.unit_word.match(norm, figure.end - len(unit.text)) is not None,
        _is_article(figure, following, rules),
        _is_attribute(figure, qualifier_after, following, family, rules),
        family == "magnitude" and bool(following) and _HAN.match(following) is not None,
    )
    return any(checks)


def _stop_noun_follows(following: str, rules: _Rules) -> bool:
    """八个方面, 五项预期目标, 4项重点工作: a stop noun right after a count or one or two words on."""
    for skip in range(3):
        if skip and not _HAN.match(following, skip - 1):
            return False
        if rules.stop_noun.match(following, skip):
            return True
    return False


def _in_short_quote(norm: str, start: int, end: int) -> bool:
    opening = norm.rfind("“", max(0, start - 10), start)
    if opening < 0 or "”" in norm[opening:start]:
        return False
    closing = norm.find("”", end, end + 10)
    return closing >= 0 and closing - opening <= 14


def _is_article(figure: _Figure, following: str, rules: _Rules) -> bool:
    return (
        figure.chinese
        and figure.value == 1
        and figure.unit in rules.article_classifiers
        and bool(following)
        and _HAN.match(following) is not None
    )


def _is_attribute(figure: _Figure, qualifier_after: str | None, following: str, family: str, rules: _Rules) -> bool:
    if not following or rules.attribute_ok.match(following):
        return False
    if qualifier_after in ("以上", "以下", "以内"):
        return following[0] == "的" or _HAN.match(following) is not None
    return family == "money" and following[0] == "的"


# ───────────────────────────── subjects ─────────────────────────────


def _strip_repeatedly(text: str, pattern: re.Pattern[str], at_start: bool) -> str:
    """Strip what ``pattern`` matches at the start (or end) of ``text`` until nothing more is stripped."""
    while text:
        match = pattern.search(text)
        if match is None or not match.group():
            return text
        text = text[match.end() :] if at_start else text[: match.start()]
        text = text.strip(" 　，,、；;：:")
    return text


def _clean_subject(raw: str, rules: _Rules) -> str:
    text = raw.strip(" 　，,、；;：:（）()“”\"")
    text = _strip_repeatedly(text, rules.subject_lead, at_start=True)
    text = _strip_repeatedly(text, rules.subject_tail, at_start=False)
    text = rules.subject_inner.sub("", text)
    text = rules.quoted.sub("", text)
    text = text.strip(" 　，,、；;：:（）()")
    if "占" in text:
        text = _share_of_whole(text)
    return text


def _share_of_whole(text: str) -> str:
    """税收占到全镇财税收入的 -> 税收占全镇财税收入比重."""
    part, _, whole = text.partition("占")
    whole = whole.removeprefix("到").removeprefix("了")
    if not whole.endswith("的"):
        return text
    return f"{part}占{whole[:-1]}比重"


def _is_action_only(text: str, rules: _Rules) -> bool:
    return bool(text) and rules.action_only.match(text) is not None


def _post_phrase(text: str, end: int, limit: int) -> str:
    """The words right after a figure, up to the next clause mark or figure (a short (2) is kept)."""
    match = _POST_PHRASE.match(text, end, limit)
    return match.group() if match else ""


def _post_subject(phrase: str, rules: _Rules) -> tuple[str, int]:
    """The noun a count measures, from the words after it, and how many characters it used:
    7个村的休闲文化广场 -> 休闲文化广场的村."""
    place = rules.place_noun.match(phrase)
    if place:
        rest = _strip_repeatedly(phrase[place.end() :], rules.subject_lead, at_start=True)
        if rest and rules.action_start.match(rest):
            rest = _cut_conjunction(rest, rules)
            cleaned = _strip_repeatedly(rules.subject_inner.sub("", rest), rules.post_tail, at_start=False)
            if not cleaned or _is_action_only(cleaned, rules):
                return place.group(), place.end()
            return f"{cleaned}的{place.group()}", len(phrase)
    if "的" in phrase:
        head, tail = phrase[: phrase.index("的")], phrase[phrase.rindex("的") + 1 :]
        tail = _strip_repeatedly(_cut_conjunction(tail, rules), rules.post_tail, at_start=False)
        head = _strip_repeatedly(head, rules.post_tail, at_start=False)
        if tail and 0 < len(head) <= 3 and all(_HAN.match(ch) for ch in head):
            return f"{tail}的{head}", len(phrase)
        return tail or head, len(phrase)
    noun = _cut_conjunction(phrase, rules)
    cut = noun.find("建设")
    if cut > 0:
        noun = noun[:cut]
    return _strip_repeatedly(noun, rules.post_tail, at_start=False), len(phrase)


def _cut_conjunction(text: str, rules: _Rules) -> str:
    match = rules.conjunction.search(text, 1)
    return text[: match.start()] if match else text


def _share_subject(phrase: str, rules: _Rules) -> str:
    """80%的建制村通自来水 -> 通自来水的建制村比例."""
    verb = rules.share_verb.search(phrase, 1)
    if verb is None:
        return f"{_cut_conjunction(phrase, rules)}比例"
    noun, predicate = phrase[: verb.start()], phrase[verb.start() :]
    if "的" in predicate or len(predicate) > 12:
        return f"{noun}比例"
    return f"{predicate}的{noun}比例"


def _clause_subject(text: str, rules: _Rules) -> str:
    """The subject a figure-less clause gives the next clause: 粮食生产实现“十连增” -> 粮食生产."""
    end = rules.clause_subject_end.search(text)
    return _clean_subject(text[: end.start()] if end else text, rules)


def _topic(text: str) -> str:
    """The topic of a "…方面，" lead-in, if the sentence has one."""
    matches = _TOPIC.findall(text)
    return matches[-1] if matches else ""


def _assign_subjects(text: str, figures: list[_Figure], rules: _Rules) -> None:
    previous: _Figure | None = None
    for figure in figures:
        clause_start = _last_boundary(text, figure.start, _CLAUSE_BOUNDARY)
        sentence_start = _last_boundary(text, figure.start, _SENTENCE_BOUNDARY)
        same_sentence = previous is not None and previous.end > sentence_start
        pre_start = max(clause_start, previous.consumed if same_sentence and previous else 0)
        raw = text[pre_start : figure.start]
        figure.base = rules.base_marker.search(raw) is not None and rules.change_verb.match(
            text, figure.end
        ) is not None
        figure.previous = previous if same_sentence else None
        figure.subject = _figure_subject(text, figure, raw, figure.previous, rules)
        figure.consumed = max(figure.consumed, figure.end)
        previous = figure
    _distribute_respectively(text, figures, rules)


def _figure_subject(text: str, figure: _Figure, raw: str, previous: _Figure | None, rules: _Rules) -> str:
    family = figure.unit_info.family if figure.unit_info else "magnitude"
    post = _post_phrase(text, figure.end, figure.limit)
    if family in ("percent", "permille") and post.startswith("的") and len(post) > 1:
        return _share_subject(post[1:], rules)
    pre = _clean_subject(raw, rules)
    if figure.base:
        return f"{_inherited(text, figure, previous, rules)}（基期）"
    usable_post = family not in ("percent", "permille", "points", "multiple") and _starts_noun(post, rules)
    if pre in rules.generic_money:
        return _money_subject(text, figure, pre, post if usable_post else "", rules)
    if usable_post and _post_is_subject(raw, pre, rules):
        subject, used = _post_subject(post, rules)
        figure.consumed = figure.end + used
        return subject
    if pre and not _is_action_only(pre, rules):
        return _rewrite(pre, family, rules)
    return _inherited(text, figure, previous, rules) or pre


def _starts_noun(post: str, rules: _Rules) -> bool:
    return bool(post) and (post[0] == "“" or _HAN.match(post) is not None) and not (
        post[0] == "的" or rules.conjunction.match(post)
    )


def _post_is_subject(raw: str, pre: str, rules: _Rules) -> bool:
    """Whether the words before a count name no thing of their own (建成, 齐西、齐东等, A和), so the
    noun after the count is what it counts."""
    raw = raw.rstrip()
    return (
        len(pre) <= 2
        or _is_action_only(pre, rules)
        or raw.endswith("等")
        or "、" in pre
        or "和" in pre
        or rules.conjunction_end.search(pre) is not None
        or rules.conjunction_end.search(raw) is not None
    )


def _money_subject(text: str, figure: _Figure, generic: str, post: str, rules: _Rules) -> str:
    """投资130万元: the topic of a "…方面，" lead-in, or the thing the money buys, names the investment."""
    topic = _topic(text[_window_start(text, figure.start, _SENTENCE_BOUNDARY) : figure.start])
    if topic:
        return topic + generic
    if post:
        return _post_subject(post, rules)[0] + generic
    return generic


def _inherited(text: str, figure: _Figure, previous: _Figure | None, rules: _Rules) -> str:
    """The subject of a clause that has none of its own: the previous figure's, or the previous clause's."""
    clause_start = _last_boundary(text, figure.start, _CLAUSE_BOUNDARY)
    if previous is not None and previous.end >= _last_boundary(text, clause_start - 1, _CLAUSE_BOUNDARY):
        return _subject_of(_compatible(figure, previous)).removesuffix("（基期）")
    sentence_start = _last_boundary(text, figure.start, _SENTENCE_BOUNDARY)
    if clause_start - 1 <= sentence_start:
        return _subject_of(_compatible(figure, previous)).removesuffix("（基期）") if previous else ""
    clause = text[_last_boundary(text, clause_start - 1, _CLAUSE_BOUNDARY) : clause_start - 1]
    family = figure.unit_info.family if figure.unit_info else "magnitude"
    return _rewrite(_clause_subject(clause, rules), family, rules)


def _subject_of(figure: _Figure) -> str:
    return figure.subject


def _compatible(figure: _Figure, previous: _Figure) -> _Figure:
    """The figure whose subject a subject-less figure takes: a multiple or an amount skips back over
    shares (占全镇户数的72%，是20的11倍 -> the households, not their share)."""
    rates = ("percent", "permille")
    if figure.unit_info is not None and figure.unit_info.family in rates:
        return previous
    candidate: _Figure | None = previous
    while candidate is not None:
        if candidate.unit_info is None or candidate.unit_info.family not in rates or "占" not in candidate.subject:
            return candidate
        candidate = candidate.previous
    return previous


def _rewrite(subject: str, family: str, rules: _Rules) -> str:
    for old, new in rules.subject_rewrites.get(family, {}).items():
        if subject.endswith(old):
            return subject[: -len(old)] + new
    return subject


def _distribute_respectively(text: str, figures: list[_Figure], rules: _Rules) -> None:
    """A、B分别增长8.5%和11%: give each figure its own part of the shared subject."""
    index = 0
    while index < len(figures):
        figure = figures[index]
        clause = text[_last_boundary(text, figure.start, _CLAUSE_BOUNDARY) : figure.end]
        if "分别" not in clause:
            index += 1
            continue
        group = [figure]
        while index + len(group) < len(figures):
            candidate = figures[index + len(group)]
            between = text[group[-1].end : candidate.start]
            if not _CONNECTORS.fullmatch(between):
                break
            group.append(candidate)
        parts = [p for p in _LIST_SPLIT.split(figure.subject) if p]
        if len(group) > 1 and len(parts) == len(group):
            for member, part in zip(group, parts, strict=True):
                member.subject = part
        elif len(group) > 1:
            for member in group[1:]:
                member.subject = figure.subject
        for member in group[1:]:
            member.changed = member.changed or figure.changed
        index += len(group)


def _last_boundary(text: str, position: int, boundary: str) -> int:
    """Index just after the last boundary character before ``position`` (0 if none)."""
    positions = _boundary_positions(text, boundary)
    index = bisect_left(positions, position)
    return positions[index - 1] + 1 if index else 0


def _window_start(text: str, position: int, boundary: str) -> int:
    """Like ``_last_boundary``, but never more than ``_MAX_CUE_WINDOW`` characters back, so that a
    paragraph without punctuation (a whole report on one line) costs linear time."""
    return max(_last_boundary(text, position, boundary), position - _MAX_CUE_WINDOW)


@lru_cache(maxsize=16)
def _boundary_positions(text: str, boundary: str) -> list[int]:
    return [match.start() for match in _boundary_pattern(boundary).finditer(text)]


@lru_cache(maxsize=8)
def _boundary_pattern(boundary: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(boundary) + "]")


# ───────────────────────────── role, kind ─────────────────────────────


def _role(figure: _Figure, rules: _Rules) -> Role:
    family = figure.unit_info.family if figure.unit_info else "magnitude"
    if family in ("points", "multiple") or figure.changed:
        return "change"
    if family in ("percent", "permille"):
        return "change" if rules.change_subject.search(figure.subject) else "share"
    return "level"


class _KindTracker:
    """The mode (actual/target) a report is in, moved by section cues as the text is read."""

    def __init__(self, rules: _Rules) -> None:
        self.rules = rules
        self.mode: IndicatorKind | None = rules.default_kind

    def read_run(self, text: str) -> list[tuple[int, IndicatorKind]]:
        cues: list[tuple[int, IndicatorKind]] = []
        for match in self.rules.section_cue.finditer(text):
            mode: IndicatorKind = "actual" if match.group("actual") else "target"
            cues.append((match.end(), mode))
        return cues

    def kind_at(self, text: str, figure: _Figure, cues: list[tuple[int, IndicatorKind]]) -> IndicatorKind | None:
        mode = self.mode
        for position, cue_mode in cues:
            if position <= figure.number_start:
                mode = cue_mode
        group = text[_window_start(text, figure.number_start, _GROUP_BOUNDARY) : figure.number_start]
        clause = text[_window_start(text, figure.number_start, _CLAUSE_BOUNDARY) : figure.number_start]
        cues_by_mode = self.rules.sentence_cues
        if cues_by_mode["estimate"].search(group):
            return "estimate"
        if cues_by_mode["actual"].search(clause):
            return "actual"
        if cues_by_mode["target"].search(group):
            return "target"
        return mode

    def finish_run(self, cues: list[tuple[int, IndicatorKind]]) -> None:
        if cues:
            self.mode = cues[-1][1]


# ───────────────────────────── assembly ─────────────────────────────


def _base_value(figure: _Figure) -> tuple[float | None, str | None]:
    if figure.value is None:
        return None, figure.unit_info.base if figure.unit_info else None
    if figure.unit_info is None:
        return figure.value * figure.magnitude, None
    return figure.value * figure.magnitude * figure.unit_info.factor, figure.unit_info.base


def _to_indicator(run: _Run, paragraphs: Sequence[Paragraph], figure: _Figure, kind: IndicatorKind | None,
                  rules: _Rules) -> Indicator | None:
    position, offset = run.locate(figure.start)
    end_position, _ = run.locate(max(figure.start, figure.end - 1))
    if end_position != position:
        return None
    index = run.indices[position]
    paragraph = paragraphs[index]
    span = paragraph.text[offset : offset + figure.end - figure.start]
    base_value, base_unit = _base_value(figure)
    return Indicator(
        subject=figure.subject,
        value=figure.value,
        value_high=figure.value_high,
        unit=figure.unit,
        base_value=base_value,
        base_unit=base_unit,
        role=_role(figure, rules),
        qualifier=figure.qualifier,
        kind=kind,
        line=paragraph.line_at(offset),
        span=span,
        paragraph=index,
        offset=offset,
    )


def extract_indicators(paragraphs: Sequence[Paragraph]) -> tuple[Indicator, ...]:
    """Every figure the paragraphs of one report state, in text order."""
    rules = _rules()
    tracker = _KindTracker(rules)
    indicators: list[Indicator] = []
    for run in _runs(paragraphs):
        figures = _find_figures(run.text, rules)
        for current, following in pairwise(figures):
            current.limit = following.start
        if figures:
            figures[-1].limit = len(run.text)
        _assign_subjects(run.text, figures, rules)
        cues = tracker.read_run(run.text)
        for figure in figures:
            indicator = _to_indicator(run, paragraphs, figure, tracker.kind_at(run.text, figure, cues), rules)
            if indicator is not None:
                indicators.append(indicator)
        tracker.finish_run(cues)
    return tuple(indicators)
