"""Facts of encyclopedic leads and filmographies (Wikipedia-style prose).

Called by `facts.find_facts` with the shared Context: `lead_subject` before
the clause cues (the lead decides the article's film or person), then
`lead_facts` after them adds facts about that subject the clause cues miss.

A lead is a first sentence that says what its subject is: "X is a 1999
American drama film ...", "X is the fifth episode of ...", "X (born 1970)
is an Italian actor ...". Only a document with such a lead gets lead facts,
so ordinary news (whose first sentence reports an event) is left alone.

What a lead gives:
- its subject becomes the article's film or person (created when the
  mention finder missed it) before the clause cues run, so "It was
  directed by ..." finds its film;
- film leads: the year and demonyms of the description (P577, P495);
- person leads: every "Title (1999)" work of the article is the person's
  film, as cast member or director after the first profession the lead
  names;
- lead-only cue patterns (filmography lists, "aired on") from
  `data/patterns/en_lead.jsonl`, in the slot language of `facts.py`.

Facts the clause cues already found are not added again: a second finding
by a lead rule is not independent evidence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from reelgraph.errors import PatternError
from reelgraph.extract.facts import (Context, Cue, Found, _add, _Clause, _compile, _country_cluster, _country_of,
                                     _drop_mention, _is_place_word, _known_place, _modality, _origin_re, _retype,
                                     run_cues)
from reelgraph.extract.names import Cluster, Mention, absorb, key
from reelgraph.extract.resources import DATA, CuePattern, pattern_objects, predicate_table
from reelgraph.model import Term

PATTERN_FILE = DATA / "patterns" / "en_lead.jsonl"
LEAD_KINDS = ("film", "series", "episode", "person", "character")
# Facts made in code; their lines in the pattern file give predicate and confidence.
RULES = ("lead_year", "lead_origin", "series_origin", "series_cast", "title_year_work", "title_year_release",
         "series_start", "lead_in_year", "owner_directed", "list_continues", "director_wrote", "role_in_title")
_KEYS = {"id", "lead", "detect", "roles", "predicate", "pattern", "confidence", "subject", "options", "rule",
         "when_role", "words"}
# How far into the text a lead sentence may start (a heading line may come first).
LEAD_WITHIN = 200


@dataclass(frozen=True)
class Detector:
    """A lead shape: the regex over the text after the subject, and profession word -> work predicate."""

    id: str
    lead: str
    regex: re.Pattern
    roles: dict[str, str]
    line: int


@dataclass(frozen=True)
class Rule:
    """A fact made in code, with its predicate and measured confidence."""

    id: str
    lead: str
    predicate: str
    confidence: float


@dataclass
class LeadPatterns:
    """en_lead.jsonl, validated and compiled."""

    detectors: list[Detector] = field(default_factory=list)
    cues: dict[str, list[tuple[Cue, tuple[str, ...]]]] = field(default_factory=dict)  # lead -> (cue, when_role)
    rules: dict[tuple[str, str], Rule] = field(default_factory=dict)   # (lead, rule) -> Rule
    words: dict[str, frozenset[str]] = field(default_factory=dict)     # word list id -> lowercase words
    series_cues: list[Cue] = field(default_factory=list)   # episode leads: cues about the episode's series


def load_lead_patterns(path: Path) -> LeadPatterns:
    """Read and check a lead pattern file; a bad line raises PatternError with file and line."""
    known = set(predicate_table().predicates)
    out = LeadPatterns(cues={k: [] for k in LEAD_KINDS})
    for number, obj in pattern_objects(path, _KEYS):
        if "words" in obj:
            words = obj["words"]
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words) \
                    or set(obj) != {"id", "words"}:
                raise PatternError(str(path), number, "a word list needs only 'id' and a non-empty list of words")
            out.words[obj["id"]] = frozenset(w.lower() for w in words)
            continue
        # A cue or rule may hold for several kinds of lead: "lead": ["film", "series"].
        leads = obj.get("lead") if isinstance(obj.get("lead"), list) else [obj.get("lead")]
        if not leads or any(k not in LEAD_KINDS for k in leads) or ("detect" in obj and len(leads) != 1):
            raise PatternError(str(path), number, f"lead must be one of {list(LEAD_KINDS)} (a list for cues and rules)")
        if "predicate" in obj and obj["predicate"] not in known:
            raise PatternError(str(path), number, f"predicate {obj['predicate']} is not in predicates.toml")
        conf = obj.get("confidence", 0.7)
        if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            raise PatternError(str(path), number, "confidence must be a number in [0, 1]")
        if "detect" in obj:
            roles = obj.get("roles") or {}
            if not isinstance(roles, dict) or any(p not in known for p in roles.values()):
                raise PatternError(str(path), number, "roles must map profession words to known predicates")
            try:
                regex = re.compile(obj["detect"])
            except (re.error, TypeError) as e:
                raise PatternError(str(path), number, f"bad regular expression: {e}") from e
            out.detectors.append(Detector(obj["id"], leads[0], regex, roles, number))
        elif "rule" in obj:
            if obj["rule"] not in RULES or "predicate" not in obj:
                raise PatternError(str(path), number, f"rule must be one of {list(RULES)}, with a predicate")
            for kind in leads:
                if (kind, obj["rule"]) in out.rules:
                    raise PatternError(str(path), number, f"rule {obj['rule']} given twice for {kind} leads")
                out.rules[(kind, obj["rule"])] = Rule(obj["id"], kind, obj["predicate"], float(conf))
        else:
            if not isinstance(obj.get("pattern"), str) or "predicate" not in obj:
                raise PatternError(str(path), number, "a cue needs a pattern and a predicate (or detect, or rule)")
            subject = obj.get("subject", "main_film")
            if subject not in ("slot", "film", "main_film", "series"):
                raise PatternError(str(path), number, f"subject {subject!r} is not slot, film, main_film or series")
            if subject == "series" and leads != ["episode"]:
                raise PatternError(str(path), number, "subject 'series' is only for episode leads")
            # "series": the series an episode lead names (run with it as the main film).
            spec = CuePattern(obj["id"], obj["predicate"], obj["pattern"], float(conf),
                              "main_film" if subject == "series" else subject, tuple(obj.get("options") or ()), number)
            cue = _compile(spec, str(path))
            if subject == "series":
                out.series_cues.append(cue)
                continue
            for kind in leads:
                out.cues[kind].append((cue, tuple(obj.get("when_role") or ())))
    return out


@functools.lru_cache(maxsize=1)
def lead_patterns() -> LeadPatterns:
    """The lead pattern file, loaded once per process."""
    return load_lead_patterns(PATTERN_FILE)


# ---- the lead ---------------------------------------------------------------

@dataclass
class Lead:
    """What the first sentence says: the kind of subject, its span, the matched description."""

    kind: str
    start: int           # subject span
    end: int
    sentence: tuple[int, int]
    match: re.Match      # the detector's match over the text after the subject
    detector: Detector

    @property
    def first_role_predicate(self) -> str | None:
        """What the person is to their works by the first profession alone: a singer's "Title (1999)" is
        more likely an album than a film, so only this decides what bare listed titles are."""
        role = self.match.groupdict().get("role")
        return self.detector.roles.get(role.lower()) if role else None

    @property
    def role_predicate(self) -> str | None:
        """P161 for an actor, P57 for a director...: what the person is to their works."""
        role = self.match.groupdict().get("role")
        if not role:
            return None
        if role.lower() in self.detector.roles:
            return self.detector.roles[role.lower()]
        # "a singer and actress": the first profession the description names that has works.
        words = sorted(self.detector.roles, key=len, reverse=True)
        later = re.search(rf"\b(?:{'|'.join(map(re.escape, words))})\b", self.match.string[self.match.start("role"):],
                          re.IGNORECASE)
        return self.detector.roles[later.group(0).lower()] if later else None


_UP = "A-ZÀ-ÖØ-Þ"


def _subject_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject a lead sentence opens with: a quoted title, else the words before ' (', ',' or ' is'."""
    m = re.match(r"\s*[\"“]([^\"”\n]{1,100})[\"”]", text[start:end])
    if m:
        return start + m.start(1), start + m.end(1)
    m = re.match(rf"\s*((?:The )?[{_UP}0-9][^\n(,;]{{0,100}}?)(?= \(|,| (?:is|was|are|were) )", text[start:end])
    if m is None or len(m.group(1).split()) > 10:
        return None
    return start + m.start(1), start + m.end(1)


