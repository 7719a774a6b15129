"""The Gradio chat UI: pure renderers from core objects to HTML / ``gr.ChatMessage``, and thin Blocks wiring.

Everything a person sees is produced by a pure function here (``render_answer``,
``section_html``, ``figures_rows``, ``report_html`` …) that unit tests call without a server.
The event handlers in ``ChatApp`` only call ``Assistant.stream`` / ``FeedbackStore`` and
hand the results to those renderers. All report and user text is HTML-escaped before it is
shown; citation chips are plain links (``#qz-cite-<turn>-<n>``) that a small script turns
into a click on a hidden button, because the chatbot's HTML sanitiser keeps ``href`` and
``class`` but drops ``data-*`` attributes and event handlers.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import gradio as gr

from .chunk import split_sentences
from .config import Settings
from .errors import ConfigError, QzAssistError
from .feedback import FeedbackStore
from .report import Caption, Paragraph, Report, Section, Table, TableRow
from .schema import Answer, Citation

LANGS = {"中文": "zh", "English": "en"}
CITE_PREFIX = "#qz-cite-"
WARM_UP_QUESTION = "学校有多少教职工？"
MAX_CHART_ROWS = 8
NEAREST_LIMIT = 3

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "{school} · 质量报告问答",
        "intro": "本助手读过《{school}{year}年度教育质量报告》，回答关于学校的问题，每条回答都注明出处章节。",
        "tab_chat": "问答", "tab_figures": "数据速查", "tab_report": "报告原文",
        "examples": "试试这些问题", "chatbot": "对话",
        "placeholder": "输入问题，例如：学校有多少名在校生？", "send": "发送",
        "sources": "出处", "nearest": "可能相关的章节", "refused": "报告中未找到",
        "thinking": "正在查找…", "source_title": "原文出处",
        "source_hint": "点击回答下方的出处标签，可在这里查看原文，引用的句子或表格行会高亮显示。",
        "quote": "引用", "not_found": "报告中没有编号为 {id} 的章节。",
        "comment": "谢谢反馈！可以补充说明（可选）", "comment_send": "提交说明", "thanks": "已记录，谢谢！",
        "figures_hint": "在右上角搜索，或用表头的 ⋮ 菜单排序；点击一行把它加入下方对比图，再点一次移除。",
        "selected": "对比的指标", "chart": "年度对比", "clear": "清空选择",
        "col_table": "表", "col_indicator": "指标", "col_unit": "单位", "col_change": "变化",
        "chart_note": "（非数值，未画出）", "toc": "目录", "lang": "语言",
        "error_title": "助手还没准备好", "error_fix": "在项目目录运行 `qzassist ingest`（或 `make ingest`）建立索引，然后重新启动。",
        "error_reply": "出错了：{error}",
    },
    "en": {
        "title": "{school} · Quality report Q&A",
        "intro": "This assistant has read the {year} annual education quality report of {school} and answers questions about the school, citing the report's sections.",
        "tab_chat": "Ask", "tab_figures": "Key figures", "tab_report": "Report",
        "examples": "Try asking", "chatbot": "Conversation",
        "placeholder": "Ask a question, e.g. How many students does the school have?", "send": "Send",
        "sources": "Sources", "nearest": "Nearest sections", "refused": "Not in the report",
        "thinking": "Searching…", "source_title": "Source",
        "source_hint": "Click a source chip under an answer to read the section here, with the quoted sentence or row highlighted.",
        "quote": "Quoted", "not_found": "The report has no section {id}.",
        "comment": "Thanks! Add a comment (optional)", "comment_send": "Send comment", "thanks": "Saved, thank you!",
        "figures_hint": "Search at the top right, or sort with a header's ⋮ menu; click a row to add it to the chart below, click again to remove it.",
        "selected": "Indicators to compare", "chart": "Year-on-year comparison", "clear": "Clear selection",
        "col_table": "Table", "col_indicator": "Indicator", "col_unit": "Unit", "col_change": "Change",
        "chart_note": "(not a number, not drawn)", "toc": "Contents", "lang": "Language",
        "error_title": "The assistant is not ready yet", "error_fix": "Run `qzassist ingest` (or `make ingest`) in the project folder to build the index, then start it again.",
        "error_reply": "Something went wrong: {error}",
    },
}

PERSONAS = {"zh": ("家长", "访客", "教职工"), "en": ("Parents", "Visitors", "Staff")}
EXAMPLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "zh": (("学校有多少名在校生？", "毕业生升学情况怎么样？", "学生技能竞赛获得了哪些奖项？"),
           ("学校获得过哪些荣誉？", "学校创办于哪一年？", "学校有多少个专业？"),
           ("生师比是多少？", "双师型教师比例是多少？", "教职工总数是多少？")),
    "en": (("How many full-time students are there?", "How many graduates went on to a bachelor programme?",
            "What is the average monthly income of graduates?"),
           ("How many majors does the school offer?", "How large is the campus in mu?",
            "What awards did students win in skills competitions?"),
           ("What is the student-teacher ratio?", "What share of teachers are dual-qualified?",
            "How many staff does the school have?")),
}


def label(lang: str, key: str, **values) -> str:
    """A UI label in the chosen language.

    Args:
        lang: ``"zh"`` or ``"en"``.
        key: a key of ``LABELS``.
        **values: fields to fill in.

    Returns:
        The label text.
    """
    text = LABELS.get(lang, LABELS["zh"])[key]
    return text.format(**values) if values else text


# ================================================================ text and chat messages
def as_text(text: str) -> str:
    """Escape text so markdown/HTML renderers show it literally (line breaks kept).

    Args:
        text: any text from the report or a person.

    Returns:
        HTML-escaped text with newlines as ``<br>``.
    """
    return html.escape(text).replace("\n", "<br>")


def render_user(question: str) -> gr.ChatMessage:
    """The person's message, shown as text even if it contains HTML or markdown.

    Args:
        question: what was typed.

    Returns:
        A user ChatMessage.
    """
    return gr.ChatMessage(role="user", content=f'<div class="qz-user">{as_text(question)}</div>')


def render_partial(text: str, lang: str = "zh") -> gr.ChatMessage:
    """The reply while it is still streaming.

    Args:
        text: the text received so far.
        lang: UI language.

    Returns:
        An assistant ChatMessage with a typing cursor.
    """
    body = as_text(text) if text else f'<span class="qz-muted">{label(lang, "thinking")}</span>'
    return gr.ChatMessage(role="assistant", content=f'<div class="qz-answer qz-pending">{body}<span class="qz-cursor">▍</span></div>')


def render_error(exc: Exception, lang: str = "zh") -> gr.ChatMessage:
    """A reply that reports an error the core raised.

    Args:
        exc: the error (its one-sentence message is shown).
        lang: UI language.

    Returns:
        An assistant ChatMessage.
    """
    text = label(lang, "error_reply", error=str(exc))
    return gr.ChatMessage(role="assistant", content=f'<div class="qz-refusal">{as_text(text)}</div>')


def chip_label(citation: Citation) -> str:
    """How a citation reads on its chip: ``1.5.2 升学与学业质量``.

    Args:
        citation: a citation.

    Returns:
        Section id and title (just the title when they are equal).
    """
    if not citation.title or citation.title == citation.section:
        return citation.section
    return f"{citation.section} {citation.title}"


def cite_anchor(turn: int, index: int) -> str:
    """The link target of chip ``index`` under answer ``turn``.

    Args:
        turn: 0-based answer number in the conversation.
        index: 0-based chip number under that answer.

    Returns:
        ``#qz-cite-<turn>-<index>``.
    """
    return f"{CITE_PREFIX}{turn}-{index}"


def parse_cite_anchor(anchor: str | None) -> tuple[int, int] | None:
    """Undo ``cite_anchor``.

    Args:
        anchor: a link target (a full URL ending in it is accepted too).

    Returns:
        ``(turn, index)``, or None when it is not a chip link.
    """
    m = re.search(r"#qz-cite-(\d+)-(\d+)$", anchor or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def chip_citations(answer: Answer, limit: int = NEAREST_LIMIT) -> list[Citation]:
    """The citations shown as chips: an answer's own, or for a refusal its nearest sections.

    A refusal's citations are completed with the best distinct sections among its hits.

    Args:
        answer: the Answer.
        limit: at most this many chips for a refusal.

    Returns:
        Citations, one per chip.
    """
    if not answer.refused:
        return list(answer.citations)
    chips = list(answer.citations)[:limit]
    for hit in answer.hits:
        if len(chips) >= limit:
            break
        if hit.chunk.section not in {c.section for c in chips}:
            chips.append(Citation(section=hit.chunk.section, title=hit.chunk.title, quote=hit.chunk.text))
    return chips


def chips_html(citations: list[Citation], turn: int, caption: str) -> str:
    """A row of clickable citation chips.

    Args:
        citations: one per chip.
        turn: the answer's number (for the link targets).
        caption: the text before the chips (``出处``).

    Returns:
        HTML, or ``""`` when there are no citations.
    """
    if not citations:
        return ""
    links = " ".join(f'<a class="qz-chip" href="{cite_anchor(turn, i)}" title="{html.escape(c.quote, quote=True)}">'
                     f"{html.escape(chip_label(c))}</a>" for i, c in enumerate(citations))
    return f'<div class="qz-chips"><span class="qz-chips-caption">{html.escape(caption)}：</span>{links}</div>'


def answer_html(answer: Answer, turn: int, lang: str = "zh") -> str:
    """The final reply as HTML: text, notes, and chips; refusals carry a badge and nearest sections.

    Args:
        answer: the Answer from the core.
        turn: the answer's number in the conversation.
        lang: UI language.

    Returns:
        HTML for the chat bubble.
    """
    notes = "".join(f'<div class="qz-note">{as_text(n)}</div>' for n in answer.notes)
    chips = chip_citations(answer)
    if answer.refused:
        badge = f'<span class="qz-badge">{label(lang, "refused")}</span>'
        body = f'<div class="qz-refusal">{badge} {as_text(answer.text)}</div>'
        return body + notes + chips_html(chips, turn, label(lang, "nearest"))
    body = f'<div class="qz-answer">{as_text(answer.text)}</div>'
    return body + notes + chips_html(chips, turn, label(lang, "sources"))


def render_answer(answer: Answer, turn: int = 0, lang: str = "zh") -> gr.ChatMessage:
    """The final reply as a chat message.

    Args:
        answer: the Answer from the core.
        turn: the answer's number in the conversation (0-based).
        lang: UI language.

    Returns:
        An assistant ChatMessage.
    """
    return gr.ChatMessage(role="assistant", content=answer_html(answer, turn, lang))


def turn_record(answer: Answer, message_index: int) -> dict:
    """What the UI remembers about one answered turn (kept in ``gr.State``).

    Args:
        answer: the Answer.
        message_index: the index of the reply in the chatbot's message list.

    Returns:
        A JSON-able dict: question, answer text, refused, citations, chips, message_index, feedback_id.
    """
    return {"question": answer.question, "answer": answer.text, "refused": answer.refused,
            "citations": [asdict(c) for c in answer.citations],
            "chips": [asdict(c) for c in chip_citations(answer)],
            "message_index": message_index, "feedback_id": None}


def history_pairs(turns: list[dict]) -> list[tuple[str, str]]:
    """Earlier turns as ``(question, answer)`` pairs for ``Assistant.stream``.

    Args:
        turns: records from ``turn_record``.

    Returns:
        The pairs, oldest first.
    """
    return [(t["question"], t["answer"]) for t in turns]


# ================================================================ report sections
def find_section(report: Report, section_id: str) -> Section | None:
    """The section a citation points at; a table id (``表1-1``) resolves to the section holding it.

    Args:
        report: the parsed report.
        section_id: a section or table id.

    Returns:
        The Section, or None.
    """
    section = report.section(section_id)
    if section is not None:
        return section
    table = next((t for t in report.tables() if t.id == section_id), None)
    return report.section(table.section_id) if table is not None else None


def _spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans where ``pieces`` occur in ``text``."""
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        start = text.find(piece)
        while start >= 0 and any(s < start + len(piece) and start < e for s, e in spans):
            start = text.find(piece, start + 1)
        if piece and start >= 0:
            spans.append((start, start + len(piece)))
    return sorted(spans)


