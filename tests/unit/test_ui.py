"""The UI's pure renderers and its event handlers, with a scripted fake Assistant and no server."""

from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pytest

from qzassist import ui
from qzassist.config import Settings
from qzassist.errors import ConfigError, InvalidQuestionError, StaleIndexError
from qzassist.feedback import FeedbackStore
from qzassist.report import Paragraph, Report, Section, Table, TableRow, parse_report
from qzassist.schema import Answer, Chunk, Citation, Hit

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = "职教高考方面，升学共计738人，升学率97.2%，本科上线106人"
RATIO_ROW = "表2 教学资源表 · 生师比 · 2024年 13.7:1 · 2025年 13.58:1"


@pytest.fixture(scope="module")
def report():
    return parse_report((ROOT / "corpus" / "quzhou-2025-quality-report.md").read_text(encoding="utf-8"))


def _answer(**kw):
    values = dict(text="升学共计738人，升学率97.2%【1.5.2】。", question="升学情况？",
                  citations=[Citation("1.5.2", "升学与学业质量", SENTENCE), Citation("表2", "教学资源表", RATIO_ROW)])
    values.update(kw)
    return Answer(**values)


def _hit(section, title, text="…"):
    return Hit(chunk=Chunk(id=f"{section}#p0", text=text, section=section, title=title), score=1.0)


class FakeAssistant:
    """Streams a scripted answer in pieces and records the history it was given."""

    def __init__(self, report, answers):
        self.report, self.answers, self.histories = report, list(answers), []

    def stream(self, question, history=None):
        self.histories.append(list(history or []))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        answer.question = question
        for i in range(0, len(answer.text), 5):
            yield answer.text[i:i + 5]
        yield answer


# ---------------------------------------------------------------- chat messages
def test_user_text_with_html_is_escaped_not_rendered():
    msg = ui.render_user('<script>alert(1)</script><img src=x onerror="alert(2)">\n**b**')
    assert isinstance(msg, gr.ChatMessage) and msg.role == "user"
    assert "<script" not in msg.content and "<img" not in msg.content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in msg.content
    assert "&quot;alert(2)&quot;" in msg.content and "<br>" in msg.content


def test_partial_reply_shows_text_so_far_or_a_searching_note():
    assert "升学共计" in ui.render_partial("升学共计").content
    assert "qz-pending" in ui.render_partial("").content
    assert "正在查找" in ui.render_partial("").content
    assert "Searching" in ui.render_partial("", "en").content


def test_answer_has_escaped_text_and_one_chip_per_citation():
    msg = ui.render_answer(_answer(text="x <b>y</b> 【1.5.2】"), turn=3)
    assert msg.role == "assistant"
    assert "x &lt;b&gt;y&lt;/b&gt;" in msg.content
    assert 'class="qz-answer"' in msg.content and "qz-refusal" not in msg.content
    assert '<a class="qz-chip" href="#qz-cite-3-0"' in msg.content
    assert ">1.5.2 升学与学业质量</a>" in msg.content and ">表2 教学资源表</a>" in msg.content
    assert "出处" in msg.content
    assert "Sources" in ui.render_answer(_answer(), lang="en").content


def test_chip_tooltip_quote_is_attribute_escaped():
    msg = ui.render_answer(_answer(citations=[Citation("一", "学校概况", 'a "quoted" <b>')]))
    assert 'title="a &quot;quoted&quot; &lt;b&gt;"' in msg.content


def test_refusal_is_styled_apart_and_offers_nearest_sections():
    answer = _answer(text="报告中没有找到“食堂菜单”的信息。", refused=True,
                     citations=[Citation("6.2", "经费与资源保障", "食堂完成空调安装。")],
                     hits=[_hit("6.2", "经费与资源保障"), _hit("3.3", "后勤"), _hit("3.3", "后勤"), _hit("一", "学校概况"),
                           _hit("7", "挑战")])
    content = ui.render_answer(answer, turn=0).content
    assert 'class="qz-refusal"' in content and "qz-badge" in content and "报告中未找到" in content
    assert "可能相关的章节" in content and "出处" not in content
    assert [c.section for c in ui.chip_citations(answer)] == ["6.2", "3.3", "一"]


def test_notes_are_shown_under_the_answer():
    content = ui.render_answer(_answer(notes=["问题超过 500 个字符，只使用了前 500 个字符。"])).content
    assert 'class="qz-note"' in content and "只使用了前 500 个字符" in content


def test_no_chips_without_citations():
    assert "qz-chip" not in ui.render_answer(_answer(citations=[])).content


