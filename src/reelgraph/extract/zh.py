"""Chinese articles to entities and facts: jieba tokens, typed mentions, then cue patterns.

`extract(doc)` runs in three steps. Mentions come from zh_names (titles in
《》, quoted venues and events, transliterated and Chinese names, places).
Cue patterns (data/patterns/zh_cues.jsonl) are then read twice: the first
pass only discovers the people and characters a cue points at (段奕宏饰演谈子为),
so their other mentions can be found; the second pass states the facts. Each
fact carries the clause that states it as evidence. A clause that only plans,
hopes, denies or rumours (计划, 有望, 并未, 网传) states nothing and gives no fact,
as in the English extractor. The film a cue is about is the one in its clause,
else its sentence, else the last one named in its paragraph, else the
article's own (the one in its headline). Articles in traditional characters
are read through a simplified copy of the same length, so offsets hold.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field

from reelgraph.extract import zh_names as zn
from reelgraph.extract.zh_dates import ZhDate, add_date_resolutions, find_dates, infer_year
from reelgraph.extract.zh_resources import ZhCue, cues, label, places, translit_chars, words
from reelgraph.model import Document, Extraction, Fact, Span, Term

log = logging.getLogger(__name__)

CLAUSE_END = "，,；;：:"
SENTENCE_END = "。！？!?\n"
# Characters that may follow a name: the start of the verb or particle after it (于冬担任, 傅若清在).
AFTER_NAME = set("在的是说和与及等则也将曾已于担出执饰主表坦致称透介参一携为接带作对向把被从同都还又就并更首亮走以获凭因今近称现这那再所来去到上下中后前时此日指认强用坚负")
FILM_TYPES = ("Film",)
PLACE_TYPES = ("City", "Region", "Country", "Venue", "Other")
# A fact stated about the film of the same clause is surer than one about the film of the article.
FILM_FACTOR = {"clause": 1.0, "sentence": 0.97, "paragraph": 0.92, "main": 0.9}


@dataclass
class Draft:
    """A fact before entity ids exist."""

    subject: object
    predicate: str
    object: object                      # a Ref or a Term literal
    qualifiers: dict = field(default_factory=dict)
    confidence: float = 0.5
    evidence: tuple[int, int] = (0, 0)


@dataclass
class Ctx:
    """What the cue readers share for one document."""

    doc: zn.Doc
    year: int | None
    reference: str | None
    dates: list[ZhDate]
    sentences: list[tuple[int, int]]
    clauses: list[tuple[int, int]]
    discover: bool = True
    drafts: list[Draft] = field(default_factory=list)
    main_film: zn.Mention | None = None

    @property
    def text(self) -> str:
        return self.doc.text

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos

    def clause_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.clauses:
            if s <= pos < e:
                return s, e
        return pos, pos


# --- splitting ---------------------------------------------------------------------------------

def _split(text: str, ends: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    out, s = [], start
    for i in range(start, end):
        c = text[i]
        cut = c in ends
        # a space between two Chinese characters separates headline parts
        if c in " \u3000" and 0 < i < len(text) - 1 and (zn.CJK.match(text[i - 1]) or zn.CJK.match(text[i + 1])):
            cut = True
        if cut:
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out


def sentences_and_clauses(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    sentences = _split(text, SENTENCE_END)
    clauses = []
    for s, e in sentences:
        clauses += _split(text, CLAUSE_END, s, e)
    return sentences, clauses


# --- small readers -------------------------------------------------------------------------------

def _sorted_words(kind: str) -> list[str]:
    return sorted(words()[kind], key=len, reverse=True)


def _ensure(ctx: Ctx, start: int, end: int, etype: str, name: str | None = None) -> zn.Mention | None:
    """The settled mention at exactly [start, end); in the discovery pass, a new candidate."""
    doc = ctx.doc
    m = doc.mention_at(start, end)
    if m is not None:
        if ctx.discover and etype == "Character" and m.type == "Person":
            m.type = "Character"
        return m if m.type in (etype, "Person", "Character") or etype not in ("Person", "Character") else None
    if ctx.discover and doc.free(start, end):
        cand = zn.Mention(start, end, etype, name or doc.text[start:end], "cue")
        doc.add(cand)
        return cand
    return None


def _strip_tail(text: str, start: int, end: int, kinds: tuple[str, ...] = ("adverb",)) -> int:
    """Move `end` left past adverbs (在片中, 联合, 等) standing before a cue."""
    advs = [w for k in kinds for w in _sorted_words(k)]
    changed = True
    while changed:
        changed = False
        for a in advs:
            if end - len(a) >= start and text[end - len(a):end] == a:
                end -= len(a)
                changed = True
                break
    return end


def _last_boundary(ctx: Ctx, start: int, end: int, kinds: tuple[str, ...], brackets: bool = True) -> int:
    """End of the last boundary word of `kinds` (or closing bracket) in text[start:end] outside a name."""
    text, doc = ctx.text, ctx.doc
    best = start
    for i in range(start, end if brackets else start):
        if text[i] in "》”」)）" and doc.free(i, i + 1):
            best = max(best, i + 1)
    for kind in kinds:
        for w in words()[kind]:
            for m in re.finditer(re.escape(w), text[start:end]):
                s, e = start + m.start(), start + m.end()
                if doc.free(s, e):
                    best = max(best, e)
    return best


def _skip_places(ctx: Ctx, start: int, end: int) -> int:
    moved = True
    while moved:
        moved = False
        for m in ctx.doc.mentions:
            if m.start == start and m.end < end and m.type in ("Country", "City", "Region"):
                start, moved = m.end, True
    return start


def _split_list(ctx: Ctx, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of a name list split at 、和与及 that are not inside a known name."""
    text, doc = ctx.text, ctx.doc
    cuts = []
    for sep in _sorted_words("list_sep"):
        for m in re.finditer(re.escape(sep), text[start:end]):
            s, e = start + m.start(), start + m.end()
            if doc.free(s, e) and not any(c[0] < e and s < c[1] for c in cuts):
                cuts.append((s, e))
    parts, s = [], start
    for cs, ce in sorted(cuts):
        parts.append((s, cs))
        s = ce
    parts.append((s, end))
    return [(a, b) for a, b in parts if b > a]


def _strip_adverb_tokens(ctx: Ctx, start: int, end: int) -> int:
    """Move `end` left past jieba adverbs (再度, 又) and a coordinated cue (刘江江编剧并执导)."""
    text, doc = ctx.text, ctx.doc
    roles = _sorted_words("role")
    while end > start:
        ordinal = re.search(r"第[\d一二三四五六七八九十]+次$|又一次$", text[start:end])
        if ordinal:
            end = start + ordinal.start()    # 克鲁斯第七次饰演
            continue
        t = doc.token_at.get(end - 1)
        if t is not None and t.end == end and t.start >= start and t.flag in ("d", "ad") and doc.free(t.start, t.end) \
                and (end - t.start == 2 or t.word in "又也还再都就才曾已将则亦均仍"):
            end = t.start
            continue
        if text[end - 1] in "并和与及、" and end - 1 > start:
            role = next((r for r in roles if text[start:end - 1].endswith(r)), None)
            if role:
                end = end - 1 - len(role)
                continue
        break
    return _strip_tail(text, start, end)


