"""Identity: (source, lines, heading) in, who gave the report, where and when out; the gazetteer; the years."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.archive.gazetteer import gazetteer
from build_tools.archive.identity import identify
from build_tools.archive.years import number, review_year
from build_tools.model import Identity
from tests.conftest import CORPUS

YUNNAN = [
    "2026年政府工作报告",
    "——2026年1月28日在云南省第十四届人民代表大会第四次会议上",
    "省长 王予波",
    "各位代表：",
    "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。",
    "一、“十四五”时期和2025年工作回顾",
]
CITY_SPEECH = [
    "各位代表：",
    "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员提出意见。",
    "一、2023年工作回顾",
]
# A prefecture's report that never names itself in its first lines: its counties and towns do.
QIANNAN_TEXT = [
    "各位代表：",
    "现在，我代表州人民政府向大会报告工作，请予审议，并请州政协委员和其他列席人员提出意见。",
    "一、2023年工作回顾",
    "黔南经济运行稳中有进。都匀市、福泉市、荔波县、贵定县、瓮安县、独山县加快发展，黔南布依族苗族自治州",
    "惠水县、长顺县、龙里县、平塘县、罗甸县、三都水族自治县各项事业全面进步，黔南的开放水平持续提升。",
]

CASES: list[tuple[str, str, list[str], str | None, dict[str, Any]]] = [
    (
        "dateline, title and speaker line",
        "doc-1.txt",
        YUNNAN,
        None,
        {
            "year": 2026,
            "date": "2026-01-28",
            "session": "第十四届人民代表大会第四次会议",
            "speaker": "省长 王予波",
            "place": "云南省",
            "parent": None,
            "code": "530000",
            "level": "省",
            "province": "云南省",
            "inferred": (),
        },
    ),
    (
        "dateline in Han numerals, without 第, speaker with his province",
        "doc-2.txt",
        ["——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", "甘肃省省长任振鹤", "各位代表："],
        None,
        {
            "year": 2026,
            "date": "2026-01-27",
            "session": "第十四届人民代表大会第四次会议",
            "speaker": "甘肃省省长 任振鹤",
        },
    ),
    (
        "dateline broken over two lines",
        "doc-3.txt",
        ["——2024年2月3日在贵港市第六届人民代表大会", "第六次会议上", "市长\u2003林海波", "各位代表："],
        None,
        {"date": "2024-02-03", "place": "贵港市", "parent": "广西壮族自治区", "level": "市", "speaker": "市长 林海波"},
    ),
    (
        "national dateline, office and name on two lines",
        "doc-4.txt",
        ["政府工作报告", "——2017年3月5日在第十二届全国人民代表大会第五次会议上", "国务院总理", "李克强", "各位代表："],
        None,
        {
            "year": 2017,
            "session": "第十二届全国人民代表大会第五次会议",
            "speaker": "国务院总理 李克强",
            "place": "全国",
            "level": "国家",
            "province": None,
            "code": None,
        },
    ),
    (
        "a portal's publication date is no dateline; the review heading gives the year",
        "doc-5.txt",
        [
            "发布时间：2006年02月16日",
            "各位代表：",
            "现在，我代表国务院，向大会作政府工作报告。",
            "一、1998年工作回顾和1999年工作的总体要求",
        ],
        None,
        {"year": 1999, "date": None, "place": "全国", "inferred": (("year", "据“一、1998年工作回顾”推定"),)},
    ),
    (
        "a newspaper's date line and a photo caption above the speaker line",
        "doc-6.txt",
        [
            "来源：北京日报 时间：2026-02-02",
            "殷勇同志作政府工作报告。本报记者 王海欣 摄",
            "各位代表：",
            "现在，我代表北京市人民政府，向大会报告政府工作，请予审议。",
            "一、2025年工作回顾",
        ],
        None,
        {"year": 2026, "date": None, "speaker": None, "place": "北京市", "level": "省", "parent": None},
    ),
    (
        "five-year review: the last year counts",
        "doc-7.txt",
        ["各位代表：", "现在，我代表市人民政府向大会报告工作。", "一、2011年到2015年工作回顾"],
        None,
        {"year": 2016},
    ),
    (
        "review of a five-year plan's period",
        "doc-8.txt",
        ["各位代表：", "现在，我代表国务院向大会作政府工作报告。", "一、“九五”时期国民经济和社会发展的回顾"],
        None,
        {"year": 2001, "place": "全国"},
    ),
    (
        "redacted year and hidden town",
        "doc-9.txt",
        ["20xx年主要工作", "现在，我代表**镇人民政府向大会作政府工作报告，请予审议。", "20xx年是开局之年"],
        None,
        {"year": None, "place": None, "level": "乡镇", "code": None, "province": None},
    ),
    (
        "a title of only 政府工作报告 says nothing",
        "doc-10.txt",
        ["政府工作报告", "各位代表：", "过去一年，我们砥砺前行。"],
        None,
        {"year": None, "place": None, "level": None, "date": None, "speaker": None, "session": None},
    ),
    (
        "place and level from the file name, year from the review",
        "city/襄阳.txt",
        CITY_SPEECH,
        None,
        {
            "year": 2024,
            "place": "襄阳市",
            "parent": "湖北省",
            "code": "420600",
            "level": "市",
            "province": "湖北省",
            "inferred": (("year", "据“一、2023年工作回顾”推定"), ("place", "据文件名推定")),
        },
    ),
    (
        "the text outweighs a folder: the State Council speaks",
        "city/台州.txt",
        ["各位代表：", "现在，我代表国务院，向大会报告政府工作。"],
        None,
        {"place": "全国", "level": "国家", "province": None},
    ),
    (
        "a former name, in its year",
        "doc-11.txt",
        ["——2009年1月10日在襄樊市第十四届人民代表大会第三次会议上", "市长 张三", "各位代表："],
        None,
        {"year": 2009, "place": "襄阳市", "code": "420600", "level": "市"},
    ),
    (
        "a prefecture named by its counties",
        "doc-12.txt",
        QIANNAN_TEXT,
        None,
        {"place": "黔南布依族苗族自治州", "level": "市", "province": "贵州省", "code": "522700"},
    ),
    (
        "a county-level city is 区县",
        "reports/义乌.txt",
        CITY_SPEECH,
        None,
        {"place": "义乌市", "parent": "金华市", "level": "区县", "province": "浙江省"},
    ),
    (
        "a county-level city the province administers directly",
        "仙桃.txt",
        CITY_SPEECH,
        None,
        {"place": "仙桃市", "parent": "湖北省", "level": "区县", "province": "湖北省"},
    ),
    (
        "a municipality that calls itself 市",
        "天津.txt",
        CITY_SPEECH,
        None,
        {"place": "天津市", "level": "省", "parent": None, "province": "天津市"},
    ),
    (
        "a district named by its file, not its city",
        "city/黄山.txt",
        ["各位代表：", "现在，我代表区人民政府，向大会报告政府工作。"],
        None,
        {"place": "黄山区", "parent": "黄山市", "level": "区县"},
    ),
    (
        "an ambiguous name with nothing to choose by stays unknown",
        "鼓楼.txt",
        ["各位代表：", "现在，我代表区人民政府，向大会报告政府工作。"],
        None,
        {"place": None, "level": "区县", "code": None},
    ),
    (
        "the sitting a State Council report addresses",
        "doc-13.txt",
        [
            "各位代表：",
            "我代表国务院向第一届全国人民代表大会第五次会议，提出关于一九五八年度国民经济计划（草案）的报告。",
        ],
        None,
        {"year": 1958, "session": "第一届全国人民代表大会第五次会议", "place": "全国"},
    ),
    (
        "a sitting looked back on gives no year",
        "doc-14.txt",
        [
            "各位代表：",
            "我代表国务院向大会报告过去五年的工作。",
            "第八届全国人民代表大会第一次会议以来的五年，我国取得了成就。",
        ],
        None,
        {"year": None, "session": None, "place": "全国"},
    ),
    (
        "traditional characters",
        "doc-15.txt",
        ["各位代表：", "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告以後，完成了工作。"],
        None,
        {"year": 1954, "place": "全国", "level": "国家"},
    ),
    (
        "the title names the State Council",
        "doc-16.txt",
        ["各位代表：", "现在，我向大会作政府工作报告。"],
        "1955年国务院政府工作报告",
        {"year": 1955, "place": "全国", "inferred": ()},
    ),
    (
        "a title with the place before the year",
        "doc-17.txt",
        ["陕西省2026年政府工作报告", "各位代表："],
        None,
        {"year": 2026, "place": "陕西省", "level": "省"},
    ),
    (
        "year and place from the file name alone",
        "province/2026_云南省.txt",
        ["各位代表：", "过去一年，我们砥砺前行。"],
        None,
        {"year": 2026, "place": "云南省", "inferred": (("year", "据文件名推定"), ("place", "据文件名推定"))},
    ),
    (
        # the year written with 年 before the place, as most downloads are named: 年襄阳市 was no place
        "year and place from a file name that writes 年",
        "downloads/2024年襄阳市.txt",
        ["各位代表：", "过去一年，我们砥砺前行。"],
        None,
        {"year": 2024, "place": "襄阳市", "inferred": (("year", "据文件名推定"), ("place", "据文件名推定"))},
    ),
    (
        "the folder says national when nothing else does",
        "national/1985.txt",
        ["各位代表：", "刚刚过去的1984年，是我国各族人民取得伟大成就的一年。"],
        None,
        {
            "year": 1985,
            "place": "全国",
            "level": "国家",
            "inferred": (
                ("year", "据“刚刚过去的1984年”推定"),
                ("place", "据文件夹名推定"),
                ("level", "据文件夹名推定"),
            ),
        },
    ),
    (
        "a level word in the file name",
        "seeds/national-1985.txt",
        ["各位代表：", "现在，我就以此为题，向大会作政府工作报告，请予审议。"],
        None,
        {"place": "全国", "level": "国家", "year": 1985},
    ),
]


@pytest.mark.parametrize(
    ("source", "lines", "heading", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_identify(source: str, lines: list[str], heading: str | None, expected: dict[str, Any]) -> None:
    identity = identify(source, lines, heading)
    assert {field: getattr(identity, field) for field in expected} == expected


def test_a_collection_title_names_none_of_its_pieces() -> None:
    lines = [
        "现在，我代表区人民政府向大会报告工作，请予审议。",
        "xx年在市委、市政府和区委的坚强领导下，全区上下开拓创新。",
    ]
    assert identify("seeds/000_f936ed40faecbb33.txt", lines, "武陵源区政府工作报告篇三", collection=True).place is None
    assert identify("seeds/000_f936ed40faecbb33.txt", lines, "武陵源区政府工作报告篇三").place == "武陵源区"


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("云南省", None, [("云南省", "省", None, "530000")]),
        ("襄樊市", 2009, [("襄阳市", "市", "湖北省", "420600")]),
        ("思茅市", 2005, [("普洱市", "市", "云南省", "530800")]),
        ("黔南", None, [("黔南布依族苗族自治州", "市", "贵州省", "522700")]),
        ("武陵源区", None, [("武陵源区", "区县", "张家界市", "430811")]),
        ("锡林郭勒盟", None, [("锡林郭勒盟", "市", "内蒙古自治区", "152500")]),
        ("东营", None, [("东营市", "市", "山东省", "370500"), ("东营区", "区县", "东营市", "370502")]),
        ("**", None, []),
        ("殷勇同志作", None, []),
    ],
)
def test_resolve(name: str, year: int | None, expected: list[tuple[str, str, str | None, str]]) -> None:
    assert [
        (place.name, place.level, place.parent, place.code) for place in gazetteer().resolve(name, year)
    ] == expected


def test_an_ambiguous_name_lists_every_candidate() -> None:
    assert sorted(place.parent for place in gazetteer().resolve("鼓楼区")) == ["南京市", "开封市", "徐州市", "福州市"]


def test_places_named_in_a_text() -> None:
    found = [(mention.text, mention.full) for mention in gazetteer().find("江苏省苏州市昆山市，长治久安，吉林的城区")]
    assert found == [("江苏省", True), ("苏州市", True), ("昆山市", True), ("吉林", False)]
    assert [place.name for place in next(iter(gazetteer().find("吉林"))).places] == ["吉林省"]


def test_the_gazetteer_is_loaded_once() -> None:
    assert gazetteer() is gazetteer()


@pytest.mark.parametrize(
    ("text", "value"),
    [("2026", 2026), ("二〇二六", 2026), ("一九五四", 1954), ("二十七", 27), ("十", 10), ("1 9 9 8", 1998)],
)
def test_number(text: str, value: int) -> None:
    assert number(text) == value


@pytest.mark.parametrize(
    ("lines", "year"),
    [
        (["一、2023年工作回顾"], 2024),
        (["一、1993年国内工作的回顾和1994年工作的基本方针"], 1994),
        (["各位代表：现在，我代表市人民政府向大会报告工作。一、2023年工作回顾过去的一年，极不平凡。"], 2024),
        (["一、2023年主要工作"], 2024),
        (["一、“十一五”时期国民经济和社会发展的回顾"], 2011),
        (["一、过去一年工作回顾", "2004年国内生产总值增长9.5%。", "2004年粮食增产。", "二、2005年的工作"], 2005),
        (["刚刚过去的1984年，是取得伟大成就的一年。"], 1985),
        (["二、2024年工作安排"], None),
        (["一、过去五年工作回顾"], None),
        (["20xx年工作回顾"], None),
    ],
)
def test_review_year(lines: list[str], year: int | None) -> None:
    found = review_year(lines)
    assert (found[0] if found else None) == year


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                "年月日在第一二十届全国人民代表大会次会议上我代表市省县政府回顾工作2019xX*—　、，。"
            ),
            max_size=40,
        ),
        max_size=8,
    )
)
def test_any_text_gives_an_identity(lines: list[str]) -> None:
    assert isinstance(identify("doc.txt", lines, lines[0] if lines else None), Identity)


@pytest.mark.skipif(not (CORPUS / "SOURCES.tsv").is_file(), reason="../shared/corpus is absent")
def test_corpus_accuracy() -> None:
    from tests.benchmarks.bench_identity import identities, key

    answers = key()
    paths = {name: CORPUS / name for name in answers}
    found, _, _ = identities(paths, lambda path: path.relative_to(CORPUS).as_posix())
    for field in ("year", "place", "level"):
        right = sum(getattr(found[name], field) == getattr(expected, field) for name, expected in answers.items())
        assert right / len(answers) >= 0.97, field


def page_line(path: str, lines: list[str]) -> str:
    """The line beneath the title on the page of the first report ``lines`` make, as Markdown."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.site import report_pages

    report = process_bytes(path, "\n".join(lines).encode("utf-8"))[0]
    page = report_pages(report, pieces=1).page.text()
    below = [line for line in page.split("\n") if line == "{: .gr-below-title }"]
    assert len(below) == 1, "the page has one line beneath its title"
    lines_of_page = page.split("\n")
    markdown_line = lines_of_page[lines_of_page.index("{: .gr-below-title }") - 1]
    return re.sub(r"\\(.)", r"\1", markdown_line)  # as the reader sees it


