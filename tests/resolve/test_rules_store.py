"""Must-link rules at ingest: a manual merge of a surname alias does not pull a later namesake in."""

from __future__ import annotations

import sqlalchemy as sa

from reelgraph.store.schema import names, resolutions


def _entities_of(store, name: str) -> set[int]:
    with store.read() as conn:
        return {r.entity_id for r in conn.execute(sa.select(names.c.entity_id).where(names.c.name == name))}


def test_merging_a_surname_alias_does_not_pull_a_later_namesake(store, articles) -> None:
    build = articles["build"]
    store.ingest(build("a.txt", "Ivan Smirnov and Pavel Smirnov spoke.",
                       [("e1", "Person", "Ivan Smirnov", []), ("e2", "Person", "Pavel Smirnov", [])], []))
    store.ingest(build("b.txt", "Smirnov spoke.", [("e1", "Person", "Smirnov", [])], []))
    [ivan], [smirnov] = _entities_of(store, "Ivan Smirnov"), _entities_of(store, "Smirnov")
    assert ivan != smirnov          # two Smirnovs known: a lone surname stays apart
    store.merge_entities(ivan, smirnov, "tester")
    # a later article: a different Smirnov, also called by her surname
    store.ingest(build("c.txt", "Anna Smirnov, or Smirnov, spoke.", [("e1", "Person", "Anna Smirnov", ["Smirnov"])], []))
    assert _entities_of(store, "Anna Smirnov") != {ivan}
    # the lone surname alone still follows the curator's merge
    store.ingest(build("d.txt", "Smirnov spoke again.", [("e1", "Person", "Smirnov", [])], []))
    with store.read() as conn:
        kinds = [r.kind for r in conn.execute(sa.select(resolutions.c.kind).where(resolutions.c.entity_id == ivan,
                                                                                   resolutions.c.name == "Smirnov"))]
    assert "must_link" in kinds
