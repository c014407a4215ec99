"""The series across years: rows from small per-report facts, verdicts, and the score against the gold."""

from __future__ import annotations

import csv
import gzip
import io
import pickle
import re
from dataclasses import replace

import pytest

from build_tools.archive.periods import years_named
from build_tools.archive.phrases import PhraseUse
from build_tools.archive.series import SeriesFacts, SeriesFigure, series_rows
from build_tools.archive.series_files import series_csv
from build_tools.archive.series_rules import figure_flags
from build_tools.model import Indicator
from build_tools.pages.browse import relative_path
from build_tools.pages.series_pages import place_sections, series_downloads
from build_tools.pages.tables import category_name
from tests.series_scoring import CORPUS, GOAL, score, series_of_corpus

KEY = ("全国", "", "全国")


def figure(kind: str, value: float, year: int, *, flags: tuple[str, ...] = (), qualifier: str | None = None) -> SeriesFigure:
    return SeriesFigure("地区生产总值", "change", kind, value, None, qualifier, "%", 10, f"reports/r{year}.md#fig-1", year, flags, "国内生产总值")


def facts(year: int, *figures: SeriesFigure, no_target: bool = False) -> SeriesFacts:
    return SeriesFacts(f"r{year}", f"reports/r{year}.md", f"{year}", KEY, "国家", year, figures,
                       (("地区生产总值", 5),) if no_target else ())


def test_target_meets_the_next_reports_result_and_gaps_are_named() -> None:
    rows = series_rows([
        facts(2019, figure("target", 6, 2019)),
        facts(2020, figure("actual", 6.1, 2019), no_target=True),
        facts(2021, figure("actual", 2.3, 2020), figure("target", 6, 2021, qualifier="以上")),
        facts(2023, figure("actual", 3, 2022), figure("actual", 5.2, 2022, flags=("period",)), figure("target", 5, 2023)),
    ])
    by_year = {row.year: row for row in rows}
    assert by_year[2019].verdict == "met" and by_year[2019].actual == 6.1
    assert by_year[2020].verdict == "no-target" and by_year[2020].actual == 2.3
    assert by_year[2021].verdict == "next-missing"
    assert by_year[2022].verdict == "own-missing" and by_year[2022].actual == 3  # the five-year figure is not taken
    assert by_year[2023].verdict == "pending"
    assert by_year[2019].actual_source is not None and by_year[2019].actual_source.report == "r2020"
    assert series_csv(rows).startswith("\ufeffplace,".encode())


def test_revised_results_of_a_year_are_listed_from_every_later_report_in_order() -> None:
    rows = series_rows([
        facts(2019, figure("target", 6, 2019)),
        facts(2020, figure("actual", 6.1, 2019)),
        facts(2021, figure("actual", 6.0, 2019, flags=("revised",)), figure("actual", 2.3, 2020)),
        facts(2022, figure("actual", 5.9, 2019, flags=("revised",)), figure("actual", 8.1, 2022, flags=("revised",))),
    ])
    by_year = {row.year: row for row in rows}
    assert [(value, source.report) for value, source in by_year[2019].revised] == [(6.0, "r2021"), (5.9, "r2022")]
    assert by_year[2019].actual == 6.1  # the result the next report gave; revisions are shown beside it
    assert all(not row.revised for year, row in by_year.items() if year != 2019)  # of its own year: not a revision


def test_the_series_are_stored_once_compressed_and_linked_from_each_place() -> None:
    made = [facts(2019, figure("target", 6, 2019)), facts(2020, figure("actual", 6.1, 2019))]
    rows = series_rows(made)
    (name, stored), = series_downloads(rows).items()
    data = stored.contents()
    assert name == "downloads/series.csv.gz" and gzip.decompress(data) == series_csv(rows)
    rows_read = list(csv.DictReader(gzip.decompress(data).decode("utf-8-sig").splitlines()))
    assert rows_read[0]["actual"] == "6.1"
    (page, section), = place_sections(rows, made).items()
    assert f"]({relative_path(page, name)})" in section


def test_a_place_draws_a_chart_only_for_an_indicator_that_spans_enough_years() -> None:
    two_years = [facts(2019, figure("target", 6, 2019)), facts(2020, figure("actual", 6.1, 2019), figure("target", 6, 2020))]
    three_years = [*two_years, facts(2021, figure("actual", 2.3, 2020), figure("target", 6, 2021))]
    for made, drawn in ((two_years, False), (three_years, True)):
        (_, section), = place_sections(series_rows(made), made).items()
        assert ("<svg" in section) is drawn
        assert not drawn or re.search(r"<title>[^<]*（增速，%）</title>", section)  # its unit once, not （%）（%）
        assert "gr-series-table" in section and "| 完成 |" in section  # the table is there either way


def test_a_place_s_chart_spans_the_years_of_its_figures_not_every_year_of_its_reports() -> None:
    """The national page's GDP chart ran from 1954, its first report, to 2025: its figures start in 1991."""
    made = [facts(2005), facts(2019, figure("target", 6, 2019)), facts(2020, figure("actual", 6.1, 2019), figure("target", 6, 2020)),
            facts(2021, figure("actual", 2.3, 2020), figure("target", 6, 2021))]
    (_, section), = place_sections(series_rows(made), made).items()
    years = [int(year) for year in re.findall(r'class="gr-axis gr-x"[^>]*>(\d{4})<', section)]
    assert years and min(years) == 2019 and max(years) == 2021


