"""Set forms that name a figure, and the context outside its clause that some names need.

- A demonstrative count ("这6个项目") repeats the earlier figure of the same value; a count whose
  measure word is its noun ("帮助两校") points back to the schools just counted.
- "对14个乡镇…进行了安全大检查": a count is the object of what was done to it; "4本书籍的编印
  工作" → "编印书籍"; "100%完成…的信访件" → "信访件完成率".
- A per-head rate is the standard of what is given to whom ("补助标准为小学每生每年1000元").
- A sum named only by how it was given ("政府又投资", "拨出专款") is named by what it buys, builds
  or pays to have done right after it ("投资60万元为学校新配备灭火器" → "配备灭火器投资").
- A share is named as one ("青年教师仅占22.8%" → "青年教师占比"; "…47所，占学校总数的51.1%" →
  the figure before it + 占比); a short rate after a fuller one shares its subject
  ("…测试合格率为93.8%，优良率为52.4%"), and one after a count of its act is that act's rate
  ("已整改251处，整改率95.4%"); a name said again in short is the fuller one before it; "其余
  12处" are the rest of what the sentence first counted.
- Every item of a list of standards ("定额为小学每生每年720元、初中每生每年940元") reads what
  they are standards of.
- Examples before "等N个X" say what kind of X ("…小组、…小组等5个小组"); a count with only
  examples takes the topic of the sentence before.
- A campaign quoted in an earlier clause ("“护校安园”行动") names the figures after it.
- A bare act ("截至6月底，已开工10个") is done by what the latest earlier figure of its unit
  counted ("计划实施校建项目12个").
- A goal and its result are one indicator ("合格率目标为85%，实际达到87.4%"): 目标 is cut.
"""

from __future__ import annotations

import re

from ingest.name_words import (
    BARE_WORD,
    CJK,
    CLAUSE_BREAK,
    MARKS,
    SHORT_VERB,
    Named,
    in_order,
    is_frame,
    is_noun,
    is_verb,
    name_from,
    noun_after,
    same_value,
    without_quantities,
)
from ingest.numbers import Quantity, find_quantities
from ingest.regions import word_tag, words

