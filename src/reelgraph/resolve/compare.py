"""Is a new entity one already known? Name similarity plus graph evidence, with reasons.

Two names compare token by token over all their readings (see `keys`):
equal normalised tokens score 1.0; a one-letter slip inside a long token of
a full name 0.9; between a Chinese transliteration and a Latin or Russian
name, equal consonant skeletons 0.85-0.95 (the vowels only break ties). A
name's score is its weakest token, so two people who share a surname but
not a first name stay apart. Two Chinese spellings agree only if they read
alike. A lone surname (no typo allowed) joins a full name only when the
evidence says so (shared related keys) or when it is the only candidate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from rapidfuzz.distance import JaroWinkler, OSA

from reelgraph.resolve.keys import (HAN_SOURCES, LOOSE_SOURCES, PERSONAL, TRANSLATED, Reading, families,
                                    family, readings)

THRESHOLD = 0.88          # merge at or above this score
EVIDENCE_BONUS = 0.04     # per shared related key, up to EVIDENCE_CAP
EVIDENCE_CAP = 0.08
YEARLESS_SCORE = 0.95     # translated names that agree but for years one leaves out

# Kinds of name agreement, strongest first.
FULL, SINGLE, SURNAME = "full name", "single name", "surname only"
LOOSE = "same consonants"     # a token pair that agrees only by skeleton
YEARLESS = "years in one name only"


@dataclass(frozen=True)
class EntityProfile:
    """What resolution knows of an entity: its names and the keys of entities it is linked to."""

    id: int | str | None
    type: str
    names: list[str]
    lang: str = "en"
    related: frozenset[str] = frozenset()

    def __hash__(self) -> int:      # names is a list; identity by id, type and names
        return hash((self.id, self.type, tuple(self.names)))


@dataclass
class Match:
    """The candidate a new entity merges with, how strongly and why."""

    entity_id: int | str | None
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PairScore:
    """Best agreement between two profiles' names."""

    score: float
    kind: str              # FULL, SINGLE or SURNAME ("" when nothing compares)
    names: tuple[str, str]
    how: str

    @property
    def loose(self) -> bool:
        """Some token agreed only by its consonants (a Chinese transliteration)."""
        return LOOSE in self.how

    @property
    def yearless(self) -> bool:
        """Translated names that agree, one without the other's years: it may be any edition."""
        return YEARLESS in self.how


NO_PAIR = PairScore(0.0, "", ("", ""), "")


def token_score(a: str, b: str, sa: str, sb: str, loose: bool, typo: bool = True) -> tuple[float, str]:
    """Similarity of two normalised tokens (and their skeletons) and what made it.

    `typo` allows one slipped letter; not for a lone name, where nothing else vouches for it.
    """
    if a == b:
        return 1.0, "same"
    if loose and sa and sa == sb and (len(sa) >= 2 or len(a) <= 3 or len(b) <= 3):
        # 0.85..0.95: the vowels, unreliable in a Chinese transliteration, only break ties
        return 0.85 + 0.1 * JaroWinkler.normalized_similarity(a, b), LOOSE
    if typo and min(len(a), len(b)) >= 5 and OSA.distance(a, b) == 1 and a[:-1] != b and b[:-1] != a:
        return 0.9, "one letter apart"
    return JaroWinkler.normalized_similarity(a, b) * 0.8, "different"


def _how(h1: str, h2: str) -> str:
    return h1 if h1 == h2 else ", ".join(sorted((h1, h2)))


def _aligned(ta: tuple[str, ...], tb: tuple[str, ...], sa: tuple[str, ...], sb: tuple[str, ...],
             loose: bool) -> tuple[float, str]:
    """The weakest token's score, in the better of the given and (for two tokens) swapped order."""
    if len(ta) == 1:
        return token_score(ta[0], tb[0], sa[0], sb[0], loose, typo=False)
    if len(ta) == 2:      # Chinese names come in both orders
        s0, h0 = token_score(ta[0], tb[0], sa[0], sb[0], loose)
        s1, h1 = token_score(ta[1], tb[1], sa[1], sb[1], loose)
        best, how = (s0, h0) if s0 <= s1 else (s1, h1)
        if best < THRESHOLD:
            s2, h2 = token_score(ta[0], tb[1], sa[0], sb[1], loose)
            s3, h3 = token_score(ta[1], tb[0], sa[1], sb[0], loose)
            if min(s2, s3) > best:
                return min(s2, s3), _how(h2, h3)
        return best, _how(h0, h1)
    scores = [token_score(x, y, p, q, loose) for x, y, p, q in zip(ta, tb, sa, sb)]
    return min(sc for sc, _ in scores), ", ".join(sorted({h for _, h in scores}))


