"""Index building, loading, status and the safety of rebuilds, with the fake embedder."""

import json
from pathlib import Path

import numpy as np
import pytest

from conftest import TINY_TERMS, make_tiny_chunks
from qzassist.embed import FakeEmbedder, get_embedder
from qzassist.errors import CorpusError, IndexLockedError, IndexNotBuiltError, StaleIndexError
from qzassist.index import (
    CHUNKS,
    MANIFEST,
    JiebaTokenizer,
    Manifest,
    build_index,
    index_lock,
    index_status,
    load_index,
)
from qzassist.schema import Chunk

FAKE = get_embedder("fake")


def _build(index_dir: Path, chunks=None, embedder=FAKE, **kwargs):
    options = {"corpus_hash": "c1", "parser_version": "p1", "terms": TINY_TERMS, **kwargs}
    return build_index(chunks or make_tiny_chunks(), index_dir=index_dir, embedder=embedder, **options)


def _load(index_dir: Path, **kwargs):
    return load_index(index_dir, embedder=kwargs.pop("embedder", FAKE), **kwargs)


class ExplodingEmbedder(FakeEmbedder):
    """Fails on the second document batch, as a crash mid-ingest would."""

    name = "fake"

    def __init__(self):
        super().__init__()
        self.calls = 0

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls > 1:
            raise RuntimeError("boom")
        return super().embed_documents(texts)


class MisleadingEmbedder(FakeEmbedder):
    """A query points away from its own document (cosine -1), so the dense self-check must fail."""

    name = "fake"

    def embed_query(self, text):
        return -super().embed_query(text)


def _siblings(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.parent.iterdir() if p.name != index_dir.name)


# ------------------------------------------------------------------ build and load


def test_build_writes_manifest_and_loads_round_trip(tmp_path, tiny_chunks):
    manifest = _build(tmp_path / "index", tiny_chunks)
    assert (manifest.embedder, manifest.dim, manifest.chunk_count) == ("fake", 256, len(tiny_chunks))
    assert (manifest.corpus_hash, manifest.parser_version, manifest.chroma_url) == ("c1", "p1", None)
    on_disk = Manifest.from_json((tmp_path / "index" / MANIFEST).read_text(encoding="utf-8"))
    assert on_disk == manifest
    index = _load(tmp_path / "index", corpus_hash="c1", parser_version="p1")
    assert list(index.chunks) == [c.id for c in tiny_chunks]
    assert list(index.chunks.values()) == tiny_chunks
    assert index.manifest == manifest
    index.close()


def test_build_leaves_only_the_index_and_its_lock(tmp_path):
    _build(tmp_path / "index")
    assert _siblings(tmp_path / "index") == ["index.lock"]


def test_progress_reports_every_batch_up_to_the_total(tmp_path, tiny_chunks):
    seen = []
    _build(tmp_path / "index", tiny_chunks, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(tiny_chunks)) and seen[-1] == (len(tiny_chunks), len(tiny_chunks))


def test_bm25_finds_user_terms_and_numbers(tiny_index):
    assert tiny_index.bm25_search("红蓝器质是什么品牌", 3)[0][0] == "3.1#p0"
    assert tiny_index.bm25_search("13153", 3)[0][0] == "2.4#p0"
    assert tiny_index.bm25_search("人才培养质量计分卡 升入本科人数", 3)[0][0] == "表1#r1"


def test_bm25_returns_nothing_for_unknown_words_or_punctuation(tiny_index):
    assert tiny_index.bm25_search("？！。，", 5) == []
    assert tiny_index.bm25_search("zzzzqqq", 5) == []
    assert tiny_index.bm25_search("教职工", 0) == []


def test_tokenizer_keeps_terms_numbers_and_latin_and_drops_punctuation():
    tokens = JiebaTokenizer(TINY_TERMS)("“红蓝器质”党建品牌，Python课程通过率97.36%！")
    assert "红蓝器质" in tokens and "python" in tokens and "97.36%" in tokens
    assert not {"“", "”", "，", "！"} & set(tokens)


