"""The pages' scripts as one file: the scripts ``mkdocs.yml`` lists (``extra_javascript``) in, their text joined
in that order out, which every page loads as ``javascripts/site.js`` rather than a dozen files.

A page then names one script rather than each of them (about 700 bytes less on every page, the archive's pages
being most of its size), and a reader's browser fetches one file where it fetched a dozen. Each script is a
function that runs at once (none declares a name of its own at the top level), so joined they do what they did
apart; each part starts with a comment naming its file, so that a browser's error in the joined file can be
traced to its source.
"""

from __future__ import annotations

from collections.abc import Iterable

JOINED = "javascripts/site.js"


def joined_scripts(parts: Iterable[tuple[str, str]]) -> str:
    """The scripts ``(path, text)`` as one, in their order; a statement a part leaves unended ends with it."""
    return "".join(f"/* {path} */\n{text.rstrip()}\n;\n" for path, text in parts)
