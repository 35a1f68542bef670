"""Graph evidence: a new entity is a stored one when it stands in the same relations to the same entities.

A translated title (Red Silk, Красный шёлк, 红丝绸) shares no key with its
other names, but a film with the same director and a shared cast member, or
a venue that hosted the premiere of the same film on the same date, is the
same thing. After the names of a document are resolved, `graph_matches`
takes the entities left without a match, finds stored entities linked by the
same predicate to the same already-resolved entities (SQL on the facts
table), weighs the shared relations (`data/resolve/graph_evidence.toml`) and
merges only on strong, unambiguous, conflict-free evidence, recording the
reasons ("same P57 Андрей Волгин"). It runs in rounds, so a film resolved by
its people can then resolve the venue of its premiere.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from reelgraph.errors import PatternError
from reelgraph.model import Entity, Extraction
from reelgraph.resolve.compare import Match, compatible
from reelgraph.resolve.keys import script

log = logging.getLogger(__name__)

EVIDENCE_FILE = Path(__file__).resolve().parents[1] / "data" / "resolve" / "graph_evidence.toml"
ROUNDS = 3
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class EvidenceRules:
    """graph_evidence.toml: what a match needs and what each shared relation weighs."""

    min_weight: float
    min_predicates: int
    types: frozenset[str]
    weights: dict[str, float]
    functional: frozenset[str]


@lru_cache(maxsize=None)
def evidence_rules(path: Path = EVIDENCE_FILE) -> EvidenceRules:
    """The rules file, validated (a bad entry is a PatternError naming the file)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise PatternError(str(path), None, f"cannot read: {err}") from err
    try:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        rules = EvidenceRules(float(data["min_weight"]), int(data["min_predicates"]),
                              frozenset(map(str, data["types"])), weights,
                              frozenset(map(str, data.get("functional", {}).get("predicates", []))))
    except (KeyError, TypeError, ValueError) as err:
        raise PatternError(str(path), None, f"missing or bad entry: {err}") from err
    bad = [p for p in [*rules.weights, *rules.functional] if not re.fullmatch(r"P\d+", p)]
    if bad:
        raise PatternError(str(path), None, f"not a property id: {bad[0]!r}")
    return rules


@dataclass
class _Tally:
    weight: float = 0.0
    predicates: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)
    seen: set[tuple] = field(default_factory=set)

    def add(self, anchor: tuple, weight: float, predicates: set[str], reason: str) -> None:
        if anchor in self.seen:
            return
        self.seen.add(anchor)
        self.weight += weight
        self.predicates |= predicates
        self.reasons.append(reason)


def _names(conn: Any, ids: list[int]) -> dict[int, str]:
    from reelgraph.store.schema import entities

    if not ids:
        return {}
    return {r.id: r.name for r in conn.execute(sa.select(entities.c.id, entities.c.name)
                                               .where(entities.c.id.in_(sorted(set(ids)))))}


def _candidates(conn: Any, ent: Entity, ex: Extraction, resolved: dict[str, int],
                rules: EvidenceRules) -> dict[int, _Tally]:
    """Stored entities linked as `ent` is to resolved entities, with what they share."""
    from reelgraph.store.schema import fact_qualifiers, facts

    tallies: dict[int, _Tally] = defaultdict(_Tally)
    shown = _names(conn, list(resolved.values()))
    for f in ex.facts:
        w = rules.weights.get(f.predicate)
        if f.subject == ent.id and f.object.entity in resolved and w:
            other = resolved[f.object.entity]
            rows = conn.execute(sa.select(facts.c.subject_id).where(
                facts.c.predicate == f.predicate, facts.c.object_id == other))
            for r in rows:
                tallies[r.subject_id].add((f.predicate, "o", other), w, {f.predicate},
                                          f"same {f.predicate} {shown.get(other, other)}")
        elif f.object.entity == ent.id and f.subject in resolved and w:
            other = resolved[f.subject]
            rows = conn.execute(sa.select(facts.c.object_id).where(
                facts.c.predicate == f.predicate, facts.c.subject_id == other, facts.c.object_id.is_not(None)))
            for r in rows:
                tallies[r.object_id].add((f.predicate, "s", other), w, {f.predicate},
                                         f"{shown.get(other, other)} {f.predicate} both")
        for prop, term in f.qualifiers.items():
            if term.entity != ent.id or f.subject not in resolved:
                continue
            subject = resolved[f.subject]
            q = (sa.select(fact_qualifiers.c.entity_id).join(facts, facts.c.id == fact_qualifiers.c.fact_id)
                 .where(fact_qualifiers.c.property == prop, fact_qualifiers.c.entity_id.is_not(None),
                        facts.c.subject_id == subject, facts.c.predicate == f.predicate))
            if f.object.entity is not None:
                if f.object.entity not in resolved:
                    continue
                q = q.where(facts.c.object_id == resolved[f.object.entity])
                what = shown.get(resolved[f.object.entity], "")
            else:
                q = q.where(facts.c.value == f.object.value)
                what = f.object.value
            for r in conn.execute(q):
                # the same subject and the same object: worth two relations besides the predicate's own
                tallies[r.entity_id].add((f.predicate, prop, subject, what), (w or 0.5) + 2.0,
                                         {f.predicate, prop},
                                         f"{prop} of the same {f.predicate} {what} of {shown.get(subject, subject)}")
    _confirm_literals(conn, ent, ex, rules, tallies)
    return tallies


