"""ingest.numbers: every shape of number the reports use, read exactly, and what is not a figure."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.cnnumerals import cn_to_decimal, read_numeral
from ingest.numbers import MEASURE_WORDS, Quantity, find_quantities, parse_quantity, same_number

D = Decimal

# (text, value, unit, qualifier, low); approximate is expected exactly when qualifier is set.
FIGURES = [
    ("96%", D("96"), "%", "", None),
    ("97.7%", D("97.7"), "%", "", None),
    ("99.98%", D("99.98"), "%", "", None),
    ("809.8万元", D("809.8"), "万元", "", None),
    ("1613.68万元", D("1613.68"), "万元", "", None),
    ("1.2亿元", D("1.2"), "亿元", "", None),
    ("近2万平方米", D("2"), "万平方米", "近", None),
    ("8千余平方米", D("8"), "千平方米", "余", None),
    ("200000余份", D("200000"), "份", "余", None),
    ("1,234.5万元", D("1234.5"), "万元", "", None),
    ("1，234.5万元", D("1234.5"), "万元", "", None),
    ("９７．７％", D("97.7"), "%", "", None),
    ("三所", D("3"), "所", "", None),
    ("十二项", D("12"), "项", "", None),
    ("二十二栋", D("22"), "栋", "", None),
    ("592套", D("592"), "套", "", None),
    ("990个", D("990"), "个", "", None),
    ("百分之九十五", D("95"), "%", "", None),
    ("百分之百", D("100"), "%", "", None),
    ("九十五点五%", D("95.5"), "%", "", None),
    ("336多人次", D("336"), "人次", "多", None),
    ("3-5所", D("5"), "所", "", D("3")),
    ("3至5所", D("5"), "所", "", D("3")),
    ("3~5个", D("5"), "个", "", D("3")),
    ("三至五所", D("5"), "所", "", D("3")),
    ("百分之九十至九十五", D("95"), "%", "", D("90")),
    ("90%-95%", D("95"), "%", "", D("90")),
    ("3万至5万元", D("5"), "万元", "", D("3")),
    ("1.7个百分点", D("1.7"), "个百分点", "", None),
    ("3万余份", D("3"), "万份", "余", None),
    ("7.7万人", D("7.7"), "万人", "", None),
    ("1.2万余人次", D("1.2"), "万人次", "余", None),
    ("10余万元", D("10"), "万元", "余", None),
    ("两所", D("2"), "所", "", None),
    ("两千人", D("2000"), "人", "", None),
    ("二十万元", D("20"), "万元", "", None),
    ("十余所", D("10"), "所", "余", None),
    ("十几所", D("10"), "所", "几", None),
    ("百余名", D("100"), "名", "余", None),
    ("1/3", D("1"), "/3", "", None),
    ("三分之一", D("1"), "/3", "", None),
    ("80%以上", D("80"), "%", "以上", None),
    ("约85%", D("85"), "%", "约", None),
    ("不少于100条", D("100"), "条", "不少于", None),
    ("12周岁以下", D("12"), "周岁", "以下", None),
    ("1500元/人/年", D("1500"), "元/人/年", "", None),
    ("5000字", D("5000"), "字", "", None),
    ("2224", D("2224"), "", "", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier", "low"), FIGURES)
def test_figures(text: str, value: Decimal, unit: str, qualifier: str, low: Decimal | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.raw, q.value, q.unit, q.qualifier, q.low) == (text, value, unit, qualifier, low)
    assert q.approximate == bool(qualifier)
    assert (q.kind, q.span) == ("figure", (0, len(text)))
    assert isinstance(q.value, Decimal)
    assert find_quantities(text) == [q]  # the same whether a cell or inside a sentence


def test_adjacent_digits_are_an_approximate_range() -> None:
    q = parse_quantity("三四所")
    assert q is not None
    assert (q.value, q.low, q.unit, q.approximate, q.qualifier) == (D(4), D(3), "所", True, "")


@pytest.mark.parametrize(
    ("text", "scaled", "base_unit"),
    [
        ("近2万平方米", D("20000"), "平方米"),
        ("8千余平方米", D("8000"), "平方米"),
        ("809.8万元", D("8098000"), "元"),
        ("1.2亿元", D("120000000"), "元"),
        ("7.7万人", D("77000"), "人"),
        ("97.7%", D("97.7"), "%"),
        ("3千米", D("3"), "千米"),
        ("1/3", D("1"), "/3"),
    ],
)
def test_scaled_multiplies_the_magnitude_out(text: str, scaled: Decimal, base_unit: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.scaled(), q.base_unit) == (scaled, base_unit)


# (text, raw, kind, value, unit): numbers that are not indicator figures.
NOT_FIGURES = [
    ("二〇二四年", "二〇二四年", "year", D(2024), "年"),
    ("2024年上半年", "2024年", "year", D(2024), "年"),
    ("2023上半年", "2023", "year", D(2023), "年"),
    ("2023 年度", "2023 年度", "year", D(2023), "年"),
    ("1月9日", "1月9日", "date", D(1), ""),
    ("2024年6月", "2024年6月", "date", D(2024), ""),
    ("二〇一二年八月二十二日", "二〇一二年八月二十二日", "date", D(2012), ""),
    ("5月份", "5月份", "date", D(5), ""),
    ("七月份", "七月份", "date", D(7), ""),
    ("7月31日前", "7月31日", "date", D(7), ""),
    ("6月24至27日", "6月24至27日", "date", D(6), ""),
    ("1-6月", "1-6月", "date", D(1), ""),
    ("2021-01-05", "2021-01-05", "date", D(2021), ""),
    ("11:41:48", "11:41:48", "date", D(11), ""),
    ("晚上23点26时", "23点26时", "date", D(23), ""),
    ("涡教〔2023〕8号", "〔2023〕8号", "doc_number", D(8), ""),
    ("青教〔2024〕8号", "〔2024〕8号", "doc_number", D(8), ""),
    ("〔2024〕", "〔2024〕", "doc_number", D(2024), ""),
    ("南府办[2023]127号", "[2023]127号", "doc_number", D(127), ""),
    ("闽政办〔20**〕15号", "〔20**〕15号", "doc_number", D(15), ""),
    ("第1篇", "第1篇", "ordinal", D(1), "篇"),
    ("第二季度", "第二季度", "ordinal", D(2), "季度"),
    ("一、加强领导", "一、", "ordinal", D(1), ""),
    ("（一）各项目标", "（一）", "ordinal", D(1), ""),
    ("(3)学校卫生", "(3)", "ordinal", D(3), ""),
    ("1.严格执行", "1.", "ordinal", D(1), ""),
    ("2、加快建设", "2、", "ordinal", D(2), ""),
    ("一是加强领导", "一是", "ordinal", D(1), ""),
    ("七年级9班", "七年级9班", "ordinal", D(7), ""),
    ("初三2班", "初三2班", "ordinal", D(3), ""),
    ("8号楼", "8号", "ordinal", D(8), ""),
    ("联系电话：0571-88888888", "0571-88888888", "code", D(571), ""),
    ("13912345678", "13912345678", "code", D(13912345678), ""),
    ("联系电话：8888888。", "8888888", "code", D(8888888), ""),
    ("电话：0571-88888888.", "0571-88888888", "code", D(571), ""),
]


@pytest.mark.parametrize(("text", "raw", "kind", "value", "unit"), NOT_FIGURES)
def test_numbers_that_are_not_figures(
    text: str, raw: str, kind: str, value: Decimal, unit: str
) -> None:
    found = find_quantities(text)
    assert [(q.raw, q.kind, q.value, q.unit) for q in found] == [(raw, kind, value, unit)]
    start = text.index(raw)
    assert found[0].span == (start, start + len(raw))
    assert find_quantities(text, figures_only=True) == []


@pytest.mark.parametrize(
    ("text", "kind", "low", "value", "unit"),
    [
        ("2023—2024学年", "year", D(2023), D(2024), "学年"),
        ("第1-3名", "ordinal", D(1), D(3), "名"),
        ("第一至三批", "ordinal", D(1), D(3), "批"),
    ],
)
def test_ranges_of_years_and_ordinals(
    text: str, kind: str, low: Decimal, value: Decimal, unit: str
) -> None:
    (q,) = find_quantities(text)
    assert (q.raw, q.kind, q.low, q.value, q.unit) == (text, kind, low, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "一岗双责", "一是", "三个代表", "以“三个代表”重要思想为指导", "两学一做", "十七大",
        "五严规定", "三增长", "一心一意", "一把手", "数十所", "几十人", "上百名", "成千上万",
        "千方百计", "百姓", "万名家长", "体艺“2+1”", "“3.15事故调查组”", "“十二五”期间",
        "十三五期间", "20**年", "3D视频", "学前三年", "十分明显", "学校四周", "统一思想",
        "一项长期任务", "培养一支队伍", "《十项制度》", "www.jpyjg.com", "第一责任人", "XX年",
        "G20", "5G网络", "一二年级", "零容忍",
    ],
)  # fmt: skip
def test_words_with_numerals_are_not_figures(text: str) -> None:
    assert find_quantities(text, figures_only=True) == []


@pytest.mark.parametrize(
    ("text", "raw", "qualifier"),
    [
        ("比上年减少12人", "12人", ""),
        ("下降3.5个百分点", "3.5个百分点", ""),
        ("近3年", "近3年", "近"),
        ("最近3年", "3年", ""),
        ("节约3万元", "3万元", ""),
        ("将近3万元", "将近3万元", "将近"),
        ("超过300人", "超过300人", "超过"),
        ("约3所左右", "约3所左右", "约…左右"),
    ],
)
def test_only_the_number_and_its_markers_are_read(text: str, raw: str, qualifier: str) -> None:
    (q,) = find_quantities(text)
    assert (q.raw, q.qualifier, q.approximate) == (raw, qualifier, bool(qualifier))


def test_parse_quantity_wants_one_whole_quantity() -> None:
    # alone, "一" is a number, not the article it is inside a sentence
    assert parse_quantity("一所") == Quantity("一所", D(1), "所", False, "", None, (0, 2))
    assert find_quantities("新建一所学校") == []
    assert parse_quantity("  98.1% ") == Quantity("98.1%", D("98.1"), "%", False, "", None, (2, 7))
    for text in ("", "学校", "3所和5所", "98.1%左右的学校", "数十所"):
        assert parse_quantity(text) is None


SENTENCE = (
    "城乡学前三年幼儿入园率、义务教育阶段巩固率分别达96%、99.9%，新建幼儿园3所，"
    "投资809.8万元，1月9日印发青教〔2024〕8号文件"
)


def test_a_bureau_sentence_in_order_with_spans() -> None:
    found = find_quantities(SENTENCE)
    assert [(q.raw, q.kind) for q in found] == [
        ("96%", "figure"),
        ("99.9%", "figure"),
        ("3所", "figure"),
        ("809.8万元", "figure"),
        ("1月9日", "date"),
        ("〔2024〕8号", "doc_number"),
    ]
    assert all(SENTENCE[q.span[0] : q.span[1]] == q.raw for q in found)
    assert [q.raw for q in find_quantities(SENTENCE, figures_only=True)] == [
        "96%",
        "99.9%",
        "3所",
        "809.8万元",
    ]


REPORT_SENTENCES = [
    (
        "2024年上半年，全县共投入校舍改造资金1613.68万元，消除危房近2万平方米，"
        "新建教学楼二十二栋、教师周转房592套。",
        ["1613.68万元", "近2万平方米", "二十二栋", "592套"],
    ),
    (
        "全县小学入学率达99.98%，比上年提高0.3个百分点；高中阶段毛入学率达百分之九十五，"
        "全年培训教师1.2万余人次。",
        ["99.98%", "0.3个百分点", "百分之九十五", "1.2万余人次"],
    ),
    (
        "（二）校园安全。一是深入开展“两学一做”学习教育，落实“一岗双责”；二是排查隐患十余处，"
        "整改率100%，并印发《关于加强校园安全工作的通知》（涡教〔2023〕8号）。",
        ["十余处", "100%"],
    ),
    (
        "7月31日前完成3至5所学校的改扩建，发行“科技小报”3万余份、宣传资料200000余份，"
        "为困难家庭幼儿给予1500元/人/年的资助。",
        ["3至5所", "3万余份", "200000余份", "1500元/人/年"],
    ),
    (
        "第二季度召开安全工作会议两次，检查学校、幼儿园77处，发现隐患25处，已整改20处，"
        "5处正在整改中，比去年减少12处。",
        ["两次", "77处", "25处", "20处", "5处", "12处"],
    ),
    (
        "二〇一二年八月二十二日，城乡学前三年幼儿入园率、义务教育巩固率分别达96%、99.9%、"
        "98.5%，残疾儿童入学率80%以上，新增学位三四千个。",
        ["96%", "99.9%", "98.5%", "80%以上", "三四千个"],
    ),
]


@pytest.mark.parametrize(("sentence", "figures"), REPORT_SENTENCES)
def test_report_sentences(sentence: str, figures: list[str]) -> None:
    found = find_quantities(sentence, figures_only=True)
    assert [q.raw for q in found] == figures
    assert all(sentence[q.span[0] : q.span[1]] == q.raw for q in found)
    assert [q.span for q in found] == sorted(q.span for q in found)


def _q(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("809.8万元", "8098000元", True),
        ("1.2亿元", "12000万元", True),
        ("近2万平方米", "20000平方米", True),
        ("8千余平方米", "8000平方米", True),
        ("三所", "3所", True),
        ("百分之九十五", "95%", True),
        ("97.7%", "97.70%", True),
        ("1/3", "三分之一", True),
        ("2/6", "1/3", True),
        ("97.7%", "97.7个百分点", False),
        ("96%", "96所", False),
        ("3所", "3人", False),
        ("3-5所", "5所", False),
        ("1/3", "33.3%", False),
        ("2024年", "二〇二四年", True),
        ("二〇一二年八月二十二日", "2012年08月22日", True),
        ("1月9日", "1月8日", False),
        ("涡教〔2023〕8号", "涡教[2023]8号", True),
        ("第二季度", "第2季度", True),
        ("2024年", "2024所", False),
    ],
)
def test_same_number(a: str, b: str, same: bool) -> None:
    assert same_number(_q(a), _q(b)) is same
    assert same_number(_q(b), _q(a)) is same


def test_cn2an_is_used_only_where_it_is_right() -> None:
    assert cn_to_decimal("九十五点五") == D("95.5")  # cn2an gives a float here
    assert cn_to_decimal("一千零五十") == D(1050)
    assert cn_to_decimal("十三五") is None
    assert read_numeral("三四") == (D(4), D(3), "")  # cn2an reads 34
    assert read_numeral("一亿零五百万") == (D(105000000), None, "")
    assert read_numeral("三千万") == (D(3000), None, "万")


def test_measure_words_are_one_constant_without_duplicates() -> None:
    assert len(set(MEASURE_WORDS)) == len(MEASURE_WORDS)
    assert {"所", "个", "项", "人次", "平方米", "元", "校", "园", "课时"} <= set(MEASURE_WORDS)


UNITS = ["", "%", "个百分点", "元", "万元", "亿元", "平方米", "万平方米", "千平方米", "人次"]
UNITS += ["万人次", "所", "个", "项", "人", "套", "栋", "份", "天", "小时"]
FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


@given(
    digits=st.integers(min_value=0, max_value=9_999_999_999),
    places=st.integers(min_value=0, max_value=4),
    unit=st.sampled_from(UNITS),
    style=st.sampled_from(["plain", "grouped", "full-width"]),
)
def test_arabic_round_trip(digits: int, places: int, unit: str, style: str) -> None:
    value = Decimal(digits).scaleb(-places)
    written = format(value, ",f" if style == "grouped" else "f")
    if style == "full-width":
        written = written.translate(FULL_WIDTH)
    q = parse_quantity(written + unit)
    assert q is not None
    assert (q.value, q.value.as_tuple(), q.unit, q.kind) == (
        value,
        value.as_tuple(),
        unit,
        "figure",
    )


@given(
    number=st.integers(min_value=1, max_value=999_999_999),
    unit=st.sampled_from(["所", "个", "项", "人", "人次", "栋", "元", "平方米"]),
)
def test_chinese_round_trip(number: int, unit: str) -> None:
    q = parse_quantity(cn2an.an2cn(number) + unit)
    assert q is not None
    assert (q.scaled(), q.base_unit) == (number, unit)


@given(
    digits=st.integers(min_value=0, max_value=99_999_999),
    places=st.integers(min_value=0, max_value=2),
)
def test_wan_and_yuan_are_the_same_number(digits: int, places: int) -> None:
    value = Decimal(digits).scaleb(-places)
    wan, yuan = parse_quantity(f"{value:f}万元"), parse_quantity(f"{value * 10000:f}元")
    assert wan is not None and yuan is not None
    assert same_number(wan, yuan)
    assert wan.scaled() == yuan.value


def test_a_rank_is_not_a_count() -> None:
    [rank, count] = find_quantities("中考进入全市前50名的有7人")
    assert (rank.kind, count.raw, count.kind) == ("ordinal", "7人", "figure")


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "approximate"),
    [
        ("一半以上的班级开展走班", "一半以上", D("0.5"), "", True),
        ("辍学率保持为零。", "零", D(0), "", False),
        ("每天阅读一小时", "一小时", D(1), "小时", False),
        ("为期一个月的督导", "一个月", D(1), "个月", False),
        ("出现5人或5人以上缺勤", "5人或5人以上", D(5), "人", True),
        ("两镇完成验收", "两镇", D(2), "镇", False),
    ],
)
def test_numbers_that_stand_alone_or_repeat_with_a_bound(
    text: str, raw: str, value: Decimal, unit: str, approximate: bool
) -> None:
    [q] = find_quantities(text, figures_only=True)
    assert (q.raw, q.value, q.unit, q.approximate) == (raw, value, unit, approximate)


@pytest.mark.parametrize("text", ["零容忍", "实现零事故", "一项长期任务", "一支队伍"])
def test_zero_in_words_and_the_article_stay_words(text: str) -> None:
    assert find_quantities(text, figures_only=True) == []


def test_two_different_numbers_joined_by_or_stay_two() -> None:
    assert [q.raw for q in find_quantities("每班3人或4人")] == ["3人", "4人"]


def test_a_table_caption_number_is_not_a_figure() -> None:
    assert find_quantities("表2 主要指标完成情况", figures_only=True) == []
    assert [q.raw for q in find_quantities("见表2，共3 所学校", figures_only=True)] == ["3 所"]
    [q] = find_quantities("比上年增加174 人次", figures_only=True)
    assert (q.value, q.unit) == (D(174), "人次")


def test_a_graduating_class_a_version_and_a_hotline_are_not_figures() -> None:
    kinds = {q.raw: q.kind for q in find_quantities("2025届毕业生就业率98%，实施提升工程2.0")}
    assert kinds == {"2025届": "year", "98%": "figure", "2.0": "code"}
    assert [q.kind for q in find_quantities("通过12345热线转办件386件")] == ["code", "figure"]
    found = find_quantities("办理12345政务服务便民热线工单386件")
    assert [q.kind for q in found] == ["code", "figure"]
    assert [q.raw for q in find_quantities("受理来电10234件热线工单", figures_only=True)] == [
        "10234件"
    ]


def test_grades_and_a_set_phrase_are_not_figures() -> None:
    text = "对4至12年级学生开展心理健康筛查2.1万人次，严格落实中央八项规定精神。"
    assert [q.raw for q in find_quantities(text, figures_only=True)] == ["2.1万人次"]
    assert [q.raw for q in find_quantities("共2个年级", figures_only=True)] == ["2个"]
    assert [q.raw for q in find_quantities("完成计划2.5万元")] == ["2.5万元"]
