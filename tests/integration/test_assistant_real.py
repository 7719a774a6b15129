"""The real report, the real USE model and real Chroma: questions phrased the way people ask them."""

import re
import shutil
from pathlib import Path

import pytest

from qzassist.assistant import Assistant
from qzassist.config import Settings

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    return Assistant.load(Settings(corpus_dir=root / "corpus", index_dir=root / "index"))


def _flat(text):
    return re.sub(r"\s", "", text)


CASES = [
    ("学校一共有多少教职员工？", ["303"], ["一", "表5"]),
    ("现在一个老师大概要带多少个学生，生师比多少？", ["13.58:1"], ["表2"]),
    ("护理专业的学生考护士证通过率怎么样？", ["97.36%"], ["四(三)"]),
    ("今年考上本科的有多少人？", ["141"], ["表1", "四(二)"]),
    ("毕业生一个月能挣多少钱？", ["4160"], ["表1"]),
    ("学校的设备值平均到每个学生是多少钱？", ["24514.74"], ["表2"]),
    ("2025级计划一共招多少新生？", ["1400"], ["1.2"]),
    ("学校新开了哪个专业？", ["无人机操控与维护"], ["1.2"]),
    # a section named by its title says where to look; its words (政策, 制度, 保障) are not what is asked
    ("报告“政策与制度保障”里说学校以什么理念为引领？", ["器质教育"], ["6.1"]),
    ("How many teachers are 双师型, in percent?", ["95.89%"], ["1.6", "表2"]),
    ("学校获评过全国文明校园吗？", ["全国文明校园"], ["一", "四(一)"]),
    # the noun after 哪 names the kind of answer (a law), not a topic the report must use
    ("本报告主要展示学校落实哪一部法律？", ["职业教育法"], ["二"]),
    # the second part names nothing and goes on about the first part's subject
    ("学校现在有几个学生社团？一共多少人参与？", ["31", "1016"], ["3.3.1"]),
    ("编写领导小组哪个月成立？组长是谁担任？", ["2025年11月", "党委书记"], ["三"]),
    # 市外 inside 衢州市外: a two-character word that ends where the report's word ends
    ("市外录取的新生最高考了多少分？", ["623"], ["1.2"]),
    # a count of people, not the sub-row of fees under the same indicator
    ("学校今年聘了多少行业导师？", ["23人"], ["表5"]),
    # 学生 inside the report's own 学生体质测评合格率 is not swapped for 在校生
    ("学生体质测评合格率去年和今年各是多少？", ["95.74", "91.47"], ["表5"]),
    # the headings under 四 are the list; no sentence gives it
    ("年度工作主要成效包括哪几个方面？", ["党建引领", "社会服务与产教融合"], ["四"]),
    # a person asked about is answered where that person is named, not beside another teacher's prize
    ("朱亮亮老师获得了什么奖？", ["全国中职教学设计与展示活动一等奖"], ["1.5.1"]),
    # a request ("能列一下吗") is not a subject the report lacks; 省一级 is the report's 省级
    ("学校获得过哪些全国性的称号？能列一下吗？", ["全国文明校园"], ["一"]),
    ("老师们比赛拿了多少个省一级的奖？", ["省级12项"], ["1.5.1"]),
    # 本科线 is the 本科上线 count (106), not the 升入本科 admissions (141); a rank is asked for with 排第几
    ("高职考过了本科线的学生有多少？", ["106"], ["1.5.2", "四(二)"]),
    ("本科上线人数在全省排第几名？", ["第11名"], ["1.5.2"]),
    # the story told before the question does not drown it out
    ("我们家住得远，孩子性格内向，喜欢画画。学校有多少个学生社团？", ["31"], ["3.3.1"]),
    # a later part names nothing of its own and borrows the report term the first part names
    ("新开的无人机操控与维护专业是几年制？计划招多少？", ["3年(高考)", "45"], ["1.2"]),
    # words about the report's wording (形容) and everyday words for its terms (带队 for 牵头, directly affiliated)
    ("教职工关怀体系，报告用哪几个词来形容？", ["有温度"], ["6.3"]),
    ("名班主任工作室带队出去考察过哪些城市？", ["宁波"], ["3.2.2"]),
    ("Which bureau is the school directly affiliated to?", ["衢州市教育局"], ["6.2"]),
    ("学校隶属于哪个部门？", ["衢州市教育局"], ["6.2"]),  # 隶属 is said 直属 in the report
    # the sentence that names what is asked about (家书), not the one that shares the most other words
    ("清廉文化节期间让学生家里写的家书，是什么主题？", ["清简家风"], ["3.2.4"]),
    ("学校的质量保证体系里面，学生发展的质量目标具体写在什么东西里？", ["学生综合素养发展手册"], ["1.7"]),
    # "招生计划表" says where to look; the story's words are not what the later part asks about
    ("儿子一心想学机械。我翻招生计划表看了半天，工业机器人技术应用是几年制、跟哪所学校合作？",
     ["中高职一体化3+2", "衢州职业技术学院"], ["1.2"]),
    ("学校的省级创业创新名师工作室是以哪位老师命名的？", ["郑军"], ["3.4"]),
    # the clause that asks names what is asked about (专业), not the place the story is told from (园区)
    ("我家在化工园区边上，那个化工相关的群里包括哪几个专业？", ["化工与新材料专业群"], ["1.3"]),
    # 拍板 is the report's 决策
    ("质量保证的组织架构中，负责拍板的是哪两个会？", ["党委会", "校长办公会"], ["1.7"]),
    ("给农民开的短训班一年办了几期？", ["6期"], ["2.1"]),  # 短训班 is a 培训班
    ("学校专业总数从2024年的几个变成了2025年的几个？", ["15个", "16个"], ["表2"]),  # 专业总数 is 表2's 专业数量
    ("这学校到底占了多少亩地？房子盖了多少平方？", ["430亩", "13.85万平方米"], ["一"]),  # 占地, 建筑面积
    ("艺术设计与制作这个专业有几种读法？", ["3年(高考)", "中高职一体化3+2"], ["1.2"]),  # 读法 is a 学制
    ("学校这一年各类培训按实际人头算一共培训了多少人？", ["8469人"], ["2.4"]),  # 人头 are 人数, not 人次
    ("学校一年派多少专任老师去企业顶岗？", ["100名以上"], ["1.6"]),  # 顶岗 is 岗位实践
    # a major named short (电商 for 电子商务) or by its everyday name (幼师) is the report's major
    ("电商专业今年招多少人？", ["40", "45"], ["1.2"]),
    ("幼师专业计划招多少人？", ["90"], ["1.2"]),
    ("Does the school have an accounting major?", ["会计事务"], ["1.2"]),  # glossed to the table's 会计事务
    # a column of a list table asked for as a list (the list's "(12个)" row names nothing)
    ("省级优质专业群名单里有哪些学校？", ["衢州中等专业学校", "浙江省衢州理工学校", "浙江省衢州工商学校"], ["1.3"]),
    # the rows of the plan whose cell holds what is named, from the whole table, not a paragraph that names it
    ("哪些专业跟日本工业大学合作？", ["数控技术应用"], ["1.2"]),
    ("哪些专业是3+2的？", ["工业机器人技术应用", "建筑工程施工", "休闲体育服务与管理"], ["1.2"]),
    # the whole school's teachers are its 专任教师, not a sentence that names one teacher; 建 is 创办
    ("学校有多少老师？", ["278"], ["表5"]),
    ("学校是哪一年建的？", ["1987"], ["一"]),
    # a major the text names short (会计专业, 旅游专业) is its plan row when what the plan tells is asked
    ("会计专业跟哪所学校合作？", ["浙江商业职业技术学院"], ["1.2"]),
    ("旅游专业今年招多少人？", ["30", "44"], ["1.2"]),
    ("数控专业学几年？", ["中本一体化3+4", "区域中高职一体化5年"], ["1.2"]),
    ("How many teachers does the school have?", ["278"], ["表5"]),
    ("How much do graduates earn per month?", ["4160"], ["表1"]),
    ("What majors does the school offer?", ["数控技术应用", "休闲体育服务与管理"], ["1.2"]),
    # the whole school's students by year are 表5's 全日制在校生, not 表4's sub-row of a partnership's students
    ("2024年学校有多少学生？", ["4139"], ["表5"]),
    ("How many students did the school have in 2024?", ["4139"], ["表5"]),
]