def highlight(text: str, quote: str) -> tuple[str, bool]:
    """Escape ``text`` and wrap each sentence of ``quote`` found in it in ``<mark>``.

    Args:
        text: a paragraph from the report.
        quote: the cited sentence(s).

    Returns:
        The HTML, and whether anything was marked.
    """
    pieces = [quote] if quote and quote in text else split_sentences(quote or "")
    out, pos = [], 0
    for start, end in _spans(text, pieces):
        out += [html.escape(text[pos:start]), f"<mark>{html.escape(text[start:end])}</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out), pos > 0


def row_matches(row: TableRow, quote: str) -> bool:
    """Whether a cited quote is this table row (row citations quote ``TableRow.as_record()``).

    Args:
        row: a table row.
        quote: the cited text.

    Returns:
        True for the cited row.
    """
    return bool(quote) and row.as_record().strip() == quote.strip()


def table_title(table: Table) -> str:
    """A table's caption: ``表2 教学资源表``, or just the title for an unnumbered table.

    Args:
        table: a parsed table.

    Returns:
        The caption text.
    """
    return f"{table.id} {table.title}" if table.id.startswith("表") else table.title


def table_html(table: Table, quote: str = "", caption: bool = True) -> tuple[str, bool]:
    """A report table as an HTML table, the cited row highlighted.

    Args:
        table: a parsed table.
        quote: the cited text.
        caption: show the table's id and title above it (off when the section heading already says it).

    Returns:
        The HTML, and whether a row was highlighted.
    """
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.header)
    rows, hit = [], False
    for row in table.rows:
        cells = "".join(f"<td>{html.escape(row.cells.get(h, ''))}</td>" for h in table.header)
        match = row_matches(row, quote)
        hit = hit or match
        rows.append(f'<tr class="qz-hit">{cells}</tr>' if match else f"<tr>{cells}</tr>")
    title = html.escape(table_title(table))
    caption_html = f"<caption>{title}</caption>" if caption and title else ""
    return (f'<div class="qz-table-wrap"><table class="qz-table">{caption_html}'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"), hit


def block_html(block, quote: str = "", heading: str = "") -> tuple[str, bool]:
    """One block of a section as HTML.

    Args:
        block: a Paragraph, Table or Caption.
        quote: the cited text to highlight.
        heading: the heading of the section it sits in (a table titled the same gets no caption).

    Returns:
        The HTML, and whether the quote was highlighted in it.
    """
    if isinstance(block, Table):
        return table_html(block, quote, caption=table_title(block) != heading)
    if isinstance(block, Caption):
        text, hit = highlight(f"{block.figure} {block.text}".strip(), quote)
        return f'<p class="qz-caption">{text}</p>', hit
    text, hit = highlight(block.text if isinstance(block, Paragraph) else str(block), quote)
    return f"<p>{text}</p>", hit


def section_body_html(section: Section, quote: str = "") -> tuple[str, bool]:
    """All blocks of a section as HTML.

    Args:
        section: the section.
        quote: the cited text to highlight.

    Returns:
        The HTML, and whether the quote was highlighted anywhere.
    """
    parts, found = [], False
    for block in section.blocks:
        part, hit = block_html(block, quote, section.heading())
        parts.append(part)
        found = found or hit
    return "".join(parts), found


def section_html(report: Report, section_id: str, quote: str = "", lang: str = "zh") -> str:
    """The source panel: breadcrumb, heading and the whole section, the quoted sentence or row highlighted.

    When the quote cannot be located in the section it is shown above it instead.

    Args:
        report: the parsed report.
        section_id: the cited section (or table) id.
        quote: the cited sentence or row record.
        lang: UI language.

    Returns:
        Escaped HTML.
    """
    section = find_section(report, section_id)
    if section is None:
        return f'<div class="qz-source"><p>{html.escape(label(lang, "not_found", id=section_id))}</p></div>'
    crumbs = " › ".join(html.escape(s.heading()) for s in report.breadcrumb(section.id)[:-1])
    body, found = section_body_html(section, quote)
    children = [s for s in report.sections if s.parent == section.id]
    if not section.blocks and children:
        body = "<ul>" + "".join(f"<li>{html.escape(s.heading())}</li>" for s in children) + "</ul>"
    shown_quote = "" if found or not quote else (
        f'<blockquote class="qz-quote"><b>{label(lang, "quote")}：</b>{as_text(quote)}</blockquote>')
    return (f'<div class="qz-source"><div class="qz-crumbs">{crumbs}</div>'
            f"<h3>{html.escape(section.heading())}</h3>{shown_quote}{body}</div>")


def source_for(report: Report, turns: list[dict], anchor: str, lang: str = "zh") -> str:
    """The source panel for a clicked chip.

    Args:
        report: the parsed report.
        turns: records from ``turn_record``.
        anchor: the chip's link target.
        lang: UI language.

    Returns:
        The panel HTML (the hint when the chip is unknown).
    """
    key = parse_cite_anchor(anchor)
    if key is None or key[0] >= len(turns) or key[1] >= len(turns[key[0]]["chips"]):
        return f'<div class="qz-source qz-muted">{html.escape(label(lang, "source_hint"))}</div>'
    chip = turns[key[0]]["chips"][key[1]]
    return section_html(report, chip["section"], chip["quote"], lang)


def report_html(report: Report, lang: str = "zh") -> str:
    """The whole report: a linked table of contents, then every section with its tables.

    Args:
        report: the parsed report.
        lang: UI language.

    Returns:
        Escaped HTML.
    """
    anchors = {s.id: f"qz-sec-{i}" for i, s in enumerate(report.sections)}
    toc = "".join(f'<li class="qz-toc-l{min(s.level, 3)}"><a href="#{anchors[s.id]}">{html.escape(s.heading())}</a></li>'
                  for s in report.sections)
    parts = [f'<nav class="qz-toc"><details open><summary>{label(lang, "toc")}</summary><ul>{toc}</ul></details></nav>',
             '<article class="qz-report">']
    for s in report.sections:
        level = min(s.level + 1, 5)
        parts.append(f'<h{level} id="{anchors[s.id]}">{html.escape(s.heading())}</h{level}>')
        parts.append(section_body_html(s)[0])
    parts.append("</article>")
    return f'<div class="qz-report-wrap"><h2>{html.escape(report.title)}</h2>{"".join(parts)}</div>'


# ================================================================ figures
def appendix_tables(report: Report) -> list[Table]:
    """The numbered appendix tables (``表1`` … ``表5``).

    Args:
        report: the parsed report.

    Returns:
        Those tables in order.
    """
    return [t for t in report.tables() if re.fullmatch(r"表\d+", t.id)]


def figure_years(report: Report) -> list[str]:
    """The years the appendix tables give values for, oldest first.

    Args:
        report: the parsed report.

    Returns:
        Years as strings (``["2024", "2025"]``).
    """
    return sorted({y for t in appendix_tables(report) for r in t.rows for y in r.values})


def table_number(value: str) -> float | None:
    """A table cell as a number: ``1,250`` → 1250, ``95.89%`` → 95.89, a ratio ``13.58:1`` → 13.58.

    Args:
        value: the cell text.

    Returns:
        The number, or None for text such as ``仅高职填`` or an empty cell.
    """
    text = (value or "").replace(",", "").strip().rstrip("%")
    m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?):(\d+(?:\.\d+)?)", text)
    try:
        return float(m.group(1)) / float(m.group(2)) if m else float(text)
    except (ValueError, ZeroDivisionError):
        return None


