"""The figure guard for drafts: knowledge.guard, plus the rule for past values.

knowledge.guard.check traces every number of a draft to an allowed one (the user's values,
computed comparisons, past source values, the period). A past value may appear only as
past: in its clause, a past marker ("上年", "同期", "去年", or the past period's own name,
"2025年上半年") must come before it, as in "比上年同期（98.3%）提高0.3个百分点" or
"上年同期为98.3%". "入园率达98.3%，比上年同期…" presents the old value as the new one and
is refused. 【待补充：…】 markers name indicators, not figures, and are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.numbers import Quantity
from knowledge.guard import Traceable, Verdict, check, traceable_in

PAST_ORIGIN = "past"
_MARKERS = ("上年", "去年", "同期", "上期", "上学期", "上一年", "此前")
_CLAUSE_START = re.compile(r"[，,；;。！!？?：:\n]")
_PLACEHOLDER = re.compile(r"【待补充：[^】]*】")


@dataclass(frozen=True)
class DraftVerdict:
    """The guard's verdict on a draft: untraced numbers, and past values shown as current."""

    verdict: Verdict
    misplaced_past: tuple[Quantity, ...]

    @property
    def ok(self) -> bool:
        return self.verdict.ok and not self.misplaced_past

    def named(self) -> str:
        """Every offending number as written, for a retry prompt or a log line."""
        found = [q.raw for q in (*self.verdict.untraced, *self.misplaced_past)]
        return "、".join(dict.fromkeys(found))


def blank_placeholders(text: str) -> str:
    """The text with 【待补充：…】 markers blanked (same length, so offsets hold)."""
    return _PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)


def guard_draft(
    text: str, allowed: Sequence[Traceable], past_periods: Sequence[str] = ()
) -> DraftVerdict:
    """Check a draft: every number traced, and every past value presented as past.

    `allowed` should list the user's and computed numbers before past ones, so a number the
    user typed that happens to equal an old value counts as the user's. The past periods'
    names ("2025年上半年") are allowed too: they say a value is past.
    """
    blanked = blank_placeholders(text)
    verdict = check(blanked, [*allowed, *traceable_in(past_periods, "source")])
    markers = (*_MARKERS, *(p for p in past_periods if p))
    misplaced = tuple(
        q
        for q, known in verdict.traced
        if known.origin == PAST_ORIGIN and not _presented_as_past(blanked, q, markers)
    )
    return DraftVerdict(verdict, misplaced)


def _presented_as_past(text: str, q: Quantity, markers: Sequence[str]) -> bool:
    """Whether a past marker stands before the number within its clause."""
    start = q.span[0]
    breaks = [m.end() for m in _CLAUSE_START.finditer(text, 0, start)]
    clause = text[breaks[-1] if breaks else 0 : start]
    return any(marker in clause for marker in markers)


def ordered(allowed: Sequence[Traceable]) -> list[Traceable]:
    """Allowed numbers with past values last (see guard_draft)."""
    return sorted(allowed, key=lambda t: t.origin == PAST_ORIGIN)