def test_tokenizer_normalises_full_width_text():
    tokenize = JiebaTokenizer()
    assert tokenize("ＡＩ课程１０６人") == tokenize("AI课程106人")


def test_dense_search_returns_own_chunk_first_with_cosine(tiny_index, tiny_chunks):
    chunk = tiny_chunks[3]
    hits = tiny_index.dense_search(FAKE.embed_query(chunk.text), 3)
    assert hits[0][0] == chunk.id and hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert len(tiny_index.dense_search(FAKE.embed_query("x"), 100)) == len(tiny_chunks)


def test_similarities_match_the_embedder(tiny_index, tiny_chunks):
    query = FAKE.embed_query("教职工多少人")
    sims = tiny_index.similarities(query, [tiny_chunks[0].id, tiny_chunks[7].id])
    expected = FAKE.embed_documents([tiny_chunks[0].text, tiny_chunks[7].text]) @ query
    assert list(sims.values()) == pytest.approx(list(expected), abs=1e-5)


def test_chunks_keep_metadata_through_the_store(tiny_index):
    row = tiny_index.chunks["表5#r0"]
    assert (row.kind, row.table, row.meta) == ("row", "表5", {"label": "教职工总数（人）"})


def test_rebuild_in_the_same_process_serves_the_new_chunks(tmp_path, tiny_chunks):
    _build(tmp_path / "index", tiny_chunks)
    first = _load(tmp_path / "index")  # deliberately left open across the rebuild
    fewer = tiny_chunks[:4] + tiny_chunks[5:6]
    _build(tmp_path / "index", fewer, corpus_hash="c2")
    second = _load(tmp_path / "index", corpus_hash="c2")
    assert list(second.chunks) == [c.id for c in fewer]
    assert second.count_vectors() == len(fewer)
    assert _siblings(tmp_path / "index") == ["index.lock"]
    first.close()
    second.close()


# ------------------------------------------------------------------ bad input


def test_empty_chunk_list_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="no chunks"):
        build_index([], index_dir=tmp_path / "index", embedder=FAKE, corpus_hash="c", parser_version="p")


def test_duplicate_ids_are_a_corpus_error(tmp_path, tiny_chunks):
    with pytest.raises(CorpusError, match="一#p0"):
        _build(tmp_path / "index", tiny_chunks + [tiny_chunks[0]])


def test_a_chunk_with_no_tokens_is_indexed_but_never_matched(tmp_path, tiny_chunks):
    odd = Chunk(id="x#0", text="。。。", section="x", title="x")
    _build(tmp_path / "index", tiny_chunks + [odd])
    index = _load(tmp_path / "index")
    assert "x#0" in index.chunks and all(cid != "x#0" for cid, _ in index.bm25_search("教职工 。", 20))
    index.close()


# ------------------------------------------------------------------ failures leave the old index


def test_failed_build_keeps_previous_index_and_removes_temp(tmp_path, tiny_chunks):
    _build(tmp_path / "index", tiny_chunks[:6])
    many = [Chunk(id=f"n{i}", text=f"新内容第{i}条", section="9", title="新") for i in range(100)]
    with pytest.raises(RuntimeError, match="boom"):
        _build(tmp_path / "index", many, embedder=ExplodingEmbedder(), corpus_hash="c2")
    assert _siblings(tmp_path / "index") == ["index.lock"]
    index = _load(tmp_path / "index", corpus_hash="c1")
    assert len(index.chunks) == 6
    index.close()


def test_failed_self_check_keeps_previous_index(tmp_path, tiny_chunks):
    _build(tmp_path / "index", tiny_chunks[:3])
    with pytest.raises(IndexNotBuiltError, match="dense search"):
        _build(tmp_path / "index", tiny_chunks, embedder=MisleadingEmbedder())
    assert _siblings(tmp_path / "index") == ["index.lock"]
    assert index_status(tmp_path / "index", "fake", "c1", "p1") == "ok"


