"""Export of the cleaned text: the plain-Markdown escaper, identity fields and file names, the round trip
(an exported file rendered by Python-Markdown shows the report page's text, order and outline) over the
seed and the corpus, the JSON lines, and the command."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from build_tools.cli import main
from build_tools.engine.inputs import discover
from build_tools.engine.pipeline import publish, read_inputs
from build_tools.model import Identity, Report
from build_tools.pages.export import (
    escape_heading,
    escape_plain_markdown,
    export_names,
    identity_fields,
    published,
    record_line,
    report_markdown,
    report_record,
    text_blocks,
)
from build_tools.pages.merged import merged_pages
from build_tools.pages.render import render_report
from build_tools.pages.site import pieces_per_source
from tests.browser import chromium, serve
from tests.conftest import SAMPLE_SEEDS

ROOT = Path(__file__).resolve().parent.parent


class Blocks(HTMLParser):
    """The text blocks of HTML in reading order: (tag, text, dash heading), leaving out what the page adds
    around the text: the boxes (``<details>``, admonitions) and the headings' permalinks."""

    TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, bool]] = []
        self.current: tuple[str, list[str], bool] | None = None
        self.skipped: list[str] = []
        self.in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.skipped:
            if tag == self.skipped[0]:
                self.skipped.append(tag)
        elif tag == "details" or (tag == "div" and "admonition" in classes) or PAGE_LINES & set(classes):
            self.skipped.append(tag)
        elif tag == "a" and "headerlink" in classes:
            self.in_permalink = True
        elif tag in self.TAGS:
            self.current = (tag, [], "gr-dash" in classes)

    def handle_endtag(self, tag: str) -> None:
        if self.skipped:
            if tag == self.skipped[0]:
                self.skipped.pop()
        elif tag == "a":
            self.in_permalink = False
        elif self.current is not None and tag == self.current[0]:
            text = "".join(self.current[1]).strip()  # the page writes a space before a heading's anchor
            if text or self.current[2]:  # a heading of only a lead dash shows the dash
                self.blocks.append((tag, text, self.current[2]))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skipped and not self.in_permalink:
            self.current[1].append(data)


# Lines the page adds under a report's title (its own keywords, a link to its new phrases): not report text.
PAGE_LINES = frozenset({"gr-keywords", "gr-below-title"})


def blocks_of(html: str) -> list[tuple[str, str, bool]]:
    parser = Blocks()
    parser.feed(html)
    return parser.blocks


def site_markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


SITE_MD = site_markdown()
PLAIN_MD = markdown.Markdown()
COMMONMARK = MarkdownIt("commonmark")


def page_blocks(report: Report, pieces: int) -> list[tuple[str, str, bool]]:
    """The report page's text blocks, as the site's Markdown renders its page."""
    body, _ = get_data(render_report(report, pieces=pieces))  # as MkDocs reads a page
    SITE_MD.reset()
    return blocks_of(SITE_MD.convert(body))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    assert text.startswith("---\n")
    meta, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(meta), body


def exported_blocks(report: Report) -> list[tuple[str, str]]:
    """The exported file's text blocks, as plain Python-Markdown renders it."""
    _, body = split_front_matter(report_markdown(report))
    PLAIN_MD.reset()
    html = PLAIN_MD.convert(body)
    assert set(re.findall(r"<([a-z0-9]+)", html)) <= {*Blocks.TAGS, "ul"}, "the export made other elements"
    return [(tag, text) for tag, text, _ in blocks_of(html)]


def assert_round_trip(report: Report, pieces: int) -> int:
    """The export renders to the page's text blocks, in the same order, with the same heading levels (a
    heading's lead dash in both, the report's text). Returns the number of blocks compared."""
    page = page_blocks(report, pieces)
    exported = exported_blocks(report)
    assert [tag for tag, _, _ in page] == [tag for tag, _ in exported], report.slug
    for (tag, text, _), (_, exported_text) in zip(page, exported, strict=True):
        assert exported_text == text, (report.slug, tag)
    return len(page)


