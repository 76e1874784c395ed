"""Text and JSON renderings of `zongjie check`, `export` and `import`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

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


def backup_text(key: str, path: Path, summary: BackupSummary, templates: Templates) -> str:
    """One line for an export or import."""
    return templates.render(
        key,
        path=str(path),
        rows=sum(summary.rows.values()),
        vectors=summary.vectors,
        model=summary.model or "无",
    )
