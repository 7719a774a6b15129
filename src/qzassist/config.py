"""One frozen settings object, read from QZ_* environment variables and an optional qzassist.toml.

Precedence: explicit keyword arguments > QZ_* env vars > qzassist.toml > defaults.
Secrets (QZ_LLM_API_KEY, QZ_AUTH) are read only from the environment.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SECRET_FIELDS = ("llm_api_key", "auth")


def data_dir() -> Path:
    """Where corpus/, index/ and feedback live: QZ_DATA_DIR, else the project root.

    Returns:
        The folder as an absolute path.
    """
    return Path(os.environ.get("QZ_DATA_DIR", PROJECT_ROOT)).resolve()


@dataclass(frozen=True)
class Settings:
    """Everything configurable about the assistant. Build with ``Settings.load()``."""

    corpus_dir: Path = field(default_factory=lambda: data_dir() / "corpus")
    index_dir: Path = field(default_factory=lambda: data_dir() / "index")
    embedder: str = "use-multilingual"
    retriever: str = "hybrid"
    answerer: str = "extractive"
    top_k: int = 8
    chunk_tokens: int = 200
    max_question_chars: int = 500
    chroma_url: str | None = None
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = dataclasses.field(default=None, repr=False)
    llm_timeout: float = 30.0
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = dataclasses.field(default=None, repr=False)
    concurrency: int = 4

    @classmethod
    def load(cls, toml_path: Path | None = None, **overrides) -> "Settings":
        """Read settings from qzassist.toml (if present), QZ_* env vars and keyword overrides.

        Args:
            toml_path: a TOML file; defaults to ``data_dir()/qzassist.toml``.
            **overrides: field values that win over everything else.

        Returns:
            A frozen Settings.
        """
        values: dict = {}
        values.update(_read_toml(toml_path or data_dir() / "qzassist.toml"))
        values.update(_read_env())
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**_coerce(values))


def _fields() -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(Settings)}


def _read_toml(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}); fix or delete it.") from exc
    data = raw.get("qzassist", raw)
    unknown = sorted(set(data) - set(_fields()) )
    if unknown:
        raise ConfigError(f"{path} has unknown setting(s) {', '.join(unknown)}; valid ones are {', '.join(sorted(_fields()))}.")
    secrets = sorted(set(data) & set(SECRET_FIELDS))
    if secrets:
        raise ConfigError(f"{path} sets secret(s) {', '.join(secrets)}; put them in QZ_* environment variables instead.")
    return data


def _read_env() -> dict:
    out = {}
    for name in _fields():
        value = os.environ.get("QZ_" + name.upper())
        if value not in (None, ""):
            out[name] = value
    return out


def _coerce(values: dict) -> dict:
    fields = _fields()
    out = {}
    for name, value in values.items():
        kind = fields[name].type
        try:
            if "Path" in kind:
                out[name] = Path(value).expanduser().resolve()
            elif kind == "int":
                out[name] = int(value)
            elif kind == "float":
                out[name] = float(value)
            else:
                out[name] = value
        except ValueError as exc:
            raise ConfigError(f"setting {name}={value!r} is not a valid {kind}; set QZ_{name.upper()} to a number.") from exc
    return out
