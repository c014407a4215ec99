"""Tests of the indicator extractor: sentence table, things that are not indicators, gold scores, corpus."""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
from pathlib import Path
from typing import Any

import pytest

from build_tools.model import Indicator, Paragraph
from build_tools.report.indicators import extract_indicators, parse_chinese_number, written_figure
from build_tools.resource_files import load_yaml
from tests.indicator_scoring import line_paragraphs, read_source_lines, score_national, score_seed

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def extract(text: str, year: int | None = None) -> tuple[Indicator, ...]:
    return extract_indicators([Paragraph(text=text, lines=(1,), line_starts=(0,))], year)


def kinds(text: str, year: int) -> list[str | None]:
    """Target, result or estimate of each figure of ``text``, a paragraph of a report of ``year``."""
    return [indicator.kind for indicator in extract(text, year)]


# (sentence, expected indicators in order: each a dict of the fields that must hold)
CASES: list[tuple[str, list[dict[str, Any]]]] = [
    (
        "全镇经济社会发展的预期目标是：国民生产总值增长15%，达到9.43亿元。",
        [
            {"subject": "国民生产总值", "value": 15, "unit": "%", "role": "change", "kind": "target", "span": "增长15%"},
            {"subject": "国民生产总值", "value": 9.43, "unit": "亿元", "role": "level", "kind": "target",
             "span": "达到9.43亿元", "base_value": 9.43e8, "base_unit": "元"},
        ],
    ),
    (
        "城镇新增就业1200万人以上，城镇调查失业率5.5%左右。",
        [
            {"subject": "城镇新增就业", "value": 1200, "unit": "万人", "qualifier": "以上", "base_value": 1.2e7,
             "base_unit": "人", "role": "level"},
            {"subject": "城镇调查失业率", "value": 5.5, "unit": "%", "qualifier": "左右", "role": "share"},
        ],
    ),
    ("国内生产总值达到９５９３３亿元。", [{"value": 95933, "unit": "亿元", "span": "达到９５９３３亿元"}]),
    ("居民消费价格涨幅控制在百分之五。", [{"subject": "居民消费价格涨幅", "value": 5, "unit": "%", "span": "百分之五"}]),
    ("人口自然增长率控制在千分之八以下。", [{"value": 8, "unit": "‰", "qualifier": "以下", "role": "share"}]),
    ("年内建成一万亩高标准农田。", [{"subject": "高标准农田", "value": 1, "unit": "万亩", "base_value": 10000, "base_unit": "亩"}]),
    ("瓜泰线旅游通道和安茅线两条综合示范带建设品味明显提升。", [{"subject": "综合示范带", "value": 2, "unit": "条"}]),
    ("井冈蜜柚落实面积1.1万亩。", [{"subject": "井冈蜜柚落实面积", "value": 1.1, "unit": "万亩", "base_value": 11000}]),
    ("年内力争引进3-5个设施农业龙头企业。", [{"subject": "设施农业龙头企业", "value": 3, "value_high": 5, "unit": "个"}]),
    ("国内生产总值增长6%—6.5%。", [{"value": 6, "value_high": 6.5, "unit": "%", "role": "change", "span": "增长6%—6.5%"}]),
    ("国内生产总值增长6.5%－7%。", [{"value": 6.5, "value_high": 7, "unit": "%"}]),
    ("人口自然增长率控制在4‰以内。", [{"subject": "人口自然增长率", "value": 4, "unit": "‰", "qualifier": "以内", "role": "share"}]),
    (
        "税收占财政收入比重达到79.5%，比上年提高7.7个百分点。",
        [
            {"subject": "税收占财政收入比重", "value": 79.5, "role": "share"},
            {"subject": "税收占财政收入比重", "value": 7.7, "unit": "个百分点", "role": "change", "span": "提高7.7个百分点"},
        ],
    ),
    ("财税总收入完成1130万元，较上年增长30 %。",
     [{"subject": "财税总收入", "value": 1130}, {"subject": "财税总收入", "value": 30, "unit": "%", "span": "增长30 %"}]),
    ("五年内，力求使全镇%80的农户用上新型清洁能源。",
     [{"value": 80, "unit": "%", "role": "share", "span": "%80", "subject": "用上新型清洁能源的农户比例"}]),
    (
        "规模工业增加值、园区主营业务收入分别增长8.5%和11%。",
        [
            {"subject": "规模工业增加值", "value": 8.5, "role": "change"},
            {"subject": "园区主营业务收入", "value": 11, "role": "change"},
        ],
    ),
    ("投资20xx万元新建日光温室300座。",
     [{"value": None, "unit": "万元", "span": "20xx万元"}, {"subject": "新建日光温室", "value": 300, "unit": "座"}]),
    (
        "预计全县生产总值突破100亿元，增长12%；固定资产投资完成85.2亿元。",
        [
            {"subject": "生产总值", "value": 100, "qualifier": "突破", "kind": "estimate", "span": "突破100亿元"},
            {"subject": "生产总值", "value": 12, "kind": "estimate"},
            {"subject": "固定资产投资", "value": 85.2, "kind": "actual"},
        ],
    ),
    ("蚕桑达到1500余张，全镇退耕还林面积1万余亩。",
     [{"value": 1500, "unit": "张", "qualifier": "余"}, {"value": 1, "unit": "万亩", "qualifier": "余", "span": "1万余亩"}]),
    # a lead word is not cut off a word it opens (对外直接投资 was 外直接投资, 在校学生 校学生, 再生水 生水), nor a
    # name at its 建设 (4个国家生态文明建设示范区 were 国家生态文明)
    ("累计对外直接投资2200亿美元，在校学生达到506万人，再生水利用率达到76%。新增4个国家生态文明建设示范区。",
     [{"subject": "对外直接投资"}, {"subject": "在校学生"}, {"subject": "再生水利用率"},
      {"subject": "国家生态文明建设示范区"}]),
    # a count after a verb of planning alone is of the thing after it (黄山's 继续安排 90个, 1981's 1至9月安排 477万人)
    ("继续安排90个区级重点项目。今年1至9月安排了四百七十七万人就业。",
     [{"subject": "区级重点项目", "value": 90}, {"subject": "就业", "value": 477}]),
    # a space before the qualifier keeps it (枣庄's 固定资产投资增长8% 左右 was a target of 8%)
    ("固定资产投资增长8% 左右；", [{"value": 8, "qualifier": "左右", "role": "change"}]),
    ("带动烟农户均增收近5万元。", [{"value": 5, "unit": "万元", "qualifier": "近", "role": "change"}]),
    (
        "财税收入完成880万元，比上年的343万元增长61%。",
        [
            {"subject": "财税收入", "value": 880},
            {"subject": "财税收入（基期）", "value": 343},
            {"subject": "财税收入", "value": 61, "role": "change"},
        ],
    ),
    # 从/由 X 增加到 Y: X is where the change starts (全国's 2012 GDP stood at 26.6万亿元, its value of 2007)
    (
        "国内生产总值从26.6万亿元增加到51.9万亿元，税收占比由2022年的74.5%提高到76.5%。",
        [
            {"subject": "国内生产总值（基期）", "value": 26.6},
            {"subject": "国内生产总值", "value": 51.9},
            {"subject": "税收占比（基期）", "value": 74.5},
            {"subject": "税收占比", "value": 76.5},
        ],
    ),
    # 增至, 整合为 end a change as 增加到 does (山东's 高铁里程由2110公里增至3055公里 gave both one subject)
    ("高铁里程由2110公里增至3055公里，开发区和工业园区由162个整合为123个。",
     [{"subject": "高铁里程（基期）", "value": 2110}, {"subject": "高铁里程", "value": 3055},
      {"subject": "开发区和工业园区（基期）", "value": 162}, {"subject": "开发区和工业园区", "value": 123}]),
    # figures written close after a list of as many things are theirs in turn, with or without 分别, each
    # with its measure (2013's 城镇和农村人均住房面积 was both 32.9 and 37.1; the second growth was a share);
    # a thing that is only a modifier of the measure stays in the whole, and one value for all is theirs
    ("城镇和农村人均住房面积32.9平方米、37.1平方米。生产安全事故起数、死亡人数下降27.9%和23.7%。"
     "刑事、治安发案率下降29.7%和24.5%。签约项目落地率、落地项目开工率均达70%。",
     [{"subject": "城镇人均住房面积", "value": 32.9}, {"subject": "农村人均住房面积", "value": 37.1},
      {"subject": "生产安全事故起数", "role": "change", "fall": True},
      {"subject": "死亡人数", "role": "change", "fall": True},
      {"subject": "刑事发案率", "role": "change"}, {"subject": "治安发案率", "role": "change"},
      {"subject": "签约项目落地率、落地项目开工率", "value": 70}]),
    ("制造业、战略性新兴产业增加值高于全省平均水平6.8和22.5个百分点。通用机场增加11个、达到25个。",
     [{"subject": "制造业、战略性新兴产业增加值高于全省平均水平", "value": 6.8},
      {"subject": "制造业、战略性新兴产业增加值高于全省平均水平", "value": 22.5},
      {"subject": "通用机场", "role": "change"}, {"subject": "通用机场", "role": "level"}]),
    # a count whose words run into the next figure's measure counts the things (黄山's 90个 was 区级重点项目完成投资),
    # and a bare measure of money after a count is of the things counted (陕西's 投资 3500亿元)
    ("90个区级重点项目完成投资60亿元。实施省级重点项目640个、完成投资3500亿元以上。",
     [{"subject": "区级重点项目", "value": 90}, {"subject": "区级重点项目完成投资", "value": 60},
      {"value": 640}, {"subject": "省级重点项目投资", "value": 3500}]),
    # but not of a stage of them, nor of the last of two counts a comma parts from it (宜昌's 竣工项目96个，完成投资402亿元
    # was 竣工项目投资, the investment of its 233 城建项目), nor a growth (泰安's 到位资金增长10%)
    ("实施城建项目233个，竣工项目96个，完成投资402亿元。力争建成投产项目20个，完成投资40亿元以上。"
     "引进过10亿元重点产业项目40个以上，到位资金增长10%以上。",
     [{}, {}, {"subject": "投资", "value": 402}, {}, {"subject": "投资", "value": 40}, {}, {"subject": "到位资金"}]),
    # a "分别" list after counted things is of each thing, with the measure between them
    ("25个独立考核省级重点项目、371个市级重点项目分别完成投资290亿元、895亿元。"
     "办结人大代表建议148件、政协委员提案134件，满意率分别达98.6%和99.2%。",
     [{}, {}, {"subject": "独立考核省级重点项目投资", "value": 290}, {"subject": "市级重点项目投资", "value": 895},
      {}, {}, {"subject": "办结人大代表建议满意率"}, {"subject": "政协委员提案满意率"}]),
    ("固定资产投资增长幅度由上年的百分之五十八点六回落到百分之二十七点八。",
     [{"subject": "固定资产投资增长幅度（基期）", "value": 58.6}, {"value": 27.8, "role": "change"}]),
    # a fall written as negative growth keeps its sign (黔西南's investment fell; its page showed 3.8%)
    ("固定资产投资增长-3.8%。", [{"subject": "固定资产投资", "value": -3.8, "role": "change", "span": "增长-3.8%"}]),
    # a clause that only ranks, a part of the year and a note on a word leave the subject what it was
    # (湖南's 4.8% was the growth of 稳居全国前十强, 武汉's quarters had no subject, 绵阳's 8% none), a part of the year
    # named after it
    ("全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%。",
     [{"subject": "地区生产总值", "value": 5.53}, {"subject": "地区生产总值", "value": 4.8, "role": "change"}]),
    ("地区生产总值一季度增长4.5%，上半年增长5%，全年增长5.7%。",
     [{"subject": "地区生产总值（一季度）"}, {"subject": "地区生产总值（上半年）"}, {"subject": "地区生产总值"}]),
    ("地区生产总值4038.73亿元、同比增长（以下简称增长）8%。",
     [{"subject": "地区生产总值"}, {"subject": "地区生产总值", "value": 8, "role": "change"}]),
    ("地区生产总值迈上5万亿台阶。", []),
    # a slogan that says 一件 again is no count (吉林's 定 1 件, 干 1 件, 成 1 件; 2015's 成熟一家、批准一家)
    ("坚持定一件、干一件、成一件，城中村改造成熟一个推进一个，成熟一家、批准一家。", []),
    ("城镇登记失业率低于4.6%。", [{"value": 4.6, "qualifier": "低于", "role": "share"}]),
    # 比增 (比上年增加) is a change: 崇左's 地区生产总值比增100亿元以上 stood as its output
    ("地区生产总值比增100亿元以上。", [{"subject": "地区生产总值", "value": 100, "role": "change"}]),
    ("完成齐西、齐东等7个村的阵地建设后续工程。", [{"subject": "阵地建设后续工程的村", "value": 7, "unit": "个"}]),
    ("农村贫困人口减少1000万以上。", [{"value": 1000, "unit": "万", "base_value": 1e7, "role": "change", "qualifier": "以上"}]),
    # a multiple of a base says so (the gold's 有线电视入户总户数（为基期的倍数）): 11倍 of 上年 is no growth of 11倍
    ("有线电视入户总户数达到了6300户，是上年的11倍。",
     [{"subject": "有线电视入户总户数", "value": 6300},
      {"subject": "有线电视入户总户数（为基期的倍数）", "value": 11, "unit": "倍"}]),
    ("今年的工作安排是：在巩固省级文明镇和已有两个市级文明村成果的基础上，再建成5个市文明村。",
     [{"value": 2, "kind": "actual", "subject": "市级文明村"}, {"value": 5, "kind": "target"}]),
    ("一、过去一年的工作回顾。全县生产总值增长8%。", [{"kind": "actual"}]),
    # a numeral with 亿 before the unit's 万: its part after 亿 counts 万 (二十五亿七千万 = 25.7亿)
    ("因为没有及时向国家申请调拨物资损失二十五亿七千多万元。",
     [{"value": 257000, "unit": "万元", "qualifier": "多", "base_value": 2.57e9, "base_unit": "元"}]),
    ("社员一亿六千五百五十二万余人。", [{"value": 16552, "unit": "万人", "base_value": 1.6552e8}]),
    ("粮食产量达到十亿零七千万斤。", [{"value": 107000, "unit": "万斤"}]),
    ("国内生产总值达到三十万亿元。", [{"value": 30, "unit": "万亿元", "base_value": 3e13}]),
    # the older reports' units and counts a table missed: 平方公尺 (1954's housing), 马力, 门 (telephone lines), 枚
    ("国家为职工建筑的宿舍，一九五三年即有一千二百万平方公尺。",
     [{"value": 1200, "unit": "万平方公尺", "base_value": 1.2e7, "base_unit": "平方米"}]),
    ("城乡电话总容量达到2860万门，内燃机2000万马力，获得金牌36枚。",
     [{"unit": "万门"}, {"unit": "万马力", "base_unit": "千瓦"}, {"unit": "枚"}]),
    # years written in Chinese numerals are no part of a subject, as those in digits are not
    ("一九五三年国营工业工人的劳动生产率比一九五二年增长了百分之十三。",
     [{"subject": "国营工业工人的劳动生产率", "value": 13, "unit": "%", "role": "change"}]),
    ("铁路正线的通车里程一九四九年为二万一千七百公里。", [{"subject": "铁路正线的通车里程", "value": 21700}]),
    # 1954's 等于一九四九年的二点六倍 is +160%, 1975's 增长一点九倍 +190%: the first was given as a growth of 260%
    ("原煤八千一百九十九万吨，等于一九四九年的二点六倍。",
     [{"subject": "原煤", "value": 8199, "unit": "万吨"},
      {"subject": "原煤（为基期的倍数）", "value": 2.6, "unit": "倍", "role": "change"}]),
    ("工业总产值比一九六四年增长一点九倍。", [{"subject": "工业总产值", "value": 1.9, "unit": "倍"}]),
    # and so is the next of a list (哈尔滨's 分别是上年的2.5倍、3.4倍: the 3.4倍 stood as a growth)
    ("接待游客1.35亿人次、旅游总收入1692.5亿元，分别是上年的2.5倍、3.4倍。",
     [{"value": 1.35}, {"value": 1692.5}, {"subject": "接待游客（为基期的倍数）", "value": 2.5},
      {"subject": "旅游总收入（为基期的倍数）", "value": 3.4}]),
    ("铁路货运周转量达到11620亿吨公里，旅客周转量将达到三百二十亿人公里。",
     [{"subject": "铁路货运周转量", "value": 11620, "unit": "亿吨公里", "base_unit": "吨公里", "base_value": 1.162e12},
      {"subject": "旅客周转量", "value": 320, "unit": "亿人公里", "base_unit": "人公里"}]),
    # the number of an item (（3）新建…) or of a note (“个转企”（3）) is no subject
    ("（3）新建健身步道40公里。", [{"subject": "新建健身步道", "value": 40}]),
    ("新增企业1159家，升规入统单位（2）352户。", [{"subject": "新增企业", "value": 1159}, {"subject": "升规入统单位", "value": 352}]),
    # a head written once after the last member of a list is every member's
    ("城镇、农村居民人均可支配收入分别增长5.7%和7.1%。",
     [{"subject": "城镇居民人均可支配收入", "value": 5.7}, {"subject": "农村居民人均可支配收入", "value": 7.1}]),
    ("城镇居民、农村居民人均可支配收入分别增长6%、7%。",
     [{"subject": "城镇居民人均可支配收入", "value": 6}, {"subject": "农村居民人均可支配收入", "value": 7}]),
    ("第一、二、三产业增加值分别增长2%、5.5%、6.7%。",
     [{"subject": "第一产业增加值"}, {"subject": "第二产业增加值"}, {"subject": "第三产业增加值"}]),
    ("生产安全事故起数、死亡人数分别下降18.4%、15.2%。",
     [{"subject": "生产安全事故起数", "value": 18.4}, {"subject": "死亡人数", "value": 15.2}]),
    # a word that names two or three things gives each figure of a "分别" list its own (resources: compounds)
    ("城乡居民人均可支配收入分别增长5.5%、7.5%。",
     [{"subject": "城镇居民人均可支配收入", "value": 5.5}, {"subject": "农村居民人均可支配收入", "value": 7.5}]),
    ("金融机构人民币存贷款余额分别增长9.9%、12.8%。",
     [{"subject": "金融机构人民币存款余额"}, {"subject": "金融机构人民币贷款余额"}]),
    ("其中一、二、三产分别增长4%、6.5%、6%左右。",
     [{"subject": "第一产业"}, {"subject": "第二产业"}, {"subject": "第三产业", "qualifier": "左右"}]),
    ("社会消费品零售总额和商品进出口总值分别达11012.62亿元、10914.28亿元。",
     [{"subject": "社会消费品零售总额"}, {"subject": "商品进出口总值"}]),
    # a list that goes on after a comma: with 分别 again, or with a verb of each; but not into a new clause
    ("城镇、农村居民人均可支配收入分别达43900元、20300元，分别增长7%、9%。",
     [{"subject": "城镇居民人均可支配收入", "value": 43900}, {"subject": "农村居民人均可支配收入", "value": 20300},
      {"subject": "城镇居民人均可支配收入", "value": 7, "role": "change"},
      {"subject": "农村居民人均可支配收入", "value": 9, "role": "change"}]),
    ("城乡居民人均可支配收入分别达到4.5万元、2.7万元，增长5.1%和7.4%。",
     [{"subject": "城镇居民人均可支配收入"}, {"subject": "农村居民人均可支配收入"},
      {"subject": "城镇居民人均可支配收入", "value": 5.1}, {"subject": "农村居民人均可支配收入", "value": 7.4, "role": "change"}]),
    ("二氧化硫、氮氧化物排放量分别下降5.6%和4%，74个重点城市细颗粒物浓度下降。",
     [{"subject": "二氧化硫排放量"}, {"subject": "氮氧化物排放量"}, {"value": 74, "role": "level"}]),
    # from one year's figure to another's: the thing is named before 由/从 (the first figure is the base of the
    # change), and a verb after a figure is no noun
    ("财政收入从1997年的8651亿元增加到2002年的18914亿元。",
     [{"subject": "财政收入（基期）", "value": 8651}, {"subject": "财政收入", "value": 18914}]),
    ("扩大人工草场面积，计划由一九八○年的三千二百万亩增加到一九八五年的一亿亩。",
     [{"subject": "扩大人工草场面积（基期）", "value": 3200}, {"subject": "扩大人工草场面积", "value": 1}]),
    ("从１９７８年到１９８３年，城乡居民的平均消费水平，由一百七十五元提高到二百八十八元，１９８４年达到三百二十元左右。",
     [{"subject": "城乡居民的平均消费水平（基期）"}] + [{"subject": "城乡居民的平均消费水平"}] * 2),
    ("全国实现基本普及九年义务教育的人口地区覆盖率，由1997年的65%提高到2002年的91%。",
     [{"subject": "普及九年义务教育的人口地区覆盖率（基期）"}, {"subject": "普及九年义务教育的人口地区覆盖率"}]),
    ("高等学校在校学生的人数将达到四十三万四千人。", [{"subject": "高等学校在校学生的人数"}]),
    # a comparison with the end or start of a period is no part of a subject; 跨过 qualifies as 突破 does
    ("地区生产总值跨过3万亿元、年均增长5.2％，较“十三五”末净增1万亿元。",
     [{"subject": "地区生产总值", "qualifier": "跨过"}, {"subject": "地区生产总值（年均）"},
      {"subject": "地区生产总值", "role": "change"}]),
    # the economy's growth, whose verb the figure took; a target 定为 a range
    ("去年经济增长8.8%，商品零售价格涨幅为0.8%。", [{"subject": "经济增长", "role": "change"}, {"subject": "商品零售价格涨幅"}]),
    ("今年经济增长速度的宏观调控目标，定为百分之八至九。",
     [{"subject": "经济增长速度", "value": 8, "value_high": 9, "role": "change", "kind": "target"}]),
    # a bare measure after a figure of the same sentence is of that figure's thing
    ("完成粮食播种面积917.05万亩，产量237.5万吨。", [{"subject": "粮食播种面积"}, {"subject": "粮食产量"}]),
    ("新增新型研发机构10家，总数达52家。", [{"subject": "新增新型研发机构"}, {"subject": "新型研发机构总数"}]),
    ("经营主体净增6.7万户、总量突破64万户。",
     [{"subject": "经营主体", "role": "change"}, {"subject": "经营主体总量", "role": "level"}]),
    ("国有企业资产总额增长10%，利润增长2.23倍。", [{"subject": "国有企业资产总额"}, {"subject": "国有企业利润"}]),
    # a level alone after a figure that names another is of that figure's thing; a place's note stays whole
    ("新增国家级“专精特新”企业8家、省级66家。", [{"value": 8}, {"subject": "省级“专精特新”企业", "value": 66}]),
    ("已有2147个县（市、区）实施城镇居民社会养老保险试点。", [{"subject": "实施城镇居民社会养老保险试点的县（市、区）"}]),
    # a parenthesis inside a subject is part of it; a head of five characters or more is shared further back
    ("新建街道（乡镇）养老服务综合体20个、社区老年人服务中心（站）30个，新（改）建农村户厕2.59万户。",
     [{"subject": "新建街道（乡镇）养老服务综合体"}, {"subject": "社区老年人服务中心（站）"},
      {"subject": "新（改）建农村户厕"}]),
    ("脱贫人口、易地搬迁脱贫人口人均纯收入分别增长15.3%、15.8%。",
     [{"subject": "脱贫人口人均纯收入"}, {"subject": "易地搬迁脱贫人口人均纯收入"}]),
    # a "分别" list in a clause of its own is of the figures before it, one each
    ("接待游客约5710万人次，实现旅游总收入约402亿元，分别增长25.5%、11.1%。",
     [{"subject": "接待游客"}, {"subject": "旅游总收入"},
      {"subject": "接待游客", "value": 25.5}, {"subject": "旅游总收入", "value": 11.1}]),
    ("地区生产总值达30355.73亿元，社会消费品零售总额和商品进出口总值双双超过1万亿元、分别达11012.62亿元和10914.28亿元。",
     [{"subject": "地区生产总值"}, {"value": 1}, {"subject": "社会消费品零售总额", "value": 11012.62},
      {"subject": "商品进出口总值", "value": 10914.28}]),
    ("职工年度最高支付限额由2300元分别提高到5000元、6000元。",
     [{"value": 2300}, {"value": 5000, "subject": "职工年度最高支付限额"},
      {"value": 6000, "subject": "职工年度最高支付限额"}]),
    # numbers listed before a unit written once share it: 5000、5300亿元
    ("存贷款余额分别突破5000、5300亿元。",
     [{"subject": "存款余额", "value": 5000, "unit": "亿元", "qualifier": "突破", "base_value": 5e11},
      {"subject": "贷款余额", "value": 5300, "unit": "亿元"}]),
    ("生活垃圾处理设施覆盖率分别提高20.9、36.2、54个百分点。",
     [{"value": 20.9, "unit": "个百分点", "role": "change"}, {"value": 36.2, "role": "change"}, {"value": 54}]),
    ("主要任务：1、30个重点项目开工。", [{"value": 30, "unit": "个"}]),
    # a unit the last of a list writes whole is every member's: 3.4个、1个百分点; 10.6万、3.3万平方公里
    ("投资、消费增速分别快于全国3.4个、1个百分点。",
     [{"value": 3.4, "unit": "个百分点", "role": "change"}, {"value": 1, "unit": "个百分点"}]),
    ("水土流失、沙化土地面积分别净减少10.6万、3.3万平方公里。",
     [{"subject": "水土流失", "value": 10.6, "unit": "万平方公里", "base_value": 1.06e11, "base_unit": "平方米"},
      {"subject": "沙化土地面积", "value": 3.3, "unit": "万平方公里"}]),
    # a share written 占比, a level reached with 增至 or 降至, a conjunction alone: none of them is a subject
    ("养老机构护理型床位占比75.5%，上市企业增至38家，不良贷款率降至0.72%。",
     [{"subject": "养老机构护理型床位占比"}, {"subject": "上市企业"}, {"subject": "不良贷款率"}]),
    ("分别高于全省平均水平6.8和22.5个百分点。",
     [{"subject": "高于全省平均水平", "value": 6.8}, {"subject": "高于全省平均水平", "value": 22.5}]),
    # thousands grouped with the full-width comma, in ASCII digits as cleaning leaves them
    ("去年粮食产量33，212万吨，比上年增加2，737万吨，肉类产量1，062万吨。",
     [{"subject": "粮食产量", "value": 33212, "unit": "万吨"}, {"subject": "粮食产量", "value": 2737, "role": "change"},
      {"subject": "肉类产量", "value": 1062}]),
    # a rate of per month or per year, and the year of a level or of a comparison, are not the subject's
    ("城市低保标准提高到每人每月780元，财政补助标准由每人每年240元提高到280元。",
     [{"subject": "城市低保标准", "value": 780}, {"subject": "财政补助标准", "value": 240},
      {"subject": "财政补助标准", "value": 280}]),
    ("国内生产总值2000年达89404亿元，工业总产值平均每年增长12%。",
     [{"subject": "国内生产总值", "value": 89404}, {"subject": "工业总产值（年均）", "value": 12}]),
    # a clause that names nothing (按可比价格计算, 五年) passes the subject of the one before it on; a growth that is a
    # year's average over several says so
    ("国民生产总值达到8000亿元，按可比价格计算，平均每年增长9%，五年平均每年增长8%。",
     [{"subject": "国民生产总值"}, {"subject": "国民生产总值（年均）", "value": 9},
      {"subject": "国民生产总值（年均）", "value": 8}]),
    ("五年来财政收入平均每年增长8%，达到500亿元。PM2.5年均浓度下降到30微克/立方米。",
     [{"subject": "财政收入（年均）", "value": 8}, {"subject": "财政收入", "value": 500}, {"subject": "PM2.5年均浓度"}]),
    # percentage points after a share are the share's; a change in percent is the thing's
    # (and a share after a figure is that figure's thing's: 研发投入占GDP比重, not 占GDP比重)
    ("研发投入120亿元，占GDP比重达2.5%，提高0.2个百分点。",
     [{"subject": "研发投入"}, {"subject": "研发投入占GDP比重"}, {"subject": "研发投入占GDP比重", "value": 0.2}]),
    # 各 (each) ends a subject; a count's noun ends before 分别; 做优做强 is an action, not a thing
    ("新增持牌金融机构、上市企业各10家，做优做强12条重点产业链，371个市级重点项目分别完成投资895亿元。",
     [{"subject": "新增持牌金融机构、上市企业"}, {"subject": "重点产业链"}, {"subject": "市级重点项目", "value": 371},
      {"value": 895}]),
    # quoted words that name the thing stay in its subject, with both their marks; a programme's name goes
    ("中央财政安排“三农”投入7161亿元，新建“爱心驿站”1000家，井冈蜜柚“千村万户老乡工程”落实面积1.1万亩。",
     [{"subject": "中央财政安排“三农”投入"}, {"subject": "新建“爱心驿站”"}, {"subject": "井冈蜜柚落实面积"}]),
    # 场次 and 架次 are units of their own, not 场 or 架 with 次 left for the next subject
    ("开展文化惠民活动4800场次，组织产销对接223场次、交易金额20.2亿元。",
     [{"unit": "场次"}, {"unit": "场次"}, {"subject": "交易金额"}]),
    # a verb of change with 至, 到 or 为 before a figure is no part of its subject
    ("研发投入占GDP比重升至3.4%，试点扩大至145家，品牌价值跃升至111亿元，园区整合为123个。",
     [{"subject": "研发投入占GDP比重"}, {"subject": "试点"}, {"subject": "品牌价值"}, {"subject": "园区"}]),
    # a middle dot for a percentage's decimal point; 考虑价格下降因素 names nothing; a price per 50 kg
    ("农村居民人均纯收入，考虑价格下降因素，比上年实际增长4·3％，稻谷最低收购价平均每50公斤提高16元。",
     [{"subject": "农村居民人均纯收入", "value": 4.3}, {"subject": "稻谷最低收购价", "value": 16}]),
    # 上涨 is one verb (居民消费价格上 / 涨0.2% had split it); 在库 is "in the register", not 在 and 库
    ("居民消费价格上涨0.2%，在库亿元以上项目1567个。",
     [{"subject": "居民消费价格", "span": "上涨0.2%"}, {"subject": "在库亿元以上项目"}]),
    # 微克/立方米 is a unit (PM2.5 had been in no table); 和美乡村 is one word, not 和 joining two
    ("PM2.5年均浓度力争15微克/立方米，建成300个省级和美乡村。",
     [{"subject": "PM2.5年均浓度", "value": 15, "unit": "微克/立方米"}, {"subject": "省级和美乡村"}]),
    # 户次 is a unit; the 等 of 一等奖 joins nothing
    ("惠及企业17万户次，7项技术成果入围省科技进步一等奖。",
     [{"subject": "惠及企业", "unit": "万户次"}, {"subject": "技术成果入围省科技进步一等奖"}]),
    # applause that a transcript notes before a sentence is no part of its subject
    ("我们取得了伟大的胜利。（鼓掌）一九五八年我国工农业总产值达到了二千零五十亿元。",
     [{"subject": "工农业总产值", "value": 2050}]),
    # 平均为, 从人均, 再 and 要 before a figure are no part of its subject
    ("城镇调查失业率平均为5.1%，公共卫生服务经费财政补助从人均40元提高到45元，平均电价再降低10%，贷款要增长30%。",
     [{"subject": "城镇调查失业率"}, {"subject": "公共卫生服务经费财政补助"}, {"value": 45}, {"subject": "平均电价"},
      {"subject": "贷款"}]),
    # words after a figure that name nothing (分别提高到) leave the subject before it
    ("在职、退休职工年度最高支付限额由2300元分别提高到5000元、6000元。",
     [{"subject": "在职、退休职工年度最高支付限额"}, {"value": 5000}, {"subject": "退休职工年度最高支付限额"}]),
    # 已经, 共计, 即 and a date are no subject's (they had left 经, 计 and 即 as subjects)
    ("学生一九五二年有三百多万人，一九五七年已经有七百多万人；项目十四个，共计七十一个。",
     [{"subject": "学生"}, {"subject": "学生", "value": 700}, {"subject": "项目"}, {"subject": "项目", "value": 71}]),
    ("学生数增长了百分之四十，即达到二十一万六千余人，12月31日外汇储备达到3万亿美元。",
     [{"subject": "学生数"}, {"subject": "学生数", "value": 216000}, {"subject": "外汇储备"}]),
    ("社会文教事业支出为39亿元，占本年预算支出的12.74%，同1955年比较增长18.36%。",
     [{"subject": "社会文教事业支出"}, {"subject": "社会文教事业支出占本年预算支出比重"},
      {"subject": "社会文教事业支出", "value": 18.36}]),
    # 1955's 增长零点六倍 was 6倍 (零 did not open a numeral); its power in 万千瓦 (二十二万千瓦: 千 of nothing, then
    # 瓦) and its cotton in 担 were no figures, nor 1950s power in 亿度 (度 is a unit after a magnitude)
    # without 分别 too, a list of changes whose clause names nothing is the figures' before it, one each (2009's and
    # 2010's 9.8% was given to 农村居民人均纯收入, the towns' growth lost; the 8.5% read as a share)
    ("城镇居民人均可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%。",
     [{"subject": "城镇居民人均可支配收入"}, {"subject": "农村居民人均纯收入"},
      {"subject": "城镇居民人均可支配收入", "value": 9.8, "role": "change"},
      {"subject": "农村居民人均纯收入", "value": 8.5, "role": "change"}]),
    # a unit per something is the figure's whole unit, its qualifier after it kept (北京 2026's 58万元 lost its /人 and
    # its 左右; 深圳's next subject began /日、)
    ("全员劳动生产率达58万元/人左右，新增厨余垃圾处理能力1200吨/日、危险废物收集处理能力5万吨/年。",
     [{"unit": "万元/人", "qualifier": "左右", "base_unit": "元/人"}, {"unit": "吨/日"},
      {"subject": "危险废物收集处理能力", "unit": "万吨/年"}]),
    # 2008's 提出国内生产总值增长8%左右 had the subject 提出国内生产总值; 2021's 不到70万亿元 lost its 不到 to the subject
    ("这里要着重说明，提出国内生产总值增长8%左右。国内生产总值不到70万亿元。",
     [{"subject": "国内生产总值", "qualifier": "左右"}, {"subject": "国内生产总值", "value": 70, "qualifier": "不到"}]),
    # a range written with its unit twice is one figure (1960's 七千二百亿斤到七千五百亿斤 was two rows, its 二百元 had
    # the subject 至); 二、三十亿斤 is 20–30亿斤 (it was 30, its 二 left in the subject); 从…到… is no range
    ("全国粮食总产量应该有七千二百亿斤到七千五百亿斤，则每年减少粮食二、三十亿斤。",
     [{"subject": "粮食总产量", "value": 7200, "value_high": 7500, "unit": "亿斤"},
      {"subject": "减少粮食", "value": 20, "value_high": 30, "span": "二、三十亿斤"}]),
    ("收入从150元到200元。", [{"value": 150, "value_high": None}, {"value": 200}]),
    # a fall, and each member of a list of falls (the second of 分别下降30%和32% read as a rise in the table)
    ("单位国内生产总值能耗降低2.5%左右，生产安全事故起数、死亡人数分别下降30%和32%，税收增长5%。",
     [{"fall": True}, {"subject": "生产安全事故起数", "fall": True}, {"subject": "死亡人数", "fall": True},
      {"subject": "税收", "fall": False}]),
    # 长沙's 2023 growth, noted as an estimate after it, was its result on the home page
    ("全市地区生产总值增长5%左右(预计数，下同)。", [{"value": 5, "qualifier": "左右", "kind": "estimate"}]),
    ("发电机容量达到二十二万七千千瓦，增长零点六倍。",
     [{"value": 227000, "unit": "千瓦", "role": "level"}, {"value": 0.6, "unit": "倍", "span": "增长零点六倍"}]),
    ("发电机容量达到二十二万千瓦，棉花产量达到三千二百七十万担，发电量达到一百二十二亿度。",
     [{"value": 22, "unit": "万千瓦"}, {"subject": "棉花产量", "value": 3270, "unit": "万担", "base_value": 1.635e6,
       "base_unit": "吨"}, {"subject": "发电量", "value": 122, "unit": "亿度"}]),
    # members of one character share the rest of the last (亳州's 国、省考断面 gave 69.2% to 国; 2008's 中、高等职业教育
    # gave 2000万人 to 中)
    ("国、省考断面水质优良率分别不低于69.2%、100%，中、高等职业教育在校生分别达到2000万人和861万人。",
     [{"subject": "国考断面水质优良率"}, {"subject": "省考断面水质优良率"}, {"subject": "中等职业教育在校生"},
      {"subject": "高等职业教育在校生"}]),
    # words that link a figure to the one before name nothing of their own (subjects 转, 占, 率, 则…, …却, 较去年
    # were 129 rows of the corpus, 1955's shares of its plan all 占); an amount and a rate of one thing after it are
    # not a list of the two things before (郴州's 49.8亿元 went to 政府债券限额)
    ("工业企业利润由上年下降2.3%转为增长8.5%。“难安置”交付1.2万套、完成率96.6%。",
     [{"subject": "工业企业利润"}, {"subject": "工业企业利润"}, {}, {"subject": "完成率"}]),
    ("工业部门为二百四十八亿五千万元，占百分之五十八点二；而私营工业的产值所占的比重却由一九四九年的百分之六十三点三下降为"
     "一九五二年的百分之三十九。",
     [{}, {"subject": "工业部门", "role": "share"}, {"subject": "私营工业的产值所占的比重（基期）"},
      {"subject": "私营工业的产值所占的比重"}]),
    ("专项资金140.27亿元、债券限额116.68亿元，较去年分别增加40.55亿元、28.35亿元；民生支出445.5亿元，较去年增加49.8亿元、"
     "增长12.6%。",
     [{}, {}, {"subject": "专项资金"}, {"subject": "债券限额"}, {}, {"subject": "民生支出"}, {"subject": "民生支出"}]),
    # a comparison with a year, its plan or its budget opens no subject (1958's 比上一年 was the subject of 30 rows),
    # nor 仍, 只 or 为年计划的; a count after words ending in 的 counts the noun after it (组织建设的一百二十三个大中型
    # 项目: 大中型项目), which ends before 之一 or 中, and what its things passed says which of them it counts
    # (5项国家级试点通过验收: 通过验收的国家级试点)
    ("生产资料的生产为三百五十六亿六千万元，比上一年增长百分之十八点八。粮食产量比一九五二年仍增长了百分之三点四，"
     "工业总产值比去年同期增长了13.6%。城镇新增就业9.86万人，为年计划的118.8%。",
     [{}, {"subject": "生产资料的生产"}, {"subject": "粮食产量"}, {"subject": "工业总产值"}, {},
      {"subject": "城镇新增就业"}]),
    ("国家按合理工期组织建设的一百二十三个大中型项目，工程进展顺利。5项国家级试点通过验收，成为六个试点城市之一。",
     [{"subject": "大中型项目"}, {"subject": "通过验收的国家级试点"}, {"subject": "试点城市"}]),
    # a project's stage alone is of the thing of the figure of its unit before it (北京's 完工200个, 59 corpus rows
    # named only 竣工, 完工 or 投产, or the thing of a figure of another unit: 孝感's 开工406个 was 金额)
    ("老旧小区综合整治新开工300个、完工200个。签约亿元以上产业项目746个、金额4933.8亿元，开工406个、投产239个。"
     "开工建设新能源项目77个、竣工投产62个。",
     [{}, {"subject": "老旧小区综合整治完工"}, {}, {}, {"subject": "亿元以上产业项目开工"},
      {"subject": "亿元以上产业项目投产"}, {}, {"subject": "新能源项目竣工投产"}]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[f"case{n}" for n in range(len(CASES))])
def test_sentence(sentence: str, expected: list[dict[str, Any]]) -> None:
    found = extract(sentence)
    assert len(found) == len(expected), [(i.span, i.subject) for i in found]
    for indicator, fields in zip(found, expected, strict=True):
        for name, value in fields.items():
            assert getattr(indicator, name) == pytest.approx(value) if isinstance(value, float | int) and not \
                isinstance(value, bool) else getattr(indicator, name) == value, (name, indicator)


NOTHING = [
    "2008年要完成“450冶炼”项目的洽谈、立项等前期准备工作。",
    "本届政府任期的五年，是实施“十一五”规划的关键五年。",
    "支持二五路沿线各村发展肉鸡养殖。",
    "力争用2到3年时间，实现“155”发展目标。",
    "认真吸取苗匠煤矿“3·18”特大瓦斯事故的深刻教训。",
    "努力实现5项目标，重点抓好4项工作，全力办好10件实事。",
    "五项预期目标是：",
    "1. 加快工业发展。2. 推进城镇建设。",
    "从六个方面总结了过去一年的工作，努力养成八个方面的良好风气。",
    "这是一个科学发展的报告，要抓住每一个机遇。",
    "公众安全感测评进入全省前二十名、全市前三名。",
    "有投资5000万元以上的企业建成投产，上交税金850万元的大户。",
    "确保实现无5人以上赴省集体上访。",
    "努力实现“4个1”发展目标，重点发展“3+2”特色产业。",
    "省委十三届七次全会后，着力提高五种能力。",
    "通过上述四个特色园区的示范，带动全镇发展。",
    "深入开展“五五”普法教育，完成“三提五统”工作。",
    "团结带领勤劳朴实的**人民。",
    "全面贯彻落实中央八项规定精神，实现四个现代化。",
    "调整三次产业结构，一起推进。",
    "我们必须坚决拥护党的一元化领导，两只手都要硬。报告分六个部分。",
    # an amount over which things are counted (121 rows of thresholds: 无锡's 超10亿元, 常州's 超100亿元或10亿美元)
    "新签约超10亿元单体制造业项目、过500万元工业技改项目、超100亿元或10亿美元项目。",
    # a small count written in characters before a slogan or a programme's name (81 rows)
    "开展两个“百日行动”，落实中央八项规定，守住两条底线，提出八项主张，实施十项“暖民心”行动。",
]


@pytest.mark.parametrize("sentence", NOTHING, ids=[f"nothing{n}" for n in range(len(NOTHING))])
def test_not_an_indicator(sentence: str) -> None:
    assert extract(sentence) == ()


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("三千五百", 3500), ("一万", 10000),
     ("两", 2), ("五点五", 5.5), ("零点六", 0.6), ("十一五", None), ("二五", None), ("四五", None), ("百百", None)],
)
def test_parse_chinese_number(numeral: str, value: float | None) -> None:
    assert parse_chinese_number(numeral) == value


