"""Answer composers: extractive (default, offline) and, optionally, an LLM (see llm.py).

The extractive composer reads the retrieved chunks the way a careful staff member reads
the report: it finds the table row or the clause that states the fact, quotes it, and
cites the section. It never pastes whole chunks, and every number it says is in a quote
or is a labelled computation from quoted numbers.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from .followup import points_back, subject_of
from .match import (FUNCTION_CHARS, MEASURE_WORDS, NUMBER, TABLE_REF, TermWeights, contains, names_table, numbers_in,
                    query_terms, terms, ungrounded_numbers, years_in)
from .report import COVER, TOTAL_LABEL, Table, section_covers
from .schema import Answer, Chunk, Citation, Hit
from .tablequery import answer_table_ask, same_value, table_names_answer, table_asked

REFUSAL_ZH = "报告未提及“{topic}”。"
REFUSAL_EN = "The report does not say anything about “{topic}”."
NEAREST_ZH = "最接近的是【{ids}】：{quote}"
NEAREST_EN = "The closest it comes is in 【{ids}】: {quote}"
UNGROUNDED_ZH = "已删除引文中找不到的数字：{figures}"
UNGROUNDED_EN = "removed figures not found in the cited text: {figures}"
COMPUTED_ZH = "按表中数字计算"
COMPUTED_TEXT_ZH = "按文中数字计算"  # a change worked out from figures the text states
COMPUTED_EN = "computed from the table"
COMPUTED_TEXT_EN = "computed from the figures in the text"
EMPTY_ZH = "（表中空白，未填写）"
EMPTY_EN = "(left blank in the table)"


# ---------------------------------------------------------------- intent
@dataclass(frozen=True)
class Intent:
    """What kind of answer a question wants."""

    lang: str
    years: tuple[str, ...]
    compare: bool
    listing: bool
    numeric: bool
    explicit_years: tuple[str, ...] = ()
    table: str = ""
    total: bool = False
    measures: tuple[str, ...] = ()
    kind: str = ""
    count: int = 0
    serial: bool = False
    pivot: str = ""
    verb: str = ""
    kinds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    quoted: tuple[str, ...] = ()
    each: tuple[str, ...] = ()
    counted: str = ""
    level: str = ""
    member: str = ""
    shape: str = ""
    excluded: str = ""
    kind_listed: str = ""
    meant: str = ""
    named: bool = False


_COMPARE = re.compile(r"上去了?还是下来了?|好了?还是(?:差|坏)了?|(?:差|坏)了?还是好了?|上来了?还是下去了?|一个?[增升涨多高]了?[、，,]?一个?[减降跌少低]|一个?[减降跌少低]了?[、，,]?一个?[增升涨多高]|比去年|比上一?年|比20\d\d|比以前|比原来|比过去|扩大|缩小|扩招|翻番|翻倍|升了还是[^？?，,]{0,4}(?:降|掉|跌)了?|"
                      r"(?:跟|和|与|同)(?:去年|上一?年|前一年|20\d\d年?)(?:相?比|比较)|变多|变少|变高|变低|"
                      r"往上走|往下走|往上还是往下|往下还是往上|走高|走低|变好|变差|变坏|好转|有没有(?:调整|变动)|(?:调整|变动)过|有(?:调整|变动)吗|(?:往|朝)(?:哪个|什么)方向|变了|没变|(?:升|涨|增|多|高)了?还是(?:降|跌|减|少|低)了?|缩水|缩减|下滑|回落|上涨|是增是减|是升是降|增减|升降|多了还是少了|高了还是低了|怎么变|如何变|变了没有|有没有变|有什么变化|有何变化|高还是低|多还是少|升还是降|涨还是跌|增还是减|相比|对比|比较|变化|增长|增加|减少|下降|上升|提高|降低|多了|少了|涨|跌|增幅|降幅|"
                      r"compare|change|increase|decrease|grow|growth|drop|rise|fell|more than|less than|vs|"
                      r"up or down|go(?:ne)? (?:up|down)|went (?:up|down)|higher or lower|more or (?:less|fewer)|differ", re.I)
_LISTING = re.compile(r"哪些|哪几|有什么|都有|些什么|都是谁|都是什么|都指什么|列一下|有谁|哪几位|列出|列举|分别|包括|名单|各自?(?:指|是|为|叫|有)?什么|"
                      r"which|list|what are|name the|who are|what (?:kinds?|types?|sorts?) of", re.I)
_NUMERIC = re.compile(r"多少|几|比例|比率|占比|率|数量|人数|金额|哪天|哪年|哪一年|什么时候|何时|日期|"
                      r"how many|how much|number|percent|rate|ratio|amount|when|date|what year", re.I)
_MEASURE_ASKED = re.compile(r"(?<![哪好])(?<!最近)(?<!近)(?<!这)(?<!前)(?:几|多少)(?:个(?=人))?(年(?!制|级|度|份|前|后|一贯|的学制|里|来|间)|人次|人日|学时|课时|小时|万元|元|钱|人|次|回|个|期|项|名|所|门|批|届|场|家|位|本|篇|件|座|条|种|天|周|节|分|份|册|台|套|户|支|队)")
# "多少学生参加了", "几个老师": people counted without a measure word
_PEOPLE_COUNTED = re.compile(r"(?<![哪好])(?:几|多少)(?:个|名|位)?(?:学生|同学|老师|教师|孩子|学员|新生|毕业生|在校生|教职工|专任教师|员工|职工)"
                             r"(?![\u4e00-\u9fff]{0,1}(?:社|会|组织|宿舍|公寓|资助|工作|团队|代表|比|率|数))")
# "how many members does the club have": people counted, in English
_PEOPLE_COUNTED_EN = re.compile(r"\bhow many (?:[a-z-]+ ){0,2}?(?:students|people|persons|members|teachers|graduates|applicants|"
                                r"participants|volunteers|trainees|pupils|parents|visitors|staff)\b", re.I)
# ("how many teachers are 双师型, in percent": a share of people, not a count)
_SHARE_EN = re.compile(r"\bpercent|\bpercentage|\bshare\b|\bproportion|\bratio\b|\brate\b|%", re.I)
# "百分之多少", "占比多少": a share, given in %
_PERCENT_ASKED = re.compile(r"百分之(?:多少|几)|百分比(?:是)?多少|(?:占比|比例|比率)(?:大概|大约)?(?:是|有)?多少|"
                            # "合格率是多少", "What was the pass rate": a rate is given as a percentage
                            r"[\u4e00-\u9fff]率(?:大概|大约)?(?:是|有|达到|能到)?(?:多少|几成)|"
                            r"what percent(?:age)?|what share|what proportion|"
                            r"\b(?:pass|employment|enrol?ment|admission|acceptance|graduation|retention|success|dropout|promotion)"
                            r" rates?\b", re.I)
_PERCENT_SAID = re.compile(r"\d\s*[%％]|百分之|[一二三四五六七八九]成(?!员|果|效|立|长|为|熟|功|绩)")
# "课程门数", "学时数": a count named by its measure word
_MEASURE_NAMED = re.compile(r"(学时|课时|人次|门|项|次)数(?!据|字|学|量)")
# measure words that state the same kind of count ("多少人" is answered by "305名" or "3000余人次")
_ANY_COUNT = tuple(MEASURE_WORDS + "类大")
_MEASURE_ALIKE = {"人": ("人", "名", "位", "人次"), "名": ("名", "人", "位"), "位": ("位", "人", "名"),
                  "个": _ANY_COUNT, "钱": ("元",),
                  "元": ("元",), "万元": ("元",), "学时": ("学时", "课时"), "课时": ("课时", "学时"), "回": ("次", "回")}
# what some questions ask for has a shape; a place without that shape does not answer them
KIND_SHAPES = {
    "money": re.compile(r"\d\s*(?:万|亿)?\s*元"),
    "score": re.compile(r"(?<![\d.])\d{1,2}\s*(?:[:：]|比)\s*\d{1,2}(?![\d.])"),  # (not a ratio, 13.58:1)
    "clock": re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*[点時时]\s*(?:\d|半|整|前|后|$)"),
    "date": re.compile(r"(?<!\d)(?:19|20)\d\d\s*([/.\-])\s*\d{1,2}\s*\1\s*\d{1,2}(?!\d)|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?<!\d)\d{1,2}\s*[日号](?!\d)|星期[一二三四五六日天]|周[一二三四五六日]|[上中下]旬|\d{1,2}\s*月(?:初|底|末)"),
    "often": re.compile(r"每(?:天|日|周|星期|月|季度|学期|学年|年)|定期|常态化|按固定频率|一年[一两三四五六七八九十\d]+次"),
    "rank": re.compile(r"第\s*[\d一二三四五六七八九十]+\s*[名位]|排名[^，。；]{0,8}第|排[^，。；]{0,4}第\s*[\d一二三四五六七八九十]+"),
    "ordinal": re.compile(r"第\s*[\d一二三四五六七八九十]+\s*[届期次回轮批]|首届|首期|首次|首批|"
                         r"(?<![\d一二三四五六七八九十])[一二三四五六七八九十]+届"),  # ("共青团衢州市八届全委")
    # a place: a named town, district or road, a body's seat it was held at, or words that say where
    # (not 城市 or 都市, as in 城市更新智能建造, nor “一带一路”)
    "place": re.compile(r"[\u4e00-\u9fff]{2,}(?:省|(?<![城都])市|县|(?<!校)区|镇|乡|村|街道|(?<!一带一)路|街)"
                        r"(?![\u4e00-\u9fff]{0,2}级)|"
                        r"位于|坐落|选址|落户|在[\u4e00-\u9fff]{2,8}(?:召开|举行|举办)"),
    # a country named: a state's name (日本, 泰国), not 国家级, 国际 or 金砖国家
    "country": re.compile(r"日本|韩国|朝鲜|蒙古|俄罗斯|新加坡|马来西亚|印度尼西亚|印尼|菲律宾|越南|老挝|柬埔寨|缅甸|印度|巴基斯坦|"
                          r"澳大利亚|新西兰|加拿大|墨西哥|巴西|意大利|西班牙|葡萄牙|荷兰|比利时|瑞士|瑞典|挪威|芬兰|丹麦|奥地利|"
                          r"[美英法德泰]国(?!家|际|内|外)|\b(?:Japan|Korea|Germany|France|Britain|England|Thailand|Singapore|"
                          r"Malaysia|Australia|Canada|Russia|Italy|Spain)\b"),
    # why a figure changed: a place must give a cause; a table row gives none
    "reason": re.compile(r"因为|由于|原因|导致|致使|造成|得益于|受[^，。；]{1,10}影响|主要是|归因|源于|\b(?:because|due to|owing to)\b", re.I),
    "phone": re.compile(r"\d{3,4}\s*-\s*\d{7,8}|(?<!\d)1\d{10}(?!\d)|(?<![\d.])\d{7,8}(?![\d.])"),
    "prize": re.compile(r"[一二三四特]等奖|[金银铜]奖|优胜奖|优秀奖|[金银铜]牌|冠军|亚军|季军|第\s*[一二三123]\s*名|"
                        r"(?<![获得拿颁领评大])奖(?!学金|助|励|金|项|状)|\b(?:first|second|third|gold|silver|bronze)\b", re.I),
    "opinion": re.compile(r"推荐|首选|最好|最佳|更好|优于|更适合"),
    "days": re.compile(r"[\d一二两三四五六七八九十]+\s*(?:个)?(?:天|日)(?![内])"),
    "method": re.compile(r"计算|除以|公式|折算|按[^，。；]{1,10}(?:计|算|统计)|统计口径"),
    # "哪个月": a month said, or the season a holiday names ("每学期末", "每年" say how often, not which month)
    "month": re.compile(r"\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月(?!份?[的]?[之以]?[内外中])|[上中下]旬|寒假|暑假|"
                        r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"),
    "when": re.compile(r"(?:19|20)\d\d\s*年|\d{1,2}\s*月|[上中下]旬|[年月](?:初|底|末)|每(?:天|日|周|星期|月|学期|学年|年)|"
                       r"周[一二三四五六日]|星期|寒暑假|寒假|暑假|假期|期间|学期|学年|[上下]午|晚上|早上|入学|毕业|开学"),
}
_KIND_ASKED = (("money", re.compile(r"多少钱|几块钱|什么价|价格|学费|住宿费|伙食费|收费标准|how much (?:[a-z-]+ ){0,2}?money|"
                                     r"prize money|investment|budget|cost|price|fee|salary|wage|"
                                     r"allowance|stipend|subsid|tuition|"
                                     r"(?:工资|薪水|薪资|月薪|学费|费用|奖金|补贴|课酬|金额)[^，。？?]{0,6}(?:多少|几)|"
                                     r"多少[^，。？?项个笔]{0,4}(?:资金|经费|拨款|奖金|补贴|费用)|"
                                     r"(?:资金|经费|拨款)(?:是|有|为)?(?:多少|几)(?![项个笔])", re.I)),
               # "决赛比分是多少": a match's score (3:1, 2比0)
               ("score", re.compile(r"比分|几比几|what was the score|\bfinal score\b|\bscore of the (?:final|match|game)\b",
                                    re.I)),
               # ("归纳成哪几点", "有几点要求": points made, not a time of day)
               ("clock", re.compile(r"(?<![哪成为有出])几点(?!内容|要求|建议|意见|措施|做法|经验|体会|原因|理由)|什么时间开|what time|"
                                    r"opening hours|open (?:from|until)", re.I)),
               # ("平均下来多久就有一场": how often, whatever is counted)
               ("often", re.compile(r"(?:多久|多长时间)[^，。？?]{0,8}一[次场回趟期届]|多少天一次|几天一次|多频繁|how often|"
                                    r"(?:一|每)(?:周|星期|个月|月|天)[^，。？?]{0,6}(?:几|多少)[次回场]|times a (?:week|month|day)",
                                    re.I)),
               # ("排在几号" asks a place in a list, not a date)
               ("date", re.compile(r"哪天|哪一天|(?<![排在第])几号|几月几日|几月几号|哪个日子|which day|what date|on what day", re.I)),
               # "哪个专业更好就业、更推荐": a judgement the report would have to make itself
               ("opinion", re.compile(r"(?<![被获受])推荐(?!到|去|参加|为)|更好|哪个好|值不值|更适合|better|recommend|\bbest\b|in your opinion", re.I)),
               ("days", re.compile(r"几天|多少天|how many days", re.I)),
               # "13.58:1是怎么算出来的", "统计口径是怎么定的": how a figure is made, which the report would have to say
               ("method", re.compile(r"怎么算|如何算|怎么计算|如何计算|计算方法|计算公式|怎么得出|怎么得来|算法|"
                                     r"口径[^，。？?]{0,4}(?:怎么|如何)|how (?:is|was) it calculated|how (?:is|was) .{1,30} calculated", re.I)),
               ("month", re.compile(r"哪一?个月|几月份?(?![几\d])|\b(?:what|which) month\b|\bin what month\b", re.I)),
               ("when", re.compile(r"什么时候|何时|哪一?年|\bwhen\b|what (?:year|month)|which (?:year|month)", re.I)),
               # "今年是第几届": the occasion's number (第六届), not a place in a ranking
               ("ordinal", re.compile(r"第几[届期次回轮批]|哪一?[届期轮批]|which (?:edition|session|round)", re.I)),
               # "拿了几等奖", "得的什么奖": a prize by its name or grade, not only that one was won (获奖)
               ("prize", re.compile(r"几等奖|(?:什么|啥|哪个|哪一?项|哪种)(?:奖|奖项)(?!学金|助)|"
                                    r"(?:what|which) (?:prize|award)|what (?:level|grade) of (?:prize|award)", re.I)),
               # ("排在第几号": an entry's number in a list, not a place in a ranking)
               ("rank", re.compile(r"(?:排|排名|排在)(?:的是)?(?:全省|全市|全国)?第几(?!号)|第几名|排名多少|排多少名|名次|what rank|which place|ranked|"
                                   r"\bwhere does\b[^?]{0,80}\brank\b|\brank(?:ing)? (?:in|among|within|for)\b", re.I)),
               # "学校分析过为什么下降吗": the cause of a change, which the report would have to give
               ("reason", re.compile(r"(?:为什么|为何|什么原因|啥原因)[^，。？?]{0,8}(?:下降|减少|增加|增长|上升|提高|降低|掉|涨|变|少|多)|"
                                     r"(?:下降|减少|增加|增长|上升|提高|降低|掉|涨|变化)[^，。？?]{0,6}(?:的原因|为什么|为何)|"
                                     r"\bwhy\b[^?]{0,60}\b(?:drop|fall|fell|decrease|decline|rise|rose|increase|go (?:up|down)|went (?:up|down))", re.I)),
               # "独立校区建在哪里", "在哪儿开的": where a thing stands or happened (not "写在哪里": which document)
               ("place", re.compile(r"(?:建|设|办|装|搬|住|坐落|位于)在?(?:哪里|哪儿|哪|什么地方|什么位置)|"
                                    r"在(?:哪里|哪儿|什么地方)(?:建|设|办|开|举行|举办|召开)|地址|具体位置|位置在哪|选址|"
                                    r"\bwhere (?:is|was|were|will|would)\b[^?]{0,40}\b(?:built|located|held|based|sited)\b|"
                                    r"\b(?:in|at) (?:which|what) (?:city|country|town|province|venue)\b", re.I)),
               # "外教来自哪个国家", "Which countries were they from": a country by its name
               ("country", re.compile(r"哪(?:个|些|几个)?国家(?!级|[一二三]等|奖|示范|重点|标准|智慧|骨干|优质|规划|课程|项目|专利|荣誉)|来自哪(?:里|儿|国)|\b(?:which|what) countr(?:y|ies)\b|"
                                      r"\bfrom which countr", re.I)),
               ("phone", re.compile(r"电话|手机号|联系方式|号码|phone|telephone|contact number", re.I)))
_MONEY_WORDS = re.compile(r"钱|元|经费|费|资金|收入|工资|薪|投入|金额|拨款|价值|值|预算|奖金|补助|资助|money|fund|cost|income|salary|spend|budget|value|yuan", re.I)
_COUNT_MEASURES = frozenset(MEASURE_WORDS) - {"种"}  # what a bare count cell can be given as its unit
_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# "哪三个方面" asks for three things; "哪一级" asks which one, not for a list of one
_COUNT_ASKED = re.compile(r"哪([两二三四五六七八九十]|[2-9]|\d\d)\s*[个种类方面项条重大点层级部所家位块样门名]")
# the word right before the question word: the answer follows it in the report ("依托什么" -> "依托多元化培训项目")
_PIVOT = re.compile(r"([\u4e00-\u9fff]{2})(?:的是|是|了|的)?(?:什么|哪|谁)")
# the verb after "从/靠/用 + question word", ending the question ("从什么入手的？", "靠什么来培养？"): the answer says it
_VERB_AFTER = re.compile(r"(?:从|靠|用|以|凭|通过|借助|依托)(?:什么|哪些|哪个)来?([\u4e00-\u9fff]{2})(?:的|了)?(?:[？?，,。！!]|$)")
_SERIAL = re.compile(r"序号|编号|第几号|几号|第几名|排第几|排名第几|第\s*\d+\s*[号位个](?!月)")
# the cover (writer, date) answers only questions about the report as a document: where it is named as such, or
# when the report itself is said to be dated or written ("报告是谁编写的", "when was the report published")
_COVER_NAMED = re.compile(r"封面|落款|扉页|定稿|成稿|\b(?:the cover|cover page|front cover|title page)\b", re.I)
_REPORT_DATED = re.compile(r"(?:报告|年报).*(?:日期|编写|编制|谁写|谁编|哪天|什么时候|何时)|"
                           r"\breport\b.*\b(?:dated?|published|issued|wr[io]te|written|compiled|authors?)\b|"
                           r"\b(?:dated?|published|issued|wr[io]te|written|compiled|authors?)\b.*\breport\b", re.I)
_ORG = re.compile(r"(学校|学院|大学|中学|高中|公司|集团|局|中心)$")


_ASKED_IN_ENGLISH = re.compile(r"\s*(?:what|how|which|who|when|where|why|is|are|was|were|do|does|did|can|could|has|have|"
                               r"please|tell|list|give|show)\s+[a-z]", re.I)
_ASKED_IN_CHINESE = re.compile(r"吗|呢|多少|几|什么|哪|怎|是否|有没有|是不是|请问|一下")


def detect_language(text: str) -> str:
    """``en`` when a question is written in Latin script, else ``zh``.

    Args:
        text: the question.

    Returns:
        ``"en"`` or ``"zh"``.
    """
    text = re.sub(r"<[^>]*>|&\w+;|https?://\S+", " ", text)  # markup and links say nothing of the language
    latin = len(re.findall(r"[A-Za-z]", text))
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    if latin > 2 * cjk and latin >= 3:
        return "en"
    # "What is 生均教学科研仪器设备值 in 表2?": asked in English about the report's own Chinese terms
    return "en" if _ASKED_IN_ENGLISH.match(text) and not _ASKED_IN_CHINESE.search(text) else "zh"


def asks_next_year(question: str) -> bool:
    """Whether a sentence that asks is about next year ("明年职普融通班还招90人吗"), and nothing in the question
    says this year or last (not "工会要做明年的活动计划，先看看今年报告里写了哪些", "…will start next year. What…?")."""
    sentences = [s for s in re.split(r"(?<=[。！!？?.])\s*", question) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith(("？", "?"))] or sentences[-1:]
    return any(re.search(r"明年|next year", s, re.I) for s in asking) \
        and not re.search(r"今年|本年|去年|this year|last year", question, re.I)


def parse_intent(question: str, report_years: tuple[str, ...] = ()) -> Intent:
    """Read the answer shape a question asks for.

    Args:
        question: the (rewritten) question.
        report_years: the years the report's tables cover, newest last, to resolve 今年/去年.

    Returns:
        The Intent.
    """
    table = TABLE_REF.search(question)
    years = years_in(_strip_table_refs(question))
    explicit = tuple(years)
    if report_years:
        if re.search(r"去年|上一?年|last year", question, re.I):
            years.append(report_years[-2] if len(report_years) > 1 else report_years[-1])
        if re.search(r"今年|本年|this year", question, re.I):
            years.append(report_years[-1])
        if asks_next_year(question) and report_years[-1].isdigit():
            # "明年职普融通班还招90人吗": a year after the report's, which it tells of only where it names that year
            following = str(int(report_years[-1]) + 1)
            years.append(following)
            explicit += (following,)
    count = _COUNT_ASKED.search(question)
    # the sentences that ask: "想从企业请几位师傅来兼职上课。" tells, its 几位 asks no count
    asking = re.sub(r"[^。！!？?]*[。！!](?=.)", "", question) or question
    listing = bool(_LISTING.search(question) or count)
    return Intent(lang=detect_language(question), years=tuple(dict.fromkeys(years)),
                  compare=bool(_COMPARE.search(question)), listing=listing,
                  numeric=bool(_NUMERIC.search(question)), explicit_years=explicit,
                  total=bool(re.search(r"一共|总共|合计|加起来|总数|总计|in total|altogether", question, re.I)),
                  table=re.sub(r"\s", "", table.group()) if table else "",
                  measures=tuple(dict.fromkeys(_MEASURE_ASKED.findall(asking) + _MEASURE_NAMED.findall(asking)
                                               + ["人"] * bool(_PEOPLE_COUNTED.search(asking) or _PEOPLE_COUNTED_EN.search(asking)
                                                               and not _SHARE_EN.search(asking))
                                               + ["%"] * bool(_PERCENT_ASKED.search(asking)))),
                  kind=next((k for k, pattern in _KIND_ASKED if pattern.search(asking)), ""),  # (not "老师推荐…。")
                  count=(_CN_DIGITS.get(count.group(1)) or int(count.group(1))) if count else 0,
                  serial=bool(_SERIAL.search(question)),
                  pivot=pivot.group(1) if (pivot := _PIVOT.search(question)) else "",
                  verb=verb.group(1) if (verb := _VERB_AFTER.search(question)) else "",
                  kinds=tuple(answer_kind_words(question)),
                  sections=tuple(dict.fromkeys(m.group() for m in _SECTION_REF.finditer(question))),
                  quoted=tuple(dict.fromkeys(q for q in _QUOTED.findall(question) if len(q) >= 2)),
                  each=tuple(w for m in _EACH_OF.finditer(question) for w in re.split(r"[、和及与跟]", m.group(1))),
                  counted=counted.group(1) if (counted := _COUNTED.search(asking)) else "",
                  level=next(iter(levels)) if len(levels := levels_named(asking, asked=True)) == 1 else "",
                  member=member.group(1) if (member := _MEMBER_OF.search(asking)) else
                  _GROUP_EN[(member.group(1) or member.group(2)).lower().rstrip("s")] if (member := _MEMBER_OF_EN.search(question)) else "",
                  shape=shape_asked(asking) or shape_asked(question),
                  excluded=next((g for g in excluded.groups() if g), "").strip() if (excluded := _EXCEPT.search(question))
                  else "",
                  kind_listed=_listed_kind(question) if listing else "",
                  named=bool(_CHINESE_NAME_EN.search(question)))


# the level of an award, a contest or a title: "市里的二等奖", "省级拿了几项", "国家级"; in the report "获省二等奖",
# "市一等1项", "全国…"; a level asked may be said colloquially (省里一级)
_LEVELS = {"国": re.compile(r"国家级|国家[一二三]等|国[一二三]等|国赛|全国"),
           "省": re.compile(r"全省|省(?:级|[一二三]等|赛|奖|里|一级|上)"),
           "市": re.compile(r"全市|市(?:级|[一二三]等|赛|奖|里|一级|上)")}
_LEVELS_ASKED = {"国": re.compile(r"国家级|国家[一二三]等|国[一二三]等|国赛|全国[一二三]等|国家一级|国家那一级|"
                                  r"\bnational(?:ly)?\b|\bnationwide\b", re.I),
                 "省": re.compile(_LEVELS["省"].pattern + r"|\bprovincial\b|\bin the province\b|\bprovince-?wide\b", re.I),
                 "市": re.compile(_LEVELS["市"].pattern + r"|\bmunicipal\b|\bin the city\b|\bcity-?wide\b|"
                                  r"\bwithin (?:quzhou|the city)\b|\bquzhou city\b", re.I)}


def levels_named(text: str, asked: bool = False) -> set[str]:
    """The levels (国, 省, 市) a text names for an award, contest or title.

    Args:
        text: a question (``asked``) or a clause of the report.
        asked: read as a question, where 全国 alone ("全国有名吗") names no level of award.

    Returns:
        The levels named.
    """
    patterns = _LEVELS_ASKED if asked else _LEVELS
    return {level for level, pattern in patterns.items() if pattern.search(text)}


# "除了浙江时代锂电，学校还跟哪些企业合作？", "Apart from X, which…": what the person knows of and leaves out
_EXCEPT = re.compile(r"除了?([^，,。；;？?]{2,24}?)(?:以外|之外)?(?:[，,][^，,。；;？?]{0,6}?)?(?:还|另外|其他|其它|别的)|"
                     r"除了?([^，,。；;？?]{2,24}?)(?:以外|之外)[，,]|"  # ("除了大器励志助学金以外，国家助学金…")
                     r"\b(?:apart from|besides|other than|except(?: for)?|aside from)\s+([^,?]{2,60}?)\s*,", re.I)

# "电子商务专业归在学校哪个省级优质专业群？", "数控是哪个专业群的核心专业": the group a named thing belongs to;
# the phrase after 哪个 says what kind of group, the report names the group where it names its members
_GROUP_WORDS = r"(?:集群|群|学部|中心|基地|团队|类)"
_MEMBER_OF = re.compile(r"(?:属于|归在|归属|归于|归入|放在|放进|放到|分在|分到|划在|划入|划到|算在|算是|算|是|在)了?"
                        r"(?:学校|我们|我校|你们|贵校)?的?(?:哪|什么)(?:一|几)?[个种家所支]?"
                        rf"([\u4e00-\u9fff]{{0,8}}?{_GROUP_WORDS})")
_MEMBER_HEAD = re.compile(_GROUP_WORDS + "$")
# "Which of the school's specialty groups does 化学工艺 belong to?": the kind of group, as the report words it
_MEMBER_OF_EN = re.compile(r"\bwhich\b[^?]{0,60}?\b(group|cluster|department|categor(?:y|ie))s?\b[^?]{0,60}?"
                           r"\b(?:belongs?|falls?|sits?|comes?)\s+(?:to|in|under|within)\b|"
                           r"\b(?:which|what)\b[^?]{0,60}?\b(group|cluster|department|categor(?:y|ie))s?\b[^?]{0,60}?"
                           r"\b(?:is|are)\b[^?]{0,60}?\b(?:in|part of)\b", re.I)
_GROUP_EN = {"group": "专业群", "cluster": "专业群", "department": "学部", "category": "类", "categorie": "类"}


def member_head(intent: Intent) -> str:
    """The word for the kind of group a "which group is it in" question asks about (群, 学部, 类), or ""."""
    return head.group() if intent.member and (head := _MEMBER_HEAD.search(intent.member)) else ""


def member_subject(qterms: list, intent: Intent) -> list:
    """The terms naming what a "which group is it in" question asks about (电子商务 in "电子商务专业归在哪个省级优质
    专业群"), without those of the kind of group; [] for other questions or when none is left."""
    if not intent.member:
        return []
    subject = [t for t in qterms if not any(w in intent.member for w in (t if isinstance(t, tuple) else (t,)))]
    # "休闲体育服务与管理专业归在哪个群": a group's list of members may give a long name by its start ("集旅游、
    # 休闲体育、电子商务…专业的…专业群"), which counts for less than the whole name
    return [tuple(dict.fromkeys((t, t[:4], t[:2]))) if isinstance(t, str) and re.fullmatch(r"[\u4e00-\u9fff]{5,}", t)
            else t for t in subject]


# "学生一共有多少篇获奖": the word just before the count asked names what is counted
_COUNTED = re.compile(r"([\u4e00-\u9fff]{2})(?:的)?(?:又|都|也|还)?(?:一共|总共|共|总计)?(?:有|是)?(?:多少|几)")


# "学术思辨、服务实践、体育健康、文艺表演各有几个": the things named one by one, each wanted
_EACH_OF = re.compile(r"((?:[\u4e00-\u9fff]{2,8}[、和及与跟])+[\u4e00-\u9fff]{2,8}?)(?:类|方面)?(?:各|分别)")


def asks_only_direction(text: str) -> bool:
    """Whether a question asks only which way something went ("两项是不是都在往下走？", "Which of the two went
    up and which went down?"), naming nothing of its own: it is about the figures asked just before it."""
    if _DIRECTION_ONLY.fullmatch(text.strip()):
        return True
    rest = direction_asked_of(text)
    return rest is not None and len(rest) <= 2


def direction_asked_of(text: str) -> str | None:
    """What a question that asks which way something went names besides the asking ("拿证人数是多了还是少了？" ->
    拿证人数); None when it asks no change."""
    if not _COMPARE.search(text):
        return None
    rest = _COMPARE.sub(" ", text)
    rest = re.sub(r"\b(?:which|of|the|two|and|or|did|do|does|has|have|had|each|both|it|they|them|one|ones|what|is|are|"
                  r"was|were|then|so|went|gone|go|up|down|trend)\b", " ", rest, flags=re.I)
    rest = re.sub(r"方向|趋势|怎样|怎么样|如何|情况", "", rest)  # ("变化方向怎样？": which way, and nothing else)
    return re.sub(r"[是不都在还反而哪个各分别整体总体两项者了呢吗的跟着往上下走掉？?，,。!！\s]", "", rest)


# "分别是增是减？", "哪个增、哪个减？": which way, said without a word _COMPARE knows
_DIRECTION_ONLY = re.compile(r"(?:那|那么)?(?:整体|总体|总的|分别|各自|都|两者|两项|各)?(?:来说|来看|上)?[，,]?(?:是不是|是否|是)?"
                             r"(?:(?:增加|上升|增|升|涨|变多|变大|多|高|上去|上来)了?(?:还是|是)(?:减少|下降|减|降|跌|变少|变小|少|低|下来|下去)了?|"
                             r"哪个增[、，,]?哪个减|哪个升[、，,]?哪个降|"
                             r"一个?[增升涨多高]了?[、，,]?一个?[减降跌少低]了?|一个?[减降跌少低]了?[、，,]?一个?[增升涨多高]了?)"
                             r"(?:呢|吗)?[？?。]?")


# "市一、市二、市三等奖", "一、二类": items that leave the shared ending to the last one
_ELIDED = re.compile(r"((?:[\u4e00-\u9fff]{0,2}[一二三四五六七八九十特][、和及与]\s*)+)"
                     r"([\u4e00-\u9fff]{0,2}[一二三四五六七八九十特])(等奖|类|级|档|批)")


def without_context(question: str, name_pointed: bool = True) -> str:
    """The question without the sentences before it that only tell a story ("我们不是本地的。…多少？").

    Args:
        question: one question.
        name_pointed: when the sentence that asks points back ("这个专业"), keep the story's last clause,
            which names what it points at.

    Returns:
        The question from its first sentence that asks something; the question unchanged when
        every sentence asks or none does.
    """
    sentences = [s for s in re.split(r"(?<=[。！!：:])|(?<=[.!:])\s+(?=[A-Z])", question) if s and s.strip()]
    hearsay = _HEARSAY.match(sentences[0]) if sentences else None
    if hearsay:  # "听说学校有送学生去日本读书的路子，对接的是…": hearsay before a comma is a story too
        sentences[:1] = [hearsay.group(1), sentences[0][hearsay.end(1):]]
    for i, sentence in enumerate(sentences):
        if sentence.rstrip().endswith(("：", ":")) and i + 1 < len(sentences):
            continue  # "想弄清这所学校的几块社会培训：" introduces the questions after it
        if (ASKS.search(sentence) or re.search(r"[？?吗]", sentence)) and not TOLD_QUESTION.fullmatch(sentence.strip()):
            if _WONDERS.search(sentence) and not re.search(r"[？?]", sentence) \
                    and any(re.search(r"[？?]", s) for s in sentences[i + 1:]):
                continue  # "不知道往什么方向做。…围绕哪几条主线？": a doubt told in the story; the question comes after
            if i and name_pointed and points_back(sentence):
                # "女儿想读艺术设计与制作。这个专业有哪几种读法？": the story's last clause names what it points at
                named = re.split(r"[，,]", sentences[i - 1].rstrip("。！!：:"))[-1]
                if detect_language(question) == "en" or not named.strip():
                    return question
                return f"{named}。{''.join(sentences[i:]).strip()}"
            sep = " " if detect_language(question) == "en" else ""  # (the English split took the space)
            return sep.join(sentences[i:]).strip() if i else question
    return question


# "（像舞龙舞狮、升旗那种）", "比如…之类": examples the person gives of what they ask about
_EXAMPLES = re.compile(r"[（(](?:像|比如|例如|如|好比|就像)[^）)]*[）)]|(?:像|比如|例如)[^，,。？?（）()]{1,16}(?:那种|那样|之类|这种|这样)")


def _examples_in(question: str) -> str:
    """The examples a question gives, run together (a word found in them was only given as an example)."""
    return "".join(m.group() for m in _EXAMPLES.finditer(question))


# a sentence that asks something (a story before the question asks nothing)
ASKS = re.compile(r"多少|(?<![前好那这])几[个位项块所门名人次年种]|第几|哪|什么|谁|是否|\b(how many|how much|what|which|who|when)\b", re.I)
# "不知道往什么方向做。": a doubt the person tells, asked by a later sentence
_WONDERS = re.compile(r"(?:不知道|不清楚|不晓得|不确定|拿不准|没想好|搞不懂|弄不清)[^，,。！!]*(?:多少|几|哪|什么|谁|是否)")
# "孩子问学长们毕业后都去哪儿了。", "有人问老师的教学质量要求到底写在哪。": a question someone else asked, told
TOLD_QUESTION = re.compile(r"[^。！!？?]*问(?:我|过|起|了)?[^。！!？?]*(?:哪|什么|几|多少|谁|怎么|是否)[^。！!？?]*[。！!]")
# "听说学校有…，": hearsay before a comma is a story, not the question
# ("我是退役军人事务局的，学校有没有…": who the person is, said before a comma, is a story too)
_HEARSAY = re.compile(r"((?:听说|据说|听人说|我听说)[^，,？?。]{2,40}[，,]|"
                      r"(?:我|我们)(?:是|在)[^，,？?。]{2,24}(?:的|工作|上班|任职|做事)[，,])(?=[^，,]{4,})")


def spell_out_elided(question: str) -> str:
    """Give each item of an elided list its ending: "市一、市二、市三等奖" -> "市一等奖、市二等奖、市三等奖".

    Args:
        question: the question.

    Returns:
        The question with every item spelled out, as the report names them.
    """
    def spell(m: re.Match) -> str:
        ending = m.group(3)
        items = re.findall(r"([\u4e00-\u9fff]{0,2}[一二三四五六七八九十特])([、和及与]\s*)", m.group(1))
        return "".join(f"{item}{ending}{sep}" for item, sep in items) + m.group(2) + ending
    def level(m: re.Match) -> str:  # "市级一等奖、二等奖、三等奖" -> "市一等奖、市二等奖、市三等奖"
        prefix = m.group(1).removesuffix("级")
        return prefix + re.sub(r"([、和及与]\s*)(?=[一二三特]等奖)", rf"\g<1>{prefix}", m.group(2))
    return _LEVEL_ELIDED.sub(level, _ELIDED.sub(spell, question))


_LEVEL_ELIDED = re.compile(r"(国家级|省级|市级|校级|国家|省|市|校)([一二三特]等奖(?:[、和及与]\s*[一二三特]等奖)+)")


def _asks_people(measures: tuple[str, ...]) -> bool:
    """Whether every measure asked counts people (多少名, 几位, 多少人); True for none asked."""
    return all(m in _MEASURE_ALIKE["人"] for m in measures)


def states_measure(text: str, measure: str) -> bool:
    """Whether text gives a figure counted in the measure asked ("覆盖学员305人" for 多少人).

    Args:
        text: a clause or sentence.
        measure: a measure word from ``Intent.measures``.

    Returns:
        True when a number is followed by that measure or one of its kind.
    """
    alike = "|".join(re.escape(m) for m in _MEASURE_ALIKE.get(measure, (measure,)))
    # ("1万余小时": 余 after 万 as well as before it)
    return bool(re.search(rf"(?:\d(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(?:余|多)?\s*(?:万|亿)?(?:余|多)?(?:{alike})", text))


def restates(text: str, qterms: list) -> bool:
    """Whether a sentence or clause holds nothing but the question's own words (no figure, no new words).

    Args:
        text: a sentence or clause.
        qterms: the question's terms.

    Returns:
        True when at most three other characters are left once the question's words are taken out.
    """
    if numbers_in(text):
        return False
    rest = text.lower()
    for term in sorted((w for t in qterms for w in (t if isinstance(t, tuple) else (t,))), key=len, reverse=True):
        rest = rest.replace(term, "")
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) <= 3


