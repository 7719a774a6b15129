"""The report as data: sections, paragraphs, tables and figure captions.

``parse_report`` reads the Markdown text extracted from an annual quality report of a
vocational school (the kind every Zhejiang school publishes) and returns a ``Report``.
Nothing here is tied to one school's file: headings are recognised by their numbering
scheme, tables by their Markdown shape, and PDF artefacts are repaired by rule.

Section ids follow one convention, defined here and used everywhere:

* numbered parts keep the report's number without spaces: ``1``, ``1.5``, ``1.5.2``;
* the preface is ``前言``, its parts ``一`` … ``四``, their items ``四(一)`` …;
* appendix tables are ``表1`` …; a numbered inline table is ``表1-1``;
* unnumbered inline tables and figure captions take the id of the section they sit in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PARSER_VERSION = "11"
COVER = "封面"  # the section id of the cover lines before the table of contents

CN_NUMERALS = "一二三四五六七八九十"
# 一 … 十九: the value of a chapter numbered in words
_CN_VALUE = {n: i + 1 for i, n in enumerate(CN_NUMERALS)} | {f"十{n}": 11 + i for i, n in enumerate(CN_NUMERALS[:9])}
SENTENCE_END = "。！？；!?;"
_CJK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》·—"

_NUMBERED = re.compile(r"^(\d{1,2})(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?(?:[.．、]?\s*)(\S.*)$")
_PREFACE_PART = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})、\s*(\S.{{0,40}})$")
_PREFACE_ITEM = re.compile(rf"^[（(]([{CN_NUMERALS}]{{1,3}})[）)]\s*(\S.{{0,60}})$")
_TABLE_HEADING = re.compile(r"^表\s*(\d{1,2})\s*(?![-\d－])[：:]?\s*(\S.{0,40})$")
_INLINE_TABLE_CAPTION = re.compile(r"^表\s*(\d{1,2})\s*-\s*(\d{1,2})\s*[：:]?\s*(.*)$")
_FIGURE_CAPTION = re.compile(r"^图\s*(\d{1,2})\s*-\s*(\d{1,2})\s*[：:]?\s*(.*)$")
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.,])")
_TOC_MARK = re.compile(r"^目\s*录$")
_PAGE_NUMBER = re.compile(r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)$")
_BROKEN_NUMBER = re.compile(r"^[+-]?\d+\.\d*(?: \d+)+%?$")


@dataclass
class Paragraph:
    """A run of body text, with PDF line and page breaks joined."""

    text: str


@dataclass
class Caption:
    """A figure caption such as ``图1-7 学校本科上线106人``."""

    figure: str
    text: str


@dataclass
class TableRow:
    """One row of a table, with the context that makes it readable on its own.

    Attributes:
        cells: header name -> cell text, after repair and fill-down.
        label: the row's name (indicator, or first label column), ``*`` markers removed.
        parent: for a sub-row (``其中：…``) the indicator it belongs to.
        unit: the unit column, when the table has one.
        values: year -> value for tables with year columns (``{"2024": "1398"}``).
    """

    table_id: str
    table_title: str
    index: int
    cells: dict[str, str]
    label: str = ""
    parent: str = ""
    unit: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def full_label(self) -> str:
        """The label with its parent indicator, e.g. ``毕业生去向落实人数 · 其中：升学人数``.

        Returns:
            The label as shown in records.
        """
        return f"{self.parent} · {self.label}" if self.parent else self.label

    def as_record(self) -> str:
        """A self-contained sentence for retrieval and citation.

        Returns:
            e.g. ``表2 教学资源表 · 生均教学科研仪器设备值（元/生）· 2024年 23137.83 · 2025年 24514.74``.
        """
        head = f"{self.table_id} {self.table_title}".strip() if self.table_id.startswith("表") else self.table_title
        if self.values:
            unit = f"（{self.unit}）" if self.unit and self.unit not in "—-" else ""
            parts = [f"{self.full_label()}{unit}"]
            parts += [f"{year}年 {show_cell(v)}" for year, v in self.values.items()]
        else:
            parts = [self.full_label()] if self.label else []
            total = bool(TOTAL_LABEL.match(self.label))  # a total row's empty cells are layout, not data
            parts += [cell_text(k, v) for k, v in self.cells.items() if v != self.label and k and (v or not total)]
        return " · ".join(p for p in [head, *parts] if p)


def cell_text(header: str, value: str) -> str:
    """``header value``; generic headers (``列2``) a table had no names for are left out."""
    return show_cell(value) if re.fullmatch(r"列\d+", header) else f"{header} {show_cell(value)}"


@dataclass
class Table:
    """A Markdown table, pages joined, cells repaired.

    Attributes:
        id: ``表2`` for appendix tables, ``表1-1`` for numbered inline ones, else the section id.
        title: the caption or heading text.
        section_id: the id of the section the table sits in.
        header: column names.
        rows: parsed rows.
    """

    id: str
    title: str
    section_id: str
    header: list[str]
    rows: list[TableRow] = field(default_factory=list)


Block = Paragraph | Table | Caption


@dataclass
class Section:
    """A heading and what stands under it until the next heading."""

    id: str
    title: str
    level: int
    parent: str | None = None
    blocks: list[Block] = field(default_factory=list)

    def heading(self) -> str:
        """The heading as shown to people: ``1.5.2 升学与学业质量``, ``表2 教学资源表``.

        Returns:
            id and title joined by a space (just the title for 前言).
        """
        return self.title if self.id == self.title else f"{self.id} {self.title}"


@dataclass
class Report:
    """A parsed report: an ordered list of sections (a tree through ``Section.parent``)."""

    title: str
    school: str
    year: str
    sections: list[Section]

    def section(self, section_id: str) -> Section | None:
        """Look up a section by id.

        Args:
            section_id: an id per the convention.

        Returns:
            The Section, or None.
        """
        return next((s for s in self.sections if s.id == section_id), None)

    def breadcrumb(self, section_id: str) -> list[Section]:
        """The chain of sections from the top down to ``section_id``.

        Args:
            section_id: an id per the convention.

        Returns:
            Sections, outermost first.
        """
        chain, current = [], self.section(section_id)
        while current is not None:
            chain.append(current)
            current = self.section(current.parent) if current.parent else None
        return chain[::-1]

    def tables(self) -> list[Table]:
        """Every table in reading order.

        Returns:
            The tables.
        """
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]


def section_covers(gold: str, cited: str) -> bool:
    """Whether a cited section equals ``gold`` or lies under it (``1.5`` covers ``1.5.2``).

    Args:
        gold: the expected section id.
        cited: the id an answer cited.

    Returns:
        True when ``cited`` is ``gold`` or a descendant of it.
    """
    if cited == gold:
        return True
    if gold == "前言":
        return bool(re.match(rf"^[{CN_NUMERALS}]", cited))
    if re.match(r"^\d", gold):
        return cited.startswith(gold + ".")
    return cited.startswith(gold + "(")


def show_cell(value: str) -> str:
    """How an empty cell reads in records and answers (never as 0).

    Args:
        value: the cell text.

    Returns:
        The text, or ``（空白）`` for an empty cell.
    """
    return value if value.strip() else "（空白）"


def normalize_text(text: str) -> str:
    """Drop the spaces a PDF extraction puts between Chinese text and numbers.

    Args:
        text: a line or paragraph.

    Returns:
        The text with spaces next to CJK characters removed and runs of spaces folded.
    """
    text = re.sub(rf"(?<=[{_CJK}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK}])", "", text)
    # "2 870人", "1 280 000元": a number written with spaces between its thousands
    text = _SPACED_THOUSANDS.sub(lambda m: m.group().replace(" ", "").replace("\u00a0", ""), text)
    return re.sub(r"[ \t\u00a0]{2,}", " ", text).strip()


def repair_cell(cell: str) -> str:
    """Repair one table cell: trim, and rejoin a decimal number a page break split (``24514.7 4``).

    Args:
        cell: raw cell text.

    Returns:
        The repaired cell; any cell that is not a broken number is only trimmed.
    """
    cell = cell.strip()
    if _BROKEN_NUMBER.match(cell):
        return cell.replace(" ", "")
    return normalize_text(cell)


def parse_report(text: str) -> Report:
    """Parse a report's Markdown text.

    Args:
        text: the whole file.

    Returns:
        The Report. The table of contents and lists of figures/tables are not content and are dropped.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    cover, body_start = _front_matter(lines)
    title_lines = cover[:4]
    parser = _Parser(chapters_in_words=_chapters_in_words(lines[body_start:]))
    parser.feed(lines[body_start:])
    school = title_lines[0] if title_lines else ""
    year = next((m.group(1) for t in title_lines if (m := re.search(r"(20\d\d)\s*年", t))), "")
    sections = parser.finish()
    cover = [line for line in cover if len(line) <= 60][:8]  # short lines: a cover, not an unheaded opening text
    if cover:  # "封面上的日期是哪天", "报告是谁编写的": the cover says who wrote it and when
        text = "，".join(_cover_line(line) for line in cover) + "。"
        sections.insert(0, Section(id=COVER, title=COVER, level=1, blocks=[Paragraph(f"{COVER}：{text}")]))
    return Report(title=" ".join(title_lines), school=school, year=year, sections=sections)


