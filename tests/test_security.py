"""Injection payloads in body text, headings, titles and file names never become markup.

The site is built from reports that carry every payload of ``fixtures/payloads.txt``, then every
page is parsed (no tag or attribute a payload supplied survives) and opened in headless Chromium
(no dialog fires, no request leaves for the payloads' host).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.benchmarks.bench_search import SearchBox
from tests.browser import chromium, serve
from tests.conftest import ROOT, build_site

PAYLOADS = [line for line in (ROOT / "tests" / "fixtures" / "payloads.txt").read_text(encoding="utf-8").splitlines() if line]
MARKERS = ("alert(", "evil.example")


def payload_reports(folder: Path) -> None:
    body = ["各位代表：", "现在，我代表县人民政府向大会报告工作。"]
    for number, payload in enumerate(PAYLOADS, 1):
        body.append(f"一、第{number}项工作{payload}")
        body.append(f"全县生产总值增长{number}%，{payload}达到{number}亿元。")
        body.append(payload)
    (folder / "payload-body.txt").write_text("\n".join(body), encoding="utf-8")
    for number, payload in enumerate(PAYLOADS[:12], 1):
        text = f"{payload}政府工作报告\n各位代表：\n一、工作回顾\n去年粮食产量{number}万吨。\n"
        (folder / f"title-{number}.txt").write_text(text, encoding="utf-8")
    for number, payload in enumerate(PAYLOADS[:10], 1):
        name = payload.replace("/", "_")[:60] + f"-{number}.txt"
        (folder / name).write_text("各位代表：\n一、工作回顾\n全年完成投资5亿元。\n", encoding="utf-8")


class Findings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            # A title attribute holds text (a tooltip); what a payload must never supply is markup.
            if name != "title" and any(marker in value for marker in MARKERS):
                self.problems.append(f"<{tag} {name}={value[:40]}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")


class Text(HTMLParser):
    """A page's text as a browser shows it, and the content of its scripts apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []
        self.scripts: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self.in_script else self.data).append(data)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("payload-seeds")
    payload_reports(seeds)
    site = tmp_path_factory.mktemp("payload-site")
    result = build_site(seeds, site, "--strict")
    assert result.returncode == 0, result.stderr
    return site


def test_there_are_at_least_25_payloads() -> None:
    assert len(PAYLOADS) >= 25


def test_no_page_keeps_a_tag_or_attribute_a_payload_supplied(payload_site: Path) -> None:
    pages = list(payload_site.rglob("*.html"))
    assert len(pages) > 20
    problems = {}
    for page in pages:
        parser = Findings()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.problems:
            problems[str(page.relative_to(payload_site))] = parser.problems[:5]
    assert problems == {}


def test_the_payloads_are_shown_as_text(payload_site: Path) -> None:
    page = next((payload_site / "reports").glob("payload-body*/index.html")).read_text(encoding="utf-8")
    text = Text()
    text.feed(page)
    assert "<script>alert('xss-1')</script>" in "".join(text.data)  # what a reader sees: the payload as text
    assert "alert('xss-1')" not in "".join(text.scripts)  # and never as a script
    assert "{{ config }}" in page


def browse(site: Path, *, hover_marks: bool) -> tuple[list[str], set[str], str]:
    """Opens every page of ``site`` in Chromium: (dialogs fired, hosts requested, the site's host)."""
    dialogs: list[str] = []
    hosts: set[str] = set()
    pages = sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html"))
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
        for path in pages:
            page.goto(base + ("" if path == "." else path + "/"), wait_until="load")
            for mark in page.locator("mark").all()[:20] if hover_marks else []:
                mark.hover(timeout=2000)
        page.goto(base, wait_until="load")
        box = SearchBox(page)
        for query in ("script", "onerror", "evil", "alert", "第3项工作"):
            assert box.search(query).hits, query
            page.locator("li.md-search-result__item").first.hover()
    return dialogs, hosts, urlparse(base).netloc


@pytest.mark.browser
def test_in_a_browser_no_dialog_fires_and_nothing_is_fetched_from_the_payload_host(payload_site: Path) -> None:
    dialogs, hosts, own_host = browse(payload_site, hover_marks=True)
    assert dialogs == []
    assert hosts == {own_host}


@pytest.mark.browser
def test_a_figure_s_tooltip_shows_the_markup_its_subject_quotes_as_text(payload_site: Path) -> None:
    """Material's tooltips put a title into the page as HTML: a figure whose subject quotes a payload
    shows the payload's characters in its tooltip, and no element of it."""
    payload = PAYLOADS[1]  # <img src=x onerror=alert('xss-2')>
    report = next((payload_site / "reports").glob("payload-body*/index.html")).parent
    with serve(payload_site) as base, chromium() as context:
        page = context.new_page()
        page.goto(f"{base}reports/{report.name}/", wait_until="load")
        row = page.locator("details.gr-indicators tr", has_text=payload).first
        figure = row.locator('a[href^="#fig-"]').get_attribute("href")
        page.locator(figure or "#missing").hover()
        tooltip = page.locator(".md-tooltip2__inner").last
        tooltip.wait_for(timeout=3000)
        assert payload in tooltip.inner_text()
        assert tooltip.locator("img").count() == 0