def test_a_result_below_a_ceiling_meets_it() -> None:
    price = SeriesFigure("物价", "change", "target", 3, None, "左右", "%", 1, "", 2024, (), "居民消费价格涨幅")
    result = SeriesFigure("物价", "change", "actual", 0.2, None, None, "%", 1, "", 2024, (), "居民消费价格")
    rows = series_rows([facts(2024, price), facts(2025, result)])
    assert rows[0].verdict == "met"


def test_years_are_read_in_every_script() -> None:
    assert years_named("比１９８５年增长，一九八七年达到，2024年") == [(1985, True), (1987, False), (2024, False)]


@pytest.fixture(scope="module")
def corpus_series() -> list[dict]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return series_of_corpus()


def test_series_of_the_corpus_agrees_with_the_hand_checked_gold(corpus_series: list[dict]) -> None:
    overall = score(corpus_series)[0][2]
    assert overall.precision >= GOAL and overall.recall >= GOAL, score(corpus_series)[1]


def test_each_kind_of_cell_reaches_the_goal(corpus_series: list[dict]) -> None:
    for item in score(corpus_series)[0]:
        assert item.precision >= GOAL and item.recall >= GOAL, item


def test_inspect_series_rows_have_the_documented_fields(corpus_series: list[dict]) -> None:
    row = next(r for r in corpus_series if r["place"] == "全国" and r["year"] == 2024 and r["indicator"] == "地区生产总值")
    for name in ("place", "level", "indicator", "role", "year", "target", "target_high", "qualifier", "actual",
                 "unit", "verdict", "target_source", "actual_source"):
        assert name in row
    assert set(row["target_source"]) == {"report", "line"}


def test_records_read_back_share_their_words_with_every_other_record() -> None:
    use = PhraseUse("r1", "报告", ("湖北省", "襄阳市"), 2024, "市", 9000, (("新质" + "生产力", 3), ("低空经济", 1)))
    found = figure("target", 6, 2024, qualifier="左" + "右")
    for record in (use, found):
        first, second = pickle.loads(pickle.dumps(record)), pickle.loads(pickle.dumps(record))
        assert first == record == second
    first, second = (pickle.loads(pickle.dumps(use)) for _ in range(2))
    assert first.counts[0][0] is second.counts[0][0] and first.place[1] is second.place[1]
    one, other = (pickle.loads(pickle.dumps(found)) for _ in range(2))
    assert one.qualifier is other.qualifier and one.category is other.category


def test_a_comparison_says_when_a_target_keeps_its_number_but_not_its_words() -> None:
    """就业 1200万人左右 → 1200万人以上 was 持平, as if nothing had changed."""
    from build_tools.pages.render import labels
    from build_tools.pages.series_pages import change_word

    words = labels()["compare_changes"]
    assert change_word(figure("target", 5, 2024, qualifier="左右"), figure("target", 5, 2025, qualifier="以上")) == words["same_value_reworded"]
    assert change_word(figure("target", 5, 2024, qualifier="左右"), figure("target", 5, 2025, qualifier="左右")) == words["same"]
    assert change_word(figure("target", 5, 2024), figure("target", 6, 2025)) == words["raised"]


def test_a_part_of_a_headline_indicator_is_not_the_place_s_own_figure() -> None:
    """The year's comparison gave 承德's, 阳泉's, 长治's and 晋城's residents' income as the income growth of
    households lifted out of poverty (12.4–16.5%), 成都's output as its metropolitan area's, 毕节's as a
    ratio of logistics costs to it."""
    def flags(subject: str, category: str) -> tuple[str, ...]:
        figure = Indicator(subject, 5.0, None, "%", None, "%", "change", None, "actual", 1, "增长5%", 0, 0)
        return figure_flags(figure, category, f"{subject}增长5%", None, False)

    for subject in ["脱贫人口人均纯收入", "低收入农户人均可支配收入", "易地搬迁脱贫人口人均纯收入"]:
        assert "part" in flags(subject, "居民收入"), subject
    for subject in ["成都都市圈经济总量", "社会物流总费用与地区生产总值比率", "县域范围内地区生产总值", "海洋生产总值", "支持宜都、枝江经济总量冲刺"]:
        assert "part" in flags(subject, "地区生产总值"), subject
    assert "part" not in flags("居民人均可支配收入", "居民收入")
    assert "part" not in flags("全体居民人均可支配收入", "居民收入")
    assert "part" not in flags("地区生产总值", "地区生产总值") and "part" not in flags("经济总量", "地区生产总值")
    # 全国's chart of its fiscal revenue had 1980 at 405亿元 (增加财政开支和减少财政收入共四百零五亿元), its
    # population the urbanisation rate, and 1978 a rise over two years (这两年中……财政收入增长百分之四十四点四)
    assert "part" in flags("减少财政收入", "财政收入") and "part" in flags("常住人口城镇化率", "人口")
    two_years = Indicator("财政收入", 44.4, None, "%", None, "%", "change", None, "actual", 1, "增长百分之四十四点四", 0, 0)
    assert "period" in figure_flags(two_years, "财政收入", "这两年中，财政收入增长百分之四十四点四", 1979, True)
    assert "period" not in figure_flags(two_years, "财政收入", "去年财政收入增长百分之四十四点四", 1979, True)