_DEMONSTRATIVE = re.compile(r"(?:这|该|此|上述)$")
_PER_HEAD = re.compile(
    r"(?:每生|每人)(?:每年|每月|每天)|(?:每年|每月|每天)(?:每生|每人)|每生|每人|每年|生均|人均"
)
_STANDARD_WORDS = ("标准", "定额")
_STANDARD_SAID = re.compile(r"(标准|定额)(?:为|是|提高到|提高至|提升到|调整为|调整到|达到)")
_RULED_BY = re.compile(r"^(?:按照|按|即)")
_BY = re.compile(r"按照|依照|按")
# "按每生每天5元的标准足额下达膳食补助资金": the standard is of what is given at it
_GIVEN_AT = re.compile(
    r"^的?(?:标准|定额)(?:足额|及时|按时)?(?:发放|下达|拨付|给予|提供|落实|安排|补助)"
    r"([^，,。；;！!？?]{2,16})"
)
_FUNDS = re.compile(r"(?:资金|经费)$")
_COMPULSORY_HALVES = ("小学", "初中")
_GIVEN = re.compile(r"(?:给予|发放|补助|补贴|资助|按)+$")
_TIER_BASIS = re.compile(
    r"^(?:照)?[\u4e00-\u9fff]{2,12}?(?:程度|类别|等级)(?:分为|分成|分档|确定)?"
)
# A standard named only by the kind of giving ("补助标准", "分档资助标准", "困难幼儿资助标准").
_GIVING_STANDARD = re.compile(r"(.*?)(?:分档)?(资助|补助|奖补|助学金)标准")
_GIVE_ACT = re.compile(r"^(?:足额|及时|按时)?(?:发放|落实|兑现|实施|执行)?")
# "4本书籍的编印工作": what was done to the counted things names them ("编印书籍").
_WORK_ON = re.compile(r"^([\u4e00-\u9fff]{1,4})的([\u4e00-\u9fff]{2})(?:工作|任务)")
# "对14个乡镇中小学进行了安全大检查": the count is the object of what was done to it.
_OBJECT_OF = re.compile(r"对(?:全县|全区|全市|所有|全体)?$")
_DONE_TO = re.compile(r"^[^，,。；;！!？?]*?进行了?([^，,。；;！!？?、和及并]{2,12})")
# A count whose measure word is the noun itself ("两校", "三镇") may point back to the schools or
# towns counted just before it ("这两所试点学校…帮助两校").
NOUN_UNITS = ("校", "镇", "园", "户")
# "100%完成市局转发的…信访件": a share of something done is that thing's rate of being done; the
# thing is the head noun after the last 的 ("信访件完成率").
_SHARE_DONE = re.compile(r"^(完成|办结|覆盖|达标|落实)([^，,。；;！!？?]+)")
_QUOTED = re.compile(
    r"[“\"]([\u4e00-\u9fff]{2,8})[”\"](?:专项)?(?:行动|活动|工程|计划)[^，,。；;]*[，,；;]"
)
_EXAMPLES = re.compile(r"[、和及与]|等$")
_TITLE_WRAPPER = re.compile(r"^关于|的?(?:通知|意见|决定|办法|方案)$")  # a title's subject
_TITLE = re.compile(r"《([^《》]+)》")
_THIS_SCHOOL = re.compile(r"该校|该园|建成后(?:可|将)?(?:提供|新增|增加)?")
_SCHOOL = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:小学|中学|幼儿园|学校|中心校|职业中专|职教中心|[一二三四五六七八九]中)(?!生)"
    r"(?:[东西南北新老]?校区|分校)?"
)
_BUILDS_KIND = "新建|改扩建|扩建|迁建"  # building said by its kind
_PROJECT_OF_SCHOOL = r"[^，,。；;]{0,8}?(?:项目|工程)"  # "城南初级中学扩建项目"
_SEATS_OF = re.compile(r"提供|容纳|招收")  # "建成后可提供小学学位": places, not a school
_BUILDING = re.compile(rf"{_BUILDS_KIND}|建设|启动|开工")
# A kind of school ("公办幼儿园", "农村学校"), not one school.
_SCHOOLS = re.compile(r"学校$|中小学|^(?:农村|城区|乡村|乡镇|全县|全市|全区|各|公办|民办|普惠)")
# How big a school's project is: the words before it say whose (项目, 可提供) or nothing.
_SCHOOL_SIZE = re.compile(
    r"(?:项目|工程|可提供)?(?=(?:规划|设计|计划|(?:累计|已)?完成)?(?:总)?"
    r"(?:占地|用地|建筑面积|投资|教学班|班|学位|形象进度|办学规模)|可容纳)"
)
_TOPIC_FRAME = re.compile(r"^(?:做好|抓好|加强|推进|落实|深化|完善|规范|强化)|(?:工作|管理)$")
_BARE_RATE = 3  # "通过率"
# Acts that lead a clause: "开展演练", "计划培训" are 演练, 培训 (act_said_before).
_CLAUSE_ACTS = "开展|组织|实行|执行|提供|落实|实施|举办|进行|参加|推行"
_ACT_LEAD = re.compile(rf"^(?:计划|累计|{_CLAUSE_ACTS})+")
_ACT_LEAD_ANYWHERE = re.compile(_CLAUSE_ACTS)
_INVESTED = re.compile(r"(?:累计)?完成投资|完成总投资")
_BUILT = re.compile(rf"{_BUILDS_KIND}|建设|项目")
_PROJECT_ACT = re.compile(r"^(?:实施|开工|推进|启动)")
_BUILDS = re.compile(rf"(?:{_BUILDS_KIND})(?:[、和及](?:{_BUILDS_KIND}))*")
_PER_UNIT = re.compile(r"每(?:学期|学年|年|月|周|天|日|餐次?|个?品种|节课?)")
_PER_WHOM = re.compile(r"每(?:位|名|个)?(?=教师|学生|幼儿|校长|班主任)")
_NOUN_RUN = re.compile(r"[\u4e00-\u9fff]+?(?=[，,。；;：:、和及的]|$)")
_SERVICE_WORDS = re.compile(r"(?:服务|制度|工作|活动|机制|行动)$")
# A line's title ("一是学前教育资助。") is a programme of giving when it ends in one of these.
_GIVING_WORDS = ("资助", "补助", "助学金", "奖学金", "计划", "补贴", "免学费", "奖补")
_ITEM = r"(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s*)"
_ITEM_MARK = re.compile(rf"^{_ITEM}")
_TITLE_SIZE = 24
# A name that says only how something was given ("发放资金", "资助幼儿", "惠及学生").
_GIVEN_ONLY = re.compile(
    r"(?P<act>发放|下达|拨付|安排|落实|投入|资助|补助|惠及|受益|覆盖)?(?:补助|资助|奖补)?"
    r"(?P<noun>资金|经费|金|学生|幼儿|乡村教师|教师)?"
)
# "乡村教师生活补助按每人每月400元…发放": a sentence that opens with the programme it gives
_OPENS_WITH_PROGRAMME = re.compile(
    rf"^{_ITEM}?([\u4e00-\u9fff]{{2,16}}?(?:{'|'.join(_GIVING_WORDS)}))"
    # "…助学金平均资助标准": the fund's standard
    r"(?:平均|人均|生均)?(?:资助|补助)?(?=按|标准|分档|实行|惠及|覆盖|受益)"
)
_PROGRAMME_WORDS = tuple(w for w in _GIVING_WORDS if w != "资助")  # 资助 is also the act
_AID_ACTS = ("资助", "补助", "奖补", "补贴")  # how aid is given: "资助学生"
_AID_FUNDS = ("助学金", "奖学金", "免学费")  # aid given as a fund; not 计划 ("计划投资")
_BENEFITED = re.compile(r"(?:惠及|受益|覆盖)(?P<who>[\u4e00-\u9fff]{2,6})")
# A school stage or a run of grades that opens a name ("小学三至六年级", "初中", "高一").
_STAGE = re.compile(
    r"(?:小学|初中|高中|普通高中|中职|幼儿园|学前|义务教育|高一|高二|高三|初一|初二|初三)?"
    r"(?:[一二三四五六七八九\d](?:[至到、—-]?[一二三四五六七八九\d])*年级)?"
)
_ALL_SCHOOLS = re.compile(r"(?:各级各类|各类|各级)(?:学校|学校（园）|学校\(园\))")
_SCHOOL_KINDS = ("小学", "初中", "高中", "中职", "幼儿园")
_TOPIC_ACT = re.compile(r"参加|开展|组织|举办|进行|实施")
_SHORT_RATE = 5  # "整改完成率": a rate name this short says only what was done, not to what
_AWARD = re.compile(r"(?:[\u4e00-\u9fff]{0,4}获)?((?:[一二三特]等|金|银|铜|优秀)奖)")
_CONTEST = re.compile(r"^在([^，,。；;]{2,30}?)(?:中|上)[，,]")
_REST_WORDS = ("其余", "剩余", "其他")
_SHORT_REPEAT = 3  # a shorter name than this is too common to say which fuller one it repeats
_MIN_KIND = 2  # a shared start this long says what kind the examples are
_SHARE_TAIL = re.compile(r"(?:仅|只)?占$")
# a share of the plan ("占年度计划的", "完成年度目标的") is how much of it is done
_OF_PLAN = re.compile(r"^(?:占|完成)(?:年度|全年)?(?:计划|任务|目标)")
_DONE = re.compile(r"(?:累计)?完成")  # "教育建设项目完成投资" → 教育建设项目投资完成比例
_DONE_SO_FAR = re.compile(r"(?:已经|已)?完成$")
_PART_OF_WHOLE = re.compile(r"^(?P<part>[^占]{2,})(?:仅|只)?占(?![地用有])[^占]{2,}$")
_RATE_BOUNDED = re.compile(r"^(?P<rate>.{2,}?(?:比例|占比|率))(?:不低于|不少于|不超过|不高于)")
_WORK_DONE_ON = re.compile(
    r"^对([^，,。；;]{2,20}?)进行(?:了)?(改造|维修|修缮|建设|提升|改建|扩建|装修|更新)"
)
AIM_WORDS = re.compile(r"^(?:确定|设定|提出)|目标(?:任务|值)?$")
# A sum of money named only by how it was given ("政府又投资", "拨出专款") is named by what it
# pays for when the text says so right after it: "为学校新配备灭火器", "，购买优质军用被".
MONEY_WORD = re.compile(
    r"(?:总投资|投资|投入资金|投入|资金|专款|经费|拨款)$|(?:安排|拨付|下达|筹措)$"
)
_THRESHOLD = ("以上", "以下", "不足", "不到", "超过")  # "56人以上大班额", "不足100人的学校"
_THRESHOLD_DIMENSION = {"岁": "年龄", "周岁": "年龄"}  # "50岁以上教师": a line of age
_MEASURES = ("岁", "周岁", "元", "平方米", "亩", "分", "学时", "小时", "分钟", "天", "米", "公里")
_PERSON = re.compile(r"(?:师|生|儿|童|长|员|部|人|者|工|士|家长)$")
_FORBIDS = re.compile(r"(?:严禁|禁止|不得|不准|不允许)$")
_ASIDE_OPEN = re.compile(r"([\u4e00-\u9fff]{2,8})[（(]$")  # "大班额（56人以上）"
_NOUN_PARTS = ("n", "a", "b")  # the words a noun phrase is made of ("农村小规模学校")
_MONEY_ACT = ("安排", "拨付", "下达", "筹措")  # what a sum was given by, not a name: "…资金"
_FOR_USE = re.compile(r"^(?:专项|专门|主要|全部)?用于([^，,。；;]{2,24})")
_EVERYONE = re.compile(r"(?:全县|全区|全市)?(?:所有|全部|各)")  # "为全县所有学校": whom is no one
_PURPOSE = re.compile(
    r"^(?:(?:专门)?(?:用于|用来|为)([^，,。；;]{0,12}?))?"
    r"((?:购买|购置|采购|配备|添置|新建|改建|扩建|建设|改造|维修|修缮|更换|实施)[^，,。；;]*)"
)


