"""JSON Lines: one object per line, `kind` = document, entity or fact.

Documents come first (with their text), then entities with every name and
alias they gathered across documents (so a reader can check the clusters),
then facts in the query fact shape with status and evidence. Rejected facts
are kept with their status, since this is the lossless dump.
"""

from __future__ import annotations

import json
from typing import Any

from reelgraph.export.output import Target, text_out
from reelgraph.query import iter_documents, iter_entities, iter_facts
from reelgraph.store import Store


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def export_jsonl(store: Store, out: Target) -> None:
    """Write the whole graph as JSON Lines to a path or text stream."""
    with text_out(out) as fh:
        for doc in iter_documents(store):
            fh.write(_line({"kind": "document", **doc}))
        for ent in iter_entities(store):
            aliases = list(dict.fromkeys(n["name"] for n in ent["names"] if n["name"] != ent["name"]))
            fh.write(_line({"kind": "entity", **ent, "aliases": aliases}))
        for fact in iter_facts(store):
            fh.write(_line({"kind": "fact", **fact}))
