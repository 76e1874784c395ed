"""What an official's message asks of a draft: a command, or (when none) values to read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.cnnumerals import to_arabic

_N = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_RULES: tuple[tuple[str, str], ...] = (
    ("write", r"(?:生成|生成初稿|写初稿|开始起草|出稿|起草|写吧)"),
    ("skip_all", r"(?:全部跳过|跳过全部|跳过其余|其余跳过|都跳过)"),
    ("skip", r"跳过\s*(?P<name>.*)"),
    ("cancel", r"(?:取消|放弃|不写了)"),
    ("finish", r"(?:完成|结束|定稿)"),
    ("export", r"(?:导出|导出\s*word|导出\s*docx|下载|要word|要docx)"),
    ("show", r"(?:查看|显示|看看)(?:草稿|初稿|稿子)?|状态"),
    ("model", rf"(?:换|用|改用|换用)?范本\s*{_N}"),
    ("drop_missing", r"(?:删除|删去|去掉)(?:所有)?待补充(?:的句子)?"),
    ("mark_missing", r"(?:标记|保留|恢复)待补充"),
    ("drop_point", rf"(?:删除|删去|去掉)\s*第?\s*[（(]?{_N}[）)]?\s*(?:点|条|部分|项)?"),
    ("swap", rf"(?:把)?第?{_N}点?(?:和|与)第?{_N}点?(?:对调|互换|调换)"),
    ("move", rf"(?:把)?第?{_N}点?(?:移到|放到|调到|挪到)(?:最前面?|第?{_N}点?(?:前面?)?)"),
    ("shorter", r"(?:缩短|精简|简短些?|短一点|压缩|简洁一点)"),
    ("longer", r"(?:扩写|详细一?些?|长一点|展开|丰富一点)"),
    ("restore", r"(?:恢复原结构|恢复全部要点|撤销调整)"),
    ("add_point", r"(?:补充|增加一点|新增一点|加一段|增加要点)[：:\s]\s*(?P<text>.+)"),
    ("region", r"(?:地区|县区|单位名称|地名)\s*(?:为|是|改为|[:：])\s*(?P<text>\S+)"),
    ("period", r"(?:期间|时间|年度)\s*(?:为|是|改为|[:：])\s*(?P<text>\S+)"),
)
_COMPILED = [(name, re.compile(rf"^\s*{pattern}\s*[。！!]?\s*$", re.I)) for name, pattern in _RULES]


@dataclass(frozen=True)
class Command:
    """A recognised request: its name and its arguments (numbers, a name or a text)."""

    name: str
    numbers: tuple[int, ...] = ()
    text: str = ""


def read_command(message: str) -> Command | None:
    """The command a message gives, or None (then it should hold values)."""
    for name, pattern in _COMPILED:
        m = pattern.match(message)
        if m is None:
            continue
        groups = m.groupdict()
        numbers = tuple(
            int(g) if g.isdigit() else int(to_arabic(g))
            for key, g in enumerate(m.groups())
            if g and re.fullmatch(_N, g) and key not in _named_positions(pattern)
        )
        text = (groups.get("text") or groups.get("name") or "").strip()
        return Command(name, numbers, text)
    return None


def _named_positions(pattern: re.Pattern[str]) -> set[int]:
    return {index - 1 for index in pattern.groupindex.values()}
