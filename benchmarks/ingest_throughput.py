"""Ingest throughput from empty, peak RSS, and cold start times of the CLI and terminal bot.

    .venv/bin/python benchmarks/ingest_throughput.py                       # samples/corpus
    .venv/bin/python benchmarks/ingest_throughput.py ../shared/corpus samples/corpus
    .venv/bin/python benchmarks/ingest_throughput.py --store /tmp/zongjie-bench/store-100k

Each folder is ingested into a fresh store in its own process with the real e5 embeddings
(their time is reported apart: it is most of an ingest). Start times are wall times of fresh
`zongjie` processes (median of --runs): `--help`, `ask` (one answer: start, open the store,
load e5 and the BM25 index, answer) and `run` (the terminal bot answering one question on
stdin), over the first folder's store and over each --store given (e.g. a synthetic one).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ZONGJIE = Path(sys.executable).parent / "zongjie"
QUESTION = "2024年上半年学前三年幼儿入园率达到多少？"


def ingest_child(folder: Path, data_dir: Path) -> dict[str, object]:
    """Ingest `folder` into `data_dir` in this process and measure it."""
    from bot.services import Services
    from bot.settings import Settings
    from storage.embeddings import NamedEmbeddings

    class TimedEmbeddings(NamedEmbeddings):
        """The real embeddings, with the time spent in them added up."""

        def __init__(self, real: NamedEmbeddings) -> None:
            self.model_name, self._real, self.seconds = real.model_name, real, 0.0

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            started = time.perf_counter()
            try:
                return self._real.embed_documents(texts)
            finally:
                self.seconds += time.perf_counter() - started

        def embed_query(self, text: str) -> list[float]:
            return self._real.embed_query(text)

    services = Services(Settings(data_dir=data_dir))
    timed = TimedEmbeddings(services.embeddings)
    services.__dict__["embeddings"] = timed
    started = time.perf_counter()
    report = services.ingestor.ingest([folder])
    seconds = time.perf_counter() - started
    chunks = sum(d.chunks for d in report.documents)
    files = len({d.file for d in report.documents})
    return {
        "folder": str(folder),
        "files": files,
        "reports": len(report.documents),
        "chunks": chunks,
        "errors": len(report.errors),
        "seconds": round(seconds, 1),
        "embedding_seconds": round(timed.seconds, 1),
        "files_per_s": round(files / seconds, 2),
        "chunks_per_s": round(chunks / seconds, 1),
        "chunks_per_s_without_embedding": round(chunks / (seconds - timed.seconds), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def wall(command: list[str], data_dir: Path, runs: int, stdin: str | None = None) -> float:
    """Median wall seconds of `command` run `runs` times in fresh processes."""
    env = os.environ | {"ZONGJIE_DATA_DIR": str(data_dir)}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 2)


def start_times(data_dir: Path, runs: int) -> dict[str, object]:
    """Cold start times of the CLI over one store."""
    return {
        "store": str(data_dir),
        "help_s": wall([str(ZONGJIE), "--help"], data_dir, runs),
        "ask_s": wall([str(ZONGJIE), "ask", QUESTION], data_dir, runs),
        "run_one_question_s": wall([str(ZONGJIE), "run"], data_dir, runs, stdin=QUESTION + "\n"),
    }


def main() -> None:
    """Ingest each folder in a child process, then time cold starts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", default=[REPO / "samples" / "corpus"])
    parser.add_argument("--store", type=Path, action="append", default=[])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(ingest_child(Path(args.child[0]), Path(args.child[1]))))
        return
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        stores = []
        for n, folder in enumerate(args.folders):
            data_dir = Path(tmp) / f"store{n}"
            child = [sys.executable, __file__, "--child", str(folder.resolve()), str(data_dir)]
            output = subprocess.run(child, check=True, capture_output=True, text=True).stdout
            print(json.dumps(json.loads(output.splitlines()[-1]), ensure_ascii=False), flush=True)
            stores.append(data_dir)
        for data_dir in [stores[0], *args.store]:
            print(json.dumps(start_times(data_dir, args.runs), ensure_ascii=False), flush=True)
    print(json.dumps({"load_average": [round(load, 2), round(os.getloadavg()[0], 2)]}))


if __name__ == "__main__":
    main()
