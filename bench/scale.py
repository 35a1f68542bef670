"""Scale: extraction single process vs Spark local[2]; SQLite vs PostgreSQL ingest and queries.

    .venv/bin/python bench/scale.py                       # 2,000 documents, graphs of 100k and 1M facts
    .venv/bin/python bench/scale.py --docs 400 --facts 100000 --single-docs 200

1. Documents: samples/corpus (all languages) and ../shared/corpus/* repeated
   with a numbered last line, so every copy has its own hash, up to --docs.
   Single process: read_path + extract per file, as `reelgraph extract` does,
   after a warm-up (models loaded). Spark: `run_batch` on local[2] (models load
   in each worker, counted) over the same folder.
2. Ingest: the Spark job's extractions stored by `Store.ingest` into an empty
   SQLite file and an empty PostgreSQL database (--ingest-docs of them).
3. Queries: a synthetic graph (names of our own from random syllables) bulk
   inserted into both stores, first --facts-small then grown to --facts facts;
   p50/p95 of `query.search` and `query.entity_card` at each size.

PostgreSQL is `$REELGRAPH_TEST_PG_URL`, else a throw-away server started (and
stopped) with scripts/pg-test-server. Prints figures; asserts nothing. The
machine's load average is printed beside them: other work on the machine slows
every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

import sqlalchemy as sa

from reelgraph import query
from reelgraph.store import open_store
from reelgraph.store.dialects import scratch_database
from reelgraph.store.schema import (documents, entities, evidence, fact_qualifiers, facts, mentions, names,
                                    resolutions, utcnow)
from reelgraph.store.store import content_key, name_key

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SOURCES = [REPO / "samples" / "corpus", SHARED / "corpus"]


def say(text: str) -> None:
    """A figure line, with the load average it was measured under."""
    load = os.getloadavg()[0]
    print(f"{text}   [load {load:.1f}]", flush=True)


# ---------------------------------------------------------------- 1. documents

def base_texts() -> list[tuple[str, str]]:
    """(relative name, text) of every sample and shared dev article."""
    out = []
    for root in SOURCES:
        for path in sorted(root.rglob("*.txt")) if root.is_dir() else []:
            if path.name.startswith("README"):
                continue
            out.append((f"{root.parent.name}-{path.parent.name}-{path.name}", path.read_text(encoding="utf-8")))
    return out


def make_corpus(folder: Path, n: int) -> list[Path]:
    """`n` files: the base texts in turn, copy k ending with a line of its own number."""
    base = base_texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name, text = base[i % len(base)]
        copy = i // len(base)
        path = folder / f"{copy:04d}-{name}"
        path.write_text(text.rstrip("\n") + (f"\n\n{copy}\n" if copy else "\n"), encoding="utf-8")
        paths.append(path)
    return paths


def bench_single(paths: list[Path]) -> float:
    """docs/s of read + extract, one document after another, models warm."""
    from reelgraph.extract import extract
    from reelgraph.read import read_path

    for lang_path in {read_path(p).language: p for p in paths[:100]}.values():
        extract(read_path(lang_path))           # load each language's models before timing
    start = time.perf_counter()
    for p in paths:
        extract(read_path(p))
    elapsed = time.perf_counter() - start
    say(f"single process extract: {len(paths)} docs in {elapsed:7.1f} s = {len(paths) / elapsed:6.2f} docs/s")
    return elapsed


def bench_spark(folder: Path, out: Path, n: int) -> list[str]:
    """docs/s of the Spark job on local[2]; returns the extraction JSON lines in document order."""
    from reelgraph.batch.spark import run_batch, spark_session

    start = time.perf_counter()
    spark = spark_session("local[2]", app_name="reelgraph-bench")
    started = time.perf_counter()
    try:
        result = run_batch(str(folder), str(out), spark=spark)
    finally:
        spark.stop()
    end = time.perf_counter()
    say(f"spark local[2] batch:   {result.documents} docs in {end - started:7.1f} s = "
        f"{result.documents / (end - started):6.2f} docs/s (extract, write, resolve: {result.clusters} "
        f"clusters in {result.rounds} rounds; session start {started - start:.1f} s more)")
    say("spark phases: " + ", ".join(f"{phase} {sec:.1f} s" for phase, sec in result.seconds.items()))
    if result.failed:
        say(f"spark: {len(result.failed)} failed, first: {result.failed[0]}")
    return [line for part in sorted(out.glob("part-*")) for line in part.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------- 2. ingest

def bench_ingest(label: str, url: str, lines: list[str]) -> None:
    from reelgraph.batch.spark import load

    start = time.perf_counter()
    counts = load(lines, url)
    elapsed = time.perf_counter() - start
    with open_store(url) as store:
        stats = store.stats()
    say(f"{label:10s} ingest: {len(lines)} docs in {elapsed:7.1f} s = {len(lines) / elapsed:6.2f} docs/s "
        f"({counts}; {stats['entities']} entities, {stats['facts']} facts)")


# ---------------------------------------------------------------- 3. a synthetic graph

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["sha", "cho", "lin", "mar", "tor", "vel"]
FILM_WORDS = ["Harbour", "Winter", "Glass", "River", "Lantern", "Orchard", "Signal", "Meridian", "Copper",
              "Ember", "Tide", "Quarry", "Falcon", "Velvet", "Atlas", "Hollow", "Static", "Saffron"]
PREDICATES = [("P161", "cast member"), ("P57", "director"), ("P58", "screenwriter"), ("P162", "producer"),
              ("P272", "production company"), ("P915", "filming location"), ("P495", "country of origin")]
FACTS_PER_ENTITY = 5          # a film's cast, crew and places; a person in several films


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def _name(rng: random.Random, type_: str) -> str:
    if type_ == "Film":
        return f"{rng.choice(FILM_WORDS)} of {_word(rng)}"
    if type_ == "Organization":
        return f"{_word(rng)} Pictures"
    return f"{_word(rng)} {_word(rng)}"


def synthetic_graph(first_fact: int, last_fact: int, e0: int, d0: int, rng: random.Random) -> dict[sa.Table, list[dict[str, Any]]]:
    """Rows for facts [first_fact, last_fact) with their entities, documents and evidence.

    Entity ids start at `e0`, document ids at `d0`, fact ids at first_fact + 1.
    One entity per FACTS_PER_ENTITY facts (a fifth films); each film takes cast
    and crew from its own block and, one fact in ten, from any earlier block,
    so older entities gain facts as the graph grows.
    """
    n_facts = last_fact - first_fact
    n_ents = n_facts // FACTS_PER_ENTITY
    n_docs = max(1, n_facts // 20)
    now = utcnow()
    types = ["Film" if i % 5 == 0 else "Organization" if i % 25 == 1 else "City" if i % 25 == 2 else "Person"
             for i in range(n_ents)]
    ent_names = [_name(rng, t) for t in types]
    rows: dict[sa.Table, list[dict[str, Any]]] = {}
    rows[documents] = [dict(id=d0 + i, hash=uuid.UUID(int=rng.getrandbits(128)).hex * 2, source=f"synthetic/{d0 + i}.txt",
                            title=f"News {d0 + i}", title_key=f"news {d0 + i}", language="en",
                            text=f"Synthetic article {d0 + i}.", ingested_at=now) for i in range(n_docs)]
    rows[entities] = [dict(id=e0 + i, type=t, name=n, created_at=now) for i, (t, n) in enumerate(zip(types, ent_names))]
    rows[names] = ([dict(entity_id=e0 + i, name=n, key=name_key(n), lang="en", canonical=True)
                    for i, n in enumerate(ent_names)]
                   + [dict(entity_id=e0 + i, name=n.split()[-1], key=name_key(n.split()[-1]), lang="en",
                           canonical=False) for i, n in enumerate(ent_names) if types[i] == "Person" and i % 3 == 0])
    rows[resolutions] = [dict(entity_id=e0 + i, document_id=d0 + (i % n_docs), name=n, kind="new", reasons=[], at=now)
                         for i, n in enumerate(ent_names)]
    rows[mentions] = [dict(document_id=d0 + (i % n_docs), entity_id=e0 + i, start=0, end=len(n), text=n)
                      for i, n in enumerate(ent_names)]
    films = [i for i, t in enumerate(types) if t == "Film"] or [0]
    others = [i for i, t in enumerate(types) if t != "Film"] or [0]
    fact_rows, quals, ev = [], [], []
    for k in range(n_facts):
        fid = first_fact + k + 1
        subject = e0 + films[k % len(films)]
        pid, label = PREDICATES[k % len(PREDICATES)]
        obj = e0 + rng.choice(others) if e0 == 1 or rng.random() > 0.1 else rng.randrange(1, e0)
        fact_rows.append(dict(id=fid, subject_id=subject, predicate=pid, label=label, object_id=obj,
                              content_key=content_key(subject, pid, (obj, None, None, None), {"synthetic": (fid,)}),
                              confidence=0.8, status="asserted", created_at=now))
        if pid == "P161" and k % 2 == 0:
            quals.append(dict(fact_id=fid, property="P453", value=_word(rng), datatype="string"))
        ev.append(dict(fact_id=fid, document_id=d0 + (k % n_docs), start=0, end=20, text="synthetic evidence",
                       confidence=0.8))
    rows[facts], rows[fact_qualifiers], rows[evidence] = fact_rows, quals, ev
    return rows


def bulk_insert(url: str, rows: dict[sa.Table, list[dict[str, Any]]]) -> None:
    """Insert the rows of `synthetic_graph` in one transaction (PostgreSQL: sequences moved, then ANALYZE)."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for table, table_rows in rows.items():
            _insert(conn, table, table_rows)
        if conn.dialect.name == "postgresql":     # explicit ids: move the sequences past them
            for table in rows:
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                     f"(SELECT max(id) FROM {table.name}))")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Rows straight to the driver (COPY on PostgreSQL, executemany on SQLite): a bulk load, not the ingest path."""
    if not rows:
        return
    cols = list(rows[0])
    quoted = ", ".join(f'"{c}"' for c in cols)

    def cell(v: Any, sqlite: bool) -> Any:
        if isinstance(v, list):
            return json.dumps(v)
        if sqlite and isinstance(v, datetime):
            return v.strftime("%Y-%m-%d %H:%M:%S.%f")     # SQLAlchemy's SQLite DateTime format
        return v

    if conn.dialect.name == "postgresql":
        with conn.connection.driver_connection.cursor() as cur:
            with cur.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                for r in rows:
                    copy.write_row([cell(r[c], False) for c in cols])
    else:
        conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(cols))})',
                             [tuple(cell(r[c], True) for c in cols) for r in rows])


def percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms"


def bench_queries(label: str, url: str, n_entities: int, queries: int, rng: random.Random) -> None:
    """p50/p95 of search (exact names, surnames, fragments) and entity_card (random entities)."""
    with open_store(url) as store:
        stats = store.stats()
        ids = [rng.randrange(1, n_entities + 1) for _ in range(queries)]
        with store.read() as conn:
            sample = [r.name for r in conn.execute(sa.select(names.c.name).where(names.c.entity_id.in_(ids[:queries // 2])))]
        terms = [(n if i % 3 == 0 else n.split()[-1] if i % 3 == 1 else n[1:5]) for i, n in enumerate(sample)]
        for t in terms[:5]:
            query.search(store, t)            # warm caches
        timed: dict[str, list[float]] = {"search": [], "entity_card": []}
        for t in terms:
            start = time.perf_counter()
            query.search(store, t)
            timed["search"].append(time.perf_counter() - start)
        facts_seen = 0
        for eid in ids:
            start = time.perf_counter()
            card = query.entity_card(store, eid)
            timed["entity_card"].append(time.perf_counter() - start)
            facts_seen += len(card["facts_out"]) + len(card["facts_in"])
    say(f"{label:10s} {stats['facts']:>8d} facts: search      {percentiles(timed['search'])} ({len(terms)} queries)")
    say(f"{label:10s} {stats['facts']:>8d} facts: entity_card {percentiles(timed['entity_card'])} "
        f"({len(ids)} cards, {facts_seen / len(ids):.1f} facts each)")


# ---------------------------------------------------------------- servers

@contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server: $REELGRAPH_TEST_PG_URL, or a throw-away one run for this bench."""
    url = os.environ.get("REELGRAPH_TEST_PG_URL")
    if url:
        yield url
        return
    script = REPO / "scripts" / "pg-test-server"
    subprocess.run([str(script), "start"], check=True)
    try:
        yield (REPO / ".pg" / "url").read_text().strip()
    finally:
        subprocess.run([str(script), "stop"], check=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="documents for the Spark job")
    ap.add_argument("--single-docs", type=int, default=None, help="documents for the single process (default --docs)")
    ap.add_argument("--ingest-docs", type=int, default=300, help="extractions ingested into each store")
    ap.add_argument("--facts-small", type=int, default=100_000, help="facts of the first synthetic graph")
    ap.add_argument("--facts", type=int, default=1_000_000, help="facts the synthetic graph grows to")
    ap.add_argument("--queries", type=int, default=200, help="queries of each kind per store and size")
    ap.add_argument("--parts", default="extract,ingest,queries", help="which parts to run (comma-separated)")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    work = Path(tempfile.mkdtemp(prefix="reelgraph-scale-"))
    say(f"bench/scale.py on {os.cpu_count()} cores, work folder {work}")
    try:
        lines: list[str] = []
        if "extract" in parts:
            paths = make_corpus(work / "corpus", args.docs)
            single = min(args.single_docs or args.docs, len(paths))
            bench_single(paths[::max(1, len(paths) // single)][:single])
            lines = bench_spark(work / "corpus", work / "out", args.docs)
        elif "ingest" in parts:
            from reelgraph.extract import extract
            from reelgraph.read import read_path
            lines = [json.dumps(extract(read_path(p)).to_json(), ensure_ascii=False)
                     for p in make_corpus(work / "corpus", args.ingest_docs)]
        if not parts & {"ingest", "queries"}:
            return
        with postgres_server() as server:
            if "ingest" in parts:
                with scratch_database(server) as pg:
                    bench_ingest("sqlite", f"sqlite:///{work / 'ingest.db'}", lines[:args.ingest_docs])
                    bench_ingest("postgresql", pg, lines[:args.ingest_docs])
            if "queries" in parts:
                with scratch_database(server) as pg_graph:
                    stores = (("sqlite", f"sqlite:///{work / 'graph.db'}"), ("postgresql", pg_graph))
                    for _, url in stores:
                        open_store(url).close()
                    done, n_entities = 0, 0
                    for size in sorted({args.facts_small, args.facts}):
                        rows = synthetic_graph(done, size, n_entities + 1, done // 20 + 1, random.Random(size))
                        for label, url in stores:
                            start = time.perf_counter()
                            bulk_insert(url, rows)
                            say(f"{label:10s} bulk insert of {size - done} more facts: "
                                f"{time.perf_counter() - start:6.1f} s")
                        n_entities += len(rows[entities])
                        done = size
                        del rows
                        for label, url in stores:
                            bench_queries(label, url, n_entities, args.queries, random.Random(size + 1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
