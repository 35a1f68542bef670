"""Transliteration and normalised blocking keys for entity names in any script.

A name is turned into one or more *readings*: tuples of accent-free Latin
tokens, normalised so that spelling conventions meet (Бикович, Bikovic,
Biković, Bykovich -> "bikovic"), Russian case endings stripped (Милошем ->
"milos") and trailing vowels dropped (Andrei, Андрея -> "andr"). Chinese
gives two readings: pinyin (a Chinese name, surname first) and a reading of
the characters as a transliterated foreign name (比科维奇 -> "bikovic"), and
Russian tokens that spell Chinese syllables the Palladius way (Чжэн Ханьи)
also get a pinyin reading. Each token also has a consonant *skeleton*
(bkfc) that ignores vowels and voicing, which is what a Chinese
transliteration and its Latin original still share.

A name made wholly of generic words (translit_words.tsv) and known places
also has a *translated* reading, word by word and sorted (Communist Party of
China, 中国共产党 -> "china communist party"; «Октябрь», “十月”影院 -> "october").

Blocking keys are short strings prefixed by a type family
("person:n:bikovic milos"), so that a Person never blocks with a City.
Types the extractors confuse (Venue, Other) carry keys of several families.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, product
from pathlib import Path
from typing import Iterable, Iterator

from unidecode import unidecode

from reelgraph.errors import PatternError

log = logging.getLogger(__name__)

GAZETTEERS = Path(__file__).resolve().parents[1] / "data" / "gazetteers"

# Types whose entities may be one another: a cinema is often also a company.
FAMILIES = {"Person": "person", "Character": "character", "Film": "film", "Organization": "org",
            "Venue": "org", "City": "place", "Region": "place", "Country": "place",
            "Event": "event", "Other": "other"}
PERSONAL = {"person", "character"}
# Types the extractors confuse for one thing (a lake typed Venue in one language, Region in
# another; a street typed Other): their keys go under every family listed, so they meet.
# Person and Character are never here: a person is not a place.
KEY_FAMILIES = {"Venue": ("org", "place"), "Other": ("other", "place", "org")}

# Readings whose vowels are unreliable: compare them by skeleton.
LOOSE_SOURCES = {"zh"}
# A name translated word by word (see `_translated`): compares only with another such reading.
TRANSLATED = "translated"
# Readings of Chinese characters: between two of these only the same source compares.
HAN_SOURCES = {"zh", "pinyin"}

_CYR = re.compile(r"[\u0400-\u04ff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPLIT = re.compile(r"[\s\-‐‑–—·•・.,'’\"“”«»„()/&:;!?]+")
_HAN_DROP = re.compile(r"[\s“”\"'‘’「」『』《》〈〉()（）·•・.,，、：:]+")

# Russian case endings, longest first; stripped only when 3+ letters remain.
_RU_ENDINGS = ("иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "иях", "ием",
               "ых", "их", "ой", "ей", "ий", "ый", "ым", "им", "ем", "ом", "ою", "ею", "ую", "юю",
               "ая", "яя", "ое", "ее", "ах", "ях", "ия", "ие", "ию", "ии",
               "а", "я", "у", "ю", "е", "ы", "и", "о", "ь", "й")
# The last Palladius syllable is read as a case ending when it is one of these.
_RU_CASE_TAILS = ("е", "у", "ю", "а", "ом", "ем", "ой", "ах")

_VOWELS = set("aeiouy")


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a name: normalised Latin tokens and their consonant skeletons.

    `source` says where the tokens came from: latin, cyrillic, palladius (Russian
    spelling of Chinese read as pinyin), pinyin (Chinese name) or zh (Chinese
    characters read as a transliterated foreign name). `surname_first` is True
    when the first token is the family name (Chinese names).
    """

    tokens: tuple[str, ...]
    skeletons: tuple[str, ...]
    source: str
    surname_first: bool = False
    place: str | None = None      # canonical gazetteer entry, if the whole name is one
    years: tuple[str, ...] = ()   # a translated reading's years, kept out of its tokens
    script: str = ""              # a translated reading's script (years may be left out in another script)


def family(type: str) -> str:
    """Type family used to prefix keys; unknown types fall back to `other`."""
    return FAMILIES.get(type, "other")


