"""Retrievers over the tiny index: RRF arithmetic, the hybrid's two sources, the registry, LangChain."""

import numpy as np
import pytest
from langchain_core.documents import Document

from qzassist.embed import get_embedder
from qzassist.errors import UnknownBackendError
from qzassist.retrieve import (
    BM25Retriever,
    DenseRetriever,
    HybridRetriever,
    QzLangChainRetriever,
    Retriever,
    available_retrievers,
    get_retriever,
    reciprocal_rank_fusion,
)

FAKE = get_embedder("fake")
# jieba tokens: 四联一进 (a user term, only in 3.1#p0) and xqz2025 (in no chunk; 4.1#p0 has xqz2025y).
# The fake embedder's bigrams make 4.1#p0 the closest vector, while 3.1#p0 is not in the dense top 2.
# Search depth is max(depth, k), so these tests ask for k=2 to keep each list two deep.
SPLIT_QUERY = "四联一进 xqz2025"


def test_rrf_sums_reciprocal_ranks_and_records_ranks():
    fused = reciprocal_rank_fusion({"bm25": ["a", "b"], "dense": ["b", "c"]}, rrf_k=60)
    assert [item for item, _, _ in fused] == ["b", "a", "c"]
    scores = {item: score for item, score, _ in fused}
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["a"] == pytest.approx(1 / 61) and scores["c"] == pytest.approx(1 / 62)
    assert {item: ranks for item, _, ranks in fused} == {
        "a": {"bm25": 1}, "b": {"bm25": 2, "dense": 1}, "c": {"dense": 2}}


def test_rrf_weights_scale_each_list():
    fused = reciprocal_rank_fusion({"bm25": ["a"], "dense": ["b"]}, rrf_k=10, weights={"bm25": 2.0})
    assert [(item, round(score, 6)) for item, score, _ in fused] == [("a", round(2 / 11, 6)), ("b", round(1 / 11, 6))]


def test_rrf_ties_go_to_the_better_single_rank():
    fused = reciprocal_rank_fusion({"x": ["a", "b"], "y": ["c", "b", "a"]}, rrf_k=0)
    # a: 1/1 + 1/3, b: 1/2 + 1/2, c: 1/1 -> a first; b and c tie at 1.0, c has rank 1
    assert [item for item, _, _ in fused] == ["a", "c", "b"]


def test_rrf_of_nothing_is_empty():
    assert reciprocal_rank_fusion({"bm25": [], "dense": []}) == []


def test_bm25_retriever_ranks_keyword_hits(tiny_index):
    hits = BM25Retriever(tiny_index).search("教职工多少人", 5)
    assert hits[0].chunk.id in {"表5#r0", "一#p0"}
    assert [h.ranks for h in hits] == [{"bm25": r} for r in range(1, len(hits) + 1)]
    assert all(h.similarity == 0.0 for h in hits)


def test_dense_retriever_scores_by_cosine(tiny_index, tiny_chunks):
    hits = DenseRetriever(tiny_index, FAKE).search(tiny_chunks[2].text, 3)
    assert hits[0].chunk == tiny_chunks[2]
    assert hits[0].score == hits[0].similarity == pytest.approx(1.0, abs=1e-4)
    assert [h.ranks["dense"] for h in hits] == [1, 2, 3]


def test_hybrid_returns_a_bm25_only_and_a_dense_only_chunk(tiny_index):
    hits = HybridRetriever(tiny_index, FAKE, depth=2).search(SPLIT_QUERY, 2)
    by_id = {h.chunk.id: h for h in hits}
    assert by_id["3.1#p0"].ranks == {"bm25": 1}
    assert by_id["4.1#p0"].ranks == {"dense": 1}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hybrid_gives_bm25_only_hits_their_true_cosine(tiny_index, tiny_chunks):
    hits = HybridRetriever(tiny_index, FAKE, depth=2).search(SPLIT_QUERY, 2)
    bm25_only = next(h for h in hits if h.ranks == {"bm25": 1})
    expected = float(FAKE.embed_documents([bm25_only.chunk.text])[0] @ FAKE.embed_query(SPLIT_QUERY))
    assert bm25_only.similarity == pytest.approx(expected, abs=1e-5)
    assert bm25_only.similarity != 0.0


