"""Predicate cues -> facts with evidence spans and confidence.

Each clause is rewritten with its mentions replaced by typed tags (`⟦P3⟧` is
mention 3, a Person); cue patterns from `data/patterns/en_facts.jsonl` are
regular expressions over that tagged text with typed slots (`{FILM:subject}`,
`{NAMES:object}`, `{ROLE:role}`, `{DATE:date}`...). A slot that takes a bare
capitalised name (NAME, ROLE) creates the mention when spaCy missed it.
Country of origin and genre come from demonym noun phrases ("the
Sino-Russian co-production film") in code, with confidences in
`data/predicates.toml`.

Which film a cue's clause talks about: the nearest film before the cue in its
sentence (not one inside a side clause closed before the cue: "X, whose debut
"Y" won at Z, co-wrote ..."), else the film its paragraph opens with (trade
roundups), else the article's main film. Name slots refuse lone sentence
words ("Because", "Maybe"), lone places and sentence-opening gerunds; companies
in a producer slot become production companies (P272).

Modality: a clause with a planned, expected, rumoured or denied cue
("plan to bring the film to China", "is expected to") states no fact: its
facts are dropped. A definite future ("will be released on September 6")
is a schedule and is kept.

Confidence of a fact is the measured precision of the cue that found it;
several cues finding one fact raise it a little (SECOND_CUE_WEIGHT), since
cues on the same sentence are not independent evidence.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from reelgraph.extract.date_notes import ResolvedDate, note_resolutions
from reelgraph.extract.dates import DateMention, resolution
from reelgraph.extract.names import Cluster, Mention, absorb, key, person_shape
from reelgraph.extract.resources import (DATA, CuePattern, gazetteer, is_publication, load_cue_patterns, name_parts,
                                         predicate_table, words)
from reelgraph.model import Document, Extraction, Fact, Span, Term

PATTERN_FILES = ("en_facts.jsonl",)

TYPE_CODE = {"Film": "F", "Person": "P", "Character": "C", "Organization": "O", "Venue": "V", "City": "Y",
             "Region": "R", "Country": "N", "Event": "E", "Other": "X"}
CODE_TYPE = {v: k for k, v in TYPE_CODE.items()}

_UP = "A-ZÀ-ÖØ-Þ"
_NOT_NAMES = {"The", "A", "An", "This", "That", "These", "Those", "He", "She", "It", "They", "We", "I", "His",
              "Her", "Its", "Their", "In", "On", "At", "But", "And", "After", "Before", "When", "While", "As",
              "Actor", "Actress", "Director", "Producer", "Film", "Movie", "Agent", "Mr", "Mrs", "Ms", "Dr",
              "According", "During", "Since", "From", "With", "For", "By", "Of", "To", "Also", "Both", "All"}
# A day of the week alone is nobody's name ("X Pictures on Thursday released ...").
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# A trailing "+" belongs to a streamer's name ("Lumen+").
CAP = rf"(?:[{_UP}][\w'’.-]*)(?: (?:[{_UP}][\w'’-]*|de|van|von|da|di|del|bin|al|le|la)){{0,3}}\+?(?![\w⟦])"
_TAG = r"⟦([A-Z])(\d+)⟧"


# Before a name in a list: "Russian director Andrei Vokin", "actress Zheng Hanyi" (a demonym typing took for a
# company or a place is still a demonym there: "⟦O1⟧ filmmaker ⟦P2⟧").
# Or a described person: "the Englishman Peter Cobb", "the late Ann Hart", "her husband Tom Reyes", "the French
# writer Luc Amar", "his wife, Ilse Kron" (only before a person tag; "the film stars X" is a new clause).
_KIN = "wife|husband|brother|sister|son|daughter|father|mother|partner|cousin|collaborator|friend"
_PRE = (rf"(?:(?:the|an?|his|her|their) (?:(?!(?:film|movie|picture|feature|documentary)\b)[a-z-]+ ){{0,2}}(?:[{_UP}][a-z]+ (?:[a-z-]+ )?)?(?:(?:{_KIN}), (?:(?:the|an?) (?:[a-z-]+ )?)?)?(?=⟦P\d+⟧)|(?:[{_UP}][a-z]+ |[a-z]+ |⟦[ONRX]\d+⟧ )?(?:director|actor|actress|actors|actresses|producer|producers|filmmaker|"
        rf"screenwriter|composer|writer|cinematographer|singer|star|newcomer|comedian|first-timer|debutant|veteran|"
        rf"playwright|novelist|author) )?(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.? (?=⟦P\d+⟧))?")


# Before a company name: "Seoul-based X", "Moscow's X", "the distributor X".
_ORG_PRE = (rf"(?:(?:(?:[{_UP}][\w-]*|⟦[YRNV]\d+⟧)-based|(?:[{_UP}][\w.]*|⟦[A-Z]\d+⟧)['’]s(?= [⟦{_UP}])|the (?:[a-z]+ )?(?:distributor|production company|label|"
            rf"studio|company|streamer)) )?")


def _tag(codes: str) -> str:
    return rf"⟦[{codes}]\d+⟧"


def _list(item: str) -> str:
    # A name after a bare comma followed by a verb starts the next clause: "directed by A, B plays a
    # keeper", "produced by A, Variety reported". Atomic, so a bare name is not cut short to pass the test.
    return rf"{item}(?:(?:,? and | & ){item}|, (?>{item})(?!{_CLAUSE_VERB}))*"


# Verbs (and the auxiliaries and adverbs before them) a clause's subject stands before.
_CLAUSE_VERB = (r" (?:(?:also|now|then|later|still|previously|recently) )?(?:is|was|are|were|has|had|have|will|would|"
                r"can|could|does|did|plays|played|portrays|portrayed|stars|starred|co-stars|co-starred|voices|voiced|"
                r"appears|appeared|leads|led|joins|joined|returns|returned|reprises|reprised|takes|took|wrote|writes|"
                r"directed|directs|produced|produces|said|says|told|tells|reported|reports|announced|announces|"
                r"confirmed|confirms|added|adds|noted|explained|revealed|reveals|recalled)\b")


# A name followed by a possessive is someone else's thing ("Clancy's character Jack Ryan").
_NOPOSS = r"(?!['’]s\b)"
_PRONOUN = r"(?:He|She)(?= )"
_SMALLW = r"(?:of|the|and|a|an|in|on|to|for|with|at|from|by|de|la|le)"
# A title word; a date or a bare year is none ("in the 2004 film X and 2006 film Y").
_TITLE_UNIT = rf"(?:⟦[A-CE-LN-Z]\d+⟧|(?!(?:19|20)\d\d\b)[{_UP}0-9][\w'’:&!?-]*(?:\.(?=\w))?)"
_TITLE = rf"(?:{_TITLE_UNIT}(?: (?:{_SMALLW} )*{_TITLE_UNIT}){{0,7}})"


SLOTS = {
    "FILM": _tag("F"), "PERSON": _tag("P"), "PERSONS": _list(_tag("P")),
    "NAME": rf"(?:{_tag('PXCOYR')}{_NOPOSS}|{_PRONOUN}|{CAP}{_NOPOSS})",
    "NAMES": _list(rf"{_PRE}(?:{_tag('PXCOYR')}{_NOPOSS}|{CAP}{_NOPOSS})"),
    "TITLE": _TITLE, "TITLES": _list(_TITLE),
    "ROLE": rf"(?:{_tag('PCX')}|{CAP})(?! as )", "ORG": _tag("O"), "ORGS": _list(_tag("O")),
    "ORGNAME": rf"(?:{_tag('OXP')}|{CAP})",
    # A person tag may be a company's short name spaCy took for a person ("produced by Greenfield").
    # Each company may carry its territory in brackets: "Kranich (Germany), Lune (France)".
    # An abbreviation's full stop may stand before "and": "X Film Co., Ltd. and Y Group".
    "ORGNAMES": _list(rf"{_ORG_PRE}(?:{_tag('OPX')}(?!['’]s [⟦{_UP}])|{CAP}{_NOPOSS})(?:\.(?=,? (?:and|&) ))?(?: \((?:⟦[NRY]\d+⟧|[^()⟦⟧]{{1,30}})\))?"), "EVENT": _tag("E"),
    # A festival where the cue's words say festival ("in Competition at Venice", "its SXSW premiere"): typing may
    # have made it a city, a company or an unknown name.
    "FEST": _tag("EYOX"), "FESTNAME": _tag("EOXY"), "VENUE": _tag("V"), "CITY": _tag("Y"),
    "COUNTRY": _tag("N"), "PLACE": _tag("VYRN"), "PLACES": _list(_tag("VYRN")), "DATE": _tag("D"),
    "MONEY": _tag("M"),
    # Capitalised words and tags ("⟦X1⟧ of ⟦N2⟧ Award for Best Supporting Actress"), or "the prize for best actress".
    # A one-word award spaCy took for a person ("won the Oscar") is still an award here.
    # A lowercase award has up to two words before its noun ("the best actress award", "its special jury prize"),
    # or is a mention ("its special mention"). A tag after capitalised words may be the noun spaCy took for a
    # person ("the Emerging Director ⟦P6⟧").
    "AWARD": (rf"(?>(?:(?:{_tag('VOXEFNP')}{_NOPOSS}|[{_UP}][\w'’-]*)(?: (?:{_tag('VOXOFNP')}|[{_UP}0-9][\w'’-]*|d['’][{_UP}][\w'’-]*|(?:for|of|the|in|de|and)(?= [⟦{_UP}0-9]))){{0,10}}"
              rf"|(?:(?!(?:two|three|four|five|six|seven|eight|nine|ten|several|many|numerous|multiple|some|other|more|major|top|the|an?|its|his|her|their|and|or)\b)[a-z]+ ){{0,2}}(?:award|prize)\b"
              rf"|(?:special|honou?rable|jury) mention\b))(?: for (?:best|the best|outstanding) [a-z-]+(?: (?!last|this|next|year|at|in|on|for)[a-z-]+)?)?"
              rf"(?! (?:nomination|nominations|nod|nods|shortlist|longlist|race|campaign|jury|ceremony|winner|winners|"
              rf"nominee|nominees|contender|pageant|contest)\b)"),
    # A name before a possessive: "Bilal Qureshi's noir".
    "OWNER": rf"(?:{_tag('PXCOYR')}|{CAP})",
}
# Slots that only a tag fills, and the tag code they need (a quick test before running the regex).
SLOT_NEEDS = {"FILM": "F", "PERSON": "P", "PERSONS": "P", "ORG": "O", "ORGS": "O", "EVENT": "E", "VENUE": "V",
              "CITY": "Y", "COUNTRY": "N", "DATE": "D", "MONEY": "M"}
FILLERS = {"GAP": r"[^⟦⟧]{0,60}?", "ANY": r".{0,120}?", "SEP": r"(?:,? )",
           # A description before a character's name: "his wife, Grace", "the exiled prince Corin".
           # Not across "and" ("as a weaver and Belgian actress Y": the next person, not a role "Belgian").
           "DESC": r"(?:(?:the|his|her|their|a|an|its) (?:(?!and )[a-z0-9’'-]+ ){0,3}(?!and\b)[a-z’'-]+,? )?"}
ROLES = {"subject", "object", "role", "date", "place", "venue", "city"}
_PLACEHOLDER = re.compile(r"\{([A-Z]+)(?::([a-z]+))?\}")


@dataclass
class Cue:
    """A compiled cue pattern and which slots hold lists."""

    spec: CuePattern
    regex: re.Pattern
    slots: dict[str, str]   # role -> slot name
    needs: frozenset[str] = frozenset()   # tag codes the clause must hold for the cue to match at all
    words: frozenset[str] = frozenset()   # lower-cased strings one of which the clause must hold (empty: no test)
    anchors: frozenset[str] = frozenset()   # a letter run of each of those words: a cheaper first test


def _compile(spec: CuePattern, path: str) -> Cue:
    from reelgraph.errors import PatternError

    slots: dict[str, str] = {}

    def sub(m: re.Match) -> str:
        name, role = m.group(1), m.group(2)
        if name in FILLERS and role is None:
            return FILLERS[name]
        if name == "RT" and role is None:
            titles = sorted((re.escape(w.capitalize()) for w in words()["role_title"]), key=len, reverse=True)
            return rf"(?:(?:{'|'.join(titles)}) )?"
        if name not in SLOTS:
            raise PatternError(path, spec.line, f"unknown slot {{{name}}}")
        if role not in ROLES:
            raise PatternError(path, spec.line, f"slot {{{name}}} needs a role out of {sorted(ROLES)}")
        if role in slots:
            raise PatternError(path, spec.line, f"role {role} used twice")
        slots[role] = name
        return f"(?P<{role}>{SLOTS[name]})"

    try:
        regex = re.compile(_PLACEHOLDER.sub(sub, spec.pattern))
    except re.error as e:
        raise PatternError(path, spec.line, f"bad regular expression: {e}") from e
    if spec.subject == "slot" and "subject" not in slots:
        raise PatternError(path, spec.line, "subject is 'slot' but the pattern has no subject slot")
    needs = frozenset(SLOT_NEEDS[name] for name in slots.values() if name in SLOT_NEEDS)
    required = required_words(spec.pattern)
    return Cue(spec, regex, slots, needs, required, anchor_words(required))


@functools.lru_cache(maxsize=1)
def cues() -> list[Cue]:
    """Every cue pattern of the English pattern files, compiled and validated once."""
    known = set(predicate_table().predicates)
    out = []
    for name in PATTERN_FILES:
        path = DATA / "patterns" / name
        out += [_compile(spec, str(path)) for spec in load_cue_patterns(path, known)]
    return out


# ---- literal prefilter ------------------------------------------------------
# Most cues match no clause. A substring test for the words a cue cannot match without ("directed by",
# "helmed") is far cheaper than running its regex. The words are read off the pattern by a small reader
# of the regex syntax; whatever it does not follow means no prefilter for that cue.

_PREFILTER_MIN = 3        # shorter required strings filter next to nothing
_LITERALS_MAX = 64        # most alternative strings followed through a pattern


class _Unknown(Exception):
    """Regex syntax the literal reader does not follow."""


@dataclass(frozen=True)
class _Lit:
    """What a piece of a pattern says about the text it matches, in lower case.

    exact: every string the piece can match, when they are few and literal; need: strings one of
    which every match holds. None: nothing known.
    """

    exact: frozenset[str] | None
    need: frozenset[str] | None


_OPAQUE = _Lit(None, None)
_EMPTY = _Lit(frozenset({""}), None)


def _useful(strings: frozenset[str] | None) -> frozenset[str] | None:
    """The set without strings that hold another of it (a text holding "films" holds "film");
    None when it says nothing (it holds the empty string)."""
    if strings is None or "" in strings:
        return None
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two required sets: the longer shortest string, then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _lowers_alone(c: str) -> bool:
    """A character whose lower case is one character whatever stands beside it (the clause is
    lower-cased as a whole): ASCII, and characters without case ("’", "⟦")."""
    return c.isascii() or c.lower() == c == c.upper()


def _char(c: str) -> _Lit:
    return _Lit(frozenset({c.lower()}), None) if _lowers_alone(c) else _OPAQUE


_PLAIN = re.compile(r"[^\\\[\](){}|*+?.^$]+")
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
_GROUP = re.compile(r"\((?:\?(?::|>|P<\w+>|(?P<look>=|!|<=|<!)|(?P<flags>[a-zA-Z]+)(?P<scoped>:)?))?")


class _Reader:
    """Recursive descent over a cue pattern, its placeholders ({NAME:object}, {GAP}) still in it."""

    def __init__(self, pattern: str) -> None:
        self.p, self.i = pattern, 0

    def alternation(self) -> _Lit:
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact = None
        if all(b.exact is not None for b in branches):
            exact = frozenset().union(*(b.exact for b in branches))
            exact = exact if len(exact) <= _LITERALS_MAX else None
        needs = [b.need for b in branches]
        need = None if any(n is None for n in needs) else _useful(frozenset().union(*needs))
        return _Lit(exact, need)

    def sequence(self) -> _Lit:
        run: frozenset[str] | None = frozenset({""})   # the literal strings of the latest run of items
        whole, best = True, None
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            item = self.literal_run() or self.quantified()
            if item.exact is not None:
                product = frozenset(a + b for a in (run or {""}) for b in item.exact)
                if len(product) <= _LITERALS_MAX:
                    run = product
                else:
                    best, run, whole = _better(best, _useful(run)), item.exact, False
                continue
            best = _better(_better(best, _useful(run)), item.need)
            run, whole = None, False
        return _Lit(run if whole else None, _better(best, _useful(run)))

    def literal_run(self) -> _Lit | None:
        """Plain characters up to the next special one, at once (a quantifier after the run takes its
        last character, which is left to `quantified`); None when there are none."""
        m = _PLAIN.match(self.p, self.i)
        if m is None:
            return None
        text = m.group(0)
        if m.end() < len(self.p) and self.p[m.end()] in "*+?{":
            text = text[:-1]
        if not text or not all(map(_lowers_alone, text)):
            return None
        self.i += len(text)
        return _Lit(frozenset({text.lower()}), None)

    def quantified(self) -> _Lit:
        atom = self.atom()
        low, high = self.quantifier()
        if (low, high) == (1, 1):
            return atom
        if self.i < len(self.p) and self.p[self.i] in "?+":
            self.i += 1   # lazy or possessive: the same strings
        if atom.exact is not None and high is not None and high <= 3:
            exact, power = set(), frozenset({""})
            for n in range(high + 1):
                if n >= low:
                    exact |= power
                if len(exact) > _LITERALS_MAX:
                    break
                if n < high:
                    power = frozenset(a + b for a in power for b in atom.exact)
            else:
                return _Lit(frozenset(exact), None)
        if low == 0:
            return _OPAQUE
        return _Lit(None, atom.need if atom.need is not None else _useful(atom.exact))

    def quantifier(self) -> tuple[int, int | None]:
        c = self.p[self.i] if self.i < len(self.p) else ""
        if c and c in "*+?":
            self.i += 1
            return {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        m = _QUANTIFIER.match(self.p, self.i)
        if m is None or not (m.group(1) or m.group(2)):
            return 1, 1
        self.i = m.end()
        low = int(m.group(1) or 0)
        if not m.group(2):
            return low, low
        return low, int(m.group(3)) if m.group(3) else None

    def atom(self) -> _Lit:
        p, c = self.p, self.p[self.i]
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "{":
            m = _PLACEHOLDER.match(p, self.i)
            if m is None:
                raise _Unknown("a brace that is no placeholder")
            self.i = m.end()
            return _OPAQUE
        if c in "*+?":
            raise _Unknown("a quantifier after nothing")
        self.i += 1
        if c == "\\":
            return self.escape()
        if c in "^$":
            return _EMPTY
        return _OPAQUE if c == "." else _char(c)

    def escape(self) -> _Lit:
        if self.i >= len(self.p):
            raise _Unknown("a trailing backslash")
        e = self.p[self.i]
        self.i += 1
        if e in "bBAZ":
            return _EMPTY
        if e in "wWsSdD":
            return _OPAQUE
        if e in "nt":
            return _char("\n" if e == "n" else "\t")
        if e.isalnum() or e == "_":
            raise _Unknown(f"the escape \\{e}")
        if e == "{" and _PLACEHOLDER.match(self.p, self.i - 1):
            raise _Unknown("a placeholder after a backslash")   # _compile substitutes it all the same
        return _char(e)

    def char_class(self) -> _Lit:
        p, i = self.p, self.i + 1
        opaque = p.startswith("^", i)
        i += opaque
        chars: set[str] = set()
        first = True
        while True:
            if i >= len(p):
                raise _Unknown("an unclosed character class")
            c = p[i]
            if c == "]" and not first:
                break
            if c == "[" or (c == "{" and _PLACEHOLDER.match(p, i)):
                raise _Unknown("a nested set or a placeholder in a set")
            first = False
            i += 1
            if c == "\\":
                if i >= len(p):
                    raise _Unknown("a trailing backslash")
                c, i = p[i], i + 1
                if c.isalnum() or c == "_":
                    opaque = True   # \w, \d... or an escape this reader does not spell out
                    continue
            if p.startswith("-", i) and i + 1 < len(p) and p[i + 1] != "]":
                opaque = True   # a range
                i += 1
                if p[i] == "\\":
                    i += 1
                i += 1
                continue
            chars.add(c)
        self.i = i + 1
        lits = [_char(c) for c in chars]
        if opaque or len(chars) > 10 or any(x.exact is None for x in lits):
            return _OPAQUE
        return _Lit(frozenset(s for x in lits for s in x.exact), None)

    def group(self) -> _Lit:
        m = _GROUP.match(self.p, self.i)
        if self.p.startswith(("(?P=", "(?#", "(?("), self.i):
            raise _Unknown("a back reference, comment or conditional")
        self.i = m.end()
        if m.group("flags") is not None:
            if set(m.group("flags")) - set("ms"):
                raise _Unknown("flags that change what literals match")
            if not m.group("scoped"):
                self.close()
                return _EMPTY
        inner = self.alternation()
        self.close()
        return _EMPTY if m.group("look") else inner   # a lookaround matches no text of its own

    def close(self) -> None:
        if self.i >= len(self.p) or self.p[self.i] != ")":
            raise _Unknown("an unclosed group")
        self.i += 1


def required_words(pattern: str) -> frozenset[str]:
    """Lower-cased strings one of which the text must hold for a regex pattern to match it.

    Empty when the pattern has no such strings of at least _PREFILTER_MIN characters, or uses syntax
    the reader does not follow: such a cue is always run. A placeholder left in it ({NAME:object})
    matches anything here.
    """
    reader = _Reader(pattern)
    try:
        found = reader.alternation()
        if reader.i != len(pattern):
            raise _Unknown("an unopened group")
    except _Unknown:
        return frozenset()
    need = _better(found.need, _useful(found.exact))
    if need is None or min(map(len, need)) < _PREFILTER_MIN:
        return frozenset()
    return need


def anchor_words(words: frozenset[str]) -> frozenset[str]:
    """The longest run of letters of each required string ("directed" of "co-directed by "): fewer
    distinct strings than the words themselves, so a clause is tested for all of them once (run_cues).
    Empty when a run is shorter than _PREFILTER_MIN."""
    runs = [max(re.findall(r"[a-z]+", w) or [""], key=len) for w in words]
    if not runs or min(map(len, runs)) < _PREFILTER_MIN:
        return frozenset()
    return frozenset(runs)


# ---- money ----------------------------------------------------------------

_MULT = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
         "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5}


@functools.lru_cache(maxsize=1)
def _money_re() -> re.Pattern:
    cur = gazetteer().currencies
    pre = sorted((re.escape(c) for c, (_, pos) in cur.items() if pos in ("prefix", "either")), key=len, reverse=True)
    suf = sorted((re.escape(c) for c, (_, pos) in cur.items() if pos in ("suffix", "either")), key=len, reverse=True)
    num = r"\d[\d,]*(?:\.\d+)?"
    mult = r"(?: ?(?:thousand|million|billion|crores?|lakhs?|mln|bn|m|b)\b)?"
    return re.compile(rf"(?i)(?<![\w$])(?:(?P<pre>{'|'.join(pre)}) ?(?P<n1>{num}){mult.replace('(?:', '(?P<m1>', 1)}"
                      rf"|(?P<n2>{num}){mult.replace('(?:', '(?P<m2>', 1)} (?P<suf>{'|'.join(suf)})\b)")


def find_money(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, amount as plain decimal, ISO 4217 code) for money amounts in text[start:end]."""
    cur = gazetteer().currencies
    out = []
    for m in _money_re().finditer(text, start, end):
        n = m.group("n1") or m.group("n2")
        mult = (m.group("m1") or m.group("m2") or "").strip().lower()
        code = cur[(m.group("pre") or m.group("suf")).lower()][0]
        if m.group("pre") == "¥" and _japanese_money(text):
            code = "JPY"
        value = float(n.replace(",", "")) * _MULT.get(mult, 1)
        amount = f"{value:.2f}".rstrip("0").rstrip(".")
        out.append((m.start(), m.end(), amount, code))
    return out


