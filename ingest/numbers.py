"""Numbers as the reports write them: "97.7%", "809.8万元", "近2万平方米", "三所", "百分之九十五".

The one module that reads numbers. A `Quantity` keeps the raw text and its offsets beside an
exact Decimal, so a figure can always be shown as it was written. The rules, chosen once here:

- value is the number as written, and a magnitude written after it belongs to the unit:
  "809.8万元" → 809.8 "万元", "近2万平方米" → 2 "万平方米", "8千余平方米" → 8 "千平方米";
  scaled() multiplies it out (20000, base_unit "平方米"). A Chinese numeral keeps 百/千 inside
  ("两千人" → 2000 "人"); only its last 万/亿 goes to the unit ("二十万元" → 20 "万元").
- approximate: a marker before (近, 约, 超过, 逾, 不少于 …), inside (余, 多, 几) or after (以上,
  左右 …) the number; qualifier holds the markers as written, joined by "…". Adjacent digits
  ("三四所") are a range, approximate with no marker.
- ranges "3-5所", "3至5所", "百分之九十至九十五": value is the upper end, low the lower one, in
  the same unit; a side written without a unit takes the other's.
- no definite value, no quantity: "数十所", "几十人", "上百名", "成千上万" are not read.
- Chinese numerals are read only before a measure word (MEASURE_WORDS), a 万/亿, or after
  百分之/分之, so 一岗双责, 十七大, 两学一做 stay words. A lone "一" before a measure word is the
  article ("一项长期任务", "一支队伍") and is read only by parse_quantity, except before a unit
  of time ("为期一个月", "锻炼一小时": DURATION_UNITS) or a building ("一栋"). "一半" is 0.5
  and a "零" standing alone after 为/是 ("犯罪率一直为零") is 0, both without a unit; "零容忍",
  "零事故" stay words.
- a number repeated with a bound after 或 is one approximate figure: "2例或2例以上".
- a space a PDF set between digits and their unit is allowed: "174 人次" → 174 "人次".
- a number right after an opening quote or title mark is a name: “三个代表”, 体艺“2+1”,
  “3.15事故调查组”, 《十项制度》; so is one touching Latin letters, "+", "*" ("3D", "20**年").
- direction words are not part of the number: "减少12人" → 12 "人"; the caller decides the sign.
- fractions "1/3" and "三分之一" → value 1, unit "/3", kept exact (scaled() leaves them as is).
- kind says what a number is. "figure" is an indicator value; the others are numbers that are
  not: "year" ("2024年", value 2024, unit "年"), "date" ("1月9日", "7月31日", "23点26时"),
  "doc_number" ("〔2023〕8号"; the issuing office 涡教 is text), "ordinal" ("第二季度", "一、",
  "（一）", "1.", "一是", "3号", a rank "前100名", a caption "表1"), "code" (phone numbers,
  long digit strings). Their value is the first number written (a document's serial number,
  8); same_number compares canonical text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ingest.cnnumerals import MAGNITUDE_CHARS, NUMERAL_CHARS, read_numeral, to_arabic

Kind = Literal["figure", "year", "date", "doc_number", "ordinal", "code"]

# Words after which a Chinese numeral is a count: "三所", "二十二栋", "十余项". Arabic digits take
# these and ARABIC_ONLY_UNITS, which after a Chinese numeral are words ("十分", "三年规划", "四周").
MEASURE_WORDS = (
    "个百分点", "平方公里", "平方米", "立方米", "人次", "学时", "课时", "小时", "分钟", "公里",
    "千米", "千克", "公斤", "周岁", "个月", "场次", "所", "个", "项", "人", "名", "位", "次", "场",
    "栋", "幢", "套", "间", "台", "架", "辆", "元", "篇", "份", "册", "件", "条", "期", "批", "家",
    "支", "座", "种", "门", "节", "堂", "班", "户", "亩", "米", "吨", "克", "校", "园", "天", "岁",
    "处", "字", "倍", "例", "床", "起", "只", "根", "张", "块", "幅", "镇", "乡", "档", "科",
    "轮", "枚", "片", "成", "校次", "所次", "个工作日", "工作日",
)  # fmt: skip
DURATION_UNITS = ("小时", "个月", "分钟")  # "一小时" is an hour, never the article 一
BUILDING_UNITS = ("栋", "幢")  # "新建综合楼一栋" counts a building, never the article 一
# "一本上线", "二类幼儿园" are tiers
ARABIC_ONLY_UNITS = ("年", "周", "分", "本", "类", "餐")  # "一日三餐" is no count
PER_UNITS = ("人", "生", "年", "月", "天", "次", "校", "班", "平方米")  # "1500元/人/年"
_PHASE_OF = re.compile(r"工程|项目|主体|建设|改造|扩建|新建")  # "二期工程": phase two
ORDINAL_WORDS = ("季度", "届", "学期", "阶段", "章", "款", "轮", "部分", "单元", "年级", "课", "组")
# Slogans when written without quotes (quoted ones are names anyway: “两学一做”).
SET_PHRASES = ("三个代表", "四个意识", "四个自信", "两个维护", "两个确立", "四个全面", "三位一体",
               "五位一体", "两个责任", "八项规定")  # fmt: skip
BARE_NUMBERS = {"一半": Decimal("0.5"), "零": Decimal(0)}  # read where they stand alone
MAGNITUDES = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
APPROX_INSIDE = ("余", "多", "几")
APPROX_AFTER = ("以上", "左右", "上下", "以下", "以内", "之多")
# Before the number; the look-behinds keep 节约, 制约, 最近, 附近, 赶超 out.
APPROX_BEFORE = r"将近|接近|大约|约为|超过|不足|不到|不少于|不低于|不超过|至少|最多|多达|逾|"
APPROX_BEFORE += r"(?<![最附亲])近|(?<![节制预签邀公条契])约|(?<!赶)超"
NAME_OPENERS = "“‘「『《\"'"
NAME_NEIGHBOURS = "+*#@&_＊"

# One-for-one, so offsets in the normalised text are offsets in the original.
_NORMALISE = str.maketrans("０１２３４５６７８９．％，～－／：＋", "0123456789.%,~-/:+")
_BRACKETS = str.maketrans("〔［【（〕］】）", "[[[(]]])")


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_AR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_CN = rf"[{NUMERAL_CHARS}]++(?:点[〇零一二三四五六七八九]++)?"
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_ORD = r"[一二三四五六七八九十]{1,3}"
_NOT_CN = rf"(?<![{NUMERAL_CHARS}])"
_MAG = r"[百千]?万|万?亿|千(?![米克瓦兆])"
_TO = r"\s*[-~—–至到]\s*"
_Y, _M, _D = r"(?:19|20)\d{2}", r"(?:1[0-2]|0?[1-9])", r"(?:3[01]|[12]\d|0?[1-9])"
_CM, _CD = (
    r"(?:十[一二]?|[一二三四五六七八九正])",
    r"(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])",
)
_PART = r"(?:份|底|初|末|上旬|中旬|下旬)?"
# What each number is, in priority order: at the leftmost number the first kind that matches
# wins. Verbose patterns, one shape a line with an example.
# fmt: off
_PATTERNS = (
    # a domain's labels bounded as DNS bounds them: unbounded, "1.1.1…" or "3-3-3…" would be
    # scanned to its end from each of its numbers
    ("skip", r"""https?://[\w./?=&%#-]+
                | (?:[A-Za-z0-9-]{1,63}\.){1,10}(?:com|cn|net|org|gov)\b[\w./-]*"""),
    ("date", rf"""
          (?<!\d){_Y}[-./]\d{{1,2}}[-./]\d{{1,2}}(?!\d)                  # 2012-08-13
        | (?<!\d)\d{{1,2}}:\d{{2}}(?::\d{{2}})?                           # 11:41:48
        | (?<!\d)(?:{_Y}\s*年\s*)?{_M}(?:{_TO}{_M})?\s*月{_PART}         # 2024年6月, 1-6月份,
          (?:\s*{_D}(?:{_TO}{_D})?\s*[日号])?                             # 7月31日, 6月24至27日
        | (?<!\d){_D}\s*日                                                # (5月14日至)25日
        | (?<!\d)\d{{1,2}}[点时]\d{{1,2}}[分时]                           # 23点26时
        | (?<=上午|下午|晚上|凌晨|中午|早上|傍晚|早晨)\d{{1,2}}[点时](?:多|半)?  # 上午5点多
        | {_NOT_CN}(?:[{_CN_DIGITS}]{{4}}年)?{_CM}月{_PART}(?:{_CD}[日号])?  # 二〇一二年八月
        | {_NOT_CN}(?<![“《]){_CD}日                                      # 二十日, not “一日安全
    """),
    ("year", rf"""
          (?<!\d)(?:{_Y}\s*年?{_TO})?{_Y}(?!\d)\s*                        # 2024年, 2023—2024学年,
          (?:学年度?|年度?|届|(?=[上下]半年))                              # 2023上半年, 2025届
        | (?<![{_CN_DIGITS}])[{_CN_DIGITS}]{{4}}年度?                     # 二〇二四年
    """),
    ("doc_number", rf"""
          [〔［【\[(（](?:{_Y}|(?:19|20)?[xX*]{{2,4}})年?[〕］】\])）]     # 〔2023〕8号, [20**]4号
          \s*第?\s*\d+\s*号
        | [〔［【\[]{_Y}[〕］】\]]                                        # 〔2024〕
    """),
    ("code", rf"""
          (?<![\d.])(?:0\d{{2,3}}-\d{{7,8}}|1[3-9]\d{{9}}|\d{{12,}})     # 0571-88888888
          (?!\d|\.\d|[%万亿]|{_alt(MEASURE_WORDS)})                        # not 13000000000元
        | (?:(?<=电话|热线|传真|手机)|(?<=电话:|热线:|传真:|手机:))\d{{7,8}}(?!\d)  # 电话：8888888
        | (?<=工程|计划|行动)\d{{1,2}}\.\d(?![\d%万亿])(?!\s*(?:{_alt(MEASURE_WORDS)}))  # 工程2.0
        | (?<![\d.])\d{{5,6}}(?!\s*(?:{_alt(MEASURE_WORDS)}))                # 12345政务服务热线
          (?=\s*[\u4e00-\u9fff]{{0,8}}热线)
    """),
    ("ordinal", rf"""
          第\s*(?:\d+|{_CN_ORD})(?:{_TO}(?:\d+|{_CN_ORD}))?                # 第二季度, 第1篇,
          (?:{_alt(ORDINAL_WORDS + MEASURE_WORDS)})?                          # 第1-3名
        | (?:^|(?<=[\n。；;:]))[\ \t　]*(?:\d{{1,2}}[.、](?!\d)|{_CN_ORD}、)  # 1. 2、 一、
        | [（(](?:\d{{1,2}}|{_CN_ORD})[）)]                               # （一） (1)
        | (?:^|(?<=[\n。；;:,\s])){_CN_ORD}是                              # 一是
        | (?:(?:[一二三四五六七八九]|\d)\s*年级|[初高][一二三])              # 七年级9班, 初三2班
          \s*(?:\d{{1,2}}|{_CN_ORD})\s*班
        | (?<![\d.])\d{{1,2}}(?:{_TO}\d{{1,2}})?\s*年级                     # 4至12年级 (grades)
        | (?<!\d)\d{{1,4}}\s*号                                           # 3号楼
        | 前\s*(?:\d+|{_CN_ORD})\s*[名位强](?!\d)                          # 前100名 (a rank)
        | (?<=[表图])\s*\d{{1,2}}(?![\d.%])(?!\s*(?:{_alt(MEASURE_WORDS)}))      # 表1 (a caption)
    """),
    ("percent", rf"[百千]分之(?:{_AR}|{_CN})"),                            # 百分之九十五
    ("fraction", rf"(?<![\d/])\d+/\d+(?![\d/]) | (?:\d+|{_NOT_CN}{_CN})分之(?:\d+|{_CN})"),
    ("bare", r"一半 | (?<=[为是])零(?=[，,。；;！!？?]|$)"),                # 一半以上, 一直为零
    ("arabic", rf"(?<!\d)(?<!\d[.,]){_AR}"),                               # 1,234.5
    ("chinese", rf"{_NOT_CN}(?<![数几若]){_CN}"),                          # 二十二, not 数十
)
# fmt: on
_LABELS: dict[str, Kind] = {k: k for k in ("year", "date", "doc_number", "code", "ordinal")}
_SCAN = re.compile("|".join(f"(?P<{name}>{p})" for name, p in _PATTERNS), re.M | re.X)
_UNITS = rf"(?:%|‰|{{units}})(?:/(?:{_alt(PER_UNITS)}))*"
_TAIL = (
    rf"(?P<inside>{_alt(APPROX_INSIDE)})?(?P<mag>{_MAG})?(?P<inside2>余|多)?"
    rf"(?P<unit>{_UNITS})?(?P<after>{_alt(APPROX_AFTER)})?"
)
# A PDF may set a space between digits and their unit ("增加174 人次"); digits only.
_TAIL_AR = re.compile(
    _TAIL.replace("(?P<unit>", "(?P<unit>(?<=\\d)[ ](?=\\S)(?:{units})|").replace(
        "{units}", _alt(MEASURE_WORDS + ARABIC_ONLY_UNITS)
    )
)
_TAIL_CN = re.compile(_TAIL.replace("{units}", _alt(MEASURE_WORDS)))
_AFTER = re.compile(rf"(?P<after>{_alt(APPROX_AFTER)})?")
_BEFORE = re.compile(rf"(?:{APPROX_BEFORE})\Z")
_LASTING = re.compile(r"(?:为期|期为|限为|历时|满|长达)\Z")  # "为期两周", "支教期限为一年"
_HIGH = re.compile(rf"{_TO}(?:[百千]分之)?(?P<number>{_AR}|{_CN})")
_NUMERAL = re.compile(rf"{_AR}|{_CN}")
_MAG_PREFIX = re.compile(rf"(?:{_MAG})")
_OR_AGAIN = re.compile(rf"或(?P<number>{_AR}|{_CN})")


@dataclass(frozen=True)
class Quantity:
    """A number as written in a text, read exactly."""

    raw: str  # exactly as written, qualifiers included: "近2万平方米"
    value: Decimal  # the number written, before its unit's magnitude: 2
    unit: str  # magnitude and unit as written: "万平方米"; "" if none
    approximate: bool
    qualifier: str  # approximate markers as written ("近", "余", "约…以上"); "" if none
    low: Decimal | None  # the lower end of a range, in the same unit
    span: tuple[int, int]  # offsets of raw in the text
    kind: Kind = "figure"

    @property
    def base_unit(self) -> str:
        """The unit without its magnitude: "万元" → "元", "亿元" → "元", "万" → ""."""
        m = _MAG_PREFIX.match(self.unit)
        return self.unit[m.end() :] if m else self.unit

    @property
    def multiplier(self) -> int:
        """What the unit's magnitude multiplies by: "万元" → 10000; 1 without one."""
        m = _MAG_PREFIX.match(self.unit)
        return math.prod(MAGNITUDES[ch] for ch in (m.group() if m else ""))

    def scaled(self) -> Decimal:
        """The value in base_unit: 809.8万元 → 8098000 (元); % and fractions stay as they are."""
        return self.value * self.multiplier

    def canonical(self) -> str:
        """The raw text with numerals in plain Arabic digits: "二〇一二年八月" → "2012年8月"."""
        text = self.raw.translate(_NORMALISE).translate(_BRACKETS)
        return re.sub(r"\s+", "", _NUMERAL.sub(lambda m: _plain(m.group()), text))


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a whole string is ("98.1%", "三所", "一所", "990个"), or None."""
    stripped = text.strip()
    found = _scan(stripped, lenient=True)
    if len(found) != 1 or found[0].raw != stripped:
        return None
    q, offset = found[0], text.index(stripped)
    return replace(q, span=(q.span[0] + offset, q.span[1] + offset))


def find_quantities(text: str, *, figures_only: bool = False) -> list[Quantity]:
    """Every number in the text, in order, each with its kind; only figures if asked."""
    found = _scan(text, lenient=False)
    return [q for q in found if q.kind == "figure"] if figures_only else found


def same_number(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities state the same number: 809.8万元 == 8098000元, 97.7% != 97.7个百分点.

    Figures and years compare by exact value, range and base unit, not by wording, so
    approximation markers are ignored; other kinds compare by canonical text.
    """
    if a.kind != b.kind:
        return False
    if a.kind not in ("figure", "year"):
        return a.canonical() == b.canonical()
    return _exact(a) == _exact(b)


