"""Lexical matching shared by the answer composers: question terms, IDF-weighted coverage, numbers.

Chinese has no spaces, so terms are character bigrams of CJK runs plus Latin words and
numbers. Weights come from the report itself (inverse document frequency over chunks),
so the same code serves any report.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

# Words that make a sentence a question or a request but say nothing about its subject.
QUESTION_WORDS = (
    "请问", "请告诉我", "告诉我", "想知道", "我想", "能不能", "可以", "一下", "多少", "几个", "几所", "几项", "几门",
    "几名", "几人", "几次", "哪些", "哪个", "哪几", "哪所", "哪家", "什么", "怎么样", "怎样", "如何", "是否", "有没有",
    "是不是", "高不高", "多不多", "好不好", "大不大", "够不够", "吗", "呢", "呀", "啊", "吧", "嘛", "的话", "具体",
    "情况", "介绍", "贵校", "你们", "咱们", "我们", "他们", "大家", "学校", "本校", "该校", "这个", "那个", "那么", "那",
    "一共", "总共", "都", "了", "是", "有", "在", "的", "和", "与", "及", "年度", "今年", "去年",
    # requests: "能列一下吗", "说说"
    "能列一下", "列一下", "列举一下", "说一下", "讲一下", "说说", "讲讲", "简单说", "简单介绍", "能列",
    # "想问问", "打听一下": asking about asking
    "问问", "问一下", "打听一下", "打听", "请教", "咨询一下",
)
EN_STOP = set("""a an the of in on at to for from by with and or is are was were be been being do does did what which who
whom whose how many much when where why tell me please about school schools this that these those there their its it
give list show report say says said any some your you our we they than vs versus year years number""".split())

# the measure words a count is said in ("305名", "6期", "多少次"), shared by the matching and the answers
MEASURE_WORDS = "个名人位所项门次批期届场件本部家座条支份种户篇"

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z+\-]*")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?::\d+(?:\.\d+)?)?%?")
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# "表2", "表1-1": a table of the report named by number
TABLE_REF = re.compile(r"表\s*\d+(?:\s*-\s*\d+)?")


def names_table(text: str, table: str) -> bool:
    """Whether a text names a table by its number ("表1-1里…"), not a longer number that starts the same (表1 in 表1-1)."""
    return bool(re.search(re.escape(table) + r"(?![\d-])", text))


def strip_question_words(text: str) -> str:
    """Remove interrogatives and fillers so only the subject of a question remains.

    Args:
        text: a question.

    Returns:
        The question without question words (spaces where they stood).
    """
    for word in sorted(QUESTION_WORDS, key=len, reverse=True):
        text = text.replace(word, " ")
    return text


def terms(text: str) -> list[str]:
    """Matching terms: CJK bigrams (single characters for one-character runs), Latin words, numbers.

    Args:
        text: any text.

    Returns:
        Terms in order, with repeats.
    """
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
    out += [w.lower() for w in _LATIN.findall(text) if w.lower() not in EN_STOP]
    out += NUMBER.findall(text)
    return out


def query_terms(question: str, cut: Callable[[str], list[str]] | None = None) -> list[str]:
    """The distinct subject terms of a question: words (jieba) without question words and single characters.

    Args:
        question: the question (or rewritten query).
        cut: a word segmenter; character bigrams are used when None.

    Returns:
        Distinct terms, question words removed.
    """
    if cut is None:
        return list(dict.fromkeys(terms(strip_question_words(question))))
    # "按门数算": the measure the count is taken in, said as framing
    question = re.sub(r"按\s*([\u4e00-\u9fff]{1,6}?)\s*来?(?:算|计算|统计)(?=[，,。？?\s]|$)", r" \1 ", question)
    question = re.sub(r"(?:往|朝)(?:哪个|什么)方向", " ", question)  # "都往哪个方向变了" asks the change
    # "2004年来衢州视察": the year, then 来 (came); the segmenter glues 年来 (over the years), which names nothing
    question = re.sub(r"(\d)年来", r"\1年 来", question)
    # "按规定每个老师…": what the rules say is asked; 规定 is no subject the place must name
    question = re.sub(r"(?:按|按照|根据|依照)(?:学校的?)?(?:规定|要求)", " ", question)
    # "志愿服务时长加起来有多少": a word saying "in all" is framing, and the segmenter glues it to the noun (时长加)
    question = re.sub(r"(?:加|合|算|汇总|统计)(?:起来|下来)", " ", question)
    # "多少次团日活动": keep the measure word apart, or the segmenter glues it to what follows (次团)
    question = re.sub(rf"((?:多少|几|\d)\s*[{MEASURE_WORDS}])(?=[\u4e00-\u9fff])", r"\1 ", question)
    words = []
    for word in _join_single_characters(cut(question)):
        word = word.strip().lower()
        if not word or word in _QUESTION_SET or word in EN_STOP or re.fullmatch(r"[\W_]+", word):
            continue
        if len(word) == 1 and not word.isdigit():
            continue
        if re.fullmatch(rf"[一二两三四五六七八九十百千几]+[{MEASURE_WORDS}]", word):
            continue  # "哪八个字": a count of what is asked, not a subject
        words.append(word)
    return list(dict.fromkeys(words))


# function words and measure words: they end a run of single characters rather than join it
FUNCTION_CHARS = set("的了是在和与及都也还就对给把被从向吗呢吧啊呀这那有要会能可将已去来过着得地之其等或而且让每各该上下里中内外"
                      "又再很最更多少几谁啥怎算" + MEASURE_WORDS)


def _join_single_characters(words: list[str]) -> list[str]:
    """Rejoin a content word the segmenter broke into single characters (团日活动 -> 团|日|活动 -> 团日, 活动), or
    into a letter and characters (心理B证 -> 心理|B|证 -> 心理, B证)."""
    out: list[str] = []
    run = ""
    for word in words + [""]:
        if len(word) == 1 and ("\u4e00" <= word <= "\u9fff" and word not in FUNCTION_CHARS
                               or not run and word.isascii() and word.isalpha()):
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        if word:
            out.append(word)
    return out


# Words that say what kind of answer is wanted (a change, a table cell) rather than what it is about.
INTENT_WORDS = {"变化", "趋势", "走势", "增长", "增加", "减少", "下降", "上升", "提高", "降低", "对比", "比较", "相比", "升", "降", "涨", "跌",
                "多了", "少了", "高还是低", "升还是降", "两年", "各是", "各", "一栏", "填", "写", "怎么写", "怎么变",
                "加起来", "总共", "一共", "合计", "算上", "叫什么", "名字", "是谁", "哪天", "哪一年", "几月",
                # nouns that name the kind of answer wanted, not its subject
                "结果", "名称", "内容", "方面", "东西", "事情", "情况", "措施", "举措", "做法", "数字", "数据", "多少钱",
                "规模", "数目", "个数", "相关", "有关", "全称", "简称", "约数", "数值", "金额", "数额",
                # "以哪位老师的名字命名的": a name is asked for; 命名 is no subject the place must say
                "命名", "冠名"}
_QUESTION_SET = set(QUESTION_WORDS) | INTENT_WORDS | {"一个", "几位", "几块", "几种", "哪所", "哪位", "叫", "有多少", "是多少", "多大", "多高",
                                       "几年", "多长时间", "多久", "多长", "多少时间", "怎么", "为什么", "啥", "谁", "哪里", "现在", "目前", "大概", "一般", "主要",
                                       "分别", "是否", "以及", "还是", "或者", "报告", "里", "中", "上", "下", "对", "给",
                                       "同时", "都是", "其实", "其中", "到底", "究竟", "大约", "左右", "这些", "那些",
                                       "一年", "每年", "一年到头", "平时", "最近", "近年", "时候",
                                       # the scope of every figure of a school's report: "全校一共有多少个社团"
                                       "全校",
                                       # how much of a list is wanted: "请全部列一下", "所有的都列出来"
                                       "全部", "所有", "列一下", "列出", "列出来", "列举",
                                       # how much the person stresses a thing, not what it is: "需要特别关注的"
                                       "特别", "尤其", "非常", "格外", "特意", "十分", "相当", "特地",
                                       # how roughly the person asks: "社团大体分成哪几类"
                                       "大体", "大致", "大体上", "大致上", "基本上", "粗略", "笼统",
                                       # what people say the report does: "报告总结的成效", "报告里提到的"
                                       "总结", "提到", "提及", "描述", "概括", "归纳", "写到", "讲到", "说到",
                                       # how the report words it: "用哪三个“有”来形容", "按表2的口径"
                                       "形容", "说法", "提法", "表述", "口径", "原话", "原文", "字眼",
                                       # "按种类分有哪几种": the kinds are the answer, not a subject
                                       "种类", "类别", "类型",
                                       # how it is done, not what: "专门制定了什么方案", "一连串写了"
                                       "专门", "特意", "一连串", "光是", "单是", "仅仅", "只是"}


@dataclass
class TermWeights:
    """IDF weights learnt from the report's chunks; a term matches a text when it is a substring of it."""

    texts: list[str]
    words: Callable[[str], list[str]] | None = None
    _df: dict = field(default_factory=dict, repr=False)

    @classmethod
    def fit(cls, texts: list[str], words: Callable[[str], list[str]] | None = None,
            segment: Callable[[str], list[str]] | None = None) -> "TermWeights":
        """Remember the chunk texts (lowercased) for substring document frequencies.

        Args:
            texts: one string per chunk.
            words: a segmenter (jieba search mode); when given, a two-character term only matches
                where it is a word of the text, so 升学 does not match 提升学生.
            segment: a contiguous segmenter (jieba's default mode); when given, a two-character term
                that is not a word of the text still matches where one of its ends is a word boundary
                (市外 in 衢州市外), but not where both ends fall inside words (升学 in 提升学生).

        Returns:
            The weights.
        """
        weights = cls(texts=[t.lower() for t in texts], words=words)
        if words is not None:
            weights._word_set = lru_cache(maxsize=8192)(lambda text: frozenset(words(text)))
        weights._bounds = lru_cache(maxsize=8192)(lambda text: _boundaries(text, segment)) if segment else None
        return weights

    @property
    def n_docs(self) -> int:
        return max(1, len(self.texts))

    def df(self, term: str) -> int:
        """How many chunks contain the term (a number only as a whole number: 24 is not in 2024)."""
        if term not in self._df:
            if term[:1].isdigit():
                whole = _whole_number(term)
                self._df[term] = sum(1 for t in self.texts if term in t and whole.search(t))
            else:
                self._df[term] = sum(1 for t in self.texts if term in t)
        return self._df[term]

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms get the highest weight."""
        return math.log((self.n_docs + 1) / (self.df(term) + 0.5))

    def known(self, term: str) -> bool:
        """Whether the report uses the term at all."""
        return self.df(term) > 0

    def split_known(self, qterms: list[str]) -> tuple[list[str], list[str]]:
        """Separate terms the report uses from those it never does.

        An unknown word whose character bigrams the report does use is replaced by those
        bigrams (colloquial compounds like ``考进去`` keep their known part).

        Args:
            qterms: question terms.

        Returns:
            (known terms, unknown terms).
        """
        known, unknown = [], []
        for term in qterms:
            if isinstance(term, tuple):
                (known if any(self.known(t) for t in term) else unknown).append(term)
                continue
            if self.known(term):
                known.append(term)
                continue
            parts = [term[i:i + 2] for i in range(len(term) - 1)] if re.search(r"[\u4e00-\u9fff]", term) else []
            halves = [term[i:i + 2] for i in range(0, len(term), 2)]
            if len(term) >= 4 and len(term) % 2 == 0 and all(self.known(h) for h in halves):
                parts = halves  # "面向社会" is 面向 + 社会, not also 向社 across the two words
            parts = [p for p in parts if self.known(p) and p not in _QUESTION_SET]
            (known.extend(parts) if parts else unknown.append(term))
        return list(dict.fromkeys(known)), unknown

    def coverage(self, qterms: list[str], text: str) -> float:
        """IDF-weighted share of the query terms that ``text`` contains.

        Args:
            qterms: from ``query_terms``.
            text: a candidate sentence or row.

        Returns:
            A number from 0 to 1.
        """
        if not qterms:
            return 0.0
        low = text.lower()
        total = sum(self.weight(t) for t in qterms)
        have = self._has(low)
        return sum(self.weight(t) * self._share(have, t) for t in qterms) / total if total else 0.0

    def _share(self, has: Callable[[str], bool], term: str | tuple[str, ...]) -> float:
        """1 when the text has the term. For alternatives, the most specific one the report uses counts
        fully and a commoner one less (在校生 over 学生), never under a half."""
        if not isinstance(term, tuple):
            return 1.0 if has(term) else 0.0
        present = [t for t in term if has(t)]
        if not present:
            return 0.0
        top = max(self.idf(t) for t in term if self.known(t))
        return max(0.5, min(1.0, max(self.idf(t) for t in present) / top))

    def _has(self, low: str) -> Callable[[str], bool]:
        """A test 'does the text hold this word', word-aware for two-character Chinese words."""
        if self.words is None:
            return lambda term: term in low
        word_set = self._word_set(low)
        bounds = self._bounds(low) if getattr(self, "_bounds", None) else None

        def has(term: str) -> bool:
            if term not in low:
                return False
            if term[:1].isdigit():
                return bool(_whole_number(term).search(low))
            if len(term) != 2 or not term.isalpha() or term.isascii() or term in word_set:
                return True
            return bounds is not None and any(i in bounds or i + 2 in bounds for i in _find_all(low, term))

        return has

    def weight(self, term: str | tuple[str, ...]) -> float:
        """IDF of a term; for alternatives (a word and its synonyms) the lowest among those the report
        uses, so a common everyday word (学生) does not borrow the weight of a rare report term (在校生)."""
        if not isinstance(term, tuple):
            return self.idf(term)
        known = [self.idf(t) for t in term if self.known(t)]
        return min(known) if known else max(self.idf(t) for t in term)


def _boundaries(text: str, segment: Callable[[str], list[str]]) -> frozenset[int] | None:
    """Character offsets where the segmenter starts or ends a word; None when its words do not
    cover the text's length (normalisation that widens a character, ㎡ -> m2, shifts them)."""
    words = segment(text)
    if sum(map(len, words)) != len(text):
        return None
    offsets, at = {0}, 0
    for word in words:
        at += len(word)
        offsets.add(at)
    return frozenset(offsets)


