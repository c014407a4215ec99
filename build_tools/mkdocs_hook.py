"""MkDocs hook: the folder of raw reports in, generated pages and navigation handed to MkDocs.

Glue only: each event hands its work to the library.

- ``on_config`` reads the seeds folder (``REPORTS_SEEDS_DIR``, or ``seeds/`` beside ``mkdocs.yml``) and
  the folders below it, leaving out the cache (``engine.inputs``), runs the pipeline over its files
  through ``engine.pipeline.site_report_pages``, each report's bulk kept in the staging folder
  (``engine.spill``; a server, whose cache holds it in memory anyway, keeps it there), and assembles
  the site (``pages.site``). A file that
  cannot be published or that the walk refused (a link outside the folder, a device), and a folder that
  gives no report, are logged as warnings naming them, so ``mkdocs build --strict`` fails while a plain
  build still publishes every other report. A site folder inside the seeds folder, or around it, stops
  the build before anything is written.
- ``on_files`` leaves out the theme's files that the site never loads, joins the scripts of ``mkdocs.yml``
  into the one file every page loads (``build.scripts``; ``on_config`` names it in their place), and adds
  the generated pages and downloads as ``build.site_state.GeneratedFile``s, which say whether the last
  build into the same folder already wrote them (rebuilding in place); it deletes what that build wrote
  for pages and downloads this one no longer makes.
- ``on_nav``, ``on_page_markdown`` and ``on_page_content`` serve and fill the render cache
  (``build.render_cache``), rendering the missing pages ahead in forked workers (``build.prerender``).
- ``on_page_content`` ends with the page's HTML held compressed in the staging folder until the page
  is written, and its source and Markdown dropped (``build.held_pages``); ``on_page_context`` gives it
  back.
- ``on_serve`` has a server told of edits by the operating system rather than by polling, the seeds
  folder among what it watches (``build.watching``).
- ``on_page_context`` gives each page its tag chips, each linked to the list of its tag's reports
  (``pages.tags``), hands the page to the project's search index (``search``) and hides it from
  Material's own search plugin, which then writes only its settings; ``on_env`` starts indexing while
  the templates are rendered, and ``on_post_build`` writes the index. ``REPORTS_SEARCH=material``
  leaves search to the plugin alone (the benchmark's anchor).

The cyclic garbage collector is off while ``on_config`` reads the records and makes the pages across
reports, and what it made is frozen out of the collector's reach (``gc.freeze``) until the build ends, so
that MkDocs' many short-lived objects do not make it walk them again and again; a server makes a full
pass a moment after each build, while no reader waits (``build.collecting``). Once the records are read,
the memory the files' bytes and the reading took is handed back to the system before the build forks its
helpers (``build.free_memory``).
"""

from __future__ import annotations

import gc
import logging
import os
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_tools import search
from build_tools.archive.phrases import tracked_phrases
from build_tools.build.collecting import IdleCollector, paused
from build_tools.build.compact import compact_html
from build_tools.build.free_memory import return_free_memory
from build_tools.build.held_pages import HeldPages
from build_tools.build.prerender import prerender
from build_tools.build.render_cache import PageRenders, RecordCapture, template_cache_folder
from build_tools.build.scripts import JOINED, joined_scripts, split_scripts
from build_tools.build.sections import attach_to_sections
from build_tools.build.site_state import BuildState, Staging, frame_of, generated_files, unused_theme_files
from build_tools.build.watching import watch_natively
from build_tools.engine import ahead
from build_tools.engine.cache import (
    ResultCache,
    cache_root,
    prune_shared,
    remember_between_builds,
    remembering,
    shared_cache,
)
from build_tools.engine.forked import worker_count
from build_tools.engine.inputs import discover, no_reports, overlap
from build_tools.engine.merging import merge_duplicates
from build_tools.engine.pipeline import load_resources, site_report_pages, summary
from build_tools.engine.speedups import enabled
from build_tools.engine.spill import Spill
from build_tools.holding import Stored
from build_tools.memo import next_build
from build_tools.pages.raw_html import RAW_START
from build_tools.pages.site import SitePages, assemble_site
from build_tools.pages.tags import tag_links
from build_tools.report.decode import MAX_UNREADABLE

SEEDS_ENV = "REPORTS_SEEDS_DIR"
SEARCH_ENV = "REPORTS_SEARCH"
log = logging.getLogger("mkdocs.hooks.reports")
generated: dict[str, SitePages] = {}
search_pages: dict[str, search.SearchPage] = {}
parents: dict[str, str] = {}  # page → the index page of its section, for pages outside the navigation
indexing = search.IndexingAhead()
writing = search.WritingAhead()
script_parts: list[str] = []  # the scripts mkdocs.yml lists, which every page loads joined (build.scripts)
ELEMENT_ID = re.compile(r'<[a-z][a-z0-9]*\s[^>]*?\bid="([^"]+)"')