def names_before(ctx: Ctx, pos: int, clause: tuple[int, int], etype: str = "Person") -> list[zn.Mention]:
    """People named right before a cue: 由A、B、C联合执导, 法国导演甲与中国导演乙联合执导."""
    text = ctx.text
    end = _strip_tail(text, clause[0], pos)
    # 孙晓梅在《远山》中饰演, 孙晓梅凭借处女作《远山》获得: the title between name and cue is not part of the name
    film_tail = re.search(r"(?:在|凭借|凭|于|通过)[^《》，。]{0,6}《[^《》]{1,40}》(?:一片)?(?:中|里)?$", text[clause[0]:end])
    if film_tail:
        end = _strip_tail(text, clause[0], clause[0] + film_tail.start())
    # 陈可辛（Peter Chan）执导: a bracketed gloss after the name
    gloss = re.search(r"[（(][^（）()《》]{1,30}[）)]$", text[clause[0]:end])
    if gloss:
        end = clause[0] + gloss.start()
    end = _strip_adverb_tokens(ctx, clause[0], end)
    start = _last_boundary(ctx, clause[0], end, ("stop",))
    parts = []
    for s, e in _split_list(ctx, start, end):
        e = _strip_tail(text, s, e)
        s0 = s
        s = _last_boundary(ctx, s, e, ("role",))
        role = s > s0
        s = _last_boundary(ctx, s, e, ("char_role",))
        s = _skip_places(ctx, s, e)
        if e > s:
            parts.append((s, e, role))
    out, unnamed = [], []
    for s, e, role in parts:
        got = _name_in(ctx, s, e, etype, role)
        out += got
        if not got:
            unnamed.append((s, e))
    # in a list of names, a part that is not a known kind of name is still a name (次仁多吉)
    if out and len(parts) >= 3:
        for s, e in unnamed:
            part = text[s:e]
            if 2 <= len(part) <= 4 and all(zn.CJK.match(c) for c in part) and ctx.doc.free(s, e) \
                    and not any(c in zn.NOT_IN_NAME for c in part) and not ctx.doc.common_word(s, e) \
                    and part not in places():
                got = _ensure(ctx, s, e, etype)
                if got:
                    out.append(got)
    return out


PRONOUNS = ("他本人", "她本人", "他", "她")


def _name_in(ctx: Ctx, s: int, e: int, etype: str, after_role: bool = False) -> list[zn.Mention]:
    """The name filling text[s:e], or the names tiling it, or the name ending it; 他/她 is the
    person named last before; right after a role word (演员, 作曲家) any short name is a name."""
    doc, text = ctx.doc, ctx.text
    m = doc.mention_at(s, e)
    if m is not None and m.type in ("Person", "Character"):
        return [_ensure(ctx, s, e, etype) or m]
    inside = [x for x in doc.mentions if x.start >= s and x.end <= e and x.type in ("Person", "Character")]
    if inside and sum(x.end - x.start for x in inside) == e - s:
        return inside
    part = text[s:e]
    if part in PRONOUNS:
        return _antecedent(ctx, s)
    if zn.person_name(part, doc.nr_words) and doc.free(s, e) and not doc.common_word(s, e):
        got = _ensure(ctx, s, e, etype)
        return [got] if got else []
    if after_role and 2 <= len(part) <= 4 and all(zn.CJK.match(c) for c in part) and doc.free(s, e) \
            and not any(c in zn.NOT_IN_NAME for c in part) and not doc.common_word(s, e) and part not in places():
        got = _ensure(ctx, s, e, etype)
        return [got] if got else []
    ending = [x for x in inside if x.end == e]
    if ending:
        return ending[-1:]
    # 老戏骨吴秀兰: a Chinese name ending a longer phrase (not 1963年毕业后)
    for n in (3, 2) if e - s >= 5 and not re.search(r"[\d年月日]", text[s:e]) else ():
        if zn.is_chinese_name(text[e - n:e], doc.nr_words) and doc.free(e - n, e) \
                and not re.search(r"[后前时]", text[e - n:e]) \
                and not doc.common_word(e - n, e) and text[e - n - 1] not in zn.surnames() \
                and text[e - n - 1] not in translit_chars():
            got = _ensure(ctx, e - n, e, etype)
            return [got] if got else []
    return []


def _antecedent(ctx: Ctx, pos: int) -> list[zn.Mention]:
    """Whom 他/她 at `pos` stands for: the one person named earlier in this sentence or the one
    before, else the person the article names most often so far."""
    people = [x for x in ctx.doc.mentions if x.type == "Person" and x.end <= pos]
    if not people:
        return []
    ss, _ = ctx.sentence_of(pos)
    here = [x for x in people if x.start >= ss]
    if here:
        return here[-1:]
    prev_start = ctx.sentence_of(ss - 2)[0] if ss >= 2 else ss
    near = {x.name: x for x in people if x.start >= prev_start}
    if len(near) == 1:
        return [next(iter(near.values()))]
    counts: dict[str, int] = {}
    for x in people:
        counts[x.name] = counts.get(x.name, 0) + 1
    best = max(counts, key=lambda n: (counts[n], max(x.end for x in people if x.name == n)))
    return [max((x for x in people if x.name == best), key=lambda x: x.end)]


def _boundary_after(text: str, e: int) -> bool:
    """A name may end at `e`: punctuation, a particle or verb start, or an adverb (共同, 再度) follows."""
    if e >= len(text) or text[e] in zn.PUNCT or text[e] in AFTER_NAME or not zn.CJK.match(text[e]):
        return True
    return any(text.startswith(w, e) for w in _sorted_words("adverb") if len(w) >= 2)


def names_after(ctx: Ctx, pos: int, clause: tuple[int, int], etype: str = "Person") -> list[zn.Mention]:
    """People named right after a cue: 导演安德烈·沃金, 董事长傅若清, 主演为A、B."""
    text, doc = ctx.text, ctx.doc
    i, end = pos, clause[1]
    while i < end and text[i] in "为是：:":
        i += 1
    out = []
    chars = translit_chars()
    while i < end:
        found = None
        for m in doc.mentions:
            if m.start == i and m.type in ("Person", "Character"):
                found = m
                break
        if found is None and text[i] not in AFTER_NAME:
            tok = doc.token_at.get(i)
            lengths = []
            if tok and tok.start == i and tok.flag.startswith("nr") and zn.person_name(tok.word, doc.nr_words) \
                    and tok.end <= end and doc.free(i, tok.end) and _boundary_after(text, tok.end):
                # jieba's name token knows where the name ends
                found = _ensure(ctx, i, tok.end, etype)
            run = 0
            while i + run < end and text[i + run] in chars:
                run += 1
            lengths += [n for n in range(run, 1, -1)]
            lengths += [3, 2]
            for n in lengths if found is None else []:
                e = i + n
                if e <= end and zn.person_name(text[i:e], doc.nr_words) and _boundary_after(text, e) \
                        and doc.free(i, e):
                    found = _ensure(ctx, i, e, etype)
                    break
        if found is None:
            break
        out.append(found)
        i = found.end
        sep = next((s for s in _sorted_words("list_sep") if text.startswith(s, i)), None)
        if sep is None:
            break
        i += len(sep)
    return out