def test_the_page_says_what_was_inferred_and_from_what() -> None:
    text = ["襄阳市政府工作报告", *CITY_SPEECH, "全市生产总值增长6%，襄阳的发展势头良好。"]
    line = page_line("2024/湖北/襄阳.txt", text)
    assert line.startswith("原题：襄阳市政府工作报告")
    assert re.search(r"年份：2024年（据“(一、)?2023年工作回顾”推定）", line)
    assert "地点：湖北省襄阳市" in line


def test_the_page_says_what_is_stated_plainly_and_what_is_unknown() -> None:
    stated = page_line("doc-1.txt", [*YUNNAN, "全省生产总值增长5%左右。"])
    assert "年份：2026年 ·" in stated and "日期：2026-01-28" in stated and "报告人：省长 王予波" in stated
    unknown = page_line("doc-2.txt", ["各位代表：", "现在，我向大会报告工作。", "一、过去的工作", "我们做了很多工作，成绩很大。"])
    assert "原文无标题" in unknown
    assert "年份不详" in unknown and "地点不详" in unknown and "年份：" not in unknown


def test_a_place_read_from_a_file_name_and_the_text_s_body_says_so() -> None:
    """黄山.txt, whose text says 我代表区人民政府, is 黄山区; its page said 据文件名推定, as if the file named the district."""
    lines = ["各位代表：", "现在，我代表区人民政府，向大会报告政府工作，请予审议。", "一、2023年工作回顾"]
    identity = identify("city/黄山.txt", lines)
    assert (identity.place, identity.how("place")) == ("黄山区", "据文件名“黄山”和正文“区人民政府”推定")


