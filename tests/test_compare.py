"""Comparisons: percentage points for percentages, differences and growth for the rest."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.numbers import parse_quantity
from knowledge.compare import IncomparableUnits, compare


def _q(text: str):  # type: ignore[no-untyped-def]
    quantity = parse_quantity(text)
    assert quantity is not None, text
    return quantity


@pytest.mark.parametrize(
    ("old", "new", "text", "growth"),
    [
        ("96%", "97.7%", "提高1.7个百分点", None),
        ("98.6%", "98.4%", "下降0.2个百分点", None),
        ("126人", "138人", "增加12人", "增长9.5%"),
        ("809.8万元", "1126.5万元", "增加316.7万元", "增长39.1%"),
        ("137处", "112处", "减少25处", "下降18.2%"),
        ("8098000元", "1126.5万元", "增加316.7万元", "增长39.1%"),
        ("3所", "3所", "持平", "增长0%"),
    ],
)
def test_worded_as_the_bureaus_do(old: str, new: str, text: str, growth: str | None) -> None:
    result = compare(_q(old), _q(new))
    assert (result.text, result.growth) == (text, growth)


def test_the_working_shows_the_inputs() -> None:
    assert compare(_q("97.7%"), _q("98.3%")).working() == "98.3% − 97.7% = 0.6个百分点"


def test_different_units_are_refused() -> None:
    with pytest.raises(IncomparableUnits):
        compare(_q("8469人次"), _q("120人"))


@given(
    st.decimals(min_value=0, max_value=100, places=1),
    st.decimals(min_value=0, max_value=100, places=1),
)
def test_percent_difference_is_exact_points(old: Decimal, new: Decimal) -> None:
    result = compare(_q(f"{old}%"), _q(f"{new}%"))
    assert result.difference == new - old
    assert result.unit == "个百分点" and "%" not in result.text