def seeds_folder(config: MkDocsConfig) -> Path:
    configured = os.environ.get(SEEDS_ENV)
    return Path(configured) if configured else Path(config.config_file_path).parent / "seeds"


def on_startup(command: str, dirty: bool) -> None:
    remember_between_builds(command == "serve")  # a server builds again: keep results in memory too


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    idle.build_starts()
    script_parts[:], config.extra_javascript = split_scripts(config.extra_javascript)  # joined in on_files
    with paused():  # what this makes lives until the build ends: the collector's passes over it free nothing
        config = read_reports(config)
    return_free_memory()  # the files' bytes and what reading the records took, before the build forks its helpers
    return config


def read_reports(config: MkDocsConfig) -> MkDocsConfig:
    next_build()  # a server's pages made from unchanged records are kept from the last build (memo.py)
    folder = seeds_folder(config)
    problem = overlap(folder, Path(config.site_dir))
    if problem is not None:  # before anything is written
        raise PluginError(problem)
    if not folder.is_dir():  # a mistyped folder would publish an empty archive over the site
        raise PluginError(f"{folder}: the folder of reports does not exist (报告文件夹不存在); nothing was built")
    found = discover(folder, exclude=[cache_root()])
    if found.ignored:
        log.info(f"{len(found.ignored)} housekeeping files not read (not reports): {', '.join(found.ignored)}")
    if found.hidden:
        log.info(f"{len(found.hidden)} hidden folders not read (names starting with .): {', '.join(found.hidden)}")
    inputs = list(found.inputs)
    ahead.wait()  # the command line may have started processing the folder (ahead.py)
    staging.reset()
    bulk = staging.bulk_folder()  # each report's pages and every page's HTML wait there, not in memory
    held.begin(bulk)
    # a server's cache holds every report's pages in memory already: spilling them would copy them for nothing
    pages, failed, processed = site_report_pages(inputs, keep=None if remembering() else Spill(bulk))
    pages = merge_duplicates(pages, inputs)
    read, refused = len(inputs), found.refused
    nothing = None if pages else no_reports(folder, found)
    del found, inputs  # every file's bytes: the pages across reports, made below, take their room
    errors = tuple(sorted((*refused, *failed), key=lambda error: error.source))
    for error in errors:
        log.warning(f"{error.source}: {error.problem}")
    for source, count in sorted({(item.source, item.replaced) for item in pages if item.replaced}):
        log.info(f"{source}: bytes that were no text, shown as �: {count} (see its audit page)")
    for source, count in sorted({(item.source, item.damaged) for item in pages if item.damaged}):
        # a few are a stray mark; more are a damaged copy, which --strict stops as it stops unreadable bytes
        say = log.warning if count > MAX_UNREADABLE else log.info
        say(f"{source}: characters lost before the file came, written as � or 锟斤拷: {count} (marked on its page;"
            " a damaged copy, published as it is)")
    if nothing is not None:
        log.warning(nothing)
    copies = sum(1 for item in pages if item.merged_into is not None)
    log.info(summary(len(pages) - copies, errors, read + len(refused), copies))
    log.debug(f"{processed} files processed, {read - processed} taken from the cache")
    site = assemble_site(pages, errors, site_name=config.site_name)
    renders.begin()
    generated["site"] = site
    config.nav = site.nav
    parents.clear()
    parents.update(site.parents)
    builds.frame = frame_of(site, config, os.environ.get(SEARCH_ENV, ""))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    builds.begin(Path(config.site_dir))
    for file in generated_files(generated.pop("site"), config, builds, staging):
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)
    for file in unused_theme_files(files, config, project_search()):
        files.remove(file)
    join_scripts(files, config)
    builds.urls = [page_url(file) for file in files.documentation_pages()]
    removed = builds.remove_gone(config, files)
    if removed:
        log.info(f"{removed} files of pages and downloads no longer made removed from the site folder")
    return files


def join_scripts(files: Files, config: MkDocsConfig) -> None:
    """The scripts of ``mkdocs.yml`` as the one file every page loads (``build.scripts``), in place of them."""
    parts = []
    for path in script_parts:
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"{path}: a script mkdocs.yml lists (extra_javascript) is in neither docs/ nor the site")
        parts.append((path, file.content_string))
        files.remove(file)
    if parts:
        files.append(File.generated(config, JOINED, content=joined_scripts(parts)))


def page_url(file: File) -> str:
    """The URL MkDocs gives the page of ``file`` (``Page.url``: the home page's is empty)."""
    return "" if file.url in {".", "./"} else file.url


def project_search() -> bool:
    return os.environ.get(SEARCH_ENV, "project") != "material"


@event_priority(100)  # before Material's search plugin reads the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    context["tags"] = tag_links(page.meta.get("tags") or (), tracked_phrases())  # the chips under the title
    if project_search():
        if searchable(page):
            search_pages[page.url] = search_page(page, held.packed(page))
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}  # Material's plugin: not these
    held.give_back(page)  # about to be written: its HTML, held compressed since it was read
    return context


