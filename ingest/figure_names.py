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
- A sum named only by how it was given ("政府又投资", "拨出专款") is named by what it buys or
  builds when that follows it: "投资60万元为学校新配备灭火器" → "配备灭火器投资".
- Work done on counted things names them: "4本书籍的编印工作" → "编印书籍".
- "对14个乡镇…进行了安全大检查": a count is the object of what was done to it ("安全大检查乡镇").
- A count whose measure word is its noun ("帮助两校") points back to the schools just counted;
  opening a clause, it did the first act of it ("两镇已完成征地和…" → "完成征地镇").
- "100%完成…的信访件" → "信访件完成率"; "骨干教师60余人在某园开展学习观摩" → "学习观摩骨干教师";
  a duration after a list of acts lasts the last one ("注明日期、冷藏保存48小时").
- Examples before "等N个X" say what kind of X ("…小组、…小组等5个小组"); a count with only
  examples and a bare noun takes the topic of the sentence before.
- A campaign quoted in an earlier clause ("“护校安园”行动") names the figures after it.
- An adverb ends the noun after a count ("2所学校已完成…" counts 学校).
- Short enumerated items share the last one's head ("语文、数学、英语平均合格率分别为…"); a short
  rate after a fuller one shares its subject ("…测试合格率为93.8%，优良率为52.4%").
- A share is named as one ("青年教师仅占22.8%" → "青年教师占比"; "…47所，占学校总数的51.1%" →
  the figure before it + 占比); a standard names what it is of ("补助标准为小学每生每年1000元").
- The means ("通过公开招聘等方式") are not what is counted.
- A bare act ("截至6月底，已开工10个") is done by what the latest earlier figure of its unit
  counted ("计划实施校建项目12个"); a sum for work done on something is named by that work
  ("投入资金1500万元，对学校的旱厕进行改造" → "旱厕改造投入资金").