def _exact(q: Quantity) -> tuple[str, Fraction, Fraction | None]:
    base, scale = q.base_unit, Fraction(q.multiplier)
    if base.startswith("/"):  # 1/3 == 2/6
        base, scale = "/", Fraction(1, int(base[1:]))
    low = None if q.low is None else Fraction(q.low) * scale
    return base, Fraction(q.value) * scale, low


def _plain(numeral: str) -> str:
    """A numeral in plain Arabic digits: "1,234.50" → "1234.50", "二〇一二" → "2012"."""
    return str(Decimal(numeral.replace(",", ""))) if numeral[0].isdigit() else to_arabic(numeral)


def _scan(text: str, *, lenient: bool) -> list[Quantity]:
    norm = text.translate(_NORMALISE)
    found: list[Quantity] = []
    pos = 0
    while (m := _SCAN.search(norm, pos)) is not None:
        pos = m.end()
        if (label := _LABELS.get(m.lastgroup or "")) is not None:
            start = m.start() + len(m.group()) - len(m.group().lstrip(" \t　\n"))
            found.append(_labelled(text, norm, start, pos, label))
        elif m.lastgroup != "skip":
            q, pos = _figure(text, norm, m, lenient)
            if q is not None:
                found.append(q)
    return found


def _labelled(text: str, norm: str, start: int, end: int, kind: Kind) -> Quantity:
    """A number that is not a figure, valued by its first numeral (a document by its serial)."""
    numerals = [Decimal(_plain(n)) for n in _NUMERAL.findall(norm, start, end)]
    value, low, unit = numerals[-1 if kind == "doc_number" else 0], None, ""
    counted = kind == "ordinal" and norm[start] == "第"
    if (kind == "year" or counted) and len(numerals) == 2:  # "2023—2024学年", "第1-3名"
        low, value = numerals
    if kind == "year":
        unit = "学年" if "学年" in norm[start:end] else "年"
    elif counted:
        unit = re.sub(rf"{_TO}|{_NUMERAL.pattern}|\s", "", norm[start + 1 : end])
    return Quantity(text[start:end], value, unit, False, "", low, (start, end), kind)


