"""Plain text → clean text: web boilerplate of scraped copies removed, whitespace normalised.

Scraped copies of summaries carry the hosting site's banners, navigation bars, link lists,
"扫码" promotions, source/click lines and a truncated abstract of the opening paragraph.
The rules below are general (short lines dominated by navigation words, URLs, '|' link bars,
site names ending in 网) plus a small curated phrase list; a line is only dropped when it is
short or has no sentence of its own, so real paragraphs that mention a phrase survive.
Full-width punctuation is kept as written (no NFKC): figures are quoted back verbatim.
"""

from __future__ import annotations

import re

# Characters that render as nothing or as a plain space.
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
BLANK_RUNS = re.compile(r"\n{3,}")

ANY_PUNCT = re.compile(r"[。！？；!?;，,：:]")
SENTENCE_END = re.compile(r"[。！？!?]")
CLAUSE_PUNCT = re.compile(r"[。！？；!?;，,]")
DIGIT = re.compile(r"\d")

# Inline fragments glued into a real line ("一、加强领导…机制本文选自wwwp.xxx.com").
# ASCII only, ending in a top-level domain: \w would take "1.学前教育普及普惠" (a heading)
# for a host, and "2.5" is a number.
URL = (
    r"(?:https?://)?[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
    r"(?:/[A-Za-z0-9_\-./?%&=#]*)?"
)
SOURCE_FRAGMENT = re.compile(
    rf"(?:本文(?:选自|来自|来源于?|出自|转载自)|原文(?:链接|地址)|文章来源)\s*[:：]?\s*{URL}"
)
# URLs apart by spaces: "(?:{URL}\s*)+" would try every split of "a.bc.de…" and take
# exponential time on a line of dotted words that is not one.
BARE_URL_LINE = re.compile(rf"^{URL}(?:\s+{URL})*\s*$")

# Site furniture phrases: a line holding one is dropped when it is short or has no sentence.
SHORT_LINE = 40
FURNITURE = re.compile(
    r"设为首页|加入收藏|返回首页|关于我们|联系我们|免费预览|免费入口|永久免费|领取福利"
    r"|(?:微信|手机)扫码|扫码(?:领取|关注|下载|阅读)|扫一扫"
    r"|原创写作|专注精品|版权所有|[Cc]opyright|ICP备|上一篇|下一篇|相关(?:文章|范文|推荐)"
    r"|热门(?:文章|范文|推荐)|编辑推荐|推荐范文|总排行|排行榜|^[\u4e00-\u9fff]{0,8}导航$"
    r"|点击[:：]|浏览次数|阅读次数|来源[:：]\s*\S{0,40}网"  # bounded: "来源：" * n is no scan of n²
)
# Site names: "竞聘写作网", "演讲稿写作网"; real text rarely names such a site in a short line.
SITE_NAME = re.compile(
    r"[\u4e00-\u9fff]{0,8}(?:写作|范文|文库|文秘|公文|作文|美文|文章|资料|秘书|论文|材料)网"
)
# A date stamp with a clock time, or a date followed by the page's source/click counters.
DATE_STAMP = re.compile(
    r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?|(?:来源|作者|点击|浏览|发布|编辑).*)$"
)
# Sentences written by the site for its readers ("下面是小编给大家整理的…，仅供参考。").
SITE_WORDS = re.compile(r"小编|[为给]大家整理|欢迎阅读|欢迎借鉴")
# A sentence with its end mark. Split rather than matched around SITE_WORDS: a pattern
# scanning back to the sentence start backtracks quadratically on a long line without one.
SENTENCE_WITH_END = re.compile(r"[^。！？!?]*(?:[。！？!?]+|$)")

