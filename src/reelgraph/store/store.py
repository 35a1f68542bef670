"""The graph on disk: ingest extractions, count, and curate, over one SQLAlchemy Engine.

Each document is written in one transaction, so a failure leaves the store as
it was. A document is known by the sha256 of its normalized text (the same
text again adds nothing) and by its `source` (a changed text from the same
source replaces that document's own mentions, evidence and the facts only it
supported). Entities are matched across documents by blocking keys
(`reelgraph.resolve.keys`) and a pairwise comparison (`reelgraph.resolve.compare`).
Curators' decisions (fact status, edits, merges, splits) are audited, can be
undone, and outlive the re-ingest of their documents: facts with a human
status or an edit are never dropped, and merges and splits leave must-link and
cannot-link rules that every later ingest consults.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from unidecode import unidecode

from reelgraph.errors import NotFoundError, ReelgraphError, StoreError, UsageError
from reelgraph.model import Extraction, Term, text_hash
from reelgraph.store import dialects
from reelgraph.store.schema import (audit_log, documents, entities, entity_keys, evidence, fact_qualifiers,
                                    facts, ingest_log, mentions, names, resolution_rules, resolutions, utcnow)

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///reelgraph.db"
STATUSES = ("asserted", "confirmed", "rejected")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def name_key(text: str) -> str:
    """Accent-free, casefolded, punctuation-free form of a name: what search and rules compare.

    `Biković`, `BIKOVIC` and `bikovic` share one key; Cyrillic and Chinese are
    transliterated by unidecode, so a query in the same script finds them too.
    """
    latin = unidecode(text).replace("'", "")
    return " ".join(re.sub(r"[^\w\s]", " ", latin).casefold().split())


@dataclass(frozen=True)
class IngestResult:
    """What one `Store.ingest` did: `status` is stored, unchanged or replaced."""

    status: str
    document_id: int
    counts: dict[str, int] = field(default_factory=dict)


def open_store(url: str | None = None) -> "Store":
    """Open (and create or migrate to the current schema) the store at a SQLAlchemy URL.

    `None` means `$REELGRAPH_DB`, else `sqlite:///reelgraph.db` in the working
    directory; `postgresql://` uses psycopg 3. A string that is no database URL
    is a UsageError; a database that cannot be reached or migrated is a
    StoreError of one line naming the URL (without its password).
    """
    url = url or os.environ.get("REELGRAPH_DB") or DEFAULT_URL
    try:
        engine = dialects.create_engine(url)
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()   # no pooled connection outlives a failed open
            raise
    except ImportError as e:   # e.g. psycopg, which only the `postgres` extra installs
        raise StoreError(f"{dialects.shown(url)}: the database driver is missing ({e.name}): "
                         f"pip install 'reelgraph[postgres]'") from e
    except sa.exc.SQLAlchemyError as e:
        raise StoreError(f"{dialects.shown(url)}: cannot open the store: {_one_line(e)}") from e
    return Store(engine)


def _one_line(error: BaseException) -> str:
    """The driver's own first line of a database error (SQLAlchemy adds SQL and a link below it)."""
    inner = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(inner).splitlines() if line.strip()]
    return f"{inner.__class__.__name__}: {lines[0] if lines else 'no message'}"


