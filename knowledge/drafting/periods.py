"""The period a draft is written for, and which stored period is its "same period last year".

Periods are the strings reports carry ("2025年上半年", "2024年", "第一季度"). A comparison is
made only between periods of the same part of the year whose years are both known: a
上半年 figure against the previous 上半年, never against a full year or a report whose year
is a template blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.queryparse import period_in

_PART = re.compile(r"上半年|下半年|前三季度|第[一二三四]季度|全年")


@dataclass(frozen=True)
class Period:
    """A period read as (year, part); part is "" for a whole year."""

    year: int | None
    part: str

    @property
    def text(self) -> str:
        """As a report writes it: "2025年上半年"."""
        return (f"{self.year}年" if self.year else "") + self.part


def read_period(text: str | None) -> Period | None:
    """The period a text names ("2025年上半年", "上半年", "2024年"), or None."""
    if not text:
        return None
    named = period_in(text)
    part = _PART.search(text)
    part_text = "" if part is None or part.group() == "全年" else part.group()
    if named is not None:
        return Period(int(named[:4]), part_text)
    return Period(None, part_text) if part_text else None


def current_half_year(today: date) -> Period:
    """The half-year a summary written today is about by default."""
    return Period(today.year, "上半年" if today.month <= 6 else "下半年")


def same_period_before(draft: Period, past: Period) -> str | None:
    """How a draft names `past` when it is an earlier same part of the year, else None.

    "上年同期" for the year before, "2023年同期" further back.
    """
    if draft.year is None or past.year is None or past.part != draft.part:
        return None
    if past.year >= draft.year:
        return None
    return "上年同期" if past.year == draft.year - 1 else f"{past.year}年同期"