def test_the_country_s_output_is_named_as_its_reports_name_it() -> None:
    """全国's page, its reports' tables and the home page called the country's GDP 地区生产总值, a region's name."""
    made = [facts(2019, figure("target", 6, 2019)), facts(2020, figure("actual", 6.1, 2019))]
    (_, section), = place_sections(series_rows(made), made).items()
    assert "### 国内生产总值（增速，%）" in section and "地区生产总值" not in section
    assert category_name("地区生产总值", True) == "国内生产总值" and category_name("地区生产总值", False) == "地区生产总值"
    assert category_name("财政收入", True) == "财政收入"
    # 1992's and 1993's figures of gross national product were called 国内生产总值 in their tables
    assert category_name("地区生产总值", True, "国民生产总值") == "国民生产总值"
    assert category_name("地区生产总值", False, "国民生产总值") == "地区生产总值"
    region = [replace(f, place_key=("湖北省", "", "襄阳市"), level="市") for f in made]
    (_, section), = place_sections(series_rows(region), region).items()
    assert "### 地区生产总值（增速，%）" in section


def test_a_figure_of_a_five_year_review_or_plan_is_not_the_year_s() -> None:
    """全国's 2010 jobs stood at 5771万人 (这五年……城镇新增就业5771万人, the 2011 report's review of five
    years) and its 2016 target at 5000万人以上 (the 十三五 plan's), judged 未完成 against 1314万人; 四川's 2025
    at 522万人 (五年来…). A paragraph that opens on five years, and those after it, speak of them, up to one
    that opens on its year (刚刚过去的2025年); so do a plan's chapters, but not the chapter of its first year;
    a level a five-year review says was reached (经济总量达到2.67万亿元) is the year's."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = (
        "2026年四川省人民政府工作报告\n各位代表：\n一、2025年工作回顾和“十四五”发展主要成绩\n"
        "五年来，我们大力发展民生社会事业。城镇新增就业522万人。\n"
        "——这五年综合经济实力大幅提升。经济总量达到2.67万亿元，一般公共预算收入增加近1000亿元。\n"
        "刚刚过去的2025年，我们稳中求进。地区生产总值增长5.5%，城镇新增就业107万人。\n"
        "二、“十五五”时期主要目标任务\n到2030年，地区生产总值年均增长5%左右。城镇新增就业500万人以上。\n"
        "三、全力推动“十五五”开好局起好步\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业85万人。\n"
    )
    # 辽宁's target for the year cited the plan's list of indicators (《纲要（草案）》明确了…主要指标), a chapter its
    # heading gives to the period and the year alike, before the year's own paragraph
    text += ("四、“十五五”时期目标任务和2026年工作安排\n《纲要（草案）》明确了经济社会发展主要指标：一是围绕经济发展，提出6项指标；"
             "三是围绕民生福祉，提出8项指标，其中城镇调查失业率5.4%左右。\n"
             "今年是“十五五”开局之年。全省经济社会发展的主要预期目标是：城镇调查失业率5.5%左右。\n")
    report = process_bytes("province/2026_四川省.txt", text.encode("utf-8"))[0]
    figures = facts_of(report).figures
    kept = {(f.kind, f.value) for f in figures if not f.flags}
    over_years = {(f.kind, f.value) for f in figures if "period" in f.flags}
    assert {("actual", 522.0), ("actual", 1000.0), ("target", 500.0)} <= over_years
    assert {("actual", 2.67), ("actual", 5.5), ("actual", 107.0), ("target", 5.5), ("target", 85.0)} <= kept
    assert ("target", 5.4) in over_years


def test_a_growth_target_however_worded_is_a_rate_and_an_amount_or_a_share_is_none() -> None:
    """临沂's and 舟山's 力争 targets made second tables of 比率 beside their growth; 德阳's target stood as
    1个百分点 (高于省平) in the growth table and its 7%左右 apart; 全国's growth of revenue in % listed
    1501亿元 (比上年增加) and, for 1955, 60% (国家财政收入的60%左右要经过地方收交); a base (从26.6万亿元增加到…)
    stood as a year's level."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = (
        "2024年德阳市人民政府工作报告\n各位代表：\n一、2023年工作回顾\n"
        "国家财政收入比上年增加1501亿元。国家财政收入的60%左右要经过地方收交。"
        "国内生产总值从26.6万亿元增加到51.9万亿元。\n二、2024年工作安排\n"
        "今年的主要预期目标是：地区生产总值增速高于省平1个百分点、7%左右，一般公共预算收入增长5.5%、力争6.5%以上。\n"
    )
    figures = facts_of(process_bytes("city/德阳.txt", text.encode("utf-8"))[0]).figures
    kept = {(f.category, f.role, f.kind, f.value) for f in figures if not f.flags}
    assert ("地区生产总值", "change", "target", 7.0) in kept and ("财政收入", "change", "target", 5.5) in kept
    assert ("财政收入", "change", "target", 6.5) in kept  # second to 5.5%, in the same table (the first is taken)
    assert not {value for _, _, _, value in kept} & {1.0, 1501.0, 60.0, 26.6}
    assert ("地区生产总值", "level", "actual", 51.9) in kept