def _alembic_config(connection: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


# Alembic's `context` is process-global, so two threads must not migrate at once.
_MIGRATING = threading.Lock()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` with the Alembic scripts shipped in the package.

    Runs in one transaction that first takes the schema lock (SQLite's write
    lock; PostgreSQL's advisory locks, with timeouts), so processes opening a
    new database at once create the tables only once and none waits forever;
    the connection is closed on every path, so none is left idle in a transaction.
    """
    from alembic import command
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with _MIGRATING, engine.connect() as conn:
        conn.execution_options(**{dialects.WRITE_OPTION: True})
        with conn.begin():
            dialects.lock_schema(conn)
            cfg = _alembic_config(conn)
            target = ScriptDirectory.from_config(cfg).as_revision_number(revision)
            if MigrationContext.configure(conn).get_current_revision() != target:
                command.upgrade(cfg, revision)


class Store:
    """The knowledge graph in a SQL database; see the module docstring for the rules."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries (`reelgraph.query` uses this)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(**{dialects.WRITE_OPTION: True})
            with conn.begin():
                dialects.lock_writers(conn)
                yield conn

    def schema_version(self) -> str | None:
        """The Alembic revision the database is at."""
        from alembic.migration import MigrationContext

        with self.read() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # ---- ingest ---------------------------------------------------------

    def ingest(self, extraction: Extraction) -> IngestResult:
        """Store one document's extraction in one transaction; see the module docstring."""
        doc = extraction.document
        digest = text_hash(doc.text)
        try:
            with self._write() as conn:
                result = _ingest(conn, extraction, digest)
                conn.execute(ingest_log.insert().values(hash=digest, source=doc.source, status=result.status,
                                                        message=json.dumps(result.counts), at=utcnow()))
        except Exception as e:
            self._log_failure(doc.source, digest, e)
            if isinstance(e, ReelgraphError):
                raise
            if isinstance(e, sa.exc.SQLAlchemyError):
                raise StoreError(f"{doc.source}: not stored: {_one_line(e)}") from e
            raise
        log.info("%s: %s as document %d %s", doc.source, result.status, result.document_id, result.counts)
        return result

    def _log_failure(self, source: str, digest: str, error: Exception) -> None:
        try:
            with self._write() as conn:
                conn.execute(ingest_log.insert().values(hash=digest, source=source, status="failed",
                                                        message=f"{error.__class__.__name__}: {error}"[:2000],
                                                        at=utcnow()))
        except sa.exc.SQLAlchemyError:  # the store itself is unusable; the caller sees the first error
            log.exception("%s: could not record the failed ingest", source)

    def stats(self) -> dict[str, int]:
        """Row counts: documents, entities, facts, mentions, names, evidence, plus facts by status."""
        out: dict[str, int] = {}
        with self.read() as conn:
            for key, table in (("documents", documents), ("entities", entities), ("facts", facts),
                               ("mentions", mentions), ("names", names), ("evidence", evidence)):
                out[key] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for status, n in conn.execute(sa.select(facts.c.status, sa.func.count()).group_by(facts.c.status)):
                out[f"facts_{status}"] = n
        return out

    # ---- curation -------------------------------------------------------

    def set_fact_status(self, fact_id: int, status: str, actor: str) -> int:
        """Mark a fact asserted, confirmed or rejected; returns the audit entry id."""
        if status not in STATUSES:
            raise UsageError(f"fact status must be one of {', '.join(STATUSES)}, not {status!r}")
        with self._write() as conn:
            before = _fact_row(conn, fact_id).status
            conn.execute(facts.update().where(facts.c.id == fact_id).values(status=status))
            return _audit(conn, actor, "set_fact_status", {"fact_id": fact_id, "before": before, "after": status})

    def edit_fact(self, fact_id: int, value: str | None, actor: str) -> int:
        """Correct a literal fact's value (`None` clears the edit); returns the audit entry id."""
        with self._write() as conn:
            row = _fact_row(conn, fact_id)
            if row.object_id is not None:
                raise UsageError(f"fact {fact_id} points to an entity; merge or split entities instead of editing it")
            conn.execute(facts.update().where(facts.c.id == fact_id).values(edited_value=value))
            return _audit(conn, actor, "edit_fact", {"fact_id": fact_id, "before": row.edited_value, "after": value})

    def merge_entities(self, keep_id: int, other_id: int, actor: str) -> int:
        """Fold entity `other_id` into `keep_id` (names, mentions, facts); returns the audit entry id.

        Facts that become identical are one fact with the evidence of both. The
        other entity's names become must-link rules to `keep_id` for later ingests.
        """
        if keep_id == other_id:
            raise UsageError(f"cannot merge entity {keep_id} with itself")
        with self._write() as conn:
            keep = _entity_row(conn, keep_id)
            other = _entity_row(conn, other_id)
            audit_id = _audit(conn, actor, "merge_entities", {})
            other_keys = sorted({r.key for r in conn.execute(
                sa.select(names.c.key).where(names.c.entity_id == other_id))})
            dropped_rules = [dict(r._mapping) for r in conn.execute(sa.select(resolution_rules).where(
                resolution_rules.c.kind == "cannot_link", resolution_rules.c.entity_id == keep_id,
                resolution_rules.c.name_key.in_(other_keys or [""])))]
            conn.execute(resolution_rules.delete().where(resolution_rules.c.id.in_([r["id"] for r in dropped_rules])))
            moved = _repoint(conn, other_id, keep_id)
            conn.execute(entities.delete().where(entities.c.id == other_id))
            rule_ids = _add_rules(conn, "must_link", keep.type, other_keys, keep_id, audit_id)
            conn.execute(resolutions.insert().values(entity_id=keep_id, document_id=None, name=other.name,
                                                     kind="manual_merge", score=None,
                                                     reasons=[f"merged entity {other_id} by {actor}"], at=utcnow()))
            _refresh_keys(conn, keep_id)
            payload = {"keep": keep_id, "other": _row_json(other), "moved": moved, "rules": rule_ids,
                       "dropped_rules": [_json_safe(r) for r in dropped_rules]}
            conn.execute(audit_log.update().where(audit_log.c.id == audit_id).values(payload=payload))
            return audit_id

    def split_entity(self, entity_id: int, names_to_move: list[str], actor: str) -> int:
        """Move the given names (and their mentions and facts) to a new entity; returns its id.

        A fact moves when, in every document that is evidence for it, the
        entity is now mentioned only under the moved names. The moved names
        become cannot-link rules against `entity_id` and must-link rules to the new one.
        """
        keys = {name_key(n) for n in names_to_move}
        with self._write() as conn:
            old = _entity_row(conn, entity_id)
            rows = list(conn.execute(sa.select(names).where(names.c.entity_id == entity_id).order_by(names.c.id)))
            moving = [r for r in rows if r.key in keys]
            staying = [r for r in rows if r.key not in keys]
            if not moving:
                raise UsageError(f"entity {entity_id} has none of the names {names_to_move}")
            if not staying:
                raise UsageError(f"splitting {names_to_move} off entity {entity_id} would leave it without a name")
            audit_id = _audit(conn, actor, "split_entity", {})
            first = next((r for n in names_to_move for r in moving if r.key == name_key(n)), moving[0])
            new_id = conn.execute(entities.insert().values(type=old.type, name=first.name,
                                                           created_at=utcnow())).inserted_primary_key[0]
            canonical_before = {r.id: bool(r.canonical) for r in rows}
            conn.execute(names.update().where(names.c.id.in_([r.id for r in moving])).values(entity_id=new_id))
            _fix_canonical(conn, new_id)
            _fix_canonical(conn, entity_id)
            old_name = old.name
            if name_key(old.name) in keys:
                conn.execute(entities.update().where(entities.c.id == entity_id).values(name=staying[0].name))
            moved_mentions = [m.id for m in conn.execute(sa.select(mentions.c.id, mentions.c.text).where(
                mentions.c.entity_id == entity_id)) if name_key(m.text) in keys]
            _reassign(conn, entity_id, new_id)
            rule_ids = (_add_rules(conn, "cannot_link", old.type, sorted(keys), entity_id, audit_id)
                        + _add_rules(conn, "must_link", old.type, sorted(keys), new_id, audit_id))
            conn.execute(resolutions.insert().values(entity_id=new_id, document_id=None, name=first.name,
                                                     kind="manual_split", score=None,
                                                     reasons=[f"split from entity {entity_id} by {actor}"], at=utcnow()))
            _refresh_keys(conn, entity_id)
            _refresh_keys(conn, new_id)
            payload = {"entity_id": entity_id, "new_id": new_id, "old_name": old_name, "names": names_to_move,
                       "canonical": {str(k): v for k, v in canonical_before.items()},
                       "mentions": moved_mentions, "rules": rule_ids}
            conn.execute(audit_log.update().where(audit_log.c.id == audit_id).values(payload=payload))
            return new_id

    def undo(self, audit_id: int, actor: str) -> int:
        """Reverse one curation entry (not an ingest); returns the id of the new `undo` audit entry."""
        with self._write() as conn:
            entry = conn.execute(sa.select(audit_log).where(audit_log.c.id == audit_id)).first()
            if entry is None:
                raise NotFoundError(f"audit entry {audit_id} does not exist")
            if entry.undone:
                raise UsageError(f"audit entry {audit_id} is already undone")
            p = entry.payload
            if entry.action == "set_fact_status":
                _fact_row(conn, p["fact_id"])
                conn.execute(facts.update().where(facts.c.id == p["fact_id"]).values(status=p["before"]))
            elif entry.action == "edit_fact":
                _fact_row(conn, p["fact_id"])
                conn.execute(facts.update().where(facts.c.id == p["fact_id"]).values(edited_value=p["before"]))
            elif entry.action == "merge_entities":
                _unmerge(conn, p)
            elif entry.action == "split_entity":
                _unsplit(conn, p)
            else:
                raise UsageError(f"audit entry {audit_id} ({entry.action}) cannot be undone")
            conn.execute(audit_log.update().where(audit_log.c.id == audit_id).values(undone=True))
            return _audit(conn, actor, "undo", {"audit_id": audit_id, "action": entry.action})

    def audit_entries(self, limit: int = 50) -> list[dict[str, Any]]:
        """The newest curation entries first, as plain dicts."""
        with self.read() as conn:
            rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit))
            return [{"id": r.id, "at": r.at.isoformat() if r.at else None, "actor": r.actor, "action": r.action,
                     "payload": r.payload, "undone": bool(r.undone)} for r in rows]


# ---- ingest internals ---------------------------------------------------

def _ingest(conn: Connection, ex: Extraction, digest: str) -> IngestResult:
    doc = ex.document
    same = conn.execute(sa.select(documents.c.id).where(documents.c.hash == digest)).first()
    if same is not None:
        return IngestResult("unchanged", same.id, {})
    values = dict(hash=digest, source=doc.source, title=doc.title,
                  title_key=name_key(doc.title) if doc.title else None, language=doc.language,
                  published=doc.published, reference_date=doc.reference_date, reference_how=doc.reference_how,
                  text=doc.text, ingested_at=utcnow())
    previous = conn.execute(sa.select(documents.c.id).where(documents.c.source == doc.source)
                            .order_by(documents.c.id.desc())).first()
    touched: set[int] = set()
    if previous is not None:
        doc_id, status = previous.id, "replaced"
        touched = _clear_document(conn, doc_id)
        conn.execute(documents.update().where(documents.c.id == doc_id).values(**values))
    else:
        status = "stored"
        doc_id = conn.execute(documents.insert().values(**values)).inserted_primary_key[0]
    bad = [sp for sp in [*(m for e in ex.entities for m in e.mentions), *(v for f in ex.facts for v in f.evidence)]
           if isinstance(sp.start, int) and isinstance(sp.end, int) and doc.text[sp.start:sp.end] != sp.text]
    if bad:   # stored as given: the text is what a reader checks them against
        log.warning("%s: %d spans do not match the text at their offsets, e.g. [%d:%d] %r",
                    doc.source, len(bad), bad[0].start, bad[0].end, bad[0].text)
    ids, counts = _resolve_entities(conn, ex, doc_id)
    mention_rows = [dict(document_id=doc_id, entity_id=ids[e.id], start=m.start, end=m.end, text=m.text)
                    for e in ex.entities for m in e.mentions]
    if mention_rows:
        conn.execute(mentions.insert(), mention_rows)
    counts["mentions"] = len(mention_rows)
    counts.update(_store_facts(conn, ex, doc_id, ids))
    if touched:
        counts["entities_dropped"] = _drop_orphans(conn, touched)
    return IngestResult(status, doc_id, counts)


def _clear_document(conn: Connection, doc_id: int) -> set[int]:
    """Remove one document's mentions, evidence and the machine facts only it supported.

    Returns the entity ids it touched, to drop those left with nothing.
    """
    fact_ids = [r.fact_id for r in conn.execute(
        sa.select(evidence.c.fact_id).where(evidence.c.document_id == doc_id).distinct())]
    touched = {r.entity_id for r in conn.execute(
        sa.select(mentions.c.entity_id).where(mentions.c.document_id == doc_id).distinct())}
    conn.execute(evidence.delete().where(evidence.c.document_id == doc_id))
    conn.execute(mentions.delete().where(mentions.c.document_id == doc_id))
    conn.execute(resolutions.delete().where(resolutions.c.document_id == doc_id))
    has_evidence = sa.exists().where(evidence.c.fact_id == facts.c.id)
    for chunk in dialects.chunked(fact_ids):
        for r in conn.execute(sa.select(facts.c.subject_id, facts.c.object_id).where(facts.c.id.in_(_many(chunk)))):
            touched.update(x for x in r if x is not None)
        # A curator's status or edit keeps a fact even when no document supports it any more.
        conn.execute(facts.delete().where(facts.c.id.in_(_many(chunk)), facts.c.status == "asserted",
                                          facts.c.edited_value.is_(None), ~has_evidence))
        best = sa.select(sa.func.max(evidence.c.confidence)).where(evidence.c.fact_id == facts.c.id).scalar_subquery()
        conn.execute(facts.update().where(facts.c.id.in_(_many(chunk)), has_evidence).values(confidence=best))
    return touched


def _drop_orphans(conn: Connection, entity_ids: set[int]) -> int:
    """Delete entities among `entity_ids` that nothing refers to any more."""
    e = entities.c.id
    unused = sa.and_(
        ~sa.exists().where(mentions.c.entity_id == e),
        ~sa.exists().where(facts.c.subject_id == e),
        ~sa.exists().where(facts.c.object_id == e),
        ~sa.exists().where(fact_qualifiers.c.entity_id == e),
        ~sa.exists().where(resolution_rules.c.entity_id == e))
    dropped = 0
    for chunk in dialects.chunked(sorted(entity_ids)):
        dropped += conn.execute(entities.delete().where(e.in_(_many(chunk)), unused)).rowcount
    return dropped


def _many(values: list[Any]) -> sa.BindParameter:
    """One expanding parameter for an IN list: skips SQLAlchemy's per-item coercion, which
    dominated ingest time with a few hundred blocking keys per document."""
    return sa.bindparam(None, list(values), expanding=True)


def _blocking_keys(texts: list[str], type_: str, lang: str) -> set[str]:
    from reelgraph.resolve.keys import blocking_keys  # resolve may import the store; import late

    return set(blocking_keys(texts, type_, lang))


def _resolve_entities(conn: Connection, ex: Extraction, doc_id: int) -> tuple[dict[str, int], dict[str, int]]:
    """Map each entity of the extraction to a store entity id, creating those not matched."""
    from reelgraph.resolve.compare import EntityProfile, best_match
    from reelgraph.resolve.rules import must_link_target

    lang = ex.document.language
    texts = {e.id: list(dict.fromkeys([e.name, *e.aliases])) for e in ex.entities}
    keys = {e.id: _blocking_keys(texts[e.id], e.type, lang) for e in ex.entities}
    nkeys = {e.id: {name_key(t) for t in texts[e.id]} - {""} for e in ex.entities}
    related: dict[str, set[str]] = defaultdict(set)
    for f in ex.facts:
        linked = [t.entity for t in [f.object, *f.qualifiers.values()] if t.entity is not None]
        for other in linked:
            if f.subject in keys and other in keys:
                related[f.subject] |= keys[other]
                related[other] |= keys[f.subject]

    rules: dict[str, list[Any]] = defaultdict(list)
    all_nkeys = sorted(set().union(*nkeys.values())) if nkeys else []
    for chunk in dialects.chunked(all_nkeys):
        for r in conn.execute(sa.select(resolution_rules).where(resolution_rules.c.name_key.in_(_many(chunk)))
                              .order_by(resolution_rules.c.id.desc())):
            rules[r.name_key].append(r)
    # the entities must-link rules point to: a rule binds only an entity whose other names agree
    rule_targets = _profiles(conn, sorted({r.entity_id for rs in rules.values() for r in rs if r.kind == "must_link"}))

    # Candidates: every entity sharing a blocking key, in one IN query (chunked only for huge documents).
    by_key: dict[str, set[int]] = defaultdict(set)
    cand_type: dict[int, str] = {}
    all_keys = sorted(set().union(*keys.values())) if keys else []
    for chunk in dialects.chunked(all_keys):
        for r in conn.execute(sa.select(entity_keys.c.key, entities.c.id, entities.c.type)
                              .join(entities, entities.c.id == entity_keys.c.entity_id)
                              .where(entity_keys.c.key.in_(_many(chunk)))):
            by_key[r.key].add(r.id)
            cand_type[r.id] = r.type
    profiles = _profiles(conn, sorted(cand_type))

    ids: dict[str, int] = {}
    counts = {"entities_new": 0, "entities_matched": 0}
    canonical_langs = _canonical_langs(conn, sorted(cand_type))
    decided: list[tuple[Any, int | None, str, float | None, list[str]]] = []
    seen: set[str] = set()
    banned_by_ent: dict[str, set[int]] = {}
    for ent in ex.entities:
        if ent.id in seen:
            raise StoreError(f"{ex.document.source}: entity id {ent.id} appears twice")
        seen.add(ent.id)
        mine = sorted({r.id: r for k in nkeys[ent.id] for r in rules.get(k, ())}.items(), reverse=True)
        forced = must_link_target(texts[ent.id], ent.type, lang, [r for _, r in mine], rule_targets, name_key)
        banned = {r.entity_id for k in nkeys[ent.id] for r in rules.get(k, ()) if r.kind == "cannot_link"}
        banned_by_ent[ent.id] = banned
        entity_id, kind, score, reasons = None, "new", None, []
        if forced:
            entity_id, kind, reasons = forced[0], "must_link", [f"curator rule {forced[1].id}"]
        else:
            # Keys carry the type family (a City may meet a Region), so no type filter here.
            cands = sorted({c for k in keys[ent.id] for c in by_key.get(k, ()) if c not in banned})
            if cands:
                new = EntityProfile(id=ent.id, type=ent.type, names=texts[ent.id], lang=lang,
                                    related=frozenset(related[ent.id]))
                match = best_match(new, [profiles[c] for c in cands])
                if match is not None:
                    entity_id, kind = int(match.entity_id), "matched"
                    score, reasons = float(match.score), list(match.reasons)
        decided.append((ent, entity_id, kind, score, reasons))
    decided = _match_by_graph(conn, ex, decided, banned_by_ent)
    # The document's new entities in one statement (candidates were fetched before any was made,
    # so entities of one document never match each other).
    fresh = [ent for ent, entity_id, *_ in decided if entity_id is None]
    if fresh:
        made = conn.execute(entities.insert().returning(entities.c.id, sort_by_parameter_order=True),
                            [dict(type=e.type, name=e.name, created_at=utcnow()) for e in fresh]).scalars().all()
        ids.update({e.id: made_id for e, made_id in zip(fresh, made)})
    resolution_rows, name_rows, key_rows = [], [], []
    for ent, entity_id, kind, score, reasons in decided:
        if entity_id is None:
            entity_id = ids[ent.id]
            counts["entities_new"] += 1
        else:
            ids[ent.id] = entity_id
            counts["entities_matched"] += 1
        resolution_rows.append(dict(entity_id=entity_id, document_id=doc_id, name=ent.name, kind=kind,
                                    score=score, reasons=reasons, at=utcnow()))
        for text in texts[ent.id]:
            first = text == ent.name and (entity_id, lang) not in canonical_langs
            if first:
                canonical_langs.add((entity_id, lang))
            name_rows.append(dict(entity_id=entity_id, name=text, key=name_key(text), lang=lang, canonical=first))
        key_rows.extend(dict(entity_id=entity_id, key=k) for k in keys[ent.id])
    if resolution_rows:
        conn.execute(resolutions.insert(), resolution_rows)
    dialects.insert_ignore(conn, names, name_rows)
    dialects.insert_ignore(conn, entity_keys, key_rows)
    return ids, counts


def _match_by_graph(conn: Connection, ex: Extraction, decided: list[tuple[Any, int | None, str, float | None, list[str]]],
                    banned: dict[str, set[int]]) -> list[tuple[Any, int | None, str, float | None, list[str]]]:
    """Match entities no name matched by the relations they share with stored ones
    (`reelgraph.resolve.graph`), then give each matched entity of another type the type that
    takes precedence (`reelgraph.resolve.keys.merged_type`), whichever document came first."""
    from reelgraph.resolve.graph import graph_matches
    from reelgraph.resolve.keys import merged_type

    resolved = {ent.id: eid for ent, eid, *_ in decided if eid is not None}
    pending = [ent for ent, eid, *_ in decided if eid is None ]
    if pending and resolved:
        found = graph_matches(conn, ex, resolved, pending, banned)
        decided = [(d[0], int(found[d[0].id].entity_id), "matched", found[d[0].id].score, found[d[0].id].reasons)
                   if d[0].id in found else d for d in decided]
    matched = {eid: ent.type for ent, eid, *_ in decided if eid is not None}
    for chunk in dialects.chunked(sorted(matched)):
        for r in conn.execute(sa.select(entities.c.id, entities.c.type).where(entities.c.id.in_(_many(chunk)))):
            wanted = merged_type(r.type, matched[r.id])
            if wanted != r.type:
                conn.execute(entities.update().where(entities.c.id == r.id).values(type=wanted))
    return decided


def _canonical_langs(conn: Connection, entity_ids: list[int]) -> set[tuple[int, str]]:
    out: set[tuple[int, str]] = set()
    for chunk in dialects.chunked(entity_ids):
        out.update((r.entity_id, r.lang) for r in conn.execute(
            sa.select(names.c.entity_id, names.c.lang).where(names.c.entity_id.in_(_many(chunk)), names.c.canonical)))
    return out


def _profiles(conn: Connection, entity_ids: list[int]) -> dict[int, Any]:
    """EntityProfiles of stored entities: their names and the keys of entities linked by facts."""
    from reelgraph.resolve.compare import EntityProfile

    if not entity_ids:
        return {}
    info: dict[int, Any] = {}
    texts: dict[int, list[str]] = defaultdict(list)
    langs: dict[int, list[str]] = defaultdict(list)
    links: dict[int, set[int]] = defaultdict(set)
    for chunk in dialects.chunked(entity_ids):
        info.update({r.id: r for r in conn.execute(sa.select(entities).where(entities.c.id.in_(_many(chunk))))})
        for r in conn.execute(sa.select(names.c.entity_id, names.c.name, names.c.lang)
                              .where(names.c.entity_id.in_(_many(chunk))).order_by(names.c.canonical.desc(), names.c.id)):
            texts[r.entity_id].append(r.name)
            langs[r.entity_id].append(r.lang)
        for r in conn.execute(sa.select(facts.c.subject_id, facts.c.object_id).where(
                sa.or_(facts.c.subject_id.in_(_many(chunk)), facts.c.object_id.in_(_many(chunk))), facts.c.object_id.is_not(None))):
            links[r.subject_id].add(r.object_id)
            links[r.object_id].add(r.subject_id)
    neighbour_keys: dict[int, set[str]] = defaultdict(set)
    neighbours = sorted(set().union(*links.values())) if links else []
    for chunk in dialects.chunked(neighbours):
        for r in conn.execute(sa.select(entity_keys).where(entity_keys.c.entity_id.in_(_many(chunk)))):
            neighbour_keys[r.entity_id].add(r.key)
    out = {}
    for eid in entity_ids:
        related = frozenset().union(*(neighbour_keys[n] for n in links.get(eid, ()))) if links.get(eid) else frozenset()
        lang = langs[eid][0] if langs[eid] else "en"
        out[eid] = EntityProfile(id=eid, type=info[eid].type, names=list(dict.fromkeys(texts[eid] or [info[eid].name])),
                                 lang=lang, related=related)
    return out


def _term_parts(term: Term, ids: dict[str, int], source: str) -> tuple[int | None, str | None, str | None, str | None]:
    if term.entity is not None:
        if term.entity not in ids:
            raise StoreError(f"{source}: a fact refers to entity {term.entity}, which the document does not define")
        return ids[term.entity], None, None, None
    if term.value is None:
        raise StoreError(f"{source}: a fact has neither an entity nor a value as its object")
    return None, str(term.value), term.datatype or "string", term.unit


def content_key(subject_id: int, predicate: str, obj: tuple, qualifiers: dict[str, tuple]) -> str:
    """What makes two stored facts the same fact, whichever documents state them.

    Project qualifiers (`rg:date_resolution`) say how one document found a value,
    not what the fact is: they are left out, so three articles give one fact.
    """
    body = [subject_id, predicate, list(obj),
            sorted([p, list(q)] for p, q in qualifiers.items() if not p.startswith("rg:"))]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode("utf-8")).hexdigest()


def _store_facts(conn: Connection, ex: Extraction, doc_id: int, ids: dict[str, int]) -> dict[str, int]:
    source = ex.document.source
    wanted: dict[str, dict[str, Any]] = {}
    for f in ex.facts:
        if f.subject not in ids:
            raise StoreError(f"{source}: a fact's subject {f.subject} is not an entity of the document")
        obj = _term_parts(f.object, ids, source)
        quals = {p: _term_parts(t, ids, source) for p, t in f.qualifiers.items()}
        key = content_key(ids[f.subject], f.predicate, obj, quals)
        item = wanted.setdefault(key, {"fact": f, "obj": obj, "quals": quals, "confidence": 0.0, "evidence": {}})
        item["confidence"] = max(item["confidence"], float(f.confidence))
        for span in f.evidence:
            item["evidence"][(span.start, span.end)] = (span, float(f.confidence))
    existing: dict[str, Any] = {}
    for chunk in dialects.chunked(list(wanted)):
        existing.update({r.content_key: r for r in conn.execute(
            sa.select(facts.c.id, facts.c.content_key, facts.c.confidence).where(facts.c.content_key.in_(_many(chunk))))})
    new_rows = []
    for key, item in wanted.items():
        if key in existing:
            continue
        f, (object_id, value, datatype, unit) = item["fact"], item["obj"]
        new_rows.append(dict(subject_id=ids[f.subject], predicate=f.predicate, label=f.label or "",
                             object_id=object_id, value=value, datatype=datatype, unit=unit, content_key=key,
                             confidence=item["confidence"], status="asserted", created_at=utcnow()))
    if new_rows:
        conn.execute(facts.insert(), new_rows)
    fact_id: dict[str, int] = {k: r.id for k, r in existing.items()}
    new_keys = [r["content_key"] for r in new_rows]
    for chunk in dialects.chunked(new_keys):
        fact_id.update({r.content_key: r.id for r in conn.execute(
            sa.select(facts.c.id, facts.c.content_key).where(facts.c.content_key.in_(_many(chunk))))})
    qual_rows = [dict(fact_id=fact_id[key], property=p, entity_id=q[0], value=q[1], datatype=q[2], unit=q[3])
                 for key in new_keys for p, q in wanted[key]["quals"].items()]
    if qual_rows:
        conn.execute(fact_qualifiers.insert(), qual_rows)
    raised = [dict(fid=existing[k].id, conf=item["confidence"]) for k, item in wanted.items()
              if k in existing and item["confidence"] > existing[k].confidence]
    if raised:
        conn.execute(facts.update().where(facts.c.id == sa.bindparam("fid"))
                     .values(confidence=sa.bindparam("conf")), raised)
    evidence_rows = [dict(fact_id=fact_id[key], document_id=doc_id, start=span.start, end=span.end, text=span.text,
                          confidence=conf)
                     for key, item in wanted.items() for span, conf in item["evidence"].values()]
    if evidence_rows:
        conn.execute(evidence.insert(), evidence_rows)
    return {"facts_new": len(new_rows), "facts_existing": len(wanted) - len(new_rows), "evidence": len(evidence_rows)}


# ---- curation internals -------------------------------------------------

def _audit(conn: Connection, actor: str, action: str, payload: dict[str, Any]) -> int:
    if not actor:
        raise UsageError("a curation needs an actor (who did it)")
    return conn.execute(audit_log.insert().values(at=utcnow(), actor=actor, action=action, payload=payload,
                                                  undone=False)).inserted_primary_key[0]


def _fact_row(conn: Connection, fact_id: int) -> Any:
    row = conn.execute(sa.select(facts).where(facts.c.id == fact_id)).first()
    if row is None:
        raise NotFoundError(f"fact {fact_id} does not exist")
    return row


def _entity_row(conn: Connection, entity_id: int) -> Any:
    row = conn.execute(sa.select(entities).where(entities.c.id == entity_id)).first()
    if row is None:
        raise NotFoundError(f"entity {entity_id} does not exist")
    return row


def _json_safe(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


def _row_json(row: Any) -> dict[str, Any]:
    return _json_safe(dict(row._mapping))


def _from_json(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(table.c[k].type, sa.DateTime) and isinstance(v, str):
            v = datetime.fromisoformat(v)
        out[k] = v
    return out


def _add_rules(conn: Connection, kind: str, type_: str, keys: list[str], entity_id: int, audit_id: int) -> list[int]:
    out = []
    for key in keys:
        out.append(conn.execute(resolution_rules.insert().values(kind=kind, type=type_, name_key=key,
                                                                 entity_id=entity_id, audit_id=audit_id))
                   .inserted_primary_key[0])
    return out


def _refresh_keys(conn: Connection, entity_id: int) -> None:
    """Recompute an entity's blocking keys from its names (after a merge, split or undo)."""
    row = _entity_row(conn, entity_id)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute(sa.select(names.c.name, names.c.lang).where(names.c.entity_id == entity_id)):
        by_lang[r.lang].append(r.name)
    keys: set[str] = set()
    for lang, texts in by_lang.items():
        keys |= _blocking_keys(texts, row.type, lang)
    conn.execute(entity_keys.delete().where(entity_keys.c.entity_id == entity_id))
    dialects.insert_ignore(conn, entity_keys, [dict(entity_id=entity_id, key=k) for k in sorted(keys)])


def _fix_canonical(conn: Connection, entity_id: int) -> None:
    """Exactly one canonical name per language: keep the oldest canonical, else the oldest name."""
    by_lang: dict[str, list[Any]] = defaultdict(list)
    for r in conn.execute(sa.select(names).where(names.c.entity_id == entity_id).order_by(names.c.id)):
        by_lang[r.lang].append(r)
    for rows in by_lang.values():
        chosen = next((r for r in rows if r.canonical), rows[0])
        for r in rows:
            if bool(r.canonical) != (r.id == chosen.id):
                conn.execute(names.update().where(names.c.id == r.id).values(canonical=r.id == chosen.id))


def _fact_terms(conn: Connection, fact_id: int) -> tuple[int, str, tuple, dict[str, tuple]]:
    f = _fact_row(conn, fact_id)
    quals = {q.property: (q.entity_id, q.value, q.datatype, q.unit) for q in conn.execute(
        sa.select(fact_qualifiers).where(fact_qualifiers.c.fact_id == fact_id))}
    return f.subject_id, f.predicate, (f.object_id, f.value, f.datatype, f.unit), quals


def _rekey(conn: Connection, fact_ids: list[int], folded: list[dict[str, Any]]) -> None:
    """Recompute content keys after entity ids changed; fold a fact into an equal one if any.

    Each folded fact is recorded in `folded` (its row, qualifiers, moved and
    dropped evidence, and the survivor's status before) so an undo can restore it.
    """
    for fid in fact_ids:
        if conn.execute(sa.select(facts.c.id).where(facts.c.id == fid)).first() is None:
            continue
        subject_id, predicate, obj, quals = _fact_terms(conn, fid)
        key = content_key(subject_id, predicate, obj, quals)
        twin = conn.execute(sa.select(facts).where(facts.c.content_key == key, facts.c.id != fid)).first()
        if twin is None:
            conn.execute(facts.update().where(facts.c.id == fid).values(content_key=key))
            continue
        me = _fact_row(conn, fid)
        record = {"fact": _row_json(me), "survivor": twin.id,
                  "survivor_before": {"status": twin.status, "edited_value": twin.edited_value,
                                      "confidence": twin.confidence},
                  "qualifiers": [_row_json(q) for q in conn.execute(
                      sa.select(fact_qualifiers).where(fact_qualifiers.c.fact_id == fid))],
                  "evidence_moved": [], "evidence_dropped": []}
        spans = {(r.document_id, r.start, r.end) for r in conn.execute(
            sa.select(evidence).where(evidence.c.fact_id == twin.id))}
        for ev in conn.execute(sa.select(evidence).where(evidence.c.fact_id == fid)).all():
            if (ev.document_id, ev.start, ev.end) in spans:
                record["evidence_dropped"].append(_row_json(ev))
                conn.execute(evidence.delete().where(evidence.c.id == ev.id))
            else:
                record["evidence_moved"].append(ev.id)
                conn.execute(evidence.update().where(evidence.c.id == ev.id).values(fact_id=twin.id))
        # A human decision on either fact wins over the machine's "asserted".
        update: dict[str, Any] = {"confidence": max(twin.confidence, me.confidence)}
        if twin.status == "asserted" and me.status != "asserted":
            update["status"] = me.status
        if twin.edited_value is None and me.edited_value is not None:
            update["edited_value"] = me.edited_value
        conn.execute(facts.update().where(facts.c.id == twin.id).values(**update))
        conn.execute(facts.delete().where(facts.c.id == fid))
        folded.append(record)


def _repoint(conn: Connection, src: int, dst: int) -> dict[str, Any]:
    """Move everything that refers to entity `src` onto `dst`; returns what moved, for undo."""
    moved: dict[str, Any] = {"names": [], "names_dropped": [], "canonical": {}, "mentions": [], "resolutions": [],
                             "subject": [], "object": [], "qualifiers": [], "folded": []}
    dst_names = {(r.name, r.lang) for r in conn.execute(sa.select(names).where(names.c.entity_id == dst))}
    for r in conn.execute(sa.select(names).where(names.c.entity_id.in_([src, dst]))).all():
        moved["canonical"][str(r.id)] = bool(r.canonical)
        if r.entity_id != src:
            continue
        if (r.name, r.lang) in dst_names:
            moved["names_dropped"].append(_row_json(r))
            conn.execute(names.delete().where(names.c.id == r.id))
        else:
            moved["names"].append(r.id)
    if moved["names"]:
        # The kept entity's canonical names win; a language it has no name in keeps the other's.
        dst_langs = [r.lang for r in conn.execute(
            sa.select(names.c.lang).where(names.c.entity_id == dst, names.c.canonical))]
        conn.execute(names.update().where(names.c.id.in_(moved["names"])).values(entity_id=dst))
        conn.execute(names.update().where(names.c.id.in_(moved["names"]), names.c.lang.in_(dst_langs))
                     .values(canonical=False))
    _fix_canonical(conn, dst)
    for key, table, column in (("mentions", mentions, mentions.c.entity_id),
                               ("resolutions", resolutions, resolutions.c.entity_id),
                               ("subject", facts, facts.c.subject_id), ("object", facts, facts.c.object_id),
                               ("qualifiers", fact_qualifiers, fact_qualifiers.c.entity_id)):
        moved[key] = [r.id for r in conn.execute(sa.select(table.c.id).where(column == src))]
        if moved[key]:
            conn.execute(table.update().where(column == src).values({column.name: dst}))
    qual_facts = [r.fact_id for r in conn.execute(
        sa.select(fact_qualifiers.c.fact_id).where(fact_qualifiers.c.id.in_(moved["qualifiers"] or [0])))]
    _rekey(conn, sorted(set(moved["subject"] + moved["object"] + qual_facts)), moved["folded"])
    return moved


def _restore(conn: Connection, moved: dict[str, Any], src: int, dst: int) -> None:
    """Undo a `_repoint(src, dst)`: put back folded facts and move the recorded rows to `src` again."""
    for rec in reversed(moved["folded"]):
        conn.execute(facts.insert().values(**_from_json(facts, rec["fact"])))
        for q in rec["qualifiers"]:
            conn.execute(fact_qualifiers.insert().values(**_from_json(fact_qualifiers, q)))
        if rec["evidence_moved"]:   # rows a later re-ingest deleted are simply gone
            conn.execute(evidence.update().where(evidence.c.id.in_(rec["evidence_moved"]),
                                                 evidence.c.fact_id == rec["survivor"])
                         .values(fact_id=rec["fact"]["id"]))
        for ev in rec["evidence_dropped"]:
            conn.execute(evidence.insert().values(**_from_json(evidence, ev)))
        if conn.execute(sa.select(facts.c.id).where(facts.c.id == rec["survivor"])).first() is not None:
            conn.execute(facts.update().where(facts.c.id == rec["survivor"]).values(**rec["survivor_before"]))
    for key, table, column in (("mentions", mentions, mentions.c.entity_id),
                               ("resolutions", resolutions, resolutions.c.entity_id),
                               ("subject", facts, facts.c.subject_id), ("object", facts, facts.c.object_id),
                               ("qualifiers", fact_qualifiers, fact_qualifiers.c.entity_id),
                               ("names", names, names.c.entity_id)):
        for chunk in dialects.chunked(moved[key]):
            conn.execute(table.update().where(table.c.id.in_(_many(chunk)), column == dst).values({column.name: src}))
    for row in moved["names_dropped"]:
        dialects.insert_ignore(conn, names, [_from_json(names, row)])
    for name_id, flag in moved["canonical"].items():
        conn.execute(names.update().where(names.c.id == int(name_id)).values(canonical=flag))
    qual_facts = [r.fact_id for r in conn.execute(
        sa.select(fact_qualifiers.c.fact_id).where(fact_qualifiers.c.id.in_(moved["qualifiers"] or [0])))]
    restored = [rec["fact"]["id"] for rec in moved["folded"]]
    changed = sorted(set(moved["subject"] + moved["object"] + qual_facts + restored))
    folded: list[dict[str, Any]] = []
    _rekey(conn, changed, folded)
    if folded:
        raise StoreError("cannot undo: the entities have changed since, and facts would collide")


def _unmerge(conn: Connection, p: dict[str, Any]) -> None:
    keep, other = p["keep"], p["other"]
    _entity_row(conn, keep)
    conn.execute(entities.insert().values(**_from_json(entities, other)))
    _restore(conn, p["moved"], other["id"], keep)
    # Re-ingests since the merge attached new mentions and evidence to `keep`; give back the other's.
    _reassign(conn, keep, other["id"])
    conn.execute(resolution_rules.delete().where(resolution_rules.c.id.in_(p["rules"] or [0])))
    for r in p["dropped_rules"]:
        conn.execute(resolution_rules.insert().values(**r))
    conn.execute(resolutions.delete().where(resolutions.c.entity_id == keep, resolutions.c.kind == "manual_merge",
                                            resolutions.c.document_id.is_(None),
                                            resolutions.c.name == other["name"]))
    _refresh_keys(conn, keep)
    _refresh_keys(conn, other["id"])


def _reassign(conn: Connection, src: int, dst: int) -> None:
    """Give entity `dst` what is stored under `src` but belongs to `dst` (after a split or an undone merge).

    Mentions whose text is one of `dst`'s names (and none of `src`'s) move.
    Then evidence from documents that mention `dst` but no longer `src` moves
    to the fact that says the same about `dst` (found by content key, or made
    as a copy); a fact left with all its evidence moved is re-pointed whole.
    """
    src_keys = {r.key for r in conn.execute(sa.select(names.c.key).where(names.c.entity_id == src))}
    dst_keys = {r.key for r in conn.execute(sa.select(names.c.key).where(names.c.entity_id == dst))} - src_keys
    to_move = [m.id for m in conn.execute(sa.select(mentions.c.id, mentions.c.text).where(mentions.c.entity_id == src))
               if name_key(m.text) in dst_keys]
    for chunk in dialects.chunked(to_move):
        conn.execute(mentions.update().where(mentions.c.id.in_(_many(chunk))).values(entity_id=dst))

    def docs_of(entity_id: int) -> set[int]:
        return {r.document_id for r in conn.execute(
            sa.select(mentions.c.document_id).where(mentions.c.entity_id == entity_id).distinct())}

    only_dst = docs_of(dst) - docs_of(src)
    if not only_dst:
        return
    fact_ids = [r.id for r in conn.execute(sa.select(facts.c.id).where(sa.or_(
        facts.c.subject_id == src, facts.c.object_id == src,
        facts.c.id.in_(sa.select(fact_qualifiers.c.fact_id).where(fact_qualifiers.c.entity_id == src)))))]
    for fid in fact_ids:
        evs = conn.execute(sa.select(evidence).where(evidence.c.fact_id == fid)).all()
        moving = [e for e in evs if e.document_id in only_dst]
        if not moving:
            continue
        if len(moving) == len(evs):   # every document behind it is about `dst`: re-point the fact itself
            conn.execute(facts.update().where(facts.c.id == fid, facts.c.subject_id == src).values(subject_id=dst))
            conn.execute(facts.update().where(facts.c.id == fid, facts.c.object_id == src).values(object_id=dst))
            conn.execute(fact_qualifiers.update().where(fact_qualifiers.c.fact_id == fid,
                                                        fact_qualifiers.c.entity_id == src).values(entity_id=dst))
            _rekey(conn, [fid], [])
            continue
        subject_id, predicate, obj, quals = _fact_terms(conn, fid)
        swap = (lambda x: dst if x == src else x)
        obj = (swap(obj[0]), *obj[1:])
        quals = {p: (swap(q[0]), *q[1:]) for p, q in quals.items()}
        key = content_key(swap(subject_id), predicate, obj, quals)
        twin = conn.execute(sa.select(facts.c.id).where(facts.c.content_key == key)).first()
        if twin is None:
            row = _fact_row(conn, fid)
            twin_id = conn.execute(facts.insert().values(
                subject_id=swap(subject_id), predicate=predicate, label=row.label, object_id=obj[0], value=obj[1],
                datatype=obj[2], unit=obj[3], content_key=key, confidence=max(e.confidence for e in moving),
                status="asserted", created_at=utcnow())).inserted_primary_key[0]
            if quals:
                conn.execute(fact_qualifiers.insert(), [dict(fact_id=twin_id, property=p, entity_id=q[0], value=q[1],
                                                             datatype=q[2], unit=q[3]) for p, q in quals.items()])
        else:
            twin_id = twin.id
        have = {(r.document_id, r.start, r.end) for r in conn.execute(
            sa.select(evidence).where(evidence.c.fact_id == twin_id))}
        for e in moving:
            if (e.document_id, e.start, e.end) in have:
                conn.execute(evidence.delete().where(evidence.c.id == e.id))
            else:
                conn.execute(evidence.update().where(evidence.c.id == e.id).values(fact_id=twin_id))
        best = sa.select(sa.func.max(evidence.c.confidence)).where(evidence.c.fact_id == facts.c.id).scalar_subquery()
        conn.execute(facts.update().where(facts.c.id.in_([fid, twin_id])).values(confidence=best))


def _unsplit(conn: Connection, p: dict[str, Any]) -> None:
    old_id, new_id = p["entity_id"], p["new_id"]
    _entity_row(conn, old_id)
    _entity_row(conn, new_id)
    conn.execute(resolution_rules.delete().where(resolution_rules.c.id.in_(p["rules"] or [0])))
    _repoint(conn, new_id, old_id)   # also carries whatever later ingests attached to the new entity
    for name_id, flag in p["canonical"].items():
        conn.execute(names.update().where(names.c.id == int(name_id), names.c.entity_id == old_id)
                     .values(canonical=flag))
    _fix_canonical(conn, old_id)
    conn.execute(entities.update().where(entities.c.id == old_id).values(name=p["old_name"]))
    conn.execute(entities.delete().where(entities.c.id == new_id))
    _refresh_keys(conn, old_id)
