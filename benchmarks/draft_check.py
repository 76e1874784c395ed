"""Draft sections on the current store and check them: the guard's verdict, comparisons, what
is missing, and a .docx per draft (render it with LibreOffice to look at it).

    ZONGJIE_DATA_DIR=/tmp/zj_draft python benchmarks/draft_check.py OUT_DIR \\
        "校园安全|2024年上半年|检查学校、幼儿园80处，查出一般安全隐患100处" ...

Each case is "topic|period|values"; prints one JSON line per case.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bot.services import Services
from bot.settings import Settings
from ingest.numbers import parse_quantity
from knowledge.drafting.draftguard import guard_draft
from knowledge.guard import Traceable


def main(out_dir: Path, cases: list[str]) -> None:
    services = Services(Settings())
    engine = services.drafts
    out_dir.mkdir(parents=True, exist_ok=True)
    for n, case in enumerate(cases, 1):
        topic, period, values = case.split("|")
        chat = f"check-{n}"
        started = time.perf_counter()
        engine.start(chat, topic, period)
        reply = engine.handle(chat, values)
        result = engine.result(chat)
        export = engine.export(chat)
        seconds = time.perf_counter() - started
        engine.finish(chat)
        allowed = [
            Traceable(q, "past" if f["origin"] == "source" else f["origin"])
            for f in result.figures
            if (q := parse_quantity(f["raw"])) is not None
        ]
        allowed += [Traceable(q, "user") for q in [parse_quantity(period)] if q]
        verdict = guard_draft(
            result.draft, allowed, [f["source"].get("period", "") for f in result.figures]
        )
        (out_dir / f"{n}.docx").write_bytes(export.docx)
        (out_dir / f"{n}.txt").write_text(export.text, encoding="utf-8")
        print(
            json.dumps(
                {
                    "case": case,
                    "model": result.model_sections[0],
                    "refused_input": reply.error,
                    "guard_ok": verdict.ok,
                    "untraced": verdict.named(),
                    "comparisons": [
                        f["source"]["working"] for f in result.figures if f["origin"] == "computed"
                    ],
                    "missing": len(result.missing),
                    "seconds": round(seconds, 2),
                },
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
