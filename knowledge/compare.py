"""Comparisons computed in code, worded as the bureaus word them.

Percentages compare in percentage points ("提高1.7个百分点"), never as a percent change;
counts and money compare by difference ("增加12人") and, when asked, growth rate ("增长39.1%").
Every result keeps its inputs so a reply can show how it was computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ingest.numbers import Quantity

PERCENT_UNITS = ("%", "‰")


class IncomparableUnits(ValueError):
    """The two figures are not in one unit (人 vs 人次, % vs 万元)."""


@dataclass(frozen=True)
class Comparison:
    """The change from `old` to `new`, its wording, and its inputs."""

    old: Quantity
    new: Quantity
    difference: Decimal  # in new.unit
    unit: str  # "个百分点" for percentages
    text: str  # "提高0.6个百分点", "增加12人", "持平"
    growth: str | None  # "增长39.1%" for non-percent figures with a non-zero old value

    def working(self) -> str:
        """How it was computed, e.g. "98.3% − 97.7% = 0.6个百分点"."""
        return f"{self.new.raw} − {self.old.raw} = {_plain(self.difference)}{self.unit}"


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _places(*values: Decimal) -> int:
    return max((-v.as_tuple().exponent if v.as_tuple().exponent < 0 else 0) for v in values)  # type: ignore[operator]


def compare(old: Quantity, new: Quantity, *, growth_places: int = 1) -> Comparison:
    """The change from `old` to `new`; raises IncomparableUnits when units differ in kind."""
    if old.base_unit != new.base_unit:
        raise IncomparableUnits(f"{old.raw} and {new.raw} are not in one unit")
    # express both in the new figure's magnitude (e.g. 万元), exactly
    scale = Decimal(new.multiplier)
    old_value, new_value = old.scaled() / scale, new.scaled() / scale
    difference = new_value - old_value
    places = _places(old.value, new.value)
    difference = difference.quantize(Decimal(1).scaleb(-places)) if places else difference
    is_percent = new.unit in PERCENT_UNITS
    unit = "个百分点" if is_percent else new.unit
    up, down = ("提高", "下降") if is_percent else ("增加", "减少")
    if difference == 0:
        text = "持平"
    else:
        text = f"{up if difference > 0 else down}{_plain(abs(difference))}{unit}"
    growth = None
    if not is_percent and old_value != 0:
        rate = (difference / old_value * 100).quantize(
            Decimal(1).scaleb(-growth_places), rounding=ROUND_HALF_UP
        )
        growth = f"{'增长' if rate >= 0 else '下降'}{_plain(abs(rate))}%"
    return Comparison(old, new, difference, unit, text, growth)
