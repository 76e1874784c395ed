"""Drafting by analogy, without a language model.

The best past section is the style model: its headings, sentences and phrasing are kept;
every number in it is replaced. A figure of an indicator the user gave becomes the user's
value; one the user did not give becomes 【待补充：指标】 (or its sentence is left out);
dates, document numbers and other years become 【待补充：日期】 etc.; the model's year
becomes the draft's. Old comparisons ("比上年同期提高0.6个百分点", "超过年度目标…", and the
reason clause after them) are removed and new ones computed in code (knowledge.compare) from
the user's value and the last stored value of the same period last year, which appears only
inside that comparison ("比上年同期（98.3%）提高0.3个百分点"). Template blanks (xx县, 20**年)
are filled with the region and period when known. Every number the draft may carry is
returned as an allowed number for the figure guard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingest.figures import ProseFigure
from ingest.numbers import Quantity, find_quantities, parse_quantity
from knowledge.answers import AnswerFigure
from knowledge.compare import IncomparableUnits, compare
from knowledge.drafting.draftguard import ordered
from knowledge.drafting.layout import Layout, renumber
from knowledge.drafting.periods import Period, read_period
from knowledge.drafting.prose import (
    CLAUSE,
    COMPARISON,
    COUNT_BLANK,
    REASON,
    REGION_BLANK,
    SENTENCE,
    YEAR_BLANK,
    loose_name,
    recount,
    tidy,
)
from knowledge.drafting.sources import ModelSection, PastValue
from knowledge.drafting.values import Given
from knowledge.guard import Traceable, traceable_in
from prompts import Templates


@dataclass
class Draft:
    """A written draft: its text, its numbers, what is still missing, what the guard allows."""

    text: str
    figures: list[AnswerFigure]  # origin: user | computed | source (a past value)
    missing: list[str]
    allowed: list[Traceable]
    past_periods: list[str]
    points: int  # how many sub-points the layout can drop or move
    slots: dict[tuple[str, str], Quantity]  # (indicator, kind) → the model's figure


@dataclass(frozen=True)
class DraftRequest:
    """Everything a draft is written from."""

    model: ModelSection
    values: list[Given]
    past: dict[str, PastValue]  # indicator → its value in the same period last year
    period: Period
    region: str | None
    layout: Layout = Layout()


def model_figures(model: ModelSection, templates: Templates) -> dict[tuple[str, str], Quantity]:
    """(indicator, kind) → the model's figure, for every figure a draft can fill, in order."""
    return write(DraftRequest(model, [], {}, Period(None, ""), None), templates).slots


def _kind(kind: str) -> str:
    return "target" if kind in ("target", "plan") else "actual"