_PARTICLES = {"de", "van", "von", "da", "di", "del", "der", "den", "bin", "al", "le", "la", "du", "dos", "das", "y"}


def _name_shaped(text: str) -> bool:
    """A person's name: up to six words, each capitalised or a particle ("Ludwig van Beethoven")."""
    toks = text.split()
    return 0 < len(toks) <= 6 and all(t[0].isupper() or t in _PARTICLES for t in toks) and toks[0][0].isupper()


def find_lead(text: str, sentences: list[tuple[int, int]]) -> Lead | None:
    """The lead of a document: its first real sentence (after any heading line), if it says what X is."""
    for i, (start, end) in enumerate(sentences[:2]):
        if start > LEAD_WITHIN:
            break
        if i == 1 and "\n" not in text[sentences[0][1]:start]:
            break   # only a heading line may come before the lead
        span = _subject_span(text, start, end)
        if span is None:
            continue
        # The lead may run past a sentence split spaCy made inside parentheses ("(born ... Mexico)").
        stop = min(len(text), max(end, span[1] + 300))
        rest = text[span[1]:stop]
        # An initial is no sentence end ("directed by V. K. Arun Nair").
        cut = re.search(r"(?<![\s(][A-Z])\.(?=\s+[A-Z])", re.sub(r"\([^()]*\)", lambda p: "_" * len(p.group(0)), rest))
        rest = rest[:cut.start() + 1] if cut else rest
        for det in lead_patterns().detectors:
            m = det.regex.match(rest)
            if m and (det.lead != "person" or _name_shaped(text[span[0]:span[1]])):
                return Lead(det.lead, span[0], span[1], (start, span[1] + len(rest)), m, det)
    return None


def _at_span(ctx: Context, a: int, b: int) -> list[Mention]:
    return [m for m in ctx.mentions if m.entity is not None and a <= m.start and m.end <= b]


def _lead_subject(ctx: Context, lead: Lead) -> Cluster:
    """The cluster of the lead's subject, created or retyped as the lead says (Film or Person)."""
    want = {"person": "Person", "character": "Character"}.get(lead.kind, "Film")
    inside = _at_span(ctx, lead.start, lead.end)
    exact = next((m for m in inside if m.start == lead.start and m.end == lead.end), None)
    if exact is not None and exact.entity.type == want:
        return exact.entity
    # A longer name the mention finder already has over the span ("They Shoot Horses, Don't They?" where
    # the subject span stops at the comma) is the subject.
    for m in ctx.mentions:
        if m.entity is not None and m.entity.type == want and m.start <= lead.start and lead.end <= m.end:
            return m.entity
    # Only this mention changes type: the same words elsewhere may name someone else (the person of a
    # biopic named after them). A person's other name forms join later (_join_short_forms).
    olds = {id(m.entity): m.entity for m in inside}
    for m in inside:
        _drop_mention(ctx, m)
    subject = ctx.cluster_for(lead.start, lead.end, want)
    for old in olds.values():
        if not old.mentions and (old.type == want or want == "Person"):
            _redirect(ctx, old, subject)   # the lead's name, typed otherwise by the mention finder
    return subject


def _redirect(ctx: Context, old: Cluster, new: Cluster) -> None:
    """Facts found about a cluster that was merged into another now hold the other (else they would be lost)."""
    if old is new:
        return
    for f in ctx.found:
        if f.subject is old:
            f.subject = new
        if f.object is old:
            f.object = new
        for k, v in f.qualifiers.items():
            if v is old:
                f.qualifiers[k] = new
    ctx.found[:] = [f for f in ctx.found if f.subject is not f.object]


