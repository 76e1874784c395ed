"""Sentence-level text work for drafts: splitting into sentences and clauses, recognising
old comparisons and template blanks, naming a figure ingest left unnamed, and tidying the
punctuation and "一是/二是" counts once clauses were removed."""

from __future__ import annotations

import re

from ingest.numbers import Quantity
from knowledge.drafting.layout import chinese

SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")  # as ingest.figures splits sentences
CLAUSE = re.compile(r"[^，,；;：:]+[，,；;：:]?")
COMPARISON = re.compile(
    r"(?:分别)?(?:比|较|同比|环比|与)[^，,；;。]{0,12}?(?:上年|去年|同期|上期|上学期|上一年|\d{4}年)"
    r"[^，,；;。]{0,8}?(?:增加|减少|提高|下降|增长|降低|上升|持平|相当|多|少)"
    r"|(?:超过|高于|低于|超出|未达到?|完成)[^，,；;。]{0,4}目标"
    r"|^\s*(?:同比)?(?:增长|下降|增幅|降幅)\s*(?:为|达)?\s*\d"
)
REASON = re.compile(r"^\s*(?:主要是|主要原因是|原因是|主要由于|这是由于)")
_DANGLING = re.compile(r"(?:其中|另外|同时)[，,]?(?=[；;。]|$)")
YEAR_BLANK = re.compile(r"(?:19|20)?[*＊]{2,}\s*年|[*＊]+\s*年|[xX×]{2}\s*年|[_＿]{2,}\s*年")
COUNT_BLANK = re.compile(r"(?<![_＿])[_＿]+(?=多?[所个位篇名项人次场处])")  # "有__所幼儿园"
_ENUMERATION = re.compile(r"(?:(?<=^)|(?<=[。；;：:]))[一二三四五六七八九十]是(?=[^，,。；;]{2})")
REGION_BLANK = re.compile(r"(?:[xX×*＊]{2,}|某)\s*(?P<kind>[县区市])")
_LOOSE_NAME_TAIL = re.compile(
    r"(?:预计分别达到|预计达到|预计达|分别达到|达到了?|达|为|是|共|计|约)+$"
)
_LOOSE_NAME_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]是|其中|上半年|下半年|全县|全区|全市|共)+"
)
_MERGE_DATES = re.compile(
    r"(【待补充：(?P<label>[^】]+)】)(?:\s*[至到\-—~]\s*【待补充：(?P=label)】)+"
)


def loose_name(sentence: str, q: Quantity) -> str:
    """A figure's name when ingest found none: the words before it in its clause."""
    before = re.split(r"[，,；;：:。、]", sentence[: q.span[0]])[-1]
    name = before.strip()
    for _ in range(2):
        name = _LOOSE_NAME_TAIL.sub("", _LOOSE_NAME_HEAD.sub("", name)).strip()
    return name


def recount(paragraph: str) -> str:
    """ "二是…；三是…" left after "一是…" was dropped becomes "一是…；二是…"."""
    count = iter(range(1, 100))
    return _ENUMERATION.sub(lambda m: f"{chinese(next(count))}是", paragraph)


def tidy(text: str, original: str) -> str:
    """Punctuation after clauses were removed: no dangling 其中, the sentence's own end."""
    end = original.rstrip()[-1:] if original.rstrip()[-1:] in "。；;！!？?" else ""
    text = _DANGLING.sub("", text.rstrip("，,：: "))
    text = text.rstrip("，,；;：: 。")
    return _MERGE_DATES.sub(r"\1", text + end) if text else ""
