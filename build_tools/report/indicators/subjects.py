"""Subjects: a figure and the words around it in, what it measures out (``_assign_subjects``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from build_tools.folding import HAN_CHARACTER
from build_tools.report.indicators.figures import _Figure
from build_tools.report.indicators.rules import _Rules

BASE_MARK = "（基期）"  # ends the subject of the figure a change starts from (比上年的…, 从…增加到)

_CLAUSE_BOUNDARY = "。！？!?；;，,：:（(\n"
_SENTENCE_BOUNDARY = "。！？!?\n"
_MAX_CUE_WINDOW = 200
_POST_PHRASE = re.compile(r"(?:[（(][^（）()]{1,3}[）)]|[^，,。；;：:！？!?（(\s])*")
_PLACE_NOTE = re.compile(r"[（(][^（）()]{1,6}[）)]")
_TOPIC = re.compile(r"([^，,。；;：:、]{2,16}?)方面[，,]")
_LIST_SPLIT = re.compile(r"[、和与及]")
_BUILDING = re.compile("建设(?!示范|[“\"]|工程|奖)")


def _strip_repeatedly(text: str, pattern: re.Pattern[str], at_start: bool) -> str:
    """Strip what ``pattern`` matches at the start (or end) of ``text`` until nothing more is stripped."""
    while text:
        match = pattern.search(text)
        if match is None or not match.group():
            return text
        text = text[match.end() :] if at_start else text[: match.start()]
        text = text.strip(" 　，,、；;：:")
    return text


def _strip_quote_marks(text: str) -> str:
    """``text`` without the punctuation at its ends, nor the quotation marks there that pair with none in it:
    新建“爱心驿站” keeps its closing mark, 开展“ loses its opening one."""
    text = text.strip(" 　，,、；;：:\"")
    while text:
        if text[-1] == "“" or (text[-1] == "”" and text.count("“") < text.count("”")):
            text = text[:-1].strip(" 　，,、；;：:\"")
        elif text[0] == "”" or (text[0] == "“" and text.count("”") < text.count("“")):
            text = text[1:].strip(" 　，,、；;：:\"")
        else:
            return text
    return text


def _clean_subject(raw: str, rules: _Rules) -> str:
    text = _strip_unpaired(_strip_quote_marks(raw))
    text = _strip_repeatedly(text, rules.subject_lead, at_start=True)
    text = _strip_repeatedly(text, rules.subject_tail, at_start=False)
    text = rules.subject_inner.sub("", text)
    text = rules.quoted.sub("", text)
    text = _strip_unpaired(text.strip(" 　，,、；;：:"))
    if "占" in text:
        text = _share_of_whole(text)
    return text


def _strip_unpaired(text: str) -> str:
    """``text`` without the parentheses at its ends that close nothing in it: 社区老年人服务中心（站） keeps
    its （站）, （3）新建… is cut by the lead words."""
    while text and text[0] in "（）()" and not (text[0] in "（(" and any(m in text for m in "）)")):
        text = text[1:].lstrip()
    while text and text[-1] in "（）()" and not (text[-1] in "）)" and any(m in text for m in "（(")):
        text = text[:-1].rstrip()
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


def _post_subject(phrase: str, rules: _Rules, counted: bool = False, runs_on: bool = False) -> tuple[str, int]:
    """The noun a figure measures, from the words after it, and how many characters it used:
    7个村的休闲文化广场 -> 休闲文化广场的村; of a count (``counted``), with the stage its things reached, unless the
    words ``run on`` into the next figure, whose stage it is (21个发展提升类项目开工5个: the 5 started)."""
    place = rules.place_noun.match(phrase)
    if place:
        note = _PLACE_NOTE.match(phrase, place.end())  # 县（市、区）
        named = phrase[: note.end() if note else place.end()]
        rest = _strip_repeatedly(phrase[len(named) :], rules.subject_lead, at_start=True)
        if rest and rules.action_start.match(rest):
            rest = _cut_conjunction(rest, rules)
            cleaned = _strip_repeatedly(rules.subject_inner.sub("", rest), rules.post_tail, at_start=False)
            if not cleaned or _is_action_only(cleaned, rules):
                return named, len(named)
            return f"{cleaned}的{named}", len(phrase)
    if "的" in phrase:
        head, tail = phrase[: phrase.index("的")], phrase[phrase.rindex("的") + 1 :]
        tail = _strip_repeatedly(_cut_conjunction(tail, rules), rules.post_tail, at_start=False)
        head = _strip_repeatedly(head, rules.post_tail, at_start=False)
        if tail and 0 < len(head) <= 3 and all(HAN_CHARACTER.match(ch) for ch in head):
            return f"{tail}的{head}", len(phrase)
        return tail or head, len(phrase)
    words = _cut_conjunction(phrase, rules)
    staged = _staged_thing(words, words == phrase, rules) if counted and not (runs_on and words == phrase) else ""
    if staged:  # the words after a 、 are the next figure's (94个…项目全部开工、完工74个: 完工 is the 74's)
        return staged, len(words)
    noun = words
    cut = _BUILDING.search(noun)  # 46个省级新型城镇化重点项目建设: the projects (not 4个国家生态文明建设示范区's)
    if cut is not None and cut.start() > 0:
        noun = noun[: cut.start()]
    return _strip_repeatedly(noun, rules.post_tail, at_start=False), len(phrase)


def _staged_thing(words: str, whole: bool, rules: _Rules) -> str:
    """The counted thing with the stage the ``words`` after its count say it reached, which tells which of them
    the count is of: 38个重大产业项目建成投产 -> 建成投产重大产业项目, 30个县区通过国家义务教育优质均衡发展评估 ->
    通过国家义务教育优质均衡发展评估的县区 (what is passed only from ``whole`` words, not cut at a 及 of 普及);
    "" where they say none, or the thing before it is no plain noun (项目实现当年签约当年开工)."""
    stage = rules.post_stage.search(words)
    if stage is None or stage.start() == 0 or (stage.group("passed") and not whole):
        return ""
    before = words[: stage.start()]  # 2个国家区域医疗中心分别开工、获批: one started, one approved
    thing = _strip_repeatedly(before, rules.post_tail, at_start=False)
    if not thing or rules.stage_thing_blocker.search(before):
        return ""
    return f"{stage.group('passed')}的{thing}" if stage.group("passed") else stage.group("stage") + thing


def _cut_conjunction(text: str, rules: _Rules) -> str:
    """``text`` up to its first conjunction outside parentheses: 县（市、区）初步建立… keeps 县（市、区）, and
    国、省控考核断面 the levels it opens with."""
    joined = rules.joined_levels.match(text)
    for match in rules.conjunction.finditer(text, joined.end() if joined else 1):
        before = text[: match.start()]
        if before.count("（") + before.count("(") <= before.count("）") + before.count(")"):
            return before
    return text


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
    """The subject a figure-less clause gives the next clause: 粮食生产实现“十连增” -> 粮食生产; the whole
    clause where nothing but words such as 全国 stand before its verb (全国实现基本普及…的覆盖率)."""
    end = rules.clause_subject_end.search(text)
    before = _clean_subject(text[: end.start()], rules) if end else ""
    return before or _clean_subject(text, rules)


def _topic(text: str) -> str:
    """The topic of a "…方面，" lead-in, if the sentence has one."""
    matches = _TOPIC.findall(text)
    return matches[-1] if matches else ""


def _assign_subjects(text: str, figures: list[_Figure], rules: _Rules) -> None:
    previous: _Figure | None = None
    for figure in figures:
        clause_start = _clause_start_outside_notes(text, figure.start)
        sentence_start = _last_boundary(text, figure.start, _SENTENCE_BOUNDARY)
        same_sentence = previous is not None and previous.end > sentence_start
        pre_start = max(clause_start, previous.consumed if same_sentence and previous else 0)
        raw = text[pre_start : figure.start]
        follows_change = rules.base_follow.match(text, figure.end) is not None
        figure.base = follows_change and rules.base_marker.search(raw) is not None
        figure.previous = previous if same_sentence else None
        figure.subject = _figure_subject(text, figure, raw, figure.previous, rules)
        figure.average = rules.average_mark.search(text, pre_start, figure.number_start) is not None
        part = rules.part_of_year.search(text, pre_start, figure.number_start)  # 一季度增长4.5%: not the year's
        figure.part = part.group("part") if part else ""
        figure.consumed = max(figure.consumed, figure.end)
        previous = figure


def _figure_subject(text: str, figure: _Figure, raw: str, previous: _Figure | None, rules: _Rules) -> str:
    subject = _named_subject(text, figure, raw, previous, rules)
    if figure.unit_info is None or figure.unit_info.family != "ratio":
        return subject
    # 城乡居民收入比缩小至2.21∶1: the 比 a comparison's words would strip names the ratio
    named = subject.removesuffix(BASE_MARK)
    if named and not named.endswith("比") and named + "比" in text[max(0, figure.start - 60) : figure.start]:
        return named + "比" + subject[len(named) :]
    return subject


def _named_subject(text: str, figure: _Figure, raw: str, previous: _Figure | None, rules: _Rules) -> str:
    family = figure.unit_info.family if figure.unit_info else "magnitude"
    post = _post_phrase(text, figure.end, figure.limit)
    if family == "count" and rules.unit_noun.match(figure.unit[-1:] + post):  # 十亿人口: the noun is 人口
        post = figure.unit[-1] + post
    if family in ("percent", "permille") and post.startswith("的") and len(post) > 1:
        return _share_subject(post[1:], rules)
    people = rules.people_counted.match(text, figure.end) if family == "magnitude" else None
    if people:  # 促进12万城镇就业困难人员实现就业: a bare 万 counts the people named after it
        figure.consumed = people.end()
        return people.group()
    pre = _clean_subject(raw, rules)
    if figure.base:  # named before 从 (国内生产总值从26.6万亿元增加到…), else as the clause before (…，比上年的…)
        own = _clean_subject(raw[: _marker_start(raw, rules)], rules)
        named = own if own and not _is_action_only(own, rules) else _inherited(text, figure, previous, rules)
        return f"{named}{BASE_MARK}"
    usable_post = family not in ("percent", "permille", "points", "multiple", "ratio") and _starts_noun(post, rules)
    if pre in rules.generic_money:
        return _money_subject(text, figure, pre, post if usable_post else "", rules)
    if usable_post and _post_is_subject(raw, pre, family, rules):
        runs_on = figure.end + len(post) == figure.limit
        subject, used = _post_subject(post, rules, counted=family == "count", runs_on=runs_on)
        if subject:  # words after the count that name nothing (分别提高到) leave the words before it
            figure.consumed = figure.end + used
            return subject
    if pre in rules.stage_words and _earlier_of_unit(previous, figure.unit):  # 开工406个: lists._qualify_stage
        return pre
    if family == "points" and previous is not None and rules.comparison_clause.match(pre):
        return _gap_subject(pre, previous, rules)
    if previous is not None and rules.reached_of.match(pre):  # 从2004年人均每月700元提高到现在的1721元: the 700's
        return _subject_of(previous).removesuffix(BASE_MARK)
    ranking_only = previous is not None and rules.ranking_clause.match(pre) is not None  # 、稳居前十、增长4.8%
    if pre and not _is_action_only(pre, rules) and not ranking_only:
        return _rewrite(pre, family, rules, figure.changed)
    inherited = _inherited(text, figure, previous, rules)
    if (  # 商事主体达422.6万户，新登记56.5万户: 新登记商事主体, of the figure before it
        inherited and pre in rules.increment_verbs and previous is not None
        and inherited == _subject_of(previous).removesuffix(BASE_MARK)
    ):
        return pre + inherited
    return inherited or pre


def _gap_subject(comparison: str, previous: _Figure, rules: _Rules) -> str:
    """增长5.2%，高于全国1.8个百分点 -> 地区生产总值增速高于全国: the rate of the figure before, and what it is
    compared with."""
    named = _subject_of(previous).removesuffix(BASE_MARK)
    if previous.changed and not named.endswith(rules.growth_rate_names):
        named += rules.growth_rate_word
    return named + comparison


def _earlier_of_unit(previous: _Figure | None, unit: str) -> _Figure | None:
    """The nearest figure of ``unit`` from ``previous`` back to its sentence's first."""
    while previous is not None and previous.unit != unit:
        previous = previous.previous
    return previous