def test_joined_paragraph_keeps_provenance() -> None:
    first, second = "预计社会消费品零售总额实现27.5亿元，增长14.2%；财政收入完", "成14.6亿元，增长8.9%。"
    paragraph = Paragraph(text=first + second, lines=(81, 83), line_starts=(0, len(first)))
    found = extract_indicators([paragraph])
    assert [(i.value, i.line, i.subject) for i in found][-2:] == [(14.6, 83, "财政收入"), (8.9, 83, "财政收入")]
    for indicator in found:
        assert paragraph.text[indicator.offset : indicator.offset + len(indicator.span)] == indicator.span


def test_cut_paragraphs_are_read_together() -> None:
    """Two source lines that a page cut in two, given as two paragraphs, still share a subject."""
    first = "经济增长继续迈出稳健步伐，固定资产投资完成85.2亿元，增长20.4%；财政收入完"
    paragraphs = [Paragraph(first, (81,), (0,)), Paragraph("成14.6亿元，增长8.9%。", (83,), (0,))]
    found = extract_indicators(paragraphs)
    assert [(i.subject, i.paragraph, i.offset, i.line) for i in found[-2:]] == [
        ("财政收入", 1, 1, 83), ("财政收入", 1, 8, 83)]


def test_section_starts_cover_every_section_cue() -> None:
    """The fast pre-check ``section_starts`` must allow every character a section cue can start with."""
    kind = load_yaml("indicators/lexicon.yaml")["kind"]
    allowed = re.compile(f"[{kind['section_starts']}]")
    for patterns in kind["section"].values():
        for pattern in patterns:
            for ch in _first_chars(sre_parse.parse(pattern)):
                assert allowed.match(ch), (pattern, ch)


