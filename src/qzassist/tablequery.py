"""Questions one table answers as a whole: which row is highest or lowest in a column, which rows hold a value,
what values a column holds.

"表1-1里学生获奖最多的是哪一档", "招生计划里计划招生数最少的是哪一行" and "表1里哪几项指标两年都是0" are answered by
no single sentence or row: the rows of one table are compared. The answer names every row that qualifies (all of
them when several tie), cites the table, and says that the comparison was made over the table's figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .report import TOTAL_LABEL, Table, TableRow, cell_text, show_cell
from .schema import Answer, Citation

COMPARED_ZH = "按表中数字比较"
COMPARED_EN = "compared across the table's rows"
MAX_ROWS_SHOWN = 8

_MOST = re.compile(r"最(?:多|高|大)|\b(?:most|highest|largest|biggest|greatest)\b", re.I)
_LEAST = re.compile(r"最(?:少|低|小)|\b(?:fewest|least|lowest|smallest)\b", re.I)
# "增长最多", "比去年涨得最多": the change between years is compared, not the values
_CHANGE = re.compile(r"增|涨|降|减|变化|提升|提高|上升|下滑|比去年|相比|\b(?:grew|rose|fell|increase|decrease|change)", re.I)
_EMPTY = re.compile(r"空白|空着|空的|为空|是空|没填|没有填|未填|\b(?:empty|blank)\b", re.I)
_ZERO = re.compile(r"(?:是|为|填的?是?|写的?是?|都|均)\s*0(?![\d.])|\bzero\b|\b0\b", re.I)
# the question speaks of a table's layout, so its name in the question is the table and not a topic
_LAYOUT = re.compile(r"表|一栏|那栏|这栏|一列|那列|这列|一行|哪行|哪一行|哪几行|\b(?:table|column|row)s?\b", re.I)
_EVERY = re.compile(r"都|均|全是|全为|两年|\b(?:both|all|every)\b", re.I)
_COLUMN_WORD = re.compile(r"栏|列|\bcolumns?\b", re.I)
_WHICH = re.compile(r"哪|什么|\b(?:which|what)\b", re.I)
_TABLE_ID = re.compile(r"表\s*(\d+(?:\s*-\s*\d+)?)")
_SERIAL = re.compile(r"^(?:序号|编号)$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class TableAsk:
    """What a question asks of one table.

    Attributes:
        table: the table.
        op: ``max``, ``min``, ``equal`` (rows whose cells hold ``value``), ``holds`` (rows whose text cell has
            ``value`` in it) or ``values`` (a column's values).
        columns: the header names (or years) the operation reads.
        value: for ``equal``, the cell text sought (``""`` for an empty cell).
        rows: the rows that take part (a question naming one 专业 compares that 专业's rows only).
        every: for ``equal`` over several columns, whether each must hold the value (or one is enough).
    """

    table: Table
    op: str
    columns: tuple[str, ...]
    value: str = ""
    rows: tuple[TableRow, ...] = ()
    every: bool = True


def table_asked(question: str, tables: list[Table], expand: Callable[[str], str] | None = None) -> TableAsk | None:
    """The table operation a question asks for, or None when it asks something else.

    Args:
        question: the standalone question.
        tables: the report's tables.
        expand: gives the question with Chinese terms for its English words (for column names); called only once
            a table is named.

    Returns:
        A TableAsk, or None.
    """
    table = _table_named(question, tables)
    if table is None:  # "2025级招生计划里合作院校有哪些": a table named by its title alone, its column asked as a list
        table = _titled(question, tables)
        column = _column_listed(question, table) if table is not None and table.rows and not table.rows[0].values \
            and len(_WHICH.findall(question)) == 1 and not _rows_named(question, table, table.rows) else None
        if column:
            return TableAsk(table, "values", (column,), rows=tuple(r for r in table.rows if not _is_total(r)))
        # "哪些专业是3+2的", "哪些专业跟衢州职业技术学院合作": the rows of whichever list table holds what is named
        held = _rows_holding(question, [table] if table is not None else tables, expand)
        return held if held is not None else _rows_listed(question, [table] if table is not None else tables, expand)
    if not table.rows:
        return None
    held = _rows_holding(question, [table], expand)
    if held is not None:
        return held
    text = f"{question} {expand(question)}" if expand else question
    rows = [r for r in table.rows if not _is_total(r)]
    named = _rows_named(question, table, rows)
    if table.rows[0].values:
        return _ask_of_year_table(question, table, rows, named)
    if len(named) == 1:
        return None  # "学生国家一等奖那一格是几": one row named, a cell looked up, whatever words of rank it uses
    rows = named or rows
    columns = _numeric_columns(table, rows)
    most, least = _MOST.search(question), _LEAST.search(question)
    if (most or least) and not _CHANGE.search(question):
        column = _column_meant(text, columns)
        if column is None:
            return None
        return TableAsk(table, "max" if most and not least else "min", (column,), rows=tuple(rows))
    if _EMPTY.search(question):
        column = _column_meant(text, [h for h in table.header if not _SERIAL.match(h)])
        if column is not None:
            return TableAsk(table, "equal", (column,), "", tuple(rows))
    if _COLUMN_WORD.search(question) and _WHICH.search(question):
        words = [h for h in table.header if h not in columns and not _SERIAL.match(h)]
        column = _column_meant(text, words, needs_name=True)
    elif not named and len(_WHICH.findall(question)) == 1:  # (not "A和B各是什么学制", "哪几所学校的哪些专业群")
        column = _column_listed(text, table, rows)
    else:
        column = None
    if column is not None and column != _label_header(table):
        return TableAsk(table, "values", (column,), rows=tuple(rows))
    return None


_NEGATED = re.compile(r"不是|不想|不要|没有|除了|除去|以外|之外|非|\b(?:not|except|other than|without)\b", re.I)


def _rows_holding(question: str, tables: list[Table], expand: Callable[[str], str] | None = None) -> TableAsk | None:
    """The rows of a list table whose text cells hold what the clause that asks names ("哪些专业的3+2是跟衢州职业技术
    学院合作的": 3+2 and 衢州职业技术学院), asked by the word for its rows (哪些专业, "which majors"); None otherwise,
    and for what is left out ("不是衢州职业技术学院的"), which this does not compute."""
    asking = next((c for c in reversed(re.split(r"[，,。；;？?！!]", question)) if _WHICH_ROWS.search(c)), "")
    if not asking or _NEGATED.search(asking):
        return None
    for table in tables:
        if not table.rows or table.rows[0].values:
            continue
        label = _label_header(table)
        rows = [r for r in table.rows if not _is_total(r)]
        if not label or not _asks_rows_as(asking, label, expand) or _rows_named(question, table, rows):
            continue  # ("护理是什么学制": a row named is looked up)
        numeric = set(_numeric_columns(table, rows))
        held = []
        for column in (h for h in table.header if h not in numeric and h != label and not _SERIAL.match(h)):
            cells = {_bare(_cell(r, column)) for r in rows} - {""}
            said = sorted((c for c in cells if len(c) >= 4 and c in asking), key=len, reverse=True) \
                or sorted({m for c in cells for m in re.findall(r"\d\s*\+\s*\d", c) if m in asking})
            if said:
                held.append((column, said[0]))
        if held:
            return TableAsk(table, "holds", tuple(c for c, _ in held), "\t".join(v for _, v in held), tuple(rows))
    return None


_WHOLE_SCHOOL = r"(?:学校|我校|贵校|你们学校|这所学校|全校)?"


def _rows_listed(question: str, tables: list[Table], expand: Callable[[str], str] | None = None) -> TableAsk | None:
    """"学校有哪些专业？", "What majors does the school offer?": every row of the one list table whose rows are named
    by the word asked, when the question asks nothing else of them; None otherwise."""
    clause = re.split(r"[。，,；;！!]", re.sub(r"[？?。\s]+$", "", question))[-1]
    english = re.fullmatch(r"\s*(?:what|which)\s+([a-z]+)\s+(?:does|do|can)\s+(?:the school|it|you)\s+"
                           r"(?:offer|have|run|teach)", clause, re.I)
    if english and expand is not None:  # (the word for the rows, in the report's Chinese: majors -> 专业)
        said = expand(english.group(1))
        clause = "学校有哪些" + next((x for t in tables if t.rows and (x := _label_header(t)) and x in said), "")
    found = [t for t in tables if t.rows and not t.rows[0].values and (label := _label_header(t))
             and re.fullmatch(rf"{_WHOLE_SCHOOL}(?:现在|目前|一共|总共|都)?(?:有|开设了?|开了|设了?|开设有)(?:哪些|哪几个)"
                              rf"{re.escape(label)}(?:呢|啊)?|{_WHOLE_SCHOOL}(?:的)?{re.escape(label)}(?:都|一共|具体)?有哪些(?:呢|啊)?",
                              clause)]
    if len(found) != 1:
        return None
    rows = tuple(r for r in found[0].rows if not _is_total(r))
    return TableAsk(found[0], "values", (_label_header(found[0]),), rows=rows)


_WHICH_ROWS = re.compile(r"哪些|哪几|有哪|\bwhich\b", re.I)


def _asks_rows_as(asking: str, label: str, expand: Callable[[str], str] | None) -> bool:
    """Whether a clause asks which rows, by the word for them: "哪些专业", "哪几个专业", "which majors"."""
    if re.search(rf"(?:哪些|哪几[个种类]?|有哪)[\u4e00-\u9fff]{{0,2}}?{re.escape(label)}", asking):
        return True
    words = re.findall(r"\bwhich\s+([a-z]+)", asking, re.I)
    return expand is not None and any(label in expand(w) for w in words)


def _titled(question: str, tables: list[Table]) -> Table | None:
    """The one table whose title the question shares four or more characters with."""
    scored = sorted(((len(_common(question, t.title)), i) for i, t in enumerate(tables)), reverse=True)
    if not scored or scored[0][0] < 4 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return tables[scored[0][1]]


def _column_listed(text: str, table: Table, rows: list[TableRow] | None = None) -> str | None:
    """A text column the question asks for as a list, by its header or its last word ("合作院校有哪些", "有哪些学制");
    None for "是什么学制", which asks a row's cell."""
    numeric = set(_numeric_columns(table, rows if rows is not None else table.rows))
    words = [h for h in table.header if h not in numeric and not _SERIAL.match(h) and h != _label_header(table)]
    return next((h for h in words if any(_listed_as(text, name) for name in {h, h[-2:]} if len(name) >= 2)), None)


def _listed_as(text: str, name: str) -> bool:
    """Whether a question asks for the things a name names, as a list ("合作院校有哪些", "有哪些学制")."""
    name = re.escape(name)
    return re.search(rf"{name}(?:都|一共|具体)?有(?:哪些|哪几[个所种家类]?|什么)|(?:哪些|哪几种|哪几类|有什么){name}",
                     text) is not None


def _ask_of_year_table(question: str, table: Table, rows: list[TableRow], named: list[TableRow]) -> TableAsk | None:
    """Year-column tables (表1–表5): rows compared in one year, or rows holding a value in the years asked."""
    if named:
        return None  # "表5里哪年在校生最多": one indicator across years, which the row itself answers
    years = [y for y in table.rows[0].values if y in question] or list(table.rows[0].values)
    if not _WHICH.search(question):
        return None
    value = _value_sought(question, rows)
    if value is not None:  # "两年都是0": each year; "哪些指标是中职不填": a year that says so
        every = bool(_EVERY.search(question)) and _number(value) is not None
        return TableAsk(table, "equal", tuple(years), value, tuple(rows), every=every)
    most, least = _MOST.search(question), _LEAST.search(question)
    if (most or least) and not _CHANGE.search(question):
        units = {r.unit for r in rows if _number(r.values.get(years[-1], "")) is not None}
        if len(units) != 1:
            return None  # 人, 万元 and % compared with each other mean nothing
        return TableAsk(table, "max" if most and not least else "min", (years[-1],), rows=tuple(rows))
    return None


def _value_sought(question: str, rows: list[TableRow]) -> str | None:
    """The cell text a question looks for: an empty cell, 0, or a marker the table uses (``中职不填``)."""
    if _EMPTY.search(question):
        return ""
    words = {v for r in rows for v in r.values.values() if v and _number(v) is None and len(v) >= 2}
    said = [w for w in words if w in question]
    if said:
        return max(said, key=len)
    if _ZERO.search(question):
        return "0"
    return None


def _table_named(question: str, tables: list[Table]) -> Table | None:
    """The table a question names by number (表1-1) or, beside a word of table layout, by its title."""
    m = _TABLE_ID.search(question)
    if m:
        wanted = "表" + re.sub(r"\s+", "", m.group(1))
        return next((t for t in tables if t.id == wanted), None)
    return _titled(question, tables) if _LAYOUT.search(question) else None


def _common(a: str, b: str) -> str:
    """The longest run of Chinese characters the two strings share."""
    best = ""
    for i in range(len(b)):
        for j in range(i + len(best) + 1, len(b) + 1):
            piece = b[i:j]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", piece) or piece not in a:
                break
            best = piece
    return best


def _is_total(row: TableRow) -> bool:
    return any(TOTAL_LABEL.match(v.strip()) for v in [row.label, *row.cells.values()])


def _label_header(table: Table) -> str:
    """The header of the column that names rows (专业, 获奖类别), or ""."""
    row = table.rows[0]
    return next((h for h, v in row.cells.items() if v == row.label and row.label), "")


def _rows_named(question: str, table: Table, rows: list[TableRow]) -> list[TableRow]:
    """The rows whose name the question says ("护理专业…哪个学制招生最多" compares 护理's rows)."""
    names = {r.label for r in rows if len(r.label) >= 2 and _number(r.label) is None}
    said = [n for n in names if _bare(n) and _bare(n) in question]  # ("(12个)" is bare of any name)
    said = [n for n in said if not any(n != o and _bare(n) in _bare(o) for o in said)]
    return [r for r in rows if r.label in said]


def _bare(label: str) -> str:
    """A row name without its bracketed aside or ``其中：`` lead: 幼儿保育(学前教育) -> 幼儿保育."""
    return re.sub(r"[（(][^）)]*[）)]|^其中[:：]", "", label).strip()


def _numeric_columns(table: Table, rows: list[TableRow]) -> list[str]:
    out = []
    for header in table.header:
        if _SERIAL.match(header):
            continue
        cells = [r.cells.get(header, "").strip() for r in rows]
        filled = [c for c in cells if c]
        if filled and sum(_number(c) is not None for c in filled) >= 0.8 * len(filled):
            out.append(header)
    return out


def _column_meant(text: str, columns: list[str], needs_name: bool = False) -> str | None:
    """The column a question names: its header, or the part of it that tells it from the others (教师获奖 and
    学生获奖 are told apart by 教师 and 学生), nearest to a word for a column; the only column when none is
    named and ``needs_name`` is False."""
    if not columns:
        return None
    keys = {c: _distinct_part(c, columns) for c in columns}
    found = [(c, text.find(k)) for c, k in keys.items() if k and k in text]
    found = [(c, at) for c, at in found if at >= 0]
    if not found:
        return columns[0] if len(columns) == 1 and not needs_name else None
    if len(found) == 1:
        return found[0][0]
    anchors = [m.start() for m in _COLUMN_WORD.finditer(text)] + [m.start() for m in _MOST.finditer(text)] \
        + [m.start() for m in _LEAST.finditer(text)] + [m.start() for m in _EMPTY.finditer(text)]
    if not anchors:
        return None
    spots = {c: [m.start() for m in re.finditer(re.escape(keys[c]), text)] for c, _ in found}
    ranked = sorted((min(abs(a - s) for a in anchors for s in spots[c]), c) for c in spots)
    return ranked[0][1] if len(ranked) == 1 or ranked[0][0] < ranked[1][0] else None


def _distinct_part(column: str, columns: list[str]) -> str:
    """The header without what it shares with the other columns: 教师获奖 among 学生获奖 -> 教师."""
    part = column
    for other in columns:
        if other == column:
            continue
        shared = _common(column, other)
        if len(shared) >= 2:
            part = part.replace(shared, "")
    return part if len(part) >= 2 else column


def _number(value: str) -> float | None:
    text = value.replace(",", "").strip().rstrip("%")
    return float(text) if _NUMBER.fullmatch(text) else None


# ---------------------------------------------------------------- answering
def answer_table_ask(ask: TableAsk, lang: str) -> Answer | None:
    """The answer to a table operation, citing every row it names, or None when no row qualifies.

    Args:
        ask: from ``table_asked``.
        lang: ``zh`` or ``en``.

    Returns:
        An Answer whose numbers are all in its quoted rows, or None.
    """
    rows = list(ask.rows)
    if ask.op in ("max", "min"):
        column = ask.columns[0]
        valued = [(v, r) for r in rows if (v := _number(_cell(r, column))) is not None]
        if not valued:
            return None
        best = (max if ask.op == "max" else min)(v for v, _ in valued)
        picked = [r for v, r in valued if v == best]
        shown = _cell(picked[0], column)
        return _answer(ask, picked, _extreme_head(ask, shown, lang), lang, compared=True)
    if ask.op == "holds":  # (each column named holds its value: "3+2" and "衢州职业技术学院")
        held = list(zip(ask.columns, ask.value.split("\t")))
        picked = [r for r in rows if all(v in _cell(r, c) for c, v in held)]
        names = list(dict.fromkeys(r.label for r in picked if r.label))
        if not names:
            return None
        table = _name(ask.table)
        head = (f"In {table}, the rows whose " + " and ".join(f"{c} includes {v}" for c, v in held) + ": "
                if lang == "en" else f"{table}中" + "、".join(f"{c}含“{v}”" for c, v in held)
                + f"的{_label_header(ask.table)}：")
        return _finish(ask, head + ("; ".join(names) if lang == "en" else "、".join(names)), picked, lang)
    if ask.op == "equal":
        every = all if ask.every else any
        picked = [r for r in rows if every(same_value(_cell(r, c), ask.value) for c in ask.columns)]
        where = [c for c in ask.columns if any(same_value(_cell(r, c), ask.value) for r in picked)]
        return _answer(ask, picked, _equal_head(ask, where, lang), lang, compared=False) if picked else None
    values = list(dict.fromkeys(v for r in rows if (v := _cell(r, ask.columns[0]).strip())))
    if not values:
        return None
    head = (f"{_name(ask.table)}, column {ask.columns[0]}: " if lang == "en"
            else f"{_name(ask.table)}“{ask.columns[0]}”一栏：")
    text = head + ("; ".join(values) if lang == "en" else "、".join(values))
    return _finish(ask, text, [r for r in rows if _cell(r, ask.columns[0]).strip()], lang)


def _cell(row: TableRow, column: str) -> str:
    return row.values.get(column, "") if row.values else row.cells.get(column, "")


def same_value(cell: str, value: str) -> bool:
    """Whether a cell holds a value: the same number as written (94.4680 and 94.468, 1,400 and 1400), the same
    text, or, for no value, nothing."""
    if not value:
        return not cell.strip()
    if _number(value) is not None:
        return _number(cell) == _number(value)
    return cell.strip() == value


def _name(table: Table) -> str:
    return f"{table.id} {table.title}" if table.id.startswith("表") else table.title


def _extreme_head(ask: TableAsk, shown: str, lang: str) -> str:
    column, table = ask.columns[0], _name(ask.table)
    unit = ask.rows[0].unit if ask.rows and ask.rows[0].values and ask.rows[0].unit not in ("", "—", "-") else ""
    if lang == "en":
        word = "highest" if ask.op == "max" else "lowest"
        return f"In {table}, the {word} {column} is {shown}{(' ' + unit) if unit else ''}"
    word = "最多" if ask.op == "max" else "最少"
    if ask.table.rows[0].values:
        word = "最高" if ask.op == "max" else "最低"
        return f"{table}中{column}年{word}的是 {shown}{unit}"
    return f"{table}中{column}{word}的是 {shown}"


def _equal_head(ask: TableAsk, columns: list[str], lang: str) -> str:
    table = _name(ask.table)
    where = "、".join(f"{c}年" if _YEAR.fullmatch(c) else c for c in columns)
    shown = show_cell(ask.value)
    if lang == "en":
        where_en = ", ".join(columns)
        return f"In {table}, rows with {shown} in {where_en}"
    both = "都" if len(columns) > 1 else ""
    return f"{table}中{where}{both}为 {shown} 的"


def _answer(ask: TableAsk, picked: list[TableRow], head: str, lang: str, compared: bool) -> Answer:
    shown = picked[:MAX_ROWS_SHOWN]
    described = [_describe(ask, r, lang) for r in shown]
    sep = "; " if lang == "en" else "、"
    text = f"{head}: " if lang == "en" else f"{head}："
    text += sep.join(described)
    if len(picked) > len(shown):
        text += f" and {len(picked) - len(shown)} more rows" if lang == "en" else f"等{len(picked)}行"
    if compared:
        text += f" ({COMPARED_EN})" if lang == "en" else f"（{COMPARED_ZH}）"
    return _finish(ask, text, shown, lang)


def _describe(ask: TableAsk, row: TableRow, lang: str) -> str:
    """A row by its name and its other cells: 数控技术应用（3年(国际合作)，合作院校 日本工业大学）."""
    if row.values:
        return row.full_label() if ask.op == "equal" else row.label
    label_header = _label_header(ask.table)
    name = row.cells.get(label_header, "") or row.label
    rest = [(h, v) for h, v in row.cells.items() if h != label_header and not _SERIAL.match(h) and h not in ask.columns]
    parts = [cell_text(h, v) for h, v in rest]
    if not parts:
        return name
    return f"{name} ({', '.join(parts)})" if lang == "en" else f"{name}（{'，'.join(parts)}）"


def _finish(ask: TableAsk, text: str, rows: list[TableRow], lang: str) -> Answer:
    section = ask.table.id
    text = f"{text}【{section}】"
    text += "." if lang == "en" else "。"
    citations = [Citation(section=section, title=ask.table.title, quote=r.as_record()) for r in rows]
    return Answer(text=text, citations=citations)


# "报告后面附了几张表", "附表有哪些", "what tables are appended": the appendix as a whole
_APPENDIX_ASKED = re.compile(r"附(?:了|有|上)?(?:几|多少|哪些|哪几|什么)[张个份]?(?:表|表格)|"
                             r"附表(?:有|是|共|一共|总共)*(?:几|多少|哪些|哪几|什么)|"
                             r"\b(?:which|what|how many)\s+(?:appendix\s+|appended\s+)?tables\b(?=.*\b(?:append|attach))|"
                             r"\bwhat(?:'s| is) in the appendix\b", re.I)


def table_names_answer(question: str, tables: list[Table], lang: str) -> Answer | None:
    """The report's appendix tables by number and title, when a question asks what is appended, or one table's title
    when a question asks what a numbered table is; else None.

    Args:
        question: the standalone question.
        tables: the report's tables.
        lang: ``zh`` or ``en``.

    Returns:
        An Answer citing each appended table, or None.
    """
    named = _TITLE_ASKED.search(question)
    if named:  # "表2是什么表": the one table's title
        wanted = "表" + re.sub(r"\s+", "", named.group(1) or named.group(2))
        table = next((t for t in tables if t.id == wanted), None)
        if table is None:
            return None
        text = f"{table.id} is {table.title}【{table.id}】." if lang == "en" else f"{table.id}是{table.title}【{table.id}】。"
        return Answer(text=text, citations=[Citation(section=table.id, title=table.title, quote=f"{table.id} {table.title}")],
                      question=question)
    appended = [t for t in tables if re.fullmatch(r"表\d+", t.id) and t.section_id == t.id]
    if len(appended) < 2 or not _APPENDIX_ASKED.search(question) or not _WHICH_OR_COUNT.search(question):
        return None
    sep = "; " if lang == "en" else "；"
    items = sep.join(f"{t.id} {t.title}【{t.id}】" for t in appended)
    if lang == "en":  # (the count is the tables listed, and says so: no quote states it)
        text = f"The report appends these tables: {items} ({len(appended)} tables, counted from this list)."
    else:
        text = f"报告附表：{items}（共{len(appended)}张，按所列计数）。"
    citations = [Citation(section=t.id, title=t.title, quote=f"{t.id} {t.title}") for t in appended]
    return Answer(text=text, citations=citations, question=question)


# "表2是什么表", "表1-1叫什么", "what is 表3": a table asked for by its number only
_TITLE_ASKED = re.compile(r"^\W*表\s*(\d+(?:\s*-\s*\d+)?)\s*(?:是|叫)(?:一张)?(?:什么|哪)(?:表|样的表|名字|名称)?\W*$|"
                          r"^\W*what(?:'s| is) (?:in )?表\s*(\d+(?:\s*-\s*\d+)?)\W*$", re.I)
_WHICH_OR_COUNT = re.compile(r"哪|什么|几|多少|名称|名字|列|\b(?:which|what|how many|list|names?)\b", re.I)