def _marker_start(raw: str, rules: _Rules) -> int:
    """Where the base marker that ends ``raw`` starts, the latest that does (占比由2022年的: 由, not 比)."""
    return next(start for start in range(len(raw), -1, -1) if rules.base_marker.match(raw, start))


def _starts_noun(post: str, rules: _Rules) -> bool:
    return bool(post) and (post[0] == "“" or HAN_CHARACTER.match(post) is not None) and not (
        post[0] == "的" or rules.conjunction.match(post) or rules.change_verb.match(post) or rules.post_verb.match(post)
    )


def _post_is_subject(raw: str, pre: str, family: str, rules: _Rules) -> bool:
    """Whether the words before a count name no thing of their own (建成, 齐西、齐东等, A和, 组织建设的, 加快实施:
    an action, save before money, whose words after tell what it buys: 投入100亿元支持职业教育发展), so the noun
    after the count is what it counts."""
    raw = raw.rstrip()
    return (
        len(pre) <= 2
        or _is_action_only(pre, rules)
        or (family != "money" and rules.action_end.search(pre) is not None)  # 统筹推进415个重点帮扶村
        or raw.endswith("等")
        or raw.endswith("的")
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
    """The subject of a clause that has none of its own: the previous figure's, or the previous clause's,
    passing over clauses that name nothing (国民生产总值达到8000亿元，按可比价格计算，平均每年增长9%)."""
    clause_start = _last_boundary(text, figure.start, _CLAUSE_BOUNDARY)
    sentence_start = _last_boundary(text, figure.start, _SENTENCE_BOUNDARY)
    family = figure.unit_info.family if figure.unit_info else "magnitude"
    while True:
        before = _clause_start_outside_notes(text, clause_start - 1)
        if previous is not None and previous.end >= before:
            return _subject_of(_compatible(figure, previous)).removesuffix(BASE_MARK)
        if clause_start - 1 <= sentence_start:
            return _subject_of(_compatible(figure, previous)).removesuffix(BASE_MARK) if previous else ""
        subject = _clause_subject(text[before : clause_start - 1], rules)
        if subject:
            return _rewrite(subject, family, rules)
        clause_start = before


def _clause_start_outside_notes(text: str, position: int) -> int:
    """Where the clause ending at ``position`` starts, a parenthesis closed before it being part of it (新（改）建
    农村户厕2.59万户), a note's comma no boundary: 工业农业总产值（包括…的全部产值，下同），比一九四九年增长 names
    工业农业总产值, not 下同."""
    start = _last_boundary(text, position, _CLAUSE_BOUNDARY)
    while start > 0:
        segment = text[start:position]
        if segment.count("）") + segment.count(")") <= segment.count("（") + segment.count("("):
            return start
        opening = max(text.rfind("（", 0, start), text.rfind("(", 0, start))
        if opening < 0:
            return start
        start = _last_boundary(text, opening, _CLAUSE_BOUNDARY)
    return start


def _subject_of(figure: _Figure) -> str:
    return figure.subject


def _compatible(figure: _Figure, previous: _Figure) -> _Figure:
    """The figure whose subject a subject-less figure takes: a multiple, an amount or a change in percent
    skips back over shares (占全镇户数的72%，是20的11倍 -> the households, not their share; 占预算支出的12.74%，
    同1955年比较增长18.36% -> the spending); percentage points are the share's (占GDP比重2.5%，提高0.2个百分点)."""
    rates = ("percent", "permille")
    family = figure.unit_info.family if figure.unit_info is not None else None
    if family == "points" or (family in rates and not figure.changed):
        return previous
    candidate: _Figure | None = previous
    while candidate is not None:
        if candidate.unit_info is None or candidate.unit_info.family not in rates or "占" not in candidate.subject:
            return candidate
        candidate = candidate.previous
    return previous


def _rewrite(subject: str, family: str, rules: _Rules, changed: bool = False) -> str:
    """``subject`` rewritten by the ``subject_rewrites`` of its unit's family, and of a change if it is one."""
    rewrites = dict(rules.subject_rewrites.get(family, {}))
    if changed:
        rewrites.update(rules.subject_rewrites.get("change", {}))
    for old, new in rewrites.items():
        if subject.endswith(old):
            return subject[: -len(old)] + new
    return subject


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