def test_a_result_keeps_the_word_its_report_qualifies_it_with() -> None:
    """全国's results of GDP read 126万亿元 where the 2024 report says 超过126万亿元, 内江's 7% for 增长7.0%左右."""
    target = SeriesFigure("地区生产总值", "level", "target", 120, None, "超过", "万亿元", 9, "reports/r2023.md#fig-1", 2023)
    result = replace(target, kind="actual", value=126, qualifier="超过", line=20, link="reports/r2024.md#fig-2")
    made = [facts(2023, target), facts(2024, result)]
    (row,) = series_rows(made)
    assert row.actual_qualifier == "超过"
    (_, section), = place_sections([row], made).items()
    assert "超过126万亿元" in section
    with gzip.open(io.BytesIO(series_downloads([row])["downloads/series.csv.gz"].contents())) as stored:
        (record,) = csv.DictReader(io.TextIOWrapper(stored, encoding="utf-8-sig"))
    assert record["actual_qualifier"] == "超过"


def test_a_quarter_a_count_of_thresholds_and_a_ranking_are_not_the_year_s_output() -> None:
    """荆门's quarters stood as its year's growth and 湖南's 4.8% was flagged as another place's (稳居全国前十强);
    湖南's 5万亿台阶 and 吉林's 3个千亿元台阶 stood as output."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = (
        "2026年湖南省人民政府工作报告\n各位代表：\n一、2025年工作回顾\n"
        "全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%，迈上5万亿台阶，跨越3个千亿元台阶。"
        "地区生产总值一季度累计增长4.7%，前三季度累计增长5.1%、全年累计增长4.9%。\n"
    )
    figures = facts_of(process_bytes("province/2026_湖南省.txt", text.encode("utf-8"))[0]).figures
    kept = sorted((f.role, f.value) for f in figures if f.category == "地区生产总值" and not f.flags)
    assert kept == [("change", 4.8), ("change", 4.9), ("level", 5.53)]


def test_a_year_whose_report_states_nothing_of_an_indicator_between_years_that_do_is_marked() -> None:
    """全国's growth table went from 1999 to 2003: the reports of 2000 and 2001 state no figure of it (2000's
    says 国内生产总值增长率达到预期目标), and their years were dropped as if the archive had no report."""
    made = [facts(1999, figure("target", 7, 1999)), facts(2000), facts(2001), facts(2002, figure("actual", 7.3, 2001)),
            facts(2003, figure("target", 7, 2003)), facts(2004)]
    rows = {row.year: row for row in series_rows(made)}
    assert sorted(rows) == [1999, 2000, 2001, 2002, 2003]  # 2004: nothing, after the last year that states it
    assert rows[2000].verdict == "not-found" and rows[2000].target is None and rows[2000].actual is None
    assert rows[2001].actual == 7.3


def test_the_deficit_the_budget_sets_is_followed_across_years() -> None:
    """19 national reports set a deficit (赤字率拟按3%左右安排, 赤字规模4.06万亿元) and no page followed it; the
    centre's and the localities' parts of it are not the whole."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = (
        "2024年国务院政府工作报告\n各位代表：\n一、2023年工作回顾\n国内生产总值增长5.2%。\n二、2024年政府工作任务\n"
        "今年赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。中央财政赤字3.34万亿元。\n"
    )
    figures = facts_of(process_bytes("national/2024.txt", text.encode("utf-8"))[0]).figures
    kept = {(f.category, f.role, f.value, f.unit) for f in figures if f.category == "财政赤字" and not f.flags}
    assert kept == {("财政赤字", "share", 3.0, "%"), ("财政赤字", "level", 4.06, "万亿元")}


def test_a_long_silence_is_no_run_of_empty_rows_and_a_chart_converts_its_units() -> None:
    """全国's revenue table listed 1988–1997 a row each, every one empty; its deficit chart left out the years
    given in 亿元 (9500亿元) of a table in 万亿元."""
    def level(kind: str, value: float, unit: str, year: int) -> SeriesFigure:
        return SeriesFigure("财政赤字", "level", kind, value, None, None, unit, 9, f"reports/r{year}.md#fig-1", year)

    made = [facts(1987, level("target", 100, "亿元", 1987)), *(facts(year) for year in range(1988, 1998)),
            facts(2009, level("target", 9500, "亿元", 2009)), facts(2010, level("target", 1.05, "万亿元", 2010)),
            facts(2011, level("target", 1.2, "万亿元", 2011)), facts(2012, level("target", 0.8, "万亿元", 2012))]
    rows = series_rows(made)
    assert sorted(row.year for row in rows) == [1987, 2009, 2010, 2011, 2012]
    (_, section), = place_sections(rows, made).items()
    assert "2009年0.95" in section  # the chart's description of its points, in 万亿元


