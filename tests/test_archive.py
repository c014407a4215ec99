"""Work across reports: duplicates, the catalogue and the browsing pages, on records made here."""

from __future__ import annotations

import csv
import json
import os
import posixpath
import random
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.archive.catalogue import CatalogueEntry, catalogue_csv, catalogue_json
from build_tools.archive.duplicates import Candidate, containment, duplicate_groups, only_in, sketch
from build_tools.engine import cache as cache_module
from build_tools.engine import merging
from build_tools.engine.merging import merge_duplicates, unlinked_audit
from build_tools.engine.pipeline import process_bytes, site_report_pages
from build_tools.model import Identity
from build_tools.pages.audit import render_audit
from build_tools.pages.browse import (
    Listed,
    browse,
    level_path,
    level_province_path,
    newest_first,
    place_key,
    place_path,
    relative_path,
)
from build_tools.pages.comparison import comparison_pages
from build_tools.pages.home import home_sections
from build_tools.pages.merged import marked_text
from build_tools.pages.render import labels
from build_tools.pages.years import year_pages
from tests.conftest import ROOT
from tests.gold_structure import seed_reports

REPORT = "".join(f"第{n}项工作：全市地区生产总值增长{n}%左右，粮食产量保持稳定，城乡居民收入同步增长。" for n in range(200))
OTHER = "".join(f"第{n}件大事：新建学校{n}所，改造老旧小区{n * 3}个，新增就业岗位{n * 100}个。" for n in range(200))


def candidate(text: str, *, place: str | None = "襄阳市", year: int | None = 2024, anomalies: int = 0, source: str = "a.txt") -> Candidate:
    return Candidate(place, year, sketch(text), anomalies, source)


