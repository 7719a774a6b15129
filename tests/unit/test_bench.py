"""The benchmark's pure parts: statistics, ratios, targets, tables, stage accounting, the tutorial's answer shape.

Timings themselves are not tested; `qzassist bench` measures them.
"""

import pytest
from langchain_core.documents import Document

from qzassist.bench import (
    BASELINE,
    METRICS,
    QZASSIST,
    STAGES,
    TUTORIAL_USE,
    SectionLocator,
    StageClock,
    TutorialPipeline,
    format_ratio,
    latency_summary,
    load_note,
    markdown_table,
    median_of_runs,
    meets_target,
    ratio,
    render_markdown,
    results_table,
    stage_breakdown,
    stage_table,
)
from qzassist.schema import Chunk


def _metric(key):
    return next(m for m in METRICS if m.key == key)


def test_latency_summary_is_in_milliseconds_with_interpolated_p95():
    seconds = [i / 1000 for i in range(1, 101)]  # 1 ms .. 100 ms
    summary = latency_summary(seconds)
    assert summary["p50"] == pytest.approx(50.5)
    assert summary["p95"] == pytest.approx(95.05)


def test_median_of_runs_takes_the_median_per_key_and_skips_missing_values():
    runs = [{"a": 1.0, "b": None}, {"a": 5.0, "b": 2.0}, {"a": 3.0, "c": 7.0}]
    assert median_of_runs(runs) == {"a": 3.0, "b": 2.0, "c": 7.0}


def test_median_of_runs_drops_keys_that_never_have_a_value():
    assert median_of_runs([{"x": None}, {"x": None}]) == {}


def test_ratio_is_none_without_a_usable_baseline():
    assert ratio(2.0, 8.0) == 0.25
    assert ratio(None, 8.0) is None
    assert ratio(2.0, None) is None
    assert ratio(2.0, 0.0) is None


@pytest.mark.parametrize("value, text", [(0.1234, "0.12×"), (1.0, "1.0×"), (3.44, "3.4×"), (45.2, "45×"),
                                         (None, "–")])
def test_format_ratio(value, text):
    assert format_ratio(value) == text


def test_markdown_table_aligns_numbers_right_and_escapes_pipes():
    table = markdown_table(["metric", "a", "b"], [["x | y", "1", "2"]])
    assert table.splitlines() == ["| metric | a | b |", "|---|---:|---:|", "| x \\| y | 1 | 2 |"]


def test_markdown_table_rejects_a_short_row():
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        markdown_table(["a", "b", "c"], [["1", "2"]])


def test_meets_target_absolute_and_relative_to_the_baseline():
    assert meets_target(_metric("total_p95_ms"), 49.0, 400.0) is True
    assert meets_target(_metric("total_p95_ms"), 51.0, 400.0) is False
    assert meets_target(_metric("answer_accuracy"), 0.6, 0.2) is True
    assert meets_target(_metric("answer_accuracy"), 0.2, 0.2) is False
    assert meets_target(_metric("answer_chars_median"), 50, 600) is True
    assert meets_target(_metric("answer_chars_median"), 61, 600) is False


def test_meets_target_is_none_without_a_target_or_a_value():
    assert meets_target(_metric("ingest_rss_mb"), 300, 800) is None
    assert meets_target(_metric("total_p95_ms"), None, 400) is None
    assert meets_target(_metric("answer_accuracy"), 0.5, None) is None


def _summaries():
    return {
        QZASSIST.key: {"total_p95_ms": 20.0, "answer_accuracy": 0.6, "answer_chars_median": 50},
        TUTORIAL_USE.key: {"total_p95_ms": 10.0, "answer_accuracy": 0.7, "answer_chars_median": 1500},
        BASELINE.key: {"total_p95_ms": 400.0, "answer_accuracy": 0.2, "answer_chars_median": 600},
    }


def test_results_table_has_ratio_columns_against_the_baseline_and_marks_targets():
    table = results_table(_summaries())
    header, _, *rows = table.splitlines()
    assert header.count("÷ baseline") == 2 and "(baseline)" in header
    p95 = next(r for r in rows if "warm answer p95" in r)
    assert "| 20.0 | 0.05× | 10.0 | 0.03× | 400.0 | ≤ 50 ms ✓ |" in p95
    length = next(r for r in rows if "median answer length" in r)
    assert "0.08×" in length and "< 0.1 × baseline ✓" in length
    ingest = next(r for r in rows if "ingest from an empty index" in r)
    assert ingest.count("–") == 5  # no values: three cells and two ratios; target shown without a mark
    assert "≤ 30 s |" in ingest


