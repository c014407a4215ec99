"""The years each figure is about (``archive.figure_years``), on the page and in the downloads."""

from __future__ import annotations

import csv
import io

from build_tools.archive.figure_years import figure_years
from build_tools.engine.pipeline import process_bytes
from build_tools.pages.render import indicator_box
from build_tools.pages.tables import as_csv, download_rows

# 天津's, 辽宁's and 重庆's reports of 2026, shortened: a year, five years, a plan, its first year
TEXT = (
    "2026年天津市人民政府工作报告\n各位代表：\n一、2025年工作回顾和“十四五”发展成就\n"
    "刚刚过去的2025年，我们稳中求进。地区生产总值增长5.5%，新筹集保障性租赁住房6957套，PM2.5年均浓度下降5%。\n"
    "五年来，全面深化改革开放纵深推进。上市公司增至88家，实际使用外资263亿美元。"
    "筹建保障性租赁住房9.56万套，PM2.5年均浓度较2020年下降25%。地区生产总值年均增长4.4%，高于“十三五”时期1.2个百分点。\n"
    "二、“十五五”时期主要目标任务\n力争到2030年，全市地区生产总值迈上4万亿元新台阶。建成新就业群体友好阵地7000个。\n"
    "三、2026年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
)


def years_of_text(source: str, text: str) -> dict[str, str]:
    """The years of each figure of the first report of ``text``, by its span, as the file ``source`` holds it."""
    report = process_bytes(source, text.encode("utf-8"))[0]
    return {indicator.span: years for indicator, years in zip(report.indicators, figure_years(report), strict=True)}


def years_by_figure() -> dict[str, str]:
    return years_of_text("province/2026_天津市.txt", TEXT)


def test_a_figure_is_of_its_year_unless_its_words_or_paragraph_say_otherwise() -> None:
    """The five years' totals of 2026's provincial reports stood beside the year's results as last year's (天津's
    9.56万套 of rental housing beside the year's 6957套; 65 rows of four reports); a level they say was reached
    (上市公司增至88家) is the last year's; a change since a year compared with is over the years between."""
    years = years_by_figure()
    assert years["增长5.5%"] == "2025" and years["6957套"] == "2025" and years["下降5%"] == "2025"
    assert years["88家"] == "2025"
    assert years["263亿美元"] == "2021—2025" and years["9.56万套"] == "2021—2025"
    assert years["下降25%"] == "2020—2025"
    assert years["年均增长4.4%"] == years["1.2个百分点"] == "2021—2025"  # compared with “十三五”: the plan after it
    assert years["迈上4万亿元"] == "2030" and years["7000个"] == "2026—2030"
    assert years["增长5%左右"] == "2026"


def test_a_plan_named_in_full_in_a_heading_gives_its_years() -> None:
    """1955's report sets the first five-year plan's targets (1953–1957), not five years from 1955: levels to be
    reached, of its last year, 1957 (not 1959)."""
    text = ("1955年国务院政府工作报告\n各位代表：\n一、第一个五年计划的基本任务\n"
            "五年内，钢产量达到四百一十二万吨，原煤产量达到一亿一千三百万吨。\n")
    report = process_bytes("national/1955.txt", text.encode("utf-8"))[0]
    assert set(figure_years(report)) == {"1957"}


def test_the_page_and_the_download_give_the_years() -> None:
    report = process_bytes("province/2026_天津市.txt", TEXT.encode("utf-8"))[0]
    rows = list(csv.DictReader(io.StringIO(as_csv(download_rows([report])).decode("utf-8-sig"))))
    assert {row["span"]: row["years"] for row in rows}["9.56万套"] == "2021—2025"
    box = indicator_box(report)
    assert "所属年份（推定）" in box and "<td>2021—2025</td>" in box


