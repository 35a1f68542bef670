"""Russian articles -> entities and facts, with natasha.

natasha finds sentences, tokens (case, gender, lemma), syntax and PER/LOC/ORG
spans; «quoted» titles, festival names and awards are found by rules over
the cue words in `data/patterns/ru_cues.tsv`. Every name is given in the
nominative (its case forms become aliases), surname-only and inflected
mentions join the full name, and facts come from cue words within a
sentence. Each fact carries the sentence as evidence.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from reelgraph.extract import ru_dates
from reelgraph.extract.ru_lex import Lexicon, Place, fold, lexicon
from reelgraph.extract.ru_morph import models, name_stem, nominative_title, nominative_word
from reelgraph.model import Document, Entity, Extraction, Fact, Span, Term

log = logging.getLogger(__name__)

LABELS = {
    "P57": "director", "P161": "cast member", "P162": "producer", "P58": "screenwriter",
    "P86": "composer", "P344": "director of photography", "P272": "production company",
    "P750": "distributed by", "P495": "country of origin", "P136": "genre", "P915": "filming location",
    "P577": "publication date", "P1191": "date of first performance", "P5072": "presented in",
    "P2142": "box office", "P166": "award received", "P488": "chairperson",
    "P169": "chief executive officer", "P108": "employer", "P276": "location",
    "P585": "point in time", "P580": "start time", "P582": "end time",
    "P131": "located in the administrative territorial entity", "P17": "country",
}
CREW = {"producer_noun": "P162", "writer_noun": "P58", "composer_noun": "P86", "dop_noun": "P344"}
MODAL_PREDICATES = {"P577", "P1191", "P5072", "P580", "P582", "P585", "P276"}
PRONOUNS = {"он", "она"}
_QUOTE_RE = re.compile(r"«((?:[^«»\n]|«[^«»\n]*»)+)»")


@dataclass
class Tok:
    """One natasha token with what the rules look at."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    feats: dict
    sent: int
    rel: str = ""
    head: int = -1
    lemma0: str = ""     # the lemma before masking: words inside a title are no cues

    @property
    def case(self) -> str | None:
        return self.feats.get("Case")

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(eq=False)
class Mention:
    """A span that names something; `cluster` is the entity it ends up in."""

    start: int
    end: int
    text: str
    kind: str            # PER LOC ORG TITLE EVENT AWARD
    name: str            # nominative form
    type: str = "Other"
    t0: int = 0          # first token index
    t1: int = 0          # last token index + 1
    case: str | None = None
    cluster: "Cluster | None" = None
    head: str = ""       # cue group that typed a TITLE


@dataclass(eq=False)
class Cluster:
    """An entity of this document, built from mentions."""

    kind: str
    type: str
    name: str
    key: str
    mentions: list[Mention] = field(default_factory=list)
    id: str = ""
    character: bool = False
    actor: bool = False


@dataclass
class Found:
    """A fact before entity ids are assigned."""

    subject: Cluster
    predicate: str
    obj: Cluster | Term
    confidence: float
    evidence: tuple[int, int]
    qualifiers: dict[str, Cluster | Term] = field(default_factory=dict)
    rule: str = ""


# ---------------------------------------------------------------- analysis

def _analyse(text: str) -> tuple[list[Tok], list[tuple[int, int]], list]:
    """Tokens with lemmas and syntax, sentence spans, natasha NER spans."""
    from natasha import Doc

    m = models()
    nd = Doc(text)
    nd.segment(m.segmenter)
    nd.tag_morph(m.morph_tagger)
    nd.parse_syntax(m.syntax_parser)
    nd.tag_ner(m.ner_tagger)
    toks: list[Tok] = []
    for sent in nd.sents:
        ids = {}
        base = len(toks)
        for k, t in enumerate(sent.tokens):
            t.lemmatize(m.morph_vocab)
            ids[t.id] = base + k
            toks.append(Tok(len(toks), t.start, t.stop, t.text, fold(t.lemma or t.text), t.pos or "",
                            dict(t.feats or {}), 0, t.rel or ""))
        for k, t in enumerate(sent.tokens):
            toks[base + k].head = ids.get(t.head_id, -1)
    sents = _sentences(text, [(s.start, s.stop) for s in nd.sents])
    starts = [a for a, _ in sents]
    for t in toks:
        t.sent = max(0, bisect.bisect_right(starts, t.start) - 1)
    return toks, sents, list(nd.spans)


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """natasha's sentences, cut at line ends and not cut inside «a title. With a full stop»."""
    merged: list[list[int]] = []
    for a, b in spans:
        if merged:
            prev = text[merged[-1][0]:merged[-1][1]]
            line_tail = prev.rsplit("\n", 1)[-1]
            gap = text[merged[-1][1]:a]
            if line_tail.count("«") > line_tail.count("»") and "\n" not in gap and "»" in text[a:b].split("\n", 1)[0]:
                merged[-1][1] = b
                continue
        merged.append([a, b])
    out = []
    for a, b in merged:
        for part in re.finditer(r"[^\n]+", text[a:b]):
            if part.group(0).strip():
                out.append((a + part.start(), a + part.end()))
    return out


class _Doc:
    """Per-document working state shared by the rules."""

    def __init__(self, doc: Document, lex: Lexicon):
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.toks, self.sents, self.ner = _analyse(doc.text)
        self.by_start = {t.start: t.i for t in self.toks}
        self.mentions: list[Mention] = []
        self.clusters: list[Cluster] = []
        self.found: list[Found] = []
        self.words = {g: lex.words(g) for g in lex.cues}
        self.title_end = doc.text.find("\n") if "\n" in doc.text else len(doc.text)

    # token helpers
    def tok_at(self, offset: int) -> int:
        """Index of the token covering character `offset` (or the next one)."""
        lo, hi = 0, len(self.toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.toks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, len(self.toks) - 1)

    def is_(self, i: int, group: str) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].lemma in self.words.get(group, ())

    def phrase_at(self, i: int, group: str) -> int:
        """Length in tokens of a cue phrase of `group` starting at token i, else 0."""
        best = 0
        for ph in self.lex.phrases(group):
            n = len(ph)
            if i + n <= len(self.toks) and all(self.toks[i + k].lemma == ph[k] for k in range(n)):
                best = max(best, n)
        return best

    def sent_toks(self, s: int) -> range:
        lo = self.tok_at(self.sents[s][0])
        hi = lo
        while hi < len(self.toks) and self.toks[hi].sent == s:
            hi += 1
        return range(lo, hi)


# ---------------------------------------------------------------- mentions

def _head_before(d: _Doc, t0: int, window: int = 5) -> tuple[str, int] | None:
    """The cue group of a head noun just before token t0 («фильм», «кинотеатр»...), and its index."""
    sent = d.toks[t0].sent if t0 < len(d.toks) else -1
    groups = ("film_noun", "event_head", "venue_head", "org_head", "award_head", "other_head")
    i = t0 - 1
    seen = 0
    while i >= 0 and seen < window and d.toks[i].sent == sent:
        tok = d.toks[i]
        if tok.text in ("»", "«", ".", ";", "(", ")"):
            break
        for g in groups:
            if tok.lemma in d.words.get(g, ()):
                # «экранизации романа «X»»: the adaptation carries the novel's title
                if g == "other_head" and i > 0 and d.toks[i - 1].lemma == "экранизация":
                    return "film_noun", i
                # «премьеры «Белого тигра»», «показ «Вьюги»»: the title is the film, not the event
                if g == "event_head" and tok.lemma in ("показ", "премьера", "год", "церемония", "неделя", "дни"):
                    continue
                return g, i
        # «в фильме 1951 года «Вратарь»»: skip numbers and years between head and title
        seen += 1
        i -= 1
    return None


_HEAD_TYPES = {"film_noun": "Film", "event_head": "Event", "venue_head": "Venue", "org_head": "Organization",
               "award_head": "Other", "other_head": "Other"}


_UNCLOSED_RE = re.compile(r"«([^«»\n]+?)[.!?]?(?=\n|$)")


