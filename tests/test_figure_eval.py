"""The figure-extraction benchmark scores honestly: spans bound precision, names must match."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.figure_eval import evaluate_figures, load_labels, load_spans, names_match

TEXT = (
    "青禾县教育局2024年上半年工作总结\n"
    "一、基本情况\n"
    "全年培训教师320人，新建幼儿园3所。开展一次全面督查。\n"
    "二、其他\n"
    "购置图书5000册。\n"
)


def _label(anchor: str, indicator: str, value: str, unit: str, kind: str = "actual") -> dict:
    return {
        "file": "qh.txt", "report": 1, "anchor": anchor, "indicator": indicator,
        "value": value, "unit": unit, "raw": f"{value}{unit}", "approximate": False, "kind": kind,
    }  # fmt: skip


def _write(tmp_path: Path, labels: list[dict], spans: list[dict]) -> Path:
    (tmp_path / "qh.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "figures.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in labels), "utf-8")
    spans_file = tmp_path / "figures_spans.jsonl"
    spans_file.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in spans), "utf-8")
    return path


def test_precision_counts_every_figure_in_a_span_and_nothing_outside(tmp_path: Path) -> None:
    labels = [_label("培训教师320人", "培训教师", "320", "人")]  # 3所 left unlabelled in the span
    span = {"file": "qh.txt", "report": 1, "start_anchor": "一、基本情况", "end_anchor": "二、其他"}
    path = _write(tmp_path, labels, [span])
    scores = evaluate_figures(load_labels(path), tmp_path, load_spans(path))
    # 5000册 lies outside the span and is not counted; the article 一次 is ignored
    assert (scores.matched, scores.extracted, scores.recall) == (1, 2, 1.0)
    assert scores.precision == 0.5
    assert [fp["raw"] for fp in scores.false_positives] == ["3所"]


def test_a_label_is_missed_when_value_unit_or_name_differ(tmp_path: Path) -> None:
    labels = [
        _label("培训教师320人", "培训教师", "32", "人"),
        _label("新建幼儿园3所", "新建幼儿园", "3", "个"),
        _label("购置图书5000册", "校舍维修面积", "5000", "册"),
    ]
    path = _write(tmp_path, labels, [])
    scores = evaluate_figures(load_labels(path), tmp_path, load_spans(path))
    assert scores.matched == 0 and len(scores.misses) == 3


def test_names_match_by_the_products_lookup_but_not_by_a_sliver() -> None:
    assert names_match("学前三年幼儿入园率", "城乡学前三年幼儿入园率")
    assert names_match("教师培训", "培训教师")
    assert not names_match("创建市级示范学校", "学校")
    assert not names_match("值班时长", "开展校园安全专项整治活动的值班时长记录与考核办法")
    assert not names_match("资助金额", "培训人数")


def test_a_second_annotators_name_is_a_second_reference(tmp_path: Path) -> None:
    first = _label("购置图书5000册", "图书馆藏书", "5000", "册")
    path = _write(tmp_path, [first, {**first, "indicator_second": "购置图书"}], [])
    labels = load_labels(path)
    alone = evaluate_figures(labels[:1], tmp_path)
    both = evaluate_figures(labels[1:], tmp_path)
    assert (alone.matched, both.matched) == (0, 1)
    assert (alone.names_agreement, both.names_agreement) == (None, 0.0)


def test_a_range_states_both_its_ends(tmp_path: Path) -> None:
    text = "一、待遇\n乡村教师生活补助按每人每月400元至800元发放。\n"
    (tmp_path / "qh.txt").write_text(text, "utf-8")
    low = _label("每人每月400元至800元", "乡村教师生活补助标准", "400", "元")
    high = {**low, "value": "800", "raw": "800元"}
    span = {"file": "qh.txt", "report": 1, "start_anchor": "一、待遇", "end_anchor": None}
    for labels, matched, precision in (([low, high], 2, 1.0), ([high], 1, 0.5)):
        path = tmp_path / "figures.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in labels), "utf-8")
        (tmp_path / "figures_spans.jsonl").write_text(json.dumps(span, ensure_ascii=False), "utf-8")
        scores = evaluate_figures(load_labels(path), tmp_path, load_spans(path))
        assert (scores.matched, scores.precision) == (matched, precision)


def test_a_range_s_low_end_has_the_unit_written_there(tmp_path: Path) -> None:
    text = "一、托育\n幼儿园开设托班，招收2至3岁幼儿。\n"
    (tmp_path / "qh.txt").write_text(text, "utf-8")
    low = _label("招收2至3岁幼儿", "托班招收幼儿年龄", "2", "")
    high = {**low, "value": "3", "unit": "岁", "raw": "3岁"}
    found = evaluate_figures([low, high], tmp_path)
    assert found.matched == 2
    assert evaluate_figures([{**low, "unit": "岁"}], tmp_path).matched == 0  # not written