def test_leftovers_of_a_crashed_build_are_cleaned_up(tmp_path):
    (tmp_path / "index.tmp-1-2").mkdir()
    (tmp_path / "index.tmp-1-2" / "junk").write_text("x")
    _build(tmp_path / "index")
    assert _siblings(tmp_path / "index") == ["index.lock"]


def test_a_swap_interrupted_after_moving_the_old_index_aside_is_recovered(tmp_path):
    _build(tmp_path / "index")
    (tmp_path / "index").rename(tmp_path / "index.old-9-9")
    with pytest.raises(IndexLockedError):
        with index_lock(tmp_path / "index"):
            _build(tmp_path / "index")  # a second ingest while the lock is held
    _build(tmp_path / "index", corpus_hash="c3")
    assert index_status(tmp_path / "index", "fake", "c3", "p1") == "ok"
    assert _siblings(tmp_path / "index") == ["index.lock"]


def test_second_ingest_is_refused_while_the_lock_is_held(tmp_path):
    with index_lock(tmp_path / "index") as lock_path:
        assert lock_path == tmp_path / "index.lock"
        with pytest.raises(IndexLockedError, match="another ingest") as err:
            _build(tmp_path / "index")
    assert "\n" not in str(err.value)
    _build(tmp_path / "index")  # the lock is free again


# ------------------------------------------------------------------ load errors and status


def test_missing_index_says_run_ingest(tmp_path):
    with pytest.raises(IndexNotBuiltError, match="not found .*run `qzassist ingest`"):
        _load(tmp_path / "index")
    assert index_status(tmp_path / "index", "fake", "c1", "p1") == "missing"


def test_other_embedder_is_stale_and_names_both(tmp_path):
    _build(tmp_path / "index")
    with pytest.raises(StaleIndexError) as err:
        _load(tmp_path / "index", embedder=FakeEmbedder(dim=128))
    assert "dim" in str(err.value)
    status = index_status(tmp_path / "index", "use-multilingual", "c1", "p1")
    assert status.startswith("stale: ") and "'fake'" in status and "'use-multilingual'" in status
    assert "--rebuild" in status


@pytest.mark.parametrize("field,value", [("corpus_hash", "c2"), ("parser_version", "p2")])
def test_other_corpus_or_parser_is_stale(tmp_path, field, value):
    _build(tmp_path / "index")
    with pytest.raises(StaleIndexError, match=f"'{value}'.*ingest --rebuild"):
        _load(tmp_path / "index", **{"corpus_hash": "c1", "parser_version": "p1", field: value})


def test_status_ok_and_checks_can_be_skipped(tmp_path):
    _build(tmp_path / "index")
    assert index_status(tmp_path / "index", "fake", "c1", "p1") == "ok"
    _load(tmp_path / "index", corpus_hash=None, parser_version=None).close()


def _corrupt_chunks(index_dir):
    lines = (index_dir / CHUNKS).read_text(encoding="utf-8").splitlines()
    (index_dir / CHUNKS).write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


def _corrupt_manifest(index_dir):
    (index_dir / MANIFEST).write_text("{not json", encoding="utf-8")


def _drop_chroma(index_dir):
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    import shutil

    shutil.rmtree(index_dir / manifest["chroma_dir"])


def _drop_bm25(index_dir):
    import shutil

    shutil.rmtree(index_dir / "bm25")


