"""Uploaded file → `LoadedText`: the checks every file passes, then one reader per format.

`load` raises only `IngestError` subclasses for anything wrong with the file itself, so the
edge can map each to a message for the user; a parser's own exception never escapes it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from ingest.archive import check_office_zip
from ingest.errors import (
    CorruptFile,
    EmptyFile,
    IngestError,
    LegacyFormat,
    TooLarge,
    TooMuchText,
    UndecodableText,
    UnsupportedType,
)
from ingest.model import Grid, GridRow, LoadedText
from ingest.office import grids_text

MAX_FILE_BYTES = 20 * 1024 * 1024
# Characters of text one file may hold: 8 times the longest real file (24,000 characters, with
# three reports). Reading is linear in the text, but embedding is not cheap (~0.14 s a passage
# of 300 characters on two cores): 200,000 characters take minutes, during which the bot
# stores no other file. benchmarks/long_inputs.py measures the reading.
MAX_TEXT_CHARS = 200_000
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".xlsx", ".csv"}
)
# Old binary Word/WPS files: recognised so the user is told to save them as .docx.
LEGACY_SUFFIXES: frozenset[str] = frozenset({".doc", ".wps"})
# Tried strictly in this order; GB18030 last because it accepts most byte sequences.
TEXT_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
CSV_DELIMITERS = (",", "\t", ";")
_MAX_DETAIL_CHARS = 200
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # Notepad's "Unicode"
# Big5 bytes are valid GB18030 too, read as rare characters outside GB2312: a simplified
# report has almost none (a name's 堃), traditional text in GBK about a third, Big5 read as
# GB18030 about half (臨江區 in Big5 → 羬跋毙…), Shift-JIS nearly all. Above the first share
# of its Hanzi, text that is also strict Big5 (cp950) is Big5; above the second, text that is
# not is refused rather than stored as mojibake.
_BIG5_RARE_SHARE = 0.2
_MOJIBAKE_RARE_SHARE = 0.6
_MIN_HANZI_TO_JUDGE = 10
_HANZI = re.compile(r"[\u3400-\u9fff]")


def decode_text(data: bytes, path: str = "") -> str:
    """Decode UTF-8, UTF-8 or UTF-16 with BOM, GB18030 or Big5 (strictly, in that order);
    newlines become \\n."""
    encodings = TEXT_ENCODINGS
    if data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig", "gb18030")  # else plain UTF-8 would keep the BOM as text
    elif data.startswith(_UTF16_BOMS):
        encodings = ("utf-16",)
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030":
            text = _gb18030_or_big5(data, text)
        # No text file holds NUL: that is UTF-16 or binary read as something it is not.
        if text is not None and "\x00" not in text:
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UndecodableText(path, "not UTF-8, UTF-8/UTF-16 with BOM, GB18030 or Big5")


def _gb18030_or_big5(data: bytes, as_gb18030: str) -> str | None:
    """The text as GB18030 or, when that is mostly rare characters, as Big5; None if neither."""
    hanzi = _HANZI.findall(as_gb18030)
    if len(hanzi) < _MIN_HANZI_TO_JUDGE:
        return as_gb18030
    rare_share = sum(1 for char in hanzi if not _in_gb2312(char)) / len(hanzi)
    if rare_share < _BIG5_RARE_SHARE:
        return as_gb18030
    try:
        return data.decode("cp950")
    except UnicodeDecodeError:
        # Traditional characters written in GBK, say; or mojibake.
        return as_gb18030 if rare_share < _MOJIBAKE_RARE_SHARE else None


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _load_txt(path: Path) -> str:
    return decode_text(path.read_bytes(), str(path))


def _sniff_delimiter(text: str) -> str:
    # csv.Sniffer guesses wildly on Chinese text; the header line's most frequent candidate
    # is predictable, and a one-column file falls back to the comma.
    first = text.split("\n", 1)[0]
    best = max(CSV_DELIMITERS, key=first.count)
    return best if first.count(best) else ","


def _load_csv(path: Path) -> list[Grid]:
    text = decode_text(path.read_bytes(), str(path))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows = []
    for number, row in enumerate(reader, start=1):
        cells = [" ".join(cell.split()) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(GridRow(number, tuple(cells)))
    return [Grid(path.stem, tuple(rows))] if rows else []


def _load_html(path: Path) -> str:
    from ingest.htmltext import decode_html, html_to_text

    markup = decode_html(path.read_bytes(), lambda data: decode_text(data, str(path)))
    return html_to_text(markup)


def _load_docx(path: Path) -> str:
    from ingest.office import load_docx_text

    check_office_zip(path, main_part="word/document.xml")
    return load_docx_text(path)


def _load_xlsx(path: Path) -> list[Grid]:
    from ingest.office import load_xlsx_grids

    check_office_zip(path, main_part="xl/workbook.xml")
    return load_xlsx_grids(path)


def _load_pdf(path: Path) -> str:
    from ingest.pdftext import load_pdf_text

    with path.open("rb") as f:
        if b"%PDF-" not in f.read(1024):  # the header may follow a little junk
            raise CorruptFile(str(path), "not a PDF (no %PDF- header)")
    # A damaged font map can yield NUL characters, which PostgreSQL text columns refuse.
    return load_pdf_text(path).replace("\x00", "")


# suffix → (reader, LoadedText.format); table readers return grids, the others text
_READERS: dict[str, tuple[Callable[[Path], str | list[Grid]], str]] = {
    ".txt": (_load_txt, "txt"),
    ".md": (_load_txt, "txt"),
    ".csv": (_load_csv, "csv"),
    ".html": (_load_html, "html"),
    ".htm": (_load_html, "html"),
    ".docx": (_load_docx, "docx"),
    ".xlsx": (_load_xlsx, "xlsx"),
    ".pdf": (_load_pdf, "pdf"),
}


def _short(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    if len(message) > _MAX_DETAIL_CHARS:
        message = message[: _MAX_DETAIL_CHARS - 1] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def load(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_chars: int = MAX_TEXT_CHARS
) -> LoadedText:
    """Read a supported file as text, or raise the IngestError saying why it cannot be read.

    A path that does not exist raises FileNotFoundError: the caller's fault, not the file's.
    """
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and suffix not in LEGACY_SUFFIXES:
        raise UnsupportedType(name, f"{suffix or 'no extension'} is not a supported type")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(name, "the file has no bytes")
    if size > max_bytes:
        raise TooLarge(name, f"{size} bytes (limit {max_bytes})")
    if suffix in LEGACY_SUFFIXES:
        raise LegacyFormat(name, f"{suffix} files cannot be read: save it as .docx")
    reader, fmt = _READERS[suffix]
    grids: tuple[Grid, ...] = ()
    try:
        result = reader(path)
        if isinstance(result, list):
            grids = tuple(result)
            text = grids_text(result, sheet_lines=fmt == "xlsx")
        else:
            text = result
    except IngestError:
        raise
    except Exception as exc:  # any parser failure means the file is not what it claims
        raise CorruptFile(name, _short(exc)) from exc
    # Strip only blank lines: a first table row may start with an empty cell (" | 校长").
    text = text.strip("\n")
    if not text.strip():
        detail = "no text layer (a scanned PDF needs OCR)" if fmt == "pdf" else "no text"
        raise EmptyFile(name, detail)
    if len(text) > max_chars:
        raise TooMuchText(name, len(text), max_chars)
    return LoadedText(text=text, format=fmt, grids=grids)
