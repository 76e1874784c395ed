"""kill -9 an ingest at random moments, again and again; then check, repair and finish it.

    .venv/bin/python -m benchmarks.kill_ingest [--rounds 8] [--files 12] [--servers]

Each round starts `zongjie ingest` on a generated corpus (benchmarks/fault_corpus.py, every file
of one shape), waits until a random number of further files is committed plus a random
0-2 s, sends SIGKILL, and runs `zongjie check --json`, counting what it found: a file stored
in part would show as a report whose counts differ from the others. `zongjie check --repair`
then fixes what it found; a last full run must finish the corpus with the store clean.
`--servers` runs it all on a throwaway PostgreSQL and Chroma server (tests/servers.py).
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from benchmarks.fault_corpus import write_corpus
from benchmarks.stores import backend_name, fresh_store
from storage.database import make_engine

ZONGJIE = str(Path(sys.executable).parent / "zongjie")


def _zongjie(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ZONGJIE, *args], env=env, capture_output=True, text=True, check=False)


def _stored(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM source_file")).scalar() or 0)
    finally:
        engine.dispose()


def _shapes(env: dict[str, str]) -> dict[str, tuple[int, int]]:
    listing = json.loads(_zongjie(env, "docs", "--json").stdout)["documents"]
    return {d["file"]: (d["sections"], d["chunks"]) for d in listing}


def run(rounds: int, files: int, env: dict[str, str], url: str, work: Path) -> dict[str, object]:
    """The kill rounds and the final run; returns the figures."""
    corpus = work / "corpus"
    write_corpus(corpus, files, seed=11)
    rng = random.Random(5)
    found = {"orphan_vectors": 0, "chunks_without_vectors": 0, "other": 0}
    half_documents = 0
    kills = 0
    for _ in range(rounds):
        before = _stored(url)
        if before >= files:
            break
        target = before + rng.randint(0, 2)
        process = subprocess.Popen(
            [ZONGJIE, "ingest", str(corpus)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while _stored(url) < target and process.poll() is None:
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 2))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        report = json.loads(_zongjie(env, "check", "--json").stdout)
        for kind, ids in report["found"].items():
            found[kind if kind in found else "other"] += len(ids)
        if len(set(_shapes(env).values())) > 1:
            half_documents += 1
        _zongjie(env, "check", "--repair")
    final = _zongjie(env, "ingest", str(corpus), "--json")
    statuses = [d["status"] for d in json.loads(final.stdout)["documents"]]
    after = json.loads(_zongjie(env, "check", "--json").stdout)
    shapes = _shapes(env)
    return {
        "files": files,
        "kills": kills,
        "found_by_check": found,
        "rounds_with_a_half_document": half_documents,
        "final_run_files": len(statuses),
        "final_statuses": sorted(set(statuses)),
        "all_files_whole": len(shapes) == files and len(set(shapes.values())) == 1,
        "clean_at_end": after["clean"],
        "totals": after["totals"],
    }


def main() -> None:
    """Parse the options, set up the store (embedded or servers), print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--servers", action="store_true", help="PostgreSQL + Chroma server")
    options = parser.parse_args()
    with fresh_store(servers=options.servers) as (env, work):
        started = time.perf_counter()
        figures = run(options.rounds, options.files, env, env["ZONGJIE_DATABASE_URL"], work)
        figures["backend"] = backend_name(options.servers)
        figures["seconds"] = round(time.perf_counter() - started, 1)
        print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