def test_years_stated_in_the_words_a_base_year_a_named_year_and_a_city_s_planning_heading() -> None:
    """1978's 从一九七四年到一九七六年，…全国大约损失… was 1977; 北京's 人均预期寿命从2020年的82.4岁提升至83.9岁 gave 83.9 the
    year 2020; 2013's 2012年，国内生产总值增长7.8% in its review of five years 2008—2012; 南京's targets under
    （五）坚持规划引领、数字赋能 2024—2028 (85 rows under headings on planning a city)."""
    text = ("1978年国务院政府工作报告\n各位代表：\n一、过去五年的回顾\n从一九七四年到一九七六年，全国大约损失工业总产值一千亿元。"
            "人均预期寿命从1970年的62.4岁提升至1977年的68.9岁。\n这五年，我们艰苦奋斗。1977年，钢产量增长百分之十。\n"
            "二、1978年工作安排\n（五）坚持规划引领、数字赋能\n实施105个老旧小区改造。\n")
    years = years_of_text("national/1978.txt", text)
    assert years["一千亿元"] == "1974—1976"
    assert years["62.4岁"] == "1970" and years["68.9岁"] == "1977"
    assert years["增长百分之十"] == "1977"
    assert years["105个"] == "1978"


def test_what_was_added_or_taken_away_in_a_review_of_five_years_is_over_them() -> None:
    """北京's 过去五年…城乡建设用地规模减量约50平方公里 and 湖南's 新增高速公路通车里程1523公里 were 2025's (12 rows of 2008's,
    2013's, 2016's and five provincial reports of 2026): a level's word (规模, 里程) named their thing, not a level."""
    text = ("2026年北京市政府工作报告\n各位代表：\n一、“十四五”时期工作回顾\n过去五年，我们坚定疏解非首都功能，"
            "城乡建设用地规模减量约50平方公里。新增高速公路通车里程1523公里，总里程达8667公里。\n")
    years = years_of_text("province/2026_北京市.txt", text)
    assert years["约50平方公里"] == years["1523公里"] == "2021—2025"
    assert years["达8667公里"] == "2025"


def test_a_target_a_review_tells_of_is_last_year_s() -> None:
    """2007's 没有实现年初确定的…降低4%左右…的目标 and 2017's 低于13%左右的预期目标 are the year before's targets; 2010's
    提前一年实现…500元和300元的目标 too."""
    text = ("2007年国务院政府工作报告\n各位代表：\n一、2006年工作回顾\n全国没有实现年初确定的单位国内生产总值能耗降低4%左右的"
            "目标。广义货币M2增长11.3%，低于13%左右的预期目标。提前一年实现农村中小学生人均公用经费500元的目标。\n")
    years = years_of_text("national/2007.txt", text)
    assert years["降低4%左右"] == years["低于13%左右"] == years["500元"] == "2006"
    report = process_bytes("national/2007.txt", text.encode("utf-8"))[0]
    assert {indicator.span: indicator.kind for indicator in report.indicators}["500元"] == "target"  # not 2010's


def test_a_change_starts_from_the_year_before_its_own() -> None:
    """2013's 国内生产总值从26.6万亿元增加到51.9万亿元 in its review of five years gave 26.6 the year 2012 (2007's), 浙江's
    一般公共预算收入从7248亿元提高到8865亿元 2025 (2020's), a year's 由上年的1.2%下降到1.17% the year itself; 比一九五二年的…,
    一九七八年到一九八二年，…由… and 由今年预计的44% name their base's year (about 180 rows)."""
    text = ("2013年国务院政府工作报告\n各位代表：\n一、过去五年工作回顾\n过去五年，国内生产总值从26.6万亿元增加到51.9万亿元。"
            "一九七八年到一九八二年，全国医院床位由一百八十五万六千张增加到二百零五万四千张。\n"
            "二、2012年工作回顾\n人口自然增长率由上年的1.2%下降到1.17%。农业总产值达到六百零三亿五千万元，比一九五二年的"
            "四百八十三亿九千万元增长百分之二十五。\n三、2013年工作安排\n轻工业产值的比重，由今年预计的44%提高到45%。\n")
    years = years_of_text("national/2013.txt", text)
    assert years["26.6万亿元"] == "2007" and years["51.9万亿元"] == "2012"
    assert years["一百八十五万六千张"] == "1978"
    assert years["1.2%"] == "2011" and years["四百八十三亿九千万元"] == "1952"
    assert years["44%"] == "2013"
    # the frame of its sentence holds across its ；(1987's 国民收入 was 1985's); 1980's report of August: 今年上半年
    text = ("1987年国务院政府工作报告\n各位代表：\n一、1986年的工作回顾\n1986年同1978年相比，国民生产总值由3480亿元增加到"
            "9380亿元；国民收入由3010亿元增加到7790亿元。轻工业总产值今年上半年又比去年同期增长24.2%。"
            "这两年中，钢产量由二千零四十六万吨增加到三千一百七十八万吨；原煤由四亿八千三百万吨增加到六亿一千八百万吨。\n")
    years = years_of_text("national/1987.txt", text)
    assert years["3480亿元"] == years["3010亿元"] == "1978"
    assert years["增长24.2%"] == "1987"
    assert years["二千零四十六万吨"] == years["四亿八千三百万吨"] == "1984"  # 这两年中 (1985—1986): the year before


