"""A scaled-up synthetic corpus: the sample 青禾县 files rewritten for many fictional counties.

Each variant renames the county and its city, shifts the years and scales the figures (never
dates, years, document numbers or list numbering), so the BM25 vocabulary, the figure store and
the report filters see what many bureaus' summaries would give them. Variants are written as
real files (.txt for prose, .xlsx for metric tables) and ingested through the real pipeline.

Embedding every chunk with e5 would take hours on two cores, so `PooledEmbeddings` embeds the
first `depth` variants of each chunk for real and gives later variants one of those real
vectors, jittered by the spread measured between the real ones: vectors of similar texts, not
of each exact text. Question vectors are always real.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest import loaders
from ingest.model import LoadedText
from ingest.regions import find_region
from ingest.tables import TABLE_FORMATS
from storage.embeddings import NamedEmbeddings

SOURCE_COUNTY, SOURCE_CITY = "青禾县", "云川市"
_FIRST = (
    "丰石安河松柳梅桃杏枫竹兰桂凤鹤鹿泉溪湖岚峰岭原林雁霞"
    "杉桐榆槐芦荷莲菱茶橙栗蓬萍黛翠碧苍蓝紫锦瑞嘉永乐康宜昌兴"
)
_SECOND = (
    "宁阳川源城台塘浦沙坪溪湾岗屯集埠营陵桥谷泽江州水山林田"
    "岩岭垣丘冈潭汀洲渚港坝堡寨庄店镇岙滩峪泊湄"
)
_CITIES = [f"{a}{b}市" for a in "东西南北中" for b in "岳陵川江原州"]
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# A figure: not a year, not part of a date or a document number, not list numbering ("1.", "2、").
_FIGURE = re.compile(
    r"(?<![\d.〔（(])(?P<num>\d+(?:\.\d+)?)(?![\d.]*[年月日号时〕、）)])(?!\.\D)(?P<pct>%?)"
)


def county_names() -> list[str]:
    """Two-character county names (never 青禾县) that the ingest recognises as a region."""
    names = [f"{a}{b}县" for a in _FIRST for b in _SECOND]
    rng = random.Random(7)
    rng.shuffle(names)
    return [n for n in names if find_region(f"{n}教育局工作总结", "", "") == n]


@dataclass(frozen=True)
class Variant:
    """One fictional county's rewrite of the sample corpus."""

    index: int
    county: str
    city: str
    year_shift: int

    def rename(self, text: str) -> str:
        """`text` with this variant's county, city and years (figures untouched)."""
        text = text.replace(SOURCE_COUNTY, self.county).replace(SOURCE_CITY, self.city)
        text = text.replace(SOURCE_COUNTY[:2], self.county[:2])
        return _YEAR.sub(lambda m: str(int(m.group()) + self.year_shift), text)

    def apply(self, text: str, *, salt: str = "") -> str:
        """`text` with this variant's names, years and figures."""
        text = self.rename(text)
        rng = random.Random(f"{self.index}:{salt}")
        return _FIGURE.sub(lambda m: _scaled(m, rng), text)

    def template_key(self, text: str) -> str:
        """The text with this variant's names and every digit masked: equal for all variants."""
        text = text.replace(self.county, "〈县〉").replace(self.city, "〈市〉")
        return re.sub(r"\d+", "0", text.replace(self.county[:2], "〈县〉"))


def variants() -> list[Variant]:
    """Every variant, in a fixed order; each has its own county."""
    return [
        Variant(i, name, _CITIES[i % len(_CITIES)], -(i % 5))
        for i, name in enumerate(county_names())
    ]


def _scaled(match: re.Match[str], rng: random.Random) -> str:
    raw, pct = match["num"], match["pct"]
    value = float(raw)
    if value < 10 and "." not in raw:
        return match.group()  # small counts read as words ("3所", "一是") keep their meaning
    scaled = value * rng.uniform(0.85, 1.15)
    if value <= 100 < scaled:  # a rate stays a rate (table cells carry % in another column)
        scaled = value
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return f"{scaled:.{decimals}f}{pct}"


def load_sources(folder: Path) -> list[tuple[Path, LoadedText]]:
    """The source files, loaded once by the real loaders."""
    return [(p, loaders.load(p)) for p in sorted(folder.iterdir()) if p.is_file()]


