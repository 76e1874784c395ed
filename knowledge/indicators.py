"""Matching an official's words for an indicator to the names the documents use.

"入园率" should find "学前三年幼儿入园率" and "城乡学前三年幼儿入园率"; "教师培训" should find
"培训教师". A small synonym table covers the bureau's usual short forms; beyond it, names match
by containment or by shared character pairs (robust to word order and small wording changes).
"""

from __future__ import annotations

import re

# short form → fuller wordings found in summaries; extend as new bureaus' documents arrive
SYNONYMS: dict[str, tuple[str, ...]] = {
    "入园率": ("学前三年幼儿入园率", "学前三年毛入园率", "幼儿入园率"),
    "巩固率": ("义务教育巩固率", "义务教育阶段巩固率"),
    "升学率": ("初中毕业生升学率",),
    "大专率": ("幼儿教师大专率", "幼儿园专任教师大专及以上学历占比"),
    "教师培训": ("培训教师",),
    "资助金额": ("发放资助资金", "资助资金"),
    "安全检查": ("开展安全检查", "组织开展安全检查"),
    "隐患": ("排查安全隐患", "排查各类安全隐患"),
    "投资": ("教育项目建设投资", "投入资金"),
}
MIN_SCORE = 0.5
SYNONYM_WEIGHT = 0.95
_IGNORED = re.compile(r"[\s、，,。：:（）()“”\"《》]|的|是|多少|几|哪些|情况|目前|全县|全区|全市")


def normalise(name: str) -> str:
    """The name without punctuation and question words."""
    return _IGNORED.sub("", name)


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(query: str, name: str) -> float:
    """How well `name` answers to `query`: 1 for equal, high for containment, else pair overlap."""
    q, n = normalise(query), normalise(name)
    if not q or not n:
        return 0.0
    if q == n:
        return 1.0
    if q in n or n in q:
        shorter, longer = sorted((len(q), len(n)))
        return 0.7 + 0.3 * shorter / longer
    a, b = _pairs(q), _pairs(n)
    return 2 * len(a & b) / (len(a) + len(b))


def score(query: str, name: str) -> float:
    """The best similarity of `name` to the query or to any of the query's synonyms.

    A synonym's match counts a little less than the query's own, so the name the query spells
    out wins: "整改安全隐患" is 整改安全隐患, not the 排查安全隐患 that its "隐患" expands to.
    """
    best = similarity(query, name)
    for short, fuller in SYNONYMS.items():
        if short in normalise(query):
            best = max(best, *(SYNONYM_WEIGHT * similarity(f, name) for f in fuller))
    return best


def match(query: str, names: list[str], *, min_score: float = MIN_SCORE) -> list[tuple[str, float]]:
    """The names that answer to `query`, best first."""
    scored = [(name, score(query, name)) for name in names]
    return sorted((p for p in scored if p[1] >= min_score), key=lambda p: (-p[1], p[0]))
