"""Cleaning: web boilerplate of scraped copies goes, real content and its punctuation stay."""

from __future__ import annotations

import pytest

from ingest.cleaning import clean, is_boilerplate

ABSTRACT = (
    "青禾县教育局2023年校园安全工作总结 今年以来,在县委、县政府的正确领导下,"
    "我局坚持安全第一,预防为主的方针,压实学校安全主体责任,认"
)
SCRAPED_PAGE = f"""\
公文写作网青禾文秘工作室主办 | 网站地图                  把公文写作网设为首页 | 加入收藏

返回首页 关于我们 写作动态 常见问题 信誉保障 稿费介绍 联系我们 范文文库 写作中心

百万范文,免费预览
APP永久免费入口
2024年01月05日11:41:48

青禾县教育局2023年校园安全工作总结
2023-12-20 来源:公文写作网 点击:

{ABSTRACT}
文秘写作网,原创写作、专注精品。
\u3000\u3000
\u3000\u3000青禾县教育局2023年校园安全工作总结
\u3000\u3000今年以来,在县委、县政府的正确领导下,我局坚持“安全第一,预防为主”的方针,压实学校安全主体责任,认真排查整治隐患,全县未发生校园安全责任事故。
\u3000\u3000一、压实责任,健全安全工作机制本文选自www.gwxzw.com
\u3000\u3000年初与全县46所学校签订安全目标责任书,落实“一岗双责”。
微信扫码领取福利

工作总结导航

频道总排行

编辑推荐范文

工作总结工作报告演讲稿事迹材料入党资料论文领导讲话文学策划文案专题合同翻译竞聘答辩学习资料法律文书
"""


def test_scraped_page_keeps_only_the_report() -> None:
    cleaned = clean(SCRAPED_PAGE)
    assert cleaned.split("\n") == [
        "青禾县教育局2023年校园安全工作总结",
        "",
        "青禾县教育局2023年校园安全工作总结",
        "今年以来,在县委、县政府的正确领导下,我局坚持“安全第一,预防为主”的方针,"
        "压实学校安全主体责任,认真排查整治隐患,全县未发生校园安全责任事故。",
        "一、压实责任,健全安全工作机制",
        "年初与全县46所学校签订安全目标责任书,落实“一岗双责”。",
    ]
    for word in ("网", "首页", "扫码", "本文选自", "导航", "范文"):
        assert word not in cleaned


def test_site_sentence_is_cut_from_a_line_that_keeps_its_own_text() -> None:
    text = (
        "工作总结是对一个时期工作的回顾。下面是小编给大家整理的教育局工作总结,仅供参考。\n"
        "教育局季度工作总结一"
    )
    assert clean(text) == "工作总结是对一个时期工作的回顾。\n教育局季度工作总结一"


@pytest.mark.parametrize(
    "line",
    [
        "返回首页 | 关于我们 | 联系我们",
        "把范文写作网设为首页 | 加入收藏",
        "演讲稿写作网,原创写作、专注精品。",
        "百万范文,免费预览",
        "微信扫码领取福利",
        "2021-03-02 来源:竞聘写作网 点击:",
        "2021年01月05日11:41:48",
        "www.example.com",
        "https://jyj.example.gov.cn/art/2024/7/10/art_123.html",
        "频道总排行",
        "工作计划心得体会述职报告调研报告演讲稿",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "三、加强校园网络安全管理",
        "（二）推进“智慧校园”建设",
        "全县38所幼儿园推广扫码入园登记,家长满意度达98.6%。",
        "建成覆盖全县中小学的教育城域网,出口带宽提升到20G。",
        "青禾县教育局2024年上半年工作总结",
        "工作总结与工作计划",
        "二〇二四年七月十日",
        "学校 教师数 学生数 班级数",
        "1.学前教育普及普惠",  # \w reads Chinese: once taken for a host name "1.学前…"
        "12.体育场馆建设和开放",
        "2.5",
    ],
)
def test_real_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)
    assert clean(line) == line


def test_whitespace_is_normalised_and_punctuation_kept() -> None:
    text = (
        "\ufeff\u3000\u3000一、 学前教育\t\t普惠发展\u3000\r\n\r\n\r\n\r\n"
        "（一）入园率达97.7%，比上年提高1.7个百分点。  \n"
    )
    assert clean(text) == "一、 学前教育 普惠发展\n\n（一）入园率达97.7%，比上年提高1.7个百分点。"


def test_truncated_abstract_goes_but_distinct_paragraphs_stay() -> None:
    opening = (
        "今年以来,我局围绕县委、县政府工作部署,扎实推进学前教育普及普惠和义务教育优质均衡发展。"
    )
    text = f"{opening[:30]}\n{opening}\n{opening[:30]}……另有说明。"
    assert clean(text).split("\n") == [opening, f"{opening[:30]}……另有说明。"]
