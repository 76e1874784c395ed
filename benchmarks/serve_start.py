"""How fast `zongjie serve` starts: from launching the process to its first getUpdates against
the fake Bot API of the tests, then to its first answer, and how fast it stops on SIGTERM.

    .venv/bin/python benchmarks/serve_start.py [--runs 5]

The store is the sample corpus, ingested once beforehand. The embedding model loads in the
background after the bot starts polling, so the first answer includes whatever is left of it.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fakebotapi import TOKEN, FakeBotAPI, private_chat, user  # noqa: E402

ZONGJIE = str(Path(sys.executable).parent / "zongjie")
QUESTION = "2024年上半年学前三年幼儿入园率是多少？"
ASKER = user(101, "王主任")


def one_run(env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds to first getUpdates, to the first answer, to exit after SIGTERM)."""
    server = FakeBotAPI().start()
    env = env | {"ZONGJIE_TELEGRAM_BASE_URL": server.base_url}
    try:
        started = time.monotonic()
        process = subprocess.Popen(
            [ZONGJIE, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        polling = server.wait_for("getUpdates").at - started
        mark = server.mark()
        server.say(ASKER, private_chat(ASKER["id"]), QUESTION)
        answer = server.wait_for("sendMessage", since=mark)
        assert "97.7%" in answer.text, answer.text
        answered = answer.at - started
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=120)
        stopped = time.monotonic() - stopping
        assert process.returncode == 0
        return polling, answered, stopped
    finally:
        server.stop()


def main() -> None:
    """Ingest the samples once, then start and stop the bot `--runs` times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZONGJIE_")}
        env |= {
            "ZONGJIE_DATA_DIR": str(Path(tmp) / "data"),
            "ZONGJIE_TELEGRAM_TOKEN": TOKEN,
            "ZONGJIE_ALLOWED_USERS": str(ASKER["id"]),
            "HF_HUB_OFFLINE": "1",
        }
        subprocess.run(
            [ZONGJIE, "ingest", str(REPO / "samples" / "corpus")],
            env=env,
            check=True,
            capture_output=True,
        )
        results = [one_run(env) for _ in range(runs)]
    for name, values in zip(
        ("start → first getUpdates", "start → first answer", "SIGTERM → exit"),
        zip(*results, strict=True),
        strict=True,
    ):
        print(
            f"{name}: median {statistics.median(values):.2f} s "
            f"(min {min(values):.2f}, max {max(values):.2f}, {runs} runs)"
        )


if __name__ == "__main__":
    main()
