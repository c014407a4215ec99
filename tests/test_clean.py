from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.model import CleanedReport, Heading, RawReport, SourceLine
from build_tools.report.clean import clean, unaccounted_lines
from build_tools.report.decode import Limits, cut_spaced_lines, decode
from build_tools.report.fixers import original_line, repair_line
from build_tools.report.split import split
from build_tools.report.structure import structure
from tests.gold_structure import SEED, dropped_lines, gold, predicted_joins, seed_reports


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  国内生产总值增长５％。\u3000", "国内生产总值增长5%。"),
        ("达到１２.５亿元", "达到12.5亿元"),
        ("增长９．５%", "增长9.5%"),
        ("较上年增长30 %；", "较上年增长30%；"),
        ("(一) 突出强攻工业", "（一）突出强攻工业"),
        ("加强监管,惩防并举;维护稳定", "加强监管，惩防并举；维护稳定"),
        ("主要目标:增长", "主要目标：增长"),
        ("安排 部署", "安排部署"),
        ("当前位置<U+00A0>首页", "当前位置首页"),
        # a space between a number and the Han characters around it: the space after a Latin word stays
        ("GDP 增长 5.2%", "GDP 增长5.2%"),
        # Text that must not change.
        ("会议于9:30开始", "会议于9:30开始"),
        ("1.1万亩", "1.1万亩"),
        ("Made in China 2025", "Made in China 2025"),
        ("“十四五”规划", "“十四五”规划"),
        ("20xx年主要工作?", "20xx年主要工作?"),
        ("**镇人民政府", "**镇人民政府"),
        ("3,000万元", "3,000万元"),
    ],
)
def test_line_repairs(line: str, expected: str) -> None:
    text, _repairs = repair_line(line)
    assert text == expected


@pytest.mark.parametrize("line", ["  ２０２４年（１）班, 30 %  ", "(三)  甲乙,丙;丁:戊", "<U+00A0>", "正文"])
def test_undoing_the_repairs_gives_back_the_line(line: str) -> None:
    text, repairs = repair_line(line)
    from build_tools.model import CleanedLine

    assert original_line(CleanedLine(1, line, text, repairs)) == line


def cleaned_file(path: Path) -> tuple[tuple[str, ...], list]:
    source = decode(str(path), path.read_bytes())
    collection = split(source)
    reports = [clean(raw, collection.preamble if raw.index == 1 else ()) for raw in collection.reports]
    return source.lines, reports


def test_the_audit_accounts_for_every_character_of_the_seed() -> None:
    lines, reports = cleaned_file(SEED)
    assert unaccounted_lines(lines, reports) == []


def test_the_accounting_check_notices_a_lost_character() -> None:
    lines, reports = cleaned_file(SEED)
    tampered = list(lines)
    tampered[10] = tampered[10] + "失"
    assert unaccounted_lines(tuple(tampered), reports) != []


@pytest.mark.slow
def test_the_audit_accounts_for_every_character_of_the_corpus(corpus: list[Path]) -> None:
    problems = {}
    for path in corpus:
        lines, reports = cleaned_file(path)
        found = unaccounted_lines(lines, reports)
        if found:
            problems[path.name] = found[:3]
    assert problems == {}


def test_joins_match_the_gold_standard() -> None:
    joins = predicted_joins(seed_reports())
    assert joins == {tuple(pair) for pair in gold()["joins"]}
    assert not joins & {tuple(pair) for pair in gold()["no_joins"]}


def test_the_collection_title_blurb_and_pagination_are_dropped() -> None:
    reports = seed_reports()
    expected = gold()["collection"]
    assert dropped_lines(reports, {"collection-title"}) == {expected["title_line"]}
    assert dropped_lines(reports, {"boilerplate"}) == set(expected["boilerplate_lines"])
    assert dropped_lines(reports, {"pagination"}) == set(expected["pagination_lines"])


def test_every_join_is_in_the_audit_with_both_lines() -> None:
    for report in seed_reports():
        joined = {(e.line, e.reason) for e in report.cleaned.audit if e.kind == "joined"}
        for paragraph in report.cleaned.paragraphs:
            for first, second in zip(paragraph.lines, paragraph.lines[1:], strict=False):
                assert any(line == first and f"第 {second} 行" in reason for line, reason in joined)


def test_cleaning_cleaned_text_again_changes_nothing() -> None:
    for report in seed_reports():
        text = "\n\n".join(p.text for p in report.cleaned.paragraphs)
        lines = tuple(SourceLine(n, t) for n, t in enumerate(text.split("\n"), 1))
        again = clean(RawReport("again.txt", 1, None, lines))
        assert [p.text for p in again.paragraphs] == [p.text for p in report.cleaned.paragraphs]
        assert {e.kind for e in again.audit} <= {"whitespace"}


def test_a_single_report_loses_its_title_line_to_the_page_title() -> None:
    raw = RawReport(
        "2024.txt", 1, None,
        (SourceLine(1, "2024年政府工作报告"), SourceLine(2, "各位代表："), SourceLine(3, "现在报告工作。")),
    )
    cleaned = clean(raw)
    assert cleaned.heading == "2024年政府工作报告"
    assert [p.text for p in cleaned.paragraphs] == ["各位代表：", "现在报告工作。"]


def test_a_page_repeated_whole_is_published_once_with_the_copies_in_the_audit() -> None:
    page = ["2010年政府工作报告", "各位代表：", "现在，我代表国务院向大会报告工作，请予审议。", "一、过去一年的工作", "国内生产总值增长百分之九，经济运行总体良好。"]
    lines = tuple(SourceLine(n, text) for n, text in enumerate(page * 3, 1))
    cleaned = clean(RawReport("2010.txt", 1, None, lines))
    assert [p.text for p in cleaned.paragraphs] == page[1:]
    dropped = [e for e in cleaned.audit if e.kind in ("repeated", "report-title")]
    assert len(dropped) == 2 * len(page) + 1
    assert any(e.kind == "repeated" for e in dropped)
    assert unaccounted_lines(tuple(page * 3), [cleaned]) == []


def test_a_sentence_said_twice_is_not_a_repeated_page() -> None:
    page = ["各位代表：", "我们要坚定信心，迎难而上，奋力完成全年目标任务。", "一、经济", "各位代表：", "我们要坚定信心，迎难而上，奋力完成全年目标任务。", "二、民生"]
    lines = tuple(SourceLine(n, text) for n, text in enumerate(page, 1))
    cleaned = clean(RawReport("a.txt", 1, None, lines))
    assert len(cleaned.paragraphs) == len(page)