def test_a_list_entry_asked_by_its_running_number_is_found_by_it(assistant):
    answer = assistant.ask("省级优质中职专业群拟立项名单上137号是哪所学校？")
    assert "浙江省衢州理工学校" in answer.text and not answer.refused, answer.text


def test_each_indicator_named_in_a_list_gets_its_row_and_no_other(assistant):
    answer = assistant.ask("表5里美育课专任教师、体育课专任教师和班主任各有多少人？")
    text = _flat(answer.text)
    # 班主任 is a three-character name said as a list item; 专任教师 there is part of the other two names,
    # not a request for 专任教师总数 (278)
    assert "班主任人数：2025年98人" in text and "美育课专任教师数" in text and "278" not in text, answer.text


def test_a_named_entry_of_a_table_is_quoted_alone(assistant):
    # the plan table's other rows share its partner school, but the question names one major
    answer = assistant.ask("工业机器人技术应用这个专业是哪种学制？")
    assert "中高职一体化3+2" in answer.text and "数控技术应用" not in answer.text, answer.text


def test_a_later_part_pointing_back_is_read_without_the_story_told_before_the_first(assistant):
    # "它" is the school the first part asks about; the visitor's story is no part of what is asked
    answer = assistant.ask("我是外省来考察的，对衢州中专还不太了解。这所学校是哪一年创办的？它获得的国家级荣誉称号大概有多少项？")
    assert "1987" in answer.text and "10多项" in answer.text, answer.text