def reading_score(a: Reading, b: Reading, fam: str) -> tuple[float, str, str]:
    """Score, kind and how for two readings of names of one family."""
    if a.source == TRANSLATED or b.source == TRANSLATED:
        return translated_score(a, b)
    if a.source in HAN_SOURCES and b.source in HAN_SOURCES:
        return _han_score(a, b, fam)
    else:
        loose = a.source in LOOSE_SOURCES or b.source in LOOSE_SOURCES
    if a.place and b.place:
        return (1.0, SINGLE, "same place in the gazetteer") if a.place == b.place else (0.0, "", "")
    na, nb = len(a.tokens), len(b.tokens)
    if na == nb:
        score, how = _aligned(a.tokens, b.tokens, a.skeletons, b.skeletons, loose)
        return score, FULL if na > 1 else SINGLE, how
    if fam in PERSONAL and (na == 1 or nb == 1):
        one, full = (a, b) if na == 1 else (b, a)
        ends = [0, len(full.tokens) - 1] if full.surname_first else [len(full.tokens) - 1]
        best, how = 0.0, ""
        for i in ends:
            s, h = token_score(one.tokens[0], full.tokens[i], one.skeletons[0], full.skeletons[i], loose, typo=False)
            if s > best:
                best, how = s, h
        return best, SURNAME, how
    if fam not in PERSONAL:
        # "Trans-Siberian" vs "Transsiberian": compare the names run together
        ja, jb = "".join(a.tokens), "".join(b.tokens)
        ka, kb = "".join(a.skeletons), "".join(b.skeletons)
        s, h = token_score(ja, jb, ka, kb, loose)
        return s, SINGLE, h + " (run together)"
    return 0.0, "", ""


def translated_score(a: Reading, b: Reading) -> tuple[float, str, str]:
    """Two names translated word by word are one name when their concepts agree.

    The years must agree too, except between two scripts when one name has none
    (中俄文化年 for the Russia-China Years of Culture 2024-2025): within one script,
    or with other years, they are another edition.
    """
    if a.source != b.source or a.tokens != b.tokens:
        return 0.0, "", ""
    concepts = "+".join(a.tokens)
    if a.years == b.years:
        return 1.0, SINGLE, f"same concepts in translation: {concepts}"
    if a.years and b.years or a.script == b.script:
        return 0.0, "", ""
    return YEARLESS_SCORE, SINGLE, f"same concepts in translation: {concepts}; {YEARLESS}"


def _han_score(a: Reading, b: Reading, fam: str) -> tuple[float, str, str]:
    """Two Chinese spellings are one name only if they read the same (homophones aside)."""
    if a.source != b.source:
        return 0.0, "", ""
    if a.place and b.place:
        return (1.0, SINGLE, "same place in the gazetteer") if a.place == b.place else (0.0, "", "")
    na, nb = len(a.tokens), len(b.tokens)
    if na == nb:
        same = a.tokens == b.tokens or (na == 2 and a.tokens == b.tokens[::-1])
        return (1.0 if same else 0.0), FULL if na > 1 else SINGLE, "same reading" if same else "different"
    if fam in PERSONAL and (na == 1 or nb == 1):
        one, full = (a, b) if na == 1 else (b, a)
        ends = {full.tokens[0], full.tokens[-1]} if full.surname_first else {full.tokens[-1]}
        same = one.tokens[0] in ends
        return (1.0 if same else 0.0), SURNAME, "same reading" if same else "different"
    return 0.0, "", ""


@lru_cache(maxsize=200_000)
def _readings_of(names: tuple[str, ...], type: str, lang: str) -> tuple[tuple[str, "Reading"], ...]:
    return tuple((n, r) for n in names for r in readings(n, type, lang))


def compatible(type_a: str, type_b: str) -> bool:
    """Entities of these two types may be one entity (they share a key family)."""
    return type_a == type_b or bool(set(families(type_a)) & set(families(type_b)))


def named_after_a_place(a: EntityProfile, b: EntityProfile) -> bool:
    """Of two entities of different types, one is a known city or country: a cinema called
    «Москва» is not Moscow, so a gazetteer place never joins a thing of another type by name."""
    if a.type == b.type or {family(a.type), family(b.type)} == {"place"}:
        return False
    return any(r.place for p in (a, b) for _, r in profile_readings(p))


_RANK = {FULL: 3, SINGLE: 2, SURNAME: 1, "": 0}


def pair_score(a: EntityProfile, b: EntityProfile) -> PairScore:
    """Best agreement between any name of `a` and any name of `b` (full names beat surnames)."""
    if not compatible(a.type, b.type) or named_after_a_place(a, b):
        return NO_PAIR
    return readings_pair(profile_readings(a), profile_readings(b), family(a.type))


def profile_readings(p: EntityProfile) -> tuple[tuple[str, Reading], ...]:
    """(name, reading) for every reading of every name of a profile."""
    return _readings_of(tuple(p.names), p.type, p.lang)