def _first_chars(parsed: Any) -> set[str]:
    op, arg = parsed[0]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and arg[0] == -1:  # a look behind matches no character
        return _first_chars(parsed[1:])
    if op is sre_constants.LITERAL:
        return {chr(arg)}
    if op is sre_constants.IN:
        chars: set[str] = set()
        for item_op, item in arg:
            if item_op is sre_constants.LITERAL:
                chars.add(chr(item))
            elif item_op is sre_constants.RANGE:
                chars.update(chr(c) for c in range(item[0], item[1] + 1))
            elif item_op is sre_constants.CATEGORY and item is sre_constants.CATEGORY_DIGIT:
                chars.update("0123456789")
            else:
                raise AssertionError(f"unhandled {item_op}")
        return chars
    if op is sre_constants.SUBPATTERN:
        return _first_chars(arg[-1])
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
        return _first_chars(arg[2])
    if op is sre_constants.BRANCH:
        return set().union(*(_first_chars(branch) for branch in arg[1]))
    raise AssertionError(f"a section cue must start with a character or class, not {op}")


def test_seed_gold_recall_and_precision() -> None:
    result = score_seed(SEED, FIXTURES / "seed-indicators.tsv")
    assert result.recall >= 0.95, result.summary()
    assert result.precision >= 0.90, result.summary()
    assert result.core_recall == 1.0, result.summary()


