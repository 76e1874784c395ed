"""A drafting conversation's state, kept as JSON in SQL (storage.drafts) between messages."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from knowledge.drafting.layout import Layout
from knowledge.drafting.values import Given


@dataclass
class Conversation:
    """Everything needed to carry on a draft after a restart."""

    topic: str
    period: str
    region: str
    models: list[str]  # keys of the past sections offered, best first
    model: str  # the key of the one followed
    values: list[Given] = field(default_factory=list)
    skipped: list[list[str]] = field(default_factory=list)  # [indicator, kind] not to ask for
    stage: str = "values"  # values: collecting numbers; draft: revising a written draft
    layout: Layout = field(default_factory=Layout)
    longer: bool = False  # asked for a longer draft (with a language model)
    draft: str = ""
    figures: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    history: list[dict[str, str]] = field(default_factory=list)

    def give(self, values: list[Given]) -> None:
        """Record values; a later value of an indicator replaces the earlier one."""
        keys = {g.key() for g in values}
        self.values = [g for g in self.values if g.key() not in keys] + values
        self.skipped = [s for s in self.skipped if tuple(s) not in keys]

    def to_json(self) -> str:
        """The state as stored."""
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Conversation:
        """The state read back."""
        data = json.loads(text)
        data["values"] = [Given(**g) for g in data.get("values", [])]
        layout = data.get("layout", {})
        data["layout"] = Layout(
            **{k: tuple(v) if isinstance(v, list) else v for k, v in layout.items()}
        )
        return cls(**data)
