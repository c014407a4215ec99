"""The build's speed-ups keep results unchanged: the content-hash cache and the process pool.

Behaviour only, never timings (``tests/benchmarks/bench_build.py`` measures those).
"""

from __future__ import annotations

import contextlib
import gc
import gzip
import json
import os
import pickle
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from build_tools.archive.phrases import tracked_phrases
from build_tools.build.collecting import IdleCollector, paused
from build_tools.build.free_memory import trim_call
from build_tools.engine import ahead
from build_tools.engine.cache import DAY_SECONDS, ResultCache, code_version, prune
from build_tools.engine.forked import Forked, run_all
from build_tools.engine.inputs import discover
from build_tools.engine.pipeline import (
    CachedPublication,
    process_input,
    publish,
    publish_cached,
    publish_finished,
    store_missing,
)
from build_tools.holding import Joined
from build_tools.model import InputError, Publication, Report
from build_tools.pages.site import build_site, download_files, file_pages, report_pages
from build_tools.pages.tables import as_csv, download_rows, indicators_download_path
from build_tools.report.metadata import slug_suffix
from build_tools.search import read_index_text
from tests.conftest import ROOT, SAMPLE_SEEDS
from tests.conftest import build_site as build_with_cli

SEEDS = SAMPLE_SEEDS
SHORT_REPORT = "政府工作报告\n一、过去一年的工作\n全市生产总值增长6.5%，粮食产量达到120万吨。\n二、今年的主要任务\n推进高标准农田建设。\n"
ADDED_REPORT = "政府工作报告\n一、过去一年的工作\n全市工业增加值增长7.2%，新建学校12所。\n二、今年的主要任务\n办好人民满意的教育。\n"


def seed_inputs() -> list[tuple[str, bytes | OSError]]:
    return [
        *discover(SEEDS).inputs,
        ("extra/short.txt", SHORT_REPORT.encode("utf-8")),
        ("extra/gbk.txt", SHORT_REPORT.replace("6.5", "7").encode("gb18030")),
        ("extra/binary.bin", b"\x00\x01\x02" * 100),
        ("extra/missing.txt", FileNotFoundError(2, "No such file or directory")),
    ]


def pair(cached: CachedPublication) -> tuple[Publication, int]:
    return cached.publication, cached.processed


def fresh_cache(folder: Path) -> ResultCache:
    """A cache on ``folder`` with nothing in memory, as a new build process would have it."""
    return ResultCache(folder, code_version())


def test_cached_results_are_identical(tmp_path: Path) -> None:
    inputs = seed_inputs()
    expected = publish(inputs, workers=1)
    first, processed_first = pair(publish_cached(inputs, fresh_cache(tmp_path), workers=1))
    second, processed_second = pair(publish_cached(inputs, fresh_cache(tmp_path), workers=1))
    assert first == expected
    assert second == expected
    assert processed_first == len(inputs)
    assert processed_second == 1  # only the unreadable file: a read failure is never cached


def test_memory_layer_serves_a_rebuild_in_the_same_process(tmp_path: Path) -> None:
    cache = fresh_cache(tmp_path)
    inputs = seed_inputs()[:2]
    publish_cached(inputs, cache, workers=1)
    for entry in tmp_path.rglob("*.pickle"):
        entry.unlink()
    publication, processed = pair(publish_cached(inputs, cache, workers=1))
    assert processed == 0
    assert publication == publish(inputs, workers=1)


def test_a_changed_file_is_processed_again(tmp_path: Path) -> None:
    inputs = seed_inputs()[:3]
    publish_cached(inputs, fresh_cache(tmp_path), workers=1)
    changed = [*inputs[:2], ("extra/gbk.txt", SHORT_REPORT.replace("粮食", "蔬菜").encode("gb18030"))]
    publication, processed = pair(publish_cached(changed, fresh_cache(tmp_path), workers=1))
    assert processed == 1
    assert publication == publish(changed, workers=1)
    assert any("蔬菜" in p.text for report in publication.reports for p in report.cleaned.paragraphs)


