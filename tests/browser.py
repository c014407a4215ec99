"""Helpers for tests that drive a built site in headless Chromium (Debian's package).

``serve`` serves a folder on 127.0.0.1 on a free port; ``chromium`` opens a Playwright context in
Debian's Chromium (or the browser at CHROMIUM_PATH). Tests skip when there is no browser, unless
REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is required (REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Debian's chromium is not installed")
    return path


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection early (leaving a page) is not an error here."""
        return


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serves ``folder`` on 127.0.0.1 and yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(**context_options: Any) -> Iterator[Any]:
    """A Playwright browser context in headless Debian Chromium."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(**context_options)
            yield context
        finally:
            browser.close()


SERIOUS = ("serious", "critical")


def accessibility_problems(page: Any) -> list[str]:
    """What axe-core (axe-playwright-python) finds serious or critical on ``page`` as it stands: each rule
    broken with the elements that break it. Minor and moderate findings are left out: the one axe reports
    on every page is Material's own (its navigation's toggles are labels with ``role=button``)."""
    from axe_playwright_python.sync_playwright import Axe

    # colours read while a panel still fades in are not the ones a reader is left with
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
    found = Axe().run(page).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): " + "; ".join(" ".join(node["target"]) for node in rule["nodes"][:5])
        for rule in found
        if rule["impact"] in SERIOUS
    ]


def accessibility_problems_of_pages(page: Any, base: str, paths: list[str]) -> dict[str, list[str]]:
    """``accessibility_problems`` of each page at ``paths`` below ``base``, opened in ``page`` in turn, by path:
    only the pages with some."""
    found = {}
    for path in paths:
        page.goto(base + path, wait_until="networkidle")
        found[path] = accessibility_problems(page)
    return {path: problems for path, problems in found.items() if problems}