def _japanese_money(text: str) -> bool:
    """True when "¥" in a text is the yen, not the yuan: the text speaks of yen or Japan more than of yuan or China."""
    yen = len(re.findall(r"\b(?:yen|Japan|Japanese|Tokyo|Osaka)\b", text))
    yuan = len(re.findall(r"\b(?:yuan|RMB|renminbi|China|Chinese|Beijing|Shanghai)\b", text))
    return yen > yuan


# ---- facts ----------------------------------------------------------------

@dataclass
class Found:
    """A fact before entity ids are assigned: objects are clusters or literal Terms."""

    subject: Cluster
    predicate: str
    object: "Cluster | Term"
    qualifiers: dict[str, "Cluster | Term"]
    confidence: float
    evidence: tuple[int, int]
    cue: str


@dataclass
class _Clause:
    start: int
    end: int
    tagged: str
    segments: list[tuple[int, int, int, object]]  # (tagged start, tagged end, original start, item or None)
    items: list[object]
    codes: frozenset[str] = frozenset()   # tag codes present


@dataclass
class Context:
    """Everything the cues of one document share."""

    text: str
    mentions: list[Mention]
    clusters: list[Cluster]
    dates: list[DateMention]
    found: list[Found] = field(default_factory=list)
    main_film: Cluster | None = None
    focus_person: Cluster | None = None
    focus_country: Cluster | None = None
    lead_film: bool = False   # the main film is the subject of an encyclopedic lead: the article is about it throughout
    version: int = 0     # bumped whenever mentions change, so tagged clauses are rebuilt only then

    def cluster_for(self, start: int, end: int, kind: str) -> Cluster:
        """The cluster of a new mention at [start, end): an existing one of the same name, else a new one."""
        text = self.text[start:end]
        for m in self.mentions:
            if m.start == start and m.end == end and m.entity is not None:
                return m.entity
        k = key(text)
        family = ("Person", "Character") if kind in ("Person", "Character") else (kind,)
        target = None
        for c in self.clusters:
            if c.type in family and c.mentions and k in {key(s) for s in c.surfaces()}:
                target = c
                break
        if target is None and kind == "Organization" and len(k.split()) == 1:
            # "Aurora's chief executive" after "Aurora Pictures": the short form of the one company it starts.
            longer = [c for c in self.clusters if c.type == "Organization" and c.mentions
                      and key(c.name()).startswith(k + " ")]
            if len(longer) == 1:
                target = longer[0]
        if target is None and kind in ("Person", "Character"):
            for c in self.clusters:
                if c.type in family and c.mentions and len(k.split()) == 1 and k in key(c.name()).split():
                    target = c
                    break
        if target is None:
            target = Cluster(kind)
            self.clusters.append(target)
        m = Mention(start, end, text, kind, "cue slot", target)
        target.mentions.append(m)
        self.mentions.append(m)
        self.version += 1
        if kind == "Character":
            target.type = "Character"
            self.version += 1
        return target


