"""Numbers that are no quantities: a figure as found and the text around it in, whether to drop it out.

Ordinals and positions (第三, 前十), names and slogans in short quotes (“三个一批”), place names (三台县),
classes (10万吨级泊位), countdowns (只有849天了), counts of the report's own items (八个方面), 一个 before a noun,
so many tens (几十座), and amounts that qualify a noun (10亿元以上项目).
"""

from __future__ import annotations

from typing import Protocol

from build_tools.folding import HAN_CHARACTER
from build_tools.report.indicators.rules import _Rules, _Unit

STOP_NOUN_COUNT = 10  # a report's own lists (八个方面, 4项重点工作) are short


class _Figure(Protocol):
    """What of a figure (``figures._Figure``) tells whether it is a quantity."""

    number_start: int
    end: int
    value: float | None
    unit: str
    unit_info: _Unit | None
    magnitude: float
    chinese: bool


def _rejected(norm: str, figure: _Figure, qualifier_after: str | None, rules: _Rules) -> bool:
    """True for numbers that are not quantities: ordinals, names, counts of the report's own items."""
    before = norm[max(0, figure.number_start - 4) : figure.number_start]
    following = norm[figure.end : figure.end + 6]
    unit = figure.unit_info
    family = unit.family if unit else "magnitude"
    # 12万城镇就业困难人员, 1000万以上农村贫困人口: a bare 万 that counts the people named after it
    counts_people = family == "magnitude" and rules.people_counted.match(norm, figure.end) is not None
    checks = (
        rules.reject_before.search(before) is not None,
        # 几十座, 数百万: so many tens, no number (十几 reads no unit after 十)
        figure.chinese and norm[figure.number_start] in "十百千万" and before.endswith(("几", "数", "若干")),
        _in_short_quote(norm, figure.number_start, figure.end),
        # 三次产业 is no figure; 一百二十二亿度 is (a magnitude before the character makes it a unit)
        figure.chinese and unit is not None and not unit.chinese_ok and figure.magnitude == 1,
        family == "count" and (figure.chinese or (figure.value or 0) <= STOP_NOUN_COUNT)
        and _stop_noun_follows(following, rules),
        family == "count" and rules.time_noun.match(following) is not None,  # 连续21个月保持: time, not a quantity
        unit is not None and rules.unit_word.match(norm, figure.end - len(unit.text)) is not None,
        rules.numeral_place.match(norm, figure.number_start) is not None,  # 三台县
        _is_article(figure, following, rules, norm[max(0, figure.number_start - 8) : figure.number_start]),
        _is_attribute(figure, qualifier_after, before, following, family, rules) and not counts_people,
        counts_people and _whole_people(norm, figure, rules),
        family == "magnitude" and bool(following) and HAN_CHARACTER.match(following) is not None
        and not counts_people,  # 三万里河山, but 12万城镇就业困难人员
        family == "age" and rules.age_attribute.match(following) is not None,  # 65岁及以上老年人: who, not how old
        unit is not None and following.startswith("级"),  # 10万吨级液体泊位, 150兆瓦级水轮机: a class of thing
        family == "time" and rules.countdown.search(before) is not None,  # 只有849天了: a countdown
        # 三元正极材料, 二元酸, 三元汇美食集, 一元路: a name that opens with a small sum in characters
        family == "money" and figure.chinese and figure.magnitude == 1 and (figure.value or 0) <= STOP_NOUN_COUNT
        and HAN_CHARACTER.match(following) is not None,
    )
    return any(checks)


def _whole_people(norm: str, figure: _Figure, rules: _Rules) -> bool:
    """八亿农民, 我国有2.9亿在校学生: a count of people in 亿 that is a country's people as a whole, no figure of the
    year's work (written in characters, or after ``whole_people`` in its clause)."""
    if (figure.value or 0) * figure.magnitude < 1e8:
        return False
    clause = norm[max(norm.rfind(mark, 0, figure.number_start) for mark in "，。；,;") + 1 : figure.number_start]
    return figure.chinese or rules.whole_people.search(clause) is not None


def _stop_noun_follows(following: str, rules: _Rules) -> bool:
    """八个方面, 五项预期目标, 4项重点工作: a stop noun right after a count or one or two words on (of a count
    of ``STOP_NOUN_COUNT`` or fewer, or written in characters: 7701张家庭养老床位, 14个民生领域重大项目 are figures)."""
    for skip in range(3):
        if skip and not HAN_CHARACTER.match(following, skip - 1):
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


def _is_article(figure: _Figure, following: str, rules: _Rules, before: str = "") -> bool:
    """一个, 一件 before a noun; a count of ten or fewer written in characters before a slogan (``slogan_after``);
    一件 of a slogan that says it again (谋一件、干一件、成一件, 成熟一个推进一个: 吉林's 定 1 件, 干 1 件…)."""
    if not (figure.chinese and figure.unit in rules.article_classifiers):
        return False
    if (figure.value or 99) <= 10 and rules.slogan_after.match(following):
        return True
    if figure.value == 1 and f"一{figure.unit}" in before + following:
        return True
    return figure.value == 1 and HAN_CHARACTER.match(following) is not None


def _is_attribute(
    figure: _Figure, qualifier_after: str | None, before: str, following: str, family: str, rules: _Rules
) -> bool:
    """An amount or count that qualifies a noun (10亿元以上项目, 投资100万元的项目, 300人以上企业), or one over which
    things are counted (超10亿元单体制造业项目30个, 超100亿元或10亿美元项目, 超50亿元15个); not things counted at
    least so many (新增5家以上无人工厂)."""
    if not following or rules.attribute_ok.match(following):
        return False
    if family == "money" and before.endswith(("超", "过", "或")):
        return HAN_CHARACTER.match(following) is not None or following[:1].isdigit()
    if qualifier_after in ("以上", "以下", "以内"):
        if family == "count" and figure.unit not in rules.attribute_counts:  # 新增5家以上无人工厂: five or more of them
            return False
        return following[0] == "的" or HAN_CHARACTER.match(following) is not None
    return family == "money" and following[0] == "的"
