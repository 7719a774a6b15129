"""The extractive composer on hand-made chunks: rows, clauses, comparisons, refusals, grounding."""

import pytest

from qzassist.answer import (Evidence, ExtractiveAnswerer, RowMatcher, _coordinated_in, _short_for, only_counted, spells_out,
                             adds_no_figure, asks_only_direction,
                             best_extract, counts_only_what_was_added, counts_other_people, detect_language,
                             enforce_grounding, gives_only_told_kind, parse_intent, quoted_figures, render_row,
                             states_measure, synonym_pairs)
from qzassist.chunk import split_sentences
from qzassist.embed import FakeEmbedder
from qzassist.match import TermWeights, query_terms
from qzassist.schema import Answer, Chunk, Citation, Hit


def _row(table, title, label, unit, y24, y25, parent="", idx=0):
    text = f"{table} {title} · {label}（{unit}） · 2024年 {y24} · 2025年 {y25}"
    meta = {"label": label, "parent": parent, "unit": unit, "row": str(idx), "y2024": y24, "y2025": y25}
    return Chunk(id=f"{table}#r{idx}", text=text, section=table, title=title, kind="row", table=table, meta=meta)


ROWS = [
    _row("表2", "教学资源表", "生师比", "—", "13.7:1", "13.58:1", idx=0),
    _row("表3", "服务贡献表", "非学历培训到账经费", "万元", "175.11", "94.4680", idx=1),
    _row("表4", "国际影响表", "在国外开办学校数", "所", "中职不填", "", idx=2),
    _row("表5", "落实政策表", "教职工总数", "人", "303", "303", idx=3),
]
TEXT = Chunk(id="1.5.2#p0", section="1.5.2", title="升学与学业质量", kind="text",
             text="职教高考方面，升学共计738人，升学率97.2%，本科上线106人，人数排名全省第11名。学校组织学生参加活动。")


@pytest.fixture(scope="module")
def answerer():
    chunks = ROWS + [TEXT]
    weights = TermWeights.fit([c.text for c in chunks])
    cut = lambda text: [w for w in ("生师比", "培训", "经费", "到账", "教职工", "本科", "上线", "升学率", "国外", "学校",
                                    "学费", "菜单", "开办", "职教高考", "2024", "2025") if w in text]
    matcher = RowMatcher.build(ROWS, FakeEmbedder(), weights, cut, cut)
    return ExtractiveAnswerer(weights=weights, rows=matcher, report_years=("2024", "2025"), cut=cut)


def _hits():
    return [Hit(TEXT, 1.0, {"bm25": 1}, similarity=0.6)] + [Hit(r, 0.5, {"bm25": i + 2}) for i, r in enumerate(ROWS)]


def test_figure_from_a_row_names_table_year_and_unit(answerer):
    answer = answerer.compose("2025年生师比是多少？", _hits())
    assert not answer.refused
    assert answer.text.startswith("表2 生师比：2025年 13.58:1")
    assert "2024年 13.7:1" in answer.text and "【表2】" in answer.text
    assert answer.citations[0].section == "表2"


def test_asking_for_the_other_year_leads_with_it(answerer):
    assert answerer.compose("2024年生师比", _hits()).text.startswith("表2 生师比：2024年 13.7:1")


def test_comparison_gives_both_years_and_a_labelled_change(answerer):
    answer = answerer.compose("非学历培训到账经费比去年少了多少？", _hits())
    assert "175.11万元" in answer.text and "94.4680万元" in answer.text
    assert "减少80.642万元" in answer.text and "-46.1%" in answer.text and "按表中数字计算" in answer.text
    assert not answer.notes  # the computed figures are allowed by the grounding check


def test_not_applicable_and_empty_cells_are_never_zero(answerer):
    answer = answerer.compose("在国外开办学校数2024年是多少？", _hits())
    assert "中职不填" in answer.text and "0" not in answer.text.replace("2024", "").replace("2025", "")


def test_text_answer_quotes_the_clause_not_the_chunk(answerer):
    answer = answerer.compose("职教高考本科上线多少人？", _hits())
    assert "本科上线106人" in answer.text and "学校组织学生参加活动" not in answer.text
    assert answer.citations[0].section == "1.5.2"
    assert len(answer.text) < 80


def test_unknown_topic_is_refused_with_the_nearest_section(answerer):
    answer = answerer.compose("学费多少钱？", _hits())
    assert answer.refused and answer.text.startswith("报告未提及")
    assert answer.citations  # the nearest section is offered


def test_a_refusal_names_what_was_asked_not_the_story_before_it(answerer):
    answer = answerer.compose("孩子明年中考，家里很看重花销。学费一年多少钱？", _hits())
    assert answer.refused and answer.text.startswith("报告未提及“学费一年多少钱”")


def test_year_the_report_lacks_is_refused(answerer):
    assert answerer.compose("2023年生师比是多少？", _hits()).refused


def test_english_question_gets_an_english_reply(answerer):
    answer = answerer.compose("What was the 生师比 in 2025?", _hits())
    assert "13.58:1 in 2025" in answer.text and "【表2】" in answer.text


def test_render_row_empty_cell_in_english():
    text, _ = render_row(ROWS[2], parse_intent("overseas schools in 2025?"))
    assert "(left blank in the table)" in text


def test_grounding_drops_an_invented_figure_and_refuses_when_nothing_is_left():
    answer = Answer(text="教职工303人【一】；学生5000人【一】。", citations=[Citation("一", "学校概况", "教职工303人")])
    enforce_grounding(answer, [])
    assert "5000" not in answer.text and "303" in answer.text and answer.notes
    bad = Answer(text="学生5000人。", citations=[Citation("一", "学校概况", "教职工303人")])
    assert enforce_grounding(bad, []).refused


def test_section_ids_in_markers_are_not_figures():
    answer = Answer(text="本科上线106人【1.5.2】。", citations=[Citation("1.5.2", "升学", "本科上线106人")])
    assert not enforce_grounding(answer, []).notes


def test_best_extract_follows_a_colon():
    from qzassist.match import TermWeights as W

    weights = W.fit(["教学理念上：崇尚以生为本、以学为主，强化实践。"])
    sentence = "教学理念上：崇尚以生为本、以学为主，强化实践。"
    extract = best_extract(sentence + "其余内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长", ["教学理念"], weights,
                           parse_intent("教学理念是什么"))
    assert "以生为本" in extract


@pytest.mark.parametrize("text,lang", [("学校有多少学生？", "zh"), ("How many students?", "en"),
                                       ("What is the 生师比?", "en"), ("表2 生师比 2025", "zh"),
                                       # asked in English about the report's long Chinese terms
                                       ("Did the 毕业生本省去向落实率 go up or down?", "en"),
                                       ("What is 生均教学科研仪器设备值 in 表2?", "en"), ("What是生师比？多少？", "zh")])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_intent():
    intent = parse_intent("表2里生师比比去年多了还是少了？", ("2024", "2025"))
    assert intent.compare and intent.table == "表2" and intent.years == ("2024",) and intent.explicit_years == ()


def test_short_sentence_loses_framing_but_keeps_figures():
    from qzassist.answer import _trim_framing, split_clauses
    from qzassist.match import TermWeights as W

    weights = W.fit(["职教高考方面，升学共计738人，升学率97.2%，成效显著。"])
    clauses = split_clauses("职教高考方面，升学共计738人，升学率97.2%，成效显著。")
    assert _trim_framing(clauses, ["升学"], weights) == "升学共计738人，升学率97.2%"


def test_rows_of_one_entry_share_one_head():
    from qzassist.answer import _merge_same_heads

    parts = [("2025级招生计划 护理：3年 86", "1.2"), ("2025级招生计划 护理：3+2 20", "1.2"), ("表2 生师比：13.58:1", "表2")]
    assert _merge_same_heads(parts, "；") == [("2025级招生计划 护理：3年 86；3+2 20", "1.2"), ("表2 生师比：13.58:1", "表2")]


def test_a_list_row_drops_running_numbers_unless_they_are_asked_for():
    from qzassist.answer import _row_record_text

    row = Chunk(id="表1-1#r1", text="表1-1 2025年师生技能竞赛获奖统计 · 国家二等奖 · 序号 2 · 教师获奖 （空白） · 学生获奖 5",
                section="表1-1", title="2025年师生技能竞赛获奖统计", kind="row", table="表1-1", meta={"label": "国家二等奖"})
    assert _row_record_text(row, parse_intent("国家二等奖学生拿了几个？")) == "表1-1 国家二等奖：教师获奖 （空白），学生获奖 5个"
    assert "序号 2" in _row_record_text(row, parse_intent("国家二等奖在表里序号是多少？"))
    # a count of people takes a measure word for people, never one the question uses for something else
    plan = Chunk(id="1.2#r3", text="2025级招生计划 · 护理 · 计划招生数 40 · 合作院校 衢州职业技术学院", section="1.2",
                 title="2025级招生计划", kind="row", table="", meta={"label": "护理"})
    assert "计划招生数 40人" in _row_record_text(plan, parse_intent("护理计划招多少人？"))
    assert "计划招生数 40，" in _row_record_text(plan, parse_intent("护理一周活动几次？"))


def test_a_list_tables_other_entries_for_the_same_name_come_along():
    from qzassist.answer import _shared_cells

    a = "名单 · 衢州市 · 序号 133 · 中职学校 衢州中等专业学校 · 专业群 风动机械绿色智造专业群"
    b = "名单 · (12个) · 序号 134 · 中职学校 衢州中等专业学校 · 专业群 化工与新材料专业群"
    c = "名单 · 衢州市 · 序号 132 · 中职学校 衢州理工学校 · 专业群 智能制造专业群"
    assert _shared_cells(a, b) == {"衢州中等专业学校"}
    assert not _shared_cells(a, c)  # a region is not a name of the entry
    assert not _shared_cells("计划 · 护理 · 合作院校 （空白）", "计划 · 会计 · 合作院校 （空白）")


def test_a_figure_must_be_said_of_the_word_asked_about():
    from qzassist.answer import _states_a_count

    assert _states_a_count("全日制在校生近4000人,教职工303人", ["教职工"])
    assert _states_a_count("全年发展新团员410名", [("团员", "新团员")])
    assert _states_a_count("现有学生社团31个", ["社团"])
    assert not _states_a_count("全年召开教代会5次，保障教职工民主管理与监督权利", ["教职工"])


def test_commas_inside_quotes_do_not_split_clauses():
    from qzassist.answer import split_clauses

    assert split_clauses("学校严格遵循“统筹规划，突出重点”的方针，持续推进规划落地。") == [
        "学校严格遵循“统筹规划，突出重点”的方针，", "持续推进规划落地"]


def test_the_noun_after_a_question_word_names_the_kind_of_answer():
    from qzassist.answer import answer_kind_words

    assert answer_kind_words("学校落实哪部法律的举措？") == {"法律"}
    assert answer_kind_words("是哪位老师来学校的？") == {"老师"}
    assert answer_kind_words("新开了什么专业") == {"专业"}
    assert "班" in answer_kind_words("最后是哪个班拿了冠军？")  # one character, then what it did
    assert answer_kind_words("学校招生办的电话是多少？") == set()  # 多少 asks for a figure; 电话 is the topic
    assert answer_kind_words("跟零件测量有关的那本书名叫什么？") == {"书名"}  # the title is given, not the word
    assert answer_kind_words("主编的那几本教材，书名分别是什么？") == {"书名"}
    assert "命名" in answer_kind_words("名师工作室是以哪位老师命名的？")  # 郑军名师工作室 names him without the word
    from qzassist.index import word_cutter
    assert answer_kind_words("两项各是多少？哪个增、哪个减？", word_cutter()) == set()  # which way each went, not a kind


def test_intent_reads_measures_kinds_counts_and_serials():
    intent = parse_intent("培训班开了几期，来了多少人？")
    assert intent.measures == ("期", "人")
    assert parse_intent("国家奖学金每人能拿多少钱？").kind == "money"
    assert parse_intent("食堂早餐几点开？").kind == "clock"
    assert parse_intent("报告把管理难题归纳成了哪几点？").kind == ""  # points made, not a time of day
    assert parse_intent("招生办电话是多少？").kind == "phone"
    assert parse_intent("党建跟哪四个方面融合？").count == 4
    assert parse_intent("社团去养老院具体都做些什么？").listing  # "些什么": several things
    assert parse_intent("What kinds of training did the school run for inmates?").listing
    assert parse_intent("“五项工程”各自叫什么名字？").listing
    assert parse_intent("名单里学校是第几号？").serial
    assert parse_intent("两个比例是不是一升一降？").compare and asks_only_direction("是不是一升一降？")
    # the kind of answer is read from the sentence that asks, not from the story before it
    assert parse_intent("老师推荐读职普融通班。这个班是跟哪所高中合作的？").kind == ""
    assert parse_intent("职普融通班和3+2哪个更推荐？").kind == "opinion"
    assert parse_intent("老师们走进了多少户学生家里？").measures == ("户",)  # households are counted too


def test_english_questions_ask_for_a_kind_of_answer_too():
    # the report would have to state a sum, an hour, a month or a town; its place that does not cannot answer
    assert parse_intent("How much prize money did the team get for its bronze award?").kind == "money"
    assert parse_intent("What is the total investment budget for that campus?").kind == "money"
    assert parse_intent("What are the opening hours of the counselling room?").kind == "clock"
    assert parse_intent("Which month is the flea market usually held?").kind == "month"
    assert parse_intent("In which city were the finals held?").kind == "place"
    assert parse_intent("How many students are there?").kind == ""


def test_extract_reaches_the_clause_with_the_second_measure_asked():
    sentence = "全年开设乡村咖啡师、蔬菜种植技术等培训班6期，覆盖学员305人，通过实操教学提升农民专业技能，助力乡村振兴。"
    intent = parse_intent("咖啡师培训班开了几期，来了多少人？")
    weights = TermWeights.fit([sentence, "学校有教职工303人。"])
    extract = best_extract(sentence, ["咖啡师", "培训班"], weights, intent)
    assert "6期" in extract and "305人" in extract and "乡村振兴" not in extract


def test_measure_kind_and_list_size_helpers():
    from qzassist.answer import has_kind, list_size, states_measure

    assert states_measure("接待3000余人次", "人") and states_measure("覆盖学员305名", "人")
    assert not states_measure("开设培训班6期", "人")
    assert has_kind("省财政每年补助300万元", "money") and has_kind("表5 · 年支付行业导师课酬（万元）", "money")
    assert has_kind("表2 · 生均教学科研仪器设备值（元/生） · 2025年 24514.74", "money")
    assert not has_kind("6人获国家奖学金", "money")
    assert has_kind("早餐7:00开始供应", "clock") and not has_kind("推出早餐服务", "clock")
    assert has_kind("咨询电话0570-8012345", "phone") and not has_kind("校园免费电话等家校互动方式", "phone")
    # a match's score, not a ratio
    assert has_kind("足球赛决赛3比1获胜", "score") and has_kind("以2:0夺冠", "score")
    assert not has_kind("生师比13.58:1", "score") and not has_kind("荣获中职组团体总分第一名", "score")
    # a place is a named town or road, not 城市更新 or “一带一路”
    assert has_kind("比赛在衢州市举行", "place") and has_kind("学校位于柯城区", "place")
    assert not has_kind("在“一带一路”暨金砖国家系列技能赛事中，3名同学获城市更新智能建造技术应用决赛二等奖", "place")
    assert list_size("党建与“文化、课程、载体、活动”融合") == 4
    assert list_size("深化清廉教育与学校党建、文化、队伍、课程、科研的融合") == 5


