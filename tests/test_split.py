from __future__ import annotations

from build_tools.report.decode import decode
from build_tools.report.split import split
from tests.gold_structure import SEED, gold


def test_the_seed_is_five_reports_starting_at_the_gold_title_lines() -> None:
    collection = split(decode("seed.txt", SEED.read_bytes()))
    assert [report.heading.number for report in collection.reports if report.heading] == [
        piece["title_line"] for piece in gold()["reports"]
    ]
    assert [report.index for report in collection.reports] == [1, 2, 3, 4, 5]


def test_the_collection_title_and_blurb_are_set_aside() -> None:
    collection = split(decode("seed.txt", SEED.read_bytes()))
    expected = gold()["collection"]
    kinds = {entry.line: entry.kind for entry in collection.preamble}
    assert kinds == {expected["title_line"]: "collection-title", **dict.fromkeys(expected["boilerplate_lines"], "boilerplate")}


def test_a_file_without_piece_headings_is_one_report() -> None:
    collection = split(decode("one.txt", "2024年政府工作报告\n一、回顾\n正文。".encode()))
    assert len(collection.reports) == 1
    assert collection.reports[0].heading is None
    assert collection.preamble == ()


def test_a_single_piece_heading_does_not_make_a_collection() -> None:
    collection = split(decode("one.txt", "报告篇一\n正文。".encode()))
    assert len(collection.reports) == 1


def two_reports(second_title: str) -> str:
    return (
        "首页 > 政府工作报告\n2024年宜春市政府工作报告\n\n各位代表：\n现在报告工作。\n一、2023年工作回顾\n宜春的回顾。\n"
        "各位代表！让我们携手奋进。\n\n"
        f"{second_title}\n——2024年1月在市人大会议上\n\n各位代表：\n现在报告工作。\n一、2023年工作回顾\n另一篇的回顾。\n"
    )


def test_reports_of_different_titles_pasted_into_one_file_are_cut_apart() -> None:
    """宜春's and 抚州's reports in one file were one page, 宜春's: 抚州's chapters in its outline, its GDP target
    宜春's, no page of its own."""
    collection = split(decode("合集.txt", two_reports("2024年抚州市政府工作报告").encode()))
    assert [report.heading.text for report in collection.reports if report.heading] == [
        "2024年宜春市政府工作报告",
        "2024年抚州市政府工作报告",
    ]
    assert [report.lines[0].number for report in collection.reports] == [3, 11]
    assert "宜春的回顾。" in [line.text for line in collection.reports[0].lines]
    assert "另一篇的回顾。" not in [line.text for line in collection.reports[0].lines]
    assert [entry.text for entry in collection.preamble] == ["首页 > 政府工作报告"]


def test_a_report_printed_twice_under_one_title_stays_one_report() -> None:
    """The same title and opening again are a page printed twice, which cleaning takes out as repeated lines; two
    reports of one title (a template site's, each 政府工作报告) are two."""
    page = "2024年宜春市政府工作报告\n各位代表：\n现在报告工作。\n一、2023年工作回顾\n宜春的回顾。\n"
    assert len(split(decode("twice.txt", (page * 2).encode())).reports) == 1
    assert len(split(decode("twice.txt", two_reports("2024年宜春市政府工作报告").encode())).reports) == 2


def test_portal_copies_pasted_together_are_cut_apart_and_a_report_s_chapters_make_no_collection() -> None:
    """吉林's and 河南's reports as their portal prints them (title, dateline, source, time, speaker, then 各位代表：)
    pasted into one file were one page, 吉林's, with 河南's GDP in its table; a sentence that names the report
    (…向大会作政府工作报告。) is no title. 六安's chapters written 第一篇章 … cut it in two and dropped its opening."""
    def portal(title: str, place: str) -> str:
        furniture = "下载\n打印\n【字号：\n加大\n还原\n减小\n】\n"
        return (f"{furniture}{title}\n——2026年1月27日在{place}第十四届人民代表大会第五次会议上\n来源：{place}日报\n"
                f"时间：2026-02-01\n省长 某某\n各位代表：\n现在，我代表省人民政府，向大会作政府工作报告。\n{place}的回顾。\n")
    text = portal("2026年吉林省政府工作报告", "吉林省") + portal("2026年河南省政府工作报告", "河南省")
    collection = split(decode("合集.txt", text.encode()))
    assert [report.heading.text for report in collection.reports if report.heading] == [
        "2026年吉林省政府工作报告", "2026年河南省政府工作报告"]
    chapters = "各位代表：\n现在报告工作。\n一、2023年工作回顾\n回顾。\n第一篇章 2024年重点工作\n正文。\n第二篇章 政府建设\n正文。\n"
    assert len(split(decode("六安.txt", chapters.encode())).reports) == 1


def test_a_pasted_report_whose_salutation_a_portal_left_out_is_cut_apart_at_its_speech_s_first_sentence() -> None:
    """宜昌's and 荆门's reports in one file, 荆门's without 各位代表：, were one page, 宜昌's: 荆门's title a heading in
    its outline, 荆门's GDP target counted as 宜昌's second, 荆门's report on no list."""
    opening = "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和列席人员提出意见。\n"
    text = (f"2024年宜昌市政府工作报告\n各位代表：\n\n{opening}一、2023年工作回顾\n宜昌的回顾。\n\n"
            f"2024年荆门市政府工作报告\n\n{opening}一、2023年工作回顾\n荆门的回顾。\n")
    collection = split(decode("合集2.txt", text.encode()))
    assert [report.heading.text for report in collection.reports if report.heading] == [
        "2024年宜昌市政府工作报告", "2024年荆门市政府工作报告"]
    assert "荆门的回顾。" not in [line.text for line in collection.reports[0].lines]
    one = f"2024年荆门市政府工作报告\n\n{opening}一、2023年工作回顾\n荆门的回顾。\n"
    assert len(split(decode("荆门.txt", one.encode())).reports) == 1
