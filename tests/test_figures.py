"""Figures from prose: indicators paired right, targets told from actuals, non-figures left out."""

from __future__ import annotations

from ingest.figures import extract_figures, figure_period, prose_of, table_grids
from ingest.model import ParsedReport, ParsedSection


def _report(*texts: str, heading: str = "1.事业发展水平。") -> ParsedReport:
    sections = [ParsedSection(heading, 1, (heading,), text) for text in texts]
    return ParsedReport("青禾县教育局2024年上半年工作总结", "2024年上半年", "青禾县", sections)


def _rows(report: ParsedReport) -> list[tuple[str, str, str, str]]:
    return [(f.indicator, f.quantity.raw, f.quantity.unit, f.kind) for f in extract_figures(report)]


def test_enumerations_pair_by_order_and_targets_precede_the_result() -> None:
    text = (
        "学前三年幼儿入园率、义务教育巩固率、初中毕业生升学率分别达96%、99.5%、98%。\n"
        "完成情况：学前三年幼儿入园率、义务教育巩固率、初中毕业生升学率预计分别达到97.7%、99.8%和98.6%。"
    )
    assert _rows(_report(text)) == [
        ("学前三年幼儿入园率", "96%", "%", "target"),
        ("义务教育巩固率", "99.5%", "%", "target"),
        ("初中毕业生升学率", "98%", "%", "target"),
        ("学前三年幼儿入园率", "97.7%", "%", "actual"),
        ("义务教育巩固率", "99.8%", "%", "actual"),
        ("初中毕业生升学率", "98.6%", "%", "actual"),
    ]


def test_counts_money_and_breakdowns() -> None:
    text = (
        "上半年共资助学生6817人次，发放资助资金476.98万元。"
        "其中，学前教育幼儿资助1126人次、56.30万元。新建幼儿园3所，培训教师8469人次。"
    )
    rows = _rows(_report(text))
    assert [r[:3] for r in rows] == [
        ("资助学生", "6817人次", "人次"),
        ("发放资助资金", "476.98万元", "万元"),
        ("学前教育幼儿资助", "1126人次", "人次"),
        ("学前教育幼儿资助金额", "56.30万元", "万元"),
        ("新建幼儿园", "3所", "所"),
        ("培训教师", "8469人次", "人次"),
    ]


def test_changes_belong_to_the_figure_they_compare() -> None:
    rows = _rows(_report("新招聘教师138人，比上年同期增加12人；入园率提高0.6个百分点。"))
    assert rows == [
        ("新招聘教师", "138人", "人", "actual"),
        ("新招聘教师", "12人", "人", "change"),
        ("入园率", "0.6个百分点", "个百分点", "change"),
    ]


def test_dates_document_numbers_and_set_phrases_are_not_figures() -> None:
    text = "1月9日，我局印发青教〔2024〕8号文件，落实“一岗双责”，开展安全检查46次。"
    assert _rows(_report(text)) == [("开展安全检查", "46次", "次", "actual")]


def test_approximate_figures_keep_their_marker() -> None:
    [figure] = extract_figures(_report("在建校舍项目总建筑面积近2万平方米。"))
    assert figure.quantity.raw == "近2万平方米" and figure.quantity.approximate


def test_plans_are_plans() -> None:
    report = _report("新增学位600个以上。", heading="三、下半年工作打算")
    assert [f.kind for f in extract_figures(report)] == ["plan"]
    # 力争 states a goal even among plans (benchmarks/figures_labels_README.md, kind "target")
    report = _report("力争全年新增学位600个以上。", heading="三、下半年工作打算")
    assert [f.kind for f in extract_figures(report)] == ["target"]


def test_table_rows_are_read_as_tables_not_prose() -> None:
    text = (
        "主要指标见下表。\n指标 | 单位 | 年度目标 | 上半年完成\n入园率 | % | 96 | 97.7\n其后正文。"
    )
    assert "|" not in prose_of(text)
    [grid] = table_grids(text, "表1")
    assert [r.cells for r in grid.rows][1] == ("入园率", "%", "96", "97.7")


def test_numbers_flattened_from_a_pdf_table_are_not_guessed() -> None:
    assert _rows(_report("学前三年幼儿入园率 % 97.7 98.3 +0.6")) == []


def _names(text: str) -> list[tuple[str, str]]:
    return [(f.indicator, f.quantity.raw) for f in extract_figures(_report(text))]


def test_a_count_names_the_noun_after_its_measure_word() -> None:
    assert _names("今年共举办三期青年教师研修班，培训教师320人。") == [
        ("举办青年教师研修班", "三期"),
        ("培训教师", "320人"),
    ]
    assert _names("组建了一支120余人的志愿服务队伍。") == [("志愿服务队伍", "120余人")]


def test_a_count_opening_its_clause_is_named_by_what_it_did() -> None:
    assert _names("有860人通过了普通话水平测试。") == [("通过了普通话水平测试", "860人")]
    assert _names("开设12个专题讲座，2300人次参加。") == [
        ("开设专题讲座", "12个"),
        ("开设专题讲座参加", "2300人次"),
    ]


def test_a_bare_name_takes_the_topic_of_its_sentence() -> None:
    assert _names("扎实推进成人学历教育，在读520人，结业310人。") == [
        ("扎实推进成人学历教育在读", "520人"),
        ("扎实推进成人学历教育结业", "310人"),
    ]


def test_a_demonstrative_count_repeats_the_earlier_figure() -> None:
    assert _names("全年改造薄弱学校食堂8个。这8个食堂均已投入使用。") == [
        ("改造薄弱学校食堂", "8个"),
        ("改造薄弱学校食堂", "8个"),
    ]


def test_a_per_head_rate_is_the_standard_of_what_is_given_to_whom() -> None:
    assert _names("对建档立卡家庭学生每人每年发放800元生活补助。") == [
        ("建档立卡家庭学生生活补助标准", "800元")
    ]
    assert _names("免收课本费，标准为：初中生每年生均95元，小学生每年生均60元。") == [
        ("初中生免收课本费标准", "95元"),
        ("小学生免收课本费标准", "60元"),
    ]


