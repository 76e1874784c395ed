"""The words around a number, for naming it: _clauses, fillers cut from a name's ends, the noun a
count modifies, the topic of a sentence, and `Named`, a number with the name it was given.

Shared by ingest.figure_names (how a sentence's figures are named) and ingest.name_forms (the
set forms and the context outside a clause that name some of them).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ingest.numbers import Quantity, find_quantities
from ingest.regions import word_tag, words

# "完成情况：上述三项指标分别为…": the indicators said before; the count counts nothing
SAID_INDICATORS = re.compile(
    r"(?:上述|以上|前述|这)(?P<count>[一二三四五六七八九十两\d]+(?:项|个))指标"
)
CLAUSE_BREAK = re.compile(r"[，,：:；;。！!？?]")
AFTER_BREAK = re.compile(r"[，,：:；;。！!？?(（]")  # an aside "(其中…)" is no count's noun
MARKS = re.compile(r"[“”\"‘’《》〈〉「」『』()（）\s]")
# A leading date or year ("2024年3月", "20**年", "xx年年度"): when, not what.
_LEAD_TIME = re.compile(
    r"^(?:(?:19|20)?[\dxX*]{2}年(?:年度|度)?|[xX]{2}年(?:年度|度)?)?"
    r"(?:\d{1,2}月(?:份|底|初|上旬|中旬|下旬)?)?(?:\d{1,2}日)?(?:开始|起|以来)?"
)
# Words that say how or where a figure stands, not what it measures: cut from the name's ends.
_LEAD_FILLER = re.compile(
    r"^(?:其中|另外|此外|同时|全年|今年|年初|年底前?|年内|上半年|下半年|目前|截至目前|截止目前|"
    r"(?:截至|截止)[^，,。；;]{0,8}?(?:开学|底|末|初)|经测算|测算|现已|已经|已|共有|"
    r"(?:[^，,。；;]{0,10}?的)?(?:任务|目标)(?:是|为)|"  # "市局下达我县的任务是…"
    r"现有|共计|共|累计|预计|全系统|完成情况|的|"
    r"全县|全区|全市|我县|我区|我市|我局|共计|总计|合计|一是|二是|三是|四是|五是|并|且|还|均|都|"
    r"又|也|再|正|这样|这些|这|共需|需要|需|对|向|给|从|由|经|把|于|为(?!期)|包括|包含|"
    r"严格执行|严格落实|认真落实|按照|依照|在此基础上将?|秋季学期|春季学期|本学期|新学期|年末)+"
)
_TAIL_FILLER = re.compile(
    r"(?:的要求|的规定|预计分别达到|预计达到|预计达|预计|分别达到|分别达|分别为|分别|"
    r"已达到|已达|已经达到|达到了|达到|"
    r"达|为|是|共计|共有|一共|共|计|累计|约|近|超过|逾|有|占|完成了?|实现了?|提升至|提高到|提高至|增至|"
    r"降至|保持在|保持|稳定在|控制在|不低于|不少于|以上|的|了|全县|全区|全市|这|该|此|上述|一直|始终|继续|仍然|仍|可|"
    r"进行|开展|(?<![党团会])组织|为期|历时|满|仅|只|均|各|在)+$"
)
# What may follow a count when the count is not a modifier of the next noun.
_PREDICATE = re.compile(
    r"^(?:已|正|将|均|都|全部|共|获|参加|参与|进行|完成|取得|得到|受到|被|为|是|达|有|在|于|到|以|"
    r"等|和|及|与|或|、|左右|之|比|较|同比|占|用于|出席|通过|实现|开展|接受|享受|分别|实行|顺利|基本|"
    r"陆续|先后|次|后|前|内|中(?![心学小职专高])|里|来|余|多|时|就|也|又|还|并|再|才|即|便|从|对|向|给|把|让|使)"
)
_PREDICATE_FILLER = re.compile(
    r"^(?:已经|已|正在|正|均|都|全部|共|顺利|基本|陆续|先后|并|也|又|还)+"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR_INSIDE = re.compile(r"(?:19|20)[\dxX*]{2}年(?:年度|度)?|[xX]{2}年(?:年度|度)?")
_PLAIN_NOUN = 3  # "办学点的设备": a noun this short before 的 is what a count counts
SHORT_VERB = 4  # a run before a count this short is its verb ("举办了"), longer is a subject
BARE_WORD = 2  # a name this short ("培训", "毕业") needs the topic of its sentence
# Adverbs that end the noun a count modifies: "2所学校已完成立项" counts 学校, "村小按…" 村小.
_ADVERB_AFTER_NOUN = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:已经|已|分别|正在|按|赴|每[周天月年])")
# "通过公开招聘、特岗计划等方式补充教师87名": how it was done, not what was counted.
_MEANS = re.compile(r"通过[^，,。；;]{1,30}?(?:方式|途径|渠道|形式|(?=共))")
_STILL_HAS = re.compile(r"(?:尚|仍|还)有(?=[^，,。；;]{0,8}缺口)")  # "项目尚有资金缺口": 资金缺口
# "举办各类主题活动200余场次": the act and 各类 before a counted kind are left out ("主题活动").
_ACT_ON_KINDS = re.compile(r"^(?!各级)将?[\u4e00-\u9fff]{2}(?:各级)?各(?:类|项|种)")
_EACH_STAGE = re.compile(r"各(?:学段|年级)(?=学生|幼儿|教师)")  # "资助各学段学生" → 资助学生
# "体育、音乐、美术等学科教师缺口": the examples of a kind inside a name are not the name.
_EXAMPLES_INSIDE = re.compile(
    r"(?:[\u4e00-\u9fff·]{1,12}、)+[\u4e00-\u9fff·]{1,12}等(?=[\u4e00-\u9fff])"
)
# "在全县重点水域设置警示牌", "联合各乡镇、村组聘请巡查员": where and with whom, not what
# What the bureau means to do says the figure's kind, not its name: "力争学前三年幼儿毛入园率"
# is 学前三年幼儿毛入园率 aimed at. A word of its own only ("将乐一中" is a school), and a plan
# that is a name stays ("计划投资", "计划完成投资").
_INTENT = ("力争", "确保", "拟", "将", "计划")
_INTENT_NAMES = re.compile(r"^计划(?:总?投资|完成|生育|单列|内|外)")
_ONE_CHARACTER_NEXT = ("再", "又", "对", "向", "在", "于", "从", "把", "按", "为")
_BEFORE_AFTER_DATE = re.compile(r"(?:以前|之前|前|以后|之后|后|以来|起)")
_WHERE_WITH = ("在", "联合", "会同", "协同", "面向", "依托", "围绕", "针对")  # …whom for, on what
_PLACE_TAGS = ("n", "ns", "nt", "nz", "s", "f", "m", "t", "x")  # the words of a place or partner
# "以“护校安园”专项行动为载体，…": a clause that frames the work names nothing it counts, and
# a name that opens with one is the act after it ("以城区优质学校为龙头组建教育集团").
_FRAME_OPEN = re.compile(
    r"^以[^，,。；;]{1,30}?为(?:载体|抓手|契机|重点|主线|突破口|切入点|依托|引领|龙头|核心|纽带)"
)
_FRAME = re.compile(_FRAME_OPEN.pattern + "$")


@dataclass(frozen=True)
class Named:
    """A number of a sentence with the indicator it measures; change if it is a difference."""

    quantity: Quantity
    indicator: str
    is_change: bool
    clause: str  # the words of its clause up to the number (the figure's kind reads them)
    borrowed: bool = False  # its subject was taken from an earlier figure (done_by_earlier)


def sentence_topic(sentence: str, quantities: list[Quantity], start: int) -> str:
    """What the sentence set out to talk about: its last clause before `start` with no figure
    ("开展农村实用技术培训与推广，培训8万人次" → "开展农村实用技术培训与推广").
    `quantities` are in reading order, so whether a clause holds one is a binary search."""
    for a, b in reversed(_clauses(sentence, start)):
        first = bisect_left(quantities, a, key=lambda q: q.span[0])
        if first < len(quantities) and quantities[first].span[0] < b:
            continue
        topic = name_from(sentence[a:b])
        if len(topic) > BARE_WORD:  # "标准为：" says nothing of the topic; look further back
            return topic
    return ""


def _clauses(sentence: str, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each clause of the sentence before offset `end`."""
    spans, start = [], 0
    for m in CLAUSE_BREAK.finditer(sentence, 0, end):
        spans.append((start, m.start()))
        start = m.end()
    return spans


