"""Indicator names for the figures of a sentence: what each number counts or measures.

Work summaries name a figure in a few set ways; each rule below is one of them.
- The name ends right before the number: "培训教师8469人次", "入园率达97.7%" (verbs such as 达,
  fillers such as 全县/目前/共 and a leading date are cut off).
- A count modifies the noun after its measure word: "举办了三期班主任培训班", "组织4名副校长参加
  培训", "300多人的安监队伍". The name is the short verb before plus that noun
  ("举办班主任培训班"); a long run of words before is a subject of its own and left out.
- A count that opens a clause, followed only by what it did, is named by that predicate:
  "有1650人取得了证书"; after another figure of the sentence it continues that figure's
  subject: "培训25项，1045人次参加" → "培训参加".
- Enumerations pair by order: "入园率、巩固率分别达96%、99.9%".
- A demonstrative count ("这6个项目", "该两校") repeats the earlier figure of the same value.
- A comparison ("本科上线人数比上年增加13人") is a change of its own subject, or of the figure
  before it when it has none ("同比增长9.4%").
- A bare value after "、" continues the previous figure's subject ("资助1126人次、56.30万元").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ingest.numbers import Quantity, find_quantities

_CLAUSE_BREAK = re.compile(r"[，,：:；;。！!？?]")
_AFTER_BREAK = re.compile(r"[，,：:；;。！!？?(（]")  # an aside "(其中…)" is no count's noun
_MARKS = re.compile(r"[“”\"‘’《》〈〉「」『』()（）\s]")
_ENUM = re.compile(r"分别(?:预计)?(?:达到了?|达|为|是|占|增长|提高|完成|有|下降|减少|增加)?")
_ENUM_CHANGE = re.compile(
    r"分别(?:比|较)[^，,。；;]{0,10}?(?:增加|减少|增长|提高|下降|降低|上升|多|少)了?"
)
_NAME_SPLIT = re.compile(r"[、和及与]")
_CHANGE = re.compile(
    r"(?:比|较|同比|环比)[^，,。]{0,12}?(?:增加|减少|增长|提高|下降|降低|上升|多|少)了?"
    r"|(?:增加|减少|增长|提高|下降|降低|上升)了?$|增长率|增幅|降幅|提高了?|下降了?"
)
# A leading date or year ("2024年3月", "20**年", "xx年年度"): when, not what.
_LEAD_TIME = re.compile(
    r"^(?:(?:19|20)?[\dxX*]{2}年(?:年度|度)?|[xX]{2}年(?:年度|度)?)?"
    r"(?:\d{1,2}月(?:份|底|初|上旬|中旬|下旬)?)?(?:\d{1,2}日)?(?:开始|起|以来)?"
)
# Words that say how or where a figure stands, not what it measures: cut from the name's ends.
_LEAD_FILLER = re.compile(
    r"^(?:其中|另外|此外|同时|全年|今年|上半年|下半年|目前|截至目前|截止目前|现已|已经|已|共有|现有|共|累计|"
    r"全县|全区|全市|我县|我区|我市|我局|共计|总计|合计|一是|二是|三是|四是|五是|并|且|还|均|都|"
    r"又|也|再|正|这样|这些|这|共需|需要|需|对|向|给|从|由|经|把|于|为(?!期))+"
)
_TAIL_FILLER = re.compile(
    r"(?:预计分别达到|预计达到|预计达|预计|分别达到|分别达|分别为|分别|已达到|已达|已经达到|达到了|达到|"
    r"达|为|是|共计|共有|一共|共|计|累计|约|近|超过|逾|有|占|完成了?|实现了?|提升至|提高到|提高至|增至|"
    r"降至|保持在|稳定在|控制在|不低于|不少于|以上|的|了|全县|全区|全市|这|该|此|上述|一直|始终|仍然|仍|"
    r"进行|开展|组织|为期)+$"
)
# What may follow a count when the count is not a modifier of the next noun.
_PREDICATE = re.compile(
    r"^(?:已|正|将|均|都|全部|共|获|参加|参与|进行|完成|取得|得到|受到|被|为|是|达|有|在|于|到|以|"
    r"等|和|及|与|或|、|左右|之|比|较|同比|占|用于|出席|通过|实现|开展|接受|享受|分别|实行|顺利|基本|"
    r"陆续|先后|次|后|前|内|中|里|来|余|多|时|就|也|又|还|并|再|才|即|便|从|对|向|给|把|让|使)"
)
_PREDICATE_FILLER = re.compile(
    r"^(?:已经|已|正在|正|均|都|全部|共|顺利|基本|陆续|先后|并|也|又|还)+"
)
_DEMONSTRATIVE = re.compile(r"(?:这|该|此|上述)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR_INSIDE = re.compile(r"(?:19|20)[\dxX*]{2}年(?:年度|度)?|[xX]{2}年(?:年度|度)?")
_PLAIN_NOUN = 3  # "办学点的设备": a noun this short before 的 is what a count counts
_SHORT_VERB = 4  # a run before a count this short is its verb ("举办了"), longer is a subject
_BARE_WORD = 2  # a name this short ("培训", "毕业") needs the topic of its sentence
DURATION_UNITS = ("小时", "天", "周", "个月", "分钟")
_DURATION_NAME = re.compile(r"(?:时间|时长|期限|周期)$")
_PER_HEAD = re.compile(r"每生每年|每年每生|每人每年|每年每人|每生|每人|每年|生均|人均")
_STANDARD_SAID = re.compile(r"标准(?:为|是)")
_REACHED = re.compile(r"(?:达到|达|为|是|超过|突破|增至|增加到|提高到|提升至|降至)$")
_GIVEN = re.compile(r"(?:给予|发放|补助|补贴|资助|按)+$")
_UNIT_SUFFIX = {"元": "金额", "平方米": "面积", "%": "比例"}


@dataclass(frozen=True)
class Named:
    """A number of a sentence with the indicator it measures; change if it is a difference."""

    quantity: Quantity
    indicator: str
    is_change: bool
    clause: str  # the words of its clause up to the number (the figure's kind reads them)


def name_quantities(sentence: str, quantities: list[Quantity], earlier: list[Named]) -> list[Named]:
    """Each quantity of a sentence with its indicator ("" if none can be read).

    `earlier` holds the figures already named in the section, for back-references.
    """
    enumerated = _enumeration_names(sentence, quantities)
    paired_changes = _enumerated_changes(sentence, quantities)
    named: list[Named] = []
    previous: Named | None = None
    for i, q in enumerate(quantities):
        start = _clause_start(sentence, q, named[-1] if named else None)
        before = sentence[start : q.span[0]]
        after = _after(sentence, q, quantities[i + 1] if i + 1 < len(quantities) else None)
        is_change = bool(_CHANGE.search(before)) or q in paired_changes
        if q in enumerated:
            indicator = enumerated[q]
        elif is_change:
            indicator = _name_from(_CHANGE.sub("", before))
            if q in paired_changes:  # "2所，360个，分别比上年减少1所和180个"
                indicator = _stated_before(named, *paired_changes[q])
            if not indicator and previous is not None:
                indicator = previous.indicator
        else:
            topic = _topic(sentence, quantities, start)
            indicator = _plain_name(sentence, q, before, after, previous, [*earlier, *named], topic)
            if len(_CJK.findall(indicator)) <= _BARE_WORD:
                indicator = topic + indicator if indicator else ""
            indicator = _as_duration(indicator, q)
        clause = sentence[_clause_start(sentence, q, None) : q.span[0]]
        item = Named(q, indicator, is_change, clause)
        named.append(item)
        if indicator and not is_change:
            previous = item
    return named


def _plain_name(
    sentence: str,
    q: Quantity,
    before: str,
    after: str,
    previous: Named | None,
    earlier: list[Named],
    topic: str,
) -> str:
    """The name of a figure that is neither enumerated nor a comparison."""
    if _DEMONSTRATIVE.search(before.strip()) and (ref := _same_value(q, earlier)) is not None:
        return ref.indicator
    if q.base_unit.startswith("元") and (_PER_HEAD.search(before) or "/" in q.unit):
        return _rate_name(before, after, topic)
    own = _name_from(before)
    noun = noun_after(after)
    if own and _REACHED.search(before.strip()):
        return own  # "在校生达到3600人以上的示范中心": the count is the subject's, not the noun's
    if noun and q.unit in DURATION_UNITS:
        return noun  # "24小时值班制" lasts 24 hours: how long the 值班 runs
    if noun:
        short = own if len(own) <= _SHORT_VERB and not own.endswith("等") else ""
        return _name_from(short + noun, minimum=1)
    if own:
        return own
    predicate = _predicate(after)
    if predicate and _opens_clause(before):
        joined = previous is not None and previous.quantity.span[1] <= q.span[0]
        subject = previous.indicator if joined and previous is not None else ""
        return _name_from(subject + predicate)
    if previous is not None and _joined_by_list(sentence, previous.quantity, q):
        return previous.indicator + _unit_suffix(q, previous.quantity)
    return _MARKS.sub("", before) if len(_CJK.findall(before)) == len(before.strip()) else ""


def _rate_name(before: str, after: str, topic: str) -> str:
    """A per-head rate is the standard of what is given to whom: "对困难幼儿每生每年给予1000元
    补助" → "困难幼儿补助标准"; "免除杂费，标准为：小学生每年生均240元" → "小学生免除杂费标准"."""
    said = _STANDARD_SAID.split(_MARKS.sub("", before))[-1]  # "…标准为：" names no one
    who = _name_from(_GIVEN.sub("", _PER_HEAD.sub("", said)), minimum=1)
    name = who + (noun_after(after) or topic)
    return name if "标准" in name or not name else name + "标准"