def _quotes(text: str) -> list[tuple[int, int, int, int]]:
    """(outer start, outer end, inner start, inner end) of «quotes», and of a «quote left open at a line end."""
    out = [(m.start(), m.end(), m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]
    taken = [(a, b) for a, b, _, _ in out]
    for m in _UNCLOSED_RE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            out.append((m.start(), m.end(), m.start(1), m.end(1)))
    return sorted(out)


def _speech(d: _Doc, t0: int, t1: int) -> bool:
    """«Я ничего не знаю об этом»: a quotation, not a title (four words or more, a finite verb or I/we)."""
    inner = [t for t in d.toks[t0 + 1:t1 - 1] if t.pos != "PUNCT"]
    if len(inner) < 4:
        return False
    first_person = any(t.lemma in ("я", "мы", "мой", "наш") for t in inner)
    finite = sum(1 for t in inner if t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin")
    return first_person or finite >= 2


def _find_quotes(d: _Doc) -> None:
    prev: Mention | None = None
    for start, end, istart, iend in _quotes(d.text):
        inner = d.text[istart:iend].strip()
        if not inner or len(inner) > 120:
            continue
        s, e = istart, istart + len(d.text[istart:iend].rstrip())
        t0, t1 = d.tok_at(start), d.tok_at(end - 1) + 1
        head = _head_before(d, t0)
        if head is None and _speech(d, t0, t1):
            continue
        group = head[0] if head else ""
        between = d.text[prev.end + 1 if prev else 0: start] if prev else ""
        if prev is not None and re.fullmatch(r"\s*(?:,|и|или|,\s*и|а также)\s*", between) and (not head or head[1] < prev.t0):
            group = prev.head
        award = d.lex.awards.get(fold(nominative_title(inner)))
        if award and group not in ("event_head", "venue_head", "org_head"):
            group = "award_head"
        kind_type = _HEAD_TYPES.get(group, "")
        # A title right after its head noun is nominative («фильм «Батрак»»); otherwise inflect it.
        apposition = head is not None and head[1] >= t0 - 3
        name = inner if apposition or group in ("org_head", "venue_head") else nominative_title(inner, _prep_case(d, t0))
        if award:
            name = award
        mention = Mention(s, e, d.text[s:e], "TITLE", name, kind_type or "", t0, t1, head=group)
        d.mentions.append(mention)
        prev = mention


def _prep_case(d: _Doc, t0: int) -> str | None:
    """The case a preposition before token t0 asks for, as a pymorphy grammeme."""
    i = t0 - 1
    if i < 0:
        return None
    w = d.toks[i].text.lower()
    return {"в": "loct", "во": "loct", "о": "loct", "об": "loct", "на": "loct", "к": "datv", "по": "datv",
            "с": "ablt", "со": "ablt", "за": "ablt", "из": "gent", "от": "gent", "до": "gent", "для": "gent"}.get(w)


def _inside(d: _Doc, s: int, e: int, kinds: tuple[str, ...] = ("TITLE", "EVENT", "AWARD")) -> bool:
    return any(m.kind in kinds and m.start - 1 <= s and e <= m.end + 1 for m in d.mentions)


def _overlaps(d: _Doc, s: int, e: int) -> bool:
    return any(m.start < e and s < m.end for m in d.mentions)


# Plural forms of «год» the tagger may parse as singular («Годов культуры»).
_YEARS_PLURAL = frozenset({"годы", "годов", "годам", "годами", "годах"})


def _find_events(d: _Doc) -> None:
    """Festival-like names: «Фестиваль северного кино – 2024», «Казанский международный кинофестиваль»."""
    toks = d.toks
    n = len(toks)
    for i, tok in enumerate(toks):
        if tok.lemma not in d.words.get("event_head", ()) or tok.lemma in ("показ", "премьера", "церемония"):
            continue
        if tok.lemma == "год" and tok.feats.get("Number") != "Plur" and tok.text.lower() not in _YEARS_PLURAL:
            continue      # «Годы культуры» names an event; a lone «год» is a date
        lo = i
        while lo - 1 >= 0 and toks[lo - 1].pos == "ADJ" and toks[lo - 1].sent == tok.sent:
            lo -= 1
        while lo < i and not toks[lo].cap:
            lo += 1
        sent_first = d.sent_toks(tok.sent).start
        if not toks[lo].cap:
            continue
        hi = i + 1
        while hi < n and toks[hi].sent == tok.sent:
            t = toks[hi]
            if t.text == "«":
                close = next((k for k in range(hi + 1, min(n, hi + 12)) if toks[k].text == "»"), None)
                if close is None:
                    break
                hi = close + 1
                continue
            if t.text in ("–", "-", "—") and hi + 1 < n and re.fullmatch(r"(19|20)\d\d", toks[hi + 1].text):
                hi += 2
                continue
            if re.fullmatch(r"(19|20)\d\d([–-](19|20)\d\d)?", t.text):
                hi += 1
                if hi + 1 < n and toks[hi].text in ("–", "-") and re.fullmatch(r"(19|20)\d\d", toks[hi + 1].text):
                    hi += 2
                continue
            if t.pos in ("NOUN", "PROPN", "ADJ") and t.case == "Gen":
                hi += 1
                continue
            if t.text == "и" and hi + 1 < n and toks[hi + 1].case == "Gen" and toks[hi + 1].pos in ("NOUN", "PROPN", "ADJ"):
                hi += 1
                continue
            break
        while hi - 1 > i and toks[hi - 1].text in ("и", "–", "-"):
            hi -= 1
        capitals = sum(1 for k in range(lo, hi) if toks[k].cap and k != sent_first)
        has_year = any(re.fullmatch(r"(19|20)\d\d.*", toks[k].text) for k in range(lo, hi))
        if capitals == 0 and not has_year:
            continue
        if hi - lo < 2 and not has_year:
            continue
        s, e = toks[lo].start, toks[hi - 1].end
        if _overlaps(d, s, e):
            # a quoted name inside the event name belongs to the event
            inner = [m for m in d.mentions if m.start < e and s < m.end]
            if any(not (s <= m.start - 1 and m.end + 1 <= e) for m in inner):
                continue
            d.mentions = [m for m in d.mentions if m not in inner]
        surface = d.text[s:e]
        d.mentions.append(Mention(s, e, surface, "EVENT", _event_name(surface), "Event", lo, hi))


def _event_name(surface: str) -> str:
    """Nominative of an event name: inflect the words up to the head noun."""
    return nominative_title(surface)


def _find_awards(d: _Doc) -> None:
    """Honorary titles («народный артист Беларуси»), gazetteer awards, «награду польской киноакадемии»."""
    toks = d.toks
    n = len(toks)
    # honorary titles
    for i, tok in enumerate(toks):
        if tok.lemma in d.words.get("honorary_adj", ()) and i + 1 < n and toks[i + 1].lemma in d.words.get("honorary_noun", ()):
            hi = i + 2
            while hi < n and toks[hi].sent == tok.sent and (toks[hi].cap or toks[hi].lemma == "искусство") \
                    and toks[hi].pos in ("PROPN", "NOUN", "ADJ") and toks[hi].feats.get("Animacy") != "Anim":
                hi += 1
            if hi == i + 2:
                continue
            s, e = tok.start, toks[hi - 1].end
            if _overlaps(d, s, e):
                continue
            surface = d.text[s:e]
            d.mentions.append(Mention(s, e, surface, "AWARD", nominative_title(surface), "Other", i, hi))
    # gazetteer awards (by lemma sequence)
    keys = {}
    for form, name in d.lex.awards.items():
        words = form.split()
        keys.setdefault(len(words), {})[tuple(words)] = name
    lemmas = [t.lemma for t in toks]
    folded = [fold(t.text) for t in toks]
    for size in sorted(keys, reverse=True):
        table = keys[size]
        lemma_table = {tuple(fold(_lemma1(w)) for w in k): v for k, v in table.items()}
        for i in range(n - size + 1):
            seq_l = tuple(lemmas[i:i + size])
            seq_f = tuple(folded[i:i + size])
            name = table.get(seq_f) or lemma_table.get(seq_l)
            if not name or not toks[i].text[:1].isupper() and not toks[i].text[:1].isdigit():
                continue
            nxt = toks[i + size] if i + size < n else None
            if nxt is not None and nxt.cap and nxt.pos == "PROPN" and nxt.sent == toks[i].sent:
                continue              # «Оскару Ривасу» is a man, not the award
            s, e = toks[i].start, toks[i + size - 1].end
            if _overlaps(d, s, e):
                continue
            d.mentions.append(Mention(s, e, d.text[s:e], "AWARD", name, "Other", i, i + size))
    # «Приз за лучший сценарий», «Бронзовый приз»: a prize named by what it is for, or by its metal
    for i, tok in enumerate(toks):
        if tok.lemma not in ("приз", "премия", "награда", "статуэтка", "диплом"):
            continue
        lo, hi = i, i + 1
        if i > 0 and toks[i - 1].cap and toks[i - 1].pos == "ADJ" and toks[i - 1].sent == tok.sent \
                and d.sent_toks(tok.sent).start != i - 1:      # «Главный приз» at a sentence start is no name
            lo = i - 1
        if hi + 1 < n and toks[hi].text == "за" and toks[hi + 1].lemma in ("хороший", "лучший"):
            hi += 2
            while hi < n and toks[hi].pos == "ADJ":
                hi += 1
            if hi < n and toks[hi].pos == "NOUN":
                hi += 1
                if hi < n and toks[hi].lemma == "план":     # «роль второго плана»
                    hi += 1
        if lo == i and hi == i + 1:
            continue
        if lo == i and not tok.cap and hi == i + 1:
            continue
        s, e = toks[lo].start, toks[hi - 1].end
        if _overlaps(d, s, e):
            continue
        surface = d.text[s:e]
        d.mentions.append(Mention(s, e, surface, "AWARD", _cap(nominative_title(surface)), "Other", lo, hi))
    # «награду польской киноакадемии»: an award head after an award verb, with its genitive complement
    for i, tok in enumerate(toks):
        if tok.lemma not in ("награда", "премия", "приз", "орден", "медаль") or i + 1 >= n:
            continue
        if not any(d.is_(k, "award_verb") or d.is_(k, "award_holder") for k in range(max(0, i - 3), i)):
            continue
        hi = i + 1
        while hi < n and toks[hi].sent == tok.sent and toks[hi].case == "Gen" and toks[hi].pos in ("ADJ", "NOUN", "PROPN"):
            hi += 1
        if hi == i + 1 or any(m.start >= toks[hi - 1].end and m.start <= toks[min(hi + 2, n - 1)].end
                               for m in d.mentions if m.kind == "AWARD" or m.head == "award_head"):
            continue
        if hi < n and toks[hi].text == "«" and toks[hi - 1].lemma not in ("фестиваль", "кинофестиваль", "конкурс"):
            continue                  # «премию «Ника»»: the quoted name is the award
        s, e = tok.start, toks[hi - 1].end
        if _overlaps(d, s, e):
            continue
        surface = d.text[s:e]
        d.mentions.append(Mention(s, e, surface, "AWARD", nominative_title(surface), "Other", i, hi))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lemma1(word: str) -> str:
    from reelgraph.extract.ru_morph import _parses
    p = _parses(word)
    return p[0].normal_form if p else word


def _find_ner(d: _Doc) -> None:
    """natasha PER/LOC/ORG spans not already inside a title, event or award."""
    for span in d.ner:
        s, e = span.start, span.stop
        if _inside(d, s, e) or _overlaps(d, s, e):
            continue
        t0, t1 = d.tok_at(s), d.tok_at(e - 1) + 1
        if span.type == "PER":
            # natasha often leaves out a one-syllable Chinese surname: «Ли Шанем», «Ма Вэя»
            if t0 > 0 and d.toks[t0 - 1].cap and len(d.toks[t0 - 1].text) <= 3 and d.toks[t0 - 1].end == s - 1 \
                    and d.toks[t0 - 1].pos == "PROPN" and d.toks[t0 - 1].sent == d.toks[t0].sent:
                t0 -= 1
                s = d.toks[t0].start
            # «Герой Зотова Митя»: natasha joins a genitive surname and the next name
            cases = [d.toks[k].case for k in range(t0, t1)]
            cut = next((k for k in range(t0 + 1, t1) if cases[k - t0 - 1] == "Gen" and cases[k - t0] == "Nom"
                        and all(c == "Gen" for c in cases[:k - t0])), None)
            parts = [(t0, cut), (cut, t1)] if cut else [(t0, t1)]
            prev_name = None
            runs = [p for part in parts for p in _word_runs(d, *part)]
            for n_run, (a, b) in enumerate(runs):
                if len(runs) > 1 and b - a == 1 and _known_non_name(d.toks[a].text):
                    continue              # «Джон Смит\nИзвестный»: the next line's first word is no name
                _fix_case(d, a, b)
                sa, sb = d.toks[a].start, d.toks[b - 1].end
                name = _person_name(d, a, b)
                # «Джон Смит (John Smith)»: the name in brackets is the same person
                if prev_name and re.fullmatch(r"[A-Za-z .'-]+", d.text[sa:sb]) and d.text[:sa].rstrip().endswith("("):
                    name = prev_name
                d.mentions.append(Mention(sa, sb, d.text[sa:sb], "PER", name, "Person", a, b,
                                          case=d.toks[b - 1].case))
                prev_name = name
        elif span.type == "LOC":
            place = _place(d, t0, t1)
            name = place.name if place else _loc_name(d, t0, t1)
            typ = place.type if place else ("City" if t1 - t0 == 1 else "Region")
            if place is None and any(d.toks[k].lemma in d.words.get("other_tail", ()) for k in (t0, t1 - 1)):
                typ = "Other"     # «Транссибирский экспресс», «улица Арбат»: a train or a street, not a region
            d.mentions.append(Mention(s, e, d.text[s:e], "LOC", name, typ, t0, t1, case=d.toks[t1 - 1].case))
        elif span.type == "ORG":
            place = _place(d, t0, t1)
            if place is not None:
                d.mentions.append(Mention(s, e, d.text[s:e], "LOC", place.name, place.type, t0, t1))
                continue
            t1 = _extend_org(d, t0, t1)
            e = d.toks[t1 - 1].end
            d.mentions.append(Mention(s, e, d.text[s:e], "ORG", _loc_name(d, t0, t1), "Organization", t0, t1,
                                      case=d.toks[t1 - 1].case))


def _word_runs(d: _Doc, t0: int, t1: int) -> list[tuple[int, int]]:
    """Token runs of a span without punctuation or line breaks: natasha may run a name over both."""
    runs, start = [], None
    for k in range(t0, t1):
        tok = d.toks[k]
        breaks = tok.pos == "PUNCT" or not re.search(r"\w", tok.text) or (
            start is not None and "\n" in d.text[d.toks[k - 1].end:tok.start])
        if breaks and start is not None:
            runs.append((start, k))
            start = None
        if tok.pos != "PUNCT" and re.search(r"\w", tok.text) and start is None:
            start = k
    if start is not None:
        runs.append((start, t1))
    return runs


def _is_first_name(tok: Tok) -> bool:
    from reelgraph.extract.ru_morph import _parses
    target = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}.get(tok.case or "Nom")
    return any("Name" in p.tag.grammemes and target in p.tag for p in _parses(tok.text))


def _female_first_name(tok: Tok) -> bool:
    from reelgraph.extract.ru_morph import _parses
    target = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}.get(tok.case or "Nom")
    parses = [p for p in _parses(tok.text) if "Name" in p.tag.grammemes and target in p.tag]
    return bool(parses) and all("femn" in p.tag for p in parses)


def _extend_org(d: _Doc, t0: int, t1: int) -> int:
    """«Высших курсах» + «художников и дизайнеров», «театра-студии» + «под руководством Ивана Петрова»."""
    toks, n = d.toks, len(d.toks)
    hi = t1
    if not toks[hi - 1].cap:
        while hi < n and toks[hi].sent == toks[t0].sent:
            if toks[hi].case == "Gen" and toks[hi].pos in ("NOUN", "ADJ") and not toks[hi].cap:
                hi += 1
            elif toks[hi].text == "и" and hi + 1 < n and toks[hi + 1].case == "Gen" and toks[hi + 1].pos == "NOUN":
                hi += 1
            else:
                break
    if hi + 2 < n and toks[hi].text == "под" and toks[hi + 1].lemma == "руководство":
        k = hi + 2
        while k < n and toks[k].cap and toks[k].pos == "PROPN":
            k += 1
        if k > hi + 2:
            hi = k
    return hi


