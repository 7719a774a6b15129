"""No network at run time: ingest, ask and serve work with every non-loopback connection refused.

The child process installs the guard before importing qzassist, and runs without the
HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE / ANONYMIZED_TELEMETRY settings the Makefile exports, so
nothing here relies on them: the code itself must not reach out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qzassist.config import Settings
from shared_index import PLAIN, PLAIN_FACT, ROOT, child_env, scratch_dir

pytestmark = pytest.mark.integration
CHILD = Path(__file__).with_name("offline_child.py")
UNSET = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY", "GRADIO_ANALYTICS_ENABLED",
         "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")


def test_ingest_ask_and_serve_make_no_outside_connection():
    import shutil

    root = scratch_dir("offline")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    env = {k: v for k, v in child_env(settings).items() if k not in UNSET}
    done = subprocess.run([sys.executable, str(CHILD), PLAIN], env=env, cwd=root, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["guard_works"], "the socket guard did not refuse an outside address"
    phases = {p["phase"]: p for p in report["phases"]}
    for name, phase in phases.items():
        assert phase["code"] == 0, (name, phase)
        assert phase["attempts"] == [], f"{name} tried to reach {phase['attempts']}"
    answer = json.loads(phases["ask"]["stdout"])
    assert not answer["refused"] and PLAIN_FACT in answer["answer"]