def test_a_renamed_file_is_processed_again(tmp_path: Path) -> None:
    """The name is part of the key: reports take their source and page name from it."""
    inputs = [("extra/a.txt", SHORT_REPORT.encode("utf-8"))]
    publish_cached(inputs, fresh_cache(tmp_path), workers=1)
    renamed = [("extra/b.txt", SHORT_REPORT.encode("utf-8"))]
    publication, processed = pair(publish_cached(renamed, fresh_cache(tmp_path), workers=1))
    assert processed == 1
    assert publication.reports[0].source == "extra/b.txt"


@pytest.mark.parametrize(
    "damage",
    [
        lambda path, key: path.write_bytes(b"not a pickle"),
        lambda path, key: path.write_bytes(path.read_bytes()[:20]),
        lambda path, key: path.write_bytes(b""),
        lambda path, key: path.write_bytes(pickle.dumps(("0" * 64, "a result stored under another key"))),
        lambda path, key: path.write_bytes(pickle.dumps("no key at all")),
    ],
    ids=["garbage", "truncated", "empty", "other-key", "no-key"],
)
def test_a_corrupt_entry_is_ignored(tmp_path: Path, damage) -> None:
    inputs = [("extra/short.txt", SHORT_REPORT.encode("utf-8"))]
    cache = fresh_cache(tmp_path)
    publish_cached(inputs, cache, workers=1)
    key = cache.key(*inputs[0])
    damage(cache.path(key), key)
    assert fresh_cache(tmp_path).get(key) is None
    publication, processed = pair(publish_cached(inputs, fresh_cache(tmp_path), workers=1))
    assert processed == 1
    assert publication == publish(inputs, workers=1)
    assert fresh_cache(tmp_path).get(key) is not None  # the entry was written anew


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    inputs = [("extra/short.txt", SHORT_REPORT.encode("utf-8"))]
    publication, _ = pair(publish_cached(inputs, fresh_cache(blocker / "cache"), workers=1))
    assert publication == publish(inputs, workers=1)


def test_the_key_follows_content_name_and_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = fresh_cache(tmp_path)
    key = cache.key("a.txt", b"text")
    assert key == cache.key("a.txt", b"text")
    assert key != cache.key("a.txt", b"text ")
    assert key != cache.key("b.txt", b"text")
    version = code_version()
    monkeypatch.setenv("REPORTS_MAX_LINE_CHARS", "500")
    assert code_version() != version


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REPORTS_CACHE", "off")
    assert ResultCache.from_environment() is None
    monkeypatch.setenv("REPORTS_CACHE", "on")
    monkeypatch.setenv("REPORTS_CACHE_DIR", str(tmp_path))
    cache = ResultCache.from_environment()
    assert cache is not None and cache.folder == tmp_path / "reports"


def test_the_pool_gives_the_serial_publication() -> None:
    inputs = seed_inputs()
    serial = publish(inputs, workers=1)
    pooled = publish(inputs, workers=2)
    assert pooled == serial
    assert [error.source for error in pooled.errors] == ["extra/binary.bin", "extra/missing.txt"]


def test_the_pool_keeps_input_order_and_unique_page_names() -> None:
    """Same-named pages are told apart by their files' names, whichever worker finishes first and
    whatever the order of the inputs."""
    small = SHORT_REPORT.encode("utf-8")
    large = (SHORT_REPORT * 40).encode("utf-8")
    named = (("a", small), ("b", large), ("c", small), ("d", large))
    inputs: list[tuple[str, bytes | OSError]] = [(f"{folder}/same.txt", data) for folder, data in named]
    serial = publish(inputs, workers=1)
    assert publish(inputs, workers=2) == serial
    assert [report.source for report in serial.reports] == ["a/same.txt", "b/same.txt", "c/same.txt", "d/same.txt"]
    assert len({report.slug for report in serial.reports}) == 4
    reversed_order = publish(inputs[::-1], workers=1)
    assert {r.source: r.slug for r in reversed_order.reports} == {r.source: r.slug for r in serial.reports}


def test_one_file_result_is_its_reports_or_its_error() -> None:
    result = process_input("extra/short.txt", SHORT_REPORT.encode("utf-8"))
    assert isinstance(result, tuple) and result and result[0].source == "extra/short.txt"
    assert isinstance(process_input("extra/binary.bin", b"\x00" * 10), InputError)


