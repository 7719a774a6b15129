"""Answerers by name: ``Settings.answerer`` (QZ_ANSWERER) picks one.

``extractive`` (the default) composes cited answers offline. ``llm`` asks an OpenAI-compatible
chat endpoint, checks its reply and falls back to the extractive answer (see llm.py), so every
answerer is built around the extractive one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from .answer import ExtractiveAnswerer
from .config import Settings
from .errors import UnknownBackendError
from .schema import Answer, Hit


class Answerer(Protocol):
    """Composes an Answer from a question and its retrieved chunks.

    An answerer that can stream also has ``stream_compose(...)`` yielding str deltas, then the Answer.
    """

    name: str

    def compose(self, question: str, hits: list[Hit], query_vec: np.ndarray | None = None,
                lang: str | None = None) -> Answer: ...


Wrap = Callable[[ExtractiveAnswerer], Answerer]


def _llm(settings: Settings) -> Wrap:
    from .llm import LLMAnswerer, llm_options

    options = llm_options(settings)  # checked now, so a missing QZ_LLM_MODEL fails before any index work
    return lambda extractive: LLMAnswerer(extractive, **options)


_ANSWERERS: dict[str, Callable[[Settings], Wrap]] = {
    "extractive": lambda settings: (lambda extractive: extractive),
    "llm": _llm,
}


def available_answerers() -> list[str]:
    """The names ``answerer_factory`` accepts.

    Returns:
        Registered answerer names.
    """
    return list(_ANSWERERS)


def answerer_factory(settings: Settings) -> Wrap:
    """Check ``settings.answerer`` and return what turns the extractive answerer into the configured one.

    Args:
        settings: configuration (``answerer`` and, for ``llm``, the ``llm_*`` fields).

    Returns:
        A function from the built ExtractiveAnswerer to the configured Answerer.

    Raises:
        UnknownBackendError: the name is not registered.
        ConfigError: ``llm`` without QZ_LLM_BASE_URL or QZ_LLM_MODEL.
    """
    factory = _ANSWERERS.get(settings.answerer.strip().lower())
    if factory is None:
        raise UnknownBackendError(f"unknown answerer '{settings.answerer}'; valid names are "
                                  f"{', '.join(_ANSWERERS)} (set QZ_ANSWERER).")
    return factory(settings)
