"""LLM mode through the real ChatOpenAI client against an OpenAI-compatible stub server on loopback.

The stub serves ``POST /v1/chat/completions`` as JSON or, when asked to stream, as server-sent
events, the way Ollama, vLLM and hosted APIs do. Its reply "parrots" the first retrieved excerpt
(its first sentence and section id), so a well-behaved model's answer is grounded by construction.
Settings come from QZ_* env vars, as a person would configure it.
"""

import json
import re
import shutil
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from qzassist.assistant import Assistant
from qzassist.config import Settings
from qzassist.embed import FakeEmbedder
from qzassist.errors import ConfigError

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "mini_report.md"
EXCERPT = re.compile(r"^【([^】]+)】 .*\n(.+?[。；;!?！？])", re.M)


def parrot(user_message: str) -> str:
    """What a faithful model would say: the first excerpt's first sentence, cited."""
    section, sentence = EXCERPT.search(user_message).groups()
    return f"{sentence.rstrip('。；;')}【{section}】。"


class Stub(ThreadingHTTPServer):
    """Settings the handler reads: ``reply`` (str or callable on the user message), ``delay`` s, ``status``."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.reply, self.delay, self.status, self.requests = parrot, 0.0, 200, []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_POST(self):
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout tests)

    def _answer(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        stub = self.server
        stub.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        time.sleep(stub.delay)
        if self.path != "/v1/chat/completions" or stub.status != 200:
            return self._json(404 if stub.status == 200 else stub.status, {"error": {"message": "stub error"}})
        reply = stub.reply(body["messages"][-1]["content"]) if callable(stub.reply) else stub.reply
        if body.get("stream"):
            return self._sse(body["model"], reply)
        self._json(200, {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": body["model"],
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                                      "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

    def _json(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _sse(self, model, reply):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        pieces = [reply[i:i + 3] for i in range(0, len(reply), 3)]
        for i, piece in enumerate(pieces + [None]):
            delta = {"role": "assistant", "content": piece} if piece is not None else {}
            chunk = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 0, "model": model,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": None if piece is not None else "stop"}]}
            self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


@pytest.fixture
def stub():
    server = Stub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("mini-stub")
    (root / "corpus").mkdir()
    shutil.copy(FIXTURE, root / "corpus" / "report.md")
    return root


@pytest.fixture
def llm_env(monkeypatch, stub, corpus):
    monkeypatch.setenv("QZ_ANSWERER", "llm")
    monkeypatch.setenv("QZ_LLM_BASE_URL", stub.base_url)
    monkeypatch.setenv("QZ_LLM_MODEL", "stub-model")
    monkeypatch.setenv("QZ_LLM_TIMEOUT", "2")
    monkeypatch.setenv("QZ_CORPUS_DIR", str(corpus / "corpus"))
    monkeypatch.setenv("QZ_INDEX_DIR", str(corpus / "index"))
    monkeypatch.delenv("QZ_LLM_API_KEY", raising=False)
    return monkeypatch


def _load():
    return Assistant.load(embedder=FakeEmbedder())


def test_a_reply_over_http_becomes_a_cited_answer(llm_env, stub):
    assistant = _load()
    answer = assistant.ask("学校有多少教职工？")
    assert type(assistant.answerer).__name__ == "LLMAnswerer" and not answer.notes
    [request] = stub.requests
    body = request["body"]
    assert request["path"] == "/v1/chat/completions" and body["model"] == "stub-model" and not body.get("stream")
    assert [m["role"] for m in body["messages"]] == ["system", "user"] and body["temperature"] == 0
    assert request["auth"] == "Bearer not-needed"  # no key configured, and none borrowed from OPENAI_API_KEY
    assert answer.text == parrot(body["messages"][1]["content"])
    assert answer.citations and answer.citations[0].section in answer.text


def test_the_api_key_comes_from_the_environment(llm_env, stub):
    llm_env.setenv("QZ_LLM_API_KEY", "sk-test-123")
    _load().ask("学校有多少教职工？")
    assert stub.requests[0]["auth"] == "Bearer sk-test-123"


def test_streaming_over_sse_yields_the_tokens_then_the_answer(llm_env, stub):
    *deltas, answer = _load().stream("学校有多少教职工？")
    body = stub.requests[0]["body"]
    assert body["stream"] is True and len(deltas) > 3
    assert "".join(deltas) == answer.text == parrot(body["messages"][1]["content"])


def test_a_server_slower_than_the_timeout_gives_the_extractive_answer(llm_env, stub):
    llm_env.setenv("QZ_LLM_TIMEOUT", "0.5")
    assistant, stub.reply = _load(), ""
    assistant.ask("学校有多少教职工？")  # warm up (an empty reply falls back): imports, jieba's tagger
    stub.delay, stub.reply = 2.0, parrot
    answer = assistant.ask("学校有多少教职工？")
    assert answer.timings["compose"] < 1.5  # gave up after 0.5 s, with no retries, not after the reply at 2 s
    assert "188" in answer.text and answer.citations
    assert answer.notes[-1] == "LLM unavailable (timeout after 0.5 s); showing the extractive answer."
    *deltas, streamed = assistant.stream("学校有多少教职工？")
    assert deltas == [] and streamed.text == answer.text and "timeout" in streamed.notes[-1]


def test_server_errors_and_a_closed_port_fall_back_with_the_reason(llm_env, stub):
    stub.status = 500
    assert "(HTTP 500)" in _load().ask("学校有多少教职工？").notes[-1]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    llm_env.setenv("QZ_LLM_BASE_URL", f"http://127.0.0.1:{closed}/v1")
    answer = _load().ask("学校有多少教职工？")
    assert "188" in answer.text and "(cannot connect to the endpoint)" in answer.notes[-1]


def test_an_ungrounded_reply_over_http_falls_back(llm_env, stub):
    stub.reply = lambda user: re.sub(r"\d+", "999", parrot(user), count=1)
    answer = _load().ask("学校有多少教职工？")
    assert "999" not in answer.text and "figures not found in the sections it cites: 999" in answer.notes[-1]


def test_llm_mode_without_a_model_is_a_config_error_before_any_index_work(llm_env, tmp_path):
    llm_env.delenv("QZ_LLM_MODEL")
    llm_env.setenv("QZ_INDEX_DIR", str(tmp_path / "never-built"))
    with pytest.raises(ConfigError, match="QZ_LLM_MODEL"):
        _load()
    assert not (tmp_path / "never-built").exists()


@pytest.fixture(scope="module")
def real_assistant(tmp_path_factory):
    root = tmp_path_factory.mktemp("real-llm")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    return Assistant.load(Settings(corpus_dir=root / "corpus", index_dir=root / "index"))


def test_the_real_report_through_the_stub_keeps_section_ids(real_assistant, stub):
    from qzassist.llm import LLMAnswerer

    extractive = real_assistant.answerer
    real_assistant.answerer = LLMAnswerer(extractive, base_url=stub.base_url, model="stub-model", timeout=5)
    try:
        *deltas, answer = real_assistant.stream("学校一共有多少教职员工？")
    finally:
        real_assistant.answerer = extractive
    sent = stub.requests[0]["body"]["messages"][1]["content"]
    assert set(EXCERPT.findall(sent)) and all(h.chunk.section in sent for h in answer.hits)
    assert "".join(deltas) == answer.text and not answer.notes
    assert answer.citations[0].section in {h.chunk.section for h in answer.hits}