class _Writer:
    def __init__(self, request: DraftRequest, templates: Templates) -> None:
        self.request = request
        self.t = templates
        self.values = {g.key(): g for g in request.values}
        self.model_kinds: dict[str, set[str]] = {}
        for _, figure in request.model.figures():
            if figure.kind != "change":
                self.model_kinds.setdefault(figure.indicator, set()).add(_kind(figure.kind))
        self.figures: list[AnswerFigure] = []
        self.missing: list[str] = []
        self.allowed: list[Traceable] = []
        self.used_past: dict[str, PastValue] = {}
        self.model_period = read_period(request.model.period)
        self.sentence_missing = self.sentence_supplied = False
        self.clause_missing = self.clause_supplied = False
        self.slots: dict[tuple[str, str], Quantity] = {}

    # -- numbers -------------------------------------------------------------------------
    def placeholder(self, name: str) -> str:
        name = self.words(name)
        if name not in self.missing:
            self.missing.append(name)
        self.sentence_missing = self.clause_missing = True
        return self.t.render("drafting.missing", name=name)

    def label(self, key: str) -> str:
        return self.t.render(key)

    def value_for(self, indicator: str, kind: str) -> Given | None:
        given = self.values.get((indicator, kind))
        if given is None and kind == "target" and "actual" not in self.model_kinds[indicator]:
            given = self.values.get((indicator, "actual"))  # a figure read as a target
        return given

    def number(self, q: Quantity, figure: ProseFigure | None, sentence: str, subs: list) -> str:
        if q.kind == "ordinal":
            return q.raw
        if q.kind == "year":
            return self.year(q)
        if q.kind != "figure":
            labels = {"date": "drafting.label_date", "doc_number": "drafting.label_doc_number"}
            return self.placeholder(self.label(labels.get(q.kind, "drafting.label_code")))
        indicator = figure.indicator if figure else loose_name(sentence, q)
        kind = _kind(figure.kind) if figure else "actual"
        if figure is not None and figure.kind == "change":
            return self.placeholder(self.t.render("drafting.label_change", name=indicator))
        self.model_kinds.setdefault(indicator, set()).add(kind)
        self.slots.setdefault((indicator, kind), q)
        given = self.value_for(indicator, kind)
        if given is None:
            name = (
                indicator
                if kind == "actual"
                else self.t.render("drafting.label_target", name=indicator)
            )
            return self.placeholder(name or self.label("drafting.label_figure"))
        self.add_figure(given.raw, "user", indicator)
        self.sentence_supplied = self.clause_supplied = True
        if kind == "actual":
            subs.append(given)
        return given.raw

    def year(self, q: Quantity) -> str:
        draft, model = self.request.period, self.model_period
        if draft.year and model and model.year and q.value == model.year and q.low is None:
            return q.raw.replace(str(model.year), str(draft.year))
        return self.placeholder(self.label("drafting.label_year"))

    def add_figure(self, raw: str, origin: str, indicator: str, **source: Any) -> None:
        q = parse_quantity(raw)
        if q is None:
            return
        self.figures.append(
            AnswerFigure(raw, str(q.value), q.unit, origin, indicator, dict(source))
        )
        guard_origin = "past" if origin == "source" else origin
        self.allowed.append(Traceable(q, guard_origin, dict(source)))

    # -- words ---------------------------------------------------------------------------
    def words(self, text: str) -> str:
        request, model = self.request, self.request.model
        text = COUNT_BLANK.sub(
            lambda _: self.placeholder(self.label("drafting.label_figure")), text
        )
        if request.period.year:
            text = YEAR_BLANK.sub(f"{request.period.year}年", text)
        if request.region:
            region = request.region
            text = REGION_BLANK.sub(lambda m: region if region[-1] == m["kind"] else m[0], text)
            if model.region and model.region != region:
                text = text.replace(model.region, region)
        if self.model_period and self.model_period.part and request.period.part:
            text = text.replace(self.model_period.part, request.period.part)
        return text

    # -- comparisons ---------------------------------------------------------------------
    def comparison(self, given: Given) -> tuple[str, str] | None:
        """(change wording, past value) against the same period last year, or None."""
        past = self.request.past.get(given.indicator)
        new = parse_quantity(given.raw)
        if past is None or new is None:
            return None
        try:
            result = compare(past.quantity, new)
        except IncomparableUnits:
            return None
        self.used_past[given.indicator] = past
        inputs = {"inputs": [past.raw, given.raw], "working": result.working()}
        self.add_figure(
            past.raw, "source", given.indicator, document=past.document, period=past.period
        )
        change = result.text
        if result.difference != 0:
            self.add_figure(
                f"{abs(result.difference)}{result.unit}", "computed", given.indicator, **inputs
            )
        if result.growth and result.difference != 0:
            growth = result.growth[2:]
            working = f"({given.raw} − {past.raw}) ÷ {past.raw} = {result.growth}"
            self.add_figure(
                growth, "computed", given.indicator, inputs=inputs["inputs"], working=working
            )
            change = f"{change}，{result.growth}"
        return change, past.raw

    def versus_target(self, given: Given) -> str | None:
        target = self.values.get((given.indicator, "target"))
        old, new = (parse_quantity(target.raw) if target else None), parse_quantity(given.raw)
        if target is None or old is None or new is None:
            return None
        try:
            result = compare(old, new)
        except IncomparableUnits:
            return None
        if result.difference == 0:
            return self.t.render("drafting.at_target")
        amount = f"{abs(result.difference)}{result.unit}"
        self.add_figure(
            amount,
            "computed",
            given.indicator,
            inputs=[target.raw, given.raw],
            working=result.working(),
        )
        key = "drafting.above_target" if result.difference > 0 else "drafting.below_target"
        return self.t.render(key, amount=amount)

    def after_clause(self, subs: list[Given]) -> list[str]:
        """Comparison clauses to follow a clause that carries one new value."""
        out = []
        if (found := self.comparison(subs[0])) is not None:
            change, past = found
            when = self.request.past[subs[0].indicator].when
            out.append(self.t.render("drafting.vs_past", when=when, past=past, change=change))
        if (target := self.versus_target(subs[0])) is not None:
            out.append(target)
        return out

    def after_sentence(self, subs: list[Given]) -> str | None:
        """One sentence comparing several values of an enumeration with last year."""
        items = []
        for given in subs:
            if (found := self.comparison(given)) is not None:
                change, past = found
                when = self.request.past[given.indicator].when
                items.append(
                    self.t.render(
                        "drafting.vs_past_item",
                        indicator=given.indicator,
                        change=change,
                        when=when,
                        past=past,
                    )
                )
        return self.t.render("drafting.vs_past_list", items="，".join(items)) if items else None

    # -- sentences -----------------------------------------------------------------------
    def sentence(self, sentence: str, figures: list[ProseFigure]) -> str | None:
        """The sentence rewritten, or None when it is to be left out."""
        named = {f.quantity.span: f for f in figures}
        dropping = self.request.layout.missing == "drop"
        quantities = find_quantities(sentence)
        self.sentence_missing = self.sentence_supplied = False
        parts: list[str] = []
        trailing: list[str] = []
        compared = False
        for m in CLAUSE.finditer(sentence):
            start, end = m.start(), m.end()
            delimiter = m.group()[-1] if m.group()[-1] in "，,；;：:。！!？?" else ""
            body_end = end - len(delimiter)
            clause = sentence[start:body_end]
            inside = [q for q in quantities if start <= q.span[0] < body_end]
            cut = COMPARISON.search(clause)
            is_change = any(named.get(q.span) and named[q.span].kind == "change" for q in inside)
            if cut is not None or is_change:
                keep_to = start + cut.start() if cut is not None else start
                kept = [q for q in inside if q.span[1] <= keep_to]
                compared = True
                if not any(q.kind == "figure" for q in kept):
                    continue
                body_end, inside = keep_to, kept
            elif compared and REASON.match(clause):
                break
            subs: list[Given] = []
            self.clause_missing = self.clause_supplied = False
            text, cursor = [], start
            for q in inside:
                text += [self.words(sentence[cursor : q.span[0]])]
                text += [self.number(q, named.get(q.span), sentence, subs)]
                cursor = q.span[1]
            text += [self.words(sentence[cursor:body_end])]
            if dropping and self.clause_missing and not self.clause_supplied:
                continue  # "drop" leaves out what has no figure to say
            clause_text = "".join(text)
            if len(subs) == 1:
                clause_text = "，".join([clause_text, *self.after_clause(subs)])
            elif len(subs) > 1 and (extra := self.after_sentence(subs)) is not None:
                trailing.append(extra)
            parts.append(clause_text + delimiter)
        has_figures = any(q.kind == "figure" for q in quantities)
        if dropping and has_figures and not self.sentence_supplied:
            return None
        tidied = tidy("".join(parts), sentence)
        return tidied + "".join(trailing) if tidied else None


