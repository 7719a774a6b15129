"""The eval runner: suite schema, scoring with hand-made answers, aggregation, bars and the report files."""

import argparse
import json
from pathlib import Path

import pytest

from qzassist import evals
from qzassist.errors import ConfigError, QzAssistError
from qzassist.evals import EvalSuiteError, parse_item, parse_suite
from qzassist.schema import Answer, Chunk, Citation, Hit

ROOT = Path(__file__).resolve().parents[2]


def _raw(**changes) -> dict:
    data = {"id": "q1", "question": "学校有多少教职工？", "persona": "parent", "type": "figure", "lang": "zh",
            "answer_facts": ["303"], "any_of": [], "gold_sections": ["一", "表5"], "expect_refusal": False,
            "split": "dev"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _item(**changes):
    return parse_item(_raw(**changes), line=1)


def _refusal_item(**changes):
    return _item(**{"id": "r1", "question": "学费多少？", "type": "unanswerable", "answer_facts": [],
                    "any_of": [], "gold_sections": [], "expect_refusal": True, **changes})


def _hit(section: str) -> Hit:
    return Hit(chunk=Chunk(id=f"{section}#0", text="…", section=section, title=""), score=1.0)


def _answer(text: str, cited=(), refused=False, hits=()) -> Answer:
    return Answer(text=text, refused=refused, citations=[Citation(s, "", "") for s in cited],
                  hits=[_hit(s) for s in hits])


class FakeAssistant:
    """Replies from a script keyed by question and records the history each call received."""

    def __init__(self, script: dict[str, Answer], default: Answer | None = None):
        self.script = script
        self.default = default or _answer("报告中没有找到相关信息。", refused=True)
        self.calls: list[tuple[str, list]] = []

    def ask(self, question, history=None):
        self.calls.append((question, list(history or [])))
        return self.script.get(question, self.default)


# ---------------------------------------------------------------- schema
def test_real_suite_is_valid_and_splits_partition_it():
    everything = evals.load_suite(ROOT / "evals" / "questions.jsonl", "all")
    dev = evals.load_suite(ROOT / "evals" / "questions.jsonl", "dev")
    test = evals.load_suite(ROOT / "evals" / "questions.jsonl", "test")
    assert len(everything) == len(dev) + len(test) >= 150
    assert {i.split for i in dev} == {"dev"} and {i.split for i in test} == {"test"}
    assert all(len(i.turns) in (2, 3) for i in everything if i.type == "followup")


@pytest.mark.parametrize("changes, message", [
    ({"persona": "teacher"}, "persona"),
    ({"type": "trivia"}, "type"),
    ({"answer_facts": "303"}, "answer_facts"),
    ({"answer_facts": [""]}, "answer_facts"),
    ({"any_of": [["a"], []]}, "any_of"),
    ({"any_of": ["a"]}, "any_of"),
    ({"expect_refusal": "no"}, "expect_refusal"),
    ({"expect_refusal": True}, "unanswerable"),
    ({"answer_facts": [], "any_of": []}, "answer_facts or any_of"),
    ({"turns": ["a", "b"]}, "exactly one of question and turns"),
    ({"question": None, "turns": ["a", "b"]}, "followup"),
    ({"question": None}, "exactly one"),
    ({"split": "train"}, "split"),
    ({"answer_fact": ["x"]}, "unknown field"),
    ({"gold_sections": None}, "missing field"),
])
def test_malformed_items_are_rejected_with_their_line_number(changes, message):
    lines = [json.dumps(_raw(id="q0")), "", json.dumps(_raw(**changes))]
    with pytest.raises(EvalSuiteError, match=rf"s\.jsonl:3: .*{message}"):
        parse_suite(lines, "s.jsonl")


def test_bad_json_duplicate_ids_and_empty_files_are_rejected():
    with pytest.raises(EvalSuiteError, match=r"s:2: not valid JSON"):
        parse_suite([json.dumps(_raw()), "{oops"], "s")
    with pytest.raises(EvalSuiteError, match=r"s:2: id 'q1' is already used on line 1"):
        parse_suite([json.dumps(_raw()), json.dumps(_raw())], "s")
    with pytest.raises(EvalSuiteError, match="no questions"):
        parse_suite(["", "  "], "s")


def test_missing_suite_file_is_a_project_error(tmp_path):
    with pytest.raises(EvalSuiteError, match="--questions"):
        evals.load_suite(tmp_path / "nope.jsonl")
    (tmp_path / "dev.jsonl").write_text(json.dumps(_raw()), encoding="utf-8")
    with pytest.raises(EvalSuiteError, match="no test items"):
        evals.load_suite(tmp_path / "dev.jsonl", "test")
    assert issubclass(EvalSuiteError, QzAssistError)


def test_followup_turns_and_split_filter(tmp_path):
    followup = _raw(id="f1", question=None, turns=["护理专业通过率？", "那旅游专业呢？"], type="followup", split="test")
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (_raw(), followup)), encoding="utf-8")
    [item] = evals.load_suite(path, "test")
    assert item.turns == ("护理专业通过率？", "那旅游专业呢？") and item.question == "那旅游专业呢？"
    assert item.line == 2