# the measures of a span of time ("当了多少年"), which no count of other things answers
_SPANS = frozenset({"年", "天", "小时"})


_VAGUE_COUNT = re.compile(r"(?<![\d一二两三四五六七八九十百千万])(?:多|数|若干|无数)(?:次|场|回|批|轮)")


def _gives_count(e: "Evidence", intent: Intent) -> bool:
    """Whether a place counts anything (a row: any figure), for a question that asks how many.
    Measure words need not agree ("上过几次热搜" is answered by "微博热搜2个"), except for people."""
    if e.is_row:
        if numbers_in(" ".join(v for k, v in e.chunk.meta.items() if k.startswith("y"))):
            return True
        # a cell that names what its figure is ("计划招生数 90"), not an entry's bare number in a list ("· 27 ·")
        return any(re.search(r"[\u4e00-\u9fff）)]\s*\d", cell) for cell in re.split(r"\s*·\s*", e.chunk.text)[1:])
    # "多少名代表" wants people counted; "当了多少年班主任", a span of time: neither is any count of things
    strict = _asks_people(intent.measures) or bool(set(intent.measures) & _SPANS)
    if not strict and list_size(e.quote) >= 2 and not _VAGUE_COUNT.search(e.quote):
        # "撑不起几项任务" is answered by the tasks listed, counted by whoever reads them (not "礼仪社、导游社多次
        # 服务…": the list names who served, and 多次 says only that it was often)
        return True
    return any(states_measure(e.quote, m) for m in (intent.measures if strict else (*intent.measures, "个")))


def has_kind(text: str, kind: str, told: str = "") -> bool:
    """Whether a sentence or row states a thing of the kind asked (a sum of money, a time of day, a phone number).

    Args:
        text: a sentence, or a row's text (its unit in brackets: ``（万元）``).
        kind: a key of ``KIND_SHAPES``.
        told: the question; a thing it says itself ("升到全省第6") is not one the text tells.

    Returns:
        True when the text has that shape.
    """
    if kind == "money" and re.search(r"[（(](?:万|亿)?元(?:/[^)）]{1,4})?[)）]", text):
        return True
    return any(not told or not says_back(m, text, told) for m in KIND_SHAPES[kind].finditer(text))


def gives_only_told_kind(text: str, kind: str, told: str) -> bool:
    """Whether a place or reply states things of the kind asked, one with a figure, and every one of them is one
    the question says itself ("升到全省第6。那去年排第几" -> "综合排名升至全省第6"): it tells nothing asked."""
    if kind not in KIND_SHAPES or not told:
        return False
    text = re.sub(r"【[^】]*】", " ", text)
    figured = any(numbers_in(text[m.start():m.end() + 3]) for m in KIND_SHAPES[kind].finditer(text))
    return figured and not has_kind(text, kind, told)


def says_back(match: re.Match, text: str, told: str) -> bool:
    """Whether a thing a text states (a shape's match, read with the figure right after it: "排名升至全省第" 6) is
    one the question says itself: all its figures are the question's, or, with none, its words are."""
    figures = numbers_in(text[match.start():match.end() + 3])
    if figures:
        return set(figures) <= set(numbers_in(told))
    return re.sub(r"\s", "", match.group()) in re.sub(r"\s", "", told)


# "短视频制作这一项", "其中服装缝纫这个项目": one item of a list, asked about alone
_ONE_ITEM = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:这一?项|那一?项|这个项目|单项)(?!目?[里中])")
_LIST_RUN = re.compile(r"[^，。；：,;:“”（）()]+(?:、[^，。；：,;:“”（）()]+)+")


_CN_NUMERALS = "零一二三四五六七八九十"
# "一是…二是…", "首先…其次…", and numbered steps "1.…2.…" (a date after the number is no step number)
_ENUMERATION_START = re.compile(r"^(?:一是|首先|其一|第一[，,、]|1[.．、](?=\D|20\d\d年))")
_ENUMERATION_NEXT = re.compile(r"^(?:[二三四五六七八九十]是|其[二三四五六]|第[二三四五六][，,、]|其次|再次|最后|[2-9][.．、](?=\D|20\d\d年))")


def _without_asides(text: str) -> str:
    """The text without bracketed asides: "（覆盖67%专业的3大集群）" announces no list."""
    return re.sub(r"（[^）]*）|\([^)]*\)", "", text)


_ANNOUNCED_NOUN = re.compile(r"([一二两三四五六七八九十\d]+)\s*(?:重|种|个|大|类|项|条|点|层|级|维)\s*“?([\u4e00-\u9fff]{2})")


def _items_named_like(announcement: str, after: list[str], want: int) -> list[str]:
    """The sentences after "五项工程" that each name one 工程, as many as announced."""
    m = _ANNOUNCED_NOUN.search(_without_asides(announcement))
    if not m:
        return []
    count = int(m.group(1)) if m.group(1).isdigit() else _CN_DIGITS.get(m.group(1), 0)
    items = [s for s in after if m.group(2) in s][:want or count]
    return items if len(items) >= 2 else []


def _with_announced_list(e: "Evidence", intent: Intent, following: dict[str, Chunk] | None = None) -> str:
    """A list question answered by a sentence the list follows ("…正成为关键制约。其挑战体现为三重维度，
    A；B；C"): the sentence with the announcement and its items, as far as the items go.

    Args:
        e: the chosen (text) evidence.
        intent: the question's intent (a list was asked for).
        following: chunk id -> the next text chunk of the same section, for a list that runs on.

    Returns:
        The quote, extended over the following sentences when they hold the list.
    """
    numbered = bool(_ENUMERATION_NEXT.match(e.quote) or _ENUMERATION_START.match(e.quote))
    if not intent.listing or list_size(e.quote) >= (intent.count or 3) and not numbered \
            and not ((intent.count and _announces(e.quote, intent.count)  # "三重维度，A—…“x+y+z”…；B；C"
                      or _ANNOUNCED.search(e.quote))  # ("建有3个专业群：A由x、y、z组成；B…；C…")
                     and e.quote.rstrip().endswith(("；", ";"))):
        return e.quote
    sentences = _sentences(e.chunk)
    if e.quote not in sentences:
        return e.quote
    at = sentences.index(e.quote)
    if _ENUMERATION_NEXT.match(e.quote):  # "2.…" is one step of a list that began earlier: take it from "1."
        at = next((i for i in range(at, -1, -1) if _ENUMERATION_START.match(sentences[i])), at)
    nxt = (following or {}).get(e.chunk.id)
    for _ in range(8):  # a list may run over the next chunks of its section
        if nxt is None:
            break
        sentences = sentences + _sentences(nxt)
        nxt = following.get(nxt.id)
    want = intent.count or 0
    for start in (at, at + 1):  # the list starts in this sentence or is announced by the next one
        if start >= len(sentences):
            break
        first = sentences[start]
        announced = _announces(first, want) if want else bool(re.search(
            rf"[{_CN_NUMERALS[1:]}\d]\s*(?:重|种|个|大|类|方面|点|条|项|层|级|维)[^，。]{{0,4}}[，：:]", first))
        if _ENUMERATION_START.match(first):  # "一是…。…二是…。": each item's opening sentence
            items = [first] + [x for x in sentences[start + 1:] if _ENUMERATION_NEXT.match(x)]
            return "".join(sentences[at:start] + items[:want or None])
        if announced and first.rstrip().endswith(("；", ";")):  # "3个专业群：A…；B…；C…。": as far as the items go
            run = [first]
            for sentence in sentences[start + 1:start + 9]:
                run.append(sentence)
                if not sentence.rstrip().endswith(("；", ";")):
                    break
            return "".join(sentences[at:start] + run)
        if announced:
            items = _items_named_like(first, sentences[start + 1:], want)
            if items:  # "推进“五项工程”" then "实施“筑巢引凤”工程…" one by one among other sentences
                return "".join(sentences[at:start + 1] + items)
            return "".join(sentences[at:start + (want or 3)])
    run = []  # "…累计斩获二等奖2项、三等奖3项。" then "A获…二等奖；B获…二等奖；…C获…三等奖。": items that end in ；
    for sentence in sentences[at + 1:at + 9]:
        run.append(sentence)
        if not sentence.rstrip().endswith(("；", ";")):
            break
    if len(run) >= 2 and run[0].rstrip().endswith(("；", ";")):
        return "".join([sentences[at]] + run)
    return e.quote


_ANNOUNCED = re.compile(r"(?:\d+|[两二三四五六七八九十])\s*(?:个|大|类|种|项|方面|条)\s*([\u4e00-\u9fff]{1,10}?)[：:]")


_THING_LISTED = re.compile(r"(?:哪几个|哪几|哪些|几个)([\u4e00-\u9fff]{2,6}?)(?=[？?，,。、]|是|有|呢|$)")


def _announces_asked(sentence: str, question: str) -> bool:
    """Whether a sentence announces a count of the things a question lists, then lists them ("建了哪几个专业群" and
    "目前建有3个专业群：…"; not "哪几个专业" and "三大优质专业集群:", which lists groups)."""
    asked = _THING_LISTED.search(question)
    return bool(asked) and any(m.group(1).endswith(asked.group(1)) for m in _ANNOUNCED.finditer(sentence))


def _announces(sentence: str, count: int) -> bool:
    """Whether a sentence announces that many things ("体现为三重维度", "三种模式", "四级组织架构")."""
    numeral = _CN_NUMERALS[count] if 0 < count <= 10 else str(count)
    plain = _without_asides(sentence)
    return bool(re.search(rf"(?:{numeral}|{count})\s*(?:重|种|个|大|类|方面|点|条|项|层|级|维)", plain))


def list_size(sentence: str) -> int:
    """How many items the longest 、-separated run of a sentence lists (“文化、课程、载体、活动” -> 4;
    "A项目、B项目和C项目" -> 3, the last joined by 和/及/与)."""
    runs = _LIST_RUN.findall(sentence)
    joined = max((m.count("+") + 1 for m in _PLUS_RUN.findall(sentence)), default=0)  # “课堂教学+专业群建设+校企研发”
    if not runs:
        return joined
    run = max(runs, key=lambda r: r.count("、"))
    return max(joined, run.count("、") + 1 + bool(re.search(r"和|及|与", run.split("、")[-1])))


# "有没有机器人社", "有足球俱乐部吗": whether a thing of that name exists (the report names those it has)
# (not "有没有哪个学生社团…": which one is asked, no club is named)
# what a club or group is called by ("…社", "…兴趣小组")
_CLUB_KINDS = "(?:社团|社|协会|俱乐部|兴趣小组|工作室|实验室)"
_EXISTS_NAMED = re.compile(rf"(?:有没有|是否有|有无)(?:一个|个)?(?!哪|什么)([\u4e00-\u9fff]{{2,6}}?{_CLUB_KINDS})"
                           rf"|有(?:一个|个)?(?!哪|什么)([\u4e00-\u9fff]{{2,6}}?{_CLUB_KINDS})(?:吗|没有)")
# "学校有电竞专业吗", "人工智能专业今年招多少人": a major asked about by name. 专业 is the major itself when what
# follows it ends the clause or goes on about the major (not 专业课, 专业群, 专业能力, 专业界限)
_MAJOR_NAMED = re.compile(r"([\u4e00-\u9fff]{2,12})专业(?=$|[\s\d？?。，,！!；;、：:）)]|吗|呢|吧|啊|的|是|有|招|今年|明年|去年"
                          r"|学(?!分)|在|怎|好|就业|毕业|几|计划|跟|和|与|班|合作|多|一共|考|能(?!力)|要|需|收|读|开|属|归|里|方向)")
# "Does the school offer an e-sports major?": a major asked about by name, in English
_MAJOR_NAMED_EN = re.compile(r"\b(?:an?|the|its|your)\s+((?:[a-z][a-z'-]*\s+){0,3}?[a-z][a-z'-]*)\s+"
                             r"majors?\b", re.I)  # (not "programme": "a diploma programme for farmers" is none)
# what is said of majors in general in English, not a major's name ("the most popular major")
_OF_ANY_MAJOR_EN = {"new", "newest", "popular", "best", "good", "top", "main", "other", "same", "this", "that", "which",
                    "what", "most", "school's", "only", "key", "core", "first", "favourite", "favorite", "right", "own",
                    "three-year", "five-year", "3+2", "related", "whole", "entire", "each", "every"}
# a character that ends what is said of majors in general, not a major's name: "这个专业", "新专业", "挑专业"
_OF_ANY_MAJOR = re.compile(r"[个些么的类种门其新好大多少同挑选报读转换定改]$")
_MAJOR_LIST = r"(?:、[\u4e00-\u9fff]{1,10}){0,8}专业"  # "旅游专业", "护理、旅游、幼儿保育…、会计专业"


def _short_for(short: str, name: str) -> bool:
    """Whether a short name is part of a full one (会计 of 会计事务) or takes its characters from it in order,
    starting with its first (电商 from 电子商务)."""
    if short in name:
        return True
    rest = iter(name)
    return name.startswith(short[:1]) and all(ch in rest for ch in short)


# "有没有专门的无人机飞行训练场地": a facility asked for by what it is for
_FACILITY_KINDS = "(?:场地|场馆|训练场|实训室|实训基地|基地|实验室|体育馆|游泳池|图书馆|机房|医务室)"
# "有没有WiFi覆盖", "是否有校医": whether there is something, named after the asking words
_EXISTS_ASKED = re.compile(r"(?:有没有|是否有|有无)([^，,。？?！!；;]{1,16})")
_EXISTS_FACILITY = re.compile(rf"(?:有没有|是否有|有无)(?:一个|个)?(?:专门|专用)?的?(?!哪|什么)([\u4e00-\u9fff]{{2,10}}?){_FACILITY_KINDS}")
# "陈力子和董静", "“一般课程”与“重点课程”": two things named together
_PAIR = re.compile(r"[\u4e00-\u9fff”]{2}(?:和|与|及|以及|、)[“\u4e00-\u9fff]{2}")
_PLUS_RUN = re.compile(r"“[^“”+＋]+(?:[+＋][^“”+＋]+)+”")


def _lists_the_topic_among_peers(sentence: str, qterms: list) -> bool:
    """Whether the thing asked about is itself one item of the sentence's list ("…、促进产教融合、…等方面"):
    such a sentence lists what stands beside the topic, not what the topic is made of."""
    runs = _LIST_RUN.findall(sentence)
    if not runs:
        return False
    items = max(runs, key=len).split("、")
    words = [w for t in qterms for w in (t if isinstance(t, tuple) else (t,)) if len(w) > 1]
    return any(w in item for item in items[1:-1] for w in words)


def _strip_table_refs(text: str, sections: tuple[str, ...] = ()) -> str:
    """Remove ``表2``/``表1-1`` mentions, and the report sections named (``7.1那段``, ``前言里``): their digits
    are names, not figures or years, and their words say where to look, not what about."""
    text = TABLE_REF.sub(" ", text)
    for section in sections:
        text = re.sub(rf"(?<![\d.]){re.escape(section)}(?![\d.])", " ", text)
    return text


_TABLE_WORD = re.compile(r"([\u4e00-\u9fff]{2,})(?:表|表格|一览表|名单)")
# "按附表", "看附录里": where in the document to look, not what is asked about
# words that say how much of something, not what kind: "全班总分", "每个专业"
_SCOPE = re.compile(r"^(?:全|每|各|所有|整个|整|总|本|该|这|那|哪)")
_DOCUMENT_PARTS = frozenset({"附表", "附录", "附件", "表格", "图表", "正文", "原文", "文中", "年报", "统计表", "数据表"})
# nouns that only round off the word before them ("教辅资料" is 教辅, "招生情况" is 招生)
_VAGUE_NOUNS = frozenset({"资料", "情况", "东西", "事情", "事儿", "内容", "信息", "数据", "材料", "方面", "状况"})
_DEGREE = ("比较", "非常", "特别", "十分", "相当", "更加", "最为", "很", "最", "更")

# “引擎”, “善用器、创造器”: the report's own words, quoted (a quote with an ellipsis is only a pattern)
_QUOTED = re.compile(r"[“\"《]([^”\"…《》]{2,30})[”\"》]")  # (a title in 《》 is quoted too)
# "那三句“之……”", "“服务……”", "“大”字头的板块", "哪三个“特”": the items asked for share a character or two
# the person remembers, where the rest is what they ask
_SHAPE_ASKED = re.compile(r"[“\"‘]([\u4e00-\u9fff]{1,3})(?:…+|\.{3,})[”\"’]|[“\"‘](?:…+|\.{3,})([\u4e00-\u9fff]{1,3})[”\"’]"
                          r"|[“\"‘]([\u4e00-\u9fff]{1,2})[”\"’]字|[个几两三四五六七八九][“\"‘]([\u4e00-\u9fff])[”\"’]")


def shape_asked(question: str) -> str:
    """The characters the items a question asks for share, as the person quotes them ("“之……”" -> 之); ""."""
    m = _SHAPE_ASKED.search(question)
    return next((g for g in m.groups() if g), "") if m else ""


def shaped_items(sentence: str, shape: str) -> int:
    """How many items of a sentence (between 、，；) say the shared characters: 3 for "筑牢信仰之基、补足精神之钙、
    把稳思想之舵" and 之."""
    return sum(shape in item for item in re.split(r"[、，,；;：:]", sentence)) if shape else 0

# "7.1那段说…", "1.5.2里", "前言里讲…": a place in the report the person points at (checked against the
# report's sections before use, so "占地7.5亩" names none)
_SECTION_REF = re.compile(r"(?<![\d.])[1-9](?:\.\d{1,2}){1,2}(?![\d.%:：万亿])|前言")