def _find_surnames(d: _Doc) -> None:
    """A capitalised word that is a case form of a known full name's surname («Зотову») is that person."""
    persons = [m for m in d.mentions if m.kind == "PER" and len(m.name.split()) >= 2]
    stems = {name_stem(m.name.split()[-1]) for m in persons}
    stems = {x for x in stems if len(x) >= 4}
    taken = [(m.start, m.end) for m in d.mentions]
    for k, tok in enumerate(d.toks):
        if not tok.cap or tok.pos not in ("PROPN", "NOUN", "ADJ") or len(tok.text) < 4:
            continue
        if name_stem(tok.text) not in stems or any(a <= tok.start < b for a, b in taken):
            continue
        case = tok.case
        d.mentions.append(Mention(tok.start, tok.end, tok.text, "PER", _person_name(d, k, k + 1), "Person",
                                  k, k + 1, case=case))


def _split_known_surnames(d: _Doc) -> None:
    """«Зотова Митя» as one PER span: a known surname first is a separate person."""
    persons = [m for m in d.mentions if m.kind == "PER"]
    for m in persons:
        if m.t1 - m.t0 != 2:
            continue
        others = [x for x in persons if x is not m and len(x.name.split()) >= 2]
        surnames = {name_stem(x.name.split()[-1]) for x in others}
        firsts = {name_stem(x.name.split()[0]) for x in others} - surnames
        first = name_stem(d.toks[m.t0].text)
        if first in surnames and first not in firsts and name_stem(d.toks[m.t0 + 1].text) not in surnames:
            d.mentions.remove(m)
            for a, b in ((m.t0, m.t0 + 1), (m.t0 + 1, m.t1)):
                sa, sb = d.toks[a].start, d.toks[b - 1].end
                d.mentions.append(Mention(sa, sb, d.text[sa:sb], "PER", _person_name(d, a, b), "Person", a, b,
                                          case=d.toks[b - 1].case))


def _fix_case(d: _Doc, t0: int, t1: int) -> None:
    """A person's name in the locative needs a preposition; without one natasha meant the dative."""
    prev = d.toks[t0 - 1].text.lower() if t0 > 0 else ""
    if prev in ("о", "об", "обо", "при", "в", "на"):
        return
    for k in range(t0, t1):
        if d.toks[k].case == "Loc":
            d.toks[k].feats = {**d.toks[k].feats, "Case": "Dat"}
            d.toks[k].feats.pop("Gender", None)


def _place(d: _Doc, t0: int, t1: int) -> Place | None:
    surface = " ".join(t.text for t in d.toks[t0:t1])
    lemmas = " ".join(d.toks[k].lemma for k in range(t0, t1))
    for key in (fold(surface), lemmas, fold(nominative_title(surface))):
        if key in d.lex.places:
            return d.lex.places[key]
    return None


def _loc_name(d: _Doc, t0: int, t1: int) -> str:
    """Nominative of a place or organisation name («Северной Медиа Компании» -> «Северная Медиа Компания»)."""
    surface = d.text[d.toks[t0].start:d.toks[t1 - 1].end]
    if not re.search("[А-Яа-яЁё]", surface):
        return surface
    if t1 - t0 == 1:
        tok = d.toks[t0]
        if tok.case and tok.case != "Nom" and not surface.isupper():
            word = nominative_word(surface, tok.case, tok.feats.get("Gender"), name_like=False)
            return word
        return surface
    return nominative_title(surface)


def _person_name(d: _Doc, t0: int, t1: int) -> str:
    """Nominative of a name; a female first name («Веру») makes the surname female too («Соколову» -> «Соколова»)."""
    words = []
    female = t1 - t0 >= 2 and _female_first_name(d.toks[t0])
    first_case = d.toks[t0].case if t1 - t0 >= 2 and _is_first_name(d.toks[t0]) else None
    for k in range(t0, t1):
        tok = d.toks[k]
        if female and k > t0:
            tok = dataclasses.replace(tok, feats={**tok.feats, "Gender": "Fem"})
        if k > t0 and first_case not in (None, "Nom") and tok.case != first_case:
            # a name agrees in case: «Оскару Ривасу» is dative throughout
            tok = dataclasses.replace(tok, feats={**tok.feats, "Case": first_case})
        parts = tok.text.split("-")
        if len(parts) > 1 and all(parts):
            words.append(tok.text if tok.case in (None, "Nom") else "-".join(
                nominative_word(p, tok.case, tok.feats.get("Gender")) if j == len(parts) - 1 else p
                for j, p in enumerate(parts)))
        else:
            words.append(nominative_word(tok.text, tok.case, tok.feats.get("Gender")))
    sep = [d.text[d.toks[k].end:d.toks[k + 1].start] for k in range(t0, t1 - 1)]
    out = words[0]
    for w, s in zip(words[1:], sep):
        out += (s or " ") + w
    return out


# ---------------------------------------------------------------- clusters

def _person_key(m: Mention) -> tuple[str, ...]:
    return tuple(name_stem(w) for w in re.split(r"\s+", m.name) if w)


def _cluster(d: _Doc) -> None:
    by_key: dict[tuple, Cluster] = {}
    persons = [m for m in d.mentions if m.kind == "PER"]
    full = sorted([m for m in persons if len(_person_key(m)) >= 2], key=lambda m: -len(_person_key(m)))
    single = [m for m in persons if len(_person_key(m)) < 2]
    person_clusters: list[Cluster] = []
    for m in full:
        key = _person_key(m)
        k2 = (key[0], key[-1])
        cl = by_key.get(("PER",) + k2)
        if cl is None and len(key) == 2:
            # «Олег Петрович» (name + patronymic) joins «Олег Петрович Гусев» or «Олег Гусев»
            cl = next((c for c in person_clusters if c.key.split("|")[0] == key[0]
                       and any(_person_key(x)[1:2] == key[1:2] for x in c.mentions)), None)
            if cl is None and re.search(r"(?:вич|вна|ична|инична)$", m.name.split()[-1]):
                same = [c for c in person_clusters if c.key.split("|")[0] == key[0]]
                cl = same[0] if len(same) == 1 else None
        if cl is None:
            cl = Cluster("PER", "Person", m.name, "|".join(k2))
            by_key[("PER",) + k2] = cl
            person_clusters.append(cl)
        cl.mentions.append(m)
    for m in single:
        key = _person_key(m)
        stem = key[0] if key else fold(m.text)
        cands = [c for c in person_clusters if c.key.split("|")[-1] == stem and len(c.mentions[0].name.split()) > 1]
        if not cands:
            cands = [c for c in person_clusters if c.key.split("|")[0] == stem and len(c.mentions[0].name.split()) > 1]
        if cands:
            cl = max(cands, key=lambda c: len(c.mentions))
        else:
            cl = by_key.get(("PER1", stem))
            if cl is None:
                cl = Cluster("PER", "Person", m.name, stem)
                by_key[("PER1", stem)] = cl
                person_clusters.append(cl)
        cl.mentions.append(m)
    d.clusters.extend(person_clusters)
    # one-word person clusters that are ordinary words («Собаки») are not people
    for cl in list(person_clusters):
        if all(len(m.name.split()) == 1 for m in cl.mentions) and _common_word(cl.mentions[0].text):
            d.clusters.remove(cl)
            d.mentions = [m for m in d.mentions if m not in cl.mentions]
    others: dict[tuple, Cluster] = {}
    for m in d.mentions:
        if m.kind == "PER":
            continue
        # a name in quotes and the same name found by NER are one entity; case forms of a title too
        key = ("N", fold(m.name))
        alt = ("N", fold(m.text))
        if m.kind == "TITLE":
            stems = ("S", " ".join(name_stem(w) for w in re.findall(r"\w+", m.text)))
            cl = others.get(key) or others.get(alt) or others.get(stems)
            if cl is None:
                cl = Cluster(m.kind, m.type, m.name, key[1])
                d.clusters.append(cl)
            others[key] = others[alt] = others[stems] = cl
            cl.mentions.append(m)
            continue
        cl = others.get(key) or others.get(alt)
        if cl is None:
            cl = Cluster(m.kind, m.type, m.name, key[1])
            d.clusters.append(cl)
        elif not cl.type and m.type:
            cl.type = m.type
        others[key] = others[alt] = cl
        cl.mentions.append(m)
    for cl in d.clusters:
        for m in cl.mentions:
            m.cluster = cl
        if cl.kind == "PER":
            cl.name = _best_person_name(cl)
        elif cl.kind == "TITLE":
            # a title right after its head noun is nominative; then one written as is; then the inflected one
            names = Counter(m.name for m in cl.mentions)
            appos = [m.text for m in cl.mentions if m.text == m.name and m.head]
            asis = [m.text for m in cl.mentions if m.text == m.name]
            cl.name = (appos or asis or [names.most_common(1)[0][0]])[0]
            types = Counter(m.type for m in cl.mentions if m.type)
            cl.type = types.most_common(1)[0][0] if types else ""


def _known_non_name(word: str) -> bool:
    from reelgraph.extract.ru_morph import _parses
    ps = _parses(word)
    return bool(ps) and ps[0].is_known and not ({"Name", "Surn", "Patr", "Geox"} & ps[0].tag.grammemes)


def _common_word(word: str) -> bool:
    from reelgraph.extract.ru_morph import _parses
    ps = _parses(word)
    if not ps:
        return False
    top = ps[0]
    return top.is_known and not ({"Name", "Surn", "Patr"} & top.tag.grammemes) and "Geox" not in top.tag.grammemes \
        and top.tag.POS == "NOUN"


def _best_person_name(cl: Cluster) -> str:
    """The nominative most full mentions agree on; a form written as is wins a tie."""
    longest = max(len(m.name.split()) for m in cl.mentions)
    full = [m for m in cl.mentions if len(m.name.split()) == longest]
    votes = Counter(m.name for m in full)
    return max(votes, key=lambda n: (votes[n], any(m.text == n for m in full)))


# ---------------------------------------------------------------- rules

def _sent_mentions(d: _Doc, s: int) -> list[Mention]:
    lo, hi = d.sents[s]
    return sorted([m for m in d.mentions if lo <= m.start < hi and m.cluster is not None], key=lambda m: m.start)


def _films(ms: list[Mention]) -> list[Mention]:
    return [m for m in ms if m.kind == "TITLE" and m.cluster.type == "Film"]


def _add(d: _Doc, subject: Cluster | None, pred: str, obj, conf: float, s: int,
         qualifiers: dict | None = None, rule: str = "") -> None:
    if subject is None or obj is None or subject is obj:
        return
    lo, hi = d.sents[s]
    d.found.append(Found(subject, pred, obj, conf, (lo, hi), qualifiers or {}, rule))


def _main_person(d: _Doc) -> Cluster | None:
    persons = [c for c in d.clusters if c.kind == "PER" and not c.character]
    if not persons:
        return None

    def score(c: Cluster) -> tuple:
        in_title = any(m.start < d.title_end for m in c.mentions)
        return (len(c.mentions) + (3 if in_title else 0), -c.mentions[0].start)
    return max(persons, key=score)


def _topic_film(d: _Doc) -> Cluster | None:
    films = [c for c in d.clusters if c.kind == "TITLE" and c.type == "Film"]
    if not films:
        return None
    # only a film the headline names (or the article's only film) is what unattributed cues are about
    in_title = [c for c in films if any(m.start < d.title_end for m in c.mentions)]
    pool = in_title or (films if len(films) == 1 else [])
    if not pool:
        return None
    return max(pool, key=lambda c: (len(c.mentions), -c.mentions[0].start))


