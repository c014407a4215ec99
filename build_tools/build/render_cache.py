"""The render cache: a page's Markdown and everything its render reads in, MkDocs' result for it out.

What Markdown made of a page (its HTML, table of contents, anchors and the warnings logged meanwhile) is
cached, keyed by the page's Markdown, its path, the list of the site's files, ``mkdocs.yml`` and the
versions of the code; a page found there is not converted again (``lookup`` hands MkDocs the stored
result), and ``prerender`` renders the pages not found there ahead in forked workers, whose own events
fill the cache.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import YAML_RE

from build_tools.build.site_state import BuildState, render_version
from build_tools.engine.cache import ResultCache, shared_cache


@dataclass(frozen=True)
class RenderedPage:
    """What MkDocs' ``Page.render`` leaves on a page, in a form that pickles (files by path, TOC pickled)."""

    content: str
    toc: bytes
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None
    records: tuple[tuple[str, int, str], ...]


class RecordCapture(logging.Handler):
    """Keeps the records logged while one page is rendered, to log them again when the render is reused."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))


class PageRenders:
    """The render cache: ``lookup`` before MkDocs renders a page, ``store`` right after."""

    def __init__(self, builds: BuildState) -> None:
        self.builds = builds
        self.capture: RecordCapture | None = None
        self.pending: dict[str, str] = {}
        self.used: set[str] = set()
        self.signature: tuple[int, str] = (0, "")

    def cache(self) -> ResultCache | None:
        return shared_cache("pages", "pages")

    def begin(self) -> None:
        """Starts a build: the list of files and the settings are read again at its first page."""
        self.signature = (0, "")

    def key(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.signature[0] != id(files):  # once per build: the files and settings every page shares
            listing = "\0".join(sorted(f.src_uri for f in files))
            shared = f"{render_version(config)}\0{config.site_url}\0{config.use_directory_urls}\0{listing}"
            self.signature = (id(files), hashlib.sha256(shared.encode()).hexdigest())
        digest = hashlib.sha256(f"{self.signature[1]}\0{page.file.src_uri}\0".encode())
        digest.update(markdown.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def is_cached(self, page: Page, config: MkDocsConfig, files: Files) -> bool:
        """Whether the render of ``page`` is cached, judged from its source before any plugin changes it."""
        cache = self.cache()
        if cache is None:
            return True
        source = page.file.content_string
        front = YAML_RE.match(source)
        markdown = source[front.end() :].lstrip("\n") if front else source
        return cache.has(self.key(markdown, page, config, files))

    def lookup(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Gives ``page`` the stored render of ``markdown`` if there is one, else starts recording it."""
        cache = self.cache()
        if cache is None:
            return
        if self.builds.keeps(page.file):  # neither written nor indexed again: its title (front matter) is enough
            page.render = partial(skip_render, page)  # type: ignore[method-assign]
            return
        key = self.key(markdown, page, config, files)
        self.used.add(key)
        stored = cache.get(key)
        if isinstance(stored, RenderedPage):
            page.render = partial(restore, self.builds, page, stored)  # type: ignore[method-assign]
            return
        self.pending[page.file.src_uri] = key
        self.capture = RecordCapture()
        logging.getLogger("mkdocs").addHandler(self.capture)

    def store(self, page: Page) -> None:
        key = self.pending.pop(page.file.src_uri, None)
        capture, self.capture = self.capture, None
        if capture is not None:
            logging.getLogger("mkdocs").removeHandler(capture)
        cache = self.cache()
        if capture is not None and capture.records:
            self.builds.noisy.add(page.file.src_uri)
        if key is None or capture is None or cache is None:
            return
        links = page.links_to_anchors
        cache.put(
            key,
            RenderedPage(
                page.content or "",
                pickle.dumps(page.toc),
                page._title_from_render,
                frozenset(page.present_anchor_ids or ()),
                None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
                tuple(capture.records),
            ),
        )

    def finish(self) -> None:
        """Ends a build: stops any capture left open and keeps in memory only this build's pages."""
        if self.capture is not None:
            logging.getLogger("mkdocs").removeHandler(self.capture)
            self.capture = None
        self.pending.clear()
        cache = self.cache()
        if cache is not None:
            cache.retain(self.used)
        self.used = set()


def skip_render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Stands in for ``Page.render``, once, for a page this build keeps as the last one wrote it."""
    del page.render  # type: ignore[method-assign]
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = None  # not rendered: links to its anchors are checked by full builds


def restore(builds: BuildState, page: Page, stored: RenderedPage, config: MkDocsConfig, files: Files) -> None:
    """Stands in for ``Page.render``, once: the stored result, and the warnings the render logged."""
    del page.render  # type: ignore[method-assign]  # the page no longer holds the stored result
    if stored.records:
        builds.noisy.add(page.file.src_uri)
    page.content = stored.content
    page.toc = pickle.loads(stored.toc)
    page._title_from_render = stored.title
    page.present_anchor_ids = set(stored.anchors)
    if stored.links is not None:
        targets = ((files.get_file_from_path(path), anchors) for path, anchors in stored.links.items())
        page.links_to_anchors = {file: dict(anchors) for file, anchors in targets if file is not None}
    for name, level, message in stored.records:
        logging.getLogger(name).log(level, message)


def template_cache_folder() -> Path | None:
    """Where compiled templates are kept, if the cache is on and its folder can be made."""
    cache = shared_cache()
    if cache is None:
        return None
    folder = cache.folder.parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
