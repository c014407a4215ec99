"""Robustness run: the development corpus plus the bad-input set, then the injection payloads.

Prints files read, pages published, errors by kind, characters the audit does not account for
(must be 0), and what the payloads did in a real browser.

    .venv/bin/python tests/benchmarks/bench_robustness.py
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from build_tools.engine.pipeline import publish, read_inputs
from build_tools.report.clean import clean
from build_tools.report.decode import DecodeError, decode
from build_tools.report.fixers import original_line
from build_tools.report.split import split
from tests.conftest import build_site, corpus_files
from tests.test_robustness import bad_inputs
from tests.test_security import PAYLOADS, Findings, browse, payload_reports


def unaccounted_characters(path: Path) -> int:
    """Characters of ``path`` that neither the cleaned text nor the audit gives back."""
    try:
        source = decode(str(path), path.read_bytes())
    except DecodeError:
        return 0
    collection = split(source)
    reports = [clean(raw, collection.preamble if raw.index == 1 else ()) for raw in collection.reports]
    dropped = {e.line: e.text for r in reports for e in r.audit if e.kind not in ("replaced", "removed-text", "joined")}
    kept = {line.number: line for r in reports for line in r.kept_lines}
    missing = 0
    for number, text in enumerate(source.lines, 1):
        if number in kept:
            rebuilt = original_line(kept[number])
            missing += 0 if rebuilt == text else max(len(text) - len(rebuilt), 1)
        elif text and dropped.get(number) != text:
            missing += len(text)
    return missing


def payload_results() -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        seeds, site = Path(folder) / "seeds", Path(folder) / "site"
        seeds.mkdir()
        payload_reports(seeds)
        result = build_site(seeds, site, "--strict")
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        kept_markup = 0
        for page in site.rglob("*.html"):
            parser = Findings()
            parser.feed(page.read_text(encoding="utf-8"))
            kept_markup += len(parser.problems)
        dialogs, hosts, own_host = browse(site, hover_marks=False)
        pages = len(list(site.rglob("index.html")))
        foreign = len(hosts - {own_host})
        return {
            "payloads": len(PAYLOADS),
            "pages opened": pages,
            "tags or attributes kept from a payload": kept_markup,
            "dialogs fired": len(dialogs),
            "hosts other than 127.0.0.1 contacted": foreign,
        }


def main() -> int:
    corpus = corpus_files()
    with tempfile.TemporaryDirectory() as folder:
        bad = Path(folder)
        for name, data in bad_inputs().items():
            (bad / name).write_bytes(data)
        paths = corpus + sorted(path for path in bad.iterdir() if path.is_file())
        publication = publish(read_inputs(paths))
        unaccounted = sum(unaccounted_characters(path) for path in paths)
    kinds = Counter(error.kind for error in publication.errors)
    print(f"files read: {len(paths)} ({len(corpus)} corpus, {len(paths) - len(corpus)} bad inputs)")
    print(f"pages published: {len(publication.reports)}")
    print(f"errors: {len(publication.errors)} — " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for error in publication.errors:
        print(f"  {Path(error.source).name}: {error.problem}")
    print(f"characters unaccounted for: {unaccounted}")
    for name, value in payload_results().items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