def test_a_plan_s_level_is_of_its_last_year_and_its_average_of_all() -> None:
    """2016's plan for 2016—2020: 届时，我国经济总量超过90万亿元 and 森林覆盖率达到23.04% were of all five years, its
    “十三五”时期经济年均增长保持在6.5%以上 of 2020 (到2020年 earlier in the sentence); a bound held (失业率控制在5.5%)
    stays of all (about 120 rows)."""
    text = ("2016年国务院政府工作报告\n各位代表：\n二、“十三五”时期主要目标任务和重大举措\n到2020年国内生产总值比2010年翻一番，"
            "“十三五”时期经济年均增长保持在6.5%以上。届时，我国经济总量超过90万亿元。森林覆盖率达到23.04%，"
            "城镇调查失业率控制在5.5%以内。今后五年国家财政新增义务教育经费累计将达2182亿元。\n")
    years = years_of_text("national/2016.txt", text)
    assert years["6.5%以上"] == "2016—2020"
    assert years["超过90万亿元"] == years["达到23.04%"] == "2020"
    assert years["5.5%以内"] == years["将达2182亿元"] == "2016—2020"  # a bound held, a sum over the years
    # an average over the years ahead that no plan names: 2011's 今后五年…年均增长7% (a 2011 target beside its 8%),
    # 1988's 到1992年…平均每年增长7.5%, 1982's 一九八五年…比一九八○年增长…，平均每年递增
    assert years_of_text("national/2011.txt", "2011年国务院政府工作报告\n各位代表：\n二、今后五年的主要目标\n"
                         "今后五年，我国经济增长预期目标是年均增长7%。\n")["年均增长7%"] == "2011—2015"
    assert years_of_text("national/1988.txt", "1988年国务院政府工作报告\n各位代表：\n二、今后五年的任务\n到1992年，"
                         "使国民生产总值达到15500亿元左右，平均每年增长7.5%。\n")["增长7.5%"] == "1988—1992"
    assert years_of_text("national/1982.txt", "1982年国务院政府工作报告\n各位代表：\n二、第六个五年计划\n一九八五年，"
                         "社会商品零售总额将达到二千九百亿元，比一九八○年增长百分之四十，平均每年递增百分之七。\n")[
                             "递增百分之七"] == "1981—1985"


def test_an_estimate_of_the_report_s_own_year_and_a_target_of_next_year() -> None:
    """1956's 1956年社会商品零售总额预计将达到460亿元 and 2024's 预计今年高校毕业生超过1170万人 stood as the year
    before's estimates; 2007's 明年将安排200亿元 and 1980's 明年…争取…新增发电装机达到300万千瓦 as targets of the
    report's own year."""
    text = (
        "2024年政府工作报告\n一、2023年工作回顾\n预计全年地区生产总值增长5.2%。\n二、2024年工作任务\n"
        "预计今年高校毕业生超过1170万人。2024年社会商品零售总额预计将达到46万亿元。今年国家奖学金为此安排95亿元，"
        "明年将安排200亿元。\n"
    )
    years = years_of_text("national/2024.txt", text)
    assert years["增长5.2%"] == "2023"  # the year reviewed
    assert years["超过1170万人"] == "2024" and years["将达到46万亿元"] == "2024"
    assert years["95亿元"] == "2024" and years["200亿元"] == "2025"