def readings_pair(ra: tuple[tuple[str, Reading], ...], rb: tuple[tuple[str, Reading], ...],
                  fam: str) -> PairScore:
    """Best agreement between two sets of (name, reading) of one type family."""
    if fam in PERSONAL:
        # A one-token reading of a person who also has a full name (吴京 read as a foreign
        # word) is a guess; only a profile made of lone names competes with one token.
        ra, rb = full_readings(ra), full_readings(rb)
    return best_reading_pair(ra, rb, fam)


def best_reading_pair(ra: tuple[tuple[str, Reading], ...], rb: tuple[tuple[str, Reading], ...],
                      fam: str) -> PairScore:
    """`readings_pair` for readings already passed through `full_readings` (batch use)."""
    best = NO_PAIR
    for name_a, x in ra:
        for name_b, y in rb:
            score, kind, how = reading_score(x, y, fam)
            if not kind:
                continue
            # A full or single-name agreement that passes outranks any surname agreement.
            passes, best_passes = score >= THRESHOLD, best.score >= THRESHOLD
            key = (passes, _RANK[kind] if passes else 0, score)
            best_key = (best_passes, _RANK[best.kind] if best_passes else 0, best.score)
            if key > best_key:
                best = PairScore(score, kind, (name_a, name_b),
                                 f"{x.source} {' '.join(x.tokens)!r} ~ {y.source} {' '.join(y.tokens)!r}: {how}")
    return best


def full_readings(rs: tuple[tuple[str, Reading], ...]) -> tuple[tuple[str, Reading], ...]:
    """The readings a profile competes with: all of a lone name's, else only multi-token ones."""
    if is_lone(rs):
        return rs
    return tuple(x for x in rs if len(x[1].tokens) > 1)


def is_lone(readings_of_profile: tuple[tuple[str, Reading], ...]) -> bool:
    """Every name of the profile reads as one token: a lone surname (or given name).

    Only such a profile may join a full name by its surname; an entity that
    also has a full name must agree by that full name.
    """
    return all(len(r.tokens) == 1 for _, r in readings_of_profile)


def shared_evidence(a: EntityProfile, b: EntityProfile) -> set[str]:
    """Related keys both entities have (a shared film, a shared co-star)."""
    return set(a.related) & set(b.related)


def _describe(p: PairScore, shared: set[str], score: float) -> list[str]:
    reasons = [f"{p.kind}: {p.names[0]!r} ~ {p.names[1]!r} ({p.how}) score {p.score:.2f}"]
    if shared:
        reasons.append(f"shared related keys: {', '.join(sorted(shared)[:5])}"
                       + (f" (+{len(shared) - 5} more)" if len(shared) > 5 else ""))
    reasons.append(f"total {score:.2f} >= threshold {THRESHOLD}")
    return reasons


def best_match(new: EntityProfile, candidates: list[EntityProfile]) -> Match | None:
    """The candidate `new` is the same entity as, or None.

    Full names merge at THRESHOLD; shared related keys add a little. A lone
    surname (or a lone first name of a Chinese name) merges with a full name
    only if the two share related keys, or if exactly one candidate entity
    matches it that way.
    """
    scored = []
    new_lone = is_lone(profile_readings(new))
    for cand in candidates:
        p = pair_score(new, cand)
        if not p.kind:
            continue
        if p.kind == SURNAME and not (new_lone or is_lone(profile_readings(cand))):
            continue
        shared = shared_evidence(new, cand)
        total = min(1.0, p.score + min(EVIDENCE_CAP, EVIDENCE_BONUS * len(shared)))
        if total >= THRESHOLD and p.score >= THRESHOLD - EVIDENCE_CAP:
            scored.append((cand, p, shared, total))
    if not scored:
        return None
    strong = sorted((s for s in scored if s[1].kind != SURNAME), key=lambda s: (s[3], len(s[2])), reverse=True)
    if strong:
        cand, p, shared, total = strong[0]
        if (p.loose or p.yearless) and any(s[0].id != cand.id and s[3] >= total for s in strong[1:]):
            return None      # a transliteration, or a name without years, as close to two entities says nothing
        return Match(cand.id, round(total, 3), _describe(p, shared, total))
    with_evidence = [s for s in scored if s[2]]
    pool = with_evidence or scored
    ids = {s[0].id for s in pool}
    if len(ids) != 1:
        return None
    cand, p, shared, total = max(pool, key=lambda s: s[3])
    reasons = _describe(p, shared, total)
    reasons.insert(1, "the shared evidence picks this candidate" if shared
                   else "the only candidate with this surname")
    return Match(cand.id, round(total, 3), reasons)


def profiles_from(names: Iterable[str], type: str, lang: str = "en") -> EntityProfile:
    """A profile without id or evidence, for ad-hoc comparisons (`explain`)."""
    return EntityProfile(None, type, list(names), lang, frozenset())
