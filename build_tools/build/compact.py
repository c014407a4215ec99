"""Compact HTML: a page as the theme wrote it in, the same page without its indentation out.

Material's templates indent every line of the navigation and the table of contents; on a report page
that is about a tenth of its bytes. Every run of white space that holds a line break becomes one line
break, which a browser renders exactly as before (a run of white space is one space), except inside
``<pre>``, ``<textarea>`` and ``<script>``, which are left as they are.
"""

from __future__ import annotations

import re

KEPT = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)", re.S | re.I)
INDENTED_BREAK = re.compile(r"[ \t\r\n\f]*\n[ \t\r\n\f]*")


def compact_html(html: str) -> str:
    """``html`` with each run of white space holding a line break cut to the line break, outside the
    elements whose white space counts."""
    parts = KEPT.split(html)
    # split gives: text, whole kept element, its tag name, text, ...
    out = []
    for number, part in enumerate(parts):
        kind = number % 3
        if kind == 0:
            out.append(INDENTED_BREAK.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)