def _type_titles(d: _Doc) -> None:
    """A «title» with no head noun is a film when film cues surround it (or a film holds that name)."""
    film_context = ("cast_verb", "director_noun", "director_verb", "role_noun", "release_verb", "premiere_noun", "director_work")
    for cl in d.clusters:
        if cl.kind != "TITLE" or cl.type:
            continue
        score = 0
        for m in cl.mentions:
            s = d.toks[m.t0].sent
            rng = d.sent_toks(s)
            if any(any(d.is_(k, g) for g in film_context) for k in rng):
                score += 1
            nxt = [x for x in d.mentions if x.kind == "PER" and 0 <= x.start - m.end <= 3]
            if nxt and nxt[0].case == "Gen":
                score += 2
            # «Следующей его работой стал «X» (1985)»: a year in brackets or «работа» before it
            if re.match(r"»\s*\(\s*(?:19|20)\d\d", d.text[m.end:m.end + 12]) or any(
                    t.lemma in ("работа", "экранизация") for t in _prev_tokens(d, m, 3)):
                score += 1
        cl.type = "Film" if score else "Other"


def _person_mentions(ms: list[Mention]) -> list[Mention]:
    return [m for m in ms if m.kind == "PER"]


def _prev_tokens(d: _Doc, m: Mention, n: int = 4) -> list[Tok]:
    out = []
    i = m.t0 - 1
    while i >= 0 and len(out) < n and d.toks[i].sent == d.toks[m.t0].sent:
        out.append(d.toks[i])
        i -= 1
    return out


def _role_marked(d: _Doc, m: Mention) -> bool:
    """A name right after «роль/роли/в роли» (with lower-case words between) is a character."""
    for tok in _prev_tokens(d, m, 5):
        if tok.lemma == "роль" and tok.feats.get("Number") == "Plur" and m.case == "Nom":
            return False              # «исполнители главных ролей X и Y»
        if tok.lemma in d.words.get("role_noun", ()) and tok.lemma != "исполнительница" and tok.lemma != "исполнитель":
            return True
        if tok.lemma in ("исполнительница", "исполнитель"):
            return True
        if tok.text in (",", "–", "—", "-") or tok.cap or tok.lemma in d.words.get("cast_verb", ()):
            return False
    return False


def _director_gen(d: _Doc, m: Mention, ms: list[Mention]) -> bool:
    """«фильм Олега Гусева», «Вьюге» Ивана Петрова, «режиссёра Ма Вэя»: a director, not an actor."""
    if m.case != "Gen" and m.case is not None:
        prev = _prev_tokens(d, m, 1)
        if not (prev and prev[0].lemma in d.words.get("director_noun", ())):
            return False
    prev = _prev_tokens(d, m, 2)
    if prev and (prev[0].lemma in d.words.get("film_noun", ()) or prev[0].lemma in d.words.get("director_noun", ())
                 or prev[0].text == "»"):
        return True
    if len(prev) > 1 and prev[0].pos == "ADJ" and prev[1].lemma in d.words.get("film_noun", ()):
        return True
    return False


def _rule_directors(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None, main: Cluster | None,
                    local: Cluster | None = None) -> None:
    films = _films(ms)
    rng = d.sent_toks(s)
    for m in _person_mentions(ms):
        prev = _prev_tokens(d, m, 2)
        if not prev:
            continue
        p0 = prev[0]
        # «Вьюге» Ивана Петрова
        if p0.text == "»" and (m.case in ("Gen", None) or any(x.case == "Gen" and x.name != x.text for x in m.cluster.mentions)):
            film = next((f for f in reversed(films) if f.end <= m.start and m.start - f.end <= 3), None)
            if film is not None:
                _add(d, film.cluster, "P57", m.cluster, 0.92, s)
                continue
        # фильм Джона Смита «Пирамида»; лентах Ивана Петрова: «A», «B»
        film_noun = p0.lemma in d.words.get("film_noun", ()) or (len(prev) > 1 and p0.pos == "ADJ" and prev[1].lemma in d.words.get("film_noun", ()))
        director_noun = p0.lemma in d.words.get("director_noun", ())
        if film_noun and len(prev) > 1 and prev[1].lemma in d.words.get("director_noun", ()) and m.case != "Gen":
            # «Режиссёр мультфильма Зоя Лосева»: the film just spoken of
            target = films[-1].cluster if films else (local or topic)
            if target is not None:
                _add(d, target, "P57", m.cluster, 0.75, s)
            continue
        if (film_noun and m.case == "Gen") or director_noun:
            after = [f for f in films if f.start >= m.end and (f.start - m.end <= 4 or re.fullmatch(
                r",\s*(?:[а-яё-]+\s+){0,3}«?", d.text[m.end:f.start]))]
            if after:
                targets = [after[0]]
                if d.text[m.end:after[0].start].strip().startswith(":"):
                    targets = [f for f in films if f.start >= m.end]
                for f in targets:
                    _add(d, f.cluster, "P57", m.cluster, 0.92, s)
                continue
            before = [f for f in films if f.end <= m.start and m.start - f.end <= 30]
            if director_noun and before:
                _add(d, before[-1].cluster, "P57", m.cluster, 0.85, s)
                continue
            if film_noun and p0.feats.get("Number") == "Plur":
                continue   # «фильмы Бастера Китона»: handled at document level
            film_near = film_noun or any(t.lemma in d.words.get("film_noun", ()) for t in prev[1:2]) or (
                m.t1 < len(d.toks) and d.toks[m.t1].lemma in d.words.get("film_noun", ()))
            if not films and topic is not None and film_near:
                _add(d, topic, "P57", m.cluster, 0.8 if director_noun else 0.75, s)
            elif films and director_noun:
                _add(d, films[0].cluster, "P57", m.cluster, 0.7, s)
    # «X снял фильм «Y»», «выступил режиссёром сериала «A» и фильма «B»», «среди режиссёрских работ X»
    for k in rng:
        tok = d.toks[k]
        verb = tok.lemma in d.words.get("director_verb", ()) and tok.pos == "VERB"
        noun_ins = tok.lemma in d.words.get("director_noun", ()) and tok.case == "Ins"
        work = tok.lemma in d.words.get("director_work", ())
        author = tok.lemma in d.words.get("author_noun", ()) and k + 1 < len(d.toks) and d.toks[k + 1].lemma in d.words.get("film_noun", ())
        if not (verb or noun_ins or work or author):
            continue
        targets = [f for f in films if f.start > tok.start] if not (work or noun_ins) else films
        if noun_ins and not films and (topic or local) is not None and k + 1 < len(d.toks) and \
                d.toks[k + 1].lemma in d.words.get("film_noun", ()):
            # «Режиссёром картины станет X»
            people = [m for m in _person_mentions(ms) if m.start > tok.end and m.case == "Nom"]
            if people:
                _add(d, topic or local, "P57", people[0].cluster, 0.8, s)
            continue
        if verb:
            targets = targets[:1] if targets and d.text[tok.end:targets[0].start].count("»") == 0 and len(d.text[tok.end:targets[0].start]) < 30 else []
        if not targets:
            continue
        people = [m for m in _person_mentions(ms) if not _director_gen(d, m, ms) or work]
        if work:
            gen = [m for m in people if m.case == "Gen" and abs(m.start - tok.end) < 4]
            subj = gen[:1]
        else:
            subj = [m for m in people if m.case == "Nom" and m.end <= tok.start]
            subj += [m for m in people if m.case == "Ins" and any(t.lemma in ("совместно", "вместе") for t in _prev_tokens(d, m, 2))]
        subjects = [m.cluster for m in subj] or ([main] if main else [])
        for f in targets:
            for p in subjects:
                _add(d, f.cluster, "P57", p, 0.85 if subj else 0.7, s)


def _rule_possessive(d: _Doc, s: int, ms: list[Mention], state_person: Cluster | None = None) -> None:
    """«Для Олега Гусева ... вышла его драма «Почерк»»: «его» + film noun + title -> that person's film."""
    for f in _films(ms):
        prev = _prev_tokens(d, f, 5)
        k = 0
        if prev and prev[0].lemma in ("стать", "являться") and len(prev) > 1:
            k = 1                         # «Следующей его работой стал «X»»
        if k < len(prev) and (prev[k].lemma in d.words.get("film_noun", ()) or prev[k].lemma == "работа"):
            k += 1
        else:
            continue
        while k < len(prev) and prev[k].pos == "ADJ":
            k += 1
        if k < len(prev) and prev[k].text.lower() in ("его", "её", "ее"):
            people = [m for m in _person_mentions(ms) if m.end <= f.start and not m.cluster.character]
            owner = people[-1].cluster if people else state_person
            if owner is not None:
                _add(d, f.cluster, "P57", owner, 0.6, s)


def _cast_clauses(d: _Doc, s: int) -> list[tuple[int, int]]:
    """Character ranges of a sentence split at «, а» (ellipsis: «X – роль Y, а Z – роль W»)."""
    lo, hi = d.sents[s]
    cuts = [lo] + [lo + m.start() + 1 for m in re.finditer(r",\s+а\s+", d.text[lo:hi])] + [hi]
    return list(zip(cuts[:-1], cuts[1:]))


def _is_cast_cue(d: _Doc, k: int) -> bool:
    tok = d.toks[k]
    if tok.lemma == "занять":
        # «в картине заняты X и Y», not «был занят подготовкой»
        nxt = d.toks[k + 1] if k + 1 < len(d.toks) else None
        return tok.feats.get("Voice") == "Pass" and not (nxt and nxt.case == "Ins")
    if tok.lemma in ("достаться", "доставаться", "появиться", "появляться", "прославиться", "запомниться"):
        # «досталась роль», «появился в роли»; not «приз достался», «появились на дорожке»
        return any(t.lemma == "роль" for t in d.toks[d.sent_toks(tok.sent).start:d.sent_toks(tok.sent).stop])
    return tok.lemma in d.words.get("cast_verb", ()) or tok.lemma in d.words.get("role_noun", ()) \
        or tok.lemma in d.words.get("cast_ensemble", ()) or tok.lemma in d.words.get("hero_noun", ())


