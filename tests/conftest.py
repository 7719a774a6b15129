"""Shared test set-up: offline model hubs, no telemetry, and no network except loopback."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from netguard import is_local_host

# Set before any test module imports sentence-transformers, transformers or chromadb.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

BLOCKED = "network blocked in tests"


def _allowed(family, address) -> bool:
    if family == getattr(socket, "AF_UNIX", None) or isinstance(address, (str, bytes)):
        return True  # AF_UNIX sockets are addressed by a path
    return is_local_host(address[0])


@pytest.fixture(autouse=True)
def block_network(monkeypatch):
    """Fail any connection or lookup that would leave this machine; loopback and AF_UNIX still work."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def connect(self, address):
        if not _allowed(self.family, address):
            raise OSError(BLOCKED)
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _allowed(self.family, address):
            raise OSError(BLOCKED)
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        if not is_local_host(address[0]):
            raise OSError(BLOCKED)
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        if not is_local_host(host):
            raise OSError(BLOCKED)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def tmp_data_dir(tmp_path: Path, monkeypatch) -> Path:
    """A fresh QZ_DATA_DIR for one test.

    Returns:
        The folder (empty).
    """
    monkeypatch.setenv("QZ_DATA_DIR", str(tmp_path))
    return tmp_path


TINY_TERMS = ["红蓝器质", "四联一进", "人才培养质量计分卡", "落实政策表"]


def make_tiny_chunks():
    """A hand-made handful of chunks shaped like the report's: text, table rows, a caption.

    Returns:
        A list of Chunks with unique ids.
    """
    from qzassist.schema import Chunk

    def text(cid, section, title, body, crumb):
        return Chunk(id=cid, text=body, section=section, title=title, breadcrumb=crumb)

    def row(cid, table, title, body, label):
        return Chunk(id=cid, text=body, section=table, title=title, breadcrumb=f"附表 › {table} {title}",
                     kind="row", table=table, meta={"label": label})

    return [
        text("一#p0", "一", "学校概况", "衢州中专创办于1987年，校园占地430亩，全日制在校生近4000人，教职工303人。", "前言 › 一 学校概况"),
        text("3.1#p0", "3.1", "党建统领", "学校深化“红蓝器质”党建品牌，完善“四联一进”工作机制。", "3 文化传承 › 3.1 党建统领"),
        text("1.5.2#p0", "1.5.2", "升学成果", "高职考本科上线106人，较2024年增加22人，增幅28.4%。", "1 人才培养 › 1.5 师生竞赛与升学成果"),
        text("2.4#p0", "2.4", "强化技能供给", "学年培训总量达13153人次，年开展技能人才培训6943人次。", "2 服务贡献 › 2.4 强化技能供给"),
        text("4.1#p0", "4.1", "国际赛事", "师生参加国际邀请赛，参赛代号xqz2025y，获得多项佳绩。", "4 国际合作 › 4.1 以赛促学"),
        row("表1#r0", "表1", "人才培养质量计分卡", "表1 人才培养质量计分卡 · 毕业生人数（人） · 2024年 1310 · 2025年 1356", "毕业生人数（人）"),
        row("表1#r1", "表1", "人才培养质量计分卡", "表1 人才培养质量计分卡 · 升入本科人数（人） · 2024年 119 · 2025年 141", "升入本科人数（人）"),
        row("表5#r0", "表5", "落实政策表", "表5 落实政策表 · 教职工总数（人） · 2024年 300 · 2025年 303", "教职工总数（人）"),
        Chunk(id="3.3.3#f0", text="图3-9 我校女篮获省第二届中职学校三人制篮球赛第一名", section="3.3.3", title="体育",
              breadcrumb="3 文化传承 › 3.3 全面发展", kind="caption", meta={"figure": "图3-9"}),
    ]


@pytest.fixture
def tiny_chunks():
    """The hand-made chunks (see ``make_tiny_chunks``)."""
    return make_tiny_chunks()


@pytest.fixture
def tiny_index(tmp_path, tiny_chunks):
    """The tiny chunks built into ``tmp_path/index`` with the fake embedder, loaded.

    Yields:
        The loaded Index (closed afterwards).
    """
    from qzassist.embed import get_embedder
    from qzassist.index import build_index, load_index

    fake = get_embedder("fake")
    build_index(tiny_chunks, index_dir=tmp_path / "index", embedder=fake, corpus_hash="c1",
                parser_version="p1", terms=TINY_TERMS)
    index = load_index(tmp_path / "index", embedder=fake, corpus_hash="c1", parser_version="p1")
    yield index
    index.close()


MINI_REPORT = Path(__file__).resolve().parent / "fixtures" / "mini_report.md"


def _settings_over(tmp_path_factory, report: Path, name: str):
    """Settings over a temp copy of one fixture report."""
    import shutil

    from qzassist.config import Settings

    root = tmp_path_factory.mktemp(name)
    (root / "corpus").mkdir()
    shutil.copy(report, root / "corpus" / "report.md")
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index")


def _fake_assistant(settings):
    from qzassist.assistant import Assistant
    from qzassist.embed import FakeEmbedder

    return Assistant.load(settings, embedder=FakeEmbedder())


@pytest.fixture(scope="session")
def mini_settings(tmp_path_factory):
    """Settings over a temp copy of the small fixture report (another school, other numbering)."""
    return _settings_over(tmp_path_factory, MINI_REPORT, "mini")


@pytest.fixture(scope="session")
def mini_assistant(mini_settings):
    """An Assistant over the fixture report with the fake embedder (no model), built once per session."""
    return _fake_assistant(mini_settings)


WORDED_REPORT = Path(__file__).resolve().parent / "fixtures" / "worded_report.md"


@pytest.fixture(scope="session")
def worded_assistant(tmp_path_factory):
    """An Assistant over the fixture report numbered in words (一、 / （一） / 1.), fake embedder, built once."""
    return _fake_assistant(_settings_over(tmp_path_factory, WORDED_REPORT, "worded"))
