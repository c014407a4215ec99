"""Pages rendered ahead in worker processes: the pages the render cache lacks in, cache entries out.

MkDocs renders pages one after another in one process. Before it starts (``on_nav``), the hook hands
the pages whose render is not cached yet to ``prerender``: it forks worker processes that each take
a share of them and run MkDocs' own steps for a page (``on_pre_page``, reading the source,
``on_page_markdown``, ``Page.render``, ``on_page_content``). The hook's own events in those steps put
each render into the cache on disk, exactly as in a build without workers; when MkDocs then reads the
pages in the main process, it finds them there. A worker that fails costs nothing but time: the pages
it did not store are rendered by MkDocs as usual. Workers are forked, so they start with the
configuration, the files and the navigation as they are; when threads run (``mkdocs serve``), or the
cache is off, nothing is done ahead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.engine.forked import Forked

MIN_PAGES = 8


def render_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What MkDocs does to read and render one page, through the plugins' events."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        assert page.content is not None
        config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    finally:
        config._current_page = None


def quiet_worker(keep: Callable[[logging.Handler], bool]) -> None:
    """In a worker: MkDocs' log goes only to the handlers ``keep`` accepts (the render cache's capture),
    so that warnings are not printed twice; the main process logs them again from the cache."""
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler for handler in logger.handlers if keep(handler)]
    logger.propagate = False


def prerender(
    pages: Sequence[Page],
    config: MkDocsConfig,
    files: Files,
    workers: int,
    keep: Callable[[logging.Handler], bool],
    done: Callable[[Page], None],
) -> int:
    """Renders ``pages`` in ``workers`` forked processes, for their events to cache, each worker calling
    ``done`` on a page once it is rendered and dropping what the render left on it; returns how many forked."""
    if workers < 2 or len(pages) < MIN_PAGES:
        return 0
    shares = [partial(render_share, pages[share::workers], config, files, keep, done) for share in range(workers)]
    children = [child for child in map(Forked.start, shares) if child is not None]
    for child in children:
        child.result()
    return len(children)


def render_share(
    pages: Sequence[Page],
    config: MkDocsConfig,
    files: Files,
    keep: Callable[[logging.Handler], bool],
    done: Callable[[Page], None],
) -> None:
    """In a worker: renders ``pages``, for their events to cache what Markdown made of them; a page's
    render is dropped once cached, so that a worker holds one page at a time."""
    quiet_worker(keep)
    for page in pages:
        render_page(page, config, files)
        done(page)
        page.content, page.markdown = None, ""
