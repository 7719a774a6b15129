"""The plain dataclasses the core passes around and returns: one source of truth for the answer schema.

The CLI prints these as text or JSON and the UI renders them; neither adds logic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit: a run of sentences, one table row, or a figure caption.

    Attributes:
        id: stable id, unique within an index (``"1.5.2#p0-1"``, ``"表2#r12"``).
        text: what is embedded, searched and quoted.
        section: the section id per the report's own numbering (``"1.5.2"``, ``"表2"``, ``"四(二)"``).
        title: that section's title.
        breadcrumb: titles from the top of the report down to this section, joined by `` › ``.
        kind: ``"text"``, ``"row"`` or ``"caption"``.
        table: the table id for rows (``"表1-1"``), or the caption for an unnumbered table.
        meta: extra facts as strings (row label, unit, per-year values), stored beside the vector.
    """

    id: str
    text: str
    section: str
    title: str
    breadcrumb: str = ""
    kind: str = "text"
    table: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def metadata(self) -> dict[str, str]:
        """Flat string metadata for a vector store.

        Returns:
            A dict of scalar values; ``meta`` keys are prefixed ``m_``.
        """
        base = {"section": self.section, "title": self.title, "breadcrumb": self.breadcrumb,
                "kind": self.kind, "table": self.table}
        base.update({f"m_{k}": v for k, v in self.meta.items()})
        return base


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the rank it had in each retriever (1-based).

    ``similarity`` is the raw dense cosine between query and chunk (0.0 when the dense
    retriever did not score it); the answer layer uses the best one to decide refusals.
    """

    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    similarity: float = 0.0


@dataclass(frozen=True)
class Citation:
    """Where an answer comes from: a section id, its title and the sentence or row used."""

    section: str
    title: str
    quote: str


@dataclass
class Answer:
    """What ``Assistant.ask`` returns.

    Attributes:
        text: the reply shown to a person.
        citations: the sections it rests on, with the quoted sentence or row.
        refused: True when the report does not answer the question.
        question: the question as asked.
        query: the standalone query used for retrieval (after follow-up rewriting).
        notes: remarks for the reader (question cut to length, fell back from LLM, ...).
        hits: the retrieved chunks, for evaluation and the UI's source panel.
        timings: seconds spent per stage (``retrieve``, ``compose``).
    """

    text: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    question: str = ""
    query: str = ""
    notes: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The public JSON shape: ``{"answer", "citations": [{"section","title","quote"}], "refused"}``.

        Returns:
            A JSON-serialisable dict.
        """
        return {"answer": self.text, "citations": [asdict(c) for c in self.citations],
                "refused": self.refused, "notes": list(self.notes)}
