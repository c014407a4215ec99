"""Indicator extraction: the figures a report states, as typed records.

In:  one report's cleaned paragraphs (``model.Paragraph``) in reading order, headings included.
Out: a tuple of ``model.Indicator``, one per figure, in text order. Each names what is measured
     (``subject``), the number (``value``, ``value_high`` for a range, ``None`` where the source hid the
     digits), the unit as written (in half-width characters) and the value in its base unit, whether it
     is a level, a change or a share, its qualifier (左右, 以上…), whether it is planned, achieved or
     estimated, and where it came from: ``line``, ``paragraph`` (index in the input), ``offset`` and
     ``span`` (the exact text).

The work is done by regular expressions compiled once from the tables under
``resources/indicators/``; a figure is a number with a unit, and everything else (subject, role,
qualifier, kind) is read from the words around it. Paragraphs that a page cut in two are read as one.
"""

from build_tools.report.indicators.assemble import extract_indicators
from build_tools.report.indicators.numerals import parse_chinese_number
from build_tools.report.indicators.rules import qualifier_places, written_figure

__all__ = ["extract_indicators", "parse_chinese_number", "qualifier_places", "written_figure"]