def searchable(page: Page) -> bool:
    """Whether ``page`` goes in the search index: not when its front matter says ``search: {exclude: true}``
    (a phrase no report uses), as Material's own search reads it."""
    return not (page.meta.get("search") or {}).get("exclude")


def search_page(page: Page, html: str | bytes | Stored) -> search.SearchPage:
    """The page as the search index reads it (``html`` as ``held`` has it), with the identity its front
    matter gives (``year``, ``place``, ``level``, ``province``, ``code``; ``title`` is already the page's title)."""
    meta = page.meta
    year = meta.get("year")
    return search.SearchPage(
        page.url,
        page.title or "",
        html,
        tuple(meta.get("tags") or ()),
        year=int(year) if isinstance(year, int | str) and str(year).isdigit() else None,
        place=str(meta["place"]) if meta.get("place") else None,
        level=str(meta["level"]) if meta.get("level") else None,
        province=str(meta["province"]) if meta.get("province") else None,
        code=str(meta["code"]) if meta.get("code") else None,
    )


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    builds.writing = True  # every page has been read: from now on only changed files are written
    unread = sum(1 for file in files.documentation_pages() if file.page is not None and file.page.markdown is None)
    if unread:
        log.info(f"{unread} unchanged pages kept as the last build wrote them, without reading them again")
    if project_search() and enabled("index-ahead"):  # every page's HTML is known: index it meanwhile
        rendered = [file.page for file in files.documentation_pages() if file.page is not None]
        pages = [
            search_page(page, held.packed(page))
            for page in rendered
            if not builds.keeps(page.file) and searchable(page)
        ]
        # pages to index: workers do it, and the index is written after the templates; none (or too few
        # for workers) in a build into an empty folder: a forked process writes the whole index meanwhile
        if not indexing.start(pages, search_cache()) and builds.previous is None:
            writing.start(pages, Path(config.site_dir), search_cache())
    folder = template_cache_folder()
    if folder is not None:  # the theme's templates, compiled once rather than at every build
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    index = None
    if project_search():
        previous = builds.previous.index if builds.previous is not None else None
        unchanged = builds.unchanged_urls(search_pages)
        indexing.wait()
        index = writing.result(search_pages.values())
        if index is not None and remembering():  # written by a forked process: what the next build reads first
            search.read_into_memory(search_cache(), index.page_keys.values())
        if index is None:
            site_dir = Path(config.site_dir)
            index = search.write_index(search_pages.values(), site_dir, search_cache(), previous, unchanged)
    builds.finish(index)
    if remembering():
        load_resources()  # once: the next build processes the edited report in this process
    search_pages.clear()
    prune_shared()
    gc.unfreeze()
    if remembering():
        idle.build_ends()
    renders.finish()
    held.clear()
    staging.remove()


def search_cache() -> ResultCache | None:
    return shared_cache("search", "search")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    # the seeds folder too, wherever REPORTS_SEEDS_DIR puts it (mkdocs.yml watches ``seeds/`` only)
    return watch_natively(server, [*config.watch, str(seeds_folder(config))])


def on_build_error(error: Exception) -> None:
    writing.stop()
    indexing.wait()
    search_pages.clear()
    gc.unfreeze()
    renders.finish()
    held.clear()
    staging.remove()


builds = BuildState()
idle = IdleCollector()
renders = PageRenders(builds)
staging = Staging()
held = HeldPages()


@event_priority(-100)  # after every other plugin has changed the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Pages outside the navigation get their section; pages whose render is not cached are rendered
    ahead in worker processes (``build.prerender``)."""
    attach_to_sections(nav, files, parents)
    builds.in_nav = frozenset(page.file.src_uri for page in nav.pages)
    if renders.cache() is not None and enabled("prerender"):
        pages = [file.page for file in files.documentation_pages() if file.page is not None and not builds.keeps(file)]
        missing = [page for page in pages if not renders.is_cached(page, config, files)]
        workers = worker_count(len(missing))
        prerender(missing, config, files, workers, keep=lambda h: isinstance(h, RecordCapture), done=held.drop)
    return nav


@event_priority(-100)  # after every other plugin has changed the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    renders.lookup(markdown, page, config, files)
    return markdown


@event_priority(-100)  # after every other plugin has changed the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    held.release(page)  # written: its HTML is no longer needed
    return compact_html(output)


@event_priority(100)  # before any other plugin changes the HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.present_anchor_ids is not None and RAW_START in (page.markdown or ""):
        # MkDocs finds anchors in Markdown's tree; those of HTML passed through (raw_html.py) are added
        page.present_anchor_ids |= set(ELEMENT_ID.findall(html))
    renders.store(page)
    # no other plugin of the site handles this event (Material's search reads the HTML from the
    # page's context, where it is given back): from here until the page is written, it is held compressed
    return held.hold(page, html)
