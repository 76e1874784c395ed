"""Figure extraction on summaries of our own, kept in the repository: fictional counties'
and cities' reports (青川县, 白石县, 松岭区, 河东市, 南溪县, 河西市, 云溪县, 枫桥区, 柳林县)
each written and labelled by a separate session that never saw the extractor
(benchmarks/figures_labels_README.md, "Development set"). The floors are the measured
scores, so a change that names or finds fewer figures fails here, in CI, without ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.figure_eval import evaluate_figures, load_labels, load_spans

DEV = Path(__file__).parent / "data" / "figures_dev"


@pytest.mark.parametrize(
    ("name", "labels", "precision", "recall", "kinds"),
    [
        ("qingchuan", 127, 0.95, 0.95, 0.99),
        ("baishi", 138, 0.94, 0.94, 0.99),
        ("songling", 147, 0.97, 0.97, 0.99),
        ("hedong", 170, 0.94, 0.94, 0.99),
        ("nanxi", 160, 0.93, 0.93, 0.99),
        ("hexi", 168, 0.93, 0.92, 0.99),
        ("yunxi", 203, 0.82, 0.82, 0.98),
        ("fengqiao", 195, 0.69, 0.69, 0.97),
        ("liulin", 198, 0.69, 0.70, 0.97),
    ],
)
def test_the_development_summaries_keep_their_measured_scores(
    name: str, labels: int, precision: float, recall: float, kinds: float
) -> None:
    path = DEV / f"{name}_figures.jsonl"
    scores = evaluate_figures(load_labels(path), DEV, load_spans(path))
    assert scores.labels == labels
    assert scores.precision >= precision, scores.misses
    assert scores.recall >= recall, scores.misses
    assert scores.kind_right / scores.kind_total >= kinds, scores.wrong_kinds
