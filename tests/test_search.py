"""Search: the index that build_tools/search.py writes, and the seed site's search box in headless Chromium.

The browser tests type the seed queries of tests/fixtures/search-queries.tsv as a reader would (the text
committed at once, as an input method does, then a key press) and read Material's result list.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools import folding, search
from build_tools.engine.cache import ResultCache
from build_tools.engine.forked import Forked
from build_tools.search import indexing
from build_tools.search.parse import pair_positions
from build_tools.search.parts import PageSummary, index_key, index_page
from build_tools.search.volumes import cut_volumes
from tests.benchmarks.bench_search import (
    TOP,
    SearchBox,
    is_search_request,
    read_queries,
    reciprocal_rank,
    response_bytes,
)
from tests.browser import chromium, serve

SEED_QUERIES = read_queries(site="seed")


@contextmanager
def opened(site: Path, **options: Any) -> Iterator[Any]:
    """The home page of ``site``, served on 127.0.0.1 and opened in headless Chromium, its requests done."""
    with serve(site) as base, chromium(**options) as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        yield page


def index_pages(folder: Path, volume: int = 0) -> list[list]:
    """The pages of one volume of the index in ``folder`` (``search/``), as ``vN/pages.json`` lists them."""
    return json.loads(search.read_index_text(folder, f"v{volume}/pages.json"))["pages"]


def stored(folder: Path, path: str) -> Path:
    """The file on disk of index file ``path`` (gzipped, under its name plus ``.gz``)."""
    return folder / (path + search.STORED)


def test_text_is_normalised_and_split_into_runs_of_word_characters() -> None:
    assert search.normalize("２０２４年ＧＤＰ") == "2024年gdp"
    text = search.normalize("增长５.２%，达到9.43亿元（预计）")
    assert list(search.runs(text)) == ["增长5.2%", "达到9.43亿元", "预计"]
    pairs, characters = search.pairs_and_characters("粮食产量")
    assert pairs == {"粮食", "食产", "产量"} and characters == set("粮食产量")


def test_a_phrase_the_text_quotes_or_lists_in_parts_is_one_run_of_pairs() -> None:
    assert search.normalize("《政府工作报告》") == "政府工作报告"
    quoted = search.normalize("编制“十四五”规划，实施＂白改黑＂工程")
    assert list(search.runs(quoted)) == [search.normalize("编制十四五规划"), "实施白改黑工程"]
    pairs, _ = search.pairs_and_characters("“十四五”规划")
    assert "五规" in pairs
    assert search.normalize("碳达峰、碳中和") == search.normalize("碳达峰碳中和")  # a list's marks between words
    assert list(search.runs(search.normalize("2023、2024年"))) == ["2023", "2024年"]  # but not between numbers
    positions, _ = pair_positions("推进碳达峰、碳中和")
    key = search.normalize  # the fold may write 峰 as 峯
    assert positions[key("峰碳")] == [positions[key("达峰")][0] + 1]


def test_a_plus_is_part_of_the_phrase_it_ends() -> None:
    """“人工智能+” found 68 reports on the corpus site, 23 of which hold 人工智能+: the + was no word character, so
    the query was 人工智能 alone."""
    assert list(search.runs(search.normalize("实施“人工智能＋”行动，推进互联网+政务服务"))) == [
        "实施人工智能+行动", "推进互联网+政务服务"
    ]
    pairs, _ = search.pairs_and_characters("“人工智能+”行动")
    assert {"能+", "+行"} <= pairs


def test_the_index_points_each_pair_to_its_paragraphs(tmp_path: Path) -> None:
    pages = [
        search.SearchPage(
            "reports/a/",
            "甲报告",
            '<h1 id="top">甲报告</h1><p id="L3">粮食产量稳定增长。</p><h2 id="s2">民生</h2><ul><li>居民消费价格</li></ul>',
            ("粮食",),
        ),
        search.SearchPage("audit/a/", "清理记录", "<p>粮食产量</p>"),
        search.SearchPage("tags/", "标签", "<h2>粮食</h2><ul><li>甲报告</li></ul>"),
    ]
    written = search.write_index(pages, tmp_path)
    manifest = written.manifest
    folder = tmp_path / "search"
    assert [page[0] for page in index_pages(folder)] == ["reports/a/"]
    assert index_pages(folder)[0][3] == ["粮食"]
    assert search.read_postings(folder, "产量", manifest) == [1]
    assert search.read_postings(folder, "价格", manifest) == [3]
    assert search.read_postings(folder, "量子", manifest) == []
    assert search.read_postings(folder, "价", manifest) == [3]
    rows = []
    for path in sorted(folder.glob(f"c/{index_pages(folder)[0][5]}.*.json.gz")):
        chunk = json.loads(search.read_index_text(folder, str(path.relative_to(folder)).removesuffix(".gz")))
        rows += [(chunk["sections"][s][1], anchor, text) for s, anchor, text in chunk["blocks"]]
    assert rows == [
        ("甲报告", "top", "甲报告"),
        ("甲报告", "L3", "粮食产量稳定增长。"),
        ("民生", "s2", "民生"),
        ("民生", "s2", "居民消费价格"),
    ]
    assert sorted(path + search.STORED for path in written.files) == sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
    )


def test_postings_run_across_pages_in_page_order(tmp_path: Path) -> None:
    pages = [
        search.SearchPage("reports/b/", "乙", "<p>其他</p><p>粮食产量</p>"),
        search.SearchPage("reports/a/", "甲", "<p>粮食产量</p><p>无关</p><p>产量</p>"),
    ]
    manifest = search.write_index(pages, tmp_path).manifest
    assert [page[0] for page in index_pages(tmp_path / "search")] == ["reports/a/", "reports/b/"]
    assert search.read_postings(tmp_path / "search", "产量", manifest) == [0, 2, 4]


def volume_urls(urls: list[str]) -> list[tuple[str, ...]]:
    summaries = [(url, PageSummary(url, url, (), 1.0, search.page_key(url), 1, 1, 100, 10)) for url in urls]
    return [tuple(summary.url for _, summary in volume.summaries) for volume in cut_volumes(summaries)]


def test_a_page_added_or_taken_out_changes_only_the_volumes_around_it() -> None:
    """Volumes end where their pages say, not every 64 pages: a page added or taken out anywhere among 2,000
    changes the volume it falls in, rarely a neighbour too (where a volume was cut at its largest size),
    and the others keep their pages and numbers. Cut every 64 pages, half the volumes would change."""
    urls = [f"reports/{number:05d}/" for number in range(0, 4000, 2)]
    before = volume_urls(urls)
    sizes = [len(volume) for volume in before]
    assert sum(sizes) == len(urls) and max(sizes) <= 2 * 64 and min(sizes[:-1]) > 32
    assert 50 <= sum(sizes) / len(sizes) <= 80
    changed = []
    for place in range(1, 2000, 7):
        for after in (volume_urls(sorted([*urls, f"reports/{2 * place - 1:05d}/"])), volume_urls(urls[:place] + urls[place + 1 :])):
            assert abs(len(after) - len(before)) <= 1
            changed.append(len(set(before) - set(after)))
    assert max(changed) <= 3 and changed.count(1) >= 0.9 * len(changed)


def test_a_rebuild_writes_only_what_changed(tmp_path: Path) -> None:
    """Unchanged chunks and shards are not written again; the files of a page that is gone are removed."""
    pages = {
        url: search.SearchPage(url, url, "".join(f"<p>{url}第{n}段粮食产量</p>" for n in range(9)))
        for url in ("reports/a/", "reports/b/", "reports/c/")
    }
    first = search.write_index(pages.values(), tmp_path)
    folder = tmp_path / "search"
    times = {path: stored(folder, path).stat().st_mtime_ns for path in first.files}
    pages["reports/b/"] = search.SearchPage("reports/b/", "reports/b/", "<p>新的一段</p>")
    del pages["reports/c/"]
    second = search.write_index(pages.values(), tmp_path, previous=first)
    manifest = second.manifest
    kept = [path for path in second.files if path in times and stored(folder, path).stat().st_mtime_ns == times[path]]
    key_a, key_b = (page[5] for page in index_pages(folder))
    chunks_a = -(-index_pages(folder)[0][2] // manifest["blocks_per_chunk"])
    assert chunks_a >= 1 and all(f"c/{key_a}.{n}.json" in kept for n in range(chunks_a))
    assert f"c/{key_b}.0.json" not in kept
    assert not list(folder.glob(f"c/{search.page_key('reports/c/')}.*"))
    assert search.read_postings(folder, "新的", manifest) == [9]
    assert search.read_postings(folder, "产量", manifest) == list(range(9))
    stored(folder, "manifest.json").unlink()  # a cleaned folder: everything is written again
    third = search.write_index(pages.values(), tmp_path, previous=second)
    assert all(stored(folder, path).stat().st_mtime_ns != times.get(path) for path in third.files)


def test_a_rebuild_keeps_the_directory_of_the_same_volumes_and_makes_it_again_for_a_changed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(search.parse.settings(), "volume_pages", 2)
    pages = {
        url: search.SearchPage(url, url, f"<p>{url}粮食产量{n}.5亿元</p>", place=f"{name}市", level="市")
        for n, (url, name) in enumerate([("reports/a/", "甲"), ("reports/b/", "乙"), ("reports/c/", "丙")])
    }
    first = search.write_index(pages.values(), tmp_path)
    folder = tmp_path / "search"
    directory = sorted(path for path in first.files if path.startswith("d/"))
    assert first.manifest["directory_shards"] >= 1 and directory
    times = {path: stored(folder, path).stat().st_mtime_ns for path in directory}
    with monkeypatch.context() as patch:  # the same volumes: their keys are not even read
        patch.setattr(search.directory, "volume_keys", lambda *_: pytest.fail("the directory was made again"))
        again = search.write_index(pages.values(), tmp_path, previous=first)
    assert again.files == first.files and again.directory == first.directory
    assert all(stored(folder, path).stat().st_mtime_ns == times[path] for path in directory)
    pages["reports/c/"] = search.SearchPage("reports/c/", "reports/c/", "<p>港珠澳大桥7.25亿元</p>", place="丙市")
    changed = search.write_index(pages.values(), tmp_path, previous=again)
    fresh = search.write_index(pages.values(), tmp_path / "fresh")
    assert changed.directory != first.directory
    assert {p: d for p, d in changed.files.items() if p.startswith("d/")} == {
        p: d for p, d in fresh.files.items() if p.startswith("d/")
    }


def directory_of(folder: Path, manifest: dict) -> dict[str, str]:
    """The directory as a mapping: each key and the volumes that hold it (``hex_set``)."""
    lines = "".join(search.read_index_text(folder, f"d/{n}.txt") for n in range(manifest["directory_shards"]))
    return dict(line.split("\t") for line in lines.splitlines())


def test_a_changed_volume_rewrites_only_the_directory_shards_of_the_keys_it_gained_or_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(search.parse.settings(), "volume_pages", 2)
    monkeypatch.setitem(search.parse.settings(), "directory_shard_bytes", 40)  # many shards, few keys each
    cache = ResultCache(tmp_path / "cache", "test")
    names = "甲乙丙丁戊己"
    pages = {
        f"reports/{n}/": search.SearchPage(
            f"reports/{n}/", f"{name}市", f"<p>{name}市粮食产量{n}.5亿元，港口吞吐量增长{n}%</p>", place=f"{name}市", level="市"
        )
        for n, name in enumerate(names)
    }
    first = search.write_index(pages.values(), tmp_path, cache)
    folder = tmp_path / "search"
    shards = [f"d/{n}.txt" for n in range(first.manifest["directory_shards"])]
    assert len(shards) > 8
    times = {path: stored(folder, path).stat().st_mtime_ns for path in shards}
    pages["reports/5/"] = search.SearchPage("reports/5/", "己市", "<p>己市新建湿地公园三处</p>", place="己市", level="市")
    read: list[int] = []
    real_keys = search.directory.volume_keys
    monkeypatch.setattr(
        search.directory, "volume_keys", lambda volume, indexes: read.append(volume.number) or real_keys(volume, indexes)
    )
    second = search.write_index(pages.values(), tmp_path, cache, previous=first)
    assert len(read) == 1  # the keys of the one volume that changed, and of no other
    fresh = search.write_index(pages.values(), tmp_path / "fresh", ResultCache(tmp_path / "cache2", "test"))
    assert directory_of(folder, second.manifest) == directory_of(tmp_path / "fresh" / "search", fresh.manifest)
    rewritten = [path for path in shards if stored(folder, path).stat().st_mtime_ns != times[path]]
    assert 0 < len(rewritten) < len(shards)
    assert directory_of(folder, second.manifest)["湿地"] == search.directory.hex_set(1 << read[0])
    with monkeypatch.context() as patch:  # turned off, the directory is made whole: the same mapping
        patch.setenv("REPORTS_SPEEDUPS_OFF", "directory")
        read.clear()
        third = search.write_index(pages.values(), tmp_path / "off", cache)
        assert directory_of(tmp_path / "off" / "search", third.manifest) == directory_of(folder, second.manifest)


def test_the_directory_says_which_volumes_hold_a_pair_strongly_and_a_rebuild_keeps_it_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that holds a pair in many paragraphs makes its volume one the query reads first: the pair's line
    has the set of such volumes after a comma; a rebuild where a page stops holding it so rewrites the line as
    a fresh build writes it."""
    monkeypatch.setitem(search.parse.settings(), "volume_pages", 2)
    cache = ResultCache(tmp_path / "cache", "test")
    often = "".join(f"<p>第{n}处湿地保护。</p>" for n in range(9))
    pages = {
        f"reports/{n}/": search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>第{n}篇湿地保护。</p>", place=f"{n}市")
        for n in range(6)
    }
    pages["reports/5/"] = search.SearchPage("reports/5/", "第5篇", often, place="5市")
    first = search.write_index(pages.values(), tmp_path, cache)
    folder = tmp_path / "search"
    volume = next(n for n in range(len(first.manifest["volumes"])) if "reports/5/" in search.read_index_text(
        folder, f"v{n}/pages.json"))
    every, strong, stronger = search.directory.read_sets(directory_of(folder, first.manifest)["湿地"])
    assert strong == stronger == 1 << volume and every > strong
    pages["reports/5/"] = search.SearchPage("reports/5/", "第5篇", "<p>第5篇湿地保护。</p>", place="5市")
    updated: list[bool] = []
    real_update = search.directory.update_directory
    monkeypatch.setattr(search.directory, "update_directory", lambda *args: updated.append(real_update(*args)) or
                        updated[-1])
    second = search.write_index(pages.values(), tmp_path, cache, previous=first)
    assert updated == [True]  # the shards of the changed keys rewritten, not the directory made whole
    fresh = search.write_index(pages.values(), tmp_path / "fresh", ResultCache(tmp_path / "cache2", "test"))
    assert directory_of(folder, second.manifest) == directory_of(tmp_path / "fresh" / "search", fresh.manifest)
    assert "," not in directory_of(folder, second.manifest)["湿地"]


