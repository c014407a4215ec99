"""A server is told of edits by the operating system: an edit asks for a rebuild, a read does not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from build_tools.build.watching import WATCH_ENV, NativeObserver, watch_natively


def server_watching(tmp_path: Path) -> tuple[LiveReloadServer, Path]:
    docs, seeds = tmp_path / "docs", tmp_path / "seeds"
    docs.mkdir()
    seeds.mkdir()
    (seeds / "a.txt").write_text("报告", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(docs))  # as MkDocs does before the hook's on_serve
    return server, seeds


def asked_to_rebuild(server: LiveReloadServer, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.05)
    return False


def test_an_edit_asks_for_a_rebuild_and_a_read_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WATCH_ENV, raising=False)
    server, seeds = server_watching(tmp_path)
    watch_natively(server, [str(seeds)])
    assert isinstance(server.observer, NativeObserver)
    assert set(server._watched_paths) == {str(tmp_path / "docs"), str(seeds)}
    server.observer.start()  # the server's own start finds it running
    try:
        assert server.observer.is_alive()
        (seeds / "a.txt").read_bytes()  # the build reads every report
        assert not asked_to_rebuild(server, within=1.5)
        (seeds / "a.txt").write_text("报告，改", encoding="utf-8")
        assert asked_to_rebuild(server)
        (seeds / "b").mkdir()
        (seeds / "b" / "c.txt").write_text("新", encoding="utf-8")  # a new folder below is watched too
        assert asked_to_rebuild(server)
    finally:
        server.observer.stop()
        server.observer.join()


def test_polling_stays_when_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WATCH_ENV, "poll")
    server, seeds = server_watching(tmp_path)
    watch_natively(server, [str(seeds)])
    assert isinstance(server.observer, PollingObserver)
    assert set(server._watched_paths) == {str(tmp_path / "docs"), str(seeds)}


def test_a_server_whose_notifications_cannot_start_polls_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(WATCH_ENV, raising=False)

    def refuse(self: NativeObserver) -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(NativeObserver, "start", refuse)
    server, seeds = server_watching(tmp_path)
    with caplog.at_level("WARNING"):
        watch_natively(server, [str(seeds)])
    assert isinstance(server.observer, PollingObserver)
    assert set(server._watched_paths) == {str(tmp_path / "docs"), str(seeds)}
    assert "polls for edits" in caplog.text