def test_a_district_below_a_city_is_named_with_its_province_as_a_city_is() -> None:
    """黄山区's page read 地点：黄山市黄山区, where every city's reads 安徽省X市."""
    from dataclasses import replace

    from build_tools.pages.identity_line import identity_line
    from tests.gold_structure import seed_reports

    lines = ["各位代表：", "现在，我代表区人民政府，向大会报告政府工作，请予审议。", "一、2023年工作回顾"]
    report = replace(seed_reports()[0], identity=identify("city/黄山.txt", lines))
    assert "地点：安徽省黄山市黄山区（" in identity_line(report)
    city = replace(report, identity=Identity(place="南京市", parent="江苏省", province="江苏省", level="市"))
    assert "地点：江苏省南京市" in identity_line(city) and "江苏省江苏省" not in identity_line(city)


def test_a_file_named_for_a_place_its_text_never_names_takes_the_place_the_text_names() -> None:
    """阳泉's text saved as 2024/吉林.txt was published as 吉林市 (吉林省), though it names 阳泉 throughout and 吉林
    never; it says where the place was read from and what the file name says."""
    lines = ["各位代表：", "现在，我代表市人民政府，向大会报告政府工作，请予审议。", "一、2023年工作回顾",
             "阳泉全市上下团结奋斗，阳泉经济稳中向好。", "阳泉市地区生产总值增长5%，阳泉城市面貌焕然一新。",
             "建设美丽阳泉，阳泉市民生活更加美好。"]
    identity = identify("2024/吉林.txt", lines)
    assert (identity.place, identity.province) == ("阳泉市", "山西省")
    assert identity.how("place") == "据正文地名推定；文件名作“吉林”，正文未提及"
    named = identify("2024/阳泉.txt", [*lines[:3], "全市经济稳中向好，与吉林市开展合作。"])
    assert (named.place, named.how("place")) == ("阳泉市", "据文件名推定")


