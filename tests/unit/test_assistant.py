"""The Assistant over a small fixture report (not the real one), with the fake embedder: nothing is tied to one file."""

import pytest

from qzassist.assistant import Assistant, combine_answers, diversify, ingest, split_questions
from qzassist.config import Settings
from qzassist.embed import FakeEmbedder
from qzassist.errors import CorpusError, IndexNotBuiltError, InvalidQuestionError
from qzassist.schema import Answer, Chunk, Hit

@pytest.fixture
def settings(mini_settings):
    return mini_settings


@pytest.fixture
def assistant(mini_assistant):
    return mini_assistant


def test_load_builds_the_index_once(settings, assistant):
    assert (settings.index_dir / "manifest.json").is_file()
    assert ingest(settings, embedder=FakeEmbedder()).status == "fresh"


def test_figure_from_the_fixture_table(assistant):
    answer = assistant.ask("2024年月收入是多少？")
    assert not answer.refused
    assert "4620" in answer.text and any(c.section == "表1" for c in answer.citations)


def test_repaired_number_from_a_split_table(assistant):
    answer = assistant.ask("生均仪器设备值2023年是多少？")
    assert "18001.52" in answer.text


def test_text_fact_with_section_citation(assistant):
    answer = assistant.ask("社区培训一共多少人次？")
    assert "3200" in answer.text and answer.citations[0].section == "2.1"


def test_follow_up_uses_history(assistant):
    first = assistant.ask("2024年生师比是多少？")
    follow = assistant.ask("那2023年呢？", [("2024年生师比是多少？", first.text)])
    assert follow.text.startswith("表2 生师比：2023年 12.1:1")
    assert "2023" in follow.query


def test_question_the_report_does_not_answer_is_refused(assistant):
    answer = assistant.ask("学校食堂的菜单是什么？")
    assert answer.refused and answer.text.startswith("报告未提及")


def test_two_questions_in_one_message(assistant):
    answer = assistant.ask("学校有多少教职工？2024年月收入是多少？")
    assert "188" in answer.text and "4620" in answer.text


def test_empty_and_overlong_questions(assistant):
    assert assistant.ask("   ").refused
    long = assistant.ask("生师比" * 1000)
    assert long.notes and "500" in long.notes[0]


def test_non_text_question_raises_the_projects_error(assistant):
    with pytest.raises(InvalidQuestionError):
        assistant.ask(None)


def test_stream_yields_text_then_the_answer(assistant):
    events = list(assistant.stream("学校有多少教职工？"))
    assert isinstance(events[-1], Answer)
    assert "".join(e for e in events[:-1]) == events[-1].text


def test_missing_index_without_build_is_a_clear_error(settings, tmp_path):
    other = Settings(corpus_dir=settings.corpus_dir, index_dir=tmp_path / "none")
    with pytest.raises(IndexNotBuiltError) as exc:
        Assistant.load(other, build_if_missing=False, embedder=FakeEmbedder())
    assert "qzassist ingest" in str(exc.value)