# ---------------------------------------------------------------- synonyms
@lru_cache(maxsize=1)
def _synonym_groups() -> list[list[str]]:
    text = resources.files("qzassist").joinpath("synonyms.txt").read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _glossary_en() -> list[tuple[str, list[str]]]:
    text = resources.files("qzassist").joinpath("glossary_en.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            term, phrases = line.split("\t", 1)
            out.append((term.strip(), [p.strip().lower() for p in phrases.split(",") if p.strip()]))
    return out


def is_content_word(word: str, tag: Callable[[str], list[tuple[str, str]]] | None = None) -> bool:
    """Whether a word names a thing (a noun or a foreign word), so that the report lacking it matters.

    Args:
        word: one question term.
        tag: a part-of-speech tagger (jieba's); jieba's default one when None.

    Returns:
        True for nouns and Latin words; False for pronouns, numerals, verbs and particles.
    """
    if re.fullmatch(r"[a-z][a-z\-]*|[a-z][\u4e00-\u9fff]{1,3}", word):  # (a letter-marked thing: B证, A类)
        return True
    if tag is None:
        import jieba.posseg as pseg

        tag = lambda text: [(p.word, p.flag) for p in pseg.lcut(text)]
    return any(flag.startswith(("n", "eng")) and len(w) > 1 for w, flag in tag(word))


_KIND = re.compile(r"(?:哪|什么|何)(?:[一几两二三四五六七八九十]|\d+)?[个部所家位种条项类些几名门本届次场批期座支]?(?:样的|的)?(?=([\u4e00-\u9fff]{2,}))")
_MEASURE = MEASURE_WORDS.replace("种", "") + "余多"


def answer_kind_words(question: str, cut: Callable[[str], list[str]] | None = None) -> frozenset[str]:
    """Nouns a question uses to say what kind of thing the answer is: 法律 in "落实哪部法律",
    老师 in "哪位老师". The report names the thing itself, so these words need not be in it.

    Args:
        question: the question.
        cut: a word segmenter; the first two characters after the question word are taken when None.

    Returns:
        The kind words (lowercased).
    """
    out = set()
    for m in _KIND.finditer(question):
        run = re.split(r"什么|哪|[？?，,。；;！!]", m.group(1))[0]  # "什么比赛的什么名次": each asks its own kind
        for segment in re.split(r"或|及|、|与", run):  # "哪些人或机构": 人 or 机构
            words = [w.strip().lower() for w in (cut(segment) if cut else [segment[:2]]) if w.strip()]
            if words and len(words[0]) >= 2:
                out.add(words[0])
            if "的" in words[:3] and words.index("的") + 1 < len(words):
                after = words[words.index("的") + 1]  # "什么国家级的牌子": the thing is 牌子, 国家级 says which
                if len(after) >= 2:
                    out.add(after)
    out.update(k for m in _KIND_CHAR.finditer(question) if (k := m.group(1) or m.group(2)) not in _NOT_A_KIND)
    # "那本书名叫什么", "书名分别是什么", "以哪位老师命名的": the name is what is given, not the word for it
    out.update(next(g for g in m.groups() if g) for m in _NAMED_AS.finditer(question))
    return frozenset(out)


_NAMED_AS = re.compile(r"([\u4e00-\u9fff]{2})(?:叫什么|叫啥|是什么名字)|([\u4e00-\u9fff]名[称字]?)(?:分别|各自|都)?(?:是什么|是啥)|"
                       r"以(?:哪|什么)[^，,。？?]{0,6}(命名|冠名)")


# "考什么证", "拿了什么奖": one character that ends the question names the kind of answer
# ("最后是哪个班拿了冠军": one character, then what it did)
_KIND_CHAR = re.compile(r"(?:什么|哪)一?[个种类项]?([\u4e00-\u9fff])(?=[？?，,。！!吗呢]|$)|"
                        r"哪一?个([\u4e00-\u9fff])(?=拿|获|得了|赢|夺)")
_NOT_A_KIND = set(MEASURE_WORDS + "样些天里边儿的类年月" + "增减升降涨跌多少高低大小")  # "哪个增": which way, not a kind
# how a report names a thing of such a kind without the character: a prize is also a place or a medal
_COMPANY = re.compile(r"[\u4e00-\u9fff]{2,}(?:公司|集团|企业|厂)")
# (a school by its name, not "不断提升学校德育工作": the word before 学校 is no verb or particle)
_SCHOOL = re.compile(r"[\u4e00-\u9fff]{2,}(?<![升进到在的了和与对向全本该各每所个])(?:学校|学院|大学|中学|高中|职校)")
_KIND_MARKS = {"奖": re.compile(r"奖|第[一二三四五六七八九十\d]+名|冠军|亚军|季军|金牌|银牌|铜牌"),
               # "跟哪家企业合作", "哪所高职": the answer is an organisation's name
               "企业": _COMPANY, "公司": _COMPANY, "学校": _SCHOOL, "大学": _SCHOOL, "院校": _SCHOOL,
               "学院": _SCHOOL, "高职": _SCHOOL, "高校": _SCHOOL,
               "医院": re.compile(r"[\u4e00-\u9fff]{2,}(?:医院|卫生院)"),
               # "哪家出版社出的": a publisher by its name (…出版社), not the book it published
               "出版社": re.compile(r"[\u4e00-\u9fff]{2,}出版社"),
               # "哪家施工单位中标": an organisation by its name (…公司, …集团, …局), not the word 单位
               "单位": re.compile(r"[\u4e00-\u9fff]{2,}(?:公司|集团|企业|厂|局|医院|研究院|设计院|协会|委员会)"),
               # "哪个年级的": a cohort (22级) or a year of study
               "年级": re.compile(r"(?<!\d)\d{2}\s*级|[一二三1-3]\s*年级|高[一二三]"),
               # "跟哪些部门联合开的": a body by its name's ending (…农业农村局, 教务处, 教育部办公厅)
               # (not a verb that starts with one: 合作办学, 处理, 部署, 科研)
               "部门": re.compile(r"[\u4e00-\u9fff]{2,}(?:局|厅|部(?![署分])|委(?![托派])|办公室|办(?![学法理好事班成出])"
                                r"|处(?![理于置])|科(?![研技学普])|室|中心|委员会)"),
               # "教什么科目的": a subject taught, by its name (语文, 思政课)
               "科目": re.compile(r"语文|数学|英语|物理|化学|生物|政治|思政|历史|地理|体育|美术|音乐|信息技术|"
                                r"[\u4e00-\u9fff]{2,}(?:课程|课)(?!题)"),
               # "在哪个城市办的": the answer names a place
               # (not the word 城市 itself: "全国文明城市创建" names no city)
               "城市": re.compile(r"[\u4e00-\u9fff]{2,}(?:(?<!城)市|县|区)(?![\u4e00-\u9fff]{0,2}级)|北京|上海|天津|重庆")}


def only_counted(noun: str, text: str, gap: int = 10, after: bool = True) -> bool:
    """Whether a text says a thing only as a number of it ("1门省级主题研学课程", "申请国家专利一项",
    "15个教研组为执行层"), with no name quoted beside it or listed before the count ("化工机械与设备、化学工艺、
    数控技术应用3个专业"): it tells that there are some, not which or what they are called.

    Args:
        noun: the thing asked about (专利, 课, 教研组).
        text: the place's quote.
        gap: how many characters may stand between the count and the noun (1门省级主题研学课程: 6).
        after: whether a count after the noun, ending its item, counts it too ("申请国家专利一项").
    """
    count = rf"(?<![第\d])[\d一两二三四五六七八九十]+\s*[{MEASURE_WORDS}套款]"  # (not 第三届)
    # each item of a list in each clause (split_clauses: a comma inside quotes ends none); a quoted name that holds
    # the word, “成果专利化”, is not the thing
    items = [i for c in split_clauses(text) for i in c.rstrip("，；;,：:").split("、")
             if noun in re.sub(r"“[^”]*”|《[^》]*》", "", i)]
    told = rf"^\s*(?:目前|现有|共有|已有|共|有|以及|及|和){{0,2}}{count}\s*[^“”《》]{{0,{gap}}}?{re.escape(noun)}"
    return bool(items) and all(not re.search(r"[“《]", i) and (re.search(told, i) or after and re.search(
        rf"{re.escape(noun)}\s*{count}\s*$", i)) for i in items)


def _numeral_value(word: str) -> int:
    """The number a numbered name starts with: 九抓 -> 9, 十二项 -> 12, 双全两自 -> 2, 1234 -> 4 (one per digit)."""
    if word.isdigit():
        return len(word)
    m = re.search(r"[一二两双三四五六七八九十]+", word)
    if not m:
        return 0
    s = m.group()
    digit = {**_CN_DIGITS, "双": 2}
    if s[0] == "十":
        return 10 + (digit.get(s[1], 0) if len(s) > 1 and s[1] != "十" else 0)
    if len(s) > 1 and s[1] == "十":
        return digit[s[0]] * 10 + (digit.get(s[2], 0) if len(s) > 2 else 0)
    return digit[s[0]]


def spells_out(name: str, report: str) -> bool | None:
    """Whether a report says what a numbered name stands for ("九抓", "五项工程", "1234"): somewhere it writes the
    name with its parts listed right after it (“六维融合”的学制架构：三年制…), right before it (“文化、课程、载体、
    活动”四维融合, 足迹馆和践行馆的“两馆”) or one by one in the sentences that follow (实施“筑巢引凤”工程…). None when
    the report never writes the name, so cannot tell."""
    name = re.sub(r"\s+", "", name.lower())
    n = _numeral_value(name)
    digits = re.search(r"\d+|[一二两双三四五六七八九十]+", name)
    # what each part is called after the number (五项工程 -> 工程, 九抓 -> 抓); none for a name of bare digits
    head = "" if name.isdigit() or not digits else re.sub(rf"^[{MEASURE_WORDS}]", "", name[digits.end():])
    text = re.sub(r"\s+", "", report.lower())
    seen = False
    for m in re.finditer(re.escape(name), text):
        seen = True
        after = text[m.end():m.end() + 400]
        if re.match(r"”?[^。；;]{0,10}?(?:[：:—]|即|包括|分别|是指|指的是|就是)", after):
            return True
        before = re.split(r"[，,。；;！!？?]", text[max(0, m.start() - 40):m.start()])[-1]
        if len(re.split(r"[、和与及]", re.sub(r"[“”]|(?:的|之|等)?“?$", "", before))) >= n:
            return True
        # each part named in quotes before the word of the name (“筑巢引凤”工程), each in a paragraph of its own;
        # "八个一": each part is 一 and a measure (一次职业实践体验)
        told = len(re.findall(rf"一[{MEASURE_WORDS}]", after)) if head == "一" else \
            text[m.end():m.end() + 1200].count("”" + head)
        if head and told >= n:
            return True
    return False if seen else None


def _names_fewer_than_it_counts(text: str) -> bool:
    """Whether a text names some of a group and counts the whole ("与A、B、C、D、E等7所优质高职院校"): the others
    are not named anywhere in it."""
    for m in re.finditer(r"((?:[\u4e00-\u9fff]{2,}、)+[\u4e00-\u9fff]{2,})等\s*(\d+)\s*[" + MEASURE_WORDS + "]", text):
        if len(m.group(1).split("、")) < int(m.group(2)):
            return True
    return False


def kind_mark(kind: str) -> re.Pattern | None:
    """How a report names a thing of a kind, when it need not say the kind word: an organisation by its
    name's ending ("哪些高职院校": …职业技术学院), a prize by its grade; None for other kinds."""
    mark = _KIND_MARKS.get(kind)
    if mark is None and len(kind) > 2:
        ending = next((k for k in ("学校", "学院", "院校", "大学", "高校", "企业", "公司", "单位") if kind.endswith(k)), "")
        mark = _KIND_MARKS.get(ending)
    return mark


def names_kind(text: str, kind: str) -> bool:
    """Whether a text names a thing of the kind asked for: a one-character kind ("什么证": 证书; "什么奖": 一等奖,
    第一名) or an organisation ("哪家企业": …有限公司; "哪所高职": …职业技术学院)."""
    mark = kind_mark(kind)
    return bool(mark.search(text)) if mark else kind in text


def _counted_particle(word: str, question: str) -> bool:
    """A measure word the segmenter glued to what follows a number ("261项里" -> 项里): not a subject."""
    return len(word) == 2 and word[0] in _MEASURE and bool(re.search(rf"\d\s*{re.escape(word)}", question))


def _locative(word: str) -> bool:
    """A character split off a word plus a place particle ("专业群里" -> 群里): not a subject."""
    return len(word) == 2 and word[1] in "里内中上下外"


def _does_what_is_counted(word: str, question: str, weights: TermWeights) -> bool:
    """A word right after the thing a question counts ("多少支队伍|参赛", "几名学生|获奖"): what the
    counted things do, not what is asked about; the report says it in its own words (参加…大赛)."""
    if "多少" not in question and "几" not in question:
        return False
    before = rf"(?:多少|几)\s*[{_MEASURE}]?\s*([\u4e00-\u9fff]{{2,4}}?)\s*(?:都|又|也|还|一起|一共|共)?{re.escape(word)}"
    return any(weights.known(m.group(1).lower()) for m in re.finditer(before, question))


# "几个视频", "多少支队伍": the words after a count name what is counted
_COUNT_OF = re.compile(rf"(?:多少|几)\s*(?:人次|[{_MEASURE}])?\s*([\u4e00-\u9fff]{{2,6}})")


def _counts_thing(sentence: str, thing: str) -> bool:
    """Whether a sentence gives a count of a thing: a figure right before or after its name
    ("视频6个", "42个队伍")."""
    word = re.escape(thing)
    return bool(re.search(rf"\d\s*(?:余|多)?\s*[{_MEASURE}]?\s*{word}|{word}\s*(?:共|达|为)?\s*\d", sentence))


# kinds of people a report counts: a count of one kind is no answer to how many of another there are
_PEOPLE_KINDS = {"teacher": "老师|教师|教职工|班主任|导师|讲师|师资",
                 "student": "学生|同学|学员|新生|毕业生|在校生|学子|孩子",
                 "visitor": "访客|家长|游客|来宾|市民|村民|居民|群众|服刑人员|农民|职工"}
_PEOPLE_ASKED = re.compile(r"(?<![哪好])(?:几|多少)\s*(?:个|名|位)?\s*[\u4e00-\u9fff]{0,3}?(" +
                           "|".join(_PEOPLE_KINDS.values()) + r")(?![\u4e00-\u9fff]{0,1}(?:食堂|宿舍|公寓|社|会|组织|工作|团队|代表|比|率|数))")
# "评出了几位校级名师": people counted by a title they were given; "1人获评正高级讲师": the title a count was given
_TITLED_ASKED = re.compile(r"(?:评|选)[^，,。？?]{0,4}(?:几|多少)\s*[位名个]\s*([\u4e00-\u9fff]{2,6}?)(?=[？?，,。]|$)")
_TITLE_GIVEN = re.compile(r"\s*(?:获评|被评为|评为|荣获|获得|获)\s*([\u4e00-\u9fff“”]{2,10})")
_PEOPLE_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(?:余|多)?\s*(?:万)?\s*(?:人次|人|名|位)")


def _people_kinds(text: str) -> set[str]:
    """The kinds of people a text names (师生: both teachers and students)."""
    kinds = {k for k, words in _PEOPLE_KINDS.items() if re.search(words, text)}
    return kinds | ({"teacher", "student"} if "师生" in text else set())


def counts_other_people(question: str, quote: str) -> bool:
    """Whether a question counts people of one kind ("有多少名党员教师") and every count of people in a place is of
    another kind, named beside it ("联系学生超千人次", "1000余名校外访客"), or of those given another title ("评出了
    几位校级名师" -> "1人获评正高级讲师"): the place does not count those asked."""
    titled = _TITLED_ASKED.search(question)
    figures = list(_PEOPLE_FIGURE.finditer(quote))
    if titled and figures and all(
            (t := _TITLE_GIVEN.match(quote, m.end())) and titled.group(1)[-2:] not in t.group(1) for m in figures):
        return True
    asked = _PEOPLE_ASKED.search(question)
    if not asked:
        return False
    kind = _people_kinds(asked.group(1))
    figures = list(_PEOPLE_FIGURE.finditer(quote))
    if not figures:
        return False
    for m in figures:
        # (the words right after a count name what it counts, "1000余名校外访客"; else those before, "联系学生超千人次")
        # (within the clause: "3000余人次，让广大师生…" counts no 师生)
        after = re.split(r"[，,。；;、：:（）()]", quote[m.end():m.end() + 6])[0]
        before = re.split(r"[，,。；;、：:（）()]", quote[max(0, m.start() - 8):m.start()])[-1]
        near = _people_kinds(after) or _people_kinds(before)
        if not near or near & kind:
            return False  # a count of no named kind, or of the kind asked
    return True


# "一共有几位", "现在全校有多少", "in total, not just the new ones": a standing total, not what was added
_TOTAL_ASKED = re.compile(r"一共|总共|加起来|现在(?:全校)?(?:一共)?有|目前(?:全校)?有|全校(?:一共|总共)?有|"
                          r"\bin total\b|\baltogether\b|\bnot just\b|\bnot only\b", re.I)
_ADDED_ASKED = re.compile(r"新增|新引进|新发展|新评|新招|增加|多了|新[\u4e00-\u9fff]{0,2}(?:的|了)|\bnew(?:ly)?\b", re.I)
_NOT_ONLY = re.compile(r"\bnot (?:just|only)\b", re.I)  # "in total, not just the newly hired": the new ones are not asked
_ADDED = re.compile(r"新增|新引进|新发展|新招|新评|新晋|增加|增添|获评")


def counts_only_what_was_added(question: str, quote: str) -> bool:
    """Whether a question asks a standing total ("现在全校一共有几位正高级讲师", "in total, not just the newly hired")
    and every figure of a place (shares and years aside) counts only what was added this year ("新增正高级讲师1人、
    高级讲师9人"): the place does not give the total."""
    if not _TOTAL_ASKED.search(question) or _ADDED_ASKED.search(question) and not _NOT_ONLY.search(question):
        return False
    clauses = [c for c in re.split(r"[，,。；;]", quote) if c]
    # ("几位正高级讲师": the clauses that count that, not "1人获浙江省教坛新秀称号" beside them)
    counted = re.search(r"(?:几|多少)\s*[" + MEASURE_WORDS + r"]?([\u4e00-\u9fff]{2,8}?)(?=[？?，,。]|$|吗|呢)", question)
    clauses = ([c for c in clauses if counted.group(1) in c] or clauses) if counted else clauses
    figures = [(c, m) for c in clauses for m in re.finditer(r"\d+(?:\.\d+)?", c)
               if not re.fullmatch(r"(?:19|20)\d\d", m.group()) and not c[m.end():m.end() + 1] == "%"]
    # ("新增正高级讲师1人、高级讲师9人": the word before the list counts every figure of its clause; "1人获评…":
    # the word after a figure that starts its clause)
    return bool(figures) and all(_ADDED.search(c[:m.start()]) or not c[:m.start()].strip() and _ADDED.match(
        c[m.end():].lstrip("人名位个项").lstrip()) for c, m in figures)


# "衢州和孔子的关系": two things named, and how they stand to each other
_RELATIONS = ("关系", "联系", "渊源", "区别", "差别", "差异")
_BETWEEN = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:和|与|跟|同)([\u4e00-\u9fff]{2,8}?)(?:之间)?(?:有)?(?:的|有什么|有何)?(?:关系|联系|渊源|区别|差别|差异)")
# "第一届", "第17名": an occasion or a place by its number
_ORDINAL = re.compile(r"第\s*(\d+|[一二两三四五六七八九十]+)\s*([届期批名轮])")


def _ordinal_value(number: str) -> int:
    """The value of a number written in digits or in Chinese up to 99 ("十七" -> 17); 0 when unreadable."""
    if number.isdigit():
        return int(number)
    if "十" in number:
        tens, _, ones = number.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0) if all(
            c in _CN_DIGITS for c in tens + ones) else 0
    return _CN_DIGITS.get(number, 0) if len(number) == 1 else 0


def _count_of_known(word: str, weights: TermWeights) -> bool:
    """"学时数" for a report that says 学时, or "门数" (a measure word and 数): the number of a known
    thing, not a new concept; "总户数" is the total of them."""
    if len(word) > 2 and word[0] == "总":
        word = word[1:]
    if len(word) == 2 and word[1] == "数" and word[0] in _MEASURE:
        return True
    return len(word) > 2 and word.endswith(("数", "数量")) and weights.known(re.sub(r"数量?$", "", word))


# a span of time in Chinese numerals ("五年", "三个月"), not part of a longer number or a name ("十四五");
# 一年 and 两年 are left alone: "这两年各是多少" asks for both years, "一年来" means the past year
_CN_SPAN = re.compile(r"(?<![一二两三四五六七八九十百千万第哪几])([三四五六七八九十][一二三四五六七八九十]{0,2})"
                      r"(年|个月|天|周|小时|学时)制?(?!级)")


def _asked_last(phrase: str, question: str) -> bool:
    """Whether a question ends with a phrase, but for punctuation and a closing particle: "学校有多少学生？", not
    "全校有多少学生享受助学金？" (a synonym list's phrase marked with a closing ``$``)."""
    return re.search(re.escape(phrase) + r"[呢吗啊呀]?[？?。！!\s]*$", question) is not None


def synonym_pairs(question: str) -> list[tuple[str, str]]:
    """(report term, the everyday or English word that called for it) for the question.

    Args:
        question: the question.

    Returns:
        Pairs in file order; the report term is not already in the question.
    """
    pairs = [(group[0], w.rstrip("$")) for group in _synonym_groups() if group[0] not in question
             for w in group[1:] if (_asked_last(w[:-1], question) if w.endswith("$") else w in question)]
    # "五年里" for a report that writes "每5年": a span of time in Chinese numerals, in digits
    pairs += [(f"{value}{unit}", m.group()) for m in _CN_SPAN.finditer(question)
              if (value := _ordinal_value(m.group(1))) and (unit := m.group(2))]
    if re.search(r"[A-Za-z]", question):
        low = re.sub(r"[‐‑‒–—―]", "-", question.lower())
        found = [(term, m) for term, pattern in _glossary_patterns() for m in pattern.finditer(low)]
        # ("senior professional titles (高级专业技术职务…)": a phrase the person glossed with the report's own term
        # stands for that term, not for another the glossary gives it)
        glossed = {m.span() for term, m in found if term in question}
        pairs += [(term, m.group()) for term, m in found if term not in question and m.span() not in glossed]
    return list(dict.fromkeys(pairs))


@lru_cache(maxsize=1)
def _glossary_patterns() -> list[tuple[str, re.Pattern]]:
    """One compiled pattern per glossary term, matching any of its phrases as whole words (longest first), a
    phrase of several words in the plural too ("homeroom teachers"; not "terms" for "term", which says another)."""
    return [(term, re.compile(r"(?<![a-z])(?:" + "|".join(
        re.escape(p) + (r"(?:e?s)?" if " " in p else "") for p in sorted(phrases, key=len, reverse=True))
        + r")(?![a-z])")) for term, phrases in _glossary_en() if phrases]


# "how many computers are there…": the thing counted, up to the verb or preposition after it
_HOW_MANY_WHAT = re.compile(r"\bhow many\s+((?:[a-z][a-z'-]*\s+){0,2}?[a-z][a-z'-]*)(?=\s+(?:are|is|do|does|did|were|was|have|has|"
                            r"had|will|can|could|would|in|of|at|on|for|per|from|did|there|a|the|to|does|over|this|that|"
                            r"last|each|every|took|take|got|get|won|win|joined|attend)\b|\s*[?.,!]|$)", re.I)
# what many things are counted as, whatever they are
_COUNT_NOUNS = {"people", "persons", "person", "times", "years", "days", "hours", "weeks", "months", "items", "kinds",
                "types", "ones", "more", "of", "in", "total", "altogether", "each", "places", "entries", "members",
                "those", "them", "these", "they", "it"}


def _unglossed_count(question: str) -> str:
    """What an English "how many …" question counts, when the glossary knows no word of it ("computers",
    "english lessons"): the report, in Chinese, cannot be found to count it. "" otherwise."""
    m = _HOW_MANY_WHAT.search(question)
    if not m or re.search(r"[\u4e00-\u9fff]", question):
        return ""  # (a question that names the report's own terms is matched by them)
    thing = m.group(1).lower()
    if thing.split()[-1] in _COUNT_NOUNS or any(p.search(thing) for _, p in _glossary_patterns()):
        return ""
    return thing


# "Does the school have a swimming pool?", "Is there a school doctor?": whether a thing exists, by its English name
_HAS_WHAT_EN = re.compile(r"^\s*(?:(?:does|do|did|has|have)\s+(?:(?:the school|this school|the college|it|they)\s+)?"
                          r"(?:have|has|offer|employ|run|provide|own|operate|hire|keep)|(?:is|are) there)\s+"
                          r"(?:a|an|any|some|its own|their own)?\s*([a-z][a-z -]{2,40}?)\s*(?:\?|$|,|\b(?:for|in|on|at|with|to)\b)",
                          re.I)


def _unglossed_thing(question: str) -> str:
    """What an English "does the school have …" question asks exists, when it names no term of the report and the
    glossary knows no word of it ("a swimming pool", "full-time school psychologists"). "" otherwise."""
    m = _HAS_WHAT_EN.search(question)
    if not m or re.search(r"[\u4e00-\u9fff]", question):
        return ""
    thing = m.group(1).lower().strip()
    words = [w for w in re.split(r"[\s-]+", thing) if w]
    # (a word the glossary knows, full-time, may only qualify the thing: the thing is the last word)
    head = words[-1] if words else ""
    if not head or any(p.search(head) or (m := p.search(thing)) and m.end() >= len(thing) - 1
                       for _, p in _glossary_patterns()):
        return ""
    return thing


def expand_synonyms(question: str) -> str:
    """Append the report's own words for everyday (or English) words found in the question.

    Args:
        question: the question.

    Returns:
        The question with report terms appended (the original text comes first).
    """
    extra = list(dict.fromkeys(term for term, _ in synonym_pairs(question)))
    return question + (" " + " ".join(extra) if extra else "")


def group_alternatives(qterms: list, pairs: list[tuple[str, str]]) -> list:
    """Merge each report term with the question words it stands for, so either counts once.

    Longer everyday phrases go first and take their words along ("平均到每个学生" -> 生均 takes
    平均, 每个, 学生); a shorter phrase inside one already taken ("学生" -> 在校生) was a false trigger.

    Args:
        qterms: terms of the question plus the report terms of ``pairs``.
        pairs: from ``synonym_pairs``.

    Returns:
        Terms where such pairs became tuples of alternatives.
    """
    out = list(qterms)
    taken: list[str] = []
    for term, word in sorted(pairs, key=lambda p: -len(p[1])):
        if term not in out:
            continue
        if any(word in longer for longer in taken):
            out.remove(term)
            continue
        if any(isinstance(t, str) and word in t and word != t and t != term for t in out):
            out.remove(term)  # the word is part of a longer term the report uses (学生 in 学生体质测评合格率)
            continue
        partners = [t for t in out if isinstance(t, str) and t != term and t in word]
        if not partners:
            continue
        taken.append(word)
        out[out.index(partners[0])] = (word.lower(), term)  # the everyday phrase itself, or the report's term
        for t in partners[1:] + [term]:
            out.remove(t)
    return _merge_same_trigger(out, pairs)


def _merge_same_trigger(out: list, pairs: list[tuple[str, str]]) -> list:
    """Report terms called for by one word the question lost (一共 -> 合计, 共计) are one alternative."""
    by_word: dict[str, list[str]] = {}
    for term, word in pairs:
        if term in out:
            by_word.setdefault(word, []).append(term)
    for terms_ in by_word.values():
        if len(terms_) > 1 and all(t in out for t in terms_):
            out[out.index(terms_[0])] = tuple(terms_)
            for t in terms_[1:]:
                out.remove(t)
    return out


# ---------------------------------------------------------------- evidence
@dataclass
class Evidence:
    """A candidate quote: one sentence of a text chunk, a caption, or one table row."""

    chunk: Chunk
    quote: str
    score: float
    rank: int
    coverage: float = 0.0

    @property
    def is_row(self) -> bool:
        return self.chunk.kind == "row"


@dataclass
class RowMatcher:
    """Matches questions to table rows by meaning: label embeddings plus lexical overlap.

    Built once per loaded index from the row chunks; the label vectors come from the
    same multilingual embedder as retrieval, so English questions reach Chinese labels.
    """

    rows: list[Chunk]
    vectors: np.ndarray | None = None
    weights: TermWeights | None = None
    cut: Callable[[str], list[str]] | None = None
    label_cut: Callable[[str], list[str]] | None = None
    _prepared: list | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, rows: list[Chunk], embedder=None, weights: TermWeights | None = None,
              cut: Callable[[str], list[str]] | None = None,
              label_cut: Callable[[str], list[str]] | None = None) -> "RowMatcher":
        """Embed each row's label (with parent, unit and table title).

        Args:
            rows: row chunks.
            embedder: an Embedder, or None for lexical matching only.
            weights: term weights for lexical matching.
            cut: the word segmenter used for questions.
            label_cut: the segmenter for labels (finest words, so long labels match part by part).

        Returns:
            The matcher.
        """
        vectors = None
        if embedder is not None and rows:
            vectors = np.asarray(embedder.embed_documents([_label_text(r) for r in rows]), dtype=np.float32)
        return cls(rows=rows, vectors=vectors, weights=weights, cut=cut, label_cut=label_cut)

    def match(self, question: str, query_vec: np.ndarray | None, top: int = 5,
              qterms: list[str] | None = None) -> list[tuple[Chunk, float]]:
        """Rank rows for a question.

        Args:
            question: the question (synonyms expanded).
            query_vec: its embedding, or None.
            top: how many to return.
            qterms: the question's terms (computed when None).

        Returns:
            (row chunk, score in 0..1) pairs, best first.
        """
        if not self.rows:
            return []
        qterms = qterms if qterms is not None else query_terms(question, self.cut)
        weigh = self.weights.weight if self.weights else (lambda t: 1.0)
        qweights = [weigh(t) for t in qterms]
        # what the question is about, without its question words (学校, 多少) that labels may share
        about = " ".join(t if isinstance(t, str) else " ".join(t) for t in qterms) or question.lower()
        lexical = np.array([_f_measure(about, qterms, qweights, label) for label in self._labels()], dtype=np.float32)
        dense = np.zeros_like(lexical)
        if self.vectors is not None and query_vec is not None:
            dense = np.clip(self.vectors @ np.asarray(query_vec, dtype=np.float32), 0, 1)
        score = np.maximum(lexical, 0.8 * lexical + 0.3 * dense)
        order = np.argsort(-score)[:top]
        return [(self.rows[i], float(score[i])) for i in order]

    def prepare(self) -> "RowMatcher":
        """Segment and weigh every label now (at load) rather than on the first question.

        Returns:
            self.
        """
        self._labels()
        return self

    def _labels(self) -> list["_Label"]:
        # Labels never change: segmenting ~180 of them on every question was most of a warm answer.
        if self._prepared is None:
            self._prepared = [self._label(row) for row in self.rows]
        return self._prepared

    def _label(self, row: Chunk) -> "_Label":
        label = re.sub(r"^其中[:：]", "", row.meta.get("label", ""))
        if TOTAL_LABEL.match(label):
            label = f"{row.title} {label}"  # a total row is the total of its table
        cut = self.label_cut or terms
        own = [t for t in dict.fromkeys(cut(label)) if len(t) > 1 or t.isdigit()] or [label]
        level = _LEVEL_PRIZE.match(label)
        if level:  # "市一等奖" is a 市级 prize: the level is one character the segmenter would drop
            own.append(("国家" if level.group(1) == "国家" else level.group(1)) + "级")
        # a sub-row is what it is within its parent, which qualifies it at half weight
        parent = [t for t in dict.fromkeys(cut(row.meta.get("parent", ""))) if (len(t) > 1 or t.isdigit()) and t not in own]
        weigh = self.weights.weight if self.weights else (lambda t: 1.0)
        words = own + parent
        weights = [weigh(t) for t in own] + [0.5 * weigh(t) for t in parent]
        record = not any(k.startswith("y") for k in row.meta)  # a list table: its cells are what it says
        return _Label(words, weights, sum(weights), _label_text(row).lower() + " " + row.text.lower(), record)


_LEVEL_PRIZE = re.compile(r"^(国家|省|市|县|区|校)(?:特等|一等|二等|三等|金|银|铜|优秀|优胜)奖")


@dataclass(frozen=True)
class _Label:
    """A row label's words and IDF weights, and the lowercased text question words are looked up in."""

    words: list[str]
    weights: list[float]
    total: float
    context: str
    record: bool = False


def _f_measure(about: str, qterms: list, qweights: list[float], label: _Label) -> float:
    """F-measure of label words found in the question and question words found in the row's label."""
    precision = sum(w for t, w in zip(label.words, label.weights) if t in about) / label.total if label.total else 0.0
    qtotal = sum(qweights)
    recall = sum(w for t, w in zip(qterms, qweights) if contains(label.context, t)) / qtotal if qtotal else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # an entry of a list table is found by the names in its cells (a school, a 专业群), not its label alone
    return max(f, 0.8 * recall) if label.record else f


def _numbered(row: Chunk, numbers: list[str]) -> bool:
    """Whether a list table's entry carries one of the numbers as its running number (a cell of its own)."""
    cells = [c.strip() for c in row.text.split(" · ")]
    return any(c == n or re.fullmatch(rf"(?:序号|编号)\s*{n}", c) for c in cells for n in numbers)


def _listed_kind(question: str) -> str:
    """The character that ends the name of what a list question asks for ("专题教育周，一共有哪些" -> 周), when it
    could end the names of the things listed (not a measure word, 们 or 校 of 学校); else ""."""
    m = _LIST_OF.search(question)
    if not m or m.group(2) in _NOT_A_KIND or m.group(2) in "们校人" or m.group(1) + m.group(2) in _GENERIC_HEADS:
        return ""
    return m.group(2)


def _lists_kind(text: str, kind: str) -> bool:
    """Whether a text lists two or more things whose names end in a kind's character (…周、…周)."""
    return sum(item.strip().endswith(kind) for item in re.split(r"[、，,；;]", text)) >= 2


