"""A seeded set of broken uploads: truncated and corrupted docx/pdf/xlsx, zip bombs, random
bytes under document extensions, huge lines and wrong encodings.

`broken_inputs(seed)` yields (name, bytes, kind) in a fixed order for a seed; the base files
are the bundled sample corpus. tests/test_reliability_fuzz.py ingests every one;
`python -m benchmarks.fuzz_inputs` prints how many there are of each kind.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from benchmarks.fault_corpus import report_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
BASES = {
    ".docx": SAMPLES / "青禾县教育局2024年上半年工作总结.docx",
    ".pdf": SAMPLES / "青禾县教育局2025年上半年工作总结.pdf",
    ".xlsx": SAMPLES / "青禾县教育事业主要指标.xlsx",
}
RANDOM_SUFFIXES = (".docx", ".pdf", ".xlsx", ".txt", ".md", ".html", ".htm", ".csv", ".doc")
WRONG_ENCODINGS = ("utf-16-le", "utf-16-be", "utf-32", "shift_jis", "big5", "euc-kr", "cp1252")

Broken = tuple[str, bytes, str]


def _truncated(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(1, len(data) - 1)]


def _corrupted(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _office_parts(suffix: str) -> dict[str, bytes]:
    with zipfile.ZipFile(BASES[suffix]) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip_bombs() -> Iterator[Broken]:
    """Containers that inflate far beyond their size, or hold too many parts."""
    for suffix, main in ((".docx", "word/document.xml"), (".xlsx", "xl/workbook.xml")):
        parts = _office_parts(suffix)
        yield f"bomb_ratio{suffix}", _zip({**parts, main: b"<" + b"a" * 60_000_000}), "zip_bomb"
        many = {**parts, **{f"x/{i}.xml": b"<a/>" for i in range(2_500)}}
        yield f"bomb_entries{suffix}", _zip(many), "zip_bomb"
        inner = _zip({"inner.bin": bytes(20_000_000)})
        yield f"bomb_nested{suffix}", _zip({**parts, "x/inner.zip": inner}), "zip_bomb"
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "haha">'
            + b"".join(
                b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
                for i in range(9)
            )
            + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            b'2006/main"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>'
        )
        yield f"bomb_laughs{suffix}", _zip({**parts, main: laughs}), "zip_bomb"
    far = _office_parts(".xlsx")
    sheet = far["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>',
    )
    yield "bomb_extent.xlsx", _zip({**far, "xl/worksheets/sheet1.xml": sheet}), "zip_bomb"


def _huge_lines(rng: random.Random) -> Iterator[Broken]:
    """One enormous line, of prose, digits, table cells, markup or random characters.

    Sizes are what the suite can afford, not what the code withstands: a line of figures with
    no sentence end costs figure extraction time quadratic in its length (20 KB ~2 s, 40 KB
    ~7 s here; ingest/figures.py searches the whole sentence once per figure), and unclosed
    nested tags cost HTML parsing the same (200 KB ~4 s, 1 MB ~20 s).
    """
    yield "line_figures_20000.txt", ("入园率达97.7%，" * 2_222).encode(), "huge_line"
    yield "line_digits_200000.txt", b"9" * 200_000, "huge_line"
    for size in (200_000, 1_000_000):
        yield f"line_para_{size}.html", b"<p>" + "教育".encode() * (size // 6), "huge_line"
    yield "line_cells_3000000.csv", ("97.7," * 600_000).encode(), "huge_line"
    yield "line_tags_60000.html", b"<b>" * 20_000, "huge_line"
    noise = "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(100_000))
    yield "line_random_cn.md", noise.encode(), "huge_line"


def _wrong_encodings(rng: random.Random) -> Iterator[Broken]:
    text = report_text(0, rng, sections=3)
    for encoding in WRONG_ENCODINGS:
        data = text.encode(encoding, errors="replace")
        yield f"enc_{encoding}.txt", data, "wrong_encoding"
        yield f"enc_{encoding}.csv", data, "wrong_encoding"
    for index in range(6):  # valid UTF-8 with invalid bytes spliced in
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 8)):
            data.insert(rng.randrange(len(data)), rng.choice([0xFF, 0xFE, 0x80, 0xC0]))
        yield f"enc_spliced{index}.txt", bytes(data), "wrong_encoding"


def broken_inputs(seed: int = 20240701) -> Iterator[Broken]:
    """Every broken input for `seed`, in a fixed order: (file name, bytes, kind)."""
    rng = random.Random(seed)
    for suffix, path in BASES.items():
        data = path.read_bytes()
        for index in range(25):
            yield f"cut{index}{suffix}", _truncated(rng, data), f"truncated{suffix}"
        for index in range(25):
            yield f"flip{index}{suffix}", _corrupted(rng, data), f"corrupted{suffix}"
    yield from _zip_bombs()
    for index in range(45):
        suffix = RANDOM_SUFFIXES[index % len(RANDOM_SUFFIXES)]
        noise = rng.randbytes(rng.choice([1, 7, 512, 4096, 65_536]))
        yield f"noise{index}{suffix}", noise, "random_bytes"
    yield from _huge_lines(rng)
    yield from _wrong_encodings(rng)


if __name__ == "__main__":
    counts = Counter(kind for _, _, kind in broken_inputs())
    for kind, count in sorted(counts.items()):
        print(f"{kind:22} {count}")
    print(f"{'total':22} {sum(counts.values())}")