_DATE_LINE = re.compile(r"^(?:20\d\d)\s*(?:[/.\-年]\s*\d{1,2}\s*(?:[/.\-月]\s*\d{1,2}\s*日?)?|年\s*\d{1,2}\s*月)$")
_WRITER_LINE = re.compile(r"(?:编写组|编制组|编委会|编写小组|编写委员会)$")


def _cover_line(line: str) -> str:
    """A cover line, named when it is the date or the writer (the cover itself does not say so)."""
    if _DATE_LINE.match(line):
        return f"日期 {line}"
    if _WRITER_LINE.search(line):
        return f"编写 {line}"
    return line


def _front_matter(lines: list[str]) -> tuple[list[str], int]:
    """Find the cover's lines (title, writer, date) and where the body starts (after the table of contents).

    The body starts at the first heading line that repeats one already listed in the
    table of contents; a report with no ``目录`` starts at its first heading.
    """
    toc = next((i for i, line in enumerate(lines) if _TOC_MARK.match(line.strip())), None)
    first_heading = next((i for i, line in enumerate(lines) if _heading_key(line.strip())), len(lines))
    head_end = toc if toc is not None else first_heading
    title = [normalize_text(line) for line in lines[:head_end] if line.strip()]
    if toc is None:
        return title, first_heading
    seen = set()
    for i in range(toc + 1, len(lines)):
        key = _heading_key(lines[i].strip().lstrip("-* ").strip())
        if key and key in seen and _has_body_after(lines, i):
            return title, i
        if key:
            seen.add(key)
    return title, toc + 1


