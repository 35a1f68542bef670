"""Read the graph as plain dicts, the same ones the CLI prints and the API and UI serve.

Shapes follow docs/design.md: a fact carries its subject, its object (an
entity or a typed literal), its qualifiers, status, confidence and evidence
spans with their documents. Name lookups go through the accent-free,
casefolded `names.key` column, so `bikovic` finds Biković.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from reelgraph.errors import NotFoundError
from reelgraph.store import dialects
from reelgraph.store.schema import (documents, entities, evidence, fact_qualifiers, facts, mentions, names,
                                    resolutions)
from reelgraph.store.store import Store, name_key


def search(store: Store, text: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Entities whose names, and documents whose titles or sources, contain `text`.

    Exact names come first, then names starting with `text`, then the rest;
    on PostgreSQL, names with a word like `text` (a typo) follow, and hits
    within a rank come by trigram similarity (see `dialects.key_search`).
    """
    key = name_key(text)
    if not key:
        return {"entities": [], "documents": []}
    with store.read() as conn:
        where, order = dialects.key_search(conn, names.c.key, key)
        hits = conn.execute(sa.select(names.c.entity_id, names.c.name)
                            .where(where).order_by(*order, names.c.entity_id).limit(limit * 10)).all()
        order_found: dict[int, str] = {}
        for h in hits:
            if h.entity_id not in order_found and len(order_found) < limit:
                order_found[h.entity_id] = h.name
        briefs = _briefs(conn, list(order_found))
        found = [dict(briefs[eid], matched=name) for eid, name in order_found.items()]
        docs = conn.execute(sa.select(documents.c.id, documents.c.source, documents.c.title, documents.c.language)
                            .where(sa.or_(dialects.contains(documents.c.title_key, key),
                                          dialects.contains(documents.c.source, text)))
                            .order_by(documents.c.id).limit(limit)).all()
    return {"entities": found, "documents": [dict(d._mapping) for d in docs]}


def find_entities(store: Store, name: str) -> list[dict[str, Any]]:
    """Entities having exactly this name or alias (compared accent- and case-insensitively)."""
    with store.read() as conn:
        ids = _ids_by_name(conn, name)
        briefs = _briefs(conn, ids)
        all_names = _names(conn, ids)
    return [dict(briefs[i], names=all_names[i]) for i in ids]


def entity_card(store: Store, entity_id: int) -> dict[str, Any]:
    """One entity: type, names by language, facts out and in with evidence, documents, how it was resolved."""
    with store.read() as conn:
        row = conn.execute(sa.select(entities).where(entities.c.id == entity_id)).first()
        if row is None:
            raise NotFoundError(f"entity {entity_id} does not exist")
        by_lang: dict[str, dict[str, Any]] = {}
        for n in _names(conn, [entity_id])[entity_id]:
            slot = by_lang.setdefault(n["lang"], {"canonical": None, "aliases": []})
            if n["canonical"] and slot["canonical"] is None:
                slot["canonical"] = n["name"]
            else:
                slot["aliases"].append(n["name"])
        out_rows = conn.execute(sa.select(facts).where(facts.c.subject_id == entity_id).order_by(facts.c.id)).all()
        # Two indexed lookups joined by UNION: an OR of the two makes PostgreSQL scan the facts table.
        in_ids = sa.union(
            sa.select(facts.c.id).where(facts.c.object_id == entity_id),
            sa.select(fact_qualifiers.c.fact_id).where(fact_qualifiers.c.entity_id == entity_id)).subquery()
        in_rows = conn.execute(sa.select(facts).join(in_ids, facts.c.id == in_ids.c[0])
                               .order_by(facts.c.id)).all()
        docs = conn.execute(sa.select(documents.c.id, documents.c.source, documents.c.title,
                                      sa.func.count(mentions.c.id).label("mentions"))
                            .join(mentions, mentions.c.document_id == documents.c.id)
                            .where(mentions.c.entity_id == entity_id)
                            .group_by(documents.c.id, documents.c.source, documents.c.title)
                            .order_by(documents.c.id)).all()
        how = conn.execute(sa.select(resolutions).where(resolutions.c.entity_id == entity_id)
                           .order_by(resolutions.c.id)).all()
        return {"id": row.id, "type": row.type, "name": row.name, "names": by_lang,
                "facts_out": _fact_dicts(conn, out_rows), "facts_in": _fact_dicts(conn, in_rows),
                "documents": [dict(d._mapping) for d in docs],
                "resolution": [{"document_id": r.document_id, "name": r.name, "kind": r.kind, "score": r.score,
                                "reasons": r.reasons} for r in how]}