def test_a_duration_is_how_long_its_activity_lasts() -> None:
    assert _names("开展为期3天的校园安全专项检查，实行24小时值守制度。") == [
        ("校园安全专项检查时长", "3天"),
        ("值守制度时长", "24小时"),
    ]
    assert _names("组织了为期一个月的读书节。") == [("读书节时长", "一个月")]


def test_a_sum_is_named_by_what_it_pays_for_when_said_right_after_it() -> None:
    assert _names("县财政又投资45万元为全县所有幼儿园新配备消毒柜。") == [
        ("配备消毒柜投资", "45万元")
    ]
    assert _names("县政府拨出专款8万元，购买1500套课桌椅。") == [
        ("购买课桌椅专款", "8万元"),
        ("购买课桌椅", "1500套"),
    ]
    # what follows is no purchase: the sum keeps the name before it
    assert _names("完成投资300万元，占年度计划的60%。")[0] == ("完成投资", "300万元")


def test_the_same_quantity_said_again_without_a_name_repeats_it() -> None:
    assert _names("实行12小时巡逻制，确保12小时有人。") == [
        ("巡逻制时长", "12小时"),
        ("巡逻制时长", "12小时"),
    ]


def test_what_is_included_takes_the_topic_of_its_sentence() -> None:
    assert _names("编印了《青禾县学校安全制度汇编》，包括42项制度。") == [
        ("编印了青禾县学校安全制度汇编制度", "42项")
    ]


def test_a_count_after_dui_is_the_object_of_what_was_done_to_it() -> None:
    assert _names("对全县9个乡镇(街道)进行了消防安全检查。") == [("消防安全检查乡镇", "9个")]
    assert _names("对52户困难家庭住房、就学等情况进行了入户走访并登记。") == [
        ("入户走访困难家庭住房", "52户")
    ]


def test_a_count_whose_measure_word_is_its_noun_points_back() -> None:
    assert _names("新建寄宿制学校3所，帮助三校完成验收。") == [
        ("新建寄宿制学校", "3所"),
        ("新建寄宿制学校", "三校"),
    ]


def test_a_share_of_something_done_is_its_rate_of_being_done() -> None:
    assert _names("100%办结省、市转办的群众来信。") == [("群众来信办结率", "100%")]


def test_a_duration_after_a_list_of_acts_lasts_the_last_one() -> None:
    assert _names("登记姓名、事由、陪同巡查2小时。") == [("陪同巡查时长", "2小时")]


def test_people_are_named_by_what_they_went_somewhere_to_do() -> None:
    assert _names("组织了全县乡村教师80余人在城关一小开展跟岗研修。") == [
        ("跟岗研修全县乡村教师", "80余人")
    ]


def test_an_adverb_ends_the_noun_a_count_modifies() -> None:
    assert _names("城关中学、实验小学正积极创建省级文明校园，两所学校已制定创建方案。") == [
        ("城关中学、实验小学正积极创建省级文明校园学校", "两所")
    ]


def test_a_quoted_campaign_names_the_figures_of_its_sentence() -> None:
    assert _names("县教育局组织“安全护学”专项行动，共检查校车46辆。") == [
        ("安全护学检查校车", "46辆")
    ]
    # a quoted slogan that is no campaign is not carried over
    assert _names("落实“一岗双责”制度，配备专职保安120人。") == [("配备专职保安", "120人")]


def test_examples_before_a_count_say_what_kind_it_counts() -> None:
    assert _names("成立招生工作领导小组、招生宣传小组和招生监督小组等3个小组。") == [
        ("招生小组", "3个")
    ]
    assert _names("印发了《关于加强课后服务的通知》、《关于规范作业管理的通知》等两个文件。") == [
        ("规范作业管理文件", "两个")
    ]


def test_a_bare_count_after_examples_takes_the_sentence_before() -> None:
    assert _names("举办全县中小学艺术节展演。城关小学等9所学校已参演。") == [
        ("举办全县中小学艺术节展演学校", "9所")
    ]


def test_a_count_in_a_noun_unit_opening_a_clause_does_the_first_act() -> None:
    assert _names("新建学校2所，两镇已完成征地和拆迁工作。")[1] == ("完成征地镇", "两镇")


def test_short_enumerated_items_share_the_head_of_the_last() -> None:
    assert _names("物理、化学、生物三科实验操作合格率分别为98.1%、97.4%、96.0%。")[1:] == [
        ("物理实验操作合格率", "98.1%"),
        ("化学实验操作合格率", "97.4%"),
        ("生物实验操作合格率", "96.0%"),
    ]


def test_a_short_rate_after_a_fuller_one_shares_its_subject() -> None:
    assert _names(
        "全县中小学近视筛查覆盖率为99.2%，复查率为86.4%，分别比上年提升2.1个百分点和5个百分点。"
    ) == [
        ("中小学近视筛查覆盖率", "99.2%"),
        ("中小学近视筛查复查率", "86.4%"),
        ("中小学近视筛查覆盖率", "2.1个百分点"),
        ("中小学近视筛查复查率", "5个百分点"),
    ]


def test_a_percentage_that_is_a_share_is_named_as_one() -> None:
    assert _names("全县市级标准化学校累计达到38所，占学校总数的41.3%。")[1] == (
        "市级标准化学校占比",
        "41.3%",
    )
    assert _names("乡村教师中，骨干教师仅占18.5%。") == [("骨干教师占比", "18.5%")]


def test_a_standard_names_what_it_is_a_standard_of() -> None:
    assert _names("农村学生营养餐补助标准为小学每生每天4元。") == [
        ("小学农村学生营养餐补助标准", "4元")
    ]


def test_a_difference_from_a_benchmark_is_a_change_of_the_figure_before() -> None:
    rows = _rows(_report("教师培训学时达标率为92%，高出省定标准2个百分点。"))
    assert rows[1] == ("教师培训学时达标率", "2个百分点", "个百分点", "change")


