"""Indicator names for the figures of a sentence: what each number counts or measures.

Work summaries name a figure in a few set ways; the core ones are here, the rest in
ingest.name_forms, the words they work on in ingest.name_words.
- The name ends right before the number: "培训教师8469人次", "入园率达97.7%" (verbs such as 达,
  fillers such as 全县/目前/共 and a leading date are cut off); the means ("通过公开招聘等方式")
  are not what is counted.
- A count modifies the noun after its measure word: "举办了三期班主任培训班", "组织4名副校长参加
  培训", "300多人的安监队伍". The name is the short verb before plus that noun
  ("举办班主任培训班"); a long run of words before is a subject of its own and left out; an
  adverb ends the noun ("2所学校已完成…" counts 学校).
- A count that opens a clause, followed only by what it did, is named by that predicate:
  "有1650人取得了证书"; after another figure of the sentence it continues that figure's
  subject: "培训25项，1045人次参加" → "培训参加"; in a noun unit it did the first act of it
  ("两镇已完成征地和…" → "完成征地镇").
- Enumerations pair by order: "入园率、巩固率分别达96%、99.9%"; short items share the last one's
  head ("语文、数学、英语平均合格率分别为…").
- A comparison ("本科上线人数比上年增加13人") is a change of its own subject, or of the figure
  before it when it has none ("同比增长9.4%").
- A bare value after "、" continues the previous figure's subject ("资助1126人次、56.30万元").
- People are named by the activity they went to ("骨干教师60余人在某园开展学习观摩"); a duration
  after a list of acts lasts the last one ("注明日期、冷藏保存48小时").
- A quantity said again with no name of its own repeats the first ("实行24小时值班制，保证24
  小时有人"); "包括65项制度" is named by what includes them, the sentence's topic.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.name_forms import (
    AIM_WORDS,
    MONEY_WORD,
    NOUN_UNITS,
    act_said_before,
    aided_by,
    award_at,
    bound_subject,
    by_form,
    by_reference,
    campaign,
    done_by_earlier,
    fuller_name,
    invested_in,
    kind_of_examples,
    listed_like,
    listed_standards,
    money_word,
    names_a_programme,
    of_programme,
    only_examples,
    other_stage,
    purpose_of,
    rate_of_topic,
    rest_of,
    sentence_programme,
    share_of,
    sibling_rate,
    standard_of_programme,
    subject_shared,
    this_school,
    threshold_of,
    topic_noun,
)
from ingest.name_words import (
    AFTER_BREAK,
    BARE_WORD,
    CJK,
    CLAUSE_BREAK,
    MARKS,
    SAID_INDICATORS,
    SHORT_VERB,
    Named,
    name_from,
    noun_after,
    predicate_after,
    same_value,
    sentence_topic,
    without_quantities,
)
from ingest.numbers import Quantity, find_quantities

__all__ = ["DURATION_UNITS", "Named", "each_named", "name_quantities", "noun_after"]

_ENUM = re.compile(
    r"分别(?:预计)?(?:达到了?|达|为|是|占|增长|提高到|提高至|提高|提升到|提升至|调整为|完成|有|"
    r"降至|降低到|下降到|下降|减少|增加)?(?P<per_head>每生每年|每人每月|每人每年|每生每天)?"
)
_ENUM_CHANGE = re.compile(
    r"分别(?:比|较)[^，,。；;]{0,10}?(?:增加|减少|增长|提高|提升|下降|降低|上升|多|少)了?"
    r"|(?:比|较)[^，,。；;]{0,10}?分别(?:增加|减少|增长|提高|提升|下降|降低|上升|多|少)了?"
)
_LISTED_CHANGE = re.compile(r"(?:增长|提高|提升|下降|减少|增加|降低|上升)$")
_NAME_SPLIT = re.compile(r"[、和及与]")
_CHANGE = re.compile(
    r"(?:比|较|同比|环比)[^，,。]{0,12}?(?:增加|减少|增长|提高|提升|下降|降低|上升|压减|缩减|多|少)了?"
    r"|(?:增加|减少|增长|提高|提升|下降|降低|上升)了?$|增长率|增幅|降幅"
    r"|提高(?![到至])了?|下降(?![到至])了?"  # "提高到97%" is where it got, not by how much
    r"|(?<!不)(?:高出|超出|低于)[^，,。]{0,12}$"
)
DURATION_UNITS = ("小时", "天", "周", "个月", "分钟")
_STUDY_HOURS = ("学时", "课时")
_DURATION_NAME = re.compile(r"(?:时间|时长|期限|周期)$")
# A sum of a named project ("城南初级中学扩建项目总投资") is that project's, whatever it builds.
_PROJECT = re.compile(r"(?:项目|工程)$")
_SHARE_UNITS = ("%", "成")  # "占近三成": a share in tenths
_REACHED = re.compile(r"(?:达到|达|为|是|超过|突破|增至|增加到|提高到|提升至|降至)$")
# "骨干教师60余人在杨村第五幼儿园开展学习观摩活动": people are named by what they went to do.
_ACTIVITY_AT = re.compile(
    r"^在[^，,。；;]{1,15}?(?:开展|参加|进行|举行|举办)了?([^，,。；;！!？?]{2,10})"
)
_LEAD_VERB = re.compile(r"^[\u4e00-\u9fff]{2}了")  # "组织了…教师": who, not the organising
_PEOPLE_UNITS = ("人", "人次", "名")
_FIRST_OBJECT = re.compile(r"[和及、并]")  # "完成征地和现场维护工作" → "完成征地"
_FROM = re.compile(r"由(?:[^，,。；;由]{0,12}?的)?$")  # "由上年的37个…", "由37个…"
_TO = re.compile(
    r"^(?:减少|压减|增加|增长|提高|提升|下降|降低|上升|扩大|缩减|降)(?:到|至|为)"
    r"(?:(?:19|20)\d{2}年(?:底|末)?的)?$"  # "由2016年的6120人下降到2023年的3380人"
)
_BOUND = re.compile(r"不少于|不低于|不超过|不高于|至少|最多")
_RULE = re.compile(r"(?:制度|工作)?(?:规定|要求|标准|制度)")
# "A率、B率均为100%", "试点幼儿园和试点小学各8所"; not 生均
_ALL_OF = re.compile(r"(?<![生人户校])均(?:为|是|达到|达|保持在|保持|超过)?$|各$")
_RATE_HEAD = 3  # "联网率": the rate word a list's last item lends the others
_ACTUAL_OF_AIM = re.compile(r"实际(?:完成|实现)?")
_AMOUNT_NOUNS = ("缺口", "差额", "空缺", "增量", "存量")  # a noun for how much of the subject
# "县（市、区）", "幼儿园（所）": the kinds a short noun stands for are part of it, no aside
_NOUN_ASIDE = re.compile(r"^([\u4e00-\u9fff]{1,3})[（(][\u4e00-\u9fff、]{1,6}[）)]")
_UNIT_SUFFIX = {"元": "金额", "平方米": "面积", "%": "比例"}


def name_quantities(
    sentence: str,
    quantities: list[Quantity],
    earlier: list[Named],
    previous_sentence: str = "",
    title: str = "",
    line_programme: str = "",
    aimed: tuple[Named, ...] = (),
) -> list[Named]:
    """Each quantity of a sentence with its indicator ("" if none can be read).

    `earlier` holds the figures already named in the section, for back-references; the topic of
    `previous_sentence` names a bare count its own sentence gives only examples of
    ("成功召开学校特色项目现场交流会。实验小学等6所学校分别带来表演"); `title` is the programme
    the sentence's line is titled with (name_forms.programme_title), which a sum or count named
    only by how it was given belongs to; so does `line_programme`, the programme the line's first
    sentence opens with ("普通高中国家助学金平均资助标准为…。全年资助3128人次"), in a sentence
    that names no programme of its own. After a 完成情况 mark, a name said short is the fuller
    one of the goal stated before it (`aimed`: "目标任务：新增义务教育学位3200个" → 新增学位720个).
    """
    enumerated = _enumeration_names(sentence, quantities, earlier)
    paired_changes = _enumerated_changes(sentence, quantities)
    listed_changes = _changes_listed(sentence, quantities)
    programme = title or sentence_programme(sentence)  # what a sum given or a bare act is of
    if not programme and not names_a_programme(sentence):
        programme = line_programme
    named: list[Named] = []
    previous: Named | None = None
    for i, q in enumerate(quantities):
        borrowed = False
        start = _clause_start(sentence, q, named[-1] if named else None)
        before = sentence[start : q.span[0]]
        after = _after(sentence, q, quantities[i + 1] if i + 1 < len(quantities) else None)
        is_change = bool(_CHANGE.search(before)) or q in paired_changes or q in listed_changes
        if q in enumerated:
            indicator = enumerated[q]
        elif is_change:
            indicator = name_from(_CHANGE.sub("", before))
            if q in paired_changes:  # "2所，360个，分别比上年减少1所和180个"
                indicator = _stated_before(named, *paired_changes[q])
            if not indicator and previous is not None:
                indicator = previous.indicator
        else:
            topic = sentence_topic(sentence, quantities, start)
            if not topic and only_examples(before):
                topic = _topic_of(previous_sentence)  # cached: read once per sentence
            indicator = rest_of(name_from(before), q, named) or _plain_name(
                sentence, q, before, after, previous, [*earlier, *named], topic
            )
            indicator = of_programme(indicator, q, programme) or indicator
            indicator = aided_by(indicator, q, named) or indicator
            indicator = act_said_before(indicator, sentence, start) or indicator
            indicator = this_school(indicator, sentence[:start])  # before: a project's, not what
            indicator = invested_in(indicator, q, named) or indicator  # it counted being built
            indicator = topic_noun(fuller_name(indicator, q, [*aimed, *named]), topic)
            indicator = standard_of_programme(indicator, sentence[:start], title) or indicator
            indicator = award_at(indicator, sentence)
            if len(CJK.findall(indicator)) <= BARE_WORD:
                # "实行24小时值班制，保证24小时有人": the same quantity said again
                if (repeated := same_value(q, named)) is not None:
                    indicator = repeated.indicator
                elif listed := listed_like(indicator, before, named):
                    indicator = listed
                elif stage := other_stage(indicator, q, named):
                    indicator = stage
                elif done := done_by_earlier(indicator, q, named if topic else [*earlier, *named]):
                    indicator, borrowed = done, True  # what this sentence counted before the topic
                else:  # "…营养改善计划…，累计供餐2900余万餐": what the sentence is about
                    indicator = (topic or programme) + indicator if indicator else ""
            elif "其中" in before and len(indicator) <= SHORT_VERB:
                if done := done_by_earlier(indicator, q, named):  # "…项目32个，其中竣工投用21个"
                    indicator, borrowed = done, True
            indicator = sibling_rate(indicator, named) or rate_of_topic(indicator, topic)
            indicator = AIM_WORDS.sub("", indicator) if len(indicator) > 4 else indicator
            indicator = campaign(sentence, start, indicator) + _as_duration(indicator, q)
        clause = sentence[_clause_start(sentence, q, None) : q.span[0]]
        item = Named(q, indicator, is_change, clause, borrowed)
        named.append(item)
        if indicator and not is_change:
            previous = item
    return named


def each_named(sentence: str, item: Named) -> list[str]:
    """The indicators one number states: "一键式报警装置和视频监控联网率均为100%" is two rates
    ("一键式报警装置联网率", "视频监控联网率"); most numbers state one."""
    name = item.indicator
    if not _ALL_OF.search(sentence[: item.quantity.span[0]]):
        return [name]
    *listed, last = name.split("、")
    parts = [*listed, *re.split(r"[和及]", last)]
    if len(parts) < 2 or min(map(len, parts)) < BARE_WORD:
        return [name]
    if parts[-1].endswith("率"):
        head = parts[-1][-_RATE_HEAD:]
        parts = [part if part.endswith("率") else part + head for part in parts]
    return parts


@lru_cache(maxsize=64)
def _topic_of(sentence: str) -> str:
    """The topic of a whole sentence (read only when a bare count needs the sentence before)."""
    return sentence_topic(sentence, find_quantities(sentence, figures_only=True), len(sentence))


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
    found = by_reference(q, before, earlier) or by_form(sentence, q, before, after, topic, earlier)
    if found:
        return found
    if (came_from := _FROM.search(before)) and (subject := name_from(before[: came_from.start()])):
        return subject  # "大班额由上年的37个减少到9个": 37 was the 大班额 too
    if _TO.match(before.strip()) and previous is not None and previous.quantity.unit == q.unit:
        return previous.indicator
    own = name_from(before)
    if _ACTUAL_OF_AIM.fullmatch(own) and previous is not None and not previous.is_change:
        return AIM_WORDS.sub("", previous.indicator)  # "…合格率目标为85%，实际达到87.4%"
    if q.unit in _SHARE_UNITS and (share := share_of(before, own, previous)):
        return share
    if q.unit in DURATION_UNITS:  # "注明日期、餐次、冷藏保存48小时": the last act lasts so long
        own = own.split("、")[-1]
    if q.unit in _PEOPLE_UNITS and own and (activity := _ACTIVITY_AT.match(after)):
        return name_from(activity.group(1)) + _LEAD_VERB.sub("", own)
    if q.base_unit.startswith("元") and (money := MONEY_WORD.search(own)):
        if not _PROJECT.search(own[: money.start()]) and (paid_for := purpose_of(sentence, q)):
            return paid_for + money_word(money.group())
    noun = noun_after(after)
    if own and _BOUND.match(q.qualifier) and (not noun or _RULE.fullmatch(noun)):
        return bound_subject(own)  # "活动时间不少于1小时的规定": the time's, not the rule's
    if own and _REACHED.search(before.strip()):
        return own  # "在校生达到3600人以上的示范中心": the count is the subject's, not the noun's
    if threshold := threshold_of(q, before, after):
        return threshold
    if noun and q.unit in DURATION_UNITS:
        return _FIRST_OBJECT.split(noun)[0]  # "24小时值班和领导带班制度": how long 值班 runs
    if own in _AMOUNT_NOUNS and previous is not None and previous.quantity.unit == q.unit:
        return previous.indicator + own  # "配备1名专职心理健康教师的要求，尚有缺口30名"
    if own and noun in _AMOUNT_NOUNS:
        return own + noun  # "城区公办园学位仍有约6000个的缺口" → "城区公办园学位缺口"
    if noun and own.endswith("等") and (kind := kind_of_examples(before)):
        return kind if kind.endswith(noun[-1]) else kind + noun
    if noun:
        short = own if len(own) <= SHORT_VERB and not own.endswith("等") else ""
        return name_from(short + noun, minimum=1)
    if own:
        return own
    if (
        previous is not None
        and previous.quantity.unit == q.unit
        and _joined_by_clause(sentence, previous, q)
    ):
        return previous.indicator  # "占比为53.8%，预计秋季学期可达55.5%", "计划12次，已开展6次"
    predicate = predicate_after(after)
    if predicate and _opens_clause(before) and q.unit in NOUN_UNITS:  # "两镇已完成征地…"
        return _FIRST_OBJECT.split(predicate)[0] + q.unit
    if predicate and _opens_clause(before):
        joined = previous is not None and previous.quantity.span[1] <= q.span[0]
        subject = previous.indicator if joined and previous is not None else ""
        return name_from(subject + predicate)
    if previous is not None and _joined_by_list(sentence, previous.quantity, q):
        return previous.indicator + _unit_suffix(q, previous.quantity)
    return MARKS.sub("", before) if len(CJK.findall(before)) == len(before.strip()) else ""


def _as_duration(name: str, q: Quantity) -> str:
    """A duration measures how long something lasts: "值班制" + 24小时 → "值班制时长"; hours of
    study are counted as such: "继续教育" + 72学时 → "继续教育学时"."""
    if name and q.unit in DURATION_UNITS and not _DURATION_NAME.search(name):
        return name + "时长"
    if name and q.unit in _STUDY_HOURS and q.unit not in name:
        return name + q.unit
    return name


def _clause_start(sentence: str, q: Quantity, previous: Named | None) -> int:
    """Where the words naming q may begin: the last clause break or the previous figure."""
    start = 0
    if previous is not None and previous.quantity.span[1] <= q.span[0]:
        start = previous.quantity.span[1]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(sentence, start, q.span[0])]
    return breaks[-1] if breaks else start


def _after(sentence: str, q: Quantity, following: Quantity | None) -> str:
    """The words after q up to the clause's end or the next number."""
    end = following.span[0] if following is not None else len(sentence)
    text = _NOUN_ASIDE.sub(r"\1", sentence[q.span[1] : end])  # "4个县（市、区）通过…"
    cut = AFTER_BREAK.search(text)
    return text[: cut.start()] if cut else text


