"""One local[2] SparkSession for every Spark test, and a graph summary to compare stores by."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any, Iterator

import pytest

@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """Started once: a JVM and its Python workers cost seconds, reused by every Spark test."""
    from reelgraph.batch.spark import spark_session

    session = spark_session("local[2]", app_name="reelgraph-tests")
    yield session
    session.stop()


def _term(t: dict[str, Any]) -> tuple:
    if isinstance(t, list):                 # a qualifier may hold several terms
        return tuple(_term(x) for x in t)
    if isinstance(t.get("entity"), dict):
        return ("entity", t["entity"]["type"], t["entity"]["name"])
    return ("value", t.get("value"), t.get("datatype"), t.get("unit"))


def summarise(store: Any) -> dict[str, Counter]:
    """The store's JSON Lines export by names, not ids: documents, entities, facts (multisets).

    An entity is (type, name, sorted aliases); a fact is (subject type and name,
    predicate, object, qualifiers, status, evidence spans with their source).
    """
    from reelgraph.export import EXPORTERS

    buf = io.StringIO()
    EXPORTERS["jsonl"](store, buf)
    out: dict[str, Counter] = {"documents": Counter(), "entities": Counter(), "facts": Counter()}
    for line in buf.getvalue().splitlines():
        obj = json.loads(line)
        if obj["kind"] == "document":
            out["documents"][(obj["source"], obj["hash"], obj["language"])] += 1
        elif obj["kind"] == "entity":
            out["entities"][(obj["type"], obj["name"], tuple(sorted(obj["aliases"])))] += 1
        else:
            quals = tuple(sorted((k, _term(v)) for k, v in (obj.get("qualifiers") or {}).items()))
            spans = tuple(sorted((e["source"], e["start"], e["end"]) for e in obj["evidence"]))
            out["facts"][(obj["subject"]["type"], obj["subject"]["name"], obj["predicate"],
                          _term(obj["object"]), quals, obj["status"], spans)] += 1
    return out


def same_graph(got: dict[str, Counter], want: dict[str, Counter]) -> None:
    """Equal summaries; on failure, show a few differences of each kind."""
    for kind in ("documents", "entities", "facts"):
        extra = sorted((got[kind] - want[kind]).elements())[:5]
        missing = sorted((want[kind] - got[kind]).elements())[:5]
        assert not extra and not missing, f"{kind}: extra {extra}, missing {missing}"


@pytest.fixture(scope="session")
def graph_summary():
    """`summarise(store)`: the store's export as multisets of names (see above)."""
    return summarise


@pytest.fixture(scope="session")
def assert_same_graph():
    """`same_graph(got, want)`: assert two summaries are equal, showing differences."""
    return same_graph
