"""The search index: Chroma for vectors, BM25 over jieba tokens, a chunk store and a manifest.

Layout of ``index_dir``::

    manifest.json   what the index was built from (corpus hash, embedder, parser version, ...)
    chunks.jsonl    every chunk in index order, so loading never asks Chroma to enumerate
    terms.json      the jieba user dictionary (section titles, table indicators, names)
    bm25/           bm25s arrays
    chroma-<build>/ the local Chroma database (absent when a Chroma server is used); named per
                    build because Chroma caches clients by path, so a process that rebuilds and
                    reloads would otherwise be handed the deleted database

Builds go to a sibling temp folder, pass a self-check, and only then replace ``index_dir``,
so a failed or interrupted ingest leaves the previous index usable. ``index.lock`` beside
the folder serialises ingests.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Sequence
from urllib.parse import urlparse

import numpy as np

from . import __version__
from .embed import Embedder
from .errors import ConfigError, CorpusError, IndexLockedError, IndexNotBuiltError, StaleIndexError
from .schema import Chunk

MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
TERMS = "terms.json"
BM25_DIR = "bm25"
LOCAL_COLLECTION = "qzassist"
# Bump when tokenisation changes: a BM25 index built with other tokens must be rebuilt.
TOKENIZER_VERSION = "jieba-search-nfkc-1"
BATCH = 64
REBUILD = "run `qzassist ingest --rebuild`"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Manifest:
    """What an index was built from; written as ``manifest.json``."""

    corpus_hash: str
    embedder: str
    dim: int
    parser_version: str
    chunk_count: int
    built_at: str
    qzassist_version: str
    tokenizer: str = TOKENIZER_VERSION
    chroma_url: str | None = None
    collection: str = LOCAL_COLLECTION
    chroma_dir: str = ""

    def to_json(self) -> str:
        """The manifest as pretty JSON.

        Returns:
            A JSON string.
        """
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        """Parse ``manifest.json``; unknown keys are ignored, missing required ones raise.

        Args:
            text: the file's content.

        Returns:
            The Manifest.
        """
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


# ---------------------------------------------------------------- tokenising


_DROP = re.compile(r"^[\W_]+$")


@lru_cache(maxsize=4)
def _jieba_with_terms(terms: tuple[str, ...]):
    """A private jieba tokenizer with the user terms added (shared per distinct term set)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary build to stderr
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in terms:
        # a report term jieba does not know (数控技术应用, 职教高考) is a name: tagged as a noun, not "x"
        tokenizer.add_word(term, tag=None if tokenizer.FREQ.get(term) else "nz")
    return tokenizer


def _normalise_terms(terms: Sequence[str]) -> tuple[str, ...]:
    cleaned = {unicodedata.normalize("NFKC", t).strip().lower() for t in terms}
    return tuple(sorted(t for t in cleaned if t and not any(c.isspace() for c in t)))


class JiebaTokenizer:
    """Chinese-aware BM25 tokens: NFKC, lowercase, jieba search mode, no punctuation."""

    def __init__(self, terms: Sequence[str] = ()):
        self._jieba = _jieba_with_terms(_normalise_terms(terms))

    def __call__(self, text: str) -> list[str]:
        """Tokenise text.

        Args:
            text: any text.

        Returns:
            Tokens; numbers and latin words are kept, whitespace and punctuation dropped.
        """
        text = unicodedata.normalize("NFKC", text).lower()
        return [t for t in self._jieba.lcut_for_search(text) if t.strip() and not _DROP.match(t)]


# ---------------------------------------------------------------- chroma