def _opens_clause(before: str) -> bool:
    return not name_from(before, minimum=1)


def _enumerated_changes(
    sentence: str, quantities: list[Quantity]
) -> dict[Quantity, tuple[int, int]]:
    """Changes listed after "分别比…减少": each with (its place, how many are listed)."""
    places: dict[Quantity, tuple[int, int]] = {}
    for match in _ENUM_CHANGE.finditer(sentence):
        values = _listed_after(sentence, match.end(), quantities)
        places.update({q: (i, len(values)) for i, q in enumerate(values)})
    return places


def _changes_listed(sentence: str, quantities: list[Quantity]) -> set[Quantity]:
    """The values listed after "分别下降" (not "分别下降到"): each a change, not only the first
    ("小学、初中、高中分别下降0.4、0.8和1.1个百分点")."""
    listed: set[Quantity] = set()
    for match in _ENUM.finditer(sentence):
        if _LISTED_CHANGE.search(match.group()):
            listed.update(_listed_after(sentence, match.end(), quantities))
    return listed


def _stated_before(named: list[Named], place: int, listed: int) -> str:
    """The indicator of the figure a listed change pairs with, counting back over the list."""
    stated = [item for item in named if not item.is_change]
    return stated[len(stated) - listed + place].indicator if len(stated) >= listed else ""