def assert_record_matches(report: Report) -> None:
    """The JSON record holds the exported text blocks, with heading levels and source lines of the report."""
    record = json.loads(record_line(report))
    assert record == report_record(report)
    exported = exported_blocks(report)[1:]  # the title is a field of the record
    paragraphs = record["paragraphs"]
    assert [p["text"] for p in paragraphs] == [text for _, text in exported]
    for paragraph, (tag, _) in zip(paragraphs, exported, strict=True):
        expected = f"h{min(paragraph['level'] + 1, 6)}" if paragraph["kind"] == "heading" else None
        assert tag == (expected or ("li" if paragraph["kind"] == "item" else "p"))
    kept = {line.number for line in report.cleaned.kept_lines}
    assert all(p["lines"] and set(p["lines"]) <= kept for p in paragraphs)
    cleaned_line = {line.number: line.text for line in report.cleaned.kept_lines}
    for block in text_blocks(report):  # each block begins in its first source line (which may end sooner)
        line, start = cleaned_line[block.lines[0]], block.text[:8]
        assert start in line or any(line.endswith(start[:k]) for k in range(1, 8)), (report.slug, start)


# What the escaper does to a line of report text; the second half must not change.
ESCAPES = [
    ("**镇人民政府", r"\*\*镇人民政府"),
    ("# 不是标题", r"\# 不是标题"),
    ("#不是标题", r"\#不是标题"),
    ("1. 不是列表", r"1\. 不是列表"),
    ("１. 全角数字", r"１\. 全角数字"),
    ("2) 不是列表", r"2\) 不是列表"),
    ("- 不是列表", r"\- 不是列表"),
    ("+ 不是列表", r"\+ 不是列表"),
    ("---", r"\---"),
    ("> 不是引用", r"\> 不是引用"),
    ("~~~", "&#126;~~"),
    ("_强调_", r"\_强调\_"),
    ("a__b__", r"a\_\_b\_\_"),
    ("`代码`", r"\`代码\`"),
    ("[链接](http://example.com)", r"\[链接\](http://example.com)"),
    ("![图](x.png)", r"!\[图\](x.png)"),
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("各位代表：<U+200D>现在", "各位代表：&lt;U+200D>现在"),
    ("<0@x>", "&lt;0@x>"),
    ("&lt; &#60;", "&amp;lt; &amp;#60;"),
    ("a\\b", r"a\\b"),
    ("20xx年主要工作", "20xx年主要工作"),
    ("关系xx镇的长远发展", "关系xx镇的长远发展"),
    ("增长9.43亿元，达到16936万元", "增长9.43亿元，达到16936万元"),
    ("1.加强农业", "1.加强农业"),
    ("3-5个", "3-5个"),
    ("-5%", "-5%"),
    ("PM_2.5浓度", "PM_2.5浓度"),
    ("R&D经费", "R&D经费"),
    ("2#催化装置", "2#催化装置"),
    ("|<<上一页 6 下一页 >>|", "|<<上一页 6 下一页 >>|"),
    ("“三河三湖”", "“三河三湖”"),
    ('"十二五"规划', '"十二五"规划'),
    ("（一）稳增长", "（一）稳增长"),
    ("——加快现代农业科技示范园建设。", "——加快现代农业科技示范园建设。"),
    ("100%以上", "100%以上"),
    ("3~5年", "3~5年"),
    ("{: .x }", "{: .x }"),
    ("a = b", "a = b"),
]


@pytest.mark.parametrize(("text", "escaped"), ESCAPES)
def test_escaper(text: str, escaped: str) -> None:
    assert escape_plain_markdown(text) == escaped


def test_a_closing_hash_stays_in_a_heading() -> None:
    assert escape_heading("装置2#") == r"装置2\#"
    assert escape_heading("#") == r"\#"
    PLAIN_MD.reset()
    assert PLAIN_MD.convert("## " + escape_heading("装置2#")) == "<h2>装置2#</h2>"


def rendered_plain(source: str) -> list[tuple[str, str, bool]]:
    PLAIN_MD.reset()
    return blocks_of(PLAIN_MD.convert(source))


LINE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")), min_size=1)


