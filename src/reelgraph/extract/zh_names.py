"""Typed mentions in Chinese text, and mentions joined into entities.

Finds film titles in 《》, quoted venues, events and organisations (“十月”影院),
transliterated foreign names with or without the middle dot (米洛斯·比科维奇,
格列布卡柳日尼) using an inventory of transliteration characters, Chinese
names (a surname list plus jieba's nr tags), organisations and venues by
their endings (…集团, …影城) and places from a gazetteer. Short forms join
the full name within the document (比科维奇 -> 米洛斯·比科维奇).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field

from reelgraph.errors import ModelMissingError
from reelgraph.extract.zh_resources import places, surnames, translit_chars, words
from reelgraph.model import Entity, Span

log = logging.getLogger(__name__)

DOTS = "·・•‧･"
PUNCT = set("，。；：！？、,.;:!?\n（）()《》“”\"'‘’「」『』【】—…～ \t　")
CJK = re.compile(r"[\u3400-\u9fff]")
# Characters that never sit inside a Chinese personal name next to the words around it.
NOT_IN_NAME = set("的了是在和与等们这那个之其就都也被把将说我你您咱它")

# Higher wins when two candidate mentions overlap; equal priority prefers the longer.
PRIORITY = {"title": 100, "quoted": 90, "dotted": 80, "suffix": 70, "event": 70, "cue": 60,
            "known": 55, "nt": 52, "gazetteer": 50, "ns": 30}


@dataclass(frozen=True)
class Token:
    """A jieba token with its offsets."""

    start: int
    end: int
    word: str
    flag: str


@dataclass
class Mention:
    """A typed stretch of the text; `name` is the entity name it stands for (titles lose their brackets)."""

    start: int
    end: int
    type: str
    name: str
    source: str
    within: str | None = None   # gazetteer container of a place

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.source, 0)


@functools.lru_cache(maxsize=1)
def _tokenizer():
    """One jieba POS tokenizer per process, its start-up log silenced."""
    try:
        import jieba
        import jieba.posseg
    except ImportError as e:  # pragma: no cover - jieba is a pinned dependency
        raise ModelMissingError("jieba", "Chinese word segmentation") from e
    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return jieba.posseg.POSTokenizer(tok)


def tokens(text: str) -> list[Token]:
    """jieba POS tokens of `text` with character offsets."""
    out, pos = [], 0
    for pair in _tokenizer().cut(text):
        out.append(Token(pos, pos + len(pair.word), pair.word, pair.flag))
        pos += len(pair.word)
    return out


def is_translit(s: str) -> bool:
    """All characters are transliteration characters (dots allowed between parts)."""
    chars = translit_chars()
    parts = re.split(f"[{DOTS}]", s)
    return all(parts) and all(c in chars for p in parts for c in p)


def is_chinese_name(s: str, nr_words: frozenset[str] = frozenset()) -> bool:
    """A plausible Chinese personal name: a known surname and one to three more characters."""
    if not 2 <= len(s) <= 4 or not all(CJK.match(c) for c in s) or any(c in NOT_IN_NAME for c in s):
        return False
    sn = surnames()
    if s[:2] in sn and len(s) >= 3:
        return True
    if s[0] not in sn:
        return False
    return len(s) <= 3 or s in nr_words


@functools.lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """The hundred most frequent surnames (zh_surnames.tsv lists them first)."""
    from reelgraph.extract.zh_resources import GAZ
    ordered = [line.strip() for line in (GAZ / "zh_surnames.tsv").read_text(encoding="utf-8").split("\n")
               if line.strip() and not line.startswith("#")]
    return frozenset(ordered[:100])


def person_name(s: str, nr_words: frozenset[str] = frozenset()) -> bool:
    """A transliterated foreign name or a Chinese name."""
    if any(d in s for d in DOTS):
        return is_translit(s) and len(s) >= 3
    if s in places() or s in words()["role"] or s in words()["char_role"]:
        return False
    return (len(s) >= 2 and is_translit(s)) or is_chinese_name(s, nr_words)


class Doc:
    """One Chinese text with its tokens and the mentions found so far."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokens(text)
        self.nr_words = frozenset(t.word for t in self.tokens if t.flag.startswith("nr"))
        self.token_at: dict[int, Token] = {}
        for t in self.tokens:
            for i in range(t.start, t.end):
                self.token_at[i] = t
        self.candidates: list[Mention] = []
        self.mentions: list[Mention] = []
        self.covered: dict[int, Mention] = {}

    # --- resolving candidates into non-overlapping mentions -------------------------------
    def add(self, m: Mention) -> None:
        if m.end > m.start and self.text[m.start:m.end].strip():
            self.candidates.append(m)

    def settle(self) -> None:
        """Keep the best of overlapping candidates: higher priority, then longer, then earlier."""
        chosen: list[Mention] = []
        taken: dict[int, Mention] = {}
        seen = set()
        for m in sorted(self.candidates, key=lambda m: (-m.priority, -(m.end - m.start), m.start)):
            k = (m.start, m.end)
            if k in seen or any(i in taken for i in range(m.start, m.end)):
                continue
            seen.add(k)
            chosen.append(m)
            for i in range(m.start, m.end):
                taken[i] = m
        self.mentions = sorted(chosen, key=lambda m: m.start)
        self.covered = taken

    def common_word(self, start: int, end: int, kinds: tuple[str, ...] | None = None) -> bool:
        """text[start:end] is one jieba token not tagged as a name (金牌, 卡车), of `kinds` if given."""
        t = self.token_at.get(start)
        if not (t and t.start == start and t.end == end) or t.flag[:2] in ("nr", "ns", "nz", "nt"):
            return False
        return kinds is None or t.flag[:1] in kinds

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.covered for i in range(start, end))

    def mention_at(self, start: int, end: int) -> Mention | None:
        m = self.covered.get(start)
        return m if m and m.start == start and m.end == end else None

    def within(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end
                and (types is None or m.type in types)]


