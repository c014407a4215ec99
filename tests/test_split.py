from __future__ import annotations

from build_tools.report.decode import decode
from build_tools.report.split import split
from tests.gold_structure import SEED, gold


def test_the_seed_is_five_reports_starting_at_the_gold_title_lines() -> None:
    collection = split(decode("seed.txt", SEED.read_bytes()))
    assert [report.heading.number for report in collection.reports if report.heading] == [
        piece["title_line"] for piece in gold()["reports"]
    ]
    assert [report.index for report in collection.reports] == [1, 2, 3, 4, 5]


def test_the_collection_title_and_blurb_are_set_aside() -> None:
    collection = split(decode("seed.txt", SEED.read_bytes()))
    expected = gold()["collection"]
    kinds = {entry.line: entry.kind for entry in collection.preamble}
    assert kinds == {expected["title_line"]: "collection-title", **dict.fromkeys(expected["boilerplate_lines"], "boilerplate")}


def test_a_file_without_piece_headings_is_one_report() -> None:
    collection = split(decode("one.txt", "2024年政府工作报告\n一、回顾\n正文。".encode()))
    assert len(collection.reports) == 1
    assert collection.reports[0].heading is None
    assert collection.preamble == ()


def test_a_single_piece_heading_does_not_make_a_collection() -> None:
    collection = split(decode("one.txt", "报告篇一\n正文。".encode()))
    assert len(collection.reports) == 1