# ---------------------------------------------------------------- answer scoring
def test_facts_match_after_removing_whitespace_in_the_answer():
    item = _item(answer_facts=["13.85", "430亩"])
    assert evals.score(item, _answer("建筑面积 13.85 万平方米，占地 430\u3000亩"), []).answer_correct
    assert evals.missing_facts(item, "占地430亩") == ["13.85"]
    assert not evals.score(item, _answer("占地430亩"), []).answer_correct


def test_any_of_needs_one_alternative_per_group():
    item = _item(answer_facts=[], any_of=[["13.58:1", "13.58：1"], ["下降", "减少"]])
    assert evals.score(item, _answer("生师比13.58：1，比去年下降"), []).answer_correct
    result = evals.score(item, _answer("生师比13.58:1"), [])
    assert not result.answer_correct and result.missing == ["下降 | 减少"]


def test_refused_answer_is_wrong_on_answerable_items_even_if_it_quotes_the_fact():
    result = evals.score(_item(), _answer("报告中没有找到。最接近的内容：教职工303人", refused=True), [])
    assert not result.answer_correct
    assert "refused an answerable question" in evals.problems(result)


def test_refusal_items_pass_only_when_refused():
    item = _refusal_item()
    assert evals.score(item, _answer("报告没有给出学费。", refused=True), []).answer_correct
    wrong = evals.score(item, _answer("学费是5000元。"), [])
    assert not wrong.answer_correct and evals.problems(wrong) == "did not refuse"


# ---------------------------------------------------------------- citations and retrieval
@pytest.mark.parametrize("gold, cited, expected", [
    (["1.5"], ["1.5.2"], True),
    (["1.5.2"], ["1.5"], False),
    (["1.5"], ["1.50"], False),
    (["四"], ["四(二)"], True),
    (["前言"], ["一"], True),
    (["表1"], ["表1-1"], False),
    (["表2", "1.5"], ["3.1", "1.5.1"], True),
    (["1.5"], [], False),
])
def test_citation_uses_section_covers(gold, cited, expected):
    assert evals.score(_item(gold_sections=gold), _answer("303", cited=cited), []).citation_correct is expected


def test_citation_and_retrieval_are_not_scored_without_gold_or_on_refusal_items():
    for item in (_item(gold_sections=[]), _refusal_item(gold_sections=["6.2"])):
        result = evals.score(item, _answer("x", cited=["6.2"], hits=["6.2"]), [])
        assert result.citation_correct is None and result.hit_at_k is None and result.reciprocal_rank is None


