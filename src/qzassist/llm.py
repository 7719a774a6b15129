"""The optional LLM answerer: any OpenAI-compatible chat endpoint, checked in code, with the extractive fallback.

    answerer = LLMAnswerer(extractive, base_url="http://127.0.0.1:11434/v1", model="qwen2.5:7b")
    answer = answerer.compose(question, hits)              # or: for event in answerer.stream_compose(...)

The model sees only the retrieved chunks, each with its section id (the prompt is prompt.md).
Its reply is then checked: citations to sections that were not retrieved are removed, the
citations become the retrieved chunks the reply cites, and every figure must be in a cited
quote (``enforce_grounding``, the same check the extractive composer passes). An endpoint that
errors or times out, or a reply that is empty, cites nothing retrieved or states a figure the
cited chunks do not, gives the extractive answer instead, with a note saying why.

LangChain and OpenAI types stay inside this module; their exceptions never leave it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .answer import ExtractiveAnswerer, _without_labels, detect_language, enforce_grounding
from .chunk import split_sentences
from .config import Settings
from .errors import ConfigError, LLMError
from .match import grounded_numbers, terms, ungrounded_numbers
from .schema import Answer, Chunk, Citation, Hit

UNAVAILABLE_NOTE = "LLM unavailable ({reason}); showing the extractive answer."
NOT_USED_NOTE = "LLM reply not used ({reason}); showing the extractive answer."
DROPPED_NOTE = "removed citations to sections that were not retrieved: {ids}"
LANGUAGES = {"zh": "Chinese (简体中文)", "en": "English"}
# Ollama, vLLM and most local servers need no key, but the OpenAI client insists on one; a
# placeholder also keeps an OPENAI_API_KEY from the environment from going to another host.
NO_KEY = "not-needed"
_MARKER = re.compile(r"【([^】]*)】")
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,24})\]")
_ID_SEPARATORS = re.compile(r"[、,，;；/]|\s+")
_PROMPT_TAGS = re.compile(r"</?\s*(excerpts|question)\s*>", re.I)
# Reasoning models (DeepSeek-R1, Qwen3 on Ollama) put their thinking in <think>…</think> before the reply.
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_REPLY_SENTENCE = re.compile(r"(?<=[。！？；;!?])|(?<=\.)\s+")


# ---------------------------------------------------------------- prompt
@dataclass(frozen=True)
class Prompt:
    """The three parts of prompt.md: the fixed system text and the templates for the question and each chunk."""

    system: str
    user: str
    excerpt: str

    def messages(self, question: str, hits: list[Hit], lang: str) -> list[tuple[str, str]]:
        """The chat messages for one question: only the retrieved chunks go to the model.

        Args:
            question: the standalone question.
            hits: the retrieved chunks.
            lang: ``zh`` or ``en``, the language to reply in.

        Returns:
            ``[("system", ...), ("human", ...)]``; the system message never contains question or report text.
        """
        excerpts = "\n\n".join(self.excerpt.format(section=h.chunk.section, title=_as_data(h.chunk.title),
                                                   text=_as_data(h.chunk.text)) for h in hits)
        user = self.user.format(excerpts=excerpts, question=_as_data(question), language=LANGUAGES.get(lang, lang))
        return [("system", self.system), ("human", user)]


def _as_data(text: str) -> str:
    """Text placed inside the prompt's tags, unable to close them."""
    return _PROMPT_TAGS.sub(" ", text)


@lru_cache(maxsize=1)
def load_prompt() -> Prompt:
    """Read prompt.md from the package.

    Returns:
        The Prompt.

    Raises:
        ConfigError: the file lacks one of its ``## system``, ``## user`` or ``## excerpt`` parts.
    """
    text = resources.files("qzassist").joinpath("prompt.md").read_text(encoding="utf-8")
    pieces = re.split(r"^## (system|user|excerpt)[ \t]*$", text, flags=re.M)
    parts = dict(zip(pieces[1::2], (p.strip() for p in pieces[2::2])))
    missing = [name for name in ("system", "user", "excerpt") if not parts.get(name)]
    if missing:
        raise ConfigError(f"qzassist/prompt.md has no '## {missing[0]}' part; restore it from the repository.")
    return Prompt(**parts)