# "X有哪些", "X一共有哪几个", "X都包括什么": what ends X names the kind of the things listed
_LIST_OF = re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])[，,]?(?:一共|总共|都|具体|分别|主要)?(?:有|是|包括|包含|指)"
                      r"(?:哪些|哪几[个种项类]?|什么)")
# words for things of any kind ("…志愿服务活动有哪些"): the things listed need not end in them
_GENERIC_HEADS = frozenset("活动 项目 工作 内容 方面 措施 举措 形式 情况 东西 事情 问题 成果 特色 亮点 做法 经验 任务 荣誉 成绩".split())


def figure_asked_about(question: str, years: Iterable[str] = ()) -> tuple[str, str]:
    """The one figure a question asks the meaning of ("13152，它是什么指标", "哪个指标2025年是278", "What does
    94.4680 refer to", "“…36次”，是什么活动搞了36次"), with the measure word it is said with ("次"), or ("", ""):
    a figure of three or more digits, or with a decimal point, or of two digits said with a measure word; not a
    year the question or the report dates by."""
    found: dict[str, str] = {}
    for m in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)?)%?\s*([\u4e00-\u9fff]?)", question):
        figure, after = m.group(1), m.group(2)
        if after == "年" or figure in years:
            continue
        measure = after if after and after in _FIGURE_MEASURES else ""
        digits = len(re.sub(r"\D", "", figure))
        if digits >= 3 or "." in figure or digits == 2 and measure:
            found.setdefault(figure, measure)
    if len(found) != 1:
        return "", ""
    figure, measure = found.popitem()
    at = re.escape(figure)
    what = r"(?:又|到底|究竟|实际|实际上)?(?:是|指|代表|说的是|对应|表示)(?:的是|着|的)?(?:什么|啥|哪)(?!时|样|里|儿|年|天|原因|地方|单位)"
    # the figure itself is what is asked about: said right before the question, or pointed back at after a story
    # ("1981，我以为是年份。它实际指的是什么"); not "15个问题都是哪些方面", which asks about the problems
    asks = (rf"{at}%?\s*[\u4e00-\u9fff]?[”\"'’]?\s*(?:这个数字?|这个|那个数字?|那个)?{what}|"
            rf"{at}[^？?！!]{{0,30}}?[，,。；;]\s*(?:它|这个数字?|那个数字?|这个|那个|这|那)[^，,。？?]{{0,2}}?{what}|"
            rf"{at}%?[”\"'’]?[，,]\s*(?:对应|指|代表|表示|说)的?(?:是|着)?(?:什么|啥|哪)|"  # "“94.4680”，对应的是哪个指标"
            rf"(?:什么|啥|哪(?:个|一个?|些)?)[\u4e00-\u9fff]{{0,4}}(?:搞|办|开展|举办|组织|拿|有)了?{at}|"
            rf"哪(?:个|一个?|些)(?:指标|项|行|栏|数)[^。？?！!]{{0,24}}?(?:是|为|有|达到?)\s*{at}|"
            rf"\bwhat\b[^?]{{0,30}}\b{at}\b[^?]{{0,30}}\b(?:refer to|mean|stand for|measure|count)|"
            rf"\bwhich\s+(?:indicator|item|row|figure|measure)\b[^?]{{0,40}}\b{at}\b")
    return (figure, measure) if re.search(asks, question, re.I) else ("", "")


# what a figure is said with when the question asks what it counts ("36次", "916人", "第11名")
_FIGURE_MEASURES = MEASURE_WORDS + "名次人户项个"
# "表1里有一个指标2024年填8、2025年填36": a row known by its value in each year
_YEAR_VALUES = re.compile(r"(20\d\d)\s*年[^\d，,。？?、；;]{0,4}?(\d+(?:\.\d+)?)")
_WHICH_ROW = re.compile(r"哪(?:个|一个?)(?:指标|项|行)|什么指标|\bwhich (?:indicator|item|row)\b", re.I)


def _items(listed: str) -> list[str]:
    """The things a phrase lists ("辩论社和知行阅读社" -> 辩论社, 知行阅读社), each also by its name without whose
    it is ("学校自己的大器励志助学金" -> 大器励志助学金)."""
    said = [w.strip() for w in re.split(r"[和与及、]|\band\b", listed) if len(w.strip()) > 1]
    return said + [w.rsplit("的", 1)[1] for w in said if "的" in w and len(w.rsplit("的", 1)[1]) > 1]


# "“四联一进”又是一个什么机制": a quoted name asked what it is, and the kind of thing it is
_WHAT_IS_QUOTED = re.compile(r"[“\"]([^”\"]{2,12})[”\"](?:[，,]\s*)?[^，,。？?]{0,8}?是(?:一个|个|一种|种|一项|项)?什么([\u4e00-\u9fff]{1,3}?)[？?。]?$")


def _told_between(text: str, name: str, kind: str) -> int:
    """How many characters a text says between a name and the kind word after it ("“四联一进”党员网格化联系服务机制":
    10); -1 when it does not say both so."""
    m = re.search(re.escape(name) + r"[”\"]?([^，,。；;]{0,20}?)" + re.escape(kind), text)
    return len(m.group(1)) if m else -1


def _tells_of(text: str, listed: str) -> bool:
    """Whether a text names any of the things a phrase lists."""
    return any(w.lower() in text.lower() for w in _items(listed))


# what a verb may end with that says how its action ends ("培育出", "评上", "办完"), not what is done
_COMPLEMENTS = "出到了过完起上成"
# a word a segmenter cut with the question word before it ("哪些项目", "什么活动")
_QUESTION_LED = re.compile(r"哪|什么|多少|几(?!何)")


def _from_asking_clause(text: str) -> str:
    """The text from its first clause that asks on ("我家在化工园区边上，那个化工相关的群里包括哪几个专业" -> the clause
    that asks), or all of it when no clause asks."""
    clauses = re.split(r"[，,；;]", text)
    start = next((i for i, c in enumerate(clauses) if ASKS.search(c)), 0)
    return "".join(clauses[start:])


def _taken_labels(chosen: list["Evidence"]) -> str:
    """The labels of the rows already chosen, lowercased and joined, to test whether a word is said by one."""
    return " ".join(c.chunk.meta.get("label", "").lower() for c in chosen if c.is_row)


def _own_name(row: Chunk) -> str:
    """A row's own indicator name, without 其中： and its unit: "其中：专任教师总数（人）" -> "专任教师总数"."""
    return re.sub(r"^其中[:：]|[（(][^）)]*[）)]$", "", row.meta.get("label", "").lower()).strip()


def _names_row(question: str, row: Chunk, asks_count: bool = True) -> bool:
    """Whether a question says a row's name whole ("生师比"), or asks how many of it without the count word
    ("专任教师多少人" for 专任教师总数; with ``asks_count`` False, any mention of 专任教师 will do), so it
    asks for that very indicator."""
    core = _own_name(row)
    if len(core) < 3:
        return False
    low = question.lower()
    bare = re.sub(r"(?:总数|人数|数量|个数|数)$", "", core)
    if core in low:
        return True
    count = r"(?:一共|总共|共|有|是)*(?:多少|几)" if asks_count else ""
    if len(bare) == 3 and not asks_count:  # "思政课教师、美育课专任教师和班主任分别是多少": an item of a list of names
        return bool(re.search(rf"[、和及与][\s]*{re.escape(bare)}[\s]*(?:[、和及与，,]|分别|各)", low))
    return len(bare) >= 4 and bool(re.search(re.escape(bare) + count, low))


def _gives_figures(row: Chunk) -> bool:
    """Whether a row is an indicator's: figures by year, or, in a numbered statistics table without year
    columns, figures under headings ("表1-1 … 省三等奖 · 教师获奖 6 · 学生获奖 41")."""
    if any(k.startswith("y") for k in row.meta):
        return True
    return bool(TABLE_REF.match(row.table)) and any(re.fullmatch(r"(?!序号|编号)\S+ \d+(?:\.\d+)?", cell.strip())
                                                    for cell in row.text.split(" · "))


def _label_text(row: Chunk) -> str:
    meta = row.meta
    parts = [meta.get("parent", ""), meta.get("label", ""), meta.get("unit", ""), row.title]
    return " ".join(p for p in parts if p and p not in "—-")


def split_clauses(sentence: str) -> list[str]:
    """Cut a sentence into clauses at ，；：, boundaries (list commas 、 stay inside clauses).

    Args:
        sentence: one sentence.

    Returns:
        Clauses, each keeping its trailing delimiter (so a clause ending in ``：`` announces what follows).
    """
    parts = re.split(r"(?<=[，；;,])|(?<=[^\d][：:])", sentence.rstrip("。！？!?；;"))
    clauses: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if clauses and clauses[-1].count("“") > clauses[-1].count("”"):
            clauses[-1] += part  # a comma inside quotes (“统筹规划，突出重点”) does not end a clause
        else:
            clauses.append(part)
    return clauses


# "…两位同学凭借扎实的专业功底和出色的临场表现，双双斩获个人赛一等奖": a clause that tells only by what
# means; what was done follows in the next clause
_MEANS_ONLY = re.compile(r"(?:凭借|凭着|借助|依靠)[^，,；;。]*[，,]$")


def best_extract(sentence: str, qterms: list[str], weights: TermWeights, intent: Intent) -> str:
    """The shortest run of clauses in a sentence that answers the question.

    Args:
        sentence: the sentence.
        qterms: the question's terms.
        weights: term weights.
        intent: the question's intent.

    Returns:
        One or more consecutive clauses, as the sentence has them.
    """
    clauses = split_clauses(sentence)
    if shaped_items(sentence, intent.shape) >= 2:  # "那三句“之……”": from the first clause that says it to the last
        said = [k for k, c in enumerate(clauses) if intent.shape in c]
        return "".join(clauses[said[0]:said[-1] + 1]).rstrip("，,；;：:")
    stating = [k for k, c in enumerate(clauses) if intent.meant and any(same_value(n, intent.meant) for n in numbers_in(c))]
    if stating and stating[0] > 0:
        # "这个916指的是哪类学员": what a figure counts is told where the sentence begins ("持续推进农民中专学历教育，
        # …在读学员累计916人"), not only in the clause that states it
        told = "".join(clauses[:stating[0] + 1])
        return (told if len(told) <= _MEANING_MAX else f"{clauses[0]}……{clauses[stating[0]]}").rstrip("，,；;：:")
    if len(clauses) <= 1 or intent.listing and not intent.member:  # ("which group…": one group, not a list)
        return sentence.rstrip("。；;，,")
    if len(sentence) <= 60 and not intent.measures:
        if not intent.numeric:
            return sentence.rstrip("。；;，,")  # a short sentence is the answer to who/what, framing and all
        return _trim_framing(clauses, qterms, weights)
    windows = [(i, j) for i in range(len(clauses)) for j in range(i, min(i + 2, len(clauses)))]
    # "电子商务归在哪个省级优质专业群": the clause that names 电子商务 is read, and then the group it belongs to
    subject = member_subject(qterms, intent) or qterms
    lo, hi = max(windows, key=lambda w: weights.coverage(subject, "".join(clauses[w[0]:w[1] + 1]))
                 - 0.002 * len("".join(clauses[w[0]:w[1] + 1]))
                 - 0.5 * restates("".join(clauses[w[0]:w[1] + 1]), qterms)
                 + 0.3 * bool(intent.pivot and intent.pivot in "".join(clauses[w[0]:w[1] + 1]))
                 + 0.3 * _level_said("".join(clauses[w[0]:w[1] + 1]), intent.level)
                 # "一年办了多少场": the clause that counts them (累计达12场), not the one of "平均每月就有一场"
                 - 0.2 * _counts_one_only("".join(clauses[w[0]:w[1] + 1]), intent.measures))
    if intent.numeric and not numbers_in(clauses[lo]):
        if hi + 1 < len(clauses) and numbers_in(clauses[hi + 1]):
            hi += 1
        elif lo > 0 and numbers_in(clauses[lo - 1]):
            lo -= 1
    while hi + 1 < len(clauses) and (clauses[hi].endswith(("：", ":")) or len("".join(clauses[lo:hi + 1])) < 12
                                     or clauses[hi + 1].startswith(("其中", "较", "比", "占", "增", "同比", "排名"))
                                     or _MEANS_ONLY.search(clauses[hi])):
        hi += 1
    lo, hi, far = _reach_measures(clauses, lo, hi, intent, qterms)
    named = [k for k, c in enumerate(clauses) if any(w in c for w in intent.each)]
    if len({w for w in intent.each if any(w in clauses[k] for k in named)}) >= 2:
        lo, hi = min(lo, named[0]), max(hi, named[-1])  # "…四类各有几个": the clauses that give each one
    text = "".join(clauses[lo:hi + 1]).rstrip("，,；;：:")
    text += "".join(f"……{c.rstrip('，,；;：:')}" for c in far)
    low = sentence.lower()
    for term in qterms:  # "根据孔子“君子不器”思想，…，提出“器质教育”育人理念": each word asked, where the sentence says it
        forms = term if isinstance(term, tuple) else (term,)
        if len(text) < _MEANING_MAX and not any(f in text.lower() for f in forms) \
                and any(f in low for f in forms) and weights.idf(forms[0]) >= _RARE_TERM_IDF:
            text = _with_clause(text, clauses, lo, hi, lambda c: any(f in c.lower() for f in forms), nearest=True)
    if intent.kinds:  # "哪家公司": the clause that names the company, though it says little else asked about
        text = _with_clause(text, clauses, lo, hi, lambda c: any(w in c for w in intent.kinds))
    if intent.named:  # "What is the Chinese name of that team?": the clause that quotes a name (“中专故事讲解员”队伍)
        text = _with_clause(text, clauses, lo, hi, lambda c: bool(_QUOTED_NAME.search(c)), nearest=True)
    if intent.quoted:  # "还有个“一什么一什么”的活动": the clause that says it (一文一武活动)
        text = _with_clause(text, clauses, lo, hi, lambda c: _says_quote(c.lower(), intent.quoted[-1].lower()))
    if intent.kind in ("date", "month", "when", "clock", "often", "ordinal", "prize"):
        # "是哪一天": the clause with the date (2004年10月10日，…); "多久来一次": the one that says how often;
        # "什么时候来的": a year or month said ("入学考试" names an occasion, not when)
        said = (lambda c: bool(_DATED.search(c))) if intent.kind == "when" else (lambda c: has_kind(c, intent.kind))
        text = _with_clause(text, clauses, lo, hi, said)
    if intent.total:  # "加起来多少": the clause with the total (共计261项), not only the parts
        text = _with_clause(text, clauses, lo, hi, lambda c: bool(_TOTAL_WORDS.search(c) and numbers_in(c)))
    if intent.member:  # "…核心专业，整合…构建了风动机械绿色智造专业集群": the group, named after its members
        head = member_head(intent)
        # (not "明确建设了三大优质专业集群:" before the clause that names the member)
        own = max(range(lo, hi + 1), key=lambda k: weights.coverage(subject, clauses[k]))
        if head not in "".join(clauses[own:hi + 1]):
            text = _with_clause("".join(clauses[own:hi + 1]).rstrip("，,；;：:"), clauses, own, hi,
                                lambda c: head in c, nearest=True)
    return text


def _counts_one_only(text: str, measures: tuple[str, ...]) -> bool:
    """Whether the only count a text gives in the measure asked is 一 ("平均每月就有一场"): a rate, not a count."""
    for m in measures:
        alike = "|".join(map(re.escape, _MEASURE_ALIKE.get(m, (m,))))
        if re.search(rf"(?<![\d一二两三四五六七八九十百千万第])一\s*(?:{alike})", text) \
                and not re.search(rf"\d\s*(?:余|多)?\s*(?:万|亿)?(?:{alike})", text):
            return True
    return False


# the longest run of clauses quoted whole to tell what a figure in it counts
_MEANING_MAX = 100
# a question word this rare is one the reply shows where the sentence says it (about one chunk in twenty or fewer)
_RARE_TERM_IDF = 3.0
_DATED = re.compile(r"(?:19|20)\d\d\s*年|\d{1,2}\s*月|[上中下]旬|[年月](?:初|底|末)")
# the words that join what a person said into a reply ("其中辩论社、知行阅读社等…"), which add nothing to it
_JOINERS = set("其中等和及与的了在为是有共计达已并")
_ASKS_YES_NO = re.compile(r"是不是|是否|对吗|对不对|有没有|是真的|吗\s*[？?]|\b(?:is it|does it|did it|is there|are there)\b", re.I)
_TOTAL_WORDS = re.compile(r"共计|合计|总计|累计|总共|一共|共有|总数")


def _level_said(text: str, level: str) -> int:
    """1 when a clause names the level asked ("市里的二等奖": "市一等1项、二等奖3项"), -1 when it names only
    other levels ("获省二等奖1项"), else 0."""
    if not level:
        return 0
    named = levels_named(text)
    return 1 if level in named else -1 if named else 0


def _ranks_only_elsewhere(text: str, level: str) -> bool:
    """Whether every clause of a place that gives a rank names the field it ranks in, and none names the level
    asked ("在全市排第几" and "人数排名全省第11名")."""
    ranked = [c for c in split_clauses(text) if KIND_SHAPES["rank"].search(c)]
    return bool(ranked) and all(levels_named(c) and level not in levels_named(c) for c in ranked)


def _with_clause(text: str, clauses: list[str], lo: int, hi: int, wanted: Callable[[str], bool],
                 nearest: bool = False) -> str:
    """The extract with the sentence's first clause that ``wanted`` accepts, when the extract lacks one:
    joined with a comma where it is next to the window, else with an ellipsis. ``nearest``: the first such
    clause after the window, else the last before it."""
    if wanted(text):
        return text
    order = [*range(hi + 1, len(clauses)), *range(lo - 1, -1, -1)] if nearest else range(len(clauses))
    k = next((k for k in order if wanted(clauses[k])), None)
    if k is None or lo <= k <= hi:
        return text
    clause = clauses[k].rstrip("，,；;：:")
    if k < lo:
        return clause + ("，" if k == lo - 1 else "……") + text
    return text + ("，" if k == hi + 1 else "……") + clause


def _year_said(clause: str, years: tuple[str, ...]) -> int:
    """1 when a clause names a year asked ("今年…录了多少新生" and "2025级录取新生40人"), -1 when it names only
    other years ("2022级…35名学生"), else 0; a year compared with ("较2024年") is not the clause's own."""
    named = set(re.findall(r"(?<![\d较比于])(20\d\d)\s*(?:年|级|届)", clause))  # not "较2024年增加22人"
    if not years or not named:
        return 0
    return 1 if named & set(years) else -1


def _only_a_part_counted(clauses: list[str], measures: tuple[str, ...]) -> bool:
    """Whether every clause that gives a figure in a measure asked counts a part ("其中服装类…2727人")."""
    counting = [c for c in clauses if any(states_measure(c, m) for m in measures)]
    return bool(counting) and all(c.lstrip().startswith(("其中", "内含", "包括")) for c in counting)


def _reach_measures(clauses: list[str], lo: int, hi: int, intent: Intent, qterms: list = (),
                    reach: int = 2) -> tuple[int, int, list[str]]:
    """Widen a clause window to the clause that gives a figure in a measure the question asks for
    ("开了几期，来了多少人" wants both 6期 and 305人); among several, the one saying most of the
    question's words ("学生那边多少篇" -> "学生获奖72篇", not "班主任获奖38篇"). A clause beyond
    ``reach`` after the window is returned to be quoted after an ellipsis."""
    far: list[str] = []
    words = [w for t in qterms for w in (t if isinstance(t, tuple) else (t,)) if len(w) > 1]
    # (the word just before the count asked, "学生一共有多少篇", tells apart clauses that say as many words)
    said = lambda k: sum(w in clauses[k].lower() for w in words) + 0.5 * bool(intent.counted and intent.counted in clauses[k]) \
        + _year_said(clauses[k], intent.years)
    for asked in intent.measures:
        # the measure asked, or (when the sentence never uses it) any count: "几次微博热搜" -> "微博热搜2个"
        exact = any(states_measure(c, asked) for c in clauses)
        measure = asked if exact or asked in _MEASURE_ALIKE["人"] or asked in ("元", "钱", "万元") else "个"
        candidates = [k for k, c in enumerate(clauses) if states_measure(c, measure)]
        if not candidates:
            continue
        top = max(said(k) for k in candidates)
        wanted = [k for k in candidates if said(k) == top]
        if any(lo <= k <= hi for k in wanted) or (not top and states_measure("".join(far), measure)):
            continue
        k = min(wanted, key=lambda k: lo - k if k < lo else k - hi)
        if k < lo:
            lo = k
        elif k <= hi + reach:
            hi = k
        else:
            far.append(clauses[k])
    return lo, hi, far


def _trim_framing(clauses: list[str], qterms: list, weights: TermWeights) -> str:
    """A short sentence without the clauses at either end that state nothing asked about
    ("职教高考方面，" before the figures, a closing remark after them)."""
    def idle(clause: str) -> bool:
        return not numbers_in(clause) and weights.coverage(qterms, clause) == 0 and not clause.endswith(("：", ":"))

    lo, hi = 0, len(clauses) - 1
    while lo < hi and idle(clauses[lo]):
        lo += 1
    while hi > lo and idle(clauses[hi]) and not clauses[hi - 1].endswith(("：", ":")):
        hi -= 1  # what a colon announces is the answer, not framing
    return "".join(clauses[lo:hi + 1]).rstrip("。；;，,：:")


