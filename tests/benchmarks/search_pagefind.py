"""The project's search beside Pagefind on the same built site, for ``bench_search.py --pagefind CMD``.

A built site in (the corpus site), figures out: for each engine, on the queries of ``QUERIES``, recall
(the share of the pages whose text holds the query, folded to simplified, that the engine lists, after
scrolling to the end of the list), false hits (listed pages whose text does not hold it), the bytes to the
first ten results in a fresh browser, latency, and the size of the index on disk.

Pagefind (PyPI ``pagefind[extended]``, which segments Chinese) indexes a copy of the site without the
pages the project's index leaves out (``audit/``, ``tags/``), reading each page's article only
(``--root-selector``), with the language forced to Chinese. Its queries go through its own JavaScript API
(``pagefind.js``: ``search``, then ``data()`` of each result), as its search UI does.
"""

from __future__ import annotations

import re
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from build_tools import search
from tests.benchmarks.search_archive import ARTICLE
from tests.browser import chromium, serve

QUERIES = (
    # words and phrases found in a few reports
    "海浪", "注册资本", "套汇", "儒商", "共生矿", "快件", "柠檬", "煤田", "猕猴桃", "嫦娥", "量子计算机",
    "配水管网", "国际公约", "农民人均纯收入", "港珠澳大桥", "人民公社", "三峡工程",
    # substrings of words, and strings across words
    "产量", "引入专业化", "改扩建供水", "农畜产品", "资可支", "稳中求",
    # figures
    "11.6亿元", "58.9%", "310.8亿元",
    # places
    "东营", "晋城", "苏州",
    # phrases found in most reports
    "粮食产量", "高质量发展", "城镇居民人均可支配收入", "全面建成小康社会", "一带一路",
    # traditional characters, and the same in simplified
    "我國偉大的人民革命", "我国伟大的人民革命", "社會主義工業化", "社会主义工业化", "國家資本主義", "国家资本主义",
    # found nowhere
    "火星移民", "猫咪咖啡馆", "区块链彩票", "太空电梯", "3.1415亿元",
)
EXCLUDED = ("audit", "tags")
SEARCH = """async (query) => {
  const pagefind = window.__pagefind || (window.__pagefind = await import(__BASE__ + "pagefind/pagefind.js"))
  await pagefind.options({ excerptLength: 30 })
  const started = performance.now()
  const found = await pagefind.search(query)
  const first = await Promise.all(found.results.slice(0, 10).map(result => result.data()))
  const milliseconds = performance.now() - started
  const all = __ALL__ ? await Promise.all(found.results.slice(10).map(result => result.data())) : []
  return { urls: [...first, ...all].map(data => data.url), count: found.results.length, milliseconds }
}"""


def page_texts(site: Path) -> dict[str, str]:
    """Each page the project's index reads (URL path → normalised text of its article)."""
    texts = {}
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site)
        if relative.parts and relative.parts[0] in (*EXCLUDED, "search", "assets", "pagefind"):
            continue
        article = ARTICLE.search(path.read_text(encoding="utf-8"))
        if article:
            text = re.sub(r"<[^>]+>", "", article.group(1))
            texts[f"{relative}/" if relative.parts else ""] = search.normalize(unescape(text))
    return texts


def unescape(text: str) -> str:
    import html

    return html.unescape(text)


def pagefind_site(site: Path, command: str, folder: Path) -> tuple[Path, float, int]:
    """A copy of ``site`` with Pagefind's index; the seconds Pagefind took and its index's bytes."""
    copy = folder / "pagefind-site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(*EXCLUDED))
    start = time.perf_counter()
    arguments = ["--site", str(copy), "--root-selector", "article.md-content__inner", "--force-language", "zh"]
    subprocess.run([*shlex.split(command), *arguments], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    size = sum(path.stat().st_size for path in (copy / "pagefind").rglob("*") if path.is_file())
    return copy, seconds, size


def pagefind_answers(site: Path, queries: tuple[str, ...], every: bool) -> list[dict[str, Any]]:
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="domcontentloaded")
        code = SEARCH.replace("__BASE__", repr(base)).replace("__ALL__", "true" if every else "false")
        answers = [page.evaluate(code, query) for query in queries]
    for answer in answers:
        answer["paths"] = [path_of(url, base) for url in answer["urls"]]
    return answers


def pagefind_bytes(site: Path, query: str) -> int:
    """Bytes Pagefind fetches from opening the home page to the data of its first ten results."""
    with serve(site) as base, chromium() as context:
        received: list[int] = []
        context.on("requestfinished", lambda request: received.append(size_of(request))
                   if "/pagefind/" in request.url else None)
        page = context.new_page()
        page.goto(base, wait_until="domcontentloaded")
        page.evaluate(SEARCH.replace("__BASE__", repr(base)).replace("__ALL__", "false"), query)
        return sum(received)


def size_of(request: Any) -> int:
    response = request.response()
    declared = int(response.headers.get("content-length", 0)) if response else 0
    return max(request.sizes()["responseBodySize"], declared)


def path_of(url: str, base: str) -> str:
    path = unquote(urlparse(url).path)
    prefix = urlparse(base).path
    path = path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
    return path[: -len("index.html")] if path.endswith("index.html") else path


def scores(texts: dict[str, str], queries: tuple[str, ...], listed: list[list[str]]) -> dict[str, float]:
    """Recall over the (query, page) pairs where the page holds the query; false hits; queries with none."""
    wanted = found = false = 0
    for query, paths in zip(queries, listed, strict=True):
        term = search.normalize(query)
        holding = {path for path, text in texts.items() if term in text}
        wanted += len(holding)
        found += len(holding & set(paths))
        false += len(set(paths) - holding)
    return {"recall": found / max(1, wanted), "pages to find": wanted, "false hits": false}


def compare(site: Path, command: str, project_lists: list[list[str]], project_bytes: list[int],
            project_ms: list[float]) -> dict[str, dict[str, float]]:
    """Both engines' figures on ``site``; the project's lists, bytes and latencies are measured by the caller."""
    texts = page_texts(site)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        copy, seconds, size = pagefind_site(site, command, Path(folder))
        answers = pagefind_answers(copy, QUERIES, every=True)
        cold = [pagefind_bytes(copy, query) for query in QUERIES[::5]]
    own_size = sum(path.stat().st_size for path in (site / "search").rglob("*") if path.is_file())
    return {
        "project": {
            **scores(texts, QUERIES, project_lists),
            "bytes to first results, median": statistics.median(project_bytes),
            "bytes to first results, max": max(project_bytes),
            "latency ms, median": statistics.median(project_ms),
            "index bytes": own_size,
        },
        "pagefind": {
            **scores(texts, QUERIES, [answer["paths"] for answer in answers]),
            "bytes to first results, median": statistics.median(cold),
            "bytes to first results, max": max(cold),
            "latency ms, median": statistics.median(answer["milliseconds"] for answer in answers),
            "index bytes": size,
            "index seconds": seconds,
        },
    }