def test_the_means_are_not_what_is_counted() -> None:
    assert _names("通过公开招聘、人才引进等方式补充教师46名。") == [("补充教师", "46名")]


def test_reaching_a_level_is_an_actual_and_the_rise_a_change() -> None:
    rows = _rows(_report("多媒体教室覆盖率提高到97%，比上年提升6个百分点。"))
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("多媒体教室覆盖率", "97%", "actual"),
        ("多媒体教室覆盖率", "6个百分点", "change"),
    ]


def test_a_programme_named_plan_is_no_plan() -> None:
    assert _rows(_report("通过“特岗计划”招聘教师40名。"))[0][3] == "actual"
    named = _report("全县1.2万名学生享受营养膳食补助。", heading="（二）营养改善计划提质")
    assert _rows(named)[0][3] == "actual"
    planned = _report("新建教学楼2栋。", heading="三、下半年工作打算")
    assert _rows(planned)[0][3] == "plan"


def test_a_bare_act_is_done_by_what_an_earlier_figure_counted() -> None:
    assert _names("今年计划实施校安工程9个。截至5月底，已开工7个，其中完工3个。") == [
        ("实施校安工程", "9个"),
        ("实施校安工程开工", "7个"),
        ("实施校安工程完工", "3个"),
    ]
    # a bare noun is no act: it keeps its own name
    assert _names("配备保安120人，门卫86人。")[1] == ("门卫", "86人")


def test_a_sum_for_work_done_on_something_is_named_by_that_work() -> None:
    assert _names("计划投入资金600万元，对8所学校的运动场进行改造。")[0] == (
        "运动场改造投入资金",
        "600万元",
    )


def test_the_actual_after_a_goal_is_the_same_indicator() -> None:
    rows = _rows(_report("年初确定体质健康优良率目标为50%，实际达到53.2%。"))
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("体质健康优良率", "50%", "target"),
        ("体质健康优良率", "53.2%", "actual"),
    ]


def test_a_floor_is_no_comparison() -> None:
    rows = _rows(_report("交流轮岗教师不低于符合条件教师总数的10%。"))
    assert rows[0][3] != "change"


def test_rounds_medals_and_school_visits_are_counted() -> None:
    assert [n[1] for n in _names("开展安全大排查三轮，获金牌五枚，督导320余校次。")] == [
        "三轮",
        "五枚",
        "320余校次",
    ]


def test_work_done_on_counted_things_names_them() -> None:
    assert _names("完成了《青禾教育年鉴》等3本书籍的编印工作。") == [("编印书籍", "3本")]


def test_a_figure_reached_by_its_subject_is_named_before_it() -> None:
    assert _names("实验小学在校生达到2400人的规模。") == [("实验小学在校生", "2400人")]


def test_a_comparison_with_its_own_subject_keeps_it() -> None:
    rows = _rows(_report("招聘教师60人，录取人数比上年增加15人。"))
    assert rows[1] == ("录取人数", "15人", "人", "change")


def test_names_titles_slogans_and_the_reports_own_points_are_not_figures() -> None:
    text = (
        "印发《校园安全100问》，开展“六个一”活动，熟记二十四字方针，"
        "重点从三个方面推进，开展120%满意服务活动。"
    )
    assert _names(text) == []


def test_a_figure_in_a_heading_is_read_once() -> None:
    heading = "3.目前全区共有普惠性幼儿园46所。"
    alone = ParsedReport("t", None, None, [ParsedSection(heading, 2, (heading,), "")])
    assert [(f.indicator, f.quantity.raw) for f in extract_figures(alone)] == [
        ("普惠性幼儿园", "46所")
    ]
    echoed = ParsedReport(
        "t", None, None, [ParsedSection(heading, 2, (heading,), "目前全区共有普惠性幼儿园46所。")]
    )
    assert len(extract_figures(echoed)) == 1


def test_a_planned_amount_is_a_plan_by_its_own_clause() -> None:
    rows = _rows(_report("项目一共5个，计划总投资300万元。"))
    assert [(r[0], r[3]) for r in rows] == [("项目", "actual"), ("计划总投资", "plan")]


def test_zero_and_half_are_figures_where_they_stand_alone() -> None:
    assert _names("全区学校安全事故一直为零。") == [("学校安全事故", "零")]
    assert _names("一半以上教师参加了轮训。")[0][1] == "一半以上"


def test_a_whole_year_figure_is_not_narrowed_to_the_half_year_of_its_sentence() -> None:
    report = ParsedReport("青禾县2024年校园安全工作总结", "2024年", "青禾县", [])
    text = "上半年开展防溺水宣传120场，全年累计开展防溺水宣传260场。"
    report.sections = [ParsedSection("一、宣传", 1, ("一、宣传",), text)]
    periods = [
        (f.quantity.raw, figure_period(report.period, f.sentence, f.clause))
        for f in extract_figures(report)
    ]
    assert periods == [("120场", "2024年上半年"), ("260场", "2024年")]


def test_changes_listed_after_fenbie_pair_with_the_figures_before_them() -> None:
    text = "上半年新建食堂4个，新增餐位900个，分别比上年同期减少1个和150个。"
    assert _rows(_report(text))[2:] == [
        ("新建食堂", "1个", "个", "change"),
        ("新增餐位", "150个", "个", "change"),
    ]


def test_a_goal_word_governs_the_figures_after_it_not_before() -> None:
    text = "开展消防演练52次，要求做到人人会逃生。目标：入园率达96%。"
    kinds = [r[3] for r in _rows(_report(text))]
    assert kinds == ["actual", "target"]


def test_a_clause_framing_the_work_names_nothing_and_a_rate_follows_its_act() -> None:
    text = "以“平安校园”专项行动为载体，排查各类安全隐患120处，已整改114处，整改率95%。"
    assert _names(text) == [
        ("安全隐患", "120处"),
        ("安全隐患整改", "114处"),
        ("安全隐患整改率", "95%"),
    ]


def test_the_act_and_its_kinds_word_are_left_out_of_a_counted_kind() -> None:
    assert _names("上半年举办各类读书活动80余场。") == [("读书活动", "80余场")]
    assert _names("全县各级各类学校60所。") == [("各级各类学校", "60所")]


