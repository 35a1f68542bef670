"""Writers at once queue instead of failing, duplicating or losing facts: threads of one process
(the CLI and the API on one database) and separate OS processes opening a new database together."""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import sqlalchemy as sa

from reelgraph import query
from reelgraph.model import Extraction, Term
from reelgraph.store import name_key, open_store
from reelgraph.store.schema import entities

# Every process must have answered by then; a hang (e.g. a migration stuck behind a connection
# left idle in its transaction) fails the test instead of stalling the suite.
PROCESS_TIMEOUT = 120


def test_parallel_ingests_of_related_articles_make_one_entity_each(db_url, articles):
    jobs = [articles["premiere"](), articles["interview"]()] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        def ingest(ex):
            with open_store(db_url) as s:
                return s.ingest(ex).status
        statuses = list(pool.map(ingest, jobs))
    assert sorted(statuses) == ["stored"] * 2 + ["unchanged"] * 4
    with open_store(db_url) as s:
        assert s.stats()["documents"] == 2
        assert len(query.find_entities(s, "Silver Harbour")) == 1
        assert len(query.find_entities(s, "Anja Kovacic")) == 1


def _six_articles(build) -> list[Extraction]:
    """Six short articles of our own sharing a film, people, a company and a city.

    Shared entities are spelled alike (or differ only by accents), so which
    article comes first never changes what matches what, and one process in
    any order gives the graph four processes must give.
    """
    date = Term(value="2024-03-12", datatype="date")
    return [
        build("news/harbour-premiere.txt",
              "Silver Harbour, directed by Anja Kovačić, premiered in Prague on 12 March 2024.",
              [("e1", "Film", "Silver Harbour", []), ("e2", "Person", "Anja Kovačić", []),
               ("e3", "City", "Prague", [])],
              [("e1", "P57", "director", "e2", {}, 0.9, "directed by Anja Kovačić"),
               ("e1", "P1191", "date of first performance", date, {"P131": "e3"}, 0.85,
                "premiered in Prague on 12 March 2024")]),
        build("news/harbour-cast.txt", "Anja Kovacic cast Tomas Lindqvist in Silver Harbour.",
              [("e1", "Person", "Anja Kovacic", []), ("e2", "Person", "Tomas Lindqvist", []),
               ("e3", "Film", "Silver Harbour", [])],
              [("e3", "P161", "cast member", "e2", {}, 0.8, "cast Tomas Lindqvist in Silver Harbour")]),
        build("news/harbour-company.txt",
              "Northlight Pictures produced Silver Harbour, starring Tomas Lindqvist.",
              [("e1", "Organization", "Northlight Pictures", []), ("e2", "Film", "Silver Harbour", []),
               ("e3", "Person", "Tomas Lindqvist", [])],
              [("e2", "P272", "production company", "e1", {}, 0.7, "Northlight Pictures produced Silver Harbour"),
               ("e2", "P161", "cast member", "e3", {}, 0.75, "Silver Harbour, starring Tomas Lindqvist")]),
        build("news/orchard-announced.txt", "Anja Kovačić will direct Winter Orchard for Northlight Pictures.",
              [("e1", "Person", "Anja Kovačić", []), ("e2", "Film", "Winter Orchard", []),
               ("e3", "Organization", "Northlight Pictures", [])],
              [("e2", "P57", "director", "e1", {}, 0.8, "Anja Kovačić will direct Winter Orchard"),
               ("e2", "P272", "production company", "e3", {}, 0.6, "Winter Orchard for Northlight Pictures")]),
        build("news/orchard-cast.txt", "Winter Orchard stars Mira Sand and Tomas Lindqvist.",
              [("e1", "Film", "Winter Orchard", []), ("e2", "Person", "Mira Sand", []),
               ("e3", "Person", "Tomas Lindqvist", [])],
              [("e1", "P161", "cast member", "e2", {}, 0.8, "Winter Orchard stars Mira Sand"),
               ("e1", "P161", "cast member", "e3", {}, 0.8, "stars Mira Sand and Tomas Lindqvist")]),
        build("news/sand-profile.txt", "Mira Sand was born in Prague and lives there still.",
              [("e1", "Person", "Mira Sand", []), ("e2", "City", "Prague", [])],
              [("e1", "P19", "place of birth", "e2", {}, 0.9, "Mira Sand was born in Prague")]),
    ]