def character_after(ctx: Ctx, pos: int, clause: tuple[int, int]) -> zn.Mention | None:
    """The character a performer plays: the name ending the words after 饰演."""
    text, doc = ctx.text, ctx.doc
    s, e = pos, clause[1]
    if s >= e or text[s] == "的":
        return None
    for tail in ("这一角色", "这个角色", "的角色", "一角", "角色"):
        if text[s:e].endswith(tail):
            e -= len(tail)
    q = re.match(r"[“「]([^”」]{1,15})[”」]", text[s:e])
    if q and q.end() >= e - s - 1:
        return _ensure(ctx, s + q.start(1), s + q.end(1), "Character")
    if q:
        s += q.end()    # 饰演“原子弹之父”罗伯特·奥本海默: the name after the epithet
    # only what follows the last 的, 、 or role word describes the name itself
    s = _last_boundary(ctx, s, e, ("char_role", "role"))
    for sep in ("的", "、"):
        k = text.rfind(sep, s, e)
        if k >= 0 and doc.free(k, k + 1):
            s = k + 1
    if e - s < 2:
        return None
    ending = [m for m in doc.mentions if m.end == e and m.start >= s and m.type in ("Person", "Character")]
    if ending:
        return _ensure(ctx, ending[-1].start, e, "Character")
    # 研究员图恒宇, 船长老周: a name right after an occupation word ending in 员, 师, 长, 家...
    nick = re.search(r"[老小阿]([\u4e00-\u9fff])$", text[s:e])
    if nick and e - s >= 2 and (nick.group(1) in zn.surnames() or text[e - 2] == "阿") and doc.free(e - 2, e) \
            and not (e - 3 >= s and text[e - 3] in zn.surnames()):     # 武小文 is a name, not 小文
        return _ensure(ctx, e - 2, e, "Character")
    occ = re.search(r"[\u4e00-\u9fff]{1,4}[员师长家手者官警兵生导人]([\u4e00-\u9fff]{2,3})$", text[s:e])
    if occ and not doc.common_word(s + occ.start(1), e) and doc.free(s + occ.start(1), e) \
            and not any(c in zn.NOT_IN_NAME for c in occ.group(1)):
        return _ensure(ctx, s + occ.start(1), e, "Character")
    chars = translit_chars()
    k = e
    while k > s and text[k - 1] in chars:
        k -= 1
    if e - k >= 2 and doc.free(k, e) and not doc.common_word(k, e):
        return _ensure(ctx, k, e, "Character")
    for n in (3, 2):
        if e - n >= s and zn.is_chinese_name(text[e - n:e], doc.nr_words) and doc.free(e - n, e) \
                and not doc.common_word(e - n, e):
            if n == 3 and text[e - 3] not in zn.common_surnames() and text[e - 2] in zn.surnames() \
                    and zn.is_chinese_name(text[e - 2:e], doc.nr_words) and not doc.common_word(e - 2, e):
                continue    # 主教练郎平: 练 is a rare surname, 郎 begins the name
            return _ensure(ctx, e - n, e, "Character")
    return None


def orgs_in(ctx: Ctx, start: int, end: int) -> list[zn.Mention]:
    return [m for m in ctx.doc.mentions if m.type == "Organization" and m.start >= start and m.end <= end]


def film_for(ctx: Ctx, pos: int) -> tuple[zn.Mention | None, str]:
    """The film a cue is about: in its clause, else its sentence, else the last one named in its
    paragraph (这部由韩冬执导的影片 after 《暗河》), else the article's film."""
    films = [m for m in ctx.doc.mentions if m.type in FILM_TYPES]
    cs, ce = ctx.clause_of(pos)
    here = [m for m in films if m.start >= cs and m.end <= ce]
    if here:
        return min(here, key=lambda m: abs(m.start - pos)), "clause"
    ss, se = ctx.sentence_of(pos)
    before = [m for m in films if m.start >= ss and m.end <= pos]
    if before:
        return before[-1], "sentence"
    after = [m for m in films if m.start >= pos and m.end <= se]
    if after:
        return after[0], "sentence"
    para = ctx.text.rfind("\n", 0, pos) + 1
    earlier = [m for m in films if m.start >= para and m.end <= pos]
    if earlier:
        return earlier[-1], "paragraph"
    return ctx.main_film, "main"


def date_for(ctx: Ctx, pos: int) -> ZhDate | None:
    """The date a cue is about: nearest before it in its clause, after it in its clause, else before it in its sentence."""
    cs, ce = ctx.clause_of(pos)
    ss, _ = ctx.sentence_of(pos)
    text = ctx.text
    # 截至3月10日 is the date of a count, not of the event
    usable = [d for d in ctx.dates if d.iso and ctx.doc.free(d.start, d.end)
              and not text[max(0, d.start - 2):d.start].endswith(("截至", "截止", "至今"))]
    before = [d for d in usable if cs <= d.start and d.end <= pos]
    if before:
        return before[-1]
    after = [d for d in usable if pos <= d.start and d.end <= ce]
    if after:
        return after[0]
    earlier = [d for d in usable if ss <= d.start and d.end <= cs]
    return earlier[-1] if earlier else None


def modal(ctx: Ctx, pos: int) -> bool:
    """A planning or hoping word before the cue in its clause, or ending the clause before it
    (业内人士预计，影片有望…): the clause states nothing."""
    cs, _ = ctx.clause_of(pos)
    ss, _ = ctx.sentence_of(pos)
    modality = words()["modality"]
    if any(w in ctx.text[cs:pos] for w in modality):
        return True
    prev = ctx.text[ss:max(ss, cs - 1)]
    return bool(prev) and any(prev.endswith(w) for w in (*modality, "预测", "预估", "估计"))



def _country(ctx: Ctx, name: str) -> zn.Mention | tuple[str, str]:
    for m in ctx.doc.mentions:
        if m.type == "Country" and m.name == name:
            return m
    return ("Country", name)


def _evidence(ctx: Ctx, pos: int, *refs: object) -> tuple[int, int]:
    """The cue's clause, widened to the mentions of the fact within the same sentence."""
    s, e = ctx.clause_of(pos)
    ss, se = ctx.sentence_of(pos)
    for r in refs:
        if isinstance(r, (zn.Mention, ZhDate)) and ss <= r.start and r.end <= se:
            s, e = min(s, r.start), max(e, r.end)
    text = ctx.text
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _draft(ctx: Ctx, subject: object, predicate: str, obj: object, conf: float, pos: int,
           qualifiers: dict | None = None, refs: tuple = ()) -> None:
    if ctx.discover or subject is None or obj is None:
        return
    conf = max(0.05, min(0.97, conf))
    ctx.drafts.append(Draft(subject, predicate, obj, qualifiers or {}, conf,
                            _evidence(ctx, pos, *[r for r in (subject, obj, *refs) if r is not None])))


# --- one reader per cue shape ----------------------------------------------------------------------

