"""The project's own error types.

The library raises these with one sentence that names the bad value and the fix;
only the CLI and the UI turn them into messages for people.
"""


class QzAssistError(Exception):
    """Base class for every error qzassist raises on purpose."""


class ConfigError(QzAssistError):
    """A setting (env var, qzassist.toml, argument) has a value that cannot be used."""


class UnknownBackendError(ConfigError):
    """A backend name (embedder, retriever, answerer) is not registered."""


class EmbedderUnavailableError(QzAssistError):
    """An embedding model cannot be loaded offline."""


class CorpusError(QzAssistError):
    """The corpus folder or a file in it cannot be read as a report."""


class IndexNotBuiltError(QzAssistError):
    """index/ is missing, partial or corrupt."""


class StaleIndexError(IndexNotBuiltError):
    """index/ was built from another corpus, embedder or parser version."""


class IndexLockedError(QzAssistError):
    """Another ingest holds the index lock."""


class InvalidQuestionError(QzAssistError):
    """A question cannot be answered as given (empty, not text)."""


class LLMError(QzAssistError):
    """The optional LLM endpoint failed, timed out or replied unusably."""
