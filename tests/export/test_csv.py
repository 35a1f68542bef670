"""Neo4j CSV export: the import headers, ids that connect, folder, prefix and zip outputs."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from reelgraph import query
from reelgraph.errors import UsageError
from reelgraph.export import EXPORTERS


def read(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def check(nodes: list[dict[str, str]], edges: list[dict[str, str]], store) -> None:
    ids = [n["id:ID"] for n in nodes]
    assert len(ids) == len(set(ids))
    assert all(e[":START_ID"] in ids and e[":END_ID"] in ids for e in edges)
    assert len(edges) == len(query.list_facts(store, include_rejected=True))
    by_type = {e[":TYPE"]: e for e in edges}
    director = by_type["P57"]
    assert director[":END_ID"] == "e" + str(query.find_entities(store, "Anja Kovacic")[0]["id"])
    assert director["evidence_sources:string[]"].split(";") == ["news/silver-harbour-premiere.txt",
                                                               "news/kovacic-interview.txt"]
    assert by_type["P161"]["P453"] == "Captain Reyes" and by_type["P161"]["P453_id"] in ids
    assert by_type["P272"]["status"] == "rejected"
    money = next(n for n in nodes if n["id:ID"] == by_type["P2142"][":END_ID"])
    assert money[":LABEL"] == "Literal;Quantity" and money["value"] == "21700000" and money["unit"] == "USD"
    person = next(n for n in nodes if n["id:ID"] == director[":END_ID"])
    assert person[":LABEL"] == "Entity;Person"
    assert set(person["names:string[]"].split(";")) == {"Anja Kovačić", "Anja Kovacic"}


def test_csv_folder(curated, tmp_path):
    EXPORTERS["csv"](curated, tmp_path / "neo4j")
    nodes, edges = read(tmp_path / "neo4j" / "nodes.csv"), read(tmp_path / "neo4j" / "edges.csv")
    assert list(nodes[0])[:2] == ["id:ID", ":LABEL"]
    assert list(edges[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    check(nodes, edges, curated)


def test_csv_prefix(curated, tmp_path):
    EXPORTERS["csv"](curated, tmp_path / "graph.csv")
    check(read(tmp_path / "graph_nodes.csv"), read(tmp_path / "graph_edges.csv"), curated)


def test_csv_zip_path_and_binary_stream(curated, tmp_path):
    EXPORTERS["csv"](curated, tmp_path / "graph.zip")
    buf = io.BytesIO()
    EXPORTERS["csv"](curated, buf)
    for source in (tmp_path / "graph.zip", io.BytesIO(buf.getvalue())):
        with zipfile.ZipFile(source) as zf:
            tables = {name: list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8", newline="")))
                      for name in ("nodes.csv", "edges.csv")}
        check(tables["nodes.csv"], tables["edges.csv"], curated)


def test_csv_refuses_a_text_stream(curated):
    with pytest.raises(UsageError):
        EXPORTERS["csv"](curated, io.StringIO())
