"""Renderings of metric lookups for the command line (and the bot's small tables)."""

from __future__ import annotations

from typing import Any

from knowledge.metrics import KIND_NAMES, MetricLookup
from storage.metric_queries import MetricRow


def _section(row: MetricRow) -> str:
    if row.metric.location:
        return row.metric.location
    return row.section.heading_path if row.section else ""


def metrics_json(lookup: MetricLookup) -> dict[str, Any]:
    """The `zongjie metrics --json` shape (value is the exact decimal as a string)."""
    return {
        "metrics": [
            {
                "indicator": r.metric.indicator,
                "value": r.metric.value,
                "unit": r.metric.unit,
                "raw": r.metric.raw,
                "approximate": r.metric.approximate,
                "kind": r.metric.kind,
                "period": r.metric.period,
                "region": r.metric.region,
                "document": r.document.title,
                "section": _section(r),
                "sentence": r.metric.sentence,
            }
            for r in lookup.rows
        ],
        "conflicts": [
            {
                "indicator": c.indicator,
                "period": c.period,
                "region": c.region,
                "values": [{"raw": r.metric.raw, "document": r.document.title} for r in c.rows],
            }
            for c in lookup.conflicts
        ],
    }


def metrics_text(lookup: MetricLookup) -> str:
    """A small table of the figures, the series and any conflicts, in Chinese."""
    if not lookup.rows:
        return f"没有找到与“{lookup.query}”相关的指标数据。可用 `zongjie metrics` 查看全部指标。"
    lines = [f"指标：{'、'.join(lookup.indicators[:5])}"]
    for r in lookup.rows:
        lines.append(
            f"{r.metric.period or '期间未知'}\t{r.metric.raw}\t"
            f"{KIND_NAMES.get(r.metric.kind, '—')}\t"
            f"{r.metric.indicator}\t《{r.document.title}》{_section(r)}"
        )
    if lookup.series:
        trend = " → ".join(f"{p.period} {p.rows[0].metric.raw}" for p in lookup.series)
        lines.append(f"序列：{trend}")
    for c in lookup.conflicts:
        values = "；".join(f"{r.metric.raw}（《{r.document.title}》）" for r in c.rows)
        lines.append(f"注意：{c.indicator} {c.period or ''} 各文档数值不一致：{values}")
    return "\n".join(lines)


def indicator_list(names: list[str]) -> str:
    """Every stored indicator name, one per line."""
    return "\n".join(names) if names else "资料库中还没有指标数据。"
