"""Lexical matching and the number-grounding rules every answer mode relies on."""

from qzassist.match import TermWeights, grounded_numbers, numbers_in, query_terms, ungrounded_numbers


def test_numbers_are_read_as_written_and_split_decimals_rejoined():
    assert numbers_in("生师比13.58:1，比例97.36%，经费94.4680万元") == ["13.58:1", "97.36%", "94.4680"]
    assert numbers_in("24514.7 4") == ["24514.74"]
    assert numbers_in("表1-1 2025年") == ["1", "1", "2025"]  # a table id next to a year stays two numbers


def test_grounding_accepts_equivalent_spellings():
    quotes = ["非学历培训到账经费 · 2025年 94.4680", "双师型比例95.89%", "投入2499万元"]
    assert ungrounded_numbers("经费94.468万元，比例95.89，2499万元", quotes) == []
    assert "24990000" in grounded_numbers(quotes)


def test_grounding_flags_invented_numbers_unless_computed():
    quotes = ["2024年 175.11 · 2025年 94.4680"]
    assert ungrounded_numbers("减少了80.642万元", quotes) == ["80.642"]
    assert ungrounded_numbers("减少了80.642万元", quotes, computed=["80.642"]) == []


def test_coverage_is_idf_weighted_substring_match():
    weights = TermWeights.fit(["学校有教职工303人。", "学校有学生3960人。", "学校占地430亩。"])
    assert weights.coverage(["教职工"], "教职工303人") == 1.0
    assert weights.coverage(["教职工", "学校"], "学校占地430亩") < 0.3  # the rare word carries the weight
    assert weights.coverage([("老师", "教职工")], "教职工303人") == 1.0  # alternatives count once


def test_unknown_words_are_separated_and_compounds_split_into_known_parts():
    weights = TermWeights.fit(["学校最高分592分", "衢州地区录取30人"])
    known, unknown = weights.split_known(["最高分", "学费", "考进去"])
    assert "最高分" in known and "学费" in unknown


def test_query_terms_drop_question_words():
    terms = query_terms("请问学校有多少教职工？", cut=lambda t: ["请问", "学校", "有", "多少", "教职工", "？"])
    assert terms == ["教职工"]
    # how much the person stresses a thing is no subject the place must say
    cut = lambda t: ["需要", "特别", "关注", "的", "重点学生", "家访率", "是", "多少"]
    assert query_terms("需要特别关注的重点学生家访率是多少", cut) == ["需要", "关注", "重点学生", "家访率"]
    # nor what the rules say ("按规定…"): 规定 is no subject
    cut = lambda t: [w for w in ("按", "规定", "老师", "在", "企业", "要", "待", "多久", "有", "什么") if w in t]
    assert "规定" not in query_terms("按规定老师在企业要待多久", cut)
    assert "规定" in query_terms("老师下企业有什么规定", cut)
    # nor that a name is asked for ("以谁的名字命名")
    cut = lambda t: [w for w in ("工作室", "以", "谁", "名字", "命名") if w in t]
    assert query_terms("工作室是以谁的名字命名的", cut) == ["工作室"]
    # nor how roughly they ask
    cut = lambda t: ["社团", "大体", "分成", "哪", "几类"]
    assert "大体" not in query_terms("社团大体分成哪几类", cut)
    # nor the whole school, the scope of every figure its report gives ("现有学生社团31个")
    cut = lambda t: ["全校", "一共", "有", "多少", "个", "学生", "社团"]
    assert query_terms("全校一共有多少个学生社团", cut) == ["学生", "社团"]
    assert query_terms("开了哪些专业？请全部列一下", lambda t: ["开", "哪些", "专业", "请", "全部", "列一下"]) == ["专业"]


def test_two_character_term_matches_at_a_word_edge_but_not_across_two_words():
    words = {"衢州市外录取": ["衢州市", "外", "录取"], "提升学生能力": ["提升", "学生", "能力"]}
    search = lambda text: [w for w in words.get(text, [text])]
    weights = TermWeights.fit(list(words), words=search, segment=search)
    assert weights.coverage(["市外"], "衢州市外录取") == 1.0  # ends where a word ends
    assert weights.coverage(["升学"], "提升学生能力") == 0.0  # starts and ends inside words
    strict = TermWeights.fit(list(words), words=search)
    assert strict.coverage(["市外"], "衢州市外录取") == 0.0  # without a segmenter only whole words count