def _join_short_forms(ctx: Context, subject: Cluster, lead: Lead) -> None:
    """Shorter forms of the lead person's full name are the lead person too: the heading line ("Scott
    Porter" over "Scott Andrew Porter"), surname-only mentions, and the same name typed otherwise by spaCy.
    Otherwise the first pass's facts (about the heading's cluster) and the second's would be two people."""
    tokens = set(key(subject.name()).split())
    for c in list(ctx.clusters):
        if c is subject or not c.mentions or c.type not in ("Person", "Organization", "Other"):
            continue
        if any(m.source in ("gazetteer", "demonym") or m.canonical for m in c.mentions):
            continue
        keys = {key(s) for s in c.surfaces()}
        if all(k and set(k.split()) <= tokens for k in keys):
            absorb(subject, c)
            _redirect(ctx, c, subject)
            ctx.version += 1


_BORN_AS = re.compile(r"\(born (?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?: (?:[A-ZÀ-ÖØ-Þ][\w'’.-]+|de|del|van|von|da|di|y)){1,5})"
                      r"(?= on | in |,|;|\))")


def _birth_name(ctx: Context, subject: Cluster, lead: Lead) -> None:
    """"X (born Y Z on ...)": the birth name is another name of the lead person."""
    m = _BORN_AS.match(ctx.text, lead.end + 1) or _BORN_AS.match(ctx.text, lead.end)
    if m is None or not _name_shaped(m.group("name")):
        return
    a, b = m.span("name")
    for x in _at_span(ctx, a, b):
        if x.entity is not subject:
            _drop_mention(ctx, x)
            if not x.entity.mentions:
                _redirect(ctx, x.entity, subject)
    if not any(x.entity is subject and x.start == a and x.end == b for x in ctx.mentions):
        mention = Mention(a, b, ctx.text[a:b], "Person", "lead birth name", subject)
        subject.mentions.append(mention)
        ctx.mentions.append(mention)
        ctx.version += 1


# "released in the USA as Indian Summer", "known in France as Le Professeur", "(English title: Humble Maria)":
# another title of the lead's film. A remake "as" another title is another film, so only these verbs.
_OTHER_TITLE = re.compile(
    r"(?:\b(?:released|known|distributed|retitled|marketed|shown|sold|available|broadcast|aired)\b[^.;()]{0,60}?\bas"
    r"|\b(?:[Ee]nglish|[Ii]nternational|US|U\.S\.|UK|[Aa]lternative|[Aa]lternate) title:?|\baka|\balso called)"
    r" [\"“]?(?P<t>[A-Z0-9À-ÖØ-Þ][\w'’:&!?.-]*(?: (?:(?:of|the|and|a|an|in|on|to|for|with|de|di|la|le|in) )*"
    r"[A-Z0-9À-ÖØ-Þ][\w'’:&!?-]*){0,6})")


def _other_titles(ctx: Context, lead: Lead, subject: Cluster, sentences: list[tuple[int, int]]) -> None:
    """Other titles of the lead's film, said in the lead or in a sentence about the film ("It is known in
    France as X"), join the film: they are its names, and what is said of the film holds under them."""
    spans = [lead.sentence] + [(a, b) for a, b in sentences
                               if a >= lead.sentence[1] and re.match(r"\s*(?:It|The (?:film|movie|series|show))\b",
                                                                    ctx.text[a:b])]
    for a, b in spans:
        for m in _OTHER_TITLE.finditer(ctx.text, a, b):
            ta, tb = m.span("t")
            # "also known as Wedding Trough and The Pig Movie": two titles where a capitalised article or a
            # name found on its own starts the second ("Pride and Prejudice" is one).
            split = re.search(r" (?:and|or) (?=[A-Z0-9À-ÖØ-Þ])", m.group("t"))
            if split and re.match(r"[)\],;.]", ctx.text[tb:tb + 1]) and (
                    re.match(r"(?:The|A|An) ", ctx.text[ta + split.end():tb])
                    or any(x.entity is not None and x.start == ta + split.end() for x in ctx.mentions)):
                _join_title(ctx, subject, ta, ta + split.start())
                _join_title(ctx, subject, ta + split.end(), tb)
            else:
                _join_title(ctx, subject, ta, tb)


def _join_title(ctx: Context, subject: Cluster, ta: int, tb: int) -> None:
    """text[ta:tb], another title of the lead's film, joins the film unless it crosses or holds another name."""
    if _is_place_word(ctx.text[ta:tb]) or any(x.entity is not None and x.start < tb and x.end > tb
                                              for x in ctx.mentions):
        return
    inside = _at_span(ctx, ta, tb)
    if any(x.entity is subject for x in inside) or any(
            x.entity.type in ("Person", "Organization", "Country", "City") and not (x.start == ta and x.end == tb)
            for x in inside):
        return
    for x in inside:
        _drop_mention(ctx, x)
        if not x.entity.mentions:
            _redirect(ctx, x.entity, subject)
    subject.canonical = subject.canonical or subject.name()   # the lead's title stays the film's name
    mention = Mention(ta, tb, ctx.text[ta:tb], "Film", "lead other title", subject)
    subject.mentions.append(mention)
    ctx.mentions.append(mention)
    ctx.version += 1


# ---- running cues -----------------------------------------------------------

def _fact_key(f: Found) -> tuple:
    obj = id(f.object) if isinstance(f.object, Cluster) else (f.object.value, f.object.datatype)
    return id(f.subject), f.predicate, obj


_WORD = re.compile(r" ([\w'’-]+)")


def _extend_cut_titles(ctx: Context, before: int) -> None:
    """A Spanish or Italian title in sentence case ("Contra viento y marea", "Le rose di Danzica") that a
    cue cut at its first lowercase word is the words up to the next punctuation or English word, when
    the title opens with, or holds, a Romance function word."""
    lists = lead_patterns().words
    romance, english = lists.get("title_romance_words", frozenset()), lists.get("title_stop_words", frozenset())
    for f in ctx.found[before:]:
        film = f.subject
        if film.type != "Film" or len(film.mentions) != 1 or len(film.name().split()) > 2:
            continue
        m = film.mentions[0]
        words, pos = [], m.end
        while (w := _WORD.match(ctx.text, pos)) and len(words) < 8:
            word = w.group(1)
            if word.lower() in english or word[0].isdigit() or (word[0].isupper() and not words):
                break
            words.append(word)
            pos = w.end()
        if not words or not any(w[0].islower() for w in words):
            continue
        if not ({t.lower() for t in m.text.split() + words} & romance):
            continue
        if any(x.entity is not None and x.start < pos and x.end > m.end and x.start >= m.end
               and x.entity.type in ("Person", "Film", "Character") for x in ctx.mentions):
            continue   # a name after the cut: an English sentence goes on
        m.end = pos
        m.text = ctx.text[m.start:pos]
        ctx.version += 1


