"""Reports found in several files, merged: every report's pages and the inputs in, one page per report out.

The reports' pages are made per file, where the other files are unknown. Here the candidates that every
report's pages carry (place, year, text sketch: ``archive.duplicates``) are compared; for each group of
copies of one report, the copies' full records are taken from the cache (or processed again) and the
published copy's pages are made anew naming every source (``pages.merged``), while the other copies
keep only their audit pages. The merged pages are cached (``kind="merged"``) under a key made of the
group's files (their names and contents) and the code's version, so a build where no copy changed reads
them back rather than processing and rendering the copies again.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from build_tools.archive.duplicates import duplicate_groups
from build_tools.engine.cache import ResultCache, shared_cache
from build_tools.engine.forked import made_apart
from build_tools.engine.pipeline import Input, publish_cached
from build_tools.holding import PackedText
from build_tools.model import Report
from build_tools.pages.merged import merged_pages
from build_tools.pages.site import ReportPages, file_pages


def unlinked_audit(audit: str, slug: str, merged_into: str) -> str:
    """The audit page of a copy without its links to lines of its own report page, which is not
    published (its line numbers stay, as text), and linking the report it was merged into instead."""
    lines_unlinked = re.sub(rf"\[(\d+(?:–\d+)?)\]\(\.\./reports/{re.escape(slug)}\.md#L\d+\)", r"\1", audit)
    return lines_unlinked.replace(f"](../reports/{slug}.md)", f"](../reports/{merged_into}.md)")


def group_key(cache: ResultCache | None, copies: Sequence[ReportPages], contents: dict[str, bytes | OSError]) -> str:
    """The cache key of the merged pages of ``copies`` (published copy first): each copy's file, by name
    and content, and its place in the file; ``""`` when a copy's file could not be read, or without a cache."""
    if cache is None:
        return ""
    digest = hashlib.sha256(b"merged\0")
    for copy in copies:
        data = contents.get(copy.source)
        if not isinstance(data, bytes):
            return ""
        digest.update(f"{cache.key(copy.source, data)}\0{copy.index}\0".encode())
    return digest.hexdigest()


def make_merged(groups: dict[int, list[Report]], pieces: Counter[str]) -> dict[int, ReportPages]:
    """Each group's merged pages (its published copy first), by the group's number."""
    return {number: merged_pages(primary, others, pieces=pieces[primary.source])
            for number, (primary, *others) in groups.items()}


def merge_duplicates(pages: Sequence[ReportPages], inputs: Sequence[Input]) -> list[ReportPages]:
    """``pages`` with each group of copies of one report published once; groups in a log-friendly list too."""
    groups = duplicate_groups([item.candidate for item in pages])
    if not groups:
        return list(pages)
    cache, contents = shared_cache("merged"), dict(inputs)
    keys = [group_key(cache, [pages[n] for n in group], contents) for group in groups]
    made: dict[int, ReportPages] = {}
    for number, key in enumerate(keys):
        stored = cache.get(key) if cache is not None and key else None
        if isinstance(stored, ReportPages):
            made[number] = stored
    missing = [group for number, group in enumerate(groups) if number not in made]
    sources = {pages[n].source for group in missing for n in group}
    some = [item for item in inputs if item[0] in sources]
    cached = publish_cached(some, shared_cache(), finish=file_pages, every_file=False) if some else None
    reports = {(report.source, report.index): report for report in cached.publication.reports} if cached else {}
    pieces = Counter(report.source for report in reports.values())
    to_make: dict[int, list[Report]] = {}
    for number, group in enumerate(groups):
        if number in made:
            continue
        copies = [reports.get((pages[n].source, pages[n].index)) for n in group]
        if all(copy is not None for copy in copies):  # else a file that can no longer be read: the copies stay apart
            to_make[number] = [copy for copy in copies if copy is not None]
    # apart: counting their phrases loads the segmenter (some 60 MB), which would otherwise stay in this
    # process until the build ends, and in every process the build forks after
    for number, made_now in (made_apart(partial(make_merged, to_make, pieces)) if to_make else {}).items():
        made[number] = made_now
        if cache is not None and keys[number]:
            cache.put(keys[number], made_now)
    merged = list(pages)
    for number, group in enumerate(groups):
        if number not in made:
            continue  # its copies stay apart
        merged[group[0]] = made[number]
        for n in group[1:]:
            copy, into = pages[n], pages[group[0]].slug
            audit = PackedText.of(unlinked_audit(copy.audit.text(), copy.slug, into))
            merged[n] = replace(copy, audit=audit, merged_into=into)
    return merged