def _figure(text: str, norm: str, m: re.Match[str], lenient: bool) -> tuple[Quantity | None, int]:
    """The figure whose numeral m found (or None), and where scanning goes on."""
    start, kind, numeral = m.start(), m.lastgroup, m.group()
    lasting = _LASTING.search(norm, max(0, start - 3), start) is not None
    head = _head(norm, m, lenient, lasting)
    if head is None:
        return None, m.end()
    value, low, unit, quals, tail = head
    end, adjacent, ranged = tail.end(), low is not None, None  # adjacent: "三四所"
    if low is None and not tail["after"] and (high := _HIGH.match(norm, end)):
        ranged = _range_end(norm, high, unit)
    if ranged is not None:
        low, (value, unit, end, high_quals) = value, ranged
        quals += high_quals
    elif (more := _or_more(norm, end, value, unit)) is not None:  # "2例或2例以上"
        end, more_qual = more
        quals.append(more_qual)
    elif kind == "chinese" and not (unit or lenient):
        return None, end  # "十七大", "一心一意"
    if kind == "chinese" and numeral == "一" and not (lenient or ranged or unit[:1] in "万亿"):
        if unit not in DURATION_UNITS + BUILDING_UNITS and not lasting:
            return None, end  # the article: "一项长期任务"; but "为期一个月", "锻炼一小时"
    if _touches_name(norm, m, end) or (unit == "期" and _PHASE_OF.match(norm, end)):
        return None, end  # a name; or "二期工程", the phase of a project
    if (before := _BEFORE.search(norm, max(0, start - 3), start)) is not None:
        start = before.start()
        quals.insert(0, before.group())
    qualifier = "…".join(q for q in quals if q)
    approximate = bool(qualifier) or adjacent
    return Quantity(text[start:end], value, unit, approximate, qualifier, low, (start, end)), end


