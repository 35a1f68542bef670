"""Why two names are, or are not, one entity: keys, scores, evidence and recorded decisions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from reelgraph.resolve.compare import (THRESHOLD, EntityProfile, best_match, pair_score, profiles_from,
                                       shared_evidence)
from reelgraph.resolve.graph import stored_pair_evidence
from reelgraph.resolve.keys import blocking_keys, readings, script


def _lang(name: str) -> str:
    return {"han": "zh", "cyrillic": "ru"}.get(script(name), "en")


def compare_names(name1: str, name2: str, type: str = "Person") -> dict[str, Any]:
    """The store-free part of `explain`: readings, keys and the pair score of two bare names."""
    l1, l2 = _lang(name1), _lang(name2)
    k1, k2 = blocking_keys([name1], type, l1), blocking_keys([name2], type, l2)
    p = pair_score(profiles_from([name1], type, l1), profiles_from([name2], type, l2))
    return {
        "type": type,
        "readings": {name: [{"source": r.source, "tokens": list(r.tokens), "skeletons": list(r.skeletons),
                             **({"place": r.place} if r.place else {})}
                            for r in readings(name, type, lang)]
                     for name, lang in ((name1, l1), (name2, l2))},
        "keys": {name1: sorted(k1), name2: sorted(k2)},
        "shared_keys": sorted(k1 & k2),
        "name_score": {"score": round(p.score, 3), "kind": p.kind or None, "how": p.how or None,
                       "threshold": THRESHOLD, "passes": bool(p.kind) and p.score >= THRESHOLD},
    }


def _profile(conn: Any, entity: dict[str, Any]) -> EntityProfile:
    """A stored entity's profile: its names and the blocking keys of entities linked to it by facts."""
    from reelgraph.store.schema import entity_keys, facts

    eid = entity["id"]
    linked = set()
    for r in conn.execute(sa.select(facts.c.subject_id, facts.c.object_id).where(
            sa.or_(facts.c.subject_id == eid, facts.c.object_id == eid), facts.c.object_id.is_not(None))):
        linked.add(r.object_id if r.subject_id == eid else r.subject_id)
    linked.discard(eid)
    related: set[str] = set()
    if linked:
        related = {r.key for r in conn.execute(sa.select(entity_keys.c.key)
                                               .where(entity_keys.c.entity_id.in_(sorted(linked))))}
    names = [n["name"] for n in entity.get("names", [])] or [entity["name"]]
    langs = [n["lang"] for n in entity.get("names", [])] or ["en"]
    return EntityProfile(eid, entity["type"], list(dict.fromkeys(names)), langs[0], frozenset(related))


def _recorded(conn: Any, ids: list[int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """How the store resolved these entities (automatic and manual) and the curator rules on them."""
    from reelgraph.store.schema import resolution_rules, resolutions

    if not ids:
        return [], []
    res = [{"entity_id": r.entity_id, "document_id": r.document_id, "name": r.name, "kind": r.kind,
            "score": r.score, "reasons": list(r.reasons or [])}
           for r in conn.execute(sa.select(resolutions).where(resolutions.c.entity_id.in_(ids))
                                 .order_by(resolutions.c.id))
           if r.kind != "new" or r.reasons]
    rules = [{"id": r.id, "kind": r.kind, "type": r.type, "name_key": r.name_key, "entity_id": r.entity_id,
              "audit_id": r.audit_id}
             for r in conn.execute(sa.select(resolution_rules).where(resolution_rules.c.entity_id.in_(ids))
                                   .order_by(resolution_rules.c.id))]
    return res, rules


def _same_entity(eid: int, names: list[str], recorded: list[dict[str, Any]]) -> dict[str, Any]:
    """The pair entry of two names on one entity: how the store joined them, from its records."""
    mine = [r for r in recorded if r["entity_id"] == eid and r["kind"] != "new"]
    named = [r for r in mine if r["name"] in names] or mine
    by = sorted({("graph evidence" if any(x.startswith("graph evidence") for x in r["reasons"]) else "names")
                 if r["kind"] == "matched" else r["kind"] for r in named})
    return {"entities": [eid, eid], "same_entity": True, "would_merge": True, "by": ", ".join(by) or "one name",
            "reasons": [x for r in named for x in r["reasons"]]}


def explain(store: Any, name1: str, name2: str, type: str | None = None) -> dict[str, Any]:
    """Why `name1` and `name2` are or are not one entity in `store`.

    Gives the entities each name belongs to, the verdict, each name's
    readings and blocking keys, the keys they share, their name score, for
    every pair of their entities whether ingest would merge them and by what
    (`best_match` on names, else graph evidence weighed as `graph_matches`
    weighs it; two names on one entity say how the store joined them), and
    what the store recorded (automatic match reasons, manual merges and
    splits, curator rules).
    """
    from reelgraph.query import find_entities

    found1, found2 = find_entities(store, name1), find_entities(store, name2)
    kind = type or next((e["type"] for e in found1 + found2), "Person")
    out: dict[str, Any] = {"names": [name1, name2]}
    ids1, ids2 = {e["id"] for e in found1}, {e["id"] for e in found2}
    if ids1 & ids2:
        verdict = "one entity"
    elif ids1 and ids2:
        verdict = "different entities"
    else:
        missing = [n for n, ids in ((name1, ids1), (name2, ids2)) if not ids]
        verdict = "not in the store: " + ", ".join(repr(n) for n in missing)
    out["verdict"] = verdict
    out["entities"] = {name1: [{k: e[k] for k in ("id", "type", "name")} for e in found1],
                       name2: [{k: e[k] for k in ("id", "type", "name")} for e in found2]}
    out.update(compare_names(name1, name2, kind))
    pairs = []
    with store.read() as conn:
        profiles = {e["id"]: _profile(conn, e) for e in found1 + found2}
        recorded, rules = _recorded(conn, sorted(ids1 | ids2))
        for a in sorted(ids1):
            for b in sorted(ids2):
                if a == b:
                    pairs.append(_same_entity(a, [name1, name2], recorded))
                    continue
                pa, pb = profiles[a], profiles[b]
                p = pair_score(pa, pb)
                match = best_match(pa, [pb])
                graph = stored_pair_evidence(conn, a, b)
                by = "names" if match is not None else ("graph evidence" if graph.merges else None)
                pairs.append({"entities": [a, b], "score": round(p.score, 3), "kind": p.kind or None,
                              "names": list(p.names) if p.kind else None, "how": p.how or None,
                              "shared_evidence": sorted(shared_evidence(pa, pb)),
                              "graph_evidence": {"weight": graph.weight, "predicates": sorted(graph.predicates),
                                                 "reasons": graph.reasons, "conflict": graph.conflict,
                                                 "merges": graph.merges},
                              "would_merge": by is not None, "by": by,
                              "reasons": match.reasons if match else (graph.reasons if graph.merges else [])})
    out["entity_pairs"] = pairs
    out["recorded"] = recorded
    out["rules"] = rules
    return out
