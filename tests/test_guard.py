"""The figure guard: a generated text may only carry numbers it was given."""

from __future__ import annotations

from knowledge.guard import check, strip_citations, traceable_in

CONTEXT = "2024年上半年，学前三年幼儿入园率预计达到97.7%，资助金额1613.68万元，新建幼儿园3所。"


def allowed() -> list:
    return traceable_in([CONTEXT], "source") + traceable_in(["去年入园率是多少？"], "user")


def test_numbers_from_the_context_are_traced_with_their_origin() -> None:
    verdict = check("2024年上半年入园率为97.7%，新建幼儿园3所。", allowed())
    assert verdict.ok
    assert [(q.raw, t.origin) for q, t in verdict.traced] == [
        ("2024年", "source"),
        ("97.7%", "source"),
        ("3所", "source"),
    ]


def test_an_invented_number_is_named() -> None:
    verdict = check("入园率为97.7%，巩固率达到99.9%，新建幼儿园4所。", allowed())
    assert not verdict.ok
    assert verdict.named() == "99.9%、4所"


def test_units_and_numerals_are_normalised_but_percent_points_are_not_percent() -> None:
    assert check("资助金额约1613.68万元，即16136800元，新建三所。", allowed()).ok
    assert not check("入园率提高97.7个百分点。", allowed()).ok
    assert not check("资助金额1613.68元。", allowed()).ok


def test_a_bare_numeral_is_traced_by_a_figure_written_with_it() -> None:
    assert check("入园率（%）：97.7", allowed()).ok
    assert not check("入园率：97.8", allowed()).ok


def test_ordinals_and_citations_are_not_figures_but_years_and_dates_are() -> None:
    assert check("一是入园率97.7%[1]；第二，新建3所[2]。", allowed(), sources=2).ok
    assert not check("入园率97.7%[7]。", allowed(), sources=2).ok
    assert not check("2023年入园率97.7%。", allowed()).ok
    assert not check("截至6月30日，入园率97.7%。", allowed()).ok


def test_blanked_citations_keep_offsets() -> None:
    text = "入园率97.7%[1]。"
    assert len(strip_citations(text, 1)) == len(text)