def test_a_bound_named_by_a_rule_belongs_to_what_it_bounds() -> None:
    text = "严格落实学生每天校内体育活动时间不少于1小时的要求。"
    assert _names(text) == [("学生校内体育活动时间", "不少于1小时")]  # not how often
    assert _names("公示不少于5个工作日。")[0][1] == "不少于5个工作日"
    text = "对不足100人的农村小规模学校按100人拨付公用经费。"
    assert _names(text)[0] == ("农村小规模学校标准", "不足100人")  # the line of small


def test_a_name_said_again_in_short_or_only_by_when_is_the_fuller_one() -> None:
    assert _names("公办园占比为52%，预计秋季学期可达55%。") == [
        ("公办园占比", "52%"),
        ("公办园占比", "55%"),
    ]
    assert _names("新增公办幼儿园学位300个，预计全年新增学位达500个。") == [
        ("新增公办幼儿园学位", "300个"),
        ("新增公办幼儿园学位", "500个"),
    ]


def test_an_arabic_count_of_kinds_is_a_figure_and_a_tier_is_not() -> None:
    assert _names("聚焦违规补课、违规收费等6类问题开展整治。")[0][1] == "6类"
    assert _names("二类幼儿园评估工作全面启动。") == []


def test_one_number_said_of_two_rates_states_both() -> None:
    assert _names("“一键式报警”装置和视频监控联网率均为100%。") == [
        ("一键式报警装置联网率", "100%"),
        ("视频监控联网率", "100%"),
    ]
    assert _names("小学、初中生均公用经费均按时拨付到校，拨付率100%。")[-1][0] != "初中生"


def test_every_item_of_a_list_of_standards_reads_what_they_are_standards_of() -> None:
    text = "省定义务教育生均公用经费基准定额为小学每生每年720元、初中每生每年940元。"
    assert _names(text) == [
        ("省定小学生均公用经费基准定额", "720元"),
        ("省定初中生均公用经费基准定额", "940元"),
    ]
    text = "其中，寄宿生生活补助612万元，按小学每生每年1000元、初中每生每年1250元的标准发放。"
    assert _names(text)[1:] == [
        ("小学寄宿生生活补助标准", "1000元"),
        ("初中寄宿生生活补助标准", "1250元"),
    ]


def test_the_rest_are_the_rest_of_what_was_counted_first() -> None:
    text = "排查各类安全隐患268处，已整改263处，其余5处已落实管控措施。"
    assert _names(text)[-1] == ("其余安全隐患", "5处")


def test_items_raised_to_new_levels_pair_by_order() -> None:
    assert _names("我县在此基础上将小学、初中标准分别提高到800元和1000元。") == [
        ("小学标准", "800元"),
        ("初中标准", "1000元"),
    ]


def test_a_count_before_a_centre_school_names_it_not_the_place_list() -> None:
    text = "西河镇、龙泉镇两所中心幼儿园改扩建工程已经完工。"
    assert _names(text) == [("中心幼儿园改扩建工程", "两所")]


def test_a_campaign_is_left_out_of_a_name_that_already_says_its_field() -> None:
    text = "推进“法治进校园”活动，上半年开展法治讲座260多场。"
    assert _names(text) == [("开展法治讲座", "260多场")]


def test_an_act_on_the_short_word_of_its_topic_acts_on_the_topic() -> None:
    text = "做好生源地信用助学贷款工作，计划全年发放贷款约3100万元。"
    assert _names(text) == [("发放生源地信用助学贷款", "约3100万元")]
    text = "深入开展“书香校园”主题教育活动，举办各类主题活动200余场次。"
    assert _names(text) == [("主题活动", "200余场次")]


def test_a_party_organisation_and_a_posting_end_where_they_should() -> None:
    assert _names("全系统现有基层党组织64个。") == [("基层党组织", "64个")]
    assert _names("选派32名骨干教师赴偏远村小支教。") == [("选派骨干教师", "32名")]


def test_a_duration_in_chinese_numerals_after_weiqi_is_a_figure() -> None:
    assert _names("选派骨干教师支教，支教期限为一年。")[-1] == ("支教期限", "一年")
    assert _names("开展为期两周的校园安全大检查。") == [("校园安全大检查时长", "两周")]
    assert _names("三年规划稳步推进，一年一度的评选如期举行。") == []


def test_an_act_counted_after_the_topic_is_done_to_what_the_sentence_counted() -> None:
    text = "开展校园安全大排查行动，排查安全隐患386处，已整改379处，整改率达98.2%。"
    assert _names(text)[1:] == [("排查安全隐患整改", "379处"), ("排查安全隐患整改率", "98.2%")]


def test_changes_said_after_bishangnian_fenbie_pair_by_order() -> None:
    text = "小学、初中平均班额分别降至41.2人、44.6人，比上年分别减少1.5人和2.3人。"
    assert _rows(_report(text)) == [
        ("小学平均班额", "41.2人", "人", "actual"),
        ("初中平均班额", "44.6人", "人", "actual"),
        ("小学平均班额", "1.5人", "人", "change"),
        ("初中平均班额", "2.3人", "人", "change"),
    ]


def test_standards_listed_after_an_by_school_stage() -> None:
    text = "农村寄宿生生活补助按小学、初中分别为每生每年1000元、1250元的标准发放。"
    assert _names(text) == [
        ("小学农村寄宿生生活补助标准", "1000元"),
        ("初中农村寄宿生生活补助标准", "1250元"),
    ]
    assert _names("义务教育生均公用经费按小学720元、初中940元足额拨付。") == [
        ("小学生均公用经费标准", "720元"),
        ("初中生均公用经费标准", "940元"),
    ]


def test_examples_inside_a_name_are_not_the_name() -> None:
    text = "体育、音乐、美术、心理健康等学科教师缺口在120名左右。"
    assert _names(text) == [("学科教师缺口", "120名左右")]


