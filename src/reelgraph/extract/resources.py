"""Load the data files extraction runs on: gazetteers, word lists, cue patterns, the predicate table.

Every loader validates as it reads and raises PatternError naming the file
and line of a bad entry, so a one-line data change cannot fail silently.
"""

from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from reelgraph.errors import PatternError

DATA = Path(__file__).resolve().parents[1] / "data"


def _rows(path: Path, min_cols: int) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a TSV file with their line numbers."""
    out = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as e:
        raise PatternError(str(path), None, f"cannot read: {e}") from e
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < min_cols or not cols[0].strip():
            raise PatternError(str(path), number, f"expected at least {min_cols} tab-separated columns")
        out.append((number, [c.strip() for c in cols]))
    return out


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@dataclass(frozen=True)
class Country:
    """One row of countries.tsv."""

    iso2: str
    name: str
    names: tuple[str, ...]        # english name and other english names
    demonyms: tuple[str, ...]
    combining: tuple[str, ...]    # "Sino" in "Sino-Russian"
    ru: str
    zh: str


@dataclass(frozen=True)
class Place:
    """One row of a places gazetteer: a city, region or venue with its country."""

    name: str
    type: str
    iso2: str
    within: str | None


@dataclass
class Gazetteer:
    """Countries by any English name, demonym or combining form; places by name; currency words."""

    countries: dict[str, Country] = field(default_factory=dict)        # iso2 -> Country
    country_by_name: dict[str, Country] = field(default_factory=dict)  # lowercased name -> Country
    country_by_demonym: dict[str, Country] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)             # lowercased name -> Place
    currencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # surface -> (ISO code, position)


def load_countries(path: Path | None = None) -> dict[str, Country]:
    """countries.tsv: iso2, name, other names, demonyms, combining forms, Russian, Chinese."""
    path = path or DATA / "gazetteers" / "countries.tsv"
    out: dict[str, Country] = {}
    for number, cols in _rows(path, 2):
        cols += [""] * (7 - len(cols))
        iso2, name = cols[0], cols[1]
        if len(iso2) != 2 or not iso2.isupper():
            raise PatternError(str(path), number, f"iso2 code {iso2!r} is not two capital letters")
        if iso2 in out:
            raise PatternError(str(path), number, f"country {iso2} appears twice")
        out[iso2] = Country(iso2, name, tuple([name] + _split(cols[2])), tuple(_split(cols[3])),
                            tuple(_split(cols[4])), cols[5], cols[6])
    return out


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The English gazetteer, loaded once per process."""
    gaz = Gazetteer()
    gaz.countries = load_countries()
    for c in gaz.countries.values():
        for n in c.names:
            gaz.country_by_name[n.lower()] = c
        for d in c.demonyms:
            gaz.country_by_demonym[d.lower()] = c
    path = DATA / "gazetteers" / "en_places.tsv"
    for number, cols in _rows(path, 3):
        name, kind, iso2 = cols[0], cols[1], cols[2]
        if kind not in ("City", "Region", "Venue"):
            raise PatternError(str(path), number, f"type {kind!r} is not City, Region or Venue")
        if iso2 not in gaz.countries:
            raise PatternError(str(path), number, f"country {iso2!r} is not in countries.tsv")
        gaz.places[name.lower()] = Place(name, kind, iso2, cols[3] if len(cols) > 3 and cols[3] else None)
    path = DATA / "gazetteers" / "en_currencies.tsv"
    for number, cols in _rows(path, 3):
        if cols[2] not in ("prefix", "suffix", "either") or len(cols[1]) != 3:
            raise PatternError(str(path), number, "expected: surface, ISO 4217 code, prefix|suffix|either")
        gaz.currencies[cols[0].lower()] = (cols[1], cols[2])
    return gaz


WORD_KINDS = {"title", "role_title", "film_noun", "genre", "genre_head", "event_word", "venue_word", "org_word",
              "film_noise", "report_verb", "aside_word", "headline_verb", "festival", "award_name", "honorific"}