@lru_cache(maxsize=1024)
def _whole_number(term: str) -> re.Pattern:
    """A number, or a term led by one ("5年"), as a whole number: 24 in "24级", not in 2024, 124 or 24.5;
    5年 in "每5年", not in "2025年"."""
    return re.compile(rf"(?<![\d.]){re.escape(term)}(?![\d.]?\d)")


def _find_all(text: str, term: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(term)})", text)]


def contains(text: str, term: str | tuple[str, ...]) -> bool:
    """Whether text holds the term, or any of a tuple of alternatives.

    Args:
        text: lowercased text.
        term: a term or alternatives.

    Returns:
        True when present.
    """
    return any(t in text for t in term) if isinstance(term, tuple) else term in text


def numbers_in(text: str) -> list[str]:
    """Numbers as written (``13.58:1``, ``97.36%``, ``94.4680``), spaces inside numbers closed first.

    Args:
        text: any text.

    Returns:
        The numbers in order.
    """
    text = re.sub(r"(\.\d+)\s+(?=\d)", r"\1", text)  # a decimal a line break split: 24514.7 4
    return NUMBER.findall(re.sub(r"(?<=\d)\s+(?=%)|(?<=\.)\s+(?=\d)", "", text))


def number_forms(value: str) -> set[str]:
    """Equivalent spellings of a number, for grounding checks (``97.36%`` ~ ``97.36``; ``94.4680`` ~ ``94.468``).

    Args:
        value: one number as written.

    Returns:
        Normalised spellings.
    """
    bare = value.rstrip("%").replace(",", "")
    forms = {value, bare}
    if ":" not in bare:
        try:
            forms.add(_plain(float(bare)))
        except ValueError:
            pass
    return forms