def test_the_base_of_a_target_is_of_the_year_before_the_report_s() -> None:
    """2006's 补助标准由20元提高到40元: its 20元, a result since it is no plan, was dated two years back (2004)."""
    years = years_of_text("national/2006.txt", "2006年政府工作报告\n二、2006年工作任务\n今年，新型农村合作医疗的补助标准由20元提高到40元。\n")
    assert years["20元"] == "2005" and years["40元"] == "2006"


def test_the_months_of_the_report_s_own_year_gone_by_are_of_that_year() -> None:
    """1982's 今年一月至九月，全国刑事犯罪案件的发案数比去年同期下降15.7% and 1956's 本年1——5月份…计划完成102.6%, results now,
    were dated the year before."""
    years = years_of_text("national/1982.txt", "1982年政府工作报告\n今年一月至九月，全国刑事犯罪案件的发案数比去年同期下降15.7%。\n")
    assert years["下降15.7%"] == "1982"
    years = years_of_text("national/1956.txt", "1956年政府工作报告\n本年1——5月份各工业部工业生产总值计划完成102.6%。\n")
    assert years["102.6%"] == "1956"


def test_a_target_under_a_heading_that_names_the_next_year_is_of_that_year() -> None:
    """1980's report, of its 1980 and 1981 plans: under 二、1981年国民经济计划的任务和主要指标 计划生育，人口自然增长率为1％
    stood as 1980's target, and as such in 全国's population series, where 1980 had none."""
    from build_tools.pages.series_pages import facts_of

    text = (
        "1980年国务院关于国民经济计划的报告\n各位代表：\n一、国民经济取得了新的进展\n1979年粮食产量达到33212万吨。\n"
        "二、1981年国民经济计划的任务和主要指标\n1981年发展国民经济的主要任务，是继续贯彻执行调整、改革、整顿、提高的方针。\n"
        "根据上述要求，1981年国民经济计划主要指标安排如下。\n计划生育，人口自然增长率为1％。\n钢产量3500万吨。\n"
    )
    years = years_of_text("national/1980.txt", text)
    assert years["1％"] == "1981" and years["3500万吨"] == "1981"
    assert years["达到33212万吨"] == "1979"
    report = process_bytes("national/1980.txt", text.encode("utf-8"))[0]
    population = next(figure for figure in facts_of(report).figures if figure.category == "人口")
    assert "other-year" in population.flags  # no target of 1980's


def test_the_words_before_a_figure_are_read_a_bounded_way_back() -> None:
    """A line of thousands of figures and no clause mark: each figure's words were the whole line before it, read
    by some twenty patterns, so that 20,000 figures took seven minutes; now each reads at most ``REACH`` back."""
    from build_tools.archive.figure_years import sentence_before
    from build_tools.archive.series_rules import REACH, clause_before

    line = "地区生产总值增长" + "1.1%" * 5_000
    assert len(clause_before(line, len(line) - 4, len(line))) == REACH + 4
    assert len(sentence_before(line, len(line) - 4, len(line))) == REACH + 4
    assert clause_before("经济平稳；地区生产总值增长1.1%", 13, 17) == "地区生产总值增长1.1%"  # a clause within reach: whole
    text = "2024年宜昌市政府工作报告\n各位代表：\n" + "全市经济运行稳中向好。\n" * 200 + "地区生产总值增长" + "1.1%" * 500 + "。\n"
    report = process_bytes("city/2024_宜昌市.txt", text.encode("utf-8"))[0]
    assert len(report.indicators) == 500 and set(figure_years(report)) == {"2023"}  # the last ones too, past reach