def write_variant(
    variant: Variant, sources: list[tuple[Path, LoadedText]], out: Path
) -> list[Path]:
    """Write one variant's files into `out`: prose as .txt, metric tables as .xlsx."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path, loaded in sources:
        stem = variant.apply(path.stem, salt="name")
        if loaded.format in TABLE_FORMATS:
            target = out / f"{stem}.xlsx"
            _write_xlsx(variant, loaded, target)
        else:
            target = out / f"{stem}.txt"
            target.write_text(variant.apply(loaded.text, salt=path.name), encoding="utf-8")
        written.append(target)
    return written


def _write_xlsx(variant: Variant, loaded: LoadedText, target: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for grid in loaded.grids:
        sheet = book.create_sheet(variant.apply(grid.name, salt="sheet"))
        rng_salt = f"{target.name}:{grid.name}"
        for row in grid.rows:
            for column, cell in enumerate(row.cells, start=1):
                if cell:
                    text = variant.apply(cell, salt=f"{rng_salt}:{row.number}:{column}")
                    sheet.cell(row=row.number, column=column, value=_cell_value(text))
    book.save(target)


def _cell_value(text: str) -> str | int | float:
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    return text


class PooledEmbeddings(NamedEmbeddings):
    """Real e5 vectors for the first `depth` variants of each chunk, reused (jittered) after.

    Set `variant` before ingesting a variant's files: it tells which names to mask when
    matching a chunk to its template.
    """

    def __init__(self, real: NamedEmbeddings, pool_file: Path, *, depth: int) -> None:
        self.model_name = real.model_name
        self._real = real
        self._file = pool_file
        self._depth = depth
        self.variant: Variant | None = None
        self.real_calls = 0
        self.pool: dict[str, list[np.ndarray]] = {}
        if pool_file.exists():
            data = np.load(pool_file, allow_pickle=False)
            for key, vector in zip(data["keys"], data["vectors"], strict=True):
                self.pool.setdefault(str(key), []).append(vector)
        self._jitter: float | None = None

    def embed_query(self, text: str) -> list[float]:
        """A real question vector."""
        return self._real.embed_query(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Real vectors while a chunk's pool is short, else a jittered pooled vector."""
        if self.variant is None:
            raise RuntimeError("set PooledEmbeddings.variant before ingesting")
        keys = [self.variant.template_key(t) for t in texts]
        fresh = [i for i, k in enumerate(keys) if len(self.pool.get(k, ())) < self._depth]
        out: list[np.ndarray | None] = [None] * len(texts)
        if fresh:
            vectors = self._real.embed_documents([texts[i] for i in fresh])
            self.real_calls += len(fresh)
            for i, vector in zip(fresh, vectors, strict=True):
                out[i] = np.asarray(vector, np.float32)
                self.pool.setdefault(keys[i], []).append(out[i])
            self._jitter = None
        rng = np.random.default_rng(self.variant.index)
        for i, key in enumerate(keys):
            if out[i] is None:
                members = self.pool[key]
                base = members[self.variant.index % len(members)]
                noisy = base + rng.normal(0.0, self.jitter(), base.shape).astype(np.float32)
                out[i] = noisy / np.linalg.norm(noisy)
        return [v.tolist() for v in out if v is not None]

    def jitter(self) -> float:
        """Noise per dimension giving a jittered vector the cosine to its base that real
        variants of one chunk have to each other (their mean pairwise cosine)."""
        if self._jitter is None:
            cosines = [
                float(a @ b)
                for members in self.pool.values()
                for n, a in enumerate(members)
                for b in members[n + 1 :]
            ]
            mean = float(np.mean(cosines)) if cosines else 0.98
            dim = len(next(iter(self.pool.values()))[0])
            self._jitter = float(np.sqrt(max(1.0 / mean**2 - 1.0, 0.0) / dim))
        return self._jitter

    def mean_cosine(self) -> float:
        """The cosine a jittered vector has to its base (expected), for the results note."""
        dim = len(next(iter(self.pool.values()))[0])
        return float(1.0 / np.sqrt(1.0 + dim * self.jitter() ** 2))

    def save(self) -> None:
        """Keep the real vectors for the next build."""
        keys = [k for k, members in self.pool.items() for _ in members]
        vectors = np.stack([v for members in self.pool.values() for v in members])
        np.savez(self._file, keys=np.array(keys), vectors=vectors)