def test_only_a_done_mark_with_a_colon_splits_targets_from_results() -> None:
    text = "全年培训教师1.2万人次，并将学时完成情况纳入职称评聘条件。"
    assert [r[3] for r in _rows(_report(text))] == ["actual"]


def test_goal_words_that_end_a_clause_are_nouns_and_a_programme_plans_nothing() -> None:
    text = "落实“五项管理”要求，课后服务参与学生4.1万人。作为首要政治任务，召开学习会议16次。"
    assert [r[3] for r in _rows(_report(text))] == ["actual", "actual"]
    assert _rows(_report("营养改善计划补助标准为5元/生/天。"))[0][3] == "actual"


def test_a_goal_by_a_year_is_a_target_among_plans() -> None:
    text = "到2027年培养区级名师50名。计划招聘新教师180名。"
    report = _report(text, heading="三、2025年工作打算")
    assert [r[3] for r in _rows(report)] == ["target", "plan"]


def test_this_school_is_the_school_named_before() -> None:
    text = "城南第三实验小学于9月1日投入使用，该校占地62亩。"
    assert _names(text) == [("城南第三实验小学占地", "62亩")]


def test_what_is_built_is_the_school_named_before() -> None:
    text = "城东片区拟新建青禾县第二实验小学，建成后可提供学位1620个。"
    assert _names(text) == [("青禾县第二实验小学学位", "1620个")]


def test_the_means_listed_before_gong_are_not_what_is_counted() -> None:
    text = "通过公开招聘、“优师计划”和人才引进共补充新教师136名。"
    assert _names(text) == [("补充新教师", "136名")]


def test_a_count_from_one_level_to_another_is_the_same_thing_twice() -> None:
    text = "全市学科类校外培训机构由“双减”前的312家压减至9家。"
    assert _names(text) == [("学科类校外培训机构", "312家"), ("学科类校外培训机构", "9家")]


def test_an_award_is_of_the_contest_the_sentence_opens_with() -> None:
    text = "在全省职业院校技能大赛中，我县学生获一等奖1个、二等奖3个。"
    assert _names(text) == [
        ("全省职业院校技能大赛一等奖", "1个"),
        ("全省职业院校技能大赛二等奖", "3个"),
    ]


def test_a_bare_noun_listed_after_a_figure_takes_its_act() -> None:
    text = "营养改善计划覆盖学校412所、学生15.3万人。"
    assert _names(text)[1] == ("营养改善计划覆盖学生", "15.3万人")


def test_one_number_said_of_several_or_of_each_states_every_one() -> None:
    text = "专职保安配备率、封闭化管理率和视频监控联网率均为100%。"
    assert [n for n, _ in _names(text)] == ["专职保安配备率", "封闭化管理率", "视频监控联网率"]
    assert [n for n, _ in _names("确定试点幼儿园和试点小学各8所。")] == ["试点幼儿园", "试点小学"]


def test_short_rates_after_a_fuller_first_share_its_subject() -> None:
    text = "全县学生体质健康测试合格率、优良率分别为92.4%、48.6%。"
    assert [n for n, _ in _names(text)] == ["学生体质健康测试合格率", "学生体质健康测试优良率"]


def test_a_bare_rate_is_of_what_the_sentence_did() -> None:
    text = "上半年组织学生参加职业技能等级证书考试，通过率达到88.5%。"
    assert _names(text) == [("职业技能等级证书考试通过率", "88.5%")]
    text = "排查各类安全隐患2368处，整改完成率100%。"
    assert _names(text)[1] == ("安全隐患整改完成率", "100%")


def test_an_act_done_to_what_was_counted_before_borrows_its_name() -> None:
    text = "实施义务教育学校改扩建项目32个，其中竣工投用21个。"
    assert _names(text)[1] == ("实施义务教育学校改扩建项目竣工投用", "21个")
    text = "图书馆预算造价400万元，共需投入资金500万元。"
    assert _names(text)[1] == ("投入资金", "500万元")


def test_a_second_value_in_the_next_clause_is_the_same_indicator() -> None:
    text = "全年计划开展理论学习中心组集体学习12次，上半年已开展6次。"
    assert _rows(_report(text)) == [
        ("开展理论学习中心组集体学习", "12次", "次", "plan"),
        ("开展理论学习中心组集体学习", "6次", "次", "actual"),
    ]
    second, third = _names("6名教师参赛，1人获二等奖，5人获三等奖。")[1:]
    assert second[0] != third[0]  # each named by its own predicate


def test_a_sum_names_whom_it_pays_for() -> None:
    assert _names("投入86万元为乡村学校更换课桌椅3200套。")[0] == (
        "乡村学校更换课桌椅投入",
        "86万元",
    )


def test_small_words_of_counting_and_budgets() -> None:
    rows = _rows(_report("检查学校126所次，累计供餐2900余万餐。一般公共预算教育支出81.5亿元。"))
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("126所次", "所次", "actual"),
        ("2900余万餐", "万餐", "actual"),
        ("81.5亿元", "亿元", "actual"),
    ]
    assert _names("组织各级各类教师培训2.3万人次。") == [("教师培训", "2.3万人次")]
    (duty,) = _names("严格落实24小时值班和领导带班制度。")
    assert duty[0].endswith("值班时长") and "带班" not in duty[0]
    text = "年初确定高中阶段毛入学率目标为93%，目前达到94.1%。"
    assert [r[3] for r in _rows(_report(text))] == ["target", "actual"]


def test_the_indicators_said_before_pair_with_a_later_list() -> None:
    text = (
        "目标：幼儿毛入园率达到93%，普惠性幼儿园覆盖率达到91%。完成情况：上述两项指标目前"
        "分别为92.8%、90.3%，预计年底分别达到93.5%、91.2%。"
    )
    names = [name for name, _ in _names(text)]
    assert names == ["幼儿毛入园率", "普惠性幼儿园覆盖率"] * 3  # "两项" points back, counts nothing
    (item,) = [r for r in _rows(_report(text)) if r[1] == "93.5%"]
    assert item[0] == "幼儿毛入园率"


