"""Time of each pipeline stage over the development corpus, in one run.

Prints seconds per stage and the share that indicator extraction and tagging add to the rest of
the pipeline (decode, split, clean, structure, anomalies, identity, metadata).

    .venv/bin/python tests/benchmarks/bench_stages.py
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from build_tools.archive.identity import identify
from build_tools.engine.pipeline import tagger
from build_tools.report.anomalies import find_anomalies
from build_tools.report.clean import clean
from build_tools.report.decode import decode
from build_tools.report.indicators import extract_indicators
from build_tools.report.metadata import describe
from build_tools.report.split import split
from build_tools.report.structure import structure
from tests.conftest import corpus_files

BASE_STAGES = ("decode", "split", "clean", "structure", "anomalies", "identity", "metadata")


def main() -> int:
    files = corpus_files()
    if not files:
        print("../shared/corpus is absent: nothing to measure")
        return 0
    seconds: dict[str, float] = defaultdict(float)
    characters = 0
    tagger()  # loaded once per process, as in a build; its loading is reported apart
    load_start = time.perf_counter()
    tagger.cache_clear()
    tagger()
    load = time.perf_counter() - load_start

    def timed(stage: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = function(*args, **kwargs)
        seconds[stage] += time.perf_counter() - start
        return result

    for path in files:
        data = path.read_bytes()
        source = timed("decode", decode, str(path), data)
        collection = timed("split", split, source)
        for raw in collection.reports:
            cleaned = timed("clean", clean, raw, collection.preamble if raw.index == 1 else ())
            blocks = timed("structure", structure, cleaned.paragraphs)
            timed("anomalies", find_anomalies, blocks)
            lines = [paragraph.text for paragraph in cleaned.paragraphs]
            pieces = len(collection.reports)
            identity = timed("identity", identify, cleaned.source, lines, cleaned.heading, collection=pieces > 1)
            timed("metadata", describe, cleaned, blocks, pieces=pieces, identity=identity)
            timed("indicators", extract_indicators, cleaned.paragraphs)
            text = "\n".join(p.text for p in cleaned.paragraphs)
            characters += len(text)
            timed("tags", tagger().tags, text)
    base = sum(seconds[stage] for stage in BASE_STAGES)
    print(f"{len(files)} files, {characters:,} cleaned characters")
    for stage, value in seconds.items():
        print(f"  {stage:<11} {value:7.2f} s")
    print(f"  tagger load {load:7.2f} s (once per process)")
    print(f"pipeline without indicators and tags: {base:.2f} s")
    print(f"indicators add {seconds['indicators']:.2f} s = {seconds['indicators'] / base:.0%} of it")
    print(f"tags add {seconds['tags']:.2f} s = {seconds['tags'] / base:.0%} of it "
          f"({(seconds['tags'] + load) / base:.0%} with the tagger's load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
