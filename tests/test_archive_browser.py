"""Browsing the archive as a reader does: a small archive of reports with identities, built for real, served
on 127.0.0.1 and driven in headless Chromium at desktop and phone width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import accessibility_problems, accessibility_problems_of_pages, chromium, serve
from tests.conftest import build_site

pytestmark = pytest.mark.browser
WIDTHS = {"desktop": 1280, "phone": 390}


def report(place: str, year: int, body: str) -> str:
    return (
        f"{year}年{place}政府工作报告\n"
        f"——{year}年1月10日在{place}第十八届人民代表大会第{year - 2020}次会议上\n"
        "各位代表：\n"
        f"现在，我代表市人民政府，向大会报告工作，请予审议。\n"
        f"一、{year - 1}年工作回顾\n"
        f"过去一年，{place}地区生产总值增长{year - 2018}.5%。{body}\n"
        f"二、{year}年工作安排\n"
        f"今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。{body}再次强调。\n"
    )


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("archive")
    seeds = base / "seeds"
    texts = {
        ("襄阳市", 2023): "汉江生态经济带建设取得新进展，建成湿地公园三处。",
        ("襄阳市", 2024): "新建城市书房十二座，改造背街小巷三十条，开通社区巴士五条线路。",
        ("宜昌市", 2024): "长江大保护十大标志性战役深入推进，化工企业关改搬转全部完成。",
    }
    for (place, year), body in texts.items():
        path = seeds / str(year) / f"{place}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report(place, year, body), encoding="utf-8")
    result = build_site(seeds, base / "site", "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "site"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
def test_a_place_in_a_year_is_three_clicks_from_the_home_page(archive_site: Path, width: int) -> None:
    with serve(archive_site) as base, chromium(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        page.get_by_role("link", name="湖北省（3）").click()  # 1: the province, from 按省份浏览
        page.wait_for_load_state("networkidle")
        page.locator("article").get_by_role("link", name="襄阳市", exact=True).click()  # 2: the place
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text().rstrip("¶") == "襄阳市"
        years = page.locator("article table").first.inner_text()
        assert years.index("2024年") < years.index("2023年")  # the place lists its years, newest first
        page.locator("article table").first.get_by_role("link", name="2024年襄阳市政府工作报告").click()  # 3: the report
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text().startswith("2024年襄阳市政府工作报告")
        crumbs = page.locator("nav.gr-breadcrumbs")
        assert crumbs.inner_text().split(" › ") == ["首页", "市", "湖北省", "襄阳市", "2024年"]
        crumbs.get_by_role("link", name="襄阳市").click()  # the breadcrumbs lead back
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text().rstrip("¶") == "襄阳市"
        page.locator("nav.gr-breadcrumbs").get_by_role("link", name="湖北省").click()  # to the province's own page
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text().rstrip("¶") == "湖北省"
        page.go_back()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(archive_site.parent / f"place-{width}.png"), full_page=True)


def test_no_page_carries_more_than_sixty_navigation_links(archive_site: Path) -> None:
    pages = ["", "levels/市/", "levels/市/湖北省/", "places/湖北省/襄阳市/", "years/2024/"]
    pages += [f"reports/{path.name}/" for path in sorted((archive_site / "reports").iterdir())]
    with serve(archive_site) as base, chromium() as context:
        page = context.new_page()
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
            # the navigation's links; the page's own table of contents, which Material repeats there for phones, aside
            links = page.evaluate(
                "[...document.querySelectorAll('nav.md-nav--primary a')]"
                ".filter(a => !a.closest('.md-nav--secondary')).length"
            )
            assert 0 < links <= 60, (path, links)


def test_every_dot_of_a_chart_shows_its_year_and_value_as_its_tooltip(archive_site: Path) -> None:
    with serve(archive_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "places/湖北省/襄阳市/", wait_until="networkidle")
        dots = page.evaluate(
            """[...document.querySelectorAll('svg.gr-chart circle')].map(c =>
                [c.parentNode.dataset.titles.split('|').indexOf(c.textContent), c.textContent])"""
        )
        assert len(dots) >= 2
        assert all(place >= 0 and "年：" in title for place, title in dots)
        assert len({title for _, title in dots}) == len(dots)  # each dot its own
        titles = [title for _, title in dots]
        assert any("2023年" in title for title in titles) and any("2024年" in title for title in titles)


@pytest.fixture(scope="module")
def three_years_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One place with three years: its page charts its targets beside its results."""
    base = tmp_path_factory.mktemp("three-years")
    for year in (2022, 2023, 2024):
        path = base / "seeds" / f"{year}-襄阳市.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report("襄阳市", year, "建成湿地公园三处。"), encoding="utf-8")
    result = build_site(base / "seeds", base / "site", "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "site"


def chart_labels(page: Any) -> list[list[Any]]:
    """Each text of each chart of ``page``: its text, height, and room left, right and above it in its chart."""
    return page.evaluate(
        """[...document.querySelectorAll('svg.gr-chart')].flatMap(chart => {
            const svg = chart.getBoundingClientRect();
            return [...chart.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
                return [t.textContent, r.height, r.left - svg.left, svg.right - r.right, r.top - svg.top]; }); })"""
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
def test_a_chart_s_labels_are_readable_and_inside_it(archive_site: Path, three_years_site: Path, width: int) -> None:
    """A chart drawn narrow (on a phone) is scaled down with its labels:
    they are drawn larger there, so that each reads at about 12 px (its box 13 px high or more), and inside
    the chart."""
    for site, path in ((archive_site, "phrases/"), (three_years_site, "places/湖北省/襄阳市/")):
        with serve(site) as base, chromium(viewport={"width": width, "height": 900}) as context:
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            if path == "phrases/":
                page.locator("article table a").first.click()
                page.wait_for_load_state("networkidle")
            labels = chart_labels(page)
            assert len(labels) >= 4, path
            for text, height, left, right, top in labels:
                assert height >= 13, (path, text, height)  # 11 px on a phone before (6 px before that)
                assert min(left, right, top) >= 0, (path, text, left, right, top)  # 2026 at the right was cut off


def test_a_phrase_s_and_a_year_s_tables_fit_a_phone(archive_site: Path) -> None:
    """A phrase's table of uses by year and level has five columns, which Material gives 5rem each: on a phone
    the last was off the screen, to be scrolled to sideways."""
    with serve(archive_site) as base, chromium(viewport={"width": 390, "height": 900}) as context:
        page = context.new_page()
        page.goto(base + "phrases/", wait_until="networkidle")
        page.locator("article table a").first.click()
        page.wait_for_load_state("networkidle")
        pages = [page.url, base + "years/2024/", base + "places/湖北省/"]
        for url in pages:
            page.goto(url, wait_until="networkidle")
            widths = page.evaluate(
                """[...document.querySelectorAll('article table')].map(table =>
                    [table.scrollWidth, table.closest('.md-typeset__scrollwrap, article').clientWidth])"""
            )
            assert widths and all(table <= box for table, box in widths), (url, widths)


@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_a_place_s_table_of_targets_and_results_shows_every_column_on_a_wide_screen(
    three_years_site: Path, width: int
) -> None:
    """Beside its chart, the table was cut after its third column (334 px of its 500) at every width; on a phone its
    notes ran past the screen's edge (each year is a card there)."""
    with serve(three_years_site) as base, chromium(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        page.goto(base + "places/湖北省/襄阳市/", wait_until="networkidle")
        boxes = page.evaluate(
            """[...document.querySelectorAll('.gr-series-table')].map(box =>
                [box.clientWidth, box.querySelector('table').scrollWidth])"""
        )
        assert boxes and all(table <= box for box, table in boxes), boxes


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
def test_axe_finds_nothing_serious_on_the_pages_a_reader_browses(archive_site: Path, width: int) -> None:
    """axe-core on every kind of page of the archive, and on the search dialog open with results and with its
    filters. It found the search dialog nameless on every page, links within a sentence told from their words by
    hue alone, and the count of results grey on grey at 4.4:1."""
    pages = ["", "levels/市/", "levels/市/湖北省/", "places/湖北省/", "places/湖北省/襄阳市/", "years/", "years/2024/"]
    pages += ["tags/", "phrases/", "glossary/", "indicators/"]
    for folder in ("reports", "audit", "compare"):
        pages += [f"{folder}/{path.name}/" for path in sorted((archive_site / folder).iterdir())]
    pages += [f"phrases/{path.name}/" for path in sorted((archive_site / "phrases").iterdir())[:3] if path.is_dir()]
    with serve(archive_site) as base, chromium(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        problems = accessibility_problems_of_pages(page, base, pages)
        page.goto(base, wait_until="networkidle")
        if width < 600:
            page.locator('label.md-header__button[for="__search"]').click()
        page.locator(".md-search__input").fill("襄阳")
        page.keyboard.press("End")
        page.locator(".md-search-result__item").first.wait_for()
        with_results = accessibility_problems(page)
        page.locator(".gr-search-filters__toggle").click()  # the filters by level, province, place and years
        page.locator(".gr-search-filters select").first.wait_for()
        with_filters = accessibility_problems(page)
    assert len(pages) > 15
    assert (problems, with_results, with_filters) == ({}, [], [])
