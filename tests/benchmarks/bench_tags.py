"""Print the seed's tags, the tag distribution over ../shared/corpus, and what tagging costs.

    /work/main/.venv/bin/python tests/benchmarks/bench_tags.py

Timing compares the tagger (its own segmentation plus ranking) with plain jieba precise-mode segmentation
of the same texts, which is what Material's search plugin runs over every page at build time.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import jieba

from build_tools.report import idf
from build_tools.report.tagging import Tagger
from tests.test_tagging import seed_reports

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
TOP = 30


def corpus_texts() -> list[tuple[str, str]]:
    return [
        (path.relative_to(CORPUS).as_posix(), idf.unique_paragraphs(idf.decode_report(path.read_bytes())))
        for path in idf.report_files([CORPUS])
    ]


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def print_seed(tagger: Tagger) -> None:
    print("== seed tags")
    for number, report in enumerate(seed_reports(), start=1):
        print(f"篇{'一二三四五'[number - 1]}: {' '.join(tagger.tags(report))}")


def print_distribution(names: Sequence[str], tags: Sequence[tuple[str, ...]]) -> None:
    counts = Counter(tag for report_tags in tags for tag in report_tags)
    reports = len(tags)
    print(f"\n== corpus distribution: {reports} reports, {len(counts)} distinct tags")
    sizes = Counter(len(report_tags) for report_tags in tags)
    print("tags per report:", ", ".join(f"{size}: {n}" for size, n in sorted(sizes.items())))
    print(f"top {TOP} tags (share of reports):")
    for tag, n in counts.most_common(TOP):
        print(f"  {tag}\t{n}\t{n / reports:.1%}")
    tag, n = counts.most_common(1)[0]
    print(f"max share: {tag} {n / reports:.1%}")
    print("examples:")
    for name, report_tags in list(zip(names, tags, strict=True))[:: max(1, reports // 12)]:
        print(f"  {name}: {' '.join(report_tags)}")


def print_timing(texts: Sequence[str]) -> None:
    characters = sum(map(len, texts))
    load_time, tagger = timed(Tagger.from_resources)
    assert isinstance(tagger, Tagger)
    tag_time, _ = timed(lambda: [tagger.tags(text) for text in texts])
    segment_time, _ = timed(lambda: [tagger.segment(text) for text in texts])
    reference = jieba.Tokenizer()
    reference.initialize()
    jieba_time, _ = timed(lambda: [reference.lcut(text) for text in texts])
    print(f"\n== timing over {len(texts)} reports, {characters / 1e6:.2f} M characters")
    print(f"tagger load (dictionaries, IDF table): {load_time:.2f} s")
    print(f"tagging (segment + rank):              {tag_time:.2f} s ({characters / tag_time / 1e6:.2f} M chars/s)")
    print(f"  of which segmentation (rjieba):      {segment_time:.2f} s")
    print(f"plain jieba precise mode (Python):     {jieba_time:.2f} s ({characters / jieba_time / 1e6:.2f} M chars/s)")
    print(f"tagging / plain jieba: {(tag_time + load_time) / jieba_time:.1%} (load included)")


def main() -> int:
    tagger = Tagger.from_resources()
    print_seed(tagger)
    if not CORPUS.is_dir():
        print(f"\n{CORPUS} not found: no corpus distribution or timing")
        return 0
    corpus = corpus_texts()
    names = [name for name, _ in corpus]
    texts = [text for _, text in corpus]
    print_distribution(names, [tagger.tags(text) for text in texts])
    print_timing(texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