def change_text(old: str, new: str) -> str:
    """The change between two table values (``+15``, ``-0.12``), or ``""`` if either is not a number.

    Args:
        old: the earlier value.
        new: the later value.

    Returns:
        The signed difference as text.
    """
    a, b = table_number(old), table_number(new)
    if a is None or b is None:
        return ""
    diff = round(b - a, 4)
    return f"{diff:+,.4f}".rstrip("0").rstrip(".") if diff else "0"


def figures_columns(report: Report, lang: str = "zh") -> list[str]:
    """Column names of the figures table.

    Args:
        report: the parsed report.
        lang: UI language.

    Returns:
        表, 指标, 单位, one column per year, 变化.
    """
    return [label(lang, "col_table"), label(lang, "col_indicator"), label(lang, "col_unit"),
            *figure_years(report), label(lang, "col_change")]


def figures_rows(report: Report) -> list[list[str]]:
    """Every indicator row of the appendix tables, for the 数据速查 table.

    Args:
        report: the parsed report.

    Returns:
        Rows of ``[table id, indicator, unit, value per year…, change first→last year]``.
    """
    years = figure_years(report)
    rows = []
    for table in appendix_tables(report):
        for row in table.rows:
            values = [row.values.get(y, "") for y in years]
            change = change_text(values[0], values[-1]) if len(values) > 1 else ""
            rows.append([table.id, row.full_label(), row.unit, *values, change])
    return rows


