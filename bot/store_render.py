"""Text and JSON renderings of `zongjie check`, `export`, `import` and `reindex-figures`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from ingest.figure_refresh import FigureRefresh
from ingest.metrics import FIGURE_RULES_VERSION
from prompts import Templates
from storage.backup import BackupSummary
from storage.consistency import PROBLEM_KINDS, ConsistencyReport, RepairResult


def check_json(
    found: ConsistencyReport, repaired: RepairResult | None, after: ConsistencyReport
) -> dict[str, Any]:
    """The `zongjie check --json` shape: what was found (ids by kind), the repair, the result."""
    return {
        "clean": after.clean,
        "found": {kind: getattr(found, kind) for kind in PROBLEM_KINDS},
        "totals": after.totals,
        "repaired": asdict(repaired) if repaired else None,
        "remaining": after.problems(),
    }


def check_text(
    found: ConsistencyReport,
    repaired: RepairResult | None,
    after: ConsistencyReport,
    templates: Templates,
) -> str:
    """What the check found, what the repair did, and the state now."""
    lines = []
    if not found.clean:
        lines.append(templates.render("check.problems", **found.problems()))
    if repaired is not None:
        lines.append(templates.render("check.repaired", **asdict(repaired)))
    if after.clean:
        lines.append(templates.render("check.clean", **after.totals))
    elif repaired is not None:
        lines.append(templates.render("check.problems", **after.problems()))
    return "\n".join(lines)


def figures_json(
    stale: list[int], refreshed: FigureRefresh | None, after: list[int]
) -> dict[str, Any]:
    """The figure part of `zongjie check --json`: reports whose figures follow older rules."""
    return {
        "stale_figures": stale,
        "figures_refreshed": asdict(refreshed) if refreshed else None,
        "stale_figures_remaining": len(after),
    }


def figures_text(stale: list[int], refreshed: FigureRefresh | None, templates: Templates) -> str:
    """The figure lines of `zongjie check`: stale figures found, and what the refresh did
    (which names any it could not refresh)."""
    lines = []
    if stale:
        lines.append(
            templates.render(
                "check.stale_figures", documents=len(stale), version=FIGURE_RULES_VERSION
            )
        )
    if refreshed is not None:
        lines.append(refresh_text(refreshed, templates))
    return "\n".join(lines)


def refresh_text(result: FigureRefresh, templates: Templates) -> str:
    """What a figure refresh did: how many reports and figures, and what it could not do."""
    lines = []
    if result.documents:
        counts = {"documents": result.documents, "figures": result.figures}
        lines.append(templates.render("figures.refreshed", **counts, version=result.version))
    elif not (result.failed or result.need_file):
        lines.append(templates.render("figures.up_to_date", version=result.version))
    if result.failed:
        ids = "、".join(str(i) for i in result.failed)
        lines.append(templates.render("figures.failed", count=len(result.failed), ids=ids))
    if result.need_file:
        files = "、".join(result.need_file)
        lines.append(
            templates.render("figures.need_file", count=len(result.need_file), files=files)
        )
    return "\n".join(lines)


def backup_text(key: str, path: Path, summary: BackupSummary, templates: Templates) -> str:
    """One line for an export or import."""
    return templates.render(
        key,
        path=str(path),
        rows=sum(summary.rows.values()),
        vectors=summary.vectors,
        model=summary.model or "无",
    )