def test_hybrid_score_is_the_fused_score(tiny_index):
    retriever = HybridRetriever(tiny_index, FAKE, rrf_k=60, depth=5, weights={"bm25": 1.0, "dense": 1.0})
    for hit in retriever.search("教职工 303", 5):
        assert hit.score == pytest.approx(sum(1 / (60 + r) for r in hit.ranks.values()))


def test_hybrid_never_returns_more_than_k_and_depth_grows_with_k(tiny_index, tiny_chunks):
    retriever = HybridRetriever(tiny_index, FAKE, depth=1)
    assert len(retriever.search("学校", 3)) == 3
    assert len(retriever.search("学校", 100)) == len(tiny_chunks)


@pytest.mark.parametrize("name", ["bm25", "dense", "hybrid"])
def test_every_retriever_ignores_blank_queries_and_zero_k(tiny_index, name):
    retriever = get_retriever(name, tiny_index, FAKE)
    assert isinstance(retriever, Retriever)
    assert retriever.search("   ", 5) == [] and retriever.search("教职工", 0) == []


def test_registry_names_and_unknown_name(tiny_index):
    assert available_retrievers() == ["bm25", "dense", "hybrid"]
    assert isinstance(get_retriever("hybrid", tiny_index, FAKE), HybridRetriever)
    with pytest.raises(UnknownBackendError) as err:
        get_retriever("splade", tiny_index, FAKE)
    assert "'splade'" in str(err.value) and "bm25, dense, hybrid" in str(err.value)


def test_langchain_retriever_returns_documents_with_section_metadata(tiny_index):
    retriever = QzLangChainRetriever(retriever=get_retriever("hybrid", tiny_index, FAKE), k=3)
    docs = retriever.invoke("红蓝器质党建品牌")
    assert len(docs) == 3 and all(isinstance(d, Document) for d in docs)
    top = docs[0]
    assert top.metadata["id"] == "3.1#p0" and top.metadata["section"] == "3.1"
    assert top.metadata["title"] == "党建统领" and top.page_content.startswith("学校深化")
    assert isinstance(top.metadata["score"], float) and "rank_bm25" in top.metadata


def test_langchain_retriever_carries_row_meta(tiny_index):
    retriever = QzLangChainRetriever(retriever=get_retriever("bm25", tiny_index, FAKE), k=1)
    doc = retriever.invoke("落实政策表 教职工总数")[0]
    assert doc.metadata["kind"] == "row" and doc.metadata["table"] == "表5"
    assert doc.metadata["m_label"] == "教职工总数（人）"


@pytest.mark.integration
def test_hybrid_on_the_real_report_with_use(tmp_path):
    from pathlib import Path

    from qzassist.chunk import chunk_report, report_terms
    from qzassist.index import build_index, load_index
    from qzassist.report import parse_report

    report = parse_report((Path(__file__).resolve().parents[2] / "corpus" / "quzhou-2025-quality-report.md")
                          .read_text(encoding="utf-8"))
    use = get_embedder("use-multilingual")
    build_index(chunk_report(report), index_dir=tmp_path / "index", embedder=use, corpus_hash="c",
                parser_version="p", terms=report_terms(report))
    index = load_index(tmp_path / "index", embedder=use)
    hits = get_retriever("hybrid", index, use).search("护士执业资格考试通过率是多少？", 5)
    assert any("97.36%" in h.chunk.text for h in hits)
    assert max(h.similarity for h in hits) > 0.3 and np.isfinite([h.score for h in hits]).all()
    index.close()