def test_a_span_of_time_in_chinese_numerals_finds_the_figure_written_in_digits(assistant):
    answer = assistant.ask("按规定每个老师五年里在企业一共要待够多久？")
    assert not answer.refused and "6个月" in answer.text.replace(" ", ""), answer.text


def test_each_row_of_an_entry_the_question_names_a_cell_of_is_given(assistant):
    # 母婴 and 中医 are each in one of 护理's plan rows; the best row has only one of them
    answer = assistant.ask("学校3+2有母婴的也有中医的，两个方向各招多少人？")
    assert "母婴方向" in answer.text and "中医方向" in answer.text, answer.text


def test_a_span_in_chinese_numerals_picks_the_plan_row_it_names(assistant):
    answer = assistant.ask("护理专业两个3+2方向各招几个人？三年制高考班又招多少人？")
    assert "86" in answer.text and answer.text.count("母婴方向") == 1, answer.text


def test_a_follow_up_naming_its_own_subject_leaves_the_place_the_earlier_turn_was_answered_from(assistant):
    history = [("一带一路暨金砖国家系列技能赛事里学校拿了几个奖？", "")]
    answer = assistant.ask("其中电商的那个奖是哪位同学拿的？", history)
    assert "黄文依" in answer.text and {c.section for c in answer.citations} == {"4.1"}, answer.text


def test_the_schools_own_name_in_a_question_is_no_subject_the_place_must_repeat(assistant):
    # the report says "与普通高中合作的“普职融通”实验班", not "衢州中专…"
    answer = assistant.ask("衢州中专有没有跟普通高中一起办的班？")
    assert not answer.refused and "普职融通" in answer.text, answer.text
    # left out by 除了, the school's name draws nothing; the 衢州 said on its own still counts
    others = assistant.ask("全省产教融合实践中心名单上，衢州除了衢州中专还有哪两所学校上榜？")
    assert "浙江省衢州第二中等专业学校" in others.text and "浙江省衢州理工学校" in others.text, others.text


def test_a_later_part_that_would_only_say_an_earlier_place_again_is_answered_by_its_own_words(assistant):
    # read with the plan-row part before it, "那所大学录取" lands on the same row; the row says nothing of 录取
    answer = assistant.ask("想去日本读大学。学校跟日本哪所大学合作？2025级招生计划里那个国际合作的三年制班招几个人？"
                           "这些年有多少学生被那所大学录取了？")
    assert "20余名" in answer.text and "15" in answer.text, answer.text


def test_items_asked_for_by_the_characters_they_share_are_listed(assistant):
    answer = assistant.ask("报告最后说要靠哪几个“通过……”来应对挑战？")
    assert all(w in answer.text for w in ("战略聚焦", "人才强校", "治理现代化")), answer.text


def test_an_english_comparison_says_increased_or_decreased(assistant):
    answer = assistant.ask("How did the number of 虚拟仿真实训基地 change from 2024 to 2025?")
    assert "increased by 2" in answer.text, answer.text