@settings(max_examples=400, deadline=None)
@given(LINE_TEXT)
def test_any_line_renders_as_itself_in_python_markdown_and_commonmark(text: str) -> None:
    text = text.strip()
    if not text:
        return
    escaped = escape_plain_markdown(text)
    assert rendered_plain(escaped) == [("p", text, False)]
    assert rendered_plain("## " + escape_heading(text)) == [("h2", text, False)]
    assert rendered_plain("- " + escaped) == [("li", text, False)]
    assert blocks_of(COMMONMARK.render(escaped)) == [("p", text, False)]
    assert blocks_of(COMMONMARK.render("## " + escape_heading(text))) == [("h2", text, False)]


@pytest.fixture(scope="module")
def seed_reports() -> list[Report]:
    return list(publish(discover(SAMPLE_SEEDS).inputs).reports)


def test_identity_fields_come_from_the_identity(seed_reports: list[Report]) -> None:
    report = seed_reports[2]
    fields = identity_fields(report)
    assert (fields["title"], fields["slug"], fields["level"]) == (report.title, report.slug, report.identity.level)
    assert fields["year"] is None and fields["speaker"] is None
    identity = Identity(2024, "2024-01-10", "第一次会议", "王某", "襄阳市", "湖北省", "420600", "市", "湖北省",
                        (("year", "据“2023年工作回顾”推定"),))
    fields = identity_fields(replace(report, identity=identity))
    assert {key: fields[key] for key in ("year", "date", "session", "speaker", "place", "parent", "code", "level",
                                         "province", "inferred")} == {
        "year": 2024, "date": "2024-01-10", "session": "第一次会议", "speaker": "王某", "place": "襄阳市",
        "parent": "湖北省", "code": "420600", "level": "市", "province": "湖北省",
        "inferred": {"year": "据“2023年工作回顾”推定"},
    }
    assert identity_fields(replace(report, identity=Identity(place="湖北省", level="省")))["province"] == "湖北省"
    meta, _ = split_front_matter(report_markdown(replace(report, identity=identity)))
    # what was inferred says so, as on the page (a download said year: 2024 as if the text stated it)
    assert list(meta) == ["title", "year", "date", "place", "level", "speaker", "inferred", "sources", "tags"]
    assert (meta["year"], meta["place"], meta["speaker"]) == (2024, "襄阳市", "王某")
    assert meta["inferred"] == {"year": "据“2023年工作回顾”推定"}
    meta, _ = split_front_matter(report_markdown(replace(report, identity=replace(identity, inferred=()))))
    assert "inferred" not in meta


def test_files_are_named_by_year_and_place_else_by_page_name(seed_reports: list[Report]) -> None:
    assert export_names(seed_reports) == [f"000_f936ed40faecbb33-{n}" for n in range(1, 6)]
    first, second, third = seed_reports[:3]
    named = [
        replace(first, identity=Identity(2024, place="襄阳市")),
        replace(second, identity=Identity(2024, place="襄阳市")),
        replace(third, identity=Identity(None, place="襄阳市")),
    ]
    assert export_names(named) == ["2024-襄阳市", "2024-襄阳市-2", third.slug]


def test_copies_of_one_report_are_exported_once_naming_every_source(seed_reports: list[Report]) -> None:
    report = replace(seed_reports[3], identity=Identity(2024, place="某镇"))
    copy = replace(report, source="zz/copy.txt", index=1)
    other = replace(seed_reports[0], identity=Identity(2024, place="某镇"))  # same place and year, another text
    groups = published([report, other, copy])
    assert [(r.source, r.index, [o.source for o in others]) for r, others in groups] == [
        (report.source, 4, ["zz/copy.txt"]), (other.source, 1, []),
    ]
    meta, _ = split_front_matter(report_markdown(*groups[0]))
    assert [(s["file"], s["piece"]) for s in meta["sources"]] == [(report.source, 4), ("zz/copy.txt", 1)]
    assert report_record(*groups[0])["sources"] == meta["sources"]
    pages = merged_pages(report, [copy], pieces=5)  # the site's page of the merged report
    assert gzip.decompress(pages.markdown).decode("utf-8") == report_markdown(report, [copy])


def test_front_matter_names_the_source_file_piece_and_lines(seed_reports: list[Report]) -> None:
    meta, body = split_front_matter(report_markdown(seed_reports[1]))
    assert meta["sources"] == [{"file": "seeds/000_f936ed40faecbb33.txt", "piece": 2, "lines": [47, 73]}]
    assert meta["tags"] == list(seed_reports[1].tags)
    assert body.startswith(f"\n# {seed_reports[1].title}\n")


