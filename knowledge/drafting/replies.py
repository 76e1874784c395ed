"""The drafting conversation's reply texts (wording from prompts/drafting.toml) and the small
decisions behind them: a value's unit, a revised layout."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingest.numbers import Quantity, parse_quantity
from knowledge.drafting.commands import Command
from knowledge.drafting.layout import Layout
from knowledge.drafting.sources import ModelSection
from knowledge.drafting.state import Conversation
from knowledge.drafting.values import Given
from prompts import Templates


@dataclass(frozen=True)
class Choice:
    """A suggested next message: `label` to show, `data` to send back to handle()."""

    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """What the engine says: text, choices, and (for faces) whether to send the export now."""

    text: str
    choices: tuple[Choice, ...] = ()
    export: bool = False
    active: bool = True
    error: bool = False  # the message was not understood or refused; nothing was stored


SHOWN_FIGURES = 12
SHOWN_POINTS = 6


def outline(
    t: Templates,
    state: Conversation,
    models: list[ModelSection],
    figures: list[tuple[str, str, str]],
) -> str:
    """The past sections found, the best one's points, and the figures it reported."""
    lines = [t.render("draft.outline_head", topic=state.topic, period=state.period)]
    for n, model in enumerate(models, 1):
        points = (
            [b.heading for b in model.blocks[1:] if b.level == 2]
            if model.section
            else [b.heading for b in model.blocks if b.level == 1]
        )
        shown = "；".join(points[:SHOWN_POINTS]) or t.render("draft.no_points")
        lines.append(
            t.render(
                "draft.model_line",
                n=n,
                label=model.label,
                period=model.period or t.render("draft.period_unknown"),
                points=shown,
            )
        )
    lines.append(t.render("draft.figures_head"))
    period = models[0].period or t.render("draft.period_unknown")
    for name, kind, raw in figures[:SHOWN_FIGURES]:
        label = name if kind == "actual" else t.render("drafting.label_target", name=name)
        lines.append(t.render("draft.figure_line", name=label, value=raw, period=period))
    if len(figures) > SHOWN_FIGURES:
        lines.append(t.render("draft.more_figures", count=len(figures) - SHOWN_FIGURES))
    return "\n".join(lines)


def ask(
    t: Templates, state: Conversation, pending: list[tuple[str, str]], note: str, *, replaced: bool
) -> str:
    """Ask for the figures still wanted (or say that all are in)."""
    lines = [t.render("draft.replaced_old")] if replaced else []
    lines += [note] if note else []
    if pending:
        names = "、".join(_name(t, p) for p in pending)
        lines.append(
            t.render("draft.ask", period=state.period, names=names, current=_name(t, pending[0]))
        )
    else:
        lines.append(t.render("draft.all_given"))
    return "\n".join(lines)


def show(t: Templates, state: Conversation, model: ModelSection, note: str) -> str:
    """The current draft with what it still lacks and how its comparisons were computed."""
    lines = [note] if note else []
    lines.append(t.render("draft.header", label=model.label, period=state.period))
    lines += ["", state.draft, ""]
    workings = [
        f"{f['indicator']}：{f['source']['working']}"
        for f in state.figures
        if f["origin"] == "computed" and "working" in f["source"]
    ]
    if workings:
        lines.append(t.render("draft.workings", items="；".join(dict.fromkeys(workings))))
    if state.missing:
        key = "draft.dropped_note" if state.layout.missing == "drop" else "draft.missing_note"
        lines.append(t.render(key, names="、".join(state.missing)))
    notes = [h["text"] for h in state.history[-2:] if h["role"] == "note"]
    lines += notes
    lines.append(t.render("draft.revise_hint"))
    return "\n".join(lines)


def listing(values: list[Given], t: Templates) -> str:
    """ "学前三年幼儿入园率 98.1%、新增学位 990个"."""
    return "、".join(f"{_name(t, g.key())} {g.raw}" for g in values)


def _name(t: Templates, key: tuple[str, str]) -> str:
    name, kind = key
    return name if kind == "actual" else t.render("drafting.label_target", name=name)


def with_unit(given: Given, slot: Quantity | None) -> Given | None:
    """The value in the model's unit: "990" → "990个"; None when the units disagree."""
    q = parse_quantity(given.raw)
    if q is None:
        return None
    if slot is None or not slot.unit:
        return given
    if not q.unit:
        return replace(given, raw=f"{given.raw}{slot.unit}")
    return given if q.base_unit == slot.base_unit else None


def revised_layout(layout: Layout, command: Command, points: int) -> Layout | str:
    """The layout a command asks for, or the key of the message saying why it cannot be.

    Point numbers in commands are as the user sees them in the current draft.
    """
    name, numbers = command.name, command.numbers
    shown = layout.arranged(points)  # model point numbers, in the order shown
    if any(not 1 <= n <= len(shown) for n in numbers):
        return "draft.no_such_point"
    picked = [shown[n - 1] for n in numbers]
    if name == "drop_point":
        return replace(layout, dropped=(*layout.dropped, picked[0]))
    if name == "swap" and len(picked) == 2:
        i, j = shown.index(picked[0]), shown.index(picked[1])
        shown[i], shown[j] = shown[j], shown[i]
        return replace(layout, order=tuple(shown))
    if name == "move":
        shown.remove(picked[0])
        at = shown.index(picked[1]) if len(picked) > 1 and picked[1] in shown else 0
        shown.insert(at, picked[0])
        return replace(layout, order=tuple(shown))
    if name == "restore":
        return replace(layout, dropped=(), order=())
    if name in ("drop_missing", "mark_missing"):
        return replace(layout, missing="drop" if name == "drop_missing" else "mark")
    if name == "shorter":
        return replace(layout, short=True)
    if name == "longer":
        return replace(layout, short=False)
    if name == "add_point":
        return replace(layout, extras=(*layout.extras, command.text))
    return layout


def ask_reply(
    t: Templates, state: Conversation, pending: list[tuple[str, str]], note: str, *, replaced: bool
) -> Reply:
    """The question for the figures still wanted, with its choices."""
    choices = [Choice(t.render("choice.write"), "生成初稿")]
    if pending:
        choices += [
            Choice(t.render("choice.skip"), "跳过"),
            Choice(t.render("choice.skip_all"), "全部跳过"),
        ]
    choices += [*_model_choices(t, state), Choice(t.render("choice.cancel"), "取消")]
    return Reply(ask(t, state, pending, note, replaced=replaced), tuple(choices))


def draft_reply(t: Templates, state: Conversation, model: ModelSection, note: str) -> Reply:
    """The draft, with the choices of what to do next."""
    missing = "choice.mark_missing" if state.layout.missing == "drop" else "choice.drop_missing"
    choices = [
        Choice(t.render("choice.export"), "导出"),
        Choice(t.render("choice.shorter"), "缩短"),
        Choice(t.render(missing), t.render(missing)),
        *_model_choices(t, state),
        Choice(t.render("choice.finish"), "完成"),
        Choice(t.render("choice.cancel"), "取消"),
    ]
    return Reply(show(t, state, model, note), tuple(choices))


def _model_choices(t: Templates, state: Conversation) -> list[Choice]:
    return [
        Choice(t.render("choice.other_model", n=i), f"改用范本{i}")
        for i, key in enumerate(state.models, 1)
        if key != state.model
    ]
