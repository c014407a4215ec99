"""The search panel in headless Chromium, on a site of synthetic reports whose front matter gives their
identity (year, place, level, province), as report pages carry it.

The site is built with the project's mkdocs.yml and hook from a folder of Markdown pages, with volumes of
eight pages, so that a query reads the directory and several volumes: a simplified query finds a paragraph
in traditional characters, a phrase found in every report lists all of them once the reader has scrolled,
the filters narrow the results, a query that names a place and a year puts that report first, and no
request leaves 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.benchmarks.bench_search import Answer, SearchBox
from tests.browser import chromium, serve

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CITIES = [("襄阳市", "湖北省"), ("宜昌市", "湖北省"), ("洛阳市", "河南省")]
CODES = {"襄阳市": "420600", "宜昌市": "420500", "洛阳市": "410300", "湖北省": "420000", "河南省": "410000",
         "云南省": "530000"}
YEARS = range(2015, 2025)
BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from build_tools.search import parse
parse.settings()["volume_pages"] = 8
if len(sys.argv) > 4:
    parse.settings()["ranking"] = {**parse.settings()["ranking"], "first_volumes": int(sys.argv[4])}
build(load_config(sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3]))
"""


def report(title: str, year: int, place: str, level: str, province: str, body: str) -> str:
    code = f"code: '{CODES[place]}'\n" if place in CODES else ""
    front = f"---\ntitle: {title}\nyear: {year}\nplace: {place}\nlevel: {level}\nprovince: {province}\n{code}---\n\n"
    return front + f"# {title}\n\n## 一、{year - 1}年工作回顾\n\n{body}\n\n## 二、{year}年工作安排\n\n稳中求进。\n"


def synthetic_reports(folder: Path) -> int:
    """Writes the reports' pages into ``folder``; returns how many hold 粮食产量."""
    pages = {}
    for place, province in CITIES:
        for year in YEARS:
            body = f"{year - 1}年，{place}粮食产量稳定增长，{place[:2]}经济运行稳中向好。"
            pages[f"{place}-{year}"] = report(f"{year}年{place}政府工作报告", year, place, "市", province, body)
    for province, year in (("湖北省", 2022), ("湖北省", 2023), ("湖北省", 2024), ("河南省", 2024)):
        body = f"全省粮食产量再创新高，支持襄阳、宜昌建设省域副中心城市。{year}年目标明确。储备{year - 1000}.5亿斤。"
        pages[f"{province}-{year}"] = report(f"{year}年{province}政府工作报告", year, province, "省", province, body)
    # a province whose page's name is the lowest and whose code is the highest (the filters' order)
    pages["云南省-2024"] = report("2024年云南省政府工作报告", 2024, "云南省", "省", "云南省", "全省经济运行稳中向好。")
    old = "我國偉大的人民革命的根本目的，是在於解放我國的生産力。糧食產量逐年增加。"
    pages["全国-1954"] = report("1954年政府工作报告", 1954, "全国", "国家", "全国", old)
    reports = folder / "reports"
    reports.mkdir(parents=True)
    for name, text in pages.items():
        (reports / f"{name}.md").write_text(text, encoding="utf-8")
    return sum(1 for text in pages.values() if "粮食产量" in text or "糧食產量" in text)


def synthetic_site(work: Path, other_pages: dict[str, str], first_volumes: int | None = None) -> Path:
    """The site of ``synthetic_reports`` and ``other_pages`` (path → Markdown) built in ``work``; with
    ``first_volumes``, its first screen of results ranks the reports of that many volumes."""
    docs, seeds, site = work / "docs", work / "seeds", work / "site"
    shutil.copytree(ROOT / "docs", docs)
    seeds.mkdir()
    synthetic_reports(docs)
    for name, text in other_pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "REPORTS_SEEDS_DIR": str(seeds), "REPORTS_CACHE": "off", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", BUILD, str(ROOT / "mkdocs.yml"), str(docs), str(site)]
    command += [str(first_volumes)] if first_volumes is not None else []
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def identity_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_site(tmp_path_factory.mktemp("identity-site"), {})


def scroll_to_end(page: object) -> None:
    """Scrolls the result list until the panel has nothing more to show."""
    for _ in range(20):
        count = page.locator("li.md-search-result__item").count()
        page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(300)
        if page.locator("li.md-search-result__item").count() == count:
            return


def test_the_site_has_volumes_places_and_a_directory(identity_site: Path) -> None:
    import json

    from build_tools.search import read_index_text

    manifest = json.loads(read_index_text(identity_site / "search", "manifest.json"))
    assert len(manifest["volumes"]) >= 4 and manifest["directory_shards"] >= 1
    places = json.loads(read_index_text(identity_site / "search", "places.json"))["places"]
    assert manifest["places"] == len(places) == 7 and ["襄阳市", "市", "湖北省", "420600"] in places


