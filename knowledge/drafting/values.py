"""The official's numbers, as typed: "入园率98.1%，新建幼儿园3所，新增学位990个", "入园率目标97%",
"入园率改为98.3%", "培训教师=9500人次", or a bare "98.1%" for the indicator being asked about.

Each piece of a message (split at ，；。 and line breaks) is read with ingest.numbers; the words
before a number name it. A name is matched to the model's indicators (knowledge.indicators:
"入园率" finds "学前三年幼儿入园率"); a name that matches none is a new indicator the user adds.
"目标" in the name makes the value a target.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ingest.name_words import in_order
from ingest.numbers import find_quantities, parse_quantity
from knowledge import indicators

_PIECES = re.compile(r"[，,；;。\n]+")
_NAME_TAIL = re.compile(
    r"(?:改为|改成|调整为|修改为|更正为|更新为|预计达到|预计达|达到了?|提高到|为|是|达|有|共|约|"
    r"[=＝:：\s])+$"
)
_NAME_HEAD = re.compile(r"^(?:把|将|请把|请将|本期|今年|本年|其中|另外|此外|已经|已|[=＝:：\s])+")
_TARGET = re.compile(r"目标(?:值)?")
CLEAR_MATCH = 0.9  # a name this close names the indicator even in a wrong unit
_MIN_ABBREVIATION = 4  # shorter, "入园" or "学位" would be a part of too many names


@dataclass(frozen=True)
class Given:
    """A value the user gave: their name for it, the model's indicator it fills, and its text."""

    name: str  # as typed: "入园率"
    indicator: str  # the model's indicator it fills ("学前三年幼儿入园率"), or `name` if new
    kind: str  # actual | target
    raw: str  # the number as typed: "98.1%"
    said: str  # the user's words: "入园率98.1%"
    new: bool = False  # an indicator the model did not report

    def key(self) -> tuple[str, str]:
        """What a later value of the same indicator replaces."""
        return (self.indicator, self.kind)

    def to_dict(self) -> dict[str, object]:
        """As kept in the conversation state."""
        return asdict(self)


def parse_values(
    text: str, known: dict[str, str], pending: tuple[str, str] | None = None
) -> list[Given] | None:
    """The values in a message, each matched to a `known` indicator (name → base unit).

    A name matches the best-named indicator whose unit agrees; a clear name in the wrong
    unit ("新招聘教师98%") keeps its indicator, for the caller to refuse; a loose name that
    fits no indicator's unit ("幼儿园3所") is a new one. A bare number fills `pending`, the
    (indicator, kind) being asked about. None when the message holds no readable value.
    """
    found: list[Given] = []
    for piece in (p.strip() for p in _PIECES.split(text)):
        if not piece:
            continue
        whole = parse_quantity(piece)
        if whole is not None and whole.kind == "figure":
            if pending is None:
                return None  # a number without a name, and nothing being asked
            found.append(Given(pending[0], pending[0], pending[1], whole.raw, piece))
            continue
        cursor = 0
        for q in find_quantities(piece, figures_only=True):
            name = _clean_name(piece[cursor : q.span[0]])
            cursor = q.span[1]
            if name:
                found.append(_given(name, q.raw, piece, known))
            elif pending is not None:
                found.append(Given(pending[0], pending[0], pending[1], q.raw, piece))
            else:
                return None
    return found or None


def _clean_name(text: str) -> str:
    name = text.strip()
    for _ in range(2):
        name = _NAME_TAIL.sub("", _NAME_HEAD.sub("", name)).strip()
    return name


def _given(name: str, raw: str, said: str, known: dict[str, str]) -> Given:
    kind = "target" if _TARGET.search(name) else "actual"
    bare = _TARGET.sub("", name).strip() or name
    q = parse_quantity(raw)
    unit = q.base_unit if q else ""
    matches = indicators.match(bare, list(known))
    fitting = [n for n, _ in matches if not unit or not known[n] or known[n] == unit]
    if matches and matches[0][1] >= CLEAR_MATCH and matches[0][0] not in fitting:
        return Given(name, matches[0][0], kind, raw, said)
    if fitting:
        return Given(name, fitting[0], kind, raw, said)
    shortened = [n for n in known if (not unit or known[n] == unit) and _abbreviates(bare, n)]
    if len(shortened) == 1:  # "新建幼儿园" for 新建、改扩建公办幼儿园: said short, one way only
        return Given(name, shortened[0], kind, raw, said)
    return Given(name, bare, kind, raw, said, new=True)


def _abbreviates(short: str, name: str) -> bool:
    """Whether `short` is `name` with words left out: its characters, in order, within it."""
    short, name = indicators.normalise(short), indicators.normalise(name)
    return len(short) >= _MIN_ABBREVIATION and in_order(short, name)


def valid_quantity(raw: str) -> bool:
    """True when the value text reads as one figure."""
    q = parse_quantity(raw)
    return q is not None and q.kind == "figure"