# ---------------------------------------------------------------- composer
@dataclass
class ExtractiveAnswerer:
    """Composes short cited answers from retrieved chunks, without an LLM.

    Attributes:
        weights: term weights from the report's chunks.
        rows: matcher over every table row in the index.
        report_years: the years the tables cover, oldest first.
        cut: the word segmenter (jieba with the report's terms).
        refuse_below: evidence score under which the question is refused (calibrated on the dev suite).
    """

    weights: TermWeights
    rows: RowMatcher
    report_years: tuple[str, ...] = ()
    cut: Callable[[str], list[str]] | None = None
    tag: Callable[[str], list[tuple[str, str]]] | None = None
    refuse_below: float = 0.4
    max_quotes: int = 2
    own_names: tuple[str, ...] = ()
    outline: list[Chunk] = field(default_factory=list)
    following: dict[str, Chunk] = field(default_factory=dict)
    in_dictionary: Callable[[str], bool] | None = None
    sections: dict[str, list[Chunk]] = field(default_factory=dict)
    embed: Callable[[list[str]], object] | None = None
    tables: list[Table] = field(default_factory=list)
    name: str = "extractive"
    _sentence_vectors: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _titles: dict[str, list[str]] | None = field(default=None, repr=False)
    _major_tables: list[Table] | None = field(default=None, repr=False)
    _all_text: str = field(default="", repr=False)
    _unknown: threading.local = field(default_factory=threading.local, repr=False)

    def compose(self, question: str, hits: list[Hit], query_vec: np.ndarray | None = None,
                lang: str | None = None) -> Answer:
        """Answer a (standalone) question from retrieved hits.

        Args:
            question: the question after follow-up rewriting.
            hits: retrieved chunks, best first.
            query_vec: the question's embedding (for row matching by meaning), or None.
            lang: the language to reply in (``zh``/``en``); detected from the question when None.

        Returns:
            An Answer with citations, or a refusal naming the nearest sections.
        """
        question = spell_out_elided(question)
        if not (_COVER_NAMED.search(question) or _REPORT_DATED.search(question)):  # the cover's school name and title match most questions
            hits = [h for h in hits if h.chunk.section != COVER]
        intent = parse_intent(question, self.report_years)
        if lang:
            intent = replace(intent, lang=lang)
        intent = replace(intent, sections=tuple(s for s in intent.sections if s in self.sections)
                         + self._sections_titled_in(question) + self._chapter_by_position(question))
        appendix = table_names_answer(question, self.tables, intent.lang)
        if appendix is not None:  # "报告后面附了几张表": the appended tables by number and title
            return enforce_grounding(appendix, [str(len(appendix.citations))])
        asked_of_table = table_asked(question, self.tables, expand_synonyms)
        if asked_of_table is not None:  # "表1-1里学生获奖最多的是哪一档": the table's rows compared
            answer = answer_table_ask(asked_of_table, intent.lang)
            if answer is not None:
                answer.question = question
                return enforce_grounding(answer, [])
        plain = _strip_table_refs(question, intent.sections)
        expanded = expand_synonyms(plain)
        qterms = self._terms(question, expanded, intent)
        meant = figure_asked_about(plain, self.report_years)
        stating = self._places_stating(question, intent, meant)
        if stating:  # "表3里有个13152，它是什么指标": the rows and sentences that state that figure
            return self._render(question, replace(intent, meant=meant[0]), qterms, stating)
        evidence = self._rank_evidence(expanded, qterms, intent, hits, query_vec)
        if evidence and intent.explicit_years and not self._years_covered(evidence[0], intent):
            # "2024年的专任教师是多少": the table row that has 2024 comes before a sentence about this year
            dated = next((e for e in evidence[1:4] if e.is_row and e.coverage >= self.refuse_below
                          and self._years_covered(e, intent)), None)
            if dated is not None:
                evidence = [dated] + [e for e in evidence if e is not dated]
        wanted = self._kinds_wanted()
        if wanted:  # "要成为什么样的学校": the best place that names such a thing (全国一流中职学校), if one is close
            evidence = self._first_that(evidence, lambda e: self._names_kinds(e, wanted), within=0.3)
            led = self._led_by(evidence[0], wanted) if evidence and not self._names_kinds(evidence[0], wanted) else None
            if led is not None:
                evidence = [led] + evidence[1:]
        # (people are counted in 人 without the word for them: "衢州地区录取30人")
        things = [t for t in getattr(self._unknown, "things", [])
                  if not _PEOPLE_COUNTED.fullmatch(f"多少{t}") and not t.endswith(("人", "员", "生", "师", "者"))]
        if things and intent.numeric and not intent.compare and not intent.listing and evidence \
                and not evidence[0].is_row:
            # "那轮活动推出了几个视频": the sentence that counts the 视频 ("推出视频6个"), before one that tells of the
            # activity by its rarer name and counts something else
            counts = lambda e: not e.is_row and any(_counts_thing(e.quote.lower(), t) for t in things)
            evidence = self._first_that(evidence, counts, within=0.3)
        if intent.measures and not intent.compare and evidence and not _gives_count(evidence[0], intent):
            # "每年至少派多少人下企业": a sentence about as close that counts what is asked, before one counting nothing
            evidence = self._first_that(evidence, lambda e: not e.is_row and _gives_count(e, intent), within=0.1)
        if _NAME_ASKED.search(question) and not _PERSON_NAMED.search(question) and evidence \
                and not evidence[0].is_row and not _QUOTED_NAME.search(evidence[0].quote):
            # "学校入选全省名单的实践中心叫什么名字": the list's entry for this school (…：29，旅游健康产教融合实践中心),
            # or a place that quotes a name, before a sentence as close that names none
            named = lambda e: _QUOTED_NAME.search(e.quote) or e.is_row and any(n in e.chunk.text for n in self.own_names)
            evidence = self._first_that(evidence, named, within=0.3)
        teacher = lambda e: any(m.group() not in question for m in _TEACHER_NAMED.finditer(e.quote))
        if _TEACHER_ASKED.search(question) and evidence and not teacher(evidence[0]) and not (self.tag and any(
                f.startswith("nr") and len(w) >= 2 and w not in question for w, f in self.tag(evidence[0].quote))):
            # "国家级的奖是哪位老师拿的": the caption that names a teacher (图1-6 朱亮亮老师获全国…一等奖), before a
            # sentence as close that names no one (not one that names a teacher plainly: 郑军名师工作室, 教师祝齐祁)
            evidence = self._first_that(evidence, teacher, within=0.3)
        defined = _WHAT_IS_QUOTED.search(question)
        if defined and evidence:
            # "“四联一进”又是一个什么机制": the place that says most of it (“四联一进”党员网格化联系服务机制), not one
            # that names it with the kind word only (“四联一进”工作机制)
            said = lambda e: _told_between(e.quote, defined.group(1), defined.group(2))
            longest = max(evidence[:5], key=said)
            if said(longest) > said(evidence[0]) + 2:
                evidence = self._first_that(evidence, lambda e: e is longest, within=0.3)
        if intent.kind_listed:  # "专题教育周有哪些": a place about as close that lists things of that kind (…周、…周)
            evidence = self._first_that(evidence, lambda e: not e.is_row and _lists_kind(e.quote, intent.kind_listed),
                                        within=0.2)
        if intent.excluded and wanted:
            # "除了浙江时代锂电，还跟哪些企业合作": a place about as close that names a company besides the one left out
            besides = lambda e: self._names_kinds(e, wanted, but=intent.excluded)
            evidence = self._first_that(evidence, besides, within=0.3)
            if evidence and besides(evidence[0]):  # (and the places that name only it are not listed with them)
                evidence = [e for e in evidence if besides(e) or not _tells_of(e.quote, intent.excluded)]
        elif intent.excluded and evidence:
            # "除了大器励志助学金以外，国家助学金有多少学生享受": a place found only by the words of what was left out
            # does not answer
            rest = lambda e: re.sub("|".join(map(re.escape, _items(intent.excluded))), " ", e.quote, flags=re.I)
            evidence = [e for e in evidence if e.is_row or not _tells_of(e.quote, intent.excluded)
                        or self.weights.coverage(qterms, rest(e)) >= self.refuse_below]
            # "除了媒体报道、接待访客，还开展了什么": a further place that tells of what was left out adds nothing asked
            evidence = evidence[:1] + [e for e in evidence[1:] if not _tells_of(e.quote, intent.excluded)]
        others = self._other_names(qterms)
        if others:  # "衢州理工学校的计算机专业群叫什么": the place that names that school, before one about this school
            evidence = self._first_that(evidence, lambda e: self._names_all(e, others))
        if not evidence or self._should_refuse(evidence, qterms, intent, hits):
            return self._refusal(question, intent, evidence, hits)
        answer = self._render(question, intent, qterms, self._choose(evidence, intent, qterms))
        if self.tells_back(answer.text, question):
            return self._refusal(question, intent, evidence, hits)
        quoted = getattr(self._unknown, "figures", [])
        if intent.numeric and not intent.compare and not _WHICH_OF.search(question) \
                and adds_no_figure(answer.text, quoted, intent.measures):  # ("那4个学科是哪几门": names answer it)
            return self._refusal(question, intent, evidence, hits)
        return answer

    def _places_stating(self, question: str, intent: Intent, meant: tuple[str, str]) -> list[Evidence]:
        """The table rows (of the table and year the question names, if it does) and sentences that state the one
        figure a question asks the meaning of ("表3里有个13152，它是什么指标", "哪个指标2025年是278", "what does
        94.4680 in 表3 refer to"); [] for other questions. ``meant`` is that figure and its measure word, from
        ``figure_asked_about``."""
        tables = {s for s in intent.sections if TABLE_REF.fullmatch(s)}
        by_year = dict(_YEAR_VALUES.findall(question)) if _WHICH_ROW.search(question) else {}
        if len(by_year) >= 2:  # "2024年填8、2025年填36，是哪个指标": the row with those values in those years
            return [Evidence(r, r.text, 1.0, 0, 1.0) for r in self.rows.rows if (not tables or r.table in tables)
                    and all(same_value(r.meta.get(f"y{y}", "") or "", v) for y, v in by_year.items())][:_MAX_LISTED]
        figure, measure = meant
        if not figure:
            return []
        years = set(intent.explicit_years)
        same = lambda text: any(same_value(n, figure) for n in numbers_in(text))
        # ("…36次": a row counting people or hours is not what the 36 counts)
        rows = [Evidence(r, r.text, 1.0, 0, 1.0) for r in self.rows.rows if (not tables or r.table in tables)
                and (not measure or measure in r.meta.get("unit", ""))
                and any(k.startswith("y") and (not years or k[1:] in years) and same(v) for k, v in r.meta.items())]
        stated = re.compile(rf"(?<![\d.]){re.escape(figure)}(?![\d.])\s*" + re.escape(measure)) if measure else None
        said = [] if tables else [
            Evidence(c, t, 0.9, 0, 1.0) for chunks in self.sections.values() for c in chunks if c.kind == "text"
            for t in _sentences(c) if (stated.search(t) if stated else same(t))]
        return (rows + list({e.quote: e for e in said}.values()))[:_MAX_LISTED]

    def _led_by(self, e: Evidence, kinds: list[str]) -> Evidence | None:
        """The place with the sentence before it in its paragraph, when that sentence names a thing of each kind
        asked and the place does not: "联合衢州市、柯城区农业农村局开展针对性培训。全年开设乡村咖啡师…培训班6期"
        answers "这些培训班是跟哪些部门联合开的"; None otherwise."""
        said = _sentences(e.chunk) if not e.is_row else []
        k = said.index(e.quote) if e.quote in said else -1
        if k <= 0 or not self._names_kinds(replace(e, quote=said[k - 1]), kinds):
            return None
        return replace(e, quote=said[k - 1] + e.quote)

    def _first_that(self, evidence: list[Evidence], ok: Callable[[Evidence], bool],
                    within: float | None = None) -> list[Evidence]:
        """The evidence with the first of the next five places that ``ok`` accepts moved to the front, when the
        best place is not one and that place could answer (and, with ``within``, scores at most that much less)."""
        if not evidence or ok(evidence[0]):
            return evidence
        first = next((e for e in evidence[1:6] if e.coverage >= self.refuse_below and ok(e)
                      and (within is None or e.score >= evidence[0].score - within)), None)
        return evidence if first is None else [first] + [e for e in evidence if e is not first]

    def tells_back(self, text: str, question: str) -> bool:
        """Whether a reply says nothing the question did not ("报告说学术思辨类社团有6个，除了辩论社和知行阅读社，另外
        4个叫什么？" -> "其中辩论社、知行阅读社等学术思辨类社团6个"): every word and figure of it is the person's own.
        A question that asks whether something is so ("是不是…") is answered by saying it back."""
        if _ASKS_YES_NO.search(question):
            return False
        said = re.sub(r"【[^】]*】|\s", "", text).lower()
        asked = re.sub(r"\s", "", question).lower()
        if not said or not set(numbers_in(said)) <= set(numbers_in(asked)):
            return False
        left, i = 0, 0
        while i < len(said):  # take out the longest runs the question says too
            run = next((n for n in range(min(len(said) - i, len(asked)), 1, -1) if said[i:i + n] in asked), 0)
            left += 0 if run else bool(re.match(r"[\u4e00-\u9fff]", said[i])) and said[i] not in _JOINERS
            i += run or 1
        return left <= 1

    def _class_short_names(self, question: str) -> list[tuple[str, str]]:
        """(the report's short name for a class, the question's name for it): 建大 for 建筑大专班 and 计大 for
        计算机大专班, where the report names classes so ("23建大蒋烨锋等3名同学…"); [] otherwise."""
        out = []
        for m in re.finditer(r"大专班?", question):
            for k in (2, 3):  # (建筑, 计算机)
                major = question[max(0, m.start() - k):m.start()]
                short = major[:1] + "大"
                written = re.compile(rf"(?<!\d)\d{{2}}\s*{short}")
                if re.fullmatch(r"[\u4e00-\u9fff]{%d}" % k, major) and self.weights.df(short) \
                        and any(written.search(t) for t in self.weights.texts):
                    out.append((short, question[m.start() - k:m.end()]))
                    break
        return out

    def _major_short_names(self, question: str) -> list[tuple[str, str]]:
        """(a label of the report's table of majors, the question's shorter name for it): 数控技术应用 for 数控专业,
        电子商务 for 电商专业, and 旅游服务与管理 for 旅游专业 where what the table tells is asked; [] where the question
        names no major so, or names it as the text does and asks something else ("旅游专业排第几")."""
        out, plan = [], None
        for m in _MAJOR_NAMED.finditer(question):
            if plan is None:  # (read only for a question that names a major: this runs on every question)
                # "旅游专业今年招多少人", "会计专业跟哪所学校合作": what the table of majors tells (招生, 学制, 合作院校)
                expanded = expand_synonyms(question)
                plan = any(w in expanded for w in self._major_columns())
            run = m.group(1).lower()
            for k in range(len(run), 1, -1):  # the longest ending that names a major
                said = run[-k:]
                if self._says_major(said) and not plan:
                    break  # "旅游专业排第几": the report's own name for the major, where its text tells of it
                labels = [x for x in self._major_labels() if x != said and _short_for(said, x)]
                if labels:
                    # (会计专业, which the report says whole, is one term: the label stands beside it, not beside 会计)
                    word = said + "专业" if self.weights.known(said + "专业") else said
                    out += [(label, word) for label in labels if label not in question.lower()]
                    break
        return out

    def _terms(self, question: str, expanded: str, intent: Intent) -> list:
        """Known subject terms of the question (synonyms as alternatives).

        Unknown content words and the question's head word are kept per thread for the refusal check.
        """
        pairs = synonym_pairs(question) + self._class_short_names(question) + self._major_short_names(question)
        qterms = query_terms(_strip_table_refs(question, intent.sections), self.cut)
        qterms = self._with_suffix_rejoined(question, qterms)
        if intent.lang == "en":
            qterms = [t for t in qterms if re.search(r"[\u4e00-\u9fff]|\d", t)]
        qterms = group_alternatives(list(dict.fromkeys(qterms + [t.lower() for t, _ in pairs])), pairs)
        # A year is checked on its own (see _years_covered); as a search term it would let any
        # sentence that mentions the year look relevant.
        qterms = [t for t in qterms if not (isinstance(t, str) and re.fullmatch(r"20\d\d", t))] or qterms
        # "报告“政策与制度保障”里说…": a section named by its title says where to look, its words are no terms
        titled = {w for s in self._sections_titled_in(question) for w in self._title_words().get(s, [])}
        qterms = [t for t in qterms if not (isinstance(t, str) and t in titled)] or qterms
        # "衢州中专有没有跟普通高中一起办的班": the report is all about its school, and mostly says 学校 or 我校;
        # the name's words are one term that any of the school's names stands for (its row in a list of schools)
        # ("衢州除了衢州中专还有哪两所学校": a word of the name said on its own stays a term)
        rest = question.lower()
        for name in sorted(self.own_names, key=len, reverse=True):
            rest = rest.replace(name.lower(), " ")
        own = {w for name in self.own_names if name.lower() in question.lower() for w in query_terms(name, self.cut)
               if w not in rest}
        if own and any(not (isinstance(t, str) and t in own) for t in qterms):
            at = next(i for i, t in enumerate(qterms) if isinstance(t, str) and t in own)
            qterms = [t for t in qterms if not (isinstance(t, str) and t in own)]
            if not any(f"除{name.lower()}" in question.lower() or f"除了{name.lower()}" in question.lower()
                       for name in self.own_names):  # ("除了衢州中专还有哪两所学校": the school is left out)
                qterms.insert(at, self._school_term())
        if intent.excluded:  # "除了浙江时代锂电，还跟哪些企业合作": what is left out is no term to find
            left_out, rest = intent.excluded.lower(), question.lower().replace(intent.excluded.lower(), " ")
            kept = [t for t in qterms if not all(w in left_out and w not in rest
                                                 for w in (t if isinstance(t, tuple) else (t,)))]
            # (but "她除了主持入学考试，还开了个什么会": with nothing else to find, it says where to look)
            qterms = kept if self.weights.split_known(kept)[0] else qterms
        known, unknown = self.weights.split_known(qterms)
        kinds = answer_kind_words(question, self.cut)
        self._unknown.kinds = kinds
        self._unknown.figures = quoted_figures(question, intent.sections, self.report_years)
        examples = _examples_in(question)
        self._unknown.value = [t for t in unknown if isinstance(t, str) and t not in kinds
                               and not (intent.compare and _COMPARE.fullmatch(t))
                               and not self._names_nothing(t, question) and not self._said_otherwise(t, question)
                               and is_content_word(t, self.tag) and t not in examples]
        # the question from its sentence that asks, without the story before it ("…的台账。这一环节是…？")
        self._unknown.asked = without_context(question, name_pointed=False)
        # ("拿了什么名次": 名次 names the kind of answer, 第一名; the report need not say 排名)
        self._unknown.head = self._unknown_head(question, intent, kinds) \
            or self._absent_concept([(t, w) for t, w in pairs if w not in kinds])
        tagged = self.tag(question) if self.tag else []
        # ("建筑大专班", which the report writes 建大: a word of it is no name the place must say)
        names = [w.lower() for w, flag in tagged if flag == "nr" and len(w) > 1 and self.weights.known(w.lower())
                 and not any(w in word for _, word in pairs)]
        # a person's name the segmenter cut short (黄奇|鸿) is searched whole
        known = list(dict.fromkeys(next((n for n in names if isinstance(t, str) and t in n), t) for t in known))
        self._unknown.names = names
        self._unknown.question = question
        self._unknown.asking = self._asking_terms(question, known)
        self._unknown.things = self._things_counted(self._unknown.asked)
        # the head of the subject: the last word the question names before it asks ("…里，副组长是由哪一级…")
        subject = subject_of(question).lower()
        self._unknown.focus = next((t for t in reversed(known) if any(
            w in subject for w in (t if isinstance(t, tuple) else (t,)))), None) if subject else None
        return known

    def _school_term(self) -> tuple[str, ...]:
        """The one term the school's own names stand for in a question, with 我校, as the report says it."""
        return tuple(dict.fromkeys([n.lower() for n in self.own_names] + ["我校"]))

    _SUFFIXES = frozenset("群率")  # (not 班, 级, 年: "合作|班", "20|年" are rightly apart)

    def _with_suffix_rejoined(self, question: str, qterms: list[str]) -> list[str]:
        """A term the segmenter cut a character off (专业|群), whole again where the report uses it whole:
        "建了哪几个专业群" asks about 专业群, not any 专业."""
        words = self.cut(question) if self.cut else []
        joined = {w: (w + c).lower() for w, c in zip(words, words[1:])
                  if c in self._SUFFIXES and len(w) > 1
                  and self.weights.known((w + c).lower())}
        return list(dict.fromkeys(joined.get(t, t) if isinstance(t, str) else t for t in qterms))

    def _things_counted(self, asked: str) -> list[str]:
        """The things a question counts, named after its count ("推出了几个视频" -> 视频, "多少支队伍" -> 队伍),
        where the report uses the word."""
        out = []
        for m in _COUNT_OF.finditer(asked):
            words = query_terms(m.group(1), self.cut)
            if words and isinstance(words[0], str) and self.weights.known(words[0].lower()) \
                    and is_content_word(words[0], self.tag):  # (not "多少人次获奖": what they did)
                out.append(words[0].lower())
        return out

    @staticmethod
    def _asking_terms(question: str, known: list) -> list | None:
        """The terms of the sentence that asks, when a story comes before it; None without a story."""
        asked = without_context(question)
        if asked.lower() == question.lower():
            return None
        asked = expand_synonyms(asked).lower()  # (an English sentence that asks says 升学 as "higher study")
        return [t for t in known if any(w in asked for w in (t if isinstance(t, tuple) else (t,)))] or None

    def _after_known(self, question: str, word: str) -> bool:
        """Whether a word comes right after a word the report uses ("教辅|资料")."""
        at = question.find(word)
        return any(self.weights.known(question[at - k:at].lower()) for k in (2, 3, 4) if at >= k)

    def _coined(self, word: str) -> bool:
        """A short cut across words ("哪个平台上建的" -> 上建, "谁拿过奖" -> 过奖, "还开了个什么会" -> 开了个)
        or a pointer back ("这两项"): not a word the person used for what they ask about.

        The report never uses it, and it is a demonstrative with a measure word, or it starts with a
        particle or 里 that belongs to the word before it, or it holds a particle or a place word and the
        segmenter coined it (no dictionary has it). A coined cut of two content characters
        ("上游泳课" -> 泳课) still says what is asked about.
        """
        if not 2 <= len(word) <= 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", word) or self.weights.known(word):
            return False
        if re.fullmatch(rf"[这那此该][一两二三四五六七八九十几]?[{MEASURE_WORDS}]", word):
            return True  # "这两项", "那个": points back at something named, is no name itself
        if word[0] in "了过着里" and len(word) == 2 or len(word) == 3 and word[1] in "了着":
            return True  # the particle belongs to a verb or a noun: 拿|过奖, 开了个, 比赛|里加起来
        return (self.in_dictionary is not None and not self.in_dictionary(word)
                and any(ch in FUNCTION_CHARS for ch in word))

    def _names_nothing(self, word: str, question: str) -> bool:
        """Whether a question's word names no subject at all: a measure word glued on ("261项里"), a place
        particle ("群里"), the count of a known thing ("学时数"), a cut across words ("上建"), or a part of
        the document ("附表")."""
        return (_counted_particle(word, question) or _locative(word) or _count_of_known(word, self.weights)
                or self._coined(word) or word in _DOCUMENT_PARTS)

    def _said_otherwise(self, word: str, question: str) -> bool:
        """Whether a word the report lacks says what the report does say in its own words: an everyday word for a
        report word ("孩子" for 学生), a vague noun after a known word ("教辅资料", "招生情况"), or how two named
        things stand to each other ("衢州和孔子的关系")."""
        return (self._stands_for_known(word) or word in _VAGUE_NOUNS and self._after_known(question, word)
                or word in _RELATIONS and self._relation_asked(question))

    def _cut_across(self, word: str, text: str) -> bool:
        """Whether an unknown ``word`` is the report's words cut in the wrong place: it splits into a known
        word and a piece that, with the characters beside it in ``text``, is known too ("专业组" in
        "专业组合起来" is 专业 + 组合; "东" + "西部" is 东西部 read as 东 + 西部)."""
        at = text.find(word)
        if at < 0 or len(word) < 3:
            return False
        after, before = text[at + len(word):at + len(word) + 2], text[max(0, at - 2):at]
        known = self.weights.known
        for i in range(2, len(word)):
            left, right = word[:i], word[i:]
            if right and known(left) and any(known(right + after[:k]) for k in range(1, len(after) + 1)
                                             if re.fullmatch(r"[\u4e00-\u9fff]+", right + after[:k])):
                return True
        for i in range(1, len(word) - 1):
            left, right = word[:i], word[i:]
            if len(right) >= 2 and known(right) and any(known(before[-k:] + left) for k in range(1, len(before) + 1)
                                                       if re.fullmatch(r"[\u4e00-\u9fff]+", before[-k:] + left)):
                return True
        return False

    def _relation_asked(self, question: str) -> bool:
        """Whether a question asks how two things the report names stand to each other ("衢州和孔子的关系")."""
        def named(side: str, at_end: bool) -> bool:
            pieces = [side[-k:] if at_end else side[:k] for k in range(2, len(side) + 1)]
            return any(self.weights.known(p.lower()) for p in pieces)
        return any(named(m.group(1), True) and named(m.group(2), False) for m in _BETWEEN.finditer(question))

    def _stands_for_known(self, word: str) -> bool:
        """Whether a word is an everyday word for one the report uses (孩子 for 学生), even where the
        question also says the report's word, so that no synonym pair is made for it."""
        return any(word in group[1:] and self.weights.known(group[0].lower()) for group in _synonym_groups())

    def _absent_concept(self, pairs: list[tuple[str, str]]) -> str:
        """A report term the question's wording stands for (admissions office -> 招生办) that this report
        never uses, while the question's own word is not in the report either: the topic is absent."""
        return next((term for term, word in pairs
                     if not self.weights.known(term.lower()) and not self.weights.known(word.lower())), "")

    def _unknown_head(self, question: str, intent: Intent, kinds: frozenset[str] = frozenset()) -> str:
        """The question's last content word when the report never uses it (nor a synonym): what is asked about.

        A word that names the kind of answer ("哪部**法律**", "什么**名字**") is not what is asked about:
        the report states the answer (《职业教育法》) without the word.
        """
        self._unknown.modifier = ""
        if intent.lang == "en":
            return _unglossed_count(question) or _unglossed_thing(self._without_own_names(question))
        # what the sentence that asks names, not its story; "（像舞龙舞狮、升旗那种）": examples, not what is asked about
        asked = _EXAMPLES.sub(" ", getattr(self._unknown, "asked", question))
        words = [w for w in query_terms(_strip_table_refs(asked, intent.sections), self.cut)
                 if not re.search(r"\d", w) and w not in kinds and not self._names_nothing(w, question)
                 and (self.weights.known(w) or not _does_what_is_counted(w, asked, self.weights))
                 and w != intent.pivot  # "主打什么特色": 特色 is what is done, not to what
                 and not (intent.compare and _COMPARE.fullmatch(w))  # ("是变好了还是变差了": which way, not what)
                 and not _QUESTION_LED.match(w)]  # ("用在哪些项目上": a segmenter's 哪些项目 asks, it names nothing)
        content = [w for w in words if is_content_word(w, self.tag)]
        # "我家在化工园区边上，那个化工相关的群里包括哪几个专业": the clause that asks names the head
        asking = _from_asking_clause(asked)
        # ("儿子说学校有个社团…，是哪个社团？": the clause that asks names only the kind of answer; a word of the story
        # before it, 儿子, is not what is asked about)
        fallback = content[-1] if content and not any(k in asking for k in kinds) else ""
        head = next((w for w in reversed(content) if w in asking), fallback)
        for word in reversed(content):
            if self.weights.known(word) or self._excused(word, question, asking):
                continue
            parts = self.rows.label_cut(word) if self.rows.label_cut else [word]
            specific = any(len(p) == 1 for p in parts) and any(len(p) > 1 and self.weights.known(p) for p in parts)
            if word == head or specific:  # (a pair of single characters, 赛|拿, is a segmentation fragment)
                # the thing asked about, or a known word made specific (招生办, 优秀率, 分数线), is absent;
                # a compound of the report's own words (教学+模式) is a paraphrase and passes
                if not (len(parts) > 1 and all(len(p) > 1 and self.weights.known(p) for p in parts)):
                    return word
        # "绿化|面积有多少": the measure asked is the report's (面积), of a kind it never names (绿化)
        order = [w for w in (self.cut(asking) if self.cut else []) if w.strip()]
        at = next((i for i in range(len(order) - 1, 0, -1) if order[i] == head), 0)
        before = order[at - 1] if at else ""
        if before in content and len(before) > 1 and not self.weights.known(before) and not _SCOPE.match(before) \
                and not self._excused(before, question, asking) and self.weights.known(head) \
                and before + head in asking:  # (words side by side as asked, not a borrowed subject's list)
            self._unknown.modifier = before
            return before + head
        return ""

    def _excused(self, word: str, question: str, asking: str) -> bool:
        """Whether a word the report never uses still says something it does: a synonym's, an everyday word for a
        report word, a cut across report words, a table of a known thing, a known word said modestly."""
        if any(self.weights.known(t) for t, w in synonym_pairs(question) if w in word or word in w):
            return True
        if self._said_otherwise(word, question):
            return True  # 孩子 for 学生, "教辅资料", "衢州和孔子的关系"
        if self._cut_across(word, asking):
            return True  # "专业组|合起来": the segmenter took a character of the next word (专业|组合)
        if (table := _TABLE_WORD.fullmatch(word)) and self.weights.known(table.group(1)):
            return True  # "翻招生计划表": the table of a thing the report has says where to look, not what
        if len(word) >= 3 and word[-1] in _COMPLEMENTS and self.weights.known(word[:-1]):
            return True  # "培育出": the report's 培育, with how it ends
        return word.startswith(_DEGREE) and self.weights.known(re.sub(f"^(?:{'|'.join(_DEGREE)})", "", word))

    # ---- evidence
    def _rank_evidence(self, question, qterms, intent, hits, query_vec) -> list[Evidence]:
        out: list[Evidence] = []
        if intent.sections:  # the place the person points at is read, whether retrieval found it or not
            have = {h.chunk.id for h in hits}
            hits = list(hits) + [Hit(c, 0.0) for s in intent.sections for c in self.sections[s] if c.id not in have]
        subject = [t if isinstance(t, tuple) else (t,) for t in member_subject(qterms, intent)]
        if subject:  # "电子商务归在哪个专业群": the paragraph that names 电子商务 along with a group, found or not
            rarest, head = max(subject, key=lambda forms: self.weights.idf(forms[0])), member_head(intent)
            hits = self._with_paragraphs(hits, lambda c: any(f in c.text.lower() for f in rarest) and head in c.text)
        rows = [h.chunk for h in hits[:10] if h.chunk.kind == "row"]
        if intent.measures and len(rows) >= 2 and len({r.section for r in rows}) == 1:
            # "全省一共入选了多少家": a list's rows crowd out the paragraph of their section that counts them
            # (入选全省39家实践中心)
            where, counts = rows[0].section, re.compile(r"\d\s*(?:" + "|".join(map(re.escape, intent.measures)) + ")")
            hits = self._with_paragraphs(hits, lambda c: c.section == where and bool(counts.search(c.text)))
        if intent.shape:  # "那三句“之……”": the paragraphs whose sentences list things that say it, found or not
            hits = self._with_paragraphs(
                hits, lambda c: any(shaped_items(t, intent.shape) >= 2 for t in _sentences(c)))
        rank_of = {h.chunk.id: i for i, h in enumerate(hits)}
        for i, hit in enumerate(hits):
            if hit.chunk.kind == "row":
                continue
            sentences = _sentences(hit.chunk)
            lead = self._list_lead(hit.chunk, sentences)
            for j, sentence in enumerate(sentences):
                previous = lead + (sentences[j - 1] if j else "")
                out.append(self._sentence_evidence(hit, i, sentence, qterms, intent, previous))
        if intent.listing:
            out += self._outline_evidence(qterms, len(hits))
        matched = self.rows.match(question, query_vec, top=8, qterms=qterms)
        serials = [n for n in numbers_in(_strip_table_refs(question, intent.sections)) if intent.serial and n.isdigit()]
        if serials:  # "名单上第39号是哪所学校": the entry numbered so, however its names match
            have = {row.id for row, _ in matched}
            top = max((m for _, m in matched), default=0.5)  # as well matched as the best entry, before its number
            matched += [(row, top) for row in self.rows.rows if row.id not in have and _numbered(row, serials)]
        for row, match in matched:
            rank = rank_of.get(row.id, len(hits))
            score = match + 0.05 / (1 + rank)
            if serials and _numbered(row, serials):
                score += 0.3
            coverage = max(match, self.weights.coverage(qterms, row.text))
            if intent.years and any(f"y{y}" in row.meta for y in intent.years):
                score += 0.1
                if not any(numbers_in(row.meta.get(f"y{y}", "")) for y in intent.years):
                    score -= 0.15  # "2024年有多少在校生": a row with no figure that year (中职不填) answers nothing
            if intent.compare and sum(k.startswith("y") for k in row.meta) >= 2:
                score += 0.08
            if intent.total and TOTAL_LABEL.match(row.meta.get("label", "")):
                score += 0.1
            if intent.numeric and coverage >= 0.99 and any(k.startswith("y") for k in row.meta):
                score += 0.1  # a row that names everything asked states the figure exactly, with its year
            if not any(k.startswith("y") for k in row.meta) and self._names_own_school(row.text, qterms):
                score += 0.1  # in a list of schools, a question about "学校" means this report's school
            if intent.kind in ("rank", "date", "clock", "phone") and not has_kind(row.text, intent.kind):
                score -= 0.15  # "排第几" is answered by a rank, which a row of counts does not give
            if intent.compare and not any(k.startswith("y") for k in row.meta):
                score -= 0.1  # a row with one figure cannot say how much something changed
            if has_kind(row.text, "money") and intent.kind != "money" and not _MONEY_WORDS.search(question):
                score -= 0.1  # a sum of money answers no question that does not ask about money
            if row.meta.get("unit") in intent.measures:
                score += 0.15  # "多少门" is the row counted in 门, not its twin in 学时
            if intent.table and row.table == intent.table:
                score += 0.15
                coverage = max(coverage, match + 0.15)
            out.append(Evidence(row, row.text, score, rank, coverage))
        if intent.lang == "en" and query_vec is not None and self.embed is not None:
            # An English question shares few words with the Chinese text, and the glossary knows only
            # some: how close each sentence is in meaning (the multilingual embedder) ranks it too.
            for e, similarity in zip(out, self._similarities([e.quote for e in out], query_vec)):
                e.score += similarity
        out.sort(key=lambda e: -e.score)
        if intent.numeric:  # "专任教师多少人": the indicator itself, before a sentence that mentions 专任教师
            asked = getattr(self._unknown, "question", "")
            named = [e for e in out if e.is_row and _gives_figures(e.chunk) and _names_row(asked, e.chunk)]
            out = named + [e for e in out if e not in named]
        return out

    def _with_paragraphs(self, hits: list[Hit], wanted: Callable[[Chunk], bool]) -> list[Hit]:
        """The hits, then every text chunk of the report that ``wanted`` accepts and retrieval did not find."""
        have = {h.chunk.id for h in hits}
        return list(hits) + [Hit(c, 0.0) for chunks in self.sections.values() for c in chunks
                             if c.kind == "text" and c.id not in have and wanted(c)]

    def _similarities(self, texts: list[str], query_vec) -> list[float]:
        """Cosine similarity of each text to the question, with the texts' vectors kept for next time."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._sentence_vectors))
        if missing:
            for text, vec in zip(missing, np.asarray(self.embed(missing), dtype=np.float32)):
                self._sentence_vectors[text] = vec / (np.linalg.norm(vec) or 1.0)
        q = np.asarray(query_vec, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        return [float(self._sentence_vectors[t] @ q) for t in texts]

    def _outline_evidence(self, qterms: list, rank: int) -> list[Evidence]:
        """Headings whose title is what a list question asks about, with their sub-headings as the list."""
        out = []
        for chunk in self.outline:
            coverage = self.weights.coverage(qterms, chunk.title)
            if coverage >= 0.5:
                items = chunk.text.count("；") + 1
                out.append(Evidence(chunk, chunk.text, coverage + 0.04 * min(5, items) + 0.05, rank, coverage))
        return out

    def _list_lead(self, chunk: Chunk, sentences: list[str]) -> str:
        """The sentence that leads a list a paragraph of items continues ("…累计斩获二等奖2项、三等奖3项。" before
        "24化工黄奇鸿…二等奖；23建大蒋烨锋…二等奖；"), whose words the items leave out; "" for other paragraphs."""
        before = [c for c in self.sections.get(chunk.section, []) if c.kind == "text"]
        at = next((k for k, c in enumerate(before) if c.id == chunk.id), 0)
        if not at or not (any(t.rstrip().endswith(("；", ";")) for t in sentences)
                          or before[at - 1].text.rstrip().endswith(("；", ";", "：", ":"))):
            return ""
        k = at - 1
        while k > 0 and before[k].text.rstrip().endswith(("；", ";")):
            k -= 1  # (a list that runs over several paragraphs)
        said = _sentences(before[k])
        # (an item itself, "2025年完成专利申报7项；", leads nothing)
        return said[-1] if said and not said[-1].rstrip().endswith(("；", ";")) else ""

    def _sentence_evidence(self, hit: Hit, rank: int, sentence: str, qterms, intent, previous: str = "") -> Evidence:
        """Score a sentence by how much of the question it covers, overall and in its best clause window."""
        whole = self.weights.coverage(qterms, sentence)
        asking = getattr(self._unknown, "asking", None)
        if asking:  # "女儿喜欢带小朋友。…哪个学部管这块？": the story's words count half, the asking sentence's fully
            whole = 0.5 * whole + 0.5 * self.weights.coverage(asking, sentence)
        names = getattr(self._unknown, "names", [])
        if previous and all(n in sentence.lower() for n in names):
            # the subject is often named in the sentence before ("中本一体…；其中…最高分592分"),
            # but a person asked about is named in the sentence that says what they did
            whole = max(whole, 0.9 * self.weights.coverage(qterms, previous + sentence))
        clauses = split_clauses(sentence)
        windows = [" ".join(clauses[j:j + 2]) for j in range(max(1, len(clauses) - 1))] or [sentence]
        best = max(windows, key=lambda w: self.weights.coverage(qterms, w))
        local = self.weights.coverage(qterms, best)
        subject = member_subject(qterms, intent)
        if subject and member_head(intent) in sentence:
            # "电子商务归在哪个省级优质专业群": where 电子商务 is named along with a group, not where groups are only
            # named; the words for the kind of group describe the answer, and the report may word them otherwise
            whole = 0.3 * whole + 0.7 * self.weights.coverage(subject, sentence)
            local = max(local, *(self.weights.coverage(subject, w) for w in windows))
        score = 0.5 * whole + 0.5 * local + 0.05 / (1 + rank) + 0.1 * _similarity(hit)
        if hit.chunk.kind == "caption":
            score *= 0.7  # a figure's title names a topic; the facts are in the text and tables
        if intent.numeric and numbers_in(best):
            score += 0.05
        if intent.listing and not _lists_the_topic_among_peers(sentence, qterms):
            score += 0.04 * min(5, max(sentence.count("、"), sentence.count("“") - 1))
        if intent.count and (list_size(sentence) == intent.count or _announces(sentence, intent.count)):
            score += 0.15  # "哪四个方面" and a sentence that lists four things, or says "三重维度" before them
        if intent.listing and not intent.count and _announces_asked(sentence, getattr(self._unknown, "question", "")):
            score += 0.15  # "建了哪几个专业群" and "目前建有3个专业群：…", the list that follows it
        if intent.kind_listed and _lists_kind(sentence, intent.kind_listed):
            score += 0.15  # "专题教育周有哪些" and "开展心理健康周、志愿服务周、学雷锋周…": things of that kind listed
        shaped = shaped_items(sentence, intent.shape)
        if shaped >= 2:  # "那几个“通过……”": a sentence whose items say 通过, the more the likelier
            score += 0.1 + 0.05 * min(shaped, 5) + 0.1 * (shaped == intent.count)
        if intent.measures and any(states_measure(sentence, m) for m in intent.measures):
            score += 0.05
            if intent.total and _only_a_part_counted(clauses, intent.measures):
                score -= 0.2  # "总共培训了多少人": not "其中服装类培训获证人数达2727人", a part of them
        if any(_counts_thing(sentence.lower(), thing) for thing in getattr(self._unknown, "things", [])):
            score += 0.1  # "几个视频" and a sentence that says "推出视频6个": it counts the thing asked
        if intent.kind and has_kind(sentence, intent.kind):
            score += 0.1
        if intent.verb and intent.verb in sentence:
            score += 0.05  # "从什么入手": the sentence that says what each one 入手 from
        focus = getattr(self._unknown, "focus", None)
        if focus is not None and contains(sentence.lower(), focus):
            score += 0.05  # the sentence itself names what is asked about, not only the one before it
        if names and not any(n in sentence.lower() for n in names):
            score -= 0.3  # a question about a named person is answered where that person is named
        if _year_said(sentence, intent.years) < 0:
            score -= 0.1  # "今年录了多少新生": not "2022级…35名学生升入本科"
        figures = getattr(self._unknown, "figures", [])
        if figures and not any(f in numbers_in(sentence) for f in figures):
            score -= 0.15  # "24级的…" is answered where 24级 is, not beside 23级
        if restates(sentence, qterms):
            score -= 0.3  # a heading-like sentence made of the question's own words answers nothing
        coverage = max(whole, local)
        if intent.quoted and _says_quote(sentence.lower(), intent.quoted[-1].lower()):
            # the person quotes the report's words (the last quote, nearest what is asked): this is where it says them
            score += 0.2
            coverage = max(coverage, 0.6)
        if hit.chunk.section in intent.sections or any(section_covers(s, hit.chunk.section) for s in intent.sections):
            score += 0.3  # "7.1那段说…": where the person points, less of their wording need be found
            coverage = min(1.0, coverage + 0.1)
        return Evidence(hit.chunk, sentence, score, rank, coverage)

    def _should_refuse(self, evidence, qterms, intent, hits) -> bool:
        best = evidence[0]
        question = getattr(self._unknown, "question", "")
        unknown = getattr(self._unknown, "value", [])
        head = getattr(self._unknown, "head", "")
        shaped = shaped_items(best.quote, intent.shape) >= 2  # it lists things of the shape quoted: “服务……”
        quoted = bool(intent.quoted) and _says_quote(best.quote.lower(), intent.quoted[-1].lower()) or shaped
        # (a place pinned by the question's figure is excused a missing word, not a kind of measure it lacks:
        # "校园占地430亩，那其中绿化面积有多少")
        pinned_by_figure = self._quotes_the_questions_figure(best) and not getattr(self._unknown, "modifier", "")
        if head and not pinned_by_figure and not self._spelled_out(head, best.quote) \
                and not quoted:  # ("“五个一”劳动实践作业": the place that says the words quoted is the one meant)
            return True
        if not qterms or all(isinstance(t, str) and t.isdigit() for t in qterms):
            return True  # nothing but question words or a year ("那2024年呢？" with no earlier turn)
        unknown_mass = sum(self.weights.idf(t) for t in unknown)
        total_mass = unknown_mass + sum(self.weights.weight(t) for t in qterms)
        if unknown and unknown_mass / total_mass >= 0.5 and not self._quotes_the_questions_figure(best) \
                and not shaped:
            return True
        if intent.explicit_years and not self._years_covered(best, intent):
            return True
        # the places that could answer; the word naming the kind of answer ("哪些部门") need not be where it is
        kinds = getattr(self._unknown, "kinds", frozenset())
        core = [t for t in qterms if not any(w in kinds for w in (t if isinstance(t, tuple) else (t,)))] or qterms
        near = [e for e in evidence[:3] if max(e.coverage, self.weights.coverage(core, e.quote)) >= self.refuse_below]
        # "那738个学生分别考进了哪些高职院校": the question pins the place by its figure; that place must name them
        pinned = [e for e in near if self._quotes_the_questions_figure(e)] or near
        if intent.kind and not any(has_kind(e.quote, intent.kind) for e in near):
            return True  # "多少钱" and no sum of money, "几点" and no time, "电话" and no number
        told = "" if intent.compare else _strip_table_refs(question, intent.sections)
        if intent.kind and gives_only_told_kind(best.quote, intent.kind, told):
            return True  # "升到全省第6。那去年排第几": the place the question quotes gives no rank but the one it says
        wanted = self._kinds_wanted()
        if wanted and not any(self._names_kinds(e, wanted) for e in pinned):
            return True  # "能考什么证" where no place names a 证, "跟哪家企业合作" where none names a company
        if any(only_counted(k, best.quote, gap=2, after=False) for k in getattr(self._unknown, "kinds", ())
               if len(k) > 1 and not kind_mark(k) and k[-1] not in _PEOPLE_ENDINGS):
            # (not people, whom a report names plainly beside their count: "潘皓恩、郑宇轩两位同学")
            return True  # "是哪个教研组开发的" where the place says only 15个教研组
        if intent.numeric and not intent.compare and self._says_only_what_is_quoted(pinned, qterms, intent):
            return True  # "那2499万里，宿舍和公寓各分了多少钱" where the place says only the 2499万
        # (the number the sentence that asks says, not one told before it: "名单是从22号开始的。排在1号的是哪所学校")
        asked = _SERIAL_ASKED.findall(getattr(self._unknown, "asked", "") or question)
        # (a list numbered by a column of its own, 序号 133, or by bare numbers with no heading, 22)
        lists = {e.chunk.table for e in near if e.is_row and (re.search(r"(?:序号|编号) \d", e.chunk.text) or not any(
            k.startswith("y") for k in e.chunk.meta) and any(c.strip().isdigit() for c in e.chunk.text.split(" · ")))}
        if asked and lists and not any(_numbered(r, asked) for r in self.rows.rows if r.table in lists):
            return True  # "那个136号是哪所学校" where the numbered list has 133 and 137, not 136
        if intent.listing and not intent.serial and (_WHICH_OF.search(question) or _NAMES_ASKED.search(question)) \
                and "多少" not in question \
                and self._counts_without_names(pinned, qterms, intent):
            return True  # "那4个学科具体是哪几门" where the place says only 4个第一、2个第二
        asking = getattr(self._unknown, "asked", question)
        named = _EXISTS_NAMED.search(asking)
        # ("有没有急救方面的社团" describes the club by what it does: the report must name a club of 急救, 急救社)
        said = (named.group(1) or named.group(2)) if named else ""
        what = re.split(r"(?:方面|类|相关|之类|这样|那样)?的", said)[0].lower()
        if named and not (self.weights.known(said.lower()) or what != said.lower() and any(
                re.search(re.escape(what) + r"[\u4e00-\u9fff]{0,4}?" + _CLUB_KINDS, t.lower())
                for t in self.weights.texts)):
            return True  # "31个社团里有没有机器人社": the report names no such club
        if self._major_not_named(asking):
            return True  # "学校有电竞专业吗": the report names no such major, in its text or its table of majors
        exists = _EXISTS_ASKED.search(asking)
        if exists and any(w in exists.group(1).lower() for w in unknown):
            return True  # "学生宿舍有没有WiFi覆盖": whether there is a thing the report never names
        facility = _EXISTS_FACILITY.search(asking)
        if facility and not self._names_facility_for(facility.group(1)):
            return True  # "有没有专门的无人机飞行训练场地": the report names no facility for 无人机
        if intent.count >= 2 and intent.listing and near and not any(
                e.is_row or (list_size(e.quote) >= 2 or _PAIR.search(e.quote) or _announces(e.quote, intent.count))
                and self.weights.coverage(qterms, e.quote) > 0 for e in near):
            return True  # "“三防”具体是防哪三样" where no place lists anything
        if self._parts_not_spelled_out(asking):
            return True  # "这“九抓”具体是哪九项" where the report only names “九抓”
        if _GAP_ASKED.search(asking) and not best.is_row and not _STATES_CHANGE.search(best.quote) and len(
                [n for n in numbers_in(best.quote) if not re.fullmatch(r"(?:19|20)\d\d", n)]) < 2:
            return True  # "学校比全省平均高多少" where the place gives one figure and no change
        standing = _STANDING_ASKED.search(asking)
        if standing and not any(standing.group(1) in e.quote for e in near):
            return True  # "年生均财政拨款放在全省中职学校里算高还是低" where no place says anything of 全省
        if _WHICH_MOST.search(asking) and not best.is_row \
                and not any(_RANKED.search(e.quote) for e in near):
            return True  # "报名的人最多的是哪个专业" where no place says which is most, first or top
        prior = _PRIOR_ASKED.search(asking)
        if prior and (intent.compare or prior.group() in _YEAR_BEFORE) and not any(
                e.is_row or self._tells_of_before(e.quote) for e in near):
            return True  # "那前一年的家访率是多少？比去年高了还是低了" where the place gives this year's 70.2% only
        if _REST_ASKED.search(asking) and _names_fewer_than_it_counts(best.quote):
            return True  # "7所里只点名了5所，剩下那2所是哪两所" where the place lists five "等7所"
        if _WHICH_FIRST.search(asking) and not _FIRST_SAID.search(best.quote):
            return True  # "全省排第一的是哪所学校" where the places rank only this school (全省第15名, 第6)
        if "%" in intent.measures and self._rate_of_another(best, qterms):
            return True  # "团员占学生总数的比例是多少" where the place's rate is 智慧团建对标定级率100%
        if best.is_row and best.chunk.meta.get("unit") == "%" and intent.measures and "%" not in intent.measures:
            return True  # "有多少位高级双师型老师" where the row gives only their share (72.6%)
        if intent.kind == "rank" and intent.level and _ranks_only_elsewhere(best.quote, intent.level):
            return True  # "本科上线人数在全市排第几" where the place ranks it in the province (全省第11名)
        if (intent.measures or intent.numeric) and intent.kind != "ordinal" and not intent.compare \
                and self._counts_another(best, intent):
            return True  # "第40期团校一共招了多少名学员" where the place's 68名 joined the 党校, told beside it
        if self._other_ordinal(best.quote):
            return True  # "那第一届的时候拿了第几名" where the place tells of the 第二届 only
        if self._extreme_not_said(best):
            return True  # "最高分是592分。那最低分数线是多少？" where the place gives only the highest
        if self._condition_not_in(near, intent):
            return True  # "班主任98人中担任班主任满20年的人数": no place says anything of 20 years
        if not intent.compare and self._neither_alternative_in(pinned):
            return True  # "月收入是税前还是税后" where no place says 税前 or 税后
        asking = getattr(self._unknown, "asked", "") or question  # (not "体育老师建议他报…" told before it)
        if best.is_row and _TEACHERS.search(asking) and not _STUDENTS.search(asking) \
                and not any("师" in e.quote or _TEACHERS.search(e.quote) for e in [best, *near] if e.is_row):
            # ("年生均财政拨款水平和专任教师总数": the teachers' row, near it, is the other one asked)
            return True  # "在编老师一个月工资多少" answered by a row about graduates' income
        if intent.measures and not intent.compare and self._counts_only_the_whole_list(asking, best.quote):
            return True  # "短视频制作这一项培训了多少人" where the place lists it among five and counts them all
        if (intent.measures or intent.numeric) and not intent.compare \
                and counts_only_what_was_added(asking, best.quote):
            return True  # "全校一共有几位正高级讲师" where the places say only 新增正高级讲师1人
        if intent.measures and not intent.compare and counts_other_people(asking, best.quote):
            return True  # "有多少名党员教师" where the place counts the students they kept in touch with
        if intent.measures and not intent.compare and self._counted_thing_not_said(asking, near):
            return True  # "校园占地430亩，那学校一共有几个学生食堂" where the place pinned by 430亩 never says 食堂
        within = _WITHIN_ASKED.search(asking)
        if within and self._quotes_the_questions_figure(best) and within.group(1).lower() not in best.quote.lower():
            return True  # "获奖38篇，其中省级的有几篇" where the place pinned by 38篇 says nothing of 省级
        if self._cares_for_others(asking, best.quote):
            return True  # "孩子在学校生病了谁来管" where the place tells of the staff's care (教职工关怀…生病慰问)
        if self._name_not_given(near):
            return True  # "那个公众号叫什么名字" where no place quotes a name
        by = _BREAKDOWN.search(question)
        if by and not any((by.group(1) or by.group(2) or by.group(3)) in e.quote for e in pinned):
            return True  # "1006人按专业分各是多少" where the place gives one total, not one per 专业
        if (intent.numeric or intent.measures) and self._names_a_major_not_in(question, best.quote):
            return True  # "护理专业拿了多少项" where the place gives the whole school's count
        if intent.measures and not intent.compare and self._counts_no_major(question, best):
            return True  # "建筑专业有多少个学生考上本科" where the place says 建筑专业全省第一
        counting = pinned if pinned is not near else [best]  # (the place that would be quoted)
        if intent.measures and not intent.compare and not any(_gives_count(e, intent) for e in counting) \
                and not shaped:
            return True  # "多少名家长代表" where no place counts anything
        if "%" in intent.measures and not intent.compare and not shaped and not any(
                _PERCENT_SAID.search(e.quote) and not self._rate_of_another(e, qterms) if not e.is_row
                else e.chunk.meta.get("unit") == "%" and e.coverage >= best.coverage - 0.1 for e in near):
            return True  # "学业水平测试的合格率是多少" where no place gives a percentage, only a ranking
        if _HOW_MANY_EN.search(question) and not any(
                n for e in near for n in numbers_in(e.quote) if not re.fullmatch(r"(?:19|20)\d\d", n)):
            return True  # "how many students are in that class" where no place gives any figure
        # (the word naming the kind of answer, "哪位老师", need not be where the answer is: 刘雯博士)
        names = self._other_names(qterms)
        if names:
            # (the report's own school, named beside the other, is no part of what must be found)
            rest = [t for t in core if t not in names and t != self._school_term()]
            # (a paragraph that names the organisation, then gives its figures, names it); "A和B分别…":
            # several organisations asked about are each named by one of the first places
            places = [best] if len(names) == 1 else evidence[:len(names) + 1]
            if any(all(n not in e.quote and n not in e.chunk.text for e in places) for n in names):
                return True
            if intent.kind and not any(has_kind(e.quote, intent.kind) for e in near if self._names_all(e, names)):
                return True  # "衢州理工学校的专业群每年拿多少资金": the sum of money said of another school is none
            # "日本工业大学派了哪位老师": the name is the subject; nothing else need be found
            return bool(rest) and self.weights.coverage(rest, best.quote) < self.refuse_below
        return not shaped and max(best.coverage, self.weights.coverage(core, best.quote)) < self.refuse_below

    def _chapter_by_position(self, question: str) -> tuple[str, ...]:
        """The numbered chapter a question points at by position: "报告最后一章", "第三章"."""
        chapters = sorted({s.split(".")[0] for s in self.sections if re.match(r"\d+(?:\.|$)", s)}, key=int)
        if not chapters:
            return ()
        if _LAST_CHAPTER.search(question):
            return (chapters[-1],)
        m = _NTH_CHAPTER.search(question)
        n = (_CN_DIGITS.get(m.group(1)) or int(m.group(1))) if m and (m.group(1).isdigit() or m.group(1) in _CN_DIGITS) else 0
        return (str(n),) if str(n) in chapters else ()

    def _sections_titled_in(self, question: str) -> tuple[str, ...]:
        """Sections whose title the question says in full ("编制过程分了哪几步" -> 三 编制过程)."""
        low = question.lower()
        return tuple(section for section, words in self._title_words().items() if all(w in low for w in words))

    def _title_words(self) -> dict[str, list[str]]:
        """Each section's title words (titles of four characters or more), cut once."""
        if self._titles is None:
            titles = {}
            for section, chunks in self.sections.items():
                title = next((c.title for c in chunks if c.section == section), "")
                words = [w for w in query_terms(title, self.cut) if len(w) > 1] if len(title) >= 4 else []
                if words:
                    titles[section] = words
            self._titles = titles
        return self._titles

    def _major_not_named(self, asking: str) -> bool:
        """Whether a question names a major ("电竞专业", "an e-sports major") the report never names: neither its text
        ("建筑专业", "化工、会计专业") nor a table of majors has it, whole or shortened (电商 for 电子商务, 数控 for
        数控技术应用); an English name must be glossed to one."""
        for m in _MAJOR_NAMED_EN.finditer(asking):
            words = m.group(1).lower().split()
            if re.search(r"[\u4e00-\u9fff\d]", m.group(1)) or all(w in _OF_ANY_MAJOR_EN for w in words) \
                    or words[-2:] in (["number", "of"], ["count", "of"], ["total", "of"], ["list", "of"]):
                continue  # ("the 护理 major" is named in the report's words; "the most popular major": which one;
                # "the number of majors": majors counted, none named)
            if not any(self._names_major(term) for term, _ in synonym_pairs(m.group(1))):
                return True  # the glossary gives it no name of a major the report has
        for m in _MAJOR_NAMED.finditer(asking):
            run = m.group(1)
            if _OF_ANY_MAJOR.search(run) or _ASK.search(run[-2:]) or any(run.endswith(w) for w in _NOT_A_MAJOR):
                continue  # "学校的热门专业", "哪个专业": what sort of major, not which one
            # where the name starts is not known ("学校有电竞"): any ending of two characters or more may be it
            endings = [run[-k:] for k in range(2, len(run) + 1)]
            if any(self._names_major(e) for e in endings):
                continue
            if any(w in run or run[-2:] in w for _, w in synonym_pairs(asking)):
                continue  # "幼师专业": an everyday name of the report's 幼儿保育
            return True
        return False

    def _names_major(self, name: str) -> bool:
        """Whether the report names a major so: in its text, as the whole or shortened label of its table of majors,
        or as what a label of any table starts with (a report whose text never calls its majors 专业)."""
        name = name.lower()
        return bool(name) and (self._says_major(name) or any(_short_for(name, x) for x in self._major_labels())
                               or any(r.meta.get("label", "").lower().startswith(name) for r in self.rows.rows))

    def _tables_of_majors(self) -> list[Table]:
        """The report's tables of majors: those whose row labels the text calls 专业, found once."""
        if self._major_tables is None:
            self._major_tables = [t for t in self.tables
                                  if any(len(r.label) > 1 and self._says_major(r.label) for r in t.rows)]
        return self._major_tables

    def _major_labels(self) -> tuple[str, ...]:
        """The row labels of the report's tables of majors."""
        return tuple(dict.fromkeys(r.label.lower() for t in self._tables_of_majors() for r in t.rows if r.label))

    def _major_columns(self) -> tuple[str, ...]:
        """The words of the headers of the report's tables of majors (学制, 招生, 合作院校), but not the major itself."""
        heads = [h for t in self._tables_of_majors() for h in t.header
                 if not any(r.cells.get(h, "") == r.label and not TOTAL_LABEL.match(r.label) for r in t.rows)]
        # (each pair of characters: 计划招生数 is asked as 招生, 性质及学制 as 学制)
        return tuple(dict.fromkeys(h[i:i + 2] for h in heads for i in range(len(h) - 1)
                                   if re.fullmatch(r"[\u4e00-\u9fff]{2}", h[i:i + 2])))

    def _says_major(self, name: str) -> bool:
        """Whether the text names a major so: right before 专业, or in a list that ends in 专业."""
        if not self._all_text:
            self._all_text = "\n".join(self.weights.texts)  # (one search for a name, not one per chunk)
        return re.search(re.escape(name.lower()) + _MAJOR_LIST, self._all_text) is not None

    def _spelled_out(self, word: str, text: str) -> bool:
        """Whether a text says a word the report lacks in longer form: 劳动课 as 劳动综合实践活动课,
        成果奖 as 成果二等奖. The word is a known word and a character or two, and they follow
        each other closely in the text."""
        low = text.lower()
        for i in range(1, len(word)):
            head, tail = word[:i], word[i:]
            if len(head) > 1 and self.weights.known(head) or len(tail) > 1 and self.weights.known(tail):
                if re.search(re.escape(head) + ".{0,8}" + re.escape(tail), low):
                    return True
        return _coordinated_in(word, low)

    def _quotes_the_questions_figure(self, best: Evidence) -> bool:
        """Whether the best place states a figure the question itself quotes ("那笔2499万的工程款"):
        then it is about the same thing, whatever everyday word the question uses for it."""
        figures = [t for t in getattr(self._unknown, "figures", []) if t in numbers_in(best.quote)]
        return bool(figures)

    def _kinds_wanted(self) -> list[str]:
        """The kinds the question asks for that a place must name: one character (什么证) or one a report names
        by a mark (哪家企业: …公司)."""
        question = getattr(self._unknown, "question", "")
        # "哪几类单位": kinds of organisation (学校、企业、政府机关), not one named
        return [k for k in getattr(self._unknown, "kinds", ()) if (len(k) == 1 or kind_mark(k))
                and not re.search(rf"[类种](?:的)?{re.escape(k)}", question)]

    def _names_more_of_kind(self, e: Evidence, chosen: list[Evidence]) -> bool:
        """Whether a place names things of the kind a list question asks for (…公司) that no chosen place names."""
        marks = [m for k in self._kinds_wanted() if (m := kind_mark(k)) is not None]
        said = " ".join(c.quote for c in chosen)
        return any(name not in said for m in marks for name in m.findall(self._without_own_names(e.quote)))

    def _names_kinds(self, e: Evidence, kinds: list[str], but: str = "") -> bool:
        """Whether a place names a thing of each kind asked ("哪家企业": a company other than this school), or,
        with ``but``, other than the things it lists ("除了浙江时代锂电": 浙江时代锂电材料有限公司 is none)."""
        text = self._without_own_names(e.quote)
        for left_out in _items(but):
            text = re.sub(re.escape(left_out) + r"[\u4e00-\u9fff]*", " ", text, flags=re.I)
        return all(names_kind(text, k) for k in kinds)

    def _without_own_names(self, text: str) -> str:
        """The text without this report's school's names (it is no answer to "哪所学校")."""
        for name in sorted(self.own_names, key=len, reverse=True):
            text = text.replace(name, " ")
        return text

    def _names_another_indicator(self, row: Evidence, chosen: list[Evidence], qterms: list) -> bool:
        """Whether a row's indicator is named by a question word that no chosen row's indicator has
        (项目数 beside 到账经费), so the question asks for both."""
        label = row.chunk.meta.get("label", "").lower()  # its own name, without the parent indicator's
        taken = _taken_labels(chosen)
        words = [w for t in qterms for w in (t if isinstance(t, tuple) else (t,)) if len(w) > 1]
        # "专任教师、教职工总数和额定编制": the row's own name said whole, though each of its words is taken
        return (self._named_whole(row, chosen) or any(w in label and w not in taken for w in words)) and not any(
            _same_entry(row.chunk, c.chunk) for c in chosen if c.is_row)

    def _named_whole(self, row: Evidence, chosen: list[Evidence]) -> bool:
        """Whether the question says a row's own name whole ("生师比", "教职工总数") and no chosen row has it."""
        core = _own_name(row.chunk)
        question = getattr(self._unknown, "question", "")
        for c in chosen:  # "体育课专任教师、美育课专任教师": 专任教师 there is said as part of rows already chosen
            said = re.sub(r"(?:总数|人数|数)$", "", _own_name(c.chunk)) if c.is_row else ""
            # ("“双师型”教师比例和高级“双师型”教师比例": the sub-row's name said, the parent's is said besides it)
            if len(said) > len(core):
                question = question.replace(said, " ")
        # beside another indicator, "专任教师和教职工总数各多少" names 专任教师总数 without its count word
        return all(_own_name(c.chunk) != core for c in chosen if c.is_row) \
            and _names_row(question, row.chunk, asks_count=False)

    def _sentence_after(self, e: Evidence) -> str:
        """The sentence right after a place's quote, in its chunk or the next one of its section ("" for a row)."""
        at = e.chunk.text.find(e.quote)
        if e.is_row or at < 0:
            return ""
        rest = e.chunk.text[at + len(e.quote):].strip()
        if not rest and e.chunk.id in self.following:
            rest = self.following[e.chunk.id].text
        return re.match(r"[^。！？!?]*[。！？!?]?", rest).group()

    def _names_facility_for(self, what: str) -> bool:
        """Whether the report names a facility for what a question describes (护理 -> 护理实训基地): its first word
        the report knows, followed closely by a kind of facility."""
        words = [w.lower() for w in query_terms(what, self.cut) if isinstance(w, str) and self.weights.known(w.lower())]
        if not words:
            return True  # (nothing the report knows to look for: other checks decide)
        near = re.compile(re.escape(words[0]) + r"[\u4e00-\u9fff]{0,8}?" + _FACILITY_KINDS)
        return any(near.search(t.lower()) for t in self.weights.texts)

    @staticmethod
    def _counts_only_the_whole_list(question: str, quote: str) -> bool:
        """Whether a question counts one item of a list ("短视频制作这一项培训了多少人") and the place lists it among
        three or more with no figure of its own ("开展…、短视频制作、花卉栽培等培训，全年培训5727人")."""
        item = _ONE_ITEM.search(question)
        if not item:
            return False
        run = next((r.group() for r in _LIST_RUN.finditer(quote) if item.group(1) in r.group()), "")
        own = re.search(re.escape(item.group(1)) + r"[^、，,。；;]{0,6}\d", quote)
        return len(run.split("、")) >= 3 and not own

    def _parts_not_spelled_out(self, question: str) -> bool:
        """Whether a question asks what each part of a numbered name is ("这“九抓”具体是哪九项", "“1”“2”“3”“4”
        分别指什么") and the report writes the name without ever listing its parts."""
        question = re.sub(r"(?<=“[\d一二三四五六七八九十])”“(?=[\d一二三四五六七八九十]”)", "", question)  # “1”“2” -> “12”
        return any(_numeral_value(m.group(1)) >= 2 and spells_out(m.group(1), "。".join(self.weights.texts)) is False
                   for m in _PARTS_ASKED.finditer(question))

    def _counted_thing_not_said(self, question: str, places: list[Evidence]) -> bool:
        """Whether a question counts a thing the report tells of ("几个学生食堂") and no place that could answer says
        it, in its word or a synonym's: what they count is something else. People are left out, whom a report
        counts by many words (学子, 师生, 人)."""
        m = _COUNTED_THING.search(question)
        if not m or not self.tag or not places or any(e.is_row for e in places):
            return False  # (a table's row says its thing in its label's words)
        # the nouns right after the count ("几个学生食堂" -> 食堂; "几位同学拿了一等奖" -> 同学; "多少人参加": none)
        nouns = list(itertools.takewhile(lambda wf: wf[1].startswith("n"), self.tag(m.group(1))))
        thing = nouns[-1][0].lower() if nouns else ""
        if len(thing) < 2 or thing[-1] in _PEOPLE_ENDINGS or not self.weights.known(thing):
            return False
        said = {thing, *(w.lower() for w in query_terms(expand_synonyms(thing), self.cut) if len(w) > 1)}
        return not any(w in e.quote.lower() for e in places for w in said)

    @staticmethod
    def _cares_for_others(question: str, quote: str) -> bool:
        """Whether a question asks who does something for one kind of people ("孩子在学校生病了谁来管") and the place
        names people of other kinds only (教职工关怀体系，党委书记…生病慰问): it tells of others."""
        who = re.search(r"谁|哪位|哪些人", question)
        if not who:
            return False
        asked, said = _people_kinds(question[:who.start()]), _people_kinds(quote)
        return bool(asked) and bool(said) and not asked & said

    def _name_not_given(self, places: list[Evidence]) -> bool:
        """Whether the question asks what something is called ("公众号叫什么名字") and no place gives a name:
        a report quotes a name (“中专故事讲解员”, 《…》) unless it is an organisation's or a table's cell, and
        writes a person's plainly (which the tagger knows as a name)."""
        question = getattr(self._unknown, "question", "")
        if _TEACHER_ASKED.search(question):
            # "是哪位老师": a teacher is named as 朱亮亮老师, 刘雯博士, or plainly (which the tagger knows as a name);
            # "叶子航拿了奖，他的指导老师是谁": not by the name the question itself gives
            role = _ROLE.search(question)
            texts = [e.quote for e in places[:1]]
            said = _ROLE_SAID.get(role.group()[:2], "") if role else ""
            if said and texts and not re.search(said, texts[0]):
                return True  # "指导老师是谁" where the place tells of no one guiding: a teacher it names is not that

            if role and texts and role.group() in texts[0]:
                # "主持人是哪位老师" -> "由名班主任工作室主持人牵头……徐清老师代表衢州市参赛": a name in another
                # clause is not the holder's
                texts = [c for c in re.split(r"[，,。；;…]+", texts[0]) if role.group() in c]
            # (a person's name is said in few places; the tagger's "nr" on 师生 is a common word)
            return not any(any(m.group() not in question for m in _TEACHER_NAMED.finditer(t)) or self.tag and any(
                f.startswith("nr") and len(w) >= 2 and w not in question and self.weights.df(w.lower()) <= 3
                for w, f in self.tag(t)) for t in texts)
        if _STUDENTS_ASKED.search(question):
            # "成员是哪几位同学": students are named plainly (which the tagger may know), with their class (24化工黄奇鸿)
            # or their number (蒋烨锋等3名同学)
            # (the sentence after a place that leads a list of winners names them: "…累计斩获二等奖2项。24化工黄奇鸿、…")
            texts = [e.quote + self._sentence_after(e) for e in places[:1]]
            return not any(_STUDENTS_NAMED.search(t) or self.tag and any(
                f.startswith("nr") and len(w) in (2, 3) and w not in question and self.weights.df(w) <= 1
                for w, f in self.tag(t)) for t in texts)
        if not _NAME_ASKED.search(question) or any(kind_mark(k) for k in getattr(self._unknown, "kinds", ())):
            return False
        if not places:
            return True  # nothing that could answer names anyone
        if _PERSON_NAMED.search(question):
            # a person's name is written plainly (刘雯博士): the place that answers must name someone
            return bool(self.tag) and not any(f.startswith("nr") and len(w) >= 2 for w, f in self.tag(places[0].quote))
        thing = _THING_NAMED.search(question)
        noun = thing.group(1).lower() if thing and "的" not in thing.group(1) and not places[0].is_row else ""
        if noun and only_counted(noun, places[0].quote):
            return True  # "这门课叫什么名字" where the places say only 1门省级主题研学课程
        if len(noun) > 2 and noun not in places[0].quote.lower():
            # (the report's sentences are read only for a thing the place found does not mention)
            said = [c for t in self.weights.texts for c in re.split(r"[。；;！!？?]", t) if noun in c]
            if said and all(only_counted(noun, c) for c in said):
                return True  # "这个数字社团叫什么名字" where the report says only 成功申报数字社团1个, in another place
        # (or names an organisation by its name's ending: "前身为嘉兴县秀水农业职业中学")
        return not any(e.is_row or re.search(r"“[^”]{2,}”|《[^》]+》|「[^」]+」", e.quote)
                       or _SCHOOL.search(self._without_own_names(e.quote)) or _COMPANY.search(e.quote) for e in places)

    def _says_only_what_is_quoted(self, pinned: list[Evidence], qterms: list, intent: Intent) -> bool:
        """Whether the question quotes a figure of the report, and the places that state it give no other
        figure (years and dates aside) in what would be quoted: the question asks what they do not say."""
        if not any(self._quotes_the_questions_figure(e) for e in pinned):
            return False
        question = getattr(self._unknown, "question", "")
        asked = set(numbers_in(_strip_table_refs(question, intent.sections)))
        which = intent.listing and _WHICH_OF.search(question)
        for e in pinned:
            shown = e.quote if e.is_row else best_extract(e.quote, qterms, self.weights, intent)
            if e.is_row and e.coverage >= 0.6:
                # "表3里2025年…是94.4680万元。这里面给服刑人员做培训的那部分是多少": the row's figure of another
                # year, which the question does not ask, is no part of the one it quotes (a row the question
                # names; not one that only shares a number with it, "23、24、25级" and a row's 25)
                quoted = [y for k, v in e.chunk.meta.items() if k.startswith("y") and (y := k[1:])
                          and set(numbers_in(v)) & asked]
                if quoted and set(intent.years) <= set(quoted):
                    shown = " ".join(v for k, v in e.chunk.meta.items() if k[1:] in quoted)
            if which and _NAMES_ITEMS.search(shown):
                return False  # "那4个学科是哪几门": names, not another figure, are what is asked
            shown = re.sub(r"(?:20\d\d\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|20\d\d\s*年?", " ", shown)
            if set(numbers_in(shown)) - asked:
                return False
        return True

    def _counts_without_names(self, pinned: list[Evidence], qterms: list, intent: Intent) -> bool:
        """Whether the question asks which things make up a figure it quotes, and every sentence stating that
        figure only counts them: no title, quoted name or list of names in what would be quoted."""
        counts = small_counts(getattr(self._unknown, "question", ""))
        stating = [e for e in pinned if not e.is_row and self._quotes_the_questions_figure(e)]
        question = getattr(self._unknown, "question", "")
        named = [e for e in pinned if e.is_row and names_table(question, e.chunk.table)]
        if stating and not named:  # ("表1-1里学生拿了7项…": the row of the table the question names is meant)
            return not any(_NAMES_ITEMS.search(self._around_the_figure(e.quote)) for e in stating)
        # "被市级媒体报道了三次。是哪几家媒体报的": a small count the question repeats pins the place that
        # would be quoted, when that place says it
        best = named[0] if named else pinned[0] if pinned else None
        years = {k: v for k, v in best.chunk.meta.items() if k.startswith("y")} if best is not None else {}
        if best is not None and best.is_row and (best.chunk.meta.get("unit") in _COUNT_MEASURES or not years):
            # "表2里说有5个校级虚拟仿真实训基地。这5个基地分别是给哪些专业用的": the row that counts them is the
            # figure quoted, and a count names none of them
            # ("表1里…面向第三产业就业的毕业生有35人。他们主要进了哪些行业": a figure of any size; "表1-1里学生拿了
            # 7项国家一等奖。这7项分别是哪些比赛": a count table's cell, 学生获奖 7, not a year's)
            told = {n for c in counts for n in numbers_in(c)} | set(getattr(self._unknown, "figures", []))
            cells = " ".join(years.values()) if years else " ".join(
                re.findall(r"(?<=[\u4e00-\u9fff] )\d+(?= ·|$)", best.chunk.text.split(" · ", 2)[-1]))
            return bool(told & set(numbers_in(cells)))
        return best is not None and not best.is_row and any(c in best.quote for c in counts) \
            and not _NAMES_ITEMS.search(_around(best.quote, counts))

    def _around_the_figure(self, sentence: str) -> str:
        """The clause of a sentence that states a figure the question quotes, with the clause after it (where
        the things counted are named, if anywhere): "…等体育集训队，…勇夺22枚金牌、9枚银牌" -> the medals' clause."""
        figures = getattr(self._unknown, "figures", [])
        return _around(sentence, figures, numbers_in)

    @staticmethod
    def _rate_of_another(best: Evidence, qterms: list) -> bool:
        """Whether every clause of a sentence that gives a share (%) names none of the question's words but
        the share's own (比例, 率): the share is of something else."""
        if best.is_row:
            return False
        rated = [c.lower() for c in split_clauses(best.quote) if "%" in c]
        words = [w for t in qterms for w in (t if isinstance(t, tuple) else (t,)) if w not in _SHARE_WORDS]
        # ("升学率" is said "100%升学": the rate's noun without 率)
        words += [w[:-1] for w in words if len(w) > 2 and w.endswith("率")]
        return bool(rated) and bool(words) and not any(w in c for c in rated for w in words)

    def _other_ordinal(self, quote: str) -> bool:
        """Whether the sentence that asks names an occasion or a place by its number ("第一届", "第一名") and the
        place gives only other numbers of that kind (第二届, 第17名): it tells of another one."""
        asked = getattr(self._unknown, "asked", "")
        said = [(_ordinal_value(n), kind) for n, kind in _ORDINAL.findall(quote)]
        for number, kind in _ORDINAL.findall(asked):
            value = _ordinal_value(number)
            if value and any(k == kind for _, k in said) and (value, kind) not in said:
                return True
        return False

    def _counts_another(self, best: Evidence, intent: Intent) -> bool:
        """Whether every clause of the place that gives a figure tells of another occasion or body
        than the one asked about, which the place names in another clause: "第七届运动会上田径拿了多少块金牌" ->
        "在…第二届中小学田径运动会上勇夺22枚金牌…，…获衢州市第七届运动会三人制篮球比赛第一名"; "第40期团校招了
        多少名学员" -> "成功举办第39、40期团校及第28期党校，吸纳68名优秀学生加入业余党校"."""
        if best.is_row:
            return False
        quote = best.quote.lower()
        # the clauses that count ("多少块金牌" is answered by 22枚金牌), not those that number (第39、40期团校)
        count = re.compile(rf"(?<![第\d、.])\d+(?:\.\d+)?\s*[{MEASURE_WORDS}枚块元%]")
        clauses = [c.lower() for c in split_clauses(best.quote) if count.search(c)]
        asked = getattr(self._unknown, "asked", "") or getattr(self._unknown, "question", "")
        # a body asked (团校) beside one of its kind (党校), each told of in few places
        rare = lambda w: len(w) == 2 and 0 < self.weights.df(w) <= 3
        bodies = [w.lower() for w in query_terms(asked, self.cut) if isinstance(w, str) and rare(w.lower())
                  and w.lower() in quote]
        told = split_clauses(quote)

        def another(clause: str) -> bool:
            if self._other_ordinal(clause):
                return True
            # one of its kind told beside it ("团校及第28期党校"), not 证书 after 读书活动
            return any(w not in clause and any(
                s != w and rare(s) and s not in asked.lower() and any(w in c and s in c for c in told)
                for s in (clause[i - 1:i + 1] for i in range(1, len(clause)) if clause[i] == w[-1])) for w in bodies)

        return bool(clauses) and all(another(c) for c in clauses)

    def _extreme_not_said(self, best: Evidence) -> bool:
        """Whether the sentence that asks wants an extreme (最低, 最少, 最早) the place does not state while it
        states the opposite one (最高, 最多, 最晚)."""
        question = getattr(self._unknown, "question", "")
        asking = [p for p in re.split(r"(?<=[。！!？?])", question) if p.strip()]
        last = asking[-1] if asking else question
        return any(a in last and a not in best.quote and b in best.quote for a, b in _EXTREMES)

    def _condition_not_in(self, places: list[Evidence], intent: Intent) -> bool:
        """Whether the question sets a figure as a condition ("满20年", "超过50人") that no place states."""
        question = _strip_table_refs(getattr(self._unknown, "question", ""), intent.sections)
        conditions = [m.group(1) or m.group(2) for m in _CONDITION.finditer(question)]
        return bool(conditions) and not any(c in numbers_in(e.quote) for c in conditions for e in places)

    def _neither_alternative_in(self, places: list[Evidence]) -> bool:
        """Whether the question offers alternatives ("是税前还是税后") and no place says a word of either."""
        m = _ALTERNATIVES.search(getattr(self._unknown, "question", ""))
        if not m:
            return False
        alternatives = [[w for w in query_terms(alt, self.cut) if len(w) >= 2] for alt in m.groups()]
        if not all(alternatives) or any(_ASK.search(alt) for alt in m.groups()):
            return False  # "是他一个人还是团队" (the first names nothing), "是中职组还是别的什么组" (asks which)
        return not any(w in e.quote for words in alternatives for w in words for e in places)

    def _majors_asked(self, question: str) -> list[list[str]]:
        """The majors a question names ("护理专业…"), each as the names it may go by in the report (its own
        name and the report terms an everyday name stands for)."""
        words = [w for w in (self.cut(question) if self.cut else []) if w.strip()]
        out = []
        for i, word in enumerate(words):
            name = word[:-2] if word.endswith("专业") and len(word) > 2 else words[i - 1] if word == "专业" and i else ""
            # (a major the report names otherwise: 数控专业 is its 数控技术应用)
            others = [term.lower() for term, said in synonym_pairs(name + "专业") if "专业" in said]
            if len(name) < 2 or _ASK.search(name) or name in _NOT_A_MAJOR \
                    or not (self.weights.known(name + "专业") or any(self.weights.known(t) for t in others)):
                continue
            if re.fullmatch(r"[一二两三四五六七八九十几\d]+[个大]?", name):
                continue  # "三个专业群的序号": how many, not which major
            out.append([name.lower()] + others)
        return out

    def _names_a_major_not_in(self, question: str, text: str) -> bool:
        """Whether the question asks about one major ("护理专业…多少项") that the place does not name, under
        the report's name for it or an everyday one: then the place's figure is another major's or the
        whole school's."""
        low = text.lower()
        return any(not any(n in low for n in names) for names in self._majors_asked(question))

    def _counts_no_major(self, question: str, best: Evidence) -> bool:
        """Whether a sentence names the major a "多少个学生" question asks about only where it gives no
        figure ("…专业本科人数建筑专业全省第一"): it ranks the major, it does not count its students."""
        majors = self._majors_asked(question)
        if best.is_row or not majors:
            return False
        pieces = re.split(r"[，,；;。、]", best.quote)
        # the clause that names the major, with the one after it ("新增无人机操控与维护专业，招生45人")
        clauses = [c + "，" + (pieces[k + 1] if k + 1 < len(pieces) else "") for k, c in enumerate(pieces)
                   if any(n in c.lower() for n in majors[0])]
        return bool(clauses) and not any(re.search(r"\d", c) for c in clauses)

    def _names_own_school(self, text: str, qterms: list) -> bool:
        """Whether a row is this report's school's entry and the question names no other organisation."""
        return any(n in text for n in self.own_names) and not self._other_names(qterms)

    @staticmethod
    def _names_all(e: Evidence, names: list[str]) -> bool:
        """Whether a place (its quote or its paragraph) names every one of some organisations."""
        return all(n in e.quote or n in e.chunk.text for n in names)

    def _tells_of_before(self, text: str) -> bool:
        """Whether a text says anything of an earlier year or of a change: the year before the report's, 去年, a
        change by a figure (较2024年增加22人, 从45人扩招至90人) or a rise or fall (进步7名)."""
        before = self.report_years[-2] if len(self.report_years) > 1 else ""
        return bool(_STATES_CHANGE.search(text) or _CHANGE_SAID.search(text) or before and before in text)

    def _other_names(self, qterms: list[str]) -> list[str]:
        """Organisations the question names that are not the report's own school."""
        return [t for t in qterms if isinstance(t, str) and len(t) >= 4 and _ORG.search(t)
                and not any(t in n or n in t for n in self.own_names)]

    def _years_covered(self, best: Evidence, intent: Intent) -> bool:
        """A question about a year the report has no figure for is not answered with another year's figure."""
        question = getattr(self._unknown, "question", "")
        told = set(_YEAR_TOLD.findall(question))
        # "2025年是28项，那2024年多少项": the year whose figure the person gives is not the one asked
        asked = tuple(y for y in intent.explicit_years if y not in told) or intent.explicit_years
        # "表5给了2024和2025年的…，那2023年是多少": the years of the sentence that asks, not of the story before it
        asking = set(years_in(_from_asking_clause(without_context(question, name_pointed=False))))
        asked = tuple(y for y in asked if y in asking) or asked
        if best.is_row and any(k.startswith("y") for k in best.chunk.meta):
            # "did it go up from 2023 to 2024": a change needs each year it names
            return (all if intent.compare else any)(f"y{y}" in best.chunk.meta for y in asked)
        # "较2024年增加22人" compares with 2024; the sentence's figures are this report's year's
        baselines = set() if intent.compare else set(_BASELINE_YEAR.findall(best.quote))
        quoted = set(years_in(best.quote)) - baselines
        if quoted:
            return any(y in quoted for y in asked)
        if self.report_years and (baselines or not intent.compare or not _STATES_CHANGE.search(best.quote)):
            # a sentence that names no year tells of this report's year; one that compares says by how much
            return self.report_years[-1] in asked
        return all(y in self.report_years for y in asked)

    def _choose(self, evidence: list[Evidence], intent: Intent, qterms: list) -> list[Evidence]:
        best = evidence[0]
        listed = False
        if not best.is_row and intent.listing:
            quote = _with_announced_list(best, intent, self.following)
            listed = quote != best.quote or list_size(quote) >= (intent.count or 3)
            best = replace(best, quote=quote)
        chosen = [best]
        # "专题教育周有哪些": once the best place lists …周, a place that lists none goes on about something else
        kinded = bool(intent.kind_listed) and not best.is_row and _lists_kind(best.quote, intent.kind_listed)
        if best.is_row:
            # a word the question shares with the best row's cells (日本工业大学 among 数控's four rows) picks that row
            label = _label_text(best.chunk).lower()
            words = [w for t in qterms for w in (t if isinstance(t, tuple) else (t,)) if len(w) > 1 and w not in label]
            named = [w for w in words if w in best.chunk.text.lower()]
            # "中医的、母婴的都有…两个方向各招几个": a row of the entry that alone has a word asked, which the best
            # row lacks, is asked too (not rows that share a word such as 方向)
            others = [w for w in words if w not in best.chunk.text.lower()]
            if others:  # (the entry's rows are read only when the question has such a word)
                entry = [r for r in self.rows.rows if r.table == best.chunk.table and _same_entry(r, best.chunk)]
                others = [w for w in others if sum(w in r.text.lower() for r in entry) == 1]
            chosen += [e for e in evidence[1:] if e.is_row and e.chunk.table == best.chunk.table
                       and (all(w in e.chunk.text.lower() for w in named)
                            or _same_entry(e.chunk, best.chunk) and any(w in e.chunk.text.lower() for w in others))
                       and (_same_entry(e.chunk, best.chunk) and (e.score >= best.score - 0.2
                                                                      or e.chunk.meta.get("unit") in intent.measures)
                            or intent.listing and e.score >= best.score - 0.03)][:3]  # "一等奖和二等奖分别"
            if not any(k.startswith("y") for k in best.chunk.meta) and intent.listing and named and not intent.numeric:
                # "哪些专业的3+2是跟衢州职业技术学院合作的": every entry whose cells say what the question does
                combos = [c for c in re.findall(r"\d+\s*\+\s*\d+", getattr(self._unknown, "question", ""))
                          if c in best.chunk.text]
                every = [r for r in self.rows.rows if r.table == best.chunk.table
                         and all(w in r.text.lower() for w in named) and all(c in r.text for c in combos)]
                labels = [r.meta.get("label", "") for r in every]
                asked = getattr(self._unknown, "question", "").lower()
                named_entry = any(r.meta.get("label", "") and r.meta["label"].lower() in asked
                                  for r in self.rows.rows if r.table == best.chunk.table)
                if len(every) >= 2 and len(set(labels)) >= 0.6 * len(every) and not named_entry:
                    return [Evidence(r, r.text, best.score, best.rank, best.coverage) for r in every[:_MAX_LISTED]]
            elif not any(k.startswith("y") for k in best.chunk.meta):
                # a list table's other entries for the same name (a school's three 专业群), matched or not
                have = {e.chunk.id for e in chosen}
                own = best.chunk.meta.get("label", "")
                # "休闲体育服务与管理是哪种学制": the entry the question names, not the others sharing its partner school
                one_named = bool(own) and own.lower() in getattr(self._unknown, "question", "").lower()
                chosen += [Evidence(r, r.text, best.score, best.rank, best.coverage) for r in self.rows.rows
                           if r.table == best.chunk.table and r.id not in have
                           and _shared_cells(r.text, best.chunk.text) - {own}
                           and not (one_named and _names_another_entry(r, own))
                           and all(w in r.text.lower() for w in named)][:4 - len(chosen)]
        extra = 0
        for e in evidence[1:]:
            if e in chosen:
                continue
            # "项目数与到账经费两年各多少": a second indicator the question names, from the same table
            another = e.is_row and best.is_row and self._names_another_indicator(e, chosen, qterms)
            named = another and self._named_whole(e, chosen)  # "市一等奖、市二等奖、市三等奖各几项": each one asked
            if extra >= self.max_quotes - 1 and not named:
                continue
            if e.coverage < self.refuse_below and not named:
                continue  # a story around the question thins every place's coverage, not a named indicator's
            if e.chunk.section in {c.chunk.section for c in chosen} and not another \
                    and not (intent.listing and not e.is_row and self._names_more_of_kind(e, chosen)):
                continue  # (but "哪些企业…都列一下": a sentence of the same section that names other companies goes on)
            if e.score < 0.85 * best.score and e.coverage < best.coverage and not another:
                continue
            if kinded and not _lists_kind(e.quote, intent.kind_listed):
                continue
            shown = e.quote if e.is_row else best_extract(e.quote, qterms, self.weights, intent)
            if intent.numeric and not (numbers_in(shown) and (e.is_row or _states_a_count(shown, qterms))):
                continue  # a second place must state a figure of the thing asked about
            if _adds_a_figure(shown, chosen, qterms, self.weights, intent) or (
                    intent.listing and not listed and e.is_row == best.is_row):  # a list goes on in its own kind of place
                chosen.append(e)
                extra += 1
        chosen = self._parents_meant(chosen, qterms)
        if all(e.is_row and _gives_figures(e.chunk) for e in chosen):
            # "省一、二、三等奖各是多少": a table's indicators in the order the question names them
            asked = getattr(self._unknown, "question", "").lower()
            chosen.sort(key=lambda e: asked.find(_own_name(e.chunk)) % (len(asked) + 1))  # (not named whole: last)
        return chosen

    def _parents_meant(self, chosen: list[Evidence], qterms: list) -> list[Evidence]:
        """Chosen sub-rows whose qualifier the question does not say, given as their parent indicator instead
        ("双师型 teacher share": “双师型”教师比例, not 其中：高级“双师型”教师比例); and the parent put beside a sub-row
        when the question also says the parent's name without the qualifier ("双师型 ratio and senior 双师型
        ratio (高级…)")."""
        question = getattr(self._unknown, "question", "").lower()
        said = question + " " + " ".join(t if isinstance(t, str) else " ".join(t) for t in qterms)
        out = []
        for e in chosen:
            parent = e.chunk.meta.get("parent", "").lower() if e.is_row else ""
            qualifier = _own_name(e.chunk).replace(parent, "") if parent and parent in _own_name(e.chunk) else ""
            row = next((r for r in self.rows.rows if r.table == e.chunk.table and r.meta.get("label", "").lower() == parent
                        and _gives_figures(r)), None) if qualifier else None
            if row is None or any(c.chunk.id == row.id for c in chosen):
                out.append(e)
                continue
            # the parent's first word the question says (双师型 of “双师型”教师比例), each time with the qualifier
            # before it or not
            key = next((w for w in re.findall(r"[\u4e00-\u9fff]+", parent) if w in question), "")
            at = [m.start() for m in re.finditer(re.escape(key), question)] if key else []
            apart = [i for i in at if qualifier not in question[max(0, i - 8):i]]
            parent_row = Evidence(row, row.text, e.score, e.rank, e.coverage)
            # (the qualifier said in words of its own: 校企合作 by "跟企业合作")
            if not any(w in said for w in (self.cut(qualifier) if self.cut else [qualifier]) if len(w) > 1):
                out.append(parent_row)  # the qualifier is not asked: the indicator itself is
            else:
                out += [parent_row, e] if apart and len(apart) < len(at) else [e]
        return out

    # ---- rendering
    def _render(self, question: str, intent: Intent, qterms: list[str], chosen: list[Evidence]) -> Answer:
        parts, citations, computed = [], [], []
        entries = [e for e in chosen if e.is_row and not any(k.startswith("y") for k in e.chunk.meta)]
        labels = {e.chunk.meta.get("label", "") for e in entries}
        listed = intent.listing and not intent.numeric and len(entries) >= 3 and len(labels) >= 0.6 * len(entries) \
            and all(labels) and len({e.chunk.table for e in entries}) == 1 \
            and not any(label.lower() in question.lower() for label in labels) and \
            _entries_named(entries[0].chunk.title, [e.chunk for e in entries], intent)
        if listed:  # which entries share what is asked (3+2): their names, unless the question names one itself
            parts.append((listed, entries[0].chunk.section))
            citations += [Citation(section=e.chunk.section, title=e.chunk.title, quote=e.quote) for e in entries]
            chosen = [e for e in chosen if e not in entries]
        for e in chosen:
            if e.is_row:
                text, numbers = render_row(e.chunk, intent)
                computed += numbers
            else:
                text = _quote_text(best_extract(e.quote, qterms, self.weights, intent), intent)
                if intent.compare or len(intent.years) >= 2:  # ("去年第几，今年第几": both years' places asked)
                    text, moved = _with_rank_change(text, intent.lang)
                    computed += moved
            parts.append((text, e.chunk.section))
            citations.append(Citation(section=e.chunk.section, title=e.chunk.title, quote=e.quote))
        sep = "; " if intent.lang == "en" else "；"
        merged = _merge_same_heads(parts, sep)
        if intent.total:
            merged, sums = _add_up_entries(merged, [e.chunk for e in chosen if e.is_row], intent)
            computed += sums
        body = sep.join(f"{text}【{section}】" for text, section in merged)
        body = body if body.endswith(("。", ".")) else body + ("." if intent.lang == "en" else "。")
        answer = Answer(text=body, citations=_dedupe(citations), question=question)
        enforce_grounding(answer, computed)
        return answer

    def _refusal(self, question: str, intent: Intent, evidence: list[Evidence], hits: list[Hit]) -> Answer:
        near = evidence[0] if evidence else (Evidence(hits[0].chunk, hits[0].chunk.text, 0, 0) if hits else None)
        nearest = Citation(section=near.chunk.section, title=near.chunk.title, quote=near.quote) if near else None
        return refusal(question, intent.lang, nearest)


