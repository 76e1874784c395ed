"""Ingest a folder into a fresh store and report time, peak memory, chunks and cache savings.

    .venv/bin/python benchmarks/ingest_corpus.py ../shared/corpus

Then it re-ingests (everything must be `unchanged`) and replaces one file with a one-sentence
edit, to show how many chunk embeddings the cache saves on a revised upload.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bot.services import Services
from bot.settings import Settings


def main(folder: Path) -> None:
    """Run the measurements and print them as a small table."""
    with tempfile.TemporaryDirectory() as tmp:
        services = Services(Settings(data_dir=Path(tmp) / "data"))
        started = time.perf_counter()
        first = services.ingestor.ingest([folder])
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        chunks = sum(d.chunks for d in first.documents)
        print(f"files: {len({d.file for d in first.documents})}, reports: {len(first.documents)}")
        print(
            f"chunks: {chunks}, embedded: {first.chunks_embedded}, "
            f"from cache: {first.chunks_from_cache}"
        )
        print(f"ingest from empty: {elapsed:.1f} s, peak RSS {peak_mb:.0f} MB")

        again = services.ingestor.ingest([folder])
        print(f"re-ingest statuses: {sorted({d.status for d in again.documents})}")

        copy = Path(tmp) / "revised"
        shutil.copytree(folder, copy)
        target = sorted(p for p in copy.iterdir() if p.suffix == ".txt")[0]
        revised_text = target.read_text(encoding="utf-8") + "\n补充说明一句。\n"
        target.write_text(revised_text, encoding="utf-8")
        revised = services.ingestor.ingest([target])
        print(
            f"revised {target.name}: {[d.status for d in revised.documents][:1]}, "
            f"embedded {revised.chunks_embedded}, from cache {revised.chunks_from_cache}"
        )
        if first.errors:
            print(f"errors: {[(e.path, str(e.error)) for e in first.errors]}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/corpus"))