def done_by_earlier(act: str, q: Quantity, earlier: list[Named]) -> str:
    """A bare act ("截至6月底，已开工10个", "其中竣工投用21个") is done by what the latest earlier
    figure of the same unit counted ("计划实施校建项目12个" → "计划实施校建项目开工"); "" for a
    noun ("门卫358人")."""
    if not act or not is_verb(act[:BARE_WORD]) or is_noun(act[-BARE_WORD:]):
        return ""  # "竣工投用" is all act; "投入资金" has its object
    for item in reversed(earlier):
        if item.quantity.unit == q.unit and not item.is_change and not item.borrowed:
            if len(CJK.findall(item.indicator)) > BARE_WORD:
                return item.indicator + act
    return ""


def act_said_before(name: str, sentence: str, start: int) -> str:
    """A bare act said in full in an earlier clause of its sentence is that act: "提供送教上门
    服务，累计送教6200余人次" → "送教上门"; "组织暑期教师全员培训，计划培训3万人次" → "暑期教师
    全员培训"; "" when the name says more or the act was not said before."""
    act = _ACT_LEAD.sub("", name)
    if not act or len(act) > BARE_WORD or is_noun(act):
        return ""
    if (at := sentence.rfind(act, 0, start)) < 0:
        return ""
    opens = max(sentence.rfind(mark, 0, at) for mark in "，,；;：:。") + 1
    pieces = _ACT_LEAD_ANYWHERE.split(without_quantities(sentence[opens:at]))
    if len(pieces) < 2:
        return ""  # "提高教师培训成效": 培训 is not what the clause does
    left = pieces[-1]  # "对…儿童实行送教上门": from the act on
    right = _NOUN_RUN.match(sentence, at + len(act))
    said = name_from(left + act + (right.group() if right else ""))
    said = _SERVICE_WORDS.sub("", said)
    return said if len(said) > len(act) and not CLAUSE_BREAK.search(said) else ""


