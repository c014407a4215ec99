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
    """人居环境整治 is a form of the topic 农村人居环境 and the glossary's term 人居环境整治; the term's page said that no
    report used it (河长制, 八项规定, 低保 and 经营主体 likewise), the topic taking every use."""
    tracked = tracked_phrases()
    assert "人居环境整治" in tracked["农村人居环境"] and "人居环境整治" in tracked["人居环境整治"]  # as the resources have it
    assert "中小企业" in tracked and "科技型中小企业" in tracked
    counts = dict(phrase_counts("推进人居环境整治，开展人居环境整治。培育科技型中小企业。"))
    assert counts["人居环境整治"] == 2 and counts["农村人居环境"] == 2
    assert counts["科技型中小企业"] == 1 and "中小企业" not in counts


def test_the_last_year_of_a_chart_is_always_labelled() -> None:
    """A phrase chart from 2015 to 2026 labelled 2015, 2017 … 2025: the newest dot stood past the last label."""
    svg = line_chart("测试", [Series("省", "gr-series-1", tuple((year, 1.0) for year in range(2015, 2027)))])
    years = [int(year) for year in re.findall(r'class="gr-axis gr-x"[^>]*>(\d{4})<', svg)]
    assert years[-1] == 2026 and len(years) <= 8 and years == sorted(years)


def test_a_phrase_is_counted_where_it_is_words_of_the_text_not_where_its_characters_run_across_two_words() -> None:
    """化工 stood in 107 places of the corpus where the text says 优化工作, 文化工作 or 强化工程; 高铁 in 提高铁路
    (1985 was its first national use), 种业 in 各种业余 (1955), 港口 in 宁波港口岸. A word holding the phrase whole
    (石油化工) or across one of its ends (深化改革开放, 社会主义市场经济体制) is still a use of it."""
    text = ("优化工作生活保障，加强基层文化工作，适当提高铁路短途运价，开办各种业余学校，宁波港口岸开放。"
            "发展石油化工产业，加快发展高铁经济，发展农作物种业，推进港口建设。全面深化改革开放，建立社会主义市场经济体制。")
    counts = dict(phrase_counts(text))
    assert [counts.get(phrase) for phrase in ("化工", "高铁", "种业", "港口", "改革开放", "市场经济")] == [1, 1, 1, 1, 1, 1]


def test_a_word_that_holds_a_phrase_s_characters_but_is_no_use_of_it_is_not_counted() -> None:
    """2013's 尊重发展规律，创新发展理念 (to innovate the idea of development) made it the first national report to use
    新发展理念, the term of 2015, on the phrase's page and in 2013's new phrases (resources/tags/not_uses.txt)."""
    assert "新发展理念" not in dict(phrase_counts("尊重发展规律，创新发展理念，破解发展难题。"))
    assert dict(phrase_counts("坚持以新发展理念引领发展，完整准确全面贯彻新发展理念。"))["新发展理念"] == 2


def test_a_phrase_page_says_which_forms_it_counts() -> None:
    """四好农村路's page counted every 农村公路 (104 reports where 63 say it; first used in 2003, the term dates from
    2014) and did not say so; a phrase counted in other forms names them, and the forms are the same idea."""
    tracked = tracked_phrases()
    assert tracked["四好农村路"] == ("四好农村路",) and tracked["水土流失"] == ("水土流失",)
    assert "市场主体" not in tracked["经营主体"] and "和平共处" not in tracked["和平共处五项原则"]
    assert tracked["河长制"] == ("河长制", "河湖长制") and "河湖长制" not in tracked  # one idea, one page
    known = phrase_usage([PhraseUse("n", "2024年政府工作报告", ("全国", "全国"), 2024, "国家", 20000, (("规上工业", 3),))])
    assert "计入的写法：规上工业、规模以上工业。" in phrase_page("规上工业", known)
    assert "计入的写法" not in phrase_page("四好农村路", known)


