"""`qzassist` command line: parse arguments, call the core, format its dataclasses. No logic lives here.

    qzassist ingest [--rebuild]
    qzassist ask "学校有多少教职工？" [--json]
    qzassist sections [--json]
    qzassist chat
    qzassist serve
    qzassist eval [--split test] [--compare ...]
    qzassist bench
    qzassist feedback export [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

from .errors import QzAssistError

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``qzassist`` console script.

    Args:
        argv: arguments (``sys.argv[1:]`` when None).

    Returns:
        The process exit code.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except QzAssistError as exc:
        print(f"qzassist: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(prog="qzassist", description="Answers questions about a school's annual quality report, citing sections.")
    sub = parser.add_subparsers(metavar="command")
    for register in (_ingest, _ask, _sections, _chat, _serve, _eval, _bench, _feedback):
        register(sub)
    return parser


# ---------------------------------------------------------------- ingest / ask / sections / chat
def _ingest(sub) -> None:
    p = sub.add_parser("ingest", help="build index/ from corpus/ (skipped when it is fresh)")
    p.add_argument("--rebuild", action="store_true", help="build even if the index is fresh")
    p.set_defaults(func=cmd_ingest)


def cmd_ingest(args) -> int:
    from .assistant import ingest

    result = ingest(rebuild=args.rebuild, progress=_progress_printer())
    for reason in result.skipped:
        print(f"skipped {reason}", file=sys.stderr)
    word = "built" if result.status == "built" else "already up to date"
    print(f"index {word}: {result.chunks} chunks in {result.seconds:.1f} s")
    return 0


def _progress_printer() -> Callable[[str, int, int], None]:
    def show(stage: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        end = "\n" if done >= total else ""
        print(f"\r{stage:>6} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def _ask(sub) -> None:
    p = sub.add_parser("ask", help="answer one question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print {answer, citations, refused} as JSON")
    p.set_defaults(func=cmd_ask)


def cmd_ask(args) -> int:
    from .assistant import Assistant

    answer = Assistant.load(progress=_progress_printer()).ask(args.question)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def format_answer(answer) -> str:
    """An Answer as plain text: the reply, then one line per citation.

    Args:
        answer: an Answer.

    Returns:
        The text.
    """
    lines = [answer.text]
    for note in answer.notes:
        lines.append(f"  ({note})")
    for c in answer.citations:
        lines.append(f"  【{c.section}】 {c.title}: {c.quote}")
    return "\n".join(lines)


def _sections(sub) -> None:
    p = sub.add_parser("sections", help="the parsed outline with chunk counts per section")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sections)


def cmd_sections(args) -> int:
    from .assistant import corpus_chunks
    from .config import Settings
    from .corpus import read_corpus

    settings = Settings.load()
    corpus = read_corpus(settings.corpus_dir)
    counts: dict[str, int] = {}
    for chunk in corpus_chunks(corpus, settings.chunk_tokens):
        counts[chunk.section] = counts.get(chunk.section, 0) + 1
    outline = [{"id": s.id, "title": s.title, "level": s.level, "parent": s.parent, "chunks": counts.get(s.id, 0)}
               for s in corpus.report.sections]
    for table in corpus.report.tables():
        if table.id not in {o["id"] for o in outline}:
            outline.append({"id": table.id, "title": table.title, "level": 9, "parent": table.section_id,
                            "chunks": counts.get(table.id, 0)})
    if args.json:
        print(json.dumps(outline, ensure_ascii=False, indent=2))
        return 0
    for o in outline:
        indent = "  " * (min(o["level"], 4) - 1)
        print(f"{indent}{o['id']} {o['title']}  ({o['chunks']} chunks)")
    return 0


def _chat(sub) -> None:
    p = sub.add_parser("chat", help="chat in the terminal (follow-up questions work)")
    p.set_defaults(func=cmd_chat)


def cmd_chat(args) -> int:
    from .assistant import Assistant

    assistant = Assistant.load(progress=_progress_printer())
    print(f"{assistant.report.title}\n输入问题，空行退出。 Type a question; an empty line quits.")
    history: list[tuple[str, str]] = []
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            break
        if not question:
            break
        answer = assistant.ask(question, history)
        print(format_answer(answer))
        history.append((question, answer.text))
    return 0


# ---------------------------------------------------------------- serve / eval / bench / feedback
def _serve(sub) -> None:
    p = sub.add_parser("serve", help="start the Gradio chat UI")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.set_defaults(func=cmd_serve)


def cmd_serve(args) -> int:
    from .ui import launch

    launch(host=args.host, port=args.port)
    return 0


def _eval(sub) -> None:
    p = sub.add_parser("eval", help="run the Q&A suite and write a scored report")
    p.add_argument("--split", choices=["dev", "test", "all"], default="test")
    p.add_argument("--questions", default=None, help="a questions .jsonl (default evals/questions.jsonl)")
    p.add_argument("--retriever", action="append", default=None, help="bm25|dense|hybrid (repeat with --compare)")
    p.add_argument("--embedder", action="append", default=None,
                   help="use-multilingual|st:<model>|fake (repeat with --compare; each gets its own index)")
    p.add_argument("--answerer", action="append", default=None, help="extractive|llm")
    p.add_argument("--compare", action="store_true", help="run every given configuration side by side")
    p.add_argument("--min-answer", type=float, default=None, help="exit 1 if answer accuracy is below this fraction")
    p.add_argument("--min-citation", type=float, default=None, help="exit 1 if citation accuracy is below this fraction")
    p.add_argument("--min-refusal", type=float, default=None,
                   help="exit 1 if refusal precision or recall is below this fraction")
    p.add_argument("--out", default=None, help="report folder (default evals/reports/<timestamp>)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON instead of tables")
    p.set_defaults(func=cmd_eval)


def cmd_eval(args) -> int:
    from .evals import run_cli

    return run_cli(args)


def _bench(sub) -> None:
    p = sub.add_parser("bench", help="measure speed, memory and quality against the tutorial baseline")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", default=None)
    p.add_argument("--questions", default=None, help="a questions .jsonl (default evals/questions.jsonl)")
    p.add_argument("--profile", action="store_true", help="also write a pyinstrument profile to <out>/out/")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args) -> int:
    from .bench import run_cli

    return run_cli(args)


def _feedback(sub) -> None:
    p = sub.add_parser("feedback", help="stored 👍/👎 feedback")
    fsub = p.add_subparsers(metavar="action")
    e = fsub.add_parser("export", help="write stored feedback as CSV")
    e.add_argument("--out", default="-", help="a file path, or - for standard output")
    e.set_defaults(func=cmd_feedback_export)


def cmd_feedback_export(args) -> int:
    from .feedback import export_cli

    return export_cli(args)


if __name__ == "__main__":
    sys.exit(main())