def test_the_site_tables_join_the_report_tables_byte_for_byte() -> None:
    """The yearly downloads are joined from the reports' tables, as if made from all rows at once (and compressed)."""
    publication = publish(seed_inputs(), workers=1)
    files = download_files([report_pages(report, pieces=1) for report in publication.reports])
    by_year: dict[str, list[Report]] = {}
    for report in publication.reports:
        by_year.setdefault(indicators_download_path(report.identity.year), []).append(report)
    assert by_year
    for path, reports in by_year.items():
        joined = files[path]
        assert isinstance(joined, Joined) and gzip.decompress(joined.contents()) == as_csv(download_rows(reports))
    assert not [path for path in download_files([]) if path.startswith("downloads/indicators/")]


def test_pages_made_in_the_workers_are_the_pages_made_at_assembly(tmp_path: Path) -> None:
    """What ``finish`` makes per file (and the cache keeps) gives the same site as rendering at the end."""
    inputs = seed_inputs()
    cached = publish_cached(inputs, fresh_cache(tmp_path), workers=2, finish=file_pages)
    again = publish_cached(inputs, fresh_cache(tmp_path), workers=1, finish=file_pages)
    assert again.processed == 1 and again.finished == cached.finished
    assert len(cached.finished) == len(cached.publication.reports)
    plain = build_site(cached.publication, site_name="x")
    prepared = build_site(cached.publication, site_name="x", prepared=cached.finished)
    assert prepared == plain


def test_a_cached_result_without_pages_is_finished_when_pages_are_asked_for(tmp_path: Path) -> None:
    inputs = seed_inputs()[:2]
    publish_cached(inputs, fresh_cache(tmp_path), workers=1)
    cached = publish_cached(inputs, fresh_cache(tmp_path), workers=1, finish=file_pages)
    assert cached.processed == len(inputs)
    assert len(cached.finished) == len(cached.publication.reports)


def site_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def built_seed_and_short_report(tmp_path: Path) -> tuple[Path, Path, dict[str, int]]:
    """A folder with the seed and a short report, built: (folder, site, each site file's mtime)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
    (seeds / seed.name).write_bytes(seed.read_bytes())
    (seeds / "short.txt").write_text(SHORT_REPORT, encoding="utf-8")
    in_place = tmp_path / "site"
    assert build_with_cli(seeds, in_place, "--strict").returncode == 0
    return seeds, in_place, {path: (in_place / path).stat().st_mtime_ns for path in site_files(in_place)}


def test_a_rebuild_in_place_equals_a_build_into_an_empty_folder(tmp_path: Path) -> None:
    """The build command rebuilds in place, writing only what changed; the site is the same as a fresh one."""
    seeds, in_place, untouched = built_seed_and_short_report(tmp_path)
    (seeds / "short.txt").write_text(SHORT_REPORT.replace("6.5%", "6.8%"), encoding="utf-8")  # same tags
    lost = in_place / "downloads" / "catalogue.csv"
    lost.unlink()  # a file that went missing from the folder is written again
    result = build_with_cli(seeds, in_place, "--strict")
    assert result.returncode == 0, result.stderr
    assert "dirty" not in result.stderr
    # the seed's five pages and five audits, and more, were not even read (the navigation's pages always are)
    unread = re.search(r"(\d+) unchanged pages kept as the last build wrote them, without reading", result.stderr)
    assert unread and int(unread.group(1)) >= 10
    fresh = tmp_path / "fresh"
    assert build_with_cli(seeds, fresh, "--strict").returncode == 0
    assert site_files(in_place) == site_files(fresh)
    rewritten = [path for path, time in untouched.items() if (in_place / path).stat().st_mtime_ns != time]
    assert any(path.startswith("reports/short") for path in rewritten)
    assert not any(path.startswith("reports/000_") for path in rewritten)  # the seed's pages were kept
    assert not any(path.startswith("audit/000_") for path in rewritten)
    assert len(rewritten) < len(untouched) / 2


def rewritten_since(site: Path, untouched: dict[str, int]) -> list[str]:
    return [path for path, time in untouched.items() if (site / path).is_file() and (site / path).stat().st_mtime_ns != time]


def test_a_report_added_and_then_taken_out_is_published_in_place(tmp_path: Path) -> None:
    """A report added to the folder, or taken out of it, changes the page list but not the navigation:
    the site is rebuilt in place, the other reports' pages kept, and it equals a fresh build each time."""
    seeds, in_place, untouched = built_seed_and_short_report(tmp_path)
    (seeds / "added.txt").write_text(ADDED_REPORT, encoding="utf-8")
    result = build_with_cli(seeds, in_place, "--strict")
    assert result.returncode == 0, result.stderr
    assert "unchanged pages kept as the last build wrote them" in result.stderr  # in place, not cleaned
    fresh = tmp_path / "fresh"
    assert build_with_cli(seeds, fresh, "--strict").returncode == 0
    assert site_files(in_place) == site_files(fresh)
    assert any(path.startswith("reports/added/") for path in site_files(in_place))
    rewritten = rewritten_since(in_place, untouched)
    assert not any(path.startswith(("reports/000_", "audit/000_")) for path in rewritten)
    assert len(rewritten) < len(untouched) / 2
    untouched = {path: (in_place / path).stat().st_mtime_ns for path in site_files(in_place)}
    (seeds / "added.txt").unlink()
    result = build_with_cli(seeds, in_place, "--strict")
    assert result.returncode == 0, result.stderr
    assert "no longer made removed from the site folder" in result.stderr
    fresh_again = tmp_path / "fresh-again"
    assert build_with_cli(seeds, fresh_again, "--strict").returncode == 0
    assert site_files(in_place) == site_files(fresh_again)  # the added report's files and folders are gone
    assert not (in_place / "reports" / "added").exists() and not (in_place / "audit" / "added").exists()
    assert not any(path.startswith(("reports/000_", "audit/000_")) for path in rewritten_since(in_place, untouched))