def test_seed_gold_attributes() -> None:
    result = score_seed(SEED, FIXTURES / "seed-indicators.tsv")
    for attribute in ("role", "qualifier", "kind"):
        assert result.accuracy(attribute) >= 0.95, result.summary()


def test_every_span_is_source_text() -> None:
    lines = read_source_lines(SEED)
    paragraphs = line_paragraphs(lines, 1, len(lines))
    for indicator in extract_indicators(paragraphs):
        assert indicator.span in lines[indicator.line - 1]
        paragraph = paragraphs[indicator.paragraph]
        assert paragraph.text[indicator.offset : indicator.offset + len(indicator.span)] == indicator.span


def test_national_targets_gold() -> None:
    if not (CORPUS / "national").is_dir():
        pytest.skip("no ../shared/corpus")
    result = score_national(CORPUS / "national", FIXTURES / "national-targets.tsv")
    assert result.recall >= 0.95 and result.precision >= 0.90, result.summary()
    for attribute in ("role", "qualifier", "kind"):
        assert result.accuracy(attribute) >= 0.95, result.summary()


def test_corpus_runs_without_error() -> None:
    if not CORPUS.is_dir():
        pytest.skip("no ../shared/corpus")
    files = sorted(p for folder in ("national", "national-raw-gbk", "city", "province")
                   for p in (CORPUS / folder).glob("*.txt"))
    assert len(files) == 208
    for path in files:
        lines = read_source_lines(path)
        paragraphs = line_paragraphs(lines, 1, len(lines))
        for indicator in extract_indicators(paragraphs):
            paragraph = paragraphs[indicator.paragraph]
            assert paragraph.text[indicator.offset : indicator.offset + len(indicator.span)] == indicator.span, path
            assert indicator.line in paragraph.lines, path


@pytest.mark.parametrize(
    ("number", "unit", "qualifier", "written"),
    [("60", "%", "超过", "超过60%"), ("1400", "户", "余", "1400余户"), ("500", "万平方米", "多", "500多万平方米"),
     ("7", "%", "左右", "7%左右"), ("9.43", "亿元", None, "9.43亿元"), ("1", "万亩", "余", "1万余亩"),
     ("5", "亿元", "多", "5亿多元"),
     # 北京's 约4.4万亿元 was 4.4万亿元约: the lexicon writes 约 as a pattern that looks behind it
     ("4.4", "万亿元", "约", "约4.4万亿元")],
)
def test_a_figure_is_written_with_its_qualifier_where_reports_write_it(
    number: str, unit: str, qualifier: str | None, written: str
) -> None:
    assert written_figure(number, unit, qualifier, span=f"约{written}") == written



def test_a_budget_report_s_chapter_on_the_year_s_budget_holds_targets() -> None:
    """1956's report on the budget gave its 1956 budget (二、1956年的国家预算: 收入总数共为30,742,770,000元) as results,
    beside the 1955 final accounts of its first chapter: 96 rows."""
    texts = [
        "一、1955年国家决算",
        "1955年国家决算收入共为27,202,960,000元，比1954年增长3.5%。",
        "二、1956年的国家预算",
        "1956年的预算，就是按照提前完成和超额完成五年计划的要求编制的。",
        "1956年国家预算收入中，各项税收为13,980,000,000元，占本年预算收入的47.02%，比1955年决算数增长9.84%。",
    ]
    paragraphs = [Paragraph(text=text, lines=(n,), line_starts=(0,)) for n, text in enumerate(texts, start=1)]
    kinds = [(indicator.line, indicator.kind) for indicator in extract_indicators(paragraphs, 1956)]
    assert {kind for line, kind in kinds if line == 2} == {"actual"} and {kind for line, kind in kinds if line == 5} == {"target"}


def test_a_section_cue_inside_a_sentence_leaves_the_review_a_review() -> None:
    """吉林's review said 全面落实省委省政府工作部署 in its second paragraph, and every figure of the review became
    a target (306 targets, no result): its 2023 growth of 6.7% stood as its 2024 target on the year's page.
    A cue sets the mode where it opens a sentence or a heading; a lead-in to the year's targets wherever it
    stands."""
    texts = [
        "一、2023年工作回顾",
        "过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平总书记重要讲话精神，全面落实省委省政府工作部署，"
        "在市委的坚强领导下，地区生产总值增长6.7%，固定资产投资增长15.2%。",
        "刑事立案数下降11.2%，为近三年来最大降幅。",
        "二、2024年工作安排",
        "综合考虑各方面因素，今年全市经济社会发展的主要预期目标是：地区生产总值增长7%左右。",
        "全体人员签到率达到98%。",
    ]
    paragraphs = [Paragraph(text=text, lines=(n,), line_starts=(0,)) for n, text in enumerate(texts, start=1)]
    kinds = [(indicator.span, indicator.kind) for indicator in extract_indicators(paragraphs)]
    assert kinds == [
        ("增长6.7%", "actual"),
        ("增长15.2%", "actual"),
        ("下降11.2%", "actual"),
        ("增长7%左右", "target"),
        ("达到98%", "target"),
    ]


def test_a_lead_in_to_the_targets_counts_inside_a_sentence_and_a_plan_s_heading_opens_the_plan() -> None:
    texts = [
        "过去五年，经济年均增长7.8%。",
        "《纲要草案》紧紧围绕全面建成小康社会奋斗目标，针对发展不平衡等突出问题，明确了今后五年经济社会发展的主要目标任务。",  # deep: no cue
        "经济总量增长10%。",
        "二、“十三五”时期主要目标任务和重大举措",
        "到2020年，经济年均增长保持在6.5%以上。",
    ]
    paragraphs = [Paragraph(text=text, lines=(n,), line_starts=(0,)) for n, text in enumerate(texts, start=1)]
    assert [indicator.kind for indicator in extract_indicators(paragraphs)] == ["actual", "actual", "target"]