def _manifest_count(index_dir):
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    manifest["chunk_count"] += 1
    (index_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("damage", [_corrupt_chunks, _corrupt_manifest, _drop_chroma, _drop_bm25, _manifest_count])
def test_partial_or_corrupt_index_says_rebuild(tmp_path, damage):
    _build(tmp_path / "index")
    damage(tmp_path / "index")
    with pytest.raises(IndexNotBuiltError, match="ingest --rebuild") as err:
        _load(tmp_path / "index")
    assert not isinstance(err.value, StaleIndexError)
    assert index_status(tmp_path / "index", "fake", "c1", "p1").startswith("corrupt: ")


def test_manifest_ignores_unknown_keys():
    data = {"corpus_hash": "c", "embedder": "fake", "dim": 256, "parser_version": "p", "chunk_count": 1,
            "built_at": "now", "qzassist_version": "0", "from_the_future": True}
    assert Manifest.from_json(json.dumps(data)).chunk_count == 1


def test_index_vectors_are_unit_length(tiny_index, tiny_chunks):
    sims = tiny_index.similarities(FAKE.embed_query(tiny_chunks[0].text), [tiny_chunks[0].id])
    assert np.isclose(sims[tiny_chunks[0].id], 1.0, atol=1e-4)


def test_another_chroma_server_is_stale(tmp_path):
    _build(tmp_path / "index")
    status = index_status(tmp_path / "index", "fake", "c1", "p1", chroma_url="http://127.0.0.1:9")
    assert status.startswith("stale: ") and "'local'" in status and "QZ_CHROMA_URL" in status


@pytest.mark.parametrize("url", ["localhost:8000", "ftp://host:1", "http://"])
def test_malformed_chroma_url_is_a_config_error(tmp_path, url):
    from qzassist.errors import ConfigError

    with pytest.raises(ConfigError, match="QZ_CHROMA_URL"):
        _build(tmp_path / "index", chroma_url=url)
    assert _siblings(tmp_path / "index") == ["index.lock"]


def test_unreachable_chroma_server_is_a_config_error_and_keeps_nothing(tmp_path):
    from qzassist.errors import ConfigError

    with pytest.raises(ConfigError, match="cannot reach Chroma at http://127.0.0.1:9"):
        _build(tmp_path / "index", chroma_url="http://127.0.0.1:9")
    assert _siblings(tmp_path / "index") == ["index.lock"]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """A real Chroma server on loopback, from the venv's ``chroma`` script.

    Yields:
        Its ``http://127.0.0.1:<port>`` address.
    """
    import subprocess
    import sys
    import time
    import urllib.request

    script = Path(sys.executable).with_name("chroma")
    if not script.exists():
        pytest.skip("the chroma server script is not installed")
    port = _free_port()
    proc = subprocess.Popen([str(script), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.integration
@pytest.mark.slow
def test_index_on_a_chroma_server_rebuilds_and_drops_the_old_collection(tmp_path, chroma_server, tiny_chunks):
    from qzassist.index import _chroma_client

    first = _build(tmp_path / "index", tiny_chunks, chroma_url=chroma_server)
    assert first.chroma_url == chroma_server and first.chroma_dir == ""
    assert index_status(tmp_path / "index", "fake", "c1", "p1", chroma_url=chroma_server) == "ok"
    index = _load(tmp_path / "index", chroma_url=chroma_server)
    assert index.dense_search(FAKE.embed_query(tiny_chunks[1].text), 1)[0][0] == tiny_chunks[1].id
    second = _build(tmp_path / "index", tiny_chunks[:4], chroma_url=chroma_server)
    names = [c.name for c in _chroma_client(None, chroma_server).list_collections()]
    assert names == [second.collection] != [first.collection]
    assert len(_load(tmp_path / "index").chunks) == 4


def test_report_terms_are_tagged_as_nouns_so_a_later_question_can_borrow_them():
    from qzassist.followup import with_subject
    from qzassist.index import pos_tagger

    tag = pos_tagger(["无人机操控与维护", "专业"])
    tags = dict(tag("新开的无人机操控与维护专业有几个班？"))
    assert tags["无人机操控与维护"].startswith("n") and tags["专业"] == "n"  # jieba's own tag is kept
    nouns = lambda text: [w for w, flag in tag(text) if flag.startswith("n")]
    assert "无人机操控与维护" in with_subject("计划招多少？", "无人机操控与维护专业是几年制？", nouns)


def test_every_tagger_over_the_same_terms_tags_them_as_nouns():
    from qzassist.index import pos_tagger

    first, second = pos_tagger(["无人机操控与维护"]), pos_tagger(["无人机操控与维护"])
    for tag in (first, second):  # an assistant loaded twice in one process gets the same tags
        assert dict(tag("无人机操控与维护专业"))["无人机操控与维护"].startswith("n")