PORTAL_PAGE = [
    "当前位置：首页>>政府工作报告",
    "2010年政府工作报告",
    "各位代表：",
    "现在，我代表国务院向大会报告工作，请予审议。",
    "一、过去一年的工作",
    "国内生产总值增长百分之九，经济运行总体良好。",
    "【E-mail推荐",
    "【字体：大 中 小】",
]


def test_a_page_repeated_after_its_trailer_is_dropped_as_copies_of_the_lines_it_repeats() -> None:
    lines = tuple(SourceLine(n, text) for n, text in enumerate(PORTAL_PAGE * 3, 1))
    cleaned = clean(RawReport("2010.txt", 1, None, lines))
    assert [p.text for p in cleaned.paragraphs] == PORTAL_PAGE[2:6]
    by_line = {entry.line: entry for entry in cleaned.audit}
    for copy in (1, 2):
        first = copy * len(PORTAL_PAGE) + 1
        assert by_line[first].reason == "网站的导航路径"  # furniture is named for what it is
        assert by_line[first + 1].reason == "重复的报告标题"
        assert [by_line[first + k].repeats for k in range(2, 6)] == [3, 4, 5, 6]
        assert by_line[first + 6].reason == "报告之后的网站链接"  # the trailer line itself
        assert by_line[first + 7].reason == "网站的字号切换"
    assert unaccounted_lines(tuple(PORTAL_PAGE * 3), [cleaned]) == []


def test_after_its_trailer_a_line_that_repeats_nothing_is_still_the_trailer() -> None:
    page = [*PORTAL_PAGE[1:7], "上一篇：关于2009年国民经济和社会发展计划执行情况", "国内生产总值增长百分之九，经济运行总体良好。"]
    cleaned = clean(RawReport("2010.txt", 1, None, tuple(SourceLine(n, t) for n, t in enumerate(page, 1))))
    reasons = {entry.line: (entry.kind, entry.reason, entry.repeats) for entry in cleaned.audit}
    assert reasons[7][:2] == ("furniture", "报告之后的网站链接")
    assert reasons[8] == ("repeated", "与第 5 行重复：网页把这段文字又显示了一遍", 5)  # a single line the page showed


def test_after_its_trailer_a_title_the_report_had_at_its_top_is_a_repeated_title_and_another_is_not() -> None:
    top = ["2010年国务院政府工作报告", "2010年政府工作报告"]
    page = [*top, *PORTAL_PAGE[2:7], "2010年政府工作报告", "2009年政府工作报告", *PORTAL_PAGE[2:6]]
    cleaned = clean(RawReport("2010.txt", 1, None, tuple(SourceLine(n, t) for n, t in enumerate(page, 1))))
    assert cleaned.heading == "2010年国务院政府工作报告"
    reasons = {e.line: (e.kind, e.reason) for e in cleaned.audit}
    assert reasons[8] == ("repeated", "重复的报告标题")  # the second wording of the title at the top
    assert reasons[9] == ("furniture", "报告之后的网站链接")  # another year's report, a link to it


def cleaned_text(name: str, text: list[str]) -> CleanedReport:
    """The cleaned report of ``text``, one source line an item, as the first report of the file ``name``."""
    return clean(RawReport(name, 1, None, tuple(SourceLine(n, line) for n, line in enumerate(text, 1))))


def test_a_line_cut_after_a_word_that_needs_more_or_before_a_full_stop_is_joined() -> None:
    """…缔结了 / 友好同盟互助条约 / 。苏联根据…: short lines that looked like titles were two headings."""
    text = ["各位代表：", "我国同伟大的和平堡垒苏联已经缔结了", "友好同盟互助条约",
            "。苏联根据友好互助的精神，给了我们巨大的援助。", "今年是我国与", "印度", "、缅甸共同倡议和平共处五项原则三十周年。"]
    cleaned = cleaned_text("1954.txt", text)
    assert [p.text for p in cleaned.paragraphs] == [
        "各位代表：",
        "我国同伟大的和平堡垒苏联已经缔结了友好同盟互助条约。苏联根据友好互助的精神，给了我们巨大的援助。",
        "今年是我国与印度、缅甸共同倡议和平共处五项原则三十周年。",
    ]
    assert sum(entry.kind == "joined" for entry in cleaned.audit) == 4


def test_a_line_that_opens_with_the_text_s_paragraph_indent_starts_a_paragraph_though_the_one_before_ends_no_sentence() -> None:
    """1954's …开辟了逐行逐业改造资本主义商业的道路 (its 。 lost in both sources) / 　　对资本主义工商业的改造是… ran on
    into one sentence, which the audit called a repair; the text opens every paragraph with 　　."""
    body = [f"　　第{n}项工作取得了新的进展，人民生活继续改善。" for n in range(12)]
    text = ["各位代表：", *body, "　　使私营商业中的国家资本主义成分得到迅速的增长，并且开辟了逐行逐业改造资本主义商业的道路", "　　对资本主义工商业的改造是一个斗争和教育的过程。",
            "　　我们要改造资本主义企业，", "　　使它们最后成为先进的社会主义企业。"]
    paragraphs = [p.text for p in cleaned_text("1954.txt", text).paragraphs]
    assert "使私营商业中的国家资本主义成分得到迅速的增长，并且开辟了逐行逐业改造资本主义商业的道路" in paragraphs
    assert "对资本主义工商业的改造是一个斗争和教育的过程。" in paragraphs
    assert "我们要改造资本主义企业，使它们最后成为先进的社会主义企业。" in paragraphs  # after a comma it runs on
    unindented = [line.removeprefix("　　") for line in text]  # no indent to go by: it runs on, as before
    assert not any(p.startswith("对资本主义") for p in (p.text for p in cleaned_text("1954.txt", unindented).paragraphs))


def test_a_link_s_words_on_a_line_of_their_own_inside_a_sentence_are_joined_to_both_sides() -> None:
    """四川's note 7: …由技术供给方带团队、带技术 / 揭榜 / ；“成果找市场”… (揭榜 a link on its own line) stayed two paragraphs."""
    text = ["各位代表：", "名词解释", "7.“双向揭榜挂帅”：企业找技术、成果找市场“双向", "揭榜", "挂帅”的简称，由技术供给方带团队、带技术",
            "揭榜", "；“成果找市场”由成果需求方带资金、带场景", "揭榜", "。"]
    paragraphs = [p.text for p in cleaned_text("2026_四川省.txt", text).paragraphs]
    assert paragraphs[-1] == ("7.“双向揭榜挂帅”：企业找技术、成果找市场“双向揭榜挂帅”的简称，由技术供给方带团队、带技术揭榜；"
                              "“成果找市场”由成果需求方带资金、带场景揭榜。")