@functools.lru_cache(maxsize=1)
def _modality_re() -> list[tuple[str, re.Pattern]]:
    # Case-sensitive on purpose: "may " is a modal, "May 14" a date. One lookbehind before the
    # alternation, not one in each branch: the same matches, several times faster.
    return [(kind, re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(c) for c in cues_)})"))
            for kind, cues_ in predicate_table().modality.items() if cues_ and kind != "negated"]


@functools.lru_cache(maxsize=1)
def _negation_re() -> re.Pattern:
    """The negations of predicates.toml: words ("not") and the clitic of a lowercase word ("wasn't", "can't",
    either apostrophe; not a title's "Don't")."""
    forms = [c.strip() for c in predicate_table().modality.get("negated", ())]
    return re.compile("|".join(rf"(?<![\w])[a-z]+{re.escape(c).replace(chr(39), '[' + chr(39) + '’]')}\b"
                               if c.startswith("n'") else rf"(?<![\w]){re.escape(c)}\b" for c in forms) or r"(?!)")


# Quoted speech; a sentence span may end before its closing mark.
_QUOTED = re.compile(r"“[^“”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _modality(clause: str, negation: bool = True) -> str | None:
    """The modality kind (planned, expected, rumoured, denied...) a clause states, if any; negation=False
    leaves negation to the cues (`_negated`). Clause-wide, a negation in quoted speech ("even when we
    couldn't finish") does not count."""
    for kind, regex in _modality_re():
        if regex.search(clause + " "):
            return kind
    if negation and _negation_re().search(_QUOTED.sub(lambda q: " " * len(q.group(0)), clause)):
        return "negated"
    return None


# What may stand between a negation and the verb it negates: "has not yet been cast", "won't ever be released".
_AFTER_NEGATION = re.compile(r"(?:\s+(?:be|been|being|have|has|had|yet|ever|even|also|again|[a-z]+ly))*\s+(?P<word>[\w-]+)")
# Words after "not" that negate no verb: "not only directed but also produced", "not a sequel".
_NOT_NEGATING = {"only", "just", "merely", "simply", "least", "to", "a", "an", "the", "his", "her", "its", "their",
                 "this", "that", "in", "on", "at", "for", "with", "from", "as", "by", "until", "since", "because"}


def _negated(ctx: Context, clause: _Clause, m: re.Match) -> bool:
    """True when a negation stands before a cue's own words, not before its names or another verb:
    "was not directed by X", "won't be released on June 5" (not "has not been cast in X, directed by Y")."""
    start, end = _orig(clause, m.start()), _orig(clause, m.end())
    slots = [(_orig(clause, m.start(r)), _orig(clause, m.end(r))) for r in m.re.groupindex if m.group(r) is not None]
    for n in _negation_re().finditer(ctx.text, max(clause.start, start - 40), end):
        after = _AFTER_NEGATION.match(ctx.text, n.end())
        if after is None or any(w.lower() in _NOT_NEGATING for w in after.group(0).split()):
            continue
        at = after.start("word")
        if start <= at < end and not any(a <= at < b for a, b in slots):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _report_re() -> re.Pattern:
    said = "|".join(sorted(map(re.escape, words()["report_verb"])))
    aside = "|".join(sorted(map(re.escape, words()["aside_word"])))
    return re.compile(rf"\b(?:{said})\b|, (?:{aside})\b")


def _before_reported_speech(text: str, start: int, end: int) -> int | None:
    """End of the part of a modal clause before its reporting verb or side clause, or None.

    "Meridian chairman Walter Kessling said the sequel would go further": the modal
    belongs to what was said; who said it (and as what) is still stated. Likewise
    "at Fantastic Fest in Austin, where the cast is expected to attend".
    """
    m = _report_re().search(text, start, end)
    if m is None or m.start() == start or _modality(text[start:m.start()], negation=False):
        return None
    return m.start()


def _clauses(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, sentence index) of clauses: sentences split at ';' (and ': ' before a lowercase clause)."""
    out = []
    for i, (s, e) in enumerate(sentences):
        cut = s
        for m in re.finditer(r";\s+|:\s+(?=[a-z])", text[s:e]):
            out.append((cut, s + m.start(), i))
            cut = s + m.end()
        out.append((cut, e, i))
    return out


def _tagged(ctx: Context, start: int, end: int, money: list) -> _Clause:
    items: list[object] = [m for m in ctx.mentions if start <= m.start and m.end <= end]
    items += [d for d in ctx.dates if start <= d.start and d.end <= end and d.iso]
    items += [mo for mo in money if start <= mo[0] and mo[1] <= end]
    spans = []
    for it in items:
        s, e = (it.start, it.end) if not isinstance(it, tuple) else (it[0], it[1])
        spans.append((s, e, it))
    spans.sort(key=lambda x: (x[0], -x[1]))
    pieces, segments, pos, tpos, kept = [], [], start, 0, []
    for s, e, it in spans:
        if s < pos:
            continue
        if s > pos:
            pieces.append(ctx.text[pos:s])
            segments.append((tpos, tpos + s - pos, pos, None))
            tpos += s - pos
        if isinstance(it, Mention):
            code = TYPE_CODE.get(it.entity.type if it.entity else it.type, "X")
        elif isinstance(it, DateMention):
            code = "D"
        else:
            code = "M"
        tag = f"⟦{code}{len(kept)}⟧"
        kept.append(it)
        pieces.append(tag)
        segments.append((tpos, tpos + len(tag), s, it))
        tpos += len(tag)
        pos = e
    if pos < end:
        pieces.append(ctx.text[pos:end])
        segments.append((tpos, tpos + end - pos, pos, None))
    tagged = "".join(pieces)
    return _Clause(start, end, tagged, segments, kept, frozenset(re.findall(r"⟦([A-Z])", tagged)))


def _orig(clause: _Clause, tpos: int) -> int:
    for ts, te, os_, it in clause.segments:
        if ts <= tpos < te or (tpos == te and it is None):
            return os_ if it is not None else os_ + (tpos - ts)
    return clause.end


def _slot_items(ctx: Context, clause: _Clause, m: re.Match, role: str, slot: str,
                distributor: bool = False) -> list[object]:
    """The mentions (as clusters), dates or money a matched slot holds; bare names become mentions.

    `distributor`: the slot names a film's distributor, which no person is ("handled by Helios Nord").
    """
    out: list[object] = []
    gs, ge = m.span(role)
    if slot == "AWARD":
        value = re.sub(_TAG, lambda t: getattr(clause.items[int(t.group(2))], "text", ""), m.group(role))
        value = re.sub(r"(?: (?:for|of|the|at|in|de|and))+$", "", value)
        # "the Best Film award": the award's name is "Best Film".
        value = re.sub(r"^((?:[A-Z][\w'’-]* ?)+) (?:award|prize)$", r"\1", value)
        # "the Golden Shell for best film": a trophy (no "Award" or "Prize" in its name) for best film is the
        # festival's top prize, named by the trophy alone; other categories stay ("... for best actress").
        value = re.sub(r"^([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*) for (?:the )?best (?:[a-z]+ )?(?:film|picture)$",
                       lambda t: t.group(1) if not re.search(r"(?i)\b(?:awards?|prizes?)$", t.group(1)) else t.group(0),
                       value)
        return [Term(value=value, datatype="string")] if len(value) > 3 else []
    if slot in ("TITLE", "TITLES"):
        return _title_items(ctx, clause, gs, ge)
    prefix = _ORG_PRE if slot == "ORGNAMES" else _PRE
    for n, found in enumerate(re.finditer(rf"{prefix}(?P<name>{_TAG}|{CAP})", clause.tagged[gs:ge])):
        if n and slot == "ORGNAMES" and found.group(0).startswith("the "):
            break   # "the distributor X and the production company Y": Y has another job
        part = re.match(rf"{_TAG}|{CAP}", found.group("name"))
        gs_part = gs + found.start("name")
        if part.group(0).startswith("⟦"):
            item = clause.items[int(part.group(2))]
            if isinstance(item, Mention):
                cluster = item.entity
                if slot in ("FEST", "FESTNAME") and cluster.type in ("City", "Region") and \
                        key(item.text) not in words()["festival"]:
                    continue   # a town is a festival only when the town's name is a festival's ("at Cannes")
                if slot in ("FEST", "FESTNAME") and cluster.type in ("City", "Region"):
                    # "premieres in Venice" in a story naming the Venice Film Festival: that festival.
                    named = [c for c in ctx.clusters if c.type == "Event" and c.mentions
                             and key(c.name()).startswith(key(item.text) + " ")]
                    if len(named) == 1:
                        out.append(named[0])
                        continue
                want = {"NAME": "Person", "NAMES": "Person", "OWNER": "Person", "ROLE": "Character", "ORGNAME": "Organization",
                        "ORGNAMES": "Organization"}.get(slot)
                if want == "Organization" and cluster.type == "Person":
                    # "Aurora's chief executive": a company's short name that spaCy took for a person.
                    k = key(item.text)
                    longer = _longer_orgs(ctx, k) if len(k.split()) == 1 else []
                    if not longer and slot == "ORGNAME" and _lone_word_not_surname(ctx, cluster):
                        # "Cloudberry's chief executive": one word no person's name ends with.
                        cluster.type = "Organization"
                        ctx.version += 1
                        out.append(cluster)
                        continue
                    if not longer and distributor and slot == "ORGNAMES" and _not_person_shaped(ctx, cluster):
                        cluster.type = "Organization"
                        ctx.version += 1
                        out.append(cluster)
                        continue
                    if len(longer) != 1:
                        continue
                    _drop_mention(ctx, item)
                    item.entity, item.type = longer[0], "Organization"
                    ctx.version += 1
                    longer[0].mentions.append(item)
                    ctx.mentions.append(item)
                    cluster = longer[0]
                if want == "Person" and cluster.type == "Person" and _org_short_form(ctx, cluster):
                    continue   # "Greenfield" after "Greenfield Entertainment": the company, not a person
                if want == "Person" and any(map(is_publication, cluster.surfaces())):
                    continue   # "produced by Variety": a trade paper reporting is nobody's name
                if slot == "NAMES" and cluster.type in ("City", "Region") and len(cluster.name().split()) == 1 \
                        and not _has_party(clause, gs, ge, item):
                    continue   # a one-word place alone in a list of people is a place, not a cast member
                if want and cluster.type != want:
                    if _known_place(cluster) or (want == "Person" and _common_word(ctx, item.text)):
                        continue   # a gazetteer place is nobody's name
                    cluster = _retype(ctx, cluster, want, item)
                    if want == "Person" and cluster.type != "Person":
                        continue   # an organisation in a person slot is not that person
                out.append(cluster)
            else:
                out.append(item)
            continue
        if part.group(0) in ("He", "She") and slot in ("NAME", "OWNER"):
            if ctx.focus_person is not None:
                out.append(ctx.focus_person)
            continue
        if part.group(0).split()[0] in _NOT_NAMES or part.group(0) in _WEEKDAYS or _is_place_word(part.group(0)) \
                or not _name_like(part.group(0), slot) \
                or (slot in ("NAME", "NAMES", "OWNER") and is_publication(part.group(0))) \
                or _common_word(ctx, part.group(0)) or all(t.lower() in words()["title"] for t in part.group(0).split()):
            continue   # "CEO of X": a job title is nobody's name
        a = _orig(clause, gs_part)
        b = a + len(part.group(0))
        opening = not ctx.text[clause.start:a].strip(" \"“‘'*•–-\n")
        if part.group(0).endswith("ing") and " " not in part.group(0) and opening:
            continue   # "Having appeared as ...": a sentence-opening gerund
        if opening and role == "subject" and slot in ("NAME", "NAMES", "OWNER") \
                and not _named_elsewhere(ctx, part.group(0), a):
            continue   # "Shares of X rose": a capitalised common word opening the sentence is no employee
        last = part.group(0).split()[-1]
        if last.endswith(".") and len(last) > 4 and "." not in last[:-1] and \
                last[:-1].lower() not in ("corp", "bros"):
            b -= 1   # "and Cineflix." ends a sentence; "Inc." and "Jr." keep theirs
        if slot == "ORGNAMES" and toks_org(part.group(0)) is False and not glued_company(part.group(0)):
            continue
        kind = {"ROLE": "Character", "ORGNAME": "Organization", "ORGNAMES": "Organization"}.get(slot, "Person")
        if kind == "Person" and glued_company(part.group(0)):
            kind = "Organization"   # "produced by Cineprime": a company in a producer slot
        if kind == "Character":
            a, b = _strip_role_title(ctx.text, a, b)
        if kind == "Organization":
            # "Streamer Lumen+": a sentence-initial kind of company is no part of its name.
            first = part.group(0).split(" ")[0]
            if first.lower() in _COMPANY_KINDS and " " in part.group(0):
                a += len(first) + 1
        out.append(ctx.cluster_for(a, b, kind))
    return out


def _named_elsewhere(ctx: Context, name: str, at: int) -> bool:
    """True when a one-word name opening a sentence is a name: a known given name, a word of another
    name in the document, or a word the document writes capitalised mid-sentence too."""
    if " " in name or name.lower() in name_parts().given:
        return True
    low = name.lower()
    if any(low in key(c.name()).split() for c in ctx.clusters if c.mentions):
        return True
    return any(m.start() != at for m in re.finditer(rf"(?<=[\w,;:] ){re.escape(name)}(?![\w'’-])", ctx.text))


def _has_party(clause: _Clause, gs: int, ge: int, besides: object) -> bool:
    """True when the slot text [gs, ge) of a clause names a person or company other than `besides`."""
    for t in re.finditer(_TAG, clause.tagged[gs:ge]):
        it = clause.items[int(t.group(2))]
        if it is not besides and isinstance(it, Mention) and it.entity is not None and it.entity.type in ("Person", "Organization"):
            return True
    return bool(re.search(CAP, re.sub(_TAG, "", clause.tagged[gs:ge])))


def _longer_orgs(ctx: Context, k: str) -> list[Cluster]:
    """Organisations whose name starts with the word k; when one is the start of all others
    ("Greenfield Entertainment" in a headline run-on) that one alone."""
    longer = [c for c in ctx.clusters if c.type == "Organization" and c.mentions and key(c.name()).startswith(k + " ")]
    if len(longer) > 1:
        shortest = min(longer, key=lambda c: len(key(c.name())))
        if all(key(c.name()).startswith(key(shortest.name())) for c in longer):
            return [shortest]
    return longer


def _org_short_form(ctx: Context, cluster: Cluster) -> bool:
    """True when a one-word 'person' is how the one organisation whose name starts with it is called for short."""
    names = {key(x) for x in cluster.surfaces()}
    if len(names) != 1 or len(next(iter(names)).split()) != 1:
        return False
    k = next(iter(names))
    return len(_longer_orgs(ctx, k)) == 1 and not any(c is not cluster and c.type == "Person" and key(c.name()).endswith(" " + k)
                                        for c in ctx.clusters)


_COMPANY_KINDS = {"streamer", "distributor", "studio", "broadcaster", "exhibitor", "network", "banner", "label",
                  "producer", "financier", "platform"}


# Facts that make their object a person.
_PERSON_OBJECT = {"P57", "P58", "P86", "P161", "P162", "P344", "P488", "P169"}


def _not_person_shaped(ctx: Context, cluster: Cluster) -> bool:
    """True when a 'person' of two or three words has no person's shape (no known given name first),
    is not the article's person and holds no person's job in a fact found so far ("Vega Austral")."""
    names = {x for x in cluster.surfaces()}
    if cluster is ctx.focus_person or any(not 2 <= len(n.split()) <= 3 or person_shape(n) for n in names):
        return False
    return not any(f.object is cluster and f.predicate in _PERSON_OBJECT for f in ctx.found)


def _lone_word_not_surname(ctx: Context, cluster: Cluster) -> bool:
    """True when every name of a cluster is one word and no other person's name ends with it."""
    if any(len(k.split()) != 1 for k in {key(x) for x in cluster.surfaces()}):
        return False
    k = key(cluster.name())
    return not any(c is not cluster and c.type == "Person" and key(c.name()).endswith(" " + k)
                   for c in ctx.clusters)


def _title_items(ctx: Context, clause: _Clause, gs: int, ge: int) -> list[object]:
    """Film titles of a title list: each item is one film, whatever mentions spaCy made inside it."""
    out: list[object] = []
    # "Tatort on ⟦O3⟧", "Ashes at ⟦E4⟧": a channel, place or festival ends the title before it.
    slot = re.sub(rf" (?:on|at) (?:⟦[OYRNEV]\d+⟧|[A-Z]{{2,5}}[0-9]?(?![\w⟦])|(?P<w>[{_UP}][\w'’-]*)(?![\w⟦]))",
                  lambda c: c.group(0) if c.group("w") and not (_is_place_word(c.group("w")) or c.group("w").lower()
                                                                in words()["festival"]) else "|" * len(c.group(0)),
                  clause.tagged[gs:ge])
    for part in re.finditer(_TITLE, slot):
        title = part.group(0)
        inner = [clause.items[int(t.group(2))] for t in re.finditer(_TAG, title)]
        if re.match(r" (?:[a-z-]+ )?(?:series|show|drama|film|movie|sitcom|miniseries|serial|documentary)\b",
                    slot[part.end():] or clause.tagged[ge:ge + 30]):
            continue   # "the TV drama series X", "the HBO series X": a name before a film noun describes the film
        if title.startswith("⟦") and re.fullmatch(_list(_TAG), title):
            # "⟦F1⟧ and ⟦F2⟧": names already found stay one film each ("Pride and Prejudice" is one tag).
            for item in inner:
                if isinstance(item, Mention) and item.entity is not None and not (
                        item.entity.type in ("City", "Region", "Country", "Venue") and _known_place(item.entity)):
                    out.append(_retype(ctx, item.entity, "Film", item))   # "appeared in Paris in May": a place
            continue
        if title.split()[0] in _NOT_NAMES and len(title.split()) == 1:
            continue
        if any(not isinstance(i, Mention) for i in inner):
            continue
        a = _orig(clause, gs + part.start())
        last = _orig(clause, gs + part.end() - 1)
        end_item = inner[-1] if title.endswith("⟧") else None
        b = end_item.end if end_item is not None else last + 1
        for item in inner:
            _drop_mention(ctx, item)
        out.append(ctx.cluster_for(a, b, "Film"))
    return out


def _drop_mention(ctx: Context, mention: Mention) -> None:
    """A mention that turned out to be part of a longer name leaves its entity."""
    if mention.entity is not None and mention in mention.entity.mentions:
        mention.entity.mentions.remove(mention)
    if mention in ctx.mentions:
        ctx.mentions.remove(mention)
    ctx.version += 1


# One word glued from a film or broadcast stem: a company's name, never a person's ("Uzbekfilm", "Cineprime").
_GLUED_COMPANY = re.compile(rf"(?:Cine|Ciné|Tele|Film)[a-zà-ÿ]{{3,}}|[{_UP}][a-zà-ÿ]{{3,}}(?:films?|flix|vision|media)")


def glued_company(name: str) -> bool:
    """A one-word name glued from a company stem ("Uzbekfilm", "Cineprime", "Telestar")."""
    return bool(_GLUED_COMPANY.fullmatch(name.rstrip(".")))


def toks_org(text: str) -> bool:
    """A bare capitalised run ending in a company word ("Dunmore Pictures")."""
    org = words()["org_word"] | {"films", "pictures", "studios", "co.", "ltd", "inc", "gmbh"}
    return text.split()[-1].lower().rstrip(".,") in org


def _name_like(text: str, slot: str) -> bool:
    """A bare capitalised run that can be a name: no "-based", no demonym compounds, no company words."""
    toks = text.split()
    if any(t.endswith(("-based", "-born", "-language", "-set")) for t in toks):
        return False
    if all(_is_place_word(part) for part in re.split(r"[-–]", toks[0]) if part):
        return False
    if toks[-1].lower() in words()["event_word"]:
        return False
    org = words()["org_word"] | {"films", "pictures", "studios", "co.", "ltd", "inc", "gmbh"}
    if slot in ("NAME", "NAMES", "OWNER") and toks[-1].lower().rstrip(".,") in org and len(toks) > 1:
        return False
    return True


def _company_shaped(cluster: Cluster) -> bool:
    """A name shaped like a company's: it ends in a company word ("Pictures", "Ltd") or a country
    code ("Endemol USA"), or it is one all-capitals word ("HBO")."""
    toks = cluster.name().split()
    last = toks[-1].rstrip(".,")
    org = words()["org_word"] | {"films", "pictures", "studios", "co", "ltd", "inc", "gmbh", "llc", "plc"}
    if cluster.type == "Organization" or last.lower() in org:
        return True
    gaz = gazetteer()
    if len(toks) > 1 and last.isupper() and (last.lower() in gaz.country_by_name or last in gaz.countries):
        return True
    return len(toks) == 1 and len(last) >= 3 and last.isupper() and last.isalpha()


def _companies_in_list(ctx: Context, items: list[Cluster], listed_org: bool = False) -> list[Cluster]:
    """The companies of a producer list, retyped as organisations; a one-word name listed with a
    company (`listed_org`: the list held one) is a company too ("Endemol USA and Cineflix")."""
    shaped = [c for c in items if _company_shaped(c)]
    if not shaped and not listed_org:
        return []
    out = [c for c in items if c in shaped or (len(c.name().split()) == 1 and c.type in ("Person", "Other"))]
    for c in out:
        if c.type != "Organization":
            c.type = "Organization"
            ctx.version += 1
    return out


def _common_word(ctx: Context, text: str) -> bool:
    """A lone capitalised word that is a common word, not a name: a stop word ("Because", "Who",
    "What's") or a word the article also writes in lowercase ("Maybe" beside "maybe", "Mostly")."""
    toks = text.split()
    if len(toks) != 1:
        return False
    low = re.sub(r"['’]s$", "", toks[0]).lower().rstrip(".,")
    if low in STOP_WORDS and low not in ("will", "may"):
        return True
    return low in _lowercase_words(ctx.text) or (low.endswith("ly") and low[:-2] in STOP_WORDS)


@functools.lru_cache(maxsize=8)
def _lowercase_words(text: str) -> frozenset[str]:
    """Words a text writes in lowercase (a name is written capitalised everywhere)."""
    return frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*(?![\w'’-])", text))


def _known_place(cluster: Cluster) -> bool:
    return cluster.type == "Country" or any(m.source == "gazetteer" or m.canonical for m in cluster.mentions) \
        or _is_place_word(cluster.name())


def _is_place_word(text: str) -> bool:
    """A bare capitalised word that is a country, demonym or known place is no person's name."""
    gaz = gazetteer()
    low = text.lower()
    return low in gaz.country_by_demonym or low in gaz.country_by_name or low in gaz.places


def _strip_role_title(text: str, a: int, b: int) -> tuple[int, int]:
    toks = text[a:b].split(" ")
    while len(toks) > 1 and toks[0].lower() in words()["role_title"]:
        a += len(toks[0]) + 1
        toks = toks[1:]
    return a, b


def _retype(ctx: Context, cluster: Cluster, want: str, mention: Mention) -> Cluster:
    """A slot says what a mention is (a role is a Character): move it, with its same-named mentions."""
    if want == "Character" and cluster.type == "Person" and len(cluster.mentions) > 1 and \
            len({key(s) for s in cluster.surfaces()}) > 1:
        # A person cluster holding several name forms: only the matching name form moves.
        a, b = _strip_role_title(ctx.text, mention.start, mention.end)
        return ctx.cluster_for(a, b, "Character")
    if want == "Organization" and cluster.type in ("Person", "Character"):
        return cluster
    if want == "Film" and (cluster is ctx.focus_person or cluster.type == "Country"
                           or any(m.source == "gazetteer" for m in cluster.mentions)):
        return cluster
    if want == "Person" and cluster.type in ("Film", "Event", "Country", "Venue", "Character"):
        return cluster   # a role slot made it a Character: "X plays Y, an officer of Z" is no employment
    if want == "Person" and cluster.type == "Organization" and \
            (len(cluster.name().split()) > 2 or cluster.name().split()[-1].lower() in words()["org_word"]
             or glued_company(cluster.name())):
        return cluster
    cluster.type = want
    ctx.version += 1
    for other in ctx.clusters:
        if other is not cluster and other.type == want and other.mentions and \
                key(other.name()) == key(cluster.name()):
            absorb(other, cluster)
            return other
    return cluster


def _film_for(ctx: Context, clause: _Clause, at: int, sentence: tuple[int, int]) -> Cluster | None:
    """The film a clause talks about: nearest film mention before `at` in the sentence, else after, else the main film."""
    films = [m for m in ctx.mentions if m.entity is not None and m.entity.type == "Film"
             and sentence[0] <= m.start < sentence[1]]
    films = [m for m in films if not (m.start < at and _in_closed_aside(ctx.text, sentence[0], m, at))]
    originals = _originals(ctx, films, sentence)
    if originals and len(originals) == len(films):
        return _derived_film(ctx, originals[0])
    films = [m for m in films if m not in originals]
    before = [m for m in films if m.start < at and not _compared_before(ctx.text, sentence[0], m, at)]
    if before:
        return before[-1].entity
    films = [m for m in films if not (m.start < at and _compared_before(ctx.text, sentence[0], m, at))]
    if _SUBJECT_POINTS_BACK.search(ctx.text[max(sentence[0], at - 80):at]):
        return _anaphor_film(ctx, sentence, at)   # "..., and the film was shot in X, a town known as "Y""
    # "directed by X, making it her first episode since the finale "Y"": a film after a new clause is another one;
    # so is one after the clause points back at its film ("X wrote the script, and the film was shot ... "Y"").
    films = [m for m in films if not _NEW_CLAUSE.search(ctx.text, at, m.start)
             and not _POINTS_BACK.search(ctx.text[at:m.start])]
    if films:
        return films[0].entity
    if _undecided_title_before(ctx, sentence, at):
        return None
    return _paragraph_film(ctx, sentence[0]) or _previous_subject_film(ctx, sentence[0]) or ctx.main_film \
        or _recent_film(ctx, sentence[0])


# Before a film a clause compares its own film with: "her second feature after the 2021 drama "W"".
_COMPARED = re.compile(r"\b(?:after|since|following|than|like|unlike|besides)(?: (?:the|his|her|their|its|an?))?"
                       r"(?: [\w'’-]+){0,4} [\"“‘']?$")
_RELATIVE = re.compile(r"\b(?:which|that|who|whose|where)\b")


def _compared_before(text: str, start: int, mention: Mention, at: int) -> bool:
    """True when a film before `at` is one its clause compares with ("after the 2021 drama "W", and
    stars Y" is not about W), unless a relative clause opened after it speaks of it ("W, which starred Y")."""
    return bool(_COMPARED.search(text, max(start, mention.start - 50), mention.start)) \
        and not _RELATIVE.search(text, mention.end, at)


# How far into a sentence the film it is about may be named ("In second place, the thriller "Y" ..."),
# and what before it says the sentence is about something else (a verb, a relative clause, a comparison).
SUBJECT_OPENING_CHARS = 40
_NOT_OPENING = re.compile(r"[.;:]|\b(?:is|was|are|were|has|have|had|said|says|told|will|would|after|before|than|like|"
                          r"with|who|which|whose|that|when|while|since|by|directed|starring|for|from|of)\b")


def _previous_subject_film(ctx: Context, start: int) -> Cluster | None:
    """The film the sentence before `start` opens with, when it is another than the article's film
    ("“Y,” from Studio, arrives in 200 theaters. It stars ..." in a roundup): what "it" goes on about.
    None in an encyclopedic article, which is about its lead's film throughout."""
    if ctx.lead_film:
        return None
    para = ctx.text.rfind("\n", 0, start) + 1
    prev = max(ctx.text.rfind(". ", para, max(start - 2, para)) + 2, para)
    if prev >= start:
        return None
    films = [m for m in ctx.mentions if m.entity is not None and m.entity.type == "Film" and prev <= m.start < start]
    if not films:
        return None
    first = min(films, key=lambda m: m.start)
    opening = ctx.text[prev:first.start]
    if len(opening) > SUBJECT_OPENING_CHARS or _NOT_OPENING.search(opening):
        return None
    return first.entity if first.entity is not ctx.main_film else None


# "the film" or "it" as the subject of a cue's verb, after a clause boundary: "..., and the film was shot in".
_SUBJECT_POINTS_BACK = re.compile(r"(?:^|[,;:]|\b(?:and|but|while|as|after|before|when|since|where))\s+(?:[Tt]he (?:film|movie|"
                                  r"picture)|[Ii]t)(?: (?:was|is|will|be|been|has|had|also|then|later|first|originally))* $")
# "the film" or "it" pointing back, not naming the title right after it ("the film "Y"").
_POINTS_BACK = re.compile(r"\b(?:the (?:film|movie|picture)|it)\b(?![\s\"“‘']*$)")
_NEW_CLAUSE = re.compile(r", (?:making|since|while|whereas|although|though|when|after|before|following)\b")
# Before an original film: the sentence talks about the new one derived from it.
_ORIGINAL_BEFORE = re.compile(r"\b(?:remake|sequel|prequel|follow-up|spin-off|spinoff|reboot)s? (?:of|to) (?:the |its |his |her |their |a )?"
                              r"(?:[\w-]+ ){0,4}[\"“‘']?$")
_ASIDE_OPEN = re.compile(r",[\"”’']? (?:whose|who|which|best known for|known for)\b|\(")


def _undecided_title_before(ctx: Context, sentence: tuple[int, int], at: int) -> bool:
    """True when a sentence sets off a title it did not type before `at`: 'Its predecessor, "Blue Line",
    opened on ...', 'a documentary called Blue Line, directed by X' are about that title, not the article's film."""
    return any(m.entity is not None and sentence[0] <= m.start < at and (
        (m.source.startswith(("quoted", "italic")) and m.entity.type == "Other")
        or (m.entity.type not in ("Film", "Person") and _NAMED_FILM_BEFORE.search(ctx.text, max(0, m.start - 80), m.start)))
        and not _in_closed_aside(ctx.text, sentence[0], m, at) for m in ctx.mentions)


# Before a title the text names as a film's, whatever typing made of it: "a documentary of this first year,
# called Big Easy Express".
_NAMED_FILM_BEFORE = re.compile(r"\b(?:documentary|film|movie|short|feature|picture|series|doc)\b[^.;⟦⟧]{0,40}?,? "
                                r"(?:called|titled|entitled) [\"“‘']?$")


def _originals(ctx: Context, films: list[Mention], sentence: tuple[int, int]) -> list[Mention]:
    """The film mentions of a sentence named as the original of a new film ("a sequel to "X"")."""
    return [m for m in films if _ORIGINAL_BEFORE.search(ctx.text, max(sentence[0], m.start - 60), m.start)]


def _derived_film(ctx: Context, original: Mention) -> Cluster | None:
    """"a sequel to its 2023 western "Copper Sky," with X returning to direct": the sentence is about the
    new film: the document's one film named after the original ("Copper Sky 2"), else none."""
    k = key(original.text)
    named = [c for c in ctx.clusters if c.type == "Film" and c.mentions and key(c.name()).startswith(k + " ")]
    return named[0] if len(named) == 1 else None


def _in_closed_aside(text: str, start: int, mention: Mention, at: int) -> bool:
    """True when a film mention sits in a side clause closed before `at`: "Helmer X, whose debut
    "Y" won at SXSW, co-wrote ..." is not about Y; nor is "Z (a remake of "Y") stars ..."."""
    opened = [o for o in _ASIDE_OPEN.finditer(text, start, mention.start)]
    if not opened:
        return False
    o = opened[-1]
    closer = ")" if o.group(0) == "(" else ","
    between = text[o.end():mention.start]
    if closer in between:
        return False
    close = text.find(closer, mention.end, at)
    # ', which made "Y," directed by Z': what follows an aside ending on the film still describes the film.
    return close >= 0 and bool(text[mention.end:close].strip(" \"”’'"))


def _paragraph_film(ctx: Context, before: int) -> Cluster | None:
    """In a roundup, the film a filmless sentence talks about: the film its paragraph opens with
    ("“Title” (Studio) took $4 million ..."), when the paragraph names no other film before it."""
    para = ctx.text.rfind("\n", 0, before) + 1
    films = [m for m in ctx.mentions if m.entity is not None and m.entity.type == "Film" and para <= m.start < before]
    if not films or len({id(m.entity) for m in films}) != 1:
        return None
    first = min(films, key=lambda m: m.start)
    if first.start - para > PARAGRAPH_OPENING_CHARS or _in_closed_aside(ctx.text, para, first, before):
        return None   # 'Marlowe, whose debut "Small Hours" screened at Venice, ...': the paragraph is about her
    return first.entity


# How much a second cue finding the same fact raises its confidence (0: not at all, 1: independent evidence).
SECOND_CUE_WEIGHT = 0.3

# How far into its paragraph the film a roundup paragraph is about is named.
PARAGRAPH_OPENING_CHARS = 30

# How far back (characters) a clause without a film looks for the film it talks about.
RECENT_FILM_CHARS = 400


def _recent_film(ctx: Context, before: int) -> Cluster | None:
    """The last film mentioned shortly before `before` (the film 'the film' refers to); one named in a side
    clause about someone ("filmmaker X, whose 2019 drama "Y" won ...") only when no other is."""
    films = [m for m in ctx.mentions if m.entity is not None and m.entity.type == "Film"
             and before - RECENT_FILM_CHARS <= m.start < before]
    main = [m for m in films if not _in_aside(ctx.text, m)]
    return max(main or films, key=lambda m: m.start).entity if films else None


def _in_aside(text: str, mention: Mention) -> bool:
    """True when a mention sits in a side clause of its sentence that is still open at the mention."""
    start = max(text.rfind(". ", 0, mention.start) + 2, text.rfind("\n", 0, mention.start) + 1)
    opened = list(_ASIDE_OPEN.finditer(text, start, mention.start))
    return bool(opened) and (")" if opened[-1].group(0) == "(" else ",") not in text[opened[-1].end():mention.start]


# A trade paper reports on a film: it is never the film's company, nor the place of the film or its events.
_NOT_A_PUBLICATION = {"P272", "P750", "P276", "P915", "P291"}


def _add(ctx: Context, subject, predicate, obj, quals, conf, clause, cue) -> None:
    if subject is None or obj is None or subject is obj:
        return
    if predicate in _NOT_A_PUBLICATION and isinstance(obj, Cluster) and any(map(is_publication, obj.surfaces())):
        return     # "produced by X, The Hollywood Reporter said": the paper is no producer
    ctx.found.append(Found(subject, predicate, obj, {k: v for k, v in quals.items() if v is not None},
                           conf, (clause.start, clause.end), cue))


def _date_term(d: DateMention, end: bool = False) -> Term | None:
    iso = d.end_iso if end else d.iso
    return Term(value=iso, datatype="date") if iso else None


def _apply_cue(ctx: Context, cue: Cue, clause: _Clause, sentence: tuple[int, int]) -> None:
    spec = cue.spec
    for m in cue.regex.finditer(clause.tagged):
        at = _orig(clause, m.start())
        if _slot_in_closed_aside(ctx, clause, m, sentence) or _negated(ctx, clause, m):
            continue
        if spec.predicate in _CREW and _NOT_CREW_BEFORE.search(ctx.text[clause.start:at]):
            continue
        slots = {role: _slot_items(ctx, clause, m, role, slot, distributor=spec.predicate == "P750")
                 for role, slot in cue.slots.items()}
        if spec.subject == "slot":
            subjects = [s for s in slots["subject"] if isinstance(s, Cluster)]
            if cue.slots.get("subject") == "FILM" and _compared_slot(ctx, clause, m, sentence):
                # "X is her second feature after "W", and stars Y": the clause's film, not W.
                subjects = [_film_for(ctx, clause, at, sentence)]
        elif spec.subject == "main_film":
            subjects = _main_film_subjects(ctx, clause, m, at, sentence)
        else:
            subjects = _plural_films(ctx, clause, m) or [_film_for(ctx, clause, at, sentence)]
            owned = _OWNER_FILM.match(clause.tagged[:m.end()])
            if owned and "⟦F" not in clause.tagged[:max(m.start(), owned.end())]:
                # "Ruiz's film took $4 million": the one film the rules found Ruiz directed, if any.
                subjects = [_directed_by(ctx, clause.items[int(owned.group(1))]) or _anaphor_film(ctx, sentence, at)]
            elif _opens_with_anaphor(clause, m):
                subjects = [_anaphor_film(ctx, sentence, at)]
            elif _OTHER_SUBJECT.match(clause.tagged[:m.start()]) and "⟦F" not in clause.tagged[:m.start()]:
                continue   # "The festival, which ran from 4 to 8 June, is directed by X": not a film's director
        if "subject_is_article_person" in spec.options:
            # "the performance won her the X Prize", "she joined Y": the person the article is about.
            if ctx.focus_person is None:
                continue
            subjects = [ctx.focus_person]
        if "subject_is_recent_organization" in spec.options:
            # "Its chief executive, X": the company last named.
            org = _recent_organization(ctx, at, sentence)
            subjects = [org] if org is not None else []
        if "subject_is_recent_event" in spec.options:
            # "the festival itself runs from 13 to 24 May": the event last named.
            events = [x for x in ctx.mentions if x.entity is not None and x.entity.type == "Event" and x.start < at]
            noun = re.search(r"festival|fest|ceremony|awards|gala|market", m.group(0).lower())
            named = [x for x in events if noun and noun.group(0) in x.entity.name().lower()]
            subjects = [max(named or events, key=lambda x: x.start).entity] if events else []
        date = next((d for d in slots.get("date", []) if isinstance(d, DateMention)), None)
        if date is None and "date_in_clause" in spec.options:
            # The first date from the cue on, else the last before it (a dateline opens the clause).
            dates = [(_orig_item(clause, d), d) for d in clause.items if isinstance(d, DateMention)]
            # Not a date said of another film before it: '"X" opens Friday, two years after "Y" premiered'.
            others = [x.start for x in clause.items if isinstance(x, Mention) and x.entity is not None
                      and x.entity.type == "Film" and x.entity not in subjects]
            date = next((d for s, d in dates if s >= at), None) or next(
                (d for s, d in reversed(dates) if not any(o < s for o in others)), None)
        objects: list[object] = [o for o in slots.get("object", [])]
        if "object_is_article_person" in spec.options and not objects:
            if ctx.focus_person is None:
                continue
            objects = [ctx.focus_person]
        if "object_is_recent_organization" in spec.options and not objects:
            # "The studio's next release, X": the company last named.
            org = _recent_organization(ctx, at, sentence)
            if org is None:
                continue
            objects = [org]
        if "object_is_recent_festival" in spec.options:
            # "The festival closed with "X"", "the audience award went to "X"": the festival last named.
            festival = _recent_festival(ctx, at)
            if festival is None:
                continue
            objects = [festival]
        pred = spec.predicate
        if pred in _FILM_DATES and spec.subject == "film" and _EVENT_SUBJECT_BEFORE.search(clause.tagged[:m.start()]):
            continue   # "The festival, which opened on Sept. 19": the festival opens, no film
        quals: dict[str, object] = {}
        if pred in ("P577", "P1191", "P585", "P580", "P582"):
            if date is None:
                continue
            if pred == "P585" and date.end_iso:
                for subject in subjects:
                    _add(ctx, subject, "P580", _date_term(date), {}, spec.confidence, clause, spec.id)
                    _add(ctx, subject, "P582", _date_term(date, True), {}, spec.confidence, clause, spec.id)
                continue
            objects = [_date_term(date, end=pred == "P582" and bool(date.end_iso))]
        if pred == "P577":
            country = _first(slots.get("place", []), "Country") or _first(clause.items, "Country")
            dem_re = r"\b(?:in|across|reach|reaches|hit|hits) ([A-Z][\w.]+) (?:theaters|theatres|cinemas|screens)\b"
            # "opened in Latvia on 9 October and will reach Estonian cinemas on 23 October": the cue's own words first.
            own = re.search(dem_re, ctx.text[at:_orig(clause, m.end())])
            dem = own or re.search(dem_re, ctx.text[clause.start:clause.end])
            found = dem and (gazetteer().country_by_demonym.get(dem.group(1).lower())
                             or gazetteer().country_by_name.get(dem.group(1).lower()))
            if (country is None or own) and found:
                a = (at if own else clause.start) + dem.start(1)
                country = _country_cluster(ctx, a, a + len(dem.group(1)), found.name)
            if country is None and re.search(r"\bnationwide|across the country|in theaters across",
                                             ctx.text[clause.start:clause.end]):
                country = ctx.focus_country
            quals["P291"] = country
        if pred == "P1191":
            quals["P276"] = _first(slots.get("venue", []), "Venue") or _first(clause.items, "Venue")
            quals["P131"] = _first(slots.get("city", []), "City") or _first(clause.items, "City")
        if pred == "P2142":
            # "put the total at €1.5 million in minimum guarantees", "made for £300,000": sales or budget, not takings.
            objects = [o for o in objects if not (isinstance(o, tuple) and (
                _NOT_TAKINGS.match(ctx.text, o[1]) or _BUDGET_BEFORE.search(ctx.text[max(0, o[0] - 40):o[0]])))]
            objects = _with_conversions(clause, ctx.text, [o for o in objects if isinstance(o, tuple)])
            objects = [Term(value=o[2], datatype="quantity", unit=o[3]) for o in objects if isinstance(o, tuple)]
        if pred in ("P276", "P915"):
            # "Lanzhou, Gansu", "Hengdian, China": the region or country names where the city is.
            kinds = {o.type for o in objects if isinstance(o, Cluster)}
            if kinds & {"City", "Venue"}:
                objects = [o for o in objects if isinstance(o, Cluster) and o.type in ("City", "Venue")]
        role = next((r for r in slots.get("role", []) if isinstance(r, Cluster)), None)
        if role is not None:
            quals["P453"] = role
        if pred == "P162":
            # "produced by Endemol USA and Cineflix": companies in a producer slot are production companies.
            listed_org = "object" in cue.slots and any(
                isinstance(it := clause.items[int(t.group(2))], Mention) and it.entity is not None
                and it.entity.type == "Organization" for t in re.finditer(_TAG, m.group("object") or ""))
            companies = _companies_in_list(ctx, [o for o in objects if isinstance(o, Cluster)], listed_org)
            for subject in subjects:
                for c in companies:
                    _add(ctx, subject, "P272", c, {}, spec.confidence, clause, spec.id)
            objects = [o for o in objects if o not in companies]
        for subject in subjects:
            for obj in objects:
                if isinstance(obj, DateMention):
                    obj = _date_term(obj)
                _add(ctx, subject, pred, obj, quals, spec.confidence, clause, spec.id)


def _recent_organization(ctx: Context, at: int, sentence: tuple[int, int]) -> Cluster | None:
    """The company a cue points back at ("its chief executive", "the studio's next release"): the first
    company of the sentence before (its likeliest subject), else the last company named before `at`."""
    orgs = [x for x in ctx.mentions if x.entity is not None and x.entity.type == "Organization" and x.start < at]
    prev = max(ctx.text.rfind(". ", 0, max(sentence[0] - 2, 0)), ctx.text.rfind("\n", 0, max(sentence[0] - 1, 0))) + 1
    before = sorted((x for x in orgs if prev <= x.start < sentence[0]), key=lambda x: x.start)
    if before:
        return before[0].entity
    return max(orgs, key=lambda x: x.start).entity if orgs else None


# After an amount: what it is when it is no box office.
_NOT_TAKINGS = re.compile(r" (?:in|of) (?:minimum guarantees?|MGs?|pre-?sales|presales|funding|financing|investment|"
                          r"production costs?|budget)\b")


# Before an amount: a budget ("made for £300,000", "a budget of $2 million"), not takings.
_BUDGET_BEFORE = re.compile(r"(?:\b(?:made|shot|produced|completed|financed|filmed) for|\bbudget(?:ed at| of| was| is)?|"
                            r"\bcost(?:s|ing)?)(?: (?:just|only|about|around|roughly|under|less than|a mere))? $")


# A film's own dates, and an event as the subject right before a cue: "The festival opened on 13 May", "the 14th
# Northern Reel Film Festival will open on 25 September with ..." says when the event opens, not the film.
_FILM_DATES = {"P577", "P1191"}
_EVENT_SUBJECT_BEFORE = re.compile(
    r"^\W*(?:(?:[Tt]he|[Tt]his year['’]s|[Ii]ts) )?(?:[\w-]+ ){0,2}(?:⟦E\d+⟧|(?:festival|fest|ceremony|gala|market|edition|festivities))"
    r"[\"”]?(?:,? (?:which|that))?(?: [a-z]+ly)? $")

# An event a festival's prizes and screenings belong to: its name says festival.
_FESTIVAL_NAME = re.compile(r"(?i)\b(?:festival|fest|festivals|biennale|berlinale|filmfest)\b")


def _recent_festival(ctx: Context, at: int) -> Cluster | None:
    """The festival named last before `at` (an event whose name says festival, or a known festival's)."""
    events = [x for x in ctx.mentions if x.entity is not None and x.entity.type == "Event" and x.start < at
              and (_FESTIVAL_NAME.search(x.entity.name()) or key(x.entity.name()) in words()["festival"])]
    return max(events, key=lambda x: x.start).entity if events else None


# Film crew predicates, and what before a cue says its person is no crew of a film: a company's founder
# ("Aurora, founded in 2003 by Feldstein and the producer X"), a role played ("will play her brother,
# the astronomer and composer X") or a festival run by someone ("The festival, which ran from 4 June, is
# directed by X").
_CREW = {"P57", "P58", "P86", "P162", "P344", "P1040"}
_NOT_CREW_BEFORE = re.compile(
    r"\b(?:(?:co-)?founded|established|set up)(?: in [\w-]+)? by(?:,? [\w'’-]+){0,4} $"
    r"|\b(?:play|plays|played|playing|portray|portrays|portrayed|portraying)\b[^.;:]*?, "
    r"(?:the|a|an|his|her|their) (?:[\w-]+ ){0,4}$"
    r"|^\W*(?:[Tt]he|[Ii]ts|[Tt]his year's) (?:[a-z-]+ )?(?:festival|fest|event|ceremony|market|awards|competition|"
    r"jury|programme|program|gala|lab|section|sidebar|academy|institute|school|archive)(?:,[^,;]*,)? "
    r"(?:is|was|will be|has been|had been|are|were|is being|was being) $")


def _slot_in_closed_aside(ctx: Context, clause: _Clause, m: re.Match, sentence: tuple[int, int]) -> bool:
    """True when the first of a cue's subject and object sits in a side clause closed before the other:
    in '"X," which debuted at Cannes, opens in U.S. theaters' Cannes does not open anywhere."""
    other = next((r for r in ("object", "date") if r in m.re.groupindex and m.group(r) is not None), None)
    if "subject" not in m.re.groupindex or m.group("subject") is None or other is None:
        return False
    first, second = sorted(("subject", other), key=m.start)
    a, b = _orig(clause, m.start(first)), _orig(clause, m.end(first))
    return _in_closed_aside(ctx.text, sentence[0], Mention(a, b, ctx.text[a:b], ""), _orig(clause, m.start(second)))


def _compared_slot(ctx: Context, clause: _Clause, m: re.Match, sentence: tuple[int, int]) -> bool:
    """True when a cue's film slot holds a film its clause compares with, the cue going on past it."""
    a, b = _orig(clause, m.start("subject")), _orig(clause, m.end("subject"))
    return _compared_before(ctx.text, sentence[0], Mention(a, b, ctx.text[a:b], ""), _orig(clause, m.end()))


def _main_film_subjects(ctx: Context, clause: _Clause, m: re.Match, at: int,
                        sentence: tuple[int, int]) -> list[Cluster | None]:
    """The film of a cue about the article's film ("Helmer X", "producer Y"): the sequel a sentence
    derives from its original, the film a roundup paragraph is about, else the main film; none when the
    sentence names only other films."""
    if ctx.main_film is None:
        if _opens_with_anaphor(clause, m):
            return [_anaphor_film(ctx, sentence, at)]   # "The film will be directed by filmmaker X, whose "Y" ..."
        return [_film_for(ctx, clause, at, sentence)]
    films = [x for x in ctx.mentions if x.entity is not None and x.entity.type == "Film"
             and sentence[0] <= x.start < sentence[1]]
    originals = _originals(ctx, films, sentence)
    if originals and len(originals) == len(films):
        return [_derived_film(ctx, originals[0])]
    paragraph = _paragraph_film(ctx, sentence[0])
    if paragraph is not None and paragraph is not ctx.main_film:
        return [paragraph]   # a roundup paragraph about another film: "Helmer X previously shot ..."
    if _other_films_only(ctx, sentence):
        return []   # "director X led to her first score, for his thriller "Y"": not the article's film
    return [ctx.main_film]


def _other_films_only(ctx: Context, sentence: tuple[int, int]) -> bool:
    """True when a sentence names films and the article's main film is none of them (films in a side
    clause, "Helmer X, whose debut "Y" won at SXSW, ...", do not count)."""
    films = {id(m.entity) for m in ctx.mentions if m.entity is not None and m.entity.type == "Film"
             and sentence[0] <= m.start < sentence[1] and not _in_closed_aside(ctx.text, sentence[0], m, sentence[1])}
    return bool(films) and id(ctx.main_film) not in films


# A clause that starts by pointing back at a film: "The film's lead, ...", "Its studio, ...".
_ANAPHOR = re.compile(r"^[\W]*(?:[Tt]he (?:film|movie|picture)\b|[Ii]ts\b|It\b)")


# A clause whose subject is something other than a film: "The festival, which ran ..., is directed by X",
# "The accompanying music video was directed by X, featuring Y".
_OTHER_SUBJECT = re.compile(r"^[\W]*(?:[Tt]he|[Tt]his year['’]s|[Ii]ts) (?:[a-z-]+ ){0,2}(?:festival|fest|event|ceremony|awards|"
                            r"market|jury|company|studio|programme|program|gala|play|novel|book|album|exhibition|video|song|single|"
                            r"museum|school|academy|agency|fund|channel|network|streamer)\b(?!['’])")


# A clause opening with a person's film and no title: "Ruiz's film took $4 million".
_OWNER_FILM = re.compile(r"^[\W]*(?:[A-Z][a-z]+, )?⟦P(\d+)⟧['’]s (?:[a-z-]+ ){0,2}(?:film|movie|feature|picture|documentary|"
                         r"drama|comedy|thriller|pic|debut|follow-up)\b")


def _directed_by(ctx: Context, owner: object) -> Cluster | None:
    """The one film the rules found so far that a person directed."""
    if not isinstance(owner, Mention) or owner.entity is None:
        return None
    films = {id(f.subject): f.subject for f in ctx.found if f.predicate == "P57" and f.object is owner.entity
             and f.subject.type == "Film"}
    return next(iter(films.values())) if len(films) == 1 else None


def _opens_with_anaphor(clause: _Clause, m: re.Match) -> bool:
    """True when a cue's clause opens by pointing back at a film and names none before the cue."""
    return bool(_ANAPHOR.match(clause.tagged[:m.end()])) and "⟦F" not in clause.tagged[:m.start()]


def _anaphor_film(ctx: Context, sentence: tuple[int, int], at: int) -> Cluster | None:
    """The film "It" or "The film" points back at: not one named later in the sentence ("The film's lead,
    X, ... in Y's 'Kiln'"), but the film its roundup paragraph, or the sentence before, is about, else the
    article's film, else the last one named."""
    if _undecided_title_before(ctx, sentence, at):
        return None
    return _paragraph_film(ctx, sentence[0]) or _previous_subject_film(ctx, sentence[0]) or ctx.main_film \
        or _recent_film(ctx, sentence[0])

# "All three films are ...", "Both movies star ...": a plural subject at the start of a clause.
_PLURAL_FILMS = re.compile(
    r"^[\s*•–-]*(?:(?P<all>[Aa]ll|[Bb]oth|[Ee]ach)(?: of)? (?:(?:the|these|those|its|his|her|their) )?"
    r"|(?:[Tt]he|[Tt]hese|[Tt]hose|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir) )"
    r"(?:(?P<n>two|three|four|five|six|seven|[2-7]) )?(?:[a-z-]+ )?(?:films|movies|titles|pictures|features)\b")
_NUMBER = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# "A, B and C were produced by": a list of film tags just before the cue, then an auxiliary;
# each title may carry a short bracket ("A (1976) and B (1983), both written with"), and a cue
# coordinated after a first one keeps the list ("both written with X and photographed by").
_FILM_LIST_BEFORE = re.compile(
    r"(?:^|[^⟧\w])((?:[\"“‘']?(?:The )?⟦[FX]\d+⟧[\"”’']?(?: \((?:[^()⟦⟧]{1,30}|⟦[^()⟧]+⟧)\))?,?[\"”’']? (?:and |& )?)+"
    r"[\"“‘']?(?:The )?⟦[FX]\d+⟧[\"”’']?(?: \((?:[^()⟦⟧]{1,30}|⟦[^()⟧]+⟧)\))?,?) "
    r"(?:are|were|will be|have been|had been|are being|were being|are both|were both|are all|were all|both|all)"
    r"(?: (?:also|both|all|each))?(?: [a-z-]+ (?:with|by) (?:[a-z-]+ ){0,3}⟦P\d+⟧(?:(?:,| and) ⟦P\d+⟧)*,? and)? $")


def _plural_films(ctx: Context, clause: _Clause, m: re.Match) -> list[Cluster]:
    """The films of a plural subject the cue's clause starts with, or of a title list just before the cue."""
    before = clause.tagged[:m.start()]
    listed = _FILM_LIST_BEFORE.search(before)
    if listed:
        items = [clause.items[int(t.group(2))] for t in re.finditer(_TAG, listed.group(1))]
        if not any(t.group(1) == "F" for t in re.finditer(_TAG, listed.group(1))):
            return []
        # An unknown title in a list of films is a film too.
        films = [_retype(ctx, i.entity, "Film", i) if i.entity.type == "Other" else i.entity
                 for i in items if isinstance(i, Mention) and i.entity is not None]
        films = [f for f in dict.fromkeys(films) if f.type == "Film"]
        return films if len(films) > 1 else []
    plural = _PLURAL_FILMS.match(before)
    if plural is None:
        return []
    n = 2 if plural.group("all") in ("Both", "both") else _NUMBER.get(plural.group("n") or "", int(
        plural.group("n")) if (plural.group("n") or "").isdigit() else 0)
    # Without a number: the films of the paragraph before this one and of this one up to the clause.
    para = ctx.text.rfind("\n\n", 0, clause.start)
    para_before = ctx.text.rfind("\n\n", 0, max(para, 0))
    floor = 0 if n else max(para_before, 0)
    seen: list[Cluster] = []
    for mention in sorted(ctx.mentions, key=lambda x: -x.start):
        if mention.start >= clause.start or mention.start < floor:
            continue
        if mention.entity is not None and mention.entity.type == "Film" and mention.entity not in seen:
            seen.append(mention.entity)
            if n and len(seen) == n:
                break
    if (n and len(seen) < n) or len(seen) < 2:
        return []
    return seen[::-1]


def _orig_item(clause: _Clause, item: object) -> int:
    return item.start if not isinstance(item, tuple) else item[0]


# Between an amount and its conversion: " (", " (about ", " (roughly ".
_CONVERSION_OPEN = re.compile(r" ?\((?:(?:about|around|roughly|approximately|approx\.|some|nearly|almost|or|c\.|ca\.) )?")


def _with_conversions(clause: _Clause, text: str, amounts: list[tuple]) -> list[tuple]:
    """Money amounts and the conversions in brackets right after them: "€14.2 million ($16.5 million)"."""
    out = list(amounts)
    for a in amounts:
        for it in clause.items:
            if isinstance(it, tuple) and it[0] > a[1] and _CONVERSION_OPEN.fullmatch(text[a[1]:it[0]]) \
                    and text[it[1]:it[1] + 1] == ")":
                out.append(it)
    return out


def _first(items, kind: str) -> Cluster | None:
    for it in items:
        c = it.entity if isinstance(it, Mention) else it
        if isinstance(c, Cluster) and c.type == kind:
            return c
    return None


# ---- country of origin and genre from demonym noun phrases ----------------

@functools.lru_cache(maxsize=1)
def _origin_re() -> re.Pattern:
    gaz = gazetteer()
    forms = set()
    for c in gaz.countries.values():
        forms.update(c.demonyms)
        forms.update(c.combining)
        forms.update(n for n in c.names if " " not in n and n.isalpha())
    alt = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    nouns = ("film|movie|co-production|coproduction|production|documentary|drama|comedy|thriller|blockbuster|picture|"
             "feature|series|Series|telenovela|sitcom|miniseries|anime|soap opera|western|epic|biopic|melodrama|noir|short|pic|"
             f"{_SHOW_NOUNS}")
    return re.compile(
        rf"\b(?P<dems>(?:{alt})(?:(?:-| and |, |/)(?:{alt}))*)"
        rf"(?P<mid>(?: (?:[a-z][\w-]*|co-production|TV)){{0,4}}?) (?P<noun>{nouns})\b(?P<after> [\w-]+)?")


# Nouns of a broadcast show: "a Greek program Koita ti Ekanes". Only a title right after one is the show.
_SHOW_NOUNS = "programme|program|show|talk show|game show|reality show"


def _country_of(form: str):
    gaz = gazetteer()
    low = form.lower()
    for c in gaz.countries.values():
        if form in c.combining:
            return c
    return gaz.country_by_demonym.get(low) or gaz.country_by_name.get(low)


# A person's job right after a film noun: "a Lebanese film director", "an Italian film score composer".
_PERSON_AFTER_FILM = {"director", "directors", "producer", "producers", "composer", "composers", "critic", "critics",
                      "score", "scores", "editor", "editors", "maker", "makers", "writer", "writers", "star", "stars",
                      "actor", "actors", "actress", "actresses", "historian", "historians", "scholar", "scholars",
                      "programmer", "programmers", "executive", "executives", "student", "students", "buff",
                      "buffs", "distributor", "distributors", "company", "companies", "studio", "studios", "crew",
                      "crews", "school", "schools", "journalist", "journalists", "veteran", "veterans"}


_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their"}
_SUPERLATIVE_BEFORE = re.compile(r"\b(?:most|(?!(?:west|interest|honest|modest|earnest)\b)[a-z]{2,}est) $")


def _origin_facts(ctx: Context, sentences: list[tuple[int, int]]) -> None:
    table = predicate_table().confidence
    noise = words()["film_noise"]
    genres = words()["genre"]
    for sent in sentences:
        for m in _origin_re().finditer(ctx.text, sent[0], sent[1]):
            after = (m.group("after") or "").strip().lower()
            if after in noise or after in _PERSON_AFTER_FILM:
                continue   # "film industry", "a Lebanese film director": no film is named
            mid = m.group("mid").split()
            if any(w in ("director", "directors", "actor", "actress", "producer", "producers") for w in mid):
                continue
            if any(w in _DETERMINERS for w in mid):
                continue   # "In Chile the film went to X": a country name before a new phrase
            if _SUPERLATIVE_BEFORE.search(ctx.text, max(sent[0], m.start() - 20), m.start()):
                continue   # "the boldest Danish drama of the decade": a kind of film, not one film
            if re.fullmatch(_SHOW_NOUNS, m.group("noun")):
                film = _show_after(ctx, m.end("noun"), sent)
            else:
                film = _film_after(ctx, m.end("noun"), sent) or _film_for(ctx, None, m.start(), sent)
            if film is None:
                continue
            clause = _Clause(sent[0], sent[1], "", [], [])
            if _modality(ctx.text[sent[0]:sent[1]]):
                continue
            pos = m.start("dems")
            for form in re.split(r"(-| and |, |/)", m.group("dems")):
                if form and not re.fullmatch(r"-| and |, |/", form):
                    country = _country_of(form)
                    if country is not None:
                        a, b = pos, pos + len(form)
                        target = _country_cluster(ctx, a, b, country.name, form in country.combining)
                        _add(ctx, film, "P495", target, {}, table.get("country_of_origin_demonym", 0.85),
                             clause, "country_of_origin_demonym")
                pos += len(form)
            words_before = [w.lower() for w in mid]
            if m.group("noun") in ("film", "movie") and words_before and all(w in genres for w in words_before):
                value = " ".join(words_before + [m.group("noun")])
                _add(ctx, film, "P136", Term(value=value, datatype="string"), {},
                     table.get("genre_before_film_noun", 0.75), clause, "genre_before_film_noun")


# Heads whose genre has another name: a biopic is a biographical film.
_GENRE_NAME = {"biopic": "biographical", "sci-fi": "science fiction", "science-fiction": "science fiction",
               "animation": "animated"}


def _genre_value(modifiers: list[str], head: str) -> str:
    """'police' 'thriller' -> 'police thriller film'; a lone 'noir' is 'film noir'."""
    if head == "noir" and not modifiers:
        return "film noir"
    parts = [_GENRE_NAME.get(w, w) for w in modifiers]
    if head not in _FILM_LIKE:
        parts.append(_GENRE_NAME.get(head, head))
    return " ".join(parts + ["film"])


# Nouns that name a film without a genre: "the animated feature" is an animated film.
_FILM_LIKE = {"film", "movie", "feature", "pic", "picture"}


def _genre_modifiers(before: str) -> list[str]:
    """The genre words right before a head noun: 'the volcano disaster' -> ['disaster']."""
    genres = words()["genre"]
    out: list[str] = []
    for w in reversed(re.sub(r"-$", " ", before).split()):
        w = w.lower()
        if w in _GENRE_NAME or w in genres or (all(p in genres for p in w.split("-") if p) and w.strip("-")) \
                or _linked_compound(w):
            out.insert(0, w)
        else:
            break
    return out


def _linked_compound(word: str) -> bool:
    """A hyphenated compound joined by a small word, a kind of story kept whole: "coming-of-age",
    "fish-out-of-water", "behind-the-scenes" (not "long-awaited")."""
    parts = word.split("-")
    return len(parts) >= 3 and all(p.isalpha() for p in parts) and \
        any(p in ("of", "out", "the", "in", "on", "to", "and", "a") for p in parts[1:-1]) and \
        not {"black", "white"} <= set(parts)   # "black-and-white" is how a film looks, not its genre


def _genre_facts(ctx: Context, sentences: list[tuple[int, int]]) -> None:
    """Genre from the noun a title stands beside: 'the boxing drama "X"', '"X," a period thriller',
    'the science fiction film "X"' (genre words before 'film' count only when there are some)."""
    heads = set(words()["genre_head"]) | _FILM_LIKE
    conf = predicate_table().confidence.get("genre_beside_title", 0.7)
    alt = "|".join(sorted(heads, key=len, reverse=True))
    # The determiner may be a possessive: "Ada Morrow's horror-comedy "X"" (a hyphen joins genre words too),
    # "whose 2019 drama "X"", or none: a headline's 'Uruguayan drama "X"', 'local comedy "X"'. The title's
    # "The" may stand outside its mention.
    left = re.compile(rf"(?:(?P<det>\b(?i:the|a|an|its|his|her|their|whose)\s+|[{_UP}][\w-]*['’]s?\s+)|(?<![\w'’-]))"
                      rf"(?P<mods>(?:[\w'’-]+\s+|[\w]+-(?=\w)){{0,3}}?)(?P<head>{alt})\s*[\"“]?(?:The )?$")
    # '"X" (1971), a drama': a year in brackets may stand between the title and its noun.
    right = re.compile(rf"^[\"”]?(?: \((?:19|20)\d\d\))?,?[\"”]?\s+(?:is |was )?(?:an?|the)\s+(?:(?:19|20)\d\d\s+)?(?P<mods>(?:[\w'’-]+\s+){{0,3}}?)(?P<head>{alt})\b")
    for m in ctx.mentions:
        if m.entity is None or m.entity.type != "Film":
            continue
        sent = next(((a, b) for a, b in sentences if a <= m.start < b), None)
        if sent is None:
            continue
        hit = left.search(ctx.text[max(sent[0], m.start - 60):m.start])
        if hit and hit.group("head") in _FILM_LIKE and not (_genre_modifiers(hit.group("mods")) and hit.group("det")):
            # 'the film "X" is a comedy': the noun after the title says more; 'French period pic "X"'
            # without a determiner says too little.
            hit = None
        hit = hit or right.search(ctx.text[m.end:min(sent[1], m.end + 70)])
        if not hit or _modality(ctx.text[sent[0]:sent[1]]):
            continue
        modifiers, head = _genre_modifiers(hit.group("mods")), hit.group("head")
        if hit.re is right:
            # "a horror comedy": the head is the last genre noun of the run.
            for w in ctx.text[m.end + hit.end():min(sent[1], m.end + 120)].split():
                if w.lower().strip(",.;") not in heads or w.lower().strip(",.;") in _FILM_LIKE:
                    break
                modifiers, head = modifiers + [head], w.lower().strip(",.;")
                if w[-1] in ",.;":
                    break
        if head in _FILM_LIKE and not modifiers:
            continue
        clause = _Clause(sent[0], sent[1], "", [], [])
        _add(ctx, m.entity, "P136", Term(value=_genre_value(modifiers, head), datatype="string"), {}, conf,
             clause, "genre_beside_title")


def _country_cluster(ctx: Context, a: int, b: int, name: str, combining: bool = False) -> Cluster:
    """The country cluster for a demonym at [a, b); a combining form ("Sino") is no alias of its own."""
    for c in ctx.clusters:
        if c.type == "Country" and c.mentions and c.name() == name:
            target = c
            if combining:
                return target
            break
    else:
        target = Cluster("Country", canonical=name)
        ctx.clusters.append(target)
    mention = Mention(a, b, ctx.text[a:b], "Country", "demonym", target, canonical=name)
    target.mentions.append(mention)
    ctx.mentions.append(mention)
    ctx.version += 1
    return target


def _show_after(ctx: Context, at: int, sent: tuple[int, int]) -> Cluster | None:
    """The show a show noun names right after it ("the French reality program named Star Academy"): a film,
    or a name typed as an organisation or other that the noun says is a show."""
    m = re.match(r"(?: (?:named|called|titled))?,? [\"“]?", ctx.text[at:sent[1]])
    if m is None:
        return None
    here = [x for x in ctx.mentions if x.entity is not None and x.start == at + m.end()]
    if not here:
        return None
    x = max(here, key=lambda x: x.end)
    if x.entity.type == "Film":
        return x.entity
    # A title read as a person's name ("a Dutch program Kijk Eens Hier") only right after the noun.
    kinds = ("Organization", "Other", "Person") if "," not in m.group(0) else ("Organization", "Other")
    if x.entity.type not in kinds or x.entity is ctx.focus_person or _known_place(x.entity) or any(
            y.source == "gazetteer" for y in x.entity.mentions):
        return None
    film = _retype(ctx, x.entity, "Film", x)
    return film if film.type == "Film" else None


def _film_after(ctx: Context, at: int, sent: tuple[int, int]) -> Cluster | None:
    for m in ctx.mentions:
        if m.entity is not None and m.entity.type == "Film" and at <= m.start < min(sent[1], at + 12):
            return m.entity
    return None


# ---- the document ----------------------------------------------------------

def _focus(ctx: Context) -> None:
    head = ctx.text[:300]
    for m in ctx.mentions:
        if m.source == "X is a film" and m.start < 200 and m.entity is not None:
            ctx.main_film = m.entity
            break
    first_person = next((m for m in ctx.mentions if m.start < 150 and m.entity is not None
                         and m.entity.type == "Person"), None)
    if first_person is not None and re.search(
            r"\b(?:is|was) an? (?:[\w-]+ ){0,4}(?:actor|actress|director|filmmaker|producer|screenwriter|writer|"
            r"composer|singer|comedian|presenter|host|musician|artist|model|wrestler|personality|journalist)", head):
        ctx.focus_person = first_person.entity
    if ctx.main_film is not None:
        return
    films = [c for c in ctx.clusters if c.type == "Film" and c.mentions]
    films.sort(key=lambda c: (-len(c.mentions), min(m.start for m in c.mentions)))
    if films and (len(films) == 1 or len(films[0].mentions) >= 2 * len(films[1].mentions)):
        ctx.main_film = films[0]
    # The country a "nationwide" release happens in: the country of "the X premiere".
    m = re.search(r"\bthe (\w+) premiere\b", ctx.text)
    if m:
        country = _country_of(m.group(1))
        if country is not None:
            for c in ctx.clusters:
                if c.type == "Country" and c.mentions and c.name() == country.name:
                    ctx.focus_country = c


def find_facts(text: str, sentences: list[tuple[int, int]], mentions: list[Mention],
               clusters: list[Cluster], dates: list[DateMention]) -> Context:
    """Run every cue over every clause; returns the context holding found facts and (grown) clusters."""
    from reelgraph.extract import en_lead   # imports this module, so not at the top
    ctx = Context(text, mentions, clusters, dates)
    _focus(ctx)
    lead = en_lead.lead_subject(ctx, sentences)
    ctx.lead_film = lead is not None and ctx.main_film is not None
    run_cues(ctx, sentences, cues())
    _drop_rounded_amounts(ctx)
    _origin_facts(ctx, sentences)
    _genre_facts(ctx, sentences)
    en_lead.lead_facts(ctx, sentences, lead)
    return ctx


# A gross that only says a mark was passed ("passes ¥10 billion"), and how close (relative) a precise figure
# for the same film and currency must be to stand for it.
_THRESHOLD_CUES = {"box_office_crossed"}
ROUNDED_AMOUNT_GAP = 0.05


def _drop_rounded_amounts(ctx: Context) -> None:
    """A headline's round gross ("earning R$21 million") or a mark passed ("passes ¥10 billion") when the
    article gives the film's precise figure close above it ("R$21.4 million"): only the precise one is a fact."""
    headline_end = ctx.text.find("\n")
    amounts = [f for f in ctx.found if f.predicate == "P2142" and isinstance(f.object, Term)]

    def rough(f: Found) -> bool:
        return f.cue in _THRESHOLD_CUES or f.evidence[1] <= headline_end

    drop = [f for f in amounts if rough(f) and any(
        g.subject is f.subject and g.object.unit == f.object.unit and not rough(g)
        and float(f.object.value) <= float(g.object.value) <= float(f.object.value) * (1 + ROUNDED_AMOUNT_GAP)
        and g.object.value != f.object.value for g in amounts)]
    ctx.found = [f for f in ctx.found if not any(f is d for d in drop)]


def run_cues(ctx: Context, sentences: list[tuple[int, int]], cue_list: list[Cue]) -> None:
    """Run cues over every clause: a modal clause states nothing, or only up to its reported speech.

    Cues run in list order; a cue whose required words are not in the clause cannot match, so only
    the cues with an anchor word in the clause (or none at all) are visited.
    """
    if not cue_list:
        return
    money = find_money(ctx.text, 0, len(ctx.text))
    by_anchor: dict[str, list[int]] = {}
    for i, cue in enumerate(cue_list):
        for w in cue.anchors:
            by_anchor.setdefault(w, []).append(i)
    always = frozenset(i for i, cue in enumerate(cue_list) if not cue.anchors)
    for start, end, si in _stated_clauses(ctx.text, tuple(sentences)):
        clause, version, low, todo, at, last = None, -1, "", [], 0, -1
        while True:
            if version != ctx.version:   # re-tag only when an earlier cue added, moved or retyped mentions
                clause, version = _tagged(ctx, start, end, money), ctx.version
                low = clause.tagged.lower()
                todo = sorted(always.union(*(ids for w, ids in by_anchor.items() if w in low)))
                at = bisect.bisect_right(todo, last)
            if at == len(todo):
                break
            last = todo[at]
            at += 1
            cue = cue_list[last]
            if cue.needs and not cue.needs <= clause.codes:
                continue
            if cue.words and not any(w in low for w in cue.words):
                continue
            _apply_cue(ctx, cue, clause, sentences[si])


@functools.lru_cache(maxsize=4)
def _stated_clauses(text: str, sentences: tuple[tuple[int, int], ...]) -> list[tuple[int, int, int]]:
    """(start, end, sentence index) of the clauses cues read: a modal clause only up to its reported
    speech, else not at all. Cached: a lead document runs several cue lists over the same clauses."""
    out = []
    for start, end, si in _clauses(text, list(sentences)):
        if _modality(text[start:end], negation=False):
            end = _before_reported_speech(text, start, end)
            if end is None:
                continue
        out.append((start, end, si))
    return out


def build_extraction(doc: Document, ctx: Context) -> Extraction:
    """Number the entities, deduplicate facts (merging evidence, combining confidence)."""
    table = predicate_table().predicates
    live = [c for c in ctx.clusters if c.mentions]
    live.sort(key=lambda c: min(m.start for m in c.mentions))
    for i, c in enumerate(live, 1):
        c.id = f"e{i}"
    entities = [c.to_entity() for c in live]

    def term(x) -> Term:
        return Term(entity=x.id) if isinstance(x, Cluster) else x

    facts: dict[tuple, Fact] = {}
    for f in _without_dates_of_other_films(ctx.text, ctx.found):
        if not f.subject.mentions or (isinstance(f.object, Cluster) and not f.object.mentions):
            continue
        quals = {k: term(v) for k, v in f.qualifiers.items() if not isinstance(v, Cluster) or v.mentions}
        fact = Fact(f.subject.id, f.predicate, table[f.predicate].label, term(f.object), quals, f.confidence,
                    [Span(f.evidence[0], f.evidence[1], doc.text[f.evidence[0]:f.evidence[1]])])
        k = fact.key()
        if k in facts:
            old = facts[k]
            if fact.evidence[0] not in old.evidence:
                old.evidence.append(fact.evidence[0])
            # A second cue adds some belief, damped: cues on one sentence are not independent.
            hi, lo = max(old.confidence, fact.confidence), min(old.confidence, fact.confidence)
            old.confidence = hi + SECOND_CUE_WEIGHT * (1 - hi) * lo
        else:
            facts[k] = fact
    out = _drop_implied_years(_drop_weaker_duplicates(list(facts.values())))
    _note_date_resolutions(out, ctx.dates, doc)
    return Extraction(doc, entities, out)


def _without_dates_of_other_films(text: str, found: list[Found]) -> list[Found]:
    """Found facts less a year that stands before another film as its modifier, when a cue that does not
    name the film (or the learned backstop) gives it to a film of the same clause: "the 2006 film X, and
    2009 drama film Y" does not date X to 2009 ("the episode X of Y (1975)" may date both)."""
    named = {c.spec.id for c in cues() if c.spec.subject == "slot"}
    out = []
    for f in found:
        if f.predicate in _DATED and f.cue not in named and isinstance(f.object, Term) and f.object.value \
                and any(_year_before(text, m, f.object.value[:4]) for m in _other_films(found, f, named)):
            continue
        out.append(f)
    return out


def _other_films(found: list[Found], f: Found, named: set[str]) -> list[Mention]:
    """Mentions, in the evidence of f, of the other films a cue naming its film (one of `named`) gave f's date."""
    return [m for b in found if b.predicate == f.predicate and b.object == f.object and b.subject is not f.subject
            and b.cue in named
            for m in b.subject.mentions if f.evidence[0] <= m.start < f.evidence[1]]


def _year_before(text: str, mention: Mention, year: str) -> bool:
    """True when a year modifies a film name: "the 2009 drama film Y"."""
    return bool(re.search(rf"\b{year}(?: [a-z-]+){{0,3}} [\"“‘']?$", text[max(0, mention.start - 40):mention.start]))


_DATED = {"P577", "P1191"}


def _note_date_resolutions(facts: list[Fact], dates: list[DateMention], doc: Document) -> None:
    """`rg:date_resolution` on every fact holding a date (see `date_notes`)."""
    def fallback(year: str) -> str | None:
        if doc.reference_date and doc.reference_date.startswith(year):
            return resolution(DateMention(0, 0, "", year, f"year from reference {doc.reference_date}"),
                              doc.reference_how)
        return None

    resolved = [ResolvedDate(d.start, d.end, frozenset(v for v in (d.iso, d.end_iso) if v),
                             resolution(d, doc.reference_how)) for d in dates]
    note_resolutions(facts, resolved, fallback)


def _drop_implied_years(facts: list[Fact]) -> list[Fact]:
    """A release year is implied by a full release date of the same film: keep only the full date."""
    full = {(f.subject, f.predicate, f.object.value[:4]) for f in facts
            if f.object.datatype == "date" and f.object.value and len(f.object.value) > 4}
    out = []
    for f in facts:
        if f.object.datatype == "date" and f.object.value and len(f.object.value) == 4 \
                and (f.subject, f.predicate, f.object.value) in full:
            continue
        out.append(f)
    return out


def _drop_weaker_duplicates(facts: list[Fact]) -> list[Fact]:
    """One (subject, predicate, object): keep the variant with the most qualifiers, evidence merged."""
    best: dict[tuple, Fact] = {}
    for f in facts:
        k = (f.subject, f.predicate, f.object)
        old = best.get(k)
        if old is None:
            best[k] = f
            continue
        keep, drop = (f, old) if len(f.qualifiers) > len(old.qualifiers) else (old, f)
        if set(drop.qualifiers.items()) <= set(keep.qualifiers.items()):
            for e in drop.evidence:
                if e not in keep.evidence:
                    keep.evidence.append(e)
            keep.confidence = max(keep.confidence, drop.confidence)
            best[k] = keep
        else:
            best[k + (len(best),)] = f
    return list(best.values())
