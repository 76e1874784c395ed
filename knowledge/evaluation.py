"""Retrieval and figure metrics over a question set (the dev_qa.jsonl format).

Each line of a question file is a JSON object with at least `q` (the question), `evidence`
(a snippet of the source that answers it) and `answer` (the figure strings the answer must
carry; may be empty). Other fields (`id`, `source`…) are kept; `id` names a question in the
failures, else its line number does.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from knowledge.errors import KnowledgeError
from knowledge.passages import Passage

DEPTH = 10  # ranks looked at: MRR@10
RECALL_AT = (1, 3, 5)
PREFIX_CHARS = 10  # a source holding the evidence's first 10 characters is a hit
_SPACE = re.compile(r"\s+")


class MalformedQuestions(KnowledgeError, ValueError):
    """A question file line that is not a question object."""


class Searcher(Protocol):
    """What evaluate() needs: a search returning passages best first."""

    def search(self, question: str, *, k: int = ..., mode: str = ...) -> list[Passage]: ...


def normalise(text: str) -> str:
    """NFKC, then every whitespace character removed: the form in which texts are compared."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def is_hit(source_text: str, evidence: str) -> bool:
    """True when the source contains the evidence, or its first 10 characters (normalised)."""
    source, wanted = normalise(source_text), normalise(evidence)
    return wanted in source or wanted[:PREFIX_CHARS] in source


def first_hit_rank(passages: Sequence[Passage], evidence: str) -> int | None:
    """The 1-based rank of the first passage holding the evidence, or None."""
    for rank, passage in enumerate(passages, start=1):
        if is_hit(passage.text, evidence):
            return rank
    return None


def missing_figures(answer_text: str, figures: Sequence[str]) -> list[str]:
    """The expected figures the answer text does not contain (normalised); [] when all are."""
    text = normalise(answer_text)
    return [f for f in figures if normalise(f) not in text]


def evaluate(
    retriever: Searcher,
    questions: list[dict[str, Any]],
    *,
    mode: str,
    answer_fn: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """Recall@1/3/5, MRR@10 and figure accuracy of `retriever` in `mode` over `questions`.

    A question is a retrieval hit at rank r when the r-th passage's text contains its evidence
    or the evidence's first 10 characters, both NFKC-normalised with all whitespace removed.
    Figure accuracy is the share of questions whose answer text contains every expected figure
    string (same normalisation); an empty `answer` list counts as correct. The answer text is
    `answer_fn(q)`; without an answer_fn, the top-1 passage's text stands in for an answer
    (a retrieval-only proxy: it measures whether the best passage carries the figures).
    `failures` lists every question not hit at rank 1 or missing a figure, with the rank of
    its first hit (None when not in the top 10) and the missing figures.
    """
    hits_at = dict.fromkeys(RECALL_AT, 0)
    reciprocal = 0.0
    figures_ok = 0
    failures: list[dict[str, Any]] = []
    for number, item in enumerate(questions, start=1):
        passages = retriever.search(item["q"], k=DEPTH, mode=mode)
        rank = first_hit_rank(passages[:DEPTH], item["evidence"])
        if rank is not None:
            reciprocal += 1.0 / rank
            for cut in RECALL_AT:
                hits_at[cut] += rank <= cut
        if answer_fn is not None:
            answer_text = answer_fn(item["q"])
        else:
            answer_text = passages[0].text if passages else ""
        missing = missing_figures(answer_text, item["answer"])
        figures_ok += not missing
        if rank != 1 or missing:
            failures.append(
                {"id": str(item.get("id", f"#{number}")), "rank": rank, "missing": missing}
            )
    n = len(questions)
    result: dict[str, Any] = {"n": n}
    for cut in RECALL_AT:
        result[f"recall@{cut}"] = hits_at[cut] / n if n else 0.0
    result["mrr@10"] = reciprocal / n if n else 0.0
    result["figure_accuracy"] = figures_ok / n if n else 0.0
    result["failures"] = failures
    return result


def load_questions(path: Path | str) -> list[dict[str, Any]]:
    """Questions from a JSON-lines file; blank lines are skipped, a malformed line is an error."""
    path = Path(path)
    questions: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedQuestions(f"{where}: not valid JSON ({exc.msg})") from exc
        questions.append(_checked(item, where))
    return questions


def _checked(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise MalformedQuestions(f"{where}: a line must be a JSON object")
    for key in ("q", "evidence"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise MalformedQuestions(f"{where}: `{key}` must be a non-empty string")
    answer = item.get("answer")
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise MalformedQuestions(f"{where}: `answer` must be a list of figure strings")
    return item
