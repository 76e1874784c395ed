"""The evaluation harness: hits, recall, MRR and figure accuracy on hand-made rankings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.evaluation import (
    MalformedQuestions,
    evaluate,
    first_hit_rank,
    is_hit,
    load_questions,
    missing_figures,
)
from knowledge.passages import Passage


def _passage(text: str) -> Passage:
    return Passage("c", text, 1, "报告", "一、概况", "2024年上半年", "青禾县", "a.txt", 0.0)


class FixedRankings:
    """A searcher that returns a fixed list of passage texts for each question."""

    def __init__(self, rankings: dict[str, list[str]]) -> None:
        self.rankings = rankings
        self.calls: list[tuple[str, int, str]] = []

    def search(self, question: str, *, k: int = 5, mode: str = "hybrid") -> list[Passage]:
        self.calls.append((question, k, mode))
        return [_passage(t) for t in self.rankings[question][:k]]


FILLER = [f"无关的第{i}段文字。" for i in range(12)]
QUESTIONS = [
    {"id": "a", "q": "问一", "evidence": "入园率预计达到97.7%", "answer": ["97.7%"]},
    {"id": "b", "q": "问二", "evidence": "新招聘教师126人", "answer": ["126"]},
    {"id": "c", "q": "问三", "evidence": "排查隐患116处", "answer": []},
    {"id": "d", "q": "问四", "evidence": "覆盖学生3.2万人次", "answer": ["3.2万"]},
]
RANKINGS = {
    "问一": ["学前三年幼儿入园率预计达到９７.７％。", *FILLER],  # rank 1, full-width figures
    "问二": [FILLER[0], "全县新招聘教师 126 人。", *FILLER[1:]],  # rank 2, spaces inside
    "问三": [*FILLER[:3], "上半年排查隐患116处，已整改110处。", *FILLER[3:]],  # rank 4
    "问四": FILLER,  # never found
}


def test_hits_compare_normalised_text_and_accept_the_first_ten_characters() -> None:
    assert is_hit("入园率预计达到９７.７％。", "入园率预计达到97.7%")
    assert is_hit("新招聘教师\n126人", " 新招聘教师126人 ")
    # A long evidence whose first 10 characters stand in the source is still a hit.
    assert is_hit("上半年开展安全检查46次。", "上半年开展安全检查46次，排查各类安全隐患137处")
    assert not is_hit("上半年开展安全检查52次。", "上半年开展安全检查46次，排查各类安全隐患137处")
    assert first_hit_rank([_passage(t) for t in RANKINGS["问三"]], "排查隐患116处") == 4
    assert missing_figures("预计达到９７.７％", ["97.7%", "98%"]) == ["98%"]


def test_recall_mrr_and_figures_on_known_ranks() -> None:
    searcher = FixedRankings(RANKINGS)
    result = evaluate(searcher, QUESTIONS, mode="bm25")
    assert result["n"] == 4
    assert result["recall@1"] == pytest.approx(1 / 4)
    assert result["recall@3"] == pytest.approx(2 / 4)
    assert result["recall@5"] == pytest.approx(3 / 4)
    assert result["mrr@10"] == pytest.approx((1 + 1 / 2 + 1 / 4 + 0) / 4)
    # The top-1 passage stands in for the answer: a has its figure, c needs none,
    # b's top passage is filler, d's figure is nowhere.
    assert result["figure_accuracy"] == pytest.approx(2 / 4)
    assert result["failures"] == [
        {"id": "b", "rank": 2, "missing": ["126"]},
        {"id": "c", "rank": 4, "missing": []},
        {"id": "d", "rank": None, "missing": ["3.2万"]},
    ]
    assert {(k, mode) for _, k, mode in searcher.calls} == {(10, "bm25")}


def test_an_answer_function_replaces_the_top_passage() -> None:
    answers = {"问一": "97.7%", "问二": "新招聘教师126人", "问三": "", "问四": "3.2万人次"}
    result = evaluate(FixedRankings(RANKINGS), QUESTIONS, mode="hybrid", answer_fn=answers.get)
    assert result["figure_accuracy"] == 1.0
    assert [f["missing"] for f in result["failures"]] == [[], [], []]


def test_no_questions_give_zeros() -> None:
    result = evaluate(FixedRankings({}), [], mode="dense")
    assert result == {
        "n": 0,
        "recall@1": 0.0,
        "recall@3": 0.0,
        "recall@5": 0.0,
        "mrr@10": 0.0,
        "figure_accuracy": 0.0,
        "failures": [],
    }


def test_load_questions_reads_lines_and_keeps_extra_fields(tmp_path: Path) -> None:
    path = tmp_path / "qa.jsonl"
    lines = [json.dumps(q, ensure_ascii=False) for q in QUESTIONS[:2]]
    path.write_text(
        lines[0] + "\n\n" + lines[1].replace("}", ', "source": "x.txt"}') + "\n",
        encoding="utf-8",
    )
    loaded = load_questions(path)
    assert [q["id"] for q in loaded] == ["a", "b"] and loaded[1]["source"] == "x.txt"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"q": "问", "evidence": "证据", "answer": ["1"]', "not valid JSON"),
        ('["q", "evidence"]', "JSON object"),
        ('{"q": "问", "answer": []}', "`evidence`"),
        ('{"q": "", "evidence": "证据", "answer": []}', "`q`"),
        ('{"q": "问", "evidence": "证据", "answer": "97.7%"}', "`answer`"),
        ('{"q": "问", "evidence": "证据", "answer": [97.7]}', "`answer`"),
    ],
)
def test_a_malformed_line_names_its_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "qa.jsonl"
    good = '{"q": "问", "evidence": "证据", "answer": []}'
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(MalformedQuestions, match=message) as caught:
        load_questions(path)
    assert f"{path}:2" in str(caught.value)
