"""Precision and recall of figure extraction against a hand-labelled set.

Labels (JSONL) carry: file, report, anchor (a short verbatim run, unique in the file, in the
sentence that holds the figure), indicator, value, unit, raw, approximate, kind. Spans (a
sibling file, see benchmarks/figures_labels_README.md) mark the stretches where every figure
is labelled. Everything is located by position in the file's text, so the scores do not
depend on how the extractor cuts sentences:
- a label is found when an extracted figure whose sentence covers (part of) the anchor has the
  same value and unit and an indicator that answers to the label's name (`names_match`), or to
  the name a second annotator gave it blind (`indicator_second`, when the label has one: two
  people word a name differently, as two references do in translation scoring);
- precision counts every figure extracted inside a span; one that matches no label is a false
  positive, except a lone article-like "一" ("一次全面督查"), which the labels neither count
  nor forbid;
- kind accuracy is measured where the label says target or actual.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest import loaders
from ingest.cleaning import clean
from ingest.figures import ProseFigure, extract_figures
from ingest.numbers import MEASURE_WORDS
from ingest.structure import parse_reports
from knowledge import indicators

# The product's own lookup threshold (knowledge.indicators.MIN_SCORE): a label's name, asked as
# a query, must find the extracted name. Containment alone is not enough when the contained
# name is a small part of the other (see names_match).
INDICATOR_MATCH = indicators.MIN_SCORE
MIN_CONTAINED_SHARE = 0.3
_RANGE_TO = re.compile(r"[-~—–至到]")
_ARTICLE_ONE = re.compile(rf"一(?:{'|'.join(map(re.escape, MEASURE_WORDS))})")


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
    names_agreement: float | None = None  # the two annotators' names matching each other

    def summary(self) -> dict[str, Any]:
        """The headline numbers as JSON-ready data."""
        return {
            "labels": self.labels,
            "extracted_in_labelled_spans": self.extracted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "kind_accuracy": round(self.kind_right / self.kind_total, 4)
            if self.kind_total
            else None,
            "kind_checked": self.kind_total,
            "annotators_names_agree": None
            if self.names_agreement is None
            else round(self.names_agreement, 4),
        }


@dataclass(frozen=True)
class _Located:
    """An extracted figure with the offsets of its sentence and number in the file's text."""

    figure: ProseFigure
    sentence: tuple[int, int]
    at: int