# When extractors type one thing differently, the merged entity takes the type that comes
# first here: the specific before the catch-all (Other last), and Region before City, since a
# name that one language calls a city and another a region (a lake, a district) is rarely a city.
TYPE_PRECEDENCE = ("Person", "Character", "Film", "Event", "Country", "Region", "City", "Venue",
                   "Organization", "Other")


def merged_type(type_a: str, type_b: str) -> str:
    """The type of an entity typed `type_a` in one document and `type_b` in another (order-free)."""
    rank = {t: i for i, t in enumerate(TYPE_PRECEDENCE)}
    return min(type_a, type_b, key=lambda t: (rank.get(t, len(rank)), t))


def families(type: str) -> tuple[str, ...]:
    """Every family whose keys an entity of `type` carries (see KEY_FAMILIES)."""
    return KEY_FAMILIES.get(type, (family(type),))


def script(name: str) -> str:
    """`han`, `cyrillic` or `latin`: the script that decides how a name is read."""
    if _HAN.search(name):
        return "han"
    if _CYR.search(name):
        return "cyrillic"
    return "latin"


# ---------------------------------------------------------------- data files

def _rows(name: str, min_cols: int) -> list[tuple[int, list[str]]]:
    """Tab-separated rows of a gazetteer, skipping comments; validates the column count."""
    path = GAZETTEERS / name
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise PatternError(str(path), None, f"cannot read: {err}") from err
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < min_cols or not cols[0].strip():
            raise PatternError(str(path), no, f"expected {min_cols} tab-separated columns, got {len(cols)}")
        rows.append((no, [c.strip() for c in cols]))
    return rows


@lru_cache(maxsize=None)
def _ru_letters() -> dict[str, str]:
    table = {}
    for no, (letter, *rest) in _rows("translit_ru.tsv", 1):
        if len(letter) != 1 or not _CYR.match(letter):
            raise PatternError(str(GAZETTEERS / "translit_ru.tsv"), no, f"not one Cyrillic letter: {letter!r}")
        latin = rest[0] if rest else ""
        if latin and not latin.isascii():
            raise PatternError(str(GAZETTEERS / "translit_ru.tsv"), no, f"not ASCII Latin: {latin!r}")
        table[letter] = latin
    return table


@lru_cache(maxsize=None)
def _palladius() -> dict[str, str]:
    table = {}
    for no, cols in _rows("translit_palladius.tsv", 2):
        cyr, pin = cols[0], cols[1]
        if not all(_CYR.match(c) for c in cyr) or not pin.isascii() or not pin.isalpha():
            raise PatternError(str(GAZETTEERS / "translit_palladius.tsv"), no, f"bad syllable pair {cyr!r} {pin!r}")
        table.setdefault(cyr, pin)
    return table


@lru_cache(maxsize=None)
def _zh_syllables() -> dict[str, str]:
    table = {}
    for no, cols in _rows("translit_zh_syllables.tsv", 2):
        if not cols[0].isascii() or not cols[1].isascii():
            raise PatternError(str(GAZETTEERS / "translit_zh_syllables.tsv"), no, "syllable and reading must be ASCII")
        table[cols[0]] = cols[1]
    return table


@lru_cache(maxsize=None)
def _zh_chars() -> dict[str, str]:
    table = {}
    for no, cols in _rows("translit_zh_chars.tsv", 2):
        if len(cols[0]) != 1 or not _HAN.match(cols[0]) or not cols[1].isascii():
            raise PatternError(str(GAZETTEERS / "translit_zh_chars.tsv"), no, f"bad entry {cols[0]!r} {cols[1]!r}")
        table[cols[0]] = cols[1]
    return table


@lru_cache(maxsize=None)
def _zh_surnames() -> frozenset[str]:
    out = set()
    for no, cols in _rows("translit_zh_surnames.txt", 1):
        if not all(_HAN.match(c) for c in cols[0]):
            raise PatternError(str(GAZETTEERS / "translit_zh_surnames.txt"), no, f"not Chinese: {cols[0]!r}")
        out.add(cols[0])
    return frozenset(out)


