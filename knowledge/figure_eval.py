"""Precision and recall of figure extraction against a hand-labelled set.

Labels (JSONL) carry: file, report (1-based within the file), anchor (a short verbatim run
locating the sentence), indicator, value, unit, raw, approximate, kind. A label is found when
an extracted figure of the same file and report, in a sentence containing the anchor, has the
same value and unit and an indicator that answers to the label's (knowledge.indicators).
Precision counts the figures extracted from labelled sentences that match no label.
Kind accuracy is measured where the label says target or actual.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest import loaders
from ingest.cleaning import clean
from ingest.figures import ProseFigure, extract_figures
from ingest.structure import parse_reports
from knowledge import indicators

INDICATOR_MATCH = 0.5


@dataclass(frozen=True)
class FigureScores:
    """The measured figures and what went wrong."""

    labels: int
    extracted: int
    matched: int
    precision: float
    recall: float
    kind_total: int
    kind_right: int
    misses: list[dict[str, Any]]
    false_positives: list[dict[str, Any]]
    wrong_kinds: list[dict[str, Any]]

    def summary(self) -> dict[str, Any]:
        """The headline numbers as JSON-ready data."""
        return {
            "labels": self.labels,
            "extracted_in_labelled_sentences": self.extracted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "kind_accuracy": round(self.kind_right / self.kind_total, 4)
            if self.kind_total
            else None,
            "kind_checked": self.kind_total,
        }


def load_labels(path: Path) -> list[dict[str, Any]]:
    """Label rows from a JSONL file."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _extract(corpus: Path, files: set[str]) -> dict[tuple[str, int], list[ProseFigure]]:
    found: dict[tuple[str, int], list[ProseFigure]] = {}
    for name in sorted(files):
        path = corpus / name
        reports = parse_reports(clean(loaders.load(path).text), fallback_title=path.stem)
        for index, report in enumerate(reports, start=1):
            found[(name, index)] = extract_figures(report)
    return found


def _same(label: dict[str, Any], figure: ProseFigure) -> bool:
    return (
        Decimal(str(label["value"])) == figure.quantity.value
        and label["unit"] == figure.quantity.unit
        and indicators.similarity(label["indicator"], figure.indicator) >= INDICATOR_MATCH
    )


def evaluate_figures(labels: list[dict[str, Any]], corpus: Path) -> FigureScores:
    """Score the extractor on `labels` over the files in `corpus`."""
    extracted = _extract(corpus, {label["file"] for label in labels})
    by_report: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for label in labels:
        by_report[(label["file"], int(label["report"]))].append(label)
    matched, misses, wrong_kinds, false_positives = 0, [], [], []
    kind_total = kind_right = considered = 0
    for key, report_labels in by_report.items():
        figures = extracted.get(key, [])
        anchors = {label["anchor"] for label in report_labels}
        in_scope = [f for f in figures if any(a in f.sentence for a in anchors)]
        considered += len(in_scope)
        used: set[int] = set()
        for label in report_labels:
            hit = next(
                (
                    i
                    for i, f in enumerate(in_scope)
                    if i not in used and label["anchor"] in f.sentence and _same(label, f)
                ),
                None,
            )
            if hit is None:
                misses.append(label)
                continue
            used.add(hit)
            matched += 1
            if label["kind"] in ("target", "actual"):
                kind_total += 1
                if in_scope[hit].kind == label["kind"]:
                    kind_right += 1
                else:
                    wrong_kinds.append({**label, "predicted": in_scope[hit].kind})
        false_positives += [
            {"file": key[0], "report": key[1], "indicator": f.indicator, "raw": f.quantity.raw}
            for i, f in enumerate(in_scope)
            if i not in used
        ]
    return FigureScores(
        labels=len(labels),
        extracted=considered,
        matched=matched,
        precision=matched / considered if considered else 0.0,
        recall=matched / len(labels) if labels else 0.0,
        kind_total=kind_total,
        kind_right=kind_right,
        misses=misses,
        false_positives=false_positives,
        wrong_kinds=wrong_kinds,
    )
