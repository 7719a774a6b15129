"""Chunking: sentence boundaries, token budgets, self-contained row records."""

from pathlib import Path

import pytest

from qzassist.chunk import chunk_report, count_tokens, pack_sentences, report_terms, split_sentences
from qzassist.report import parse_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chunks():
    report = parse_report((ROOT / "corpus" / "quzhou-2025-quality-report.md").read_text(encoding="utf-8"))
    return chunk_report(report, max_tokens=200)


def test_split_sentences_keeps_punctuation():
    assert split_sentences("甲。乙！丙？丁；戊") == ["甲。", "乙！", "丙？", "丁；", "戊"]
    # a question that offers alternatives is one sentence: "是坚守…？还是探索…？抑或共建…？"
    assert split_sentences("是坚守A模式？还是探索B路径？抑或共建C？三种模式各有价值。") == \
        ["是坚守A模式？还是探索B路径？抑或共建C？", "三种模式各有价值。"]
    assert split_sentences("是A吗？还有B。") == ["是A吗？", "还有B。"]


def test_a_long_sentence_stays_whole_unless_it_is_very_long():
    names = "、".join(f"第{i}位劳模" for i in range(12))
    sentence = f"学校邀请{names}进校园。"
    assert pack_sentences([sentence], max_tokens=count_tokens(sentence) - 5) == [sentence]
    runs = pack_sentences([sentence], max_tokens=count_tokens(sentence) // 3)
    assert len(runs) > 1 and "".join(runs) == sentence


def test_pack_respects_budget_and_sentence_boundaries():
    sentences = [f"第{i}句话说明学校的一个事实。" for i in range(30)]
    runs = pack_sentences(sentences, max_tokens=40)
    assert len(runs) > 1
    assert all(count_tokens(r) <= 40 for r in runs)
    assert all(r.endswith("。") for r in runs)
    assert "".join(runs) == "".join(sentences)


def test_text_chunks_stay_in_budget_and_end_on_sentences(chunks):
    texts = [c for c in chunks if c.kind == "text"]
    # a chunk over budget is a single long sentence kept whole (at most twice the budget)
    assert all(count_tokens(c.text) <= 200 or len(split_sentences(c.text)) == 1 for c in texts)
    assert all(count_tokens(c.text) <= 400 for c in texts)
    assert sum(c.text.endswith(("。", "；", "！", "？")) for c in texts) / len(texts) > 0.9


def test_chunks_carry_section_and_breadcrumb(chunks):
    c = next(c for c in chunks if "升学共计738人" in c.text)
    assert c.section == "1.5.2" and c.title == "升学与学业质量"
    assert c.breadcrumb == "1 人才培养 › 1.5 师生竞赛与升学成果 › 1.5.2 升学与学业质量"


def test_every_row_is_a_record(chunks):
    rows = [c for c in chunks if c.kind == "row"]
    by_section = {s: sum(c.section == s for c in rows) for s in ("表1", "表2", "表3", "表4", "表5", "表1-1", "1.2")}
    assert by_section == {"表1": 12, "表2": 46, "表3": 18, "表4": 17, "表5": 22, "表1-1": 10, "1.2": 32}
    row = next(c for c in rows if c.meta.get("label") == "生均教学科研仪器设备值")
    assert row.text == "表2 教学资源表 · 生均教学科研仪器设备值（元/生） · 2024年 23137.83 · 2025年 24514.74"
    assert row.meta["y2025"] == "24514.74" and row.meta["unit"] == "元/生"


def test_chunk_ids_are_unique(chunks):
    assert len({c.id for c in chunks}) == len(chunks)


def test_terms_come_from_the_report():
    report = parse_report((ROOT / "corpus" / "quzhou-2025-quality-report.md").read_text(encoding="utf-8"))
    terms = report_terms(report)
    assert "生师比" in terms and "浙江科技大学" in terms and "升学与学业质量" in terms
    assert not any("*" in t for t in terms)
    # a school the report names with its province is also asked about without it
    assert "浙江省衢州理工学校" in terms and "衢州理工学校" in terms and "永康市职业技术学校" in terms


def test_sections_numbered_alike_still_give_unique_chunk_ids():
    from qzassist.chunk import chunk_report
    from qzassist.report import parse_report

    # two tables under one heading: both would number their rows from 1.2#r0
    text = ("前言\n\n学校概况如下，学校占地两百亩，在校生两千人。\n\n1 人才培养\n\n1.2 招生\n\n招生计划如下。\n\n"
            "| 专业 | 计划数 |\n|----|----|\n| 电子商务 | 80 |\n| 会计事务 | 40 |\n\n获奖情况如下。\n\n"
            "| 赛项 | 等级 |\n|----|----|\n| 服装设计 | 一等奖 |\n| 电子商务 | 二等奖 |\n")
    chunks = chunk_report(parse_report(text))
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids)), ids
