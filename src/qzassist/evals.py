"""The Q&A suite runner and its report.

    items = load_suite(SUITE_PATH, split="dev")          # validated EvalItems
    summary = evaluate(items, Assistant.load(), label="hybrid")
    write_report([summary], out_dir, meta)                # report.json + report.html

Scoring rules (one place): an answer is right when it does not refuse and every ``answer_facts``
string and one alternative of every ``any_of`` group occur in its text with all whitespace removed;
a refusal item is right when the answer refused. A citation is right when some cited section lies
under some gold section (``report.section_covers``); refusal items and items without gold sections
are not scored for citations or retrieval. Retrieval ranks the chunks in ``Answer.hits``.
``run_cli`` is the ``qzassist eval`` edge: it is the only function here that prints.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import math
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path

from .config import PROJECT_ROOT, Settings
from .errors import ConfigError, QzAssistError, UnknownBackendError
from .report import section_covers
from .schema import Answer

SUITE_PATH = PROJECT_ROOT / "evals" / "questions.jsonl"
REPORTS_DIR = PROJECT_ROOT / "evals" / "reports"
TYPES = ("figure", "fact", "list", "compare", "table_cell", "multi_hop", "unanswerable", "followup")
PERSONAS = ("parent", "visitor", "staff")
LANGS = ("zh", "en")
SPLITS = ("dev", "test")
RECALL_AT = 5
ANSWERABLE = "answerable"
REQUIRED_KEYS = {"id", "persona", "type", "lang", "answer_facts", "any_of", "gold_sections",
                 "expect_refusal", "split"}
OPTIONAL_KEYS = {"question", "turns", "note"}

Progress = Callable[[str, int, int], None]


class EvalSuiteError(QzAssistError):
    """The question suite is missing or holds a malformed item."""


# ---------------------------------------------------------------- the suite
@dataclass(frozen=True)
class EvalItem:
    """One suite item. Single questions have one turn; follow-ups have two or three.

    Attributes:
        id: unique id (``q001``).
        turns: the user's turns in order; only the answer to the last is scored.
        persona: ``parent``, ``visitor`` or ``staff``.
        type: one of ``TYPES``.
        lang: ``zh`` or ``en``.
        answer_facts: strings the answer must all contain.
        any_of: groups of which the answer must contain at least one alternative each.
        gold_sections: section ids where the answer is found (any one is acceptable).
        expect_refusal: True when the report does not answer the question.
        split: ``dev`` or ``test``.
        note: which measure the item means, when the report is ambiguous.
        line: the 1-based line of the suite file the item came from.
    """

    id: str
    turns: tuple[str, ...]
    persona: str
    type: str
    lang: str
    answer_facts: tuple[str, ...]
    any_of: tuple[tuple[str, ...], ...]
    gold_sections: tuple[str, ...]
    expect_refusal: bool
    split: str
    note: str = ""
    line: int = 0

    @property
    def question(self) -> str:
        """The scored (last) turn."""
        return self.turns[-1]


def load_suite(path: Path | str = SUITE_PATH, split: str = "all") -> list[EvalItem]:
    """Read and validate a questions .jsonl file.

    Args:
        path: the suite file (one JSON object per line; blank lines are skipped).
        split: ``dev``, ``test`` or ``all``.

    Returns:
        The items of that split, in file order.

    Raises:
        EvalSuiteError: the file is missing, an item is malformed (the message names its line), or the
            split is empty.
    """
    path = Path(path)
    if split not in (*SPLITS, "all"):
        raise EvalSuiteError(f"unknown split '{split}'; use dev, test or all.")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalSuiteError(f"cannot read the question suite {path} ({exc}); pass --questions FILE.") from exc
    items = [item for item in parse_suite(lines, str(path)) if split == "all" or item.split == split]
    if not items:
        raise EvalSuiteError(f"{path} has no {split} items; pass --split all or another --questions file.")
    return items


def parse_suite(lines: Iterable[str], source: str = "<suite>") -> list[EvalItem]:
    """Validate suite lines and turn them into items.

    Args:
        lines: the file's lines.
        source: the file name used in error messages.

    Returns:
        Every item, in order.

    Raises:
        EvalSuiteError: on the first malformed item, naming ``source:line``.
    """
    items: list[EvalItem] = []
    seen: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            item = parse_item(_json_object(text), number)
        except ValueError as exc:
            raise EvalSuiteError(f"{source}:{number}: {exc}; fix that line.") from exc
        if item.id in seen:
            raise EvalSuiteError(f"{source}:{number}: id '{item.id}' is already used on line {seen[item.id]}; "
                                 "give it a unique id.")
        seen[item.id] = number
        items.append(item)
    if not items:
        raise EvalSuiteError(f"{source} holds no questions; add items or pass another --questions file.")
    return items


def _json_object(text: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise ValueError("an item must be a JSON object")
    return data


def parse_item(data: dict, line: int = 0) -> EvalItem:
    """Check one decoded item against the suite schema (evals/README.md).

    Args:
        data: the decoded JSON object.
        line: its line number, kept on the item.

    Returns:
        The EvalItem.

    Raises:
        ValueError: naming the first field that is wrong.
    """
    _check_keys(data)
    turns = _turns(data)
    for key, allowed in (("persona", PERSONAS), ("type", TYPES), ("lang", LANGS), ("split", SPLITS)):
        if data[key] not in allowed:
            raise ValueError(f"{key} is {data[key]!r} but must be one of {', '.join(allowed)}")
    facts = _strings(data, "answer_facts")
    groups = _groups(data["any_of"])
    _check_refusal(data, facts, groups)
    note = data.get("note", "")
    if not isinstance(note, str):
        raise ValueError("note must be a string")
    return EvalItem(id=data["id"], turns=turns, persona=data["persona"], type=data["type"], lang=data["lang"],
                    answer_facts=facts, any_of=groups, gold_sections=_strings(data, "gold_sections"),
                    expect_refusal=data["expect_refusal"], split=data["split"], note=note, line=line)


def _check_keys(data: dict) -> None:
    missing = sorted(REQUIRED_KEYS - set(data))
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(data) - REQUIRED_KEYS - OPTIONAL_KEYS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}")
    if not isinstance(data["id"], str) or not data["id"].strip():
        raise ValueError("id must be a non-empty string")


def _turns(data: dict) -> tuple[str, ...]:
    if ("question" in data) == ("turns" in data):
        raise ValueError("give exactly one of question and turns")
    if "question" in data:
        if data["type"] == "followup":
            raise ValueError("a followup item needs turns, not question")
        return (_text(data["question"], "question"),)
    turns = data["turns"]
    if data["type"] != "followup" or not isinstance(turns, list) or not 2 <= len(turns) <= 3:
        raise ValueError("turns must be a list of 2-3 questions, on followup items only")
    return tuple(_text(t, "every turn") for t in turns)


def _text(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
    return value


def _strings(data: dict, key: str) -> tuple[str, ...]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise ValueError(f"{key} must be a list of non-empty strings")
    return tuple(value)


def _groups(value) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not all(isinstance(g, list) and g for g in value):
        raise ValueError("any_of must be a list of non-empty lists of strings")
    return tuple(_strings({"any_of group": g}, "any_of group") for g in value)


def _check_refusal(data: dict, facts: tuple, groups: tuple) -> None:
    refusal = data["expect_refusal"]
    if not isinstance(refusal, bool):
        raise ValueError("expect_refusal must be true or false")
    if refusal != (data["type"] == "unanswerable"):
        raise ValueError("expect_refusal must be true exactly on unanswerable items")
    if refusal and (facts or groups):
        raise ValueError("a refusal item must have empty answer_facts and any_of")
    if not refusal and not (facts or groups):
        # an answerable item with nothing to check would pass any answer, even a refusal
        raise ValueError("an answerable item needs answer_facts or any_of")


# ---------------------------------------------------------------- scoring
@dataclass
class ItemResult:
    """How one item went.

    Attributes:
        item: the suite item.
        answer: the text of the scored (last) answer.
        refused: whether that answer refused.
        cited: section ids it cited, in order.
        hit_sections: the section of every retrieved chunk, in rank order.
        latencies: wall seconds of each ``ask`` call (one per turn).
        answer_correct: facts present and not refused (for refusal items: refused).
        citation_correct: a cited section lies under a gold section; None when not scored.
        gold_rank: 1-based rank of the first retrieved chunk under a gold section; None if none.
        missing: the facts and ``any_of`` groups (``a | b``) the answer lacks.
        error: the error message when ``ask`` raised.
    """

    item: EvalItem
    answer: str
    refused: bool
    cited: list[str]
    hit_sections: list[str]
    latencies: list[float]
    answer_correct: bool
    citation_correct: bool | None
    gold_rank: int | None
    missing: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def retrieval_scored(self) -> bool:
        """Whether retrieval is scored: answerable items with gold sections."""
        return not self.item.expect_refusal and bool(self.item.gold_sections)

    @property
    def hit_at_k(self) -> bool | None:
        """Whether a gold section is among the first ``RECALL_AT`` chunks; None when not scored."""
        if not self.retrieval_scored:
            return None
        return self.gold_rank is not None and self.gold_rank <= RECALL_AT

    @property
    def reciprocal_rank(self) -> float | None:
        """1 / ``gold_rank`` (0.0 when not found); None when not scored."""
        if not self.retrieval_scored:
            return None
        return 1.0 / self.gold_rank if self.gold_rank else 0.0

    @property
    def failed(self) -> bool:
        """Wrong answer or wrong citation."""
        return not self.answer_correct or self.citation_correct is False


def strip_space(text: str) -> str:
    """Text with all whitespace (including the ideographic space) removed.

    Args:
        text: any text.

    Returns:
        The text without whitespace.
    """
    return re.sub(r"\s+", "", text)


def missing_facts(item: EvalItem, text: str) -> list[str]:
    """The facts and ``any_of`` groups an answer text lacks.

    Args:
        item: the suite item.
        text: the answer text.

    Returns:
        Missing facts, then unsatisfied groups written ``a | b``; empty when the answer has them all.
    """
    flat = strip_space(text)
    missing = [fact for fact in item.answer_facts if strip_space(fact) not in flat]
    for group in item.any_of:
        if not any(strip_space(alt) in flat for alt in group):
            missing.append(" | ".join(group))
    return missing


def citation_correct(item: EvalItem, cited: Iterable[str]) -> bool | None:
    """Whether some cited section lies under some gold section.

    Args:
        item: the suite item.
        cited: the section ids the answer cited.

    Returns:
        The verdict, or None for refusal items and items without gold sections.
    """
    if item.expect_refusal or not item.gold_sections:
        return None
    return any(section_covers(gold, c) for gold in item.gold_sections for c in cited)


def gold_rank(item: EvalItem, hit_sections: list[str]) -> int | None:
    """The 1-based rank of the first retrieved chunk that lies under a gold section.

    Args:
        item: the suite item.
        hit_sections: sections of the retrieved chunks in rank order.

    Returns:
        The rank, or None when no chunk is under a gold section.
    """
    for rank, section in enumerate(hit_sections, start=1):
        if any(section_covers(gold, section) for gold in item.gold_sections):
            return rank
    return None


def score(item: EvalItem, answer, latencies: list[float], error: str = "") -> ItemResult:
    """Score the last answer of an item. On answerable items a refused answer is wrong even if it contains the facts.

    Args:
        item: the suite item.
        answer: the Answer to its last turn (``text``, ``refused``, ``citations``, ``hits``).
        latencies: wall seconds of each ``ask``.
        error: the message when ``ask`` raised (the answer is then empty).

    Returns:
        The ItemResult.
    """
    cited = [c.section for c in answer.citations]
    hits = [h.chunk.section for h in answer.hits]
    missing = [] if item.expect_refusal else missing_facts(item, answer.text)
    # a refusal that quotes the closest passage can contain the facts, but it tells the person
    # the report does not say; it is not a right answer
    correct = answer.refused if item.expect_refusal else not (missing or answer.refused)
    return ItemResult(item=item, answer=answer.text, refused=answer.refused, cited=cited, hit_sections=hits,
                      latencies=latencies, answer_correct=bool(correct) and not error,
                      citation_correct=citation_correct(item, cited), gold_rank=gold_rank(item, hits),
                      missing=missing, error=error)


# ---------------------------------------------------------------- running
def ask_item(assistant, item: EvalItem) -> tuple[Answer, list[float]]:
    """Ask every turn of an item in order, passing the growing history.

    Args:
        assistant: anything with ``ask(question, history)`` returning an Answer.
        item: the suite item.

    Returns:
        The last Answer and the wall seconds of each ``ask``.
    """
    history: list[tuple[str, str]] = []
    latencies: list[float] = []
    answer = None
    for turn in item.turns:
        started = time.perf_counter()
        answer = assistant.ask(turn, list(history))
        latencies.append(time.perf_counter() - started)
        history.append((turn, answer.text))
    return answer, latencies


def run_item(assistant, item: EvalItem) -> ItemResult:
    """Ask and score one item; an error the core raises on purpose fails the item instead of the run.

    Args:
        assistant: anything with ``ask(question, history)``.
        item: the suite item.

    Returns:
        The ItemResult.
    """
    try:
        answer, latencies = ask_item(assistant, item)
    except QzAssistError as exc:
        return score(item, Answer(text=""), [], error=str(exc))
    return score(item, answer, latencies)


def run_suite(assistant, items: list[EvalItem], progress: Progress | None = None,
              stage: str = "eval") -> list[ItemResult]:
    """Run every item through the assistant, one after another (so latencies are not shared).

    Args:
        assistant: anything with ``ask(question, history)``.
        items: the suite items.
        progress: called as ``progress(stage, done, total)`` after each item.
        stage: the name passed to ``progress``.

    Returns:
        One ItemResult per item, in order.
    """
    results = []
    for done, item in enumerate(items, start=1):
        results.append(run_item(assistant, item))
        if progress:
            progress(stage, done, len(items))
    return results


# ---------------------------------------------------------------- summaries
@dataclass
class TypeStats:
    """Scores of one question type (or ``all``). Rates are fractions; None means not scored."""

    type: str
    n: int
    answer_acc: float | None
    citation_acc: float | None
    recall_at_5: float | None
    mrr: float | None


@dataclass
class Summary:
    """The scores of one configuration over a suite.

    Attributes:
        label: the configuration's name in tables (``bm25``).
        settings: the backend names it ran with.
        n: items run; ``n_answerable`` and ``n_refusal`` split them by ``expect_refusal``.
        answer_accuracy: over answerable items.
        citation_accuracy: over answerable items with gold sections.
        refusal_precision: of the answers that refused, the share that should have.
        refusal_recall: of the refusal items, the share refused.
        false_refusal_rate: the share of answerable items refused.
        recall_at_5: the share of answerable items with a gold chunk in the first 5 hits.
        mrr: mean reciprocal rank of the first gold chunk.
        latency_p50: median seconds per ``ask`` call; ``latency_p95`` the 95th percentile.
        median_answer_chars: median length of the scored answers.
        per_type: one TypeStats per question type present, in ``TYPES`` order.
        results: every ItemResult.
    """

    label: str
    settings: dict[str, str]
    n: int
    n_answerable: int
    n_refusal: int
    answer_accuracy: float | None
    citation_accuracy: float | None
    refusal_precision: float | None
    refusal_recall: float | None
    false_refusal_rate: float | None
    recall_at_5: float | None
    mrr: float | None
    latency_p50: float | None
    latency_p95: float | None
    median_answer_chars: float | None
    per_type: list[TypeStats]
    results: list[ItemResult] = field(repr=False)

    def metrics(self) -> dict:
        """The headline numbers as a JSON-ready dict (no per-item results).

        Returns:
            label, settings, counts, rates, latencies and per-type stats.
        """
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("results", "per_type")}
        data["per_type"] = [asdict(t) for t in self.per_type]
        return data


def summarize(results: list[ItemResult], label: str = "default", settings: dict | None = None) -> Summary:
    """Aggregate item results into the suite's metrics.

    Args:
        results: the ItemResults of one configuration.
        label: the configuration's name.
        settings: the backend names it ran with.

    Returns:
        The Summary.
    """
    answerable = [r for r in results if not r.item.expect_refusal]
    latencies = [s for r in results for s in r.latencies]
    precision, recall = refusal_scores(results)
    return Summary(
        label=label, settings=dict(settings or {}), n=len(results), n_answerable=len(answerable),
        n_refusal=len(results) - len(answerable),
        answer_accuracy=_mean(r.answer_correct for r in answerable),
        citation_accuracy=_mean(r.citation_correct for r in answerable),
        refusal_precision=precision, refusal_recall=recall,
        false_refusal_rate=_mean(r.refused for r in answerable),
        recall_at_5=_mean(r.hit_at_k for r in answerable), mrr=_mean(r.reciprocal_rank for r in answerable),
        latency_p50=percentile(latencies, 50), latency_p95=percentile(latencies, 95),
        median_answer_chars=statistics.median(len(r.answer) for r in results) if results else None,
        per_type=type_stats(results), results=results)


def refusal_scores(results: list[ItemResult]) -> tuple[float | None, float | None]:
    """Refusal precision and recall, with "refused" as the positive class.

    Args:
        results: item results.

    Returns:
        (precision, recall); each None when its denominator is zero.
    """
    true_pos = sum(r.refused and r.item.expect_refusal for r in results)
    predicted = sum(r.refused for r in results)
    actual = sum(r.item.expect_refusal for r in results)
    return (true_pos / predicted if predicted else None, true_pos / actual if actual else None)


def type_stats(results: list[ItemResult]) -> list[TypeStats]:
    """Per-type scores. For ``unanswerable`` the answer accuracy is the share refused.

    Args:
        results: item results.

    Returns:
        One TypeStats per type present (in ``TYPES`` order), then ``answerable``: all answerable
        items together, whose numbers equal the Summary's overall answer, citation and retrieval scores.
    """
    groups = {t: [r for r in results if r.item.type == t] for t in TYPES}
    rows = [_stats(t, rs) for t, rs in groups.items() if rs]
    return rows + [_stats(ANSWERABLE, [r for r in results if not r.item.expect_refusal])]


def _stats(name: str, results: list[ItemResult]) -> TypeStats:
    return TypeStats(type=name, n=len(results), answer_acc=_mean(r.answer_correct for r in results),
                     citation_acc=_mean(r.citation_correct for r in results),
                     recall_at_5=_mean(r.hit_at_k for r in results),
                     mrr=_mean(r.reciprocal_rank for r in results))


def _mean(values: Iterable) -> float | None:
    """Mean of the values that are not None (bools count as 0/1); None when there are none."""
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def percentile(values: list[float], pct: float) -> float | None:
    """A percentile with linear interpolation between closest ranks.

    Args:
        values: samples.
        pct: 0-100.

    Returns:
        The percentile, or None for no samples.
    """
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * pct / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


# ---------------------------------------------------------------- configurations
@dataclass(frozen=True)
class EvalConfig:
    """One configuration to evaluate: backend names, the index folder it needs, and its label."""

    retriever: str
    embedder: str
    answerer: str
    index_dir: Path | None = None
    label: str = ""

    def settings(self) -> dict[str, str]:
        """The backend names, for reports."""
        return {"retriever": self.retriever, "embedder": self.embedder, "answerer": self.answerer}


def plan_configs(base: Settings, retrievers: list[str] | None = None, embedders: list[str] | None = None,
                 answerers: list[str] | None = None, compare: bool = False) -> list[EvalConfig]:
    """The configurations to run: every combination of the given names, defaults from ``base``.

    Configurations that differ only in retriever or answerer share an index; each other embedder
    gets its own folder beside ``base.index_dir`` (``index-st-all-MiniLM-L6-v2``).

    Args:
        base: the settings the run starts from.
        retrievers: retriever names, or None for ``base.retriever``.
        embedders: embedder names, or None for ``base.embedder``.
        answerers: answerer names, or None for ``base.answerer``.
        compare: whether several configurations are wanted.

    Returns:
        The configurations, grouped by embedder so each index is opened once.

    Raises:
        ConfigError: several names were given without ``compare``.
    """
    axes = [_unique(names or [default]) for names, default in
            ((embedders, base.embedder), (retrievers, base.retriever), (answerers, base.answerer))]
    if not compare and any(len(a) > 1 for a in axes):
        raise ConfigError("several --retriever/--embedder/--answerer values need --compare; add it or give one each.")
    varying = [len(a) > 1 for a in axes]
    configs = []
    for embedder, retriever, answerer in itertools.product(*axes):
        names = (short_name(embedder), retriever, answerer)
        label = "/".join(n for n, v in zip(names, varying) if v) or "/".join((retriever, names[0], answerer))
        if label in {c.label for c in configs}:
            label = f"{label} #{len(configs) + 1}"
        configs.append(EvalConfig(retriever=retriever, embedder=embedder, answerer=answerer,
                                  index_dir=_index_dir_for(base, embedder), label=label))
    return configs


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names))


def short_name(embedder: str) -> str:
    """An embedder name fit for a column header: ``st:/models/all-MiniLM-L6-v2`` -> ``st:all-MiniLM-L6-v2``.

    Args:
        embedder: an embed.py name.

    Returns:
        The name with any folder path dropped.
    """
    prefix, sep, rest = embedder.partition(":")
    return f"{prefix}:{Path(rest).name}" if sep and "/" in rest else embedder


def _index_dir_for(base: Settings, embedder: str) -> Path | None:
    if embedder == base.embedder:
        return None
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", short_name(embedder)).strip("-")
    if short_name(embedder) != embedder:
        # two model folders with the same name must not share (and keep rebuilding) one index
        slug += "-" + hashlib.sha1(embedder.encode()).hexdigest()[:8]
    return Path(f"{base.index_dir}-{slug}")


def load_assistant(config: EvalConfig, progress: Progress | None = None):
    """Load an Assistant for a configuration (building its index if missing).

    Args:
        config: the configuration.
        progress: index build progress.

    Returns:
        The Assistant.

    Raises:
        UnknownBackendError: a backend name is not registered, or the core built another answerer.
    """
    from .assistant import Assistant

    # via Settings: Assistant.load's own `embedder` keyword takes an instance, not a name
    settings = Settings.load(retriever=config.retriever, embedder=config.embedder, answerer=config.answerer,
                             index_dir=config.index_dir)
    assistant = Assistant.load(settings, progress=progress)
    built = type(getattr(assistant, "answerer", None)).__name__
    # Assistant.load does not consult settings.answerer yet; without this check a run asked for
    # `--answerer llm` would silently score the extractive composer under the label "llm".
    if config.answerer.replace("-", "").lower() not in built.lower():
        raise UnknownBackendError(f"answerer '{config.answerer}' was requested but Assistant.load built {built}; "
                                  "the core does not provide that answerer yet, so use --answerer extractive.")
    return assistant


def evaluate(items: list[EvalItem], assistant, label: str = "default", settings: dict | None = None,
             progress: Progress | None = None) -> Summary:
    """Run and summarize one configuration.

    Args:
        items: the suite items.
        assistant: anything with ``ask(question, history)``.
        label: the configuration's name.
        settings: its backend names.
        progress: per-item progress, staged by ``label``.

    Returns:
        The Summary.
    """
    return summarize(run_suite(assistant, items, progress, stage=label), label, settings)


def evaluate_configs(items: list[EvalItem], configs: list[EvalConfig], progress: Progress | None = None,
                     load: Callable | None = None) -> list[Summary]:
    """Run every configuration over the same items, after one unscored warm-up ask each.

    Args:
        items: the suite items.
        configs: from ``plan_configs``.
        progress: index-build and per-item progress.
        load: ``load(config, progress)`` -> assistant; ``load_assistant`` when None.

    Returns:
        One Summary per configuration, in order.
    """
    load = load or load_assistant
    summaries = []
    for config in configs:
        assistant = load(config, progress)
        if items:
            # unscored: lazy model set-up on the first call would otherwise land in one item's latency
            assistant.ask(items[0].turns[0], [])
        summaries.append(evaluate(items, assistant, config.label, config.settings(), progress))
    return summaries


def check_bars(summary: Summary, min_answer: float | None = None, min_citation: float | None = None,
               min_refusal: float | None = None) -> list[str]:
    """The quality bars a summary falls below.

    ``min_refusal`` applies to refusal precision and recall both. A metric that cannot be
    measured on the items run (None) fails its bar, since the bar cannot be shown to hold.

    Args:
        summary: one configuration's scores.
        min_answer: lowest acceptable answer accuracy (0-1), or None.
        min_citation: lowest acceptable citation accuracy, or None.
        min_refusal: lowest acceptable refusal precision and recall, or None.

    Returns:
        One line per failed bar, e.g. ``answer accuracy 55.0% < 60.0%``; empty when all hold.
    """
    bars = [("answer accuracy", summary.answer_accuracy, min_answer),
            ("citation accuracy", summary.citation_accuracy, min_citation),
            ("refusal precision", summary.refusal_precision, min_refusal),
            ("refusal recall", summary.refusal_recall, min_refusal)]
    failures = []
    for name, value, bar in bars:
        if bar is not None and (value is None or value < bar):
            failures.append(f"{name} {pct(value)} < {pct(bar)}")
    return failures


# ---------------------------------------------------------------- report files
def write_report(summaries: list[Summary], out_dir: Path | str, meta: dict | None = None) -> tuple[Path, Path]:
    """Write report.json and a self-contained report.html.

    Args:
        summaries: one per configuration.
        out_dir: the folder to write (created).
        meta: run facts shown in the header (split, questions file, created).

    Returns:
        The paths of report.json and report.html.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = dict(meta or {})
    json_path, html_path = out / "report.json", out / "report.html"
    json_path.write_text(json.dumps(report_json(summaries, meta), ensure_ascii=False, indent=2), encoding="utf-8")
    html_path.write_text(render_html(summaries, meta), encoding="utf-8")
    return json_path, html_path


