"""Index builds are safe: a killed ingest, a concurrent one and a damaged index/ never take answering down.

Real ``qzassist ingest`` child processes and signals, over private copies of the real index.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from qzassist.assistant import Assistant
from qzassist.errors import IndexNotBuiltError, StaleIndexError
from qzassist.index import index_status
from shared_index import PLAIN, QZASSIST, child_env, copy_of_real, real_assistant, run_qzassist

pytestmark = pytest.mark.integration


def _answer(settings):
    answer = Assistant.load(settings, build_if_missing=False).ask(PLAIN)
    return answer.text, answer.citations


def _wait_for_build_folder(index_dir: Path, proc: subprocess.Popen, timeout: float = 180) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(index_dir.parent.glob(f"{index_dir.name}.tmp-*"))
        if found:
            return found[0]
        assert proc.poll() is None, f"ingest ended (rc {proc.returncode}) before its build folder appeared"
        time.sleep(0.01)
    raise AssertionError(f"no {index_dir.name}.tmp-* folder within {timeout} s")


def test_an_ingest_killed_mid_build_leaves_the_previous_index_answering_and_a_second_one_is_refused():
    settings = copy_of_real("kill")
    manifest_before = (settings.index_dir / "manifest.json").read_text(encoding="utf-8")
    builder = subprocess.Popen([str(QZASSIST), "ingest", "--rebuild"], env=child_env(settings),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        build_folder = _wait_for_build_folder(settings.index_dir, builder)
        builder.send_signal(signal.SIGSTOP)  # frozen mid-build, still holding the ingest lock
        second = run_qzassist(settings, "ingest", "--rebuild", QZ_EMBEDDER="fake")
        assert second.returncode != 0
        message = second.stderr.strip()
        assert "another ingest" in message and "index.lock" in message and "\n" not in message, message
        assert "Traceback" not in second.stderr
    finally:
        builder.kill()  # SIGKILL: no clean-up code runs
        builder.wait(timeout=30)
    assert builder.returncode == -signal.SIGKILL
    assert build_folder.is_dir(), "the kill must land before the build was swapped in"
    assert (settings.index_dir / "manifest.json").read_text(encoding="utf-8") == manifest_before
    assert index_status(settings.index_dir, "use-multilingual", None, None) == "ok"
    assert _answer(settings) == _answer_of_real()
    # the kill released the lock; the next ingest clears the half-built folder and swaps in
    after = run_qzassist(settings, "ingest", "--rebuild", QZ_EMBEDDER="fake")
    assert after.returncode == 0, after.stderr
    assert sorted(p.name for p in settings.index_dir.parent.iterdir()) == ["corpus", "index", "index.lock"]
    assert json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))["embedder"] == "fake"


def _answer_of_real():
    answer = real_assistant().ask(PLAIN)
    return answer.text, answer.citations


def _drop_chunks(index_dir: Path):
    (index_dir / "chunks.jsonl").unlink()


def _garble_manifest(index_dir: Path):
    (index_dir / "manifest.json").write_bytes(b"\x00\xff{ half a manifest")


def _empty_manifest(index_dir: Path):
    (index_dir / "manifest.json").write_text("{}", encoding="utf-8")


def _truncate_chunks(index_dir: Path):
    path = index_dir / "chunks.jsonl"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _drop_manifest(index_dir: Path):
    (index_dir / "manifest.json").unlink()


def _drop_vectors(index_dir: Path):
    import shutil

    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    shutil.rmtree(index_dir / manifest["chroma_dir"])


DAMAGE = [_drop_chunks, _garble_manifest, _empty_manifest, _truncate_chunks, _drop_manifest, _drop_vectors]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__.strip("_") for d in DAMAGE])
def test_a_damaged_index_is_a_one_sentence_error_naming_qzassist_ingest(damage):
    settings = copy_of_real("damaged")
    damage(settings.index_dir)
    with pytest.raises(IndexNotBuiltError) as err:
        Assistant.load(settings, build_if_missing=False)
    message = str(err.value)
    assert "qzassist ingest" in message and "\n" not in message and not isinstance(err.value, StaleIndexError)
    assert str(settings.index_dir) in message
    status = index_status(settings.index_dir, "use-multilingual", None, None)
    assert status == "missing" or status.startswith("corrupt: "), status  # so `qzassist ingest` rebuilds it