# ---------------------------------------------------------------- settings
def llm_options(settings: Settings) -> dict:
    """The endpoint options from settings, checked.

    Args:
        settings: configuration (``llm_base_url``, ``llm_model``, ``llm_api_key``, ``llm_timeout``).

    Returns:
        Keyword arguments for ``LLMAnswerer``.

    Raises:
        ConfigError: the base URL or model is missing, or the URL is not http(s).
    """
    missing = [name for name, value in (("QZ_LLM_BASE_URL", settings.llm_base_url), ("QZ_LLM_MODEL", settings.llm_model))
               if not value]
    if missing:
        raise ConfigError(f"QZ_ANSWERER=llm needs {' and '.join(missing)} (for Ollama: http://127.0.0.1:11434/v1 and "
                          "a pulled model such as qwen2.5:7b); set them, or use QZ_ANSWERER=extractive.")
    if not re.match(r"https?://", settings.llm_base_url):
        raise ConfigError(f"QZ_LLM_BASE_URL '{settings.llm_base_url}' is not an http(s) URL; set it to the "
                          "endpoint's OpenAI-compatible base, such as http://127.0.0.1:11434/v1.")
    return {"base_url": settings.llm_base_url, "model": settings.llm_model, "api_key": settings.llm_api_key,
            "timeout": settings.llm_timeout}


def build_chat_model(base_url: str, model: str, api_key: str | None, timeout: float):
    """A LangChain ChatOpenAI for an OpenAI-compatible endpoint (Ollama, vLLM, DeepSeek, Qwen, ...).

    Args:
        base_url: the endpoint's base URL (ending in ``/v1`` for most servers).
        model: the model name the server knows.
        api_key: the key, or None for servers that need none.
        timeout: seconds to wait for a connection and for each read.

    Returns:
        The chat model.
    """
    from langchain_openai import ChatOpenAI

    # Chat Completions, not the Responses API, which compatible servers lack; no retries, so a
    # down endpoint costs one timeout before the extractive answer, not several.
    return ChatOpenAI(base_url=base_url, model=model, api_key=api_key or NO_KEY, timeout=timeout, max_retries=0,
                      temperature=0, use_responses_api=False)


def failure_reason(exc: BaseException, timeout: float, model: str = "") -> str:
    """A few words on why a call to the endpoint failed, for the fallback note.

    Args:
        exc: what LangChain, the OpenAI client or httpx raised.
        timeout: the configured timeout, in seconds.
        model: the configured model name.

    Returns:
        A short reason such as ``timeout after 30 s`` or ``HTTP 404, is model 'x' served there?``.
    """
    import httpx
    import openai

    if isinstance(exc, (TimeoutError, openai.APITimeoutError, httpx.TimeoutException)):
        return f"timeout after {timeout:g} s"
    if isinstance(exc, openai.APIConnectionError):
        return "cannot connect to the endpoint"
    if isinstance(exc, openai.APIStatusError):
        hints = {401: ", check QZ_LLM_API_KEY", 403: ", check QZ_LLM_API_KEY", 404: f", is model '{model}' served there?"}
        return f"HTTP {exc.status_code}{hints.get(exc.status_code, '')}"
    if isinstance(exc, ImportError):
        return f"cannot import {exc.name or 'langchain_openai'}"
    return f"{type(exc).__name__}: {str(exc)[:80]}" if str(exc) else type(exc).__name__


# ---------------------------------------------------------------- reply checks
def visible_text(raw: str, final: bool = True) -> str:
    """The reply without a reasoning model's ``<think>`` block.

    Args:
        raw: the reply so far.
        final: False while streaming, to hold back what may be the start of a ``<think>`` tag.

    Returns:
        The text to show, without leading whitespace.
    """
    text = _THINK.sub("", raw)
    if not final:
        tag = "<think>"
        for k in range(len(tag) - 1, 0, -1):
            if text.endswith(tag[:k]):
                text = text[:-k]
                break
    return text.lstrip()