def threshold_of(q: Quantity, before: str, after: str) -> str:
    """A bound that marks off a kind of thing is that kind's line, not a count of it:
    "50岁以上教师" → "教师年龄标准", "56人以上大班额" and "大班额（56人以上）" → "大班额标准";
    "" when the bound marks off nothing ("培训教师300人以上") or counts the noun ("超过5000名
    教师")."""
    if q.qualifier not in _THRESHOLD or q.unit in ("%", "") or _FORBIDS.search(before):
        return ""  # "一半以上专业" is a share; "严禁12周岁以下学生骑车" an age of the rule
    aside = _ASIDE_OPEN.search(before)
    kind = aside.group(1) if aside else _leading_noun(after)
    if len(kind) < BARE_WORD or _counts(q, kind):
        return ""
    return kind + _THRESHOLD_DIMENSION.get(q.base_unit, "") + "标准"


def _counts(q: Quantity, noun: str) -> bool:
    """Whether the number counts the noun after it ("超过5000名教师", "100所以上学校") rather than
    marking off a kind of it by a measure ("50岁以上教师", "56人以上大班额")."""
    if q.base_unit == "人":
        return bool(_PERSON.search(noun))  # 人 counts people, measures a class or a school
    return q.base_unit not in _MEASURES


def _leading_noun(after: str) -> str:
    """The noun the words after a number open with ("的乡镇幼儿园有47所" → "乡镇幼儿园")."""
    cut = words(MARKS.sub("", after).removeprefix("的")) or []
    noun = []
    for word in cut:
        if not (word_tag(word) or "").startswith(_NOUN_PARTS):
            break
        noun.append(word)
    while noun and not (word_tag(noun[-1]) or "").startswith("n"):
        noun.pop()
    return "".join(noun)


def bound_subject(own: str) -> str:
    """What a bound is set on, without how often or for whom each time: "每餐每个品种留样
    (不少于125克)" → "留样", "每学期组织应急疏散演练(不少于2次)" → "应急疏散演练"."""
    subject = _ACT_LEAD.sub("", _PER_WHOM.sub("", _PER_UNIT.sub("", own)))
    return subject if len(subject) >= BARE_WORD else own


def invested_in(name: str, q: Quantity, named: list[Named]) -> str:
    """An investment named only as made ("完成投资2.16亿元") is in what its sentence first counted
    being built: "新建、改扩建公办幼儿园18所，…完成投资2.16亿元" → "公办幼儿园建设完成投资";
    "" when the name says more or nothing was counted being built."""
    if not _INVESTED.fullmatch(name) or q.base_unit != "元":
        return ""
    counted = next((i for i in named if not i.is_change and i.quantity.base_unit != "元"), None)
    if counted is None or not _BUILT.search(counted.indicator):
        return ""
    built = _PROJECT_ACT.sub("", counted.indicator)
    thing = _BUILDS.sub("", built)
    if thing != built and "建设" not in thing:  # the building said by its kinds: 建设
        thing = thing[:-2] + "建设项目" if thing.endswith("项目") else thing + "建设"
    return thing + name if len(thing) > BARE_WORD else ""