def test_a_change_since_a_year_long_before_and_a_share_of_a_plan_are_no_year_s_figure() -> None:
    """全国's fiscal revenue grew 98% in 1986 by its chart: 1987's 1986年同1978年相比，…；国家财政收入由1121亿元增加到
    2220亿元，增长98% (the years named a clause before); 江西's unemployment target for 2026 was 118.2%, the share
    of its jobs plan done in 2025 (城镇新增就业…分别完成年计划的118.2%、248.57%)."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    eight_years = ("1987年国务院政府工作报告\n各位代表：\n一、1986年工作回顾\n1986年同1978年相比，国民收入由3010亿元增加到7790亿元；"
                   "国家财政收入由1121亿元增加到2220亿元，增长98%。去年国家财政收入增长5.8%。\n")
    report = process_bytes("national/1987.txt", eight_years.encode("utf-8"))[0]
    revenue = [(f.value, "period" in f.flags) for f in facts_of(report).figures if f.category == "财政收入" and f.unit == "%"]
    assert revenue == [(98.0, True), (5.8, False)]
    plan = ("2026年江西省政府工作报告\n各位代表：\n一、2025年工作回顾\n城镇新增就业、新增发放创业担保贷款分别完成年计划的118.2%、248.57%。\n"
            "二、2026年工作安排\n城镇调查失业率5.5%左右。\n")
    report = process_bytes("province/2026_江西省.txt", plan.encode("utf-8"))[0]
    jobs = [(f.value, "part" in f.flags) for f in facts_of(report).figures if f.category == "就业"]
    assert (118.2, True) in jobs and (5.5, False) in jobs


def test_a_result_just_short_of_a_target_worded_about_is_near_it_not_missed() -> None:
    """全国's 2015 growth, 6.9% for 7%左右, was 未完成 where the 2016 report counts its main targets met; 2022's 3%
    for 5.5%左右 is missed, and a target with no 左右 is met or missed as before."""
    from build_tools.archive.verdicts import MET, MISSED, NEAR, verdict_of

    def stated(value: float, qualifier: str | None = None) -> SeriesFigure:
        return figure("target", value, 2015, qualifier=qualifier)

    assert verdict_of("地区生产总值", stated(7, "左右"), stated(6.9)) == NEAR
    assert verdict_of("地区生产总值", stated(5.5, "左右"), stated(3)) == MISSED
    assert verdict_of("地区生产总值", stated(7), stated(6.9)) == MISSED
    assert verdict_of("地区生产总值", stated(7, "左右"), stated(7.4)) == MET
    assert verdict_of("物价", stated(3, "左右"), stated(3.3)) == NEAR


def test_a_paragraph_that_turns_from_its_year_to_the_period_and_the_lead_items_after_it_speak_of_the_period() -> None:
    """山东 2026's 居民人均可支配收入增长34.3% (five years' growth, under ——人民生活水平实现新跃升。) was its 2025
    result: the paragraph before its lead items opens on the year (各位代表！2025年是“十四五”收官之年。) and turns to
    the five years in its next sentence (五年来，…)."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = ("2026年山东省政府工作报告\n各位代表：\n一、2025年及“十四五”时期工作回顾\n刚刚过去的2025年，全省居民人均可支配收入增长5.2%。\n"
            "各位代表！2025年是“十四五”收官之年。五年来，我们牢记嘱托、感恩奋进。\n"
            "——人民生活水平实现新跃升。每年实施20项重点民生实事，居民人均可支配收入增长34.3%。\n")
    report = process_bytes("province/2026_山东省.txt", text.encode("utf-8"))[0]
    income = [(f.value, "period" in f.flags) for f in facts_of(report).figures if f.category == "居民收入"]
    assert income == [(5.2, False), (34.3, True)]


def test_a_figure_of_gross_national_product_in_the_gdp_series_says_so() -> None:
    """1987's and 1991–1993's figures were 国民生产总值 under the heading 国内生产总值, with nothing said beside them."""
    from build_tools.archive.series import SeriesRow, Source
    from build_tools.pages.series_pages import row_cells

    key = ("全国", "", "全国")
    gnp = Source("national-1992", 12, "reports/national-1992.md#fig-3", "国民生产总值")
    row = SeriesRow(key, "国家", "地区生产总值", "change", 1992, target=6.0, unit="%", target_source=gnp, verdict="met")
    assert "国民生产总值（GNP" in row_cells("places/全国.md", row)[-1]
    gdp = SeriesRow(key, "国家", "地区生产总值", "change", 1994, target=9.0, unit="%", verdict="met",
                    target_source=Source("national-1994", 9, "reports/national-1994.md#fig-2", "国内生产总值"))
    assert "GNP" not in row_cells("places/全国.md", gdp)[-1]


def test_the_level_a_change_reached_last_year_is_that_year_s_result_whatever_year_it_started_from() -> None:
    """2013's 财政赤字占国内生产总值的比重从2009年的2.8%降到去年的1.5%左右 gave 2012's ratio, which the series said the 2013
    report did not give (下年报告未见结果): 2009 named made it another year's, and 占 a part of the deficit."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = ("2013年国务院政府工作报告\n各位代表：\n一、过去五年工作回顾\n"
            "财政赤字占国内生产总值的比重从2009年的2.8%降到去年的1.5%左右，国内生产总值比2007年增长50%。\n")
    report = process_bytes("national/2013.txt", text.encode("utf-8"))[0]
    figures = {(f.category, f.value): f for f in facts_of(report).figures}
    assert figures[("财政赤字", 1.5)].flags == () and figures[("财政赤字", 1.5)].year == 2012
    assert "part" in figures[("财政赤字", 2.8)].flags  # the ratio it started from is no result of the year
    assert "other-year" in figures[("地区生产总值", 50.0)].flags  # a growth since 2007 is no year's


def test_a_target_and_a_result_of_different_measures_get_no_verdict() -> None:
    """全国's 1993 row set 1993's 国民生产总值计划增长百分之八 beside 1994's 国内生产总值…增长百分之十三点四 of 1993, noted
    口径不同, and still judged it 完成; a bare 涨幅 is of the measure named before it, and the page's notes name
    every measure the verdicts know."""
    from dataclasses import replace

    from build_tools.archive.series_rules import rules
    from build_tools.archive.verdicts import MET, OTHER_MEASURE
    from build_tools.pages.render import labels

    gnp = replace(figure("target", 8, 1993), subject="国民生产总值")
    rows = {row.year: row for row in series_rows([facts(1993, gnp), facts(1994, figure("actual", 13.4, 1993))])}
    assert rows[1993].verdict == OTHER_MEASURE
    same = {row.year: row for row in series_rows([facts(1993, figure("target", 8, 1993)), facts(1994, figure("actual", 13.4, 1993))])}
    assert same[1993].verdict == MET
    bare = replace(figure("actual", 13.4, 1993), subject="涨幅")
    assert {row.year: row for row in series_rows([facts(1993, gnp), facts(1994, bare)])}[1993].verdict == MET
    assert set(labels()["series_subject_notes"]) == set(rules().measures)
    assert OTHER_MEASURE in labels()["series_verdicts"]


def test_a_series_of_rates_of_unemployment_is_named_so_where_a_reader_looks_for_it() -> None:
    """全国's unemployment rates were the series 就业（比率，%）: a journalist looking for 失业率 found no such word in
    the page's outline, nor 人口自然增长率 under 人口（比率，%）."""
    from build_tools.pages.series_pages import series_title

    assert series_title("就业", "share", True, "%") == "城镇失业率（%）"
    assert series_title("就业", "level", False, "万人") == "城镇新增就业（万人）"
    assert series_title("人口", "share", True, "%") == "人口自然增长率（%）"
    assert series_title("地区生产总值", "change", True, "%") == "国内生产总值（增速，%）"
    assert series_title("地区生产总值", "change", False, "%") == "地区生产总值（增速，%）"