# "综合排名全省第9名（2024年为第14名）": this year's place, and an earlier year's after it
_RANK_THEN = re.compile(r"第\s*(\d+)\s*名?\s*[（(]\s*((?:19|20)\d\d)\s*年\s*(?:为|是|排)?\s*第\s*(\d+)\s*名?\s*[)）]")


def _with_rank_change(text: str, lang: str) -> tuple[str, list[str]]:
    """A quote that gives a place in a ranking and an earlier year's, with how many places it moved, said to be
    computed ("第9名（2024年为第14名）" -> "…，较2024年前进5名，按文中数字计算"); the numbers computed."""
    m = _RANK_THEN.search(text)
    if not m:
        return text, []
    now, year, then = int(m.group(1)), m.group(2), int(m.group(3))
    if now == then:
        return text, []
    moved = abs(then - now)
    if lang == "en":
        way = "up" if now < then else "down"
        return f"{text} (moved {way} {moved} places since {year}, {COMPUTED_TEXT_EN})", [str(moved)]
    way = "前进" if now < then else "后退"
    return f"{text}（较{year}年{way}{moved}名，{COMPUTED_TEXT_ZH}）", [str(moved)]


def refusal(question: str, lang: str, nearest: Citation | None = None) -> Answer:
    """The reply when the report does not say: one sentence, then a pointer to the closest place it does.

    Args:
        question: what was asked (its topic is repeated back).
        lang: ``zh`` or ``en``.
        nearest: the passage that comes closest, cited; None when nothing does.

    Returns:
        A refused Answer.
    """
    topic = topic_of(question)
    text = (REFUSAL_EN if lang == "en" else REFUSAL_ZH).format(topic=topic)
    citations = []
    if nearest is not None:
        quote = _shorten(nearest.quote, 24)  # a pointer; the citation carries the whole passage
        quote = quote if quote.endswith(("…", "。", ".", "！", "？", "!", "?")) else \
            quote.rstrip("；;，,、：:") + ("." if lang == "en" else "。")
        hint = (NEAREST_EN if lang == "en" else NEAREST_ZH).format(ids=nearest.section, quote=quote)
        text = f"{text}{' ' if lang == 'en' else ''}{hint}"
        citations = [nearest]
    answer = Answer(text=text, citations=citations, refused=True, question=question)
    enforce_grounding(answer, numbers_in(topic))  # the question repeated back may be cut short
    return answer


