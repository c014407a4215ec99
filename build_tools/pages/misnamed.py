"""Files named for a place whose text is another report: the archive's reports in, where each is noted out: a
section for the page of the place's province (its path → Markdown), or one for the home page.

A file named 襄阳.txt that holds the State Council's report is published as that report (merged with its other
copies); the report's page names the file, but a reader who browses 湖北省 for 襄阳 finds nothing there and may
take it that the archive never had it. The province's page says where that file went; where the archive has no
page for that province (no report of 湖北 at all), or the name is a place of several provinces (朝阳), the home
page says it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.archive.gazetteer import gazetteer
from build_tools.archive.identity import file_place_names
from build_tools.pages.browse import Listed, link, place_path, province_of
from build_tools.pages.render import escape_markdown, labels

HOME = "index.md"


@dataclass(frozen=True)
class Misnamed:
    """The notes: ``sections`` for the province pages (path → Markdown), ``home`` for the home page ("" for none)."""

    sections: dict[str, str]
    home: str


def misnamed_notes(listed: Sequence[Listed]) -> Misnamed:
    """The files named for a place (the first the gazetteer knows and the report's own place does not hold)
    whose text is a report of another place, each on its province's page, or on the home page."""
    words = labels()
    with_page = {province_of(item.entry) for item in listed}
    notes: dict[str, list[str]] = defaultdict(list)
    home: list[str] = []
    for item in listed:
        entry = item.entry
        own = entry.identity.place or ""
        for source in entry.sources:
            named = [name for name in file_place_names(source) if name not in own and own not in name][:1]
            provinces = sorted({place.province for name in named for place in gazetteer().resolve(name)} - {None})
            if not provinces:
                continue
            if len(provinces) == 1 and provinces[0] in with_page:
                path = place_path((provinces[0], "", provinces[0]))
                notes[path].append(words["misnamed_file"].format(name=escape_markdown(named[0]),
                                                                 source=escape_markdown(source),
                                                                 report=link(path, entry.page, entry.title)))
            else:
                home.append(words["misnamed_home_file"].format(name=escape_markdown(named[0]),
                                                               provinces=escape_markdown("或".join(provinces)),
                                                               source=escape_markdown(source),
                                                               report=link(HOME, entry.page, entry.title)))
    sections = {path: section(words["misnamed_heading"], lines) for path, lines in notes.items()}
    return Misnamed(sections, section(words["misnamed_home_heading"], home) if home else "")


def section(heading: str, lines: Sequence[str]) -> str:
    return f"## {heading}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