def test_a_rate_of_unemployment_in_the_series_says_which_rate_it_is() -> None:
    """The national 就业（比率，%） series set 2005–2017's 城镇登记失业率 (4.6%以内) beside 2019's 城镇调查失业率 (5.5%左右), two
    measures that cannot be compared, with nothing said of the change."""
    from build_tools.archive.series import SeriesRow, Source
    from build_tools.pages.series_pages import row_cells

    key = ("全国", "", "全国")
    registered = Source("national-2016", 95, "reports/national-2016.md#fig-9", "城镇登记失业率")
    surveyed = Source("national-2022", 89, "reports/national-2022.md#fig-7", "城镇调查失业率")
    old = SeriesRow(key, "国家", "就业", "share", 2016, target=4.5, unit="%", target_source=registered, verdict="met")
    new = SeriesRow(key, "国家", "就业", "share", 2022, target=5.5, unit="%", target_source=surveyed, verdict="met")
    assert "城镇登记失业率" in row_cells("places/全国.md", old)[-1] and "调查" not in row_cells("places/全国.md", old)[-1]
    assert "城镇调查失业率" in row_cells("places/全国.md", new)[-1]


def test_a_rate_per_thousand_is_charted_beside_rates_per_hundred() -> None:
    """全国's 人口（比率，%） chart spanned 1979–1980 alone: 1997's 10.06‰ and 2002's 6.45‰ of natural growth were left
    out, a unit of another base."""
    from build_tools.archive.series import SeriesRow
    from build_tools.pages.series_pages import chart

    key = ("全国", "", "全国")
    rows = [SeriesRow(key, "国家", "人口", "share", 1979, actual=1.17, unit="%", verdict="unpublished"),
            SeriesRow(key, "国家", "人口", "share", 1997, actual=10.06, unit="‰", verdict="unpublished")]
    described = re.search(r"<desc>(.*?)</desc>", chart("人口（比率，%）", rows, [1979, 1997]))
    assert described and "1979年1.17" in described.group(1) and "1997年1.006" in described.group(1)


def test_a_fall_is_a_negative_change_in_the_series_and_its_download() -> None:
    """福建's 固定资产投资下降3.3% stood as a growth of 3.3% on its place page and in series.csv.gz (赣州's and
    牡丹江's falls likewise): the series read a fall's size and not that it was a fall."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = (
        "2026年福建省人民政府工作报告\n各位代表：\n一、2025年工作回顾\n"
        "全省地区生产总值增长5.5%，社会消费品零售总额增长4.4%，固定资产投资下降3.3%。\n"
        "二、2026年工作安排\n今年的主要预期目标是：地区生产总值增长5%左右，固定资产投资增长3%。\n"
    )
    made = [facts_of(process_bytes("province/2026_福建省.txt", text.encode("utf-8"))[0])]
    kept = {(f.category, f.kind, f.value) for f in made[0].figures if not f.flags}
    assert ("固定资产投资", "actual", -3.3) in kept and ("固定资产投资", "target", 3.0) in kept
    assert ("地区生产总值", "actual", 5.5) in kept
    with gzip.open(io.BytesIO(series_downloads(series_rows(made))["downloads/series.csv.gz"].contents())) as stored:
        records = list(csv.DictReader(io.TextIOWrapper(stored, encoding="utf-8-sig")))
    assert {record["actual"] for record in records if record["indicator"] == "固定资产投资" and record["actual"]} == {"-3.3"}


def test_a_threshold_gives_way_to_the_exact_figure_and_a_part_or_a_per_year_figure_is_not_the_year_s() -> None:
    """湖北's 2025 output stood as 6万亿元 (迈上6万亿元台阶，达到62661亿元), its revenue as 突破4000亿元 (、达到4211亿元)
    and its jobs as 超过90万人 (the review's 每年超过90万人); 嘉兴's revenue was its 财政总收入, 淮南's income the
    urban residents' (城乡常住居民…分别增长6%、8%), 甘肃's investment the part without real estate."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = (
        "2026年湖北省人民政府工作报告\n各位代表：\n一、2025年工作回顾\n"
        "五年来，城镇新增就业每年超过90万人。\n"
        "过去一年，地区生产总值迈上6万亿元台阶，达到62661亿元。一般公共预算收入突破4000亿元、达到4211亿元。"
        "财政总收入7019亿元。城乡常住居民人均可支配收入分别增长6%、8%。扣除房地产开发投资后，固定资产投资增长2.7%。\n"
    )
    made = [facts_of(process_bytes("province/2026_湖北省.txt", text.encode("utf-8"))[0])]
    results = {(row.indicator, row.role): (row.actual, row.actual_qualifier) for row in series_rows(made)}
    assert results[("地区生产总值", "level")] == (62661.0, None)
    assert results[("财政收入", "level")] == (4211.0, None)
    assert ("就业", "level") not in results and ("居民收入", "change") not in results
    assert ("固定资产投资", "change") not in results