def other_stage(name: str, q: Quantity, named: list[Named]) -> str:
    """A bare school stage after a figure of its sentence is that figure's indicator for the
    stage: "三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟" → "初中书面作业平均
    完成时间"; "" when the name is no stage or no such figure came before."""
    if not name or not _STAGE.fullmatch(name) or not named or named[-1].is_change:
        return ""
    previous = named[-1]
    rest = _STAGE.sub("", previous.indicator, count=1)  # the stage it was said of, if any
    if previous.quantity.unit != q.unit or len(rest) <= BARE_WORD:
        return ""
    if _ALL_SCHOOLS.fullmatch(rest) and name.endswith(_SCHOOL_KINDS):
        return name  # "共有各级各类学校173所，其中小学61所": 61 小学, no kind of 各级各类学校
    return name + rest


def programme_title(sentence: str) -> str:
    """The programme of giving a line opens with when its first sentence is only its title
    ("一是学前教育资助。", "（二）做好普通高中国家助学金。" → "普通高中国家助学金"); "" for a
    sentence that says more."""
    title = _ITEM_MARK.sub("", sentence.strip()).rstrip("。；;：:")
    title = _TOPIC_FRAME.sub("", title)  # "做好…": the task of giving, the programme after it
    if not title.endswith(_GIVING_WORDS) or len(title) > _TITLE_SIZE:
        return ""
    if len(CJK.findall(title)) != len(title) or find_quantities(title, figures_only=True):
        return ""
    return title


def names_a_programme(sentence: str) -> bool:
    """Whether a sentence names a programme or fund of giving ("营养改善计划", "助学金")."""
    return any(word in sentence for word in _PROGRAMME_WORDS)


def sentence_programme(sentence: str) -> str:
    """The programme of giving a sentence opens with: "乡村教师生活补助标准为每人每月500元，…"
    → "乡村教师生活补助", "全县营养改善计划惠及学生…" → "营养改善计划"; "" when it opens
    otherwise."""
    opening = _OPENS_WITH_PROGRAMME.match(sentence.strip())
    return name_from(opening.group(1)) if opening else ""


def aided_by(name: str, q: Quantity, named: list[Named]) -> str:
    """The people a sum reached are aided by it: "发放各类资助资金3.42亿元，惠及学生19.6万人次"
    → "资助学生人次"; "" when no sum of giving came before in the sentence."""
    benefited = _BENEFITED.fullmatch(name)
    if benefited is None or q.base_unit not in ("人", "人次", "名"):
        return ""
    for item in reversed(named):
        if item.quantity.base_unit == "元" and not item.is_change:
            giving = next((w for w in _AID_ACTS if w in item.indicator), "")
            if not giving and any(w in item.indicator for w in _AID_FUNDS):
                giving = "资助"  # "发放国家助学金…，惠及学生" → 资助学生
            per_visit = "人次" if q.base_unit == "人次" else ""
            return giving + benefited.group("who") + per_visit if giving else ""
    return ""


def of_programme(name: str, q: Quantity, title: str) -> str:
    """A sum or a count named only by how it was given ("发放资金", "资助幼儿") is of the programme
    its line is titled with: "一是学前教育资助。…发放资金63万元" → "学前教育资助资金"; "" when
    the name says more or the line has no title."""
    given = _GIVEN_ONLY.fullmatch(name)
    if not title or not name or given is None:
        return ""
    act, noun = given.group("act") or "", given.group("noun") or ""
    if q.base_unit == "元":
        return title + "资金"
    if q.base_unit == "档":  # "乡村教师生活补助按…分三档发放"
        return title + "档次"
    if q.base_unit not in ("人", "人次", "名"):
        return ""
    if not act:
        return ""  # "营养改善计划覆盖学校412所、学生15.3万人": the list names the 学生
    act = "" if act in title else act
    noun = "" if noun in title else noun  # "乡村教师生活补助惠及乡村教师": 惠及人数
    return title + act + ("人次" if q.base_unit == "人次" else noun or "人数")


def standard_of_programme(name: str, said_before: str, title: str) -> str:
    """A standard named only by the kind of giving is the standard of the programme that gives:
    the line's title ("一是学前教育资助。…每生每年1000元的标准给予资助" → "学前教育资助标准"),
    else the programme said before in the sentence ("足额发放乡村教师生活补助，补助标准按…分为
    每人每月300元" → "乡村教师生活补助标准"); "" when neither applies."""
    if (standard := _GIVING_STANDARD.fullmatch(_TIER_BASIS.sub("", name))) is None:
        return ""
    if title:
        return title + "标准"
    giving, fuller = standard.group(2), []
    for clause in CLAUSE_BREAK.split(said_before):
        if (at := clause.rfind(giving)) >= 0:
            said = _TIER_BASIS.sub("", name_from(clause[: at + len(giving)]))
            if len(said := _GIVE_ACT.sub("", said)) > len(giving) + BARE_WORD:
                fuller.append(said)
    return fuller[-1] + "标准" if fuller and not standard.group(1) else ""


