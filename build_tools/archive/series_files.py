"""The series across years as data: ``SeriesRow``s in, records for ``inspect --json`` and the rows of the
download ``downloads/series.csv.gz`` (CSV, UTF-8 with BOM) out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from build_tools.archive.series import SeriesRow, Source
from build_tools.model import plain_number

FIELDS = (
    "place", "level", "indicator", "role", "year", "target", "target_high", "qualifier", "actual", "actual_qualifier",
    "unit", "verdict", "target_source", "actual_source", "actual_estimate", "revised",
    "target_subject", "actual_subject", "actual_year_end",
)


def source_record(found: Source | None) -> dict[str, Any] | None:
    return None if found is None else {"report": found.report, "line": found.line}


def row_record(row: SeriesRow) -> dict[str, Any]:
    """The row as ``inspect --json`` and the downloads give it; ``verdict`` is a word of ``VERDICTS``."""
    return {
        "place": row.place, "level": row.level, "indicator": row.indicator, "role": row.role, "year": row.year,
        "target": row.target, "target_high": row.target_high, "qualifier": row.qualifier, "actual": row.actual,
        "actual_qualifier": row.actual_qualifier,
        "unit": row.unit, "verdict": row.verdict,
        "target_source": source_record(row.target_source), "actual_source": source_record(row.actual_source),
        "actual_estimate": row.actual_estimate,
        "revised": [{"value": value, **(source_record(found) or {})} for value, found in row.revised],
        "target_subject": row.target_source.subject if row.target_source else None,
        "actual_subject": row.actual_source.subject if row.actual_source else None,
        "actual_year_end": row.actual_source.year_end if row.actual_source else None,
    }


def series_csv(rows: Sequence[SeriesRow]) -> bytes:
    """The rows as CSV, UTF-8 with BOM; a source is written ``report:line``, revisions ``value@report:line``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        record = row_record(row)
        for name in ("target_source", "actual_source"):
            found = record[name]
            record[name] = f"{found['report']}:{found['line']}" if found else ""
        record["revised"] = ";".join(f"{plain_number(r['value'])}@{r['report']}:{r['line']}" for r in record["revised"])
        writer.writerow({key: "" if value is None else value for key, value in record.items()})
    return buffer.getvalue().encode("utf-8-sig")