def test_redactions_stay_as_the_source_wrote_them(seed_reports: list[Report]) -> None:
    text = report_markdown(seed_reports[0])
    assert "20xx年是“”规划的开局之年" in text and "关系xx镇的长远发展大局" in text


def test_the_seed_round_trips(seed_reports: list[Report]) -> None:
    pieces = Counter(report.source for report in seed_reports)
    for report in seed_reports:
        assert assert_round_trip(report, pieces[report.source]) > 10
        assert_record_matches(report)


@pytest.mark.slow
def test_the_corpus_round_trips(corpus: list[Path]) -> None:
    publication = publish(read_inputs(corpus))
    pieces = pieces_per_source(publication)
    compared = 0
    for report in publication.reports:
        compared += assert_round_trip(report, pieces[report.source])
        assert_record_matches(report)
    assert len(publication.reports) == len(corpus) and compared > 10_000


def test_the_command_exports_markdown_and_json_lines(tmp_path: Path, seed_reports: list[Report]) -> None:
    assert main(["export", "--seeds", str(SAMPLE_SEEDS), "--to", str(tmp_path / "md")]) == 0
    names = sorted(path.name for path in (tmp_path / "md").iterdir())
    assert names == [f"000_f936ed40faecbb33-{n}.md" for n in range(1, 6)]
    for report in seed_reports:
        assert (tmp_path / "md" / f"{report.slug}.md").read_text(encoding="utf-8") == report_markdown(report)
    assert main(["export", "--seeds", str(SAMPLE_SEEDS), "--to", str(tmp_path / "j"), "--format", "jsonl"]) == 0
    lines = (tmp_path / "j" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["slug"] for line in lines] == [report.slug for report in seed_reports]


def test_the_site_stores_each_text_once_named_by_the_catalogue_and_linked_from_its_page(
    seed_site: Path, seed_reports: list[Report]
) -> None:
    downloads = seed_site / "downloads"
    others = {"catalogue.csv", "catalogue.json", "series.csv.gz", "phrases.csv.gz"}  # rows across reports
    texts = sorted(path.name for path in downloads.iterdir() if path.is_file() and path.name not in others)
    assert texts == sorted(f"{report.slug}.md.gz" for report in seed_reports)  # no second copy of any text
    catalogue = csv.DictReader(io.StringIO((downloads / "catalogue.csv").read_text(encoding="utf-8-sig")))
    assert sorted(row["report"] for row in catalogue) == sorted(report.slug for report in seed_reports)
    assert "href=downloads/catalogue.csv" in (seed_site / "index.html").read_text(encoding="utf-8")
    for report in seed_reports:
        page = (seed_site / "reports" / report.slug / "index.html").read_text(encoding="utf-8")
        assert f"href=../../downloads/{report.slug}.md.gz" in page
        stored = (seed_site / "downloads" / f"{report.slug}.md.gz").read_bytes()
        assert gzip.decompress(stored).decode("utf-8") == report_markdown(report)


def test_every_report_s_tags_own_words_and_phrases_are_downloads(seed_site: Path, seed_reports: list[Report]) -> None:
    """A researcher of keywords had to scrape 411 phrase pages and every report's page: the catalogue had no tags
    and no file held the phrases' uses."""
    downloads = seed_site / "downloads"
    catalogue = {row["report"]: row for row in csv.DictReader(
        io.StringIO((downloads / "catalogue.csv").read_text(encoding="utf-8-sig")))}
    for report in seed_reports:
        assert catalogue[report.slug]["tags"].split(";") == list(report.tags)
        assert catalogue[report.slug]["keywords"] == ";".join(report.keywords)
    rows = list(csv.DictReader(io.StringIO(gzip.decompress((downloads / "phrases.csv.gz").read_bytes()).decode("utf-8-sig"))))
    assert rows and set(rows[0]) == {"report", "phrase", "uses", "first_line"}
    assert {row["report"] for row in rows} == {report.slug for report in seed_reports}
    used = {(row["report"], row["phrase"]): row for row in rows}
    first = used[(seed_reports[0].slug, "猕猴桃")] if (seed_reports[0].slug, "猕猴桃") in used else rows[0]
    page = (seed_site / "reports" / first["report"] / "index.html").read_text(encoding="utf-8")
    assert int(first["uses"]) >= 1 and f"id=L{first['first_line']}>" in page
    index = (seed_site / "phrases" / "index.html").read_text(encoding="utf-8")
    assert "href=../downloads/phrases.csv.gz" in index and "“#L”" in index  # the columns said to their end


