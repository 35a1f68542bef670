"""Document -> Extraction: picks the language module by `doc.language`.

Each language module (`en`, `ru`, `zh`) exposes `extract(doc) -> Extraction`
and is imported only when a document of its language arrives, so English
users never load the Russian or Chinese models.
"""

from __future__ import annotations

import importlib

from reelgraph.errors import UsageError
from reelgraph.model import Document, Extraction

LANGUAGES = ("en", "ru", "zh")


def extract(doc: Document) -> Extraction:
    """Entities and facts of one document, by the module of its language."""
    if doc.language not in LANGUAGES:
        raise UsageError(f"{doc.source}: no extractor for language {doc.language!r} "
                         f"(supported: {', '.join(LANGUAGES)})")
    module = importlib.import_module(f"reelgraph.extract.{doc.language}")
    return module.extract(doc)


__all__ = ["extract", "LANGUAGES"]