def test_a_review_that_names_its_goals_or_a_programme_stays_a_review() -> None:
    """舟山's review said 紧抓既定发展目标不偏移 in its first section, 毕节's 发展目标更清晰: each review's figures
    after it were targets (舟山's 2023 growth of 8.2% stood as its 2024 target, its real 6.5% nowhere);
    四川's 实施岗位挖潜扩容支持计划，…城镇新增就业107万人 stood as its 2026 target. 发展目标 opens the plan where
    it heads a chapter; a programme's name (…计划，) plans nothing, but a figure according to a plan does."""
    texts = [
        "一、2023年工作回顾",
        "（一）经济大盘稳固向好。紧抓既定发展目标不偏移，地区生产总值增长8.2%。",
        "实施岗位挖潜扩容支持计划，全省城镇新增就业107万人。",
        "按照1956年国家计划，国营工业的劳动生产率将比上年提高17.2%。",
        "二、今年经济社会发展目标任务和工作重点",
        "地区生产总值增长6.5%。",
    ]
    paragraphs = [Paragraph(text=text, lines=(n,), line_starts=(0,)) for n, text in enumerate(texts, start=1)]
    kinds = [(indicator.span, indicator.kind) for indicator in extract_indicators(paragraphs)]
    assert kinds == [("增长8.2%", "actual"), ("107万人", "actual"), ("提高17.2%", "target"), ("增长6.5%", "target")]


def test_a_figure_of_a_year_the_sentence_looks_ahead_to_is_a_target() -> None:
    """1978's 按照十年规划，到一九八五年，粮食产量达到八千亿斤 and 2021's 到2025年…城镇化率提高到65% were results; a
    year before the report's (到2012年底 in 2013) and the end of a period (从1979至1981年) look ahead to nothing."""
    assert kinds("过去一年，按照十年规划，到一九八五年，粮食产量达到八千亿斤，钢产量六千万吨。", 1978) == ["target", "target"]
    assert kinds("过去五年，到2025年，常住人口城镇化率提高到65%。", 2021) == ["target"]
    assert kinds("过去五年，到2012年底，城镇新增就业5800万人。", 2013) == ["actual"]
    assert kinds("过去三年，从1979至1981年，共计减少财政收入五百二十亿元。", 1981) == ["actual"]
    # a later year named without 到 is one too (1986's 七五 plan: 一九九〇年工农业总产值达到一万六千七百七十亿元); the
    # report's own year so named is not (1956's budget for 1956 stands beside the results of 1955)
    assert kinds("过去五年，一九九〇年工农业总产值达到一万六千七百七十亿元。", 1986) == ["target"]
    assert kinds("过去一年，1956年的财政收入达到297亿元。", 1956) == ["actual"]


def test_a_measure_per_unit_or_a_share_of_gdp_or_a_sector_s_product_is_not_gdp() -> None:
    """164 of 689 rows tagged as GDP were not: 2024's 单位国内生产总值能耗 降低2.5%左右, 研发投入占GDP比重, 浙江's
    海洋生产总值, contributions to growth."""
    from build_tools.pages.tables import core_category

    def category(subject: str) -> str | None:
        return core_category(Indicator(subject, 1.0, None, "%", None, None, "change", None, "target", 1, "1%"))

    others = ["单位国内生产总值能耗", "万元GDP能耗", "全社会研发投入占GDP比重", "服务业增加值在国内生产总值中的比重",
              "海洋生产总值", "消费对经济增长的贡献率", "单位地区生产总值二氧化碳排放",
              # a part's growth or size (永州's 数字经济增长15%以上 was a second GDP target of its year)
              "数字经济增长", "县域经济增长", "武汉都市圈经济总量", "兰州新区经济总量"]
    assert [category(subject) for subject in others] == [None] * len(others)
    whole = ("国内生产总值", "地区生产总值", "GDP", "经济增长", "全省经济总量", "国民经济增长速度", "中央提出今年经济增长预期目标")
    assert [category(s) for s in whole] == ["地区生产总值"] * len(whole)
    assert category("财政赤字占国内生产总值的比重") == "财政赤字"
    # nor is a flow of people or the towns' share the population (辽宁's 常住人口省际净流入4.5万人 was its 人口; 52
    # rows of 常住人口城镇化率 were)
    assert [category(s) for s in ("常住人口省际净流入", "常住人口城镇化率", "常住人口", "年末总人口")] == [
        None, None, "人口", "人口"]
    # nor the state-owned units' investment the whole's (1999's 国有单位…增长19.5% was 1998's result beside its
    # target for 全社会固定资产投资, which grew 14.1%)
    assert [category(s) for s in ("国有单位固定资产投资", "全社会固定资产投资", "全民所有制单位固定资产投资总额")] == [
        None, "固定资产投资", "固定资产投资"]
    # 1956's 1955年全国工农业生产总值比1954年增长了6.6% is the gross output of industry and agriculture, as is its
    # growth rate named as the subject (1982's 工农业总产值的增长速度，一九八一年计划为…); not its parts' shares
    gross = ("工农业总产值", "工农业生产总值", "全国工农业生产总值", "工农业总产值的增长速度", "工农业生产总值中现代工业所占的比重")
    assert [category(subject) for subject in gross] == ["工农业总产值"] * 4 + [None]


def test_funds_won_and_a_plan_s_share_done_in_a_review_are_results() -> None:
    """广西's 争取中央转移支付资金4113.7亿元 and 306 figures like it in 68 reviews were targets (争取 taken for
    striving), and so were 1956's 工业总产值原定计划的101% and 1986's 六五 results (计划 of a plan's name)."""
    review = "一年来，争取中央转移支付资金4113.7亿元，城镇新增就业完成年计划的106.2%，第一个五年计划期间新建项目六百个。"
    assert kinds(review, 2024) == ["actual", "actual", "actual"]
    plan = "今年，力争地区生产总值增长6%，计划新建项目300个。"
    assert kinds(plan, 2024) == ["target"] * 2


def test_what_a_review_says_was_won_or_kept_is_a_result() -> None:
    """牡丹江's 对上争取有新突破，全年争取政策性资金239亿元、风电建设指标250万千瓦, 镇江's 主要预期目标基本实现，…40项民生实事
    全面完成 and 2004's 为继续落实“两个确保”，2003年中央财政支出700亿元 stood among the next year's targets (22 corpus rows)."""
    review = (
        "对上争取有新突破，全年争取政策性资金239亿元、风电建设指标250万千瓦。成功争取江海直达船舶检验权，船队总运力增至18.6万载重吨。"
        "主要预期目标基本实现，既定的115项重点工作任务得到较好落实、40项民生实事全面完成。"
    )
    assert kinds(review, 2024) == ["actual"] * 5
    assert kinds("为继续落实“两个确保”，2003年中央财政支出700亿元。", 2004) == ["actual"]
    still = "争取有新突破，力争引进项目100个。今年，争取新签约项目突破300个。预期目标是增长6%。"  # what is striven for
    assert kinds(still, 2024) == ["target"] * 3


def test_a_plan_that_builds_on_last_year_s_work_stays_a_plan() -> None:
    """北海's plans from 在去年工作基础上，制定行动方案 on (12 of them), 2013's from 结合过去十年…工作的体会 on, and 2010's
    中央财政拟投入433亿元 stood as the year before's results (25 corpus rows)."""
    plan = "2024年工作安排。在去年工作基础上，制定行动方案。全年新签约项目35个以上，新开工保障性租赁住房500套。"
    assert kinds(plan, 2024) == ["target"] * 2
    plan = "今年工作安排。结合过去十年特别是近五年工作的体会，做好以下工作。全面开展20种重大疾病保障试点。"
    assert kinds(plan, 2013) == ["target"]
    assert kinds("去年工作回顾。一年来，城镇新增就业11万人。中央财政拟投入433亿元用于促进就业。", 2010) == ["actual", "target"]


def test_the_base_a_plan_grows_from_is_a_result() -> None:
    """2006's 补助标准由20元提高到40元 and 50 national rows like it stood in the targets' table: the 20元 is what it was
    when the plan was made."""
    found = extract("今年，新型农村合作医疗的补助标准由20元提高到40元。", 2006)
    assert [(item.subject, item.value, item.kind) for item in found] == [
        ("新型农村合作医疗的补助标准（基期）", 20, "actual"), ("新型农村合作医疗的补助标准", 40, "target")]


def test_a_paragraph_that_looks_back_in_a_chapter_of_plans_does_not_end_the_plans() -> None:
    """1956's budget chapter (二、1956年的国家预算) told in passing that 在过去几年来，工人的工资有了增加, and its 1956 plans
    after it (在校学生达到6,200万人以上, 77 rows) stood as 1955's results, as 2010's plans did after 一年来，我们大力发展…；
    what its next chapter tells of the year so far (到5月份为止…完成年计划27%, 比去年同期增长68%) is a result."""
    paragraphs = [
        "二、1956年的国家预算", "在过去几年来，工人的工资有了增加。", "1956年小学校新招生2,300万人，在校学生达到6,200万人以上。",
        "三、为实现1956年的国家预算而努力", "到5月份为止，全国基本建设投资总额完成年计划27%，比去年同期增长68%。",
        "但是有几项重要产品的产量没有完成计划：钢完成96.4%。",
    ]
    blocks = ()
    found = extract_indicators([Paragraph(text, (n,), (0,)) for n, text in enumerate(paragraphs, 1)], 1956, blocks)
    assert [(item.line, item.kind) for item in found] == [(3, "target"), (3, "target"), (5, "actual"), (5, "actual"),
                                                          (6, "actual")]
    review = ["一、2023年工作回顾", "过去一年，地区生产总值增长5%。", "二、2024年工作安排", "今年，地区生产总值增长5%左右。",
              "过去五年，城镇新增就业50万人。", "三、十四五时期的成就", "过去五年，城镇新增就业60万人。"]
    found = extract_indicators([Paragraph(text, (n,), (0,)) for n, text in enumerate(review, 1)], 2024)
    assert [item.kind for item in found] == ["actual", "target", "actual", "actual"]


def test_the_notes_after_a_report_and_a_year_gone_in_a_chapter_of_plans_tell_of_what_was() -> None:
    """2012's 附注 (…城镇居民医保…2011年政府补助标准达到每人每年200元) stood as its last chapter's plans, and 1956's
    budget chapter's 1953年只征收了351亿斤 and 将由44个发展到60个's 44 as plans of 1956."""
    paragraphs = ["三、2012年主要任务", "城镇新增就业900万人。", "附注：", "1、城镇居民医保：2011年政府补助标准达到每人每年200元。"]
    found = extract_indicators([Paragraph(text, (n,), (0,)) for n, text in enumerate(paragraphs, 1)], 2012)
    assert [item.kind for item in found] == ["target", "actual"]
    paragraphs = ["二、1956年的国家预算", "实际上，1953年只征收了351亿斤。中国科学院的科学研究机构将由44个发展到60个。"]
    found = extract_indicators([Paragraph(text, (n,), (0,)) for n, text in enumerate(paragraphs, 1)], 1956)
    assert [(item.subject, item.kind) for item in found] == [
        ("征收", "actual"), ("中国科学院的科学研究机构（基期）", "actual"), ("中国科学院的科学研究机构", "target")]


def test_a_meeting_to_plan_work_opens_no_plan() -> None:
    """河南 2026's review went on to targets at 逐季召开经济工作部署会 (a meeting each quarter): its 2025 jobs, 121.7万人,
    stood as its 2026 target, and 13 figures more."""
    review = "一年来，全省生产总值增长5.6%。面对严峻复杂的经济形势，逐季召开经济工作部署会，城镇新增就业121.7万人。"
    assert kinds(review, 2026) == ["actual", "actual"]


def test_a_plan_compared_with_the_years_before_stays_a_plan() -> None:
    """舟山's plan turned into a review at 上述主要预期目标，与过去两年我市平均增速相匹配 (过去两年 a review's cue): 38 of
    its targets stood as results, its 社会消费品零售总额增长6% a result of 2023."""
    plan = "主要预期目标为：地区生产总值增长6.5%。上述主要预期目标，与过去两年我市平均增速相匹配。社会消费品零售总额增长6%。"
    assert kinds(plan, 2024) == ["target", "target"]


def test_projects_and_quotas_won_a_programme_s_name_and_the_year_s_span_in_a_review_are_results() -> None:
    """德阳's 争取专项债项目373个 (after 加大“三重”争取力度), 威海's 国家级重点人才计划专家17人, 东营's 年内处置…10035亩
    and 甘肃's 超年度计划28% were targets in their reviews: 98 rows of the cities' and provinces' reviews."""
    review = ("持续加大“三重”争取力度，争取专项债项目373个，争取能耗指标117.6万吨。新引育国家级重点人才计划专家17人，"
              "营养改善计划实现全覆盖，受益学生人数超过25万。年内处置批而未供土地10035亩，重大项目完成投资、超年度计划28%。")
    assert kinds(review, 2024) == ["actual"] * 6
    plans = "计划新建学校5所。五年内新建水电站15个。本年内开始建设的22个。争取实现增长8%。"
    assert kinds(plans, 2024) == ["target"] * 4


