"""Lists: a run's figures with the subjects each was given alone in, the subjects of lists out
(``_apply_lists``): each member of a "…分别" list its own part of the list's subject (A、B分别增长8.5%和11%),
and a bare measure (产量, 总数) the thing of the figure before it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from build_tools.report.indicators.figures import _Figure
from build_tools.report.indicators.rules import _Rules
from build_tools.report.indicators.subjects import (
    _CLAUSE_BOUNDARY,
    _LIST_SPLIT,
    _SENTENCE_BOUNDARY,
    _clean_subject,
    _earlier_of_unit,
    _last_boundary,
)

_CONNECTORS = re.compile(r"[、和与及，,\s]*")
_STAGE_ADVERBS = re.compile("(?:基本|全面|全部|已经|已)$")
_TOP_LEVEL_COMMA = re.compile(r"、(?![^（(]*[）)])")  # a 、 not inside parentheses: 县（市、区）
_LIST_OR_FIGURE = re.compile(r"[、\d]")
_LIST_MARK = re.compile(r"[、和及]|(?<!参)与")  # what joins a list (the 与 of 参与 joins none)


def _apply_lists(text: str, figures: list[_Figure], rules: _Rules) -> None:
    """Gives the members of the lists among ``figures`` (subjects assigned, in text order) their subjects."""
    _distribute_respectively(text, figures, rules)
    _count_before_measure(figures, rules)
    _spread_loss(text, figures, rules)
    _qualify_generic(text, figures, rules)
    _qualify_total(text, figures, rules)
    _qualify_share(figures)
    _qualify_level(figures, rules)
    _qualify_stage(figures, rules)


def _distribute_respectively(text: str, figures: list[_Figure], rules: _Rules) -> None:
    """A、B分别增长8.5%和11%: give each figure its own part of the shared subject; so too for each batch of
    a list that goes on with a change of each member (A、B分别达到4.5万元、2.7万元，增长5.1%和7.4%)."""
    index = 0
    while index < len(figures):
        figure = figures[index]
        clause = text[_last_boundary(text, figure.start, _CLAUSE_BOUNDARY) : figure.end]
        group = [figure]
        while index + len(group) < len(figures):
            candidate = figures[index + len(group)]
            if not _continues_list(text, group[-1], candidate):
                break
            group.append(candidate)
        batches = _batches(group)
        size = len(batches[0])
        earlier = _earlier_subjects(text, figures, index, size, rules) if len(group) > 1 else []
        parts = earlier or _members(figure.subject, size, rules)
        if len(group) > 1 and len(parts) != size and "分别" in clause:
            parts = _measured_subjects(text, figures, index, size, rules) or parts
        # without 分别, a list whose clause names nothing is still the figures' before it, one each (城镇居民人均
        # 可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%: the 9.8% is the towns'), and a list of
        # figures written close after a list of as many things is theirs in turn (城镇和农村人均住房面积32.9平方米、
        # 37.1平方米; 起数、死亡人数下降27.9%和23.7%) where each thing is named whole (刑事、治安发案率 is no
        # 刑事 and 治安发案率: it stays whole)
        respectively = "分别" in clause or bool(earlier and len(batches) == 1)
        close = _close_list(text, group)
        if not respectively and not close:
            index += 1
            continue
        if len(group) > 1 and len(parts) == size and all(len(batch) == size for batch in batches):
            if respectively or _named_whole(parts, rules):
                for batch in batches:
                    for member, part in zip(batch, parts, strict=True):
                        member.subject = part
        elif len(group) > 1 and respectively:
            for member in group[1:]:
                member.subject = figure.subject
        for before, member in pairwise(group):
            member.changed = member.changed or before.changed
            member.fall = member.fall or (before.fall and member.start == member.number_start)  # 分别下降5%、3%
        index += len(group)


def _spread_loss(text: str, figures: list[_Figure], rules: _Rules) -> None:
    """全国大约损失工业总产值一千亿元，钢产量二千八百万吨，财政收入四百亿元: each figure of a list after a loss of
    a thing is one (损失钢产量, 损失财政收入), where its clause is its thing alone; the first's subject starts at
    the loss, after an adverb (大约). A loss named last (直接经济损失, 因为浪费损失) or a rate (损失率) is none."""
    lost: tuple[str, _Figure] | None = None
    for figure in figures:
        found = rules.loss.search(figure.subject)
        thing = figure.subject[found.end() :] if found is not None else ""
        if found is not None and found.start() <= 2 and thing and not thing.startswith("率"):
            figure.subject = figure.subject[found.start() :]  # 大约损失工业总产值: 损失工业总产值
            lost = (found.group(), figure)
        elif lost is not None and text[lost[1].end : figure.start].lstrip("，、, ") == figure.subject:
            figure.subject = lost[0] + figure.subject
            lost = (lost[0], figure)
        else:
            lost = None


def _earlier_subjects(text: str, figures: list[_Figure], index: int, size: int, rules: _Rules) -> list[str]:
    """The subjects of the ``size`` figures before a "分别" list whose clause names none (接待游客5710万人次，
    旅游总收入402亿元，分别增长25.5%、11.1%: the growths are those of the visitors and of the income), when
    they are in its sentence, with nothing but a comma between them and it, not all of one subject, and the
    list's figures are of one unit (财政民生支出445.5亿元，较去年增加49.8亿元、增长12.6%: an amount and a rate
    of one thing); else none."""
    figure = figures[index]
    if index < size or len({member.unit for member in figures[index : index + size]}) > 1:
        return []
    earlier = figures[index - size : index]
    between = text[earlier[-1].end : figure.start]  # a new clause with no words of its own: "，分别"
    in_sentence = earlier[0].end > _last_boundary(text, figure.start, _SENTENCE_BOUNDARY)
    if not in_sentence or not any(mark in between for mark in "，,；;") or _clean_subject(between, rules):
        return []
    subjects = [member.subject.removesuffix("（基期）") for member in earlier]
    return subjects if len(set(subjects)) == size else []


def _close_list(text: str, group: list[_Figure]) -> bool:
    """Whether ``group`` is one list of figures of one unit joined by no comma, none after the first with a verb
    of its own (32.9平方米、37.1平方米; not 增加11个、达到25个, nor 比现有的86个减少27个)."""
    joined = not any(_has_comma(text[a.end : b.start]) for a, b in pairwise(group))
    bare = all(member.start == member.number_start for member in group[1:])
    return len(group) > 1 and joined and bare and len({member.unit for member in group}) == 1


def _named_whole(parts: list[str], rules: _Rules) -> bool:
    """Whether each of a list's ``parts`` names its thing whole, not a modifier of the last one's measure alone
    (刑事 of 刑事、治安发案率; 制造业 of 制造业、战略性新兴产业增加值高于全省平均水平): none under half the last's
    length, nor a comparison (…均创近年新高、较年初计划增长66%和13.8%)."""
    whole = all(2 * len(part) >= len(parts[-1]) for part in parts[:-1])
    return whole and not any(rules.compared_opening.match(part) for part in parts)


def _measured_subjects(text: str, figures: list[_Figure], index: int, size: int, rules: _Rules) -> list[str]:
    """The things of a list of ``size`` figures before a "分别" list, each with the measure the words between
    name (25个独立考核省级重点项目、371个市级重点项目分别完成投资290亿元、895亿元: 独立考核省级重点项目完成投资 and
    市级重点项目完成投资; 办结人大代表建议148件、政协委员提案134件，满意率分别达98.6%和99.2%), when they are one
    list in its sentence, each of its own thing; else none."""
    figure = figures[index]
    if index < size:
        return []
    earlier = figures[index - size : index]
    joins = [text[a.end : b.start] for a, b in pairwise(earlier)]  # each a thing of its own: not 423种、14类
    one_list = all(_CONNECTORS.fullmatch(join) is None and not any(m in join for m in "，,；;") for join in joins)
    between = text[earlier[-1].end : figure.start]
    if not one_list or len({member.unit for member in earlier}) > 1 or any(mark in between for mark in "；;。"):
        return []
    if between.count("，") > 1:
        return []
    before, _, after = between.partition("分别")
    before = before.split("，")[-1].removeprefix(earlier[-1].subject)  # 371个市级重点项目: the count's own thing
    measure = _clean_subject(before, rules) + _clean_subject(after, rules)
    things = [_clean_subject(member.subject.removesuffix("（基期）"), rules) for member in earlier]
    if measure.startswith(rules.total_words):  # 新增规上工业企业1007家、百亿级企业1家，总数分别达6886家、14家
        things = [_without_increment(thing, rules) for thing in things]
    whole = all(thing and not _LIST_OR_FIGURE.search(thing) for thing in things)  # not 省级重点项目、总投资9329亿元
    if not measure or not whole or len(set(things)) < size:
        return []
    return [thing + measure for thing in things]


def _continues_list(text: str, last: _Figure, candidate: _Figure) -> bool:
    """Whether ``candidate`` goes on with the list ``last`` is in: only connectors between them, no 分别
    of its own (…分别达43900元、20300元，分别增长7%、9% is two lists), and after a comma either a verb of
    its own (…，增长5.1%和7.4%) or nothing after it in its clause (分别下降5.6%和4%，74个重点城市… ends
    the list)."""
    between = text[last.end : candidate.start]
    lead = text[candidate.start : candidate.number_start]
    if not _CONNECTORS.fullmatch(between) or "分别" in lead:
        return False
    after_comma = _has_comma(between)
    return not after_comma or bool(lead) or text[candidate.end : candidate.end + 1] in ("", *_CLAUSE_BOUNDARY)


def _batches(group: list[_Figure]) -> list[list[_Figure]]:
    """A list's figures cut where a member with its own verb changes what they state (达到… then 增长…)."""
    batches = [[group[0]]]
    for member in group[1:]:
        if member.start < member.number_start and member.changed != group[0].changed:
            batches.append([])
        batches[-1].append(member)
    return batches