# --- finders ---------------------------------------------------------------------------------

_WORK_NOUNS = ("小说", "长篇小说", "原著", "书", "著作", "歌曲", "主题曲", "专辑", "杂志", "报", "诗", "剧本")


def find_titles(doc: Doc) -> None:
    """《X》: a Film, unless a word before it says it is a book or song."""
    for m in re.finditer(r"《([^《》\n]{1,40})》", doc.text):
        before = doc.text[max(0, m.start() - 4):m.start()]
        kind = "Other" if before.endswith(_WORK_NOUNS) else "Film"
        doc.add(Mention(m.start(1), m.end(1), kind, m.group(1), "title"))


def _suffix_re(kind: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words()[kind], key=len, reverse=True))


def find_quoted(doc: Doc) -> None:
    """“X”影院 is a Venue; “X” ending in an event or organisation word is an Event or Organization."""
    venue = _suffix_re("venue_suffix")
    for m in re.finditer(rf"[“「\"]([^“”「」\"\n]{{1,20}})[”」\"]({venue})", doc.text):
        doc.add(Mention(m.start(), m.end(), "Venue", m.group(0), "quoted"))
    events = sorted(words()["event_suffix"], key=len, reverse=True)
    orgs = sorted(words()["org_suffix"], key=len, reverse=True)
    for m in re.finditer(r"[“「]([^“”「」\n]{2,30})[”」]", doc.text):
        inner = m.group(1)
        if not CJK.search(inner):
            continue
        if any(inner.endswith(e) for e in events) and len(inner) >= 3:
            doc.add(Mention(m.start(1), m.end(1), "Event", inner, "quoted"))
        elif any(inner.endswith(o) for o in orgs) and len(inner) >= 3:
            doc.add(Mention(m.start(1), m.end(1), "Organization", inner, "quoted"))


_VERBS_BEFORE_NAMES = {"进入", "加入", "成为", "前往", "来到", "离开", "调入", "调到", "创办", "成立", "宣布", "表示",
                       "携手", "联合", "委托", "签约", "收购", "投资", "入股", "任职", "供职", "就职", "担任", "出任",
                       "毕业于", "回到", "访问", "参观", "走进", "获得", "牵手", "对话"}