def _topic(sentence: str, quantities: list[Quantity], start: int) -> str:
    """What the sentence set out to talk about: its last clause before `start` with no figure
    ("开展农村实用技术培训与推广，培训8万人次" → "开展农村实用技术培训与推广").
    `quantities` are in reading order, so whether a clause holds one is a binary search."""
    for a, b in reversed(_clauses(sentence, start)):
        first = bisect_left(quantities, a, key=lambda q: q.span[0])
        if first < len(quantities) and quantities[first].span[0] < b:
            continue
        topic = _name_from(sentence[a:b])
        if len(topic) > _BARE_WORD:  # "标准为：" says nothing of the topic; look further back
            return topic
    return ""


def _clauses(sentence: str, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each clause of the sentence before offset `end`."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, end):
        spans.append((start, m.start()))
        start = m.end()
    return spans


def _as_duration(name: str, q: Quantity) -> str:
    """A duration measures how long something lasts: "值班制" + 24小时 → "值班制时长"."""
    if name and q.unit in DURATION_UNITS and not _DURATION_NAME.search(name):
        return name + "时长"
    return name


def _clause_start(sentence: str, q: Quantity, previous: Named | None) -> int:
    """Where the words naming q may begin: the last clause break or the previous figure."""
    start = 0
    if previous is not None and previous.quantity.span[1] <= q.span[0]:
        start = previous.quantity.span[1]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, start, q.span[0])]
    return breaks[-1] if breaks else start


