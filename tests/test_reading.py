"""A report in traditional characters is read in simplified ones: its figures, tags, phrases and glossary
terms as those of the same report in simplified characters, shown on the text as the source wrote it."""

from __future__ import annotations

from build_tools.engine.pipeline import process_bytes
from build_tools.folding import simplified_text, traditional_share
from build_tools.pages.identity_line import identity_line
from build_tools.pages.render import glossary_marks, labels
from build_tools.pages.site import report_pages
from build_tools.report.structure import block_paragraphs

TRADITIONAL = """一九五四年國務院政府工作報告
各位代表：
我們的國家正在進行社會主義改造，發展重工業，執行第一個五年計劃。
鐵路正綫的通車里程一九四九年爲二萬一千七百公里，今年預計將達二萬五千五百公里。
今年的工農業總産值將等於一九四九年的二點二倍，重工業和輕工業都有發展。
國家減輕了農民的農業稅負擔，國營和合作社營商業的比重已佔百分之五十左右。
"""


def test_a_report_in_traditional_characters_reads_its_figures_as_the_simplified_text_gives_them() -> None:
    report = process_bytes("1954.txt", TRADITIONAL.encode())[0]
    twin = process_bytes("1954.txt", simplified_text(TRADITIONAL).encode())[0]
    assert report.traditional and not twin.traditional
    figures = [(i.subject, i.value, i.unit, i.role, i.qualifier, i.kind) for i in report.indicators]
    assert (25500, "公里", "estimate") in [(value, unit, kind) for _, value, unit, _, _, kind in figures]  # not 5500
    assert 2.2 in [value for _, value, unit, *_ in figures if unit == "倍"]  # 二點二倍, not 2
    assert figures == [(i.subject, i.value, i.unit, i.role, i.qualifier, i.kind) for i in twin.indicators]
    for indicator in report.indicators:  # each quotes the source as written
        assert indicator.span in TRADITIONAL
    assert any("萬" in indicator.span for indicator in report.indicators)


def test_a_report_in_traditional_characters_gets_the_tags_and_phrases_of_the_simplified_text() -> None:
    report = process_bytes("1954.txt", TRADITIONAL.encode())[0]
    twin = process_bytes("1954.txt", simplified_text(TRADITIONAL).encode())[0]
    assert twin.tags and report.tags == twin.tags
    phrases = report_pages(report, pieces=1).phrases.counts
    assert phrases and phrases == report_pages(twin, pieces=1).phrases.counts


def test_a_glossary_term_written_in_traditional_characters_is_marked_and_named() -> None:
    report = process_bytes("1954.txt", TRADITIONAL.encode())[0]
    marks = [mark for found in glossary_marks(block_paragraphs(report.blocks), traditional=True).values()
             for mark in found]
    assert "农业税" in {mark.term for mark in marks}  # written 農業稅; the tooltip looks up the term it names
    assert not glossary_marks(block_paragraphs(report.blocks))  # read as written, nothing is found


def test_the_identity_line_says_a_report_was_read_in_simplified_characters() -> None:
    note = labels()["identity_line"]["traditional"]
    assert note in identity_line(process_bytes("1954.txt", TRADITIONAL.encode())[0])
    assert note not in identity_line(process_bytes("1954.txt", simplified_text(TRADITIONAL).encode())[0])


def test_a_report_in_simplified_characters_keeps_the_few_traditional_ones_it_writes() -> None:
    text = (
        "2024年政府工作报告\n各位代表：\n全市上下拚搏实干，经济运行稳中向好，全年地区生产总值增长6%。"
        "哪吒汽车年产30万台，乾坤湾景区接待游客120万人次，新增城镇就业2.3万人。\n"
    )
    report = process_bytes("2024.txt", text.encode())[0]
    assert traditional_share(text) > 0 and not report.traditional
    assert any("哪吒" in indicator.subject for indicator in report.indicators)


def test_a_report_in_traditional_characters_is_identified_as_the_simplified_text_is_and_quoted_as_written() -> None:
    """2024年六安市政府工作報告 was no title (its 報告 is not 报告): the page said 原文无标题 and took its year for 2025
    (the year its text names most), its place from the file name; without a title, 一、2023年工作回顧 gave no year."""
    text = "2024年六安市政府工作報告\n各位代表：\n一、2023年工作回顧\n全市地區生產總值增長5.8%，2025年將繼續推進。\n"
    report = process_bytes("六安_繁.txt", text.encode())[0]
    assert report.traditional and report.cleaned.heading == "2024年六安市政府工作報告"
    assert (report.identity.year, report.identity.place, report.identity.inferred) == (2024, "六安市", ())
    untitled = process_bytes("報告.txt", text.split("\n", 1)[1].encode())[0]
    assert untitled.identity.year == 2024
    assert untitled.identity.how("year") == "据“一、2023年工作回顧”推定"  # the source's words
