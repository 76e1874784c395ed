"""The drafting promise, tested with random values on the sample corpus's real past sections:
every number of a draft is the user's, computed from the user's and a past value, or a past
value presented as past; no other number ever appears and no past value passes as current."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services import Services
from ingest.numbers import Quantity, find_quantities, parse_quantity, same_number
from knowledge.drafting.draftguard import guard_draft
from knowledge.drafting.layout import Layout
from knowledge.drafting.periods import Period
from knowledge.drafting.sources import ModelSection, find_models, past_value
from knowledge.drafting.values import Given
from knowledge.drafting.writer import DraftRequest, model_figures, write
from prompts import load_templates

T = load_templates()
PERIOD = Period(2026, "上半年")
TOPICS = ("学前教育", "校园安全", "教师队伍", "事业发展")
# A past value is written only as "比上年同期（98.3%）" in a deterministic draft.
PAST_PHRASE = re.compile(r"比(?:上年|\d{4}年)同期（[^）]*）")


@pytest.fixture(scope="module")
def sample_models(sample_services: Services) -> dict[str, list[ModelSection]]:
    """The two best past sections of each topic (and the whole 校园安全 report)."""
    found = {t: find_models(sample_services.store, t, PERIOD) for t in TOPICS}
    found = {t: models[:2] for t, models in found.items()}
    whole = [m for m in find_models(sample_services.store, "校园安全", PERIOD) if m.key[0] == "d"]
    found["校园安全"] += whole[:1]
    assert all(found.values())
    return found


def value_text(slot: Quantity, number: Decimal) -> str:
    unit = slot.unit if slot.unit not in ("", "‰") else "%"
    if unit == "%":
        number = min(number, Decimal(100))
    return f"{number.normalize():f}{unit}"


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@pytest.mark.parametrize("topic", TOPICS)
@given(data=st.data())
def test_no_number_but_the_users_computed_or_past_as_past(
    topic: str,
    data: st.DataObject,
    sample_models: dict[str, list[ModelSection]],
    sample_services: Services,
) -> None:
    model = data.draw(st.sampled_from(sample_models[topic]), label="model")
    slots = model_figures(model, T)
    keys = data.draw(st.lists(st.sampled_from(sorted(slots)), unique=True), label="filled")
    numbers = st.decimals(min_value=0, max_value=99999, places=1, allow_nan=False)
    values = [
        Given(name, name, kind, value_text(slots[(name, kind)], data.draw(numbers)), name)
        for name, kind in keys
    ]
    region = data.draw(st.sampled_from([None, "青禾县", "金湾区"]), label="region")
    layout = Layout(
        missing=data.draw(st.sampled_from(["mark", "drop"])), short=data.draw(st.booleans())
    )
    with sample_services.store.session() as session:
        pasts = {
            g.indicator: p
            for g in values
            if g.kind == "actual"
            and (p := past_value(session, g.indicator, PERIOD, region, model.document_id))
        }
    draft = write(DraftRequest(model, values, pasts, PERIOD, region, layout), T)

    verdict = guard_draft(draft.text, draft.allowed, draft.past_periods)
    assert verdict.ok, (verdict.named(), draft.text)
    for value in values:
        assert value.raw in draft.text
    # Independently of the guard: outside "比上年同期（…）" every figure is the user's or computed.
    users = [q for g in values if (q := parse_quantity(g.raw))]
    computed = [q for f in draft.figures if f.origin == "computed" and (q := parse_quantity(f.raw))]
    for q in find_quantities(PAST_PHRASE.sub("", draft.text), figures_only=True):
        assert any(same_number(q, known) for known in [*users, *computed]), (q.raw, draft.text)
