"""The pages' scripts as one file: the scripts ``mkdocs.yml`` lists (``extra_javascript``) in, their text joined
in that order out, which every page loads as ``javascripts/site.js`` rather than a dozen files.

A page then names one script rather than each of them (about 700 bytes less on every page, the archive's pages
being most of its size), and a reader's browser fetches one file where it fetched a dozen. Each script is a
function that runs at once (none declares a name of its own at the top level), so joined they do what they did
apart; each part starts with a comment naming its file, so that a browser's error in the joined file can be
traced to its source. A script that cannot be joined stays a script of its own, after the joined one: one on
another host, or one that a page loads otherwise than at once and in order (a module, ``defer``, ``async``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mkdocs.config.config_options import ExtraScriptValue

JOINED = "javascripts/site.js"


def is_joinable(script: ExtraScriptValue | str) -> bool:
    """A script of the site's own folder that a page runs at once, in its order."""
    if isinstance(script, str):
        script = ExtraScriptValue(script)
    path = script.path
    plain = not (script.type or script.defer or script.async_)
    return plain and "://" not in path and not path.startswith(("//", "/"))


def split_scripts(
    scripts: Sequence[ExtraScriptValue | str],
) -> tuple[list[str], list[ExtraScriptValue | str]]:
    """The paths of the scripts to join, in order, and the scripts every page names: the joined file first,
    then those that cannot be joined, in order."""
    joined = [str(script) for script in scripts if is_joinable(script)]
    kept = [script for script in scripts if not is_joinable(script)]
    return joined, [ExtraScriptValue(JOINED), *kept] if joined else kept


def joined_scripts(parts: Iterable[tuple[str, str]]) -> str:
    """The scripts ``(path, text)`` as one, in their order; a statement a part leaves unended ends with it."""
    return "".join(f"/* {path} */\n{text.rstrip()}\n;\n" for path, text in parts)