def noun_after(after: str) -> str:
    """The noun a count modifies ("期培训班" → "培训班"), or "" when a predicate follows it."""
    text = MARKS.sub("", after)
    if text.startswith("的"):  # "300多人的安监队伍": the whole after 的
        text = text[1:]
    elif 0 < text.find("的") <= _PLAIN_NOUN:  # "37个办学点的设备": the counted thing is 办学点
        text = text[: text.index("的")]
    if not text or not CJK.match(text) or _PREDICATE.match(text):
        return ""
    text = _ADVERB_AFTER_NOUN.split(text, maxsplit=1)[0]
    return re.sub(r"[、和及与等]+$", "", text)


def predicate_after(after: str) -> str:
    """What a count that opens a clause did: "人取得了证书" → "取得了证书" (a verb must lead)."""
    text = _PREDICATE_FILLER.sub("", MARKS.sub("", after))
    return text if len(CJK.findall(text)) >= 2 else ""


def name_from(text: str, *, minimum: int = 2) -> str:
    """An indicator name from words around a number: marks, dates, fillers and verbs cut off."""
    name = MARKS.sub("", _without_dates(_MEANS.sub("", _STILL_HAS.sub("", text))))
    name = name.strip("、，,。；;")
    name = _EXAMPLES_INSIDE.sub("", name)
    if is_frame(name):
        return ""
    for _ in range(3):
        name = _without_where(_without_frame(_without_intent(_LEAD_TIME.sub("", name))))
        name = _LEAD_FILLER.sub("", name)
        kinds = _EACH_STAGE.sub("", _ACT_ON_KINDS.sub("", name))
        name = kinds if len(kinds) > BARE_WORD else name  # "检查各级各类学校": keep the act
        name = _TAIL_FILLER.sub("", name).strip("、")
    return name if len(CJK.findall(name)) >= minimum else ""