def test_a_result_label_names_nothing() -> None:
    text = "目标：全年实施重点项目60个。完成情况：已开工57个。"
    assert _names(text)[1] == ("实施重点项目开工", "57个")


def test_rates_kept_all_at_one_value_are_each_named() -> None:
    text = "专职保安员配备率、封闭化管理率和视频监控联网率均保持100%。"
    assert [name for name, _ in _names(text)] == [
        "专职保安员配备率",
        "封闭化管理率",
        "视频监控联网率",
    ]


def test_a_bare_school_stage_takes_the_figure_before_it_for_that_stage() -> None:
    text = "小学三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟。"
    assert [name for name, _ in _names(text)] == [
        "小学三至六年级书面作业平均完成时间",
        "初中书面作业平均完成时间",
    ]


def test_a_standard_is_of_what_is_given_at_it() -> None:
    assert _names("按每生每天5元的标准足额下达膳食补助资金。") == [("膳食补助标准", "5元")]
    text = "对家庭经济困难幼儿按照每生每年1000元的标准给予资助。"
    assert _names(text) == [("家庭经济困难幼儿资助标准", "1000元")]


def test_what_was_given_belongs_to_the_programme_its_line_is_titled_with() -> None:
    text = (
        "一是学前教育资助。上半年资助幼儿1260人次，发放资金63万元，共计拨付12万元。\n"
        "1.强化理论武装。发放资金12万元。"
    )
    assert _names(text) == [
        ("学前教育资助人次", "1260人次"),
        ("学前教育资助资金", "63万元"),
        ("学前教育资助资金", "12万元"),
        ("发放资金", "12万元"),  # a task is no programme
    ]


def test_a_bare_act_said_in_full_before_is_that_act() -> None:
    text = "提供送教上门服务，上半年累计送教6200余人次。"
    assert _names(text) == [("送教上门", "6200余人次")]
    text = "各学校每月至少开展1次应急疏散演练，全年共开展演练9800余场次。"
    assert _names(text)[1] == ("应急疏散演练", "9800余场次")
    text = "进一步提高教师培训成效，组织各类专题培训25项。"  # 培训 is not what 提高 does
    assert "成效" not in _names(text)[0][0]


def test_a_bound_is_set_on_the_act_not_on_how_often() -> None:
    assert _names("严格执行食品留样制度，每个品种留样不少于125克。") == [
        ("食品留样", "不少于125克")
    ]
    assert _names("落实每学期组织应急疏散演练不少于2次的制度要求。") == [
        ("应急疏散演练", "不少于2次")
    ]


def test_a_sum_given_for_a_use_is_named_by_the_use() -> None:
    text = "市财政安排1500万元，专项用于农村学校课桌椅更新。"
    assert _names(text) == [("农村学校课桌椅更新资金", "1500万元")]
    text = "接收捐资助学资金56万元，用于资助困难学生420名。"  # the use has its own figure
    assert _names(text)[0] == ("接收捐资助学资金", "56万元")


def test_the_size_of_a_school_project_is_that_school_s() -> None:
    text = "启动市第六高级中学建设，项目规划用地150亩，计划总投资6.5亿元，可容纳学生3000人。"
    assert [name for name, _ in _names(text)] == [
        "市第六高级中学规划用地",
        "市第六高级中学计划总投资",
        "市第六高级中学可容纳学生",
    ]
    text = "农村中小学校舍维修改造工程项目一共33个，规划建筑面积13561平方米。"
    assert "中小学" not in _names(text)[1][0]  # a kind of school, not one


def test_a_standard_of_giving_is_the_programme_s() -> None:
    text = "足额发放乡村教师生活补助，补助标准按学校艰苦边远程度分为每人每月300元、800元两档。"
    assert [name for name, _ in _names(text)][:2] == ["乡村教师生活补助标准"] * 2
    text = "落实乡村教师生活补助政策，按照学校偏远程度确定补助标准，每人每月300元至600元。"
    assert _names(text) == [("乡村教师生活补助标准", "300元至600元")]
    text = "一是学前教育资助。对困难幼儿按照每生每年1000元的标准给予资助。"
    assert _names(text) == [("学前教育资助标准", "1000元")]
    text = "公办园生均公用经费标准提高到每生每年800元，比上年提高200元。"
    assert _names(text) == [
        ("公办园生均公用经费标准", "800元"),
        ("公办园生均公用经费标准", "200元"),
    ]


def test_the_kinds_in_brackets_after_a_short_noun_are_part_of_it() -> None:
    text = "全市已有4个县（市、区）通过省级优质均衡发展督导评估。"
    assert _names(text) == [("县通过省级优质均衡发展督导评估", "4个")]


def test_a_gap_is_of_the_subject_that_has_it() -> None:
    text = "城区公办园学位仍有约6000个的缺口，不足30人的乡镇幼儿园有47所。"
    names = [name for name, _ in _names(text)]
    assert names == ["城区公办园学位缺口", "乡镇幼儿园标准", "乡镇幼儿园"]


def test_a_change_aimed_at_is_a_goal() -> None:
    rows = _rows(
        _report("目标：近视率较上年降低1个百分点以上。完成情况：近视率比上年下降1.3个百分点。")
    )
    assert [(r[1], r[3]) for r in rows] == [("1个百分点以上", "target"), ("1.3个百分点", "change")]


def test_a_rate_among_plans_is_a_level_aimed_at() -> None:
    rows = _rows(_report("下半年，全区学前三年毛入园率稳定在98%以上，新建幼儿园3所。"))
    assert [(r[1], r[3]) for r in rows] == [("98%以上", "target"), ("3所", "plan")]


def test_an_investment_is_in_what_the_sentence_counted_being_built() -> None:
    text = "全年新建、改扩建公办幼儿园18所，新增公办学位5400个，完成投资2.16亿元。"
    assert _names(text)[2] == ("公办幼儿园建设完成投资", "2.16亿元")
    text = "全年实施学校建设项目19个，完成投资4.37亿元。"
    assert _names(text)[1] == ("学校建设项目完成投资", "4.37亿元")
    assert _names("培训教师320人，完成投资12万元。")[1] == ("完成投资", "12万元")  # nothing built


