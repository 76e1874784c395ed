"""A report's region: a proper name + 县/区/市 ("青禾县", "金湾区"), never an organisation.

"区委", "县政府", "市局" and "我县" name no place; "xx县" and "某县" are placeholders (unknown).
Candidates are two ideographs before 县/区/市, checked by rules and, when jieba is installed,
by its lexicon and word boundaries: "示范县创建和市…" must not yield "建和市".
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache
from typing import Any

OPENING_CHARS = 500  # the opening text read for the region
MIN_BODY_MENTIONS = 2  # a region named in the body only must be named at least this often

REGION_PLACEHOLDER = re.compile(r"(?:[xX×*＊]{2,}|某|[_＿]{2,})\s*[县区市]")
# Overlapping search: every two ideographs followed by 县/区/市; validated below.
REGION_CANDIDATE = re.compile(r"(?=(?P<name>[\u4e00-\u9fff]{2})(?P<kind>[县区市]))")
# Characters never in the name: pronouns, prepositions, organisations, units. Kept short:
# many place names hold common characters (和平区, 将乐县, 从化区, 同安区).
NAME_STOP = set("我全本该各此其每在对到赴向的了是把被按据省市县区镇乡村委府局厅个几等之年月日")
# Words that end in 县/区/市 but are not a place: 城市, 社区, 学区, 误区…
NOT_A_PLACE = set(
    "城市 上市 超市 都市 门市 集市 股市 夜市 城区 市区 景区 社区 园区 校区 片区 学区 辖区 山区 "
    "矿区 灾区 老区 新区 地区 小区 牧区 郊区 街区 营区 分区 专区 特区 误区 盲区 禁区 库区 "
    "林区 展区 厂区 教区 城县 郡县 州县 发区".split()
)
# Last characters of praise words before 县/区/市: 教育强县, 示范区, 农业大县, 贫困县, 试点市.
NAME_LAST_STOP = set("强大困点进标范")
NOT_A_NAME = {"大湾"}  # 粤港澳大湾区
SELF_REFERENCE = re.compile(r"[我全本](?P<kind>[县区市])")
# A name the lexicon knows as a frequent verb or noun ("围绕市局", "完成区域") is not a place;
# names it does not know (青禾) are accepted.
PLACE_TAGS = {"ns", "nr", "nz", "nt"}
COMMON_WORD_FREQ = 100


def find_region(title: str, opening: str, body: str) -> str | None:
    """The region from the title, else the opening text, else the body (named repeatedly)."""
    for text in (title, opening[:OPENING_CHARS]):
        first = _first_region(text)
        if first is not None:
            return first or None  # "" marks a placeholder such as "xx县": unknown
    # In the body, only a region of the report's own kind: a county's report names its city.
    kinds = Counter(m["kind"] for m in SELF_REFERENCE.finditer(body))
    own_kind = kinds.most_common(1)[0][0] if kinds else None
    names = Counter(
        region for _, region in regions_in(body) if own_kind is None or region[-1] == own_kind
    )
    if names:
        name, count = names.most_common(1)[0]
        if count >= MIN_BODY_MENTIONS:
            return name
    return None


def regions_in(text: str) -> list[tuple[int, str]]:
    """(position, region) of every place name + 县/区/市 in text."""
    starts = _word_starts(text)
    found = []
    for m in REGION_CANDIDATE.finditer(text):
        if starts is not None and m.start() not in starts:
            continue  # the name would begin inside a word: "创建和市" is not 建和市
        if _is_name(m["name"], m["kind"]):
            found.append((m.start(), m["name"] + m["kind"]))
    return found


def _first_region(text: str) -> str | None:
    """The first region or region placeholder in text: a name, "" for a placeholder, or None."""
    placeholder = REGION_PLACEHOLDER.search(text)
    found = regions_in(text)
    if placeholder and (not found or placeholder.start() < found[0][0]):
        return ""
    return found[0][1] if found else None


def _is_name(name: str, kind: str) -> bool:
    if any(ch in NAME_STOP for ch in name) or name[-1] in NAME_LAST_STOP or name in NOT_A_NAME:
        return False
    return name[-1] + kind not in NOT_A_PLACE and not _is_common_word(name, kind)


def _is_common_word(name: str, kind: str) -> bool:
    """True when the lexicon knows `name` (or name+kind) as a frequent non-place word."""
    lexicon = _lexicon()
    if lexicon is None:
        return False
    tags, freq = lexicon
    if tags.get(name + kind) == "ns":
        return False
    return any(
        tags.get(word) not in (None, *PLACE_TAGS) and freq.get(word, 0) >= COMMON_WORD_FREQ
        for word in (name, name + kind)
    )


def _word_starts(text: str) -> set[int] | None:
    """Positions where jieba starts a word; None without jieba (every position allowed)."""
    if _lexicon() is None:
        return None
    import jieba

    return {start for _, start, _ in jieba.tokenize(text)}


def words(text: str) -> list[str] | None:
    """The text cut into jieba's words; None without jieba."""
    if _lexicon() is None:
        return None
    import jieba

    return jieba.lcut(text, HMM=False)


def word_tag(word: str) -> str | None:
    """jieba's part-of-speech tag for a whole dictionary word ("开工" → "v"); None if unknown."""
    lexicon = _lexicon()
    return None if lexicon is None else lexicon[0].get(word)


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, Any]] | None:
    """jieba's word tags and frequencies, loaded once (about a second); None without jieba."""
    try:
        import jieba
        import jieba.posseg
    except ImportError:  # the rules above still work, only less strictly
        return None
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba.posseg.dt.word_tag_tab, jieba.dt.FREQ
