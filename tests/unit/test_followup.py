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
