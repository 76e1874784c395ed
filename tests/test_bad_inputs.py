"""Every bad upload raises the one IngestError subclass that names its problem, and nothing else."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

import ingest.archive
from ingest.errors import (
    CorruptFile,
    EmptyFile,
    IngestError,
    LegacyFormat,
    TooLarge,
    UndecodableText,
    UnsafeArchive,
    UnsupportedType,
)
from ingest.loaders import SUPPORTED_SUFFIXES, load

FIXTURES = Path(__file__).parent / "fixtures"
# Random bytes that are no format at all (fixed, so a failure reproduces).
NOISE = bytes((i * 7919 + 13) % 251 for i in range(4096))
# Invalid as UTF-8 (0xff) and as GB18030 (0xff is never a lead byte).
UNDECODABLE = "青禾县".encode() + b"\xff\xfe\xff" + "教育局".encode()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def raises_exactly(error: type[IngestError], path: Path, **kwargs: int) -> IngestError:
    """load(path) raises `error` itself: not a sibling, not a parser's own exception."""
    with pytest.raises(IngestError) as info:
        load(path, **kwargs)
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    assert info.value.path == str(path)
    assert info.value.detail
    return info.value


def docx_bytes() -> bytes:
    doc = Document()
    doc.add_paragraph("青禾县教育局2024年工作总结：培训教师8469人次。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    wb = Workbook()
    wb.active.append(["入园率", "97.7%"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes], *, stored: bool = False) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def blank_pdf() -> bytes:
    """A valid one-page PDF with no text on it, as a scan without OCR looks to an extractor."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- checks before parsing ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.exe", "report.zip", "report.pptx", "README", "a.txt.bak"])
def test_unsupported_type(tmp_path: Path, name: str) -> None:
    raises_exactly(UnsupportedType, write(tmp_path / name, "正文".encode()))


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES | {".doc", ".wps"}))
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    raises_exactly(EmptyFile, write(tmp_path / f"empty{suffix}", b""))


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".doc"])
def test_too_large_is_checked_before_reading(tmp_path: Path, suffix: str) -> None:
    # NOISE is no valid file of any kind: only the size check can produce TooLarge.
    path = write(tmp_path / f"big{suffix}", NOISE)
    error = raises_exactly(TooLarge, path, max_bytes=len(NOISE) - 1)
    assert str(len(NOISE)) in error.detail


def test_size_at_the_limit_is_accepted(tmp_path: Path) -> None:
    data = "入园率达97.7%".encode()
    assert load(write(tmp_path / "a.txt", data), max_bytes=len(data)).text == "入园率达97.7%"


@pytest.mark.parametrize("name", ["old.doc", "old.wps", "OLD.DOC"])
def test_legacy_word_and_wps(tmp_path: Path, name: str) -> None:
    ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + NOISE
    error = raises_exactly(LegacyFormat, write(tmp_path / name, ole_header))
    assert ".docx" in error.detail


# --- text that is not there or not decodable -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", " \n\t\r\n\u3000\n".encode()),
        ("blank.md", b"\xef\xbb\xbf  \n"),
        ("blank.csv", b",,\n , \n"),
        ("chrome.html", "<head><title>首页</title></head><body><nav>导航</nav></body>".encode()),
        ("script.htm", b"<script>alert(1)</script><style>p{}</style>"),
    ],
)
def test_whitespace_only_is_empty(tmp_path: Path, name: str, data: bytes) -> None:
    raises_exactly(EmptyFile, write(tmp_path / name, data))


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("   ")
    doc.add_table(rows=2, cols=2)
    doc.save(str(tmp_path / "blank.docx"))
    raises_exactly(EmptyFile, tmp_path / "blank.docx")


def test_xlsx_without_values_is_empty(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "blank.xlsx")
    raises_exactly(EmptyFile, tmp_path / "blank.xlsx")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    error = raises_exactly(EmptyFile, write(tmp_path / "scan.pdf", blank_pdf()))
    assert "no text layer" in error.detail


@pytest.mark.parametrize("name", ["bad.txt", "bad.md", "bad.csv", "bad.html"])
def test_undecodable_text(tmp_path: Path, name: str) -> None:
    raises_exactly(UndecodableText, write(tmp_path / name, UNDECODABLE))


def test_utf16_is_not_read_as_utf8(tmp_path: Path) -> None:
    # UTF-16 without a BOM is valid UTF-8 full of NULs; it must not load as garbage.
    raises_exactly(UndecodableText, write(tmp_path / "u16.txt", "教育abc".encode("utf-16-le")))


# --- corrupt containers ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_random_bytes(tmp_path: Path, suffix: str) -> None:
    raises_exactly(CorruptFile, write(tmp_path / f"noise{suffix}", NOISE))


def pdf_bytes() -> bytes:
    return (FIXTURES / "report_cn.pdf").read_bytes()


@pytest.mark.parametrize(
    ("suffix", "make"),
    [(".docx", docx_bytes), (".xlsx", xlsx_bytes), (".pdf", pdf_bytes)],
    ids=["docx", "xlsx", "pdf"],
)
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.95])
def test_truncated_real_file(
    tmp_path: Path, suffix: str, make: Callable[[], bytes], fraction: float
) -> None:
    data = make()
    path = write(tmp_path / f"cut{suffix}", data[: int(len(data) * fraction)])
    raises_exactly(CorruptFile, path)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_ole_file_with_office_suffix(tmp_path: Path, suffix: str) -> None:
    # An old .doc/.xls renamed, or a password-protected file: both are OLE, not zip.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + NOISE
    error = raises_exactly(CorruptFile, write(tmp_path / f"old{suffix}", ole))
    assert "OLE" in error.detail


def test_pdf_header_with_garbage_body(tmp_path: Path) -> None:
    raises_exactly(CorruptFile, write(tmp_path / "fake.pdf", b"%PDF-1.7\n" + NOISE))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("other.docx", zip_bytes({"readme.txt": "说明".encode()})),
        ("other.xlsx", zip_bytes({"readme.txt": "说明".encode()})),
        ("sheet.docx", xlsx_bytes()),  # a workbook renamed .docx
        ("letter.xlsx", docx_bytes()),  # a document renamed .xlsx
    ],
)
def test_zip_without_the_main_part(tmp_path: Path, name: str, data: bytes) -> None:
    raises_exactly(CorruptFile, write(tmp_path / name, data))


def replace_entry(data: bytes, name: str, new: bytes) -> bytes:
    """The zip `data` with entry `name` replaced by `new`."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = {info.filename: zf.read(info) for info in zf.infolist()}
    return zip_bytes({**entries, name: new})


@pytest.mark.parametrize(
    ("suffix", "make", "main"),
    [(".docx", docx_bytes, "word/document.xml"), (".xlsx", xlsx_bytes, "xl/worksheets/sheet1.xml")],
    ids=["docx", "xlsx"],
)
def test_parser_failure_becomes_corrupt_file(
    tmp_path: Path, suffix: str, make: Callable[[], bytes], main: str
) -> None:
    # A sound package with one broken XML part: the archive check passes, the parser fails.
    path = write(
        tmp_path / f"broken{suffix}", replace_entry(make(), main, b"<w:document><not-closed")
    )
    error = raises_exactly(CorruptFile, path)
    assert "XMLSyntaxError" in error.detail or "ParseError" in error.detail


def test_csv_parser_failure_becomes_corrupt_file(tmp_path: Path) -> None:
    # A field past csv's field_size_limit makes the csv module itself raise.
    huge_field = '"' + "很" * 140_000 + '"\n'
    raises_exactly(CorruptFile, write(tmp_path / "huge.csv", huge_field.encode()))


# --- zip bombs ------------------------------------------------------------------------------------
# Each bomb would also fail to parse (no [Content_Types].xml), so UnsafeArchive rather than
# CorruptFile proves the archive was checked before any parser opened it.


def _main(suffix: str) -> str:
    return "word/document.xml" if suffix == ".docx" else "xl/workbook.xml"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_highly_compressed_entry(tmp_path: Path, suffix: str) -> None:
    data = zip_bytes({_main(suffix): b"<x/>", "media/fill.bin": bytes(4 * 1024 * 1024)})
    assert len(data) < 20_000  # 4 MB of zeros deflate to a few KB
    error = raises_exactly(UnsafeArchive, write(tmp_path / f"bomb{suffix}", data))
    assert "fill.bin" in error.detail


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_overall_ratio_of_many_small_entries(tmp_path: Path, suffix: str) -> None:
    # No single entry passes 1 MB, but together they inflate 4 MB at over 100:1.
    entries = {f"media/part{i}.bin": bytes(256 * 1024) for i in range(16)}
    data = zip_bytes({_main(suffix): b"<x/>", **entries})
    raises_exactly(UnsafeArchive, write(tmp_path / f"bomb{suffix}", data))


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_too_many_entries(tmp_path: Path, suffix: str) -> None:
    entries = {f"p/{i}": b"" for i in range(ingest.archive.MAX_ZIP_ENTRIES)}
    data = zip_bytes({_main(suffix): b"<x/>", **entries}, stored=True)
    error = raises_exactly(UnsafeArchive, write(tmp_path / f"many{suffix}", data))
    assert str(ingest.archive.MAX_ZIP_ENTRIES + 1) in error.detail


def test_total_uncompressed_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Incompressible data, so only the total-size limit (lowered here) can trip.
    monkeypatch.setattr(ingest.archive, "MAX_ZIP_UNCOMPRESSED_BYTES", 64 * 1024)
    data = zip_bytes({"word/document.xml": b"<x/>", "media/a.bin": os.urandom(80 * 1024)})
    raises_exactly(UnsafeArchive, write(tmp_path / "big.docx", data))


def test_real_office_files_pass_the_archive_checks(tmp_path: Path) -> None:
    assert "8469人次" in load(write(tmp_path / "ok.docx", docx_bytes())).text
    assert "入园率 | 97.7%" in load(write(tmp_path / "ok.xlsx", xlsx_bytes())).text
