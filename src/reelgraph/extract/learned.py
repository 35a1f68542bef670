"""A learned recall backstop behind the English fact rules.

After the cues have run, every (film, object) pair the rules left alone is
a candidate: a film and a person, company, country or date in one sentence
(or the article's film and a person or date in a sentence that names no
film). A logistic model per predicate scores the words around and between
the two (never their names: mentions are replaced by their type) and the
dependency path joining them; a candidate above its predicate's threshold
becomes a fact with cue "learned:en_relations".

The model is plain JSON in data/models/en_relations.json (feature -> weight,
a Platt calibration, a threshold per predicate), written by
`reelgraph train-relations` (reelgraph.learn.relations); running it needs no
scikit-learn. Confidence is the calibrated probability, capped below the
0.9 bin, which only rules reach.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reelgraph.errors import PatternError
from reelgraph.extract import facts as fact_rules
from reelgraph.extract.dates import DateMention
from reelgraph.extract.names import Cluster, Mention
from reelgraph.extract.resources import DATA, gazetteer, is_publication
from reelgraph.model import Term

MODEL_FILE = DATA / "models" / "en_relations.json"
CUE = "learned:en_relations"
# No learned fact reaches the 0.9 bin: those must stay >= 95 % right, which only rules have shown.
MAX_CONFIDENCE = 0.85
# The predicates each kind of object can take.
PREDICATES = {
    "Person": ("P57", "P58", "P161", "P162", "P86", "P344"),
    "Organization": ("P272", "P750"),
    "Country": ("P495",),
    "date": ("P577",),
}
KIND_OF = {p: kind for kind, preds in PREDICATES.items() for p in preds}
# Words either side of the pair that become features.
WINDOW = 3
# How the two sides of a candidate meet, a feature of every candidate; calibration gives each way
# across sentences an offset from the first.
HOW = ("how:same_sentence", "how:focus_person", "how:sentence_without_film", "how:document_country")
SAME_SENTENCE = HOW[0]


@dataclass
class Candidate:
    """A (film, object) pair the rules did not state, with the features that describe it.

    `object` is a cluster, a DateMention, or for a demonym ("Danish") the country's name."""

    subject: Cluster
    kind: str
    object: "Cluster | DateMention | str"
    object_span: tuple[int, int]
    sentence: tuple[int, int]
    features: list[str] = field(default_factory=list)
    ruled: frozenset[str] = frozenset()     # predicates the rules already gave this pair (then it is not scored)

    def key(self) -> tuple:
        """What makes two candidates one fact: subject, and object cluster, date or country."""
        o = self.object
        if isinstance(o, DateMention):
            return (id(self.subject), "date", o.iso)
        if isinstance(o, str):
            return (id(self.subject), "country", o)
        return (id(self.subject), id(o))


# ---- the model file --------------------------------------------------------

def sigmoid(z: float) -> float:
    """The logistic function (0 far below zero, where exp would overflow)."""
    return 1 / (1 + math.exp(-z)) if z > -50 else 0.0


@dataclass(frozen=True)
class PredicateModel:
    """One predicate's logistic model: weights, intercept, Platt calibration and threshold."""

    predicate: str
    kind: str
    intercept: float
    weights: dict[str, float]
    calibration: tuple[float, float, dict[str, float]]   # sigmoid(a * score + b + offset of the candidate's way)
    threshold: float                    # calibrated probability a candidate must reach

    def probability(self, features: list[str]) -> float:
        score = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        a, b, offsets = self.calibration
        z = a * score + b + sum(offsets.get(f, 0.0) for f in features if f.startswith("how:"))
        return sigmoid(z)


def load_model(path: str | Path = MODEL_FILE) -> dict[str, PredicateModel]:
    """Read and check a model file; PatternError names the file and what is wrong."""
    path = Path(path)
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PatternError(str(path), None, "model file missing: run `reelgraph train-relations`") from None
    except (OSError, ValueError) as e:
        raise PatternError(str(path), None, f"not a JSON model file: {e}") from e
    if not isinstance(obj, dict) or not isinstance(obj.get("predicates"), dict):
        raise PatternError(str(path), None, "no 'predicates' object")
    out = {}
    for pid, spec in obj["predicates"].items():
        where = f"predicate {pid}"
        if pid not in KIND_OF:
            raise PatternError(str(path), None, f"{where}: not a predicate the model can learn")
        try:
            weights = spec["weights"]
            cal = spec["calibration"]
            model = PredicateModel(pid, KIND_OF[pid], float(spec["intercept"]),
                                   {str(k): float(v) for k, v in weights.items()},
                                   (float(cal["a"]), float(cal["b"]),
                                    {str(k): float(v) for k, v in cal.get("offsets", {}).items()}),
                                   float(spec["threshold"]))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise PatternError(str(path), None, f"{where}: malformed ({e!r})") from e
        if set(model.calibration[2]) - set(HOW):
            raise PatternError(str(path), None, f"{where}: calibration offsets {sorted(set(model.calibration[2]) - set(HOW))} "
                                                f"are no way of meeting ({', '.join(HOW)})")
        if spec.get("kind") != model.kind:
            raise PatternError(str(path), None, f"{where}: kind {spec.get('kind')!r}, expected {model.kind!r}")
        if not 0.0 <= model.threshold <= 1.01:
            raise PatternError(str(path), None, f"{where}: threshold {model.threshold} outside 0..1.01")
        out[pid] = model
    return out


