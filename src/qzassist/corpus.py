"""Reading corpus/: which files are reports, their parsed form, and a hash that says when they changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorpusError
from .report import PARSER_VERSION, Report, parse_report

SUPPORTED = (".md", ".markdown", ".txt")


@dataclass
class Corpus:
    """The readable reports in a corpus folder, and what was skipped and why."""

    reports: list[tuple[Path, Report]]
    digest: str
    skipped: list[str] = field(default_factory=list)

    @property
    def report(self) -> Report:
        """The first (usually only) report."""
        return self.reports[0][1]


def read_corpus(corpus_dir: Path) -> Corpus:
    """Parse every supported file in ``corpus_dir``, skipping unreadable ones with a reason.

    Args:
        corpus_dir: the folder holding the report text.

    Returns:
        The Corpus.

    Raises:
        CorpusError: when the folder is missing or no file in it is a readable report.
    """
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist; put the report's .md file there or set QZ_CORPUS_DIR.")
    reports, skipped, digest = [], [], hashlib.sha256(PARSER_VERSION.encode())
    for path in sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        report, reason = _read_one(path)
        if report is None:
            skipped.append(f"{path.name}: {reason}")
            continue
        reports.append((path, report))
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    if not reports:
        detail = "; ".join(skipped) if skipped else "it is empty"
        raise CorpusError(f"no readable report in {corpus_dir} ({detail}); add the report as a UTF-8 .md file.")
    return Corpus(reports=reports, digest=digest.hexdigest()[:16], skipped=skipped)


def _read_one(path: Path) -> tuple[Report | None, str]:
    if path.suffix.lower() not in SUPPORTED:
        return None, f"unsupported file type '{path.suffix or 'none'}' (use {', '.join(SUPPORTED)})"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, "not UTF-8 text; convert it with `iconv -f GBK -t UTF-8`"
    if not text.strip():
        return None, "the file is empty"
    report = parse_report(text)
    if not any(s.blocks for s in report.sections):
        return None, "no headings or text that look like a report"
    return report, ""