def _members(subject: str, count: int, rules: _Rules) -> list[str]:
    """The subjects of a list of ``count`` figures given ``subject`` together: its members written out
    (城镇、农村居民人均可支配收入), or those of a word naming them at once (``compounds``: 存贷款余额 gives
    存款余额 and 贷款余额) where the subject lists nothing else (社会消费品零售总额和商品进出口总值 is two)."""
    for word, things in rules.compounds:
        at = subject.find(word)
        rest = subject[:at] + subject[at + len(word) :]
        if at >= 0 and len(things) == count and not _LIST_SPLIT.search(rest):
            return [subject[:at] + thing + subject[at + len(word) :] for thing in things]
    return _with_shared_head(_level_members(_one_character_members(_split_members(subject, count)), rules), rules)


def _split_members(subject: str, count: int) -> list[str]:
    """The members of a list's ``subject``: cut at its 、 outside parentheses where that gives ``count`` of them,
    as 和, 与 and 及 may be inside a member's words (普及率, 参与率, 汽车及零部件); else at each of them."""
    parts = [part for part in _TOP_LEVEL_COMMA.split(subject) if part]
    return parts if len(parts) == count else [part for part in _LIST_SPLIT.split(subject) if part]


def _one_character_members(parts: list[str]) -> list[str]:
    """国、省考断面水质优良率, 中、高等职业教育在校生: members of one character each stand for the last
    member's first, and share the rest of it (国考断面水质优良率, 中等职业教育在校生)."""
    last = parts[-1] if len(parts) > 1 else ""
    if len(last) < 3 or not all(len(part) == 1 for part in parts[:-1]):
        return parts
    return [part + last[1:] for part in parts[:-1]] + [last]