def test_stage_breakdown_subtracts_nested_stages_and_shares_add_up():
    record = {"embed": 0.003, "chroma": 0.002, "bm25": 0.0005, "jieba": 0.0002, "cosine": 0.0,
              "rows": 0.004, "retrieve": 0.006, "compose": 0.005}
    stages = {name: (mean, share) for name, mean, _, share in stage_breakdown([record, record])}
    assert list(stages) == list(STAGES)
    assert stages["bm25"][0] == pytest.approx(0.3)
    assert stages["retrieve_other"][0] == pytest.approx(0.5)
    assert stages["compose_other"][0] == pytest.approx(1.0)
    assert sum(share for _, share in stages.values()) == pytest.approx(1.0)


def test_stage_table_lists_every_stage_and_a_total():
    record = {"embed": 0.002, "retrieve": 0.002, "compose": 0.001}
    lines = stage_table(stage_breakdown([record])).splitlines()
    assert len(lines) == 2 + len(STAGES) + 1
    assert lines[-1].startswith("| **total**") and "| 3.00 |" in lines[-1]


class _Thing:
    def work(self, x):
        return x * 2

    def outer(self, x):
        return self.work(x) + 1


def test_stage_clock_counts_wrapped_calls_including_nested_ones_and_resets_on_take():
    thing, clock = _Thing(), StageClock()
    assert clock.wrap(thing, "work", "inner") and clock.wrap(thing, "outer", "outer")
    assert thing.outer(3) == 7  # results pass through
    taken = clock.take()
    assert set(taken) == {"inner", "outer"} and taken["outer"] >= taken["inner"] > 0
    assert clock.take() == {"inner": 0.0, "outer": 0.0}


def test_stage_clock_skips_what_it_cannot_wrap():
    clock = StageClock()
    assert clock.wrap(_Thing(), "missing", "x") is False
    assert clock.wrap(None, "work", "x") is False
    assert clock.take() == {}


def _chunk(section, text, title=""):
    return Chunk(id=f"{section}#{len(text)}", text=text, section=section, title=title or f"title {section}")


def test_section_locator_credits_the_section_sharing_most_text():
    locator = SectionLocator([
        _chunk("1.1", "学校坚持立德树人，培养高素质技术技能人才。"),
        _chunk("表5", "表5 学校基本情况 · 教职工总数 · 2025年 303"),
        _chunk("1.1", "教学目标与理念贯穿人才培养全过程。"),
    ])
    assert locator.locate("## 1.1 教学目标\n\n学校坚持立德树人，培养高素质") == ("1.1", "title 1.1")
    assert locator.locate("| 教职工总数 | 人 | 303 |")[0] == "表5"
    assert locator.locate("xyz") == ("", "")


class _FakeStore:
    def __init__(self, docs):
        self.docs, self.queries = docs, []

    def similarity_search(self, query, k):
        self.queries.append((query, k))
        return self.docs[:k]


def _doc(text, section):
    return Document(page_content=text, metadata={"section": section, "title": f"title {section}"})


def test_tutorial_answer_joins_the_top_four_chunks_and_cites_each_section_once():
    store = _FakeStore([_doc("A", "1.1"), _doc("B", "表2"), _doc("C", "1.1"), _doc("D", ""), _doc("E", "2")])
    answer = TutorialPipeline(store).ask("教职工多少？")
    assert store.queries == [("教职工多少？", 4)]
    assert answer.text == "A\n\nB\n\nC\n\nD"
    assert [c.section for c in answer.citations] == ["1.1", "表2"]
    assert answer.refused is False and set(answer.timings) == {"retrieve", "compose"}


def test_tutorial_joins_earlier_user_turns_into_the_query():
    store = _FakeStore([_doc("A", "1.1")])
    TutorialPipeline(store).ask("那2024年呢？", [("2025年教职工多少？", "303")])
    assert store.queries[0][0] == "2025年教职工多少？ 那2024年呢？"


def test_render_markdown_holds_both_tables_and_the_chart():
    result = {"summaries": _summaries(),
              "stages": stage_breakdown([{"embed": 0.002, "retrieve": 0.002, "compose": 0.001}])}
    text = render_markdown(result, repeats=3, questions=235, command="qzassist bench --repeats 3")
    assert "`qzassist bench --repeats 3`" in text and "Medians of 3 runs" in text
    assert "| warm answer p95 (ms) |" in text and "| **total**" in text
    assert "![benchmark chart](results.png)" in text


def test_load_note_warns_only_when_the_machine_was_busier_than_its_cpus():
    assert load_note([0.4, 1.2], cpus=2) == "1-minute load average 0.4 → 1.2."
    busy = load_note([5.5, 3.7], cpus=2)
    assert busy.startswith("1-minute load average 5.5 → 3.7.") and "above the 2 CPUs" in busy
    assert load_note([None, None], cpus=2) == ""