def test_the_series_download_names_each_row_s_measure_and_every_column_is_explained() -> None:
    """series.csv.gz gave registered and surveyed unemployment alike as 就业 share, and no page said what its
    columns or verdict codes were: each row gives the report's words for its target and result, and the
    indicators page explains every column and every verdict code."""
    from build_tools.archive.series_files import FIELDS
    from build_tools.pages.comparison import series_columns

    target = SeriesFigure("就业", "share", "target", 4.5, None, "以内", "%", 9, "reports/r2017.md#fig-1", 2017,
                          subject="城镇登记失业率")
    result = replace(target, kind="actual", value=3.9, qualifier=None, line=20, link="reports/r2018.md#fig-2",
                     subject="城镇调查失业率")
    rows = series_rows([facts(2017, target), facts(2018, result)])
    with gzip.open(io.BytesIO(series_downloads(rows)["downloads/series.csv.gz"].contents())) as stored:
        (record,) = csv.DictReader(io.TextIOWrapper(stored, encoding="utf-8-sig"))
    assert (record["target_subject"], record["actual_subject"]) == ("城镇登记失业率", "城镇调查失业率")
    explained = series_columns().replace("\\", "")  # as it reads, without Markdown's escapes
    assert all(re.search(rf"(?<![a-z_]){name}(?![a-z_])", explained) for name in FIELDS), explained
    assert all(code in explained for code in ("met", "near", "missed", "own-missing", "not-found"))
    assert "[series.csv.gz](downloads/series.csv.gz)" in explained


def test_a_place_s_series_and_the_indicators_page_say_how_a_target_is_judged() -> None:
    """CPI's 0.2% for 3%左右 was 完成 and GDP's 6.9% for 7%左右 接近目标, and nothing said why: a ceiling, and
    the band a target worded 左右 is near within."""
    from build_tools.pages.comparison import series_columns

    made = [facts(2019, figure("target", 6, 2019)), facts(2020, figure("actual", 6.1, 2019))]
    (_, section), = place_sections(series_rows(made), made).items()
    for text in (section, series_columns()):
        assert "物价、财政赤字、失业率等是上限" in text and "不超过 0\\.5 个百分点的为“接近目标”" in text, text


def test_a_comparison_of_two_years_names_each_year_s_measure() -> None:
    """compare/1993 gave 1992's and 1993's 国民生产总值 targets as 国内生产总值; 1994's against 1993's names both."""
    from build_tools.pages.series_pages import compare_page

    gnp = replace(figure("target", 8, 1993), subject="国民生产总值")
    both_gnp = compare_page(facts(1993, gnp), facts(1992, replace(gnp, value=6, year=1992)))
    assert "国民生产总值（增速）" in both_gnp and "国内生产总值" not in both_gnp
    changed = compare_page(facts(1994, figure("target", 9, 1994)), facts(1993, gnp))
    assert "国民生产总值／国内生产总值（增速）" in changed


def test_a_place_s_table_of_a_series_lists_its_newest_year_first() -> None:
    """全国's 34 years of 国内生产总值 began with 1991 in a box 24rem high: the years a reader came for (2010–2024)
    were at its foot."""
    from build_tools.pages.series_pages import place_section

    rows = tuple(series_rows([facts(year, figure("target", 5.0 + year % 3, year)) for year in (2021, 2022, 2023)]))
    section = place_section(rows[0].place_key, rows, (2021, 2022, 2023))
    assert section.index("| 2023 |") < section.index("| 2022 |") < section.index("| 2021 |")


def test_a_target_and_its_result_of_different_measures_say_so() -> None:
    """1993's target was 国民生产总值 (8%), 1994's result for 1993 国内生产总值 (13.4%): the row said only that a report
    spoke of GNP, not that the two were measured otherwise."""
    from build_tools.archive.series import SeriesRow, Source
    from build_tools.pages.series_pages import row_cells

    target = Source("r1993", 107, "reports/r1993.md#fig-107-1", "国民生产总值")
    result = Source("r1994", 16, "reports/r1994.md#fig-16-1", "国内生产总值")
    row = SeriesRow(KEY, "国家", "地区生产总值", "change", 1993, target=8.0, actual=13.4, unit="%", verdict="met",
                    target_source=target, actual_source=result)
    assert "目标说的是“国民生产总值”，结果说的是“国内生产总值”，口径不同" in row_cells("places/全国.md", row)[-1]