def test_a_number_matches_only_as_a_whole_number():
    texts = ["2024年招生124人", "24级学科排名：9个第一", "学校占地430亩"]
    search = lambda text: text.split()
    weights = TermWeights.fit(texts, words=search)
    assert weights.df("24") == 1  # not in 2024 or 124
    assert weights.coverage(["24"], "24级学科排名") == 1.0
    assert weights.coverage(["24"], "2024年招生124人") == 0.0


def test_a_term_led_by_a_number_matches_only_where_the_number_is_whole():
    texts = ["2025年招生1400人", "教师每5年在企业实践累计不少于6个月"]
    weights = TermWeights.fit(texts, words=lambda text: text.split())
    assert weights.df("5年") == 1  # not in 2025年
    assert weights.coverage(["5年"], "教师每5年在企业实践") == 1.0
    assert weights.coverage(["5年"], "2025年招生1400人") == 0.0


def test_a_year_then_came_is_not_read_as_over_the_years():
    cut = lambda text: ["2004", "年来", "衢州", "视察"] if text.startswith("2004年来") else text.split()
    assert "年来" not in query_terms("2004年来衢州视察", cut)


def test_a_measure_word_is_kept_apart_from_the_noun_it_counts():
    seen = []
    cut = lambda text: seen.append(text) or text.split()
    query_terms("团支部搞了多少次团日活动？", cut)
    assert "多少次 团日活动" in seen[0]


def test_a_word_the_segmenter_broke_into_single_characters_is_rejoined():
    cut = lambda text: ["团支部", "搞", "了", "多少", "次", "团", "日", "活动", "？"]
    assert query_terms("团支部搞了多少次团日活动？", cut) == ["团支部", "团日", "活动"]
    # a letter the segmenter split from its word (心理B证 -> 心理|B|证) names a certificate of its own grade
    cut = lambda text: ["有没有", "老师", "拿", "了", "心理", "A", "证", "？"]
    assert query_terms("有没有老师拿了心理A证？", cut) == ["老师", "心理", "a证"]
    cut = lambda text: ["a", " ", "证", "和", "B", "的"]
    assert query_terms("a 证和B的", cut) == []  # (a letter alone, or apart, is no word)


def test_the_direction_of_a_change_is_not_a_subject_but_a_strategic_direction_is():
    cut = lambda t: [w for w in ("都", "往", "哪个", "方向", "变", "了", "战略", "生师比") if w in t]
    assert "方向" not in query_terms("都往哪个方向变了？", cut)
    assert "方向" in query_terms("战略方向没定下来带来了什么问题？", cut)


def test_how_the_report_words_it_or_what_kinds_there_are_is_framing():
    cut = lambda t: [w for w in ("报告", "原话", "期盼", "课程", "按", "种类", "分", "哪几", "种") if w in t]
    assert query_terms("报告原话是对谁的期盼？", cut) == ["期盼"]
    assert query_terms("课程按种类分有哪几种？", cut) == ["课程"]


def test_asking_about_asking_is_no_subject():
    cut = lambda t: [w for w in ("想", "问问", "打听一下", "学校", "毕业生", "多少") if w in t]
    assert query_terms("想问问学校毕业生多少？", cut) == ["毕业生"]
    assert query_terms("打听一下毕业生多少", cut) == ["毕业生"]


def test_an_unknown_compound_of_two_known_words_is_those_words_not_every_bigram():
    weights = TermWeights.fit(["学校面向行业开展培训。", "服务不断向社会延伸。", "社会培训项目21个。"])
    known, unknown = weights.split_known(["面向社会"])
    assert known == ["面向", "社会"] and unknown == []  # not 向社, a bigram across the two words


def test_a_count_in_words_is_not_a_subject():
    cut = lambda t: [w for w in ("奋斗目标", "是", "哪", "八个", "字", "三大", "专业群") if w in t]
    assert query_terms("奋斗目标是哪八个字？", cut) == ["奋斗目标"]
    assert "三大" in query_terms("三大专业群", cut)  # 大 is no measure word


def test_query_terms_drop_words_for_in_all_that_the_segmenter_glues_to_a_noun():
    # jieba cuts "志愿服务时长加起来" as 志愿|服务|时长加|起来: 时长加 is found nowhere
    glued = lambda t: {"志愿服务时长加起来有多少？": ["志愿", "服务", "时长加", "起来", "有", "多少", "？"],
                       "志愿服务时长 有多少？": ["志愿", "服务", "时长", " ", "有", "多少", "？"]}.get(t, list(t))
    assert query_terms("志愿服务时长加起来有多少？", cut=glued) == ["志愿", "服务", "时长"]