def test_the_download_says_which_changes_are_falls() -> None:
    """The CSV gave 减少245万人 as a positive change, with nothing to tell it from a rise (330 rows)."""
    import csv

    from build_tools.pages.tables import as_csv, indicator_record

    rows = [{"report": "r", **indicator_record(i), "core": ""} for i in extract("税收下降5%，就业增加30万人。")]
    read = list(csv.DictReader(as_csv(rows).decode("utf-8-sig").splitlines()))
    assert [(row["subject"], row["value"], row["fall"]) for row in read] == [("税收", "5.0", "True"), ("就业", "30.0", "False")]


def test_a_note_that_an_estimate_holds_below_estimates_every_figure_after_it() -> None:
    """乐山's 预计（下同）, 内江's and 长沙's notes held only for their first figure."""
    below = "一、2023年工作回顾\n预计（下同）全市地区生产总值增长6.5%。新建学校5所。二、2024年工作安排\n新建学校8所。"
    assert kinds(below, 2024) == ["estimate", "estimate", "target"]


def test_this_year_s_first_months_are_past_when_the_report_is_given() -> None:
    """1984's 今年第一季度，工业生产又比去年同期增长12% and 1980's 今年上半年 figures were targets (今年 read as the plan's
    year): 32 rows of the national reports, every one a result."""
    assert kinds("今年第一季度，工业生产又比去年同期增长12%。今年上半年，社会商品零售总额增长18.5%。", 1984) == ["actual"] * 2
    assert kinds("今年粮食产量要达到八千亿斤。", 1984) == ["target"]


def test_a_figure_the_text_says_will_be_is_a_target() -> None:
    """1955's 旅客周转量将达到三十四亿人公里 and 1958's 农村居民的购买力将比上一年增加二十二亿元左右 were results in
    passages no section cue had turned to the plan: 147 national rows; 将 that only marks the object (将扶贫标准
    提高到2300元, what was done) turns nothing."""
    assert kinds("旅客周转量将达到三十四亿人公里。购买力将比上一年增加二十二亿元左右。", 1958) == ["target"] * 2
    assert kinds("将扶贫标准提高到2300元。", 2013) == ["actual"]


def test_the_figures_of_a_list_said_after_them_to_be_its_targets_are_targets() -> None:
    """1959's four targets for the year, 提出了钢产量一千八百万吨、…、棉花产量一亿担的四项指标, were read as what the year
    achieved (the tooltip said 煤产量：38000万吨（总量，实际完成）)."""
    text = "会议提出了钢产量一千八百万吨、煤产量三亿八千万吨、粮食产量一万零五百亿斤、棉花产量一亿担的四项指标。钢产量达到一千一百零八万吨。"
    assert kinds(text, 1959) == ["target"] * 4 + ["actual"]


def test_points_by_which_a_rate_beats_elsewhere_s_name_the_rate_and_the_place_compared() -> None:
    """地区生产总值增长5.2%，高于全国1.8个百分点 gave the points the subject 高于全国 (37 rows of the corpus): a reader of the
    table could not tell of what; a share's gap keeps the share's name, a subject that names its growth no 增速 twice."""
    found = extract("全市地区生产总值增长5.2%，高于全国1.8个百分点。城镇化率达到65%，高于全省3个百分点。经济增长8%，快于全省0.5个百分点。"
                    "工业增加值增长7%，超过年度计划2个百分点。")
    points = [item.subject for item in found if item.unit == "个百分点"]
    assert points == ["地区生产总值增速高于全国", "城镇化率高于全省", "经济增长快于全省", "超过年度计划"]


def test_family_planning_keeps_its_plan_and_a_list_s_dash_opens_no_subject() -> None:
    """The seed's 计划生育率达到85%以上 was 生育率 85% (a birth rate of 85%), and its list of targets gave ——财税总收入,
    ——农民人均纯收入; 计划投资50亿元 is still 投资."""
    found = extract("计划生育率达到85%以上。——财税总收入达到5000万元；——农民人均纯收入增长10%。计划投资50亿元。")
    assert [item.subject for item in found] == ["计划生育率", "财税总收入", "农民人均纯收入", "投资"]


def test_the_items_of_a_list_take_the_kind_its_opening_gives_them() -> None:
    """1955's plan listed 1957's planned output after …的计划产量比一九五二年的产量增长的情况如下列： (钢：从一百三十五万吨增加到
    四百十二万吨…, 43 rows), and 1954's …一九五四年预计产量…以下的动人的数字：电力…；原煤…；: each item but the first was
    read as what was achieved. An opening that tells how far plans were met (没有完成计划：钢完成96.4%) gives results."""
    paragraphs = ["五年内，主要产品在一九五七年的计划产量比一九五二年的产量增长的情况如下列：", "钢：从一百三十五万吨增加到四百十二万吨，增长二点一倍。",
                  "载重汽车：达到四千辆。", "或者有人认为：我国钢的产量仍然不过四百多万吨。"]
    found = extract_indicators([Paragraph(text, (n,), (0,)) for n, text in enumerate(paragraphs, 1)], 1955)
    # the base the plan grows from (从一百三十五万吨, 1952's) is what was, a result
    assert [(item.line, item.kind) for item in found] == [(2, "actual")] + [(2, "target")] * 2 + [(3, "target"), (4, "actual")]
    assert kinds("一九五四年预计产量同一九四九年产量比较，我们可以看到以下的数字：电力一百零八亿度；原煤八千一百九十九万吨；生铁三百零三万吨。",
                 1954) == ["estimate"] * 3
    assert kinds("但是有几项重要产品的产量没有完成计划：钢完成96.4%，钢材完成95%。", 1956) == ["actual"] * 2


def test_what_a_plan_or_budget_lays_down_is_a_target_and_what_was_achieved_beside_it_a_result() -> None:
    """1956's 国家预算规定，本年收入共为…元 (15 rows) and 1982's 一九八一年计划为百分之三点七，实际达到百分之四点六 (a target, and
    its result under the subject 实际) were read the other way round; 实际增长 is growth in real terms, no result."""
    assert kinds("１９５６年国家预算规定，本年收入共为２９，７３１，７３２，０００元。", 1956) == ["target"]
    found = extract("工农业总产值的增长速度，一九八一年计划为百分之三点七，实际达到百分之四点六；一九八二年计划为百分之四，预计可以达到百分之六点四。", 1982)
    assert [(item.subject, item.value, item.kind) for item in found] == [
        ("工农业总产值的增长速度", 3.7, "target"), ("工农业总产值的增长速度", 4.6, "actual"),
        ("工农业总产值的增长速度", 4.0, "target"), ("工农业总产值的增长速度", 6.4, "estimate"),
    ]
    assert kinds("今后五年，争取城镇居民人均生活费收入平均每年实际增长百分之五左右。", 1993) == ["target"]


def test_old_type_and_old_ways_of_writing_numbers_are_read_as_the_reports_mean_them() -> None:
    """1955's 高等学校二百○八所 was 8所 (○, the old type's zero), 1959's 二百八十万到三百万千瓦 280–3000000万千瓦, 几十座 and 数十个
    10 (9 rows), 十三斤半 13斤 (and 半 the next figure's subject), 1954's 为国家节约二千八百亿元 about (约) 2800亿元;
    20兆瓦半直驱 is a semi-direct drive, no half."""
    values = [(item.value, item.value_high, item.unit, item.qualifier) for item in extract(
        "全国有高等学校二百○八所。发电设备生产能力二百八十万到三百万千瓦。修建水坝几十座，出访数十个国家。大豆的出油量十三斤半。"
        "就可以每年为国家节约二千八百亿元。最大功率20兆瓦半直驱风力发电机。全年收入约3000亿元。", 1955)]
    assert values == [(208.0, None, "所", None), (280.0, 300.0, "万千瓦", None), (13.5, None, "斤", None),
                      (2800.0, None, "亿元", None), (20.0, None, "兆瓦", None), (3000.0, None, "亿元", "约")]


def test_a_note_in_parentheses_with_a_comma_in_it_does_not_cut_the_subject_off() -> None:
    """1955's 工业农业总产值（包括…的全部产值，…下同），比一九四九年增长了百分之七十七点五 and 1959's 机床（不包括简易机床，下同）增加了
    一万四千三百台 had the subject 下同 (22 rows of the corpus were cut inside a note)."""
    found = extract("我国工业农业总产值（包括工业、手工业、农业和农村副业的全部产值，下同），比一九四九年增长了百分之七十七点五。"
                    "钢增加了四百万吨，机床（不包括简易机床，下同）增加了一万四千三百台。新（改）建农村户厕2.59万户。", 1955)
    assert [item.subject for item in found] == ["工业农业总产值", "钢", "机床", "新（改）建农村户厕"]


def test_a_growth_that_is_a_year_s_average_over_several_says_so() -> None:
    """59 rows of the old reports read as one year's growth (1986's 国民生产总值 10%, 过去的五年中…平均每年增长百分之十), and
    平均每年递增百分之十四点七 was a share of 平均每年递增 (递增 was no verb of change)."""
    found = extract("我国第一个五年计划规定工业总产值增长百分之九十八点三，即每年递增百分之十四点七。过去的五年中国民生产总值平均每年增长百分之十。", 1986)
    assert [(item.subject, item.role) for item in found] == [
        ("工业总产值", "change"), ("工业总产值（年均）", "change"), ("国民生产总值（年均）", "change")]


def test_a_span_of_years_in_figures_and_a_budget_compared_with_name_no_subject() -> None:
    """山东's 常住人口城镇化率达到67.5%、5年提高4.5个百分点 gave the rise the subject 5年 (吉林's 3年, 近3年 likewise), and
    2024's 赤字规模4.06万亿元，比上年年初预算增加1800亿元 the subject 年初预算."""
    found = extract("常住人口城镇化率达到67.5%、5年提高4.5个百分点。财政收入达到1350亿元，3年增长58.6%。"
                    "赤字规模4.06万亿元，比上年年初预算增加1800亿元。", 2024)
    assert [item.subject for item in found] == ["常住人口城镇化率"] * 2 + ["财政收入"] * 2 + ["赤字规模"] * 2


def test_an_adverb_levels_joined_by_a_comma_and_a_population_leave_no_one_character_subject() -> None:
    """1959's 到一九五八年就增加到一千一百零八万吨 gave the subject 就 (1954's, 1958's likewise), 十亿人口 口 (13 rows of the
    national reports), 12个国、省控考核断面 and 214个市、县调研服务小组 国 and 市; 7个县、41个乡镇 stays two counts."""
    found = extract("我国的钢产量在一九五二年是一百三十五万吨，到一九五八年就增加到一千一百零八万吨。我国有十亿人口。"
                    "12个国、省控考核断面水质优良率100%。组建214个市、县调研服务小组。7个县、41个乡镇分别获推荐。", 1959)
    assert [item.subject for item in found] == [
        "钢产量", "钢产量", "人口", "国、省控考核断面水质优良率", "国、省控考核断面水质优良率", "市、县调研服务小组", "县", "乡镇"]


def test_a_place_name_that_opens_with_a_numeral_is_no_figure() -> None:
    """绵阳's 三台县 was 3 台 five times (subjects 县, 县成功创建国家现代农业园区); 三台设备 stays 3 台."""
    found = extract("支持江油市、三台县等地加快建设市域副中心。三台县成功创建国家现代农业园区。购置三台设备。", 2024)
    assert [(item.subject, item.value, item.unit) for item in found] == [("设备", 3.0, "台")]


def test_a_condition_and_what_it_would_bring_are_hypothetical() -> None:
    """1954's 只要降低…成本的百分之一，就可以每年为国家节约二千八百亿元 and 1955's 如果每件棉纱平均少用两斤棉花，…就可以至少
    增产两万件棉纱 were results and targets (32 rows of 1954, 1955, 1978, 1981, 1993, 1994); the clause group after a ；
    and 如果…，则…实际增长 (a figure computed otherwise) are not."""
    found = extract("只要降低基本建设的建筑安装成本的百分之一，就可以每年为国家节约二千八百亿元；钢产量达到100万吨。"
                    "如果从两年收入数额中扣除国外借款，则本年收入实际增长15.83%。"
                    "如果每件棉纱平均少用两斤棉花，全国每年就可以至少增产两万件棉纱。主要是为了保就业，有6.5%的增速就能够实现。", 1956)
    assert [item.kind for item in found] == ["hypothetical", "hypothetical", "actual", "actual",
                                             "hypothetical", "hypothetical", "actual"]