def _level_members(parts: list[str], rules: _Rules) -> list[str]:
    """国家级、部级创新平台: members that are a level alone share the thing the last member names after its own
    level (国家级创新平台, 部级创新平台)."""
    last = parts[-1] if len(parts) > 1 else ""
    level = next((word for word in rules.member_levels if last.startswith(word)), "")
    thing = last[len(level) :]
    if not level or len(thing) < 2 or not any(part in rules.member_levels for part in parts[:-1]):
        return parts
    return [part + thing if part in rules.member_levels else part for part in parts[:-1]] + [last]


def _with_shared_head(parts: list[str], rules: _Rules) -> list[str]:
    """城镇、农村居民人均可支配收入: the head the last part ends with (``shared_heads``, after a modifier of up
    to four characters) is also that of each other part of two to four characters, or as long as that
    modifier (第一、二、三产业增加值); 城镇居民 keeps its 居民."""
    last = parts[-1] if len(parts) > 1 else ""
    longest = 8 if len(last) and any(len(h) >= 5 and last.endswith(h) for h in rules.shared_heads) else 4
    head = next((h for h in rules.shared_heads if last.endswith(h) and 1 <= len(last) - len(h) <= longest), None)
    if head is None:
        return parts
    modifier = len(last) - len(head)
    shared = []
    for part in parts[:-1]:
        if (2 <= len(part) <= 4 or len(part) == modifier) and not part.endswith(head):
            overlap = next((k for k in range(len(head) - 1, 0, -1) if part.endswith(head[:k])), 0)
            part += head[overlap:]
        shared.append(part)
    return [*shared, last]