def test_a_page_break_a_word_export_marks_with_a_zero_width_line_joins_what_it_cut() -> None:
    """A Word export leaves a line of zero-width spaces where a page broke: the paragraph it cut is one
    again (…达到74.4 / ​ / 万亿元; …各领域改 / ​ / 革，), the title it cut is the title, and the characters
    are in the audit; a salutation with a zero-width joiner after it stays apart from the text."""
    zwsp = "\u200b"
    text = [zwsp, "", "政府工作报", "告", "各位代表：\u200d", "", "现在，我代表国务院，向大会报告政府工作。",
            "——经济运行缓中趋稳、稳中向好。国内生产总值达到74.4", zwsp, "万亿元，增长6.7%。",
            "要全面深化各领域改", zwsp, "革，加快推进基础性、关键性改革。", zwsp, "一、2017年工作总体部署"]
    cleaned = cleaned_text("2017.txt", text)
    assert cleaned.heading == "政府工作报告"
    assert [p.text for p in cleaned.paragraphs] == [
        "各位代表：",
        "现在，我代表国务院，向大会报告政府工作。",
        "——经济运行缓中趋稳、稳中向好。国内生产总值达到74.4万亿元，增长6.7%。",
        "要全面深化各领域改革，加快推进基础性、关键性改革。",
        "一、2017年工作总体部署",
    ]
    removed = "".join(edit.old for line in cleaned.kept_lines for repair in line.repairs for edit in repair.edits)
    assert removed.count(zwsp) == 4 and "\u200d" in removed


def test_a_figure_written_with_a_space_after_each_character_is_read_whole() -> None:
    """1 9 9 7 年…7 4 7 7 2 亿元…8 ．8 ％ (the 1998 report as exported): the spaces go, into the audit; a
    name written so in quotes (“1 5 1”系列政策) and two numbers side by side (第3 4项) are left."""
    text = ["各位代表：", "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，去年经济增长8 ．8 ％，粮食增加5",
            " 0 0 0 万吨。", "出台“1 5 1”系列政策，完成第3 4项。"]
    cleaned = cleaned_text("1998.txt", text)
    assert [p.text for p in cleaned.paragraphs] == [
        "各位代表：",
        "1997年国内生产总值达到74772亿元，去年经济增长8.8%，粮食增加5000万吨。",
        "出台“1 5 1”系列政策，完成第3 4项。",
    ]
    assert not unaccounted_lines(tuple(text), [cleaned])


def test_a_site_s_label_and_its_value_on_the_next_line_are_furniture_and_so_is_a_time_in_hours_and_minutes() -> None:
    """来源: / 四川日报 left 四川日报 at the top of the report (a heading over it, once), and 责任编辑： / 李莎莎 a
    heading at its end; 2026年02月10日 07时41分 stayed too."""
    text = ["2026年02月10日 07时41分", "来源:", "", "四川日报", "各位代表：", "现在，我代表省人民政府，向大会报告工作。",
            "来源：", "现在，我代表省人民政府，向大会报告工作，请予审议。", "责任编辑：", "李莎莎"]
    cleaned = cleaned_text("2026_四川省.txt", text)
    assert [p.text for p in cleaned.paragraphs] == [
        "各位代表：", "现在，我代表省人民政府，向大会报告工作。", "现在，我代表省人民政府，向大会报告工作，请予审议。",
    ]
    values = [entry.text for entry in cleaned.audit if entry.reason.endswith("（上一行标签的内容）")]
    assert values == ["四川日报"]  # a sentence after a bare label is no value of it
    assert "李莎莎" in [entry.text for entry in cleaned.audit if entry.kind == "furniture"]  # after the report


def test_a_lead_dash_or_an_enumerator_alone_on_its_line_and_a_dash_item_cut_at_a_link_are_one_paragraph() -> None:
    """The 2017 national report's page put each linked term on a line of its own (—— / 改革开放 / 深入推进。,
    新建 / 高速铁路 / 投产…), and the 1988 and 2001 ones each enumerator (二要 / 加强…): each was a heading,
    and the chapters after them were nested a level or two too deep."""
    text = ["——经济运行稳中向好。国内生产总值达到74.4万亿元。", "——", "改革开放", "深入推进。重要领域改革取得突破性进展。",
            "一要", "积极引入竞争机制。", "二要", "加强企业基础工作。", "——基础设施支撑能力持续提升。新建", "高速铁路",
            "投产里程超过1900公里。"]
    assert [p.text for p in cleaned_text("2017.txt", text).paragraphs] == [
        "——经济运行稳中向好。国内生产总值达到74.4万亿元。",
        "——改革开放深入推进。重要领域改革取得突破性进展。", "一要积极引入竞争机制。", "二要加强企业基础工作。",
        "——基础设施支撑能力持续提升。新建高速铁路投产里程超过1900公里。",
    ]


def test_pagination_drawn_with_arrows_an_editor_s_placeholder_and_a_link_to_attachments_are_furniture() -> None:
    text = ["各位代表：", "上一页12345下一页 >>|", "|<<上一页 6 下一页", "粗体文字", "现在，我代表国务院，向大会报告政府工作。", "相关附件>>"]
    cleaned = cleaned_text("2007.txt", text)
    assert [p.text for p in cleaned.paragraphs] == ["各位代表：", "现在，我代表国务院，向大会报告政府工作。"]


def test_a_chart_s_axis_or_a_long_run_of_digits_is_read_in_time_and_kept() -> None:
    """A chart's axis pasted from a Word export (2014 2015 … 2023年) hung the build: the pattern of a line of page
    links gave back its digits in every way there is before failing, twice as long for each year more."""
    import time

    axis = " ".join(str(year) for year in range(2014, 2024)) + "年"
    text = ["各位代表：", "地区生产总值（亿元）", axis, "全市共有" + "9" * 40 + "万人。", "上一页 1 2 3 下一页"]
    start = time.perf_counter()
    paragraphs = [p.text for p in cleaned_text("宜昌.txt", text).paragraphs]
    assert time.perf_counter() - start < 5  # not a timing test: the hang took minutes, a pass takes milliseconds
    assert any(axis in p for p in paragraphs) and not any("下一页" in p for p in paragraphs)


def test_an_editor_s_note_on_a_missing_character_is_a_line_of_its_own_and_no_heading() -> None:
    text = ["人民的生活水平有了提高。", "＠①原字石右加安", "＠②原字钅右加夕"]
    paragraphs = cleaned_text("1956.txt", text).paragraphs
    assert [p.text for p in paragraphs] == text
    assert all(not isinstance(block, Heading) for block in structure(paragraphs))


