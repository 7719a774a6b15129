"""Follow-up questions: rewrite "那2024年呢？" into a standalone query before retrieval, without an LLM.

History is a list of turns, either ``(user, assistant)`` pairs or ``{"role", "content"}``
dicts (the shape Gradio and OpenAI use). Only earlier user turns and the assistant's
replies are read; nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .match import TABLE_REF, YEAR

_FOLLOW_START = re.compile(r"^(那么?|那个|还有|另外|再问|其中|它|他们|她们|其|该|这个|这些|and\b|what about|how about|and what about)", re.I)
# "是哪位同学带队拿的？": a question that starts at its verb leaves its subject out
_SUBJECTLESS = re.compile(r"^是(?:哪|谁|什么|几|多少)")
# "那边派谁来的？", "对方是哪所学校": the other side named in the turn before
_OVER_THERE = re.compile(r"那边|对方|人家那边")
_FOLLOW_END = re.compile(r"(呢|的呢|怎么样|如何)[？?。！!\s]*$")
_PRONOUN = re.compile(r"它们|它|他们|她们|其(?![中他余它])|该校|这所学校|这个|这些|那个|\bit\b|\bthey\b|\bthat\b|\bthose\b", re.I)
_FILLER = re.compile(r"^(那个|那么?|还有|另外|再问一下|再问|and|what about|how about)\s*|[呢吗？?。！!]+$", re.I)
_RELATIVE_YEAR = re.compile(r"去年|今年|前年|上一年|那一年|last year|this year", re.I)
_CATEGORY = ("专业", "学院", "大学", "学校", "表", "班", "级", "组", "社", "部", "奖")


def user_turns(history) -> list[str]:
    """The user's earlier messages, oldest first.

    Args:
        history: list of (user, assistant) pairs or role/content dicts; None for none.

    Returns:
        The user messages.
    """
    out = []
    for turn in history or []:
        if isinstance(turn, dict):
            if turn.get("role") == "user":
                out.append(_text(turn.get("content")))
        elif isinstance(turn, (list, tuple)) and turn:
            out.append(_text(turn[0]))
    return [t for t in out if t]


def last_exchange(history) -> tuple[str, str]:
    """The last user message and the assistant's reply to it; ("", "") when there is none.

    Args:
        history: list of (user, assistant) pairs or role/content dicts.

    Returns:
        (user, reply).
    """
    turns = list(history or [])
    if not turns:
        return "", ""
    last = turns[-1]
    if isinstance(last, dict):
        if last.get("role") != "assistant" or len(turns) < 2 or not isinstance(turns[-2], dict) \
                or turns[-2].get("role") != "user":
            return "", ""
        return _text(turns[-2].get("content")), _text(last.get("content"))
    if isinstance(last, (list, tuple)) and len(last) >= 2:
        return _text(last[0]), _text(last[1])
    return "", ""


def _text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # multimodal message parts
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


_COMPARE_TAIL = re.compile(r"(高还是低|多还是少|升还是降|涨还是跌|增还是减|变了吗|有变化吗)[？?。！!\s]*$")
_LEAD_COMPARE = re.compile(r"^(比|和|跟|与|较)(去年|今年|前年|上一年|20\d\d)")


# "When did someone from that university come?", "How many of them…?": an English question that points back
_POINTS_BACK_EN = re.compile(r"\b(?:that|this|those|these|the same)\s+(?:[a-z-]+\s+)?(?:university|college|school|major|team|list|club|"
                             r"clubs|company|programme|program|project|meeting|centre|center|brand|class|prize|award|"
                             r"competition|contest|group|plan|course|scholarship|person|teacher)\b|"
                             r"\b(?:of them|of those|it|its|they|their|he|she|his|her)\b", re.I)


def points_back(text: str) -> bool:
    """Whether a sentence points at something named before it ("that order class", "那个班", "该校").

    Args:
        text: one sentence.

    Returns:
        True when it uses a pointer that needs what came before.
    """
    english = _POINTS_BACK_EN.search(text)
    # ("Which expert did 衢州中专 invite to train its homeroom teachers": its is the school the sentence names)
    if english and not _POINTER.search(text) and re.search(r"[\u4e00-\u9fff]", text[:english.start()]):
        return False
    return bool(english or _POINTER.search(text))


def names_its_own_subject(question: str) -> bool:
    """Whether a question read as a follow-up only because it begins with "那个/这个" names what it asks
    about itself ("那个SYB创业培训带了几个学员？"), with no other pointer back ("它", "呢", a bare year).

    Args:
        question: the question.

    Returns:
        True when it stands on its own once the leading demonstrative is dropped.
    """
    rest = re.sub(r"^(?:那个|这个|那|这)+", "", question.strip())  # ("那这个助学金…")
    return rest != question.strip() and len(re.sub(r"\W", "", rest)) >= 6 and not is_follow_up(rest) \
        and not _PRONOUN.search(rest)


def is_follow_up(question: str) -> bool:
    """Whether a question leans on the previous turn.

    Args:
        question: the new question.

    Returns:
        True for short or pronoun-led questions such as "那2024年呢？", "护理专业呢？", "它在哪？".
    """
    q = question.strip()
    if _FOLLOW_START.search(q) or _FOLLOW_END.search(q) or _LEAD_COMPARE.search(q):
        return True
    if _POINTS_BACK_EN.search(q) or _OVER_THERE.search(q):
        return True
    if _COMPARE_TAIL.search(q) and len(re.sub(r"[？?。！!\s]", "", q)) <= 12:
        return True
    content = re.sub(r"[？?。！!\s]", "", q)
    return len(content) <= 8 and bool(YEAR.search(content) or _RELATIVE_YEAR.search(content) or _PRONOUN.search(content))


def rewrite(question: str, history, cut: Callable[[str], list[str]] | None = None,
            subject: Callable[[str], list[str]] | None = None, new_message: bool = True,
            kind_of: Callable[[str], str] | None = None) -> str:
    """Turn a follow-up into a standalone query using the earlier user turns.

    Args:
        question: the new question.
        history: earlier turns (see module doc).
        cut: a word segmenter, to find the name a "这个专业" points back to.
        subject: the words a question names its subject by; with it, a question that names none
            ("多久办一次？") is about the earlier turn's subject too.
        new_message: False for a later part of the person's message; a part that leaves its subject out
            ("…讲的是什么？是哪一年的事？") is then read with the parts before it, not rewritten.
        kind_of: the kind word of a name the report gives things of that kind ("会计" -> "专业"), or "": with
            it, "那会计呢？" after "护理专业…" swaps the major.

    Returns:
        The standalone query (the question itself when it is not a follow-up).
    """
    previous = user_turns(history)
    # "2024年是多少？今年是多了还是少了？": a year is no subject; the question is about the earlier turn's
    # ("按表5，2025年聘了多少位？": the table says where to look, not what about)
    names = [w for w in subject(TABLE_REF.sub(" ", question)) if not (isinstance(w, str) and YEAR.fullmatch(w))] \
        if subject else None
    # ("…拿了什么奖？" then "是哪位同学带队拿的？": a message that leaves its subject out is about the turn before)
    subjectless = new_message and bool(_SUBJECTLESS.match(question.strip()))
    if not previous or not (is_follow_up(question) or subjectless or names is not None and not names):
        return question
    base = previous[0]
    for turn in previous[1:]:
        base = merge(base, turn, cut, kind_of) if is_follow_up(turn) else turn
    return merge(base, question, cut, kind_of)


def named_by_reply(part: str, earlier: str, reply: str, cut: Callable[[str], list[str]]) -> str:
    """A later part of one message that points back ("这个专业…") at what the earlier part asked
    which of ("围绕哪个核心专业建的？"), named from the reply to it: "数控技术应用专业…". "" otherwise.

    Only the assistant's own reply within one message is read; follow-ups across turns read only the
    user's turns.
    """
    english = _THAT_ONE_EN.search(part)
    if english and re.search(rf"\b(?:which|what)\b[^?]{{0,30}}\b{english.group(1)}", earlier, re.I):
        # "…which partner university is listed? How many … admitted to that university": the one the reply names
        name = _NAMED_EN_KIND[english.group(1).lower()].search(re.sub(r"【[^】]*】", "", reply))
        return part[:english.start()] + name.group() + part[english.end():] if name else ""
    if cut is None or not re.search(r"哪[个所家一]?[\u4e00-\u9fff]{0,4}(?:专业|学校|学院|大学|社团|项目|中心|班|企业|公司)|"
                                    # "有没有跟普通高中合作办的班？" asks whether there is one; the reply names it
                                    r"有没有[^？?。]{0,16}(?:专业|学校|学院|大学|社团|项目|中心|班|企业|公司)", earlier):
        return ""
    return _name_what_is_pointed_at(part, re.sub(r"【[^】]*】", "", reply), cut)


# "that university", "this company": an English part pointing at an organisation the part before asked which of
_THAT_ONE_EN = re.compile(r"\b(?:that|this|the same)\s+(university|college|school|company)\b", re.I)
_SCHOOL_NAME = re.compile(r"[\u4e00-\u9fff]{2,}(?:大学|学院|学校)")
_NAMED_EN_KIND = {"university": _SCHOOL_NAME, "college": _SCHOOL_NAME, "school": _SCHOOL_NAME,
                  "company": re.compile(r"[\u4e00-\u9fff]{2,}(?:公司|集团)")}


def merge(base: str, follow: str, cut: Callable[[str], list[str]] | None = None,
          kind_of: Callable[[str], str] | None = None) -> str:
    """Fold a follow-up into the question it follows.

    Args:
        base: the earlier standalone question.
        follow: the follow-up.
        cut: a word segmenter, to find the name a "这个专业" points back to.
        kind_of: the kind word of a bare name ("会计" -> "专业"), or "" (see ``rewrite``).

    Returns:
        ``base`` with the follow-up's year or entity swapped in, the follow-up with the thing it
        points at named, or both joined.
    """
    named = _name_what_is_pointed_at(follow, base, cut) if cut else ""
    if named:
        return named
    core = _FILLER.sub("", follow.strip()).strip()
    core = _FILLER.sub("", core).strip()
    years = YEAR.findall(core)
    rest = re.sub(r"(?<!\d)20\d\d\s*年?", "", core).strip(" 的，,")
    if years and YEAR.search(base):
        base = YEAR.sub(years[0], base, count=1)
    elif years:
        base = f"{years[0]}年{base}"
    if not rest:
        return base
    swapped = _swap_entity(base, rest, kind_of)
    if swapped:
        return swapped
    # "另外…志愿者去了多少人？", "And how many went through its SYB training?": another question of its own,
    # not more of the earlier one (an English one names its subject by the report's Chinese or letters)
    if _ANOTHER.match(follow.strip()) and _ASK_WORD.search(rest) and len(re.sub(r"\W", "", rest)) > 8 \
            and not _BACK_EN.search(rest) and re.search(r"[\u4e00-\u9fff]|\b[A-Z]{2,}\b", rest):
        return rest
    if _ASK_WORD.search(rest) and len(re.sub(r"\W", "", rest)) > 6 and re.search(r"[\u4e00-\u9fff]", rest):
        # a follow-up with a question of its own ("这些培训是联合哪些部门办的？") takes only what the
        # earlier question was about, not what it asked ("一共开了几期"), but with what it counted
        # ("一共办了多少个培训项目？" then "2024年是多少？今年是多了还是少了？")
        base = " ".join(w for w in (subject_of(base), _counted_in(base)) if w) or base
    return f"{_PRONOUN.sub('', rest)} {base}".strip()


# "这个专业", "该校", "这所学校": a thing of a kind the earlier question named
_POINTER = re.compile(r"(?:这个|这一个|那个|这所|那所|这家|那家|该|此|这)(专业|学校|校|学院|大学|社团|项目|中心|班|比赛|大赛|赛事|工程|企业|公司|工作室|团队)|"
                      r"(?:这一|那一|这个|那个)(环节|板块|部分)|"
                      r"(?:这|那)(?:句|个|条)?(话|说法|口号|提法|标语|名字)(?!题)|"
                      r"(?:这次|那次|这场|那场|这届|那届|这期|那期)(?:的)?(活动|讲座|会议|会|比赛|培训|考试|评比|展演)")


def _name_what_is_pointed_at(follow: str, base: str, cut: Callable[[str], list[str]]) -> str:
    """"这个专业的3+2是跟哪所学校合作的？" after "旅游专业…通过率怎么样？" -> "旅游专业的3+2是跟哪所学校合作的？".

    The earlier question's word before the same kind word is the name; without one, "" (the
    follow-up is joined to the earlier question as usual).
    """
    m = _POINTER.search(follow)
    if not m:
        return ""
    kind = next(g for g in m.groups() if g)  # (whichever pointer matched: "这个专业", "这一环节", "这次活动")
    words = [w for w in cut(base) if w.strip()]
    for i in range(len(words) - 1, 0, -1):
        if words[i] == kind or words[i].endswith(kind) and len(words[i]) > len(kind):
            before = i - 1 if words[i] == kind else i
            if words[i] == kind and i >= 2 and words[i - 1] in _MODIFIERS:
                before = i - 2  # "数控技术应用核心专业": the name is before the modifier
            name = words[i] if words[i] != kind else words[before] + kind
            asked_which = _ASK_WORD.search(name) or (words[i] == kind and i >= 2 and _ASK_WORD.search(words[i - 2]))
            if asked_which:
                return ""  # "哪个社团…？", "哪个核心专业…？" name none: the earlier question asked which
            quoted = re.search(r"“([\u4e00-\u9fff]{2,8})”\s*" + re.escape(name), base)
            if quoted:  # "“普职融通”实验班": the quoted words are the name's own
                name = quoted.group(1) + name
            if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9+]{%d,}" % (len(kind) + 2), name) and not _PRONOUN.search(name):
                return follow[:m.start()] + name + follow[m.end():]
    return ""


_MODIFIERS = {"核心", "重点", "优势", "特色", "骨干", "优质", "品牌", "相关"}
# "and which exam did she…": an English part that points back at someone or something named before
_BACK_EN = re.compile(r"\b(?:she|he|her|him|they|them|their|those|these|that|this|the same)\b", re.I)
_ANOTHER = re.compile(r"^(?:另外|还有|再问一下|再问|另|(?:and also|also|and|besides)\b)", re.I)
_ASK_WORD = re.compile(r"多少|(?<![前好])几|哪|什么|谁|是否|有没有|怎么|如何|\b(?:how|what|which|who|when|where|whether)\b", re.I)
_COUNTED_AFTER = re.compile(r"\s*[个名位项门所家次场期批支本篇件座条种类]?(?![个名位项门所家次场期批支本篇件座条种类])"
                            r"([\u4e00-\u9fff]{2,6}?)"
                            r"(?=[？?。！!，,；;]|$|是|有|呢|吗|啊)")
_SUBJECT_TAIL = re.compile(r"(?:现在|目前|如今|今年|去年|是|有|的|都|了|在|为|由|共|一共|总共|合计|分别|具体|大概|主要|\s)+$")


def subject_of(question: str) -> str:
    """What a question is about: the words before its question word, without connecting words.

    "学校社团有多少个？" -> "学校社团"; "这份报告的编写领导小组是什么时候成立的？" -> "这份报告的编写领导小组".

    Args:
        question: one question.

    Returns:
        The subject, or "" when the question word comes first.
    """
    m = _ASK_WORD.search(question)
    if not m:
        return ""
    if m.group() == "有没有":  # "学校有没有专门给困难学生的助学金？": what is asked about follows
        tail = re.split(r"[？?。！!；;，,]|之类|这样|这种", question[m.end():])[0]
        if len(re.sub(r"\W", "", tail)) >= 2:
            return _SUBJECT_TAIL.sub("", tail).strip(" ，,；;：:")
    head = question[:m.start()]
    return _SUBJECT_TAIL.sub("", head).strip(" ，,；;：:")


def _counted_in(question: str) -> str:
    """What a question counts, after its question word ("一共办了多少个培训项目？" -> 培训项目); ""."""
    m = _ASK_WORD.search(question)
    counted = _COUNTED_AFTER.match(question, m.end()) if m and m.group() in ("多少", "几") else None
    return counted.group(1) if counted else ""


# a cohort named by its year of entry: 24级, 2025级
_COHORT = re.compile(r"(?<!\d)(?:20)?\d{2}\s*级")


def with_subject(part: str, first: str, nouns: Callable[[str], list[str]],
                 rare: Callable[[str], bool] | None = None) -> str:
    """A later part of a several-question message, given the first part's subject when it names at
    most one thing and shares no noun with it: "学校社团有多少个？多少学生参加了？" -> "多少学生参加了？ 学校 社团".
    A part that names things of its own ("合作的是哪所外国大学？"), or one thing the report tells of in
    one place only ("…联系了多少人次学生？全年教代会开了几次？"), stands alone.

    Args:
        part: a later part.
        first: the message's first part.
        nouns: the nouns of a text (a part-of-speech tagger's).
        rare: whether the report tells of a word in one place only; None to ask nothing of it.

    Returns:
        The part with the subject's nouns appended, or the part unchanged.
    """
    if is_follow_up(part):
        return part
    subject = [w for w in nouns(subject_of(first)) if len(w) > 1]
    # "24级的学科排名拿了几个第一、几个第二": the cohort is part of the subject, though no noun
    subject += [] if _COHORT.search(part) else _COHORT.findall(subject_of(first))
    own = [w for w in nouns(part) if len(w) > 1]
    # ("…计算机方向的专业群上了拟立项名单，全称叫什么？在名单上是第几号？": a short part whose one noun is the first
    # part's names nothing of its own; it asks about the same thing)
    same = len(own) == 1 and own[0] in first and len(re.findall(r"[\u4e00-\u9fff]", part)) <= 10
    if not subject or len(own) > 1 or not same and any(w in part or any(w in o or o in w for o in own) for w in subject):
        return part
    subject = [w for w in subject if w not in part]
    if not subject:
        return part
    if rare is not None and any(rare(w) for w in own):
        return part
    return f"{part} {' '.join(dict.fromkeys(subject))}"


# Words that stand in for each other in a follow-up: "学生…有几个？" -> "老师呢？"
_COUNTERPARTS = (("学生", "老师", "教师", "教职工"), ("男生", "女生"), ("国家级", "省级", "市级"),
                 ("一等奖", "二等奖", "三等奖"), ("金牌", "银牌", "铜牌"))


def _swap_entity(base: str, rest: str, kind_of: Callable[[str], str] | None = None) -> str | None:
    """Replace "护理专业" in the base with "旅游专业" when the follow-up names another of the same kind, or with
    "会计专业" when it names one bare ("那会计呢？") that ``kind_of`` knows to be of that kind.

    Only a short follow-up that is just a name is swapped in; one that asks its own question
    ("其中电商专业是哪位同学…？") is not a name of the same kind.
    """
    if len(rest) > 10 or _ASK_WORD.search(rest):
        return None
    kind = kind_of(rest) if kind_of is not None and re.fullmatch(r"[\u4e00-\u9fff]{2,10}", rest) else ""
    if kind and not rest.endswith(kind) and kind in base:
        rest += kind  # ("那电子商务呢？": 电子商务专业, swapped for 护理专业 below)
    for group in _COUNTERPARTS:
        if rest in group:
            for other in group:
                if other != rest and other in base:
                    return base.replace(other, rest, 1)
    for cat in _CATEGORY:
        if rest.endswith(cat) and cat in base:
            m = re.search(rf"([\u4e00-\u9fffA-Za-z0-9]{{1,8}}?){cat}", base)
            if m:
                return base[:m.start()] + rest + base[m.end():]
    # "体育课专任老师…各有几位？" then "美育课专任老师呢？": the same ending, another head, swapped in;
    # "德育品牌叫什么？" then "那学校的党建品牌呢？": what follows 的 names it
    rest = rest.rsplit("的", 1)[-1] if re.fullmatch(r"[\u4e00-\u9fff]{1,4}的[\u4e00-\u9fff]{4,6}", rest) else rest
    for k in range(len(rest) - 1, 1, -1):
        head, tail = rest[:-k], rest[-k:]
        at = base.find(tail)
        if at >= len(head) and re.fullmatch(r"[\u4e00-\u9fff]+", head) and rest not in base:
            old = base[at - len(head):at]
            if re.fullmatch(r"[\u4e00-\u9fff]+", old) and old != head:
                return base[:at - len(head)] + rest + base[at + k:]
    return None
