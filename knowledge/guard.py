"""The figure guard: every number in a generated text must be traceable to a known one.

A language model may only repeat numbers it was given. `Traceable` numbers are collected from
the texts the model saw (passages, figure rows, computed comparisons, the user's own words),
each with its origin; `check` reads every number in the model's text with ingest.numbers
and reports those that match none of them. Matching normalises units and numerals
(same_number: "1.2亿元" == "12000万元", "百分之九十五" == "95%", but "1.7%" != "1.7个百分点");
a bare number ("97.7") is traced by a known figure with the same numeral ("97.7%"), since a
model may drop a unit it states in words. Ordinals ("一是", "第二") and citation markers
("[2]") are not figures and are not checked; years, dates and document numbers are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ingest.numbers import Quantity, find_quantities, same_number

__all__ = ["Traceable", "Verdict", "check", "strip_citations", "traceable_in"]

_CITATION = re.compile(r"[\[【［](\d{1,2})[\]】］]")


@dataclass(frozen=True)
class Traceable:
    """A number the generated text may use, and where it comes from."""

    quantity: Quantity
    origin: str  # source | user | computed
    source: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The numbers of a generated text: those traced (with their origin) and those not."""

    traced: tuple[tuple[Quantity, Traceable], ...]
    untraced: tuple[Quantity, ...]

    @property
    def ok(self) -> bool:
        return not self.untraced

    def named(self) -> str:
        """The untraced numbers as written, for a retry prompt or a log line: "98.5%、3所"."""
        return "、".join(dict.fromkeys(q.raw for q in self.untraced))


def traceable_in(
    texts: Iterable[str], origin: str, source: dict[str, Any] | None = None
) -> list[Traceable]:
    """Every number written in `texts`, as allowed numbers of one origin."""
    return [Traceable(q, origin, source or {}) for text in texts for q in find_quantities(text)]


def strip_citations(text: str, sources: int) -> str:
    """The text with citation markers "[n]" naming one of `sources` sources blanked out.

    Blanked, not removed, so offsets into the text stay valid.
    """

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group()) if 1 <= int(m.group(1)) <= sources else m.group()

    return _CITATION.sub(blank, text)


def check(text: str, allowed: Sequence[Traceable], *, sources: int = 0) -> Verdict:
    """Which numbers of `text` are traced by `allowed`, and which are not.

    `sources` is how many numbered sources the text may cite as "[n]".
    """
    traced: list[tuple[Quantity, Traceable]] = []
    untraced: list[Quantity] = []
    for quantity in find_quantities(strip_citations(text, sources)):
        if quantity.kind == "ordinal":
            continue
        match = next((a for a in allowed if _traces(a.quantity, quantity)), None)
        if match is None:
            untraced.append(quantity)
        else:
            traced.append((quantity, match))
    return Verdict(tuple(traced), tuple(untraced))


def _traces(known: Quantity, written: Quantity) -> bool:
    """Whether a known number accounts for a written one."""
    if same_number(known, written):
        return True
    if written.kind == "figure" and written.unit == "" and written.low is None:
        return known.kind == "figure" and written.value in (known.value, known.scaled())
    return False