def topic_noun(name: str, topic: str) -> str:
    """A name ending in the short word its sentence's topic ends in means the topic's thing:
    "做好生源地信用助学贷款工作，计划全年发放贷款约3100万元" → "计划全年发放生源地信用助学贷款"."""
    subject = _TOPIC_FRAME.sub("", _TOPIC_FRAME.sub("", topic))
    word = subject[-BARE_WORD:]
    if len(subject) <= BARE_WORD + 1 or not name.endswith(word) or subject in name:
        return name
    act = name[: -len(word)]
    if not is_verb(act[-BARE_WORD:]):  # "主题活动" is a kind of its own, "发放贷款" an act on one
        return name
    return act + subject


def this_school(name: str, said_before: str) -> str:
    """ "该校占地62亩" after "第三实验小学于9月1日投入使用": 该校 is the school named before;
    so is what "建成后可提供学位1620个" will be built ("拟新建第二实验小学，…" → its 学位), and
    the size of a school's project ("启动市第六高级中学建设，项目规划用地150亩" → "市第六高级
    中学规划用地")."""
    said = _THIS_SCHOOL.match(name) or _SCHOOL_SIZE.match(name)
    schools = [s for s in _SCHOOL.findall(said_before) if not _SEATS_OF.search(s)]
    if said is None or not schools:
        return name
    school = _BUILDING.split(schools[-1].split("的")[-1])[-1]  # "拟新建白石县第二实验小学"
    if school in name or (_SCHOOLS.search(school) and not _THIS_SCHOOL.match(name)):
        return name  # "实施义务教育学校新建项目…完成投资": schools, not one school
    if project := re.match(
        rf"{re.escape(school)}{_PROJECT_OF_SCHOOL}", said_before[said_before.rfind(school) :]
    ):
        school = project.group()  # "城南初级中学扩建项目…完成投资": the project's
    return name_from(school, minimum=1) + name[said.end() :]


def award_at(name: str, sentence: str) -> str:
    """An award is of the contest the sentence opens with: "在全省职业院校技能大赛中，我市获
    一等奖12项" → "全省职业院校技能大赛一等奖"; else the name itself."""
    award = _AWARD.fullmatch(name)
    if award is None or (contest := _CONTEST.match(sentence)) is None:
        return name
    return name_from(contest.group(1)) + award.group(1)


def listed_like(name: str, before: str, named: list[Named]) -> str:
    """A bare noun listed after a figure takes that figure's act: "覆盖学校412所、学生15.3万人"
    → "覆盖学生"; "" when it does not apply."""
    if not before.lstrip().startswith("、") or not named or named[-1].is_change:
        return ""
    act = named[-1].indicator[:-BARE_WORD]
    return act + name if len(act) >= BARE_WORD and not is_verb(name) else ""


def rest_of(word: str, q: Quantity, named: list[Named]) -> str:
    """ "其余12处" are the rest of what the sentence first counted in that unit: "排查安全隐患
    263处，已整改251处，其余12处…" → "其余安全隐患"; "" for any other word."""
    if word not in _REST_WORDS:
        return ""
    for item in named:
        if item.quantity.unit == q.unit and not item.is_change and not item.borrowed:
            return word + item.indicator if item.indicator else ""
    return ""


def fuller_name(name: str, q: Quantity, named: list[Named]) -> str:
    """A name said again in short is the fuller one said before in the sentence: "新增义务教育
    学位1180个，预计全年新增学位可达2150个" → "新增义务教育学位"; else the name itself."""
    if len(name) < _SHORT_REPEAT:
        return name
    for item in reversed(named):
        fuller = item.indicator
        if item.quantity.unit == q.unit and len(fuller) > len(name) and in_order(name, fuller):
            return fuller
    return name


def sibling_rate(name: str, named: list[Named]) -> str:
    """A short rate after a fuller one shares its subject: "学生体质健康测试合格率为93.8%，优良率
    为52.4%" → "学生体质健康测试优良率"; after a count of its act it is that act's rate: "排查
    安全隐患263处，已整改251处，整改率95.4%" → "安全隐患整改率"; right after a count it is a
    rate of what was counted: "排查安全隐患2368处，整改完成率100%" → "安全隐患整改完成率"; ""
    when none applies."""
    if not name.endswith("率") or len(name) > _SHORT_RATE:
        return ""
    act = name[:-1]  # "已整改251处，整改率95.4%": the rate of the act just counted
    for item in reversed(named):
        if not item.is_change and item.indicator.endswith(act) and len(item.indicator) > len(act):
            return item.indicator + "率"
    for item in reversed(named):
        if not item.is_change and (shared := subject_shared(name, item.indicator)):
            return shared
    counted = named[-1] if named else None
    if counted is not None and not counted.is_change and counted.quantity.unit != "%":
        if counted.indicator and counted.indicator not in name:
            return counted.indicator + name
    return ""


def rate_of_topic(name: str, topic: str) -> str:
    """A bare rate is of what its sentence's topic did: "组织学生参加职业技能等级证书考试，通过率
    达到88.5%" → "职业技能等级证书考试通过率"; else the name itself."""
    if not name.endswith("率") or len(name) > _BARE_RATE or not topic:
        return name
    done_to = _TOPIC_ACT.split(topic)[-1]
    return name if name[:-1] in done_to else done_to + name  # "…晒课活动，晒课率": says itself


