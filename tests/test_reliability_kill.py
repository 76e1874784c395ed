"""kill -9 of an ingest half-way leaves no half document; check, repair and a re-run finish it.

Every generated file has the same shape, so a file stored in part would show as one whose
counts differ from the rest. `benchmarks/kill_ingest.py` repeats this at random moments.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.fault_corpus import write_corpus
from tests.test_cli import ZONGJIE, run

FILES = 5


def stored_files(database: Path) -> int:
    """How many files a reader sees committed (0 before the database exists)."""
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM source_file").fetchone()[0])
    except sqlite3.Error:
        return 0


def kill_after_first_file(data: Path, corpus: Path) -> None:
    """Start `zongjie ingest corpus` and SIGKILL it once a first file is committed."""
    env = {**os.environ, "ZONGJIE_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    env.pop("ZONGJIE_EMBEDDING_MODEL", None)
    process = subprocess.Popen(
        [ZONGJIE, "ingest", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 600
    try:
        while stored_files(data / "zongjie.sqlite3") < 1:
            assert process.poll() is None, "the ingest ended before a file was stored"
            assert time.monotonic() < deadline, "no file was stored in time"
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def shapes(data: Path) -> dict[str, tuple[int, int]]:
    """(sections, chunks) of each stored file's report, by file name."""
    listing = json.loads(run(data, "docs", "--json").stdout)["documents"]
    return {d["file"]: (d["sections"], d["chunks"]) for d in listing}


def test_a_killed_ingest_leaves_whole_files_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    write_corpus(corpus, FILES)
    kill_after_first_file(data, corpus)

    after_kill = shapes(data)
    assert 1 <= len(after_kill) < FILES, "the kill must land mid-way"
    assert len(set(after_kill.values())) == 1  # every stored file is whole
    checked = run(data, "check", "--repair", "--json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["clean"] and report["found"]["chunks_without_vectors"] == []

    rerun = run(data, "ingest", str(corpus), "--json")
    assert rerun.returncode == 0, rerun.stderr
    statuses = {d["file"]: d["status"] for d in json.loads(rerun.stdout)["documents"]}
    assert len(statuses) == FILES
    assert {statuses[name] for name in after_kill} == {"unchanged"}
    final = shapes(data)
    assert len(final) == FILES and set(final.values()) == set(after_kill.values())
    clean = json.loads(run(data, "check", "--json").stdout)
    assert clean["clean"] and clean["totals"]["chunks"] == clean["totals"]["vectors"]


# Kills the ingest right after a file's vectors are in Chroma and before its rows commit:
# the one moment a kill can leave something behind (orphan vectors, never rows).
_KILL_AFTER_VECTORS = """
import os, signal, sys
from storage.vectors import ChunkVectors
real_add = ChunkVectors.add
def add_then_die(self, *args, **kwargs):
    real_add(self, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
ChunkVectors.add = add_then_die
from bot.cli import main
sys.argv = ["zongjie", "ingest", sys.argv[1]]
main()
"""


def test_a_kill_between_vectors_and_rows_leaves_orphan_vectors_that_check_repairs(
    tmp_path: Path,
) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    write_corpus(corpus, 2)
    env = {**os.environ, "ZONGJIE_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    env.pop("ZONGJIE_EMBEDDING_MODEL", None)
    killed = subprocess.run(
        [sys.executable, "-c", _KILL_AFTER_VECTORS, str(corpus)], env=env, capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL
    assert shapes(data) == {}  # no rows of the file whose write was cut
    found = json.loads(run(data, "check", "--json").stdout)
    assert len(found["found"]["orphan_vectors"]) == found["totals"]["vectors"] > 0
    repaired = json.loads(run(data, "check", "--repair", "--json").stdout)
    assert repaired["clean"] and repaired["totals"]["vectors"] == 0
    rerun = run(data, "ingest", str(corpus), "--json")
    assert rerun.returncode == 0, rerun.stderr
    assert len(shapes(data)) == 2
    assert json.loads(run(data, "check", "--json").stdout)["clean"]