def _enumeration_names(
    sentence: str, quantities: list[Quantity], earlier: list[Named]
) -> dict[Quantity, str]:
    """Names paired by order with the values after each "分别…" in the sentence; "上述三项指标
    分别为…" pairs with the indicators said last before it, and a list naming nothing ("预计年底
    分别达到…") with the sentence's list before it."""
    pairs: dict[Quantity, str] = {}
    names: list[str] = []
    for match in _ENUM.finditer(sentence):
        listed_before = names
        head = CLAUSE_BREAK.split(sentence[: match.start()])[-1]
        names = [name_from(n) for n in _NAME_SPLIT.split(head)]
        names = [n for n in names if n]
        values = _listed_after(sentence, match.end(), quantities)
        standards = listed_standards(head) if match.group("per_head") else []
        if standards and len(standards) == len(values):
            names = standards  # "…按小学、初中分别为每生每年1000元、1250元"
        elif SAID_INDICATORS.search(head) and (said := _last_indicators(earlier, len(values))):
            names = said
        elif len(names) == len(values) and len(names) > 1:
            names = _with_shared_subject(_with_shared_head(names))
        elif not names and len(listed_before) == len(values) > 1:
            names = listed_before
        else:
            names = []
            continue
        pairs.update(zip(values, names, strict=True))
    return pairs