@functools.lru_cache(maxsize=1)
def model() -> dict[str, PredicateModel]:
    """The shipped model, loaded once per process."""
    return load_model(MODEL_FILE)


# ---- candidates and their features -----------------------------------------

# spaCy entity types whose words are names (a demonym is one too: "Danish").
_NAMED = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}


class _Tokens:
    """The document's tokens as feature words: a mention is one word, its type ("<Person>");
    other names (proper nouns, spaCy's named entities, demonyms) and numbers are masked too,
    so no feature is a name."""

    def __init__(self, spdoc, mentions: list[Mention], dates: list[DateMention]):
        self.spdoc = spdoc
        n = len(spdoc)
        self.word = [""] * n
        self.unit = list(range(n))       # tokens of one mention share a unit
        owner: list[tuple[int, str] | None] = [None] * n
        spans = [(m.start, m.end, f"<{m.entity.type if m.entity is not None else m.type}>")
                 for m in mentions] + [(d.start, d.end, "<date>") for d in dates]
        # Longest span first, so a token takes the longest mention covering it.
        for uid, (a, b, label) in enumerate(sorted(spans, key=lambda s: s[0] - s[1])):
            span = spdoc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if owner[t.i] is None:
                    owner[t.i] = (n + uid, label)
        demonyms = gazetteer().country_by_demonym
        for t in spdoc:
            if owner[t.i] is not None:
                self.unit[t.i], self.word[t.i] = owner[t.i]
            elif t.pos_ == "PROPN" or t.ent_type_ in _NAMED or t.lower_ in demonyms:
                self.word[t.i] = "<name>"
            elif t.like_num:
                self.word[t.i] = "<num>"
            else:
                self.word[t.i] = t.lower_

    def words(self, i: int, j: int) -> list[str]:
        """Feature words of tokens [i, j), a mention once."""
        out, last = [], None
        for k in range(max(i, 0), min(j, len(self.word))):
            if self.unit[k] != last and not self.spdoc[k].is_space:
                out.append(self.word[k])
            last = self.unit[k]
        return out


