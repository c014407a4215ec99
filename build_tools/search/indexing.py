"""Many pages' parts: pages in, their parts in the cache (made by worker processes when there are many) out.

``PageIndexes`` gives the index writer each page's summary and fragments; ``IndexingAhead`` starts the
workers while the templates are rendered, so that the writer later finds every part cached;
``read_into_memory`` reads what a rebuild reads first into a server's memory.
"""
from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from build_tools.engine.cache import ResultCache
from build_tools.engine.forked import MIN_FILES_FOR_POOL, can_fork, worker_count
from build_tools.search.parse import SearchPage, is_excluded
from build_tools.search.parts import (
    Fragments,
    IndexedPage,
    MemoryStore,
    PageSummary,
    fragments,
    index_and_store,
    index_key,
    keys_text,
    store_part,
)

SPAWN_FROM_PAGES = 1000  # below this many pages to index, the workers are forks (see ``indexing_pool``)


def indexing_pool(
    pages: Sequence[tuple[SearchPage, str]], store: tuple[Path, str] | None
) -> tuple[ProcessPoolExecutor, Iterator[IndexedPage | PageSummary]] | None:
    """Workers started on ``index_and_store`` of each page (``(page, key)``), and their results in order;
    ``None`` when the pages are too few for workers, or no process could be had.

    For many pages the workers are new interpreters (``spawn``), not forks of this process: by the time
    pages are indexed, this process holds every page of the site (a gigabyte at 10,000 reports), which
    forked workers would come to copy as they touched it over a long run. For fewer pages (a rebuild
    after a few changed) they are forks, which start at once and are gone before they have copied
    much. Either way a page crosses to them pickled, small: its HTML is a place in the staging folder's
    file (``holding.Stored``) or the compressed bytes."""
    workers = worker_count(len(pages))
    if workers <= 1 or len(pages) < MIN_FILES_FOR_POOL:
        return None
    items = [page for page, _ in pages], [key for _, key in pages], [store] * len(pages)
    for method in ("fork", "spawn") if len(pages) < SPAWN_FROM_PAGES and can_fork() else ("spawn",):
        context = multiprocessing.get_context(method)
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=gc.freeze)
        try:
            return pool, pool.map(index_and_store, *items, chunksize=8)
        except OSError:  # no process to be had this way
            pool.shutdown(wait=False, cancel_futures=True)
    return None  # nor any other: the caller indexes the pages itself


def index_pages(
    pages: Sequence[tuple[SearchPage, str]], cache: ResultCache | MemoryStore
) -> Iterator[IndexedPage | PageSummary]:
    """Each page's part (``(page, key)``), in order; in a pool of processes when there are many, whose
    workers store the parts in ``cache`` themselves and give back only their summaries."""
    started = indexing_pool(pages, (cache.folder, cache.version) if isinstance(cache, ResultCache) else None)
    if started is None:
        yield from (index_and_store(page, key, None) for page, key in pages)
        return
    pool, results = started
    with pool:
        yield from results