def test_a_bound_that_marks_off_a_kind_is_that_kind_s_line() -> None:
    assert _names("乡村学校50岁以上教师占比达到31.5%。")[0] == ("教师年龄标准", "50岁以上")
    assert _names("全面消除56人以上大班额。") == [("大班额标准", "56人以上")]
    assert _names("大班额（56人以上）数量比上年减少一半以上。")[0] == ("大班额标准", "56人以上")
    # a bound that marks off nothing, a share, the age of a rule, a count reached
    assert _names("全年培训教师300人以上。") == [("培训教师", "300人以上")]
    assert _names("一半以上专业实施校企合作。")[0][0] != "专业标准"
    assert _names("严禁12周岁以下学生骑自行车上学。")[0][0] != "学生年龄标准"
    assert _names("在校生达到3600人以上的示范中心2个。")[0] == ("在校生", "3600人以上")
    # a bound that counts the noun after it is a count
    assert _names("全市超过5000名教师参加培训。") == [("教师参加培训", "超过5000名")]
    assert _names("新建100所以上学校。") == [("新建学校", "100所以上")]
    assert _names("投资1000万元以上的项目12个。")[0] == ("项目标准", "1000万元以上")


def test_where_and_with_whom_an_act_was_done_is_not_its_name() -> None:
    text = "在全县重点水域设置警示牌320余块，联合各乡镇、村组聘请巡查员近300人。"
    assert _names(text) == [("设置警示牌", "320余块"), ("聘请巡查员", "近300人")]
    assert _names("全县在园幼儿1.2万人。") == [("在园幼儿", "1.2万人")]
    assert _names("依托城区优质学校开设专递课堂课程23个。") == [("开设专递课堂课程", "23个")]
    assert _names("围绕春季、秋季开学开展专项督导两次。") == [("开展专项督导", "两次")]


def test_a_sentence_that_opens_with_a_programme_gives_from_it() -> None:
    text = "乡村教师生活补助标准为每人每月500元，全年发放补助资金1032万元，惠及乡村教师1720人。"
    assert [name for name, _ in _names(text)] == [
        "乡村教师生活补助标准",
        "乡村教师生活补助资金",
        "乡村教师生活补助惠及人数",
    ]
    text = "乡村教师生活补助按每人每月400元至800元分三档发放，上半年共发放补助金486万元。"
    assert _names(text)[1:] == [
        ("乡村教师生活补助档次", "三档"),
        ("乡村教师生活补助资金", "486万元"),
    ]


def test_the_people_a_sum_of_aid_reached_were_aided_by_it() -> None:
    text = "全年共发放各类学生资助资金3.42亿元，惠及学生19.6万人次。"
    assert _names(text)[1] == ("资助学生人次", "19.6万人次")
    text = "发放国家助学金300万元，惠及学生2000人次。"
    assert _names(text)[1] == ("资助学生人次", "2000人次")
    for text in ("全年完成投资3.42亿元，惠及学生1.2万人。", "计划投资500万元，惠及学生2000人。"):
        assert _names(text)[1] == ("惠及学生", text[text.index("惠及学生") + 4 : -1])  # no aid


def test_hours_of_study_are_named_as_such() -> None:
    text = "按照每位教师每年参加培训不少于72学时的要求，上半年教师人均完成培训41学时。"
    assert [name for name, _ in _names(text)] == ["教师参加培训学时", "教师人均完成培训学时"]


def test_a_share_of_a_whole_is_the_part_s_share() -> None:
    text = "交流轮岗教师占符合条件教师的16.4%。"
    assert _names(text) == [("交流轮岗教师占比", "16.4%")]
    text = "教师交流轮岗比例不低于符合交流条件教师总数的15%。"
    assert _names(text) == [("教师交流轮岗比例", "15%")]


def test_a_bare_act_belongs_to_the_programme_its_sentence_opens_with() -> None:
    text = "全县营养改善计划惠及学生2.36万人，上半年累计供餐约236万餐，下达资金1180万元。"
    assert [name for name, _ in _names(text)] == [
        "营养改善计划惠及学生",
        "营养改善计划供餐",
        "营养改善计划资金",
    ]
    text = "营养改善计划覆盖学校412所、学生15.3万人。"
    assert _names(text)[1] == ("营养改善计划覆盖学生", "15.3万人")


def test_long_examples_of_a_kind_are_not_its_name() -> None:
    text = "修订完善教育行政执法事项清单、重大行政决策程序规定等制度十二项。"
    assert _names(text) == [("修订制度", "十二项")]


def test_how_much_of_a_work_or_a_plan_is_done_is_its_completion() -> None:
    assert _names("目前主体工程已完成85%。") == [("主体工程完成比例", "85%")]
    rows = _rows(_report("累计完成投资9370万元，占年度计划的58.6%。"))
    assert rows[1] == ("投资完成比例", "58.6%", "%", "actual")
    assert _rows(_report("年度计划投资5000万元。"))[0][3] == "plan"


def test_what_the_bureau_means_to_do_is_the_kind_not_the_name() -> None:
    rows = _rows(_report("力争年底前学前三年幼儿毛入园率达到93.5%，拟招聘教师240名。"))
    assert [(name, kind) for name, _, _, kind in rows] == [
        ("学前三年幼儿毛入园率", "target"),
        ("招聘教师", "plan"),
    ]
    assert _names("将再招聘教师240名左右。") == [("招聘教师", "240名左右")]
    assert _names("计划投资500万元。") == [("计划投资", "500万元")]  # a plan that is a name
    assert _names("将乐一中招收新生108名。")[0][0].startswith("将乐一中")  # a county, 将乐


def test_the_frame_of_the_work_is_not_its_name() -> None:
    text = "以城区优质学校为龙头组建紧密型教育集团5个。"
    assert _names(text) == [("组建紧密型教育集团", "5个")]


