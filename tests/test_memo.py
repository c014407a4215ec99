"""Pages kept from one build to the next in a server: reused only for the very records they were made of."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from build_tools import memo
from build_tools.archive.series import SeriesFacts, SeriesFigure, series_rows
from build_tools.engine import cache
from build_tools.engine.speedups import OFF_ENV
from build_tools.pages.browse import place_path
from build_tools.pages.series_pages import compare_pages, place_sections


@pytest.fixture
def keeping() -> Iterator[None]:
    memo.keep_between_builds(True)
    memo.next_build()
    try:
        yield
    finally:
        memo.keep_between_builds(False)
        memo.next_build()
        memo.next_build()


@dataclass(frozen=True)
class Record:
    name: str
    figures: tuple[float, ...]


def counted() -> tuple[memo.Kept[list[object]], list[object]]:
    calls: list[object] = []

    def made(record: Record, page: str) -> list[object]:
        calls.append(record)
        return [record, page]

    return memo.kept(made), calls


def test_a_result_is_reused_for_an_equal_record_and_made_again_for_another(keeping: None) -> None:
    function, calls = counted()
    record = Record("襄阳市", (6.5, 7.0))
    first = function(record, "a.md")
    memo.next_build()
    assert function(record, "a.md") is first and len(calls) == 1
    assert function(Record("襄阳市", (6.5, 7.0)), "a.md") is first and len(calls) == 1  # equal: the same page
    assert function(record, "b.md") is not first and len(calls) == 2  # another argument: made again
    assert function(Record("襄阳市", (6.5, 7.5)), "a.md") == [Record("襄阳市", (6.5, 7.5)), "a.md"]
    assert len(calls) == 3
    memo.next_build()
    memo.next_build()  # a build that did not ask for it: forgotten
    function(record, "a.md")
    assert len(calls) == 4


def test_nothing_is_kept_outside_a_server() -> None:
    function, calls = counted()
    record = Record("襄阳市", ())
    function(record, "a.md")
    function(record, "a.md")
    assert len(calls) == 2 and not function.now and not function.last


KEY = ("市", "湖北省", "襄阳市")
OTHER = ("市", "湖北省", "宜昌市")


def figure(kind: str, value: float, year: int, slug: str) -> SeriesFigure:
    return SeriesFigure("地区生产总值", "change", kind, value, None, None, "%", 10, f"reports/{slug}.md#fig-1", year, (), "地区生产总值")


def facts(key: tuple[str, str, str], year: int, *figures: SeriesFigure) -> SeriesFacts:
    slug = f"{key[2]}-{year}"
    return SeriesFacts(slug, f"reports/{slug}.md", f"{year}年{key[2]}", key, "市", year, figures, (), 1000 + year)


def archive() -> list[SeriesFacts]:
    made = []
    for key in (KEY, OTHER):
        for year in (2022, 2023, 2024):
            slug = f"{key[2]}-{year}"
            made.append(facts(key, year, figure("target", 6, year, slug), figure("actual", 5.5, year - 1, slug)))
    return made


def pages(records: list[SeriesFacts]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    def phrases(current: str, previous: str, page: str) -> str:
        return f"{previous} → {current}\n"

    compared, links = compare_pages(records, phrases)
    return place_sections(series_rows(records), records), compared, links


def test_a_rebuild_after_one_report_changed_gives_the_pages_of_a_fresh_build(keeping: None) -> None:
    records = archive()
    before = pages(records)
    changed = list(records)
    changed[2] = replace(records[2], figures=(figure("target", 7, 2024, records[2].slug),))  # 襄阳市 2024
    memo.next_build()
    again = pages(changed)
    memo.keep_between_builds(False)
    assert again == pages(changed)  # the same pages as a build that kept nothing
    sections, compared, _ = again
    other, place = place_path(OTHER), place_path(KEY)
    assert sections[other] is before[0][other]  # the other place's reports did not change: its section is kept
    assert sections[place] != before[0][place] and "7%" in sections[place]
    assert compared["compare/宜昌市-2024.md"] is before[1]["compare/宜昌市-2024.md"]
    assert compared["compare/襄阳市-2024.md"] != before[1]["compare/襄阳市-2024.md"]


def test_a_server_keeps_pages_unless_the_memo_is_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "REMEMBERING", {"on": False})
    try:
        monkeypatch.setenv(OFF_ENV, "memo")
        cache.remember_between_builds(True)
        assert cache.remembering() and not memo.KEEPING["on"]
        monkeypatch.delenv(OFF_ENV)
        cache.remember_between_builds(True)
        assert memo.KEEPING["on"]
    finally:
        memo.keep_between_builds(False)


def test_a_server_keeps_a_phrase_s_page_while_what_it_shows_is_the_same(keeping: None) -> None:
    """An edit of one report made every phrase's page again; only the pages of the phrases it uses change."""
    from build_tools.archive.phrases import PhraseUse, tracked_phrases
    from build_tools.pages.phrases import phrase_pages, phrase_path, phrase_usage

    kept_phrase, edited_phrase = list(tracked_phrases())[:2]

    def use(slug: str, place: str, year: int, counts: tuple[tuple[str, int], ...]) -> PhraseUse:
        lines = tuple((phrase, 3) for phrase, _ in counts)
        return PhraseUse(slug, f"{year}年{place}政府工作报告", (place,), year, "市", 20_000, counts, None, lines)

    uses = [
        use("a", "襄阳市", 2024, ((kept_phrase, 2),)),
        use("b", "宜昌市", 2024, ((kept_phrase, 1), (edited_phrase, 1))),
    ]
    first = phrase_pages(phrase_usage(uses))
    memo.next_build()
    uses[1] = replace(uses[1], counts=((kept_phrase, 1), (edited_phrase, 4)))
    again = phrase_pages(phrase_usage(uses))
    assert again[phrase_path(kept_phrase)] is first[phrase_path(kept_phrase)]
    assert again[phrase_path(edited_phrase)] != first[phrase_path(edited_phrase)]
    memo.keep_between_builds(False)
    assert phrase_pages(phrase_usage(uses)) == again  # what a build that keeps nothing makes
