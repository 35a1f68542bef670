"""JSON Lines export: documents, entities with all their names, facts with evidence and status."""

from __future__ import annotations

import io
import json

from reelgraph.export import EXPORTERS


def test_jsonl_lists_every_kind(curated, tmp_path):
    out = tmp_path / "graph.jsonl"
    EXPORTERS["jsonl"](curated, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds, key=["document", "entity", "fact"].index)
    stats = curated.stats()
    assert kinds.count("document") == stats["documents"]
    assert kinds.count("entity") == stats["entities"]
    assert kinds.count("fact") == stats["facts"]
    person = next(r for r in rows if r["kind"] == "entity" and r["name"] == "Tomas Lindqvist")
    assert person["aliases"] == ["Lindqvist"] and person["type"] == "Person"
    statuses = {r["predicate"]: r["status"] for r in rows if r["kind"] == "fact"}
    assert statuses["P272"] == "rejected"
    doc = next(r for r in rows if r["kind"] == "document")
    for fact in (r for r in rows if r["kind"] == "fact"):
        for ev in fact["evidence"]:
            if ev["document_id"] == doc["id"]:
                assert doc["text"][ev["start"]:ev["end"]] == ev["text"]


def test_jsonl_to_a_stream_matches_the_file(curated, tmp_path):
    buf = io.StringIO()
    EXPORTERS["jsonl"](curated, buf)
    EXPORTERS["jsonl"](curated, tmp_path / "a.jsonl")
    assert buf.getvalue() == (tmp_path / "a.jsonl").read_text(encoding="utf-8")