def test_a_simplified_query_finds_a_paragraph_in_traditional_characters(identity_site: Path) -> None:
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        for query in ("我国伟大的人民革命", "我國偉大的人民革命", "粮食产量逐年增加"):
            answer = box.search(query)
            assert [hit.path for hit in answer.hits] == ["reports/全国-1954/"], query
        marks = page.locator("li.md-search-result__item mark").all_inner_texts()
        assert "糧食產量逐年增加" in marks  # shown as the source wrote it


def test_a_figure_is_found_through_the_directorys_keys_of_its_number_and_unit(identity_site: Path) -> None:
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        assert [hit.path for hit in box.search("1023.5亿斤").hits] == ["reports/湖北省-2023/"]
        assert sorted(hit.path for hit in box.search("1024.5亿斤").hits) == ["reports/河南省-2024/", "reports/湖北省-2024/"]
        assert box.search("1023.5万斤").hits == ()
        # a number is found where a number starts: 5%左右 found 25%左右 and 4.5%左右 first
        assert box.search("24.5亿斤").hits == box.search("4.5亿斤").hits == ()
        # words and a figure that the text does not write together are looked for apart when together they are
        # nowhere (赤字率3% found nothing where the text says 赤字率拟按3%安排)
        apart = box.search("全省粮食产量1023.5亿斤")
        assert [hit.path for hit in apart.hits] == ["reports/湖北省-2023/"]
        # and the panel says so: 赤字率3% gave 9 results as if the text said it
        assert apart.count_text.startswith("未找到与“全省粮食产量1023.5亿斤”原样相同的文字，以下是分开查找的结果："), apart.count_text
        assert not box.search("1023.5亿斤").count_text.startswith("未找到")


def test_a_title_typed_with_its_year_finds_that_year_s_reports(identity_site: Path) -> None:
    """2024年政府工作报告 and 湖北省2024年政府工作报告 found nothing: no text holds the title with its year. The reports
    found are that year's, first; a page about terms whose definitions say 2024年 may follow them."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        found = [hit.path for hit in box.search("2024年政府工作报告").hits]
        reports = [path for path in found if path.startswith("reports/")]
        assert reports and all(path.endswith("-2024/") for path in reports) and found[: len(reports)] == reports
        assert box.search("湖北省2024年政府工作报告").hits[0].path == "reports/湖北省-2024/"


def test_a_province_s_name_finds_its_cities_reports_after_its_own(identity_site: Path) -> None:
    """2024年湖北省 found 4 of 10 of Hubei's cities' 2024 reports (those whose text writes 湖北省), 湖北 2024 all."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        found = [hit.path for hit in SearchBox(page).search("2024年湖北省").hits]
        assert found[0] == "reports/湖北省-2024/"
        assert sorted(found[1:]) == ["reports/宜昌市-2024/", "reports/襄阳市-2024/"]


def test_a_phrase_in_every_report_lists_all_of_them_after_scrolling(identity_site: Path) -> None:
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        answer = SearchBox(page).search("粮食产量")
        assert len(answer.hits) == 10
        scroll_to_end(page)
        items = page.locator("li.md-search-result__item h1").all_inner_texts()
        reports = [title for title in items if title.endswith("政府工作报告")]
        assert len(reports) == len(set(reports)) == 35  # 34 reports in simplified, 1954 in traditional
        assert page.locator(".md-search-result__meta").inner_text() == f"{len(items)} 个符合条件的结果"
        assert "2024年襄阳市政府工作报告" in items and "1954年政府工作报告" in items