def test_a_result_at_the_year_s_end_beside_a_target_for_the_year_is_not_judged() -> None:
    """2022's 城镇调查失业率全年控制在5.5%以内 was judged 完成 by 2023's 年末城镇调查失业率降到5.5%, a rate at the year's end,
    while 2023's and 2024's results are the year's averages (the year's was 5.6%, which no report states): the
    two are not one measure, and the row says so instead of judging."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of, row_cells

    def national(year: int, body: str) -> SeriesFacts:
        text = f"{year}年国务院政府工作报告\n各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n{body}\n"
        return facts_of(process_bytes(f"national/{year}.txt", text.encode("utf-8"))[0])

    reports = [
        national(2022, f"二、{2022}年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：城镇调查失业率全年控制在5.5%以内。"),
        national(2023, "一、2022年工作回顾\n年末城镇调查失业率降到5.5%。\n二、2023年工作安排\n城镇调查失业率5.5%左右。"),
        national(2024, "一、2023年工作回顾\n城镇调查失业率平均为5.2%。"),
    ]
    rows = {row.year: row for row in series_rows(reports) if row.indicator == "就业" and row.role == "share"}
    assert (rows[2022].verdict, rows[2023].verdict) == ("point-for-year", "met")
    assert "结果是年末数" in "".join(row_cells("places/全国.md", rows[2022]))
    assert "年末" not in "".join(row_cells("places/全国.md", rows[2023]))
    table = list(csv.DictReader(io.StringIO(series_csv(list(rows.values())).decode("utf-8-sig"))))
    assert [(row["year"], row["actual_year_end"]) for row in table] == [("2022", "True"), ("2023", "False")]


def test_the_retail_prices_of_the_1990s_are_the_price_series_and_a_target_recalled_is_not_the_year_s() -> None:
    """The reports of the 1990s set and judged prices by 零售物价 (1994's 全年零售物价上涨幅度控制在百分之十以内): the
    series had no row of prices before 2005. A target a report recalls (1997's 去年政府工作报告提出，物价涨幅要从14.8%降到
    10%左右; 1995's 去年我在政府工作报告中曾提出，要把…控制在百分之十以内) is the year before's, not its own: 1997's
    "target" of 10% stood beside 1997's result of 0.8% as 完成. The rate alone after it (涨幅仍然高达百分之二十一点七) is
    the result of the indicator the sentence before named."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of, row_cells

    def national(year: int, body: str) -> SeriesFacts:
        text = f"{year}年国务院政府工作报告\n各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n{body}\n"
        return facts_of(process_bytes(f"national/{year}.txt", text.encode("utf-8"))[0])

    reports = [
        national(1994, "一、1993年国内工作的回顾\n二、保持国民经济持续快速健康发展\n"
                       "各级政府要采取措施，努力把全年零售物价上涨幅度控制在百分之十以内。"),
        national(1995, "一、1994年的工作回顾\n去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在"
                       "百分之十以内。虽然在这方面做了很大努力，涨幅仍然高达百分之二十一点七。"),
        national(1996, "一、1995年的工作回顾\n商品零售物价上涨14.8%。"),
    ]
    rows = {row.year: row for row in series_rows(reports) if row.indicator == "物价" and row.role == "change"}
    assert (rows[1994].target, rows[1994].actual, rows[1994].verdict) == (10, 21.7, "missed")
    assert rows[1995].target is None and rows[1995].actual == 14.8
    assert "商品零售价格" in row_cells("places/全国.md", rows[1994])[-1]


def test_a_price_target_worded_as_a_level_is_a_rate_of_change() -> None:
    """长治's 居民消费价格指数控制在3%左右 stood as a share (物价（比率）), beside no result of prices."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.series_pages import facts_of

    text = "2024年长治市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会作政府工作报告。\n" \
           "二、2024年工作安排\n今年主要预期目标是：居民消费价格指数控制在3%左右。\n"
    facts = facts_of(process_bytes("city/长治.txt", text.encode("utf-8"))[0])
    rows = [row for row in series_rows([facts]) if row.indicator == "物价"]
    assert [(row.role, row.target) for row in rows] == [("change", 3)]


def test_the_note_on_retail_prices_is_not_said_of_retail_sales() -> None:
    """The 1990s' price series notes that its reports measured 商品零售价格; every row of 社会消费品零售总额, whose
    name holds 零售 too, said so; and a result named by a bare 涨幅 was said to be of another measure than its target."""
    from build_tools.archive.series import SeriesRow, Source
    from build_tools.pages.series_pages import row_cells

    sales = Source("r2009", 10, "reports/r2009.md#fig-10-1", "社会消费品零售总额")
    row = SeriesRow(KEY, "国家", "社会消费品零售总额", "change", 2009, actual=16.9, unit="%", verdict="own-missing",
                    actual_source=sales)
    assert "商品零售价格" not in row_cells("places/全国.md", row)[-1]
    prices = Source("r1995", 30, "reports/r1995.md#fig-30-1", "涨幅")
    target = Source("r1994", 130, "reports/r1994.md#fig-130-1", "零售物价上涨幅度")
    row = SeriesRow(KEY, "国家", "物价", "change", 1994, target=10, actual=21.7, unit="%", verdict="missed",
                    target_source=target, actual_source=prices)
    notes = row_cells("places/全国.md", row)[-1]
    assert "商品零售价格" in notes and "口径不同" not in notes  # a bare 涨幅 is the measure the sentence before named
