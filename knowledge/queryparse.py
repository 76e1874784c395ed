"""Search filters, and reading them from a question that names a year or a known region.

A period filter selects by year: a 上半年 summary carries the 下半年 plan and an annual summary
repeats the 上半年 figures, so "2024年下半年计划…" must still reach the 2024年上半年 report; the
part of the year (上半年, 第一季度) is left to the ranking, where the title's words count.
A report whose period or region is unknown (a template's "20**年", "xx县", a metric table over
several periods) is never excluded by that filter: nothing says it is of another one.

Filters read from a question are soft (`supported`): a part that no stored report is known to
match is dropped. "2024年高考备考方案" may be a plan inside a 2023 report: when no report is of
2024, the year names content, not a report, and must not hide the 2023 report.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

CN_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
# A year that is a period, never a date: "2024年", "2024上半年", "二〇二四年", not "2024年3月".
_YEAR = re.compile(
    r"(?<![\d*＊xX×_])(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*"
    r"(?:年度?(?!\s*\d{1,2}\s*月)|(?=上半年|下半年|前三季度|第?[一二三四1-4]季度))"
)
_PART = re.compile(r"上半年|下半年|前三季度|第?[一二三四1-4]季度|全年")
# Template blanks and anonymised places never name a region: "xx县", "某区", "**县", "____市".
_PLACEHOLDER = re.compile(r"(?:[xX×*＊]{2,}|某|[_＿]{2,})\s*[县区市镇乡]")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True)
class SearchFilters:
    """Which reports a search may return: by period (its year), region, or document id."""

    period: str | None = None
    region: str | None = None
    document_ids: frozenset[int] | None = None

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return self.period is None and self.region is None and self.document_ids is None

    def admits(self, document_id: int, period: str | None, region: str | None) -> bool:
        """True when a report with this id, period and region passes every filter."""
        if self.document_ids is not None and document_id not in self.document_ids:
            return False
        return period_matches(self.period, period) and region_matches(self.region, region)


def supported(
    filters: SearchFilters, reports: Iterable[tuple[int, str | None, str | None]]
) -> SearchFilters:
    """`filters` without the parts no report (id, period, region) is known to match."""
    reports = list(reports)
    wanted_years = set(_ANY_YEAR.findall(filters.period or ""))
    period_known = any(wanted_years & set(_ANY_YEAR.findall(p or "")) for _, p, _ in reports)
    region_known = any(filters.region and r == filters.region for _, _, r in reports)
    ids_known = filters.document_ids is not None and any(
        i in filters.document_ids for i, _, _ in reports
    )
    return SearchFilters(
        period=filters.period if period_known else None,
        region=filters.region if region_known else None,
        document_ids=filters.document_ids if ids_known else None,
    )


def period_matches(wanted: str | None, period: str | None) -> bool:
    """True when a report of `period` may answer for `wanted`: same year, or either unknown."""
    wanted_years = set(_ANY_YEAR.findall(wanted or ""))
    years = set(_ANY_YEAR.findall(period or ""))
    return not wanted_years or not years or bool(wanted_years & years)


def region_matches(wanted: str | None, region: str | None) -> bool:
    """True when a report of `region` may answer for `wanted`: the same, or either unknown."""
    return not wanted or not region or wanted == region


def period_in(question: str) -> str | None:
    """The period a question names ("2024年上半年", "2023年"), or None (no year, a placeholder)."""
    found = _YEAR.search(question)
    if found is None:
        return None
    year = "".join(CN_DIGITS.get(ch, ch) for ch in found["year"])
    part = _PART.match(question, found.end())
    return f"{year}年{part.group() if part else ''}"


def region_in(question: str, regions: Collection[str]) -> str | None:
    """The longest stored region the question names; placeholders ("xx县") name none."""
    text = _PLACEHOLDER.sub(" ", question)
    named = [r for r in regions if r and r in text]
    return max(named, key=len) if named else None


def filters_from_question(question: str, *, regions: Collection[str] = ()) -> SearchFilters:
    """The filters a question implies: its year, and a region among those stored."""
    return SearchFilters(period=period_in(question), region=region_in(question, regions))
