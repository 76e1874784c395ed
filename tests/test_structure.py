"""Structure: files split into reports; headings nested into sections; period, region, blanks."""

from __future__ import annotations

import pytest

from ingest.cleaning import clean
from ingest.model import ParsedReport
from ingest.structure import parse_reports

MULTI_REPORT = """\
第1篇 县教育局上半年工作总结暨下半年工作思路 4800字
今年以来,青禾县教育局紧紧围绕市局年初下达的目标任务,全面落实全市教育工作会议要求,现对照年初目标汇报如下:
一、上半年各项目标任务完成情况
(一)各项目标任务完成情况
1.学前教育普及水平。学前三年幼儿入园率达96%。
完成情况:学前三年幼儿入园率预计达到97.7%。
2.加大教育投入,确保“三增长”,财政教育支出占财政一般预算支出的比例达到或者超过省核定比例;建立幼教、职教投入保障机制。新扩建幼儿园3所。
完成情况:新扩建幼儿园3所,已完成主体工程。
（二）采取的主要措施
1、强化目标管理。一是层层分解任务;二是每月通报进度。
二、下半年工作打算
一是推进城乡学校布局调整。二是加强教师队伍建设。
第2篇 白沙区教育局2023上半年安全工作总结 2150字
xx区教育系统安全工作在区委、区政府的正确领导下,不断加强制度建设,现将上半年安全工作小结如下:
一、 隐患排查情况
上半年共排查隐患42处,已整改40处。
二、专项整治情况
3月开展了校车安全专项整治,查处违规车辆6辆,确保了师生安全。三、“一岗双责”落实情况
局班子成员每季度督导包点学校1次。
"""

QUARTERLY = """\
云岭区政府工作报告

2024年03月05日10:21:08

工作总结就是把某一时期已经做过的工作,进行一次全面系统的总检查、总评价、总分析。下面是小编给大家整理的教育局季度工作总结,仅供参考。

教育局季度工作总结一

20**年上半年,区教育局在区委、区政府的正确领导下,全力推进教育优质均衡发展。

一、学校工程建设有序开展

金湾区第一中学主体工程完成85%,金湾区实验小学完成99.5%。

二、中考成绩提升较大

20**年中考总上线率达到98.81%。

教育局季度工作总结二

按照年初制定的工作目标,围绕县委、县政府工作部署,第一季度我局主要抓了以下几项工作。

一、落实“两免一补”政策。从春季学期开始,免除学杂费,惠及学生6868人,投入资金184.6万元。

二、2—3月,我局组织局机关干部就我县城区教育发展现状进行专题调研,厘清发展思路,明确发展目标,形成了《全县教育发展现状分析与对策》一文。

三、做好《青禾县人民政府关于教育督导工作的通知》贯彻落实工作,青禾县各乡镇全部通过复查。
"""

NESTED = """\
青禾县教育局2024年上半年工作总结
今年以来,我局扎实推进各项教育工作。
一、学前教育普惠发展
（一）目标完成情况
1.入园率稳步提高。
(1)城区幼儿园入园率达98%。
(2)农村幼儿园入园率达95%。
2、学位供给增加。新建幼儿园3所,新增学位990个。
(二)主要措施
——加大投入。
_、建成乡镇中心幼儿园2所。
_、改扩建村级幼儿园5所。
——强化管理。
二、教师队伍建设
1．全年培训教师8469人次。
"""


def _outline(report: ParsedReport) -> list[tuple[int, str]]:
    return [(s.level, s.heading) for s in report.sections]


def test_numbered_reports_get_their_own_titles_periods_and_regions() -> None:
    first, second = parse_reports(clean(MULTI_REPORT), fallback_title="file")
    assert first.title == "县教育局上半年工作总结暨下半年工作思路"
    assert (first.period, first.region) == ("上半年", "青禾县")
    assert second.title == "白沙区教育局2023上半年安全工作总结"
    assert (second.period, second.region) == ("2023年上半年", "白沙区")
    assert second.placeholders == ["xx区"]


def test_headings_nest_and_long_numbered_lines_split() -> None:
    first, _ = parse_reports(clean(MULTI_REPORT), fallback_title="file")
    assert _outline(first) == [
        (0, ""),
        (1, "一、上半年各项目标任务完成情况"),
        (2, "(一)各项目标任务完成情况"),
        (3, "1.学前教育普及水平。"),
        (3, "2.加大教育投入"),
        (2, "（二）采取的主要措施"),
        (3, "1、强化目标管理。"),
        (1, "二、下半年工作打算"),
    ]
    item_1, item_2 = first.sections[3], first.sections[4]
    # The first sentence carries a figure, so the body keeps it too.
    assert item_1.text == "学前三年幼儿入园率达96%。\n完成情况:学前三年幼儿入园率预计达到97.7%。"
    assert item_2.text.startswith("加大教育投入,确保“三增长”,财政教育支出")
    assert item_2.path == (
        "一、上半年各项目标任务完成情况",
        "(一)各项目标任务完成情况",
        "2.加大教育投入",
    )
    assert item_2.parent == 2 and first.sections[2].parent == 1
    # "一是…二是…" enumerations stay in the text.
    assert first.sections[-1].text == "一是推进城乡学校布局调整。二是加强教师队伍建设。"


