"""Hostile or odd text is read right and in time that grows with its size, or refused whole.

A line with no sentence end is named in pieces, every figure still found; a page nested
thousands of levels deep is read whole; lines that made a regular expression backtrack
(dotted words, runs of * or digits, a heading of commas) are read as before. What is too long
to ingest is refused with a clear sentence and nothing of it is stored. Speed itself is
measured in benchmarks/long_inputs.py, not here; before the fixes these inputs took minutes
to hours. The embeddings are LangChain's deterministic fake: what is under test is reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.messages import describe_error
from bot.services import Services
from bot.settings import Settings
from ingest.cleaning import clean
from ingest.errors import TooMuchText
from ingest.headings import parse_heading
from ingest.htmltext import MAX_NESTED_ROWS, html_to_text
from ingest.loaders import MAX_TEXT_CHARS
from ingest.numbers import find_quantities
from ingest.periods import find_placeholders
from ingest.pipeline import Ingestor
from ingest.sentence_pieces import MAX_SENTENCE_CHARS, MAX_SENTENCE_CLAUSES, bounded_pieces
from ingest.structure import parse_reports
from prompts import load_templates
from storage.models import Metric
from storage.store import Store
from tests.test_reliability_fuzz import FakeEmbeddings, _sizes

# A sum is not followed by a building verb here: "投入资金3万元，新建幼儿园4所" would name the
# sum by what it builds (ingest/name_forms.py), which is not what this file tests.
_CLAUSES = ("培训教师{i}人次", "新建幼儿园{i}所", "投入资金{i}万元")
_NAMES = ("培训教师", "新建幼儿园", "投入资金")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh real store (SQLite and Chroma in tmp_path)."""
    return Services(Settings(data_dir=tmp_path / "data")).store


@pytest.fixture
def ingestor(store: Store) -> Ingestor:
    """An ingestor over that store, with fake embeddings."""
    return Ingestor(store, FakeEmbeddings(), max_bytes=20 * 1024 * 1024)


def _prose(count: int, joiner: str = "，") -> str:
    """`count` clauses of three kinds, each naming its own figure, joined by `joiner`."""
    return "".join(_CLAUSES[i % 3].format(i=i + 1) + joiner for i in range(count))


def _stored_figures(ingestor: Ingestor, store: Store, path: Path) -> list[tuple[str, str]]:
    [document] = ingestor.ingest_file(path)
    with store.session() as session:
        rows = session.exec(
            select(Metric.indicator, Metric.raw)
            .where(Metric.document_id == document.id)
            .order_by(Metric.id)  # type: ignore[arg-type]
        ).all()
    return [(indicator, raw) for indicator, raw in rows]


def _expected(count: int) -> list[tuple[str, str]]:
    units = ("人次", "所", "万元")
    return [(_NAMES[i % 3], f"{i + 1}{units[i % 3]}") for i in range(count)]


def test_a_line_with_no_sentence_end_is_named_in_pieces(
    ingestor: Ingestor, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "一行.txt"
    path.write_text(_prose(6000), encoding="utf-8")  # ~60,000 characters, not one 。
    assert _stored_figures(ingestor, store, path) == _expected(6000)


def test_a_page_nested_thousands_deep_is_read_whole(
    ingestor: Ingestor, store: Store, tmp_path: Path
) -> None:
    depth = 20_000
    clauses = [_CLAUSES[i % 3].format(i=i + 1) + "。" for i in range(depth // 10)]
    opened = "".join("<div>" + (clauses[i // 10] if i % 10 == 0 else "") for i in range(depth))
    path = tmp_path / "嵌套.html"
    path.write_text(f"<html><body>{opened}{'</div>' * depth}</body></html>", encoding="utf-8")
    assert _stored_figures(ingestor, store, path) == _expected(depth // 10)


def test_tables_nested_past_the_row_limit_keep_all_their_text() -> None:
    depth = MAX_NESTED_ROWS * 3
    page = "".join(f"<table><tr><td>第{i}层</td><td>" for i in range(depth))
    page += "".join("</td></tr></table>" for _ in range(depth))
    text = html_to_text(page)
    assert [f"第{i}层" in text for i in range(depth)] == [True] * depth
    assert text.startswith("第0层 | 第1层 | 第2层")  # the outer rows are still rows


def test_a_text_over_the_limit_is_refused_and_nothing_stored(
    ingestor: Ingestor, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "一兆.txt"
    path.write_text(_prose(100_000), encoding="utf-8")  # one line, over 1 MB
    assert len(path.read_text(encoding="utf-8")) > MAX_TEXT_CHARS
    report = ingestor.ingest([path])
    assert report.documents == []
    [failure] = report.errors
    assert isinstance(failure.error, TooMuchText)
    message = describe_error(failure.error, load_templates())
    assert message == load_templates().render("error.too_much_text", name="一兆.txt", limit="20万")
    assert _sizes(store) == (0, 0, 0)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("a.bc" * 40 + "!", True),  # dotted words: the URL-line pattern took exponential time
        ("a.bc " * 40, False),  # while a line of bare addresses is still page furniture
        ("来源：" * 30_000, True),  # a furniture phrase repeated: each one rescanned the line
        ("来源：青禾教育网 " + "来源：" * 30_000, False),
    ],
)
def test_odd_lines_are_cleaned_as_before(line: str, kept: bool) -> None:
    assert clean(line) == (line.strip() if kept else "")


def test_long_runs_are_read_once() -> None:
    # each of these was rescanned from every one of its characters (or numbers)
    assert [q.raw for q in find_quantities("3-" * 20_000 + "5所")][-2:] == ["3-3", "5所"]
    assert [q.raw for q in find_quantities("1." * 20_000)] == ["1.1"]
    assert find_placeholders("*" * 50_000) == [] and find_placeholders("x" * 50_000) == []
    assert find_placeholders("某县" + "*" * 50_000 + "年") == ["某县", "*" * 50_000 + "年"]
    assert parse_heading("1、" + "，" * 50_000) is None
    [report] = parse_reports("第1篇 " + "1" * 50_000, fallback_title="长标题")
    assert report.title == "长标题"


def test_a_sentence_within_the_bounds_is_one_piece() -> None:
    sentence = _prose(20)[:-1] + "。"
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert bounded_pieces(sentence) == [sentence]


def test_long_sentences_are_cut_at_clause_marks_and_never_inside_a_number() -> None:
    sentence = _prose(400)
    pieces = bounded_pieces(sentence)
    assert "".join(pieces) == sentence
    assert all(len(p) <= MAX_SENTENCE_CHARS and p.endswith("，") for p in pieces)
    dense = "1:" * 1000  # a clause mark every other character
    assert all(p.count(":") <= MAX_SENTENCE_CLAUSES for p in bounded_pieces(dense))
    numbers = "共1,234,567元 " * 100  # ASCII commas inside numbers are no clause marks
    assert all(p.endswith("1,234,567元") for p in bounded_pieces(numbers))
    unbroken = "改造校舍12平方米" * 100  # no mark: cut after a whole figure
    assert all(p.endswith("平方米") for p in bounded_pieces(unbroken))