def test_entries_unused_for_the_kept_days_are_pruned_once_a_day(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "reports", "v", remember=False)
    cache.put("a" * 64, "old, read again")
    cache.put("b" * 64, "old, never read")
    cache.put("c" * 64, "new")
    now = time.time()
    for key in ("a" * 64, "b" * 64):
        os.utime(cache.path(key), (now - 30 * DAY_SECONDS, now - 30 * DAY_SECONDS))
    assert cache.get("a" * 64) == "old, read again"  # reading refreshes it
    assert prune(tmp_path, 14 * DAY_SECONDS, now=now) == 1
    assert not cache.has("b" * 64) and cache.has("a" * 64) and cache.has("c" * 64)
    os.utime(cache.path("c" * 64), (now - 30 * DAY_SECONDS, now - 30 * DAY_SECONDS))
    assert prune(tmp_path, 14 * DAY_SECONDS, now=now + 60) == 0  # pruned less than a day ago
    assert prune(tmp_path, 14 * DAY_SECONDS, now=now + DAY_SECONDS + 1) == 1


def test_finished_pages_come_back_without_the_reports_and_fill_the_cache(tmp_path: Path) -> None:
    """The light path gives the pages that the full path gives, and stores the full outcome for it."""
    inputs = seed_inputs()
    light = publish_finished(inputs, fresh_cache(tmp_path), file_pages, workers=2)
    full = publish_cached(inputs, fresh_cache(tmp_path), workers=1, finish=file_pages)
    assert full.processed == 1  # only the unreadable file: the workers stored the others' reports
    assert list(light.finished) == [full.finished[(r.source, r.index)] for r in full.publication.reports]
    assert light.reports == tuple((r.source, r.index, r.slug) for r in full.publication.reports)
    assert light.errors == full.publication.errors
    again = publish_finished(inputs, fresh_cache(tmp_path), file_pages, workers=1)
    assert again.processed == 1 and again.finished == light.finished
    uncached = publish_finished(inputs, None, file_pages, workers=1)
    assert uncached.finished == light.finished and uncached.processed == len(inputs)


