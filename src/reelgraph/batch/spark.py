"""Extraction, resolution and loading as a pyspark job.

The job runs the very functions the single-machine path runs
(`read.read_bytes`, `extract.extract`, `resolve.keys.blocking_keys`,
`resolve.compare.best_match`, `Store.ingest`); Spark only decides where.

1. Documents are read as a DataFrame of files (`binaryFile`), one row each.
2. `mapPartitions` extracts: the NLP models load once per executor process
   (module-level caches in the extractors) and serve every row of the partition.
3. Output: the contract's JSON Lines (one part file per partition) or Parquet.
4. Cross-document resolution as Spark joins: every entity is exploded to its
   blocking keys, a self-join on the key gives candidate pairs (never all
   pairs), the pairs are scored by `best_match` and the matches joined into
   clusters. The clusters are written beside the extractions
   (`OUTPUT/_clusters`), a record of which names one real thing has.
5. Load: the extractions are ingested in source order into the store, whose
   own ingest-time resolution then gives exactly the graph the single-machine
   path gives for the same files.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Iterable, Iterator

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class BatchResult:
    """What a batch run did."""

    documents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)   # (source, problem)
    clusters: int = 0
    stored: dict[str, int] = field(default_factory=dict)           # ingest status -> count


def spark_session(master: str = "local[2]", app_name: str = "reelgraph"):
    """A SparkSession sized for this job; settings explained beside each."""
    from pyspark.sql import SparkSession

    if master.startswith("local"):
        # Local workers run this very interpreter, so they import this very reelgraph.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app_name)
               # No web UI: batch jobs on a laptop or CI need no port of their own.
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               # Extraction is CPU-bound Python: one task per core, and Python workers reused
               # so each loads the NLP models once, not once per task.
               .config("spark.python.worker.reuse", "true")
               # Few, large partitions: model loading is the fixed cost per partition.
               .config("spark.sql.shuffle.partitions", "8")
               .config("spark.driver.memory", os.environ.get("REELGRAPH_SPARK_DRIVER_MEMORY", "2g")))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _source_name(uri: str, root_uri: str, root_arg: str) -> str:
    """Spark's file URI back to the path the single-machine CLI would report."""
    rel = uri[len(root_uri):].lstrip("/") if uri.startswith(root_uri) else uri
    return os.path.join(root_arg, rel) if rel else root_arg


def extract_partition(rows: Iterable, lang: str | None = None) -> Iterator[tuple[str, str | None, str | None]]:
    """(source, content) rows -> (source, extraction JSON or None, error or None)."""
    from reelgraph.errors import ReelgraphError
    from reelgraph.extract import extract
    from reelgraph.read import read_bytes

    for source, content in rows:
        try:
            doc = read_bytes(bytes(content), source, lang=lang)
            yield source, json.dumps(extract(doc).to_json(), ensure_ascii=False), None
        except ReelgraphError as err:
            yield source, None, str(err)


def entity_keys_partition(rows: Iterable) -> Iterator[tuple[str, str, str]]:
    """Extraction JSON rows -> (key, global entity id, profile JSON) per blocking key."""
    from reelgraph.resolve.keys import blocking_keys

    for source, payload in rows:
        obj = json.loads(payload)
        lang = obj["document"].get("language") or "en"
        ents = {e["id"]: e for e in obj["entities"]}
        keys_of = {eid: sorted(blocking_keys([e["name"], *e["aliases"]], e["type"], lang))
                   for eid, e in ents.items()}
        related: dict[str, set[str]] = {eid: set() for eid in ents}
        for f in obj["facts"]:
            o = f["object"].get("entity")
            if o in ents and f["subject"] in ents:
                related[f["subject"]].update(keys_of[o])
                related[o].update(keys_of[f["subject"]])
        for eid, e in ents.items():
            gid = f"{obj['document']['id']}/{eid}"
            profile = json.dumps({"id": gid, "type": e["type"], "names": [e["name"], *e["aliases"]],
                                  "lang": lang, "related": sorted(related[eid])}, ensure_ascii=False)
            for key in keys_of[eid]:
                yield key, gid, profile