def _drop_repeats(ctx: Context, before: int) -> None:
    """Facts added since `before` that an earlier cue already found are dropped: a second finding on the
    same sentence is no independent evidence, but the better-measured confidence of the two is kept.
    Works named by a bare demonym or place ("British" in "British war films such as ...") are dropped."""
    seen = {_fact_key(f): f for f in ctx.found[:before]}
    kept = ctx.found[:before]
    for f in ctx.found[before:]:
        k = _fact_key(f)
        if f.subject.type == "Film" and f.subject.mentions and (
                _is_place_word(f.subject.name()) or len(f.subject.name()) <= 3):
            continue   # a place word, or a title cut short at its first lowercase word ("Le" of "Le rose di ...")
        if k in seen:
            seen[k].confidence = max(seen[k].confidence, f.confidence)
        else:
            seen[k] = f
            kept.append(f)
    ctx.found[:] = kept


# ---- rules in code ----------------------------------------------------------

_TITLE_YEAR = re.compile(r"[\"”’']?,? \((?P<year>(?:18|19|20)\d\d)(?:[–-]\d{2,4})?\)")


def _sentence_of(sentences: list[tuple[int, int]], at: int) -> tuple[int, int]:
    return next(((a, b) for a, b in sentences if a <= at < b), (at, at))


def _evidence(a: int, b: int) -> _Clause:
    return _Clause(a, b, "", [], [])


def _demonyms(ctx: Context, a: int, b: int) -> list[Cluster]:
    """Country clusters of the demonyms in text[a:b] that stand before a film or series noun."""
    out = []
    for m in _origin_re().finditer(ctx.text, a, b):
        pos = m.start("dems")
        for form in re.split(r"(-| and |, |/)", m.group("dems")):
            if form and not re.fullmatch(r"-| and |, |/", form):
                country = _country_of(form)
                if country is not None:
                    out.append(_country_cluster(ctx, pos, pos + len(form), country.name))
            pos += len(form)
    return out


# "... telenovela produced by X for Y in 1995": the year the lead sentence gives its subject.
_IN_YEAR = re.compile(r"\b(?:in|from|since) (?P<year>(?:18|19|20)\d\d)\b(?![–-]| to | and )")


def _film_rules(ctx: Context, lead: Lead, subject: Cluster, rules: dict[str, Rule]) -> None:
    ev = _evidence(*lead.sentence)
    year = lead.match.groupdict().get("year")
    rule = rules.get("lead_year")
    if year and rule:
        _add(ctx, subject, rule.predicate, Term(value=year, datatype="date"), {}, rule.confidence, ev, rule.id)
    rule = rules.get("lead_in_year")
    if not year and rule:
        # Only the description after the subject: a bracket before it holds other years ("(born 1970)").
        m = _IN_YEAR.search(ctx.text, lead.end + lead.match.end(), lead.sentence[1])
        if m is None:
            m = _IN_YEAR.search(re.sub(r"\([^()]*\)", lambda p: "_" * len(p.group(0)), ctx.text[:lead.sentence[1]]),
                                lead.end, lead.sentence[1])
        if m is None and lead.kind == "series":
            # "a breakfast programme on CTV from 1994 to 2001": a series' first year.
            m = re.compile(r"\bfrom (?P<year>(?:18|19|20)\d\d) (?:to|until) ").search(
                ctx.text, lead.end + lead.match.end(), lead.sentence[1])
        if m is not None:
            year = m.group("year")
            _add(ctx, subject, rule.predicate, Term(value=year, datatype="date"), {}, rule.confidence, ev, rule.id)
    rule = rules.get("series_start")
    if year and rule:
        # A series' first year is when it started.
        _add(ctx, subject, rule.predicate, Term(value=year, datatype="date"), {}, rule.confidence, ev, rule.id)
    rule = rules.get("lead_origin")
    if rule and not _modality(ctx.text[lead.sentence[0]:lead.sentence[1]]):
        countries = _demonyms(ctx, lead.end, lead.end + lead.match.end())
        for country in countries + _description_demonyms(ctx, lead, {c.name() for c in countries}):
            _add(ctx, subject, rule.predicate, country, {}, rule.confidence, ev, rule.id)


_DESCRIPTION_WORD = re.compile(r"(?<![\w-])(?:(?:South|North|New|Hong|Sri|Saudi|West|East) )?[A-Z][a-z]+(?=[\s,/-])")


def _description_demonyms(ctx: Context, lead: Lead, have: set[str]) -> list[Cluster]:
    """Demonyms anywhere in the description before the film noun ("a 2008 Indian Tamil-language crime film"),
    where the origin pattern wants the demonym right before the noun."""
    desc = re.search(r"(?: (?:is|was)|^ \([^()]*\),?) an? ", lead.match.group(0))   # "X (aka Y) a ... film" too
    if desc is None:
        return []
    a = lead.end + desc.end()
    b = lead.end + lead.match.end()
    out = []
    for m in _DESCRIPTION_WORD.finditer(ctx.text, a, b):
        words = m.group(0)
        country = _country_of(words)
        if country is None and " " in words:
            words = words.split()[-1]
            country = _country_of(words)
        if country is None or country.name in have:
            continue
        have.add(country.name)
        out.append(_country_cluster(ctx, m.end() - len(words), m.end(), country.name))
    return out


_WORK_NOUN = r"(?:film|movie|series|sitcom|show|anime|franchise|telenovela|soap opera|cartoon|miniseries)"


