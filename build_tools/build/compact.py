"""Compact HTML: a page as the theme wrote it in, the same page without its indentation out.

Material's templates indent every line of the navigation and the table of contents; on a report page
that is about a tenth of its bytes. Every run of white space that holds a line break becomes one line
break, which a browser renders exactly as before (a run of white space is one space), except inside
``<pre>``, ``<textarea>`` and ``<script>``, which are left as they are. Material's configuration
(``<script id="__config">``, in every page) is written with its Chinese labels as characters rather
than ``\\uXXXX`` escapes, which took a third of its bytes.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

KEPT = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)", re.S | re.I)
INDENTED_BREAK = re.compile(r"[ \t\r\n\f]*\n[ \t\r\n\f]*")
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# what must stay escaped in JSON inside a script element, as the theme's ``tojson`` escapes it
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


@lru_cache(maxsize=64)
def readable_json(text: str) -> str:
    """The JSON ``text`` with its non-ASCII characters as themselves, still safe inside a script element."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)


def compact_html(html: str) -> str:
    """``html`` with each run of white space holding a line break cut to the line break, outside the
    elements whose white space counts, and the theme's configuration written readably."""
    config = CONFIG.search(html)
    if config is not None:
        html = html[: config.start(2)] + readable_json(config.group(2)) + html[config.end(2) :]
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