def test_a_term_the_segmenter_cut_a_character_off_is_sought_whole(assistant):
    # jieba cuts 专业|群 and 家访|率; the report uses 专业群 and 家访率 whole
    rejoin = assistant._extractive._with_suffix_rejoined
    assert rejoin("学校建了哪几个专业群？", ["学校", "专业"]) == ["学校", "专业群"]
    assert rejoin("家访率是多少", ["家访"]) == ["家访率"]


@pytest.mark.parametrize("question,facts,sections", CASES)
def test_answers_with_the_fact_and_its_section(assistant, question, facts, sections):
    answer = assistant.ask(question)
    assert not answer.refused, answer.text
    assert all(_flat(f) in _flat(answer.text) for f in facts), answer.text
    cited = {c.section for c in answer.citations}
    assert cited & set(sections), (answer.text, cited)
    assert len(answer.text) <= 200


@pytest.mark.parametrize("question", ["学校一年的学费要交多少钱？", "学校食堂每天的菜单是什么？",
                                      "2023年学校的生师比是多少？", "What is the phone number of the admissions office?",
                                      # the second part asks on about the first part's topic, which the report lacks
                                      "奖学金一个学生能拿多少钱？评上要什么条件？",
                                      # the report gives this year's rate; 2024 is only what it is compared with
                                      "2024年职教高考的升学率是多少？",
                                      # the list's running numbers go 133, 134, 135, 137: there is no 136
                                      "省级优质中职专业群拟立项名单上那个136号是哪所学校的什么专业群？",
                                      # the story names the occasion that "那次活动" points at; its date is not given
                                      "我想去听一次“劳模工匠进校园”那样的讲座。今年那次活动具体是几月几号办的？",
                                      # the place names the student the question names, and no teacher
                                      "徐爽同学拿了作文大赛三等奖，她的指导老师是谁？",
                                      # the place tells of the bronze award and of no sum of money
                                      "How much prize money did the 智能财税 team get for its bronze award?",
                                      # beside a part the report is silent on, a yes-or-no part whose reply says
                                      # none of its words (宿舍 is said, 新生 and 寝室 are not)
                                      "学生宿舍改造什么时候能完工？今年新生能住上新寝室吗？",
                                      # majors the report never names, in its text or in its table of majors
                                      # (人工智能 is a word of the report, in the name of a contest)
                                      "学校有电竞专业吗？", "学校有没有开设烹饪专业？", "人工智能专业今年招多少人？",
                                      "Does the school offer an e-sports major?",
                                      # the row the story's count pins only counts the bases; none is named
                                      "表2里说2025年学校有5个校级虚拟仿真实训基地。这5个基地分别是给哪些专业用的？",
                                      # a grade of certificate the report never names (it names 心理B证)
                                      "学校有没有老师拿了心理A证？",
                                      # a rate the place does not give: the test's result is told as a ranking
                                      "学业水平测试的合格率是多少？",
                                      # 每学期末 and 每年 say how often, not which month
                                      "学校的跳蚤市场一般是几月份办？",
                                      # the place the story's 八佾舞 names counts no dancers; asked without the
                                      # story, "how many students" would land on the school's whole enrolment
                                      "Students from the school performed the 八佾舞 at the ceremony for "
                                      "Confucius's 2576th birthday. How many students took part in the dance?",
                                      # the report ranks the 本科 count in the province, not the city
                                      "本科上线人数在全市排第几？",
                                      "Among the vocational schools within Quzhou city itself, where does 衢州中专 "
                                      "rank for the number of students passing the 本科 line?",
                                      # the school that came first is not named; 它 is that school
                                      "看到衢州中专学生职业能力大赛综合排名全省第15名。那今年全省排第一的是哪所学校？"
                                      "它拿了多少个省级奖？",
                                      # the school's own name is no subject; a swimming pool is named nowhere
                                      "Does 衢州中专 have a swimming pool?",
                                      # whether there is a thing the report never names (宿舍 it names; WiFi not)
                                      "学生宿舍有没有WiFi覆盖？",
                                      # next year is after the report's; the later part asks on about next year
                                      "明年2026级的招生计划出来了吗？职普融通班还是招90人吗？",
                                      # the list's numbers start at 22; 1号 is told only as what is asked
                                      "报告里那张全省产教融合实践中心名单是从22号开始的。排在1号的是哪所学校？"])
def test_refuses_what_the_report_does_not_say(assistant, question):
    answer = assistant.ask(question)
    assert answer.refused, answer.text