def test_a_year_read_from_the_text_that_its_file_name_contradicts_says_so() -> None:
    """2024's report filed as 2025年/铜仁.txt was published as 2024's with no word of the folder's 2025: a
    maintainer who filed it there, or a reader, is now told."""
    lines = ["各位代表：", "现在，我代表市人民政府，向大会报告政府工作，请予审议。", "一、2023年工作回顾"]
    identity = identify("2025年/铜仁.txt", lines)
    assert (identity.year, identity.how("year")) == (2024, "据“一、2023年工作回顾”推定；文件名作 2025 年")
    assert identify("2024年/铜仁.txt", lines).how("year") == "据“一、2023年工作回顾”推定"


def test_a_title_one_page_of_several_reports_gave_a_piece_is_said_not_to_name_its_place_or_year() -> None:
    """The seed's five pieces were each titled 武陵源区政府工作报告篇N by the template site (a 县's report, two 镇's, a
    delegate's speech on 德惠): their pages read 原题：武陵源区政府工作报告篇三 · 地点不详, with nothing said of why the place
    the title names was not theirs."""
    from build_tools.pages.identity_line import identity_line
    from tests.gold_structure import seed_reports

    pieces = seed_reports()
    line = identity_line(pieces[2], len(pieces))
    assert line.startswith("原题：武陵源区政府工作报告篇三（同一文件收有 5 篇报告，各篇标题未用于判断年份和地点）")
    assert "同一文件" not in identity_line(pieces[2])  # a file of one report: its title is its own