def _glossary(name: str, ascii_latin: bool = False) -> Iterator[tuple[str, list[str], list[str], list[str]]]:
    """Rows of a word glossary (canonical, drop|keep, English|..., Russian|..., Chinese|...), checked.

    Yields the canonical word ('' for drop) and the English, Russian and Chinese
    forms; a form in the wrong script raises PatternError with file and line.
    """
    path = GAZETTEERS / name
    for no, cols in _rows(name, 5):
        canon, action, en, ru, zh = cols[:5]
        if action not in ("drop", "keep"):
            raise PatternError(str(path), no, f"action must be drop or keep, got {action!r}")
        en_forms, ru_forms, zh_forms = ([f for f in col.split("|") if f] for col in (en, ru, zh))
        for form in en_forms:
            if ascii_latin and not form.isascii():
                raise PatternError(str(path), no, f"not ASCII: {form!r}")
        for form in ru_forms:
            if not _CYR.search(form):
                raise PatternError(str(path), no, f"not Cyrillic: {form!r}")
        for form in zh_forms:
            if not all(_HAN.match(c) for c in form):
                raise PatternError(str(path), no, f"not Chinese: {form!r}")
        yield ("" if action == "drop" else canon), en_forms, ru_forms, zh_forms


@lru_cache(maxsize=None)
def _words() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Generic words of place and institution names: Latin norm, Cyrillic stem, Chinese -> canonical ('' = drop)."""
    latin: dict[str, str] = {}
    cyr: dict[str, str] = {}
    han: dict[str, str] = {}
    for value, en_forms, ru_forms, zh_forms in _glossary("translit_words.tsv"):
        for form in en_forms:
            latin[_norm_token(form.lower())] = value
            latin.setdefault(_norm_token(form.lower(), latin_c=True), value)   # as a Latin name reads it
        for form in ru_forms:
            stem = _ru_stem(form.lower())
            cyr[stem] = value
            latin.setdefault(_norm_token(_ru_translit(stem)), value)
        for form in zh_forms:
            han[form] = value
    return latin, cyr, han


@lru_cache(maxsize=None)
def _concepts() -> tuple[dict[str, str], dict[str, str], dict[str, str], tuple[tuple[str, str, str], ...]]:
    """The glossary of a translated reading: translit_words.tsv, then name_words.tsv on top.

    Returns Latin norm, Cyrillic stem and Chinese -> canonical ('' = drop), and
    prefixes (script, form, canonical) that may start a longer word (транс-).
    """
    latin, cyr, han = (dict(d) for d in _words())
    prefixes: list[tuple[str, str, str]] = []
    for value, en_forms, ru_forms, zh_forms in _glossary("name_words.tsv", ascii_latin=True):
        for form in en_forms:
            if form.endswith("-"):
                form = form[:-1]
                prefixes.append(("latin", form.lower(), value))
            latin[_norm_token(form.lower(), latin_c=True)] = value
        for form in ru_forms:
            if form.endswith("-"):
                form = form[:-1]
                prefixes.append(("cyrillic", form.lower(), value))
            cyr[_ru_stem(form.lower())] = value
        for form in zh_forms:
            han[form] = value
    # Latin combining forms of countries (Sino-, Russo-), from the countries gazetteer
    if (GAZETTEERS / "countries.tsv").exists():
        for _, cols in _rows("countries.tsv", 2):
            cols += [""] * (7 - len(cols))
            for form in filter(None, cols[4].split("|")):
                latin.setdefault(_norm_token(form.lower(), latin_c=True), cols[1].lower())
    return latin, cyr, han, tuple(sorted(prefixes, key=lambda p: -len(p[1])))


@lru_cache(maxsize=None)
def _places() -> tuple[dict[str, str], dict[str, str]]:
    """Countries and big cities: Latin norm key or Chinese string -> canonical English name."""
    latin: dict[str, str] = {}
    han: dict[str, str] = {}

    def add(canon: str, form: str) -> None:
        form = form.strip()
        if not form:
            return
        if _HAN.search(form):
            han[form] = canon
        else:
            key = _place_key(form)
            if key:
                latin.setdefault(key, canon)

    path = GAZETTEERS / "countries.tsv"
    if path.exists():   # maintained by the extraction side; read, never written here
        for _, cols in _rows("countries.tsv", 2):
            cols += [""] * (7 - len(cols))
            canon = cols[1]
            # demonyms too: a Country entity named "French" is France
            for form in [cols[1], *cols[2].split("|"), *cols[3].split("|"), cols[5], cols[6]]:
                add(canon, form)
    for _, cols in _rows("translit_places.tsv", 3):
        canon = cols[0]
        for col in cols:
            for form in col.split("|"):
                add(canon, form)
    return latin, han


def _place_key(name: str) -> str:
    if _HAN.search(name):
        return name
    return " ".join(coarse(t) for t in _latin_tokens(name, script(name)))


# ------------------------------------------------------------ normalisation

_RU_ENDING_SETS = tuple((n, frozenset(e for e in _RU_ENDINGS if len(e) == n)) for n in (4, 3, 2, 1))


def _ru_stem(word: str) -> str:
    """Strip one Russian case ending (the longest) when at least 3 letters remain."""
    for n, ends in _RU_ENDING_SETS:
        if len(word) - n >= 3 and word[-n:] in ends:
            return word[:-n]
    return word


def _ru_translit(word: str) -> str:
    table = _ru_letters()
    return "".join(table.get(c, c) for c in word)


# Digraphs fold to one letter; sh, zh and ts keep their own (upper-case) letter in the
# *fine* form, because a Chinese transliteration keeps them apart (什 sh, 斯 s, 日 zh, 茨 ts),
# and fold into s, z and c in the *coarse* form that Latin and Russian spellings share.
_DIGRAPHS = (("shch", "S"), ("sch", "S"), ("tch", "c"), ("dzh", "j"), ("zh", "Z"), ("ch", "c"),
             ("sh", "S"), ("kh", "h"), ("ts", "C"), ("tz", "C"), ("ph", "f"), ("th", "t"),
             ("ck", "k"), ("w", "v"), ("q", "k"), ("x", "ks"), ("y", "i"))
_COARSE = str.maketrans({"S": "s", "Z": "z", "C": "c"})
_DIGITS = re.compile(r"\d+")
_NON_LETTER = re.compile(r"[^a-z0-9]+")      # digits stay: "Part 2" is another film
_LATIN_C = re.compile(r"c(?=[aoulrkt])")
_INNER_J = re.compile(r"(?<=[a-z])j")
_VOWEL_IE = re.compile(r"(?<=[aeiou])ie")
_REPEAT = re.compile(r"(.)\1+")
_PALATAL_T = re.compile(r"ti(?=[aeou])")
_VOWEL_RUN = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=200_000)
def _fine_token(token: str, latin_c: bool = False) -> str:
    """Lowercase ASCII token with spelling conventions folded and trailing vowels dropped.

    sh, zh and ts stay distinct as S, Z and C; `coarse` folds them.
    """
    t = _NON_LETTER.sub("", token.lower())
    if not t:
        return ""
    if latin_c:   # English/Romance c is a k before a back vowel or a consonant
        t = _LATIN_C.sub("k", t)
        t = _INNER_J.sub("y", t)    # inside a word j is a glide (Anja, Bojan): Аня, Боян
    for a, b in _DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    if t.startswith("ie"):
        t = t[1:]
    t = _VOWEL_IE.sub("e", t)
    t = _REPEAT.sub(r"\1", t)
    stem = t.rstrip("aeiou")
    if len(stem) >= 2 and not t.isdigit():
        t = stem
    return t


def coarse(fine: str) -> str:
    """The form Latin and Russian spellings of one name share (Milos = Милош)."""
    return fine.translate(_COARSE)


def _norm_token(token: str, latin_c: bool = False) -> str:
    return coarse(_fine_token(token, latin_c))


# Consonant classes of the skeleton: voicing and l/r are what transliteration loses.
# Z (zh) joins z: Chinese writes both з and ж with a zh- syllable (扎, 朱).
_SKELETON_CLASS = str.maketrans({"b": "p", "d": "t", "g": "k", "q": "k", "v": "f", "w": "f",
                                 "l": "r", "x": "s", "Z": "z"})


@lru_cache(maxsize=200_000)
def skeleton(fine: str) -> str:
    """Consonant classes of a fine token, vowels dropped, repeats collapsed."""
    t = _PALATAL_T.sub("c", fine)      # Russian palatal t (Artyom) -> ch, as Chinese renders it
    t = t.replace("ng", "n").translate(_SKELETON_CLASS)
    return _REPEAT.sub(r"\1", _VOWEL_RUN.sub("", t))


def _latin_tokens(name: str, scr: str) -> list[str]:
    """Normalised tokens of a Latin or Cyrillic name (Cyrillic stemmed, then transliterated)."""
    out = []
    for raw in _SPLIT.split(name):
        if raw:
            tok = _word_token(raw, scr == "cyrillic")
            if tok:
                out.append(tok)
    return out


@lru_cache(maxsize=200_000)
def _word_token(raw: str, cyrillic: bool) -> str:
    """Fine token of one word of a Latin or Cyrillic name (cached: given names repeat)."""
    if cyrillic and _CYR.search(raw):
        word = raw.lower()
        if not (raw.isupper() and len(raw) <= 6):     # acronyms are not declined
            word = _ru_stem(word)
        return _fine_token(_ru_translit(word))
    return _fine_token(unidecode(raw), latin_c=True)


def _palladius_syllables(word: str) -> list[str] | None:
    """Split a Cyrillic word into Palladius syllables (fewest pieces), or None."""
    table = _palladius()
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + 5) + 1):
            pin = table.get(word[i:j])
            if pin is not None and (best[j] is None or len(best[j]) > len(best[i]) + 1):
                best[j] = best[i] + [pin]
    return best[n]


def palladius_syllables(word: str) -> list[str] | None:
    """Pinyin syllables of a lower-case Cyrillic word read the Palladius way (Хэндянь -> heng dian), or None."""
    return _palladius_syllables(word)


def _palladius_tokens(name: str) -> list[list[str]]:
    """Pinyin tokens of a Russian spelling of a Chinese name (Чжэн Ханьи -> zheng hanyi).

    A declined form loses the name's final ь or й (в Хэндяне from Хэндянь,
    в Шанхае from Шанхай), so a declined token may read more than one way:
    up to three readings come back, none if a token is not Palladius.
    """
    options: list[list[str]] = []
    for raw in _SPLIT.split(name.lower()):
        if not raw:
            continue
        if not _CYR.search(raw):
            return []
        found: list[str] = []
        stem = _ru_stem(raw)
        bases = (stem + "ь", stem + "й", stem, raw) if stem != raw and raw.endswith(_RU_CASE_TAILS) else (raw,)
        for base in bases:
            syl = _palladius_syllables(base)
            if syl is not None and "".join(syl) not in found:
                found.append("".join(syl))
        if not found:
            return []
        options.append(found)
    return [list(combo) for combo in islice(product(*options), 3)] if options else []


def _pinyin(text: str) -> list[str]:
    """Toneless pinyin, one syllable per Chinese character (others skipped)."""
    return [p for p in map(_char_pinyin, text) if p]


@lru_cache(maxsize=None)
def _char_pinyin(ch: str) -> str:
    from pypinyin import lazy_pinyin    # imported late: its dictionaries take a moment to load

    if not _HAN.match(ch):
        return ""
    p = lazy_pinyin(ch, v_to_u=False)[0]
    return p if p.isascii() and p.isalpha() else ""


@lru_cache(maxsize=100_000)
def _zh_foreign(text: str) -> str:
    """Read Chinese characters as a transliterated foreign word (比科维奇 -> bikovichi)."""
    chars, syl = _zh_chars(), _zh_syllables()
    parts = []
    for ch in text:
        if ch in chars:
            parts.append(chars[ch])
            continue
        pin = _pinyin(ch)
        if pin:
            parts.append(syl.get(pin[0], pin[0]))
    return "".join(parts)


def _han_parts(name: str, fam: str) -> tuple[list[str], str | None, list[str]]:
    """Split a Chinese name on its separators; strip generic words from non-personal names.

    Returns the parts with a trailing designator dropped (贝加尔湖 -> 贝加尔), and,
    when a generic modifier starts a long transliteration (新阿尔巴特 = New Arbat),
    its canonical word and the parts without it. Short names keep their first
    character: in 北京 or 大连 it is part of the name, not a word.
    """
    parts = [p for p in _HAN_DROP.split(name) if p]
    prefix = None
    rest = parts
    if fam not in PERSONAL and parts:
        _, _, han = _words()
        last = parts[-1]
        for size in (3, 2, 1):        # longest generic word at the end (湖 lake, 影院 cinema)
            if len(last) >= size + 2 and han.get(last[-size:]) == "":
                parts[-1] = last[:-size]
                break
        first = parts[0]
        for size in (2, 1):
            if len(first) >= size + 3 and han.get(first[:size]):
                prefix = han[first[:size]]
                rest = [first[size:], *parts[1:]]
                break
    return parts, prefix, rest


def _strip_words(tokens: list[str], fam: str) -> list[str]:
    """Drop generic designators (lake, street) and canonicalise modifiers (Novy -> new)."""
    if fam in PERSONAL:
        return tokens
    latin, _, _ = _words()
    out = [latin.get(coarse(t), t) for t in tokens]
    kept = [t for t in out if t]
    return kept or tokens


def _reading(tokens: Iterable[str], source: str, surname_first: bool = False, place: str | None = None) -> Reading | None:
    toks = tuple(t for t in tokens if t)
    if not toks:
        return None
    return Reading(tuple(coarse(t) for t in toks), tuple(skeleton(t) for t in toks), source, surname_first, place)


@lru_cache(maxsize=500_000)
def readings(name: str, type: str, lang: str = "en") -> tuple[Reading, ...]:
    """Every reading of one name of an entity of `type` (see module doc).

    `lang` is the document's language; the script of the name itself decides
    how it is read, so a Latin name in a Russian article reads as Latin.
    """
    fam = family(type)
    name = unicodedata.normalize("NFC", name).strip()
    scr = script(name)
    out: list[Reading | None] = []
    place = None
    if fam == "place":
        latin_places, han_places = _places()
        place = han_places.get(name) if scr == "han" else latin_places.get(_place_key(name))
    if scr == "han":
        parts, prefix, rest = _han_parts(name, fam)
        joined = "".join(parts)
        head = [prefix] if prefix else []
        nums = [str(int(d)) for d in _DIGITS.findall(name)]     # 战狼2: the number tells sequels apart
        surname_first = False
        if fam in PERSONAL and len(parts) == 1 and 2 <= len(joined) <= 4:
            sur = joined[:2] if joined[:2] in _zh_surnames() else joined[:1]
            if sur in _zh_surnames() and len(joined) - len(sur) in (1, 2):
                given = joined[len(sur):]
                out.append(_reading([_fine_token("".join(_pinyin(sur))), _fine_token("".join(_pinyin(given)))],
                                    "pinyin", True, place))
                surname_first = True
        if not surname_first and fam not in PERSONAL:   # a foreign person's pinyin says nothing
            out.append(_reading([_fine_token("".join(_pinyin(p))) for p in parts] + nums, "pinyin", False, place))
        out.append(_reading(head + [_fine_token(_zh_foreign(p)) for p in rest] + nums, "zh", False, place))
    else:
        toks = _strip_words(_latin_tokens(name, scr), fam)
        out.append(_reading(toks, scr, False, place))
        if scr == "cyrillic":
            for pall in _palladius_tokens(name):
                pt = _strip_words([_fine_token(p) for p in pall], fam)
                out.append(_reading(pt, "palladius", fam in PERSONAL and len(pt) == 2, place))
        elif fam in PERSONAL and len(toks) == 2 and _looks_pinyin(name):
            out.append(_reading(toks, "pinyin", True, place))
    if fam not in PERSONAL:
        out.append(_translated(name, scr))
    seen: dict[tuple, Reading] = {}
    for r in out:
        if r is not None and (r.tokens, r.source) not in seen:
            seen[(r.tokens, r.source)] = r
    return tuple(seen.values())


def _translated(name: str, scr: str) -> Reading | None:
    """The name translated word by word with the glossary and the place gazetteer, or None.

    Only a name made wholly of generic words (translit_words.tsv, name_words.tsv),
    country combining forms (Sino-, 中) and known places has one (Communist Party
    of China, 中国共产党 -> china communist party; 中俄文化年 -> china culture russia
    year). Its tokens are sorted and unique, since word order and repetition differ
    between languages; years (19xx, 20xx) are kept apart in `years`, because a
    Chinese name often leaves them out. Such a reading compares only with
    another translated reading (see `compare`).
    """
    latin, cyr, han, prefixes = _concepts()
    latin_places, han_places = _places()
    words: list[str] = []
    if scr == "han":
        text = _HAN_DROP.sub("", name)
        i = 0
        while i < len(text):
            for size in (4, 3, 2, 1):
                piece = text[i:i + size]
                if len(piece) == size and (piece in han or piece in han_places):
                    words.append(han[piece] if piece in han else han_places[piece].lower())
                    i += size
                    break
            else:
                if not text[i].isdigit():
                    return None
                words.append(_DIGITS.match(text, i).group())
                i += len(words[-1])
    else:
        for raw in _SPLIT.split(name):
            if not raw:
                continue
            if raw.isdigit():
                words.append(str(int(raw)))
                continue
            word = _translate_word(raw, scr, latin, cyr, latin_places)
            if word is not None:
                words.append(word)
                continue
            low = raw.lower()
            for pscr, form, value in prefixes:     # Транссибирский = транс- + сибирский
                if pscr == scr and low.startswith(form) and len(low) - len(form) >= 4:
                    rest = _translate_word(raw[len(form):], scr, latin, cyr, latin_places)
                    if rest is not None:
                        words += [value, rest]
                        break
            else:
                return None
    years = tuple(sorted({w for w in words if _YEAR.fullmatch(w)}))
    kept = sorted({w for w in words if w and w not in years})
    if not kept:
        return None
    return Reading(tuple(kept), tuple(kept), TRANSLATED, years=years, script=scr)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _translate_word(raw: str, scr: str, latin: dict[str, str], cyr: dict[str, str],
                    latin_places: dict[str, str]) -> str | None:
    """One word of a Latin or Cyrillic name in the glossary ('' = a dropped word), or None."""
    tok = coarse(_word_token(raw, scr == "cyrillic"))
    stem = _ru_stem(raw.lower()) if scr == "cyrillic" else None
    place = latin_places.get(_place_key(raw))
    if stem is not None and stem in cyr:
        return cyr[stem]
    if tok in latin:
        return latin[tok]
    if place:
        return place.lower()
    return None


def _looks_pinyin(name: str) -> bool:
    """A Latin name whose every token is a run of pinyin syllables (Zheng Hanyi)."""
    return all(_pinyin_word(raw) for raw in _SPLIT.split(name.lower()) if raw)


@lru_cache(maxsize=100_000)
def _pinyin_word(raw: str) -> bool:
    syl = _zh_syllables()
    n = len(raw)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if ok[i]:
            for j in range(i + 1, min(n, i + 6) + 1):
                if raw[i:j] in syl:
                    ok[j] = True
    return ok[n]


def reading_keys(r: Reading, fam: str) -> set[str]:
    """Blocking keys of one reading: sorted tokens, sorted skeletons, surname key(s), place.

    A surname key is its skeleton when that has 3+ consonants, else the token
    itself (short skeletons such as "sn" would put thousands in one block).
    """
    keys = {f"{fam}:n:{' '.join(sorted(r.tokens))}"}
    personal = fam in PERSONAL
    skel = " ".join(sorted(s for s in r.skeletons if s))
    if len(skel.replace(" ", "")) >= 3 and not (personal and len(r.tokens) == 1):
        keys.add(f"{fam}:s:{skel}")
    if personal and len(r.tokens) > 1 and r.source not in LOOSE_SOURCES:
        # a typo in one name still leaves the other name and the first letters of this one
        first, last = r.tokens[0], r.tokens[-1]
        keys.add(f"{fam}:p:{first}|{last[:3]}")
        keys.add(f"{fam}:p:{last}|{first[:3]}")
    if personal:
        ends = {0, len(r.tokens) - 1} if r.surname_first else {len(r.tokens) - 1}
        for i in ends:
            if len(r.skeletons[i]) >= 3:
                keys.add(f"{fam}:l:{r.skeletons[i]}")
            elif len(r.tokens) > 1 or r.source not in LOOSE_SOURCES:
                keys.add(f"{fam}:t:{r.tokens[i]}")
    if r.place:
        keys.add(f"{fam}:g:{r.place.lower()}")
    return keys


def blocking_keys(names: Iterable[str], type: str, lang: str = "en") -> set[str]:
    """Normalised accent-free Latin keys for the names of one entity of `type`.

    Entities that may be the same share at least one key; keys carry the type
    family so different kinds of entity never meet. A handful of keys per name.
    """
    if isinstance(names, str):
        names = [names]
    keys: set[str] = set()
    for name in names:
        for r in readings(name, type, lang):
            for fam in families(type):
                keys |= reading_keys(r, fam)
    return keys