def _count_before_measure(figures: list[_Figure], rules: _Rules) -> None:
    """A count whose words run into the measure of the figure after it counts the things before the measure:
    90个区级重点项目完成投资60亿元 counts 区级重点项目 (the money keeps 区级重点项目完成投资)."""
    for count, measured in pairwise(figures):
        if count.unit_info is None or count.unit_info.family != "count" or measured.previous is not count:
            continue
        found = rules.count_measure_tail.search(count.subject)
        share = "占" in count.subject  # 14个重点产业产值占农林牧渔业总产值的80%: the measure is the share's
        if found is not None and found.start() > 0 and measured.subject == count.subject and not share:
            count.subject = count.subject[: found.start()]


def _qualify_generic(text: str, figures: list[_Figure], rules: _Rules) -> None:
    """A subject that is a bare measure (产量, 总量) after a figure of the same sentence takes that figure's
    thing: 粮食播种面积917.05万亩，产量237.5万吨 gives 粮食产量; 新增企业…、总数达5003家 gives 企业总数; so does one
    of money (投资) after a count: 实施省级重点项目640个、完成投资3500亿元 gives 省级重点项目投资."""
    for figure in figures:
        before = figure.previous
        counted = before is not None and _counts_for(text, before, figure, rules)
        if before is None or not (figure.subject in rules.generic_measures or (
            counted and figure.subject in rules.counted_measures
        )):
            continue
        thing = before.subject.removesuffix("（基期）")
        if thing.endswith(figure.subject):  # the figure before is of the same measure (…规模，规模扩大…)
            figure.subject = thing
            continue
        head = next((h for h in rules.measure_heads if thing.endswith(h)), "")
        thing = thing[: len(thing) - len(head)]
        action = rules.action_start.match(thing)
        if action and len(action.group()) >= 2:  # 新增企业12家，总数… is of 企业 (but 新型研发机构 keeps its 新)
            thing = thing[action.end() :]
        if thing and thing not in rules.generic_measures and not _LIST_MARK.search(thing):
            figure.subject = thing + figure.subject


def _qualify_total(text: str, figures: list[_Figure], rules: _Rules) -> None:
    """A total after the count of what was added to it is of the things, not of the added: 新增上市企业8家，累计达96家
    gives 上市企业 (it gave 新增上市企业 96), 新认定高新技术企业52家，总数达到164家 高新技术企业总数."""
    for figure in figures:
        before = figure.previous
        if before is None or before.unit != figure.unit or not rules.total_lead.search(text, before.end, figure.start):
            continue
        thing = before.subject.removesuffix("（基期）")
        if figure.subject.startswith(thing) and rules.increment_opening.match(thing):
            figure.subject = _without_increment(figure.subject, rules)