def subject_shared(name: str, fuller: str) -> str:
    """A short rate said after a fuller one is of its subject: "优良率" after "学生体质健康测试
    合格率" → "学生体质健康测试优良率"; "" when the name is no short rate or the other no fuller."""
    if not (name.endswith("率") and len(name) <= SHORT_VERB and fuller.endswith("率")):
        return ""
    return name_from(fuller[: -len(name)] + name) if len(fuller) > len(name) + 1 else ""


def share_of(before: str, own: str, previous: Named | None) -> str:
    """A percentage that is a share: "青年教师仅占22.8%" → "青年教师占比"; "平安校园达到47所，
    占学校总数的51.1%" → the share of the figure before it, "平安校园占比"."""
    said = before.strip()
    if _OF_PLAN.match(said) and previous is not None:  # "完成投资9370万元，占年度计划的58.6%"
        return _DONE.sub("", previous.indicator, count=1) + "完成比例"
    if said.startswith("占") and previous is not None:
        return previous.indicator + "占比"
    if _DONE_SO_FAR.search(said) and (done := _DONE_SO_FAR.sub("", own).removesuffix("已")):
        return done + "完成比例"  # "主体工程已完成85%"
    if _SHARE_TAIL.search(said) and own:
        return own + "占比"
    if bounded := _RATE_BOUNDED.match(own):  # "交流轮岗比例不低于符合条件教师总数的15%"
        return bounded.group("rate")
    if of_whole := _PART_OF_WHOLE.match(own):  # "交流轮岗教师占符合条件教师的16.4%"
        return name_from(of_whole.group("part")) + "占比"
    return ""


def by_reference(q: Quantity, before: str, earlier: list[Named]) -> str:
    """The name of an earlier figure this one points back to ("这8个食堂", "帮助两校"), or ""."""
    if _DEMONSTRATIVE.search(before.strip()) and (ref := same_value(q, earlier)) is not None:
        return ref.indicator
    if q.unit in NOUN_UNITS and (ref := _same_count(q, earlier)) is not None:
        return ref.indicator
    return ""


def by_form(
    sentence: str, q: Quantity, before: str, after: str, topic: str, earlier: list[Named]
) -> str:
    """The name a set form around the figure gives it, or "": the object of "对…进行了检查", a
    per-head rate, work done on counted things, a share of something done."""
    if _OBJECT_OF.search(before.strip()) and (done := _DONE_TO.match(sentence[q.span[1] :])):
        if noun := noun_after(after).split("、")[0].split("进行")[0]:
            return name_from(done.group(1)) + noun
    if q.base_unit.startswith("元") and (
        _PER_HEAD.search(before) or "/" in q.unit or _next_standard(before, earlier)
    ):
        upto = sentence[: q.span[0]]
        return _rate_name(upto, before, after, topic or _sum_before(earlier, upto))
    if work := _WORK_ON.match(MARKS.sub("", after)):
        return work.group(2) + work.group(1)
    if q.unit == "%" and (done := _SHARE_DONE.match(after)):
        return name_from(done.group(2).split("的")[-1]) + done.group(1) + "率"
    return ""


def campaign(sentence: str, start: int, name: str) -> str:
    """A campaign quoted in an earlier clause of the sentence, which its later figures belong to
    ("组成“护校安园”行动检查组，…共检查学校157处" → "护校安园"); "" if none or already named."""
    quoted = _QUOTED.search(sentence, 0, start)
    if quoted is None or not name or _shares_a_word(quoted.group(1), name):
        return ""  # "推进“法治进校园”活动，…开展法治讲座260多场" already says what it is of
    if is_frame(CLAUSE_BREAK.split(sentence[: quoted.end() - 1])[-1]):  # "以“…”行动为载体，"
        return ""
    return quoted.group(1)


def _shares_a_word(a: str, b: str) -> bool:
    """Whether two names have two characters running in both ("法治进校园", "开展法治讲座")."""
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