def test_two_copies_of_one_report_are_one_and_the_most_complete_is_published() -> None:
    shorter = REPORT[: len(REPORT) * 3 // 4]  # a copy that lost its last quarter
    candidates = [candidate(shorter, source="raw/2024.txt"), candidate(REPORT + "来源：某网站", source="clean/2024.txt")]
    assert duplicate_groups(candidates) == [[1, 0]]


@pytest.mark.parametrize(
    "second",
    [
        candidate(OTHER),  # another report of the same place and year: the pieces of a collection
        candidate(REPORT, year=2023),  # another year
        candidate(REPORT, place="宜昌市"),  # another place
        candidate(REPORT, year=None),  # a year not known: never guessed to be the same
    ],
)
def test_reports_that_differ_in_text_place_or_year_are_never_merged(second: Candidate) -> None:
    assert duplicate_groups([candidate(REPORT), second]) == []


def test_the_fewest_anomalies_decide_between_equally_complete_copies() -> None:
    candidates = [candidate(REPORT, anomalies=5, source="a.txt"), candidate(REPORT, anomalies=1, source="b.txt")]
    assert duplicate_groups(candidates) == [[1, 0]]


def test_containment_estimates_the_shared_share_of_text() -> None:
    assert containment(sketch(REPORT), sketch(REPORT)) == 1.0
    assert containment(sketch(REPORT), sketch(OTHER)) < 0.1
    half = containment(sketch(REPORT), sketch(REPORT[: len(REPORT) // 2]))
    assert 0.3 < half < 0.7


def test_paragraphs_only_one_copy_holds_are_found_despite_other_breaks_and_punctuation() -> None:
    published = ["一、工作回顾。过去一年，全市经济稳中有进。", "粮食产量创历史新高。"]
    other = ["一、工作回顾", "过去一年，全市经济稳中有进", "粮食产量创历史新高！", "殷勇同志作政府工作报告。本报记者摄"]
    assert list(only_in(other, published)) == [3]


def test_a_figure_one_copy_writes_otherwise_is_shown_however_short_the_difference() -> None:
    """2010's clean copy says 粮食产量5.31亿吨, its portal copy 53082万吨: two characters differ (1亿 for 082万 once
    the shared ones are set aside), which the check let pass as a variant character, so the page showed only
    the figure its published copy writes."""
    published = ["财政收入6.85万亿元，增长11.7%；粮食产量53082万吨，再创历史新高，实现连续6年增产；城镇新增就业1102万人。"]
    other = ["财政收入6.85万亿元，增长11.7%；粮食产量5.31亿吨，再创历史新高，实现连续6年增产；城镇新增就业1102万人。"]
    (spans,) = only_in(other, published).values()
    assert "亿" in "".join(other[0][start:end] for start, end in spans)


def test_what_one_copy_alone_holds_inside_a_paragraph_both_have_is_found_and_a_variant_character_is_not() -> None:
    """The 1954 report's two sources write 衔接 and 啣接, 一九五〇 and 一九五零: 24 paragraphs of one were listed
    whole as holding what the other did not, and 1959's paragraphs of up to 2,782 characters for an
    applause note (（热烈鼓掌）) only one of them has."""
    published = ["我们工作中的勘探设计施工的不能衔接，不少交通运输建设赶不上需要。今年预计可以等于一九五〇年的两倍。"]
    variant = ["我们工作中的勘探设计施工的不能啣接，不少交通运输建设赶不上需要。今年预计可以等于一九五零年的两倍。"]
    assert only_in(variant, published) == {}
    at_the_start = ["啣接不好的勘探设计施工，不少交通运输建设赶不上需要。"]  # a variant too near an end for a shingle of its own
    assert only_in(at_the_start, ["衔接不好的勘探设计施工，不少交通运输建设赶不上需要。"]) == {}
    noted = ["我们工作中的勘探设计施工的不能衔接，（热烈鼓掌）不少交通运输建设赶不上需要。今年预计可以等于一九五〇年的两倍。"]
    (spans,) = only_in(noted, published).values()
    assert [noted[0][start:end] for start, end in spans] == ["热烈鼓掌"]
    page = marked_text(noted[0] * 3, [(start, end) for start, end in spans])
    assert "<mark>热烈鼓掌</mark>" in page and page.endswith("……") and len(page) < len(noted[0]) * 2


def test_a_negation_only_one_copy_holds_is_shown() -> None:
    """A copy that wrote 基本未完成 for 基本完成, or 不上升为国家战略, was merged as agreeing: one character more passed
    for a variant, though it turns the sentence round."""
    published = ["全年主要目标任务基本完成，生态环境持续改善，人民生活水平稳步提高，长江大保护上升为国家战略。"]
    other = ["全年主要目标任务基本未完成，生态环境持续改善，人民生活水平稳步提高，长江大保护不上升为国家战略。"]
    (spans,) = only_in(other, published).values()
    shown = [other[0][start:end] for start, end in spans]
    assert shown[0] == "未" and shown[1].startswith("不")  # the last with the few characters after it, too near the end


def test_a_word_of_another_meaning_in_one_copy_is_shown() -> None:
    """A copy that wrote 下降 for 增长, or 环境污染 for 环境保护, was merged without a word of it: two characters
    written otherwise passed for a variant."""
    published = ["今年全市地区生产总值增长5.7%，经济运行稳中向好，企业改制、环境保护等方面还存在一些问题。"]
    other = ["今年全市地区生产总值下降5.7%，经济运行稳中向好，企业改制、环境污染等方面还存在一些问题。"]
    (spans,) = only_in(other, published).values()
    assert [other[0][start:end] for start, end in spans] == ["下降", "污染"]


def entry(
    number: int, province: str, place: str, year: int, level: str, parent: str | None = None, code: str | None = None
) -> CatalogueEntry:
    identity = Identity(year=year, place=place, level=level, province=province, parent=parent or province, code=code)
    return CatalogueEntry(f"r{number}", f"reports/r{number}.md", f"reports/r{number}/", f"{year}年{place}政府工作报告", "",
                          identity, (f"seeds/r{number}.txt",), 10, 2)


def archive(reports: int) -> list[Listed]:
    """A synthetic archive: 34 provinces, prefectures and counties, decades of years."""
    chooser = random.Random(7)
    listed = []
    for number in range(reports):
        province = f"省{number % 34:02d}省"
        level = chooser.choice(["省", "市", "区县", "区县", "乡镇"])
        city = f"市{chooser.randrange(25):02d}市"
        place = {"省": province, "市": city, "区县": f"县{chooser.randrange(400):03d}县", "乡镇": f"镇{chooser.randrange(900):03d}镇"}[level]
        parent = province if level in ("省", "市") else city
        listed.append(Listed(entry(number, province, place, 1980 + chooser.randrange(46), level, parent)))
    return listed


def nav_links(item: object) -> int:
    if isinstance(item, dict):
        return sum(nav_links(value) for value in item.values())
    if isinstance(item, list):
        return sum(nav_links(value) for value in item)
    return 1


@pytest.mark.parametrize("reports", [200, 10_000])
def test_the_navigation_stays_small_however_large_the_archive(reports: int) -> None:
    """What any page's sidebar shows (the top level plus the one section it opens) stays under 60 links."""
    made = browse(archive(reports))
    top = len(made.nav) + 5  # the home page, the years, indicators, tags, glossary
    widest = max(nav_links(section) for section in made.nav)
    assert top + widest <= 60
    assert all(page in made.parents for page in (f"reports/r{n}.md" for n in range(reports)))


def test_every_place_and_year_has_its_page_and_same_names_in_other_provinces_stay_apart() -> None:
    listed = [Listed(entry(1, "江苏省", "鼓楼区", 2024, "区县", "南京市")), Listed(entry(2, "福建省", "鼓楼区", 2024, "区县", "福州市"))]
    made, years = browse(listed), year_pages(listed)
    paths = {place_path(place_key(item.entry)) for item in listed}
    assert len(paths) == 2 and paths <= made.pages.keys()
    assert "years/2024.md" in years
    assert years["years/2024.md"].count("鼓楼区") >= 2


def test_a_place_s_reports_of_one_year_are_listed_by_their_titles_not_by_the_same_year_twice() -> None:
    """The seed's five reports of unknown place and year were listed as 年份不详 年份不详 年份不详 年份不详 年份不详: five links
    that looked the same, with nothing to tell which report each opened."""
    from build_tools.pages.browse import places_table

    unknown = [Listed(replace(entry(n, "安徽省", "合肥市", 2024, "市"), title=f"合肥市报告篇{n}", identity=Identity(
        place="合肥市", province="安徽省", parent="安徽省", level="市"))) for n in (1, 2)]
    dated = [Listed(entry(3, "安徽省", "合肥市", 2023, "市"))]
    cell = places_table("places/安徽省/index.md", unknown + dated).split("\n")[-2]
    assert "[合肥市报告篇1]" in cell and "[合肥市报告篇2]" in cell and "[2023年]" in cell
    assert cell.count("年份不详") == 0


def test_a_province_s_places_of_a_level_show_their_parent_only_where_one_lies_below_the_province() -> None:
    listed = [
        Listed(entry(1, "湖北省", "襄阳市", 2024, "市")),
        Listed(entry(2, "湖北省", "宜昌市", 2023, "市")),
        Listed(entry(3, "湖北省", "谷城县", 2024, "区县", "襄阳市")),
    ]
    pages = browse(listed).pages
    cities, counties = pages[level_province_path("市", "湖北省")], pages[level_province_path("区县", "湖北省")]
    parent = labels()["browse_columns"]["parent"]
    assert parent not in cities and "襄阳市" in cities and "宜昌市" in cities
    assert parent in counties and re.search(r"\| \[襄阳市\]\([./]*places/湖北省/襄阳市/index\.md\) \|", counties)


def test_provinces_and_places_are_listed_in_the_order_of_their_administrative_codes() -> None:
    """全国 first, then 北京 (11) before 湖北 (42) before 云南 (53), and 武汉 (4201) before 宜昌 (4205) before
    襄阳 (4206), as official lists give them, not in the order of the characters' code points (云 < 北 < 湖)."""
    listed = [
        Listed(entry(1, "云南省", "昆明市", 2024, "市", code="530100")),
        Listed(entry(2, "湖北省", "襄阳市", 2024, "市", code="420600")),
        Listed(entry(3, "北京市", "北京市", 2024, "省", code="110000")),
        Listed(entry(4, "湖北省", "武汉市", 2024, "市", code="420100")),
        Listed(entry(5, "全国", "全国", 2024, "国家")),
        Listed(entry(6, "湖北省", "宜昌市", 2023, "市", code="420500")),
        Listed(entry(7, "湖北省", "湖北省", 2024, "省", code="420000")),
    ]

    def in_order(text: str, names: list[str]) -> bool:
        found = [text.find(name) for name in names]
        return -1 not in found and found == sorted(found)

    made = browse(listed)
    home = "\n".join(home_sections(listed, []))
    provinces_line = home.split("按省份浏览")[1].split("按年份浏览")[0]  # the provinces' list, in one section
    assert in_order(provinces_line, ["全国", "北京市", "湖北省", "云南省"])
    assert in_order(made.pages[level_path("市")], ["湖北省", "云南省"])
    assert in_order(made.pages[level_province_path("市", "湖北省")], ["武汉市", "宜昌市", "襄阳市"])
    assert in_order(made.pages[place_path(("湖北省", "", "湖北省"))].split("## 下辖地区")[1], ["武汉市", "宜昌市", "襄阳市"])
    city_section = next(section["市"] for section in made.nav if "市" in section)
    assert [next(iter(item)) for item in city_section[1:]] == ["湖北省", "云南省"]
    year = year_pages(listed)["years/2024.md"]
    assert in_order(year, ["全国", "北京市", "湖北省", "武汉市", "襄阳市", "昆明市"])


def test_a_year_s_reports_are_listed_by_level_then_by_the_codes_of_their_places() -> None:
    listed = [
        Listed(entry(1, "云南省", "昆明市", 2024, "市", code="530100")),
        Listed(entry(2, "湖北省", "湖北省", 2024, "省", code="420000")),
        Listed(entry(3, "湖北省", "武汉市", 2024, "市", code="420100")),
        Listed(entry(4, "全国", "全国", 2024, "国家")),
        Listed(entry(5, "湖北省", "武汉市", 2025, "市", code="420100")),
    ]
    assert [item.entry.slug for item in newest_first(listed)] == ["r5", "r4", "r2", "r3", "r1"]


def test_a_year_s_page_marks_a_report_whose_year_was_inferred() -> None:
    """北京's 2024 stood on the year's page as stated, where its place page marked the year 推定."""
    stated = entry(1, "北京市", "北京市", 2024, "省", code="110000")
    inferred = replace(stated, slug="r2", page="reports/r2.md", identity=replace(
        stated.identity, place="天津市", province="天津市", code="120000",
        inferred=(("year", "据“一、2023年工作回顾”推定"),)))
    year = year_pages([Listed(stated), Listed(inferred)])["years/2024.md"]
    row = next(line for line in year.splitlines() if "reports/r2.md" in line)
    assert "gr-inferred" in row and "2023年工作回顾" in row
    assert "gr-inferred" not in next(line for line in year.splitlines() if "reports/r1.md" in line)


def test_a_year_of_many_reports_lists_its_cities_and_counties_on_a_page_per_province() -> None:
    """A real archive holds some 3,000 reports a year: on one page, 1.5 MB (its indicators 3 MB). Past the limit
    the year's page keeps the State Council's and the provinces' and links a page per province of the others."""
    listed = [
        Listed(entry(1, "全国", "全国", 2024, "国家")),
        Listed(entry(2, "湖北省", "湖北省", 2024, "省", code="420000")),
        Listed(entry(3, "湖北省", "襄阳市", 2024, "市", code="420600")),
        Listed(entry(4, "湖北省", "谷城县", 2024, "区县", "襄阳市", code="420625")),
        Listed(entry(5, "云南省", "昆明市", 2024, "市", code="530100")),
        Listed(entry(6, "云南省", "昆明市", 2023, "市", code="530100")),
    ]
    pages = year_pages(listed, most=3)
    year = pages["years/2024.md"]
    assert "reports/r1.md" in year and "reports/r2.md" in year
    assert not re.search(r"reports/r[345]\.md", year)
    assert "(2024/湖北省.md)" in year and "(2024/云南省.md)" in year and year.index("湖北省.md") < year.index("云南省.md")
    hubei, yunnan = pages["years/2024/湖北省.md"], pages["years/2024/云南省.md"]
    assert "../../reports/r3.md" in hubei and "../../reports/r4.md" in hubei and "r5.md" not in hubei
    assert "../../reports/r5.md" in yunnan and "(../2024.md)" in yunnan  # its breadcrumbs lead back to the year
    # every year's page opens with breadcrumbs 首页 › 年份 (a reader from a place's 2024年 had no way back)
    assert all('aria-label="路径"' in page and "(../index.md)" in page for page in (year, pages["years/2023.md"]))
    assert "[年份](index.md)" in year and "[年份](../index.md)" in yunnan
    assert hubei.index("## 市") < hubei.index("## 区县")
    assert pages["years/2023.md"].count("reports/r6.md") == 1  # a year within the limit lists all its reports
    assert "years/2023" not in " ".join(path for path in pages if path != "years/2023.md")
    assert year_pages(listed, most=10).keys() == {"years/index.md", "years/2024.md", "years/2023.md"}
    row = ("[{place}](reports/r{n}.md)", "市", "地区生产总值", "目标", "", "6%", "")
    rows = [(item.entry, (tuple(cell.format(place=item.entry.place, n=item.entry.slug[1:]) for cell in row),))
            for item in listed]
    indicators = comparison_pages(rows, most=3)
    assert "reports/r2.md" in indicators["indicators/2024.md"] and "r3.md" not in indicators["indicators/2024.md"]
    assert "(2024/湖北省.md)" in indicators["indicators/2024.md"]
    assert "](../../reports/r3.md)" in indicators["indicators/2024/湖北省.md"]
    assert "](../../reports/r4.md)" in indicators["indicators/2024/湖北省.md"]
    assert "indicators/2023/" not in " ".join(indicators)


def test_a_year_s_page_gives_the_province_of_each_city_and_county() -> None:
    """Its tables give no year, the page's own; those of cities and counties give their province."""
    listed = [
        Listed(entry(1, "湖北省", "襄阳市", 2024, "市", code="420600")),
        Listed(entry(2, "湖北省", "湖北省", 2024, "省", code="420000")),
    ]
    year = year_pages(listed)["years/2024.md"]
    cities = year.split("## 市")[1]
    columns = labels()["browse_columns"]
    assert cities.splitlines()[2].startswith(f"| {columns['province']} | {columns['place']} |")
    assert f"[湖北省]({posixpath.relpath(level_province_path('市', '湖北省'), 'years')})" in cities
    provinces = year.split("## 省")[1].split("## 市")[0]
    assert provinces.splitlines()[2].startswith(f"| {columns['place']} | {columns['report']} |")


def test_the_catalogue_carries_every_field_and_opens_in_a_spreadsheet() -> None:
    entries = [item.entry for item in archive(3)]
    data = json.loads(catalogue_json(entries))
    assert [row["url"] for row in data["reports"]] == [e.url for e in entries]
    assert {"url", "title", "year", "date", "place", "parent", "code", "level", "session", "speaker", "sources",
            "paragraphs", "indicators"} <= data["reports"][0].keys()
    raw = catalogue_csv(entries)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [row["year"] for row in rows] == [str(e.year) for e in entries]


def test_between_identical_copies_the_one_filed_under_its_year_is_published() -> None:
    candidates = [candidate(REPORT, source="city/台州.txt"), candidate(REPORT, source="national/2024.txt")]
    assert duplicate_groups(candidates) == [[1, 0]]


FOLDERS = st.lists(st.sampled_from(["places", "湖北省", "襄阳市", "years", "reports"]), max_size=3)
PAGES = st.sampled_from(["index.md", "a.md", "襄阳市.md"])


@given(FOLDERS, PAGES, FOLDERS, PAGES)
def test_relative_links_are_what_relpath_gives(source: list[str], name: str, target: list[str], other: str) -> None:
    source_path, target_path = "/".join([*source, name]), "/".join([*target, other])
    expected = posixpath.relpath(target_path, posixpath.dirname(source_path) or ".")
    assert relative_path(source_path, target_path) == expected


def test_the_audit_of_a_merged_copy_links_the_report_it_was_merged_into() -> None:
    report = seed_reports()[0]
    audit = render_audit(report)
    assert f"](../reports/{report.slug}.md)" in audit and f"](../reports/{report.slug}.md#L" in audit
    unlinked = unlinked_audit(audit, report.slug, "published-copy")
    assert f"../reports/{report.slug}.md" not in unlinked  # that page is not published
    assert unlinked.count("](../reports/published-copy.md)") == 1  # the report, under its title


def test_the_audit_counts_a_change_repeated_on_one_line_in_one_row_and_gives_reasons_in_chinese() -> None:
    report = seed_reports()[0]
    replaced = next(entry for entry in report.cleaned.audit if entry.kind == "joined")
    twice = (*report.cleaned.audit, replaced, replaced)  # the same change again, twice, on the same line
    audit = render_audit(replace(report, cleaned=replace(report.cleaned, audit=twice)))
    rows = [line for line in audit.splitlines() if "#L" in line and replaced.text in line]
    assert len(rows) == 2 and "（2 处）" in rows[1] and "处）" not in rows[0]
    reasons = {entry.reason for r in seed_reports() for entry in r.cleaned.audit}
    assert reasons and not [reason for reason in reasons if re.search("[A-Za-z]{3,}", reason)]


def test_an_audit_page_names_the_file_whose_lines_it_numbers() -> None:
    """No audit page said which file it recorded, though each says its line numbers are the source file's: the copies
    of one report (national-1954 and national-raw-gbk-1954, four files of 2024) had pages of one title."""
    report = seed_reports()[0]
    audit = render_audit(report)
    assert f"title: 清理记录：{report.title}（seeds/000_f936ed40faecbb33.txt）" in audit
    assert "来源文件：seeds/000_f936ed40faecbb33.txt" in audit.replace("\\", "")  # escaped for Markdown


def test_a_join_s_row_in_the_audit_shows_the_cut_then_the_joined_text() -> None:
    """A join's row set the next line's start in the column headed 改为, as if the line's end had been changed into it
    (。乡村建设行动深入推进， | 新（改）建农村公路187)."""
    report = seed_reports()[0]
    joined = next(entry for entry in report.cleaned.audit if entry.kind == "joined")
    row = next(line for line in render_audit(report).splitlines() if "#L" in line and "接续" in line)
    cells = [cell.strip() for cell in row.split(" | ")]
    assert "↵" in cells[2] and cells[3].replace("\\", "") == (joined.text + joined.replacement).replace("\\", "")


def test_merged_pages_are_read_back_from_the_cache_until_a_copy_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    text = "襄阳市2024年政府工作报告\n\n" + REPORT.replace("。", "。\n\n")
    inputs = [("a/报告.txt", text.encode()), ("b/报告.txt", (text + "补记：另一来源多出的一段话。\n").encode())]
    pages, _, _ = site_report_pages(inputs)
    first = merge_duplicates(pages, inputs)
    assert [page.merged_into for page in first] == [first[1].slug, None]  # the more complete copy is published

    def render_again(*args: object, **kwargs: object) -> object:
        raise AssertionError("merged pages rendered again")

    monkeypatch.setattr(merging, "merged_pages", render_again)
    again = merge_duplicates(pages, inputs)
    assert [page.page.text() for page in again] == [page.page.text() for page in first]
    changed = [inputs[0], ("b/报告.txt", inputs[1][1] + "补记：又一段。\n".encode())]
    with pytest.raises(AssertionError, match="rendered again"):
        merge_duplicates(site_report_pages(changed)[0], changed)


MERGE_IN_A_FRESH_PROCESS = """
import sys
from build_tools.engine.merging import merge_duplicates
from build_tools.engine.pipeline import site_report_pages
from build_tools.report.segmenting import shared_segmenter
from tests.test_archive import REPORT

text = "襄阳市2024年政府工作报告\\n\\n" + REPORT.replace("。", "。\\n\\n")
inputs = [("a/襄阳.txt", text.encode()), ("b/襄阳市.txt", (text + "补记：另一来源多出的一段话。\\n").encode())]
pages, _, _ = site_report_pages(inputs, keep=None)
if sys.argv[1] == "merge":
    merged = merge_duplicates(pages, inputs)
    print(sum(page.merged_into is not None for page in merged), shared_segmenter.cache_info().currsize)
"""


def test_copies_are_merged_without_loading_the_segmenter_into_the_build_s_process(tmp_path: Path) -> None:
    """Counting the merged pages' phrases loads the segmenter (some 60 MB); made in a forked process, it does
    not stay in the build's main process, nor in every process the build forks after it."""
    environment = {**os.environ, "REPORTS_CACHE_DIR": str(tmp_path / "cache")}
    for step in ("process", "merge"):  # the files' pages come from the cache, as in a build after the workers
        run = subprocess.run(
            [sys.executable, "-c", MERGE_IN_A_FRESH_PROCESS, step],
            capture_output=True, text=True, cwd=ROOT, env=environment, check=True,
        )
    assert run.stdout.split() == ["1", "0"], run.stderr[-2000:]


def test_a_server_that_merged_copies_rebuilds_without_reading_the_reports_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server keeps the latest build's results in memory; finding the merged copies cached (nothing to
    merge again) must not make it forget the others, which it would then read back from disk at every
    rebuild."""
    monkeypatch.setenv("REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_module, "SHARED", {})
    monkeypatch.setattr(cache_module, "REMEMBERING", {"on": True})
    text = "襄阳市2024年政府工作报告\n\n" + REPORT.replace("。", "。\n\n")
    inputs = [
        ("a/襄阳.txt", text.encode()),
        ("b/襄阳市.txt", (text + "补记：另一来源多出的一段话。\n").encode()),
        ("c/十堰.txt", ("十堰市2024年政府工作报告\n\n" + OTHER.replace("。", "。\n\n")).encode()),
    ]
    for _ in range(2):  # the second build finds the merged copies in the cache
        pages, _, _ = site_report_pages(inputs)
        merged = merge_duplicates(pages, inputs)
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.unlink()
    pages, _, processed = site_report_pages(inputs)
    assert processed == 0  # every file's pages came from memory
    assert [page.page.text() for page in merge_duplicates(pages, inputs)] == [page.page.text() for page in merged]


def test_a_server_holds_what_its_first_build_processed_and_reads_nothing_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reports a server's first build processes are stored by the process that made them (a worker);
    the server holds their pages in memory too, so that its first rebuild does not read every report back
    from disk."""
    monkeypatch.setenv("REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_module, "SHARED", {})
    monkeypatch.setattr(cache_module, "REMEMBERING", {"on": True})
    inputs = [
        ("襄阳.txt", ("襄阳市2024年政府工作报告\n\n" + REPORT.replace("。", "。\n\n")).encode()),
        ("十堰.txt", ("十堰市2024年政府工作报告\n\n" + OTHER.replace("。", "。\n\n")).encode()),
    ]
    first, _, processed = site_report_pages(inputs)
    assert processed == 2
    entries = list((tmp_path / "cache").rglob("*.pickle"))
    assert entries  # stored on disk, for the next process
    for entry in entries:
        entry.unlink()
    again, _, processed = site_report_pages(inputs)
    assert processed == 0
    assert [page.page.text() for page in again] == [page.page.text() for page in first]


def test_the_audit_shows_a_page_repeated_whole_as_one_row_naming_the_lines_it_copies() -> None:
    page = ["2010年政府工作报告", "各位代表：", "现在，我代表国务院向大会报告工作，请予审议。", "一、过去一年的工作",
            "国内生产总值增长百分之九，经济运行总体良好。", "【E-mail推荐"]
    report = process_bytes("2010.txt", "\n".join(page * 3).encode())[0]
    audit = render_audit(report)
    rows = [line for line in audit.splitlines() if "重复内容（" in line]
    assert [row.split(" | ")[0] for row in rows] == ["| 8–11", "| 14–17"]
    assert all("（4 行）" in row and f"与第 [2–5](../reports/{report.slug}.md#L2) 行逐行相同" in row for row in rows)
    assert "现在，我代表国务院向大会报告工作" not in "".join(rows)  # the copies' text is the text of lines 2–5
    unlinked = unlinked_audit(audit, report.slug, "published-copy")
    assert f"../reports/{report.slug}.md" not in unlinked and "与第 2–5 行逐行相同" in unlinked


def test_the_audit_lists_the_changes_of_one_kind_to_one_line_in_one_row() -> None:
    report = process_bytes("2010.txt", "各位代表：\n国内生产总值增长８．５％，粮食产量１２３４万吨。\n".encode())[0]
    rows = [line for line in render_audit(report).splitlines() if "全角数字、百分号和小数点改为半角" in line]
    assert len(rows) == 1
    assert "（2 处）" in rows[0] and "８．５％、１２３４" in rows[0] and "8\\.5%、1234" in rows[0]  # a number is one change


def test_the_audit_of_a_report_cleaning_did_not_change_says_so_instead_of_showing_empty_tables() -> None:
    unchanged = process_bytes("2010.txt", "各位代表：\n国内生产总值增长8.5%。\n".encode())[0]
    assert not unchanged.cleaned.audit
    page = render_audit(unchanged)
    assert labels()["audit_unchanged"] in page
    assert not [line for line in page.splitlines() if line.startswith("|")]
    changed = process_bytes("2010.txt", "各位代表：\n国内生产总值增长８．５％。\n".encode())[0]
    assert labels()["audit_unchanged"] not in render_audit(changed)
    assert [line for line in render_audit(changed).splitlines() if line.startswith("|")]


def test_a_year_whose_reports_give_no_headline_indicator_says_so_instead_of_showing_an_empty_table() -> None:
    row = ("[襄阳市](reports/2024-襄阳.md)", "市", "地区生产总值", "目标", "", "6%", "")
    pages = comparison_pages([(entry(1, "湖北省", "襄阳市", 2024, "市"), (row,)), (entry(2, "全国", "全国", 1954, "国家"), ())])
    empty, full = pages["indicators/1954.md"], pages["indicators/2024.md"]
    assert labels()["comparison_no_rows"] in empty and not [line for line in empty.splitlines() if line.startswith("|")]
    assert labels()["comparison_no_rows"] not in full and "](../reports/2024-襄阳.md)" in full


def test_a_place_page_shows_beside_a_report_the_year_s_own_growth_not_one_over_five_years() -> None:
    """2007年，国内生产总值…比2002年增长65.5%，年均增长10.6%: neither is 2007's growth, and 财政收入增加
    1501亿元 is no rate; the report's headline beside it on its place's page is its GDP target alone (the
    first headline indicator it states, though it states both the result and the target of prices), and
    its row of the year's comparison of headline indicators shows neither."""
    from build_tools.pages.comparison import comparison_rows
    from build_tools.pages.series_pages import facts_of
    from build_tools.pages.site import headline

    text = (
        "2008年国务院政府工作报告\n各位代表：\n一、过去五年工作回顾\n"
        "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。居民消费价格上涨4.8%。\n"
        "二、2008年工作的总体要求和主要任务\n今年国内生产总值增长8%左右；居民消费价格总水平涨幅控制在4.8%左右。\n"
    )
    report = process_bytes("national/2008.txt", text.encode("utf-8"))[0]
    assert [(item.label, item.text) for item in headline(facts_of(report))] == [("2008年国内生产总值目标", "8%左右")]  # the country's
    rows = comparison_rows(report, facts_of(report))  # and so does the year's comparison of headline indicators
    assert "8%左右" in "".join(rows[0]) and not any("65.5%" in cell or "10.6%" in cell for row in rows for cell in row)
    assert rows[0][0].startswith("[全国](reports/")  # the year is the page's: the place names the report
    assert rows[0][2] == "国内生产总值"
    text = "2000年国务院政府工作报告\n各位代表：\n一、1999年工作回顾\n国家财政收入比上年增加1501亿元。\n"
    assert headline(facts_of(process_bytes("national/2000.txt", text.encode("utf-8"))[0])) == ()


def test_the_comparison_says_a_level_it_does_not_know_as_every_page_does() -> None:
    """The seed's first piece, of unknown level, read — in the comparison's 层级 column, 层级不详 everywhere else."""
    from build_tools.pages.comparison import comparison_rows
    from build_tools.pages.series_pages import facts_of

    report = replace(seed_reports()[0], level=None)
    rows = comparison_rows(report, facts_of(report))
    assert rows and {row[1] for row in rows} == {"层级不详"}


def test_a_result_beside_a_report_says_the_year_it_is_about() -> None:
    """The 2023 report's row read 国内生产总值实际完成 3%；国内生产总值目标 5%左右 on 全国's page, the home page
    and the year's comparison: the 3% is 2022's growth (2023 grew 5.2%), and nothing said so."""
    from build_tools.pages.comparison import comparison_rows
    from build_tools.pages.series_pages import facts_of
    from build_tools.pages.site import headline

    text = (
        "2023年国务院政府工作报告\n各位代表：\n一、过去一年和五年工作回顾\n过去一年，国内生产总值增长3%。\n"
        "二、2023年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右。\n"
    )
    report = process_bytes("national/2023.txt", text.encode("utf-8"))[0]
    facts = facts_of(report)
    assert [(item.label, item.text) for item in headline(facts)] == [("2022年国内生产总值实际完成", "3%"), ("2023年目标", "5%左右")]
    assert [row[3] for row in comparison_rows(report, facts)] == ["目标"]  # the year's page shows the target first
    result_only = process_bytes("national/2023.txt", text.split("二、")[0].encode("utf-8"))[0]
    assert [row[3] for row in comparison_rows(result_only, facts_of(result_only))] == ["2022年实际完成"]


def test_a_figure_of_gnp_is_named_so_beside_its_report_and_in_its_year_s_comparison() -> None:
    """1988's 国民生产总值1987年达到10920亿元 and 1992's 国民生产总值增长百分之六 were 国内生产总值 on the year's
    comparison page and beside the report: gross national product is another measure."""
    from build_tools.pages.comparison import comparison_rows
    from build_tools.pages.series_pages import facts_of
    from build_tools.pages.site import headline

    text = (
        "1992年国务院政府工作报告\n各位代表：\n一、1991年工作回顾\n去年国民生产总值比上年增长7%。\n"
        "二、1992年的主要任务\n今年国民生产总值计划增长6%。\n"
    )
    report = process_bytes("national/1992.txt", text.encode("utf-8"))[0]
    facts = facts_of(report)
    assert [row[2] for row in comparison_rows(report, facts)] == ["国民生产总值"]
    assert headline(facts)[0].label == "1991年国民生产总值实际完成"


def test_a_report_before_gnp_shows_its_gross_output_and_national_income_as_its_headline() -> None:
    """The national reports of the 1950s-80s give 工农业总产值 and 国民收入, not 国民生产总值: those stand beside
    the report on its place's page; a share of the gross output (现代工业在工农业总产值中所占的比重) is not it."""
    from build_tools.pages.series_pages import facts_of
    from build_tools.pages.site import headline
    from build_tools.pages.tables import core_category

    text = (
        "1987年国务院政府工作报告\n各位代表：\n一、1986年的工作回顾\n"
        "1986年，工农业总产值15104亿元，比上年增长9.3%。国民收入7790亿元，比上年增长7.4%。"
        "现代工业在工农业总产值中所占的比重上升到36.5%。\n"
    )
    report = process_bytes("national/1987.txt", text.encode("utf-8"))[0]
    categories = {indicator.span: core_category(indicator) for indicator in report.indicators}
    assert categories["15104亿元"] == "工农业总产值" and categories["增长7.4%"] == "国民收入"
    assert categories["36.5%"] is None
    assert [(item.label, item.text) for item in headline(facts_of(report))][:1] == [("1986年工农业总产值实际完成", "9.3%")]


def test_a_report_found_in_several_files_keeps_the_line_of_its_identity_under_its_title() -> None:
    """The 2021–2024 national reports, each also in a city's file, showed no year, place or speaker."""
    from build_tools.pages.identity_line import identity_line
    from build_tools.pages.merged import merged_pages

    text = "2024年襄阳市政府工作报告\n——2024年1月10日在襄阳市第十八届人民代表大会第四次会议上\n各位代表：\n" + REPORT + "\n"
    primary = process_bytes("city/襄阳.txt", text.encode("utf-8"))[0]
    copy = process_bytes("news/襄阳.txt", text.encode("utf-8"))[0]
    page = merged_pages(primary, [copy], pieces=1).page.text()
    line = identity_line(primary)
    assert "2024" in line and line in page
    box = labels()["merged_title"].format(count=2)
    # the title, the line under it, then the box of its sources (above the title it came before the title a reader
    # and a screen reader's jump to the title meet first), a box that opens on a click as the others do
    assert page.index("# ") < page.index(line) < page.index(box) and f'??? note gr-sources "{box}"' in page


def test_a_merged_report_uses_the_phrases_only_another_copy_holds_and_copies_that_agree_say_so() -> None:
    """2011's page, made of the copy that lacks 大力推动…新材料、新能源汽车等产业发展, said 新能源汽车 was dropped that
    year (shown under 仅见于其他来源的文字 all the same); 18 pages whose copies agree promised that section."""
    from build_tools.pages.merged import merged_pages

    text = "2011年国务院政府工作报告\n各位代表：\n一、2010年工作回顾\n" + REPORT + "\n"
    primary = process_bytes("national/2011.txt", text.encode("utf-8"))[0]
    fuller = process_bytes("national-raw-gbk/2011.txt", (text + "大力推动新材料、新能源汽车等产业发展。\n").encode("utf-8"))[0]
    merged = merged_pages(primary, [fuller], pieces=1)
    assert dict(merged.phrases.counts).get("新能源汽车") == 1
    assert labels()["merged_agree"] not in merged.page.text()
    same = merged_pages(primary, [process_bytes("national-raw-gbk/2011.txt", text.encode("utf-8"))[0]], pieces=1)
    assert labels()["merged_agree"] in same.page.text() and "新能源汽车" not in same.phrases.phrases


def test_a_merged_report_takes_what_another_copy_states_of_its_identity_and_title() -> None:
    """2006–2011's clean copies have no title or dateline; their portal copies give 2006年国务院政府工作报告 and
    ——2006年3月5日在第十届全国人民代表大会第四次会议上 / 国务院总理 温家宝. The merged page said 原文无标题 and its year
    inferred, and the catalogue had no date, session or speaker."""
    from build_tools.pages.identity_line import identity_line
    from build_tools.pages.merged import merged_pages

    body = "各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n一、2005年工作回顾\n" + REPORT + "\n"
    dateline = "2006年国务院政府工作报告\n——2006年3月5日在第十届全国人民代表大会第四次会议上\n国务院总理 温家宝\n"
    clean = process_bytes("national/2006.txt", body.encode("utf-8"))[0]
    portal = process_bytes("national-raw-gbk/2006.txt", (dateline + body).encode("utf-8"))[0]
    assert clean.identity.date is None and clean.identity.how("year") is not None
    pages = merged_pages(clean, [portal], pieces=1)
    entry = pages.listed.entry
    assert (entry.identity.date, entry.identity.speaker, entry.source_title) == ("2006-03-05", "国务院总理 温家宝", "2006年国务院政府工作报告")
    assert "第十届全国人民代表大会第四次会议" in pages.page.text() and "原题：2006年国务院政府工作报告" in pages.page.text()
    assert "推定" not in identity_line(replace(clean, identity=portal.identity))


def test_a_province_s_page_says_how_many_reports_it_and_its_places_have_and_lists_the_places_first() -> None:
    """The home page's 安徽省（13） opened a page whose table had one row (its own 2026 report): its 12 cities were a
    line of names at the foot, after six tables of figures; 河北省, with no report of its own, had no breadcrumbs."""
    from build_tools.pages.browse import place_page

    listed = [Listed(entry(1, "湖北省", "湖北省", 2026, "省", code="420000"))]
    cities = [Listed(entry(n, "湖北省", name, 2024, "市", code=code))
              for n, (name, code) in enumerate((("武汉市", "420100"), ("宜昌市", "420500")), 2)]
    page = place_page(("湖北省", "", "湖北省"), listed, cities, "## 主要指标历年目标与完成情况\n")
    assert "共 3 篇：本级 1 篇，下辖 2 个地方 2 篇" in page
    assert page.index("## 下辖地区") < page.index("## 主要指标") and "2024年" in page.split("## 下辖地区")[1]
    alone = place_page(("河北省", "", "河北省"), [], cities[:1])
    assert "gr-breadcrumbs" in alone and "本级 0 篇" in alone
    # a province without reports of its own is under no level: 贵州省's breadcrumbs read 首页 › 市
    crumbs = re.search(r'<nav class="gr-breadcrumbs"[^>]*>(.*?)</nav>', alone)
    assert crumbs and "首页" in crumbs.group(1) and "levels/" not in crumbs.group(1)
    # above the title, as on a report's page: a place's page had them under its title, and on a phone under its outline
    assert alone.index("gr-breadcrumbs") < alone.index("\n# ")


def test_a_province_is_reached_from_its_reports_breadcrumbs_and_its_lists_of_places() -> None:
    """湖北省 in a report's breadcrumbs led to its places of the report's level (levels/市/湖北省/), and 广东省's, 贵州省's
    and 河北省's pages (their own reports, every place, their figures) were linked from the home page alone."""
    from build_tools.pages.browse import breadcrumbs, level_province_page

    city = entry(2, "湖北省", "襄阳市", 2024, "市", code="420600")
    crumbs = breadcrumbs(city, city.page)
    assert "(../places/湖北省/index.md)" in crumbs or "(../places/湖北省.md)" in crumbs, crumbs
    listing = level_province_page("市", "湖北省", [Listed(city)])
    assert "湖北省的全部报告" in listing and "places/湖北省" in listing
    # the list of a level's places in a province, and of a level's provinces, lead back as a report's page does
    assert '<nav class="gr-breadcrumbs" aria-label="路径" markdown>[首页](../../index.md) › [市](index.md)' in listing
    from build_tools.pages.browse import level_page

    assert 'aria-label="路径"' in level_page("市", [Listed(city)])


def test_a_district_s_city_has_a_page_listing_its_districts_and_stands_in_their_breadcrumbs() -> None:
    """黄山区's breadcrumbs read 首页 › 区县 › 安徽省 › 黄山区: 黄山市, which has no report of its own, had no page, and its
    folder under places/ held 黄山区's page alone (places/安徽省/黄山市/ was not found)."""
    from build_tools.pages.browse import breadcrumbs

    district = entry(1, "安徽省", "黄山区", 2024, "区县", parent="黄山市", code="341003")
    other = entry(2, "安徽省", "屯溪区", 2023, "区县", parent="黄山市", code="341002")
    crumbs = breadcrumbs(district, district.page)
    assert "[黄山市](../places/安徽省/黄山市/index.md)" in crumbs
    assert crumbs.index("安徽省") < crumbs.index("黄山市") < crumbs.index("黄山区")
    made = browse([Listed(district), Listed(other)])
    city = made.pages["places/安徽省/黄山市/index.md"]
    assert "共 2 篇：本级 0 篇，下辖 2 个地方 2 篇" in city and "省级地区" not in city
    below = city.split("## 下辖地区")[1]
    assert below.index("屯溪区") < below.index("黄山区") and "上级" not in below  # its own name is no column
    assert "[安徽省](../index.md)" in city.split("</nav>")[0]
    place = made.pages["places/安徽省/黄山市/黄山区/index.md"]
    assert "[黄山市](../index.md)" in place.split("</nav>")[0]
    province = made.pages["places/安徽省/index.md"]
    assert "[黄山市](黄山市/index.md)" in province.split("## 下辖地区")[1]  # the parent column links the city


def test_a_report_that_gives_only_an_estimate_of_its_year_shows_the_estimate_beside_it() -> None:
    """常州's 预计全市地区生产总值增长6.8%左右 and 19 other cities' estimates were missing from the 主要指标 beside their
    reports (years/2024/, their place pages), as if they gave no result; an actual result still comes first."""
    from build_tools.pages.series_pages import facts_of
    from build_tools.pages.site import headline

    text = ("2024年常州市政府工作报告\n各位代表：\n一、2023年工作回顾\n预计全市地区生产总值增长6.8%左右。\n"
            "二、2024年工作安排\n今年主要预期目标是：地区生产总值增长5.5%左右。\n")
    report = process_bytes("city/常州.txt", text.encode("utf-8"))[0]
    assert [(item.label, item.text) for item in headline(facts_of(report))] == [
        ("2023年地区生产总值预计", "6.8%左右"), ("2024年目标", "5.5%左右")]


def test_the_home_page_s_newest_reports_lead_to_the_rest_of_their_year() -> None:
    """The home page listed 20 of the 21 reports of 2026 (甘肃 missing) and no way to the others."""
    listed = [Listed(entry(n, "湖北省", f"城{n}市", 2026, "市", code=f"42{n:02d}00")) for n in range(1, 23)]
    home = "\n".join(home_sections(listed, []))
    assert "[2026年的全部 22 篇报告 ›](years/2026.md)" in home
    # and the table says it shows the newest 20 of them, where a reader counted 20 rows against 2026年（21）
    assert "全部 22 篇报告中最新的 20 篇" in home.split("最新报告")[1]
    home_of_few = "\n".join(home_sections(listed[:3], []))
    assert "最新的" not in home_of_few.split("最新报告")[1]


def test_a_report_s_own_words_name_no_place() -> None:
    """来宾's own words were 来宾 and 毕节's 毕节 and 毕节市; 零陵, 双牌, 全椒 and 30 more places stood among others'."""
    body = "".join(f"第{n}项：双牌县和零陵区推进猕猴桃产业，双牌猕猴桃、零陵猕猴桃品牌做大做强。" for n in range(40))
    text = "2024年永州市政府工作报告\n各位代表：\n一、2023年工作回顾\n" + body + "\n"
    report = process_bytes("city/永州.txt", text.encode("utf-8"))[0]
    assert not {"双牌", "零陵", "双牌县", "零陵区"} & set(report.keywords)


def test_the_address_of_a_merged_copy_leads_to_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A report published from one copy moved when a more complete copy turned up, and its old address gave 404:
    every copy's address now leads to the report's page."""
    from build_tools.pages.site import assemble_site

    monkeypatch.setenv("REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    text = "襄阳市2024年政府工作报告\n\n" + REPORT.replace("。", "。\n\n")
    inputs = [("a/报告.txt", text.encode()), ("b/报告.txt", (text + "补记：另一来源多出的一段话。\n").encode())]
    pages = merge_duplicates(site_report_pages(inputs)[0], inputs)
    copy, published = pages
    site = assemble_site(pages, (), site_name="站").pages
    moved = site[f"reports/{copy.slug}/index.html"]
    assert isinstance(moved, str) and f'url=../{published.slug}/"' in moved and published.title in moved
    assert f"reports/{published.slug}/index.html" not in site and f"reports/{published.slug}.md" in site


def test_the_build_log_counts_the_reports_the_home_page_counts_and_the_copies_merged() -> None:
    """The log said 22 reports published where the home page counted 17: five were copies, merged."""
    from build_tools.engine.pipeline import summary

    line = summary(17, (), 32, copies=5)
    assert line.startswith("32 files found, 17 reports published (and 5 copies of them merged into them), 0 failed")
    assert "copies" not in summary(17, (), 17)


def test_a_copy_filed_under_another_place_s_name_says_so_and_the_home_page_counts_the_copies() -> None:
    """city/台州.txt, city/襄阳.txt and city/贵阳.txt hold the 2024 State Council report: the three cities were missing
    from every list, and only the national report's box of sources named the files, as if they were its copies."""
    from build_tools.pages.merged import sources_note
    from build_tools.pages.site import index_page

    seed = seed_reports()[0]
    report = replace(seed, source="corpus/national/2024.txt", identity=replace(seed.identity, place="全国", level="国家"))
    elsewhere = replace(report, source="corpus/city/台州.txt", slug="city-台州")
    city = replace(report, identity=replace(report.identity, place="台州市", level="市"))
    assert "文件名作" not in sources_note(city, [replace(elsewhere, identity=city.identity)], [])
    note = sources_note(
        report, [elsewhere, replace(report, source="corpus/national-raw-gbk/2024.txt", slug="gbk")], []
    )
    assert "（文件名作“台州”，正文却是这篇报告）（[查看清理记录](../audit/city-台州.md)）" in note
    assert note.count("文件名作") == 1
    assert "另有 2 个文件是其中某篇报告的另一份来源" in index_page([], [], "站", 2)
    assert "另有" not in index_page([], [], "站", 0)


def test_a_year_or_place_a_list_shows_says_it_was_inferred() -> None:
    """94 report pages said 2024年（据“一、2023年工作回顾”推定）, but the lists (a place's years, a year's places, the
    home page's newest) showed the same year and place as if the reports stated them."""
    from build_tools.pages.browse import report_table

    stated = entry(1, "江苏省", "南京市", 2024, "市", code="320100")
    guessed = replace(stated, slug="r2", page="reports/r2.md", identity=replace(
        stated.identity, inferred=(("year", "据“一、2023年<b>工作</b>|回顾”推定"), ("place", "据文件名推定"))))
    table_of = report_table("places/江苏省/南京市.md", [Listed(stated), Listed(guessed)], with_place=True)
    rows = [line for line in table_of.splitlines() if "reports/r" in line]
    assert "gr-inferred" not in rows[0] and rows[1].count('class="gr-inferred"') == 2
    # the tooltip says which value it was (it read 据“一、2023年工作回顾”推定 beside a year and a place alike)
    assert 'title="年份据“一、2023年&lt;b&gt;工作&lt;/b&gt;&#124;回顾”推定">推定</span>' in rows[1]
    assert 'title="地点据文件名推定">推定</span>' in rows[1]
    from build_tools.pages.browse import places_table

    places = places_table("places/江苏省.md", [Listed(stated), Listed(replace(guessed, identity=replace(
        guessed.identity, year=2023)))])
    assert places.count('class="gr-inferred"') == 1
    assert '[2024年](../reports/r1.md) [2023年](../reports/r2.md)<span class="gr-inferred"' in places


def test_a_merged_copy_s_address_names_the_site_s_icon() -> None:
    """The 44 pages at merged copies' addresses had no icon: a browser asked for /favicon.ico, which is not there."""
    from build_tools.pages.site import copy_address

    page = copy_address("national-2024", "2024年国务院政府工作报告")
    assert '<link rel="icon" href="../../assets/images/favicon.png">' in page


def test_a_report_given_before_the_new_yuan_says_its_amounts_are_old_yuan() -> None:
    """1954's 社会商品零售总额 325万亿元 stood beside 1955's amounts in new yuan (1 for 10,000 old) with nothing said."""
    from build_tools.pages.render import indicator_box

    report = seed_reports()[0]
    old = replace(report, identity=replace(report.identity, year=1954))
    assert "旧人民币" in indicator_box(old)
    assert "旧人民币" not in indicator_box(replace(report, identity=replace(report.identity, year=1955)))


def test_a_report_page_counts_the_lines_cleaning_took_out_by_the_kinds_its_audit_page_counts() -> None:
    """2001's page said 删除 498 行页面杂项 where its audit counts 63 lines of the web page's furniture and 433 of
    the report shown again; a line of the file read as several was counted as a line taken out."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.audit import render_audit
    from build_tools.pages.render import cleaning_counts

    text = "2024年铜陵市政府工作报告\n各位代表：\n" + "".join(f"全市第{n}项工作稳中向好，经济运行平稳。\n" for n in range(30))
    text += "分享到：\n责任编辑：王某\n" + text.split("\n", 2)[2]  # a page's buttons, then the text shown again
    (report,) = process_bytes("铜陵.txt", text.encode("utf-8"))
    said = str(cleaning_counts(report)["dropped"])
    assert said.startswith("去掉") and "重复内容 30 行" in said and "网页杂项 2 行" in said, said
    audit = render_audit(report)
    for kind, count in re.findall(r"([^、\s]+) (\d+) 行", said.removeprefix("去掉")):
        assert f"| {kind} | {count} |" in audit, (kind, count)


def test_an_audit_page_says_how_its_file_was_read_and_how_many_of_its_bytes_were_no_text() -> None:
    """A stray byte or a download cut inside a character is shown as U+FFFD and marked on the report's page,
    but its audit, the account of every character the page lacks, said nothing of it."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.audit import render_audit

    text = "2024年铜陵市政府工作报告\n各位代表：\n" + "全市地区生产总值增长5.8%，经济运行稳中向好。\n" * 60
    data = text.encode("gb18030")
    (damaged,) = process_bytes("铜陵.txt", data[:40] + b"\xff" + data[40:])
    page = render_audit(damaged)
    assert "按 GB18030 读取" in page and "该文件有 1 个字节无法读作文字" in page
    (clean,) = process_bytes("铜陵.txt", data)
    assert "按 GB18030 读取" in render_audit(clean) and "无法读作文字" not in render_audit(clean)


def test_an_invisible_character_removed_is_shown_in_the_audit_by_its_code() -> None:
    """A soft hyphen or a direction mark taken out of the text was listed as an empty cell."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.audit import render_audit

    text = "2024年鄂州市政府工作报告\n各位代表：\n开通国内客运航线1\u00ad6条，旅客吞吐量增长8\u202e%。\n"
    (report,) = process_bytes("鄂州.txt", text.encode("utf-8"))
    page = render_audit(report)
    assert "⟨U\\+00AD⟩" in page and "⟨U\\+202E⟩" in page and "\u00ad" not in page and "\u202e" not in page


def test_a_blank_removed_is_named_in_the_audit_not_written_as_code() -> None:
    """A full-width space taken out of the text was shown as '\\u3000', Python's notation, to readers."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.audit import render_audit

    text = "2024年鄂州市政府工作报告\n各位代表：\n全市经济\u3000\u3000增长8%，就业稳定。\n"
    (report,) = process_bytes("鄂州.txt", text.encode("utf-8"))
    page = render_audit(report)
    assert "全角空格 ×2" in page and "\\u3000" not in page


def test_a_province_s_page_says_where_a_file_named_for_one_of_its_places_went() -> None:
    """襄阳.txt, 台州.txt and 贵阳.txt hold the State Council's 2024 report and are published as it: a reader who
    browsed 湖北省 for 襄阳 found nothing and took it that the archive never had it."""
    from build_tools.pages.browse import browse
    from build_tools.pages.misnamed import misnamed_notes

    national = replace(entry(1, "全国", "全国", 2024, "国家"), title="2024年国务院政府工作报告",
                       sources=("corpus/national/2024.txt", "corpus/city/襄阳.txt"))
    city = replace(entry(2, "湖北省", "宜昌市", 2024, "市", code="420500"), sources=("corpus/city/宜昌.txt",))
    notes = misnamed_notes([Listed(national), Listed(city)])
    assert list(notes.sections) == ["places/湖北省/index.md"]  # nothing for 宜昌.txt, which holds 宜昌's report
    assert "“襄阳”：文件 corpus/city/襄阳\\.txt 的正文是[2024年国务院政府工作报告](../../reports/r1.md)" in notes.sections["places/湖北省/index.md"]
    assert notes.home == ""
    page = browse([Listed(national), Listed(city)], notes.sections).pages["places/湖北省/index.md"]
    assert "以本省地方命名、正文却是别的报告的文件" in page


def test_the_home_page_says_where_a_file_went_when_no_page_of_its_province_is_made(tmp_path: Path) -> None:
    """襄阳.txt holding the State Council's report, in an archive with no other report of 湖北: the note was made for
    湖北省's page, which is not made, and the file's fate was shown nowhere a reader browses."""
    national = "2024年政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n各位代表：\n过去一年，经济增长5.2%。\n"
    city = "2024年宜宾市政府工作报告\n各位代表：\n全市地区生产总值增长6%。\n"
    seeds = tmp_path / "seeds"
    (seeds / "city").mkdir(parents=True)
    (seeds / "city" / "襄阳.txt").write_text(national, encoding="utf-8")
    (seeds / "city" / "宜宾.txt").write_text(city, encoding="utf-8")
    from tests.conftest import build_site

    site = tmp_path / "site"
    result = build_site(seeds, site)
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "以某地命名、正文却是别的报告的文件" in home
    assert "“襄阳”（湖北省）：文件 seeds/city/襄阳.txt 的正文是" in home
    assert not (site / "places" / "湖北省").exists()


def test_the_comparison_takes_the_figure_stated_exactly_and_no_county_towns_figure() -> None:
    """湖北's 地方一般公共预算收入突破4000亿元、达到4211亿元 was 突破4000亿元 on the comparison of 2026 and 4211亿元 on its
    place's page; 铜仁's 实现8个县城常住人口88万人 was the city's population target on both."""
    from build_tools.pages.comparison import comparison_rows
    from build_tools.pages.series_pages import facts_of

    text = ("2026年湖北省人民政府工作报告\n各位代表：\n一、2025年工作回顾\n地方一般公共预算收入突破4000亿元、达到4211亿元。\n"
            "二、2026年工作安排\n实现8个县城常住人口88万人。\n")
    report = process_bytes("province/2026_湖北省.txt", text.encode("utf-8"))[0]
    cells = "".join(cell for row in comparison_rows(report, facts_of(report)) for cell in row)
    assert "4211亿元" in cells and "4000" not in cells and "88万人" not in cells
