from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from build_tools.pages.raw_html import RAW_END, RAW_START, RawHtmlExtension
from build_tools.pages.render import Mark, escape_html, escape_markdown, render_inline

ROOT = Path(__file__).resolve().parent.parent


class TextAndTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def site_markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


MD = site_markdown()


def rendered(source: str) -> TextAndTags:
    MD.reset()
    parser = TextAndTags()
    parser.feed(MD.convert(source))
    return parser


PAYLOADS = [
    "**镇人民政府",
    "# 不是标题",
    "1. 不是列表",
    "- 不是列表",
    "> 不是引用",
    "| 甲 | 乙 |",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[链接](javascript:alert(1))",
    "![图](http://example.com/x.png)",
    "&lt;script&gt; &amp; &#60;b&#62;",
    "{{ config }} {% include 'x' %}",
    "标题 {: onclick=alert(1) }",
    "`代码` _强调_ ~~删除~~ ^^插入^^ ==标记==",
    "!!! note \"提示\"",
    "<!-- 注释 -->",
    "*[HTML]: 缩写",
    "\\*转义\\*",
    "    四个空格开头",
    "http://example.com/ 与 <http://example.com>",
    "===",
    "---",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_escaped_text_renders_as_exactly_its_characters(text: str) -> None:
    result = rendered(escape_markdown(text.strip()))
    assert "".join(result.text).strip() == text.strip()
    assert [tag for tag, _ in result.tags] == ["p"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")), min_size=1))
def test_any_text_renders_as_itself(text: str) -> None:
    text = text.strip()
    if not text:
        return
    result = rendered(escape_markdown(text))
    assert "".join(result.text).strip() == text
    assert all(tag == "p" for tag, _ in result.tags)


def test_marks_wrap_their_span_and_escape_their_title() -> None:
    html = render_inline("关系xx镇", [Mark(2, 4, "gr-anomaly", '原文"隐去"<b>')])
    result = rendered(html)
    assert "".join(result.text) == "关系xx镇"
    assert result.tags[1] == ("mark", [("class", "gr-anomaly"), ("title", '原文"隐去"<b>')])


def test_finished_html_passes_markdown_untouched() -> None:
    md = markdown.Markdown(extensions=[RawHtmlExtension(), "attr_list"])
    html = md.convert(f'{RAW_START}\n<p id="L1">a *b* &lt; [c](d)</p>\n{RAW_END}\n\n*e*\n\n{RAW_START}\n*f*')
    assert '<p id="L1">a *b* &lt; [c](d)</p>' in html  # neither emphasis nor a link was made of it
    assert "<em>e</em>" in html  # Markdown after the block is Markdown again
    assert "<em>f</em>" in html  # no end marker: the lines after the start marker are left to Markdown


@given(st.text(max_size=200))
def test_report_text_can_never_open_a_block_of_raw_html(text: str) -> None:
    for escaped in (escape_html(f"{RAW_START}\n{text}\n{RAW_END}"), escape_markdown(f"{RAW_START}\n{text}")):
        assert RAW_START not in escaped.split("\n") and RAW_END not in escaped.split("\n")


def test_finished_html_inside_an_admonition_passes_untouched() -> None:
    md = markdown.Markdown(extensions=[RawHtmlExtension(), "pymdownx.details"])
    source = f'??? info "t"\n\n    intro\n\n    {RAW_START}\n    <p>x *y*</p>\n    <table><tr><td>1</td></tr></table>\n    {RAW_END}\n\n    after\n'
    html = md.convert(source)
    assert "<p>intro</p>\n<p>x *y*</p>\n<table><tr><td>1</td></tr></table>\n<p>after</p>\n</details>" in html


def test_compact_html_keeps_what_a_browser_shows() -> None:
    from build_tools.build.compact import compact_html

    html = (
        "<nav>\n    <ul>\n      <li>\n        <a href='#a' class=\"x y\">甲</a>\n      </li>\n    </ul>\n</nav>\n"
        "<p>一行 \n   两行</p>\n<pre>  代码\n    缩进\n</pre>\n<script>\n  var a = `\n    x`\n</script>\n"
        "<textarea>\n  原样\n</textarea><table><tr><td>1</td><td>2</td></tr></table>"
    )
    compact = compact_html(html)
    assert len(compact) < len(html) * 0.8
    assert "<pre>  代码\n    缩进\n</pre>" in compact and "var a = `\n    x`" in compact
    assert "<textarea>\n  原样\n</textarea>" in compact
    assert "</td>" not in compact and "</li>" not in compact  # end tags a parser infers are left out

    def parsed(text: str) -> TextAndTags:
        parser = TextAndTags()
        parser.feed(text)
        return parser

    def shown(text: str) -> list[str]:  # outside pre, textarea and script a run of white space is one space
        return " ".join(parsed(text).text).split()

    def elements(text: str) -> list[tuple[str, dict[str, str | None]]]:
        return [(tag, dict(attributes)) for tag, attributes in parsed(text).tags]

    assert shown(compact) == shown(html)
    assert elements(compact) == elements(html)


def test_compact_html_writes_the_themes_configuration_readably_and_safely() -> None:
    from build_tools.build.compact import compact_html

    data = {"translations": {"search.result.none": "没有找到符合条件的结果"}, "x": "</script><b>&'"}
    escaped = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    html = f'<p>前</p><script id="__config" type="application/json">{escaped}</script><p>后</p>'
    compact = compact_html(html)
    inside = compact.split("type=application/json>", 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(inside) == data  # the same configuration
    assert "没有找到符合条件的结果" in inside and "\\u6ca1" not in inside  # its labels as characters
    assert "<" not in inside and "&" not in inside  # nothing that could end the script or start markup
    assert len(compact) < len(html)


def test_compact_html_keeps_a_tag_in_the_title_escaped() -> None:
    from build_tools.build.compact import compact_html

    html = "<html><head><title>清理记录：&lt;a href=&quot;javascript:x&quot;&gt;点击&lt;/a&gt;</title></head><body><p>正文</p></body></html>"
    compact = compact_html(html)
    assert "<a " not in compact and "&lt;a href=" in compact
    parser = TextAndTags()
    parser.feed(compact)
    assert [tag for tag, _ in parser.tags if tag == "a"] == []


def test_compact_html_writes_a_link_s_chinese_characters_as_themselves_and_keeps_what_a_url_must_encode() -> None:
    from urllib.parse import quote

    from build_tools.build.compact import compact_html

    readable = "../../places/湖北省/襄阳市/#2024年"
    kept = "../../reports/50%25 a%20b%E2%80%A8c%E6%B9/"  # %, a space, an invisible character, a cut sequence
    html = f'<html><head><title>t</title></head><body><a href="{quote(readable, safe="/#")}">a</a><a href="{kept}">b</a></body>'
    compact = compact_html(html)
    assert f"href={readable}>" in compact
    assert f'href="{kept}"' in compact or f"href={kept}>" in compact


def test_an_indicator_s_cells_write_every_digit_and_say_a_fall() -> None:
    """1954's 登记选民 三亿二千三百八十万九千六百八十四人 read 3.2381e+08 in the table and the tooltip, 广州's
    30355.73亿元 read 30355.7; 降低2.5%左右 read as a change of 2.5% (增减), its fall said only off a phone's screen."""
    from build_tools.model import Indicator
    from build_tools.pages.render import indicator_cells

    def row(value: float, unit: str, role: str, span: str, fall: bool = False) -> Indicator:
        return Indicator("指标", value, None, unit, None, None, role, None, "actual", 1, span, fall=fall)  # type: ignore[arg-type]

    rows = [row(323809684, "人", "level", "三亿二千三百八十万九千六百八十四人"), row(30355.73, "亿元", "level", "30355.73亿元"),
            row(2.5, "%", "change", "降低2.5%", fall=True), row(2.5, "%", "change", "增长2.5%"), row(-3.8, "%", "change", "增长-3.8%")]
    cells = list(indicator_cells(rows, national=True))
    assert [c["value"] for c in cells] == ["323809684", "30355.73", "2.5", "2.5", "-3.8"]
    assert [c["role"] for c in cells] == ["总量", "总量", "下降", "增减", "增减"]
    spaced = Indicator("钢产量", 74772, None, "亿元", None, None, "level", None, "actual", 1, "7 4 7 7 2 亿元",
                       cleaned_span="74772亿元")
    (cell,) = indicator_cells([spaced], national=True)
    assert cell["source"].endswith(">74772亿元</a>")  # as the page's text writes it, not the source's 7 4 7 7 2 亿元


def test_a_figure_s_anchor_stays_when_the_figures_before_it_change() -> None:
    """Figures were anchored fig-1, fig-2… in reading order: a slogan no longer read as a count renumbered every
    figure after it, and an address a reader had cited (哈尔滨's #fig-138) led to another figure."""
    from dataclasses import replace

    from build_tools.pages.render import render_report
    from tests.gold_structure import seed_reports

    report = seed_reports()[0]
    fewer = replace(report, indicators=report.indicators[1:])
    last = re.findall(r'<mark id="?(fig-[\d-]+)', render_report(report, pieces=5))[-1]
    assert last == re.findall(r'<mark id="?(fig-[\d-]+)', render_report(fewer, pieces=5))[-1]


def test_a_lead_dash_heading_keeps_its_dash_in_the_text_a_reader_copies() -> None:
    """百色's ——经济运行持续向好。 was drawn by the stylesheet (content: "——"): copied, the dash was gone, and the audit
    did not say it had been taken out."""
    from build_tools.engine.pipeline import process_bytes
    from build_tools.pages.render import ReportRenderer

    text = "2024年百色市政府工作报告\n各位代表：\n一、2023年工作回顾\n——经济运行持续向好。地区生产总值增长5.1%。\n——民生福祉持续增进。新增就业2万人。\n"
    report = process_bytes("百色.txt", text.encode("utf-8"))[0]
    page = "\n".join(ReportRenderer(report, pieces=1).body())
    html = markdown.Markdown(extensions=["attr_list", "toc"]).convert(page)
    assert re.search(r"<h\d[^>]*>——经济运行持续向好。", html) and "gr-dash" not in html