def kind_of_examples(before: str) -> str:
    """What a list of examples before "等N个…" is a kind of, or "".

    The longest start shared by two and at least half of them ("高考备考领导小组、高考学科组、
    高考备考信息小组等5个小组" → "高考备考"), else the last document title's subject
    ("《关于校园文化建设的通知》等三个文件" → "校园文化建设"). The first example may carry the
    clause's verb ("成立…"): it is read from where the second example's start appears in it.
    """
    items = [
        _TITLE_WRAPPER.sub("", item)
        for item in (name_from(x, minimum=1) for x in _EXAMPLES.split(before))
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
    return _TITLE_WRAPPER.sub("", name_from(titles[-1], minimum=1)) if titles else ""


def only_examples(before: str) -> bool:
    """Whether the words before a count name nothing of their own, or only examples ("…等")."""
    return not name_from(before, minimum=1) or before.rstrip().endswith("等")


def purpose_of(sentence: str, q: Quantity) -> str:
    """What a sum buys or builds, said right after it, in its clause or the next one."""
    rest = MARKS.sub("", sentence[q.span[1] :])
    if rest[:1] in ("，", ","):
        rest = rest[1:]
    if match := _PURPOSE.match(rest):  # "为乡村学校更换课桌椅" → who for and what
        for_whom = "" if _EVERYONE.match(match.group(1) or "") else match.group(1) or ""
        return name_from(without_quantities(for_whom + match.group(2))).rstrip("各")
    if match := _WORK_DONE_ON.match(rest):  # "，对12所学校的旱厕进行改造" → "旱厕改造"
        return name_from(match.group(1).split("的")[-1]) + match.group(2)
    if (match := _FOR_USE.match(rest)) and not find_quantities(match.group(1), figures_only=True):
        return name_from(match.group(1))  # "，专项用于农村学校课桌椅更新"; not "用于资助学生420名"
    return ""


def money_word(said: str) -> str:
    """The word a sum is named with: its own ("投入", "经费"), or 资金 when it was only said how
    it was given ("市财政安排")."""
    return "资金" if said in _MONEY_ACT else said


def _rate_name(upto: str, before: str, after: str, topic: str) -> str:
    """A per-head rate is the standard of what is given to whom: "对困难幼儿每生每年给予1000元
    补助" → "困难幼儿补助标准"; "免除杂费，标准为：小学生每年生均240元" → "小学生免除杂费标准";
    "寄宿生补助标准为小学每生每年1000元、初中每生每年1250元" and "生均公用经费按小学720元、
    初中940元" → one standard per school stage (every item of the list reads what the standard
    is of). `upto` is the sentence up to the figure."""
    text = MARKS.sub("", upto)
    said = list(_STANDARD_SAID.finditer(text))
    what, by = "", ""
    if said:
        of_what = name_from(CLAUSE_BREAK.split(text[: said[-1].start()])[-1])
        what = of_what + said[-1].group(1) if of_what else ""  # "…，标准为：" names no one
        by = said[-1].group()
    elif ruled := _BY.findall(clause := CLAUSE_BREAK.split(text)[-1]):
        by = ruled[-1]
        what = name_from(clause.rpartition(by)[0])
    after_by = MARKS.sub("", before).split(by)[-1] if by else before
    after_by = _TIER_BASIS.sub("", after_by)  # "按学校艰苦边远程度分为每人每月…": no one's
    who = name_from(_GIVEN.sub("", _PER_HEAD.sub("", after_by.split("、")[-1])), minimum=1)
    noun = noun_after(after)
    if given := _GIVEN_AT.match(MARKS.sub("", after)):  # "…800元的标准发放生均奖补资金"
        who, what = who or what, _FUNDS.sub("", name_from(given.group(1)))
    what = what or ("" if noun.startswith(_STANDARD_WORDS) else noun) or topic
    return standard_name(_RULED_BY.sub("", who), what)


def _next_standard(before: str, earlier: list[Named]) -> bool:
    """Whether the figure is the next item of a list of standards ("按小学720元、初中940元")."""
    listed = before.strip().startswith("、") and bool(earlier)
    return listed and any(w in earlier[-1].indicator for w in _STANDARD_WORDS)


def standard_name(who: str, what: str) -> str:
    """The standard of `what` for `who`: 小学 and 初中 are the two halves of 义务教育 ("小学" +
    "义务教育生均公用经费" → "小学生均公用经费标准")."""
    if who in _COMPULSORY_HALVES and "义务教育" in what:
        who, what = "", what.replace("义务教育", who)
    name = who + what
    return name if any(w in name for w in _STANDARD_WORDS) or not name else name + "标准"


def listed_standards(head: str) -> list[str]:
    """ "农村寄宿生生活补助按小学、初中（分别为每生每年…）" → each stage's standard; [] if the
    list names no 按."""
    of_what, by, whom = head.rpartition("按")
    if not by or not (what := name_from(of_what)):
        return []
    return [standard_name(name_from(who, minimum=1), what) for who in whom.split("、")]


def _sum_before(earlier: list[Named], upto: str) -> str:
    """The name of the latest sum of money before that is no standard itself: "寄宿生生活补助
    612万元，按小学每生每年1000元、初中每生每年1250元的标准发放" rates what the 612万元 paid."""
    for item in reversed(earlier):
        named = item.indicator
        if item.quantity.base_unit == "元" and not item.is_change and item.clause in upto:
            if not any(w in named for w in _STANDARD_WORDS):
                return named
    return ""


def _same_count(q: Quantity, earlier: list[Named]) -> Named | None:
    """The latest earlier count of q's value whose name holds the noun q's unit stands for."""
    for item in reversed(earlier):
        if item.quantity.value == q.value and not item.is_change:
            if q.unit in item.indicator:
                return item
    return None
