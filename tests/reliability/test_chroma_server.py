"""The index in a real ``chroma run`` server on loopback: ingest, ask, restart the server, ask again.

Slow: it starts the server twice and builds the real report with the USE model.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from qzassist.assistant import Assistant, ingest
from qzassist.config import Settings
from qzassist.index import read_manifest
from shared_index import PLAIN, ROOT, real_assistant, scratch_dir

pytestmark = [pytest.mark.slow, pytest.mark.integration]
CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ChromaServer:
    """``chroma run`` on a loopback port over one data folder; can be stopped and started again."""

    def __init__(self, path: Path):
        self.path, self.port, self.proc = path, _free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen([str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"chroma run exited with {self.proc.returncode}"
            try:
                urllib.request.urlopen(self.url + "/api/v2/heartbeat", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("chroma run did not answer within 60 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


@pytest.fixture
def server():
    if not CHROMA.exists():
        pytest.skip("the chroma server script is not installed")
    chroma = ChromaServer(scratch_dir("chroma") / "data")
    chroma.start()
    yield chroma
    chroma.stop()


def _settings(url: str) -> Settings:
    root = scratch_dir("chroma-app")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index", chroma_url=url)


def _reply(assistant):
    answer = assistant.ask(PLAIN)
    return answer.text, answer.citations


def test_ingest_ask_restart_the_server_and_ask_again_loses_nothing(server):
    settings = _settings(server.url)
    assert ingest(settings).status == "built"
    manifest = read_manifest(settings.index_dir)
    assert manifest.chroma_url == server.url and not list(settings.index_dir.glob("chroma-*"))
    replica = Assistant.load(settings, build_if_missing=False)
    before = _reply(replica)
    assert before == _reply(real_assistant())  # the same answer as with a local index
    server.stop()
    server.start()
    assert _reply(replica) == before  # a running app reconnects by itself
    assert _reply(Assistant.load(settings, build_if_missing=False)) == before
    assert ingest(settings).status == "fresh"  # every vector is still there: no rebuild needed


def test_two_replicas_over_one_index_folder_answer_alike(server):
    settings = _settings(server.url)
    ingest(settings)
    first, second = (Assistant.load(settings, build_if_missing=False) for _ in range(2))
    assert _reply(first) == _reply(second)


def test_a_running_replica_keeps_answering_while_the_server_is_down(server):
    settings = _settings(server.url)
    ingest(settings)
    replica = Assistant.load(settings, build_if_missing=False)
    before = _reply(replica)
    server.stop()
    assert _reply(replica) == before  # vectors were read at load; search is local


def test_a_running_replica_keeps_answering_after_a_re_ingest(server):
    settings = _settings(server.url)
    ingest(settings)
    replica = Assistant.load(settings, build_if_missing=False)
    before = _reply(replica)
    ingest(settings, rebuild=True)
    assert _reply(replica) == before
