"""The chat UI as a real server on a loopback port, driven through gradio_client.

The real report, the real USE model and real Chroma answer; the client talks to the same
endpoints the browser uses (``/ask`` streams, ``/open_source`` fills the source panel).
"""

import os
import shutil
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from gradio_client import Client  # noqa: E402

from qzassist import ui  # noqa: E402
from qzassist.assistant import Assistant  # noqa: E402
from qzassist.config import Settings  # noqa: E402
from qzassist.feedback import FeedbackStore  # noqa: E402

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def real_settings(tmp_path_factory, **overrides) -> Settings:
    """Settings over a copy of corpus/ with an index shared by the UI test modules of this session."""
    root = tmp_path_factory.getbasetemp() / "ui-real"
    if not (root / "corpus").is_dir():
        shutil.copytree(ROOT / "corpus", root / "corpus")
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index", host="127.0.0.1", port=free_port(),
                    **overrides)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    settings = real_settings(tmp_path_factory, concurrency=3)
    assistant = Assistant.load(settings)
    store = FeedbackStore(tmp_path_factory.mktemp("fb") / "feedback.sqlite3")
    demo = ui.build_app(assistant, store)
    ui.start(demo, settings, block=False)
    yield SimpleNamespace(url=f"http://127.0.0.1:{settings.port}/", demo=demo, assistant=assistant, store=store)
    demo.close()


@pytest.fixture
def client(server):
    return Client(server.url, verbose=False, download_files=False, analytics_enabled=False)


def _ask(client, question, chat):
    job = client.submit(question, chat, api_name="/ask")
    final = job.result(timeout=60)
    return job.outputs(), final


def _last(chat):
    content = chat[-1]["content"]
    return content if isinstance(content, str) else " ".join(c.get("text", "") for c in content)


def test_an_answer_streams_in_and_ends_with_citation_chips(client):
    steps, (box, chat, *_) = _ask(client, "毕业生升学情况怎么样？", [])
    assert box == ""
    assert len(steps) >= 3, "expected a placeholder, partial text and the final reply"
    assert any("qz-pending" in _last(s[1]) for s in steps[:-1])
    assert [m["role"] for m in chat] == ["user", "assistant"]
    reply = _last(chat)
    assert 'class="qz-answer"' in reply and '<a class="qz-chip" href="#qz-cite-0-0"' in reply
    assert "1.5.2 升学与学业质量" in reply or "表1 人才培养质量计分卡" in reply


def test_a_follow_up_uses_the_earlier_turn_and_a_chip_opens_its_source(client):
    _, (_, chat, *_) = _ask(client, "生师比是多少？", [])
    assert "13.58:1" in _last(chat)
    _, (_, chat, *_) = _ask(client, "那2024年呢？", chat)
    assert len(chat) == 4
    follow_up = _last(chat)
    assert "13.7:1" in follow_up and "#qz-cite-1-0" in follow_up
    panel = client.predict("#qz-cite-1-0", api_name="/open_source")
    panel_html = panel[0] if isinstance(panel, (list, tuple)) else panel
    assert "<h3>表2 教学资源表</h3>" in panel_html
    assert '<tr class="qz-hit">' in panel_html and "生师比" in panel_html.split('<tr class="qz-hit">')[1][:200]


def test_a_question_the_report_cannot_answer_is_refused_with_nearest_sections(client):
    _, (_, chat, *_) = _ask(client, "火星上有几座火山？", [])
    reply = _last(chat)
    assert 'class="qz-refusal"' in reply and "报告中未找到" in reply
    assert "可能相关的章节" in reply and "qz-chip" in reply


def test_html_in_a_question_comes_back_escaped(client):
    _, (_, chat, *_) = _ask(client, "<script>alert(1)</script>生师比？", [])
    question = _last(chat[:1])
    assert "<script>" not in question and "&lt;script&gt;alert(1)&lt;/script&gt;" in question


def test_the_queue_has_the_configured_concurrency_limit(server):
    assert server.demo._queue.default_concurrency_limit == 3


def test_qz_auth_requires_a_login(server, tmp_path_factory):
    settings = real_settings(tmp_path_factory, auth="staff:s3cret")
    demo = ui.build_app(server.assistant, server.store)
    ui.start(demo, settings, block=False)
    try:
        url = f"http://127.0.0.1:{settings.port}/"
        with pytest.raises(Exception):
            Client(url, verbose=False, analytics_enabled=False)
        client = Client(url, verbose=False, auth=("staff", "s3cret"), download_files=False, analytics_enabled=False)
        _, (_, chat, *_) = _ask(client, "教职工总数是多少？", [])
        assert "303" in _last(chat)
    finally:
        demo.close()


def test_a_missing_index_serves_the_fix_instead_of_the_chat(tmp_path_factory):
    settings = real_settings(tmp_path_factory)
    settings = Settings(corpus_dir=settings.corpus_dir, index_dir=tmp_path_factory.mktemp("empty") / "index",
                        host="127.0.0.1", port=settings.port)
    demo = ui.create_app(settings, FeedbackStore(tmp_path_factory.mktemp("fb2") / "f.sqlite3"))
    ui.start(demo, settings, block=False)
    try:
        import httpx

        config = httpx.get(f"http://127.0.0.1:{settings.port}/config", timeout=10).text
        assert "qzassist ingest" in config and "qz-error" in config
        assert "qz-chat" not in config
    finally:
        demo.close()
