"""Load the Chinese data files: word lists, surnames, transliteration characters, places, cue patterns.

Each loader validates as it reads and raises PatternError naming the file and
line of a bad entry. Everything is loaded once per process (lru_cache).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from reelgraph.errors import PatternError
from reelgraph.extract.resources import DATA, CuePattern, load_countries, load_cue_patterns, predicate_table

GAZ = DATA / "gazetteers"
PATTERNS = DATA / "patterns"

# kind -> whether the kind needs a value column
WORD_KINDS = {
    "role": False, "char_role": False, "adverb": False, "stop": False, "list_sep": False,
    "org_suffix": False, "venue_suffix": False, "event_suffix": False, "generic": False,
    "nationwide": False, "country_abbrev": True, "modality": False, "genre": False,
    "film_noun": False, "anchor": True, "currency": True,
}

# How a cue pattern reads its arguments; zh.py has one function per shape.
SHAPES = {"names_before", "names_after", "cast_role", "orgs_before", "orgs_after", "release", "premiere",
          "filming", "presented", "box_office", "award", "org_head", "event_place", "coproduction",
          "country_before", "genre", "orgs_by", "names_by", "award_to", "film_year", "voice", "orgs_at", "employer"}

PLACE_TYPES = ("City", "Region", "Country")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PatternError(str(path), None, f"cannot read: {e}") from e
    return [(n, line) for n, line in enumerate(text.split("\n"), 1)
            if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=4)
def words(path: Path | None = None) -> dict[str, dict[str, str]]:
    """zh_words.tsv: kind -> {word: value} (value is "" where the kind has none)."""
    path = path or GAZ / "zh_words.tsv"
    out: dict[str, dict[str, str]] = {k: {} for k in WORD_KINDS}
    for number, line in _lines(path):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not cols[0]:
            raise PatternError(str(path), number, "expected word<TAB>kind[<TAB>value]")
        word, kind = cols[0], cols[1]
        if kind not in WORD_KINDS:
            raise PatternError(str(path), number, f"kind {kind!r} is not one of {sorted(WORD_KINDS)}")
        value = cols[2] if len(cols) > 2 else ""
        if WORD_KINDS[kind] and not value:
            raise PatternError(str(path), number, f"kind {kind} needs a value in the third column")
        if kind == "anchor" and not re.fullmatch(r"\d{4}", value):
            raise PatternError(str(path), number, f"anchor year {value!r} is not four digits")
        if kind == "currency" and not re.fullmatch(r"[A-Z]{3}", value):
            raise PatternError(str(path), number, f"currency code {value!r} is not ISO 4217")
        out[kind][word] = value
    return out


@functools.lru_cache(maxsize=4)
def surnames(path: Path | None = None) -> frozenset[str]:
    """zh_surnames.tsv: Chinese family names, one or two characters."""
    path = path or GAZ / "zh_surnames.tsv"
    out = set()
    for number, line in _lines(path):
        name = line.strip()
        if not _CJK.match(name) or len(name) > 2:
            raise PatternError(str(path), number, f"{name!r} is not a one- or two-character Chinese surname")
        out.add(name)
    return frozenset(out)


@functools.lru_cache(maxsize=4)
def translit_chars(path: Path | None = None) -> frozenset[str]:
    """zh_translit.tsv: the characters used to write foreign names."""
    path = path or GAZ / "zh_translit.tsv"
    out: set[str] = set()
    for number, line in _lines(path):
        cols = line.split("\t")
        if len(cols) != 2 or not _CJK.match(cols[1].strip()):
            raise PatternError(str(path), number, "expected group<TAB>Chinese characters")
        out.update(cols[1].strip())
    return frozenset(out)


@dataclass(frozen=True)
class ZhPlace:
    """A place by its Chinese name: type City, Region or Country, and what it lies within."""

    name: str
    type: str
    within: str | None


@functools.lru_cache(maxsize=4)
def places(path: Path | None = None) -> dict[str, ZhPlace]:
    """Countries (countries.tsv Chinese column) and zh_places.tsv, by Chinese name."""
    out: dict[str, ZhPlace] = {}
    for country in load_countries().values():
        if country.zh:
            out[country.zh] = ZhPlace(country.zh, "Country", None)
    path = path or GAZ / "zh_places.tsv"
    rows = []
    seen: set[str] = set()
    for number, line in _lines(path):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not _CJK.match(cols[0]) or cols[1] not in PLACE_TYPES:
            raise PatternError(str(path), number, "expected Chinese name<TAB>City|Region|Country[<TAB>within]")
        if cols[0] in seen:
            raise PatternError(str(path), number, f"{cols[0]} appears twice")
        seen.add(cols[0])
        if cols[0] in out and out[cols[0]].type == "Country":
            continue    # countries.tsv has it now; that file wins
        out[cols[0]] = ZhPlace(cols[0], cols[1], cols[2] if len(cols) > 2 and cols[2] else None)
        rows.append((number, out[cols[0]]))
    for number, place in rows:
        if place.within and place.within not in out:
            raise PatternError(str(path), number, f"within {place.within!r} is not a known place")
    return out


@dataclass(frozen=True)
class ZhCue:
    """A cue pattern with its compiled regex and shape."""

    pattern: CuePattern
    regex: re.Pattern
    shape: str


@functools.lru_cache(maxsize=4)
def cues(path: Path | None = None) -> tuple[ZhCue, ...]:
    """patterns/zh_cues.jsonl, validated: known predicate, compilable regex, known shape."""
    path = path or PATTERNS / "zh_cues.jsonl"
    out = []
    for cue in load_cue_patterns(path, set(predicate_table().predicates)):
        shape = cue.options[0] if cue.options else ""
        if shape not in SHAPES:
            raise PatternError(str(path), cue.line, f"options[0] {shape!r} is not one of {sorted(SHAPES)}")
        try:
            regex = re.compile(cue.pattern)
        except re.error as e:
            raise PatternError(str(path), cue.line, f"bad regex: {e}") from e
        out.append(ZhCue(cue, regex, shape))
    return tuple(out)


def label(predicate: str) -> str:
    """English label of a predicate id from predicates.toml."""
    row = predicate_table().predicates.get(predicate)
    return row.label if row else predicate