def test_chip_label_and_anchor_round_trip():
    assert ui.chip_label(Citation("1.5.2", "升学与学业质量", "")) == "1.5.2 升学与学业质量"
    assert ui.chip_label(Citation("前言", "前言", "")) == "前言"
    assert ui.parse_cite_anchor(ui.cite_anchor(2, 5)) == (2, 5)
    assert ui.parse_cite_anchor("http://127.0.0.1:7860/#qz-cite-1-0") == (1, 0)
    assert ui.parse_cite_anchor("#qz-sec-3") is None and ui.parse_cite_anchor(None) is None


def test_turn_record_and_history_pairs():
    record = ui.turn_record(_answer(), message_index=1)
    assert record["message_index"] == 1 and record["feedback_id"] is None
    assert record["citations"][0] == {"section": "1.5.2", "title": "升学与学业质量", "quote": SENTENCE}
    assert ui.history_pairs([record]) == [("升学情况？", _answer().text)]


# ---------------------------------------------------------------- source panel
def test_section_html_highlights_the_quoted_sentence(report):
    out = ui.section_html(report, "1.5.2", SENTENCE)
    assert "<h3>1.5.2 升学与学业质量</h3>" in out
    assert f"<mark>{SENTENCE}</mark>" in out
    assert "1 人才培养 › 1.5" in out  # breadcrumb
    assert "学校教育教学质量保持高位稳定发展态势" in out  # the whole section, not just the quote
    assert "qz-quote" not in out


def test_section_html_highlights_a_quoted_table_row(report):
    out = ui.section_html(report, "表2", RATIO_ROW)
    assert out.count('<tr class="qz-hit">') == 1
    hit_row = out.split('<tr class="qz-hit">')[1].split("</tr>")[0]
    assert "生师比" in hit_row and "13.58:1" in hit_row


def test_section_html_resolves_an_inline_table_id_to_its_section(report):
    assert "<h3>1.5.1 师生职业能力大赛</h3>" in ui.section_html(report, "表1-1", "")


def test_section_html_shows_an_unlocated_quote_above_and_unknown_ids_plainly(report):
    out = ui.section_html(report, "1.5.2", "这句话不在报告里。")
    assert "qz-quote" in out and "这句话不在报告里。" in out and "<mark>" not in out
    assert "没有编号为 9.9 的章节" in ui.section_html(report, "9.9", "")
    assert "no section 9.9" in ui.section_html(report, "9.9", "", "en")


def test_multi_sentence_quote_is_marked_sentence_by_sentence():
    html, hit = ui.highlight("甲说了。乙也说了。丙没说。", "甲说了。丙没说。")
    assert hit and html == "<mark>甲说了。</mark>乙也说了。<mark>丙没说。</mark>"


def test_report_text_is_escaped_and_the_escaped_quote_is_marked():
    row = TableRow("表9", "测试表", 0, {"指标": "<i>x</i>", "2025年": "1"}, label="<i>x</i>", values={"2025": "1"})
    table = Table("表9", "测试表", "1", ["指标", "2025年"], [row])
    section = Section("1", "<script>标题</script>", 1, blocks=[Paragraph("前文。a<b & c>d。后文。"), table])
    bad = Report("t", "s", "2025", [section])
    out = ui.section_html(bad, "1", "a<b & c>d。")
    assert "<script>" not in out and "&lt;script&gt;标题" in out
    assert "<mark>a&lt;b &amp; c&gt;d。</mark>" in out
    assert "<i>" not in out and "&lt;i&gt;x&lt;/i&gt;" in out


def test_source_for_maps_a_chip_to_its_citation(report):
    turns = [ui.turn_record(_answer(), 1)]
    assert "<mark>" in ui.source_for(report, turns, "#qz-cite-0-0")
    assert "qz-hit" in ui.source_for(report, turns, "#qz-cite-0-1")
    assert "点击回答下方的出处" in ui.source_for(report, turns, "#qz-cite-4-0")
    assert "Click a source chip" in ui.source_for(report, [], "", "en")


# ---------------------------------------------------------------- figures and report tabs
def test_figures_rows_cover_every_indicator_of_the_appendix_tables(report):
    rows = ui.figures_rows(report)
    expected = sum(len(t.rows) for t in report.tables() if t.id in {"表1", "表2", "表3", "表4", "表5"})
    assert len(rows) == expected > 100
    assert ui.figures_columns(report) == ["表", "指标", "单位", "2024", "2025", "变化"]
    assert ui.figures_columns(report, "en")[-1] == "Change"
    assert {r[0] for r in rows} == {"表1", "表2", "表3", "表4", "表5"}
    by_key = {ui.row_key(r): r for r in rows}
    assert by_key["表2 · 生师比"][2:] == ["—", "13.7:1", "13.58:1", "-0.12"]
    assert by_key["表2 · “双师型”教师比例"][3:] == ["90.97%", "95.89%", "+4.92"]
    assert by_key["表1 · 毕业生去向落实人数 · 升入本科人数"][3:] == ["124", "141", "+17"]
    assert by_key["表1 · 毕业生本省去向落实率"][-1] == "-0.5"