# Words of navigation bars and category link lists ("工作总结工作报告演讲稿事迹材料…").
NAV_WORDS = (
    "首页 关于我们 联系我们 网站地图 常见问题 信誉保障 稿费介绍 支付帮助 合作专区 写作中心 "
    "范文文库 范文大全 竞聘动态 竞聘地图 工作总结 工作报告 工作计划 演讲稿 发言稿 讲话稿 事迹材料 "
    "入党资料 入党申请书 思想汇报 心得体会 述职报告 调研报告 自查报告 实习报告 辞职报告 个人总结 "
    "年终总结 论文 领导讲话 文学 策划文案 策划 文案 专题 合同 翻译 竞聘 答辩 学习资料 法律文书 "
    "范文 文库 作文 致辞 主持词 申请书 规章制度 应急预案 活动方案 工作方案 党团 写作 导航 频道 "
    "排行 推荐 编辑 更多 登录 注册 会员 搜索 收藏 下载 热门 最新 栏目 精品 原创"
).split()
NAV_PATTERN = re.compile("|".join(sorted(NAV_WORDS, key=len, reverse=True)))
LINK_SEPARATORS = re.compile(r"\s*[|｜]\s*|\s+")
MAX_LINK_LABEL = 12

MIN_ABSTRACT_CHARS = 20  # shorter lines are too weak to call a duplicate
ABSTRACT_WINDOW = 4  # how many following lines a truncated abstract is compared against


def clean(text: str) -> str:
    """Remove web boilerplate of scraped copies and normalise whitespace; keep punctuation."""
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line is not None]
    lines = _drop_truncated_abstracts(lines)
    return BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _clean_line(line: str) -> str | None:
    """The line without inline boilerplate, "" for a blank line, None to drop it."""
    line = SPACES.sub(" ", line).strip()
    if not line:
        return ""
    line = SOURCE_FRAGMENT.sub("", line).strip()
    line = _drop_site_sentences(line).strip()
    if not line or is_boilerplate(line):
        return None
    return line


def _drop_site_sentences(line: str) -> str:
    """The line without the sentences a site wrote for its readers."""
    if not SITE_WORDS.search(line):
        return line
    sentences = SENTENCE_WITH_END.findall(line)
    return "".join(s for s in sentences if not SITE_WORDS.search(s))


def is_boilerplate(line: str) -> bool:
    """True for a whole line of site furniture (banner, navigation, link list, stamp, promo)."""
    if BARE_URL_LINE.match(line) or DATE_STAMP.match(line):
        return True
    if FURNITURE.search(line) or SITE_NAME.search(line):
        # A real paragraph may mention such words; furniture is short or has no sentence.
        if len(line) <= SHORT_LINE or not SENTENCE_END.search(line):
            return True
    return _is_link_bar(line) or _is_category_list(line)


def _is_link_bar(line: str) -> bool:
    """Several short link labels separated by spaces or '|' with navigation words among them."""
    if CLAUSE_PUNCT.search(line):
        return False
    tokens = [t for t in LINK_SEPARATORS.split(line) if t]
    short = [t for t in tokens if len(t) <= MAX_LINK_LABEL and not DIGIT.search(t)]
    has_bar = "|" in line or "｜" in line
    enough = len(tokens) >= 4 or (has_bar and len(tokens) >= 2)
    return enough and len(short) == len(tokens) and bool(NAV_PATTERN.search(line))


def _is_category_list(line: str) -> bool:
    """A run of category names with no punctuation, mostly covered by navigation words."""
    if ANY_PUNCT.search(line) or DIGIT.search(line):
        return False
    found = NAV_PATTERN.findall(line)
    covered = sum(len(word) for word in found)
    return len(found) >= 3 and covered >= 0.8 * len(line.replace(" ", ""))


def _norm(line: str) -> str:
    """Letters, digits and ideographs only: quotes and commas differ between copies."""
    return "".join(ch for ch in line if ch.isalnum())


def _drop_truncated_abstracts(lines: list[str]) -> list[str]:
    """Drop a line that is a truncated copy of the text that follows it (a page's abstract)."""
    kept: list[str] = []
    content = [i for i, line in enumerate(lines) if line]
    for pos, i in enumerate(content):
        head = _norm(lines[i])
        following = content[pos + 1 : pos + 1 + ABSTRACT_WINDOW]
        duplicate = len(head) >= MIN_ABSTRACT_CHARS and any(
            _covers(head, [_norm(lines[j]) for j in following[start:]])
            for start in range(len(following))
        )
        if not duplicate:
            kept.append(i)
    keep = set(kept)
    return [line for i, line in enumerate(lines) if not line or i in keep]


def _covers(head: str, later: list[str]) -> bool:
    """True when `head` is a proper prefix of the later lines run together."""
    joined = ""
    for text in later:
        joined += text
        if len(joined) > len(head):
            return joined.startswith(head)
    return False
