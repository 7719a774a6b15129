"""Questions answered by comparing a table's rows: highest, lowest, rows holding a value, a column's values."""

from pathlib import Path

import pytest

from qzassist.answer import enforce_grounding
from qzassist.report import parse_report
from qzassist.tablequery import COMPARED_EN, COMPARED_ZH, answer_table_ask, table_asked

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini_report.md"


@pytest.fixture(scope="module")
def tables():
    return parse_report(MINI.read_text(encoding="utf-8")).tables()


def _answer(question, tables, lang="zh", expanded=""):
    asked = table_asked(question, tables, lambda q: expanded)
    assert asked is not None, question
    answer = answer_table_ask(asked, lang)
    assert answer is not None, question
    answer.question = question
    return enforce_grounding(answer, [])


def test_highest_in_a_named_column_skips_the_total_row(tables):
    answer = _answer("表1-1里女生那一列，哪一项人数最多？", tables)
    assert "就业人数" in answer.text and "195" in answer.text
    assert "207" not in answer.text  # the 合计 row is no row to compare
    assert COMPARED_ZH in answer.text and "【表1-1】" in answer.text
    assert not answer.notes  # every figure is in a quoted row


def test_the_column_is_the_one_named_not_the_first(tables):
    boys = _answer("表1-1里男生最多的是哪一项？", tables)
    assert "男生最多的是 210" in boys.text and "就业人数" in boys.text


def test_lowest_row_of_a_table_named_by_its_title_keeps_its_filled_down_name(tables):
    answer = _answer("招生计划表里计划数最少的是哪一行？", tables)
    assert "机械加工" in answer.text and "五年一贯制" in answer.text and "40" in answer.text
    assert answer.citations[0].section == "1.1"


def test_rows_with_an_empty_cell_in_a_column(tables):
    answer = _answer("表1-1里男生一栏哪项是空白的？", tables)
    assert "升学人数" in answer.text and "就业人数" not in answer.text


def test_rows_marked_not_filled_in_a_year_table(tables):
    answer = _answer("表1里哪些指标是中职不填？", tables)
    assert "在国外开办学校数" in answer.text and "月收入" not in answer.text


def test_english_column_named_through_the_glossary_words(tables):
    answer = _answer("In 表1-1, which item has the most in the girls' column?", tables, "en", expanded="女生")
    assert "195" in answer.text and COMPARED_EN in answer.text


def test_a_column_asked_for_as_a_list_gives_its_values_though_no_layout_word_names_the_table(tables):
    answer = _answer("2024级招生计划里有哪些学制？", tables)
    assert "3年" in answer.text and "五年一贯制" in answer.text and "机械加工" not in answer.text
    # a row named, or the cell of one, is looked up, not listed
    assert table_asked("招生计划里机械加工是什么学制？", tables) is None
    assert table_asked("招生计划里机械加工和酒店管理各有哪些学制？", tables) is None


def test_the_rows_whose_cell_holds_what_the_question_names_are_listed(tables):
    answer = _answer("哪些专业是五年一贯制的？", tables)
    assert "机械加工" in answer.text and "酒店管理" not in answer.text and "【1.1】" in answer.text
    assert table_asked("哪些专业不是五年一贯制的？", tables) is None  # what is left out is not computed
    assert table_asked("五年一贯制招多少人？", tables) is None  # no rows asked for


def test_the_schools_majors_asked_as_such_are_the_rows_of_the_table_of_majors(tables):
    answer = _answer("学校有哪些专业？", tables)
    assert "机械加工" in answer.text and "酒店管理" in answer.text and "合计" not in answer.text
    # asked of some of them, or of a group, the rows are no answer
    assert table_asked("学校哪些专业获过奖？", tables) is None
    assert table_asked("学校有哪些专业群？", tables) is None


@pytest.mark.parametrize("question", [
    "表1里哪个指标增长最多？",  # a change between years, not the values
    "表1里毕业生人数哪年最多？",  # one indicator across years: its row answers that
    "表1里2024年哪个指标最高？",  # 人 and 元 are no measure to compare
    "招生计划里机械加工招多少人？",  # no comparison asked
    "学校哪个专业最受欢迎？",  # no table named
])
def test_questions_that_are_not_a_table_comparison(tables, question):
    assert table_asked(question, tables) is None


def test_the_assistant_answers_a_comparison_with_its_follow_up_parts_in_one_reply(mini_assistant):
    answer = mini_assistant.ask("表1-1里女生那一列最多的是哪一项？有多少人？")
    assert not answer.refused
    assert "就业人数" in answer.text and "195" in answer.text
    assert {c.section for c in answer.citations} == {"表1-1"}
    assert answer.text.count("【") == 1


def test_a_cell_looked_up_by_its_row_is_no_comparison_whatever_its_words_of_rank(tables):
    assert table_asked("表1-1里女生就业人数最多是多少？", tables) is None


def test_the_appended_tables_are_listed_by_number_and_title_and_counted(tables):
    from qzassist.tablequery import table_names_answer

    answer = table_names_answer("报告后面附了几张表？", tables, "zh")
    assert answer.text.startswith("报告附表：表1 学生发展表【表1】") and "共2张，按所列计数" in answer.text
    assert "表1-1" not in answer.text  # a table inside a section is not appended
    assert [c.section for c in answer.citations] == ["表1", "表2"]
    english = table_names_answer("Which tables are appended to the report?", tables, "en")
    assert english.text.startswith("The report appends these tables") and "2 tables, counted" in english.text
    assert table_names_answer("表2是什么表？", tables, "zh").text == "表2是办学条件表【表2】。"
    assert table_names_answer("表7是什么表？", tables, "zh") is None
    assert table_names_answer("表2里生师比是多少？", tables, "zh") is None


def test_the_assistant_answers_the_appendix_question_and_its_naming_part_at_once(mini_assistant):
    answer = mini_assistant.ask("报告附了几张表？每张表的名称是什么？")
    assert not answer.refused and "学生发展表" in answer.text and "办学条件表" in answer.text
    assert "未提及" not in answer.text and not answer.notes  # the count is labelled as counted from the list


@pytest.mark.parametrize("question", [
    "按附表，专业数从2023年的几个变成了2024年的几个？",  # the appendix is where to look, not what is asked
    "In the appendix tables, what was the student-teacher ratio?",
    "Which tables show the student-teacher ratio?",
])
def test_questions_that_only_point_at_the_appendix_are_not_asking_for_its_list(tables, question):
    from qzassist.tablequery import table_names_answer

    assert table_names_answer(question, tables, "zh") is None