def list_facts(store: Store, subject: int | str | None = None, predicate: str | None = None,
               object: int | str | None = None, limit: int = 100, offset: int = 0,
               include_rejected: bool = False) -> list[dict[str, Any]]:
    """Facts filtered by subject and object (entity id or name; an object may also be a literal value)."""
    with store.read() as conn:
        query = sa.select(facts)
        if subject is not None:
            query = query.where(facts.c.subject_id.in_(_entity_ref(conn, subject)))
        if predicate:
            query = query.where(facts.c.predicate == predicate)
        if object is not None:
            ids = _entity_ref(conn, object)
            query = query.where(sa.or_(facts.c.object_id.in_(ids), facts.c.value == str(object),
                                       facts.c.edited_value == str(object)))
        if not include_rejected:
            query = query.where(facts.c.status != "rejected")
        rows = conn.execute(query.order_by(facts.c.id).limit(limit).offset(offset)).all()
        return _fact_dicts(conn, rows)


def document_view(store: Store, doc_id: int | str) -> dict[str, Any]:
    """A document's text, its mentions (with entities) and the facts it is evidence for, spans from it only."""
    with store.read() as conn:
        where = (documents.c.id == int(doc_id) if isinstance(doc_id, int) or str(doc_id).isdigit()
                 else documents.c.hash == str(doc_id))
        doc = conn.execute(sa.select(documents).where(where)).first()
        if doc is None:
            raise NotFoundError(f"document {doc_id} does not exist")
        ms = conn.execute(sa.select(mentions).where(mentions.c.document_id == doc.id)
                          .order_by(mentions.c.start, mentions.c.end)).all()
        briefs = _briefs(conn, sorted({m.entity_id for m in ms}))
        rows = conn.execute(sa.select(facts).where(facts.c.id.in_(
            sa.select(evidence.c.fact_id).where(evidence.c.document_id == doc.id))).order_by(facts.c.id)).all()
        return {"id": doc.id, "hash": doc.hash, "source": doc.source, "title": doc.title,
                "language": doc.language, "published": doc.published, "reference_date": doc.reference_date,
                "reference_how": doc.reference_how,
                "ingested_at": doc.ingested_at.isoformat() if doc.ingested_at else None, "text": doc.text,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text, "entity": briefs[m.entity_id]}
                             for m in ms],
                "facts": _fact_dicts(conn, rows, document_id=doc.id)}


def neighbourhood(store: Store, entity_id: int, depth: int = 1, max_nodes: int = 500) -> dict[str, list]:
    """Entities within `depth` fact hops of `entity_id` and the facts between them (rejected ones left out).

    Nodes carry their hop count as `depth`; edges go subject -> object, and a
    qualifier entity (e.g. the character of a cast member) hangs off the
    object with the qualifier's property. Stops growing at `max_nodes`.
    """
    with store.read() as conn:
        if conn.execute(sa.select(entities.c.id).where(entities.c.id == entity_id)).first() is None:
            raise NotFoundError(f"entity {entity_id} does not exist")
        seen: dict[int, int] = {entity_id: 0}
        edges: dict[tuple, dict[str, Any]] = {}
        frontier = [entity_id]
        for hop in range(1, max(depth, 0) + 1):
            if not frontier:
                break
            nxt: list[int] = []
            for chunk in dialects.chunked(frontier):
                quals = sa.select(fact_qualifiers.c.fact_id).where(fact_qualifiers.c.entity_id.in_(chunk))
                rows = conn.execute(sa.select(facts).where(
                    sa.or_(facts.c.subject_id.in_(chunk), facts.c.object_id.in_(chunk), facts.c.id.in_(quals)),
                    facts.c.object_id.is_not(None), facts.c.status != "rejected")).all()
                qrows = _qualifier_rows(conn, [r.id for r in rows])
                for r in rows:
                    links = [(r.subject_id, r.object_id, r.predicate, r.label)]
                    links += [(r.object_id, q.entity_id, q.property, q.property) for q in qrows[r.id]
                              if q.entity_id is not None]
                    for src, dst, pred, label in links:
                        for node in (src, dst):
                            if node not in seen and len(seen) < max_nodes:
                                seen[node] = hop
                                nxt.append(node)
                        if src in seen and dst in seen:
                            edges.setdefault((r.id, src, dst, pred), {
                                "id": r.id, "source": src, "target": dst, "predicate": pred, "label": label,
                                "status": r.status, "confidence": r.confidence})
            frontier = nxt
        briefs = _briefs(conn, list(seen))
    return {"nodes": [dict(briefs[n], depth=d) for n, d in seen.items()], "edges": list(edges.values())}