def default_report_dir(root: Path = REPORTS_DIR) -> Path:
    """A fresh ``<root>/<timestamp>`` folder name (suffixed when a run in the same second exists).

    Args:
        root: where reports go.

    Returns:
        The folder path (not created).
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path, n = root / stamp, 1
    while path.exists():
        n += 1
        path = root / f"{stamp}-{n}"
    return path


def report_json(summaries: list[Summary], meta: dict) -> dict:
    """The whole run as JSON: metadata, then per configuration its metrics and every item.

    Args:
        summaries: one per configuration.
        meta: run facts.

    Returns:
        A JSON-serialisable dict.
    """
    configs = [{**s.metrics(), "results": [result_json(r) for r in s.results]} for s in summaries]
    return {**meta, "configs": configs}


def result_json(result: ItemResult) -> dict:
    """One ItemResult as JSON, with the item's expectations beside the outcome.

    Args:
        result: the item result.

    Returns:
        A JSON-serialisable dict.
    """
    item = result.item
    data = {"id": item.id, "type": item.type, "split": item.split, "lang": item.lang, "turns": list(item.turns),
            "answer_facts": list(item.answer_facts), "any_of": [list(g) for g in item.any_of],
            "gold_sections": list(item.gold_sections), "expect_refusal": item.expect_refusal}
    data.update({k: v for k, v in asdict(result).items() if k != "item"})
    data.update({"hit_at_5": result.hit_at_k, "reciprocal_rank": result.reciprocal_rank})
    return data


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.text{white-space:pre-wrap;max-width:420px}.bad{color:#b00020}img{max-width:100%;margin:8px 0}
"""