_TOC_LEADER = re.compile(r"\s*(?:[.…·．]{2,}|\s{2,})\s*\d{1,3}$")


def _heading_key(line: str) -> str | None:
    """A comparable key for a heading-like line (``前言``, ``1``, ``1.5``, ``一``), else None. A table of contents
    entry's leader dots and page number ("前言 ………… 1") are not part of it."""
    line = _TOC_LEADER.sub("", normalize_text(line))
    if line == "前言":
        return "前言"
    if m := _PREFACE_PART.match(line):
        return m.group(1)
    if (m := _NUMBERED.match(line)) and len(line) <= 40 and not line.endswith(("。", "，")):
        return ".".join(g for g in m.groups()[:3] if g)
    return None


def _chapters_in_words(lines: list[str]) -> bool:
    """Whether a report's body is numbered 一、 / （一） / 1. (chapters in words) rather than 1 / 1.1 / 1.1.1:
    at least three 一、-style headings and no two-level numbered heading."""
    texts = [normalize_text(line) for line in lines]
    parts = sum(1 for text in texts if _PREFACE_PART.match(text) and not text.endswith(("。", "；", "，")))
    two_level = sum(1 for text in texts if (m := _NUMBERED.match(text)) and m.group(2)
                    and len(text) <= 40 and not text.endswith(("。", "，")))
    return parts >= 3 and two_level == 0


def _has_body_after(lines: list[str], i: int) -> bool:
    """Whether real prose follows line i within a few lines (so it is a heading, not a TOC entry)."""
    for line in lines[i + 1:i + 8]:
        text = line.strip()
        if text and not _heading_key(text) and len(text) > 40:
            return True
    return False


