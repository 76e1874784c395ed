"""A draft's sub-points: which of the model's points are kept, in which order, renumbered.

A section model's points are its child headings with what is under them; a model without
children has its paragraphs as points. Dropping or moving a point renumbers the headings in
their own style ("1." → "2.", "（二）" → "（一）").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.cnnumerals import to_arabic

_CN = "一二三四五六七八九十"
_ORDINAL = re.compile(
    r"^(?P<open>[（(]?)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?P<close>[）)]、?|[、.．])"
)


@dataclass(frozen=True)
class Layout:
    """The structural choices of a draft, changed by revisions."""

    missing: str = "mark"  # "mark": 【待补充：指标】; "drop": leave such sentences out
    dropped: tuple[int, ...] = ()  # point numbers (1-based, model order) left out
    order: tuple[int, ...] = ()  # point numbers in the wanted order; () keeps the model's
    extras: tuple[str, ...] = field(default=())  # facts the user added, as typed
    short: bool = False  # keep only the sentences that carry figures (and each first one)

    def arranged(self, count: int) -> list[int]:
        """The point numbers to write, in order."""
        order = [n for n in self.order if 1 <= n <= count]
        order += [n for n in range(1, count + 1) if n not in order]
        return [n for n in order if n not in self.dropped]


def chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (up to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens - 1] + "十")
    return head + (_CN[ones - 1] if ones else "")


def renumber(heading: str, n: int) -> str:
    """The heading with its leading ordinal set to `n` in the same style."""
    m = _ORDINAL.match(heading)
    if m is None:
        return heading
    number = str(n) if m["n"].isdigit() else chinese(n)
    return f"{m['open']}{number}{m['close']}{heading[m.end() :]}"


def ordinal_of(heading: str) -> int | None:
    """The number of a heading's leading ordinal, or None."""
    m = _ORDINAL.match(heading)
    if m is None:
        return None
    return int(m["n"]) if m["n"].isdigit() else int(to_arabic(m["n"]))