# "按专业分", "分年级": a breakdown the answer must give by that dimension
_BREAKDOWN = re.compile(r"按\s*(?!种类|类别|类型|报告|表格|附表|年报)([\u4e00-\u9fff]{2,3}?)\s*(?:来)?(?:分|划分|区分|拆分)(?!析|别是)|"
                        r"(?<![部充十])分\s*(专业|年级|性别|学部|班级|学段|月份|地区)|"
                        r"(男)(?:生|同学|老师|教师|教职工|性)?\s*[、和与及跟/]\s*女")  # "男老师、女老师各有多少"
# teachers, asked about by name of the group: a table row that never says so counts someone else
_TEACHERS = re.compile(r"老师|教师|教职工|师资|班主任|导师|\bteachers?\b|\bstaff\b", re.I)
_STUDENTS = re.compile(r"学生|在校生|毕业生|孩子|学员|生师比|师生|\bstudents?\b|\bgraduates?\b", re.I)
# an extreme asked and its opposite: a place that says one does not say the other
# "最多的是哪个", "哪个专业最热门": which one is top, which the report must say itself
_WHICH_MOST = re.compile(r"最(?:多|高|少|低|大|小|热门|受欢迎|火|好|强|早|晚|快|难|容易)[^，,。？?]{0,6}(?:是)?(?:哪|什么)|"
                         r"(?:哪|什么)[^，,。？?]{1,8}最(?:多|高|少|低|大|小|热门|受欢迎|火|好|强|早|晚|快|难|容易)|"
                         r"\bwhich (?:one |\w+ )?(?:has|had|is|was|gets?|got|draws?) the (?:most|highest|largest|biggest|fewest|"
                         r"lowest|smallest)\b", re.I)
# how a word for people ends (学生, 队员, 老师, 工人, 选手, 名医, 专家, 学者, 校友): a report names people plainly
# beside their count, or counts them by many words
_PEOPLE_ENDINGS = "生员师人手长医家者友"
# "其中省级的有几篇": a part of a figure the question quotes, by what sets it apart
_WITHIN_ASKED = re.compile(r"其中(?:的)?([\u4e00-\u9fff]{2,6}?)的?(?:有|是|占)?(?:几|多少)")
# "放在全省中职学校里算高还是低", "在全市算什么水平": where a figure stands among others', which a place must tell of
_STANDING_ASKED = re.compile(r"(全国|全省|全市|省内|市内|省里|市里|同类学校)[^，,。？?]{0,10}(?:算|属于|处于|是)(?:高还是低|低还是高|"
                             r"多还是少|少还是多|什么水平|哪个档次|偏高还是偏低|高不高|多不多)")
