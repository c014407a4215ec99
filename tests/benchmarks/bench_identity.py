"""Prints how well reports know who gave them, where and when, against ../shared/corpus/SOURCES.tsv.

    .venv/bin/python tests/benchmarks/bench_identity.py

Decodes, splits and cleans every file of the development corpus twice: under the files' real names, and with
every file copied to a temporary folder as doc-N.txt (in shuffled order), so that only the text can tell.
Prints the accuracy of year, place and level and lists the misses. The key's levels national / province /
city are 国家 / 省 / 市; its regions (山东省东营市, 北京市, 中华人民共和国(国务院)) name the place after its
province. A file that holds several reports is scored by its first.
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_tools.archive.gazetteer import gazetteer
from build_tools.archive.identity import identify
from build_tools.model import Identity
from build_tools.report.clean import clean
from build_tools.report.decode import decode
from build_tools.report.split import split

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
LEVELS = {"national": "国家", "province": "省", "city": "市"}
NATIONAL = "全国"


@dataclass(frozen=True)
class Expected:
    year: int
    place: str
    level: str


def key() -> dict[str, Expected]:
    provinces = [place.name for place in gazetteer().places if place.level == "省"]
    answers = {}
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            region = row["region"]
            if row["level"] == "national":
                place = NATIONAL
            else:
                province = next((name for name in provinces if region.startswith(name) and region != name), "")
                place = region[len(province) :]
            answers[row["file"]] = Expected(int(row["year"]), place, LEVELS[row["level"]])
    return answers


def identities(
    paths: dict[str, Path], shown_as: Callable[[Path], str]
) -> tuple[dict[str, Identity], dict[str, int], float]:
    """The identity of each file's first report (decoded, split and cleaned as the pipeline does), how many
    reports each file holds, and the seconds identifying took."""
    found: dict[str, Identity] = {}
    pieces: dict[str, int] = {}
    seconds = 0.0
    for name, path in paths.items():
        collection = split(decode(shown_as(path), path.read_bytes()))
        pieces[name] = len(collection.reports)
        first = collection.reports[0]
        cleaned = clean(first, collection.preamble)
        start = time.perf_counter()
        lines = [paragraph.text for paragraph in cleaned.paragraphs]
        found[name] = identify(cleaned.source, lines, cleaned.heading, collection=pieces[name] > 1)
        seconds += time.perf_counter() - start
    return found, pieces, seconds


def score(label: str, answers: dict[str, Expected], found: dict[str, Identity], seconds: float) -> None:
    misses = {"year": [], "place": [], "level": []}
    for name, expected in sorted(answers.items()):
        identity = found.get(name, Identity())
        for field in misses:
            if getattr(identity, field) != getattr(expected, field):
                how = identity.how(field)
                misses[field].append(
                    f"{name}: {getattr(identity, field)} (key {getattr(expected, field)})"
                    + (f" [{how}]" if how else "")
                )
    total = len(answers)
    figures = "  ".join(
        f"{field} {(total - len(missed)) / total:.3f} ({total - len(missed)}/{total})"
        for field, missed in misses.items()
    )
    print(f"{label}: {figures}  ({seconds:.2f} s identifying)")
    for field, missed in misses.items():
        for line in missed:
            print(f"  {field} miss: {line}")


def main() -> int:
    if not (CORPUS / "SOURCES.tsv").is_file():
        print(f"skipped: no development corpus at {CORPUS}")
        return 0
    answers = key()
    paths = {name: CORPUS / name for name in answers}
    found, pieces, seconds = identities(paths, lambda path: path.relative_to(CORPUS).as_posix())
    several = {name: count for name, count in pieces.items() if count > 1}
    print(
        f"{len(answers)} files, {sum(pieces.values())} reports" + (f"; several reports in {several}" if several else "")
    )
    score("real names", answers, found, seconds)
    order = list(answers)
    random.Random(17).shuffle(order)
    with tempfile.TemporaryDirectory() as folder:
        opaque = {}
        for number, name in enumerate(order, 1):
            opaque[name] = Path(folder) / f"doc-{number}.txt"
            shutil.copyfile(CORPUS / name, opaque[name])
        found, _, seconds = identities(opaque, lambda path: path.name)
    score("opaque names", answers, found, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
