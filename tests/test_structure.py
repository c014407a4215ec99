from __future__ import annotations

import pytest

from build_tools.model import Body, Heading, Paragraph
from build_tools.report.structure import structure
from tests.gold_structure import gold, predicted_lists, score_headings, seed_reports


def paragraphs(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text, (n,), (0,)) for n, text in enumerate(texts, 1))


def outline(*texts: str) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in structure(paragraphs(*texts)) if isinstance(b, Heading)]


def test_headings_match_the_gold_outline() -> None:
    score = score_headings(seed_reports())
    assert score.misses == ()
    assert score.false_positives == ()
    assert score.parent_accuracy == 1.0


def test_lists_match_the_gold_standard() -> None:
    reports = seed_reports()
    for piece, report in zip(gold()["reports"], reports, strict=True):
        assert predicted_lists(report) == [tuple(run) for run in piece.get("lists", [])], piece["piece"]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("一、总体要求", "（一）稳增长。正文。", "1.抓投资", "2.促消费", "（二）调结构", "二、重点工作"),
         [(1, "一、总体要求"), (2, "（一）稳增长。"), (3, "1.抓投资"), (3, "2.促消费"), (2, "（二）调结构"), (1, "二、重点工作")]),
        (("三、今年工作", "一、以项目为载体。正文。", "二、以园区为载体。正文。"),
         [(1, "三、今年工作"), (2, "一、以项目为载体。"), (2, "二、以园区为载体。")]),
        (("第一，要解放思想。正文。", "第二，要拼抢机遇。正文。"), [(1, "第一，要解放思想。"), (1, "第二，要拼抢机遇。")]),
        (("加强政府自身建设", "——加强学习，提高能力。正文。"), [(1, "加强政府自身建设"), (2, "——加强学习，提高能力。")]),
        # a lead item holds no numbered section: 深圳's （一）…（十） and those of 32 other reports were nested
        # under the last of the ——items before them (——民生福祉再上新水平。)
        (("一、2023年工作回顾", "——经济持续恢复。正文。", "——民生福祉再上新水平。正文。", "（一）推动经济稳中提质。正文。",
          "（二）深化改革开放。正文。"),
         [(1, "一、2023年工作回顾"), (2, "——经济持续恢复。"), (2, "——民生福祉再上新水平。"), (2, "（一）推动经济稳中提质。"),
          (2, "（二）深化改革开放。")]),
        # 内蒙古's and 甘肃's chapters quote the plan they are about; a quoted term alone is no title
        (("“十四五”时期工作回顾", "——这五年综合经济实力大幅提升。正文。"),
         [(1, "“十四五”时期工作回顾"), (2, "——这五年综合经济实力大幅提升。")]),
        (("“两个确立”",), []),
        # the entries of the notes a report ends with are no sections (四川's 1.“两重”：是指…, 2010's 1、…：是指…)
        (("一、工作回顾", "全年经济平稳运行。", "名词解释", "1.“两重”：是指国家重大战略实施。", "2.“两新”：是指设备更新。"),
         [(1, "一、工作回顾"), (1, "名词解释")]),
        # a list that starts again at 一 further down than right below its style's heading nests there (1955's
        # 一、开垦宜于耕种的荒地。 under 三、…（三）…第二，…, read as its chapter 一); a heading whose number goes back
        # continues the outer list it follows (1986's chapter 三、 after the list 一、…五、 nested in its chapter 二、)
        (("三、若干问题", "（三）关于农业的增产问题", "第二，增产措施如下：", "一、开垦荒地。正文。", "二、兴修水利。正文。",
          "第三，对农业生产的领导问题。", "（四）关于改造问题", "四、为完成计划而奋斗"),
         [(1, "三、若干问题"), (2, "（三）关于农业的增产问题"), (3, "第二，增产措施如下："), (4, "一、开垦荒地。"),
          (4, "二、兴修水利。"), (3, "第三，对农业生产的领导问题。"), (2, "（四）关于改造问题"), (1, "四、为完成计划而奋斗")]),
        (("一、回顾", "二、基本任务", "（三）改善人民生活。", "一、确定适度的增长率", "二、规定恰当的投资规模", "三、发展科学",
          "三、经济体制改革"),
         [(1, "一、回顾"), (1, "二、基本任务"), (2, "（三）改善人民生活。"), (3, "一、确定适度的增长率"),
          (3, "二、规定恰当的投资规模"), (3, "三、发展科学"), (1, "三、经济体制改革")]),
        # 江西's notes: their title is a heading though its marks make it no title line, and their entries are none
        (("一、工作回顾", "全年经济平稳运行。", "附件", "《政府工作报告》有关内容名词注释", "1.“2030启航计划”：是指科技专项计划。",
          "2.“双一流”：是指一流大学。"),
         [(1, "一、工作回顾"), (1, "《政府工作报告》有关内容名词注释")]),
        # an enumeration inside an argument whose items with a short first sentence were headings and the others
        # text is text throughout: 1982's outline listed three of its five rules (二、三、五、)
        (("主要措施", "第一、严格控制投资规模。正文。", "国务院作出了以下规定。",
          "一、固定资产投资总规模，包括国家预算内的拨款、自筹资金和银行贷款，都必须由国家计委和省、市、自治区计委进行综合平衡，统一纳入国家计划。正文。",
          "二、大中型项目一律由国家计委审批。正文。", "三、所有项目必须按照程序办事。正文。", "第二、整顿现有企业。正文。"),
         [(1, "主要措施"), (2, "第一、严格控制投资规模。"), (2, "第二、整顿现有企业。")]),
        # ... but the report's own chapters stay headings, one of them written as a long sentence or not, and so
        # do those after a list of long items in a chapter, which runs on into them (一、…三、 in 三、, then 四、)
        (("一、回顾", "二、过去一年，我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，经济社会发展取得新成效。正文。",
          "三、展望"),
         [(1, "一、回顾"), (1, "三、展望")]),
        (("三、措施", f"一、{'加强农田水利建设，' * 8}。", f"二、{'扩大灌溉面积，' * 9}。", f"三、{'推广良种，' * 12}。",
          "四、建议", "五、结语"),
         [(1, "三、措施"), (1, "四、建议"), (1, "五、结语")]),
        # the speaker turning to the house closes the subsection: 山东's ——items of its five years were children
        # of its last year's （六）; a subsection set aside so goes on after them (浙江's （十） after its 1.…方面)
        (("一、回顾", "（一）经济稳。正文。", "（二）民生好。正文。", "各位代表！五年来，我们砥砺奋进。", "——经济实力实现新跃升。正文。",
          "——人民生活实现新跃升。正文。", "二、目标"),
         [(1, "一、回顾"), (2, "（一）经济稳。"), (2, "（二）民生好。"), (2, "——经济实力实现新跃升。"),
          (2, "——人民生活实现新跃升。"), (1, "二、目标")]),
        (("三、重点工作", "（一）扩内需。正文。", "（二）保民生。正文。", "各位代表！今年我们要办好十件实事：", "1.医疗方面。正文。",
          "2.养老方面。正文。", "（三）建设政府。正文。"),
         [(1, "三、重点工作"), (2, "（一）扩内需。"), (2, "（二）保民生。"), (2, "1.医疗方面。"), (2, "2.养老方面。"),
          (2, "（三）建设政府。")]),
        # titles inside a numbered section whose numbering goes on after them nest in it (1958's （二）…（五） were
        # nested under 最后说到文教战线上的情况, a title in its （一）); a title after the last closes the sections
        (("各位代表：", "（一）一九五七年的胜利", "先说工业战线上的情况", "工业总产值增长了百分之十，超额完成了计划。",
          "最后说到文教战线上的情况", "高等学校学生增加了，质量也有提高。", "（二）争取新跃进", "结束语", "我们一定能够胜利。"),
         [(1, "（一）一九五七年的胜利"), (2, "先说工业战线上的情况"), (2, "最后说到文教战线上的情况"), (1, "（二）争取新跃进"),
          (1, "结束语")]),
        # Not headings: a date line, a salutation, body text that starts with a number.
        (("——2026年1月28日在第四次会议上", "各位代表：", "2024年经济运行总体平稳。"), []),
        (("一是经济指标新突破。",), []),
    ],
)
def test_outline_rules(texts: tuple[str, ...], expected: list[tuple[int, str]]) -> None:
    assert outline(*texts) == expected