def _character_work(ctx: Context, lead: Lead, character: Cluster) -> Cluster | None:
    """The film or series a character lead names ("a fictional character in the 1967 animated film, The
    Jungle Book"): the first film mention after the subject, else the title after a film word."""
    a, b = lead.end, lead.sentence[1]
    films = sorted((m for m in ctx.mentions if m.entity is not None and m.entity.type == "Film"
                    and m.entity is not character and a <= m.start < b), key=lambda m: m.start)
    if films:
        return films[0].entity
    m = re.search(rf"\b{_WORK_NOUN},? (?=[A-Z0-9\"“])", ctx.text[a:b])
    return _title_at(ctx, a + m.end(), b) if m else None


def _join_character_forms(ctx: Context, character: Cluster, work: Cluster) -> None:
    """Shorter forms of the lead character's name ("Louie" of "King Louie") are the character, whatever type
    they were given; what was said about such a form as if it were a film ("X voiced Louie") is the work's."""
    tokens = set(key(character.name()).split())
    for c in list(ctx.clusters):
        if c is character or c is work or not c.mentions or c.type not in ("Film", "Person", "Other"):
            continue
        if any(m.source in ("gazetteer", "demonym") or m.canonical for m in c.mentions):
            continue
        if not all(k and set(k.split()) <= tokens for k in {key(x) for x in c.surfaces()}):
            continue
        for f in ctx.found:
            if f.subject is c and f.predicate in _WORK_PREDICATES:
                f.subject = work
        absorb(character, c)
        _redirect(ctx, c, character)
        ctx.version += 1


def _work_rules(ctx: Context, lead: Lead, work: Cluster, rules: dict[str, Rule]) -> None:
    """A character lead's work: the year and demonyms before the work's noun ("the 1967 American film")."""
    at = min((m.start for m in ctx.mentions if m.entity is work and m.start >= lead.end), default=lead.sentence[1])
    ev = _evidence(*lead.sentence)
    rule = rules.get("lead_year")
    year = re.search(rf"\b((?:18|19|20)\d\d) (?:[\w’'-]+ ){{0,3}}?{_WORK_NOUN}\b", ctx.text[lead.end:at])
    if rule and year:
        _add(ctx, work, rule.predicate, Term(value=year.group(1), datatype="date"), {}, rule.confidence, ev, rule.id)
    rule = rules.get("lead_origin")
    if rule and not _modality(ctx.text[lead.sentence[0]:lead.sentence[1]]):
        for country in _demonyms(ctx, lead.end, at):
            _add(ctx, work, rule.predicate, country, {}, rule.confidence, ev, rule.id)


def _series(ctx: Context, lead: Lead) -> Cluster | None:
    """The series an episode lead names ("... season of the American sitcom Foo"), as a Film."""
    series = lead.match.groupdict().get("series")
    if not series:
        return None
    if series.endswith(".") and not re.search(r"\b[A-Z]\.$", series):
        series = series[:-1]   # the sentence's full stop, not an initial ("Peter G.")
    a = lead.end + lead.match.start("series")
    b = a + len(series)
    inside = _at_span(ctx, a, b)
    exact = next((m for m in inside if m.start == a and m.end == b), None)
    if exact is not None and exact.entity.type == "Film":
        return exact.entity
    for m in inside:
        _drop_mention(ctx, m)
    return ctx.cluster_for(a, b, "Film")


# A title in a filmography list, by shape: after a list opener, up to " (1995)". Catches sentence-case
# titles the mention finder cannot ("Terra bassa (1995)"); the opener keeps prose out.
_LISTED_TITLE_YEAR = re.compile(
    r"(?:(?<=, )|(?<= and )|(?<=\binclude )|(?<=\bincludes )|(?<=\bincluded )|(?<=\bincluding )|(?<=\bsuch as )"
    r"|(?<=\bin )|(?<=: ))(?P<t>[A-ZÀ-ÖØ-Þ0-9][^\s,;()\"“”]*(?: [^\s,;()\"“”]+){0,6}?) \((?:18|19|20)\d\d(?:[–-]\d{2,4})?\)")


def _listed_titles(ctx: Context, lead: Lead, sentences: list[tuple[int, int]]) -> None:
    """Film mentions for "Title (1995)" items of filmography lists that no mention covers yet."""
    for start, end in sentences:
        if end <= lead.sentence[1]:
            continue
        for m in _LISTED_TITLE_YEAR.finditer(ctx.text, start, end):
            a, b = m.span("t")
            poss = max(m.group("t").rfind("'s "), m.group("t").rfind("’s "))
            if poss >= 0:   # "Nonzee Nimibutr's Queen of Langkasuka (2008)": the title follows the possessive
                a += poss + 3
            if ctx.text[a:b].split()[0] in _NOT_TITLE_STARTS:
                continue
            inside = _at_span(ctx, a, b)
            if any(x.start == a and x.end == b for x in inside):
                continue
            if any(x.entity is not None and x.start < b and x.end > a and not (a <= x.start and x.end <= b)
                   for x in ctx.mentions):
                continue   # crosses another name: not a clean title
            if any(x.entity.type in ("Person", "Character") for x in inside):
                continue   # "including Tom Hanks in Big (1988)": a person is no part of a title
            for x in inside:
                _drop_mention(ctx, x)
            ctx.cluster_for(a, b, "Film")


_NOT_TITLE_STARTS = {"He", "She", "It", "They", "His", "Her", "In", "On", "At"}


