"""The rules of extraction: the tables under ``resources/indicators/`` in, compiled patterns out (``_rules``, once).

Names with a leading underscore are internal to the ``indicators`` package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from build_tools.model import IndicatorKind
from build_tools.report.indicators.numerals import _ARABIC, _CHINESE, _RANGE, _VALUE
from build_tools.resource_files import load_yaml, resource_text

RESOURCES = "indicators"


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
    time_noun: re.Pattern[str]  # 连续21个月: a count of time, no quantity
    post_verb: re.Pattern[str]  # 参与: a verb that opens the words after a count
    attribute_ok: re.Pattern[str]
    attribute_counts: frozenset[str]  # 300人以上企业: counts that say how big a thing is
    article_classifiers: frozenset[str]
    slogan_after: re.Pattern[str]  # what a small count written in characters names a slogan with (两个“百日行动”)
    change_subject: re.Pattern[str]
    multiple_of: re.Pattern[str]  # what a multiple of a base follows (…的二点五倍), not a growth by it
    subject_lead: re.Pattern[str]
    subject_tail: re.Pattern[str]
    subject_inner: re.Pattern[str]
    post_tail: re.Pattern[str]
    reached_of: re.Pattern[str]  # 提高到现在的: the words of the level a change reached, naming no thing
    post_stage: re.Pattern[str]  # 建成投产, 通过…评估: the stage a count's thing reached, written after it
    stage_thing_blocker: re.Pattern[str]  # what the words before a stage hold when they are no plain noun
    conjunction: re.Pattern[str]
    conjunction_end: re.Pattern[str]
    joined_levels: re.Pattern[str]  # 国、省控…: levels joined by 、 that open one counted noun
    unit_noun: re.Pattern[str]  # 人口: a count's unit character that begins the noun after it
    unit_word: re.Pattern[str]
    numeral_place: re.Pattern[str]  # 三台县: a place name that opens with a figure's reading
    age_attribute: re.Pattern[str]  # 及以上老年人: what after an age makes it say who
    loss: re.Pattern[str]  # 损失: what opens a list of losses
    countdown: re.Pattern[str]  # 只有: what makes days left a countdown
    increment_verbs: frozenset[str]  # 新登记: what a count added to the previous figure's thing says
    people_counted: re.Pattern[str]  # 城镇就业困难人员: who a bare 万 before them counts
    whole_people: re.Pattern[str]  # 我国有: before a country's people in 亿, a people as a whole
    quoted: re.Pattern[str]
    action_only: re.Pattern[str]
    action_start: re.Pattern[str]
    action_end: re.Pattern[str]  # 统筹推进, 加快实施: words before a count that end on an action
    place_noun: re.Pattern[str]
    share_verb: re.Pattern[str]
    generic_money: frozenset[str]
    shared_heads: tuple[str, ...]  # longest first
    compounds: tuple[tuple[str, tuple[str, ...]], ...]  # longest first: a word naming several things, and them
    generic_measures: frozenset[str]
    counted_measures: frozenset[str]
    count_measure_tail: re.Pattern[str]
    work_done: frozenset[str]  # a sum of the year's work on projects (完成投资), not the projects' own (总投资)
    later_stage: re.Pattern[str]  # a stage of projects that ends or goes on (竣工, 续建): a part of them
    total_words: tuple[str, ...]  # a measure of all so far (总数, 累计)
    member_levels: tuple[str, ...]  # 国家级, 部级: a list's member that is one alone shares the last one's thing
    total_lead: re.Pattern[str]  # the words of a total that end just before its figure (，累计达)
    increment_opening: re.Pattern[str]  # 新增, 新认定: what a subject of the added opens with
    compared_opening: re.Pattern[str]  # a list's part that opens a comparison (较年初计划)
    level_words: tuple[str, ...]  # longest first
    stage_words: tuple[str, ...]  # longest first
    actions_opening: re.Pattern[str]  # the actions and stages a subject opens with (新引进, 开工建设)
    measure_heads: tuple[str, ...]  # longest first
    base_marker: re.Pattern[str]
    base_follow: re.Pattern[str]
    clause_subject_end: re.Pattern[str]
    ranking_clause: re.Pattern[str]
    comparison_clause: re.Pattern[str]
    average_mark: re.Pattern[str]
    average_suffix: str
    part_of_year: re.Pattern[str]  # 一季度, 上半年, 前三季度: a part of the year a clause opens on
    multiple_mark: re.Pattern[str]
    multiple_suffix: str
    growth_rate_word: str
    growth_rate_names: tuple[str, ...]
    subject_rewrites: dict[str, dict[str, str]]
    default_kind: IndicatorKind | None
    section_cue: re.Pattern[str]
    section_within: int
    lead_in_cue: re.Pattern[str]
    sentence_cues: dict[str, re.Pattern[str]]
    year_ahead: re.Pattern[str]
    year_named: re.Pattern[str]  # 2006年, not 比2020年: a year a clause group speaks of
    per_unit: re.Pattern[str]
    estimate_note: re.Pattern[str]
    target_list: re.Pattern[str]  # …、棉花产量一亿担的四项指标: the figures before it are targets
    target_named: re.Pattern[str]  # 低于13%左右的预期目标: a figure its clause calls a target
    list_opening: re.Pattern[str]  # a paragraph that opens a list (…如下列：)
    notes_heading: re.Pattern[str]  # 附注：, which opens the notes after a report
    chapter_heading: re.Pattern[str]  # a chapter's heading (二、保持国民经济持续快速健康发展)
    list_item: re.Pattern[str]  # an item of such a list (钢：…)
    plan_done: re.Pattern[str]  # an opening that tells how far plans were met: its items are results
    estimate_below: re.Pattern[str]  # 预计（下同）: the figures after it are estimates until the next section
    hypothetical: re.Pattern[str]  # 只要…，就…: a condition and what it would bring
    sentence_target: re.Pattern[str]  # 计划草案规定: a target cue for its whole sentence


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
        time_noun=re.compile("[多半余一二三四五六七八九十两]?" + _alternation(lexicon["time_nouns"])),  # 1个多月
        post_verb=re.compile(_alternation(lexicon["post_verbs"])),
        attribute_ok=re.compile("的?" + _alternation(lexicon["attribute_ok_nouns"])),
        attribute_counts=frozenset(lexicon["attribute_counts"]),
        article_classifiers=frozenset(lexicon["article_classifiers"]),
        slogan_after=re.compile(_alternation(lexicon["slogan_after"])),
        change_subject=re.compile(_alternation(lexicon["change_subjects"]) + "$"),
        multiple_of=re.compile(lexicon["multiple_of"] + "$"),
        subject_lead=re.compile("^" + _alternation(subject["lead"])),
        subject_tail=re.compile(_alternation(subject["tail"]) + "$"),
        subject_inner=re.compile(_alternation(subject["inner"])),
        post_tail=re.compile(_alternation(subject["post_tail"]) + "$"),
        reached_of=re.compile(subject["reached_of"]),
        post_stage=re.compile(
            _alternation(subject["post_stage_adverbs"]) + "*(?:(?P<stage>" + _alternation(subject["post_stages"])
            + ")|(?P<passed>通过[^，。；、]{2,16}))$"
        ),
        stage_thing_blocker=re.compile(subject["stage_thing_blocker"]),
        conjunction=re.compile(_alternation(subject["conjunctions"])),
        conjunction_end=re.compile(_alternation(subject["conjunctions"]) + "$"),
        joined_levels=re.compile(subject["joined_levels"]),
        unit_noun=re.compile("^" + _alternation(subject["unit_nouns"])),
        unit_word=re.compile(_alternation(lexicon["unit_words"])),
        numeral_place=re.compile(_alternation(lexicon["numeral_places"])),
        age_attribute=re.compile(lexicon["age_attribute"]),
        loss=re.compile(_alternation(lexicon["loss_words"])),
        countdown=re.compile(_alternation(lexicon["countdown_before"]) + "$"),
        increment_verbs=frozenset(lexicon["subject"]["increment_verbs"]),
        whole_people=re.compile(lexicon["whole_people"]),
        people_counted=re.compile(  # not a place of so many people (20万以上人口县)
            r"[^，,。；;、：:\d\s（(的年]{0,8}?" + _alternation(lexicon["people_nouns"]) + "(?![县市镇乡村城区])"
        ),
        quoted=re.compile(r"(?<=\S)“[^“”]{0,10}" + _alternation(subject["programme_words"]) + r"”(?=\S)"),
        action_only=re.compile("^" + _alternation(subject["action_verbs"]) + "+$"),
        action_start=re.compile("^" + _alternation(subject["action_verbs"])),
        action_end=re.compile(_alternation(subject["action_verbs"]) + "$"),
        place_noun=re.compile("^" + _alternation(subject["place_nouns"])),
        share_verb=re.compile(_alternation(subject["share_verbs"])),
        generic_money=frozenset(subject["generic_money"]),
        shared_heads=tuple(sorted(subject["shared_heads"], key=len, reverse=True)),
        generic_measures=frozenset(subject["generic_measures"]),
        counted_measures=frozenset(subject["counted_measures"]),
        count_measure_tail=re.compile(subject["count_measure_tail"]),
        work_done=frozenset(subject["work_done"]),
        later_stage=re.compile(_alternation(subject["later_stages"])),
        total_words=tuple(subject["total_words"]),
        member_levels=tuple(sorted(subject["member_levels"], key=len, reverse=True)),
        total_lead=re.compile(
            "[，、,]" + _alternation(subject["total_words"]) + _alternation(subject["total_verbs"]) + "?$"
        ),
        increment_opening=re.compile("^" + _alternation(subject["increment_verbs"])),
        compared_opening=re.compile(_alternation(subject["compared_openings"])),
        level_words=tuple(sorted(subject["level_words"], key=len, reverse=True)),
        stage_words=tuple(sorted(subject["stage_words"], key=len, reverse=True)),
        actions_opening=re.compile(
            "^" + _alternation([w for w in (*subject["action_verbs"], *subject["stage_words"]) if len(w) > 1]) + "+"
        ),
        measure_heads=tuple(sorted(subject["measure_heads"], key=len, reverse=True)),
        compounds=tuple(
            sorted(((word, tuple(parts)) for word, parts in subject["compounds"].items()), key=lambda c: -len(c[0]))
        ),
        base_marker=re.compile(_alternation(subject["base_markers"])),
        base_follow=re.compile(_alternation([*lexicon["change_verbs"], *subject["base_verbs"]])),
        clause_subject_end=re.compile(_alternation(lexicon["clause_subject_end"])),
        ranking_clause=re.compile(lexicon["ranking_clause"]),
        comparison_clause=re.compile(lexicon["comparison_clause"]),
        average_mark=re.compile(lexicon["average_mark"]),
        average_suffix=lexicon["average_suffix"],
        part_of_year=re.compile(lexicon["part_of_year"]),
        multiple_mark=re.compile(re.escape(lexicon["multiple_suffix"])),
        multiple_suffix=lexicon["multiple_suffix"],
        growth_rate_word=lexicon["growth_rate_word"],
        growth_rate_names=tuple(lexicon["growth_rate_names"]),
        subject_rewrites=lexicon["subject_rewrites"],
        default_kind=kind["default"],
        section_cue=re.compile(
            f"(?=[{kind['section_starts']}])(?:"
            + "|".join(f"(?P<{mode}>{_alternation(words)})" for mode, words in kind["section"].items())
            + ")"
        ),
        section_within=kind["section_within"],
        lead_in_cue=re.compile(_alternation(kind["lead_in"])),
        sentence_cues={mode: re.compile(_alternation(words)) for mode, words in kind["sentence"].items()},
        year_ahead=re.compile(kind["year_ahead"]),
        year_named=re.compile(kind["year_named"]),
        per_unit=re.compile(lexicon["per_unit"]),
        estimate_note=re.compile(kind["estimate_note"]),
        target_list=re.compile(kind["target_list"]),
        target_named=re.compile(kind["target_named"]),
        list_opening=re.compile(kind["list_opening"]),
        notes_heading=re.compile(kind["notes_heading"]),
        chapter_heading=re.compile(kind["chapter_heading"]),
        list_item=re.compile(kind["list_item"]),
        plan_done=re.compile(kind["plan_done"]),
        estimate_below=re.compile(kind["estimate_below"]),
        hypothetical=re.compile(kind["hypothetical"]),
        sentence_target=re.compile(kind["sentence_target"]),
    )



def _figure_pattern(units: dict[str, _Unit], magnitudes: dict[str, float], inside: list[str]) -> re.Pattern[str]:
    percent = [u for u in units if units[u].family in ("percent", "permille")]
    ratio = [u for u in units if units[u].family == "ratio"]  # 2.21∶1, not the 2.4∶51 of 2.4∶51.1∶46.5
    others = [u for u in units if u not in percent and u not in ratio]
    unit = rf"(?:\s?{_trie(percent)}|{_trie(ratio)}(?![\d.])|{_trie(others)})"
    # a magnitude is not the first character of a unit (二十二万千瓦: 千瓦, not 千 of nothing)
    magnitude_led = [u for u in others if any(u.startswith(m) for m in magnitudes)]
    not_unit = f"(?!{_trie(magnitude_led)})" if magnitude_led else ""
    mag = f"(?:{not_unit}{_trie(list(magnitudes))})"
    ins = _alternation(inside)
    return re.compile(
        rf"(?<![\d.,A-Za-z*])(?P<lo>{_VALUE})"  # not inside a run (a run of 95,000 * was read from each of its stars)
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
    note = r"(?:[（(]以下简称[^）)]{1,10}[）)])?"  # 同比增长（以下简称增长）8%
    return rf"(?:(?:{adverbs})?{change}了?{note}|{level})?\s?(?:{before})?$"


# ───────────────────────────── how a figure is written ─────────────────────────────


@lru_cache(maxsize=1)
def _fall_lead() -> re.Pattern[str]:
    lexicon = load_yaml(f"{RESOURCES}/lexicon.yaml")
    return re.compile(_alternation(lexicon["change_adverbs"]) + "?" + _alternation(lexicon["fall_verbs"]))


def falls(lead: str) -> bool:
    """Whether the words before a figure (its lead: 降低, 年均下降, 分别下降) are a verb of falling: a change its
    value does not sign, which stays the size of the change, as the report writes it."""
    return _fall_lead().match(lead) is not None


@lru_cache(maxsize=1)
def rate_bases() -> dict[str, tuple[str, float]]:
    """Each rate unit written otherwise than its base, with its base and factor (``units.tsv``: ‰ is 0.1 %)."""
    return {
        name: (unit.base, unit.factor)
        for name, unit in _rules().units.items()
        if unit.family in ("percent", "permille") and unit.base != name
    }


LOOK_BEHIND = re.compile(r"\(\?<[!=][^)]*\)")


@lru_cache(maxsize=1)
def qualifier_places() -> dict[str, str]:
    """Where each qualifier stands in a figure as written: ``before`` the number (超过60%), ``inside`` it,
    between number and unit (1400余户), or ``after`` the unit (7%左右)."""
    qualifiers = load_yaml(f"{RESOURCES}/lexicon.yaml")["qualifiers"]
    # a word's pattern may look behind it ((?<![节制…])约): the word is what it matches
    return {LOOK_BEHIND.sub("", word): place for place in ("before", "inside", "after") for word in qualifiers[place]}


def written_figure(number: str, unit: str, qualifier: str | None, span: str = "") -> str:
    """A figure as the report writes it, its qualifier in its place: 超过60%, 1400余户, 500多万平方米, 7%左右;
    one written inside the figure stands after the number, or after the first characters of the unit where
    ``span``, the figure's text, puts it there (1万余亩, 5亿多元)."""
    place = qualifier_places().get(qualifier or "", "after")
    if place == "before":
        return f"{qualifier}{number}{unit}"
    if place == "inside":
        split = next((k for k in range(1, len(unit)) if unit[:k] + str(qualifier) + unit[k:] in span), 0)
        return f"{number}{unit[:split]}{qualifier}{unit[split:]}"
    return f"{number}{unit}{qualifier or ''}"