def _rule_cast(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None, main: Cluster | None,
               state: dict) -> None:
    """P161 (+ P453 role) from «сыграл», «исполнил роль», «в роли», «заняты», «герой X-а Y»."""
    rng = d.sent_toks(s)
    last_actor = state.pop("last_actor", None) if state.get("last_sent") == s - 1 else None
    state.pop("last_actor", None)
    if not any(_is_cast_cue(d, k) for k in rng):
        return
    if any(d.is_(k, "nomination") for k in rng) and not any(d.toks[k].lemma == "роль" for k in rng):
        return
    films = _films(ms)
    verbs = [k for k in rng if d.toks[k].lemma in d.words.get("cast_verb", ()) and _is_cast_cue(d, k)]
    role_verbs = ("сыграть", "играть", "исполнить", "исполнять", "воплотить")
    for (clo, chi) in _cast_clauses(d, s):
        cues = [k for k in rng if clo <= d.toks[k].start < chi and _is_cast_cue(d, k)]
        scene = [f for f in films if clo <= f.start < chi and not _is_appositive_star(d, f)]
        if not cues and not (clo != d.sents[s][0] and re.search(r"\s[–—-]\s", d.text[clo:chi])):
            continue   # a clause with no cue, and not an ellipsis «а X – Y»
        from_local = False
        back = re.search(r"\b(?:в\s+нём|в\s+нем|в\s+ней|в\s+этом\s+фильме|в\s+этой\s+картине|в\s+этой\s+ленте)\b",
                         d.text[clo:chi], re.IGNORECASE)
        if back and not scene and state.get("local") is not None:
            scene_cl = [state["local"]]
        else:
            scene_cl = []
        if scene_cl:
            targets, conf_film = scene_cl, 0.75
        elif scene:
            targets, conf_film = [f.cluster for f in scene], 0.92
        elif not [f for f in films if clo <= f.start < chi and not _is_appositive_star(d, f)] and topic is not None:
            targets, conf_film = [topic], 0.75
        elif not [f for f in films if clo <= f.start < chi] and state.get("local") is not None:
            targets, conf_film, from_local = [state["local"]], 0.7, True   # «Главную роль в нём сыграл X»
        else:
            continue
        people = [m for m in _person_mentions(ms) if clo <= m.start < chi]
        actors, chars, costars = [], [], []
        for m in people:
            if _director_gen(d, m, ms):
                continue
            prev = _prev_tokens(d, m, 3)
            if prev and prev[0].lemma in ("герой", "героиня") and m.case == "Gen":
                actors.append(m)          # «Герой Зотова Митя»
                continue
            if any(t.lemma in ("герой", "героиня") for t in prev[:2]):
                chars.append(m)           # «Герой Зотова Митя»: Митя is the role
                continue
            if prev and prev[0].lemma == "персонаж" and m.case == "Gen":
                costars.append(m)         # «персонажа Анны Лосевой»: another cast member
                continue
            if _role_marked(d, m):
                chars.append(m)
                continue
            if m.case == "Ins" and prev and prev[0].lemma in ("с", "со"):
                if not any(t.lemma in ("совместно", "вместе") for t in prev):
                    costars.append(m)     # «в 9 фильмах с Лосевой»
                continue
            rel = _rel(d, m)
            if prev and prev[0].lemma in ("достаться", "доставаться"):
                actors.append(m)          # «Роль князя досталась Ли Шаню»
                continue
            if rel in ("nsubj", "nsubj:pass") or m.case == "Nom" or (
                    m.case == "Dat" and any(d.toks[k].lemma == "достаться" for k in rng)):
                actors.append(m)
            elif m.case in ("Acc", "Gen") and any(d.toks[k].lemma in role_verbs for k in verbs):
                chars.append(m)
        ellipsis = clo != d.sents[s][0] and len(people) >= 2 and re.search(r"\s[–—-]\s", d.text[people[0].end:people[1].start])
        if ellipsis:
            actors, chars = [people[0]], [people[1]]     # «а Анна Лосева – связистки Веры»
        if len(actors) >= 2 and not chars:
            # «Сына, Ли Миня, сыграл молодой актёр Ма Вэй»: the name before the verb is the role
            vk = next((k for k in verbs if clo <= d.toks[k].start < chi and d.toks[k].lemma in role_verbs), None)
            if vk is not None:
                before = [m for m in actors if m.end <= d.toks[vk].start]
                after = [m for m in actors if m.start >= d.toks[vk].end]
                if before and after:
                    chars, actors = before[:1], after
        actor_cl = [(m.cluster, 0.92) for m in actors]
        pron = [k for k in range(d.tok_at(clo), d.tok_at(max(clo, chi - 1)) + 1)
                if d.toks[k].lemma in PRONOUNS and d.toks[k].case == "Nom"]
        if from_local and not actors:
            continue
        if not actors:
            # an article about a film names its actors; one about a person leaves him unnamed
            who = last_actor if pron and last_actor is not None else (main if state.get("person_article") else None)
            if who is not None and (pron or verbs or cues):
                actor_cl.append((who, 0.7))
        actor_cl += [(m.cluster, 0.7) for m in costars]
        char = chars[0].cluster if len(chars) == 1 and len(actors) <= 1 else None
        if char is None and not chars and len(actors) == 1:
            char = _role_by_noun(d, s, clo, chi, verbs)
        for a, conf in actor_cl:
            if a is None or a.character or a is char:
                continue
            for f in targets:
                q = {}
                if char is not None and (actors and a is actors[0].cluster or not actors and conf == 0.7 and a is actor_cl[0][0]):
                    char.character = True
                    q["P453"] = char
                _add(d, f, "P161", a, min(conf_film, conf), s, q, rule="cast")
            a.actor = True
        for m in actors:
            if m.case == "Nom" or _rel(d, m).startswith("nsubj"):
                state["last_actor"], state["last_sent"] = m.cluster, s


def _role_by_noun(d: _Doc, s: int, clo: int, chi: int, verbs: list[int]) -> Cluster | None:
    """«Сторожа ... сыграл X» after «Сторож Пётр Кузьмич находит...»: the role named earlier."""
    role_verbs = ("сыграть", "играть", "исполнить")
    if not any(d.toks[k].lemma in role_verbs and clo <= d.toks[k].start < chi for k in verbs):
        return None
    rng = d.sent_toks(s)
    objects = [t for t in d.toks[rng.start:rng.stop] if clo <= t.start < chi and t.case in ("Acc", "Gen")
               and t.feats.get("Animacy") == "Anim" and ((t.pos == "NOUN" and not t.cap) or (
                   t.pos in ("NOUN", "PROPN") and t.i == rng.start))]
    crew = set().union(*(d.words.get(g, ()) for g in ("director_noun", "job_noun", "producer_noun", "writer_noun",
                                                          "composer_noun", "dop_noun", "role_noun")))
    for obj in [t for t in objects if t.lemma not in crew][:1]:
        for m in d.mentions:
            if m.kind != "PER" or m.start >= d.sents[s][0] or m.t0 == 0:
                continue
            before = d.toks[m.t0 - 1]
            if (before.lemma0 or before.lemma) == obj.lemma:
                m.cluster.character = True
                return m.cluster
    return None


def _rule_with(d: _Doc, s: int, ms: list[Mention]) -> None:
    """«Сцена из фильма «Ночные огни» с Бастером Китоном»: the person is in the film."""
    for f in _films(ms):
        for m in _person_mentions(ms):
            if m.case == "Ins" and 0 <= m.start - f.end <= 6 and re.fullmatch(r"»\s+(?:с|со)\s+", d.text[f.end:m.start]):
                _add(d, f.cluster, "P161", m.cluster, 0.7, s)


def _is_appositive_star(d: _Doc, f: Mention) -> bool:
    """«Ли Шань, звезда боевика «Стальной кулак 2»»: the film is someone's earlier work, not the scene."""
    prev = _prev_tokens(d, f, 3)
    return any(t.lemma in ("звезда", "автор", "создатель") for t in prev)


def _rel(d: _Doc, m: Mention) -> str:
    for k in range(m.t0, m.t1):
        h = d.toks[k].head
        if h < m.t0 or h >= m.t1:
            return d.toks[k].rel
    return ""


def _rule_star(d: _Doc, s: int, ms: list[Mention]) -> None:
    """«Ли Шань, звезда боевика «Стальной кулак 2»» -> cast of that film."""
    for f in _films(ms):
        prev = _prev_tokens(d, f, 3)
        if any(t.lemma == "звезда" for t in prev):
            people = [m for m in _person_mentions(ms) if m.end <= f.start and f.start - m.end < 40]
            if people:
                _add(d, f.cluster, "P161", people[-1].cluster, 0.8, s)


def _subclause(d: _Doc, s: int, k: int) -> tuple[int, int]:
    """Token range around token k up to «,» «;» «:» «(» «)» or «, а», extended over «, Имя Фамилия» list items."""
    rng = d.sent_toks(s)
    stops = {",", ";", ":", "(", ")", "—"}
    lo = k
    while lo - 1 >= rng.start and d.toks[lo - 1].text not in stops:
        lo -= 1
    hi = k + 1
    while hi < rng.stop:
        t = d.toks[hi]
        if t.text in stops:
            if t.text == "," and hi + 1 < rng.stop and d.toks[hi + 1].pos == "PROPN" and d.toks[hi + 1].cap:
                hi += 1
                continue
            break
        hi += 1
    return lo, hi


_CO = ("вместе", "совместно", "соавторство", "соавторстве")


def _rule_crew(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None, main: Cluster | None,
               local: Cluster | None) -> None:
    """P162/P58/P86/P344: «продюсер X», «Сценарий написала X», «Оператором выступил X», «музыку написал композитор X»."""
    films = [f for f in _films(ms) if not _is_appositive_star(d, f)]
    people = _person_mentions(ms)
    for k in d.sent_toks(s):
        tok = d.toks[k]
        for group, pred in CREW.items():
            if tok.lemma not in d.words.get(group, ()):
                continue
            lo, hi = _subclause(d, s, k)
            j = k + 1
            while j < len(d.toks) and d.toks[j].pos == "ADJ":
                j += 1
            if j < len(d.toks) and (d.toks[j].lemma in d.words.get("org_head", ()) or any(
                    m.t0 == j and m.cluster.type == "Organization" for m in ms)):
                continue                  # «Генеральный продюсер студии «Метель» X»: a post, not a film credit
            inside = [m for m in people if m.t0 >= lo and m.t1 <= hi]
            # «композитор Иван Петров», «продюсер картины Зоя Лосева»: the name right after the noun
            right = [m for m in inside if m.t0 > k and m.t0 - k <= 3 and tok.pos == "NOUN" and tok.lemma not in ("сценарий", "музыка", "саундтрек")]
            if right:
                chosen = [right[0]] + [m for m in inside if m.t0 > right[0].t0 and d.toks[m.t0 - 1].text in ("и", ",")]
            else:
                # «Сценарий X написал вместе с Y» / «писал с Y»: co-authors in the instrumental
                co = _CO + (("с", "со") if group == "writer_noun" else ())
                chosen = [m for m in inside if m.case == "Nom" or (m.case == "Ins" and any(t.lemma in co for t in _prev_tokens(d, m, 3)))]
                chosen = [m for m in chosen if not _director_gen(d, m, ms)]
            if not chosen and group == "writer_noun" and tok.lemma == "сценарий" and any(
                    t.text == "(" for t in d.toks[max(0, k - 2):k]):
                chosen_cl = [main] if main else []     # «Сын» (также сценарий)
            else:
                chosen_cl = [m.cluster for m in chosen]
            if not chosen_cl:
                continue
            before = [f for f in films if f.end <= tok.start]
            near = [f for f in films if f.t0 >= lo and f.t1 <= hi]
            both = any(t.lemma == "оба" for t in d.toks[d.sent_toks(s).start:d.sent_toks(s).stop])
            if both and not films:
                # «Сценарий обоих фильмов ... написал»: the last two films the article named
                last_two = []
                for m in sorted((m for m in d.mentions if m.cluster is not None and m.cluster.type == "Film"
                                 and m.start < d.sents[s][0]), key=lambda m: -m.start):
                    if m.cluster not in last_two:
                        last_two.append(m.cluster)
                    if len(last_two) == 2:
                        break
                for f in last_two:
                    for p in chosen_cl:
                        if p is not None and not p.character:
                            _add(d, f, pred, p, 0.7, s)
                continue
            if near:
                target, conf = min(near, key=lambda f: abs(f.start - tok.start)).cluster, 0.85
            elif before and group == "writer_noun" and tok.lemma == "сценарий":
                target, conf = before[-1].cluster, 0.7
            elif films:
                target, conf = min(films, key=lambda f: abs(f.start - tok.start)).cluster, 0.75
            else:
                target, conf = topic or local, 0.75
            for p in chosen_cl:
                if p is not None and not p.character:
                    _add(d, target, pred, p, conf, s)


def _country_adj(d: _Doc, tok: Tok) -> list[Place]:
    out = []
    for part in re.split(r"-", tok.lemma):
        key = part if part.endswith(("ий", "ый", "ой")) else (part[:-1] + "ий" if part.endswith("о") else part)
        place = d.lex.adjectives.get(key) or d.lex.adjectives.get(fold(part))
        if place is not None and place.type == "Country":
            out.append(place)
    return out


def _place_cluster(d: _Doc, place: Place) -> Cluster:
    for cl in d.clusters:
        if cl.kind == "LOC" and cl.name == place.name:
            return cl
    cl = Cluster("LOC", place.type, place.name, fold(place.name))
    d.clusters.append(cl)
    return cl


def _rule_origin(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None) -> None:
    films = _films(ms)
    rng = d.sent_toks(s)
    for k in rng:
        tok = d.toks[k]
        if tok.pos != "ADJ":
            continue
        places = _country_adj(d, tok)
        if not places:
            continue
        j = k + 1
        while j < rng.stop and d.toks[j].pos == "ADJ":
            j += 1
        if j >= rng.stop or d.toks[j].lemma not in d.words.get("film_noun", ()) or d.toks[j].feats.get("Number") == "Plur":
            continue
        after = [f for f in films if f.start >= d.toks[j].end and f.start - d.toks[j].end < 5]
        target = after[0].cluster if after else (topic if not films or all(_is_appositive_star(d, f) for f in films) else films[0].cluster)
        for place in places:
            _add(d, target, "P495", _place_cluster(d, place), 0.85 if after else 0.75, s)


