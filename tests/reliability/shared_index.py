"""Indexes shared by the reliability tests, built once per test process under /tmp/qz-rel-*.

Pytest collects a nested ``conftest.py`` under the same module name as ``tests/conftest.py``
(these folders are not packages), so the shared set-up lives in this plain module instead.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from qzassist.config import Settings

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_REPORT = ROOT / "tests" / "fixtures" / "mini_report.md"
QZASSIST = Path(sys.executable).with_name("qzassist")
# The question most bad inputs are variations of, and a fact its answer must state.
PLAIN = "学校一共有多少教职员工？"
PLAIN_FACT = "303"


def scratch_dir(name: str) -> Path:
    """A fresh folder ``/tmp/qz-rel-<name>-*``, removed when the test process exits.

    Args:
        name: a label for the folder name.

    Returns:
        The folder.
    """
    path = Path(tempfile.mkdtemp(prefix=f"qz-rel-{name}-", dir="/tmp"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.cache
def real_settings() -> Settings:
    """Settings over a copy of corpus/ whose index is built with the real USE model (once per process).

    Returns:
        The Settings; ``index_dir`` holds a built, fresh index.
    """
    from qzassist.assistant import ingest

    root = scratch_dir("real")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    ingest(settings)
    return settings


@functools.cache
def real_assistant():
    """The Assistant over ``real_settings()`` (real report, USE, local Chroma).

    Returns:
        A loaded Assistant.
    """
    from qzassist.assistant import Assistant

    return Assistant.load(real_settings(), build_if_missing=False)


def copy_of_real(name: str, corpus_extras: dict[str, bytes] | None = None) -> Settings:
    """A private copy of the real corpus and its built index, safe to damage.

    Args:
        name: a label for the folder name.
        corpus_extras: extra files to put beside the report, name -> bytes.

    Returns:
        Settings over the copy.
    """
    source, root = real_settings(), scratch_dir(name)
    shutil.copytree(source.corpus_dir, root / "corpus")
    shutil.copytree(source.index_dir, root / "index")
    for file_name, data in (corpus_extras or {}).items():
        (root / "corpus" / file_name).write_bytes(data)
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index")


def fixture_settings() -> Settings:
    """Settings over a corpus holding only the small fixture report (for the fake embedder).

    Returns:
        The Settings (index not built yet).
    """
    root = scratch_dir("mini")
    (root / "corpus").mkdir()
    shutil.copy(FIXTURE_REPORT, root / "corpus" / "report.md")
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index")


def child_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for a ``qzassist`` child process over these settings' folders.

    Args:
        settings: where the corpus and index are.
        **extra: more variables (``QZ_EMBEDDER="fake"``).

    Returns:
        A copy of this process's environment with QZ_CORPUS_DIR, QZ_INDEX_DIR and QZ_DATA_DIR set.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("QZ_")}
    env.update(QZ_CORPUS_DIR=str(settings.corpus_dir), QZ_INDEX_DIR=str(settings.index_dir),
               QZ_DATA_DIR=str(settings.corpus_dir.parent), **extra)
    return env


def run_qzassist(settings: Settings, *args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    """Run the ``qzassist`` command over these settings' folders and wait for it.

    Args:
        settings: where the corpus and index are.
        *args: the command line after ``qzassist``.
        timeout: seconds before the child is killed and the test fails.
        **env: extra environment variables.

    Returns:
        The finished process with text stdout and stderr.
    """
    return subprocess.run([str(QZASSIST), *args], env=child_env(settings, **env), capture_output=True,
                          text=True, timeout=timeout)