def test_a_lead_sentence_gives_a_heading_and_keeps_the_body() -> None:
    blocks = structure(paragraphs("——抓好教育工作。深化活动，着力解决问题。"))
    assert isinstance(blocks[0], Heading) and blocks[0].text == "——抓好教育工作。"
    assert isinstance(blocks[1], Body) and blocks[1].paragraph.text == "深化活动，着力解决问题。"
    assert blocks[1].paragraph.line == 1


def test_no_text_is_lost_between_headings_and_bodies() -> None:
    for report in seed_reports():
        rebuilt = []
        for block in report.blocks:
            items = block.items if hasattr(block, "items") else (block.paragraph,)
            rebuilt += [item.text for item in items]
        assert "".join(rebuilt) == "".join(p.text for p in report.cleaned.paragraphs)


def test_a_short_line_before_the_salutation_is_front_matter_not_a_heading() -> None:
    """The speaker's name under their office (国务院总理 / 李强) opened the 2021–2024 national reports' outlines,
    every section nested under it; after the salutation a short line is a title heading again."""
    found = outline(
        "——2024年3月5日在第十四届全国人民代表大会第二次会议上", "国务院总理", "李强", "各位代表：",
        "现在，我代表国务院，向大会报告政府工作，请予审议。", "一、2023年工作回顾", "过去一年，极不寻常。", "结束语",
    )
    assert found == [(1, "一、2023年工作回顾"), (1, "结束语")]


def test_the_table_of_contents_a_source_printed_is_a_list_and_the_lines_before_the_salutation_are_no_headings() -> None:
    from build_tools.model import ListBlock

    texts = ["关于发展国民经济的第一个五年计划的报告", "国务院副总理兼国家计划委员会主任李富春", "目录", "一、国家在过渡时期的总任务",
             "二、第一个五年计划概要", "各位代表：", "现在我谨作如下的说明。", "一、国家在过渡时期的总任务", "我国的任务是……。",
             "二、第一个五年计划概要", "计划的要点如下。"]
    blocks = structure(paragraphs(*texts))
    assert [(b.level, b.text) for b in blocks if isinstance(b, Heading)] == [
        (1, "一、国家在过渡时期的总任务"), (1, "二、第一个五年计划概要"),
    ]
    assert [[p.text for p in b.items] for b in blocks if isinstance(b, ListBlock)] == [texts[3:5]]