def test_retrieval_rank_recall_at_5_and_reciprocal_rank():
    item = _item(gold_sections=["1.5"])
    third = evals.score(item, _answer("303", hits=["2.1", "表5", "1.5.2", "1.5"]), [])
    assert third.gold_rank == 3 and third.hit_at_k is True and third.reciprocal_rank == pytest.approx(1 / 3)
    sixth = evals.score(item, _answer("303", hits=["2.1"] * 5 + ["1.5"]), [])
    assert sixth.gold_rank == 6 and sixth.hit_at_k is False
    none = evals.score(item, _answer("303", hits=["2.1"]), [])
    assert none.gold_rank is None and none.reciprocal_rank == 0.0


# ---------------------------------------------------------------- running
def test_followups_pass_the_growing_history_and_only_the_last_turn_is_scored():
    item = _item(question=None, turns=["护理通过率？", "旅游呢？", "那会计呢？"], type="followup",
                 answer_facts=["80%"])
    fake = FakeAssistant({"护理通过率？": _answer("97.36%"), "旅游呢？": _answer("80%"),
                          "那会计呢？": _answer("报告没有说。", refused=True)})
    result = evals.run_item(fake, item)
    assert [q for q, _ in fake.calls] == ["护理通过率？", "旅游呢？", "那会计呢？"]
    assert fake.calls[0][1] == []
    assert fake.calls[2][1] == [("护理通过率？", "97.36%"), ("旅游呢？", "80%")]
    assert not result.answer_correct and result.refused and len(result.latencies) == 3


def test_an_error_from_the_core_fails_the_item_not_the_run():
    class Broken:
        def ask(self, question, history=None):
            raise QzAssistError("boom")

    [result] = evals.run_suite(Broken(), [_item()])
    assert not result.answer_correct and result.error == "boom"


def _summary():
    items = [_item(id="a1"), _item(id="a2", answer_facts=["410"]), _item(id="a3", answer_facts=["7项"]),
             _refusal_item(id="r1"), _refusal_item(id="r2", question="食堂菜单？")]
    fake = FakeAssistant({"学校有多少教职工？": _answer("教职工303人", cited=["一"], hits=["一"]),
                          "学费多少？": _answer("没有。", refused=True)},
                         default=_answer("不知道", refused=False))
    return evals.evaluate(items, fake, label="fake")


def test_summary_metrics():
    s = _summary()
    # a1..a3 ask the same question: 303 is right, 410 and 7项 are missing
    assert (s.n, s.n_answerable, s.n_refusal) == (5, 3, 2)
    assert s.answer_accuracy == pytest.approx(1 / 3)
    assert s.citation_accuracy == 1.0 and s.recall_at_5 == 1.0 and s.mrr == 1.0
    assert s.refusal_precision == 1.0 and s.refusal_recall == 0.5 and s.false_refusal_rate == 0.0
    assert s.latency_p50 is not None and s.median_answer_chars == 7
    rows = {t.type: t for t in s.per_type}
    assert list(rows) == ["figure", "unanswerable", "answerable"]
    assert rows["unanswerable"].answer_acc == 0.5 and rows["unanswerable"].citation_acc is None
    assert rows["answerable"].answer_acc == s.answer_accuracy


def test_percentile_interpolates():
    assert evals.percentile([], 50) is None
    assert evals.percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert evals.percentile([0.0, 10.0], 95) == pytest.approx(9.5)


# ---------------------------------------------------------------- configurations and bars
def _base(tmp_path):
    from qzassist.config import Settings

    return Settings(index_dir=tmp_path / "index")


def test_compare_plans_every_combination_and_one_index_per_embedder(tmp_path):
    configs = evals.plan_configs(_base(tmp_path), ["bm25", "dense"], ["use-multilingual", "st:all-MiniLM-L6-v2"],
                                 None, compare=True)
    assert [c.label for c in configs] == ["use-multilingual/bm25", "use-multilingual/dense",
                                          "st:all-MiniLM-L6-v2/bm25", "st:all-MiniLM-L6-v2/dense"]
    assert configs[0].index_dir is None and configs[1].index_dir is None
    assert configs[2].index_dir == configs[3].index_dir == tmp_path / "index-st-all-MiniLM-L6-v2"
    assert {c.answerer for c in configs} == {"extractive"}