def test_a_first_national_use_after_a_year_the_archive_lacks_says_so() -> None:
    """乡村振兴's page said the State Council first used it in 2019, where the archive has no 2018 report (the
    phrase's first year, as it happens): a first use after a gap names the years missing."""
    def national(year: int, uses: int) -> PhraseUse:
        return PhraseUse(f"n{year}", f"{year}年政府工作报告", ("全国", "全国"), year, "国家", 20000,
                         (("乡村振兴", uses),) if uses else ())

    gap = phrase_page("乡村振兴", phrase_usage([national(2017, 0), national(2019, 3), national(2021, 5)]))
    assert "本站所收的国务院政府工作报告中最早在 2019 年使用；本站未收 2018 年的国务院报告" in gap
    gaps = phrase_page("乡村振兴", phrase_usage([national(2013, 0), national(2016, 3)]))
    assert "本站未收 2014—2015 年的国务院报告" in gaps
    whole = phrase_page("乡村振兴", phrase_usage([national(2018, 0), national(2019, 3)]))
    assert "国务院政府工作报告最早在 2019 年使用。" in whole and "未收" not in whole


def test_a_phrase_s_table_links_each_year_s_national_uses_to_that_report() -> None:
    """The list of users names the newest 60 only: 改革开放's page linked 2 of the 30 State Council reports
    that use it, all others being recent local reports."""
    uses = [
        PhraseUse(f"national-{year}", f"{year}年政府工作报告", ("全国", "全国"), year, "国家", 20000, (("改革开放", 2),))
        for year in (1992, 1993)
    ] + [
        PhraseUse(f"city-{number}", f"2024年第{number}市政府工作报告", ("湖北省", f"第{number}市"), 2024, "市", 9000,
                  (("改革开放", 1),))
        for number in range(80)
    ]
    page = phrase_page("改革开放", phrase_usage(uses))
    listed = page.split("使用这一提法的报告")[1]
    assert "national-1992" not in listed  # beyond the newest 60
    rows = {row.split("|")[1].strip(): row for row in page.splitlines() if re.match(r"\| (19|20)\d\d \|", row)}
    assert "[2次](../reports/national-1992.md)" in rows["1992"] and "national-1993.md" in rows["1993"]
    assert "reports/" not in rows["2024"]  # that year has no national report


def test_a_phrase_s_users_link_to_its_first_use_with_their_counts_and_the_search_finds_every_use() -> None:
    """A phrase page linked each report to its top, with no count, and named its newest 60 only: 新质生产力's 49
    other users could not be reached from it."""
    uses = [
        PhraseUse("sz", "2024年宿州市政府工作报告", ("安徽省", "宿州市"), 2024, "市", 9000, (("新质生产力", 3),), None,
                  (("新质生产力", 57),)),
        PhraseUse("old", "2023年宿州市政府工作报告", ("安徽省", "宿州市"), 2023, "市", 9000, (("新质生产力", 1),)),
    ]
    listed = phrase_page("新质生产力", phrase_usage(uses)).split("使用这一提法的报告")[1]
    assert '**2024年**' in listed and '[宿州市<span class="gr-count">（3次）</span>](../reports/sz.md#L57)' in listed
    assert '[宿州市<span class="gr-count">（1次）</span>](../reports/old.md)' in listed  # its line unknown
    assert listed.index("2024年") < listed.index("sz.md") < listed.index("2023年") < listed.index("old.md")
    assert "(?q=%E6%96%B0%E8%B4%A8%E7%94%9F%E4%BA%A7%E5%8A%9B)" in listed


def test_a_phrase_s_first_use_is_the_line_of_its_paragraph() -> None:
    from build_tools.archive.phrases import phrase_uses
    from build_tools.model import Paragraph
    from build_tools.pages.site import first_lines

    paragraphs = [Paragraph(text=text, lines=(line,), line_starts=(0,)) for text, line in (
        ("一、回顾", 3), ("培育新质生产力，推动乡村振兴。", 5), ("发展新质生产力。", 9),
    )]
    counts, first = phrase_uses("\n".join(paragraph.text for paragraph in paragraphs))
    assert dict(counts)["新质生产力"] == 2
    assert dict(first_lines(paragraphs, first)) == {"新质生产力": 5, "乡村振兴": 5}
    assert first_lines(paragraphs, {"新质生产力": 40}) == ()  # in a copy's text, after the report's own