def test_an_unsaid_condition_and_a_use_supposed_are_hypothetical() -> None:
    """1955's 多种五十万亩烟叶，就能增产五十万箱纸烟 gave 烟叶 50万亩 as a result, its 如用之于工业建设，就可以建设一个年产一百
    五十万吨钢铁的冶金企业 a target of 150万吨 (16 rows); 如期 opens no condition."""
    found = extract("多种四十万亩甘蔗，就能增产十万吨食糖。这一笔资金，如用之于工业建设，就可以建设一个年产一百五十万吨钢铁的冶金企业。"
                    "如期建成10个项目，就业增加5万人。", 1955)
    assert [item.kind for item in found] == ["hypothetical", "hypothetical", "hypothetical", "actual", "actual"]


def test_a_count_after_an_action_counts_the_noun_after_it() -> None:
    """抚州's 统筹推进415个重点帮扶村建设 gave the subject 统筹推进, 德阳's 加快实施448个省市重点项目 加快实施 (187 rows of the
    corpus); money bought for a purpose keeps the words before it (投入100亿元支持职业教育发展)."""
    found = extract("统筹推进415个重点帮扶村建设。加快实施448个省市重点项目。中央财政将投入100亿元支持职业教育发展。", 2024)
    assert [item.subject for item in found] == ["重点帮扶村", "省市重点项目", "中央财政将投入"]


def test_the_members_of_a_list_are_cut_at_its_commas_before_its_words() -> None:
    """重庆's 农村卫生厕所普及率、生活垃圾分类行政村覆盖率、生活污水治理率分别提高到88%、83.6%、87.5% gave each figure the
    whole list (the 及 of 普及率 cut it in four); 45 rows of the corpus. A 、 in parentheses cuts nothing."""
    found = extract("农村卫生厕所普及率、生活垃圾分类行政村覆盖率、生活污水治理率分别提高到88%、83.6%、87.5%。"
                    "城镇和农村居民人均可支配收入分别增长5%和6%。", 2026)
    assert [item.subject for item in found] == ["农村卫生厕所普及率", "生活垃圾分类行政村覆盖率", "生活污水治理率",
                                                "城镇居民人均可支配收入", "农村居民人均可支配收入"]


def test_a_short_list_of_the_report_s_own_is_no_figure_and_a_long_count_is_one() -> None:
    """宜春's 发力五个突破, 北京's 两个关键小事 and 天津's 三条主线 were counts (18 rows of 15 reports); 北京's 新增7701张家庭养老
    床位, 阜阳's 24个工作日 and 重庆's 14个民生领域重大项目 were lost to the nouns of such lists (306 rows of the corpus)."""
    found = extract("提出发力五个突破、聚力八大攻坚。深入抓好两个关键小事。坚持三条主线。新增7701张家庭养老床位。"
                    "审批时限压缩至24个工作日。启动14个民生领域重大项目。推动八个方面工作。", 2026)
    assert [(item.value, item.unit) for item in found] == [(7701.0, "张"), (24.0, "个工作日"), (14.0, "个")]


def test_counts_days_ages_and_gigawatts_have_their_units() -> None:
    """北京's 34款创新药械, 辽宁's 中欧班列开行924列 and 国际友城达到96对, 天津's 优良天数281天 and 91艘次, 重庆's 1342种 and
    人均预期寿命达到79.72岁, 阜阳's 31.5GW had no row (229 rows of the corpus); 3.8元/立方米 lost its 立方米. An age that
    says who (65岁及以上老年人) is no figure."""
    found = extract("34款创新药械获批上市。中欧班列开行924列，国际友城达到96对。优良天数281天。接待邮轮91艘次。"
                    "运输货物品类增至1342种。人均预期寿命达到79.72岁。组件31.5GW。售价下调至3.8元/立方米左右。"
                    "为65岁及以上老年人免费体检30万人。", 2026)
    assert [(item.value, item.unit) for item in found] == [
        (34.0, "款"), (924.0, "列"), (96.0, "对"), (281.0, "天"), (91.0, "艘次"), (1342.0, "种"), (79.72, "岁"),
        (31.5, "GW"), (3.8, "元/立方米"), (30.0, "万人")]


def test_a_list_after_a_loss_is_of_losses_and_a_class_is_no_figure() -> None:
    """1978's 全国大约损失工业总产值一千亿元，钢产量二千八百万吨，财政收入四百亿元 gave 钢产量 2800万吨 and 财政收入 400亿元 as
    the year's output and revenue (the second a headline figure); 东营's 10万吨级液体泊位 was 10 万吨 (53 rows)."""
    from build_tools.pages.tables import core_category

    found = extract("全国大约损失工业总产值一千亿元，钢产量二千八百万吨，财政收入四百亿元，整个国民经济几乎到了崩溃的边缘。"
                    "财政收入五百亿元。东营港区10万吨级液体泊位建成投用。因为材料使用的浪费损失十八亿元。", 1978)
    assert [item.subject for item in found] == ["损失工业总产值", "损失钢产量", "损失财政收入", "财政收入",
                                                "因为材料使用的浪费损失"]
    assert [core_category(item) for item in found][2:4] == [None, "财政收入"]


def test_a_ratio_of_so_many_to_one_is_a_figure() -> None:
    """重庆's 城乡居民收入比缩小至2.21∶1, 云南's 由2.9∶1缩小至2.52∶1 and 常州's 1.776：1 had no row (14 of the corpus); a
    structure of three parts (三产比例调整为2.4∶51.1∶46.5) is none."""
    found = extract("城乡居民收入比由2.9∶1缩小至2.52∶1。城乡居民人均收入比缩小至1.776：1。收入比为1.8:1、连续10年缩小。"
                    "三产比例调整为2.4∶51.1∶46.5。", 2026)
    assert [(item.subject, item.value, item.unit, item.role) for item in found] == [
        ("城乡居民收入比（基期）", 2.9, "∶1", "share"), ("城乡居民收入比", 2.52, "∶1", "share"),
        ("城乡居民人均收入比", 1.776, "：1", "share"), ("收入比", 1.8, ":1", "share")]


def test_a_bare_wan_counts_the_people_named_after_it() -> None:
    """北京's 促进12万城镇就业困难人员实现就业, 常州's 为15.8万老年人提供居家养老上门服务 and 2007's 505万下岗失业人员实现再就业
    had no row (154 of the corpus), nor 2016's headline 1000万以上农村贫困人口脱贫; a people as a whole (420万钦州人民),
    a place of so many people (20万以上人口县), a country's people (八亿农民, 我国有2.9亿在校学生) and other words
    after a bare 万 stay none."""
    found = extract("促进12万城镇就业困难人员实现就业、4万农村劳动力就业参保。为15.8万老年人提供居家养老上门服务。"
                    "让420万钦州人民的获得感增强。彻底改变两千多年来农民种田缴纳的负担。"
                    "今年要完成1000万以上农村贫困人口脱贫任务。20万以上人口县实现特殊教育学校全覆盖。"
                    "一切关心八亿农民命运的人们。我国有2.9亿在校学生。", 2024)
    assert [(item.subject, item.value, item.unit) for item in found] == [
        ("城镇就业困难人员", 12.0, "万"), ("农村劳动力", 4.0, "万"), ("老年人", 15.8, "万"), ("农村贫困人口", 1000.0, "万")]


def test_a_count_of_at_least_so_many_things_is_a_figure() -> None:
    """深圳's 新增5家以上无人工厂 and 河南's 实施1000个以上省重点项目 were read as classes of thing, as 10亿元以上项目 is (77 rows
    of the corpus, nearly all targets); a size in people (300人以上企业) and money above so much still are."""
    found = extract("新增5家以上无人工厂。实施1000个以上省重点项目。支持10亿元以上项目。300人以上企业达到50家。"
                    "提升改造年出栏5000头以上养殖场。", 2024)
    assert [(item.subject, item.value, item.unit) for item in found] == [
        ("无人工厂", 5.0, "家"), ("省重点项目", 1000.0, "个"), ("300人以上企业", 50.0, "家")]


def test_a_small_count_naming_what_a_report_lists_is_no_figure() -> None:
    """2007's 打好煤矿瓦斯治理和整顿关闭两个攻坚战, 吉安's 五条防线, 长沙's 残疾人两项补贴 (whose 亿元 then lost its 残疾人) and
    1988's 中美三个公报 were figures (41 rows of the corpus); the seed's 两条综合示范带 stays one."""
    found = extract("要继续打好煤矿瓦斯治理和整顿关闭两个攻坚战。筑牢兜底保障五条防线。发放残疾人两项补贴12.4亿元。"
                    "严格遵守中美三个公报。瓜泰线旅游通道和安茅线两条综合示范带建设品味明显提升。", 2007)
    assert [(item.subject, item.value, item.unit) for item in found] == [
        ("发放残疾人两项补贴", 12.4, "亿元"), ("综合示范带", 2.0, "条")]


def test_a_plan_s_chapter_tells_of_last_year_and_earlier_years_as_results() -> None:
    """2013's 去年居民消费价格涨幅回落到2.6% (in its chapter on the year's prices) stood beside the year's target of 3.5% as
    a second one; 2019's 我国60岁以上人口已达2.5亿, 2007's 从2003年到2006年年均超收2040亿元 and 1982's 一九八一年比一九八○年，
    原煤增长… were targets, 2007's review 新开工项目计划总投资大幅下降，煤炭…淘汰落后生产能力1.1亿吨 and 2017's 部署启动面向
    2030年的科技创新重大项目，…新设6个国家自主创新示范区 too (77 rows). A year's batch (加快2023年度6个中心村建设) and a
    year compared with stay the plan's."""
    plan = "二、2013年工作安排\n"
    text = (plan + "去年居民消费价格涨幅回落到2.6%。今年居民消费价格涨幅控制在3.5%左右。我国60岁以上人口已达2.5亿。"
            "从2003年到2006年年均超收2040亿元。加快2023年度6个中心村建设。单位能耗比2010年下降16%。")
    paragraphs = [Paragraph(text=line, lines=(n,), line_starts=(0,)) for n, line in enumerate(text.split("\n"), 1)]
    assert [item.kind for item in extract_indicators(paragraphs, 2013)] == [
        "actual", "target", "actual", "actual", "target", "target"]
    assert kinds("一、2016年工作回顾\n新开工项目计划总投资大幅下降，煤炭淘汰落后生产能力1.1亿吨。", 2017) == ["actual"]
    assert kinds("一、2016年工作回顾\n部署启动面向2030年的科技创新重大项目，新设6个国家自主创新示范区。", 2017) == ["actual"]


def test_a_figure_its_clause_calls_a_target_is_one_in_a_review() -> None:
    """2007's review 没有实现年初确定的单位国内生产总值能耗降低4%左右、…减少2%的目标 showed a fall of 4% as 2006's result,
    2017's 广义货币M2增长11.3%，低于13%左右的预期目标 13% as another; the subject drops 没有 and 年初确定的."""
    found = extract("一、2006年工作回顾\n但是，全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量"
                    "减少2%的目标。广义货币M2增长11.3%，低于13%左右的预期目标。", 2007)
    assert [(item.value, item.kind) for item in found] == [(4.0, "target"), (2.0, "target"), (11.3, "actual"),
                                                           (13.0, "target")]
    assert found[0].subject == "单位国内生产总值能耗"
    # 长沙's 城镇调查失业率控制在5.5%预期目标下运行 was its 2023 result; 常州's 11个…提前两年实现…预期目标 stays one
    assert kinds("一、2023年工作回顾\n城镇调查失业率控制在5.5%预期目标下运行。11个核心发展指标提前两年实现规划预期目标。", 2024) == [
        "target", "actual"]


def test_a_growth_target_named_as_one_is_a_change() -> None:
    """2013's 广义货币M2预期增长目标拟定为13%左右 and 2024's 经济增长预期目标 5%左右 were shares (比率; 25 rows)."""
    found = extract("广义货币M2预期增长目标拟定为13%左右。今年经济增长预期目标为5%左右。", 2013)
    assert [item.role for item in found] == ["change", "change"]


def test_a_name_opening_with_a_small_sum_in_characters_is_no_figure() -> None:
    """内江's 打造三元汇美食集 was 3 元, 钦州's 瞄准三元和磷酸铁锂 (the battery) and 德州's 二元酸 too (5 rows); sums in
    digits stay."""
    found = extract("打造三元汇美食集、状元市集。新能源材料产业瞄准三元和磷酸铁锂两条主线。推进二元酸项目。小麦最低收购价提高3元。", 2024)
    assert [(item.value, item.unit) for item in found] == [(3.0, "元")]


def test_a_count_added_to_the_thing_before_it_says_so() -> None:
    """深圳's 商事主体达422.6万户，新登记56.5万户、增长26.4% gave the new registrations and their growth the stock's name."""
    found = extract("商事主体达422.6万户，新登记56.5万户、增长26.4%。", 2024)
    assert [item.subject for item in found] == ["商事主体", "新登记商事主体", "新登记商事主体"]