def _span_tokens(spdoc, a: int, b: int) -> tuple[int, int] | None:
    span = spdoc.char_span(a, b, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _dep_path(spdoc, toks: _Tokens, s: tuple[int, int], o: tuple[int, int]) -> list[str]:
    """Dependency labels (and the words between) on the path joining the two heads."""
    hs, ho = spdoc[s[0]:s[1]].root, spdoc[o[0]:o[1]].root
    up_s = [hs] + list(hs.ancestors)
    up_o = [ho] + list(ho.ancestors)
    ids_o = {t.i: n for n, t in enumerate(up_o)}
    lca_n = next((n for n, t in enumerate(up_s) if t.i in ids_o), None)
    if lca_n is None:
        return ["dep:none"]
    lca = up_s[lca_n]
    left = up_s[:lca_n]
    right = up_o[:ids_o[lca.i]]
    if len(left) + len(right) > 6:
        return ["dep:long"]
    labels = "<".join(t.dep_ for t in left) + "^" + ">".join(t.dep_ for t in reversed(right))
    word = toks.word[lca.i]
    mids = [toks.word[t.i] for t in left[1:] + right[1:]]
    return [f"dep:{labels}", f"deplca:{word}", f"deplw:{labels}|{word}"] + [f"depw:{w}" for w in mids]


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "21+"


def _cross_features(spdoc, toks: _Tokens, s_span: tuple[int, int] | None, o_span: tuple[int, int] | None) -> list[str]:
    """Context of a pair not in one sentence: the words around each side, and the words of the
    sentence that names the film (or, without one, of the object's sentence)."""
    feats: list[str] = []
    for side, span in (("s", s_span), ("o", o_span)):
        if span is None:
            continue
        left = toks.words(span[0] - WINDOW, span[0])
        right = toks.words(span[1], span[1] + WINDOW)
        feats += [f"{side}l{len(left) - n}:{w}" for n, w in enumerate(left)]
        feats += [f"{side}r{n + 1}:{w}" for n, w in enumerate(right)]
    anchor = s_span or o_span
    sent = spdoc[anchor[0]].sent
    feats += [f"sw:{w}" for w in sorted(set(toks.words(sent.start, sent.end)))]
    return feats


def _pair_features(spdoc, toks: _Tokens, s_span: tuple[int, int], o_span: tuple[int, int],
                   same_kind: list[tuple[int, int]]) -> list[str]:
    """Context words and structure of one pair in one sentence (token spans)."""
    feats: list[str] = []
    first, second = sorted([s_span, o_span])
    feats.append("order:subject_first" if first == s_span else "order:object_first")
    between = toks.words(first[1], second[0])
    feats.append(f"dist:{_bucket(len(between))}")
    if len(between) <= 12:
        feats += [f"b:{w}" for w in between]
        feats += [f"bb:{a}_{b}" for a, b in zip(between, between[1:])]
        feats.append("bs:" + "_".join(between) if len(between) <= 4 else "bs:long")
    else:
        feats += [f"bh:{w}" for w in between[:4]] + [f"bt:{w}" for w in between[-4:]]
    left = toks.words(first[0] - WINDOW, first[0])
    right = toks.words(second[1], second[1] + WINDOW)
    feats += [f"l{len(left) - n}:{w}" for n, w in enumerate(left)]
    feats += [f"r{n + 1}:{w}" for n, w in enumerate(right)]
    others = sum(1 for sk in same_kind if first[1] <= sk[0] and sk[1] <= second[0])
    feats.append(f"others_between:{min(others, 3)}")
    feats.append(f"kin_in_sentence:{min(len(same_kind), 5)}")
    if o_span[0] == s_span[1] + 1 and spdoc[s_span[1]].text == "(":
        feats.append("bracket_after_subject")
    feats += _dep_path(spdoc, toks, s_span, o_span)
    return feats


def _sentence_of(starts: list[int], sentences: list[tuple[int, int]], at: int) -> int | None:
    """The index of the sentence holding offset `at` (`starts`: the sentences' start offsets, sorted)."""
    n = bisect.bisect_right(starts, at) - 1
    return n if n >= 0 and at < sentences[n][1] else None


def _demonyms(text: str, sent: tuple[int, int], taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """Demonyms ("Danish", "American") in a sentence that no mention covers: (start, end, country name)."""
    gaz = gazetteer()
    for m in re.finditer(r"[A-Z][a-z]+", text[sent[0]:sent[1]]):
        a, b = sent[0] + m.start(), sent[0] + m.end()
        country = gaz.country_by_demonym.get(m.group(0).lower())
        if country is not None and not any(x < b and a < y for x, y in taken):
            yield a, b, country.name


# "Harbor Media Group's Greengrass Television": a company owning the company named right after it.
_POSSESSIVE_GAP = re.compile(r"['’]s?\s+$")


def _company_owners(text: str, ms: list[Mention]) -> set[int]:
    """Indexes (into `ms`, one sentence's mentions in order) of the companies or publications that stand
    as the possessive owner of the company named right after them: the owned company is the one the
    sentence names for the film, its owner is no production company or distributor of it."""
    out = set()
    for i, (m, nxt) in enumerate(zip(ms, ms[1:])):
        if m.entity.type == "Organization" and nxt.entity.type == "Organization" and nxt.entity is not m.entity \
                and _POSSESSIVE_GAP.match(text, m.end, nxt.start) and nxt.start - m.end <= 4:
            out.add(i)
    return out


def _country_key(obj: "Cluster | str") -> object:
    """What makes two countries one: a demonym's country name, else the cluster itself."""
    return obj if isinstance(obj, str) else id(obj)


def _publication(c: Cluster) -> bool:
    """A trade paper or film magazine of en_publications.tsv, by any of its names."""
    return any(map(is_publication, c.surfaces()))


def candidates(ctx: fact_rules.Context, spdoc, sentences: list[tuple[int, int]],
               kinds: frozenset[str] = frozenset(PREDICATES)) -> list[Candidate]:
    """Every (film, object) pair the rules did not already state, with its features (objects of `kinds` only)."""
    toks = _Tokens(spdoc, ctx.mentions, ctx.dates)
    ruled: dict[tuple, set[str]] = {}
    for f in ctx.found:
        o = f.object
        k = (id(f.subject), "date", o.value) if isinstance(o, Term) and o.datatype == "date" else \
            (id(f.subject), id(o)) if isinstance(o, Cluster) else None
        if k is not None:
            ruled.setdefault(k, set()).add(f.predicate)
    films_in_order = sorted((m for m in ctx.mentions if m.entity is not None and m.entity.type == "Film"),
                            key=lambda m: m.start)
    first_film = films_in_order[0].entity if films_in_order else None
    starts = [a for a, _ in sentences]
    by_sentence: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        if m.entity is not None and m.entity.mentions:
            n = _sentence_of(starts, sentences, m.start)
            if n is not None:
                by_sentence.setdefault(n, []).append(m)
    dates_by_sentence: dict[int, list[DateMention]] = {}
    for d in ctx.dates:
        n = _sentence_of(starts, sentences, d.start)
        if d.iso and n is not None:
            dates_by_sentence.setdefault(n, []).append(d)
    # Demonyms ("Danish") that no mention covers, per sentence.
    demonyms_in = {n: list(_demonyms(ctx.text, sent, [(m.start, m.end) for m in by_sentence.get(n, [])]))
                   for n, sent in enumerate(sentences)} if "Country" in kinds else {}
    # Every country the document names (a Country mention or a demonym), at its first place:
    # (the country, its name, its place).
    doc_countries: list[tuple[object, str, tuple[int, int]]] = []
    country_feats: dict[object, list[str]] = {}
    seen_countries: dict[str, int] = {}
    for n in demonyms_in:
        found_here = [(m.entity, m.entity.name(), m.start, m.end) for m in by_sentence.get(n, [])
                      if m.entity.type == "Country"]
        found_here += [(name, name, a, b) for a, b, name in demonyms_in[n]]
        for obj, name, a, b in sorted(found_here, key=lambda x: x[2]):
            seen_countries[name] = seen_countries.get(name, 0) + 1
            if _country_key(obj) in country_feats or name in {x[1] for x in doc_countries}:
                continue
            span = _span_tokens(spdoc, a, b)
            if span is None:
                continue
            doc_countries.append((obj, name, (a, b)))
            right = toks.words(span[1], span[1] + 2)
            country_feats[_country_key(obj)] = \
                [f"country_sentence:{min(n, 3)}", f"country_order:{min(len(doc_countries), 3)}"] + \
                [f"cr{i + 1}:{w}" for i, w in enumerate(right)] + [f"cl1:{w}" for w in toks.words(span[0] - 1, span[0])]
    for obj, name, _ in doc_countries:
        country_feats[_country_key(obj)] += [f"countries_in_document:{min(len(doc_countries), 3)}",
                                             f"country_times:{min(seen_countries[name], 3)}"]
    out: list[Candidate] = []
    for n, sent in enumerate(sentences):
        ms = sorted(by_sentence.get(n, []), key=lambda m: m.start)
        films = [m for m in ms if m.entity.type == "Film"]
        owners = _company_owners(ctx.text, ms)
        # The object's kind is its entity's type: a Person is never a company (P272, P750) candidate,
        # nor is a trade paper that reports on the film ("Variety").
        objects: list[tuple[str, object, int, int]] = [
            (m.entity.type, m.entity, m.start, m.end) for i, m in enumerate(ms) if m.entity.type in kinds
            and i not in owners and not (m.entity.type == "Organization" and _publication(m.entity))]
        objects += [("Country", name, a, b) for a, b, name in demonyms_in.get(n, [])]
        if "date" in kinds:
            objects += [("date", d, d.start, d.end) for d in dates_by_sentence.get(n, [])]
        spans = {}
        for kind, obj, a, b in objects:
            spans[(a, b)] = _span_tokens(spdoc, a, b)
        kin = {kind: [spans[(a, b)] for k, _, a, b in objects if k == kind and spans[(a, b)]] for kind in PREDICATES}
        # (subject, its span or None, kind, object, object span, how the two meet)
        pairs: list[tuple[Cluster, tuple[int, int] | None, str, object, tuple[int, int], str]] = []
        if films:
            pairs = [(f.entity, (f.start, f.end), kind, obj, (a, b), "same_sentence")
                     for f in films for kind, obj, a, b in objects]
            # The person an article is about, in a sentence about one of their films: "He starred in X."
            person = ctx.focus_person
            if "Person" in kinds and person is not None and person.mentions and not any(o[1] is person for o in objects):
                pm = min(person.mentions, key=lambda m: m.start)
                pairs += [(f.entity, (f.start, f.end), "Person", person, (pm.start, pm.end), "focus_person")
                          for f in films]
            # The country the article states, for a film whose own sentence names none.
            if "Country" in kinds and not any(o[0] == "Country" for o in objects):
                pairs += [(f.entity, (f.start, f.end), "Country", obj, span, "document_country")
                          for f in films for obj, _, span in doc_countries]
        else:
            # A sentence naming no film talks about the article's film: "He also wrote the score."
            subject = ctx.main_film if ctx.main_film is not None and ctx.main_film.mentions else first_film
            if subject is not None:
                pairs = [(subject, None, kind, obj, (a, b), "sentence_without_film")
                         for kind, obj, a, b in objects if kind in ("Person", "date")]
        n_films = min(len({id(f.entity) for f in films}), 3)
        for subject, s_chars, kind, obj, (a, b), how in pairs:
            if obj is subject:
                continue
            o_span = spans[(a, b)] if (a, b) in spans else _span_tokens(spdoc, a, b)
            s_span = _span_tokens(spdoc, *s_chars) if s_chars is not None else None
            if o_span is None or (s_chars is not None and s_span is None):
                continue
            if how == "same_sentence":
                if s_span[0] < o_span[1] and o_span[0] < s_span[1]:
                    continue
                feats = _pair_features(spdoc, toks, s_span, o_span, kin[kind])
            else:
                feats = _cross_features(spdoc, toks, s_span, o_span if how == "sentence_without_film" else None)
                if how == "document_country":
                    feats += country_feats[_country_key(obj)]
                elif how == "focus_person":
                    feats += _cross_features(spdoc, toks, None, o_span)[:2 * WINDOW]
            cand = Candidate(subject, kind, obj, (a, b), sent)
            cand.ruled = frozenset(ruled.get(cand.key(), ()))
            feats.append(f"kind:{kind}")
            feats.append(f"how:{how}")     # one of HOW
            if subject is ctx.main_film:
                feats.append("subject:main_film")
            if subject is first_film:
                feats.append("subject:first_film")
            if n == 0:
                feats.append("first_sentence")
            feats.append(f"films_in_sentence:{n_films}")
            if kind == "date":
                feats.append(f"date:{'full' if len(obj.iso) >= 10 else 'month' if len(obj.iso) == 7 else 'year'}")
            if isinstance(obj, str):
                feats.append("country:demonym")
            if isinstance(obj, Cluster) and obj is ctx.focus_person:
                feats.append("object:focus_person")
            cand.features = feats
            out.append(cand)
    return out


# ---- the stage --------------------------------------------------------------

def add_facts(ctx: fact_rules.Context, spdoc, sentences: list[tuple[int, int]],
              models: dict[str, PredicateModel] | None = None) -> None:
    """Add the facts the model believes about pairs the rules left alone to `ctx.found` (one per fact,
    its best sentence)."""
    models = model() if models is None else models
    live = {pid: m for pid, m in models.items() if m.threshold <= 1.0}    # a predicate left off costs nothing
    if not live:
        return
    best: dict[tuple, tuple[float, str, Candidate]] = {}
    for cand in candidates(ctx, spdoc, sentences, frozenset(m.kind for m in live.values())):
        if cand.ruled:
            continue     # the rules read this pair already (as director, say): the model does not overrule them
        for pid in PREDICATES[cand.kind]:
            m = live.get(pid)
            if m is None:
                continue
            p = m.probability(cand.features)
            if p < m.threshold:
                continue
            k = (pid, *cand.key())
            if k not in best or p > best[k][0]:
                best[k] = (p, pid, cand)
    modal: dict[tuple[int, int], bool] = {}
    for p, pid, cand in best.values():
        sent = cand.sentence
        if sent not in modal:
            modal[sent] = fact_rules._modality(ctx.text[sent[0]:sent[1]]) is not None
        if modal[sent]:
            continue     # "is set to star", "rumoured to direct": no fact is stated
        obj = cand.object
        if isinstance(obj, DateMention):
            obj = Term(value=obj.iso, datatype="date")
        elif isinstance(obj, str):
            obj = fact_rules._country_cluster(ctx, *cand.object_span, obj)
        ctx.found.append(fact_rules.Found(cand.subject, pid, obj, {}, round(min(p, MAX_CONFIDENCE), 3),
                                          sent, CUE))


__all__ = ["CUE", "MAX_CONFIDENCE", "PREDICATES", "Candidate", "PredicateModel", "add_facts", "candidates",
           "load_model", "model"]
