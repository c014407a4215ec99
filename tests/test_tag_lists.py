"""The lists of each tag's reports (``pages.tags``): where they live, their order, and their size."""

from __future__ import annotations

import re

from build_tools.archive.catalogue import CatalogueEntry
from build_tools.archive.phrases import tracked_phrases
from build_tools.model import Identity
from build_tools.pages.phrases import phrase_path
from build_tools.pages.tags import MOST_LISTED, phrase_sections, tag_links, tagged_reports, tags_page


def entry(slug: str, year: int | None, level: str | None, place: str) -> CatalogueEntry:
    title = f"{year or ''}年{place}政府工作报告"
    identity = Identity(year=year, place=place, level=level)
    return CatalogueEntry(slug, f"reports/{slug}.md", f"reports/{slug}/", title, title, identity, (f"{slug}.txt",), 10, 3)


def test_a_tags_reports_come_newest_first_and_the_state_council_first_within_a_year() -> None:
    reports = [
        (("乡村振兴",), entry("c", 2024, "市", "上海市")),  # before 全国 by its title
        (("乡村振兴",), entry("u", None, None, "某地")),
        (("乡村振兴",), entry("n", 2024, "国家", "全国")),
        (("乡村振兴", "低空经济"), entry("p", 2026, "省", "湖北省")),
        (("低空经济",), entry("a", 2024, "市", "宜昌市")),
    ]
    tagged = tagged_reports(reports)
    assert [e.slug for e in tagged["乡村振兴"]] == ["p", "n", "c", "u"]  # unknown years last
    assert [e.slug for e in tagged["低空经济"]] == ["p", "a"]


def test_a_tracked_tag_is_listed_on_its_phrase_page_and_another_on_the_tags_page() -> None:
    tagged = tagged_reports([(("乡村振兴", "分子"), entry("c", 2024, "市", "襄阳市"))])
    tracked = {"乡村振兴"}
    links = {link.name: link.url for link in tag_links(["乡村振兴", "分子"], tracked)}
    assert links == {"乡村振兴": "phrases/乡村振兴/#tagged", "分子": "tags/#tag-分子"}
    escaped = tag_links(['新"词<b>'], tracked)[0]  # the theme writes them unescaped
    assert escaped.name == "新&quot;词&lt;b&gt;" and '"' not in escaped.url and "<" not in escaped.url
    sections = phrase_sections(tagged, tracked)
    assert list(sections) == ["乡村振兴"]
    assert "{#tagged}" in sections["乡村振兴"] and "(../reports/c.md)" in sections["乡村振兴"]
    page = tags_page(tagged, tracked)
    assert "[乡村振兴](phrases/乡村振兴.md#tagged)" in page and "[分子](tags.md#tag-分子)" in page
    assert "{#tag-分子}" in page and "(reports/c.md)" in page  # the untracked tag's list, on the tags page
    assert "{#tag-乡村振兴}" not in page


def test_a_list_shows_the_newest_reports_only_so_that_no_page_grows_with_the_archive() -> None:
    reports = [(("乡村振兴",), entry(f"r{n:03d}", 1900 + n, "市", f"市{n}")) for n in range(MOST_LISTED + 40)]
    section = phrase_sections(tagged_reports(reports), {"乡村振兴"})["乡村振兴"]
    listed = re.findall(r"\(\.\./reports/(r\d+)\.md\)", section)
    assert len(listed) == MOST_LISTED and listed[0] == f"r{MOST_LISTED + 39:03d}"  # the newest
    assert f"共 {MOST_LISTED + 40} 篇" in section and f"本站共有 {MOST_LISTED + 40} 篇报告以此为标签" in section


def test_every_tracked_phrase_has_a_page_of_its_own_so_that_a_tag_leads_to_its_own_list() -> None:
    # 人工智能+ and 人工智能 once shared phrases/人工智能.md: the tag 人工智能 led to 人工智能+'s page, which had no list
    pages = {phrase: phrase_path(phrase) for phrase in tracked_phrases()}
    assert len(set(pages.values())) == len(pages)
    assert pages["人工智能"] == "phrases/人工智能.md" and pages["人工智能+"] != pages["人工智能"]
    tracked = set(pages)
    links = {link.name: link.url for link in tag_links(["人工智能", "人工智能+"], tracked)}
    assert links["人工智能"] == "phrases/人工智能/#tagged" and links["人工智能+"] != links["人工智能"]