def iter_entities(store: Store, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every entity with all its names, in id order (for exports)."""
    last = 0
    while True:
        with store.read() as conn:
            rows = conn.execute(sa.select(entities).where(entities.c.id > last)
                                .order_by(entities.c.id).limit(batch)).all()
            if not rows:
                return
            all_names = _names(conn, [r.id for r in rows])
        for r in rows:
            yield {"id": r.id, "type": r.type, "name": r.name, "names": all_names[r.id]}
        last = rows[-1].id


def iter_facts(store: Store, include_rejected: bool = True, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every fact in the fact shape, in id order (for exports)."""
    last = 0
    while True:
        with store.read() as conn:
            query = sa.select(facts).where(facts.c.id > last)
            if not include_rejected:
                query = query.where(facts.c.status != "rejected")
            rows = conn.execute(query.order_by(facts.c.id).limit(batch)).all()
            if not rows:
                return
            dicts = _fact_dicts(conn, rows)
        yield from dicts
        last = rows[-1].id


def iter_documents(store: Store, with_text: bool = True, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Every document's metadata (and text), in id order (for exports)."""
    last = 0
    cols = [c for c in documents.c if c.name != "title_key" and (with_text or c.name != "text")]
    while True:
        with store.read() as conn:
            rows = conn.execute(sa.select(*cols).where(documents.c.id > last)
                                .order_by(documents.c.id).limit(batch)).all()
        if not rows:
            return
        for r in rows:
            d = dict(r._mapping)
            d["ingested_at"] = d["ingested_at"].isoformat() if d.get("ingested_at") else None
            yield d
        last = rows[-1].id


# ---- helpers ------------------------------------------------------------

def _ids_by_name(conn: Connection, name: str) -> list[int]:
    key = name_key(name)
    return [r.entity_id for r in conn.execute(
        sa.select(names.c.entity_id).where(names.c.key == key).distinct().order_by(names.c.entity_id))]


def _entity_ref(conn: Connection, ref: int | str) -> list[int]:
    if isinstance(ref, int) or str(ref).isdigit():
        return [int(ref)]
    return _ids_by_name(conn, str(ref))


def _briefs(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for chunk in dialects.chunked(sorted(set(ids))):
        for r in conn.execute(sa.select(entities.c.id, entities.c.type, entities.c.name)
                              .where(entities.c.id.in_(chunk))):
            out[r.id] = {"id": r.id, "type": r.type, "name": r.name}
    return out


def _names(conn: Connection, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for chunk in dialects.chunked(sorted(set(ids))):
        for r in conn.execute(sa.select(names).where(names.c.entity_id.in_(chunk))
                              .order_by(names.c.entity_id, names.c.lang, names.c.canonical.desc(), names.c.id)):
            out[r.entity_id].append({"name": r.name, "lang": r.lang, "canonical": bool(r.canonical)})
    return out


def _qualifier_rows(conn: Connection, fact_ids: list[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for chunk in dialects.chunked(sorted(set(fact_ids))):
        for q in conn.execute(sa.select(fact_qualifiers).where(fact_qualifiers.c.fact_id.in_(chunk))
                              .order_by(fact_qualifiers.c.id)):
            out[q.fact_id].append(q)
    return out


def _literal(value: str | None, datatype: str | None, unit: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "datatype": datatype or "string"}
    if unit:
        out["unit"] = unit
    return out


def _fact_dicts(conn: Connection, rows: list[Any], document_id: int | None = None) -> list[dict[str, Any]]:
    """Fact rows in the fact shape, loading qualifiers, entities and evidence in a few IN queries.

    A curator's edit replaces a literal's `value` and keeps the original as `original_value`.
    `document_id` keeps only the evidence from that document.
    """
    ids = [r.id for r in rows]
    quals = _qualifier_rows(conn, ids)
    ev: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for chunk in dialects.chunked(ids):
        query = (sa.select(evidence, documents.c.source, documents.c.title)
                 .join(documents, documents.c.id == evidence.c.document_id)
                 .where(evidence.c.fact_id.in_(chunk)))
        if document_id is not None:
            query = query.where(evidence.c.document_id == document_id)
        for e in conn.execute(query.order_by(evidence.c.document_id, evidence.c.start)):
            ev[e.fact_id].append({"document_id": e.document_id, "source": e.source, "title": e.title,
                                  "start": e.start, "end": e.end, "text": e.text, "confidence": e.confidence})
    entity_ids = {r.subject_id for r in rows} | {r.object_id for r in rows if r.object_id is not None}
    entity_ids |= {q.entity_id for qs in quals.values() for q in qs if q.entity_id is not None}
    briefs = _briefs(conn, entity_ids)
    out = []
    for r in rows:
        if r.object_id is not None:
            obj: dict[str, Any] = {"entity": briefs.get(r.object_id)}
        else:
            obj = _literal(r.edited_value if r.edited_value is not None else r.value, r.datatype, r.unit)
            if r.edited_value is not None:
                obj["original_value"] = r.value
        qualifiers = {q.property: ({"entity": briefs.get(q.entity_id)} if q.entity_id is not None
                                   else _literal(q.value, q.datatype, q.unit)) for q in quals[r.id]}
        out.append({"id": r.id, "predicate": r.predicate, "label": r.label, "status": r.status,
                    "subject": briefs.get(r.subject_id), "object": obj, "qualifiers": qualifiers,
                    "confidence": round(r.confidence, 3), "evidence": ev[r.id]})
    return out
