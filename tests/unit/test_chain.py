"""The LCEL chain answers like Assistant.ask, through LangChain's Runnable interface."""

import pytest
from langchain_core.runnables import Runnable

from qzassist.chain import build_chain


@pytest.fixture
def assistant(mini_assistant):
    return mini_assistant


def test_chain_is_a_runnable_that_answers_like_ask(assistant):
    chain = build_chain(assistant)
    assert isinstance(chain, Runnable)
    for question in ("2024年月收入是多少？", "学校食堂的菜单是什么？"):
        via_chain = chain.invoke({"question": question})
        direct = assistant.ask(question)
        assert via_chain.text == direct.text and via_chain.refused == direct.refused
        assert [c.section for c in via_chain.citations] == [c.section for c in direct.citations]


def test_chain_resolves_follow_ups_from_history(assistant):
    answer = build_chain(assistant).invoke({"question": "那2023年呢？", "history": [("2024年生师比是多少？", "…")]})
    assert "2023" in answer.query and answer.text.startswith("表2 生师比：2023年 12.1:1")


def test_chain_batches(assistant):
    answers = build_chain(assistant).batch([{"question": "学校有多少教职工？"}, {"question": "2.1节社区培训多少人次？"}])
    assert "188" in answers[0].text and "3200" in answers[1].text