def _left_edge(doc: Doc, end: int, limit: int) -> int:
    """Where a name ending at `end` begins: back over characters until punctuation or a function word."""
    stop = set("由在与和及为是的将被把从向对据等让经系即乃以而其该这那称说于至")
    i = end
    while i > 0 and end - i < limit:
        c = doc.text[i - 1]
        if c in "）)" and i < end:
            # 郭帆（北京）映画有限公司: a bracketed place inside a company name
            k = max(doc.text.rfind("（", 0, i - 1), doc.text.rfind("(", 0, i - 1))
            if k > 0 and i - 1 - k <= 6 and CJK.match(doc.text[k - 1]):
                i = k
                continue
        if c in PUNCT or c in stop or not (CJK.match(c) or c.isalnum()):
            break
        t = doc.token_at.get(i - 1)
        # a verb, adverb or time word before the name is not part of it (同年进入长春电影制片厂)
        if t is not None and t.end <= end and t.end == i and (
                t.flag in ("p", "d", "c", "r", "ul", "uj") or t.word in _VERBS_BEFORE_NAMES):
            break
        i -= 1
    return i


def _strip_places(doc: Doc, start: int, end: int) -> tuple[int, list[Mention]]:
    """Move `start` past gazetteer places at the front of a name; return the places passed."""
    found = []
    gaz = places()
    names = sorted(gaz, key=len, reverse=True)
    moved = True
    while moved:
        moved = False
        for n in names:
            if doc.text.startswith(n, start) and end - start - len(n) >= 2:
                p = gaz[n]
                found.append(Mention(start, start + len(n), p.type, n, "gazetteer", p.within))
                start += len(n)
                moved = True
                break
    return start, found


def find_by_suffix(doc: Doc) -> None:
    """Organisations (…集团, …影业) and venues (…影城) by their endings, unless generic (各地影院, 该公司)."""
    generic = words()["generic"]
    determiners = ("该", "这", "那", "各", "多家", "一家", "几家", "数家", "其", "本", "某")
    for kind, etype in (("org_suffix", "Organization"), ("venue_suffix", "Venue")):
        suffix = _suffix_re(kind)
        chain = rf"(?:{suffix})+" if kind == "org_suffix" else rf"(?:{suffix})"
        for m in re.finditer(chain, doc.text):
            start = _left_edge(doc, m.start(), 12)
            if etype == "Venue":
                # a venue's name starts after the last place named before it (北京中影国际影城),
                # unless the place is all of its name (上海大剧院)
                full = start
                start, passed = _strip_places(doc, start, m.end())
                head = doc.text[start:m.start()]
                last = max((head.rfind(n) + len(n) for n in places() if n in head), default=0)
                if last:
                    start += last
                if m.start() - start < 2 and not re.search(r"\d", doc.text[full:m.start()]) \
                        and not any(doc.text[full:m.start()].endswith(g) for g in generic):
                    start, passed = full, []
                for p in passed:
                    doc.add(p)
            head = doc.text[start:m.start()]
            if len(head) < 2 or head in generic or head.startswith(determiners) or re.search(r"\d", head):
                continue
            doc.add(Mention(start, m.end(), etype, doc.text[start:m.end()], "suffix"))


def find_events(doc: Doc) -> None:
    """Unquoted festivals: 第十届西湖国际电影周, 平遥国际电影展 — the festival word and up to
    three name tokens before it (nouns, adjectives, numbers, places)."""
    for m in re.finditer(r"电影节|展映周|电影周|电影展|影展|艺术节|电视节", doc.text):
        if not doc.free(m.start(), m.end()) or (m.start() and doc.text[m.start() - 1] in "”」"):
            continue
        start, taken = m.start(), 0
        while start > 0 and taken < 6 and m.end() - start < 16:
            t = doc.token_at.get(start - 1)
            if t is None or t.word in ("的", "在", "和", "与") or not (
                    t.flag[:1] in ("n", "a", "m", "j", "b") or t.word in ("国际", "届", "第") or t.word in places()):
                break
            if t.flag == "m" and not re.fullmatch(r"第|届|第?[\d〇零一二三四五六七八九十百]+届?|\d{4}", t.word):
                break
            start = t.start
            taken += 1
        if start < m.start():
            doc.add(Mention(start, m.end(), "Event", doc.text[start:m.end()], "event"))


