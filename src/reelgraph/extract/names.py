"""Mentions within one document joined into entities.

Short and variant forms of one name join the full name: a surname-only or
first-name-only mention joins the one full name that ends or starts with it;
two full names join when one token is the same and the other is a close
spelling variant ("Bykovic"/"Bikovic", "Andrei"/"André"). Comparison is on
accent-free lowercase keys (unidecode) with rapidfuzz ratios; nothing is
tuned to particular names.

It also judges name shapes from general data: a person's name by its given or
first-written family name (en_names.tsv), a street, square, natural feature or
train by its head word (en_name_heads.tsv).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from unidecode import unidecode

from reelgraph.extract.resources import name_heads, name_parts, pinyin_syllables
from reelgraph.model import Entity, Span

# A token pair counts as a spelling variant at or above this rapidfuzz ratio.
VARIANT_RATIO = 80
# A lone token joins a full name's token at or above this ratio.
SHORT_RATIO = 90


@functools.lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Accent-free, case-free, punctuation-free form of a name (cached: a pure function of its string,
    asked for the same few names tens of thousands of times per hundred documents)."""
    text = unidecode(text).lower().replace("'s ", " ")
    text = re.sub(r"[\W_]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


# A Korean given name: two syllables joined by a hyphen ("Do-hyun", "Seung-woo").
_HYPHEN_GIVEN = re.compile(r"^[A-Z][a-z]{1,5}-[a-z]{1,5}$")
_CAP = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")


def person_shape(name: str) -> bool:
    """A name shaped like a person's: a known given name then one to three capitalised
    words ("Walt Brisbane"), or a family name written first and a given name ("Kim Do-hyun",
    "Tanaka Ryo", "Zhang Yimou": hyphenated, a known given name, or pinyin syllables).

    Only the shape is judged; callers still check the words that make a name a place or company.
    """
    toks = name.split()
    if not 2 <= len(toks) <= 4 or not all(_CAP.match(t) for t in toks):
        return False
    parts = name_parts()
    first = toks[0].lower()
    if first in parts.given or unidecode(first) in parts.given:    # "Siobhán" as "Siobhan"
        return True
    if first in parts.family_first and len(toks) <= 3:
        given = toks[1].lower()
        return bool(_HYPHEN_GIVEN.match(toks[1])) or (len(toks) == 2 and (given in parts.given or pinyin_word(given)))
    return False


# One to three initials, then one or two capitalised words: "K. Gireesh Kumar", "H. Jon Benjamin".
_INITIALS_NAME = re.compile(r"(?:[A-Z]\. ?){1,3}[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?")


def initials_shape(name: str) -> bool:
    """A name written with initials before one or two capitalised words, as people's names are
    ("K. Gireesh Kumar"); callers still check the words that make a name a place or company."""
    return bool(_INITIALS_NAME.fullmatch(name))


def pinyin_word(word: str) -> bool:
    """True when a lowercase word splits into one to three pinyin syllables ("yimou", "ziyi")."""
    syllables = pinyin_syllables()

    def split(rest: str, left: int) -> bool:
        if not rest:
            return True
        if left == 0:
            return False
        return any(rest[:n] in syllables and split(rest[n:], left - 1) for n in range(min(6, len(rest)), 0, -1))

    return word.isascii() and word.isalpha() and split(word, 3)


def head_type(name: str) -> str | None:
    """The type a street, square or train word gives a name ("Novy Arbat", "Baker Street",
    "Trans-Siberian Express" -> Other), or None."""
    toks = [t.lower() for t in name.split()]
    if len(toks) < 2:
        return None
    heads = name_heads()
    if toks[0] in heads["first"]:
        return heads["first"][toks[0]]
    if toks[-1] in heads["last"]:
        return heads["last"][toks[-1]]
    for t in toks:
        if t in heads["any"]:
            return heads["any"][t]
    return None


@dataclass
class Mention:
    """A typed stretch of the document text; `entity` is set once mentions are joined."""

    start: int
    end: int
    text: str
    type: str
    source: str = ""
    entity: "Cluster | None" = None
    canonical: str | None = None    # name to use instead of the surface (countries, stripped titles)


@dataclass(eq=False)
class Cluster:
    """One entity being built: its mentions, type and any canonical name."""

    type: str
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None
    id: str = ""
    extra_aliases: list[str] = field(default_factory=list)   # shorter forms inside a mention ("Film Week" of "2025 Film Week")
    joined_name: bool = False    # a company named by two companies' first words ("Aurora Meridiana")
    _name_memo: tuple[tuple[str, ...], str] | None = field(default=None, init=False, repr=False)

    def surfaces(self) -> list[str]:
        return [m.canonical or m.text for m in self.mentions]

    def name(self) -> str:
        """Fullest form (most tokens), then most frequent, then first seen.

        Remembered against the surfaces it was chosen from: mentions are added, removed and
        renamed while a document is read, so the choice is made again whenever they differ."""
        if self.canonical:
            return self.canonical
        surfaces = tuple(self.surfaces())
        if self._name_memo is not None and self._name_memo[0] == surfaces:
            return self._name_memo[1]
        counts = Counter(surfaces)
        order = {s: i for i, s in reversed(list(enumerate(surfaces)))}
        name = max(counts, key=lambda s: (len(s.split()), counts[s], -order[s]))
        self._name_memo = (surfaces, name)
        return name

    def to_entity(self) -> Entity:
        name = self.name()
        aliases, seen = [], {name}
        for m in sorted(self.mentions, key=lambda m: m.start):
            for s in (m.text, m.canonical):
                if s and s not in seen:
                    seen.add(s)
                    aliases.append(s)
        for s in self.extra_aliases:
            if s not in seen:
                seen.add(s)
                aliases.append(s)
        spans, seen_spans = [], set()
        for m in sorted(self.mentions, key=lambda m: m.start):
            if (m.start, m.end) not in seen_spans:
                seen_spans.add((m.start, m.end))
                spans.append(Span(m.start, m.end, m.text))
        return Entity(self.id, self.type, name, aliases, spans)


def _variant(a: list[str], b: list[str]) -> bool:
    """Two full names of equal length: one token equal, the others close spelling variants."""
    if len(a) != len(b) or len(a) < 2:
        return False
    same = sum(1 for x, y in zip(a, b) if x == y)
    if same == 0:
        return False
    return all(x == y or fuzz.ratio(x, y) >= VARIANT_RATIO for x, y in zip(a, b))


def _middle_dropped(a: list[str], b: list[str]) -> bool:
    """One full name is the other without a middle name: "Joyce Godenzi" in "Joyce Mina Godenzi"."""
    short, long = sorted((a, b), key=len)
    if len(short) < 2 or len(short) == len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(t in it for t in short)


def _distinct_people(people: list[Cluster]) -> int:
    """How many different people the clusters name (a form without the middle name is the same one)."""
    keys = [key(c.name()).split() for c in people]
    return sum(1 for i, k in enumerate(keys) if not any(_middle_dropped(k, o) and len(o) > len(k)
                                                         for j, o in enumerate(keys) if j != i))


def join_people(clusters: list[Cluster]) -> list[Cluster]:
    """Merge person (or character) clusters that are forms of one name; returns the survivors."""
    # A one-word surface is a short form even when hyphenated ("Reyes-Whitfield").
    short = [c for c in clusters if len(c.name().split()) == 1]
    full = [c for c in clusters if len(c.name().split()) >= 2]
    merged: list[Cluster] = []
    for c in sorted(full, key=lambda c: -len(c.mentions)):
        toks = key(c.name()).split()
        for m in merged:
            if _variant(toks, key(m.name()).split()) or _middle_dropped(toks, key(m.name()).split()):
                absorb(m, c)
                break
        else:
            merged.append(c)
    for c in short:
        tok = key(c.name())
        if " " in tok:     # hyphenated surname: the full name must end with it
            hits = [m for m in merged if key(m.name()).endswith(" " + tok)]
        else:
            hits = [m for m in merged if len(key(m.name()).split()) >= 2 and any(
                fuzz.ratio(tok, t) >= SHORT_RATIO for t in (key(m.name()).split()[-1], key(m.name()).split()[0]))]
        if len(hits) == 1:
            absorb(hits[0], c)
        else:
            merged.append(c)
    return merged


def absorb(keep: Cluster, other: Cluster) -> None:
    """Move every mention of `other` into `keep`."""
    if keep is other:
        return
    for m in other.mentions:
        m.entity = keep
        keep.mentions.append(m)
    other.mentions = []
    keep.canonical = keep.canonical or other.canonical


def _company_short_forms(clusters: list[Cluster]) -> None:
    """A one-word name that starts one company's name in the document ("Greenfield" of "Greenfield
    Entertainment", "Meridian" of "Meridian Works") is that company, whatever spaCy called it, unless a
    person of the document has that word in their name."""
    firsts: dict[str, set[str]] = {}
    person_words: set[str] = set()
    for c in clusters:
        toks = key(c.name()).split()
        if c.type == "Organization" and len(c.name().split()) >= 2 and toks:
            firsts.setdefault(toks[0], set()).add(" ".join(toks))
    for c in clusters:
        toks = key(c.name()).split()
        # Two companies' first words joined ("Aurora Meridiana" of "Aurora Pictures" and "Meridiana Media"):
        # the merged company, not a person.
        if c.type == "Person" and len(toks) == 2 and toks[0] != toks[1] \
                and all(len(firsts.get(t, ())) == 1 for t in toks) and len(c.name().split()) == 2:
            c.type = "Organization"
            c.joined_name = True
            for m in c.mentions:
                m.type = "Organization"
    for c in clusters:
        toks = key(c.name()).split()
        if c.type in ("Person", "Character") and len(toks) >= 2:
            person_words |= set(toks)
    for c in clusters:
        k = key(c.name())
        if c.type in ("Person", "City", "Region", "Other") and len(c.name().split()) == 1 and " " not in k \
                and len(firsts.get(k, ())) == 1 and k not in person_words \
                and not any(m.source == "gazetteer" or m.canonical for m in c.mentions) \
                and not (c.type == "Region" and all(m.source == "spacy GPE" for m in c.mentions)
                         and any(len(f.split()) >= 3 for f in firsts.get(k, ()))):
            # ("Sichuan" of "Sichuan Tianfu Media Group" stays the province spaCy saw)
            c.type = "Organization"
            for m in c.mentions:
                m.type = "Organization"


def cluster_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into clusters: same type and key, then people joined by name form."""
    by_key: dict[tuple[str, str], Cluster] = {}
    for m in mentions:
        k = (m.type, key(m.canonical or m.text))
        c = by_key.get(k)
        if c is None:
            c = by_key[k] = Cluster(m.type)
        c.mentions.append(m)
        m.entity = c
        if m.canonical and m.type == "Country":
            c.canonical = m.canonical
    clusters = list(by_key.values())
    # spaCy sometimes types a surname alone as a place or organisation: it joins the person
    # whose full name ends with it (known places from the gazetteer stay places).
    last_names = {}
    for c in clusters:
        toks = key(c.name()).split()
        if c.type == "Person" and len(c.name().split()) >= 2:
            last_names.setdefault(toks[-1], []).append(c)
            if "-" in c.name().split()[-1]:     # "Alma Reyes-Whitfield": the whole hyphenated surname too
                last_names.setdefault(key(c.name().split()[-1]), []).append(c)
    for c in clusters:
        k = key(c.name())
        if c.type in ("Organization", "City", "Other") and len(c.name().split()) == 1 \
                and last_names.get(k) and _distinct_people(last_names[k]) == 1 \
                and not any(m.source == "gazetteer" or m.canonical for m in c.mentions):
            c.type = "Person"
            for m in c.mentions:
                m.type = "Person"
    _company_short_forms(clusters)
    out = []
    for kind in ("Person", "Character"):
        out += join_people([c for c in clusters if c.type == kind])
    orgs = [c for c in clusters if c.type == "Organization"]
    for c in orgs:
        k = key(c.name())
        if len(k.split()) == 1:
            longer = [o for o in orgs if o is not c and o.mentions and key(o.name()).startswith(k + " ")
                      and not o.joined_name]
            if len(longer) == 1:
                absorb(longer[0], c)
    _acronyms(clusters)
    out += [c for c in clusters if c.type not in ("Person", "Character") and c.mentions]
    return out


_ACRONYM_SMALL = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "di", "del", "&"}


def _acronyms(clusters: list[Cluster]) -> None:
    """An all-capitals name that spells the initials of one festival or company of the document is that
    one ("TIFF" of "Toronto International Film Festival"): it joins it."""
    for c in clusters:
        if c.type not in ("Event", "Organization", "Other") or not c.mentions \
                or not re.fullmatch(r"[A-Z]{3,6}", name := c.name()):
            continue
        full = [o for o in clusters if o is not c and o.mentions and o.type in ("Event", "Organization")
                and "".join(w[0] for w in re.sub(r"\b(?:19|20)\d\d\b", "", o.name()).split()
                            if w.lower() not in _ACRONYM_SMALL).upper() == name]
        if len(full) == 1:
            absorb(full[0], c)