@pytest.mark.browser
def test_a_click_on_the_link_saves_the_plain_markdown(seed_site: Path, seed_reports: list[Report]) -> None:
    report = seed_reports[0]
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(f"{base}reports/{report.slug}/")
        page.locator("details.gr-about summary").click()  # the box about the page
        with page.expect_download() as download:
            page.locator('a[href$=".md.gz"]').click()
        assert download.value.suggested_filename == f"{report.slug}.md"
        assert Path(download.value.path()).read_text(encoding="utf-8") == report_markdown(report)


def test_the_indicators_page_explains_every_column_of_the_catalogue() -> None:
    """catalogue.csv's genre, inferred, parent, code, paragraphs and sources were explained nowhere."""
    import re

    from build_tools.archive.catalogue import FIELDS
    from build_tools.pages.comparison import index_page

    page = index_page([2024], {2024: 1}, {2024: []}).replace("\\", "")
    explained = page[page.index("catalogue.csv（"):]
    assert all(re.search(rf"(?<![a-z_]){name}(?![a-z_])", explained) for name in FIELDS), explained


def test_the_indicators_page_gives_its_years_before_the_columns_of_its_files() -> None:
    """The indicators' page opened with 1,500 characters on the CSV files' columns, in their English names, before
    the years a reader came for."""
    from build_tools.pages.comparison import index_page

    page = index_page([2024], {2024: 1}, {2024: []}).replace("\\", "")
    assert page.index("indicators/2024.md") < page.index("## 下载与各列说明") < page.index("catalogue.csv（")


def test_a_text_that_is_no_report_itself_says_so_in_its_front_matter(seed_reports: list[Report]) -> None:
    """1956's report on the budget (and four like it) said on its page what it was, inferred, and nothing of it in
    its Markdown."""
    identity = Identity(1956, place="全国", level="国家", genre="关于国家决算和预算的报告",
                        inferred=(("genre", "据“关于1955年国家决算和1956年国家预算的报告”推定"),))
    meta, _ = split_front_matter(report_markdown(replace(seed_reports[2], identity=identity)))
    assert meta["genre"] == "关于国家决算和预算的报告"
    assert meta["inferred"] == {"genre": "据“关于1955年国家决算和1956年国家预算的报告”推定"}
    meta, _ = split_front_matter(report_markdown(seed_reports[2]))
    assert "genre" not in meta


def test_the_export_of_a_merged_report_says_what_the_site_says_of_its_identity() -> None:
    """2006–2011's clean copies state no year (inferred from their reviews); their portal copies do: the site's page
    showed the year as stated, the export as inferred (据“一、2005年工作回顾”推定)."""
    from build_tools.engine.pipeline import process_bytes

    lines = "".join(f"第{n}方面，全年国内生产总值增长9.9%，城镇新增就业{n}百万人，财政收入继续增加。\n" for n in range(1, 40))
    body = "各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n一、2005年工作回顾\n" + lines
    dateline = "2006年国务院政府工作报告\n——2006年3月5日在第十届全国人民代表大会第四次会议上\n国务院总理 温家宝\n"
    more = "".join(f"第{n}项工作全面推进，各项改革取得新的进展，人民生活水平继续提高。\n" for n in range(1, 16))
    clean = process_bytes("national/2006.txt", (body + more).encode("utf-8"))[0]  # the fuller copy: published
    portal = process_bytes("national-raw-gbk/2006.txt", (dateline + body).encode("utf-8"))[0]
    ((report, others),) = published([clean, portal])
    assert report.source == "national/2006.txt" and others == (portal,)
    meta, _ = split_front_matter(report_markdown(report, others))
    assert meta["year"] == 2006 and "year" not in meta.get("inferred", {})
    site = gzip.decompress(merged_pages(clean, [portal], pieces=1).markdown).decode("utf-8")
    assert site == report_markdown(report, others)