def render_html(summaries: list[Summary], meta: dict) -> str:
    """The report as one HTML page: metrics, charts as base64 PNGs, and every failure. All text is escaped.

    Args:
        summaries: one per configuration.
        meta: run facts for the header.

    Returns:
        The HTML document.
    """
    parts = [f"<h1>qzassist eval</h1>{_html_meta(meta)}", "<h2>Overall</h2>", _html_table(*compare_rows(summaries)),
             "<h2>Charts</h2>", _img(type_accuracy_chart(summaries)), _img(latency_chart(summaries))]
    for s in summaries:
        parts.append(f"<h2>By type: {_e(s.label)}</h2>{_html_table(*type_rows(s))}")
    for s in summaries:
        failures = [r for r in s.results if r.failed]
        parts.append(f"<h2>Failures: {_e(s.label)} ({len(failures)} of {s.n})</h2>"
                     + _html_table(FAILURE_HEADER, [failure_row(r) for r in failures], text_cols=range(1, 7)))
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>qzassist eval</title>'
            f"<style>{_CSS}</style></head><body>{''.join(parts)}</body></html>")


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _html_meta(meta: dict) -> str:
    return "<p>" + " · ".join(f"{_e(k)}: {_e(v)}" for k, v in meta.items()) + "</p>"


