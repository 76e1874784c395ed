"""A fingerprint of what the figure-extraction rules make of a frozen set of parsed reports.

The input (tests/data/figure_rules_input.json) is the sample corpus and the test report texts
as ingest parsed them once: sections and table cells, frozen, so the fingerprint moves with
the extraction rules (ingest/metrics.py and what it calls) and with nothing else.
`tests/test_figure_refresh.py` checks it against FIGURE_RULES_VERSION. The input needs
rewriting only if the parsed-report model itself changes: `python -m tests.figure_fingerprint`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ingest import loaders
from ingest.cleaning import clean
from ingest.figure_refresh import decode_grids, encode_grids
from ingest.metrics import report_metrics
from ingest.model import Grid, ParsedReport, ParsedSection
from ingest.structure import parse_reports
from ingest.tables import TABLE_FORMATS, parse_table
from tests.report_text import HALF_YEAR_2024, SAFETY_2024

REPO = Path(__file__).resolve().parent.parent
INPUT = REPO / "tests" / "data" / "figure_rules_input.json"

Parsed = tuple[ParsedReport, tuple[Grid, ...]]


def fingerprint(reports: list[Parsed]) -> str:
    """The SHA-256 of every figure row the current rules make of `reports`, in order."""
    rows = [asdict(m) for report, grids in reports for m in report_metrics(report, grids)]
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_input(path: Path = INPUT) -> list[Parsed]:
    """The frozen reports."""
    reports = []
    for item in json.loads(path.read_text("utf-8")):
        sections = [
            ParsedSection(s["heading"], s["level"], tuple(s["path"]), s["text"], s["parent"])
            for s in item["sections"]
        ]
        report = ParsedReport(item["title"], item["period"], item["region"], sections)
        reports.append((report, decode_grids(item["grids"])))
    return reports


def _parsed_corpus() -> list[Parsed]:
    """The sample corpus and the test texts, parsed as ingest parses them today."""
    found: list[Parsed] = []
    for path in sorted((REPO / "samples" / "corpus").iterdir()):
        loaded = loaders.load(path)
        if loaded.format in TABLE_FORMATS:
            found.append((parse_table(loaded.text, title=path.stem), loaded.grids))
        else:
            found.extend(
                (r, ()) for r in parse_reports(clean(loaded.text), fallback_title=path.stem)
            )
    for text in (HALF_YEAR_2024, SAFETY_2024):
        found.extend((r, ()) for r in parse_reports(clean(text), fallback_title="测试"))
    return found


def _as_json(report: ParsedReport, grids: tuple[Grid, ...]) -> dict[str, Any]:
    return {
        "title": report.title,
        "period": report.period,
        "region": report.region,
        "sections": [asdict(s) for s in report.sections],
        "grids": encode_grids(grids),
    }


if __name__ == "__main__":
    items = [_as_json(report, grids) for report, grids in _parsed_corpus()]
    INPUT.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{INPUT}: {len(items)} reports, fingerprint {fingerprint(load_input())}")