def load_labels(path: Path) -> list[dict[str, Any]]:
    """Label rows from a JSONL file."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def load_spans(labels: Path) -> list[dict[str, Any]] | None:
    """The fully labelled spans beside a label file (`x.jsonl` → `x_spans.jsonl`), if any."""
    path = labels.with_name(f"{labels.stem}_spans{labels.suffix}")
    return load_labels(path) if path.exists() else None


def names_match(label: str, extracted: str) -> bool:
    """Whether an extracted indicator name is the labelled one, worded its own way.

    The label, asked as a query, must reach the name as the product's lookup would
    (indicators.score: similarity, or a synonym's). A name contained in the other must also be
    a fair share of it, so a bare "学校" does not pass for "创建市级示范学校", nor a whole
    clause for a short label.
    """
    a, b = indicators.normalise(label), indicators.normalise(extracted)
    if a and b and (a in b or b in a):
        return min(len(a), len(b)) / max(len(a), len(b)) >= MIN_CONTAINED_SHARE
    return indicators.score(label, extracted) >= INDICATOR_MATCH


def _same(label: dict[str, Any], figure: ProseFigure) -> bool:
    return (
        Decimal(str(label["value"])) == figure.quantity.value
        and label["unit"] == figure.quantity.unit
        and any(names_match(name, figure.indicator) for name in _reference_names(label))
    )


def _reference_names(label: dict[str, Any]) -> list[str]:
    """The label's indicator and, when it has one, the second annotator's."""
    return [
        label["indicator"],
        *([label["indicator_second"]] if "indicator_second" in label else []),
    ]


def names_agreement(labels: list[dict[str, Any]]) -> float | None:
    """How often the two annotators' names match each other (None without second names): the
    ceiling a name-matching extractor can be expected to reach."""
    pairs = [
        (lab["indicator"], lab["indicator_second"]) for lab in labels if "indicator_second" in lab
    ]
    return sum(names_match(a, b) for a, b in pairs) / len(pairs) if pairs else None


def _locate(text: str, figures: list[ProseFigure]) -> list[_Located]:
    """Each figure's sentence found in the text, in reading order."""
    located, cursor = [], 0
    for figure in figures:
        start = text.find(figure.sentence, cursor)
        if start < 0:
            raise ValueError(f"sentence not found in the file: {figure.sentence[:40]}")
        cursor = start
        end = start + len(figure.sentence)
        located += [_Located(f, (start, end), start + f.quantity.span[0]) for f in _ends(figure)]
    return located


def _ends(figure: ProseFigure) -> list[ProseFigure]:
    """A range ("每人每月400元至800元") states two values, each exact in its row (low and
    value), as labels list them: its low end is scored as a figure of its own, with the unit
    as written there ("2至3岁": the 2 is written with none)."""
    q = figure.quantity
    if q.low is None:
        return [figure]
    low_written = _RANGE_TO.split(q.raw, maxsplit=1)[0]
    written = any(ch in low_written for ch in q.unit) or "百分之" in low_written
    unit = q.unit if written else ""
    return [replace(figure, quantity=replace(q, value=q.low, low=None, unit=unit)), figure]


def _anchor_at(text: str, anchor: str, name: str) -> tuple[int, int]:
    start = text.find(anchor)
    if start < 0:
        raise ValueError(f"anchor {anchor!r} not found in {name}")
    return start, start + len(anchor)


def _covers(found: _Located, anchor: tuple[int, int]) -> bool:
    return found.sentence[0] < anchor[1] and anchor[0] < found.sentence[1]


def _in_spans(text: str, spans: list[dict[str, Any]], name: str) -> list[tuple[int, int]]:
    ranges = []
    for span in spans:
        start = _anchor_at(text, span["start_anchor"], name)[0]
        end = len(text) if span["end_anchor"] is None else text.find(span["end_anchor"], start)
        ranges.append((start, end if end >= 0 else len(text)))
    return ranges


def evaluate_figures(
    labels: list[dict[str, Any]], corpus: Path, spans: list[dict[str, Any]] | None = None
) -> FigureScores:
    """Score the extractor on `labels` over the files in `corpus`.

    Without spans, precision is counted in the sentences that hold a label.
    """
    matched, misses, wrong_kinds, false_positives = 0, [], [], []
    kind_total = kind_right = considered = 0
    for name in sorted({label["file"] for label in labels}):
        text = loaders.load(corpus / name).text  # labels are located in the file as written
        reports = parse_reports(clean(text), fallback_title=name)
        figures = [f for report in reports for f in extract_figures(report)]
        located = _locate(text, figures)
        file_labels = [label for label in labels if label["file"] == name]
        anchors = {
            label["anchor"]: _anchor_at(text, label["anchor"], name) for label in file_labels
        }
        if spans is None:
            in_scope = [f for f in located if any(_covers(f, a) for a in anchors.values())]
        else:
            ranges = _in_spans(text, [s for s in spans if s["file"] == name], name)
            in_scope = [f for f in located if any(a <= f.at < b for a, b in ranges)]
        used: set[int] = set()
        for label in file_labels:
            anchor = anchors[label["anchor"]]
            hit = next(
                (
                    i
                    for i, f in enumerate(in_scope)
                    if i not in used and _covers(f, anchor) and _same(label, f.figure)
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
                if in_scope[hit].figure.kind == label["kind"]:
                    kind_right += 1
                else:
                    wrong_kinds.append({**label, "predicted": in_scope[hit].figure.kind})
        unmatched = [
            f.figure
            for i, f in enumerate(in_scope)
            if i not in used and not _ARTICLE_ONE.fullmatch(f.figure.quantity.raw)
        ]
        considered += len(used) + len(unmatched)
        false_positives += [
            {"file": name, "indicator": f.indicator, "raw": f.quantity.raw, "kind": f.kind}
            for f in unmatched
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
        names_agreement=names_agreement(labels),
    )