def _html_table(header: list[str], rows: list[list], text_cols: Iterable[int] = ()) -> str:
    wide = set(text_cols)
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="{"text" if i in wide else "num" if i else ""}">{_e(c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _img(png: bytes) -> str:
    return f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="chart">'


FAILURE_HEADER = ["id · type", "question", "expected", "answer", "cited", "gold", "problem"]


def failure_row(result: ItemResult) -> list[str]:
    """One row of the failure table, as plain strings (escaped when rendered).

    Args:
        result: a failed item.

    Returns:
        id and type, turns, expected facts, answer, cited sections, gold sections, what went wrong.
    """
    item = result.item
    turns = "\n".join(f"{i}. {t}" for i, t in enumerate(item.turns, 1)) if len(item.turns) > 1 else item.question
    expected = "(refuse)" if item.expect_refusal else "\n".join(
        [*item.answer_facts, *(" | ".join(g) for g in item.any_of)])
    return [f"{item.id} · {item.type}", turns, expected, result.answer, ", ".join(result.cited) or "-",
            ", ".join(item.gold_sections) or "-", problems(result)]


def problems(result: ItemResult) -> str:
    """What went wrong with an item, in words.

    Args:
        result: an item result.

    Returns:
        Semicolon-separated problems, or ``""`` when the item passed.
    """
    found = [f"error: {result.error}"] if result.error else []
    if result.item.expect_refusal and not result.refused:
        found.append("did not refuse")
    elif not result.item.expect_refusal and result.refused:
        found.append("refused an answerable question")
    if result.missing:
        found.append("missing " + "; ".join(result.missing))
    if result.citation_correct is False:
        found.append("no citation under a gold section")
    return "; ".join(found)


# ---------------------------------------------------------------- tables (shared by the CLI and the HTML)
def pct(value: float | None) -> str:
    """A fraction as a percentage (``"62.5%"``), ``"n/a"`` for None."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _num(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{1000 * value:.0f} ms"


def type_rows(summary: Summary) -> tuple[list[str], list[list[str]]]:
    """The per-type table of one configuration.

    Args:
        summary: the configuration's scores.

    Returns:
        (header, rows) as strings.
    """
    header = ["type", "n", "answer", "citation", f"recall@{RECALL_AT}", "MRR"]
    rows = [[t.type, str(t.n), pct(t.answer_acc), pct(t.citation_acc), pct(t.recall_at_5), _num(t.mrr)]
            for t in summary.per_type]
    return header, rows


METRIC_ROWS: list[tuple[str, Callable[[Summary], str]]] = [
    ("items", lambda s: str(s.n)),
    ("answerable / refusal", lambda s: f"{s.n_answerable} / {s.n_refusal}"),
    ("answer accuracy", lambda s: pct(s.answer_accuracy)),
    ("citation accuracy", lambda s: pct(s.citation_accuracy)),
    ("refusal precision", lambda s: pct(s.refusal_precision)),
    ("refusal recall", lambda s: pct(s.refusal_recall)),
    ("false-refusal rate", lambda s: pct(s.false_refusal_rate)),
    (f"recall@{RECALL_AT}", lambda s: pct(s.recall_at_5)),
    ("MRR", lambda s: _num(s.mrr)),
    ("latency p50", lambda s: _ms(s.latency_p50)),
    ("latency p95", lambda s: _ms(s.latency_p95)),
    ("median answer length", lambda s: "n/a" if s.median_answer_chars is None else f"{s.median_answer_chars:.0f} chars"),
]


def compare_rows(summaries: list[Summary]) -> tuple[list[str], list[list[str]]]:
    """Metrics as rows, one column per configuration, then answer accuracy per type.

    Args:
        summaries: one per configuration.

    Returns:
        (header, rows) as strings.
    """
    header = ["metric", *(s.label for s in summaries)]
    rows = [[name, *(fmt(s) for s in summaries)] for name, fmt in METRIC_ROWS]
    types = [t.type for t in summaries[0].per_type if t.type != ANSWERABLE] if summaries else []
    for name in types:
        rows.append([f"answer · {name}", *(pct(_type(s, name).answer_acc) for s in summaries)])
    return header, rows


def _type(summary: Summary, name: str) -> TypeStats:
    return next(t for t in summary.per_type if t.type == name)


def text_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with the first column left-aligned and the rest right-aligned.

    Args:
        header: column names.
        rows: cells as strings.

    Returns:
        The table, one line per row.
    """
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(_pad(c, w, i == 0) for i, (c, w) in enumerate(zip(r, widths)))
                     for r in [header, *rows])


def _width(text: str) -> int:
    # East Asian characters take two columns in a terminal
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int, left: bool) -> str:
    fill = " " * (width - _width(text))
    return text + fill if left else fill + text


