"""Generated work summaries for load and fault runs: many files, all of one shape.

Every file is a report of the fictional 白石县 for 2019 with the same headings and sentence
count, only its numbers differ (so no two chunks share a text and each must be embedded). The
region and year keep them apart from the sample corpus (青禾县, 2024/2025), whose answers the
concurrency run compares; the same shape lets the kill run tell a whole file from a half one.
"""

from __future__ import annotations

import random
from pathlib import Path

REGION = "白石县"
YEAR = 2019
_TOPICS = [
    ("一、图书与阅读", "新增图书馆藏书{a}册，开展校园读书活动{b}场，参与学生{c}人次。"),
    ("二、营养改善", "营养餐覆盖学生{a}人，新建标准化食堂{b}个，投入资金{c}万元。"),
    ("三、体育与美育", "举办校园运动会{a}场，新建塑胶运动场{b}个，组建艺术社团{c}个。"),
    ("四、信息化建设", "新配交互式电子白板{a}块，建成录播教室{b}间，开通网络课程{c}门。"),
    ("五、家校共育", "召开家长会{a}场，开展家访{b}户，建立家长学校{c}所。"),
    ("六、后勤保障", "维修校舍{a}平方米，更新课桌椅{b}套，新增校车{c}辆。"),
]


def report_text(index: int, rng: random.Random, *, sections: int = 6) -> str:
    """One generated report: a title, then `sections` headed paragraphs of figures."""
    lines = [f"{REGION}教育局{YEAR}年第{index + 1}号专项工作总结"]
    for heading, sentence in _TOPICS[:sections]:
        lines.append(heading)
        for part in range(3):
            a, b, c = rng.randint(100, 99999), rng.randint(2, 900), rng.randint(10, 9999)
            lines.append(f"（{'一二三'[part]}）第{part + 1}阶段。" + sentence.format(a=a, b=b, c=c))
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, files: int, *, seed: int = 7, sections: int = 6) -> list[Path]:
    """Write `files` generated reports (UTF-8 .txt) into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(files):
        path = folder / f"{REGION}专项总结{index + 1:03d}.txt"
        path.write_text(report_text(index, rng, sections=sections), encoding="utf-8")
        paths.append(path)
    return paths
