"""Parsing: the real report's outline and tables, and a second report with other content."""

from pathlib import Path

import pytest

from qzassist.report import normalize_text, parse_report, repair_cell, section_covers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report():
    return parse_report((ROOT / "corpus" / "quzhou-2025-quality-report.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mini():
    return parse_report((ROOT / "tests" / "fixtures" / "mini_report.md").read_text(encoding="utf-8"))


def _table(report, table_id):
    return next(t for t in report.tables() if t.id == table_id)


def _row(report, table_id, label, unit=None):
    rows = [r for r in _table(report, table_id).rows if r.label.endswith(label)]
    if unit is not None:
        rows = [r for r in rows if r.unit == unit]
    assert rows, f"{label} not in {table_id}"
    return rows[0]


NUMBERED = ["1", "1.1", "1.2", "1.3", "1.4", "1.4.1", "1.4.2", "1.5", "1.5.1", "1.5.2", "1.6", "1.7",
            "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.1.1", "3.1.2", "3.1.3", "3.2", "3.2.1", "3.2.2",
            "3.2.3", "3.2.4", "3.2.5", "3.3", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.4", "4", "4.1", "4.2",
            "5", "5.1", "5.2", "5.3", "5.4", "6", "6.1", "6.2", "6.3", "7", "7.1", "7.2", "7.3"]
PREFACE = ["前言", "一", "二", "三", "四", "四(一)", "四(二)", "四(三)", "四(四)", "四(五)"]
APPENDIX = ["表1", "表2", "表3", "表4", "表5"]


def test_outline_is_exactly_the_reports_headings_in_order(report):
    assert [s.id for s in report.sections] == ["封面"] + PREFACE + NUMBERED + APPENDIX


def test_the_cover_keeps_its_date_and_writer_named_as_such(report):
    cover = report.section("封面").blocks[0].text
    assert "日期 2025/12/23" in cover and "编写 衢州中等专业学校教育质量年度报告编写组" in cover
    assert report.title.startswith("衢州中等专业学校 教育质量年度报告")  # the title is still the first lines
    assert "目" not in cover and "前言" not in cover  # the table of contents is not the cover


def test_a_report_without_cover_lines_has_no_cover_section():
    text = "前言\n\n一、学校概况\n\n学校创办于1990年。\n"
    assert [s.id for s in parse_report(text).sections][0] == "前言"


def test_titles_and_parents(report):
    assert report.section("1.5.2").title == "升学与学业质量"
    assert report.section("1.5.2").parent == "1.5"
    assert report.section("1.1").title == "教学目标与理念"  # trailing 。 removed
    assert report.section("四(二)").parent == "四"
    assert report.section("表3").title == "服务贡献表"
    assert report.school == "衢州中等专业学校" and report.year == "2025"


def test_heading_with_inline_body_keeps_the_body(report):
    section = report.section("3.1.1")
    assert section.title == "追寻足迹，红蓝文化彰显职教特色"
    assert section.blocks[0].text.startswith("2004年10月10日")


def test_table_of_contents_is_not_content(report):
    # The TOC lists every heading; if it leaked in, 前言 would hold the heading list.
    texts = [b.text for s in report.sections for b in s.blocks if hasattr(b, "text")]
    assert not any("目录" in t or "教学目标与理念" == t for t in texts)
    assert report.section("前言").blocks == []
    assert sum(1 for s in report.sections if s.id == "1.1") == 1


def test_numbered_list_items_are_not_headings(report):
    # 编制过程 lists "1.2025年11月成立…": these are paragraphs of 三, not section 1.
    assert len(report.section("三").blocks) == 4


def test_every_appendix_row_is_parsed(report):
    counts = {t.id: len(t.rows) for t in report.tables() if t.id in APPENDIX}
    assert counts == {"表1": 12, "表2": 46, "表3": 18, "表4": 17, "表5": 22}


def test_table_split_across_pages_is_one_table(report):
    assert sum(1 for t in report.tables() if t.id == "表2") == 1
    assert _row(report, "表3", "D类:到大型企业就业人数").values == {"2024": "0", "2025": "4"}


def test_broken_numbers_are_repaired(report):
    row = _row(report, "表2", "生均教学科研仪器设备值")
    assert row.values == {"2024": "23137.83", "2025": "24514.74"}
    assert row.as_record() == "表2 教学资源表 · 生均教学科研仪器设备值（元/生） · 2024年 23137.83 · 2025年 24514.74"
    # Neighbouring cells are untouched.
    assert _row(report, "表2", "生师比").values == {"2024": "13.7:1", "2025": "13.58:1"}


def test_sub_rows_keep_their_parent(report):
    row = _row(report, "表1", "其中：升学人数")
    assert row.parent == "毕业生去向落实人数"
    assert row.values == {"2024": "1365", "2025": "1258"}
    assert _row(report, "表5", "其中：专任教师总数").parent == "教职工总数"


def test_unit_only_rows_take_the_indicator_above(report):
    row = _row(report, "表2", "教学计划内课程总数", unit="学时")
    assert row.values == {"2024": "55764", "2025": "55795"}


def test_empty_and_not_applicable_cells_are_kept_as_text(report):
    row = _row(report, "表4", "在国外开办学校数")
    assert row.values == {"2024": "中职不填", "2025": ""}
    assert "（空白）" in row.as_record()
    assert _row(report, "表5", "辅导员人数").values["2024"] == "仅高职填"


def test_enrolment_plan_fills_down_the_major(report):
    plan = _table(report, "1.2")
    assert plan.title == "2025级招生计划" and plan.section_id == "1.2"
    assert len(plan.rows) == 32
    nursing = [r for r in plan.rows if r.label == "护理"]
    assert [r.cells["计划招生数"] for r in nursing] == ["20", "20", "86"]
    total = plan.rows[-1]
    assert total.label == "合计" and total.cells["计划招生数"] == "1400" and total.cells["专业"] == ""


def test_numbered_inline_table_takes_its_caption_id(report):
    table = _table(report, "表1-1")
    assert table.section_id == "1.5.1" and table.title == "2025年师生技能竞赛获奖统计"
    assert len(table.rows) == 10
    national2 = table.rows[1]
    assert national2.cells["教师获奖"] == "" and national2.cells["学生获奖"] == "5"  # blank numbers are not filled down


def test_specialty_group_list_uses_its_title_row(report):
    table = _table(report, "1.3")
    assert table.header == ["序号", "设区市", "中职学校", "专业群"]
    assert [r.cells["专业群"] for r in table.rows[:3]] == ["风动机械绿色智造专业群", "“山水花园城市”休闲服务专业群", "化工与新材料专业群"]


def test_second_report_parses_with_its_own_numbering(mini):
    assert [s.id for s in mini.sections] == ["封面", "前言", "一", "二", "1", "1.1", "1.2", "2", "2.1", "表1", "表2"]
    assert mini.school == "湖州示范职业学校" and mini.year == "2024"
    t1 = _table(mini, "表1")
    assert len(t1.rows) == 5  # split across two Markdown tables
    assert _row(mini, "表1", "生均仪器设备值").values == {"2023": "18001.52", "2024": "19250.08"}
    assert _row(mini, "表1", "其中：升学人数").parent == "毕业生人数"
    plan = _table(mini, "1.1")
    assert [r.label for r in plan.rows] == ["机械加工", "机械加工", "酒店管理", "合计"]
    assert _table(mini, "表1-1").section_id == "1.2"
    # the paragraph a page break cut is one paragraph again
    assert mini.section("1.1").blocks[0].text.endswith("开展中高职一体化合作。")


@pytest.mark.parametrize("raw,fixed", [("24514.7 4", "24514.74"), ("23137.8 3", "23137.83"), ("13.7:1", "13.7:1"),
                                       ("中职不填", "中职不填"), ("3年(高考)", "3年(高考)"), ("2 3", "2 3"), (" 90.97% ", "90.97%")])
def test_repair_cell(raw, fixed):
    assert repair_cell(raw) == fixed


def test_normalize_text_drops_pdf_spaces_between_chinese_and_numbers():
    assert normalize_text("创办于 1987 年,校园占地 430 亩") == "创办于1987年,校园占地430亩"
    assert normalize_text("Hello  world 2025") == "Hello world 2025"


@pytest.mark.parametrize("gold,cited,ok", [("1.5", "1.5.2", True), ("1.5", "1.5", True), ("1.5", "1.50", False),
                                           ("1", "1.5.2", True), ("1", "10.1", False), ("四", "四(二)", True),
                                           ("前言", "四(二)", True), ("表1", "表1-1", False), ("表2", "表2", True)])
def test_section_covers(gold, cited, ok):
    assert section_covers(gold, cited) is ok


@pytest.fixture(scope="module")
def worded():
    return parse_report((ROOT / "tests" / "fixtures" / "worded_report.md").read_text(encoding="utf-8"))


def test_a_body_numbered_in_words_has_its_chapters_sections_and_items(worded):
    outline = [(s.id, s.level, s.parent, s.title) for s in worded.sections]
    assert outline[0][0] == "封面" and outline[1][0] == "前言"  # the TOC's "前言 …… 1" is an entry, so the preface is read, not skipped
    assert ("一", 1, None, "人才培养") in outline and ("一(一)", 2, "一", "立德树人") in outline
    assert ("一(一)1", 3, "一(一)", "思政课程") in outline and ("一(一)2", 3, "一(一)", "劳动教育") in outline
    assert ("一(二)", 2, "一", "技能竞赛") in outline and ("三", 1, None, "问题与展望") in outline


def test_a_numbered_list_with_nothing_under_its_entries_stays_text(worded):
    section = next(s for s in worded.sections if s.id == "二(一)")
    text = " ".join(b.text for b in section.blocks)
    assert "浙江禾城服饰有限公司" in text and "嘉兴洪合云织电子商务有限公司" in text
    assert not any(s.id.startswith("二(一)1") for s in worded.sections)


def test_page_numbers_and_spaced_thousands_do_not_reach_the_text(worded):
    text = " ".join(b.text for s in worded.sections for b in s.blocks if hasattr(b, "text"))
    assert "2870人" in text and "2600余人次" in text and "1280人" in text
    assert "- 5 -" not in text and "- 1 -" not in text
    preface = next(s for s in worded.sections if s.id == "前言")
    assert "206亩" in " ".join(b.text for b in preface.blocks)


def test_the_digit_numbered_report_is_not_read_as_numbered_in_words(report):
    assert not any(s.id == "一" and s.parent is None for s in report.sections)
    assert any(s.id == "1.5.2" for s in report.sections)


def test_a_table_with_a_row_per_year_is_turned_to_a_row_per_indicator():
    text = ("前言\n\n学校概况如下。\n\n附表\n\n表 3 服务贡献表\n\n"
            "| 年度 | 毕业生初次就业人数（人） | 非学历培训学时（学时） |\n|------|------|------|\n"
            "| 2024年 | 221 | 81560 |\n| 2025年 | 196 | 96480 |\n")
    table = next(t for t in parse_report(text).tables() if t.id == "表3")
    records = [row.as_record() for row in table.rows]
    assert "表3 服务贡献表 · 非学历培训学时（学时） · 2024年 81560 · 2025年 96480" in records, records
    assert len(records) == 2


def test_a_sub_row_the_pdf_numbered_stays_with_its_siblings_and_closes_their_list():
    text = ("前言\n\n学校概况如下。\n\n附表\n\n表 2 教学资源表\n\n"
            "| 序号 | 指标 | 单位 | 2024年 | 2025年 |\n|---|---|---|---|---|\n"
            "| 8 | 专业教学资源库数 | 个 | 4 | 2 |\n| | 其中：国家级数量* | 个 | 0 | 0 |\n| | 省级数量 | 个 | 0 | 0 |\n"
            "| 9 | 校级数量 | 个 | 4 | 2 |\n| | 虚拟仿真实训基地数 | 个 | 3 | 5 |\n| | 其中：国家级数量* | 个 | 0 | 0 |\n"
            "| | 省级数量 | 个 | 0 | 0 |\n| 10 | 校级数量 | 个 | 3 | 5 |\n| | 编写教材数 | 本 | 4 | 8 |\n")
    rows = next(t for t in parse_report(text).tables() if t.id == "表2").rows
    school = [r for r in rows if r.label == "校级数量"]
    assert [r.parent for r in school] == ["专业教学资源库数", "虚拟仿真实训基地数"], [(r.label, r.parent) for r in rows]
    assert next(r for r in rows if r.label == "虚拟仿真实训基地数").parent == ""  # (the list closed before it)
    assert next(r for r in rows if r.label == "编写教材数").parent == ""