_Head = tuple[Decimal, Decimal | None, str, list[str], re.Match[str]]
_Range = tuple[Decimal, str, int, list[str]]


def _head(norm: str, m: re.Match[str], lenient: bool, lasting: bool = False) -> _Head | None:
    """(value, low, unit, qualifiers, tail) of the numeral m found, with what follows it."""
    kind, numeral, start = m.lastgroup, m.group(), m.start()
    if kind in ("percent", "fraction"):
        if "/" in numeral:
            bottom, _, top = numeral.partition("/")
        else:
            top, _, bottom = numeral.partition("分之")
        read, over = _read(bottom, True), _read(top, True)
        if read is None or read[2] or over is None or not over[0] or over[0] % 1:
            return None  # no magnitudes ("百分之一万"), no "0/0"
        unit = {"百": "%", "千": "‰"}.get(top, f"/{over[0]}")
        after = _AFTER.match(norm, m.end())
        return read[0], read[1], unit, [after["after"] or ""], after
    if kind == "bare":  # 一半, 零: numbers without a unit of their own
        after = _AFTER.match(norm, m.end())
        return BARE_NUMBERS[numeral], None, "", [after["after"] or ""], after
    if kind == "chinese" and (
        any(norm.startswith(p, start) for p in SET_PHRASES)
        or (_char(norm, start - 1) in "上成" and numeral[0] in MAGNITUDE_CHARS)
    ):
        return None  # "三个代表", "上百名", "成千上万"
    return _with_unit(norm, numeral, m.end(), lenient or _char(norm, m.end()) in "余多", lasting)


