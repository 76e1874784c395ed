"""Answer latency without an LLM over the synthetic stores: p50/p95/max, by retrieval mode.

    .venv/bin/python benchmarks/build_synthetic_store.py --root /tmp/zongjie-bench
    .venv/bin/python benchmarks/answer_latency.py --root /tmp/zongjie-bench

Each store size is measured in its own process (so peak RSS is that store's): Services are
built as the CLI builds them, the BM25 index (from its term cache) and the dense matrix are
built and timed, the first answer is timed apart, a few questions warm up (one unfiltered, to
load Chroma's HNSW index), then 200 questions are timed through
`Answerer.answer`, and again through `Retriever.search` in each mode and through the query
embedding alone. Questions are the sample set's (tests/data/sample_qa.jsonl) rewritten for
the stores' counties and years: a third name no county (searching every report), the rest
name one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bot.services import BM25_CACHE_FILE, Services
from bot.settings import Settings
from knowledge.bm25 import tokenize
from knowledge.evaluation import load_questions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_synthetic_store import DEFAULT_SIZES, REPO, label, store_dir  # noqa: E402
from synthetic import SOURCE_COUNTY, variants  # noqa: E402

SAMPLE_QA = REPO / "tests" / "data" / "sample_qa.jsonl"
QUESTIONS = 200
WARM_UP = 5
UNFILTERED = "校园周边环境是怎么治理的？"  # names no year or county: Chroma's HNSW answers it


def questions(store_variants: int, count: int = QUESTIONS) -> list[str]:
    """`count` questions over the first `store_variants` counties, fixed for a store size."""
    base = [q["q"] for q in load_questions(SAMPLE_QA)]
    counties = variants()[:store_variants]
    out = []
    for i in range(count):
        text, county = base[i % len(base)], counties[(i * 7) % len(counties)]
        if i % 3 != 0 and SOURCE_COUNTY not in text:
            text = SOURCE_COUNTY + text
        if i % 3 == 0:
            text = text.replace(SOURCE_COUNTY, "")
        out.append(county.rename(text))
    return out


def timed(call: Callable[[str], object], items: list[str]) -> list[float]:
    """Milliseconds per call."""
    times = []
    for item in items:
        started = time.perf_counter()
        call(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict[str, float]:
    """p50, p95 and max of millisecond times."""
    return {
        "p50": round(float(np.percentile(times, 50)), 1),
        "p95": round(float(np.percentile(times, 95)), 1),
        "max": round(max(times), 1),
    }


def scratch_build(root: Path, size: int) -> dict[str, object]:
    """Build the BM25 index of one store with no term cache (cutting every chunk), in this
    process; this leaves the cache file behind for the next process."""
    data_dir = store_dir(root, size)
    (data_dir / BM25_CACHE_FILE).unlink(missing_ok=True)
    services = Services(Settings(data_dir=data_dir))
    tokenize("预热")  # jieba's dictionary loads once per process: not part of the index
    started = time.perf_counter()
    services.search.index.chunks()
    return {
        "scratch_build_s": round(time.perf_counter() - started, 1),
        "scratch_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cache_file_mb": round((data_dir / BM25_CACHE_FILE).stat().st_size / 2**20, 1),
    }


def measure(root: Path, size: int) -> dict[str, object]:
    """All figures for one store, in this process."""
    data_dir = store_dir(root, size)
    record = json.loads((data_dir / "bench.json").read_text())
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    services = Services(Settings(data_dir=data_dir))
    answerer, retriever = services.answerer, services.search
    services.embeddings.embed_query("预热")
    tokenize("预热")
    open_seconds = time.perf_counter() - started
    started = time.perf_counter()
    retriever.index.chunks()  # from the term cache file
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    retriever.dense.search(services.embeddings.embed_query("预热"), 1, {0})  # builds the matrix
    matrix_seconds = time.perf_counter() - started
    sources = [p for p in Path(record["source"]).iterdir() if p.is_file()]
    asked = questions(record["files"] // len(sources))
    first = timed(answerer.answer, asked[:1])[0]
    timed(answerer.answer, [UNFILTERED, *asked[1 : 1 + WARM_UP]])  # also loads Chroma's HNSW
    answer = timed(answerer.answer, asked)
    modes = {
        mode: summary(timed(lambda q, m=mode: retriever.search(q, k=5, mode=m), asked))
        for mode in ("bm25", "dense", "hybrid")
    }
    embed = timed(services.embeddings.embed_query, asked)
    return {
        "size": label(size),
        "chunks": record["chunks"],
        "files": record["files"],
        "questions": len(asked),
        "answer_ms": summary(answer),
        "first_answer_ms": round(first, 1),
        "search_ms": modes,
        "embed_query_ms": summary(embed),
        "embed_share_of_answer": round(sum(embed) / sum(answer), 2),
        "open_services_s": round(open_seconds, 2),
        "bm25_index_from_cache_s": round(index_seconds, 2),
        "dense_matrix_build_s": round(matrix_seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def table(results: list[dict]) -> str:
    """The results as the markdown table of benchmarks/RESULTS.md."""
    lines = [
        "| store | chunks | answer p50 | p95 | max | bm25 p95 | dense p95 | hybrid p95 "
        "| query embedding p50 (share) | BM25 index: new / from cache | peak RSS | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        a, s, e = r["answer_ms"], r["search_ms"], r["embed_query_ms"]
        lines.append(
            f"| {r['size']} | {r['chunks']:,} | {a['p50']} ms | **{a['p95']} ms** | {a['max']} ms "
            f"| {s['bm25']['p95']} ms | {s['dense']['p95']} ms | {s['hybrid']['p95']} ms "
            f"| {e['p50']} ms ({r['embed_share_of_answer']:.0%}) "
            f"| {r.get('scratch_build_s', '-')} s / {r['bm25_index_from_cache_s']} s "
            f"| {r['peak_rss_mb']} MB | {r['load_average'][0]}-{r['load_average'][1]} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Measure each size in a child process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/tmp/zongjie-bench"))
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument(
        "--fresh-index", action="store_true", help="also time a BM25 build with no term cache"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one or args.scratch:
        print(
            json.dumps(
                measure(args.root, args.one) if args.one else scratch_build(args.root, args.scratch)
            )
        )
        return
    results = []
    for size in sorted(args.sizes):
        record: dict[str, object] = {}
        cached = (store_dir(args.root, size) / BM25_CACHE_FILE).exists()
        for flag in ["--scratch"] * (args.fresh_index or not cached) + ["--one"]:
            child = [sys.executable, __file__, "--root", str(args.root), flag, str(size)]
            output = subprocess.run(child, check=True, capture_output=True, text=True).stdout
            record |= json.loads(output.strip().splitlines()[-1])
        results.append(record)
        print(json.dumps(record, ensure_ascii=False), flush=True)
    (args.root / "latency.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(table(results))


if __name__ == "__main__":
    main()