def _chroma_client(chroma_dir: Path | None, chroma_url: str | None):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if not chroma_url:
        return chromadb.PersistentClient(path=str(chroma_dir), settings=settings)
    url = urlparse(chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(f"chroma_url {chroma_url!r} is not an http(s)://host:port address; fix QZ_CHROMA_URL.")
    try:
        return chromadb.HttpClient(host=url.hostname, port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=settings)
    except Exception as exc:  # chromadb raises plain ValueError/ConnectError types here
        raise ConfigError(f"cannot reach Chroma at {chroma_url} ({type(exc).__name__}); "
                          f"start the server or unset QZ_CHROMA_URL.") from exc


def _collection_name(index_dir: Path, build_id: str, chroma_url: str | None) -> str:
    if not chroma_url:
        return LOCAL_COLLECTION
    # One server may hold indexes of several checkouts; the path hash keeps them apart.
    where = hashlib.sha1(str(index_dir.resolve()).encode()).hexdigest()[:8]
    return f"qzassist-{where}-{build_id}"


# ---------------------------------------------------------------- the loaded index


class Index:
    """A loaded index: chunks, BM25 and the Chroma collection, opened once.

    Attributes:
        manifest: what it was built from.
        chunks: chunk id -> Chunk, in index order.
    """

    def __init__(self, index_dir: Path, manifest: Manifest, chunks: list[Chunk], client, collection, bm25,
                 tokenizer: JiebaTokenizer):
        self.index_dir = index_dir
        self.manifest = manifest
        self.chunks: dict[str, Chunk] = {c.id: c for c in chunks}
        self._ids = [c.id for c in chunks]
        self._client = client
        self._collection = collection
        self._bm25 = bm25
        self._tokenize = tokenizer
        self._row = {cid: n for n, cid in enumerate(self._ids)}
        self._vectors: np.ndarray | None = None

    def tokenize(self, text: str) -> list[str]:
        """The BM25 tokens of a text, exactly as the index was built.

        Args:
            text: any text.

        Returns:
            The tokens.
        """
        return self._tokenize(text)

    def bm25_search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Keyword search.

        Args:
            query: the question or query text.
            k: how many hits at most.

        Returns:
            (chunk id, BM25 score) pairs, best first; only chunks sharing a token with the query.
        """
        token_ids = self._bm25.get_tokens_ids(query_tokens(self.tokenize(query)))
        if not token_ids or k <= 0:
            return []
        scores = self._bm25.get_scores_from_ids(token_ids)
        return _top_k(self._ids, scores, k)

    def dense_search(self, query_vec: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Vector search over the index's Chroma vectors (exact cosine; vectors are unit length).

        Args:
            query_vec: a unit query vector from the index's embedder.
            k: how many hits at most.

        Returns:
            (chunk id, cosine similarity) pairs, best first.
        """
        k = min(k, len(self._ids))
        if k <= 0:
            return []
        # Exact search over the vectors read from Chroma when the index was opened: a report has a
        # few hundred chunks, so this is faster than a round trip, and a replica keeps answering
        # through a Chroma server outage or a re-ingest that replaces the collection.
        if self._vectors is None:
            self._vectors = self._fetch_vectors()
        return _top_k(self._ids, self._vectors @ np.asarray(query_vec, dtype=np.float32), k, keep_all=True)

    def similarities(self, query_vec: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        """Exact cosine between a query and given chunks (e.g. ones only BM25 found).

        Args:
            query_vec: a unit query vector.
            ids: chunk ids in this index.

        Returns:
            chunk id -> cosine similarity.
        """
        if self._vectors is None:
            self._vectors = self._fetch_vectors()
        rows = [self._row[i] for i in ids]
        sims = self._vectors[rows] @ np.asarray(query_vec, dtype=np.float32)
        return {cid: float(s) for cid, s in zip(ids, sims)}

    def _fetch_vectors(self) -> np.ndarray:
        got = self._collection.get(ids=self._ids, include=["embeddings"])
        vectors = np.zeros((len(self._ids), self.manifest.dim), dtype=np.float32)
        for cid, vec in zip(got["ids"], got["embeddings"]):
            vectors[self._row[cid]] = vec
        return vectors

    def count_vectors(self) -> int:
        """How many vectors the Chroma collection holds.

        Returns:
            The count.
        """
        return int(self._collection.count())

    def close(self) -> None:
        """Release the Chroma client (needed before the folder is moved or rebuilt in-process)."""
        close = getattr(self._client, "close", None)
        if close is not None:
            close()


def _top_k(ids: list[str], scores: np.ndarray, k: int, keep_all: bool = False) -> list[tuple[str, float]]:
    """The k best (id, score) pairs; without ``keep_all`` only those scoring above zero (BM25 matches)."""
    k = min(k, len(ids))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(ids[i], float(scores[i])) for i in top if keep_all or scores[i] > 0]


# ---------------------------------------------------------------- reading and checking


def _not_found(index_dir: Path) -> IndexNotBuiltError:
    return IndexNotBuiltError(f"index/ not found at {index_dir}; run `qzassist ingest`.")


def _corrupt(index_dir: Path, what: str) -> IndexNotBuiltError:
    return IndexNotBuiltError(f"{index_dir} is incomplete or corrupt ({what}); {REBUILD}.")


def read_manifest(index_dir: Path) -> Manifest:
    """Read ``manifest.json``.

    Args:
        index_dir: the index folder.

    Returns:
        The Manifest.

    Raises:
        IndexNotBuiltError: the folder or manifest is missing or unreadable.
    """
    path = Path(index_dir) / MANIFEST
    if not path.is_file():
        raise _not_found(Path(index_dir))
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise _corrupt(Path(index_dir), f"{MANIFEST} is unreadable: {exc}") from exc


def _stale_reason(manifest: Manifest, embedder: str, dim: int | None, corpus_hash: str | None,
                  parser_version: str | None, chroma_url: str | None) -> str | None:
    checks = [
        (manifest.chroma_url or "local", chroma_url, "keeps its vectors in Chroma '{0}' but QZ_CHROMA_URL is '{1}'"),
        (manifest.embedder, embedder, "was built with embedder '{0}' but QZ_EMBEDDER is '{1}'"),
        (manifest.dim, dim, "holds {0}-dim vectors but the embedder gives {1}-dim ones"),
        (manifest.parser_version, parser_version, "was built with parser version '{0}' but this qzassist has '{1}'"),
        (manifest.corpus_hash, corpus_hash, "was built from corpus hash '{0}' but corpus/ now hashes to '{1}'"),
        (manifest.tokenizer, TOKENIZER_VERSION, "was built with tokenizer '{0}' but this qzassist uses '{1}'"),
    ]
    for built, now, template in checks:
        if now is not None and built != now:
            return template.format(built, now)
    return None


def check_fresh(index_dir: Path, manifest: Manifest, embedder: str, *, dim: int | None = None,
                corpus_hash: str | None = None, parser_version: str | None = None,
                chroma_url: str | None = None) -> None:
    """Raise if the index was built from another embedder, parser, corpus, tokenizer or Chroma server.

    Args:
        index_dir: the index folder (for the message).
        manifest: its manifest.
        embedder: the embedder name in use now.
        dim: the embedder's dimension now, if known.
        corpus_hash: the corpus hash now, or None to skip.
        parser_version: the parser version now, or None to skip.
        chroma_url: the Chroma server now, or None to use wherever the index was built.

    Raises:
        StaleIndexError: something differs; the message names both values.
    """
    reason = _stale_reason(manifest, embedder, dim, corpus_hash, parser_version, chroma_url)
    if reason:
        raise StaleIndexError(f"{index_dir} {reason}; {REBUILD}.")


def _read_chunks(index_dir: Path) -> list[Chunk]:
    try:
        lines = (index_dir / CHUNKS).read_text(encoding="utf-8").splitlines()
        return [Chunk(**json.loads(line)) for line in lines if line.strip()]
    except (OSError, ValueError, TypeError) as exc:
        raise _corrupt(index_dir, f"{CHUNKS} is unreadable: {exc}") from exc


def _read_terms(index_dir: Path) -> list[str]:
    try:
        return list(json.loads((index_dir / TERMS).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise _corrupt(index_dir, f"{TERMS} is unreadable: {exc}") from exc


def _load_bm25(index_dir: Path):
    import bm25s

    try:
        return bm25s.BM25.load(str(index_dir / BM25_DIR), show_progress=False)
    except (OSError, ValueError, KeyError) as exc:
        raise _corrupt(index_dir, f"{BM25_DIR}/ is unreadable: {exc}") from exc


def _open_collection(index_dir: Path, manifest: Manifest):
    url = manifest.chroma_url
    chroma_dir = index_dir / manifest.chroma_dir if manifest.chroma_dir else None
    if not url and (chroma_dir is None or not chroma_dir.is_dir()):
        raise _corrupt(index_dir, "the Chroma folder is missing")
    client = _chroma_client(chroma_dir, url)
    try:
        return client, client.get_collection(manifest.collection, embedding_function=None)
    except Exception as exc:  # chromadb raises NotFoundError/ValueError depending on backend
        raise _corrupt(index_dir, f"Chroma collection '{manifest.collection}' cannot be opened: {exc}") from exc


def _open(index_dir: Path, manifest: Manifest) -> Index:
    chunks = _read_chunks(index_dir)
    if len(chunks) != manifest.chunk_count:
        raise _corrupt(index_dir, f"{CHUNKS} has {len(chunks)} chunks, the manifest says {manifest.chunk_count}")
    tokenizer = JiebaTokenizer(_read_terms(index_dir))
    bm25 = _load_bm25(index_dir)
    client, collection = _open_collection(index_dir, manifest)
    index = Index(index_dir, manifest, chunks, client, collection, bm25, tokenizer)
    if index.count_vectors() != len(chunks):
        index.close()
        raise _corrupt(index_dir, f"Chroma holds {index.count_vectors()} vectors for {len(chunks)} chunks")
    index._vectors = index._fetch_vectors()  # read once; searches are then local (see dense_search)
    return index


def load_index(index_dir: Path, *, embedder: Embedder, corpus_hash: str | None = None,
               parser_version: str | None = None, chroma_url: str | None = None) -> Index:
    """Open a built index for searching.

    Args:
        index_dir: the index folder.
        embedder: the embedder queries will use; must be the one the index was built with.
        corpus_hash: the current corpus hash, or None to skip that check.
        parser_version: the current parser version, or None to skip that check.
        chroma_url: a Chroma server address; None uses wherever the index was built.

    Returns:
        The Index.

    Raises:
        IndexNotBuiltError: missing, partial or corrupt.
        StaleIndexError: built from another embedder, parser, corpus, tokenizer or Chroma server.
        ConfigError: the Chroma server cannot be reached.
    """
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    check_fresh(index_dir, manifest, embedder.name, dim=embedder.dim, corpus_hash=corpus_hash,
                parser_version=parser_version, chroma_url=chroma_url)
    return _open(index_dir, manifest)


def index_status(index_dir: Path, embedder_name: str, corpus_hash: str | None, parser_version: str | None,
                 chroma_url: str | None = None) -> str:
    """Whether an ingest is needed, without loading any model.

    Args:
        index_dir: the index folder.
        embedder_name: the embedder that would be used.
        corpus_hash: the current corpus hash.
        parser_version: the current parser version.
        chroma_url: a Chroma server address, or None for wherever the index was built.

    Returns:
        ``"ok"``, ``"missing"``, ``"stale: <reason>"`` or ``"corrupt: <reason>"``.

    Raises:
        ConfigError: the Chroma server cannot be reached (that is no reason to rebuild).
    """
    index_dir = Path(index_dir)
    if not (index_dir / MANIFEST).is_file():
        return "missing"
    try:
        manifest = read_manifest(index_dir)
        check_fresh(index_dir, manifest, embedder_name, corpus_hash=corpus_hash, parser_version=parser_version,
                    chroma_url=chroma_url)
        _open(index_dir, manifest).close()
    except StaleIndexError as exc:
        return f"stale: {exc}"
    except IndexNotBuiltError as exc:
        return f"corrupt: {exc}"
    return "ok"


# ---------------------------------------------------------------- building


@contextmanager
def index_lock(index_dir: Path) -> Iterator[Path]:
    """Hold ``<index_dir>.lock`` (e.g. ``index.lock``) for one ingest at a time.

    Args:
        index_dir: the index folder.

    Yields:
        The lock file path.

    Raises:
        IndexLockedError: another process holds the lock.
    """
    lock_path = index_dir.with_name(index_dir.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexLockedError(
                f"another ingest is building {index_dir} (it holds {lock_path}); wait for it to finish and try again.") from exc
        try:
            yield lock_path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _check_chunks(chunks: list[Chunk]) -> None:
    if not chunks:
        raise CorpusError("there are no chunks to index; check that corpus/ holds the report.")
    seen: set[str] = set()
    for chunk in chunks:
        if chunk.id in seen:
            raise CorpusError(f"chunk id '{chunk.id}' occurs twice; chunk ids must be unique within an index.")
        seen.add(chunk.id)


def _write_store(folder: Path, chunks: list[Chunk], terms: Sequence[str]) -> None:
    lines = (json.dumps(asdict(c), ensure_ascii=False) for c in chunks)
    (folder / CHUNKS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / TERMS).write_text(json.dumps(sorted(set(terms)), ensure_ascii=False), encoding="utf-8")


def _write_bm25(folder: Path, chunks: list[Chunk], terms: Sequence[str]) -> None:
    import bm25s

    tokenize = JiebaTokenizer(terms)
    bm25 = bm25s.BM25()
    # an empty token list would break bm25s; such a chunk simply never matches
    bm25.index([tokenize(c.text) or [""] for c in chunks], show_progress=False)
    bm25.save(str(folder / BM25_DIR), show_progress=False)


def _write_vectors(collection, chunks: list[Chunk], embedder: Embedder, progress: Progress | None) -> None:
    total = len(chunks)
    if progress:
        progress(0, total)
    for start in range(0, total, BATCH):
        batch = chunks[start:start + BATCH]
        vectors = embedder.embed_documents([c.text for c in batch])
        collection.add(ids=[c.id for c in batch], embeddings=vectors, documents=[c.text for c in batch],
                       metadatas=[c.metadata() for c in batch])
        if progress:
            progress(min(start + BATCH, total), total)


def _create_collection(client, name: str):
    # embedding_function=None keeps Chroma from loading (and downloading) its default model.
    return client.create_collection(name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                                    metadata={"app": "qzassist"})


def _self_check(index: Index, chunks: list[Chunk], embedder: Embedder) -> None:
    if index.count_vectors() != len(chunks):
        raise _corrupt(index.index_dir, f"Chroma holds {index.count_vectors()} vectors for {len(chunks)} chunks")
    for probe in _probes(chunks):
        if not index.bm25_search(probe.text, 5):
            raise _corrupt(index.index_dir, f"BM25 finds nothing for chunk '{probe.id}'")
        found = [cid for cid, _ in index.dense_search(embedder.embed_query(probe.text), 5)]
        if probe.id not in found:
            raise _corrupt(index.index_dir, f"dense search for chunk '{probe.id}' does not return it")


def _probes(chunks: list[Chunk]) -> list[Chunk]:
    """The first row of every table; the first chunk when there are no tables."""
    firsts: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.kind == "row":
            firsts.setdefault(chunk.table, chunk)
    return list(firsts.values()) or chunks[:1]


def _build_id() -> str:
    return f"{os.getpid()}-{time.time_ns() // 1_000_000}"


def _manifest(chunks, embedder, corpus_hash, parser_version, chroma_url, collection, chroma_dir) -> Manifest:
    return Manifest(corpus_hash=corpus_hash, embedder=embedder.name, dim=int(embedder.dim),
                    parser_version=parser_version, chunk_count=len(chunks),
                    built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    qzassist_version=__version__, chroma_url=chroma_url, collection=collection,
                    chroma_dir=chroma_dir)


def _build_into(folder: Path, chunks: list[Chunk], embedder: Embedder, manifest: Manifest,
                terms: Sequence[str], progress: Progress | None) -> None:
    _write_store(folder, chunks, terms)
    _write_bm25(folder, chunks, terms)
    client = _chroma_client(folder / manifest.chroma_dir if manifest.chroma_dir else None, manifest.chroma_url)
    try:
        _write_vectors(_create_collection(client, manifest.collection), chunks, embedder, progress)
    finally:
        client.close()
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    index = _open(folder, manifest)
    try:
        _self_check(index, chunks, embedder)
    finally:
        index.close()


def _siblings(index_dir: Path, kind: str) -> list[Path]:
    return sorted(index_dir.parent.glob(f"{index_dir.name}.{kind}-*"))


def _recover(index_dir: Path) -> None:
    """Under the lock: finish a swap a crash interrupted, and drop leftovers of failed builds."""
    old = _siblings(index_dir, "old")
    if not index_dir.exists() and old:
        old[-1].rename(index_dir)
    for leftover in _siblings(index_dir, "old") + _siblings(index_dir, "tmp"):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(new: Path, index_dir: Path) -> Manifest | None:
    """Replace index_dir by new; returns the replaced index's manifest, if it had a readable one."""
    previous = None
    aside = None
    if index_dir.exists():
        try:
            previous = read_manifest(index_dir)
        except IndexNotBuiltError:
            previous = None
        aside = index_dir.with_name(f"{index_dir.name}.old-{_build_id()}")
        index_dir.rename(aside)
    try:
        new.rename(index_dir)
    except OSError:
        if aside is not None:
            aside.rename(index_dir)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return previous


def _drop_collection(manifest: Manifest | None, keep: str) -> None:
    """Delete a server-side collection no index uses any more (best effort, never raises)."""
    if manifest is None or not manifest.chroma_url or manifest.collection == keep:
        return
    try:
        _chroma_client(None, manifest.chroma_url).delete_collection(manifest.collection)
    except Exception:  # a missing collection or an unreachable server must not mask the real outcome
        pass


def build_index(chunks: list[Chunk], *, index_dir: Path, embedder: Embedder, corpus_hash: str,
                parser_version: str, terms: Sequence[str] = (), chroma_url: str | None = None,
                progress: Progress | None = None) -> Manifest:
    """Build an index from chunks and swap it in only once it is complete and self-checked.

    Args:
        chunks: the chunks to index, in report order (ids must be unique).
        index_dir: where the index lives (replaced atomically).
        embedder: the embedder for the vectors.
        corpus_hash: identifies the corpus the chunks came from.
        parser_version: identifies the parser/chunker that produced them.
        terms: words jieba must keep whole (section titles, table indicators, names).
        chroma_url: a Chroma server (``http://host:port``); None keeps Chroma in index_dir.
        progress: called with (chunks embedded, total) while embedding.

    Returns:
        The new index's Manifest.

    Raises:
        IndexLockedError: another ingest is running.
        CorpusError: no chunks, or duplicate chunk ids.
        IndexNotBuiltError: the new index failed its self-check (the old one is untouched).
    """
    _check_chunks(chunks)
    index_dir = Path(index_dir)
    with index_lock(index_dir):
        _recover(index_dir)
        return _build_locked(list(chunks), index_dir, embedder, corpus_hash, parser_version, terms,
                             chroma_url, progress)


def _build_locked(chunks, index_dir, embedder, corpus_hash, parser_version, terms, chroma_url, progress):
    build_id = _build_id()
    collection = _collection_name(index_dir, build_id, chroma_url)
    manifest = _manifest(chunks, embedder, corpus_hash, parser_version, chroma_url, collection,
                         "" if chroma_url else f"chroma-{build_id}")
    tmp = index_dir.with_name(f"{index_dir.name}.tmp-{build_id}")
    tmp.mkdir(parents=True)
    try:
        _build_into(tmp, chunks, embedder, manifest, terms, progress)
        previous = _swap_in(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        _drop_collection(manifest, keep="")
        raise
    _drop_collection(previous, keep=collection)
    return manifest


def pos_tagger(terms: Sequence[str] = ()) -> Callable[[str], list[tuple[str, str]]]:
    """Part-of-speech tagging over the same jieba tokenizer, so its dictionary is loaded once.

    Args:
        terms: the domain terms the tokenizer was built with.

    Returns:
        A function text -> [(word, tag)] with jieba's tags (``n`` nouns, ``v`` verbs, ``m`` numerals…).
    """
    tagger = _pos_with_terms(_normalise_terms(terms))
    return lambda text: [(p.word, p.flag) for p in tagger.lcut(text)]


@lru_cache(maxsize=4)
def _pos_with_terms(terms: tuple[str, ...]):
    """One tagger per tokenizer: jieba hands the report terms' tags to the first tagger made over a
    tokenizer and clears them, so a second one would tag those terms "x" again."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_jieba_with_terms(terms))


def dictionary_words(terms: Sequence[str] = ()) -> Callable[[str], bool]:
    """Whether jieba's dictionary (with the report's terms) has a word.

    A word it lacks was coined by jieba's HMM from characters it could not place ("平台上建的" -> 上建),
    so it is a cut of the sentence, not a word the person used.

    Args:
        terms: the domain terms the tokenizer was built with.

    Returns:
        A function word -> bool.
    """
    tokenizer = _jieba_with_terms(_normalise_terms(terms))
    return lambda word: tokenizer.FREQ.get(word, 0) > 0


def query_tokens(tokens: list[str]) -> list[str]:
    """Drop the words that make a question a question (多少, 哪些, 学校) and lone characters.

    Kept in a document they are harmless; in a query they outweigh the one word that matters
    ("学校有哪些学制" must match 学制, not every sentence that says 学校有).

    Args:
        tokens: the query's BM25 tokens.

    Returns:
        The subject tokens, or all tokens when none would remain.
    """
    from .match import STOPWORDS

    kept = [t for t in tokens if t not in STOPWORDS and not (len(t) == 1 and not t.isascii())]
    return kept or tokens


def word_cutter(terms: Sequence[str] = (), finest: bool = False) -> Callable[[str], list[str]]:
    """Jieba word segmentation with the report's terms, shared with BM25's tokenizer.

    Args:
        terms: domain terms for the user dictionary.
        finest: cut to the smallest dictionary words (search mode, dropping words that contain
            another word found), e.g. for matching long table labels part by part.

    Returns:
        A function text -> words (NFKC, lowercased).
    """
    tokenizer = _jieba_with_terms(_normalise_terms(terms))
    if not finest:
        return lambda text: tokenizer.lcut(unicodedata.normalize("NFKC", text).lower())

    def cut(text: str) -> list[str]:
        words = [w for w in tokenizer.lcut_for_search(unicodedata.normalize("NFKC", text).lower()) if w.strip()]
        return [w for w in words if not any(o != w and len(o) > 1 and o in w for o in words)]

    return cut
