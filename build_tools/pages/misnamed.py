"""Files named for a place whose text is another report: the archive's reports in, a note for the page of each
such place's province out (its path → Markdown).

A file named 襄阳.txt that holds the State Council's report is published as that report (merged with its other
copies); the report's page names the file, but a reader who browses 湖北省 for 襄阳 finds nothing there and may
take it that the archive never had it. The province's page says where that file went.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from build_tools.archive.gazetteer import gazetteer
from build_tools.archive.identity import file_place_names
from build_tools.pages.browse import Listed, link, place_path
from build_tools.pages.render import escape_markdown, labels


def misnamed_notes(listed: Sequence[Listed]) -> dict[str, str]:
    """For each province page, its section naming the files named for its places whose text is a report of
    another place (the first place a file names that the gazetteer knows, when its places share one province)."""
    notes: dict[str, list[str]] = defaultdict(list)
    words = labels()
    for item in listed:
        entry = item.entry
        own = entry.identity.place or ""
        for source in entry.sources:
            named = [name for name in file_place_names(source) if name not in own and own not in name][:1]
            provinces = {place.province for name in named for place in gazetteer().resolve(name)}
            if len(provinces) != 1 or None in provinces:
                continue
            (province,) = provinces
            path = place_path((province, "", province))
            report = link(path, entry.page, entry.title)
            notes[path].append(words["misnamed_file"].format(name=escape_markdown(named[0]),
                                                             source=escape_markdown(source), report=report))
    return {
        path: f"## {words['misnamed_heading']}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
        for path, lines in notes.items()
    }