def test_files_that_give_the_same_page_name_are_both_published(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "report.txt").write_text(SHORT_REPORT, encoding="utf-8")
    (seeds / "report.md").write_text(SHORT_REPORT.replace("粮食", "蔬菜"), encoding="utf-8")
    result = build_with_cli(seeds, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    pages = {path.parent.name: path.read_text(encoding="utf-8") for path in (tmp_path / "site" / "reports").glob("*/index.html")}
    text, markdown = f"report-{slug_suffix('seeds/report.txt')}", f"report-{slug_suffix('seeds/report.md')}"
    assert sorted(pages) == sorted([text, markdown])  # named by their paths, whichever is read first
    assert "粮食" in pages[text] and "蔬菜" in pages[markdown]


def test_a_change_of_one_reports_tags_rebuilds_only_its_pages_and_the_tags_lists(tmp_path: Path) -> None:
    """A report's tags are its own content: changing them rewrites its page, the tags page and the pages
    listing the tags it gained or lost, not the site."""
    seeds, in_place, untouched = built_seed_and_short_report(tmp_path)
    retagged = SHORT_REPORT.replace("推进高标准农田建设。", "推进盐碱地综合利用，发展大闸蟹和对虾养殖。")
    before, after = (publish([("seeds/short.txt", text.encode())]).reports[0].tags for text in (SHORT_REPORT, retagged))
    assert before != after
    (seeds / "short.txt").write_text(retagged, encoding="utf-8")
    result = build_with_cli(seeds, in_place, "--strict")
    assert result.returncode == 0, result.stderr
    fresh = tmp_path / "fresh"
    assert build_with_cli(seeds, fresh, "--strict").returncode == 0
    assert site_files(in_place) == site_files(fresh)
    rewritten = [path for path, time in untouched.items() if (in_place / path).stat().st_mtime_ns != time]
    assert "tags/index.html" in rewritten
    assert any(path.startswith("reports/short") for path in rewritten)
    assert not any(path.startswith("reports/000_") for path in rewritten)
    assert all(word in (in_place / "tags" / "index.html").read_text(encoding="utf-8") for word in after)
    tracked = tracked_phrases()
    changed = {f"phrases/{tag}/index.html" for tag in set(before) ^ set(after) if tag in tracked}
    assert changed and changed <= set(rewritten)
    listed = [(in_place / "phrases" / tag / "index.html").read_text(encoding="utf-8") for tag in after if tag in tracked]
    assert listed and all("reports/short" in page.split("id=tagged", 1)[1] for page in listed)


def test_the_reports_processed_ahead_are_what_the_build_finds_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``build`` processes the folder in a forked process while MkDocs loads; the hook then processes nothing."""
    monkeypatch.setenv("REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "short.txt").write_text(SHORT_REPORT, encoding="utf-8")
    (seeds / "binary.bin").write_bytes(b"\x00\x01\x02" * 100)
    ahead.start(seeds)
    assert ahead.started
    ahead.wait()
    assert not ahead.started
    cache = ResultCache.from_environment()
    assert cache is not None
    inputs = discover(seeds).inputs
    found = publish_finished(inputs, cache, file_pages, workers=1)
    assert found.processed == 0
    assert found == replace(publish_finished(inputs, None, file_pages, workers=1), processed=0)
    assert store_missing(inputs, cache, file_pages, workers=1) == 0


def test_nothing_is_processed_ahead_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTS_CACHE", "off")
    ahead.start(SEEDS)
    assert not ahead.started


def test_a_build_whose_cache_cannot_be_written_still_publishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("REPORTS_CACHE_DIR", str(blocker / "cache"))
    result = build_with_cli(SEEDS, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    manifest = json.loads(read_index_text(tmp_path / "site" / "search", "manifest.json"))
    assert manifest["pages"] >= 5  # the search index holds every report's page, kept in memory, not in the cache
    assert len(list((tmp_path / "site" / "reports").glob("*/index.html"))) == 5


def test_forked_processes_and_pool_workers_leave_what_they_inherit_out_of_the_collectors_walks() -> None:
    held = [[number] for number in range(1000)]  # objects the collector tracks, made before the fork
    child = Forked.start(gc.get_freeze_count)
    assert child is not None and child.result() >= len(held)
    counts = run_all(gc.get_freeze_count, [()] * 4, workers=2)
    assert min(counts) >= len(held)


def test_the_collector_is_off_while_the_records_are_read_and_what_they_made_is_frozen() -> None:
    before = gc.get_freeze_count()
    try:
        with paused():
            assert not gc.isenabled()
            made = [[number] for number in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(made)
    finally:
        gc.unfreeze()


FREED_AND_RETURNED = """
from build_tools.build.free_memory import return_free_memory

def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))