def _after(sentence: str, q: Quantity, following: Quantity | None) -> str:
    """The words after q up to the clause's end or the next number."""
    end = following.span[0] if following is not None else len(sentence)
    text = sentence[q.span[1] : end]
    cut = _AFTER_BREAK.search(text)
    return text[: cut.start()] if cut else text


def noun_after(after: str) -> str:
    """The noun a count modifies ("期培训班" → "培训班"), or "" when a predicate follows it."""
    text = _MARKS.sub("", after)
    if text.startswith("的"):  # "300多人的安监队伍": the whole after 的
        text = text[1:]
    elif 0 < text.find("的") <= _PLAIN_NOUN:  # "37个办学点的设备": the counted thing is 办学点
        text = text[: text.index("的")]
    if not text or not _CJK.match(text) or _PREDICATE.match(text):
        return ""
    return re.sub(r"[、和及与等]+$", "", text)


def _predicate(after: str) -> str:
    """What a count that opens a clause did: "人取得了证书" → "取得了证书" (a verb must lead)."""
    text = _PREDICATE_FILLER.sub("", _MARKS.sub("", after))
    return text if len(_CJK.findall(text)) >= 2 else ""


def _opens_clause(before: str) -> bool:
    return not _name_from(before, minimum=1)


def _same_value(q: Quantity, earlier: list[Named]) -> Named | None:
    """The latest earlier figure with q's value and unit (what "这6个项目" refers to)."""
    for item in reversed(earlier):
        if item.indicator and not item.is_change and item.quantity.value == q.value:
            if item.quantity.unit == q.unit:
                return item
    return None