def _run_left(doc: Doc, end: int, floor: int) -> int:
    """Start of the transliterated name part ending at `end` (a jieba name token may lend its start)."""
    chars = translit_chars()
    start = end
    while start > floor and doc.text[start - 1] in chars:
        start -= 1
    if start - 2 >= floor and doc.text[start - 1] in "-－‐" and CJK.match(doc.text[start - 2]):
        # 让-吕克·莫罗: a hyphenated given name; its first part may be any one or two characters
        start -= 2
        if start - 1 >= floor and doc.text[start - 1] in chars:
            start -= 1
    t = doc.token_at.get(start) if start < end else doc.token_at.get(end - 1)
    # a jieba name token reaching further left lends its start, unless it swallowed a function word (由约翰)
    if t is not None and t.flag[:2] in ("nr", "ns") and floor <= t.start < start \
            and not any(c in NOT_IN_NAME or c in "由在与和为被把从对向据" for c in doc.text[t.start:start]):
        start = t.start
    return start


def _run_right(doc: Doc, start: int, ceiling: int) -> int:
    """End of the transliterated name part starting at `start`, extended to the end of a jieba name token."""
    chars = translit_chars()
    end = start
    while True:
        while end < ceiling and doc.text[end] in chars:
            end += 1
        t = doc.token_at.get(end - 1) if end > start else doc.token_at.get(start)
        if end < ceiling and t and t.end > end and t.flag[:2] in ("nr", "ns") and t.end <= ceiling:
            end = t.end
            continue
        return end


def find_dotted(doc: Doc) -> None:
    """Transliterated names written with a middle dot: 米洛斯·比科维奇, 本丢·彼拉多."""
    text = doc.text
    dots = [m.start() for m in re.finditer(f"[{DOTS}]", text)]
    i = 0
    while i < len(dots):
        d = dots[i]
        floor = max((k for k in (text.rfind(c, 0, d) for c in "，。；：、！？\n《》“”（）") if k >= 0), default=-1) + 1
        start = _run_left(doc, d, floor)
        end = d
        j = i
        while j < len(dots):
            nxt = dots[j + 1] if j + 1 < len(dots) else len(text)
            right = _run_right(doc, dots[j] + 1, nxt)
            if right == dots[j] + 1:
                break
            end = right
            if right == nxt and nxt < len(text):
                j += 1
                continue
            break
        i = j + 1
        if start == d or end <= d:
            continue
        start, _ = _strip_places(doc, start, end)
        doc.add(Mention(start, end, "Person", text[start:end], "dotted"))


def find_places(doc: Doc) -> None:
    """Gazetteer places wherever they occur (overlaps with longer names are settled later)."""
    gaz = places()
    alt = "|".join(re.escape(n) for n in sorted(gaz, key=len, reverse=True))
    for m in re.finditer(alt, doc.text):
        p = gaz[m.group(0)]
        doc.add(Mention(m.start(), m.end(), p.type, p.name, "gazetteer", p.within))


def find_nt(doc: Doc) -> None:
    """jieba's organisation tags, only for names of four or more characters."""
    for t in doc.tokens:
        if t.flag == "nt" and len(t.word) >= 4:
            doc.add(Mention(t.start, t.end, "Organization", t.word, "nt"))


_NOT_PLACE = {"中俄", "中苏", "中美", "两国", "外国", "国内", "海外", "各国", "全国", "本国", "异国", "他国",
              "当地", "各地", "中方", "俄方", "美方", "沙俄", "中外", "国外", "欧美", "亚太"}


def place_type(name: str) -> str:
    """Type of a place jieba found that the gazetteer lacks, from its last character."""
    if name[-1] in "湖山河江海湾峡岛洲省州原漠岭峰谷":
        return "Region"
    if name[-1] in "街路道巷桥站":
        return "Other"
    return "City"


def add_ns(doc: Doc, start: int, end: int) -> None:
    """jieba place tokens in text[start:end] that are free (used where a cue expects places)."""
    for t in doc.tokens:
        if t.start < start or t.end > end or t.flag != "ns" or len(t.word) < 2 or t.word in _NOT_PLACE:
            continue
        if t.word.endswith("国") and t.word not in places():
            continue
        if doc.free(t.start, t.end):
            doc.add(Mention(t.start, t.end, place_type(t.word), t.word, "ns"))


