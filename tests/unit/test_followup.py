"""Follow-up rewriting: short questions that lean on the previous turn become standalone queries."""

import pytest

from qzassist.followup import is_follow_up, merge, rewrite, user_turns


@pytest.mark.parametrize("question", ["那2024年呢？", "护理专业呢？", "去年是多少？", "它是和哪所学校合作的？",
                                      "比2024年是高还是低？", "What about 2024?"])
def test_follow_ups_are_recognised(question):
    assert is_follow_up(question)


@pytest.mark.parametrize("question", ["学校有多少教职工？", "表2里生师比是多少", "2025年毕业生人数是多少？"])
def test_standalone_questions_are_left_alone(question):
    assert not is_follow_up(question)
    assert rewrite(question, [("学校有多少学生？", "3960人")]) == question


def test_year_follow_up_replaces_or_adds_the_year():
    assert merge("2025年生师比是多少？", "那2024年呢？") == "2024年生师比是多少？"
    assert merge("表2的生师比是多少？", "那2024年呢？") == "2024年表2的生师比是多少？"


def test_relative_year_keeps_its_word():
    assert "去年" in rewrite("去年是多少？", [("学校现在有多少全日制在校生？", "…")])


def test_entity_follow_up_swaps_the_entity():
    assert merge("护理专业考证通过率多少？", "旅游专业呢？") == "旅游专业考证通过率多少？"


def test_pronoun_follow_up_carries_the_subject():
    query = rewrite("它是和哪所大学合作的？", [("学校的中本一体班招了多少人？", "40人")])
    assert "中本一体班" in query and "合作" in query


def test_chains_of_follow_ups_resolve_in_order():
    history = [("表1里2024年毕业生有多少？", "1398"), ("那2025年呢？", "1320")]
    query = rewrite("其中升学的有多少？", history)
    assert "2025" in query and "升学" in query and "其中" in query


