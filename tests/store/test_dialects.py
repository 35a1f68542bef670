"""Dialect helpers: LIKE escaping, insert-or-ignore and chunking behave the same on every backend."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reelgraph.store import dialects
from reelgraph.store.schema import entities, entity_keys, utcnow


def test_contains_treats_wildcards_literally(store):
    with store._write() as conn:
        conn.execute(entities.insert(), [dict(type="Other", name=n, created_at=utcnow())
                                         for n in ("100% Wolf", "1000 Wolves", "a_b", "axb")])
    with store.read() as conn:
        def hits(needle):
            return sorted(r.name for r in conn.execute(
                sa.select(entities.c.name).where(dialects.contains(entities.c.name, needle))))
        assert hits("100%") == ["100% Wolf"]
        assert hits("a_b") == ["a_b"]


def test_insert_ignore_skips_duplicates(store):
    with store._write() as conn:
        eid = conn.execute(entities.insert().values(type="Film", name="x", created_at=utcnow())).inserted_primary_key[0]
        dialects.insert_ignore(conn, entity_keys, [dict(entity_id=eid, key="k1"), dict(entity_id=eid, key="k2")])
        dialects.insert_ignore(conn, entity_keys, [dict(entity_id=eid, key="k1"), dict(entity_id=eid, key="k3")])
    with store.read() as conn:
        assert sorted(r.key for r in conn.execute(sa.select(entity_keys.c.key))) == ["k1", "k2", "k3"]


def test_chunked_covers_every_item_once():
    items = list(range(1234))
    chunks = list(dialects.chunked(items, 500))
    assert [len(c) for c in chunks] == [500, 500, 234]
    assert sum(chunks, []) == items


def test_name_search_on_postgresql_is_served_by_the_trigram_index(store):
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite searches keys with LIKE; the trigram index is PostgreSQL's")
    from reelgraph.store.schema import names

    with store._write() as conn:
        eid = conn.execute(entities.insert().values(type="Person", name="x", created_at=utcnow())).inserted_primary_key[0]
        conn.execute(names.insert(), [dict(entity_id=eid, name=f"n{i}", key=f"name {i} kovacic", lang="en",
                                           canonical=False) for i in range(200)])
    with store.read() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")   # a tiny table: make the planner show what it can use
        where, _order = dialects.key_search(conn, names.c.key, "kovacich")
        query = sa.select(names.c.id).where(where)
        compiled = query.compile(dialect=conn.dialect)
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + compiled.string, compiled.params))
        assert "ix_names_key_trgm" in plan, plan
        assert len(conn.execute(query).all()) == 200