def test_headings_that_a_table_of_contents_listed_before_them_are_no_copy_of_it() -> None:
    """The 1955 report's sections 三、 and （一） follow each other as its table of contents lists them: with the
    blank line between them counted as a line, they were dropped as a repeat of that table."""
    text = ["目录", "", "二、第一个五年计划概要", "", "三、第一个五年计划的若干问题", "", "（一）关于工业和运输业的基本建设问题", "",
            "（二）关于工业的生产问题", "", "各位代表：", "", "三、第一个五年计划的若干问题", "",
            "（一）关于工业和运输业的基本建设问题", "", "现在我想就关于工业和运输业的基本建设的以下问题作一些说明。"]
    kept = [p.text for p in cleaned_text("1955.txt", text).paragraphs]
    assert kept.count("三、第一个五年计划的若干问题") == 2 and kept.count("（一）关于工业和运输业的基本建设问题") == 2


def test_a_photo_caption_an_editor_s_credit_in_brackets_a_script_and_a_written_zero_width_joiner_are_furniture() -> None:
    """The national reports of one source kept 新华社记者刘卫兵摄 at the head of 各位代表：, （责任编辑：郭桢）
    after the last paragraph of 34 of them, a page's script (function turnpage…) and, in 2015, <U+200D>
    written out in the middle of a sentence."""
    text = [
        "<U+00A0><U+00A0> 3月5日，第十一届全国人民代表大会第三次会议在北京人民大会堂开幕。国务院总理温家宝作政府工作报告。 新华社记者 刘卫兵 摄",
        "各位代表：<U+200D>现在，我代表国务院，向大会报告政府工作。",
        'function turnpage(page){  document.all("div_currpage").innerHTML = document.all("div_page_roll"+page).innerHTML;}',
        "（《人民日报》19590419）",
        "（责任编辑： 郭桢",
        " ）",
    ]
    cleaned = cleaned_text("2010.txt", text)
    # the paper that printed the report, with its date, is its source's citation, not its text (1955's last
    # paragraph ended …第一个五年计划。（《人民日报》19550708）)
    assert [p.text for p in cleaned.paragraphs] == ["各位代表：现在，我代表国务院，向大会报告政府工作。"]
    reasons = {entry.reason for entry in cleaned.audit}
    assert {"图片说明", "网页的脚本代码", "网站的来源、日期或编辑信息", "网页残留的标记"} <= reasons
    assert "刊载报告的报纸及其日期、版面（来源的出处，不是报告正文）" in reasons


def test_a_document_s_page_numbers_are_furniture_on_their_own_line_and_inside_a_sentence() -> None:
    """承德's report (a Word document's text) had 22 page numbers (— 18 —) among its lines: each was a heading
    of the outline, and cut the paragraph it stood in; 枣庄's had them inside its words (一 — 1 — 般公共预算收入)."""
    text = ["开展“村BA”“村", "", "— 18 —", "", "晚”等群众性文体活动。", "全市地区生产总值增长6.4%，一 — 1 — 般公共预算收入增长7.2%。"]
    cleaned = cleaned_text("承德.txt", text)
    assert [p.text for p in cleaned.paragraphs] == ["开展“村BA”“村晚”等群众性文体活动。", "全市地区生产总值增长6.4%，一般公共预算收入增长7.2%。"]
    assert {"文档的页码", "文档的页码（夹在一句话中间）"} <= {entry.reason for entry in cleaned.audit}


def test_a_line_that_leaves_a_quotation_open_continues_on_the_next() -> None:
    """四川's page put each linked word on a line of its own inside a quotation (成果找市场“双向 / 揭榜 / 挂帅”的简称):
    揭榜 alone became a chapter of the outline."""
    text = ["6.六大科技专项：省委部署的六项重大科技攻关。", "7.“双向揭榜挂帅”：企业找技术、成果找市场“双向", "揭榜", "挂帅”的简称。"]
    assert [p.text for p in cleaned_text("2026_四川省.txt", text).paragraphs] == [
        "6.六大科技专项：省委部署的六项重大科技攻关。", "7.“双向揭榜挂帅”：企业找技术、成果找市场“双向揭榜挂帅”的简称。",
    ]


def test_a_report_pasted_as_one_line_with_its_line_breaks_written_as_spaces_is_read_as_its_lines(tmp_path: Path) -> None:
    """枣庄's and 潍坊's reports (the text of a PDF, all on one line) were each one paragraph of 13,000-15,000
    characters with no outline: their line breaks were spaces, which cleaning took out as stray spaces."""
    wrapped = "现在，我代表市人民政府向大会报告工作，请予审议，并 请各位政协委员提出意见。 一、2023年工作回顾 "
    body = "全市地区生产总值增长6.4%，一 — 1 — 般公共预算收入增长7.2%，固定资产投资增长7.2%。 "
    path = tmp_path / "枣庄.txt"
    path.write_text("各位代表： " + wrapped + body * 50 + "二、2024年工作安排 今年的主要预期目标是：地区生产总值增长5.5%。", encoding="utf-8")
    source = decode(str(path), path.read_bytes())
    assert len(source.lines) > 30 and [(cut.file_line, cut.first, cut.last) for cut in source.cut] == [(1, 1, len(source.lines))]
    lines, reports = cleaned_file(path)
    assert unaccounted_lines(lines, reports) == []  # each space stays at the end of its line, and cleaning says so
    (report,) = reports
    texts = [p.text for p in report.paragraphs]
    assert texts[:3] == ["各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。", "一、2023年工作回顾"]
    assert "全市地区生产总值增长6.4%，一般公共预算收入增长7.2%，固定资产投资增长7.2%。" in texts
    assert "二、2024年工作安排" in texts
    (note,) = [entry for entry in report.audit if entry.kind == "line-breaks"]
    assert "文件的第 1 行" in note.reason and f"第 1–{len(lines)} 行" in note.reason


def test_a_chapter_title_run_on_from_the_sentence_before_it_in_a_one_line_text_is_a_line_of_its_own(tmp_path: Path) -> None:
    """潍坊's PDF text ran its chapters on from the sentence before them (…提出意见。一、2023年工作回顾 过去的一年…),
    so its outline had the sections but not the chapters."""
    body = "全市地区生产总值增长6.4%，一般公共预算收入增长7.2%。 "
    path = tmp_path / "潍坊.txt"
    path.write_text("各位代表： 现在，我代表市人民政府向大会报告工作，请予审议。一、2023年工作回顾 " + body * 80
                    + "二、2024年政府工作安排 今年的主要预期目标是：地区生产总值增长5.5%。", encoding="utf-8")
    lines, reports = cleaned_file(path)
    assert unaccounted_lines(lines, reports) == []
    (report,) = reports
    texts = [p.text for p in report.paragraphs]
    assert "现在，我代表市人民政府向大会报告工作，请予审议。" in texts
    chapters = [block.text for block in structure(report.paragraphs) if isinstance(block, Heading) and block.level == 1]
    assert chapters == ["一、2023年工作回顾", "二、2024年政府工作安排"]


