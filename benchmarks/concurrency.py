"""50 questions at once, from threads, while another process ingests a large corpus.

    .venv/bin/python -m benchmarks.concurrency [--questions 50] [--waves 3] [--files 40] [--servers]

The store holds the sample corpus; every sample question (tests/data/sample_qa.jsonl) is first
answered at rest. Then `zongjie ingest` starts on a generated corpus (benchmarks/fault_corpus.py:
白石县, 2019, so it answers none of the questions) in a separate process; once it has stored a
first file, each wave asks `--questions` questions (the sample questions in turn) from as many
threads at once, wave after wave while the ingest runs. An answer is wrong when its figures or
its lead (the answer before the further sources) match neither the answer given at rest before
the ingest nor the one given at rest after it (new reports may rightly change an answer).
Prints JSON: counts, latency percentiles, and how many files the ingest stored while the waves
ran. `--servers` uses a throwaway PostgreSQL and Chroma server (tests/servers.py) instead of
SQLite and embedded Chroma.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from benchmarks.fault_corpus import write_corpus
from benchmarks.stores import backend_name, fresh_store
from bot.services import Services
from bot.settings import Settings
from knowledge.answers import Answer
from storage.models import SourceFile

REPO = Path(__file__).resolve().parent.parent
ZONGJIE = str(Path(sys.executable).parent / "zongjie")


def _key(answer: Answer) -> tuple[str, list[tuple[str, str]]]:
    """What must not change: the answer's lead and its cited figures."""
    return answer.text.split("其他来源")[0], [(f.raw, f.indicator) for f in answer.figures]


def _timed(services: Services, question: str) -> tuple[str, float, Answer | None, str]:
    started = time.perf_counter()
    try:
        answer = services.answerer.answer(question)
        error = ""
    except Exception as exc:  # noqa: BLE001 - counted and reported, not hidden
        answer, error = None, f"{type(exc).__name__}: {exc}"[:200]
    return question, time.perf_counter() - started, answer, error


def _stored_files(services: Services) -> int:
    with services.store.session() as session:
        return int(session.exec(select(func.count()).select_from(SourceFile)).one())


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "p50": round(statistics.median(ordered), 3),
        "p95": round(pick(0.95), 3),
        "max": round(ordered[-1], 3),
    }


def run(options: argparse.Namespace, env: dict[str, str], work: Path) -> dict[str, object]:
    """Set up, answer at rest, then ask the waves during the ingest."""
    settings = Settings(
        data_dir=Path(env["ZONGJIE_DATA_DIR"]),
        database_url=env["ZONGJIE_DATABASE_URL"],
        chroma_url=env.get("ZONGJIE_CHROMA_URL"),
    )
    services = Services(settings)
    assert services.ingestor.ingest([REPO / "samples" / "corpus"]).errors == []
    qa = (REPO / "tests" / "data" / "sample_qa.jsonl").read_text("utf-8").splitlines()
    questions = [json.loads(line)["q"] for line in qa]
    at_rest: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    rest_latency = []
    for question in questions:
        _, seconds, answer, error = _timed(services, question)
        assert answer is not None, error
        at_rest[question] = _key(answer)
        rest_latency.append(seconds)

    corpus = work / "large"
    write_corpus(corpus, options.files, seed=3)
    ingest = subprocess.Popen(
        [ZONGJIE, "ingest", str(corpus)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    baseline = _stored_files(services)
    while _stored_files(services) == baseline and ingest.poll() is None:
        time.sleep(0.1)
    files_before = _stored_files(services)
    latencies: list[float] = []
    given: list[tuple[str, tuple[str, list[tuple[str, str]]]]] = []
    errors: list[str] = []
    asked = 0
    waves_during_ingest = 0
    waves = 0
    # At least --waves waves, and on while the ingest runs (at most 40).
    while waves < options.waves or (ingest.poll() is None and waves < 40):
        waves += 1
        batch = [questions[(asked + i) % len(questions)] for i in range(options.questions)]
        asked += len(batch)
        running = ingest.poll() is None
        with ThreadPoolExecutor(max_workers=options.questions) as pool:
            results = list(pool.map(lambda q: _timed(services, q), batch))
        waves_during_ingest += running and ingest.poll() is None
        for question, seconds, answer, error in results:
            latencies.append(seconds)
            if answer is None:
                errors.append(error)
            else:
                given.append((question, _key(answer)))
    files_after = _stored_files(services)
    ingest.wait()
    # The ingest adds reports, which may rightly change an answer: one is wrong when it is
    # neither the answer at rest before the ingest nor the one at rest after it.
    after = {q: _key(a) for q in questions if (a := _timed(services, q)[2]) is not None}
    wrong = [q for q, key in given if key not in (at_rest[q], after.get(q))]
    changed_by_ingest = sorted(q for q in questions if after.get(q) != at_rest[q])
    stderr = ingest.stderr.read().decode(errors="replace")[-500:] if ingest.stderr else ""
    return {
        "backend": backend_name(options.servers),
        "questions_asked": asked,
        "threads_per_wave": options.questions,
        "waves": waves,
        "waves_fully_during_ingest": waves_during_ingest,
        "answered": asked - len(errors),
        "wrong": len(wrong),
        "wrong_samples": wrong[:3],
        "answers_changed_by_the_ingested_reports": len(changed_by_ingest),
        "errors": len(errors),
        "error_samples": errors[:3],
        "latency_s_during_ingest": _percentiles(latencies),
        "latency_s_at_rest_one_at_a_time": _percentiles(rest_latency),
        "ingest_files_stored_during_waves": files_after - files_before,
        "ingest_exit_code": ingest.returncode,
        "ingest_stderr_tail": stderr if ingest.returncode else "",
    }


def main() -> None:
    """Parse the options, prepare the store (embedded or servers), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--servers", action="store_true", help="PostgreSQL + Chroma server")
    options = parser.parse_args()
    with fresh_store(servers=options.servers) as (env, work):
        print(json.dumps(run(options, env, work), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
