"""Print the seed's tags, the tag distribution over ../shared/corpus, and what tagging costs.

    .venv/bin/python tests/benchmarks/bench_tags.py               # everything
    .venv/bin/python tests/benchmarks/bench_tags.py --no-timing   # tags and keywords only
    .venv/bin/python tests/benchmarks/bench_tags.py --candidates  # words that could join topics.txt
    .venv/bin/python tests/benchmarks/bench_tags.py --phrases     # tracked phrases in the national reports

A tag connects reports: the distribution gives the share of distinct tags found on two or more reports,
over every corpus file and without ``national-raw-gbk/`` (the same national reports as ``national/`` in
another encoding, which an archive shows once), the number of tags per report, the top tags, and the
generic tags found (a stop word, or a word of more than ``GENERIC_SHARE`` of the reference reports).

Timing compares the tagger (its own segmentation plus ranking) with plain jieba precise-mode segmentation
of the same texts, which is what Material's search plugin runs over every page at build time.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from build_tools.archive.phrases import phrase_counts, tracked_phrases
from build_tools.report import idf
from build_tools.report.segmenting import read_topics
from build_tools.report.tagging import STOPWORDS_PATH, IdfTable, Keywords, Tagger, read_word_list
from tests.test_tagging import seed_reports

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
DUPLICATE_FOLDER = "national-raw-gbk/"
TOP = 30
GENERIC_SHARE = 0.8
CANDIDATE_MAX_SHARE = 0.85
CANDIDATE_MIN_DOCUMENTS = 3


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
    print("== seed tags | keywords")
    for number, report in enumerate(seed_reports(), start=1):
        found = tagger.describe(report)
        print(f"篇{'一二三四五'[number - 1]}: {' '.join(found.tags)} | {' '.join(found.keywords)}")


def shared_share(tags: Sequence[tuple[str, ...]]) -> tuple[int, float]:
    """The number of distinct tags and the share of them found on two or more reports."""
    counts = Counter(tag for report_tags in tags for tag in report_tags)
    return len(counts), sum(n >= 2 for n in counts.values()) / max(1, len(counts))


def print_distribution(names: Sequence[str], found: Sequence[Keywords]) -> None:
    tags = [item.tags for item in found]
    reports = len(tags)
    distinct, shared = shared_share(tags)
    once = [report_tags for name, report_tags in zip(names, tags, strict=True) if not name.startswith(DUPLICATE_FOLDER)]
    distinct_once, shared_once = shared_share(once)
    print(f"\n== corpus distribution: {reports} reports, {distinct} distinct tags")
    print(f"tags on >= 2 reports: {shared:.1%} of {distinct}")
    print(f"  without {DUPLICATE_FOLDER} ({len(once)} reports): {shared_once:.1%} of {distinct_once}")
    sizes = Counter(len(report_tags) for report_tags in tags)
    print("tags per report:", ", ".join(f"{size}: {n}" for size, n in sorted(sizes.items())))
    counts = Counter(tag for report_tags in tags for tag in report_tags)
    table, stopwords = IdfTable.read(), read_word_list(STOPWORDS_PATH)
    generic = sorted(tag for tag in counts if tag in stopwords or table.share(tag) > GENERIC_SHARE)
    print(f"generic tags (stop words, or in > {GENERIC_SHARE:.0%} of reference reports): {generic or 'none'}")
    print(f"top {TOP} tags (reports, share):")
    print("  " + "  ".join(f"{tag} {n} {n / reports:.0%}" for tag, n in counts.most_common(TOP)))
    print("examples (tags | keywords):")
    for name, item in list(zip(names, found, strict=True))[:: max(1, reports // 12)]:
        print(f"  {name}: {' '.join(item.tags)} | {' '.join(item.keywords)}")


def print_candidates(tagger: Tagger, texts: Sequence[str]) -> None:
    """Nouns and terms of three or more characters used by 3+ reports and no more than 85% of them that
    are not topics yet, most used first: where to look for new topics."""
    topics = read_topics()
    documents: Counter[str] = Counter()
    for text in texts:
        documents.update({word for word in tagger.segment(text) if len(word) >= 3 and tagger.is_candidate(word)})
    limit = CANDIDATE_MAX_SHARE * len(texts)
    words = [f"{w} {n}" for w, n in documents.most_common() if CANDIDATE_MIN_DOCUMENTS <= n <= limit and w not in topics]
    print(f"\n== candidate topics ({len(words)}): " + "  ".join(words))


def print_phrases(names: Sequence[str], texts: Sequence[str]) -> None:
    """The first year of ``national/`` (the 国务院 reports, named by year) that uses each tracked phrase."""
    first: dict[str, int] = {}
    national = sorted((int(Path(n).stem), t) for n, t in zip(names, texts, strict=True) if n.startswith("national/"))
    for year, text in national:
        for phrase, _ in phrase_counts(text):
            first.setdefault(phrase, year)
    years = [year for year, _ in national]
    print(f"\n== tracked phrases: {len(tracked_phrases())}; national reports {years[0]}–{years[-1]} ({len(years)})")
    print(f"新质生产力 first national year: {first.get('新质生产力')}")
    print("first national year:", "  ".join(f"{p} {y}" for p, y in sorted(first.items(), key=lambda i: (i[1], i[0]))))
    print("never national:", " ".join(sorted(set(tracked_phrases()) - set(first))))


def print_timing(texts: Sequence[str]) -> None:
    import jieba

    characters = sum(map(len, texts))
    load_time, tagger = timed(Tagger.from_resources)
    assert isinstance(tagger, Tagger)
    tag_time, _ = timed(lambda: [tagger.describe(text) for text in texts])
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


def main(argv: Sequence[str] = ()) -> int:
    tagger = Tagger.from_resources()
    print_seed(tagger)
    if not CORPUS.is_dir():
        print(f"\n{CORPUS} not found: no corpus distribution or timing")
        return 0
    corpus = corpus_texts()
    names = [name for name, _ in corpus]
    texts = [text for _, text in corpus]
    if "--candidates" in argv:
        print_candidates(tagger, texts)
        return 0
    if "--phrases" in argv:
        print_phrases(names, texts)
        return 0
    print_distribution(names, [tagger.describe(text) for text in texts])
    if "--no-timing" not in argv:
        print_timing(texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