def _plain(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def grounded_numbers(quotes: list[str]) -> set[str]:
    """Every spelling of every number in the quotes (plus 万-scaled forms).

    Args:
        quotes: the cited sentences or rows.

    Returns:
        Normalised number spellings an answer may use.
    """
    out: set[str] = set()
    for quote in quotes:
        for m in re.finditer(r"(\d+(?:\.\d+)?)\s*万", quote):
            out |= number_forms(_plain(float(m.group(1)) * 10000))
        for value in numbers_in(quote):
            out |= number_forms(value)
    return out


def ungrounded_numbers(text: str, quotes: list[str], computed: list[str] = ()) -> list[str]:
    """Numbers in ``text`` that no quote contains and that were not computed from quoted numbers.

    Args:
        text: an answer.
        quotes: the cited sentences or rows.
        computed: numbers the composer computed from quoted ones (they must be labelled as computed).

    Returns:
        The ungrounded numbers; empty when the answer is grounded.
    """
    allowed = grounded_numbers(quotes)
    for value in computed:
        allowed |= number_forms(value)
    return [n for n in numbers_in(text) if not (number_forms(n) & allowed)]


def years_in(text: str) -> list[str]:
    """Years mentioned (``2024``), including 去年/今年 relative to ``None`` (left to the caller).

    Args:
        text: a question.

    Returns:
        Four-digit years in order.
    """
    return YEAR.findall(text)


STOPWORDS = frozenset(_QUESTION_SET | EN_STOP)
