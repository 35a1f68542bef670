"""Extraction, resolution and loading as a pyspark job.

The job runs the very functions the single-machine path runs
(`read.read_bytes`, `extract.extract`, `resolve.keys.blocking_keys`,
`resolve.cluster.resolve_all`, `Store.ingest`); Spark only decides where.

1. Documents are read as a DataFrame of files (`binaryFile`), one row each;
   hidden files and other suffixes are skipped as `read.iter_paths` skips them.
2. `mapPartitions` extracts: the NLP models load once per executor process
   (module-level caches in the extractors, Python workers reused) and serve
   every row of the partition.
3. Output: the contract's JSON Lines (one part file per partition), or
   Parquet with the same JSON in an `extraction` column beside a few columns
   to filter on.
4. Cross-document resolution as Spark joins: every document entity becomes a
   resolution profile, exploded to its blocking keys; connected components of
   the "shares a key" graph are found by min-label propagation (a join and a
   group-by per round), and each component is resolved by `resolve_all` in one
   task. No pair of entities without a common key is ever compared, and since
   `resolve_all` only relates profiles that share a key, resolving component by
   component gives exactly the groups it gives over all profiles at once. The
   groups are written to `OUTPUT/_clusters` (JSON Lines): which document
   entities are one real thing.
5. Load: the extractions are ingested in the order `reelgraph ingest` would
   read the same files, so the store's own ingest-time resolution (which also
   obeys curators' merge and split rules) gives exactly the graph the
   single-machine path gives. The store takes one writer at a time, so the
   load runs on the driver.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from reelgraph.errors import InputError, ReelgraphError, StoreError, UsageError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from reelgraph.model import Extraction
    from reelgraph.resolve.compare import EntityProfile

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "parquet")
# A document entity's global id is doc_number << ENTITY_BITS | entity_number: one
# sortable 64-bit integer, in the order the single-machine path meets entities.
ENTITY_BITS = 20
# Label propagation stops here even if labels still move; a real component graph
# settles in a handful of rounds (its diameter), so reaching this means a bug.
MAX_ROUNDS = 50


@dataclass
class BatchResult:
    """What a batch run did."""

    documents: int = 0                                             # extracted and written
    failed: list[tuple[str, str]] = field(default_factory=list)   # (source, problem)
    clusters: int = 0                                              # entities after cross-document resolution
    rounds: int = 0                                                # label-propagation rounds
    stored: dict[str, int] = field(default_factory=dict)           # ingest status -> count
    seconds: dict[str, float] = field(default_factory=dict)        # wall time of extract, write, resolve, load


def spark_session(master: str = "local[2]", app_name: str = "reelgraph") -> "SparkSession":
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
               .config("spark.sql.shuffle.partitions", os.environ.get("REELGRAPH_SPARK_SHUFFLE_PARTITIONS", "8"))
               .config("spark.driver.memory", os.environ.get("REELGRAPH_SPARK_DRIVER_MEMORY", "2g")))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# ---------------------------------------------------------------- reading

def _is_uri(path: str) -> bool:
    return "://" in path


def _html_flag(source: str) -> bool | None:
    """What `read.read_path` decides from the suffix: HTML, plain text, or sniff."""
    from reelgraph.read import HTML_SUFFIXES

    suffix = os.path.splitext(source)[1].lower()
    return True if suffix in HTML_SUFFIXES else False if suffix in (".txt", ".md") else None


def input_files(spark: "SparkSession", input_path: str) -> "DataFrame":
    """The documents under `input_path` as a DataFrame (order, source, content).

    `source` is the name `reelgraph ingest INPUT` gives the file (the argument
    joined with the path below it); `order` (the path's parts) sorts as that
    command walks a folder: depth first, names sorted. A cluster path
    (hdfs://, s3a://) keeps the full URI as its source.
    """
    from pyspark.sql import functions as F

    from reelgraph.read import SUFFIXES

    if not _is_uri(input_path) and not os.path.exists(input_path):
        raise InputError(input_path, "no such file or directory")
    location = input_path if _is_uri(input_path) else os.path.abspath(input_path)
    # Hadoop's listing already leaves out names starting with "." (as iter_paths does) and "_".
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(location)
    if not _is_uri(input_path) and os.path.isfile(input_path):
        # A file named on its own is read whatever its name, as `reelgraph ingest FILE` reads it.
        return files.select(F.array(F.lit(os.path.basename(input_path))).alias("order"),
                            F.lit(input_path).alias("source"), "content")
    if _is_uri(input_path):
        relative, source = F.col("path"), F.col("path")
    else:
        # Local paths come back as `file:` + the absolute path, not percent-escaped.
        prefix = "file:" + location.rstrip("/") + "/"
        relative = F.expr(f"substring(path, {len(prefix) + 1})")
        source = F.concat(F.lit(os.path.join(input_path, "")), relative)
    suffix = "(" + "|".join(s.replace(".", r"\.") for s in SUFFIXES) + ")$"
    return (files.where(F.lower("path").rlike(suffix))
            .select(F.split(relative, "/").alias("order"), source.alias("source"), "content"))


# ---------------------------------------------------------------- extraction

def extract_partition(rows: Iterable[Any], lang: str | None = None) -> Iterator[tuple[tuple[str, ...], str, str | None, str | None, bool]]:
    """(order, source, content) rows -> (order, source, extraction JSON, problem, fatal).

    A document that cannot be read or extracted yields its problem and the
    partition goes on, as `reelgraph ingest` goes on; a problem every document
    would have (a missing model, a bad pattern file) is marked fatal.
    """
    from reelgraph.extract import extract
    from reelgraph.read import read_bytes

    for order, source, content in rows:
        order = tuple(order)
        try:
            doc = read_bytes(bytes(content), source, lang=lang, html=_html_flag(source))
            payload = json.dumps(extract(doc).to_json(), ensure_ascii=False)
        except (InputError, StoreError) as err:
            yield order, source, None, str(err), False
        except ReelgraphError as err:
            yield order, source, None, str(err), True
        except Exception as err:  # noqa: BLE001 - one broken document must not stop a batch
            log.exception("%s: extraction failed", source)
            yield order, source, None, f"{source}: internal error: {type(err).__name__}: {err}", False
        else:
            yield order, source, payload, None, False


# ---------------------------------------------------------------- resolution

def document_profiles(extraction: "Extraction", doc_number: int) -> list[tuple["EntityProfile", list[str]]]:
    """Each entity of one document as a resolution profile with its blocking keys.

    Profile ids are global (`doc_number << ENTITY_BITS | position`); `related`
    holds the keys of the entities a fact links it to (object or qualifier), as
    the store builds profiles at ingest.
    """
    from reelgraph.resolve.compare import EntityProfile
    from reelgraph.resolve.keys import blocking_keys

    lang = extraction.document.language or "en"
    if len(extraction.entities) >= 1 << ENTITY_BITS:
        raise UsageError(f"{extraction.document.source}: more than {1 << ENTITY_BITS} entities in one document")
    names = {e.id: list(dict.fromkeys([e.name, *e.aliases])) for e in extraction.entities}
    keys = {e.id: sorted(blocking_keys(names[e.id], e.type, lang)) for e in extraction.entities}
    related: dict[str, set[str]] = {e.id: set() for e in extraction.entities}
    for fact in extraction.facts:
        for term in (fact.object, *fact.qualifiers.values()):
            other = term.entity
            if other is not None and other in keys and fact.subject in keys:
                related[fact.subject].update(keys[other])
                related[other].update(keys[fact.subject])
    return [(EntityProfile(id=(doc_number << ENTITY_BITS) | i, type=e.type, names=names[e.id], lang=lang,
                           related=frozenset(related[e.id])), keys[e.id])
            for i, e in enumerate(extraction.entities)]


def _profile_rows(rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, list[str]]]:
    """(doc number, extraction JSON) -> (global id, profile JSON, keys) per entity."""
    from reelgraph.model import Extraction

    for doc_number, payload in rows:
        for p, keys in document_profiles(Extraction.from_json(json.loads(payload)), doc_number):
            yield p.id, json.dumps([p.type, p.names, p.lang, sorted(p.related)], ensure_ascii=False), keys


def _resolve_component(members: list[Any]) -> list[list[int]]:
    """One connected component's (gid, profile JSON) rows -> its groups, by `resolve_all`."""
    from reelgraph.resolve.cluster import resolve_all
    from reelgraph.resolve.compare import EntityProfile

    profiles = []
    for gid, text in sorted((m[0], m[1]) for m in members):    # global order, as one machine meets them
        type_, names, lang, related = json.loads(text)
        profiles.append(EntityProfile(id=gid, type=type_, names=names, lang=lang, related=frozenset(related)))
    return [sorted(int(g) for g in group) for group in resolve_all(profiles)]


def components(keyed: "DataFrame") -> tuple["DataFrame", int]:
    """Connected components of (gid, key) rows: entities linked when they share a key.

    Min-label propagation: each key takes the least label of its entities, each
    entity the least label of its keys, until no label moves. Returns (gid,
    label) for every gid with a key, and the number of rounds.
    """
    from pyspark.sql import functions as F

    labels = keyed.select("gid").distinct().withColumn("label", F.col("gid")).localCheckpoint()
    for rounds in range(1, MAX_ROUNDS + 1):
        by_key = keyed.join(labels, "gid").groupBy("key").agg(F.min("label").alias("label"))
        new = keyed.join(by_key, "key").groupBy("gid").agg(F.min("label").alias("label")).localCheckpoint()
        moved = new.alias("n").join(labels.alias("o"), "gid").where(F.col("n.label") != F.col("o.label")).count()
        labels = new
        if moved == 0:
            return labels, rounds
    log.warning("label propagation did not settle in %d rounds", MAX_ROUNDS)
    return labels, MAX_ROUNDS


def resolve_clusters(spark: "SparkSession", numbered: Any) -> tuple["DataFrame", int]:
    """(doc number, extraction JSON) RDD -> DataFrame of groups (members: array of gids), and rounds."""
    from pyspark.sql import functions as F

    profiles = spark.createDataFrame(numbered.mapPartitions(_profile_rows),
                                     "gid long, profile string, keys array<string>").cache()
    keyed = profiles.select("gid", F.explode("keys").alias("key"))
    labels, rounds = components(keyed)
    grouped = (profiles.join(labels, "gid", "left")
               .withColumn("label", F.coalesce("label", "gid"))       # no key: an entity of its own
               .groupBy("label").agg(F.collect_list(F.struct("gid", "profile")).alias("members")))
    groups = grouped.rdd.flatMap(lambda row: _resolve_component(row.members))
    return spark.createDataFrame(groups.map(lambda g: (g,)), "members array<long>"), rounds


# ---------------------------------------------------------------- the job

def run_batch(input_path: str, output_path: str, master: str = "local[2]", fmt: str = "jsonl",
              db_url: str | None = None, lang: str | None = None,
              spark: "SparkSession | None" = None) -> BatchResult:
    """Extract every document under `input_path` on Spark, write them to `output_path`,
    resolve entities across documents with joins, and load the result into `db_url`.

    `spark` reuses a running session (tests, notebooks); otherwise one is made
    for `master` and stopped at the end. `output_path` is replaced.
    """
    from pyspark.sql import functions as F

    if fmt not in FORMATS:
        raise UsageError(f"unknown batch output format {fmt!r}: use {' or '.join(FORMATS)}")
    if lang is not None:
        from reelgraph.read import LANGUAGES
        if lang not in LANGUAGES:
            raise UsageError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    own_session = spark is None
    spark = spark or spark_session(master)
    try:
        result = BatchResult()
        clock = time.perf_counter()
        files = input_files(spark, input_path)
        # Cached before sorting: sortByKey samples its input at once (extracting every
        # document: the "extract" phase), and must not extract a second time.
        extracted = (files.rdd.map(lambda r: (r.order, r.source, r.content))
                     .mapPartitions(lambda rows: extract_partition(rows, lang)).cache())
        results = (extracted.map(lambda r: (r[0], r[1:])).sortByKey().values()     # the single-machine order
                   .zipWithIndex().cache())
        problems = results.filter(lambda r: r[0][2] is not None).map(lambda r: (r[0][0], r[0][2], r[0][3])).collect()
        fatal = [p for _, p, is_fatal in problems if is_fatal]
        if fatal:
            raise ReelgraphError(fatal[0])
        result.failed = [(source, problem) for source, problem, _ in problems]
        for _, problem in result.failed:
            log.error("%s", problem)
        clock = _lap(result, "extract", clock)

        numbered = results.filter(lambda r: r[0][1] is not None).map(lambda r: (r[1], r[0][1]))
        docs = spark.createDataFrame(numbered.map(lambda r: (r[0], r[1])), "number long, extraction string")
        if fmt == "jsonl":
            docs.orderBy("number").select("extraction").write.mode("overwrite").text(output_path)
        else:
            doc = F.get_json_object("extraction", "$.document")
            (docs.orderBy("number")
             .select(F.get_json_object(doc, "$.source").alias("source"),
                     F.get_json_object(doc, "$.language").alias("language"),
                     F.get_json_object(doc, "$.title").alias("title"), "extraction")
             .write.mode("overwrite").parquet(output_path))
        result.documents = docs.count()
        clock = _lap(result, "write", clock)

        clusters, result.rounds = resolve_clusters(spark, numbered)
        clusters = clusters.cache()
        result.clusters = clusters.count()
        _write_clusters(spark, clusters, numbered, os.path.join(output_path, "_clusters"))
        clock = _lap(result, "resolve", clock)

        if db_url is not None:
            ordered = numbered.values().toLocalIterator()      # already in document order
            result.stored = load(ordered, db_url, result.failed)
            _lap(result, "load", clock)
        return result
    finally:
        if own_session:
            spark.stop()


def _lap(result: BatchResult, phase: str, since: float) -> float:
    """Record the wall time of a phase (for logs and the benchmark); returns now."""
    now = time.perf_counter()
    result.seconds[phase] = round(now - since, 3)
    log.info("batch %s: %.1f s", phase, now - since)
    return now


def _write_clusters(spark: "SparkSession", clusters: "DataFrame", numbered: Any, path: str) -> None:
    """Groups of more than one document entity, each with its type, names and (source, entity id) members."""
    from pyspark.sql import functions as F

    def members(rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, str, str, list[str]]]:
        for number, payload in rows:
            obj = json.loads(payload)
            for i, e in enumerate(obj["entities"]):
                yield ((number << ENTITY_BITS) | i, obj["document"]["source"], e["id"], e["type"],
                       [e["name"], *e["aliases"]])

    ents = spark.createDataFrame(numbered.mapPartitions(members),
                                 "gid long, source string, entity string, type string, names array<string>")
    multi = clusters.where(F.size("members") > 1).select(F.col("members")[0].alias("cluster"),
                                                          F.explode("members").alias("gid"))
    (multi.join(ents, "gid")
     .groupBy("cluster")
     .agg(F.first("type").alias("type"), F.array_sort(F.array_distinct(F.flatten(F.collect_list("names")))).alias("names"),
          F.array_sort(F.collect_list(F.struct("source", "entity"))).alias("members"))
     .orderBy("cluster").write.mode("overwrite").json(path))


def load(extractions: Iterable[str], db_url: str, failed: list[tuple[str, str]] | None = None) -> dict[str, int]:
    """Ingest extraction JSON strings, in the order given, into the store at `db_url`.

    A document the store refuses is rolled back, added to `failed` and skipped,
    as `reelgraph ingest` does.
    """
    from reelgraph.model import Extraction
    from reelgraph.store import open_store

    counts: dict[str, int] = {}
    with open_store(db_url) as store:
        for payload in extractions:
            extraction = Extraction.from_json(json.loads(payload))
            try:
                status = store.ingest(extraction).status
            except StoreError as err:
                log.error("%s", err)
                if failed is not None:
                    failed.append((extraction.document.source, str(err)))
                continue
            counts[status] = counts.get(status, 0) + 1
    return counts
