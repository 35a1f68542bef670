"""Exports of the whole graph, one function per format: `EXPORTERS[name](store, out)`.

`out` is a path or an open stream (csv needs a folder, prefix, .zip path or binary stream).
"""

from __future__ import annotations

from typing import Any, Callable

from reelgraph.export.csv import export_csv
from reelgraph.export.jsonl import export_jsonl
from reelgraph.export.jsonld import export_jsonld
from reelgraph.export.rdf import export_ttl

EXPORTERS: dict[str, Callable[[Any, Any], None]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "jsonld": export_jsonld,
    "ttl": export_ttl,
}

__all__ = ["EXPORTERS", "export_csv", "export_jsonl", "export_jsonld", "export_ttl"]
