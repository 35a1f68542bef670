"""natasha models (loaded once per process) and Russian name normalization.

Names in the output are nominative («Олег Гусев» for «Олега Гусева»).
natasha tags each token's case and gender; pymorphy2 (inside natasha's
MorphVocab) inflects dictionary words, and suffix rules handle foreign names
pymorphy does not know («Ма Вэя» -> «Ма Вэй», «Ли Шанем» -> «Ли Шань»).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from reelgraph.errors import ModelMissingError

log = logging.getLogger(__name__)

CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_VOWELS = "аеёиоуыэюя"


@dataclass(frozen=True)
class Models:
    """The natasha pipeline parts every Russian document goes through."""

    segmenter: object
    morph_vocab: object
    morph_tagger: object
    syntax_parser: object
    ner_tagger: object


@functools.lru_cache(maxsize=1)
def models() -> Models:
    """Load natasha's news models once per process (about 2 s)."""
    try:
        from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                             NewsSyntaxParser, Segmenter)
    except ImportError as e:  # pragma: no cover - natasha is a pinned dependency
        raise ModelMissingError("natasha==1.6.0", "Russian") from e
    emb = NewsEmbedding()
    log.debug("natasha models loaded")
    return Models(Segmenter(), MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb))


def _keep_case(template: str, word: str) -> str:
    """Write `word` with the capitalisation of `template`."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    # letter by letter over the shared part: МХАТа -> МХАТ, not Мхат
    return "".join(c.upper() if i < len(template) and template[i].isupper() else c for i, c in enumerate(word))


def _parses(word: str):
    """pymorphy2 parses (OpenCorpora tags) through natasha's cached MorphVocab."""
    return models().morph_vocab.parse(word)


def _inflect(parse, grams: set[str]):
    """Inflect with OpenCorpora grammemes (natasha's own inflect takes UD names)."""
    from pymorphy2.analyzer import Parse
    return Parse.inflect(parse, grams)


def name_stem(word: str) -> str:
    """A crude case-free key of one name word: Зотовым, Зотова, Зотов -> зотов."""
    w = word.lower().replace("ё", "е")
    for end in ("ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ой", "ей", "ом", "ем",
                "ый", "ий", "ым", "им", "ую", "юю", "ах", "ях", "ам", "ям", "а", "я", "у", "ю", "е", "ы", "и", "ь", "й"):
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


def _palladius_needs_soft_sign(stem: str) -> bool:
    """A Russian spelling of a Chinese name that reads as Palladius syllables only with a final ь."""
    from reelgraph.resolve.keys import palladius_syllables   # the Palladius table lives with the resolver

    return palladius_syllables(stem) is None and palladius_syllables(stem + "ь") is not None


def _foreign_nominative(word: str, case: str, gender: str | None) -> str | None:
    """Undo a Russian case ending on a name pymorphy does not know; None if unsure."""
    w = word
    low = w.lower()
    # adjectival surnames: Глуховского -> Глуховский, Подкаминской -> Подкаминская
    adjectival = (("ского", "ский"), ("цкого", "цкий"), ("скому", "ский"), ("цкому", "цкий"), ("ским", "ский"),
                  ("цким", "цкий"), ("ском", "ский"), ("цком", "цкий")) if gender != "Fem" else ()
    adjectival += (("ской", "ская"), ("цкой", "цкая"), ("скую", "ская"), ("цкую", "цкая"))   # feminine only
    for end, nom in adjectival:
        if low.endswith(end) and len(low) > len(end) + 1:
            return w[: -len(end)] + nom
    if len(w) < 3 or low[-1] in "оиэ" or "-" in w and not w[-1].isalpha():
        return None
    if gender == "Fem":
        for end, nom in (("ой", "а"), ("ей", "я"), ("у", "а"), ("ю", "я"), ("ы", "а")):
            if case != "Nom" and low.endswith(end):
                return w[: -len(end)] + nom
        return None
    stem = None
    if case in ("Gen", "Acc") and low[-1] in "ая":
        stem, soft = w[:-1], low[-1] == "я"
    elif case == "Dat" and low[-1] in "ую" and low[-2] not in _VOWELS:
        stem, soft = w[:-1], low[-1] == "ю"
    elif case == "Ins" and low[-2:] in ("ом", "ем", "ём"):
        stem, soft = w[:-2], low[-2:] != "ом" and low[-3:-2] not in "жшчщц"
    elif case == "Loc" and low[-1] == "е":
        # в Шанхае, в Хэндяне: a vowel before the ending, or a Chinese name that spells a syllable
        # only with its soft sign (Хэндянь, not Хэндян), had a soft stem
        stem, soft = w[:-1], low[-2:-1] in _VOWELS or _palladius_needs_soft_sign(low[:-1])
    if stem is None or len(stem) < 2:
        return None
    if soft:
        stem += "й" if stem[-1].lower() in _VOWELS else "ь"
    return stem