def test_a_text_with_no_title_year_or_place_is_titled_by_its_file_s_name_and_says_so() -> None:
    """A news story about a session (鄂州两会新闻.txt) was published as 鄂州两会新闻政府工作报告, a title no text
    gave: such a page takes its file's name as it is, and the line under it says where its title came from."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.identity_line import identity_line

    text = "新华社消息：会议听取了工作报告。\n代表们认为，报告实事求是，催人奋进。\n"
    (report,) = process_bytes("news/鄂州两会新闻.txt", text.encode("utf-8"))
    assert report.title == "鄂州两会新闻"
    assert identity_line(report).startswith("原文无标题，也未见年份和地点，页题是文件名")
    titled = process_bytes("六安.txt", ("各位代表：\n一、2023年工作回顾\n" + text).encode("utf-8"))[0]
    assert titled.title == "2024年六安市政府工作报告" and identity_line(titled).startswith("原文无标题 ·")


def test_a_delegate_s_speech_on_a_report_is_said_to_be_no_report() -> None:
    """The seed's second piece, a delegate's speech on 赫哲市长's report (我就作以上发言，谢谢大家。), was published as a
    government work report with nothing said; a report that speaks of delegates' opinions is none."""
    from build_tools.pages.identity_line import identity_line
    from tests.gold_structure import seed_reports

    speech = seed_reports()[1]
    assert speech.identity.genre == "代表对政府工作报告的发言"
    assert identity_line(speech).startswith("体裁：代表对政府工作报告的发言（据“我就作以上发言”推定），不是政府工作报告本身")
    lines = ["各位代表：", "现在，我代表市人民政府，向大会报告政府工作。", "认真听取代表的发言和建议。", "以上报告，请予审议。"]
    assert identify("city/南京.txt", lines).genre is None
    assert identify("x.txt", ["听了市长作的《政府工作报告》，很受鼓舞。", "我提几点建议。"]).genre == "代表对政府工作报告的发言"