def _person_rules(ctx: Context, lead: Lead, person: Cluster, sentences: list[tuple[int, int]],
                  rules: dict[str, Rule]) -> None:
    _listed_titles(ctx, lead, sentences)
    pred = lead.first_role_predicate
    works: list[tuple[Cluster, tuple[int, int]]] = []
    years: list[str] = []
    seen: set[int] = set()
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        if m.entity is None or m.start < lead.sentence[0] or id(m.entity) in seen or m.entity is person:
            continue
        year = _TITLE_YEAR.match(ctx.text, m.end)
        if year is None:
            continue
        film = m.entity
        if film.type != "Film":
            # "Salt Road (1988)" in a filmography is a title, whatever the mention finder took it for;
            # a person's "(1920–1990)" is a lifespan.
            if film.type in ("Person", "Character") or _known_place(film):
                continue   # a person's "(1920–1990)" is a lifespan, and a name with a year is no title
            before = film
            film = _retype(ctx, film, "Film", m)
            if film.type != "Film":
                continue
            if not before.mentions:
                _redirect(ctx, before, film)   # joined a film of the same name
        seen.add(id(film))
        works.append((film, _sentence_of(sentences, m.start)))
        years.append(year.group("year"))
    rule = rules.get("title_year_work")
    if pred and rule:
        for film, sent in works:
            if _credited_otherwise(ctx, film, sent, pred):
                continue
            if not _modality(ctx.text[sent[0]:sent[1]]):
                _add(ctx, film, pred, person, {}, rule.confidence, _evidence(*sent), rule.id)
    rule = rules.get("title_year_release")
    if rule:
        for (film, sent), year in zip(works, years):
            _add(ctx, film, rule.predicate, Term(value=year, datatype="date"), {}, rule.confidence,
                 _evidence(*sent), rule.id)


# Verbs that credit a person with one job on a work.
_CREDIT_VERBS = (("P57", r"(?:co-)?directed|helmed"), ("P58", r"(?:co-)?(?:wrote|written|penned)|scripted"),
                 ("P162", r"(?:co-)?produced"), ("P161", r"(?:co-)?starred|appeared|played|acted|voiced"),
                 ("P86", r"scored|composed"), ("P344", r"photographed|lensed"))
_CREDIT_VERB = re.compile(r"\b(?:" + "|".join(f"(?P<{p}>{v})" for p, v in _CREDIT_VERBS) + r")\b")


def _credited_otherwise(ctx: Context, film: Cluster, sent: tuple[int, int], pred: str) -> bool:
    """True when the words before a listed title, since the title before it, credit the lead's person with
    other jobs only: a director "wrote Red Lamp (2014)"; "directed Blue Hour (2018)" is hers."""
    at = min((m.start for m in film.mentions if sent[0] <= m.start < sent[1]), default=None)
    if at is None:
        return False
    start = max([sent[0]] + [m.end for m in ctx.mentions if m.entity is not None and m.entity.type == "Film"
                             and sent[0] <= m.end <= at and m.entity is not film])
    jobs = {v.lastgroup for v in _CREDIT_VERB.finditer(ctx.text, start, at)}
    return bool(jobs) and pred not in jobs


# A person's possessive before a title: "Lucio Fulci's Lo squartatore di New York (The New York Ripper)",
# "Nonzee Nimibutr's Queen of Langkasuka (2008)". The owner (two to four capitalised words) directed it.
_OWNER_TITLE = re.compile(
    rf"(?<![\w'’-])(?P<owner>[{_UP}][\w.-]*(?: (?:[{_UP}][\w.-]*|{'|'.join(sorted(_PARTICLES))})){{0,2}} [{_UP}][\w-]*)['’]s "
    r"(?P<kind>(?:(?:classic|cult|acclaimed|[a-z]+-winning) )?(?:film|movie|drama|comedy|thriller|western|horror film|"
    r"feature|documentary|epic|musical|melodrama) )?(?P<title>[\"“]?[A-Z0-9À-ÖØ-Þ])")
# A title where no mention is: a sentence-case title before its year or translation in brackets
# ("Lo squartatore di New York (The New York Ripper)"), else capitalised words.
_BRACKETED_TITLE = re.compile(r"(?=[A-Z0-9À-ÖØ-Þ])[^\s,;()\"“”]+(?: [^\s,;()\"“”]+){0,7}?(?= \()")
_CAPS_TITLE = re.compile(r"[A-Z0-9À-ÖØ-Þ][\w'’:&!?.-]*(?: (?:(?:of|the|and|a|an|in|on|to|for|with) )*"
                         r"[A-Z0-9À-ÖØ-Þ][\w'’:&!?.-]*){0,6}")
# Facts a misread owner ("Nonzee Nimibutr" taken for a listed title) carried that belong to the title after it.
_WORK_PREDICATES = {"P161", "P57", "P58", "P86", "P162", "P577", "P495", "P136", "P272"}


def _title_at(ctx: Context, at: int, end: int, bracket_first: bool = False) -> Cluster | None:
    """The film whose title starts at `at` (before `end`): a mention there, else a title by shape.
    With bracket_first, a title before its bracket wins over the names spaCy found inside it
    ("Quel maledetto treno blindato (The Inglorious Bastards)" read as two people)."""
    if ctx.text.startswith("The ", at) and any(m.entity is not None and m.start == at + 4 for m in ctx.mentions):
        at += 4   # "The Fox Family" where the mention finder left out the article
    bracket = _BRACKETED_TITLE.match(ctx.text, at, end) if bracket_first else None
    if bracket is not None and not any(
            x.entity is not None and x.start < bracket.end() < x.end for x in ctx.mentions):
        inside = _at_span(ctx, at, bracket.end())
        exact = next((x for x in inside if x.start == at and x.end == bracket.end()), None)
        if exact is not None:
            return exact.entity if exact.entity.type == "Film" else _retype(ctx, exact.entity, "Film", exact)
        return _film_over(ctx, inside, at, bracket.end())
    here = [m for m in ctx.mentions if m.entity is not None and m.start == at and m.end <= end]
    if here:
        m = max(here, key=lambda m: m.end)
        if m.entity.type in ("Person", "Character", "Organization") or _known_place(m.entity):
            return None
        return m.entity if m.entity.type == "Film" else _retype(ctx, m.entity, "Film", m)
    shape = _BRACKETED_TITLE.match(ctx.text, at, end) or _CAPS_TITLE.match(ctx.text, at, end)
    if shape is None:
        return None
    a, b = shape.span()
    if ctx.text[a:b].split()[0] in _NOT_TITLE_STARTS or any(
            x.entity is not None and x.start < b and x.end > a and not (a <= x.start and x.end <= b)
            for x in ctx.mentions):
        return None
    inside = _at_span(ctx, a, b)
    if any(x.entity.type in ("Person", "Character") for x in inside):
        return None
    return _film_over(ctx, inside, a, b)