def _rule_genre(d: _Doc, s: int, ms: list[Mention]) -> None:
    """P136 «историческая драма «X»», «комедия «X»»: genre adjectives and the genre noun before a title."""
    for f in _films(ms):
        prev = _prev_tokens(d, f, 6)
        k = 0
        while k < len(prev) and (prev[k].pos == "PROPN" or prev[k].text in ("«",)):
            k += 1
        if k >= len(prev) or prev[k].lemma not in d.words.get("genre_noun", ()):
            continue
        words = [prev[k]]
        for t in prev[k + 1:]:
            if t.lemma in d.words.get("genre_adj", ()):
                words.insert(0, t)
            elif t.pos != "ADJ":
                break
        surface = " ".join(t.text for t in words)
        value = nominative_title(surface).lower() if len(words) > 1 else (words[0].lemma0 or words[0].lemma)
        _add(d, f.cluster, "P136", Term(value=value, datatype="string"), 0.7, s)


def _dates_in(d: _Doc, s: int, dates: list[ru_dates.RuDate]) -> list[ru_dates.RuDate]:
    lo, hi = d.sents[s]
    return [x for x in dates if lo <= x.start < hi and not _inside(d, x.start, x.end, ("EVENT", "TITLE"))]


def _countries_in(d: _Doc, ms: list[Mention], lo: int, hi: int) -> list[Cluster]:
    out = [m.cluster for m in ms if m.kind == "LOC" and m.cluster.type == "Country" and lo <= m.start < hi]
    return list(dict.fromkeys(out))


def _rule_release(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None, dates, year: int | None) -> None:
    rng = d.sent_toks(s)
    verbs = [k for k in rng if d.toks[k].lemma in d.words.get("release_verb", ())]
    if not verbs:
        return
    films = _films(ms)
    ds = [x for x in _dates_in(d, s, dates) if not x.is_range]
    for k in verbs:
        tok = d.toks[k]
        # the date closest to the verb, a day before a bare year («до наступления 2020 года»)
        near_ds = [x for x in ds if not any(t.kind == "TITLE" and min(x.start, tok.start) < t.start < max(x.start, tok.start)
                                            for t in ms)]
        date = min(near_ds, key=lambda x: (x.day is None, abs(x.start - tok.start))) if near_ds else None
        if date is None or date.iso(year) is None:
            continue
        if d.toks[k].lemma in ("выпустить", "выпускать", "стартовать") and not any(
                d.toks[j].lemma in ("прокат", "экран") for j in rng) and not (
                k + 1 < rng.stop and d.toks[k + 1].lemma in d.words.get("film_noun", ())):
            continue
        if date.day is None and date.month is None and not films:
            continue                      # «вторая часть выйдет не раньше 2026 года»
        near = [f for f in films if not _is_appositive_star(d, f)]
        target = min(near, key=lambda f: abs(f.start - tok.start)).cluster if near else topic
        lo, hi = d.sents[s]
        places = _countries_in(d, ms, lo, hi)
        for j in rng:
            if d.toks[j].lemma in ("экран", "прокат") and j > 0:
                for pl in _country_adj(d, d.toks[j - 1]):
                    places.append(_place_cluster(d, pl))
        conf = 0.85 if near else 0.8
        value = Term(value=date.iso(year), datatype="date")
        if places:
            for pl in dict.fromkeys(places):
                _add(d, target, "P577", value, conf, s, {"P291": pl})
        else:
            _add(d, target, "P577", value, conf - 0.1, s)
        break


def _rule_year_titles(d: _Doc, s: int, ms: list[Mention]) -> None:
    """«фильме 1951 года «Вратарь»», «Вьюга» 1962 года выпуска», «…» (1975 год), «вышедшем в 2008 году»."""
    for f in _films(ms):
        before = d.text[max(0, f.start - 20):f.start - 1]
        after = d.text[f.end + 1:f.end + 40]
        m = re.search(r"((?:19|20)\d\d)\s+года\s*$", before)
        m2 = re.match(r"\s*(?:\(\s*((?:19|20)\d\d)(?:\s*г(?:од|\.)?)?\s*\)|((?:19|20)\d\d)\s+года\s+выпуска|,?\s*(?:вышедш\w+|снят\w+)\s+в\s+((?:19|20)\d\d)\s+году)", after)
        year = (m and m.group(1)) or (m2 and (m2.group(1) or m2.group(2) or m2.group(3)))
        if year:
            _add(d, f.cluster, "P577", Term(value=year, datatype="date"), 0.8, s)


def _rule_premiere(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None, dates, year: int | None) -> None:
    rng = d.sent_toks(s)
    if not any(d.toks[k].lemma in d.words.get("premiere_noun", ()) for k in rng):
        return
    ds = [x for x in _dates_in(d, s, dates) if not x.is_range]
    if not ds or ds[0].iso(year) is None or any(d.toks[k].lemma in d.words.get("release_verb", ()) for k in rng):
        return
    films = [f for f in _films(ms) if not _is_appositive_star(d, f)]
    target = films[0].cluster if films else topic
    venues = [m.cluster for m in ms if m.cluster.type == "Venue"]
    if not venues and s + 1 < len(d.sents):
        nxt = _sent_mentions(d, s + 1)
        first = d.toks[d.sent_toks(s + 1).start]
        if first.lemma in ("показ", "премьера", "церемония", "сеанс"):
            venues = [m.cluster for m in nxt if m.kind in ("ORG", "TITLE", "LOC") and m.cluster.type in ("Venue", "Organization")][:1]
            for v in venues:
                v.type = "Venue"
    cities = [m.cluster for m in ms if m.kind == "LOC" and m.cluster.type == "City"]
    q: dict = {}
    if venues:
        q["P276"] = venues[0]
    if cities:
        q["P131"] = cities[0]
    _add(d, target, "P1191", Term(value=ds[0].iso(year), datatype="date"), 0.85, s, q)


def _orgs(ms: list[Mention]) -> list[Mention]:
    return [m for m in ms if m.cluster.type == "Organization" or (m.kind == "TITLE" and m.head == "org_head")]


def _rule_companies(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None) -> None:
    """P272 «производством занималась компания X», «снята компанией X»; P750 «прокатчиком станет X», «выпускает в прокат»."""
    rng = d.sent_toks(s)
    orgs = _orgs(ms)
    if not orgs:
        return
    films = [f for f in _films(ms) if not _is_appositive_star(d, f)]
    has_film = bool(films) or any(d.is_(k, "film_noun") for k in rng)
    for k in rng:
        tok = d.toks[k]
        pred = None
        if tok.lemma in d.words.get("production_noun", ()) or (
                tok.lemma in d.words.get("production_verb", ()) and tok.lemma != "снять"):
            pred = "P272"
        elif tok.lemma == "снять" and tok.feats.get("Voice") == "Pass":
            pred = "P272"                # «Картина снята ... компанией «X»»
        elif tok.lemma in d.words.get("distribution_noun", ()) or (tok.lemma == "прокат" and tok.case == "Ins"):
            pred = "P750"
        elif tok.lemma in d.words.get("distribution_verb", ()) and (has_film or any(d.toks[j].lemma == "прокат" for j in rng)):
            pred = "P750"
        if pred is None:
            continue
        after = [m for m in orgs if m.start > tok.end]
        if pred == "P272" and tok.lemma == "снять":
            after = [m for m in after if m.case == "Ins" or m.kind == "TITLE"]
        if after:
            chosen = [after[0]] + [m for m in after[1:] if re.fullmatch(r"[»\s]*(?:и|,)\s*(?:[а-яё]+\s+)?(?:[а-яё]+\s+)?«?",
                                                                      d.text[after[0].end:m.start])]
        else:
            before = [m for m in orgs if m.end <= tok.start]
            chosen = before[-1:]
        if not chosen:
            continue
        before_films = [f for f in films if f.end <= tok.start and tok.start - f.end < 60]
        # «производство фильма» (no title after) is the article's film, not «известная по сериалу «Кафе»»
        bare = k + 1 < rng.stop and d.toks[k + 1].lemma in d.words.get("film_noun", ()) and not (
            k + 2 < rng.stop and d.toks[k + 2].text == "«")
        if before_films:
            target = before_films[-1].cluster
        elif bare and topic is not None:
            target = topic
        else:
            target = films[0].cluster if films else topic
        for org in chosen:
            _add(d, target, pred, org.cluster, 0.85 if films else 0.75, s)
    # «фильм «Ёжик» студии «Метель»»: the studio that made it
    for f in films:
        nxt = d.toks[f.t1:f.t1 + 2]
        if nxt and nxt[0].lemma in ("студия", "киностудия", "компания", "кинокомпания") and nxt[0].case == "Gen":
            org = next((m for m in orgs if 0 <= m.t0 - f.t1 <= 2), None)
            if org is not None:
                _add(d, f.cluster, "P272", org.cluster, 0.7, s)


def _rule_officers(d: _Doc, s: int, ms: list[Mention], main: Cluster | None, single_event: Cluster | None) -> None:
    """P488 «председатель X-а Y», «президент фестиваля Y»; P169 «генеральный директор X-а Y»."""
    rng = d.sent_toks(s)
    bodies = [m for m in ms if m.cluster.type in ("Organization", "Event") or (m.kind == "TITLE" and m.head == "org_head")]
    people = _person_mentions(ms)
    for k in rng:
        tok = d.toks[k]
        n = d.phrase_at(k, "ceo_noun")
        pred = "P169" if n else ("P488" if tok.lemma in d.words.get("chair_noun", ()) else None)
        if pred is None:
            continue
        end = d.toks[k + max(n, 1) - 1].end
        org = next((m for m in bodies if m.start >= end and m.start - end < 60), None)
        org_cl = org.cluster if org else None
        anchor = org.end if org else end
        if org_cl is None:
            nxt = d.toks[k + max(n, 1)] if k + max(n, 1) < len(d.toks) else None
            prev = d.toks[k - 1] if k else None
            if nxt is not None and nxt.lemma in ("фестиваль", "кинофестиваль") and single_event is not None:
                org_cl, anchor = single_event, nxt.end          # «Президент фестиваля Зоя Лосева»
            elif prev is not None and prev.text.lower() in ("её", "его", "ее") or (
                    nxt is not None and nxt.text.lower() in ("её", "его", "ее")):
                # «Её генеральный директор X»: the company the previous sentence named
                earlier = [m for s2 in range(max(0, s - 1), s + 1) for m in _sent_mentions(d, s2)
                           if (m.cluster.type == "Organization" or m.head == "org_head") and m.start < tok.start]
                if earlier:
                    org_cl = earlier[-1].cluster
                    anchor = end
        if org_cl is None:
            continue
        after = [m for m in people if m.start >= anchor and d.tok_at(m.start) - d.tok_at(anchor - 1) <= 4]
        inner = [m for m in people if end <= m.start < (org.start if org else end) and any(t.lemma in ("с", "со") for t in _prev_tokens(d, m, 1))]
        before = [m for m in people if m.end <= tok.start and tok.start - m.end <= 3]
        chosen = [m.cluster for m in after[:1] or before[-1:]]
        if not chosen:
            subj = [m for m in people if m.case == "Nom" and m.end <= tok.start]
            chosen = [subj[0].cluster] if subj else ([main] if main else [])
        chosen += [m.cluster for m in inner]
        for p in chosen:
            _add(d, org_cl, pred, p, 0.85 if after or before else 0.7, s)