class _Parser:
    """Line-by-line state machine that builds the section list."""

    def __init__(self, chapters_in_words: bool = False) -> None:
        # a body numbered 一、 / （一） / 1.: its 一、 headings are chapters, not the preface's parts
        self.chapters_in_words = chapters_in_words
        self.sections: list[Section] = []
        self.current: Section | None = None
        self.in_preface = False
        self.in_appendix = False
        self.top = 0
        self.numbered: dict[str, int] = {}
        self.pending_table: list[list[str]] = []
        self.pending_caption: str = ""
        self.last_table: Table | None = None
        self.blank_run = True
        self.worded_chapter = ""  # the chapter numbered in words now open ("二"), if any
        self.worded_items: dict[str, int] = {}

    # ---- driving -------------------------------------------------------
    def feed(self, lines: list[str]) -> None:
        i = 0
        while i < len(lines):
            line = lines[i].strip()
            if line.startswith("|"):
                rows, i = _take_table(lines, i)
                self._table(rows)
                continue
            if line and not _PAGE_NUMBER.match(line):  # ("- 15 -": a page's number, cut into the text)
                self._line(line)
            i += 1

    def finish(self) -> list[Section]:
        self._items_back_into_text()
        for section in self.sections:
            section.blocks = _join_paragraphs(section.blocks)
        return self.sections

    def _items_back_into_text(self) -> None:
        """"1. 浙江禾城服饰有限公司（服装设计与工艺）" with nothing under it was an entry of a numbered list, not a
        heading: it goes back, as a line of text, into the section it was listed in."""
        by_id = {section.id: section for section in self.sections}
        kept = []
        for section in self.sections:
            parent = by_id.get(section.parent or "")
            if section.level == 3 and not section.blocks and section.parent in self.worded_items and parent:
                number = section.id[len(section.parent):]
                parent.blocks.append(Paragraph(text=f"{number}. {section.title}；"))
                continue
            kept.append(section)
        self.sections = kept

    # ---- lines ---------------------------------------------------------
    def _line(self, raw: str) -> None:
        line = normalize_text(raw)
        for handler in (self._worded_heading, self._preface_heading, self._appendix_heading, self._numbered_heading,
                        self._caption):
            if handler(line):
                self.last_table = None if handler != self._caption else self.last_table
                return
        self._paragraph(line)

    def _worded_heading(self, line: str) -> bool:
        """In a body numbered in words: 一、 opens a chapter (一), （一） a section in it (一(一)), and a short
        "1. 思政课程" line an item in that (一(一)1); each continues its own numbering."""
        if not self.chapters_in_words or self.in_appendix:
            return False
        if (m := _PREFACE_PART.match(line)) and not line.endswith(("。", "；", "，")) \
                and _CN_VALUE.get(m.group(1), 0) == _CN_VALUE.get(self.worded_chapter, 0) + 1:
            self.worded_chapter = m.group(1)
            self.in_preface = False
            self._open(m.group(1), m.group(2), 1, None)
            return True
        if not self.worded_chapter:
            return False
        if (m := _PREFACE_ITEM.match(line)) and not line.endswith(("。", "；", "，")):
            self._open(f"{self.worded_chapter}({m.group(1)})", m.group(2), 2, self.worded_chapter)
            return True
        m = _NUMBERED.match(line)
        section = self.current if self.current is not None and self.current.level >= 2 else None
        # (a heading is a short title; "1. 浙江禾城服饰有限公司（服装设计与工艺）" is an entry of a list)
        if m and not m.group(2) and section is not None and len(m.group(4)) <= 15 and not re.search(r"[（(：:，,。；]", m.group(4)):
            parent = section.id if section.level == 2 else section.parent
            n = int(m.group(1))
            if parent and n == self.worded_items.get(parent, 0) + 1:
                self.worded_items[parent] = n
                self._open(f"{parent}{n}", m.group(4), 3, parent)
                return True
        if m and not m.group(2):  # an entry of a numbered list: text, not a chapter numbered in digits
            self._paragraph(line)
            return True
        return False

    def _preface_heading(self, line: str) -> bool:
        if line == "前言" and not self.top:
            self.in_preface = True
            self._open("前言", "前言", 1, None)
            return True
        if not self.in_preface:
            return False
        if m := _PREFACE_PART.match(line):
            self._open(m.group(1), m.group(2), 2, "前言")
            return True
        if (m := _PREFACE_ITEM.match(line)) and self.current and self.current.level >= 2:
            part = self.current.id if self.current.level == 2 else self.current.parent
            self._open(f"{part}({m.group(1)})", m.group(2), 3, part)
            return True
        return False

    def _appendix_heading(self, line: str) -> bool:
        if line == "附表":
            self.in_appendix = True
            self.in_preface = False
            return True
        m = _TABLE_HEADING.match(line)
        if not m or not self.in_appendix:
            return False
        # The appendix first lists its tables, then gives each under the same heading:
        # only the heading that a table follows opens a section.
        self.pending_caption = ""
        self._open(f"表{m.group(1)}", m.group(2).strip(), 1, None, tentative=True)
        return True

    def _numbered_heading(self, line: str) -> bool:
        m = _NUMBERED.match(line)
        if not m or self.in_appendix:
            return False
        nums = [int(g) for g in m.groups()[:3] if g]
        title, rest = _split_title(m.group(4))
        if not title or not self._in_sequence(nums) or (len(nums) == 1 and rest):
            return False
        sid = ".".join(map(str, nums))
        parent = ".".join(map(str, nums[:-1])) or None
        self.in_preface = False
        self._open(sid, title, len(nums), parent)
        if rest:
            self._paragraph(rest)
        return True

    def _in_sequence(self, nums: list[int]) -> bool:
        """A numbered heading must continue the numbering (guards against list items like ``1.2025年…``)."""
        if len(nums) == 1:
            return nums[0] == self.top + 1 and not re.match(r"^\d{4}", str(nums[0]))
        parent = ".".join(map(str, nums[:-1]))
        if len(nums) == 2 and nums[0] != self.top:
            return False
        if len(nums) == 3 and parent not in self.numbered:
            return False
        return nums[-1] > self.numbered.get(parent + ".last", 0)

    def _caption(self, line: str) -> bool:
        if m := _INLINE_TABLE_CAPTION.match(line):
            if self.last_table is not None:
                self._name_table(self.last_table, f"表{m.group(1)}-{m.group(2)}", m.group(3))
                return True
            return False
        if m := _FIGURE_CAPTION.match(line):
            figure = f"图{m.group(1)}-{m.group(2)}"
            if self.last_table is not None and not self.last_table.title:
                self._name_table(self.last_table, self.last_table.id, m.group(3))
            self._ensure_section().blocks.append(Caption(figure=figure, text=m.group(3)))
            return True
        return False

    def _paragraph(self, line: str) -> None:
        section = self._ensure_section()
        if self.in_appendix and _TABLE_HEADING.match(line):
            return
        self.pending_caption = line if _looks_like_title(line) else ""
        self.last_table = None
        section.blocks.append(Paragraph(line))

    # ---- tables --------------------------------------------------------
    def _table(self, rows: list[list[str]]) -> None:
        section = self._ensure_section()
        header, body, title = _split_header(rows)
        if self._continues_last_table(header):
            self._extend(self.last_table, body)
            return
        if not title and self.pending_caption:
            title = self.pending_caption
            _drop_last_paragraph(section, self.pending_caption)
        table_id = section.id if not section.id.startswith("表") else section.id
        table = Table(id=table_id, title=title or (section.title if section.id.startswith("表") else ""),
                      section_id=section.id, header=header)
        self._extend(table, body)
        section.blocks.append(table)
        section.tentative = False  # type: ignore[attr-defined]
        self.last_table = table
        self.pending_caption = ""

    def _continues_last_table(self, header: list[str]) -> bool:
        last = self.last_table
        return last is not None and [h for h in header] == last.header

    def _extend(self, table: Table, body: list[list[str]]) -> None:
        table.rows.extend(_build_rows(table, body, start=len(table.rows)))

    def _name_table(self, table: Table, table_id: str, caption: str) -> None:
        table.id = table_id
        table.title = caption.strip() or table.title
        for row in table.rows:
            row.table_id, row.table_title = table.id, table.title

    # ---- sections ------------------------------------------------------
    def _open(self, sid: str, title: str, level: int, parent: str | None, tentative: bool = False) -> None:
        self._drop_tentative()
        section = Section(id=sid, title=title.rstrip("。.： "), level=level, parent=parent)
        section.tentative = tentative  # type: ignore[attr-defined]
        self.sections.append(section)
        self.current = section
        self.last_table = None
        self.pending_caption = ""
        if sid[0].isdigit():
            self.numbered[sid] = 1
            if parent:
                self.numbered[parent + ".last"] = int(sid.split(".")[-1])
            else:
                self.top = int(sid)

    def _drop_tentative(self) -> None:
        """An appendix heading with no table under it was a list entry; forget it."""
        if self.current is not None and getattr(self.current, "tentative", False):
            self.sections.remove(self.current)
            self.current = self.sections[-1] if self.sections else None

    def _ensure_section(self) -> Section:
        if self.current is None:
            self._open("前言", "前言", 1, None)
        return self.current  # type: ignore[return-value]