def test_history_shapes():
    assert user_turns([("a", "b"), ("c", "d")]) == ["a", "c"]
    assert user_turns([{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                       {"role": "user", "content": [{"type": "text", "text": "c"}]}]) == ["a", "c"]
    assert user_turns(None) == []


def test_subject_is_what_comes_before_the_question_word():
    from qzassist.followup import subject_of

    assert subject_of("学校社团有多少个？") == "学校社团"
    assert subject_of("这份报告的编写领导小组是什么时候成立的？") == "这份报告的编写领导小组"
    assert subject_of("多少人参加了？") == ""
    # "有没有X": X is what is asked about, not the story before it
    assert subject_of("家里经济有点紧张，学校有没有专门给困难学生的助学金？叫什么名字？") == "专门给困难学生的助学金"
    assert subject_of("学校有没有奖学金、助学金之类的？") == "奖学金、助学金"
    # "好几", "前几" say "several", "the first few": they ask nothing
    assert subject_of("听说学校办了好几届技能节，最近一届是哪天开幕的？") == "听说学校办了好几届技能节，最近一届"


def test_later_part_borrows_the_first_parts_subject_only_when_it_names_little_of_its_own():
    from qzassist.followup import with_subject

    nouns = lambda text: [w for w in ("学校", "社团", "学生", "外国", "大学", "组长") if w in text]
    assert with_subject("多少学生参加了？", "学校社团有多少个？", nouns) == "多少学生参加了？ 学校 社团"
    assert with_subject("合作的是哪所外国大学？", "学校社团有多少个？", nouns) == "合作的是哪所外国大学？"
    assert with_subject("社团里有多少学生？", "学校社团有多少个？", nouns) == "社团里有多少学生？"
    # a noun the report tells of in one place names a subject of its own
    rare = lambda word: word == "组长"
    assert with_subject("组长是谁？", "学校社团有多少个？", nouns, rare) == "组长是谁？"
    assert with_subject("组长是谁？", "学校社团有多少个？", nouns) == "组长是谁？ 学校 社团"
    # a short part whose one noun the first part says too asks about the first part's thing
    listed = lambda text: [w for w in ("理工学校", "计算机", "专业群", "名单") if w in text]
    first = "理工学校的计算机专业群上了拟立项名单，全称叫什么？"
    assert with_subject("在名单上是第几号？", first, listed) == "在名单上是第几号？ 理工学校 计算机 专业群"
    # the cohort the first part names is part of its subject, though it is no noun
    ranked = lambda text: [w for w in ("学科", "排名") if w in text]
    assert with_subject("几个第二？", "24级的学科排名拿了几个第一", ranked) == "几个第二？ 学科 排名 24级"
    assert with_subject("23级几个第二？", "24级的学科排名拿了几个第一", ranked) == "23级几个第二？ 学科 排名"
    assert with_subject("计划招多少人？", "2025级护理专业是几年制？", lambda t: [w for w in ("护理", "专业") if w in t]) \
        == "计划招多少人？ 护理 专业 2025级"


def test_a_follow_up_that_asks_its_own_question_is_not_swapped_in_as_a_name():
    base = "学校在“一带一路”赛事里一共拿了几个奖？"
    out = merge(base, "其中电商专业是哪位同学带队获的奖？几等奖？")
    assert out.startswith("其中电商专业是哪位同学带队获的奖") and out.endswith("学校在“一带一路”赛事里一共拿")
    assert merge("护理专业计划招多少人？", "旅游专业呢？") == "旅游专业计划招多少人？"


def test_a_follow_up_with_its_own_question_takes_only_what_the_earlier_one_was_about():
    out = rewrite("这些培训是联合哪些部门一起办的？", [("乡村咖啡师培训班一共开了几期？", "6期")])
    assert "乡村咖啡师培训班" in out and "几期" not in out


def test_an_english_follow_up_keeps_the_whole_earlier_question():
    base = "In 表1-1, how many provincial second prizes (省二等奖) did students win?"
    assert "省二等奖" in rewrite("And how many did the teachers win?", [(base, "20")])


def test_this_major_is_the_one_the_earlier_question_named():
    from qzassist.index import word_cutter

    cut = word_cutter(["数控技术应用"])
    history = [("孩子想学旅游，旅游专业学生考国导证的通过率怎么样？", "旅游专业国导证通过率80%【四(三)】。")]
    assert rewrite("这个专业的3+2是跟哪所学校合作的？", history, cut) == "旅游专业的3+2是跟哪所学校合作的？"
    history = [("风动机械专业群围绕数控技术应用专业建设吗？", "…")]
    assert rewrite("该专业计划招多少人？", history, cut) == "数控技术应用专业计划招多少人？"
    # "哪个社团" names no club: the follow-up is joined to the earlier question as before
    history = [("区域赛拿一等奖的是哪个社团的学生？", "创新创意社黄奇鸿…【3.3.4】。")]
    assert "哪个社团" not in rewrite("这个社团还有什么成果？", history, cut).split(" ")[0]
    assert "区域赛" in rewrite("这个专业的3+2是跟哪所学校合作的？", history, cut)  # no major named: joined as before


def test_the_subject_keeps_words_that_end_in_a_connecting_character():
    from qzassist.followup import subject_of

    assert subject_of("学校现在一共有多少个学生社团？") == "学校"  # not 学校现, cut inside 现在


def test_another_question_of_its_own_is_not_joined_to_the_earlier_one():
    merged = merge("学校在田径运动会上拿了几块金牌？", "另外听说有学生去给全国田径锦标赛当志愿者，去了多少人？")
    assert "志愿者" in merged and "金牌" not in merged
    # a short one still leans on it
    assert merge("学校在田径运动会上拿了几块金牌？", "另外银牌呢？") == "学校在田径运动会上拿了几块银牌？"


def test_a_part_pointing_back_at_what_was_asked_which_of_takes_the_name_from_the_reply():
    from qzassist.followup import named_by_reply
    from qzassist.index import word_cutter

    cut = word_cutter(["数控技术应用"])
    earlier = "风动机械绿色智造专业群是围绕哪个核心专业建的？"
    reply = "围绕学校数控技术应用核心专业【1.3】。"
    assert named_by_reply("这个专业今年计划招多少？", earlier, reply, cut) == "数控技术应用专业今年计划招多少？"
    assert named_by_reply("这个专业今年计划招多少？", "旅游专业通过率多少？", reply, cut) == ""  # it asked no "which"
    # an English part pointing at the university the part before asked which of, named by the reply
    english = "2025级招生计划 数控技术应用：3年(国际合作)，合作院校 日本工业大学【1.2】。"
    asked = named_by_reply("How many students have been admitted to that university?",
                           "which partner university is listed for it?", english, cut)
    assert asked == "How many students have been admitted to 日本工业大学?"
    assert named_by_reply("How many went to that university?", "How many places does it have?", english, cut) == ""
    # the earlier question alone names no major: "哪个核心专业" is not a name
    assert rewrite("这个专业今年计划招多少？", [(earlier, "")], cut) != "核心专业今年计划招多少？"


def test_an_english_question_that_points_back_is_a_follow_up():
    from qzassist.followup import points_back

    assert is_follow_up("When did someone from that university come to the school in 2025?")
    assert is_follow_up("How many of them are performing-arts clubs?")
    assert not is_follow_up("How many students does the school have?")
    assert points_back("How many students are in that order class right now?")
    assert points_back("这个专业的3+2是跟哪所学校合作的？") and not points_back("学校有多少个专业？")
    # an occasion named in the story before ("那样的讲座。今年那次活动是几号办的？")
    assert points_back("今年那次活动具体是几月几号办的？") and not points_back("今年办了几次活动？")


def test_a_question_that_only_begins_with_a_demonstrative_names_its_own_subject():
    from qzassist.followup import names_its_own_subject

    assert names_its_own_subject("那个SYB创业培训又带了几个学员？")
    assert names_its_own_subject("那这个助学金这一年发给了多少个学生？")  # two demonstratives, one subject
    assert not names_its_own_subject("那它是和哪所学校合作的？")  # 它 points back
    assert not names_its_own_subject("那2024年呢？")
    assert not names_its_own_subject("SYB创业培训带了几个学员？")  # not read as a follow-up at all
    # folded into the question before, "那个" goes whole, not leaving "个SYB…"
    assert merge("学校有多少学生？", "那个SYB创业培训又带了几个学员？").startswith("SYB创业培训")


def test_this_part_of_an_event_points_back():
    from qzassist.followup import points_back

    assert points_back("这一环节是通过哪几种方式开展的？")
    assert not points_back("清廉大承诺是通过哪几种方式开展的？")
    # a saying named before: "这句话", "那个口号"; but not "这个话题"
    assert points_back("这句话是怎么来的？") and points_back("那个口号是哪年提出的？")
    assert not points_back("学校的办学口号是什么？") and not points_back("这个话题报告里有吗？")
    assert points_back("这个工作室是以哪位老师的名字命名的？")


def test_a_question_that_names_no_subject_is_about_the_earlier_turns():
    from qzassist.followup import rewrite

    subject = lambda q: [w for w in ("跳蚤市场", "展演", "学校") if w in q]
    history = [("学校有跳蚤市场吗？", "每年组织一届面向全校的跳蚤市场活动【3.3.1】。")]
    assert "跳蚤市场" in rewrite("多久办一次？", history, subject=subject)
    assert rewrite("社团展演多久一次？", history, subject=subject) == "社团展演多久一次？"  # names its own


def test_an_english_and_question_naming_its_own_subject_stands_alone():
    from qzassist.followup import merge

    base = "How many ex-servicemen did the school's prep course serve?"
    assert merge(base, "And how many people went through its SYB training?") == "how many people went through its SYB training"
    assert "ex-servicemen" in merge(base, "And which exam did they sit?")  # points back
    assert "ex-servicemen" in merge(base, "And how many did the teachers win?")  # names nothing of its own


def test_the_other_side_points_back():
    from qzassist.followup import is_follow_up

    assert is_follow_up("2025年那边派谁来学校的？来做了什么？")
    assert not is_follow_up("2025年日本工业大学派谁来学校的？来做了什么？")


def test_a_follow_up_with_the_same_ending_swaps_its_head_in():
    from qzassist.followup import merge

    assert merge("按落实政策表，体育课专任老师2024年和2025年各有几位？", "美育课专任老师呢？") == \
        "按落实政策表，美育课专任老师2024年和2025年各有几位？"
    assert merge("护理专业的通过率是多少？", "旅游专业呢？") == "护理专业的通过率是多少？".replace("护理", "旅游")
    # a two-character head before a two-character ending, named after 的: 德育品牌 -> 党建品牌
    assert merge("衢州中专的德育品牌叫什么？", "那学校的党建品牌呢？") == "衢州中专的党建品牌叫什么？"


def test_a_follow_up_that_names_only_years_is_about_the_earlier_turn_and_keeps_what_it_counted():
    history = [("学校这一年面向社会一共办了多少个培训项目？", "")]
    subject = lambda q: ["2024"] if "2024" in q else ["培训", "项目"]  # the years it names are no subject
    query = rewrite("2024年是多少？今年是多了还是少了？", history, subject=subject)
    assert "培训项目" in query and "2024" in query, query
    assert rewrite("招生计划有多少人？", history, subject=lambda q: ["招生", "计划"]) == "招生计划有多少人？"


def test_a_table_named_is_no_subject_of_a_follow_up():
    history = [("学校有没有从企业请行业导师来上课？", "")]
    # (a segmenter's pieces of "按表5": 按表, 5)
    subject = lambda q: [w for w in ("按表", "行业", "导师") if w in q] + (["5"] if "表5" in q else [])
    query = rewrite("按表5，2025年聘了多少位？", history, subject=subject)
    assert "行业导师" in query and "表5" in query, query
    assert rewrite("表5里行业导师聘了多少位？", history, subject=subject) == "表5里行业导师聘了多少位？"


def test_a_message_that_starts_at_its_verb_is_about_the_turn_before_but_a_later_part_is_not_rewritten():
    history = [("“一带一路”赛事里，22数控大专班拿了什么奖？", "")]
    subject = lambda q: [w for w in ("同学", "带队", "数控") if w in q]
    assert "22数控大专班" in rewrite("是哪位同学带队拿的？", history, subject=subject)
    assert rewrite("是哪位同学带队拿的？", history, subject=subject, new_message=False) == "是哪位同学带队拿的？"
    assert rewrite("哪位同学带队拿的？", history, subject=subject) == "哪位同学带队拿的？"  # (names its own subject)


def test_an_english_pronoun_after_a_name_in_its_own_sentence_points_at_that_name():
    from qzassist.answer import without_context
    from qzassist.followup import points_back

    assert not points_back("Which expert did 衢州中专 invite to train its homeroom teachers?")
    assert points_back("What are their names?") and points_back("How many students are in that class?")
    told = "I coach homeroom teachers at another school. Which expert did 衢州中专 invite to train its homeroom teachers?"
    assert without_context(told) == "Which expert did 衢州中专 invite to train its homeroom teachers?"
    pointing = "My son may join the order class run with 浙江时代锂电. How many students are in that class?"
    assert without_context(pointing) == pointing  # (that class is the story's)


def test_a_bare_name_the_report_gives_as_a_major_swaps_the_major_asked_before():
    kind_of = lambda name: "专业" if name in ("会计", "电子商务") else ""
    assert merge("护理专业招多少人？", "那会计呢？", None, kind_of) == "会计专业招多少人？"
    assert merge("护理专业招多少人？", "那电子商务呢？", None, kind_of) == "电子商务专业招多少人？"
    assert "护理专业" in merge("护理专业招多少人？", "那学费呢？", None, kind_of)  # no major: nothing swapped


def test_a_thing_asked_whether_there_is_one_is_named_by_the_reply_with_its_quoted_name():
    from qzassist.followup import last_exchange, named_by_reply
    from qzassist.index import word_cutter

    cut = word_cutter(["实验班"])
    reply = "与普通高中合作的“普职融通”实验班继续呈现出卓著成效【1.5.2】。"
    assert named_by_reply("这个班今年扩招了吗？", "学校有没有跟普通高中合作办的班？", reply, cut) == "普职融通实验班今年扩招了吗？"
    assert last_exchange([("问", "答")]) == ("问", "答")
    assert last_exchange([{"role": "user", "content": "问"}, {"role": "assistant", "content": "答"}]) == ("问", "答")
    assert last_exchange([{"role": "user", "content": "问"}]) == ("", "")
    assert last_exchange(None) == ("", "")


def test_a_pointer_at_a_step_or_an_event_is_merged_without_error():
    # "这一环节", "这次活动": pointers of other forms than "这个专业" name a kind too
    cut = lambda t: [w for w in ("质量", "报告", "编写", "环节", "活动", "清廉文化节") if w in t]
    assert "编写" in merge("质量报告编写分几个环节？", "这一环节由谁负责？", cut)
    assert "清廉文化节" in merge("清廉文化节办了哪些活动？", "这次活动有多少人参加？", cut)