def test_a_heading_glued_to_the_end_of_a_paragraph_is_split_off() -> None:
    _, second = parse_reports(clean(MULTI_REPORT), fallback_title="file")
    assert [s.heading for s in second.sections if s.level == 1] == [
        "一、 隐患排查情况",
        "二、专项整治情况",
        "三、“一岗双责”落实情况",
    ]
    assert second.sections[2].text.endswith("确保了师生安全。")
    assert second.sections[3].text == "局班子成员每季度督导包点学校1次。"


def test_title_series_splits_and_the_banner_preface_is_dropped() -> None:
    reports = parse_reports(clean(QUARTERLY), fallback_title="file")
    assert [r.title for r in reports] == ["教育局季度工作总结一", "教育局季度工作总结二"]
    first, second = reports
    assert (first.period, first.region, first.placeholders) == ("上半年", "金湾区", ["20**年"])
    assert (second.period, second.region) == ("第一季度", "青禾县")
    assert all("溧水" not in s.text and "工作总结就是" not in s.text for s in first.sections)
    assert second.sections[1].heading == "一、落实“两免一补”政策。"
    # A first sentence too short to name the section ("2—3月") grows to the next phrase.
    assert (
        second.sections[2].heading
        == "二、2—3月,我局组织局机关干部就我县城区教育发展现状进行专题调研"
    )
    assert second.sections[2].text.startswith("2—3月,我局组织")


def test_nesting_covers_all_marker_kinds() -> None:
    (report,) = parse_reports(clean(NESTED), fallback_title="file")
    assert report.title == "青禾县教育局2024年上半年工作总结"
    assert (report.period, report.region) == ("2024年上半年", "青禾县")
    assert _outline(report) == [
        (0, ""),
        (1, "一、学前教育普惠发展"),
        (2, "（一）目标完成情况"),
        (3, "1.入园率稳步提高。"),
        (4, "(1)城区幼儿园入园率达98%。"),
        (4, "(2)农村幼儿园入园率达95%。"),
        (3, "2、学位供给增加。"),
        (2, "(二)主要措施"),
        (3, "——加大投入。"),
        (4, "_、建成乡镇中心幼儿园2所。"),
        (4, "_、改扩建村级幼儿园5所。"),
        (3, "——强化管理。"),
        (1, "二、教师队伍建设"),
        (2, "1．全年培训教师8469人次。"),
    ]
    parents = [s.parent for s in report.sections]
    assert parents == [None, None, 1, 2, 3, 3, 2, 1, 7, 8, 8, 7, None, 12]
    assert report.sections[9].path == (
        "一、学前教育普惠发展",
        "(二)主要措施",
        "——加大投入。",
        "_、建成乡镇中心幼儿园2所。",
    )


def test_a_fifth_level_stays_in_the_text() -> None:
    text = "一、总体情况\n（一）学前教育\n1.入园\n（1）城区\n——新建幼儿园2所。\n"
    (report,) = parse_reports(text, fallback_title="file")
    assert [s.level for s in report.sections] == [1, 2, 3, 4]
    assert report.sections[-1].text == "——新建幼儿园2所。"


def test_single_report_title_comes_from_the_first_title_line_or_the_fallback() -> None:
    text = "青禾县校园安全工作总结\n\n青禾县校园安全工作总结\n今年以来全县未发生安全事故。"
    (report,) = parse_reports(text, fallback_title="file")
    assert report.title == "青禾县校园安全工作总结"
    assert [s.text for s in report.sections] == ["今年以来全县未发生安全事故。"]
    (untitled,) = parse_reports("上半年开展安全检查42次。", fallback_title="安全检查记录")
    assert untitled.title == "安全检查记录"
    assert untitled.sections[0].level == 0 and untitled.sections[0].path == ()


def test_template_placeholders_make_fields_unknown() -> None:
    text = (
        "第3篇 某县教育局上半年工作总结 6450字\n"
        "教育局____上半年工作总结\n"
        "上半年以来,全县共有幼儿园___所,编制*年经费预算。\n"
        "一、 上半年教育发展概况\n"
        "xx县教育系统安全工作在县委县政府的正确领导下稳步推进。\n"
    )
    (report,) = parse_reports(text, fallback_title="file")
    assert report.title == "某县教育局上半年工作总结"
    assert (report.period, report.region) == ("上半年", None)
    assert report.placeholders == ["某县", "____", "___", "*年", "xx县"]
    # The subtitle under the header is not content.
    assert report.sections[0].text.startswith("上半年以来")