def test_empty_corpus_names_the_problem(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(CorpusError) as exc:
        Assistant.load(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index"), embedder=FakeEmbedder())
    assert "notes.pdf" in str(exc.value) and "unsupported file type" in str(exc.value)


def test_a_check_of_a_change_goes_with_the_figures_asked_after_it():
    # "是不是少了" alone would be answered by any sentence about 老师; the next question names the figures
    assert split_questions("老师是不是越来越少了？表5里专任教师2024和2025年各是多少？") == [
        "老师是不是越来越少了？表5里专任教师2024和2025年各是多少？"]
    assert split_questions("学校有没有急救社？它有多少人？") == ["学校有没有急救社？", "它有多少人？"]
    # a comma inside brackets glosses a term; the direction asked after goes with the figures
    glossed = "What were the 知识产权项目数量 (IP items) and the 非学历培训到账经费 (training income, 万元) in 2024 and 2025? " \
              "Which went up and which went down?"
    assert len(split_questions(glossed)) == 1
    # a change asked of what the question before it counted, in fewer words (拿证人数), is about those figures
    assert split_questions("课证融通课程两年各有多少门？拿到职业技能等级证书的学生两年各是多少人？拿证人数是多了还是少了？") == [
        "课证融通课程两年各有多少门？", "拿到职业技能等级证书的学生两年各是多少人？拿证人数是多了还是少了？"]
    # (a change of something the question before did not ask about is a question of its own)
    assert len(split_questions("学生两年各是多少人？专任教师是多了还是少了？")) == 2


def test_split_questions():
    assert split_questions("学校有多少人？招多少新生？") == ["学校有多少人？", "招多少新生？"]
    assert split_questions("学校有多少人？") == ["学校有多少人？"]
    assert split_questions("学校有几位体育老师，学生拿了几块金牌？") == ["学校有几位体育老师", "学生拿了几块金牌？"]
    assert split_questions("What is the ratio and how many teachers are there?") == [
        "What is the ratio", "how many teachers are there?"]
    # one question with a list inside stays whole
    assert split_questions("课证融通课程今年有多少门、多少学时？") == ["课证融通课程今年有多少门、多少学时？"]
    # the first count names nothing of its own: both count the 访客
    assert len(split_questions("2025年两个馆接待了多少批、多少人次的访客？")) == 1
    assert len(split_questions("省级拿了几个二等奖、几个三等奖？")) == 2
    assert split_questions("学校在国外开办学校了吗，在哪里？") == ["学校在国外开办学校了吗，在哪里？"]


def test_a_question_that_names_nothing_stays_with_the_one_before_it():
    from qzassist.index import word_cutter
    from qzassist.match import query_terms

    cut = word_cutter()
    subject = lambda q: query_terms(q, cut)  # words without question words
    assert split_questions("月收入两年各是多少？涨了还是跌了？", subject) == ["月收入两年各是多少？涨了还是跌了？"]
    assert split_questions("现有编制撑不起几项任务？是哪几项？", subject) == ["现有编制撑不起几项任务？是哪几项？"]
    assert split_questions("学校有多少人？招多少新生？", subject) == ["学校有多少人？", "招多少新生？"]
    assert split_questions("现有编制撑不起几项任务？是哪几项？") == ["现有编制撑不起几项任务？", "是哪几项？"]
    # which way the figures just asked went, whatever the words of the check, is about those figures
    assert split_questions("聘请行业导师人数两年各多少？分别是增是减？", subject) == ["聘请行业导师人数两年各多少？分别是增是减？"]
    assert split_questions("课程数两年各是多少？整体是增加还是减少？", subject) == ["课程数两年各是多少？整体是增加还是减少？"]
    assert split_questions("在校生两年各多少？两项是不是都在往下走？", subject) == ["在校生两年各多少？两项是不是都在往下走？"]
    # a check of each of the figures asked goes with each of them
    both = split_questions("第二产业就业两年各几人？第三产业就业两年各多少人？两项分别是增是减？", subject)
    assert len(both) == 2 and all(p.endswith("两项分别是增是减？") for p in both)
    both = split_questions("体育教师两年各有多少人？班主任人数两年各是多少？各是多了还是少了？", subject)
    assert len(both) == 2 and all(p.endswith("各是多了还是少了？") for p in both)
    # an English "and" inside a name ("teaching and research equipment") splits nothing; every clause that asks is kept
    three = split_questions("What was the value of teaching and research equipment per student, how many gold medals "
                            "did students win, and what placing did the team get?", subject)
    assert three == ["What was the value of teaching and research equipment per student",
                     "how many gold medals did students win", "and what placing did the team get?"]
    assert len(split_questions("How many students were admitted, and according to 表4 how many were enrolled?",
                               subject)) == 2  # a clause that asks after where it looks
    # "won 2 second prizes and 3 third prizes, in which city…": the "and" is inside what the sentence tells
    told = split_questions("For the series in which students won 2 second prizes and 3 third prizes, in which city "
                           "were the finals held?", subject)
    assert len(told) == 1 and told[0].endswith("in which city were the finals held?")
    # "in 2024 and in 2025" is one figure's two years; the check of which way each went goes with both figures
    english = ("How many libraries did the school have in 2024 and in 2025, and how many projects in each year? "
               "Which went up and which went down?")
    both = split_questions(english, subject)
    assert len(both) == 2 and "in 2024 and in 2025" in both[0]
    assert all(p.endswith("Which went up and which went down?") for p in both)
    both = split_questions("专业数两年各是多少？在校生两年各是多少？是不是一个增一个减？", subject)
    assert len(both) == 2 and all(p.endswith("是不是一个增一个减？") for p in both)
    english = "What was the fund in 2024 and in 2025? Which of the two went up and which went down?"
    assert not any(p.lower().startswith("which went down") for p in split_questions(english, subject))


def test_the_story_before_a_question_is_not_the_question():
    from qzassist.assistant import without_context

    assert without_context("孩子成绩中等，打算走职教高考。今年升学率多少？") == "今年升学率多少？"
    assert without_context("学校有多少学生？") == "学校有多少学生？"
    assert without_context("我家孩子拿过奖，顺便想问问：市级奖有多少项？") == "市级奖有多少项？"
    assert without_context("护理专业通过率多少。另外呢？") == "护理专业通过率多少。另外呢？"  # the first sentence asks
    # a doubt the story tells ("不知道往什么方向做。") is no question when a later sentence asks one
    assert without_context("要策划团日活动，不知道往什么方向做。团日活动围绕哪几条主线？") == "团日活动围绕哪几条主线？"
    assert without_context("不知道学校有多少学生。") == "不知道学校有多少学生。"
    assert without_context("Before I visit: how big is the campus?") == "how big is the campus?"
    assert without_context("I'm a journalist. How many inmates did the school train?") == "How many inmates did the school train?"
    # a sentence that ends in a colon introduces the questions after it, whatever words it uses
    assert without_context("我想弄清学校的几块社会培训：这一年给服刑人员培训了多少人？") == "这一年给服刑人员培训了多少人？"
    # hearsay before a comma is a story too; a hearsay that asks is the question
    assert without_context("听说学校有送学生去日本读书的路子，对接的是日本哪所大学？") == "对接的是日本哪所大学？"
    # who the person is, before a comma, is a story too
    assert without_context("我是退役军人事务局的，学校有没有给退役军人开培训班？") == "学校有没有给退役军人开培训班？"
    assert without_context("我在司法系统工作，想了解学校给服刑人员教些什么？") == "想了解学校给服刑人员教些什么？"
    assert without_context("听说学校很好，是吗？") == "听说学校很好，是吗？"
    # a question that points back at what the story named keeps the story
    story = "My son may join the order class run with 浙江时代锂电. How many students are in that class?"
    assert without_context(story) == story
    assert without_context("听说学校和日本工业大学合作。这所学校派谁来过？") == "听说学校和日本工业大学合作。这所学校派谁来过？"
    # of a longer story, the last clause, which names what the question points at
    assert without_context("女儿喜欢画画做手工，想读艺术设计与制作。这个专业有哪几种读法？") == "想读艺术设计与制作。这个专业有哪几种读法？"


def test_diversify_caps_rows_per_table():
    rows = [Hit(Chunk(id=f"表1#r{i}", text="", section="表1", title="", kind="row", table="表1"), 1.0) for i in range(5)]
    text = Hit(Chunk(id="1#p0", text="", section="1", title=""), 0.5)
    kept = diversify(rows + [text], k=4)
    assert [h.chunk.id for h in kept] == ["表1#r0", "表1#r1", "表1#r2", "1#p0"]


def test_combine_answers_answers_each_part_and_names_the_ones_the_report_is_silent_on():
    a = Answer(text="甲【1.1】。", refused=False, question="甲是多少？")
    b = Answer(text="报告未提及“学费多少钱”。最接近的是【6.2】：…", refused=True, question="学费多少钱？")
    combined = combine_answers([a, b])
    assert combined.text == "甲【1.1】。报告未提及“学费多少钱”。" and not combined.refused
    both = combine_answers([b, Answer(text="…", refused=True, question="食堂几点开门？")])
    assert both.refused and both.text.startswith(b.text) and both.text.endswith("报告未提及“食堂几点开门”。")
    same = Answer(text="早餐服务【6.2】。", refused=False)
    assert combine_answers([Answer(text="餐厅翻新，早餐服务【6.2】。"), same]).text == "餐厅翻新，早餐服务【6.2】。"
    # a quote one part already gave is not repeated by the next
    first = Answer(text="国家级22项【1.5.1】。")
    second = Answer(text="表1-1 国家一等奖：学生获奖 7【表1-1】；国家级22项【1.5.1】。")
    assert combine_answers([first, second]).text == "国家级22项【1.5.1】。表1-1 国家一等奖：学生获奖 7【表1-1】。"
    # English sentences are joined by one space, however a part's text begins
    english = combine_answers([Answer(text="the report says “甲”【5.2】."), Answer(text=" the report says “乙”【5.2】.")])
    assert english.text == "the report says “甲”【5.2】. the report says “乙”【5.2】.", english.text
    # nor is it said again inside a longer quote of the same sentence that adds nothing
    longer = Answer(text="教科研成果丰硕，获省教学成果二等奖2项【四(三)】。")
    assert combine_answers([Answer(text="获省教学成果二等奖2项【四(三)】。"), longer]).text == "获省教学成果二等奖2项【四(三)】。"
    # but a longer quote that adds what a later part asks for by name takes the shorter one's place
    level = Answer(text="入选“双千”计划，并被推荐到教育部参加遴选【5.2】。", question="又被推荐到哪一级参加遴选？")
    assert combine_answers([Answer(text="入选“双千”计划【5.2】。"), level]).text == level.text
    # but a longer quote that adds a figure (the rank a later part asked for) takes the shorter one's place
    rank = Answer(text="省级获奖13项，综合排名全省第15名【1.5.1】。", question="全省综合排名第几？")
    assert combine_answers([Answer(text="省级获奖13项【1.5.1】。"), rank]).text == "省级获奖13项，综合排名全省第15名【1.5.1】。"
    # a row said again with the measure word the later part asked in ("多少人") is the same row, said once, with it
    row = "2025级招生计划 护理：计划招生数 20{}，合作院校 衢州职业技术学院【1.2】。"
    assert combine_answers([Answer(text=row.format("")), Answer(text=row.format("人"))]).text == row.format("人")
    # but a later part that asks for the list gets the whole list in place of its first step
    step = Answer(text="1.成立领导小组【三】。", question="报告是怎么写出来的？")
    steps = Answer(text="1.成立领导小组。2.组建工作群。3.初审【三】。", question="编制过程分了哪几步？")
    assert combine_answers([step, steps]).text == "1.成立领导小组。2.组建工作群。3.初审【三】。"
    # a later part that asks which way a figure went adds the computed change to the row said before
    bare = Answer(text="表2 生师比：2024年 13.7:1，2025年 13.58:1【表2】。")
    change = Answer(text="表2 生师比：2024年 13.7:1，2025年 13.58:1，下降，按表中数字计算【表2】。", question="变大了还是变小了？")
    assert combine_answers([bare, change]).text == change.text
    english = combine_answers([Answer(text="303 staff【表5】."), Answer(text="x", refused=True, question="What is the fee?")])
    assert english.text == "303 staff【表5】. The report does not say anything about “What is the fee”."


def test_a_sentence_that_asks_nothing_is_no_question_unless_it_points_at_the_report():
    assert split_questions("学校有跳蚤市场吗？孩子想把看完的书拿去卖。") == ["学校有跳蚤市场吗？"]
    assert split_questions("师资建设的总体打法是什么？报告里好像概括成了四个字。") == [
        "师资建设的总体打法是什么？", "报告里好像概括成了四个字。"]
    # a sentence that says what the question before it means, or quotes how the answer reads, goes with it
    assert split_questions("学校准备通过哪几条路子应对三重课题？就是那几个“通过……”。") == [
        "学校准备通过哪几条路子应对三重课题？就是那几个“通过……”。"]
    # so does one that quotes where the report says it
    assert split_questions("学校组织学生参加哪几类校外活动？报告里在“就近方便、量力而行”那段提到的。") == [
        "学校组织学生参加哪几类校外活动？报告里在“就近方便、量力而行”那段提到的。"]
    # a request about the answer is no question of its own (not "报告未提及“请全部告诉我”")
    for request in ("请全部告诉我。", "一个都别漏。", "全部列一下。"):
        assert split_questions("志愿服务活动都有哪些？" + request) == ["志愿服务活动都有哪些？" + request], request
    # "那几个…" points at things, it asks nothing: the clause is not a question of its own
    assert split_questions("学校一年里搞的那几个专题教育周，一共有哪些？") == ["学校一年里搞的那几个专题教育周，一共有哪些？"]
    assert len(split_questions("学校有几个专业，一共有哪些学部？")) == 2


def test_two_asks_joined_by_a_list_comma_are_two_questions():
    assert split_questions("学生拿了多少个省二等奖、多少个省三等奖？") == ["学生拿了多少个省二等奖", "多少个省三等奖？"]
    assert split_questions("学校有财经商贸、学前艺术等哪些学部？") == ["学校有财经商贸、学前艺术等哪些学部？"]


def test_a_bare_yes_no_check_stays_with_the_question_before_it():
    assert split_questions("虚拟仿真实训基地两年各有几个？是增加了吗？") == ["虚拟仿真实训基地两年各有几个？是增加了吗？"]
    assert split_questions("学校有多少学生？有多少老师？") == ["学校有多少学生？", "有多少老师？"]
    assert split_questions("学校有多少学生？老师呢？") == ["学校有多少学生？", "老师呢？"]  # a follow-up of its own


def test_a_later_part_reads_the_table_the_first_part_named(assistant):
    # 升学人数 is a row of 表1 and of 表1-1; "那一格" means the table the message is checking
    answer = assistant.ask("核对表1：毕业生人数2024年是多少？升学人数那一格是多少？")
    assert "417" in answer.text
    assert any(c.section == "表1" and "升学人数" in c.quote for c in answer.citations)
    assert "表1-1" not in answer.text
    assert split_questions("今年省里一共拿了几项奖、全省综合排名第几？") == ["今年省里一共拿了几项奖", "全省综合排名第几？"]
    # a staff member's list of figures: one question each, the topic with each (but not 3+2 or 2024/2025)
    assert split_questions("清廉文化节 作品创作件数 / 责任书承诺书签订份数") == [
        "清廉文化节 作品创作件数", "清廉文化节 责任书承诺书签订份数"]
    assert split_questions("职教高考 2025 升学人数 + 升学率") == ["职教高考 2025 升学人数", "职教高考 2025 升学率"]
    assert split_questions("表2 专业教学资源库数 2024/2025 数值") == ["表2 专业教学资源库数 2024/2025 数值"]
    assert split_questions("护理 3+2 合作院校") == ["护理 3+2 合作院校"]
    # "麻烦都列出来" asks for the whole answer to the question before it
    assert split_questions("哪些专业是3+2？麻烦都列出来。") == ["哪些专业是3+2？麻烦都列出来。"]
    assert split_questions("是哪三个？每个用一句话概括就行。") == ["是哪三个？每个用一句话概括就行。"]
    # "前几名" tells how good a child is; it asks nothing
    assert split_questions("我儿子成绩在班里前几名，国家奖学金有几个人拿到？") == ["我儿子成绩在班里前几名，国家奖学金有几个人拿到？"]


def test_a_part_of_a_few_words_goes_on_about_the_part_before_it(assistant, monkeypatch):
    asked = []

    def record(question, history, **_):
        asked.append(question)
        return Answer(text=f"答{len(asked)}。", citations=[], question=question)

    monkeypatch.setattr(assistant, "_ask_one", record)
    # (a part that takes the first part's subject, "计划招多少？ 无人机专业", needs nothing more)
    monkeypatch.setattr("qzassist.assistant.with_subject", lambda part, first, nouns, rare=None: part)
    assistant.ask("24级学考拿了几个学科第一？有没有第二的？")
    assert asked[1].startswith("有没有第二的") and "24级" in asked[1]  # the 第二 of the same cohort
    asked.clear()
    assistant.ask("老师拿了几个国家级的奖？是哪位老师拿的？")
    assert asked[1] == "是哪位老师拿的？"  # asks for a name: the place before need not give it


def test_a_later_part_about_a_subject_the_report_tells_of_once_stands_alone(assistant, monkeypatch):
    asked, refuse = [], []

    def record(question, history, **_):
        asked.append(question)
        return Answer(text="" if refuse else "答。", citations=[], question=question, refused=bool(refuse))

    monkeypatch.setattr(assistant, "_ask_one", record)
    monkeypatch.setattr(assistant, "_nouns", lambda text: [w for w in ("党员", "学生", "教代会") if w in text])
    monkeypatch.setattr(assistant, "_rare", lambda word: word == "教代会")
    question = "党员一年联系了多少人次学生？全年教代会开了几次？"
    assistant.ask(question)
    assert asked[1] == "全年教代会开了几次？"  # not pulled to the 党员 place by the first part's subject
    monkeypatch.setattr(assistant, "_rare", lambda word: False)
    asked.clear()
    assistant.ask(question)
    assert "党员" in asked[1]  # a word the report uses in many places goes on about the first part's subject
    # a part that would have borrowed the subject of a first part the report is silent on is not asked alone
    monkeypatch.setattr(assistant, "_rare", lambda word: word == "教代会")
    asked.clear()
    refuse.append(True)
    answer = assistant.ask(question)
    assert answer.refused and len(asked) == 1


def test_a_part_about_its_own_thing_is_read_alone_when_the_earlier_place_says_nothing_more(assistant, monkeypatch):
    asked = []

    def record(question, history, **_):
        asked.append((question, len(history)))
        if history or "校风" not in question:  # read with the part before it, the part lands on the same place
            return Answer(text="办学目标是办品质学校【3.1.3】。", citations=[], question=question)
        return Answer(text="校风是勤学勤思立常志【3.1.3】。", citations=[], question=question)

    monkeypatch.setattr(assistant, "_ask_one", record)
    monkeypatch.setattr(assistant, "_rare", lambda word: word == "校风")
    answer = assistant.ask("学校的办学目标是什么？它的校风又是怎么写的？")
    assert "勤学勤思立常志" in answer.text and asked[-1] == ("学校的校风又是怎么写的？", 0)
    from qzassist.assistant import _ITS

    assert _ITS.match("其校训是什么？") and not _ITS.match("其他年级做什么？")  # 其他 points at nothing


@pytest.mark.parametrize("question,silent,said", [
    # "那两所" points by their number at the schools the part before asked which of
    ("剩下那2所是哪两所学校？孩子将来会不会被分到那两所去？", "剩下", "学生在劳动中体会辛劳【3.3.3】。"),
    # "占专任教师多大比例" is a share of the 正高级讲师 the report gives no total of; the share it has is of others
    ("全校一共有几位正高级讲师？占专任教师多大比例？", "正高级讲师", "高级专业技术职务专任教师比例40.29%【表2】。"),
    # "读的是什么专业方向" names no subject, only what is done: the teachers' own, not any place's 方向
    ("预录取的那9位老师分别被哪几所高校录取了？读的是什么专业方向？", "预录取", "构建化工检测与控制方向的专业群【1.3】。"),
    # "那几个" points back as "那两所" does, without saying how many
    ("那个136号是哪所学校？衢州另外没列出来的那几个又是哪些？", "136号", "图3-4 业余党校开班典礼【3.2.1】。")])
def test_a_part_pointing_back_at_what_a_refused_part_asked_about_is_refused_too(assistant, monkeypatch, question,
                                                                                  silent, said):
    def record(asked, history, parts_before=0):
        if silent in asked:
            return Answer(text="报告未提及。", citations=[], question=asked, refused=True)
        return Answer(text=said, citations=[], question=asked)

    monkeypatch.setattr(assistant, "_ask_one", record)
    answer = assistant.ask(question)
    assert answer.refused and said.split("【")[0] not in answer.text, answer.text


def test_a_pronoun_in_a_later_part_names_nothing_new(assistant):
    first = "学校有31个学生社团，每个社团一年能拿到多少活动经费？"
    # "学生自己凑": 自己 names nothing; the 经费 is the clubs' the part before asked of
    assert assistant._names_nothing_new("经费是学校出还是学生自己凑？", first)
    assert not assistant._names_nothing_new("经费是学校出还是家长凑？", first)


def test_a_part_with_no_subject_that_asks_of_what_the_first_part_named_is_still_read(assistant, monkeypatch):
    def record(asked, history, parts_before=0):
        if "例子" in asked:
            return Answer(text="报告未提及。", citations=[], question=asked, refused=True)
        return Answer(text="其中辩论社、礼仪社等学术思辨类社团6个【3.3.1】。", citations=[], question=asked)

    monkeypatch.setattr(assistant, "_ask_one", record)
    answer = assistant.ask("报告介绍社团分四大类时举了几个例子？一共点名了哪些社团？请全部列出来。")
    assert not answer.refused and "辩论社" in answer.text  # 社团 is what the first part named


def test_a_figure_from_the_story_is_no_answer_to_the_question_after_it(assistant, monkeypatch):
    replies = []

    def events(question, history, stream, **_):
        refused = not replies  # the whole message is refused; the question alone is "answered"
        replies.append(question)
        yield Answer(text="" if refused else "全年发展新团员410名【3.3.2】。", citations=[], question=question,
                     refused=refused)

    monkeypatch.setattr(assistant, "_events_one", events)
    answer = assistant.ask("今年发展了410名新团员。那全校的团员一共有多少人？")
    assert len(replies) == 2 and answer.refused  # the 410 is what the person said, not what they asked
    replies.clear()
    answer = assistant.ask("团委工作做得不错。今年发展了多少名新团员？")
    assert not answer.refused and "410" in answer.text


def test_a_question_within_the_figure_its_story_quotes_is_not_answered_from_another_place(assistant, monkeypatch):
    from qzassist.schema import Citation

    fest = Citation(section="3.2.4", title="清廉", quote="开展清廉文化节系列活动，创作各类作品528件。")
    other = Citation(section="3.2.2", title="德育", quote="推送10余篇师生作品。")

    def events(question, history, stream, **_):
        alone = question.startswith("这里面")
        yield Answer(text="" if not alone else "推送10余篇师生作品【3.2.2】。", citations=[other if alone else fest],
                     question=question, refused=not alone)

    monkeypatch.setattr(assistant, "_events_one", events)
    # "这里面" is the 528 the story quotes from 3.2.4; alone, the question lands on other works
    assert assistant.ask("清廉文化节收上来528件作品。这里面学生作品和老师作品各占多少件？").refused


def test_a_question_about_a_row_its_story_quotes_from_a_named_table_is_not_answered_elsewhere(assistant, monkeypatch):
    from qzassist.schema import Citation

    row = Citation(section="表1-1", title="获奖统计", quote="表1-1 2025年师生技能竞赛获奖统计 · 国家一等奖 · 学生获奖 7")
    prose = Citation(section="1.5.1", title="大赛", quote="省级获奖13项（技能竞赛7项、创业创新3项）。")

    def events(question, history, stream, **_):
        alone = question.startswith("这7项")
        yield Answer(text="" if not alone else "省级获奖13项（技能竞赛7项、创业创新3项）【1.5.1】。",
                     citations=[prose if alone else row], question=question, refused=not alone)

    monkeypatch.setattr(assistant, "_events_one", events)
    assert assistant.ask("表1-1里学生拿了7项国家一等奖。这7项分别是哪些比赛？").refused


@pytest.mark.parametrize("section,answered", [("1.7", True), ("3.2", False)])
def test_a_follow_up_about_one_of_what_the_reply_told_is_read_alone_in_the_place_it_quoted(assistant, monkeypatch,
                                                                                           section, answered):
    from qzassist.schema import Citation

    def events(question, history, stream, **_):
        alone = not history and question.startswith("保障层")  # read with the earlier turn, the place is diluted
        yield Answer(text="教科室、图书馆等为保障层【%s】。" % section if alone else "", refused=not alone, question=question,
                     citations=[Citation(section=section, title="", quote="教科室、图书馆等为保障层")] if alone else [])

    monkeypatch.setattr(assistant, "_events_one", events)
    history = [("学校的质量保证组织架构分几级？", "形成决策层、执行层、保障层的四级组织架构【1.7】。")]
    answer = assistant.ask("其中保障层具体包括哪些部门？", history)
    # answered only from the section the reply before it quoted
    assert answer.refused is not answered and (not answered or "图书馆" in answer.text)


def test_what_the_whole_message_said_is_no_answer_to_the_question_after_its_story(assistant, monkeypatch):
    replies = []

    def events(question, history, stream, **_):
        refused = not replies  # the whole message is refused; the question without the first story is "answered"
        replies.append(question)
        yield Answer(text="" if refused else "学校“金蓝领技术服务创新团队”申报衢州市专家服务示范团【5.3】。",
                     citations=[], question=question, refused=refused)

    monkeypatch.setattr(assistant, "_events_one", events)
    told = "厂里想请学校那个“金蓝领技术服务创新团队”来看看。报告说他们申报了衢州市专家服务示范团，最后评上没有？"
    answer = assistant.ask(told)
    assert len(replies) == 2 and answer.refused  # the reply says back what the person told, 评上 or not is unsaid
    replies.clear()
    assert not assistant.ask("厂里想请人来看看。学校哪个团队申报了衢州市专家服务示范团？").refused  # (news to them)


def test_a_story_that_retells_one_place_keeps_the_question_on_that_place(assistant, monkeypatch):
    from qzassist.schema import Citation

    story_place = Citation("1.1", "招生与在校生", "学校与湖州职业技术学院、浙江工贸职业技术学院2所高职院校开展中高职一体化合作。")
    elsewhere = Citation("1.2", "就业质量", "毕业生就业率98.6%，对口就业率85.2%。")
    ranks = Citation("1.1", "学业", "学业水平测试中学科排名：4个第一、2个第二。")

    def events_with(alone_place):
        def events(question, history, stream, **_):
            whole = question.startswith("学校跟")  # the whole message is refused; the question alone is "answered"
            closest = ranks if "4个" in question else story_place
            yield Answer(text="" if whole else f"{alone_place.quote}【{alone_place.section}】", question=question,
                         citations=[closest if whole else alone_place], refused=whole)
        return events

    question = "学校跟湖州职业技术学院、浙江工贸职业技术学院搞中高职一体化合作。合作协议是哪一年签的？"
    monkeypatch.setattr(assistant, "_events_one", events_with(elsewhere))
    assert assistant.ask(question).refused  # the report says nothing of the agreement; 就业率 is no answer
    monkeypatch.setattr(assistant, "_events_one", events_with(story_place))
    assert not assistant.ask(question).refused  # the question alone lands on the story's place: answered there

    # a count the story repeats ("4个") pinned the place; the question alone, without it, lands there again
    monkeypatch.setattr(assistant, "_events_one", events_with(ranks))
    assert assistant.ask("学校跟别的学校比，拿了4个学科第一。是哪4门学科？").refused
    # so does a figure of two digits the story quotes ("15个问题")
    rectified = Citation("6.1", "党建", "借力市委巡察，全面完成15个问题的整改，新建及完善制度16项。")
    monkeypatch.setattr(assistant, "_events_one", lambda question, history, stream, **_: iter([Answer(
        text="" if question.startswith("学校跟") else f"{rectified.quote}【6.1】", question=question,
        citations=[rectified], refused=question.startswith("学校跟"))]))
    assert assistant.ask("学校跟着市委巡察，把15个问题都整改完了。这15个问题是哪些方面的？").refused

    # a question that points back ("这位老师") at what the story quotes from the report (“浙江工匠”) is about that
    # place; another teacher named elsewhere is no answer
    craftsman = Citation("1.6", "师资", "1人入选“浙江工匠”培养项目。")
    other = Citation("3.4", "科研", "吴飞燕老师获得信息化教学设计大赛市三等奖。")

    def events(question, history, stream, **_):
        whole = question.startswith("学校报告")
        yield Answer(text="" if whole else f"{other.quote}【3.4】", question=question,
                     citations=[craftsman if whole else other], refused=whole)

    monkeypatch.setattr(assistant, "_events_one", events)
    assert assistant.ask("学校报告里说有1人入选了“浙江工匠”培养项目。这位老师叫什么名字？").refused
    assert not assistant.ask("学校报告里说有1人入选了“浙江工匠”培养项目。学校有哪位老师获了奖？").refused


def test_a_later_part_borrows_what_the_first_part_asks_about_not_its_story():
    from qzassist.assistant import borrow_subject

    nouns = lambda text: [w for w in ("班主任", "家访", "学生", "家访率", "社团") if w in text]
    first = "暑假里班主任来家访了。学生社团一共有多少个？"
    assert "班主任" not in borrow_subject("参加的有多少人？", first, nouns)
    assert "社团" in borrow_subject("参加的有多少人？", first, nouns)


def test_a_part_naming_nothing_new_after_a_refused_first_part_is_refused_with_it(assistant, monkeypatch):
    asked = []

    def record(question, history, **_):
        asked.append(question)
        refused = "专业" not in question  # the report is silent on who the teacher is, not on its majors
        return Answer(text="报告未提及。" if refused else "学科排名第一【1.5.2】。", citations=[], question=question,
                      refused=refused)

    monkeypatch.setattr(assistant, "_ask_one", record)
    monkeypatch.setattr("qzassist.assistant.with_subject", lambda part, first, nouns, rare=None: part)
    answer = assistant.ask("报告说今年有1位老师评上了领军人才。是哪位老师？教哪个学科的？")
    # 学科 only names the kind of answer wanted: the part asks more about the teacher the report does not name
    assert answer.refused and len(asked) == 1, (answer.text, asked)
    asked.clear()
    answer = assistant.ask("报告说今年有1位老师评上了领军人才。是哪位老师？护理专业招了多少学生？")
    assert not answer.refused and len(asked) == 2  # a part with a subject of its own is asked


def test_parts_answered_only_with_what_the_person_said_leave_the_message_refused(assistant, monkeypatch):
    from qzassist.schema import Citation

    def replies_with(first_reply):
        def ask_one(question, history, **_):
            if "几月" in question or "每人" in question:  # the report is silent on this part
                return Answer(text="报告未提及。", citations=[], question=question, refused=True)
            place = Citation("6.1", "民主管理", first_reply)
            return Answer(text=f"{first_reply}【6.1】。", citations=[place], question=question)
        return ask_one

    told = "报告说全年开了5次教代会。其他几次各审议了什么？分别是几月份开的？"
    monkeypatch.setattr(assistant, "_ask_one", replies_with("全年召开教代会5次"))
    answer = assistant.ask(told)
    # the 5次 is what the person said: nothing asked is answered, and the place that came closest is shown
    assert answer.refused and [c.section for c in answer.citations] == ["6.1"] and "【6.1】：全年召开教代会5次。" in answer.text
    monkeypatch.setattr(assistant, "_ask_one", replies_with("全年召开教代会5次，其中临时会议2次"))
    assert not assistant.ask(told).refused  # 2次 is news

    # a sum of money is no answer to "多少名"; a count of people is
    insured = "表5说实习责任保险经费是0.3025万元。一共给多少名学生投了保？每人保费多少钱？"
    monkeypatch.setattr(assistant, "_ask_one", replies_with("年实习责任保险经费 0.3025万元（2024年 0.96万元）"))
    assert assistant.ask(insured).refused
    monkeypatch.setattr(assistant, "_ask_one", replies_with("为实习学生120名投保"))
    assert not assistant.ask(insured).refused
    # households are no answer to "多少位老师"
    visits = "报告说开展了百名教师进千家活动。实际出动了多少位老师？每位老师平均跑了多少户？"
    monkeypatch.setattr(assistant, "_ask_one", lambda question, history, **_: Answer(
        text="报告未提及。", citations=[], question=question, refused=True) if "每位" in question else replies_with(
        "开展百名教师进千家活动，共入户家访1981户，家访率70.2%")(question, history))
    assert assistant.ask(visits).refused
    # and a part the person asks about in words, not digits, is not read for a kind ("第七届")
    monkeypatch.setattr(assistant, "_ask_one", replies_with("衢州市第七届运动会"))
    assert not assistant.ask("那是第几届运动会？每人拿了多少奖金？").refused


def test_a_later_part_borrows_which_kind_of_thing_the_first_part_asks_about(assistant):
    nouns = assistant._subject_nouns("学校高级“双师型”教师的比例")
    assert "高级" in nouns and "教师" in nouns  # 高级 says which 双师型 ratio: it goes along
    assert "省级" not in assistant._subject_nouns("省级获奖有多少")  # (a kind word before a verb names nothing)


def test_a_later_part_that_names_its_own_thing_is_asked_alone_when_the_borrowed_subject_repeats(assistant, monkeypatch):
    asked = []

    def ask_one(question, history, **_):
        asked.append(question)
        if "视频" in question and "责任书" not in question:
            return Answer(text="推出视频6个【3.2.4】。", citations=[], question=question)
        return Answer(text="签订责任书、承诺书604份【3.2.4】。", citations=[], question=question)

    monkeypatch.setattr(assistant, "_ask_one", ask_one)
    monkeypatch.setattr(assistant._extractive.weights, "df", lambda word: 2)  # 视频 is told of in few places
    answer = assistant.ask("这次签的责任书和承诺书一共收了多少份？活动期间推出的视频有几个？")
    assert "604份" in answer.text and "视频6个" in answer.text
    assert asked[-1] == "活动期间推出的视频有几个？"  # asked alone, after the borrowed subject repeated 604份
    # a part that names nothing of its own ("他是什么职称") is not asked alone
    asked.clear()
    assistant.ask("这次签的责任书和承诺书一共收了多少份？他是什么职称？")
    assert "他是什么职称？" not in asked


def test_a_question_that_only_says_what_was_done_is_about_the_earlier_turn(assistant):
    history = [("学校有没有给退役军人开培训班？", "开展军队转业士官考试考前培训，服务101名退役军人【2.3】。")]
    assert "退役军人" in assistant.standalone("一共服务了多少人？", history)  # 服务 is done; nothing is named
    assert assistant.standalone("社区培训一共多少人次？", history) == "社区培训一共多少人次？"  # it names its own
    # a later part of one message is not read as about the part before it this way (its subject is borrowed)
    assert assistant.standalone("一共服务了多少人？", history, parts_before=1) == "一共服务了多少人？"


def test_a_follow_up_rewritten_with_the_earlier_turns_story_is_also_read_without_it(assistant, monkeypatch):
    asked = []

    def events(question, history, stream, **_):
        asked.append(question)
        story = "儿子爱运动。美育课专任老师各有几位？"
        if history:  # read with the earlier turn: the rewritten question carries that turn's story
            yield Answer(text="", citations=[], question=question, refused=True, query=story)
            return
        yield Answer(text="表5 美育课专任教师数：2025年 14人【表5】。", citations=[], question=question,
                     query=question)

    monkeypatch.setattr(assistant, "_events_one", events)
    answer = assistant.ask("美育课专任老师呢？", [("儿子爱运动。体育课专任老师各有几位？", "16人")])
    assert not answer.refused and "14人" in answer.text and asked[-1] == "美育课专任老师各有几位？"


def test_an_english_piece_quoting_part_of_an_earlier_quote_says_it_again():
    from qzassist.assistant import _repeats, says_again
    before = [Answer(text="the report says “深化与监狱系统合作，全年培训服刑人员5727人”【2.2】.")]
    again = Answer(text="the report says “全年培训服刑人员5727人”【2.2】.")
    assert says_again(again, before)
    more = Answer(text="the report says “深化与监狱系统合作，全年培训服刑人员5727人，超额完成培训目标”【2.2】.")
    assert not says_again(more, before) and _repeats(more, before)  # says more of the same piece
    other = Answer(text="the report says “年开展技能人才培训6943人次”【四(五)】.")
    assert not _repeats(other, before)


def test_rows_of_one_entry_given_again_in_another_order_are_said_once():
    first = Answer(text="2025级招生计划 护理：性质及学制 中高职一体化3+2，计划招生数 20人，合作院校 衢院(母婴方向)；"
                        "性质及学制 中高职一体化3+2，计划招生数 20人，合作院校 衢院(中医方向)【1.2】。", question="护理3+2各招几人？")
    again = Answer(text="2025级招生计划 护理：性质及学制 中高职一体化3+2，计划招生数 20，合作院校 衢院(中医方向)；"
                        "性质及学制 中高职一体化3+2，计划招生数 20，合作院校 衢院(母婴方向)【1.2】。", question="方向呢？")
    other = Answer(text="2025级招生计划 会计：性质及学制 中高职一体化3+2，计划招生数 20，合作院校 衢院(中医方向)；"
                        "性质及学制 中高职一体化3+2，计划招生数 20，合作院校 衢院(母婴方向)【1.2】。", question="会计呢？")
    text = combine_answers([first, again]).text
    assert text.count("中医方向") == 1 and text.count("母婴方向") == 1, text
    assert "会计" in combine_answers([first, other]).text  # another entry's rows are no repeat
    one = Answer(text="2025级招生计划 护理：性质及学制 中高职一体化3+2，计划招生数 20，合作院校 衢院(中医方向)【1.2】。")
    assert combine_answers([first, one]).text.count("中医方向") == 1
    # an indicator whose name begins another's (知识产权项目数量 / …中的专利授权数量) is not said by it
    sub = Answer(text="表3 知识产权项目数量中的专利授权数量：2025年 7项（2024年 4项）【表3】。")
    whole = Answer(text="表3 知识产权项目数量：2025年 7项（2024年 4项）【表3】。")
    assert "知识产权项目数量：" in combine_answers([sub, whole]).text


def test_a_report_numbered_in_words_is_answered_and_cited_by_its_own_numbering(worded_assistant):
    answer = worded_assistant.ask("学校的思政课一年组织了多少场次？")
    assert "46场次" in answer.text and "一(一)1" in {c.section for c in answer.citations}, answer.text
    # an organisation named plainly, not in quotes, is a name
    former = worded_assistant.ask("学校的前身叫什么名字？")
    assert "嘉兴县示范农业职业中学" in former.text, former.text
    # a table with a row per year reads like the others
    change = worded_assistant.ask("按表3，非学历培训学时2024年和2025年各是多少？")
    assert "81560" in change.text and "96480" in change.text, change.text


def test_a_later_part_reads_the_table_the_first_names_unless_it_says_it_reads_the_text():
    from qzassist.assistant import _in_table_of

    first = "表5里2025年“企业提供的校内实践教学设备值”是186万元。"
    assert _in_table_of(first, "2024年是多少？") == "表5 2024年是多少？"
    assert _in_table_of(first, "正文里说这批设备是哪家企业捐的？") == "正文里说这批设备是哪家企业捐的？"


def test_a_school_is_known_by_the_short_name_its_report_declares():
    from qzassist.assistant import _school_names
    from qzassist.report import parse_report

    report = parse_report("嘉兴市秀水中等专业学校\n\n前言\n\n嘉兴市秀水中等专业学校（简称“秀水中专”）始建于1984年。\n")
    names = _school_names(report)
    assert "秀水中专" in names and "秀水中等专业学校" in names and "中等专业学校" not in names
    # a declared name no rule derives, read from the preface and not from the cover before it
    covered = parse_report("嘉兴市秀水中等专业学校\n\n质量报告编写组\n\n前言\n\n嘉兴市秀水中等专业学校（简称“秀职校”）始建于1984年。\n")
    assert "秀职校" in _school_names(covered)


def test_the_cover_answers_when_the_report_was_written_and_by_whom_and_nothing_else(assistant):
    dated = assistant.ask("报告封面上写的日期是什么？")
    assert not dated.refused and "2024年12月" in dated.text.replace(" ", "")
    assert "封面" in {c.section for c in dated.citations}
    writer = assistant.ask("这份报告是谁编写的？")
    assert "编写组" in writer.text
    # the cover repeats the school's name, which most questions name too
    for question in ("湖州示范职业学校的毕业生就业率是多少？", "湖州示范职业学校有多少教职工？"):
        assert "封面" not in {c.section for c in assistant.ask(question).citations}


def test_a_year_the_report_lacks_is_refused_when_the_story_names_the_years_it_has(assistant):
    asked = assistant.ask("表1给了2023和2024年的月收入，那2022年是多少？")
    assert asked.refused
    both = assistant.ask("表1里2023年和2024年的月收入分别是多少？")
    assert not both.refused and "4410" in both.text and "4620" in both.text
    change = assistant.ask("表1给了2023和2024年的月收入，那从2022年到2023年涨了吗？")
    assert change.refused  # a change needs each year it names


def test_a_later_parts_longer_quote_that_says_what_it_asks_replaces_the_shorter_one():
    first = Answer(text="凝练“善用器、创造器、成大器”的“器文化”，提出“办品质学校、育器质学子”的办学目标【3.1.3】。",
                   question="围绕“器文化”提出的办学目标原话是什么？")
    second = Answer(text="学校根据“勤而立信、忠以成器”校训和“勤学勤思立常志、向上向善成大器”校风，凝练“善用器、创造器、成大器”的"
                         "“器文化”，提出“办品质学校、育器质学子”的办学目标【3.1.3】。", question="它的校风又是怎么写的？")
    # the second quote contains the first and adds the 校风 its part asks for: it is said, once
    text = combine_answers([first, second]).text
    assert "向上向善成大器”校风" in text and text.count("办品质学校") == 1, text


def test_a_question_someone_else_asked_is_told_not_asked():
    from qzassist.answer import parse_intent, without_context

    message = "孩子问学长们毕业后都去哪儿了。看表1，毕业生去向落实的人数和升学人数，两年分别多少？趋势是往上还是往下？"
    assert without_context(message).startswith("看表1")
    assert split_questions(message)[0].startswith("孩子问学长们毕业后都去哪儿了。看表1，毕业生")  # one part, not two
    assert parse_intent("趋势是往上还是往下？").compare
    assert without_context("孩子毕业后去哪儿了？看表1，升学人数多少？").startswith("孩子毕业后")  # (asked, not told)