def write(request: DraftRequest, templates: Templates) -> Draft:
    """The draft, by analogy with the model."""
    writer = _Writer(request, templates)
    model, layout = request.model, request.layout
    by_block: dict[int, dict[str, list[ProseFigure]]] = {}
    for block_index, figure in model.figures():
        by_block.setdefault(block_index, {}).setdefault(figure.sentence, []).append(figure)

    def rewrite(block_index: int, text: str, *, short: bool) -> list[str]:
        out = []
        figures = by_block.get(block_index, {})
        for line in text.splitlines():
            kept = []
            for i, m in enumerate(SENTENCE.finditer(line)):
                sentence = m.group().strip()
                if not sentence:
                    continue
                if short and i > 0 and not find_quantities(sentence, figures_only=True):
                    continue
                new = writer.sentence(sentence, figures.get(sentence, []))
                if new:
                    kept.append(new)
            if kept:
                paragraph = "".join(kept)
                # a paragraph whose last sentences were left out must not end on "；"
                paragraph = paragraph[:-1] + "。" if paragraph[-1] in "；;，," else paragraph
                out.append(recount(paragraph))
        return out

    blocks = list(model.blocks)
    section_model = bool(model.section)
    root = blocks[0] if section_model else None
    children = blocks[1:] if section_model else blocks
    top = min((b.level for b in children), default=0)
    lines: list[str] = []
    if root is not None:
        lines += rewrite(0, root.heading, short=False)
    points: list[list[str]] = []
    if children:
        if root is not None:
            lines += rewrite(0, root.text, short=layout.short)
        for offset, block in enumerate(children, start=1 if section_model else 0):
            if block.level == top or not points:
                points.append([])
            heading = rewrite(offset, block.heading, short=False)
            points[-1] += heading + rewrite(offset, block.text, short=layout.short)
    elif root is not None:
        points = [[p] for p in rewrite(0, root.text, short=layout.short)]
    arranged = layout.arranged(len(points))
    for position, number in enumerate(arranged, start=1):
        point = list(points[number - 1])
        if children and point:
            point[0] = renumber(point[0], position)
        lines += point
    lines += _extras(writer, request, templates)
    past_periods = sorted({p.period for p in writer.used_past.values()})
    writer.allowed += traceable_in([request.period.text], "user")
    return Draft(
        text="\n".join(lines),
        figures=writer.figures,
        missing=writer.missing,
        allowed=ordered(writer.allowed),
        past_periods=past_periods,
        points=len(points),
        slots=writer.slots,
    )


def _extras(writer: _Writer, request: DraftRequest, templates: Templates) -> list[str]:
    """Facts the user added, and values of indicators the model did not report."""
    out = []
    new = [g for g in request.values if g.new]
    if new:
        clauses = []
        for given in new:
            clause = given.said
            writer.add_figure(given.raw, "user", given.indicator)
            if given.kind == "actual":
                clause = "，".join([clause, *writer.after_clause([given])])
            clauses.append(clause)
        out.append(templates.render("drafting.extra", facts="，".join(clauses)))
    for fact in request.layout.extras:
        for q in find_quantities(fact):
            writer.allowed.append(Traceable(q, "user"))
            if q.kind == "figure":
                writer.figures.append(AnswerFigure(q.raw, str(q.value), q.unit, "user", "", {}))
        out.append(fact if fact.endswith(("。", "；", "！", "？")) else fact + "。")
    return out
