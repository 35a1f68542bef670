"""Nodes and edges CSV files that `neo4j-admin database import full` accepts.

Nodes are entities (`:ID` `e<id>`, labels `Entity;<Type>`) and literal
values: a literal object becomes its own node (`:ID` `v<fact id>`, labels
`Literal;Date|String|Quantity`) rather than a property of its subject,
because a film can have several release dates or box-office figures, each
with its own qualifiers, status and evidence, which only an edge can carry.
Each fact is one edge (`:TYPE` the predicate id, `rg:` ids with `_` for `:`)
with its status, confidence, evidence sources and quotes (string arrays,
Neo4j's default `;` delimiter), and one column per qualifier property
(the qualifier's name or value, plus `<P>_id` for an entity qualifier).
Rejected facts are exported with `status` = rejected, so they can be filtered.

Where it writes: a folder (`nodes.csv`, `edges.csv`), a `.zip` path or binary
stream (a zip holding the two), or any other path as a prefix
(`PREFIX_nodes.csv`, `PREFIX_edges.csv`). Then, for example:
`neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import IO, Any, Iterator, Union

import sqlalchemy as sa

from reelgraph.errors import UsageError
from reelgraph.query import iter_entities, iter_facts
from reelgraph.store import Store
from reelgraph.store.schema import fact_qualifiers

NODE_HEADER = ["id:ID", ":LABEL", "name", "type", "names:string[]", "value", "datatype", "unit"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "fact_id:long", "predicate", "label", "status",
               "confidence:float", "evidence_sources:string[]", "evidence_text:string[]"]


def _array(items: list[str]) -> str:
    # Neo4j splits arrays on ';'; a ';' inside an item would split it, so it becomes ','.
    return ";".join(str(i).replace(";", ",") for i in items)


def _qualifier_properties(store: Store) -> list[str]:
    with store.read() as conn:
        return sorted(r.property for r in conn.execute(sa.select(fact_qualifiers.c.property).distinct()))


def _node_rows(store: Store) -> Iterator[list[Any]]:
    for ent in iter_entities(store):
        names = list(dict.fromkeys(n["name"] for n in ent["names"]))
        yield [f"e{ent['id']}", f"Entity;{ent['type']}", ent["name"], ent["type"], _array(names), "", "", ""]
    for fact in iter_facts(store):
        obj = fact["object"]
        if "entity" not in obj:
            kind = (obj.get("datatype") or "string").capitalize()
            yield [f"v{fact['id']}", f"Literal;{kind}", obj["value"], "", "", obj["value"],
                   obj.get("datatype") or "string", obj.get("unit") or ""]


def _edge_rows(store: Store, quals: list[str]) -> Iterator[list[Any]]:
    for fact in iter_facts(store):
        obj = fact["object"]
        end = f"e{obj['entity']['id']}" if "entity" in obj else f"v{fact['id']}"
        row = [f"e{fact['subject']['id']}", end, fact["predicate"].replace(":", "_"), fact["id"],
               fact["predicate"], fact["label"], fact["status"], fact["confidence"],
               _array([ev["source"] for ev in fact["evidence"]]), _array([ev["text"] for ev in fact["evidence"]])]
        for prop in quals:
            q = fact["qualifiers"].get(prop)
            if q is None:
                row += ["", ""]
            elif "entity" in q:
                row += [q["entity"]["name"], f"e{q['entity']['id']}"]
            else:
                row += [q["value"], ""]
        yield row


def _write(fh: IO[str], header: list[str], rows: Iterator[list[Any]]) -> None:
    writer = csv.writer(fh)
    writer.writerow(header)
    writer.writerows(rows)


def export_csv(store: Store, out: Union[str, Path, IO[bytes], IO[str]]) -> None:
    """Write nodes and edges CSVs to a folder, a prefix, a .zip path or a binary stream."""
    quals = _qualifier_properties(store)
    edge_header = EDGE_HEADER + [c for p in quals for c in (p.replace(":", "_"), f"{p.replace(':', '_')}_id")]
    if hasattr(out, "write"):
        if isinstance(out, io.TextIOBase):
            raise UsageError("the csv export writes two files: give a folder, a prefix or a .zip path")
        _write_zip(out, store, edge_header, quals)
        return
    path = Path(out)
    if path.suffix == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            _write_zip(fh, store, edge_header, quals)
        return
    if path.is_dir() or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        nodes_path, edges_path = path / "nodes.csv", path / "edges.csv"
    else:
        stem = path.with_suffix("") if path.suffix == ".csv" else path
        nodes_path, edges_path = Path(f"{stem}_nodes.csv"), Path(f"{stem}_edges.csv")
        nodes_path.parent.mkdir(parents=True, exist_ok=True)
    with nodes_path.open("w", encoding="utf-8", newline="") as fh:
        _write(fh, NODE_HEADER, _node_rows(store))
    with edges_path.open("w", encoding="utf-8", newline="") as fh:
        _write(fh, edge_header, _edge_rows(store, quals))


def _write_zip(fh: IO[bytes], store: Store, edge_header: list[str], quals: list[str]) -> None:
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, header, rows in (("nodes.csv", NODE_HEADER, _node_rows(store)),
                                   ("edges.csv", edge_header, _edge_rows(store, quals))):
            with zf.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
                _write(text, header, rows)