def test_a_text_naming_neither_its_body_nor_its_place_takes_the_level_of_the_whole_it_speaks_of() -> None:
    """The seed's first piece (关系xx镇的长远发展大局。全镇经济社会发展…) stayed 层级不详 while its fourth, whose text says
    我代表**镇人民政府, was a 镇's; a text that says 全镇 as often as 全县 stays unknown."""
    from tests.gold_structure import seed_reports

    first = seed_reports()[0]
    assert (first.identity.level, first.identity.how("level")) == ("乡镇", "据正文“全镇”（4 处）推定")
    lines = ["全县经济稳步增长。", "全县人民团结奋斗。", "全镇工作有序。", "全县上下齐心。", "全镇面貌一新。"]
    assert identify("x.txt", lines).level is None
    assert identify("x.txt", ["全国经济增长。"] * 5).level is None  # no State Council report by its words alone


def test_a_report_on_a_plan_or_a_budget_that_portals_list_as_a_work_report_is_said_to_be_one() -> None:
    """1955's 关于发展国民经济的第一个五年计划的报告, 1956's budget, 1958's and 1980's plans and 1960's report on the agricultural
    programme were titled 国务院政府工作报告 with nothing said; a work report that mentions the plan is none."""
    plan = identify("national/1980.txt", ["各位代表：", "我受国务院的委托，现在向大会提出关于1980、1981年国民经济计划安排的报告，请予审议。"])
    assert plan.genre == "关于国民经济计划的报告" and plan.place == "全国"
    assert plan.how("genre") == "据“关于1980、1981年国民经济计划安排的报告”推定"
    work = identify("national/2006.txt", ["各位代表：", "现在，我代表国务院，向大会作政府工作报告，请予审议，并请全国政协各位委员提出意见。",
                                          "关于国民经济和社会发展第十一个五年规划纲要，请大会一并审议。"])
    assert work.genre is None
    # and its title says what it is: the lists of reports called it 1980年国务院政府工作报告
    from build_tools.engine.pipeline import process_bytes

    text = "\n".join(["各位代表：", "我受国务院的委托，现在向大会提出关于1980、1981年国民经济计划安排的报告，请予审议。",
                      *["一九七九年，国民经济调整工作取得了进展，工业生产增长8.5%。"] * 3])
    (report,) = process_bytes("national/1980.txt", text.encode("utf-8"))
    assert report.title == "1980年国务院关于国民经济计划的报告"


