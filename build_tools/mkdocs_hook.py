"""MkDocs hook: the folder of raw reports in, generated pages and navigation handed to MkDocs.

Thin glue only: ``on_config`` runs the pipeline over the seeds folder (``REPORTS_SEEDS_DIR``, or
``seeds/`` beside ``mkdocs.yml``) and sets the navigation; ``on_files`` adds the generated pages.
A file that cannot be published is logged as a warning naming it, so ``mkdocs build --strict``
fails while a plain build still publishes every other report.

Search (``build_tools/search.py``): ``on_page_context`` hands each page to the project's index and hides
it from Material's own search plugin, so the plugin writes only its settings; ``on_post_build`` writes
the index. ``REPORTS_SEARCH=material`` leaves search to the plugin alone (the benchmark's anchor).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_tools import search
from build_tools.pipeline import input_files, publish, read_inputs, summary
from build_tools.site import SitePages, build_site

SEEDS_ENV = "REPORTS_SEEDS_DIR"
SEARCH_ENV = "REPORTS_SEARCH"
log = logging.getLogger("mkdocs.hooks.reports")
generated: dict[str, SitePages] = {}
search_pages: dict[str, search.SearchPage] = {}


def seeds_folder(config: MkDocsConfig) -> Path:
    configured = os.environ.get(SEEDS_ENV)
    return Path(configured) if configured else Path(config.config_file_path).parent / "seeds"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    folder = seeds_folder(config)
    if not folder.is_dir():
        log.warning(f"{folder}: the folder of reports does not exist")
        paths = []
    else:
        paths = input_files(folder)
    publication = publish(read_inputs(paths, shown_as=lambda path: f"{folder.name}/{path.name}"))
    for error in publication.errors:
        log.warning(f"{error.source}: {error.problem}")
    log.info(summary(publication, len(paths)))
    site = build_site(publication, site_name=config.site_name)
    generated["site"] = site
    config.nav = site.nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, content in generated["site"].pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files


def project_search() -> bool:
    return os.environ.get(SEARCH_ENV, "project") != "material"


@event_priority(100)  # before Material's search plugin reads the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if project_search():
        search_pages[page.url] = search.SearchPage(
            page.url, page.title or "", page.content or "", tuple(page.meta.get("tags") or ())
        )
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if project_search():
        search.write_index(search_pages.values(), Path(config.site_dir))
