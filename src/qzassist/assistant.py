"""The Assistant: the one core that the CLI, the UI, the eval runner and the benchmarks call.

    assistant = Assistant.load()          # settings from QZ_*; builds index/ from corpus/ if missing
    answer = assistant.ask("学校有多少教职工？")
    for event in assistant.stream("那2024年呢？", history): ...
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from .tablequery import table_names_answer, table_asked
from .answer import (ASKS, TOLD_QUESTION, COMPUTED_EN, COMPUTED_TEXT_EN, COMPUTED_TEXT_ZH, COMPUTED_ZH, REFUSAL_EN, REFUSAL_ZH, TABLE_REF, ExtractiveAnswerer, RowMatcher,
                     adds_no_figure, answer_kind_words, asks_next_year, asks_only_direction, detect_language, direction_asked_of, expand_synonyms, gives_only_told_kind, parse_intent, quoted_figures,
                     refusal, small_counts, states_another_kind, topic_of, without_context)
from .answerers import Answerer, answerer_factory
from .chunk import chunk_report, outline_chunks, report_terms
from .config import Settings
from .corpus import Corpus, read_corpus
from .embed import Embedder, get_embedder
from .errors import IndexNotBuiltError, InvalidQuestionError, QzAssistError
from .followup import last_exchange, named_by_reply, names_its_own_subject, points_back, rewrite, subject_of, user_turns, with_subject
from .index import Index, build_index, dictionary_words, index_status, load_index, pos_tagger, word_cutter
from .match import MEASURE_WORDS, TermWeights, names_table, numbers_in, query_terms
from .report import COVER, PARSER_VERSION, Report
from .retrieve import Retriever, get_retriever
from .schema import Answer, Chunk, Hit

Progress = Callable[[str, int, int], None]
EMPTY_QUESTION_ZH = "请输入一个关于报告的问题，例如“学校有多少教职工？”"
EMPTY_QUESTION_EN = "Please type a question about the report, for example “How many staff does the school have?”"
TRUNCATED_NOTE = "问题超过 {limit} 个字符，只使用了前 {limit} 个字符。"
MAX_PARTS = 5
# a word of the story found in at most this many chunks names one place ("龙狮团"), not a topic ("学生")
STORY_WORD_MAX_DF = 3
TOO_MANY_PARTS_NOTE = "一条消息里的问题超过 {limit} 个，只回答了前 {limit} 个。"
OTHER_LANGUAGE_NOTE = "本助手只理解中文和英文提问，请用中文或英文再问一次。Please ask in Chinese or English."
# Fullwidth Latin letters and digits (ｈｏｗ, ２０２４) read as ASCII; Chinese punctuation stays as typed.
_FULLWIDTH = {c: c - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(lo, hi + 1)}
# Instructions aimed at the assistant rather than questions about the report. The clause holding one is
# dropped before retrieval: its words ("指令", "忽略") would otherwise pull in unrelated sections.
INSTRUCTION = re.compile(
    r"(忽略|无视|忘记|忘掉|不要理会|不理会|抛开|跳过|绕过)掉?你?(之前|以前|先前|此前|前面|上面|以上|上述|所有|全部|一切|原有|原来|系统|你的)"
    r".{0,8}?(指令|指示|提示|规则|设定|限制|约束|命令|要求|prompt)"
    r"|(从现在(开始|起)?|现在)，?你就?是|你现在就?是(?!否)"
    r"|(输出|显示|打印|泄露|说出|告诉我)你的(系统)?(提示|指令|设定)"
    r"|\b(ignore|disregard|forget|override|bypass)\b.{0,20}?\b(previous|prior|above|earlier|preceding|all|any|your|system)\b"
    r".{0,20}?\b(instructions?|prompts?|rules|directions|guidelines)\b"
    r"|\byou are now\b|\bpretend (to be|you are)\b|\bsystem prompt\b|\bjailbreak", re.I)
_CLAUSE_END = re.compile(r"(?<=[，,。！!？?；;\n])|(?<=\.)(?!\d)")


class _QueryMemo:
    """Wraps an Embedder so a query embedded for retrieval is not embedded again for row matching."""

    def __init__(self, embedder: Embedder):
        self._inner = embedder
        self.name, self.dim = embedder.name, embedder.dim
        self._last: tuple[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    def embed_documents(self, texts):
        return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            if self._last is not None and self._last[0] == text:
                return self._last[1]
        vector = self._inner.embed_query(text)
        with self._lock:
            self._last = (text, vector)
        return vector


@dataclass
class IngestResult:
    """What ``ingest`` did."""

    status: str
    chunks: int
    seconds: float
    skipped: list[str]


def ingest(settings: Settings | None = None, *, rebuild: bool = False, progress: Progress | None = None,
           embedder: Embedder | None = None) -> IngestResult:
    """Build index/ from corpus/ unless it is already fresh.

    Args:
        settings: configuration; ``Settings.load()`` when None.
        rebuild: build even when the index is fresh.
        progress: called as ``progress(stage, done, total)``.
        embedder: an embedder to use instead of the configured one (tests).

    Returns:
        What was done: ``status`` is ``"built"`` or ``"fresh"``.
    """
    settings = settings or Settings.load()
    started = time.perf_counter()
    corpus = read_corpus(settings.corpus_dir)
    embedder = embedder or get_embedder(settings.embedder)
    status = index_status(settings.index_dir, embedder.name, corpus.digest, PARSER_VERSION, settings.chroma_url)
    if status == "ok" and not rebuild:
        return IngestResult("fresh", _count_chunks(settings), time.perf_counter() - started, corpus.skipped)
    chunks = corpus_chunks(corpus, settings.chunk_tokens)
    terms = sorted({t for _, r in corpus.reports for t in report_terms(r)})
    build_index(chunks, index_dir=settings.index_dir, embedder=embedder, corpus_hash=corpus.digest,
                parser_version=PARSER_VERSION, terms=terms, chroma_url=settings.chroma_url,
                progress=(lambda done, total: progress("embed", done, total)) if progress else None)
    return IngestResult("built", len(chunks), time.perf_counter() - started, corpus.skipped)


def corpus_chunks(corpus: Corpus, max_tokens: int) -> list[Chunk]:
    """Chunks of every report in the corpus; ids are prefixed by file when there are several.

    Args:
        corpus: the read corpus.
        max_tokens: token budget per text chunk.

    Returns:
        All chunks.
    """
    if len(corpus.reports) == 1:
        return chunk_report(corpus.report, max_tokens)
    out = []
    for path, report in corpus.reports:
        out += [_prefixed(c, path.stem) for c in chunk_report(report, max_tokens)]
    return out


def _prefixed(chunk: Chunk, prefix: str) -> Chunk:
    from dataclasses import replace

    return replace(chunk, id=f"{prefix}/{chunk.id}")


def _open_or_build(settings: Settings, corpus: Corpus, embedder: Embedder, build: bool,
                   progress: Progress | None) -> Index:
    """Open the index; build it first only when opening says it is missing, stale or corrupt.

    Opening checks everything a build would check, so a fresh index is opened once, not twice.
    """
    def open_index() -> Index:
        return load_index(settings.index_dir, embedder=embedder, corpus_hash=corpus.digest,
                          parser_version=PARSER_VERSION, chroma_url=settings.chroma_url)

    try:
        return open_index()
    except IndexNotBuiltError:
        if not build:
            raise
    ingest(settings, progress=progress, embedder=embedder)
    return open_index()


def _count_chunks(settings: Settings) -> int:
    from .index import read_manifest

    return read_manifest(settings.index_dir).chunk_count


class Assistant:
    """Answers questions about the report in corpus/, citing sections.

    Build with ``Assistant.load()``; ``ask`` and ``stream`` are safe to call from several threads.
    """

    def __init__(self, settings: Settings, corpus: Corpus, index: Index, embedder: Embedder,
                 retriever: Retriever, answerer: Answerer):
        self.settings = settings
        self.corpus = corpus
        self.index = index
        self.embedder = embedder
        self.retriever = retriever
        self.answerer = answerer

    @property
    def report(self) -> Report:
        """The parsed report (for outlines and the UI's report view)."""
        return self.corpus.report

    @classmethod
    def load(cls, settings: Settings | None = None, *, build_if_missing: bool = True,
             progress: Progress | None = None, embedder: Embedder | None = None, **overrides) -> "Assistant":
        """Open index/ (building it from corpus/ if missing) and get ready to answer.

        Args:
            settings: configuration; ``Settings.load(**overrides)`` when None.
            build_if_missing: build a missing or stale index instead of raising.
            progress: progress callback for a build.
            embedder: an embedder instance to use instead of ``settings.embedder`` (tests).
            **overrides: Settings fields (``retriever="bm25"``, ``index_dir=...``).

        Returns:
            A ready Assistant.

        Raises:
            IndexNotBuiltError: the index is missing or stale and ``build_if_missing`` is False.
        """
        settings = settings or Settings.load(**overrides)
        configured = answerer_factory(settings)  # an unknown answerer or missing LLM settings fail before any index work
        corpus = read_corpus(settings.corpus_dir)
        embedder = _QueryMemo(embedder or get_embedder(settings.embedder))
        index = _open_or_build(settings, corpus, embedder, build_if_missing, progress)
        retriever = get_retriever(settings.retriever, index, embedder)
        return cls(settings, corpus, index, embedder, retriever, configured(build_answerer(index, embedder, corpus)))

    # ---- asking
    def ask(self, question: str, history=None) -> Answer:
        """Answer one question, using earlier turns to resolve follow-ups.

        Args:
            question: what the person typed.
            history: earlier turns as (user, assistant) pairs or role/content dicts.

        Returns:
            The Answer (``refused`` is True when the report does not say).
        """
        question, notes = self._clean(question)
        if not question:
            lang = "zh"
            return Answer(text=EMPTY_QUESTION_EN if lang == "en" else EMPTY_QUESTION_ZH, refused=True,
                          question="", notes=notes)
        parts = split_questions(question, self._subject_words)
        if len(parts) > MAX_PARTS:
            parts = parts[:MAX_PARTS]
            notes.append(TOO_MANY_PARTS_NOTE.format(limit=MAX_PARTS))
        if len(parts) > 1 and self._one_table_question(parts):
            parts = [question]  # "招生计划表里招生数最少的是哪一行？几个人？合作院校是哪所？": one row answers all
        if len(parts) > 1:
            answer = self._ask_parts(parts, history)
        else:
            answer = self._ask_one(parts[0], history)  # without trailing text that asks nothing
        answer.question = question
        answer.notes = notes + answer.notes
        return answer

    def _ask_one(self, question: str, history, parts_before: int = 0) -> Answer:
        *_, answer = self._events_one(question, history, stream=False, parts_before=parts_before)
        asked = without_context(question)
        if answer.refused and asked != question:
            # "孩子成绩中等，打算走职教高考。…升学的比例有多高？": the story before the question may
            # only have diluted it; the question alone is answered if the report answers it
            alone = self._without_story(answer, question, asked, history, parts_before)
            if alone is not None:
                return alone
        elif answer.refused and answer.query and answer.query != question \
                and (plain := without_context(answer.query)) != answer.query:
            # "美育课专任老师呢？" read with "儿子爱运动…。体育课专任老师…各有几位？": the story came with the earlier
            # turn into the rewritten question; without it, the rewritten question may be answered
            alone = self._without_story(answer, answer.query, plain, [], 0)
            if alone is not None:
                alone.question = question
                return alone
        if not answer.refused and history and not parts_before:
            better = self._own_subject_answer(question, answer)
            if better is not None:
                return better
        if answer.refused and history and (among := _AMONG.match(question)):
            # "其中保障层具体包括哪些部门？" after "…组织架构分几级？": read with the earlier question's words the
            # place is diluted; what it names (保障层) is asked of the place the reply quoted, where alone it is found
            quoted = set(re.findall(r"【([^】]+)】", last_exchange(history)[1]))
            *_, alone = self._events_one(question[among.end():], [], stream=False)
            if not alone.refused and quoted & {c.section for c in alone.citations}:
                alone.question = question
                return alone
        if answer.refused and history and names_its_own_subject(question):
            # "那个SYB创业培训又带了几个学员？": it names what it asks about; the story of the turn before
            # that it was read with is what the report is silent on
            *_, alone = self._events_one(question, [], stream=False)
            if not alone.refused:
                return alone
        return answer

    def _own_subject_answer(self, question: str, answer: Answer) -> Answer | None:
        """"…一带一路…一共拿了几个奖？" then "其中电商专业是哪位同学带队获的奖？": read with the earlier turn, the
        follow-up lands on the place that answered it, which does not name what the follow-up names (电商). Alone,
        it may be answered where that is named, in a section the earlier place shares; else None."""
        weights = getattr(self._extractive, "weights", None)
        if weights is None:
            return None
        low = answer.text.lower()
        own = [w for w in self._nouns(subject_of(question)) if len(w) > 1 and w.lower() not in low
               and 0 < weights.df(w.lower()) <= STORY_WORD_MAX_DF]
        if not own:
            return None
        *_, alone = self._events_one(question, [], stream=False)
        sections = {c.section for c in answer.citations}
        if alone.refused or not all(w.lower() in alone.text.lower() for w in own) \
                or not sections & {c.section for c in alone.citations}:
            return None
        alone.question = question
        return alone

    def _without_story(self, refused: Answer, told: str, asked: str, history, parts_before: int) -> Answer | None:
        """The answer to ``asked`` (``told`` without the story before it), unless the report is silent on it
        too, it gives only figures the story quoted, it says only what the whole message said, or it leaves the
        place the story retells; else None."""
        *_, alone = self._events_one(asked, history, stream=False, parts_before=parts_before)
        tells_back = getattr(self._extractive, "tells_back", None)
        if alone.refused or self._tells_only_the_story(alone, told) or self._story_place_left(refused, alone, told, asked) \
                or tells_back is not None and tells_back(alone.text, told):
            # ("…那个“金蓝领…创新团队”…报告说他们申报了…示范团，最后评上没有？" -> "…创新团队”申报…示范团")
            return None
        alone.question = told
        return alone

    def _events_one(self, question: str, history, stream: bool, parts_before: int = 0) -> Iterator[str | Answer]:
        """One question: the answerer's text deltas when ``stream`` and it can stream, then the Answer."""
        started = time.perf_counter()
        query = self.standalone(question, history, parts_before)
        hits = self.retrieve(query)
        retrieved = time.perf_counter()
        if stream:
            events = self.answerer.stream_compose(query, hits, self._query_vector(expand_synonyms(query)),
                                                  lang=detect_language(question))
        else:
            events = [self.compose(question, query, hits)]
        for answer in events:  # the last event is the Answer
            if isinstance(answer, str):
                yield answer
        answer.query, answer.hits = query, hits
        answer.timings = {"retrieve": retrieved - started, "compose": time.perf_counter() - retrieved}
        yield answer

    def standalone(self, question: str, history=None, parts_before: int = 0) -> str:
        """The question rewritten to stand alone, using earlier turns (follow-ups).

        Args:
            question: a cleaned question.
            history: earlier turns.
            parts_before: how many of the last turns are earlier parts of the same message; a part that only
                says what is done ("参与编写的又是几本？") is then not read as about them, since the message
                gives its subject its own way (``borrow_subject``).

        Returns:
            The standalone query.
        """
        named = self._subject_words if parts_before else self._things_named
        turns = self._clean_turns(history)
        if not parts_before and turns:
            question = self._named_by_last_reply(question, turns[-1][0], history) or question
        return rewrite(question, turns, self._cut(), named, new_message=not parts_before, kind_of=self._kind_of)

    def _named_by_last_reply(self, question: str, asked: str, history) -> str:
        """"这个班今年扩招了吗？" after "学校有没有跟普通高中合作办的班？" (``asked``, cleaned): the class the reply named
        (职普融通班), put where the question points at it; "" when the reply refused or names no such thing the report
        knows."""
        said, reply = last_exchange(history)
        weights = getattr(self._extractive, "weights", None)
        if not said or not reply or weights is None or reply.startswith(_REFUSED):
            return ""
        named = named_by_reply(question, asked, reply, self._cut())
        # (the reply quotes the report; the name must be the report's own, not words of the question repeated)
        new = [w for w in self._subject_words(named) if isinstance(w, str) and w not in question.lower()]
        return named if named and new and all(weights.known(w) for w in new) else ""

    def _kind_of(self, name: str) -> str:
        """The kind word of a bare name the report gives as one (a major: "会计" -> "专业"), or ""."""
        names_major = getattr(self._extractive, "_names_major", None)
        return "专业" if names_major is not None and names_major(name) else ""

    def retrieve(self, query: str) -> list[Hit]:
        """The chunks a standalone query is answered from.

        Args:
            query: from ``standalone``.

        Returns:
            At most ``settings.top_k`` hits, best first, with few rows of any one table.
        """
        search = expand_synonyms(query)  # the report's words for everyday and English ones
        # Fetch deep: one table's rows can crowd out the prose that diversify() makes room for.
        return diversify(self.retriever.search(search, self.settings.top_k * 6), self.settings.top_k)

    def compose(self, question: str, query: str, hits: list[Hit]) -> Answer:
        """Compose the answer to a standalone query from its hits, in the question's language.

        Args:
            question: the question as asked (decides the reply's language).
            query: the standalone query.
            hits: from ``retrieve``.

        Returns:
            The Answer.
        """
        answer = self.answerer.compose(query, hits, self._query_vector(expand_synonyms(query)),
                                       lang=detect_language(question))
        answer.question, answer.query, answer.hits = question, query, hits
        return answer

    def _ask_parts(self, parts: list[str], history) -> Answer:
        """Answer a message that asks several things, each part in the light of the ones before it."""
        answers, turns, queries = [], list(history or []), []
        first = parts[0]
        for i, part in enumerate(parts):
            # later parts usually go on about the first one's subject ("…社团有多少个？多少学生参加了？")
            # "…联系了多少人次学生？全年教代会开了几次？": a subject the report tells of in one place is its own
            asked = borrow_subject(part, first, self._subject_nouns, self._rare) if i else part
            borrowed = asked if asked != part or not i else borrow_subject(part, first, self._subject_nouns)
            if i and borrowed == part and self._names_little(part):
                asked = f"{part} {queries[-1]}"  # "…24级拿了几个学科第一？有没有第二的？": the 第二 of the same 24级
            queries.append(asked)
            if i:
                asked = _in_table_of(parts[0], asked)  # "核对表1-1：…几项？市三等奖那一格是多少？" reads the same table
                if asks_next_year(first) and not _WHEN_SAID.search(part):
                    asked = f"明年{asked}"  # "明年的招生计划出来了吗？职普融通班还是招90人吗？": still 明年
            if i and not answers[-1].refused:
                asked = named_by_reply(part, parts[i - 1], answers[-1].text, self._cut()) or asked
            if i and answers[0].refused and (asked != part or borrowed != part or self._names_nothing_new(part, first)
                                             or (_ITS.match(part) or _SHARE_OF_IT.match(part) or _THOSE.search(part)
                                                 or self._goes_on_without_subject(part, first))
                                             and answers[-1].refused):
                # ("…全省排第一的是哪所学校？它拿了多少个省级奖？": 它 is what the part before asked of, unknown)
                # "…奖学金一个学生能拿多少钱？评上要什么条件？", "…是哪位老师？教哪个学科的？": about what the report
                # is silent on
                answers.append(Answer(text="", refused=True, question=part, query=asked))
            else:
                answers.append(self._ask_one(asked, turns, parts_before=i))
                plain = without_context(first) if i and answers[-1].refused else first
                if plain != first:
                    # "儿子一心想学机械。…工业机器人技术应用是几年制、跟哪所学校合作？": the story's words, borrowed
                    # with the first part's subject, are what the report is silent on; the subject alone is not
                    again = _in_table_of(parts[0], borrow_subject(part, plain, self._subject_nouns, self._rare))
                    # "我是外省来考察的…这所学校是哪一年创办的？它获得的国家级荣誉称号有多少项？": a part that points
                    # back (它) is read against the first part without its story, and must tell something new
                    pointed = again == asked and not answers[0].refused
                    if pointed:  # (the turns with the first part's question told without its story)
                        told = [*turns[:-i], (plain, turns[-i][1]), *turns[len(turns) - i + 1:]]
                        retry = self._ask_one(again, told, parts_before=i)
                    else:
                        retry = self._ask_one(again, turns, parts_before=i) if again != asked else answers[-1]
                    if not retry.refused and not (pointed and _repeats(retry, answers[:-1])):
                        answers[-1] = retry
            if i and not answers[-1].refused and says_again(answers[-1], answers[:-1]) and _ITS.match(part) \
                    and any(self._rare(w) for w in self._subject_words(part) if isinstance(w, str)):
                # "…的办学目标是什么？它的校风又是怎么写的？": 它 is the school; the part names what it asks about
                # (校风, told of in one place), which the earlier part's place did not say
                alone = self._ask_one(_ITS.sub("学校的", part, count=1), [])
                if not alone.refused and not says_again(alone, answers[:-1]):
                    answers[-1] = alone
            elif i and not answers[-1].refused and asked != part and says_again(answers[-1], answers[:-1]):
                # "…签的责任书和承诺书收了多少份？活动期间推出的视频有几个？": with the first part's subject the
                # part lands on the place already quoted, which says nothing of what it names (视频); alone, it
                # is answered where that is said
                weights, named = getattr(self._extractive, "weights", None), subject_of(part)
                own = [w for w in self._nouns(named) if len(w) > 1 and w not in answers[-1].text
                       and weights is not None and 0 < weights.df(w) <= STORY_WORD_MAX_DF]
                if own:
                    alone = self._ask_one(part, list(history or []))
                    if not alone.refused and not says_again(alone, answers[:-1]) and all(w in alone.text for w in own):
                        answers[-1] = alone
            if i and not answers[-1].refused and says_again(answers[-1], answers[:-1]):
                # "…国际合作的三年制班计划招几个人？这些年已经有多少学生被那所大学录取了？": read with the parts
                # before it, the part lands on their place again and would say nothing; its own words, with
                # what it points at named, may be answered where far more of its words (录取) are said
                weights, words = getattr(self._extractive, "weights", None), self._subject_words(part)
                said = weights.coverage(words, answers[-1].text) if weights is not None and words else 1.0
                alone = self._ask_one(asked, list(history or [])) if said < 0.5 else answers[-1]
                if not alone.refused and not says_again(alone, answers[:-1]) \
                        and weights.coverage(words, alone.text) >= said + 0.3:
                    answers[-1] = alone
            answers[-1].question = part
            if not i and not answers[0].refused and answers[0].query and answers[0].query != part \
                    and part.endswith(answers[0].query):
                # "儿子是体育特长生。…这个专业是哪种学制、跟哪所学校合作？": the first part was answered once the
                # story before it was dropped, so the later parts borrow its subject without the story too
                first = answers[0].query
            turns.append((part, answers[-1].text))
        message = "".join(parts)
        if any(a.refused for a in answers):
            # "学校里有游泳池吗？孩子能上游泳课吗？": beside a part the report is silent on, a "…吗" part whose reply
            # says none of the words it asks with was answered from somewhere else
            answers = [self._refusal_of(a) if not a.refused and self._yes_no_unmet(a) else a for a in answers]
        if any(a.refused for a in answers) and all(a.refused or self._tells_nothing_asked(a, message) for a in answers):
            # "报告说全年开了5次教代会。其他几次各审议了什么？分别是几月份开的？": a part the report is silent on,
            # and parts answered only with the figures the person quoted: nothing asked is told
            answers = [a if a.refused else self._refusal_of(a) for a in answers]
        return combine_answers(answers)

    def stream(self, question: str, history=None) -> Iterator[str | Answer]:
        """Answer as a stream: text deltas, then the final Answer.

        Args:
            question: what the person typed.
            history: earlier turns.

        Yields:
            str pieces of the reply in order, then the complete Answer. An answerer with
            ``stream_compose`` (the LLM) streams a one-part question as it is generated; its
            final Answer may differ from the streamed text (a removed citation, a fallback), so
            a UI shows ``answer.text`` once it arrives. Otherwise the text comes in 12-char pieces.
        """
        if hasattr(self.answerer, "stream_compose"):
            text, notes = self._clean(question)
            parts = split_questions(text, self._subject_words) if text else []
            if len(parts) == 1:
                for event in self._events_one(parts[0], history, stream=True):
                    if isinstance(event, Answer):
                        event.question, event.notes = text, notes + event.notes
                    yield event
                return
        answer = self.ask(question, history)
        for piece in re.findall(r".{1,12}", answer.text, flags=re.S):
            yield piece
        yield answer

    @property
    def _extractive(self):
        """The extractive answerer (the LLM answerer keeps one as its fallback), whose segmenter, tagger, term
        weights and report years the question handling shares."""
        return getattr(self.answerer, "extractive", self.answerer)

    def _tells_only_the_story(self, answer: Answer, question: str) -> bool:
        """Whether a reply to a "多少" question gives no figure but those the story before it quoted ("今年发展了
        410名新团员。那全校一共有多少团员？" -> "全年发展新团员410名"): what the person said, not what they asked."""
        years = getattr(self._extractive, "report_years", ())
        intent = parse_intent(question, years)
        if intent.kind and not intent.compare and gives_only_told_kind(answer.text, intent.kind, question):
            return True  # "升到全省第6。那去年排第几" -> "综合排名升至全省第6"
        return intent.numeric and not intent.compare and \
            adds_no_figure(answer.text, quoted_figures(question, intent.sections, years), intent.measures)

    def _tells_nothing_asked(self, answer: Answer, message: str) -> bool:
        """Whether a part's reply to a "多少" question states figures only of another kind than asked ("给多少名学生
        投了保" -> "0.3025万元"), or none but those the message quoted, small counts included ("开了5次教代会")."""
        years = getattr(self._extractive, "report_years", ())
        intent = parse_intent(answer.question or "", years)
        if not intent.numeric or intent.compare:
            return False
        quoted = quoted_figures(message, intent.sections, years) + [n for c in small_counts(message) for n in numbers_in(c)]
        return states_another_kind(answer.text, intent.measures) or adds_no_figure(answer.text, quoted, intent.measures)

    def _yes_no_unmet(self, answer: Answer) -> bool:
        """Whether a part asks yes or no ("今年新生能住上新寝室吗？") and its reply says none of the words of the
        clause that asks."""
        question = answer.question or ""
        if not re.search(r"吗\s*[？?]?\s*$", question):
            return False
        clause = re.split(r"[，,。；;！!]", re.sub(r"[？?\s]+$", "", question))[-1]
        words = [w for w in self._subject_words(clause) if isinstance(w, str) and len(w) > 1 and not w.isdigit()]
        return bool(words) and not any(w in answer.text for w in words)

    def _refusal_of(self, answer: Answer) -> Answer:
        """A refusal of what an answer was asked, pointing at the place it was answered from."""
        question = answer.question or answer.query
        refused = refusal(question, detect_language(question), answer.citations[0] if answer.citations else None)
        refused.query, refused.hits, refused.timings = answer.query, answer.hits, answer.timings
        return refused

    def _story_place_left(self, refused: Answer, alone: Answer, question: str, asked: str) -> bool:
        """Whether the story names the place its question asks about and the question alone is answered from
        another place that says none of the story's rarer words ("报告说学校龙狮团…被市级媒体报道了三次。是哪
        几家媒体报的？" -> "各级媒体报道70次"): the report is silent on what is asked of the story's place."""
        weights = getattr(self._extractive, "weights", None)
        if weights is None or not refused.citations or not question.endswith(asked):
            return False
        story, place = question[: -len(asked)], refused.citations[0].quote
        first = alone.citations[0].quote if alone.citations else ""
        counts = [*small_counts(story), *quoted_figures(story, (), getattr(self._extractive, "report_years", ()))]
        table = TABLE_REF.match(place)  # (a row's quote starts with its table's number)
        pinned = [c for c in counts if c in place or table and set(numbers_in(c)) & set(numbers_in(place))]
        if pinned and first and (place in first or first in place):
            # "拿了4个学科第一。是哪4门学科？", "把15个问题都整改完了。这15个问题是哪些方面的？": the count the story
            # repeats pinned this place, which was read with it and found to only count; asked without it, the same
            # place is no better an answer
            return True
        if pinned and table and names_table(story, table.group()) and first and alone.citations[0].section != table.group():
            # "表1-1里学生拿了7项国家一等奖。这7项分别是哪些比赛": the story names the table whose row it quotes;
            # alone, the question lands on another 7项 (技能竞赛7项)
            return True
        if pinned and _WITHIN_IT.match(asked) and not any(c in q.quote for c in pinned for q in alone.citations):
            # "清廉文化节收上来528件作品。这里面学生作品和老师作品各占多少件？": "这里面" is the 528 the story
            # quotes from its place; alone, the question lands on other works (推送10余篇师生作品)
            return True
        if pinned and table and not any(set(numbers_in(c)) & set(numbers_in(q.quote))
                                                         for c in pinned for q in alone.citations):
            # "表2里说有5个校级虚拟仿真实训基地。这5个基地分别是给哪些专业用的？": the row that counts them was
            # pinned by the count and only counts; alone, the question lands where that count is not said
            return True
        told = {w for w in self._subject_words(story) if isinstance(w, str) and len(w) > 1
                and 0 < weights.df(w) <= STORY_WORD_MAX_DF}
        # ("报告里说今年有1人入选了“浙江工匠”培养项目。这位老师叫什么名字？": a question that points back at what the
        # story quotes from the report, said by that place and not by the one the question alone lands on)
        pointing = points_back(asked) or re.search(r"[这那](?:位|名|项|门|支|次)", asked)
        quoted = [q for q in re.findall(r"“([^”]{2,12})”", story) if q in place] if pointing else []
        if quoted and first and not any(q in c.quote for c in alone.citations for q in quoted):
            return True
        # two of them in one place: the story retells that place (one alone may be an everyday word, 参观)
        shared = [w for w in told if w in place]
        rarest = [w for w in shared if weights.df(w) == min((weights.df(v) for v in shared), default=0)]
        # (an English question quotes the report's Chinese name of the place's subject on purpose: 八佾舞)
        named = detect_language(question) == "en" and any(re.search(r"[\u4e00-\u9fff]", w) for w in shared)
        return (len(shared) >= 2 or named) and not any(w in c.quote for c in alone.citations for w in rarest)

    def _one_table_question(self, parts: list[str]) -> bool:
        """Whether the first part asks about tables as a whole (compares a table's rows, or what is appended) and
        the later parts ask only about what those tables hold (a row, its count, another column, their names)."""
        tables = getattr(self._extractive, "tables", None)
        if not tables:
            return False
        asked = table_asked(parts[0], tables)
        if asked is not None:  # its headers and cells whole: 学生 is not the column 学生获奖
            table = asked.table
            holds = {table.title, *table.header, *(v for r in table.rows for v in [r.label, *r.cells.values()])}
        elif table_names_answer(parts[0], tables, "zh") is not None:  # the appended tables' names
            holds = {w for t in tables if t.id == t.section_id for w in (t.id, t.title)}
        else:
            return False
        weights = getattr(self._extractive, "weights", None)

        def of_table(word: str) -> bool:  # a word of the tables', or one the report never uses ("或班": a cut's scrap)
            return bool(ASKS.search(word)) or word in holds or _TABLE_NAMING.fullmatch(word) is not None \
                or weights is not None and not weights.known(word)

        def about_table(part: str) -> bool:  # "合作院校是哪所": its words, or the words together ("合作|院校")
            words = [w for w in self._subject_words(part) if not ASKS.search(w)]
            return all(of_table(w) for w in words) or "".join(words) in holds

        return all(about_table(p) for p in parts[1:])

    def _names_nothing_new(self, part: str, first: str) -> bool:
        """Whether a later part names nothing the first part did not, but the kind of answer it wants ("是哪位老
        师？教哪个学科的？", "…比例是多少？跟衢州中专比谁高？"): it asks more about the first part's subject."""
        kinds = answer_kind_words(part, self._cut())
        tag = getattr(self._extractive, "tag", None)
        # (a pronoun names nothing: "经费是学校出还是学生自己凑")
        words = [w for w in self._subject_words(part) if isinstance(w, str)
                 and not (tag is not None and all(flag == "r" for _, flag in tag(w)))]
        return bool(words) and all(w in kinds or w.lower() in first.lower() for w in words)

    def _goes_on_without_subject(self, part: str, first: str) -> bool:
        """Whether a later part names no subject before its question word, only what is done ("读的是什么专业方向？"
        after "…预录取的那9位老师，分别被哪几所高校录取了？"), and asks of nothing the first part named: it goes on
        about the first part's subject."""
        tag = getattr(self._extractive, "tag", None)
        if tag is None or any(flag.startswith(("n", "eng")) or flag == "vn" for _, flag in tag(subject_of(part))):
            return False
        return not any(w.lower() in first.lower() for w in self._nouns(part))

    def _names_little(self, part: str) -> bool:
        """Whether a part is a few words that name at most one thing ("有没有第二的？", "几个第二？"): it goes on
        about the part before it."""
        if re.search(r"哪|谁|什么|\b(?:who|which|what)\b", part, re.I):
            return False  # "是哪位老师拿的？" asks for a name, which the place before may not give
        return len(self._subject_words(part)) <= 1 and len(re.sub(r"[\W\d_]", "", part)) <= 8

    def _cut(self):
        """The extractive answerer's word segmenter (jieba with the report's terms), or None."""
        return getattr(self._extractive, "cut", None)

    def _subject_words(self, text: str) -> list[str]:
        """The words a question names its subject by, cut as the extractive answerer cuts them."""
        return query_terms(text, self._cut())

    def _things_named(self, text: str) -> list[str]:
        """The subject words of a question that name things, not what is done ("一共服务了多少人？": 服务 is done,
        so the question names nothing and is about the earlier turn's subject)."""
        tag = getattr(self._extractive, "tag", None)
        done = {w for w, flag in tag(text) if flag == "v"} if tag is not None else set()
        return [w for w in self._subject_words(text) if not isinstance(w, str)
                or w not in done and not re.search(rf"{re.escape(w)}[了过](?!解)", text)]

    def _nouns(self, text: str) -> list[str]:
        """The nouns of a text, by the extractive answerer's tagger (jieba's with the report's terms)."""
        tag = getattr(self._extractive, "tag", None)
        if tag is None:
            return []
        return [w for w, flag in tag(text) if flag.startswith(("n", "eng"))]

    def _subject_nouns(self, text: str) -> list[str]:
        """The nouns of a text with the words that say which kind of them ("高级“双师型”教师": 高级), as a later
        part borrows them: 高级 is part of the indicator asked about, not a word of its own."""
        tag = getattr(self._extractive, "tag", None)
        if tag is None:
            return []
        tagged = [(w, flag) for w, flag in tag(text) if w.strip() and w not in "“”\"'‘’《》"]
        return [w for i, (w, flag) in enumerate(tagged) if flag.startswith(("n", "eng"))
                or flag == "b" and i + 1 < len(tagged) and tagged[i + 1][1].startswith("n")]

    def _rare(self, word: str) -> bool:
        """Whether the report tells of a word in one place only (教代会): a subject of its own."""
        weights = getattr(self._extractive, "weights", None)
        return weights is not None and weights.df(word.lower()) == 1

    def _query_vector(self, query: str) -> np.ndarray | None:
        try:
            return self.embedder.embed_query(query)
        except QzAssistError:
            return None

    def _clean(self, question) -> tuple[str, list[str]]:
        if not isinstance(question, str):
            raise InvalidQuestionError(f"a question must be text, not {type(question).__name__}; pass a str.")
        text = "".join(ch for ch in question if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co") or ch in "\n\t")
        text = to_simplified(re.sub(r"\s+", " ", text.translate(_FULLWIDTH)).strip())
        notes = []
        limit = self.settings.max_question_chars
        if len(text) > limit:
            text = text[:limit]
            notes.append(TRUNCATED_NOTE.format(limit=limit))
        text = drop_instructions(text)
        if other_script_share(text) >= 0.3:
            notes.append(OTHER_LANGUAGE_NOTE)
        return text, notes

    def _clean_turns(self, history) -> list[tuple[str, str]]:
        # Earlier questions get the same cleaning as a new one, so an instruction typed in one turn
        # cannot steer a later follow-up; follow-ups read only the user's turns.
        return [(self._clean(turn)[0], "") for turn in user_turns(history)]


def to_simplified(text: str) -> str:
    """Traditional Chinese to simplified (學校 -> 学校), since reports of this kind are in simplified.

    Args:
        text: a question.

    Returns:
        The text with traditional characters converted (zhconv's bundled tables; nothing downloads).
    """
    if text.isascii():
        return text
    import zhconv

    return zhconv.convert(text, "zh-cn")


def drop_instructions(text: str) -> str:
    """Drop the clauses that instruct the assistant ("忽略之前的指令，…") and keep the question.

    Args:
        text: a cleaned question.

    Returns:
        The question without those clauses (unchanged when there are none).
    """
    if not INSTRUCTION.search(text):
        return text
    return "".join(c for c in _CLAUSE_END.split(text) if not INSTRUCTION.search(c)).strip()


def other_script_share(text: str) -> float:
    """The share of letters that are neither Chinese characters nor Latin (kana, Cyrillic, Arabic, ...).

    Args:
        text: a question.

    Returns:
        A fraction from 0 to 1 (0 when there are no letters).
    """
    letters = [ch for ch in text if ch.isalpha()]
    other = [ch for ch in letters if not unicodedata.name(ch, "").startswith(("CJK", "LATIN"))]
    return len(other) / len(letters) if letters else 0.0


def _names_again(named: str | None, before: str) -> bool:
    """Whether what a question about a change names ("拿证人数是多了还是少了？") is, nearly character for character,
    what the question before it asked the figures of ("…拿到职业技能等级证书的学生各是多少人？")."""
    return bool(named) and len(named) <= 6 and sum(c in before for c in named) >= 0.75 * len(named)


def split_questions(text: str, subject: Callable[[str], list[str]] | None = None) -> list[str]:
    """Split a message that asks several questions ("…多少人？…多少个专业？") into its questions.

    Args:
        text: the cleaned question.
        subject: the words a question names its subject by (question words left out); with it, a
            question that names nothing ("是哪几项？", "涨了还是跌了？") stays with the one before it,
            which says what it is about.

    Returns:
        The questions; a single-element list when there is one.
    """
    parts = [p.strip() for p in re.split(r"(?<=[？?])", text) if p.strip()]
    merged: list[str] = []
    each = ""  # a check of which way each figure went, asked after them
    for part in parts:  # "…两年各有几个？是增加了吗？": a bare yes/no check goes with the question before it
        if merged and asks_only_direction(part) and _EACH_ONE.search(part):
            merged = [m + part for m in merged]  # "…第二产业两年各几个？第三产业呢？两项分别是增是减？": each of them
            each = part
        elif merged and (_BARE_CHECK.fullmatch(part) or _BARE_REQUEST.fullmatch(part.strip()) or asks_only_direction(part)
                         or _names_again(direction_asked_of(part), merged[-1])
                         or subject is not None and not subject(part)):
            merged[-1] += part
        else:
            merged.append(part)
    # "老师是不是越来越少了？表5里专任教师…各是多少？": a check of a change asks the figures that follow
    joined: list[str] = []
    for part in merged:
        if joined and _CHANGE_CHECK.search(joined[-1]) and not _FIGURE_ASKED.search(joined[-1]) \
                and _FIGURE_ASKED.search(part):
            joined[-1] += part
        else:
            joined.append(part)
    merged = joined
    parts = [clause for p in merged for piece in _split_indicators(p) for clause in _split_clauses_that_ask(piece)]
    if each:  # "how many A in 2024 and 2025, and how many B? Which went up and which went down?": A's too
        mark = "? " if each.isascii() else "？"
        parts = [p if p.endswith(each) or not _FIGURE_ASKED.search(p) else p.rstrip("?？ ") + mark + each for p in parts]
    parts = [p for p in parts if (len(re.sub(r"\W", "", p)) >= 4 or re.search(r"..呢[？?]?$", p))  # "老师呢？"
             and (re.search(r"[\u4e00-\u9fff?？]", p) or p is parts[0] or _ASKS_EN.match(p))]  # "'; DROP TABLE …" asks nothing
    # "学校有跳蚤市场吗？孩子想把看完的书拿去卖。": a sentence that asks nothing is no question, unless it
    # points at what the report says ("…？报告里好像概括成了一个四个字的策略。")
    kept: list[str] = []
    for p in parts:
        # ("…参加哪几类校外的活动？报告里在“就近方便、量力而行”那段提到的。": where the report says it, quoted)
        says_where = bool(kept) and _CLARIFIES.search(p) and not ASKS.search(p) and not re.search(r"[？?吗呢]", p)
        if _ASKS_OR_REQUESTS.search(p) and not says_where:
            kept.append(p)
        elif kept and _CLARIFIES.search(p):  # "…通过哪几条路子？就是那几个“通过……”。": says more of the one before
            kept[-1] += p
    return kept or parts or [text]


# "是增加了吗？" checks the answer before it; "老师呢？" is a follow-up of its own, so 呢 is not here
_BARE_CHECK = re.compile(r"(?:是|那|那么)?[\u4e00-\u9fff]{0,4}(?:了)?(?:吗|没有|吧)[？?]|(?:is it|did it|was it)\b[^?]{0,20}\?", re.I)
# "麻烦都列出来。", "请逐一列出": a request about the answer to the question before it
_BARE_REQUEST = re.compile(r"(?:麻烦|请|帮我|能不能|可以)?(?:你)?(?:都|全部|全都|一一|逐一|逐个|详细)?"
                           r"(?:列出来|列一下|列出|列举一下|列举|写出来|说一下|说说|讲讲|说全)(?:吧|吗|一下)?[。.！!？?]*|"
                           r"(?:麻烦|请|帮我)?(?:你)?(?:都|全部|全都|一一|逐一)?告诉我(?:吧|一下)?[。.！!]*|"  # "请全部告诉我。"
                           r"(?:一个|一项|一条)(?:都|也)(?:别|不要|没)?漏(?:掉|了)?[。.！!]*|"  # "一个都别漏。"
                           r"[^？?。]{0,12}(?:就行|即可|就好|就可以)了?[。.！!]*")  # "每个用一句话概括就行。"
_ASKS_OR_REQUESTS = re.compile(ASKS.pattern + r"|[？?吗呢]|请|麻烦|帮我|帮忙|列出|列一下|列举|介绍|告诉|说说|讲讲|找出|查一下|给我|"
                               r"报告|文中|那段|那一段|提到|概括", re.I)
# "就是那几个“通过……”。": a sentence that says what the question before it means, or quotes how it reads
_CLARIFIES = re.compile(r"^(?:就是|也就是|即|指的是|我是说|我指的是)|[“\"][^”\"]+[”\"]")
# "两项分别…", "都在往下走", "which of the two": a check about each of the figures asked before it
_EACH_ONE = re.compile(r"两项|两者|两个|分别|各|都|哪个|一个增|一[升增涨多高降减跌少低]一[升增涨多高降减跌少低]|which (?:one )?went|\b(?:both|each|which of)\b", re.I)
_CHANGE_CHECK = re.compile(r"(?:是不是|是否|有没有)[^？?。]{0,10}(?:多了|少了|变多|变少|增加|减少|下降|上升|提高|降低|涨|跌)")
_FIGURE_ASKED = re.compile(r"多少|几[个位项块所门名人次年种]|\b(?:how many|how much)\b", re.I)
# an English clause that asks from its first word ("how many …", "and which …", "did it …")
_ASKS_EN = re.compile(r"(?:(?:and|also|then|roughly|about|approximately|exactly|so|but|or)\s+|according to \S+(?: \S+)?\s+)*(?:how|what|which|who|whom|whose|when|where|why|did|does|do|is|are|"
                      r"was|were|has|have|had|can|could|will|would|should)\b", re.I)
_YEAR_GOES_ON = re.compile(r"(?:in\s+)?(?:19|20)\d\d\b|(?:19|20)\d\d\s*年(?!级)", re.I)
# "推荐到哪一级", "叫什么", "是谁": a part that asks for a name or a what, which a longer quote may add
_ASKS_WHAT = re.compile(r"哪|什么|谁|啥|\b(?:which|what|who)\b", re.I)
_JOINT = re.compile(r"[，,；;、]|以及|还有|\band\b")


def borrow_subject(part: str, first: str, nouns: Callable[[str], list[str]],
                   rare: Callable[[str], bool] | None = None) -> str:
    """A later part with the first part's subject: what the first part asks about, not the story before it
    ("班主任来家访了。…走进了多少户？家访率是多少？" -> 家访率 of the 走进…户, not of the 班主任), and the table
    a first part names carried as a table, not as the noun "核对表" cut from "核对表1"."""
    return with_subject(part, TABLE_REF.sub(" ", without_context(first)), nouns, rare)


_THE_TEXT = re.compile(r"正文|文中|文字部分")


# words for a table itself ("每张表的名称是什么")
_TABLE_NAMING = re.compile(r"每?[张个]?表(?:格)?|名称|名字|标题|题目")


def _in_table_of(first: str, asked: str) -> str:
    """A later part's query reading the table the message's first part names, unless it names one itself."""
    table = TABLE_REF.search(first)
    # ("表5里…是186万元。正文里说这批设备是哪家企业捐的": a part that says it reads the text does not read the table)
    return f"{table.group()} {asked}" if table and not TABLE_REF.search(asked) and not _THE_TEXT.search(asked) \
        else asked


def _split_indicators(question: str) -> list[str]:
    """"清廉文化节 作品创作件数 / 责任书承诺书签订份数": a staff member's list of figures, one question each.
    Only a message that asks nothing in words is split, at a spaced / or + or at ； (not 3+2, 2024/2025)."""
    if ASKS.search(question):
        return [question]
    pieces = [p.strip() for p in re.split(r"\s+[/／+＋]\s*|\s*[/／+＋]\s+|\s*[；;]\s*", question)]
    if len(pieces) < 2 or any(len(re.findall(r"[\u4e00-\u9fff]", p)) < 2 for p in pieces):
        return [question]
    # "职教高考 2025 升学人数 + 升学率": the topic before the first figure's name goes with each
    topic = " ".join(pieces[0].split()[:-1])
    return [pieces[0]] + [p if not topic or p.startswith(topic) or TABLE_REF.match(p) else f"{topic} {p}"
                          for p in pieces[1:]]


def _split_clauses_that_ask(question: str) -> list[str]:
    """"学校有几位体育老师，学生拿了几块金牌" is two questions: split where each side asks its own."""
    for m in _JOINT.finditer(question):
        left, right = question[:m.start()].strip(), question[m.end():].strip()
        if m.group() == "、" and len(re.sub(r"多少|几|[？?\s]", "", right)) < 3:
            continue  # "多少门、多少学时": one indicator in two units, not two questions
        if m.group() == "、" and re.search(rf"(?:多少|几)\s*[{MEASURE_WORDS}]$", left) and re.match(r"多少|几", right):
            continue  # "接待了多少批、多少人次的访客": the first count names nothing; both count the 访客
        if len(re.findall(r"[(（]", left)) > len(re.findall(r"[)）]", left)):
            continue  # "(non-degree training income, 万元)": a comma inside brackets glosses, it asks nothing
        if _YEAR_GOES_ON.match(right):
            continue  # "how many … in 2024 and in 2025, and …": the second year of the same figure
        if re.match(r"[A-Za-z]|\d+\s+[A-Za-z]", right) and not _ASKS_EN.match(right):
            # "the value of teaching and research equipment …, and how many …": "and" inside a name; "won 2 second
            # prizes and 3 third prizes, in which city…": inside what the sentence tells
            continue
        # ("孩子问学长们毕业后都去哪儿了。看表1，…分别多少？": a question someone else asked is told, not asked)
        if ASKS.search(TOLD_QUESTION.sub(" ", left)) and ASKS.search(right) and len(right) >= 4 \
                and not asks_only_direction(right):
            return [left, *_split_clauses_that_ask(right)]  # ("…went up and which went down?" stays one)
    return [question]


def _says_more_asked(longer: str, shorter: str, question: str) -> bool:
    """Whether a longer quote says a word of its part's question that the shorter one said before lacks
    ("它的校风又是怎么写的？": "…“勤学勤思立常志、向上向善成大器”校风，凝练…" over the 器文化 clause alone)."""
    pairs = {question[i:i + 2] for i in range(len(question) - 1)}
    return any(re.fullmatch(r"[\u4e00-\u9fff]{2}", p) and p in longer and p not in shorter for p in pairs)


def combine_answers(answers: list[Answer]) -> Answer:
    """One reply from the answers to the parts of a question.

    Args:
        answers: one per part, in order.

    Returns:
        Their answered texts joined (refusals left out unless all refused), citations merged.
    """
    if all(a.refused for a in answers):  # the first part's refusal names the nearest place; the rest, their topic
        kept, texts = answers[:1], [answers[0].text]
        texts += [_silent_on(a) for a in answers[1:]]
    else:
        kept, texts, said = [], [], {}
        for a in answers:
            if a.refused:  # say which part the report is silent on, without its nearest-place hint
                texts.append(_silent_on(a))
                continue
            pieces, widened = [], False
            for piece in _PIECE.findall(a.text):
                bare = _bare(piece)
                if bare in said:
                    if len(piece) <= len(said[bare]):
                        continue  # said already
                    stale = bare  # "计划招生数 40" said, "计划招生数 40人" now: the figure with its measure word
                elif any(bare in s for s in said) or _rows_said(piece, said):
                    continue  # said already, inside a longer quote, or row by row in another order
                else:
                    stale = next((s for s in said if s in bare), None)
                    if stale is None:
                        pieces.append(piece)
                        said[bare] = piece
                        continue
                    if not (parse_intent(a.question or "").listing or set(numbers_in(bare)) - set(numbers_in(stale))
                            or _computes(bare) and not _computes(stale) or _ASKS_WHAT.search(a.question or "")
                            or _says_more_asked(bare, stale, a.question or "")):
                        continue  # the longer quote only says the same again (not "…，下降，按表中数字计算")
                    # "…是怎么写出来的？分了哪几步？": the whole list replaces its first step said before;
                    # "…拿了几项奖、排名第几？": the longer quote that adds the rank replaces the shorter
                old = said.pop(stale).rstrip("；;。.")
                texts = [t.replace(old, piece.rstrip("；;。."), 1) for t in texts]
                said[bare], widened = piece, True
            if not pieces:
                kept += [a] if widened else []
                continue  # two parts answered from the same place say it once
            text = "".join(pieces).rstrip("；;")
            texts.append(text if text.endswith(("。", ".")) else text + ("." if text.isascii() else "。"))
            kept.append(a)
    citations = list(dict.fromkeys(c for a in kept for c in a.citations))
    hits = list({h.chunk.id: h for a in answers for h in a.hits}.values())
    timings = {k: sum(a.timings.get(k, 0.0) for a in answers) for k in ("retrieve", "compose")}
    text = "".join(" " + t.lstrip() if i and texts[i - 1].endswith(".") else t for i, t in enumerate(texts))
    return Answer(text=text, citations=citations, refused=all(a.refused for a in answers),
                  query=" / ".join(a.query for a in answers), hits=hits, timings=timings,
                  notes=[n for a in answers for n in a.notes])


# how a refusal begins ("报告未提及“…”", "The report does not say anything about “…”")
_REFUSED = (REFUSAL_ZH.partition("“")[0], REFUSAL_EN.partition("“")[0])
# a time a part of a message says: without one, a part after one that asks about next year asks about it too
_WHEN_SAID = re.compile(r"20\d\d|今年|去年|明年|前年|本年|上一?年|this year|last year|next year", re.I)
# parts that point back at what the part before asked about:
# "它的校风…", "其校训…": at the school or thing just named, then names what it asks
_ITS = re.compile(r"^(?:那|那么)?(?:它|其(?![中他余它]))的?")
# "…一共有几位正高级讲师？占专任教师多大比例？": a share of it, left unsaid
_SHARE_OF_IT = re.compile(r"^(?:那|那么)?(?:它们?|他们|其)?(?:大概|大约|又)?占")
# "剩下那2所是哪两所学校？孩子会不会被分到那两所去？": the things it asked which of, by their number ("那几个" too)
_THOSE = re.compile(r"[那这](?:[两一二三四五六七八九十几]|\d+)\s*[所个家位项门名]")

# "其中保障层…": a follow-up about one of what the reply before it told
_AMONG = re.compile(r"(?:那|那么)?(?:其中|这其中|这当中|这里面)(?:的)?")
# "这里面…", "其中…", "他们…": a question about what the sentence before it counted (_AMONG's words, and more)
_WITHIN_IT = re.compile(r"(?:那|那么)?(?:这里面|这当中|这其中|其中|里面|这些|那些|他们|她们|它们|这部分|那部分)")


def says_again(answer: Answer, before: list[Answer]) -> bool:
    """Whether every piece of an answer was said by the answers before it (as one, or inside a longer one)."""
    said = "".join(_bare(a.text) for a in before if not a.refused)
    pieces = [_bare(piece) for piece in _PIECE.findall(answer.text)]
    return bool(said) and all(p in said for p in pieces if p)


def _rows_said(piece: str, said: Iterable[str]) -> bool:
    """Whether a piece that gives rows of one table entry ("护理：…母婴方向；…中医方向") gives only rows said
    before, in whatever order, with the entry's name."""
    rows = [r for r in re.split(r"[；;]", re.sub(r"【[^】]*】[；;。.]?$", "", piece)) if r.strip()]
    if not rows or "：" not in rows[0]:
        return False
    joined = "".join(said)
    label, rows[0] = rows[0].split("：", 1)
    return _bare(label) + "：" in joined and all(_bare(r) in joined for r in rows)


def _repeats(answer: Answer, before: list[Answer]) -> bool:
    """Whether an answer says again, or says more of, a piece the answers before it said."""
    said = [_bare(piece) for a in before if not a.refused for piece in _PIECE.findall(a.text)]
    pieces = [_bare(piece) for piece in _PIECE.findall(answer.text)]
    return any(p and q and (p in q or q in p) for p in pieces for q in said)


def _computes(text: str) -> bool:
    """Whether a piece gives a change computed from a table's or the text's figures (its direction, at least)."""
    return any(mark in text for mark in (COMPUTED_ZH, COMPUTED_EN, COMPUTED_TEXT_ZH, COMPUTED_TEXT_EN))


def _silent_on(answer: Answer) -> str:
    """One sentence saying the report does not answer a part, in the part's language."""
    question = answer.question or answer.query
    english = detect_language(question or answer.text) == "en"
    return (REFUSAL_EN if english else REFUSAL_ZH).format(topic=topic_of(question))


_PIECE = re.compile(r"[^【】]*?【[^】]*】[；;。.]?|[^【】]+$")


def _bare(text: str) -> str:
    """A piece of a reply as compared with the pieces said before: without its citation, its punctuation,
    or the measure word a table row's figure gets from the question ("计划招生数 40" / "计划招生数 40人")."""
    return re.sub(rf"【[^】]*】|[。；;.\s“”]|the report says|(?<=\d)[{MEASURE_WORDS}]", "", text)


def diversify(hits: list[Hit], k: int, per_table: int = 3) -> list[Hit]:
    """Keep at most ``per_table`` rows of any one table in the top k.

    Rows of one table repeat its header words, so keyword search can fill every slot with
    them; the answerer matches rows on its own, and prose needs the room.

    Args:
        hits: ranked hits.
        k: how many to keep.
        per_table: rows allowed per table.

    Returns:
        At most k hits in their original order.
    """
    seen: dict[str, int] = {}
    out = []
    for hit in hits:
        if hit.chunk.kind == "row":
            seen[hit.chunk.table] = seen.get(hit.chunk.table, 0) + 1
            if seen[hit.chunk.table] > per_table:
                continue
        out.append(hit)
        if len(out) == k:
            break
    return out


def build_answerer(index: Index, embedder: Embedder | None, corpus: Corpus) -> ExtractiveAnswerer:
    """The extractive answerer for a loaded index: term weights, row matcher, report years.

    Args:
        index: the loaded index.
        embedder: the embedder (for matching table rows by meaning), or None.
        corpus: the corpus (for the years its tables cover).

    Returns:
        The answerer.
    """
    chunks = list(index.chunks.values())
    rows = [c for c in chunks if c.kind == "row"]
    years = sorted({k[1:] for r in rows for k in r.meta if re.fullmatch(r"y\d{4}", k)})
    vocabulary = sorted({t for _, r in corpus.reports for t in report_terms(r)})
    cut, finest = word_cutter(vocabulary), word_cutter(vocabulary, finest=True)
    weights = TermWeights.fit([c.text for c in chunks], words=index.tokenize, segment=cut)
    own = tuple(dict.fromkeys(n for _, r in corpus.reports for n in _school_names(r) if n))
    matcher = RowMatcher.build(rows, embedder, weights, cut, finest).prepare()
    outline = [c for _, r in corpus.reports for c in outline_chunks(r)]
    texts = [c for c in chunks if c.kind == "text"]
    following = {a.id: b for a, b in zip(texts, texts[1:]) if a.section == b.section}
    sections: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.kind in ("text", "caption"):
            for name in _section_and_parents(chunk.section):
                sections.setdefault(name, []).append(chunk)
    return ExtractiveAnswerer(weights=weights, rows=matcher, report_years=tuple(years), cut=cut,
                              tag=pos_tagger(vocabulary), own_names=own, outline=outline, following=following,
                              in_dictionary=dictionary_words(vocabulary), sections=sections,
                              embed=embedder.embed_documents if embedder is not None else None,
                              tables=[t for _, r in corpus.reports for t in r.tables()])


def _section_and_parents(section: str) -> list[str]:
    """A section id and the ids of the parts it lies in: 1.5.2 -> 1.5.2, 1.5, 1; 四(二) -> 四(二), 四, 前言."""
    if re.match(r"^\d", section):
        parts = section.split(".")
        return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    out = [section]
    if "(" in section:
        out.append(section.split("(")[0])
    if re.match(r"^[一二三四五六七八九十]", section):
        out.append("前言")
    return out


def _short_name(school: str) -> str:
    """The usual short form of a school's name: 衢州中等专业学校 -> 衢州中专."""
    return school.replace("中等专业学校", "中专").replace("职业技术学校", "职校") if school else ""


_CALLED = re.compile(r"简称\s*[“\"「]([^”\"」]{2,12})[”\"」]")


def _school_names(report) -> list[str]:
    """The names a report calls its school by: the full name, its usual short form, the short form the report
    declares ("（简称“秀水中专”）"), and those without the city before them (嘉兴市秀水中等专业学校 -> 秀水中专)."""
    names = [report.school, _short_name(report.school)]
    preface = next((s for s in report.sections if s.blocks and s.id != COVER), None)  # (not the cover)
    text = " ".join(getattr(b, "text", "") for b in preface.blocks[:3]) if preface else ""
    names += _CALLED.findall(text)
    # (a name without its city is more than its kind of school: 职业技术学校 alone names any)
    names += [bare for n in names if n and (bare := re.sub(r"^[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{2})", "", n)) != n
              and len(re.sub(_SCHOOL_KIND, "", bare)) >= 2]
    return [n for n in dict.fromkeys(names) if n and len(n) >= 3]


_SCHOOL_KIND = r"(?:中等专业学校|中等职业学校|职业技术学校|职业学校|中专|职校|学校)$"