def _rule_employer(d: _Doc, s: int, ms: list[Mention], main: Cluster | None) -> None:
    """P108 «актёр МХАТа», «актриса театра X Y», «преподавал в X», «киностудии X, где он проработал»."""
    rng = d.sent_toks(s)
    orgs = _orgs(ms)
    if not orgs:
        return
    people = _person_mentions(ms)
    for k in rng:
        tok = d.toks[k]
        n = d.phrase_at(k, "job_noun")
        verb = tok.lemma in d.words.get("job_verb", ()) and tok.pos == "VERB"
        if not n and not verb:
            continue
        if any(d.phrase_at(j, "ceo_noun") or d.is_(j, "chair_noun") for j in range(max(rng.start, k - 3), k + 1)):
            continue                     # «генеральный директор X» is P169, not P108
        last = k + max(n, 1) - 1
        org = None
        for m in orgs:
            gap = d.tok_at(m.start) - last - 1
            if n and 0 <= gap <= 2 and (m.case in ("Gen", None) or m.kind == "TITLE") and not re.search(r"[.;:,]", d.text[d.toks[last].end:m.start]):
                org = m
                break
            if verb and 0 <= gap <= 4 and not re.search(r"[.;:,]", d.text[d.toks[last].end:m.start]):
                org = m
                break
            if verb and 0 < tok.start - m.end <= 25 and re.search(r",\s*где\b", d.text[m.end:tok.start]):
                org = m          # «киностудии «Северфильм», где он проработал»
                break
        if org is None:
            continue
        after = [m for m in people if 0 <= d.tok_at(m.start) - org.t1 <= 1]
        subj = [m for m in people if m.case == "Nom" and m.end <= tok.start]
        person = after[0].cluster if after else (subj[-1].cluster if subj else main)
        if person is not None:
            _add(d, person, "P108", org.cluster, 0.75, s)


def _rule_awards(d: _Doc, s: int, ms: list[Mention], main: Cluster | None, film_ctx: Cluster | None,
                 single_event: Cluster | None) -> None:
    """P166: honorary titles, «получил премию X», «обладатель «X»», «приз фестиваля «X»» (not nominations)."""
    rng = d.sent_toks(s)
    awards = [m for m in ms if m.kind == "AWARD" or (m.kind == "TITLE" and m.head == "award_head")]
    people = [m for m in _person_mentions(ms) if not m.cluster.character]
    films = [f for f in _films(ms) if not _is_appositive_star(d, f)]
    for a in awards:
        honorary = a.kind == "AWARD" and d.toks[a.t0].lemma0 in d.words.get("honorary_adj", ())
        if honorary:
            after = [m for m in people if 0 <= m.start - a.end <= 2]
            before = [m for m in people if 0 <= a.start - m.end <= 3]
            subj = [m for m in people if m.case == "Nom"]
            person = (after or before or subj[:1] or [None])[0]
            cl = person.cluster if person else main
            if cl is not None:
                _add(d, cl, "P166", a.cluster, 0.85, s)
            continue
        # nearest cue before the award (else after): award verb / holder vs nomination
        cue, cue_k = None, None
        for k in itertools.chain(range(a.t0 - 1, rng.start - 1, -1), range(a.t1, rng.stop)):
            if d.is_(k, "nomination"):
                cue = "nom"
                break
            if d.is_(k, "award_verb") or d.is_(k, "award_holder"):
                cue, cue_k = "win", k
                break
        if cue != "win":
            continue
        obj = a.cluster
        # «главный приз фестиваля «X»»: the festival is what was won
        if a.kind == "AWARD" and d.toks[a.t1 - 1].lemma0 in ("фестиваль", "кинофестиваль", "конкурс"):
            ev = next((m for m in ms if m.cluster.type == "Event" and 0 <= m.start - a.end <= 3), None)
            if ev is not None:
                obj = ev.cluster
        _award_holder(d, s, a, obj, cue_k, people, films, film_ctx, main, single_event)


def _award_holder(d: _Doc, s: int, a: Mention, obj: Cluster, cue_k: int | None, people: list[Mention],
                  films: list[Mention], film_ctx: Cluster | None, main: Cluster | None, single_event: Cluster | None) -> None:
    """Who won: the person named as subject (or given the prize), else the film the sentence is about."""
    verb = d.toks[cue_k] if cue_k is not None else None
    subj = [m for m in people if m.case == "Nom"]
    if verb is not None and verb.lemma in ("достаться", "доставаться"):
        subj = [m for m in people if m.start > verb.end and m.case in ("Dat", None, "Nom")][:1] or subj
    if verb is not None and verb.feats.get("VerbForm") == "Part" and films:
        # «драму «Долгая зима», получившую премию»: the participle's noun won it
        before = [f for f in films if f.end <= verb.start]
        if before:
            _add(d, before[-1].cluster, "P166", obj, 0.75, s)
            return
    if verb is not None and verb.lemma in ("принести", "приносить") and not subj:
        # «Зотову роль принесла премию»: the one it was brought to (natasha may misread the dative)
        subj = [m for m in people if m.case in ("Dat", "Acc", None) and m.end <= verb.start][:1]
    pivot = d.toks[cue_k].start if cue_k is not None else a.start
    # a film after «за» is what the prize was for, not who won it
    films = [f for f in films if f.start < pivot or (
        not re.search(r"\bза\b", d.text[pivot:f.start]) and any(
            t.lemma in d.words.get("film_noun", ()) and t.case == "Nom" for t in _prev_tokens(d, f, 4)))]
    film_noun_subject = any(t.lemma in ("фильм", "картина", "лента", "драма", "комедия") and t.case == "Nom"
                            for t in d.toks[d.sent_toks(s).start:(cue_k or a.t0)])
    if subj:
        cl, conf = subj[0].cluster, 0.8
    elif films and (film_noun_subject or not people):
        cl, conf = films[0].cluster, 0.75
    elif film_noun_subject and film_ctx is not None:
        cl, conf = film_ctx, 0.7
    else:
        cl, conf = main, 0.7
    if cl is None:
        return
    _add(d, cl, "P166", obj, conf, s)
    here = next((m.cluster for m in _sent_mentions(d, s) if m.cluster.type == "Event"), None)
    if cl.type == "Film" and obj.type == "Event":
        _add(d, cl, "P5072", obj, 0.75, s)
    elif cl.type == "Film" and (here or single_event) is not None:
        _add(d, cl, "P5072", here or single_event, 0.65, s)
    if cl.type == "Person" and re.search(r"рол", fold(a.text)):
        # «Приз за лучшую роль второго плана получил X («Среда»)»: he plays in that film
        for f in films:
            _add(d, f.cluster, "P161", cl, 0.7, s)
    # «Приз за лучший монтаж достался X за фильм «Y»»: the film was shown there
    for f in films:
        if single_event is not None and re.search(r"(?:за\s+(?:фильм\w*\s+)?|\()«?$", d.text[max(0, f.start - 12):f.start]):
            _add(d, f.cluster, "P5072", single_event, 0.6, s)


def _rule_presented(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None, single_event: Cluster | None) -> None:
    """P5072 ««X» открыл Неделю ...», «к показу представлены картины «A», «B»»."""
    rng = d.sent_toks(s)
    if not any(d.is_(k, "present_verb") for k in rng):
        return
    events = [m for m in ms if m.cluster.type == "Event"]
    films = [f.cluster for f in _films(ms) if not _is_appositive_star(d, f)]
    if events:
        for f in films or ([topic] if topic is not None else []):
            _add(d, f, "P5072", events[0].cluster, 0.8, s)
    elif single_event is not None and single_event.mentions[0].start < d.sents[s][0]:
        for f in films:       # «К показу будут представлены картины «A», «B»» after the programme was named
            _add(d, f, "P5072", single_event, 0.7, s)


def _rule_events(d: _Doc, s: int, ms: list[Mention], dates, year: int | None, single_event: Cluster | None) -> None:
    rng = d.sent_toks(s)
    events = [m for m in ms if m.cluster.type == "Event"]
    cue = any(d.is_(k, "event_verb") or d.toks[k].lemma in ("показ", "программа", "ретроспектива") for k in rng)
    # without the event's name, only a sentence about the screenings themselves speaks of it
    doc_cue = any(d.toks[k].lemma in ("программа", "ретроспектива", "фестиваль", "кинофестиваль") or (
        d.toks[k].lemma in ("показ", "показать") and d.toks[k].feats.get("Number") == "Plur") for k in rng)
    target = events[0].cluster if events else (single_event if doc_cue else None)
    if target is None:
        return
    conf = 0.85 if events else 0.7
    # «Фестиваль «Северное сияние – 2024» ... с 3 по 9 марта»: the event's own year dates it
    own = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", target.name)
    if len(set(own)) == 1:
        year = int(own[0])
    for x in _dates_in(d, s, dates):
        if x.is_range and x.iso(year) and x.end_iso(year):
            _add(d, target, "P580", Term(value=x.iso(year), datatype="date"), conf, s)
            _add(d, target, "P582", Term(value=x.end_iso(year), datatype="date"), conf, s)
        elif events and x.iso(year) and any(0 <= x.start - e.end <= 4 for e in events):
            _add(d, target, "P585", Term(value=x.iso(year), datatype="date"), 0.6, s)
    if cue:
        listed = False
        for m in ms:
            if m.cluster.type in ("City", "Venue") and m.cluster is not target:
                prev = _prev_tokens(d, m, 3)
                # «в Казани, Самаре и Уфе»: a list after «в» counts as a whole
                if any(t.lemma in ("в", "на", "во") for t in prev) or m.kind == "TITLE" or (
                        listed and prev and prev[0].text in (",", "и")):
                    _add(d, target, "P276", m.cluster, conf, s)
                    listed = True
                else:
                    listed = False


def _rule_filming(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None) -> None:
    rng = d.sent_toks(s)
    film_subject = any(d.toks[j].lemma in ("фильм", "картина", "лента", "сериал") and d.toks[j].case == "Nom" for j in rng)
    no_person = not any(m.kind == "PER" and m.case == "Nom" for m in ms)
    cue = next((k for k in rng if d.is_(k, "filming_noun") or (
        d.toks[k].lemma == "снять" and d.toks[k].feats.get("Voice") == "Pass" and d.toks[k].feats.get("Variant") == "Short")
        or (d.toks[k].lemma in ("сниматься", "сняться") and film_subject and no_person)), None)
    if cue is None:
        return
    films = [f for f in _films(ms) if not _is_appositive_star(d, f)]
    target = films[0].cluster if films else topic
    for m in ms:
        if m.start <= d.toks[cue].end or m.cluster.type == "Country":
            continue
        prev = _prev_tokens(d, m, 3)
        if not any(t.lemma in ("в", "на", "во") for t in prev):
            continue
        if m.kind == "LOC" or (m.cluster.type in ("Venue", "Organization") and any(
                t.lemma in ("киностудия", "студия", "павильон") for t in prev)):
            _add(d, target, "P915", m.cluster, 0.75, s)


_MONEY_RE = re.compile(r"(?P<pre>[$€¥£₽])?\s?(?P<num>\d+(?:[.,]\d+)?)\s*(?P<mult>млрд|миллиард\w*|млн|миллион\w*|тыс\.?|тысяч\w*)?\s*(?P<cur>[$€¥£₽]|доллар\w*|рубл\w*|руб\.|юан\w*|евро|фунт\w*)?",
                       re.IGNORECASE)
_CURRENCY = {"$": "USD", "€": "EUR", "¥": "CNY", "£": "GBP", "₽": "RUB", "доллар": "USD", "рубл": "RUB", "руб": "RUB",
             "юан": "CNY", "евро": "EUR", "фунт": "GBP"}


def _rule_box_office(d: _Doc, s: int, ms: list[Mention], topic: Cluster | None) -> None:
    rng = d.sent_toks(s)
    if not any(d.phrase_at(k, "box_office") for k in rng):
        return
    lo, hi = d.sents[s]
    for m in _MONEY_RE.finditer(d.text, lo, hi):
        cur = m.group("pre") or m.group("cur")
        if not cur or not m.group("num"):
            continue
        code = next((v for k, v in _CURRENCY.items() if fold(cur).startswith(k)), None)
        if code is None:
            continue
        value = float(m.group("num").replace(",", "."))
        mult = fold(m.group("mult") or "")
        value *= 1e9 if mult.startswith(("млрд", "миллиард")) else 1e6 if mult.startswith(("млн", "миллион")) else 1e3 if mult.startswith("тыс") else 1
        films = [f for f in _films(ms) if not _is_appositive_star(d, f)]
        target = films[0].cluster if films else topic
        _add(d, target, "P2142", Term(value=f"{value:.0f}", datatype="quantity", unit=code), 0.75, s)
        return