def test_a_rebuild_reads_the_lines_of_the_changed_page_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The keys of a volume in which one page changed come from its pages' lists of keys, not from
    their lines; a page found by its title alone keeps its part when only its body changed."""
    monkeypatch.setitem(search.parse.settings(), "volume_pages", 2)
    cache = ResultCache(tmp_path / "cache", "test")
    pages = {
        f"reports/{n}/": search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>第{n}篇粮食产量{n}.5亿元</p>")
        for n in range(6)
    }
    pages["phrases/粮食/"] = search.SearchPage("phrases/粮食/", "提法：粮食", "<p>6 篇报告使用</p>")
    first = search.write_index(pages.values(), tmp_path, cache)
    pages["reports/2/"] = search.SearchPage("reports/2/", "第2篇", "<p>第2篇新建湿地公园</p>")
    body_only = search.SearchPage("phrases/粮食/", "提法：粮食", "<p>7 篇报告使用</p>")
    assert index_key(body_only) == index_key(pages["phrases/粮食/"])
    assert index_key(pages["reports/2/"]) != index_key(search.SearchPage("reports/2/", "第2篇", "<p>别的</p>"))
    pages["phrases/粮食/"] = body_only
    read: list[str] = []
    real_page = indexing.PageIndexes.page
    monkeypatch.setattr(indexing.PageIndexes, "page", lambda self, key: read.append(key) or real_page(self, key))
    second = search.write_index(pages.values(), tmp_path, cache, previous=first)
    assert second.manifest["directory_shards"] >= 1 and second.directory != first.directory
    assert set(read) == {index_key(pages["reports/2/"])}
    fresh = search.write_index(pages.values(), tmp_path / "fresh", ResultCache(tmp_path / "cache2", "test"))
    assert directory_of(tmp_path / "search", second.manifest) == directory_of(tmp_path / "fresh" / "search", fresh.manifest)


def test_pages_not_rendered_again_are_indexed_from_the_cache(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache", "test")
    pages = [
        search.SearchPage("reports/a/", "甲", "<p>粮食产量</p>"),
        search.SearchPage("reports/b/", "乙", "<p>粮食产量</p><p>港珠澳大桥</p>"),
    ]
    first = search.write_index(pages, tmp_path, cache)
    second = search.write_index(pages[:1], tmp_path, cache, previous=first, unchanged=["reports/b/"])
    assert second.manifest == first.manifest
    assert search.read_postings(tmp_path / "search", "大桥", second.manifest) == [2]
    with pytest.raises(LookupError):
        search.write_index(pages[:1], tmp_path, ResultCache(tmp_path / "empty", "test"), first, ["reports/b/"])


def test_a_server_reads_into_memory_what_its_next_build_reads_first_of_an_index_written_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's first build writes its index in a forked process, which leaves the pages' parts in the
    cache's files only: its first rebuild read every page's summary and keys there, and showed the first
    edit later than the next (2.5 s against 1.7 s at 1,000 reports). They are read into its memory at once;
    the rebuild reads only the lines of the changed page's volume from the files, as every rebuild does."""
    pages = {f"reports/{n}/": search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>第{n}篇粮食产量</p>") for n in range(4)}
    written = search.write_index(pages.values(), tmp_path, ResultCache(tmp_path / "cache", "test", remember=False))
    server = ResultCache(tmp_path / "cache", "test", remember=True)
    search.read_into_memory(server, written.page_keys.values())
    assert {f"{key}{part}" for key in written.page_keys.values() for part in (".s", ".k")} <= set(server.memory)
    pages["reports/2/"] = search.SearchPage("reports/2/", "第2篇", "<p>第2篇新建湿地公园</p>")
    files_read: list[Path] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: files_read.append(path) or real_read(path))
    search.write_index(pages.values(), tmp_path, server, previous=written)
    cache_files = [path.name for path in files_read if path.is_relative_to(tmp_path / "cache")]
    read_before = {f"{key}{part}.pickle" for key in written.page_keys.values() for part in (".s", ".k")}
    assert cache_files and not read_before & set(cache_files)


