"""The inline SVG charts: round axis ticks, and a dot with its tooltip for every point (the tooltips as one
list a run, which the page's script gives each dot: checked in Chromium in test_series), and where a
phrase's page draws one."""

from __future__ import annotations

import math
import re
from itertools import pairwise

from build_tools.archive.phrases import PhraseUse, phrase_counts, tracked_phrases
from build_tools.pages.charts import Series, line_chart, nice_ticks
from build_tools.pages.phrases import phrase_page, phrase_usage


def test_ticks_are_round_numbers_that_cover_the_values() -> None:
    for low, high in [(0, 2.93), (0, 0.07), (0, 0.5), (0, 7.5), (0, 100), (-5, 12), (0, 1234)]:
        ticks = nice_ticks(low, high)
        steps = {round(b - a, 9) for a, b in pairwise(ticks)}
        assert len(steps) == 1, (low, high, ticks)
        step = steps.pop()
        assert round(step / 10 ** math.floor(math.log10(step)), 9) in {1, 2, 2.5, 5}, (low, high, step)
        assert ticks[0] <= low + 1e-9 and ticks[-1] >= high - step / 2, (low, high, ticks)
    assert nice_ticks(0, 2.93) == [0, 1, 2, 3]  # not 0, 0.7325, 1.465 …


def test_every_point_has_a_dot_with_its_tooltip_in_its_series_colour() -> None:
    series = [
        Series("国家", "gr-series-0", ((2020, 1.0), (2021, None), (2022, 2.5), (2023, 3.0))),
        Series("省", "gr-series-1", ((2022, 0.5), (2023, 0.0))),
    ]
    svg = line_chart("“新质生产力”每万字出现次数", series)
    groups = re.findall(r'<g class="gr-dot (gr-series-\d)" data-titles="([^"]*)">(.*?)</g>', svg)
    dots = [(css, title) for css, titles, _ in groups for title in titles.split("|")]
    assert dots == [
        ("gr-series-0", "国家 2020年：1"),
        ("gr-series-0", "国家 2022年：2.5"),
        ("gr-series-0", "国家 2023年：3"),
        ("gr-series-1", "省 2022年：0.5"),
        ("gr-series-1", "省 2023年：0"),
    ]
    assert [body.count("<circle") for _, titles, body in groups] == [len(titles.split("|")) for _, titles, _ in groups]
    assert svg.count("<circle") == len(dots)
    assert svg.count('<polyline class="gr-line gr-series-0"') == 1  # 2021 is a gap: 2020 stands alone


def test_a_phrase_page_charts_the_phrase_only_where_a_report_uses_it() -> None:
    uses = [
        PhraseUse("n", "2024年政府工作报告", ("全国", "全国"), 2024, "国家", 20000, (("新质生产力", 3),)),
        PhraseUse("c", "2023年襄阳市政府工作报告", ("湖北省", "襄阳市"), 2023, "市", 9000, ()),
    ]
    known = phrase_usage(uses)
    used, unused = phrase_page("新质生产力", known), phrase_page("十连增", known)
    assert "<svg" in used and "图中为" in used
    assert "<svg" not in unused and "图中为" not in unused  # no line at 0 across the years


def test_a_phrase_s_chart_starts_a_few_years_before_its_first_use_and_its_users_are_listed_in_official_order() -> None:
    """新质生产力 (2024) was drawn from 1954, its uses squeezed into the chart's right edge; a year's users were
    listed by the code points of their titles (云南 before 北京)."""
    uses = [
        PhraseUse(f"old{year}", f"{year}年政府工作报告", ("全国", "全国"), year, "国家", 20000, ())
        for year in range(1954, 2024)
    ] + [
        PhraseUse("yn", "2024年云南省政府工作报告", ("云南省", "云南省"), 2024, "省", 20000, (("新质生产力", 2),), "530000"),
        PhraseUse("bj", "2024年北京市政府工作报告", ("北京市", "北京市"), 2024, "省", 20000, (("新质生产力", 1),), "110000"),
        PhraseUse("n", "2024年国务院政府工作报告", ("全国", "全国"), 2024, "国家", 20000, (("新质生产力", 3),)),
    ]
    page = phrase_page("新质生产力", phrase_usage(uses))
    years = [int(year) for year in re.findall(r'class="gr-axis gr-x"[^>]*>(\d{4})<', page)]
    assert min(years) >= 2019 and max(years) == 2024
    listed = page.split("使用这一提法的报告")[1]
    assert listed.index("国务院") < listed.index("北京市") < listed.index("云南省")


def test_a_form_of_two_tracked_phrases_counts_for_both_and_a_longer_form_still_hides_a_shorter_one() -> None:
    """河长制 is a form of the topic 河湖长制 and the glossary's term 河长制; the term's page said that no report
    used it (八项规定, 人居环境整治, 低保 and 经营主体 likewise), the topic taking every use."""
    tracked = tracked_phrases()
    assert "河长制" in tracked["河湖长制"] and "河长制" in tracked["河长制"]  # the case, as the resources have it
    assert "中小企业" in tracked and "科技型中小企业" in tracked
    counts = dict(phrase_counts("全面推行河长制，落实河长制。培育科技型中小企业。"))
    assert counts["河长制"] == 2 and counts["河湖长制"] == 2
    assert counts["科技型中小企业"] == 1 and "中小企业" not in counts


def test_the_last_year_of_a_chart_is_always_labelled() -> None:
    """A phrase chart from 2015 to 2026 labelled 2015, 2017 … 2025: the newest dot stood past the last label."""
    svg = line_chart("测试", [Series("省", "gr-series-1", tuple((year, 1.0) for year in range(2015, 2027)))])
    years = [int(year) for year in re.findall(r'class="gr-axis gr-x"[^>]*>(\d{4})<', svg)]
    assert years[-1] == 2026 and len(years) <= 8 and years == sorted(years)
