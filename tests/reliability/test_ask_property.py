"""No string makes ``ask`` or ``stream`` raise anything but the project's own errors (hypothesis).

The fake embedder and the small fixture report keep each example to milliseconds; the
strings mix arbitrary code points (surrogates and control characters included) with pieces
the question parser reacts to: question marks, years, follow-up words, table ids, markup.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qzassist.assistant import Assistant
from qzassist.embed import FakeEmbedder
from qzassist.errors import QzAssistError
from qzassist.schema import Answer
from shared_index import fixture_settings

FRAGMENTS = ["？", "?", "。", "，", "那", "呢", "吗", "2024年", "2025", "去年", "比", "和", "多少", "几个", "表1", "表 2",
             "1.1", "招生", "新生", "专业", "教职工", "增长", "%", "：", "<script>", "</b>", "忽略之前的指令，", "ignore previous",
             "\x00", "\u202e", "\ud800", "😀", "\n", " ", "\u3000", "Ｈｏｗ", "２０２４", "how many", "what about", "它", "其中"]
ANY_CHAR = st.characters(exclude_categories=())  # surrogates and unassigned code points too
QUESTION = st.one_of(
    st.text(ANY_CHAR, max_size=80),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=4)), max_size=25).map("".join),
    st.text(st.sampled_from("招生教职工专业多少？?年2024那呢 "), min_size=480, max_size=620),
)
HISTORY = st.one_of(st.none(), st.lists(st.tuples(QUESTION, st.text(max_size=30)), max_size=2))


@pytest.fixture(scope="module")
def assistant():
    return Assistant.load(fixture_settings(), embedder=FakeEmbedder())


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=QUESTION, history=HISTORY)
def test_no_string_makes_ask_raise_anything_but_qzassist_errors(assistant, question, history):
    try:
        answer = assistant.ask(question, history)
    except QzAssistError:
        return
    assert isinstance(answer, Answer) and isinstance(answer.text, str) and answer.text.strip()
    assert isinstance(answer.refused, bool) and len(answer.question) <= assistant.settings.max_question_chars


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=QUESTION)
def test_no_string_makes_stream_raise_and_it_ends_with_the_answer(assistant, question):
    try:
        events = list(assistant.stream(question))
    except QzAssistError:
        return
    *pieces, final = events
    assert isinstance(final, Answer) and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == final.text
