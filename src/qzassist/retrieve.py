"""Retrievers over an Index: BM25, dense, and a hybrid fused by reciprocal rank fusion.

All return ``Hit``s; ``Hit.similarity`` carries the raw dense cosine (the answer layer refuses
on weak matches), while ``Hit.score`` is whatever the retriever ranks by.
A LangChain adapter presents any of them as a ``BaseRetriever``.
"""

from __future__ import annotations

from typing import Callable, Protocol, runtime_checkable


from .embed import Embedder
from .errors import UnknownBackendError
from .index import Index
from .schema import Hit

# Measured on the eval dev split (gold-section MRR@8, USE + jieba BM25): the textbook
# k=60 with equal weights scored 0.895, below BM25 alone (0.957), because chunks both lists
# rank middling outvote BM25's exact hit. k=10 with BM25 counted twice scored 0.954 on dev
# and 0.948 on the held-out test split (BM25 alone 0.933, k=60 0.901).
DEFAULT_RRF_K = 10
DEFAULT_WEIGHTS = {"bm25": 2.0, "dense": 1.0}
DEFAULT_DEPTH = 30


@runtime_checkable
class Retriever(Protocol):
    """Finds the chunks that best answer a query."""

    def search(self, query: str, k: int) -> list[Hit]:
        """Return at most k hits, best first."""
        ...


def reciprocal_rank_fusion(rankings: dict[str, list[str]], rrf_k: int = DEFAULT_RRF_K,
                           weights: dict[str, float] | None = None) -> list[tuple[str, float, dict[str, int]]]:
    """Fuse ranked id lists: score(id) = sum over lists of weight / (rrf_k + rank).

    Args:
        rankings: list name -> ids, best first (ranks are 1-based positions).
        rrf_k: the damping constant (60 in the original paper; smaller favours top ranks).
        weights: list name -> weight; lists not named weigh 1.0.

    Returns:
        (id, fused score, {list name: rank}) sorted by score, ties by best single rank.
    """
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    for name, ids in rankings.items():
        weight = (weights or {}).get(name, 1.0)
        for rank, item in enumerate(ids, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (rrf_k + rank)
            ranks.setdefault(item, {})[name] = rank
    order = sorted(scores, key=lambda i: (-scores[i], min(ranks[i].values())))
    return [(item, scores[item], ranks[item]) for item in order]


class BM25Retriever:
    """Keyword retrieval over jieba tokens; ``Hit.score`` is the BM25 score."""

    name = "bm25"

    def __init__(self, index: Index):
        self.index = index

    def search(self, query: str, k: int) -> list[Hit]:
        """Search by keywords.

        Args:
            query: the query text.
            k: how many hits at most.

        Returns:
            Hits best first, with ``ranks={"bm25": r}`` and similarity 0.0.
        """
        if not query.strip() or k <= 0:
            return []
        pairs = self.index.bm25_search(query, k)
        return [Hit(self.index.chunks[cid], score, {"bm25": r}) for r, (cid, score) in enumerate(pairs, 1)]


class DenseRetriever:
    """Vector retrieval; ``Hit.score`` and ``Hit.similarity`` are the cosine."""

    name = "dense"

    def __init__(self, index: Index, embedder: Embedder):
        self.index = index
        self.embedder = embedder

    def search(self, query: str, k: int) -> list[Hit]:
        """Search by meaning.

        Args:
            query: the query text.
            k: how many hits at most.

        Returns:
            Hits best first, with ``ranks={"dense": r}``.
        """
        if not query.strip() or k <= 0:
            return []
        pairs = self.index.dense_search(self.embedder.embed_query(query), k)
        return [Hit(self.index.chunks[cid], sim, {"dense": r}, similarity=sim)
                for r, (cid, sim) in enumerate(pairs, 1)]


class HybridRetriever:
    """BM25 and dense rank lists fused by reciprocal rank fusion, keyed by chunk id.

    Keyword search catches exact names and table indicators that embeddings blur;
    embeddings catch paraphrases that share no words. RRF needs no score calibration.
    """

    name = "hybrid"

    def __init__(self, index: Index, embedder: Embedder, rrf_k: int = DEFAULT_RRF_K, depth: int = DEFAULT_DEPTH,
                 weights: dict[str, float] | None = None):
        self.index = index
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.depth = depth
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)

    def search(self, query: str, k: int) -> list[Hit]:
        """Search both ways and fuse.

        Args:
            query: the query text.
            k: how many hits at most.

        Returns:
            Hits best first; ``score`` is the fused RRF score, ``ranks`` has ``bm25``/``dense``
            where that retriever found the chunk, ``similarity`` is the dense cosine.
        """
        if not query.strip() or k <= 0:
            return []
        depth = max(self.depth, k)
        vector = self.embedder.embed_query(query)
        dense = self.index.dense_search(vector, depth)
        keyword = self.index.bm25_search(query, depth * 2)
        rankings = {"bm25": self._cap_rows([c for c, _ in keyword])[:depth], "dense": [c for c, _ in dense]}
        fused = reciprocal_rank_fusion(rankings, self.rrf_k, self.weights)[:k]
        sims = self._similarities(vector, dict(dense), [cid for cid, _, _ in fused])
        return [Hit(self.index.chunks[cid], score, ranks, similarity=sims[cid]) for cid, score, ranks in fused]

    def _cap_rows(self, ids: list[str], per_table: int = 4) -> list[str]:
        """Keep a table's best few rows in the keyword ranking.

        Rows of one table repeat its column names, so a word like 学制 makes all 32 rows of an
        enrolment plan outrank the one paragraph that lists the school's 学制; a few rows are
        enough to represent the table.
        """
        seen: dict[str, int] = {}
        out = []
        for cid in ids:
            chunk = self.index.chunks[cid]
            if chunk.kind == "row":
                seen[chunk.table] = seen.get(chunk.table, 0) + 1
                if seen[chunk.table] > per_table:
                    continue
            out.append(cid)
        return out

    def _similarities(self, vector, known: dict[str, float], ids: list[str]) -> dict[str, float]:
        # chunks only BM25 found still get their true cosine, so refusals see real similarity
        missing = [cid for cid in ids if cid not in known]
        return {**known, **(self.index.similarities(vector, missing) if missing else {})}


_RETRIEVERS: dict[str, Callable[[Index, Embedder], Retriever]] = {
    "bm25": lambda index, embedder: BM25Retriever(index),
    "dense": DenseRetriever,
    "hybrid": HybridRetriever,
}


def available_retrievers() -> list[str]:
    """The names ``get_retriever`` accepts.

    Returns:
        Registered retriever names.
    """
    return list(_RETRIEVERS)


def get_retriever(name: str, index: Index, embedder: Embedder) -> Retriever:
    """Create the retriever registered under a name.

    Args:
        name: ``bm25``, ``dense`` or ``hybrid``.
        index: a loaded index.
        embedder: the embedder the index was built with.

    Returns:
        The Retriever.

    Raises:
        UnknownBackendError: the name is not registered.
    """
    factory = _RETRIEVERS.get(name.strip())
    if factory is None:
        raise UnknownBackendError(f"unknown retriever '{name}'; valid names are {', '.join(_RETRIEVERS)}.")
    return factory(index, embedder)


def __getattr__(name: str):
    # The LangChain adapters live in qzassist.lc so that serving does not import LangChain.
    if name in ("QzLangChainRetriever", "hit_to_document"):
        from . import lc

        return getattr(lc, name)
    raise AttributeError(name)