def _last_indicators(earlier: list[Named], count: int) -> list[str]:
    """The last `count` different indicators said before, in reading order ([] if fewer)."""
    names: list[str] = []
    for item in reversed(earlier):
        if item.indicator and not item.is_change and item.indicator not in names:
            names.insert(0, item.indicator)
            if len(names) == count:
                return names
    return []


def _with_shared_head(names: list[str]) -> list[str]:
    """Short items that share the last one's head: "语文、数学、英语平均合格率" → each item's
    平均合格率 (a count inside the head, "三科平均合格率", is left out)."""
    short = {len(name) for name in names[:-1]}
    if len(short) != 1 or len(names[-1]) <= (size := short.pop()) + 1 or size > BARE_WORD + 1:
        return names
    head = without_quantities(names[-1][size:])
    return [*(name + head for name in names[:-1]), names[-1][:size] + head]


def _with_shared_subject(names: list[str]) -> list[str]:
    """Short rates after a fuller first one share its subject: "学生体质健康测试合格率、优良率"
    → "学生体质健康测试优良率"."""
    return [names[0], *(subject_shared(n, names[0]) or n for n in names[1:])]


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


def _joined_by_clause(sentence: str, previous: Named, q: Quantity) -> bool:
    """Whether q is in the clause right after previous's and words come before it ("…12次，上半年
    已开展6次"; not "1人获二等奖，5人获三等奖", which its predicate names)."""
    between = sentence[previous.quantity.span[1] : q.span[0]]
    words = CLAUSE_BREAK.split(between)[-1].strip()
    return len(CLAUSE_BREAK.findall(between)) <= 1 and bool(words)


def _joined_by_list(sentence: str, previous: Quantity, q: Quantity) -> bool:
    gap = sentence[previous.span[1] : q.span[0]].strip()
    return gap in ("、", "，", ",", "和", "及")


def _unit_suffix(q: Quantity, previous: Quantity) -> str:
    if q.base_unit == previous.base_unit:
        return ""
    return _UNIT_SUFFIX.get(q.base_unit, "")
