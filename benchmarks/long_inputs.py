"""Ingest-side processing time on hostile or odd text, which must grow about linearly.

    .venv/bin/python benchmarks/long_inputs.py                    # every shape at 10/100/1000 KB
    .venv/bin/python benchmarks/long_inputs.py --shapes one_line --sizes 10 20 40 --profile
    .venv/bin/python benchmarks/long_inputs.py --shapes odd --sizes 20 80   # the odd lines

Each shape is written as a file of N KB (UTF-8 bytes) and put through the stages an upload goes
through before embedding, with the pipeline's own functions: `loaders.load` (decoding, the HTML
reader), `clean`, `parse_reports`, `chunk_report`, `report_metrics` (figure extraction and
naming, `extract_figures` inside it); `find_quantities` over the whole cleaned text is timed
apart. Every run is a child process with a time limit (--limit seconds), so a quadratic stage
shows as "> limit" instead of hanging the benchmark; --profile prints the child's cProfile top.

Shapes: `one_line` (Chinese prose with figures, clauses joined by ， and no sentence end),
`sentences` (the same clauses as short sentences), `enumeration` (one run of percentages
joined by 、), `wrapped` (the prose hard-wrapped at 40 characters with no sentence end, so every
line continues the one before), `nested_html` (<div>s nested one inside the other, a clause in
each), `inline_html` (<span>s nested the same way: one long line), `nested_tables` (a table
in a cell of a table, and so on), `flat_html` (a page of many short <p> paragraphs). With
`--shapes odd`, ODD_LINES: one line each of what a regular expression or a loop once rescanned
from each of its characters or backtracked over (dotted words, runs of digits and dots, * or x,
来源：, a heading of commas, dense clauses and number lists).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")

_CLAUSES = (
    "全县学前三年幼儿入园率达{p}%",
    "新建幼儿园{n}所",
    "培训教师{m}人次",
    "投入资金{f}万元",
    "改造校舍{m}平方米",
    "资助困难学生{m}人、{f}万元",
    "义务教育巩固率保持在{p}%以上",
    "比上年增加{n}所",
)


def _clause(i: int) -> str:
    template = _CLAUSES[i % len(_CLAUSES)]
    return template.format(p=f"9{i % 10}.{i % 7}", n=i % 90 + 2, m=i * 7 % 9000 + 100, f=i % 500)


def _clauses_up_to(size: int, joiner: str) -> str:
    """Clauses joined by `joiner` until the text is `size` UTF-8 bytes."""
    parts, total, i = [], 0, 0
    while total < size:
        part = _clause(i) + joiner
        parts.append(part)
        total += len(part.encode())
        i += 1
    return "".join(parts)


def _wrapped(size: int) -> str:
    prose = _clauses_up_to(size, "，")
    return "\n".join(prose[i : i + 40] for i in range(0, len(prose), 40))


def _enumeration(size: int) -> str:
    head = "全县幼儿园、小学、初中、高中的入学率分别达"
    values, total, i = [], len(head.encode()), 0
    while total < size:
        value = f"9{i % 10}.{i % 9}%"
        values.append(value)
        total += len(value.encode()) + 3
        i += 1
    return head + "、".join(values) + "。"


def _nested(size: int, tag: str, close: str = "") -> str:
    """Elements `tag` opened one inside the other, a clause in each, then all closed."""
    close = close or f"</{tag[1:]}"
    opened, closed, total, i = [], [], 40, 0
    while total < size:
        piece = f"{tag}{_clause(i)}，"
        opened.append(piece)
        closed.append(close)
        total += len(piece.encode()) + len(close)
        i += 1
    return "<html><body>" + "".join(opened) + "".join(reversed(closed)) + "</body></html>"


def _flat_html(size: int) -> str:
    paragraphs = [f"<p>{sentence}。</p>" for sentence in _clauses_up_to(size, "。").split("。")]
    return "<html><body>" + "\n".join(paragraphs) + "</body></html>"


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "one_line": (".txt", lambda size: _clauses_up_to(size, "，")),
    "sentences": (".txt", lambda size: _clauses_up_to(size, "。")),
    "enumeration": (".txt", _enumeration),
    "wrapped": (".txt", _wrapped),
    "nested_html": (".html", lambda size: _nested(size, "<div>")),
    "inline_html": (".html", lambda size: _nested(size, "<span>")),
    "nested_tables": (".html", lambda size: _nested(size, "<table><tr><td>", "</td></tr></table>")),
    "flat_html": (".html", _flat_html),
}


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """`unit` repeated between `head` and `tail` to about `size` UTF-8 bytes."""
    return head + unit * max(1, size // len(unit.encode())) + tail


# One odd line each, that a regular expression or a loop used to rescan or backtrack over.
ODD_LINES: dict[str, Callable[[int], str]] = {
    "dotted_words": lambda size: _repeat("a.bc", size, tail="!"),
    "digit_dots": lambda size: _repeat("1.", size),
    "ranges": lambda size: _repeat("3-", size, tail="5所"),
    "stars": lambda size: _repeat("*", size),
    "xs": lambda size: _repeat("x", size),
    "header_digits": lambda size: _repeat("1", size, head="第1篇 ", tail="x"),
    "source_words": lambda size: _repeat("来源：", size),
    "comma_heading": lambda size: _repeat("，", size, head="1、"),
    "dense_clauses": lambda size: _repeat("1:", size),
    "counts_commas": lambda size: "".join(f"{i % 97 + 3}所，" for i in range(size // 7)),
    "number_list": lambda size: "".join(f"{i % 97 + 3}, " for i in range(size // 4)),
}
SHAPES.update({name: (".txt", make) for name, make in ODD_LINES.items()})
DEFAULT_SHAPES = [name for name in SHAPES if name not in ODD_LINES]


def _warm_up() -> None:
    """Load what the first call loads (jieba's lexicon for regions: ~1 s), so it is not timed."""
    from ingest.metrics import report_metrics
    from ingest.structure import parse_reports

    for report in parse_reports(
        "青禾县教育局工作总结\n一、概况\n全县有幼儿园3所。", fallback_title="x"
    ):
        report_metrics(report)


class _Clock:
    """Seconds spent in each named stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def time(self, stage: str, run: Callable[[], _T]) -> _T:
        """run(), its wall time recorded under `stage`."""
        started = time.perf_counter()
        result = run()
        self.seconds[stage] = time.perf_counter() - started
        return result


def measure(shape: str, kb: int) -> dict[str, object]:
    """Stage times (seconds) of one generated input, and what came out of it."""
    from ingest.chunker import chunk_report
    from ingest.cleaning import clean
    from ingest.loaders import load
    from ingest.metrics import report_metrics
    from ingest.numbers import find_quantities
    from ingest.structure import parse_reports

    _warm_up()
    suffix, make = SHAPES[shape]
    clock = _Clock()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{shape}{suffix}"
        path.write_text(make(kb * 1000), encoding="utf-8")
        # read past the ingest's limit on text (MAX_TEXT_CHARS), which refuses the largest
        loaded = clock.time("load", lambda: load(path, max_chars=sys.maxsize))
    text = clock.time("clean", lambda: clean(loaded.text))
    reports = clock.time("parse", lambda: parse_reports(text, fallback_title=shape))
    chunks = clock.time("chunks", lambda: [c for r in reports for c in chunk_report(r)])
    metrics = clock.time("metrics", lambda: [m for r in reports for m in report_metrics(r)])
    quantities = clock.time("quantities", lambda: find_quantities(text, figures_only=True))
    seconds = clock.seconds
    return {
        "shape": shape,
        "kb": kb,
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "total": round(sum(v for k, v in seconds.items() if k != "quantities"), 3),
        "chars": len(loaded.text),
        "chunks": len(chunks),
        "figures": len(metrics),
        "named": sum(1 for m in metrics if m.indicator),
        "quantities": len(quantities),
    }


def _child(shape: str, kb: int, profile: bool) -> None:
    if not profile:
        print(json.dumps(measure(shape, kb), ensure_ascii=False))
        return
    profiler = cProfile.Profile()
    result = profiler.runcall(measure, shape, kb)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print(out.getvalue(), file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))


def _run(shape: str, kb: int, limit: float, profile: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", shape, str(kb)]
    if profile:
        command.append("--profile")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return {"shape": shape, "kb": kb, "timeout": limit}
    if profile:
        print(done.stderr, file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _row(r: dict[str, object]) -> str:
    if "timeout" in r:
        return f"| {r['shape']} | {r['kb']} | | > {r['timeout']:.0f} s (stopped) | | | | | | | |"
    s = r["seconds"]
    assert isinstance(s, dict)
    stages = " | ".join(f"{s[k]:.2f}" for k in ("load", "clean", "parse", "chunks", "metrics"))
    return (
        f"| {r['shape']} | {r['kb']} | {r['chars']:,} | **{r['total']:.2f}** | {stages} "
        f"| {s['quantities']:.2f} | {r['figures']} ({r['named']} named) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shapes", nargs="+", choices=[*SHAPES, "odd"], default=DEFAULT_SHAPES, help="odd: all"
    )
    parser.add_argument("--sizes", nargs="+", type=int, default=[10, 100, 1000], help="KB")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--profile", action="store_true", help="print each run's cProfile top")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("SHAPE", "KB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]), args.profile)
        return
    if not args.json:
        print(
            "| shape | KB | characters | total s | load | clean | parse | chunks | metrics "
            "| find_quantities | figures |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
    shapes = [s for name in args.shapes for s in (ODD_LINES if name == "odd" else [name])]
    for shape in shapes:
        for kb in args.sizes:
            result = _run(shape, kb, args.limit, args.profile)
            print(json.dumps(result, ensure_ascii=False) if args.json else _row(result), flush=True)


if __name__ == "__main__":
    main()