def _without_increment(subject: str, rules: _Rules) -> str:
    opening = rules.increment_opening.match(subject)
    return subject[opening.end() :] if opening and opening.end() < len(subject) else subject


def _has_comma(text: str) -> bool:
    return "，" in text or "," in text


def _counts_for(text: str, count: _Figure, money: _Figure, rules: _Rules) -> bool:
    """Whether ``count`` counts the things the sum of ``money`` after it is of: a count, not of a stage of them
    (竣工112个, 建成投产项目20个: the money is of all the projects), and, for the year's work done on them where a
    comma parts them, not after another count of them (新开工…730个，续建项目700个以上，完成投资2000亿元: of both; but
    引进项目24个，新签约亿元以上项目664个、总投资3860亿元 is of the 664)."""
    if count.unit_info is None or count.unit_info.family != "count" or rules.later_stage.match(count.subject):
        return False
    if money.unit_info is None or money.unit_info.family != "money":  # 到位资金增长10%: the whole's growth
        return False
    parted = _has_comma(text[count.end : money.start])
    done = money.subject in rules.work_done  # 完成投资: of the year's work on all of them (a 总投资 is the projects')
    return not (parted and done) or count.previous is None or count.previous.unit != count.unit


def _qualify_share(figures: list[_Figure]) -> None:
    """A share that names its whole alone (占一般公共预算支出比重) after a figure of its sentence is that figure's
    thing's share: 民生支出132亿元，占一般公共预算支出的82.2% gives 民生支出占一般公共预算支出比重; not after a bare
    total (总户数达到了6300户，占全镇户数的72%), which names no thing."""
    named: dict[str, str] = {}  # 占GDP比重 → 研发投入占GDP比重, for the change of the share after it (提高0.2个百分点)
    for figure in figures:
        before = figure.previous
        thing = before.subject if before is not None else ""
        if before is not None and named.get(figure.subject) == thing:
            figure.subject = thing
        elif figure.subject.startswith("占") and thing and "占" not in thing and not thing.startswith("总"):
            whole = thing.removesuffix("（基期）") + figure.subject
            named[figure.subject] = whole
            figure.subject = whole


def _qualify_level(figures: list[_Figure], rules: _Rules) -> None:
    """A subject that is a level alone (省级) after a figure of its sentence whose subject names another
    level takes that subject's thing: 国家级“专精特新”企业8家、省级66家 gives 省级“专精特新”企业."""
    for figure in figures:
        before = figure.previous
        if figure.subject not in rules.level_words or before is None:
            continue
        other = next((w for w in rules.level_words if w in before.subject and w != figure.subject), None)
        if other is not None:
            thing = before.subject[before.subject.index(other) + len(other) :].removesuffix("（基期）")
            if thing:
                figure.subject += thing


def _qualify_stage(figures: list[_Figure], rules: _Rules) -> None:
    """A subject that is a project's stage alone (完工) after a figure of its sentence of the same unit takes
    that figure's thing, its stage and the actions it opens with left out: 老旧小区综合整治新开工300个、完工200个
    gives 老旧小区综合整治完工, 新引进项目30个、新开工15个 项目新开工; of a list, its last member's
    (续建项目全部复工、新建项目开工40%，上半年开工80%: 新建项目开工)."""
    for figure in figures:
        before = _earlier_of_unit(figure.previous, figure.unit)
        if figure.subject not in rules.stage_words or before is None:
            continue
        thing = before.subject.removesuffix("（基期）")
        stage = next((word for word in rules.stage_words if thing.endswith(word)), "")
        thing = _STAGE_ADVERBS.sub("", thing[: len(thing) - len(stage)])
        member = thing[thing.rindex("、") + 1 :] if "、" in thing else ""
        if member and member.count("“") == member.count("”"):
            thing = member
        else:  # 开工建设工业项目77个、竣工投产62个: 工业项目竣工投产
            opening = rules.actions_opening.match(thing)
            thing = thing[opening.end() :] if opening else thing
        if thing and thing not in rules.stage_words:
            figure.subject = thing + figure.subject
