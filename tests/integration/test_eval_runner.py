"""`qzassist eval` end to end on a few real dev items: the real report, USE model, index and answerer."""

import json
from pathlib import Path

import pytest

from qzassist.cli import main

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
WANTED_TYPES = ("figure", "table_cell", "compare", "unanswerable", "followup")


@pytest.fixture(scope="module")
def few_questions(tmp_path_factory) -> Path:
    """The first dev item of five types, one of them a follow-up conversation."""
    lines = (ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    picked: dict[str, str] = {}
    for line in lines:
        item = json.loads(line)
        if item["split"] == "dev" and item["type"] in WANTED_TYPES:
            picked.setdefault(item["type"], line)
    path = tmp_path_factory.mktemp("suite") / "few.jsonl"
    path.write_text("\n".join(picked.values()) + "\n", encoding="utf-8")
    return path


def test_eval_writes_json_and_html_report(few_questions, tmp_path, capsys):
    out = tmp_path / "report"
    code = main(["eval", "--split", "dev", "--questions", str(few_questions), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "answerable" in printed and "latency p95" in printed
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    [config] = report["configs"]
    assert config["n"] == 5 and config["n_refusal"] == 1
    followup = next(r for r in config["results"] if r["type"] == "followup")
    assert len(followup["latencies"]) == len(followup["turns"]) >= 2
    assert all(r["hit_sections"] for r in config["results"])
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count('<img src="data:image/png;base64,') == 2


def test_eval_compare_prints_one_column_per_retriever(few_questions, tmp_path, capsys):
    out = tmp_path / "compare"
    code = main(["eval", "--split", "dev", "--questions", str(few_questions), "--out", str(out), "--compare",
                 "--retriever", "bm25", "--retriever", "hybrid"])
    header = capsys.readouterr().out.splitlines()[1].split()
    assert code == 0 and header == ["metric", "bm25", "hybrid"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [c["settings"]["retriever"] for c in report["configs"]] == ["bm25", "hybrid"]


def test_unknown_answerer_is_a_clear_error(few_questions, tmp_path, capsys):
    code = main(["eval", "--split", "dev", "--questions", str(few_questions), "--out", str(tmp_path / "x"),
                 "--answerer", "nope"])
    assert code == 1 and "answerer 'nope'" in capsys.readouterr().err