def test_change_text():
    assert ui.change_text("124", "141") == "+17"
    assert ui.change_text("100", "99.5") == "-0.5"
    assert ui.change_text("175.11", "94.4680") == "-80.642"
    assert ui.change_text("303", "303") == "0"
    assert ui.change_text("1,000", "1,250") == "+250"
    assert ui.change_text("13.7:1", "13.58:1") == "-0.12"
    assert ui.change_text("仅高职填", "") == "" and ui.change_text("1", "x") == ""


def test_table_number_reads_counts_percents_and_ratios():
    assert ui.table_number("1,250") == 1250 and ui.table_number("95.89%") == 95.89
    assert ui.table_number("13.58:1") == 13.58 and ui.table_number("3:2") == 1.5
    assert ui.table_number("仅高职填") is None and ui.table_number("") is None and ui.table_number("1:0") is None


def test_toggle_adds_removes_and_caps_the_selection():
    assert ui.toggle([], "a") == ["a"]
    assert ui.toggle(["a", "b"], "a") == ["b"]
    assert ui.toggle(["a", "b"], "c", limit=2) == ["b", "c"]


def test_figures_chart_draws_one_panel_per_row(report):
    rows = [r for r in ui.figures_rows(report) if r[1] in ("生师比", "月收入", "教职工总数 · 辅导员人数")]
    fig = ui.figures_chart(rows, ui.figure_years(report))
    assert len(fig.axes) == 3
    assert "月收入（元）" in " ".join(ax.get_title() for ax in fig.axes)
    notes = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("仅高职填" in t and "非数值" in t for t in notes)  # drawn as text, not as empty bars
    assert "13.58:1" in notes and "4160" in notes  # bars are labelled with the report's own text
    assert ui.figures_chart([], ["2024", "2025"]) is None


def test_report_html_has_a_linked_outline_and_every_section_and_table(report):
    out = ui.report_html(report)
    for i, section in enumerate(report.sections):
        assert f'href="#qz-sec-{i}"' in out and f'id="qz-sec-{i}"' in out
    assert out.count("<table") == len(report.tables())
    assert "目录" in out and "Contents" in ui.report_html(report, "en")


# ---------------------------------------------------------------- start screen, errors, settings
def test_intro_names_the_school_and_year(report):
    assert "衢州中等专业学校" in ui.intro_markdown(report) and "2025" in ui.intro_markdown(report)
    assert "annual education quality report" in ui.intro_markdown(report, "en")


def test_examples_are_grouped_by_persona_in_both_languages():
    for lang in ("zh", "en"):
        assert len(ui.PERSONAS[lang]) == len(ui.EXAMPLES[lang]) == 3
        assert all(len(group) >= 2 for group in ui.EXAMPLES[lang])
    assert ui.PERSONAS["zh"] == ("家长", "访客", "教职工")


def test_labels_exist_in_both_languages():
    assert set(ui.LABELS["zh"]) == set(ui.LABELS["en"])


def test_error_page_shows_the_error_and_the_fix():
    out = ui.error_markdown(StaleIndexError("index/ was built from another corpus <x>; run `qzassist ingest --rebuild`."))
    assert "another corpus &lt;x&gt;" in out and "qzassist ingest" in out
    assert "not ready" in ui.error_markdown(StaleIndexError("x"), "en")


def test_auth_pair_from_settings():
    assert ui.auth_pair(Settings(auth=None)) is None
    assert ui.auth_pair(Settings(auth="staff:pa:ss")) == ("staff", "pa:ss")
    with pytest.raises(ConfigError, match="QZ_AUTH must look like user:password"):
        ui.auth_pair(Settings(auth="nopassword"))


def test_default_bind_is_loopback():
    assert Settings().host == "127.0.0.1"


# ---------------------------------------------------------------- handlers, without a server
def _drain(gen):
    return list(gen)


def test_respond_streams_then_renders_and_passes_history(report, tmp_path):
    fake = FakeAssistant(report, [_answer(), _answer(text="2024年是1365人【表1】。", citations=[])])
    app = ui.ChatApp(fake, FeedbackStore(tmp_path / "fb.sqlite3"))
    steps = _drain(app.respond("毕业生升学情况怎么样？", [], [], "zh"))
    assert len(steps) >= 4  # placeholder, several partials, final
    assert all(s[0] == "" for s in steps)
    assert "qz-pending" in steps[1][1][-1].content and "qz-pending" not in steps[-1][1][-1].content
    _, chat, turns, start_screen, chat_column = steps[-1]
    assert [m.role for m in chat] == ["user", "assistant"]
    assert "qz-chip" in chat[-1].content and turns[0]["message_index"] == 1
    assert start_screen["visible"] is False and chat_column["visible"] is True
    steps = _drain(app.respond("那2024年呢？", chat, turns, "zh"))
    assert fake.histories[-1] == [("毕业生升学情况怎么样？", _answer().text)]
    assert len(steps[-1][2]) == 2 and steps[-1][2][1]["message_index"] == 3