def test_a_count_of_points_listed_after_it_is_no_figure() -> None:
    assert _names("2025年，我局将重点抓好三项工作：一是完善隐患排查整改闭环管理。") == []
    assert _names("全年开展专项检查三项：校舍、食堂和校车。") == [("开展专项检查", "三项")]


def test_a_deadline_goes_with_its_date() -> None:
    assert _names("剩余3个项目9月底前全部开工。") == [("剩余项目全部开工", "3个")]


def test_a_share_of_the_year_s_goal_is_how_much_is_done() -> None:
    rows = _rows(_report("上半年完成技能培训4360人次，完成年度任务的54.5%。"))
    assert rows[1] == ("技能培训完成比例", "54.5%", "%", "actual")
    assert _rows(_report("确保完成年度目标任务，培训教师500人次。"))[0][3] == "target"


def test_sports_grounds_are_counted_in_pieces() -> None:
    assert _names("新建社区多功能运动场6片，其中已建成四片。") == [
        ("新建社区多功能运动场", "6片"),
        ("新建社区多功能运动场建成", "四片"),
    ]


def test_a_building_is_counted_even_when_one() -> None:
    text = "城南初级中学扩建项目总投资4600万元，新建教学楼和学生宿舍楼各一栋。"
    assert _names(text) == [
        ("城南初级中学扩建项目总投资", "4600万元"),  # the project's, not what it builds
        ("新建教学楼", "一栋"),
        ("学生宿舍楼", "一栋"),
    ]


def test_tenths_are_a_share() -> None:
    assert _names("农村学生中留守儿童占近三成。") == [("农村学生中留守儿童占比", "近三成")]
    assert _names("管理制度一成不变。") == []


def test_a_level_reached_after_a_year_is_the_subject_s() -> None:
    text = "全县出生人口由2016年的6120人下降到2023年的3380人，降幅达44.8%。"
    assert _rows(_report(text)) == [
        ("出生人口", "6120人", "人", "actual"),
        ("出生人口", "3380人", "人", "actual"),
        ("出生人口", "44.8%", "%", "change"),
    ]
    text = "全县学科类校外培训机构由62家压减至4家，较“双减”前压减93.5%。"
    assert _rows(_report(text))[2] == ("学科类校外培训机构", "93.5%", "%", "change")
    assert _names("全县大班额由37个减少到9个。") == [("大班额", "37个"), ("大班额", "9个")]


def test_the_stages_of_all_schools_are_counts_of_those_schools() -> None:
    text = "截至2024年秋季学期开学，全县共有各级各类学校173所，其中小学61所、初中18所。"
    assert _names(text) == [("各级各类学校", "173所"), ("小学", "61所"), ("初中", "18所")]


def test_a_line_s_programme_is_what_its_later_bare_acts_give() -> None:
    text = "普通高中国家助学金平均资助标准为每生每年2000元。全年资助3128人次，发放312.8万元。"
    assert [name for name, _ in _names(text)] == [
        "普通高中国家助学金平均资助标准",
        "普通高中国家助学金资助人次",
        "普通高中国家助学金资金",
    ]
    text = "生均公用经费补助标准提高到每生每年1500元。继续实施营养改善计划，受益学生15万人。"
    assert not _names(text)[1][0].startswith("生均公用经费")  # the sentence names its own


def test_the_size_and_progress_of_a_school_project_are_that_school_s() -> None:
    text = "枫林路小学新建工程总投资1.92亿元，总建筑面积3.35万平方米，规划48个班，形象进度88%。"
    assert [name for name, _ in _names(text)] == [
        "枫林路小学新建工程总投资",
        "枫林路小学新建工程总建筑面积",
        "枫林路小学新建工程规划班",
        "枫林路小学新建工程形象进度",
    ]
    text = "城南初级中学扩建项目总投资4600万元，新建教学楼一栋，已完成投资3100万元。"
    assert _names(text)[2] == ("城南初级中学扩建项目完成投资", "3100万元")  # not 教学楼建设
    text = "县三小项目规划建筑面积2.6万平方米，建成后可提供小学学位2160个，形象进度达到75%。"
    assert _names(text)[2] == ("形象进度", "75%")  # 可提供小学 names places, not a school
    assert _names("云溪一中新校区二期工程总建筑面积3.8万平方米。") == [
        ("云溪一中新校区二期工程总建筑面积", "3.8万平方米")  # 二期: the phase, no count
    ]


def test_every_value_listed_after_a_change_verb_is_a_change() -> None:
    text = "全区近视率51.3%，小学、初中、高中学段分别下降0.4、0.8和1.1个百分点。"
    assert [kind for *_, kind in _rows(_report(text))] == ["actual", "change", "change", "change"]
    assert [kind for *_, kind in _rows(_report("入园率、巩固率分别提高到97%、99%。"))] == [
        "actual",
        "actual",
    ]


def test_a_level_kept_on_is_the_level() -> None:
    text = "全区义务教育学校全部落实课后服务，覆盖率继续保持100%。"
    assert _names(text)[0][0].endswith("课后服务覆盖率")


def test_after_the_result_mark_a_short_name_is_its_goal_s() -> None:
    report = _report("目标任务：全年新增义务教育学位3200个。\n完成情况：春季学期新增学位720个。")
    assert [(f.indicator, f.kind) for f in extract_figures(report)] == [
        ("新增义务教育学位", "target"),
        ("新增义务教育学位", "actual"),
    ]
    text = "累计完成投资2.91亿元，完成年度目标的56%。"
    report = _report(f"目标任务：实施教育建设项目14个，完成投资5.2亿元。\n完成情况：{text}")
    assert [f.indicator for f in extract_figures(report)][-1] == "教育建设项目投资完成比例"


def test_a_bare_gap_is_of_what_was_counted_before_it() -> None:
    text = "按照每所中小学至少配备1名专职心理健康教师的要求，尚有缺口30名。"
    assert _names(text) == [("专职心理健康教师", "1名"), ("专职心理健康教师缺口", "30名")]
    text = "在建教育体育项目尚有资金缺口约1.1亿元。"
    assert _names(text) == [("在建教育体育项目资金缺口", "约1.1亿元")]