def _split_title(text: str) -> tuple[str, str]:
    """Split ``追寻足迹，红蓝文化彰显职教特色。2004年…`` into its title and the body that follows."""
    text = text.strip()
    m = re.match(r"^(.{1,40}?)。(.*)$", text)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    if len(text) > 40 or text.endswith(("，", "、", "；")):
        return "", text
    return text, ""


def _looks_like_title(line: str) -> bool:
    return 2 <= len(line) <= 40 and not any(ch in line for ch in "。，；！？,") and not line.startswith("|")


def _drop_last_paragraph(section: Section, text: str) -> None:
    if section.blocks and isinstance(section.blocks[-1], Paragraph) and section.blocks[-1].text == text:
        section.blocks.pop()


def _take_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Collect consecutive Markdown table lines starting at i."""
    rows = []
    while i < len(lines) and lines[i].strip().startswith("|"):
        cells = [c for c in lines[i].strip().strip("|").split("|")]
        if not all(re.fullmatch(r"\s*:?-{2,}:?\s*", c) for c in cells):
            rows.append([repair_cell(c) for c in cells])
        i += 1
    return rows, i


def _split_header(rows: list[list[str]]) -> tuple[list[str], list[list[str]], str]:
    """Find the header row; a first row with one filled cell is a title line above the real header."""
    if not rows:
        return [], [], ""
    first = rows[0]
    title = ""
    filled = [c for c in first if c]
    if len(filled) == 1 and len(first) > 2 and len(rows) > 1:
        title, rows = filled[0], rows[1:]
        first = rows[0]
    if not any(first) or _is_data_row(first):
        header = [f"列{i + 1}" for i in range(len(first))]
        return header, rows, title
    header = [re.sub(r"\s+", "", h) for h in first]
    return (*_years_as_columns(header, rows[1:]), title)


_YEAR_CELL = re.compile(r"^(?:19|20)\d\d\s*年?度?$")


def _years_as_columns(header: list[str], body: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """A table with a row per year ("年度 | 毕业生初次就业人数（人） | …", then "2024年 | 221 | …") turned so each
    indicator is a row with a column per year, as the report's other tables are laid out."""
    if len(header) < 2 or len(body) < 2 or not all(row and _YEAR_CELL.match(row[0].strip()) for row in body):
        return header, body
    years = [re.sub(r"\s+", "", row[0]).rstrip("度") for row in body]
    years = [y if y.endswith("年") else y + "年" for y in years]
    turned = [[label] + [row[k] if k < len(row) else "" for row in body] for k, label in enumerate(header) if k]
    return ["指标", *years], turned


