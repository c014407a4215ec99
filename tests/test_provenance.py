from __future__ import annotations

import pytest

from build_tools.model import RawReport, SourceLine
from build_tools.report.clean import clean
from build_tools.report.provenance import source_text


def cleaned(*lines: str):
    return clean(RawReport("t.txt", 1, None, tuple(SourceLine(n, text) for n, text in enumerate(lines, 1))))


@pytest.mark.parametrize(
    ("line", "cleaned_part", "source_part"),
    [
        ("——财税总收入较上年增长30 %；", "增长30%", "增长30 %"),
        ("国内生产总值达到９５９３３亿元。", "达到95933亿元", "达到９５９３３亿元"),
        ("  增长９．５％，达到12亿元。", "增长9.5%", "增长９．５％"),
        ("(一) 稳增长,增长5%。", "增长5%", "增长5%"),
        ("没有改动的句子，增长5%。", "增长5%", "增长5%"),
    ],
)
def test_a_cleaned_span_is_quoted_as_the_source_wrote_it(line: str, cleaned_part: str, source_part: str) -> None:
    report = cleaned(line)
    text = report.paragraphs[0].text
    start = text.index(cleaned_part)
    assert source_text(report, 0, start, start + len(cleaned_part)) == source_part


def test_a_span_across_a_joined_line_quotes_both_lines() -> None:
    report = cleaned("去年全县经济运行总体平稳，生产总值增长１", "２%，财政收入增长8%。")
    text = report.paragraphs[0].text
    start = text.index("增长12%")
    assert source_text(report, 0, start, start + len("增长12%")) == "增长１２%"
