"""The metric store: figures stored with their sources, looked up by loose wording, one series
per indicator across years, conflicts reported, charts drawn with real Chinese glyphs."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from bot.metrics_render import metrics_json
from bot.services import Services
from knowledge.charts import trend_png


@pytest.fixture
def samples(sample_services: Services) -> Services:
    """The session's sample-corpus store."""
    return sample_services


def test_table_and_prose_agree_in_one_series_across_two_years(samples: Services) -> None:
    lookup = samples.metrics.lookup("入园率")
    assert [(p.period, p.value, p.unit) for p in lookup.series] == [
        ("2024年上半年", Decimal("97.7"), "%"),
        ("2025年上半年", Decimal("98.3"), "%"),
    ]
    # every document that states the 2024 value is behind that point, and none disagrees
    sources = {r.document.title for r in lookup.series[0].rows}
    assert {"青禾县教育事业主要指标", "青禾县教育局2024年上半年工作总结"} <= sources
    assert lookup.conflicts == []


def test_targets_are_kept_apart_from_actuals(samples: Services) -> None:
    rows = samples.metrics.lookup("入园率", period="2024年上半年").rows
    assert {r.metric.raw for r in rows if r.metric.kind == "target"} >= {"96%"}
    assert {r.metric.raw for r in rows if r.metric.kind == "actual"} >= {"97.7%", "97.7"}


def test_json_shape_keeps_exact_decimals_and_sources(samples: Services) -> None:
    out = metrics_json(samples.metrics.lookup("教育项目建设投资"))
    keys = {"indicator", "value", "unit", "raw", "approximate", "kind", "period", "region"}
    assert all(keys | {"document", "section", "sentence"} <= set(m) for m in out["metrics"])
    values = {(m["value"], m["unit"]) for m in out["metrics"] if m["kind"] == "actual"}
    assert ("809.8", "万元") in values and ("1126.5", "万元") in values
    json.dumps(out, ensure_ascii=False)


def test_conflicting_values_from_two_documents_are_reported(
    services: Services, tmp_path: Path
) -> None:
    for name, value in (("a.txt", "97.7%"), ("b.txt", "97.1%")):
        (tmp_path / name).write_text(
            f"青禾县教育局2024年上半年工作总结\n一、学前教育\n学前三年幼儿入园率达到{value}。",
            encoding="utf-8",
        )
    services.ingestor.ingest([tmp_path / "a.txt", tmp_path / "b.txt"])
    [conflict] = services.metrics.lookup("入园率").conflicts
    assert conflict.period == "2024年上半年"
    assert sorted(r.metric.raw for r in conflict.rows) == ["97.1%", "97.7%"]


def test_deleting_a_document_removes_its_figures(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("青禾县2024年工作总结\n一、教师\n培训教师8469人次。", encoding="utf-8")
    [doc] = services.ingestor.ingest([path]).documents
    assert services.metrics.lookup("培训教师").rows
    services.store.delete_document(doc.id)
    assert services.metrics.lookup("培训教师").rows == []


def test_chart_is_a_png_with_every_chinese_glyph(samples: Services) -> None:
    png = trend_png(samples.metrics.lookup("入园率"))  # a missing glyph raises inside
    assert png.startswith(b"\x89PNG") and len(png) > 5000