def _film_over(ctx: Context, inside: list[Mention], a: int, b: int) -> Cluster:
    """A film named by text[a:b]; the mentions inside it leave their clusters, and the facts of a cluster
    left without mentions follow it to the film."""
    for x in inside:
        _drop_mention(ctx, x)
    film = ctx.cluster_for(a, b, "Film")
    for x in inside:
        if not x.entity.mentions:
            _redirect(ctx, x.entity, film)
    return film


def _owner_titles(ctx: Context, lead: Lead, subject: Cluster, rule: Rule) -> None:
    """"X's Title": X directed the film, and facts given to X as if X were a title move to the film."""
    for m in _OWNER_TITLE.finditer(ctx.text, lead.end):
        a, b = m.span("owner")
        owner_text = m.group("owner")
        if not _name_shaped(owner_text) or _is_place_word(owner_text) or _is_place_word(owner_text.split()[0]):
            continue
        at = m.start("title") + (1 if m.group("title")[0] in "\"“" else 0)
        sent_end = ctx.text.find(". ", at)
        sent_end = len(ctx.text) if sent_end < 0 else sent_end
        # The title must say it is one: already a film, a film word before it, or a year or translation after.
        after_mention = max((x.end for x in ctx.mentions if x.entity is not None and x.start == at), default=None)
        is_film = any(x.entity.type == "Film" for x in ctx.mentions if x.entity is not None and x.start == at)
        bracket = _BRACKETED_TITLE.match(ctx.text, at, sent_end)
        if not (is_film or m.group("kind") or bracket
                or (after_mention is not None and ctx.text.startswith(" (", after_mention))):
            continue
        owners = [x for x in ctx.mentions if x.entity is not None and x.start <= a and b <= x.end and x.end <= m.end("owner")]
        owner_cluster = owners[0].entity if owners else None
        if owner_cluster is subject and lead.role_predicate != "P57":
            continue   # an actor's "X's Title" is no directing credit
        if owner_cluster is not None and (owner_cluster.type == "Organization" or _known_place(owner_cluster)):
            continue
        film = _title_at(ctx, at, sent_end, bracket_first=True)
        if film is None or film is subject or film is owner_cluster:
            continue
        if owner_cluster is None:
            owner_cluster = ctx.cluster_for(a, b, "Person")
        elif owner_cluster.type != "Person":
            for f in ctx.found:
                if f.subject is owner_cluster and f.predicate in _WORK_PREDICATES:
                    f.subject = film
            ctx.found[:] = [f for f in ctx.found if not (f.object is owner_cluster and f.predicate != "P57")]
            owner_cluster.type = "Person"
            ctx.version += 1
        sent = (m.start(), sent_end)
        _add(ctx, film, rule.predicate, owner_cluster, {}, rule.confidence, _evidence(*sent), rule.id)


# The next item of a list after a title: ", " or " and ", past any bracket ("Somtum (2008), Ong Bak 2"),
# and past a year and film word before the title ("the 2006 film Paper Kites": the year is the film's date).
_LIST_NEXT = re.compile(r"(?: \([^()]{1,40}\))?(?:,? and |, )(?:the |his |her )?"
                        r"(?:(?:18|19|20)\d\d (?:[a-z-]+ ){0,3}?(?:film|movie|feature|documentary|short) )?")
# A bare year is never a title.
_BARE_YEAR = re.compile(r"(?:18|19|20)\d\d(?:s|[–-]\d{2,4})?")


def _continue_lists(ctx: Context, lead: Lead, person: Cluster, sentences: list[tuple[int, int]], rule: Rule) -> None:
    """A listed title that is the lead person's work makes the titles listed after it their works too:
    the slot lists of the cues stop at a bracket, this list does not."""
    pred = lead.first_role_predicate
    if pred is None:
        return
    firsts = [f for f in ctx.found if f.predicate == pred and f.object is person and f.subject.type == "Film"]
    for f in firsts:
        for m in [x for x in ctx.mentions if x.entity is f.subject and f.evidence[0] <= x.start < f.evidence[1]]:
            sent = _sentence_of(sentences, m.start)
            pos = m.end
            while True:
                step = _LIST_NEXT.match(ctx.text, pos, sent[1])
                if step is None:
                    break
                film = _title_at(ctx, step.end(), sent[1])
                if film is None or film is person or _BARE_YEAR.fullmatch(film.name()):
                    break
                _add(ctx, film, pred, person, {}, rule.confidence, _evidence(*sent), rule.id)
                ends = [x.end for x in ctx.mentions if x.entity is film and x.start == step.end()]
                if not ends:
                    break
                pos = max(ends)


# An actor's roles listed by character and title: "roles including Merle Jackson in Coronation Street, Mandy
# Cutler in Paradise Heights and Mand in Grease Monkeys", "characters such as nurse Sarah in Death Becomes Him".
# The title stops at words that go on with the sentence ("and", "in", "for", "with"), so no item swallows the next.
_ROLE_TALK = re.compile(r"\b(?:roles?|characters?|parts?|playing|played|portraying|portrayed)\b")
_ROLE_IN_TITLE = re.compile(
    rf"(?:\b(?:including|such as|as)|,|\band) (?:(?!(?:with|by|from|to|for|of|and|at|alongside|opposite)\b)[a-z]+ )?"
    rf"(?P<role>[{_UP}][\w'’.-]*(?: [{_UP}][\w'’.-]*){{0,2}}) in (?:the )?"
    rf"(?P<title>[{_UP}0-9][\w'’:&!?-]*(?: (?:(?:of|the|a|an|to|on) )*[{_UP}0-9][\w'’:&!?-]*){{0,6}})")