def test_a_long_line_with_a_few_spaces_is_one_line() -> None:
    lines = ("各位代表： " + "全市地区生产总值增长6.4%，一般公共预算收入增长7.2%。" * 100 + " 其他。",)
    assert cut_spaced_lines(lines, Limits.from_settings()) == (lines, ())


def test_a_chapter_title_that_quotes_a_plan_is_a_line_of_its_own() -> None:
    """内蒙古's “十四五”时期发展成就和2025年工作回顾 was read as the start of the paragraph after it."""
    text = ["“十四五”时期发展成就和2025年工作回顾", "“十四五”时期内蒙古发展历程极不平凡。"]
    assert [p.text for p in cleaned_text("2026_内蒙古自治区.txt", text).paragraphs] == text


def test_a_numbered_heading_of_a_new_chapter_does_not_write_as_the_chapter_before_did() -> None:
    """The review's （一） carried their body on their line, so the plan's （一） title was read as cut and took
    the sentence after it: 深圳's ten, and those of 25 other reports (2007: （二）发展现代农业和推进社会主义新农村建设
    农业、农村和农民问题，是…)."""
    text = [
        "一、2023年工作回顾", "（一）全力推动经济发展稳中提质。市场主体活力持续激发。", "（二）坚定不移深化改革开放。改革向纵深推进。",
        "二、2024年工作安排", "（一）纵深推进新阶段粤港澳大湾区建设，全面深化深层次改革", "推动重点领域改革取得新突破。出台授权事项清单。",
        "（二）牢牢扭住实现新型工业化这个关键任务", "打造产业智能化、绿色化、融合化发展标杆。",
    ]
    assert [p.text for p in cleaned_text("深圳.txt", text).paragraphs] == text


def test_a_paragraph_that_ends_in_a_note_after_its_full_stop_is_not_joined_to_the_next() -> None:
    """1959's 115 paragraphs were 70: each that ended in applause (…多么辉煌的成就！（鼓掌）) was joined to the
    next, and 1958's closing line took the heading of the editor's notes after its citation."""
    text = ["这是我国人民在伟大的社会主义建设中获得了多么辉煌的成就！（鼓掌）", "在一九五五年和一九五六年，我们的工业生产有了很大的增长。",
            "为完成一九五八年度的国民经济计划而奋斗！（《人民日报》19580213第2 版）", "字库未存字注释："]
    cleaned = [*text[:2], text[2].split("（")[0], text[3]]  # the paper's citation is its source's, not its text
    assert [p.text for p in cleaned_text("1959.txt", text).paragraphs] == cleaned


def test_a_paper_s_citation_in_a_copy_after_the_report_s_end_is_audited_as_the_citation() -> None:
    """1956's page shows the report six times after its links (【E-mail推荐): each copy's （《人民日报》… 第2 版） was in the
    audit as 报告之后的网站链接, though the first copy's was named for what it is, the paper that printed the report."""
    text = ["各位代表：", "为完成一九五六年度的国民经济计划而奋斗！", "（《人民日报》1 9 5 6 0 6 1 6 第2 版）", "【E-mail推荐",
            "各位代表：", "为完成一九五六年度的国民经济计划而奋斗！", "（《人民日报》1 9 5 6 0 6 1 6 第2 版）"]
    cleaned = cleaned_text("1956.txt", text)
    citations = [entry for entry in cleaned.audit if "人民日报" in entry.text]
    assert [entry.line for entry in citations] == [3, 7]
    assert all("报纸" in entry.reason for entry in citations), [entry.reason for entry in citations]
    assert not unaccounted_lines(tuple(text), [cleaned])


def test_a_title_line_before_a_list_numbered_from_1_is_not_joined_to_its_first_item() -> None:
    """江西's annex title 《政府工作报告》有关内容名词注释 ran into its first note (1.“2030启航计划”：…), which the audit
    called a line the source cut; a line cut at a comma still joins the item after it."""
    text = ["各位代表：", "让我们团结奋斗！", "附件", "《报告》有关内容名词注释", "1.“2030启航计划”：面向2030年的科技专项计划。", "2.“双一流”：一流大学和学科。",
            "主要指标有：增长5%，", "1.5个百分点的差距继续缩小。"]
    assert [p.text for p in cleaned_text("江西.txt", text).paragraphs] == [
        *text[:6], "主要指标有：增长5%，1.5个百分点的差距继续缩小。"
    ]


def test_a_lone_number_after_a_latin_letter_is_the_rest_of_a_name_not_a_page_number() -> None:
    """2019's page read 广义货币M和社会融资规模…: the copy set M2's 2 on a line of its own, which cleaning took
    for a page number (2015 and 2017 likewise). A lone number after Chinese text is still one."""
    text = ["稳健的货币政策要松紧适度。广义货币M", "2", "和社会融资规模增速要与国内生产总值名义增速相匹配。", "3", "就业优先政策要全面发力。"]
    assert [p.text for p in cleaned_text("2019.txt", text).paragraphs] == [
        "稳健的货币政策要松紧适度。广义货币M2和社会融资规模增速要与国内生产总值名义增速相匹配。", "就业优先政策要全面发力。",
    ]


def test_a_chapter_numeral_alone_on_its_line_is_a_chapter_not_the_start_of_the_next_sentence() -> None:
    """1960's chapters 一…四 stood on lines of their own and were read into the paragraph after them
    (一一九五六年到一九六七年全国农业发展纲要…, a number the report never wrote); its outline was empty."""
    text = ["一", "一九五六年到一九六七年全国农业发展纲要，是中共中央政治局提出的。", "二", "下面我首先说一下农业发展纲要执行的情况。"]
    paragraphs = cleaned_text("1960.txt", text).paragraphs
    assert [p.text for p in paragraphs] == text
    assert [block.text for block in structure(paragraphs) if isinstance(block, Heading)] == ["一", "二"]


def test_the_editor_and_related_links_after_a_report_end_it_but_not_above_it() -> None:
    """四川 2026's page ended in the portal's related links, their 32-digit ids and the first sentence of the
    report printed again (abcd39f1…:, 解读省政府工作报告：…各位代表：现在…). After most of a report, its editor's
    line starts what follows it; above the report, a sidebar's 相关链接 does not."""
    body = [f"第{n}项工作扎实推进，全省城镇新增就业107万人，居民收入稳步增长。" for n in range(1, 9)]
    text = ["相关链接>>", *body, "责任编辑：", "李莎莎", "相关链接>>", "abcd39f1fb7f426d9dfb6bd0fa1f2146:",
            "解读省政府工作报告：在服务大局中担难担重前行", "各位代表：现在，我代表省人民政府，向大会报告工作。"]
    report = cleaned_text("2026_四川省.txt", text)
    assert [p.text for p in report.paragraphs] == body
    assert {entry.line for entry in report.audit if entry.kind == "furniture"} >= set(range(10, 16))