@pytest.mark.parametrize(
    ("title", "opening", "period"),
    [
        ("青禾县教育局2024年上半年工作总结", "", "2024年上半年"),
        ("2023年县教育局上半年安全工作总结", "", "2023年上半年"),
        ("县教育局2023上半年安全工作总结", "", "2023年上半年"),
        ("县教育局上半年学校安全工作总结", "现把2023上半年安全工作情况汇报如下:", "2023年上半年"),
        ("县教育局上半年工作总结", "2024年3月28日,召开了全县教育工作会议。", "上半年"),
        ("青禾县2023年教育工作总结", "今年上半年,我局…", "2023年"),
        ("二〇二三年教育局工作要点", "", "2023年"),
        ("教育局季度工作总结", "第一季度我局主要抓了以下几项工作。", "第一季度"),
        ("教育局工作总结", "20**年上半年,区教育局…", "上半年"),
        ("XX年区教育局学校安全工作总结", "今年以来,在区委、区政府的正确领导下…", None),
    ],
)
def test_period(title: str, opening: str, period: str | None) -> None:
    (report,) = parse_reports(f"{title}\n{opening}\n一、总体情况\n略。", fallback_title="file")
    assert report.period == period


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("金湾区教育局工作总结\n全区教育稳步发展。", "金湾区"),
        ("教育局工作总结\n在区委、区政府的正确领导下,紧紧围绕市局年初目标。", None),
        ("教育局工作总结\n县委县政府高度重视,打造教育强县,创建示范县。", None),
        ("教育局工作总结\n根据青禾县人民政府要求,我县扎实推进。", "青禾县"),
        ("教育局工作总结\nxx县教育局认真落实青禾县人民政府要求。", None),
        # Named only in the body: counted when repeated, and of the report's own kind.
        (
            "教育局工作总结\n我县扎实推进。\n一、工程\n根据白沙市要求,青禾县一中、青禾县二中完工。",
            "青禾县",
        ),
        ("教育局工作总结\n我县扎实推进。\n一、工程\n根据白沙市、白沙市两级要求推进。", None),
    ],
)
def test_region(text: str, region: str | None) -> None:
    (report,) = parse_reports(text, fallback_title="file")
    assert report.region == region


def test_a_line_broken_mid_sentence_is_joined() -> None:
    text = (
        "一、教学质量\n"
        "建立了按办学水平进行分片教研制度,激发了同水平学校之间的竞争积极性,形成了浓厚的抓质量\n"
        "氛围,今年中考优秀人数比去年增加了12%。\n"
        "召开各中小学工会主席会\n"
        "议,部署送温暖活动。\n"
    )
    (report,) = parse_reports(text, fallback_title="file")
    assert report.sections[0].text.split("\n") == [
        "建立了按办学水平进行分片教研制度,激发了同水平学校之间的竞争积极性,"
        "形成了浓厚的抓质量氛围,今年中考优秀人数比去年增加了12%。",
        "召开各中小学工会主席会",
        "议,部署送温暖活动。",
    ]


def test_numbers_that_are_not_headings() -> None:
    text = (
        "（五）加强对民办教育的管理\n"
        "1. 20**年3月9日,召开了全区民办学校年检评估总结会。\n"
        "2.继续做好无证民办幼儿园摸底统计工作。\n"
        "3.20**年3月14日至4月28日,对全区民办学前教育服务点进行了突击检查。\n"
        "1.5万名学生参加了安全演练。\n"
        "一、二级考试的培训与考核工作全部完成。\n"
    )
    (report,) = parse_reports(text, fallback_title="file")
    assert [s.heading[:2] for s in report.sections] == ["（五", "1.", "2.", "3."]
    assert report.sections[-1].text.split("\n") == [
        "1.5万名学生参加了安全演练。",
        "一、二级考试的培训与考核工作全部完成。",
    ]


def test_glued_numerals_that_start_a_sentence_are_not_headings() -> None:
    text = (
        "一、教学工作\n"
        "开展了全面质量调研。\n"
        "二、学生活动\n"
        "组织了春季运动会。三、四年级学生参加了跳绳比赛。第3篇论文获省一等奖。\n"
    )
    (report,) = parse_reports(text, fallback_title="file")
    assert [s.heading for s in report.sections] == ["一、教学工作", "二、学生活动"]
    assert report.sections[1].text.endswith("三、四年级学生参加了跳绳比赛。第3篇论文获省一等奖。")


def test_a_part_heading_holds_the_numbered_headings_after_it() -> None:
    text = (
        "青禾县教育局2024年工作总结和2025年工作要点\n第一部分　2024年工作总结\n"
        "一、主要工作\n全年培训教师320人。\n第二部分　2025年工作要点\n一、扩大资源供给\n"
        "计划新建幼儿园3所。\n"
    )
    (report,) = parse_reports(clean(text), fallback_title="file")
    assert [s.path for s in report.sections if s.text] == [
        ("第一部分 2024年工作总结", "一、主要工作"),
        ("第二部分 2025年工作要点", "一、扩大资源供给"),
    ]