@functools.lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """en_words.tsv: kind -> the lowercase words of that kind."""
    path = DATA / "gazetteers" / "en_words.tsv"
    out: dict[str, set[str]] = {k: set() for k in WORD_KINDS}
    for number, cols in _rows(path, 2):
        if cols[1] not in WORD_KINDS:
            raise PatternError(str(path), number, f"kind {cols[1]!r} is not one of {sorted(WORD_KINDS)}")
        out[cols[1]].add(cols[0].lower())
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class NameParts:
    """en_names.tsv: lowercase given names, and family names written first (East Asian order)."""

    given: frozenset[str]
    family_first: frozenset[str]


@functools.lru_cache(maxsize=1)
def name_parts() -> NameParts:
    """Given names and first-written family names, loaded once per process."""
    path = DATA / "gazetteers" / "en_names.tsv"
    out: dict[str, set[str]] = {"given": set(), "family_first": set()}
    for number, cols in _rows(path, 2):
        if cols[1] not in out:
            raise PatternError(str(path), number, f"kind {cols[1]!r} is not given or family_first")
        out[cols[1]].add(cols[0].lower())
    return NameParts(frozenset(out["given"]), frozenset(out["family_first"]))


@functools.lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """The pinyin syllables of translit_zh_syllables.tsv (first column), to tell a romanised Chinese given name."""
    path = DATA / "gazetteers" / "translit_zh_syllables.tsv"
    return frozenset(cols[0].lower() for _, cols in _rows(path, 1))


def _named_rows(path: Path, allowed: set[str], what: str) -> Iterator[list[str]]:
    """Rows of a two-column name table whose second column must be one of `allowed` (a `what`)."""
    for number, cols in _rows(path, 2):
        if cols[1] not in allowed:
            raise PatternError(str(path), number, f"{what} {cols[1]!r} is not one of {sorted(allowed)}")
        yield cols


@functools.lru_cache(maxsize=1)
def type_nouns() -> dict[str, str]:
    """en_type_nouns.tsv: a noun before a quoted name -> the type it gives the name."""
    path = DATA / "gazetteers" / "en_type_nouns.tsv"
    return {cols[0].lower(): cols[1] for cols in _named_rows(path, NAME_HEAD_TYPES, "type")}


NAME_HEAD_TYPES = {"Other", "Venue", "Organization", "Event", "City", "Region"}
COMPANY_KINDS = {"studio", "streamer", "broadcaster", "distributor"}


@functools.lru_cache(maxsize=1)
def companies() -> dict[str, str]:
    """en_companies.tsv: well-known film and TV companies, lowercased name -> name as written."""
    path = DATA / "gazetteers" / "en_companies.tsv"
    return {cols[0].lower(): cols[0] for cols in _named_rows(path, COMPANY_KINDS, "kind")}


@functools.lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """en_languages.tsv: lowercase language names ("malayalam", "tagalog")."""
    return frozenset(cols[0].lower() for _, cols in _rows(DATA / "gazetteers" / "en_languages.tsv", 1))


PUBLICATION_KINDS = {"trade", "magazine"}


@functools.lru_cache(maxsize=1)
def publications() -> dict[str, str]:
    """en_publications.tsv: film trade papers and magazines, lowercased name -> name as written
    (a name written with "The" is also listed without it)."""
    path = DATA / "gazetteers" / "en_publications.tsv"
    out = {}
    for cols in _named_rows(path, PUBLICATION_KINDS, "kind"):
        out[cols[0].lower()] = cols[0]
        if cols[0].startswith("The "):
            out[cols[0][4:].lower()] = cols[0][4:]
    return out


def is_publication(name: str) -> bool:
    """A name of en_publications.tsv (any case, with or without "The")."""
    return name.lower() in publications()


@functools.lru_cache(maxsize=1)
def name_heads() -> dict[str, dict[str, str]]:
    """en_name_heads.tsv: position (first, last, any) -> lowercase word -> the type it gives a name."""
    path = DATA / "gazetteers" / "en_name_heads.tsv"
    out: dict[str, dict[str, str]] = {"first": {}, "last": {}, "any": {}}
    for number, cols in _rows(path, 3):
        if cols[1] not in out:
            raise PatternError(str(path), number, f"position {cols[1]!r} is not first, last or any")
        if cols[2] not in NAME_HEAD_TYPES:
            raise PatternError(str(path), number, f"type {cols[2]!r} is not one of {sorted(NAME_HEAD_TYPES)}")
        out[cols[1]][cols[0].lower()] = cols[2]
    return out