def test_each_of_two_rows_asked_together_gets_its_change(assistant):
    # one row is about teachers and one is not; the direction is asked in words of its own (变化方向如何)
    answer = assistant.ask("按表5，年生均财政拨款水平和专任教师总数这两年各是多少？变化方向如何？")
    assert not answer.refused, answer.text
    assert "减少1705.45元" in answer.text and "减少4人" in answer.text


def test_a_row_with_no_figure_in_the_years_asked_is_not_quoted_beside_one_that_has(assistant):
    answer = assistant.ask("在校生人数比去年是多了还是少了？")
    assert "减少179人" in answer.text and "中职不填" not in answer.text, answer.text


def test_a_follow_up_naming_another_major_bare_asks_the_same_of_it(assistant):
    first = "护理专业招多少人？"
    follow = assistant.ask("那电子商务呢？", [(first, assistant.ask(first).text)])
    assert not follow.refused and "电子商务" in follow.text and "45" in follow.text, follow.text


def test_comparison_is_computed_and_labelled(assistant):
    answer = assistant.ask("非学历培训到账经费比去年少了多少？")
    assert "175.11" in answer.text and "94.4680" in answer.text
    assert "减少80.642万元" in answer.text and "按表中数字计算" in answer.text


def test_follow_up_in_a_conversation(assistant):
    first = assistant.ask("表2里生师比是多少？")
    follow = assistant.ask("那2024年呢？", [("表2里生师比是多少？", first.text)])
    assert follow.text.startswith("表2 生师比：2024年 13.7:1")


def test_every_number_in_an_answer_is_in_a_quote_or_computed(assistant):
    for question, _, _ in CASES:
        answer = assistant.ask(question)
        assert not [n for n in answer.notes if n.startswith(("removed figures", "已删除"))], (question, answer.notes)


def test_warm_answers_are_fast(assistant):
    answer = assistant.ask("学校有多少个专业？")
    assert answer.timings["retrieve"] + answer.timings["compose"] < 1.0  # a guard against 100x regressions, not a benchmark


def test_how_many_a_list_has_is_read_from_the_paragraph_its_rows_crowd_out(assistant):
    first = "学校的产教融合实践中心有没有进全省名单？叫什么名字？"
    history = [(first, assistant.ask(first).text)]
    # the 39 entries' rows fill the search hits; the sentence that counts them (入选全省39家实践中心) is read too
    answer = assistant.ask("全省一共入选了多少家？", history)
    assert "39家" in _flat(answer.text), answer.text


def test_a_rank_asked_in_english_in_the_field_the_report_ranks_in_is_given(assistant):
    answer = assistant.ask("What is the school's rank in the province for the number of students passing the 本科 line?")
    # (the place that ranks it comes first, before the one that only counts)
    assert not answer.refused and "全省第11名" in answer.text and answer.citations[0].section == "1.5.2"


def test_a_follow_up_pointing_at_what_the_reply_named_reads_that_name(assistant):
    # the person described the class; the reply named it (“普职融通”实验班), which the report also writes 职普融通班
    history = [("学校有没有跟普通高中合作办的班？", assistant.ask("学校有没有跟普通高中合作办的班？").text)]
    answer = assistant.ask("这个班今年扩招了吧？是从多少人扩到多少人？", history)
    assert not answer.refused and "45" in answer.text and "90" in answer.text
    # (the class's two names: the reply's 普职融通实验班 is the 职普融通班 whose growth 1.2 tells)
    answer = assistant.ask("这个班今年扩到多少人了？", history)
    assert not answer.refused and "90" in answer.text and answer.citations[0].section == "1.2", answer.text


def test_a_question_told_before_the_one_asked_does_not_take_the_message_over(assistant):
    answer = assistant.ask("朋友问我学校毕业生都去哪了。看表1，毕业生去向落实人数和其中的升学人数两年各是多少？"
                           "走势是往上还是往下？")
    assert not answer.refused and "1398" in answer.text and "1258" in answer.text and "减少" in answer.text


def test_the_number_of_majors_asked_in_english_names_no_major(assistant):
    # ("an e-sports major" names one the report lacks; "the number of majors" counts them and names none)
    answer = assistant.ask("According to 表2, what was the number of majors in 2024 and in 2025?")
    assert not answer.refused and "15" in answer.text and "16" in answer.text