def _confirm_literals(conn: Any, ent: Entity, ex: Extraction, rules: EvidenceRules,
                      tallies: dict[int, _Tally]) -> None:
    """Add shared literal values (the same release date) to candidates already found."""
    from reelgraph.store.schema import facts

    mine = {(f.predicate, f.object.value) for f in ex.facts
            if f.subject == ent.id and f.object.entity is None and rules.weights.get(f.predicate)}
    if not mine or not tallies:
        return
    for r in conn.execute(sa.select(facts.c.subject_id, facts.c.predicate, facts.c.value).where(
            facts.c.subject_id.in_(sorted(tallies)), facts.c.object_id.is_(None))):
        if (r.predicate, r.value) in mine:
            tallies[r.subject_id].add((r.predicate, "v", r.value), rules.weights[r.predicate], {r.predicate},
                                      f"same {r.predicate} {r.value}")


def _conflicts(conn: Any, ent: Entity, ex: Extraction, cand: int, resolved: dict[str, int],
               rules: EvidenceRules, names: list[str]) -> str | None:
    """Why `ent` cannot be stored entity `cand` whatever they share, or None."""
    from reelgraph.store.schema import facts
    from reelgraph.store.schema import names as name_table

    stored = [r.name for r in conn.execute(sa.select(name_table.c.name).where(name_table.c.entity_id == cand))]
    same_script = {script(n) for n in names} & {script(n) for n in stored}
    if same_script:
        # Graph evidence bridges translations only: two titles in one script that the names
        # did not match are two films (one director's next film, with the same actor).
        return f"names in the same script ({', '.join(sorted(same_script))}) disagree"
    mine_digits = {frozenset(_DIGITS.findall(n)) for n in names}
    their_digits = {frozenset(_DIGITS.findall(n)) for n in stored}
    if mine_digits and their_digits and not mine_digits & their_digits:
        return "the numbers in the names differ (a sequel?)"
    for p in rules.functional:
        mine = {resolved.get(f.object.entity, -1) for f in ex.facts
                if f.subject == ent.id and f.predicate == p and f.object.entity is not None}
        theirs = {r.object_id for r in conn.execute(sa.select(facts.c.object_id).where(
            facts.c.subject_id == cand, facts.c.predicate == p, facts.c.object_id.is_not(None)))}
        if mine and theirs and not mine & theirs:
            return f"different {p}"
    return None


def graph_matches(conn: Any, ex: Extraction, resolved: dict[str, int], pending: list[Entity],
                  banned: dict[str, set[int]] | None = None) -> dict[str, Match]:
    """Matches by graph evidence for the `pending` entities of `ex` (those no name matched).

    `resolved` maps the document's entity ids already matched to stored ids;
    it grows as entities match, so later rounds build on earlier ones. A
    candidate must have a compatible type, be the one clear best, reach the
    rules' weight from enough predicates, and not conflict.
    """
    from reelgraph.store.schema import entities

    rules = evidence_rules()
    banned = banned or {}
    resolved = dict(resolved)
    out: dict[str, Match] = {}
    for _ in range(ROUNDS):
        progress = False
        taken = set(resolved.values())
        for ent in pending:
            if ent.id in resolved or ent.type not in rules.types:
                continue
            tallies = _candidates(conn, ent, ex, resolved, rules)
            for c in list(tallies):
                if c in taken or c in banned.get(ent.id, set()):
                    del tallies[c]
            if not tallies:
                continue
            types = {r.id: r.type for r in conn.execute(sa.select(entities.c.id, entities.c.type)
                                                        .where(entities.c.id.in_(sorted(tallies))))}
            ranked = sorted(((t.weight, c) for c, t in tallies.items()
                             if c in types and compatible(ent.type, types[c])), reverse=True)
            if not ranked:
                continue
            weight, cand = ranked[0]
            tally = tallies[cand]
            if weight < rules.min_weight or len(tally.predicates) < rules.min_predicates:
                continue
            if len(ranked) > 1 and ranked[1][0] >= weight:
                log.info("%s: %r is as linked to entities %d and %d; left apart",
                         ex.document.source, ent.name, cand, ranked[1][1])
                continue
            why_not = _conflicts(conn, ent, ex, cand, resolved, rules, [ent.name, *ent.aliases])
            if why_not:
                log.info("%s: %r not merged with entity %d: %s", ex.document.source, ent.name, cand, why_not)
                continue
            reasons = ["graph evidence: " + ", ".join(tally.reasons),
                       f"weight {weight:.1f} from {len(tally.predicates)} predicates "
                       f">= {rules.min_weight:.1f} from {rules.min_predicates}"]
            out[ent.id] = Match(cand, round(min(1.0, 0.5 + weight / 10), 3), reasons)
            resolved[ent.id] = cand
            taken.add(cand)
            progress = True
        if not progress:
            break
    return out