def test_a_portal_s_page_ending_inside_a_report_ends_nothing() -> None:
    """A portal that pages a long report ends each page in its editor's line and page links: the first page's
    end, past half the report, dropped the rest of 荆门's report (4,472 characters, audited as what follows the
    report); a toolbar line above 衢州's text (【发表评论】【推荐给朋友】…) dropped all of it, the file refused as
    empty. The report's text after them is kept and the lines are furniture; at the end they still end it."""
    body = [f"第{n}项工作扎实推进，全市城镇新增就业7万人，居民收入稳步增长。" for n in range(1, 21)]
    text = ["【发表评论】【推荐给朋友】【打印】【关闭】", *body[:12], "【打印本页】 【关闭窗口】", "责任编辑：李四",
            "上一页 1 2 下一页", *body[12:], "责任编辑：李四", "相关链接>>", "2023年荆门市政府工作报告"]
    report = cleaned_text("荆门.txt", text)
    assert [p.text for p in report.paragraphs] == body
    dropped = {entry.line for entry in report.audit if entry.kind in ("furniture", "pagination")}
    assert dropped >= {1, 14, 15, 16, 25, 26, 27}


def test_a_sentence_cut_at_a_width_is_no_site_footer_and_a_document_s_page_footer_is_furniture() -> None:
    """Wrapped at a fixed width, 威海's 服务，在省内率先打造16个“无证明镇街”试点，政府门户网站位列全 / 国地级市第4名。 lost its
    first line as a site footer (门户网站), as 时间：不等人，… would be; 咸宁's page footers (第1页共4页, 主办：…ICP备…)
    were glued into the sentence a page break cut."""
    text = ["上线156项便企利民“一件事一次办”服务", "，在省内率先打造16个“无证明镇街”试点，政府门户网站位列全", "国地级市第4名。",
            "时间：不等人，我们必须加快推进。", "全市经济运行稳中有进，奋力推", "第 1 页 共 4 页", "共4页 第1页", "Page 1 of 4",
            "主办：咸宁市人民政府办公室 承办：咸宁市政务服务和大数据管理局 鄂ICP备05003385号", "进中国式现代化咸宁实践成势见效。"]
    report = cleaned_text("咸宁.txt", text)
    assert "".join(p.text for p in report.paragraphs) == (
        "上线156项便企利民“一件事一次办”服务，在省内率先打造16个“无证明镇街”试点，政府门户网站位列全国地级市第4名。"
        "时间：不等人，我们必须加快推进。全市经济运行稳中有进，奋力推进中国式现代化咸宁实践成势见效。")
    assert {entry.line for entry in report.audit if entry.kind in ("furniture", "pagination")} == {6, 7, 8, 9}


def test_short_spaced_figures_and_full_width_thousands_separators_are_one_number() -> None:
    """1998's page read 国务院提出法律草案6 6 个 and 1999年1 2 月2 0 日; 1956's 27，203，319，000元 read as a list of
    four numbers (the digits made half-width, the commas left full-width); search and the tables missed them."""
    text = ["国务院提出法律草案6 6 个，从1993年3 月起，到1999年1 2 月2 0 日，人均住房8 ．7 平方米。",
            "本年收入合计２７，２０３，３１９，０００元，粮食产量33，212万吨，分别增长5%，10%。"]
    assert [p.text for p in cleaned_text("1998.txt", text).paragraphs] == [
        "国务院提出法律草案66个，从1993年3月起，到1999年12月20日，人均住房8.7平方米。",
        "本年收入合计27,203,319,000元，粮食产量33,212万吨，分别增长5%，10%。",
    ]


def test_a_breadcrumb_an_item_a_line_a_photograph_s_caption_and_a_head_shown_twice_are_furniture() -> None:
    """陕西 2026's page opened with 政府信息公开 (a breadcrumb's middle item) and its dateline twice; 天津's with
    the caption 张工作政府工作报告。 (the mayor, 张工, giving the report); 1958's with its title twice."""
    dateline = "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长赵刚"
    text = [dateline, "首页", ">", "政府信息公开", ">", "政府工作报告", dateline, "张工作政府工作报告。", "各位代表：",
            "现在，我代表省人民政府向大会报告工作。", "一、2025年工作回顾", "全省生产总值增长5.5%。"]
    report = cleaned_text("2026_陕西省.txt", text)
    assert [p.text for p in report.paragraphs][1:] == text[8:]
    reasons = {entry.line: entry.reason for entry in report.audit}
    assert "导航路径" in reasons[4] and reasons[8] == "图片说明" and "第 1 行" in reasons[7]


def test_a_lone_letter_or_quotation_mark_left_by_an_export_is_furniture() -> None:
    """百色's and 黄山's pages ended in a paragraph "s" (a Word export's last line); 2007's showed a wiki's
    bold markup (') before and after ——改革开放进一步深化。"""
    text = ["'", "——改革开放进一步深化。'", "全年经济平稳增长。", "s"]
    report = cleaned_text("2007.txt", text)
    assert [p.text for p in report.paragraphs] == ["——改革开放进一步深化。", "全年经济平稳增长。"]
    assert not unaccounted_lines(tuple(text), [report])


def test_the_source_s_title_is_the_title_line_that_writes_it_in_full() -> None:
    """1956's page gave 原题：1956年国务院政府工作报告 (the portal's page title); the line below it, where the portal
    glued its page title to the report's, names it: 关于1955年国家决算和1956年国家预算的报告 was nowhere."""
    text = ["1956年国务院政府工作报告", "中央政府门户网站 www.gov.cn 2006年02月23日 来源：人民网",
            "1956年国务院政府工作报告关于1955年国家决算和1956年国家预算的报告", "各位代表：", "我代表国务院作报告。"]
    assert cleaned_text("1956.txt", text).heading == "1956年国务院政府工作报告关于1955年国家决算和1956年国家预算的报告"


def test_a_numbering_that_starts_again_does_not_take_the_habits_of_the_list_before() -> None:
    """马鞍山's plan's （一）… titles took the sentence after them (…奋力书写美丽马鞍山新画卷扎实推进绿色低碳转型。)
    because its review's （一）… carried their body on their line, and the source has no 二、 between them;
    1988's chapters 一、… were glued to their first sentence likewise (its outline had none of them)."""
    text = ["（一）经济运行稳中向好。全市生产总值增长5%。", "（二）改革开放持续深化。新增企业100家。",
            "重点做好10个方面工作：", "（一）坚定不移抓好生态文明建设，奋力书写美丽马鞍山新画卷", "扎实推进绿色低碳转型。坚持生态优先。",
            "（二）坚定不移扩大有效需求，奋力稳定经济增长", "大力推进“个转企、小升规”。"]
    assert [p.text for p in cleaned_text("马鞍山.txt", text).paragraphs] == text


