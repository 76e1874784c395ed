"""Zip-bomb checks for the zip containers (.docx, .xlsx), run before any parser opens them.

The checks use the sizes the zip's central directory declares. That is enough: Python's
zipfile, which python-docx and openpyxl read through, stops an entry at its declared size and
fails the CRC check if the data would run longer, so a lying header cannot inflate further.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ingest.errors import CorruptFile, UnsafeArchive

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Small entries may compress far beyond the ratio legitimately (runs of XML, empty sheets);
# the ratio only matters once an entry, or the whole archive, inflates past this size.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
# The package relationships part is a few hundred bytes; refuse to parse a huge one.
_MAX_RELS_BYTES = 64 * 1024
# Old binary Office files and password-protected .docx/.xlsx are OLE compound files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFFICE_DOCUMENT_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


def _ratio(uncompressed: int, compressed: int) -> float:
    return uncompressed / max(compressed, 1)


def check_zip_limits(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Raise UnsafeArchive if the entries' count, total size or compression ratio is excessive."""
    name = str(path)
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UnsafeArchive(name, f"{len(infos)} entries (limit {MAX_ZIP_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > MAX_ZIP_UNCOMPRESSED_BYTES:
        raise UnsafeArchive(
            name, f"{total} bytes uncompressed (limit {MAX_ZIP_UNCOMPRESSED_BYTES})"
        )
    for info in infos:
        ratio = _ratio(info.file_size, info.compress_size)
        if info.file_size > RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise UnsafeArchive(
                name,
                f"entry {info.filename!r} compresses {ratio:.0f}:1 "
                f"(limit {MAX_COMPRESSION_RATIO}:1)",
            )
    overall = _ratio(total, sum(i.compress_size for i in infos))
    if total > RATIO_CHECK_MIN_BYTES and overall > MAX_COMPRESSION_RATIO:
        raise UnsafeArchive(
            name, f"archive compresses {overall:.0f}:1 (limit {MAX_COMPRESSION_RATIO}:1)"
        )


def _main_part(zf: zipfile.ZipFile, default: str) -> str:
    """The package's main part: the officeDocument target in _rels/.rels, else `default`."""
    try:
        info = zf.getinfo("_rels/.rels")
    except KeyError:
        return default
    if info.file_size > _MAX_RELS_BYTES:
        return default
    try:
        root = ElementTree.fromstring(zf.read(info))
    except (ElementTree.ParseError, zipfile.BadZipFile, ValueError):
        return default
    for rel in root:
        if rel.get("Type") == _OFFICE_DOCUMENT_REL and rel.get("TargetMode") != "External":
            # Some writers (Office online) name it word/document2.xml; follow the package.
            return posixpath.normpath(rel.get("Target", default).lstrip("/"))
    return default


def check_office_zip(path: Path, *, main_part: str) -> None:
    """Check a .docx/.xlsx container before parsing it.

    Raises CorruptFile when it is not a zip or lacks its main part (`main_part`, e.g.
    word/document.xml), UnsafeArchive when it looks like a zip bomb.
    """
    name = str(path)
    with path.open("rb") as f:
        if f.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
            raise CorruptFile(
                name,
                "an OLE compound file, not a zip: an old .doc/.xls renamed, or a "
                "password-protected file; save it again as .docx/.xlsx without a password",
            )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            check_zip_limits(path, infos)
            part = _main_part(zf, main_part)
            prefix = main_part.split("/", 1)[0] + "/"
            if not part.startswith(prefix) or part not in zf.namelist():
                raise CorruptFile(name, f"not the expected document: no {main_part} in the zip")
    except zipfile.BadZipFile as exc:
        raise CorruptFile(name, f"not a valid zip container ({exc})") from exc
    except (OSError, EOFError, ValueError) as exc:
        # Truncated or garbled central directories surface as these, not only BadZipFile.
        raise CorruptFile(name, f"unreadable zip container ({type(exc).__name__})") from exc