# Four overlapping "folders": every article is in two of them, in different orders.
FOLDERS = [(0, 1, 2), (3, 2, 1), (3, 4, 5), (5, 0, 4)]


def _ingest_in_process(url: str, extractions: list[Extraction], start: Any, results: Any) -> None:
    """One OS process: wait for the others, open the (new) store, ingest its folder, report."""
    try:
        start.wait(timeout=PROCESS_TIMEOUT)   # all four open the new database at the same moment
        with open_store(url) as store:
            results.put(("ok", [store.ingest(ex).status for ex in extractions]))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _entity_keys(store) -> Counter:
    with store.read() as conn:
        return Counter((r.type, name_key(r.name)) for r in conn.execute(sa.select(entities.c.type, entities.c.name)))


def test_four_processes_on_overlapping_folders_give_the_counts_of_one(db_url, articles, tmp_path):
    arts = _six_articles(articles["build"])
    ctx = multiprocessing.get_context("spawn")   # fresh interpreters, as four CLI runs would be
    start, results = ctx.Barrier(len(FOLDERS)), ctx.Queue()
    procs = [ctx.Process(target=_ingest_in_process, args=(db_url, [arts[i] for i in folder], start, results),
                         daemon=True) for folder in FOLDERS]
    for proc in procs:
        proc.start()
    try:
        outcomes = [results.get(timeout=PROCESS_TIMEOUT) for _ in procs]
    except queue.Empty:
        pytest.fail(f"an ingest process gave no answer within {PROCESS_TIMEOUT} s (hung?)")
    finally:
        for proc in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
                proc.join()
    errors = [detail for kind, detail in outcomes if kind == "error"]
    assert not errors, errors[0]
    assert [proc.exitcode for proc in procs] == [0] * len(procs)
    statuses = Counter(s for _, got in outcomes for s in got)
    assert statuses == {"stored": len(arts), "unchanged": sum(map(len, FOLDERS)) - len(arts)}

    with open_store(f"sqlite:///{tmp_path / 'one.db'}") as one:
        for ex in arts:
            one.ingest(ex)
        want, want_keys = one.stats(), _entity_keys(one)
    with open_store(db_url) as four:
        got, got_keys = four.stats(), _entity_keys(four)
        assert got == want
        assert got_keys == want_keys
        assert max(got_keys.values()) == 1, "an entity was created twice"
        assert got["documents"] == len(arts)
        assert got["facts"] == sum(len(ex.facts) for ex in arts) - 1   # one P161 is told twice
        assert got["evidence"] == sum(len(ex.facts) for ex in arts)


def test_open_store_behind_a_stuck_migration_fails_instead_of_hanging(db_url, monkeypatch):
    """A peer idle in its transaction with the schema lock (the hang once seen in
    `CREATE TABLE alembic_version`) makes `open_store` a StoreError after the lock timeout."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite's writers wait out their busy timeout (30 s) on the file lock instead")
    from reelgraph.errors import StoreError
    from reelgraph.store import dialects

    open_store(db_url).close()
    monkeypatch.setattr(dialects, "_SCHEMA_TIMEOUT", "1s")
    stuck = dialects.create_engine(db_url)
    try:
        with stuck.connect() as conn, conn.begin():
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": dialects._SCHEMA_LOCK})
            with pytest.raises(StoreError, match="cannot open the store: LockNotAvailable: .*lock timeout"):
                open_store(db_url)
    finally:
        stuck.dispose()
    open_store(db_url).close()   # once the peer is gone, the store opens again
