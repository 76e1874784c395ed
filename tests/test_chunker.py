"""Chunking: whole sentences of one section, at most max_chars, never across sections."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.chunker import MAX_CHUNK_CHARS, chunk_report, pack, sentences
from ingest.model import ParsedReport, ParsedSection

SENTENCE_A = "全县学前三年幼儿入园率达97.7%，比上年提高1.7个百分点。"
SENTENCE_B = "新建幼儿园3所，新增学位990个；改扩建村级幼儿园5所！"
SENTENCE_C = "全年培训教师8469人次?完成率100%!"


def _report(*sections: ParsedSection) -> ParsedReport:
    return ParsedReport(
        title="青禾县教育局2024年上半年工作总结", period=None, region=None, sections=list(sections)
    )


def test_sentences_end_at_chinese_and_ascii_marks_and_keep_closing_quotes() -> None:
    text = "落实“一岗双责”。开展“安全生产月”活动；查处违规车辆6辆;整改率95%!是否完成?已完成。"
    assert sentences(text) == [
        "落实“一岗双责”。",
        "开展“安全生产月”活动；",
        "查处违规车辆6辆;",
        "整改率95%!",
        "是否完成?",
        "已完成。",
    ]
    assert sentences("他说：“全部完成。”下一句。") == ["他说：“全部完成。”", "下一句。"]


def test_chunks_follow_sections_and_keep_whole_sentences() -> None:
    body = (SENTENCE_A + SENTENCE_B) * 3 + "\n" + SENTENCE_C
    report = _report(
        ParsedSection("", 0, (), "今年以来，我局扎实推进各项工作。"),
        ParsedSection("一、学前教育普惠发展", 1, ("一、学前教育普惠发展",), ""),
        ParsedSection(
            "（一）目标完成情况", 2, ("一、学前教育普惠发展", "（一）目标完成情况"), body, 1
        ),
    )
    chunks = chunk_report(report, max_chars=80)
    assert [(c.section_index, c.order) for c in chunks] == [(0, 0), (1, 0)] + [
        (2, i) for i in range(len(chunks) - 2)
    ]
    assert chunks[0].text == "今年以来，我局扎实推进各项工作。"
    # A section without body text is found by its heading.
    assert chunks[1].text == "一、学前教育普惠发展"
    own = [c.text for c in chunks if c.section_index == 2]
    assert all(len(text) <= 80 for text in own)
    assert all(text.endswith(("。", "；", "！", "!", "?")) for text in own)
    assert "".join(own).replace("\n", "") == body.replace("\n", "")
    whole = set(sentences(body.replace("\n", "")))
    assert all(set(sentences(text.replace("\n", ""))) <= whole for text in own)


def test_paragraphs_join_with_a_newline_inside_a_chunk() -> None:
    assert pack("第一段。\n第二段。", 300) == ["第一段。\n第二段。"]


def test_a_long_sentence_is_cut_at_commas_then_hard_cut() -> None:
    clauses = ["城乡学前三年幼儿入园率达到97.7%，"] * 6 + ["义务教育巩固率达100%。"]
    sentence = "".join(clauses)
    pieces = pack(sentence, 60)
    assert all(len(p) <= 60 for p in pieces)
    assert all(p.endswith(("，", "。")) for p in pieces)
    assert "".join(pieces) == sentence
    unbroken = "入园率" * 50 + "。"
    hard = pack(unbroken, 60)
    assert [len(p) for p in hard] == [60, 60, 31]
    assert "".join(hard) == unbroken


def test_default_max_is_300() -> None:
    body = SENTENCE_A * 40
    report = _report(ParsedSection("一、学前教育", 1, ("一、学前教育",), body))
    chunks = chunk_report(report)
    assert MAX_CHUNK_CHARS == 300
    assert all(len(c.text) <= 300 for c in chunks) and len(chunks) > 1


@given(
    st.lists(
        st.text(alphabet="教育局入园率97.%，,、；;。！？!?\n", min_size=1, max_size=120),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=5, max_value=120),
)
def test_pack_never_exceeds_max_and_loses_no_text(paragraphs: list[str], max_chars: int) -> None:
    text = "\n".join(paragraphs)
    pieces = pack(text, max_chars)
    assert all(0 < len(p) <= max_chars for p in pieces)
    expected = "".join(line.strip() for line in text.split("\n"))
    assert "".join(p.replace("\n", "") for p in pieces) == expected