def _without_where(name: str) -> str:
    """The act a name opens with after where or with whom it was done: "在全县重点水域设置
    警示牌" → "设置警示牌"; the name itself when no act follows ("在园幼儿")."""
    if not name.startswith(_WHERE_WITH):
        return name
    cut = words(name) or []
    if not cut or cut[0] not in _WHERE_WITH:
        return name  # "在校生", "在建项目": one word
    at = len(cut[0])
    for word in cut[1:]:
        tag = word_tag(word) or ""
        if tag.startswith("v") and at > len(cut[0]):
            rest = name[at:]
            return rest if len(CJK.findall(rest)) > BARE_WORD else name
        if tag not in _PLACE_TAGS and word != "、":
            return name
        at += len(word)
    return name


def _without_intent(name: str) -> str:
    """The name after the word that says the bureau means to do it ("力争", "拟", "将")."""
    if not name.startswith(_INTENT) or _INTENT_NAMES.match(name):
        return name
    cut = words(name) or []
    if len(cut) < 2 or cut[0] not in _INTENT:
        return name
    if len(cut[1]) == 1 and cut[1] not in _ONE_CHARACTER_NEXT:
        return name  # "将乐一中": jieba cuts the county 将乐 as 将 + 乐
    rest = name[len(cut[0]) :]
    return rest if len(CJK.findall(rest)) > BARE_WORD else name


def _without_frame(name: str) -> str:
    """The act a name opens with after the frame of the work: "以城区优质学校为龙头组建紧密型
    教育集团" → "组建紧密型教育集团"."""
    rest = _FRAME_OPEN.sub("", name, count=1)
    return rest if len(CJK.findall(rest)) > BARE_WORD else name


def in_order(short: str, long: str) -> bool:
    """Whether the characters of `short` appear in `long` in the same order: `long` said with
    words left out ("新增学位" in "新增义务教育学位")."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def is_frame(clause: str) -> bool:
    """Whether a clause only frames the work ("以…专项行动为载体"), naming nothing it counts."""
    return bool(_FRAME.match(MARKS.sub("", clause).strip("、，,。；;")))


def _without_dates(text: str) -> str:
    """The text without its dates, years and other numbers that name no figure."""
    for q in reversed(find_quantities(text)):
        if q.kind in ("date", "year", "doc_number") or q.raw.rstrip().endswith((".", "、")):
            end = q.span[1]
            if q.kind == "date" and (after := _BEFORE_AFTER_DATE.match(text, end)):
                end = after.end()  # "于8月底前补齐": the deadline goes with its date
            text = text[: q.span[0]] + text[end:]
    return _YEAR_INSIDE.sub("", text)


def without_quantities(text: str) -> str:
    """The text without any of its numbers ("购买2224床优质军用被" → "购买优质军用被")."""
    for q in reversed(find_quantities(text)):
        text = text[: q.span[0]] + text[q.span[1] :]
    return text


def is_noun(word: str) -> bool:
    """Whether jieba's dictionary reads the word as a noun ("资金", "学校"; not "投用")."""
    return (word_tag(word) or "").startswith("n")


def is_verb(word: str) -> bool:
    """Whether jieba's dictionary reads the word as a verb ("开工", "在建"; not "门卫", "培训")."""
    return word_tag(word) == "v"


def same_value(q: Quantity, earlier: list[Named]) -> Named | None:
    """The latest earlier figure with q's value and unit (what "这6个项目" refers to)."""
    for item in reversed(earlier):
        if item.indicator and not item.is_change and item.quantity.value == q.value:
            if item.quantity.unit == q.unit:
                return item
    return None