def nominative_word(word: str, case: str | None, gender: str | None = None, name_like: bool = True) -> str:
    """The nominative of one name word given natasha's case and gender tags."""
    if not case or case == "Nom" or not re.search("[а-яё]", word.lower()):
        return word
    target = CASES.get(case)
    best = None
    for p in _parses(word):
        tag = p.tag
        if target not in tag or "sing" not in tag:
            continue
        if gender and {"Masc": "masc", "Fem": "femn"}.get(gender) not in tag and "ms-f" not in tag:
            continue
        if name_like and not ({"Name", "Surn", "Patr"} & tag.grammemes):
            continue
        if "Fixd" in tag:
            if p.is_known:
                return word
            continue                      # a guessed «indeclinable» for an unknown word is no evidence
        inflected = _inflect(p, {"nomn"})
        if inflected:
            best = inflected.word
            break
    if best is None and name_like and word[:1].isupper():
        # adjectival surnames pymorphy reads as adjectives: Ясным -> Ясный, Лебедянскую -> Лебедянская
        want = {"Masc": "masc", "Fem": "femn"}.get(gender or "")
        for p in _parses(word):
            if p.tag.POS == "ADJF" and target in p.tag and "sing" in p.tag and (want is None or want in p.tag):
                inflected = _inflect(p, {"nomn"})
                if inflected and _same_stem(word.lower(), inflected.word):
                    best = inflected.word
                    break
    if best is None:
        best = _foreign_nominative(word, case, gender)
    elif _palladius_needs_soft_sign(best.lower()):
        best += "ь"          # pymorphy's guess for a Chinese name lost the soft sign: Хэндяне -> Хэндянь
    return _keep_case(word, best) if best else word


# Title normalization ---------------------------------------------------------

_POS_AGREE = ("ADJF", "PRTF", "NUMR", "NPRO")


def _inflect_chain(words: list[str], prefer: str | None) -> list[str] | None:
    """Inflect a leading adjective(s) + noun chain to the nominative, if it is not already."""
    _ALL = ("nomn", "gent", "datv", "accs", "ablt", "loct")
    chain: list[tuple[str, list]] = []
    cases: set[str] | None = None
    for w in words:
        if not re.fullmatch(r"[А-Яа-яЁё-]+", w):
            break
        parses = _parses(w)
        cs = {c for p in parses for c in _ALL if c in p.tag}
        if cases is not None and not (cases & cs):
            break
        if chain and parses and "Fixd" in parses[0].tag and parses[0].tag.POS == "NOUN":
            chain.append((w, None))       # «Северной Медиа Компании»: an indeclinable word inside
            continue
        cases = cs if cases is None else cases & cs
        chain.append((w, parses))
        top = parses[0].tag.POS if parses else None
        # «Байкало-Амурском»: read first as an indeclinable name, but an adjective is among its readings
        adjective_too = bool(parses) and "Fixd" in parses[0].tag and any(p.tag.POS in _POS_AGREE for p in parses)
        if top not in _POS_AGREE and not adjective_too:
            break
    while chain and chain[-1][1] is None:
        chain.pop()
    if not chain or not cases or "nomn" in cases:
        return None
    order = [prefer] if prefer in cases else []
    order += [c for c in ("loct", "gent", "datv", "ablt", "accs") if c in cases and c not in order]
    case = order[0]
    head = chain[-1]
    # the head's reading that agrees with the adjectives before it (Песчаной косе: коса, not кос)
    adj_genders = {p.tag.gender for w, ps in chain[:-1] if ps for p in ps if case in p.tag and p.tag.gender}
    head_parses = [p for p in head[1] if case in p.tag]
    head_parse = next((p for p in head_parses if p.tag.gender in adj_genders), None) or (
        head_parses[0] if head_parses else None)
    if head_parse is None:
        return None
    number = "plur" if "plur" in head_parse.tag else "sing"
    gender = head_parse.tag.gender
    out = []
    for w, parses in chain:
        if parses is None:
            out.append(w)
            continue
        cand = [p for p in parses if case in p.tag and number in p.tag]
        if w is head[0]:
            cand = [head_parse] + [p for p in cand if p is not head_parse]
        elif number == "sing" and gender:
            cand = [p for p in cand if p.tag.gender in (gender, None)] or cand
        if not cand:
            return None
        word = None
        for parse in cand:
            infl = _inflect(parse, {"nomn", number} if number == "plur" else {"nomn"})
            # An inflection that changes the stem (высших -> высочайшие) is a wrong parse.
            if infl is not None and _same_stem(w.lower().replace("ё", "е"), infl.word.replace("ё", "е")):
                word = infl.word
                break
        if word is None:
            return None
        if "ё" in w.lower() and "ё" not in word:
            word = _restore_yo(w, word)
        elif "ё" not in w.lower():
            word = word.replace("ё", "е")
        out.append(_keep_case(w, word))
    return out + words[len(chain):]


def _same_stem(a: str, b: str) -> bool:
    """Case forms keep their stem (белого/белый); a different word (высших/высочайшие) does not."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= min(len(a), len(b)) - 2


def _restore_yo(original: str, word: str) -> str:
    """pymorphy writes е for ё: put ё back where the text had it (шёлка -> шёлк)."""
    low = original.lower()
    chars = list(word)
    for i, ch in enumerate(low[: len(chars)]):
        if ch == "ё" and chars[i] == "е":
            chars[i] = "ё"
    return "".join(chars)


def nominative_title(title: str, prefer_case: str | None = None) -> str:
    """«Белого тигра» -> «Белый тигр»: inflect the title's leading noun group.

    Each part of a double title («Дорогах, или Долгой истории») is inflected
    alike; the rest of the words (genitive complements, numbers) stay as written.
    """
    parts = re.split(r"(,\s*или\s+)", title)
    out = []
    for part in parts:
        if re.fullmatch(r",\s*или\s+", part):
            out.append(part)
            continue
        tokens = re.split(r"(\s+)", part)
        words = tokens[0::2]
        new = _inflect_chain(words, prefer_case)
        if new is None:
            out.append(part)
            continue
        tokens[0::2] = new
        out.append("".join(tokens))
    return "".join(out)
