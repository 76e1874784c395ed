"""A report's period ("2024年上半年") and template placeholders ("xx县", "20**年", "____").

The title is read first, then the report's opening text. A placeholder makes the year unknown:
"20**年上半年" gives the period "上半年" and the placeholder "20**年".
"""

from __future__ import annotations

import re

CN_YEAR_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4"}
CN_YEAR_DIGITS |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}

YEAR = r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}"
# "全年" is left out: half-year summaries say "为全年工作奠定基础" in their opening.
PART = r"上半年|下半年|前三季度|第[一二三四1-4]季度|[一二三四]季度"
PLACEHOLDER_YEAR = r"(?:19|20)?[*＊]{2,}\s*年|[*＊]+\s*年|[xX×]{2,}\s*年|_{2,}\s*年?"
# A year that is a period, not a date: "2023年", "2023上半年", never "2024年3月28日".
YEAR_AS_PERIOD = re.compile(rf"(?P<year>{YEAR})\s*(?:年度?(?!\s*\d{{1,2}}\s*月)|(?=\s*(?:{PART})))")
SCHOOL_YEAR = re.compile(rf"(?P<first>{YEAR})\s*[-—－~至]\s*(?P<second>{YEAR})\s*学年度?")
PART_ONLY = re.compile(PART)
# In the opening text a period is a year, a part, or both side by side ("20**年上半年").
OPENING_PERIOD = re.compile(
    rf"(?:(?P<year>{YEAR})|(?P<placeholder>{PLACEHOLDER_YEAR}))?\s*年?度?\s*(?P<part>{PART})"
    rf"|(?P<year_only>{YEAR})\s*年度?(?!\s*\d{{1,2}}\s*月)"
)

# Template blanks and anonymised names. A run of * or x is tried from its first character only
# (a match could not start inside it): else a long run would be rescanned from each of its own.
PLACEHOLDER = re.compile(
    r"(?:19|20)?(?<![*＊])[*＊]{2,}\s*年|(?<![*＊])[*＊]+\s*年"
    r"|(?<![xX×])[xX×]{2,}\s*[年县区市镇乡省]|某\s*[县区市镇乡]|[_＿]{2,}"
)
OPENING_CHARS = 500  # the opening text read for the period and region


def find_period(title: str, opening: str) -> str | None:
    """The report's period from its title, completed or replaced by the opening text."""
    found = _title_period(title)
    if found is not None and (found[0] or not found[1]):
        return _join(*found)
    opened = _opening_period(opening[:OPENING_CHARS])
    if found is not None:
        year, part = found
        # Only borrow a year for the same part: "上半年" + "现把2023上半年…" → "2023年上半年".
        if opened is not None and opened[1] == part and opened[0]:
            return _join(opened[0], part)
        return _join(year, part)
    return _join(*opened) if opened is not None else None


def _title_period(title: str) -> tuple[str, str] | None:
    """(year, part) found anywhere in the title; either may be ""."""
    school = SCHOOL_YEAR.search(title)
    if school:
        return f"{_year(school['first'])}—{_year(school['second'])}学年", ""
    year = YEAR_AS_PERIOD.search(title)
    part = PART_ONLY.search(title)
    if year is None and part is None:
        return None
    return (_year(year["year"]) + "年" if year else ""), (_part(part.group()) if part else "")


def _opening_period(text: str) -> tuple[str, str] | None:
    """(year, part) of the first period expression in the opening text."""
    m = OPENING_PERIOD.search(text)
    if m is None:
        return None
    if m["year_only"]:
        return _year(m["year_only"]) + "年", ""
    return (_year(m["year"]) + "年" if m["year"] else ""), _part(m["part"])


def _join(year: str, part: str) -> str | None:
    return (year + part) or None


def _year(raw: str) -> str:
    """Arabic digits for a year written "二〇一二"."""
    return "".join(CN_YEAR_DIGITS.get(ch, ch) for ch in raw)


def _part(raw: str) -> str:
    """Quarters written one way: "一季度", "第1季度" → "第一季度"."""
    if not raw.endswith("季度") or raw == "前三季度":
        return raw
    digit = raw[-3]
    numeral = "一二三四"["1234".index(digit)] if digit in "1234" else digit
    return f"第{numeral}季度"


def find_placeholders(*texts: str) -> list[str]:
    """Distinct placeholder strings ("xx县", "20**年", "____") in order of first appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        for m in PLACEHOLDER.finditer(text):
            seen.setdefault(m.group(), None)
    return list(seen)