def test_a_title_that_contradicts_the_text_gives_way_to_it_and_is_named() -> None:
    """岳阳's title over 泰州's text, which names 泰州 throughout and 岳阳 never, was published as 岳阳市, stated; a title of
    2022 over 一、2023年工作回顾 as 2022, stated. The text's place and year are shown inferred, and the title's named."""
    lines = ["各位代表：", "现在，我代表市人民政府，向大会报告政府工作，请予审议。", "一、2023年工作回顾",
             "泰州全市上下团结奋斗，泰州经济稳中向好。", "泰州市地区生产总值增长5%，泰州城市面貌焕然一新。",
             "建设美丽泰州，泰州市民生活更加美好。"]
    identity = identify("湖南/report.txt", lines, "2024年岳阳市政府工作报告")
    assert (identity.place, identity.how("place")) == ("泰州市", "据正文地名推定；标题作“岳阳市”，正文未提及")
    dated = identify("report.txt", lines, "2022年泰州市政府工作报告")
    assert (dated.year, dated.how("year")) == (2024, "据“一、2023年工作回顾”推定；标题作 2022 年")
    agreed = identify("report.txt", lines, "2024年泰州市政府工作报告")
    assert (agreed.year, agreed.place, agreed.how("year"), agreed.how("place")) == (2024, "泰州市", None, None)


def test_a_dateline_the_text_gainsays_gives_an_unknown_date_and_says_why() -> None:
    """1954's portal dated it 1954年5月23日 (it was given on 23 September); its text tells of 一九五四年七月二十五日 and
    九月十四日. A paper's or an agency's date after the text (1975's （新华社一九七五年一月二十日讯）) gainsays nothing."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.identity_line import identity_line

    dateline = "——1954年5月23日在中华人民共和国第一届全国人民代表大会第一次会议上"
    told = "一九五四年七月二十五日我国和德意志民主共和国签订了协定。"
    identity = identify("1954.txt", ["1954年政府工作报告", dateline, "各位代表：", told])
    assert identity.date is None and "1954-05-23" in (identity.how("date") or "") and identity.year == 1954
    assert identify("1954.txt", ["1954年政府工作报告", dateline, "各位代表：", "我们取得了胜利。"]).date == "1954-05-23"
    carried = identify("1975.txt", ["1975年政府工作报告", dateline.replace("1954年5月23日", "1975年1月13日"), "各位代表：",
                                    "争取更大的胜利！（新华社一九七五年一月二十日讯）"])
    assert carried.date == "1975-01-13" and carried.how("date") is None
    text = "\n".join(["1954年政府工作报告", dateline, "各位代表：", told])
    line = identity_line(process_bytes("national/1954.txt", text.encode("utf-8"))[0])
    assert "日期不详（来源所署日期为1954\\-05\\-23" in line  # escaped for Markdown
