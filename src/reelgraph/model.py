"""Plain, typed data passed between stages.

Everything here serialises to and from the extraction JSON contract
(`shared/contracts/extraction-json.md`) so a stage can run in another
process (Spark) or be stored and reloaded without loss.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("Film", "Person", "Character", "Organization", "Venue", "City",
                "Region", "Country", "Event", "Other")


def text_hash(text: str) -> str:
    """Stable document id: sha256 of the normalized text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One article as read: `text` is what every offset points into."""

    source: str
    text: str
    title: str | None = None
    language: str = "en"
    published: str | None = None          # ISO date from metadata, if any
    reference_date: str | None = None     # ISO date relative dates resolve against
    reference_how: str | None = None      # how reference_date was found
    # [start, end) of text the page set in italics (<i>, <em>, <cite>): house style for titles.
    # Not part of the contract's JSON; only the reader of an HTML page fills it.
    emphasis: tuple[tuple[int, int], ...] = ()

    @property
    def id(self) -> str:
        return text_hash(self.text)

    def to_json(self) -> dict[str, Any]:
        ref = None
        if self.reference_date:
            ref = f"{self.reference_date} ({self.reference_how})" if self.reference_how else self.reference_date
        return {"source": self.source, "id": self.id, "title": self.title, "language": self.language,
                "published": self.published, "reference_date": ref, "text": self.text}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Document":
        ref, how = obj.get("reference_date"), None
        if ref and " (" in ref and ref.endswith(")"):
            ref, how = ref[:-1].split(" (", 1)
        return cls(source=obj["source"], text=obj.get("text") or "", title=obj.get("title"),
                   language=obj.get("language") or "en", published=obj.get("published"),
                   reference_date=ref, reference_how=how)


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the document text."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Span":
        return cls(obj["start"], obj["end"], obj["text"])


@dataclass
class Entity:
    """An entity within one document: `id` is local to that document (e1, e2...)."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases),
                "mentions": [m.to_json() for m in self.mentions]}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Entity":
        return cls(obj["id"], obj["type"], obj["name"], list(obj.get("aliases") or []),
                   [Span.from_json(m) for m in obj.get("mentions") or []])


@dataclass(frozen=True)
class Term:
    """An object or qualifier value: an entity id, or a typed literal."""

    entity: str | None = None
    value: str | None = None
    datatype: str | None = None   # "date" | "string" | "quantity"
    unit: str | None = None       # ISO 4217 code for money

    def to_json(self) -> dict[str, Any]:
        if self.entity is not None:
            return {"entity": self.entity}
        out: dict[str, Any] = {"value": self.value, "datatype": self.datatype or "string"}
        if self.unit:
            out["unit"] = self.unit
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Term":
        if "entity" in obj:
            return cls(entity=obj["entity"])
        return cls(value=str(obj.get("value")), datatype=obj.get("datatype"), unit=obj.get("unit"))


@dataclass
class Fact:
    """subject -predicate-> object, with qualifiers, confidence and evidence spans."""

    subject: str
    predicate: str
    label: str
    object: Term
    qualifiers: dict[str, Term] = field(default_factory=dict)
    confidence: float = 0.5
    evidence: list[Span] = field(default_factory=list)

    def key(self) -> tuple:
        """What makes two facts of one document the same fact."""
        return (self.subject, self.predicate, self.object,
                tuple(sorted(self.qualifiers.items())))

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "predicate": self.predicate, "label": self.label,
                "object": self.object.to_json(),
                "qualifiers": {k: v.to_json() for k, v in self.qualifiers.items()},
                "confidence": round(self.confidence, 3),
                "evidence": [e.to_json() for e in self.evidence]}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Fact":
        quals = {}
        for k, v in (obj.get("qualifiers") or {}).items():
            quals[k] = Term.from_json(v[0] if isinstance(v, list) else v)
        return cls(obj["subject"], obj["predicate"], obj.get("label", ""), Term.from_json(obj["object"]),
                   quals, float(obj.get("confidence", 0.5)),
                   [Span.from_json(e) for e in obj.get("evidence") or []])


@dataclass
class Extraction:
    """What one document says: its entities and facts."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document.to_json(),
                "entities": [e.to_json() for e in self.entities],
                "facts": [f.to_json() for f in self.facts]}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> "Extraction":
        return cls(Document.from_json(obj["document"]),
                   [Entity.from_json(e) for e in obj.get("entities") or []],
                   [Fact.from_json(f) for f in obj.get("facts") or []])
