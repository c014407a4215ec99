from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from mkdocs.config.config_options import ExtraScriptValue

from build_tools.build.scripts import JOINED, split_scripts
from tests.conftest import ROOT, build_site

REQUEST_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}


class Requests(HTMLParser):
    """Every URL a page would fetch on load, and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in REQUEST_ATTRIBUTES and values.get(REQUEST_ATTRIBUTES[tag]):
            self.urls.append(values[REQUEST_ATTRIBUTES[tag]] or "")
        if values.get("id"):
            self.ids.append(values["id"] or "")


def parsed(page: Path) -> Requests:
    parser = Requests()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_report_and_its_audit_get_a_page(seed_site: Path) -> None:
    for index in range(1, 6):
        assert (seed_site / "reports" / f"000_f936ed40faecbb33-{index}" / "index.html").is_file()
        assert (seed_site / "audit" / f"000_f936ed40faecbb33-{index}" / "index.html").is_file()


def test_the_home_page_lists_the_reports_with_their_counts(seed_site: Path) -> None:
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="?reports/000_f936ed40faecbb33-', home)) >= 5
    assert "武陵源区政府工作报告篇四" in home
    assert "乡镇" in home  # the level of 篇四, which speaks for "**镇人民政府"


def test_heading_anchors_are_readable_unicode(seed_site: Path) -> None:
    ids = parsed(seed_site / "reports" / "000_f936ed40faecbb33-4" / "index.html").ids
    heading_ids = [i for i in ids if re.search(r"[\u4e00-\u9fff]", i)]
    assert any(i.startswith("一五年来的工作回顾") or "五年来的工作回顾" in i for i in heading_ids)
    assert not [i for i in ids if re.fullmatch(r"_\d+", i)]


def test_the_table_of_contents_holds_the_outline(seed_site: Path) -> None:
    page = (seed_site / "reports" / "000_f936ed40faecbb33-4" / "index.html").read_text(encoding="utf-8")
    toc = page[page.index('class="md-nav md-nav--secondary"') :]  # a value with a space keeps its quotes
    for heading in ("二、今后五年的工作思路和发展目标", "（二）确立建设重点", "加快依法治镇步伐"):
        assert heading in toc


def test_anomalies_are_marked_where_they_occur(seed_site: Path) -> None:
    page = (seed_site / "reports" / "000_f936ed40faecbb33-4" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<mark class="gr-anomaly gr-numbering" title=("[^"]+"|[^ >]+)>（二）</mark>', page)
    assert re.search(r'<mark class="gr-anomaly gr-redaction" title=("[^"]+"|[^ >]+)>\*\*</mark>', page)
    piece_two = (seed_site / "reports" / "000_f936ed40faecbb33-2" / "index.html").read_text(encoding="utf-8")
    assert "此处缺少内容" in piece_two and "第三" in piece_two


def test_no_page_fetches_anything_from_another_host(seed_site: Path) -> None:
    for page in seed_site.rglob("*.html"):
        external = [url for url in parsed(page).urls if re.match(r"(?:[a-z]+:)?//", url)]
        assert external == [], page
    assert "fonts.googleapis" not in "".join(p.read_text(encoding="utf-8") for p in seed_site.rglob("*.html"))


def test_every_page_loads_the_scripts_of_mkdocs_yml_as_one_file(seed_site: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nextra_javascript:\n", 1)[1]
    listed = re.findall(r"^  - (\S+\.js)$", config.split("\n\n", 1)[0], re.M)
    assert "javascripts/glossary.js" in listed and "javascripts/tablesort.js" in listed
    for page in seed_site.rglob("*.html"):
        own = [url.rsplit("/", 2)[-2:] for url in parsed(page).urls if "javascripts/" in url and "assets/" not in url]
        assert own == [["javascripts", "search-setup.js"], ["javascripts", "site.js"]], page
    joined = (seed_site / "javascripts" / "site.js").read_text(encoding="utf-8")
    starts = [joined.index(f"/* {path} */\n") for path in listed]
    assert starts == sorted(starts)
    for path, start in zip(listed, starts, strict=True):
        source = ROOT / "docs" / path
        if source.exists():  # glossary.js is made by the build
            assert joined.startswith(source.read_text(encoding="utf-8").rstrip(), start + len(f"/* {path} */\n"))
        assert not (seed_site / path).exists(), path  # each script is stored once, in the joined file


def test_a_script_that_cannot_be_joined_stays_a_script_of_its_own() -> None:
    module = ExtraScriptValue("javascripts/chart.mjs")
    module.type = "module"
    later = ExtraScriptValue("javascripts/late.js")
    later.defer = True
    listed = ["javascripts/a.js", "https://example.org/x.js", module, "javascripts/b.js", later, "/root.js"]
    joined, named = split_scripts(listed)
    assert joined == ["javascripts/a.js", "javascripts/b.js"]
    assert [str(script) for script in named] == [JOINED, "https://example.org/x.js", "javascripts/chart.mjs",
                                                 "javascripts/late.js", "/root.js"]
    assert named[2].type == "module" and named[3].defer
    assert split_scripts([module]) == ([], [module])  # nothing to join: no joined file named


def test_plain_mkdocs_build_strict_works(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("REPORTS_SEEDS_DIR", None)
    mkdocs = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "reports" / "000_f936ed40faecbb33-1" / "index.html").is_file()


def test_a_bad_file_is_named_and_the_other_reports_still_publish(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "000_f936ed40faecbb33.txt", seeds)
    (seeds / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = build_site(seeds, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "broken.txt: a PNG image, not plain text: not supported" in result.stderr
    assert (tmp_path / "site" / "reports" / "000_f936ed40faecbb33-5" / "index.html").is_file()
    assert "broken.txt" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    strict = build_site(seeds, tmp_path / "strict-site", "--strict")
    assert strict.returncode != 0
    assert "broken.txt" in strict.stderr


def test_the_build_log_names_a_file_whose_bytes_were_no_text(tmp_path: Path) -> None:
    """A stray byte is shown as � and said on the audit page, but the log, where a maintainer looks, said
    nothing; a strict build still publishes the report."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    data = (ROOT / "seeds" / "000_f936ed40faecbb33.txt").read_bytes()
    cut = data.index("。".encode()) + 3
    (seeds / "stray.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    result = build_site(seeds, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    assert "stray.txt: bytes that were no text, shown as �: 1 (see its audit page)" in result.stderr


def test_a_file_whose_processing_runs_past_the_time_limit_is_named_and_the_others_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose processing would not end (two patterns once read a line in time growing with its square)
    held the whole build: nothing printed, no site, no file named. Past the limit it is an error of its own."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seed.txt").write_bytes((ROOT / "seeds" / "000_f936ed40faecbb33.txt").read_bytes())
    slow = ("2024年宜昌市政府工作报告\n各位代表：\n" + "全市经济运行稳中向好，就业保持稳定。\n" * 20
            + "地区生产总值增长" + "1.1%" * 20_000 + "。\n")
    (seeds / "slow.txt").write_text(slow, encoding="utf-8")
    monkeypatch.setenv("REPORTS_MAX_FILE_SECONDS", "2")
    monkeypatch.setenv("REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    result = build_site(seeds, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING -  seeds/slow.txt: processing took longer than 2 s: not published" in result.stderr
    assert len(list((tmp_path / "site" / "reports").glob("seed-*/index.html"))) == 5
    assert "处理超时" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    from build_tools.engine.pipeline import is_cacheable
    from build_tools.model import InputError

    assert not is_cacheable(InputError("seeds/slow.txt", "processing took longer…", "too-slow"))  # a busy machine's


def test_a_file_damaged_before_it_came_is_named_in_the_log_and_stops_a_strict_build(tmp_path: Path) -> None:
    """A copy full of � or 锟斤拷 (what a lossy conversion leaves) published without a word in the log, where a file
    with nine unreadable bytes is refused and named; its text is still published, the damage marked."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = (ROOT / "seeds" / "000_f936ed40faecbb33.txt").read_text(encoding="utf-8")
    (seeds / "lossy.txt").write_text(text.replace("发展", "\ufffd\ufffd", 20), encoding="utf-8")
    (seeds / "kunjinkao.txt").write_text(text.replace("发展", "锟斤拷", 20), encoding="utf-8")
    (seeds / "one.txt").write_text(text.replace("发展", "\ufffd", 1), encoding="utf-8")
    result = build_site(seeds, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING -  seeds/lossy.txt: characters lost before the file came, written as � or 锟斤拷: 40" in result.stderr
    assert "WARNING -  seeds/kunjinkao.txt: characters lost before the file came, written as � or 锟斤拷: 20" in result.stderr
    assert "INFO    -  seeds/one.txt: characters lost before the file came, written as � or 锟斤拷: 1" in result.stderr
    assert len(list((tmp_path / "site" / "reports").glob("lossy*/index.html"))) == 5
    audit = (tmp_path / "site" / "audit" / "kunjinkao-1" / "index.html").read_text(encoding="utf-8")
    assert "该文件到来之前已有 20 个字符在转换编码时丢失" in audit
    strict = build_site(seeds, tmp_path / "strict-site", "--strict")
    assert strict.returncode != 0


def test_indicator_downloads_open_in_excel_and_carry_the_inspect_fields(seed_site: Path) -> None:
    import csv
    import json

    fields = {"subject", "value", "value_high", "unit", "base_value", "base_unit", "role", "qualifier", "kind", "line", "span"}
    rows = []
    for path in sorted((seed_site / "downloads" / "indicators").glob("*.csv.gz")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"\xef\xbb\xbf")
        rows += list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows and fields <= set(rows[0])
    inspected = subprocess.run(
        [sys.executable, "-m", "build_tools", "inspect", "seeds/000_f936ed40faecbb33.txt", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    assert len(rows) == sum(len(report["indicators"]) for report in json.loads(inspected.stdout)["reports"])
    catalogue = json.loads((seed_site / "downloads" / "catalogue.json").read_text(encoding="utf-8"))
    assert [entry["url"] for entry in catalogue["reports"]] == [f"reports/000_f936ed40faecbb33-{n}/" for n in range(1, 6)]
    # a row names its report; the catalogue's row of that name gives the title (stored there once)
    raw = (seed_site / "downloads" / "catalogue.csv").read_bytes().decode("utf-8-sig")
    titles = {entry["report"]: entry["title"] for entry in csv.DictReader(raw.splitlines())}
    assert "title" not in rows[0] and {row["report"] for row in rows} <= set(titles)
    assert all(titles[row["report"]] for row in rows)


def test_indicator_rows_link_to_the_figure_in_the_text(seed_site: Path) -> None:
    page = (seed_site / "reports" / "000_f936ed40faecbb33-1" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="?#(fig-\d+-\d+)', page))
    targets = set(re.findall(r'<mark id="?(fig-\d+-\d+)"?>', page))
    assert links and links <= targets
    assert re.search(r'<mark id="?fig-\d+-\d+"?>达到9\.43亿元</mark>', page)
    # what a figure was read as is stated once, in its row; the table says how a row reads as a tooltip
    templates = re.findall(r'<table data-figure-title=("[^"]+"|[^ >]+)>', page)
    assert templates and all(t.strip('"').startswith("{0}：{figure:1,2,3}（{5}，") for t in templates)
    assert not re.search(r'<mark id="?fig-[\d-]+"?[^>]* title=', page)


def test_cross_report_page_glossary_and_tags_are_built(seed_site: Path) -> None:
    comparison = (seed_site / "indicators" / "index.html").read_text(encoding="utf-8")
    assert "downloads/indicators/" in comparison and "downloads/catalogue.csv" in comparison
    # one page per year, each listing only the reports of its year
    years = re.findall(r'<a href="?((?:\d{4})|unknown)/"?>', comparison)
    catalogue = json.loads((seed_site / "downloads" / "catalogue.json").read_text(encoding="utf-8"))["reports"]
    year_of = {entry["report"]: str(entry["year"] or "unknown") for entry in catalogue}
    assert sorted(years) == sorted(set(year_of.values()))  # every year of the archive has its page
    pages = {year: (seed_site / "indicators" / year / "index.html").read_text(encoding="utf-8") for year in years}
    assert all("gr-sortable" in page for page in pages.values())
    assert any("地区生产总值" in page for page in pages.values())
    for year, page in pages.items():
        listed = {unquote(slug) for slug in re.findall(r'href="?../../reports/([^/"#]+)/[" >]', page)}
        assert {year_of[slug] for slug in listed} <= {year}
    assert any(re.search(r'href="?../../reports/[^/"#]+/[" >]', page) for page in pages.values())
    glossary = (seed_site / "glossary" / "index.html").read_text(encoding="utf-8")
    # each term links its phrase page with the number of reports using it, the number that page gives,
    # and lists no report itself: the page does not grow with the archive
    used = re.search(
        r'<td>新农合<span class="?gr-pinyin"?>xīn nóng hé</span>(?:</td>)?\s*<td>[^<]+(?:</td>)?\s*<td><a href="?../phrases/([^" >]+)/"?>(\d+) 篇</a>',
        glossary,
    )
    assert used and unquote(used.group(1)) == "新农合" and int(used.group(2)) > 0
    phrase = (seed_site / "phrases" / "新农合" / "index.html").read_text(encoding="utf-8")
    assert f"本站共有 {used.group(2)} 篇报告使用这一提法" in phrase
    assert "reports/" not in glossary.split('<article', 1)[1]
    # tags are topics shared by reports: each chip and the tags page lead to the list on the topic's page
    tags = (seed_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="?../phrases/([^"/]+)/#tagged"?>新农合</a>', tags) and ">猕猴桃</a>" not in tags
    report = (seed_site / "reports" / "000_f936ed40faecbb33-1" / "index.html").read_text(encoding="utf-8")
    assert '<a class=md-tag href=../../phrases/新农合/#tagged>新农合</a>' in report
    # the chips stand under the report's title: above its breadcrumbs and title they took a phone's first lines
    assert report.index("</h1>") < report.index("<nav class=md-tags") < report.index("gr-keywords")
    tagged = re.split(r'id="?tagged"?', phrase, maxsplit=1)[1]
    assert "href=../../reports/000_f936ed40faecbb33-1/" in tagged
    assert re.search(r'<p class="?gr-keywords"?>本篇特色词：[^<]*猕猴桃', report)  # its own words, under the title
    # each term is marked once, by its text or, where the text gives another form, by name; the page does
    # not carry the definitions, which every page loads once (javascripts/glossary.js)
    terms = re.findall(r'<mark class="?gr-term"?(?: data-term=(?:"([^"]+)"|([^ >]+)))?>([^<]+)<', report)
    marked = [quoted or bare or text for quoted, bare, text in terms]
    assert marked and len(marked) == len(set(marked)) == len(re.findall(r'class="?gr-term\b', report))
    assert not re.search(r'class="?gr-term"? title=', report)
    scripts = (seed_site / "javascripts" / "site.js").read_text(encoding="utf-8")  # mkdocs.yml's, joined
    definitions = scripts.split("/* javascripts/glossary.js */\n", 1)[1].split("\n;\n", 1)[0]
    known = json.loads(definitions.removeprefix("window.grGlossary = ").removesuffix(";"))
    assert set(marked) <= set(known) and "新农合" in known


def test_a_reports_audit_is_a_page_without_sidebars_that_links_back_to_its_report(seed_site: Path) -> None:
    slug = "000_f936ed40faecbb33-1"
    audit = (seed_site / "audit" / slug / "index.html").read_text(encoding="utf-8")
    report = (seed_site / "reports" / slug / "index.html").read_text(encoding="utf-8")
    assert "md-sidebar--primary" in report and "md-sidebar--secondary" in report
    assert "md-sidebar" not in audit  # theme/detail.html: its navigation would outweigh its content
    assert f"<p>报告：<a href=../../reports/{slug}/>" in audit
    assert "Permanent link" not in report and "title=本节链接" in report  # every label in Chinese


EMPTY_ROW = re.compile(r"<tr>(?:\s*<td>\s*(?:</td>)?)+\s*(?:</tr>\s*)?(?=</tbody>|</table>|<tr>)")


def test_no_page_shows_a_table_without_rows(tmp_path: Path) -> None:
    """A report that cleaning did not change (its audit has no rows) and a year whose one report states
    no headline indicator (its indicator page has none) beside the seeds: every page of the site that
    shows a table shows rows in it."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "2010.txt").write_text("各位代表：\n国内生产总值增长8.5%。\n", encoding="utf-8")
    (seeds / "1954.txt").write_text("各位代表：\n我们要继续努力，把各项工作做好。\n", encoding="utf-8")
    result = build_site(seeds, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    pages = {path: path.read_text(encoding="utf-8") for path in (tmp_path / "site").rglob("*.html")}
    assert any("2010" in str(path) and "audit" in str(path) for path in pages)
    assert (tmp_path / "site" / "indicators" / "1954" / "index.html").is_file()
    empty = [str(path.relative_to(tmp_path / "site")) for path, html in pages.items() if EMPTY_ROW.search(html)]
    assert empty == []


def test_the_page_for_a_missing_address_speaks_chinese_and_leads_home(seed_site: Path) -> None:
    page = (seed_site / "404.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert "找不到这个页面" in article and "Not found" not in article
    assert re.search(r'<a href="?[^ >"]*"?>首页</a>', article)


def test_a_phrase_s_and_a_tag_s_reports_are_a_list_that_reads_as_one_line(seed_site: Path) -> None:
    """A phrase page's reports were a paragraph of links joined by 、, which a screen reader reads as one run of
    text with no count: they are a list's items, set side by side by the stylesheet."""
    page = (seed_site / "phrases" / "煤炭" / "index.html").read_text(encoding="utf-8")
    listed = page.split("id=使用这一提法的报告>")[1].split("</h2>", 1)[1].split("<h2", 1)[0]
    assert "<div class=gr-inline-list><ul><li><a href=../../reports/" in listed
    tags = (seed_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert tags.count("<div class=gr-inline-list><ul><li>") == tags.count("<h3 id=tag-") >= 4
    styles = (seed_site / "stylesheets" / "reports.css").read_text(encoding="utf-8")
    assert ".gr-inline-list li:not(:last-child)::after" in styles