def test_local_model_paths_get_short_labels_and_their_own_index(tmp_path):
    a, b = "st:/models/a/all-MiniLM-L6-v2", "st:/models/b/all-MiniLM-L6-v2"
    configs = evals.plan_configs(_base(tmp_path), None, [a, b], None, compare=True)
    assert [c.label for c in configs] == ["st:all-MiniLM-L6-v2", "st:all-MiniLM-L6-v2 #2"]
    assert configs[0].index_dir != configs[1].index_dir
    assert configs[0].index_dir.name.startswith("index-st-all-MiniLM-L6-v2-")


def test_several_values_without_compare_are_an_error(tmp_path):
    with pytest.raises(ConfigError, match="--compare"):
        evals.plan_configs(_base(tmp_path), ["bm25", "dense"])
    [single] = evals.plan_configs(_base(tmp_path), ["bm25"])
    assert single.label == "bm25/use-multilingual/extractive"


def test_bars():
    s = _summary()
    assert evals.check_bars(s) == []
    assert evals.check_bars(s, min_answer=0.3, min_citation=1.0) == []
    assert evals.check_bars(s, min_answer=0.5) == ["answer accuracy 33.3% < 50.0%"]
    assert evals.check_bars(s, min_refusal=0.8) == ["refusal recall 50.0% < 80.0%"]


def _args(tmp_path, questions, **changes):
    values = {"split": "all", "questions": str(questions), "retriever": None, "embedder": None, "answerer": None,
              "compare": False, "min_answer": None, "min_citation": None, "min_refusal": None,
              "out": str(tmp_path / "out"), "json": False}
    values.update(changes)
    return argparse.Namespace(**values)


@pytest.fixture
def fake_run(tmp_path, monkeypatch):
    """A suite file with a failing item that has `<script>` in its question and one right item; a fake loader."""
    path = tmp_path / "s.jsonl"
    rows = [_raw(question="<script>alert(1)</script>教职工？", answer_facts=["999"]), _raw(id="q2")]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    fake = FakeAssistant({}, default=_answer("教职工303人 <b>", cited=["表5"], hits=["表5"]))
    loaded = []
    monkeypatch.setattr(evals, "load_assistant", lambda config, progress=None: loaded.append(config) or fake)
    return path, loaded


def test_run_cli_exit_codes_follow_the_bars(tmp_path, fake_run, capsys):
    path, _ = fake_run
    assert evals.run_cli(_args(tmp_path, path, min_answer=0.5)) == 0
    assert evals.run_cli(_args(tmp_path, path, min_answer=0.6, out=str(tmp_path / "o2"))) == 1
    captured = capsys.readouterr()
    assert "bar failed" in captured.err and "answer accuracy 50.0% < 60.0%" in captured.err
    assert "answerable" in captured.out and "report:" in captured.out
    with pytest.raises(ConfigError, match="--min-citation 60"):
        evals.run_cli(_args(tmp_path, path, min_citation=60))


def test_run_cli_compare_and_json(tmp_path, fake_run, capsys):
    path, loaded = fake_run
    code = evals.run_cli(_args(tmp_path, path, retriever=["bm25", "hybrid"], compare=True, json=True))
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and [c.retriever for c in loaded] == ["bm25", "hybrid"]
    assert [c["label"] for c in data["configs"]] == ["bm25", "hybrid"]
    assert data["configs"][0]["answer_accuracy"] == 0.5 and Path(data["report_html"]).is_file()


def test_report_files_escape_text_and_embed_pngs(tmp_path, fake_run):
    path, _ = fake_run
    evals.run_cli(_args(tmp_path, path))
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "303人 &lt;b&gt;" in page
    assert page.count('<img src="data:image/png;base64,') == 2
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    [config] = report["configs"]
    assert config["results"][0]["missing"] == ["999"] and report["split"] == "all"