def _people_cue(ctx: Ctx, cue: ZhCue, m: re.Match, before: bool) -> None:
    clause = ctx.clause_of(m.start())
    people = names_before(ctx, m.start(), clause) if before else names_after(ctx, m.end(), clause)
    if not people or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    ana = re.search(r"(?:该片|此片|本片)(?:的)?$", ctx.text[clause[0]:m.start()])
    if ana:
        # 该片导演宋佳明此前凭借《小城之春天》…: 该片 is the film named before, not the one after
        earlier = [f for f in ctx.doc.mentions if f.type in FILM_TYPES and f.end <= clause[0] + ana.start()]
        para = ctx.text.rfind("\n", 0, m.start()) + 1
        if earlier and earlier[-1].start >= para:
            film, where = earlier[-1], "paragraph"
    films = _films_listed_after(ctx, m.end(), clause[1]) if before else []
    ss0, _ = ctx.sentence_of(m.start())
    several = re.search(r"([两二三四])部(?:影片|电影|作品)(?:均|都)", ctx.text[ss0:m.start()])
    if several and not films:
        n = {"两": 2, "二": 2, "三": 3, "四": 4}[several.group(1)]
        named = []
        for f in reversed([f for f in ctx.doc.mentions if f.type in FILM_TYPES and f.end <= ss0]):
            if f.name not in [g.name for g in named]:
                named.append(f)
            if len(named) == n:
                break
        if len(named) == n:
            films, where = named[::-1], "paragraph"
    ss, se = ctx.sentence_of(m.start())
    anaphor = re.search(r"该片|此片|本片|这部(?:影片|电影)|影片", ctx.text[ss:se])
    bare = m.group(0) in ("导演", "主演", "领衔主演")
    if not before and bare and where not in ("clause", "sentence") and not anaphor:
        return      # 评委会由导演X担任主席: a title word alone, far from any film, says nothing about one
    for f in films or [film]:
        for p in people:
            _draft(ctx, f, cue.pattern.predicate, p, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def _films_listed_after(ctx: Ctx, start: int, end: int) -> list[zn.Mention]:
    """《A》（1983）和《B》（1987） right after a cue: every film of the list."""
    text = ctx.text
    films = [f for f in ctx.doc.mentions if f.type == "Film" and start <= f.start and f.end <= end]
    if len(films) < 2 or not re.fullmatch(r"(?:了|影片|电影|[\u4e00-\u9fff]{0,4}片)?《", text[start:films[0].start]):
        return []
    out = [films[0]]
    for a, b in zip(films, films[1:]):
        gap = text[a.end:b.start]
        if not re.fullmatch(r"》(?:[（(]\d{4}年?[）)])?(?:、|和|与|及|以及)《", gap):
            break
        out.append(b)
    return out


def shape_names_before(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    _people_cue(ctx, cue, m, True)


def shape_names_after(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    _people_cue(ctx, cue, m, False)


def shape_cast_role(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """A饰演B: A is a cast member playing B; “B”一角由A出演 as well."""
    clause = ctx.clause_of(m.start())
    people = names_before(ctx, m.start(), clause)
    role = character_after(ctx, m.end(), clause)
    if role is None:
        q = re.search(r"[“「]?([^“”「」，。]{1,15}?)[”」]?一角", ctx.text[clause[0]:m.start()])
        if q:
            role = _ensure(ctx, clause[0] + q.start(1), clause[0] + q.end(1), "Character")
    if not people:
        # 颁给了在《不夜城》中饰演歌女阿玲的演员苏雅: the performer ends the clause after 的
        k = ctx.text.rfind("的", m.end(), clause[1])
        if k > m.end():
            people = names_before(ctx, clause[1], (k + 1, clause[1]))
            if people:
                role = character_after(ctx, m.end(), (m.end(), k))
    if not people or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    conf = cue.pattern.confidence * FILM_FACTOR[where]
    for p in people:
        quals = {"P453": role} if role is not None and len(people) == 1 else {}
        _draft(ctx, film, "P161", p, conf, m.start(), quals, (role,))


_ORG_TAIL = re.compile(r"(?:联合|共同|独家|全权|携手)?(?:负责|承担|担任)?(?:全国|院线|中国内地|内地|海外|全球|国内|北美|中国)?$")


def orgs_named(ctx: Ctx, start: int, end: int) -> list[zn.Mention]:
    """Organisations filling text[start:end]: known ones, else each listed part (X出品 says X is one)."""
    text, doc = ctx.text, ctx.doc
    verb = re.compile(r"负责|承担|担任").search(text, start, end)
    if verb and verb.start() > start:
        end = verb.start()
    tail = _ORG_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    known = orgs_in(ctx, start, end)
    if known:
        return known
    out = []
    for s, e in _split_list(ctx, start, end):
        s = _skip_places(ctx, s, e) if doc.mention_at(s, e) is None else s
        part = text[s:e]
        if not 2 <= len(part) <= 14 or not doc.free(s, e) or re.search(r"\d", part) \
                or part in words()["generic"] or part in words()["nationwide"] or part in places() \
                or zn.person_name(part, doc.nr_words) or part in ("影片", "该片", "本片", "电影", "公司"):
            continue
        got = _ensure(ctx, s, e, "Organization")
        if got is not None and got.type == "Organization":
            out.append(got)
    return out


def shape_orgs_before(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """由A、B联合出品, 华影发行负责全国发行."""
    cs, _ = ctx.clause_of(m.start())
    start = _last_boundary(ctx, cs, m.start(), ("stop",), brackets=False)
    orgs = orgs_named(ctx, start, m.start())
    if not orgs or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    for o in orgs:
        _draft(ctx, film, cue.pattern.predicate, o, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def shape_orgs_after(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """出品方为“北辰传媒”."""
    _, ce = ctx.clause_of(m.start())
    orgs = orgs_named(ctx, m.end(), ce)
    if not orgs or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    for o in orgs:
        _draft(ctx, film, cue.pattern.predicate, o, cue.pattern.confidence * FILM_FACTOR[where], m.start())


_BY_VERB = re.compile(r"(?:担任|负责|出任|创作|完成|承担|操刀|打造|主理|掌镜)")


def shape_orgs_by(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """发行由X负责: the organisations between 由 and the verb closing the clause."""
    _, ce = ctx.clause_of(m.start())
    v = _BY_VERB.search(ctx.text, m.end(), ce)
    orgs = orgs_named(ctx, m.end(), v.start() if v else ce)
    if not orgs or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    for o in orgs:
        _draft(ctx, film, cue.pattern.predicate, o, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def shape_names_by(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """摄影指导由法国摄影师X担任, 音乐由作曲家X创作: the people before the closing verb."""
    clause = ctx.clause_of(m.start())
    v = _BY_VERB.search(ctx.text, m.end(), clause[1])
    if v is None:
        return
    people = names_before(ctx, v.start(), (m.end(), clause[1]))
    if not people or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    for p in people:
        _draft(ctx, film, cue.pattern.predicate, p, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def _places_in(ctx: Ctx, start: int, end: int, types: tuple[str, ...] = PLACE_TYPES) -> list[zn.Mention]:
    return [x for x in ctx.doc.mentions if x.start >= start and x.end <= end and x.type in types]


def shape_release(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """[date] [film] 在[place]上映: P577 with the place as P291 (全国 in a Chinese article is China)."""
    cs, _ = ctx.clause_of(m.start())
    if ctx.discover:
        zn.add_ns(ctx.doc, cs, m.start())
        return
    date = date_for(ctx, m.start())
    if date is None or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    candidates: list[tuple[int, object]] = [(p.end, p) for p in _places_in(ctx, cs, m.start(), ("Country", "City", "Region"))]
    for w in words()["nationwide"]:
        k = ctx.text.rfind(w, cs, m.start())
        if k >= 0:
            candidates.append((k + len(w), _country(ctx, "中国")))
    quals = {}
    if candidates:
        quals["P291"] = max(candidates, key=lambda c: c[0])[1]
    _draft(ctx, film, "P577", Term(value=date.iso, datatype="date"),
           cue.pattern.confidence * FILM_FACTOR[where], m.start(), quals, (date,))


def shape_premiere(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """[date] [film] 在[city][venue]举行首映礼: P1191 with the venue as P276 and its city as P131."""
    cs, ce = ctx.clause_of(m.start())
    if ctx.discover:
        zn.add_ns(ctx.doc, cs, ce)
        return
    date = date_for(ctx, m.start())
    if date is None or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    if re.match(r"当晚|当天|现场|结束|后|上(?![映海])", ctx.text[m.end():m.end() + 5]) and \
            date.end <= ctx.clause_of(m.start())[0]:
        return      # 首映当晚, 首映礼上: the premiere is the setting, its date is told elsewhere
    quals: dict = {}
    venues = _places_in(ctx, cs, ce, ("Venue",))
    cities = _places_in(ctx, cs, ce, ("City",))
    if venues:
        quals["P276"] = venues[0]
        if cities:
            quals["P131"] = cities[0]
        elif _city_in_venue(venues[0]):
            quals["P131"] = _city_in_venue(venues[0])
    elif cities:
        quals["P276"] = cities[0]
    _draft(ctx, film, "P1191", Term(value=date.iso, datatype="date"),
           cue.pattern.confidence * FILM_FACTOR[where], m.start(), quals, (date,))
    # 在海洋影展举行世界首映: premiered at a festival, so presented there
    for ev in [x for x in ctx.doc.mentions if x.type == "Event" and cs <= x.start and x.end <= ce]:
        _draft(ctx, film, "P5072", ev, cue.pattern.confidence * 0.95 * FILM_FACTOR[where], m.start(), refs=(ev,))


def _city_in_venue(venue: zn.Mention) -> tuple[str, str] | None:
    """上海大剧院 lies in 上海: a gazetteer city or region opening a venue's name."""
    if venue.type != "Venue":
        return None
    for name, place in places().items():
        if venue.name.startswith(name) and len(venue.name) > len(name) and place.type in ("City", "Region"):
            return (place.type, name)
    return None


def _drop_containers(found: list[zn.Mention], text: str) -> list[zn.Mention]:
    """浙江横店, 中国横店: the wider place written right before the narrower one is not a location of its own."""
    rank = {"Country": 0, "Region": 1, "City": 2, "Venue": 3, "Other": 3}
    out = []
    for i, p in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        gap = text[p.end:nxt.start] if nxt is not None else None
        if nxt is not None and gap in ("", "的", "市", "省", "县", "市的", "省的") and rank[p.type] < rank[nxt.type]:
            continue
        out.append(p)
    return out


def shape_filming(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    cs, ce = ctx.clause_of(m.start())
    if ctx.discover:
        zn.add_ns(ctx.doc, cs, ce)
        return
    if modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    found = _places_in(ctx, cs, ce, ("City", "Region", "Country", "Venue"))
    if m.group(0).endswith("完成") and not re.search(r"场景|镜头|戏份|内景|外景|拍摄", ctx.text[cs:ce]):
        return
    if ctx.text.startswith("于", m.end()):
        found = [p for p in found if p.start > m.end()]      # 外景拍摄于冰岛
    elif (m.group(0).startswith("拍摄") and not m.group(0).startswith("拍摄地")) or m.group(0).endswith("完成"):
        # 在青岛拍摄, 场景在圣彼得堡的摄影棚中完成: only the places after 在 and before the verb
        k = ctx.text.rfind("在", cs, m.start())
        found = [p for p in found if k >= 0 and p.start > k and p.end <= m.start()]
    for p in _drop_containers(found, ctx.text):
        _draft(ctx, film, "P915", p, cue.pattern.confidence * FILM_FACTOR[where], m.start())
    _part_of(ctx, found, m.start())


def _part_of(ctx: Ctx, found: list[zn.Mention], pos: int) -> None:
    """Adjacent places (浙江横店, 中国横店): the narrower lies in the wider (P131, or P17 for a country)."""
    rank = {"Country": 0, "Region": 1, "City": 2, "Venue": 3}
    for a, b in zip(found, found[1:]):
        if b.start == a.end and a.type in rank and b.type in rank and rank[a.type] < rank[b.type]:
            pred = "P17" if a.type == "Country" else "P131"
            _draft(ctx, b, pred, a, 0.6, pos)


def shape_presented(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """作为“展映周”的开幕影片: the film is presented in that event."""
    ss, se = ctx.sentence_of(m.start())
    events = [x for x in ctx.doc.mentions if x.type == "Event" and x.start >= ss and x.end <= se]
    conf = cue.pattern.confidence
    if not events and m.group(0) in ("入围", "竞赛单元", "放映单元", "参展"):
        # 入围主竞赛单元 names no festival: the one festival of the article, less surely
        festivals = {zn.event_key(x.name): x for x in ctx.doc.mentions if x.type == "Event" and "节" in x.name[-3:]}
        if len(festivals) == 1:
            events, conf = list(festivals.values()), conf * 0.8
    if not events or modal(ctx, m.start()):
        return
    film, where = film_for(ctx, m.start())
    for ev in events:
        _draft(ctx, film, "P5072", ev, conf * FILM_FACTOR[where], m.start(), refs=(ev,))


def shape_event_place(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """[date]，“event”在A、B、C举办: the event's places (P276) and dates (P585, or P580/P582 for a span)."""
    cs, ce = ctx.clause_of(m.start())
    ss, _ = ctx.sentence_of(m.start())
    if ctx.discover:
        zn.add_ns(ctx.doc, cs, m.start())
        return
    events = [x for x in ctx.doc.mentions if x.type == "Event" and x.start >= cs and x.end <= m.start()]
    conf = cue.pattern.confidence
    ana = re.search(r"(?:本届|该届|此届|这届|本次|此次)(?:电影节|电影周|电影展|影展|展映周|艺术节|活动)", ctx.text[ss:m.start()])
    if not events and ana:
        # 本届电影周于10月13日开幕: the festival the article is about
        festivals = [x for x in ctx.doc.mentions if x.type == "Event"]
        events, conf = festivals[:1], conf * 0.9
    if not events or modal(ctx, m.start()):
        return
    ev = events[-1]
    ev_end = ev.end if ev.start >= cs else cs
    # 电影节金爵奖颁奖典礼在…举行: the ceremony is held then, not the festival
    part_of = re.search(r"颁奖典礼|颁奖礼|颁奖晚会|开幕式|闭幕式|论坛|发布会|仪式|单元|首映", ctx.text[ev_end:m.start()])
    for p in _drop_containers(_places_in(ctx, ev_end, m.start(), ("City", "Region", "Country", "Venue")), ctx.text):
        _draft(ctx, ev, "P276", p, conf, m.start(), refs=(ev,))
        city = _city_in_venue(p)
        if city:
            _draft(ctx, ev, "P276", city, conf * 0.95, m.start(), refs=(ev, p))
    year = re.match(r"\d{4}", ev.name)
    dates = [d for d in ctx.dates if ss <= d.start and d.end <= m.start() and d.iso and len(d.iso) >= 7
             and not part_of and not re.search(r"展映|放映", m.group(0))]
    if dates:
        d = dates[-1]
        if year:
            d = find_dates(d.text, int(year.group(0)), ctx.reference)[0]
            d = dataclasses.replace(d, start=dates[-1].start, end=dates[-1].end)
        if d.iso and d.end_iso:
            _draft(ctx, ev, "P580", Term(value=d.iso, datatype="date"), conf, m.start(), refs=(d,))
            _draft(ctx, ev, "P582", Term(value=d.end_iso, datatype="date"), conf, m.start(), refs=(d,))
        elif d.iso:
            # a festival that opens or closes on a day: that day is its start or end
            pred = "P580" if m.group(0) in ("开幕", "揭幕") else "P582" if m.group(0) in ("落幕", "闭幕") else "P585"
            _draft(ctx, ev, pred, Term(value=d.iso, datatype="date"), conf, m.start(), refs=(d,))


def shape_org_head(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """ORG董事长NAME: the chairperson (P488) or chief executive (P169, with P108 the other way).
    该公司总经理NAME: the organisation named last before."""
    text, doc = ctx.text, ctx.doc
    clause = ctx.clause_of(m.start())
    orgs = [o for o in doc.mentions if o.type == "Organization" and 0 <= m.start() - o.end <= 1
            and (o.end == m.start() or text[o.end] == "的")]
    conf = cue.pattern.confidence
    if not orgs and re.search(r"(?:该|这家|此)(?:公司|集团|机构|协会|平台)$", text[clause[0]:m.start()]):
        earlier = [o for o in doc.mentions if o.type == "Organization" and o.end <= m.start()]
        orgs, conf = earlier[-1:], conf * 0.9
    head = text[clause[0]:m.start()]
    # 选举陈道明为中国电影家协会主席, 陈道明当选主席: the person comes first
    elected = re.search(r"()(?:选举|推选|任命|聘任|聘请)([^，。；]{2,12}?)为([^，。；]*)$", head) or \
        re.search(r"()([^，。；]{2,12}?)(?:当选|出任|继任|接任)(?:为)?([^，。；]*)$", head)
    people = names_after(ctx, m.end(), clause)
    if not people and elected and not re.search(r"名誉|荣誉|副", elected.group(3)):
        people = names_before(ctx, clause[0] + elected.end(2), clause)
        named = orgs_in(ctx, clause[0] + elected.start(3), m.start())
        if named:
            orgs = named[-1:]
        elif not elected.group(3) and not orgs:
            earlier = [o for o in doc.mentions if o.type == "Organization" and o.end <= m.start()]
            orgs, conf = earlier[-1:], conf * 0.85
    if not orgs and people:
        start = _last_boundary(ctx, clause[0], m.start(), ("stop", "role"))
        if m.start() - start >= 2:
            orgs = orgs_named(ctx, start, m.start())[-1:]
            conf *= 0.95
    if not people and orgs:
        # 高明辉担任长春电影制片厂厂长
        k = ctx.text.rfind("担任", clause[0], orgs[-1].start)
        if k >= 0 and orgs[-1].start - k <= 3:
            people = names_before(ctx, k, clause) or _antecedent(ctx, k)
    if not orgs or not people:
        return
    org, person = orgs[-1], people[0]
    _draft(ctx, org, cue.pattern.predicate, person, conf, m.start())
    if cue.pattern.predicate == "P169":
        _draft(ctx, person, "P108", org, conf * 0.9, m.start())
        if m.group(0) in ("厂长", "院长", "社长", "台长"):
            _draft(ctx, org, "P488", person, conf * 0.9, m.start())


def shape_coproduction(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """中俄合拍: each country abbreviated before 合拍 is a country of origin."""
    abbrev = words()["country_abbrev"]
    k = m.start()
    names = []
    while k > 0 and ctx.text[k - 1] in abbrev:
        k -= 1
        names.insert(0, abbrev[ctx.text[k]])
    full = [p for p in _places_in(ctx, ctx.clause_of(m.start())[0], m.start(), ("Country",)) if p.end == m.start()]
    if len(names) < 2 and not full:
        return
    film, where = film_for(ctx, m.start())
    for n in names:
        _draft(ctx, film, "P495", _country(ctx, n), cue.pattern.confidence * FILM_FACTOR[where], m.start())
    for p in full:
        _draft(ctx, film, "P495", p, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def shape_country_before(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """这部俄罗斯电影, 俄版《…》: a country right before a word for film is its country of origin."""
    text = ctx.text
    after = text[m.end():m.end() + 6]
    if re.match(r"人|节|界|市场|产业|业|周|局|学院|公司|集团|厂|院|城|展|交流|合作|史|资料|频道|票房|工业|事业", after) \
            or re.match(r"[^，。；、]{0,4}?(?:奖|节|周|展|局|协会|集团|公司|频道|学院|基金)", after):
        return
    country = None
    for p in ctx.doc.mentions:
        if p.type == "Country" and p.end == m.start():
            country = p
    if country is None and m.group(0) == "版" and m.start() > 0 and text[m.start() - 1] in words()["country_abbrev"]:
        if m.start() < 2 or not zn.CJK.match(text[m.start() - 2]) or text[m.start() - 2] in "这该其":
            country = _country(ctx, words()["country_abbrev"][text[m.start() - 1]])
    if country is None:
        return
    film, where = film_for(ctx, m.start())
    _draft(ctx, film, "P495", country, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def shape_genre(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """谍战动作片《…》, 动画电影《…》: genre words right before a word for film right before a title."""
    text = ctx.text
    if not text.startswith("《", m.end()):
        return
    genres = _sorted_words("genre")
    k, got = m.start(), ""
    while True:
        g = next((g for g in genres if text[:k].endswith(g)), None)
        if g is None:
            break
        k -= len(g)
        got = g + got
    if not got:
        return
    film, where = film_for(ctx, m.end())
    _draft(ctx, film, "P136", Term(value=got + "片", datatype="string"),
           cue.pattern.confidence * FILM_FACTOR[where], m.start())


_AMOUNT = re.compile(r"(?P<usd>\$|＄|US\$)?\s*(?P<num>\d+(?:\.\d+)?|[〇零一二三四五六七八九十百千两]+(?:点[〇零一二三四五六七八九]+)?)"
                     r"\s*(?P<mult>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)?\s*(?P<cur>[^\d\s，。；]{0,3})")


def _amount(num: str, mult: str | None) -> float | None:
    from reelgraph.extract.zh_dates import chinese_number
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        value = float(num)
    elif "点" in num:
        whole, frac = num.split("点")
        w = chinese_number(whole)
        if w is None:
            return None
        value = float(f"{w}." + "".join(str("〇一二三四五六七八九".index(c) if c != "零" else 0) for c in frac))
    else:
        n = chinese_number(num)
        if n is None:
            return None
        value = float(n)
    scale = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7, "百万": 1e6,
             "十万": 1e5, "万": 1e4, "千": 1e3}
    return value * scale.get(mult or "", 1)


_NOT_TAKINGS = re.compile(r"预售|预测|预计|投资|成本|预算|耗资|片酬|融资|估值|补贴")


def shape_box_office(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """票房突破十亿卢布, 以2.1亿元的成绩登顶, 周末收获8600万元: each amount with its currency in the clause."""
    cs, ce = ctx.clause_of(m.start())
    if ctx.discover or modal(ctx, ce - 1) or _NOT_TAKINGS.search(ctx.text, cs, ce):
        return
    currencies = words()["currency"]
    for a in _AMOUNT.finditer(ctx.text, cs, ce):
        cur = next((c for c in sorted(currencies, key=len, reverse=True) if a.group("cur").startswith(c)), None)
        unit = "USD" if a.group("usd") else currencies.get(cur or "")
        # 新台币1亿元, 人民币5000万元: a currency written before the number names it
        before = next((c for c in sorted(currencies, key=len, reverse=True)
                       if len(c) >= 2 and ctx.text[:a.start("num")].rstrip().endswith(c)), None)
        if before:
            unit = currencies[before]
        if not unit:
            continue
        value = _amount(a.group("num"), a.group("mult"))
        if value is None:
            continue
        film, where = film_for(ctx, a.start())
        text = f"{value:.0f}" if value == int(value) else f"{value}"
        _draft(ctx, film, "P2142", Term(value=text, datatype="quantity", unit=unit),
               cue.pattern.confidence * FILM_FACTOR[where], m.start())


def _award_name(phrase: str) -> str:
    """最佳影片“金荷奖” -> 金荷奖; 了第三十五届金鸡奖最佳导演处女作奖 -> 第三十五届金鸡奖最佳导演处女作奖."""
    q = re.search(r"[“「]([^”」]+奖)[”」]$", phrase)
    if q:
        return q.group(1)
    phrase = re.sub(r"^(?:了|当年|同年|次年|今年|去年|该年)+", "", phrase).strip("“”「」")
    return re.sub(r"^(?:该|本|此|这)(?:届|次)?(?:影展|电影节|电影周|电影展|展映周|艺术节)?", "", phrase) or phrase


def shape_award(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """获得…奖: the award's name as a value, received by the person before the cue or else the film."""
    clause = ctx.clause_of(m.start())
    a = re.match(r"[^，。；、]{1,30}奖(?!金|励|项|杯)[”」]?", ctx.text[m.end():clause[1]])
    if a is None or "提名" in a.group(0) or modal(ctx, m.start()):
        return
    people = names_before(ctx, m.start(), clause)
    value = Term(value=_award_name(a.group(0)), datatype="string")
    _festival_of_award(ctx, m.start())
    if people:
        for p in people:
            _draft(ctx, p, "P166", value, cue.pattern.confidence * 0.95, m.start())
        return
    film, where = film_for(ctx, m.start())
    ss, se = ctx.sentence_of(m.start())
    if where in ("clause", "sentence") or re.search(r"本片|该片|此片|影片", ctx.text[ss:m.start()]):
        _draft(ctx, film, "P166", value, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def _festival_of_award(ctx: Ctx, pos: int) -> None:
    """A film given an award at a festival was presented there (P5072): the festival named in the
    sentence, else the one the article's headline is about."""
    film, where = film_for(ctx, pos)
    if film is None or where not in ("clause", "sentence"):
        return
    ss, se = ctx.sentence_of(pos)
    events = [x for x in ctx.doc.mentions if x.type == "Event" and ss <= x.start and x.end <= se]
    conf = 0.8
    if not events:
        head_end = ctx.text.find("\n")
        events = [x for x in ctx.doc.mentions if x.type == "Event" and x.end <= head_end
                  and re.search(r"(?:电影节|电影周|电影展|影展|展映周)$", x.name)][:1]
        conf = 0.72
    for ev in events:
        _draft(ctx, film, "P5072", ev, conf * FILM_FACTOR[where], pos, refs=(ev,))


def shape_award_to(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """评委会特别奖授予纪录片《…》, 最佳男演员奖由X获得: the award before the cue, the winner after it."""
    text = ctx.text
    cs, ce = ctx.clause_of(m.start())
    a = re.search(r"([^，。；、]{1,20}奖)[”」]?$", text[cs:m.start()])
    if a is None or modal(ctx, m.start()):
        return
    value = Term(value=_award_name(a.group(1)), datatype="string")
    conf = cue.pattern.confidence
    if m.group(0) == "由":
        v = re.search(r"获得|摘得|夺得|获颁", text[m.end():ce])
        people = names_before(ctx, m.end() + v.start(), (m.end(), ce)) if v else []
        for p in people:
            _draft(ctx, p, "P166", value, conf, m.start())
        if people:
            _festival_of_award(ctx, m.start())
        return
    films = [f for f in ctx.doc.mentions if f.type == "Film" and m.end() <= f.start and f.end <= ce]
    # 颁给了在《不夜城》中饰演歌女阿玲的演员苏雅: the person ending the clause, after a role word
    k = ctx.text.rfind("的", m.end(), ce)
    ending = names_before(ctx, ce, (k + 1, ce)) if k >= 0 else []
    if ending:
        _draft(ctx, ending[-1], "P166", value, conf * 0.95, m.start())
        _festival_of_award(ctx, m.start())
    elif films:
        _draft(ctx, films[0], "P166", value, conf, m.start())
        _festival_of_award(ctx, films[0].start)


def shape_voice(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """A为熊猫“团团”配音: A is a (voice) cast member playing that character."""
    clause = ctx.clause_of(m.start())
    k = ctx.text.rfind("为", clause[0], m.start())
    if k < 0 or modal(ctx, m.start()):
        return
    people = names_before(ctx, k, clause)
    q = re.search(r"[“「]([^”」]{1,12})[”」]$", ctx.text[k + 1:m.start()])
    role = _ensure(ctx, k + 1 + q.start(1), k + 1 + q.end(1), "Character") if q else None
    film, where = film_for(ctx, m.start())
    for p in people:
        quals = {"P453": role} if role is not None and len(people) == 1 else {}
        _draft(ctx, film, "P161", p, cue.pattern.confidence * FILM_FACTOR[where], m.start(), quals, (role,))


def shape_orgs_at(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """在云帆视频独家上线: the platform between 在 and the verb distributes the film."""
    cs, _ = ctx.clause_of(m.start())
    k = ctx.text.rfind("在", cs, m.start())
    if k < 0 or modal(ctx, m.start()):
        return
    orgs = orgs_named(ctx, k + 1, m.start())
    film, where = film_for(ctx, m.start())
    for o in orgs:
        _draft(ctx, film, cue.pattern.predicate, o, cue.pattern.confidence * FILM_FACTOR[where], m.start())


def shape_employer(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """(进入|在)ORG工作/任教: the person of the sentence works for ORG."""
    cs, _ = ctx.clause_of(m.start())
    orgs = [o for o in ctx.doc.mentions if o.type == "Organization" and cs <= o.start and o.end <= m.start()
            and re.fullmatch(r"[^，。]{0,4}", ctx.text[o.end:m.start()])]
    if not orgs:
        return
    lead = re.search(r"(?:进入|加入|在|于|留在|调入|调到)$", ctx.text[cs:orgs[-1].start])
    if lead is None:
        return
    people = [p for p in ctx.doc.mentions if p.type == "Person" and cs <= p.start and p.end <= cs + lead.start()]
    if not people:
        people = names_after(ctx, cs, (cs, cs + lead.start()))     # the name opening the clause
    conf = cue.pattern.confidence
    if not people:
        people, conf = _antecedent(ctx, cs), conf * 0.9
    for p in people[:1]:
        _draft(ctx, p, "P108", orgs[-1], conf, m.start())


def shape_film_year(ctx: Ctx, cue: ZhCue, m: re.Match) -> None:
    """《雪原猎人》（1983）, 2010年的纪录片《长影往事》: the year next to a title is its release year."""
    films = [f for f in ctx.doc.mentions if f.type == "Film" and (f.end + 1 == m.start() or f.start == m.end())]
    if films:
        _draft(ctx, films[0], "P577", Term(value=m.group(1), datatype="date"), cue.pattern.confidence, m.start())


SHAPE_READERS = {
    "names_before": shape_names_before, "names_after": shape_names_after, "cast_role": shape_cast_role,
    "orgs_before": shape_orgs_before, "orgs_after": shape_orgs_after, "release": shape_release,
    "premiere": shape_premiere, "filming": shape_filming, "presented": shape_presented,
    "box_office": shape_box_office, "award": shape_award, "org_head": shape_org_head,
    "event_place": shape_event_place, "coproduction": shape_coproduction,
    "orgs_by": shape_orgs_by, "names_by": shape_names_by, "award_to": shape_award_to, "film_year": shape_film_year,
    "voice": shape_voice, "orgs_at": shape_orgs_at, "employer": shape_employer,
    "country_before": shape_country_before, "genre": shape_genre,
}
# A cue inside one of these names is part of the name, not a cue (首映 in an event name).
_NAME_TYPES = ("Film", "Event", "Organization", "Venue", "Person", "Character", "Other")


def read_cues(ctx: Ctx) -> None:
    for cue in cues():
        reader = SHAPE_READERS[cue.shape]
        for m in cue.regex.finditer(ctx.text):
            if any(x.type in _NAME_TYPES and x.start < m.end() and m.start() < x.end for x in ctx.doc.mentions):
                continue
            reader(ctx, cue, m)


# --- assembly ----------------------------------------------------------------------------------------

def _main_film(doc: zn.Doc) -> zn.Mention | None:
    films = [m for m in doc.mentions if m.type == "Film"]
    if not films:
        return None
    first_line_end = doc.text.find("\n") if "\n" in doc.text else len(doc.text)
    in_title = [m for m in films if m.end <= first_line_end]
    if in_title:
        return in_title[0]
    counts: dict[str, int] = {}
    for m in films:
        counts[m.name] = counts.get(m.name, 0) + 1
    best = max(counts, key=lambda n: counts[n])
    return next(m for m in films if m.name == best)


def document_year(doc: Document) -> tuple[int | None, str | None, str | None]:
    """(year, reference ISO, how): the reader's reference date when it has one, else a year the text implies."""
    if doc.reference_date and re.match(r"\d{4}", doc.reference_date):
        return int(doc.reference_date[:4]), doc.reference_date, doc.reference_how
    inferred = infer_year(doc.text)
    if inferred:
        return inferred[0], None, inferred[1]
    return None, None, None


def find_mentions(text: str) -> zn.Doc:
    """Every typed mention the finders see before cues are read."""
    doc = zn.Doc(text)
    for finder in (zn.find_titles, zn.find_quoted, zn.find_by_suffix, zn.find_events, zn.find_dotted,
                   zn.find_streets, zn.find_places, zn.find_nt):
        finder(doc)
    doc.settle()
    return doc


def _simplified(text: str) -> str | None:
    """The text in simplified characters, one for one, when it is written in traditional ones; else None."""
    try:
        from hanziconv import HanziConv
    except ImportError:  # pragma: no cover - without it traditional text is read as it is
        log.warning("hanziconv is not installed: traditional Chinese is read without conversion "
                    "(pip install hanziconv==0.3.2)")
        return None
    simple = HanziConv.toSimplified(text)
    if len(simple) != len(text):
        return None
    changed = sum(1 for a, b in zip(text, simple) if a != b)
    cjk = sum(1 for c in text if zn.CJK.match(c)) or 1
    return simple if changed / cjk > 0.02 else None


def _restore(ex: Extraction, doc: Document, work: str) -> Extraction:
    """Names, mentions and evidence back in the article's own (traditional) characters."""
    from hanziconv import HanziConv

    text = doc.text

    def back(name: str) -> str:
        k = work.find(name)
        return text[k:k + len(name)] if k >= 0 else HanziConv.toTraditional(name)

    for e in ex.entities:
        e.name = back(e.name)
        e.aliases = [back(a) for a in e.aliases]
        e.mentions = [Span(m.start, m.end, text[m.start:m.end]) for m in e.mentions]
    for f in ex.facts:
        f.evidence = [Span(v.start, v.end, text[v.start:v.end]) for v in f.evidence]
        if f.object.value is not None and f.object.datatype == "string":
            f.object = Term(value=back(f.object.value), datatype="string")
    return Extraction(dataclasses.replace(ex.document, text=text), ex.entities, ex.facts)


def extract(doc: Document) -> Extraction:
    """Entities and facts of one Chinese article; every offset points into `doc.text`.

    An article in traditional characters is read in simplified ones (the same
    length, so offsets hold) and its names are given back as the article writes them.
    """
    work = _simplified(doc.text)
    if work is not None:
        return _restore(_extract(dataclasses.replace(doc, text=work)), doc, work)
    return _extract(doc)


def _extract(doc: Document) -> Extraction:
    text = doc.text
    zdoc = find_mentions(text)
    year, reference, how = document_year(doc)
    sentences, clauses = sentences_and_clauses(text)
    ctx = Ctx(zdoc, year, reference, find_dates(text, year, reference), sentences, clauses)
    ctx.main_film = _main_film(zdoc)
    read_cues(ctx)                       # discovery: people, characters, places the cues point at
    zdoc.settle()
    zn.propagate(zdoc)
    zdoc.settle()
    zn.find_abbreviations(zdoc)
    zdoc.settle()
    ctx.main_film = _main_film(zdoc)
    ctx.discover = False
    read_cues(ctx)
    drafts = _tidy(ctx.drafts)
    extra = [r for d in drafts for r in [d.subject, d.object, *d.qualifiers.values()] if isinstance(r, tuple)]
    groups, of = zn.group_mentions(zdoc.mentions, extra)
    entities, ids = zn.to_entities(text, groups)

    def ref_id(r: object) -> str:
        if isinstance(r, zn.Mention):
            return ids[id(of[id(r)])]
        etype, name = r
        for g in groups:
            if name in g.names and (g.type == etype or {g.type, etype} <= {"Person", "Character"}):
                return ids[id(g)]
        raise KeyError(name)

    def term(r: object) -> Term:
        return r if isinstance(r, Term) else Term(entity=ref_id(r))

    facts: dict[tuple, Fact] = {}
    for d in drafts:
        f = Fact(ref_id(d.subject), d.predicate, label(d.predicate), term(d.object),
                 {k: term(v) for k, v in d.qualifiers.items()}, d.confidence,
                 [Span(d.evidence[0], d.evidence[1], text[d.evidence[0]:d.evidence[1]])])
        k = f.key()
        if k in facts:
            old = facts[k]
            old.confidence = max(old.confidence, f.confidence)
            if f.evidence[0] not in old.evidence:
                old.evidence.append(f.evidence[0])
        else:
            facts[k] = f
    out_doc = doc
    if year is not None and not doc.reference_date:
        out_doc = dataclasses.replace(doc, reference_date=str(year), reference_how=how)
    kept = _drop_subsumed(list(facts.values()))
    add_date_resolutions(kept, ctx.dates, year, reference, how)
    return Extraction(out_doc, entities, kept)


def _tidy(drafts: list[Draft]) -> list[Draft]:
    """Drafts whose subject is not there (no film in the article) or that point at themselves are dropped."""
    return [d for d in drafts if d.subject is not None and d.object is not None and d.subject is not d.object]


def _drop_subsumed(facts: list[Fact]) -> list[Fact]:
    """A fact without qualifiers is dropped when the same fact with qualifiers is there (吴京 with and without 伍千里)."""
    with_q = {(f.subject, f.predicate, f.object) for f in facts if f.qualifiers}
    out = []
    for f in facts:
        if not f.qualifiers and (f.subject, f.predicate, f.object) in with_q:
            with_q_fact = next(g for g in facts if g.qualifiers and (g.subject, g.predicate, g.object) == (f.subject, f.predicate, f.object))
            for ev in f.evidence:
                if ev not in with_q_fact.evidence:
                    with_q_fact.evidence.append(ev)
            with_q_fact.confidence = max(with_q_fact.confidence, f.confidence)
            continue
        out.append(f)
    return out