# ---------------------------------------------------------------- charts
def type_accuracy_chart(summaries: list[Summary]) -> bytes:
    """Grouped bars of answer and citation accuracy per question type, one colour per configuration.

    Labels are the ASCII type and configuration names, so no CJK font is needed.

    Args:
        summaries: one per configuration.

    Returns:
        A PNG.
    """
    fig = _figure(11, 6.5)
    axes = fig.subplots(2, 1, sharex=True)
    types = [t.type for t in summaries[0].per_type] if summaries else []
    width = 0.8 / max(len(summaries), 1)
    titles = ("answer accuracy (unanswerable: share refused)", "citation accuracy")
    for ax, attr, title in zip(axes, ("answer_acc", "citation_acc"), titles):
        for i, s in enumerate(summaries):
            values = [getattr(_type(s, t), attr) for t in types]
            xs = [x + (i - (len(summaries) - 1) / 2) * width for x in range(len(types))]
            bars = ax.bar(xs, [100 * (v or 0) for v in values], width, label=s.label)
            ax.bar_label(bars, labels=["-" if v is None else f"{100 * v:.0f}" for v in values], fontsize=7)
        ax.set_ylim(0, 112)
        ax.set_title(title, fontsize=10)
        ax.set_ylabel("%")
    axes[-1].set_xticks(range(len(types)), types, rotation=20)
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper right", ncols=len(summaries), fontsize=8)
    fig.suptitle("accuracy by question type")
    return _png(fig)


