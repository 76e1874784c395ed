"""`zongjie draft` as a user runs it: one-shot --json, and the terminal conversation that a
second run resumes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx import Document

from bot.services import Services
from tests.test_cli import run


def data_copy(sample_services: Services, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(sample_services.settings.data_dir, target)
    return target


def test_one_shot_json(sample_services: Services, tmp_path: Path) -> None:
    data = data_copy(sample_services, tmp_path)
    docx = tmp_path / "out.docx"
    args = ["--topic", "校园安全", "--period", "2026年上半年", "--region", "青禾县"]
    args += ["--value", "开展安全检查=60次", "--value", "排查隐患=100", "--docx", str(docx)]
    result = run(data, "draft", *args, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"draft", "figures", "missing", "model_sections"}
    assert out["draft"].startswith("（四）校园安全\n1.安全检查与隐患整治。")
    assert "上半年开展安全检查60次，比上年同期（52次）增加8次，增长15.4%" in out["draft"]
    assert "排查各类安全隐患100处，比上年同期（112处）减少12处，下降10.7%" in out["draft"]
    origins = {(f["raw"], f["origin"]) for f in out["figures"]}
    assert {("60次", "user"), ("52次", "source"), ("8次", "computed"), ("100处", "user")} <= origins
    assert "安全隐患整改" in out["missing"]  # 已整改129处: of the hidden dangers found
    assert out["model_sections"] == [
        {
            "document": "青禾县教育局2025年上半年工作总结",
            "section": "一、上半年目标任务完成情况 > （四）校园安全",
            "period": "2025年上半年",
        }
    ]
    assert "青禾县2026年上半年校园安全工作情况" in Document(str(docx)).paragraphs[0].text


def test_a_refused_value_exits_non_zero(sample_services: Services, tmp_path: Path) -> None:
    data = data_copy(sample_services, tmp_path)
    result = run(data, "draft", "--topic", "教师队伍", "--value", "新招聘教师=98%", "--json")
    assert result.returncode == 1
    assert "单位应为“人”" in result.stderr and result.stdout == ""


def test_the_terminal_conversation_and_its_resumption(
    sample_services: Services, tmp_path: Path
) -> None:
    data = data_copy(sample_services, tmp_path)
    docx = tmp_path / "教师.docx"
    args = ["draft", "--docx", str(docx), "--period", "2026年上半年"]
    first = run(data, *args, stdin="教师队伍\n培训教师9500人次\n1\n")
    assert first.returncode == 0, first.stderr
    assert "要起草哪一部分" in first.stdout and "已记录：培训教师 9500人次" in first.stdout
    assert "上半年共培训教师9500人次" in first.stdout  # choice 1 was 生成初稿
    assert "草稿已保存" in first.stdout
    second = run(data, "draft", "--docx", str(docx), stdin="新招聘教师150人\n导出\n完成\n")
    assert second.returncode == 0, second.stderr
    assert "继续起草“教师队伍”" in second.stdout
    assert "新招聘教师150人，比上年同期（138人）增加12人" in second.stdout
    assert f"已导出：{docx}" in second.stdout and docx.exists()
    assert docx.with_suffix(".txt").read_text(encoding="utf-8").count("9500人次") == 1
    assert "草稿已完成" in second.stdout