def test_a_chapter_alone_on_its_line_keeps_alone_after_a_list_or_a_chapter_glued_to_its_sentence() -> None:
    """1955's last chapter, 四、为完成和超额完成第一个五年计划而奋斗, took the sentence after it because its third
    chapter's list 一、…五、 carried body on its lines; 1987's 四、巩固和发展安定团结的政治局面 because its 三、 was glued
    to its first sentence by the source (its 一、 and 二、 stood alone)."""
    chapters_1955 = ["一、国家在过渡时期的总任务", "我国人民的任务是建设社会主义社会。", "三、第一个五年计划的若干问题",
                     "一、必须批判那种“百废俱兴”的想法。因为所谓“百废俱兴”，就会使建设失去重点。",
                     *[f"{n}、必须批判那种在预算上“宽打窄用”的想法。因为既然允许宽打，就一定不能窄用。" for n in "二三四五"],
                     "四、为完成和超额完成第一个五年计划而奋斗", "我国第一个五年计划已经执行了两年。"]
    chapters_1987 = ["一、当前国内形势和基本任务", "去年国民经济继续增长。", "二、坚持长期稳定发展经济的方针", "必须加强农业。",
                     "三、深入改革经济体制和扩大对外开放国民经济的长期稳定发展，既要靠坚持正确的建设方针，又要靠深入改革。把正确的建设方针同正确的改革、开放部署结合起来。",
                     "四、巩固和发展安定团结的政治局面", "我国的建设、改革和开放，任何时候也离不开政治上的安定团结。"]
    for name, text in (("1955.txt", chapters_1955), ("1987.txt", chapters_1987)):
        assert [p.text for p in cleaned_text(name, text).paragraphs] == text


def test_a_heading_s_number_alone_on_its_line_is_the_number_of_the_text_below_it() -> None:
    """1986's （一）, 一、 and 第一、 (and 1955's, 1958's, 1979's 第一，) each stood on a line above their text: the
    outline listed empty headings (（一）, 一、, 第一、) and the text below them as paragraphs without a number."""
    for number in ("（一）", "一、", "第一、", "第一，"):
        text = ["二、基本任务", number, "进一步为经济体制改革创造良好的经济环境。"]
        assert [p.text for p in cleaned_text("1986.txt", text).paragraphs] == [text[0], number + text[2]]


def test_a_line_that_opens_a_title_mark_runs_on_to_where_it_closes() -> None:
    """2006's chapter read 三、关于《 and its next paragraph 国民经济和社会发展第十一个五年规划纲要（草案）》的说明党的…:
    the portal set a book title on lines of its own, and a heading line ending in 《 stood alone."""
    text = ["三、关于《", "国民经济和社会发展第十一个五年规划纲要（草案）", "》的说明", "党的十六届五中全会通过的《", "建议", "》精神。"]
    assert [p.text for p in cleaned_text("2006.txt", text).paragraphs] == [
        "三、关于《国民经济和社会发展第十一个五年规划纲要（草案）》的说明", "党的十六届五中全会通过的《建议》精神。"]


def test_a_line_as_wide_as_a_pdf_s_lines_runs_on_into_the_next_even_a_heading_s() -> None:
    """承德's PDF text, wrapped at 29 characters: its outline had （二）大力发展新质生产力，以科技创新赋能现代化产业体
    (the body began 系建设。), and the review's （一）…面对经济下行巨 / 大压力 was two paragraphs; its last page
    number, — 23 without its closing dash, was a heading."""
    fillers = [f"坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加{chr(0x4E00 + n)}构" for n in range(60)]
    assert {len(filler) for filler in fillers} == {29}  # the page's width; none ends a sentence
    body = [*fillers, "构建新发展格局。"]
    text = ["（一）直面困难挑战，经济运行回升向好。面对经济下行巨", "大压力，坚持抓投资、上项目。", *body,
            "（二）大力发展新质生产力，以科技创新赋能现代化产业体", "系建设。坚持发挥优势、错位发展。", "— 23"]
    paragraphs = [p.text for p in cleaned_text("承德.txt", text).paragraphs]
    assert paragraphs[0] == "（一）直面困难挑战，经济运行回升向好。面对经济下行巨大压力，坚持抓投资、上项目。"
    assert paragraphs[-1] == "（二）大力发展新质生产力，以科技创新赋能现代化产业体系建设。坚持发挥优势、错位发展。"


def test_a_link_to_the_portal_s_other_reports_and_links_on_the_heading_s_line_end_a_report() -> None:
    """2010's page ended in its portal's 历年国务院政府工作报告（1954年至2009年） and 2011's merged page in
    相关链接   · 新华社受权全文播发… (the links on the heading's own line): neither is the report, in the first
    of the page's copies either (2010's page is printed six times, each ending in them)."""
    body = [f"第{n}项工作扎实推进，全国城镇新增就业1100万人以上，居民收入稳步增长。" for n in range(1, 9)]
    links = "相关链接   · 新华社受权全文播发温家宝所作《政府工作报告》    · 十一届全国人大四次会议关于政府工作报告的决议"
    for tail in (["历年国务院政府工作报告（1954年至2009年）", links], [links]):
        report = cleaned_text("2010.txt", [*body, *tail])
        assert [p.text for p in report.paragraphs] == body
        assert {entry.line for entry in report.audit if entry.kind == "furniture"} >= {9, 8 + len(tail)}
        printed_again = cleaned_text("2010.txt", [*body, *tail, *body, *tail, *body, *tail])
        assert [p.text for p in printed_again.paragraphs] == body


def test_full_width_letters_and_a_middle_dot_for_a_decimal_point_are_made_plain() -> None:
    """2010's 甲型Ｈ１Ｎ１流感 and 广义货币Ｍ２ read 甲型Ｈ1Ｎ1 and Ｍ2 (the digits made half-width, the letters not);
    1999's 全年增长19·5％ was no figure. An event named by its date (“3·18”特大瓦斯事故) keeps its dot."""
    text = ["甲型Ｈ１Ｎ１流感疫情得到控制，广义货币Ｍ２增长１７％，国内生产总值增长19·5％。", "认真吸取“3·18”特大瓦斯事故教训。"]
    report = cleaned_text("2010.txt", text)
    assert [p.text for p in report.paragraphs] == [
        "甲型H1N1流感疫情得到控制，广义货币M2增长17%，国内生产总值增长19.5%。", "认真吸取“3·18”特大瓦斯事故教训。"]
    assert {entry.text for entry in report.audit if entry.kind == "replaced"} >= {"Ｈ", "Ｍ", "·"}