@dataclass(frozen=True)
class Predicate:
    """One row of predicates.toml: the label and what its subject and object are."""

    id: str
    label: str
    object: str          # "entity", "date", "string", "quantity"


@dataclass(frozen=True)
class PredicateTable:
    """predicates.toml: predicate labels, modality cues and cue confidences."""

    predicates: dict[str, Predicate]
    modality: dict[str, tuple[str, ...]]    # kind -> cue phrases
    confidence: dict[str, float]            # cue id -> measured precision


@functools.lru_cache(maxsize=1)
def predicate_table(path: Path | None = None) -> PredicateTable:
    """predicates.toml, validated."""
    path = path or DATA / "predicates.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise PatternError(str(path), getattr(e, "lineno", None), f"not valid TOML: {e}") from e
    preds = {}
    for pid, row in (raw.get("predicates") or {}).items():
        if not isinstance(row, dict) or "label" not in row or row.get("object") not in ("entity", "date", "string", "quantity"):
            raise PatternError(str(path), None, f"predicate {pid}: needs label and object (entity|date|string|quantity)")
        preds[pid] = Predicate(pid, row["label"], row["object"])
    modality = {k: tuple(v) for k, v in (raw.get("modality") or {}).items()}
    conf = {}
    for cue, value in (raw.get("confidence") or {}).items():
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise PatternError(str(path), None, f"confidence of {cue} must be a number in [0, 1]")
        conf[cue] = float(value)
    return PredicateTable(preds, modality, conf)


PATTERN_KEYS = {"id", "predicate", "pattern", "confidence", "subject", "options"}


@dataclass(frozen=True)
class CuePattern:
    """One line of a pattern file: a regex over the entity-tagged clause with typed slots."""

    id: str
    predicate: str
    pattern: str
    confidence: float
    subject: str                # "slot", "film" (film in context), "main_film"
    options: tuple[str, ...]
    line: int


def pattern_objects(path: Path, keys: set[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a jsonl pattern file with their line numbers, checked for what every such file shares.

    Blank lines and `//` comments are skipped; a line that is not a JSON
    object, has a key outside `keys`, or lacks a unique non-empty "id" raises
    PatternError naming the file and line.
    """
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as e:
        raise PatternError(str(path), None, f"cannot read: {e}") from e
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            obj: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError as e:
            raise PatternError(str(path), number, f"not JSON: {e.msg}") from e
        if not isinstance(obj, dict):
            raise PatternError(str(path), number, "expected a JSON object")
        extra = set(obj) - keys
        if extra:
            raise PatternError(str(path), number, f"unknown keys {sorted(extra)}")
        if not isinstance(obj.get("id"), str) or not obj["id"]:
            raise PatternError(str(path), number, "missing or empty 'id'")
        if obj["id"] in seen:
            raise PatternError(str(path), number, f"id {obj['id']!r} appears twice")
        seen.add(obj["id"])
        yield number, obj


def load_cue_patterns(path: Path, known_predicates: set[str]) -> list[CuePattern]:
    """A jsonl pattern file: one JSON object per line, keys as in PATTERN_KEYS."""
    out = []
    for number, obj in pattern_objects(path, PATTERN_KEYS):
        for key in ("predicate", "pattern"):
            if not isinstance(obj.get(key), str) or not obj[key]:
                raise PatternError(str(path), number, f"missing or empty {key!r}")
        if obj["predicate"] not in known_predicates:
            raise PatternError(str(path), number, f"predicate {obj['predicate']} is not in predicates.toml")
        conf = obj.get("confidence", 0.7)
        if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            raise PatternError(str(path), number, "confidence must be a number in [0, 1]")
        subject = obj.get("subject", "film")
        if subject not in ("slot", "film", "main_film"):
            raise PatternError(str(path), number, f"subject {subject!r} is not slot, film or main_film")
        out.append(CuePattern(obj["id"], obj["predicate"], obj["pattern"], float(conf), subject,
                              tuple(obj.get("options") or ()), number))
    return out