def _roles_in_titles(ctx: Context, person: Cluster, sentences: list[tuple[int, int]], rule: Rule) -> None:
    """In a sentence about an actor's roles, each "Character in Title" item makes the title their work."""
    for a, b in sentences:
        if not _ROLE_TALK.search(ctx.text, a, b) or not re.search(r"\b(?:[Ss]he|[Hh]e|[Hh]er|[Hh]is)\b",
                                                                  ctx.text[a:b]):
            continue
        for m in _ROLE_IN_TITLE.finditer(ctx.text, a, b):
            if not _ROLE_TALK.search(ctx.text, a, m.start()):
                continue   # the items follow the role words
            film = _title_at(ctx, m.start("title"), m.end("title"))
            if film is None or film is person or _known_place(film) or _BARE_YEAR.fullmatch(film.name()):
                continue
            _add(ctx, film, rule.predicate, person, {}, rule.confidence, _evidence(a, b), rule.id)
            # The name before "in" is the character played, whatever the mention finder took it for.
            for x in [x for x in ctx.mentions if x.entity is not None and x.start == m.start("role")
                      and x.end == m.end("role") and x.entity.type in ("Person", "Organization", "Other")]:
                if x.entity is not person:
                    _retype(ctx, x.entity, "Character", x)


# "wrote and directed", "written and co-directed", "directed and wrote", "writer-director of": a writing credit
# given together with the directing one. Any later verb ("..., and produced Y") starts another credit.
_WRITING_CREDIT = re.compile(r"\b(?:(?:co-)?wr(?:o|i)tten?|wrote|scripted)(?:,| and) (?:co-)?directed\b"
                             r"|\b(?:co-)?directed(?:,| and) (?:co-)?(?:wrote|scripted)\b|\bwriter-director of\b")
_WRITING_VERB = re.compile(r"\b(?:wrote|co-wrote|written|co-written|scripted|penned|co-penned)\b")
_OTHER_CREDIT = re.compile(r"\b(?:directed|co-directed|produced|co-produced|wrote|co-wrote|edited|starred|appeared|"
                           r"played|made|shot|scored|acted|worked)\b|[;:]")


def _writing_credited(ctx: Context, film: Cluster, evidence: tuple[int, int]) -> bool:
    """Whether the sentence that credits the direction of `film` credits its writing too, with no other
    credit between the words and the title."""
    a, b = evidence
    for m in ctx.mentions:
        if m.entity is not film or not a <= m.start < b:
            continue
        credits = list(_WRITING_CREDIT.finditer(ctx.text, a, m.start))
        if credits and not _OTHER_CREDIT.search(ctx.text, credits[-1].end(), m.start):
            return True
    return False


# ---- the stage --------------------------------------------------------------

@dataclass
class LeadSubject:
    """A document's lead and what it is about, found before the clause cues run."""

    lead: Lead
    subject: Cluster
    work: Cluster | None = None   # a character lead's film or series


def lead_subject(ctx: Context, sentences: list[tuple[int, int]]) -> LeadSubject | None:
    """The lead's subject made the article's film (or focus person) before the clause cues run, so that
    "It was directed by ..." finds its film on their one pass. None when the document has no lead."""
    lead = find_lead(ctx.text, sentences)
    if lead is None:
        return None
    subject = _lead_subject(ctx, lead)
    work = None
    if lead.kind == "person":
        _join_short_forms(ctx, subject, lead)
        _birth_name(ctx, subject, lead)
        ctx.focus_person = subject
    elif lead.kind == "character":
        work = _character_work(ctx, lead, subject)
        if work is None:
            return None
        ctx.main_film = work
        _join_character_forms(ctx, subject, work)
    else:
        ctx.main_film = subject
    if lead.kind in ("film", "series"):
        _other_titles(ctx, lead, subject, sentences)
    return LeadSubject(lead, subject, work)


def lead_facts(ctx: Context, sentences: list[tuple[int, int]], found: LeadSubject | None) -> None:
    """Add the lead's subject facts to ctx.found, after the clause cues (nothing when there is no lead)."""
    if found is None:
        return
    lead, subject = found.lead, found.subject
    patterns = lead_patterns()
    rules = {rule: r for (kind, rule), r in patterns.rules.items() if kind == lead.kind}
    before = len(ctx.found)
    if found.work is not None:
        _work_rules(ctx, lead, found.work, rules)
    role = lead.role_predicate
    run_cues(ctx, sentences, [c for c, when in patterns.cues[lead.kind] if not when or role in when])
    if lead.kind in ("film", "series", "episode"):
        _film_rules(ctx, lead, subject, rules)
    if lead.kind == "episode":
        series = _series(ctx, lead)
        if series is not None and patterns.series_cues:
            ctx.main_film = series
            run_cues(ctx, sentences, patterns.series_cues)
            ctx.main_film = subject
        # The episode's country is its series'; whoever is in the cast of an episode is in the series' cast.
        for name, pred in (("series_origin", "P495"), ("series_cast", "P161")):
            rule = rules.get(name)
            if series is None or rule is None:
                continue
            for f in [f for f in ctx.found if f.subject is subject and f.predicate == pred
                      and isinstance(f.object, Cluster)]:
                _add(ctx, series, rule.predicate, f.object, {}, min(rule.confidence, f.confidence),
                     _evidence(*f.evidence), rule.id)
    if rules.get("owner_directed"):
        _owner_titles(ctx, lead, subject, rules["owner_directed"])
    if lead.kind == "person":
        _person_rules(ctx, lead, subject, sentences, rules)
        if rules.get("list_continues"):
            _continue_lists(ctx, lead, subject, sentences, rules["list_continues"])
        if rules.get("role_in_title") and lead.first_role_predicate == "P161":
            _roles_in_titles(ctx, subject, sentences, rules["role_in_title"])
        rule = rules.get("director_wrote")
        if rule:
            # A film director the lead calls a screenwriter too wrote the films they directed, unless the
            # text gives writing credits film by film: then only a film the writing is credited to
            # ("wrote and directed X, Y") was, and "directed X, Y and Z, and wrote W" gives W alone.
            blanket = lead.role_predicate == "P57" and bool(
                re.search(r"\bscreenwriter\b|\bwriter-director\b", ctx.text[lead.sentence[0]:lead.sentence[1]])) \
                and not _WRITING_VERB.search(ctx.text, lead.sentence[1])
            for f in [f for f in ctx.found[before:] if f.predicate == "P57" and f.object is subject]:
                if blanket or _writing_credited(ctx, f.subject, f.evidence):
                    _add(ctx, f.subject, rule.predicate, subject, {}, rule.confidence, _evidence(*f.evidence),
                         rule.id)
    _extend_cut_titles(ctx, before)
    _drop_repeats(ctx, before)