def latency_chart(summaries: list[Summary]) -> bytes:
    """A histogram of ``ask`` latencies (ms, log scale), one translucent series per configuration.

    Args:
        summaries: one per configuration.

    Returns:
        A PNG.
    """
    import numpy as np
    from matplotlib.ticker import FuncFormatter

    fig = _figure(11, 3.8)
    ax = fig.subplots()
    series = [[max(1000 * x, 0.1) for r in s.results for x in r.latencies] for s in summaries]
    flat = [x for v in series for x in v] or [1.0]
    # log bins: typical asks take milliseconds while a cold model call can take seconds
    bins = np.geomspace(min(flat) * 0.9, max(flat) * 1.1, 40)
    for s, values in zip(summaries, series):
        ax.hist(values, bins=bins, alpha=0.55,
                label=f"{s.label}  p50 {_ms(s.latency_p50)}  p95 {_ms(s.latency_p95)}")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(_tick))
    ax.xaxis.set_minor_formatter(FuncFormatter(_tick))
    ax.set_xlabel("ask latency (ms, log scale)")
    ax.set_ylabel("calls")
    ax.set_title("latency per ask call")
    ax.legend(fontsize=8)
    return _png(fig)


def _tick(value: float, _pos) -> str:
    """Plain numbers on a log axis, labelling only 1, 2 and 5 of each decade."""
    if value <= 0:
        return ""
    lead = round(value / 10 ** math.floor(math.log10(value)))
    return f"{value:g}" if lead in (1, 2, 5) else ""