# "全省排第一的是哪所学校", "第一名是谁": which one came first, which the report must say of it
_WHICH_FIRST = re.compile(r"(?:排|排名|名列|排在)(?:全省|全市|全国)?第[一1]名?的?(?:是)?(?:哪|什么|谁)|第[一1]名(?:是)?(?:哪|谁)")
# (not a school's name: 黄岩区第一职业技术学校)
_FIRST_SAID = re.compile(r"第一(?![\u4e00-\u9fff]{0,2}(?:职业|中学|学校|高中|小学|中专|实验))|第1名|榜首|首位|居首|冠军|之首")
_RANKED = re.compile(r"最|第一|第1名|首位|之首|榜首|前列|居首|领跑|排名|冠军")
_EXTREMES = (("最低", "最高"), ("最高", "最低"), ("最少", "最多"), ("最多", "最少"), ("最小", "最大"), ("最大", "最小"),
             ("最早", "最晚"), ("最晚", "最早"),
             # "平均分是多少" where the place gives only the highest or lowest score
             ("平均", "最高"), ("平均", "最低"))
# "叫什么名字": a name asked for, which a report quotes
_NAME_WORDS = r"叫什么名字|叫啥名字?|是什么名字|名字叫什么|名字是什么"
_NAME_ASKED = re.compile(_NAME_WORDS + r"|what is (?:it|its|the \w+) called|what is the name", re.I)
# "这项专利叫什么名字": the thing whose name is asked, pointed at by 这/那
_THING_NAMED = re.compile(r"[这那](?:一|[\d一两])?[" + MEASURE_WORDS + r"套款]?([\u4e00-\u9fff]{1,8}?)(?:具体|究竟|到底)?"
                          rf"(?:{_NAME_WORDS})")
# "这“九抓”具体是哪九项", "“五项工程”分别叫什么": what each part of a numbered name is
_PARTS_ASKED = re.compile(r"“([^“”]{1,12})”[^，,。？?！!“”]{0,6}?(?:(?:分别|各自|具体)都?(?:是|指|叫|包括|包含|代表|有)(?:的是)?"
                          r"(?:哪|什么|啥)|哪\s*(?:[两二三四五六七八九十]+|\d+)\s*[个项样条方件种维类点重])")
# "一共有几个学生食堂", "有多少间教室": the thing a question counts, ending its clause
_COUNTED_THING = re.compile(r"(?:几|多少)\s*[" + MEASURE_WORDS + r"张间座栋台块]([^\W\d的]{2,8}?)"
                            r"(?=[？?，,。！!；;]|$|呢|啊|吧)")
# "剩下那2所是哪两所", "其余的几个是什么": the rest of a group, beyond those named
_REST_ASKED = re.compile(r"(?:剩下|其余|其他|另外)(?:的)?(?:那)?(?:[\d两一二三四五六七八九十几]+)\s*[" + MEASURE_WORDS + r"]"
                         r"[^？?。]{0,12}(?:哪|什么|谁)")
# "Please give the Chinese name", "what is that team called in Chinese": a name asked for in English
_CHINESE_NAME_EN = re.compile(r"\bchinese (?:name|term|title)s?\b|\bcalled in chinese\b", re.I)
# a name as a report quotes it: “中专故事讲解员”, 《创业创新》
_QUOTED_NAME = re.compile(r"[“《][^”》]{2,20}[”》]")
_TEACHER_ASKED = re.compile(r"(?:哪一?位|哪几位)(?:老师|教师|领导|专家)|(?:老师|教师|领导|专家)(?:是谁|叫什么|叫啥)|"
                            r"(?:教练|主持人|负责人|领队)(?:是谁|是哪|叫什么|叫啥)")
# "团队成员是哪几位同学", "which students were on the team": students asked for by name (not "哪些学生评选")
_STUDENTS_ASKED = re.compile(r"(?:成员|队员)(?:都|分别)?(?:是|有)?(?:哪几位|哪些|哪几个|谁)|(?:哪几位|哪几个|哪些)(?:同学|学生|队员|选手)"
                             r"(?=[？?，,。]|$|呢)|\bwhich students\b|\bwho (?:was|were) on (?:the|that|this) team\b", re.I)
_STUDENTS_NAMED = re.compile(r"[\u4e00-\u9fff]{2,3}等\s*\d+\s*[名位]|\d{2}[\u4e00-\u9fff]{1,4}?[\u4e00-\u9fff]{2,3}[、获等]|"
                             r"[\u4e00-\u9fff]{2,3}(?:同学|老师)")
# a role whose holder is asked for ("主持人是哪位老师"): the report names the holder beside the role
_ROLE = re.compile(r"主持人|负责人|指导老师|指导教师|教练|带队老师|领队|队长|社长|组长")
# a role a report says by what its holder does ("在朱老师指导下", "带队参赛"): a place that does not say it names no holder
_ROLE_SAID = {"指导": "指导", "教练": "教练|执教|训练", "带队": "带队|领队", "领队": "带队|领队"}
_TEACHER_NAMED = re.compile(r"[\u4e00-\u9fff]{2,3}(?:老师|博士|同志|教授|校长|书记)(?![们])")
_PERSON_NAMED = re.compile(r"(?:孩子|学生|同学|老师|教师|校长|书记|博士|专家|选手|负责人|师傅|人|他|她)\s*(?:的名字|叫什么|叫啥|是什么名字|名字)|"
                           r"\b(?:who|whose|person|teacher|student)\b", re.I)
# the words of a share itself, which say nothing of what it is a share of
_SHARE_WORDS = ("比例", "比率", "占比", "百分比", "率", "比重")
# "满20年", "超过50人", "30岁以下": a figure the question sets as a condition on what it counts
_CONDITION = re.compile(r"(?:满|超过|不少于|不低于|至少|以上|以下|低于|高于|达到)\s*(\d+(?:\.\d+)?)\s*(?:年|岁|人|个|次|分|%)|"
                        r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:年|岁|人|个|次|分)\s*(?:以上|以下|及以上|以内|或以上)")
# a title, a quoted name, or names listed with 、, each perhaps with its count (技能竞赛7项、创业创新3项),
# not counts alone (4个第一、2个第二)
_NAMES_ITEMS = re.compile(r"《|“|[\u4e00-\u9fff]{2,}(?:[\d.]+[\u4e00-\u9fff]?)?、[\u4e00-\u9fff]{2,}")
# "哪几门", "哪些学校", "哪4门学科": which things, by name
_WHICH_OF = re.compile(r"哪(?:几|些|[2-9]\s*[个门家所位项种样条])")
# "拿了4个学科第一", "报道了三次": a count of one digit the question states (not the "哪4门" it asks)
_SMALL_COUNT = re.compile(rf"(?<![\d.哪几])([1-9]|[两二三四五六七八九十])\s*([{MEASURE_WORDS}])")


def _around(sentence: str, said: Iterable[str], read=None) -> str:
    """The first clause of a sentence that says one of ``said`` (as a number ``read`` finds, or as text), with
    the clause after it; the whole sentence when no clause does."""
    clauses = split_clauses(sentence)
    k = next((k for k, c in enumerate(clauses) if any(f in (read(c) if read else c) for f in said)), None)
    return sentence if k is None else "".join(clauses[k:k + 2])


def small_counts(question: str) -> set[str]:
    """The one-digit counts a question states, each in both spellings ("三次" and "3次")."""
    out = set()
    for number, measure in _SMALL_COUNT.findall(question):
        value = _CN_DIGITS.get(number) or int(number)
        out |= {f"{value}{measure}", f"{next(k for k, v in _CN_DIGITS.items() if v == value and k != '两')}{measure}"}
    return out
# "这些课分别叫什么名字": the names of things counted
_NAMES_ASKED = re.compile(r"(?:分别|各自|都)(?:叫|是)(?:什么|啥)(?:名字|名称)?|(?:名字|名称)(?:分别|各自|都)?是(?:什么|啥)")
# "那个136号", "第39号": the running number of a list entry (not a date's 9月17号)
_SERIAL_ASKED = re.compile(r"(?<![\d.月])(\d+)\s*号(?![楼线院])")
# "是税前还是税后", "按普高收还是按中职收": two alternatives offered, each a few characters
_ALTERNATIVES = re.compile(r"(?:是|按)?([\u4e00-\u9fff]{2,6}?)还是(?:按)?([\u4e00-\u9fff]{2,6}?)(?:的|呢|啊)?(?:[？?，,。]|$)")
_HOW_MANY_EN = re.compile(r"\bhow (?:many|much)\b", re.I)
_LAST_CHAPTER = re.compile(r"最后一(?:章|部分|节)|最后那(?:章|部分)|报告(?:的)?(?:结尾|末尾|最后)")
_NTH_CHAPTER = re.compile(r"第\s*([一二三四五六七八九十]|\d+)\s*(?:章|部分)")
# "比去年高了还是低了", "前一年是多少": a year before the report's asked beside it
_PRIOR_ASKED = re.compile(r"去年|前一年|上一年|上年|\blast year\b|\bprevious year\b|\bthe year before\b", re.I)
# the year before the one the person speaks of ("家访率是70.2%。那前一年的是多少"), not 去年 (which may be the report's)
_YEAR_BEFORE = ("前一年", "上一年", "上年", "previous year", "the year before")
# how a place tells of an earlier year or a change by a figure (not "提升家校沟通")
_CHANGE_SAID = re.compile(r"去年|上年|上一年|前一年|往年|以往|从\s*\d|扩招|翻番|翻倍|进步|退步|新高|持平")
# "较去年增加22人", "增幅28.4%": a change by a figure (提升 alone, as in "提升家校沟通", says none)
# "比全省平均高多少", "男生比女生多几个": the gap between two figures
_GAP_ASKED = re.compile(r"比[^，,。？?]{1,16}?(?:高|多|低|少|大|小|快|慢|强|差)(?:出|了)?(?:多少|几)")
_STATES_CHANGE = re.compile(r"(?:较|同比|相比|比上)[^，。；]{0,12}\d|(?:增长|增加|提升|提高|下降|减少|降低|上升|增幅|降幅)(?:了|达|为|至)?\s*\d")
_ASK = re.compile(r"哪|什么|几|多少|各|每|所有|全部|这|那|该")
# words before 专业 that say what sort of major, not which one ("核心专业", "重点专业")
_NOT_A_MAJOR = {"核心", "重点", "优势", "热门", "特色", "骨干", "品牌", "相关", "关联", "新开", "新增", "主干", "传统", "新兴",
                "优质", "其他", "别的", "哪些", "冷门", "王牌", "对口", "主打", "主要", "不同", "所学", "喜欢", "理想",
                "合适", "适合",
                # "学校专业总数": the school's majors, all of them, not one named 学校
                "学校", "本校", "我校", "全校", "该校", "贵校", "开设", "现有", "所有", "全部", "各个"}
_YEAR_TOLD = re.compile(rf"(20\d\d)\s*年[^，,。；;？?！!比较]*?[是有为达了]\s*\d+(?:\.\d+)?\s*(?:%|[万亿]?[{MEASURE_WORDS}元])")
_BASELINE_YEAR = re.compile(r"(?:较|比|同比|相比于?|与|跟|和)\s*(20\d\d)\s*年?")


def _coordinated_in(word: str, text: str) -> bool:
    """Whether a text says both words a contracted pair stands for: 奖助学金 is 奖学金 and 助学金,
    中高职 is 中职 and 高职 (a shared end), 国内外 is 国内 and 国外 (a shared start)."""
    if not 3 <= len(word) <= 6:
        return False
    shared_end = word[0] + word[2:] in text and word[1] + word[2:] in text
    shared_start = word[:-1] in text and word[:-2] + word[-1] in text
    return shared_end or shared_start


def quoted_figures(question: str, sections: tuple[str, ...] = (), report_years: tuple[str, ...] = ()) -> list[str]:
    """Figures a question quotes ("那笔2499万的工程款"): numbers of two digits or more, not a month or a day
    ("10月来学校"), not a quoted name ("“520”"), not a table's number, not a year the report has figures for.

    Args:
        question: the question.
        sections: the sections it names (their numbers are no figures).
        report_years: the years of the report's tables.

    Returns:
        The figures in order.
    """
    not_figures = set(re.findall(r"(?<![\d.])(\d{1,2})\s*[月日号]", question))
    not_figures |= {n for q in re.findall(r"[“\"]([^”\"]{1,12})[”\"]", question) for n in numbers_in(q)}
    pointed = set(re.findall(rf"[那这]\s*(\d)\s*[{MEASURE_WORDS}]", question))  # "那6个学生": one the person points at
    return [n for n in numbers_in(_strip_table_refs(question, sections)) if (len(n.rstrip("%")) >= 2 or n in pointed)
            and not (re.fullmatch(r"20\d\d", n) and n in report_years) and n not in not_figures]


def adds_no_figure(text: str, quoted: list[str], measures: tuple[str, ...] = ()) -> bool:
    """Whether a reply to a "多少" question states no figure but those the question quotes itself
    ("今年发展了410名新团员。那全校一共有多少团员？" -> "全年发展新团员410名"): it tells nothing asked.

    Args:
        text: the reply.
        quoted: the figures the question quotes (``quoted_figures``).
        measures: the measure words asked (``Intent.measures``); only figures counted so are read.

    Returns:
        True when the reply states figures and every one of them is quoted by the question.
    """
    quoted = set(quoted)
    if not quoted:
        return False
    shown = stated_figures(text, measures)
    return bool(shown) and shown <= quoted


def stated_figures(text: str, measures: tuple[str, ...] = ()) -> set[str]:
    """The figures a reply states, without its citations, table numbers, dates and years; with ``measures``
    (``Intent.measures``), only those counted so ("一共有多少人": 738人, not the rate beside it).

    Args:
        text: the reply.
        measures: the measure words asked.

    Returns:
        The figures, as ``numbers_in`` writes them.
    """
    said = _FIGURELESS.sub(" ", text)
    if measures:  # "一共有多少人": the figures counted so, not a rate beside them
        alike = "|".join(re.escape(w) for m in measures for w in _MEASURE_ALIKE.get(m, (m,)))
        said = " ".join(hit.group(1) for hit in re.finditer(
            rf"({NUMBER.pattern})\s*(?:余|多)?\s*(?:万|亿)?(?:{alike})", said))
    return set(numbers_in(said))


def states_another_kind(text: str, measures: tuple[str, ...]) -> bool:
    """Whether a reply states figures, and all of another kind than the one asked: sums of money or rates
    for "给多少名学生投了保" ("0.3025万元"), no sum of money for "每人多少钱".

    Args:
        text: the reply.
        measures: the measure words asked (``Intent.measures``); with none, nothing is of another kind.

    Returns:
        The verdict; False for a reply with no figure in digits ("第七届", "三十余次"). People asked for are
        another kind than every figure followed by another measure word ("1981户", "70.2%").
    """
    figures = re.findall(rf"({NUMBER.pattern})\s*(?:余|多)?\s*(?:万|亿)?\s*(元|％|[\u4e00-\u9fff])?",
                         _FIGURELESS.sub(" ", text))
    kinds = ["%" if number.endswith("%") else word if word in "元％" else "" for number, word in figures]
    if not measures or not kinds:
        return False
    for asked, kind in (("%", "%"), ("钱", "元"), ("元", "元"), ("万元", "元")):
        if asked in measures:  # a rate, or a sum of money: none of that kind answers it
            return kind not in kinds
    if _asks_people(measures):
        # "出动了多少位老师" -> "共入户家访1981户，家访率70.2%": every figure counts something else
        return all(n.endswith("%") or word and word not in "人名位" for n, word in figures)
    return all(kinds)


# what is no figure of a reply: its citations, table numbers, dates and years
_FIGURELESS = re.compile(r"【[^】]*】|表\s*\d+(?:-\d+)?|(?:20\d\d\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|20\d\d\s*年?")


def _says_quote(text: str, quote: str) -> bool:
    """Whether a text says a quoted phrase: verbatim, or, for a quoted list ("善用器、创造器、成大器"), each
    item of it (where the report goes on to say what each one is), or, for a phrase half remembered
    ("一什么一什么"), words of that shape (一文一武)."""
    if "什么" in quote or "啥" in quote:
        shape = "".join(r"[\u4e00-\u9fff]" if part in ("什么", "啥") else re.escape(part)
                        for part in re.split(r"(什么|啥)", quote) if part)
        return bool(re.search(shape, text))
    items = [i for i in re.split(r"[、，,]", quote) if i]
    return quote in text or len(items) >= 2 and all(i in text for i in items)


def _shorten(text: str, limit: int) -> str:
    """Cut a quote at a clause or field boundary, never inside a number."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(sep, 0, limit) for sep in ("，", "；", " · ", "、"))
    return (text[:cut] if cut > limit // 3 else re.sub(r"[\d.]+$", "", text[:limit])) + "…"


def _states_a_count(text: str, qterms: list) -> bool:
    """Whether a figure is said of a question word ("教职工303人", "社团31个", "410名新团员", "升学率97.2%"),
    not merely next to it ("保障教职工…教代会5次")."""
    words = [w for t in qterms for w in (t if isinstance(t, tuple) else (t,)) if not w.isdigit()]
    for word in words:
        w = re.escape(word)
        if re.search(rf"{w}[^，。；、\d]{{0,6}}?\d", text):
            return True
        if re.search(rf"\d+(?:\.\d+)?\s*[个名人位所项门次批余多]+[^，。；、\d]{{0,4}}{w}", text):
            return True
    return False


def _similarity(hit: Hit) -> float:
    return float(getattr(hit, "similarity", 0.0) or 0.0)


def _sentences(chunk: Chunk) -> list[str]:
    from .chunk import split_sentences

    return split_sentences(chunk.text) if chunk.kind == "text" else [chunk.text]


def _merge_same_heads(parts: list[tuple[str, str]], sep: str) -> list[tuple[str, str]]:
    """Rows of one entry said once: "2025级招生计划 护理：A；B；C【1.2】" rather than the head three times."""
    out: list[tuple[str, str]] = []
    for text, section in parts:
        head, colon, rest = text.partition("：")
        if out and colon and out[-1][1] == section and out[-1][0].startswith(head + "："):
            out[-1] = (out[-1][0] + sep + rest, section)
        else:
            out.append((text, section))
    return out


def _add_up_entries(parts: list[tuple[str, str]], rows: list[Chunk], intent: Intent) -> tuple[list, list[str]]:
    """"一共多少" over several rows of one entry (护理's three 计划招生数 rows): add the field up, labelled as computed.

    Args:
        parts: the rendered (text, section) parts, rows of one entry already merged.
        rows: the chosen rows.
        intent: the question's intent (a total was asked for).

    Returns:
        The parts with the sum appended to the merged entry, and the computed numbers.
    """
    records = [r for r in rows if not any(k.startswith("y") for k in r.meta)]
    if len(records) < 2 or len({r.meta.get("label") for r in records}) != 1 or len({r.section for r in records}) != 1:
        return parts, []
    fields: dict[str, list[float]] = {}
    for row in records:
        for cell in row.text.split(" · ")[1:]:
            m = re.fullmatch(r"(\S+) (\d+(?:\.\d+)?)", cell)
            if m and not re.match(r"序号|编号", m.group(1)):
                fields.setdefault(m.group(1), []).append(float(m.group(2)))
    summed = [(name, values) for name, values in fields.items() if len(values) == len(records)]
    if len(summed) != 1:
        return parts, []  # no single figure every entry has: nothing to add up unambiguously
    name, values = summed[0]
    total = _fmt(sum(values))
    unit = _count_measure(name, intent)
    note = (f"; {name} in total: {total} ({COMPUTED_EN})" if intent.lang == "en"
            else f"；{name}合计{total}{unit}（{COMPUTED_ZH}）")
    section = records[0].section
    at = next((i for i, (_, sec) in enumerate(parts) if sec == section), None)
    if at is None:
        return parts, []
    parts = list(parts)
    parts[at] = (parts[at][0] + note, section)
    return parts, [total]


def _same_entry(row: Chunk, best: Chunk) -> bool:
    """Rows that belong in one answer: the same indicator in another unit (门 and 学时), or, in a
    table without year columns, further rows of the same list (a school's three entries)."""
    if row.meta.get("label") == best.meta.get("label"):
        return True
    has_years = any(k.startswith("y") for k in best.meta)
    return not has_years and bool(_shared_cells(row.text, best.text))


def _names_another_entry(row: Chunk, label: str) -> bool:
    """Whether a table row is the entry of another name (数控技术应用 beside 休闲体育服务与管理), not a
    continuation of the same entry under a region or count heading (衢州市, (12个))."""
    other = row.meta.get("label", "")
    return other != label and len(other) >= 4 and not other.startswith(("(", "（"))


def _shared_cells(a: str, b: str) -> set[str]:
    """Name-like cells two rows share (a school's name), not blanks, figures or short codes."""
    cells = lambda t: {c.split(" ", 1)[-1] for c in t.split(" · ")[1:] if not re.search(r"\d", c)}
    return {c for c in cells(a) & cells(b) if len(c) >= 4 and "空白" not in c and not c.startswith(("（", "("))}


def _adds_a_figure(shown: str, chosen: list[Evidence], qterms: list, weights: TermWeights, intent: Intent) -> bool:
    """A second place is worth quoting when the part of it we would show states a figure the
    parts already shown do not (141 人被本科院校录取 beside 本科上线106人)."""
    have = {n for c in chosen for n in numbers_in(c.quote if c.is_row else best_extract(c.quote, qterms, weights, intent))}
    return bool(set(numbers_in(shown)) - have)


def _quote_text(extract: str, intent: Intent) -> str:
    if intent.lang == "en":
        return f"the report says “{extract}”"
    return extract


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen, out = set(), []
    for c in citations:
        if (c.section, c.quote) not in seen:
            seen.add((c.section, c.quote))
            out.append(c)
    return out


def topic_of(question: str) -> str:
    """The question as the person asked it, without the story told before it and the question mark, for the
    refusal sentence."""
    topic = re.sub(r"^(请问|请告诉我|我想知道)[，,]?|[？?！!。\s]+$", "", without_context(question).strip())
    topic = re.sub(r"\s+", " ", topic)
    return (topic[:40] + "…") if len(topic) > 40 else topic


# ---------------------------------------------------------------- rows
def render_row(row: Chunk, intent: Intent) -> tuple[str, list[str]]:
    """Say what a table row says, for the years asked, with a labelled change when asked.

    Args:
        row: a row chunk (``meta`` holds label, unit and ``y<year>`` values).
        intent: the question's intent.

    Returns:
        The sentence and the numbers it computed (so grounding accepts them).
    """
    meta = row.meta
    years = sorted(k[1:] for k in meta if re.fullmatch(r"y\d{4}", k))
    if not years:
        return _row_record_text(row, intent), []
    label = _row_label(meta)
    unit = meta.get("unit", "")
    head = f"{row.table} {label}" if row.table.startswith("表") else label
    values = {y: meta[f"y{y}"] for y in years}
    if intent.compare and len(years) >= 2:
        return _render_change(head, values, unit, intent)
    wanted = [y for y in intent.years if y in values] or [years[-1]]
    others = [y for y in years if y not in wanted]
    main = _join_values(wanted, values, unit, intent.lang)
    rest = _join_values(others, values, unit, intent.lang)
    if intent.lang == "en":
        return f"{head}: {main}" + (f" ({rest})" if rest else ""), []
    return f"{head}：{main}" + (f"（{rest}）" if rest else ""), []


def _row_label(meta: dict) -> str:
    label = meta.get("label", "")
    parent = meta.get("parent", "")
    # ("省级数量" of 虚拟仿真实训基地数: a short sub-row label says little without its indicator)
    if parent and (label.startswith("其中") or len(label) <= 4):
        return f"{parent}中的{re.sub(r'^其中[:：]', '', label)}"
    return label


_MAX_LISTED = 12


def _entries_named(title: str, rows: list[Chunk], intent: Intent) -> str:
    """Several entries of a list table said as one list: what they share once, then each entry's name.
    "2025级招生计划（性质及学制 中高职一体化3+2）：会计事务、护理、电子商务…"; "" when they share no cell."""
    cells = [_row_record_text(r, intent).partition("：")[2].split("，") for r in rows]
    # a cell every entry has, or begins with ("合作院校 衢州职业技术学院" and "…学院(母婴方向)")
    shared = [c for c in cells[0] if all(any(o.startswith(c) for o in other) for other in cells[1:])]
    names = list(dict.fromkeys(r.meta.get("label", "") for r in rows))
    if not shared:
        return ""  # nothing in common to say once: each entry keeps its own cells
    sep = ", " if intent.lang == "en" else "、"
    return f"{title}（{'，'.join(shared)}）：{sep.join(n for n in names if n)}"


def _row_record_text(row: Chunk, intent: Intent) -> str:
    """A row of a table without year columns: "表1-1 国家一等奖：教师获奖 1，学生获奖 7"."""
    head = f"{row.table} {row.title}" if row.table.startswith("表") else row.title
    text = row.text[len(head):].lstrip(" ·") if row.text.startswith(head) else row.text
    fields = [f for f in text.split(" · ")  # running numbers are layout, unless they are what is asked
              if f and (intent.serial or not re.match(r"^(序号|编号) ", f))]
    label = row.meta.get("label", "")
    if fields and fields[0] == label:
        fields = fields[1:]
    # a count cell without a unit takes the question's measure word: "学生获奖 7个"
    fields = [re.sub(r"(?<=\s)(\d+)$", rf"\g<1>{_count_measure(f, intent)}", f) for f in fields]
    name = row.table if row.table.startswith("表") else row.title
    return f"{name} {label}：{'，'.join(fields)}" if label else f"{name}：{'，'.join(fields)}"


def _count_measure(field: str, intent: Intent) -> str:
    """The question's measure word for a count cell without a unit; none where the cell counts people
    and the question counts something else ("计划招生数 40" is not 40次 for "一周活动几次")."""
    measure = next((m for m in intent.measures if m in _COUNT_MEASURES), "")
    if measure and measure not in (*_MEASURE_ALIKE["人"], "个") and _COUNTS_PEOPLE.search(field):
        return ""
    return measure


_COUNTS_PEOPLE = re.compile(r"人数|招生数|在校生|毕业生|学生数|教师数|人次")


def _value_text(value: str, unit: str, lang: str) -> str:
    if not value.strip():
        return EMPTY_EN if lang == "en" else EMPTY_ZH
    if not re.match(r"^[\d.:%-]+$", value) or unit in ("", "—", "-") or value.endswith(unit):
        return value
    if unit == "%":
        return value + "%"
    return f"{value} {unit}" if lang == "en" else f"{value}{unit}"


def _join_values(years: list[str], values: dict, unit: str, lang: str) -> str:
    if lang == "en":
        return ", ".join(f"{_value_text(values[y], unit, lang)} in {y}" for y in years)
    return "，".join(f"{y}年 {_value_text(values[y], unit, lang)}" for y in years)


def _render_change(head: str, values: dict, unit: str, intent: Intent) -> tuple[str, list[str]]:
    old_y, new_y = sorted(values)[-2:]
    old, new = _to_number(values[old_y]), _to_number(values[new_y])
    both = _join_values([old_y, new_y], values, unit, intent.lang)
    ratios = [_ratio(values[old_y]), _ratio(values[new_y])]
    if None not in ratios:  # "13.7:1" -> "13.58:1": the direction, without subtracting ratios
        up, down = ratios[1] > ratios[0], ratios[1] < ratios[0]
        if intent.lang == "en":
            word = "increased" if up else "decreased" if down else "unchanged"
            return f"{head}: {both}; {word}, {COMPUTED_EN}", []
        word = "上升" if up else "下降" if down else "持平"
        return f"{head}：{both}，{word}，{COMPUTED_ZH}", []
    if old is None or new is None:
        return (f"{head}: {both}" if intent.lang == "en" else f"{head}：{both}"), []
    diff = new - old
    pct = (diff / old * 100) if old else None
    d_text = _fmt(abs(diff))
    p_text = f"{pct:+.1f}%" if pct is not None else ""
    unit_text = "" if unit in ("", "—", "-") else unit
    if unit == "%":  # 95.74% -> 91.47% fell by 4.27 points, not by 4.27%: that is the relative change (-4.5%)
        unit_text = "percentage points" if intent.lang == "en" else "个百分点"
    if intent.lang == "en":
        word = "increased by" if diff > 0 else "decreased by" if diff < 0 else "unchanged"
        change = (f"{word} {d_text}{(' ' + unit_text) if unit_text else ''}" + (f" ({p_text})" if p_text else "")
                  if diff else word)
        return f"{head}: {both}; {change}, {COMPUTED_EN}", [d_text, p_text.strip('+-%'), p_text]
    word = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
    change = f"{word}{d_text}{unit_text}" + (f"（{p_text}）" if p_text and diff else "") if diff else word
    return f"{head}：{both}，{change}，{COMPUTED_ZH}", [d_text, p_text.strip('+-%'), p_text]


def _to_number(value: str) -> float | None:
    m = re.fullmatch(r"\s*([-+]?\d+(?:\.\d+)?)\s*%?\s*", value or "")
    return float(m.group(1)) if m else None


def _ratio(value: str) -> float | None:
    """"13.58:1" as 13.58; None for a value that is no ratio."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)\s*", value or "")
    return float(m.group(1)) / float(m.group(2)) if m and float(m.group(2)) else None


def _fmt(x: float) -> str:
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return text or "0"


# ---------------------------------------------------------------- grounding
def _without_labels(text: str) -> str:
    """Drop section markers and table/figure ids: their digits are names, not figures."""
    return re.sub(r"【[^】]*】|[表图]\s*\d+(?:-\d+)?", " ", text)


def enforce_grounding(answer: Answer, computed: list[str]) -> Answer:
    """Make sure every number in the answer is in a cited quote or a labelled computation.

    Ungrounded numbers are removed with the clause that holds them; if that leaves
    nothing, the answer becomes a refusal. Applies to every answer mode.

    Args:
        answer: the composed answer (modified in place).
        computed: numbers the composer computed from quoted numbers.

    Returns:
        The same Answer.
    """
    quotes = [c.quote for c in answer.citations] + [answer.question]
    bad = ungrounded_numbers(_without_labels(answer.text), quotes, computed)
    if not bad:
        return answer
    kept = [c for c in re.split(r"(?<=[。；;])", answer.text)
            if c and not ungrounded_numbers(_without_labels(c), quotes, computed)]
    template = UNGROUNDED_EN if detect_language(answer.question) == "en" else UNGROUNDED_ZH
    answer.notes.append(template.format(figures=", ".join(bad)))
    if kept:
        answer.text = "".join(kept)
    else:
        answer.text = "报告中没有找到可以核实的数字来回答这个问题。"
        answer.refused = True
    return answer