def test_a_space_between_a_number_and_its_unit_is_dropped() -> None:
    """2011's 国内生产总值达到39.8 万亿元 and 1998's 钢产量达到1 亿吨 were no figures; 枣庄's 483 个, 2.4 万个 and 20 more
    stood apart from their units, and their subjects went to the next figure; 2007's, 2008's and 2010's figures
    each began with the space before them."""
    text = ["国内生产总值达到39.8 万亿元，钢产量达到1 亿吨以上，新开工亿元及以上项目483 个，增长 5%。"]
    assert [p.text for p in cleaned_text("2011.txt", text).paragraphs] == [
        "国内生产总值达到39.8万亿元，钢产量达到1亿吨以上，新开工亿元及以上项目483个，增长5%。"]


def test_the_space_between_a_slogan_s_two_halves_is_kept() -> None:
    """福建's “鹭引五洲 才聚八闽” read 鹭引五洲才聚八闽 and 山东's “好客山东 好品山东” 好客山东好品山东: the space that parts
    a quoted slogan's halves was removed as a stray space, which it is elsewhere in Chinese text."""
    text = ["打造“鹭引五洲 才聚八闽”品牌，推行“进窗口 走流程”，全年 增长5%，“十四五” 规划顺利收官，开展“消费提 振年”活动。"]
    cleaned = cleaned_text("福建.txt", text)
    assert [p.text for p in cleaned.paragraphs] == [
        "打造“鹭引五洲 才聚八闽”品牌，推行“进窗口 走流程”，全年增长5%，“十四五”规划顺利收官，开展“消费提振年”活动。"
    ]
    assert sum(entry.kind == "removed-text" for entry in cleaned.audit) == 3


def test_the_space_between_a_dateline_s_occasion_and_its_speaker_is_kept() -> None:
    """陕西's …第四次会议上 陕西省省长 赵刚 read …第四次会议上陕西省省长赵刚, the occasion run into the office."""
    text = ["2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚", "各位代表：", "现在，我代表省人民政府作报告。"]
    paragraphs = [p.text for p in cleaned_text("2026_陕西省.txt", text).paragraphs]
    assert paragraphs[0] == "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长赵刚"


def test_a_title_with_a_comma_inside_stands_apart_from_the_paragraph_after_it() -> None:
    """1978's 加强政权建设，加强各族人民的大团结 (its source lost the 五、) ran into the paragraph after it, as did
    2003's leads 五年来，外交工作开创新局面; a line cut inside a word before a short sentence's end still joins
    (枣庄's …任重道远更需快马加 / 鞭！…), and so does a line the next one finishes without a full stop."""
    text = ["各位代表：", "加强政权建设，加强各族人民的大团结", "为了把我国建设成为伟大的社会主义现代化强国，必须进一步强化无产阶级专政。",
            "各位代表，风正劲足自当扬帆破浪，任重道远更需快马加", "鞭！让我们更加紧密地团结起来。", "五年来，我们贯彻", "民族区域自治法",
            "，支持少数民族和民族地区发展。", "去年全县经济运行总体平稳，生产总值增长１", "２%，财政收入增长8%。"]
    assert [p.text for p in cleaned_text("1978.txt", text).paragraphs] == [
        *text[:3], text[3] + text[4], "".join(text[5:8]), "去年全县经济运行总体平稳，生产总值增长12%，财政收入增长8%。"
    ]


@pytest.mark.parametrize(
    "invisible", ["\u00ad", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\ufe0f", "\U000e0041", "\x85", "\x9f"]
)
def test_an_invisible_format_or_control_character_inside_a_figure_is_taken_out_and_said_so(invisible: str) -> None:
    """A soft hyphen in 航线1<SHY>6条 (as Word exports leave them) published the figure 6条; a right-to-left
    override showed the rest of its paragraph reversed: neither is text, and the audit says each was removed."""
    cleaned = cleaned_text("鄂州.txt", ["各位代表：", f"开通国内客运航线1{invisible}6条，旅客吞吐量增长8%。"])
    assert [p.text for p in cleaned.paragraphs] == ["各位代表：", "开通国内客运航线16条，旅客吞吐量增长8%。"]
    removed = [edit.old for line in cleaned.kept_lines for repair in line.repairs for edit in repair.edits]
    assert removed == [invisible]


def test_a_script_before_text_on_one_line_is_taken_out_and_the_text_kept() -> None:
    """<script>…</script>这是… dropped the whole line as page script, the report's sentence with it; a script on
    lines of its own is still furniture."""
    text = ["各位代表：", "<script>alert(1)</script>这是报告的一段文字，用于说明。", "<script>", "var a = 1;", "</script>",
            "全市经济增长5%。"]
    cleaned = cleaned_text("鄂州.txt", text)
    assert [p.text for p in cleaned.paragraphs] == ["各位代表：", "这是报告的一段文字，用于说明。", "全市经济增长5%。"]
    assert [(entry.kind, entry.text) for entry in cleaned.audit if entry.reason == "网页的脚本代码"] == [
        ("removed-text", "<script>alert(1)</script>"), ("furniture", "<script>"), ("furniture", "var a = 1;"),
        ("furniture", "</script>"),
    ]


def test_a_web_page_s_bold_and_spans_are_taken_out_and_said_so() -> None:
    """2024年<b>黄石</b>市政府工作报告 kept its markup in the title, shown as text (its place read from the body),
    and 王<span>某</span> stayed as written in its paragraph."""
    from build_tools.engine.pipeline import process_bytes

    lines = ["2024年<b>黄石</b>市政府工作报告", '市长 王<SPAN style="color:red">某</SPAN>', "各位代表：",
             "全市经济增长5%，<img src=x>照片。", *["全市地区生产总值增长5.8%，经济运行稳中向好。"] * 40]
    (report,) = process_bytes("报告.txt", "\n".join(lines).encode())
    assert (report.title, report.identity.place) == ("2024年黄石市政府工作报告", "黄石市")
    texts = [paragraph.text for paragraph in report.cleaned.paragraphs]
    assert "王某" in texts[0] and "全市经济增长5%，<img src=x>照片。" in texts  # markup that is no formatting stays
    removed = [(entry.line, entry.text) for entry in report.cleaned.audit if entry.reason == "网页留下的排版标记"]
    assert removed == [(2, '<SPAN style="color:red">'), (2, "</SPAN>")]  # the title's line is audited as the title