def _figure(width: float, height: float):
    # Figure without pyplot: no global backend state, Agg canvas, safe in threads
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


# ---------------------------------------------------------------- the `qzassist eval` edge
def run_cli(args) -> int:
    """``qzassist eval``: run the suite, print tables, write the report, check the bars.

    Args:
        args: the parsed ``eval`` arguments (see cli.py).

    Returns:
        0, or 1 when a configuration falls below a ``--min-*`` bar.
    """
    bars = _bars(args)
    questions = Path(args.questions) if args.questions else SUITE_PATH
    items = load_suite(questions, args.split)
    configs = plan_configs(Settings.load(), args.retriever, args.embedder, args.answerer, args.compare)
    with _TqdmProgress() as progress:
        summaries = evaluate_configs(items, configs, progress)
    out = Path(args.out) if args.out else default_report_dir()
    meta = {"created": datetime.now().isoformat(timespec="seconds"), "split": args.split,
            "questions": str(questions), "items": len(items)}
    json_path, html_path = write_report(summaries, out, meta)
    failures = {s.label: check_bars(s, **bars) for s in summaries}
    _print_results(args, summaries, failures, json_path, html_path)
    return 1 if any(failures.values()) else 0


def _bars(args) -> dict[str, float | None]:
    bars = {"min_answer": args.min_answer, "min_citation": args.min_citation, "min_refusal": args.min_refusal}
    for name, value in bars.items():
        if value is not None and not 0 <= value <= 1:
            flag = "--" + name.replace("_", "-")
            raise ConfigError(f"{flag} {value} is not a fraction between 0 and 1; write 0.6 for 60%.")
    return bars