def score_pairs_partition(rows: Iterable) -> Iterator[tuple[str, str, float]]:
    """Candidate pairs (profile JSON, profile JSON) -> the pairs best_match accepts."""
    from reelgraph.resolve.compare import EntityProfile, best_match

    def profile(text: str) -> EntityProfile:
        p = json.loads(text)
        return EntityProfile(p["id"], p["type"], p["names"], p["lang"], frozenset(p["related"]))

    for left, right in rows:
        a, b = profile(left), profile(right)
        match = best_match(a, [b])
        if match is not None:
            yield a.id, b.id, float(match.score)


def _components(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find over match edges: node -> cluster representative."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def run_batch(input_path: str, output_path: str, master: str = "local[2]", fmt: str = "jsonl",
              db_url: str | None = None, lang: str | None = None, spark=None) -> BatchResult:
    """Extract every document under `input_path` on Spark, write them to `output_path`,
    resolve entities across documents with joins, and load the result into `db_url`."""
    from pyspark.sql import functions as F

    from reelgraph.errors import InputError, UsageError

    if fmt not in ("jsonl", "parquet"):
        raise UsageError(f"unknown batch output format {fmt!r}: use jsonl or parquet")
    if not os.path.exists(input_path):
        raise InputError(input_path, "no such file or folder")
    own_session = spark is None
    spark = spark or spark_session(master)
    try:
        root_abs = os.path.abspath(input_path)
        files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(root_abs)
                 .where(F.lower(F.col("path")).rlike(r"\.(txt|md|html?)$")))
        root_uri = "file:" + root_abs if os.path.isdir(root_abs) else "file:" + os.path.dirname(root_abs)
        root_arg = input_path if os.path.isdir(root_abs) else os.path.dirname(input_path)
        rows = files.select("path", "content").rdd.map(
            lambda r: (_source_name(r.path, root_uri, root_arg), r.content))
        results = rows.mapPartitions(lambda it: extract_partition(it, lang)).cache()

        ok = results.filter(lambda r: r[1] is not None).map(lambda r: (r[0], r[1]))
        result = BatchResult()
        result.failed = results.filter(lambda r: r[2] is not None).map(lambda r: (r[0], r[2])).collect()
        for source, problem in result.failed:
            log.error("%s", problem)

        docs = spark.createDataFrame(ok, "source string, extraction string")
        if fmt == "jsonl":
            docs.select("extraction").write.mode("overwrite").text(output_path)
        else:
            docs.write.mode("overwrite").parquet(output_path)
        result.documents = docs.count()

        # Resolution: self-join on blocking keys, score each candidate pair once.
        keyed = spark.createDataFrame(ok.mapPartitions(entity_keys_partition), "key string, gid string, profile string")
        left, right = keyed.alias("l"), keyed.alias("r")
        pairs = (left.join(right, (F.col("l.key") == F.col("r.key")) & (F.col("l.gid") < F.col("r.gid")))
                 .select(F.col("l.gid").alias("a"), F.col("r.gid").alias("b"),
                         F.col("l.profile").alias("pa"), F.col("r.profile").alias("pb"))
                 .dropDuplicates(["a", "b"]))
        matches = pairs.select("pa", "pb").rdd.map(tuple).mapPartitions(score_pairs_partition)
        clusters = _components((a, b) for a, b, _ in matches.toLocalIterator())
        members: dict[str, list[str]] = {}
        for gid, rep in clusters.items():
            members.setdefault(rep, []).append(gid)
        result.clusters = len(members)
        cluster_rows = [(rep, json.dumps(sorted(ids))) for rep, ids in sorted(members.items())]
        spark.createDataFrame(cluster_rows, "cluster string, members string") \
            .write.mode("overwrite").json(os.path.join(output_path, "_clusters"))

        if db_url is not None:
            result.stored = load(ok.sortByKey().values().toLocalIterator(), db_url)
        return result
    finally:
        if own_session:
            spark.stop()


def load(extractions: Iterable[str], db_url: str) -> dict[str, int]:
    """Ingest extraction JSON strings, in the order given, into the store at `db_url`."""
    from reelgraph.model import Extraction
    from reelgraph.store import open_store

    store = open_store(db_url)
    counts: dict[str, int] = {}
    for payload in extractions:
        status = store.ingest(Extraction.from_json(json.loads(payload))).status
        counts[status] = counts.get(status, 0) + 1
    return counts