def _enumerated_changes(
    sentence: str, quantities: list[Quantity]
) -> dict[Quantity, tuple[int, int]]:
    """Changes listed after "分别比…减少": each with (its place, how many are listed)."""
    places: dict[Quantity, tuple[int, int]] = {}
    for match in _ENUM_CHANGE.finditer(sentence):
        values = _listed_after(sentence, match.end(), quantities)
        places.update({q: (i, len(values)) for i, q in enumerate(values)})
    return places


def _stated_before(named: list[Named], place: int, listed: int) -> str:
    """The indicator of the figure a listed change pairs with, counting back over the list."""
    stated = [item for item in named if not item.is_change]
    return stated[len(stated) - listed + place].indicator if len(stated) >= listed else ""


def _enumeration_names(sentence: str, quantities: list[Quantity]) -> dict[Quantity, str]:
    """Names paired by order with the values after each "分别…" in the sentence."""
    pairs: dict[Quantity, str] = {}
    for match in _ENUM.finditer(sentence):
        head = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
        names = [_name_from(n) for n in _NAME_SPLIT.split(head)]
        names = [n for n in names if n]
        values = _listed_after(sentence, match.end(), quantities)
        if len(names) == len(values) and len(names) > 1:
            pairs.update(zip(values, names, strict=True))
    return pairs


def _listed_after(sentence: str, start: int, quantities: list[Quantity]) -> list[Quantity]:
    """The run of values right after `start`, joined by 、 or 和 (and, at the end, 和/及)."""
    run: list[Quantity] = []
    cursor = start
    for q in quantities:
        if q.span[0] < start:
            continue
        gap = sentence[cursor : q.span[0]]
        if run and gap.strip() not in ("、", "和", "及", ",", "，", "与"):
            break
        if not run and gap.strip():
            break
        run.append(q)
        cursor = q.span[1]
    return run


def _name_from(text: str, *, minimum: int = 2) -> str:
    """An indicator name from words around a number: marks, dates, fillers and verbs cut off."""
    name = _MARKS.sub("", _without_dates(text)).strip("、，,。；;")
    for _ in range(3):
        name = _LEAD_TIME.sub("", name)
        name = _TAIL_FILLER.sub("", _LEAD_FILLER.sub("", name)).strip("、")
    return name if len(_CJK.findall(name)) >= minimum else ""


def _without_dates(text: str) -> str:
    """The text without its dates, years and other numbers that name no figure."""
    for q in reversed(find_quantities(text)):
        if q.kind in ("date", "year", "doc_number") or q.raw.rstrip().endswith((".", "、")):
            text = text[: q.span[0]] + text[q.span[1] :]
    return _YEAR_INSIDE.sub("", text)


def _joined_by_list(sentence: str, previous: Quantity, q: Quantity) -> bool:
    gap = sentence[previous.span[1] : q.span[0]].strip()
    return gap in ("、", "，", ",", "和", "及")


def _unit_suffix(q: Quantity, previous: Quantity) -> str:
    if q.base_unit == previous.base_unit:
        return ""
    return _UNIT_SUFFIX.get(q.base_unit, "")