def _print_results(args, summaries: list[Summary], failures: dict, json_path: Path, html_path: Path) -> None:
    if args.json:
        data = {"report_json": str(json_path), "report_html": str(html_path),
                "configs": [{**s.metrics(), "bar_failures": failures[s.label]} for s in summaries]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif len(summaries) == 1:
        print(format_summary(summaries[0], args.split))
    else:
        print(f"split {args.split}, {summaries[0].n} items\n" + text_table(*compare_rows(summaries)))
    if not args.json:
        print(f"report: {html_path}\n        {json_path}")
    for label, lines in failures.items():
        for line in lines:
            print(f"bar failed ({label}): {line}", file=sys.stderr)


def format_summary(summary: Summary, split: str = "") -> str:
    """One configuration's per-type table and overall lines, as printed by ``qzassist eval``.

    Args:
        summary: the configuration's scores.
        split: the split name for the title line.

    Returns:
        The text.
    """
    title = f"split {split} · {summary.label}" if split else summary.label
    overall = "\n".join(f"{name:<22}{fmt(summary)}" for name, fmt in METRIC_ROWS)
    return f"{title}\n{text_table(*type_rows(summary))}\n\n{overall}"


class _TqdmProgress:
    """A ``progress(stage, done, total)`` callback drawing one tqdm bar per stage on stderr."""

    def __init__(self):
        self._bar = None
        self._stage = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if stage != self._stage or self._bar is None or done < self._bar.n:
            self.close()
            self._bar, self._stage = tqdm(total=total, desc=stage, file=sys.stderr, leave=False), stage
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "_TqdmProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
