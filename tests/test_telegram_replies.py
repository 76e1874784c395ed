"""Reply formatting: HTML escaping, splitting under Telegram's limit at line and sentence
boundaries, short citations, upload summaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.replies import LIMIT, Line, chunks, plain, split_long, to_html, units
from bot.telegram.uploads import safe_name
from bot.telegram.views import short_path, upload_summary
from ingest.pipeline import IngestedDocument
from prompts import load_templates

TEMPLATES = load_templates()
SENTENCE = "全县学前三年幼儿入园率预计达到97.7%，超过年度目标1.7个百分点。"


def test_html_is_escaped_and_styled_by_line() -> None:
    html = to_html([Line("入园率<b>97.7%</b> & 目标", "b"), Line("出处：《A》", "i"), Line("")])
    assert html == "<b>入园率&lt;b&gt;97.7%&lt;/b&gt; &amp; 目标</b>\n<i>出处：《A》</i>\n"


def test_a_long_reply_is_split_at_line_boundaries() -> None:
    lines = plain("\n".join(f"{i}. {SENTENCE}" for i in range(400)))
    parts = chunks(lines)
    assert len(parts) > 1
    assert all(sum(units(line.text) + 1 for line in part) - 1 <= LIMIT for part in parts)
    assert [line.text for part in parts for line in part] == [line.text for line in lines]


def test_an_overlong_line_is_cut_after_a_sentence() -> None:
    paragraph = SENTENCE * 200
    pieces = split_long(paragraph)
    assert "".join(pieces) == paragraph
    assert all(piece.endswith("。") for piece in pieces)
    assert all(units(piece) <= LIMIT for piece in pieces)


def test_without_any_boundary_the_cut_never_splits_a_character() -> None:
    text = "😀" * 3000  # two UTF-16 units each
    pieces = split_long(text)
    assert "".join(pieces) == text and all(units(p) <= LIMIT for p in pieces)


@given(st.text(alphabet=st.sampled_from("入园率97.7%。，\n 😀<&>"), max_size=300))
def test_splitting_keeps_everything_and_respects_the_limit(text: str) -> None:
    limit = 40
    parts = chunks(plain(text), limit)
    for part in parts:
        assert sum(units(line.text) for line in part) + len(part) - 1 <= limit
    kept = "".join(line.text for part in parts for line in part)
    assert "".join(kept.split()) == "".join(text.split())  # only blank messages are dropped


def test_citations_keep_the_title_and_the_last_two_headings() -> None:
    line = "出处：《上半年工作总结》 一、目标任务 > （一）学前教育 > 1.入园率。（2024年）"
    assert short_path(line) == "出处：《上半年工作总结》 …（一）学前教育 > 1.入园率。（2024年）"
    two = "出处：《A》 一、总体 > （一）学前（2024年）"
    assert short_path(two) == two


def test_upload_names_lose_folders_and_unsafe_characters() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\总结\\上半年:总结?.docx") == "上半年_总结_.docx"
    assert safe_name(None) == "" and safe_name("..") == ""


def _doc(status: str, doc_id: int = 1) -> IngestedDocument:
    return IngestedDocument(
        doc_id, "总结.docx", "上半年工作总结", "2024年上半年", "青禾县", status, 27, 29
    )


def test_upload_summary_counts_and_says_when_nothing_changed() -> None:
    added = upload_summary("总结.docx", [_doc("added")], {1: 40}, TEMPLATES)
    assert "报告 1 篇，共 27 节、29 个段落，提取数据 40 条" in added
    assert "#1《上半年工作总结》（2024年上半年）" in added
    replaced = upload_summary("总结.docx", [_doc("replaced")], {1: 40}, TEMPLATES)
    assert TEMPLATES.render("bot.upload_replaced", name="总结.docx") in replaced
    unchanged = upload_summary("总结.docx", [_doc("unchanged")], {1: 40}, TEMPLATES)
    assert unchanged.startswith(TEMPLATES.render("bot.upload_unchanged", name="总结.docx"))