class ReferenceParser(HTMLParser):
    """The standard library's HTML parser, handing its tokens to the index's handlers."""

    def __init__(self, title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks = search.ContentParser(title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.blocks.handle_starttag(tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        self.blocks.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.blocks.handle_data(data)


def reference_parse(html: str) -> search.ParsedPage:
    parser = ReferenceParser("标题")
    parser.feed(html)
    parser.close()
    return parser.blocks.page


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
TRICKY_HTML = [
    '<h2 id="a&amp;b">一、粮食&nbsp;生产<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2><p>产量</p>',
    "<p>A &lt;b&gt; &#20013;&#x6587; &amp;amp;</p><!-- <p>注释</p> --><p>末</p>",
    '<p id=L3 class="x">不带引号</p><p title="a>b" id=\'q\'>引号里的 &gt;</p>',
    "<ul><li>一<br/>二<br>三</li><li><p>段</p></li></ul><table><tr><td>甲</td><td>1.5%</td></tr></table>",
    "<P ID=\"UP\">大写</P><script>var a = '<p>脚本</p>';</script><style>p{}</style><p>后</p>",
    "<details><summary>摘要</summary><p>正文 < 5</p></details><pre>代码</pre><blockquote>引文</blockquote>",
    '<details class="info gr-indicators"><summary>表</summary><p>甲<br>乙<img src=x></p></details><p>正文</p>',
]


@pytest.mark.parametrize("html", TRICKY_HTML)
def test_the_page_parser_reads_html_as_the_standard_parser_does(html: str) -> None:
    assert search.parse_page(search.SearchPage("p/", "标题", html)) == reference_parse(html)


def test_a_reports_table_of_indicators_is_left_out_of_the_index_and_its_sentences_kept(seed_site: Path) -> None:
    page = (seed_site / "reports" / "000_f936ed40faecbb33-1" / "index.html").read_text(encoding="utf-8")
    assert 'class="info gr-indicators"' in page
    # the page's paragraphs as the site's index holds them, chunk after chunk
    key = search.page_key("reports/000_f936ed40faecbb33-1/")
    chunks = sorted((seed_site / "search" / "c").glob(f"{key}.*.json.gz"), key=lambda path: int(path.name.split(".")[1]))
    blocks = [text for chunk in chunks for _, _, text in json.loads(gzip.decompress(chunk.read_bytes()))["blocks"]]
    assert len(blocks) > 20
    assert not any(text.startswith("指标一览") for text in blocks)
    assert not any("国民生产总值 地区生产总值" in text for text in blocks)  # a row: its subject, then its category
    assert any("9.43亿元" in text and "。" in text for text in blocks)  # the sentence that states the figure
    assert "gr-indicators" not in " ".join(blocks)


def test_a_phrase_no_report_uses_is_left_out_of_the_index_and_one_used_is_in_it(seed_site: Path) -> None:
    """The seed site's first result for 就业 was 提法：再就业, one of its 337 phrase pages that list no report."""
    folder = seed_site / "search"
    volumes = len(json.loads(search.read_index_text(folder, "manifest.json"))["volumes"])
    titles = {page[1] for volume in range(volumes) for page in index_pages(folder, volume)}
    phrases = seed_site / "phrases"
    unused = [path.parent.name for path in phrases.glob("*/index.html") if "本站共有 0 篇" in path.read_text("utf-8")]
    used = [path.parent.name for path in phrases.glob("*/index.html") if "本站共有 0 篇" not in path.read_text("utf-8")]
    assert unused and used
    assert not [name for name in unused if f"提法：{name}" in titles]
    assert all(f"提法：{name}" in titles for name in used)
    page = (phrases / unused[0] / "index.html").read_text(encoding="utf-8")
    assert "本站未收国务院政府工作报告" in page and page.count("<p>无") == 1  # no national report; one 无: no users


def test_the_page_parser_reads_the_seed_pages_as_the_standard_parser_does(seed_site: Path) -> None:
    articles = [ARTICLE.search(path.read_text(encoding="utf-8")) for path in sorted(seed_site.rglob("*.html"))]
    contents = [found.group(1) for found in articles if found]
    assert len(contents) > 10
    for html in contents:
        parsed = search.parse_page(search.SearchPage("p/", "标题", html))
        assert parsed == reference_parse(html)
        assert parsed.blocks


def test_listing_pages_are_found_by_their_title_alone() -> None:
    html = "<h2 id=\"a\">历年</h2><p>乡村振兴在各篇报告中出现</p>"
    assert search.parse_page(search.SearchPage("reports/x/", "报告", html)).blocks
    for url in ("phrases/乡村振兴/", "places/山东省/", "years/2024/", "levels/市/", "compare/city-东营/"):
        parsed = search.parse_page(search.SearchPage(url, "提法：乡村振兴", html))
        assert [block.text for block in parsed.blocks] == ["提法：乡村振兴"]


def test_the_site_leaves_out_the_theme_files_it_never_loads(seed_site: Path) -> None:
    assets = seed_site / "assets" / "javascripts"
    assert (assets / "bundle.min.js").exists() or list(assets.glob("bundle.*.min.js"))
    assert not (assets / "lunr").exists() and not (assets / "workers").exists()
    assert not list(seed_site.rglob("*.map"))
    for path in seed_site.rglob("*.html"):
        for script in re.findall(r'<script src="([^"]+)"', path.read_text(encoding="utf-8")):
            target = seed_site / script.lstrip("/") if script.startswith("/") else path.parent / script
            assert target.resolve().is_file(), (path, script)


@pytest.mark.browser
def test_seed_queries_find_the_expected_reports(seed_site: Path) -> None:
    with opened(seed_site) as page:
        box = SearchBox(page)
        answers = [(query, box.search(query.query)) for query in SEED_QUERIES]
    expected = [(query, answer) for query, answer in answers if query.expected]
    missed = [query.query for query, answer in expected if reciprocal_rank(query, answer) < 1 / TOP]
    assert len(missed) / len(expected) <= 0.03, missed
    assert [query.query for query, answer in answers if query.verbatim and not answer.hits] == []
    quoted = [query for query, answer in answers if query.category in ("quoted", "listed")]
    assert quoted and [q.query for q, a in answers if q in quoted and reciprocal_rank(q, a) < 1 / TOP] == []
    assert [query.query for query, answer in answers if query.category == "nowhere" and answer.hits] == []


@pytest.mark.browser
def test_a_listing_page_is_found_by_its_title_and_not_by_what_it_lists(seed_site: Path) -> None:
    phrase = "五五普法"
    listed = (seed_site / "phrases" / phrase / "index.html").read_text(encoding="utf-8")
    assert "000_f936ed40faecbb33" in listed  # the phrase page lists the reports that use the phrase
    with opened(seed_site) as page:
        box = SearchBox(page)
        titled = box.search(f"提法：{phrase}")
        assert [hit.path for hit in titled.hits[:1]] == [f"phrases/{phrase}/"]
        shown = page.locator("li.md-search-result__item").first.inner_text()
        assert shown.split() == [f"提法：{phrase}"]  # its title, not its title again as its text
        assert not [hit.path for hit in box.search("本站共有").hits if hit.path.startswith("phrases/")]


@pytest.mark.browser
def test_a_result_opens_the_paragraph_with_the_query_highlighted(seed_site: Path) -> None:
    with opened(seed_site) as page:
        answer = SearchBox(page).search("计生工作")
        assert answer.hits[0].slug == "000_f936ed40faecbb33-1"
        page.locator("li.md-search-result__item a[href*='#L23']").first.click()
        page.wait_for_load_state("networkidle")
        assert "#L23" in page.url
        marks = page.locator("#L23 mark[data-md-highlight]").all_inner_texts()
        assert "计生工作" in "".join(marks)


@pytest.mark.browser
def test_a_result_marks_a_phrase_that_crosses_a_glossary_term_or_a_figure(seed_site: Path) -> None:
    """全社会固定资产投资 opened its paragraph unmarked: the text writes 固定资产投资 inside a glossary term's
    mark, and Material's highlighter marks a term within one text node only."""
    with opened(seed_site) as page:
        answer = SearchBox(page).search("全社会固定资产投资")
        assert answer.hits[0].slug == "000_f936ed40faecbb33-1"
        page.locator("li.md-search-result__item a[href*='#L11']").first.click()
        page.wait_for_load_state("networkidle")
        assert "#L11" in page.url
        marks = page.locator("#L11 mark[data-md-highlight]").all_inner_texts()
        assert "".join(marks) == "全社会固定资产投资"
        assert page.locator("#L11 mark.gr-term mark[data-md-highlight]").inner_text() == "固定资产投资"


@pytest.mark.browser
def test_a_phrase_typed_without_the_quotation_marks_of_the_text_is_found_and_marked_whole(seed_site: Path) -> None:
    with opened(seed_site) as page:
        answer = SearchBox(page).search("十一五规划")
        assert answer.hits and answer.hits[0].slug == "000_f936ed40faecbb33-4"
        marks = page.locator("li.md-search-result__item").first.locator("mark").all_inner_texts()
        assert "十一五”规划" in marks


@pytest.mark.browser
def test_search_at_phone_width_with_the_keyboard(seed_site: Path) -> None:
    with opened(seed_site, viewport={"width": 390, "height": 844}) as page:
        answer = SearchBox(page).search("猕猴桃")
        assert answer.hits and page.locator("li.md-search-result__item").first.is_visible()
        # once Material's search overlay has finished opening, nothing is wider than the screen
        page.wait_for_function("document.documentElement.scrollWidth - window.innerWidth <= 1", timeout=5000)
        result = page.locator(".md-search-result").evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert result[0] <= result[1]
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/reports/000_f936ed40faecbb33-1/**", timeout=5000)


@pytest.mark.browser
def test_search_reads_a_few_index_files_from_the_site_only(seed_site: Path) -> None:
    hosts: set[str] = set()
    sizes: list[int] = []
    with serve(seed_site) as base, chromium() as context:
        context.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
        context.on(
            "requestfinished",
            lambda request: sizes.append(response_bytes(request)) if is_index_request(request.url, base) else None,
        )
        page = context.new_page()
        page.goto(base, wait_until="domcontentloaded")
        assert SearchBox(page).search("农民人均纯收入").hits
    assert hosts == {urlparse(base).netloc}
    # the index files fetched, not the scripts that read them (30 KB, whatever the index's size)
    index_bytes = sum(path.stat().st_size for path in (seed_site / "search").rglob("*") if path.is_file())
    assert 0 < sum(sizes) < index_bytes / 4, (sum(sizes), index_bytes)


def is_index_request(url: str, base: str) -> bool:
    return is_search_request(url, base) and url.startswith(base + "search/")


def test_an_index_written_in_steps_equals_one_written_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rewriting only the shards a changed page touches, or writing them a few at a time, gives the
    same files as writing them all at once."""
    cache = ResultCache(tmp_path / "cache", "test")
    def paragraph(n: int, k: int) -> str:  # many different characters, so that the index has many shards
        return "<p>" + "".join(chr(0x4E00 + (n * 997 + k * 31 + i * 7) % 3000) for i in range(40)) + "</p>"

    texts = {f"reports/{n}/": "".join(paragraph(n, k) for k in range(40)) for n in range(4)}
    pages = {url: search.SearchPage(url, url, html) for url, html in texts.items()}
    first = search.write_index(pages.values(), tmp_path / "steps", cache)
    pages["reports/2/"] = search.SearchPage("reports/2/", "reports/2/", texts["reports/2/"] + "<p>港珠澳大桥</p>")
    second = search.write_index(
        [pages["reports/2/"]], tmp_path / "steps", cache, first, [u for u in pages if u != "reports/2/"]
    )
    whole = search.write_index(pages.values(), tmp_path / "whole")
    rewritten = [path for path, value in second.files.items() if first.files.get(path) != value]
    assert rewritten and len([p for p in rewritten if p.startswith("v0/g/")]) < second.manifest["volumes"][0][1]
    steps, at_once = tmp_path / "steps" / "search", tmp_path / "whole" / "search"
    files = sorted(str(p.relative_to(at_once)) for p in at_once.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(steps)) for p in steps.rglob("*") if p.is_file())
    assert all((steps / name).read_bytes() == (at_once / name).read_bytes() for name in files)
    assert second.files == whole.files
    monkeypatch.setitem(search.settings(), "shard_group_bytes", 500)  # many groups of a few shards
    assert search.write_index(pages.values(), tmp_path / "groups").files == whole.files


def test_a_page_whose_paragraphs_shift_is_spliced_into_the_shards_it_touches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removing a paragraph renumbers the rest of the page: the changed shards are the previous ones with
    that page's parts replaced, byte for byte what a whole write gives; a shard file that is not as the
    previous build left it makes the index write every shard."""
    monkeypatch.setitem(search.settings(), "shard_bytes", 1000)  # many shards: the page is in some only
    cache = ResultCache(tmp_path / "cache", "test")

    def paragraph(n: int, k: int) -> str:
        return "<p>" + "".join(chr(0x4E00 + (n * 997 + k * 31 + i * 7) % 3000) for i in range(40)) + "</p>"

    texts = {f"reports/{n}/": [paragraph(n, k) for k in range(40)] for n in range(4)}
    pages = [search.SearchPage(url, url, "".join(parts)) for url, parts in texts.items()]
    folder = tmp_path / "site"
    first = search.write_index(pages, folder, cache)
    shifted = [*pages[:2], search.SearchPage("reports/2/", "reports/2/", "".join(texts["reports/2/"][1:])), pages[3]]
    second = search.write_index(shifted, folder, cache, first)
    whole = search.write_index(shifted, tmp_path / "whole")
    assert second.files == whole.files
    changed = [path for path, value in second.files.items() if path.startswith("v0/g/") and first.files[path] != value]
    assert 0 < len(changed) < second.manifest["volumes"][0][1]
    for name in whole.files:
        assert stored(folder / "search", name).read_bytes() == stored(tmp_path / "whole" / "search", name).read_bytes()
    other = "".join(paragraph(7, k) for k in range(39))  # other characters: the page leaves some shards
    moved = [*pages[:2], search.SearchPage("reports/2/", "reports/2/", other), pages[3]]
    elsewhere = search.write_index(moved, folder, cache, second)
    assert elsewhere.manifest["volumes"][0][1] == second.manifest["volumes"][0][1]
    assert elsewhere.files == search.write_index(moved, tmp_path / "moved").files
    second = search.write_index(shifted, folder, cache, elsewhere)
    stored(folder / "search", changed[0]).write_text("@0\n", encoding="utf-8")  # damaged after the build
    third = search.write_index(pages, folder, cache, second)
    original = search.write_index(pages, tmp_path / "original")
    assert third.files == first.files == original.files
    for name in original.files:
        assert stored(folder / "search", name).read_bytes() == stored(tmp_path / "original" / "search", name).read_bytes()


def test_a_changed_page_enters_and_leaves_shards_in_page_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With many small shards a page has parts in some of them only: after a change it is added to shards
    it was missing from, in its place among the pages, and removed from those it left."""
    monkeypatch.setitem(search.settings(), "shard_bytes", 100)
    cache = ResultCache(tmp_path / "cache", "test")

    def page(n: int, seed: int) -> search.SearchPage:
        draw = random.Random(seed)
        text = "".join(chr(0x4E00 + draw.randrange(20000)) for _ in range(30))
        return search.SearchPage(f"reports/{n}/", f"reports/{n}/", f"<p>{text}</p>")

    def shards_with_page_3(folder: Path) -> set[str]:
        names = (str(p.relative_to(folder)).removesuffix(search.STORED) for p in folder.glob("v0/g/*.txt.gz"))
        return {name for name in names if "@3\n" in search.read_index_text(folder, name)}

    pages = [page(n, n) for n in range(6)]
    first = search.write_index(pages, tmp_path / "site", cache)
    before = shards_with_page_3(tmp_path / "site" / "search")
    changed = [*pages[:3], page(3, 99), *pages[4:]]
    second = search.write_index(changed, tmp_path / "site", cache, first)
    after = shards_with_page_3(tmp_path / "site" / "search")
    assert second.manifest["volumes"][0][1] == first.manifest["volumes"][0][1]
    assert after - before and before - after  # shards it entered and shards it left
    whole = search.write_index(changed, tmp_path / "whole")
    assert second.files == whole.files


def test_pages_indexed_in_a_pool_give_the_index_made_in_one_process(tmp_path: Path) -> None:
    """Workers store each page's part in the cache and send back its summary only: the same index."""
    pages = [search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>粮食产量第{n}段</p><p>居民消费{n}</p>") for n in range(12)]
    pooled = search.write_index(pages, tmp_path / "pooled", ResultCache(tmp_path / "cache", "test"))
    alone = search.write_index(pages, tmp_path / "alone")
    assert pooled.files == alone.files
    again = search.write_index(pages, tmp_path / "again", ResultCache(tmp_path / "cache", "test"))
    assert again.files == alone.files


def test_pages_indexed_ahead_leave_the_index_nothing_to_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages handed to ``IndexingAhead`` are indexed by its workers into the cache, where the index finds
    every part: it indexes none itself and writes the same files."""
    monkeypatch.setenv("REPORTS_WORKERS", "2")
    pages = [search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>粮食产量第{n}段</p><p>居民消费{n}</p>") for n in range(12)]
    cache = ResultCache(tmp_path / "cache", "test")
    ahead = search.IndexingAhead()
    assert ahead.start(pages, None) == 0
    assert ahead.start(pages, cache) == len(pages)
    ahead.wait()
    assert ahead.start(pages, cache) == 0  # all cached now

    def index_pages(pages: list[tuple[search.SearchPage, str]], cache: object) -> list[search.IndexedPage]:
        assert not pages, "pages indexed again"
        return []

    monkeypatch.setattr(indexing, "index_pages", index_pages)
    ahead_files = search.write_index(pages, tmp_path / "ahead", cache).files
    monkeypatch.undo()
    assert ahead_files == search.write_index(pages, tmp_path / "alone").files


def test_an_index_written_ahead_is_the_index_written_here(tmp_path: Path) -> None:
    """A forked process writes the same files, and says what it wrote, for the pages it was given only."""
    pages = [search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>粮食产量第{n}段</p><p>居民消费{n}</p>") for n in range(5)]
    cache = ResultCache(tmp_path / "cache", "test")
    here = search.write_index(pages, tmp_path / "here", cache)
    ahead = search.WritingAhead()
    assert ahead.start(reversed(pages), tmp_path / "ahead", cache)
    written = ahead.result(pages)
    assert written == here
    assert site_files(tmp_path / "ahead") == site_files(tmp_path / "here")
    assert ahead.result(pages) is None  # nothing is running any more
    assert ahead.start(pages, tmp_path / "other", cache)
    changed = [*pages[:4], search.SearchPage("reports/4/", "第4篇", "<p>港珠澳大桥</p>")]
    assert ahead.result(changed) is None  # not the pages it indexed: the caller writes the index itself
    assert ahead.start(pages, tmp_path / "stopped", cache)
    ahead.stop()
    assert ahead.process is None and ahead.result(pages) is None


def site_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_pair_shards_written_by_a_forked_process_are_the_shards_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many pages a forked process writes the pair shards; the files are those of one process, and
    when that process fails, this one writes its shards."""
    pages = [search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>粮食产量第{n}段</p><p>居民消费{n}</p>") for n in range(12)]
    started: list[Forked | None] = []
    start = Forked.start

    def recorded(function: Callable[[], object]) -> Forked | None:
        started.append(start(function))
        return started[-1]

    monkeypatch.setattr(Forked, "start", recorded)
    forked = search.write_index(pages, tmp_path / "forked")
    assert started and started[0] is not None
    monkeypatch.setattr(Forked, "start", lambda function: None)
    alone = search.write_index(pages, tmp_path / "alone")
    assert forked == alone
    assert site_files(tmp_path / "forked") == site_files(tmp_path / "alone")

    def failing() -> None:
        raise RuntimeError("the helper fails")

    monkeypatch.setattr(Forked, "start", lambda function: start(failing))
    assert search.write_index(pages, tmp_path / "failed") == alone
    assert site_files(tmp_path / "failed") == site_files(tmp_path / "alone")


def test_an_index_is_written_when_no_process_can_be_forked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [search.SearchPage(f"reports/{n}/", f"第{n}篇", f"<p>粮食产量第{n}段</p>") for n in range(12)]
    alone = search.write_index(pages, tmp_path / "alone")

    def no_fork() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert Forked.start(lambda: 1) is None
    assert search.write_index(pages, tmp_path / "unforked") == alone
    assert not search.WritingAhead().start(pages, tmp_path / "ahead", None)
    # the indexing workers are then new interpreters: they start all the same and fill the cache
    cache, ahead = ResultCache(tmp_path / "cache", "test"), search.IndexingAhead()
    assert ahead.start(pages, cache) == len(pages)
    ahead.wait()
    assert all(cache.has(index_key(page) + ".s") for page in pages)


def query_number_keys(term: str) -> list[str]:
    """What the worker's ``numberKeys`` makes of a normalised term (search-worker.js)."""
    keys = []
    for match in re.finditer(r"[0-9]+(?:\.[0-9]+)*", term):
        end = match.end()
        if len(match.group()) >= 3 and end < len(term) and term[end] not in "0123456789.":
            keys += ["=" + match.group(), "=" + match.group() + term[end]]
    return keys


def test_number_keys_are_the_endings_of_the_numbers_of_a_text() -> None:
    endings = {"=3.1415", "=1415", "=415"}
    assert search.parse.number_keys(["增长３.１４１５亿元，共12个"]) == endings | {key + "亿" for key in endings}
    assert search.parse.number_keys(["3.1415。"]) == endings  # the end of a sentence is not part of the word
    assert query_number_keys("3.1415亿元") == ["=3.1415", "=3.1415亿"] and query_number_keys("3.1415") == []
    assert query_number_keys("1415𠀋") == ["=1415", "=1415𠀋"]  # a character beyond the BMP whole, as in the index


def test_a_pages_year_gives_the_keys_of_the_terms_its_year_facet_matches() -> None:
    """The panel finds a report of 2019 for 2019年 by its year even where its text never says 2019年: the
    directory must not leave out its volume."""
    page = index_page(search.SearchPage("reports/a/", "某地政府工作报告", "<p>去年经济平稳。</p>", year=2019))
    keys = set(page.number_keys.split("\n"))
    assert set(query_number_keys("2019年")) <= keys and "=2019年" in keys


@given(
    text=st.text(alphabet="0123456789.亿元%增长，𠀋", max_size=40),
    start=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=1, max_value=12),
)
def test_a_number_in_a_query_has_its_key_in_every_text_that_holds_the_query(text: str, start: int, length: int) -> None:
    query = text[start : start + length]
    for term in search.parse.runs(search.parse.normalize(query)):
        assert set(query_number_keys(term)) <= search.parse.number_keys([text]), (text, term)


def test_what_a_report_page_says_about_the_report_is_not_searched_as_its_text() -> None:
    """合并, 目录 and 清理 found all 164 corpus reports (the box about each page: 合并 0 处…), and 人民公社 the 1980
    report, whose box of phrases dropped since the report before lists it; the breadcrumbs and the line
    under the title made 首页 and 原文无标题 words of every report."""
    html = (
        '<nav class="gr-breadcrumbs"><a>首页</a> › <a>国家</a></nav><h1>1980年国务院政府工作报告</h1>'
        '<p class="gr-below-title">原文无标题 · 年份：1980年</p><p class="gr-keywords">本篇特色词：调整</p>'
        '<details class="abstract gr-about"><summary>关于本页</summary><p>清理：合并 3 处被分页截断的段落。</p></details>'
        '<details class="note gr-sources"><summary>本报告有 2 个来源</summary><ul><li>city/襄阳.txt（文件名作“襄阳”）'
        '</ul></details>'
        '<p id="L5">国民经济调整取得进展。</p>'
        '<div class="gr-across"><h2 id="新提法">新提法</h2><p><strong>不再出现</strong>（1）：人民公社（2次）</p></div>'
    )
    text = " ".join(block.text for block in search.parse_page(search.SearchPage("reports/r/", "1980年", html)).blocks)
    assert "国民经济调整取得进展" in text
    for word in ("首页", "原文无标题", "本篇特色词", "合并", "人民公社", "新提法", "襄阳", "来源"):
        assert word not in text, word
    # as a minified page writes it, its paragraphs never ended: the skipping ends where a paragraph would
    minified = ('<nav class=gr-breadcrumbs><p><a>首页</a> › <a>国家</a></nav><h1 id=t>1980年</h1>'
                '<p class=gr-below-title>原文无标题<p class=gr-keywords>本篇特色词：调整<h2 id=a>一、调整</h2>')
    headings = [block.text for block in search.parse_page(search.SearchPage("reports/r/", "1980年", minified)).blocks]
    assert headings == ["1980年", "一、调整"]


def test_a_year_whose_zero_is_written_as_a_circle_is_the_year_written_with_the_numeral_zero() -> None:
    """一九八○年 (80 years of the old reports write their zero as ○, no word character) cut the year in two:
    一九八〇年 and 二〇三五年 found none of them."""
    assert search.normalize("一九八○年") == search.normalize("一九八〇年")
    assert list(search.runs(search.normalize("一九八○年计划"))) == [search.normalize("一九八〇年计划")]  # one run
    assert any("〇" in line and "○" in line for line in folding.blocks().values())  # the browser folds it too


def test_an_ampersand_between_letters_keeps_a_term_whole() -> None:
    """R&D was searched as R and D, each a term of one letter: 35 reports of the corpus site, where 3 write R&D."""
    assert list(search.runs(search.normalize("R&D投入"))) == [search.normalize("R&D投入")]


def test_the_state_council_s_reports_weigh_more_than_one_place_s() -> None:
    """A journalist's 乡村振兴, 营商环境, 新质生产力 or 碳达峰 found the State Council's reports 20th to 44th at best (long,
    they name a policy once where a city's report repeats it ten times); their scores count twice (1st, 38th, 7th, 4th)."""
    from build_tools.search.parse import boost_of

    assert boost_of("reports/national-2024/") == 2 * boost_of("reports/city-襄阳/")
    assert boost_of("phrases/乡村振兴/") < boost_of("reports/city-襄阳/")
