"""Build synthetic stores of about N chunks (default 1k, 10k, 100k) for the latency benchmark.

    .venv/bin/python benchmarks/build_synthetic_store.py --root /tmp/zongjie-bench

Each store is a data directory (`ROOT/store-1k`, ...) filled by the real ingest pipeline with
variants of samples/corpus (see benchmarks/synthetic.py), until it holds at least N chunks.
A store already that big is left alone; an interrupted build resumes where it stopped. The
real e5 vectors of the first variants are kept in ROOT/pool.npz and shared by every size.
Writes ROOT/store-*/bench.json: chunks, files, build time and ingest throughput.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from bot.services import Services
from bot.settings import Settings
from storage.embeddings import make_embeddings
from storage.models import Chunk, SourceFile

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import PooledEmbeddings, load_sources, variants, write_variant  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (1_000, 10_000, 100_000)


def label(size: int) -> str:
    """1000 → "1k"."""
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def store_dir(root: Path, size: int) -> Path:
    """Where the store of `size` chunks lives."""
    return root / f"store-{label(size)}"


def counts(services: Services) -> tuple[int, int]:
    """(chunks, files) in a store."""
    with services.store.session() as session:
        chunks = session.exec(select(func.count()).select_from(Chunk)).one()
        files = session.exec(select(func.count()).select_from(SourceFile)).one()
    return int(chunks), int(files)


def build(root: Path, size: int, source: Path, pooled: PooledEmbeddings) -> dict[str, object]:
    """Fill the store of `size` chunks (if needed) and return its bench.json record."""
    data_dir = store_dir(root, size)
    marker = data_dir / "bench.json"
    services = Services(Settings(data_dir=data_dir))
    services.__dict__["embeddings"] = pooled
    chunks, files = counts(services)
    if marker.exists() and chunks >= size:
        print(f"{data_dir}: {chunks} chunks already", flush=True)
        return json.loads(marker.read_text())
    sources = load_sources(source)
    started, added_chunks, added_files = time.perf_counter(), 0, 0
    for variant in variants()[files // len(sources) :]:
        if chunks >= size:
            break
        pooled.variant = variant
        for path in write_variant(variant, sources, root / "files" / f"v{variant.index:04d}"):
            documents = services.ingestor.ingest_file(path)
            if documents[0].status != "unchanged":
                added_files += 1
                added_chunks += sum(d.chunks for d in documents)
                chunks += sum(d.chunks for d in documents)
        if variant.index % 50 == 0:
            pooled.save()
            print(f"  {label(size)}: variant {variant.index}, {chunks} chunks", flush=True)
    seconds = time.perf_counter() - started
    pooled.save()
    if chunks < size:
        raise SystemExit(f"only {chunks} chunks: the synthetic corpus has too few variants")
    chunks, files = counts(services)
    record = {
        "target": size,
        "chunks": chunks,
        "files": files,
        "source": str(source),
        "build_seconds": round(seconds, 1),
        "chunks_per_second": round(added_chunks / seconds, 1) if seconds else None,
        "files_per_second": round(added_files / seconds, 2) if seconds else None,
        "real_embeddings_this_build": pooled.real_calls,
        "pooled_vector_cosine_to_real": round(pooled.mean_cosine(), 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    marker.write_text(json.dumps(record, ensure_ascii=False, indent=2))
    print(json.dumps(record, ensure_ascii=False), flush=True)
    return record


def main() -> None:
    """Build every requested size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/tmp/zongjie-bench"))
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--source", type=Path, default=REPO / "samples" / "corpus")
    parser.add_argument("--depth", type=int, default=8, help="real vectors per chunk template")
    args = parser.parse_args()
    args.root.mkdir(parents=True, exist_ok=True)
    real = make_embeddings(Settings().embedding_model)
    pooled = PooledEmbeddings(real, args.root / "pool.npz", depth=args.depth)
    for size in sorted(args.sizes):
        build(args.root, size, args.source, pooled)


if __name__ == "__main__":
    main()