class IndexingAhead:
    """Pages indexed while the site's templates are rendered: ``start`` hands the pages whose parts the
    cache lacks to forked workers, which store the parts there; ``wait`` returns once they are done, and
    the index then finds every part in the cache. Nothing starts unless the cache can be written and
    processes can be forked; whatever is not done ahead is indexed when the index is written."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.results: Iterator[PageSummary | IndexedPage] = iter(())

    def start(self, pages: Iterable[SearchPage], cache: ResultCache | None) -> int:
        """Starts indexing the pages of ``pages`` the index will need and ``cache`` lacks; how many."""
        self.wait()
        if cache is None or not cache.is_writable():
            return 0
        wanted = [(page, index_key(page)) for page in pages if not is_excluded(page.url)]
        missing = [(page, key) for page, key in wanted if not cache.has(key + ".s")]
        started = indexing_pool(missing, (cache.folder, cache.version))
        if started is None:
            return 0
        self.pool, self.results = started
        return len(missing)

    def wait(self) -> None:
        """Returns once the pages started are indexed (or their workers failed: they are indexed later)."""
        if self.pool is None:
            return
        try:
            for _ in self.results:
                pass
        except Exception:  # a worker that died or failed: what it left undone is indexed by ``write_index``
            pass
        finally:
            self.pool.shutdown(cancel_futures=True)
            self.pool, self.results = None, iter(())


def read_into_memory(cache: ResultCache | None, keys: Iterable[str]) -> None:
    """The summary and the keys of each page of ``keys`` read into ``cache``'s memory (a cache that keeps
    what it reads, as a server's does), where a rebuild reads them first: an index written by a forked
    process leaves them in the cache's files only, and a server's first rebuild read them there."""
    if cache is not None:
        PageIndexes(cache).read_first_parts(keys)


class PageIndexes:
    """Each page's part of the index, cached under a key made of its URL, title, tags and HTML, in
    entries that are read separately: ``KEY.s`` its ``PageSummary``, ``KEY`` its lines and chunks (an
    ``IndexedPage``), ``KEY.f0`` and ``KEY.f1`` its pair and its character fragments for the shard
    count last asked for (which changes only when the index grows past a power of two), ``KEY.k`` the
    keys it holds (``keys``). Only one page's parts are in memory at a time."""

    def __init__(self, cache: ResultCache | None) -> None:
        # parts are read back from the cache: one that cannot store them is replaced by memory
        usable = cache is not None and cache.is_writable()
        self.cache: ResultCache | MemoryStore = cache if cache is not None and usable else MemoryStore()
        self.used: set[str] = set()
        self.last: tuple[str, IndexedPage] | None = None  # the page read last: its fragments are asked for together

    def summaries(self, pages: Sequence[SearchPage | tuple[str, str]]) -> list[tuple[str, PageSummary]]:
        """Each page's key and summary; the pages not cached are indexed (in a pool of processes) and stored.

        A page given as ``(url, key)`` was not rendered again: its parts must be in the cache already.
        """
        keys = [index_key(page) if isinstance(page, SearchPage) else page[1] for page in pages]
        self.used.update(key + suffix for key in keys for suffix in ("", ".s", ".f0", ".f1", ".k"))
        found = [self.cache.get(key + ".s") for key in keys]
        missing = [number for number, summary in enumerate(found) if not isinstance(summary, PageSummary)]
        lost = [pages[n][0] for n in missing if not isinstance(pages[n], SearchPage)]
        if lost:
            raise LookupError(f"the index of {', '.join(map(str, lost))} is no longer cached")
        made = index_pages([(page, keys[n]) for n in missing if isinstance(page := pages[n], SearchPage)], self.cache)
        for number, part in zip(missing, made, strict=True):
            if isinstance(part, IndexedPage):  # made here: stored here
                store_part(self.cache, keys[number], part)
                part = part.summary
            found[number] = part
        return [(key, summary) for key, summary in zip(keys, found, strict=True) if isinstance(summary, PageSummary)]

    def read_first_parts(self, keys: Iterable[str]) -> None:
        """Reads each page's summary (``summaries``) and keys (``keys``), what a rebuild reads first."""
        for key in keys:
            self.cache.get(key + ".s")
            self.cache.get(key + ".k")

    def page(self, key: str) -> IndexedPage:
        if self.last is not None and self.last[0] == key:
            return self.last[1]
        page = self.cache.get(key)
        if not isinstance(page, IndexedPage):
            raise LookupError(f"the index entry {key} is no longer cached")
        self.last = (key, page)
        return page

    def stored_fragments(self, key: str, which: int, count: int) -> Fragments | None:
        stored = self.cache.get(f"{key}.f{which}")
        if isinstance(stored, tuple) and stored[0] == count:
            return stored[1]
        return None

    def fragments(self, key: str, which: int, count: int) -> Fragments:
        """The page's pair (``which`` 0) or character (1) fragments for ``count`` shards."""
        stored = self.stored_fragments(key, which, count)
        if stored is not None:
            return stored
        page = self.page(key)
        made = fragments(page.character_lines if which else page.pair_lines, count)
        self.cache.put(f"{key}.f{which}", (count, made))
        return made

    def keys(self, key: str) -> tuple[list[str], ...]:
        """The pairs, characters and number keys of the page, those it holds strongly and those it holds more
        strongly (``parts.keys_text``), kept apart from its lines so that the keys of a volume in which one page
        changed are gathered without reading the others' postings."""
        stored = self.cache.get(key + ".k")
        if not isinstance(stored, str) or stored.count("\n\n") < 2:
            stored = keys_text(self.page(key))
            self.cache.put(key + ".k", stored)
        return tuple(section.split("\n") if section else [] for section in stored.split("\n\n"))

    def both_fragments(self, key: str, counts: tuple[int, int]) -> tuple[Fragments, Fragments]:
        return self.fragments(key, 0, counts[0]), self.fragments(key, 1, counts[1])

    def finish(self) -> None:
        self.cache.retain(self.used)