def _with_unit(
    norm: str, numeral: str, end: int, bare_magnitude: bool, lasting: bool = False
) -> _Head | None:
    """A numeral ending at end, read with the qualifiers, magnitude and unit after it; after
    "为期" a Chinese numeral takes 年 and 周 too ("为期一年"), elsewhere those are words."""
    read = _read(numeral, bare_magnitude)
    if read is None:
        return None
    tail = (_TAIL_AR if numeral[0].isdigit() or lasting else _TAIL_CN).match(norm, end)
    unit = read[2] + (tail["mag"] or "") + (tail["unit"] or "").lstrip()
    quals = [tail["inside"] or "", tail["inside2"] or "", tail["after"] or ""]
    return read[0], read[1], unit, quals, tail


def _or_more(norm: str, end: int, value: Decimal, unit: str) -> tuple[int, str] | None:
    """(end, marker) when the number is repeated with a bound after "或": "2例或2例以上"."""
    again = _OR_AGAIN.match(norm, end)
    if again is None:
        return None
    head = _with_unit(norm, again["number"], again.end(), True)
    if head is None or head[0] != value or head[2] != unit or not head[4]["after"]:
        return None
    return head[4].end(), "或…" + head[4]["after"]


def _range_end(norm: str, high: re.Match[str], low_unit: str) -> _Range | None:
    """(value, unit, end, qualifiers) of a range's upper end, if its unit agrees with the lower."""
    head = _with_unit(norm, high["number"], high.end(), True)
    if head is None or head[1] is not None:
        return None
    value, _, unit, quals, tail = head
    if low_unit and unit and low_unit != unit:
        if not (_MAG_PREFIX.fullmatch(low_unit) and unit.startswith(low_unit)):  # 3万至5万元
            return None
    if not (unit or low_unit or high["number"][0].isdigit()):
        return None  # a Chinese numeral needs a unit on one side
    return value, unit or low_unit, tail.end(), quals


def _read(numeral: str, bare_magnitude: bool) -> tuple[Decimal, Decimal | None, str] | None:
    """(value, low, magnitude) of an Arabic or Chinese numeral."""
    if numeral[0].isdigit():
        return Decimal(numeral.replace(",", "")), None, ""
    return read_numeral(numeral, bare_magnitude=bare_magnitude)


def _char(norm: str, i: int) -> str:
    """The character at i, or NUL outside the text (so it is in no set of characters)."""
    return norm[i] if 0 <= i < len(norm) else "\0"


def _touches_name(norm: str, m: re.Match[str], end: int) -> bool:
    """Whether the number is part of a name: “2+1”, “3.15事故调查组”, "3D", "G20", "20**年"."""
    if _char(norm, m.start() - 1) in NAME_OPENERS:
        return True
    around = (_char(norm, m.start() - 1), _char(norm, m.end()), _char(norm, end))
    return any(ch.isascii() and ch.isalpha() or ch in NAME_NEIGHBOURS for ch in around)
