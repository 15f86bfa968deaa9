"""Initiatives: policies, campaigns, programmes and named practices.

Government news names its programmes in a few recurring shapes, each a rule:

- a short quoted slogan with a programme word after it: “放管服”改革,
  “最多跑一次”改革, “三农”工作 (the name is the slogan plus the word, without
  quotes; 工作 adds nothing and is dropped);
- a quoted slogan after a verb that promotes it, possibly with a modifier:
  全面推行政务服务“一网通办”, 落实“跨省通办”“全程网办”;
- a quoted slogan with the parallel build of a policy motto: 一村一品,
  一县一策, 多规合一, 三去一降一补; or a quote that is itself a named
  programme (“乡村振兴十大行动”);
- quoted items of an enumeration closed by 等 and a word for work or tasks
  (“保交楼”、稳就业、“菜篮子”等重点工作);
- the object of a programme verb that ends in a programme word:
  实施乡村振兴战略, 扎实开展安全生产专项整治行动;
  counted programmes (20项重点任务, 5项行动计划) after 制定 or 出台;
- national goals of the form X强国/X强省 (海洋强国, 教育强省);
- named events: 世界/中国/全国/国际 ... 大会/博览会/论坛/峰会;
- a campaign started with 开展 that the document keeps naming (党史学习教育).

Each shape is a step registered by name (``zhkg.initiatives.<rule>.v1``) and listed in
``[components.initiatives] steps`` of config.cfg, in run order.

Quoted speech, quoted metaphors (实干是最好的“试金石”) and book titles need a
positive cue and get none, so they are not initiatives.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import srsly
from spacy import registry
from spacy.language import Language
from spacy.tokens import Doc

from zhkg.records import INITIATIVE, PERSON
from pipelines.spans import CharSpan, doc_text, lac_words, set_entities
from pipelines.tokens import LacWord
from zhkg.errors import NotInitializedError
from pipelines.extensions import register_extensions
from pipelines.lexicons.surnames import load_common_words
from pipelines.lexicons.org_words import LIST_COMMA
from pipelines.lexicons.tables import Lexicon, char_class, load_lexicon
from pipelines.component_steps import registered_steps

logger = logging.getLogger(__name__)

FACTORY = "zhkg_initiatives_v1"  # spaCy forbids "." in factory names
_DATA_FILE = "initiatives.msgpack"

# The rules in the order they run, each a function registered in spacy.registry.misc at the
# end of this module; [components.initiatives] steps in config.cfg lists them too.
STEPS: tuple[str, ...] = (
    "zhkg.initiatives.quoted_with_suffix.v1", "zhkg.initiatives.quoted_after_verb.v1",
    "zhkg.initiatives.quoted_by_form.v1", "zhkg.initiatives.quoted_in_enumeration.v1",
    "zhkg.initiatives.verb_objects.v1", "zhkg.initiatives.goals.v1", "zhkg.initiatives.events.v1",
    "zhkg.initiatives.campaigns.v1", "zhkg.initiatives.documents.v1", "zhkg.initiatives.quoted_styles.v1",
    "zhkg.initiatives.campaign_meetings.v1", "zhkg.initiatives.enumerated_work.v1",
    "zhkg.initiatives.enumerated_projects.v1", "zhkg.initiatives.named_projects.v1",
    "zhkg.initiatives.counted_measures.v1", "zhkg.initiatives.quoted_models.v1",
    "zhkg.initiatives.counted_campaigns.v1", "zhkg.initiatives.censuses.v1", "zhkg.initiatives.kind_meetings.v1",
)

DEFAULT_CONFIG: dict[str, Any] = {
    "steps": list(STEPS),
    "max_quote_chars": 12,
    "max_object_chars": 50,
    "min_campaign_repeats": 3,
    "min_generic_core": 8,
}

QUOTES: dict[str, str] = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}
# An event name right after a quote goes on to its left (“数字中国”建设峰会).
_CLOSING_QUOTES = frozenset(QUOTES.values())
# Inside a slogan: no sentence punctuation, no enumeration comma, no 的 (a phrase, not a name).
# A plus joins the parts of a named model (“互联网+政务”), so it may stand inside.
_SLOGAN_BREAKERS = re.compile(r"[，,。.！!？?：:；;、（）()《》“”\"/的]")  # 、 only in listing quotes
_PLUS = "+＋"
_NUMBERS = load_lexicon("numerals")
# The numerals one to ten of numerals.tsv: [{_NUMERAL}] is one of them.
_NUMERAL = char_class(_NUMBERS.where("role", "numeral"))
# What numbers the parts of a parallel motto: the numerals and counts of numerals.tsv but the
# interrogative 几, and 双 (双百).
_NUMERALS = _NUMERAL + "".join(c for c in _NUMBERS.where("role", "count_char") if c != "几") + "双"
# Parallel mottos: 一村一品, 一户带一户, 多规合一, 免审即办, 即来即办, 三去一降一补, 百县千乡万村.
_PARALLEL = re.compile(
    rf"^(一.{{1,3}}[带对]?一.{{1,3}}|.{{2,3}}合一|免.{{1,2}}即.{{1,2}}|即.{{1,2}}即.{{1,2}}|"
    rf"(?:[{_NUMERALS}][^{_NUMERALS}]{{1,2}}){{2,3}})$"
)
_COUNTED = re.compile(rf"(\d+|[{_NUMERAL}]+)[项大个]")
_GOAL = re.compile(r"([\u4e00-\u9fff]{2,5})强(国|省|市)")
_GOAL_STOPS = re.compile(r"的|了|在|是|和|与|及|等|把|将|为|对|向|从|到|关于|加快|建设|建成|建功|打造|推进|努力|实现|迈向")
_EVENT = re.compile(r"((?:\d{4}年?)?(?:世界|中国|全国|国际)[\u4e00-\u9fff]{2,10}?(?:大会|博览会|论坛|峰会|交易会))")
_ENUMERATION_HEADS = re.compile(r"等(?:重点|中心|专项|重点专项|各项)?(?:工作|任务)")
_OBJECT_STOP = re.compile(r"[，,。！!？?：:；;（）()《》“”\"‘’「」『』\s的]")
# Words that end the object of a verb: the clause goes on (把专项整治作为一项任务).
_OBJECT_STOP_WORDS = re.compile(
    r"作为|成为|为|是|把|将|对|向|在|从|到|给|让|使|同|通过|按照|进行|关于|更好|更加|进一步|不断|持续|、"
)
# The verb that starts a campaign (开展党史学习教育).
_CAMPAIGN_VERB = "开展"
# Leading words of a campaign mention that are not part of its name (这次学习教育).
_CAMPAIGN_DETERMINERS = re.compile(rf"^(好|这次|此次|本次|这项|该|第[{_NUMERAL}]批)")
# A quoted name followed by 精神 is a spirit (“两弹一星”精神), not a programme.
_SPIRIT = "精神"
_TIME_PREFIX = re.compile(r"^(今年|明年|去年|本年度|年内|全年|\d{4}年)")
# The list conjunctions of name_words.tsv and 与.
_CONJUNCTIONS = "与" + "".join(load_lexicon("name_words").where("role", "list_conjunction"))
# A battle (攻坚战) is named by two characters already (治污攻坚战); other programmes need three.
_BATTLE = "攻坚战"


def _min_core(suffix: str) -> int:
    """Characters a programme name needs before its suffix."""
    return 2 if suffix == _BATTLE else 3


# A book title: the text between 《 and 》 (documents, newspapers, books).
_DOCUMENT = re.compile(r"《([^《》\n]{2,60})》")
_TRIAL = re.compile(r"[（(]试行[)）]$")
# A quoted style (“订单式”培训) and the LAC tags of the word of work after it.
_STYLE = "式"
_WORK_TAGS = frozenset(("n", "vn", "v", "nz"))
# The nouns that continue the head of a style (“花园式”单位|食堂), up to a few characters.
_NOUN = "n"
# The words a modifier suffix qualifies (战略|合作, 战略|伙伴).
_NOMINAL_TAGS = frozenset(("n", "vn", "nz"))
_STYLE_HEAD_MAX = 6
# A meeting named after a campaign: 专项行动第一阶段总结暨第二阶段部署会议 (no punctuation inside),
# up to a meeting word (initiative_words.tsv meeting_end).
_MEETING = r"[\u4e00-\u9fff]{{0,20}}?(?:{ends})"
# A list of projects: 等 (多个|一批) (重大|重点) 项目/工程.
_PROJECT_LIST = re.compile(r"等(?:[多几]个|一批|\d+个)?(?:重大|重点)?(?:项目|工程)")
_PROJECT_WORDS = frozenset(("工程", "项目"))
# Counted measures: a short name and a number of articles (复工十二条, 稳就业20条).
_MEASURES = re.compile(rf"(?<![的了])[\u4e00-\u9fff]{{2,12}}?(?:[{_NUMERAL}百]+|\d+)条(?![例件款])")
# Paired verbal nouns name a policy only when both are rarer than everyday words (减税|降费,
# not 改革|发展).
_PAIRED_MIN_IDF = 8.0
_PROJECT_NAME_TAGS = frozenset(("LOC", "ORG", "nz", "n", "nw", "vn", "m"))
# A numbered phase (二期, 三期) makes the project before it a named one (X二期工程).
_PHASE = re.compile(rf"^[{_NUMERAL}\d]+期$")
_PROPER_TAGS = frozenset(("LOC", "ORG", "nz", "nw"))
# A named model: “X”的招商模式, “X”的新做法 (a model word after 的, a short modifier between).
_MODEL_MODIFIER = r"(?P<modifier>[\u4e00-\u9fff]{0,4}?)"
# The mark of a new model (“X”的新模式): with it no verb is needed before the quote.
_NEW = "新"
# A quoted set of campaigns counted by the programme word after it: “A、B；C、D”两项专项行动.
_COUNTED_QUOTE = re.compile(rf"“([^“”，,。！!？?\n]{{4,40}})”(?:[{_NUMERAL}两]+|\d+)[个大项]?")
# A census by its round: 第七次全国人口普查, 全国第四次农业普查.
_ROUND = rf"(?:第(?:[{_NUMERAL}]+|\d+)次全国|全国第(?:[{_NUMERAL}]+|\d+)次)"
# The batches of a campaign meeting: 第二批总结暨第三批部署会议.
_BATCHES = rf"(?:第[{_NUMERAL}]批[\u4e00-\u9fff]{{2}}暨第[{_NUMERAL}]批[\u4e00-\u9fff]{{2,4}}会议)"



@dataclass(frozen=True)
class Rules:
    """The configurable word lists and limits of the rules."""

    max_quote_chars: int
    max_object_chars: int
    min_campaign_repeats: int
    quote_suffixes: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    promote_verbs: tuple[str, ...]
    rule_verbs: tuple[str, ...]
    plan_verbs: tuple[str, ...]
    object_verbs: tuple[str, ...]
    campaign_heads: tuple[str, ...]
    generic_suffixes: tuple[str, ...]
    document_suffixes: tuple[str, ...]
    min_generic_core: int
    metaphor_cues: tuple[str, ...]
    determiners: tuple[str, ...]
    inner_verbs: tuple[str, ...]
    leading_fillers: tuple[str, ...]
    count_suffixes: tuple[str, ...]
    model_words: tuple[str, ...]
    model_verbs: tuple[str, ...]
    census_heads: tuple[str, ...]
    campaign_kinds: tuple[str, ...]
    meeting_tails: tuple[str, ...]
    meeting_ends: tuple[str, ...]
    generic_cores: tuple[str, ...]
    counted_nouns: tuple[str, ...]
    modifier_suffixes: tuple[str, ...]
    disowning_cues: tuple[str, ...]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, settings: dict[str, int]) -> "Rules":
        """The limits of the config and the word lists of ``initiative_words.tsv`` (role -> field)."""
        words = {f"{role}s" if not role.endswith("s") else role: lexicon.where("role", role)
                 for role in {row[1] for row in lexicon.rows}}
        words = {key.replace("_suffixs", "_suffixes"): value for key, value in words.items()}
        return cls(**settings, **words)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Rules":
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


@dataclass(frozen=True)
class Quote:
    """A quoted stretch: offsets of the quote marks and the text inside.

    ``listing`` quotes join several phrases with 、 (“千村示范、万村整治”): a name
    only when a programme word follows.
    """

    open: int
    close: int
    listing: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


class InitiativeFinder:
    """Finds initiative candidates in one text (character offsets, canonical name as kb_id)."""

    def __init__(
        self, rules: Rules, common_words: dict[str, float], text: str, words: Sequence[LacWord] | None
    ) -> None:
        self.rules = rules
        self.common_words = common_words
        self.text = text
        self.words = list(words) if words else []
        self.word_ends = frozenset(w.end for w in self.words) if words else None
        self.word_starts_by_end = {w.end: w.start for w in self.words}
        self.all_quotes = list(self._quotes())
        self.quotes = [q for q in self.all_quotes if not q.listing]
        verbs = {*rules.promote_verbs, *rules.rule_verbs, *rules.plan_verbs, *rules.object_verbs}
        self.verbs = sorted(verbs, key=len, reverse=True)

    def find(self, steps: Sequence["Step"]) -> list[CharSpan]:
        """Every candidate of every step, in order; overlaps are settled by :func:`set_entities`."""
        found: list[CharSpan] = []
        for step in steps:
            found.extend(step(self))
        return found

    # -- quotes ------------------------------------------------------------------
    def _quotes(self) -> Iterator[Quote]:
        """Short quoted slogans outside book titles."""
        text = self.text
        i = 0
        while i < len(text):
            closer = QUOTES.get(text[i])
            if closer is None:
                i += 1
                continue
            j = text.find(closer, i + 1, i + 2 + self.rules.max_quote_chars)
            if j < 0:
                i += 1
                continue
            inner = text[i + 1 : j]
            spirit = text.startswith(_SPIRIT, j + 1)
            if 2 <= len(inner) <= self.rules.max_quote_chars and not spirit and not self._in_book_title(i):
                if self._slogan(inner.replace("、", "")):
                    yield Quote(i, j, listing="、" in inner)
            i = j + 1

    @staticmethod
    def _slogan(inner: str) -> bool:
        """No clause inside, no blank or plus at either end (a plus joins two parts)."""
        ends = inner[0] + inner[-1]
        return not _SLOGAN_BREAKERS.search(inner) and not any(c.isspace() or c in _PLUS for c in ends)

    def _in_book_title(self, i: int) -> bool:
        left = self.text.rfind("《", 0, i)
        return left >= 0 and self.text.find("》", left, i) < 0

    def _metaphor(self, quote: Quote) -> bool:
        """A metaphor (是最好的“试金石”) or a name the text disowns (所谓“X”, 严禁搞“X”)."""
        before = self.text[max(0, quote.open - 4) : quote.open]
        return any(cue in before for cue in (*self.rules.metaphor_cues, *self.rules.disowning_cues))

    def _suffix_after(self, end: int, suffixes: Sequence[str]) -> str | None:
        for suffix in sorted(suffixes, key=len, reverse=True):
            if self.text.startswith(suffix, end) and self._word_ends_at(end + len(suffix)):
                return suffix
        return None

    def _quoted_with_suffix(self) -> Iterator[CharSpan]:
        """“河长”制度 -> 河长制度; “三农”工作 -> 三农; “六保”任务 -> 六保."""
        for quote in self.all_quotes:
            suffix = self._suffix_after(quote.close + 1, self.rules.quote_suffixes)
            if suffix is None:
                continue
            inner = self.text[slice(*quote.inner)]
            generic = suffix in self.rules.generic_suffixes or suffix in self.rules.count_suffixes
            generic = generic or self._modifies_next(suffix, quote.close + 1 + len(suffix))
            name = inner if generic else inner + suffix  # “六保”任务 is 六保
            yield CharSpan(quote.open, quote.close + 1 + len(suffix), INITIATIVE, name)

    def _quoted_after_verb(self) -> Iterator[CharSpan]:
        """全面推行政务服务“一网通办”; 落实“跨省通办”“全程网办” (a run of quotes)."""
        for index, quote in enumerate(self.quotes):
            head = self._run_head(index)
            if self._metaphor(head) or not self._verb_before(head.open):
                continue
            start, end = quote.inner
            yield CharSpan(start, end, INITIATIVE, self.text[start:end])

    def _run_head(self, index: int) -> Quote:
        """The first quote of a run of adjacent quotes (“跨省通办”“全程网办”)."""
        while index > 0 and self.quotes[index - 1].close + 1 == self.quotes[index].open:
            index -= 1
        return self.quotes[index]

    def _verb_before(self, position: int, verbs: Sequence[str] | None = None) -> bool:
        """Whether a promote verb (or one of ``verbs``) stands before ``position`` with at most a
        short modifier."""
        window = self.text[max(0, position - 10) : position]
        for verb in verbs or self.rules.promote_verbs:
            at = window.rfind(verb)
            if at < 0:
                continue
            modifier = window[at + len(verb) :]
            if not _OBJECT_STOP.search(modifier) and not _OBJECT_STOP_WORDS.search(modifier):
                return True
        return False

    def _quoted_by_form(self) -> Iterator[CharSpan]:
        """Quotes shaped like policy mottos (一村一品) or naming a programme (“乡村振兴十大行动”)."""
        named = tuple(s for s in self.rules.name_suffixes if s not in self.rules.generic_suffixes)
        for quote in self.quotes:
            start, end = quote.inner
            inner = self.text[start:end]
            if self._metaphor(quote):
                continue
            if _PARALLEL.match(inner) or (len(inner) > 3 and inner.endswith(named)):
                yield CharSpan(start, end, INITIATIVE, inner)

    def _quoted_in_enumeration(self) -> Iterator[CharSpan]:
        """Quoted items of “保交楼”、稳就业、“菜篮子”等重点工作."""
        for match in _ENUMERATION_HEADS.finditer(self.text):
            clause_start = self._clause_start(match.start())
            for quote in self.quotes:
                if clause_start <= quote.open and quote.close < match.start() and not self._metaphor(quote):
                    start, end = quote.inner
                    yield CharSpan(start, end, INITIATIVE, self.text[start:end])

    def _clause_start(self, position: int) -> int:
        """Start of the clause holding ``position`` (after the last ，。；：！？)."""
        marks = [self.text.rfind(mark, 0, position) for mark in "，,。；;：:！？\n"]
        return max(marks) + 1

    # -- unquoted names ------------------------------------------------------------
    def _verb_objects(self) -> Iterator[CharSpan]:
        """Objects of programme verbs that end in a programme word."""
        for verb_end, verb in self._verb_positions():
            run_end = verb_end
            limit = min(len(self.text), verb_end + self.rules.max_object_chars)
            while run_end < limit and not _OBJECT_STOP.match(self.text[run_end]):
                if _OBJECT_STOP_WORDS.match(self.text, run_end):
                    break
                run_end += 1
            start = self._object_start(verb_end)
            for item_start, item_end in self._conjuncts(start, run_end):
                yield from self._named_object(verb, item_start, item_end)

    def _verb_positions(self) -> Iterator[tuple[int, str]]:
        """(end offset, verb) of every occurrence of every verb."""
        text = self.text
        for verb in self.verbs:
            found = text.find(verb)
            while found >= 0:
                end = found + len(verb)
                yield end, verb
                found = text.find(verb, end)

    def _object_start(self, verb_end: int) -> int:
        """Where the object starts: after 了/好, a time word (今年) and a second verb (加快|建设)."""
        start = verb_end
        if self.text.startswith(self.rules.leading_fillers, start):
            start += 1
        time = _TIME_PREFIX.match(self.text[start : start + 6])
        start += time.end() if time else 0
        inner = next((v for v in (*self.verbs, *self.rules.inner_verbs) if self.text.startswith(v, start)), None)
        return start + len(inner) if inner else start

    def _conjuncts(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """Items of 、-lists in the object; the last item is cut at 等."""
        position = start
        for piece in self.text[start:end].split("、"):
            piece_end = position + len(piece)
            cut = piece.find("等")
            yield position, position + cut if cut > 0 else piece_end
            position = piece_end + 1

    def _named_object(self, verb: str, start: int, end: int) -> Iterator[CharSpan]:
        """The longest prefix of ``text[start:end]`` that is a programme name, split at 和."""
        if self.text[start : start + 1] in ("等", *_CONJUNCTIONS):
            return
        for stop in range(end, start + 2, -1):
            piece = self.text[start:stop]
            suffix = next((s for s in self._suffixes_for(verb) if piece.endswith(s)), None)
            if suffix is None or not self._word_ends_at(stop) or self._modifies_next(suffix, stop):
                continue
            core = len(piece) - len(suffix)
            generic = suffix in self.rules.generic_suffixes
            if core < (self.rules.min_generic_core if generic else _min_core(suffix)):
                continue
            if self._rejected(verb, piece, suffix, stop):
                return
            if generic:
                yield CharSpan(start, stop - len(suffix), INITIATIVE, piece[:core])
            else:
                yield from self._split_coordination(start, stop)
            return

    def _modifies_next(self, suffix: str, end: int) -> bool:
        """战略 before 合作 (全面战略合作) is an adjective of the noun after it, no strategy."""
        if suffix not in self.rules.modifier_suffixes:
            return False
        following = self._word_at(end)
        return following is not None and following.tag in _NOMINAL_TAGS

    def _rejected(self, verb: str, piece: str, suffix: str, stop: int) -> bool:
        """Programme-looking objects that are not names.

        A counted plan is needed after 制定 and for 任务/方案 (20项重点任务); a
        conjunction after the name means the head comes later (治理体系和治理能力现代化).
        """
        counted = bool(_COUNTED.search(piece))
        if (verb in self.rules.plan_verbs or suffix in self.rules.count_suffixes) and not counted:
            return True
        if self.text[stop : stop + 1] in _CONJUNCTIONS or any(d in piece for d in self.rules.determiners):
            return True
        if self._generic_core(piece[: -len(suffix)]):
            return True
        return suffix in self.rules.generic_suffixes and not self._plain_generic_core(verb, piece[: -len(suffix)])

    def _generic_core(self, core: str) -> bool:
        """体制机制改革, 重点领域改革: a core of words every programme has names none."""
        for word in sorted(self.rules.generic_cores, key=len, reverse=True):
            core = core.replace(word, "")
        return len(core) < 2

    def _plain_generic_core(self, verb: str, core: str) -> bool:
        """Whether ``core`` of “core工作” names one thing: no second verb, no 各项 (all the tasks)."""
        if verb not in self.rules.promote_verbs:
            return False
        return not any(v in core for v in self.verbs)

    def _suffixes_for(self, verb: str) -> tuple[str, ...]:
        """完善/建立 make 制度 names only (完善体系 is ordinary work); other verbs take all suffixes."""
        if verb in self.rules.rule_verbs:
            return ("制度",)
        return tuple(sorted(self.rules.name_suffixes, key=len, reverse=True))

    def _split_coordination(self, start: int, stop: int) -> Iterator[CharSpan]:
        """海洋强国和教育强国建设 -> two names; A任务和B计划 -> two names."""
        text = self.text
        for i in range(start + 3, stop - 3):
            if text[i] not in _CONJUNCTIONS:
                continue
            left = text[start:i]
            left_suffix = next((s for s in self.rules.name_suffixes if left.endswith(s)), None)
            if left_suffix is not None:
                yield CharSpan(start, i, INITIATIVE, left)
                yield from self._split_coordination(i + 1, stop)
                return
            if _GOAL.fullmatch(left):
                yield CharSpan(start, i, INITIATIVE, left)
                yield CharSpan(i + 1, stop, INITIATIVE, self._canonical(text[i + 1 : stop]))
                return
        yield CharSpan(start, stop, INITIATIVE, self._canonical(text[start:stop]))

    @staticmethod
    def _canonical(name: str) -> str:
        """海洋强国建设 -> 海洋强国: the goal is the name, 建设 the work on it."""
        goal = _GOAL.fullmatch(name.removesuffix("建设"))
        return goal.group(0) if goal else name

    def _goals(self) -> Iterator[CharSpan]:
        """X强国 / X强省 / X强市: national or provincial goals (海洋强国, 教育强省).

        The modifier is the word before 强 (现代农业 when segmented), else two
        characters; 加强国有 or 增强市场 are not goals (强 belongs to another word).
        """
        for match in _GOAL.finditer(self.text):
            head = match.start(2) - 1
            if self.word_ends is None:
                start = head - 2
            else:
                start = self.word_starts_by_end.get(head, head)
            if not 2 <= head - start <= 5 or _GOAL_STOPS.search(self.text[start:head]):
                continue
            if not self._word_ends_at(match.end()) or self.common_words.get(self.text[head - 1 : head + 1], 99) < 8:
                continue
            yield CharSpan(start, match.end(), INITIATIVE, self.text[start : match.end()])

    def _events(self) -> Iterator[CharSpan]:
        """世界互联网大会, 2024世界互联网大会 -> 世界互联网大会 (not 代表大会, an organ).

        Only names that start with 世界/中国/全国/国际 (or a year) are taken; one glued
        to a quote starts further left and is left out rather than cut.
        """
        for match in _EVENT.finditer(self.text):
            name = match.group(1)
            glued = match.start(1) > 0 and self.text[match.start(1) - 1] in _CLOSING_QUOTES
            if "代表大会" in name or _OBJECT_STOP.search(name) or glued:
                continue
            canonical = re.sub(r"^\d{4}年?", "", name)
            yield CharSpan(match.start(1), match.end(1), INITIATIVE, canonical)

    def _campaigns(self) -> Iterator[CharSpan]:
        """开展党史学习教育, when the document keeps naming it: every mention of it."""
        names: set[str] = set()
        for verb_end, verb in self._verb_positions():
            if verb != _CAMPAIGN_VERB:
                continue
            determiner = _CAMPAIGN_DETERMINERS.match(self.text[verb_end : verb_end + 4])
            start = verb_end + (determiner.end() if determiner else 0)
            for head in self.rules.campaign_heads:
                for length in (2, 3, 4):
                    name = self.text[start : start + length + len(head)]
                    if name.endswith(head) and not _OBJECT_STOP.search(name) and self._word_ends_at(start + len(name)):
                        names.add(name)
        for name in names:
            if self.text.count(name) < self.rules.min_campaign_repeats:
                continue
            for match in re.finditer(re.escape(name), self.text):
                yield CharSpan(match.start(), match.end(), INITIATIVE, name)

    # -- documents, meetings, listed work and projects -------------------------------
    def _documents(self) -> Iterator[CharSpan]:
        """《中国共产党X工作条例（试行）》, 《关于X的意见》: a document in 《》 by the kind it ends in."""
        for match in _DOCUMENT.finditer(self.text):
            name = match.group(1)
            core = _TRIAL.sub("", name)
            if core.endswith(self.rules.document_suffixes) and len(core) > 4:
                yield CharSpan(match.start(1), match.end(1), INITIATIVE, name)

    def _quoted_styles(self) -> Iterator[CharSpan]:
        """“订单式”培训, “花园式”单位食堂: a quoted style (…式) and the work or unit it qualifies
        (the whole noun compound after it, never a part of it)."""
        for quote in self.quotes:
            start, end = quote.inner
            if not self.text[end - 1] == _STYLE or self._metaphor(quote):
                continue
            word = self._word_at(quote.close + 1)
            if word is not None and word.tag in _WORK_TAGS and word.end - word.start >= 2:
                head_end = self._compound_end(word)
                name = self.text[start:end] + self.text[word.start:head_end]
                yield CharSpan(quote.open, head_end, INITIATIVE, name)

    def _compound_end(self, word: LacWord) -> int:
        """End of the noun compound that ``word`` starts (税务|分局), within a short reach."""
        end = word.end
        following = self._word_at(end)
        while following is not None and following.tag == _NOUN and following.end - word.start <= _STYLE_HEAD_MAX:
            end = following.end
            following = self._word_at(end)
        return end

    def _campaign_meetings(self) -> Iterator[CharSpan]:
        """“Q”专项行动第一阶段总结暨第二阶段部署会议: a quoted campaign and the meeting named after it."""
        meeting = re.compile(_MEETING.format(ends="|".join(map(re.escape, self.rules.meeting_ends))))
        for quote in self.all_quotes:
            match = meeting.match(self.text, quote.close + 1)
            if match is None or not any(head in match.group(0) for head in self.rules.campaign_heads):
                continue
            name = self.text[quote.open + 1 : quote.close] + match.group(0)
            yield CharSpan(quote.open, match.end(), INITIATIVE, name)

    def _enumerated_work(self) -> Iterator[CharSpan]:
        """推进简政放权、X改革等重点工作: the named items of a list of work after a verb."""
        for match in _ENUMERATION_HEADS.finditer(self.text):
            clause_start = self._clause_start(match.start())
            verb_end = self._last_verb_end(clause_start, match.start())
            if verb_end is None:
                continue
            particle = self._word_at(verb_end)
            if particle is not None and particle.tag == "u":
                verb_end = particle.end
            position = verb_end
            for piece in re.split(f"[{LIST_COMMA}和]", self.text[verb_end : match.start()]):
                start, end = position, position + len(piece)
                position = end + 1
                if 4 <= len(piece) <= self.rules.max_quote_chars and self._names_work(start, end):
                    yield CharSpan(start, end, INITIATIVE, piece)

    def _names_work(self, start: int, end: int) -> bool:
        """A proper LAC term, two paired verbal nouns (减税|降费) or a phrase ending in a
        programme word (X改革); 人才培养 or 改革发展 name ordinary work."""
        inside = [w for w in self.words if start <= w.start and w.end <= end]
        if not inside or inside[0].start != start or inside[-1].end != end:
            return False
        named = tuple(x for x in self.rules.name_suffixes if x not in self.rules.generic_suffixes)
        paired = len(inside) == 2 and all(w.tag == "vn" and w.end - w.start == 2 and
                                          self.common_words.get(self.text[w.start:w.end], 99) > _PAIRED_MIN_IDF
                                          for w in inside)
        return paired or (len(inside) == 1 and inside[0].tag in _PROPER_TAGS) or self.text[start:end].endswith(named)

    def _enumerated_projects(self) -> Iterator[CharSpan]:
        """A项目、B电厂等多个重大项目: named items of a list closed by 等 and a word for projects."""
        for match in _PROJECT_LIST.finditer(self.text):
            end = match.start()
            clause_start = self._clause_start(end)
            position = clause_start
            for piece in self.text[clause_start:end].split("、"):
                start, stop = position, position + len(piece)
                position = stop + 1
                if self._starts_with_place(start) and 4 <= len(piece) <= self.rules.max_object_chars // 2:
                    yield CharSpan(start, stop, INITIATIVE, piece)

    def _named_projects(self) -> Iterator[CharSpan]:
        """数字乡村一期工程, 北京X村项目: a proper name (and nouns) directly before 工程 or 项目."""
        words = self.words
        for i, word in enumerate(words):
            if self.text[word.start : word.end] not in _PROJECT_WORDS or i == 0:
                continue
            first = i
            while first > 0 and words[first - 1].tag in _PROJECT_NAME_TAGS and \
                    self.text[words[first - 1].start : words[first - 1].end] not in _PROJECT_WORDS and \
                    word.start - words[first - 1].start <= self.rules.max_quote_chars:
                first -= 1
            first = next((j for j in range(first, i) if words[j].tag in _PROPER_TAGS), first)
            named = any(w.tag in _PROPER_TAGS for w in words[first:i]) or self._is_phase(words[i - 1])
            if not named:
                continue
            name_words = words[first:i]
            if name_words and (
                    len(name_words) >= 2 or name_words[0].end - name_words[0].start >= 4):
                yield CharSpan(words[first].start, word.end, INITIATIVE,
                               self.text[words[first].start : word.end])

    def _is_phase(self, word: LacWord) -> bool:
        return word.tag == "m" and bool(_PHASE.match(self.text[word.start : word.end]))

    def _counted_measures(self) -> Iterator[CharSpan]:
        """推出X复工十二条, 出台“稳就业20条”: counted measures issued by a plan verb."""
        for verb_end, verb in self._verb_positions():
            if verb not in self.rules.plan_verbs:
                continue
            match = _MEASURES.match(self.text, verb_end)
            if match is None or not self._word_ends_at(match.end()) or self._counts_a_noun(match.group(0)):
                continue
            yield CharSpan(match.start(), match.end(), INITIATIVE, match.group(0))

    def _counts_a_noun(self, measures: str) -> bool:
        """整改措施28条 counts measures (措施 before the number), 复工十二条 names a set."""
        head = re.sub(rf"(?:[{_NUMERAL}百]+|\d+)条$", "", measures)
        return head.endswith(self.rules.counted_nouns)

    # -- models, counted campaigns, censuses and campaign meetings --------------------
    def _quoted_models(self) -> Iterator[CharSpan]:
        """探索“以购带销”的帮扶模式, “研发+转化”的新机制: a quoted model, named by the quote.

        A model word alone is no cue (“先污染、后治理”的老路子 is rejected): a promote verb
        before the quote, or 新 before the model word, is needed.
        """
        words = "|".join(sorted(self.rules.model_words, key=len, reverse=True))
        model = re.compile(rf"的{_MODEL_MODIFIER}(?:{words})")
        for index, quote in enumerate(self.quotes):
            match = model.match(self.text, quote.close + 1)
            if match is None or self._metaphor(quote):
                continue
            new = match.group("modifier").endswith(_NEW)
            verbs = (*self.rules.promote_verbs, *self.rules.model_verbs)
            if new or self._verb_before(self._run_head(index).open, verbs):
                start, end = quote.inner
                yield CharSpan(start, end, INITIATIVE, self.text[start:end])

    def _counted_campaigns(self) -> Iterator[CharSpan]:
        """开展“查隐患、促整改；优服务、暖民心”两项专项行动: the quoted set of campaigns."""
        for match in _COUNTED_QUOTE.finditer(self.text):
            if self._in_book_title(match.start()) or self._suffix_after(match.end(), self.rules.quote_suffixes) is None:
                continue
            yield CharSpan(match.start(1), match.end(1), INITIATIVE, match.group(1))

    def _censuses(self) -> Iterator[CharSpan]:
        """第七次全国人口普查, 全国第四次农业普查: a national census by its round."""
        heads = "|".join(self.rules.census_heads)
        for match in re.finditer(rf"{_ROUND}[\u4e00-\u9fff]{{1,8}}?(?:{heads})", self.text):
            yield CharSpan(match.start(), match.end(), INITIATIVE, match.group(0))

    def _kind_meetings(self) -> Iterator[CharSpan]:
        """教育实践活动总结大会, 教育实践活动第二批总结暨第三批部署会议: a national meeting of a
        campaign kind that names itself (教育实践活动), without quotes."""
        kinds = "|".join(sorted(self.rules.campaign_kinds, key=len, reverse=True))
        tails = "|".join(sorted(self.rules.meeting_tails, key=len, reverse=True))
        for match in re.finditer(rf"(?:{kinds})(?:{_BATCHES}|{tails})", self.text):
            if self._word_ends_at(match.end()):
                yield CharSpan(match.start(), match.end(), INITIATIVE, match.group(0))

    def _word_at(self, start: int) -> LacWord | None:
        return next((w for w in self.words if w.start == start), None)

    def _word_starts(self) -> frozenset[int]:
        return frozenset(w.start for w in self.words)

    def _starts_with_place(self, start: int) -> bool:
        word = self._word_at(start)
        return word is not None and word.tag == "LOC"

    def _last_verb_end(self, start: int, end: int) -> int | None:
        """End of the last LAC verb between ``start`` and ``end``, if any."""
        ends = [w.end for w in self.words if start <= w.start and w.end <= end and w.tag == "v"]
        return ends[-1] if ends else None

    # -- word boundaries -----------------------------------------------------------
    def _word_ends_at(self, end: int) -> bool:
        """Whether a word may end at ``end`` (LAC words if known, else common words)."""
        if self.word_ends is not None:
            return end in self.word_ends or end >= len(self.text)
        return self.common_words.get(self.text[end - 1 : end + 1]) is None


@Language.factory(FACTORY, default_config=DEFAULT_CONFIG, assigns=["doc.ents"])
def make_initiatives(nlp: Language, name: str, steps: list[str], max_quote_chars: int, max_object_chars: int,
                     min_campaign_repeats: int, min_generic_core: int) -> "InitiativesRecognizer":
    """Build the initiative rules; their word lists load in ``initialize`` or ``from_bytes``."""
    register_extensions()
    settings = {"max_quote_chars": max_quote_chars, "max_object_chars": max_object_chars,
                "min_campaign_repeats": min_campaign_repeats, "min_generic_core": min_generic_core}
    return InitiativesRecognizer(name, settings, steps)


class InitiativesRecognizer:
    """spaCy component: INITIATIVE entities, canonical name (no quotes) in ``kb_id_``."""

    def __init__(self, name: str, settings: dict[str, int], steps: Sequence[str] = STEPS) -> None:
        if settings["max_quote_chars"] < 2 or settings["max_object_chars"] < 4:
            raise ValueError(
                f"{FACTORY}: max_quote_chars must be >= 2 and max_object_chars >= 4, "
                f"got {settings['max_quote_chars']} and {settings['max_object_chars']}"
            )
        self.steps = registered_steps(FACTORY, steps, STEPS)
        self.name = name
        self.settings = dict(settings)
        self.rules: Rules | None = None
        self.common_words: dict[str, float] | None = None

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the word lists (``initiative_words.tsv``) and the common words that tell where a
        word ends in unsegmented text."""
        self.rules = Rules.from_lexicon(load_lexicon("initiative_words"), self.settings)
        self.common_words = load_common_words()

    def __call__(self, doc: Doc) -> Doc:
        if self.common_words is None or self.rules is None:
            raise NotInitializedError(FACTORY)
        words = lac_words(doc)
        candidates = InitiativeFinder(self.rules, self.common_words, doc_text(doc), words).find(self.steps)
        persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == PERSON]
        kept = [c for c in candidates if not any(s < c.end and c.start < e for s, e in persons)]
        kept = _named_by_fuller(kept, (*self.rules.document_suffixes, *self.rules.name_suffixes))
        logger.debug("%s: %d candidates, %d clear of names", self.name, len(candidates), len(kept))
        set_entities(doc, kept)
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "InitiativesRecognizer":
        self._set_state(srsly.msgpack_loads(bytes_data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / _DATA_FILE, self._state())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "InitiativesRecognizer":
        self._set_state(srsly.read_msgpack(Path(path) / _DATA_FILE))
        return self

    def _state(self) -> dict[str, Any]:
        if self.common_words is None or self.rules is None:
            raise NotInitializedError(FACTORY)
        return {"common_words": self.common_words, "rules": self.rules.to_dict()}

    def _set_state(self, state: dict[str, Any]) -> None:
        self.common_words = dict(state["common_words"])
        self.rules = Rules.from_dict(state["rules"])
        self.settings = {key: getattr(self.rules, key) for key in self.settings}


def _named_by_fuller(candidates: list[CharSpan], suffixes: Sequence[str]) -> list[CharSpan]:
    """X管理 beside 《X管理规定》 in one document is that document: a name that another name of
    the document continues with a document or programme word is named by the longer one."""
    names = {c.kb_id for c in candidates if c.kb_id}
    renamed = []
    for candidate in candidates:
        fuller = next((candidate.kb_id + s for s in suffixes if candidate.kb_id and candidate.kb_id + s in names), None)
        renamed.append(CharSpan(candidate.start, candidate.end, candidate.label, fuller) if fuller else candidate)
    return renamed


# -- the registered steps ------------------------------------------------------------------
Step = Callable[[InitiativeFinder], Iterable[CharSpan]]


def _step(name: str, method: str) -> None:
    """Register ``InitiativeFinder.<method>`` (candidates of one text) as the step ``name``."""
    def run(finder: InitiativeFinder) -> Iterable[CharSpan]:
        return getattr(finder, method)()

    run.__name__ = method.lstrip("_")
    run.__doc__ = f"Step {name}: the candidates of ``InitiativeFinder.{method}``."
    registry.misc.register(name, func=run)


for _name in STEPS:
    _step(_name, "_" + _name.split(".")[2])