def test_a_total_after_what_was_added_to_it_is_of_the_things_not_of_the_added() -> None:
    """常州's 新增上市企业8家，累计达96家 gave the 96 listed companies the name of the 8 added (11 corpus rows: 深圳's
    charging posts, 甘肃's counties, 阳泉's 新认定高新技术企业52家，总数达到164家)."""
    found = extract("新增上市企业8家，累计达96家，其中新增A股上市7家。", 2024)
    assert [(item.subject, item.value) for item in found][:2] == [("新增上市企业", 8), ("上市企业", 96)]
    found = extract("新认定高新技术企业52家，总数达到164家。新建5G宏基站2412个、累计达到8603个。", 2024)
    assert [item.subject for item in found] == ["新认定高新技术企业", "高新技术企业总数", "新建5G宏基站", "5G宏基站"]
    found = extract("新增上市企业8家，其中新增A股上市7家。", 2024)  # no total: the added stay added
    assert [item.subject for item in found] == ["新增上市企业", "新增A股上市"]


def test_the_stage_a_count_s_things_reached_after_them_says_which_of_them_it_counts() -> None:
    """马鞍山's 388个重点项目开工、270个竣工 were both 重点项目, 陕西's 30个县区通过国家义务教育优质均衡发展评估 县区 (165
    corpus rows): the stage or what was passed, written after the things, names the ones counted."""
    found = extract("38个重大产业项目建成投产，30个县区通过国家义务教育优质均衡发展评估，189个重建项目全部开工。", 2024)
    assert [item.subject for item in found] == [
        "建成投产重大产业项目", "通过国家义务教育优质均衡发展评估的县区", "开工重建项目",
    ]
    kept = extract("推进46个省级新型城镇化重点项目建设，65个项目实现当年签约当年开工。", 2024)  # no stage; no plain noun
    assert [item.subject for item in kept] == ["省级新型城镇化重点项目", "项目实现当年签约当年"]
    # the stage after a 、 or right before the next figure is that figure's; 分别 parts the stages among the things
    found = extract("94个总规重建项目全部开工、完工74个，21个发展提升类项目开工5个，2个国家区域医疗中心分别开工、获批。", 2024)
    assert [item.subject for item in found][:3] == ["开工总规重建项目", "总规重建项目完工", "发展提升类项目"]
    assert found[-1].subject == "国家区域医疗中心"


def test_the_level_a_change_reached_is_of_the_thing_it_changed_from() -> None:
    """2013's 企业退休人员基本养老金从2004年人均每月700元提高到现在的1721元 named the 1721 提高到现在的, and 1981's
    财政赤字…预计降低到今年的二十七亿元 降低到今年的 (18 corpus rows, 109 subjects end in 的)."""
    found = extract("企业退休人员基本养老金从2004年人均每月700元提高到现在的1721元。", 2013)
    assert [item.subject for item in found][-1] == "企业退休人员基本养老金"
    found = extract("资本充足率从2007年底的8.4%提升到去年底的13.3%。", 2013)
    assert [item.subject for item in found] == ["资本充足率（基期）", "资本充足率"]


def test_a_list_member_that_is_a_level_alone_shares_the_thing_of_the_last() -> None:
    """吉林's 国家级、部级创新平台分别达到22家、182家 gave the 22 the subject 国家级."""
    found = extract("国家级、部级创新平台分别达到22家、182家。", 2024)
    assert [item.subject for item in found] == ["国家级创新平台", "部级创新平台"]
    found = extract("国家级、省级专精特新企业分别达到24家、190家。", 2024)
    assert [item.subject for item in found] == ["国家级专精特新企业", "省级专精特新企业"]


def test_a_part_of_the_year_a_clause_opens_on_is_named_and_the_year_s_growth_is_the_economy_s() -> None:
    """武汉's 经济增速逐季回升，一季度增长4.5%，上半年增长5%，前三季度增长5.5%，全年增长5.7% gave four rows of 2023 all named
    经济增速逐季回升, and its year's 5.7% no GDP: its place page had no result for 2023."""
    from build_tools.pages.tables import core_category

    found = extract("经济增速逐季回升，一季度增长4.5%，上半年增长5%，前三季度增长5.5%，全年增长5.7%。", 2024)
    assert [item.subject for item in found] == ["经济增速（一季度）", "经济增速（上半年）", "经济增速（前三季度）", "经济增速"]
    assert core_category(found[-1]) == "地区生产总值"
    compared = extract("全年全社会固定资产投资增长25.8%，增幅比一季度回落17.2个百分点。", 2005)  # the year's, not the quarter's
    assert [item.subject for item in compared] == ["全社会固定资产投资", "增幅"]
    dragged = extract("受此影响，拉低经济增速约4个百分点。", 2024)  # 河池's drag on growth is no GDP
    assert [core_category(item) for item in dragged] == [None]


def test_a_countdown_is_no_figure() -> None:
    """1995's 到1997年7月1日我国对香港恢复行使主权，只有849天了 was a target of 849 天 with the subject 了, 1997's 离香港回归
    祖国只有122天了 a result; days that were spent stay figures."""
    found = extract("从今天起，到1997年7月1日我国对香港恢复行使主权，只有849天了。现在，离香港回归祖国只有122天了。"
                    "优良天数281天。", 1995)
    assert [(item.value, item.unit) for item in found] == [(281.0, "天")]


def test_what_a_plan_lays_down_or_last_year_s_report_set_is_a_target_across_the_sentence() -> None:
    """1986's “七五”计划草案规定，…；国民生产总值平均每年增长百分之七点五 (after a ；) was 1985's growth, a headline figure;
    1997's 去年政府工作报告提出，物价涨幅要…降到10%左右 a result, and its 实际回落到6.1% under 经过上下各方面的努力; 1955's
    将约达四千六百万平方公尺 a result. 比计划规定的单位数多…；…有五百三十七个 stays a result."""
    assert kinds("“七五”计划草案规定，全国工农业总产值平均每年增长百分之六点七；国民生产总值平均每年增长百分之七点五。", 1986) == [
        "target", "target"]
    found = extract("去年政府工作报告提出，物价涨幅要从14.8%降到10%左右，经过上下各方面的努力，实际回落到6.1%。", 1997)
    assert [(item.subject, item.kind) for item in found] == [
        ("物价涨幅（基期）", "actual"), ("物价涨幅", "target"), ("物价涨幅", "actual")]  # 14.8%: 1995's, a result
    found = kinds("住宅将约达四千六百万平方公尺。比计划规定的单位数多二百二十七个；到年底投入生产的有五百三十七个。", 1955)
    assert (found[0], found[-1]) == ("target", "actual")


def test_a_list_s_shared_word_after_a_plan_compared_with_and_a_bare_measure_name_their_thing() -> None:
    """辽宁's 高速公路、水利、电网投资分别比“十三五”时期增长… gave 高速公路, 水利 and 电网投资分别比“十三五”时期; 阜阳's …，分别
    恢复至2019年的119%、119.2% 恢复 twice; 宜春's …总量增长16%以上、强度达1.91% 强度. 耕地恢复9.2万亩 keeps its 恢复."""
    found = extract("高速公路、水利、电网投资分别比“十三五”时期增长19.1%、120%、41.5%。接待旅客3761万人次、实现旅游收入285.2亿元，"
                    "分别恢复至2019年的119%、119.2%。全社会研发经费投入总量增长16%以上、强度达1.91%。耕地恢复9.2万亩。", 2026)
    assert [item.subject for item in found] == [
        "高速公路投资", "水利投资", "电网投资", "接待旅客", "旅游收入", "接待旅客", "旅游收入", "全社会研发经费投入总量",
        "全社会研发经费投入强度", "耕地恢复"]


def test_spans_of_time_working_days_person_years_and_ages_that_say_who() -> None:
    """六安's 连续21个月保持 was 21 个 (14 such rows), 阜阳's 24个工作日 24 个, 深圳's 36.4万人年 36.4万人 and the growth after it
    年; 成都's 6岁小女孩 and 四川's 满3岁即入园 were figures; 四川's 年均吸引4000余万人次参与 had the subject 参; 十一个方面
    counts the report's own items. 7701张家庭养老床位 and 150项年度重点工作 stay figures."""
    found = extract("连续21个月保持30%以上的增速。审批时限压缩至24个工作日。研发人员全时当量达36.4万人年、增长7.1%。"
                    "帮助父亲的6岁小女孩。满3岁即入园。各类健身活动年均吸引4000余万人次参与。推动十一个方面工作。"
                    "新增7701张家庭养老床位。完成150项年度重点工作。", 2024)
    assert [(item.subject, item.value, item.unit) for item in found] == [
        ("增速比例", 30.0, "%"), ("审批时限", 24.0, "个工作日"), ("研发人员全时当量", 36.4, "万人年"),
        ("研发人员全时当量", 7.1, "%"), ("各类健身活动年均吸引", 4000.0, "万人次"), ("家庭养老床位", 7701.0, "张"),
        ("年度重点工作", 150.0, "项")]


def test_a_bare_measure_after_a_count_of_a_thing_done_with_a_partner_is_that_thing_s() -> None:
    """合肥's 财政国资参与设立股权投资基金226支、总规模超4200亿元 gave the subject 总规模 once 支 was a unit: the 与 of 参与 read
    as a list's."""
    found = extract("财政国资参与设立股权投资基金226支、总规模超4200亿元。", 2024)
    assert [item.subject for item in found] == ["财政国资参与设立股权投资基金", "财政国资参与设立股权投资基金总规模"]


def test_a_chapter_after_the_review_that_names_none_opens_the_plans() -> None:
    """1994's report reviews 1993 in its first chapter and lays out 1994 in chapters by theme that name no year:
    its 努力把全年零售物价上涨幅度控制在百分之十以内, and the plans of 1978's, 1986's and 1997's such chapters, were
    results of the year before. A chapter's heading that names no review after one that did opens the plans, and
    要把…, 努力把… are a target's words; a chapter before any review's is not taken for a plan."""
    def report(*texts: str) -> tuple[Indicator, ...]:
        paragraphs = [Paragraph(text=text, lines=(n + 1,), line_starts=(0,)) for n, text in enumerate(texts)]
        return extract_indicators(paragraphs, 1994)

    found = report("一、1993年国内工作的回顾", "全年国内生产总值增长13%。", "二、保持国民经济持续快速健康发展",
                   "国家准备重点扶持500个商品粮大县。", "三、加快建立社会主义市场经济体制",
                   "各级政府要采取措施，努力把全年零售物价上涨幅度控制在百分之十以内。")
    assert [indicator.kind for indicator in found] == ["actual", "target", "target"]
    assert found[-1].subject == "零售物价上涨幅度"
    # what is now, in a plan's chapter, is no target (1997's 现在全国有100多个城市建立了最低生活保障制度)
    now = report("一、1993年国内工作的回顾", "二、保持国民经济持续快速健康发展", "现在全国有100多个城市建立了低保制度。",
                 "我国有十亿多人口。在连续两年增长百分之十三的基础上，今年计划增长百分之九。")
    assert [indicator.kind for indicator in now] == ["actual", "actual", "actual", "target"]
    unreviewed = report("一、认真完成计划", "全年粮食产量增长5%。", "二、继续努力", "钢产量增长8%。")
    assert [indicator.kind for indicator in unreviewed] == ["actual", "actual"]


def test_a_report_s_titled_chapters_open_its_plans_as_numbered_ones_do() -> None:
    """1978's copy from a portal heads its chapters with titles alone (三年来的斗争和新时期的总任务, 加快社会主义经济建设):
    its plans (农业主要作业机械化水平达到85%以上) were results, where the copy that numbers them (三、…) gave targets."""
    from build_tools.engine.pipeline import process_bytes

    body = ("一九七八年国务院政府工作报告\n各位代表：\n三年来的斗争和新时期的总任务\n三年来粮食产量增长了5%。\n"
            "加快社会主义经济建设\n农业主要作业机械化水平达到85%以上。\n繁荣社会主义科学教育文化事业\n"
            "全国高等学校增加到400所。\n")
    report = process_bytes("national/1978.txt", body.encode("utf-8"))[0]
    assert [indicator.kind for indicator in report.indicators] == ["actual", "target", "target"]


def test_a_run_of_redaction_stars_is_read_once_not_from_each_of_its_stars() -> None:
    """A line of 95,000 * took over five minutes: the figure's pattern started at each star of the run and read the
    rest of it. A redacted figure (增长**%) is still one."""
    import time

    start = time.perf_counter()
    found = extract("地区生产总值增长**%，" + "*" * 20_000 + "，财政收入增长6%。")
    assert time.perf_counter() - start < 10  # not a timing test: the run took minutes, a pass takes milliseconds
    assert [indicator.span for indicator in found if indicator.span.endswith("%")][-1] == "增长6%"
    assert any("**" in indicator.span for indicator in found)


def test_a_line_of_thousands_of_figures_is_read_in_time_that_grows_with_it_not_with_its_square() -> None:
    """24,000 figures on one line (1.1% again and again) took 40 s: each figure's test for a condition (只要…就…)
    and for a list of targets after it read the rest of the line. Every figure is still one."""
    import time

    start = time.perf_counter()
    found = extract("地区生产总值增长" + "1.1%" * 20_000 + "。")
    assert time.perf_counter() - start < 15  # not a timing test: the line took half a minute, a pass takes seconds
    assert len(found) == 20_000