def row_key(row: list[str]) -> str:
    """The name of a figures row in the chart picker: ``表2 · 生师比``.

    Args:
        row: a row from ``figures_rows`` (or the table's selected row values).

    Returns:
        Table id and indicator.
    """
    return f"{row[0]} · {row[1]}"


def toggle(selected: list[str], key: str, limit: int = MAX_CHART_ROWS) -> list[str]:
    """Add ``key`` to the chart selection, or remove it if it is there (oldest dropped past ``limit``).

    Args:
        selected: keys now selected.
        key: the clicked row's key.
        limit: most rows on the chart.

    Returns:
        The new selection.
    """
    if key in selected:
        return [k for k in selected if k != key]
    return ([*selected, key])[-limit:]


@lru_cache(maxsize=1)
def _cjk_font() -> str | None:
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei",
              "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "SimHei", "AR PL UMing CN")
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((w for w in wanted if w in names), None)


def figures_chart(rows: list[list[str]], years: list[str], lang: str = "zh"):
    """Bar charts comparing the years, one small panel per selected indicator (each on its own scale).

    Args:
        rows: rows from ``figures_rows``.
        years: the year columns, in the order the rows hold them.
        lang: UI language.

    Returns:
        A matplotlib Figure, or None when no rows are given.
    """
    if not rows:
        return None
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    font = _cjk_font()
    style = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"], "axes.unicode_minus": False}
    cols = min(len(rows), 2)
    nrows = (len(rows) + cols - 1) // cols
    with rc_context(style):
        fig = Figure(figsize=(4.2 * cols, 2.6 * nrows), layout="constrained")
        for i, row in enumerate(rows):
            _bar_panel(fig.add_subplot(nrows, cols, i + 1), row, years, lang)
    return fig


