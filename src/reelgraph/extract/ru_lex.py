"""Russian cue words and gazetteers, loaded from data files and validated.

Everything extract/ru.py knows about Russian film vocabulary lives in
`data/patterns/ru_*.tsv` and `data/gazetteers/ru_*.tsv`, so a new cue or place
is a one-line change. A malformed line raises PatternError naming file and line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from reelgraph.errors import PatternError

CUE_GROUPS = frozenset("""
film_noun genre_noun genre_adj event_head venue_head org_head award_head other_head other_tail
cast_verb cast_ensemble role_noun hero_noun director_noun director_work director_verb
author_noun producer_noun producer_verb writer_noun composer_noun dop_noun
release_verb release_place release_noun premiere_noun premiere_verb box_office
production_noun production_verb distribution_noun distribution_verb
chair_noun ceo_noun job_noun job_verb award_verb award_holder nomination
honorary_adj honorary_noun present_verb filming_noun filming_verb event_verb modality
""".split())

PLACE_TYPES = ("Country", "City", "Region")


def fold(word: str) -> str:
    """Lower case with ё as е: the form every cue and gazetteer key is compared in."""
    return word.lower().replace("ё", "е")


@dataclass(frozen=True)
class Place:
    """A gazetteer place: nominative name, type, other names, adjective lemmas."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()


@dataclass
class Lexicon:
    """All Russian cue groups and gazetteers, keyed for lookups by folded lemma."""

    cues: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)        # folded name or alias -> place
    adjectives: dict[str, Place] = field(default_factory=dict)    # folded adjective lemma -> place
    awards: dict[str, str] = field(default_factory=dict)          # folded name or form -> name
    months: list[tuple[str, int]] = field(default_factory=list)   # (stem, number), longest stem first
    weekdays: list[tuple[str, int]] = field(default_factory=list)
    zodiac: dict[str, int] = field(default_factory=dict)

    def words(self, group: str) -> frozenset[str]:
        """Single-word lemmas of a cue group."""
        return frozenset(c[0] for c in self.cues.get(group, ()) if len(c) == 1)

    def phrases(self, group: str) -> frozenset[tuple[str, ...]]:
        """Every cue of a group as a tuple of lemmas."""
        return self.cues.get(group, frozenset())


def _data_dir() -> Path:
    return Path(str(resources.files("reelgraph"))) / "data"


def _rows(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    """Non-comment lines of a TSV file, each padded to `columns` fields."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PatternError(str(path), None, f"cannot read: {e.strerror or e}") from e
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) > columns:
            raise PatternError(str(path), number, f"expected at most {columns} tab-separated fields, got {len(parts)}")
        if not parts[0].strip():
            raise PatternError(str(path), number, "first field is empty")
        out.append((number, [p.strip() for p in parts] + [""] * (columns - len(parts))))
    return out


def load_cues(path: Path) -> dict[str, frozenset[tuple[str, ...]]]:
    """Read `group<TAB>lemma` lines; the group must be one of CUE_GROUPS."""
    groups: dict[str, set[tuple[str, ...]]] = {}
    for number, (group, lemma) in _rows(path, 2):
        if group not in CUE_GROUPS:
            raise PatternError(str(path), number, f"unknown cue group {group!r}")
        if not lemma:
            raise PatternError(str(path), number, "missing lemma")
        if lemma != fold(lemma):
            raise PatternError(str(path), number, f"lemma {lemma!r} must be lower case with е for ё")
        groups.setdefault(group, set()).add(tuple(lemma.split()))
    return {g: frozenset(v) for g, v in groups.items()}


def load_places(path: Path) -> tuple[dict[str, Place], dict[str, Place]]:
    """Read the place gazetteer: names and aliases, and adjective lemmas."""
    places: dict[str, Place] = {}
    adjectives: dict[str, Place] = {}
    for number, (name, type_, aliases, adjs) in _rows(path, 4):
        if type_ not in PLACE_TYPES:
            raise PatternError(str(path), number, f"type must be one of {', '.join(PLACE_TYPES)}, got {type_!r}")
        place = Place(name, type_, tuple(a for a in aliases.split("|") if a),
                      tuple(fold(a) for a in adjs.split("|") if a))
        for key in (name, *place.aliases):
            places[fold(key)] = place
        for adj in place.adjectives:
            adjectives.setdefault(adj, place)
    return places, adjectives


def _numbered(path: Path) -> list[tuple[str, int]]:
    out = []
    for number, (key, value) in _rows(path, 2):
        if not value.isdigit():
            raise PatternError(str(path), number, f"second field must be a number, got {value!r}")
        out.append((fold(key), int(value)))
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The Russian lexicon, read once per process."""
    data = _data_dir()
    lex = Lexicon()
    lex.cues = load_cues(data / "patterns" / "ru_cues.tsv")
    lex.places, lex.adjectives = load_places(data / "gazetteers" / "ru_places.tsv")
    for number, (name, forms) in _rows(data / "gazetteers" / "ru_awards.tsv", 2):
        for form in (name, *(f for f in forms.split("|") if f)):
            lex.awards[fold(form)] = name
    lex.months = sorted(_numbered(data / "gazetteers" / "ru_months.tsv"), key=lambda p: -len(p[0]))
    lex.weekdays = _numbered(data / "gazetteers" / "ru_weekdays.tsv")
    lex.zodiac = dict(_numbered(data / "gazetteers" / "ru_zodiac.tsv"))
    return lex