@dataclass
class PairEvidence:
    """What two stored entities share in the graph, and whether ingest would merge them on it."""

    weight: float
    predicates: set[str]
    reasons: list[str]
    conflict: str | None
    merges: bool


def stored_pair_evidence(conn: Any, a: int, b: int) -> PairEvidence:
    """The graph evidence between stored entities `a` and `b`, weighed as `graph_matches` weighs it.

    `explain` uses it so that what it says matches what ingest does: the same
    relations to the same entities, the same literal values, being qualifiers
    of the same facts, the same rules file, and the same conflicts.
    """
    from reelgraph.store.schema import entities, fact_qualifiers, facts
    from reelgraph.store.schema import names as name_table

    rules = evidence_rules()
    tally = _Tally()

    def rows_of(eid: int) -> list[Any]:
        return list(conn.execute(sa.select(facts.c.id, facts.c.subject_id, facts.c.predicate, facts.c.object_id,
                                           facts.c.value).where(sa.or_(facts.c.subject_id == eid,
                                                                       facts.c.object_id == eid))))

    def signature(eid: int) -> dict[tuple, str]:
        out: dict[tuple, str] = {}
        for r in rows_of(eid):
            if r.predicate not in rules.weights:
                continue
            if r.subject_id == eid and r.object_id is not None and r.object_id != eid:
                out[(r.predicate, "o", r.object_id)] = f"same {r.predicate} {{{r.object_id}}}"
            elif r.subject_id == eid and r.object_id is None:
                out[(r.predicate, "v", r.value)] = f"same {r.predicate} {r.value}"
            elif r.object_id == eid and r.subject_id != eid:
                out[(r.predicate, "s", r.subject_id)] = f"{{{r.subject_id}}} {r.predicate} both"
        for r in conn.execute(sa.select(fact_qualifiers.c.property, facts.c.subject_id, facts.c.predicate,
                                        facts.c.object_id, facts.c.value)
                              .join(facts, facts.c.id == fact_qualifiers.c.fact_id)
                              .where(fact_qualifiers.c.entity_id == eid)):
            what = r.object_id if r.object_id is not None else r.value
            out[(r.predicate, r.property, r.subject_id, what)] = \
                f"{r.property} of the same {r.predicate} {{{what}}} of {{{r.subject_id}}}"
        return out

    mine, theirs = signature(a), signature(b)
    shared = sorted(set(mine) & set(theirs), key=str)
    linked = [x for k in shared for x in k[2:] if isinstance(x, int)]
    shown = _names(conn, linked)
    for k in shared:
        w = rules.weights[k[0]] if len(k) == 3 else rules.weights.get(k[0], 0.5) + 2.0
        preds = {k[0]} if len(k) == 3 else {k[0], k[1]}
        reason = mine[k]
        for x in k[2:]:
            if isinstance(x, int):
                reason = reason.replace(f"{{{x}}}", shown.get(x, str(x)))
        tally.add(k, w, preds, reason.replace("{", "").replace("}", ""))
    types = {r.id: r.type for r in conn.execute(sa.select(entities.c.id, entities.c.type)
                                                .where(entities.c.id.in_([a, b])))}
    stored = {eid: [r.name for r in conn.execute(sa.select(name_table.c.name).where(name_table.c.entity_id == eid))]
              for eid in (a, b)}
    conflict = None
    if not all(types.get(e) in rules.types for e in (a, b)):
        conflict = f"graph evidence resolves only {', '.join(sorted(rules.types))}"
    elif not compatible(types[a], types[b]):
        conflict = f"types {types[a]} and {types[b]} are not compatible"
    else:
        same_script = {script(n) for n in stored[a]} & {script(n) for n in stored[b]}
        digits_a = {frozenset(_DIGITS.findall(n)) for n in stored[a]}
        digits_b = {frozenset(_DIGITS.findall(n)) for n in stored[b]}
        if same_script:
            conflict = f"names in the same script ({', '.join(sorted(same_script))}) disagree"
        elif digits_a and digits_b and not digits_a & digits_b:
            conflict = "the numbers in the names differ (a sequel?)"
        else:
            for p in sorted(rules.functional):
                objs = [{r.object_id for r in rows_of(e) if r.subject_id == e and r.predicate == p
                         and r.object_id is not None} for e in (a, b)]
                if objs[0] and objs[1] and not objs[0] & objs[1]:
                    conflict = f"different {p}"
                    break
    enough = tally.weight >= rules.min_weight and len(tally.predicates) >= rules.min_predicates
    return PairEvidence(round(tally.weight, 2), tally.predicates, tally.reasons, conflict, enough and conflict is None)