def _bar_panel(ax, row: list[str], years: list[str], lang: str) -> None:
    cells = row[3:3 + len(years)]
    values = [table_number(v) for v in cells]
    unit = f"（{row[2]}）" if row[2] and row[2] not in "—-" else ""
    title = f"{row[0]} {row[1]}{unit}"
    ax.set_title(title if len(title) <= 28 else title[:27] + "…", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    if all(v is None for v in values):
        ax.set_axis_off()
        shown = " → ".join(f"{y}: {c or '—'}" for y, c in zip(years, cells))
        ax.text(0.5, 0.5, f"{shown}\n{label(lang, 'chart_note')}", ha="center", va="center", fontsize=9,
                transform=ax.transAxes)
        return
    bars = ax.bar(years, [v or 0 for v in values], color=["#94a3b8", "#0d9488", "#2563eb"][:len(years)])
    ax.bar_label(bars, labels=[c if v is not None else "—" for c, v in zip(cells, values)], fontsize=8)
    ax.margins(y=0.2)


# ================================================================ start screen and errors
def intro_markdown(report: Report, lang: str = "zh") -> str:
    """The title and one-line description of what the assistant knows.

    Args:
        report: the parsed report.
        lang: UI language.

    Returns:
        Markdown (report text escaped).
    """
    school, year = html.escape(report.school or report.title), html.escape(report.year)
    return (f"## {label(lang, 'title', school=school)}\n"
            f"{label(lang, 'intro', school=school, year=year)}")


def error_markdown(exc: Exception, lang: str = "zh") -> str:
    """The page shown instead of the chat when the index is missing or stale.

    Args:
        exc: the error ``Assistant.load`` raised.
        lang: UI language.

    Returns:
        Markdown with the error and the command that fixes it.
    """
    return (f"## {label(lang, 'error_title')}\n\n{as_text(str(exc))}\n\n{label(lang, 'error_fix')}")


def auth_pair(settings: Settings) -> tuple[str, str] | None:
    """The login Gradio should ask for, from ``QZ_AUTH=user:password``.

    Args:
        settings: the settings.

    Returns:
        ``(user, password)``, or None when no login is configured.

    Raises:
        ConfigError: QZ_AUTH is set but not ``user:password``.
    """
    if not settings.auth:
        return None
    user, sep, password = settings.auth.partition(":")
    if not sep or not user or not password:
        raise ConfigError("QZ_AUTH must look like user:password (both non-empty); fix or unset it.")
    return user, password


# ================================================================ wiring: Blocks and event handlers
ASSETS = Path(__file__).with_name("assets")


def like_rating(liked) -> str | None:
    """The stored rating for a chatbot like event (``""`` means the thumb was taken back).

    Args:
        liked: ``LikeData.liked``.

    Returns:
        ``"up"``, ``"down"`` or None.
    """
    return {True: "up", False: "down"}.get(liked) if isinstance(liked, bool) else None


def turn_for_message(turns: list[dict], index) -> dict | None:
    """The turn whose reply is chatbot message ``index``.

    Args:
        turns: records from ``turn_record``.
        index: ``LikeData.index`` (an int, or a list whose first item is the message).

    Returns:
        The record, or None.
    """
    index = index[0] if isinstance(index, (list, tuple)) else index
    return next((t for t in turns if t["message_index"] == index), None)


@dataclass
class ChatApp:
    """The event handlers: each calls the core or the feedback store and returns rendered output."""

    assistant: object
    store: FeedbackStore

    @property
    def report(self) -> Report:
        return self.assistant.report

    def respond(self, question: str, chat: list, turns: list[dict], lang: str):
        """Stream one reply into the chatbot (outputs: textbox, chatbot, turns, start screen, chat column)."""
        if not (question or "").strip():
            yield question, chat, turns, gr.update(), gr.update()
            return
        chat = [*(chat or []), render_user(question)]
        shown = (gr.update(visible=False), gr.update(visible=True))
        yield "", [*chat, render_partial("", lang)], turns, *shown
        text, answer = "", None
        try:
            for event in self.assistant.stream(question, history_pairs(turns)):
                if isinstance(event, str):
                    text += event
                    yield "", [*chat, render_partial(text, lang)], turns, *shown
                else:
                    answer = event
        except QzAssistError as exc:
            yield "", [*chat, render_error(exc, lang)], turns, *shown
            return
        chat.append(render_answer(answer, len(turns), lang))
        yield "", chat, [*turns, turn_record(answer, len(chat) - 1)], *shown

    def open_source(self, anchor: str, turns: list[dict], lang: str):
        """Show the section behind a clicked chip (outputs: source HTML, sidebar)."""
        return source_for(self.report, turns, anchor, lang), gr.Sidebar(open=True)

    def rate(self, turns: list[dict], data: gr.LikeData):
        """Store a 👍/👎 (outputs: turns, feedback id, comment row)."""
        turn, rating = turn_for_message(turns, data.index), like_rating(data.liked)
        if turn is None:
            return turns, None, gr.update(visible=False)
        if rating is None:
            if turn["feedback_id"] is not None:
                self.store.delete(turn["feedback_id"])
            turn["feedback_id"] = None
            return turns, None, gr.update(visible=False)
        if turn["feedback_id"] is None:
            turn["feedback_id"] = self.store.add(question=turn["question"], answer=turn["answer"],
                                                 citations=turn["citations"], rating=rating, refused=turn["refused"])
        else:
            self.store.update(turn["feedback_id"], rating=rating)
        return turns, turn["feedback_id"], gr.update(visible=True)

    def save_comment(self, feedback_id: int | None, comment: str, lang: str):
        """Attach the optional comment to the last rating (outputs: comment box, comment row)."""
        if feedback_id is not None and (comment or "").strip():
            self.store.update(feedback_id, comment=comment)
            gr.Info(label(lang, "thanks"))
        return "", gr.update(visible=False)

    def chart(self, selected: list[str], lang: str):
        """The bar chart for the selected indicators, in the order they were picked."""
        rows = {row_key(r): r for r in figures_rows(self.report)}
        return figures_chart([rows[k] for k in selected or [] if k in rows], figure_years(self.report), lang)


def pick_row(selected: list[str], data: gr.SelectData):
    """Toggle the clicked figures row in the chart picker (output: picker)."""
    row = data.row_value or []
    return gr.update(value=toggle(selected or [], row_key(row))) if len(row) > 1 else gr.update()


class Layout(SimpleNamespace):
    """The app's components by name (built by ``build_layout``; events are attached by ``wire``)."""

    def relabel_outputs(self) -> list:
        """The components the language toggle updates, in the order ``relabelled`` returns updates for."""
        return [self.intro, self.examples_title, *self.personas, *self.example_buttons, self.box, self.send,
                self.chatbot, self.comment, self.comment_send, self.source_title, self.source, *self.tabs,
                self.figures_hint, self.figures, self.picker, self.plot, self.report_view]


def relabelled(report: Report, lang: str) -> list:
    """Updates for ``Layout.relabel_outputs()`` in the chosen language.

    Args:
        report: the parsed report.
        lang: ``"zh"`` or ``"en"``.

    Returns:
        One update per output, in order.
    """
    import pandas as pd

    L = LABELS[lang]
    return [intro_markdown(report, lang), f"#### {L['examples']}",
            *[f"**{p}**" for p in PERSONAS[lang]],
            *[gr.update(value=q) for group in EXAMPLES[lang] for q in group],
            gr.update(placeholder=L["placeholder"]), gr.update(value=L["send"]),
            gr.update(label=L["chatbot"]), gr.update(label=L["comment"]), gr.update(value=L["comment_send"]),
            f"### {L['source_title']}", source_for(report, [], "", lang),
            gr.update(label=L["tab_chat"]), gr.update(label=L["tab_figures"]), gr.update(label=L["tab_report"]),
            L["figures_hint"], gr.update(value=pd.DataFrame(figures_rows(report), columns=figures_columns(report, lang))),
            gr.update(label=L["selected"]), gr.update(label=L["chart"]), report_html(report, lang)]


def _header(ui: Layout, report: Report, lang: str) -> None:
    with gr.Row(elem_id="qz-header", equal_height=True):
        ui.intro = gr.Markdown(intro_markdown(report, lang), elem_id="qz-intro")
        ui.lang_radio = gr.Radio(list(LANGS), value=next(k for k, v in LANGS.items() if v == lang), show_label=False,
                                 container=False, scale=0, min_width=170, elem_id="qz-lang")


def _source_panel(ui: Layout, report: Report, lang: str) -> None:
    with gr.Sidebar(open=False, position="right", width=520, elem_id="qz-source-panel") as ui.sidebar:
        ui.source_title = gr.Markdown(f"### {label(lang, 'source_title')}")
        ui.source = gr.HTML(source_for(report, [], "", lang), elem_id="qz-source")


def _examples(ui: Layout, lang: str) -> None:
    with gr.Column(elem_id="qz-examples") as ui.examples_box:
        ui.examples_title = gr.Markdown(f"#### {label(lang, 'examples')}")
        ui.personas, ui.example_buttons = [], []
        with gr.Row(equal_height=False):
            for persona, questions in zip(PERSONAS[lang], EXAMPLES[lang]):
                with gr.Column(min_width=220, elem_classes=["qz-persona"]):
                    ui.personas.append(gr.Markdown(f"**{persona}**"))
                    ui.example_buttons += [gr.Button(q, size="sm", elem_classes=["qz-example"]) for q in questions]


def _chat_tab(ui: Layout, lang: str) -> None:
    _examples(ui, lang)
    with gr.Column(visible=False, elem_id="qz-chat-column") as ui.chat_column:
        ui.chatbot = gr.Chatbot(label=label(lang, "chatbot"), elem_id="qz-chat", height="60vh", min_height=300,
                                latex_delimiters=[], buttons=["copy", "copy_all"], layout="bubble")
    with gr.Row(elem_id="qz-input", equal_height=True):
        ui.box = gr.Textbox(show_label=False, placeholder=label(lang, "placeholder"), scale=5, min_width=160,
                            max_lines=4, autofocus=True, elem_id="qz-box", container=False)
        ui.send = gr.Button(label(lang, "send"), variant="primary", scale=1, min_width=72, elem_id="qz-send")
    with gr.Row(visible=False, elem_id="qz-comment-row") as ui.comment_row:
        ui.comment = gr.Textbox(label=label(lang, "comment"), scale=5, min_width=160, max_lines=3, elem_id="qz-comment")
        ui.comment_send = gr.Button(label(lang, "comment_send"), scale=1, min_width=72, elem_id="qz-comment-send")
    # A chip click (see assets/ui.js) clicks this hidden button, whose js step reads the chip's link.
    ui.cite_key = gr.Textbox(visible="hidden", elem_id="qz-cite-key")
    ui.cite_open = gr.Button("open", visible="hidden", elem_id="qz-cite-open")


def _figures_tab(ui: Layout, report: Report, lang: str) -> None:
    import pandas as pd

    rows = figures_rows(report)
    ui.figures_hint = gr.Markdown(label(lang, "figures_hint"))
    ui.figures = gr.Dataframe(pd.DataFrame(rows, columns=figures_columns(report, lang)), interactive=False,
                              show_search="search", wrap=True, max_height=460, elem_id="qz-figures", show_label=False,
                              column_widths=["10%", "36%", "9%", "16%", "16%", "13%"])
    ui.picker = gr.Dropdown([row_key(r) for r in rows], value=[], multiselect=True, max_choices=MAX_CHART_ROWS,
                            label=label(lang, "selected"), elem_id="qz-picker")
    ui.plot = gr.Plot(label=label(lang, "chart"), elem_id="qz-chart", format="png")


def build_layout(report: Report, lang: str = "zh") -> Layout:
    """Create the components inside the current ``gr.Blocks`` context.

    Args:
        report: the parsed report.
        lang: the starting language.

    Returns:
        The components by name.
    """
    ui = Layout(lang_state=gr.State(lang), turns=gr.State([]), feedback_id=gr.State(None))
    _header(ui, report, lang)
    _source_panel(ui, report, lang)
    with gr.Tabs():
        with gr.Tab(label(lang, "tab_chat"), id="chat") as tab_chat:
            _chat_tab(ui, lang)
        with gr.Tab(label(lang, "tab_figures"), id="figures") as tab_figures:
            _figures_tab(ui, report, lang)
        with gr.Tab(label(lang, "tab_report"), id="report") as tab_report:
            ui.report_view = gr.HTML(report_html(report, lang), elem_id="qz-report")
    ui.tabs = [tab_chat, tab_figures, tab_report]
    return ui


def wire(ui: Layout, app: ChatApp) -> None:
    """Attach the event handlers; named endpoints (``/ask``, ``/open_source``, ``/comment``, ``/chart``) are public.

    Args:
        ui: the components.
        app: the handlers.
    """
    chat_out = [ui.box, ui.chatbot, ui.turns, ui.examples_box, ui.chat_column]
    gr.on([ui.box.submit, ui.send.click], app.respond, [ui.box, ui.chatbot, ui.turns, ui.lang_state], chat_out,
          api_name="ask")
    for button in ui.example_buttons:
        button.click(app.respond, [button, ui.chatbot, ui.turns, ui.lang_state], chat_out, api_visibility="private")
    ui.chatbot.clear(lambda: ([], gr.update(visible=True), gr.update(visible=False), gr.update(visible=False)),
                     None, [ui.turns, ui.examples_box, ui.chat_column, ui.comment_row], api_visibility="private")
    ui.chatbot.like(app.rate, [ui.turns], [ui.turns, ui.feedback_id, ui.comment_row], api_visibility="private")
    gr.on([ui.comment.submit, ui.comment_send.click], app.save_comment, [ui.feedback_id, ui.comment, ui.lang_state],
          [ui.comment, ui.comment_row], api_name="comment")
    ui.cite_open.click(None, None, ui.cite_key, js="() => window.qzCite || ''").then(
        app.open_source, [ui.cite_key, ui.turns, ui.lang_state], [ui.source, ui.sidebar], api_name="open_source").then(
        None, js="() => window.qzScrollToMark && window.qzScrollToMark()")
    ui.figures.select(pick_row, [ui.picker], [ui.picker], api_visibility="private")
    ui.picker.change(app.chart, [ui.picker, ui.lang_state], [ui.plot], api_name="chart")
    ui.lang_radio.change(lambda choice: [LANGS[choice], *relabelled(app.report, LANGS[choice])], [ui.lang_radio],
                         [ui.lang_state, *ui.relabel_outputs()], api_visibility="private")


def build_app(assistant, store: FeedbackStore | None = None, lang: str = "zh") -> gr.Blocks:
    """The Blocks app over a loaded Assistant.

    Args:
        assistant: an ``Assistant`` (anything with ``report`` and ``stream``).
        store: where ratings go (``FeedbackStore()`` under the data folder when None).
        lang: the starting language.

    Returns:
        The (unlaunched) Blocks; start it with ``start``.
    """
    app = ChatApp(assistant, store or FeedbackStore())
    _cjk_font()  # load matplotlib's font list now, not on the first chart click
    with gr.Blocks(title=label(lang, "title", school=assistant.report.school), analytics_enabled=False) as demo:
        wire(build_layout(assistant.report, lang), app)
    return demo


def build_error_app(exc: Exception, lang: str = "zh") -> gr.Blocks:
    """A one-page app that explains why the assistant cannot start and how to fix it.

    Args:
        exc: the error from ``Assistant.load``.
        lang: UI language.

    Returns:
        The Blocks.
    """
    with gr.Blocks(title="qzassist", analytics_enabled=False) as demo:
        gr.Markdown(error_markdown(exc, lang), elem_id="qz-error")
        gr.Markdown(error_markdown(exc, "en" if lang == "zh" else "zh"), elem_id="qz-error-other")
    return demo


def create_app(settings: Settings | None = None, store: FeedbackStore | None = None) -> gr.Blocks:
    """Load the Assistant without building anything, and return the chat app (or the error page).

    Args:
        settings: configuration; ``Settings.load()`` when None.
        store: the feedback store (default under the data folder).

    Returns:
        The Blocks.
    """
    from .assistant import Assistant

    settings = settings or Settings.load()
    try:
        assistant = Assistant.load(settings, build_if_missing=False)
    except QzAssistError as exc:
        return build_error_app(exc)
    # The first question pays for lazy set-up in the core (tokenizer dictionary, model graph);
    # pay it while the page is loading instead.
    threading.Thread(target=assistant.ask, args=(WARM_UP_QUESTION,), daemon=True).start()
    return build_app(assistant, store)


def start(demo: gr.Blocks, settings: Settings, *, block: bool = True):
    """Queue and launch a Blocks app with qzassist's theme, styles, login and limits.

    Args:
        demo: from ``build_app`` / ``create_app``.
        settings: host, port, auth and concurrency.
        block: wait until the server stops (False returns right after start, for tests).

    Returns:
        What ``Blocks.launch`` returns.
    """
    demo.queue(default_concurrency_limit=settings.concurrency)
    return demo.launch(server_name=settings.host, server_port=settings.port, auth=auth_pair(settings),
                       share=False, ssr_mode=False, prevent_thread_lock=not block, show_error=False,
                       quiet=not block, footer_links=[], theme=theme(), css=(ASSETS / "ui.css").read_text(encoding="utf-8"),
                       head=f"<script>{(ASSETS / 'ui.js').read_text(encoding='utf-8')}</script>",
                       pwa=False, mcp_server=False, enable_monitoring=False)


def theme() -> gr.themes.Base:
    """The look: Gradio's Soft theme in teal, Chinese system fonts as fallbacks (nothing is downloaded)."""
    return gr.themes.Soft(primary_hue="teal", neutral_hue="slate",
                          font=[gr.themes.LocalFont("IBM Plex Sans"), "PingFang SC", "Microsoft YaHei",
                                "Noto Sans CJK SC", "Noto Sans SC", "sans-serif"])


def launch(host: str | None = None, port: int | None = None) -> None:
    """``qzassist serve``: start the UI and block (127.0.0.1:7860 unless QZ_HOST / QZ_PORT say otherwise).

    Args:
        host: overrides QZ_HOST.
        port: overrides QZ_PORT.
    """
    settings = Settings.load(host=host, port=port)
    auth_pair(settings)  # fail before loading anything when QZ_AUTH is malformed
    start(create_app(settings), settings)
