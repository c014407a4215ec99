from __future__ import annotations

import pytest

from build_tools.model import Paragraph
from build_tools.report.anomalies import find_anomalies, inline_anomalies
from build_tools.report.structure import structure
from tests.gold_structure import gold, seed_reports

LONG = "是指企业出题、高校和科研院所揭榜，科研成果面向市场、由企业揭榜转化的双向对接机制，本报告中多次出现，特此说明。" * 2


def anomalies_of(*texts: str) -> list[tuple[str, str]]:
    paragraphs = tuple(Paragraph(text, (n,), (0,)) for n, text in enumerate(texts, 1))
    return [(a.kind, a.text) for a in find_anomalies(structure(paragraphs))]


def test_every_gold_anomaly_is_found_at_its_line() -> None:
    for piece, report in zip(gold()["reports"], seed_reports(), strict=True):
        found = {(a.line, a.kind, a.text) for a in report.anomalies}
        for expected in piece.get("anomalies", []):
            assert (expected["line"], expected["kind"], expected["text"]) in found, (piece["piece"], expected)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("20xx年是开局之年。",), [("redaction", "20xx")]),
        (("关系XX镇的发展。",), [("redaction", "XX")]),
        (("**镇人民政府。",), [("redaction", "**")]),
        (("比20的343万元增长。",), [("redaction", "20")]),
        (("是“”规划的开局之年。",), [("empty-quotes", "“”")]),
        (("主要工作?",), [("suspicious-character", "?")]),
        # a character lost after a mark or a digit (湖南 2026's 、?水灌区, 重庆's 前1?), and 1956's missing type (硫＠①)
        (("重点垸堤防加固二期、?水灌区开工建设，1个学科进入前1?。",), [("suspicious-character", "?")] * 2),
        (("烧碱增长18%，硫＠①增长9%。",), [("suspicious-character", "＠①")]),
        # a private-use character: a font's glyph for a rare character (堃 as U+E000), shown by no other font
        (("副市长王\ue000同志。",), [("suspicious-character", "\ue000")]),
        (("（一）甲。正文。", "（二）乙。正文。", "（二）丙。正文。", "（四）丁。正文。"), [("numbering", "（二）")]),
        (("第一，甲。正文。", "第二，乙。正文。", "残句。", "第四，丁。正文。"), [("missing-text", "第三")]),
        # 四川 2026 and 江西 2026 were told of items missing that stood right there, as paragraphs rather
        # than headings: an item the outline took for text is not missing; one that is nowhere still is
        (("1.新质生产力", "2.双向揭榜挂帅", f"3.人工智能+行动：{LONG}", f"4.数据要素×行动：{LONG}", "5.低空经济"), []),
        (("1.新质生产力", "2.双向揭榜挂帅", f"3.人工智能+行动：{LONG}", "5.低空经济"), [("missing-text", "4.")]),
        # a number that opens a sentence inside a paragraph is there (2006's 第五, run on in 第四's paragraph), and
        # an arabic note numbered 2、 is the 2. of its list (2010's and 2012's notes)
        (("第四，加大投入。国家安排资金。第五，深入整治。继续治理。", "第六，强化管理。加强基础工作。"), []),
        (("1.应对危机：是指……", "2、融合：是指……", "3.物联网：是指……"), []),
        # a year deleted whole (the seed's 比的8153万元 beside its marked 比20的343万元; 以来，; 年是): none in 无比的 or 年初
        (("增加值完成19150万元，比的8153万元增长157.4%。以来，我镇基础设施建设迈上了新台阶。", "年是深入贯彻科学发展观的一年。"),
         [("deleted", "比的"), ("deleted", "以来"), ("deleted", "年")]),
        (("我们有无比的信心。年初确定的目标全面完成，与上年相比的3项指标均有提升。",), []),
        # a count deleted (the seed's 办好以下件实事), and a percent sign before its number (全镇%80的农户)
        (("今年要全力办好以下件实事：", "全镇%80的农户用上自来水，增长5%，10%-20%。"),
         [("deleted", "以下"), ("suspicious-character", "%")]),
        (("主要有以下几件：", "做好以下工作。"), []),
        # Not anomalies.
        (("增长20%，达到20亿元，2020年，Xbox。",), []),
        (("一、甲", "二、乙", "三、丙"), []),
        (("What? 真的吗？",), []),
    ],
)
def test_anomaly_rules(texts: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    assert anomalies_of(*texts) == expected


def test_the_numbers_of_notes_the_source_did_not_carry_are_marked() -> None:
    """乐山's 62 and 荆州's 51 notes' numbers (助推“个转企”（3）1400余户) stood bare in texts that carry no notes, and
    went into the indicators' names (工业“五大产业”（5）产值); a report with its notes, one with a number or two, a
    list's items and 小（2）型 have none."""
    text = "实施“五区共兴”（1）发展战略，制定“四个倍增计划”（2）、推动经济向好，助推“个转企”（3）1400余户。"
    assert anomalies_of(text) == [("lost-note", "（1）"), ("lost-note", "（2）"), ("lost-note", "（3）")]
    assert anomalies_of(text, "注释：", "1.五区共兴：是指……") == []
    assert anomalies_of("实施“五区共兴”（1）发展战略，制定“四个倍增计划”（2）。主要有：（1）扩内需；（2）稳外贸。除险加固小（2）型水库。") == []
    # after a word's own brackets too: 乐山's “六无”平安村（社区）（16） was the one of its 63 left bare
    after_brackets = text + "创建“六无”平安村（社区）（16），“近邻社区”模式（17）。"
    assert ("lost-note", "（16）") in anomalies_of(after_brackets) and ("lost-note", "（17）") in anomalies_of(after_brackets)


def test_a_note_s_number_is_no_part_of_an_indicator_s_name() -> None:
    from build_tools.model import Paragraph
    from build_tools.report.indicators import extract_indicators

    found = extract_indicators([Paragraph("工业“五大产业”（5）产值突破1800亿元。", (1,), (0,))], 2024)
    assert [indicator.subject for indicator in found] == ["工业“五大产业”产值"]


def test_stars_that_hide_a_number_say_so() -> None:
    """宜昌's 增长**% was described as a name the source hid; the indicator table said, rightly, 原文隐去."""
    notes = [
        (anomaly.text, anomaly.note)
        for anomaly in inline_anomalies(Paragraph(text="生产总值增长**%，完成**亿元投资，由**负责。", lines=(1,), line_starts=(0,)))
    ]
    assert notes == [("**", "来源在此隐去了数字（原文如此）"), ("**", "来源在此隐去了数字（原文如此）"),
                     ("**", "来源在此隐去了名称（原文如此）")]


def test_text_a_converter_garbled_before_the_file_reached_the_archive_is_marked() -> None:
    """A file whose characters a converter had lost (锟斤拷锟斤拷, the bytes of � read as GBK) published them as the
    report's words, unmarked."""
    found = anomalies_of("全市地区生产总值增长锟斤拷锟斤拷锟%，财政收入增长6%。")
    assert found == [("suspicious-character", "锟斤拷锟斤拷锟")]
    assert anomalies_of("锟斤山是一座山。") == []