def _rule_nominated_roles(d: _Doc, main: Cluster | None) -> None:
    """«номинировали на «Оскар» ... за фильм «X»» about an actor: he was in that film."""
    if main is None or not main.actor:
        return
    for s in range(len(d.sents)):
        rng = d.sent_toks(s)
        if not any(d.is_(k, "nomination") for k in rng):
            continue
        for f in _films(_sent_mentions(d, s)):
            if re.search(r"\bза\s+(?:фильм\w*\s+|роль\s+в\s+(?:фильме\s+)?)?«$", d.text[max(0, f.start - 25):f.start]):
                _add(d, f.cluster, "P161", main, 0.6, s)


def _rule_plural_director(d: _Doc, main: Cluster | None) -> None:
    """«покажут фильмы Бастера Китона»: his films with no other credit are his as director."""
    for m in d.mentions:
        if m.kind != "PER" or m.case != "Gen":
            continue
        prev = _prev_tokens(d, m, 1)
        if not prev or prev[0].lemma not in ("фильм", "картина", "лента") or prev[0].feats.get("Number") != "Plur":
            continue
        s = d.toks[m.t0].sent
        if s > 1 or d.text[m.end:m.end + 3].strip().startswith(":"):
            continue   # only a headline's «фильмы X» speaks for the whole article
        credited = {id(f.subject) for f in d.found if f.predicate == "P57" or (
            f.rule == "cast" and isinstance(f.obj, Cluster) and f.obj is m.cluster)}
        for cl in d.clusters:
            if cl.kind == "TITLE" and cl.type == "Film" and id(cl) not in credited:
                _add(d, cl, "P57", m.cluster, 0.6, s)
        return


_SOFT_MODALS = {"мочь", "хотеть", "рассчитывать", "обещать", "ожидать"}


def _modal(d: _Doc, s: int, soft: bool = True) -> bool:
    """A modality cue in sentence s; soft=False ignores «может», «хотел» that often describe the story."""
    return any(d.is_(k, "modality") and (soft or d.toks[k].lemma not in _SOFT_MODALS) for k in d.sent_toks(s))


# ---------------------------------------------------------------- output

def extract(doc: Document) -> Extraction:
    """Entities and facts of one Russian article."""
    lex = lexicon()
    if not doc.text.strip():
        return Extraction(doc)
    d = _Doc(doc, lex)
    _find_quotes(d)
    _find_events(d)
    _find_awards(d)
    _find_ner(d)
    _split_known_surnames(d)
    _find_surnames(d)
    _mark_venues(d)
    _mask_names(d)
    _cluster(d)
    _type_titles(d)
    reference = ru_dates.reference_of(doc.text, lex, doc.reference_date or doc.published)
    dates = ru_dates.find_dates(doc.text, lex, reference)
    year, how = ru_dates.infer_year(doc.text, dates, lex, reference)
    log.debug("%s: year %s (%s)", doc.source, year, how)
    topic, main = _topic_film(d), _main_person(d)
    # «Годы культуры России и Китая»: a programme of a year or more, held nowhere in particular,
    # is never the one event a sentence without its name speaks of
    events = [c for c in d.clusters if c.type == "Event" and not fold(c.name).startswith("год")]
    festivals = [c for c in events if re.search(r"фестивал", fold(c.name))]
    doc_event = events[0] if len(events) == 1 else (
        max(festivals, key=lambda c: (len(c.mentions), len(c.name))) if festivals else None)
    # an article about a person (headline names him, not a film) lets his name go unsaid
    in_title = lambda c: c is not None and any(m.start < d.title_end for m in c.mentions)  # noqa: E731
    state: dict = {"person_article": main is not None and (topic is None or not in_title(topic))}
    local: Cluster | None = None     # the film the previous sentences spoke of
    local_sent = -2
    for s in range(len(d.sents)):
        ms = _sent_mentions(d, s)
        state["local"] = local
        # the article's event stands for «фестиваль», «показы» only once it has been named
        single_event = doc_event if doc_event is not None and (
            len(events) == 1 or doc_event.mentions[0].start < d.sents[s][1]) else None
        _rule_directors(d, s, ms, topic, main, local)
        _rule_cast(d, s, ms, topic, main, state)
        _rule_star(d, s, ms)
        _rule_with(d, s, ms)
        _rule_possessive(d, s, ms, main)
        _rule_crew(d, s, ms, topic, main, local)
        _rule_origin(d, s, ms, topic)
        _rule_genre(d, s, ms)
        _rule_release(d, s, ms, topic, dates, year)
        _rule_year_titles(d, s, ms)
        _rule_premiere(d, s, ms, topic, dates, year)
        _rule_companies(d, s, ms, topic or local)
        _rule_officers(d, s, ms, main, single_event)
        _rule_employer(d, s, ms, main)
        _rule_awards(d, s, ms, main, topic or local, single_event)
        _rule_presented(d, s, ms, topic, single_event)
        _rule_events(d, s, ms, dates, year, single_event)
        # «Картина снималась в X» right after a sentence about another film is about that film
        recent = local if local_sent == s - 1 else (topic or local)
        _rule_filming(d, s, ms, recent)
        _rule_box_office(d, s, ms, recent)
        here = [f for f in _films(ms) if not _is_appositive_star(d, f)]
        if here:
            local, local_sent = here[-1].cluster, s
        if _modal(d, s):
            # «продюсеры намерены показать картину в Китае»: a plan is not a release (as extract/en.py does);
            # «на роль рассматривают X»: a rumour is not a cast
            speculative = _modal(d, s, soft=False)
            d.found = [f for f in d.found if not (f.evidence == tuple(d.sents[s]) and (
                f.predicate in MODAL_PREDICATES or (speculative and f.predicate == "P161")))]
    _rule_plural_director(d, main)
    _rule_nominated_roles(d, main)
    if not doc.reference_date:
        # say what relative and yearless dates were resolved against, as the contract asks
        if doc.published:
            d.doc = dataclasses.replace(doc, reference_date=doc.published, reference_how="publication date")
        elif reference:
            d.doc = dataclasses.replace(doc, reference_date=reference, reference_how="dateline")
        elif year is not None:
            d.doc = dataclasses.replace(doc, reference_date=str(year), reference_how=how)
    ex = _build(d)
    ru_dates.add_date_resolutions(ex.facts, dates, year, how, reference,
                                  doc.reference_how if doc.reference_date else
                                  "publication date" if doc.published else "dateline")
    return ex


def _mask_names(d: _Doc) -> None:
    """Words inside titles, events and awards («Главная роль») must not act as cues."""
    for m in d.mentions:
        if m.kind in ("TITLE", "EVENT", "AWARD"):
            for k in range(m.t0, m.t1):
                tok = d.toks[k]
                tok.lemma0 = tok.lemma0 or tok.lemma
                tok.lemma = ""


def _mark_venues(d: _Doc) -> None:
    """A name next to «кинотеатр» («кинотеатре «Заря»», «X – главном кинотеатре») is a Venue."""
    for m in d.mentions:
        if m.kind not in ("ORG", "LOC", "TITLE"):
            continue
        prev = _prev_tokens(d, m, 2)
        nxt = d.toks[m.t1:m.t1 + 4]
        if any(t.lemma in d.words.get("venue_head", ()) for t in prev[:1]) or (
                nxt and nxt[0].text in ("–", "—", ",") and any(t.lemma in d.words.get("venue_head", ()) for t in nxt[1:])):
            m.type = "Venue"
            if m.kind == "TITLE":
                m.head = "venue_head"


def _nested_countries(d: _Doc, used: list[Cluster]) -> dict[int, set[tuple[int, int]]]:
    """Spans of countries named inside an event's name («Годов культуры России и Китая»), by the
    id of the country's cluster: they are mentions of a country the article already names, and
    stay out of the cue rules (the event's words are masked)."""
    countries = {c.name: c for c in used if c.type == "Country"}
    out: dict[int, set[tuple[int, int]]] = {}
    for span in d.ner:
        if span.type != "LOC" or not _inside(d, span.start, span.stop, ("EVENT",)):
            continue
        place = _place(d, d.tok_at(span.start), d.tok_at(span.stop - 1) + 1)
        if place is not None and place.type == "Country" and place.name in countries:
            out.setdefault(id(countries[place.name]), set()).add((span.start, span.stop))
    return out


def _build(d: _Doc) -> Extraction:
    # facts first, so characters are known; keep only clusters that have mentions in the text
    used = [c for c in d.clusters if c.mentions]
    for c in used:
        if c.kind == "PER" and c.character and not c.actor:
            c.type = "Character"
        if not c.type:
            c.type = "Other"
    used.sort(key=lambda c: c.mentions[0].start)
    for n, c in enumerate(used, 1):
        c.id = f"e{n}"
    nested = _nested_countries(d, used)
    entities = []
    for c in used:
        spans = sorted({(m.start, m.end) for m in c.mentions} | nested.get(id(c), set()))
        surfaces = list(dict.fromkeys(d.text[s:e] for s, e in spans))
        aliases = [x for x in surfaces if x != c.name]
        entities.append(Entity(c.id, c.type, c.name, aliases, [Span(s, e, d.text[s:e]) for s, e in spans]))
    facts: dict[tuple, Fact] = {}
    for f in d.found:
        if not f.subject.id or (isinstance(f.obj, Cluster) and not f.obj.id):
            continue
        if not _type_ok(f):
            continue
        obj = Term(entity=f.obj.id) if isinstance(f.obj, Cluster) else f.obj
        quals = {k: (Term(entity=v.id) if isinstance(v, Cluster) else v) for k, v in f.qualifiers.items()
                 if not isinstance(v, Cluster) or v.id}
        fact = Fact(f.subject.id, f.predicate, LABELS.get(f.predicate, f.predicate), obj, quals,
                    round(min(max(f.confidence, 0.0), 1.0), 3),
                    [Span(f.evidence[0], f.evidence[1], d.text[f.evidence[0]:f.evidence[1]])])
        key = fact.key()
        if key in facts:
            old = facts[key]
            old.confidence = max(old.confidence, fact.confidence)
            for ev in fact.evidence:
                if ev not in old.evidence:
                    old.evidence.append(ev)
        else:
            facts[key] = fact
    # one P161 per (film, actor): keep the one with a role when there is one
    out = []
    best_role = {(f.subject, f.object) for f in facts.values() if f.predicate == "P161" and "P453" in f.qualifiers}
    for f in facts.values():
        if f.predicate == "P161" and "P453" not in f.qualifiers and (f.subject, f.object) in best_role:
            continue
        out.append(f)
    return Extraction(d.doc, entities, out)


_SUBJECT_TYPES = {"P57": "Film", "P161": "Film", "P162": "Film", "P58": "Film", "P86": "Film", "P344": "Film",
                  "P272": "Film", "P750": "Film", "P495": "Film", "P136": "Film", "P915": "Film", "P577": "Film",
                  "P1191": "Film", "P5072": "Film", "P2142": "Film", "P580": "Event", "P582": "Event",
                  "P585": "Event", "P276": "Event", "P108": "Person"}
_OBJECT_TYPES = {"P57": ("Person",), "P161": ("Person",), "P162": ("Person",), "P58": ("Person",), "P86": ("Person", "Organization"),
                 "P344": ("Person",), "P488": ("Person",), "P169": ("Person",), "P495": ("Country",)}


def _type_ok(f: Found) -> bool:
    want = _SUBJECT_TYPES.get(f.predicate)
    if want and f.subject.type != want:
        return False
    kinds = _OBJECT_TYPES.get(f.predicate)
    if kinds and isinstance(f.obj, Cluster) and f.obj.type not in kinds:
        return False
    return True
