"""What a reader sees: the seed site served on 127.0.0.1 and opened in headless Chromium."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.browser import accessibility_problems_of_pages, chromium, serve

pytestmark = pytest.mark.browser
REPORT = "reports/000_f936ed40faecbb33-4/"
ROOT = Path(__file__).resolve().parent.parent


def test_pages_request_nothing_from_another_host(seed_site: Path) -> None:
    hosts: set[str] = set()
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
        for path in ("", REPORT, "audit/000_f936ed40faecbb33-4/"):
            page.goto(base + path, wait_until="networkidle")
    assert hosts == {urlparse(base).netloc}


def test_a_report_shows_its_outline_and_marks_in_the_page(seed_site: Path) -> None:
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + REPORT, wait_until="networkidle")
        toc = page.locator("nav.md-nav--secondary").last.inner_text()
        assert "一、五年来的工作回顾" in toc and "（四）、着眼社会和谐" in toc
        numbering = page.locator("mark.gr-numbering").first
        assert numbering.inner_text() == "（二）"
        assert "重复" in (numbering.get_attribute("title") or "")
        numbering.hover()
        page.wait_for_timeout(300)
        assert page.locator(".md-tooltip--active, .md-tooltip2--active, [role=tooltip]").count() >= 1


def test_a_figure_shows_its_reading_from_the_table_as_its_tooltip(seed_site: Path) -> None:
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
        figure = page.locator('mark[id^="fig-"]', has_text="达到9.43亿元").first
        assert figure.get_attribute("title") == "国民生产总值：9.43亿元（总量，目标）"
        titled = page.evaluate("""[...document.querySelectorAll('mark[id^="fig-"]')].filter(m => m.title).length""")
        assert titled == page.locator("table[data-figure-title] a[href^='#fig-']").count() > 0


def test_a_figure_s_tooltip_puts_its_qualifier_where_the_report_writes_it(seed_site: Path) -> None:
    """突破100亿元 reads 突破100亿元 and 1万余亩 1万余亩, not 100亿元突破 and 1万亩余."""
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-3/", wait_until="networkidle")
        before = page.locator('mark[id^="fig-"]', has_text="突破100亿元").first.get_attribute("title") or ""
        assert before.startswith("生产总值：突破100亿元（")
        page.goto(base + "reports/000_f936ed40faecbb33-4/", wait_until="networkidle")
        inside = page.locator('mark[id^="fig-"]', has_text="1万余亩").first.get_attribute("title") or ""
        assert inside.startswith("退耕还林面积：1万余亩（")


def test_a_glossary_term_shows_its_definition_from_the_glossary_as_its_tooltip(seed_site: Path) -> None:
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
        terms = page.locator("mark.gr-term")
        assert terms.count() > 0
        titles = [terms.nth(n).get_attribute("title") or "" for n in range(terms.count())]
        named = [terms.nth(n).get_attribute("data-term") or terms.nth(n).inner_text() for n in range(terms.count())]
        assert all(re.match(rf"{term}（[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+）：.", title) for term, title in zip(named, titles, strict=True))
        assert titles[named.index("新农合")].startswith("新农合（xīn nóng hé）：新型农村合作医疗制度的简称")
        terms.first.hover()
        page.wait_for_timeout(300)
        assert page.locator(".md-tooltip--active, .md-tooltip2--active, [role=tooltip]").count() >= 1


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_tag_under_the_title_leads_to_the_reports_tagged_with_it(seed_site: Path, width: int) -> None:
    with serve(seed_site) as base, chromium(viewport={"width": width, "height": 844}) as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
        title = page.locator("h1").first.inner_text().rstrip("¶")
        page.locator("nav.md-tags").get_by_role("link", name="新农合", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("#tagged")
        section = page.locator("#tagged")
        assert section.is_visible() and "新农合" in section.inner_text()
        assert page.locator("#tagged + p + .gr-inline-list li").get_by_role("link", name=title, exact=True).count() == 1
        page.goto(base + "tags/", wait_until="networkidle")  # the tags page leads there too
        page.locator("article table").get_by_role("link", name="新农合", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("#tagged") and page.locator("#tagged").is_visible()


def test_a_click_on_the_indicators_download_saves_the_plain_csv(seed_site: Path) -> None:
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
        page.locator("details.gr-indicators summary").first.click()
        link = page.locator('details.gr-indicators a[href$=".csv.gz"]').first
        stored = seed_site / "reports" / "000_f936ed40faecbb33-1" / (link.get_attribute("href") or "")
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == stored.name.removesuffix(".gz")
        saved = Path(download.value.path()).read_bytes()
        assert saved == gzip.decompress(stored.resolve().read_bytes()) and saved.startswith(b"\xef\xbb\xbf")


def test_an_audit_link_lands_on_the_highlighted_paragraph(seed_site: Path) -> None:
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "audit/000_f936ed40faecbb33-1/", wait_until="networkidle")
        page.locator('a[href$="#L23"]').first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("#L23")
        target = page.locator("#L23")
        assert "作再上新台阶" in target.inner_text()
        background = target.evaluate("element => getComputedStyle(element).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_the_site_reads_at_phone_width(seed_site: Path) -> None:
    with serve(seed_site) as base, chromium(viewport={"width": 390, "height": 844}) as context:
        page = context.new_page()
        page.goto(base + REPORT, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1


def test_an_audit_s_rows_fit_a_phone_and_stay_a_table_on_a_desktop(seed_site: Path) -> None:
    """At 390 px an audit's table scrolled sideways inside its box: what a line became and why (改为, 原因)
    were off-screen. A phone now shows each row as a block; a desktop keeps the table."""
    audit = "audit/000_f936ed40faecbb33-1/"
    for width, stacked in ((390, True), (1280, False)):
        with serve(seed_site) as base, chromium(viewport={"width": width, "height": 844}) as context:
            page = context.new_page()
            page.goto(base + audit, wait_until="networkidle")
            reason = page.locator(".gr-audit-entries tbody tr").first.locator("td").nth(4)
            box = reason.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
            assert (page.locator(".gr-audit-entries thead").first.is_visible()) is not stacked


def test_an_indicator_row_s_link_to_its_sentence_is_on_screen_at_any_width(seed_site: Path) -> None:
    """The indicator table was 700 px in a 686 px box at 1280 (Material gives every column 5rem): the link to
    the sentence (原文) was cut mid-word; at 390 only the subject, value and unit were on screen. A phone now
    shows each row as a block; a desktop keeps the table, within its box. After the link is followed, the
    address named the section the figure is in, not the figure."""
    report = "reports/000_f936ed40faecbb33-4/"
    for width, stacked in ((390, True), (1280, False)):
        with serve(seed_site) as base, chromium(viewport={"width": width, "height": 844}) as context:
            page = context.new_page()
            page.goto(base + report, wait_until="networkidle")
            page.locator("details.gr-indicators summary").first.click()
            table = page.locator("details.gr-indicators table").first
            link = table.locator("tbody tr").first.locator("td").last.locator("a")
            link.scroll_into_view_if_needed()
            box, frame = link.bounding_box(), table.evaluate("t => t.parentElement.getBoundingClientRect().right")
            assert box is not None and box["x"] + box["width"] <= min(width, frame)
            head = table.locator("thead").bounding_box()  # on a phone the header row takes no room (a screen reader has it)
            assert (head is not None and head["height"] > 1) is not stacked
            # a phone reads the figure as written in the link (1030多亿元), not value, unit and qualifier apart (1030亿元多);
            # the cells are hidden from sight only, so that a screen reader names every cell by its own column
            value = table.locator("tbody tr").first.locator("td").nth(1)
            assert (value.bounding_box()["width"] > 1) is not stacked
            assert value.evaluate("cell => getComputedStyle(cell).display") != "none"
            # the address keeps the figure's anchor: a reader cites it (Material's tracking put the section's there)
            anchor = link.get_attribute("href")
            link.click()
            page.wait_for_timeout(600)
            assert anchor and page.url.endswith(anchor)


def test_a_term_s_tooltip_opens_on_a_tap_in_type_a_phone_reader_can_read(seed_site: Path) -> None:
    """On a phone a glossary term's definition opened in Material's 10 px bold, the size of a button's label."""
    with serve(seed_site) as base, chromium(viewport={"width": 390, "height": 844}, has_touch=True) as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
        term = page.locator("mark.gr-term").first
        term.scroll_into_view_if_needed()
        term.tap()
        page.wait_for_timeout(600)
        inner = page.locator(".md-tooltip2[role=tooltip] .md-tooltip2__inner").first
        assert "：" in inner.inner_text()
        assert float(inner.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")) >= 13


def test_a_tooltip_of_a_term_on_the_screen_s_last_line_opens_above_it(seed_site: Path) -> None:
    """Material opens a tooltip below its mark: for a term on the last line it opened below the screen, where a
    mouse could not bring it (scrolling takes the term from under the pointer, which hides it)."""
    for width, height, touch in ((1280, 500, False), (390, 844, True)):
        with serve(seed_site) as base, chromium(viewport={"width": width, "height": height}, has_touch=touch) as context:
            page = context.new_page()
            page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
            terms = page.locator("article mark.gr-term")
            for number in range(1, terms.count()):  # the first with a screen's height of page below it
                term = terms.nth(number)
                term.evaluate("element => { element.scrollIntoView({block: 'end'}); window.scrollBy(0, -4) }")
                page.wait_for_timeout(300)
                mark = term.bounding_box()
                if mark is not None and mark["y"] + mark["height"] > height - 40:  # on the last line
                    break
            else:
                pytest.fail(f"no term of the page can be brought to the last line of a screen of {height} px")
            term.tap() if touch else term.hover()
            page.wait_for_timeout(900)
            tip = page.locator(".md-tooltip2--active .md-tooltip2__inner").first.bounding_box()
            assert tip is not None and tip["y"] >= 0 and tip["y"] + tip["height"] <= height, (width, tip)
            assert tip["y"] + tip["height"] <= mark["y"]  # above the term, not over it


def test_a_report_s_outline_is_in_a_box_under_its_title_where_the_sidebar_is_hidden(seed_site: Path) -> None:
    """Below 960 px Material shows a page's outline only in its navigation drawer, for a page the navigation
    lists; a report's page is not listed, so a phone or a tablet showed no outline of a report at all."""
    report = "reports/000_f936ed40faecbb33-4/"
    for width, shown in ((390, True), (768, True), (1280, False)):
        with serve(seed_site) as base, chromium(viewport={"width": width, "height": 844}) as context:
            page = context.new_page()
            page.goto(base + report, wait_until="networkidle")
            box = page.locator("details.gr-outline-box")
            assert box.count() == 1 and box.is_visible() is shown
            # under the title and what stands under it: the tag chips, the identity line, the keywords
            assert box.evaluate("box => box.previousElementSibling.matches('.gr-keywords')")
            if shown:
                box.locator("summary").click()
                # a chapter no smaller than its sections (12.8 px against their 14 px), and in bold
                chapter, section = box.locator("a").nth(0), box.locator("a").nth(1)
                size = "element => [parseFloat(getComputedStyle(element).fontSize), getComputedStyle(element).fontWeight]"
                (chapter_size, chapter_weight), (section_size, _) = chapter.evaluate(size), section.evaluate(size)
                assert chapter_size >= section_size and int(chapter_weight) >= 700
                link = box.locator("a").nth(1)
                target = (link.get_attribute("href") or "").split("#")[-1]
                link.click()
                page.wait_for_timeout(400)
                assert unquote(page.url).endswith("#" + target) and page.locator(f'[id="{target}"]').is_visible()


def test_a_keyboard_opens_the_navigation_and_reaches_the_definitions_and_the_colours_are_readable(seed_site: Path) -> None:
    """At 200% zoom or a tablet's width the navigation opened only from a label no key could reach, while Tab went
    through its 27 hidden links; a glossary term's definition showed on hover alone; links were red at 3.4:1 on white
    and a focused link amber at 1.9:1; a screen reader heard no number of results; a printed report opened on pages of
    its table of indicators."""
    with serve(seed_site) as base, chromium(viewport={"width": 640, "height": 450}) as context:
        page = context.new_page()
        page.goto(base + REPORT, wait_until="networkidle")
        opener = page.locator('label.md-header__button[for="__drawer"]')
        hidden_link = page.locator(".md-sidebar--primary a.md-nav__link").first
        assert hidden_link.evaluate("link => getComputedStyle(link).visibility") == "hidden"  # out of Tab's order
        opener.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        assert page.locator("#__drawer").is_checked() and hidden_link.is_visible()
        page.keyboard.press("Enter")
        term = page.locator("mark.gr-term").first
        term.focus()
        page.wait_for_timeout(400)
        assert term.evaluate("mark => document.activeElement === mark && mark.tabIndex === 0")
        described = term.get_attribute("aria-describedby")
        assert described and "：" in page.locator(f'[id="{described}"]').inner_text()
        page.keyboard.press("Escape")
        assert page.locator(".md-tooltip2--active").count() == 0
        link = page.locator("article a[href]").first
        assert link.evaluate("a => getComputedStyle(a).color") == "rgb(211, 47, 47)"  # 5.0:1 on white
        assert page.locator(".md-search-result__meta").get_attribute("role") == "status"
        page.emulate_media(media="print")
        assert not page.locator("details.gr-indicators").is_visible()


def test_a_sortable_table_says_it_sorts_and_sorts_from_the_keyboard(seed_site: Path) -> None:
    """A header sorted on Enter only (Space scrolled the page) and said nothing of sorting until it had sorted; on a
    phone the indicator table's header row was gone for a screen reader too."""
    with serve(seed_site) as base, chromium(viewport={"width": 1280, "height": 900}) as context:
        page = context.new_page()
        page.goto(base + "phrases/", wait_until="networkidle")
        header = page.locator("div.gr-sortable th").nth(1)
        assert header.get_attribute("aria-sort") == "none"
        header.focus()
        before = page.evaluate("window.scrollY")
        page.keyboard.press(" ")
        assert header.get_attribute("aria-sort") == "ascending" and page.evaluate("window.scrollY") == before
    with serve(seed_site) as base, chromium(viewport={"width": 390, "height": 844}) as context:
        page = context.new_page()
        page.goto(base + REPORT, wait_until="networkidle")
        head = page.locator("details.gr-indicators thead").first
        assert head.evaluate("element => getComputedStyle(element).display") != "none"
        assert not head.is_visible() or head.bounding_box()["height"] <= 1


def test_one_key_opens_no_search_and_the_skip_link_and_section_arrows_say_what_they_do(seed_site: Path) -> None:
    """f, s and / opened the search wherever the focus was but a text field (a speech user's dictated word did);
    the skip link read 跳转至, naming nothing; a section's arrow in the navigation was a Tab stop of no name."""
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
        for key in ("f", "s", "/", "n", "p"):
            page.keyboard.press(key)
            page.wait_for_timeout(300)
            assert not page.evaluate("document.getElementById('__search').checked"), key
            assert page.url.endswith("reports/000_f936ed40faecbb33-1/"), key
        page.locator("input.md-search__input").click()
        page.keyboard.type("sn/p", delay=20)
        assert page.input_value("input.md-search__input") == "sn/p"  # typed in the box, every key is a character
        assert page.locator("a.md-skip").inner_text().strip() == "跳到正文"
        arrow = page.locator(".md-nav__container > label.md-nav__link").first
        assert arrow.get_attribute("aria-label") == "乡镇：展开或收起" and arrow.get_attribute("aria-expanded") == "true"


def test_a_figure_reached_from_its_row_stands_below_the_lines_that_say_what_it_measures(seed_site: Path) -> None:
    """A figure followed from the indicator table stood 24 px under the header, the words before it (what it
    measures) scrolled away above."""
    anchor = re.findall(r'href="?#(fig-[\d-]+)', (seed_site / REPORT / "index.html").read_text(encoding="utf-8"))[19]
    for width in (1280, 390):
        with serve(seed_site) as base, chromium(viewport={"width": width, "height": 800}) as context:
            page = context.new_page()
            page.goto(base + REPORT + "#" + anchor, wait_until="networkidle")
            page.wait_for_timeout(300)
            header = page.locator("header.md-header").bounding_box()
            figure = page.locator(f"mark#{anchor}").bounding_box()
            assert header is not None and figure is not None
            assert figure["y"] - (header["y"] + header["height"]) >= 3 * figure["height"], (width, figure)


def test_a_sortable_table_sorts_figures_by_their_numbers_and_puts_empty_cells_last(tmp_path: Path) -> None:
    """Sorted from the highest, the year's comparison listed 高于7% and 不低于5% first, then 95 empty cells, and
    numbers only from its 98th row."""
    script = (ROOT / "docs" / "javascripts" / "tablesort.js").read_text(encoding="utf-8")
    cells = ["5.5%", "", "高于7%", "不低于5%", "6%左右", "待定"]
    rows = "".join(f"<tr><td>{cell}</td></tr>" for cell in cells)
    (tmp_path / "index.html").write_text(
        f'<!doctype html><meta charset="utf-8"><div class="gr-sortable"><table><thead><tr><th>增减</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div><script>{script}</script>", encoding="utf-8")
    with serve(tmp_path) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        header = page.locator("th")
        header.click()
        assert page.locator("td").all_inner_texts() == ["不低于5%", "5.5%", "6%左右", "高于7%", "待定", ""]
        header.click()
        assert page.locator("td").all_inner_texts() == ["高于7%", "6%左右", "5.5%", "不低于5%", "待定", ""]


def test_a_paragraph_shows_a_link_to_itself_on_hover(seed_site: Path) -> None:
    """A paragraph's address (#L35) was on the page but shown nowhere: a reader citing a sentence with no figure
    had no link to give."""
    with serve(seed_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base + REPORT, wait_until="networkidle")
        paragraph = page.locator("article > p[id^='L']").nth(3)
        link = paragraph.locator(":scope > a.headerlink")
        assert link.get_attribute("href") == "#" + paragraph.get_attribute("id")
        paragraph.hover()
        page.wait_for_timeout(400)  # Material fades it in
        assert float(link.evaluate("a => getComputedStyle(a).opacity")) > 0.5


def test_on_a_touch_screen_a_paragraph_s_and_a_figure_s_links_are_big_enough_to_tap(seed_site: Path) -> None:
    """A paragraph's ¶ link was 8.6 px wide, a figure's link in a phone's indicator card 15 px high."""
    with serve(seed_site) as base, chromium(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    ) as context:
        page = context.new_page()
        page.goto(base + "reports/000_f936ed40faecbb33-1/", wait_until="networkidle")
        page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true })")
        sizes = page.evaluate(
            """[document.querySelector('article p > a.headerlink'), document.querySelector('.gr-indicators td:last-child a')]
                .map(link => { const box = link.getBoundingClientRect(); return [box.width, box.height] })"""
        )
        assert all(width >= 24 and height >= 24 for width, height in sizes), sizes
        narrowest = page.evaluate(
            "Math.min(...[...document.querySelectorAll('.gr-indicators td:last-child a')].map(link => link.getBoundingClientRect().width))"
        )
        assert narrowest >= 40, narrowest  # 8个 was 20 px wide


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_a_report_and_its_audit(seed_site: Path, width: int) -> None:
    """axe-core on the sample's report pages (figures marked, terms with definitions, the table of indicators,
    the outline box) and their cleaning audits, as a reader at a desktop and on a phone sees them."""
    reports = sorted(path.name for path in (seed_site / "reports").iterdir())
    pages = [f"{folder}/{name}/" for name in reports for folder in ("reports", "audit")]
    with serve(seed_site) as base, chromium(viewport={"width": width, "height": 900}) as context:
        problems = accessibility_problems_of_pages(context.new_page(), base, pages)
    assert len(pages) >= 10
    assert problems == {}
