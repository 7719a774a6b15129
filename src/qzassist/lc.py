"""LangChain adapters: the embedder as ``Embeddings``, a retriever as a ``BaseRetriever``.

Kept apart from embed.py and retrieve.py so that loading and serving the assistant do not import
LangChain (a third of a second at start-up); ``qzassist.chain`` builds the LCEL chain on these.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever

from .embed import Embedder
from .schema import Hit


class LangChainEmbeddings(Embeddings):
    """Presents any qzassist Embedder as LangChain ``Embeddings``."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts.

        Args:
            texts: the texts.

        Returns:
            One list of floats per text.
        """
        return self.embedder.embed_documents(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a query.

        Args:
            text: the query.

        Returns:
            The vector as a list of floats.
        """
        return self.embedder.embed_query(text).tolist()


def hit_to_document(hit: Hit) -> Document:
    """A Hit as a LangChain Document.

    Args:
        hit: a retrieved hit.

    Returns:
        A Document with the chunk text and flat metadata (section, title, id, score, similarity, ...).
    """
    metadata = {**hit.chunk.metadata(), "id": hit.chunk.id, "score": hit.score, "similarity": hit.similarity}
    metadata.update({f"rank_{name}": rank for name, rank in hit.ranks.items()})
    return Document(page_content=hit.chunk.text, metadata=metadata, id=hit.chunk.id)


class QzLangChainRetriever(BaseRetriever):
    """Any qzassist Retriever as a LangChain retriever (e.g. for LCEL chains)."""

    retriever: Any
    k: int = 8

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun
                                ) -> list[Document]:
        return [hit_to_document(hit) for hit in self.retriever.search(query, self.k)]