def _is_data_row(cells: list[str]) -> bool:
    """A header has no numbers standing alone; a row that starts with one is data."""
    return bool(cells and re.fullmatch(r"\d+", cells[0] or ""))


def _numeric(value: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d.,:%]+", value.replace(" ", "")))


def _label_column(header: list[str], body: list[list[str]]) -> int | None:
    """The first column whose filled cells are mostly text: the row key that blank cells repeat."""
    for col in range(len(header)):
        values = [r[col] for r in body if col < len(r) and r[col]]
        if values and sum(not _numeric(v) for v in values) > len(values) / 2:
            return col
    return None


TOTAL_LABEL = re.compile(r"^(合计|总计|小计|共计)$")  # a total row's label


def _build_rows(table: Table, body: list[list[str]], start: int) -> list[TableRow]:
    """Turn raw cell lists into TableRows: fill down the label column, find parents, units and years."""
    header = table.header
    label_col = _label_column(header, body)
    years = {i: m.group(1) for i, h in enumerate(header) if (m := re.fullmatch(r"(20\d\d)年?(?:度)?", h))}
    unit_col = next((i for i, h in enumerate(header) if h in ("单位", "计量单位")), None)
    seq_col = 0 if header and header[0] in ("序号", "编号") else None
    prev = table.rows[-1] if table.rows else None
    prev_label = prev.cells.get(header[label_col], "") if (prev and label_col is not None) else ""
    nesting = _Nesting(prev)
    out = []
    for raw in body:
        cells = (raw + [""] * len(header))[:len(header)]
        if not any(c for i, c in enumerate(cells) if i != seq_col):
            continue
        is_total = any(TOTAL_LABEL.match(c) for c in cells)
        if label_col is not None and not cells[label_col] and not is_total and prev_label:
            cells[label_col] = prev_label
        row = TableRow(table_id=table.id, table_title=table.title, index=start + len(out),
                       cells=dict(zip(header, cells)))
        row.label = _row_label(cells, label_col, is_total)
        if unit_col is not None:
            row.unit = cells[unit_col]
        row.values = {years[i]: cells[i] for i in sorted(years)}
        if seq_col is not None and years:
            row.parent = nesting.parent_of(row.label, numbered=bool(cells[seq_col]))
        if label_col is not None and cells[label_col]:
            prev_label = cells[label_col]
        out.append(row)
    return out