def test_respond_ignores_blank_input_and_reports_core_errors(report, tmp_path):
    fake = FakeAssistant(report, [InvalidQuestionError("a question must be text; pass a str.")])
    app = ui.ChatApp(fake, FeedbackStore(tmp_path / "fb.sqlite3"))
    assert _drain(app.respond("   ", [], [], "zh"))[0][2] == [] and fake.histories == []
    last = _drain(app.respond("x", [], [], "zh"))[-1]
    assert "出错了" in last[1][-1].content and last[2] == []


def test_rating_stores_feedback_and_taking_it_back_deletes_it(report, tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    app = ui.ChatApp(FakeAssistant(report, []), store)
    turns = [ui.turn_record(_answer(), 1)]
    turns, fid, row = app.rate(turns, SimpleNamespace(index=1, liked=True))
    assert row["visible"] is True and store.rows()[0]["rating"] == "up"
    app.rate(turns, SimpleNamespace(index=1, liked=False))
    assert [r["rating"] for r in store.rows()] == ["down"]
    app.save_comment(fid, "第二个数字是2024年的", "zh")
    assert store.rows()[0]["comment"] == "第二个数字是2024年的"
    assert store.rows()[0]["citations"][0]["section"] == "1.5.2"
    turns, fid, row = app.rate(turns, SimpleNamespace(index=1, liked=""))
    assert store.rows() == [] and fid is None and row["visible"] is False
    assert app.rate(turns, SimpleNamespace(index=7, liked=True))[1] is None


def test_like_helpers():
    assert (ui.like_rating(True), ui.like_rating(False), ui.like_rating(""), ui.like_rating("Other")) == ("up", "down", None, None)
    turns = [{"message_index": 1}, {"message_index": 3}]
    assert ui.turn_for_message(turns, 3) is turns[1] and ui.turn_for_message(turns, [1, 0]) is turns[0]


def test_open_source_and_chart_handlers(report, tmp_path):
    app = ui.ChatApp(FakeAssistant(report, []), FeedbackStore(tmp_path / "fb.sqlite3"))
    html, sidebar = app.open_source("#qz-cite-0-0", [ui.turn_record(_answer(), 1)], "zh")
    assert "<mark>" in html and sidebar.open is True
    assert len(app.chart(["表2 · 生师比", "表1 · 月收入"], "zh").axes) == 2
    assert app.chart([], "zh") is None
    picked = ui.pick_row(["表1 · 月收入"], SimpleNamespace(row_value=["表2", "生师比", "—", "13.7:1", "13.58:1", ""]))
    assert picked["value"] == ["表1 · 月收入", "表2 · 生师比"]


def test_build_app_wires_named_endpoints_without_launching(report, tmp_path):
    demo = ui.build_app(FakeAssistant(report, []), FeedbackStore(tmp_path / "fb.sqlite3"))
    names = {fn.api_name for fn in demo.fns.values()}
    assert {"ask", "open_source", "chart", "comment"} <= names
    updates = ui.relabelled(report, "en")
    # the language toggle's event outputs the language state, then one widget per update
    assert any(len(fn.outputs) == len(updates) + 1 for fn in demo.fns.values())


def test_create_app_shows_the_fix_when_the_index_is_missing(monkeypatch, tmp_path):
    from qzassist import assistant

    def refuse(*args, **kwargs):
        raise StaleIndexError("index/ is missing; run `qzassist ingest`.")

    monkeypatch.setattr(assistant.Assistant, "load", classmethod(lambda cls, *a, **k: refuse()))
    demo = ui.create_app(Settings(index_dir=tmp_path / "none"), FeedbackStore(tmp_path / "fb.sqlite3"))
    texts = [b.value for b in demo.blocks.values() if isinstance(b, gr.Markdown)]
    assert any("index/ is missing" in t and "qzassist ingest" in t for t in texts)


def test_create_app_warms_the_core_up_in_the_background(monkeypatch, report, tmp_path):
    import threading

    from qzassist import assistant

    asked = threading.Event()
    fake = FakeAssistant(report, [])
    fake.ask = lambda question, history=None: asked.set()
    monkeypatch.setattr(assistant.Assistant, "load", classmethod(lambda cls, *a, **k: fake))
    demo = ui.create_app(Settings(), FeedbackStore(tmp_path / "fb.sqlite3"))
    assert asked.wait(5)
    assert any(fn.api_name == "ask" for fn in demo.fns.values())