- A goal and its result are one indicator: "合格率目标为85%，实际达到87.4%" → both "合格率" (the
  kind tells them apart; 目标 is cut from a name's end).
- A quantity said again with no name of its own repeats the first ("实行24小时值班制，保证24
  小时有人"); "包括65项制度" is named by what includes them, the sentence's topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbers import Quantity, find_quantities

_CLAUSE_BREAK = re.compile(r"[，,：:；;。！!？?]")
_AFTER_BREAK = re.compile(r"[，,：:；;。！!？?(（]")  # an aside "(其中…)" is no count's noun
_MARKS = re.compile(r"[“”\"‘’《》〈〉「」『』()（）\s]")
_ENUM = re.compile(r"分别(?:预计)?(?:达到了?|达|为|是|占|增长|提高|完成|有|下降|减少|增加)?")
_ENUM_CHANGE = re.compile(
    r"分别(?:比|较)[^，,。；;]{0,10}?(?:增加|减少|增长|提高|提升|下降|降低|上升|多|少)了?"
)
_NAME_SPLIT = re.compile(r"[、和及与]")
_CHANGE = re.compile(
    r"(?:比|较|同比|环比)[^，,。]{0,12}?(?:增加|减少|增长|提高|提升|下降|降低|上升|多|少)了?"
    r"|(?:增加|减少|增长|提高|提升|下降|降低|上升)了?$|增长率|增幅|降幅"
    r"|提高(?![到至])了?|下降(?![到至])了?"  # "提高到97%" is where it got, not by how much
    r"|(?<!不)(?:高出|超出|低于)[^，,。]{0,12}$"
)
# A leading date or year ("2024年3月", "20**年", "xx年年度"): when, not what.
_LEAD_TIME = re.compile(
    r"^(?:(?:19|20)?[\dxX*]{2}年(?:年度|度)?|[xX]{2}年(?:年度|度)?)?"
    r"(?:\d{1,2}月(?:份|底|初|上旬|中旬|下旬)?)?(?:\d{1,2}日)?(?:开始|起|以来)?"
)
# Words that say how or where a figure stands, not what it measures: cut from the name's ends.
_LEAD_FILLER = re.compile(
    r"^(?:其中|另外|此外|同时|全年|今年|年初|年底|上半年|下半年|目前|截至目前|截止目前|现已|已经|已|共有|"
    r"现有|共|累计|预计|"
    r"全县|全区|全市|我县|我区|我市|我局|共计|总计|合计|一是|二是|三是|四是|五是|并|且|还|均|都|"
    r"又|也|再|正|这样|这些|这|共需|需要|需|对|向|给|从|由|经|把|于|为(?!期)|包括|包含)+"
)
_TAIL_FILLER = re.compile(
    r"(?:预计分别达到|预计达到|预计达|预计|分别达到|分别达|分别为|分别|已达到|已达|已经达到|达到了|达到|"
    r"达|为|是|共计|共有|一共|共|计|累计|约|近|超过|逾|有|占|完成了?|实现了?|提升至|提高到|提高至|增至|"
    r"降至|保持在|稳定在|控制在|不低于|不少于|以上|的|了|全县|全区|全市|这|该|此|上述|一直|始终|仍然|仍|可|"
    r"进行|开展|组织|为期|仅|只)+$"
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
_PER_HEAD = re.compile(
    r"(?:每生|每人)(?:每年|每月|每天)|(?:每年|每月|每天)(?:每生|每人)|每生|每人|每年|生均|人均"
)
_STANDARD_SAID = re.compile(r"标准(?:为|是)")
_REACHED = re.compile(r"(?:达到|达|为|是|超过|突破|增至|增加到|提高到|提升至|降至)$")
_GIVEN = re.compile(r"(?:给予|发放|补助|补贴|资助|按)+$")
# "4本书籍的编印工作": what was done to the counted things names them ("编印书籍").
_WORK_ON = re.compile(r"^([\u4e00-\u9fff]{1,4})的([\u4e00-\u9fff]{2})(?:工作|任务)")
# "对14个乡镇中小学进行了安全大检查": the count is the object of what was done to it.
_OBJECT_OF = re.compile(r"对(?:全县|全区|全市|所有|全体)?$")
_DONE_TO = re.compile(r"^[^，,。；;！!？?]*?进行了?([^，,。；;！!？?、和及并]{2,12})")
# A count whose measure word is the noun itself ("两校", "三镇") may point back to the schools or
# towns counted just before it ("这两所试点学校…帮助两校").
_NOUN_UNITS = ("校", "镇", "园", "户")
# "100%完成市局转发的…信访件": a share of something done is that thing's rate of being done; the
# thing is the head noun after the last 的 ("信访件完成率").
_SHARE_DONE = re.compile(r"^(完成|办结|覆盖|达标|落实)([^，,。；;！!？?]+)")
# "骨干教师60余人在杨村第五幼儿园开展学习观摩活动": people are named by what they went to do.
_ACTIVITY_AT = re.compile(
    r"^在[^，,。；;]{1,15}?(?:开展|参加|进行|举行|举办)了?([^，,。；;！!？?]{2,10})"
)
_LEAD_VERB = re.compile(r"^[\u4e00-\u9fff]{2}了")  # "组织了…教师": who, not the organising
_PEOPLE_UNITS = ("人", "人次", "名")
# Adverbs that end the noun a count modifies: "2所学校已完成立项" counts 学校.
_ADVERB_AFTER_NOUN = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:已经|已|分别|正在)")
_QUOTED = re.compile(
    r"[“\"]([\u4e00-\u9fff]{2,8})[”\"](?:专项)?(?:行动|活动|工程|计划)[^，,。；;]*[，,；;]"
)
_EXAMPLES = re.compile(r"[、和及与]|等$")
_TITLE_WRAPPER = re.compile(r"^关于|的?(?:通知|意见|决定|办法|方案)$")  # a title's subject
_TITLE = re.compile(r"《([^《》]+)》")
_MIN_KIND = 2  # a shared start this long says what kind the examples are
_FIRST_OBJECT = re.compile(r"[和及、并]")  # "完成征地和现场维护工作" → "完成征地"
_SHARE_TAIL = re.compile(r"(?:仅|只)?占$")
# "通过公开招聘、特岗计划等方式补充教师87名": how it was done, not what was counted.
_MEANS = re.compile(r"通过[^，,。；;]{1,30}?(?:方式|途径|渠道|形式)")
_WORK_DONE_ON = re.compile(
    r"^对([^，,。；;]{2,20}?)进行(?:了)?(改造|维修|修缮|建设|提升|改建|扩建|装修|更新)"
)
_ACTUAL_OF_AIM = re.compile(r"实际(?:完成|实现)?")
_AIM_WORDS = re.compile(r"^(?:确定|设定|提出)|目标(?:任务|值)?$")
_UNIT_SUFFIX = {"元": "金额", "平方米": "面积", "%": "比例"}
# A sum of money named only by how it was given ("政府又投资", "拨出专款") is named by what it
# pays for when the text says so right after it: "为学校新配备灭火器", "，购买优质军用被".
_MONEY_WORD = re.compile(r"(?:总投资|投资|投入资金|资金|专款|经费|拨款)$")
_PURPOSE = re.compile(
    r"^(?:(?:专门)?(?:用于|用来|为)[^，,。；;]{0,12}?)?"
    r"((?:购买|购置|采购|配备|添置|新建|改建|扩建|建设|改造|维修|修缮)[^，,。；;]*)"
)


@dataclass(frozen=True)
class Named:
    """A number of a sentence with the indicator it measures; change if it is a difference."""

    quantity: Quantity
    indicator: str
    is_change: bool
    clause: str  # the words of its clause up to the number (the figure's kind reads them)
    borrowed: bool = False  # its subject was taken from an earlier figure (_done_by_earlier)


def name_quantities(
    sentence: str, quantities: list[Quantity], earlier: list[Named], before: str = ""
) -> list[Named]:
    """Each quantity of a sentence with its indicator ("" if none can be read).

    `earlier` holds the figures already named in the section, for back-references; `before` is
    the sentence before, whose topic a bare count takes when its own sentence gives it only
    examples ("成功召开学校特色项目现场交流会。实验小学等6所学校分别带来表演").
    """
    previous_topic = _topic(before, find_quantities(before, figures_only=True), len(before))
    enumerated = _enumeration_names(sentence, quantities)
    paired_changes = _enumerated_changes(sentence, quantities)
    named: list[Named] = []
    previous: Named | None = None
    for i, q in enumerate(quantities):
        borrowed = False
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
            if not topic and _only_examples(before):
                topic = previous_topic
            indicator = _plain_name(sentence, q, before, after, previous, [*earlier, *named], topic)
            if len(_CJK.findall(indicator)) <= _BARE_WORD:
                # "实行24小时值班制，保证24小时有人": the same quantity said again
                if (repeated := _same_value(q, named)) is not None:
                    indicator = repeated.indicator
                elif not topic and (done := _done_by_earlier(indicator, q, [*earlier, *named])):
                    indicator, borrowed = done, True
                else:
                    indicator = topic + indicator if indicator else ""
            indicator = _sibling_rate(indicator, named) or indicator
            indicator = _AIM_WORDS.sub("", indicator) if len(indicator) > 4 else indicator
            indicator = _campaign(sentence, start, indicator) + _as_duration(indicator, q)
        clause = sentence[_clause_start(sentence, q, None) : q.span[0]]
        item = Named(q, indicator, is_change, clause, borrowed)
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
    if found := _by_reference(q, before, earlier) or _by_form(sentence, q, before, after, topic):
        return found
    own = _name_from(before)
    if _ACTUAL_OF_AIM.fullmatch(own) and previous is not None and not previous.is_change:
        return _AIM_WORDS.sub("", previous.indicator)  # "…合格率目标为85%，实际达到87.4%"
    if q.unit == "%" and (share := _share_of(before, own, previous)):
        return share
    if q.unit in DURATION_UNITS:  # "注明日期、餐次、冷藏保存48小时": the last act lasts so long
        own = own.split("、")[-1]
    if q.unit in _PEOPLE_UNITS and own and (activity := _ACTIVITY_AT.match(after)):
        return _name_from(activity.group(1)) + _LEAD_VERB.sub("", own)
    if q.base_unit.startswith("元") and (money := _MONEY_WORD.search(own)):
        if paid_for := _paid_for(sentence, q):
            return paid_for + money.group()
    noun = noun_after(after)
    if own and _REACHED.search(before.strip()):
        return own  # "在校生达到3600人以上的示范中心": the count is the subject's, not the noun's
    if noun and q.unit in DURATION_UNITS:
        return noun  # "24小时值班制" lasts 24 hours: how long the 值班 runs
    if noun and own.endswith("等") and (kind := _kind_of_examples(before)):
        return kind if kind.endswith(noun[-1]) else kind + noun
    if noun:
        short = own if len(own) <= _SHORT_VERB and not own.endswith("等") else ""
        return _name_from(short + noun, minimum=1)
    if own:
        return own
    predicate = _predicate(after)
    if predicate and _opens_clause(before) and q.unit in _NOUN_UNITS:  # "两镇已完成征地…"
        return _FIRST_OBJECT.split(predicate)[0] + q.unit
    if predicate and _opens_clause(before):
        joined = previous is not None and previous.quantity.span[1] <= q.span[0]
        subject = previous.indicator if joined and previous is not None else ""
        return _name_from(subject + predicate)
    if previous is not None and _joined_by_list(sentence, previous.quantity, q):
        return previous.indicator + _unit_suffix(q, previous.quantity)
    return _MARKS.sub("", before) if len(_CJK.findall(before)) == len(before.strip()) else ""


def _done_by_earlier(act: str, q: Quantity, earlier: list[Named]) -> str:
    """A bare act ("截至6月底，已开工10个") is done by what the latest earlier figure of the same
    unit counted ("计划实施校建项目12个" → "计划实施校建项目开工"); "" for a noun ("门卫358人")."""
    if not act or not _is_verb(act):
        return ""
    for item in reversed(earlier):
        if item.quantity.unit == q.unit and not item.is_change and not item.borrowed:
            if len(_CJK.findall(item.indicator)) > _BARE_WORD:
                return item.indicator + act
    return ""


def _is_verb(word: str) -> bool:
    """Whether jieba reads the word as one verb ("开工", "在建"; not "门卫", "培训")."""
    import jieba.posseg  # loaded once, on the first bare name (about a second)

    tagged = jieba.posseg.lcut(word)
    return len(tagged) == 1 and tagged[0].flag == "v"


def _sibling_rate(name: str, named: list[Named]) -> str:
    """A short rate after a fuller one shares its subject: "学生体质健康测试合格率为93.8%，优良率
    为52.4%" → "学生体质健康测试优良率"; "" when that does not apply."""
    if not name.endswith("率") or len(name) > _SHORT_VERB:
        return ""
    for item in reversed(named):
        sibling = item.indicator
        if not item.is_change and sibling.endswith("率") and len(sibling) > len(name) + 1:
            return _name_from(sibling[: -len(name)] + name)
    return ""


def _share_of(before: str, own: str, previous: Named | None) -> str:
    """A percentage that is a share: "青年教师仅占22.8%" → "青年教师占比"; "平安校园达到47所，
    占学校总数的51.1%" → the share of the figure before it, "平安校园占比"."""
    words = before.strip()
    if words.startswith("占") and previous is not None:
        return previous.indicator + "占比"
    if _SHARE_TAIL.search(words) and own:
        return own + "占比"
    return ""


def _by_reference(q: Quantity, before: str, earlier: list[Named]) -> str:
    """The name of an earlier figure this one points back to ("这8个食堂", "帮助两校"), or ""."""
    if _DEMONSTRATIVE.search(before.strip()) and (ref := _same_value(q, earlier)) is not None:
        return ref.indicator
    if q.unit in _NOUN_UNITS and (ref := _same_count(q, earlier)) is not None:
        return ref.indicator
    return ""


def _by_form(sentence: str, q: Quantity, before: str, after: str, topic: str) -> str:
    """The name a set form around the figure gives it, or "": the object of "对…进行了检查", a
    per-head rate, work done on counted things, a share of something done."""
    if _OBJECT_OF.search(before.strip()) and (done := _DONE_TO.match(sentence[q.span[1] :])):
        if noun := noun_after(after).split("、")[0]:
            return _name_from(done.group(1)) + noun
    if q.base_unit.startswith("元") and (_PER_HEAD.search(before) or "/" in q.unit):
        return _rate_name(before, after, topic)
    if work := _WORK_ON.match(_MARKS.sub("", after)):
        return work.group(2) + work.group(1)
    if q.unit == "%" and (done := _SHARE_DONE.match(after)):
        return _name_from(done.group(2).split("的")[-1]) + done.group(1) + "率"
    return ""


def _campaign(sentence: str, start: int, name: str) -> str:
    """A campaign quoted in an earlier clause of the sentence, which its later figures belong to
    ("组成“护校安园”行动检查组，…共检查学校157处" → "护校安园"); "" if none or already named."""
    quoted = _QUOTED.search(sentence, 0, start)
    if quoted is None or not name or quoted.group(1) in name:
        return ""
    return quoted.group(1)


def _kind_of_examples(before: str) -> str:
    """What a list of examples before "等N个…" is a kind of, or "".

    The longest start shared by two and at least half of them ("高考备考领导小组、高考学科组、
    高考备考信息小组等5个小组" → "高考备考"), else the last document title's subject
    ("《关于校园文化建设的通知》等三个文件" → "校园文化建设"). The first example may carry the
    clause's verb ("成立…"): it is read from where the second example's start appears in it.
    """
    items = [
        _TITLE_WRAPPER.sub("", item)
        for item in (_name_from(x, minimum=1) for x in _EXAMPLES.split(before))
        if item
    ]
    if len(items) >= 2 and (at := items[0].find(items[1][:2])) > 0:
        items[0] = items[0][at:]
    for length in range(min(map(len, items), default=0), _MIN_KIND - 1, -1):
        starts = [item[:length] for item in items]
        common = max(set(starts), key=starts.count)
        if starts.count(common) >= max(2, len(items) / 2):
            return common
    titles = _TITLE.findall(before)
    return _TITLE_WRAPPER.sub("", _name_from(titles[-1], minimum=1)) if titles else ""


def _only_examples(before: str) -> bool:
    """Whether the words before a count name nothing of their own, or only examples ("…等")."""
    return not _name_from(before, minimum=1) or before.rstrip().endswith("等")


def _paid_for(sentence: str, q: Quantity) -> str:
    """What a sum buys or builds, said right after it, in its clause or the next one."""
    rest = _MARKS.sub("", sentence[q.span[1] :])
    if rest[:1] in ("，", ","):
        rest = rest[1:]
    if match := _PURPOSE.match(rest):
        return _name_from(_without_quantities(match.group(1))).rstrip("各")
    if match := _WORK_DONE_ON.match(rest):  # "，对12所学校的旱厕进行改造" → "旱厕改造"
        return _name_from(match.group(1).split("的")[-1]) + match.group(2)
    return ""


def _rate_name(before: str, after: str, topic: str) -> str:
    """A per-head rate is the standard of what is given to whom: "对困难幼儿每生每年给予1000元
    补助" → "困难幼儿补助标准"; "免除杂费，标准为：小学生每年生均240元" → "小学生免除杂费标准";
    "寄宿生补助标准为小学每生每年1000元" → "小学寄宿生补助标准"."""
    *of_what, said = _STANDARD_SAID.split(_MARKS.sub("", before))  # "…标准为：" names no one
    who = _name_from(_GIVEN.sub("", _PER_HEAD.sub("", said)), minimum=1)
    what = _name_from(_CLAUSE_BREAK.split(of_what[-1])[-1]) if of_what else ""
    name = who + (what or noun_after(after) or topic)
    return name if "标准" in name or not name else name + "标准"


def _topic(sentence: str, quantities: list[Quantity], start: int) -> str:
    """What the sentence set out to talk about: its last clause before `start` with no figure
    ("开展农村实用技术培训与推广，培训8万人次" → "开展农村实用技术培训与推广")."""
    for a, b in reversed(_clauses(sentence, start)):
        if any(a <= q.span[0] < b for q in quantities):
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
    text = _ADVERB_AFTER_NOUN.split(text, maxsplit=1)[0]
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


def _same_count(q: Quantity, earlier: list[Named]) -> Named | None:
    """The latest earlier count of q's value whose name holds the noun q's unit stands for."""
    for item in reversed(earlier):
        if item.quantity.value == q.value and not item.is_change:
            if q.unit in item.indicator:
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
            pairs.update(zip(values, _with_shared_head(names), strict=True))
    return pairs


def _with_shared_head(names: list[str]) -> list[str]:
    """Short items that share the last one's head: "语文、数学、英语平均合格率" → each item's
    平均合格率 (a count inside the head, "三科平均合格率", is left out)."""
    short = {len(name) for name in names[:-1]}
    if len(short) != 1 or len(names[-1]) <= (size := short.pop()) + 1 or size > _BARE_WORD + 1:
        return names
    head = _without_quantities(names[-1][size:])
    return [*(name + head for name in names[:-1]), names[-1][:size] + head]


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
    name = _MARKS.sub("", _without_dates(_MEANS.sub("", text))).strip("、，,。；;")
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


def _without_quantities(text: str) -> str:
    """The text without any of its numbers ("购买2224床优质军用被" → "购买优质军用被")."""
    for q in reversed(find_quantities(text)):
        text = text[: q.span[0]] + text[q.span[1] :]
    return text


def _joined_by_list(sentence: str, previous: Quantity, q: Quantity) -> bool:
    gap = sentence[previous.span[1] : q.span[0]].strip()
    return gap in ("、", "，", ",", "和", "及")


def _unit_suffix(q: Quantity, previous: Quantity) -> str:
    if q.base_unit == previous.base_unit:
        return ""
    return _UNIT_SUFFIX.get(q.base_unit, "")
