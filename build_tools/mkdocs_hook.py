"""MkDocs hook: the folder of raw reports in, generated pages and navigation handed to MkDocs.

Thin glue only: ``on_config`` runs the pipeline over the seeds folder (``REPORTS_SEEDS_DIR``, or
``seeds/`` beside ``mkdocs.yml``) and sets the navigation; ``on_files`` adds the generated pages.
A file that cannot be published is logged as a warning naming it, so ``mkdocs build --strict``
fails while a plain build still publishes every other report.

Speed: each file's pipeline result, with its reports' pages (``site.file_pages``), comes from the
content-hash cache (``build_tools/cache.py``) when it has one, and the rest are processed in a pool of
processes (under ``python -m build_tools build``, while MkDocs loads: ``build_tools/ahead.py``). The
pipeline's records are then frozen out of the cyclic garbage collector's reach (``gc.freeze``) until the
build ends, so that MkDocs' many short-lived objects do not make it walk them again and again. What
Markdown made of a page (its HTML, table of contents, anchors and the warnings logged meanwhile) is
cached too, keyed by the page's Markdown, its path, the list of the site's files, ``mkdocs.yml`` and the
versions of the code; a page found there is not converted again (``on_page_markdown`` hands MkDocs the
stored result instead), and the pages not found there are rendered ahead in forked workers (``on_nav``,
``build_tools/prerender.py``). The search index takes each unchanged page's part from the same cache.
The downloads (CSV, JSON) wait in a temporary folder rather than in memory until MkDocs copies them into
the site.

Rebuilding in place: the CLI makes every build a dirty one. ``BuildState`` keeps, per site folder,
what the last build wrote there; when the folder holds the last build of a site with the same frame
(code, settings, navigation, page list), MkDocs writes only the generated files whose bytes
changed (``GeneratedFile.is_modified``) and the search index only its changed files; otherwise the
folder is cleaned first. Every page is still read, since MkDocs takes titles from there and
Material's tags plugin gathers from all pages, but a page that is kept is not rendered
(``skip_render``) unless its render logged warnings, which are then logged again.

Search (``build_tools/search.py``): ``on_page_context`` hands each page to the project's index and hides
it from Material's own search plugin, so the plugin writes only its settings; ``on_post_build`` writes
the index. ``on_env``, once Markdown has made every page's HTML, starts the index's work so that it runs
while the templates are rendered: the pages whose index parts the cache lacks go to forked workers
(``search.IndexingAhead``); when none do, a build into an empty folder has a forked process write the
whole index (``search.WritingAhead``).
``REPORTS_SEARCH=material`` leaves search to the plugin alone (the benchmark's anchor).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import re
import shutil
import tempfile
from functools import partial
from importlib import metadata
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import YAML_RE

from build_tools import ahead, search
from build_tools.cache import (
    RenderedPage,
    ResultCache,
    SiteState,
    prune_shared,
    remember_between_builds,
    shared_cache,
    source_version,
)
from build_tools.model import InputError
from build_tools.pipeline import (
    Input,
    folder_inputs,
    publish_cached,
    publish_finished,
    summary,
    worker_count,
)
from build_tools.prerender import prerender
from build_tools.raw_html import RAW_START
from build_tools.site import ReportPages, SitePages, all_report_pages, assemble_site, file_pages

SEEDS_ENV = "REPORTS_SEEDS_DIR"
SEARCH_ENV = "REPORTS_SEARCH"
log = logging.getLogger("mkdocs.hooks.reports")
generated: dict[str, SitePages] = {}
search_pages: dict[str, search.SearchPage] = {}
indexing = search.IndexingAhead()
writing = search.WritingAhead()
TAG_LISTING = "<!-- material/tags"  # Material's tags plugin fills such a page with every page's tags
ELEMENT_ID = re.compile(r'<[a-z][a-z0-9]*\s[^>]*?\bid="([^"]+)"')
RENDER_PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


def seeds_folder(config: MkDocsConfig) -> Path:
    configured = os.environ.get(SEEDS_ENV)
    return Path(configured) if configured else Path(config.config_file_path).parent / "seeds"


def on_startup(command: str, dirty: bool) -> None:
    remember_between_builds(command == "serve")  # a server builds again: keep results in memory too


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    folder = seeds_folder(config)
    inputs: list[Input] = []
    if not folder.is_dir():
        log.warning(f"{folder}: the folder of reports does not exist")
    else:
        inputs = folder_inputs(folder)
    ahead.wait()  # the command line may have started processing the folder (ahead.py)
    pages, errors, processed = report_pages(inputs)
    for error in errors:
        log.warning(f"{error.source}: {error.problem}")
    log.info(summary(len(pages), errors, len(inputs)))
    log.debug(f"{processed} files processed, {len(inputs) - processed} taken from the cache")
    site = assemble_site(pages, errors, site_name=config.site_name)
    renders.begin()
    generated["site"] = site
    builds.frame = frame_of(site, config)
    builds.tag_mapping = repr([(report.slug, report.tags) for report in pages])
    gc.freeze()
    return config


def report_pages(inputs: list[Input]) -> tuple[list[ReportPages], tuple[InputError, ...], int]:
    """Every report's own pages (the reports themselves stay in the workers and the cache), the files'
    errors and how many files were processed. When two reports would take the same page name, the
    reports are needed to rename one (``unique_slugs``): then they are all read."""
    finished = publish_finished(inputs, shared_cache(), file_pages)
    slugs = [slug for _, _, slug in finished.reports]
    if len(set(slugs)) == len(slugs):
        return list(finished.finished), finished.errors, finished.processed
    cached = publish_cached(inputs, shared_cache(), finish=file_pages)
    pages = all_report_pages(cached.publication, cached.finished)
    return pages, cached.publication.errors, cached.processed


def on_files(files: Files, config: MkDocsConfig) -> Files:
    staging.reset()
    builds.begin(Path(config.site_dir))
    for path, content in generated.pop("site").pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        modified = builds.changed(path, content, lists_tags=isinstance(content, str) and TAG_LISTING in content)
        if isinstance(content, str):
            file = GeneratedFile.generated(config, path, content=content)
        elif modified or not os.path.isfile(os.path.join(config.site_dir, path)):
            # a download to write waits on disk, not in memory, until MkDocs copies it
            file = GeneratedFile.generated(config, path, abs_src_path=staging.write(path, content))
        else:  # a download the folder already holds as it is: never copied, so its bytes are not kept
            file = GeneratedFile.generated(config, path, content=b"")
            modified = False
        assert isinstance(file, GeneratedFile)
        file.modified = modified
        files.append(file)
    builds.urls = [page_url(file) for file in files.documentation_pages()]
    return files


def page_url(file: File) -> str:
    """The URL MkDocs gives the page of ``file`` (``Page.url``: the home page's is empty)."""
    return "" if file.url in {".", "./"} else file.url


class GeneratedFile(File):
    """A generated page or download that says whether it differs from what the last build wrote.

    In a dirty build (``python -m build_tools build`` and ``serve`` make every build one) MkDocs writes
    only the files that say so; ``BuildState`` has cleaned the folder first unless it holds the last
    build of the same site. Every page is still read before the writing starts (``on_env``), so that
    plugins that gather from all pages (Material's tags) see them all; a page that is kept is read
    but not rendered (``BuildState.keeps``).
    """

    modified = True

    def is_modified(self) -> bool:
        return not builds.writing or self.modified or not os.path.isfile(self.abs_dest_path)


class BuildState:
    """Decides, per build, whether the site folder holds the last build of the same site (same
    ``frame``: code, settings, navigation, page list); if not, it is cleaned and every file is
    new. Kept between builds in the cache (``site-state``), one entry per site folder."""

    def __init__(self) -> None:
        self.frame = ""
        self.tag_mapping = ""
        self.site_dir = Path()
        self.previous: SiteState | None = None
        self.digests: dict[str, bytes] = {}
        self.urls: list[str] = []
        self.writing = False
        self.noisy: set[str] = set()

    def cache(self) -> ResultCache | None:
        return shared_cache("site-state", "site-state")

    def key(self) -> str:
        return hashlib.sha256(str(self.site_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()

    def begin(self, site_dir: Path) -> None:
        self.site_dir, self.digests, self.writing, self.noisy = site_dir, {}, False, set()
        cache = self.cache()
        stored = cache.get(self.key()) if cache is not None else None
        home = site_dir / "index.html"
        same = (
            isinstance(stored, SiteState)
            and stored.frame == self.frame
            and home.is_file()
            and search.digest(home.read_bytes()) == stored.home
        )
        self.previous = stored if same else None
        if cache is not None:  # a build that fails from here on leaves no record: the next one starts clean
            cache.put(self.key(), None)
        if not same:
            clean_directory(str(site_dir))

    def changed(self, path: str, content: str | bytes, lists_tags: bool = False) -> bool:
        """Whether ``content`` differs from what the last build wrote at ``path``; a page that lists
        tags counts every report's tags as part of its content."""
        if lists_tags:
            content = f"{content}\0{self.tag_mapping}"
        data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
        self.digests[path] = search.digest(data)
        return self.previous is None or self.previous.generated.get(path) != self.digests[path]

    def keeps(self, file: File) -> bool:
        """Whether ``file`` is a page this build keeps as the last build wrote it, which logged nothing
        when rendered (a page that did is rendered from the cache again, so its warnings are logged)."""
        if not isinstance(file, GeneratedFile) or self.previous is None or file.modified:
            return False
        if file.src_uri in self.previous.noisy:
            self.noisy.add(file.src_uri)
            return False
        return os.path.isfile(file.abs_dest_path)

    def unchanged_urls(self) -> list[str]:
        """The pages this build did not render: indexed for search as the last build left them."""
        return [url for url in self.urls if url not in search_pages] if self.previous is not None else []

    def finish(self, index: search.WrittenIndex | None) -> None:
        cache = self.cache()
        home = self.site_dir / "index.html"
        if cache is not None and home.is_file():
            state = SiteState(self.frame, search.digest(home.read_bytes()), self.digests, index, frozenset(self.noisy))
            cache.put(self.key(), state)


builds = BuildState()


def frame_of(site: SitePages, config: MkDocsConfig) -> str:
    """What every page of the site depends on besides its own content: when it changes, all are rebuilt.
    A page's tags are its own content (front matter), and the tags page counts all of them (``changed``)."""
    parts = [
        render_version(config),
        str(config.site_url),
        str(config.repo_url),
        os.environ.get(SEARCH_ENV, ""),
        str(config.strict),
        repr(site.nav),
        repr(sorted(site.pages)),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


class Staging:
    """A temporary folder for the generated downloads of one build, removed when the build ends."""

    def __init__(self) -> None:
        self.folder: Path | None = None

    def reset(self) -> None:
        self.remove()
        self.folder = Path(tempfile.mkdtemp(prefix="reports-downloads-"))

    def write(self, path: str, content: bytes) -> str:
        assert self.folder is not None
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return str(target)

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


staging = Staging()


def project_search() -> bool:
    return os.environ.get(SEARCH_ENV, "project") != "material"


@event_priority(100)  # before Material's search plugin reads the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if project_search():
        search_pages[page.url] = search_page(page)
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return context


def search_page(page: Page) -> search.SearchPage:
    return search.SearchPage(page.url, page.title or "", page.content or "", tuple(page.meta.get("tags") or ()))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    builds.writing = True  # every page has been read: from now on only changed files are written
    if project_search():  # every page's HTML is known: index it while the templates are rendered
        rendered = [file.page for file in files.documentation_pages() if file.page is not None]
        pages = [search_page(page) for page in rendered if not builds.keeps(page.file)]
        # pages to index: workers do it, and the index is written after the templates; none (or too few
        # for workers) in a build into an empty folder: a forked process writes the whole index meanwhile
        if not indexing.start(pages, search_cache()) and builds.previous is None:
            writing.start(pages, Path(config.site_dir), search_cache())
    folder = template_cache_folder()
    if folder is not None:  # the theme's templates, compiled once rather than at every build
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


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


def on_post_build(config: MkDocsConfig) -> None:
    index = None
    if project_search():
        previous = builds.previous.index if builds.previous is not None else None
        unchanged = builds.unchanged_urls()
        indexing.wait()
        index = writing.result(search_pages.values())
        if index is None:
            site_dir = Path(config.site_dir)
            index = search.write_index(search_pages.values(), site_dir, search_cache(), previous, unchanged)
    builds.finish(index)
    search_pages.clear()
    prune_shared()
    gc.unfreeze()
    renders.finish()
    staging.remove()


def search_cache() -> ResultCache | None:
    return shared_cache("search", "search")


def on_build_error(error: Exception) -> None:
    writing.stop()
    indexing.wait()
    search_pages.clear()
    gc.unfreeze()
    renders.finish()
    staging.remove()


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

    def __init__(self) -> None:
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
        if builds.keeps(page.file):  # neither written nor indexed again: its title (front matter) is enough
            page.render = partial(skip_render, page)  # type: ignore[method-assign]
            return
        key = self.key(markdown, page, config, files)
        self.used.add(key)
        stored = cache.get(key)
        if isinstance(stored, RenderedPage):
            page.render = partial(restore, page, stored)  # type: ignore[method-assign]
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
            builds.noisy.add(page.file.src_uri)
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
    """Stands in for ``Page.render`` for a page this build keeps as the last one wrote it."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = None  # not rendered: links to its anchors are checked by full builds


def restore(page: Page, stored: RenderedPage, config: MkDocsConfig, files: Files) -> None:
    """Stands in for ``Page.render``: the stored result, and the warnings the render logged."""
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


def render_version(config: MkDocsConfig) -> str:
    """The code, configuration and package versions that decide what Markdown makes of a page."""
    versions = "".join(f"{name}={metadata.version(name)}\0" for name in RENDER_PACKAGES)
    config_file = Path(config.config_file_path or "")
    settings = config_file.read_bytes() if config_file.is_file() else b""
    return hashlib.sha256(source_version().encode() + versions.encode() + settings).hexdigest()


renders = PageRenders()


@event_priority(-100)  # after every other plugin has changed the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Pages whose render is not cached are rendered ahead in worker processes (``prerender.py``)."""
    if renders.cache() is not None:
        pages = [file.page for file in files.documentation_pages() if file.page is not None and not builds.keeps(file)]
        missing = [page for page in pages if not renders.is_cached(page, config, files)]
        prerender(missing, config, files, worker_count(len(missing)), keep=lambda h: isinstance(h, RecordCapture))
    return nav


@event_priority(-100)  # after every other plugin has changed the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    renders.lookup(markdown, page, config, files)
    return markdown


@event_priority(100)  # before any other plugin changes the HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.present_anchor_ids is not None and RAW_START in (page.markdown or ""):
        # MkDocs finds anchors in Markdown's tree; those of HTML passed through (raw_html.py) are added
        page.present_anchor_ids |= set(ELEMENT_ID.findall(html))
    renders.store(page)
    return html