class _Nesting:
    """Which indicator a sub-row belongs to.

    A row opens a sub-list when its label starts with ``其中``; the rows after it, up to
    the next top-level row, belong to the same parent. Page breaks in the PDF misplace
    the 序号 column, so a number alone does not decide nesting.
    """

    def __init__(self, prev: TableRow | None) -> None:
        self.top = (prev.parent or prev.label) if prev else ""
        self.in_sub = bool(prev and prev.parent)
        self.subs: list[str] = [prev.label] if prev and prev.parent else []

    def parent_of(self, label: str, numbered: bool) -> str:
        if label == self.top:
            return ""
        if not numbered and (label.startswith("其中") or self.in_sub) \
                or self.in_sub and any(_siblings(label, sub) for sub in self.subs):
            # ("其中：国家级数量", "省级数量", then "9 | 校级数量": a 序号 the PDF put beside a sibling sub-row;
            # it closes the sub-list, as the 序号 belongs to the next indicator)
            self.in_sub = not numbered
            self.subs.append(label)
            return self.top
        self.top, self.in_sub, self.subs = label, False, []
        return ""


def _siblings(a: str, b: str) -> bool:
    """Whether two short labels name levels of one measure ("国家级数量", "其中：省级数量", "校级数量")."""
    a, b = (re.sub(r"^其中[:：]", "", x) for x in (a, b))
    if a == b or len(a) > 6 or len(b) > 6:
        return False
    common = 0
    while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
        common += 1
    return common >= 3 and common < min(len(a), len(b))


def _row_label(cells: list[str], label_col: int | None, is_total: bool) -> str:
    if is_total:
        return next(c for c in cells if TOTAL_LABEL.match(c))
    if label_col is None:
        return ""
    return cells[label_col].replace("*", "").strip()


def _join_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join paragraphs a PDF page or line break cut mid-sentence."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Paragraph) and isinstance(prev, Paragraph)
                and not prev.text.endswith(tuple(SENTENCE_END + "”：:")) and not _looks_like_title(prev.text)):
            prev.text = _glue(prev.text, block.text)
        else:
            out.append(block)
    return out


def _glue(a: str, b: str) -> str:
    if re.search(r"[A-Za-z0-9]$", a) and re.match(r"^[A-Za-z0-9]", b):
        return a + " " + b
    return a + b