def keep_retrieved_citations(text: str, sections: set[str]) -> tuple[str, list[str], list[str]]:
    """Keep only 【id】 markers that name retrieved sections, one id per marker.

    ``[id]`` is read as 【id】 when it names a retrieved section; 【1.1、表2】 becomes 【1.1】【表2】.

    Args:
        text: the model's reply.
        sections: the section ids of the retrieved chunks.

    Returns:
        (the reply with other markers removed, cited ids in order of first mention, removed ids).
    """
    cited: list[str] = []
    dropped: list[str] = []

    def fix(match: re.Match) -> str:
        inner = match.group(1)
        ids = [_normal_id(inner)] if _normal_id(inner) in sections else [_normal_id(i) for i in _ID_SEPARATORS.split(inner)]
        ids = [i for i in ids if i]
        cited.extend(i for i in ids if i in sections)
        dropped.extend(i for i in ids if i not in sections)
        return "".join(f"【{i}】" for i in dict.fromkeys(ids) if i in sections)

    text = _BRACKETED.sub(lambda m: f"【{m.group(1)}】" if _normal_id(m.group(1)) in sections else m.group(0), text)
    text = _MARKER.sub(fix, text)
    text = re.sub(r"[ \t]+(?=[【。，；：！？.,;:!?])|(?<=[。，；：！？])[ \t]+", "", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip(), list(dict.fromkeys(cited)), list(dict.fromkeys(dropped))


def _normal_id(text: str) -> str:
    """A section id as the report writes it: no spaces, ASCII parentheses (四（二） -> 四(二))."""
    return re.sub(r"\s", "", text).replace("（", "(").replace("）", ")")


def cite(text: str, sections: list[str], hits: list[Hit]) -> list[Citation]:
    """The citations of a checked reply: the retrieved chunks of each cited section, quoted where they back it.

    A text chunk is quoted by the sentences holding the reply's figures (the fewest that hold
    them all), else by its sentence closest to the reply; a table row is quoted whole.

    Args:
        text: the reply (markers already checked).
        sections: the cited section ids, in order.
        hits: the retrieved chunks.

    Returns:
        Citations in the order the reply cites them.
    """
    out: list[Citation] = []
    for section in sections:
        context = _context(text, section)
        units = [(h.chunk, s) for h in hits if h.chunk.section == section for s in _units(h.chunk)]
        chosen = _covering(units, _figures(context)) or [max(units, key=lambda u: _overlap(u[1], context))]
        picked = {(c.id, s) for c, s in chosen}
        for chunk in {c.id: c for c, _ in chosen}.values():
            quote = "".join(s for c, s in units if c.id == chunk.id and (c.id, s) in picked)  # in reading order
            out.append(Citation(section=section, title=chunk.title, quote=quote))
    return out


def _context(text: str, section: str) -> str:
    """The reply's sentences that cite a section (the whole reply when none can be told apart)."""
    marker = f"【{section}】"
    return "".join(s for s in _REPLY_SENTENCE.split(text) if marker in s) or text


def _units(chunk: Chunk) -> list[str]:
    return (split_sentences(chunk.text) or [chunk.text]) if chunk.kind == "text" else [chunk.text]


def _figures(text: str) -> set[str]:
    return grounded_numbers([_without_labels(text)])


def _covering(units: list[tuple[Chunk, str]], figures: set[str]) -> list[tuple[Chunk, str]]:
    """Greedily the fewest units that hold the reply's figures (a date line adds nothing once 2024 is held)."""
    chosen, left = [], set(figures)
    while left:
        best = max(units, key=lambda u: len(_figures(u[1]) & left), default=None)
        if best is None or not _figures(best[1]) & left:
            break
        chosen.append(best)
        left -= _figures(best[1])
    return chosen


def _overlap(sentence: str, context: str) -> int:
    return len(set(terms(sentence)) & set(terms(context)))


# ---------------------------------------------------------------- answerer
class LLMAnswerer:
    """Answers from the retrieved chunks through a chat model, checked in code, falling back to the extractive answer.

    Same ``compose`` as ``ExtractiveAnswerer``, plus ``stream_compose`` for token streaming.
    The chat model is built on first use, so a configured but absent server costs nothing at load.
    """

    name = "llm"

    def __init__(self, extractive: ExtractiveAnswerer, *, base_url: str | None = None, model: str | None = None,
                 api_key: str | None = None, timeout: float = 30.0, chat_model=None, prompt: Prompt | None = None):
        """Set up the answerer.

        Args:
            extractive: the fallback composer (also used when nothing was retrieved).
            base_url: the OpenAI-compatible endpoint, e.g. ``http://127.0.0.1:11434/v1``.
            model: the model name on that endpoint.
            api_key: the key, if the endpoint needs one (from QZ_LLM_API_KEY only).
            timeout: seconds to wait for a connection and for each read.
            chat_model: a LangChain chat model to use instead of building ChatOpenAI (tests).
            prompt: a Prompt to use instead of prompt.md.

        Raises:
            ConfigError: neither a chat model nor both base_url and model were given.
        """
        if chat_model is None and not (base_url and model):
            raise ConfigError("LLMAnswerer needs base_url and model (QZ_LLM_BASE_URL, QZ_LLM_MODEL) or a chat_model.")
        self.extractive = extractive
        self.base_url, self.model, self.timeout = base_url, model, timeout
        self._api_key = api_key
        self._chat_model = chat_model
        self._lock = threading.Lock()
        self.prompt = prompt or load_prompt()

    @property
    def chat_model(self):
        """The LangChain chat model, built on first use."""
        with self._lock:
            if self._chat_model is None:
                self._chat_model = build_chat_model(self.base_url, self.model, self._api_key, self.timeout)
            return self._chat_model

    def compose(self, question: str, hits: list[Hit], query_vec: np.ndarray | None = None,
                lang: str | None = None) -> Answer:
        """Answer from the retrieved hits through the model, or the extractive answer with a note.

        Args:
            question: the standalone question (after follow-up rewriting).
            hits: retrieved chunks, best first; only these go to the model.
            query_vec: the question's embedding (for the extractive fallback).
            lang: ``zh`` or ``en``; detected from the question when None.

        Returns:
            The checked Answer.
        """
        *_, answer = self.stream_compose(question, hits, query_vec, lang, stream=False)
        return answer

    def stream_compose(self, question: str, hits: list[Hit], query_vec: np.ndarray | None = None,
                       lang: str | None = None, *, stream: bool = True) -> Iterator[str | Answer]:
        """Like ``compose``, yielding the model's text as it arrives, then the checked Answer.

        The final Answer's text is authoritative: when the check removes a citation or falls
        back to the extractive answer it differs from the streamed text, and a UI should
        replace what it streamed with ``answer.text``.

        Args:
            question: the standalone question.
            hits: retrieved chunks, best first.
            query_vec: the question's embedding (for the extractive fallback).
            lang: ``zh`` or ``en``; detected from the question when None.
            stream: False to ask for the whole reply at once (what ``compose`` does).

        Yields:
            str deltas of the reply (none when the endpoint fails before replying), then the Answer.
        """
        lang = lang or detect_language(question)
        if not hits:  # nothing to ground a reply in
            yield self.extractive.compose(question, hits, query_vec, lang=lang)
            return
        raw, shown = "", ""
        try:
            for delta in self._reply(self.prompt.messages(question, hits, lang), stream):
                raw += delta
                visible = visible_text(raw, final=False)
                if len(visible) > len(shown) and visible.startswith(shown):
                    yield visible[len(shown):]
                    shown = visible
        except LLMError as exc:
            yield self._fallback(question, hits, query_vec, lang, UNAVAILABLE_NOTE.format(reason=exc))
            return
        yield self.check(visible_text(raw), question, hits, query_vec, lang)

    def _reply(self, messages: list[tuple[str, str]], stream: bool) -> Iterator[str]:
        """The model's reply as text pieces; any failure becomes an LLMError naming the reason."""
        try:
            if not stream:
                yield self.chat_model.invoke(messages).text
                return
            for chunk in self.chat_model.stream(messages):
                if chunk.text:
                    yield chunk.text
        except Exception as exc:  # noqa: BLE001 - LangChain, openai, httpx and pydantic all raise their own
            raise LLMError(failure_reason(exc, self.timeout, self.model or "")) from exc

    def check(self, reply: str, question: str, hits: list[Hit], query_vec: np.ndarray | None = None,
              lang: str = "zh") -> Answer:
        """Turn a model reply into an Answer, or fall back when it cannot be trusted.

        Args:
            reply: the model's text.
            question: the standalone question.
            hits: the retrieved chunks the model was given.
            query_vec: the question's embedding (for the fallback).
            lang: the reply language.

        Returns:
            The reply with citations to retrieved chunks only and every figure grounded in a cited
            quote; else the extractive answer with a note saying why.
        """
        if not reply.strip():
            return self._fallback(question, hits, query_vec, lang, NOT_USED_NOTE.format(reason="empty reply"))
        text, cited, dropped = keep_retrieved_citations(reply, {h.chunk.section for h in hits})
        if not cited:
            return self._uncited(question, hits, query_vec, lang)
        answer = Answer(text=text, citations=cite(text, cited, hits), question=question)
        if dropped:
            answer.notes.append(DROPPED_NOTE.format(ids=", ".join(dropped)))
        checked = enforce_grounding(Answer(text=answer.text, citations=answer.citations, question=question), [])
        if checked.refused or checked.text != answer.text:
            quotes = [c.quote for c in answer.citations] + [question]
            bad = ", ".join(ungrounded_numbers(_without_labels(text), quotes))
            reason = f"it states figures not found in the sections it cites: {bad}"
            return self._fallback(question, hits, query_vec, lang, NOT_USED_NOTE.format(reason=reason))
        return answer

    def _uncited(self, question, hits, query_vec, lang) -> Answer:
        """A reply citing nothing retrieved: usually the model saying the report is silent."""
        answer = self.extractive.compose(question, hits, query_vec, lang=lang)
        if not answer.refused:  # the extractive composer found something; say why it is shown instead
            answer.notes.append(NOT_USED_NOTE.format(reason="it cites no retrieved section"))
        return answer

    def _fallback(self, question, hits, query_vec, lang, note: str) -> Answer:
        answer = self.extractive.compose(question, hits, query_vec, lang=lang)
        answer.notes.append(note)
        return answer