def test_a_query_typed_over_a_scrolled_one_lists_each_result_once(identity_site: Path) -> None:
    """Typed over a query whose results had been scrolled to their end, 钢产量 listed four reports twice and left
    out four others: the paragraphs of its first screen replaced the last entries of the list, which by then
    were the next screen's. Each result's paragraphs go to its own entry."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        box.search("宜昌")
        scroll_to_end(page)
        # the paragraphs of a first screen come after the next screen's titles when their text is slow to come
        page.route("**/search/c/**", lambda route: (time.sleep(0.8), route.continue_()))
        box.input.press("Control+a")
        page.keyboard.insert_text("经济运行")
        page.wait_for_timeout(4000)
        scroll_to_end(page)
        page.wait_for_timeout(3000)
        assert page.locator(".gr-search-pending").count() == 0  # every entry given its paragraphs
        links = page.locator("li.md-search-result__item").evaluate_all("items => items.map(i => i.querySelector('a').href)")
        meta = page.locator(".md-search-result__meta").inner_text()
        assert len(links) == len(set(links)) and meta == f"{len(links)} 个符合条件的结果", (meta, len(links), len(set(links)))


def test_filters_narrow_the_results(identity_site: Path) -> None:
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        box.search("粮食产量")
        meta = page.locator(".md-search-result__meta")
        page.click(".gr-search-filters__toggle")
        page.wait_for_function("() => document.querySelector('.gr-search-filters select[name=level]').length > 1")
        page.select_option(".gr-search-filters select[name=level]", "省")
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.startsWith('4 ')")
        titles = page.locator("li.md-search-result__item h1").all_inner_texts()
        assert sorted(titles)[0] == "2022年湖北省政府工作报告" and len(titles) == 4
        page.select_option(".gr-search-filters select[name=level]", "市")
        page.select_option(".gr-search-filters select[name=place]", "襄阳市")
        page.fill(".gr-search-filters input[name=from]", "2020")
        page.locator(".gr-search-filters input[name=from]").dispatch_event("change")
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.startsWith('5 ')")
        titles = page.locator("li.md-search-result__item h1").all_inner_texts()
        assert sorted(titles) == [f"{year}年襄阳市政府工作报告" for year in range(2020, 2025)]
        assert meta.inner_text() == "5 个符合条件的结果"


def test_the_filters_list_places_in_the_order_of_their_codes(identity_site: Path) -> None:
    """The filters listed the provinces in the order of the pages (the corpus site's 云南 first), where the
    browsing pages give the order of official lists: 全国, then by administrative code."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        SearchBox(page).search("粮食产量")
        page.click(".gr-search-filters__toggle")
        page.wait_for_function("() => document.querySelector('.gr-search-filters select[name=level]').length > 1")
        options = page.locator(".gr-search-filters select[name=province] option").all_inner_texts()
        assert options[1:] == ["全国", "河南省", "湖北省", "云南省"]  # 云南 (53) was first, its page's name lowest
        page.select_option(".gr-search-filters select[name=province]", "湖北省")
        places = page.locator(".gr-search-filters select[name=place] option").all_inner_texts()
        assert places[1:] == ["湖北省", "宜昌市", "襄阳市"]


def test_a_query_that_names_a_place_and_a_year_puts_that_report_first(identity_site: Path) -> None:
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        assert box.search("襄阳 2024").hits[0].path == "reports/襄阳市-2024/"
        assert box.search("宜昌 2019 粮食产量").hits[0].path == "reports/宜昌市-2019/"
        # typed without a space, as readers do: 襄阳2024 found nothing
        for query in ("襄阳2024", "2024襄阳", "襄阳市2024年", "2024年襄阳市"):
            assert box.search(query).hits[:1] and box.search(query).hits[0].path == "reports/襄阳市-2024/", query
        # a place typed against its words, found nowhere as typed, is looked for as the place and the words
        # (深圳研发投入 found nothing, 深圳 研发投入 深圳's report first)
        for query in ("宜昌粮食产量", "宜昌市粮食产量"):
            glued = box.search(query)
            assert glued.hits and glued.hits[0].path.startswith("reports/宜昌市-"), (query, glued)


def test_a_year_typed_before_words_that_name_no_place_is_part_of_one_term(identity_site: Path) -> None:
    """2023年工作回顾 was searched as the year 2023 and the words 工作回顾 (taken for a place, as 襄阳 in 2024年襄阳 is):
    2023's reports came first, which hold 2022年工作回顾 and not the words typed."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        hits = box.search("2023年工作回顾").hits
        assert hits and all(hit.path.endswith("-2024/") for hit in hits), [hit.path for hit in hits]
        # words after a year that no text writes so are still looked for in that year's reports (2024年乡村振兴
        # found nothing, once the words after a year were no longer taken for a place)
        apart = box.search("2024年粮食产量")
        assert apart.hits and apart.hits[0].path.endswith("-2024/") and apart.count_text.startswith("未找到"), apart
        # a heading found is its section's title, not said again below it as the paragraph found
        snippets = page.locator(".md-search-result__article p").all_inner_texts()
        assert not [text for text in snippets if "2023年工作回顾" in text], snippets


def test_the_first_screen_ranks_the_reports_of_as_many_volumes_whatever_other_pages_hold(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The first screen read three volumes, those of pages without a place (the home page; on the corpus site
    phrases and comparisons) among them: 乡村振兴's first ten were ranked among one volume's reports (the
    national and provincial ones), a city's report that says it most the 34th."""
    import json

    from build_tools.search import read_index_text

    phrases = {f"phrases/粮食产量{n}.md": f"# 提法：粮食产量{n}\n\n粮食产量{n}的用法。\n" for n in range(30)}
    site = synthetic_site(tmp_path_factory.mktemp("phrases-site"), phrases)
    manifest = json.loads(read_index_text(site / "search", "manifest.json"))
    volumes = manifest["volumes"]
    of_reports = {number for number, volume in enumerate(volumes) if volume[3] >= 0}
    assert len(volumes) - len(of_reports) >= 2  # the phrase pages' volumes have no place
    read: set[int] = set()
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        page.on("request", lambda request: read.update(
            int(found) for found in re.findall(r"/search/v(\d+)/pages\.json", request.url)))
        assert SearchBox(page).search("粮食产量").hits
    assert len(read & of_reports) == min(manifest["ranking"]["first_volumes"], len(of_reports)), sorted(read)


def test_the_first_screen_reads_first_the_volumes_whose_pages_hold_the_query_most(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Volumes were read in the archive's order, so the first screen ranked the reports of the first few only:
    on the corpus site 长沙, which says 生态环境 most, came 122nd of 135, its volume the last. A report of the
    last volume that says 粮食产量 in four paragraphs comes first on a first screen that reads one volume."""
    import json

    from build_tools.search import read_index_text

    body = "\n\n".join(f"第{n}季度粮食产量稳定。" for n in "一二三四")
    strong = report("2024年某区政府工作报告", 2024, "某区", "区县", "湖北省", body)
    site = synthetic_site(tmp_path_factory.mktemp("strong-site"), {"reports/某区-2024.md": strong}, first_volumes=1)
    volumes = json.loads(read_index_text(site / "search", "manifest.json"))["volumes"]
    of_reports = [number for number, volume in enumerate(volumes) if volume[3] >= 0]
    pages = json.loads(read_index_text(site / "search", f"v{of_reports[-1]}/pages.json"))["pages"]
    assert len(of_reports) > 2 and "reports/某区-2024/" in [unquote(page[0]) for page in pages]  # the last volume
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        answer = SearchBox(page).search("粮食产量")
        assert answer.hits and answer.hits[0].path == "reports/某区-2024/", [hit.path for hit in answer.hits]


def searched(folder: Path, pages: dict[str, str], query: str) -> tuple[Answer, list[str]]:
    """The answer to ``query`` on a site of the synthetic reports and ``pages`` built in ``folder``, and the words
    its results mark."""
    site = synthetic_site(folder, pages)
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        answer = SearchBox(page).search(query)
        return answer, page.locator("li.md-search-result__item mark").all_inner_texts()


def test_words_found_apart_rank_first_where_one_paragraph_holds_them_all(tmp_path_factory: pytest.TempPathFactory) -> None:
    """赤字率3%, found nowhere as typed, was looked for as 赤字率 and 3%: 2017's 赤字率拟按3%安排 came fourth, below
    reports that say 赤字率 in one paragraph and 3% in another."""
    apart = "## 一\n\n赤字率保持稳定，赤字率合理。\n\n## 二\n\n物价涨幅3%左右，增长3%。\n"
    pages = {"notes/apart-1.md": "# 甲\n\n" + apart, "notes/apart-2.md": "# 乙\n\n" + apart,
             "notes/together.md": "# 丙\n\n今年赤字率拟按3%安排。\n\n" + "其他各项照旧。\n\n" * 12}
    answer, _ = searched(tmp_path_factory.mktemp("apart-site"), pages, "赤字率3%")
    assert [hit.path for hit in answer.hits][:1] == ["notes/together/"], answer.hits


def test_words_found_apart_show_first_the_paragraph_that_holds_them_all(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Of a page found for 赤字率3%, its first paragraph shown was the first to hold one of the words, not the
    one that says 赤字率拟按3%安排."""
    pages = {"notes/later.md": "# 戊\n\n## 一\n\n赤字率保持稳定。\n\n## 二\n\n今年赤字率拟按3%安排。\n"}
    answer, _ = searched(tmp_path_factory.mktemp("apart-order-site"), pages, "赤字率3%")
    assert [(hit.path, hit.sections[:1]) for hit in answer.hits] == [("notes/later/", ("二",))], answer.hits


def test_a_figure_is_marked_only_where_a_number_starts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """3% is found where a number starts, but its snippet marked it inside 2.3% and 13% as well."""
    pages = {"notes/figures.md": "# 丁\n\n工业增长2.3%，投资增长3%，消费增长13%。\n"}
    answer, marks = searched(tmp_path_factory.mktemp("figure-site"), pages, "3%")
    assert [hit.path for hit in answer.hits] == ["notes/figures/"]
    assert marks == ["3%"], marks


def test_search_requests_nothing_from_another_host(identity_site: Path) -> None:
    hosts: set[str] = set()
    with serve(identity_site) as base, chromium() as context:
        context.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        box.search("我国伟大")
        box.search("粮食产量")
        scroll_to_end(page)
        page.click(".gr-search-filters__toggle")
        page.wait_for_function("() => document.querySelector('.gr-search-filters select[name=level]').length > 1")
        page.select_option(".gr-search-filters select[name=level]", "省")
        page.wait_for_timeout(500)
    assert hosts == {urlparse(base).netloc}


def test_a_query_committed_without_a_key_press_is_searched(identity_site: Path) -> None:
    """Text pasted from a phone's menu, or committed by an input method without a key event, gave 键入以开始搜索
    and no results, and a query so replaced kept the old results: Material reads the box on keyup."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        box.input.click()
        page.keyboard.insert_text("粮食产量逐年增加")  # no key event at all
        page.wait_for_function("() => document.querySelector('li.md-search-result__item')", timeout=60_000)
        assert "reports/全国-1954/" in [hit.path for hit in box.hits()]


def test_a_query_with_a_year_shows_the_paragraphs_of_its_other_words(identity_site: Path) -> None:
    """低空经济 2026 showed each 2026 report's title line, which holds 2026, and opened the page at its title:
    the page's year answers 2026 already."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        hits = {hit.path: hit.sections for hit in SearchBox(page).search("经济运行 2024").hits}
        assert hits["reports/云南省-2024/"][:1] == ("一、2023年工作回顾",)


def test_a_result_found_by_its_title_does_not_repeat_the_title_below_it(identity_site: Path) -> None:
    """市政府工作报告 found each city's report by its title, and showed under it, as its one paragraph, that title again."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        hits = SearchBox(page).search("市政府工作报告").hits
        assert len(hits) >= 4
        assert all(not any("政府工作报告" in section for section in hit.sections) for hit in hits), hits


def test_the_filters_are_reached_from_the_keyboard(identity_site: Path) -> None:
    """Tab in the search box closed the dialog (Material's handling), so the filters (筛选) had no way in but a mouse;
    Tab now moves on within the dialog, and the dialog closes when the focus leaves it."""
    with serve(identity_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        SearchBox(page).search("粮食产量")
        toggle = page.locator(".gr-search-filters__toggle")
        for _ in range(4):  # the results' box, then the filters' button
            page.keyboard.press("Tab")
            assert page.locator("#__search").is_checked()
            if toggle.evaluate("button => document.activeElement === button"):
                break
        assert toggle.evaluate("button => document.activeElement === button")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.gr-search-filters select[name=level]').length > 1")
        assert page.locator(".gr-search-filters select[name=level]").is_visible()


def test_pages_of_phrases_found_by_their_titles_do_not_crowd_out_the_reports(seed_site: Path) -> None:
    """农业 gave seven pages 提法：…农业… (each found by its title alone, a page of one short block) among the
    first ten results of the corpus site, above the reports that use the word most; a phrase's own page still
    comes first for the phrase."""
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        paths = [hit.path for hit in box.search("农业").hits]
        reports = [n for n, path in enumerate(paths) if path.startswith("reports/")]
        phrases = [n for n, path in enumerate(paths) if path.startswith("phrases/")]
        assert len(reports) >= 3 and phrases and max(reports) < min(phrases), paths
        # but a phrase's own page, named by the query, is among the first (提法：乡村振兴 fell from 5th to 58th)
        assert [hit.path for hit in box.search("现代农业").hits][:1] == ["phrases/现代农业/"]


def test_a_heading_is_not_shown_alone_above_a_paragraph_shown_under_it(seed_site: Path) -> None:
    """政府 showed the home page's heading 政府工作报告注释版 as a result of its own, then again above the paragraph
    under it that holds the word: one heading, said twice in a row."""
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        SearchBox(page).search("政府")
        shown = page.evaluate(
            """() => [...document.querySelectorAll("li.md-search-result__item")].map(item =>
                [...item.querySelectorAll("a + a article")].map(article =>
                    [article.querySelector("h2")?.textContent ?? "", article.querySelector("p") !== null]))"""
        )
        assert sum(len(sections) for sections in shown) >= 3
        for sections in shown:
            under = {heading for heading, has_text in sections if has_text}
            assert not [heading for heading, has_text in sections if not has_text and heading in under], sections