texts, kept = [], []
for number in range(2000):  # 100 MB of a build's file bytes, each with a live object after it
    texts.append(bytes(50_000) + bytes([number % 256]))
    kept.append(bytearray(600))
del texts
before = resident_mb()
return_free_memory()
print(before, resident_mb())
"""


@pytest.mark.skipif(trim_call() is None or not Path("/proc/self/status").is_file(), reason="glibc and /proc only")
def test_the_memory_of_the_files_bytes_goes_back_to_the_system_once_they_are_dead() -> None:
    run = subprocess.run([sys.executable, "-c", FREED_AND_RETURNED], capture_output=True, text=True, cwd=ROOT, check=True)
    before, after = map(int, run.stdout.split())
    assert before - after >= 80, (before, after)


def full_passes(during: Callable[[], None]) -> int:
    """How many full passes of the collector were made while ``during`` ran."""
    passes: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            passes.append(1)

    gc.callbacks.append(count)
    try:
        during()
    finally:
        gc.callbacks.remove(count)
    return len(passes)


def test_a_server_collects_once_a_build_has_ended_and_not_while_another_runs() -> None:
    idle = IdleCollector(seconds=0.05)

    def ended() -> None:
        idle.build_ends()
        time.sleep(0.5)

    def started_again() -> None:
        idle.build_ends()
        idle.build_starts()
        time.sleep(0.5)

    assert full_passes(ended) >= 1
    assert full_passes(started_again) == 0


def served_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for_text(url: str, text: str, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in served_text(url):
            return True
        time.sleep(0.2)
    return False


def test_a_server_shows_each_edit_of_a_report_and_keeps_the_others(tmp_path: Path) -> None:
    """``serve`` builds again in one process, whose cache holds every report's pages in memory (they are
    not spilled to the staging folder, as a build's are): each edit reaches the page served, twice
    over (the second rebuild takes the other report from memory), and the other report stays."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    edited = seeds / "short.txt"
    edited.write_text(SHORT_REPORT, encoding="utf-8")
    (seeds / "added.txt").write_text(ADDED_REPORT, encoding="utf-8")
    slugs = {Path(report.source).name: report.slug for report in publish(discover(seeds).inputs).reports}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "build_tools", "serve", "--seeds", str(seeds), "--port", str(port)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REPORTS_CACHE_DIR": str(tmp_path / "cache")}
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        page = f"http://127.0.0.1:{port}/reports/{urllib.parse.quote(slugs['short.txt'])}/"
        other = f"http://127.0.0.1:{port}/reports/{urllib.parse.quote(slugs['added.txt'])}/"
        assert wait_for_text(page, "120万吨"), (tmp_path / "serve.log").read_text()
        for tons in ("135", "150"):
            time.sleep(1)  # the watcher settles after a build
            edited.write_text(SHORT_REPORT.replace("120", tons), encoding="utf-8")
            assert wait_for_text(page, f"{tons}万吨"), (tmp_path / "serve.log").read_text()
            assert "办好人民满意的教育" in served_text(other)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_file_s_work_is_stopped_at_its_time_limit() -> None:
    from build_tools.engine.time_limit import TooSlow, time_limit

    start = time.monotonic()
    # a stage's own handler of its faults (``except Exception``) does not catch it
    with pytest.raises(TooSlow, match=r"longer than 0\.2 s"), time_limit(0.2), contextlib.suppress(Exception):
        time.sleep(5)
    assert time.monotonic() - start < 3
    with time_limit(0.2):  # a block within its limit, and the timer gone after it
        pass
    time.sleep(0.4)