def test_a_question_asking_for_money_is_refused_where_no_sum_is_stated():
    text = Chunk(id="3.1.3#p0", section="3.1.3", title="资助", kind="text", text="6人获国家奖学金，168人获学校奖学金。")
    weights = TermWeights.fit([text.text, "学校有教职工303人。"])
    cut = lambda t: [w for w in ("国家奖学金", "奖学金", "学生") if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    hits = [Hit(text, 1.0, {"bm25": 1})]
    assert answerer.compose("国家奖学金每个学生能拿多少钱？", hits).refused
    assert not answerer.compose("多少人获国家奖学金？", hits).refused


def test_a_question_asking_which_month_is_refused_where_only_how_often_is_said():
    from qzassist.answer import has_kind

    assert parse_intent("跳蚤市场一般是几月份办？").kind == "month" and parse_intent("是哪个月成立的？").kind == "month"
    assert parse_intent("几月几号开的？").kind == "date"  # a day, not only its month
    assert has_kind("2025年10月，日本工业大学刘雯博士莅临我校", "month") and has_kind("利用暑假开展家访", "month")
    assert not has_kind("每学期末固定举办一次大型社团成果展演，每年组织一届跳蚤市场活动", "month")
    text = Chunk(id="3.3.1#p0", section="3.3.1", title="社团", kind="text",
                 text="每学期末固定举办一次大型社团成果展演，每年组织一届面向全校的跳蚤市场活动。")
    dated = Chunk(id="4.2#p0", section="4.2", title="国际", kind="text", text="2025年10月，日本工业大学刘雯博士莅临我校。")
    answerer = _toy_answerer([text.text, dated.text, "学校占地430亩。"], ("跳蚤市场", "日本工业大学", "刘雯"))
    assert answerer.compose("跳蚤市场一般是几月份办？", [Hit(text, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("刘雯是哪个月来的？", [Hit(dated, 1.0, {"bm25": 1})]).refused


def test_a_question_asking_which_prize_wants_a_prize_named():
    from qzassist.answer import has_kind

    assert parse_intent("最后拿了几等奖？").kind == "prize" and parse_intent("拿的什么奖？").kind == "prize"
    assert has_kind("共青团衢州市八届全委（扩大）会议", "ordinal") and has_kind("第二届班主任节", "ordinal")
    assert parse_intent("What prize did the team win?").kind == "prize"
    assert parse_intent("有多少人拿到奖学金？").kind == ""  # (a grant, not a prize)
    assert has_kind("获优胜奖等", "prize") and has_kind("获省二等奖1项", "prize") and has_kind("勇夺22枚金牌", "prize")
    assert not has_kind("2024学年全校班主任获奖38篇", "prize")  # that prizes were won, not which
    assert not has_kind("30人获大器励志助学金", "prize")
    teacher = Chunk(id="3.2.2#p0", section="3.2.2", title="班主任", kind="text",
                    text="名班主任工作室3次赴宁波考察学习，徐清老师代表衢州市参加浙江省中职班主任能力大赛。")
    other = Chunk(id="3.3#p0", section="3.3", title="社团", kind="text", text="文学社徐爽同学获作文大赛三等奖。")
    answerer = _toy_answerer([teacher.text, other.text, "学校占地430亩。", "学校有16个专业。"],
                             ("徐清", "老师", "参加", "班主任能力大赛", "大赛"))
    hits = [Hit(teacher, 1.0, {"bm25": 1})]
    # a place that tells only that she took part names no prize; it still tells which contest she entered
    assert answerer.compose("徐清老师参加班主任能力大赛拿了几等奖？", hits).refused
    assert not answerer.compose("徐清老师参加了什么大赛？", hits).refused


def test_the_sentence_leading_a_paragraph_names_who_the_next_one_tells_of():
    farmers = Chunk(id="2.1#p0", section="2.1", title="培训", kind="text",
                    text="聚焦农业产业升级与农民增收需求，联合衢州市、柯城区农业农村局开展针对性培训。"
                         "全年开设乡村咖啡师、蔬菜种植技术等农村实用人才及高素质农民培训班6期，覆盖学员305人。")
    answerer = _toy_answerer([*split_sentences(farmers.text), "学校占地430亩。", "学校有16个专业。"],
                             ("乡村", "咖啡师", "蔬菜", "种植", "农民", "培训班", "部门", "联合"))
    answer = answerer.compose("乡村咖啡师、蔬菜种植这类给农民办的培训班，学校是跟哪些部门联合开的？",
                              [Hit(farmers, 1.0, {"bm25": 1})])
    # the sentence about the classes names no body; the one before it in the paragraph does
    assert not answer.refused and "柯城区农业农村局" in answer.text and "培训班6期" in answer.text, answer.text


def test_a_class_is_found_by_the_short_name_the_report_writes_it_with():
    items = Chunk(id="4.1#p1", section="4.1", title="国际", kind="text",
                  text="23建大蒋烨锋等3名同学获城市更新智能建造技术应用决赛二等奖；22数控大专班胡义平等2名同学获精密注塑模具决赛三等奖；")
    answerer = _toy_answerer([*split_sentences(items.text), "建筑专业本科人数全省第一。", "学校占地430亩。"],
                             ("建筑", "大专班", "建大", "同学", "决赛"), sections={"4.1": [items]})
    # 23建大 is the 2023 建筑大专班, not the 数控大专班 that says the question's word 大专班
    answer = answerer.compose("建筑大专班的同学拿了什么奖？", [Hit(items, 1.0, {"bm25": 1})])
    assert "城市更新" in answer.text and "精密注塑" not in answer.text, answer.text
    assert answerer._class_short_names("护理大专班有几个人？") == []  # (the report writes no 护大)


def test_a_paragraph_of_items_is_read_with_the_sentence_that_leads_it():
    lead = Chunk(id="1.6#p0", section="1.6", title="师资", kind="text",
                 text="实施“头雁领航”工程，培养名师。优化“青蓝提挈”工程，助力青年教师成长。")
    items = Chunk(id="1.6#p1", section="1.6", title="师资", kind="text",
                  text="建立新教师“师范教育+企业实践”入职培训制度；深化“以产助教、以教促产、产学合作”机制，常态化开展研修活动；")
    other = Chunk(id="6.1#p0", section="6.1", title="党建", kind="text", text="深化“四联一进”党员网格化联系服务机制，全年联系学生超千人次。")
    answerer = _toy_answerer([*split_sentences(lead.text), *split_sentences(items.text), other.text, "学校占地430亩。"],
                             ("青蓝提挈", "工程", "深化", "产教", "机制", "三句话"),
                             sections={"1.6": [lead, items], "6.1": [other]})
    hits = [Hit(lead, 1.0, {"bm25": 1}), Hit(other, 0.95, {"bm25": 2}), Hit(items, 0.9, {"bm25": 3})]
    # the items leave out the 青蓝提挈 their lead sentence names; the one that says the 机制 answers
    answer = answerer.compose("青蓝提挈工程里要深化的那个产教机制，是哪三句话？", hits)
    assert "以产助教、以教促产、产学合作" in answer.text, answer.text


def test_better_or_worse_asks_which_way_a_figure_went():
    rate = Chunk(id="表5#r3", text="表5 落实政策表 · 学生体质测评合格率（%） · 2024年 95.74 · 2025年 91.47", section="表5",
                 title="落实政策表", kind="row", table="表5",
                 meta={"label": "学生体质测评合格率", "unit": "%", "y2024": "95.74", "y2025": "91.47"})
    answerer = _toy_answerer([rate.text, "学校占地430亩。", "学生体质健康工作扎实。"], ("学生", "体质", "合格率", "测评"),
                             rows=[rate], sections={"表5": [rate]})
    answer = answerer.compose("学生体质测评合格率两年各是多少？是变好了还是变差了？", [Hit(rate, 1.0, {"bm25": 1})])
    # 变差 is a way a figure goes, not a thing the report must name
    assert not answer.refused and "减少4.27" in answer.text, answer.text


def test_a_place_found_only_by_the_words_of_what_is_left_out_does_not_answer():
    grants = Chunk(id="3.1.3#p0", section="3.1.3", title="资助", kind="text", text="全年资助学生200余人次，30人获大器励志助学金。")
    other = Chunk(id="3.1.3#p1", section="3.1.3", title="资助", kind="text", text="6人获国家奖学金，168人获学校大器勤学奖学金。")
    answerer = _toy_answerer([grants.text, other.text, "学校占地430亩。"], ("国家", "助学金", "奖学金", "学生", "大器励志助学金"))
    hits = [Hit(grants, 1.0, {"bm25": 1}), Hit(other, 0.9, {"bm25": 2})]
    # "除了…以外，" leaves the grant out even without 还; the report names no 国家助学金
    assert parse_intent("除了学校自己的大器励志助学金以外，国家助学金有多少学生享受？").excluded == "学校自己的大器励志助学金"
    assert answerer.compose("除了学校自己的大器励志助学金以外，国家助学金今年有多少学生享受？", hits).refused
    answer = answerer.compose("除了学校自己的大器励志助学金以外，国家奖学金今年有多少学生拿到？", hits)
    assert not answer.refused and "6人获国家奖学金" in answer.text, answer.text


def test_how_many_majors_is_no_major_asked_about():
    answerer = _toy_answerer(["学校明确建设了三个专业群。", "护理专业护士执业资格考试通过率97.36%。", "学校占地430亩。"],
                             ("三个", "专业", "群", "护理", "序号"))
    assert answerer._majors_asked("护理专业的通过率是多少？")[0][0] == "护理"
    # ("三个专业群的序号": not a major called 三个, which a place about the groups would fail to name)
    assert answerer._majors_asked("三个专业群的序号分别是多少？") == []


def test_a_row_and_its_sub_row_both_named_are_both_given():
    parent = Chunk(id="表2#r1", text="表2 教学资源表 · “双师型”教师比例（%） · 2024年 90.97% · 2025年 95.89%", section="表2",
                   title="教学资源表", kind="row", table="表2",
                   meta={"label": "“双师型”教师比例", "parent": "", "unit": "%", "y2024": "90.97%", "y2025": "95.89%"})
    child = Chunk(id="表2#r2", section="表2", title="教学资源表", kind="row", table="表2",
                  text="表2 教学资源表 · “双师型”教师比例 · 其中：高级“双师型”教师比例（%） · 2024年 66.67% · 2025年 72.6%",
                  meta={"label": "其中：高级“双师型”教师比例", "parent": "“双师型”教师比例", "unit": "%",
                        "y2024": "66.67%", "y2025": "72.6%"})
    answerer = _toy_answerer([parent.text, child.text, "学校占地430亩。"], ("双师型", "教师", "比例", "高级"),
                             rows=[parent, child], sections={"表2": [parent, child]})
    hits = [Hit(child, 1.0, {"bm25": 1}), Hit(parent, 0.9, {"bm25": 2})]
    # the parent's name is said besides the sub-row's, which contains it
    answer = answerer.compose("表2里“双师型”教师比例和高级“双师型”教师比例，2024年、2025年各是多少？", hits)
    assert "90.97%" in answer.text and "72.6%" in answer.text, answer.text
    answer = answerer.compose("表2里高级“双师型”教师比例2025年是多少？", hits)
    assert "72.6%" in answer.text and "95.89%" not in answer.text, answer.text  # (only inside the sub-row's name)
    # a sub-row whose qualifier (高级) is not asked is not what is asked: its parent is
    answer = answerer.compose("表2里双师型教师比例2024年和2025年各是多少？", hits)
    assert "90.97%" in answer.text and "72.6%" not in answer.text, answer.text
    # English: the parent said on its own, and again with the qualifier
    answer = answerer.compose("Have both the 双师型 teacher ratio and the senior (高级) 双师型 ratio gone up since 2024?", hits)
    assert "90.97%" in answer.text and "72.6%" in answer.text, answer.text


def test_a_title_quoted_in_book_marks_is_read_where_the_report_says_it():
    books = Chunk(id="1.4.2#p0", section="1.4.2", title="教材", kind="text",
                  text="主编并正式出版了《机械识图与CAD绘图》《典型零件测量技术》等3本省课改成果教材；"
                       "参与编写了《跨境电商通关基础》等6本省课改成果教材；")
    answerer = _toy_answerer([*split_sentences(books.text), "学校占地430亩。"], ("典型零件测量技术", "主编", "参与", "编写"),
                             sections={"1.4.2": [books]})
    assert parse_intent("《典型零件测量技术》这本是谁编的？").quoted == ("典型零件测量技术",)
    # the sentence after the one naming the book says 参与编写 and borrows the book from it; the book is where it is named
    answer = answerer.compose("《典型零件测量技术》这本，学校是主编还是参与编写？", [Hit(books, 1.0, {"bm25": 1})])
    assert answer.text.startswith("主编"), answer.text


def test_what_a_quoted_name_is_is_read_where_the_report_says_most_of_it():
    brief = Chunk(id="四#p0", section="四(一)", title="成效", kind="text", text="学校完善“四联一进”工作机制，推动教育教学深度融合。")
    full = Chunk(id="6.1#p0", section="6.1", title="党建", kind="text",
                 text="深化“四联一进”党员网格化联系服务机制，全年累计联系学生超千人次。")
    answerer = _toy_answerer([brief.text, full.text, "学校占地430亩。"], ("四联一进", "机制", "党建"))
    hits = [Hit(brief, 1.0, {"bm25": 1}), Hit(full, 0.9, {"bm25": 2})]
    # 工作机制 names it with the kind word only; the other place says what kind of 机制 it is
    answer = answerer.compose("看党建那部分老出现“四联一进”，这到底是个什么机制？", hits)
    assert "党员网格化联系服务机制" in answer.text, answer.text


def test_a_chinese_name_asked_in_english_quotes_the_clause_that_gives_it():
    sentence = ("同时，以新时代理论宣讲工作作为载体，打造了一支由师生共同组成的“中专故事讲解员”队伍，"
                "对全校师生、1000余名校外访客进行理论宣讲，进一步筑牢信仰之基。")
    weights = TermWeights.fit([sentence, "学校占地430亩。"])
    intent = parse_intent("Teachers give theory talks (宣讲) to visitors (访客). What is the Chinese name of that team?")
    # the clause the question's words are in says 宣讲 and 访客; the one before it quotes the team's name
    assert "“中专故事讲解员”" in best_extract(sentence, ["访客", "宣讲"], weights, intent)
    assert not parse_intent("这个队伍叫什么名字？").named  # (a Chinese question is answered as before)


def test_each_rare_word_asked_is_quoted_where_the_sentence_says_it():
    sentence = "学校根据孔子“君子不器”思想，将“勤而立信、忠以成器”校训进行时代升华，将党建与育君子、育工匠融为一体，提出“器质教育”育人理念。"
    weights = TermWeights.fit([sentence, *(f"学校开展第{i}项工作，成效显著。" for i in range(30))])
    extract = best_extract(sentence, ["君子不器", "育人理念"], weights, parse_intent("根据君子不器提出的育人理念叫什么？"))
    # the clauses in between say neither word; both ends are shown, joined by an ellipsis
    assert "君子不器" in extract and "器质教育" in extract and "时代升华" not in extract, extract


def test_an_everyday_word_inside_a_longer_report_term_is_not_replaced_by_its_synonym():
    from qzassist.answer import group_alternatives

    out = group_alternatives(["学生体质测评合格率", "在校生"], [("在校生", "学生")])
    assert out == ["学生体质测评合格率"]
    assert group_alternatives(["学生", "在校生"], [("在校生", "学生")]) == [("学生", "在校生")]


def test_the_clause_after_the_word_before_the_question_word_is_quoted():
    sentence = "衢州中专依托多元化培训项目布局，紧扣地方发展需求，在服务乡村振兴等方面精准发力，服务地方经济发展。"
    intent = parse_intent("学校服务地方经济，主要是依托什么来做的？")
    assert intent.pivot == "依托"
    weights = TermWeights.fit([sentence, "学校有教职工303人。", "学校占地430亩。"])
    extract = best_extract(sentence, ["服务", "地方", "经济", "依托"], weights, intent)
    assert "多元化培训项目" in extract


def test_a_sentence_of_only_the_questions_words_restates_it():
    from qzassist.answer import restates

    assert restates("服务地方经济发展", ["服务", "地方", "经济"])
    assert not restates("依托多元化培训项目布局", ["服务", "地方", "经济"])
    assert not restates("服务地方经济36次", ["服务", "地方", "经济"])  # a figure is news


def test_rank_questions_want_a_rank_and_english_up_or_down_is_a_comparison():
    from qzassist.answer import has_kind

    assert parse_intent("本科上线人数在全省排第几？").kind == "rank"
    # an entry's number in a list is no place in a ranking: the list's row answers it, with no 第…名 in it
    assert parse_intent("名单上学校排在第几号？").kind != "rank" and parse_intent("名单上学校排在第几号？").serial
    assert parse_intent("学校排在第几？").kind == "rank"
    assert has_kind("人数排名全省第11名", "rank") and not has_kind("升入本科人数141人", "rank")
    assert parse_intent("Did the number go up or down from 2024 to 2025?").compare
    assert parse_intent("学校教职工平均工资是多少？").kind == "money"


def test_a_measure_far_along_the_sentence_is_quoted_after_an_ellipsis():
    sentence = "以每周一国旗下演讲为抓手，扎实推进理论学习，激发学生学习内动力，一年来共开展演讲36次，促进学生成才成长。"
    weights = TermWeights.fit([sentence, "学校有教职工303人。"])
    extract = best_extract(sentence, ["每周", "国旗", "演讲"], weights, parse_intent("国旗下演讲一年讲了多少次？"))
    assert extract.startswith("以每周一国旗下演讲为抓手") and extract.endswith("……一年来共开展演讲36次")


def test_a_heading_with_sub_headings_answers_what_a_part_is_made_of():
    from qzassist.chunk import outline_chunks
    from qzassist.report import Report, Section

    report = Report(title="r", school="s", year="2025", sections=[
        Section("四", "年度工作主要成效", 1), Section("四(一)", "党建引领作用凸显", 2, "四"),
        Section("四(二)", "教学质量大幅提升", 2, "四"), Section("1.1", "教学目标", 2, "1")])
    (outline,) = outline_chunks(report)
    assert outline.section == "四" and outline.kind == "outline"
    assert outline.text == "年度工作主要成效：四(一) 党建引领作用凸显；四(二) 教学质量大幅提升"


def test_a_list_that_names_the_topic_as_one_item_lists_its_peers():
    from qzassist.answer import _lists_the_topic_among_peers

    peers = "重点呈现改善办学基础条件、促进产教融合、健全内部质量保证体系、服务乡村振兴等方面工作"
    assert _lists_the_topic_among_peers(peers, ["内部质量保证", "组织架构"])
    assert not _lists_the_topic_among_peers("学制架构：三年制职教高考、中本一体化、职普融通", ["学制"])


def _plan_row(idx, label, system, n, partner):
    text = f"2025级招生计划 · {label} · 性质及学制 {system} · 计划招生数 {n} · 合作院校 {partner}"
    return Chunk(id=f"1.2#r{idx}", text=text, section="1.2", title="2025级招生计划", kind="row", table="1.2",
                 meta={"label": label})


def test_a_total_over_one_entrys_rows_is_added_up_and_labelled_as_computed():
    from qzassist.answer import _add_up_entries

    rows = [_plan_row(1, "护理", "3年(高考)", 86, "（空白）"), _plan_row(2, "护理", "3+2", 20, "衢州职业技术学院")]
    parts = [("2025级招生计划 护理：A；B", "1.2")]
    out, computed = _add_up_entries(parts, rows, parse_intent("护理专业一共计划招多少人？"))
    assert out[0][0].endswith("计划招生数合计106人（按表中数字计算）") and computed == ["106"]
    other = rows[:1] + [_plan_row(3, "会计", "3年(高考)", 45, "（空白）")]
    assert _add_up_entries(parts, other, parse_intent("一共计划招多少人？")) == (parts, [])  # two entries: no sum


def test_a_count_cell_without_a_unit_takes_the_questions_measure_word():
    row = Chunk(id="表1-1#r0", text="表1-1 获奖统计 · 国家一等奖 · 序号 1 · 教师获奖 1 · 学生获奖 7",
                section="表1-1", title="获奖统计", kind="row", table="表1-1", meta={"label": "国家一等奖"})
    text, _ = render_row(row, parse_intent("国家一等奖学生有几个？"))
    assert text == "表1-1 国家一等奖：教师获奖 1个，学生获奖 7个"
    assert render_row(row, parse_intent("国家一等奖的情况"))[0] == "表1-1 国家一等奖：教师获奖 1，学生获奖 7"


def test_a_short_sub_row_label_is_said_with_its_indicator():
    row = Chunk(id="表2#r20", text="表2 教学资源表 · 虚拟仿真实训基地数 · 校级数量（个） · 2024年 3 · 2025年 5", section="表2",
                title="教学资源表", kind="row", table="表2",
                meta={"label": "校级数量", "parent": "虚拟仿真实训基地数", "unit": "个", "y2024": "3", "y2025": "5"})
    assert render_row(row, parse_intent("校级的有几个？"))[0].startswith("表2 虚拟仿真实训基地数中的校级数量：2025年 5个")
    from dataclasses import replace

    longer = replace(row, meta={**row.meta, "label": "接入国家智慧教育平台数"})
    assert render_row(longer, parse_intent("接入了几个？"))[0].startswith("表2 接入国家智慧教育平台数：")


def test_growth_words_without_a_year_ask_for_a_comparison():
    assert parse_intent("职普融通班规模比以前扩大了多少？").compare
    assert not parse_intent("职普融通班在哪所学校上课？").compare
    # whether a figure was adjusted is whether it changed; an adjustment named as a topic is not
    assert parse_intent("教职工额定编制数这两年有没有调整过？").compare and parse_intent("编制数有调整吗？").compare
    assert not parse_intent("学校做了哪些专业调整？").compare


def test_what_a_person_leaves_out_is_read_from_the_question():
    assert parse_intent("除了浙江时代锂电，学校还跟哪些企业合作？").excluded == "浙江时代锂电"
    assert parse_intent("除了辩论社和知行阅读社，另外4个叫什么？").excluded == "辩论社和知行阅读社"
    assert parse_intent("衢州除了衢州中专还有哪两所学校？").excluded == "衢州中专"
    assert parse_intent("Apart from 浙江时代锂电, which companies did it work with?").excluded == "浙江时代锂电"
    # "…以外，" leaves a thing out without 还 too
    assert parse_intent("除了学校自己的助学金以外，国家助学金有多少人享受？").excluded == "学校自己的助学金"
    assert parse_intent("除了上课，学校有什么活动？").excluded == ""  # (除了 with neither 以外 nor 还 asks no other)


def test_a_question_leaving_one_company_out_is_answered_where_others_are_named():
    known = Chunk(id="5.1#p0", section="5.1", title="校企合作", kind="text",
                  text="学校深化与浙江时代锂电材料有限公司的校企合作，邀请浙江时代锂电工程师作为企业导师进校授课。")
    others = Chunk(id="5.1#p1", section="5.1", title="校企合作", kind="text",
                   text="同时，与衢州华友钴新材料有限公司、浙江圣效环保科技有限公司等开展校企合作，引进更多企业导师。")
    answerer = _toy_answerer([known.text, others.text, "学校占地430亩。", "学校有16个专业。"],
                             ("浙江时代锂电", "企业导师", "校企合作", "企业"))
    hits = [Hit(known, 1.0, {"bm25": 1}), Hit(others, 0.9, {"bm25": 2})]
    answer = answerer.compose("除了浙江时代锂电，学校还跟哪些企业开展校企合作、请企业导师？", hits)
    assert "华友钴" in answer.text and "时代锂电" not in answer.text, answer.text
    assert "时代锂电" in answerer.compose("学校跟哪家企业开展校企合作、请企业导师？", hits).text  # (none left out)
    # whatever is asked, a further place that tells of what was left out is not listed
    help_ = Chunk(id="四#p0", section="四", title="前言", kind="text", text="学校积极开展校际帮扶与经验交流。")
    news = Chunk(id="3.3#p0", section="3.3", title="团建", kind="text", text="学校开展团日活动，多项活动获媒体报道。")
    answerer = _toy_answerer([help_.text, news.text, "学校占地430亩。"], ("学校", "开展", "媒体报道", "交流", "活动"))
    answer = answerer.compose("除了媒体报道，学校还开展了哪些交流活动？", [Hit(help_, 1.0, {"bm25": 1}), Hit(news, 0.9, {"bm25": 2})])
    assert "校际帮扶" in answer.text and "媒体报道" not in answer.text, answer.text


def test_a_list_of_things_of_the_kind_asked_is_the_answer_and_places_listing_none_are_left_out():
    from qzassist.answer import _listed_kind

    assert _listed_kind("学校的专题教育周一共有哪些？") == "周" and _listed_kind("三个优质专业群是哪些") == "群"
    assert _listed_kind("志愿服务活动有哪些？") == "" and _listed_kind("学校有哪些社团？") == ""  # (any kind; 学校)
    weeks = Chunk(id="3.2.3#p0", section="3.2.3", title="专题教育", kind="text",
                  text="推动校园专题教育，开展心理健康周、志愿服务周、学雷锋周、普法周等主题活动。")
    study = Chunk(id="3.3.2#p0", section="3.3.2", title="团员教育", kind="text",
                  text="健全团员教育管理机制，开展5次专题学习，组织专题教育讲座12场。")
    answerer = _toy_answerer([weeks.text, study.text, "学校占地430亩。", "学校有16个专业。"], ("专题", "教育"))
    answer = answerer.compose("学校的专题教育周一共有哪些？", [Hit(study, 1.0, {"bm25": 1}), Hit(weeks, 0.9, {"bm25": 2})])
    assert "学雷锋周" in answer.text and "专题学习" not in answer.text, answer.text


def test_a_figure_asked_the_meaning_of_is_found_in_the_rows_and_sentences_that_state_it():
    from qzassist.answer import figure_asked_about

    years = ("2024", "2025")
    assert figure_asked_about("表里有个13152，它是什么指标？", years) == ("13152", "")
    assert figure_asked_about("13153这个数指的是什么？", years) == ("13153", "")
    assert figure_asked_about("哪个指标2025年是278？", years) == ("278", "")
    assert figure_asked_about("What does the figure 94.4680 refer to?", years) == ("94.4680", "")
    assert figure_asked_about("有个数字1981，我以为是年份。它实际指的是什么？", years) == ("1981", "")
    assert figure_asked_about("写着“共开展……36次”，是什么活动搞了36次？", years) == ("36", "次")
    assert figure_asked_about("表3那一栏有个“94.4680”，对应的是哪个指标？", years) == ("94.4680", "")
    # a figure told as the story of another question, a year, or two figures, are not asked about
    none = ("", "")
    assert figure_asked_about("学校占地430亩，是什么时候建的？", years) == none
    assert figure_asked_about("2025年是什么情况？", years) == none
    assert figure_asked_about("13152和13153是什么？", years) == none
    assert figure_asked_about("那这15个问题具体都是哪些方面的问题？", years) == none
    assert figure_asked_about("每行都是40人，是哪个专业？", years) == none
    hours = Chunk(id="表3#r16", text="表3 服务贡献表 · 公益项目培训学时（学时） · 2024年 5488 · 2025年 13152", section="表3",
                  title="服务贡献表", kind="row", table="表3",
                  meta={"label": "公益项目培训学时", "unit": "学时", "y2024": "5488", "y2025": "13152"})
    times = Chunk(id="2.4#p0", section="2.4", title="培训", kind="text", text="全年累计培训8469人，折算培训13153人次。")
    answerer = _toy_answerer([times.text, "学校占地430亩。"], ("培训", "指标"), rows=[hours],
                             sections={"2.4": [times], "表3": [hours]})
    answer = answerer.compose("表3里有个13152，它是什么指标？", [])
    assert not answer.refused and "公益项目培训学时" in answer.text and "13153" not in answer.text, answer.text
    answer = answerer.compose("报告里13153这个数指的是什么？", [])
    assert not answer.refused and "折算培训13153人次" in answer.text and answer.citations[0].section == "2.4"
    # a row known by its value in each of two years
    answer = answerer.compose("表里有个指标2024年填5488、2025年填13152，是哪个指标？", [])
    assert "公益项目培训学时" in answer.text and answer.citations[0].section == "表3", answer.text
    # said with a measure word: only places that say it so (13152学时, not a sentence's 13152人次)
    answer = answerer.compose("写着“共……13152人次”，是什么搞了13152人次？", [])
    assert answer.refused, answer.text  # (no place of this toy report says 13152人次)


def test_what_a_figure_counts_is_quoted_from_where_its_sentence_begins():
    farmers = Chunk(id="2.1#p0", section="2.1", title="培训", kind="text",
                    text="持续推进农民中专学历教育，2023级、2024级、2025级在读学员累计916人，通过系统化培养提升农民综合素质，"
                         "为农业农村现代化储备坚实人才。")
    answerer = _toy_answerer([farmers.text, "学校占地430亩。", "学校有16个专业。"], ("学员", "农民"),
                             sections={"2.1": [farmers]})
    answer = answerer.compose("报告里有个“916人”在读，这个916指的是哪类学员？", [])
    # the clause that states 916 says only 在读学员; what they read for is told in the clause before it
    assert not answer.refused and "农民中专学历教育" in answer.text and "916" in answer.text, answer.text
    assert "储备坚实人才" not in answer.text, answer.text  # (what follows the figure is not asked about)


def test_a_word_the_segmenter_cut_with_its_question_word_is_no_missing_subject():
    funds = Chunk(id="6.2#p0", section="6.2", title="经费", kind="text",
                  text="此外，还获批专项资金用于校园安全设施改造、合同能源管理等项目。")
    answerer = _toy_answerer([funds.text, "学校占地430亩。", "学校有16个专业。"], ("专项资金", "哪些项目", "项目"))
    answer = answerer.compose("这些专项资金是用在哪些项目上的？", [Hit(funds, 1.0, {"bm25": 1})])
    assert not answer.refused and "校园安全设施改造" in answer.text, answer.text


def _text_chunk(cid, text, section="1.7"):
    return Chunk(id=cid, text=text, section=section, title="质量保证体系建设", kind="text")


def test_a_list_announced_by_the_next_sentences_is_quoted_across_chunks():
    from qzassist.answer import Evidence, _with_announced_list

    p0 = _text_chunk("1.7#p0", "学校已建立一套闭环管理的内部质量保证体系。一是健全的组织体系。")
    p1 = _text_chunk("1.7#p1", "形成以党委会为决策层的架构。二是清晰的目标体系。质量目标锚定于规划。")
    p2 = _text_chunk("1.7#p2", "三是完善的标准体系。制定专业群建设规划。")
    following = {"1.7#p0": p1, "1.7#p1": p2}
    e = Evidence(p0, "学校已建立一套闭环管理的内部质量保证体系。", 1.0, 0, 1.0)
    quote = _with_announced_list(e, parse_intent("质量保证体系有哪几个方面？"), following)
    assert quote == "学校已建立一套闭环管理的内部质量保证体系。一是健全的组织体系。二是清晰的目标体系。三是完善的标准体系。"
    assert _with_announced_list(e, parse_intent("质量保证体系是什么时候建立的？"), following) == e.quote


def test_a_count_in_brackets_does_not_announce_a_list():
    from qzassist.answer import _announces

    assert _announces("其挑战体现为三重维度，总量短缺—…", 3)
    assert not _announces("专业群建设（覆盖67%专业的3大集群）是核心载体", 3)


def test_the_kind_word_is_not_needed_where_the_answer_is():
    text = Chunk(id="4.2#p0", section="4.2", title="国际交流", kind="text",
                 text="日本工业大学刘雯博士莅临我校，顺利完成入学考试工作，并召开家长会。")
    other = Chunk(id="1.6#p0", section="1.6", title="教师", kind="text", text="学校有专任教师200人，老师们积极参加培训。")
    weights = TermWeights.fit([text.text, other.text, "学校占地430亩。"])
    words = ("老师", "教师", "家长会", "入学考试", "召开")
    cut = lambda t: [w for w in words if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    answer = answerer.compose("是哪位老师来学校召开家长会的？", [Hit(text, 1.0, {"bm25": 1}), Hit(other, 0.5, {"bm25": 2})])
    assert not answer.refused and "刘雯博士" in answer.text


def test_words_that_are_not_new_concepts_do_not_trigger_a_refusal():
    from qzassist.answer import _count_of_known, _locative

    weights = TermWeights.fit(["网络教学课程数（学时） 36", "学校占地430亩。"])
    assert _count_of_known("学时数", weights) and not _count_of_known("学费数", weights)
    assert _count_of_known("门数", weights) and not _count_of_known("分数", weights)  # a measure word and 数
    assert _count_of_known("总户数", weights) and _count_of_known("总学时数", weights)  # the total of them
    assert not _count_of_known("总分数", weights)
    assert _locative("群里") and not _locative("群众")


def test_a_cut_the_segmenter_coined_is_not_taken_for_a_missing_subject():
    from qzassist.index import dictionary_words

    in_dictionary = dictionary_words(["浙政钉"])
    assert in_dictionary("学费") and in_dictionary("浙政钉") and not in_dictionary("上建")
    text = Chunk(id="三#p0", section="三", title="编制过程", kind="text",
                 text="2025年12月初组建教育质量年度报告编写浙政钉工作群，认真学习有关文件。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("编写", "平台", "上建", "工作群", "学费", "浙政钉")
    cut = lambda t: [w for w in words if w in t]
    hits = [Hit(text, 1.0, {"bm25": 1})]

    def answerer(dictionary):
        return ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  in_dictionary=dictionary)

    question = "编写报告时在哪个平台上建的工作群？"  # jieba coins 上建 from 平台|上|建
    assert answerer(None).compose(question, hits).refused  # without the dictionary, 上建 looks like the subject
    answer = answerer(in_dictionary).compose(question, hits)
    assert not answer.refused and "浙政钉" in answer.text
    assert answerer(in_dictionary).compose("编写工作群的学费是多少？", hits).refused  # a real word stays a subject


def test_a_word_the_report_spells_out_longer_is_not_absent():
    text = Chunk(id="3.3.3#p0", section="3.3.3", title="劳动教育", kind="text",
                 text="每周开设1节劳动综合实践活动课，每周二下午安排全校清洁校园的劳动实践活动。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("劳动课", "劳动", "学费", "每周")
    cut = lambda t: [w for w in words if w in t and not (w == "劳动" and "劳动课" in t)]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    hits = [Hit(text, 1.0, {"bm25": 1})]
    answer = answerer.compose("学校每周有几节劳动课？", hits)  # 劳动…课, nine characters apart
    assert not answer.refused and "1节" in answer.text
    assert answerer.compose("学校每周劳动的学费是多少？", hits).refused  # 学费 is nowhere, spelled out or not

def test_a_contracted_pair_of_report_words_is_not_absent():
    text = Chunk(id="3.1.3#p0", section="3.1.3", title="校园文化", kind="text",
                 text="168人获学校大器勤学奖学金，30人获大器励志助学金。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("奖助学金", "奖学金", "助学金", "大器", "学费")
    cut = lambda t: sorted((w for w in words if w in t and not (w in ("奖学金", "助学金") and "奖助学金" in t)),
                           key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    hits = [Hit(text, 1.0, {"bm25": 1})]
    answer = answerer.compose("学校大器奖助学金有多少人拿到？", hits)  # 奖助学金: 奖学金 and 助学金
    assert not answer.refused and ("168" in answer.text or "30" in answer.text)
    assert answerer.compose("学校大器奖学费有多少人拿到？", hits).refused  # 奖学费 is no pair the report says
    assert _coordinated_in("中高职", "与高职院校合作的中职学校") and _coordinated_in("国内外", "国内国外")
    assert not _coordinated_in("奖助学金", "168人获学校大器勤学奖学金")  # one of the pair is not enough



def test_an_everyday_word_for_a_report_word_is_no_missing_subject():
    text = Chunk(id="3.3.4#p0", section="3.3.4", title="社团", kind="text",
                 text="日语社江一诺获第五届中学生日语商业设计比赛二等奖。")
    weights = TermWeights.fit([text.text, "学生社团31个。", "学校占地430亩。", "学校有教职工303人。"])
    words = ("孩子", "学生", "日语", "比赛", "过奖")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    # 孩子 stands for 学生 though the question says 学生 too; 过奖 is 拿过 + 奖 cut across two words
    hits = [Hit(text, 1.0, {"bm25": 1})]
    answer = answerer.compose("学生在日语比赛里谁拿过奖？", hits)
    assert not answer.refused and "江一诺" in answer.text
    answer = answerer.compose("学生在日语比赛获二等奖，这个孩子叫什么名字？", hits)
    assert not answer.refused and "江一诺" in answer.text
    assert query_terms("日语相关的比赛", cut) == ["日语", "比赛"]  # 相关 says nothing of the subject


def test_a_section_the_question_points_at_is_read_and_its_number_is_no_figure():
    assert parse_intent("7.1那段说带来了哪几个问题？").sections == ("7.1",)
    assert parse_intent("前言里讲了什么？").sections == ("前言",)
    assert parse_intent("升学率97.2%是哪年的？").sections == () and parse_intent("生师比13.7:1").sections == ()
    target = Chunk(id="7.1#p0", section="7.1", title="挑战", kind="text",
                   text="办学战略方向未明导致资源配置效能受限：专业动态调整机制滞后，招生策略协同不足，课程改革缺乏连续性支撑。")
    other = Chunk(id="6.1#p0", section="6.1", title="管理", kind="text", text="全面完成15个问题的整改，办学方向更加明确。")
    weights = TermWeights.fit([target.text, other.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("办学", "战略", "方向", "带来", "问题")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)

    def answerer(sections):
        return ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  sections=sections)

    question = "7.1那段说办学战略方向没定下来，带来了哪几个问题？"
    hits = [Hit(other, 1.0, {"bm25": 1})]  # retrieval missed the place the person points at
    assert "7.1" not in answerer({}).compose(question, hits).text
    answer = answerer({"7.1": [target], "7": [target]}).compose(question, hits)
    assert not answer.refused and "招生策略协同不足" in answer.text and answer.citations[0].section == "7.1"
    # an id the report does not have is no section, and stays a figure of the question
    assert answerer({"7.1": [target]}).compose("占地7.5亩是哪年？", hits).refused


def test_a_degree_word_before_a_report_word_is_no_new_subject():
    text = Chunk(id="四(三)#p0", section="四(三)", title="专业建设", kind="text",
                 text="专业建设聚焦“优质专业群”目标，“岗课赛证”融通成效突出。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("专业", "建设", "融通", "比较突出", "突出")
    cut = lambda t: sorted((w for w in words if w in t and not (w == "突出" and "比较突出" in t)), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    answer = answerer.compose("专业建设里哪种融通比较突出？", [Hit(text, 1.0, {"bm25": 1})])
    assert not answer.refused and "岗课赛证" in answer.text


def test_listed_items_answer_how_many_things():
    from qzassist.answer import list_size

    assert list_size("现有编制难以支撑“课堂教学+专业群建设+校企研发”的复合任务") == 3
    text = Chunk(id="7.2#p0", section="7.2", title="师资", kind="text",
                 text="总量短缺—现有编制难以支撑“课堂教学+专业群建设+校企研发”的复合任务。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("编制", "复合", "任务", "老师")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    answer = answerer.compose("现有编制撑不起几项复合任务？", [Hit(text, 1.0, {"bm25": 1})])
    assert not answer.refused and "校企研发" in answer.text
    assert answerer.compose("现有编制撑不起多少名老师？", [Hit(text, 1.0, {"bm25": 1})]).refused  # people are counted


def test_a_one_character_kind_of_answer_must_be_named_where_it_is_answered():
    from qzassist.answer import answer_kind_words, names_kind

    assert answer_kind_words("学生毕业时能考什么证？") == {"证"}
    assert answer_kind_words("定在哪天？") == set()  # a measure or time word is no kind of thing
    assert not any(len(k) == 1 for k in answer_kind_words("那龙狮团算哪一类？"))
    assert names_kind("女篮获三人制篮球赛第一名", "奖") and not names_kind("新增无人机专业", "证")
    text = Chunk(id="1.2#p0", section="1.2", title="专业", kind="text", text="学校新增无人机操控与维护专业，招生45人。")
    cert = Chunk(id="1.5#p0", section="1.5", title="考证", kind="text", text="护理专业学生考取护士执业资格证书，通过率98%。")
    weights = TermWeights.fit([text.text, cert.text, "学校占地430亩。"])
    words = ("无人机操控与维护", "专业", "护理", "学生")
    cut = lambda t: [w for w in words if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    assert answerer.compose("无人机操控与维护专业学生能考什么证？", [Hit(text, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("护理专业学生能考什么证？", [Hit(cert, 1.0, {"bm25": 1})])
    assert not answer.refused and "护士执业资格证书" in answer.text


def test_a_figure_the_question_quotes_ties_it_to_the_place_that_states_it():
    text = Chunk(id="6.2#p0", section="6.2", title="经费", kind="text",
                 text="成功获得“校园基础设施改善提升二期工程”项目资金2499万元，用于学生宿舍、教师公寓的整体改造。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("二期", "工程", "工程款", "改造", "2499")
    cut = lambda t: [w for w in words if w in t and not (w == "工程" and "工程款" in t)]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    answer = answerer.compose("那笔2499万的二期工程款拿去改造什么？", [Hit(text, 1.0, {"bm25": 1})])
    assert not answer.refused and "学生宿舍" in answer.text
    assert answerer.compose("那笔二期工程款拿去改造什么？", [Hit(text, 1.0, {"bm25": 1})]).refused  # 工程款 alone is new


def test_a_count_asked_for_is_answered_only_where_something_is_counted():
    from qzassist.answer import states_measure

    assert parse_intent("哪几种学制？").measures == ()  # 哪几 asks for a list, not a count
    assert states_measure("赋能30名学员", "个") and states_measure("三大专业群", "个")
    assert states_measure("新增高级讲师9人", "位") and not states_measure("新增高级讲师", "位")
    text = Chunk(id="3.2.5#p0", section="3.2.5", title="家校", kind="text", text="建立家长委员会工作制度，代表全体家长参与学校管理。")
    weights = TermWeights.fit([text.text, "学校占地430亩。"])
    cut = lambda t: [w for w in ("家长委员会", "家长", "代表") if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    assert answerer.compose("家长委员会有多少名家长代表？", [Hit(text, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("家长委员会代表家长做什么？", [Hit(text, 1.0, {"bm25": 1})]).refused


def test_date_questions_want_a_date_and_more_ways_of_asking_for_a_change():
    from qzassist.answer import has_kind

    assert parse_intent("校园开放日定在哪天？").kind == "date"
    assert has_kind("2025年10月18日举办开放日", "date") and has_kind("12月中旬召开初审会", "date")
    assert not has_kind("组织校园开放日邀请家长进校园", "date")
    assert parse_intent("本省去向落实率今年跟去年比怎么样？").compare
    assert parse_intent("网络教学课程学时是变多还是变少？").compare


def test_the_clause_naming_the_kind_of_thing_asked_for_is_quoted():
    sentence = ("衢州中专深化与浙江时代锂电材料有限公司的校企合作办学，结合现场工程师项目，落实校企订单培养事宜，"
                "完善订单培养机制，邀请工程师和技术骨干作为企业导师，每月进校授课。")
    intent = parse_intent("订单班的企业导师是哪家公司派来的？")
    assert intent.kinds == ("公司",)
    weights = TermWeights.fit([sentence, "学校占地430亩。", "学校有教职工303人。"])
    extract = best_extract(sentence, ["订单", "企业", "导师"], weights, intent)
    assert "浙江时代锂电材料有限公司" in extract and "企业导师" in extract


def test_a_total_asked_for_brings_the_clause_with_the_total():
    sentence = "2025年学生技能竞赛获奖国家级22项、省级69项、市级170项，共计261项，300多人次获奖。"
    weights = TermWeights.fit([sentence, "学校占地430亩。"])
    extract = best_extract(sentence, ["学生", "技能", "竞赛"], weights, parse_intent("学生技能竞赛加起来拿了多少个奖？"))
    assert "共计261项" in extract


def test_an_entry_of_a_list_table_is_found_by_the_names_in_its_cells():
    rows = [Chunk(id=f"1.3#r{i}", text=f"拟立项名单 · 衢州市 · 序号 {130 + i} · 中职学校 {school} · 专业群 {group}",
                  section="1.3", title="拟立项名单", kind="row", table="1.3", meta={"label": "衢州市"})
            for i, (school, group) in enumerate([("浙江省衢州理工学校", "高端装备智造专业群"),
                                                  ("衢州中等专业学校", "化工与新材料专业群")])]
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。"])
    cut = lambda t: [w for w in ("浙江省衢州理工学校", "专业群", "入选") if w in t]
    matcher = RowMatcher.build(rows, None, weights, cut, cut)
    (best, score), (_, other) = matcher.match("浙江省衢州理工学校入选了哪个专业群？", None, top=2)
    assert best.id == "1.3#r0" and score > 0.3 > other  # by the school's name, though the label is the city


def test_a_number_the_question_names_picks_the_sentence_that_has_it():
    chunk = Chunk(id="1.5.2#p0", section="1.5.2", title="学业", kind="text",
                  text="2025年，学业水平测试中，我校23级学科排名：4个第一、2个第二；24级学科排名：9个第一、1个第二；")
    weights = TermWeights.fit([chunk.text, "学校占地430亩。", "学校有教职工303人。"], words=lambda t: [t])
    cut = lambda t: [w for w in ("学业", "水平", "测试", "24", "学科", "排名", "第一") if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    answer = answerer.compose("学业水平测试24级的学科排名拿了几个第一？", [Hit(chunk, 1.0, {"bm25": 1})])
    assert "9个第一" in answer.text and "4个第一" not in answer.text


def test_a_prizes_level_is_part_of_its_label():
    rows = [Chunk(id=f"表1-1#r{i}", text=f"表1-1 获奖统计 · {label} · 教师获奖 {n}", section="表1-1", title="获奖统计",
                  kind="row", table="表1-1", meta={"label": label}) for i, (label, n) in
            enumerate([("省一等奖", 2), ("市一等奖", 16), ("市二等奖", 16)])]
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。"])
    cut = lambda t: [w for w in ("市级", "一等奖", "二等奖", "教师") if w in t]
    matcher = RowMatcher.build(rows, None, weights, cut, cut)
    assert matcher.match("教师市级一等奖有几项？", None, top=1)[0][0].meta["label"] == "市一等奖"


def test_items_an_announcement_names_are_gathered_from_the_sentences_after_it():
    from qzassist.answer import _items_named_like

    after = ["实施“筑巢引凤”工程，优化结构。", "创新人才引进机制。", "开展“立德铸魂”工程，强化师德。",
             "推进“内生提升”工程。", "其他工作。"]
    assert _items_named_like("持续推进“五项工程”，打造品牌。", after, 0) == [after[0], after[2], after[3]]
    assert _items_named_like("持续推进各项工作。", after, 0) == []


def test_counting_people_needs_people_counted_other_counts_need_any_count():
    from qzassist.answer import Evidence, _gives_count

    chunk = Chunk(id="x#p0", section="x", title="t", kind="text", text="")
    said = lambda text: Evidence(chunk, text, 1.0, 0, 1.0)
    assert _gives_count(said("推出视频6个，微博热搜2个"), parse_intent("上过几次微博热搜？"))
    assert not _gives_count(said("全年累计联系学生超千次"), parse_intent("有多少名党员教师？"))
    assert _gives_count(said("新增高级讲师9人"), parse_intent("新增了几位高级讲师？"))


def test_a_count_in_another_measure_is_the_one_said_of_the_thing_asked():
    sentence = "通过清廉文化园游园和清廉文化节颁奖晚会，展示活动成果，表彰先进个人和集体，推出视频6个，微博热搜2个。"
    weights = TermWeights.fit([sentence, "学校占地430亩。"])
    extract = best_extract(sentence, ["清廉", "文化节", "微博热搜"], weights, parse_intent("清廉文化节上过几次微博热搜？"))
    assert extract.endswith("微博热搜2个") and "视频6个" not in extract


def test_a_year_outside_the_tables_years_picks_the_sentence_that_has_it():
    chunk = Chunk(id="3.1.1#p0", section="3.1.1", title="足迹", kind="text",
                  text="学校组织师生理论学习，明确师生的年度目标。2004年10月10日领导视察学校，“美丽中专”成为师生的奋斗目标。")
    weights = TermWeights.fit([chunk.text, "学校占地430亩。", "学校有教职工303人。"])
    cut = lambda t: [w for w in ("师生", "目标", "2004") if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  report_years=("2024", "2025"))
    answer = answerer.compose("2004年视察以后师生的目标是什么？", [Hit(chunk, 1.0, {"bm25": 1})])
    assert not answer.refused and "美丽中专" in answer.text and "理论学习" not in answer.text


def test_list_size_counts_the_last_item_joined_by_and():
    from qzassist.answer import list_size

    assert list_size("继续深化“化工”项目、旅游健康项目和空气动力项目三大省级项目") == 3
    assert list_size("潘皓恩、郑宇轩两位同学") == 2


def test_a_cell_the_question_names_keeps_the_entrys_other_rows_out():
    rows = [_plan_row(1, "数控技术应用", "3年(国际合作)", 15, "日本工业大学"),
            _plan_row(2, "数控技术应用", "中本一体化3+4", 40, "浙江科技大学")]
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。"])
    cut = lambda t: [w for w in ("日本工业大学", "计划", "招生", "数控技术应用") if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(rows, None, weights, cut, cut), cut=cut)
    hits = [Hit(r, 1.0, {"bm25": i}) for i, r in enumerate(rows)]
    text = answerer.compose("跟日本工业大学合作的班今年计划招几个？", hits).text
    assert "15" in text and "浙江科技大学" not in text
    both = answerer.compose("数控技术应用专业计划招多少人？", hits).text
    assert "15" in both and "40" in both  # no cell named: the entry's rows together


def test_how_often_questions_quote_the_clause_that_says_how_often():
    from qzassist.answer import has_kind

    sentence = "完善订单培养机制，邀请工程师和技术骨干作为企业导师，每月按固定频率进校，为订单班学生授课。"
    intent = parse_intent("订单班的企业导师多久来学校上一次课？")
    assert intent.kind == "often" and has_kind("每月按固定频率进校", "often") and not has_kind("进校授课", "often")
    weights = TermWeights.fit([sentence, "学校占地430亩。"])
    assert "每月" in best_extract(sentence, ["订单", "企业", "导师"], weights, intent)
    # "多久就有一场": how often, whatever is counted (场, not only 次)
    assert parse_intent("社团活动平均下来多久就有一场？").kind == "often"


def test_the_count_quoted_is_the_one_said_of_the_most_words_asked():
    sentence = "开展德育故事评比，做有温度的教育，2024学年全校班主任获奖38篇，学生获奖72篇。"
    weights = TermWeights.fit([sentence, "学校占地430亩。"])
    extract = best_extract(sentence, ["德育故事", "评比", "学生", "获奖"], weights,
                           parse_intent("德育故事评比里学生那边有多少篇获奖了？"))
    assert extract.endswith("学生获奖72篇")


def test_the_measure_asked_for_picks_the_row_counted_in_it():
    rows = [_row("表2", "教学资源表", "教学计划内课程总数", "学时", "55764", "55795", idx=0),
            _row("表2", "教学资源表", "教学计划内课程总数", "门", "220", "234", idx=1)]
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。", "学校有教职工303人。"])
    words = ("教学计划内课程总数", "教学计划", "课程", "学时")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(rows, None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    hits = [Hit(r, 0.5, {"bm25": i + 1}) for i, r in enumerate(rows)]
    assert parse_intent("教学计划内的课程门数").measures == ("门",)
    assert "2025年 234门" in answerer.compose("2025年教学计划内的课程门数是多少？", hits).text.split("；")[0]
    both = answerer.compose("2025年教学计划内课程总数是多少门、多少学时？", hits).text
    assert "234门" in both and "55795学时" in both


def test_which_company_or_school_is_answered_only_where_one_is_named():
    from qzassist.answer import names_kind

    assert names_kind("与浙江时代锂电材料有限公司合作", "企业") and not names_kind("学校新增无人机专业", "企业")
    # "跟哪几家医院合作": a place must name a hospital, not only the centre the question is about
    centre = Chunk(id="5.2#p0", section="5.2", title="实践中心", kind="text", text="永康卫生学校建设健康人才培育产教融合实践中心，开展合作。")
    answerer = _toy_answerer([centre.text, "学校召开会议。"], ("永康卫生学校", "实践中心", "合作", "医院"))
    assert answerer.compose("永康卫生学校的实践中心跟哪几家医院合作？", [Hit(centre, 1.0, {"bm25": 1})]).refused
    # "哪家施工单位中标": an organisation named; "哪几类单位": kinds of them, which need no names
    works = Chunk(id="6.2#p0", section="6.2", title="经费", kind="text", text="成功获得二期工程项目资金2499万元，用于宿舍改造。")
    visits = Chunk(id="1.6#p0", section="1.6", title="场馆", kind="text", text="接待学校、企业、政府机关等参访单位40余批。")
    answerer = _toy_answerer([works.text, visits.text, "学校召开会议。"], ("二期工程", "施工单位", "单位", "参访"))
    assert answerer.compose("二期工程是哪家施工单位中标的？", [Hit(works, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("来参访的都是哪几类单位？", [Hit(visits, 1.0, {"bm25": 1})]).refused
    text = Chunk(id="1.2#p0", section="1.2", title="专业", kind="text", text="衢州中专新增无人机操控与维护专业，招生45人。")
    firm = Chunk(id="5.1#p0", section="5.1", title="校企", kind="text",
                 text="与浙江时代锂电材料有限公司合作开展化工机械设备运维现场工程师项目。")
    weights = TermWeights.fit([text.text, firm.text, "学校占地430亩。"])
    words = ("无人机操控与维护", "专业", "化工机械设备运维", "项目", "合作", "企业", "学校")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  own_names=("衢州中等专业学校", "衢州中专"))
    assert answerer.compose("无人机操控与维护专业跟哪家企业合作？", [Hit(text, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("化工机械设备运维项目跟哪家企业合作？", [Hit(firm, 1.0, {"bm25": 1})])
    assert not answer.refused and "浙江时代锂电材料有限公司" in answer.text
    # this report's own school is no answer to "which school"
    assert answerer.compose("无人机操控与维护专业跟哪所学校合作？", [Hit(text, 1.0, {"bm25": 1})]).refused


def test_a_year_a_sentence_compares_with_is_not_the_year_of_its_figures():
    text = Chunk(id="1.5.2#p0", section="1.5.2", title="升学", kind="text",
                 text="职教高考方面，升学共计738人，升学率97.2%，本科上线106人，较2024年增加22人。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("职教高考", "升学率", "本科上线", "2024", "2025")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    hits = [Hit(text, 1.0, {"bm25": 1})]
    assert answerer.compose("2024年职教高考升学率是多少？", hits).refused
    assert "97.2%" in answerer.compose("2025年职教高考升学率是多少？", hits).text
    assert "22人" in answerer.compose("本科上线人数和2024年比增加了多少？", hits).text


def test_when_is_answered_only_where_a_time_is_given():
    money = Chunk(id="6.2#p0", section="6.2", title="经费", kind="text",
                  text="获得二期工程项目资金2499万元，用于学生宿舍、教师公寓的整体改造。")
    group = Chunk(id="三#p0", section="三", title="编制", kind="text", text="2025年12月初组建报告编写工作群。")
    weights = TermWeights.fit([money.text, group.text, "学校占地430亩。"])
    words = ("学生宿舍", "改造", "工作群", "组建")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    assert parse_intent("学生宿舍改造什么时候完工？").kind == "when"
    assert answerer.compose("学生宿舍改造什么时候完工？", [Hit(money, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("工作群是什么时候组建的？", [Hit(group, 1.0, {"bm25": 1})])
    assert not answer.refused and "2025年12月初" in answer.text


def test_everyday_framing_is_not_read_as_what_is_asked():
    # "好几种学制" is no count asked for; "往上走" asks for the change
    assert parse_intent("管理模式已经跟不上好几种学制并存的局面了？").measures == ()
    assert parse_intent("“双师型”老师的比例是在往上走吗？").compare
    assert parse_intent("教师宿舍一间住几个人？").measures == ("人",)  # people, not 个 of anything
    assert parse_intent("财政这块今年是不是缩水了？").compare and parse_intent("两项各多少，是增是减？").compare
    # words that say how the figure is wanted or what was done specially name no subject
    assert query_terms("2025 学生技能竞赛 获奖人次（约数）", lambda t: __import__("jieba").lcut(t))[-1] != "约数"
    assert "专门" not in query_terms("学校专门制定了什么方案", lambda t: __import__("jieba").lcut(t))
    # "按门数算" says the count is taken in 门
    assert query_terms("网络教学课程按门数算，两年有没有变化？", lambda t: __import__("jieba").lcut(t))[-1] == "门数"


def test_a_verb_with_its_particles_is_no_subject():
    from qzassist.index import dictionary_words

    text = Chunk(id="4.2#p0", section="4.2", title="国际", kind="text",
                 text="日本工业大学刘雯博士莅临我校，顺利完成22级学生入学考试工作，并召开家长见面会。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("完成", "入学考试", "开了个", "会")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  in_dictionary=dictionary_words())
    answer = answerer.compose("她除了完成入学考试，还开了个什么会？", [Hit(text, 1.0, {"bm25": 1})])
    assert not answer.refused and "家长见面会" in answer.text
    assert answerer._coined("开了个") and answerer._coined("过奖") and not answerer._coined("通过率")
    assert answerer._coined("团算")  # "龙狮团算哪一类": 算 says "counts as", like 是
    assert answerer._coined("这两项") and answerer._coined("那个")  # pointers back, not names
    assert answerer._coined("里加")  # "比赛里加起来": 里 ends the word before it


def test_an_english_question_is_ranked_by_meaning_too():
    volunteers = Chunk(id="3.3.4#p0", section="3.3.4", title="志愿", kind="text",
                       text="2025年7月，学校118名在校生参加全国田径锦标赛志愿服务。")
    students = Chunk(id="一#p0", section="一", title="概况", kind="text", text="全日制在校生近4000人，学生社团31个。")
    weights = TermWeights.fit([volunteers.text, students.text, "学校占地430亩。"])
    cut = lambda t: sorted((w for w in ("学生", "在校生") if w in t), key=t.index)
    # a stand-in for the multilingual embedder: volunteering sentences point one way, the rest another
    embed = lambda texts: [[1.0, 0.0] if "志愿" in t else [0.0, 1.0] for t in texts]

    def answerer(embed_texts):
        return ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  embed=embed_texts)

    question = "How many students helped out at the national track meet?"  # words the glossary lacks
    hits = [Hit(students, 1.0, {"bm25": 1}), Hit(volunteers, 0.9, {"bm25": 2})]
    assert "118" not in answerer(None).compose(question, hits, [1.0, 0.0]).text.split(";")[0]
    answer = answerer(embed).compose(question, hits, [1.0, 0.0])
    assert "118" in answer.text.split(";")[0] and answer.citations[0].section == "3.3.4"


def test_which_one_is_not_a_list_of_one():
    assert parse_intent("副组长是由哪一级的领导来当的？").count == 0
    assert not parse_intent("副组长是由哪一级的领导来当的？").listing
    assert parse_intent("体现在哪三个方面？").count == 3


def test_a_numbered_list_is_quoted_from_its_first_step_to_its_last():
    first = Chunk(id="三#p0", section="三", title="编制过程", kind="text",
                  text="1.2025年11月成立报告编写领导小组。学校党委书记担任组长。2.2025年12月初组建编写工作群，学习有关编制文件。")
    rest = Chunk(id="三#p1", section="三", title="编制过程", kind="text",
                 text="3.2025年12月中旬开展初审会。4.2025年12月下旬完成终审工作。")
    elsewhere = Chunk(id="1.1#p0", section="1.1", title="理念", kind="text", text="将学生的主体地位贯穿于教育教学全过程。")
    weights = TermWeights.fit([first.text, rest.text, elsewhere.text, "学校占地430亩。", "学校有教职工303人。"])
    cut = lambda t: sorted((w for w in ("编制", "过程") if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  following={"三#p0": rest}, sections={"三": [first, rest]})
    # retrieval found another section first; the question names this section's title
    answer = answerer.compose("编制过程分了哪几步？", [Hit(elsewhere, 1.0, {"bm25": 1})])
    assert all(step in answer.text for step in ("1.2025年11月", "2.2025年12月初", "3.2025年12月中旬", "4.2025年12月下旬"))
    assert "党委书记" not in answer.text  # a sentence inside a step is not a step


def test_a_quoted_phrase_points_at_where_the_report_says_it():
    assert parse_intent("学校拿什么当“引擎”？“服务……”有哪些？").quoted == ("引擎",)  # a quote with … is a pattern
    target = Chunk(id="7.3#p0", section="7.3", title="展望", kind="text", text="学校将以省级优质专业群建设为引擎，推动学校发展。")
    other = Chunk(id="6.1#p0", section="6.1", title="管理", kind="text",
                  text="三大挑战逐步破解，推动改革。")
    weights = TermWeights.fit([target.text, other.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("三大", "挑战", "准备", "引擎", "推动", "发展")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    hits = [Hit(other, 1.0, {"bm25": 1}), Hit(target, 0.9, {"bm25": 2})]
    answer = answerer.compose("讲完三大挑战，学校准备拿什么当“引擎”来推动发展？", hits)
    assert not answer.refused and "省级优质专业群建设" in answer.text


def test_a_comparison_of_two_indicators_gives_both_and_a_ratio_gets_its_direction():
    rows = [_row("表3", "服务贡献表", "非学历培训到账经费", "万元", "175.11", "94.4680", idx=0),
            _row("表3", "服务贡献表", "非学历培训项目数", "项", "31", "21", idx=1),
            _row("表2", "教学资源表", "生师比", "—", "13.7:1", "13.58:1", idx=2),
            _row("表5", "落实政策表", "聘请行业导师人数", "人", "24", "23", idx=3),
            # a sub-row's text names its parent indicator (人数) too; its own name is 年课时总量
            _row("表5", "落实政策表", "行业导师年课时总量", "课时", "1920", "1900", parent="聘请行业导师人数", idx=4)]
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。", "学校有教职工303人。"])
    words = ("非学历培训", "项目数", "到账", "经费", "生师比", "行业", "导师", "人数", "年课时总量")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(rows, None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    hits = [Hit(r, 0.5, {"bm25": i + 1}) for i, r in enumerate(rows)]
    both = answerer.compose("非学历培训的项目数与到账经费，两年各多少？是减少了吗？", hits).text
    assert "175.11万元" in both and "31项" in both and "21项" in both
    mentors = answerer.compose("行业导师人数和行业导师年课时总量，两年各多少？", hits).text
    assert "24人" in mentors and "1920课时" in mentors
    ratio = answerer.compose("生师比是变高了还是变低了？", hits).text
    assert "13.7:1" in ratio and "13.58:1" in ratio and "下降" in ratio
    # a story thins every row's coverage; an indicator the question names whole still comes back
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。", "老师们的水平高，服务好。"])
    cut = lambda t: sorted((w for w in words + ("老师", "水平", "服务") if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(rows, None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    story = answerer.compose("想知道老师够不够、水平高不高、服务好不好。生师比和非学历培训到账经费，去年今年各是多少？",
                             hits).text
    assert "13.58:1" in story and "94.4680万元" in story
    assert parse_intent("生师比两年各多少，都往哪个方向变了？").compare


def test_an_organisation_named_with_the_kind_of_person_asked_for_is_enough():
    text = Chunk(id="4.2#p0", section="4.2", title="国际", kind="text",
                 text="2025年10月，日本工业大学刘雯博士莅临我校，顺利完成入学考试工作。")
    weights = TermWeights.fit([text.text, "学校有专任教师278人，老师们积极参加培训。", "学校占地430亩。"])
    words = ("日本工业大学", "老师")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    answer = answerer.compose("日本工业大学今年派了哪位老师来？", [Hit(text, 1.0, {"bm25": 1})])
    assert not answer.refused and "刘雯博士" in answer.text


def test_a_sentence_without_a_year_tells_of_the_reports_year():
    text = Chunk(id="四(三)#p0", section="四(三)", title="专业", kind="text", text="护理专业护士执业资格考试通过率97.36%，专任教师下企业实践。")
    row = _row("表5", "落实政策表", "专任教师总数", "人", "282", "278", idx=0)
    weights = TermWeights.fit([text.text, row.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("护理", "通过率", "专任教师")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([row], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    hits = [Hit(text, 1.0, {"bm25": 1}), Hit(row, 0.4, {"bm25": 2})]
    assert answerer.compose("2024年护理专业的通过率是多少？", hits).refused
    assert answerer.compose("2024年护理通过率多少？比去年高了吗？", hits).refused  # no change is stated
    assert "97.36%" in answerer.compose("2025年护理专业的通过率是多少？", hits).text
    assert "282" in answerer.compose("2024年的专任教师是多少？", hits).text  # the row that has 2024


def test_a_figure_for_one_major_is_not_the_schools_figure():
    total = Chunk(id="1.5.1#p0", section="1.5.1", title="竞赛", kind="text", text="2025年学生技能竞赛获奖共计261项。")
    nursing = Chunk(id="四(三)#p0", section="四(三)", title="专业", kind="text", text="护理专业护士执业资格考试通过率97.36%。")
    weights = TermWeights.fit([total.text, nursing.text, "核心专业数控技术应用。", "学校占地430亩。"])
    words = ("护理", "专业", "技能竞赛", "获奖", "通过率", "核心")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    assert answerer.compose("技能竞赛获奖里，护理专业拿了多少项？", [Hit(total, 1.0, {"bm25": 1})]).refused
    assert "97.36%" in answerer.compose("护理专业的通过率是多少？", [Hit(nursing, 1.0, {"bm25": 1})]).text
    assert "261" in answerer.compose("技能竞赛获奖核心专业有多少项？", [Hit(total, 1.0, {"bm25": 1})]).text  # 核心 is no major


def test_the_schools_majors_are_no_major_of_their_own():
    row = _row("表2", "教学资源表", "专业数量", "个", "15", "16", idx=0)
    weights = TermWeights.fit([row.text, "学校专业集群建设。", "学校占地430亩。"])
    words = ("学校", "专业", "数量")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([row], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    answer = answerer.compose("学校专业数量2024年和2025年各是几个？", [Hit(row, 1.0, {"bm25": 1})])
    assert not answer.refused and "16" in answer.text, answer.text


def test_a_judgement_the_report_does_not_make_is_refused():
    text = Chunk(id="5.4#p0", section="5.4", title="师徒", kind="text", text="组织学校护理、幼儿保育专业负责人与劳模工匠师徒结对。")
    weights = TermWeights.fit([text.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("护理", "幼儿保育", "专业", "就业")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    assert parse_intent("护理和幼儿保育哪个专业更推荐？").kind == "opinion"
    assert answerer.compose("护理和幼儿保育，报告觉得哪个专业更推荐？", [Hit(text, 1.0, {"bm25": 1})]).refused


def test_items_that_follow_a_summary_one_per_clause_are_the_list():
    summary = Chunk(id="4.1#p0", section="4.1", title="国际", kind="text",
                    text="在“一带一路”系列技能赛事中，我校学子累计斩获二等奖2项、三等奖1项。")
    items = Chunk(id="4.1#p1", section="4.1", title="国际", kind="text",
                  text="24化工黄奇鸿获人工智能大模型赛项二等奖；23建大蒋烨锋获城市更新赛项二等奖；22数控胡义平获精密注塑模具赛项三等奖。")
    weights = TermWeights.fit([summary.text, items.text, "学校占地430亩。", "学校有教职工303人。"])
    words = ("一带一路", "赛事", "技能", "班")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  following={"4.1#p0": items})
    answer = answerer.compose("“一带一路”技能赛事里获奖的都是哪些班？", [Hit(summary, 1.0, {"bm25": 1})])
    assert all(name in answer.text for name in ("24化工", "23建大", "22数控"))


def test_a_city_a_cohort_a_university_or_a_number_of_days_is_answered_only_where_one_is_given():
    from qzassist.answer import answer_kind_words, names_kind

    assert names_kind("在浙江省衢州市举办", "城市") and not names_kind("参加全国田径锦标赛志愿服务", "城市")
    assert not names_kind("获评市级优秀", "城市")  # 市级 is a level, not a city
    assert not names_kind("积极参与全国文明城市创建", "城市")  # the word 城市 names no city
    assert names_kind("由衢州市教育局统筹", "部门") and names_kind("教务处牵头", "部门")
    assert not names_kind("深化校企合作办学", "部门") and not names_kind("及时处理问题", "部门")  # verbs, not bodies
    assert names_kind("22级学生入学考试", "年级") and not names_kind("6人获国家奖学金", "年级")
    assert answer_kind_words("那9位老师分别被哪几所高校录取了？") == {"高校"}
    event = Chunk(id="3.3.4#p0", section="3.3.4", title="志愿", kind="text",
                  text="2025年7月，学校118名学生参加全国田径锦标赛志愿服务。")
    plan = Chunk(id="6.3#p0", section="6.3", title="教师", kind="text", text="组织实施“学历攀登计划”，预录取9人、在读4人。")
    weights = TermWeights.fit([event.text, plan.text, "学校占地430亩。"])
    words = ("学生", "全国田径锦标赛", "志愿", "城市", "服务", "学历攀登计划", "老师", "高校", "录取")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut,
                                  report_years=("2024", "2025"))
    hit = [Hit(event, 1.0, {"bm25": 1})]
    assert answerer.compose("全国田径锦标赛的志愿服务是在哪个城市？", hit).refused
    assert answerer.compose("学生去全国田径锦标赛志愿服务了几天？", hit).refused
    assert not answerer.compose("多少学生去全国田径锦标赛志愿服务？", hit).refused
    assert answerer.compose("学历攀登计划的老师分别被哪几所高校录取了？", [Hit(plan, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("学历攀登计划录取了多少人？", [Hit(plan, 1.0, {"bm25": 1})]).refused


def test_an_english_how_many_needs_a_place_that_gives_a_figure():
    text = Chunk(id="5.1#p0", section="5.1", title="校企", kind="text",
                 text="完善订单培养机制，邀请浙江时代锂电工程师作为企业导师。")
    count = Chunk(id="5.1#p1", section="5.1", title="校企", kind="text", text="订单班共有学生45人，由浙江时代锂电工程师授课。")
    answerer = _toy_answerer([text.text, count.text, "学校占地430亩。"], ("订单", "浙江时代锂电", "学生"))
    assert answerer.compose("How many are in the 订单 class with 浙江时代锂电?", [Hit(text, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("How many are in the 订单 class with 浙江时代锂电?", [Hit(count, 1.0, {"bm25": 1})])
    assert not answer.refused and "45" in answer.text
    assert parse_intent("How much monthly allowance do students get?").kind == "money"


def test_an_elided_list_is_spelled_out_and_each_named_row_is_answered():
    from qzassist.answer import spell_out_elided

    assert spell_out_elided("市一、市二、市三等奖各几项") == "市一等奖、市二等奖、市三等奖各几项"
    assert spell_out_elided("市级的一、二、三等奖分别是几项") == "市级的一等奖、二等奖、三等奖分别是几项"
    # a level said once before a list of prizes goes with each, as the table names its rows
    assert spell_out_elided("学生拿的市级一等奖、二等奖和三等奖各几项") == "学生拿的市一等奖、市二等奖和市三等奖各几项"
    assert spell_out_elided("获省二等奖1项、三等奖2项") == "获省二等奖1项、三等奖2项"  # not a list of prizes alone
    assert spell_out_elided("一、二类课程") == "一类、二类课程"
    assert spell_out_elided("国家一等奖和二等奖") == "国家一等奖和国家二等奖"  # the level without 级 goes with each too
    assert spell_out_elided("省一、二、三等奖各是多少") == "省一等奖、省二等奖、省三等奖各是多少"
    rows = [_row("表1-1", "获奖统计", f"市{n}等奖", "项", str(10 + i), str(20 + i), idx=i) for i, n in enumerate("一二三")]
    rows += [_row("表1-1", "获奖统计", f"省{n}等奖", "项", str(30 + i), str(40 + i), idx=3 + i) for i, n in enumerate("一二三")]
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。", "学校有教职工303人。"])
    words = tuple(f"{lv}{n}等奖" for lv in "市省" for n in "一二三") + ("获奖",)
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(rows, None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    text = answerer.compose("表1-1 市一、市二、市三等奖 各几项", [Hit(r, 0.5, {"bm25": i + 1}) for i, r in enumerate(rows)]).text
    assert all(f"市{n}等奖" in text for n in "一二三") and "省" not in text
    # a list table's rows named whole come before a sentence that mentions one of them, in the order asked
    cells = [Chunk(id=f"表1-1#c{i}", section="表1-1", title="获奖统计", kind="row", table="表1-1", meta={"label": f"省{n}等奖"},
                   text=f"表1-1 获奖统计 · 省{n}等奖 · 序号 {4 + i} · 教师获奖 {2 * i + 2} · 学生获奖 {8 + 10 * i}")
             for i, n in enumerate("一二三")]
    story = Chunk(id="3.4#p0", section="3.4", title="创新", kind="text", text="吴飞燕老师获得说课大赛省一等奖，省二等奖。")
    weights = TermWeights.fit([c.text for c in cells] + [story.text, "学校占地430亩。", "学校有教职工303人。"])
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(cells, None, weights, cut, cut), cut=cut)
    text = answerer.compose("省一、二等奖又各是多少？", [Hit(story, 1.0, {"bm25": 1})]).text
    assert text.index("省一等奖") < text.index("省二等奖") and "学生获奖 18" in text
    assert "吴飞燕" not in text


def test_a_question_that_asks_how_many_of_an_indicator_is_answered_by_its_row():
    from qzassist.answer import _names_row

    row = _row("表5", "落实政策表", "其中：专任教师总数", "人", "282", "278", parent="教职工总数", idx=0)
    assert _names_row("专任教师有多少人？", row) and _names_row("专任教师总数是多少", row)
    assert not _names_row("高级职称专任教师比例是多少", row)  # another indicator that contains the name
    assert _names_row("在校生和专任教师两年各多少", row, asks_count=False)
    text = Chunk(id="1.6#p0", section="1.6", title="师资", kind="text",
                 text="实行专任教师下企业全员实践制度，每年选派100名以上专任教师进入企业开展岗位实践。")
    weights = TermWeights.fit([row.text, text.text, "学校占地430亩。", "学校有教职工303人。"])
    cut = lambda t: sorted((w for w in ("专任教师", "企业", "教职工") if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([row], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    answer = answerer.compose("专任教师多少人？", [Hit(text, 1.0, {"bm25": 1}), Hit(row, 0.5, {"bm25": 2})])
    assert answer.text.startswith("表5") and "278人" in answer.text


def test_each_question_word_names_its_own_kind_of_answer():
    import re

    from qzassist.answer import answer_kind_words

    words = ("比赛", "名次", "国家级", "牌子", "人", "机构", "参与", "女篮", "足球")
    cut = lambda t: [w for w in re.findall("|".join(sorted(words, key=len, reverse=True)) + r"|.", t)]
    # "什么比赛的什么名次" asks for two things; "什么国家级的牌子" for a 牌子 of that level; "人或机构" for either
    assert {"比赛", "名次"} <= answer_kind_words("女篮拿过什么比赛的什么名次？", cut)
    assert "牌子" in answer_kind_words("足球有没有什么国家级的牌子？", cut)
    assert "机构" in answer_kind_words("都有哪些人或机构参与？", cut)
    assert answer_kind_words("签订了哪两类文书？") == {"文书"}  # a count between 哪 and the kind


def test_a_detail_finer_than_the_report_gives_is_refused():
    import re

    from qzassist.answer import kind_mark

    assert kind_mark("高职院校") is not None and kind_mark("合作企业") is not None and kind_mark("方向") is None
    exam = Chunk(id="1.5.2#p0", section="1.5.2", title="升学", kind="text",
                 text="职教高考方面，升学共计738人，本科上线106人，其中专业本科人数建筑专业全省第一。")
    other = Chunk(id="1.2#p0", section="1.2", title="升学", kind="text",
                  text="职教高考升学的学生中，与浙江科技大学联办的中本一体班转段升学35人。")
    nursing = Chunk(id="4.3#p0", section="4.3", title="专业", kind="text", text="护理专业今年有42个学生考上本科。")
    certs = _row("表5", "落实政策表", "职业技能等级证书获取人数", "人", "1182", "1006", idx=0)
    weights = TermWeights.fit([exam.text, other.text, nursing.text, certs.text, "学校占地430亩。", "建筑专业。", "护理专业。",
                               "学校与7所高职院校合作。"])
    words = ("职教高考", "升学", "学生", "高职", "院校", "本科", "建筑专业", "护理专业", "考上", "职业技能等级证书", "专业")
    cut = lambda t: [w for w in re.findall("|".join(sorted(words, key=len, reverse=True)) + r"|.", t)]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([certs], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    both = [Hit(exam, 1.0, {"bm25": 1}), Hit(other, 0.9, {"bm25": 2})]
    # the question pins the place by its figure (738); a university named elsewhere is no answer
    assert answerer.compose("职教高考升学的那738个学生，分别考进了哪些高职院校？", both).refused
    assert not answerer.compose("职教高考升学一共多少人？", both).refused
    # a rank of a major is not a count of its students; a count is
    assert answerer.compose("建筑专业的专业本科有多少个学生？", [Hit(exam, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("护理专业的本科有多少个学生？", [Hit(nursing, 1.0, {"bm25": 1})]).refused
    from qzassist.answer import _BREAKDOWN

    assert not _BREAKDOWN.search("线上课程按种类分有哪几种？")  # the kinds are the list asked for
    assert _BREAKDOWN.search("这些人里男老师、女老师各有多少？").group(3) == "男"  # a split by sex
    # a total is no breakdown by 专业
    assert answerer.compose("职业技能等级证书获取人数按专业分各是多少？", [Hit(certs, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("职业技能等级证书获取人数是多少？", [Hit(certs, 1.0, {"bm25": 1})]).refused


def test_a_quoted_list_points_at_where_each_item_is_explained():
    from qzassist.answer import _says_quote

    assert _says_quote("凝练“善用器、创造器、成大器”的器文化", "善用器、创造器、成大器")
    assert _says_quote("“善用器”从工具使用入手，“创造器”从作品创作入手，“成大器”从品格塑造入手", "善用器、创造器、成大器")
    assert not _says_quote("“善用器、创造器”是对蓝领工匠的技术期盼", "善用器、创造器、成大器")
    assert parse_intent("这三个分别是从什么入手的？").verb == "入手"
    assert parse_intent("家书是什么主题的？").verb == ""  # a noun after 什么 is the kind asked, not a verb
    slogan = Chunk(id="3.1.3#p0", section="3.1.3", title="文化", kind="text",
                   text="学校根据“勤而立信、忠以成器”校训和“向上向善成大器”校风，凝练“善用器、创造器、成大器”的“器文化”，"
                        "提出“办品质学校、育器质学子”的办学目标。")
    meaning = Chunk(id="3.1.3#p1", section="3.1.3", title="文化", kind="text",
                    text="“善用器”从工具使用入手强调技能养成，“创造器”从作品创作入手聚焦创新能力，“成大器”从品格塑造入手关注人的发展。")
    answerer = _toy_answerer([slogan.text, meaning.text, "学校占地430亩。"], ("善用器", "创造器", "成大器", "入手", "三个"))
    hits = [Hit(slogan, 1.0, {"bm25": 1}), Hit(meaning, 0.9, {"bm25": 2})]
    answer = answerer.compose("学校老讲“善用器、创造器、成大器”，这三个分别是从什么入手的？", hits)
    assert "工具使用" in answer.text and "品格塑造" in answer.text


def test_how_a_figure_is_made_or_which_of_two_it_is_needs_a_place_that_says_so():
    assert parse_intent("生师比13.58:1是怎么算出来的？").kind == "method"
    assert parse_intent("这个班的学费是按普高收还是按中职收？").kind == "money"
    income = _row("表1", "人才培养质量计分卡", "月收入", "元", "4294", "4160", idx=0)
    award = Chunk(id="4.1#p0", section="4.1", title="赛事", kind="text",
                  text="24化工樊程磊等2名同学获首届全国总决赛（高校组）三等奖。")
    weights = TermWeights.fit([income.text, award.text, "学校占地430亩。", "税前税后。", "中职组。"])
    words = ("月收入", "税前", "税后", "毕业生", "樊程磊", "全国总决赛", "中职组", "高校组", "团队")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([income], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    row = [Hit(income, 1.0, {"bm25": 1})]
    assert answerer.compose("月收入是怎么算出来的？", row).refused
    assert answerer.compose("月收入4160元是税前还是税后？", row).refused
    assert not answerer.compose("月收入是多少？", row).refused
    text = [Hit(award, 1.0, {"bm25": 1})]
    assert not answerer.compose("樊程磊的全国总决赛是中职组还是高校组？", text).refused
    assert not answerer.compose("樊程磊的全国总决赛是中职组还是别的什么组？", text).refused


def test_a_figure_set_as_a_condition_needs_a_place_that_states_it():
    heads = _row("表5", "落实政策表", "班主任人数", "人", "99", "98", idx=0)
    mentors = Chunk(id="1.6#p0", section="1.6", title="师资", kind="text", text="每年选派100名以上专任教师下企业，班主任任职满5年的有40人。")
    weights = TermWeights.fit([heads.text, mentors.text, "学校占地430亩。"])
    words = ("班主任", "人数", "专任教师", "企业")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([heads], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    assert answerer.compose("班主任中担任班主任满20年的人数是多少？", [Hit(heads, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("担任班主任满5年的有多少人？", [Hit(mentors, 1.0, {"bm25": 1}), Hit(heads, 0.5, {"bm25": 2})])
    assert not answer.refused and "40人" in answer.text


def test_a_name_asked_for_needs_a_place_that_quotes_one():
    account = Chunk(id="3.2.2#p0", section="3.2.2", title="德育", kind="text",
                    text="学校名班主任工作室微信公众号传播中专德育故事，推送10余篇师生作品。")
    team = Chunk(id="3.1.1#p0", section="3.1.1", title="宣讲", kind="text",
                 text="打造了一支由师生共同组成的“中专故事讲解员”队伍，对校外访客进行理论宣讲。")
    answerer = _toy_answerer([account.text, team.text, "学校占地430亩。"], ("名班主任工作室", "微信公众号", "公众号", "德育", "故事", "队伍", "理论宣讲", "师生"))
    assert answerer.compose("名班主任工作室的微信公众号叫什么名字？", [Hit(account, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("做理论宣讲的师生队伍叫什么名字？", [Hit(team, 1.0, {"bm25": 1})])
    assert not answer.refused and "中专故事讲解员" in answer.text


def test_a_name_asked_for_of_a_thing_the_report_only_counts_elsewhere_is_not_given():
    clubs = Chunk(id="3.3.1#p0", section="3.3.1", title="社团", kind="text",
                  text="学校规范社团管理，现有学生社团31个，展现了社团“四融合”的积极育人成效。")
    digital = Chunk(id="1.4.2#p0", section="1.4.2", title="数字资源", kind="text",
                    text="全校教师深耕数字教育资源开发，成功申报数字社团1个，建设线上AI应用课程1门。")
    network = Chunk(id="6.1#p0", section="6.1", title="党建", kind="text",
                    text="深化“四联一进”党员网格化联系服务机制，全年累计联系学生超千人次。")
    brand = Chunk(id="四#p0", section="四", title="成效", kind="text", text="完善“四联一进”工作机制，推动党建与教育教学深度融合。")
    answerer = _toy_answerer([c.text for c in (clubs, digital, network, brand)] + ["学校占地430亩。"],
                             ("社团", "学生社团", "机制", "工作机制", "党员", "网格化", "联系", "服务"))
    # the place found tells of other clubs (and quotes a name, “四融合”); the report says the 数字社团 only as
    # 成功申报数字社团1个
    assert answerer.compose("这个数字社团叫什么名字？", [Hit(clubs, 1.0, {"bm25": 1})]).refused
    # (a thing the report names elsewhere, “四联一进”工作机制, is named where the place calls it 服务机制)
    answer = answerer.compose("党员网格化联系服务学生的那个工作机制叫什么名字？", [Hit(network, 1.0, {"bm25": 1})])
    assert not answer.refused and "四联一进" in answer.text, answer.text


def test_a_story_word_is_not_what_is_asked_when_the_asking_clause_names_only_the_kind():
    club = Chunk(id="3.3.4#p0", section="3.3.4", title="社团", kind="text",
                 text="创新创意社黄奇鸿、陈志东获全国青少年航天创新大赛区域赛一等奖，社团成功申请国家专利一项；")
    answerer = _toy_answerer([club.text, "学校占地430亩。"], ("儿子", "社团", "成功", "申请", "国家专利"))
    # "是哪个社团" names only the kind of answer; 儿子, which the report never says, is the story's
    answer = answerer.compose("儿子说学校有个社团成功申请了一项国家专利，是哪个社团？", [Hit(club, 1.0, {"bm25": 1})])
    assert not answer.refused and "创新创意社" in answer.text, answer.text


def test_the_year_before_asked_needs_a_place_that_tells_of_it():
    visits = Chunk(id="3.2.5#p0", section="3.2.5", title="家校共育", kind="text",
                   text="利用寒暑假开展百名教师进千家活动，推送数字家校课程等提升家校沟通，共入户家访1981户，家访率70.2%，"
                        "重点学生家访率100%。")
    grown = Chunk(id="1.2#p0", section="1.2", title="招生", kind="text", text="与衢州高级中学合作的职普融通班，从45人扩招至90人。")
    answerer = _toy_answerer([visits.text, grown.text, "学校占地430亩。"], ("家访率", "家访", "职普融通班", "招生"),
                             report_years=("2024", "2025"))
    # (提升家校沟通 says no change by a figure)
    assert answerer.compose("家访率是70.2%。那前一年的家访率是多少？", [Hit(visits, 1.0, {"bm25": 1})]).refused
    assert answerer.compose("家访率今年比去年是高了还是低了？", [Hit(visits, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("职普融通班今年比去年多招了多少人？", [Hit(grown, 1.0, {"bm25": 1})])
    assert not answer.refused and "90" in answer.text, answer.text


def test_a_publisher_asked_for_is_named_as_one():
    books = Chunk(id="1.4.2#p0", section="1.4.2", title="教材", kind="text",
                  text="主编并正式出版了《机械识图与CAD绘图》《建筑制图与CAD》等3本省课改成果教材。")
    press = Chunk(id="1.4.2#p1", section="1.4.2", title="教材", kind="text",
                  text="《典型零件测量技术》由高等教育出版社出版。")
    answerer = _toy_answerer([books.text, press.text, "学校占地430亩。"], ("出版社", "出版", "教材", "机械识图", "典型零件测量技术"))
    # the sentence that names the books names no publisher (…出版社)
    assert answerer.compose("《机械识图与CAD绘图》是哪家出版社出版的？", [Hit(books, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("《典型零件测量技术》是哪家出版社出版的？", [Hit(press, 1.0, {"bm25": 1})])
    assert not answer.refused and "高等教育出版社" in answer.text, answer.text


def test_things_of_a_kind_asked_for_that_a_place_only_counts_are_not_named():
    body = "形成以党委会、校长办公会为决策层，教务处、实训与创业指导中心、4个专业学部、15个教研组为执行层"
    assert only_counted("教研组", body, gap=2, after=False)  # "是哪个教研组开发的": 15个教研组 names none of them
    # names listed before the count, in the same item, name the things counted
    assert not only_counted("学部", "学校现有财经商贸、学前艺术、机电工程、信息康养等4个学部16个专业", gap=2, after=False)
    assert not only_counted("专业", "2025年扩展到化工机械与设备、化学工艺、数控技术应用3个专业", gap=2, after=False)
    words = ("教研组", "执行层", "开发", "课程")
    chunk = Chunk(id="1.7#p0", section="1.7", title="质量保证", kind="text", text=body + "。")
    answerer = _toy_answerer([chunk.text, "学校占地430亩。"], words)
    assert answerer.compose("这门课是哪个教研组开发的？", [Hit(chunk, 1.0, {"bm25": 1})]).refused


def test_the_rest_of_a_group_a_place_names_only_in_part_is_not_named():
    partners = Chunk(id="1.2#p0", section="1.2", title="合作", kind="text",
                     text="学校持续深化与衢州职业技术学院、浙江交通职业技术学院、浙江广厦建设职业技术大学、浙江旅游职业学院、"
                          "浙江商业职业技术学院等7所优质高职院校的战略合作。")
    answerer = _toy_answerer([partners.text, "学校占地430亩。"], ("高职院校", "战略合作", "学校"))
    hits = [Hit(partners, 1.0, {"bm25": 1})]
    assert answerer.compose("7所优质高职院校只点名了5所。剩下那2所是哪两所学校？", hits).refused
    assert not answerer.compose("学校跟哪些高职院校有战略合作？", hits).refused


def test_next_year_is_a_year_after_the_reports_that_must_be_said():
    intent = parse_intent("明年职普融通班还招90人吗？", ("2024", "2025"))
    assert intent.explicit_years == ("2026",) and "2026" in intent.years
    assert parse_intent("今年职普融通班招多少人？", ("2024", "2025")).explicit_years == ()
    # (next year told as the person's plan, beside this year's report, is not the time asked)
    assert parse_intent("工会要做明年的活动计划，先看看今年报告里写了哪些活动？", ("2024", "2025")).explicit_years == ()
    assert parse_intent("My daughter will start next year. What are the 4 学部 called?", ("2024", "2025")).years == ()


def test_a_name_asked_for_is_not_given_by_a_place_that_only_counts_the_thing():
    patent = Chunk(id="3.3.4#p0", section="3.3.4", title="社团", kind="text",
                   text="创新创意社获“全国青少年航天创新大赛”区域赛一等奖，社团成功申请国家专利一项；")
    essay = Chunk(id="3.3.4#p1", section="3.3.4", title="社团", kind="text",
                  text="文学社徐爽同学获2025年“说吧，少年”第三届中小学作文大赛三等奖；")
    majors = Chunk(id="1.2#p0", section="1.2", title="合作", kind="text",
                   text="区域中高职一体方面，2025年扩展到化工机械与设备、化学工艺、数控技术应用3个专业。")
    answerer = _toy_answerer([patent.text, essay.text, majors.text, "学校占地430亩。"],
                             ("创新创意社", "社团", "国家专利", "专利", "作文大赛", "文学社", "徐爽", "区域中高职一体", "专业"))
    # "专利一项" says there is one (the contest's quoted name is another thing's); a quoted name beside the thing
    # asked (“说吧，少年”, a comma inside) names the contest
    assert answerer.compose("社团申请下来一项国家专利。这项专利叫什么名字？", [Hit(patent, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("徐爽拿过作文大赛的三等奖，那个作文大赛叫什么名字？", [Hit(essay, 1.0, {"bm25": 1})])
    assert not answer.refused and "说吧，少年" in answer.text, answer.text
    # (names listed before the count name the things counted; counts listed are counts: "7门市级、12门省级…课程")
    assert not only_counted("专业", majors.text)
    courses = "目前我校已有7门市级、12门省级网络同步课程，4门省级名师金课，以及1门省级主题研学课程。"
    assert only_counted("课", courses)


def test_which_entries_of_a_list_table_share_what_is_asked_are_listed_whole_by_name():
    def entry(i, name, system, partner):
        text = f"2025级招生计划 · {name} · 性质及学制 {system} · 计划招生数 40 · 合作院校 {partner}"
        return Chunk(id=f"1.2#r{i}", section="1.2", title="2025级招生计划", kind="row", table="1.2", text=text,
                     meta={"label": name, "parent": "", "unit": "", "row": str(i)})

    rows = [entry(0, "会计事务", "中高职一体化3+2", "衢州职业技术学院"), entry(1, "会计事务", "3年(高考)", "（空白）"),
            entry(2, "护理", "中高职一体化3+2", "衢州职业技术学院"), entry(3, "电子商务", "中高职一体化3+2", "衢州职业技术学院"),
            entry(4, "数控技术应用", "区域中高职一体化5年", "衢州职业技术学院"), entry(5, "旅游服务", "中高职一体化3+2", "衢州职业技术学院"),
            entry(6, "建筑工程施工", "中高职一体化3+2", "浙江广厦建设职业技术大学")]
    weights = TermWeights.fit([r.text for r in rows] + ["学校占地430亩。"])
    words = ("衢州职业技术学院", "合作", "专业", "招生计划", "会计事务")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(rows, None, weights, cut, cut), cut=cut)
    hits = [Hit(r, 0.5, {"bm25": i + 1}) for i, r in enumerate(rows)]
    text = answerer.compose("招生计划里哪些专业的3+2是跟衢州职业技术学院合作的？都列出来。", hits).text
    assert all(n in text for n in ("会计事务", "护理", "电子商务", "旅游服务"))
    assert "数控技术应用" not in text and "建筑工程施工" not in text  # 5年, or another partner
    assert text.count("计划招生数") <= 1  # said once, not once per entry
    # a question about one entry gets that entry's cells
    one = answerer.compose("会计事务的3+2是跟哪所学校合作的？都有哪些？", hits).text
    assert "衢州职业技术学院" in one


def test_a_share_asked_for_is_answered_with_the_clause_that_gives_it_in_percent():
    assert "%" in parse_intent("学生家里有百分之多少被走访到了？").measures
    assert "%" not in parse_intent("走访了多少户？").measures
    visits = Chunk(id="3.2.5#p0", section="3.2.5", title="家校", kind="text",
                   text="定期开展全校家长课堂、学部分专业家长会、班级专题家长会、推送数字家校课程等提升家校沟通，"
                        "利用寒暑假开展百名教师进千家活动，走进学生家庭，共入户家访1981户，家访率70.2%，建立钉钉家校通讯录等家校互动方式。")
    answerer = _toy_answerer([visits.text, "学校占地430亩。"], ("寒暑假", "百名教师进千家", "家访", "走访", "学生"))
    answer = answerer.compose("寒暑假“百名教师进千家”，学生家里有百分之多少被家访到了？", [Hit(visits, 1.0, {"bm25": 1})])
    assert "70.2%" in answer.text


def test_an_organisation_named_earlier_in_the_paragraph_names_it_for_the_figures_after():
    para = Chunk(id="1.2#p1", section="1.2", title="学制", kind="text",
                 text="与浙江科技大学合作的中本一体化项目扎实推进。2025级录取新生40人，其中衢州地区录取30人最高分592分。")
    weights = TermWeights.fit([para.text, "学校占地430亩。", "衢州职业技术学院。"])
    words = ("浙江科技大学", "合作", "中本一体化", "衢州地区", "录取", "最高分")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    answer = answerer.compose("跟浙江科技大学合作的班，衢州地区录取了几个？最高分多少？", [Hit(para, 1.0, {"bm25": 1})])
    assert not answer.refused and "592分" in answer.text


def test_a_question_about_teachers_is_not_answered_by_a_row_about_someone_else():
    income = _row("表1", "人才培养质量计分卡", "月收入", "元", "4294", "4160", idx=0)
    heads = _row("表5", "落实政策表", "班主任人数", "人", "99", "98", idx=1)
    weights = TermWeights.fit([income.text, heads.text, "学校占地430亩。", "老师们积极参加培训。"])
    words = ("月收入", "工资", "老师", "班主任", "人数", "毕业生")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([income, heads], None, weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    hits = [Hit(income, 1.0, {"bm25": 1}), Hit(heads, 0.5, {"bm25": 2})]
    assert answerer.compose("老师的月收入是多少？", hits).refused  # 表1's 月收入 is the graduates'
    assert not answerer.compose("月收入是多少？", hits).refused
    assert not answerer.compose("班主任人数是多少？", [Hit(heads, 1.0, {"bm25": 1})]).refused


def test_a_persons_name_asked_for_needs_a_place_that_names_someone():
    board = Chunk(id="三#p0", section="三", title="编制", kind="text", text="学校党委书记、校长担任组长，副校长级领导担任副组长。")
    speech = Chunk(id="6.1#p0", section="6.1", title="党建", kind="text", text="党委书记江健作为全省唯一中职学校代表参加座谈会并交流发言。")
    weights = TermWeights.fit([board.text, speech.text, "学校占地430亩。"])
    words = ("党委书记", "校长", "组长", "座谈会")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    tag = lambda t: [("江健", "nr")] if "江健" in t else [(w, "n") for w in cut(t)]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut, tag=tag)
    assert answerer.compose("校长叫什么名字？", [Hit(board, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("党委书记叫什么名字？", [Hit(speech, 1.0, {"bm25": 1})])
    assert not answer.refused and "江健" in answer.text


def test_a_count_of_a_thing_no_place_found_mentions_is_refused():
    campus = Chunk(id="一#p0", section="一", title="概况", kind="text", text="校园占地430亩，全日制在校生近4000人，现有专业16个。")
    canteen = Chunk(id="6.2#p0", section="6.2", title="后勤", kind="text", text="食堂完成空调安装，教工餐厅推出早餐服务。")
    words = ("校园", "占地", "学校", "学生", "食堂", "专业")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    tag = lambda t: [(w, "n") for w in cut(t)]
    answerer = _toy_answerer([campus.text, canteen.text, "学校召开会议。"], words, tag=tag)
    hits = [Hit(campus, 1.0, {"bm25": 1})]
    # the place pinned by 430亩 counts people and majors, not 食堂, which the report tells of elsewhere
    assert answerer.compose("校园占地430亩，那学校一共有几个学生食堂？", hits).refused
    assert not answerer.compose("校园占地430亩，那学校一共有几个专业？", hits).refused


def test_a_count_given_of_another_body_or_occasion_told_beside_the_one_asked_is_no_answer():
    schools = Chunk(id="3.3.2#p0", section="3.3.2", title="团委", kind="text",
                    text="成功举办第39、40期团校及第28期党校，吸纳68名优秀学生加入业余党校。")
    games = Chunk(id="3.3.3#p0", section="3.3.3", title="体育", kind="text",
                  text="学校学生在第二届中小学田径运动会上勇夺22枚金牌，并获第七届运动会篮球比赛第一名。")
    books = Chunk(id="3.3.2#p1", section="3.3.2", title="团委", kind="text", text="组织学生参与读书活动，收获学生作品证书1172份。")
    words = ("团校", "党校", "学员", "学生", "运动会", "田径", "金牌", "读书", "证书")
    answerer = _toy_answerer([schools.text, games.text, books.text, "学校召开会议。"], words)
    # the 68 joined the 党校, told beside the 团校 asked; the 22 golds were won at the 第二届, not the 第七届
    assert answerer.compose("第40期团校一共招了多少名学员？", [Hit(schools, 1.0, {"bm25": 1})]).refused
    assert answerer.compose("第七届运动会上田径拿了多少块金牌？", [Hit(games, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("业余党校吸收了多少名学生？", [Hit(schools, 1.0, {"bm25": 1})])
    assert not answer.refused and "68" in answer.text
    answer = answerer.compose("读书活动学生拿了多少份作品证书？", [Hit(books, 1.0, {"bm25": 1})])
    assert not answer.refused and "1172" in answer.text  # 证书 follows the 读书活动; it is no other body


def test_which_things_make_up_a_table_figure_the_question_quotes_is_refused_by_that_row():
    third = _row("表1", "人才培养质量计分卡", "面向第三产业就业人数", "人", "3", "35", idx=0)
    answerer = _toy_answerer([third.text, "学校召开会议。", "学生去酒店实习。"], ("第三产业", "就业", "行业", "毕业生"), rows=[third],
                             sections={"表1": [third]})
    hits = [Hit(third, 1.0, {"bm25": 1})]
    # a count of any size the question repeats pins the row, and a count names no 行业
    assert answerer.compose("表1里2025年面向第三产业就业的毕业生有35人。他们主要进了哪些行业？", hits).refused
    assert not answerer.compose("表1里2025年面向第三产业就业的毕业生有多少人？", hits).refused


def test_which_things_make_up_a_count_in_a_table_the_question_names_is_refused_by_its_row():
    first = Chunk(id="表1-1#r0", text="表1-1 2025年师生技能竞赛获奖统计 · 国家一等奖 · 序号 1 · 教师获奖 1 · 学生获奖 7",
                  section="表1-1", title="2025年师生技能竞赛获奖统计", kind="row", table="表1-1", meta={"label": "国家一等奖"})
    prose = Chunk(id="1.5.1#p0", section="1.5.1", title="大赛", kind="text",
                  text="学生职业能力大赛省级获奖13项（技能竞赛7项、中高职一体试点赛3项、创业创新3项）。")
    answerer = _toy_answerer([first.text, prose.text, "学校召开会议。"], ("国家一等奖", "学生", "比赛", "技能竞赛"),
                             rows=[first], sections={"表1-1": [first], "1.5.1": [prose]})
    hits = [Hit(first, 1.0, {"bm25": 1}), Hit(prose, 0.9, {"bm25": 2})]
    # the 7 is the row's cell (学生获奖 7) of the table named, not the 技能竞赛7项 that a sentence lists
    assert answerer.compose("表1-1里学生拿了7项国家一等奖。这7项分别是哪些比赛？", hits).refused


def test_who_does_something_for_one_kind_of_people_is_not_told_by_a_place_about_others():
    care = Chunk(id="6.3#p0", section="6.3", title="关怀", kind="text",
                 text="学校构建教职工关怀体系，党委书记亲自参与生日、生病慰问已成常态。")
    mentors = Chunk(id="3.2#p0", section="3.2", title="德育", kind="text", text="学校为每名学生配备德育导师，学生生病由德育导师慰问。")
    words = ("学校", "生病", "慰问", "学生", "教职工", "德育导师", "关怀")
    answerer = _toy_answerer([care.text, mentors.text, "学校召开会议。", "学生参加活动。"], words)
    # the sick the place tells of are staff (教职工), not the students asked about
    assert answerer.compose("学生在学校生病了谁来关怀慰问？", [Hit(care, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("学生在学校生病了谁来关怀慰问？", [Hit(mentors, 1.0, {"bm25": 1})])
    assert not answer.refused and "德育导师" in answer.text


def test_a_sum_asked_of_another_school_needs_a_place_that_gives_it_for_that_school():
    listed = Chunk(id="1.3#p0", section="1.3", title="专业群", kind="text",
                   text="省级优质中职专业群拟立项名单：浙江省衢州理工学校，高端装备智造专业群；衢州中等专业学校，化工与新材料专业群。")
    funds = Chunk(id="6.2#p0", section="6.2", title="经费", kind="text", text="三大专业群获省级立项优质专业群，每年获省级资金300万元。")
    words = ("浙江省衢州理工学校", "专业群", "省级", "资金", "学校")
    answerer = _toy_answerer([listed.text, funds.text, "学校召开会议。"], words, own_names=("衢州中等专业学校", "衢州中专"))
    hits = [Hit(listed, 1.0, {"bm25": 1}), Hit(funds, 0.9, {"bm25": 2})]
    assert parse_intent("它每年拿到的省级资金是多少？").kind == "money"
    # the 300万元 is this school's groups'; no place gives the other school's
    assert answerer.compose("浙江省衢州理工学校的专业群每年拿到的省级资金是多少？", hits).refused
    answer = answerer.compose("学校的专业群每年拿到的省级资金是多少？", hits[::-1])
    assert not answer.refused and "300万元" in answer.text


def test_a_part_of_a_quoted_figure_needs_the_place_to_say_what_sets_it_apart():
    told = Chunk(id="3.2.2#p0", section="3.2.2", title="德育", kind="text", text="开展德育故事评比，2024学年全校班主任获奖38篇，学生获奖72篇。")
    split = Chunk(id="3.2.2#p1", section="3.2.2", title="德育", kind="text", text="班主任德育故事获奖38篇，其中省级12篇。")
    answerer = _toy_answerer([told.text, split.text, "学校召开会议。"], ("德育故事", "班主任", "获奖", "省级", "学生"))
    question = "班主任德育故事获奖38篇，其中省级的有几篇？"
    assert answerer.compose(question, [Hit(told, 1.0, {"bm25": 1})]).refused  # 38 and 72, nothing of 省级
    answer = answerer.compose(question, [Hit(split, 1.0, {"bm25": 1})])
    assert not answer.refused and "12篇" in answer.text


def test_a_common_word_the_tagger_takes_for_a_name_names_no_teacher():
    row = Chunk(id="表1-1#r3", text="表1-1 2025年师生技能竞赛获奖统计 · 省一等奖 · 序号 4 · 教师获奖 2 · 学生获奖 8",
                section="表1-1", title="2025年师生技能竞赛获奖统计", kind="row", table="表1-1", meta={"label": "省一等奖"})
    caption = Chunk(id="1.5.1#p0", section="1.5.1", title="大赛", kind="text", text="图1-6 朱亮亮老师获全国中职教学设计与展示活动一等奖")
    texts = [row.text, caption.text, "全校师生参加活动。", "师生共同参与。", "面向师生开设讲座。", "师生获奖。"]
    words = ("一等奖", "老师", "教师", "获奖", "师生")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    tag = lambda t: [("师生", "nr")] * ("师生" in t) + [("朱亮亮", "nr")] * ("朱亮亮" in t)  # as jieba tags them
    answerer = _toy_answerer(texts, words, rows=[row], tag=tag, sections={"表1-1": [row], "1.5.1": [caption]})
    # 师生, said everywhere, is no teacher's name
    assert answerer.compose("省一等奖是哪几位老师拿的？", [Hit(row, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("一等奖是哪位老师拿的？", [Hit(caption, 1.0, {"bm25": 1})])
    assert not answer.refused and "朱亮亮" in answer.text


def test_the_word_for_the_kind_asked_need_not_be_where_the_answer_is():
    layers = Chunk(id="1.7#p0", section="1.7", title="质量保证", kind="text",
                   text="形成以党委会为决策层，教务处、15个教研组为执行层，教科室、图书馆、总务处、学生处等为保障层的四级组织架构。")
    words = ("保障", "包括", "部门", "组织架构", "党委会", "学校")
    texts = [layers.text, "学校各部门负责人担任成员。", "学校保障经费。", "包括多项政策。", "包括三个方面。", "包括备课、授课。",
             "学校召开会议。", "学生参加活动。"]
    answerer = _toy_answerer(texts, words)
    # "部门" names the kind of answer (教科室, 图书馆 are departments); the place need not say it
    answer = answerer.compose("保障层具体包括哪些部门？", [Hit(layers, 1.0, {"bm25": 1})])
    assert not answer.refused and "图书馆" in answer.text


def test_a_place_in_a_list_is_not_a_date():
    assert parse_intent("这个专业群在名单上排在几号？").kind != "date" and parse_intent("这个专业群在名单上排在几号？").serial
    assert parse_intent("开学是几号？").kind == "date"


def test_an_english_count_of_something_no_glossary_word_names_is_refused():
    from qzassist.answer import _unglossed_count

    assert _unglossed_count("How many computers are there in the school's computer labs?") == "computers"
    assert _unglossed_count("How many majors does the school offer?") == ""  # 专业 in the glossary
    assert _unglossed_count("How many individual people did the programmes train?") == ""  # a count of people
    assert _unglossed_count("How many of those are performing-arts clubs?") == ""
    assert _unglossed_count("How many problems did the 市委巡察 find?") == ""  # names the report's own words
    # the report's own words for medals, visitors and degrees are in the glossary, so these are looked for
    assert _unglossed_count("How many gold, silver and bronze medals did the students bring home?") == ""
    assert _unglossed_count("How many visitors did the halls receive?") == ""
    from qzassist.answer import expand_synonyms

    assert all(t in expand_synonyms("how many gold, silver and bronze medals") for t in ("金牌", "银牌", "铜牌"))
    assert "参观" not in expand_synonyms("When was that visit?")  # a visit by someone is no tour of the school
    intro = Chunk(id="一#p0", section="一", title="简介", kind="text", text="衢州中专全日制在校生近4000人，教职工303人。")
    weights = TermWeights.fit([intro.text, "学校占地430亩。"])
    cut = lambda t: [w for w in ("在校生", "教职工") if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    hit = [Hit(intro, 1.0, {"bm25": 1})]
    assert answerer.compose("How many computers do students have in the labs?", hit).refused
    assert not answerer.compose("How many students does the school have?", hit).refused


def test_what_each_one_is_asks_for_a_list():
    assert parse_intent("“走出去”和“请进来”具体各指什么活动？").listing
    assert not parse_intent("两年各多少人？").listing


def test_a_half_remembered_phrase_finds_words_of_its_shape():
    from qzassist.answer import _says_quote

    assert _says_quote("积极推进儒学系列和一文一武活动", "一什么一什么")
    assert not _says_quote("积极推进儒学系列活动", "一什么一什么")
    text = Chunk(id="3.2.3#p1", section="3.2.3", title="文明风采", kind="text",
                 text="积极推进儒学系列和一文一武活动，开展校园祭孔仪式，引导学生参加市级祭孔仪式，以弘扬传统文化，增强青少年对国学的兴趣和理解。")
    answerer = _toy_answerer([text.text, "学校占地430亩。"], ("弘扬", "传统文化", "儒学", "系列", "活动"))
    answer = answerer.compose("学校弘扬传统文化，除了儒学系列活动，还有个“一什么一什么”的活动，叫什么？", [Hit(text, 1.0, {"bm25": 1})])
    assert "一文一武" in answer.text


def test_an_entry_asked_by_its_running_number_is_found_by_it():
    def entry(i, school, centre):
        return Chunk(id=f"5.2#r{i}", section="5.2", title="入选全省实践中心", kind="row", table="5.2",
                     text=f"入选全省实践中心 · {school} · {i} · {centre}", meta={"label": school, "parent": "", "unit": "", "row": str(i)})

    cities = "杭宁温嘉湖绍金舟台丽"
    rows = [entry(30 + k, f"{c}州市职业学校", f"{c}州实践中心") for k, c in enumerate(cities)]
    rows += [entry(29, "衢州中等专业学校", "旅游健康产教融合实践中心")]
    text = Chunk(id="5.2#p0", section="5.2", title="产教融合", kind="text", text="我校开放型产教融合实践中心入选全省39家实践中心。")
    weights = TermWeights.fit([r.text for r in rows] + [text.text, "学校占地430亩。"])
    words = ("实践中心", "入选", "全省", "名单", "学校")
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(rows, None, weights, cut, cut), cut=cut)
    assert parse_intent("名单上第39号是哪所学校？").serial
    answer = answerer.compose("全省实践中心上第39号是哪所学校？", [Hit(text, 1.0, {"bm25": 1})])
    assert "丽州市职业学校" in answer.text and "丽州实践中心" in answer.text


def test_a_count_word_in_the_story_before_a_question_asks_no_count():
    assert parse_intent("我们想从企业请几位师傅来兼职上课。学校完善过一个什么制度？").measures == ()
    assert parse_intent("学校请了几位企业导师？").measures == ("位",)


def test_the_place_that_names_the_kind_asked_is_preferred_to_a_closer_one_that_does_not():
    motto = Chunk(id="3.1.1#p0", section="3.1.1", title="文化", kind="text",
                  text="“美丽中专、全国一流”成为全体师生的奋斗目标，学校建设目标更加清晰。")
    goal = Chunk(id="6.1#p0", section="6.1", title="党建", kind="text", text="学校以“全国一流中职学校”为建设目标，推进治理现代化。")
    answerer = _toy_answerer([motto.text, goal.text, "学校占地430亩。"], ("建设", "目标", "学校", "全国一流", "奋斗"))
    answer = answerer.compose("学校的建设目标是要成为什么样的学校？", [Hit(motto, 1.0, {"bm25": 1}), Hit(goal, 0.8, {"bm25": 2})])
    assert not answer.refused and answer.text.startswith("学校以“全国一流中职学校”为建设目标")


def test_a_chapter_named_by_its_position_is_where_to_look():
    weights = TermWeights.fit(["学校占地430亩。", "学校有教职工303人。"])
    sections = {s: [] for s in ("一", "1.1", "2", "2.1", "7", "7.1", "7.3", "表1")}
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights), sections=sections)
    assert answerer._chapter_by_position("报告最后一章讲学校面临的挑战是哪三个方面？") == ("7",)
    assert answerer._chapter_by_position("报告第二章讲了什么？") == ("2",)
    assert answerer._chapter_by_position("第五章讲了什么？") == ()  # no such chapter
    assert answerer._chapter_by_position("学校最后拿了什么奖？") == ()


def _toy_answerer(texts: list[str], words: tuple[str, ...], rows: list[Chunk] = (), **kwargs) -> ExtractiveAnswerer:
    """An answerer over a few texts (and table ``rows``) whose segmenter knows only ``words`` (in the order they occur)."""
    weights = TermWeights.fit(texts)
    cut = lambda t: sorted((w for w in words if w in t), key=t.index)
    return ExtractiveAnswerer(weights=weights, rows=RowMatcher.build(list(rows), None, weights, cut, cut), cut=cut, **kwargs)


def test_a_question_that_quotes_a_figure_is_not_answered_by_that_figure_alone():
    fund = Chunk(id="6.2#p0", section="6.2", title="经费", kind="text",
                 text="成功获得“二期工程”项目资金2499万元，用于学生宿舍、教师公寓的整体改造。")
    split = Chunk(id="6.2#p1", section="6.2", title="经费", kind="text",
                  text="二期工程项目资金2499万元中，学生宿舍1500万元，教师公寓999万元。")
    answerer = _toy_answerer([fund.text, split.text, "学校占地430亩。"], ("二期工程", "项目资金", "学生宿舍", "教师公寓"))
    question = "二期工程那2499万里，学生宿舍和教师公寓各分了多少钱？"
    assert answerer.compose(question, [Hit(fund, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose(question, [Hit(split, 1.0, {"bm25": 1})])
    assert not answer.refused and "1500万元" in answer.text


def test_a_how_many_question_takes_a_close_place_that_counts_over_a_closer_one_that_does_not():
    mentors = Chunk(id="1.6#p0", section="1.6", title="师资", kind="text",
                    text="新入职专业教师同步纳入校企双导师培养体系，由企业导师全程指导专业实践。")
    placed = Chunk(id="1.6#p1", section="1.6", title="师资", kind="text",
                   text="实行专任教师下企业全员实践制度，每年选派100名以上专任教师进入企业开展岗位实践。")
    answerer = _toy_answerer([mentors.text, placed.text, "学校占地430亩。", "学校有16个专业。", "专业建设成效显著。"],
                             ("专业", "教师", "企业", "实践"))
    hits = [Hit(mentors, 1.0, {"bm25": 1}), Hit(placed, 0.9, {"bm25": 2})]
    # (the first place names every word asked, 专业 too; the second says 专任)
    answer = answerer.compose("专业教师下企业实践每年派多少人？", hits)
    assert not answer.refused and "100名" in answer.text and "双导师" not in answer.text, answer.text
    # a place that counts nothing is still no answer when no close place counts
    assert answerer.compose("专业教师下企业实践每年派多少人？", hits[:1]).refused


def test_a_count_of_a_thing_is_answered_where_that_thing_is_counted_not_where_the_event_is_named():
    festival = Chunk(id="3.2.4#p0", section="3.2.4", title="清廉", kind="text",
                     text="开展第六届“520·我爱廉”清廉文化节系列活动，征集家书、短信，创作各类作品528件。")
    results = Chunk(id="3.2.4#p1", section="3.2.4", title="清廉", kind="text",
                    text="通过颁奖晚会展示活动成果，推出视频6个，微博热搜2个。")
    answerer = _toy_answerer([festival.text, results.text, "学校占地430亩。", "学校有16个专业。"],
                             ("第六届", "我爱廉", "活动", "推出", "视频"))
    hits = [Hit(festival, 1.0, {"bm25": 1}), Hit(results, 0.9, {"bm25": 2})]
    answer = answerer.compose("第六届“520·我爱廉”那轮活动，最后一共推出了几个视频？", hits)
    assert "视频6个" in answer.text and "528" not in answer.text, answer.text


def test_a_reply_that_gives_back_only_the_questions_own_figure_is_no_answer():
    grown = Chunk(id="3.3#p0", section="3.3", title="共青团", kind="text",
                  text="全年发展新团员410名，组建96个班级团支部。")
    rate = Chunk(id="四#p0", section="四", title="前言", kind="text", text="发展新团员410名，智慧团建对标定级率100%。")
    answerer = _toy_answerer([grown.text, rate.text, "学校占地430亩。"], ("发展", "团员", "全校", "支部", "智慧团建"))
    hits = [Hit(grown, 1.0, {"bm25": 1}), Hit(rate, 0.9, {"bm25": 2})]
    # the 100% beside the 410 counts no people
    assert answerer.compose("今年发展了410名新团员，团员一共有多少人？", hits).refused
    answer = answerer.compose("今年发展了多少名新团员？", hits)
    assert not answer.refused and "410" in answer.text
    assert adds_no_figure("全年发展新团员410名，组建96个班级团支部【3.3】。", ["410"], ("人",))
    assert not adds_no_figure("全年发展新团员410名，组建96个班级团支部【3.3】。", ["410"])  # 96 is new
    assert not adds_no_figure("表5 在校生：2025年 3960人【表5】。", ["4139"], ("人",))
    assert quoted_figures("10月来学校的“520”活动，那2499万和2025年的呢？", report_years=("2024", "2025")) == ["2499"]


@pytest.mark.parametrize("text, words, question, said, fee", [
    # how two things the report names stand to each other: the sentence that names both answers it
    ("衢州是圣人孔子后裔的世居地和第二故乡。", ("衢州", "孔子", "关系", "渊源", "学费"),
     "报告里怎么描述衢州和孔子的关系？", "第二故乡", "衢州和孔子的学费是多少？"),
    # what the counted things do (参赛) is not what is asked about; the report says 参加…大赛
    ("急救社参加衢州市志愿服务项目大赛，在42个队伍中取得第17名的成绩。", ("急救社", "志愿", "大赛", "队伍", "参赛", "学费"),
     "急救社那次志愿大赛一共有多少支队伍参赛？", "42", "急救社那次志愿大赛交了多少学费？"),
    # the place that says the words the person quotes is the one meant, whatever they call it (作业 for 活动)
    ("在暑假进行“五个一”劳动实践活动：一次职业实践体验，一次志愿者服务活动，一次公益服务活动。",
     ("暑假", "五个一", "劳动", "实践", "作业", "学费"),
     "学校暑假布置了“五个一”劳动实践作业。请把这五项全列出来。", "职业实践体验", "暑假“五个一”劳动实践的学费是多少？"),
])
def test_an_everyday_word_beside_what_is_asked_is_no_missing_subject(text, words, question, said, fee):
    place = Chunk(id="3.3#p0", section="3.3", title="活动", kind="text", text=text)
    answerer = _toy_answerer([text, "学校占地430亩。", "学校有教职工303人。"], words)
    hits = [Hit(place, 1.0, {"bm25": 1})]
    answer = answerer.compose(question, hits)
    assert not answer.refused and said in answer.text
    assert answerer.compose(fee, hits).refused  # 学费 is asked about, and the report never says it


def test_a_count_asked_is_answered_where_the_thing_counted_is_counted():
    festival = Chunk(id="3.2.4#p0", section="3.2.4", title="清廉", kind="text",
                     text="开展第六届清廉文化节系列活动，推出作品528件。清廉文化节推出视频6个。")
    answerer = _toy_answerer([festival.text, "学校占地430亩。", "学校有教职工303人。"],
                             ("第六届", "清廉", "文化节", "活动", "推出", "视频", "作品"))
    answer = answerer.compose("第六届清廉文化节活动推出了几个视频？", [Hit(festival, 1.0, {"bm25": 1})])
    assert not answer.refused and "6个" in answer.text and "528" not in answer.text


def test_a_count_asked_is_not_answered_by_a_row_of_shares():
    shares = _row("表2", "教学资源表", "高级双师型教师比例", "%", "66.67%", "72.6%", idx=5)
    counts = _row("表5", "落实政策表", "高级双师型教师人数", "人", "50", "58", idx=6)
    weights = TermWeights.fit([shares.text, counts.text, "学校占地430亩。"])
    cut = lambda t: sorted((w for w in ("高级", "双师型", "教师", "比例", "人数") if w in t), key=t.index)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([shares], FakeEmbedder(), weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    hits = [Hit(shares, 1.0, {"bm25": 1})]
    assert answerer.compose("学校有多少位高级双师型教师？", hits).refused  # 72.6% counts no one
    assert not answerer.compose("高级双师型教师比例是多少？", hits).refused
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([counts], FakeEmbedder(), weights, cut, cut),
                                  report_years=("2024", "2025"), cut=cut)
    answer = answerer.compose("学校有多少位高级双师型教师？", [Hit(counts, 1.0, {"bm25": 1})])
    assert not answer.refused and "58" in answer.text
    # a count's measure word is the one right after 多少, not the first word of a subject added after a space
    assert parse_intent("其中高级双师型占多少 人事科 比例").measures == ()


def test_an_occasion_asked_by_its_number_is_not_answered_by_another_one():
    cup = Chunk(id="3.3.3#p0", section="3.3.3", title="体育", kind="text",
                text="我校女篮获省第二届中职学校三人制篮球赛第一名。")
    answerer = _toy_answerer([cup.text, "学校占地430亩。", "学校有教职工303人。"], ("女篮", "三人制", "篮球赛", "名次"))
    hits = [Hit(cup, 1.0, {"bm25": 1})]
    assert answerer.compose("女篮在第一届三人制篮球赛拿了什么名次？", hits).refused  # the place tells of 第二届
    answer = answerer.compose("女篮在第二届三人制篮球赛拿了什么名次？", hits)
    assert not answer.refused and "第一名" in answer.text
    # a story that names the occasion the place tells of does not make another one asked
    answer = answerer.compose("女篮拿了第二届的第一名。那次三人制篮球赛女篮拿了什么名次？", hits)
    assert not answer.refused


def test_how_many_students_asks_for_people_counted():
    rank = Chunk(id="1.5#p0", section="1.5", title="升学", kind="text", text="学校助力衢州市在面向人人赛中综合排名升至全省第6。")
    new = Chunk(id="1.2#p0", section="1.2", title="招生", kind="text", text="学校新增护理专业，招生45人。")
    answerer = _toy_answerer([rank.text, new.text, "学生社团31个。"], ("人人赛", "学生", "综合", "排名", "护理", "专业", "招生"))
    assert parse_intent("学校有多少学生参加了人人赛？").measures == ("人",)
    assert parse_intent("学校有多少学生社团？").measures == ()  # a count of clubs
    assert answerer.compose("学校有多少学生参加了人人赛？", [Hit(rank, 1.0, {"bm25": 1})]).refused  # 第6 counts no one
    # the major is named in one clause, its figure in the next
    answer = answerer.compose("新增的护理专业招生多少学生？", [Hit(new, 1.0, {"bm25": 1})])
    assert not answer.refused and "45人" in answer.text


def test_a_list_of_companies_gathers_every_sentence_of_the_section_that_names_them():
    first = Chunk(id="5.1#p0", section="5.1", title="校企合作", kind="text",
                  text="学校深化与化工企业浙江时代锂电材料有限公司的校企合作。")
    more = Chunk(id="5.1#p1", section="5.1", title="校企合作", kind="text",
                 text="同时，与衢州华友钴新材料有限公司、浙江圣效环保科技有限公司等化工企业开展校企合作。")
    answerer = _toy_answerer([first.text, more.text, "学校占地430亩。"], ("校企合作", "企业", "化工", "订单"))
    hits = [Hit(first, 1.0, {"bm25": 1}), Hit(more, 0.9, {"bm25": 2})]
    answer = answerer.compose("学校跟哪些企业有校企合作？都列一下。", hits)
    assert "浙江时代锂电材料有限公司" in answer.text and "浙江圣效环保科技有限公司" in answer.text


def test_a_share_of_something_else_does_not_answer_a_share_asked():
    rate = Chunk(id="四#p0", section="四", title="前言", kind="text",
                 text="发展新团员410名，智慧团建对标定级率100%。")
    share = Chunk(id="3.3#p1", section="3.3", title="共青团", kind="text", text="团员占学生总数的比例为21%。")
    answerer = _toy_answerer([rate.text, share.text, "学校占地430亩。"], ("团员", "学生", "总数", "比例", "智慧团建"))
    question = "团员占学生总数的比例是多少？"
    assert answerer.compose(question, [Hit(rate, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose(question, [Hit(share, 1.0, {"bm25": 1})])
    assert not answer.refused and "21%" in answer.text


def test_which_things_make_up_a_quoted_figure_needs_a_place_that_names_them():
    ranks = Chunk(id="1.5#p0", section="1.5", title="学业", kind="text",
                  text="学业水平测试中，我校23级学科排名：4个第一、2个第二、2个第三。")
    named = Chunk(id="1.5#p1", section="1.5", title="学业", kind="text",
                  text="学业水平测试中，我校23级语文、数学、英语、思政4门学科获全市第一。")
    awards = Chunk(id="1.5#p2", section="1.5", title="学业", kind="text",
                   text="学业水平测试相关竞赛省级获奖13项（技能竞赛7项、创业创新6项）。")
    words = ("学业", "水平", "测试", "学科", "全市", "第一", "竞赛", "省级")
    answerer = _toy_answerer([ranks.text, named.text, awards.text, "学校占地430亩。"], words)
    question = "学业水平测试里23级拿全市第一的那4个学科是哪几门？"
    assert answerer.compose(question, [Hit(ranks, 1.0, {"bm25": 1})]).refused  # it only counts them
    answer = answerer.compose(question, [Hit(named, 1.0, {"bm25": 1})])
    assert not answer.refused and "语文" in answer.text
    # names given with their counts name the things too
    answer = answerer.compose("省级那13个奖是哪几类竞赛？", [Hit(awards, 1.0, {"bm25": 1})])
    assert not answer.refused and "技能竞赛7项" in answer.text
    # names of other things in the same sentence (the teams) do not name what the figure counts
    medals = Chunk(id="3.3#p0", section="3.3", title="体育", kind="text",
                   text="学校有田径、篮球、足球等体育集训队，积极参加省市比赛，学生在市田径运动会上勇夺22枚金牌、9枚银牌。")
    answerer = _toy_answerer([medals.text, "学校占地430亩。"], ("田径", "运动会", "金牌", "项目", "集训队"))
    assert answerer.compose("学校在市田径运动会上拿了22枚金牌，具体是哪些项目拿的？", [Hit(medals, 1.0, {"bm25": 1})]).refused
    # the names of things counted, asked as "分别叫什么", and one figure the person points at ("那4个")
    courses = Chunk(id="1.4#p0", section="1.4", title="课程", kind="text",
                    text="目前我校已有7门市级、12门省级网络同步课程，4门省级名师金课。")
    platform = Chunk(id="1.4#p1", section="1.4", title="课程", kind="text", text="省级网络同步课程上线“之江汇”平台。")
    counted = _toy_answerer([courses.text, platform.text, "学校占地430亩。"], ("省级", "网络", "同步", "课程", "名师", "金课"))
    hits = [Hit(courses, 1.0, {"bm25": 1}), Hit(platform, 0.9, {"bm25": 2})]
    assert counted.compose("学校有12门省级网络同步课程，这些课程分别叫什么名字？", hits).refused
    assert answerer.compose("学业水平测试里23级拿全市第一的那4个学科，分别叫什么？", [Hit(ranks, 1.0, {"bm25": 1})]).refused
    # a count of one digit the person repeats ("报道了三次", "4个学科") pins the place as well
    media = Chunk(id="3.3#p1", section="3.3", title="社团", kind="text", text="学校龙狮团参与的志愿服务活动被市级媒体报道三次。")
    press = _toy_answerer([media.text, "学校占地430亩。"], ("龙狮团", "志愿服务", "市级", "媒体", "报道"))
    assert press.compose("龙狮团做志愿服务被市级媒体报道了三次。是哪几家媒体报道的？", [Hit(media, 1.0, {"bm25": 1})]).refused
    subjects = _toy_answerer([ranks.text, named.text, "学校占地430亩。"], words)
    assert subjects.compose("学业水平测试23级拿了4个学科全市第一。是哪4门学科？", [Hit(ranks, 1.0, {"bm25": 1})]).refused
    answer = subjects.compose("学业水平测试23级拿了4门学科全市第一。是哪4门学科？", [Hit(named, 1.0, {"bm25": 1})])
    assert not answer.refused and "语文" in answer.text
    assert quoted_figures("那4个学科是什么？") == ["4"] and quoted_figures("拿了4个第一吗？") == []
    # a month the question names is when, not a figure it quotes
    visit = Chunk(id="4.2#p0", section="4.2", title="国际合作", kind="text",
                  text="学校深化与日本工业大学的合作，2025年10月，日本工业大学刘雯博士莅临我校，完成入学考试工作，并召开家长见面会。")
    answerer = _toy_answerer([visit.text, "学校占地430亩。"], ("日本工业大学", "学校", "入学考试", "家长"))
    answer = answerer.compose("10月日本工业大学来学校做了哪几件事？", [Hit(visit, 1.0, {"bm25": 1})])
    assert not answer.refused and "入学考试" in answer.text


def test_how_many_times_said_as_回_is_a_count_of_times():
    from qzassist.answer import states_measure

    assert parse_intent("学校一年里开了几回教代会？").measures == ("回",)
    assert states_measure("全年召开教代会5次", "回")


def test_a_question_of_when_keeps_the_clause_with_the_date():
    visit = Chunk(id="3.1.1#p0", section="3.1.1", title="文化", kind="text",
                  text="2004年10月10日，时任浙江省委书记习近平同志视察衢州中专时给予亲切勉励，“美丽中专、全国一流”成为全体师生的奋斗目标。")
    answerer = _toy_answerer([visit.text, "学校占地430亩。"], ("视察", "衢州中专", "奋斗目标", "师生"), report_years=("2024", "2025"))
    answer = answerer.compose("习近平同志视察衢州中专是哪一天？", [Hit(visit, 1.0, {"bm25": 1})])
    assert "10月10日" in answer.text
    assert parse_intent("两个比例分别是升了还是降了？").compare


def test_an_announced_list_goes_on_past_a_quoted_plus_run_in_its_first_item():
    from qzassist.answer import _with_announced_list
    from qzassist.answer import Evidence

    para = Chunk(id="7.2#p1", section="7.2", title="师资", kind="text",
                 text="其挑战体现为三重维度，总量短缺—现有编制难以支撑“课堂教学+专业群建设+校企研发”的复合任务；"
                      "动态失衡—新兴领域师资紧缺与传统专业师资冗余并存；能力断层—兼具理论素养与实践能力的教师不足。")
    first = "其挑战体现为三重维度，总量短缺—现有编制难以支撑“课堂教学+专业群建设+校企研发”的复合任务；"
    quote = _with_announced_list(Evidence(para, first, 1.0, 0, 1.0), parse_intent("结构性矛盾是哪三个方面？"))
    assert "动态失衡" in quote and "能力断层" in quote


def test_the_lowest_asked_is_not_answered_by_the_highest():
    scores = Chunk(id="1.2#p1", section="1.2", title="学制", kind="text", text="中本一体班衢州地区录取30人最高分592分。")
    answerer = _toy_answerer([scores.text, "学校占地430亩。"], ("中本一体班", "衢州地区", "录取", "分数"))
    hit = [Hit(scores, 1.0, {"bm25": 1})]
    assert answerer.compose("中本一体班衢州地区录取最低多少分？", hit).refused
    assert answerer.compose("中本一体班衢州地区录取的平均分是多少？", hit).refused  # an average is no extreme
    assert not answerer.compose("中本一体班衢州地区录取最高多少分？", hit).refused


def test_a_persons_name_asked_with_no_place_that_could_answer_is_refused_not_an_error():
    answerer = _toy_answerer(["学校占地430亩。"], ("学校",))
    answerer._unknown.question, answerer._unknown.kinds = "那位校长叫什么名字？", frozenset()
    assert answerer._name_not_given([])


def test_an_english_sentence_that_asks_names_the_reports_words_through_the_glossary():
    question = "My nephew is in the 中本一体班. How many students went on to further study through 职教高考?"
    assert ExtractiveAnswerer._asking_terms(question, ["中本一体班", "升学", "职教高考"]) == ["升学", "职教高考"]


def test_an_english_phrase_of_the_glossary_is_found_in_the_plural_and_a_phrase_glossed_in_chinese_stands_for_it():
    assert ("班主任", "homeroom teachers") in synonym_pairs("Who trained its homeroom teachers?")
    assert "媒体报道" in [t for t, _ in synonym_pairs("How many times was it covered by media at all levels?")]
    assert "农民中专学历教育" in [t for t, _ in synonym_pairs("How many study in its diploma programme for farmers?")]
    assert "中外合作办学" in [t for t, _ in synonym_pairs("How many Sino-foreign cooperative programme majors did it have?")]
    # a single word is not read in the plural: "terms" is no 学期, "titles" no 称号
    assert not [t for t, w in synonym_pairs("Please give the Chinese terms of the titles.") if t in ("学期", "称号")]
    # the person glossed the phrase with the report's own term: it stands for that, not for another of its terms
    glossed = synonym_pairs("Did the share of teachers with senior professional titles (高级专业技术职务专任教师比例) rise?")
    assert "高级职称" not in [t for t, _ in glossed], glossed
    assert "高级职称" in [t for t, _ in synonym_pairs("Did the share of teachers with senior professional titles rise?")]


def test_the_story_before_a_question_weighs_less_than_the_sentence_that_asks():
    # the story's words (朋友, 企业) are all in one place; the asking sentence's (学部) in another
    ties = Chunk(id="5.1#p0", section="5.1", title="校企合作", kind="text",
                 text="学校扩大合作企业朋友圈，企业导师进校授课。")
    units = Chunk(id="一#p0", section="一", title="学校概况", kind="text",
                  text="学校现有财经商贸、学前艺术、机电工程等3个学部。")
    weights = TermWeights.fit([ties.text, units.text, "学校组织学生参加活动。", "学校召开会议。"])
    cut = lambda text: [w for w in ("朋友", "企业", "学部", "学校") if w in text]
    matcher = RowMatcher.build([], FakeEmbedder(), weights, cut, cut)
    answerer = ExtractiveAnswerer(weights=weights, rows=matcher, report_years=("2024", "2025"), cut=cut)
    hits = [Hit(ties, 1.0, {"bm25": 1}, similarity=0.6), Hit(units, 0.9, {"bm25": 2}, similarity=0.5)]
    answer = answerer.compose("我女儿爱交朋友，也喜欢企业。学校的学部有哪些？", hits)
    assert not answer.refused and "学前艺术" in answer.text and answer.citations[0].section == "一"


def test_words_for_parts_of_the_document_say_where_to_look_not_what_is_asked():
    clubs = Chunk(id="3.3#p0", section="3.3", title="社团", kind="text",
                  text="现有学生社团31个，其中学术思辨类社团6个，服务实践类8个。")
    answerer = _toy_answerer([clubs.text, "学校召开会议。"], ("附表", "报告", "社团", "学术思辨", "服务实践"))
    hits = [Hit(clubs, 1.0, {"bm25": 1})]
    answer = answerer.compose("按附表，社团有多少个？", hits)
    assert not answer.refused and "31个" in answer.text
    answer = answerer.compose("按报告分的两类，学术思辨、服务实践各有几个？", hits)  # the report is no breakdown
    assert not answer.refused and "8个" in answer.text


def test_things_named_one_by_one_with_各_each_get_their_clause():
    sentence = ("学校规范社团管理，现有学生社团31个，其中辩论社等学术思辨类社团6个，龙狮团等服务实践类8个，"
                "急救社等体育健康类10个，古风社等文艺表演类7个，共吸引1016名学生参与其中。")
    weights = TermWeights.fit([sentence, "学校召开会议。"])
    question = "按报告分的四大类，学术思辨、服务实践、体育健康、文艺表演各有几个？"
    intent = parse_intent(question)
    assert intent.each == ("学术思辨", "服务实践", "体育健康", "文艺表演")
    extract = best_extract(sentence, query_terms(question), weights, intent)
    assert all(f in extract for f in ("6个", "8个", "10个", "7个")) and "1016" not in extract


def test_what_is_asked_about_is_read_from_the_sentence_that_asks_not_the_story():
    pledge = Chunk(id="3.2.4#p0", section="3.2.4", title="清廉", kind="text",
                   text="通过清廉主题宣讲、签订廉洁从教承诺书，开展清廉大承诺，签订承诺书604份。")
    answerer = _toy_answerer([pledge.text, "学校规范各个环节。"], ("纪委", "清廉大承诺", "台账", "环节", "方式", "开展", "通过"))
    # 台账 (the record the person keeps) is a word of the story; the question asks how the pledge was made
    answer = answerer.compose("纪委要整理清廉大承诺这个环节的台账。这一环节是通过哪几种方式开展的？", [Hit(pledge, 1.0, {"bm25": 1})])
    assert not answer.refused and "清廉主题宣讲" in answer.text


def test_which_edition_is_answered_by_the_occasions_number_or_refused():
    fest = Chunk(id="3.2.4#p0", section="3.2.4", title="清廉", kind="text",
                 text="开展第六届清廉文化节系列活动，创作各类作品528件，推出视频6个。")
    fair = Chunk(id="3.3#p0", section="3.3", title="技能节", kind="text", text="学校每年举办技能节，展示学生作品120件。")
    answerer = _toy_answerer([fest.text, fair.text, "学校召开会议。"], ("清廉文化节", "技能节", "作品"))
    assert parse_intent("今年这是第几届了？").kind == "ordinal"
    answer = answerer.compose("清廉文化节今年是第几届了？", [Hit(fest, 1.0, {"bm25": 1})])
    assert not answer.refused and "第六届" in answer.text
    assert answerer.compose("技能节今年是第几届了？", [Hit(fair, 1.0, {"bm25": 1})]).refused


def test_which_three_things_needs_a_place_that_names_several():
    safety = Chunk(id="四#p0", section="四", title="安全", kind="text", text="“三防”建设扎实，安全演练常态化，法治教育深入开展。")
    mentors = Chunk(id="3.2#p0", section="3.2", title="德育", kind="text", text="校内聘请陈力子和董静为德育导师，开展培训。")
    answerer = _toy_answerer([safety.text, mentors.text, "学校召开会议。"], ("三防", "安全", "德育导师"))
    assert parse_intent("“三防”具体是防哪三样？").count == 3
    assert answerer.compose("“三防”具体是防哪三样？", [Hit(safety, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("德育导师是哪两位？", [Hit(mentors, 1.0, {"bm25": 1})])  # a pair joined by 和 names two
    assert not answer.refused and "董静" in answer.text


def test_what_a_numbered_name_stands_for_needs_a_report_that_lists_its_parts():
    youth = Chunk(id="1.6#p0", section="1.6", title="师资", kind="text",
                  text="成立青年教师研修班，分阶段、分模块落实“九抓”要求与“八个一”任务。")
    works = Chunk(id="1.6#p1", section="1.6", title="师资", kind="text",
                  text="持续推进“五项工程”。实施“筑巢引凤”工程，优化结构。开展“立德铸魂”工程，强化师德。"
                       "推进“内生提升”工程。实施“头雁领航”工程。优化“青蓝提挈”工程，助力成长。")
    halls = Chunk(id="3.1#p0", section="3.1", title="党建", kind="text",
                  text="发挥足迹馆和践行馆的“两馆”示范基地功能；形成“六维融合”的学制架构：三年制、中本一体化、中高职一体化、"
                       "区域中高职一体化、职普融通、国际合作办学。")
    report = "。".join(c.text for c in (youth, works, halls))
    assert spells_out("九抓", report) is False  # named, with two things before it, not nine
    assert spells_out("五项工程", report) and spells_out("两馆", report) and spells_out("六维融合", report)
    assert spells_out("三特", report) is None  # never written: nothing to judge by
    answerer = _toy_answerer([youth.text, works.text, halls.text], ("九抓", "五项工程", "青年教师研修班", "工程"))
    assert answerer.compose("这“九抓”具体是哪九项？", [Hit(youth, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("“五项工程”分别叫什么？", [Hit(works, 1.0, {"bm25": 1})]).refused


def test_a_count_asked_of_the_thing_a_quoted_figure_pins_must_come_from_that_place():
    cups = Chunk(id="3.2#p0", section="3.2", title="班主任", kind="text", text="举办班主任节，颁发在任10年、15年和20年班主任纪念奖杯。")
    staff = Chunk(id="3.2#p1", section="3.2", title="班主任", kind="text", text="全校现有班主任老师98人，均参加班主任节。")
    answerer = _toy_answerer([cups.text, staff.text, "学校召开会议。"], ("班主任", "纪念奖杯", "班主任节", "老师"))
    hits = [Hit(cups, 1.0, {"bm25": 1}), Hit(staff, 0.9, {"bm25": 2})]
    # 98人 counts every class teacher, not those with the 20-year cup
    assert answerer.compose("领到在任20年班主任纪念奖杯的一共有几位老师？", hits).refused
    assert not answerer.compose("全校班主任有几位？", hits).refused


def test_whether_a_named_club_exists_is_refused_when_the_report_never_names_it():
    clubs = Chunk(id="3.3#p0", section="3.3", title="社团", kind="text",
                  text="现有学生社团31个，其中急救社、足球社等体育健康类10个。")
    robots = Chunk(id="1.3#p0", section="1.3", title="专业", kind="text", text="整合机电技术应用、工业机器人两个关联专业。")
    answerer = _toy_answerer([clubs.text, robots.text, "学校召开会议。"], ("社团", "机器人", "足球社", "急救社"))
    hits = [Hit(clubs, 1.0, {"bm25": 1}), Hit(robots, 0.9, {"bm25": 2})]
    assert answerer.compose("学校31个社团里有没有机器人社？", hits).refused
    answer = answerer.compose("学校31个社团里有没有足球社？", hits)
    assert not answer.refused and "足球社" in answer.text
    # a club told by what it does: the report names one of 急救 (急救社), none of 机器人 (only a major's name)
    answer = answerer.compose("学校有没有急救方面的社团？", hits)
    assert not answer.refused and "急救社" in answer.text, answer.text
    assert answerer.compose("学校有没有机器人方面的社团？", hits).refused
    # "有没有哪个社团…" asks which one; it names no club the report must have
    answer = answerer.compose("有没有哪个社团是体育健康类的？", hits)
    assert not answer.refused and "急救社" in answer.text, answer.text


def test_which_one_is_top_needs_a_place_that_says_so():
    plan = Chunk(id="1.2#p0", section="1.2", title="招生", kind="text", text="2025年学校招生专业16个，计划招生1400人。")
    exam = Chunk(id="1.5#p0", section="1.5", title="升学", kind="text", text="2025年本科上线人数建筑专业全省第一，旅游专业全省第五。")
    answerer = _toy_answerer([plan.text, exam.text, "学校召开会议。"], ("招生", "专业", "本科", "上线", "报名"))
    assert answerer.compose("2025年报名的人最多的是哪个专业？", [Hit(plan, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("本科上线人数最多的是哪个专业？", [Hit(exam, 1.0, {"bm25": 1})])
    assert not answer.refused and "建筑专业" in answer.text
    # asked in English: "which one has the most …"
    assert answerer.compose("Of the 16 majors, which one has the most applicants? 报名 专业", [Hit(plan, 1.0, {"bm25": 1})]).refused


def test_where_a_figure_stands_among_others_needs_a_place_that_tells_of_them():
    fund = Chunk(id="表5#r1", section="6.2", title="经费", kind="text", text="2025年年生均财政拨款水平26982.11元，较上年减少。")
    exam = Chunk(id="1.5#p0", section="1.5", title="升学", kind="text", text="本科上线106人，人数排名全省第11名。")
    answerer = _toy_answerer([fund.text, exam.text, "学校召开会议。"], ("年生均财政拨款", "本科", "上线", "人数", "全省"))
    assert answerer.compose("年生均财政拨款26982.11元，放在全省中职学校里算高还是低？", [Hit(fund, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("本科上线人数在全省算高还是低？", [Hit(exam, 1.0, {"bm25": 1})]).refused


def test_a_comparison_asked_of_another_year_is_not_answered_by_this_years_figures():
    visits = Chunk(id="3.2.5#p0", section="3.2.5", title="家校", kind="text",
                   text="学校组织家长课堂，提升家校沟通，共入户家访1981户，家访率70.2%。")
    answerer = _toy_answerer([visits.text, "学校召开会议。"], ("家访", "入户", "家校"), report_years=("2024", "2025"))
    question = "要做两年对比。今年入户家访1981户，那2024年入户家访了多少户？"
    assert answerer.compose(question, [Hit(visits, 1.0, {"bm25": 1})]).refused  # 提升 here states no change


def test_a_gap_between_two_things_needs_both_figures_or_the_change():
    clubs = Chunk(id="3.3.4#p0", section="3.3.4", title="社团", kind="text",
                  text="社团活动累计达12场，平均每月就有一场。")
    classes = Chunk(id="1.1#p0", section="1.1", title="学生", kind="text",
                    text="全校男生人数2100人，女生人数1800人。")
    answerer = _toy_answerer([clubs.text, classes.text, "全省第一。", "全省第二。", "全省比赛。"],
                             ("社团", "活动", "平均", "每月", "全省", "男生", "女生", "人数"))
    # the place names the clubs and an average, but gives one figure and no change: no gap is told
    assert answerer.compose("社团活动比全省平均高多少？", [Hit(clubs, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("男生人数比女生人数多多少？", [Hit(classes, 1.0, {"bm25": 1})])
    assert not answer.refused and "2100" in answer.text


def test_the_year_whose_figure_the_person_gives_is_not_the_year_asked():
    practice = Chunk(id="1.6#p0", section="1.6", title="实训", kind="text",
                     text="推动技能与教学融合，2025年校企合作开发实训项目达28项。")
    answerer = _toy_answerer([practice.text, "学校召开会议。"], ("校企", "合作", "开发", "实训", "项目"),
                             report_years=("2024", "2025"))
    hits = [Hit(practice, 1.0, {"bm25": 1})]
    # a comparison that tells this year's figure and asks last year's: this year's sentence is no answer
    assert answerer.compose("要写两年对比：2025年校企合作开发的实训项目是28项，那2024年开发了多少项？", hits).refused
    assert "28项" in answerer.compose("2025年校企合作开发了多少项实训项目？比2024年多吗？", hits).text


def test_among_clauses_that_say_as_much_the_count_of_the_thing_asked_is_quoted():
    sentence = "开展德育故事评比，做有温度的教育，2024学年全校班主任获奖38篇，学生获奖72篇。"
    weights = TermWeights.fit([sentence, "学校召开会议。", "学生参加活动。"])
    question = "女儿的德育故事得了奖。2024学年学生一共有多少篇获奖？"
    intent = parse_intent(question)
    assert intent.counted == "学生"
    qterms = ["德育", "故事", "评比", "学年", ("学生", "在校生"), "获奖"]
    assert "学生获奖72篇" in best_extract(sentence, qterms, weights, intent)


def test_examples_the_person_gives_are_not_what_is_asked_about():
    clubs = Chunk(id="3.3#p0", section="3.3", title="社团", kind="text",
                  text="现有学生社团31个，其中龙狮团、礼仪社等服务实践类8个，急救社等体育健康类10个。")
    answerer = _toy_answerer([clubs.text, "学校召开会议。"], ("服务", "实践", "社团", "舞龙", "舞狮", "升旗"))
    answer = answerer.compose("偏服务实践的社团（像舞龙舞狮、升旗那种）一共有几个？", [Hit(clubs, 1.0, {"bm25": 1})])
    assert not answer.refused and "8个" in answer.text
    assert answerer.compose("升旗社团有几个？", [Hit(clubs, 1.0, {"bm25": 1})]).refused  # asked about, not an example


def test_a_count_is_asked_of_the_place_that_would_be_quoted():
    prize = Chunk(id="6.1#p0", section="6.1", title="党建", kind="text", text="学校在市直单位考核中荣获一等奖。")
    other = Chunk(id="6.1#p1", section="6.1", title="党建", kind="text", text="借力市直单位考核，全面完成15个问题的整改。")
    answerer = _toy_answerer([prize.text, other.text, "学校召开会议。"], ("市直单位", "考核", "一等奖", "单位", "整改"))
    hits = [Hit(prize, 1.0, {"bm25": 1}), Hit(other, 0.9, {"bm25": 2})]
    # 15个问题 counts problems, in another sentence; the place that says 一等奖 counts no units
    assert answerer.compose("市直单位考核里一共有几家单位拿到一等奖？", hits).refused


def test_a_number_in_quotes_is_a_name_not_a_figure_the_question_quotes():
    fest = Chunk(id="3.2.4#p0", section="3.2.4", title="清廉", kind="text", text="开展第六届“520·我爱廉”清廉文化节系列活动。")
    pledge = Chunk(id="3.2.4#p1", section="3.2.4", title="清廉", kind="text", text="清廉文化节中签订党风廉政责任书、廉洁从教承诺书，签订承诺书604份。")
    answerer = _toy_answerer([fest.text, pledge.text, "学校召开会议。"], ("清廉文化节", "责任书", "承诺书", "520"))
    hits = [Hit(fest, 1.0, {"bm25": 1}), Hit(pledge, 0.9, {"bm25": 2})]
    answer = answerer.compose("“520”清廉文化节里，签的责任书、承诺书一共多少份？", hits)
    assert not answer.refused and "604份" in answer.text


def test_a_vague_noun_after_a_known_word_asks_about_that_word():
    books = Chunk(id="1.4.2#p0", section="1.4.2", title="教材", kind="text", text="学校规范教辅选用程序，严肃教辅选用方式。")
    answerer = _toy_answerer([books.text, "学校召开会议。"], ("教辅", "资料", "学费", "情况"))
    answer = answerer.compose("学校的教辅资料是怎么选的？", [Hit(books, 1.0, {"bm25": 1})])
    assert not answer.refused and "教辅选用" in answer.text
    assert answerer.compose("学校的学费情况怎么样？", [Hit(books, 1.0, {"bm25": 1})]).refused  # 学费 itself is absent
    # the word before must itself be one the report uses, however near the start of the question it stands
    assert answerer._after_known("教辅资料怎么选？", "资料") and not answerer._after_known("学费情况怎么样？", "情况")


def test_a_reply_of_another_kind_than_asked_states_nothing_asked():
    from qzassist.answer import stated_figures, states_another_kind

    assert states_another_kind("年实习责任保险经费：2025年 0.3025万元（2024年 0.96万元）【表5】", ("名",))
    assert states_another_kind("就业率98.6%【1.2】", ("人",))
    assert not states_another_kind("教师心理B证持证率达30%【四(四)】", ("%",))  # a rate asked, a rate given
    assert states_another_kind("持证教师84人【四(四)】", ("%",))
    assert not states_another_kind("共有学生3960人，就业率98.6%【1.2】", ("人",))
    assert states_another_kind("共培训305人【2.1】", ("钱",)) and not states_another_kind("补贴1500元", ("钱",))
    assert not states_another_kind("衢州市第七届运动会【3.3.3】", ("届",))  # no figure in digits
    assert not states_another_kind("0.3025万元", ())
    # people asked for: households and rates are another kind; a count of people, or of person-times, is not
    assert states_another_kind("共入户家访1981户，家访率70.2%【3.2.5】", ("位", "人"))
    assert not states_another_kind("开展百名教师进千家活动，共入户家访1981户，出动教师103人", ("位", "人"))
    assert not states_another_kind("联系学生超1000余人次", ("人",))
    # dates, years, table numbers and citations are no figures
    assert stated_figures("表5 2025年 9月17日 经费0.3025万元【表5】") == {"0.3025"}
    assert stated_figures("738人，升学率97.2%【1.5.2】", ("人",)) == {"738"}


def test_a_total_asked_is_not_the_part_a_sentence_counts_after_qizhong():
    from qzassist.answer import _only_a_part_counted, split_clauses

    total = Chunk(id="2.2#p0", section="2.2", title="特殊群体", kind="text",
                  text="深化与监狱系统合作，开展专项职业技能培训，全年培训服刑人员5727人。")
    part = Chunk(id="2.2#p1", section="2.2", title="特殊群体", kind="text",
                 text="通过技能赋能帮助服刑人员掌握一技之长，其中服装类培训获证人数达2727人，助力社会和谐稳定。")
    answerer = _toy_answerer([total.text, part.text, "学校占地430亩。"], ("监狱", "服刑人员", "技能", "培训", "服装"))
    hits = [Hit(part, 1.0, {"bm25": 1}), Hit(total, 0.9, {"bm25": 2})]
    answer = answerer.compose("给服刑人员上技能培训，总共培训了多少人？", hits)
    assert "5727" in answer.text and "2727" not in answer.text
    # asked for the part, the part is the answer
    assert "2727" in answerer.compose("服刑人员里学服装的，拿到证书的有多少人？", hits).text
    assert _only_a_part_counted(split_clauses(part.text), ("人",))
    assert not _only_a_part_counted(split_clauses("全年培训5727人，其中获证2727人。"), ("人",))


def test_a_year_asked_keeps_the_clause_of_that_year():
    from qzassist.answer import _year_said

    assert _year_said("2025级录取新生40人", ("2025",)) == 1
    assert _year_said("2022级中本一体班35名学生升入本科", ("2025",)) == -1
    assert _year_said("较2024年增加22人", ("2025",)) == 0  # a year compared with is not the clause's own
    assert _year_said("2022级35名学生", ()) == 0 and _year_said("录取新生40人", ("2025",)) == 0
    older = Chunk(id="1.2#p0", section="1.2", title="招生", kind="text", text="中本一体班2022级35名学生顺利升入本科大学。")
    newer = Chunk(id="1.2#p1", section="1.2", title="招生", kind="text", text="中本一体班2025级录取学生40人。")
    answerer = _toy_answerer([older.text, newer.text, "学校占地430亩。"], ("中本", "一体", "学生", "本科", "录取"),
                             report_years=("2024", "2025"))
    hits = [Hit(older, 1.0, {"bm25": 1}), Hit(newer, 0.9, {"bm25": 2})]
    assert "40人" in answerer.compose("今年中本一体班有多少学生？", hits).text
    assert "35名" in answerer.compose("中本一体班有多少学生升入本科？", hits).text


def test_several_schools_asked_about_are_each_answered_where_each_is_named():
    entries = [(26, "浙江商贸学校", "现代服务业产教融合实践中心"), (28, "永康市职业技术学校", "五金智能制造产教融合实践中心"),
               (29, "衢州中等专业学校", "旅游健康产教融合实践中心")]
    rows = [Chunk(id=f"5.2#r{n}", section="5.2", title="全省实践中心名单", kind="row", table="5.2", meta={"label": school},
                  text=f"全省实践中心名单 · 序号 {n} · 学校 {school} · 实践中心 {centre}") for n, school, centre in entries]
    words = ("浙江商贸学校", "永康市职业技术学校", "温州市职业学校", "衢州中等专业学校", "实践中心", "名单", "学校")
    answerer = _toy_answerer([r.text for r in rows] + ["学校占地430亩。"], words, rows=rows,
                             own_names=("衢州中等专业学校", "衢州中专"))
    hits = [Hit(r, 1.0 - i / 10, {"bm25": i + 1}) for i, r in enumerate(rows)]
    answer = answerer.compose("名单上浙江商贸学校和永康市职业技术学校的实践中心分别叫什么？", hits)
    assert not answer.refused and "现代服务业" in answer.text and "五金智能制造" in answer.text
    # a school the list does not name is still not answered from another school's entry
    assert answerer.compose("名单上浙江商贸学校和温州市职业学校的实践中心分别叫什么？", hits).refused


def test_a_number_asked_of_a_list_numbered_by_bare_numbers_must_be_on_it():
    entries = [(22, "绍兴市中等专业学校", "绍兴市高端装备智能运维产教融合实践中心"),
               (29, "衢州中等专业学校", "旅游健康产教融合实践中心")]
    # (a list whose number column has no heading: the number is a bare cell)
    rows = [Chunk(id=f"5.2#r{n}", section="5.2", title="全省实践中心名单", kind="row", table="5.2", meta={"label": school},
                  text=f"全省实践中心名单 · {school} · {n} · {centre}") for n, school, centre in entries]
    answerer = _toy_answerer([r.text for r in rows] + ["学校占地430亩。"], ("实践中心", "名单", "学校"), rows=rows)
    hits = [Hit(r, 1.0 - i / 10, {"bm25": i + 1}) for i, r in enumerate(rows)]
    answer = answerer.compose("全省实践中心名单上29号是哪所学校？", hits)
    assert not answer.refused and "衢州中等专业学校" in answer.text, answer.text
    # the number told before the question (22号) is not the one asked (1号)
    assert answerer.compose("全省实践中心名单是从22号开始的。排在1号的是哪所学校？", hits).refused


def test_a_name_asked_for_is_read_from_this_schools_entry_before_a_sentence_that_names_none():
    said = Chunk(id="5.2#p0", section="5.2", title="产教融合", kind="text", text="我校开放型产教融合实践中心入选全省39家实践中心。")
    entries = [(28, "永康市职业技术学校", "五金智能制造产教融合实践中心"), (29, "衢州中等专业学校", "旅游健康产教融合实践中心")]
    rows = [Chunk(id=f"5.2#r{n}", section="5.2", title="我校开放型产教融合实践中心入选全省实践中心", kind="row", table="5.2",
                  meta={"label": school}, text=f"我校开放型产教融合实践中心入选全省实践中心 · {school} · {n} · {centre}")
            for n, school, centre in entries]
    answerer = _toy_answerer([said.text] + [r.text for r in rows] + ["学校占地430亩。"], ("产教融合", "实践中心", "入选", "全省"),
                             rows=rows, own_names=("衢州中等专业学校", "衢州中专"))
    hits = [Hit(said, 1.0, {"bm25": 1})] + [Hit(r, 1.0, {"bm25": i + 2}) for i, r in enumerate(rows)]
    answer = answerer.compose("学校入选全省的产教融合实践中心叫什么名字？", hits)
    assert not answer.refused and "旅游健康产教融合实践中心" in answer.text, answer.text


def test_a_teacher_asked_for_is_read_where_one_is_named_before_a_sentence_that_only_counts():
    counted = Chunk(id="1.5.1#p0", section="1.5.1", title="技能大赛", kind="text",
                    text="2025年教师团队在各项专业能力竞赛中，获奖国家级1项、省级12项、市级59项，共计72项。")
    caption = Chunk(id="1.5.1#p1", section="1.5.1", title="技能大赛", kind="text",
                    text="朱亮亮老师获全国中职教学设计与展示活动一等奖。")
    answerer = _toy_answerer([counted.text, caption.text, "学校占地430亩。", "全国文明校园。"],
                             ("教师", "老师", "国家级", "全国", "一等奖", "获奖", "竞赛"))
    hits = [Hit(counted, 1.0, {"bm25": 1}), Hit(caption, 0.9, {"bm25": 2})]
    # a national prize is one won in a 全国 contest; the second sentence names the teacher, the first only counts
    answer = answerer.compose("国家级的奖是哪位老师拿的？", hits)
    assert not answer.refused and "朱亮亮" in answer.text, answer.text


def test_a_question_about_another_school_is_answered_where_that_school_is_named():
    ours = Chunk(id="1.3#p0", section="1.3", title="专业群", kind="text",
                 text="学校围绕计算机应用方向构建了化工与新材料专业群，三个专业群成功立项省优质专业群。")
    theirs = Chunk(id="1.3#p1", section="1.3", title="专业群", kind="text",
                   text="省优质专业群名单：衢州理工学校，计算机应用技术专业群。")
    money = Chunk(id="6.2#p0", section="6.2", title="经费", kind="text", text="三大专业群获省级立项，每年获省级资金300万元。")
    words = ("衢州理工学校", "计算机", "方向", "专业群", "优质专业群", "省级资金", "立项")
    answerer = _toy_answerer([ours.text, theirs.text, money.text, "学校占地430亩。"], words)
    hits = [Hit(ours, 1.0, {"bm25": 1}), Hit(theirs, 0.9, {"bm25": 2}), Hit(money, 0.8, {"bm25": 3})]
    answer = answerer.compose("衢州理工学校计算机方向的专业群叫什么？", hits)
    assert not answer.refused and "计算机应用技术专业群" in answer.text and answer.citations[0].quote == theirs.text
    # a sum of money the report gives for this school's groups is no answer about that school's
    assert parse_intent("它的专业群每年能拿多少省级资金？").kind == "money"
    assert answerer.compose("衢州理工学校的专业群每年能拿多少省级资金？", hits).refused


def test_up_or_down_in_everyday_words_asks_only_the_direction():
    from qzassist.answer import asks_only_direction

    assert asks_only_direction("是上去了还是下来了？") and parse_intent("比例是上去了还是下来了？").compare
    assert asks_only_direction("变化方向怎样？") and asks_only_direction("变化趋势如何？")
    assert parse_intent("合格率是好了还是差了？").compare and asks_only_direction("是好了还是差了？")


def test_a_change_of_a_percentage_is_in_percentage_points():
    row = _row("表5", "落实政策表", "学生体质测评合格率", "%", "95.74", "91.47")
    text, computed = render_row(row, parse_intent("合格率比去年高了还是低了？"))
    assert "减少4.27个百分点（-4.5%）" in text and "4.27" in computed
    text, _ = render_row(row, parse_intent("Did the pass rate go up or down?"))
    assert "decreased by 4.27 percentage points (-4.5%)" in text
    assert not parse_intent("比例是多少？").compare


def test_when_something_happened_is_answered_with_the_year_or_month_not_an_occasion():
    visit = Chunk(id="4.2#p0", section="4.2", title="国际", kind="text",
                  text="学校继续深化与日本工业大学的合作，2025年10月，日本工业大学刘雯博士莅临我校，顺利完成22级学生入学考试工作，"
                       "并召开新生家长见面会，吸引百余名家长参与。")
    answerer = _toy_answerer([visit.text, "学校占地430亩。"], ("日本工业大学", "博士", "莅临", "入学考试"))
    answer = answerer.compose("日本工业大学的博士什么时候莅临的？", [Hit(visit, 1.0, {"bm25": 1})])
    assert not answer.refused and "2025年10月" in answer.text


def test_a_reply_that_only_says_back_what_the_question_said_is_no_answer():
    clubs = Chunk(id="3.3#p0", section="3.3.1", title="社团", kind="text",
                  text="学校规范社团管理，现有学生社团31个，其中辩论社、知行阅读社等学术思辨类社团6个，龙狮团、礼仪社等服务实践类8个，"
                       "急救社、足球社等体育健康类10个，共吸引1016名学生参与其中。")
    answerer = _toy_answerer([clubs.text, "学校占地430亩。"], ("辩论社", "知行阅读社", "学术思辨类", "社团", "服务实践类"))
    hits = [Hit(clubs, 1.0, {"bm25": 1})]
    assert answerer.compose("报告说学术思辨类社团有6个，除了辩论社和知行阅读社，另外4个叫什么？", hits).refused
    assert "6个" in answerer.compose("学术思辨类社团有几个？", hits).text
    # asked whether it is so, saying it back is the answer
    assert not answerer.compose("学术思辨类社团是不是有6个，包括辩论社和知行阅读社？", hits).refused


def test_which_teacher_is_answered_only_where_a_teacher_is_named():
    count = Chunk(id="1.6#p0", section="1.6", title="师资", kind="text", text="本年度新增正高级讲师1人、高级讲师9人。")
    named = Chunk(id="1.5#p0", section="1.5.1", title="竞赛", kind="text", text="朱亮亮老师获全国中职教学设计与展示活动一等奖。")
    answerer = _toy_answerer([count.text, named.text, "学校占地430亩。"], ("正高级讲师", "高级讲师", "教学设计", "一等奖", "新增", "老师"))
    assert answerer.compose("新增的那位正高级讲师是哪位老师？", [Hit(count, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("教学设计一等奖是哪位老师拿的？", [Hit(named, 1.0, {"bm25": 1})])
    assert not answer.refused and "朱亮亮" in answer.text


def test_where_a_thing_is_built_is_answered_only_by_a_place_that_says_where():
    plan = Chunk(id="6.2#p0", section="6.2", title="条件", kind="text",
                 text="“区域中高职一体化”独立高职校区建设项目完成前期赋码与方案设计招标。")
    sited = Chunk(id="6.2#p1", section="6.2", title="条件", kind="text", text="新建实训大楼选址衢州市智造新城，年内开工。")
    answerer = _toy_answerer([plan.text, sited.text, "学校占地430亩。"], ("独立高职校区", "实训大楼", "建设项目", "选址"))
    for question in ("独立高职校区打算建在哪里？", "Where will the 独立高职校区 be built?"):
        assert answerer.compose(question, [Hit(plan, 1.0, {"bm25": 1})]).refused, question
    answer = answerer.compose("实训大楼建在哪里？", [Hit(sited, 1.0, {"bm25": 1})])
    assert not answer.refused and "智造新城" in answer.text


def test_why_a_figure_changed_is_answered_only_by_a_place_that_gives_a_cause():
    row = Chunk(id="表5#r0", text="表5 落实政策表 · 学生体质测评合格率（%） · 2024年 95.74 · 2025年 91.47", section="表5",
                title="落实政策表", kind="row", table="表5",
                meta={"label": "学生体质测评合格率", "unit": "%", "y2024": "95.74", "y2025": "91.47"})
    cause = Chunk(id="2.4#p0", section="2.4", title="培训", kind="text",
                  text="非学历培训到账经费减少，主要是因为企业委托培训项目结束。")
    answerer = _toy_answerer([row.text, cause.text, "学校占地430亩。"], ("体质测评合格率", "合格率", "培训", "经费", "到账"),
                             rows=[row])
    for question in ("体质测评合格率为什么下降了？", "Why did the 体质测评合格率 drop in 2025?"):
        assert answerer.compose(question, [Hit(row, 1.0, {"bm25": 1})]).refused, question
    assert not answerer.compose("体质测评合格率是多少？", [Hit(row, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("培训到账经费为什么减少了？", [Hit(cause, 1.0, {"bm25": 1})])
    assert not answer.refused and "项目结束" in answer.text


def test_a_count_of_other_people_is_no_count_of_those_asked():
    assert counts_other_people("学校现在有多少名党员教师？", "深化党员网格化联系服务机制，全年累计联系学生超千人次。")
    assert counts_other_people("讲解员队伍有多少名学生成员？", "打造了一支由师生共同组成的讲解员队伍，对全校师生、1000余名校外访客进行理论宣讲。")
    # the people counted are those asked, or of no kind named; the clause ends a count's words
    assert not counts_other_people("吸收了多少名学生？", "吸纳68名优秀学生加入业余党校。")
    assert not counts_other_people("接待了多少人次的访客？", "共接待省内外访客40余批次，3000余人次，让广大师生在感悟中学习。")
    assert not counts_other_people("全校有多少名学生？", "全日制在校生近4000人，教职工303人。")
    assert not counts_other_people("本科上线多少学生？", "本科上线106人。")
    assert not counts_other_people("学校一共有几个学生食堂？", "全年累计联系学生超千人次。")  # a canteen is not a student
    # people counted by the title they were given: 正高级讲师 and 教坛新秀 are not the 校级名师 asked
    awards = "顺利完成第五届校级名师、教坛新秀评选，1人获评正高级讲师，1人获浙江省教坛新秀称号；"
    assert counts_other_people("这一届一共评出了几位校级名师？", awards)
    assert not counts_other_people("今年评出了几位正高级讲师？", awards)
    party = Chunk(id="6.1#p0", section="6.1", title="党建", kind="text", text="深化党员网格化联系服务机制，全年累计联系学生超千人次。")
    answerer = _toy_answerer([party.text, "学校占地430亩。"], ("党员", "网格化", "联系", "学生"))
    assert answerer.compose("学校有多少名党员教师？", [Hit(party, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("党员联系了多少人次学生？", [Hit(party, 1.0, {"bm25": 1})]).refused


def test_a_rank_the_question_itself_says_is_no_answer_to_which_rank():
    told = "报告说衢州市综合排名升到全省第6，较去年进步显著。那去年衢州市排的是全省第几？"
    assert parse_intent(told).kind == "rank"
    assert gives_only_told_kind("综合排名升至全省第6【1.5.2】。", "rank", told)
    assert not gives_only_told_kind("本科上线人数排名全省第11名（较去年进步7名）。", "rank", told)
    race = Chunk(id="1.5#p0", section="1.5.2", title="升学", kind="text",
                 text="学校助力衢州市在人人赛中全学科提升，综合排名升至全省第6，较去年进步显著。")
    answerer = _toy_answerer([race.text, "学校占地430亩。"], ("人人赛", "综合排名", "全省", "衢州市", "去年"))
    assert answerer.compose(told, [Hit(race, 1.0, {"bm25": 1})]).refused
    assert "第6" in answerer.compose("衢州市人人赛综合排名全省第几？", [Hit(race, 1.0, {"bm25": 1})]).text


def test_being_recommended_for_a_selection_is_no_request_for_an_opinion():
    assert parse_intent("这个班后来还被推荐去参加哪一级的项目遴选？").kind != "opinion"
    assert parse_intent("哪个专业更推荐？").kind == "opinion"


def test_people_counted_in_english_want_a_count_of_people():
    assert "人" in parse_intent("How many members does the 足球社 have?").measures
    assert "人" not in parse_intent("How many clubs does the school have?").measures
    assert "人" not in parse_intent("How many teachers are 双师型, in percent?").measures  # a share of them
    clubs = Chunk(id="3.3#p0", section="3.3.4", title="社团", kind="text",
                  text="2025年度由社团组织开展的活动累计达12场，如校园足球赛、篮球赛等体育类赛项。")
    members = Chunk(id="3.3#p1", section="3.3.1", title="社团", kind="text", text="现有学生社团31个，共吸引1016名在校生参与其中。")
    answerer = _toy_answerer([clubs.text, members.text, "学校占地430亩。"], ("社团", "足球", "学生", "在校生", "体育类"))
    assert answerer.compose("How many members does the 足球社 社团 have?", [Hit(clubs, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("How many students take part in the 社团?", [Hit(members, 1.0, {"bm25": 1})])
    assert not answer.refused and "1016" in answer.text


def test_a_count_of_a_whole_list_is_no_count_of_one_item_on_it():
    prison = Chunk(id="2.2#p0", section="2.2", title="培训", kind="text",
                   text="开展服装缝纫、应急救护、短视频制作、花卉栽培等专项职业能力培训，全年培训服刑人员5727人。")
    own = Chunk(id="2.2#p1", section="2.2", title="培训", kind="text", text="其中服装类培训获证人数达2727人，应急救护、消防等培训另计。")
    answerer = _toy_answerer([prison.text, own.text, "学校占地430亩。"], ("短视频制作", "服装类", "服刑人员", "培训", "获证"))
    assert answerer.compose("短视频制作这一项培训了多少人？", [Hit(prison, 1.0, {"bm25": 1})]).refused
    assert "5727" in answerer.compose("服刑人员培训了多少人？", [Hit(prison, 1.0, {"bm25": 1})]).text
    # (an item with a figure of its own is counted)
    assert "2727" in answerer.compose("服装类这一项获证多少人？", [Hit(own, 1.0, {"bm25": 1})]).text


def test_how_many_times_a_week_is_answered_only_by_a_place_that_says_how_often():
    teams = Chunk(id="3.3#p0", section="3.3.3", title="体育", kind="text", text="学校有田径、舞龙等体育集训队，各备赛队均常年坚持训练。")
    mentors = Chunk(id="5.1#p0", section="5.1", title="校企", kind="text", text="企业导师每月按固定频率进校，每月2次为订单班学生授课。")
    answerer = _toy_answerer([teams.text, mentors.text, "学校占地430亩。"], ("舞龙", "集训队", "训练", "企业导师", "订单班", "授课"))
    for question in ("舞龙集训队一周训练几次？", "How many times a week does the 舞龙 集训队 train?"):
        assert parse_intent(question).kind == "often", question
        assert answerer.compose(question, [Hit(teams, 1.0, {"bm25": 1})]).refused, question
    answer = answerer.compose("企业导师每月进校授课几次？", [Hit(mentors, 1.0, {"bm25": 1})])
    assert not answer.refused and "每月2次" in answer.text


def test_students_asked_for_by_name_are_answered_only_where_students_are_named():
    team = Chunk(id="1.5#p0", section="1.5.1", title="竞赛", kind="text", text="学生智能财税团队荣获世界职业院校技能大赛国家级铜奖。")
    lead = Chunk(id="4.1#p0", section="4.1", title="国际", kind="text", text="在一带一路系列技能赛事中，我校学子累计斩获二等奖2项。")
    names = Chunk(id="4.1#p1", section="4.1", title="国际", kind="text", text="24化工黄奇鸿、24计大方俊熙获全国总决赛二等奖。")
    answerer = _toy_answerer([team.text, lead.text, names.text, "学校占地430亩。"],
                             ("智能财税", "团队", "铜奖", "一带一路", "二等奖", "成员", "同学"))
    answerer.following = {lead.id: names}
    for question in ("智能财税团队的成员是哪几位同学？", "Which students were on the 智能财税 团队?"):
        assert answerer.compose(question, [Hit(team, 1.0, {"bm25": 1})]).refused, question
    # the names come in the sentence after the place that leads the list
    assert not answerer.compose("一带一路赛事拿二等奖的是哪几位同学？", [Hit(lead, 1.0, {"bm25": 1})]).refused


def test_a_guiding_teacher_is_named_only_where_the_place_says_who_guided():
    studio = Chunk(id="3.2#p0", section="3.2.2", title="德育", kind="text", text="徐清老师代表衢州市参加浙江省中职班主任能力大赛。")
    guided = Chunk(id="3.4#p0", section="3.4", title="创业", kind="text", text="在郑军老师指导下，学生获创新创业大赛省二等奖。")
    answerer = _toy_answerer([studio.text, guided.text, "学校占地430亩。"], ("班主任", "能力大赛", "创新创业大赛", "二等奖", "老师"))
    assert answerer.compose("班主任能力大赛的指导老师是谁？", [Hit(studio, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("创新创业大赛的指导老师是谁？", [Hit(guided, 1.0, {"bm25": 1})])
    assert not answer.refused and "郑军" in answer.text


def test_how_many_is_answered_by_the_count_not_by_a_rate_of_one():
    clubs = Chunk(id="3.3#p0", section="3.3.4", title="社团", kind="text",
                  text="2025年度由社团组织开展的活动累计达12场，如“校园足球赛、篮球赛、羽毛球赛”等体育类赛项，"
                       "“围棋赛、校园小铁人赛”等文艺类赛项，平均每月就有一场社团活动，真正让社团文化成为校园生活的常态。")
    answerer = _toy_answerer([clubs.text, "学校占地430亩。"], ("社团", "活动", "体育类", "文艺类"))
    answer = answerer.compose("学校社团一年办了多少场活动？", [Hit(clubs, 1.0, {"bm25": 1})])
    assert "12场" in answer.text and "每月就有一场" not in answer.text


def test_how_many_years_wants_a_span_of_years_not_any_count():
    assert parse_intent("陈力子老师当了多少年班主任？").measures == ("年",)
    for question in ("这个专业是几年制？", "最近几年高考怎么样？", "2025级是几年级？"):
        assert "年" not in parse_intent(question).measures, question
    assert states_measure("志愿总时长达1万余小时", "小时") and states_measure("每5年累计不少于6个月", "年")
    mentors = Chunk(id="3.2#p0", section="3.2.2", title="德育", kind="text",
                    text="校内聘请陈力子和董静等10余名优秀德育骨干为德育导师，开展班主任业务能力相关培训。")
    answerer = _toy_answerer([mentors.text, "学校占地430亩。"], ("陈力子", "德育导师", "班主任", "老师"))
    # 10余名 counts mentors; it says nothing of how many years she has been a class teacher
    assert answerer.compose("陈力子老师当了多少年班主任？", [Hit(mentors, 1.0, {"bm25": 1})]).refused


def test_the_subject_a_teacher_teaches_is_answered_only_where_a_subject_is_named():
    mentors = Chunk(id="3.2#p0", section="3.2.2", title="德育", kind="text", text="校内聘请陈力子和董静等10余名优秀德育骨干为德育导师。")
    taught = Chunk(id="3.1#p0", section="3.1", title="思政", kind="text", text="吴飞燕老师长期承担思政课教学，获市教学能手称号。")
    answerer = _toy_answerer([mentors.text, taught.text, "学校占地430亩，考试科目另行公布。"],
                             ("陈力子", "德育导师", "吴飞燕", "教学", "老师", "科目"))
    assert answerer.compose("陈力子老师是教什么科目的？", [Hit(mentors, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("吴飞燕老师是教什么科目的？", [Hit(taught, 1.0, {"bm25": 1})])
    assert not answer.refused and "思政课" in answer.text


def test_a_facility_asked_for_by_what_it_is_for_must_be_named_for_that():
    plan = Chunk(id="1.2#p0", section="1.2", title="专业", kind="text",
                 text="学校新增无人机操控与维护专业，学生在校开展无人机飞行训练，招生45人。")
    base = Chunk(id="1.4#p0", section="1.4", title="基地", kind="text", text="建成护理实训基地，配备模拟病房。")
    answerer = _toy_answerer([plan.text, base.text, "学校占地430亩，体育场地和飞行训练向社会开放。"],
                             ("无人机", "护理", "实训基地", "专业", "训练", "场地", "飞行"))
    assert answerer.compose("学校有没有专门的无人机飞行训练场地？", [Hit(plan, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("学校有没有护理实训室？", [Hit(base, 1.0, {"bm25": 1})])
    assert not answer.refused and "护理实训基地" in answer.text


def test_a_major_asked_by_its_everyday_name_is_not_answered_by_the_whole_schools_figure():
    income = Chunk(id="表1#r0", text="表1 就业质量表 · 毕业生月收入（元） · 2024年 4294 · 2025年 4160", section="表1",
                   title="就业质量表", kind="row", table="表1",
                   meta={"label": "毕业生月收入", "unit": "元", "y2024": "4294", "y2025": "4160"})
    cnc = Chunk(id="1.2#p0", section="1.2", title="专业", kind="text", text="数控技术应用专业毕业生月收入4500元。")
    answerer = _toy_answerer([income.text, cnc.text, "学校占地430亩。"], ("月收入", "毕业生", "数控技术应用", "数控", "专业"),
                             rows=[income])
    # 数控专业 is the report's 数控技术应用: the table's 4160 is the whole school's
    assert answerer.compose("数控专业的毕业生月收入多少？", [Hit(income, 1.0, {"bm25": 1})]).refused
    assert "4160" in answerer.compose("毕业生月收入多少？", [Hit(income, 1.0, {"bm25": 1})]).text


def test_a_school_is_named_by_its_name_not_by_the_word_school_after_a_verb():
    from qzassist.answer import names_kind
    assert names_kind("与衢州职业技术学院、浙江科技大学合作", "学校")
    assert names_kind("浙江省永康卫生学校入选全省实践中心", "学校")
    assert not names_kind("3次赴宁波考察学习，不断提升学校德育工作的专业化水平", "学校")


def test_an_entrys_bare_number_in_a_list_counts_nothing():
    from qzassist.answer import Evidence, _gives_count
    listed = Chunk(id="5.2#r1", section="5.2", title="实践中心", kind="row", table="5.2", meta={"label": "浙江省永康卫生学校"},
                   text="我校开放型产教融合实践中心入选全省实践中心 · 浙江省永康卫生学校 · 27 · 一老一小一救护健康人才培育产教融合实践中心")
    asked = parse_intent("它去年一共培训了多少人？")
    assert not _gives_count(Evidence(listed, listed.text, 1.0, 1), asked)  # 27 is its place on the list
    plan = _plan_row(1, "护理", "3年(高考)", 86, "（空白）")
    assert _gives_count(Evidence(plan, plan.text, 1.0, 1), parse_intent("护理计划招多少人？"))



def test_how_many_years_a_school_has_run_reads_when_it_was_founded():
    assert "创办" in [t for t, _ in synonym_pairs("衢州中专办学有多少年了？")]


def test_a_count_of_what_was_added_is_no_standing_total():
    added = "本学年新增博士研究生1人、硕士研究生3人，研究生学历专任教师占比提升至19.15%"
    assert counts_only_what_was_added("How many teachers hold a doctorate in total, not just the newly hired?", added)
    assert counts_only_what_was_added("学校现在一共有几位博士？", added)
    assert not counts_only_what_was_added("今年新增了几位博士？", added)  # what was added is what is asked
    assert not counts_only_what_was_added("学校一共有几个专业？", "学校现有4个学部16个专业")
    # ("…1人获评市领军人才": a clause that starts with its figure says after it that the one was added)
    titled = "新增正高级讲师1人、高级讲师9人，1人获评市“南孔精英”计划培养专项教育领域领军人才"
    assert counts_only_what_was_added("全校一共有几位正高级讲师？", titled)
    assert not counts_only_what_was_added("全校一共有几个学生拿到国奖？", "6人获国家奖学金，168人获学校大器勤学奖学金")
    # (a clause that counts something else, 教坛新秀, says nothing of the total asked)
    assert counts_only_what_was_added("那现在全校加起来一共有几位正高级讲师？", "1人获评正高级讲师，1人获浙江省教坛新秀称号")
    hired = Chunk(id="1.6#p0", section="1.6", title="师资", kind="text", text=added + "。")
    answerer = _toy_answerer([hired.text, "学校占地430亩。"], ("博士研究生", "硕士研究生", "新增", "专任教师", "博士"))
    assert answerer.compose("学校现在一共有几位博士研究生？", [Hit(hired, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("本学年新增了几位博士研究生？", [Hit(hired, 1.0, {"bm25": 1})]).refused


def test_the_holder_of_a_role_is_the_name_said_beside_the_role():
    studio = Chunk(id="3.2#p0", section="3.2.2", title="德育", kind="text",
                   text="由名班主任工作室主持人牵头，3次赴宁波考察学习，徐清老师代表衢州市参加浙江省中职班主任能力大赛。")
    led = Chunk(id="3.4#p0", section="3.4", title="创业", kind="text", text="名师工作室主持人郑军老师带领团队开展创业指导。")
    answerer = _toy_answerer([studio.text, led.text, "学校占地430亩。"], ("班主任工作室", "名师工作室", "主持人", "老师"))
    # 徐清 is named in another clause, for another matter: the report does not say who leads the studio
    assert answerer.compose("班主任工作室的主持人是哪位老师？", [Hit(studio, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("名师工作室的主持人是哪位老师？", [Hit(led, 1.0, {"bm25": 1})])
    assert not answer.refused and "郑军" in answer.text


def test_a_teacher_in_the_story_does_not_make_the_question_about_teachers():
    plan = _plan_row(1, "护理", "中高职一体化3+2", 20, "衢州职业技术学院")
    income = Chunk(id="表1#r0", text="表1 就业质量表 · 月收入（元） · 2024年 4294 · 2025年 4160", section="表1",
                   title="就业质量表", kind="row", table="表1", meta={"label": "月收入", "y2024": "4294", "y2025": "4160"})
    words = ("护理", "计划", "招生", "老师", "工资", "月收入", "体育", "建议")
    answerer = _toy_answerer([plan.text, income.text, "学校占地430亩。", "体育老师建议学生锻炼。"], words,
                             rows=[plan, income], report_years=("2024", "2025"))
    hits = [Hit(plan, 1.0, {"bm25": 1}), Hit(income, 0.9, {"bm25": 2})]
    assert answerer.compose("在编老师一个月工资多少？", [hits[1]]).refused  # graduates' income is no teacher's pay
    answer = answerer.compose("体育老师建议他报护理。护理专业计划招生多少人？", hits)
    assert not answer.refused and "20" in answer.text


def test_a_level_asked_reads_the_clause_that_gives_that_level():
    sentence = "2025年完成专利申报7项；创新创业大赛获省二等奖1项、三等奖2项，市一等1项、二等奖3项、三等奖2项。"
    weights = TermWeights.fit([sentence, "学校占地430亩。", "学校有教职工303人。"])
    terms = ["创新创业", "大赛", "二等奖"]
    city = best_extract(sentence, terms, weights, parse_intent("创新创业大赛市里的二等奖有几个？"))
    assert "二等奖3项" in city
    province = best_extract(sentence, terms, weights, parse_intent("创新创业大赛省级拿了几个二等奖？"))
    assert "省二等奖1项" in province and "市一等" not in province
    assert parse_intent("省里一级拿了几项？市里一级又拿了几项？").level == ""  # both asked: no one level


def test_which_group_a_member_belongs_to_is_read_after_the_clause_that_names_it():
    sentence = ("学校明确建设了三大优质专业集群:围绕学校数控技术应用核心专业,整合机电技术应用、工业机器人两个关联专业"
                "构建了风动机械绿色智造专业集群,围绕新材料产业链构建了化工机械与设备、化学工艺组合的化工与新材料专业群，"
                "立足城市发展需求构建了集旅游、电子商务专业的“山水花园城市”休闲服务专业群。")
    weights = TermWeights.fit([sentence, "省级优质专业群建设是我校提质培优的核心载体。", "学校占地430亩。"])
    core = best_extract(sentence, ["数控技术应用", "省级", "优质专业群", "核心", "专业"], weights,
                        parse_intent("数控技术应用是学校哪个省级优质专业群的核心专业？"))
    assert "风动机械绿色智造" in core and "化工与新材料" not in core
    member = best_extract(sentence, ["电子商务", "专业", "省级", "优质专业群"], weights,
                          parse_intent("电子商务专业归在学校哪个省级优质专业群？"))
    assert "山水花园城市" in member and "风动" not in member


def test_which_group_a_member_belongs_to_is_found_by_the_start_of_its_long_name_and_asked_in_english():
    from qzassist.answer import member_subject

    sentence = ("学校明确建设了三大优质专业集群:围绕新材料产业链构建了化工机械与设备、化学工艺组合的化工与新材料专业群，"
                "立足城市发展需求构建了集旅游、休闲体育、电子商务专业的“山水花园城市”休闲服务专业群。")
    weights = TermWeights.fit([sentence, "省级优质专业群建设是我校提质培优的核心载体。", "学校占地430亩。"])
    intent = parse_intent("休闲体育服务与管理专业归在学校哪个省级优质专业群？")
    subject = member_subject(["休闲体育服务与管理", "专业", "省级", "优质专业群"], intent)
    assert subject == [("休闲体育服务与管理", "休闲体育", "休闲")]  # the list names the major by its start
    assert 0 < weights.coverage(subject, sentence)
    assert "山水花园城市" in best_extract(sentence, ["休闲体育服务与管理", "专业", "省级", "优质专业群"], weights, intent)
    # in English: which kind of group is asked, and the one clause that names it is quoted, not the whole list
    english = parse_intent("Which of the school's specialty groups does 化学工艺 belong to?")
    assert english.member == "专业群" and parse_intent("Which department is 护理 in?").member == "学部"
    assert not parse_intent("Which group won the prize?").member
    extract = best_extract(sentence, ["化学工艺"], weights, english)
    assert "化工与新材料" in extract and "山水花园城市" not in extract, extract


def test_which_group_is_answered_where_the_member_is_named_not_where_the_groups_are_only_named():
    groups = Chunk(id="1.3#p0", section="1.3", title="专业群", kind="text",
                   text="学校明确建设了三大优质专业集群:围绕新材料产业链构建了化工机械与设备、化学工艺组合的化工与新材料专业群，"
                        "立足城市发展需求构建了集旅游、电子商务专业的“山水花园城市”休闲服务专业群。")
    challenge = Chunk(id="7.2#p0", section="7.2", title="挑战", kind="text",
                      text="省级优质专业群建设是我校提质培优的核心载体，而师资队伍的结构性矛盾正成为关键制约。")
    plan = Chunk(id="1.2#p0", section="1.2", title="招生", kind="text", text="电子商务专业今年计划招生45人。")
    answerer = _toy_answerer([groups.text, challenge.text, plan.text],
                             ("电子商务", "专业", "省级", "优质专业群", "核心", "载体", "招生"),
                             sections={c.section: [c] for c in (groups, challenge, plan)})
    question = "电子商务专业归在学校哪个省级优质专业群？"
    # retrieval found only the challenge and the plan: the paragraph that names 电子商务 with a group is read too
    answer = answerer.compose(question, [Hit(challenge, 1.0, {"bm25": 1}), Hit(plan, 0.9, {"bm25": 2})])
    assert not answer.refused and "山水花园城市" in answer.text and answer.citations[0].section == "1.3"


def test_everyday_words_for_honours_scale_and_building_reach_the_reports_terms():
    # a parent's 牌子 is the report's 称号, 世界级 its 世界…大赛, 动工 its 实施
    assert ("称号", "牌子") in synonym_pairs("学校在足球上有没有什么国家级的牌子？")
    answerer = _toy_answerer(["学生智能财税团队荣获世界职业院校技能大赛国家级铜奖。", "学校占地430亩。"], ("世界", "大赛"))
    assert answerer._stands_for_known("世界级")  # (said with the report's 世界 in it, so no pair is made)
    assert ("实施", "动工") in synonym_pairs("二期工程动工了没有？")
    assert ("要求", "硬性") in synonym_pairs("下企业有没有硬性规定？")  # (the report's 明确要求)
    assert ("一等奖", "大奖") in synonym_pairs("学长在航天比赛里拿了大奖，是哪几位同学？")
    assert ("排名", "名次") in synonym_pairs("本科上线的全省名次比上一年往前挪了几名？")


def test_a_verb_with_how_its_action_ends_is_the_reports_verb():
    answerer = _toy_answerer(["实施红蓝融合行动，培育红色蓝领。", "学校占地430亩。"], ("实施", "培育", "红色蓝领"))
    question = "实施红蓝融合行动，最后要培育出什么样的学生？"
    assert answerer._excused("培育出", question, question)  # (培育, said with 出)
    assert not answerer._excused("栽培出", question, question)  # (a verb the report never uses)


def test_a_span_of_time_in_chinese_numerals_is_also_sought_in_digits():
    assert ("5年", "五年") in synonym_pairs("每个老师五年里在企业要待够多久")
    assert ("10个月", "十个月") in synonym_pairs("实习要十个月吗")
    # "这两年" asks for both years, "一年来" is the past year, "十四五" is a plan's name, "三年级" a grade
    for question in ("这两年各是多少", "一年来办了几次", "十四五规划", "三年级学生有多少"):
        assert not [p for p in synonym_pairs(question) if p[0][:1].isdigit()], question


def test_a_clause_that_tells_only_by_what_means_is_read_on_to_what_was_done():
    sentence = ("在第十三届全国职业院校日语技能大赛中，23中日国际班潘皓恩、郑宇轩两位同学凭借扎实的专业功底和出色的临场表现，"
                "双双斩获个人赛一等奖。")
    weights = TermWeights.fit([sentence, "学校占地430亩。", "学校有教职工303人。"])
    extract = best_extract(sentence, ["日语", "技能", "大赛", "同学"], weights, parse_intent("日语技能大赛那两位同学叫什么？"))
    assert "潘皓恩" in extract and extract.endswith("个人赛一等奖"), extract


def test_the_shape_of_items_a_person_half_remembers_picks_the_clauses_that_list_them():
    from qzassist.answer import shape_asked, shaped_items

    assert shape_asked("报告说要达到的那三句“之……”效果是什么？") == "之"
    assert shape_asked("就是那几个“通过……”。") == "通过"
    assert shape_asked("活动被归成了几个“大”字头的板块？") == "大"
    assert shape_asked("报告里说要有哪三个“特”？") == "特"
    assert shape_asked("“双师型”教师比例是多少？") == ""  # a name quoted whole is no shape
    sentence = ("同时，以新时代理论宣讲工作作为载体，打造了一支讲解员队伍，对全校师生进行理论宣讲，"
                "进一步筑牢信仰之基、补足精神之钙、把稳思想之舵。")
    assert shaped_items(sentence, "之") == 3 and shaped_items(sentence, "") == 0
    weights = TermWeights.fit([sentence, "学校占地430亩。"])
    intent = parse_intent("讲解员理论宣讲要达到的那三句“之……”是什么？")
    assert best_extract(sentence, ["讲解员", "理论", "宣讲"], weights, intent) == "进一步筑牢信仰之基、补足精神之钙、把稳思想之舵"


def test_a_list_announced_with_its_count_runs_on_over_the_items_that_end_in_semicolons():
    from qzassist.answer import Evidence, _announces_asked, _sentences, _with_announced_list

    text = ("学校优化专业布局，目前建有3个专业群：智能电气专业群由电气、模具、电子3个专业组成；"
            "文旅专业群由民宿、烹饪、茶叶、工艺美术4个专业组成；汽车服务专业群由汽车运用、新能源汽车2个专业组成。"
            "各专业群实行双负责制。")
    chunk = _text_chunk("1.3#p0", text)
    first = _sentences(chunk)[0]
    assert _announces_asked(first, "学校建了哪几个专业群？") and not _announces_asked(first, "群里有哪几个专业？")
    quote = _with_announced_list(Evidence(chunk, first, 1.0, 0, 1.0), parse_intent("学校建了哪几个专业群？"), {})
    assert "文旅专业群" in quote and "汽车服务专业群" in quote and "双负责制" not in quote, quote


def test_person_days_are_a_measure_of_their_own():
    assert parse_intent("表4里记的是多少人日？").measures == ("人日",)


def test_a_place_in_a_ranking_and_an_earlier_years_place_give_the_move_said_to_be_computed():
    from qzassist.answer import COMPUTED_TEXT_ZH, _with_rank_change

    text, moved = _with_rank_change("综合排名全省第9名（2024年为第14名）", "zh")
    assert text.endswith(f"（较2024年前进5名，{COMPUTED_TEXT_ZH}）") and moved == ["5"]
    assert "后退2名" in _with_rank_change("排名第7名（2024年第5名）", "zh")[0]
    assert "moved up 5 places since 2024" in _with_rank_change("第9名（2024年为第14名）", "en")[0]
    assert _with_rank_change("综合排名全省第6", "zh") == ("综合排名全省第6", [])


def test_a_word_cut_across_two_report_words_is_not_taken_for_an_unknown_thing():
    text = Chunk(id="1.3#p0", section="1.3", title="专业群", kind="text",
                 text="化工机械与设备、化学工艺、计算机应用组合的化工与新材料专业群。")
    weights = TermWeights.fit([text.text, "学校有教职工303人。"])
    cut = lambda t: [w for w in ("化工与新材料专业群", "专业组", "专业群", "食堂") if w in t]
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    assert answerer._cut_across("专业组", "由哪几个专业组合起来的")  # 专业 + 组合
    assert not answerer._cut_across("专业组", "有哪几个专业组")  # nothing beside it makes a report word
    assert not answerer._cut_across("食堂", "食堂合起来")  # two characters are one word, not a cut


def test_a_measure_of_a_kind_the_report_never_names_is_refused_even_beside_the_figure_it_quotes():
    text = Chunk(id="一#p0", section="一", title="学校概况", kind="text",
                 text="学校创办于1987年,校园占地430亩,建筑面积13.85万平方米,教职工303人。")
    weights = TermWeights.fit([text.text, "学校有教职工303人。", "实训基地面积扩大。"])
    vocabulary = ("校园", "占地", "绿化", "建筑面积", "面积", "教职工", "学校", "报告", "其中", "多少")
    cut = lambda t: _greedy(t, vocabulary)
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    hits = [Hit(text, 1.0, {"bm25": 1})]
    assert answerer.compose("报告说校园占地430亩，那其中绿化面积有多少？", hits).refused
    assert not answerer.compose("报告说校园占地430亩，那建筑面积有多少？", hits).refused


def _greedy(text, vocabulary):
    """Longest-match segmentation over a small vocabulary, single characters elsewhere."""
    out, i = [], 0
    while i < len(text):
        word = next((w for w in sorted(vocabulary, key=len, reverse=True) if text.startswith(w, i)), text[i])
        out.append(word)
        i += len(word)
    return out


def test_a_short_name_of_a_major_takes_its_characters_in_order_from_the_first():
    assert _short_for("电商", "电子商务") and _short_for("数控", "数控技术应用") and _short_for("会计", "会计事务")
    assert _short_for("子商", "电子商务")  # a part of the name, as written
    assert not _short_for("电竞", "电子商务")  # 竞 is no character of it
    assert not _short_for("商电", "电子商务")  # out of order
    assert not _short_for("子务", "电子商务")  # in order, but not from its first character


def test_a_synonym_phrase_marked_to_close_the_question_counts_only_there():
    terms = lambda q: {term for term, _ in synonym_pairs(q)}
    assert "全日制在校生" in terms("学校有多少学生？") and "全日制在校生" in terms("2024年学校有多少学生呢")
    assert "全日制在校生" not in terms("国家助学金全校有多少学生享受？")  # students who get a grant, not all


def test_what_several_things_all_are_asks_for_the_list():
    assert parse_intent("这五件事都是什么？").listing and parse_intent("那几个字都指什么？").listing
    assert parse_intent("那几项工程的全名都列一下。").listing
    assert not parse_intent("学校的校训是什么？").listing


def test_a_rate_asked_is_refused_where_the_place_gives_only_a_ranking():
    assert "%" in parse_intent("学业水平测试的合格率是多少？").measures
    assert "%" in parse_intent("What was the school's pass rate in the 学业水平测试?").measures
    assert "%" not in parse_intent("考了多少分？").measures
    ranked = Chunk(id="四(二)#p0", section="四(二)", title="学考", kind="text", text="23级、24级学业水平测试综合排名均居全市第一。")
    rated = Chunk(id="1.5.2#p0", section="1.5.2", title="升学", kind="text", text="职教高考升学共计738人，升学率97.2%。")
    answerer = _toy_answerer([ranked.text, rated.text, "学校占地430亩。"], ("学业水平测试", "合格率", "职教高考", "升学率"))
    assert answerer.compose("学业水平测试的合格率是多少？", [Hit(ranked, 1.0, {"bm25": 1})]).refused
    answer = answerer.compose("升学率是多少？", [Hit(rated, 1.0, {"bm25": 1})])
    assert not answer.refused and "97.2%" in answer.text


def test_a_grade_of_certificate_the_report_never_names_is_refused():
    from qzassist.answer import is_content_word

    assert is_content_word("a证", lambda t: [("a", "eng"), ("证", "n")])
    place = Chunk(id="四(四)#p0", section="四(四)", title="心育", kind="text", text="教师心理B证持证率达30%，开展多项心理健康主题活动。")
    cut = lambda t: [w for w in ("老师", "教师", "心理", "A", "B", "证", "持证率") if w in t]
    weights = TermWeights.fit([place.text, "学校占地430亩。", "学校有16个专业。"])
    answerer = ExtractiveAnswerer(weights=weights, rows=RowMatcher.build([], None, weights, cut, cut), cut=cut)
    hits = [Hit(place, 1.0, {"bm25": 1})]
    assert answerer.compose("有没有老师拿了心理A证？", hits).refused
    assert not answerer.compose("心理B证持证率是多少？", hits).refused


def test_enrolled_students_or_staff_counted_want_people_counted():
    assert parse_intent("这4个学部各有多少在校生？").measures == ("人",)
    assert parse_intent("学校有多少教职工？").measures == ("人",)
    assert parse_intent("在校生数是多少？").measures == ()  # (a row's figure named, not a head count asked)
    place = Chunk(id="一#p0", section="一", title="学校概况", kind="text", text="学校现有财经商贸、学前艺术等4个学部16个专业。")
    answerer = _toy_answerer([place.text, "学校占地430亩。", "全日制在校生近4000人。"], ("财经商贸", "学前艺术", "学部", "在校生"))
    assert answerer.compose("财经商贸、学前艺术这些学部各有多少在校生？", [Hit(place, 1.0, {"bm25": 1})]).refused


def test_a_rank_asked_in_one_field_is_refused_where_the_place_ranks_in_another():
    from qzassist.answer import _ranks_only_elsewhere

    assert parse_intent("本科上线人数在全市排第几？").level == "市"
    assert parse_intent("Where does the school rank within Quzhou city for 本科上线?").kind == "rank"
    assert parse_intent("Where does the school rank within Quzhou city for 本科上线?").level == "市"
    assert parse_intent("What is its ranking in the province?").level == "省"
    assert _ranks_only_elsewhere("本科上线106人，人数排名全省第11名（较去年进步7名）", "市")
    assert not _ranks_only_elsewhere("本科上线106人，人数排名全省第11名（较去年进步7名）", "省")
    assert not _ranks_only_elsewhere("学业水平测试综合排名均居全市第一", "市")
    assert not _ranks_only_elsewhere("人数排名第11名", "市")  # (no field named: it may be the one asked)


def test_which_one_came_first_is_refused_where_the_place_says_no_first():
    own = Chunk(id="1.5.1#p0", section="1.5.1", title="技能大赛", kind="text",
                text="学生职业能力大赛方面，省级获奖13项，综合排名全省第15名。")
    listed = Chunk(id="5.2#r0", section="5.2", title="实践中心", kind="row",
                   text="全省实践中心名单 · 台州市黄岩区第一职业技术学校 · 35 · 模具智能加工产教融合实践中心")
    first = Chunk(id="四(二)#p0", section="四(二)", title="学考", kind="text", text="学业水平测试综合排名均居全市第一。")
    answerer = _toy_answerer([own.text, listed.text, first.text, "学校占地430亩。"],
                             ("职业能力大赛", "综合排名", "全省", "全市", "学业水平测试", "学校"))
    assert answerer.compose("职业能力大赛全省排第一的是哪所学校？", [Hit(own, 1.0, {"bm25": 1})]).refused
    assert answerer.compose("全省排第一的是哪所学校？", [Hit(listed, 1.0, {"bm25": 1})]).refused  # (a school's name)
    from qzassist.answer import _FIRST_SAID, _WHICH_FIRST

    assert _FIRST_SAID.search(first.text) and not _FIRST_SAID.search(listed.text)
    assert _WHICH_FIRST.search("第一名是谁？") and not _WHICH_FIRST.search("学校排第几？")


def test_a_part_of_a_table_figure_the_question_quotes_is_refused_though_the_row_has_another_year():
    row = Chunk(id="表3#r4", section="表3", title="服务贡献表", kind="row",
                text="表3 服务贡献表 · 非学历培训到账经费（万元） · 2024年 175.11 · 2025年 94.4680",
                meta={"label": "非学历培训到账经费", "parent": "", "unit": "万元", "y2024": "175.11", "y2025": "94.4680"})
    answerer = _toy_answerer([row.text, "学校占地430亩。", "为服刑人员开展培训。"],
                             ("非学历培训", "到账经费", "服刑人员", "培训", "收入"), rows=[row])
    hits = [Hit(row, 1.0, {"bm25": 1})]
    assert answerer.compose("表3里2025年非学历培训到账经费是94.4680万元。这里面给服刑人员做培训的那部分收入是多少？", hits).refused
    answer = answerer.compose("表3里2025年非学历培训到账经费是94.4680万元，2024年是多少？", hits)
    assert not answer.refused and "175.11" in answer.text


def test_which_country_is_answered_only_where_a_country_is_named():
    from qzassist.answer import has_kind

    assert parse_intent("外籍教师来自哪些国家？").kind == "country"
    assert parse_intent("Which countries were the visiting teachers from?").kind == "country"
    assert parse_intent("学校都拿过哪些国家级的荣誉称号？").kind != "country"
    assert has_kind("学校继续深化与日本工业大学的合作", "country")
    assert not has_kind("通过组织师生参与线上国际课程合作、跨国教学研讨等活动", "country")
    assert not has_kind("在“一带一路”暨金砖国家系列技能赛事中", "country")
    vague = Chunk(id="4.2#p0", section="4.2", title="国际交流", kind="text",
                  text="通过组织师生参与线上国际课程合作、跨国教学研讨等活动，搭建国际化学习交流平台。")
    named = Chunk(id="4.2#p1", section="4.2", title="国际交流", kind="text", text="学校继续深化与日本工业大学的合作。")
    answerer = _toy_answerer([vague.text, named.text, "学校占地430亩。"], ("国际", "交流", "外籍教师", "大学", "合作"))
    assert answerer.compose("国际交流的外籍教师来自哪些国家？", [Hit(vague, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("学校跟哪个国家的大学合作？", [Hit(named, 1.0, {"bm25": 1})]).refused


def test_an_english_question_whether_the_school_has_a_thing_no_word_of_the_glossary_names():
    from qzassist.answer import _unglossed_thing

    assert _unglossed_thing("Does the school have a swimming pool?") == "swimming pool"
    assert _unglossed_thing("Does  employ full-time school psychologists?") == "full-time school psychologists"
    assert _unglossed_thing("Is there a student union?") == "student union"
    assert _unglossed_thing("Does the school offer a nursing major?") == ""  # (a major, which the glossary knows)
    assert _unglossed_thing("Does the school have 心理 teachers?") == ""  # (it names the report's own term)
    assert _unglossed_thing("How many students are there?") == ""


def test_a_rate_is_the_one_asked_where_its_clause_names_the_rate_without_its_ending():
    from qzassist.answer import Evidence

    said = Chunk(id="1.5.2#p0", section="1.5.2", title="升学", kind="text", text="与浙江科技大学联办的中本一体班，转段升学考试35人，100%升学。")
    other = Chunk(id="四(一)#p0", section="四(一)", title="团委", kind="text", text="发展新团员410名，智慧团建对标定级率100%。")
    rate = lambda chunk, terms: ExtractiveAnswerer._rate_of_another(
        Evidence(chunk=chunk, quote=chunk.text, score=1.0, rank=0, coverage=1.0), terms)
    assert not rate(said, ["转段", "升学率"])  # "100%升学" is the 升学率 asked
    assert rate(other, ["团员", "学生", "比例"])  # the 100% is 智慧团建's, not the members' share


def test_a_count_of_occasions_is_not_answered_by_a_list_of_who_served_often():
    served = Chunk(id="3.3.1#p0", section="3.3.1", title="社团", kind="text", text="礼仪社、导游社多次服务重大会务接待。")
    tasks = Chunk(id="7.2#p0", section="7.2", title="挑战", kind="text", text="师资撑不起专业群建设、课程开发、技能培训等任务。")
    answerer = _toy_answerer([served.text, tasks.text, "学校占地430亩。"],
                             ("礼仪社", "导游社", "服务", "会务接待", "师资", "任务"))
    assert answerer.compose("导游社这一年出去服务了多少场会务接待？", [Hit(served, 1.0, {"bm25": 1})]).refused
    assert not answerer.compose("师资撑不起哪几项任务？", [Hit(tasks, 1.0, {"bm25": 1})]).refused

