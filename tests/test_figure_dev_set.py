"""Figure extraction on a summary of our own, kept in the repository: a fictional county's
half-year report (青川县) written and labelled by a separate session that never saw the extractor
(benchmarks/figures_labels_README.md, "Development set"). The floors are the measured scores, so
a change that names or finds fewer figures fails here, in CI, without ../shared."""

from __future__ import annotations

from pathlib import Path

from knowledge.figure_eval import evaluate_figures, load_labels, load_spans

DEV = Path(__file__).parent / "data" / "figures_dev"


def test_the_development_summary_keeps_its_measured_scores() -> None:
    labels = DEV / "qingchuan_figures.jsonl"
    scores = evaluate_figures(load_labels(labels), DEV, load_spans(labels))
    assert scores.labels == 127
    assert scores.precision >= 0.77, scores.misses
    assert scores.recall >= 0.74, scores.misses
    assert scores.kind_right / scores.kind_total >= 0.98, scores.wrong_kinds