def find_streets(doc: Doc) -> None:
    """Transliterated street names (新阿尔巴特街) and railways are places of type Other, not people."""
    chars = "".join(sorted(translit_chars()))
    for m in re.finditer(rf"(?:新|老)?[{chars}]{{2,8}}(?:大街|街|大道|路|广场)", doc.text):
        doc.add(Mention(m.start(), m.end(), "Other", m.group(0), "suffix"))
    # railways and named trains: 西伯利亚铁路, 东方快车
    for m in re.finditer(rf"[{chars}]{{2,8}}(?:铁路|快车|特快)", doc.text):
        doc.add(Mention(m.start(), m.end(), "Other", m.group(0), "suffix"))
    # transliterated natural places: 瓦迪拉姆沙漠, 贝加尔湖
    for m in re.finditer(rf"[{chars}]{{2,8}}(?:沙漠|山脉|半岛|群岛|高原|平原|峡谷|盆地|草原|湖|岛|河)(?![\u4e00-\u9fff]{{0,1}}[人战役])",
                         doc.text):
        doc.add(Mention(m.start(), m.end(), "Region", m.group(0), "suffix"))


# --- joining mentions into entities -----------------------------------------------------------

def event_key(name: str) -> str:
    """An event name with Chinese numerals as digits: 第七十四届 and 第74届 are one festival."""
    from reelgraph.extract.zh_dates import chinese_number

    def digits(m: re.Match) -> str:
        n = chinese_number(m.group(0))
        return str(n) if n is not None else m.group(0)
    return re.sub(r"[〇零一二三四五六七八九十百千两]+", digits, name)


def _undotted(name: str) -> str:
    return re.sub(f"[{DOTS}]", "", name)


def _last_part(name: str) -> str:
    return re.split(f"[{DOTS}]", name)[-1]


def propagate(doc: Doc) -> None:
    """Every other occurrence of a known person, character or organisation name, and the
    surname-only and dot-less forms of dotted names, become mentions too."""
    chars = translit_chars()
    forms: dict[str, tuple[str, str]] = {}
    for m in doc.mentions:
        if m.type in ("Person", "Character") and m.source in ("dotted", "cue"):
            forms.setdefault(m.name, (m.type, m.name))
            if any(d in m.name for d in DOTS):
                forms.setdefault(_undotted(m.name), (m.type, m.name))
                last = _last_part(m.name)
                if len(last) >= 2:
                    forms.setdefault(last, (m.type, m.name))
        elif m.type == "Organization" and m.source in ("suffix", "quoted", "nt"):
            forms.setdefault(m.name, (m.type, m.name))
    for form, (etype, _) in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(form), doc.text):
            s, e = m.start(), m.end()
            if not doc.free(s, e):
                continue
            if etype in ("Person", "Character") and is_translit(form):
                if s > 0 and doc.text[s - 1] in chars and doc.text[s - 1] not in "演员":
                    continue
                if e < len(doc.text) and doc.text[e] in DOTS:
                    continue
            doc.add(Mention(s, e, etype, form, "known"))


def find_abbreviations(doc: Doc) -> None:
    """国家政治保卫总局（OGPU）: a bracketed short form right after a name is another name of it;
    so is a word jieba knows as an abbreviation of one organisation's name (中共)."""
    for m in doc.mentions:
        if m.type not in ("Organization", "Event", "Venue", "Film"):
            continue
        b = re.match(r"[（(]([A-Za-z][A-Za-z0-9&.\- ]{1,15}|[\u4e00-\u9fff]{2,6})[）)]", doc.text[m.end:m.end + 20])
        if b and doc.free(m.end + b.start(1), m.end + b.end(1)):
            doc.add(Mention(m.end + b.start(1), m.end + b.end(1), m.type, m.name, "known"))
    # 中共 for 中国共产党: a word jieba tags as an abbreviation (j) whose characters open and run
    # through the name of exactly one organisation of the article, in order
    orgs = {m.name: m for m in doc.mentions if m.type == "Organization" and len(m.name) >= 4}
    for t in doc.tokens:
        if t.flag != "j" or not 2 <= len(t.word) <= 3 or not doc.free(t.start, t.end):
            continue
        owners = [m for name, m in orgs.items() if name[0] == t.word[0] and _in_order(t.word, name)]
        if len(owners) == 1:
            doc.add(Mention(t.start, t.end, "Organization", owners[0].name, "known"))


def _in_order(short: str, name: str) -> bool:
    """Every character of `short` occurs in `name`, in that order (中共 in 中国共产党)."""
    at = 0
    for ch in short:
        at = name.find(ch, at) + 1
        if not at:
            return False
    return True


@dataclass
class Group:
    """Mentions of one entity."""

    type: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def best_name(self) -> str:
        dotted = [n for n in self.names if any(d in n for d in DOTS)]
        pool = dotted or self.names
        return max(pool, key=lambda n: (len(n), -self.names.index(n)))


def group_mentions(mentions: list[Mention], extra: list[tuple[str, str]] = ()) -> tuple[list[Group], dict[int, Group]]:
    """Join mentions into groups: same name; dot-less or surname-only form of a dotted name;
    an organisation name that is another's without its ending (博纳影业 -> 博纳影业集团)."""
    by_name: dict[tuple[str, str], Group] = {}
    groups: list[Group] = []
    of: dict[int, Group] = {}

    def kind(t: str) -> str:
        return "P" if t in ("Person", "Character") else t

    for m in sorted(mentions, key=lambda m: (-len(m.name), m.start)):
        k = (kind(m.type), m.name)
        g = by_name.get(k)
        if g is None and kind(m.type) == "P":
            for other in groups:
                if kind(other.type) != "P":
                    continue
                fulls = [n for n in other.names if any(d in n for d in DOTS)]
                if any(_undotted(f) == m.name or _last_part(f) == m.name for f in fulls):
                    g = other
                    break
        if g is None and m.type == "Film":
            # 碟中谍7 and 碟中谍7：致命清算（上）: a title and the same title with its subtitle
            g = next((o for o in groups if o.type == "Film" and any(
                n.startswith(m.name) and re.match(r"[：:·—\-\s]", n[len(m.name):]) for n in o.names)), None)
        if g is None and m.type == "Event":
            key = event_key(m.name)
            g = next((o for o in groups if o.type == "Event" and any(
                event_key(n) == key or re.sub(r"^(?:\d{4}|第\d+届)", "", event_key(n)) == key for n in o.names)), None)
        if g is None and m.type == "Organization":
            # 茶马影业 and 云南茶马影业: the same company with its place in front
            g = next((o for o in groups if o.type == "Organization" and any(
                n.endswith(m.name) and n[:-len(m.name)] in places() for n in o.names)), None)
        if g is None and m.type == "Organization":
            suffix = tuple(words()["org_suffix"])
            for other in groups:
                if other.type == "Organization" and any(
                        n.startswith(m.name) and n[len(m.name):].endswith(suffix) and
                        re.fullmatch("(?:" + "|".join(map(re.escape, suffix)) + ")+", n[len(m.name):])
                        for n in other.names):
                    g = other
                    break
        if g is None:
            g = Group(m.type)
            groups.append(g)
        if m.name not in g.names:
            g.names.append(m.name)
        if m.type == "Character":
            g.type = "Character"
        g.mentions.append(m)
        by_name[k] = g
        of[id(m)] = g
    for etype, name in extra:
        k = (kind(etype), name)
        if k not in by_name:
            g = Group(etype, [name])
            groups.append(g)
            by_name[k] = g
    return groups, of


def to_entities(text: str, groups: list[Group]) -> tuple[list[Entity], dict[int, str]]:
    """Entities e1, e2... in order of first mention; returns also group id() -> entity id."""
    ordered = sorted(groups, key=lambda g: min((m.start for m in g.mentions), default=len(text)))
    out, ids = [], {}
    for i, g in enumerate(ordered, 1):
        eid = f"e{i}"
        ids[id(g)] = eid
        name = g.best_name()
        spans = sorted({(m.start, m.end) for m in g.mentions})
        surfaces = []
        for s, e in spans:
            surface = text[s:e]
            if surface != name and surface not in surfaces:
                surfaces.append(surface)
        for n in g.names:
            if n != name and n not in surfaces:
                surfaces.append(n)
        out.append(Entity(eid, g.type, name, surfaces, [Span(s, e, text[s:e]) for s, e in spans]))
    return out, ids
